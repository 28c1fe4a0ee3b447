/* SPDX-License-Identifier: MIT */
/*
 * Members of an organization: list, read, change a role, remove.  The
 * owner keeps their Admin role and their place; nobody is given a role
 * above the caller's.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "body.h"
#include "db.h"
#include "json.h"
#include "orgs.h"
#include "page.h"
#include "reply.h"
#include "router.h"
#include "stamp.h"
#include "users.h"

/* Columns members_json() reads; needs members m, orgs o, users u. */
#define MEMBERS_COLUMNS                               \
	"m.user_id, m.role, m.joined_at, m.version, " \
	"o.owner_id, " USERS_COLUMNS("u")
#define MEMBERS_FROM                                     \
	" FROM members m JOIN orgs o ON o.id = m.org_id" \
	" JOIN users u ON u.id = m.user_id"

static cJSON *members_json(sqlite3_stmt *st)
{
	cJSON *member = cJSON_CreateObject();
	bool owner = strcmp(db_text(st, 0), db_text(st, 4)) == 0;

	if (cJSON_AddStringToObject(member, "object", "member") == NULL ||
	    json_add_col(member, "id", st, 0) == NULL ||
	    !cJSON_AddItemToObject(member, "user", users_json(st, 5)) ||
	    json_add_col(member, "role", st, 1) == NULL ||
	    cJSON_AddBoolToObject(member, "owner", owner) == NULL ||
	    json_add_col_time(member, "joined_at", st, 2) == NULL ||
	    json_add_etag(member, sqlite3_column_int64(st, 3)) == NULL) {
		cJSON_Delete(member);
		return NULL;
	}
	return member;
}

/* Loads member @user_id of @org_id; NULL when not a member. */
static cJSON *members_load(struct req *req, const char *org_id,
			   const char *user_id)
{
	sqlite3_stmt *st;
	cJSON *member = NULL;

	st = db_stmt(req->db,
		     "SELECT " MEMBERS_COLUMNS MEMBERS_FROM
		     " WHERE m.org_id = ?1 AND m.user_id = ?2",
		     "tt", org_id, user_id);
	if (st != NULL && db_step(st) == 1)
		member = members_json(st);
	db_done(&st);
	return member;
}

static const char members_list_sql[] =
	"SELECT " MEMBERS_COLUMNS MEMBERS_FROM
	" WHERE m.org_id = ?1 AND m.seq > ?2 AND (?3 IS NULL"
	" OR instr(lower(u.name), lower(?3)) OR instr(u.email, lower(?3)))"
	" ORDER BY m.seq LIMIT ?4";

/* Adds the member at @st's row to @items. */
static int members_list_row(cJSON *items, sqlite3_stmt *st, const void *ctx)
{
	(void)ctx;
	return cJSON_AddItemToArray(items, members_json(st)) ? 0 : -1;
}

static int members_list(struct req *req)
{
	struct access a;
	struct page pg;

	if (authz_org_need(req, &a, req_param(req, "org"), PERM_MEMBER_LIST) <
		    0 ||
	    page_parse(req, &pg) < 0 ||
	    page_seek(req, &pg,
		      db_stmt(req->db,
			      "SELECT seq FROM members WHERE user_id = ?1"
			      " AND org_id = ?2",
			      "-t", a.org_id)) < 0)
		return -1;

	return page_reply_rows(req, &pg,
			       db_stmt(req->db, members_list_sql, "titn",
				       a.org_id, pg.after_seq, pg.q,
				       pg.limit + 1),
			       members_list_row, NULL);
}

static int members_get(struct req *req)
{
	struct access a;
	cJSON *member;

	if (authz_org_need(req, &a, req_param(req, "org"), PERM_MEMBER_LIST) <
	    0)
		return -1;
	member = members_load(req, a.org_id, req_param(req, "usr"));
	if (member == NULL)
		return reply_not_found(req);
	return reply_json(req, 200, member);
}

/* The member a change is about. */
struct members_target {
	enum role role;
	int64_t version;
	char email[AUTH_EMAIL_SIZE];
};

/* Reads the member named in the path; -1 after answering 404. */
static int members_target(struct req *req, const struct access *a,
			  struct members_target *t)
{
	sqlite3_stmt *st;
	int rc;

	st = db_stmt(req->db,
		     "SELECT m.role, m.version, u.email FROM members m"
		     " JOIN users u ON u.id = m.user_id"
		     " WHERE m.org_id = ?1 AND m.user_id = ?2",
		     "tt", a->org_id, req_param(req, "usr"));
	rc = st != NULL ? db_step(st) : -1;
	if (rc == 1) {
		if (role_parse(&t->role, db_text(st, 0), false) < 0)
			t->role = ROLE_NONE;
		t->version = sqlite3_column_int64(st, 1);
		snprintf(t->email, sizeof(t->email), "%s", db_text(st, 2));
	}
	db_done(&st);
	if (rc < 0)
		return reply_internal(req, "member lookup");
	return rc == 1 ? 0 : reply_not_found(req);
}

/*
 * Writes the event of @action on the member in the path, who was @t; it
 * records their role before, and @after (taken).
 */
static int members_event(struct req *req, const struct access *a,
			 const char *action, const struct members_target *t,
			 cJSON *after)
{
	struct audit ev = { 0 };

	ev.org_id = a->org_id;
	ev.action = action;
	ev.target_type = "member";
	ev.target_id = req_param(req, "usr");
	ev.target_name = t->email;
	ev.before = audit_pair("role", role_name(t->role));
	ev.after = after;
	return audit_write(req, &ev);
}

/* Writes the role change and its event. */
static int members_set_role(struct req *req, const struct access *a,
			    const struct members_target *t, enum role to)
{
	if (db_exec(req->db, NULL,
		    "UPDATE members SET role = ?3, version = version + 1"
		    " WHERE org_id = ?1 AND user_id = ?2",
		    "ttt", a->org_id, req_param(req, "usr"),
		    role_name(to)) < 0 ||
	    members_event(req, a, "member.update", t,
			  audit_pair("role", role_name(to))) < 0)
		return reply_internal(req, "changing a role");
	return 0;
}

/* The role change inside its transaction; -1 after answering. */
static int members_change(struct req *req, struct access *a, enum role to)
{
	struct members_target t;

	if (authz_org_need(req, a, req_param(req, "org"), PERM_MEMBER_UPDATE) <
		    0 ||
	    members_target(req, a, &t) < 0 ||
	    req_if_match(req, t.version, true) < 0)
		return -1;
	if (strcmp(req_param(req, "usr"), a->owner_id) == 0 && to != t.role)
		return reply_error(req, 409, "owner_required", "role",
				   "the owner stays an Admin; transfer "
				   "ownership first");
	if (authz_give(req, a, to) < 0)
		return -1;
	if (to == t.role)
		return 0;
	return members_set_role(req, a, &t, to);
}

static int members_update(struct req *req)
{
	struct access a;
	enum role to;

	if (body_role_only(req, &to) < 0 || req_begin(req) < 0 ||
	    req_commit(req, members_change(req, &a, to)) < 0)
		return -1;
	return reply_json(req, 200,
			  members_load(req, a.org_id, req_param(req, "usr")));
}

/* The removal inside its transaction; -1 after answering. */
static int members_drop(struct req *req, struct access *a)
{
	const char *user_id = req_param(req, "usr");
	struct members_target t;

	if (authz_org_need(req, a, req_param(req, "org"), PERM_MEMBER_REMOVE) <
		    0 ||
	    members_target(req, a, &t) < 0 ||
	    req_if_match(req, t.version, false) < 0)
		return -1;
	if (strcmp(user_id, a->owner_id) == 0)
		return reply_error(req, 409, "owner_required", NULL,
				   "the owner cannot be removed; transfer "
				   "ownership first");

	if (orgs_drop_member(req, a->org_id, user_id) < 0 ||
	    members_event(req, a, "member.remove", &t, NULL) < 0)
		return reply_internal(req, "removing a member");
	return 0;
}

static int members_delete(struct req *req)
{
	struct access a;

	if (req_begin(req) < 0 || req_commit(req, members_drop(req, &a)) < 0)
		return -1;
	return reply_deleted(req, "member", req_param(req, "usr"));
}

const struct route members_routes[] = {
	{ "GET", "/v1/orgs/{org}/members", members_list, 0 },
	{ "GET", "/v1/orgs/{org}/members/{usr}", members_get, 0 },
	{ "PATCH", "/v1/orgs/{org}/members/{usr}", members_update, 0 },
	{ "DELETE", "/v1/orgs/{org}/members/{usr}", members_delete, 0 },
	{ NULL, NULL, NULL, 0 },
};
