/* SPDX-License-Identifier: MIT */
/*
 * The screen tests' world: a real orgdeckd filled by `seed-demo`, the
 * demo people's tokens, and small HTTP helpers to read and change the
 * server's state between and after console runs, and the checks on a
 * console's dumps that every screen test makes.
 *
 * A struct demo owns its server and tokens; demo_stop() frees them.  The
 * helpers whose names say nothing of a struct demo work on the one world
 * `demo`, which demo_setup() starts and demo_teardown() stops.  Functions
 * that return void check with Criterion asserts: they belong inside a
 * test, its .init or its .fini.
 */
#ifndef ORGDECK_TEST_DEMO_H
#define ORGDECK_TEST_DEMO_H

#include "console.h"
#include "http.h"
#include "server.h"

/* The size the screen tests use, and where the footer and status are. */
#define DEMO_ROWS   40
#define DEMO_COLS   120
#define DEMO_FOOTER (DEMO_ROWS - 2)
#define DEMO_STATUS (DEMO_ROWS - 1)

/* Script lines that open DEMO_ORG through the palette, as a person would. */
#define DEMO_OPEN_ACME "key :\ntype org Acme Robotics\nkey Enter\nwait\n"

#define DEMO_OWNER   "owner@demo.orgdeck.test"
#define DEMO_ADMIN   "admin@demo.orgdeck.test"
#define DEMO_MANAGER "manager@demo.orgdeck.test"
#define DEMO_MEMBER  "member@demo.orgdeck.test"
#define DEMO_ORG     "Acme Robotics"

struct demo {
	struct test_server srv;
	char *owner, *admin, *manager, *member; /* personal tokens */
	char acme[80];				/* the id of DEMO_ORG */
};

/* The screen tests' world, one per test process. */
extern struct demo demo;

/* Starts a seeded server.  Returns 0, or -1 after printing why. */
int demo_start(struct demo *d);

/* Stops the server and frees the tokens. */
void demo_stop(struct demo *d);

/* Starts `demo` (asserting it did), for a TestSuite's .init. */
void demo_setup(void);

/* Stops `demo`, for a TestSuite's .fini. */
void demo_teardown(void);

/* The options of a console signed in with @token that runs @script
 * against @d's server at the demo's size; the caller may add more. */
struct console_opts demo_opts(struct demo *d, const char *token,
			      const char *script);

/* Runs @script in a console signed in with @token at the demo's size.
 * Returns console_run()'s answer. */
int demo_run(struct demo *d, struct console *c, const char *token,
	     const char *script);

/*
 * Starts @o's console and waits until it has written $DIR/@name, where
 * its script awaits $DIR/go: the test then changes the server behind the
 * console's back and lets it go on with demo_resume().
 */
void demo_pause(struct console *c, const struct console_opts *o,
		const char *name);

/* Lets a console paused by demo_pause() go on, and waits for it to end
 * with status 0. */
void demo_resume(struct console *c);

/* Loads the dump $DIR/@name of @c into @d (released by the caller). */
void demo_load(struct console_dump *d, struct console *c, const char *name);

/* Checks that @text stands on @d's status line (printing @d if not). */
void demo_status_is(const struct console_dump *d, const char *text);

/* True when the file $DIR/@name of @c holds @text, as written; the file
 * must exist. */
bool demo_file_has(const struct console *c, const char *name, const char *text);

/* GET @path as @token into @res (released by the caller).  Returns the
 * HTTP status, or -1. */
long demo_get(struct demo *d, struct test_response *res, const char *token,
	      const char *path);

/* The id of the member of Acme with @email, into @out (80 bytes). */
int demo_member_id(struct demo *d, char *out, const char *email);

/* Sends @method @path with @body as @token; returns the HTTP status and
 * fills @res (released by the caller), or -1. */
long demo_send(struct demo *d, struct test_response *res, const char *token,
	       const char *method, const char *path, const char *body);

/* Creates an organization called @name owned by @token's person; its id
 * goes to @id (80 bytes).  Returns 0 or -1. */
int demo_create_org(struct demo *d, char *id, const char *token,
		    const char *name);

/* Sets the role of member @user of Acme to @role as the owner, behind any
 * console's back, with the member's current etag (asserting it worked). */
void demo_set_role(struct demo *d, const char *user, const char *role);

/* Invites @email to organization @org as Member, as @token.  Returns 0 or
 * -1. */
int demo_invite(struct demo *d, const char *token, const char *org,
		const char *email);

#endif
