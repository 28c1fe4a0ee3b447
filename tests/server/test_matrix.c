/* SPDX-License-Identifier: MIT */
/*
 * Every cell of the product description's organization and project
 * permission tables, checked over HTTP against a real orgdeckd: for each row
 * and each role, a real person performs the real request and must get a 2xx
 * when the cell says yes, 403 role_required when it says no.
 *
 * The rows below were typed by hand from the description, like those in
 * tests/core/test_perm.c, and are never derived from the code under test.
 * Each row's label also says which request exercises it: its first word is
 * the verb, the rest the kind of object.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "crew.h"

/* One table row: 'Y' where the role holds the permission, '-' where not. */
struct matrix_row {
	const char *label; /* the description's wording of the row */
	const char *perm;  /* our wire name for it, as listed in actions */
	char admin, manager, member;
};

static const struct matrix_row org_rows[] = {
	{ "Create invitations", "invitation.create", 'Y', '-', '-' },
	{ "List invitations", "invitation.list", 'Y', '-', '-' },
	{ "Revoke invitations", "invitation.revoke", 'Y', '-', '-' },
	{ "Resend invitations", "invitation.resend", 'Y', '-', '-' },
	{ "List connections", "connection.list", 'Y', 'Y', 'Y' },
	{ "Create connections", "connection.create", 'Y', 'Y', '-' },
	{ "Read connections", "connection.read", 'Y', 'Y', '-' },
	{ "Update connections", "connection.update", 'Y', 'Y', '-' },
	{ "Delete connections", "connection.delete", 'Y', '-', '-' },
	{ "List secrets", "secret.list", 'Y', 'Y', 'Y' },
	{ "Create secrets", "secret.create", 'Y', 'Y', 'Y' },
	{ "Read secrets", "secret.read", 'Y', 'Y', '-' },
	{ "Update secrets", "secret.update", 'Y', 'Y', '-' },
	{ "Delete secrets", "secret.delete", 'Y', 'Y', '-' },
	{ "List AuthKit", "authkit.list", 'Y', 'Y', 'Y' },
	{ "Create AuthKit", "authkit.create", 'Y', 'Y', '-' },
	{ "Read AuthKit", "authkit.read", 'Y', 'Y', 'Y' },
	{ "Update AuthKit", "authkit.update", 'Y', 'Y', '-' },
	{ "Delete AuthKit", "authkit.delete", 'Y', 'Y', '-' },
	{ "Create projects", "project.create", 'Y', 'Y', '-' },
};

static const struct matrix_row project_rows[] = {
	{ "List connections", "connection.list", 'Y', 'Y', 'Y' },
	{ "Create connections", "connection.create", 'Y', 'Y', '-' },
	{ "Read connections", "connection.read", 'Y', 'Y', '-' },
	{ "Update connections", "connection.update", 'Y', 'Y', '-' },
	{ "Delete connections", "connection.delete", 'Y', '-', '-' },
	{ "List secrets", "secret.list", 'Y', 'Y', 'Y' },
	{ "Create secrets", "secret.create", 'Y', 'Y', 'Y' },
	{ "Read secrets", "secret.read", 'Y', 'Y', '-' },
	{ "Update secrets", "secret.update", 'Y', 'Y', '-' },
	{ "Delete secrets", "secret.delete", 'Y', 'Y', '-' },
	{ "List AuthKit", "authkit.list", 'Y', 'Y', 'Y' },
	{ "Create AuthKit", "authkit.create", 'Y', 'Y', '-' },
	{ "Read AuthKit", "authkit.read", 'Y', 'Y', 'Y' },
	{ "Update AuthKit", "authkit.update", 'Y', 'Y', '-' },
	{ "Delete AuthKit", "authkit.delete", 'Y', 'Y', '-' },
};

#define ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* Which column of a row applies to an actor. */
enum matrix_column {
	COLUMN_ADMIN,
	COLUMN_MANAGER,
	COLUMN_MEMBER
};

/* Someone who performs every row, and the column that applies to them. */
struct matrix_actor {
	const char *who; /* for messages and unique names */
	const struct crew_person *person;
	enum matrix_column column;
};

/* Where the rows are performed: an organization or a project. */
struct matrix_scope {
	const char *base; /* "/v1/orgs/ORG" or "/v1/projects/PRJ" */
	const char *name; /* for messages */
};

/* One attempt at one row, with what the table says should happen. */
struct matrix_try {
	const struct matrix_row *row;
	const struct matrix_actor *actor;
	const struct matrix_scope *scope;
	char tag[64];  /* unique per attempt: names made by it use this */
	char what[16]; /* the row's object: "connections", "AuthKit", ... */
	char verb[16]; /* the row's verb: "List", "Create", ... */
};

static struct crew crew;

static void matrix_setup(void)
{
	crew_start(&crew);
}

static void matrix_teardown(void)
{
	crew_stop(&crew);
}

TestSuite(matrix, .init = matrix_setup, .fini = matrix_teardown,
	  .timeout = 300);

static char matrix_cell(const struct matrix_row *row, enum matrix_column column)
{
	if (column == COLUMN_ADMIN)
		return row->admin;
	if (column == COLUMN_MANAGER)
		return row->manager;
	return row->member;
}

/* The role a denial should name: the least column that says yes. */
static const char *matrix_needed(const struct matrix_row *row)
{
	if (row->member == 'Y')
		return "Member";
	if (row->manager == 'Y')
		return "Manager";
	return "Admin";
}

/* The path segment of a row's object: "connections", "authkit", ... */
static const char *matrix_kind(const struct matrix_try *t)
{
	if (strcmp(t->what, "AuthKit") == 0)
		return "authkit";
	return t->what;
}

/* A create body for @kind with the unique name @name. */
static void matrix_body(char *out, size_t size, const char *kind,
			const char *name)
{
	if (strcmp(kind, "connections") == 0)
		snprintf(out, size,
			 "{\"name\": \"%s\", \"provider\": \"stripe\", "
			 "\"config\": {\"account\": \"acct_1\"}}",
			 name);
	else if (strcmp(kind, "secrets") == 0)
		snprintf(out, size, "{\"name\": \"%s\", \"value\": \"v-%s\"}",
			 name, name);
	else if (strcmp(kind, "authkit") == 0)
		snprintf(out, size,
			 "{\"name\": \"%s\", \"redirect_uris\": "
			 "[\"https://example.com/cb\"], \"providers\": "
			 "[\"google\"], \"settings\": {\"session_minutes\": "
			 "60}}",
			 name);
	else if (strcmp(kind, "invitations") == 0)
		snprintf(out, size,
			 "{\"emails\": [\"%s@example.com\"], \"role\": "
			 "\"member\"}",
			 name);
	else
		snprintf(out, size, "{\"name\": \"%s\"}", name);
}

/* The owner makes an object of the row's kind for the actor to act on. */
static void matrix_target(const struct matrix_try *t, char id[CREW_ID_SIZE])
{
	char body[512], path[256], name[96];
	const char *kind = matrix_kind(t);
	struct test_response res;

	snprintf(name, sizeof(name), "target-%s", t->tag);
	matrix_body(body, sizeof(body), kind, name);
	snprintf(path, sizeof(path), "%s/%s", t->scope->base, kind);
	if (strcmp(kind, "invitations") != 0) {
		crew_create(&crew, crew.owner.token, path, body, id);
		return;
	}

	crew_call(&res, &crew, crew.owner.token, "POST", body, "%s", path);
	cr_assert_eq(res.status, 201, "%s: %s", path, res.body.data);
	strcpy(id, test_json_str(res.json, "data.0.invitation.id"));
	test_response_release(&res);
}

/* Performs a List or Create row.  Returns the HTTP status. */
static long matrix_collection(const struct matrix_try *t,
			      struct test_response *res)
{
	const char *kind = matrix_kind(t);
	const char *token = t->actor->person->token;
	char body[512], name[96];

	if (strcmp(t->verb, "List") == 0)
		return crew_call(res, &crew, token, "GET", NULL, "%s/%s",
				 t->scope->base, kind);

	snprintf(name, sizeof(name), "made-%s", t->tag);
	matrix_body(body, sizeof(body), kind, name);
	return crew_call(res, &crew, token, "POST", body, "%s/%s",
			 t->scope->base, kind);
}

/* Performs a row that acts on one object.  Returns the HTTP status. */
static long matrix_object(const struct matrix_try *t, const char *id,
			  struct test_response *res)
{
	const char *kind = matrix_kind(t);
	const char *token = t->actor->person->token;
	char body[128];

	if (strcmp(kind, "invitations") == 0)
		return crew_call(res, &crew, token, "POST", NULL,
				 "/v1/orgs/%s/invitations/%s/%s", crew.org, id,
				 strcmp(t->verb, "Revoke") == 0 ? "revoke"
								: "resend");
	if (strcmp(t->verb, "Read") == 0)
		return crew_call(res, &crew, token, "GET", NULL, "/v1/%s/%s",
				 kind, id);
	if (strcmp(t->verb, "Delete") == 0)
		return crew_call(res, &crew, token, "DELETE", NULL, "/v1/%s/%s",
				 kind, id);

	snprintf(body, sizeof(body), "{\"name\": \"renamed-%s\"}", t->tag);
	return crew_call(res, &crew, token, "PATCH", body, "/v1/%s/%s", kind,
			 id);
}

/* After a refused change, the owner still finds the object as it was. */
static void matrix_unchanged(const struct matrix_try *t, const char *id)
{
	struct test_response res;
	char name[96];

	if (strcmp(t->what, "invitations") == 0)
		return;

	snprintf(name, sizeof(name), "target-%s", t->tag);
	crew_call(&res, &crew, crew.owner.token, "GET", NULL, "/v1/%s/%s",
		  matrix_kind(t), id);
	cr_expect_eq(res.status, 200, "%s: refused %s %s is gone", t->tag,
		     t->verb, id);
	cr_expect_str_eq(test_json_str(res.json, "name"), name,
			 "%s: a refused %s changed the object", t->tag,
			 t->verb);
	test_response_release(&res);
}

/* After a refused creation, the owner finds nothing by its name. */
static void matrix_not_made(const struct matrix_try *t)
{
	struct test_response res;
	const char *base = t->scope->base;
	char org_base[128];

	if (strcmp(t->what, "projects") == 0) {
		snprintf(org_base, sizeof(org_base), "/v1/orgs/%s", crew.org);
		base = org_base;
	}
	crew_call(&res, &crew, crew.owner.token, "GET", NULL, "%s/%s?q=made-%s",
		  base, matrix_kind(t), t->tag);
	cr_expect_eq(res.status, 200, "listing after a refused create");
	cr_expect_eq(test_json_len(res.json, "data"), 0,
		     "%s: a refused create made something: %s", t->tag,
		     res.body.data);
	test_response_release(&res);
}

static void matrix_judge(const struct matrix_try *t,
			 const struct test_response *res)
{
	bool allowed = matrix_cell(t->row, t->actor->column) == 'Y';
	const char *message = test_json_str(res->json, "error.message");

	if (allowed) {
		cr_expect(res->status >= 200 && res->status < 300,
			  "%s, %s as %s: allowed, got %ld %s", t->scope->name,
			  t->row->label, t->actor->who, res->status,
			  res->body.data);
		return;
	}

	cr_expect_eq(res->status, 403, "%s, %s as %s: denied, got %ld %s",
		     t->scope->name, t->row->label, t->actor->who, res->status,
		     res->body.data);
	cr_expect_str_eq(test_error_code(res), "role_required", "%s as %s",
			 t->row->label, t->actor->who);
	cr_expect(message != NULL &&
			  strstr(message, matrix_needed(t->row)) != NULL,
		  "%s as %s: message should name %s: %s", t->row->label,
		  t->actor->who, matrix_needed(t->row), message);
}

/* Splits the row's label into its verb and its object. */
static void matrix_parse(struct matrix_try *t)
{
	const char *space = strchr(t->row->label, ' ');

	cr_assert_not_null(space, "label %s", t->row->label);
	snprintf(t->verb, sizeof(t->verb), "%.*s", (int)(space - t->row->label),
		 t->row->label);
	snprintf(t->what, sizeof(t->what), "%s", space + 1);
}

/* One row, one actor: sets up a target if needed, acts and judges. */
static void matrix_try_row(const struct matrix_row *row,
			   const struct matrix_actor *actor,
			   const struct matrix_scope *scope, size_t index)
{
	struct matrix_try t = { row, actor, scope, "", "", "" };
	struct test_response res;
	char id[CREW_ID_SIZE] = "";
	bool single;

	matrix_parse(&t);
	snprintf(t.tag, sizeof(t.tag), "%s-%s-%zu", scope->name, actor->who,
		 index);
	single = strcmp(t.verb, "List") != 0 && strcmp(t.verb, "Create") != 0;

	if (single)
		matrix_target(&t, id);
	if (single)
		matrix_object(&t, id, &res);
	else
		matrix_collection(&t, &res);
	matrix_judge(&t, &res);

	if (res.status == 403 && single && strcmp(t.verb, "Read") != 0)
		matrix_unchanged(&t, id);
	if (res.status == 403 && strcmp(t.verb, "Create") == 0)
		matrix_not_made(&t);
	test_response_release(&res);
}

/* The object an actor reads back holds the row's permission in actions
 * exactly when the table says so. */
static void matrix_check_actions(const struct matrix_row *rows, size_t n,
				 const struct matrix_actor *actor,
				 const struct matrix_scope *scope)
{
	struct test_response res;
	size_t i;

	crew_call(&res, &crew, actor->person->token, "GET", NULL, "%s",
		  scope->base);
	cr_assert_eq(res.status, 200, "GET %s as %s", scope->base, actor->who);
	for (i = 0; i < n; i++)
		cr_expect_eq(test_json_has(res.json, "actions", rows[i].perm),
			     matrix_cell(&rows[i], actor->column) == 'Y',
			     "%s: actions of %s and %s disagree", scope->name,
			     actor->who, rows[i].label);
	test_response_release(&res);
}

static void matrix_run(const struct matrix_row *rows, size_t n,
		       const struct matrix_actor *actors, size_t n_actors,
		       const struct matrix_scope *scope)
{
	size_t i, a;

	for (a = 0; a < n_actors; a++) {
		matrix_check_actions(rows, n, &actors[a], scope);
		for (i = 0; i < n; i++)
			matrix_try_row(&rows[i], &actors[a], scope, i);
	}
}

Test(matrix, organization_table_cell_by_cell)
{
	const struct matrix_actor actors[] = {
		{ "owner", &crew.owner, COLUMN_ADMIN },
		{ "admin", &crew.admin, COLUMN_ADMIN },
		{ "manager", &crew.manager, COLUMN_MANAGER },
		{ "member", &crew.member, COLUMN_MEMBER },
	};
	char base[128];
	struct matrix_scope scope = { base, "org" };

	snprintf(base, sizeof(base), "/v1/orgs/%s", crew.org);
	matrix_run(org_rows, ROWS(org_rows), actors, ROWS(actors), &scope);
}

Test(matrix, project_table_decided_by_project_role)
{
	const struct matrix_actor actors[] = {
		{ "p-admin", &crew.p_admin, COLUMN_ADMIN },
		{ "p-manager", &crew.p_manager, COLUMN_MANAGER },
		{ "p-member", &crew.p_member, COLUMN_MEMBER },
	};
	char base[128];
	struct matrix_scope scope = { base, "project" };

	snprintf(base, sizeof(base), "/v1/projects/%s", crew.project);
	matrix_run(project_rows, ROWS(project_rows), actors, ROWS(actors),
		   &scope);
}

Test(matrix, org_admin_and_manager_carry_their_role_into_projects)
{
	const struct matrix_actor actors[] = {
		{ "org-admin", &crew.admin, COLUMN_ADMIN },
		{ "org-manager", &crew.manager, COLUMN_MANAGER },
		{ "org-owner", &crew.owner, COLUMN_ADMIN },
	};
	char base[128];
	struct matrix_scope scope = { base, "project" };

	snprintf(base, sizeof(base), "/v1/projects/%s", crew.project);
	matrix_run(project_rows, ROWS(project_rows), actors, ROWS(actors),
		   &scope);
}

/* An org Member with no role in a project: the project does not exist for
 * them, so every row answers 404 rather than 403. */
Test(matrix, project_is_invisible_without_a_role_in_it)
{
	static const char *const kinds[] = { "connections", "secrets",
					     "authkit" };
	struct test_response res;
	char id[CREW_ID_SIZE], path[128], body[512];
	size_t i;

	for (i = 0; i < ROWS(kinds); i++) {
		snprintf(path, sizeof(path), "/v1/projects/%s/%s", crew.project,
			 kinds[i]);
		crew_call(&res, &crew, crew.member.token, "GET", NULL, "%s",
			  path);
		cr_expect_eq(res.status, 404, "list %s: %ld", path, res.status);
		cr_expect_str_eq(test_error_code(&res), "not_found");
		test_response_release(&res);

		matrix_body(body, sizeof(body), kinds[i], "hidden");
		crew_create(&crew, crew.owner.token, path, body, id);
		crew_call(&res, &crew, crew.member.token, "GET", NULL,
			  "/v1/%s/%s", kinds[i], id);
		cr_expect_eq(res.status, 404, "read %s %s: %ld", kinds[i], id,
			     res.status);
		test_response_release(&res);
	}
}

/* Someone outside the organization gets 404 for all of it. */
Test(matrix, organization_is_invisible_to_outsiders)
{
	struct test_response res;
	char id[CREW_ID_SIZE], path[128];

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets", crew.org);
	crew_create(&crew, crew.owner.token, path,
		    "{\"name\": \"DB\", \"value\": \"pw\"}", id);

	crew_call(&res, &crew, crew.outsider.token, "GET", NULL, "%s", path);
	cr_expect_eq(res.status, 404);
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "GET", NULL,
		  "/v1/secrets/%s", id);
	cr_expect_eq(res.status, 404);
	test_response_release(&res);
	crew_call(&res, &crew, crew.outsider.token, "DELETE", NULL,
		  "/v1/secrets/%s", id);
	cr_expect_eq(res.status, 404);
	test_response_release(&res);
}
