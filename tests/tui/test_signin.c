/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of the first run's sign-in against a real seeded orgdeckd
 * and a real keyring daemon on a private D-Bus: a token typed into a fresh
 * config is checked, kept in the keyring and the profile written, so that
 * the next run opens with --profile alone; an invitation code makes a new
 * person and signs them in; a code is not spent where no token could be
 * kept; a wrong token is refused and the form comes back on the token,
 * an unreachable server on the address; --server with ORGDECK_TOKEN
 * stores nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/token.h"

#include "console.h"
#include "demo.h"
#include "keyring.h"

static struct test_keyring keyring;

static void teardown(void)
{
	test_keyring_stop(&keyring);
	demo_teardown();
}

TestSuite(signin, .init = demo_setup, .fini = teardown, .timeout = 120);

/* The form's field labelled @label has the focus (its label is bold),
 * and no other field has. */
static void focus_is(const struct console_dump *d, const char *label)
{
	static const char *const labels[] = { "Server", "Token or code",
					      "Your name (new)", "Profile" };
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(*labels); i++) {
		int row = console_dump_row_of(d, labels[i]);
		bool want = strcmp(labels[i], label) == 0;

		cr_assert_geq(row, 0, "no field %s", labels[i]);
		if ((console_dump_attr(d, labels[i], row) == 'b') != want)
			console_dump_print(d);
		cr_assert_eq(console_dump_attr(d, labels[i], row) == 'b', want,
			     "%s: focus expected on %s", labels[i], label);
	}
}

/* Runs @script in a console with no server, token or config. */
static void run_fresh(struct console *c, const char *script)
{
	struct console_opts o = { .script = script,
				  .rows = DEMO_ROWS,
				  .cols = DEMO_COLS };

	cr_assert_eq(console_run(c, &o), 0, "the console failed");
}

/* The script lines that fill the sign-in form with @secret. */
static void signin_script(char *out, size_t size, const char *secret,
			  const char *name, const char *rest)
{
	snprintf(out, size,
		 "dump $DIR/form.txt\n"
		 "type %s\n"
		 "key Tab\n"
		 "type %s\n"
		 "key Tab\n"
		 "type %s\n"
		 "dump $DIR/typed.txt\n"
		 "key Enter\n"
		 "wait\n"
		 "dump $DIR/in.txt\n"
		 "%s",
		 demo.srv.url, secret, name, rest);
}

/* A second run with --profile default and nothing else must open Acme
 * with the token the keyring kept. */
static void check_second_run(const char *who)
{
	char config[512];
	const char *args[] = { "--profile", "default", NULL };
	struct console_opts o = { .config = config,
				  .args = args,
				  .script = "wait\ndump $DIR/again.txt\n",
				  .rows = DEMO_ROWS,
				  .cols = DEMO_COLS };
	struct console c;
	struct console_dump d;

	snprintf(config, sizeof(config), "[profile default]\nserver = %s\n",
		 demo.srv.url);
	cr_assert_eq(console_run(&c, &o), 0, "the stored token was not used");
	demo_load(&d, &c, "again.txt");
	cr_assert(console_dump_has(&d, DEMO_ORG));
	cr_assert(console_dump_has(&d, who));
	console_dump_release(&d);
	console_release(&c);
}

Test(signin, token_into_a_fresh_config)
{
	char script[2048], url[200];
	struct console c;
	struct console_dump d;
	char *text;

	cr_assert_eq(test_keyring_start(&keyring, TEST_KEYRING_UNLOCKED), 0);
	signin_script(script, sizeof(script), demo.admin, "", "");
	run_fresh(&c, script);

	demo_load(&d, &c, "form.txt");
	cr_assert(console_dump_has(&d, "Sign in to orgdeck"));
	cr_assert(console_dump_has(&d, "Token or code"));
	console_dump_release(&d);
	text = console_read(&c, "typed.txt");
	cr_assert_not_null(text);
	cr_assert_null(strstr(text, demo.admin), "the token reached a dump");
	cr_assert_null(strstr(text, "odk_pat_"), "the token was not hidden");
	free(text);

	demo_load(&d, &c, "in.txt");
	demo_status_is(&d, "Signed in as Adam Admin; the token is kept in the "
			   "keyring for profile default");
	cr_assert(console_dump_has(&d, DEMO_ORG));
	cr_assert(console_dump_has(&d, "default@"));
	console_dump_release(&d);

	text = console_read(&c, "config/orgdeck/config.ini");
	cr_assert_not_null(text, "no config.ini written");
	snprintf(url, sizeof(url), "server = %s", demo.srv.url);
	cr_assert_not_null(strstr(text, "[profile default]"), "%s", text);
	cr_assert_not_null(strstr(text, url), "%s", text);
	cr_assert_null(strstr(text, "odk_"), "a token in config.ini");
	free(text);
	text = console_read(&c, "state/orgdeck/state.ini");
	cr_assert_not_null(text, "no state.ini written");
	cr_assert_not_null(strstr(text, "default"));
	free(text);
	text = console_read(&c, "stderr.log");
	cr_assert(text == NULL || strstr(text, demo.admin) == NULL);
	free(text);
	console_release(&c);

	check_second_run("Adam Admin");
}

/* Invites @email to Acme as the owner; returns the code (caller frees). */
static char *invite_code(const char *email)
{
	struct test_response res;
	char path[128], body[256];
	char *code;

	snprintf(path, sizeof(path), "/v1/orgs/%s/invitations", demo.acme);
	snprintf(body, sizeof(body),
		 "{\"emails\": [\"%s\"], \"role\": \"member\"}", email);
	cr_assert_eq(demo_send(&demo, &res, demo.owner, "POST", path, body),
		     201);
	code = strdup(test_json_str(res.json, "data.0.invitation.code"));
	test_response_release(&res);
	return code;
}

/* The status of the invitation of @email, as the server has it. */
static void invitation_status(const char *email, char *status)
{
	struct test_response res;
	char path[256];

	snprintf(path, sizeof(path), "/v1/orgs/%s/invitations?q=%s", demo.acme,
		 email);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	snprintf(status, 32, "%s", test_json_str(res.json, "data.0.status"));
	test_response_release(&res);
}

Test(signin, invitation_code_makes_a_person)
{
	char script[2048], status[32];
	char *code = invite_code("fresh@example.com");
	struct console c;
	struct console_dump d;
	char *text;

	cr_assert_eq(test_keyring_start(&keyring, TEST_KEYRING_UNLOCKED), 0);
	signin_script(script, sizeof(script), code, "Fresh Person",
		      "key 1\nwait\ndump $DIR/people.txt\n");
	run_fresh(&c, script);

	demo_load(&d, &c, "in.txt");
	demo_status_is(&d,
		       "Signed in as Fresh Person; the token is kept in the "
		       "keyring");
	cr_assert(console_dump_has(&d, DEMO_ORG));
	console_dump_release(&d);
	demo_load(&d, &c, "people.txt");
	cr_assert(console_dump_has(&d, "fresh@example.com"));
	console_dump_release(&d);
	text = console_read(&c, "typed.txt");
	cr_assert_null(strstr(text, code), "the code reached a dump");
	free(text);
	console_release(&c);

	invitation_status("fresh@example.com", status);
	cr_assert_str_eq(status, "accepted");
	free(code);
	check_second_run("Member");
}

Test(signin, code_kept_where_no_token_could_be)
{
	char script[2048], status[32];
	char *code = invite_code("later@example.com");
	struct console c;
	struct console_dump d;

	cr_assert_eq(test_keyring_no_bus(&keyring), 0);
	signin_script(script, sizeof(script), code, "",
		      "dump $DIR/still.txt\nkey Esc\n");
	run_fresh(&c, script);

	demo_load(&d, &c, "still.txt");
	cr_assert(console_dump_has(&d, "Sign in to orgdeck"),
		  "the form did not come back");
	cr_assert(console_dump_has(&d, "D-Bus"), "no reason given");
	console_dump_release(&d);
	console_release(&c);

	invitation_status("later@example.com", status);
	cr_assert_str_eq(status, "pending", "the code was spent");
	free(code);
}

Test(signin, wrong_token_refused)
{
	char script[2048], tok[TOKEN_SIZE], rest[400];
	struct console c;
	struct console_dump d;
	char *text;

	cr_assert_eq(sodium_init() >= 0, 1);
	cr_assert_eq(test_keyring_start(&keyring, TEST_KEYRING_UNLOCKED), 0);
	token_generate(tok, TOKEN_PERSONAL); /* well formed, never issued */
	/* Refused, the form opens on the token: typing the right one there
	 * signs in with the server already given. */
	snprintf(rest, sizeof(rest),
		 "key C-u\n"
		 "type %s\n"
		 "key Enter\n"
		 "wait\n"
		 "dump $DIR/refused.txt\n"
		 "type %s\n"
		 "key Enter\n"
		 "wait\n"
		 "dump $DIR/retried.txt\n",
		 tok, demo.admin);
	signin_script(script, sizeof(script), "odk_pat_mistyped", "", rest);
	run_fresh(&c, script);

	demo_load(&d, &c, "in.txt");
	cr_assert(console_dump_has(&d, "Token or code is not an orgdeck"),
		  "a mistyped token was sent");
	console_dump_release(&d);
	demo_load(&d, &c, "refused.txt");
	cr_assert(console_dump_has(&d, "Sign in to orgdeck"));
	cr_assert(console_dump_has(&d, "invalid_token"), "no reason given");
	focus_is(&d, "Token or code");
	console_dump_release(&d);
	demo_load(&d, &c, "retried.txt");
	demo_status_is(&d, "Signed in as Adam Admin");
	console_dump_release(&d);
	text = console_read(&c, "config/orgdeck/config.ini");
	cr_assert_not_null(text, "the second try wrote no profile");
	cr_assert_null(strstr(text, "odk_"), "a token in config.ini");
	free(text);
	console_release(&c);
}

/* A port on this machine where nobody listens: bound, never listening,
 * and held until the test ends so that nobody else takes it. */
static int closed_port(int *fd)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*fd = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert_geq(*fd, 0);
	cr_assert_eq(bind(*fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	cr_assert_eq(getsockname(*fd, (struct sockaddr *)&sa, &len), 0);
	return ntohs(sa.sin_port);
}

Test(signin, unreachable_server_focuses_the_address)
{
	char script[2048], rest[600], url[64];
	struct console c;
	struct console_dump d;
	int fd;

	cr_assert_eq(test_keyring_start(&keyring, TEST_KEYRING_UNLOCKED), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d", closed_port(&fd));
	/* Nobody answered, so the form opens on the address: the right one
	 * typed there, then the token again, signs in. */
	snprintf(rest, sizeof(rest),
		 "dump $DIR/unreached.txt\n"
		 "key C-u\n"
		 "type %s\n"
		 "key Tab\n"
		 "type %s\n"
		 "key Enter\n"
		 "wait\n"
		 "dump $DIR/retried.txt\n",
		 demo.srv.url, demo.admin);
	snprintf(script, sizeof(script),
		 "type %s\n"
		 "key Tab\n"
		 "type %s\n"
		 "key Enter\n"
		 "wait\n"
		 "%s",
		 url, demo.admin, rest);
	run_fresh(&c, script);
	close(fd);

	demo_load(&d, &c, "unreached.txt");
	cr_assert(console_dump_has(&d, "Sign in to orgdeck"));
	focus_is(&d, "Server");
	console_dump_release(&d);
	demo_load(&d, &c, "retried.txt");
	demo_status_is(&d, "Signed in as Adam Admin");
	console_dump_release(&d);
	console_release(&c);
}

Test(signin, server_and_env_token_store_nothing)
{
	struct console c;
	struct console_dump d;
	char *text;

	cr_assert_eq(test_keyring_start(&keyring, TEST_KEYRING_UNLOCKED), 0);
	cr_assert_eq(demo_run(&demo, &c, demo.manager,
			      "wait\ndump $DIR/direct.txt\n"),
		     0);
	demo_load(&d, &c, "direct.txt");
	cr_assert(console_dump_has(&d, DEMO_ORG));
	cr_assert_not(console_dump_has(&d, "Sign in to orgdeck"));
	console_dump_release(&d);
	text = console_read(&c, "config/orgdeck/config.ini");
	cr_assert_null(text, "--server wrote a profile");
	console_release(&c);
}
