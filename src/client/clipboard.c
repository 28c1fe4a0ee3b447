/* SPDX-License-Identifier: MIT */
/*
 * The clipboard: OSC 52 sequences for the terminal (plain, or wrapped for
 * tmux and GNU screen) and local clipboard programs fed through a pipe.
 */
#include "orgdeck/clipboard.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#define CLIPBOARD_MAX	       (1 << 20)
#define CLIPBOARD_TOOL_WAIT_MS 3000
#define CLIPBOARD_EXEC_FAILED  127
/* clipboard_run(): the program could not be started. */
#define CLIPBOARD_NOT_INSTALLED (-2)

/* A local clipboard program and how to call it. */
struct clipboard_tool {
	const char *name;
	const char *display; /* the variable that says it can work */
	const char *const copy[5];
	const char *const clear[5];
};

static const struct clipboard_tool clipboard_tools[] = {
	{ "wl-copy",
	  "WAYLAND_DISPLAY",
	  { "wl-copy", NULL },
	  { "wl-copy", "--clear", NULL } },
	{ "xclip",
	  "DISPLAY",
	  { "xclip", "-selection", "clipboard", "-in", NULL },
	  { "xclip", "-selection", "clipboard", "-in", NULL } },
	{ "xsel",
	  "DISPLAY",
	  { "xsel", "--clipboard", "--input", NULL },
	  { "xsel", "--clipboard", "--clear", NULL } },
};

extern char **environ;

enum clipboard_wrap clipboard_wrap_detect(void)
{
	const char *tmux = getenv("TMUX");
	const char *sty = getenv("STY");

	if (tmux != NULL && *tmux != '\0')
		return CLIPBOARD_WRAP_TMUX;
	if (sty != NULL && *sty != '\0')
		return CLIPBOARD_WRAP_SCREEN;
	return CLIPBOARD_WRAP_NONE;
}

/* Base64 of @data in locked memory, which the caller sodium_free()s. */
static char *clipboard_base64(const void *data, size_t len)
{
	size_t size =
		sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64;

	/* Locked memory needs libsodium set up; doing it again is free. */
	if (sodium_init() < 0)
		return NULL;
	b64 = sodium_malloc(size);
	if (b64 == NULL)
		return NULL;
	sodium_bin2base64(b64, size, data, len, sodium_base64_VARIANT_ORIGINAL);
	return b64;
}

/*
 * Fills in the terminfo Ms string: %p1%s is the selection ("c"), %p2%s
 * the base64 text, %% a percent sign.  Returns 0, or -1 when @ms uses
 * anything else (the caller then uses the standard form).
 */
static int clipboard_expand_ms(struct buf *out, const char *ms, const char *b64)
{
	while (*ms != '\0') {
		const char *put = NULL;
		size_t skip = 5;

		if (strncmp(ms, "%p1%s", 5) == 0) {
			put = "c";
		} else if (strncmp(ms, "%p2%s", 5) == 0) {
			put = b64;
		} else if (strncmp(ms, "%%", 2) == 0) {
			put = "%";
			skip = 2;
		} else if (*ms == '%') {
			return -1;
		} else {
			skip = 1;
		}

		if ((put ? buf_puts(out, put) : buf_append(out, ms, 1)) < 0)
			return -1;
		ms += skip;
	}
	return 0;
}

/* The bare sequence: from @ms when it can be used, else the standard. */
static int clipboard_sequence(struct buf *seq, const char *b64, const char *ms)
{
	if (ms != NULL && clipboard_expand_ms(seq, ms, b64) == 0)
		return 0;

	buf_reset(seq);
	return buf_printf(seq, "\033]52;c;%s\a", b64);
}

/* tmux passthrough: ESC P tmux; SEQUENCE-with-ESC-doubled ESC \ */
static int clipboard_wrap_tmux(struct buf *out, const struct buf *seq)
{
	size_t i;
	int rc = buf_puts(out, "\033Ptmux;");

	for (i = 0; rc == 0 && i < seq->len; i++) {
		if (seq->data[i] == '\033')
			rc = buf_append(out, "\033", 1);
		if (rc == 0)
			rc = buf_append(out, &seq->data[i], 1);
	}
	return rc == 0 ? buf_puts(out, "\033\\") : -1;
}

/*
 * GNU screen passes a DCS string through to the outer terminal but limits
 * its length, so the sequence goes in several: the introducer with the
 * first stretch of base64, more stretches, and BEL in the last.
 */
static int clipboard_wrap_screen(struct buf *out, const char *b64)
{
	size_t len = strlen(b64), at = 0;
	int rc = buf_puts(out, "\033P\033]52;c;");

	do {
		size_t n = len - at < CLIPBOARD_SCREEN_CHUNK
				   ? len - at
				   : CLIPBOARD_SCREEN_CHUNK;

		if (at > 0)
			rc |= buf_puts(out, "\033P");
		rc |= buf_append(out, b64 + at, n);
		at += n;
		rc |= buf_puts(out, at == len ? "\a\033\\" : "\033\\");
	} while (rc == 0 && at < len);
	return rc < 0 ? -1 : 0;
}

int clipboard_osc52(struct buf *out, const void *data, size_t len,
		    const char *ms, enum clipboard_wrap wrap)
{
	char *b64 = clipboard_base64(data, len);
	struct buf seq;
	int rc = -1;

	buf_init(&seq, CLIPBOARD_MAX);
	if (b64 == NULL) {
		errno = ENOMEM;
		goto out;
	}

	if (wrap == CLIPBOARD_WRAP_SCREEN) {
		rc = clipboard_wrap_screen(out, b64);
		goto out;
	}

	if (clipboard_sequence(&seq, b64, ms) < 0 ||
	    buf_append(out, seq.data, seq.len) < 0)
		goto out;
	rc = wrap == CLIPBOARD_WRAP_TMUX ? clipboard_wrap_tmux(out, &seq) : 0;
out:
	buf_release(&seq);
	sodium_free(b64);
	return rc;
}

/* Whether the session is on a local graphical desktop, not over SSH. */
static bool clipboard_local_graphical(void)
{
	const char *ssh = getenv("SSH_CONNECTION");
	const char *ssh_tty = getenv("SSH_TTY");

	if ((ssh != NULL && *ssh != '\0') || (ssh_tty != NULL && *ssh_tty))
		return false;
	return getenv("WAYLAND_DISPLAY") != NULL || getenv("DISPLAY") != NULL;
}

/*
 * The environment for a clipboard program: ours without the token
 * variables, which it has no business seeing.  Built before fork(), since
 * a child of a threaded program may only call async-signal-safe functions.
 * The array is the caller's to free(); the strings stay environ's.
 */
static char **clipboard_child_env(void)
{
	size_t n = 0, i, kept = 0;
	char **env;

	while (environ[n] != NULL)
		n++;
	env = calloc(n + 1, sizeof(*env));
	if (env == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "ORGDECK_TOKEN", 13) != 0)
			env[kept++] = environ[i];
	return env;
}

/*
 * In the child: stdin from @in, stdout and stderr to /dev/null, exec.  If
 * exec fails, its errno goes back through @report.
 */
static void clipboard_child(int in, int report, const char *const *argv,
			    char **env)
{
	int null = open("/dev/null", O_RDWR);
	int err;

	dup2(in, STDIN_FILENO);
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
	execvpe(argv[0], (char *const *)argv, env);
	err = errno;
	if (write(report, &err, sizeof(err)) < 0)
		_exit(CLIPBOARD_EXEC_FAILED);
	_exit(CLIPBOARD_EXEC_FAILED);
}

/* Whether the child's exec failed, as reported on @report (close-on-exec,
 * so it reads end-of-file once the program runs). */
static bool clipboard_exec_failed(int report)
{
	int err;
	ssize_t n;

	do
		n = read(report, &err, sizeof(err));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(err);
}

/*
 * Writes @len bytes to @fd.  SIGPIPE is held back in this thread, so a
 * program that exits without reading cannot kill us; a pending one is
 * then consumed.  Returns 0, or -1.
 */
static int clipboard_feed(int fd, const void *data, size_t len)
{
	sigset_t pipe_set, old;
	const struct timespec zero = { 0, 0 };
	const char *p = data;
	int rc = 0;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -1;
			break;
		}
		p += n;
		len -= (size_t)n;
	}

	while (sigtimedwait(&pipe_set, NULL, &zero) == SIGPIPE)
		;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* Waits for @pid a bounded time; kills it past that.  Returns its exit
 * status, or -1.
 *
 * XXX: the wait runs on the console's input path; a local tool that is slow
 * to exit holds the screen for up to CLIPBOARD_TOOL_WAIT_MS. */
static int clipboard_reap(pid_t pid)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int waited, status = 0;

	for (waited = 0; waited < CLIPBOARD_TOOL_WAIT_MS; waited += 10) {
		pid_t done = waitpid(pid, &status, WNOHANG);

		if (done == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (done < 0 && errno != EINTR)
			return -1;
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

static void clipboard_close_pair(int fds[2])
{
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
}

/*
 * Runs @argv with @len bytes of @data on its standard input.  Returns its
 * exit status, CLIPBOARD_NOT_INSTALLED when it could not be started, or -1.
 */
static int clipboard_run(const char *const *argv, const void *data, size_t len)
{
	char **env = clipboard_child_env();
	int in[2] = { -1, -1 }, report[2] = { -1, -1 };
	int status = -1, fed;
	pid_t pid = -1;

	if (env == NULL || pipe2(in, O_CLOEXEC) < 0 ||
	    pipe2(report, O_CLOEXEC) < 0)
		goto out;

	pid = fork();
	if (pid == 0)
		clipboard_child(in[0], report[1], argv, env);
	close(in[0]);
	close(report[1]);
	in[0] = report[1] = -1;
	if (pid < 0)
		goto out;

	if (clipboard_exec_failed(report[0])) {
		waitpid(pid, NULL, 0);
		status = CLIPBOARD_NOT_INSTALLED;
		goto out;
	}
	fed = clipboard_feed(in[1], data, len);
	close(in[1]);
	in[1] = -1;
	status = clipboard_reap(pid);
	if (status == 0 && fed < 0)
		status = -1;
out:
	clipboard_close_pair(in);
	clipboard_close_pair(report);
	free(env);
	return status;
}

/*
 * Tries the local programs in turn.  Returns 0 when one took the text, 1
 * when none is installed or usable, -1 when one failed (said in @res).
 */
static int clipboard_try_tools(struct clipboard_result *res, const void *data,
			       size_t len, bool clear)
{
	size_t i, n = sizeof(clipboard_tools) / sizeof(clipboard_tools[0]);

	for (i = 0; i < n; i++) {
		const struct clipboard_tool *tool = &clipboard_tools[i];
		int status;

		if (getenv(tool->display) == NULL)
			continue;
		status = clipboard_run(clear ? tool->clear : tool->copy, data,
				       len);
		if (status == CLIPBOARD_NOT_INSTALLED)
			continue;
		if (status != 0) {
			snprintf(res->message, sizeof(res->message),
				 "%s failed; nothing was copied", tool->name);
			return -1;
		}
		res->method = CLIPBOARD_TOOL;
		res->tool = tool->name;
		snprintf(res->message, sizeof(res->message), "%s with %s",
			 clear ? "clipboard cleared" : "copied", tool->name);
		return 0;
	}
	return 1;
}

/* Copies (or clears, @len 0 and @clear) by the best means at hand. */
static int clipboard_put(struct clipboard_result *res, const void *data,
			 size_t len, const char *ms, bool clear)
{
	enum clipboard_wrap wrap = clipboard_wrap_detect();
	int rc;

	memset(res, 0, sizeof(*res));
	buf_init(&res->osc, CLIPBOARD_MAX);
	if (clipboard_local_graphical()) {
		rc = clipboard_try_tools(res, data, len, clear);
		if (rc <= 0)
			return rc;
	}

	if (clipboard_osc52(&res->osc, data, len, ms, wrap) < 0) {
		snprintf(res->message, sizeof(res->message),
			 "cannot build the clipboard sequence: %s",
			 strerror(errno));
		return -1;
	}
	res->method = CLIPBOARD_TERMINAL;
	snprintf(res->message, sizeof(res->message),
		 "%s your terminal (OSC 52%s); your terminal may ignore it",
		 clear ? "clear asked of" : "sent to",
		 wrap == CLIPBOARD_WRAP_TMUX	 ? ", through tmux"
		 : wrap == CLIPBOARD_WRAP_SCREEN ? ", through screen"
						 : "");
	return 0;
}

int clipboard_copy(struct clipboard_result *res, const void *data, size_t len,
		   const char *ms)
{
	return clipboard_put(res, data, len, ms, false);
}

/* XXX: tmux ignores an empty OSC 52 selection, so clearing through the
 * terminal leaves the key in tmux's own paste buffer. */
int clipboard_clear(struct clipboard_result *res, const char *ms)
{
	return clipboard_put(res, "", 0, ms, true);
}

void clipboard_result_release(struct clipboard_result *res)
{
	buf_release(&res->osc);
	memset(res, 0, sizeof(*res));
}
