/* SPDX-License-Identifier: MIT */
/*
 * orgdeck info, login, logout and profiles, run as a process against a
 * real orgdeckd and a real gnome-keyring on a private bus, with a fresh
 * HOME.  The process has no controlling terminal, so secrets come as lines
 * of standard input, as in a script.
 */
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "http.h"
#include "keyring.h"
#include "orgdeck/commands.h"
#include "orgdeck/keyring.h"
#include "orgdeck/token.h"
#include "server.h"

static struct test_keyring kr;
static struct test_server srv;

/* What one run of the commands left behind. */
struct run {
	int status;
	char out[16384];
	char err[16384];
};

static void commands_setup(void)
{
	cr_assert_geq(sodium_init(), 0);
	unsetenv("ORGDECK_TOKEN");
	unsetenv("ORGDECK_PROFILE");
	signal(SIGPIPE, SIG_IGN);
}

static void commands_teardown(void)
{
	test_server_stop(&srv);
	test_keyring_stop(&kr);
}

TestSuite(commands, .init = commands_setup, .fini = commands_teardown,
	  .timeout = 120);

/* Starts the server and the keyring in @mode. */
static void start(enum test_keyring_mode mode)
{
	if (mode == (enum test_keyring_mode) - 1)
		cr_assert_eq(test_keyring_no_bus(&kr), 0);
	else
		cr_assert_eq(test_keyring_start(&kr, mode), 0);
	cr_assert_eq(test_server_start(&srv), 0);
}

/* Reads a file of the test directory into @out (size 16384). */
static void slurp(const char *path, char *out)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (f != NULL) {
		n = fread(out, 1, 16383, f);
		fclose(f);
	}
	out[n] = '\0';
}

/*
 * Runs `orgdeck ARGS...` (NULL-terminated) in a new session, without a
 * terminal, with @input on standard input.
 */
static void run(struct run *r, const char *input, const char *const *args)
{
	const char *argv[24] = { COMMANDS_MAIN_PATH };
	char out[600], err[600];
	int in[2], fd;
	size_t n = 1;
	pid_t pid;

	while (*args != NULL && n < 23)
		argv[n++] = *args++;
	argv[n] = NULL;
	snprintf(out, sizeof(out), "%s/cmd.out", kr.dir);
	snprintf(err, sizeof(err), "%s/cmd.err", kr.dir);
	cr_assert_eq(pipe(in), 0);

	pid = fork();
	if (pid == 0) {
		setsid();
		dup2(in[0], STDIN_FILENO);
		close(in[1]);
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, STDOUT_FILENO);
		fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, STDERR_FILENO);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	if (input != NULL && write(in[1], input, strlen(input)) < 0)
		perror("write");
	close(in[1]);
	waitpid(pid, &r->status, 0);
	r->status = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1;
	slurp(out, r->out);
	slurp(err, r->err);
}

/* Path of a file under the fixture's HOME, in static storage. */
static const char *home_file(const char *rel)
{
	static char path[600];

	snprintf(path, sizeof(path), "%s/home/%s", kr.dir, rel);
	return path;
}

/* The token the keyring holds for @profile at the server, or NULL. */
static char *keyring_token(const char *profile)
{
	struct keyring *k = NULL;
	char *token = NULL;
	struct buf why;

	buf_init(&why, 4096);
	cr_assert_eq(keyring_open(&k, 20000, &why), KEYRING_OK, "%s",
		     why.data ? why.data : "");
	cr_assert_eq(keyring_lookup(k, &token, profile, srv.url, &why),
		     KEYRING_OK);
	keyring_free(&k);
	buf_release(&why);
	return token;
}

static void expect_has(const char *text, const char *part)
{
	cr_expect_not_null(strstr(text, part), "\"%s\" not in: %s", part, text);
}

Test(commands, login_checks_stores_and_adds_the_profile_once)
{
	char *token, *stored, input[128], config[16384], again[16384];
	const char *args[] = { "login",	   "--profile", "work",
			       "--server", srv.url,	NULL };
	const char *args2[] = { "login", "--profile", "work", NULL };
	struct run r;

	start(TEST_KEYRING_UNLOCKED);
	args[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");
	cr_assert_not_null(token);
	snprintf(input, sizeof(input), "  %s  \n", token);

	run(&r, input, args);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, "Logged in to");
	expect_has(r.out, "ada@example.com");
	expect_has(r.out, "keyring");
	expect_has(r.out, "Added [profile work]");
	cr_expect_null(strstr(r.out, token), "the token was printed");
	cr_expect_null(strstr(r.err, token), "the token was printed");

	stored = keyring_token("work");
	cr_assert_not_null(stored);
	cr_expect_str_eq(stored, token);
	sodium_free(stored);

	slurp(home_file(".config/orgdeck/config.ini"), config);
	snprintf(again, sizeof(again), "[profile work]\nserver = %s\n",
		 srv.url);
	cr_expect_str_eq(config, again);
	slurp(home_file(".local/state/orgdeck/state.ini"), again);
	expect_has(again, "last_profile = work");

	/* Again for the same profile: its server comes from config.ini,
	 * which is left exactly as it was. */
	run(&r, input, args2);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_expect_null(strstr(r.out, "Added"));
	slurp(home_file(".config/orgdeck/config.ini"), again);
	cr_expect_str_eq(again, config);
	free(token);
}

Test(commands, a_mistyped_token_is_refused_before_any_request)
{
	const char *args[] = { "login",	   "--profile", "work",
			       "--server", srv.url,	NULL };
	char *token, input[128];
	struct run r;
	struct stat st;

	start(TEST_KEYRING_UNLOCKED);
	args[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");
	token[30] = token[30] == 'Q' ? 'R' : 'Q';
	snprintf(input, sizeof(input), "%s\n", token);

	run(&r, input, args);
	cr_expect_eq(r.status, 1);
	expect_has(r.err, "not an orgdeck token");
	expect_has(r.err, "nothing was sent");
	cr_expect_null(keyring_token("work"));
	cr_expect_neq(stat(home_file(".config/orgdeck/config.ini"), &st), 0,
		      "a refused login wrote config.ini");
	free(token);
}

Test(commands, a_token_the_server_refuses_is_not_stored)
{
	const char *args[] = { "login",	   "--profile", "work",
			       "--server", srv.url,	NULL };
	char token[TOKEN_SIZE], input[128];
	struct run r;
	struct stat st;

	start(TEST_KEYRING_UNLOCKED);
	args[4] = srv.url;
	token_generate(token, TOKEN_PERSONAL);
	snprintf(input, sizeof(input), "%s\n", token);

	run(&r, input, args);
	cr_expect_eq(r.status, 1);
	expect_has(r.err, "the server refused the token");
	cr_expect_null(keyring_token("work"));
	cr_expect_neq(stat(home_file(".config/orgdeck/config.ini"), &st), 0);
}

/* Makes an organization as @admin and invites @email; returns the code. */
static char *invite(const char *admin, const char *email)
{
	struct test_response res;
	char path[256], body[256], *code;

	cr_assert_eq(test_http(&res, &srv, admin, "POST", "/v1/orgs",
			       "{\"name\": \"Acme\"}", NULL),
		     0);
	cr_assert_eq(res.status, 201, "%s", res.body.data);
	snprintf(path, sizeof(path), "/v1/orgs/%s/invitations",
		 test_json_str(res.json, "id"));
	test_response_release(&res);

	snprintf(body, sizeof(body),
		 "{\"emails\": [\"%s\"], \"role\": \"member\"}", email);
	cr_assert_eq(test_http(&res, &srv, admin, "POST", path, body, NULL), 0);
	cr_assert_eq(res.status, 201, "%s", res.body.data);
	code = strdup(test_json_str(res.json, "data.0.invitation.code"));
	test_response_release(&res);
	return code;
}

Test(commands, an_invitation_code_makes_the_account_and_logs_in)
{
	const char *args[] = { "login", "--profile", "bo",	"--server",
			       srv.url, "--name",    "Bo Peep", NULL };
	char *admin, *code, *stored, input[128];
	struct test_response me;
	struct run r;

	start(TEST_KEYRING_UNLOCKED);
	args[4] = srv.url;
	admin = test_server_user_add(&srv, "ada@example.com");
	code = invite(admin, "bo@example.com");
	snprintf(input, sizeof(input), "%s\n", code);

	run(&r, input, args);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, "Accepted the invitation to Acme as bo@example.com");
	expect_has(r.out, "Bo Peep <bo@example.com>");

	stored = keyring_token("bo");
	cr_assert_not_null(stored);
	cr_expect_eq(strncmp(stored, "odk_pat_", 8), 0);
	cr_expect_null(strstr(r.out, stored), "the new token was printed");
	cr_assert_eq(test_http(&me, &srv, stored, "GET", "/v1/me", NULL, NULL),
		     0);
	cr_expect_eq(me.status, 200);
	cr_expect_str_eq(test_json_str(me.json, "user.email"),
			 "bo@example.com");
	test_response_release(&me);

	/* The code is spent: a second use is refused by the server. */
	run(&r, input, args);
	cr_expect_eq(r.status, 1);
	expect_has(r.err, "the invitation was not accepted");
	sodium_free(stored);
	free(code);
	free(admin);
}

Test(commands, logout_removes_the_token_and_says_when_there_was_none)
{
	const char *login[] = { "login",    "--profile", "work",
				"--server", srv.url,	 NULL };
	const char *logout[] = { "logout", "--profile", "work", NULL };
	char *token, input[128];
	struct run r;

	start(TEST_KEYRING_UNLOCKED);
	login[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");
	snprintf(input, sizeof(input), "%s\n", token);
	run(&r, input, login);
	cr_assert_eq(r.status, 0, "%s", r.err);

	run(&r, NULL, logout);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, "Removed the token of profile work");
	cr_expect_null(keyring_token("work"));

	run(&r, NULL, logout);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, "No token was stored for profile work");
	free(token);
}

Test(commands, profiles_lists_servers_and_stored_tokens)
{
	const char *login[] = { "login",    "--profile", "work",
				"--server", srv.url,	 NULL };
	const char *profiles[] = { "profiles", NULL };
	char *token, input[128], line[512];
	FILE *cfg;
	struct run r;

	start(TEST_KEYRING_UNLOCKED);
	login[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");
	snprintf(input, sizeof(input), "%s\n", token);
	run(&r, input, login);
	cr_assert_eq(r.status, 0, "%s", r.err);

	cfg = fopen(home_file(".config/orgdeck/config.ini"), "a");
	fputs("\n[profile lab]\nserver = http://127.0.0.1:9\n", cfg);
	fclose(cfg);

	run(&r, NULL, profiles);
	cr_assert_eq(r.status, 0, "%s", r.err);
	snprintf(line, sizeof(line), "* work     %-40s  keyring\n", srv.url);
	expect_has(r.out, line);
	snprintf(line, sizeof(line), "  lab      %-40s  none\n",
		 "http://127.0.0.1:9");
	expect_has(r.out, line);

	setenv("ORGDECK_TOKEN_LAB", token, 1);
	run(&r, NULL, profiles);
	expect_has(r.out, "environment (ORGDECK_TOKEN_LAB)");
	free(token);
}

Test(commands, info_names_every_path_and_the_store)
{
	const char *info[] = { "info", "--profile", "work", NULL };
	struct run r;

	start(TEST_KEYRING_UNLOCKED);
	run(&r, NULL, info);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, home_file(".config/orgdeck/config.ini"));
	expect_has(r.out, home_file(".local/state/orgdeck/state.ini"));
	expect_has(r.out, home_file(".local/state/orgdeck/orgdeck.log"));
	expect_has(r.out, home_file(".local/share/orgdeck/credentials"));
	expect_has(r.out, "profile:          work (from --profile)");
	expect_has(r.out, "server:           none");
	expect_has(r.out, "the Secret Service keyring");
}

Test(commands, without_a_keyring_login_refuses_and_says_the_ways_out)
{
	const char *login[] = { "login",    "--profile", "work",
				"--server", srv.url,	 NULL };
	const char *info[] = { "info", NULL };
	char *token, input[128];
	struct run r;
	struct stat st;

	start((enum test_keyring_mode) - 1);
	login[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");
	snprintf(input, sizeof(input), "%s\n", token);

	run(&r, input, login);
	cr_expect_eq(r.status, 1);
	expect_has(r.err, "no D-Bus session bus");
	expect_has(r.err, "Ways out");
	cr_expect_neq(stat(home_file(".config/orgdeck/config.ini"), &st), 0);

	run(&r, NULL, info);
	cr_expect_eq(r.status, 0);
	expect_has(r.out, "none, tokens are refused");
	free(token);
}

Test(commands, the_opt_in_file_works_without_any_keyring)
{
	const char *login[] = { "login",    "--profile", "work",
				"--server", srv.url,	 "--credentials-file",
				NULL };
	const char *profiles[] = { "profiles", "--credentials-file", NULL };
	char *token, input[256], bytes[16384];
	struct run r;
	struct stat st;
	const char *path;

	start((enum test_keyring_mode) - 1);
	login[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");
	/* The passphrase is asked first, before anything is sent. */
	snprintf(input, sizeof(input), "my passphrase\n%s\n", token);

	run(&r, input, login);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, "the token is in the encrypted file");

	path = home_file(".local/share/orgdeck/credentials");
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	slurp(path, bytes);
	cr_expect_null(strstr(bytes, "odk_"));

	run(&r, "my passphrase\n", profiles);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, "encrypted file");

	run(&r, "not my passphrase\n", profiles);
	expect_has(r.err, "wrong passphrase");
	free(token);
}

Test(commands, a_set_variable_is_pointed_out_and_usage_is_checked)
{
	const char *login[] = { "login",    "--profile", "work",
				"--server", srv.url,	 NULL };
	const char *bad[] = { "login", "--bogus", NULL };
	char *argv[] = { "orgdeck", "--help", NULL };
	char *token, input[128];
	struct run r;
	int code = -1;

	start(TEST_KEYRING_UNLOCKED);
	login[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");
	snprintf(input, sizeof(input), "%s\n", token);
	setenv("ORGDECK_TOKEN", token, 1);
	run(&r, input, login);
	cr_assert_eq(r.status, 0, "%s", r.err);
	expect_has(r.out, "ORGDECK_TOKEN is set");

	run(&r, NULL, bad);
	cr_expect_eq(r.status, 2);
	expect_has(r.err, "usage: orgdeck login");

	/* Not one of the commands: the console's turn. */
	cr_expect_eq(commands_run(2, argv, &code), 0);
	cr_expect_eq(code, -1);
	free(token);
}

/* A run of the commands on a real terminal (a pty). */
struct tty_run {
	int master;
	pid_t pid;
	char seen[16384];
	size_t len;
};

/* Reads what the commands wrote until @want appears or @ms pass. */
static bool tty_wait_for(struct tty_run *t, const char *want, int ms)
{
	struct pollfd pfd = { .fd = t->master, .events = POLLIN };

	while (strstr(t->seen, want) == NULL && ms > 0) {
		ssize_t n;

		if (poll(&pfd, 1, 50) <= 0) {
			ms -= 50;
			continue;
		}
		n = read(t->master, t->seen + t->len,
			 sizeof(t->seen) - 1 - t->len);
		if (n <= 0)
			break;
		t->len += (size_t)n;
		t->seen[t->len] = '\0';
	}
	return strstr(t->seen, want) != NULL;
}

static void tty_start(struct tty_run *t, const char *const *args)
{
	const char *argv[16] = { COMMANDS_MAIN_PATH };
	size_t n = 1;

	while (*args != NULL && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	memset(t, 0, sizeof(*t));
	t->pid = forkpty(&t->master, NULL, NULL, NULL);
	cr_assert_geq(t->pid, 0);
	if (t->pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
}

/* Whether the terminal echoes again, and the exit status. */
static int tty_finish(struct tty_run *t, bool *echo)
{
	struct termios modes;
	int status = 0;

	tty_wait_for(t, "\x01never\x01", 2000);
	cr_assert_eq(tcgetattr(t->master, &modes), 0);
	*echo = (modes.c_lflag & ECHO) != 0;
	if (waitpid(t->pid, &status, WNOHANG) == 0) {
		tty_wait_for(t, "\x01never\x01", 10000);
		kill(t->pid, SIGKILL);
		waitpid(t->pid, &status, 0);
	}
	close(t->master);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Test(commands, at_a_terminal_the_token_is_typed_unseen)
{
	const char *args[] = { "login",	   "--profile", "work",
			       "--server", srv.url,	NULL };
	struct tty_run t;
	char *token;
	bool echo;

	start(TEST_KEYRING_UNLOCKED);
	args[4] = srv.url;
	token = test_server_user_add(&srv, "ada@example.com");

	tty_start(&t, args);
	cr_assert(tty_wait_for(&t, "Token or invitation code for", 20000),
		  "no prompt: %s", t.seen);
	cr_assert_eq(write(t.master, token, strlen(token)),
		     (ssize_t)strlen(token));
	cr_assert_eq(write(t.master, "\r", 1), 1);
	cr_expect(tty_wait_for(&t, "Logged in to", 20000), "%s", t.seen);

	cr_expect_eq(tty_finish(&t, &echo), 0, "%s", t.seen);
	cr_expect(echo, "echo was left off");
	cr_expect_null(strstr(t.seen, token), "the token was echoed");
	cr_expect_null(strstr(t.seen, token + 40), "part of it was echoed");
	free(token);
}

Test(commands, ctrl_c_at_the_prompt_gives_the_terminal_back)
{
	const char *args[] = { "login",	   "--profile", "work",
			       "--server", srv.url,	NULL };
	struct tty_run t;
	bool echo;

	start(TEST_KEYRING_UNLOCKED);
	args[4] = srv.url;
	tty_start(&t, args);
	cr_assert(tty_wait_for(&t, "Token or invitation code for", 20000));
	cr_assert_eq(write(t.master, "odk_pa\x03", 7), 7);
	cr_expect(tty_wait_for(&t, "cancelled", 20000), "%s", t.seen);

	cr_expect_eq(tty_finish(&t, &echo), 1);
	cr_expect(echo, "echo was left off");
	cr_expect_null(keyring_token("work"));
}
