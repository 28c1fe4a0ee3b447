/* SPDX-License-Identifier: MIT */
/*
 * Screen tests: the real console in a pty, driven by a script, against a
 * real seeded orgdeckd.  Each test reads the screen the console dumped,
 * attributes included, and the state the server ended in.
 */
#include <limits.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>

#include <criterion/criterion.h>

#include "orgdeck/perm.h"
#include "orgdeck/role.h"

#include "console.h"
#include "demo.h"

TestSuite(screen, .init = demo_setup, .fini = demo_teardown, .timeout = 120);

/* The organization's actions for @token, as the server computes them. */
static bool server_allows(const char *token, const char *perm)
{
	struct test_response res;
	char path[128];
	bool has;

	snprintf(path, sizeof(path), "/v1/orgs/%s", demo.acme);
	cr_assert_eq(demo_get(&demo, &res, token, path), 200);
	has = test_json_has(res.json, "actions", perm);
	test_response_release(&res);
	return has;
}

struct footer_case {
	const char *label;
	enum perm perm;
};

static const struct footer_case footer_cases[] = {
	{ "Invite", PERM_INVITATION_CREATE },
	{ "Role", PERM_MEMBER_UPDATE },
	{ "Remove", PERM_MEMBER_REMOVE },
	{ "Resend", PERM_INVITATION_RESEND },
	{ "Revoke", PERM_INVITATION_REVOKE },
};

/* One person opens Acme; the footer's dimming must follow both the
 * permission table and the actions the server returned. */
static void check_footer(const char *token, enum role role)
{
	static const char script[] = DEMO_OPEN_ACME "dump $DIR/people.txt\n"
						    "key i\n"
						    "dump $DIR/pressed.txt\n";
	struct console c;
	struct console_dump d, p;
	size_t i;
	char why[128];

	cr_assert_eq(demo_run(&demo, &c, token, script), 0,
		     "the console failed");
	demo_load(&d, &c, "people.txt");
	demo_load(&p, &c, "pressed.txt");

	cr_assert(console_dump_has(&d, DEMO_ORG));
	cr_assert(console_dump_has(&d, role_label(role)), "role not shown");
	for (i = 0; i < sizeof(footer_cases) / sizeof(*footer_cases); i++) {
		const struct footer_case *fc = &footer_cases[i];
		bool allowed = perm_allows(SCOPE_ORG, role, fc->perm);
		char attr = console_dump_attr(&d, fc->label, DEMO_FOOTER);

		cr_assert_neq(attr, '?', "%s missing from the footer",
			      fc->label);
		cr_assert_eq(attr == 'd', !allowed, "%s: dim %c for %s",
			     fc->label, attr, role_label(role));
		cr_assert_eq(allowed,
			     server_allows(token, perm_name(fc->perm)));
	}

	if (perm_allows(SCOPE_ORG, role, PERM_INVITATION_CREATE)) {
		cr_assert(console_dump_has(&p, "Invite people"),
			  "the invitation form did not open");
	} else {
		snprintf(why, sizeof(why), "%ss cannot invite people: needs %s",
			 role_label(role),
			 role_label(perm_min_role(SCOPE_ORG,
						  PERM_INVITATION_CREATE)));
		cr_assert_eq(console_dump_row_of(&p, why), DEMO_STATUS,
			     "expected \"%s\" on the status line", why);
		cr_assert_not(console_dump_has(&p, "Invite people"));
	}
	console_dump_release(&d);
	console_dump_release(&p);
	console_release(&c);
}

Test(screen, admin_footer)
{
	check_footer(demo.admin, ROLE_ADMIN);
}

Test(screen, manager_footer)
{
	check_footer(demo.manager, ROLE_MANAGER);
}

Test(screen, member_footer)
{
	check_footer(demo.member, ROLE_MEMBER);
}

/* True when some row shows a whole invitation code. */
static bool shows_code(const struct console_dump *d)
{
	regex_t re;
	bool found = false;
	int i;

	cr_assert_eq(regcomp(&re, "odk_inv_[A-Za-z0-9]", REG_NOSUB), 0);
	for (i = 0; i < d->rows && !found; i++)
		found = regexec(&re, d->text[i], 0, NULL, 0) == 0;
	regfree(&re);
	return found;
}

/* The pending invitation of @email as the server has it; -1 when none. */
static int pending_sent_count(const char *email)
{
	struct test_response res;
	char path[256];
	int count = -1;

	snprintf(path, sizeof(path),
		 "/v1/orgs/%s/invitations?status=pending&q=%s", demo.acme,
		 email);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	if (test_json_len(res.json, "data") == 1)
		count = (int)test_json_num(res.json, "data.0.sent_count");
	test_response_release(&res);
	return count;
}

static const char *invitation_status(const char *email)
{
	static char status[32];
	struct test_response res;
	char path[256];

	snprintf(path, sizeof(path), "/v1/orgs/%s/invitations?q=%s", demo.acme,
		 email);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	cr_assert_eq(test_json_len(res.json, "data"), 1);
	snprintf(status, sizeof(status), "%s",
		 test_json_str(res.json, "data.0.status"));
	test_response_release(&res);
	return status;
}

/* "code: " and a whole token (57 characters) as a dump masks it. */
static const char *masked_code(void)
{
	static char text[80];

	snprintf(text, sizeof(text), "code: %.*s ", 57,
		 "************************************************************"
		 "*");
	return text;
}

Test(screen, invite_resend_revoke)
{
	static const char script[] = DEMO_OPEN_ACME "key i\n"
						    "type zed@example.com\n"
						    "key Tab\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/invited.txt\n"
						    "key c\n"
						    "dump $DIR/copied.txt\n"
						    "key Esc\n"
						    "key /\n"
						    "type zed\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/listed.txt\n"
						    "key s\n"
						    "wait\n"
						    "dump $DIR/resent.txt\n"
						    "key Esc\n"
						    "wait\n"
						    "key v\n"
						    "dump $DIR/confirm.txt\n"
						    "key y\n"
						    "wait\n"
						    "dump $DIR/revoked.txt\n";
	struct console c;
	struct console_dump d;
	int row;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0,
		     "the console failed");

	demo_load(&d, &c, "invited.txt");
	cr_assert(console_dump_has(&d, "zed@example.com invited as Member"));
	cr_assert(console_dump_has(&d, masked_code()),
		  "the code is not masked in the dump");
	cr_assert_not(shows_code(&d), "a code reached the dump");
	console_dump_release(&d);

	demo_load(&d, &c, "copied.txt");
	cr_assert_eq(console_dump_row_of(&d, "The invitation code:"),
		     DEMO_STATUS, "copying was not reported");
	cr_assert_not_null(strstr(c.output.data, "\033]52;c;"),
			   "no OSC 52 sequence reached the terminal");
	console_dump_release(&d);

	demo_load(&d, &c, "listed.txt");
	row = console_dump_row_of(&d, "zed@example.com");
	cr_assert_gt(row, 0);
	cr_assert(console_dump_find(&d, "pending invitation", row, &row,
				    &(int){ 0 }));
	cr_assert_eq(console_dump_attr(&d, "zed@example.com", row), 'r',
		     "the invitation is not the selected row");
	console_dump_release(&d);

	demo_load(&d, &c, "resent.txt");
	cr_assert(console_dump_has(&d, "Invitation resent"));
	cr_assert_not(shows_code(&d));
	console_dump_release(&d);

	demo_load(&d, &c, "confirm.txt");
	cr_assert(console_dump_has(&d, "Revoke the invitation of"));
	console_dump_release(&d);

	demo_load(&d, &c, "revoked.txt");
	cr_assert_eq(console_dump_row_of(&d, "Revoked the invitation of "
					     "zed@example.com"),
		     DEMO_STATUS);
	cr_assert_not(console_dump_has(&d, "pending invitation"),
		      "the revoked invitation is still listed");
	console_dump_release(&d);

	cr_assert_eq(pending_sent_count("zed@example.com"), -1);
	cr_assert_str_eq(invitation_status("zed@example.com"), "revoked");
	console_release(&c);
}

Test(screen, resend_counts)
{
	static const char script[] = DEMO_OPEN_ACME "key /\n"
						    "type newhire\n"
						    "key Enter\n"
						    "wait\n"
						    "key s\n"
						    "wait\n"
						    "dump $DIR/resent.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(pending_sent_count("newhire@demo.orgdeck.test"), 1);
	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0,
		     "the console failed");
	demo_load(&d, &c, "resent.txt");
	cr_assert(console_dump_has(&d, "newhire@demo.orgdeck.test invited"));
	cr_assert_not(shows_code(&d));
	cr_assert_eq(pending_sent_count("newhire@demo.orgdeck.test"), 2);
	console_dump_release(&d);
	console_release(&c);
}

/* The role of @user in Acme and its etag, as the server has them. */
static void member_state(const char *user, char *role, char *etag)
{
	struct test_response res;
	char path[256];

	snprintf(path, sizeof(path), "/v1/orgs/%s/members/%s", demo.acme, user);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	snprintf(role, 32, "%s", test_json_str(res.json, "role"));
	snprintf(etag, 128, "%s", res.etag);
	test_response_release(&res);
}

Test(screen, role_change_conflict)
{
	static const char script[] = DEMO_OPEN_ACME "key /\n"
						    "type Mel\n"
						    "key Enter\n"
						    "key e\n"
						    "dump $DIR/picker.txt\n"
						    "await $DIR/go\n"
						    "key j\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/conflict.txt\n"
						    "key k\n"
						    "key Enter\n"
						    "wait\n"
						    "dump $DIR/done.txt\n";
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	char mel[80], role[32], etag[128];
	struct console c;
	struct console_dump d;
	int row;

	cr_assert_eq(demo_member_id(&demo, mel, DEMO_MEMBER), 0);
	demo_pause(&c, &o, "picker.txt");
	demo_set_role(&demo, mel, "admin");
	demo_resume(&c);

	demo_load(&d, &c, "picker.txt");
	cr_assert(console_dump_has(&d, "Role of Mel Member"));
	cr_assert(console_dump_has(&d, "is now Member."));
	console_dump_release(&d);

	demo_load(&d, &c, "conflict.txt");
	cr_assert(console_dump_has(&d, "Someone changed Mel Member"),
		  "the conflict was not explained");
	cr_assert(console_dump_has(&d, "now Admin"));
	cr_assert(console_dump_has(&d, "Role of Mel Member"),
		  "the question was not asked again");
	row = console_dump_row_of(&d, "member@demo.orgdeck.test");
	cr_assert(console_dump_find(&d, "Admin", row, &row, &(int){ 0 }),
		  "the fresh role is not shown in the list");
	console_dump_release(&d);

	demo_load(&d, &c, "done.txt");
	cr_assert_eq(console_dump_row_of(&d, "Mel Member is now Manager"),
		     DEMO_STATUS);
	row = console_dump_row_of(&d, "member@demo.orgdeck.test");
	cr_assert(console_dump_find(&d, "Manager", row, &row, &(int){ 0 }));
	console_dump_release(&d);

	member_state(mel, role, etag);
	cr_assert_str_eq(role, "manager");
	console_release(&c);
}

Test(screen, readonly_greys_writes)
{
	static const char script[] = DEMO_OPEN_ACME "dump $DIR/ro.txt\n"
						    "key i\n"
						    "dump $DIR/pressed.txt\n";
	const char *args[] = { "--readonly", NULL };
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	struct console c;
	struct console_dump d;

	o.args = args;
	cr_assert_eq(console_run(&c, &o), 0);
	demo_load(&d, &c, "ro.txt");
	cr_assert_eq(console_dump_attr(&d, "Invite", DEMO_FOOTER), 'd');
	cr_assert_eq(console_dump_attr(&d, "Help", DEMO_FOOTER), ' ');
	console_dump_release(&d);
	demo_load(&d, &c, "pressed.txt");
	cr_assert_eq(console_dump_row_of(&d, "Read-only mode: cannot invite "
					     "people"),
		     DEMO_STATUS);
	console_dump_release(&d);
	cr_assert_eq(pending_sent_count("zed@example.com"), -1);
	console_release(&c);
}

Test(screen, tiny_terminal)
{
	static const char script[] = "wait\ndump $DIR/tiny.txt\n";
	struct console_opts o = { .server_url = demo.srv.url,
				  .token = demo.admin,
				  .script = script,
				  .rows = 20,
				  .cols = 60 };
	struct console c;
	struct console_dump d;

	cr_assert_eq(console_run(&c, &o), 0);
	demo_load(&d, &c, "tiny.txt");
	cr_assert_eq(d.rows, 20);
	cr_assert(console_dump_has(&d, "orgdeck needs at least 80x24; this"));
	cr_assert(console_dump_has(&d, "terminal is 60x20"));
	cr_assert_not(console_dump_has(&d, "Organizations"));
	console_dump_release(&d);
	console_release(&c);
}

/* Runs a console that waits forever, then sends it @sig. */
static void signalled(struct console *c, int sig)
{
	static const char script[] = "wait\ndump $DIR/up.txt\n"
				     "await $DIR/never\n";
	struct console_opts o = demo_opts(&demo, demo.admin, script);

	o.timeout_ms = 30000;
	cr_assert_eq(console_start(c, &o), 0);
	cr_assert_eq(console_wait_file(c, "up.txt", 60000), 0);
	cr_assert_eq(console_signal(c, sig), 0);
	console_wait(c);
}

/* The terminal came back: the alternate screen was left and the line
 * discipline is cooked and echoing again. */
static void check_restored(const struct console *c)
{
	const char *out = c->output.data;

	cr_assert_not_null(out);
	cr_assert_not_null(strstr(out, "\033[?1049h"), "no smcup");
	cr_assert_not_null(strstr(out, "\033[?1049l"), "no rmcup");
	cr_assert(strstr(out, "\033[?1049l") > strstr(out, "\033[?1049h"));
	cr_assert(c->have_after, "the pty's modes were not read");
	cr_assert(c->after.c_lflag & ICANON, "still in cbreak mode");
	cr_assert(c->after.c_lflag & ECHO, "echo still off");
}

Test(screen, sigterm_restores_terminal)
{
	struct console c;

	signalled(&c, SIGTERM);
	cr_assert(WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0,
		  "status %#x", c.status);
	check_restored(&c);
	console_release(&c);
}

Test(screen, sigint_and_sighup_restore_terminal)
{
	static const int sigs[] = { SIGINT, SIGHUP };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct console c;

		signalled(&c, sigs[i]);
		cr_assert(WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0,
			  "signal %d: status %#x", sigs[i], c.status);
		check_restored(&c);
		console_release(&c);
	}
}

Test(screen, crash_restores_terminal)
{
	struct console c;

	signalled(&c, SIGSEGV);
	cr_assert(WIFSIGNALED(c.status) && WTERMSIG(c.status) == SIGSEGV,
		  "status %#x", c.status);
	check_restored(&c);
	console_release(&c);
}

/* True when @text holds a token's prefix followed by more of its body
 * than a redacted form shows. */
static bool holds_token(const char *text)
{
	regex_t re;
	bool found;

	cr_assert_eq(regcomp(&re, "odk_[a-z]{3}_[A-Za-z0-9]{8}",
			     REG_EXTENDED | REG_NOSUB),
		     0);
	found = regexec(&re, text, 0, NULL, 0) == 0;
	regfree(&re);
	return found;
}

Test(screen, log_when_asked_without_secrets)
{
	static const char script[] = DEMO_OPEN_ACME "key i\n"
						    "type logged@example.com\n"
						    "key Tab\n"
						    "key Enter\n"
						    "wait\n"
						    "key Esc\n"
						    "key x\n"
						    "key Esc\n";
	const char *args[] = { "--log", NULL };
	struct console_opts o = demo_opts(&demo, demo.admin, script);
	struct console c;
	struct stat st;
	char path[PATH_MAX];
	const char *after;
	char *log;

	o.args = args;
	cr_assert_eq(console_run(&c, &o), 0);
	console_path(&c, path, "state/orgdeck/orgdeck.log");
	cr_assert_eq(stat(path, &st), 0, "no log at %s", path);
	cr_assert_eq(st.st_mode & 0077, 0, "the log is readable by others");
	log = console_read(&c, "state/orgdeck/orgdeck.log");
	cr_assert_not_null(strstr(log, "action: invite people"));
	cr_assert_not_null(strstr(log, "Invited 1 of 1"));
	cr_assert_not(holds_token(log), "a token reached the log");
	after = strstr(c.output.data, "\033[?1049l");
	cr_assert_not_null(after, "the alternate screen was never left");
	cr_assert_not(holds_token(after),
		      "a token was written after leaving the alternate "
		      "screen");
	free(log);
	console_release(&c);
}

Test(screen, palette_completes)
{
	static const char script[] = "wait\n"
				     "key :\n"
				     "type or\n"
				     "key Tab\n"
				     "dump $DIR/command.txt\n"
				     "type  Acm\n"
				     "key Tab\n"
				     "dump $DIR/argument.txt\n"
				     "key Enter\n"
				     "wait\n"
				     "dump $DIR/opened.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.manager, script), 0,
		     "the console failed");
	demo_load(&d, &c, "command.txt");
	cr_assert(console_dump_has(&d, ":org "),
		  "the command was not completed");
	cr_assert(console_dump_has(&d, "org-rename"), "no other candidates");
	console_dump_release(&d);
	demo_load(&d, &c, "argument.txt");
	cr_assert(console_dump_has(&d, ":org Acme Robotics"),
		  "the organization name was not completed");
	console_dump_release(&d);
	demo_load(&d, &c, "opened.txt");
	cr_assert_eq(console_dump_row_of(&d, "Acme Robotics \u2502 Manager"),
		     0);
	console_dump_release(&d);
	console_release(&c);
}
