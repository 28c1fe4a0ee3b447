/* SPDX-License-Identifier: MIT */
/*
 * The API client's lifecycle, its token, cancelling, and what a finished
 * request leaves behind: results and the one-line text of an error.
 */
#include "api_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/log.h"
#include "orgdeck/version.h"

/* The base URL without trailing slashes; only http and https. */
static char *api_base_url(const char *url)
{
	char *copy;
	size_t len;

	if (url == NULL || (strncmp(url, "http://", 7) != 0 &&
			    strncmp(url, "https://", 8) != 0)) {
		errno = EINVAL;
		return NULL;
	}
	copy = strdup(url);
	if (copy == NULL)
		return NULL;
	len = strlen(copy);
	while (len > 0 && copy[len - 1] == '/')
		copy[--len] = '\0';
	return copy;
}

static void api_defaults(struct api *api, const struct api_options *opts)
{
	api->connect_timeout_ms = opts->connect_timeout_ms > 0
					  ? opts->connect_timeout_ms
					  : API_CONNECT_TIMEOUT_MS;
	api->timeout_ms =
		opts->timeout_ms > 0 ? opts->timeout_ms : API_TIMEOUT_MS;
	api->body_max = opts->body_max > 0 ? opts->body_max : API_BODY_MAX;
	api->retries = opts->retries < 0    ? 0
		       : opts->retries == 0 ? API_RETRIES
					    : opts->retries;
	snprintf(api->user_agent, sizeof(api->user_agent), "orgdeck/%s",
		 ORGDECK_VERSION);
}

struct api *api_new(const struct api_options *opts)
{
	struct api *api;

	if (opts == NULL || sodium_init() < 0) {
		errno = EINVAL;
		return NULL;
	}
	api = calloc(1, sizeof(*api));
	if (api == NULL)
		return NULL;

	api_defaults(api, opts);
	api->base_url = api_base_url(opts->base_url);
	api->ca_file = opts->ca_file != NULL ? strdup(opts->ca_file) : NULL;
	api->multi = curl_multi_init();
	if (api->base_url == NULL || api->multi == NULL ||
	    (opts->ca_file != NULL && api->ca_file == NULL) ||
	    api_loop_init(api) < 0 || api_set_token(api, opts->token) < 0) {
		api_free(&api);
		return NULL;
	}
	return api;
}

void api_free(struct api **p)
{
	struct api *api;

	if (p == NULL || *p == NULL)
		return;
	api = *p;
	while (api->requests != NULL)
		api_request_free(api->requests);
	if (api->multi != NULL)
		curl_multi_cleanup(api->multi);
	if (api->token != NULL)
		sodium_free(api->token);
	free(api->base_url);
	free(api->ca_file);
	free(api->socks);
	free(api);
	*p = NULL;
}

int api_set_token(struct api *api, const char *token)
{
	size_t len;
	char *copy = NULL;

	if (token != NULL) {
		len = strlen(token);
		copy = sodium_malloc(len + 1);
		if (copy == NULL) {
			errno = ENOMEM;
			return -1;
		}
		memcpy(copy, token, len + 1);
	}
	if (api->token != NULL)
		sodium_free(api->token);
	api->token = copy;
	return 0;
}

size_t api_in_flight(const struct api *api)
{
	return api->in_flight;
}

int api_cancel(struct api *api, unsigned long id)
{
	struct api_request *r;

	for (r = api->requests; r != NULL && id != 0; r = r->next) {
		if (r->id == id && r->state != API_KEPT) {
			log_debug("api: request %lu cancelled", id);
			api_request_free(r);
			return 0;
		}
	}
	return -1;
}

void *api_result_take(struct api_result *res)
{
	void *obj = res->object;

	res->object = NULL;
	return obj;
}

void api_result_free(struct api_result **p)
{
	struct api_result *res;

	if (p == NULL || *p == NULL)
		return;
	res = *p;
	api_error_release(&res->error);
	model_free(res->type, res->object);
	free(res->idempotency_key);
	free(res);
	*p = NULL;
}

/* What went wrong on the way, when the server gave no message. */
static const char *api_err_text(enum api_err kind)
{
	switch (kind) {
	case API_ERR_NONE:
		return "no error";
	case API_ERR_HTTP:
		return "the server refused the request";
	case API_ERR_CHANGED:
		return "changed elsewhere since it was loaded; reload and "
		       "try again";
	case API_ERR_DNS:
		return "cannot resolve the server's name";
	case API_ERR_CONNECT:
		return "cannot connect to the server";
	case API_ERR_TLS:
		return "secure connection failed";
	case API_ERR_TIMEOUT:
		return "the server did not answer in time";
	case API_ERR_TOO_LARGE:
		return "the server's answer is too large";
	case API_ERR_MALFORMED:
		return "the server's answer makes no sense";
	case API_ERR_TRANSPORT:
		return "the connection failed";
	case API_ERR_NOMEM:
	default:
		return "out of memory";
	}
}

const char *api_error_format(const struct api_error *err, char *out,
			     size_t size)
{
	char line[1024];

	if (size == 0)
		return out;
	if (err->kind == API_ERR_HTTP && err->message != NULL)
		snprintf(line, sizeof(line), "%s (%ld %s)", err->message,
			 err->status, err->code ? err->code : "error");
	else if (err->kind == API_ERR_HTTP)
		snprintf(line, sizeof(line), "%s (HTTP %ld%s%s)",
			 api_err_text(err->kind), err->status,
			 err->code ? " " : "", err->code ? err->code : "");
	else if (err->detail != NULL)
		snprintf(line, sizeof(line), "%s: %s", api_err_text(err->kind),
			 err->detail);
	else
		snprintf(line, sizeof(line), "%s", api_err_text(err->kind));

	/* The text comes from the network: no control characters, and
	 * nothing shaped like a token, may reach the screen. */
	log_scrub(out, size, line);
	return out;
}
