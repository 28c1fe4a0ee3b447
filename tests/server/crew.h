/* SPDX-License-Identifier: MIT */
/*
 * Test fixture for the resource, key and activity tests: a real orgdeckd
 * with one organization and a person in every role, made the way people
 * would make them, through the API.  The owner creates the organization and
 * a project, then invites everyone else; each invitee accepts by code and
 * so gets a personal token of their own.
 *
 * Project roles are given to organization Members, so that in the project
 * the project role alone decides what they may do.
 *
 * A struct crew owns its tokens and its server; crew_stop() releases both.
 */
#ifndef ORGDECK_TEST_CREW_H
#define ORGDECK_TEST_CREW_H

#include <stdbool.h>

#include "http.h"
#include "server.h"

/* Room for an ID the API returns (at most 64 characters). */
#define CREW_ID_SIZE 72

/* One person: a personal token and the user's ID. */
struct crew_person {
	char *token; /* odk_pat_...; freed by crew_stop() */
	char id[CREW_ID_SIZE];
};

struct crew {
	struct test_server srv;
	char org[CREW_ID_SIZE];	      /* "Acme", a team organization */
	char project[CREW_ID_SIZE];   /* "Prod", in that organization */
	char other[CREW_ID_SIZE];     /* "Staging", in that organization */
	struct crew_person owner;     /* made the org: owner and Admin */
	struct crew_person admin;     /* org Admin */
	struct crew_person manager;   /* org Manager */
	struct crew_person member;    /* org Member, no project role */
	struct crew_person p_admin;   /* org Member, Admin in Prod */
	struct crew_person p_manager; /* org Member, Manager in Prod */
	struct crew_person p_member;  /* org Member, Member in Prod */
	struct crew_person outsider;  /* a user in no organization but theirs */
};

/*
 * Starts a server and builds the whole cast.  Asserts (ending the test)
 * on any failure; crew_stop() is safe to call afterwards either way.
 */
void crew_start(struct crew *crew);

/* Stops the server, removes its directory and wipes every token. */
void crew_stop(struct crew *crew);

/*
 * Invites @email into the organization as @role, with the project roles in
 * @projects (a JSON array, or NULL), as the owner, then accepts by code.
 * Fills @person with the new user's token and ID.  Asserts on failure.
 */
void crew_join(struct crew *crew, struct crew_person *person, const char *email,
	       const char *role, const char *projects);

/*
 * Sends a request whose path is formatted from @fmt.  @body may be NULL.
 * Returns the HTTP status (0 when no answer came); @res is filled either
 * way and the caller releases it.
 */
long crew_call(struct test_response *res, struct crew *crew, const char *token,
	       const char *method, const char *body, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* As crew_call(), with extra "Name: value" headers (NULL-terminated). */
long crew_call_with(struct test_response *res, struct crew *crew,
		    const char *token, const char *method, const char *body,
		    const char *const *headers, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/*
 * POSTs @body to @path as @token, asserts a 201 and copies the new
 * object's "id" into @id (CREW_ID_SIZE bytes).
 */
void crew_create(struct crew *crew, const char *token, const char *path,
		 const char *body, char id[CREW_ID_SIZE]);

/* True when @needle occurs anywhere in the file at @path. */
bool crew_file_contains(const char *path, const char *needle);

/* Sleeps @ms milliseconds. */
void crew_sleep_ms(long ms);

#endif
