/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer with a hard maximum, for anything whose size an
 * outsider controls: HTTP bodies, JSON, lines typed by a user.
 *
 * The buffer owns its memory.  buf_release() frees it; buf_detach() hands it
 * to the caller, who frees it with free().  The data is always followed by a
 * NUL byte that len does not count, so text can be used as a C string.
 */
#ifndef ORGDECK_BUF_H
#define ORGDECK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NULL until the first append */
	size_t len; /* bytes in use, not counting the trailing NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* most bytes len may reach */
};

/* Empties @b and sets its maximum; allocates nothing. */
void buf_init(struct buf *b, size_t max);

/*
 * Appends @n bytes.  Returns 0, or -1 with errno set to E2BIG when the
 * maximum would be passed or ENOMEM; on failure @b is unchanged.
 */
int buf_append(struct buf *b, const void *data, size_t n);

/* Appends a C string; as buf_append(). */
int buf_puts(struct buf *b, const char *s);

/* Appends formatted text; as buf_append(). */
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Forgets the contents but keeps the memory. */
void buf_reset(struct buf *b);

/*
 * Returns the contents as a NUL-terminated string the caller frees, and
 * leaves @b empty.  Never NULL unless out of memory.
 */
char *buf_detach(struct buf *b);

/* Frees the memory, zeroing it first, and leaves @b empty. */
void buf_release(struct buf *b);

#endif
