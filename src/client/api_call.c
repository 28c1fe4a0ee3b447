/* SPDX-License-Identifier: MIT */
/*
 * Building a call: the path with its segments checked, the query string,
 * and the JSON body, so that a typed call reads as one line per field.
 */
#include "api_private.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <sodium.h>

/* Longest path and query a call builds. */
#define API_PATH_MAX 4096

void api_call_fail(struct api_call *call, int err)
{
	if (!call->failed)
		call->error = err;
	call->failed = true;
}

bool api_id_valid(const char *id)
{
	size_t len;

	if (id == NULL)
		return false;
	len = strlen(id);
	return len >= 1 && len <= 64 &&
	       strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			  "0123456789_-") == len;
}

/* Checks the @count path segments in @ap. */
static bool api_call_segments_valid(size_t count, va_list ap)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!api_id_valid(va_arg(ap, const char *)))
			return false;
	return true;
}

/* Appends @fmt to the path, its segments in @ap checked as api_call_open()
 * says. */
__attribute__((format(printf, 2, 0))) static void
api_call_path(struct api_call *call, const char *fmt, va_list ap)
{
	const char *p;
	size_t count = 0;
	va_list check;

	for (p = strstr(fmt, "%s"); p != NULL; p = strstr(p + 2, "%s"))
		count++;

	va_copy(check, ap);
	if (!api_call_segments_valid(count, check))
		api_call_fail(call, EINVAL);
	va_end(check);
	if (call->failed)
		return;

	if (buf_vprintf(&call->path, fmt, ap) < 0)
		api_call_fail(call, errno);
}

/* api_call_open() with the path segments in @ap. */
__attribute__((format(printf, 5, 0))) static void
api_call_vopen(struct api_call *call, const char *method, enum model_type type,
	       const char *if_match, const char *fmt, va_list ap)
{
	memset(call, 0, sizeof(*call));
	call->method = method;
	call->type = type;
	call->if_match = if_match;
	buf_init(&call->path, API_PATH_MAX);
	api_call_path(call, fmt, ap);
}

void api_call_open(struct api_call *call, const char *method,
		   enum model_type type, const char *if_match, const char *fmt,
		   ...)
{
	va_list ap;

	va_start(ap, fmt);
	api_call_vopen(call, method, type, if_match, fmt, ap);
	va_end(ap);
}

unsigned long api_call_send(struct api *api, const struct api_req *req,
			    const char *method, enum model_type type,
			    const char *if_match, const char *fmt, ...)
{
	struct api_call call;
	va_list ap;

	va_start(ap, fmt);
	api_call_vopen(&call, method, type, if_match, fmt, ap);
	va_end(ap);
	return api_request_start(api, req, &call);
}

unsigned long api_call_list(struct api *api, const struct api_req *req,
			    enum model_type item_type,
			    const struct api_query *query, const char *allowed,
			    const char *fmt, ...)
{
	struct api_call call;
	va_list ap;

	va_start(ap, fmt);
	api_call_vopen(&call, "GET", MODEL_PAGE, NULL, fmt, ap);
	va_end(ap);
	call.item_type = item_type;
	api_call_query(&call, query, allowed);
	return api_request_start(api, req, &call);
}

/* Appends "&key=value" (or "?..." first), escaping @value. */
static void api_call_param(struct api_call *call, const char *key,
			   const char *value)
{
	char *escaped;
	char sep;

	if (value == NULL || call->failed)
		return;
	escaped = curl_easy_escape(NULL, value, 0);
	if (escaped == NULL) {
		api_call_fail(call, ENOMEM);
		return;
	}

	sep = strchr(call->path.data, '?') != NULL ? '&' : '?';
	if (buf_printf(&call->path, "%c%s=%s", sep, key, escaped) < 0)
		api_call_fail(call, errno);
	curl_free(escaped);
}

/* Refuses a filter the endpoint does not take. */
static void api_call_filter(struct api_call *call, const char *allowed,
			    const char *key, const char *value)
{
	if (value == NULL)
		return;
	if (allowed == NULL || strstr(allowed, key) == NULL) {
		api_call_fail(call, EINVAL);
		return;
	}
	api_call_param(call, key, value);
}

void api_call_query(struct api_call *call, const struct api_query *query,
		    const char *allowed)
{
	char limit[16];

	if (query == NULL)
		return;
	if (query->limit < 0 || query->limit > 100) {
		api_call_fail(call, EINVAL);
		return;
	}

	if (query->limit > 0) {
		snprintf(limit, sizeof(limit), "%d", query->limit);
		api_call_param(call, "limit", limit);
	}
	api_call_param(call, "after", query->after);
	api_call_param(call, "q", query->q);
	api_call_filter(call, allowed, "status", query->status);
	api_call_filter(call, allowed, "actor", query->actor);
	api_call_filter(call, allowed, "action", query->action);
	api_call_filter(call, allowed, "target", query->target);
	api_call_filter(call, allowed, "project", query->project);
}

/* The body object, made on first use; NULL after a failure. */
static cJSON *api_call_body(struct api_call *call)
{
	if (call->failed)
		return NULL;
	if (call->body == NULL)
		call->body = cJSON_CreateObject();
	if (call->body == NULL)
		api_call_fail(call, ENOMEM);
	return call->body;
}

void api_call_item(struct api_call *call, const char *key, cJSON *item)
{
	cJSON *body = api_call_body(call);

	if (body == NULL || item == NULL) {
		api_call_fail(call, ENOMEM);
		api_json_wipe_delete(item);
		return;
	}
	if (!cJSON_AddItemToObject(body, key, item)) {
		api_call_fail(call, ENOMEM);
		api_json_wipe_delete(item);
	}
}

void api_call_str(struct api_call *call, const char *key, const char *value)
{
	if (value != NULL)
		api_call_item(call, key, cJSON_CreateString(value));
}

void api_call_role(struct api_call *call, const char *key, enum role role)
{
	if (role < ROLE_MEMBER || role > ROLE_ADMIN) {
		api_call_fail(call, EINVAL);
		return;
	}
	api_call_str(call, key, role_name(role));
}

void api_call_num(struct api_call *call, const char *key, double value)
{
	api_call_item(call, key, cJSON_CreateNumber(value));
}

void api_call_json(struct api_call *call, const char *key, const char *text)
{
	cJSON *item;

	if (text == NULL)
		return;
	item = cJSON_Parse(text);
	if (!cJSON_IsObject(item)) {
		api_json_wipe_delete(item);
		api_call_fail(call, EINVAL);
		return;
	}
	api_call_item(call, key, item);
}

void api_call_strv(struct api_call *call, const char *key,
		   const char *const *values)
{
	cJSON *list;
	size_t i;

	if (values == NULL)
		return;
	list = cJSON_CreateArray();
	for (i = 0; list != NULL && values[i] != NULL; i++)
		if (!cJSON_AddItemToArray(list, cJSON_CreateString(values[i])))
			api_call_fail(call, ENOMEM);
	api_call_item(call, key, list);
}

/* Zeroes the string values of @json and of everything inside it. */
static void api_json_wipe(cJSON *json)
{
	cJSON *child;

	if (json->valuestring != NULL)
		sodium_memzero(json->valuestring, strlen(json->valuestring));
	for (child = json->child; child != NULL; child = child->next)
		api_json_wipe(child);
}

void api_json_wipe_delete(cJSON *json)
{
	if (json == NULL)
		return;
	api_json_wipe(json);
	cJSON_Delete(json);
}

void api_call_release(struct api_call *call)
{
	buf_release(&call->path);
	api_json_wipe_delete(call->body);
	call->body = NULL;
}
