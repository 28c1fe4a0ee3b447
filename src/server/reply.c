/* SPDX-License-Identifier: MIT */
/* Building answers and errors into the request. */
#include "reply.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgdeck/log.h"

#include "json.h"

#define REPLY_MESSAGE_MAX 512

/* The error type docs/api.md gives each status. */
static const char *reply_type(unsigned int status)
{
	switch (status) {
	case 401:
		return "authentication_error";
	case 403:
		return "permission_error";
	case 404:
		return "not_found_error";
	case 409:
		return "conflict_error";
	case 412:
		return "precondition_failed";
	case 428:
		return "precondition_required";
	case 429:
		return "rate_limit_error";
	case 500:
		return "api_error";
	default:
		return "invalid_request_error";
	}
}

/* True (after logging) when @req already has its answer. */
static bool reply_taken(struct req *req, unsigned int status)
{
	if (!req->replied)
		return false;
	log_debug("%s: second answer %u ignored (kept %u)", req->id, status,
		  req->status);
	return true;
}

/* Copies the top-level etag of @obj into the ETag header. */
static void reply_etag(struct req *req, const cJSON *obj)
{
	const cJSON *etag = cJSON_GetObjectItemCaseSensitive(obj, "etag");

	if (cJSON_IsString(etag) &&
	    strlen(etag->valuestring) < sizeof(req->etag))
		strcpy(req->etag, etag->valuestring);
}

int reply_json(struct req *req, unsigned int status, cJSON *obj)
{
	char *text;

	if (obj == NULL)
		return reply_internal(req, "out of memory building an answer");
	if (reply_taken(req, status)) {
		json_free(&obj);
		return 0;
	}

	text = json_print(obj);
	if (text == NULL) {
		json_free(&obj);
		return reply_internal(req, "out of memory printing an answer");
	}
	reply_etag(req, obj);
	req->answer_secret = json_has_secret(obj);
	json_free(&obj);

	req->answer = text;
	req->status = status;
	req->replied = true;
	return 0;
}

/* Builds the error object; NULL when out of memory. */
static cJSON *reply_error_obj(struct req *req, unsigned int status,
			      const char *code, const char *param,
			      const char *message)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *err = cJSON_AddObjectToObject(root, "error");

	if (err == NULL ||
	    cJSON_AddStringToObject(err, "type", reply_type(status)) == NULL ||
	    cJSON_AddStringToObject(err, "code", code) == NULL ||
	    cJSON_AddStringToObject(err, "message", message) == NULL ||
	    json_add_text(err, "param", param) == NULL ||
	    cJSON_AddStringToObject(err, "request_id", req->id) == NULL) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* Answers with a fixed error when even building one fails. */
static void reply_fallback(struct req *req, unsigned int status)
{
	static const char text[] = "{\"error\":{\"type\":\"api_error\","
				   "\"code\":\"internal\",\"message\":"
				   "\"out of memory\",\"param\":null}}";

	req->answer = strdup(text);
	req->status = req->answer != NULL ? status : 500;
	req->replied = true;
}

int reply_error(struct req *req, unsigned int status, const char *code,
		const char *param, const char *fmt, ...)
{
	char message[REPLY_MESSAGE_MAX];
	cJSON *obj;
	va_list ap;

	if (reply_taken(req, status))
		return -1;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);

	obj = reply_error_obj(req, status, code, param, message);
	if (obj == NULL) {
		reply_fallback(req, status);
		return -1;
	}
	reply_json(req, status, obj);
	req->etag[0] = '\0';
	return -1;
}

int reply_not_found(struct req *req)
{
	return reply_error(req, 404, "not_found", NULL,
			   "no such object, or it is outside your reach");
}

int reply_internal(struct req *req, const char *what)
{
	log_error("%s: internal error: %s", req->id, what);
	return reply_error(req, 500, "internal", NULL,
			   "the server failed; the request id says which");
}

int reply_deleted(struct req *req, const char *object, const char *id)
{
	cJSON *obj = cJSON_CreateObject();

	if (cJSON_AddStringToObject(obj, "object", object) == NULL ||
	    cJSON_AddStringToObject(obj, "id", id) == NULL ||
	    cJSON_AddTrueToObject(obj, "deleted") == NULL) {
		cJSON_Delete(obj);
		obj = NULL;
	}
	return reply_json(req, 200, obj);
}

int reply_raw(struct req *req, unsigned int status, const char *text)
{
	cJSON *obj;

	if (reply_taken(req, status))
		return 0;

	obj = cJSON_Parse(text);
	if (obj != NULL)
		reply_etag(req, obj);
	json_free(&obj);

	req->answer = strdup(text);
	if (req->answer == NULL)
		return reply_internal(req, "out of memory replaying");
	req->status = status;
	req->replied = true;
	return 0;
}
