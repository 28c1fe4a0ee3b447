/* SPDX-License-Identifier: MIT */
/*
 * The typed calls about what lives in an organization or project: API
 * keys, connections, secrets, AuthKit configurations, and the activity
 * log (docs/api.md).
 */
#include "api_private.h"

#include <errno.h>

/* "/v1/orgs/ID" or "/v1/projects/ID", then @what. */
static void api_call_scope(struct api_call *call, enum scope scope,
			   const char *parent, const char *what)
{
	if (scope == SCOPE_ORG)
		api_call_path(call, "/v1/orgs/%s", parent);
	else if (scope == SCOPE_PROJECT)
		api_call_path(call, "/v1/projects/%s", parent);
	else
		api_call_fail(call, EINVAL);
	if (!call->failed && buf_puts(&call->path, what) < 0)
		api_call_fail(call, errno);
}

/* API keys */

unsigned long api_keys_list(struct api *api, const struct api_req *req,
			    enum scope scope, const char *parent,
			    const struct api_query *query)
{
	struct api_call call;

	api_call_init_list(&call, MODEL_KEY);
	api_call_scope(&call, scope, parent, "/keys");
	api_call_query(&call, query, NULL);
	return api_request_start(api, req, &call);
}

unsigned long api_key_create(struct api *api, const struct api_req *req,
			     enum scope scope, const char *parent,
			     const char *name, enum role role,
			     time_t expires_at)
{
	struct api_call call;
	char when[21];

	api_call_init(&call, "POST", MODEL_KEY);
	api_call_scope(&call, scope, parent, "/keys");
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
	struct api_call call;

	api_call_init(&call, "GET", MODEL_KEY);
	api_call_path(&call, "/v1/keys/%s", key);
	return api_request_start(api, req, &call);
}

unsigned long api_key_update(struct api *api, const struct api_req *req,
			     const char *key, const char *if_match,
			     const char *name)
{
	struct api_call call;

	api_call_init(&call, "PATCH", MODEL_KEY);
	api_call_path(&call, "/v1/keys/%s", key);
	call.if_match = if_match;
	api_call_str(&call, "name", name);
	return api_request_start(api, req, &call);
}

unsigned long api_key_rotate(struct api *api, const struct api_req *req,
			     const char *key, long grace_seconds)
{
	struct api_call call;

	api_call_init(&call, "POST", MODEL_KEY);
	api_call_path(&call, "/v1/keys/%s/rotate", key);
	if (grace_seconds < 0)
		api_call_fail(&call, EINVAL);
	api_call_num(&call, "grace_seconds", (double)grace_seconds);
	return api_request_start(api, req, &call);
}

unsigned long api_key_revoke(struct api *api, const struct api_req *req,
			     const char *key, const char *if_match)
{
	struct api_call call;

	api_call_init(&call, "DELETE", MODEL_KEY);
	api_call_path(&call, "/v1/keys/%s", key);
	call.if_match = if_match;
	return api_request_start(api, req, &call);
}

/* Connections, secrets and AuthKit */

/* "/connections" and so on; NULL for a kind out of range. */
static const char *api_kind_path(enum model_resource_kind kind, char out[16])
{
	const char *path = model_resource_kind_path(kind);

	if (path == NULL)
		return NULL;
	snprintf(out, 16, "/%s", path);
	return out;
}

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
	struct api_call call;
	char what[16];

	api_call_init_list(&call, MODEL_RESOURCE);
	if (api_kind_path(kind, what) == NULL)
		api_call_fail(&call, EINVAL);
	else
		api_call_scope(&call, scope, parent, what);
	api_call_query(&call, query, NULL);
	return api_request_start(api, req, &call);
}

unsigned long api_resource_create(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind,
				  enum scope scope, const char *parent,
				  const struct api_resource_fields *fields)
{
	struct api_call call;
	char what[16];

	api_call_init(&call, "POST", MODEL_RESOURCE);
	if (api_kind_path(kind, what) == NULL)
		api_call_fail(&call, EINVAL);
	else
		api_call_scope(&call, scope, parent, what);
	api_call_fields(&call, kind, fields);
	return api_request_start(api, req, &call);
}

/* "/v1/KIND/ID". */
static void api_call_resource(struct api_call *call,
			      enum model_resource_kind kind, const char *id)
{
	char what[16];

	if (api_kind_path(kind, what) == NULL) {
		api_call_fail(call, EINVAL);
		return;
	}
	api_call_path(call, "/v1");
	if (buf_puts(&call->path, what) < 0)
		api_call_fail(call, errno);
	api_call_path(call, "/%s", id);
}

unsigned long api_resource_get(struct api *api, const struct api_req *req,
			       enum model_resource_kind kind, const char *id)
{
	struct api_call call;

	api_call_init(&call, "GET", MODEL_RESOURCE);
	api_call_resource(&call, kind, id);
	return api_request_start(api, req, &call);
}

unsigned long api_resource_update(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind, const char *id,
				  const char *if_match,
				  const struct api_resource_fields *fields)
{
	struct api_call call;

	api_call_init(&call, "PATCH", MODEL_RESOURCE);
	api_call_resource(&call, kind, id);
	call.if_match = if_match;
	api_call_fields(&call, kind, fields);
	return api_request_start(api, req, &call);
}

unsigned long api_resource_delete(struct api *api, const struct api_req *req,
				  enum model_resource_kind kind, const char *id,
				  const char *if_match)
{
	struct api_call call;

	api_call_init(&call, "DELETE", MODEL_DELETED);
	api_call_resource(&call, kind, id);
	call.if_match = if_match;
	return api_request_start(api, req, &call);
}

/* Activity */

unsigned long api_events_list(struct api *api, const struct api_req *req,
			      enum scope scope, const char *parent,
			      const struct api_query *query)
{
	struct api_call call;

	api_call_init_list(&call, MODEL_EVENT);
	api_call_scope(&call, scope, parent, "/events");
	api_call_query(&call, query,
		       scope == SCOPE_ORG ? "actor action target project"
					  : "actor action target");
	return api_request_start(api, req, &call);
}
