/* SPDX-License-Identifier: MIT */
/*
 * GET /v1/me: who the caller is, how they authenticated, the organizations
 * they belong to with their role in each, and invitations waiting for them.
 */
#include <string.h>

#include "authz.h"
#include "db.h"
#include "invitations.h"
#include "json.h"
#include "orgs.h"
#include "reply.h"
#include "router.h"
#include "stamp.h"
#include "users.h"

/* The key's status as api.md names it. */
static const char *me_key_status(sqlite3_stmt *st, int revoked, int expires)
{
	if (!db_null(st, revoked))
		return "revoked";
	if (!db_null(st, expires) &&
	    sqlite3_column_int64(st, expires) <= stamp_now())
		return "expired";
	return "active";
}

/* Fills @key from the row of the query in me_key(). */
static int me_key_fields(cJSON *key, sqlite3_stmt *st)
{
	if (cJSON_AddStringToObject(key, "object", "api_key") == NULL ||
	    json_add_col(key, "id", st, 0) == NULL ||
	    json_add_col(key, "name", st, 1) == NULL ||
	    json_add_col(key, "scope", st, 2) == NULL ||
	    json_add_col(key, "org_id", st, 3) == NULL ||
	    json_add_col(key, "project_id", st, 4) == NULL ||
	    json_add_col(key, "role", st, 5) == NULL ||
	    json_add_col(key, "redacted", st, 6) == NULL ||
	    !cJSON_AddItemToObject(key, "created_by", users_json(st, 14)) ||
	    json_add_col_time(key, "created_at", st, 7) == NULL ||
	    json_add_col_time(key, "expires_at", st, 8) == NULL ||
	    json_add_col_time(key, "last_used_at", st, 10) == NULL ||
	    cJSON_AddNumberToObject(key, "use_count",
				    (double)sqlite3_column_int64(st, 11)) ==
		    NULL ||
	    cJSON_AddStringToObject(key, "status", me_key_status(st, 9, 8)) ==
		    NULL ||
	    json_add_etag(key, sqlite3_column_int64(st, 12)) == NULL)
		return -1;
	return 0;
}

/* The api_key object of the calling key. */
static cJSON *me_key(struct req *req)
{
	cJSON *key = cJSON_CreateObject();
	sqlite3_stmt *st;
	int rc = -1;

	st = db_stmt(
		req->db,
		"SELECT k.id, k.name, k.scope, k.org_id, k.project_id,"
		" k.role, k.redacted, k.created_at, k.expires_at,"
		" k.revoked_at, k.last_used_at, k.use_count, k.version,"
		" NULL, " USERS_COLUMNS("u") " FROM api_keys k"
					     " JOIN users u ON u.id = "
					     "k.created_by WHERE k.id = ?1",
		"t", req->who.id);
	if (st != NULL && key != NULL && db_step(st) == 1)
		rc = me_key_fields(key, st);
	db_done(&st);
	if (rc < 0)
		cJSON_Delete(key);
	return rc < 0 ? NULL : key;
}

static cJSON *me_auth(struct req *req)
{
	cJSON *auth = cJSON_CreateObject();
	bool key = req->who.type == PRINCIPAL_KEY;

	if (cJSON_AddStringToObject(auth, "type", key ? "key" : "user") ==
		    NULL ||
	    (key && !cJSON_AddItemToObject(auth, "key", me_key(req)))) {
		cJSON_Delete(auth);
		return NULL;
	}
	return auth;
}

/* Adds one organization row of me_orgs()' query to @list. */
static int me_org_row(struct req *req, cJSON *list, sqlite3_stmt *st)
{
	struct access a;

	authz_org_from(&a, &req->who, db_text(st, 0),
		       strcmp(db_text(st, 2), "personal") == 0, db_text(st, 3),
		       db_null(st, ORGS_NCOLUMNS) ? NULL
						  : db_text(st, ORGS_NCOLUMNS));
	return cJSON_AddItemToArray(list, orgs_json(st, 0, &a)) ? 0 : -1;
}

/* Every organization of the caller, personal first; a key's own only. */
static cJSON *me_orgs(struct req *req)
{
	cJSON *list = cJSON_CreateArray();
	sqlite3_stmt *st;
	int rc;

	if (req->who.type == PRINCIPAL_KEY)
		st = db_stmt(
			req->db,
			"SELECT " ORGS_COLUMNS(
				"o") ", m.role FROM orgs o"
				     " LEFT JOIN members m ON m.org_id = o.id"
				     "  AND m.user_id = ?2 WHERE o.id = ?1",
			"tt", req->who.org_id, req->who.user_id);
	else
		st = db_stmt(
			req->db,
			"SELECT " ORGS_COLUMNS("o") ", m.role"
						    " FROM members m JOIN orgs "
						    "o ON o.id = m.org_id"
						    " WHERE m.user_id = ?1"
						    " ORDER BY o.kind = "
						    "'personal' DESC, o.seq",
			"t", req->who.user_id);

	for (rc = st != NULL && list != NULL ? db_step(st) : -1; rc == 1;
	     rc = db_step(st))
		if (me_org_row(req, list, st) < 0)
			rc = -1;
	db_done(&st);
	if (rc < 0)
		cJSON_Delete(list);
	return rc < 0 ? NULL : list;
}

/* Pending invitations addressed to the caller's email (none for keys). */
static cJSON *me_invitations(struct req *req)
{
	cJSON *list = cJSON_CreateArray();
	sqlite3_stmt *st;
	int rc = 0;

	if (req->who.type == PRINCIPAL_KEY || list == NULL)
		return list;
	st = db_stmt(
		req->db,
		"SELECT " INVITATIONS_COLUMNS(
			"i",
			"?2") " FROM invitations i"
			      " JOIN orgs o ON o.id = i.org_id WHERE i.email = "
			      "?1"
			      " AND i.status = 'pending' AND i.expires_at > ?2"
			      " ORDER BY i.seq",
		"ti", req->who.email, stamp_now());

	for (rc = st != NULL ? db_step(st) : -1; rc == 1; rc = db_step(st))
		if (!cJSON_AddItemToArray(list, invitations_json(st, 0)))
			rc = -1;
	db_done(&st);
	if (rc < 0)
		cJSON_Delete(list);
	return rc < 0 ? NULL : list;
}

static int me_get(struct req *req)
{
	cJSON *me = cJSON_CreateObject();

	if (cJSON_AddStringToObject(me, "object", "me") == NULL ||
	    !cJSON_AddItemToObject(me, "user",
				   users_load(req->db, req->who.user_id)) ||
	    !cJSON_AddItemToObject(me, "auth", me_auth(req)) ||
	    !cJSON_AddItemToObject(me, "organizations", me_orgs(req)) ||
	    !cJSON_AddItemToObject(me, "invitations", me_invitations(req))) {
		cJSON_Delete(me);
		return reply_internal(req, "building me");
	}
	return reply_json(req, 200, me);
}

const struct route me_routes[] = {
	{ "GET", "/v1/me", me_get, 0 },
	{ NULL, NULL, NULL, 0 },
};
