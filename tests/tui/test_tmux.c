/* SPDX-License-Identifier: MIT */
/*
 * The console under a real terminal multiplexer: a private tmux server
 * (its own socket, no config) runs orgdeck against a seeded orgdeckd while
 * the test resizes the window, shrinks it below 80x24, and runs it again
 * as a vt100 in the C locale to see the ASCII fallback, and copies a new
 * API key with OSC 52 into tmux's paste buffer.  Only this test's tmux
 * server is ever killed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "orgdeck/buf.h"
#include "orgdeck/token.h"

#include "demo.h"

#define TMUX_ARGS_MAX 24
#define TMUX_WAIT_MS  30000

static char tmux_socket[64];
static char tmux_home[256];

/* Reads the file at @path whole; caller frees; NULL when unreadable. */
static char *tmux_slurp(const char *path)
{
	struct buf out;
	char chunk[4096];
	size_t got;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return NULL;
	buf_init(&out, 1 << 20);
	for (got = fread(chunk, 1, sizeof(chunk), f); got > 0;
	     got = fread(chunk, 1, sizeof(chunk), f))
		buf_append(&out, chunk, got);
	fclose(f);
	return buf_detach(&out);
}

/*
 * Runs tmux on the private socket with @args; returns its standard output
 * (caller frees) or NULL when it failed.  The output goes through a file:
 * the tmux server that new-session starts would hold a pipe open.
 */
static char *tmux_run(const char *const *args)
{
	const char *argv[TMUX_ARGS_MAX];
	char path[300];
	int status, n = 0;
	pid_t pid;

	argv[n++] = "tmux";
	argv[n++] = "-u"; /* UTF-8 whatever locale the test runs in */
	argv[n++] = "-L";
	argv[n++] = tmux_socket;
	argv[n++] = "-f";
	argv[n++] = "/dev/null";
	while (*args != NULL && n + 1 < TMUX_ARGS_MAX)
		argv[n++] = *args++;
	argv[n] = NULL;

	snprintf(path, sizeof(path), "%s/tmux.out", tmux_home);
	pid = fork();
	if (pid == 0) {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int null = open("/dev/null", O_RDWR);

		dup2(fd, STDOUT_FILENO);
		dup2(null, STDIN_FILENO);
		dup2(null, STDERR_FILENO);
		execvp("tmux", (char *const *)argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return NULL;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return NULL;
	return tmux_slurp(path);
}

static bool tmux_ok(const char *const *args)
{
	char *out = tmux_run(args);

	free(out);
	return out != NULL;
}

/* The pane's text as tmux shows it. */
static char *tmux_capture(void)
{
	static const char *const args[] = { "capture-pane", "-p", "-t", "t",
					    NULL };

	return tmux_run(args);
}

static long tmux_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits until the pane shows @text; returns the capture (caller frees). */
static char *tmux_wait_for(const char *text)
{
	long end = tmux_ms() + TMUX_WAIT_MS;
	char *screen = NULL;

	while (tmux_ms() < end) {
		free(screen);
		screen = tmux_capture();
		if (screen != NULL && strstr(screen, text) != NULL)
			return screen;
		usleep(50 * 1000);
	}
	cr_log_error("never saw \"%s\"; the pane shows:\n%s", text,
		     screen ? screen : "(nothing)");
	free(screen);
	return NULL;
}

/* Starts orgdeck in a new detached session "t" of @cols by @rows, with
 * @env before it and @extra arguments after it (both may be ""). */
static void tmux_start_with(const char *env, const char *extra, int cols,
			    int rows)
{
	char command[2048], x[16], y[16];
	const char *args[] = { "new-session", "-d", "-s",    "t", "-x", x,
			       "-y",	      y,    command, NULL };

	snprintf(x, sizeof(x), "%d", cols);
	snprintf(y, sizeof(y), "%d", rows);
	/* A UTF-8 locale unless @env says otherwise: the tests must not
	 * depend on the locale of whoever runs them. */
	snprintf(command, sizeof(command),
		 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 %s ORGDECK_TOKEN=%s "
		 "XDG_CONFIG_HOME=%s/config "
		 "XDG_STATE_HOME=%s/state %s --server %s %s "
		 "2>>%s/stderr.log",
		 env, demo.admin, tmux_home, tmux_home, ORGDECK_PATH,
		 demo.srv.url, extra, tmux_home);
	cr_assert(tmux_ok(args), "tmux new-session failed");
}

static void tmux_start(const char *env, int cols, int rows)
{
	tmux_start_with(env, "", cols, rows);
}

static void tmux_resize(int cols, int rows)
{
	char x[16], y[16];
	const char *args[] = {
		"resize-window", "-t", "t", "-x", x, "-y", y, NULL
	};

	snprintf(x, sizeof(x), "%d", cols);
	snprintf(y, sizeof(y), "%d", rows);
	cr_assert(tmux_ok(args), "tmux resize-window failed");
}

static void tmux_keys(const char *keys)
{
	const char *args[] = { "send-keys", "-t", "t", keys, NULL };

	cr_assert(tmux_ok(args));
}

/* Presses q and waits for the console, and so the session, to end. */
static void tmux_quit(void)
{
	static const char *const has[] = { "has-session", "-t", "t", NULL };
	long end;

	tmux_keys("q");
	end = tmux_ms() + TMUX_WAIT_MS;
	while (tmux_ok(has) && tmux_ms() < end)
		usleep(50 * 1000);
	cr_assert_not(tmux_ok(has), "the console did not quit on q");
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	demo_setup();
	snprintf(tmux_socket, sizeof(tmux_socket), "orgdeck-test-%ld",
		 (long)getpid());
	snprintf(tmux_home, sizeof(tmux_home), "%s/orgdeck-tmux.XXXXXX", tmp);
	cr_assert_not_null(mkdtemp(tmux_home));
}

static void teardown(void)
{
	static const char *const kill[] = { "kill-server", NULL };
	char cmd[300];

	tmux_ok(kill);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmux_home);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", tmux_home);
	demo_teardown();
}

TestSuite(tmux, .init = setup, .fini = teardown, .timeout = 180);

/* Counts the lines of @screen. */
static int tmux_lines(const char *screen)
{
	int n = 0;

	for (; *screen != '\0'; screen++)
		n += *screen == '\n';
	return n;
}

Test(tmux, resize)
{
	char *s;

	tmux_start("", 120, 40);
	s = tmux_wait_for(DEMO_ORG);
	cr_assert_not_null(s);
	cr_assert_not_null(strstr(s, "\u2500 Organizations"));
	cr_assert_not_null(strstr(s, "i Invite"));
	cr_assert_eq(tmux_lines(s), 40);
	free(s);

	tmux_resize(80, 24);
	s = tmux_wait_for("6 Activity");
	cr_assert_not_null(s, "the tab bar does not fit 80 columns");
	cr_assert_not_null(strstr(s, "i Invite"), "footer lost at 80x24");
	cr_assert_null(strstr(s, "needs at least"));
	cr_assert_eq(tmux_lines(s), 24);
	free(s);

	tmux_resize(70, 20);
	s = tmux_wait_for("this terminal is 70x20");
	cr_assert_not_null(s);
	cr_assert_not_null(strstr(s, "orgdeck needs at least 80x24"));
	free(s);

	tmux_resize(100, 30);
	s = tmux_wait_for("Organizations");
	cr_assert_not_null(s, "the layout did not come back");
	cr_assert_null(strstr(s, "needs at least"));
	free(s);

	tmux_keys("2");
	s = tmux_wait_for("n New key");
	cr_assert_not_null(s, "the number keys do not switch tabs");
	free(s);
	tmux_quit();
}

Test(tmux, vt100_ascii)
{
	char *s;

	tmux_start("TERM=vt100 LANG=C LC_ALL=C", 100, 30);
	s = tmux_wait_for(DEMO_ORG);
	cr_assert_not_null(s);
	cr_assert_not_null(strstr(s, "+- Organizations "), "no ASCII box: %s",
			   s);
	cr_assert_not_null(strstr(s, " orgdeck | "), "no ASCII separators");
	cr_assert_null(strstr(s, "\u2500"), "Unicode lines on a vt100");
	cr_assert_null(strstr(s, "\u2502"));
	free(s);
	tmux_quit();
}

/* ---- the shown-once key and OSC 52 through tmux (tui-resources) ---- */

/* Finds a whole organization key in @screen into @out (TOKEN_SIZE). */
static bool tmux_find_key(const char *screen, char *out)
{
	const char *at = strstr(screen, "odk_org_");

	for (; at != NULL; at = strstr(at + 1, "odk_org_")) {
		size_t run = strspn(at + 8, "abcdefghijklmnopqrstuvwxyz"
					    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					    "0123456789");

		if (run == TOKEN_LEN - 8) {
			snprintf(out, TOKEN_SIZE, "%.*s", TOKEN_LEN, at);
			return true;
		}
	}
	return false;
}

Test(tmux, osc52_copy_reaches_tmux)
{
	static const char *const clip[] = { "set-option", "-s", "set-clipboard",
					    "on", NULL };
	static const char *const show[] = { "show-buffer", NULL };
	static const char *const history[] = { "capture-pane", "-p", "-S", "-",
					       "-t",	       "t",  NULL };
	char key[TOKEN_SIZE];
	char *s;

	tmux_start("", 120, 40);
	cr_assert(tmux_ok(clip), "tmux set-clipboard on failed");
	free(tmux_wait_for(DEMO_ORG));
	tmux_keys("2");
	free(tmux_wait_for("n New key"));
	tmux_keys("n");
	free(tmux_wait_for("New organization API key"));
	tmux_keys("tmux-ci");
	tmux_keys("Enter");
	s = tmux_wait_for("I have saved this key");
	cr_assert_not_null(s, "the shown-once dialog did not open");
	cr_assert(tmux_find_key(s, key), "no whole key on the screen");
	free(s);

	tmux_keys("c");
	s = tmux_wait_for("Copied:");
	cr_assert_not_null(strstr(s, "through tmux"), "tmux not named");
	free(s);
	s = tmux_run(show);
	cr_assert_not_null(s, "tmux holds no buffer after c");
	cr_assert_str_eq(s, key, "the buffer is not the key shown");
	free(s);

	tmux_keys("y");
	free(tmux_wait_for("Empty the clipboard"));
	tmux_keys("y");
	s = tmux_wait_for("Clipboard:");
	cr_assert_null(strstr(s, key), "the key is still on the screen");
	free(s);
	s = tmux_run(history);
	cr_assert_not_null(s);
	cr_assert_null(strstr(s, key), "the key is in the pane's history");
	free(s);
	tmux_quit();
}

/* Where @text is on @screen: its line and its column (bytes before it on
 * that line, which is the column for ASCII text after ASCII or box
 * characters counted as one: callers look for text at a line's start). */
static bool tmux_find(const char *screen, const char *text, int *y, int *x)
{
	const char *hit = strstr(screen, text), *p, *line = screen;
	int cols = 0;

	if (hit == NULL)
		return false;
	*y = 0;
	for (p = screen; p < hit; p++) {
		if (*p == '\n') {
			(*y)++;
			line = p + 1;
		}
	}
	for (p = line; p < hit; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	*x = cols;
	return true;
}

/* Clicks the left button at @y,@x as an xterm (X10 encoding) would. */
static void tmux_click(int y, int x)
{
	char press[64], release[64];
	const char *down[] = { "send-keys", "-t", "t",	 "-H",	    "1b", "5b",
			       "4d",	    "20", press, press + 8, NULL };
	const char *up[] = { "send-keys", "-t",	       "t",  "-H",
			     "1b",	  "5b",	       "4d", "23",
			     release,	  release + 8, NULL };

	snprintf(press, 8, "%02x", 33 + x);
	snprintf(press + 8, 8, "%02x", 33 + y);
	memcpy(release, press, sizeof(press));
	cr_assert(tmux_ok(down));
	cr_assert(tmux_ok(up));
}

Test(tmux, mouse_selects)
{
	char *s;
	int y, x;

	tmux_start_with("", "--mouse", 120, 40);
	s = tmux_wait_for("Staging");
	cr_assert_not_null(s);
	cr_assert(tmux_find(s, "Staging", &y, &x));
	free(s);

	tmux_click(y, x);
	s = tmux_wait_for(DEMO_ORG " \u25b8 Staging");
	cr_assert_not_null(s, "a click did not open the project");
	cr_assert(tmux_find(s, "5 AuthKit", &y, &x));
	free(s);

	tmux_click(y, x + 2);
	s = tmux_wait_for("\u2500 AuthKit \u2500");
	cr_assert_not_null(s, "a click on the tab bar did not switch tabs");
	free(s);
	tmux_quit();
}
