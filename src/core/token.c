/* SPDX-License-Identifier: MIT */
/*
 * Token generation, offline checking and redaction.  Base62 has no
 * implementation in the libraries we use, so the small encoder lives here;
 * randomness and the checksum digest come from libsodium.
 */
#include "orgdeck/token.h"

#include <stdint.h>
#include <string.h>

#include <sodium.h>

#define TOKEN_PREFIX_LEN 8
#define TOKEN_BODY_BYTES 32
#define TOKEN_BODY_LEN	 43
#define TOKEN_CHECK_LEN	 6

static const char token_alphabet[] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static const char *const token_prefixes[TOKEN__COUNT] = {
	[TOKEN_PERSONAL] = "odk_pat_",
	[TOKEN_ORG_KEY] = "odk_org_",
	[TOKEN_PROJECT_KEY] = "odk_prj_",
	[TOKEN_INVITATION] = "odk_inv_",
};

const char *token_prefix(enum token_kind kind)
{
	if ((unsigned int)kind >= TOKEN__COUNT)
		return NULL;
	return token_prefixes[kind];
}

/*
 * Writes the big-endian number in @num (@n bytes, destroyed) as exactly
 * @width base62 digits, most significant first.
 */
static void token_base62(char *out, size_t width, unsigned char *num, size_t n)
{
	size_t pos = width;

	while (pos > 0) {
		unsigned int rem = 0;
		size_t i;

		for (i = 0; i < n; i++) {
			unsigned int cur = (rem << 8) | num[i];

			num[i] = (unsigned char)(cur / 62);
			rem = cur % 62;
		}
		out[--pos] = token_alphabet[rem];
	}
}

/* Computes the checksum characters of the first @len bytes of @text. */
static void token_checksum(char out[TOKEN_CHECK_LEN], const char *text,
			   size_t len)
{
	unsigned char digest[crypto_generichash_BYTES_MIN];
	unsigned char head[4];

	crypto_generichash(digest, sizeof(digest), (const unsigned char *)text,
			   len, NULL, 0);
	memcpy(head, digest, sizeof(head));
	token_base62(out, TOKEN_CHECK_LEN, head, sizeof(head));
}

int token_generate(char out[TOKEN_SIZE], enum token_kind kind)
{
	unsigned char body[TOKEN_BODY_BYTES];
	const char *prefix = token_prefix(kind);

	if (prefix == NULL)
		return -1;

	randombytes_buf(body, sizeof(body));
	memcpy(out, prefix, TOKEN_PREFIX_LEN);
	token_base62(out + TOKEN_PREFIX_LEN, TOKEN_BODY_LEN, body,
		     sizeof(body));
	sodium_memzero(body, sizeof(body));

	token_checksum(out + TOKEN_PREFIX_LEN + TOKEN_BODY_LEN, out,
		       TOKEN_PREFIX_LEN + TOKEN_BODY_LEN);
	out[TOKEN_LEN] = '\0';
	return 0;
}

static bool token_is_base62(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(token_alphabet, s[i]) == NULL)
			return false;
	return true;
}

int token_check(enum token_kind *kind, const char *text)
{
	char check[TOKEN_CHECK_LEN];
	int k;

	if (text == NULL || strlen(text) != TOKEN_LEN)
		return -1;

	for (k = 0; k < TOKEN__COUNT; k++)
		if (memcmp(text, token_prefixes[k], TOKEN_PREFIX_LEN) == 0)
			break;
	if (k == TOKEN__COUNT)
		return -1;

	if (!token_is_base62(text + TOKEN_PREFIX_LEN,
			     TOKEN_BODY_LEN + TOKEN_CHECK_LEN))
		return -1;

	token_checksum(check, text, TOKEN_PREFIX_LEN + TOKEN_BODY_LEN);
	if (memcmp(check, text + TOKEN_PREFIX_LEN + TOKEN_BODY_LEN,
		   TOKEN_CHECK_LEN) != 0)
		return -1;

	*kind = (enum token_kind)k;
	return 0;
}

void token_redact(char out[TOKEN_REDACTED_SIZE], const char *text)
{
	size_t len = text ? strlen(text) : 0;

	if (len < TOKEN_PREFIX_LEN + 4) {
		memcpy(out, "****", 5);
		return;
	}
	memcpy(out, text, TOKEN_PREFIX_LEN);
	memcpy(out + TOKEN_PREFIX_LEN, "****", 4);
	memcpy(out + TOKEN_PREFIX_LEN + 4, text + len - 4, 4);
	out[TOKEN_REDACTED_SIZE - 1] = '\0';
}
