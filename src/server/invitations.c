/* SPDX-License-Identifier: MIT */
/*
 * Invitations: created by Admins for one or more emails, listed, revoked,
 * resent with a fresh code, and accepted or declined by the invitee, by
 * code (no account needed) or by id (signed in with the matching email).
 */
#include "invitations.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/token.h"

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
#include "vault.h"

#define INVITATIONS_DAY_S	 86400
#define INVITATIONS_DAYS	 7
#define INVITATIONS_DAYS_MAX	 30
#define INVITATIONS_EMAILS_MAX	 50
#define INVITATIONS_PROJECTS_MAX 50

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

/* Loads invitation @id as the API shows it; NULL when none. */
static cJSON *invitations_load(struct req *req, const char *id)
{
	sqlite3_stmt *st;
	cJSON *inv = NULL;

	st = db_stmt(req->db,
		     "SELECT " INVITATIONS_COLUMNS(
			     "i", "?2") " FROM invitations i JOIN orgs o ON "
					"o.id = i.org_id"
					" WHERE i.id = ?1",
		     "ti", id, stamp_now());
	if (st != NULL && db_step(st) == 1)
		inv = invitations_json(st, 0);
	db_done(&st);
	return inv;
}

/* Adds the "code" field to @inv; wipes @code. */
static int invitations_add_code(cJSON *inv, char code[TOKEN_SIZE])
{
	cJSON *item = cJSON_AddStringToObject(inv, "code", code);

	sodium_memzero(code, TOKEN_SIZE);
	return item != NULL ? 0 : -1;
}

/* The fields of one invitation a change works with. */
struct invitations_row {
	char id[ID_SIZE];
	char org_id[ID_SIZE];
	char email[AUTH_EMAIL_SIZE];
	char role[16];
	char status[16];
	int64_t expires_at;
	int64_t version;
	int64_t period_days;
};

#define INVITATIONS_ROW                                                   \
	"SELECT i.id, i.org_id, i.email, i.role, i.status, i.expires_at," \
	" i.version, i.period_days FROM invitations i"

/* Reads the row @st finds (and finalizes it); -1 after answering 404. */
static int invitations_row(struct req *req, struct invitations_row *row,
			   sqlite3_stmt *st)
{
	int rc = st != NULL ? db_step(st) : -1;

	if (rc == 1) {
		ids_copy(row->id, db_text(st, 0));
		ids_copy(row->org_id, db_text(st, 1));
		snprintf(row->email, sizeof(row->email), "%s", db_text(st, 2));
		snprintf(row->role, sizeof(row->role), "%s", db_text(st, 3));
		snprintf(row->status, sizeof(row->status), "%s",
			 db_text(st, 4));
		row->expires_at = sqlite3_column_int64(st, 5);
		row->version = sqlite3_column_int64(st, 6);
		row->period_days = sqlite3_column_int64(st, 7);
	}
	db_done(&st);
	if (rc < 0)
		return reply_internal(req, "invitation lookup");
	return rc == 1 ? 0 : reply_not_found(req);
}

/* 409 unless @row is pending and not expired. */
static int invitations_need_pending(struct req *req,
				    const struct invitations_row *row)
{
	if (strcmp(row->status, "pending") == 0 &&
	    row->expires_at > stamp_now())
		return 0;
	return reply_error(req, 409, "invitation_not_pending", NULL,
			   "this invitation is %s",
			   strcmp(row->status, "pending") == 0 ? "expired"
							       : row->status);
}

/* Writes an event about invitation @id in @org_id. */
static int invitations_event(struct req *req, const char *org_id,
			     const char *action, const char *id,
			     const char *email, cJSON *after)
{
	struct audit ev = { 0 };

	ev.org_id = org_id;
	ev.action = action;
	ev.target_type = "invitation";
	ev.target_id = id;
	ev.target_name = email;
	ev.after = after;
	return audit_write(req, &ev);
}

/* Marks invitation @id answered: "accepted", "declined" or "revoked". */
static int invitations_settle(struct req *req, const char *id,
			      const char *status)
{
	if (db_exec(req->db, NULL,
		    "UPDATE invitations SET status = ?2, responded_at = ?3,"
		    " version = version + 1 WHERE id = ?1",
		    "tti", id, status, stamp_now()) < 0)
		return -1;
	return 0;
}

/*
 * Ends invitation @id of @org_id for @email with @status and writes the
 * event of @action, which records the new status.
 */
static int invitations_close(struct req *req, const char *org_id,
			     const char *id, const char *email,
			     const char *status, const char *action)
{
	if (invitations_settle(req, id, status) < 0)
		return -1;
	return invitations_event(req, org_id, action, id, email,
				 audit_pair("status", status));
}

/* Revokes the pending invitations for @email in @org_id, one by one. */
static int invitations_replace(struct req *req, const char *org_id,
			       const char *email)
{
	char id[ID_SIZE];
	sqlite3_stmt *st;
	int rc;

	for (;;) {
		st = db_stmt(req->db,
			     "SELECT id FROM invitations WHERE org_id = ?1"
			     " AND email = ?2 AND status = 'pending' LIMIT 1",
			     "tt", org_id, email);
		rc = st != NULL ? db_step(st) : -1;
		if (rc == 1)
			ids_copy(id, db_text(st, 0));
		db_done(&st);
		if (rc <= 0)
			return rc;

		if (invitations_close(req, org_id, id, email, "revoked",
				      "invitation.revoke") < 0)
			return -1;
	}
}

/* What the invitation.create event records. */
static cJSON *invitations_summary(const char *email, enum role role,
				  const struct invitation_project *projects,
				  size_t n)
{
	cJSON *after = audit_pair("email", email);
	cJSON *list = cJSON_AddArrayToObject(after, "projects");
	size_t i;

	cJSON_AddStringToObject(after, "role", role_name(role));
	for (i = 0; list != NULL && i < n; i++) {
		cJSON *p = cJSON_CreateObject();

		cJSON_AddStringToObject(p, "project_id",
					projects[i].project_id);
		cJSON_AddStringToObject(p, "role", role_name(projects[i].role));
		cJSON_AddItemToArray(list, p);
	}
	return after;
}

/* Inserts the invitation row and its project roles. */
static int invitations_insert(struct req *req, const char *id,
			      const char *org_id, const char *email,
			      enum role role, int days,
			      const unsigned char *hash,
			      const struct invitation_project *projects,
			      size_t n)
{
	int64_t now = stamp_now();
	size_t i;

	if (db_exec(req->db, NULL,
		    "INSERT INTO invitations (id, org_id, email, role,"
		    " invited_by, code_hash, period_days, created_at,"
		    " expires_at, last_sent_at) VALUES (?1, ?2, ?3, ?4, ?5,"
		    " ?6, ?7, ?8, ?9, ?8)",
		    "tttttbnii", id, org_id, email, role_name(role),
		    req->who.user_id, hash, (size_t)VAULT_HASH_SIZE, days, now,
		    now + (int64_t)days * INVITATIONS_DAY_S) < 0)
		return -1;

	for (i = 0; i < n; i++)
		if (db_exec(req->db, NULL,
			    "INSERT OR REPLACE INTO invitation_projects"
			    " (invitation_id, project_id, role)"
			    " VALUES (?1, ?2, ?3)",
			    "ttt", id, projects[i].project_id,
			    role_name(projects[i].role)) < 0)
			return -1;
	return 0;
}

int invitations_create(struct req *req, cJSON **out, const char *org_id,
		       const char *email, enum role role,
		       const struct invitation_project *projects, size_t n,
		       int days)
{
	unsigned char hash[VAULT_HASH_SIZE];
	char id[ID_SIZE], code[TOKEN_SIZE];
	int ret = -1;

	*out = NULL;
	ids_new(id, "inv_");
	token_generate(code, TOKEN_INVITATION);
	vault_hash(hash, code);
	if (invitations_replace(req, org_id, email) < 0 ||
	    invitations_insert(req, id, org_id, email, role, days, hash,
			       projects, n) < 0 ||
	    invitations_event(req, org_id, "invitation.create", id, email,
			      invitations_summary(email, role, projects, n)) <
		    0)
		goto out;

	*out = invitations_load(req, id);
	if (*out != NULL && invitations_add_code(*out, code) == 0)
		ret = 0;

out:
	sodium_memzero(code, sizeof(code));
	if (ret < 0)
		json_free(out);
	return ret;
}

/* A create request, checked. */
struct invitations_ask {
	enum role role;
	int days;
	struct invitation_project projects[INVITATIONS_PROJECTS_MAX];
	size_t nprojects;
};

/* Checks one {"project_id", "role"} item; -1 after answering. */
static int invitations_parse_project(struct req *req,
				     struct invitation_project *out,
				     const cJSON *item)
{
	const cJSON *field, *id = NULL, *role = NULL;

	if (!cJSON_IsObject(item))
		return reply_error(req, 400, "invalid_type", "projects",
				   "projects holds objects");
	cJSON_ArrayForEach(field, item)
	{
		if (strcmp(field->string, "project_id") == 0)
			id = field;
		else if (strcmp(field->string, "role") == 0)
			role = field;
		else
			return reply_error(
				req, 400, "unknown_field", "projects",
				"a project takes no field %s", field->string);
	}
	if (!cJSON_IsString(id) || !cJSON_IsString(role))
		return reply_error(req, 400, "invalid_type", "projects",
				   "each project needs a project_id and a "
				   "role, both strings");

	ids_copy(out->project_id, id->valuestring);
	return body_role(req, &out->role, role->valuestring, "projects");
}

/* Reads role, expires_in_days and projects; -1 after answering. */
static int invitations_parse(struct req *req, struct invitations_ask *ask)
{
	const cJSON *projects = body_get(req, "projects"), *item;
	const char *role = body_str(req, "role");
	long days = INVITATIONS_DAYS;

	memset(ask, 0, sizeof(*ask));
	ask->role = ROLE_MEMBER;
	if ((role != NULL && body_role(req, &ask->role, role, "role") < 0) ||
	    body_int(req, &days, "expires_in_days", 1, INVITATIONS_DAYS_MAX) <
		    0)
		return -1;
	ask->days = (int)days;

	if (cJSON_GetArraySize(projects) > INVITATIONS_PROJECTS_MAX)
		return reply_error(req, 422, "invalid_value", "projects",
				   "at most %d projects",
				   INVITATIONS_PROJECTS_MAX);
	cJSON_ArrayForEach(item, projects)
	{
		if (invitations_parse_project(
			    req, &ask->projects[ask->nprojects++], item) < 0)
			return -1;
	}
	return 0;
}

/* Checks roles against the caller and projects against the org. */
static int invitations_vet(struct req *req, const struct access *a,
			   const struct invitations_ask *ask)
{
	int64_t found = 0;
	size_t i;

	if (ask->role > a->role)
		return reply_error(req, 422, "role_too_high", "role",
				   "you cannot invite above your own role");
	for (i = 0; i < ask->nprojects; i++) {
		if (ask->projects[i].role > a->role)
			return reply_error(req, 422, "role_too_high",
					   "projects",
					   "you cannot give a project role "
					   "above your own");
		if (db_int(req->db, &found,
			   "SELECT count(*) FROM projects WHERE id = ?1"
			   " AND org_id = ?2",
			   "tt", ask->projects[i].project_id, a->org_id) < 0)
			return reply_internal(req, "project lookup");
		if (found == 0)
			return reply_error(req, 422, "invalid_value",
					   "projects",
					   "%s is not a project of this "
					   "organization",
					   ask->projects[i].project_id);
	}
	return 0;
}

/* An error entry of invitation_results. */
static cJSON *invitations_refusal(const char *raw, const char *code,
				  const char *message)
{
	cJSON *result = cJSON_CreateObject();
	cJSON *error;

	cJSON_AddStringToObject(result, "email", raw);
	error = cJSON_AddObjectToObject(result, "error");
	cJSON_AddStringToObject(error, "code", code);
	cJSON_AddStringToObject(error, "message", message);
	return result;
}

/* True when @email is already a member of @org_id. */
static int invitations_is_member(struct req *req, const char *org_id,
				 const char *email)
{
	int64_t n = 0;

	if (db_int(req->db, &n,
		   "SELECT count(*) FROM members m JOIN users u"
		   " ON u.id = m.user_id WHERE m.org_id = ?1 AND u.email = ?2",
		   "tt", org_id, email) < 0)
		return -1;
	return n > 0;
}

/* The result for one address; NULL on a database failure. */
static cJSON *invitations_one(struct req *req, const struct access *a,
			      const struct invitations_ask *ask,
			      const char *raw, const char *email, bool dup)
{
	char message[AUTH_EMAIL_SIZE + 64];
	cJSON *result, *inv = NULL;
	int member;

	if (email[0] == '\0' || dup)
		return invitations_refusal(raw, "invalid_value",
					   dup ? "listed more than once"
					       : "not an email address");
	member = invitations_is_member(req, a->org_id, email);
	if (member < 0)
		return NULL;
	if (member) {
		snprintf(message, sizeof(message), "%s is already a member",
			 email);
		return invitations_refusal(raw, "already_member", message);
	}

	if (invitations_create(req, &inv, a->org_id, email, ask->role,
			       ask->projects, ask->nprojects, ask->days) < 0)
		return NULL;
	result = cJSON_CreateObject();
	cJSON_AddStringToObject(result, "email", email);
	cJSON_AddItemToObject(result, "invitation", inv);
	return result;
}

/* The addresses of "emails", checked and lower-cased ("" when bad). */
struct invitations_emails {
	const char *raw[INVITATIONS_EMAILS_MAX];
	char clean[INVITATIONS_EMAILS_MAX][AUTH_EMAIL_SIZE];
	size_t n;
};

static int invitations_emails(struct req *req, struct invitations_emails *e)
{
	const cJSON *emails = body_get(req, "emails"), *item;
	int n = cJSON_GetArraySize(emails);

	e->n = 0;
	if (n < 1 || n > INVITATIONS_EMAILS_MAX)
		return reply_error(req, 422, "invalid_value", "emails",
				   "emails holds 1 to %d addresses",
				   INVITATIONS_EMAILS_MAX);
	cJSON_ArrayForEach(item, emails)
	{
		if (!cJSON_IsString(item))
			return reply_error(req, 400, "invalid_type", "emails",
					   "emails holds strings");
		e->raw[e->n] = item->valuestring;
		if (!body_email_ok(e->clean[e->n], item->valuestring))
			e->clean[e->n][0] = '\0';
		e->n++;
	}
	return 0;
}

/* True when address @i was listed before. */
static bool invitations_dup(const struct invitations_emails *e, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (e->clean[i][0] != '\0' &&
		    strcmp(e->clean[i], e->clean[j]) == 0)
			return true;
	return false;
}

/* Invites every address inside the transaction into @data. */
static int invitations_invite(struct req *req, struct access *a,
			      const struct invitations_ask *ask,
			      const struct invitations_emails *e, cJSON *data)
{
	size_t i;

	if (authz_org_need(req, a, req_param(req, "org"),
			   PERM_INVITATION_CREATE) < 0)
		return -1;
	if (a->personal)
		return reply_error(req, 409, "personal_org", NULL,
				   "nobody can be invited to a personal "
				   "organization");
	if (invitations_vet(req, a, ask) < 0)
		return -1;

	for (i = 0; i < e->n; i++) {
		cJSON *result =
			invitations_one(req, a, ask, e->raw[i], e->clean[i],
					invitations_dup(e, i));

		if (result == NULL || !cJSON_AddItemToArray(data, result))
			return reply_internal(req, "creating an invitation");
	}
	return 0;
}

static int invitations_post(struct req *req)
{
	static const struct body_field fields[] = {
		{ "emails", BODY_ARRAY, true },
		{ "role", BODY_STRING, false },
		{ "projects", BODY_ARRAY, false },
		{ "expires_in_days", BODY_NUMBER, false },
		{ NULL, 0, false },
	};
	struct invitations_emails e;
	struct invitations_ask ask;
	cJSON *results = cJSON_CreateObject();
	cJSON *data;
	struct access a;

	cJSON_AddStringToObject(results, "object", "invitation_results");
	data = cJSON_AddArrayToObject(results, "data");
	if (data == NULL || body_check(req, fields) < 0 ||
	    invitations_emails(req, &e) < 0 ||
	    invitations_parse(req, &ask) < 0 || req_begin(req) < 0 ||
	    req_commit(req, invitations_invite(req, &a, &ask, &e, data)) < 0) {
		json_free(&results);
		return -1;
	}
	return reply_json(req, 201, results);
}

static const char invitations_list_sql[] = "SELECT " INVITATIONS_COLUMNS(
	"i",
	"?2") " FROM invitations i JOIN orgs o ON o.id = i.org_id"
	      " WHERE i.org_id = ?1 AND i.seq > ?3"
	      " AND (?4 IS NULL OR instr(i.email, lower(?4)))"
	      " AND (?5 IS NULL OR CASE WHEN i.status = 'pending'"
	      "  AND i.expires_at <= ?2 THEN 'expired' ELSE i.status END = ?5)"
	      " ORDER BY i.seq LIMIT ?6";

/* Checks ?status=; -1 after answering 400. */
static int invitations_status_filter(struct req *req, const char **status)
{
	static const char *const known[] = { "pending", "accepted", "declined",
					     "expired", "revoked" };
	size_t i;

	*status = req_query(req, "status");
	if (*status == NULL || **status == '\0') {
		*status = NULL;
		return 0;
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(*status, known[i]) == 0)
			return 0;
	return reply_error(req, 400, "invalid_parameter", "status",
			   "status is pending, accepted, declined, expired "
			   "or revoked");
}

/* Adds the invitation at @st's row to @items. */
static int invitations_list_row(cJSON *items, sqlite3_stmt *st, const void *ctx)
{
	(void)ctx;
	return cJSON_AddItemToArray(items, invitations_json(st, 0)) ? 0 : -1;
}

static int invitations_list(struct req *req)
{
	const char *status;
	struct access a;
	struct page pg;

	if (authz_org_need(req, &a, req_param(req, "org"),
			   PERM_INVITATION_LIST) < 0 ||
	    invitations_status_filter(req, &status) < 0 ||
	    page_parse(req, &pg) < 0 ||
	    page_seek(req, &pg,
		      db_stmt(req->db,
			      "SELECT seq FROM invitations WHERE id = ?1"
			      " AND org_id = ?2",
			      "-t", a.org_id)) < 0)
		return -1;

	return page_reply_rows(req, &pg,
			       db_stmt(req->db, invitations_list_sql, "tiittn",
				       a.org_id, stamp_now(), pg.after_seq,
				       pg.q, status, pg.limit + 1),
			       invitations_list_row, NULL);
}

/*
 * Runs @step, a change to the invitation in the path, in a transaction,
 * and answers with the invitation as it is after.
 */
static int invitations_answer(struct req *req,
			      int (*step)(struct req *req,
					  struct invitations_row *row))
{
	struct invitations_row row;

	if (req_begin(req) < 0 || req_commit(req, step(req, &row)) < 0)
		return -1;
	return reply_json(req, 200, invitations_load(req, row.id));
}

/* Finds the pending invitation in the path, for an Admin of its org. */
static int invitations_admin_row(struct req *req, struct access *a,
				 struct invitations_row *row, enum perm perm)
{
	if (authz_org_need(req, a, req_param(req, "org"), perm) < 0 ||
	    invitations_row(req, row,
			    db_stmt(req->db,
				    INVITATIONS_ROW " WHERE i.id = ?1"
						    " AND i.org_id = ?2",
				    "tt", req_param(req, "inv"), a->org_id)) <
		    0 ||
	    invitations_need_pending(req, row) < 0)
		return -1;
	return req_if_match(req, row->version, false);
}

/* The revocation inside its transaction; -1 after answering. */
static int invitations_cancel(struct req *req, struct invitations_row *row)
{
	struct access a;

	if (invitations_admin_row(req, &a, row, PERM_INVITATION_REVOKE) < 0)
		return -1;
	if (invitations_close(req, row->org_id, row->id, row->email, "revoked",
			      "invitation.revoke") < 0)
		return reply_internal(req, "revoking an invitation");
	return 0;
}

static int invitations_revoke(struct req *req)
{
	return invitations_answer(req, invitations_cancel);
}

/* The resend inside its transaction: a new code into @code. */
static int invitations_renew(struct req *req, struct invitations_row *row,
			     char code[TOKEN_SIZE])
{
	unsigned char hash[VAULT_HASH_SIZE];
	int64_t now = stamp_now();
	struct access a;

	if (invitations_admin_row(req, &a, row, PERM_INVITATION_RESEND) < 0)
		return -1;

	token_generate(code, TOKEN_INVITATION);
	vault_hash(hash, code);
	if (db_exec(req->db, NULL,
		    "UPDATE invitations SET code_hash = ?2, expires_at = ?3,"
		    " sent_count = sent_count + 1, last_sent_at = ?4,"
		    " version = version + 1 WHERE id = ?1",
		    "tbii", row->id, hash, sizeof(hash),
		    now + row->period_days * INVITATIONS_DAY_S, now) < 0 ||
	    invitations_event(req, row->org_id, "invitation.resend", row->id,
			      row->email, NULL) < 0)
		return reply_internal(req, "resending an invitation");
	return 0;
}

static int invitations_resend(struct req *req)
{
	struct invitations_row row;
	char code[TOKEN_SIZE] = "";
	cJSON *inv;

	if (req_begin(req) < 0 ||
	    req_commit(req, invitations_renew(req, &row, code)) < 0) {
		sodium_memzero(code, sizeof(code));
		return -1;
	}
	inv = invitations_load(req, row.id);
	if (inv == NULL || invitations_add_code(inv, code) < 0) {
		sodium_memzero(code, sizeof(code));
		json_free(&inv);
		return reply_internal(req, "answering a resend");
	}
	return reply_json(req, 200, inv);
}

/*
 * Makes req->who a member as @row says, with its project roles, and marks
 * it accepted.  Runs inside the caller's transaction.
 */
static int invitations_join(struct req *req, const struct invitations_row *row)
{
	enum role role = ROLE_NONE;
	int member = invitations_is_member(req, row->org_id, row->email);

	if (member < 0)
		return reply_internal(req, "member lookup");
	if (member)
		return reply_error(req, 409, "already_member", NULL,
				   "%s is already a member", row->email);

	if (role_parse(&role, row->role, false) < 0 ||
	    orgs_add_member(req, row->org_id, req->who.user_id, role) < 0 ||
	    db_exec(req->db, NULL,
		    "INSERT OR IGNORE INTO project_members (project_id,"
		    " user_id, role, added_at) SELECT project_id, ?2, role, ?3"
		    " FROM invitation_projects WHERE invitation_id = ?1",
		    "tti", row->id, req->who.user_id, stamp_now()) < 0 ||
	    invitations_settle(req, row->id, "accepted") < 0 ||
	    invitations_event(req, row->org_id, "invitation.accept", row->id,
			      row->email, audit_pair("role", row->role)) < 0)
		return reply_internal(req, "accepting an invitation");
	return 0;
}

/* The acceptance object for req->who joining @org_id. */
static cJSON *invitations_acceptance(struct req *req, const char *org_id,
				     char token[TOKEN_SIZE])
{
	cJSON *obj = cJSON_CreateObject();
	struct access a;

	if (authz_org(req, &a, org_id) < 0 ||
	    cJSON_AddStringToObject(obj, "object", "acceptance") == NULL ||
	    !cJSON_AddItemToObject(obj, "user",
				   users_load(req->db, req->who.user_id)) ||
	    !cJSON_AddItemToObject(obj, "organization",
				   orgs_load(req->db, &a)) ||
	    (token[0] != '\0' &&
	     cJSON_AddStringToObject(obj, "token", token) == NULL))
		json_free(&obj);
	sodium_memzero(token, TOKEN_SIZE);
	return obj;
}

/* Signs in as the invitee, making the account when there is none. */
static int invitations_invitee(struct req *req,
			       const struct invitations_row *row,
			       const char *name, char token[TOKEN_SIZE])
{
	char user_id[ID_SIZE], fallback[AUTH_NAME_SIZE];
	int rc = users_find(req->db, user_id, row->email);

	if (rc < 0)
		return reply_internal(req, "user lookup");
	if (rc == 1)
		return auth_as_user(req, user_id);

	if (name[0] == '\0') {
		snprintf(fallback, sizeof(fallback), "%.*s",
			 (int)strcspn(row->email, "@"), row->email);
		name = fallback;
	}
	if (users_create(req, user_id, row->email, name, token) != 0)
		return reply_internal(req, "making an account");
	return 0;
}

/* Acceptance by code inside its transaction. */
static int invitations_redeem(struct req *req, struct invitations_row *row,
			      const unsigned char *hash, const char *name,
			      char token[TOKEN_SIZE])
{
	if (invitations_row(req, row,
			    db_stmt(req->db,
				    INVITATIONS_ROW " WHERE i.code_hash = ?1",
				    "b", hash, (size_t)VAULT_HASH_SIZE)) < 0 ||
	    invitations_need_pending(req, row) < 0 ||
	    invitations_invitee(req, row, name, token) < 0)
		return -1;
	return invitations_join(req, row);
}

/* Hashes the code in the body; -1 after answering 422. */
static int invitations_code(struct req *req, unsigned char *hash)
{
	const char *code = body_str(req, "code");
	enum token_kind kind;

	if (token_check(&kind, code) < 0 || kind != TOKEN_INVITATION)
		return reply_error(req, 422, "invalid_value", "code",
				   "code is not an invitation code");
	vault_hash(hash, code);
	return 0;
}

static int invitations_accept_code(struct req *req)
{
	static const struct body_field fields[] = {
		{ "code", BODY_STRING, true },
		{ "name", BODY_STRING, false },
		{ NULL, 0, false },
	};
	unsigned char hash[VAULT_HASH_SIZE];
	char name[AUTH_NAME_SIZE] = "", token[TOKEN_SIZE] = "";
	struct invitations_row row;

	if (body_check(req, fields) < 0 || invitations_code(req, hash) < 0 ||
	    (body_str(req, "name") != NULL &&
	     body_name(req, name, body_str(req, "name"), "name") < 0) ||
	    req_begin(req) < 0 ||
	    req_commit(req, invitations_redeem(req, &row, hash, name, token)) <
		    0) {
		sodium_memzero(token, sizeof(token));
		return -1;
	}
	return reply_json(req, 201,
			  invitations_acceptance(req, row.org_id, token));
}

/* The signed-in invitee's pending invitation in the path. */
static int invitations_mine(struct req *req, struct invitations_row *row)
{
	if (req->who.type != PRINCIPAL_USER)
		return reply_not_found(req);
	if (invitations_row(req, row,
			    db_stmt(req->db,
				    INVITATIONS_ROW " WHERE i.id = ?1"
						    " AND i.email = ?2",
				    "tt", req_param(req, "inv"),
				    req->who.email)) < 0)
		return -1;
	return invitations_need_pending(req, row);
}

static int invitations_accept_mine(struct req *req, struct invitations_row *row)
{
	if (invitations_mine(req, row) < 0)
		return -1;
	return invitations_join(req, row);
}

static int invitations_accept(struct req *req)
{
	struct invitations_row row;
	char token[TOKEN_SIZE] = "";

	if (req_begin(req) < 0 ||
	    req_commit(req, invitations_accept_mine(req, &row)) < 0)
		return -1;
	return reply_json(req, 200,
			  invitations_acceptance(req, row.org_id, token));
}

/* Declining inside its transaction. */
static int invitations_refuse(struct req *req, struct invitations_row *row)
{
	if (invitations_mine(req, row) < 0)
		return -1;
	if (invitations_close(req, row->org_id, row->id, row->email, "declined",
			      "invitation.decline") < 0)
		return reply_internal(req, "declining an invitation");
	return 0;
}

static int invitations_decline(struct req *req)
{
	return invitations_answer(req, invitations_refuse);
}

const struct route invitations_routes[] = {
	{ "GET", "/v1/orgs/{org}/invitations", invitations_list, 0 },
	{ "POST", "/v1/orgs/{org}/invitations", invitations_post, 0 },
	{ "POST", "/v1/orgs/{org}/invitations/{inv}/revoke", invitations_revoke,
	  0 },
	{ "POST", "/v1/orgs/{org}/invitations/{inv}/resend", invitations_resend,
	  0 },
	{ "POST", "/v1/invitations/accept", invitations_accept_code,
	  ROUTE_PUBLIC },
	{ "POST", "/v1/invitations/{inv}/accept", invitations_accept, 0 },
	{ "POST", "/v1/invitations/{inv}/decline", invitations_decline, 0 },
	{ NULL, NULL, NULL, 0 },
};
