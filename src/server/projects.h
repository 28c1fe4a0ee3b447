/* SPDX-License-Identifier: MIT */
/* Projects: the object other files show. */
#ifndef ORGDECKD_PROJECTS_H
#define ORGDECKD_PROJECTS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "authz.h"

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

#endif
