/* SPDX-License-Identifier: MIT */
/*
 * Test fixture for the API client against a real orgdeckd: a server with
 * one user (the owner), clients for any token, and one-line helpers that
 * run a call to its end and assert how it came back.
 *
 * A struct fx owns its server, the owner's token and client; fx_stop()
 * releases them.  Objects returned by fx_ok() belong to the caller, who
 * frees them with model_free() or the typed free function.
 */
#ifndef ORGDECK_TEST_API_FIXTURE_H
#define ORGDECK_TEST_API_FIXTURE_H

#include "orgdeck/api.h"
#include "server.h"

struct fx {
	struct test_server srv;
	char *owner_token;
	struct api *owner; /* a client acting as the owner */
};

/*
 * Starts orgdeckd with @serve_args (NULL-terminated, or NULL), adds the
 * user owner@example.com and makes a client for them.  Also sets up
 * libcurl.  Asserts on failure.
 */
void fx_start(struct fx *fx, const char *const *serve_args);

/* Stops the server and frees everything. */
void fx_stop(struct fx *fx);

/* A client of the fixture's server acting with @token (caller frees). */
struct api *fx_client(struct fx *fx, const char *token);

/* Adds a user with @email; returns their token (caller frees). */
char *fx_user(struct fx *fx, const char *email);

/*
 * Invites @email into @org as @role as the owner and accepts by code,
 * which makes a new user; returns their personal token (caller frees).
 */
char *fx_join(struct fx *fx, const char *org, const char *email,
	      enum role role);

/*
 * Runs request @id to its end and asserts success with an object of @type;
 * returns the object (the caller frees it).  @what names the call in
 * failure messages.
 */
void *fx_ok(struct api *api, unsigned long id, enum model_type type,
	    const char *what);

/*
 * Runs request @id and asserts it failed with HTTP @status and error
 * @code (NULL: any code).  Returns the error kind.
 */
enum api_err fx_fails(struct api *api, unsigned long id, long status,
		      const char *code, const char *what);

#endif
