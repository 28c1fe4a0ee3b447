/* SPDX-License-Identifier: MIT */
/* The encrypted credentials file: round trip, wrong passphrase, no plain
 * text on disk, mode 0600. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/credfile.h"
#include "orgdeck/token.h"

#define PASS "correct horse battery staple"

static char test_dir[256];
static char file_path[512];

static void credfile_setup(void)
{
	cr_assert_geq(sodium_init(), 0);
	snprintf(test_dir, sizeof(test_dir), "%s/orgdeck-credfile.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	cr_assert_not_null(mkdtemp(test_dir));
	snprintf(file_path, sizeof(file_path), "%s/data/orgdeck/credentials",
		 test_dir);
}

static void credfile_teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test_dir);
	cr_expect_eq(system(cmd), 0);
}

/* Each open derives a key with Argon2id at 256 MiB: about a second, but
 * minutes under valgrind.  The timeout only catches a hang. */
TestSuite(credfile, .init = credfile_setup, .fini = credfile_teardown,
	  .timeout = 600);

/* Reads the file's bytes; the caller frees.  Sets *@len. */
static unsigned char *file_bytes(size_t *len)
{
	unsigned char *data = malloc(1 << 16);
	FILE *f = fopen(file_path, "rb");

	cr_assert_not_null(f);
	*len = fread(data, 1, 1 << 16, f);
	fclose(f);
	return data;
}

static int contains(const unsigned char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return 1;
	return 0;
}

static struct credfile *open_file(const char *pass)
{
	struct credfile *f = NULL;
	struct buf why;

	buf_init(&why, 4096);
	cr_assert_eq(credfile_open(&f, file_path, pass, strlen(pass), &why), 0,
		     "%s", why.data ? why.data : "");
	buf_release(&why);
	return f;
}

Test(credfile, round_trip_through_a_second_open)
{
	char work[TOKEN_SIZE], home[TOKEN_SIZE];
	struct credfile *f = open_file(PASS);
	struct buf why;

	buf_init(&why, 4096);
	token_generate(work, TOKEN_PERSONAL);
	token_generate(home, TOKEN_ORG_KEY);
	cr_expect_not(credfile_exists(file_path));
	cr_assert_eq(credfile_store(f, "work", "https://a", work, &why), 0);
	cr_assert_eq(credfile_store(f, "home", "http://b:1", home, &why), 0);
	credfile_free(&f);
	cr_expect_null(f);

	f = open_file(PASS);
	cr_expect_str_eq(credfile_lookup(f, "work", "https://a"), work);
	cr_expect_str_eq(credfile_lookup(f, "home", "http://b:1"), home);
	/* The server is part of the key: same profile elsewhere is unknown. */
	cr_expect_null(credfile_lookup(f, "work", "https://other"));
	credfile_free(&f);
	buf_release(&why);
}

Test(credfile, replace_and_remove_persist)
{
	char one[TOKEN_SIZE], two[TOKEN_SIZE];
	struct credfile *f = open_file(PASS);
	bool removed;
	struct buf why;

	buf_init(&why, 4096);
	token_generate(one, TOKEN_PERSONAL);
	token_generate(two, TOKEN_PERSONAL);
	cr_assert_eq(credfile_store(f, "p", "s", one, &why), 0);
	cr_assert_eq(credfile_store(f, "p", "s", two, &why), 0);
	cr_assert_eq(credfile_store(f, "q", "s", one, &why), 0);
	credfile_free(&f);

	f = open_file(PASS);
	cr_expect_str_eq(credfile_lookup(f, "p", "s"), two);
	cr_assert_eq(credfile_remove(f, "p", "s", &removed, &why), 0);
	cr_expect(removed);
	cr_assert_eq(credfile_remove(f, "p", "s", &removed, &why), 0);
	cr_expect_not(removed);
	credfile_free(&f);

	f = open_file(PASS);
	cr_expect_null(credfile_lookup(f, "p", "s"));
	cr_expect_str_eq(credfile_lookup(f, "q", "s"), one);
	credfile_free(&f);
	buf_release(&why);
}

Test(credfile, wrong_passphrase_is_refused_and_the_file_kept)
{
	char tok[TOKEN_SIZE];
	struct credfile *f = open_file(PASS), *g = NULL;
	unsigned char *before, *after;
	size_t blen, alen;
	struct buf why;

	buf_init(&why, 4096);
	token_generate(tok, TOKEN_PERSONAL);
	cr_assert_eq(credfile_store(f, "p", "s", tok, &why), 0);
	credfile_free(&f);
	before = file_bytes(&blen);

	cr_expect_eq(credfile_open(&g, file_path, "wrong", 5, &why), -1);
	cr_expect_eq(errno, EACCES);
	cr_expect_null(g);
	cr_expect_not_null(strstr(why.data, "wrong passphrase"), "%s",
			   why.data);

	after = file_bytes(&alen);
	cr_expect_eq(alen, blen);
	cr_expect_eq(memcmp(before, after, blen), 0);
	free(before);
	free(after);
	buf_release(&why);
}

Test(credfile, the_file_never_holds_the_token_and_is_private)
{
	char tok[TOKEN_SIZE];
	struct credfile *f = open_file(PASS);
	unsigned char *bytes;
	struct stat st;
	struct buf why;
	size_t len;

	buf_init(&why, 4096);
	token_generate(tok, TOKEN_PROJECT_KEY);
	cr_assert_eq(credfile_store(f, "prof", "https://srv", tok, &why), 0);
	credfile_free(&f);

	cr_assert_eq(stat(file_path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);

	bytes = file_bytes(&len);
	cr_expect_gt(len, 57);
	cr_expect_not(contains(bytes, len, tok));
	cr_expect_not(contains(bytes, len, tok + 8), "token body on disk");
	cr_expect_not(contains(bytes, len, "odk_"));
	cr_expect_not(contains(bytes, len, "https://srv"));
	cr_expect_not(contains(bytes, len, PASS));
	free(bytes);
	buf_release(&why);
}

Test(credfile, damaged_or_foreign_files_are_refused)
{
	char tok[TOKEN_SIZE];
	struct credfile *f = open_file(PASS), *g = NULL;
	unsigned char *bytes;
	struct buf why;
	size_t len;
	FILE *out;

	buf_init(&why, 4096);
	token_generate(tok, TOKEN_PERSONAL);
	cr_assert_eq(credfile_store(f, "p", "s", tok, &why), 0);
	credfile_free(&f);

	/* One flipped bit in the sealed part. */
	bytes = file_bytes(&len);
	bytes[len - 3] ^= 0x10;
	out = fopen(file_path, "wb");
	fwrite(bytes, 1, len, out);
	fclose(out);
	cr_expect_eq(credfile_open(&g, file_path, PASS, strlen(PASS), &why),
		     -1);
	cr_expect_eq(errno, EACCES);

	/* Not our format at all, e.g. a token someone saved by hand. */
	out = fopen(file_path, "wb");
	fputs(tok, out);
	fclose(out);
	buf_reset(&why);
	cr_expect_eq(credfile_open(&g, file_path, PASS, strlen(PASS), &why),
		     -1);
	cr_expect_eq(errno, EINVAL);
	cr_expect_not_null(strstr(why.data, "not an orgdeck credentials"));
	cr_expect_null(g);
	free(bytes);
	buf_release(&why);
}

Test(credfile, fields_that_would_break_the_format_are_refused)
{
	char tok[TOKEN_SIZE];
	struct credfile *f = open_file(PASS);
	struct buf why;

	buf_init(&why, 4096);
	token_generate(tok, TOKEN_PERSONAL);
	cr_expect_eq(credfile_store(f, "a\tb", "s", tok, &why), -1);
	cr_expect_eq(credfile_store(f, "p", "s\nq\tr", tok, &why), -1);
	cr_expect_eq(credfile_store(f, "", "s", tok, &why), -1);
	cr_expect_not(credfile_exists(file_path));
	credfile_free(&f);
	buf_release(&why);
}
