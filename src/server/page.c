/* SPDX-License-Identifier: MIT */
/* List paging and the list object. */
#include "page.h"

#include <stdlib.h>

#include "db.h"
#include "json.h"
#include "reply.h"

int page_parse(struct req *req, struct page *pg)
{
	const char *limit = req_query(req, "limit");
	char *end = NULL;
	long n = PAGE_DEFAULT;

	pg->after = req_query(req, "after");
	pg->q = req_query(req, "q");
	pg->after_seq = 0;
	pg->descending = false;
	if (pg->after != NULL && *pg->after == '\0')
		pg->after = NULL;
	if (pg->q != NULL && *pg->q == '\0')
		pg->q = NULL;

	if (limit != NULL)
		n = strtol(limit, &end, 10);
	if (limit != NULL &&
	    (end == limit || *end != '\0' || n < 1 || n > PAGE_MAX))
		return reply_error(req, 400, "invalid_parameter", "limit",
				   "limit must be a whole number from 1 to %d",
				   PAGE_MAX);
	pg->limit = (int)n;
	return 0;
}

int page_seek(struct req *req, struct page *pg, sqlite3_stmt *cursor)
{
	int rc;

	pg->after_seq = pg->descending ? INT64_MAX : 0;
	if (pg->after == NULL) {
		db_done(&cursor);
		return 0;
	}
	if (cursor == NULL)
		return reply_internal(req, "no cursor statement");

	rc = sqlite3_bind_text(cursor, 1, pg->after, -1, SQLITE_STATIC);
	rc = rc == SQLITE_OK ? db_step(cursor) : -1;
	if (rc == 1)
		pg->after_seq = sqlite3_column_int64(cursor, 0);
	db_done(&cursor);

	if (rc < 0)
		return reply_internal(req, "resolving a cursor");
	if (rc == 0)
		return reply_error(req, 400, "invalid_cursor", "after",
				   "after names nothing in this list");
	return 0;
}

int page_reply(struct req *req, const struct page *pg, cJSON *items)
{
	cJSON *list = cJSON_CreateObject();
	bool more = cJSON_GetArraySize(items) > pg->limit;
	const cJSON *last;

	if (more)
		cJSON_DeleteItemFromArray(items, pg->limit);
	last = cJSON_GetArrayItem(items, cJSON_GetArraySize(items) - 1);

	if (list == NULL || items == NULL ||
	    cJSON_AddStringToObject(list, "object", "list") == NULL ||
	    !cJSON_AddItemToObject(list, "data", items)) {
		cJSON_Delete(list);
		json_free(&items);
		return reply_internal(req, "out of memory building a list");
	}
	cJSON_AddBoolToObject(list, "has_more", more);
	json_add_text(list, "last_id",
		      last != NULL ? cJSON_GetStringValue(
					     cJSON_GetObjectItem(last, "id"))
				   : NULL);
	return reply_json(req, 200, list);
}

int page_reply_rows(struct req *req, const struct page *pg, sqlite3_stmt *st,
		    int (*add)(cJSON *items, sqlite3_stmt *st, const void *ctx),
		    const void *ctx)
{
	cJSON *items = cJSON_CreateArray();
	int rc = st != NULL && items != NULL ? db_step(st) : -1;

	while (rc == 1)
		rc = add(items, st, ctx) < 0 ? -1 : db_step(st);
	db_done(&st);

	if (rc < 0) {
		json_free(&items);
		return reply_internal(req, "building a list");
	}
	return page_reply(req, pg, items);
}
