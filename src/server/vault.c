/* SPDX-License-Identifier: MIT */
/* The server key file, sealing with it, and token hashing. */
#include "vault.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "orgdeck/log.h"

#define VAULT_KEY_SIZE	 crypto_secretbox_KEYBYTES
#define VAULT_NONCE_SIZE crypto_secretbox_NONCEBYTES
#define VAULT_MAC_SIZE	 crypto_secretbox_MACBYTES

/* Locked, guarded memory from sodium_malloc(); NULL until loaded. */
static unsigned char *vault_key;

/* Writes all @len bytes of @data to @fd. */
static int vault_write_all(int fd, const unsigned char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int vault_create(const char *path)
{
	unsigned char key[VAULT_KEY_SIZE];
	int fd, ret = -1, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;

	crypto_secretbox_keygen(key);
	if (fchmod(fd, 0600) == 0 && vault_write_all(fd, key, sizeof(key)) == 0)
		ret = fsync(fd);

	saved = errno;
	sodium_memzero(key, sizeof(key));
	close(fd);
	if (ret < 0)
		unlink(path);
	errno = saved;
	return ret;
}

/* Reads exactly VAULT_KEY_SIZE bytes from @fd into @key. */
static int vault_read_key(int fd, unsigned char *key)
{
	size_t got = 0;
	char extra;

	while (got < VAULT_KEY_SIZE) {
		ssize_t n = read(fd, key + got, VAULT_KEY_SIZE - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return read(fd, &extra, 1) == 0 ? 0 : -1;
}

int vault_load(const char *path)
{
	struct stat st;
	int fd, ret = -1;

	vault_unload();
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_error("cannot open the server key %s: %s (run init first)",
			  path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
		log_warn("%s is readable by others; it should be mode 0600",
			 path);

	vault_key = sodium_malloc(VAULT_KEY_SIZE);
	if (vault_key != NULL && vault_read_key(fd, vault_key) == 0)
		ret = 0;
	close(fd);

	if (ret < 0) {
		log_error("%s is not a valid server key", path);
		vault_unload();
	}
	return ret;
}

void vault_unload(void)
{
	sodium_free(vault_key);
	vault_key = NULL;
}

int vault_seal(unsigned char **out, size_t *out_len, const void *plain,
	       size_t len)
{
	size_t total = VAULT_NONCE_SIZE + VAULT_MAC_SIZE + len;
	unsigned char *box;

	*out = NULL;
	*out_len = 0;
	if (vault_key == NULL || len > SIZE_MAX - total)
		return -1;
	box = malloc(total);
	if (box == NULL)
		return -1;

	randombytes_buf(box, VAULT_NONCE_SIZE);
	crypto_secretbox_easy(box + VAULT_NONCE_SIZE, plain, len, box,
			      vault_key);
	*out = box;
	*out_len = total;
	return 0;
}

int vault_open(struct buf *out, const unsigned char *sealed, size_t len)
{
	size_t plain_len;
	unsigned char *plain;
	int ret = -1;

	if (vault_key == NULL || len < VAULT_NONCE_SIZE + VAULT_MAC_SIZE)
		return -1;
	plain_len = len - VAULT_NONCE_SIZE - VAULT_MAC_SIZE;
	plain = malloc(plain_len + 1);
	if (plain == NULL)
		return -1;

	if (crypto_secretbox_open_easy(plain, sealed + VAULT_NONCE_SIZE,
				       len - VAULT_NONCE_SIZE, sealed,
				       vault_key) == 0)
		ret = buf_append(out, plain, plain_len);

	sodium_memzero(plain, plain_len + 1);
	free(plain);
	return ret;
}

void vault_hash(unsigned char out[VAULT_HASH_SIZE], const char *token)
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}
