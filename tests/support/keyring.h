/* SPDX-License-Identifier: MIT */
/*
 * Test fixture: a private D-Bus session bus and, on request, a real
 * gnome-keyring-daemon serving the Secret Service on it, both under a
 * throwaway HOME.  test_keyring_start() points this process's environment
 * (HOME, XDG_* directories, DBUS_SESSION_BUS_ADDRESS) at them, so call it
 * before the first libsecret or GDBus call: both cache their connection for
 * the life of the process.  Criterion runs each test in its own process,
 * which is what makes one fixture per test work.
 *
 * Only the processes started here are ever signalled, and they are told to
 * die with the test process (PR_SET_PDEATHSIG) should it crash.
 */
#ifndef ORGDECK_TEST_KEYRING_H
#define ORGDECK_TEST_KEYRING_H

#include <limits.h>
#include <sys/types.h>

enum test_keyring_mode {
	TEST_KEYRING_BUS_ONLY = 0, /* a bus, and no Secret Service on it */
	TEST_KEYRING_UNLOCKED,	   /* gnome-keyring, login keyring unlocked */
	TEST_KEYRING_LOCKED,	   /* the same, then locked */
	TEST_KEYRING_NO_DEFAULT,   /* gnome-keyring without a login keyring */
};

/* The password the fixture unlocks the login keyring with. */
#define TEST_KEYRING_PASSWORD "orgdeck-test-password"

struct test_keyring {
	char dir[256];	    /* HOME and XDG dirs inside; removed on stop */
	char address[512];  /* the bus's DBUS_SESSION_BUS_ADDRESS */
	char log[PATH_MAX]; /* the daemons' standard error */
	pid_t bus_pid;	    /* 0 when not running */
	pid_t daemon_pid;   /* gnome-keyring-daemon, 0 when not running */
};

/*
 * Starts the bus and, but for TEST_KEYRING_BUS_ONLY, the keyring daemon,
 * and waits until it is ready in @mode.  Returns 0, or -1 after printing
 * why (and stopping whatever had started).
 */
int test_keyring_start(struct test_keyring *k, enum test_keyring_mode mode);

/* Freezes the keyring daemon (SIGSTOP) to stand for a hung one. */
int test_keyring_freeze(struct test_keyring *k);

/*
 * Points this process at a fresh HOME and XDG dirs under a new temporary
 * directory and unsets DBUS_SESSION_BUS_ADDRESS, without starting
 * anything: a machine with no session bus.  Returns 0, or -1.
 */
int test_keyring_no_bus(struct test_keyring *k);

/* Stops what was started and removes the directory. */
void test_keyring_stop(struct test_keyring *k);

#endif
