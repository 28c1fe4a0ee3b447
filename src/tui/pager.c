/* SPDX-License-Identifier: MIT */
/* Rows of a tab read page by page from a list endpoint. */
#include "pager.h"

#include <stdio.h>
#include <string.h>

void pager_init(struct pager *p, struct tui *t, const struct pager_spec *spec)
{
	p->t = t;
	if (p->ready)
		return;
	p->spec = *spec;
	list_init(&p->list, spec->ops, p, spec->empty);
	p->page = NULL;
	p->failed = false;
	p->loading = 0;
	p->q[0] = '\0';
	p->ready = true;
}

void pager_release(struct pager *p)
{
	if (!p->ready)
		return;
	model_page_free(&p->page);
	list_release(&p->list);
	p->loading = 0;
	p->ready = false;
}

size_t pager_count(const struct pager *p)
{
	return p->page != NULL ? p->page->count : 0;
}

void *pager_item(const struct pager *p, size_t row)
{
	return row < pager_count(p) ? p->page->items[row] : NULL;
}

void *pager_selected(const struct pager *p)
{
	size_t row;

	if (!p->ready || !list_selected(&p->list, &row))
		return NULL;
	return pager_item(p, row);
}

static bool pager_has_more(const struct pager *p)
{
	return !p->failed && (p->page == NULL || p->page->has_more);
}

static void pager_sync(struct pager *p)
{
	list_set_count(&p->list, pager_count(p), pager_has_more(p));
	p->list.loading = p->loading != 0;
	tui_dirty(p->t);
}

/* Adds the page that arrived in @res to the rows. */
static void pager_add(struct pager *p, struct api_result *res)
{
	struct model_page *page = api_result_take(res);

	if (p->page == NULL)
		p->page = page;
	else if (model_page_join(p->page, &page) < 0)
		model_page_free(&page);
}

static void pager_done(struct api_result *res)
{
	struct pager *p = res->user;

	if (!p->ready || res->id != p->loading)
		return;
	p->loading = 0;
	if (res->error.kind != API_ERR_NONE) {
		p->failed = true;
		tui_api_error(p->t, p->spec.doing, res);
	} else {
		pager_add(p, res);
	}
	pager_sync(p);
}

/* Asks for the page after @after (NULL: the first). */
static void pager_load(struct pager *p, const char *after)
{
	struct api_query q = { .limit = PAGER_PAGE,
			       .after = after,
			       .q = p->q[0] != '\0' ? p->q : NULL };
	struct api_req req = { .done = pager_done,
			       .user = p,
			       .slot = p->spec.slot };

	p->loading = tui_track(p->t, p->spec.load(p, tui_api(p->t), &req, &q));
	p->list.loading = p->loading != 0;
	if (p->loading == 0)
		p->failed = true; /* said on the status line; ask no more */
}

void pager_restart(struct pager *p)
{
	if (!p->ready)
		return;
	p->failed = false;
	model_page_free(&p->page);
	list_clear(&p->list);
	pager_load(p, NULL);
	pager_sync(p);
}

void pager_reset(struct pager *p)
{
	p->q[0] = '\0';
	p->list.filter[0] = '\0';
	p->list.remote = false;
	p->list.editing = false;
	pager_restart(p);
}

void pager_list_more(void *ctx)
{
	struct pager *p = ctx;

	if (p->loading != 0 || !pager_has_more(p)) {
		p->list.loading = p->loading != 0;
		return;
	}
	pager_load(p, p->page != NULL ? p->page->last_id : NULL);
}

void pager_list_query(void *ctx, const char *q)
{
	struct pager *p = ctx;

	snprintf(p->q, sizeof(p->q), "%s", q);
	pager_restart(p);
}

void pager_replace(struct pager *p, enum model_type type, void *obj)
{
	const char *id = p->spec.id(obj);
	size_t i;

	for (i = 0; p->page != NULL && p->page->item_type == type &&
		    i < pager_count(p);
	     i++) {
		if (strcmp(p->spec.id(p->page->items[i]), id) == 0) {
			model_free(p->page->item_type, p->page->items[i]);
			p->page->items[i] = obj;
			tui_dirty(p->t);
			return;
		}
	}
	model_free(type, obj);
}

void pager_click(struct pager *p, int y)
{
	if (p->ready && list_click(&p->list, y))
		tui_dirty(p->t);
}

void pager_cancel(struct pager *p)
{
	p->loading = 0;
	list_cancel(&p->list);
}
