/* SPDX-License-Identifier: MIT */
/* The log sink never lets a token or a control character through. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/log.h"
#include "orgdeck/token.h"

Test(log, scrub_redacts_tokens_and_escapes_controls)
{
	char tok[TOKEN_SIZE], in[256], out[256];

	cr_assert_geq(sodium_init(), 0);
	token_generate(tok, TOKEN_ORG_KEY);
	snprintf(in, sizeof(in), "key=%s\x1b[2J end", tok);
	log_scrub(out, sizeof(out), in);

	cr_expect_null(strstr(out, tok + 8), "token body leaked: %s", out);
	cr_expect_not_null(strstr(out, "odk_org_****"), "%s", out);
	cr_expect_not_null(strstr(out, "\\x1b[2J end"), "%s", out);
}

Test(log, scrub_truncates_safely)
{
	char out[8];
	size_t need = log_scrub(out, sizeof(out), "0123456789");

	cr_expect_eq(need, 10);
	cr_expect_str_eq(out, "0123456");
}

Test(log, file_sink_writes_scrubbed_lines_only_at_level)
{
	char path[] = "/tmp/orgdeck-log-XXXXXX", tok[TOKEN_SIZE], text[512];
	FILE *f;
	size_t n;
	int fd;

	cr_assert_geq(sodium_init(), 0);
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	close(fd);
	token_generate(tok, TOKEN_PERSONAL);

	cr_assert_eq(log_open(path, LOG_LEVEL_INFO), 0);
	log_info("signed in with %s", tok);
	log_debug("too chatty to keep");
	log_close();

	f = fopen(path, "r");
	cr_assert_not_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unlink(path);

	cr_expect_not_null(strstr(text, "info signed in with odk_pat_****"));
	cr_expect_null(strstr(text, tok));
	cr_expect_null(strstr(text, "too chatty"));
}
