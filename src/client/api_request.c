/* SPDX-License-Identifier: MIT */
/*
 * One request on the wire: its easy handle and headers, reading the body
 * under the cap, and what happens when libcurl says it is finished: a
 * retry timer, or a decoded answer or an error for the callback.
 */
#include "api_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/log.h"

#define API_BACKOFF_MS 250

/* Header values go out verbatim, so they may hold no control character. */
static bool api_header_value_ok(const char *value, size_t max)
{
	size_t len = strlen(value);
	size_t i;

	if (len == 0 || len > max)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)value[i] < 0x20 ||
		    (unsigned char)value[i] == 0x7f)
			return false;
	return true;
}

/* Appends "Name: value" to the request's headers. */
static int api_request_header_add(struct api_request *r, const char *name,
				  const char *value)
{
	struct curl_slist *list;
	struct buf line;
	int rc = -1;

	buf_init(&line, 4096);
	if (buf_printf(&line, "%s: %s", name, value) < 0)
		goto out;
	list = curl_slist_append(r->headers, line.data);
	if (list == NULL)
		goto out;
	r->headers = list;
	rc = 0;
out:
	buf_release(&line); /* wipes: the line may hold the token */
	return rc;
}

/* Wipes the header strings (one holds the token) and frees the list. */
static void api_request_headers_free(struct curl_slist **headers)
{
	struct curl_slist *item;

	for (item = *headers; item != NULL; item = item->next)
		sodium_memzero(item->data, strlen(item->data));
	curl_slist_free_all(*headers);
	*headers = NULL;
}

/*
 * The Authorization header, built in locked memory.
 *
 * XXX: libcurl copies the header into its own send buffer, and a response
 * carrying a secret passes through its receive buffer; it frees both
 * without wiping them, so a token can linger in freed heap until reused.
 */
static int api_request_auth(struct api_request *r, const char *token)
{
	static const char prefix[] = "Bearer ";
	size_t size = sizeof(prefix) + strlen(token);
	char *value = sodium_malloc(size);
	int rc;

	if (value == NULL)
		return -1;
	snprintf(value, size, "%s%s", prefix, token);
	rc = api_request_header_add(r, "Authorization", value);
	sodium_free(value);
	return rc;
}

/* A random Idempotency-Key: 16 bytes from libsodium, in hex. */
static char *api_idempotency_key_new(void)
{
	unsigned char bytes[16];
	char *key = malloc(sizeof(bytes) * 2 + 1);

	if (key == NULL)
		return NULL;
	randombytes_buf(bytes, sizeof(bytes));
	sodium_bin2hex(key, sizeof(bytes) * 2 + 1, bytes, sizeof(bytes));
	return key;
}

/* Sets the idempotency key of a POST: the caller's, or a fresh one. */
static int api_request_key(struct api_request *r, const char *given)
{
	if (given != NULL && !api_header_value_ok(given, 255)) {
		errno = EINVAL;
		return -1;
	}
	r->idempotency_key =
		given != NULL ? strdup(given) : api_idempotency_key_new();
	if (r->idempotency_key == NULL)
		return -1;
	return api_request_header_add(r, "Idempotency-Key", r->idempotency_key);
}

static int api_request_headers(struct api_request *r,
			       const struct api_call *call,
			       const struct api_req *req)
{
	struct api *api = r->api;

	if (call->if_match != NULL &&
	    !api_header_value_ok(call->if_match, 1024)) {
		errno = EINVAL;
		return -1;
	}
	if (api_request_header_add(r, "Accept", "application/json") < 0 ||
	    api_request_header_add(r, "Expect", "") < 0)
		return -1;
	if (r->body != NULL &&
	    api_request_header_add(r, "Content-Type", "application/json") < 0)
		return -1;
	if (!call->no_auth && api->token != NULL &&
	    api_request_auth(r, api->token) < 0)
		return -1;
	if (call->if_match != NULL &&
	    api_request_header_add(r, "If-Match", call->if_match) < 0)
		return -1;
	if (strcmp(r->method, "POST") == 0)
		return api_request_key(r, req != NULL ? req->idempotency_key
						      : NULL);
	return 0;
}

/* An upper bound of the printed size of @json, so that printing needs no
 * reallocation: a reallocation would leave a secret behind unwiped. */
static size_t api_json_bound(const cJSON *json)
{
	const cJSON *child;
	size_t size = 64;

	if (json->string != NULL)
		size += 6 * strlen(json->string);
	if (json->valuestring != NULL)
		size += 6 * strlen(json->valuestring);
	for (child = json->child; child != NULL; child = child->next)
		size += api_json_bound(child);
	return size;
}

/* Prints the call's body into the request, a POST getting "{}" at least. */
static int api_request_body(struct api_request *r, const struct api_call *call)
{
	size_t size;

	if (call->body == NULL && strcmp(r->method, "POST") != 0)
		return 0;
	if (call->body == NULL) {
		r->body = strdup("{}");
		r->body_len = 2;
		return r->body != NULL ? 0 : -1;
	}

	size = api_json_bound(call->body);
	r->body = malloc(size);
	if (r->body == NULL)
		return -1;
	if (!cJSON_PrintPreallocated(call->body, r->body, (int)size, false)) {
		errno = ENOMEM;
		return -1;
	}
	r->body_len = strlen(r->body);
	return 0;
}

/* Collects the body under the cap; past it, the transfer stops. */
static size_t api_request_write(char *data, size_t size, size_t n, void *user)
{
	struct api_request *r = user;

	if (buf_append(&r->response, data, size * n) < 0) {
		r->too_large = errno == E2BIG;
		return 0;
	}
	return size * n;
}

static int api_request_method(struct api_request *r)
{
	CURL *e = r->easy;
	CURLcode c = CURLE_OK;

	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0)
		c = curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method);
	if (c == CURLE_OK && r->body != NULL) {
		c = curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
				     (curl_off_t)r->body_len);
		if (c == CURLE_OK)
			c = curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body);
	}
	return c == CURLE_OK ? 0 : -1;
}

/* Every option of the easy handle but the method and body. */
static int api_request_options(struct api_request *r, const char *url)
{
	struct api *api = r->api;
	CURL *e = r->easy;
	CURLcode c = CURLE_OK;

	c |= curl_easy_setopt(e, CURLOPT_URL, url);
	c |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	c |= curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	c |= curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	c |= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->curl_error);
	c |= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, api_request_write);
	c |= curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	c |= curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
			      api->connect_timeout_ms);
	c |= curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, api->timeout_ms);
	c |= curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
			      (curl_off_t)api->body_max);
	c |= curl_easy_setopt(e, CURLOPT_USERAGENT, api->user_agent);
	c |= curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
	c |= curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	c |= curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (api->ca_file != NULL)
		c |= curl_easy_setopt(e, CURLOPT_CAINFO, api->ca_file);
	return c == CURLE_OK ? 0 : -1;
}

/* Makes the easy handle of @r from @call. */
static int api_request_setup(struct api_request *r, struct api_call *call,
			     const struct api_req *req)
{
	struct buf url;
	int rc = -1;

	buf_init(&url, 8192);
	if (buf_printf(&url, "%s%s", r->api->base_url, call->path.data) < 0)
		goto out;
	r->easy = curl_easy_init();
	if (r->easy == NULL)
		goto out;

	if (api_request_body(r, call) < 0 ||
	    api_request_headers(r, call, req) < 0 ||
	    api_request_options(r, url.data) < 0 || api_request_method(r) < 0)
		goto out;
	rc = 0;
out:
	buf_release(&url);
	return rc;
}

static struct api_request *api_request_new(struct api *api,
					   const struct api_req *req,
					   const struct api_call *call)
{
	struct api_request *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->api = api;
	r->method = strdup(call->method);
	r->type = call->type;
	r->item_type = call->item_type;
	r->invitation_on_202 = call->invitation_on_202;
	r->retry_ok = strcmp(call->method, "GET") == 0 ||
		      strcmp(call->method, "POST") == 0;
	buf_init(&r->response, api->body_max);
	/* Made now so that finishing never fails for want of memory. */
	r->result = calloc(1, sizeof(*r->result));
	if (req != NULL) {
		r->done = req->done;
		r->user = req->user;
		r->slot = req->slot != NULL ? strdup(req->slot) : NULL;
	}
	if (r->method == NULL || r->result == NULL ||
	    (req != NULL && req->slot != NULL && r->slot == NULL)) {
		api_request_free(r);
		return NULL;
	}
	return r;
}

/* Cancels the request in flight in @slot, if any. */
static void api_request_supersede(struct api *api, const char *slot)
{
	struct api_request *r;

	if (slot == NULL)
		return;
	for (r = api->requests; r != NULL; r = r->next) {
		if (r->state != API_KEPT && r->slot != NULL &&
		    strcmp(r->slot, slot) == 0) {
			log_debug("api: request %lu superseded", r->id);
			api_request_free(r);
			return;
		}
	}
}

static void api_request_link(struct api_request *r)
{
	struct api *api = r->api;

	api->next_id++;
	if (api->next_id == 0)
		api->next_id = 1;
	r->id = api->next_id;
	r->next = api->requests;
	if (api->requests != NULL)
		api->requests->prev = r;
	api->requests = r;
	api->in_flight++;
}

unsigned long api_request_start(struct api *api, const struct api_req *req,
				struct api_call *call)
{
	struct api_request *r = NULL;
	unsigned long id = 0;
	int err;

	if (api == NULL || call->failed) {
		errno = api == NULL ? EINVAL : call->error;
		goto out;
	}
	r = api_request_new(api, req, call);
	if (r == NULL || api_request_setup(r, call, req) < 0)
		goto out;

	api_request_supersede(api, r->slot);
	api_request_link(r);
	r->state = API_RUNNING;
	r->started = api_now();
	if (api_loop_add(r) < 0)
		goto out;
	id = r->id;
	r = NULL;
out:
	err = errno;
	if (r != NULL)
		api_request_free(r);
	api_call_release(call);
	errno = err;
	return id;
}

void api_error_release(struct api_error *err)
{
	free(err->type);
	free(err->code);
	free(err->message);
	free(err->param);
	free(err->request_id);
	free(err->detail);
	memset(err, 0, sizeof(*err));
}

/* Finishing */

static const char *api_request_header(struct api_request *r, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(r->easy, name, 0, CURLH_HEADER, -1, &h) !=
	    CURLHE_OK)
		return NULL;
	return h->value;
}

/* Retry-After in seconds: a number, or an HTTP date. */
static long api_retry_after(const char *value)
{
	char *end;
	long secs;
	time_t when;

	if (value == NULL)
		return 0;
	secs = strtol(value, &end, 10);
	if (end != value && *end == '\0')
		return secs > 0 ? secs : 0;

	when = curl_getdate(value, NULL);
	if (when < 0)
		return 0;
	secs = (long)(when - time(NULL));
	return secs > 0 ? secs : 0;
}

static enum api_err api_transport_kind(struct api_request *r, CURLcode code)
{
	switch (code) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return API_ERR_DNS;
	case CURLE_COULDNT_CONNECT:
		return API_ERR_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return API_ERR_TIMEOUT;
	case CURLE_FILESIZE_EXCEEDED:
		return API_ERR_TOO_LARGE;
	case CURLE_WRITE_ERROR:
		return r->too_large ? API_ERR_TOO_LARGE : API_ERR_NOMEM;
	case CURLE_OUT_OF_MEMORY:
		return API_ERR_NOMEM;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		return API_ERR_TLS;
	default:
		return API_ERR_TRANSPORT;
	}
}

static void api_transport_error(struct api_request *r, CURLcode code,
				struct api_error *err)
{
	const char *text = r->curl_error[0] != '\0' ? r->curl_error
						    : curl_easy_strerror(code);

	err->kind = api_transport_kind(r, code);
	err->detail = strdup(text);
}

/* Copies the string @key of @obj, NULL when absent. */
static char *api_json_strdup(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? strdup(item->valuestring) : NULL;
}

/* Reads the error body; one that is not JSON leaves only the status. */
static void api_http_error(struct api_request *r, struct api_result *res)
{
	struct api_error *err = &res->error;
	cJSON *json = NULL;
	const cJSON *e;

	err->kind = res->status == 412 ? API_ERR_CHANGED : API_ERR_HTTP;
	if (r->response.len > 0)
		json = cJSON_ParseWithLength(r->response.data, r->response.len);
	e = cJSON_GetObjectItemCaseSensitive(json, "error");
	err->type = api_json_strdup(e, "type");
	err->code = api_json_strdup(e, "code");
	err->message = api_json_strdup(e, "message");
	err->param = api_json_strdup(e, "param");
	err->request_id = api_json_strdup(e, "request_id");
	cJSON_Delete(json);

	if (err->request_id == NULL && api_request_header(r, "X-Request-Id"))
		err->request_id = strdup(api_request_header(r, "X-Request-Id"));
}

static const char *api_type_name(enum model_type type)
{
	static const char *const names[MODEL__COUNT] = {
		[MODEL_USER] = "user",
		[MODEL_ORG] = "organization",
		[MODEL_PROJECT] = "project",
		[MODEL_MEMBER] = "member",
		[MODEL_PROJECT_MEMBER] = "project member",
		[MODEL_INVITATION] = "invitation",
		[MODEL_INVITE_RESULTS] = "list of invitation results",
		[MODEL_ACCEPTANCE] = "acceptance",
		[MODEL_KEY] = "API key",
		[MODEL_RESOURCE] = "resource",
		[MODEL_EVENT] = "event",
		[MODEL_ME] = "me",
		[MODEL_DELETED] = "deletion",
		[MODEL_PAGE] = "list",
	};

	return (unsigned int)type < MODEL__COUNT && names[type] ? names[type]
								: "object";
}

/* Decodes a 2xx body into res->object, or makes it API_ERR_MALFORMED. */
static void api_decode(struct api_request *r, struct api_result *res)
{
	enum model_type type = r->type;
	cJSON *json;
	char detail[96];

	if (res->status == 202 && r->invitation_on_202)
		type = MODEL_INVITATION;
	json = cJSON_ParseWithLength(r->response.data, r->response.len);
	if (json != NULL)
		res->object = type == MODEL_PAGE
				      ? model_page_decode(json, r->item_type)
				      : model_decode(type, json);
	api_json_wipe_delete(json);

	if (res->object != NULL) {
		res->type = type;
		return;
	}
	res->error.kind = API_ERR_MALFORMED;
	snprintf(detail, sizeof(detail), "%s where a %s was expected",
		 json != NULL ? "unexpected JSON" : "not JSON",
		 api_type_name(type));
	res->error.detail = strdup(detail);
}

/* Fills @res from how the transfer ended. */
static void api_classify(struct api_request *r, CURLcode code,
			 struct api_result *res)
{
	const char *replayed;

	if (code != CURLE_OK) {
		api_transport_error(r, code, &res->error);
		return;
	}
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &res->status);
	res->error.status = res->status;
	res->error.retry_after =
		api_retry_after(api_request_header(r, "Retry-After"));
	replayed = api_request_header(r, "Idempotent-Replayed");
	res->replayed = replayed != NULL && strcmp(replayed, "true") == 0;

	if (res->status >= 200 && res->status < 300)
		api_decode(r, res);
	else
		api_http_error(r, res);
}

/* Whether the failure may be tried again: nothing happened on the
 * server, or the method may safely be repeated. */
static bool api_retryable(struct api_request *r, CURLcode code,
			  const struct api_result *res)
{
	if (code == CURLE_COULDNT_CONNECT)
		return true; /* nothing reached the server */
	if (code == CURLE_OK && res->status == 429)
		return true; /* refused before doing anything */
	if (!r->retry_ok)
		return false;
	if (code == CURLE_GOT_NOTHING || code == CURLE_SEND_ERROR ||
	    (code == CURLE_RECV_ERROR && res->status == 0))
		return true;
	return code == CURLE_OK && res->status == 503;
}

/* Milliseconds until the next attempt, or -1 to give up now. */
static long api_retry_delay(struct api_request *r, CURLcode code,
			    const struct api_result *res)
{
	long delay, after = res->error.retry_after;

	if (r->attempt >= r->api->retries || !api_retryable(r, code, res))
		return -1;
	if (after > API_RETRY_AFTER_MAX_S)
		return -1;

	/* Doubling backoff with up to a quarter of jitter. */
	delay = API_BACKOFF_MS << r->attempt;
	delay += (long)randombytes_uniform((uint32_t)delay / 4 + 1);
	if (after * 1000 > delay)
		delay = after * 1000;
	return delay;
}

/* Empties @res for another attempt's outcome. */
static void api_result_reset(struct api_result *res)
{
	api_error_release(&res->error);
	model_free(res->type, res->object);
	res->object = NULL;
	res->type = MODEL_NONE;
	res->status = 0;
	res->replayed = false;
}

static void api_request_schedule(struct api_request *r, long delay)
{
	log_debug("api: %s request %lu: attempt %d in %ld ms", r->method, r->id,
		  r->attempt + 2, delay);
	r->attempt++;
	r->due = api_now() + delay;
	r->state = API_WAITING;
	buf_reset(&r->response);
	r->too_large = false;
	r->curl_error[0] = '\0';
}

/* Hands @res to the callback, or keeps it for api_await(). */
static int api_request_deliver(struct api_request *r, struct api_result *res)
{
	void (*done)(struct api_result * res) = r->done;

	if (done == NULL) {
		r->kept = res;
		r->state = API_KEPT;
		r->api->in_flight--;
		return 0;
	}

	/* Gone before the callback, which may start one in the same slot. */
	api_request_free(r);
	done(res);
	api_result_free(&res);
	return 1;
}

static void api_request_log(struct api_request *r, CURLcode code,
			    const struct api_result *res)
{
	char *url = NULL;

	curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &url);
	log_debug("api: %s %s -> %ld %s (%lld ms)", r->method,
		  url != NULL ? url : "?", res->status,
		  code == CURLE_OK ? "" : curl_easy_strerror(code),
		  api_now() - r->started);
}

int api_request_done(struct api_request *r, CURLcode code)
{
	struct api_result *res = r->result;
	long delay;

	curl_multi_remove_handle(r->api->multi, r->easy);
	r->state = API_WAITING;
	r->due = 0;

	api_result_reset(res);
	api_classify(r, code, res);
	api_request_log(r, code, res);

	delay = api_retry_delay(r, code, res);
	if (delay >= 0) {
		api_request_schedule(r, delay);
		return 0;
	}

	/* The result leaves the request, with the key a retry would need. */
	r->result = NULL;
	res->id = r->id;
	res->user = r->user;
	res->idempotency_key = r->idempotency_key;
	r->idempotency_key = NULL;
	return api_request_deliver(r, res);
}

int api_request_resume(struct api_request *r)
{
	r->state = API_RUNNING;
	r->started = api_now();
	if (api_loop_add(r) == 0)
		return 0;

	/* Could not go back on the wire: finish as out of memory. */
	r->state = API_WAITING;
	return api_request_done(r, CURLE_OUT_OF_MEMORY);
}

static void api_request_unlink(struct api_request *r)
{
	struct api *api = r->api;

	if (r->prev != NULL)
		r->prev->next = r->next;
	else if (api->requests == r)
		api->requests = r->next;
	if (r->next != NULL)
		r->next->prev = r->prev;
	if (r->id != 0 && r->state != API_KEPT)
		api->in_flight--;
	r->next = r->prev = NULL;
	r->id = 0;
}

void api_request_free(struct api_request *r)
{
	if (r == NULL)
		return;
	if (r->easy != NULL && r->state == API_RUNNING)
		curl_multi_remove_handle(r->api->multi, r->easy);
	api_request_unlink(r);

	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	api_request_headers_free(&r->headers);
	if (r->body != NULL)
		sodium_memzero(r->body, r->body_len);
	free(r->body);
	buf_release(&r->response);
	free(r->method);
	free(r->slot);
	free(r->idempotency_key);
	api_result_free(&r->result);
	api_result_free(&r->kept);
	free(r);
}
