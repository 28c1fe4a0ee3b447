/* SPDX-License-Identifier: MIT */
/* The request object and its accessors. */
#include "req.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "db.h"
#include "json.h"
#include "reply.h"

static int64_t req_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct req *req_new(struct MHD_Connection *conn, const struct httpd_config *cfg,
		    const char *method, const char *path)
{
	struct req *req = calloc(1, sizeof(*req));

	if (req == NULL)
		return NULL;

	req->conn = conn;
	req->cfg = cfg;
	req->start_ns = req_clock_ns();
	ids_new(req->id, "req_");
	snprintf(req->method, sizeof(req->method), "%s", method);
	buf_init(&req->body, cfg->max_body);

	req->path = strdup(path);
	req->segments = strdup(path);
	if (req->path == NULL || req->segments == NULL)
		req_free(&req);
	return req;
}

struct req *req_new_local(void)
{
	static const struct httpd_config local = { .max_body = 1 };
	struct req *req = req_new(NULL, &local, "LOCAL", "");

	if (req == NULL)
		return NULL;
	req->id[0] = '\0';
	req->db = db_get();
	if (req->db == NULL)
		req_free(&req);
	return req;
}

void req_free(struct req **reqp)
{
	struct req *req = *reqp;

	if (req == NULL)
		return;

	buf_release(&req->body);
	json_free(&req->json);
	if (req->answer != NULL) {
		sodium_memzero(req->answer, strlen(req->answer));
		free(req->answer);
	}
	free(req->path);
	free(req->segments);
	sodium_memzero(&req->who, sizeof(req->who));
	free(req);
	*reqp = NULL;
}

const char *req_param(const struct req *req, const char *name)
{
	unsigned int i;

	for (i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return req->params[i].value;
	return NULL;
}

const char *req_query(const struct req *req, const char *name)
{
	if (req->conn == NULL)
		return NULL;
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND,
					   name);
}

const char *req_header(const struct req *req, const char *name)
{
	if (req->conn == NULL)
		return NULL;
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

int req_if_match(struct req *req, int64_t version, bool required)
{
	const char *given = req_header(req, "If-Match");
	char etag[32];

	if (given == NULL || *given == '\0') {
		if (!required)
			return 0;
		return reply_error(req, 428, "if_match_required", "If-Match",
				   "this change needs an If-Match header with "
				   "the etag you last read");
	}

	snprintf(etag, sizeof(etag), "\"v%lld\"", (long long)version);
	if (strcmp(given, etag) == 0 || strcmp(given, "*") == 0)
		return 0;
	return reply_error(req, 412, "etag_mismatch", "If-Match",
			   "the object changed since you read it (now %s)",
			   etag);
}

int req_parse_body(struct req *req)
{
	const char *end = NULL;

	json_free(&req->json);
	if (req->body.len == 0) {
		req->json = cJSON_CreateObject();
		return req->json != NULL ? 0 : reply_internal(req, "no memory");
	}

	/* The length counts the NUL: cJSON checks for it after the value. */
	req->json = cJSON_ParseWithLengthOpts(req->body.data, req->body.len + 1,
					      &end, true);
	if (req->json == NULL)
		return reply_error(req, 400, "malformed_json", NULL,
				   "the body is not valid JSON");
	if (!cJSON_IsObject(req->json)) {
		json_free(&req->json);
		return reply_error(req, 400, "malformed_json", NULL,
				   "the body must be a JSON object");
	}
	return 0;
}

int req_begin(struct req *req)
{
	if (db_begin(req->db) < 0)
		return reply_internal(req, "cannot begin a transaction");
	return 0;
}

int req_commit(struct req *req, int rc)
{
	if (rc != 0) {
		db_rollback(req->db);
		return rc;
	}
	if (db_commit(req->db) < 0)
		return reply_internal(req, "cannot commit");
	return 0;
}
