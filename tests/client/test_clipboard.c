/* SPDX-License-Identifier: MIT */
/*
 * The clipboard: the exact OSC 52 bytes plain, inside tmux and inside GNU
 * screen (expected base64 written out by hand from known text); a real tmux
 * server taking the sequence into its paste buffer; and a local clipboard
 * program that must get the secret on standard input only.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/clipboard.h"

/* base64("hello") */
#define HELLO_B64 "aGVsbG8="
/* base64 of FOX3, in the 76-character stretches screen gets */
#define FOX3                                            \
	"The quick brown fox jumps over the lazy dog. " \
	"The quick brown fox jumps over the lazy dog. " \
	"The quick brown fox jumps over the lazy dog. "
#define FOX3_B64_1                                                             \
	"VGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZy4gVGhlIHF1" \
	"aWNrIGJy"
#define FOX3_B64_2                                                             \
	"b3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZy4gVGhlIHF1aWNrIGJyb3duIGZv" \
	"eCBqdW1w"
#define FOX3_B64_3 "cyBvdmVyIHRoZSBsYXp5IGRvZy4g"

static char test_dir[256];

static void clipboard_setup(void)
{
	cr_assert_geq(sodium_init(), 0);
	snprintf(test_dir, sizeof(test_dir), "%s/orgdeck-clip.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	cr_assert_not_null(mkdtemp(test_dir));
}

static void clipboard_teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "/bin/rm -rf '%s'", test_dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(clipboard, .init = clipboard_setup, .fini = clipboard_teardown,
	  .timeout = 60);

/* Builds the sequence for @text and compares it with @want, byte for byte. */
static void expect_osc(const char *text, const char *ms,
		       enum clipboard_wrap wrap, const char *want)
{
	struct buf out;

	buf_init(&out, 1 << 20);
	cr_assert_eq(clipboard_osc52(&out, text, strlen(text), ms, wrap), 0);
	cr_expect_eq(out.len, strlen(want), "length %zu, want %zu", out.len,
		     strlen(want));
	cr_expect_eq(memcmp(out.data, want, strlen(want)), 0);
	buf_release(&out);
}

Test(clipboard, plain_sequence)
{
	expect_osc("hello", NULL, CLIPBOARD_WRAP_NONE,
		   "\033]52;c;" HELLO_B64 "\a");
}

Test(clipboard, inside_tmux_plain_then_passthrough_with_esc_doubled)
{
	expect_osc("hello", NULL, CLIPBOARD_WRAP_TMUX,
		   "\033]52;c;" HELLO_B64 "\a"
		   "\033Ptmux;\033\033]52;c;" HELLO_B64 "\a\033\\");
}

Test(clipboard, inside_screen_split_into_short_dcs_strings)
{
	expect_osc(FOX3, NULL, CLIPBOARD_WRAP_SCREEN,
		   "\033P\033]52;c;" FOX3_B64_1 "\033\\"
		   "\033P" FOX3_B64_2 "\033\\"
		   "\033P" FOX3_B64_3 "\a\033\\");
	expect_osc("hello", NULL, CLIPBOARD_WRAP_SCREEN,
		   "\033P\033]52;c;" HELLO_B64 "\a\033\\");
}

Test(clipboard, clearing_sends_an_empty_selection)
{
	expect_osc("", NULL, CLIPBOARD_WRAP_NONE, "\033]52;c;\a");
	expect_osc("", NULL, CLIPBOARD_WRAP_TMUX,
		   "\033]52;c;\a\033Ptmux;\033\033]52;c;\a\033\\");
	expect_osc("", NULL, CLIPBOARD_WRAP_SCREEN, "\033P\033]52;c;\a\033\\");
}

Test(clipboard, terminfo_ms_shapes_the_sequence)
{
	/* A terminal that wants ST rather than BEL, as its Ms says. */
	expect_osc("hello", "\033]52;%p1%s;%p2%s\033\\", CLIPBOARD_WRAP_NONE,
		   "\033]52;c;" HELLO_B64 "\033\\");
	expect_osc("hello", "\033]52;%p1%s;%p2%s\033\\", CLIPBOARD_WRAP_TMUX,
		   "\033]52;c;" HELLO_B64 "\033\\"
		   "\033Ptmux;\033\033]52;c;" HELLO_B64 "\033\033\\\033\\");
	/* Anything we cannot expand without curses: the standard form. */
	expect_osc("hello", "\033]52;%p1%d;%p2%s\a", CLIPBOARD_WRAP_NONE,
		   "\033]52;c;" HELLO_B64 "\a");
}

Test(clipboard, wrap_follows_the_environment)
{
	unsetenv("TMUX");
	unsetenv("STY");
	cr_expect_eq(clipboard_wrap_detect(), CLIPBOARD_WRAP_NONE);
	setenv("STY", "1234.pts-0.host", 1);
	cr_expect_eq(clipboard_wrap_detect(), CLIPBOARD_WRAP_SCREEN);
	setenv("TMUX", "/tmp/tmux-0/default,1,0", 1);
	cr_expect_eq(clipboard_wrap_detect(), CLIPBOARD_WRAP_TMUX);
}

Test(clipboard, over_ssh_the_terminal_is_asked_and_says_so)
{
	struct clipboard_result res;

	setenv("DISPLAY", ":0", 1);
	setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22", 1);
	unsetenv("TMUX");
	unsetenv("STY");

	cr_assert_eq(clipboard_copy(&res, "hello", 5, NULL), 0);
	cr_expect_eq(res.method, CLIPBOARD_TERMINAL);
	cr_expect_eq(res.osc.len, strlen("\033]52;c;" HELLO_B64 "\a"));
	cr_expect_not_null(strstr(res.message, "OSC 52"), "%s", res.message);
	cr_expect_not_null(strstr(res.message, "may ignore"), "%s",
			   res.message);
	clipboard_result_release(&res);
	cr_expect_null(res.osc.data);
}

/* Writes an executable shell script DIR/bin/@name. */
static void write_tool(const char *name, const char *body)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bin", test_dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/bin/%s", test_dir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, 0700);
}

/* Reads DIR/@name into a static buffer ("" when missing). */
static const char *read_back(const char *name)
{
	static char text[8192];
	char path[512];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	f = fopen(path, "r");
	if (f != NULL) {
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
	}
	text[n] = '\0';
	return text;
}

/* A local desktop session whose PATH holds only our stand-in tools. */
static void local_desktop(const char *display_var)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/bin", test_dir);
	setenv("PATH", path, 1);
	setenv("CLIP_DIR", test_dir, 1);
	unsetenv("SSH_CONNECTION");
	unsetenv("SSH_TTY");
	unsetenv("WAYLAND_DISPLAY");
	unsetenv("DISPLAY");
	setenv(display_var, display_var[0] == 'W' ? "wayland-9" : ":9", 1);
}

Test(clipboard, a_local_tool_gets_the_secret_on_stdin_only)
{
	static const char secret[] = "odk_org_notarealkeybutsecretenough";
	struct clipboard_result res;

	write_tool("wl-copy", "echo \"$@\" > \"$CLIP_DIR/args\"\n"
			      "/usr/bin/env > \"$CLIP_DIR/env\"\n"
			      "/bin/cat > \"$CLIP_DIR/stdin\"");
	local_desktop("WAYLAND_DISPLAY");
	setenv("ORGDECK_TOKEN", "odk_pat_shouldnotleak", 1);

	cr_assert_eq(clipboard_copy(&res, secret, strlen(secret), NULL), 0,
		     "%s", res.message);
	cr_expect_eq(res.method, CLIPBOARD_TOOL);
	cr_expect_str_eq(res.tool, "wl-copy");
	cr_expect_str_eq(res.message, "copied with wl-copy");
	cr_expect_eq(res.osc.len, 0, "nothing for the terminal");

	cr_expect_str_eq(read_back("stdin"), secret);
	cr_expect_str_eq(read_back("args"), "\n");
	cr_expect_null(strstr(read_back("env"), "odk_"));
	cr_expect_null(strstr(read_back("env"), "ORGDECK_TOKEN"));
	clipboard_result_release(&res);
}

Test(clipboard, xclip_is_used_on_x11_and_clearing_uses_the_tool)
{
	struct clipboard_result res;

	write_tool("xclip", "echo \"$@\" >> \"$CLIP_DIR/args\"\n"
			    "/bin/cat >> \"$CLIP_DIR/stdin\"");
	local_desktop("DISPLAY");

	cr_assert_eq(clipboard_copy(&res, "abc", 3, NULL), 0);
	cr_expect_str_eq(res.message, "copied with xclip");
	clipboard_result_release(&res);
	cr_assert_eq(clipboard_clear(&res, NULL), 0);
	cr_expect_eq(res.method, CLIPBOARD_TOOL);
	clipboard_result_release(&res);

	cr_expect_str_eq(read_back("args"), "-selection clipboard -in\n"
					    "-selection clipboard -in\n");
	cr_expect_str_eq(read_back("stdin"), "abc");
}

Test(clipboard, a_failing_tool_is_reported_not_hidden)
{
	struct clipboard_result res;

	write_tool("wl-copy", "/bin/cat > /dev/null; exit 3");
	local_desktop("WAYLAND_DISPLAY");
	cr_expect_eq(clipboard_copy(&res, "abc", 3, NULL), -1);
	cr_expect_eq(res.method, CLIPBOARD_FAILED);
	cr_expect_str_eq(res.message, "wl-copy failed; nothing was copied");
	clipboard_result_release(&res);
}

Test(clipboard, no_tool_installed_falls_back_to_the_terminal)
{
	struct clipboard_result res;

	write_tool("unrelated", "exit 0");
	local_desktop("DISPLAY");
	unsetenv("TMUX");
	unsetenv("STY");
	cr_assert_eq(clipboard_copy(&res, "hello", 5, NULL), 0);
	cr_expect_eq(res.method, CLIPBOARD_TERMINAL);
	cr_expect_eq(
		memcmp(res.osc.data, "\033]52;c;" HELLO_B64 "\a", res.osc.len),
		0);
	clipboard_result_release(&res);
}

/*
 * Runs tmux on our private socket with @args (NULL-terminated) and returns
 * its standard output (static storage), or NULL when it failed.  The
 * output goes through a file, not a pipe: the server tmux forks keeps the
 * descriptor open.
 */
static const char *tmux(const char *const *args)
{
	static char out[4096];
	const char *argv[16] = { "tmux", "-L", "orgdeck-test", "-f",
				 "/dev/null" };
	char path[512];
	size_t n = 5, len;
	int status, fd;
	FILE *f;
	pid_t pid;

	while (*args != NULL && n < 15)
		argv[n++] = *args++;
	argv[n] = NULL;
	snprintf(path, sizeof(path), "%s/tmux.out", test_dir);

	pid = fork();
	if (pid == 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, STDOUT_FILENO);
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, STDERR_FILENO);
		execvp("tmux", (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);

	f = fopen(path, "r");
	cr_assert_not_null(f);
	len = fread(out, 1, sizeof(out) - 1, f);
	fclose(f);
	out[len] = '\0';
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? out : NULL;
}

Test(clipboard, a_real_tmux_takes_the_key_into_its_buffer)
{
	static const char key[] = "odk_prj_7rX2fromTheRealTmuxTest";
	const char *const start[] = { "new-session", "-d", "-x",       "80",
				      "-y",	     "24", "sleep 60", NULL };
	const char *const on[] = { "set", "-g", "set-clipboard", "on", NULL };
	const char *const show[] = { "show-buffer", NULL };
	const char *const stop[] = { "kill-server", NULL };
	const char *got = NULL;
	char cmd[1024], seen[128] = "(no buffer)";
	const char *const run[] = { "new-window", "-d", cmd, NULL };
	int tries;

	/* A private server: its socket lives in our directory. */
	setenv("TMUX_TMPDIR", test_dir, 1);
	unsetenv("TMUX");
	cr_assert_not_null(tmux(start), "tmux did not start");
	cr_assert_not_null(tmux(on));

	snprintf(cmd, sizeof(cmd), "'%s' '%s'", CLIPBOARD_EMIT_PATH, key);
	cr_assert_not_null(tmux(run));
	for (tries = 0; tries < 200; tries++) {
		struct timespec ts = { 0, 25 * 1000 * 1000 };

		got = tmux(show);
		if (got != NULL)
			snprintf(seen, sizeof(seen), "%s", got);
		if (strcmp(seen, key) == 0)
			break;
		nanosleep(&ts, NULL);
	}
	tmux(stop);
	cr_expect_str_eq(seen, key);
}
