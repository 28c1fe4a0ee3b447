/* SPDX-License-Identifier: MIT */
/*
 * The screen tests' world: a real orgdeckd filled by `seed-demo`, the
 * demo people's tokens, and small HTTP helpers to read and change the
 * server's state between and after console runs.
 *
 * A struct demo owns its server and tokens; demo_stop() frees them.
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

/* Starts a seeded server.  Returns 0, or -1 after printing why. */
int demo_start(struct demo *d);

/* Stops the server and frees the tokens. */
void demo_stop(struct demo *d);

/* Runs @script in a console signed in with @token at the demo's size.
 * Returns console_run()'s answer. */
int demo_run(struct demo *d, struct console *c, const char *token,
	     const char *script);

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

/* Invites @email to organization @org as Member, as @token.  Returns 0 or
 * -1. */
int demo_invite(struct demo *d, const char *token, const char *org,
		const char *email);

#endif
