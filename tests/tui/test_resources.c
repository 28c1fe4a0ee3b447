/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of the Connections, Secrets and AuthKit tabs against a real
 * seeded orgdeckd: what each role sees dimmed follows the permission table
 * and the server's actions, a Member creates a secret but cannot reveal
 * it, a Manager reveals one without its value reaching the dump, and
 * connections and AuthKit configurations are made, edited and deleted
 * through the forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "orgdeck/perm.h"
#include "orgdeck/role.h"

#include "console.h"
#include "demo.h"

TestSuite(resources, .init = demo_setup, .fini = demo_teardown, .timeout = 120);

/* The Acme resource of @kind ("secrets") called @name, read in full as
 * the owner into @res (released by the caller).  Returns its status. */
static long server_resource(struct test_response *res, const char *kind,
			    const char *name)
{
	struct test_response list;
	char path[256];
	long status;

	snprintf(path, sizeof(path), "/v1/orgs/%s/%s?q=%s", demo.acme, kind,
		 name);
	cr_assert_eq(demo_get(&demo, &list, demo.owner, path), 200);
	if (test_json_len(list.json, "data") != 1) {
		test_response_release(&list);
		memset(res, 0, sizeof(*res));
		return 404;
	}
	snprintf(path, sizeof(path), "/v1/%s/%s", kind,
		 test_json_str(list.json, "data.0.id"));
	test_response_release(&list);
	status = demo_get(&demo, res, demo.owner, path);
	return status;
}

/* Whether @token holds @perm in Acme, as the server says. */
static bool server_allows(const char *token, enum perm perm)
{
	struct test_response res;
	char path[128];
	bool has;

	snprintf(path, sizeof(path), "/v1/orgs/%s", demo.acme);
	cr_assert_eq(demo_get(&demo, &res, token, path), 200);
	has = test_json_has(res.json, "actions", perm_name(perm));
	test_response_release(&res);
	return has;
}

Test(resources, member_creates_but_cannot_reveal)
{
	static const char script[] = DEMO_OPEN_ACME "key 4\n"
						    "wait\n"
						    "key n\n"
						    "type MEL_TOKEN\n"
						    "key Tab\n"
						    "type mel-value-4242\n"
						    "dump $DIR/form.txt\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/made.txt\n"
						    "key /\n"
						    "type MEL_TOKEN\n"
						    "key Enter\n"
						    "dump $DIR/selected.txt\n"
						    "key v\n"
						    "wait\n"
						    "dump $DIR/reveal.txt\n";
	struct test_response res;
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.member, script), 0);

	demo_load(&d, &c, "form.txt");
	cr_assert(console_dump_has(&d, "New secret"));
	cr_assert(console_dump_has(&d, "**************"),
		  "the value is not hidden as it is typed");
	console_dump_release(&d);
	cr_assert_not(demo_file_has(&c, "form.txt", "mel-value-4242"));

	demo_load(&d, &c, "made.txt");
	demo_status_is(&d, "Created the secret MEL_TOKEN");
	cr_assert(console_dump_has(&d, "MEL_TOKEN"));
	console_dump_release(&d);

	demo_load(&d, &c, "selected.txt");
	cr_assert_eq(console_dump_attr(&d, "Reveal", DEMO_FOOTER), 'd',
		     "Reveal is not dimmed for a Member");
	cr_assert_eq(console_dump_attr(&d, "New", DEMO_FOOTER), ' ');
	cr_assert(console_dump_has(&d, "hidden: Members cannot read secret "
				       "values"));
	console_dump_release(&d);

	demo_load(&d, &c, "reveal.txt");
	demo_status_is(&d,
		       "Members cannot reveal secret values: needs Manager");
	console_dump_release(&d);
	cr_assert_not(demo_file_has(&c, "reveal.txt", "mel-value-4242"));

	cr_assert_eq(server_resource(&res, "secrets", "MEL_TOKEN"), 200);
	cr_assert_str_eq(test_json_str(res.json, "value"), "mel-value-4242",
			 "the server does not hold what was typed");
	test_response_release(&res);
	cr_assert_eq(server_allows(demo.member, PERM_SECRET_READ), false);
	console_release(&c);
}

Test(resources, manager_reveals_masked)
{
	static const char script[] = DEMO_OPEN_ACME "key 4\n"
						    "wait\n"
						    "key /\n"
						    "type SENTRY\n"
						    "key Enter\n"
						    "dump $DIR/hidden.txt\n"
						    "key v\n"
						    "wait\n"
						    "dump $DIR/shown.txt\n"
						    "key v\n"
						    "dump $DIR/again.txt\n";
	static const char value[] = "https://demo@sentry.demo.orgdeck.test/1";
	char stars[sizeof(value)], line[sizeof(value) + 32];
	struct console c;
	struct console_dump d;

	memset(stars, '*', sizeof(value) - 1);
	stars[sizeof(value) - 1] = '\0';
	snprintf(line, sizeof(line), "Value        %s ", stars);
	cr_assert_eq(demo_run(&demo, &c, demo.manager, script), 0);

	demo_load(&d, &c, "hidden.txt");
	cr_assert_eq(console_dump_attr(&d, "Reveal", DEMO_FOOTER), ' ');
	cr_assert(console_dump_has(&d, "hidden (v reveals it)"));
	console_dump_release(&d);

	demo_load(&d, &c, "shown.txt");
	cr_assert(console_dump_has(&d, line), "the value is not drawn masked");
	cr_assert_not(console_dump_has(&d, "hidden (v reveals it)"));
	console_dump_release(&d);
	cr_assert_not(demo_file_has(&c, "shown.txt", value));
	cr_assert_not(demo_file_has(&c, "shown.txt", "sentry.demo"));

	demo_load(&d, &c, "again.txt");
	demo_status_is(&d, "The value of SENTRY_DSN is hidden again");
	cr_assert(console_dump_has(&d, "hidden (v reveals it)"));
	console_dump_release(&d);
	cr_assert(strstr(c.output.data, "sentry.demo.orgdeck.test") != NULL,
		  "the value never reached the terminal");
	console_release(&c);
}

struct dim_case {
	const char *label;
	enum perm perm;
};

/* The Connections footer of @token's person follows the table. */
static void check_connections(const char *token, enum role role)
{
	static const char script[] = DEMO_OPEN_ACME "key 3\n"
						    "wait\n"
						    "dump $DIR/conns.txt\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/enter.txt\n";
	static const struct dim_case cases[] = {
		{ "New", PERM_CONNECTION_CREATE },
		{ "Details", PERM_CONNECTION_READ },
		{ "Edit", PERM_CONNECTION_UPDATE },
		{ "Delete", PERM_CONNECTION_DELETE },
	};
	struct console c;
	struct console_dump d;
	size_t i;

	cr_assert_eq(demo_run(&demo, &c, token, script), 0);
	demo_load(&d, &c, "conns.txt");
	cr_assert(console_dump_has(&d, "stripe-live"), "no connections");
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		bool allowed = perm_allows(SCOPE_ORG, role, cases[i].perm);
		char attr = console_dump_attr(&d, cases[i].label, DEMO_FOOTER);

		cr_assert_neq(attr, '?', "%s not in the footer",
			      cases[i].label);
		cr_assert_eq(attr == 'd', !allowed, "%s: %c for %s",
			     cases[i].label, attr, role_label(role));
		cr_assert_eq(allowed, server_allows(token, cases[i].perm));
	}
	console_dump_release(&d);

	demo_load(&d, &c, "enter.txt");
	if (perm_allows(SCOPE_ORG, role, PERM_CONNECTION_READ))
		cr_assert(console_dump_has(&d, "{\"account\":\"acct_demo_1\"}"),
			  "the details were not read");
	else
		demo_status_is(&d, "Members cannot read connections: needs "
				   "Manager");
	console_dump_release(&d);
	console_release(&c);
}

Test(resources, connections_member)
{
	check_connections(demo.member, ROLE_MEMBER);
}

Test(resources, connections_manager)
{
	check_connections(demo.manager, ROLE_MANAGER);
}

Test(resources, connections_admin)
{
	check_connections(demo.admin, ROLE_ADMIN);
}

Test(resources, connection_create_edit_delete)
{
	static const char script[] =
		DEMO_OPEN_ACME "key 3\n"
			       "wait\n"
			       "key n\n"
			       "type pagerduty\n"
			       "key Tab\n"
			       "type PagerDuty\n"
			       "key Enter\n"
			       "dump $DIR/refused.txt\n"
			       "key C-u\n"
			       "type pagerduty\n"
			       "key Tab\n"
			       "type {\"service\": \"P1\"}\n"
			       "key Enter\n"
			       "wait\n"
			       "dump $DIR/made.txt\n"
			       "key /\n"
			       "type pagerduty\n"
			       "key Enter\n"
			       "key e\n"
			       "wait\n"
			       "dump $DIR/edit.txt\n"
			       "key Tab Tab\n"
			       "key C-u\n"
			       "type {\"service\": \"P2\"}\n"
			       "key Enter\n"
			       "wait\n"
			       "dump $DIR/saved.txt\n";
	static const char delete_script[] =
		DEMO_OPEN_ACME "key 3\n"
			       "wait\n"
			       "key /\n"
			       "type pagerduty\n"
			       "key Enter\n"
			       "key x\n"
			       "dump $DIR/confirm.txt\n"
			       "key y\n"
			       "wait\n"
			       "dump $DIR/deleted.txt\n";
	struct test_response res;
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "refused.txt");
	cr_assert(console_dump_has(&d, "Provider may hold only a-z"));
	console_dump_release(&d);
	demo_load(&d, &c, "made.txt");
	demo_status_is(&d, "Created the connection pagerduty");
	console_dump_release(&d);
	demo_load(&d, &c, "edit.txt");
	cr_assert(console_dump_has(&d, "Edit connection pagerduty"));
	cr_assert(console_dump_has(&d, "{\"service\":\"P1\"}"),
		  "the form does not show the config");
	console_dump_release(&d);
	demo_load(&d, &c, "saved.txt");
	demo_status_is(&d, "Saved the connection pagerduty");
	console_dump_release(&d);
	console_release(&c);

	cr_assert_eq(server_resource(&res, "connections", "pagerduty"), 200);
	cr_assert_str_eq(test_json_str(res.json, "provider"), "pagerduty");
	cr_assert_str_eq(test_json_str(res.json, "config.service"), "P2");
	test_response_release(&res);

	cr_assert_eq(demo_run(&demo, &c, demo.admin, delete_script), 0);
	demo_load(&d, &c, "confirm.txt");
	cr_assert(console_dump_has(&d, "Delete the connection pagerduty?"));
	console_dump_release(&d);
	demo_load(&d, &c, "deleted.txt");
	demo_status_is(&d, "Deleted the connection pagerduty");
	console_dump_release(&d);
	cr_assert_eq(server_resource(&res, "connections", "pagerduty"), 404);
	console_release(&c);
}

Test(resources, authkit_lists)
{
	static const char script[] =
		DEMO_OPEN_ACME "key 5\n"
			       "wait\n"
			       "key n\n"
			       "type partner-login\n"
			       "key Tab\n"
			       "type https://a.example/cb\n"
			       "key Enter\n"
			       "type https://b.example/cb\n"
			       "key Tab\n"
			       "type google okta\n"
			       "key Tab Tab\n"
			       "key Enter\n"
			       "wait\n"
			       "dump $DIR/made.txt\n";
	struct test_response res;
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "made.txt");
	demo_status_is(&d, "Created the AuthKit configuration partner-login");
	cr_assert(console_dump_has(&d, "google, okta"));
	console_dump_release(&d);
	console_release(&c);

	cr_assert_eq(server_resource(&res, "authkit", "partner-login"), 200);
	cr_assert_eq(test_json_len(res.json, "redirect_uris"), 2);
	cr_assert(test_json_has(res.json, "redirect_uris",
				"https://b.example/cb"));
	cr_assert(test_json_has(res.json, "providers", "okta"));
	test_response_release(&res);
}
