/* SPDX-License-Identifier: MIT */
/*
 * The Activity tab: the audit log of the open organization or project,
 * newest first, read page by page as the list scrolls.  It can be narrowed
 * to one actor, one action and, in the organization, one project; the
 * server does the filtering.  The organization's members are read along
 * with the first page, so that the actor filter also offers people who
 * have not acted in the rows loaded.  Events never carry a secret: the
 * server writes "[redacted]" in their place.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgdeck/log.h"

#include "activity_filter.h"
#include "draw.h"
#include "pager.h"
#include "pane.h"
#include "table.h"
#include "text.h"
#include "theme.h"

struct tab_activity {
	struct pager pager;
	enum scope scope;
	char parent[ACTIVITY_ID_MAX]; /* the org or project shown */
	bool allowed;		      /* the caller may read activity here */
	struct activity_filter filter;
	struct model_page *members; /* the organization's; NULL until read */
	unsigned long members_req;  /* the read in flight, 0 when none */
};

static struct tab_activity act;

static const struct table_col activity_cols[] = {
	{ "When", 24, false }, { "Who", 22, false },  { "Action", 28, false },
	{ "What", 28, false }, { "Where", 18, true },
};

#define ACTIVITY_COLS (sizeof(activity_cols) / sizeof(*activity_cols))

static unsigned long activity_load(struct pager *p, struct api *api,
				   const struct api_req *req,
				   const struct api_query *query)
{
	struct api_query q = *query;

	(void)p;
	q.actor = act.filter.actor[0] ? act.filter.actor : NULL;
	q.action = act.filter.action[0] ? act.filter.action : NULL;
	q.project = act.filter.project[0] ? act.filter.project : NULL;
	return api_events_list(api, req, act.scope, act.parent, &q);
}

static const char *activity_id(const void *row)
{
	return ((const struct model_event *)row)->id;
}

/* The text the local filter matches: who, what and to whom. */
static const char *activity_text(void *ctx, size_t row)
{
	static char text[600];
	const struct model_event *e = pager_item(ctx, row);

	if (e == NULL)
		return NULL;
	snprintf(text, sizeof(text), "%s %s %s", e->actor.name, e->action,
		 e->target.name);
	return text;
}

/* Where an event happened: its project's name when known. */
static const char *activity_where(const struct tui *t,
				  const struct model_event *e)
{
	const struct model_page *page = tui_projects(t);
	size_t i;

	if (e->project_id == NULL)
		return "organization";
	for (i = 0; page != NULL && i < page->count; i++) {
		const struct model_project *p = page->items[i];

		if (strcmp(p->id, e->project_id) == 0)
			return p->name;
	}
	return e->project_id;
}

static void activity_draw_row(void *ctx, size_t row, int y, int x, int w,
			      bool selected, bool focused)
{
	const struct model_event *e = pager_item(ctx, row);
	const struct pager *p = ctx;
	char when[32];
	const char *cells[ACTIVITY_COLS];
	struct tm tm;
	time_t at;

	if (e == NULL)
		return;
	at = e->created_at;
	when[0] = '\0';
	if (gmtime_r(&at, &tm) != NULL)
		strftime(when, sizeof(when),
			 w < TABLE_NARROW ? "%m-%d %H:%M" : "%Y-%m-%d %H:%M",
			 &tm);
	cells[0] = when;
	cells[1] = e->actor.name;
	cells[2] = e->action;
	cells[3] = e->target.name[0] ? e->target.name : e->target.id;
	cells[4] = activity_where(p->t, e);
	table_row(y, x, w, activity_cols, cells,
		  act.scope == SCOPE_ORG ? ACTIVITY_COLS : ACTIVITY_COLS - 1,
		  table_row_attr(selected, focused),
		  selected ? 0 : theme_attr(THEME_LABEL), 4);
}

static const struct list_ops activity_list_ops = {
	.text = activity_text,
	.draw_row = activity_draw_row,
	.more = pager_list_more,
	.query = pager_list_query,
};

/* ---- the members, for the actor filter ---- */

static void activity_members_done(struct api_result *res)
{
	if (res->id != act.members_req)
		return; /* an older read's, or one Esc cancelled */
	act.members_req = 0;
	if (res->error.kind != API_ERR_NONE) {
		/* The filter then offers the actors seen, as it can. */
		log_info("activity: the members could not be read (HTTP %ld)",
			 res->error.status);
		return;
	}
	model_page_free(&act.members);
	act.members = api_result_take(res);
}

/*
 * Reads the first ACTIVITY_CHOICES_MAX members of @org again.
 * XXX: an organization with more members than that has the rest left out
 * of the actor filter (the 'a' key still filters by the selected row's).
 */
static void activity_members_load(struct tui *t, const struct model_org *org)
{
	struct api_query q = { .limit = ACTIVITY_CHOICES_MAX };
	struct api_req req = { .done = activity_members_done,
			       .slot = "activity:members" };

	model_page_free(&act.members);
	act.members_req =
		tui_track(t, api_members_list(tui_api(t), &req, org->id, &q));
}

/* ---- opening and drawing ---- */

static void tab_activity_open(struct tui *t)
{
	const struct model_project *prj = tui_project(t);
	uint64_t actions = prj != NULL ? prj->actions : tui_org(t)->actions;
	const struct pager_spec spec = {
		.ops = &activity_list_ops,
		.empty = "No activity matches.",
		.slot = "activity:list",
		.doing = "read the activity",
		.load = activity_load,
		.id = activity_id,
	};

	pager_init(&act.pager, t, &spec);
	act.scope = prj != NULL ? SCOPE_PROJECT : SCOPE_ORG;
	snprintf(act.parent, sizeof(act.parent), "%s",
		 prj != NULL ? prj->id : tui_org(t)->id);
	memset(&act.filter, 0, sizeof(act.filter));
	act.allowed = model_actions_has(actions, PERM_ACTIVITY_LIST);
	if (act.allowed) {
		activity_members_load(t, tui_org(t));
		pager_reset(&act.pager);
		return;
	}
	model_page_free(&act.pager.page);
	list_set_count(&act.pager.list, 0, false);
}

/* Says which filters are on, on the line at @y. */
static void activity_draw_filter(struct rect r)
{
	char line[400];

	activity_filter_describe(&act.filter, line, sizeof(line));
	draw_fill((struct rect){ r.y, r.x, 1, r.w }, theme_attr(THEME_NORMAL));
	draw_text(r.y, r.x + 1, r.w - 2, line, theme_attr(THEME_ACCENT));
}

static void tab_activity_draw(struct tui *t, struct rect area, bool focused)
{
	act.pager.t = t;
	if (!act.pager.ready || area.h < 3)
		return;
	if (!act.allowed) {
		table_refused(t, area, PERM_ACTIVITY_LIST, "the activity");
		return;
	}
	if (activity_filter_active(&act.filter)) {
		activity_draw_filter(area);
		area.y++;
		area.h--;
	}
	table_header(area, activity_cols,
		     act.scope == SCOPE_ORG ? ACTIVITY_COLS
					    : ACTIVITY_COLS - 1);
	area.y++;
	area.h--;
	list_draw(&act.pager.list, t, area, focused);
}

static void activity_ref(char *out, size_t size, const struct model_ref *ref)
{
	snprintf(out, size, "%s (%s %s)", ref->name[0] ? ref->name : ref->id,
		 ref->type, ref->id);
}

static void tab_activity_detail(struct tui *t, struct rect r)
{
	const struct model_event *e = pager_selected(&act.pager);
	char when[32], who[300], what[300];
	int y = r.y;

	if (e == NULL || !act.allowed)
		return;
	text_time(when, e->created_at);
	activity_ref(who, sizeof(who), &e->actor);
	activity_ref(what, sizeof(what), &e->target);

	table_field(r, &y, "When", when);
	table_field(r, &y, "Who", who);
	table_field(r, &y, "Did", e->action);
	table_field(r, &y, "To", what);
	table_field(r, &y, "Where", activity_where(t, e));
	if (e->before != NULL)
		table_field_wrap(r, &y, "Before", e->before, 2);
	if (e->after != NULL)
		table_field_wrap(r, &y, "After", e->after, 2);
	table_field(r, &y, "Request", e->request_id);
}

static bool tab_activity_key(struct tui *t, int key)
{
	return act.pager.ready && act.allowed &&
	       list_key(&act.pager.list, t, key);
}

static void tab_activity_click(struct tui *t, int y, int x)
{
	(void)x;
	act.pager.t = t;
	if (act.allowed)
		pager_click(&act.pager, y);
}

static void tab_activity_cancel(struct tui *t)
{
	(void)t;
	pager_cancel(&act.pager);
	act.members_req = 0;
}

static void tab_activity_close(struct tui *t)
{
	(void)t;
	pager_release(&act.pager);
	model_page_free(&act.members);
	act.members_req = 0;
}

/* ---- filters ---- */

static void activity_apply(struct tui *t, const struct activity_filter *f,
			   void *ctx)
{
	(void)ctx;
	act.filter = *f;
	act.pager.t = t;
	pager_restart(&act.pager);
}

static void activity_do_filter(struct tui *t, const char *arg)
{
	activity_filter_open(t, &act.filter, act.pager.page, act.members,
			     act.scope == SCOPE_ORG, arg, activity_apply, NULL);
}

/* Shows only what the selected row's actor did, or everyone again. */
static void activity_do_actor(struct tui *t, const char *arg)
{
	const struct model_event *e = pager_selected(&act.pager);
	struct activity_filter f = act.filter;

	(void)arg;
	if (f.actor[0] != '\0') {
		f.actor[0] = '\0';
		f.actor_name[0] = '\0';
	} else if (e != NULL) {
		snprintf(f.actor, sizeof(f.actor), "%s", e->actor.id);
		snprintf(f.actor_name, sizeof(f.actor_name), "%s",
			 e->actor.name);
	} else {
		tui_status(t, STATUS_WARN, "Select an event first");
		return;
	}
	activity_apply(t, &f, NULL);
}

static void activity_do_clear(struct tui *t, const char *arg)
{
	struct activity_filter none;

	(void)arg;
	memset(&none, 0, sizeof(none));
	activity_apply(t, &none, NULL);
}

static const struct action tab_activity_actions[] = {
	{ .key = 'f',
	  .keyname = "f",
	  .label = "Filter",
	  .what = "filter the activity",
	  .command = "activity-filter",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_ACTIVITY_LIST,
	  .arg = ARG_TEXT,
	  .run = activity_do_filter },
	{ .key = 'a',
	  .keyname = "a",
	  .label = "This actor",
	  .what = "filter the activity",
	  .command = "activity-actor",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_ACTIVITY_LIST,
	  .run = activity_do_actor },
	{ .key = 'c',
	  .keyname = "c",
	  .label = "Clear filter",
	  .what = "filter the activity",
	  .command = "activity-clear",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_ACTIVITY_LIST,
	  .run = activity_do_clear },
	{ 0 },
};

const struct pane_ops tab_activity_ops = {
	.title = "Activity",
	.actions = tab_activity_actions,
	.open = tab_activity_open,
	.draw = tab_activity_draw,
	.detail = tab_activity_detail,
	.key = tab_activity_key,
	.click = tab_activity_click,
	.cancel = tab_activity_cancel,
	.close = tab_activity_close,
};
