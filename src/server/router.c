/* SPDX-License-Identifier: MIT */
/* Matching requests to routes and running what every request needs. */
#include "router.h"

#include <stdbool.h>
#include <string.h>

#include "db.h"
#include "idem.h"
#include "ratelimit.h"
#include "reply.h"

/*
 * Every resource file's table.  A new resource file adds one line here
 * (see router.h).
 */
static const struct route *const router_modules[] = {
	me_routes,	    orgs_routes,     members_routes,
	invitations_routes, projects_routes, project_members_routes,
	resources_routes,   keys_routes,     events_routes,
};

#define ROUTER_MODULES (sizeof(router_modules) / sizeof(router_modules[0]))

/*
 * Matches @path against @pattern, filling req->params from its "{name}"
 * segments.  req->segments is a writable copy of the path that the params
 * point into.
 */
static bool router_match_path(struct req *req, const char *pattern)
{
	char *seg = req->segments;
	const char *pat = pattern;

	strcpy(req->segments, req->path);
	req->nparams = 0;
	while (*pat != '\0' && *seg != '\0') {
		size_t plen = strcspn(pat, "/"), slen = strcspn(seg, "/");

		if (pat[0] == '{' && slen > 0 &&
		    req->nparams < REQ_PARAMS_MAX) {
			req->params[req->nparams++].value = seg;
		} else if (plen != slen || strncmp(pat, seg, plen) != 0) {
			return false;
		}
		pat += plen;
		seg += slen;
		if ((*pat == '/') != (*seg == '/'))
			return false;
		if (*seg == '/')
			*seg++ = '\0';
		if (*pat == '/')
			pat++;
	}
	return *pat == '\0' && *seg == '\0';
}

/* Names the params matched by router_match_path() from @pattern. */
static void router_name_params(struct req *req, const char *pattern)
{
	const char *p = strchr(pattern, '{');
	unsigned int n;

	for (n = 0; n < req->nparams && p != NULL; n++) {
		char *name = req->params[n].name;
		size_t len = strcspn(p + 1, "}");

		if (len >= sizeof(req->params[n].name))
			len = sizeof(req->params[n].name) - 1;
		memcpy(name, p + 1, len);
		name[len] = '\0';
		p = strchr(p + 1 + len, '{');
	}
}

/* Finds the route for @req; answers 404 or 405 and returns NULL. */
static const struct route *router_find(struct req *req)
{
	const struct route *r;
	bool path_known = false;
	size_t m;

	for (m = 0; m < ROUTER_MODULES; m++) {
		for (r = router_modules[m]; r->method != NULL; r++) {
			if (!router_match_path(req, r->pattern))
				continue;
			path_known = true;
			if (strcmp(r->method, req->method) != 0)
				continue;
			router_name_params(req, r->pattern);
			return r;
		}
	}

	if (path_known)
		reply_error(req, 405, "method_not_allowed", NULL,
			    "%s is not allowed here", req->method);
	else
		reply_not_found(req);
	return NULL;
}

/* Authenticates and counts the request; answers and returns -1 if not. */
static int router_admit(struct req *req, const struct route *route)
{
	const char *who;

	if (!(route->flags & ROUTE_PUBLIC) && auth_check(req) < 0)
		return -1;

	who = req->who.id[0] != '\0' ? req->who.id : req->client;
	if (ratelimit_take(who, req->cfg->rate_limit, &req->retry_after) < 0)
		return reply_error(req, 429, "rate_limited", NULL,
				   "too many requests; retry in %u seconds",
				   req->retry_after);
	return 0;
}

void router_dispatch(struct req *req)
{
	const struct route *route = router_find(req);
	bool post = strcmp(req->method, "POST") == 0;

	if (route == NULL)
		return;
	req->db = db_get();
	if (req->db == NULL) {
		reply_internal(req, "no database connection");
		return;
	}
	if (router_admit(req, route) < 0)
		return;
	if (post && idem_begin(req) != 0)
		return;

	if (req_parse_body(req) == 0)
		route->handle(req);
	if (!req->replied)
		reply_internal(req, "a handler gave no answer");
	db_rollback(req->db);
	if (post)
		idem_finish(req);
}
