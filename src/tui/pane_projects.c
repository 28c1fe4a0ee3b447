/* SPDX-License-Identifier: MIT */
/*
 * The Projects pane: the open organization's projects the caller has a
 * role in.  Its first row stands for the organization itself; choosing a
 * project makes the tabs show that project.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "draw.h"
#include "list.h"
#include "pane.h"
#include "project_edit.h"
#include "theme.h"

struct pane_projects {
	struct list list;
	struct tui *t;
	bool ready;
	char whole[128]; /* the first row's text */
	char org[80];	 /* the organization the rows are of */
};

static struct pane_projects prjs;

/* The project on @row, or NULL for the organization row. */
static const struct model_project *pane_projects_row(size_t row)
{
	const struct model_page *page = tui_projects(prjs.t);

	if (row == 0 || page == NULL || row - 1 >= page->count)
		return NULL;
	return page->items[row - 1];
}

static const char *pane_projects_text(void *ctx, size_t row)
{
	const struct model_project *p = pane_projects_row(row);

	(void)ctx;
	return p != NULL ? p->name : prjs.whole;
}

static void pane_projects_draw_row(void *ctx, size_t row, int y, int x, int w,
				   bool selected, bool focused)
{
	const struct model_project *p = pane_projects_row(row);
	attr_t base = selected ? theme_attr(focused ? THEME_SELECTED
						    : THEME_SELECTED_IDLE)
			       : theme_attr(THEME_NORMAL);
	const char *role = p != NULL ? role_label(p->role) : "";
	int rw = draw_width(role);

	(void)ctx;
	draw_fill((struct rect){ y, x, 1, w }, base);
	if (p == NULL) {
		draw_text(y, x + 1, w - 2, prjs.whole,
			  base | (selected ? 0 : theme_attr(THEME_LABEL)));
		return;
	}
	draw_text(y, x + 1, w - rw - 3, p->name, base);
	draw_text(y, x + w - rw - 1, rw, role,
		  base | (selected ? 0 : theme_attr(THEME_LABEL)));
}

static void pane_projects_more(void *ctx)
{
	(void)ctx;
	session_more_projects(prjs.t);
}

static void pane_projects_query(void *ctx, const char *q)
{
	(void)ctx;
	session_query_projects(prjs.t, q);
}

static const struct list_ops pane_projects_list_ops = {
	.text = pane_projects_text,
	.draw_row = pane_projects_draw_row,
	.more = pane_projects_more,
	.query = pane_projects_query,
};

static void pane_projects_follow(struct tui *t)
{
	const struct model_page *page = tui_projects(t);
	size_t i;

	if (t->project_id[0] == '\0') {
		list_select(&prjs.list, 0);
		return;
	}
	for (i = 0; page != NULL && i < page->count; i++) {
		const struct model_project *p = page->items[i];

		if (strcmp(p->id, t->project_id) == 0)
			list_select(&prjs.list, i + 1);
	}
}

/* The selection moved: the tabs show the project selected. */
static void pane_projects_moved(struct tui *t)
{
	const struct model_project *p;
	size_t row;

	if (!list_selected(&prjs.list, &row))
		return;
	p = pane_projects_row(row);
	session_select_project(t, p != NULL ? p->id : "");
}

static void pane_projects_open(struct tui *t)
{
	const struct model_page *page = tui_projects(t);
	const struct model_org *org = tui_org(t);
	bool walking = prjs.list.to_end;

	prjs.t = t;
	if (!prjs.ready) {
		list_init(&prjs.list, &pane_projects_list_ops, NULL,
			  "No project.");
		prjs.ready = true;
	}
	if (org != NULL && strcmp(prjs.org, org->id) != 0) {
		/* Another organization: its own list, unfiltered. */
		snprintf(prjs.org, sizeof(prjs.org), "%s", org->id);
		prjs.list.filter[0] = '\0';
		prjs.list.remote = false;
		prjs.list.editing = false;
		prjs.list.to_end = false;
		walking = false;
	}
	snprintf(prjs.whole, sizeof(prjs.whole), "All of %s",
		 org != NULL ? org->name : "the organization");
	list_set_count(&prjs.list,
		       org != NULL ? 1 + (page ? page->count : 0) : 0,
		       page != NULL && page->has_more);
	prjs.list.loading = t->projects_loading;

	/* While G reads on, the selection stays on the last row; at the end
	 * the tabs show the project it reached. */
	if (!walking)
		pane_projects_follow(t);
	else if (!prjs.list.to_end)
		pane_projects_moved(t);
}

static void pane_projects_draw(struct tui *t, struct rect area, bool focused)
{
	if (!prjs.ready)
		pane_projects_open(t);
	prjs.list.loading = t->projects_loading;
	list_draw(&prjs.list, t, area, focused);
}

static bool pane_projects_key(struct tui *t, int key)
{
	if (!prjs.ready)
		return false;
	if (list_key(&prjs.list, t, key)) {
		pane_projects_moved(t);
		return true;
	}
	if (key != TK_ENTER)
		return false;
	app_focus(t, FOCUS_MAIN);
	return true;
}

static void pane_projects_click(struct tui *t, int y, int x)
{
	(void)x;
	if (prjs.ready && list_click(&prjs.list, y))
		pane_projects_moved(t);
}

void pane_projects_select(struct tui *t, const char *name)
{
	const struct model_page *page = tui_projects(t);
	size_t i;

	if (*name == '\0') {
		session_select_project(t, "");
		list_select(&prjs.list, 0);
		return;
	}
	for (i = 0; page != NULL && i < page->count; i++) {
		const struct model_project *p = page->items[i];

		if (strcasecmp(p->name, name) == 0 ||
		    strcmp(p->id, name) == 0) {
			session_select_project(t, p->id);
			list_select(&prjs.list, i + 1);
			return;
		}
	}
	tui_status(t, STATUS_ERROR, "No project called \"%s\" here", name);
}

/* Esc: G stops on the row it reached, and the tabs show that project. */
static void pane_projects_cancel(struct tui *t)
{
	bool walking = prjs.list.to_end;

	list_cancel(&prjs.list);
	if (walking)
		pane_projects_moved(t);
}

static void pane_projects_close(struct tui *t)
{
	(void)t;
	list_release(&prjs.list);
	prjs.ready = false;
}

/* Project management lives in project_edit.c. */
static const struct action pane_projects_actions[] = {
	{ .key = 'n',
	  .keyname = "n",
	  .label = "New project",
	  .what = "create projects",
	  .command = "project-new",
	  .scope = ACTION_ORG,
	  .perm = PERM_PROJECT_CREATE,
	  .write = true,
	  .arg = ARG_TEXT,
	  .run = project_edit_create },
	{ .key = 'e',
	  .keyname = "e",
	  .label = "Rename",
	  .what = "rename projects",
	  .command = "project-rename",
	  .scope = ACTION_PROJECT,
	  .perm = PERM_PROJECT_UPDATE,
	  .write = true,
	  .arg = ARG_TEXT,
	  .run = project_edit_rename },
	{ .key = 'x',
	  .keyname = "x",
	  .label = "Delete",
	  .what = "delete projects",
	  .command = "project-delete",
	  .scope = ACTION_PROJECT,
	  .perm = PERM_PROJECT_DELETE,
	  .write = true,
	  .run = project_edit_delete },
	{ 0 },
};

const struct pane_ops pane_projects_ops = {
	.title = "Projects",
	.actions = pane_projects_actions,
	.open = pane_projects_open,
	.draw = pane_projects_draw,
	.key = pane_projects_key,
	.click = pane_projects_click,
	.cancel = pane_projects_cancel,
	.close = pane_projects_close,
};
