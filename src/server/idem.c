/* SPDX-License-Identifier: MIT */
/* Storing and replaying answers to Idempotency-Key requests. */
#include "idem.h"

#include <stdatomic.h>
#include <stdio.h>
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

/*
 * The status of a reservation: a request with this key is being handled
 * and its answer is not stored yet.  A reservation older than
 * IDEM_ABANDONED_S belongs to a server that stopped half way, and the next
 * attempt takes it over.
 */
#define IDEM_PENDING	 0
#define IDEM_ABANDONED_S 60

/* Expired keys and old sealed answers are cleared at most this often. */
#define IDEM_TIDY_S 60

/* When this process last cleared them (Unix seconds). */
static _Atomic int64_t idem_tidied;

/*
 * Notes the principal a key belongs to: the actor, or the peer for no
 * token.  Kept apart from req->who, which a handler may change (accepting
 * an invitation by code signs in as the invitee).
 */
static void idem_principal(struct req *req)
{
	snprintf(req->idem_who, sizeof(req->idem_who), "%s",
		 req->who.id[0] != '\0' ? req->who.id : req->client);
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

/* Answers from the row that holds the key, at @st. */
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
	if (sqlite3_column_int(st, 1) == IDEM_PENDING) {
		reply_error(req, 409, "idempotency_in_progress",
			    "Idempotency-Key",
			    "a request with this Idempotency-Key is still "
			    "being handled; retry in a moment");
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
 * Forgets expired keys and wipes sealed answers past their replay window,
 * at most every IDEM_TIDY_S, inside the reservation's transaction (which
 * holds the write lock anyway).  A failure is logged and left for the
 * next time: it does not concern this request.
 */
static void idem_tidy(struct req *req, int64_t now)
{
	int64_t last = atomic_load(&idem_tidied);

	if (now - last < IDEM_TIDY_S ||
	    !atomic_compare_exchange_strong(&idem_tidied, &last, now))
		return;
	db_exec(req->db, NULL, "DELETE FROM idempotency WHERE created_at <= ?1",
		"i", now - IDEM_KEEP_S);
	db_exec(req->db, NULL,
		"UPDATE idempotency SET body_sealed = NULL"
		" WHERE body_sealed IS NOT NULL AND created_at <= ?1",
		"i", now - IDEM_FULL_REPLAY_S);
}

/*
 * Claims @key for this request inside the reservation's transaction,
 * after forgetting the key's row if it expired or was abandoned.  Returns
 * 1 when this request now holds the key, 0 when a row already does, -1 on
 * error (logged).
 */
static int idem_claim(struct req *req, const char *key, int64_t now)
{
	idem_tidy(req, now);
	if (db_exec(req->db, NULL,
		    "DELETE FROM idempotency WHERE principal = ?1 AND key = ?2"
		    " AND (created_at <= ?3"
		    "  OR (status = ?5 AND created_at <= ?4))",
		    "ttiin", req->idem_who, key, now - IDEM_KEEP_S,
		    now - IDEM_ABANDONED_S, IDEM_PENDING) < 0)
		return -1;

	return db_exec(req->db, NULL,
		       "INSERT OR IGNORE INTO idempotency (principal, key,"
		       " request_hash, status, body, created_at)"
		       " VALUES (?1, ?2, ?3, ?4, '', ?5)",
		       "ttbni", req->idem_who, key, req->idem_hash,
		       sizeof(req->idem_hash), IDEM_PENDING, now);
}

/* Answers from the row that holds @key: a replay, a 409 or a 422. */
static void idem_answer(struct req *req, const char *key)
{
	sqlite3_stmt *st;

	st = db_stmt(req->db,
		     "SELECT request_hash, status, body, body_sealed,"
		     " created_at FROM idempotency"
		     " WHERE principal = ?1 AND key = ?2",
		     "tt", req->idem_who, key);
	if (st != NULL && db_step(st) == 1)
		idem_replay(req, st);
	else
		reply_internal(req, "idempotency lookup");
	db_done(&st);
}

/*
 * Reserves the key in a transaction of its own, committed before the
 * handler runs, so that a concurrent attempt with the same key finds the
 * reservation instead of running the handler too.
 */
int idem_begin(struct req *req)
{
	const char *key = req_header(req, "Idempotency-Key");
	int64_t now = stamp_now();
	int claimed;

	if (key == NULL)
		return 0;
	if (!idem_key_ok(key)) {
		reply_error(req, 400, "invalid_parameter", "Idempotency-Key",
			    "Idempotency-Key must be 1-255 printable "
			    "characters");
		return 1;
	}
	idem_hash(req);
	idem_principal(req);

	claimed = db_begin(req->db) < 0 ? -1 : idem_claim(req, key, now);
	if (claimed == 0)
		idem_answer(req, key);
	if (claimed < 0 || db_commit(req->db) < 0) {
		db_rollback(req->db);
		reply_internal(req, "reserving an Idempotency-Key");
		return 1;
	}
	if (claimed == 0)
		return 1;

	req->idem_key = key;
	req->idem_at = now;
	return 0;
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

/* Gives the key back, so that a retry runs the request again. */
static void idem_release(struct req *req)
{
	if (db_exec(req->db, NULL,
		    "DELETE FROM idempotency WHERE principal = ?1 AND key = ?2"
		    " AND status = ?3 AND created_at = ?4",
		    "ttni", req->idem_who, req->idem_key, IDEM_PENDING,
		    req->idem_at) < 0)
		log_error("%s: could not release an Idempotency-Key", req->id);
}

/* Stores the answer into this request's reservation; @sealed may be NULL. */
static void idem_store(struct req *req, const char *body,
		       const unsigned char *sealed, size_t sealed_len)
{
	if (db_exec(req->db, NULL,
		    "UPDATE idempotency SET status = ?5, body = ?6,"
		    " body_sealed = ?7 WHERE principal = ?1 AND key = ?2"
		    " AND status = ?3 AND created_at = ?4",
		    "ttnintb", req->idem_who, req->idem_key, IDEM_PENDING,
		    req->idem_at, (int)req->status, body, sealed,
		    sealed_len) < 0)
		idem_release(req);
}

/*
 * Stores an answer that carried a token: redacted in clear and, when it
 * can be sealed, in full.  Releases the key when not even the redacted
 * form can be made.
 */
static void idem_store_secret(struct req *req)
{
	unsigned char *sealed = NULL;
	size_t sealed_len = 0;
	char *redacted = idem_redacted(req->answer);

	if (redacted == NULL) {
		log_error("%s: could not store an idempotent answer", req->id);
		idem_release(req);
		return;
	}
	if (vault_seal(&sealed, &sealed_len, req->answer, strlen(req->answer)) <
	    0)
		log_error("%s: replays will carry the redacted answer only",
			  req->id);
	idem_store(req, redacted, sealed, sealed_len);

	free(sealed);
	cJSON_free(redacted);
}

/*
 * XXX: the answer is stored after the handler's own transaction commits, so
 * a server that stops between the two leaves a reservation that the next
 * attempt takes over a minute later and runs again.
 */
void idem_finish(struct req *req)
{
	if (req->idem_key == NULL)
		return;

	if (req->answer == NULL || req->status >= 500 || req->status == 429)
		idem_release(req);
	else if (req->answer_secret)
		idem_store_secret(req);
	else
		idem_store(req, req->answer, NULL, 0);
}
