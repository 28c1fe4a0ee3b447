/* SPDX-License-Identifier: MIT */
/*
 * The capped growable buffer.  Memory is wiped on release so that a buffer
 * that once held a token or a secret leaves nothing behind in the heap.
 */
#include "orgdeck/buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

/* Makes room for @extra more bytes plus the trailing NUL. */
static int buf_grow(struct buf *b, size_t extra)
{
	size_t want, cap;
	char *data;

	if (extra > b->max - b->len) {
		errno = E2BIG;
		return -1;
	}

	want = b->len + extra + 1;
	if (want <= b->cap)
		return 0;

	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;

	/* Not realloc: the old block may hold a secret and must be wiped. */
	data = malloc(cap);
	if (data == NULL) {
		errno = ENOMEM;
		return -1;
	}
	if (b->data != NULL) {
		memcpy(data, b->data, b->len + 1);
		sodium_memzero(b->data, b->cap);
		free(b->data);
	}
	b->data = data;
	b->cap = cap;
	return 0;
}

int buf_append(struct buf *b, const void *data, size_t n)
{
	if (buf_grow(b, n) < 0)
		return -1;

	if (n > 0)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return -1;

	if (buf_grow(b, (size_t)n) < 0)
		return -1;

	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void buf_reset(struct buf *b)
{
	if (b->data != NULL) {
		sodium_memzero(b->data, b->cap);
		b->data[0] = '\0';
	}
	b->len = 0;
}

char *buf_detach(struct buf *b)
{
	char *data = b->data;

	if (data == NULL)
		data = calloc(1, 1);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return data;
}

void buf_release(struct buf *b)
{
	if (b->data != NULL) {
		sodium_memzero(b->data, b->cap);
		free(b->data);
	}
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}
