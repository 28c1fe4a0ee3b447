/* SPDX-License-Identifier: MIT */
/*
 * The typed calls about what lives in an organization or project: API
 * keys, connections, secrets, AuthKit configurations, and the activity
 * log (docs/api.md).
 */
#include "api_private.h"

#include <errno.h>

/* The first segment of a path in @scope: "orgs" or "projects", NULL when
 * out of range (which the path refuses). */
static const char *api_scope_path(enum scope scope)
{
	switch (scope) {
	case SCOPE_ORG:
		return "orgs";
	case SCOPE_PROJECT:
		return "projects";
	default:
		return NULL;
	}
}

/* API keys */

unsigned long api_keys_list(struct api *api, const struct api_req *req,
			    enum scope scope, const char *parent,
			    const struct api_query *query)
{
	return api_call_list(api, req, MODEL_KEY, query, NULL, "/v1/%s/%s/keys",
			     api_scope_path(scope), parent);
}

unsigned long api_key_create(struct api *api, const struct api_req *req,
			     enum scope scope, const char *parent,
			     const char *name, enum role role,
			     time_t expires_at)
{
	struct api_call call;
	char when[21];

	api_call_open(&call, "POST", MODEL_KEY, NULL, "/v1/%s/%s/keys",
		      api_scope_path(scope), parent);
	api_call_str(&call, "name", name);
	api_call_role(&call, "role", role);
	if (expires_at != 0) {
		model_time_format(when, expires_at);
		api_call_str(&call, "expires_at", when);
	}
	return api_request_start(api, req, &call);
}

unsigned long api_key_get(struct api *api, const struct api_req *req,
			  const char *key)
{
	return api_call_send(api, req, "GET", MODEL_KEY, NULL, "/v1/keys/%s",
			     key);
}

unsigned long api_key_update(struct api *api, const struct api_req *req,
			     const char *key, const char *if_match,
			     const char *name)
{
	struct api_call call;

	api_call_open(&call, "PATCH", MODEL_KEY, if_match, "/v1/keys/%s", key);
	api_call_str(&call, "name", name);
	return api_request_start(api, req, &call);
}

unsigned long api_key_rotate(struct api *api, const struct api_req *req,
			     const char *key, long grace_seconds)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_KEY, NULL, "/v1/keys/%s/rotate",
		      key);
	if (grace_seconds < 0)
		api_call_fail(&call, EINVAL);
	api_call_num(&call, "grace_seconds", (double)grace_seconds);
	return api_request_start(api, req, &call);
}

unsigned long api_key_revoke(struct api *api, const struct api_req *req,
			     const char *key, const char *if_match)
{
	return api_call_send(api, req, "DELETE", MODEL_KEY, if_match,
			     "/v1/keys/%s", key);
}

/* Connections, secrets and AuthKit */

/* Refuses fields the kind does not take, then adds the others. */
static void api_call_fields(struct api_call *call,
			    enum model_resource_kind kind,
			    const struct api_resource_fields *f)
{
	bool con = kind == MODEL_CONNECTION, sec = kind == MODEL_SECRET;
	bool akc = kind == MODEL_AUTHKIT;

	if (f == NULL || (f->provider && !con) || (f->value && !sec) ||
	    (f->config && sec) || (f->redirect_uris && !akc) ||
	    (f->providers && !akc)) {
		api_call_fail(call, EINVAL);
		return;
	}
	api_call_str(call, "name", f->name);
	api_call_str(call, "provider", f->provider);
	api_call_json(call, con ? "config" : "settings", f->config);
	api_call_str(call, "value", f->value);
	api_call_strv(call, "redirect_uris", f->redirect_uris);
	api_call_strv(call, "providers", f->providers);
}

unsigned long api_resources_list(struct api *api, const struct api_req *req,
				 enum model_resource_kind kind,
				 enum scope scope, const char *parent,
				 const struct api_query *query)
{
	return api_call_list(api, req, MODEL_RESOURCE, query, NULL,
			     "/v1/%s/%s/%s", api_scope_path(scope), parent,
			     model_resource_kind_path(kind));
}

unsigned long api_resource_create(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind,
				  enum scope scope, const char *parent,
				  const struct api_resource_fields *fields)
{
	struct api_call call;

	api_call_open(&call, "POST", MODEL_RESOURCE, NULL, "/v1/%s/%s/%s",
		      api_scope_path(scope), parent,
		      model_resource_kind_path(kind));
	api_call_fields(&call, kind, fields);
	return api_request_start(api, req, &call);
}

unsigned long api_resource_get(struct api *api, const struct api_req *req,
			       enum model_resource_kind kind, const char *id)
{
	return api_call_send(api, req, "GET", MODEL_RESOURCE, NULL, "/v1/%s/%s",
			     model_resource_kind_path(kind), id);
}

unsigned long api_resource_update(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind, const char *id,
				  const char *if_match,
				  const struct api_resource_fields *fields)
{
	struct api_call call;

	api_call_open(&call, "PATCH", MODEL_RESOURCE, if_match, "/v1/%s/%s",
		      model_resource_kind_path(kind), id);
	api_call_fields(&call, kind, fields);
	return api_request_start(api, req, &call);
}

unsigned long api_resource_delete(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind, const char *id,
				  const char *if_match)
{
	return api_call_send(api, req, "DELETE", MODEL_DELETED, if_match,
			     "/v1/%s/%s", model_resource_kind_path(kind), id);
}

/* Activity */

unsigned long api_events_list(struct api *api, const struct api_req *req,
			      enum scope scope, const char *parent,
			      const struct api_query *query)
{
	return api_call_list(api, req, MODEL_EVENT, query,
			     scope == SCOPE_ORG ? "actor action target project"
						: "actor action target",
			     "/v1/%s/%s/events", api_scope_path(scope), parent);
}
