/* SPDX-License-Identifier: MIT */
/*
 * The private session bus and gnome-keyring fixture: dbus-daemon with a
 * configuration of our own (no service activation, so nothing starts
 * behind the test's back), then gnome-keyring-daemon in the foreground.
 */
#include "keyring.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KEYRING_READY_MS 15000
#define KEYRING_LOGIN	 "/org/freedesktop/secrets/collection/login"

static void keyring_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * Forks and runs @argv with stdin from @in, stdout to @out and stderr
 * appended to the log (-1: /dev/null for any of them).  The child dies
 * with the test.  Returns the pid, or -1.
 */
static pid_t keyring_spawn(struct test_keyring *k, const char *const *argv,
			   int in, int out)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	int null, err;

	if (pid != 0)
		return pid;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);
	null = open("/dev/null", O_RDWR);
	err = open(k->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
	dup2(in >= 0 ? in : null, STDIN_FILENO);
	dup2(out >= 0 ? out : null, STDOUT_FILENO);
	dup2(err >= 0 ? err : null, STDERR_FILENO);
	execvp(argv[0], (char *const *)argv);
	fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Runs @argv to the end and returns its standard output (caller frees). */
static char *keyring_capture(struct test_keyring *k, const char *const *argv)
{
	char *text = calloc(1, 8192);
	size_t len = 0;
	int fds[2];
	ssize_t n;
	pid_t pid;

	if (text == NULL || pipe2(fds, O_CLOEXEC) < 0) {
		free(text);
		return NULL;
	}
	pid = keyring_spawn(k, argv, -1, fds[1]);
	close(fds[1]);
	for (;;) {
		n = read(fds[0], text + len, 8191 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return text;
}

/* The arguments of one method call, in dbus-send's notation. */
struct keyring_args {
	const char *first;
	const char *second; /* or NULL */
};

/* Calls @method on the bus with dbus-send; returns the reply text. */
static char *keyring_send(struct test_keyring *k, const char *dest,
			  const char *path, const char *method,
			  struct keyring_args args)
{
	char dest_opt[128];
	const char *argv[] = { "dbus-send", "--session", "--print-reply",
			       dest_opt,    path,	 method,
			       args.first,  args.second, NULL };

	snprintf(dest_opt, sizeof(dest_opt), "--dest=%s", dest);
	return keyring_capture(k, argv);
}

/* Waits until calling @method gives a reply containing @want. */
static int keyring_wait_for(struct test_keyring *k, const char *dest,
			    const char *path, const char *method,
			    struct keyring_args args, const char *want)
{
	int waited;

	for (waited = 0; waited < KEYRING_READY_MS; waited += 50) {
		char *reply = keyring_send(k, dest, path, method, args);
		int found = reply != NULL && strstr(reply, want) != NULL;

		free(reply);
		if (found)
			return 0;
		keyring_sleep_ms(50);
	}
	fprintf(stderr, "keyring fixture: no \"%s\" from %s; see %s\n", want,
		method, k->log);
	return -1;
}

/* Makes DIR/@sub and points the environment variable @var at it. */
static int keyring_subdir(struct test_keyring *k, const char *sub,
			  const char *var)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", k->dir, sub);
	if (mkdir(path, 0700) < 0 && errno != EEXIST) {
		perror(path);
		return -1;
	}
	return var ? setenv(var, path, 1) : 0;
}

/* The throwaway HOME and XDG directories, set in this process. */
static int keyring_home(struct test_keyring *k)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	memset(k, 0, sizeof(*k));
	snprintf(k->dir, sizeof(k->dir), "%s/orgdeck-keyring.XXXXXX", tmp);
	if (mkdtemp(k->dir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	snprintf(k->log, sizeof(k->log), "%s/daemons.log", k->dir);

	/* A keyring prompt must never pop up on someone's desktop. */
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	unsetenv("DBUS_SESSION_BUS_ADDRESS");
	return keyring_subdir(k, "home", "HOME") ||
			       keyring_subdir(k, "run", "XDG_RUNTIME_DIR") ||
			       keyring_subdir(k, "home/.config",
					      "XDG_CONFIG_HOME") ||
			       keyring_subdir(k, "home/.local", NULL) ||
			       keyring_subdir(k, "home/.local/share",
					      "XDG_DATA_HOME") ||
			       keyring_subdir(k, "home/.local/state",
					      "XDG_STATE_HOME") ||
			       keyring_subdir(k, "home/.cache",
					      "XDG_CACHE_HOME")
		       ? -1
		       : 0;
}

/* Writes a session bus configuration that activates no services. */
static int keyring_bus_config(struct test_keyring *k, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/bus.conf", k->dir);
	f = fopen(path, "w");
	if (f == NULL)
		return -1;
	fprintf(f,
		"<!DOCTYPE busconfig PUBLIC "
		"\"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
		" \"http://www.freedesktop.org/standards/dbus/1.0/"
		"busconfig.dtd\">\n"
		"<busconfig>\n"
		"  <type>session</type>\n"
		"  <listen>unix:dir=%s/run</listen>\n"
		"  <auth>EXTERNAL</auth>\n"
		"  <policy context=\"default\">\n"
		"    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
		"    <allow eavesdrop=\"true\"/>\n"
		"    <allow own=\"*\"/>\n"
		"  </policy>\n"
		"</busconfig>\n",
		k->dir);
	return fclose(f);
}

/* Starts dbus-daemon and reads the address it prints. */
static int keyring_start_bus(struct test_keyring *k)
{
	char conf[PATH_MAX], conf_opt[PATH_MAX + 16];
	const char *argv[] = { "dbus-daemon", conf_opt, "--nofork",
			       "--print-address=1", NULL };
	int fds[2];
	ssize_t n;

	if (keyring_bus_config(k, conf, sizeof(conf)) < 0 ||
	    pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	snprintf(conf_opt, sizeof(conf_opt), "--config-file=%s", conf);
	k->bus_pid = keyring_spawn(k, argv, -1, fds[1]);
	close(fds[1]);

	n = read(fds[0], k->address, sizeof(k->address) - 1);
	close(fds[0]);
	if (k->bus_pid < 0 || n <= 0) {
		fprintf(stderr,
			"keyring fixture: dbus-daemon gave no "
			"address; see %s\n",
			k->log);
		return -1;
	}
	k->address[strcspn(k->address, "\r\n")] = '\0';
	return setenv("DBUS_SESSION_BUS_ADDRESS", k->address, 1);
}

/* Starts gnome-keyring-daemon, giving it the password when @unlock. */
static int keyring_start_daemon(struct test_keyring *k, int unlock)
{
	const char *argv[] = { "gnome-keyring-daemon", "--foreground",
			       "--components=secrets",
			       unlock ? "--unlock" : NULL, NULL };
	int fds[2];

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	k->daemon_pid = keyring_spawn(k, argv, fds[0], -1);
	close(fds[0]);
	if (unlock && write(fds[1], TEST_KEYRING_PASSWORD,
			    strlen(TEST_KEYRING_PASSWORD)) < 0)
		perror("keyring fixture: password");
	close(fds[1]);
	if (k->daemon_pid < 0)
		return -1;

	return keyring_wait_for(
		k, "org.freedesktop.DBus", "/",
		"org.freedesktop.DBus.NameHasOwner",
		(struct keyring_args){ "string:org.freedesktop.secrets", NULL },
		"boolean true");
}

/* Brings the daemon into @mode once it is on the bus. */
static int keyring_settle(struct test_keyring *k, enum test_keyring_mode mode)
{
	const char *dest = "org.freedesktop.secrets";
	const char *root = "/org/freedesktop/secrets";
	struct keyring_args alias = { "string:default", NULL };
	struct keyring_args login = { "array:objpath:" KEYRING_LOGIN, NULL };
	struct keyring_args locked = {
		"string:org.freedesktop.Secret.Collection", "string:Locked"
	};

	if (mode != TEST_KEYRING_UNLOCKED && mode != TEST_KEYRING_LOCKED)
		return 0;

	if (keyring_wait_for(k, dest, root,
			     "org.freedesktop.Secret.Service.ReadAlias", alias,
			     KEYRING_LOGIN) < 0)
		return -1;
	if (mode == TEST_KEYRING_UNLOCKED)
		return 0;

	free(keyring_send(k, dest, root, "org.freedesktop.Secret.Service.Lock",
			  login));
	return keyring_wait_for(k, dest, KEYRING_LOGIN,
				"org.freedesktop.DBus.Properties.Get", locked,
				"boolean true");
}

int test_keyring_start(struct test_keyring *k, enum test_keyring_mode mode)
{
	if (keyring_home(k) < 0 || keyring_start_bus(k) < 0)
		goto fail;
	if (mode == TEST_KEYRING_BUS_ONLY)
		return 0;

	if (keyring_start_daemon(k, mode != TEST_KEYRING_NO_DEFAULT) < 0 ||
	    keyring_settle(k, mode) < 0)
		goto fail;
	return 0;
fail:
	test_keyring_stop(k);
	return -1;
}

int test_keyring_no_bus(struct test_keyring *k)
{
	return keyring_home(k);
}

int test_keyring_freeze(struct test_keyring *k)
{
	if (k->daemon_pid <= 0)
		return -1;
	return kill(k->daemon_pid, SIGSTOP);
}

/* Ends one of our children: continued first, in case it was frozen. */
static void keyring_end(pid_t *pid)
{
	if (*pid <= 0)
		return;
	kill(*pid, SIGCONT);
	kill(*pid, SIGTERM);
	waitpid(*pid, NULL, 0);
	*pid = 0;
}

static int keyring_remove_one(const char *path, const struct stat *st, int flag,
			      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void test_keyring_stop(struct test_keyring *k)
{
	keyring_end(&k->daemon_pid);
	keyring_end(&k->bus_pid);
	if (k->dir[0] == '\0' || getenv("ORGDECK_KEEP_TEST_DIRS") != NULL)
		return;
	nftw(k->dir, keyring_remove_one, 16, FTW_DEPTH | FTW_PHYS);
	k->dir[0] = '\0';
}
