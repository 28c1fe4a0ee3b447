/* SPDX-License-Identifier: MIT */
/*
 * People: making a user (with their personal organization and a personal
 * token), the user object, and the `orgdeckd user add` command.
 */
#ifndef ORGDECKD_USERS_H
#define ORGDECKD_USERS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "orgdeck/token.h"

#include "ids.h"
#include "req.h"

/* The columns users_json() reads, for table alias @a. */
#define USERS_COLUMNS(a) a ".id, " a ".email, " a ".name, " a ".created_at"
#define USERS_NCOLUMNS	 4

/*
 * Makes the user @email (valid, lower case) named @name, their personal
 * organization (with its org.create event) and a personal token, written
 * to @token (the caller wipes it).  Runs inside the caller's transaction
 * and makes req->who the new user.  Returns 0, 1 when the email is taken,
 * or -1 (logged).
 */
int users_create(struct req *req, char user_id[ID_SIZE], const char *email,
		 const char *name, char token[TOKEN_SIZE]);

/*
 * Issues a new personal token for @user_id into @token.  Returns 0, or -1
 * (logged).
 */
int users_token_new(sqlite3 *db, const char *user_id, char token[TOKEN_SIZE]);

/* The user object from USERS_COLUMNS at column @col of @st; caller owns. */
cJSON *users_json(sqlite3_stmt *st, int col);

/* Loads the user object of @user_id; caller owns; NULL when none. */
cJSON *users_load(sqlite3 *db, const char *user_id);

/* Finds the user with @email into @user_id.  Returns 1, 0 when none, -1. */
int users_find(sqlite3 *db, char user_id[ID_SIZE], const char *email);

#endif
