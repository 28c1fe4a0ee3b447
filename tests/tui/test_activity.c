/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of the Activity tab against a real seeded orgdeckd: the
 * changes just made in the console show up newest first, filters by
 * action and actor narrow the list on the server, a project shows only
 * its own events, and a Member is told why there is nothing to see.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "console.h"
#include "demo.h"

static struct demo demo;

static void setup(void)
{
	cr_assert_eq(demo_start(&demo), 0, "the demo server did not start");
}

static void teardown(void)
{
	demo_stop(&demo);
}

TestSuite(activity, .init = setup, .fini = teardown, .timeout = 120);

static void load(struct console_dump *d, struct console *c, const char *name)
{
	cr_assert_eq(console_dump_load(d, c, name), 0, "no dump %s", name);
}

/* The first row of the Activity list (just below its headings). */
static int first_row(const struct console_dump *d)
{
	int row = console_dump_row_of(d, "When ");

	cr_assert_geq(row, 0, "no Activity headings");
	return row + 1;
}

/* How many events of Acme the server has with @query ("action=..."). */
static int server_events(const char *query)
{
	struct test_response res;
	char path[256];
	int n;

	snprintf(path, sizeof(path), "/v1/orgs/%s/events?limit=100&%s",
		 demo.acme, query);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	n = test_json_len(res.json, "data");
	test_response_release(&res);
	return n;
}

/* Rows of the dump, from @from to the end of the list, that hold @text. */
static int rows_with(const struct console_dump *d, int from, const char *text)
{
	int r, n = 0, end = console_dump_row_of(d, "Details");

	for (r = from; r < end; r++)
		n += strstr(d->text[r], text) != NULL;
	return n;
}

Test(activity, shows_the_changes_made)
{
	static const char script[] = DEMO_OPEN_ACME "key 4\n"
						    "wait\n"
						    "key n\n"
						    "type AUDIT_ME\n"
						    "key Tab\n"
						    "type shh-audit-value\n"
						    "key Enter\n"
						    "wait\n"
						    "key 2\n"
						    "wait\n"
						    "key x\n"
						    "key y\n"
						    "wait\n"
						    "key 6\n"
						    "wait\n"
						    "dump $DIR/all.txt\n"
						    "key f\n"
						    "type secret.create\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/action.txt\n"
						    "key c\n"
						    "wait\n"
						    "key g a\n"
						    "wait\n"
						    "dump $DIR/actor.txt\n"
						    "key f\n"
						    "type nonsense\n"
						    "key Enter\n"
						    "dump $DIR/bad.txt\n";
	struct console c;
	struct console_dump d;
	int top;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);

	load(&d, &c, "all.txt");
	top = first_row(&d);
	cr_assert(strstr(d.text[top], "key.revoke") != NULL,
		  "the newest event is not first: %s", d.text[top]);
	cr_assert(strstr(d.text[top], "Adam Admin") != NULL);
	cr_assert(strstr(d.text[top], "ci-deploy") != NULL);
	cr_assert(strstr(d.text[top + 1], "secret.create") != NULL);
	cr_assert(strstr(d.text[top + 1], "AUDIT_ME") != NULL);
	cr_assert_not(console_dump_has(&d, "shh-audit-value"));
	cr_assert(console_dump_has(&d, "Did          key.revoke"),
		  "the detail panel does not show the event");
	console_dump_release(&d);

	load(&d, &c, "action.txt");
	cr_assert(console_dump_has(&d, "Only secret.create"));
	top = first_row(&d);
	cr_assert_eq(rows_with(&d, top, "secret.create"),
		     server_events("action=secret.create"));
	cr_assert_eq(rows_with(&d, top, "key.revoke"), 0);
	cr_assert_eq(rows_with(&d, top, "AUDIT_ME"), 1);
	console_dump_release(&d);

	load(&d, &c, "actor.txt");
	cr_assert(console_dump_has(&d, "Only events by Adam Admin"));
	top = first_row(&d);
	cr_assert_gt(rows_with(&d, top, "Adam Admin"), 1);
	cr_assert_eq(rows_with(&d, top, "Olive Owner"), 0);
	console_dump_release(&d);

	load(&d, &c, "bad.txt");
	cr_assert(console_dump_has(&d, "Action is no action"));
	console_dump_release(&d);
	console_release(&c);
}

Test(activity, project_scope)
{
	static const char script[] = DEMO_OPEN_ACME "key 6\n"
						    "wait\n"
						    "key f\n"
						    "key Tab Tab\n"
						    "key Right\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/filtered.txt\n"
						    "key :\n"
						    "type project Production\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/prod.txt\n";
	struct console c;
	struct console_dump d;
	int top;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	load(&d, &c, "filtered.txt");
	cr_assert(console_dump_has(&d, "Only events in Production"));
	top = first_row(&d);
	cr_assert_gt(rows_with(&d, top, "prod-deploy"), 0);
	cr_assert_eq(rows_with(&d, top, "stripe-live"), 0);
	cr_assert_eq(rows_with(&d, top, "STAGING_TOKEN"), 0);
	console_dump_release(&d);

	load(&d, &c, "prod.txt");
	top = first_row(&d);
	cr_assert_gt(rows_with(&d, top, "prod-deploy"), 0);
	cr_assert_gt(rows_with(&d, top, "DATABASE_URL"), 0);
	cr_assert_eq(rows_with(&d, top, "stripe-live"), 0,
		     "an organization event in a project's activity");
	cr_assert_eq(rows_with(&d, top, "STAGING_TOKEN"), 0,
		     "another project's event");
	console_dump_release(&d);
	console_release(&c);
}

Test(activity, member_is_told_why)
{
	static const char script[] = DEMO_OPEN_ACME "key 6\n"
						    "wait\n"
						    "dump $DIR/member.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.member, script), 0);
	load(&d, &c, "member.txt");
	cr_assert(console_dump_has(&d, "Members cannot see the activity "
				       "here: needs Admin."));
	cr_assert_eq(console_dump_attr(&d, "Filter", DEMO_FOOTER), 'd');
	console_dump_release(&d);
	console_release(&c);
}
