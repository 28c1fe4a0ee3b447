/* SPDX-License-Identifier: MIT */
/*
 * The audit trail's writer: one event per change, written with the same
 * database connection inside the same transaction as the change, so that a
 * change and its event are kept or lost together.  (events.c serves them.)
 *
 * before and after are taken by audit_write(), which redacts every field
 * named secret, code, token or value before storing them.
 */
#ifndef ORGDECKD_AUDIT_H
#define ORGDECKD_AUDIT_H

#include <cjson/cJSON.h>

#include "req.h"

struct audit {
	const char *org_id;
	const char *project_id;	 /* NULL at organization level */
	const char *action;	 /* a perm name, or e.g. "member.leave" */
	const char *target_type; /* "member", "project", "api_key", ... */
	const char *target_id;
	const char *target_name; /* shown with the event; may be NULL */
	cJSON *before;		 /* NULL for none */
	cJSON *after;		 /* NULL for none */
};

/*
 * Writes @ev as done by req->who in request req->id.  Frees ev->before and
 * ev->after (and sets them to NULL) whatever happens.  Returns 0, or -1
 * (logged) so that the caller rolls the change back.
 */
int audit_write(struct req *req, struct audit *ev);

/*
 * Convenience for before/after: a new object {@name: @value}, or NULL
 * when out of memory.
 */
cJSON *audit_pair(const char *name, const char *value);

#endif
