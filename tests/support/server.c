/* SPDX-License-Identifier: MIT */
/*
 * The orgdeckd test fixture: runs the real binary's init, user add and serve
 * commands in a temporary directory.
 */
#include "server.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "orgdeck/buf.h"

#define SERVER_START_MS 10000

static const char *server_binary(void)
{
	const char *path = getenv("ORGDECKD");

	if (path != NULL && *path != '\0')
		return path;
#ifdef ORGDECKD_PATH
	return ORGDECKD_PATH;
#else
	return "orgdeckd";
#endif
}

/* Builds argv: orgdeckd --db DB ARGS... into @argv (room for @room). */
static void server_argv(const char **argv, size_t room, struct test_server *srv,
			const char *const *args)
{
	size_t n = 0;

	argv[n++] = server_binary();
	argv[n++] = "--db";
	argv[n++] = srv->db;
	while (args != NULL && *args != NULL && n + 1 < room)
		argv[n++] = *args++;
	argv[n] = NULL;
}

/* Forks orgdeckd with @args, stdout to @out_fd (or /dev/null) and stderr
 * appended to the log.  Returns the pid or -1. */
static pid_t server_spawn(struct test_server *srv, const char *const *args,
			  int out_fd)
{
	const char *argv[64];
	pid_t pid, parent;

	server_argv(argv, 64, srv, args);
	parent = getpid();
	pid = fork();
	if (pid != 0)
		return pid;

	/* A test that dies or times out must not leave its server behind. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);

	int err = open(srv->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
	int null = open("/dev/null", O_RDWR);

	dup2(null, STDIN_FILENO);
	dup2(out_fd >= 0 ? out_fd : null, STDOUT_FILENO);
	if (err >= 0)
		dup2(err, STDERR_FILENO);
	execv(argv[0], (char *const *)argv);
	fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

char *test_server_run(struct test_server *srv, const char *const *args)
{
	struct buf out;
	char chunk[4096];
	int fds[2], status = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(fds) < 0)
		return NULL;
	pid = server_spawn(srv, args, fds[1]);
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return NULL;
	}

	buf_init(&out, 1 << 20);
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
		if (buf_append(&out, chunk, (size_t)n) < 0)
			break;
	close(fds[0]);
	waitpid(pid, &status, 0);

	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "orgdeckd %s failed (status %d); see %s\n",
			args[0], status, srv->log);
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out);
}

int test_server_init(struct test_server *srv)
{
	static const char *const init[] = { "init", NULL };
	char *out;

	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int len;

	memset(srv, 0, sizeof(*srv));
	len = snprintf(srv->dir, sizeof(srv->dir), "%s/orgdeck-test.XXXXXX",
		       tmp);
	if (len < 0 || (size_t)len >= sizeof(srv->dir)) {
		fprintf(stderr, "TMPDIR is too long: %s\n", tmp);
		return -1;
	}
	if (mkdtemp(srv->dir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	snprintf(srv->db, sizeof(srv->db), "%s/orgdeckd.db", srv->dir);
	snprintf(srv->log, sizeof(srv->log), "%s/server.log", srv->dir);

	out = test_server_run(srv, init);
	if (out == NULL)
		return -1;
	free(out);
	return 0;
}

static void server_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Reads the URL the server writes once it accepts connections. */
static int server_read_url(struct test_server *srv, const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len;

	if (f == NULL)
		return -1;
	if (fgets(srv->url, sizeof(srv->url), f) == NULL) {
		fclose(f);
		return -1;
	}
	fclose(f);
	len = strcspn(srv->url, "\r\n");
	srv->url[len] = '\0';
	return len > 0 ? 0 : -1;
}

int test_server_serve(struct test_server *srv, const char *const *extra)
{
	const char *args[48] = { "serve", "--listen", "127.0.0.1:0",
				 "--ready-file" };
	char ready[PATH_MAX];
	size_t n = 5;
	int waited;

	snprintf(ready, sizeof(ready), "%s/ready", srv->dir);
	unlink(ready);
	args[4] = ready;
	while (extra != NULL && *extra != NULL && n + 1 < 48)
		args[n++] = *extra++;
	args[n] = NULL;

	srv->pid = server_spawn(srv, args, -1);
	if (srv->pid < 0)
		return -1;

	for (waited = 0; waited < SERVER_START_MS; waited += 10) {
		if (server_read_url(srv, ready) == 0)
			return 0;
		if (waitpid(srv->pid, NULL, WNOHANG) == srv->pid) {
			fprintf(stderr, "orgdeckd exited early; see %s\n",
				srv->log);
			srv->pid = 0;
			return -1;
		}
		server_sleep_ms(10);
	}
	fprintf(stderr, "orgdeckd did not start in time; see %s\n", srv->log);
	return -1;
}

int test_server_start(struct test_server *srv)
{
	if (test_server_init(srv) < 0)
		return -1;
	return test_server_serve(srv, NULL);
}

/* Returns a copy of the first line of @text, without its newline. */
static char *server_first_line(const char *text)
{
	size_t len = strcspn(text, "\r\n");
	char *line = malloc(len + 1);

	if (line == NULL)
		return NULL;
	memcpy(line, text, len);
	line[len] = '\0';
	return line;
}

char *test_server_user_add(struct test_server *srv, const char *email)
{
	const char *args[] = { "user", "add", email, NULL };
	char *out = test_server_run(srv, args);
	char *token;

	if (out == NULL)
		return NULL;
	token = server_first_line(out);
	free(out);
	return token;
}

char *test_server_seed_demo(struct test_server *srv, const char *email)
{
	char path[PATH_MAX], line[512];
	const char *args[] = { "seed-demo", "--tokens-file", path, NULL };
	char *out, *token = NULL;
	size_t elen = strlen(email);
	FILE *f;

	snprintf(path, sizeof(path), "%s/tokens", srv->dir);
	out = test_server_run(srv, args);
	if (out == NULL)
		return NULL;
	free(out);

	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	while (token == NULL && fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, email, elen) == 0 && line[elen] == ' ')
			token = server_first_line(line + elen + 1);
	fclose(f);
	return token;
}

int test_server_halt(struct test_server *srv)
{
	int status = 0;

	if (srv->pid <= 0)
		return 0;
	kill(srv->pid, SIGTERM);
	waitpid(srv->pid, &status, 0);
	srv->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void test_server_stop(struct test_server *srv)
{
	char cmd[PATH_MAX + 16];

	test_server_halt(srv);
	if (srv->dir[0] == '\0' || getenv("ORGDECK_KEEP_TEST_DIRS") != NULL)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", srv->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", srv->dir);
	srv->dir[0] = '\0';
}
