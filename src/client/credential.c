/* SPDX-License-Identifier: MIT */
/*
 * The credential lookup order (environment, keyring, opt-in encrypted
 * file), the offline token check, and the user-facing words for each case.
 */
#include "orgdeck/credential.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <sodium.h>

#include "orgdeck/credfile.h"
#include "orgdeck/keyring.h"
#include "orgdeck/paths.h"
#include "orgdeck/prompt.h"

#define CREDENTIAL_ENV_PREFIX "ORGDECK_TOKEN"
#define CREDENTIAL_PASS_SIZE  1024
#define CREDENTIAL_WAYS_OUT                                                  \
	"Ways out: set ORGDECK_TOKEN (or ORGDECK_TOKEN_<PROFILE>) for this " \
	"run, start a keyring, or opt in to the encrypted credentials "      \
	"file with \"credentials = file\" in config.ini or "                 \
	"--credentials-file."

struct credentials {
	struct credential_opts opts;
	char *file_path;
	char *passphrase; /* locked copy of opts.passphrase, or NULL */
	struct keyring *keyring;
	bool keyring_tried;
	struct buf keyring_why; /* why the keyring cannot be used */
	struct credfile *file;
};

static const char *const credential_source_names[] = {
	[CREDENTIAL_NONE] = "none",
	[CREDENTIAL_ENV] = "environment",
	[CREDENTIAL_KEYRING] = "keyring",
	[CREDENTIAL_FILE] = "encrypted file",
};

const char *credential_source_name(enum credential_source source)
{
	if ((unsigned int)source > CREDENTIAL_FILE)
		return "unknown";
	return credential_source_names[source];
}

int credential_harden(void)
{
	struct rlimit none = { 0, 0 };
	int rc = 0;

	if (setrlimit(RLIMIT_CORE, &none) < 0)
		rc = -1;
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		rc = -1;
	return rc;
}

int credential_env_name(char out[CREDENTIAL_ENV_NAME_SIZE], const char *profile)
{
	size_t pre = strlen(CREDENTIAL_ENV_PREFIX "_");
	size_t i, len = strlen(profile);

	if (pre + len + 1 > CREDENTIAL_ENV_NAME_SIZE)
		return -1;

	memcpy(out, CREDENTIAL_ENV_PREFIX "_", pre);
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)profile[i];

		out[pre + i] = isalnum(ch) ? (char)toupper(ch) : '_';
	}
	out[pre + len] = '\0';
	return 0;
}

int credential_open(struct credentials **out,
		    const struct credential_opts *opts)
{
	struct credentials *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (c == NULL || sodium_init() < 0)
		goto fail;

	c->opts = *opts;
	buf_init(&c->keyring_why, 4096);
	c->file_path = opts->file_path ? strdup(opts->file_path)
				       : paths_credentials_file();
	if (c->file_path == NULL)
		goto fail;

	if (opts->passphrase != NULL) {
		c->passphrase = sodium_malloc(strlen(opts->passphrase) + 1);
		if (c->passphrase == NULL)
			goto fail;
		strcpy(c->passphrase, opts->passphrase);
	}
	c->opts.passphrase = NULL;
	c->opts.file_path = NULL;

	*out = c;
	return 0;
fail:
	credential_close(&c);
	errno = ENOMEM;
	return -1;
}

void credential_close(struct credentials **c)
{
	struct credentials *cr = c ? *c : NULL;

	if (cr == NULL)
		return;
	keyring_free(&cr->keyring);
	credfile_free(&cr->file);
	buf_release(&cr->keyring_why);
	sodium_free(cr->passphrase);
	free(cr->file_path);
	free(cr);
	*c = NULL;
}

void credential_release(struct credential *cred)
{
	sodium_free(cred->token);
	memset(cred, 0, sizeof(*cred));
}

/* The keyring, opened on first use; NULL with the reason in @why when it
 * cannot be used (the reason is kept: the keyring is probed once a run). */
static struct keyring *credential_keyring(struct credentials *c,
					  struct buf *why)
{
	unsigned int ms =
		c->opts.timeout_ms ? c->opts.timeout_ms : KEYRING_TIMEOUT_MS;

	if (!c->keyring_tried) {
		c->keyring_tried = true;
		keyring_open(&c->keyring, ms, &c->keyring_why);
	}
	if (c->keyring == NULL && why != NULL)
		buf_printf(why, "%s. %s", c->keyring_why.data,
			   CREDENTIAL_WAYS_OUT);
	return c->keyring;
}

/* Reads the passphrase a second time to catch a typo in a new one. */
static int credential_confirm(const char *first, int fd, struct buf *why)
{
	char *again = sodium_malloc(CREDENTIAL_PASS_SIZE);
	int rc = -1;

	if (again == NULL)
		return -1;
	if (prompt_secret(again, CREDENTIAL_PASS_SIZE, "Type it again: ", fd) <
	    0)
		buf_puts(why, "no passphrase confirmation given");
	else if (strcmp(again, first) != 0)
		buf_puts(why, "the two passphrases differ; nothing was saved");
	else
		rc = 0;
	sodium_free(again);
	return rc;
}

/*
 * Asks for the file's passphrase, at the controlling terminal if there is
 * one, else as a line of standard input.  A new file at a terminal asks
 * twice.  Returns 0, or -1 with the reason in @why.
 */
static int credential_ask(struct credentials *c, char *out, bool create,
			  struct buf *why)
{
	int tty = prompt_open_tty();
	int fd = tty >= 0 ? tty : STDIN_FILENO;
	char *question = NULL;
	int rc = -1;
	ssize_t len;

	if (asprintf(&question, "%s passphrase for %s: ",
		     create ? "New" : "The", c->file_path) < 0)
		goto out;

	len = prompt_secret(out, CREDENTIAL_PASS_SIZE, question, fd);
	if (len < 0)
		buf_printf(why, "no passphrase for %s: %s", c->file_path,
			   errno == ECANCELED ? "cancelled" : "none given");
	else if (len == 0)
		buf_puts(why, "an empty passphrase is not accepted");
	else if (create && tty >= 0)
		rc = credential_confirm(out, fd, why);
	else
		rc = 0;
out:
	free(question);
	if (tty >= 0)
		close(tty);
	return rc;
}

/* The encrypted file, opened on first use with the passphrase given or
 * asked once; NULL with the reason in @why. */
static struct credfile *credential_file(struct credentials *c, struct buf *why)
{
	char *pass = c->passphrase;
	bool create = !credfile_exists(c->file_path);

	if (c->file != NULL)
		return c->file;

	if (pass == NULL) {
		pass = sodium_malloc(CREDENTIAL_PASS_SIZE);
		if (pass == NULL || credential_ask(c, pass, create, why) < 0)
			goto out;
	}
	credfile_open(&c->file, c->file_path, pass, strlen(pass), why);
out:
	if (pass != c->passphrase)
		sodium_free(pass);
	return c->file;
}

/*
 * Checks @text offline and copies it into @cred.  @what names where it came
 * from, for the message.  Returns 1, or -1 with the reason in @why.
 */
static int credential_accept(struct credential *cred, const char *text,
			     enum credential_source source, const char *what,
			     struct buf *why)
{
	enum token_kind kind;

	if (token_check(&kind, text) < 0) {
		buf_printf(why,
			   "%s does not hold a valid orgdeck token "
			   "(mistyped, or cut short?)",
			   what);
		return -1;
	}
	if (kind == TOKEN_INVITATION) {
		buf_printf(why,
			   "%s holds an invitation code, not a token: "
			   "accept it with `orgdeck login` first",
			   what);
		return -1;
	}

	cred->token = sodium_malloc(TOKEN_SIZE);
	if (cred->token == NULL) {
		buf_puts(why, "out of memory");
		return -1;
	}
	memcpy(cred->token, text, TOKEN_SIZE);
	cred->kind = kind;
	cred->source = source;
	return 1;
}

/*
 * The variable that supplies @profile's token, or NULL.  Sets @name.
 *
 * XXX: a token from the environment also stays in the process's
 * environment block, which cannot be locked or wiped; clipboard programs
 * are started without it.
 */
static const char *credential_env(char name[CREDENTIAL_ENV_NAME_SIZE],
				  const char *profile)
{
	const char *value = NULL;

	if (credential_env_name(name, profile) == 0)
		value = getenv(name);
	if (value != NULL && *value != '\0')
		return value;

	strcpy(name, CREDENTIAL_ENV_PREFIX);
	value = getenv(name);
	return value != NULL && *value != '\0' ? value : NULL;
}

/* Says that no store holds a token for @profile, and how to add one. */
static int credential_none(const char *profile, const char *server,
			   struct buf *why)
{
	buf_printf(why,
		   "no token is stored for profile %s (%s); run "
		   "`orgdeck login --profile %s`",
		   profile, server, profile);
	return 0;
}

/* Looks in the encrypted file.  Returns as credential_lookup(). */
static int credential_lookup_file(struct credentials *c,
				  struct credential *cred, const char *profile,
				  const char *server, struct buf *why)
{
	struct credfile *file = credential_file(c, why);
	const char *found;

	if (file == NULL)
		return -1;
	found = credfile_lookup(file, profile, server);
	if (found == NULL)
		return credential_none(profile, server, why);
	return credential_accept(cred, found, CREDENTIAL_FILE,
				 "the credentials file", why);
}

/* Looks in the keyring.  Returns as credential_lookup(). */
static int credential_lookup_keyring(struct credentials *c,
				     struct credential *cred,
				     const char *profile, const char *server,
				     struct buf *why)
{
	struct keyring *k = credential_keyring(c, why);
	char *token = NULL;
	int rc;

	if (k == NULL)
		return -1;
	if (keyring_lookup(k, &token, profile, server, why) != KEYRING_OK)
		return -1;
	if (token == NULL)
		return credential_none(profile, server, why);

	rc = credential_accept(cred, token, CREDENTIAL_KEYRING,
			       "the keyring item", why);
	sodium_free(token);
	return rc;
}

int credential_lookup(struct credentials *c, struct credential *cred,
		      const char *profile, const char *server, struct buf *why)
{
	char name[CREDENTIAL_ENV_NAME_SIZE];
	const char *value;
	int rc;

	memset(cred, 0, sizeof(*cred));
	value = credential_env(name, profile);
	if (value != NULL) {
		rc = credential_accept(cred, value, CREDENTIAL_ENV, name, why);
		if (rc > 0)
			snprintf(cred->origin, sizeof(cred->origin), "%s",
				 name);
		return rc;
	}
	if (c->opts.use_file)
		return credential_lookup_file(c, cred, profile, server, why);
	return credential_lookup_keyring(c, cred, profile, server, why);
}

int credential_prepare(struct credentials *c, struct buf *why)
{
	if (c->opts.use_file)
		return credential_file(c, why) != NULL ? 0 : -1;
	return credential_keyring(c, why) != NULL ? 0 : -1;
}

int credential_save(struct credentials *c, enum credential_source *where,
		    const char *profile, const char *server, const char *token,
		    struct buf *why)
{
	struct credential checked = { 0 };
	struct credfile *file;
	struct keyring *k;
	int rc = -1;

	*where = CREDENTIAL_NONE;
	if (credential_accept(&checked, token, CREDENTIAL_NONE,
			      "the text given", why) < 0)
		return -1;

	if (c->opts.use_file) {
		file = credential_file(c, why);
		if (file != NULL && credfile_store(file, profile, server,
						   checked.token, why) == 0) {
			*where = CREDENTIAL_FILE;
			rc = 0;
		}
		goto out;
	}

	k = credential_keyring(c, why);
	if (k != NULL && keyring_store(k, profile, server, checked.token,
				       why) == KEYRING_OK) {
		*where = CREDENTIAL_KEYRING;
		rc = 0;
	}
out:
	credential_release(&checked);
	return rc;
}

int credential_forget(struct credentials *c, bool *removed, const char *profile,
		      const char *server, struct buf *why)
{
	struct credfile *file;
	struct keyring *k;

	*removed = false;
	if (c->opts.use_file) {
		if (!credfile_exists(c->file_path))
			return 0;
		file = credential_file(c, why);
		if (file == NULL)
			return -1;
		return credfile_remove(file, profile, server, removed, why);
	}

	k = credential_keyring(c, why);
	if (k == NULL)
		return -1;
	if (keyring_clear(k, removed, profile, server, why) != KEYRING_OK)
		return -1;
	return 0;
}

/* Describes the store login would use, into @out. */
static enum credential_source credential_describe_store(struct credentials *c,
							struct buf *out)
{
	if (c->opts.use_file) {
		buf_printf(out,
			   "the encrypted credentials file %s (opted in)%s",
			   c->file_path,
			   credfile_exists(c->file_path) ? ""
							 : ", not created yet");
		return CREDENTIAL_FILE;
	}

	if (credential_keyring(c, NULL) != NULL) {
		buf_puts(out, "the Secret Service keyring (default "
			      "collection, unlocked)");
		return CREDENTIAL_KEYRING;
	}
	buf_printf(out, "none, tokens are refused: %s. %s", c->keyring_why.data,
		   CREDENTIAL_WAYS_OUT);
	return CREDENTIAL_NONE;
}

void credential_describe(struct credentials *c, enum credential_source *source,
			 const char *profile, struct buf *out)
{
	char name[CREDENTIAL_ENV_NAME_SIZE];
	enum credential_source store;

	if (credential_env(name, profile) != NULL)
		buf_printf(out,
			   "%s from the environment, which wins over a "
			   "stored token; stored tokens go to ",
			   name);
	store = credential_describe_store(c, out);
	*source = credential_env(name, profile) ? CREDENTIAL_ENV : store;
}
