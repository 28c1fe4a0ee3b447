/* SPDX-License-Identifier: MIT */
/*
 * Object IDs: a type prefix ("usr_", "org_", ...) and random base62, and
 * the request IDs every answer carries ("req_...").
 *
 * IDs are written into caller-provided arrays of ID_SIZE bytes; nothing
 * here allocates.
 */
#ifndef ORGDECKD_IDS_H
#define ORGDECKD_IDS_H

#include <stdbool.h>

/* Room for any ID and its NUL: the API allows at most 64 characters. */
#define ID_SIZE 65

/* Writes @prefix (e.g. "usr_") followed by 24 random base62 characters. */
void ids_new(char out[ID_SIZE], const char *prefix);

/*
 * True when @id starts with @prefix and is a plausible ID (at most 64
 * characters of [A-Za-z0-9_]).  Used to answer 404 early on junk.
 */
bool ids_valid(const char *id, const char *prefix);

/* Copies @id into @out, truncating to ID_SIZE - 1; "" for NULL. */
void ids_copy(char out[ID_SIZE], const char *id);

#endif
