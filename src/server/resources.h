/* SPDX-License-Identifier: MIT */
/*
 * Connections, secrets and AuthKit configurations, for the demo data.  The
 * routes are resources_routes in router.h.
 */
#ifndef ORGDECKD_RESOURCES_H
#define ORGDECKD_RESOURCES_H

#include "req.h"

/*
 * Creates a @kind ("connections", "secrets" or "authkit") object from the
 * JSON text @body, as req->who, in project @project_id or, when that is
 * NULL, at the level of organization @org_id: the checks, the sealing and
 * the event are those of the API's create.  Runs inside the caller's
 * transaction and replaces req->json.  Returns 0, or -1 (logged).
 */
int resources_seed(struct req *req, const char *kind, const char *org_id,
		   const char *project_id, const char *body);

#endif
