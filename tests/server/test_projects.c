/* SPDX-License-Identifier: MIT */
/*
 * Projects and their people against a real orgdeckd: who sees which
 * project, unique names, who may change or delete one, and adding people
 * by id, by the email of a member, or by an email that becomes an
 * organization invitation carrying the project role.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "crew.h"

#define TEXT_SIZE 1024

static struct crew crew;

static void setup(void)
{
	crew_start(&crew);
}

static void teardown(void)
{
	crew_stop(&crew);
}

TestSuite(projects, .init = setup, .fini = teardown, .timeout = 120);

static void expect(const struct test_response *res, long status,
		   const char *code)
{
	cr_assert_eq(res->status, status, "want %ld %s, got %ld %s", status,
		     code != NULL ? code : "", res->status, res->body.data);
	if (code != NULL)
		cr_assert_str_eq(test_json_str(res->json, "error.code"), code,
				 "%s", res->body.data);
}

/* The number of projects @token sees in the crew's organization. */
static int visible(const char *token)
{
	struct test_response res;
	int n;

	crew_call(&res, &crew, token, "GET", NULL, "/v1/orgs/%s/projects",
		  crew.org);
	expect(&res, 200, NULL);
	n = test_json_len(res.json, "data");
	test_response_release(&res);
	return n;
}

Test(projects, each_person_sees_their_reach)
{
	struct test_response res;

	cr_assert_eq(visible(crew.owner.token), 2);
	cr_assert_eq(visible(crew.manager.token), 2, "org roles carry over");
	cr_assert_eq(visible(crew.member.token), 0, "a Member sees none");
	cr_assert_eq(visible(crew.p_member.token), 1, "only their project");

	crew_call(&res, &crew, crew.p_member.token, "GET", NULL,
		  "/v1/projects/%s", crew.other);
	expect(&res, 404, "not_found");
	test_response_release(&res);

	crew_call(&res, &crew, crew.p_manager.token, "GET", NULL,
		  "/v1/projects/%s", crew.project);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "role"), "manager",
			 "the project role raises an org Member");
	cr_assert(test_json_has(res.json, "actions", "project.update"));
	cr_assert(!test_json_has(res.json, "actions", "project.delete"));
	test_response_release(&res);

	crew_call(&res, &crew, crew.outsider.token, "GET", NULL,
		  "/v1/orgs/%s/projects", crew.org);
	expect(&res, 404, "not_found");
	test_response_release(&res);
}

Test(projects, create_update_delete)
{
	char id[CREW_ID_SIZE], path[TEXT_SIZE];
	struct test_response res;

	snprintf(path, sizeof(path), "/v1/orgs/%s/projects", crew.org);
	crew_call(&res, &crew, crew.member.token, "POST",
		  "{\"name\": \"Nope\"}", "%s", path);
	expect(&res, 403, "role_required");
	cr_assert_str_eq(test_json_str(res.json, "error.message"),
			 "creating projects needs Manager; you are Member");
	test_response_release(&res);
	crew_call(&res, &crew, crew.manager.token, "POST",
		  "{\"name\": \"PROD\"}", "%s", path);
	expect(&res, 409, "name_taken");
	test_response_release(&res);

	crew_create(&crew, crew.manager.token, path,
		    "{\"name\": \"Edge\", \"description\": \"CDN\"}", id);
	crew_call(&res, &crew, crew.manager.token, "PATCH",
		  "{\"description\": \"Edge nodes\"}", "/v1/projects/%s", id);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "name"), "Edge");
	cr_assert_str_eq(test_json_str(res.json, "description"), "Edge nodes");
	cr_assert_str_eq(res.etag, "\"v2\"");
	test_response_release(&res);
	crew_call(&res, &crew, crew.manager.token, "PATCH",
		  "{\"name\": \"staging\"}", "/v1/projects/%s", id);
	expect(&res, 409, "name_taken");
	test_response_release(&res);

	crew_call(&res, &crew, crew.manager.token, "DELETE", NULL,
		  "/v1/projects/%s", id);
	expect(&res, 403, "role_required");
	test_response_release(&res);
	crew_call(&res, &crew, crew.admin.token, "DELETE", NULL,
		  "/v1/projects/%s", id);
	expect(&res, 200, NULL);
	test_response_release(&res);
	crew_call(&res, &crew, crew.admin.token, "GET", NULL, "/v1/projects/%s",
		  id);
	expect(&res, 404, "not_found");
	test_response_release(&res);
}

Test(projects, members_by_id_and_by_email)
{
	struct test_response res;
	char body[TEXT_SIZE], path[TEXT_SIZE];

	snprintf(path, sizeof(path), "/v1/projects/%s/members", crew.other);
	snprintf(body, sizeof(body),
		 "{\"user_id\": \"%s\", \"role\": \"manager\"}",
		 crew.member.id);
	crew_call(&res, &crew, crew.manager.token, "POST", body, "%s", path);
	expect(&res, 403, "role_required");
	cr_assert_str_eq(test_json_str(res.json, "error.message"),
			 "adding people to a project needs Admin; you are "
			 "Manager");
	test_response_release(&res);

	crew_call(&res, &crew, crew.admin.token, "POST", body, "%s", path);
	expect(&res, 201, NULL);
	cr_assert_str_eq(test_json_str(res.json, "object"), "project_member");
	cr_assert_str_eq(test_json_str(res.json, "role"), "manager");
	cr_assert_str_eq(test_json_str(res.json, "org_role"), "member");
	test_response_release(&res);
	crew_call(&res, &crew, crew.admin.token, "POST", body, "%s", path);
	expect(&res, 409, "already_member");
	test_response_release(&res);
	cr_assert_eq(visible(crew.member.token), 1);

	snprintf(body, sizeof(body),
		 "{\"user_id\": \"%s\", \"role\": \"member\"}",
		 crew.outsider.id);
	crew_call(&res, &crew, crew.admin.token, "POST", body, "%s", path);
	expect(&res, 409, "not_org_member");
	test_response_release(&res);

	crew_call(&res, &crew, crew.admin.token, "POST",
		  "{\"email\": \"P-Admin@example.com\", \"role\": \"member\"}",
		  "%s", path);
	expect(&res, 201, NULL);
	cr_assert_str_eq(test_json_str(res.json, "id"), crew.p_admin.id);
	test_response_release(&res);
}

Test(projects, unknown_email_becomes_an_invitation)
{
	struct test_response res;
	char body[TEXT_SIZE], token[96];

	crew_call(&res, &crew, crew.p_admin.token, "POST",
		  "{\"email\": \"fresh@example.com\", \"role\": \"manager\"}",
		  "/v1/projects/%s/members", crew.project);
	expect(&res, 403, "role_required");
	cr_assert(strstr(test_json_str(res.json, "error.message"),
			 "creating invitations needs Admin") != NULL,
		  "a project Admin who is an org Member cannot invite");
	test_response_release(&res);

	crew_call(&res, &crew, crew.admin.token, "POST",
		  "{\"email\": \"fresh@example.com\", \"role\": \"manager\"}",
		  "/v1/projects/%s/members", crew.project);
	expect(&res, 202, NULL);
	cr_assert_str_eq(test_json_str(res.json, "object"), "invitation");
	cr_assert_str_eq(test_json_str(res.json, "role"), "member");
	cr_assert_str_eq(test_json_str(res.json, "projects.0.project_id"),
			 crew.project);
	cr_assert_str_eq(test_json_str(res.json, "projects.0.role"), "manager");
	test_response_release(&res);

	/* A second project joins the same invitation instead of losing it. */
	crew_call(&res, &crew, crew.admin.token, "POST",
		  "{\"email\": \"fresh@example.com\", \"role\": \"member\"}",
		  "/v1/projects/%s/members", crew.other);
	expect(&res, 202, NULL);
	cr_assert_eq(test_json_len(res.json, "projects"), 2, "%s",
		     res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "projects.0.project_id"),
			 crew.other);
	cr_assert_str_eq(test_json_str(res.json, "projects.1.role"), "manager");
	snprintf(body, sizeof(body), "{\"code\": \"%s\"}",
		 test_json_str(res.json, "code"));
	test_response_release(&res);

	crew_call(&res, &crew, NULL, "POST", body, "/v1/invitations/accept");
	expect(&res, 201, NULL);
	snprintf(token, sizeof(token), "%s", test_json_str(res.json, "token"));
	test_response_release(&res);
	crew_call(&res, &crew, token, "GET", NULL, "/v1/projects/%s",
		  crew.project);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "role"), "manager");
	test_response_release(&res);
	cr_assert_eq(visible(token), 2);
}

Test(projects, change_and_remove_project_roles)
{
	char path[TEXT_SIZE], match[64];
	const char *headers[] = { match, NULL };
	struct test_response res;

	snprintf(path, sizeof(path), "/v1/projects/%s/members/%s", crew.project,
		 crew.p_member.id);
	crew_call(&res, &crew, crew.p_admin.token, "PATCH",
		  "{\"role\": \"manager\"}", "%s", path);
	expect(&res, 428, "if_match_required");
	test_response_release(&res);

	strcpy(match, "If-Match: \"v1\"");
	crew_call_with(&res, &crew, crew.p_manager.token, "PATCH",
		       "{\"role\": \"manager\"}", headers, "%s", path);
	expect(&res, 403, "role_required");
	test_response_release(&res);
	crew_call_with(&res, &crew, crew.p_admin.token, "PATCH",
		       "{\"role\": \"manager\"}", headers, "%s", path);
	expect(&res, 200, NULL);
	cr_assert_str_eq(test_json_str(res.json, "role"), "manager");
	cr_assert_str_eq(res.etag, "\"v2\"");
	test_response_release(&res);

	crew_call(&res, &crew, crew.member.token, "GET", NULL,
		  "/v1/projects/%s/members", crew.project);
	expect(&res, 404, "not_found");
	test_response_release(&res);
	crew_call(&res, &crew, crew.p_member.token, "GET", NULL,
		  "/v1/projects/%s/members", crew.project);
	expect(&res, 200, NULL);
	cr_assert_eq(test_json_len(res.json, "data"), 3);
	test_response_release(&res);

	crew_call(&res, &crew, crew.p_admin.token, "DELETE", NULL, "%s", path);
	expect(&res, 200, NULL);
	test_response_release(&res);
	crew_call(&res, &crew, crew.p_member.token, "GET", NULL,
		  "/v1/projects/%s", crew.project);
	expect(&res, 404, "not_found");
	test_response_release(&res);
}
