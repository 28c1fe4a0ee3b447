/* SPDX-License-Identifier: MIT */
/*
 * What the files of the API client share and nobody else sees: the client
 * and request structs, and the steps from a typed call to a callback.
 *
 *	api_people.c, api_resources.c	typed calls: path, query, body
 *	api_call.c			building paths, queries and bodies;
 *					starting the calls without a body
 *	api_request.c			one transfer: headers, finish, retry
 *	api_loop.c			the multi handle and the caller's poll
 *	api.c				lifecycle, cancel, results, errors
 */
#ifndef ORGDECK_API_PRIVATE_H
#define ORGDECK_API_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "orgdeck/api.h"
#include "orgdeck/buf.h"

/* A descriptor libcurl asked to be watched. */
struct api_sock {
	int fd;
	short events; /* POLLIN | POLLOUT */
};

struct api {
	CURLM *multi;
	char *base_url;
	char *token; /* locked memory, NULL when none */
	char *ca_file;
	long connect_timeout_ms;
	long timeout_ms;
	size_t body_max;
	int retries;
	char user_agent[64];

	unsigned long next_id;
	struct api_request *requests; /* every live request, newest first */
	size_t in_flight;

	struct api_sock *socks;
	size_t sock_count;
	size_t sock_cap;
	long long timer_due; /* libcurl's timer, monotonic ms; -1: none */
};

enum api_state {
	API_RUNNING, /* in the multi handle */
	API_WAITING, /* waiting for its retry timer */
	API_KEPT     /* finished; the result waits for api_await() */
};

/* One request, from the typed call to its callback. */
struct api_request {
	struct api *api;
	struct api_request *next;
	struct api_request *prev;
	unsigned long id;
	enum api_state state;

	CURL *easy;
	struct curl_slist *headers; /* wiped when freed: holds the token */
	char *method;
	char *body; /* wiped when freed: may hold a secret */
	size_t body_len;
	struct buf response;
	bool too_large;
	char curl_error[CURL_ERROR_SIZE];

	enum model_type type;	   /* what a 2xx answer decodes as */
	enum model_type item_type; /* for a page, its items */
	bool invitation_on_202;	   /* adding a project member by email */
	bool retry_ok;		   /* GET, or POST with an idempotency key */
	int attempt;		   /* 0 for the first */
	long long due;		   /* retry timer, monotonic ms */
	long long started;	   /* for the log line */

	void (*done)(struct api_result *res);
	void *user;
	char *slot;
	char *idempotency_key;
	struct api_result *result; /* filled when it finishes */
	struct api_result *kept;   /* API_KEPT only */
};

/*
 * What a typed call asks for.  The path holds the query too; body is the
 * JSON to send (owned by the call until api_request_start() takes it).
 */
struct api_call {
	const char *method;
	struct buf path;
	cJSON *body;
	const char *if_match;
	enum model_type type;
	enum model_type item_type;
	bool invitation_on_202;
	bool no_auth;
	bool failed; /* a step of building went wrong ... */
	int error;   /* ... and the errno value that says why */
};

/* api_call.c */

/*
 * Starts building a call of @method to the path @fmt, answered by @type,
 * sending If-Match: @if_match unless it is NULL.  Every %s in @fmt is a
 * path segment, an object id or a fixed name such as "orgs", checked to
 * need no escaping (1-64 of [A-Za-z0-9_-]); any other, NULL included, fails
 * the call with EINVAL: a bad id is a bug, and the name of a scope or kind
 * out of range is NULL.  The caller adds the body and hands @call to
 * api_request_start().
 */
void api_call_open(struct api_call *call, const char *method,
		   enum model_type type, const char *if_match, const char *fmt,
		   ...) __attribute__((format(printf, 5, 6)));

/* A call without a body, built as api_call_open() and started: returns
 * what api_request_start() does. */
unsigned long api_call_send(struct api *api, const struct api_req *req,
			    const char *method, enum model_type type,
			    const char *if_match, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* A GET of the list at @fmt, answered by a page of @item_type, with the
 * paging and filters of @query (as api_call_query()), started. */
unsigned long api_call_list(struct api *api, const struct api_req *req,
			    enum model_type item_type,
			    const struct api_query *query, const char *allowed,
			    const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Marks @call failed with errno value @err, keeping the first reason. */
void api_call_fail(struct api_call *call, int err);

/* Appends the paging and filters of @query; @allowed names the filters
 * this endpoint takes ("status", "actor action target project"). */
void api_call_query(struct api_call *call, const struct api_query *query,
		    const char *allowed);

/* Body fields; a NULL value is left out.  Each makes the body if needed. */
void api_call_str(struct api_call *call, const char *key, const char *value);
void api_call_role(struct api_call *call, const char *key, enum role role);
void api_call_num(struct api_call *call, const char *key, double value);
void api_call_json(struct api_call *call, const char *key, const char *text);
void api_call_strv(struct api_call *call, const char *key,
		   const char *const *values);
void api_call_item(struct api_call *call, const char *key, cJSON *item);

/* Frees what a call still owns. */
void api_call_release(struct api_call *call);

/* Wipes every string in @json and deletes it. */
void api_json_wipe_delete(cJSON *json);

/* True when @id looks like an object id: 1-64 of [A-Za-z0-9_-]. */
bool api_id_valid(const char *id);

/* api_request.c */

/*
 * Turns @call into a request and starts it: the typed calls end here.
 * Releases @call.  Returns the request id, or 0 with errno set.
 */
unsigned long api_request_start(struct api *api, const struct api_req *req,
				struct api_call *call);

/* Handles a transfer libcurl reports finished: retry, keep or deliver.
 * Returns 1 when a callback ran, else 0. */
int api_request_done(struct api_request *r, CURLcode code);

/* Puts a request whose retry timer has passed back on the wire.  Returns
 * 1 when, failing that, its callback ran, else 0. */
int api_request_resume(struct api_request *r);

/* Takes @r off the wire and out of the list, and frees it. */
void api_request_free(struct api_request *r);

/* Frees the strings of an error. */
void api_error_release(struct api_error *err);

/* api_loop.c */

/* Monotonic milliseconds. */
long long api_now(void);

/* Sets the multi handle's socket and timer callbacks. */
int api_loop_init(struct api *api);

/* Adds @r's easy handle to the multi handle.  Returns 0 or -1. */
int api_loop_add(struct api_request *r);

#endif
