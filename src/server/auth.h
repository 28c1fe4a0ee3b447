/* SPDX-License-Identifier: MIT */
/*
 * Who is asking: the bearer token of a request turned into a principal, a
 * user (personal token) or an API key, or the 401 that explains why not.
 *
 * A key carries its ceiling: its own role, its scope (org_id and, for a
 * project key, project_id), and the user who created it, whose current role
 * also caps the key (authz.h applies both).
 */
#ifndef ORGDECKD_AUTH_H
#define ORGDECKD_AUTH_H

#include "orgdeck/role.h"

#include "ids.h"

/* Room for a name (100 characters of UTF-8) and its NUL. */
#define AUTH_NAME_SIZE 404
/* Room for an email (254 characters) and its NUL. */
#define AUTH_EMAIL_SIZE 256

struct req;

enum principal_type {
	PRINCIPAL_NONE = 0, /* no token (the one public route) */
	PRINCIPAL_USER,
	PRINCIPAL_KEY,
};

struct principal {
	enum principal_type type;
	char id[ID_SIZE];	     /* the actor: usr_ or key_ */
	char name[AUTH_NAME_SIZE];   /* user's or key's name, for events */
	char user_id[ID_SIZE];	     /* the user, or the key's creator */
	char email[AUTH_EMAIL_SIZE]; /* the user's (or creator's) email */
	char org_id[ID_SIZE];	     /* keys: the key's organization */
	char project_id[ID_SIZE];    /* project keys: the project; else "" */
	enum role key_role;	     /* keys: the key's own role */
};

/*
 * Reads the Authorization header of @req and fills req->who.  Returns 0, or
 * -1 after answering 401 (missing, invalid, expired or revoked token, or a
 * key whose creator left).  A key's use is counted (last_used_at,
 * use_count).
 */
int auth_check(struct req *req);

/* Makes @who act as the user @user_id (e.g. after accepting by code). */
int auth_as_user(struct req *req, const char *user_id);

#endif
