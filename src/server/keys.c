/* SPDX-License-Identifier: MIT */
/*
 * Organization and project API keys: list, create, read, rename, rotate
 * and revoke.  A key's secret is made here, shown once in the answer that
 * made it and stored only as its SHA-256; auth.c turns it back into a
 * principal with the key's ceiling.
 */
#include "keys.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/log.h"
#include "orgdeck/token.h"

#include "audit.h"
#include "authz.h"
#include "body.h"
#include "db.h"
#include "json.h"
#include "page.h"
#include "reply.h"
#include "router.h"
#include "stamp.h"
#include "users.h"
#include "vault.h"

/* The longest grace a rotation may give the old secret: a week. */
#define KEYS_GRACE_MAX 604800

/* Every query that shows keys selects these, in this order. */
#define KEYS_COLUMNS                                             \
	"k.id, k.name, k.scope, k.org_id, k.project_id, k.role," \
	" k.redacted, k.created_at, k.expires_at, k.revoked_at," \
	" k.last_used_at, k.use_count, k.version, " USERS_COLUMNS("u")
#define KEYS_FROM " FROM api_keys k JOIN users u ON u.id = k.created_by "

enum {
	KEYS_C_ID,
	KEYS_C_NAME,
	KEYS_C_SCOPE,
	KEYS_C_ORG,
	KEYS_C_PROJECT,
	KEYS_C_ROLE,
	KEYS_C_REDACTED,
	KEYS_C_CREATED_AT,
	KEYS_C_EXPIRES_AT,
	KEYS_C_REVOKED_AT,
	KEYS_C_LAST_USED_AT,
	KEYS_C_USE_COUNT,
	KEYS_C_VERSION,
	KEYS_C_USER /* the creator, USERS_NCOLUMNS columns */
};

/* Where a stored key lives, and its state. */
struct keys_place {
	char org_id[ID_SIZE];
	char project_id[ID_SIZE]; /* "" for an organization key */
	char name[AUTH_NAME_SIZE];
	int64_t version;
	bool revoked;
	bool expired;
};

/* A key's status as api.md names it, from the row at @st. */
static const char *keys_status(sqlite3_stmt *st)
{
	if (!db_null(st, KEYS_C_REVOKED_AT))
		return "revoked";
	if (!db_null(st, KEYS_C_EXPIRES_AT) &&
	    sqlite3_column_int64(st, KEYS_C_EXPIRES_AT) <= stamp_now())
		return "expired";
	return "active";
}

/* Adds the columns of the row at @st to @key. */
static int keys_fields(cJSON *key, sqlite3_stmt *st)
{
	cJSON *user = users_json(st, KEYS_C_USER);

	if (user == NULL || !cJSON_AddItemToObject(key, "created_by", user)) {
		cJSON_Delete(user);
		return -1;
	}
	if (json_add_col_time(key, "created_at", st, KEYS_C_CREATED_AT) ==
		    NULL ||
	    json_add_col_time(key, "expires_at", st, KEYS_C_EXPIRES_AT) ==
		    NULL ||
	    json_add_col_time(key, "last_used_at", st, KEYS_C_LAST_USED_AT) ==
		    NULL ||
	    cJSON_AddNumberToObject(key, "use_count",
				    (double)sqlite3_column_int64(
					    st, KEYS_C_USE_COUNT)) == NULL ||
	    cJSON_AddStringToObject(key, "status", keys_status(st)) == NULL ||
	    json_add_etag(key, sqlite3_column_int64(st, KEYS_C_VERSION)) ==
		    NULL)
		return -1;
	return 0;
}

/* The api_key object in the current row of @st; NULL on error. */
static cJSON *keys_json(sqlite3_stmt *st)
{
	cJSON *key = cJSON_CreateObject();

	if (cJSON_AddStringToObject(key, "object", "api_key") == NULL ||
	    json_add_col(key, "id", st, KEYS_C_ID) == NULL ||
	    json_add_col(key, "name", st, KEYS_C_NAME) == NULL ||
	    json_add_col(key, "scope", st, KEYS_C_SCOPE) == NULL ||
	    json_add_col(key, "org_id", st, KEYS_C_ORG) == NULL ||
	    json_add_col(key, "project_id", st, KEYS_C_PROJECT) == NULL ||
	    json_add_col(key, "role", st, KEYS_C_ROLE) == NULL ||
	    json_add_col(key, "redacted", st, KEYS_C_REDACTED) == NULL ||
	    keys_fields(key, st) < 0) {
		cJSON_Delete(key);
		return NULL;
	}
	return key;
}

cJSON *keys_load(sqlite3 *db, const char *key_id)
{
	sqlite3_stmt *st;
	cJSON *key = NULL;

	st = db_stmt(db, "SELECT " KEYS_COLUMNS KEYS_FROM "WHERE k.id = ?1",
		     "t", key_id);
	if (st != NULL && db_step(st) == 1)
		key = keys_json(st);
	db_done(&st);
	return key;
}

/* Answers key @key_id, with @secret added when not NULL. */
static int keys_reply(struct req *req, unsigned int status, const char *key_id,
		      const char *secret)
{
	cJSON *key = keys_load(req->db, key_id);

	if (key != NULL && secret != NULL &&
	    cJSON_AddStringToObject(key, "secret", secret) == NULL)
		json_free(&key);
	return reply_json(req, status, key);
}

/*
 * The caller's access in project @project_id, or in organization @org_id
 * when that is NULL, needing @perm there.  Returns 0, or -1 after
 * answering.
 */
static int keys_access(struct req *req, struct access *a, const char *org_id,
		       const char *project_id, enum perm perm)
{
	if (project_id != NULL)
		return authz_project_need(req, a, project_id, perm);
	return authz_org_need(req, a, org_id, perm);
}

/* As keys_access(), where the path points: "{org}" or "{prj}". */
static int keys_reach(struct req *req, struct access *a, enum perm perm)
{
	const char *org = req_param(req, "org");

	return keys_access(req, a, org,
			   org == NULL ? req_param(req, "prj") : NULL, perm);
}

/* The project of @a for binding: NULL at organization level. */
static const char *keys_project(const struct access *a)
{
	return a->project_id[0] != '\0' ? a->project_id : NULL;
}

/* Adds one list row to @items; -1 when out of memory. */
static int keys_list_row(cJSON *items, sqlite3_stmt *st)
{
	cJSON *key = keys_json(st);

	if (key == NULL || !cJSON_AddItemToArray(items, key)) {
		cJSON_Delete(key);
		return -1;
	}
	return 0;
}

/* The keys of @a's organization (org keys) or project, one page. */
static int keys_list_rows(struct req *req, const struct access *a,
			  const struct page *pg, cJSON *items)
{
	sqlite3_stmt *st;
	int rc = -1;

	st = db_stmt(req->db,
		     "SELECT " KEYS_COLUMNS KEYS_FROM
		     "WHERE k.org_id = ?1 AND k.project_id IS ?2"
		     " AND k.seq > ?3 AND (?4 IS NULL"
		     " OR instr(lower(k.name), lower(?4)) > 0)"
		     " ORDER BY k.seq LIMIT ?5",
		     "ttitn", a->org_id, keys_project(a), pg->after_seq, pg->q,
		     pg->limit + 1);
	if (st != NULL)
		rc = db_step(st);
	while (rc == 1)
		rc = keys_list_row(items, st) < 0 ? -1 : db_step(st);
	db_done(&st);
	return rc;
}

static int keys_list(struct req *req)
{
	struct access a;
	struct page pg;
	cJSON *items;

	if (keys_reach(req, &a, PERM_KEY_LIST) < 0 ||
	    page_parse(req, &pg) < 0 ||
	    page_seek(req, &pg,
		      db_stmt(req->db,
			      "SELECT seq FROM api_keys WHERE id = ?1"
			      " AND org_id = ?2 AND project_id IS ?3",
			      "-tt", a.org_id, keys_project(&a))) < 0)
		return -1;

	items = cJSON_CreateArray();
	if (items == NULL || keys_list_rows(req, &a, &pg, items) < 0) {
		cJSON_Delete(items);
		return reply_internal(req, "listing keys");
	}
	return page_reply(req, &pg, items);
}

/* Reads the optional expires_at into *@out (0 for none). */
static int keys_expiry(struct req *req, int64_t *out)
{
	const char *text = body_str(req, "expires_at");

	*out = 0;
	if (text == NULL)
		return 0;
	if (stamp_parse(out, text) < 0)
		return reply_error(req, 422, "invalid_value", "expires_at",
				   "expires_at must be an RFC 3339 time");
	if (*out <= stamp_now())
		return reply_error(req, 422, "invalid_value", "expires_at",
				   "expires_at must be in the future");
	return 0;
}

/* What a new key will be. */
struct keys_new {
	char id[ID_SIZE];
	char name[AUTH_NAME_SIZE];
	enum role role;
	int64_t expires_at; /* 0 for never */
	char secret[TOKEN_SIZE];
};

/* Checks the body of a create against the caller's access @a. */
static int keys_read_new(struct req *req, const struct access *a,
			 struct keys_new *key)
{
	if (body_name(req, key->name, body_str(req, "name"), "name") < 0 ||
	    body_role(req, &key->role, body_str(req, "role"), "role") < 0 ||
	    keys_expiry(req, &key->expires_at) < 0)
		return -1;
	if (key->role > a->role)
		return reply_error(req, 422, "role_too_high", "role",
				   "a key may not be above its maker: you are "
				   "%s here",
				   role_label(a->role));
	return 0;
}

/* The audit record of a key's standing: name, role, scope, expiry. */
static cJSON *keys_summary(const struct keys_new *key, const char *scope)
{
	cJSON *obj = audit_pair("name", key->name);
	char when[STAMP_SIZE];

	if (obj == NULL)
		return NULL;
	cJSON_AddStringToObject(obj, "role", role_name(key->role));
	cJSON_AddStringToObject(obj, "scope", scope);
	if (key->expires_at != 0)
		stamp_format(when, key->expires_at);
	json_add_text(obj, "expires_at", key->expires_at != 0 ? when : NULL);
	return obj;
}

/* Stores @key where @a points, with its event, inside a transaction. */
static int keys_insert(struct req *req, const struct access *a,
		       const struct keys_new *key)
{
	const char *scope = a->project_id[0] != '\0' ? "project" : "org";
	unsigned char hash[VAULT_HASH_SIZE];
	char redacted[TOKEN_REDACTED_SIZE];
	struct audit ev = { 0 };
	int rc;

	vault_hash(hash, key->secret);
	token_redact(redacted, key->secret);
	/* No expiry binds NULL ('-'), which takes no argument. */
	rc = db_exec(
		req->db, NULL,
		"INSERT INTO api_keys (id, org_id, project_id, scope, name,"
		" role, hash, redacted, created_by, created_at, expires_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
		key->expires_at != 0 ? "ttttttbttii" : "ttttttbtti-", key->id,
		a->org_id, keys_project(a), scope, key->name,
		role_name(key->role), hash, sizeof(hash), redacted,
		req->who.user_id, stamp_now(), key->expires_at);
	sodium_memzero(hash, sizeof(hash));
	if (rc < 0)
		return reply_internal(req, "storing a key");

	ev.org_id = a->org_id;
	ev.project_id = keys_project(a);
	ev.action = perm_name(PERM_KEY_CREATE);
	ev.target_type = "api_key";
	ev.target_id = key->id;
	ev.target_name = key->name;
	ev.after = keys_summary(key, scope);
	if (audit_write(req, &ev) < 0)
		return reply_internal(req, "recording a new key");
	return 0;
}

/* The body a create takes. */
static const struct body_field keys_create_fields[] = {
	{ "name", BODY_STRING, true },
	{ "role", BODY_STRING, true },
	{ "expires_at", BODY_STRING | BODY_NULL, false },
	{ NULL, 0, false },
};

/* Checks a create's body for a caller with access @a; makes the secret. */
static int keys_prepare(struct req *req, const struct access *a,
			struct keys_new *key)
{
	if (body_check(req, keys_create_fields) < 0 ||
	    keys_read_new(req, a, key) < 0)
		return -1;

	ids_new(key->id, "key_");
	return token_generate(key->secret, a->project_id[0] != '\0'
						   ? TOKEN_PROJECT_KEY
						   : TOKEN_ORG_KEY);
}

static int keys_create(struct req *req)
{
	struct keys_new key = { 0 };
	struct access a;
	int ret = -1;

	if (keys_reach(req, &a, PERM_KEY_CREATE) < 0 ||
	    keys_prepare(req, &a, &key) < 0)
		goto out;
	if (req_begin(req) < 0 ||
	    req_commit(req, keys_insert(req, &a, &key)) < 0)
		goto out;
	ret = keys_reply(req, 201, key.id, key.secret);

out:
	sodium_memzero(key.secret, sizeof(key.secret));
	return ret;
}

int keys_seed(struct req *req, const char *org_id, const char *project_id,
	      const char *body)
{
	struct keys_new key = { 0 };
	struct access a;
	int ret = -1;

	json_free(&req->json);
	req->json = cJSON_Parse(body);
	if (!cJSON_IsObject(req->json))
		goto out;

	if (keys_access(req, &a, org_id, project_id, PERM_KEY_CREATE) == 0 &&
	    keys_prepare(req, &a, &key) == 0)
		ret = keys_insert(req, &a, &key);

out:
	if (ret < 0)
		log_error("seeding a key: %s",
			  req->answer != NULL ? req->answer : "bad body");
	sodium_memzero(key.secret, sizeof(key.secret));
	json_free(&req->json);
	return ret;
}

/*
 * Finds key @key_id and the caller's access in its scope, needing @perm
 * there.  Fills @place.  Returns 0, or -1 after answering (404 for a key
 * that is missing or out of reach).
 */
static int keys_locate(struct req *req, const char *key_id, struct access *a,
		       enum perm perm, struct keys_place *place)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	memset(place, 0, sizeof(*place));
	if (key_id == NULL || !ids_valid(key_id, "key_"))
		return reply_not_found(req);

	st = db_stmt(req->db,
		     "SELECT org_id, project_id, name, version,"
		     " revoked_at IS NOT NULL,"
		     " ifnull(expires_at <= ?2, 0) FROM api_keys WHERE id = ?1",
		     "ti", key_id, stamp_now());
	rc = st != NULL ? db_step(st) : -1;
	if (rc == 1) {
		ids_copy(place->org_id, db_text(st, 0));
		ids_copy(place->project_id, db_text(st, 1));
		snprintf(place->name, sizeof(place->name), "%s",
			 db_text(st, 2));
		place->version = sqlite3_column_int64(st, 3);
		place->revoked = sqlite3_column_int(st, 4) != 0;
		place->expired = sqlite3_column_int(st, 5) != 0;
	}
	db_done(&st);

	if (rc < 0)
		return reply_internal(req, "finding a key");
	if (rc == 0)
		return reply_not_found(req);
	if (place->project_id[0] != '\0')
		return authz_project_need(req, a, place->project_id, perm);
	return authz_org_need(req, a, place->org_id, perm);
}

static int keys_get(struct req *req)
{
	const char *key_id = req_param(req, "key");
	struct keys_place place;
	struct access a;

	if (keys_locate(req, key_id, &a, PERM_KEY_LIST, &place) < 0)
		return -1;
	return keys_reply(req, 200, key_id, NULL);
}

/* Writes a key's event for @perm, taking @before and @after. */
static int keys_audit(struct req *req, const struct keys_place *place,
		      enum perm perm, const char *key_id, const char *name,
		      cJSON *before, cJSON *after)
{
	struct audit ev = { 0 };

	ev.org_id = place->org_id;
	ev.project_id = place->project_id[0] != '\0' ? place->project_id : NULL;
	ev.action = perm_name(perm);
	ev.target_type = "api_key";
	ev.target_id = key_id;
	ev.target_name = name;
	ev.before = before;
	ev.after = after;
	return audit_write(req, &ev);
}

/* Renames inside the transaction; -1 after answering. */
static int keys_rename(struct req *req, const char *key_id, const char *name)
{
	struct keys_place place;
	struct access a;

	if (keys_locate(req, key_id, &a, PERM_KEY_UPDATE, &place) < 0 ||
	    req_if_match(req, place.version, false) < 0)
		return -1;
	if (name == NULL)
		return 0;

	if (db_exec(req->db, NULL,
		    "UPDATE api_keys SET name = ?2, version = version + 1"
		    " WHERE id = ?1",
		    "tt", key_id, name) < 0 ||
	    keys_audit(req, &place, PERM_KEY_UPDATE, key_id, name,
		       audit_pair("name", place.name),
		       audit_pair("name", name)) < 0)
		return reply_internal(req, "renaming a key");
	return 0;
}

static int keys_update(struct req *req)
{
	static const struct body_field fields[] = {
		{ "name", BODY_STRING, false },
		{ NULL, 0, false },
	};
	const char *key_id = req_param(req, "key");
	const char *given;
	char name[AUTH_NAME_SIZE];

	if (body_check(req, fields) < 0)
		return -1;
	given = body_str(req, "name");
	if (given != NULL && body_name(req, name, given, "name") < 0)
		return -1;
	if (req_begin(req) < 0 ||
	    req_commit(req, keys_rename(req, key_id,
					given != NULL ? name : NULL)) < 0)
		return -1;
	return keys_reply(req, 200, key_id, NULL);
}

/*
 * Gives a key a new secret, written to @secret, inside the transaction.
 * The old one keeps working for @grace seconds (none when 0).  Returns 0,
 * or -1 after answering.
 */
static int keys_replace(struct req *req, const char *key_id, long grace,
			char secret[TOKEN_SIZE])
{
	unsigned char hash[VAULT_HASH_SIZE];
	char redacted[TOKEN_REDACTED_SIZE];
	struct keys_place place;
	struct access a;
	cJSON *after;
	int rc;

	if (keys_locate(req, key_id, &a, PERM_KEY_ROTATE, &place) < 0 ||
	    req_if_match(req, place.version, false) < 0)
		return -1;
	/* A key that has stopped stays stopped: rotation revives nothing. */
	if (place.revoked || place.expired)
		return reply_error(req, 409, "key_not_active", NULL,
				   "this key is %s; make a new one instead",
				   place.revoked ? "revoked" : "expired");

	token_generate(secret, place.project_id[0] != '\0' ? TOKEN_PROJECT_KEY
							   : TOKEN_ORG_KEY);
	vault_hash(hash, secret);
	token_redact(redacted, secret);
	rc = db_exec(req->db, NULL,
		     "UPDATE api_keys SET"
		     " prev_hash = CASE WHEN ?4 > 0 THEN hash END,"
		     " prev_expires_at = CASE WHEN ?4 > 0 THEN ?5 + ?4 END,"
		     " hash = ?2, redacted = ?3, version = version + 1"
		     " WHERE id = ?1",
		     "tbtii", key_id, hash, sizeof(hash), redacted,
		     (int64_t)grace, stamp_now());
	sodium_memzero(hash, sizeof(hash));

	after = cJSON_CreateObject();
	cJSON_AddNumberToObject(after, "grace_seconds", (double)grace);
	cJSON_AddStringToObject(after, "redacted", redacted);
	if (rc < 0 || keys_audit(req, &place, PERM_KEY_ROTATE, key_id,
				 place.name, NULL, after) < 0)
		return reply_internal(req, "rotating a key");
	return 0;
}

static int keys_rotate(struct req *req)
{
	static const struct body_field fields[] = {
		{ "grace_seconds", BODY_NUMBER, false },
		{ NULL, 0, false },
	};
	const char *key_id = req_param(req, "key");
	char secret[TOKEN_SIZE] = "";
	long grace = 0;
	int ret = -1;

	if (body_check(req, fields) < 0 ||
	    body_int(req, &grace, "grace_seconds", 0, KEYS_GRACE_MAX) < 0)
		goto out;

	if (req_begin(req) < 0 ||
	    req_commit(req, keys_replace(req, key_id, grace, secret)) < 0)
		goto out;
	ret = keys_reply(req, 200, key_id, secret);

out:
	sodium_memzero(secret, sizeof(secret));
	return ret;
}

/* Revokes inside the transaction; -1 after answering. */
static int keys_end(struct req *req, const char *key_id)
{
	struct keys_place place;
	struct access a;

	if (keys_locate(req, key_id, &a, PERM_KEY_REVOKE, &place) < 0 ||
	    req_if_match(req, place.version, false) < 0)
		return -1;
	if (place.revoked)
		return 0;

	if (db_exec(req->db, NULL,
		    "UPDATE api_keys SET revoked_at = ?2, prev_hash = NULL,"
		    " prev_expires_at = NULL, version = version + 1"
		    " WHERE id = ?1",
		    "ti", key_id, stamp_now()) < 0 ||
	    keys_audit(req, &place, PERM_KEY_REVOKE, key_id, place.name,
		       audit_pair("status", "active"),
		       audit_pair("status", "revoked")) < 0)
		return reply_internal(req, "revoking a key");
	return 0;
}

static int keys_revoke(struct req *req)
{
	const char *key_id = req_param(req, "key");

	if (req_begin(req) < 0 || req_commit(req, keys_end(req, key_id)) < 0)
		return -1;
	return keys_reply(req, 200, key_id, NULL);
}

const struct route keys_routes[] = {
	{ "GET", "/v1/orgs/{org}/keys", keys_list, 0 },
	{ "POST", "/v1/orgs/{org}/keys", keys_create, 0 },
	{ "GET", "/v1/projects/{prj}/keys", keys_list, 0 },
	{ "POST", "/v1/projects/{prj}/keys", keys_create, 0 },
	{ "GET", "/v1/keys/{key}", keys_get, 0 },
	{ "PATCH", "/v1/keys/{key}", keys_update, 0 },
	{ "POST", "/v1/keys/{key}/rotate", keys_rotate, 0 },
	{ "DELETE", "/v1/keys/{key}", keys_revoke, 0 },
	{ NULL, NULL, NULL, 0 },
};
