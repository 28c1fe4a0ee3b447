/* SPDX-License-Identifier: MIT */
/* Writing audit events. */
#include "audit.h"

#include "db.h"
#include "ids.h"
#include "json.h"
#include "stamp.h"

/* Prints @obj redacted; NULL for no object.  Caller frees. */
static char *audit_text(cJSON *obj)
{
	if (obj == NULL)
		return NULL;
	json_redact_all(obj);
	return json_print(obj);
}

int audit_write(struct req *req, struct audit *ev)
{
	char id[ID_SIZE];
	char *before = audit_text(ev->before);
	char *after = audit_text(ev->after);
	int ret = -1;

	if ((ev->before != NULL && before == NULL) ||
	    (ev->after != NULL && after == NULL))
		goto out;

	ids_new(id, "evt_");
	ret = db_exec(req->db, NULL,
		      "INSERT INTO events (id, org_id, project_id, actor_type,"
		      " actor_id, actor_name, action, target_type, target_id,"
		      " target_name, before, after, request_id, created_at)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		      " ?12, ?13, ?14)",
		      "ttttttttttttti", id, ev->org_id, ev->project_id,
		      req->who.type == PRINCIPAL_KEY ? "key" : "user",
		      req->who.id, req->who.name, ev->action, ev->target_type,
		      ev->target_id, ev->target_name, before, after,
		      req->id[0] != '\0' ? req->id : NULL, stamp_now());
	ret = ret < 0 ? -1 : 0;

out:
	cJSON_free(before);
	cJSON_free(after);
	json_free(&ev->before);
	json_free(&ev->after);
	return ret;
}

cJSON *audit_pair(const char *name, const char *value)
{
	cJSON *obj = cJSON_CreateObject();

	if (json_add_text(obj, name, value) == NULL) {
		cJSON_Delete(obj);
		return NULL;
	}
	return obj;
}
