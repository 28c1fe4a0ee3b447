/* SPDX-License-Identifier: MIT */
/*
 * Screen tests of the API Keys tab against a real seeded orgdeckd: a new
 * key is shown once, copied through OSC 52, kept out of every dump and
 * gone from the screen afterwards, while the server lists it redacted; a
 * rotation shows a different key; revoking asks first.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/token.h"

#include "console.h"
#include "demo.h"

/* Opens Acme and its API Keys tab. */
#define OPEN_KEYS DEMO_OPEN_ACME "key 2\nwait\n"

static void setup(void)
{
	cr_assert_eq(sodium_init() >= 0, 1);
	demo_setup();
}

TestSuite(keys, .init = setup, .fini = demo_teardown, .timeout = 120);

/*
 * Finds the @nth (0-based) whole token of @kind ("org", "prj") in what the
 * console wrote to its terminal, into @out (TOKEN_SIZE).  Returns true
 * when there is one.
 */
static bool drawn_token(const struct console *c, const char *kind, int nth,
			char *out)
{
	char pattern[64];
	regex_t re;
	regmatch_t m;
	const char *at = c->output.data;
	bool found = false;

	snprintf(pattern, sizeof(pattern), "odk_%s_[A-Za-z0-9]{49}", kind);
	cr_assert_eq(regcomp(&re, pattern, REG_EXTENDED), 0);
	while (at != NULL && regexec(&re, at, 1, &m, 0) == 0) {
		if (nth-- == 0) {
			snprintf(out, TOKEN_SIZE, "%.*s", TOKEN_LEN,
				 at + m.rm_so);
			found = true;
			break;
		}
		at += m.rm_eo;
	}
	regfree(&re);
	return found;
}

/* The key named @name in Acme's org keys as the server lists them. */
static void server_key(const char *name, char *redacted, char *status)
{
	struct test_response res;
	char path[256], field[64];
	int i, n;

	snprintf(path, sizeof(path), "/v1/orgs/%s/keys?q=%s", demo.acme, name);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	n = test_json_len(res.json, "data");
	cr_assert_eq(n, 1, "%d keys called %s", n, name);
	for (i = 0; i < n; i++) {
		snprintf(field, sizeof(field), "data.%d.redacted", i);
		snprintf(redacted, 32, "%s", test_json_str(res.json, field));
		snprintf(field, sizeof(field), "data.%d.status", i);
		snprintf(status, 32, "%s", test_json_str(res.json, field));
	}
	cr_assert_null(strstr(res.body.data, "\"secret\""),
		       "the list carries a secret");
	test_response_release(&res);
}

/* True when @key authenticates against the server as a key. */
static bool key_works(const char *key)
{
	struct test_response res;
	bool works;

	works = demo_get(&demo, &res, key, "/v1/me") == 200 &&
		strcmp(test_json_str(res.json, "auth.type"), "key") == 0;
	test_response_release(&res);
	return works;
}

/* The OSC 52 sequence that copies @key appears in the output. */
static bool osc52_sent(const struct console *c, const char *key)
{
	char b64[sodium_base64_ENCODED_LEN(TOKEN_LEN,
					   sodium_base64_VARIANT_ORIGINAL)];
	char want[sizeof(b64) + 16];

	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)key,
			  strlen(key), sodium_base64_VARIANT_ORIGINAL);
	snprintf(want, sizeof(want), "52;c;%s\a", b64);
	return strstr(c->output.data, want) != NULL;
}

Test(keys, create_shown_once)
{
	static const char script[] = OPEN_KEYS "dump $DIR/list.txt\n"
					       "key n\n"
					       "type ci-screen\n"
					       "key Tab\n"
					       "key Right\n"
					       "key Enter\n"
					       "wait\n"
					       "dump $DIR/shown.txt\n"
					       "key c\n"
					       "dump $DIR/copied.txt\n"
					       "key Esc\n"
					       "key Enter\n"
					       "dump $DIR/still.txt\n"
					       "key y\n"
					       "dump $DIR/offer.txt\n"
					       "key y\n"
					       "wait\n"
					       "dump $DIR/gone.txt\n";
	char key[TOKEN_SIZE], redacted[32], status[32], mask[TOKEN_SIZE];
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);

	demo_load(&d, &c, "list.txt");
	cr_assert(console_dump_has(&d, "ci-deploy"), "the seeded key");
	cr_assert(console_dump_has(&d, "Olive Owner"), "its creator");
	cr_assert(console_dump_has(&d, "odk_org_****"), "redacted form");
	console_dump_release(&d);

	cr_assert(drawn_token(&c, "org", 0, key), "no key reached the screen");
	cr_assert(key_works(key), "the key shown does not work");
	server_key("ci-screen", redacted, status);
	cr_assert_str_eq(status, "active");
	cr_assert_eq(strncmp(redacted, "odk_org_****", 12), 0);
	cr_assert_str_eq(redacted + 12, key + TOKEN_LEN - 4,
			 "the redacted form is not this key's");

	memset(mask, '*', TOKEN_LEN);
	mask[TOKEN_LEN] = '\0';
	demo_load(&d, &c, "shown.txt");
	cr_assert(console_dump_has(&d, "New API key"));
	cr_assert(console_dump_has(&d, "only time the key ci-screen"));
	cr_assert(console_dump_has(&d, mask), "the key's cells not masked");
	cr_assert(console_dump_has(&d, "I have saved this key"));
	console_dump_release(&d);

	demo_load(&d, &c, "copied.txt");
	cr_assert(console_dump_has(&d, "Copied: sent to your terminal"));
	console_dump_release(&d);
	cr_assert(osc52_sent(&c, key), "no OSC 52 with the key");

	demo_load(&d, &c, "still.txt");
	cr_assert(console_dump_has(&d, "New API key"), "closed without y");
	cr_assert(console_dump_has(&d, "cannot be shown again"));
	console_dump_release(&d);

	demo_load(&d, &c, "offer.txt");
	cr_assert(console_dump_has(&d, "Empty the clipboard"));
	cr_assert_not(console_dump_has(&d, "New API key"));
	console_dump_release(&d);

	demo_load(&d, &c, "gone.txt");
	cr_assert_not(console_dump_has(&d, "New API key"));
	cr_assert_not(console_dump_has(&d, mask));
	cr_assert(console_dump_has(&d, "ci-screen"), "not listed");
	cr_assert(console_dump_has(&d, redacted), "not listed redacted");
	demo_status_is(&d, "Clipboard: clear asked of your terminal");
	console_dump_release(&d);

	cr_assert(strstr(c.output.data, "52;c;\a") != NULL,
		  "no OSC 52 that empties the clipboard");
	cr_assert_not(demo_file_has(&c, "shown.txt", key));
	cr_assert_not(demo_file_has(&c, "copied.txt", key));
	cr_assert_not(demo_file_has(&c, "gone.txt", key));
	cr_assert_not(demo_file_has(&c, "stderr.log", key));
	sodium_memzero(key, sizeof(key));
	console_release(&c);
}

Test(keys, rotate_shows_a_new_key)
{
	static const char script[] = OPEN_KEYS "key /\n"
					       "type billing\n"
					       "key Enter\n"
					       "key r\n"
					       "dump $DIR/ask.txt\n"
					       "key Enter\n"
					       "wait\n"
					       "dump $DIR/shown.txt\n"
					       "key y\n"
					       "key r\n"
					       "key Enter\n"
					       "wait\n"
					       "dump $DIR/again.txt\n"
					       "key y\n"
					       "wait\n"
					       "dump $DIR/after.txt\n";
	char first[TOKEN_SIZE], second[TOKEN_SIZE], redacted[32], status[32];
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);

	demo_load(&d, &c, "ask.txt");
	cr_assert(console_dump_has(&d, "Rotate billing-export"));
	cr_assert(console_dump_has(&d, "stops working now"));
	console_dump_release(&d);

	demo_load(&d, &c, "shown.txt");
	cr_assert(console_dump_has(&d, "Rotated API key"));
	console_dump_release(&d);
	demo_load(&d, &c, "again.txt");
	cr_assert(console_dump_has(&d, "Rotated API key"));
	console_dump_release(&d);

	cr_assert(drawn_token(&c, "org", 0, first));
	cr_assert(drawn_token(&c, "org", 1, second));
	cr_assert_str_neq(first, second, "the rotation showed the same key");
	cr_assert_not(key_works(first), "the old secret still works");
	cr_assert(key_works(second), "the new secret does not work");
	server_key("billing-export", redacted, status);
	cr_assert_str_eq(redacted + 12, second + TOKEN_LEN - 4);
	cr_assert_not(demo_file_has(&c, "again.txt", second));

	demo_load(&d, &c, "after.txt");
	cr_assert(console_dump_has(&d, redacted));
	cr_assert_not(console_dump_has(&d, "Empty the clipboard"),
		      "offered to empty a clipboard never used");
	console_dump_release(&d);
	sodium_memzero(first, sizeof(first));
	sodium_memzero(second, sizeof(second));
	console_release(&c);
}

Test(keys, revoke_after_confirmation)
{
	static const char script[] = OPEN_KEYS "key /\n"
					       "type ci-deploy\n"
					       "key Enter\n"
					       "key x\n"
					       "dump $DIR/confirm.txt\n"
					       "key y\n"
					       "wait\n"
					       "dump $DIR/revoked.txt\n"
					       "key x\n"
					       "dump $DIR/again.txt\n";
	char redacted[32], status[32];
	struct console c;
	struct console_dump d;
	int row;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "confirm.txt");
	cr_assert(console_dump_has(&d, "Revoke the key ci-deploy"));
	console_dump_release(&d);

	demo_load(&d, &c, "revoked.txt");
	demo_status_is(&d, "Revoked the key ci-deploy");
	row = console_dump_row_of(&d, "ci-deploy");
	cr_assert(console_dump_find(&d, "revoked", row, &row, &(int){ 0 }));
	console_dump_release(&d);

	demo_load(&d, &c, "again.txt");
	demo_status_is(&d, "The key ci-deploy is revoked already");
	console_dump_release(&d);

	server_key("ci-deploy", redacted, status);
	cr_assert_str_eq(status, "revoked");
	console_release(&c);
}

/* A Member of Acme sees why there are no keys, and cannot make one. */
Test(keys, member_refused)
{
	static const char script[] = OPEN_KEYS "dump $DIR/member.txt\n"
					       "key n\n"
					       "dump $DIR/pressed.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.member, script), 0);
	demo_load(&d, &c, "member.txt");
	cr_assert(console_dump_has(&d, "Members cannot see the API keys "
				       "here: needs Manager."));
	cr_assert_eq(console_dump_attr(&d, "New key", DEMO_FOOTER), 'd');
	cr_assert_not(console_dump_has(&d, "ci-deploy"));
	console_dump_release(&d);
	demo_load(&d, &c, "pressed.txt");
	demo_status_is(&d, "Members cannot create API keys: needs Manager");
	console_dump_release(&d);
	console_release(&c);
}

/* At 80x24 the spare columns go, and the redacted key is shown whole. */
Test(keys, narrow_screen)
{
	static const char script[] = OPEN_KEYS "dump $DIR/narrow.txt\n";
	struct console_opts o = { .server_url = demo.srv.url,
				  .token = demo.admin,
				  .script = script,
				  .rows = 24,
				  .cols = 80 };
	char redacted[32], status[32];
	struct console c;
	struct console_dump d;

	server_key("ci-deploy", redacted, status);
	cr_assert_eq(console_run(&c, &o), 0);
	demo_load(&d, &c, "narrow.txt");
	cr_assert(console_dump_has(&d, "ci-deploy"));
	cr_assert(console_dump_has(&d, redacted), "the key column is cut");
	cr_assert_not(console_dump_has(&d, "Created by"));
	cr_assert(console_dump_has(&d, "Status"));
	console_dump_release(&d);
	console_release(&c);
}

/* The expiry of the key called @name in Acme, as the server has it. */
static const char *server_key_expiry(const char *name)
{
	static char when[32];
	struct test_response res;
	char path[256];

	snprintf(path, sizeof(path), "/v1/orgs/%s/keys?q=%s", demo.acme, name);
	cr_assert_eq(demo_get(&demo, &res, demo.owner, path), 200);
	cr_assert_eq(test_json_len(res.json, "data"), 1, "no key %s", name);
	snprintf(when, sizeof(when), "%s",
		 test_json_str(res.json, "data.0.expires_at")
			 ? test_json_str(res.json, "data.0.expires_at")
			 : "null");
	test_response_release(&res);
	return when;
}

Test(keys, expiry_and_rename)
{
	static const char script[] = OPEN_KEYS "key n\n"
					       "type dated\n"
					       "key Tab Tab\n"
					       "type yesterday\n"
					       "key Enter\n"
					       "dump $DIR/bad.txt\n"
					       "key C-u\n"
					       "type 2099-01-31\n"
					       "key Enter\n"
					       "wait\n"
					       "key y\n"
					       "wait\n"
					       "key /\n"
					       "type dated\n"
					       "key Enter\n"
					       "key e\n"
					       "key C-u\n"
					       "type dated-renamed\n"
					       "key Enter\n"
					       "wait\n"
					       "dump $DIR/renamed.txt\n";
	struct console c;
	struct console_dump d;

	cr_assert_eq(demo_run(&demo, &c, demo.admin, script), 0);
	demo_load(&d, &c, "bad.txt");
	cr_assert(console_dump_has(&d, "is not a number of days or a date"));
	console_dump_release(&d);
	demo_load(&d, &c, "renamed.txt");
	demo_status_is(&d, "Renamed the key to dated-renamed");
	cr_assert(console_dump_has(&d, "2099-01-31"), "expiry not listed");
	console_dump_release(&d);
	cr_assert_str_eq(server_key_expiry("dated-renamed"),
			 "2099-01-31T00:00:00Z");
	console_release(&c);
}
