/* SPDX-License-Identifier: MIT */
/*
 * Bearer tokens to principals.  The token's shape and checksum are checked
 * offline first (token_check()), then its SHA-256 is looked up; the token
 * itself is wiped as soon as it is hashed.
 */
#include "auth.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "orgdeck/token.h"

#include "db.h"
#include "reply.h"
#include "req.h"
#include "stamp.h"
#include "vault.h"

/* Personal tokens' last use is recorded at most this often (seconds). */
#define AUTH_TOUCH_EVERY 60

static int auth_fail(struct req *req, const char *code, const char *message)
{
	return reply_error(req, 401, code, NULL, "%s", message);
}

static void auth_fill_user(struct principal *who, sqlite3_stmt *st, int col)
{
	who->type = PRINCIPAL_USER;
	ids_copy(who->id, db_text(st, col));
	ids_copy(who->user_id, db_text(st, col));
	snprintf(who->name, sizeof(who->name), "%s", db_text(st, col + 1));
	snprintf(who->email, sizeof(who->email), "%s", db_text(st, col + 2));
}

int auth_as_user(struct req *req, const char *user_id)
{
	sqlite3_stmt *st;
	int rc;

	st = db_stmt(req->db, "SELECT id, name, email FROM users WHERE id = ?1",
		     "t", user_id);
	if (st == NULL)
		return reply_internal(req, "looking up a user");

	rc = db_step(st);
	if (rc == 1) {
		memset(&req->who, 0, sizeof(req->who));
		auth_fill_user(&req->who, st, 0);
	}
	db_done(&st);
	return rc == 1 ? 0 : reply_internal(req, "user vanished");
}

/* Finds the user whose personal token hashes to @hash. */
/*
 * True when the personal token whose last use is in column @col of @st
 * should have this use recorded: at most every AUTH_TOUCH_EVERY seconds,
 * and checked before writing, because even an UPDATE that changes nothing
 * takes the database's one write lock.
 */
static bool auth_stale(sqlite3_stmt *st, int col)
{
	return db_null(st, col) ||
	       sqlite3_column_int64(st, col) < stamp_now() - AUTH_TOUCH_EVERY;
}

static int auth_user(struct req *req, const unsigned char *hash)
{
	sqlite3_stmt *st;
	bool touch = false;
	int rc, ret = -1;

	st = db_stmt(req->db,
		     "SELECT t.revoked_at, u.id, u.name, u.email,"
		     " t.last_used_at FROM personal_tokens t"
		     " JOIN users u ON u.id = t.user_id WHERE t.hash = ?1",
		     "b", hash, (size_t)VAULT_HASH_SIZE);
	if (st == NULL)
		return reply_internal(req, "token lookup");

	rc = db_step(st);
	if (rc < 0)
		reply_internal(req, "token lookup");
	else if (rc == 0)
		auth_fail(req, "invalid_token", "this token is not known");
	else if (!db_null(st, 0))
		auth_fail(req, "revoked_token", "this token was revoked");
	else {
		auth_fill_user(&req->who, st, 1);
		touch = auth_stale(st, 4);
		ret = 0;
	}
	db_done(&st);

	if (touch)
		db_exec(req->db, NULL,
			"UPDATE personal_tokens SET last_used_at = ?1"
			" WHERE hash = ?2 AND (last_used_at IS NULL"
			" OR last_used_at < ?1 - ?3)",
			"ibn", stamp_now(), hash, (size_t)VAULT_HASH_SIZE,
			AUTH_TOUCH_EVERY);
	return ret;
}

/* Columns of the key lookup below. */
enum {
	AUTH_K_ID,
	AUTH_K_NAME,
	AUTH_K_ORG,
	AUTH_K_PROJECT,
	AUTH_K_ROLE,
	AUTH_K_CREATOR,
	AUTH_K_EXPIRES,
	AUTH_K_REVOKED,
	AUTH_K_CURRENT,
	AUTH_K_PREV_EXPIRES,
	AUTH_K_EMAIL,
	AUTH_K_MEMBER,
};

static const char auth_key_sql[] =
	"SELECT k.id, k.name, k.org_id, k.project_id, k.role, k.created_by,"
	" k.expires_at, k.revoked_at, k.hash = ?1, k.prev_expires_at, u.email,"
	" EXISTS (SELECT 1 FROM members m WHERE m.org_id = k.org_id"
	"  AND m.user_id = k.created_by)"
	" FROM api_keys k JOIN users u ON u.id = k.created_by"
	" WHERE k.hash = ?1 OR k.prev_hash = ?1";

/* Says why the key row at @st may not be used now; NULL when it may. */
static const char *auth_key_refusal(sqlite3_stmt *st, const char **message)
{
	int64_t now = stamp_now();

	if (!db_null(st, AUTH_K_REVOKED)) {
		*message = "this key was revoked";
		return "revoked_token";
	}
	if ((!db_null(st, AUTH_K_EXPIRES) &&
	     sqlite3_column_int64(st, AUTH_K_EXPIRES) <= now) ||
	    (sqlite3_column_int(st, AUTH_K_CURRENT) == 0 &&
	     sqlite3_column_int64(st, AUTH_K_PREV_EXPIRES) <= now)) {
		*message = "this key has expired";
		return "expired_token";
	}
	if (sqlite3_column_int(st, AUTH_K_MEMBER) == 0) {
		*message = "the person who made this key left the organization";
		return "key_creator_gone";
	}
	return NULL;
}

static void auth_fill_key(struct principal *who, sqlite3_stmt *st)
{
	who->type = PRINCIPAL_KEY;
	ids_copy(who->id, db_text(st, AUTH_K_ID));
	snprintf(who->name, sizeof(who->name), "%s", db_text(st, AUTH_K_NAME));
	ids_copy(who->user_id, db_text(st, AUTH_K_CREATOR));
	snprintf(who->email, sizeof(who->email), "%s",
		 db_text(st, AUTH_K_EMAIL));
	ids_copy(who->org_id, db_text(st, AUTH_K_ORG));
	ids_copy(who->project_id, db_text(st, AUTH_K_PROJECT));
	if (role_parse(&who->key_role, db_text(st, AUTH_K_ROLE), false) < 0)
		who->key_role = ROLE_NONE;
}

/* Accepts or refuses the key row at @st. */
static int auth_key_row(struct req *req, sqlite3_stmt *st)
{
	const char *message = NULL;
	const char *code = auth_key_refusal(st, &message);

	if (code != NULL)
		return auth_fail(req, code, message);

	auth_fill_key(&req->who, st);
	return 0;
}

/* Finds the API key whose current or previous secret hashes to @hash. */
static int auth_key(struct req *req, const unsigned char *hash)
{
	sqlite3_stmt *st;
	int rc, ret = -1;

	st = db_stmt(req->db, auth_key_sql, "b", hash, (size_t)VAULT_HASH_SIZE);
	if (st == NULL)
		return reply_internal(req, "key lookup");

	rc = db_step(st);
	if (rc < 0)
		reply_internal(req, "key lookup");
	else if (rc == 0)
		auth_fail(req, "invalid_token", "this key is not known");
	else
		ret = auth_key_row(req, st);
	db_done(&st);

	if (ret == 0)
		db_exec(req->db, NULL,
			"UPDATE api_keys SET last_used_at = ?1,"
			" use_count = use_count + 1 WHERE id = ?2",
			"it", stamp_now(), req->who.id);
	return ret;
}

/* Copies the bearer token out of @header into @token. */
static int auth_bearer(char token[TOKEN_SIZE], const char *header)
{
	size_t len;

	if (strncasecmp(header, "Bearer ", 7) != 0)
		return -1;
	header += 7;
	while (*header == ' ')
		header++;
	len = strcspn(header, " \t\r\n");
	if (len != TOKEN_LEN || header[len] != '\0')
		return -1;

	memcpy(token, header, len);
	token[len] = '\0';
	return 0;
}

int auth_check(struct req *req)
{
	const char *header = req_header(req, "Authorization");
	unsigned char hash[VAULT_HASH_SIZE];
	char token[TOKEN_SIZE];
	enum token_kind kind;
	int ret;

	memset(&req->who, 0, sizeof(req->who));
	if (header == NULL || header[strspn(header, " ")] == '\0' ||
	    strcasecmp(header, "Bearer") == 0)
		return auth_fail(req, "missing_token",
				 "send Authorization: Bearer <token>");
	if (auth_bearer(token, header) < 0 || token_check(&kind, token) < 0 ||
	    kind == TOKEN_INVITATION) {
		sodium_memzero(token, sizeof(token));
		return auth_fail(req, "invalid_token",
				 "this is not an orgdeck token");
	}

	vault_hash(hash, token);
	sodium_memzero(token, sizeof(token));
	if (kind == TOKEN_PERSONAL)
		ret = auth_user(req, hash);
	else
		ret = auth_key(req, hash);
	return ret;
}
