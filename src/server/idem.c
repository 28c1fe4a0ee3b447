/* SPDX-License-Identifier: MIT */
/* Storing and replaying answers to Idempotency-Key requests. */
#include "idem.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/log.h"

#include "db.h"
#include "json.h"
#include "reply.h"
#include "stamp.h"
#include "vault.h"

#define IDEM_KEEP_S	   (24 * 3600)
#define IDEM_FULL_REPLAY_S (10 * 60)
#define IDEM_KEY_MAX	   255

/* The principal a key belongs to: the actor, or the peer for no token. */
static const char *idem_principal(const struct req *req)
{
	return req->who.id[0] != '\0' ? req->who.id : req->client;
}

static bool idem_key_ok(const char *key)
{
	size_t len = strlen(key), i;

	if (len < 1 || len > IDEM_KEY_MAX)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)key[i] < 0x20 ||
		    (unsigned char)key[i] > 0x7e)
			return false;
	return true;
}

/* Hashes what makes two requests "the same": method, path and body. */
static void idem_hash(struct req *req)
{
	crypto_hash_sha256_state state;
	static const unsigned char sep = 0;

	crypto_hash_sha256_init(&state);
	crypto_hash_sha256_update(&state, (const unsigned char *)req->method,
				  strlen(req->method));
	crypto_hash_sha256_update(&state, &sep, 1);
	crypto_hash_sha256_update(&state, (const unsigned char *)req->path,
				  strlen(req->path));
	crypto_hash_sha256_update(&state, &sep, 1);
	if (req->body.len > 0)
		crypto_hash_sha256_update(&state,
					  (const unsigned char *)req->body.data,
					  req->body.len);
	crypto_hash_sha256_final(&state, req->idem_hash);
}

/* Replays the full answer sealed in column @col of @st. */
static int idem_replay_sealed(struct req *req, sqlite3_stmt *st, int col)
{
	struct buf plain;
	int ret;

	buf_init(&plain, (size_t)1 << 24);
	if (vault_open(&plain, sqlite3_column_blob(st, col),
		       (size_t)sqlite3_column_bytes(st, col)) < 0) {
		buf_release(&plain);
		return reply_internal(req, "a stored answer does not open");
	}
	ret = reply_raw(req, (unsigned int)sqlite3_column_int(st, 1),
			plain.data);
	req->answer_secret = true;
	buf_release(&plain);
	return ret;
}

/* Answers from the stored row at @st. */
static void idem_replay(struct req *req, sqlite3_stmt *st)
{
	int64_t age = stamp_now() - sqlite3_column_int64(st, 4);

	if ((size_t)sqlite3_column_bytes(st, 0) != sizeof(req->idem_hash) ||
	    memcmp(sqlite3_column_blob(st, 0), req->idem_hash,
		   sizeof(req->idem_hash)) != 0) {
		reply_error(
			req, 422, "idempotency_mismatch", "Idempotency-Key",
			"this Idempotency-Key was used for another request");
		return;
	}

	if (!db_null(st, 3) && age < IDEM_FULL_REPLAY_S)
		idem_replay_sealed(req, st, 3);
	else
		reply_raw(req, (unsigned int)sqlite3_column_int(st, 1),
			  db_text(st, 2));
	req->replayed = req->status < 500;
}

/*
 * XXX: two first attempts with the same key at the same moment both run the
 * handler; the answer stored is the first to finish, so only later retries
 * are deduplicated.
 */
int idem_begin(struct req *req)
{
	const char *key = req_header(req, "Idempotency-Key");
	sqlite3_stmt *st;
	int rc;

	if (key == NULL)
		return 0;
	if (!idem_key_ok(key)) {
		reply_error(req, 400, "invalid_parameter", "Idempotency-Key",
			    "Idempotency-Key must be 1-255 printable "
			    "characters");
		return 1;
	}
	req->idem_key = key;
	idem_hash(req);

	st = db_stmt(req->db,
		     "SELECT request_hash, status, body, body_sealed,"
		     " created_at FROM idempotency"
		     " WHERE principal = ?1 AND key = ?2 AND created_at > ?3",
		     "tti", idem_principal(req), key,
		     stamp_now() - IDEM_KEEP_S);
	if (st == NULL) {
		reply_internal(req, "idempotency lookup");
		return 1;
	}
	rc = db_step(st);
	if (rc == 1)
		idem_replay(req, st);
	else if (rc < 0)
		reply_internal(req, "idempotency lookup");
	db_done(&st);
	return rc != 0;
}

/* The answer with its tokens redacted; caller frees.  NULL on failure. */
static char *idem_redacted(const char *answer)
{
	cJSON *obj = cJSON_Parse(answer);
	char *text;

	if (obj == NULL)
		return NULL;
	json_redact_tokens(obj);
	text = json_print(obj);
	json_free(&obj);
	return text;
}

/* Inserts the row; @sealed may be NULL. */
static void idem_store(struct req *req, const char *body,
		       const unsigned char *sealed, size_t sealed_len)
{
	int64_t now = stamp_now();

	db_exec(req->db, NULL, "DELETE FROM idempotency WHERE created_at <= ?1",
		"i", now - IDEM_KEEP_S);
	db_exec(req->db, NULL,
		"UPDATE idempotency SET body_sealed = NULL"
		" WHERE body_sealed IS NOT NULL AND created_at <= ?1",
		"i", now - IDEM_FULL_REPLAY_S);
	db_exec(req->db, NULL,
		"INSERT OR IGNORE INTO idempotency (principal, key,"
		" request_hash, status, body, body_sealed, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		"ttbntbi", idem_principal(req), req->idem_key, req->idem_hash,
		sizeof(req->idem_hash), (int)req->status, body, sealed,
		sealed_len, now);
}

void idem_finish(struct req *req)
{
	unsigned char *sealed = NULL;
	size_t sealed_len = 0;
	char *redacted = NULL;

	if (req->idem_key == NULL || req->replayed || req->answer == NULL ||
	    req->status >= 500 || req->status == 429)
		return;

	if (req->answer_secret) {
		redacted = idem_redacted(req->answer);
		if (redacted == NULL ||
		    vault_seal(&sealed, &sealed_len, req->answer,
			       strlen(req->answer)) < 0) {
			log_error("%s: could not store an idempotent answer",
				  req->id);
			goto out;
		}
	}
	idem_store(req, redacted != NULL ? redacted : req->answer, sealed,
		   sealed_len);

out:
	free(sealed);
	cJSON_free(redacted);
}
