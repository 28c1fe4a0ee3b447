/* SPDX-License-Identifier: MIT */
/*
 * Invitations: created by Admins for one or more emails, listed, revoked,
 * resent with a fresh code, and accepted or declined by the invitee, by
 * code (no account needed) or by id (signed in with the matching email).
 */
#include "invitations.h"

#include <string.h>

#include "db.h"
#include "json.h"
#include "router.h"

/* Adds the "projects" array from its JSON text column. */
static int invitations_projects(cJSON *inv, sqlite3_stmt *st, int col)
{
	cJSON *projects = json_from_col(st, col);

	if (!cJSON_IsArray(projects)) {
		cJSON_Delete(projects);
		projects = cJSON_CreateArray();
	}
	return cJSON_AddItemToObject(inv, "projects", projects) ? 0 : -1;
}

cJSON *invitations_json(sqlite3_stmt *st, int col)
{
	cJSON *inv = cJSON_CreateObject();

	if (cJSON_AddStringToObject(inv, "object", "invitation") == NULL ||
	    json_add_col(inv, "id", st, col) == NULL ||
	    json_add_col(inv, "org_id", st, col + 1) == NULL ||
	    json_add_col(inv, "org_name", st, col + 2) == NULL ||
	    json_add_col(inv, "email", st, col + 3) == NULL ||
	    json_add_col(inv, "role", st, col + 4) == NULL ||
	    invitations_projects(inv, st, col + 12) < 0 ||
	    json_add_col(inv, "status", st, col + 5) == NULL ||
	    json_add_col(inv, "invited_by", st, col + 6) == NULL ||
	    json_add_col_time(inv, "created_at", st, col + 7) == NULL ||
	    json_add_col_time(inv, "expires_at", st, col + 8) == NULL ||
	    cJSON_AddNumberToObject(inv, "sent_count",
				    sqlite3_column_int(st, col + 9)) == NULL ||
	    json_add_col_time(inv, "last_sent_at", st, col + 10) == NULL ||
	    json_add_etag(inv, sqlite3_column_int64(st, col + 11)) == NULL) {
		cJSON_Delete(inv);
		return NULL;
	}
	return inv;
}

const struct route invitations_routes[] = {
	{ NULL, NULL, NULL, 0 },
};
