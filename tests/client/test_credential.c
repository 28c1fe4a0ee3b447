/* SPDX-License-Identifier: MIT */
/*
 * The credential lookup order: environment, then the keyring (a real
 * gnome-keyring on a private bus) or, when opted in, the encrypted file;
 * the offline token check; the refusal and its ways out; core-dump
 * hardening.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "keyring.h"
#include "orgdeck/credential.h"
#include "orgdeck/keyring.h"
#include "orgdeck/token.h"

#define SERVER "https://orgdeck.example.com"

static struct test_keyring fixture;
static struct buf why;

static void credential_setup(void)
{
	cr_assert_geq(sodium_init(), 0);
	buf_init(&why, 8192);
	unsetenv("ORGDECK_TOKEN");
}

static void credential_teardown(void)
{
	buf_release(&why);
	test_keyring_stop(&fixture);
}

/* Each open derives a key with Argon2id at 256 MiB: about a second, but
 * minutes under valgrind.  The timeout only catches a hang. */
TestSuite(credential, .init = credential_setup, .fini = credential_teardown,
	  .timeout = 600);

static struct credentials *open_store(const struct credential_opts *opts)
{
	struct credential_opts none = { .timeout_ms = 20000 };
	struct credentials *c = NULL;

	cr_assert_eq(credential_open(&c, opts ? opts : &none), 0);
	return c;
}

static const char *why_text(void)
{
	return why.data ? why.data : "";
}

Test(credential, env_name_is_upper_case_with_underscores)
{
	char name[CREDENTIAL_ENV_NAME_SIZE];
	char longest[70];

	cr_assert_eq(credential_env_name(name, "home.lab-1"), 0);
	cr_expect_str_eq(name, "ORGDECK_TOKEN_HOME_LAB_1");
	cr_assert_eq(credential_env_name(name, "Work"), 0);
	cr_expect_str_eq(name, "ORGDECK_TOKEN_WORK");

	memset(longest, 'a', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	cr_expect_eq(credential_env_name(name, longest), -1);
}

Test(credential, the_profile_variable_wins_then_the_generic_one)
{
	char mine[TOKEN_SIZE], any[TOKEN_SIZE];
	struct credentials *c;
	struct credential cred;

	cr_assert_eq(test_keyring_no_bus(&fixture), 0);
	token_generate(mine, TOKEN_PROJECT_KEY);
	token_generate(any, TOKEN_PERSONAL);
	setenv("ORGDECK_TOKEN_WORK_2", mine, 1);
	setenv("ORGDECK_TOKEN", any, 1);
	c = open_store(NULL);

	cr_assert_eq(credential_lookup(c, &cred, "work-2", SERVER, &why), 1,
		     "%s", why_text());
	cr_expect_str_eq(cred.token, mine);
	cr_expect_eq(cred.kind, TOKEN_PROJECT_KEY);
	cr_expect_eq(cred.source, CREDENTIAL_ENV);
	cr_expect_str_eq(cred.origin, "ORGDECK_TOKEN_WORK_2");
	credential_release(&cred);
	cr_expect_null(cred.token);

	/* Without a bus this never touched a keyring: the env suffices. */
	cr_assert_eq(credential_lookup(c, &cred, "other", SERVER, &why), 1);
	cr_expect_str_eq(cred.token, any);
	cr_expect_str_eq(cred.origin, "ORGDECK_TOKEN");
	credential_release(&cred);
	credential_close(&c);
	cr_expect_null(c);
}

Test(credential, a_mistyped_env_token_is_refused_offline)
{
	char tok[TOKEN_SIZE];
	struct credentials *c;
	struct credential cred;

	cr_assert_eq(test_keyring_no_bus(&fixture), 0);
	token_generate(tok, TOKEN_PERSONAL);
	tok[20] = tok[20] == 'x' ? 'y' : 'x';
	setenv("ORGDECK_TOKEN", tok, 1);
	c = open_store(NULL);

	cr_expect_eq(credential_lookup(c, &cred, "work", SERVER, &why), -1);
	cr_expect_null(cred.token);
	cr_expect_not_null(strstr(why_text(), "ORGDECK_TOKEN does not hold "
					      "a valid orgdeck token"),
			   "%s", why_text());
	cr_expect_null(strstr(why_text(), tok), "the message shows the token");
	credential_close(&c);
}

Test(credential, an_invitation_code_is_not_a_credential)
{
	char code[TOKEN_SIZE];
	struct credentials *c;
	struct credential cred;
	enum credential_source where;

	cr_assert_eq(test_keyring_no_bus(&fixture), 0);
	token_generate(code, TOKEN_INVITATION);
	setenv("ORGDECK_TOKEN", code, 1);
	c = open_store(NULL);

	cr_expect_eq(credential_lookup(c, &cred, "work", SERVER, &why), -1);
	cr_expect_not_null(strstr(why_text(), "invitation code"));
	buf_reset(&why);
	cr_expect_eq(credential_save(c, &where, "work", SERVER, code, &why),
		     -1);
	cr_expect_not_null(strstr(why_text(), "invitation code"));
	credential_close(&c);
}

Test(credential, without_keyring_or_opt_in_tokens_are_refused_with_ways_out)
{
	char tok[TOKEN_SIZE];
	struct credentials *c;
	struct credential cred;
	enum credential_source where;

	cr_assert_eq(test_keyring_no_bus(&fixture), 0);
	token_generate(tok, TOKEN_PERSONAL);
	c = open_store(NULL);

	cr_expect_eq(credential_save(c, &where, "work", SERVER, tok, &why), -1);
	cr_expect_eq(where, CREDENTIAL_NONE);
	cr_expect_not_null(strstr(why_text(), "DBUS_SESSION_BUS_ADDRESS"), "%s",
			   why_text());
	cr_expect_not_null(strstr(why_text(), "Ways out"));
	cr_expect_not_null(strstr(why_text(), "credentials = file"));

	buf_reset(&why);
	cr_expect_eq(credential_lookup(c, &cred, "work", SERVER, &why), -1);
	cr_expect_not_null(strstr(why_text(), "ORGDECK_TOKEN"));
	credential_close(&c);
}

Test(credential, keyring_round_trip_and_forget)
{
	char tok[TOKEN_SIZE];
	struct credentials *c;
	struct credential cred;
	enum credential_source where, described;
	struct buf text;
	bool removed;

	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_UNLOCKED), 0);
	token_generate(tok, TOKEN_ORG_KEY);
	c = open_store(NULL);

	cr_expect_eq(credential_lookup(c, &cred, "work", SERVER, &why), 0);
	cr_expect_not_null(strstr(why_text(), "orgdeck login --profile work"));

	cr_assert_eq(credential_save(c, &where, "work", SERVER, tok, &why), 0,
		     "%s", why_text());
	cr_expect_eq(where, CREDENTIAL_KEYRING);
	cr_assert_eq(credential_lookup(c, &cred, "work", SERVER, &why), 1);
	cr_expect_str_eq(cred.token, tok);
	cr_expect_eq(cred.source, CREDENTIAL_KEYRING);
	credential_release(&cred);

	buf_init(&text, 4096);
	credential_describe(c, &described, "work", &text);
	cr_expect_eq(described, CREDENTIAL_KEYRING);
	cr_expect_not_null(strstr(text.data, "Secret Service"));
	buf_release(&text);

	cr_assert_eq(credential_forget(c, &removed, "work", SERVER, &why), 0);
	cr_expect(removed);
	cr_expect_eq(credential_lookup(c, &cred, "work", SERVER, &why), 0);
	credential_close(&c);
}

Test(credential, a_damaged_keyring_item_is_refused)
{
	struct keyring *k = NULL;
	struct credentials *c;
	struct credential cred;

	cr_assert_eq(test_keyring_start(&fixture, TEST_KEYRING_UNLOCKED), 0);
	cr_assert_eq(keyring_open(&k, 20000, &why), KEYRING_OK);
	cr_assert_eq(keyring_store(k, "work", SERVER, "odk_pat_short", &why),
		     KEYRING_OK);
	keyring_free(&k);

	c = open_store(NULL);
	cr_expect_eq(credential_lookup(c, &cred, "work", SERVER, &why), -1);
	cr_expect_not_null(strstr(why_text(), "keyring item does not hold"),
			   "%s", why_text());
	credential_close(&c);
}

Test(credential, the_opt_in_file_replaces_the_keyring)
{
	struct credential_opts opts = { .use_file = true,
					.passphrase = "test passphrase" };
	char tok[TOKEN_SIZE], path[512];
	struct credentials *c;
	struct credential cred;
	enum credential_source where;
	struct buf text;
	bool removed;

	/* No bus at all: the file must not need one. */
	cr_assert_eq(test_keyring_no_bus(&fixture), 0);
	snprintf(path, sizeof(path), "%s/home/creds", fixture.dir);
	opts.file_path = path;
	token_generate(tok, TOKEN_PERSONAL);
	c = open_store(&opts);

	buf_init(&text, 4096);
	credential_describe(c, &where, "work", &text);
	cr_expect_eq(where, CREDENTIAL_FILE);
	cr_expect_not_null(strstr(text.data, "not created yet"));
	buf_release(&text);

	cr_assert_eq(credential_save(c, &where, "work", SERVER, tok, &why), 0,
		     "%s", why_text());
	cr_expect_eq(where, CREDENTIAL_FILE);
	credential_close(&c);

	c = open_store(&opts);
	cr_assert_eq(credential_lookup(c, &cred, "work", SERVER, &why), 1);
	cr_expect_str_eq(cred.token, tok);
	cr_expect_eq(cred.source, CREDENTIAL_FILE);
	credential_release(&cred);
	cr_assert_eq(credential_forget(c, &removed, "work", SERVER, &why), 0);
	cr_expect(removed);
	credential_close(&c);

	opts.passphrase = "not it";
	c = open_store(&opts);
	cr_expect_eq(credential_lookup(c, &cred, "work", SERVER, &why), -1);
	cr_expect_not_null(strstr(why_text(), "wrong passphrase"));
	credential_close(&c);
}

Test(credential, harden_turns_off_core_dumps)
{
	struct rlimit rl;

	cr_assert_eq(credential_harden(), 0);
	cr_assert_eq(getrlimit(RLIMIT_CORE, &rl), 0);
	cr_expect_eq(rl.rlim_cur, 0);
	cr_expect_eq(rl.rlim_max, 0);
	cr_expect_eq(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}
