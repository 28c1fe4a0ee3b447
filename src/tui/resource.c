/* SPDX-License-Identifier: MIT */
/*
 * The generic resource pane: rows page by page, a detail panel with what
 * the list gives, and the details of one object read on request.
 */
#include "resource.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "text.h"
#include "theme.h"

static const char *resource_row_id(const void *row)
{
	return ((const struct model_resource *)row)->id;
}

static const char *resource_text(void *ctx, size_t row)
{
	const struct model_resource *r = pager_item(ctx, row);

	return r != NULL ? r->name : NULL;
}

static void resource_draw_row(void *ctx, size_t row, int y, int x, int w,
			      bool selected, bool focused)
{
	const struct pager *p = ctx;
	const struct resource_tab *rt = p->spec.ctx;
	const struct resource_desc *desc = rt->desc;
	const struct model_resource *r = pager_item(p, row);
	char buf[8][RESOURCE_CELL_MAX];
	const char *cells[8];

	if (r == NULL || desc->n_cols > 8)
		return;
	desc->cells(r, cells, buf);
	table_row(y, x, w, desc->cols, cells, desc->n_cols,
		  table_row_attr(selected, focused),
		  selected ? 0 : theme_attr(THEME_LABEL), 1);
}

static const struct list_ops resource_list_ops = {
	.text = resource_text,
	.draw_row = resource_draw_row,
	.more = pager_list_more,
	.query = pager_list_query,
};

static unsigned long resource_load(struct pager *p, struct api *api,
				   const struct api_req *req,
				   const struct api_query *query)
{
	const struct resource_tab *rt = p->spec.ctx;

	return api_resources_list(api, req, rt->desc->kind, rt->scope,
				  rt->parent, query);
}

/* Forgets the details read, wiping a secret's value. */
static void resource_forget(struct resource_tab *rt)
{
	model_resource_free(&rt->shown);
	rt->revealed = false;
}

/* Forgets the details when they are not those of the selected row. */
static void resource_follow(struct resource_tab *rt)
{
	const struct model_resource *sel = resource_selected(rt);

	if (rt->shown != NULL &&
	    (sel == NULL || strcmp(sel->id, rt->shown->id) != 0))
		resource_forget(rt);
}

const struct model_resource *resource_selected(const struct resource_tab *rt)
{
	return pager_selected(&rt->pager);
}

static bool resource_allowed(struct tui *t, enum perm perm)
{
	const struct model_project *prj = tui_project(t);
	const struct model_org *org = tui_org(t);

	if (org == NULL)
		return false;
	return model_actions_has(prj != NULL ? prj->actions : org->actions,
				 perm);
}

void resource_open(struct resource_tab *rt, struct tui *t)
{
	const struct model_project *prj = tui_project(t);
	const struct pager_spec spec = {
		.ops = &resource_list_ops,
		.empty = "Nothing here yet. Press n to add one.",
		.slot = rt->slot,
		.doing = rt->doing,
		.load = resource_load,
		.id = resource_row_id,
		.ctx = rt,
	};

	snprintf(rt->slot, sizeof(rt->slot), "res:%s", rt->desc->many);
	snprintf(rt->doing, sizeof(rt->doing), "list the %s", rt->desc->many);
	pager_init(&rt->pager, t, &spec);
	resource_forget(rt);
	rt->reading = 0;
	rt->for_edit = false;
	rt->scope = prj != NULL ? SCOPE_PROJECT : SCOPE_ORG;
	snprintf(rt->parent, sizeof(rt->parent), "%s",
		 prj != NULL ? prj->id : tui_org(t)->id);
	if (resource_allowed(t, rt->desc->list)) {
		pager_reset(&rt->pager);
		return;
	}
	model_page_free(&rt->pager.page);
	list_set_count(&rt->pager.list, 0, false);
}

void resource_reload(struct resource_tab *rt, struct tui *t)
{
	rt->pager.t = t;
	resource_forget(rt);
	if (rt->pager.ready && resource_allowed(t, rt->desc->list))
		pager_restart(&rt->pager);
}

void resource_draw(struct resource_tab *rt, struct tui *t, struct rect area,
		   bool focused)
{
	char what[64];

	rt->pager.t = t;
	if (!rt->pager.ready || area.h < 2)
		return;
	if (!resource_allowed(t, rt->desc->list)) {
		snprintf(what, sizeof(what), "the %s", rt->desc->many);
		table_refused(t, area, rt->desc->list, what);
		return;
	}
	table_header(area, rt->desc->cols, rt->desc->n_cols);
	area.y++;
	area.h--;
	list_draw(&rt->pager.list, t, area, focused);
}

/* "the whole organization" or "project NAME", for the detail panel. */
static void resource_reach(const struct tui *t, const struct model_resource *r,
			   char *out, size_t size)
{
	const struct model_project *prj = tui_project(t);

	if (r->project_id == NULL)
		snprintf(out, size, "the whole organization");
	else if (prj != NULL && strcmp(prj->id, r->project_id) == 0)
		snprintf(out, size, "project %s", prj->name);
	else
		snprintf(out, size, "project %s", r->project_id);
}

void resource_detail(struct resource_tab *rt, struct tui *t, struct rect r)
{
	const struct model_resource *sel = resource_selected(rt);
	const struct model_resource *res;
	char reach[160], created[32], updated[32];
	int y = r.y;

	resource_follow(rt);
	if (sel == NULL)
		return;
	res = rt->shown != NULL ? rt->shown : sel;
	resource_reach(t, res, reach, sizeof(reach));
	text_time(created, res->created_at);
	text_time(updated, res->updated_at);

	table_field(r, &y, "Name", res->name);
	rt->desc->detail(t, r, &y, res, rt->shown != NULL);
	table_field(r, &y, "Reaches", reach);
	table_field(r, &y, "Updated", updated);
	table_field(r, &y, "Created", created);
	table_field(r, &y, "Id", res->id);
}

bool resource_key(struct resource_tab *rt, struct tui *t, int key)
{
	bool used;

	if (!rt->pager.ready || !resource_allowed(t, rt->desc->list))
		return false;
	used = list_key(&rt->pager.list, t, key);
	resource_follow(rt);
	return used;
}

void resource_click(struct resource_tab *rt, struct tui *t, int y, int x)
{
	(void)x;
	rt->pager.t = t;
	if (!resource_allowed(t, rt->desc->list))
		return;
	pager_click(&rt->pager, y);
	resource_follow(rt);
}

void resource_cancel(struct resource_tab *rt, struct tui *t)
{
	(void)t;
	pager_cancel(&rt->pager);
	rt->reading = 0;
	rt->for_edit = false;
}

void resource_close(struct resource_tab *rt, struct tui *t)
{
	(void)t;
	resource_forget(rt);
	pager_release(&rt->pager);
}

/* ---- details ---- */

static void resource_read_done(struct api_result *res)
{
	struct resource_tab *rt = res->user;
	struct tui *t = rt->pager.t;
	char doing[64];

	if (res->id != rt->reading)
		return;
	rt->reading = 0;
	if (res->error.kind != API_ERR_NONE) {
		snprintf(doing, sizeof(doing), "read the %s", rt->desc->one);
		tui_api_error(t, doing, res);
		rt->for_edit = false;
		return;
	}
	resource_forget(rt);
	rt->shown = api_result_take(res);
	rt->revealed = rt->desc->kind == MODEL_SECRET && !rt->for_edit;
	resource_follow(rt);
	tui_dirty(t);
	if (rt->for_edit && rt->shown != NULL)
		resform_edit_open(rt, t, rt->shown);
	rt->for_edit = false;
}

/* Starts reading the details of the selected row; @for_edit opens the
 * edit form with them.  Returns false when nothing is selected. */
static bool resource_fetch(struct resource_tab *rt, struct tui *t,
			   bool for_edit)
{
	const struct model_resource *sel = resource_selected(rt);
	struct api_req req = { .done = resource_read_done,
			       .user = rt,
			       .slot = "res:read" };

	if (sel == NULL)
		return false;
	rt->pager.t = t;
	rt->for_edit = for_edit;
	rt->reading = tui_track(
		t, api_resource_get(tui_api(t), &req, rt->desc->kind, sel->id));
	return true;
}

void resource_read(struct resource_tab *rt, struct tui *t)
{
	const struct model_resource *sel = resource_selected(rt);

	if (sel == NULL) {
		tui_status(t, STATUS_WARN, "Select a %s first", rt->desc->one);
		return;
	}
	if (rt->revealed) {
		resource_forget(rt);
		tui_status(t, STATUS_INFO, "The value of %s is hidden again",
			   sel->name);
		return;
	}
	resource_fetch(rt, t, false);
}

bool resource_fetch_for_edit(struct resource_tab *rt, struct tui *t)
{
	return resource_fetch(rt, t, true);
}
