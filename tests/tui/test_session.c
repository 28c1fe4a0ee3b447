/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of the console as a whole: profiles and switching them,
 * themes and NO_COLOR, the help screen, project scope, a role lost in the
 * middle of a session, and a server that is not there.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "console.h"
#include "demo.h"

TestSuite(session, .init = demo_setup, .fini = demo_teardown, .timeout = 120);

/* A config.ini with profiles "work" and "home" on the demo server. */
static void two_profiles(char *out, size_t size)
{
	snprintf(out, size,
		 "[profile work]\nserver = %s\n\n[profile home]\nserver = "
		 "%s\n",
		 demo.srv.url, demo.srv.url);
}

Test(session, profiles_and_switching)
{
	static const char script[] = DEMO_OPEN_ACME "dump $DIR/work.txt\n"
						    "key :\n"
						    "type profile home\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/home.txt\n";
	char config[512], work[600], home[600], state[300];
	const char *env[] = { work, home, NULL };
	const char *args[] = { "--profile", "work", NULL };
	struct console_opts o = { .config = config,
				  .script = script,
				  .env = env,
				  .args = args,
				  .rows = DEMO_ROWS,
				  .cols = DEMO_COLS };
	struct console c;
	struct console_dump d;
	char *text;
	FILE *f;

	two_profiles(config, sizeof(config));
	snprintf(work, sizeof(work), "ORGDECK_TOKEN_WORK=%s", demo.admin);
	snprintf(home, sizeof(home), "ORGDECK_TOKEN_HOME=%s", demo.member);
	cr_assert_eq(console_run(&c, &o), 0);

	demo_load(&d, &c, "work.txt");
	cr_assert(console_dump_has(&d, "work@http://127.0.0.1"));
	cr_assert(console_dump_has(&d, "Acme Robotics \u2502 Admin"));
	console_dump_release(&d);
	demo_load(&d, &c, "home.txt");
	cr_assert(console_dump_has(&d, "home@http://127.0.0.1"),
		  "the profile did not switch");
	cr_assert(console_dump_has(&d, "Acme Robotics \u2502 Member"),
		  "the second profile is not signed in as its own person");
	console_dump_release(&d);

	console_path(&c, state, "state/orgdeck/state.ini");
	f = fopen(state, "r");
	cr_assert_not_null(f, "no state was saved");
	text = calloc(1, 4096);
	cr_assert_gt(fread(text, 1, 4095, f), 0);
	fclose(f);
	cr_assert_not_null(strstr(text, demo.acme),
			   "the open organization was not remembered");
	cr_assert_not_null(strstr(text, "home"));
	free(text);
	console_release(&c);
}

Test(session, missing_token_is_explained)
{
	char config[512];
	const char *args[] = { "--profile", "work", NULL };
	struct console_opts o = { .config = config,
				  .args = args,
				  .script = "dump $DIR/never.txt\n" };
	struct console c;
	char path[300], *err;

	two_profiles(config, sizeof(config));
	cr_assert_eq(console_start(&c, &o), 0);
	cr_assert_neq(console_wait(&c), 0, "it started without a token");
	err = console_read(&c, "stderr.log");
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, "ORGDECK_TOKEN"),
			   "no hint how to sign in: %s", err);
	free(err);
	console_path(&c, path, "never.txt");
	cr_assert_neq(access(path, F_OK), 0);
	console_release(&c);
}

/* True when the terminal was sent a colour. */
static bool coloured(const struct console *c)
{
	const char *out = c->output.data;

	return strstr(out, "\033[38;5;") != NULL ||
	       strstr(out, "\033[48;5;") != NULL ||
	       strstr(out, "\033[34m") != NULL ||
	       strstr(out, "\033[44m") != NULL;
}

Test(session, themes_and_no_color)
{
	static const char script[] = "wait\n"
				     "key :\n"
				     "type theme light\n"
				     "key Enter\n"
				     "dump $DIR/light.txt\n"
				     "key :\n"
				     "type theme plaid\n"
				     "key Enter\n"
				     "dump $DIR/plaid.txt\n";
	const char *no_color[] = { "NO_COLOR=1", NULL };
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	struct console c;
	struct console_dump d;

	cr_assert_eq(console_run(&c, &o), 0);
	cr_assert(coloured(&c), "the default theme sent no colour");
	demo_load(&d, &c, "light.txt");
	demo_status_is(&d, "Theme: light");
	console_dump_release(&d);
	demo_load(&d, &c, "plaid.txt");
	demo_status_is(&d, "no theme called \"plaid\"");
	console_dump_release(&d);
	console_release(&c);

	o.env = no_color;
	cr_assert_eq(console_run(&c, &o), 0);
	cr_assert_not(coloured(&c), "NO_COLOR still sent colours");
	demo_load(&d, &c, "light.txt");
	demo_status_is(&d, "Theme: mono");
	console_dump_release(&d);
	console_release(&c);
}

Test(session, help_follows_the_role)
{
	static const char script[] = DEMO_OPEN_ACME "key ?\n"
						    "key G\n"
						    "dump $DIR/end.txt\n"
						    "key k k k k k k k k\n"
						    "dump $DIR/help.txt\n";
	struct console c;
	struct console_dump d;
	int row;

	cr_assert_eq(demo_run(&demo, &c, demo.member, script), 0);
	demo_load(&d, &c, "help.txt");
	row = console_dump_row_of(&d, "Invite ");
	cr_assert_geq(row, 0, "no Invite in the help");
	cr_assert(console_dump_find(&d, "needs Admin", row, &row, &(int){ 0 }));
	cr_assert_eq(console_dump_attr(&d, "Invite ", row), 'd',
		     "a Member's Invite is not dimmed in the help");
	console_dump_release(&d);
	demo_load(&d, &c, "end.txt");
	cr_assert(console_dump_has(&d, "Filter the list"));
	console_dump_release(&d);
	console_release(&c);
}

Test(session, project_scope)
{
	static const char script[] = DEMO_OPEN_ACME "dump $DIR/org.txt\n"
						    "key :\n"
						    "type project Production\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/project.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.manager, script), 0);
	demo_load(&d, &c, "org.txt");
	cr_assert(console_dump_has(&d, "Acme Robotics \u2502 Manager"));
	cr_assert_eq(console_dump_attr(&d, "Role", DEMO_FOOTER), 'd');
	cr_assert_eq(console_dump_attr(&d, "Add", DEMO_FOOTER), 'd');
	console_dump_release(&d);

	demo_load(&d, &c, "project.txt");
	cr_assert(console_dump_has(&d, "Acme Robotics \u25b8 Production "
				       "\u2502 Admin"),
		  "the header does not show the project and its role");
	cr_assert_eq(console_dump_attr(&d, "Role", DEMO_FOOTER), ' ',
		     "a project Admin cannot change project roles");
	cr_assert_eq(console_dump_attr(&d, "Add", DEMO_FOOTER), ' ');
	cr_assert_eq(console_dump_attr(&d, "Invite", DEMO_FOOTER), 'd');
	cr_assert(console_dump_has(&d, "(org Manager)"),
		  "project members are not listed");
	console_dump_release(&d);
	console_release(&c);
}

Test(session, role_lost_mid_session)
{
	static const char script[] = DEMO_OPEN_ACME "dump $DIR/before.txt\n"
						    "await $DIR/go\n"
						    "key i\n"
						    "type late@example.com\n"
						    "key Tab\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/after.txt\n";
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	char adam[80];
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_member_id(&demo, adam, DEMO_ADMIN), 0);
	demo_pause(&c, &o, "before.txt");
	demo_set_role(&demo, adam, "member");
	demo_resume(&c);

	demo_load(&d, &c, "before.txt");
	cr_assert_eq(console_dump_attr(&d, "Invite", DEMO_FOOTER), ' ');
	console_dump_release(&d);
	demo_load(&d, &c, "after.txt");
	cr_assert(console_dump_has(&d, "Cannot invite people"),
		  "the 403 was not explained");
	cr_assert(console_dump_has(&d, "reloading your access"));
	cr_assert(console_dump_has(&d, "Acme Robotics \u2502 Member"),
		  "the header still shows the old role");
	cr_assert_eq(console_dump_attr(&d, "Invite", DEMO_FOOTER), 'd',
		     "Invite is not greyed after the role was lost");
	console_dump_release(&d);
	console_release(&c);
}

Test(session, dead_server)
{
	static const char script[] = "wait\ndump $DIR/dead.txt\n";
	struct console_opts o = { .server_url = "http://127.0.0.1:1",
				  .token = demo.admin,
				  .script = script,
				  .rows = DEMO_ROWS,
				  .cols = DEMO_COLS };
	struct console c;
	struct console_dump d;

	cr_assert_eq(console_run(&c, &o), 0);
	demo_load(&d, &c, "dead.txt");
	cr_assert_eq(console_dump_row_of(&d, "Cannot read who you are"),
		     DEMO_STATUS);
	console_dump_release(&d);
	console_release(&c);
}

/* A socket on a free loopback port that takes connections and never
 * answers: a server that hangs.  Returns the descriptor. */
static int silent_server(char *url, size_t size)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	cr_assert_geq(fd, 0);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	cr_assert_eq(listen(fd, 8), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
	snprintf(url, size, "http://127.0.0.1:%d", ntohs(addr.sin_port));
	return fd;
}

Test(session, esc_cancels_a_hanging_load)
{
	static const char script[] = "keynow Esc\n"
				     "wait\n"
				     "dump $DIR/cancelled.txt\n";
	char url[64];
	int fd = silent_server(url, sizeof(url));
	struct console_opts o = { .server_url = url,
				  .token = demo.admin,
				  .script = script,
				  .rows = DEMO_ROWS,
				  .cols = DEMO_COLS,
				  .timeout_ms = 20000 };
	struct console c;
	struct console_dump d;

	cr_assert_eq(console_start(&c, &o), 0);
	cr_assert_eq(console_wait_file(&c, "cancelled.txt", 20000), 0,
		     "Esc did not end the wait for a hanging server");
	cr_assert_eq(console_wait(&c), 0);
	demo_load(&d, &c, "cancelled.txt");
	demo_status_is(&d, "Cancelled 1 request");
	cr_assert_not(console_dump_has(&d, "Esc cancels"),
		      "the spinner still turns");
	console_dump_release(&d);
	console_release(&c);
	close(fd);
}

/* The id of Acme's project @name. */
static void project_id(const char *name, char *out)
{
	struct test_response res;
	char path[256];

	snprintf(path, sizeof(path), "/v1/orgs/%s/projects?q=%s", demo.acme,
		 name);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	cr_assert_eq(test_json_len(res.json, "data"), 1);
	snprintf(out, 80, "%s", test_json_str(res.json, "data.0.id"));
	test_response_release(&res);
}

/* How many members of project @prj match @q. */
static int project_members(const char *prj, const char *q)
{
	struct test_response res;
	char path[256];
	int n;

	snprintf(path, sizeof(path), "/v1/projects/%s/members?q=%s", prj, q);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	n = test_json_len(res.json, "data");
	test_response_release(&res);
	return n;
}

Test(session, project_people)
{
	static const char script[] =
		DEMO_OPEN_ACME "key :\n"
			       "type project Production\n"
			       "key Enter\n"
			       "wait\n"
			       "key a\n"
			       "type member@demo.orgdeck.test\n"
			       "key Enter\n"
			       "wait\n"
			       "dump $DIR/added.txt\n"
			       "key /\n"
			       "type Mel\n"
			       "key Enter\n"
			       "key e\n"
			       "key j\n"
			       "key Enter\n"
			       "wait\n"
			       "dump $DIR/role.txt\n"
			       "key x\n"
			       "key y\n"
			       "wait\n"
			       "dump $DIR/removed.txt\n";
	char prd[80];
	struct console c;
	struct console_dump d;
	int row;

	project_id("Production", prd);
	cr_assert_eq(project_members(prd, "member@demo"), 0);
	cr_assert_eq(demo_run(&demo, &c, demo.manager, script), 0);

	demo_load(&d, &c, "added.txt");
	demo_status_is(&d, "Added member@demo.orgdeck.test to Production");
	row = console_dump_row_of(&d, "member@demo.orgdeck.test");
	cr_assert(console_dump_find(&d, "Member (org Member)", row, &row,
				    &(int){ 0 }));
	console_dump_release(&d);
	demo_load(&d, &c, "role.txt");
	demo_status_is(&d, "Mel Member is now Manager");
	console_dump_release(&d);
	demo_load(&d, &c, "removed.txt");
	demo_status_is(&d, "Removed Mel Member from Production");
	console_dump_release(&d);

	cr_assert_eq(project_members(prd, "member@demo"), 0,
		     "Mel is still in the project");
	console_release(&c);
}

Test(session, eight_colours)
{
	static const char script[] = "wait\ndump $DIR/eight.txt\n";
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	struct console c;
	struct console_dump d;

	o.term = "xterm";
	cr_assert_eq(console_run(&c, &o), 0);
	cr_assert_null(strstr(c.output.data, "\033[38;5;"),
		       "256-colour codes sent to an 8-colour terminal");
	cr_assert_not_null(strstr(c.output.data, "\033[3"),
			   "no colour at all on an 8-colour terminal");
	demo_load(&d, &c, "eight.txt");
	cr_assert(console_dump_has(&d, "Acme Robotics"));
	console_dump_release(&d);
	console_release(&c);
}

/* Invites p0@bench.test ... p(@n - 1)@bench.test to Acme, 50 at a time. */
static void many_invitations(int n)
{
	struct test_response res;
	char path[128], body[4096];
	int i, j, len;

	snprintf(path, sizeof(path), "/v1/orgs/%s/invitations", demo.acme);
	for (i = 0; i < n; i += 50) {
		len = snprintf(body, sizeof(body), "{\"emails\": [");
		for (j = i; j < i + 50 && j < n; j++)
			len += snprintf(body + len, sizeof(body) - (size_t)len,
					"%s\"p%d@bench.test\"",
					j > i ? ", " : "", j);
		snprintf(body + len, sizeof(body) - (size_t)len,
			 "], \"role\": \"member\"}");
		cr_assert_eq(
			demo_send(&demo, &res, demo.owner, "POST", path, body),
			201);
		test_response_release(&res);
	}
}

Test(session, server_side_filter)
{
	static const char script[] = DEMO_OPEN_ACME "key /\n"
						    "type p77@\n"
						    "dump $DIR/typing.txt\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/filtered.txt\n";
	struct console c;
	struct console_dump d;

	many_invitations(120);
	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "typing.txt");
	cr_assert(console_dump_has(&d, "/p77@"), "the filter line is missing");
	cr_assert_not(console_dump_has(&d, "p77@bench.test"),
		      "the row was already loaded: the test proves nothing");
	console_dump_release(&d);

	demo_load(&d, &c, "filtered.txt");
	cr_assert(console_dump_has(&d, "(on server)"),
		  "a long list was not filtered on the server");
	cr_assert(console_dump_has(&d, "p77@bench.test"),
		  "the row on a later page was not found");
	cr_assert_not(console_dump_has(&d, "p1@bench.test"));
	cr_assert_not(console_dump_has(&d, "Olive Owner"));
	console_dump_release(&d);
	console_release(&c);
}

Test(session, projects_filter_on_server)
{
	static const char script[] = DEMO_OPEN_ACME "key Tab\n"
						    "key Tab\n"
						    "key /\n"
						    "type Lab 57\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/filtered.txt\n"
						    "key j\n"
						    "wait\n"
						    "dump $DIR/opened.txt\n";
	struct test_response res;
	char path[128], body[96];
	struct console c;
	struct console_dump d;
	int i;

	snprintf(path, sizeof(path), "/v1/orgs/%s/projects", demo.acme);
	for (i = 0; i < 60; i++) {
		snprintf(body, sizeof(body), "{\"name\": \"Lab %02d\"}", i);
		cr_assert_eq(
			demo_send(&demo, &res, demo.owner, "POST", path, body),
			201);
		test_response_release(&res);
	}
	cr_assert_eq(demo_run(&demo, &c, demo.owner, script), 0);
	demo_load(&d, &c, "filtered.txt");
	cr_assert(console_dump_has(&d, "(on server)"));
	cr_assert(console_dump_has(&d, "Lab 57"), "not found on the server");
	cr_assert_not(console_dump_has(&d, "Lab 01"));
	console_dump_release(&d);
	demo_load(&d, &c, "opened.txt");
	cr_assert_eq(console_dump_row_of(&d, "Acme Robotics \u25b8 Lab 57"), 0,
		     "the project found on the server did not open");
	console_dump_release(&d);
	console_release(&c);
}
