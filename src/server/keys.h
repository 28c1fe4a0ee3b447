/* SPDX-License-Identifier: MIT */
/*
 * Organization and project API keys: the api_key object, for other files
 * that show one (GET /v1/me shows the calling key), and keys for the demo
 * data.  The routes are keys_routes in router.h.
 */
#ifndef ORGDECKD_KEYS_H
#define ORGDECKD_KEYS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "req.h"

/*
 * The api_key object of key @key_id as it is now, without its secret
 * (which is never stored).  The caller owns the result; NULL when there is
 * no such key or out of memory.
 */
cJSON *keys_load(sqlite3 *db, const char *key_id);

/*
 * Creates a key from the JSON text @body ({"name", "role", "expires_at"})
 * as req->who, in project @project_id or, when that is NULL, in
 * organization @org_id: the checks and the event are those of the API's
 * create.  The secret is thrown away, so the key works only once someone
 * rotates it.  Runs inside the caller's transaction and replaces
 * req->json.  Returns 0, or -1 (logged).
 */
int keys_seed(struct req *req, const char *org_id, const char *project_id,
	      const char *body);

#endif
