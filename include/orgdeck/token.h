/* SPDX-License-Identifier: MIT */
/*
 * orgdeck's bearer tokens: "odk_" KIND "_" BODY CHECK, where KIND is pat
 * (personal), org (organization key), prj (project key) or inv (invitation
 * code), BODY is 32 random bytes in base62 (43 characters) and CHECK is six
 * base62 characters of a BLAKE2b digest of everything before it.  The
 * checksum lets a client reject a mistyped token without asking the server.
 *
 * Token text is a secret.  Functions that produce one write into a buffer
 * the caller provides, so the caller decides where it lives (locked memory,
 * for instance) and wipes it with sodium_memzero() when done.
 */
#ifndef ORGDECK_TOKEN_H
#define ORGDECK_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

enum token_kind {
	TOKEN_PERSONAL = 0,
	TOKEN_ORG_KEY,
	TOKEN_PROJECT_KEY,
	TOKEN_INVITATION,
	TOKEN__COUNT
};

/* Length of a token, without the NUL: "odk_xxx_" + 43 + 6. */
#define TOKEN_LEN 57
/* Room for a token and its NUL. */
#define TOKEN_SIZE (TOKEN_LEN + 1)
/* Room for a redacted token ("odk_xxx_****abcd") and its NUL. */
#define TOKEN_REDACTED_SIZE 17

/*
 * Writes a fresh random token of @kind into @out (TOKEN_SIZE bytes).
 * Returns 0, or -1 if @kind is out of range.  Needs sodium_init().
 */
int token_generate(char out[TOKEN_SIZE], enum token_kind kind);

/*
 * Checks shape and checksum of @text.  Returns 0 and sets *@kind, or -1
 * when @text is not a well-formed orgdeck token.
 */
int token_check(enum token_kind *kind, const char *text);

/* Writes the redacted form of @text: its prefix, "****" and last four. */
void token_redact(char out[TOKEN_REDACTED_SIZE], const char *text);

/* The four-letter prefix of @kind, e.g. "odk_pat_"; NULL if out of range. */
const char *token_prefix(enum token_kind kind);

#endif
