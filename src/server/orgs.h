/* SPDX-License-Identifier: MIT */
/*
 * Organizations: the object other files show (me, acceptances), and
 * making an organization or a member, which users.c, invitations.c and the
 * demo share with the API.
 */
#ifndef ORGDECKD_ORGS_H
#define ORGDECKD_ORGS_H

#include <stdbool.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "orgdeck/role.h"

#include "authz.h"
#include "ids.h"
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
 * Fills @out with @who's access to the organization of a row that has
 * ORGS_COLUMNS at column 0 and, right after them, @who's stored membership
 * role (NULL when not a member).
 */
void orgs_access_row(struct access *out, const struct principal *who,
		     sqlite3_stmt *st);

/*
 * Makes an organization named @name, personal or a team one, owned by
 * req->who, who becomes its Admin, with its org.create event.  Writes its
 * ID to @org_id.  Runs inside the caller's transaction.  Returns 0, or -1
 * (logged).
 */
int orgs_insert(struct req *req, char org_id[ID_SIZE], const char *name,
		bool personal);

/*
 * Makes @user_id a member of organization @org_id as @role.  Runs inside
 * the caller's transaction; the caller writes the event.  Returns 0, or -1
 * (logged, unless they already were a member).
 */
int orgs_add_member(struct req *req, const char *org_id, const char *user_id,
		    enum role role);

/*
 * Removes @user_id from organization @org_id and from all its projects.
 * Runs inside the caller's transaction; the caller writes the event.
 * Returns 0, or -1 (logged).
 */
int orgs_drop_member(struct req *req, const char *org_id, const char *user_id);

#endif
