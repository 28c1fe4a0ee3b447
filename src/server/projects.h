/* SPDX-License-Identifier: MIT */
/* Projects: the object other files show, and making one for the demo. */
#ifndef ORGDECKD_PROJECTS_H
#define ORGDECKD_PROJECTS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "authz.h"
#include "ids.h"
#include "req.h"

/* The columns projects_json() reads, for table alias @a. */
#define PROJECTS_COLUMNS(a)                                      \
	a ".id, " a ".org_id, " a ".name, " a ".description, " a \
	  ".created_at, " a ".updated_at, " a ".version"
#define PROJECTS_NCOLUMNS 7

/*
 * The project object from PROJECTS_COLUMNS at column @col of @st, with
 * the role and actions of @a.  Caller owns; NULL when out of memory.
 */
cJSON *projects_json(sqlite3_stmt *st, int col, const struct access *a);

/* Loads project a->project_id as projects_json() shows it; NULL if none. */
cJSON *projects_load(sqlite3 *db, const struct access *a);

/*
 * Makes project @name (described by @desc, or "" when NULL) in
 * organization @org_id as req->who, with the checks and the event of the
 * API's create, and writes its ID to @id.  @name must already be a valid
 * name.  Runs inside the caller's transaction.  Returns 0, or -1 after
 * answering (403, 404, 409 name_taken, 500).
 */
int projects_insert(struct req *req, char id[ID_SIZE], const char *org_id,
		    const char *name, const char *desc);

#endif
