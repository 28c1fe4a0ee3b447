/* SPDX-License-Identifier: MIT */
/*
 * Answers: JSON objects, the API's error shape and the small fixed bodies.
 * Every function records the answer in the request for httpd.c to send.
 * The first answer wins; a handler that answers twice keeps the first (and
 * the second is logged), so an error raised deep inside stays the answer.
 *
 * Return values are made for `return reply_...(req, ...)` in handlers:
 * reply_json() and reply_deleted() return 0, the error replies -1.
 */
#ifndef ORGDECKD_REPLY_H
#define ORGDECKD_REPLY_H

#include <cjson/cJSON.h>

#include "req.h"

/*
 * Answers @status with @obj, which this takes (and wipes when freeing).
 * When @obj has a top-level "etag" it is also sent as the ETag header.
 * NULL @obj (out of memory upstream) answers 500.
 */
int reply_json(struct req *req, unsigned int status, cJSON *obj);

/*
 * Answers an error: @status, @code from docs/api.md, @param (the field or
 * parameter at fault, or NULL) and a message made from @fmt.
 */
int reply_error(struct req *req, unsigned int status, const char *code,
		const char *param, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* 404 not_found, for anything missing or outside the caller's reach. */
int reply_not_found(struct req *req);

/* 500 internal, logging @what (never shown to the client). */
int reply_internal(struct req *req, const char *what);

/* Answers {"object": @object, "id": @id, "deleted": true}. */
int reply_deleted(struct req *req, const char *object, const char *id);

/*
 * Answers with stored text (an idempotent replay): @text is copied.
 */
int reply_raw(struct req *req, unsigned int status, const char *text);

#endif
