/* SPDX-License-Identifier: MIT */
/*
 * The console test fixture: runs orgdeck in a pty with forkpty(), feeds it
 * a script, keeps reading what it draws, and parses its screen dumps.
 */
#include "console.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CONSOLE_OUTPUT_MAX (64u << 20)
#define CONSOLE_ENV_MAX	   256
#define CONSOLE_ARGS_MAX   32

extern char **environ;

static const char *console_binary(void)
{
	const char *path = getenv("ORGDECK");

	if (path != NULL && *path != '\0')
		return path;
#ifdef ORGDECK_PATH
	return ORGDECK_PATH;
#else
	return "orgdeck";
#endif
}

void console_path(const struct console *c, char *out, const char *name)
{
	snprintf(out, PATH_MAX, "%s/%s", c->dir, name);
}

/* Writes @text to $DIR/@name with "$DIR" replaced. */
static int console_write(struct console *c, const char *name, const char *text)
{
	char path[PATH_MAX];
	const char *p = text;
	FILE *f;

	console_path(c, path, name);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		const char *mark = strstr(p, "$DIR");

		if (mark == NULL)
			break;
		fwrite(p, 1, (size_t)(mark - p), f);
		fputs(c->dir, f);
		p = mark + 4;
	}
	fputs(p, f);
	return fclose(f);
}

static int console_mkdir(struct console *c, const char *name)
{
	char path[PATH_MAX];

	console_path(c, path, name);
	if (mkdir(path, 0700) < 0 && errno != EEXIST) {
		perror(path);
		return -1;
	}
	return 0;
}

/* True when @entry ("NAME=value") sets one of the names in @names. */
static bool console_env_overridden(const char *entry, const char *const *names)
{
	size_t len = strcspn(entry, "=");

	for (; names != NULL && *names != NULL; names++)
		if (strncmp(*names, entry, len) == 0 && (*names)[len] == '=')
			return true;
	return false;
}

/* Builds the child's environment: ours, less what is set here, plus it.
 * The strings in @own are allocated and freed by the caller. */
static void console_env(char **envp, char **own, const struct console *c,
			const struct console_opts *o)
{
	const char *set[CONSOLE_ENV_MAX];
	size_t n = 0, e = 0, i;

	asprintf(&own[0], "TERM=%s", o->term ? o->term : "xterm-256color");
	asprintf(&own[1], "XDG_CONFIG_HOME=%s/config", c->dir);
	asprintf(&own[2], "XDG_STATE_HOME=%s/state", c->dir);
	asprintf(&own[3], "XDG_DATA_HOME=%s/data", c->dir);
	asprintf(&own[4], "ORGDECK_SCRIPT=%s/script", c->dir);
	asprintf(&own[5], "ORGDECK_TOKEN=%s", o->token ? o->token : "");
	own[6] = strdup("LANG=C.UTF-8");
	for (i = 0; i < 7; i++)
		if (own[i] != NULL && (i != 4 || o->script != NULL) &&
		    (i != 5 || o->token != NULL))
			set[n++] = own[i];
	for (i = 0; o->env != NULL && o->env[i] != NULL && n + 1 < 64; i++)
		set[n++] = o->env[i];
	set[n] = NULL;

	for (i = 0; environ[i] != NULL && e + n + 1 < CONSOLE_ENV_MAX; i++)
		if (!console_env_overridden(environ[i], set) &&
		    strncmp(environ[i], "ORGDECK_TOKEN", 13) != 0 &&
		    strncmp(environ[i], "ORGDECK_SCRIPT", 14) != 0 &&
		    strncmp(environ[i], "LC_ALL=", 7) != 0)
			envp[e++] = environ[i];
	for (i = 0; i < n; i++)
		envp[e++] = (char *)set[i];
	envp[e] = NULL;
}

static void console_argv(const char **argv, const struct console_opts *o)
{
	size_t n = 0, i;

	argv[n++] = console_binary();
	if (o->server_url != NULL) {
		argv[n++] = "--server";
		argv[n++] = o->server_url;
	}
	for (i = 0;
	     o->args != NULL && o->args[i] != NULL && n + 1 < CONSOLE_ARGS_MAX;
	     i++)
		argv[n++] = o->args[i];
	argv[n] = NULL;
}

/* In the child: standard error to $DIR/stderr.log, then exec. */
static void console_exec(const struct console *c, const char **argv,
			 char **envp)
{
	char path[PATH_MAX];
	int fd;

	console_path(c, path, "stderr.log");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0)
		dup2(fd, STDERR_FILENO);
	execve(argv[0], (char *const *)argv, envp);
	fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int console_fork(struct console *c, const struct console_opts *o)
{
	struct winsize ws = {
		.ws_row = (unsigned short)(o->rows ? o->rows : 40),
		.ws_col = (unsigned short)(o->cols ? o->cols : 120)
	};
	const char *argv[CONSOLE_ARGS_MAX];
	char *envp[CONSOLE_ENV_MAX], *own[7] = { 0 };
	size_t i;

	console_argv(argv, o);
	console_env(envp, own, c, o);
	c->pid = forkpty(&c->master, NULL, NULL, &ws);
	if (c->pid == 0)
		console_exec(c, argv, envp);
	for (i = 0; i < 7; i++)
		free(own[i]);
	if (c->pid < 0) {
		perror("forkpty");
		c->pid = 0;
		return -1;
	}
	fcntl(c->master, F_SETFL, O_NONBLOCK);
	return 0;
}

int console_start(struct console *c, const struct console_opts *o)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	memset(c, 0, sizeof(*c));
	c->master = -1;
	c->timeout_ms = o->timeout_ms ? o->timeout_ms : 60000;
	buf_init(&c->output, CONSOLE_OUTPUT_MAX);
	snprintf(c->dir, sizeof(c->dir), "%s/orgdeck-console.XXXXXX", tmp);
	if (mkdtemp(c->dir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	if (o->script != NULL && console_write(c, "script", o->script) < 0)
		return -1;
	if (o->config != NULL &&
	    (console_mkdir(c, "config") < 0 ||
	     console_mkdir(c, "config/orgdeck") < 0 ||
	     console_write(c, "config/orgdeck/config.ini", o->config) < 0))
		return -1;
	return console_fork(c, o);
}

/* Reads whatever the pty has.  Returns false once it is closed. */
static bool console_drain(struct console *c)
{
	char chunk[8192];

	for (;;) {
		ssize_t n = read(c->master, chunk, sizeof(chunk));

		if (n > 0) {
			buf_append(&c->output, chunk, (size_t)n);
			continue;
		}
		return n < 0 && errno == EAGAIN;
	}
}

/* Takes the pty's modes, then reaps the child if it ended. */
static bool console_reap(struct console *c)
{
	int status;

	if (c->pid == 0)
		return true;
	if (waitpid(c->pid, &status, WNOHANG) != c->pid)
		return false;
	console_drain(c);
	c->have_after = tcgetattr(c->master, &c->after) == 0;
	c->status = status;
	c->pid = 0;
	return true;
}

int console_pump(struct console *c, int ms)
{
	struct pollfd pfd = { .fd = c->master, .events = POLLIN };

	if (c->pid == 0)
		return 1;
	if (poll(&pfd, 1, ms) > 0)
		console_drain(c);
	return console_reap(c) ? 1 : 0;
}

static long console_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int console_wait_file(struct console *c, const char *name, int ms)
{
	char path[PATH_MAX];
	long end = console_ms() + ms;

	console_path(c, path, name);
	while (console_ms() < end) {
		if (access(path, F_OK) == 0)
			return 0;
		if (console_pump(c, 20) == 1)
			return access(path, F_OK) == 0 ? 0 : -1;
	}
	fprintf(stderr, "console: %s never appeared\n", path);
	return -1;
}

int console_touch(struct console *c, const char *name)
{
	char path[PATH_MAX];
	int fd;

	console_path(c, path, name);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	if (fd < 0)
		return -1;
	return close(fd);
}

int console_signal(struct console *c, int sig)
{
	if (c->pid <= 0)
		return -1;
	return kill(c->pid, sig);
}

static void console_print_stderr(const struct console *c)
{
	char path[PATH_MAX], line[512];
	FILE *f;

	console_path(c, path, "stderr.log");
	f = fopen(path, "r");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		fprintf(stderr, "orgdeck stderr: %s", line);
	fclose(f);
}

int console_wait(struct console *c)
{
	long end = console_ms() + c->timeout_ms;

	while (console_pump(c, 50) == 0) {
		if (console_ms() < end)
			continue;
		fprintf(stderr, "console: still running after %d ms; killed\n",
			c->timeout_ms);
		kill(c->pid, SIGKILL);
		waitpid(c->pid, &c->status, 0);
		c->pid = 0;
		console_print_stderr(c);
		return -1;
	}
	if (WIFEXITED(c->status) && WEXITSTATUS(c->status) == 0)
		return 0;
	fprintf(stderr, "console: ended with wait status %#x\n", c->status);
	console_print_stderr(c);
	return -1;
}

int console_run(struct console *c, const struct console_opts *opts)
{
	if (console_start(c, opts) < 0)
		return -1;
	return console_wait(c);
}

char *console_read(const struct console *c, const char *name)
{
	char path[PATH_MAX], chunk[4096];
	struct buf text;
	size_t got;
	FILE *f;

	console_path(c, path, name);
	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	buf_init(&text, 16u << 20);
	for (got = fread(chunk, 1, sizeof(chunk), f); got > 0;
	     got = fread(chunk, 1, sizeof(chunk), f))
		buf_append(&text, chunk, got);
	fclose(f);
	return buf_detach(&text);
}

/* Removes @dir and what is in it (one level, plus config and state). */
static void console_rmdir(const char *dir)
{
	char cmd[PATH_MAX + 32];

	if (strstr(dir, "/orgdeck-console.") == NULL)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "console: could not remove %s\n", dir);
}

void console_release(struct console *c)
{
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		c->pid = 0;
	}
	if (c->master >= 0)
		close(c->master);
	c->master = -1;
	buf_release(&c->output);
	if (c->dir[0] != '\0' && getenv("ORGDECK_KEEP_TEST_DIRS") == NULL)
		console_rmdir(c->dir);
	c->dir[0] = '\0';
}

/* ---- dumps ---- */

static int console_dump_add(struct console_dump *d, char *text, char *attrs)
{
	char **t = realloc(d->text, (size_t)(d->rows + 1) * sizeof(char *));
	char **a;

	if (t == NULL)
		return -1;
	d->text = t;
	a = realloc(d->attrs, (size_t)(d->rows + 1) * sizeof(char *));
	if (a == NULL)
		return -1;
	d->attrs = a;
	d->text[d->rows] = text;
	d->attrs[d->rows] = attrs;
	d->rows++;
	return 0;
}

static char *console_line(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len = getline(&line, &cap, f);

	if (len < 0) {
		free(line);
		return NULL;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[len - 1] = '\0';
	return line;
}

int console_dump_load(struct console_dump *d, const struct console *c,
		      const char *name)
{
	char path[PATH_MAX];
	FILE *f;

	memset(d, 0, sizeof(*d));
	console_path(c, path, name);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "console: cannot read dump %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	for (;;) {
		char *text = console_line(f), *attrs;

		if (text == NULL)
			break;
		attrs = console_line(f);
		if (attrs == NULL || console_dump_add(d, text, attrs) < 0) {
			free(text);
			free(attrs);
			break;
		}
	}
	fclose(f);
	return d->rows > 0 ? 0 : -1;
}

void console_dump_release(struct console_dump *d)
{
	int i;

	for (i = 0; i < d->rows; i++) {
		free(d->text[i]);
		free(d->attrs[i]);
	}
	free(d->text);
	free(d->attrs);
	memset(d, 0, sizeof(*d));
}

/* Characters (not bytes) in the first @bytes of @s. */
static int console_chars(const char *s, size_t bytes)
{
	int n = 0;
	size_t i;

	for (i = 0; i < bytes && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

bool console_dump_find(const struct console_dump *d, const char *needle,
		       int row, int *row_out, int *col)
{
	int r;

	for (r = row < 0 ? 0 : row; r < d->rows; r++) {
		const char *hit = strstr(d->text[r], needle);

		if (hit != NULL) {
			*row_out = r;
			*col = console_chars(d->text[r],
					     (size_t)(hit - d->text[r]));
			return true;
		}
		if (row >= 0)
			break;
	}
	return false;
}

bool console_dump_has(const struct console_dump *d, const char *needle)
{
	int r, c;

	return console_dump_find(d, needle, -1, &r, &c);
}

char console_dump_attr(const struct console_dump *d, const char *needle,
		       int row)
{
	int r, c;

	if (!console_dump_find(d, needle, row, &r, &c))
		return '?';
	if ((size_t)c >= strlen(d->attrs[r]))
		return '?';
	return d->attrs[r][c];
}

int console_dump_row_of(const struct console_dump *d, const char *needle)
{
	int r, c;

	return console_dump_find(d, needle, -1, &r, &c) ? r : -1;
}

void console_dump_print(const struct console_dump *d)
{
	int i;

	for (i = 0; i < d->rows; i++)
		fprintf(stderr, "%2d|%s|\n  |%s|\n", i, d->text[i],
			d->attrs[i]);
}
