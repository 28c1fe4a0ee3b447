/* SPDX-License-Identifier: MIT */
/*
 * People in a project: list, add (an org member by id or email, or an
 * invitation for an email that is not in the organization yet), change a
 * project role, remove.  A project role can raise someone above their org
 * role in that project, never lower it.
 */
#include "project_members.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "authz.h"
#include "body.h"
#include "db.h"
#include "invitations.h"
#include "json.h"
#include "page.h"
#include "reply.h"
#include "router.h"
#include "stamp.h"
#include "users.h"

#define PROJECT_MEMBERS_DAYS  7
#define PROJECT_MEMBERS_CARRY 50

/* Columns project_members_json() reads. */
#define PROJECT_MEMBERS_COLUMNS                                  \
	"pm.user_id, pm.role, m.role, o.owner_id, pm.added_at, " \
	"pm.version, " USERS_COLUMNS("u")
#define PROJECT_MEMBERS_FROM                          \
	" FROM project_members pm"                    \
	" JOIN projects p ON p.id = pm.project_id"    \
	" JOIN orgs o ON o.id = p.org_id"             \
	" JOIN users u ON u.id = pm.user_id"          \
	" LEFT JOIN members m ON m.org_id = p.org_id" \
	"  AND m.user_id = pm.user_id"

static cJSON *project_members_json(sqlite3_stmt *st)
{
	cJSON *pm = cJSON_CreateObject();
	bool owner = strcmp(db_text(st, 0), db_text(st, 3)) == 0;
	enum role org_role = ROLE_NONE;

	if (role_parse(&org_role, db_text(st, 2), false) < 0)
		org_role = ROLE_NONE;
	if (cJSON_AddStringToObject(pm, "object", "project_member") == NULL ||
	    json_add_col(pm, "id", st, 0) == NULL ||
	    !cJSON_AddItemToObject(pm, "user", users_json(st, 6)) ||
	    json_add_col(pm, "role", st, 1) == NULL ||
	    cJSON_AddStringToObject(
		    pm, "org_role",
		    role_name(perm_org_role(org_role, owner))) == NULL ||
	    json_add_col_time(pm, "added_at", st, 4) == NULL ||
	    json_add_etag(pm, sqlite3_column_int64(st, 5)) == NULL) {
		cJSON_Delete(pm);
		return NULL;
	}
	return pm;
}

static cJSON *project_members_load(struct req *req, const char *project_id,
				   const char *user_id)
{
	sqlite3_stmt *st;
	cJSON *pm = NULL;

	st = db_stmt(req->db,
		     "SELECT " PROJECT_MEMBERS_COLUMNS PROJECT_MEMBERS_FROM
		     " WHERE pm.project_id = ?1 AND pm.user_id = ?2",
		     "tt", project_id, user_id);
	if (st != NULL && db_step(st) == 1)
		pm = project_members_json(st);
	db_done(&st);
	return pm;
}

static const char project_members_list_sql[] =
	"SELECT " PROJECT_MEMBERS_COLUMNS PROJECT_MEMBERS_FROM
	" WHERE pm.project_id = ?1 AND pm.seq > ?2 AND (?3 IS NULL"
	" OR instr(lower(u.name), lower(?3)) OR instr(u.email, lower(?3)))"
	" ORDER BY pm.seq LIMIT ?4";

/* Adds the project member at @st's row to @items. */
static int project_members_list_row(cJSON *items, sqlite3_stmt *st,
				    const void *ctx)
{
	(void)ctx;
	return cJSON_AddItemToArray(items, project_members_json(st)) ? 0 : -1;
}

static int project_members_list(struct req *req)
{
	struct access a;
	struct page pg;

	if (authz_project_need(req, &a, req_param(req, "prj"),
			       PERM_MEMBER_LIST) < 0 ||
	    page_parse(req, &pg) < 0 ||
	    page_seek(req, &pg,
		      db_stmt(req->db,
			      "SELECT seq FROM project_members"
			      " WHERE user_id = ?1 AND project_id = ?2",
			      "-t", a.project_id)) < 0)
		return -1;

	return page_reply_rows(req, &pg,
			       db_stmt(req->db, project_members_list_sql,
				       "titn", a.project_id, pg.after_seq, pg.q,
				       pg.limit + 1),
			       project_members_list_row, NULL);
}

/* What an add asks for, and what came of it. */
struct project_members_ask {
	enum role role;
	char email[AUTH_EMAIL_SIZE]; /* "" when adding by user_id */
	char user_id[ID_SIZE];	     /* the person added */
	cJSON *invitation; /* set when the email became an invitation */
};

/* Writes a project role change and its event. */
static int project_members_event(struct req *req, const struct access *a,
				 const char *action, const char *user_id,
				 cJSON *before, cJSON *after)
{
	struct audit ev = { 0 };

	ev.org_id = a->org_id;
	ev.project_id = a->project_id;
	ev.action = action;
	ev.target_type = "project_member";
	ev.target_id = user_id;
	ev.before = before;
	ev.after = after;
	return audit_write(req, &ev);
}

/* 1 when @user_id is in the project's organization, 0 not, -1 error. */
static int project_members_in_org(struct req *req, const struct access *a,
				  const char *user_id)
{
	int64_t n = 0;

	if (db_int(req->db, &n,
		   "SELECT count(*) FROM members WHERE org_id = ?1"
		   " AND user_id = ?2",
		   "tt", a->org_id, user_id) < 0)
		return -1;
	return n > 0;
}

/* Adds org member @user_id to the project. */
static int project_members_insert(struct req *req, const struct access *a,
				  const char *user_id, enum role role)
{
	int member = project_members_in_org(req, a, user_id);
	bool taken = false;

	if (member < 0)
		return reply_internal(req, "member lookup");
	if (member == 0)
		return reply_error(req, 409, "not_org_member", "user_id",
				   "%s is not a member of the organization",
				   user_id);
	if (db_exec(req->db, &taken,
		    "INSERT INTO project_members (project_id, user_id, role,"
		    " added_at) VALUES (?1, ?2, ?3, ?4)",
		    "ttti", a->project_id, user_id, role_name(role),
		    stamp_now()) < 0)
		return taken ? reply_error(
				       req, 409, "already_member", "user_id",
				       "%s is already in this project", user_id)
			     : reply_internal(req, "adding to a project");
	return project_members_event(req, a, "member.add", user_id, NULL,
				     audit_pair("role", role_name(role)));
}

/* What an invitation being replaced already offered. */
struct project_members_offer {
	enum role role;
	struct invitation_project projects[PROJECT_MEMBERS_CARRY];
	size_t n;
};

/*
 * Reads the pending invitation for ask->email, if any, into @offer after
 * this project's role, so that replacing it loses no other project role
 * and no higher organization role.  Returns 0, or -1 (logged).
 */
static int project_members_carry(struct req *req, const struct access *a,
				 const struct project_members_ask *ask,
				 struct project_members_offer *offer)
{
	sqlite3_stmt *st;
	int rc;

	st = db_stmt(req->db,
		     "SELECT i.role, ip.project_id, ip.role FROM invitations i"
		     " LEFT JOIN invitation_projects ip"
		     "  ON ip.invitation_id = i.id AND ip.project_id != ?3"
		     " WHERE i.org_id = ?1 AND i.email = ?2"
		     " AND i.status = 'pending' AND i.expires_at > ?4",
		     "ttti", a->org_id, ask->email, a->project_id, stamp_now());
	for (rc = st != NULL ? db_step(st) : -1; rc == 1; rc = db_step(st)) {
		struct invitation_project *p = &offer->projects[offer->n];
		enum role old;

		if (role_parse(&old, db_text(st, 0), false) == 0 &&
		    old > offer->role)
			offer->role = old;
		if (db_null(st, 1) || offer->n >= PROJECT_MEMBERS_CARRY)
			continue;
		ids_copy(p->project_id, db_text(st, 1));
		if (role_parse(&p->role, db_text(st, 2), false) == 0)
			offer->n++;
	}
	db_done(&st);
	return rc;
}

/* An email with no org member: an org invitation carrying the role. */
static int project_members_invite(struct req *req, const struct access *a,
				  struct project_members_ask *ask)
{
	struct project_members_offer offer = { .role = ROLE_MEMBER, .n = 1 };
	struct access org;

	if (authz_org_need(req, &org, a->org_id, PERM_INVITATION_CREATE) < 0)
		return -1;
	if (org.personal)
		return reply_error(req, 409, "personal_org", NULL,
				   "nobody can be invited to a personal "
				   "organization");

	ids_copy(offer.projects[0].project_id, a->project_id);
	offer.projects[0].role = ask->role;
	if (project_members_carry(req, a, ask, &offer) < 0 ||
	    invitations_create(req, &ask->invitation, a->org_id, ask->email,
			       offer.role, offer.projects, offer.n,
			       PROJECT_MEMBERS_DAYS) < 0)
		return reply_internal(req, "inviting to a project");
	return 0;
}

/* Adding by email: the org member with it, or an invitation. */
static int project_members_by_email(struct req *req, const struct access *a,
				    struct project_members_ask *ask)
{
	int rc = users_find(req->db, ask->user_id, ask->email);

	if (rc == 1)
		rc = project_members_in_org(req, a, ask->user_id);
	if (rc < 0)
		return reply_internal(req, "user lookup");
	if (rc == 1)
		return project_members_insert(req, a, ask->user_id, ask->role);
	return project_members_invite(req, a, ask);
}

/*
 * Checks that the caller may add people to project @project_id (filling
 * @a) and give them @role.  Returns 0, or -1 after answering.
 */
static int project_members_allow(struct req *req, struct access *a,
				 const char *project_id, enum role role)
{
	if (authz_project_need(req, a, project_id, PERM_MEMBER_ADD) < 0)
		return -1;
	return authz_give(req, a, role);
}

int project_members_add(struct req *req, const char *project_id,
			const char *user_id, enum role role)
{
	struct access a;

	if (project_members_allow(req, &a, project_id, role) < 0)
		return -1;
	return project_members_insert(req, &a, user_id, role);
}

/* The add inside its transaction; @a is filled for the answer. */
static int project_members_put(struct req *req, struct access *a,
			       struct project_members_ask *ask)
{
	if (project_members_allow(req, a, req_param(req, "prj"), ask->role) < 0)
		return -1;
	if (ask->email[0] == '\0')
		return project_members_insert(req, a, ask->user_id, ask->role);
	return project_members_by_email(req, a, ask);
}

/* Reads user_id or email, and role; -1 after answering. */
static int project_members_parse(struct req *req,
				 struct project_members_ask *ask)
{
	const char *user_id = body_str(req, "user_id");
	const char *email = body_str(req, "email");

	memset(ask, 0, sizeof(*ask));
	if ((user_id == NULL) == (email == NULL))
		return reply_error(req, 422, "invalid_value", "user_id",
				   "give either user_id or email");
	if (body_role(req, &ask->role, body_str(req, "role"), "role") < 0)
		return -1;
	if (email != NULL)
		return body_email(req, ask->email, email, "email");
	ids_copy(ask->user_id, user_id);
	return 0;
}

static int project_members_post(struct req *req)
{
	static const struct body_field fields[] = {
		{ "user_id", BODY_STRING, false },
		{ "email", BODY_STRING, false },
		{ "role", BODY_STRING, true },
		{ NULL, 0, false },
	};
	struct project_members_ask ask;
	struct access a;

	if (body_check(req, fields) < 0 ||
	    project_members_parse(req, &ask) < 0 || req_begin(req) < 0 ||
	    req_commit(req, project_members_put(req, &a, &ask)) < 0) {
		json_free(&ask.invitation);
		return -1;
	}
	if (ask.invitation != NULL)
		return reply_json(req, 202, ask.invitation);
	return reply_json(req, 201,
			  project_members_load(req, a.project_id, ask.user_id));
}

/* The project member in the path: role and version; -1 after 404. */
static int project_members_target(struct req *req, const struct access *a,
				  enum role *role, int64_t *version)
{
	sqlite3_stmt *st;
	int rc;

	st = db_stmt(req->db,
		     "SELECT role, version FROM project_members"
		     " WHERE project_id = ?1 AND user_id = ?2",
		     "tt", a->project_id, req_param(req, "usr"));
	rc = st != NULL ? db_step(st) : -1;
	if (rc == 1) {
		if (role_parse(role, db_text(st, 0), false) < 0)
			*role = ROLE_NONE;
		*version = sqlite3_column_int64(st, 1);
	}
	db_done(&st);
	if (rc < 0)
		return reply_internal(req, "project member lookup");
	return rc == 1 ? 0 : reply_not_found(req);
}

/* The role change inside its transaction. */
static int project_members_change(struct req *req, struct access *a,
				  enum role to)
{
	const char *user_id = req_param(req, "usr");
	enum role from = ROLE_NONE;
	int64_t version = 0;

	if (authz_project_need(req, a, req_param(req, "prj"),
			       PERM_MEMBER_UPDATE) < 0 ||
	    project_members_target(req, a, &from, &version) < 0 ||
	    req_if_match(req, version, true) < 0)
		return -1;
	if (authz_give(req, a, to) < 0)
		return -1;
	if (to == from)
		return 0;

	if (db_exec(req->db, NULL,
		    "UPDATE project_members SET role = ?3,"
		    " version = version + 1"
		    " WHERE project_id = ?1 AND user_id = ?2",
		    "ttt", a->project_id, user_id, role_name(to)) < 0 ||
	    project_members_event(req, a, "member.update", user_id,
				  audit_pair("role", role_name(from)),
				  audit_pair("role", role_name(to))) < 0)
		return reply_internal(req, "changing a project role");
	return 0;
}

static int project_members_update(struct req *req)
{
	struct access a;
	enum role to;

	if (body_role_only(req, &to) < 0 || req_begin(req) < 0 ||
	    req_commit(req, project_members_change(req, &a, to)) < 0)
		return -1;
	return reply_json(
		req, 200,
		project_members_load(req, a.project_id, req_param(req, "usr")));
}

/* The removal inside its transaction. */
static int project_members_drop(struct req *req)
{
	const char *user_id = req_param(req, "usr");
	enum role from = ROLE_NONE;
	int64_t version = 0;
	struct access a;

	if (authz_project_need(req, &a, req_param(req, "prj"),
			       PERM_MEMBER_REMOVE) < 0 ||
	    project_members_target(req, &a, &from, &version) < 0 ||
	    req_if_match(req, version, false) < 0)
		return -1;
	if (db_exec(req->db, NULL,
		    "DELETE FROM project_members WHERE project_id = ?1"
		    " AND user_id = ?2",
		    "tt", a.project_id, user_id) < 0 ||
	    project_members_event(req, &a, "member.remove", user_id,
				  audit_pair("role", role_name(from)),
				  NULL) < 0)
		return reply_internal(req, "removing from a project");
	return 0;
}

static int project_members_delete(struct req *req)
{
	if (req_begin(req) < 0 ||
	    req_commit(req, project_members_drop(req)) < 0)
		return -1;
	return reply_deleted(req, "project_member", req_param(req, "usr"));
}

const struct route project_members_routes[] = {
	{ "GET", "/v1/projects/{prj}/members", project_members_list, 0 },
	{ "POST", "/v1/projects/{prj}/members", project_members_post, 0 },
	{ "PATCH", "/v1/projects/{prj}/members/{usr}", project_members_update,
	  0 },
	{ "DELETE", "/v1/projects/{prj}/members/{usr}", project_members_delete,
	  0 },
	{ NULL, NULL, NULL, 0 },
};
