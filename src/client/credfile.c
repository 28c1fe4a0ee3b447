/* SPDX-License-Identifier: MIT */
/*
 * The encrypted credentials file.  On disk:
 *
 *	"ODKCRED1"  opslimit (u64, big-endian)  memlimit (u64, big-endian)
 *	salt (16 bytes)  nonce (24 bytes)  crypto_secretbox(contents)
 *
 * and the contents, only ever in locked memory, are lines of
 * "PROFILE<TAB>SERVER<TAB>TOKEN<LF>".
 */
#include "orgdeck/credfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "atomic.h"

#define CREDFILE_MAGIC	   "ODKCRED1"
#define CREDFILE_MAGIC_LEN 8
#define CREDFILE_HEADER                                         \
	(CREDFILE_MAGIC_LEN + 8 + 8 + crypto_pwhash_SALTBYTES + \
	 crypto_secretbox_NONCEBYTES)
#define CREDFILE_MAX_SIZE (1 << 20)

struct credfile_entry {
	char *profile;
	char *server;
	char *token; /* sodium_malloc */
};

struct credfile {
	char *path;
	unsigned char *key; /* sodium_malloc, crypto_secretbox_KEYBYTES */
	unsigned char salt[crypto_pwhash_SALTBYTES];
	unsigned long long opslimit;
	size_t memlimit;
	struct credfile_entry *entries;
	size_t nentries;
};

/* The header fields of a file read from disk. */
struct credfile_header {
	unsigned long long opslimit;
	unsigned long long memlimit;
	const unsigned char *salt;
	const unsigned char *nonce;
};

bool credfile_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static uint64_t credfile_get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static void credfile_put_u64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

/* Frees one entry's memory, wiping the token. */
static void credfile_entry_release(struct credfile_entry *entry)
{
	free(entry->profile);
	free(entry->server);
	sodium_free(entry->token);
	memset(entry, 0, sizeof(*entry));
}

void credfile_free(struct credfile **file)
{
	struct credfile *f = file ? *file : NULL;
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nentries; i++)
		credfile_entry_release(&f->entries[i]);
	free(f->entries);
	sodium_free(f->key);
	free(f->path);
	free(f);
	*file = NULL;
}

/* Copies @len bytes of @text into a fresh string in locked memory. */
static char *credfile_secret_dup(const char *text, size_t len)
{
	char *copy = sodium_malloc(len + 1);

	if (copy == NULL)
		return NULL;
	memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

static ssize_t credfile_find(const struct credfile *f, const char *profile,
			     const char *server)
{
	size_t i;

	for (i = 0; i < f->nentries; i++)
		if (strcmp(f->entries[i].profile, profile) == 0 &&
		    strcmp(f->entries[i].server, server) == 0)
			return (ssize_t)i;
	return -1;
}

const char *credfile_lookup(const struct credfile *file, const char *profile,
			    const char *server)
{
	ssize_t i = credfile_find(file, profile, server);

	return i < 0 ? NULL : file->entries[i].token;
}

/* Appends an entry made of copies of the three fields.  Returns 0, or -1. */
static int credfile_add(struct credfile *f, const char *profile, size_t plen,
			const char *server, size_t slen, const char *token,
			size_t tlen)
{
	struct credfile_entry *grown, *entry;

	grown = realloc(f->entries, (f->nentries + 1) * sizeof(*grown));
	if (grown == NULL)
		return -1;
	f->entries = grown;

	entry = &grown[f->nentries];
	entry->profile = strndup(profile, plen);
	entry->server = strndup(server, slen);
	entry->token = credfile_secret_dup(token, tlen);
	if (!entry->profile || !entry->server || !entry->token) {
		credfile_entry_release(entry);
		return -1;
	}
	f->nentries++;
	return 0;
}

/* Splits decrypted contents into entries.  Returns 0, or -1 (EINVAL). */
static int credfile_parse(struct credfile *f, const char *text, size_t len)
{
	const char *end = text + len;

	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		const char *t1, *t2;

		if (nl == NULL)
			goto bad;
		t1 = memchr(text, '\t', (size_t)(nl - text));
		t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1)) : NULL;
		if (t2 == NULL)
			goto bad;
		if (credfile_add(f, text, (size_t)(t1 - text), t1 + 1,
				 (size_t)(t2 - t1 - 1), t2 + 1,
				 (size_t)(nl - t2 - 1)) < 0)
			return -1;
		text = nl + 1;
	}
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* Reads the whole file at @path into @raw (not secret: it is sealed). */
static int credfile_read(struct buf *raw, const char *path)
{
	char chunk[4096];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || buf_append(raw, chunk, (size_t)n) < 0) {
			rc = -1;
			break;
		}
	}
	close(fd);
	return rc;
}

/* Checks the fixed part of a file.  Returns 0, or -1 (EINVAL). */
static int credfile_header_parse(struct credfile_header *h,
				 const struct buf *raw)
{
	const unsigned char *p = (const unsigned char *)raw->data;

	if (raw->len < CREDFILE_HEADER + crypto_secretbox_MACBYTES ||
	    memcmp(p, CREDFILE_MAGIC, CREDFILE_MAGIC_LEN) != 0)
		goto bad;
	p += CREDFILE_MAGIC_LEN;

	h->opslimit = credfile_get_u64(p);
	h->memlimit = credfile_get_u64(p + 8);
	h->salt = p + 16;
	h->nonce = h->salt + crypto_pwhash_SALTBYTES;

	/* A forged header must not make us spend hours or gigabytes. */
	if (h->opslimit < crypto_pwhash_OPSLIMIT_MIN ||
	    h->opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    h->memlimit < crypto_pwhash_MEMLIMIT_MIN ||
	    h->memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
		goto bad;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/* Derives f->key from the passphrase, f->salt and the cost in @f. */
static int credfile_derive(struct credfile *f, const char *passphrase,
			   size_t len, struct buf *why)
{
	f->key = sodium_malloc(crypto_secretbox_KEYBYTES);
	if (f->key == NULL) {
		errno = ENOMEM;
		return -1;
	}

	if (crypto_pwhash(f->key, crypto_secretbox_KEYBYTES, passphrase, len,
			  f->salt, f->opslimit, f->memlimit,
			  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		buf_printf(why,
			   "not enough memory to derive the key of the "
			   "credentials file (Argon2id needs %zu MiB)",
			   f->memlimit >> 20);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Decrypts the body of @raw into entries. */
static int credfile_unseal(struct credfile *f, const struct buf *raw,
			   const struct credfile_header *h, struct buf *why)
{
	size_t clen = raw->len - CREDFILE_HEADER;
	size_t plen = clen - crypto_secretbox_MACBYTES;
	unsigned char *plain = sodium_malloc(plen + 1);
	int rc = -1;

	if (plain == NULL) {
		errno = ENOMEM;
		return -1;
	}

	if (crypto_secretbox_open_easy(
		    plain, (const unsigned char *)raw->data + CREDFILE_HEADER,
		    clen, h->nonce, f->key) != 0) {
		buf_printf(why,
			   "wrong passphrase for %s, or the file is "
			   "damaged",
			   f->path);
		errno = EACCES;
		goto out;
	}

	rc = credfile_parse(f, (const char *)plain, plen);
	if (rc < 0 && errno == EINVAL)
		buf_printf(why, "%s holds an entry this orgdeck cannot read",
			   f->path);
out:
	sodium_free(plain);
	return rc;
}

/* Opens an existing file: header, key, contents. */
static int credfile_load(struct credfile *f, const char *passphrase, size_t len,
			 struct buf *why)
{
	struct credfile_header h;
	struct buf raw;
	int rc = -1;

	buf_init(&raw, CREDFILE_MAX_SIZE);
	if (credfile_read(&raw, f->path) < 0) {
		buf_printf(why, "cannot read %s: %s", f->path, strerror(errno));
		goto out;
	}
	if (credfile_header_parse(&h, &raw) < 0) {
		buf_printf(why,
			   "%s is not an orgdeck credentials file, or "
			   "is from a newer orgdeck",
			   f->path);
		goto out;
	}

	memcpy(f->salt, h.salt, sizeof(f->salt));
	f->opslimit = h.opslimit;
	f->memlimit = (size_t)h.memlimit;
	if (credfile_derive(f, passphrase, len, why) < 0)
		goto out;
	rc = credfile_unseal(f, &raw, &h, why);
out:
	buf_release(&raw);
	return rc;
}

int credfile_open(struct credfile **out, const char *path,
		  const char *passphrase, size_t len, struct buf *why)
{
	struct credfile *f = calloc(1, sizeof(*f));
	int rc = -1;

	*out = NULL;
	if (f != NULL && sodium_init() >= 0)
		f->path = strdup(path);
	if (f == NULL || f->path == NULL) {
		errno = ENOMEM;
		goto out;
	}

	if (credfile_exists(path)) {
		rc = credfile_load(f, passphrase, len, why);
		goto out;
	}

	randombytes_buf(f->salt, sizeof(f->salt));
	f->opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
	f->memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
	rc = credfile_derive(f, passphrase, len, why);
out:
	if (rc == 0)
		*out = f;
	else
		credfile_free(&f);
	return rc;
}

/* Writes the contents, every entry but the one at @skip, into @plain. */
static size_t credfile_format(char *plain, const struct credfile *f,
			      ssize_t skip)
{
	size_t i, len = 0;

	for (i = 0; i < f->nentries; i++) {
		const struct credfile_entry *e = &f->entries[i];
		size_t n = strlen(e->profile) + strlen(e->server) +
			   strlen(e->token) + 3;

		if ((ssize_t)i == skip)
			continue;
		if (plain != NULL)
			snprintf(plain + len, n + 1, "%s\t%s\t%s\n", e->profile,
				 e->server, e->token);
		len += n;
	}
	return len;
}

/* Fills the header of a file about to be written, with a fresh nonce. */
static void credfile_header_write(unsigned char *p, const struct credfile *f)
{
	memcpy(p, CREDFILE_MAGIC, CREDFILE_MAGIC_LEN);
	credfile_put_u64(p + CREDFILE_MAGIC_LEN, f->opslimit);
	credfile_put_u64(p + CREDFILE_MAGIC_LEN + 8, f->memlimit);
	memcpy(p + CREDFILE_MAGIC_LEN + 16, f->salt, sizeof(f->salt));
	randombytes_buf(p + CREDFILE_MAGIC_LEN + 16 + sizeof(f->salt),
			crypto_secretbox_NONCEBYTES);
}

/*
 * Seals every entry but the one at @skip and replaces the file.
 *
 * XXX: nothing locks the file between processes: two orgdeck runs saving
 * at once each write a whole, valid file, but the later one drops the
 * other's change.
 */
static int credfile_save(const struct credfile *f, ssize_t skip,
			 struct buf *why)
{
	size_t plen = credfile_format(NULL, f, skip);
	size_t total = CREDFILE_HEADER + crypto_secretbox_MACBYTES + plen;
	char *plain = sodium_malloc(plen + 1);
	unsigned char *sealed = malloc(total);
	int rc = -1;

	if (plain == NULL || sealed == NULL) {
		errno = ENOMEM;
		goto out;
	}

	credfile_format(plain, f, skip);
	credfile_header_write(sealed, f);
	crypto_secretbox_easy(
		sealed + CREDFILE_HEADER, (const unsigned char *)plain, plen,
		sealed + CREDFILE_HEADER - crypto_secretbox_NONCEBYTES, f->key);

	rc = atomic_write(f->path, sealed, total, 0600);
	if (rc < 0)
		buf_printf(why, "cannot save %s: %s", f->path, strerror(errno));
out:
	sodium_free(plain);
	free(sealed);
	return rc;
}

/* Whether @text can be one field of a contents line. */
static bool credfile_field_valid(const char *text)
{
	return text != NULL && *text != '\0' && strpbrk(text, "\t\n") == NULL;
}

int credfile_store(struct credfile *file, const char *profile,
		   const char *server, const char *token, struct buf *why)
{
	ssize_t i = credfile_find(file, profile, server);
	char *copy, *old;

	if (!credfile_field_valid(profile) || !credfile_field_valid(server) ||
	    !credfile_field_valid(token)) {
		buf_puts(why, "a profile, server or token with a tab or a "
			      "line break cannot be stored");
		errno = EINVAL;
		return -1;
	}

	if (i < 0) {
		if (credfile_add(file, profile, strlen(profile), server,
				 strlen(server), token, strlen(token)) < 0)
			return -1;
		if (credfile_save(file, -1, why) == 0)
			return 0;
		credfile_entry_release(&file->entries[--file->nentries]);
		return -1;
	}

	copy = credfile_secret_dup(token, strlen(token));
	if (copy == NULL)
		return -1;
	old = file->entries[i].token;
	file->entries[i].token = copy;
	if (credfile_save(file, -1, why) == 0) {
		sodium_free(old);
		return 0;
	}
	file->entries[i].token = old;
	sodium_free(copy);
	return -1;
}

int credfile_remove(struct credfile *file, const char *profile,
		    const char *server, bool *removed, struct buf *why)
{
	ssize_t i = credfile_find(file, profile, server);

	*removed = false;
	if (i < 0)
		return 0;
	if (credfile_save(file, i, why) < 0)
		return -1;

	credfile_entry_release(&file->entries[i]);
	file->entries[i] = file->entries[--file->nentries];
	*removed = true;
	return 0;
}
