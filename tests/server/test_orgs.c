/* SPDX-License-Identifier: MIT */
/*
 * Organizations and their members against a real orgdeckd: creating,
 * renaming and deleting, If-Match, idempotent retries, ownership transfers
 * and the one-owner rule (also under concurrent transfers and role
 * changes), role changes, removal and leaving, each with its audit event.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "crew.h"

#define TEXT_SIZE 512

static struct crew crew;

static void setup(void)
{
	crew_start(&crew);
}

static void teardown(void)
{
	crew_stop(&crew);
}

TestSuite(orgs, .init = setup, .fini = teardown, .timeout = 120);

/* Counts rows of @sql (one ?1 text parameter) in the server's database. */
static long sql_count(const char *sql, const char *arg)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;

	cr_assert_eq(sqlite3_open(crew.srv.db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK,
		     "%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* Copies the ETag of @path as @token into @etag. */
static void etag_of(char *etag, size_t size, const char *token,
		    const char *path)
{
	struct test_response res;

	crew_call(&res, &crew, token, "GET", NULL, "%s", path);
	cr_assert_eq(res.status, 200, "GET %s: %ld %s", path, res.status,
		     res.body.data);
	cr_assert_neq(res.etag[0], '\0', "no ETag on %s", path);
	snprintf(etag, size, "If-Match: %s", res.etag);
	test_response_release(&res);
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

Test(orgs, create_read_rename_delete)
{
	char id[CREW_ID_SIZE], path[TEXT_SIZE], match[TEXT_SIZE];
	const char *headers[] = { match, NULL };
	struct test_response res;

	crew_create(&crew, crew.member.token, "/v1/orgs",
		    "{\"name\": \"  Side Project  \"}", id);
	snprintf(path, sizeof(path), "/v1/orgs/%s", id);

	crew_call(&res, &crew, crew.member.token, "GET", NULL, "%s", path);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "name"), "Side Project",
			 "names are trimmed");
	cr_assert_str_eq(test_json_str(res.json, "kind"), "team");
	cr_assert_str_eq(test_json_str(res.json, "role"), "owner");
	cr_assert_str_eq(test_json_str(res.json, "owner_id"), crew.member.id);
	cr_assert(test_json_has(res.json, "actions", "org.delete"));
	cr_assert_str_eq(res.etag, "\"v1\"");
	test_response_release(&res);

	strcpy(match, "If-Match: \"v7\"");
	crew_call_with(&res, &crew, crew.member.token, "PATCH",
		       "{\"name\": \"Renamed\"}", headers, "%s", path);
	expect(&res, 412, "etag_mismatch");
	test_response_release(&res);

	strcpy(match, "If-Match: \"v1\"");
	crew_call_with(&res, &crew, crew.member.token, "PATCH",
		       "{\"name\": \"Renamed\"}", headers, "%s", path);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "name"), "Renamed");
	cr_assert_str_eq(res.etag, "\"v2\"");
	test_response_release(&res);

	crew_call_with(&res, &crew, crew.member.token, "DELETE", NULL, headers,
		       "%s", path);
	expect(&res, 412, "etag_mismatch");
	test_response_release(&res);
	crew_call(&res, &crew, crew.member.token, "DELETE", NULL, "%s", path);
	expect(&res, 200, NULL);
	cr_assert_eq(test_json_bool(res.json, "deleted"), 1);
	test_response_release(&res);
	crew_call(&res, &crew, crew.member.token, "GET", NULL, "%s", path);
	expect(&res, 404, "not_found");
	test_response_release(&res);

	cr_assert_eq(
		sql_count("SELECT count(*) FROM events WHERE target_id = ?1"
			  " AND action IN ('org.create', 'org.update',"
			  " 'org.delete')",
			  id),
		3, "one event per change");
}

Test(orgs, who_may_change_the_organization)
{
	struct test_response res;

	crew_call(&res, &crew, crew.manager.token, "PATCH",
		  "{\"name\": \"Mine now\"}", "/v1/orgs/%s", crew.org);
	expect(&res, 403, "role_required");
	cr_assert_str_eq(test_json_str(res.json, "error.message"),
			 "renaming the organization needs Admin; you are "
			 "Manager");
	test_response_release(&res);

	crew_call(&res, &crew, crew.admin.token, "DELETE", NULL, "/v1/orgs/%s",
		  crew.org);
	expect(&res, 403, "role_required");
	cr_assert(strstr(test_json_str(res.json, "error.message"),
			 "needs Owner; you are Admin") != NULL);
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL, "/v1/orgs/%s",
		  crew.org);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "role"), "member");
	cr_assert(test_json_has(res.json, "actions", "org.read"));
	cr_assert(!test_json_has(res.json, "actions", "org.update"));
	test_response_release(&res);
}

Test(orgs, personal_organization_stays_personal)
{
	char personal[CREW_ID_SIZE], match[TEXT_SIZE];
	const char *headers[] = { match, NULL };
	struct test_response res;

	crew_call(&res, &crew, crew.outsider.token, "GET", NULL, "/v1/me");
	expect(&res, 200, NULL);
	cr_assert_eq(test_json_len(res.json, "organizations"), 1);
	cr_assert_str_eq(test_json_str(res.json, "organizations.0.kind"),
			 "personal");
	cr_assert(!test_json_has(res.json, "organizations.0.actions",
				 "invitation.create"));
	cr_assert(!test_json_has(res.json, "organizations.0.actions",
				 "org.delete"));
	snprintf(personal, sizeof(personal), "%s",
		 test_json_str(res.json, "organizations.0.id"));
	test_response_release(&res);

	crew_call(&res, &crew, crew.outsider.token, "DELETE", NULL,
		  "/v1/orgs/%s", personal);
	expect(&res, 409, "personal_org");
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "POST", NULL,
		  "/v1/orgs/%s/leave", personal);
	expect(&res, 409, "personal_org");
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "POST",
		  "{\"emails\": [\"x@example.com\"]}",
		  "/v1/orgs/%s/invitations", personal);
	expect(&res, 409, "personal_org");
	test_response_release(&res);

	snprintf(match, sizeof(match), "If-Match: \"v1\"");
	crew_call_with(&res, &crew, crew.outsider.token, "POST",
		       "{\"user_id\": \"usr_x\"}", headers,
		       "/v1/orgs/%s/transfer", personal);
	expect(&res, 409, "personal_org");
	test_response_release(&res);
}

Test(orgs, transfer_goes_to_another_admin)
{
	char match[TEXT_SIZE], path[TEXT_SIZE], body[TEXT_SIZE];
	const char *headers[] = { match, NULL };
	struct test_response res;

	snprintf(path, sizeof(path), "/v1/orgs/%s", crew.org);
	snprintf(body, sizeof(body), "{\"user_id\": \"%s\"}", crew.admin.id);

	crew_call(&res, &crew, crew.owner.token, "POST", body,
		  "/v1/orgs/%s/transfer", crew.org);
	expect(&res, 428, "if_match_required");
	test_response_release(&res);

	strcpy(match, "If-Match: \"v99\"");
	crew_call_with(&res, &crew, crew.owner.token, "POST", body, headers,
		       "%s/transfer", path);
	expect(&res, 412, "etag_mismatch");
	test_response_release(&res);

	etag_of(match, sizeof(match), crew.owner.token, path);
	snprintf(body, sizeof(body), "{\"user_id\": \"%s\"}", crew.manager.id);
	crew_call_with(&res, &crew, crew.owner.token, "POST", body, headers,
		       "%s/transfer", path);
	expect(&res, 409, "owner_required");
	test_response_release(&res);

	crew_call_with(&res, &crew, crew.admin.token, "POST", body, headers,
		       "%s/transfer", path);
	expect(&res, 403, "role_required");
	test_response_release(&res);

	snprintf(body, sizeof(body), "{\"user_id\": \"%s\"}", crew.admin.id);
	crew_call_with(&res, &crew, crew.owner.token, "POST", body, headers,
		       "%s/transfer", path);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "owner_id"), crew.admin.id);
	cr_assert_str_eq(test_json_str(res.json, "role"), "admin",
			 "the old owner stays an Admin");
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "GET", NULL, "%s/members/%s",
		  path, crew.owner.id);
	cr_assert_str_eq(test_json_str(res.json, "role"), "admin");
	cr_assert_eq(test_json_bool(res.json, "owner"), 0);
	test_response_release(&res);
	cr_assert_eq(sql_count("SELECT count(*) FROM events WHERE org_id = ?1"
			       " AND action = 'org.transfer'",
			       crew.org),
		     1);
}

Test(orgs, member_roles_need_if_match_and_keep_the_owner)
{
	char match[TEXT_SIZE], path[TEXT_SIZE];
	const char *headers[] = { match, NULL };
	struct test_response res;

	snprintf(path, sizeof(path), "/v1/orgs/%s/members/%s", crew.org,
		 crew.member.id);
	crew_call(&res, &crew, crew.admin.token, "PATCH",
		  "{\"role\": \"manager\"}", "%s", path);
	expect(&res, 428, "if_match_required");
	test_response_release(&res);

	etag_of(match, sizeof(match), crew.admin.token, path);
	crew_call_with(&res, &crew, crew.manager.token, "PATCH",
		       "{\"role\": \"manager\"}", headers, "%s", path);
	expect(&res, 403, "role_required");
	test_response_release(&res);
	crew_call_with(&res, &crew, crew.admin.token, "PATCH",
		       "{\"role\": \"owner\"}", headers, "%s", path);
	expect(&res, 422, "invalid_value");
	test_response_release(&res);

	crew_call_with(&res, &crew, crew.admin.token, "PATCH",
		       "{\"role\": \"manager\"}", headers, "%s", path);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "role"), "manager");
	test_response_release(&res);
	crew_call_with(&res, &crew, crew.admin.token, "PATCH",
		       "{\"role\": \"admin\"}", headers, "%s", path);
	expect(&res, 412, "etag_mismatch");
	test_response_release(&res);

	snprintf(path, sizeof(path), "/v1/orgs/%s/members/%s", crew.org,
		 crew.owner.id);
	etag_of(match, sizeof(match), crew.admin.token, path);
	crew_call_with(&res, &crew, crew.admin.token, "PATCH",
		       "{\"role\": \"member\"}", headers, "%s", path);
	expect(&res, 409, "owner_required");
	test_response_release(&res);
	crew_call(&res, &crew, crew.admin.token, "DELETE", NULL, "%s", path);
	expect(&res, 409, "owner_required");
	test_response_release(&res);

	cr_assert_eq(
		sql_count("SELECT count(*) FROM events WHERE target_id = ?1"
			  " AND action = 'member.update'"
			  " AND before = '{\"role\":\"member\"}'"
			  " AND after = '{\"role\":\"manager\"}'",
			  crew.member.id),
		1);
}

Test(orgs, removing_and_leaving)
{
	struct test_response res;

	crew_call(&res, &crew, crew.admin.token, "DELETE", NULL,
		  "/v1/orgs/%s/members/%s", crew.org, crew.p_member.id);
	expect(&res, 200, NULL);
	test_response_release(&res);
	cr_assert_eq(sql_count("SELECT count(*) FROM project_members"
			       " WHERE user_id = ?1",
			       crew.p_member.id),
		     0, "project roles go with the membership");
	crew_call(&res, &crew, crew.p_member.token, "GET", NULL,
		  "/v1/projects/%s", crew.project);
	expect(&res, 404, "not_found");
	test_response_release(&res);

	crew_call(&res, &crew, crew.owner.token, "POST", NULL,
		  "/v1/orgs/%s/leave", crew.org);
	expect(&res, 409, "owner_required");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "POST", NULL,
		  "/v1/orgs/%s/leave", crew.org);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "id"), crew.manager.id);
	test_response_release(&res);
	crew_call(&res, &crew, crew.manager.token, "GET", NULL, "/v1/orgs/%s",
		  crew.org);
	expect(&res, 404, "not_found");
	test_response_release(&res);
	cr_assert_eq(
		sql_count("SELECT count(*) FROM events WHERE target_id = ?1"
			  " AND action = 'member.leave'",
			  crew.manager.id),
		1);
}

Test(orgs, members_list_and_search)
{
	struct test_response res;

	crew_call(&res, &crew, crew.member.token, "GET", NULL,
		  "/v1/orgs/%s/members?limit=100", crew.org);
	expect(&res, 200, NULL);
	cr_assert_eq(test_json_len(res.json, "data"), 7, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "data.0.id"), crew.owner.id);
	cr_assert_eq(test_json_bool(res.json, "data.0.owner"), 1);
	cr_assert_eq(test_json_bool(res.json, "data.1.owner"), 0);
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL,
		  "/v1/orgs/%s/members?q=P-MANAGER@", crew.org);
	cr_assert_eq(test_json_len(res.json, "data"), 1, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "data.0.user.email"),
			 "p-manager@example.com");
	test_response_release(&res);
}

Test(orgs, idempotent_retries)
{
	const char *key[] = { "Idempotency-Key: create-1", NULL };
	struct test_response first, again, other;

	crew_call_with(&first, &crew, crew.member.token, "POST",
		       "{\"name\": \"Once\"}", key, "/v1/orgs");
	expect(&first, 201, NULL);
	cr_assert(!first.replayed);
	crew_call_with(&again, &crew, crew.member.token, "POST",
		       "{\"name\": \"Once\"}", key, "/v1/orgs");
	expect(&again, 201, NULL);
	cr_assert(again.replayed, "no Idempotent-Replayed header");
	cr_assert_str_eq(test_json_str(again.json, "id"),
			 test_json_str(first.json, "id"));
	cr_assert_str_eq(again.body.data, first.body.data);
	test_response_release(&again);

	crew_call_with(&again, &crew, crew.member.token, "POST",
		       "{\"name\": \"Twice\"}", key, "/v1/orgs");
	expect(&again, 422, "idempotency_mismatch");
	test_response_release(&again);

	crew_call_with(&other, &crew, crew.manager.token, "POST",
		       "{\"name\": \"Once\"}", key, "/v1/orgs");
	expect(&other, 201, NULL);
	cr_assert(!other.replayed, "keys belong to one principal");
	cr_assert_str_neq(test_json_str(other.json, "id"),
			  test_json_str(first.json, "id"));
	test_response_release(&other);
	test_response_release(&first);

	cr_assert_eq(
		sql_count("SELECT count(*) FROM orgs WHERE name = ?1", "Once"),
		2);
}

/* The concurrency test: two Admins who keep trying to take over. */
struct contender {
	const char *token;   /* who acts */
	const char *self;    /* their user id */
	const char *rival;   /* the other Admin's id */
	int done, conflicts; /* requests answered 2xx, and 4xx */
};

static void contend_once(struct contender *c, const char *path,
			 const char *method, const char *suffix,
			 const char *body)
{
	char match[TEXT_SIZE];
	const char *headers[] = { match, NULL };
	struct test_response res;

	crew_call(&res, &crew, c->token, "GET", NULL, "%s", path);
	snprintf(match, sizeof(match), "If-Match: %s", res.etag);
	test_response_release(&res);

	crew_call_with(&res, &crew, c->token, method, body, headers, "%s%s",
		       path, suffix);
	if (res.status >= 200 && res.status < 300)
		c->done++;
	else if (res.status >= 400 && res.status < 500)
		c->conflicts++;
	test_response_release(&res);
}

static void *contend(void *arg)
{
	struct contender *c = arg;
	char org[TEXT_SIZE], rival[TEXT_SIZE], body[TEXT_SIZE];
	int i;

	snprintf(org, sizeof(org), "/v1/orgs/%s", crew.org);
	snprintf(rival, sizeof(rival), "/v1/orgs/%s/members/%s", crew.org,
		 c->rival);
	for (i = 0; i < 25; i++) {
		snprintf(body, sizeof(body), "{\"user_id\": \"%s\"}", c->rival);
		contend_once(c, org, "POST", "/transfer", body);
		contend_once(c, rival, "PATCH", "", "{\"role\": \"member\"}");
		contend_once(c, rival, "PATCH", "", "{\"role\": \"admin\"}");
	}
	return NULL;
}

Test(orgs, one_owner_under_concurrent_transfers)
{
	struct contender a = { crew.owner.token, crew.owner.id, crew.admin.id,
			       0, 0 };
	struct contender b = { crew.admin.token, crew.admin.id, crew.owner.id,
			       0, 0 };
	pthread_t ta, tb;
	struct test_response res;
	int i, owners = 0;

	cr_assert_eq(pthread_create(&ta, NULL, contend, &a), 0);
	cr_assert_eq(pthread_create(&tb, NULL, contend, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	cr_assert_gt(a.done + b.done, 0, "nothing ever succeeded");

	crew_call(&res, &crew, crew.member.token, "GET", NULL,
		  "/v1/orgs/%s/members?limit=100", crew.org);
	for (i = 0; i < test_json_len(res.json, "data"); i++) {
		char path[64];

		snprintf(path, sizeof(path), "data.%d.owner", i);
		if (test_json_bool(res.json, path) != 1)
			continue;
		owners++;
		snprintf(path, sizeof(path), "data.%d.role", i);
		cr_assert_str_eq(test_json_str(res.json, path), "admin",
				 "the owner is an Admin");
	}
	test_response_release(&res);
	cr_assert_eq(owners, 1, "exactly one owner");
	cr_assert_eq(sql_count("SELECT count(*) FROM orgs o JOIN members m"
			       " ON m.org_id = o.id AND m.user_id = o.owner_id"
			       " WHERE o.id = ?1 AND m.role = 'admin'",
			       crew.org),
		     1, "the owner's stored role is admin");
}
