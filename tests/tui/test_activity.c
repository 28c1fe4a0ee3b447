/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of the Activity tab against a real seeded orgdeckd: the
 * changes just made in the console show up newest first, filters by
 * action and actor narrow the list on the server, the actor filter offers
 * every member even with no event of theirs loaded, a project shows only
 * its own events, and a Member is told why there is nothing to see.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "console.h"
#include "demo.h"

TestSuite(activity, .init = demo_setup, .fini = demo_teardown, .timeout = 120);

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

	demo_load(&d, &c, "all.txt");
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

	demo_load(&d, &c, "action.txt");
	cr_assert(console_dump_has(&d, "Only secret.create"));
	top = first_row(&d);
	cr_assert_eq(rows_with(&d, top, "secret.create"),
		     server_events("action=secret.create"));
	cr_assert_eq(rows_with(&d, top, "key.revoke"), 0);
	cr_assert_eq(rows_with(&d, top, "AUDIT_ME"), 1);
	console_dump_release(&d);

	demo_load(&d, &c, "actor.txt");
	cr_assert(console_dump_has(&d, "Only events by Adam Admin"));
	top = first_row(&d);
	cr_assert_gt(rows_with(&d, top, "Adam Admin"), 1);
	cr_assert_eq(rows_with(&d, top, "Olive Owner"), 0);
	console_dump_release(&d);

	demo_load(&d, &c, "bad.txt");
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
	demo_load(&d, &c, "filtered.txt");
	cr_assert(console_dump_has(&d, "Only events in Production"));
	top = first_row(&d);
	cr_assert_gt(rows_with(&d, top, "prod-deploy"), 0);
	cr_assert_eq(rows_with(&d, top, "stripe-live"), 0);
	cr_assert_eq(rows_with(&d, top, "STAGING_TOKEN"), 0);
	console_dump_release(&d);

	demo_load(&d, &c, "prod.txt");
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
	demo_load(&d, &c, "member.txt");
	cr_assert(console_dump_has(&d, "Members cannot see the activity "
				       "here: needs Admin."));
	cr_assert_eq(console_dump_attr(&d, "Filter", DEMO_FOOTER), 'd');
	console_dump_release(&d);
	console_release(&c);
}

/* Acme's members as the server lists them: each one's name (or email)
 * into @names (up to @max of 128 bytes).  Returns how many. */
static int server_members(char (*names)[128], int max)
{
	struct test_response res;
	char path[256];
	int i, n;

	snprintf(path, sizeof(path), "/v1/orgs/%s/members?limit=100",
		 demo.acme);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	cr_assert_eq(test_json_bool(res.json, "has_more"), 0);
	n = test_json_len(res.json, "data");
	cr_assert_leq(n, max);
	for (i = 0; i < n; i++) {
		const char *name;

		snprintf(path, sizeof(path), "data.%d.user.name", i);
		name = test_json_str(res.json, path);
		if (name == NULL || name[0] == '\0') {
			snprintf(path, sizeof(path), "data.%d.user.email", i);
			name = test_json_str(res.json, path);
		}
		snprintf(names[i], 128, "%s", name);
	}
	test_response_release(&res);
	return n;
}

/* The choice the filter form's Actor field shows in dump @name. */
static void actor_shown(struct console *c, const char *name, char *out)
{
	struct console_dump d;
	int row, col;
	const char *at, *end;

	demo_load(&d, c, name);
	cr_assert(console_dump_find(&d, "Actor", -1, &row, &col),
		  "no Actor field in %s", name);
	at = strstr(d.text[row], "< ");
	end = at != NULL ? strstr(at, " >") : NULL;
	cr_assert(end != NULL, "no choice on the Actor row: %s", d.text[row]);
	snprintf(out, 128, "%.*s", (int)(end - at - 2), at + 2);
	console_dump_release(&d);
}

Test(activity, actor_filter_offers_the_members)
{
	char names[16][128], shown[128], script[4096], dump[32], line[64];
	bool seen[16] = { false };
	struct console c;
	int i, j, n = server_members(names, 16);

	/* No event carries this action, so no actor is seen in the rows. */
	cr_assert_eq(server_events("action=member.leave"), 0);
	snprintf(script, sizeof(script),
		 DEMO_OPEN_ACME "key 6\nwait\n"
				"key f\ntype member.leave\nkey Enter\nwait\n"
				"key f\nwait\nkey Tab\n");
	for (i = 0; i <= n; i++) {
		snprintf(line, sizeof(line), "key Right\ndump $DIR/a%d.txt\n",
			 i);
		strncat(script, line, sizeof(script) - strlen(script) - 1);
	}
	strncat(script, "key Esc\n", sizeof(script) - strlen(script) - 1);
	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);

	for (i = 0; i < n; i++) {
		snprintf(dump, sizeof(dump), "a%d.txt", i);
		actor_shown(&c, dump, shown);
		for (j = 0; j < n && strcmp(names[j], shown) != 0; j++)
			;
		cr_assert_lt(j, n, "\"%s\" offered, not a member", shown);
		cr_assert_not(seen[j], "\"%s\" offered twice", shown);
		seen[j] = true;
	}
	snprintf(dump, sizeof(dump), "a%d.txt", n);
	actor_shown(&c, dump, shown);
	cr_assert_str_eq(shown, "anyone", "more actors than members offered");
	console_release(&c);
}
