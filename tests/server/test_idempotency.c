/* SPDX-License-Identifier: MIT */
/*
 * Idempotency-Key against a real orgdeckd: first attempts with one key
 * fired at the same moment make exactly one change, a key whose request is
 * still being handled answers 409, a reservation left behind by a stopped
 * server is taken over, and a request that fails gives its key back.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <sodium.h>
#include <sqlite3.h>

#include "crew.h"

#define RACERS	  8
#define ROUNDS	  10
#define TEXT_SIZE 256

static struct crew crew;

static void setup(void)
{
	crew_start(&crew);
}

static void teardown(void)
{
	crew_stop(&crew);
}

TestSuite(idempotency, .init = setup, .fini = teardown, .timeout = 120);

/* Opens the server's database beside it, as an operator would. */
static sqlite3 *sql_open(void)
{
	sqlite3 *db = NULL;

	cr_assert_eq(sqlite3_open(crew.srv.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	return db;
}

/* Runs @sql with text @arg as ?1 and returns its first integer (or -1). */
static long sql_value(const char *sql, const char *arg)
{
	sqlite3 *db = sql_open();
	sqlite3_stmt *st = NULL;
	long n = -1;
	int rc;

	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK,
		     "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	cr_assert(rc == SQLITE_ROW || rc == SQLITE_DONE, "%s: %s", sql,
		  sqlite3_errmsg(db));
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void expect(const struct test_response *res, long status,
		   const char *code)
{
	cr_assert_eq(res->status, status, "want %ld %s, got %ld %s", status,
		     code != NULL ? code : "", res->status, res->body.data);
	if (code != NULL)
		cr_assert_str_eq(test_error_code(res), code, "%s",
				 res->body.data);
}

/* POSTs @body to /v1/orgs as the Member with "Idempotency-Key: @key". */
static void post_org(struct test_response *res, const char *key,
		     const char *body)
{
	char header[TEXT_SIZE];
	const char *headers[] = { header, NULL };

	snprintf(header, sizeof(header), "Idempotency-Key: %s", key);
	crew_call_with(res, &crew, crew.member.token, "POST", body, headers,
		       "/v1/orgs");
}

/* One of the threads that send the same first attempt at once. */
struct racer {
	pthread_barrier_t *start;
	const char *key;
	const char *body;
	struct test_response res;
};

static void *race(void *arg)
{
	struct racer *r = arg;

	pthread_barrier_wait(r->start);
	post_org(&r->res, r->key, r->body);
	return NULL;
}

/*
 * Checks one round: exactly one answer made the organization, every other
 * one is its replay or a 409, and the database holds one organization and
 * one event.  Returns how many answers were 409.
 */
static int race_check(struct racer *racers, const char *name)
{
	const char *id = NULL;
	int i, made = 0, busy = 0;

	for (i = 0; i < RACERS; i++)
		if (racers[i].res.status == 201 && !racers[i].res.replayed) {
			made++;
			id = test_json_str(racers[i].res.json, "id");
		}
	cr_assert_eq(made, 1, "%s: %d first answers", name, made);
	cr_assert_not_null(id);

	for (i = 0; i < RACERS; i++) {
		const struct test_response *res = &racers[i].res;

		if (res->status == 409) {
			expect(res, 409, "idempotency_in_progress");
			busy++;
			continue;
		}
		expect(res, 201, NULL);
		cr_assert_str_eq(test_json_str(res->json, "id"), id,
				 "a replay names the same organization");
	}

	cr_assert_eq(
		sql_value("SELECT count(*) FROM orgs WHERE name = ?1", name), 1,
		"%s was made more than once", name);
	cr_assert_eq(sql_value("SELECT count(*) FROM events WHERE"
			       " action = 'org.create' AND target_name = ?1",
			       name),
		     1, "one event for %s", name);
	return busy;
}

/* Fires RACERS identical first attempts at once; returns the 409s. */
static int race_round(int round)
{
	struct racer racers[RACERS];
	pthread_barrier_t start;
	char key[TEXT_SIZE], name[TEXT_SIZE], body[2 * TEXT_SIZE];
	pthread_t threads[RACERS];
	int i, busy;

	snprintf(key, sizeof(key), "race-%d", round);
	snprintf(name, sizeof(name), "Raced %d", round);
	snprintf(body, sizeof(body), "{\"name\": \"%s\"}", name);
	cr_assert_eq(pthread_barrier_init(&start, NULL, RACERS), 0);

	for (i = 0; i < RACERS; i++) {
		racers[i] = (struct racer){ &start, key, body, { 0 } };
		cr_assert_eq(
			pthread_create(&threads[i], NULL, race, &racers[i]), 0);
	}
	for (i = 0; i < RACERS; i++)
		pthread_join(threads[i], NULL);
	pthread_barrier_destroy(&start);

	busy = race_check(racers, name);
	for (i = 0; i < RACERS; i++)
		test_response_release(&racers[i].res);
	return busy;
}

Test(idempotency, simultaneous_first_attempts_make_one_change)
{
	struct test_response res;
	int round, busy = 0;

	for (round = 0; round < ROUNDS; round++)
		busy += race_round(round);
	cr_log_info("%d of %d racing answers were 409", busy, ROUNDS * RACERS);

	/* Once the answer is stored, a retry replays it. */
	post_org(&res, "race-0", "{\"name\": \"Raced 0\"}");
	expect(&res, 201, NULL);
	cr_assert(res.replayed, "the answer was not stored");
	test_response_release(&res);
}

/*
 * Stores a reservation for @key and @body as a request being handled
 * would, started @age seconds ago: the Member's principal, the SHA-256 of
 * method, path and body, and status 0 for "no answer yet".
 */
static void hold_key(const char *key, const char *body, int age)
{
	crypto_hash_sha256_state state;
	unsigned char hash[crypto_hash_sha256_BYTES];
	static const unsigned char sep = 0;
	sqlite3 *db = sql_open();
	sqlite3_stmt *st = NULL;

	crypto_hash_sha256_init(&state);
	crypto_hash_sha256_update(&state, (const unsigned char *)"POST", 4);
	crypto_hash_sha256_update(&state, &sep, 1);
	crypto_hash_sha256_update(&state, (const unsigned char *)"/v1/orgs", 8);
	crypto_hash_sha256_update(&state, &sep, 1);
	crypto_hash_sha256_update(&state, (const unsigned char *)body,
				  strlen(body));
	crypto_hash_sha256_final(&state, hash);

	cr_assert_eq(
		sqlite3_prepare_v2(db,
				   "INSERT INTO idempotency (principal, key,"
				   " request_hash, status, body, created_at)"
				   " VALUES (?1, ?2, ?3, 0, '',"
				   " strftime('%s', 'now') - ?4)",
				   -1, &st, NULL),
		SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, crew.member.id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, hash, sizeof(hash), SQLITE_STATIC);
	sqlite3_bind_int(st, 4, age);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

Test(idempotency, a_key_in_flight_answers_409)
{
	static const char body[] = "{\"name\": \"Held\"}";
	struct test_response res;

	hold_key("held-1", body, 0);
	post_org(&res, "held-1", body);
	expect(&res, 409, "idempotency_in_progress");
	cr_assert_str_eq(test_json_str(res.json, "error.type"),
			 "conflict_error");
	cr_assert_str_eq(test_json_str(res.json, "error.param"),
			 "Idempotency-Key");
	test_response_release(&res);

	post_org(&res, "held-1", "{\"name\": \"Other\"}");
	expect(&res, 422, "idempotency_mismatch");
	test_response_release(&res);

	cr_assert_eq(sql_value("SELECT count(*) FROM orgs WHERE name = ?1"
			       " OR name = 'Other'",
			       "Held"),
		     0, "nothing ran while the key was held");
}

Test(idempotency, an_abandoned_reservation_is_taken_over)
{
	static const char body[] = "{\"name\": \"Orphan\"}";
	struct test_response first, again;

	/* As if a server stopped while handling it, two minutes ago. */
	hold_key("orphan-1", body, 120);
	post_org(&first, "orphan-1", body);
	expect(&first, 201, NULL);
	cr_assert(!first.replayed);

	post_org(&again, "orphan-1", body);
	expect(&again, 201, NULL);
	cr_assert(again.replayed);
	cr_assert_str_eq(again.body.data, first.body.data);
	test_response_release(&first);
	test_response_release(&again);
	cr_assert_eq(sql_value("SELECT count(*) FROM orgs WHERE name = ?1",
			       "Orphan"),
		     1);
}

Test(idempotency, a_failed_request_gives_its_key_back)
{
	static const char body[] = "{\"name\": \"Boom\"}";
	struct test_response res;

	/* An error the handler cannot foresee: the insert itself fails. */
	sql_value("CREATE TRIGGER boom BEFORE INSERT ON orgs"
		  " WHEN NEW.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom');"
		  " END",
		  NULL);
	post_org(&res, "boom-1", body);
	expect(&res, 500, "internal");
	test_response_release(&res);
	cr_assert_eq(sql_value("SELECT count(*) FROM idempotency"
			       " WHERE key = ?1",
			       "boom-1"),
		     0, "the failed request kept its reservation");

	sql_value("DROP TRIGGER boom", NULL);
	post_org(&res, "boom-1", body);
	expect(&res, 201, NULL);
	cr_assert(!res.replayed, "the retry must run, not replay the 500");
	test_response_release(&res);
}

Test(idempotency, a_refusal_is_kept_and_replayed)
{
	struct test_response first, again;

	post_org(&first, "empty-1", "{\"name\": \" \"}");
	expect(&first, 422, "invalid_value");
	post_org(&again, "empty-1", "{\"name\": \" \"}");
	expect(&again, 422, "invalid_value");
	cr_assert(again.replayed);
	cr_assert_str_eq(again.body.data, first.body.data);
	test_response_release(&first);
	test_response_release(&again);
	cr_assert_eq(sql_value("SELECT status FROM idempotency WHERE key = ?1",
			       "empty-1"),
		     422);
}
