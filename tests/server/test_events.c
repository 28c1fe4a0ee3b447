/* SPDX-License-Identifier: MIT */
/*
 * The activity log against a real orgdeckd: every change leaves an event
 * naming who did what to which object, secrets never appear in one, only
 * Admins read them, and the filters and paging work newest first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "crew.h"

static struct crew crew;

static void events_setup(void)
{
	crew_start(&crew);
}

static void events_teardown(void)
{
	crew_stop(&crew);
}

TestSuite(events, .init = events_setup, .fini = events_teardown,
	  .timeout = 120);

/* Lists the organization's events with @query ("" or "?..."). */
static long events_org(struct test_response *res, const char *token,
		       const char *query)
{
	return crew_call(res, &crew, token, "GET", NULL, "/v1/orgs/%s/events%s",
			 crew.org, query);
}

/* Checks that @query finds @n of the organization's events, as the owner. */
static void events_expect_count(const char *query, int n)
{
	struct test_response res;

	events_org(&res, crew.owner.token, query);
	cr_expect_eq(test_json_len(res.json, "data"), n, "%s", res.body.data);
	test_response_release(&res);
}

/* Checks that the owner's @query is refused with 400 and @code. */
static void events_expect_refused(const char *query, const char *code)
{
	struct test_response res;

	events_org(&res, crew.owner.token, query);
	cr_expect_eq(res.status, 400, "%s", res.body.data);
	cr_expect_str_eq(test_error_code(&res), code);
	test_response_release(&res);
}

/* The newest event with @action, or NULL; points into @res. */
static const cJSON *events_find(const struct test_response *res,
				const char *action)
{
	const cJSON *data = test_json_at(res->json, "data");
	const cJSON *item;

	cJSON_ArrayForEach(item, data)
	{
		if (strcmp(test_json_str(item, "action"), action) == 0)
			return item;
	}
	return NULL;
}

Test(events, a_change_leaves_who_what_and_which)
{
	struct test_response made, res;
	const cJSON *event;
	char path[256], id[CREW_ID_SIZE];

	snprintf(path, sizeof(path), "/v1/orgs/%s/connections", crew.org);
	crew_call(&made, &crew, crew.manager.token, "POST",
		  "{\"name\": \"stripe-live\", \"provider\": \"stripe\"}", "%s",
		  path);
	cr_assert_eq(made.status, 201, "%s", made.body.data);
	snprintf(id, sizeof(id), "%s", test_json_str(made.json, "id"));

	events_org(&res, crew.owner.token, "?action=connection.create");
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_assert_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	event = test_json_at(res.json, "data.0");
	cr_expect_str_eq(test_json_str(event, "object"), "event");
	cr_expect_eq(strncmp(test_json_str(event, "id"), "evt_", 4), 0);
	cr_expect_str_eq(test_json_str(event, "org_id"), crew.org);
	cr_expect(cJSON_IsNull(test_json_at(event, "project_id")));
	cr_expect_str_eq(test_json_str(event, "actor.type"), "user");
	cr_expect_str_eq(test_json_str(event, "actor.id"), crew.manager.id);
	cr_expect_not_null(test_json_str(event, "actor.name"));
	cr_expect_str_eq(test_json_str(event, "target.type"), "connection");
	cr_expect_str_eq(test_json_str(event, "target.id"), id);
	cr_expect_str_eq(test_json_str(event, "target.name"), "stripe-live");
	cr_expect_str_eq(test_json_str(event, "after.name"), "stripe-live");
	cr_expect_str_eq(test_json_str(event, "request_id"), made.request_id);
	cr_expect_not_null(test_json_str(event, "created_at"));
	test_response_release(&made);
	test_response_release(&res);
}

Test(events, update_and_delete_record_before_and_after)
{
	struct test_response res;
	const cJSON *event;
	char path[256], id[CREW_ID_SIZE];

	snprintf(path, sizeof(path), "/v1/projects/%s/authkit", crew.project);
	crew_create(&crew, crew.p_manager.token, path, "{\"name\": \"login\"}",
		    id);
	crew_call(&res, &crew, crew.p_manager.token, "PATCH",
		  "{\"name\": \"signin\"}", "/v1/authkit/%s", id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);
	crew_call(&res, &crew, crew.p_manager.token, "DELETE", NULL,
		  "/v1/authkit/%s", id);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);

	crew_call(&res, &crew, crew.p_admin.token, "GET", NULL,
		  "/v1/projects/%s/events", crew.project);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	event = events_find(&res, "authkit.update");
	cr_assert_not_null(event, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(event, "before.name"), "login");
	cr_expect_str_eq(test_json_str(event, "after.name"), "signin");
	cr_expect_str_eq(test_json_str(event, "project_id"), crew.project);

	event = events_find(&res, "authkit.delete");
	cr_assert_not_null(event, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(event, "target.id"), id);
	cr_expect_str_eq(test_json_str(event, "before.name"), "signin");
	test_response_release(&res);
}

Test(events, secrets_and_key_secrets_are_redacted)
{
	struct test_response res;
	const cJSON *event;
	char path[256], id[CREW_ID_SIZE], secret[128];

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets", crew.org);
	crew_create(&crew, crew.member.token, path,
		    "{\"name\": \"PW\", \"value\": \"hunter2-first-XYZ\"}", id);
	crew_call(&res, &crew, crew.manager.token, "PATCH",
		  "{\"value\": \"hunter2-second-XYZ\"}", "/v1/secrets/%s", id);
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "POST",
		  "{\"name\": \"ci\", \"role\": \"member\"}",
		  "/v1/orgs/%s/keys", crew.org);
	cr_assert_eq(res.status, 201, "%s", res.body.data);
	snprintf(secret, sizeof(secret), "%s",
		 test_json_str(res.json, "secret"));
	snprintf(path, sizeof(path), "/v1/keys/%s/rotate",
		 test_json_str(res.json, "id"));
	test_response_release(&res);
	crew_call(&res, &crew, crew.manager.token, "POST", NULL, "%s", path);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	test_response_release(&res);

	events_org(&res, crew.admin.token, "");
	cr_assert_eq(res.status, 200);
	cr_expect_null(strstr(res.body.data, "hunter2"), "%s", res.body.data);
	cr_expect_null(strstr(res.body.data, secret));
	event = events_find(&res, "secret.create");
	cr_assert_not_null(event);
	cr_expect_str_eq(test_json_str(event, "after.value"), "[redacted]");
	event = events_find(&res, "secret.update");
	cr_assert_not_null(event);
	cr_expect_str_eq(test_json_str(event, "after.value"), "[redacted]");
	cr_expect_not_null(events_find(&res, "key.create"));
	cr_expect_not_null(events_find(&res, "key.rotate"));
	test_response_release(&res);
}

Test(events, only_admins_read_activity)
{
	struct test_response res;
	char path[256];

	events_org(&res, crew.manager.token, "");
	cr_expect_eq(res.status, 403);
	cr_expect_str_eq(test_error_code(&res), "role_required");
	test_response_release(&res);
	events_org(&res, crew.member.token, "");
	cr_expect_eq(res.status, 403);
	test_response_release(&res);
	events_org(&res, crew.outsider.token, "");
	cr_expect_eq(res.status, 404);
	test_response_release(&res);
	events_org(&res, crew.admin.token, "");
	cr_expect_eq(res.status, 200);
	test_response_release(&res);

	snprintf(path, sizeof(path), "/v1/projects/%s/events", crew.project);
	crew_call(&res, &crew, crew.p_manager.token, "GET", NULL, "%s", path);
	cr_expect_eq(res.status, 403);
	test_response_release(&res);
	crew_call(&res, &crew, crew.p_admin.token, "GET", NULL, "%s", path);
	cr_expect_eq(res.status, 200);
	test_response_release(&res);
	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "%s", path);
	cr_expect_eq(res.status, 403, "an org Manager is a project Manager");
	test_response_release(&res);
}

/* Makes @n secrets named PREFIX0.. at @path as @token. */
static void events_make_secrets(const char *token, const char *path,
				const char *prefix, int n)
{
	char body[128], id[CREW_ID_SIZE];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(body, sizeof(body),
			 "{\"name\": \"%s%d\", \"value\": \"v\"}", prefix, i);
		crew_create(&crew, token, path, body, id);
	}
}

Test(events, newest_first_with_paging)
{
	struct test_response res;
	char path[256], query[160], last[CREW_ID_SIZE];

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets", crew.org);
	events_make_secrets(crew.manager.token, path, "S", 5);

	events_org(&res, crew.owner.token, "?action=secret.create&limit=2");
	cr_assert_eq(test_json_len(res.json, "data"), 2, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.target.name"), "S4");
	cr_expect_str_eq(test_json_str(res.json, "data.1.target.name"), "S3");
	cr_expect_eq(test_json_bool(res.json, "has_more"), 1);
	snprintf(last, sizeof(last), "%s", test_json_str(res.json, "last_id"));
	cr_expect_str_eq(last, test_json_str(res.json, "data.1.id"));
	test_response_release(&res);

	snprintf(query, sizeof(query), "?action=secret.create&limit=2&after=%s",
		 last);
	events_org(&res, crew.owner.token, query);
	cr_expect_eq(test_json_len(res.json, "data"), 2);
	cr_expect_str_eq(test_json_str(res.json, "data.0.target.name"), "S2");
	test_response_release(&res);

	events_expect_refused("?after=evt_nothing", "invalid_cursor");
}

Test(events, filters_by_actor_target_and_project)
{
	struct test_response res;
	char path[256], query[160], id[CREW_ID_SIZE];

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets", crew.org);
	events_make_secrets(crew.manager.token, path, "M", 2);
	events_make_secrets(crew.admin.token, path, "A", 1);
	snprintf(path, sizeof(path), "/v1/projects/%s/secrets", crew.project);
	events_make_secrets(crew.p_member.token, path, "P", 3);
	snprintf(path, sizeof(path), "/v1/orgs/%s/connections", crew.org);
	crew_create(&crew, crew.admin.token, path,
		    "{\"name\": \"gh\", \"provider\": \"github\"}", id);

	snprintf(query, sizeof(query), "?actor=%s&action=secret.create",
		 crew.manager.id);
	events_expect_count(query, 2);

	snprintf(query, sizeof(query), "?target=%s", id);
	events_org(&res, crew.owner.token, query);
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.action"),
			 "connection.create");
	test_response_release(&res);

	snprintf(query, sizeof(query), "?project=%s", crew.project);
	events_org(&res, crew.owner.token, query);
	cr_expect_geq(test_json_len(res.json, "data"), 3, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.project_id"),
			 crew.project);
	test_response_release(&res);

	snprintf(query, sizeof(query), "?project=%s&action=secret.create",
		 crew.project);
	events_expect_count(query, 3);

	events_expect_refused("?actor=nobody", "invalid_parameter");
}

Test(events, project_activity_holds_only_the_project)
{
	struct test_response res;
	const cJSON *item;
	char path[256];

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets", crew.org);
	events_make_secrets(crew.owner.token, path, "ORG", 2);
	snprintf(path, sizeof(path), "/v1/projects/%s/secrets", crew.other);
	events_make_secrets(crew.owner.token, path, "STG", 2);
	snprintf(path, sizeof(path), "/v1/projects/%s/secrets", crew.project);
	events_make_secrets(crew.owner.token, path, "PRD", 1);

	crew_call(&res, &crew, crew.admin.token, "GET", NULL,
		  "/v1/projects/%s/events?action=secret.create", crew.project);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cJSON_ArrayForEach(item, test_json_at(res.json, "data"))
	{
		cr_expect_str_eq(test_json_str(item, "project_id"),
				 crew.project);
	}
	test_response_release(&res);

	events_expect_count("?action=secret.create", 5);
}

Test(events, a_key_is_named_as_the_actor)
{
	struct test_response res;
	char secret[128], key_id[CREW_ID_SIZE], path[256], id[CREW_ID_SIZE];

	crew_call(&res, &crew, crew.manager.token, "POST",
		  "{\"name\": \"robot\", \"role\": \"manager\"}",
		  "/v1/orgs/%s/keys", crew.org);
	cr_assert_eq(res.status, 201, "%s", res.body.data);
	snprintf(secret, sizeof(secret), "%s",
		 test_json_str(res.json, "secret"));
	snprintf(key_id, sizeof(key_id), "%s", test_json_str(res.json, "id"));
	test_response_release(&res);

	snprintf(path, sizeof(path), "/v1/projects/%s/connections",
		 crew.project);
	crew_create(&crew, secret, path,
		    "{\"name\": \"bot-made\", \"provider\": \"slack\"}", id);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL,
		  "/v1/orgs/%s/events?actor=%s", crew.org, key_id);
	cr_assert_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.actor.type"), "key");
	cr_expect_str_eq(test_json_str(res.json, "data.0.actor.id"), key_id);
	cr_expect_str_eq(test_json_str(res.json, "data.0.actor.name"), "robot");
	cr_expect_str_eq(test_json_str(res.json, "data.0.target.id"), id);
	test_response_release(&res);
}

Test(events, refused_changes_leave_no_event)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE], query[160];

	snprintf(path, sizeof(path), "/v1/orgs/%s/connections", crew.org);
	crew_create(&crew, crew.owner.token, path,
		    "{\"name\": \"keep\", \"provider\": \"stripe\"}", id);
	crew_call(&res, &crew, crew.manager.token, "DELETE", NULL,
		  "/v1/connections/%s", id);
	cr_assert_eq(res.status, 403);
	test_response_release(&res);

	snprintf(query, sizeof(query), "?target=%s", id);
	events_org(&res, crew.owner.token, query);
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.action"),
			 "connection.create");
	test_response_release(&res);
}

Test(events, q_matches_target_or_actor_names)
{
	struct test_response res;
	char path[256], id[CREW_ID_SIZE];

	snprintf(path, sizeof(path), "/v1/orgs/%s/connections", crew.org);
	crew_create(&crew, crew.manager.token, path,
		    "{\"name\": \"Stripe-Live\", \"provider\": \"stripe\"}",
		    id);
	crew_create(&crew, crew.manager.token, path,
		    "{\"name\": \"github\", \"provider\": \"github\"}", id);

	events_org(&res, crew.owner.token, "?q=STRIPE");
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_str_eq(test_json_str(res.json, "data.0.target.name"),
			 "Stripe-Live");
	test_response_release(&res);

	events_org(&res, crew.owner.token,
		   "?q=github&action=connection.create&limit=1");
	cr_expect_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_expect_eq(test_json_bool(res.json, "has_more"), 0);
	test_response_release(&res);
}

Test(events, cursor_must_belong_to_the_filtered_list)
{
	struct test_response res;
	char path[256], query[160], id[CREW_ID_SIZE], event[CREW_ID_SIZE];

	snprintf(path, sizeof(path), "/v1/orgs/%s/connections", crew.org);
	crew_create(&crew, crew.admin.token, path,
		    "{\"name\": \"one\", \"provider\": \"github\"}", id);
	events_org(&res, crew.owner.token, "?action=connection.create");
	snprintf(event, sizeof(event), "%s",
		 test_json_str(res.json, "data.0.id"));
	test_response_release(&res);

	snprintf(query, sizeof(query), "?action=connection.create&after=%s",
		 event);
	events_org(&res, crew.owner.token, query);
	cr_expect_eq(res.status, 200, "%s", res.body.data);
	cr_expect_eq(test_json_len(res.json, "data"), 0);
	test_response_release(&res);

	snprintf(query, sizeof(query), "?action=secret.create&after=%s", event);
	events_expect_refused(query, "invalid_cursor");
}
