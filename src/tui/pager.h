/* SPDX-License-Identifier: MIT */
/*
 * The rows of a tab read from a list endpoint page by page: the pages that
 * arrived joined into one, the next page asked for as the list scrolls, a
 * server-side filter (?q=), and answers that arrive after a reload
 * dropped.  The API Keys, Connections, Secrets, AuthKit and Activity tabs
 * each keep one.
 *
 * A struct pager owns its page and its list widget's index;
 * pager_release() frees both.  Pointers to rows stay valid until the next
 * key, callback or draw.
 */
#ifndef ORGDECK_TUI_PAGER_H
#define ORGDECK_TUI_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "tui.h"

#define PAGER_PAGE 50

struct pager;

/* Starts reading one page with @query; returns the request id, or 0. */
typedef unsigned long (*pager_load_fn)(struct pager *p, struct api *api,
				       const struct api_req *req,
				       const struct api_query *query);

/* What a tab tells its pager once. */
struct pager_spec {
	const struct list_ops *ops; /* more and query: see below */
	const char *empty;	    /* shown when there is no row */
	const char *slot;	    /* the requests' slot name */
	const char *doing;	    /* "list the API keys", for errors */
	pager_load_fn load;
	const char *(*id)(const void *row); /* a row's id */
	void *ctx;			    /* the tab's, for @load */
};

struct pager {
	struct tui *t;
	struct list list;
	struct model_page *page; /* NULL until the first page arrived */
	bool ready;		 /* pager_init() ran, pager_release() not */
	bool failed;		 /* a page could not be read: stop asking */
	unsigned long loading;	 /* the request in flight, 0 when none */
	char q[LIST_FILTER_MAX]; /* the server-side filter, "" for none */
	struct pager_spec spec;
};

/*
 * Sets @p up for @t as @spec says (copied; its strings must outlive @p).
 * The list's ctx is @p: give pager_list_more and pager_list_query as the
 * ops' @more and @query.  Does nothing but remember @t when @p is ready.
 */
void pager_init(struct pager *p, struct tui *t, const struct pager_spec *spec);

/* Frees the rows and the list's index; @p can be set up again. */
void pager_release(struct pager *p);

/* Drops every row and reads the first page again. */
void pager_restart(struct pager *p);

/* Forgets the server-side filter and the typed one, then restarts. */
void pager_reset(struct pager *p);

/* The list's "more" and "query" callbacks; @ctx is the struct pager. */
void pager_list_more(void *ctx);
void pager_list_query(void *ctx, const char *q);

/* How many rows are held. */
size_t pager_count(const struct pager *p);

/* Row @row, or NULL. */
void *pager_item(const struct pager *p, size_t row);

/* The selected row, or NULL. */
void *pager_selected(const struct pager *p);

/* Puts @obj, a @type object, in place of the row with the same id,
 * taking it; frees it when there is no such row. */
void pager_replace(struct pager *p, enum model_type type, void *obj);

/* A click at screen row @y: selects the row drawn there, if any. */
void pager_click(struct pager *p, int y);

/* Requests were cancelled (Esc): forget the one in flight. */
void pager_cancel(struct pager *p);

#endif
