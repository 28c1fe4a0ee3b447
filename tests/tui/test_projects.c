/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of managing projects from the Projects pane against a real
 * seeded orgdeckd: create, list, delete after typing the name; a rename
 * that meets a change made elsewhere (412); a name already taken; what a
 * Member may not do; and inviting an email into a project, whose code is
 * shown once and never dumped.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "console.h"
#include "demo.h"

/* Opens Acme and moves the focus to the Projects pane. */
#define OPEN_PROJECTS DEMO_OPEN_ACME "key S-Tab\n"

TestSuite(projects, .init = demo_setup, .fini = demo_teardown, .timeout = 120);

/* How many of Acme's projects are called @name (the owner sees all). */
static int projects_named(const char *name, char *id, char *etag)
{
	struct test_response res;
	char path[256];
	int i, n, found = 0;

	snprintf(path, sizeof(path), "/v1/orgs/%s/projects", demo.acme);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	n = test_json_len(res.json, "data");
	for (i = 0; i < n; i++) {
		char field[64];

		snprintf(field, sizeof(field), "data.%d.name", i);
		if (strcmp(test_json_str(res.json, field), name) != 0)
			continue;
		found++;
		snprintf(field, sizeof(field), "data.%d.id", i);
		if (id != NULL)
			snprintf(id, 80, "%s", test_json_str(res.json, field));
		snprintf(field, sizeof(field), "data.%d.etag", i);
		if (etag != NULL)
			snprintf(etag, 128, "%s",
				 test_json_str(res.json, field));
	}
	test_response_release(&res);
	return found;
}

Test(projects, create_list_delete)
{
	static const char script[] = OPEN_PROJECTS "key n\n"
						   "type Robot Lab\n"
						   "key Tab\n"
						   "type Arms and grippers\n"
						   "key Enter\n"
						   "wait\n"
						   "dump $DIR/created.txt\n"
						   "key x\n"
						   "dump $DIR/confirm.txt\n"
						   "type Robot\n"
						   "key Enter\n"
						   "dump $DIR/mismatch.txt\n"
						   "type  Lab\n"
						   "key Enter\n"
						   "wait\n"
						   "dump $DIR/deleted.txt\n";
	struct console c;
	struct console_dump d;
	int row;

	cr_assert_eq(projects_named("Robot Lab", NULL, NULL), 0);
	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);

	demo_load(&d, &c, "created.txt");
	demo_status_is(&d, "Created the project Robot Lab");
	cr_assert(console_dump_find(&d, "All of Acme", -1, &row, &(int){ 0 }));
	cr_assert(
		console_dump_find(&d, "Robot Lab", row + 3, &row, &(int){ 0 }),
		"not the third project in the Projects pane");
	cr_assert_eq(console_dump_attr(&d, "Robot Lab", row), 'r',
		     "the new project is not the selected row");
	cr_assert(console_dump_has(&d, "Acme Robotics \u25b8 Robot Lab"),
		  "the header does not show the new project open");
	console_dump_release(&d);

	demo_load(&d, &c, "confirm.txt");
	cr_assert(console_dump_has(&d, "Delete the project Robot Lab?"));
	console_dump_release(&d);
	demo_load(&d, &c, "mismatch.txt");
	cr_assert(console_dump_has(&d, "The name does not match"));
	console_dump_release(&d);

	demo_load(&d, &c, "deleted.txt");
	demo_status_is(&d, "Deleted the project Robot Lab");
	cr_assert_eq(console_dump_row_of(&d, "Robot Lab"), DEMO_STATUS,
		     "still shown above the status line");
	console_dump_release(&d);
	cr_assert_eq(projects_named("Robot Lab", NULL, NULL), 0);
	console_release(&c);
}

Test(projects, name_taken_keeps_the_form)
{
	static const char script[] = OPEN_PROJECTS "key n\n"
						   "type Production\n"
						   "key Enter\n"
						   "wait\n"
						   "dump $DIR/taken.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "taken.txt");
	cr_assert(console_dump_has(&d, "New project"), "the form closed");
	cr_assert(console_dump_has(&d, "Production"));
	cr_assert(console_dump_has(&d, "taken") ||
			  console_dump_has(&d, "already"),
		  "the form does not say why");
	console_dump_release(&d);
	cr_assert_eq(projects_named("Production", NULL, NULL), 1);
	console_release(&c);
}

/* Changes Staging's description behind the console's back. */
static void touch_staging(void)
{
	struct test_response res;
	char id[80], etag[128], path[128];

	cr_assert_eq(projects_named("Staging", id, etag), 1);
	snprintf(path, sizeof(path), "/v1/projects/%s", id);
	cr_assert_eq(demo_send(&demo, &res, demo.owner, "PATCH", path,
			       "{\"description\": \"changed elsewhere\"}"),
		     200);
	test_response_release(&res);
}

Test(projects, rename_meets_a_change)
{
	static const char script[] = OPEN_PROJECTS "key j j\n"
						   "wait\n"
						   "key e\n"
						   "dump $DIR/form.txt\n"
						   "await $DIR/go\n"
						   "key C-u\n"
						   "type Pre-production\n"
						   "key Enter\n"
						   "wait\n"
						   "dump $DIR/conflict.txt\n"
						   "key e\n"
						   "dump $DIR/fresh.txt\n"
						   "key C-u\n"
						   "type Pre-production\n"
						   "key Enter\n"
						   "wait\n"
						   "dump $DIR/renamed.txt\n";
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	struct console c;
	struct console_dump d;

	demo_pause(&c, &o, "form.txt");
	touch_staging();
	demo_resume(&c);

	demo_load(&d, &c, "form.txt");
	cr_assert(console_dump_has(&d, "Rename project"));
	cr_assert(console_dump_has(&d, "Release candidates"));
	console_dump_release(&d);

	demo_load(&d, &c, "conflict.txt");
	demo_status_is(&d, "Cannot rename projects: it changed elsewhere");
	console_dump_release(&d);

	demo_load(&d, &c, "fresh.txt");
	cr_assert(console_dump_has(&d, "changed elsewhere"),
		  "the form does not show the fresh description");
	console_dump_release(&d);

	demo_load(&d, &c, "renamed.txt");
	demo_status_is(&d, "Saved the project Pre-production");
	console_dump_release(&d);
	cr_assert_eq(projects_named("Pre-production", NULL, NULL), 1);
	cr_assert_eq(projects_named("Staging", NULL, NULL), 0);
	console_release(&c);
}

Test(projects, member_may_not)
{
	static const char script[] = OPEN_PROJECTS "dump $DIR/org.txt\n"
						   "key j\n"
						   "wait\n"
						   "dump $DIR/staging.txt\n"
						   "key x\n"
						   "dump $DIR/pressed.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.member, script), 0);
	demo_load(&d, &c, "org.txt");
	cr_assert_eq(console_dump_attr(&d, "New project", DEMO_FOOTER), 'd');
	cr_assert_eq(console_dump_attr(&d, "Rename", DEMO_FOOTER), 'd',
		     "Rename is not dimmed with no project open");
	console_dump_release(&d);

	demo_load(&d, &c, "staging.txt");
	cr_assert(console_dump_has(&d, "Acme Robotics \u25b8 Staging"));
	cr_assert_eq(console_dump_attr(&d, "Rename", DEMO_FOOTER), ' ',
		     "a project Manager cannot rename Staging");
	cr_assert_eq(console_dump_attr(&d, "Delete", DEMO_FOOTER), 'd');
	console_dump_release(&d);

	demo_load(&d, &c, "pressed.txt");
	demo_status_is(&d, "Managers cannot delete projects: needs Admin");
	console_dump_release(&d);
	cr_assert_eq(projects_named("Staging", NULL, NULL), 1);
	console_release(&c);
}

/* The pending invitation of @email as the server has it. */
static int invitation_project_role(const char *email, char *role)
{
	struct test_response res;
	char path[256];
	int n;

	snprintf(path, sizeof(path),
		 "/v1/orgs/%s/invitations?status=pending&q=%s", demo.acme,
		 email);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	n = test_json_len(res.json, "data");
	if (n == 1)
		snprintf(role, 32, "%s",
			 test_json_str(res.json, "data.0.projects.0.role"));
	test_response_release(&res);
	return n;
}

Test(projects, invite_into_a_project)
{
	static const char script[] = DEMO_OPEN_ACME "key :\n"
						    "type project Production\n"
						    "key Enter\n"
						    "wait\n"
						    "key 1\n"
						    "key a\n"
						    "type newbie@example.com\n"
						    "key Tab\n"
						    "key Right\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/code.txt\n";
	struct console c;
	struct console_dump d;
	char role[32];
	regex_t re;
	int i;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "code.txt");
	cr_assert(console_dump_has(&d, "newbie@example.com invited"));
	cr_assert_eq(regcomp(&re, "odk_inv_[A-Za-z0-9]", REG_NOSUB), 0);
	for (i = 0; i < d.rows; i++)
		cr_assert_neq(regexec(&re, d.text[i], 0, NULL, 0), 0,
			      "a code reached the dump: %s", d.text[i]);
	regfree(&re);
	console_dump_release(&d);

	cr_assert_eq(invitation_project_role("newbie@example.com", role), 1);
	cr_assert_str_eq(role, "manager");
	console_release(&c);
}

/* Mel's role in project @prj and its etag, as the server has them. */
static void project_member_state(const char *prj, const char *user, char *role,
				 char *etag)
{
	struct test_response res;
	char path[256];
	int i, n;

	snprintf(path, sizeof(path), "/v1/projects/%s/members", prj);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	n = test_json_len(res.json, "data");
	for (i = 0; i < n; i++) {
		char field[64];

		snprintf(field, sizeof(field), "data.%d.id", i);
		if (strcmp(test_json_str(res.json, field), user) != 0)
			continue;
		snprintf(field, sizeof(field), "data.%d.role", i);
		snprintf(role, 32, "%s", test_json_str(res.json, field));
		snprintf(field, sizeof(field), "data.%d.etag", i);
		snprintf(etag, 128, "%s", test_json_str(res.json, field));
	}
	test_response_release(&res);
}

/* Changes Mel's role in Staging to Member behind the console's back. */
static void demote_in_staging(const char *prj, const char *mel)
{
	struct test_response res;
	char path[256], role[32], etag[128], if_match[160];
	const char *headers[] = { if_match, NULL };

	project_member_state(prj, mel, role, etag);
	cr_assert_str_eq(role, "manager");
	snprintf(if_match, sizeof(if_match), "If-Match: %s", etag);
	snprintf(path, sizeof(path), "/v1/projects/%s/members/%s", prj, mel);
	cr_assert_eq(test_http(&res, &demo.srv, demo.owner, "PATCH", path,
			       "{\"role\": \"member\"}", headers),
		     0);
	cr_assert_eq(res.status, 200);
	test_response_release(&res);
}

Test(projects, member_role_meets_a_change)
{
	static const char script[] = DEMO_OPEN_ACME "key :\n"
						    "type project Staging\n"
						    "key Enter\n"
						    "wait\n"
						    "key 1\n"
						    "wait\n"
						    "key /\n"
						    "type Mel\n"
						    "key Enter\n"
						    "key e\n"
						    "dump $DIR/picker.txt\n"
						    "await $DIR/go\n"
						    "key j\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/conflict.txt\n"
						    "key j\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/done.txt\n";
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	char stg[80], mel[80], role[32], etag[128];
	struct console c;
	struct console_dump d;

	cr_assert_eq(projects_named("Staging", stg, NULL), 1);
	cr_assert_eq(demo_member_id(&demo, mel, DEMO_MEMBER), 0);
	demo_pause(&c, &o, "picker.txt");
	demote_in_staging(stg, mel);
	demo_resume(&c);

	demo_load(&d, &c, "conflict.txt");
	cr_assert(console_dump_has(&d, "Someone changed Mel Member"),
		  "the conflict was not explained");
	cr_assert(console_dump_has(&d, "Member (org Member)"),
		  "the list does not show the fresh role");
	console_dump_release(&d);

	demo_load(&d, &c, "done.txt");
	demo_status_is(&d, "Mel Member is now Manager");
	console_dump_release(&d);
	project_member_state(stg, mel, role, etag);
	cr_assert_str_eq(role, "manager", "the second choice was not sent");
	console_release(&c);
}
