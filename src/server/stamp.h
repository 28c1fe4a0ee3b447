/* SPDX-License-Identifier: MIT */
/*
 * Time as the API shows it: Unix seconds inside the server, RFC 3339 in UTC
 * to the second ("2026-12-03T17:40:00Z") on the wire.
 */
#ifndef ORGDECKD_STAMP_H
#define ORGDECKD_STAMP_H

#include <stdint.h>

/* Room for a formatted time and its NUL. */
#define STAMP_SIZE 32

/* The current time in Unix seconds. */
int64_t stamp_now(void);

/* Writes @t as RFC 3339 UTC into @out. */
void stamp_format(char out[STAMP_SIZE], int64_t t);

/*
 * Parses RFC 3339 with a "Z" or a numeric offset, seconds required, an
 * optional fraction ignored.  Returns 0 and sets *@out, or -1.
 */
int stamp_parse(int64_t *out, const char *text);

#endif
