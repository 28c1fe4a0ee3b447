/* SPDX-License-Identifier: MIT */
/*
 * Test helper: one blocking HTTP request to a real orgdeckd with libcurl,
 * and small getters for the JSON that comes back.
 *
 * A struct test_response owns its body and its parsed JSON; release it with
 * test_response_release().  Strings returned by the JSON getters point into
 * the response and live as long as it does.  Safe to use from several
 * threads at once (each call has its own curl handle).
 */
#ifndef ORGDECK_TEST_HTTP_H
#define ORGDECK_TEST_HTTP_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "orgdeck/buf.h"

#include "server.h"

/* Responses larger than this are cut off and the request fails. */
#define TEST_HTTP_MAX_BODY (16u << 20)

struct test_response {
	long status;	      /* HTTP status, 0 when no answer came */
	struct buf body;      /* the raw body, always NUL-terminated */
	cJSON *json;	      /* the parsed body, NULL when not JSON */
	char etag[128];	      /* ETag header, "" when absent */
	char retry_after[32]; /* Retry-After header, "" when absent */
	char request_id[80];  /* X-Request-Id header, "" when absent */
	char content_type[128];
	bool replayed; /* Idempotent-Replayed: true was sent */
};

/*
 * Sends @method @path (e.g. "/v1/me") to @srv's URL with @body (NULL for
 * none; sent as application/json) and the extra @headers (a NULL-terminated
 * list of "Name: value", or NULL).  @token, when not NULL, goes in an
 * Authorization: Bearer header.
 *
 * Fills @out, which the caller releases with test_response_release() whether
 * or not the call succeeded.  Returns 0 when a response arrived, or -1 after
 * printing why (connection refused, timeout, body too large).
 */
int test_http(struct test_response *out, const struct test_server *srv,
	      const char *token, const char *method, const char *path,
	      const char *body, const char *const *headers);

/*
 * As test_http() but to @base_url (e.g. "https://127.0.0.1:4433"), trusting
 * the certificate authorities in @ca_file when it is not NULL.
 */
int test_http_url(struct test_response *out, const char *base_url,
		  const char *ca_file, const char *token, const char *method,
		  const char *path, const char *body,
		  const char *const *headers);

/* Frees what @res holds and leaves it empty; safe to call twice. */
void test_response_release(struct test_response *res);

/*
 * The JSON value at @path below @root: object keys separated by dots, with
 * decimal parts indexing arrays ("data.0.user.email").  NULL when absent.
 */
const cJSON *test_json_at(const cJSON *root, const char *path);

/* The string at @path, or NULL when absent or not a string. */
const char *test_json_str(const cJSON *root, const char *path);

/* The number at @path, or -1 when absent or not a number. */
double test_json_num(const cJSON *root, const char *path);

/* 1 or 0 for the boolean at @path, -1 when absent or not a boolean. */
int test_json_bool(const cJSON *root, const char *path);

/* The length of the array at @path, or -1 when absent or not an array. */
int test_json_len(const cJSON *root, const char *path);

/* True when the array at @path holds the string @value. */
bool test_json_has(const cJSON *root, const char *path, const char *value);

/* The response's "error.code", or "" when it has none. */
const char *test_error_code(const struct test_response *res);

#endif
