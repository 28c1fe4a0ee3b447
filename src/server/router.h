/* SPDX-License-Identifier: MIT */
/*
 * Routing API requests to the resource files, and the guide to adding one.
 *
 * HOW A RESOURCE FILE PLUGS IN
 *
 * 1. Write src/server/NAME.c (CMake picks it up by itself).  It defines
 *    one table of routes, ending with an empty entry:
 *
 *	const struct route keys_routes[] = {
 *		{ "GET", "/v1/orgs/{org}/keys", keys_list_org, 0 },
 *		{ "POST", "/v1/orgs/{org}/keys", keys_create_org, 0 },
 *		{ "GET", "/v1/keys/{key}", keys_get, 0 },
 *		{ NULL },
 *	};
 *
 * 2. Add it to router_modules[] in router.c: one line, "keys_routes,".
 *    Its declaration is already below (keys, resources and events are
 *    declared ahead of their files).
 *
 * 3. Each handler is `static int fn(struct req *req)` and must answer
 *    exactly once, with reply.h.  By the time it runs the router has:
 *    - matched the path: req_param(req, "org") gives "{org}";
 *    - authenticated the caller into req->who (auth.h), unless the route
 *      has ROUTE_PUBLIC;
 *    - counted the request against the rate limit;
 *    - reserved the Idempotency-Key of a POST, or answered instead with
 *      the stored answer (or 409 while another attempt holds the key;
 *      idem.h); it stores the handler's answer for later replays;
 *    - parsed the body into req->json ({} when empty; 400 when malformed);
 *    - set req->db to this thread's SQLite connection (db.h).
 *
 * 4. Inside a handler, in this order:
 *    - body_check(req, fields) with the endpoint's fields (body.h);
 *    - authz_org_need() / authz_project_need() with the enum perm the
 *      endpoint needs (authz.h): 404 outside the caller's reach, 403 with
 *      the role needed otherwise;
 *    - for a change: db_begin(), req_if_match() against the row's version
 *      read inside the transaction, the change (bump `version`, set
 *      `updated_at`), audit_write() (audit.h), db_commit(), then reply;
 *      on any failure db_rollback() before replying;
 *    - objects get "role" and "actions" with authz_describe(), IDs from
 *      ids_new(), times with json_add_time(), etags with json_add_etag();
 *    - lists use page.h; tokens come from token_generate() and are stored
 *      as vault_hash(); secret values are stored as vault_seal().
 *    Functions that answer an error return -1; return that from the
 *    handler.  An answer made twice keeps the first.
 *
 * 5. Tests go in tests/server/ with their own list file (resources.cmake),
 *    starting a real server with tests/support/server.h and calling it with
 *    tests/support/http.h.
 */
#ifndef ORGDECKD_ROUTER_H
#define ORGDECKD_ROUTER_H

#include "req.h"

/* Route flags. */
#define ROUTE_PUBLIC 1u /* no token needed (accepting an invitation) */

struct route {
	const char *method;  /* "GET", "POST", "PATCH", "DELETE" */
	const char *pattern; /* "/v1/orgs/{org}/members/{usr}" */
	int (*handle)(struct req *req);
	unsigned int flags;
};

/* Every resource file's table. */
extern const struct route me_routes[];
extern const struct route orgs_routes[];
extern const struct route members_routes[];
extern const struct route invitations_routes[];
extern const struct route projects_routes[];
extern const struct route project_members_routes[];
extern const struct route keys_routes[];
extern const struct route resources_routes[];
extern const struct route events_routes[];

/*
 * Answers @req: matches its route (404 not_found, 405 method_not_allowed),
 * authenticates, rate-limits, handles idempotency, parses the body and
 * calls the handler.  Always leaves an answer in @req.
 */
void router_dispatch(struct req *req);

#endif
