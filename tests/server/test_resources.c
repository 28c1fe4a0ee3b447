/* SPDX-License-Identifier: MIT */
/*
 * Connections, secrets and AuthKit configurations against a real orgdeckd:
 * secret values sealed at rest and never shown to Members, summaries in
 * lists, unique names, If-Match, paging and field validation.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "crew.h"

#define SECRET_VALUE "postgres://app:Zq7-never-in-clear-41x@db.internal/app"

static struct crew crew;

static void resources_setup(void)
{
	crew_start(&crew);
}

static void resources_teardown(void)
{
	crew_stop(&crew);
}

TestSuite(resources, .init = resources_setup, .fini = resources_teardown,
	  .timeout = 120);

/* "/v1/orgs/ORG/KIND" into @out. */
static void res_org_path(char *out, size_t size, const char *kind)
{
	snprintf(out, size, "/v1/orgs/%s/%s", crew.org, kind);
}

/* "/v1/projects/PRJ/KIND" into @out. */
static void res_project_path(char *out, size_t size, const char *project,
			     const char *kind)
{
	snprintf(out, size, "/v1/projects/%s/%s", project, kind);
}

/* Creates a secret named @name with @value at @path as @token. */
static void res_secret(const char *token, const char *path, const char *name,
		       const char *value, char id[CREW_ID_SIZE])
{
	char body[512];

	snprintf(body, sizeof(body), "{\"name\": \"%s\", \"value\": \"%s\"}",
		 name, value);
	crew_create(&crew, token, path, body, id);
}

/* Creates a connection named @name at @path as the owner. */
static void res_connection(const char *path, const char *name,
			   char id[CREW_ID_SIZE])
{
	char body[512];

	snprintf(body, sizeof(body),
		 "{\"name\": \"%s\", \"provider\": \"stripe\", "
		 "\"config\": {\"account\": \"acct_1\"}}",
		 name);
	crew_create(&crew, crew.owner.token, path, body, id);
}

static long res_status(const char *token, const char *method, const char *path)
{
	struct test_response res;
	long status = crew_call(&res, &crew, token, method, NULL, "%s", path);

	test_response_release(&res);
	return status;
}

Test(resources, secret_value_is_sealed_at_rest)
{
	char path[256], wal[PATH_MAX + 8], id[CREW_ID_SIZE];

	res_org_path(path, sizeof(path), "secrets");
	res_secret(crew.manager.token, path, "DATABASE_URL", SECRET_VALUE, id);
	res_project_path(path, sizeof(path), crew.project, "secrets");
	res_secret(crew.p_member.token, path, "PRJ_DATABASE_URL",
		   SECRET_VALUE "-prj", id);
	snprintf(path, sizeof(path), "/v1/secrets/%s", id);
	cr_assert_eq(res_status(crew.p_manager.token, "GET", path), 200);

	cr_assert_eq(test_server_halt(&crew.srv), 0, "server exit status");
	snprintf(wal, sizeof(wal), "%s-wal", crew.srv.db);
	cr_expect_not(crew_file_contains(crew.srv.db, "Zq7-never-in-clear"));
	cr_expect_not(crew_file_contains(wal, "Zq7-never-in-clear"));
	cr_expect_not(crew_file_contains(crew.srv.log, "Zq7-never-in-clear"));

	/* The search itself works: the secret's name is stored in clear. */
	cr_expect(crew_file_contains(crew.srv.db, "PRJ_DATABASE_URL"));
}

Test(resources, member_creates_a_secret_but_never_reads_it)
{
	struct test_response res;
	char path[256];
	char id[CREW_ID_SIZE];

	res_org_path(path, sizeof(path), "secrets");
	crew_call(&res, &crew, crew.member.token, "POST",
		  "{\"name\": \"API_TOKEN\", \"value\": \"" SECRET_VALUE "\"}",
		  "%s", path);
	cr_assert_eq(res.status, 201, "%s", res.body.data);
	cr_expect_null(test_json_at(res.json, "value"));
	cr_expect_null(strstr(res.body.data, "Zq7-never-in-clear"));
	cr_expect_str_eq(test_json_str(res.json, "object"), "secret");
	cr_expect_str_eq(test_json_str(res.json, "name"), "API_TOKEN");
	cr_expect_str_eq(test_json_str(res.json, "created_by"), crew.member.id);
	snprintf(id, sizeof(id), "%s", test_json_str(res.json, "id"));
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL, "/v1/secrets/%s",
		  id);
	cr_expect_eq(res.status, 403);
	cr_expect_str_eq(test_error_code(&res), "role_required");
	cr_expect_null(strstr(res.body.data, "Zq7-never-in-clear"));
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "GET", NULL,
		  "/v1/secrets/%s", id);
	cr_expect_eq(res.status, 200);
	cr_expect_str_eq(test_json_str(res.json, "value"), SECRET_VALUE);
	cr_expect_str_eq(test_json_str(res.json, "etag"), res.etag);
	test_response_release(&res);
}

/* Makes one object of each kind, with details, at @path's scope. */
static void res_make_all(const char *scope_base)
{
	char path[256], id[CREW_ID_SIZE];

	snprintf(path, sizeof(path), "%s/connections", scope_base);
	res_connection(path, "stripe-live", id);
	snprintf(path, sizeof(path), "%s/secrets", scope_base);
	res_secret(crew.owner.token, path, "DATABASE_URL", SECRET_VALUE, id);
	snprintf(path, sizeof(path), "%s/authkit", scope_base);
	crew_create(&crew, crew.owner.token, path,
		    "{\"name\": \"customer-login\", \"redirect_uris\": "
		    "[\"https://app.example.com/cb\"], \"providers\": "
		    "[\"google\", \"github\"], \"settings\": "
		    "{\"session_minutes\": 60}}",
		    id);
}

Test(resources, lists_show_summaries_and_reads_show_details)
{
	static const struct {
		const char *kind, *object, *detail;
	} kinds[] = {
		{ "connections", "connection", "config" },
		{ "secrets", "secret", "value" },
		{ "authkit", "authkit", "settings" },
	};
	struct test_response res;
	char base[128], id[CREW_ID_SIZE];
	size_t i;

	snprintf(base, sizeof(base), "/v1/orgs/%s", crew.org);
	res_make_all(base);
	for (i = 0; i < 3; i++) {
		crew_call(&res, &crew, crew.admin.token, "GET", NULL, "%s/%s",
			  base, kinds[i].kind);
		cr_assert_eq(res.status, 200, "%s", res.body.data);
		cr_expect_str_eq(test_json_str(res.json, "object"), "list");
		cr_expect_eq(test_json_len(res.json, "data"), 1);
		cr_expect_str_eq(test_json_str(res.json, "data.0.object"),
				 kinds[i].object);
		cr_expect_null(test_json_at(res.json, "data.0.config"));
		cr_expect_null(test_json_at(res.json, "data.0.value"));
		cr_expect_null(test_json_at(res.json, "data.0.settings"));
		cr_expect_null(strstr(res.body.data, "Zq7-never-in-clear"));
		snprintf(id, sizeof(id), "%s",
			 test_json_str(res.json, "data.0.id"));
		test_response_release(&res);

		crew_call(&res, &crew, crew.admin.token, "GET", NULL,
			  "/v1/%s/%s", kinds[i].kind, id);
		cr_expect_eq(res.status, 200);
		cr_expect_not_null(test_json_at(res.json, kinds[i].detail),
				   "%s has no %s", kinds[i].kind,
				   kinds[i].detail);
		test_response_release(&res);
	}
}

Test(resources, objects_carry_their_fields)
{
	struct test_response res;
	char base[128], id[CREW_ID_SIZE];

	snprintf(base, sizeof(base), "/v1/projects/%s", crew.project);
	res_make_all(base);

	crew_call(&res, &crew, crew.p_manager.token, "GET", NULL, "%s/authkit",
		  base);
	snprintf(id, sizeof(id), "%s", test_json_str(res.json, "data.0.id"));
	cr_expect(test_json_has(res.json, "data.0.providers", "github"));
	test_response_release(&res);

	crew_call(&res, &crew, crew.p_manager.token, "GET", NULL,
		  "/v1/authkit/%s", id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "org_id"), crew.org);
	cr_expect_str_eq(test_json_str(res.json, "project_id"), crew.project);
	cr_expect_str_eq(test_json_str(res.json, "redirect_uris.0"),
			 "https://app.example.com/cb");
	cr_expect_eq(test_json_num(res.json, "settings.session_minutes"), 60);
	cr_expect_str_eq(test_json_str(res.json, "created_by"), crew.owner.id);
	cr_expect_eq(strlen(test_json_str(res.json, "created_at")), 20);
	cr_expect_not_null(test_json_str(res.json, "updated_at"));
	cr_expect_eq(strncmp(id, "akc_", 4), 0, "%s", id);
	test_response_release(&res);

	crew_call(&res, &crew, crew.p_manager.token, "GET", NULL,
		  "%s/connections", base);
	cr_expect_str_eq(test_json_str(res.json, "data.0.provider"), "stripe");
	cr_expect_str_eq(test_json_str(res.json, "data.0.status"), "active");
	cr_expect_eq(strncmp(test_json_str(res.json, "data.0.id"), "con_", 4),
		     0);
	test_response_release(&res);
}

Test(resources, names_are_unique_per_kind_and_place)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE], other[CREW_ID_SIZE];

	res_org_path(path, sizeof(path), "connections");
	res_connection(path, "dup", id);
	crew_call(&res, &crew, crew.owner.token, "POST",
		  "{\"name\": \"dup\", \"provider\": \"github\"}", "%s", path);
	cr_expect_eq(res.status, 409);
	cr_expect_str_eq(test_error_code(&res), "name_taken");
	test_response_release(&res);

	res_org_path(path, sizeof(path), "secrets");
	res_secret(crew.owner.token, path, "dup", "x", other);
	res_project_path(path, sizeof(path), crew.project, "connections");
	res_connection(path, "dup", other);
	res_project_path(path, sizeof(path), crew.other, "connections");
	res_connection(path, "dup", other);
	res_connection(path, "second", other);

	crew_call(&res, &crew, crew.owner.token, "PATCH", "{\"name\": \"dup\"}",
		  "/v1/connections/%s", other);
	cr_expect_eq(res.status, 409);
	cr_expect_str_eq(test_error_code(&res), "name_taken");
	test_response_release(&res);
}

Test(resources, patch_honours_if_match)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE], etag[128], header[160];
	const char *stale[] = { "If-Match: \"v42\"", NULL };
	const char *fresh[] = { header, NULL };

	res_org_path(path, sizeof(path), "connections");
	res_connection(path, "stripe-live", id);
	crew_call(&res, &crew, crew.manager.token, "GET", NULL,
		  "/v1/connections/%s", id);
	snprintf(etag, sizeof(etag), "%s", res.etag);
	cr_expect_neq(etag[0], '\0', "no ETag header");
	test_response_release(&res);

	crew_call_with(&res, &crew, crew.manager.token, "PATCH",
		       "{\"name\": \"stale\"}", stale, "/v1/connections/%s",
		       id);
	cr_expect_eq(res.status, 412);
	cr_expect_str_eq(test_error_code(&res), "etag_mismatch");
	test_response_release(&res);

	snprintf(header, sizeof(header), "If-Match: %s", etag);
	crew_call_with(&res, &crew, crew.manager.token, "PATCH",
		       "{\"config\": {\"account\": \"acct_2\"}}", fresh,
		       "/v1/connections/%s", id);
	cr_expect_eq(res.status, 200, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "name"), "stripe-live");
	cr_expect_str_eq(test_json_str(res.json, "provider"), "stripe");
	cr_expect_str_eq(test_json_str(res.json, "config.account"), "acct_2");
	cr_expect_str_neq(res.etag, etag);
	test_response_release(&res);

	crew_call_with(&res, &crew, crew.admin.token, "DELETE", NULL, fresh,
		       "/v1/connections/%s", id);
	cr_expect_eq(res.status, 412, "DELETE with an old etag");
	test_response_release(&res);
}

Test(resources, secret_update_replaces_the_value)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE];

	res_org_path(path, sizeof(path), "secrets");
	res_secret(crew.manager.token, path, "TOKEN", "first", id);
	crew_call(&res, &crew, crew.manager.token, "PATCH",
		  "{\"value\": \"second\"}", "/v1/secrets/%s", id);
	cr_expect_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);

	crew_call(&res, &crew, crew.admin.token, "GET", NULL, "/v1/secrets/%s",
		  id);
	cr_expect_str_eq(test_json_str(res.json, "value"), "second");
	cr_expect_str_eq(test_json_str(res.json, "name"), "TOKEN");
	test_response_release(&res);
}

Test(resources, delete_answers_deleted_then_404)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE];

	res_org_path(path, sizeof(path), "authkit");
	crew_create(&crew, crew.manager.token, path, "{\"name\": \"login\"}",
		    id);
	crew_call(&res, &crew, crew.manager.token, "DELETE", NULL,
		  "/v1/authkit/%s", id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "object"), "authkit");
	cr_expect_str_eq(test_json_str(res.json, "id"), id);
	cr_expect_eq(test_json_bool(res.json, "deleted"), 1);
	test_response_release(&res);

	snprintf(path, sizeof(path), "/v1/authkit/%s", id);
	cr_expect_eq(res_status(crew.manager.token, "GET", path), 404);
	cr_expect_eq(res_status(crew.manager.token, "DELETE", path), 404);
	cr_expect_eq(res_status(crew.manager.token, "GET",
				"/v1/authkit/akc_doesnotexist"),
		     404);
	cr_expect_eq(res_status(crew.manager.token, "GET",
				"/v1/connections/akc_wrongkind"),
		     404);
}

Test(resources, deleting_a_project_takes_its_resources)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE];

	res_project_path(path, sizeof(path), crew.other, "secrets");
	res_secret(crew.owner.token, path, "GONE", "soon", id);
	crew_call(&res, &crew, crew.owner.token, "DELETE", NULL,
		  "/v1/projects/%s", crew.other);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);

	snprintf(path, sizeof(path), "/v1/secrets/%s", id);
	cr_expect_eq(res_status(crew.owner.token, "GET", path), 404);
}

Test(resources, org_and_project_lists_stay_apart)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE];

	res_org_path(path, sizeof(path), "secrets");
	res_secret(crew.owner.token, path, "ORG_ONLY", "x", id);
	res_project_path(path, sizeof(path), crew.project, "secrets");
	res_secret(crew.owner.token, path, "PRJ_ONLY", "x", id);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/secrets", crew.org);
	cr_expect_eq(test_json_len(res.json, "data"), 1);
	cr_expect_str_eq(test_json_str(res.json, "data.0.name"), "ORG_ONLY");
	cr_expect(cJSON_IsNull(test_json_at(res.json, "data.0.project_id")));
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/projects/%s/secrets", crew.project);
	cr_expect_eq(test_json_len(res.json, "data"), 1);
	cr_expect_str_eq(test_json_str(res.json, "data.0.name"), "PRJ_ONLY");
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/projects/%s/secrets", crew.other);
	cr_expect_eq(test_json_len(res.json, "data"), 0);
	cr_expect(cJSON_IsNull(test_json_at(res.json, "last_id")));
	cr_expect_eq(test_json_bool(res.json, "has_more"), 0);
	test_response_release(&res);
}

Test(resources, lists_page_oldest_first)
{
	struct test_response res;
	char path[256], ids[5][CREW_ID_SIZE], name[32];
	int i;

	res_org_path(path, sizeof(path), "secrets");
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "S%d", i);
		res_secret(crew.owner.token, path, name, "x", ids[i]);
	}

	crew_call(&res, &crew, crew.member.token, "GET", NULL, "%s?limit=2",
		  path);
	cr_assert_eq(test_json_len(res.json, "data"), 2, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.id"), ids[0]);
	cr_expect_str_eq(test_json_str(res.json, "last_id"), ids[1]);
	cr_expect_eq(test_json_bool(res.json, "has_more"), 1);
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL,
		  "%s?limit=2&after=%s", path, ids[3]);
	cr_expect_eq(test_json_len(res.json, "data"), 1);
	cr_expect_str_eq(test_json_str(res.json, "data.0.id"), ids[4]);
	cr_expect_eq(test_json_bool(res.json, "has_more"), 0);
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL,
		  "%s?after=sec_nothing", path);
	cr_expect_eq(res.status, 400);
	cr_expect_str_eq(test_error_code(&res), "invalid_cursor");
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL, "%s?limit=101",
		  path);
	cr_expect_eq(res.status, 400);
	cr_expect_str_eq(test_error_code(&res), "invalid_parameter");
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL, "%s?q=s3", path);
	cr_expect_eq(test_json_len(res.json, "data"), 1);
	cr_expect_str_eq(test_json_str(res.json, "data.0.id"), ids[3]);
	test_response_release(&res);
}

/* One refused body: what is sent, and the answer it must get. */
struct res_case {
	const char *kind;
	const char *body;
	long status;
	const char *code, *param;
};

static const struct res_case bad_bodies[] = {
	{ "connections", "{\"provider\": \"stripe\"}", 422, "invalid_value",
	  "name" },
	{ "connections", "{\"name\": \"c\"}", 422, "invalid_value",
	  "provider" },
	{ "connections", "{\"name\": \"c\", \"provider\": \"Stripe\"}", 422,
	  "invalid_value", "provider" },
	{ "connections", "{\"name\": \"c\", \"provider\": \"\"}", 422,
	  "invalid_value", "provider" },
	{ "connections", "{\"name\": \"c\", \"provider\": \"a b\"}", 422,
	  "invalid_value", "provider" },
	{ "connections", "{\"name\": \"c\", \"provider\": 7}", 400,
	  "invalid_type", "provider" },
	{ "connections",
	  "{\"name\": \"c\", \"provider\": \"s\", \"config\": \"x\"}", 400,
	  "invalid_type", "config" },
	{ "connections",
	  "{\"name\": \"c\", \"provider\": \"s\", \"config\": [1]}", 400,
	  "invalid_type", "config" },
	{ "connections", "{\"name\": \"c\", \"provider\": \"s\", \"pw\": 1}",
	  400, "unknown_field", "pw" },
	{ "connections", "{\"name\": \"\\u0007bell\", \"provider\": \"s\"}",
	  422, "invalid_value", "name" },
	{ "connections", "{\"name\": \"   \", \"provider\": \"s\"}", 422,
	  "invalid_value", "name" },
	{ "connections", "[]", 400, "malformed_json", NULL },
	{ "connections", "{\"name\": ", 400, "malformed_json", NULL },
	{ "secrets", "{\"name\": \"s\"}", 422, "invalid_value", "value" },
	{ "secrets", "{\"name\": \"s\", \"value\": 5}", 400, "invalid_type",
	  "value" },
	{ "secrets", "{\"name\": 5, \"value\": \"x\"}", 400, "invalid_type",
	  "name" },
	{ "authkit", "{\"name\": \"a\", \"redirect_uris\": \"https://x\"}", 400,
	  "invalid_type", "redirect_uris" },
	{ "authkit", "{\"name\": \"a\", \"providers\": [3]}", 400,
	  "invalid_type", "providers" },
	{ "authkit", "{\"name\": \"a\", \"settings\": 60}", 400, "invalid_type",
	  "settings" },
	{ "authkit", "{\"name\": \"a\", \"value\": \"x\"}", 400,
	  "unknown_field", "value" },
};

static void res_check_case(const struct res_case *c, const char *body)
{
	struct test_response res;
	char path[256];

	res_org_path(path, sizeof(path), c->kind);
	crew_call(&res, &crew, crew.manager.token, "POST", body, "%s", path);
	cr_expect_eq(res.status, c->status, "%s %.80s: %ld %.200s", c->kind,
		     body, res.status, res.body.data);
	cr_expect_str_eq(test_error_code(&res), c->code, "%s %.80s", c->kind,
			 body);
	if (c->param != NULL)
		cr_expect_str_eq(test_json_str(res.json, "error.param"),
				 c->param, "%s %.80s", c->kind, body);
	test_response_release(&res);
}

/* @head, @len 'a's and @tail, as one malloc'd string the caller frees. */
static char *res_long_body(const char *head, size_t len, const char *tail)
{
	size_t hlen = strlen(head), tlen = strlen(tail);
	char *body = malloc(hlen + len + tlen + 1);

	cr_assert_not_null(body);
	memcpy(body, head, hlen);
	memset(body + hlen, 'a', len);
	memcpy(body + hlen + len, tail, tlen + 1);
	return body;
}

/* A body one character past a limit: @head, @len 'a's, @tail. */
struct res_sized {
	struct res_case expect; /* its body field is the head */
	const char *tail;
	size_t len;
};

Test(resources, bad_bodies_are_refused_and_nothing_is_made)
{
	static const struct res_sized sized[] = {
		{ { "connections", "{\"name\": \"", 422, "invalid_value",
		    "name" },
		  "\", \"provider\": \"s\"}",
		  101 },
		{ { "connections", "{\"name\": \"c\", \"provider\": \"", 422,
		    "invalid_value", "provider" },
		  "\"}",
		  51 },
		{ { "secrets", "{\"name\": \"s\", \"value\": \"", 422,
		    "invalid_value", "value" },
		  "\"}",
		  65537 },
		{ { "authkit", "{\"name\": \"a\", \"settings\": {\"k\": \"",
		    422, "invalid_value", "settings" },
		  "\"}}",
		  16385 },
	};
	struct test_response res;
	char *body;
	size_t i;

	for (i = 0; i < sizeof(bad_bodies) / sizeof(bad_bodies[0]); i++)
		res_check_case(&bad_bodies[i], bad_bodies[i].body);
	for (i = 0; i < sizeof(sized) / sizeof(sized[0]); i++) {
		body = res_long_body(sized[i].expect.body, sized[i].len,
				     sized[i].tail);
		res_check_case(&sized[i].expect, body);
		free(body);
	}

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/connections", crew.org);
	cr_expect_eq(test_json_len(res.json, "data"), 0, "%s", res.body.data);
	test_response_release(&res);
}

Test(resources, largest_allowed_values_fit)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE];
	char *body = res_long_body("{\"name\": \"big\", \"value\": \"", 65536,
				   "\"}");

	res_org_path(path, sizeof(path), "secrets");
	crew_create(&crew, crew.manager.token, path, body, id);
	free(body);

	crew_call(&res, &crew, crew.manager.token, "GET", NULL,
		  "/v1/secrets/%s", id);
	cr_expect_eq(strlen(test_json_str(res.json, "value")), 65536);
	test_response_release(&res);
}

Test(resources, huge_body_gets_413)
{
	struct test_response res;
	char path[256];
	char *body = res_long_body("{\"name\": \"big\", \"value\": \"",
				   (size_t)2 << 20, "\"}");

	res_org_path(path, sizeof(path), "secrets");
	crew_call(&res, &crew, crew.manager.token, "POST", body, "%s", path);
	free(body);
	cr_expect_eq(res.status, 413);
	test_response_release(&res);
}

Test(resources, patch_refuses_bad_fields_and_keeps_the_object)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE];

	res_org_path(path, sizeof(path), "connections");
	res_connection(path, "keep", id);
	crew_call(&res, &crew, crew.manager.token, "PATCH",
		  "{\"name\": \"changed\", \"provider\": \"NOT OK\"}",
		  "/v1/connections/%s", id);
	cr_expect_eq(res.status, 422);
	cr_expect_str_eq(test_json_str(res.json, "error.param"), "provider");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "PATCH",
		  "{\"value\": \"x\"}", "/v1/connections/%s", id);
	cr_expect_eq(res.status, 400);
	cr_expect_str_eq(test_error_code(&res), "unknown_field");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "GET", NULL,
		  "/v1/connections/%s", id);
	cr_expect_str_eq(test_json_str(res.json, "name"), "keep");
	cr_expect_str_eq(test_json_str(res.json, "etag"), "\"v1\"");
	test_response_release(&res);
}

/* The organization called @name among those GET /v1/me lists. */
static void res_demo_org(struct test_server *srv, const char *token,
			 const char *name, char id[CREW_ID_SIZE])
{
	struct test_response res;
	const cJSON *org;

	cr_assert_eq(test_http(&res, srv, token, "GET", "/v1/me", NULL, NULL),
		     0);
	cJSON_ArrayForEach(org, test_json_at(res.json, "organizations"))
	{
		if (strcmp(test_json_str(org, "name"), name) == 0)
			snprintf(id, CREW_ID_SIZE, "%s",
				 test_json_str(org, "id"));
	}
	test_response_release(&res);
	cr_assert_neq(id[0], '\0', "no organization %s", name);
}

/* The number of items GET @path lists for @token. */
static int res_demo_count(struct test_server *srv, const char *token,
			  const char *path)
{
	struct test_response res;
	int n;

	cr_assert_eq(test_http(&res, srv, token, "GET", path, NULL, NULL), 0);
	cr_expect_eq(res.status, 200, "%s: %s", path, res.body.data);
	n = test_json_len(res.json, "data");
	test_response_release(&res);
	return n;
}

static struct test_server demo_srv;
static char *demo_token;

static void demo_teardown(void)
{
	test_server_stop(&demo_srv);
	free(demo_token);
	demo_token = NULL;
}

TestSuite(demo, .fini = demo_teardown, .timeout = 60);

/* seed-demo's keys and resources, seen through the API. */
Test(demo, seed_demo_fills_keys_and_resources)
{
	struct test_server *srv = &demo_srv;
	struct test_response res;
	char org[CREW_ID_SIZE] = "", path[256];
	const char *token;

	cr_assert_eq(test_server_init(srv), 0);
	demo_token = test_server_seed_demo(srv, "owner@demo.orgdeck.test");
	token = demo_token;
	cr_assert_not_null(token);
	cr_assert_eq(test_server_serve(srv, NULL), 0);
	res_demo_org(srv, token, "Acme Robotics", org);

	snprintf(path, sizeof(path), "/v1/orgs/%s/keys", org);
	cr_expect_eq(res_demo_count(srv, token, path), 2);
	snprintf(path, sizeof(path), "/v1/orgs/%s/connections", org);
	cr_expect_eq(res_demo_count(srv, token, path), 2);
	snprintf(path, sizeof(path), "/v1/orgs/%s/authkit", org);
	cr_expect_eq(res_demo_count(srv, token, path), 1);

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets?q=sentry", org);
	cr_assert_eq(test_http(&res, srv, token, "GET", path, NULL, NULL), 0);
	snprintf(path, sizeof(path), "/v1/secrets/%s",
		 test_json_str(res.json, "data.0.id"));
	test_response_release(&res);
	cr_assert_eq(test_http(&res, srv, token, "GET", path, NULL, NULL), 0);
	cr_expect_str_eq(test_json_str(res.json, "value"),
			 "https://demo@sentry.demo.orgdeck.test/1");
	test_response_release(&res);
}

/* One of the racers below: creates "race" and keeps the status. */
struct res_racer {
	pthread_t thread;
	long status;
};

static void *res_race(void *arg)
{
	struct res_racer *racer = arg;
	struct test_response res;
	char path[256];

	res_org_path(path, sizeof(path), "connections");
	test_http(&res, &crew.srv, crew.manager.token, "POST", path,
		  "{\"name\": \"race\", \"provider\": \"stripe\"}", NULL);
	racer->status = res.status;
	test_response_release(&res);
	return NULL;
}

Test(resources, concurrent_creates_of_one_name_make_one_object)
{
	struct res_racer racers[8];
	struct test_response res;
	int i, made = 0, taken = 0;

	for (i = 0; i < 8; i++)
		cr_assert_eq(pthread_create(&racers[i].thread, NULL, res_race,
					    &racers[i]),
			     0);
	for (i = 0; i < 8; i++) {
		pthread_join(racers[i].thread, NULL);
		made += racers[i].status == 201;
		taken += racers[i].status == 409;
	}
	cr_expect_eq(made, 1, "%d made", made);
	cr_expect_eq(taken, 7, "%d refused as taken", taken);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/connections", crew.org);
	cr_expect_eq(test_json_len(res.json, "data"), 1);
	test_response_release(&res);
}
