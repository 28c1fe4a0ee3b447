/* SPDX-License-Identifier: MIT */
/*
 * The encrypted credentials file: the opt-in fallback for machines without
 * a Secret Service (config `credentials = file`, or --credentials-file).
 * One file, paths_credentials_file(), mode 0600, holds a token per profile
 * and server.  Its key is derived from a passphrase with Argon2id
 * (crypto_pwhash, libsodium's "moderate" cost, kept in the file so that it
 * can be raised later) and the contents are sealed with crypto_secretbox;
 * a wrong passphrase and a damaged file both fail to open.  Plain text is
 * never written, and every save replaces the file atomically.
 *
 * struct credfile is opaque.  It keeps the derived key and the tokens in
 * locked memory (sodium_malloc) and wipes them in credfile_free(), so that
 * the passphrase is asked once per run.  Needs sodium_init().
 */
#ifndef ORGDECK_CREDFILE_H
#define ORGDECK_CREDFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "orgdeck/buf.h"

struct credfile;

/*
 * Opens the file at @path with @passphrase (@len bytes), or prepares a new
 * one when it does not exist (nothing is written until credfile_store()).
 * Takes about a second: that is the point of Argon2id.  On failure appends
 * a sentence for the user to @why and returns -1 with errno set: EACCES for
 * a wrong passphrase or a damaged file, EINVAL for a file that is not an
 * orgdeck credentials file.  On success *@out is the caller's, to free with
 * credfile_free().
 */
int credfile_open(struct credfile **out, const char *path,
		  const char *passphrase, size_t len, struct buf *why);

/* Whether a credentials file exists at @path. */
bool credfile_exists(const char *path);

/*
 * The token stored for @profile and @server, or NULL.  The string stays
 * @file's (locked memory) and is valid until the next change to @file.
 */
const char *credfile_lookup(const struct credfile *file, const char *profile,
			    const char *server);

/*
 * Stores @token for @profile and @server, replacing any earlier one, and
 * saves the file.  Returns 0, or -1 with errno set and a sentence in @why;
 * the file on disk is then unchanged.
 */
int credfile_store(struct credfile *file, const char *profile,
		   const char *server, const char *token, struct buf *why);

/*
 * Removes the token for @profile and @server and saves the file.  Sets
 * *@removed to whether there was one.  Returns 0, or -1 as credfile_store().
 */
int credfile_remove(struct credfile *file, const char *profile,
		    const char *server, bool *removed, struct buf *why);

/* Wipes and frees *@file and sets it to NULL.  NULL is fine. */
void credfile_free(struct credfile **file);

#endif
