/* SPDX-License-Identifier: MIT */
/*
 * Tokens in the Secret Service (gnome-keyring, KeePassXC, ...) through
 * libsecret: one item per profile and server, in the default collection,
 * with the schema "org.orgdeck.Credential" (attributes "profile" and
 * "server").
 *
 * Every call is asynchronous underneath and bounded by the timeout given
 * to keyring_open(): a hung keyring daemon costs that long, not the ~25 s
 * D-Bus timeout libsecret would otherwise wait.  keyring_open() first
 * checks, step by step, that the keyring can be used and, when it cannot,
 * says why in words a user can act on.  Nothing here ever prompts: a
 * locked keyring is reported, not unlocked, since the person may be on SSH.
 *
 * struct keyring is opaque; the caller frees it with keyring_free().  Not
 * for use from several threads at once.
 */
#ifndef ORGDECK_KEYRING_H
#define ORGDECK_KEYRING_H

#include <stdbool.h>

#include "orgdeck/buf.h"

/* The default bound on each keyring call, in milliseconds. */
#define KEYRING_TIMEOUT_MS 3000

enum keyring_status {
	KEYRING_OK = 0,
	KEYRING_NO_BUS,		 /* no session bus address to connect to */
	KEYRING_BUS_UNREACHABLE, /* an address, but connecting failed */
	KEYRING_NO_SERVICE,	 /* nothing provides org.freedesktop.secrets */
	KEYRING_NO_COLLECTION,	 /* the service has no default collection */
	KEYRING_LOCKED,		 /* the default collection is locked */
	KEYRING_TIMEOUT,	 /* the service did not answer in time */
	KEYRING_FAILED,		 /* any other error from the service */
};

struct keyring;

/*
 * Connects to the session bus and the Secret Service and checks that the
 * default collection exists and is unlocked, each step within
 * @timeout_ms.  Returns KEYRING_OK and sets *@out (the caller's, see
 * keyring_free()), or another status with *@out NULL and the reason, for
 * a user, appended to @why.
 */
enum keyring_status keyring_open(struct keyring **out, unsigned int timeout_ms,
				 struct buf *why);

/*
 * Stores @token for @profile and @server, replacing the item an earlier
 * call stored for the same pair.  Returns KEYRING_OK, or another status
 * with the reason in @why.
 */
enum keyring_status keyring_store(struct keyring *k, const char *profile,
				  const char *server, const char *token,
				  struct buf *why);

/*
 * Looks up the token for @profile and @server.  On KEYRING_OK *@token is
 * a NUL-terminated copy in locked memory that the caller wipes and frees
 * with sodium_free(), or NULL when no item exists.  Any other status
 * leaves *@token NULL and puts the reason in @why.
 */
enum keyring_status keyring_lookup(struct keyring *k, char **token,
				   const char *profile, const char *server,
				   struct buf *why);

/*
 * Deletes the item for @profile and @server; *@removed says whether there
 * was one.  Returns KEYRING_OK, or another status with the reason in @why.
 */
enum keyring_status keyring_clear(struct keyring *k, bool *removed,
				  const char *profile, const char *server,
				  struct buf *why);

/* A short name for @status, for logs and `orgdeck info`. */
const char *keyring_status_name(enum keyring_status status);

/* Releases *@k and sets it to NULL.  NULL is fine. */
void keyring_free(struct keyring **k);

#endif
