/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of G on a list the server pages: a real seeded orgdeckd
 * holds a few hundred more secrets in Acme, and G in the Secrets tab reads
 * every page and selects the very last one, or stops where it got to when
 * Esc cancels it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "console.h"
#include "demo.h"

/* Enough for several pages of the console's 50 rows. */
#define PAGING_SECRETS 300

static int seeded; /* Acme's secrets before the test added its own */

/* How many secrets Acme holds now, as the server says. */
static int acme_secrets(void)
{
	struct test_response res;
	char path[160];
	int n;

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets?limit=100",
		 demo.acme);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	cr_assert_eq(test_json_bool(res.json, "has_more"), 0,
		     "the demo holds more secrets than one page");
	n = test_json_len(res.json, "data");
	test_response_release(&res);
	return n;
}

/* Creates PAGE_0000 onwards as the Admin, so that the owner's rate limit
 * is left to the console. */
static void fill(void)
{
	struct test_response res;
	char path[160], body[128];
	int i;

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets", demo.acme);
	for (i = 0; i < PAGING_SECRETS; i++) {
		snprintf(body, sizeof(body),
			 "{\"name\": \"PAGE_%04d\", \"value\": \"v%d\"}", i, i);
		cr_assert_eq(
			demo_send(&demo, &res, demo.admin, "POST", path, body),
			201, "secret %d was not created", i);
		test_response_release(&res);
	}
}

static void setup(void)
{
	demo_setup();
	seeded = acme_secrets();
	fill();
}

TestSuite(paging, .init = setup, .fini = demo_teardown, .timeout = 180);

/* The name the Details panel shows, into @out (64 bytes); "" if none.
 * The list's heading says "Name" too: the panel's line is the last. */
static void selected_name(const struct console_dump *d, char *out)
{
	const char *at = NULL;
	int row;

	for (row = 0; row < d->rows; row++)
		if (strstr(d->text[row], "Name         ") != NULL)
			at = strstr(d->text[row], "Name         ") + 13;
	out[0] = '\0';
	if (at != NULL)
		sscanf(at, "%63s", out);
}

Test(paging, G_selects_the_last_row_of_every_page)
{
	static const char script[] = DEMO_OPEN_ACME "key 4\n"
						    "wait\n"
						    "dump $DIR/first.txt\n"
						    "key G\n"
						    "wait\n"
						    "dump $DIR/end.txt\n";
	struct console c;
	struct console_dump d;
	char name[64], status[64];

	cr_assert_eq(demo_run(&demo, &c, demo.owner, script), 0);

	demo_load(&d, &c, "first.txt");
	cr_assert_not(console_dump_has(&d, "PAGE_0299"));
	console_dump_release(&d);

	demo_load(&d, &c, "end.txt");
	selected_name(&d, name);
	snprintf(status, sizeof(status), "All %d rows loaded",
		 seeded + PAGING_SECRETS);
	if (strcmp(name, "PAGE_0299") != 0 ||
	    console_dump_row_of(&d, status) != DEMO_STATUS)
		console_dump_print(&d);
	cr_assert_str_eq(name, "PAGE_0299", "G did not reach the end");
	cr_assert_eq(console_dump_row_of(&d, status), DEMO_STATUS,
		     "expected \"%s\" on the status line", status);
	console_dump_release(&d);
	console_release(&c);
}

Test(paging, Esc_stops_G_on_the_last_row_loaded)
{
	static const char script[] = DEMO_OPEN_ACME "key 4\n"
						    "wait\n"
						    "key G\n"
						    "keynow Esc\n"
						    "wait\n"
						    "dump $DIR/stopped.txt\n";
	struct console c;
	struct console_dump d;
	char name[64], want[64];
	int row, col, rows = 0;

	cr_assert_eq(demo_run(&demo, &c, demo.owner, script), 0);

	demo_load(&d, &c, "stopped.txt");
	if (!console_dump_find(&d, "Stopped at ", DEMO_STATUS, &row, &col))
		console_dump_print(&d);
	cr_assert(console_dump_find(&d, "Stopped at ", DEMO_STATUS, &row, &col),
		  "Esc did not say where G stopped");
	sscanf(d.text[row] + col + strlen("Stopped at "), "%d", &rows);
	cr_assert(rows > seeded && rows < seeded + PAGING_SECRETS,
		  "G stopped at %d rows", rows);

	selected_name(&d, name);
	snprintf(want, sizeof(want), "PAGE_%04d", rows - seeded - 1);
	cr_assert_str_eq(name, want, "the last row loaded is not selected");
	console_dump_release(&d);
	console_release(&c);
}
