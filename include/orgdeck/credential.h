/* SPDX-License-Identifier: MIT */
/*
 * Where a profile's token comes from, in this order:
 *
 *  1. the environment: ORGDECK_TOKEN_<PROFILE> (the profile name in upper
 *     case, anything but letters and digits as '_'), then ORGDECK_TOKEN,
 *     for scripts and CI;
 *  2. the Secret Service (keyring.h), the default store;
 *  3. the encrypted credentials file (credfile.h), only when the user opted
 *     in (config `credentials = file`, or --credentials-file); it then
 *     replaces the keyring.
 *
 * Without a usable keyring and without the opt-in, orgdeck refuses to keep
 * a token and says why and what the ways out are; it never falls back to
 * plain text on its own.  Every token is checked offline with token_check()
 * before it is used or stored, so a mistyped one is refused at once.
 *
 * Token text lives only in locked memory (sodium_malloc) and is wiped when
 * released.  Needs sodium_init(), which credential_open() calls.
 */
#ifndef ORGDECK_CREDENTIAL_H
#define ORGDECK_CREDENTIAL_H

#include <stdbool.h>
#include <stddef.h>

#include "orgdeck/buf.h"
#include "orgdeck/token.h"

/* Room for "ORGDECK_TOKEN_" and the longest profile name, and the NUL. */
#define CREDENTIAL_ENV_NAME_SIZE 80

enum credential_source {
	CREDENTIAL_NONE = 0,
	CREDENTIAL_ENV,
	CREDENTIAL_KEYRING,
	CREDENTIAL_FILE,
};

/* A token found for a profile.  Release with credential_release(). */
struct credential {
	char *token; /* locked memory, NUL-terminated; NULL when none */
	enum token_kind kind;
	enum credential_source source;
	char origin[CREDENTIAL_ENV_NAME_SIZE]; /* the variable, for ENV */
};

/* How a run keeps its credentials; the strings stay the caller's. */
struct credential_opts {
	bool use_file;		 /* the user opted in to the encrypted file */
	const char *file_path;	 /* NULL: paths_credentials_file() */
	unsigned int timeout_ms; /* per keyring call; 0: KEYRING_TIMEOUT_MS */
	/*
	 * The file's passphrase, for tests and callers that asked already.
	 * NULL: asked once, hidden, at the controlling terminal (or read as
	 * one line from standard input when there is none).
	 */
	const char *passphrase;
};

/* The stores of one run; opaque.  Opens the keyring or file lazily. */
struct credentials;

/*
 * Makes the stores for @opts (copied).  Returns 0 and sets *@out, which
 * the caller frees with credential_close(), or -1 with errno set.
 */
int credential_open(struct credentials **out,
		    const struct credential_opts *opts);

/*
 * Finds the token for @profile and @server, in the order above, into @cred
 * (which the caller releases with credential_release() in every case).
 * Returns 1 when found; 0 when no store holds one, with a sentence for the
 * user in @why; -1 when a store cannot be used or the token found is not a
 * valid orgdeck token, with the reason and the ways out in @why.
 */
int credential_lookup(struct credentials *c, struct credential *cred,
		      const char *profile, const char *server, struct buf *why);

/*
 * Makes sure the store credential_save() would use can take a token now:
 * the keyring answers and is unlocked, or the file opens (its passphrase
 * is asked here, once).  Call it before anything that cannot be undone,
 * such as accepting an invitation.  Returns 0, or -1 with the reason and
 * the ways out in @why.
 */
int credential_prepare(struct credentials *c, struct buf *why);

/*
 * Checks @token offline and stores it for @profile and @server in the
 * keyring or, when opted in, the file; *@where says which.  An invitation
 * code is refused: it is not a credential.  Returns 0, or -1 with the
 * reason in @why.
 */
int credential_save(struct credentials *c, enum credential_source *where,
		    const char *profile, const char *server, const char *token,
		    struct buf *why);

/*
 * Removes the stored token for @profile and @server; *@removed says
 * whether there was one.  The environment is not touched.  Returns 0, or
 * -1 with the reason in @why.
 */
int credential_forget(struct credentials *c, bool *removed, const char *profile,
		      const char *server, struct buf *why);

/*
 * Appends to @out, in a sentence, the store that would be used for
 * @profile and why (this may probe the keyring, within its timeout).
 * Sets *@source to it, CREDENTIAL_NONE when refused.
 */
void credential_describe(struct credentials *c, enum credential_source *source,
			 const char *profile, struct buf *out);

/* Wipes and frees *@c and sets it to NULL.  NULL is fine. */
void credential_close(struct credentials **c);

/* Wipes and frees the token in @cred and empties it. */
void credential_release(struct credential *cred);

/*
 * Writes the per-profile variable name, "ORGDECK_TOKEN_" and @profile in
 * upper case with anything but letters and digits as '_'.  Returns 0, or
 * -1 when it does not fit.
 */
int credential_env_name(char out[CREDENTIAL_ENV_NAME_SIZE],
			const char *profile);

/* "environment", "keyring", "encrypted file" or "none". */
const char *credential_source_name(enum credential_source source);

/*
 * Keeps secrets out of core dumps: no core file (RLIMIT_CORE 0) and no
 * dumping or ptrace by others of the same user (PR_SET_DUMPABLE 0).  Call
 * early in main().  Returns 0, or -1 with errno set if either failed.
 */
int credential_harden(void);

#endif
