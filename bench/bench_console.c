/* SPDX-License-Identifier: MIT */
/*
 * Times the console on a long list: a real orgdeckd holds a few thousand
 * secrets in one organization, and the real console, in a pty, opens the
 * Secrets tab and walks down the list one row at a time, then jumps to the
 * end.  Script mode waits for every answer before the next key, so the
 * figures include paging from the server.  Loopback only; bounded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "orgdeck/buf.h"

#include "console.h"
#include "http.h"
#include "server.h"

#define BENCH_SECRETS 3000
#define BENCH_STEPS   1000

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The id of the demo's "Acme Robotics" into @out.  Returns 0 or -1. */
static int bench_acme(char *out, size_t size, struct test_server *srv,
		      const char *token)
{
	struct test_response res;
	const char *id = NULL;
	char path[64];
	int i, rc = -1;

	if (test_http(&res, srv, token, "GET", "/v1/orgs?limit=100", NULL,
		      NULL) != 0)
		return -1;
	for (i = 0; i < test_json_len(res.json, "data"); i++) {
		snprintf(path, sizeof(path), "data.%d.name", i);
		if (strcmp(test_json_str(res.json, path), "Acme Robotics"))
			continue;
		snprintf(path, sizeof(path), "data.%d.id", i);
		id = test_json_str(res.json, path);
	}
	if (id != NULL) {
		snprintf(out, size, "%s", id);
		rc = 0;
	}
	test_response_release(&res);
	return rc;
}

/* Creates BENCH_SECRETS secrets in @org and reports the rate. */
static int bench_fill(struct test_server *srv, const char *token,
		      const char *org)
{
	struct test_response res;
	char path[128], body[128];
	double t0 = bench_now();
	int i;

	snprintf(path, sizeof(path), "/v1/orgs/%s/secrets", org);
	for (i = 0; i < BENCH_SECRETS; i++) {
		snprintf(body, sizeof(body),
			 "{\"name\": \"BENCH_%05d\", \"value\": \"v%d\"}", i,
			 i);
		if (test_http(&res, srv, token, "POST", path, body, NULL) !=
			    0 ||
		    res.status != 201) {
			fprintf(stderr, "create failed: %ld\n", res.status);
			test_response_release(&res);
			return -1;
		}
		test_response_release(&res);
	}
	printf("%-34s %8d in %6.2f s\n", "secrets created over HTTP",
	       BENCH_SECRETS, bench_now() - t0);
	return 0;
}

/* The walk: open Acme's Secrets, step down BENCH_STEPS rows, jump to the
 * end (which pages through the rest), and quit. */
static char *bench_script(void)
{
	struct buf s;
	int i;

	buf_init(&s, 1 << 20);
	buf_puts(&s, "key :\ntype org Acme Robotics\nkey Enter\nwait\n"
		     "key 4\nwait\ndump $DIR/first\n");
	for (i = 0; i < BENCH_STEPS; i++)
		buf_puts(&s, "key j\n");
	buf_puts(&s, "dump $DIR/stepped\nkey G\nwait\ndump $DIR/end\n");
	return buf_detach(&s);
}

/* Prints the name the Details panel shows in the dump @name, so that a
 * walk which fell short of the rows it claims to time is seen. */
static void bench_selected(const struct console *con, const char *name,
			   const char *label)
{
	struct console_dump d;
	const char *at = NULL;
	int row;

	if (console_dump_load(&d, con, name) != 0)
		return;
	/* The list's heading says "Name" too; the panel is the last one. */
	for (row = 0; row < d.rows; row++)
		if (strstr(d.text[row], "Name         B") != NULL)
			at = strstr(d.text[row], "Name         B");
	printf("%-34s %.*s\n", label, at ? 11 : 4, at ? at + 13 : "none");
	console_dump_release(&d);
}

static int bench_walk(struct test_server *srv, const char *token)
{
	struct console_opts opts = { 0 };
	struct console con;
	char *script = bench_script();
	double t0, t_first, t_stepped, t_end;
	int rc = -1;

	opts.server_url = srv->url;
	opts.token = token;
	opts.script = script;
	opts.timeout_ms = 300000;

	t0 = bench_now();
	if (console_start(&con, &opts) != 0)
		goto out;
	if (console_wait_file(&con, "first", 60000) != 0)
		goto out_console;
	t_first = bench_now();
	if (console_wait_file(&con, "stepped", 300000) != 0)
		goto out_console;
	t_stepped = bench_now();
	if (console_wait(&con) != 0)
		goto out_console;
	t_end = bench_now();

	printf("%-34s %8.1f ms\n", "start to first page drawn",
	       (t_first - t0) * 1e3);
	printf("%-34s %8.2f ms per key (%d keys)\n", "j down the list",
	       (t_stepped - t_first) * 1e3 / BENCH_STEPS, BENCH_STEPS);
	printf("%-34s %8.1f ms\n", "G, then quit", (t_end - t_stepped) * 1e3);
	bench_selected(&con, "stepped", "selected after the j presses");
	bench_selected(&con, "end", "selected after G");
	rc = 0;
out_console:
	console_release(&con);
out:
	free(script);
	return rc;
}

int main(void)
{
	struct test_server srv;
	char *token = NULL, org[80];
	int rc = 1;

	if (test_server_init(&srv) != 0)
		return 1;
	token = test_server_seed_demo(&srv, "owner@demo.orgdeck.test");
	if (token == NULL)
		goto out;
	if (test_server_serve(&srv, (const char *const[]){ "--rate-limit", "0",
							   NULL }) != 0)
		goto out;
	if (bench_acme(org, sizeof(org), &srv, token) != 0 ||
	    bench_fill(&srv, token, org) != 0 || bench_walk(&srv, token) != 0)
		goto out;
	rc = 0;
out:
	free(token);
	test_server_stop(&srv);
	return rc;
}
