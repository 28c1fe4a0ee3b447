/* SPDX-License-Identifier: MIT */
/* Token shape, offline checksum and redaction. */
#include <string.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/token.h"

static void token_setup(void)
{
	cr_assert_geq(sodium_init(), 0);
}

TestSuite(token, .init = token_setup);

Test(token, generated_tokens_check_and_carry_their_kind)
{
	static const char *const prefixes[] = { "odk_pat_", "odk_org_",
						"odk_prj_", "odk_inv_" };
	char tok[TOKEN_SIZE];
	enum token_kind kind;
	int k;

	for (k = 0; k < TOKEN__COUNT; k++) {
		cr_assert_eq(token_generate(tok, (enum token_kind)k), 0);
		cr_expect_eq(strlen(tok), 57);
		cr_expect_eq(strncmp(tok, prefixes[k], 8), 0, "%s", tok);
		cr_expect_eq(token_check(&kind, tok), 0, "%s", tok);
		cr_expect_eq(kind, (enum token_kind)k);
	}
}

Test(token, two_tokens_differ)
{
	char a[TOKEN_SIZE], b[TOKEN_SIZE];

	token_generate(a, TOKEN_ORG_KEY);
	token_generate(b, TOKEN_ORG_KEY);
	cr_expect_str_neq(a, b);
}

Test(token, a_single_typo_is_caught_offline)
{
	char tok[TOKEN_SIZE];
	enum token_kind kind;
	size_t i;

	token_generate(tok, TOKEN_PERSONAL);
	for (i = 8; i < TOKEN_LEN; i++) {
		char saved = tok[i];

		tok[i] = saved == 'a' ? 'b' : 'a';
		cr_expect_eq(token_check(&kind, tok), -1, "typo at %zu", i);
		tok[i] = saved;
	}
	cr_expect_eq(token_check(&kind, tok), 0);
}

Test(token, malformed_text_is_rejected)
{
	enum token_kind kind;

	cr_expect_eq(token_check(&kind, NULL), -1);
	cr_expect_eq(token_check(&kind, ""), -1);
	cr_expect_eq(token_check(&kind, "odk_pat_short"), -1);
	cr_expect_eq(token_check(&kind, "odk_xyz_"
					"0000000000000000000000000000000000000"
					"00000000000000000000"),
		     -1);
}

Test(token, redaction_keeps_prefix_and_last_four)
{
	char tok[TOKEN_SIZE], red[TOKEN_REDACTED_SIZE];

	token_generate(tok, TOKEN_PROJECT_KEY);
	token_redact(red, tok);
	cr_expect_eq(strncmp(red, "odk_prj_****", 12), 0, "%s", red);
	cr_expect_str_eq(red + 12, tok + TOKEN_LEN - 4);
	cr_expect_eq(strlen(red), TOKEN_REDACTED_SIZE - 1);
}
