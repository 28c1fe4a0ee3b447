/* SPDX-License-Identifier: MIT */
/*
 * The protocol every endpoint shares, checked against a real orgdeckd:
 * malformed and oversized bodies, unknown fields and wrong types, tokens
 * missing, bad, revoked or expired, API key ceilings, answers for objects
 * out of reach, paging, rate limits and HTTPS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <sodium.h>
#include <sqlite3.h>

#include "orgdeck/token.h"

#include "crew.h"

#define PATH_SIZE 512

/* Who sends a request in the tables below. */
enum actor {
	NOBODY,
	OWNER,
	ADMIN,
	MANAGER,
	MEMBER,
	P_MEMBER,
	OUTSIDER,
};

static const char *actor_token(const struct crew *c, enum actor who)
{
	switch (who) {
	case OWNER:
		return c->owner.token;
	case ADMIN:
		return c->admin.token;
	case MANAGER:
		return c->manager.token;
	case MEMBER:
		return c->member.token;
	case P_MEMBER:
		return c->p_member.token;
	case OUTSIDER:
		return c->outsider.token;
	default:
		return NULL;
	}
}

/* Expands {org}, {prj} and {other} in @tmpl with the crew's IDs. */
static void expand(char *out, size_t size, const char *tmpl,
		   const struct crew *c)
{
	size_t n = 0;

	while (*tmpl != '\0' && n + 1 < size) {
		const char *id = NULL;
		size_t skip = 0;

		if (strncmp(tmpl, "{org}", 5) == 0)
			id = c->org, skip = 5;
		else if (strncmp(tmpl, "{prj}", 5) == 0)
			id = c->project, skip = 5;
		else if (strncmp(tmpl, "{other}", 7) == 0)
			id = c->other, skip = 7;
		if (id == NULL) {
			out[n++] = *tmpl++;
			continue;
		}
		n += (size_t)snprintf(out + n, size - n, "%s", id);
		tmpl += skip;
	}
	out[n < size ? n : size - 1] = '\0';
}

/* Runs one SQL statement on the server's database with text @arg as ?1. */
static void sql_run(const struct crew *c, const char *sql, const char *arg)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	cr_assert_eq(sqlite3_open(c->srv.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK,
		     "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s: %s", sql,
		     sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The integer @sql (text @arg as ?1) reads from the server's database. */
static long long sql_int(const struct crew *c, const char *sql, const char *arg)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long n;

	cr_assert_eq(sqlite3_open(c->srv.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK,
		     "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s: %s", sql,
		     sqlite3_errmsg(db));
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/*
 * Makes an API key the way keys.c would store one: only its SHA-256.  The
 * token goes to @token.  @project NULL makes an organization key.
 */
static void key_insert(const struct crew *c, char token[TOKEN_SIZE],
		       const char *id, const char *creator, const char *project,
		       const char *role)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char redacted[TOKEN_REDACTED_SIZE];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	token_generate(token,
		       project != NULL ? TOKEN_PROJECT_KEY : TOKEN_ORG_KEY);
	crypto_hash_sha256(hash, (const unsigned char *)token, TOKEN_LEN);
	token_redact(redacted, token);

	cr_assert_eq(sqlite3_open(c->srv.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	cr_assert_eq(sqlite3_prepare_v2(
			     db,
			     "INSERT INTO api_keys (id, org_id, project_id,"
			     " scope, name, role, hash, redacted, created_by,"
			     " created_at) VALUES (?1, ?2, ?3, ?4, ?1, ?5, ?6,"
			     " ?7, ?8, strftime('%s', 'now'))",
			     -1, &st, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->org, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, project, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, project != NULL ? "project" : "org", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 5, role, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, hash, sizeof(hash), SQLITE_STATIC);
	sqlite3_bind_text(st, 7, redacted, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, creator, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE, "%s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Asserts @res is the API's error shape with @status and @code. */
static void expect_error(const struct test_response *res, long status,
			 const char *code, const char *what)
{
	cr_assert_eq(res->status, status, "%s: got %ld %s", what, res->status,
		     res->body.data);
	cr_assert_str_eq(test_error_code(res), code, "%s: %s", what,
			 res->body.data);
	cr_assert_not_null(test_json_str(res->json, "error.type"), "%s", what);
	cr_assert_not_null(test_json_str(res->json, "error.message"), "%s",
			   what);
	cr_assert_str_eq(test_json_str(res->json, "error.request_id"),
			 res->request_id, "%s: request ids differ", what);
}

static struct crew crew;

static void setup(void)
{
	crew_start(&crew);
}

static void teardown(void)
{
	crew_stop(&crew);
}

TestSuite(protocol, .init = setup, .fini = teardown, .timeout = 120);

Test(protocol, malformed_json_then_still_serving)
{
	static const char *const bodies[] = {
		"{\"name\":",
		"not json",
		"{\"name\": \"x\"} trailing",
		"[\"an\", \"array\"]",
		"\"a string\"",
		"{\"name\": \"\\ud800\"",
	};
	struct test_response res;
	size_t i;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		crew_call(&res, &crew, crew.owner.token, "POST", bodies[i],
			  "/v1/orgs");
		expect_error(&res, 400, "malformed_json", bodies[i]);
		test_response_release(&res);
	}

	crew_call(&res, &crew, crew.owner.token, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200);
	test_response_release(&res);
}

/* One body-checking case: where, what, and the 400 or 422 expected. */
struct field_case {
	const char *method;
	const char *path;
	const char *body;
	long status;
	const char *code;
	const char *param;
};

static const struct field_case field_cases[] = {
	{ "POST", "/v1/orgs", "{\"name\": \"A\", \"color\": \"red\"}", 400,
	  "unknown_field", "color" },
	{ "POST", "/v1/orgs", "{\"name\": 7}", 400, "invalid_type", "name" },
	{ "POST", "/v1/orgs", "{\"name\": null}", 400, "invalid_type", "name" },
	{ "POST", "/v1/orgs", "{}", 422, "invalid_value", "name" },
	{ "POST", "/v1/orgs", "{\"name\": \"   \"}", 422, "invalid_value",
	  "name" },
	{ "POST", "/v1/orgs", "{\"name\": \"tab\\there\"}", 422,
	  "invalid_value", "name" },
	{ "PATCH", "/v1/orgs/{org}", "{\"owner_id\": \"usr_x\"}", 400,
	  "unknown_field", "owner_id" },
	{ "POST", "/v1/orgs/{org}/projects", "{\"name\": \"P\", \"x\": 1}", 400,
	  "unknown_field", "x" },
	{ "POST", "/v1/orgs/{org}/projects",
	  "{\"name\": \"P\", \"description\": []}", 400, "invalid_type",
	  "description" },
	{ "POST", "/v1/orgs/{org}/invitations", "{\"emails\": \"a@b.c\"}", 400,
	  "invalid_type", "emails" },
	{ "POST", "/v1/orgs/{org}/invitations", "{\"emails\": [1]}", 400,
	  "invalid_type", "emails" },
	{ "POST", "/v1/orgs/{org}/invitations", "{\"emails\": []}", 422,
	  "invalid_value", "emails" },
	{ "POST", "/v1/orgs/{org}/invitations",
	  "{\"emails\": [\"a@b.c\"], \"role\": \"owner\"}", 422,
	  "invalid_value", "role" },
	{ "POST", "/v1/orgs/{org}/invitations",
	  "{\"emails\": [\"a@b.c\"], \"expires_in_days\": 31}", 422,
	  "invalid_value", "expires_in_days" },
	{ "POST", "/v1/orgs/{org}/invitations",
	  "{\"emails\": [\"a@b.c\"], \"expires_in_days\": \"7\"}", 400,
	  "invalid_type", "expires_in_days" },
	{ "POST", "/v1/orgs/{org}/transfer", "{\"user_id\": true}", 400,
	  "invalid_type", "user_id" },
	{ "POST", "/v1/projects/{prj}/members", "{\"role\": \"member\"}", 422,
	  "invalid_value", "user_id" },
	{ "POST", "/v1/invitations/accept", "{\"code\": \"odk_inv_nope\"}", 422,
	  "invalid_value", "code" },
};

Test(protocol, fields_are_checked_and_named)
{
	char path[PATH_SIZE];
	size_t i;

	for (i = 0; i < sizeof(field_cases) / sizeof(field_cases[0]); i++) {
		const struct field_case *fc = &field_cases[i];
		struct test_response res;

		expand(path, sizeof(path), fc->path, &crew);
		crew_call(&res, &crew, crew.owner.token, fc->method, fc->body,
			  "%s", path);
		expect_error(&res, fc->status, fc->code, fc->body);
		cr_assert_str_eq(test_json_str(res.json, "error.param"),
				 fc->param, "%s %s", path, fc->body);
		test_response_release(&res);
	}
}

/* One authentication case. */
struct token_case {
	const char *header; /* the whole Authorization header, or NULL */
	const char *code;
};

Test(protocol, missing_and_invalid_tokens)
{
	char fresh[TOKEN_SIZE], wrong[TOKEN_SIZE], bearer[4][96];
	struct token_case cases[] = {
		{ NULL, "missing_token" },
		{ "Authorization: Bearer", "missing_token" },
		{ "Authorization: Bearer nonsense", "invalid_token" },
		{ bearer[0], "invalid_token" }, /* well formed, unknown */
		{ bearer[1], "invalid_token" }, /* checksum broken */
		{ bearer[2], "invalid_token" }, /* an invitation code */
		{ bearer[3], "invalid_token" }, /* not Bearer */
	};
	size_t i;

	token_generate(fresh, TOKEN_PERSONAL);
	strcpy(wrong, crew.owner.token);
	wrong[TOKEN_LEN - 1] = wrong[TOKEN_LEN - 1] == 'a' ? 'b' : 'a';
	snprintf(bearer[0], sizeof(bearer[0]), "Authorization: Bearer %s",
		 fresh);
	snprintf(bearer[1], sizeof(bearer[1]), "Authorization: Bearer %s",
		 wrong);
	token_generate(fresh, TOKEN_INVITATION);
	snprintf(bearer[2], sizeof(bearer[2]), "Authorization: Bearer %s",
		 fresh);
	snprintf(bearer[3], sizeof(bearer[3]), "Authorization: Basic %s",
		 crew.owner.token);

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *headers[] = { cases[i].header, NULL };
		struct test_response res;

		crew_call_with(&res, &crew, NULL, "GET", NULL,
			       cases[i].header != NULL ? headers : NULL,
			       "/v1/me");
		expect_error(&res, 401, cases[i].code,
			     cases[i].header ? cases[i].header : "none");
		cr_assert_str_eq(test_json_str(res.json, "error.type"),
				 "authentication_error");
		test_response_release(&res);
	}
}

Test(protocol, revoked_personal_token)
{
	struct test_response res;

	sql_run(&crew,
		"UPDATE personal_tokens SET revoked_at = 1 WHERE user_id = ?1",
		crew.member.id);
	crew_call(&res, &crew, crew.member.token, "GET", NULL, "/v1/me");
	expect_error(&res, 401, "revoked_token", "revoked personal token");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200, "others are unaffected");
	test_response_release(&res);
}

Test(protocol, personal_token_use_is_recorded_once_a_minute)
{
	static const char last[] = "SELECT last_used_at FROM personal_tokens"
				   " WHERE user_id = ?1";
	struct test_response res;
	long long fresh;

	sql_run(&crew,
		"UPDATE personal_tokens SET last_used_at = 1 WHERE user_id = "
		"?1",
		crew.member.id);
	crew_call(&res, &crew, crew.member.token, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200);
	test_response_release(&res);
	fresh = sql_int(&crew, last, crew.member.id);
	cr_assert_gt(fresh, 1000000000, "the use was not recorded");

	/* Recorded a few seconds ago: another use writes nothing. */
	sql_run(&crew,
		"UPDATE personal_tokens SET last_used_at = last_used_at - 30"
		" WHERE user_id = ?1",
		crew.member.id);
	crew_call(&res, &crew, crew.member.token, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200);
	test_response_release(&res);
	cr_assert_eq(sql_int(&crew, last, crew.member.id), fresh - 30);
}

Test(protocol, key_states)
{
	char live[TOKEN_SIZE], revoked[TOKEN_SIZE], expired[TOKEN_SIZE],
		orphan[TOKEN_SIZE];
	struct test_response res;

	key_insert(&crew, live, "key_live", crew.admin.id, NULL, "manager");
	key_insert(&crew, revoked, "key_revoked", crew.admin.id, NULL,
		   "manager");
	key_insert(&crew, expired, "key_expired", crew.admin.id, NULL,
		   "manager");
	key_insert(&crew, orphan, "key_orphan", crew.manager.id, NULL,
		   "manager");
	sql_run(&crew, "UPDATE api_keys SET revoked_at = 1 WHERE id = ?1",
		"key_revoked");
	sql_run(&crew, "UPDATE api_keys SET expires_at = 1 WHERE id = ?1",
		"key_expired");

	crew_call(&res, &crew, live, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "auth.type"), "key");
	cr_assert_str_eq(test_json_str(res.json, "auth.key.id"), "key_live");
	cr_assert_eq(test_json_len(res.json, "invitations"), 0);
	test_response_release(&res);

	crew_call(&res, &crew, revoked, "GET", NULL, "/v1/me");
	expect_error(&res, 401, "revoked_token", "revoked key");
	test_response_release(&res);
	crew_call(&res, &crew, expired, "GET", NULL, "/v1/me");
	expect_error(&res, 401, "expired_token", "expired key");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "POST", NULL,
		  "/v1/orgs/%s/leave", crew.org);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);
	crew_call(&res, &crew, orphan, "GET", NULL, "/v1/me");
	expect_error(&res, 401, "key_creator_gone", "creator left");
	test_response_release(&res);

	crew_call(&res, &crew, live, "GET", NULL, "/v1/me");
	cr_assert_eq(test_json_num(res.json, "auth.key.use_count"), 2,
		     "each use counts: %s", res.body.data);
	test_response_release(&res);
}

Test(protocol, keys_act_below_their_ceiling)
{
	char mgr[TOKEN_SIZE], adm_of_mgr[TOKEN_SIZE], prj[TOKEN_SIZE];
	struct test_response res;

	key_insert(&crew, mgr, "key_mgr", crew.owner.id, NULL, "manager");
	key_insert(&crew, adm_of_mgr, "key_capped", crew.manager.id, NULL,
		   "admin");
	key_insert(&crew, prj, "key_prj", crew.owner.id, crew.project,
		   "manager");

	crew_call(&res, &crew, mgr, "GET", NULL, "/v1/orgs/%s", crew.org);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "role"), "manager");
	cr_assert(!test_json_has(res.json, "actions", "org.delete"));
	cr_assert(!test_json_has(res.json, "actions", "key.create"),
		  "keys never mint keys");
	test_response_release(&res);

	crew_call(&res, &crew, mgr, "POST", "{\"name\": \"K\"}", "/v1/orgs");
	expect_error(&res, 403, "key_not_allowed", "key creating an org");
	test_response_release(&res);

	crew_call(&res, &crew, adm_of_mgr, "POST", "{\"emails\": [\"z@z.z\"]}",
		  "/v1/orgs/%s/invitations", crew.org);
	expect_error(&res, 403, "role_required", "key above its creator");
	cr_assert(strstr(test_json_str(res.json, "error.message"),
			 "needs Admin; this key acts as Manager") != NULL,
		  "%s", res.body.data);
	test_response_release(&res);

	crew_call(&res, &crew, prj, "GET", NULL, "/v1/orgs/%s", crew.org);
	expect_error(&res, 404, "not_found", "project key on its org");
	test_response_release(&res);
	crew_call(&res, &crew, prj, "GET", NULL, "/v1/projects/%s", crew.other);
	expect_error(&res, 404, "not_found", "project key elsewhere");
	test_response_release(&res);
	crew_call(&res, &crew, prj, "GET", NULL, "/v1/projects/%s",
		  crew.project);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "role"), "manager");
	test_response_release(&res);

	/* Its organization shows, with no role there and nothing to do. */
	crew_call(&res, &crew, prj, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_assert_eq(test_json_len(res.json, "organizations"), 1);
	cr_assert_str_eq(test_json_str(res.json, "organizations.0.id"),
			 crew.org);
	cr_assert_str_eq(test_json_str(res.json, "organizations.0.role"),
			 "none");
	cr_assert_eq(test_json_len(res.json, "organizations.0.actions"), 0);
	cr_assert_eq(test_json_len(res.json, "invitations"), 0);
	test_response_release(&res);
}

/* One request that must not reveal whether its object exists. */
struct reach_case {
	enum actor who;
	const char *method;
	const char *path;
};

static const struct reach_case reach_cases[] = {
	{ OUTSIDER, "GET", "/v1/orgs/{org}" },
	{ OUTSIDER, "GET", "/v1/orgs/{org}/members" },
	{ OUTSIDER, "PATCH", "/v1/orgs/{org}" },
	{ OUTSIDER, "DELETE", "/v1/orgs/{org}" },
	{ OUTSIDER, "GET", "/v1/projects/{prj}" },
	{ MEMBER, "GET", "/v1/projects/{prj}" },
	{ P_MEMBER, "GET", "/v1/projects/{other}" },
	{ P_MEMBER, "GET", "/v1/projects/{other}/members" },
	{ OWNER, "GET", "/v1/orgs/org_doesnotexist" },
	{ OWNER, "GET", "/v1/projects/prj_doesnotexist" },
	{ OWNER, "GET", "/v1/orgs/{org}/members/usr_doesnotexist" },
	{ OWNER, "GET", "/v1/nothing/here" },
};

Test(protocol, out_of_reach_is_not_found)
{
	char path[PATH_SIZE];
	size_t i;

	for (i = 0; i < sizeof(reach_cases) / sizeof(reach_cases[0]); i++) {
		const struct reach_case *rc = &reach_cases[i];
		struct test_response res;

		expand(path, sizeof(path), rc->path, &crew);
		crew_call(&res, &crew, actor_token(&crew, rc->who), rc->method,
			  strcmp(rc->method, "PATCH") == 0 ? "{}" : NULL, "%s",
			  path);
		expect_error(&res, 404, "not_found", rc->path);
		test_response_release(&res);
	}
}

Test(protocol, wrong_method_is_405)
{
	struct test_response res;

	crew_call(&res, &crew, crew.owner.token, "PUT", "{}", "/v1/orgs/%s",
		  crew.org);
	expect_error(&res, 405, "method_not_allowed", "PUT org");
	test_response_release(&res);
}

Test(protocol, paging)
{
	char path[PATH_SIZE], id[CREW_ID_SIZE], last[CREW_ID_SIZE] = "";
	struct test_response res;
	int i, seen = 0;

	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "{\"name\": \"Page %d\"}", i);
		crew_create(&crew, crew.outsider.token, "/v1/orgs", path, id);
	}

	/* Personal plus five: pages of two, two, two. */
	for (i = 0; i < 3; i++) {
		crew_call(&res, &crew, crew.outsider.token, "GET", NULL,
			  "/v1/orgs?limit=2%s%s", last[0] ? "&after=" : "",
			  last);
		cr_assert_eq(res.status, 200, "%s", res.body.data);
		cr_assert_eq(test_json_len(res.json, "data"), 2);
		cr_assert_eq(test_json_bool(res.json, "has_more"), i < 2);
		cr_assert_str_eq(test_json_str(res.json, "last_id"),
				 test_json_str(res.json, "data.1.id"));
		snprintf(last, sizeof(last), "%s",
			 test_json_str(res.json, "last_id"));
		seen += test_json_len(res.json, "data");
		test_response_release(&res);
	}
	cr_assert_eq(seen, 6);

	crew_call(&res, &crew, crew.outsider.token, "GET", NULL,
		  "/v1/orgs?q=PAGE%%203");
	cr_assert_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "data.0.name"), "Page 3");
	test_response_release(&res);

	crew_call(&res, &crew, crew.outsider.token, "GET", NULL,
		  "/v1/orgs?after=%s", crew.org);
	expect_error(&res, 400, "invalid_cursor", "someone else's org");
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "GET", NULL,
		  "/v1/orgs?limit=101");
	expect_error(&res, 400, "invalid_parameter", "limit 101");
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "GET", NULL,
		  "/v1/orgs?limit=0");
	expect_error(&res, 400, "invalid_parameter", "limit 0");
	test_response_release(&res);
}

Test(protocol, every_answer_has_a_request_id)
{
	struct test_response a, b;

	crew_call(&a, &crew, crew.owner.token, "GET", NULL, "/v1/me");
	crew_call(&b, &crew, NULL, "GET", NULL, "/v1/me");
	cr_assert_eq(strncmp(a.request_id, "req_", 4), 0, "%s", a.request_id);
	cr_assert_eq(strncmp(b.request_id, "req_", 4), 0);
	cr_assert_str_neq(a.request_id, b.request_id);
	cr_assert_str_eq(a.content_type, "application/json");
	cr_assert(!crew_file_contains(crew.srv.log, crew.owner.token),
		  "a token reached the log");
	cr_assert(crew_file_contains(crew.srv.log, a.request_id),
		  "the request was not logged");
	test_response_release(&a);
	test_response_release(&b);
}

/* Tests that need a server started with their own options. */

TestSuite(options, .timeout = 60);

static void serve(struct test_server *srv, const char *const *extra)
{
	cr_assert_geq(sodium_init(), 0);
	cr_assert_eq(test_server_init(srv), 0);
	cr_assert_eq(test_server_serve(srv, extra), 0, "see %s", srv->log);
}

Test(options, oversized_body_is_413)
{
	static const char *const extra[] = { "--max-body", "1024", NULL };
	struct test_server srv;
	struct test_response res;
	char *token, body[4096];

	serve(&srv, extra);
	token = test_server_user_add(&srv, "big@example.com");
	cr_assert_not_null(token);

	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	memcpy(body, "{\"name\": \"", 10);
	test_http(&res, &srv, token, "POST", "/v1/orgs", body, NULL);
	expect_error(&res, 413, "body_too_large", "4 KiB over 1 KiB");
	test_response_release(&res);

	/* Within the cap, the same kind of body reaches the handler. */
	body[900] = '\0';
	strcat(body, "\"}");
	test_http(&res, &srv, token, "POST", "/v1/orgs", body, NULL);
	expect_error(&res, 422, "invalid_value", "long name under the cap");
	test_response_release(&res);

	test_http(&res, &srv, token, "GET", "/v1/me", NULL, NULL);
	cr_assert_eq(res.status, 200);
	test_response_release(&res);
	free(token);
	test_server_stop(&srv);
}

Test(options, rate_limit_answers_429)
{
	static const char *const extra[] = { "--rate-limit", "5", NULL };
	struct test_server srv;
	struct test_response res;
	char *a, *b;
	int i;

	serve(&srv, extra);
	a = test_server_user_add(&srv, "a@example.com");
	b = test_server_user_add(&srv, "b@example.com");
	cr_assert(a != NULL && b != NULL);

	for (i = 0; i < 5; i++) {
		test_http(&res, &srv, a, "GET", "/v1/me", NULL, NULL);
		cr_assert_eq(res.status, 200, "request %d: %ld", i, res.status);
		test_response_release(&res);
	}
	test_http(&res, &srv, a, "GET", "/v1/me", NULL, NULL);
	expect_error(&res, 429, "rate_limited", "sixth request");
	cr_assert(atoi(res.retry_after) >= 1 && atoi(res.retry_after) <= 60,
		  "Retry-After: %s", res.retry_after);
	test_response_release(&res);

	test_http(&res, &srv, b, "GET", "/v1/me", NULL, NULL);
	cr_assert_eq(res.status, 200, "another person has their own count");
	test_response_release(&res);
	free(a);
	free(b);
	test_server_stop(&srv);
}

Test(options, https_with_a_self_signed_certificate)
{
	char cmd[3 * PATH_MAX], cert[PATH_MAX], key[PATH_MAX];
	const char *extra[] = { "--tls-cert", cert, "--tls-key", key, NULL };
	struct test_server srv;
	struct test_response res;
	char *token;

	cr_assert_geq(sodium_init(), 0);
	cr_assert_eq(test_server_init(&srv), 0);
	snprintf(cert, sizeof(cert), "%s/cert.pem", srv.dir);
	snprintf(key, sizeof(key), "%s/key.pem", srv.dir);
	snprintf(cmd, sizeof(cmd),
		 "openssl req -x509 -newkey rsa:2048 -nodes -days 1"
		 " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
		 " -keyout '%s' -out '%s' 2>/dev/null",
		 key, cert);
	cr_assert_eq(system(cmd), 0, "openssl could not make a certificate");
	cr_assert_eq(test_server_serve(&srv, extra), 0, "see %s", srv.log);
	cr_assert_eq(strncmp(srv.url, "https://", 8), 0, "%s", srv.url);

	token = test_server_user_add(&srv, "tls@example.com");
	cr_assert_not_null(token);
	cr_assert_eq(test_http_url(&res, srv.url, cert, token, "GET", "/v1/me",
				   NULL, NULL),
		     0);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "user.email"),
			 "tls@example.com");
	test_response_release(&res);

	/* Without the CA the certificate is not trusted. */
	cr_assert_eq(test_http_url(&res, srv.url, "/dev/null", token, "GET",
				   "/v1/me", NULL, NULL),
		     -1);
	test_response_release(&res);
	free(token);
	test_server_stop(&srv);
}
