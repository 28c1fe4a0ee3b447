/* SPDX-License-Identifier: MIT */
/*
 * The server key and what it protects.  `orgdeckd init` writes 32 random
 * bytes to orgdeckd.key beside the database (mode 0600); the other commands
 * load it into locked memory.  Secret values and stored replays of answers
 * that carried a token are sealed with it (crypto_secretbox); tokens
 * themselves are never stored, only their SHA-256.
 */
#ifndef ORGDECKD_VAULT_H
#define ORGDECKD_VAULT_H

#include <stddef.h>

#include <sodium.h>

#include "orgdeck/buf.h"

#define VAULT_HASH_SIZE crypto_hash_sha256_BYTES

/*
 * Writes a new key file at @path, mode 0600.  Fails (-1, errno EEXIST)
 * rather than replace an existing key, which would make every sealed value
 * unreadable.  Returns 0, or -1 with errno set.
 */
int vault_create(const char *path);

/* Loads the key at @path.  Returns 0, or -1 after logging why. */
int vault_load(const char *path);

/* Wipes and frees the loaded key. */
void vault_unload(void);

/*
 * Seals @len bytes of @plain.  On success *@out is a malloc'd block the
 * caller frees, of *@out_len bytes (nonce then ciphertext).  Returns 0, or
 * -1 when no key is loaded or out of memory.
 */
int vault_seal(unsigned char **out, size_t *out_len, const void *plain,
	       size_t len);

/*
 * Opens what vault_seal() made, appending the plain text to @out (which the
 * caller releases; buf_release() wipes it).  Returns 0, or -1 when the
 * block is damaged or was sealed with another key.
 */
int vault_open(struct buf *out, const unsigned char *sealed, size_t len);

/* The SHA-256 of @token, as stored in place of the token. */
void vault_hash(unsigned char out[VAULT_HASH_SIZE], const char *token);

#endif
