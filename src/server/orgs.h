/* SPDX-License-Identifier: MIT */
/* Organizations: the object other files show (me, acceptances). */
#ifndef ORGDECKD_ORGS_H
#define ORGDECKD_ORGS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "authz.h"
#include "req.h"

/* The columns orgs_json() reads, for table alias @a. */
#define ORGS_COLUMNS(a)                                                       \
	a ".id, " a ".name, " a ".kind, " a ".owner_id, " a ".created_at, " a \
	  ".updated_at, " a ".version"
#define ORGS_NCOLUMNS 7

/*
 * The organization object from ORGS_COLUMNS at column @col of @st, with
 * the role and actions of @a.  Caller owns; NULL when out of memory.
 */
cJSON *orgs_json(sqlite3_stmt *st, int col, const struct access *a);

/* Loads organization a->org_id as orgs_json() shows it; NULL if none. */
cJSON *orgs_load(sqlite3 *db, const struct access *a);

/*
 * Removes @user_id from organization @org_id and from all its projects.
 * Runs inside the caller's transaction; the caller writes the event.
 * Returns 0, or -1 (logged).
 */
int orgs_drop_member(struct req *req, const char *org_id, const char *user_id);

#endif
