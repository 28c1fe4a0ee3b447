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

#include "http.h"
#include "server.h"

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

/* GET @path as @token into @res (released by the caller).  Returns the
 * HTTP status, or -1. */
long demo_get(struct demo *d, struct test_response *res, const char *token,
	      const char *path);

/* The id of the member of Acme with @email, into @out (80 bytes). */
int demo_member_id(struct demo *d, char *out, const char *email);

#endif
