/* SPDX-License-Identifier: MIT */
/*
 * GET /v1/me: who the caller is, how they authenticated, the organizations
 * they belong to with their role in each, and invitations waiting for them.
 */
#include "authz.h"
#include "db.h"
#include "invitations.h"
#include "json.h"
#include "keys.h"
#include "orgs.h"
#include "reply.h"
#include "router.h"
#include "stamp.h"
#include "users.h"

static cJSON *me_auth(struct req *req)
{
	cJSON *auth = cJSON_CreateObject();
	bool key = req->who.type == PRINCIPAL_KEY;

	if (cJSON_AddStringToObject(auth, "type", key ? "key" : "user") ==
		    NULL ||
	    (key && !cJSON_AddItemToObject(auth, "key",
					   keys_load(req->db, req->who.id)))) {
		cJSON_Delete(auth);
		return NULL;
	}
	return auth;
}

/* Adds one organization row of me_orgs()' query to @list. */
static int me_org_row(struct req *req, cJSON *list, sqlite3_stmt *st)
{
	struct access a;

	orgs_access_row(&a, &req->who, st);
	return cJSON_AddItemToArray(list, orgs_json(st, 0, &a)) ? 0 : -1;
}

/*
 * Every organization of the caller, personal first; a key's own only.  A
 * project key reaches only its project, so its organization reads role
 * "none" with no actions, as api.md says.
 */
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
