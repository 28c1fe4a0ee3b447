/* SPDX-License-Identifier: MIT */
/*
 * Organization and project API keys against a real orgdeckd: the secret is
 * shown once, a key never exceeds its creator, reaches only its scope,
 * expires, is revoked and rotated, counts its uses, and cannot make more
 * keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/token.h"

#include "crew.h"

/* A key as its creator received it. */
struct made_key {
	char id[CREW_ID_SIZE];
	char secret[TOKEN_SIZE];
};

static struct crew crew;

static void keys_setup(void)
{
	crew_start(&crew);
}

static void keys_teardown(void)
{
	crew_stop(&crew);
}

TestSuite(keys, .init = keys_setup, .fini = keys_teardown, .timeout = 120);

/* "odk_org_****" and the secret's last four characters, spelled out. */
static void keys_redacted(char *out, size_t size, const char *secret)
{
	snprintf(out, size, "%.8s****%s", secret, secret + strlen(secret) - 4);
}

/* Creates a key under @base ("/v1/orgs/ORG" or "/v1/projects/PRJ"). */
static void keys_make(struct made_key *key, const char *token, const char *base,
		      const char *name, const char *role)
{
	struct test_response res;
	char body[256];
	const char *secret;

	snprintf(body, sizeof(body), "{\"name\": \"%s\", \"role\": \"%s\"}",
		 name, role);
	crew_call(&res, &crew, token, "POST", body, "%s/keys", base);
	cr_assert_eq(res.status, 201, "creating %s: %ld %s", name, res.status,
		     res.body.data);

	secret = test_json_str(res.json, "secret");
	cr_assert_not_null(secret, "no secret: %s", res.body.data);
	cr_assert_eq(strlen(secret), TOKEN_LEN);
	strcpy(key->secret, secret);
	strcpy(key->id, test_json_str(res.json, "id"));
	test_response_release(&res);
}

static void keys_org_base(char *out, size_t size)
{
	snprintf(out, size, "/v1/orgs/%s", crew.org);
}

/* Creates an organization key as @token, with the organization's base
 * path in @base (@size bytes) for the requests that follow. */
static void keys_make_in_org(struct made_key *key, char *base, size_t size,
			     const char *token, const char *name,
			     const char *role)
{
	keys_org_base(base, size);
	keys_make(key, token, base, name, role);
}

static void keys_project_base(char *out, size_t size, const char *project)
{
	snprintf(out, size, "/v1/projects/%s", project);
}

/* Makes a resource as the owner and returns its ID in @id. */
static void keys_secret_in(const char *base, const char *name,
			   char id[CREW_ID_SIZE])
{
	char path[512], body[256]; /* room for any base the tests pass */

	snprintf(path, sizeof(path), "%s/secrets", base);
	snprintf(body, sizeof(body), "{\"name\": \"%s\", \"value\": \"pw\"}",
		 name);
	crew_create(&crew, crew.owner.token, path, body, id);
}

/* The status @token gets for GET @path (formatted). */
static long keys_get_status(const char *token, const char *path)
{
	struct test_response res;
	long status = crew_call(&res, &crew, token, "GET", NULL, "%s", path);

	test_response_release(&res);
	return status;
}

/* The error code @token gets for GET @path, into @code. */
static long keys_get_code(const char *token, const char *path, char *code,
			  size_t size)
{
	struct test_response res;
	long status = crew_call(&res, &crew, token, "GET", NULL, "%s", path);

	snprintf(code, size, "%s", test_error_code(&res));
	test_response_release(&res);
	return status;
}

Test(keys, secret_is_shown_once_then_only_redacted)
{
	struct test_response res;
	struct made_key key;
	char base[128], redacted[32];
	enum token_kind kind;

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token, "ci",
			 "manager");
	cr_expect_eq(token_check(&kind, key.secret), 0);
	cr_expect_eq(kind, TOKEN_ORG_KEY);
	keys_redacted(redacted, sizeof(redacted), key.secret);

	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "/v1/keys/%s",
		  key.id);
	cr_assert_eq(res.status, 200);
	cr_expect_null(test_json_at(res.json, "secret"));
	cr_expect_str_eq(test_json_str(res.json, "redacted"), redacted);
	cr_expect_str_eq(test_json_str(res.json, "scope"), "org");
	cr_expect(cJSON_IsNull(test_json_at(res.json, "project_id")));
	cr_expect_str_eq(test_json_str(res.json, "role"), "manager");
	cr_expect_str_eq(test_json_str(res.json, "status"), "active");
	cr_expect_str_eq(test_json_str(res.json, "created_by.id"),
			 crew.manager.id);
	cr_expect_str_eq(test_json_str(res.json, "object"), "api_key");
	cr_expect_neq(res.etag[0], '\0', "no ETag header");
	cr_expect_null(strstr(res.body.data, key.secret));
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL, "%s/keys", base);
	cr_assert_eq(res.status, 200);
	cr_expect_eq(test_json_len(res.json, "data"), 1);
	cr_expect_str_eq(test_json_str(res.json, "data.0.redacted"), redacted);
	cr_expect_null(test_json_at(res.json, "data.0.secret"));
	cr_expect_null(strstr(res.body.data, key.secret));
	test_response_release(&res);
}

Test(keys, rotation_shows_a_new_secret_once)
{
	struct test_response res;
	struct made_key key;
	char base[128], redacted[32];
	const char *secret;

	keys_make_in_org(&key, base, sizeof(base), crew.admin.token, "deploy",
			 "admin");

	crew_call(&res, &crew, crew.admin.token, "POST", "{}",
		  "/v1/keys/%s/rotate", key.id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	secret = test_json_str(res.json, "secret");
	cr_assert_not_null(secret);
	cr_expect_str_neq(secret, key.secret);
	keys_redacted(redacted, sizeof(redacted), secret);
	cr_expect_str_eq(test_json_str(res.json, "redacted"), redacted);
	test_response_release(&res);

	crew_call(&res, &crew, crew.admin.token, "GET", NULL, "/v1/keys/%s",
		  key.id);
	cr_expect_null(test_json_at(res.json, "secret"));
	cr_expect_str_eq(test_json_str(res.json, "redacted"), redacted);
	test_response_release(&res);
}

Test(keys, secrets_reach_neither_database_nor_log)
{
	struct made_key org_key, prj_key;
	char base[128], path[PATH_MAX + 8];

	keys_make_in_org(&org_key, base, sizeof(base), crew.owner.token, "ci",
			 "admin");
	keys_project_base(base, sizeof(base), crew.project);
	keys_make(&prj_key, crew.p_manager.token, base, "ci", "manager");
	cr_assert_eq(keys_get_status(org_key.secret, "/v1/me"), 200);

	cr_assert_eq(test_server_halt(&crew.srv), 0, "server exit status");
	cr_expect_not(crew_file_contains(crew.srv.db, org_key.secret));
	cr_expect_not(crew_file_contains(crew.srv.db, prj_key.secret));
	snprintf(path, sizeof(path), "%s-wal", crew.srv.db);
	cr_expect_not(crew_file_contains(path, org_key.secret));
	cr_expect_not(crew_file_contains(crew.srv.log, org_key.secret));
	cr_expect_not(crew_file_contains(crew.srv.log, prj_key.secret));

	/* The check itself can fail: the ID is stored in clear. */
	cr_expect(crew_file_contains(crew.srv.db, org_key.id));
}

Test(keys, each_use_counts)
{
	struct test_response res;
	struct made_key key;
	char base[128], path[256];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token,
			 "counter", "member");
	snprintf(path, sizeof(path), "%s/connections", base);

	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "/v1/keys/%s",
		  key.id);
	cr_expect_eq(test_json_num(res.json, "use_count"), 0);
	cr_expect(cJSON_IsNull(test_json_at(res.json, "last_used_at")));
	test_response_release(&res);

	cr_assert_eq(keys_get_status(key.secret, path), 200);
	cr_assert_eq(keys_get_status(key.secret, "/v1/me"), 200);

	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "/v1/keys/%s",
		  key.id);
	cr_expect_eq(test_json_num(res.json, "use_count"), 2, "%s",
		     res.body.data);
	cr_expect_not_null(test_json_str(res.json, "last_used_at"));
	test_response_release(&res);
}

Test(keys, me_shows_a_key_principal)
{
	struct test_response res;
	struct made_key key;
	char base[128];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token, "whoami",
			 "member");

	crew_call(&res, &crew, key.secret, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "auth.type"), "key");
	cr_expect_str_eq(test_json_str(res.json, "auth.key.id"), key.id);
	cr_expect_null(strstr(res.body.data, key.secret));
	test_response_release(&res);
}

/* Formats now + @seconds as RFC 3339 UTC. */
static void keys_time(char *out, size_t size, long seconds)
{
	time_t when = time(NULL) + seconds;
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

Test(keys, expired_key_gets_401)
{
	struct test_response res;
	char base[128], body[256], when[32], code[64];
	char secret[TOKEN_SIZE], id[CREW_ID_SIZE];

	keys_org_base(base, sizeof(base));
	keys_time(when, sizeof(when), 2);
	snprintf(body, sizeof(body),
		 "{\"name\": \"brief\", \"role\": \"member\", "
		 "\"expires_at\": \"%s\"}",
		 when);
	crew_call(&res, &crew, crew.manager.token, "POST", body, "%s/keys",
		  base);
	cr_assert_eq(res.status, 201, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "expires_at"), when);
	strcpy(secret, test_json_str(res.json, "secret"));
	strcpy(id, test_json_str(res.json, "id"));
	test_response_release(&res);

	cr_expect_eq(keys_get_status(secret, "/v1/me"), 200);
	crew_sleep_ms(3100);
	cr_expect_eq(keys_get_code(secret, "/v1/me", code, sizeof(code)), 401);
	cr_expect_str_eq(code, "expired_token");

	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "/v1/keys/%s",
		  id);
	cr_expect_str_eq(test_json_str(res.json, "status"), "expired");
	test_response_release(&res);
}

Test(keys, expiry_must_be_in_the_future)
{
	struct test_response res;
	char base[128], body[256], when[32];

	keys_org_base(base, sizeof(base));
	keys_time(when, sizeof(when), -60);
	snprintf(body, sizeof(body),
		 "{\"name\": \"late\", \"role\": \"member\", "
		 "\"expires_at\": \"%s\"}",
		 when);
	crew_call(&res, &crew, crew.manager.token, "POST", body, "%s/keys",
		  base);
	cr_expect_eq(res.status, 422);
	cr_expect_str_eq(test_error_code(&res), "invalid_value");
	cr_expect_str_eq(test_json_str(res.json, "error.param"), "expires_at");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "POST",
		  "{\"name\": \"late\", \"role\": \"member\", "
		  "\"expires_at\": \"next tuesday\"}",
		  "%s/keys", base);
	cr_expect_eq(res.status, 422);
	test_response_release(&res);
}

Test(keys, revoked_key_gets_401)
{
	struct test_response res;
	struct made_key key;
	char base[128], code[64];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token, "old",
			 "member");
	cr_expect_eq(keys_get_status(key.secret, "/v1/me"), 200);

	crew_call(&res, &crew, crew.admin.token, "DELETE", NULL, "/v1/keys/%s",
		  key.id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "status"), "revoked");
	test_response_release(&res);

	cr_expect_eq(keys_get_code(key.secret, "/v1/me", code, sizeof(code)),
		     401);
	cr_expect_str_eq(code, "revoked_token");

	/* Rotation cannot bring a revoked key back. */
	crew_call(&res, &crew, crew.admin.token, "POST", "{}",
		  "/v1/keys/%s/rotate", key.id);
	cr_expect_eq(res.status, 409, "%s", res.body.data);
	cr_expect_str_eq(test_error_code(&res), "key_not_active");
	cr_expect_null(test_json_at(res.json, "secret"));
	test_response_release(&res);
	cr_expect_eq(keys_get_status(key.secret, "/v1/me"), 401);
}

Test(keys, role_may_not_exceed_the_creators)
{
	struct test_response res;
	char base[128];

	keys_org_base(base, sizeof(base));
	crew_call(&res, &crew, crew.manager.token, "POST",
		  "{\"name\": \"big\", \"role\": \"admin\"}", "%s/keys", base);
	cr_expect_eq(res.status, 422);
	cr_expect_str_eq(test_error_code(&res), "role_too_high");
	test_response_release(&res);

	keys_project_base(base, sizeof(base), crew.project);
	crew_call(&res, &crew, crew.p_manager.token, "POST",
		  "{\"name\": \"big\", \"role\": \"admin\"}", "%s/keys", base);
	cr_expect_eq(res.status, 422);
	cr_expect_str_eq(test_error_code(&res), "role_too_high");
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "POST",
		  "{\"name\": \"any\", \"role\": \"member\"}",
		  "/v1/orgs/%s/keys", crew.org);
	cr_expect_eq(res.status, 403);
	cr_expect_str_eq(test_error_code(&res), "role_required");
	test_response_release(&res);
}

/* A key with a lower role than its creator acts with the key's role. */
Test(keys, key_acts_with_its_own_lower_role)
{
	struct made_key key;
	char base[128], id[CREW_ID_SIZE], path[256];

	keys_org_base(base, sizeof(base));
	keys_secret_in(base, "DB", id);
	keys_make(&key, crew.admin.token, base, "reader", "member");
	snprintf(path, sizeof(path), "/v1/secrets/%s", id);

	cr_expect_eq(keys_get_status(crew.admin.token, path), 200);
	cr_expect_eq(keys_get_status(key.secret, path), 403);
	snprintf(path, sizeof(path), "%s/secrets", base);
	cr_expect_eq(keys_get_status(key.secret, path), 200);
}

/* Changes @person's org role as the owner, with the If-Match it needs. */
static void keys_set_role(const struct crew_person *person, const char *role)
{
	struct test_response res;
	char if_match[160], body[64];
	const char *headers[] = { if_match, NULL };

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/members/%s", crew.org, person->id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	snprintf(if_match, sizeof(if_match), "If-Match: %s",
		 test_json_str(res.json, "etag"));
	test_response_release(&res);

	snprintf(body, sizeof(body), "{\"role\": \"%s\"}", role);
	crew_call_with(&res, &crew, crew.owner.token, "PATCH", body, headers,
		       "/v1/orgs/%s/members/%s", crew.org, person->id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);
}

Test(keys, key_follows_its_creator_down_and_out)
{
	struct test_response res;
	struct made_key key;
	char base[128], id[CREW_ID_SIZE], path[256], code[64];

	keys_org_base(base, sizeof(base));
	keys_secret_in(base, "DB", id);
	keys_make(&key, crew.manager.token, base, "ops", "manager");
	snprintf(path, sizeof(path), "/v1/secrets/%s", id);
	cr_assert_eq(keys_get_status(key.secret, path), 200);

	keys_set_role(&crew.manager, "member");
	cr_expect_eq(keys_get_code(key.secret, path, code, sizeof(code)), 403,
		     "the key kept its demoted creator's old power");
	cr_expect_str_eq(code, "role_required");

	crew_call(&res, &crew, crew.owner.token, "DELETE", NULL,
		  "/v1/orgs/%s/members/%s", crew.org, crew.manager.id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);

	cr_expect_eq(keys_get_code(key.secret, "/v1/me", code, sizeof(code)),
		     401);
	cr_expect_str_eq(code, "key_creator_gone");
}

Test(keys, project_key_reaches_only_its_project)
{
	struct made_key key;
	char base[128], path[256], org_base[128];
	char mine[CREW_ID_SIZE], theirs[CREW_ID_SIZE], org_sec[CREW_ID_SIZE];

	keys_org_base(org_base, sizeof(org_base));
	keys_project_base(base, sizeof(base), crew.project);
	keys_secret_in(base, "MINE", mine);
	keys_project_base(path, sizeof(path), crew.other);
	keys_secret_in(path, "THEIRS", theirs);
	keys_secret_in(org_base, "ORG", org_sec);
	keys_make(&key, crew.p_manager.token, base, "ci", "manager");

	snprintf(path, sizeof(path), "/v1/secrets/%s", mine);
	cr_expect_eq(keys_get_status(key.secret, path), 200);
	snprintf(path, sizeof(path), "%s/secrets", base);
	cr_expect_eq(keys_get_status(key.secret, path), 200);

	snprintf(path, sizeof(path), "/v1/secrets/%s", theirs);
	cr_expect_eq(keys_get_status(key.secret, path), 404);
	snprintf(path, sizeof(path), "/v1/projects/%s/secrets", crew.other);
	cr_expect_eq(keys_get_status(key.secret, path), 404);
	snprintf(path, sizeof(path), "/v1/secrets/%s", org_sec);
	cr_expect_eq(keys_get_status(key.secret, path), 404);
	snprintf(path, sizeof(path), "%s/secrets", org_base);
	cr_expect_eq(keys_get_status(key.secret, path), 404);
	snprintf(path, sizeof(path), "%s/keys", org_base);
	cr_expect_eq(keys_get_status(key.secret, path), 404);
}

Test(keys, org_key_reaches_every_project)
{
	struct made_key key;
	char base[128], path[256], id[CREW_ID_SIZE];

	keys_project_base(base, sizeof(base), crew.other);
	keys_secret_in(base, "STAGING_DB", id);
	keys_make_in_org(&key, base, sizeof(base), crew.manager.token, "all",
			 "manager");

	snprintf(path, sizeof(path), "/v1/secrets/%s", id);
	cr_expect_eq(keys_get_status(key.secret, path), 200);
	snprintf(path, sizeof(path), "/v1/projects/%s/connections",
		 crew.project);
	cr_expect_eq(keys_get_status(key.secret, path), 200);
}

/* Rotates @id as @token with @body; returns the new secret in @secret. */
static void keys_rotate(const char *token, const char *id, const char *body,
			char secret[TOKEN_SIZE])
{
	struct test_response res;

	crew_call(&res, &crew, token, "POST", body, "/v1/keys/%s/rotate", id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	strcpy(secret, test_json_str(res.json, "secret"));
	test_response_release(&res);
}

Test(keys, rotation_with_grace_keeps_the_old_secret_a_while)
{
	struct made_key key;
	char base[128], fresh[TOKEN_SIZE];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token,
			 "graceful", "member");
	keys_rotate(crew.manager.token, key.id, "{\"grace_seconds\": 2}",
		    fresh);

	cr_expect_eq(keys_get_status(key.secret, "/v1/me"), 200,
		     "the old secret stopped within its grace");
	cr_expect_eq(keys_get_status(fresh, "/v1/me"), 200);
	crew_sleep_ms(3100);
	cr_expect_eq(keys_get_status(key.secret, "/v1/me"), 401,
		     "the old secret outlived its grace");
	cr_expect_eq(keys_get_status(fresh, "/v1/me"), 200);
}

Test(keys, rotation_without_grace_ends_the_old_secret_at_once)
{
	struct made_key key;
	char base[128], fresh[TOKEN_SIZE], code[64];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token, "abrupt",
			 "member");
	keys_rotate(crew.manager.token, key.id, NULL, fresh);

	cr_expect_eq(keys_get_code(key.secret, "/v1/me", code, sizeof(code)),
		     401);
	cr_expect_eq(keys_get_status(fresh, "/v1/me"), 200);
}

Test(keys, grace_is_bounded)
{
	static const char *const bodies[] = { "{\"grace_seconds\": -1}",
					      "{\"grace_seconds\": 604801}",
					      "{\"grace_seconds\": 1.5}" };
	struct test_response res;
	struct made_key key;
	char base[128];
	size_t i;

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token,
			 "bounded", "member");
	for (i = 0; i < 3; i++) {
		crew_call(&res, &crew, crew.manager.token, "POST", bodies[i],
			  "/v1/keys/%s/rotate", key.id);
		cr_expect_eq(res.status, 422, "%s: %ld", bodies[i], res.status);
		test_response_release(&res);
	}

	crew_call(&res, &crew, crew.manager.token, "POST",
		  "{\"grace_seconds\": \"10\"}", "/v1/keys/%s/rotate", key.id);
	cr_expect_eq(res.status, 400);
	cr_expect_str_eq(test_error_code(&res), "invalid_type");
	test_response_release(&res);

	cr_expect_eq(keys_get_status(key.secret, "/v1/me"), 200,
		     "a refused rotation changed the key");
}

Test(keys, keys_cannot_make_rotate_or_revoke_keys)
{
	struct test_response res;
	struct made_key key, other;
	char base[128];

	keys_make_in_org(&key, base, sizeof(base), crew.owner.token,
			 "admin-key", "admin");
	keys_make(&other, crew.owner.token, base, "victim", "member");

	crew_call(&res, &crew, key.secret, "POST",
		  "{\"name\": \"spawn\", \"role\": \"member\"}", "%s/keys",
		  base);
	cr_expect_eq(res.status, 403);
	cr_expect_str_eq(test_error_code(&res), "key_not_allowed");
	test_response_release(&res);

	crew_call(&res, &crew, key.secret, "POST",
		  "{\"name\": \"spawn\", \"role\": \"member\"}",
		  "/v1/projects/%s/keys", crew.project);
	cr_expect_eq(res.status, 403);
	cr_expect_str_eq(test_error_code(&res), "key_not_allowed");
	test_response_release(&res);

	crew_call(&res, &crew, key.secret, "POST", NULL, "/v1/keys/%s/rotate",
		  other.id);
	cr_expect_eq(res.status, 403);
	cr_expect_str_eq(test_error_code(&res), "key_not_allowed");
	test_response_release(&res);

	crew_call(&res, &crew, key.secret, "DELETE", NULL, "/v1/keys/%s",
		  other.id);
	cr_expect_eq(res.status, 403);
	cr_expect_str_eq(test_error_code(&res), "key_not_allowed");
	test_response_release(&res);

	cr_expect_eq(keys_get_status(other.secret, "/v1/me"), 200);
}

Test(keys, members_hold_no_keys)
{
	struct made_key key;
	char base[128], path[256], code[64];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token,
			 "someone", "member");
	snprintf(path, sizeof(path), "%s/keys", base);
	cr_expect_eq(keys_get_code(crew.member.token, path, code, sizeof(code)),
		     403);
	cr_expect_str_eq(code, "role_required");
	snprintf(path, sizeof(path), "/v1/keys/%s", key.id);
	cr_expect_eq(keys_get_status(crew.member.token, path), 403);

	snprintf(path, sizeof(path), "/v1/projects/%s/keys", crew.project);
	cr_expect_eq(keys_get_status(crew.p_member.token, path), 403);
	cr_expect_eq(keys_get_status(crew.p_manager.token, path), 200);
	cr_expect_eq(keys_get_status(crew.outsider.token, path), 404);
}

Test(keys, lists_keep_org_and_project_keys_apart)
{
	struct test_response res;
	struct made_key key;
	char base[128];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token,
			 "org-one", "member");
	keys_project_base(base, sizeof(base), crew.project);
	keys_make(&key, crew.p_admin.token, base, "prj-one", "admin");
	keys_make(&key, crew.p_admin.token, base, "prj-two", "member");

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/keys", crew.org);
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.name"), "org-one");
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL, "%s/keys?limit=1",
		  base);
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.name"), "prj-one");
	cr_expect_str_eq(test_json_str(res.json, "data.0.scope"), "project");
	cr_expect_str_eq(test_json_str(res.json, "data.0.project_id"),
			 crew.project);
	cr_expect_eq(test_json_bool(res.json, "has_more"), 1);
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL, "%s/keys?q=TWO",
		  base);
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.name"), "prj-two");
	test_response_release(&res);
}

Test(keys, rename_honours_if_match)
{
	struct test_response res;
	struct made_key key;
	char base[128], etag[128];
	const char *stale[] = { "If-Match: \"v999\"", NULL };
	const char *fresh[] = { NULL, NULL };
	char header[160];

	keys_make_in_org(&key, base, sizeof(base), crew.manager.token, "before",
			 "member");
	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "/v1/keys/%s",
		  key.id);
	snprintf(etag, sizeof(etag), "%s", res.etag);
	test_response_release(&res);

	crew_call_with(&res, &crew, crew.manager.token, "PATCH",
		       "{\"name\": \"stale\"}", stale, "/v1/keys/%s", key.id);
	cr_expect_eq(res.status, 412);
	cr_expect_str_eq(test_error_code(&res), "etag_mismatch");
	test_response_release(&res);

	snprintf(header, sizeof(header), "If-Match: %s", etag);
	fresh[0] = header;
	crew_call_with(&res, &crew, crew.manager.token, "PATCH",
		       "{\"name\": \"after\"}", fresh, "/v1/keys/%s", key.id);
	cr_expect_eq(res.status, 200, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "name"), "after");
	cr_expect_str_neq(res.etag, etag);
	cr_expect_null(test_json_at(res.json, "secret"));
	test_response_release(&res);
}

Test(keys, bad_bodies_are_refused_with_the_field_named)
{
	static const struct {
		const char *body;
		long status;
		const char *code, *param;
	} cases[] = {
		{ "{\"name\": \"x\", \"role\": \"member\", \"color\": 1}", 400,
		  "unknown_field", "color" },
		{ "{\"name\": \"x\", \"role\": 3}", 400, "invalid_type",
		  "role" },
		{ "{\"name\": \"\", \"role\": \"member\"}", 422,
		  "invalid_value", "name" },
		{ "{\"name\": \"x\", \"role\": \"owner\"}", 422,
		  "invalid_value", "role" },
		{ "{\"name\": \"x\", \"role\": \"boss\"}", 422, "invalid_value",
		  "role" },
		{ "{\"name\": \"x\"", 400, "malformed_json", NULL },
	};
	struct test_response res;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		crew_call(&res, &crew, crew.admin.token, "POST", cases[i].body,
			  "/v1/orgs/%s/keys", crew.org);
		cr_expect_eq(res.status, cases[i].status, "%s: %ld %s",
			     cases[i].body, res.status, res.body.data);
		cr_expect_str_eq(test_error_code(&res), cases[i].code, "%s",
				 cases[i].body);
		if (cases[i].param != NULL)
			cr_expect_str_eq(test_json_str(res.json, "error.param"),
					 cases[i].param, "%s", cases[i].body);
		test_response_release(&res);
	}

	crew_call(&res, &crew, crew.admin.token, "GET", NULL,
		  "/v1/orgs/%s/keys", crew.org);
	cr_expect_eq(test_json_len(res.json, "data"), 0, "%s", res.body.data);
	test_response_release(&res);
}

Test(keys, idempotent_create_replays_the_same_key)
{
	struct test_response first, again;
	const char *headers[] = { "Idempotency-Key: make-ci-key-1", NULL };
	const char *body = "{\"name\": \"once\", \"role\": \"member\"}";

	crew_call_with(&first, &crew, crew.manager.token, "POST", body, headers,
		       "/v1/orgs/%s/keys", crew.org);
	cr_assert_eq(first.status, 201, "%s", first.body.data);
	crew_call_with(&again, &crew, crew.manager.token, "POST", body, headers,
		       "/v1/orgs/%s/keys", crew.org);
	cr_expect_eq(again.status, 201);
	cr_expect(again.replayed);
	cr_expect_str_eq(test_json_str(again.json, "id"),
			 test_json_str(first.json, "id"));
	cr_expect_str_eq(test_json_str(again.json, "secret"),
			 test_json_str(first.json, "secret"));
	test_response_release(&first);
	test_response_release(&again);

	crew_call(&first, &crew, crew.manager.token, "GET", NULL,
		  "/v1/orgs/%s/keys", crew.org);
	cr_expect_eq(test_json_len(first.json, "data"), 1);
	test_response_release(&first);
}
