/* SPDX-License-Identifier: MIT */
/*
 * The activity log: GET /v1/orgs/{org}/events and /v1/projects/{prj}/events,
 * newest first, filtered by actor, action, target and (on the organization)
 * project.  audit.c writes the events, in the transaction of each change.
 */
#include <string.h>

#include "authz.h"
#include "db.h"
#include "json.h"
#include "page.h"
#include "reply.h"
#include "router.h"

/* Columns of the list query, in order. */
enum {
	EVENTS_C_ID,
	EVENTS_C_ORG,
	EVENTS_C_PROJECT,
	EVENTS_C_ACTOR_TYPE,
	EVENTS_C_ACTOR_ID,
	EVENTS_C_ACTOR_NAME,
	EVENTS_C_ACTION,
	EVENTS_C_TARGET_TYPE,
	EVENTS_C_TARGET_ID,
	EVENTS_C_TARGET_NAME,
	EVENTS_C_BEFORE,
	EVENTS_C_AFTER,
	EVENTS_C_REQUEST,
	EVENTS_C_CREATED_AT
};

/* What a list asks for: where, and the filters given (NULL when not). */
struct events_filter {
	const char *org_id;
	const char *project_id; /* a project's list, or ?project= */
	const char *actor;
	const char *action;
	const char *target;
};

/*
 * The filters as SQL, each ignored when its value is NULL: organization
 * @o, project @p, actor @a, action @c, target @t and ?q= @q (a substring
 * of the target's or the actor's name).  The arguments are placeholders,
 * so that the list and its cursor can number them differently.
 * XXX: SQLite's lower() folds ASCII only, so ?q= ignores case only there.
 */
#define EVENTS_WHERE(o, p, a, c, t, q)                                    \
	" WHERE org_id = " o " AND (" p " IS NULL OR project_id = " p ")" \
	" AND (" a " IS NULL OR actor_id = " a ")"                        \
	" AND (" c " IS NULL OR action = " c ")"                          \
	" AND (" t " IS NULL OR target_id = " t ")"                       \
	" AND (" q " IS NULL"                                             \
	" OR instr(lower(ifnull(target_name, '')), lower(" q ")) > 0"     \
	" OR instr(lower(actor_name), lower(" q ")) > 0)"

/* The list's filters are ?1-?6; its cursor's ?2-?7, after the id. */
#define EVENTS_LIST_WHERE   EVENTS_WHERE("?1", "?2", "?3", "?4", "?5", "?6")
#define EVENTS_CURSOR_WHERE EVENTS_WHERE("?2", "?3", "?4", "?5", "?6", "?7")

/* One page, newest first: ?7 is the cursor's seq (an upper bound). */
static const char events_sql[] =
	"SELECT id, org_id, project_id, actor_type, actor_id, actor_name,"
	" action, target_type, target_id, target_name, before, after,"
	" request_id, created_at FROM events" EVENTS_LIST_WHERE
	" AND seq < ?7 ORDER BY seq DESC LIMIT ?8";

/* Adds {"type", "id", "name"} from three columns of @st as @name. */
static int events_party(cJSON *event, const char *name, sqlite3_stmt *st,
			int col)
{
	cJSON *party = cJSON_AddObjectToObject(event, name);

	if (party == NULL || json_add_col(party, "type", st, col) == NULL ||
	    json_add_col(party, "id", st, col + 1) == NULL ||
	    json_add_col(party, "name", st, col + 2) == NULL)
		return -1;
	return 0;
}

/* Adds the JSON text in column @col (null when none) as @name. */
static int events_change(cJSON *event, const char *name, sqlite3_stmt *st,
			 int col)
{
	cJSON *value = json_from_col(st, col);

	if (value == NULL || !cJSON_AddItemToObject(event, name, value)) {
		cJSON_Delete(value);
		return -1;
	}
	return 0;
}

/* The event in the current row of @st; NULL when out of memory. */
static cJSON *events_json(sqlite3_stmt *st)
{
	cJSON *event = cJSON_CreateObject();

	if (cJSON_AddStringToObject(event, "object", "event") == NULL ||
	    json_add_col(event, "id", st, EVENTS_C_ID) == NULL ||
	    json_add_col(event, "org_id", st, EVENTS_C_ORG) == NULL ||
	    json_add_col(event, "project_id", st, EVENTS_C_PROJECT) == NULL ||
	    events_party(event, "actor", st, EVENTS_C_ACTOR_TYPE) < 0 ||
	    json_add_col(event, "action", st, EVENTS_C_ACTION) == NULL ||
	    events_party(event, "target", st, EVENTS_C_TARGET_TYPE) < 0 ||
	    events_change(event, "before", st, EVENTS_C_BEFORE) < 0 ||
	    events_change(event, "after", st, EVENTS_C_AFTER) < 0 ||
	    json_add_col(event, "request_id", st, EVENTS_C_REQUEST) == NULL ||
	    json_add_col_time(event, "created_at", st, EVENTS_C_CREATED_AT) ==
		    NULL) {
		cJSON_Delete(event);
		return NULL;
	}
	return event;
}

/* Reads filter @name; it must be an ID with one of @prefixes when given. */
static int events_param(struct req *req, const char **out, const char *name,
			const char *const *prefixes)
{
	const char *value = req_query(req, name);

	*out = NULL;
	if (value == NULL || *value == '\0')
		return 0;
	for (; prefixes != NULL && *prefixes != NULL; prefixes++)
		if (ids_valid(value, *prefixes))
			break;
	if (prefixes != NULL && *prefixes == NULL)
		return reply_error(req, 400, "invalid_parameter", name,
				   "%s is not an ID of the right kind", name);
	*out = value;
	return 0;
}

/* Reads ?actor=, ?action=, ?target= and, when @org_level, ?project=. */
static int events_filters(struct req *req, struct events_filter *f,
			  bool org_level)
{
	static const char *const actors[] = { "usr_", "key_", NULL };
	static const char *const projects[] = { "prj_", NULL };

	if (events_param(req, &f->actor, "actor", actors) < 0 ||
	    events_param(req, &f->action, "action", NULL) < 0 ||
	    events_param(req, &f->target, "target", NULL) < 0)
		return -1;
	if (org_level)
		return events_param(req, &f->project_id, "project", projects);
	return 0;
}

/*
 * Turns ?after= into a position.  The cursor must be an event of this
 * very list, filters included, so a stale or foreign ID is refused.
 */
static int events_seek(struct req *req, const struct events_filter *f,
		       struct page *pg)
{
	sqlite3_stmt *cursor = NULL;

	pg->descending = true;
	if (pg->after != NULL)
		cursor = db_stmt(req->db,
				 "SELECT seq FROM events" EVENTS_CURSOR_WHERE
				 " AND id = ?1",
				 "-tttttt", f->org_id, f->project_id, f->actor,
				 f->action, f->target, pg->q);
	return page_seek(req, pg, cursor);
}

/* Adds one page of events matching @f to @items. */
static int events_rows(struct req *req, const struct events_filter *f,
		       const struct page *pg, cJSON *items)
{
	sqlite3_stmt *st;
	cJSON *event;
	int rc = -1;

	st = db_stmt(req->db, events_sql, "ttttttin", f->org_id, f->project_id,
		     f->actor, f->action, f->target, pg->q, pg->after_seq,
		     pg->limit + 1);
	if (st != NULL)
		rc = db_step(st);
	while (rc == 1) {
		event = events_json(st);
		if (event == NULL || !cJSON_AddItemToArray(items, event)) {
			cJSON_Delete(event);
			rc = -1;
			break;
		}
		rc = db_step(st);
	}
	db_done(&st);
	return rc;
}

/* Answers the list for @f, once access has been checked. */
static int events_answer(struct req *req, struct events_filter *f)
{
	struct page pg;
	cJSON *items;

	if (page_parse(req, &pg) < 0 || events_seek(req, f, &pg) < 0)
		return -1;

	items = cJSON_CreateArray();
	if (items == NULL || events_rows(req, f, &pg, items) < 0) {
		cJSON_Delete(items);
		return reply_internal(req, "listing events");
	}
	return page_reply(req, &pg, items);
}

static int events_list_org(struct req *req)
{
	struct events_filter f = { 0 };
	struct access a;

	if (authz_org_need(req, &a, req_param(req, "org"), PERM_ACTIVITY_LIST) <
		    0 ||
	    events_filters(req, &f, true) < 0)
		return -1;
	f.org_id = a.org_id;
	return events_answer(req, &f);
}

static int events_list_project(struct req *req)
{
	struct events_filter f = { 0 };
	struct access a;

	if (authz_project_need(req, &a, req_param(req, "prj"),
			       PERM_ACTIVITY_LIST) < 0 ||
	    events_filters(req, &f, false) < 0)
		return -1;
	f.org_id = a.org_id;
	f.project_id = a.project_id;
	return events_answer(req, &f);
}

const struct route events_routes[] = {
	{ "GET", "/v1/orgs/{org}/events", events_list_org, 0 },
	{ "GET", "/v1/projects/{prj}/events", events_list_project, 0 },
	{ NULL, NULL, NULL, 0 },
};
