/* SPDX-License-Identifier: MIT */
/*
 * Organizations: list, create, read, rename, delete, transfer ownership,
 * leave.  The owner is an Admin whose id is orgs.owner_id; every change
 * that touches ownership checks that invariant inside its transaction.
 */
#include "orgs.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "body.h"
#include "db.h"
#include "json.h"
#include "page.h"
#include "reply.h"
#include "router.h"
#include "stamp.h"

cJSON *orgs_json(sqlite3_stmt *st, int col, const struct access *a)
{
	cJSON *org = cJSON_CreateObject();

	if (cJSON_AddStringToObject(org, "object", "organization") == NULL ||
	    json_add_col(org, "id", st, col) == NULL ||
	    json_add_col(org, "name", st, col + 1) == NULL ||
	    json_add_col(org, "kind", st, col + 2) == NULL ||
	    json_add_col(org, "owner_id", st, col + 3) == NULL ||
	    json_add_col_time(org, "created_at", st, col + 4) == NULL ||
	    json_add_col_time(org, "updated_at", st, col + 5) == NULL ||
	    json_add_etag(org, sqlite3_column_int64(st, col + 6)) == NULL ||
	    authz_describe(org, a) < 0) {
		cJSON_Delete(org);
		return NULL;
	}
	return org;
}

cJSON *orgs_load(sqlite3 *db, const struct access *a)
{
	sqlite3_stmt *st;
	cJSON *org = NULL;

	st = db_stmt(db,
		     "SELECT " ORGS_COLUMNS("o") " FROM orgs o"
						 " WHERE o.id = ?1",
		     "t", a->org_id);
	if (st != NULL && db_step(st) == 1)
		org = orgs_json(st, 0, a);
	db_done(&st);
	return org;
}

/* Answers the organization @a names, as it is now. */
static int orgs_reply(struct req *req, unsigned int status,
		      const struct access *a)
{
	return reply_json(req, status, orgs_load(req->db, a));
}

/* Reads an organization's version inside a transaction; -1 if gone. */
static int64_t orgs_version(struct req *req, const char *org_id)
{
	int64_t version = -1;

	if (db_int(req->db, &version, "SELECT version FROM orgs WHERE id = ?1",
		   "t", org_id) != 1)
		return -1;
	return version;
}

void orgs_access_row(struct access *out, const struct principal *who,
		     sqlite3_stmt *st)
{
	authz_org_from(out, who, db_text(st, 0),
		       strcmp(db_text(st, 2), "personal") == 0, db_text(st, 3),
		       db_null(st, ORGS_NCOLUMNS) ? NULL
						  : db_text(st, ORGS_NCOLUMNS));
}

/* Adds the row at @st to @items, unless @who (@ctx) has no role there. */
static int orgs_list_row(cJSON *items, sqlite3_stmt *st, const void *ctx)
{
	struct access a;

	orgs_access_row(&a, ctx, st);
	if (a.role == ROLE_NONE)
		return 0;
	return cJSON_AddItemToArray(items, orgs_json(st, 0, &a)) ? 0 : -1;
}

/*
 * The organizations the caller belongs to (a key: its own), oldest first.
 * ?1 is the user (or key creator), ?2 the key's organization or NULL.
 */
static const char orgs_list_sql[] = "SELECT " ORGS_COLUMNS(
	"o") ", m.role FROM members m"
	     " JOIN orgs o ON o.id = m.org_id"
	     " WHERE m.user_id = ?1 AND (?2 IS NULL OR o.id = ?2)"
	     " AND o.seq > ?3 AND (?4 IS NULL OR instr(lower(o.name), "
	     "lower(?4)))"
	     " ORDER BY o.seq LIMIT ?5";

static int orgs_list(struct req *req)
{
	const char *key_org = NULL;
	struct page pg;

	if (req->who.type == PRINCIPAL_KEY) {
		if (req->who.project_id[0] != '\0')
			return reply_not_found(req);
		key_org = req->who.org_id;
	}
	if (page_parse(req, &pg) < 0 ||
	    page_seek(req, &pg,
		      db_stmt(req->db,
			      "SELECT o.seq FROM orgs o JOIN members m"
			      " ON m.org_id = o.id AND m.user_id = ?2"
			      " WHERE o.id = ?1",
			      "-t", req->who.user_id)) < 0)
		return -1;

	return page_reply_rows(req, &pg,
			       db_stmt(req->db, orgs_list_sql, "ttitn",
				       req->who.user_id, key_org, pg.after_seq,
				       pg.q, pg.limit + 1),
			       orgs_list_row, &req->who);
}

/*
 * Writes the event of @action on organization @org_id, named @name (or
 * NULL), with @before and @after (taken).
 */
static int orgs_event(struct req *req, const char *org_id, const char *action,
		      const char *name, cJSON *before, cJSON *after)
{
	struct audit ev = { 0 };

	ev.org_id = org_id;
	ev.action = action;
	ev.target_type = "organization";
	ev.target_id = org_id;
	ev.target_name = name;
	ev.before = before;
	ev.after = after;
	return audit_write(req, &ev);
}

int orgs_add_member(struct req *req, const char *org_id, const char *user_id,
		    enum role role)
{
	if (db_exec(req->db, NULL,
		    "INSERT INTO members (org_id, user_id, role, joined_at)"
		    " VALUES (?1, ?2, ?3, ?4)",
		    "ttti", org_id, user_id, role_name(role), stamp_now()) < 0)
		return -1;
	return 0;
}

int orgs_insert(struct req *req, char org_id[ID_SIZE], const char *name,
		bool personal)
{
	int64_t now = stamp_now();

	ids_new(org_id, "org_");
	if (db_exec(req->db, NULL,
		    "INSERT INTO orgs (id, name, kind, owner_id, created_at,"
		    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
		    "tttti", org_id, name, personal ? "personal" : "team",
		    req->who.user_id, now) < 0 ||
	    orgs_add_member(req, org_id, req->who.user_id, ROLE_ADMIN) < 0)
		return -1;

	return orgs_event(req, org_id, "org.create", name, NULL,
			  personal ? audit_pair("kind", "personal")
				   : audit_pair("name", name));
}

static int orgs_create(struct req *req)
{
	static const struct body_field fields[] = {
		{ "name", BODY_STRING, true },
		{ NULL, 0, false },
	};
	char name[AUTH_NAME_SIZE], org_id[ID_SIZE];
	struct access a;

	if (body_check(req, fields) < 0 ||
	    body_name(req, name, body_str(req, "name"), "name") < 0)
		return -1;
	if (req->who.type == PRINCIPAL_KEY)
		return reply_error(req, 403, "key_not_allowed", NULL,
				   "creating organizations needs a person; "
				   "API keys cannot");

	if (req_begin(req) < 0)
		return -1;
	if (req_commit(req, orgs_insert(req, org_id, name, false)) < 0)
		return reply_internal(req, "creating an organization");

	authz_org_from(&a, &req->who, org_id, false, req->who.user_id, "admin");
	return orgs_reply(req, 201, &a);
}

static int orgs_get(struct req *req)
{
	struct access a;

	if (authz_org_need(req, &a, req_param(req, "org"), PERM_ORG_READ) < 0)
		return -1;
	return orgs_reply(req, 200, &a);
}

/* Renames inside the transaction; -1 after answering. */
static int orgs_rename(struct req *req, struct access *a, const char *name)
{
	char old[AUTH_NAME_SIZE] = "";
	sqlite3_stmt *st;

	if (authz_org_need(req, a, req_param(req, "org"), PERM_ORG_UPDATE) <
		    0 ||
	    req_if_match(req, orgs_version(req, a->org_id), false) < 0)
		return -1;

	st = db_stmt(req->db, "SELECT name FROM orgs WHERE id = ?1", "t",
		     a->org_id);
	if (st != NULL && db_step(st) == 1)
		snprintf(old, sizeof(old), "%s", db_text(st, 0));
	db_done(&st);

	if (db_exec(req->db, NULL,
		    "UPDATE orgs SET name = ?2, updated_at = ?3,"
		    " version = version + 1 WHERE id = ?1",
		    "tti", a->org_id, name, stamp_now()) < 0 ||
	    orgs_event(req, a->org_id, "org.update", name,
		       audit_pair("name", old), audit_pair("name", name)) < 0)
		return reply_internal(req, "renaming an organization");
	return 0;
}

static int orgs_update(struct req *req)
{
	static const struct body_field fields[] = {
		{ "name", BODY_STRING, false },
		{ NULL, 0, false },
	};
	char name[AUTH_NAME_SIZE];
	const char *given;
	struct access a;

	if (body_check(req, fields) < 0)
		return -1;
	given = body_str(req, "name");
	if (given == NULL) {
		if (authz_org_need(req, &a, req_param(req, "org"),
				   PERM_ORG_UPDATE) < 0)
			return -1;
		return orgs_reply(req, 200, &a);
	}
	if (body_name(req, name, given, "name") < 0 || req_begin(req) < 0 ||
	    req_commit(req, orgs_rename(req, &a, name)) < 0)
		return -1;
	return orgs_reply(req, 200, &a);
}

/* Deletes inside the transaction; -1 after answering. */
static int orgs_remove(struct req *req, struct access *a)
{
	if (authz_org_need(req, a, req_param(req, "org"), PERM_ORG_DELETE) < 0)
		return -1;
	if (a->personal)
		return reply_error(req, 409, "personal_org", NULL,
				   "a personal organization cannot be "
				   "deleted");
	if (req_if_match(req, orgs_version(req, a->org_id), false) < 0)
		return -1;

	if (orgs_event(req, a->org_id, "org.delete", NULL, NULL, NULL) < 0 ||
	    db_exec(req->db, NULL, "DELETE FROM orgs WHERE id = ?1", "t",
		    a->org_id) < 0)
		return reply_internal(req, "deleting an organization");
	return 0;
}

static int orgs_delete(struct req *req)
{
	struct access a;

	if (req_begin(req) < 0 || req_commit(req, orgs_remove(req, &a)) < 0)
		return -1;
	return reply_deleted(req, "organization", a.org_id);
}

/* Checks the transfer target is another Admin; -1 after answering. */
static int orgs_check_heir(struct req *req, const struct access *a,
			   const char *user_id)
{
	sqlite3_stmt *st;
	bool admin = false;
	int rc;

	if (strcmp(user_id, a->owner_id) == 0)
		return reply_error(req, 409, "owner_required", "user_id",
				   "%s already owns this organization",
				   user_id);
	st = db_stmt(req->db,
		     "SELECT role FROM members WHERE org_id = ?1"
		     " AND user_id = ?2",
		     "tt", a->org_id, user_id);
	rc = st != NULL ? db_step(st) : -1;
	if (rc == 1)
		admin = strcmp(db_text(st, 0), "admin") == 0;
	db_done(&st);

	if (rc < 0)
		return reply_internal(req, "transfer lookup");
	if (rc == 0)
		return reply_error(req, 409, "not_org_member", "user_id",
				   "%s is not a member of this organization",
				   user_id);
	if (!admin)
		return reply_error(req, 409, "owner_required", "user_id",
				   "ownership goes only to another Admin");
	return 0;
}

/* Moves ownership inside the transaction; -1 after answering. */
static int orgs_move_owner(struct req *req, struct access *a,
			   const char *user_id)
{
	if (authz_org_need(req, a, req_param(req, "org"), PERM_ORG_TRANSFER) <
	    0)
		return -1;
	if (a->personal)
		return reply_error(req, 409, "personal_org", NULL,
				   "a personal organization cannot change "
				   "hands");
	if (req_if_match(req, orgs_version(req, a->org_id), true) < 0 ||
	    orgs_check_heir(req, a, user_id) < 0)
		return -1;

	if (db_exec(req->db, NULL,
		    "UPDATE orgs SET owner_id = ?2, updated_at = ?3,"
		    " version = version + 1 WHERE id = ?1",
		    "tti", a->org_id, user_id, stamp_now()) < 0 ||
	    db_exec(req->db, NULL,
		    "UPDATE members SET version = version + 1"
		    " WHERE org_id = ?1 AND user_id IN (?2, ?3)",
		    "ttt", a->org_id, user_id, a->owner_id) < 0 ||
	    orgs_event(req, a->org_id, "org.transfer", NULL,
		       audit_pair("owner_id", a->owner_id),
		       audit_pair("owner_id", user_id)) < 0)
		return reply_internal(req, "transferring ownership");
	return 0;
}

static int orgs_transfer(struct req *req)
{
	static const struct body_field fields[] = {
		{ "user_id", BODY_STRING, true },
		{ NULL, 0, false },
	};
	struct access a;

	if (body_check(req, fields) < 0 || req_begin(req) < 0 ||
	    req_commit(req, orgs_move_owner(req, &a,
					    body_str(req, "user_id"))) < 0 ||
	    authz_org(req, &a, req_param(req, "org")) < 0)
		return -1;
	return orgs_reply(req, 200, &a);
}

int orgs_drop_member(struct req *req, const char *org_id, const char *user_id)
{
	if (db_exec(req->db, NULL,
		    "DELETE FROM project_members WHERE user_id = ?2 AND"
		    " project_id IN (SELECT id FROM projects WHERE org_id = "
		    "?1)",
		    "tt", org_id, user_id) < 0 ||
	    db_exec(req->db, NULL,
		    "DELETE FROM members WHERE org_id = ?1 AND user_id = ?2",
		    "tt", org_id, user_id) < 0)
		return -1;
	return 0;
}

/* Leaves inside the transaction; -1 after answering. */
static int orgs_depart(struct req *req, struct access *a)
{
	struct audit ev = { 0 };

	if (authz_org(req, a, req_param(req, "org")) < 0)
		return -1;
	if (a->key)
		return reply_error(req, 403, "key_not_allowed", NULL,
				   "leaving needs a person; an API key is "
				   "not a member");
	if (a->personal)
		return reply_error(req, 409, "personal_org", NULL,
				   "nobody leaves their personal "
				   "organization");
	if (strcmp(a->owner_id, req->who.user_id) == 0)
		return reply_error(req, 409, "owner_required", NULL,
				   "the owner cannot leave; transfer "
				   "ownership first");

	ev.org_id = a->org_id;
	ev.action = "member.leave";
	ev.target_type = "member";
	ev.target_id = req->who.user_id;
	ev.target_name = req->who.email;
	if (orgs_drop_member(req, a->org_id, req->who.user_id) < 0 ||
	    audit_write(req, &ev) < 0)
		return reply_internal(req, "leaving an organization");
	return 0;
}

static int orgs_leave(struct req *req)
{
	struct access a;

	if (req_begin(req) < 0 || req_commit(req, orgs_depart(req, &a)) < 0)
		return -1;
	return reply_deleted(req, "member", req->who.user_id);
}

const struct route orgs_routes[] = {
	{ "GET", "/v1/orgs", orgs_list, 0 },
	{ "POST", "/v1/orgs", orgs_create, 0 },
	{ "GET", "/v1/orgs/{org}", orgs_get, 0 },
	{ "PATCH", "/v1/orgs/{org}", orgs_update, 0 },
	{ "DELETE", "/v1/orgs/{org}", orgs_delete, 0 },
	{ "POST", "/v1/orgs/{org}/transfer", orgs_transfer, 0 },
	{ "POST", "/v1/orgs/{org}/leave", orgs_leave, 0 },
	{ NULL, NULL, NULL, 0 },
};
