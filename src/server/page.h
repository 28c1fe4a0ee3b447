/* SPDX-License-Identifier: MIT */
/*
 * Paging through lists: ?limit= (1-100, default 20), ?after= (the id of the
 * last item seen) and ?q= (a case-insensitive substring), and the list
 * object that answers them.
 *
 * A list handler works in three steps:
 *
 *	page_parse(req, &pg)            reads limit, after and q
 *	page_seek(req, &pg, cursor_st)  turns after into a seq, or 400
 *	... SELECT ... WHERE seq > :pg.after_seq AND (q matches)
 *	    ORDER BY seq LIMIT :pg.limit + 1, adding items to an array ...
 *	page_reply(req, &pg, items)     trims the extra item, answers
 *
 * or, for the last two, page_reply_rows(req, &pg, st, add, ctx), which
 * builds the items from the statement's rows with @add.
 *
 * XXX: q ignores case for ASCII letters only, because SQLite's lower()
 * folds nothing else; every list in orgs.c, members.c, invitations.c,
 * projects.c and project_members.c matches with instr(lower(...)).
 *
 * Events go newest first: their handler orders by seq DESC and uses
 * pg.after_seq as an upper bound (page_seek() sets it to INT64_MAX when
 * there is no cursor and pg.descending is set).
 */
#ifndef ORGDECKD_PAGE_H
#define ORGDECKD_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "req.h"

#define PAGE_DEFAULT 20
#define PAGE_MAX     100

struct page {
	int limit;	   /* 1-100 */
	const char *after; /* NULL, or the id of the last item seen */
	const char *q;	   /* NULL, or the substring to match */
	int64_t after_seq; /* set by page_seek(): rows past this one */
	bool descending;   /* newest first (events) */
};

/*
 * Reads limit, after and q from the query.  Returns 0, or -1 after
 * answering 400 invalid_parameter.
 */
int page_parse(struct req *req, struct page *pg);

/*
 * Resolves pg->after with @cursor: a statement the caller prepared that,
 * with ?1 bound here to the id, returns the row's seq when that id is an
 * item of this very list (bind the list's own filters to ?2 and up).
 * Finalizes @cursor.  With no cursor in the request, @cursor may be NULL.
 * Returns 0, or -1 after answering 400 invalid_cursor or 500.
 */
int page_seek(struct req *req, struct page *pg, sqlite3_stmt *cursor);

/*
 * Answers the list: @items (taken) holds up to limit + 1 objects, each
 * with an "id"; one past the limit means has_more.
 */
int page_reply(struct req *req, const struct page *pg, cJSON *items);

/*
 * Answers the list made of the rows of @st, which this finalizes: for each
 * row, @add puts its object into @items, or leaves a row out of the
 * caller's reach, and returns 0, or -1 when out of memory.  @ctx goes to
 * @add as it is.  A failed statement (NULL @st included) or @add answers
 * 500.
 */
int page_reply_rows(struct req *req, const struct page *pg, sqlite3_stmt *st,
		    int (*add)(cJSON *items, sqlite3_stmt *st, const void *ctx),
		    const void *ctx);

#endif
