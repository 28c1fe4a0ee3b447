/* SPDX-License-Identifier: MIT */
/*
 * The keyring against a real gnome-keyring-daemon on a private session bus,
 * and each way it can be unusable, each with its own message in time.
 * Criterion runs every test in its own process, so each gets a fresh
 * libsecret and GDBus (both cache their connection per process).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "keyring.h"
#include "orgdeck/keyring.h"
#include "orgdeck/token.h"

/* Generous for calls that should work, since the first opens a session
 * with a key exchange that is slow under valgrind; short for the hung
 * daemon, whose wait it must bound. */
#define TIMEOUT_MS	20000
#define HUNG_TIMEOUT_MS 1500

static struct test_keyring fixture;

static void keyring_setup(void)
{
	cr_assert_geq(sodium_init(), 0);
}

static void keyring_teardown(void)
{
	test_keyring_stop(&fixture);
}

TestSuite(keyring, .init = keyring_setup, .fini = keyring_teardown,
	  .timeout = 60);

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Opens the keyring, expecting @want and a message containing @words. */
static struct keyring *open_expect(enum keyring_status want, const char *words)
{
	struct keyring *k = NULL;
	enum keyring_status got;
	struct buf why;

	buf_init(&why, 4096);
	got = keyring_open(
		&k, want == KEYRING_TIMEOUT ? HUNG_TIMEOUT_MS : TIMEOUT_MS,
		&why);
	cr_expect_eq(got, want, "got \"%s\": %s", keyring_status_name(got),
		     why.data ? why.data : "");
	if (words != NULL)
		cr_expect_not_null(why.data && strstr(why.data, words),
				   "message \"%s\" lacks \"%s\"",
				   why.data ? why.data : "", words);
	if (want != KEYRING_OK)
		cr_expect_null(k);
	else
		cr_assert_not_null(k);
	buf_release(&why);
	return k;
}

Test(keyring, store_lookup_replace_and_clear)
{
	char first[TOKEN_SIZE], second[TOKEN_SIZE];
	struct keyring *k;
	char *found = NULL;
	bool removed;
	struct buf why;

	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_UNLOCKED), 0);
	k = open_expect(KEYRING_OK, NULL);
	cr_assert_not_null(k);
	buf_init(&why, 4096);
	token_generate(first, TOKEN_PERSONAL);
	token_generate(second, TOKEN_PERSONAL);

	cr_expect_eq(keyring_lookup(k, &found, "work", "https://a", &why),
		     KEYRING_OK);
	cr_expect_null(found);

	cr_assert_eq(keyring_store(k, "work", "https://a", first, &why),
		     KEYRING_OK, "%s", why.data ? why.data : "");
	cr_assert_eq(keyring_store(k, "work", "https://b", second, &why),
		     KEYRING_OK);
	cr_assert_eq(keyring_lookup(k, &found, "work", "https://a", &why),
		     KEYRING_OK);
	cr_assert_not_null(found);
	cr_expect_str_eq(found, first);
	sodium_free(found);

	/* Storing again for the same pair replaces, not duplicates. */
	cr_assert_eq(keyring_store(k, "work", "https://a", second, &why),
		     KEYRING_OK);
	cr_assert_eq(keyring_lookup(k, &found, "work", "https://a", &why),
		     KEYRING_OK);
	cr_expect_str_eq(found, second);
	sodium_free(found);

	cr_assert_eq(keyring_clear(k, &removed, "work", "https://a", &why),
		     KEYRING_OK);
	cr_expect(removed);
	cr_assert_eq(keyring_clear(k, &removed, "work", "https://a", &why),
		     KEYRING_OK);
	cr_expect_not(removed, "the replaced item was left behind");
	cr_assert_eq(keyring_lookup(k, &found, "work", "https://a", &why),
		     KEYRING_OK);
	cr_expect_null(found);

	/* The other server's item is untouched. */
	cr_assert_eq(keyring_lookup(k, &found, "work", "https://b", &why),
		     KEYRING_OK);
	cr_expect_str_eq(found, second);
	sodium_free(found);

	keyring_free(&k);
	cr_expect_null(k);
	buf_release(&why);
}

Test(keyring, items_outlive_the_process_handle)
{
	char tok[TOKEN_SIZE];
	struct keyring *k;
	char *found = NULL;
	struct buf why;

	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_UNLOCKED), 0);
	buf_init(&why, 4096);
	token_generate(tok, TOKEN_ORG_KEY);

	k = open_expect(KEYRING_OK, NULL);
	cr_assert_eq(keyring_store(k, "ci", "http://127.0.0.1:1", tok, &why),
		     KEYRING_OK);
	keyring_free(&k);

	k = open_expect(KEYRING_OK, NULL);
	cr_assert_not_null(k);
	cr_assert_eq(
		keyring_lookup(k, &found, "ci", "http://127.0.0.1:1", &why),
		KEYRING_OK);
	cr_expect_str_eq(found, tok);
	sodium_free(found);
	keyring_free(&k);
	buf_release(&why);
}

Test(keyring, no_session_bus_says_so)
{
	cr_assert_eq(test_keyring_no_bus(&fixture), 0);
	open_expect(KEYRING_NO_BUS, "DBUS_SESSION_BUS_ADDRESS is not set");
}

Test(keyring, an_address_with_nothing_behind_it_says_so)
{
	char addr[600];

	cr_assert_eq(test_keyring_no_bus(&fixture), 0);
	snprintf(addr, sizeof(addr), "unix:path=%s/run/no-such-bus",
		 fixture.dir);
	setenv("DBUS_SESSION_BUS_ADDRESS", addr, 1);
	open_expect(KEYRING_BUS_UNREACHABLE, "cannot reach the D-Bus session");
}

Test(keyring, a_bus_without_a_secret_service_says_so)
{
	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_BUS_ONLY), 0);
	open_expect(KEYRING_NO_SERVICE, "no Secret Service");
}

Test(keyring, a_service_without_a_default_keyring_says_so)
{
	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_NO_DEFAULT), 0);
	open_expect(KEYRING_NO_COLLECTION, "no default keyring");
}

Test(keyring, a_locked_keyring_says_so_without_prompting)
{
	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_LOCKED), 0);
	open_expect(KEYRING_LOCKED, "locked");
}

Test(keyring, a_hung_daemon_costs_the_timeout_not_a_minute)
{
	double start, took;

	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_UNLOCKED), 0);
	cr_assert_eq(test_keyring_freeze(&fixture), 0);

	start = now_s();
	open_expect(KEYRING_TIMEOUT, "did not answer within 1.5 s");
	took = now_s() - start;

	/* Bounded by our timeout plus the cancel grace, far below the 25 s
	 * D-Bus default the daemon would otherwise cost. */
	cr_expect_lt(took, 10.0, "took %.1f s", took);
}
