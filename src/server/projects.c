/* SPDX-License-Identifier: MIT */
/*
 * Projects: listed to those with a role in them, created by Managers,
 * changed by Managers, deleted by Admins.  Names are unique within an
 * organization, whatever their case.
 */
#include "projects.h"

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

/* Longest description, in bytes. */
#define PROJECTS_DESCRIPTION_MAX 4000

cJSON *projects_json(sqlite3_stmt *st, int col, const struct access *a)
{
	cJSON *prj = cJSON_CreateObject();

	if (cJSON_AddStringToObject(prj, "object", "project") == NULL ||
	    json_add_col(prj, "id", st, col) == NULL ||
	    json_add_col(prj, "org_id", st, col + 1) == NULL ||
	    json_add_col(prj, "name", st, col + 2) == NULL ||
	    json_add_col(prj, "description", st, col + 3) == NULL ||
	    json_add_col_time(prj, "created_at", st, col + 4) == NULL ||
	    json_add_col_time(prj, "updated_at", st, col + 5) == NULL ||
	    json_add_etag(prj, sqlite3_column_int64(st, col + 6)) == NULL ||
	    authz_describe(prj, a) < 0) {
		cJSON_Delete(prj);
		return NULL;
	}
	return prj;
}

cJSON *projects_load(sqlite3 *db, const struct access *a)
{
	sqlite3_stmt *st;
	cJSON *prj = NULL;

	st = db_stmt(db,
		     "SELECT " PROJECTS_COLUMNS("p") " FROM projects p"
						     " WHERE p.id = ?1",
		     "t", a->project_id);
	if (st != NULL && db_step(st) == 1)
		prj = projects_json(st, 0, a);
	db_done(&st);
	return prj;
}

/* Answers project @project_id with the caller's role in it. */
static int projects_reply(struct req *req, unsigned int status,
			  const char *project_id)
{
	struct access a;

	if (authz_project(req, &a, project_id) < 0)
		return -1;
	return reply_json(req, status, projects_load(req->db, &a));
}

/*
 * The projects of ?1 the caller reaches: all of them when ?2 (their org
 * role carries into every project), else those with a project role.
 */
static const char projects_list_sql[] = "SELECT " PROJECTS_COLUMNS(
	"p") ", pm.role FROM projects p"
	     " LEFT JOIN project_members pm"
	     "  ON pm.project_id = p.id AND pm.user_id = ?3"
	     " WHERE p.org_id = ?1 AND (?2 OR pm.role IS NOT NULL)"
	     " AND p.seq > ?4 AND (?5 IS NULL OR instr(lower(p.name), "
	     "lower(?5)))"
	     " ORDER BY p.seq LIMIT ?6";

/* Whose list it is: the caller and their access to the organization. */
struct projects_viewer {
	const struct principal *who;
	const struct access *org;
};

/* Adds the row at @st to @items, unless out of the viewer's (@ctx) reach. */
static int projects_list_row(cJSON *items, sqlite3_stmt *st, const void *ctx)
{
	const struct projects_viewer *v = ctx;
	const char *stored = v->org->user_role == ROLE_OWNER
				     ? "admin"
				     : role_name(v->org->user_role);
	struct access a;

	authz_project_from(&a, v->who, v->org->org_id, v->org->personal,
			   v->org->owner_id, stored, db_text(st, 0),
			   db_null(st, PROJECTS_NCOLUMNS)
				   ? NULL
				   : db_text(st, PROJECTS_NCOLUMNS));
	if (a.role == ROLE_NONE)
		return 0;
	return cJSON_AddItemToArray(items, projects_json(st, 0, &a)) ? 0 : -1;
}

static int projects_list(struct req *req)
{
	struct access org;
	struct projects_viewer v = { &req->who, &org };
	struct page pg;
	bool inherit;

	if (authz_org_need(req, &org, req_param(req, "org"), PERM_ORG_READ) <
		    0 ||
	    page_parse(req, &pg) < 0 ||
	    page_seek(req, &pg,
		      db_stmt(req->db,
			      "SELECT seq FROM projects WHERE id = ?1"
			      " AND org_id = ?2",
			      "-t", org.org_id)) < 0)
		return -1;

	inherit = perm_project_role(org.user_role, ROLE_NONE) != ROLE_NONE;
	return page_reply_rows(req, &pg,
			       db_stmt(req->db, projects_list_sql, "tntitn",
				       org.org_id, inherit ? 1 : 0,
				       req->who.user_id, pg.after_seq, pg.q,
				       pg.limit + 1),
			       projects_list_row, &v);
}

/* Reads and checks name and description, either optional. */
static int projects_fields(struct req *req, char *name, const char **desc)
{
	const char *given = body_str(req, "name");

	*desc = body_str(req, "description");
	if (given != NULL && body_name(req, name, given, "name") < 0)
		return -1;
	if (*desc != NULL && strlen(*desc) > PROJECTS_DESCRIPTION_MAX)
		return reply_error(req, 422, "invalid_value", "description",
				   "description is at most %d bytes",
				   PROJECTS_DESCRIPTION_MAX);
	return 0;
}

static int projects_name_taken(struct req *req, const char *name)
{
	return reply_error(req, 409, "name_taken", "name",
			   "this organization already has a project named "
			   "%s",
			   name);
}

/* Reads a project's version inside a transaction; -1 if gone. */
static int64_t projects_version(struct req *req, const char *project_id)
{
	int64_t version = -1;

	if (db_int(req->db, &version,
		   "SELECT version FROM projects WHERE id = ?1", "t",
		   project_id) != 1)
		return -1;
	return version;
}

/*
 * Writes the event of @action on project @project_id of @org_id, named
 * @name (or NULL), with @after (taken).
 */
static int projects_event(struct req *req, const char *org_id,
			  const char *project_id, const char *action,
			  const char *name, cJSON *after)
{
	struct audit ev = { 0 };

	ev.org_id = org_id;
	ev.project_id = project_id;
	ev.action = action;
	ev.target_type = "project";
	ev.target_id = project_id;
	ev.target_name = name;
	ev.after = after;
	return audit_write(req, &ev);
}

int projects_insert(struct req *req, char id[ID_SIZE], const char *org_id,
		    const char *name, const char *desc)
{
	struct access a;
	bool taken = false;

	ids_new(id, "prj_");
	if (authz_org_need(req, &a, org_id, PERM_PROJECT_CREATE) < 0)
		return -1;
	if (db_exec(req->db, &taken,
		    "INSERT INTO projects (id, org_id, name, description,"
		    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
		    "tttti", id, a.org_id, name, desc != NULL ? desc : "",
		    stamp_now()) < 0)
		return taken ? projects_name_taken(req, name)
			     : reply_internal(req, "creating a project");

	if (projects_event(req, a.org_id, id, "project.create", name,
			   audit_pair("name", name)) < 0)
		return reply_internal(req, "creating a project");
	return 0;
}

static int projects_create(struct req *req)
{
	static const struct body_field fields[] = {
		{ "name", BODY_STRING, true },
		{ "description", BODY_STRING, false },
		{ NULL, 0, false },
	};
	char name[AUTH_NAME_SIZE], id[ID_SIZE];
	const char *desc;

	if (body_check(req, fields) < 0 ||
	    projects_fields(req, name, &desc) < 0 || req_begin(req) < 0 ||
	    req_commit(req, projects_insert(req, id, req_param(req, "org"),
					    name, desc)) < 0)
		return -1;
	return projects_reply(req, 201, id);
}

static int projects_get(struct req *req)
{
	struct access a;

	if (authz_project_need(req, &a, req_param(req, "prj"),
			       PERM_PROJECT_READ) < 0)
		return -1;
	return reply_json(req, 200, projects_load(req->db, &a));
}

/* The update's event: what changed. */
static cJSON *projects_changes(const char *name, const char *desc)
{
	cJSON *after = cJSON_CreateObject();

	if (name != NULL)
		cJSON_AddStringToObject(after, "name", name);
	if (desc != NULL)
		cJSON_AddStringToObject(after, "description", desc);
	return after;
}

/* The update inside its transaction. */
static int projects_change(struct req *req, const char *name, const char *desc)
{
	struct access a;
	bool taken = false;

	if (authz_project_need(req, &a, req_param(req, "prj"),
			       PERM_PROJECT_UPDATE) < 0 ||
	    req_if_match(req, projects_version(req, a.project_id), false) < 0)
		return -1;
	if (db_exec(req->db, &taken,
		    "UPDATE projects SET name = ifnull(?2, name),"
		    " description = ifnull(?3, description), updated_at = ?4,"
		    " version = version + 1 WHERE id = ?1",
		    "ttti", a.project_id, name, desc, stamp_now()) < 0)
		return taken ? projects_name_taken(req, name)
			     : reply_internal(req, "changing a project");

	if (projects_event(req, a.org_id, a.project_id, "project.update", name,
			   projects_changes(name, desc)) < 0)
		return reply_internal(req, "changing a project");
	return 0;
}

static int projects_update(struct req *req)
{
	static const struct body_field fields[] = {
		{ "name", BODY_STRING, false },
		{ "description", BODY_STRING, false },
		{ NULL, 0, false },
	};
	char name[AUTH_NAME_SIZE];
	const char *desc;

	if (body_check(req, fields) < 0 ||
	    projects_fields(req, name, &desc) < 0 || req_begin(req) < 0 ||
	    req_commit(req,
		       projects_change(
			       req, body_str(req, "name") != NULL ? name : NULL,
			       desc)) < 0)
		return -1;
	return projects_reply(req, 200, req_param(req, "prj"));
}

/* The deletion inside its transaction. */
static int projects_remove(struct req *req)
{
	struct access a;

	if (authz_project_need(req, &a, req_param(req, "prj"),
			       PERM_PROJECT_DELETE) < 0 ||
	    req_if_match(req, projects_version(req, a.project_id), false) < 0)
		return -1;

	if (projects_event(req, a.org_id, a.project_id, "project.delete", NULL,
			   NULL) < 0 ||
	    db_exec(req->db, NULL, "DELETE FROM projects WHERE id = ?1", "t",
		    a.project_id) < 0)
		return reply_internal(req, "deleting a project");
	return 0;
}

static int projects_delete(struct req *req)
{
	if (req_begin(req) < 0 || req_commit(req, projects_remove(req)) < 0)
		return -1;
	return reply_deleted(req, "project", req_param(req, "prj"));
}

const struct route projects_routes[] = {
	{ "GET", "/v1/orgs/{org}/projects", projects_list, 0 },
	{ "POST", "/v1/orgs/{org}/projects", projects_create, 0 },
	{ "GET", "/v1/projects/{prj}", projects_get, 0 },
	{ "PATCH", "/v1/projects/{prj}", projects_update, 0 },
	{ "DELETE", "/v1/projects/{prj}", projects_delete, 0 },
	{ NULL, NULL, NULL, 0 },
};
