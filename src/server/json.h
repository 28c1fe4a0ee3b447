/* SPDX-License-Identifier: MIT */
/*
 * Small additions to cJSON for building API objects: times, nullable
 * strings, SQLite columns, and freeing trees that may hold a secret.
 *
 * The json_add_* functions add to @obj, which owns what they add; they
 * return the added item, or NULL when out of memory (@obj is then
 * unchanged).
 */
#ifndef ORGDECKD_JSON_H
#define ORGDECKD_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

/* Adds @t as an RFC 3339 string. */
cJSON *json_add_time(cJSON *obj, const char *name, int64_t t);

/* Adds @text, or null when @text is NULL. */
cJSON *json_add_text(cJSON *obj, const char *name, const char *text);

/* Adds column @col of @st as text, or null when the column is NULL. */
cJSON *json_add_col(cJSON *obj, const char *name, sqlite3_stmt *st, int col);

/* Adds column @col of @st (Unix seconds) as a time, or null when NULL. */
cJSON *json_add_col_time(cJSON *obj, const char *name, sqlite3_stmt *st,
			 int col);

/* Adds "etag": "\"vN\"" for @version. */
cJSON *json_add_etag(cJSON *obj, int64_t version);

/*
 * Parses the JSON text in column @col of @st; a JSON null when the column
 * is NULL or not valid JSON.  The caller owns the result.
 */
cJSON *json_from_col(sqlite3_stmt *st, int col);

/*
 * True when @obj holds, at any depth, a field named "secret", "code" or
 * "token" whose value is an orgdeck token.
 */
bool json_has_secret(const cJSON *obj);

/*
 * Replaces every such token in @obj with its redacted form
 * ("odk_pat_****abcd"), in place.
 */
void json_redact_tokens(cJSON *obj);

/*
 * Replaces the value of every field named "secret", "code", "token" or
 * "value", at any depth, with "[redacted]", in place.  For audit events.
 */
void json_redact_all(cJSON *obj);

/* Zeroes every string in *@obj, frees it and sets *@obj to NULL. */
void json_free(cJSON **obj);

/*
 * Prints @obj without spaces; the caller frees the text with free() (after
 * sodium_memzero() when it held a secret).  NULL when out of memory.
 */
char *json_print(const cJSON *obj);

#endif
