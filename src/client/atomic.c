/* SPDX-License-Identifier: MIT */
/* Crash-safe file replacement: temporary file, fsync, rename. */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "orgdeck/paths.h"

/* Writes all @len bytes, retrying short writes.  Returns 0, or -1. */
static int atomic_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Flushes the directory holding @path, so that the rename is durable. */
static int atomic_sync_dir(const char *path)
{
	char *dir = strdup(path);
	char *slash;
	int fd, rc;

	if (dir == NULL)
		return -1;
	slash = strrchr(dir, '/');
	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int atomic_write(const char *path, const void *data, size_t len, mode_t mode)
{
	char *tmp = NULL;
	int fd, rc = -1, saved;

	if (paths_mkdir_parent(path, 0700) < 0)
		return -1;
	if (asprintf(&tmp, "%s.tmp.XXXXXX", path) < 0) {
		errno = ENOMEM;
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		free(tmp);
		return -1;
	}

	if (fchmod(fd, mode) < 0 || atomic_write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0)
		goto out;
	if (rename(tmp, path) < 0)
		goto out;
	rc = 0;

	/* The new file is in place; a failed directory flush changes nothing
	 * the caller could act on. */
	atomic_sync_dir(path);
out:
	saved = errno;
	close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	errno = saved;
	return rc;
}
