/* SPDX-License-Identifier: MIT */
/*
 * The Organizations pane: the caller's organizations, personal space
 * first.  The organization under the cursor is the one the rest of the
 * screen shows.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "draw.h"
#include "invites_me.h"
#include "list.h"
#include "org_edit.h"
#include "pane.h"
#include "theme.h"

struct pane_orgs {
	struct list list;
	struct tui *t;
	bool ready;
};

static struct pane_orgs orgs;

static const struct model_org *pane_orgs_row(size_t row)
{
	const struct model_me *me = tui_me(orgs.t);

	if (me == NULL || row >= me->org_count)
		return NULL;
	return me->orgs[row];
}

static const char *pane_orgs_text(void *ctx, size_t row)
{
	const struct model_org *org = pane_orgs_row(row);

	(void)ctx;
	return org != NULL ? org->name : NULL;
}

static void pane_orgs_draw_row(void *ctx, size_t row, int y, int x, int w,
			       bool selected, bool focused)
{
	const struct model_org *org = pane_orgs_row(row);
	attr_t base = selected ? theme_attr(focused ? THEME_SELECTED
						    : THEME_SELECTED_IDLE)
			       : theme_attr(THEME_NORMAL);
	const char *role;
	int rw;

	(void)ctx;
	if (org == NULL)
		return;
	role = org->kind == MODEL_ORG_PERSONAL ? "you" : role_label(org->role);
	rw = draw_width(role);
	draw_fill((struct rect){ y, x, 1, w }, base);
	draw_text(y, x + 1, w - rw - 3, org->name, base);
	draw_text(y, x + w - rw - 1, rw, role,
		  base | (selected ? 0 : theme_attr(THEME_LABEL)));
}

static const struct list_ops pane_orgs_list_ops = {
	.text = pane_orgs_text,
	.draw_row = pane_orgs_draw_row,
};

/* Moves the cursor to the open organization. */
static void pane_orgs_follow(struct tui *t)
{
	const struct model_me *me = tui_me(t);
	size_t i;

	for (i = 0; me != NULL && i < me->org_count; i++)
		if (strcmp(me->orgs[i]->id, t->org_id) == 0)
			list_select(&orgs.list, i);
}

static void pane_orgs_open(struct tui *t)
{
	const struct model_me *me = tui_me(t);

	orgs.t = t;
	if (!orgs.ready) {
		list_init(&orgs.list, &pane_orgs_list_ops, NULL,
			  "No organization.");
		orgs.ready = true;
	}
	list_set_count(&orgs.list, me != NULL ? me->org_count : 0, false);
	orgs.list.loading = me == NULL;
	pane_orgs_follow(t);
}

static void pane_orgs_draw(struct tui *t, struct rect area, bool focused)
{
	if (!orgs.ready)
		pane_orgs_open(t);
	list_draw(&orgs.list, t, area, focused);
}

/* The cursor moved: open the organization now under it. */
static void pane_orgs_moved(struct tui *t)
{
	size_t row;
	const struct model_org *org;

	if (!list_selected(&orgs.list, &row))
		return;
	org = pane_orgs_row(row);
	if (org != NULL)
		session_select_org(t, org->id);
}

static bool pane_orgs_key(struct tui *t, int key)
{
	if (!orgs.ready)
		return false;
	if (list_key(&orgs.list, t, key)) {
		pane_orgs_moved(t);
		return true;
	}
	if (key != TK_ENTER)
		return false;
	app_focus(t, FOCUS_MAIN);
	return true;
}

static void pane_orgs_click(struct tui *t, int y, int x)
{
	(void)x;
	if (orgs.ready && list_click(&orgs.list, y))
		pane_orgs_moved(t);
}

void pane_orgs_select(struct tui *t, const char *name)
{
	const struct model_me *me = tui_me(t);
	size_t i;

	for (i = 0; me != NULL && i < me->org_count; i++) {
		const struct model_org *org = me->orgs[i];

		if (strcasecmp(org->name, name) == 0 ||
		    strcmp(org->id, name) == 0) {
			session_select_org(t, org->id);
			list_select(&orgs.list, i);
			return;
		}
	}
	tui_status(t, STATUS_ERROR, "No organization called \"%s\"", name);
}

static void pane_orgs_cancel(struct tui *t)
{
	(void)t;
	list_cancel(&orgs.list);
}

static void pane_orgs_close(struct tui *t)
{
	(void)t;
	list_release(&orgs.list);
	orgs.ready = false;
}

static const struct action pane_orgs_actions[] = {
	{ .key = 'n',
	  .keyname = "n",
	  .label = "New",
	  .what = "create organizations",
	  .command = "org-new",
	  .write = true,
	  .run = org_edit_create },
	{ .key = 'r',
	  .keyname = "r",
	  .label = "Rename",
	  .what = "rename the organization",
	  .command = "org-rename",
	  .scope = ACTION_ORG,
	  .perm = PERM_ORG_UPDATE,
	  .write = true,
	  .run = org_edit_rename },
	{ .key = 'T',
	  .keyname = "T",
	  .label = "Transfer",
	  .what = "transfer ownership",
	  .command = "org-transfer",
	  .scope = ACTION_ORG,
	  .perm = PERM_ORG_TRANSFER,
	  .write = true,
	  .run = org_edit_transfer },
	{ .key = 'D',
	  .keyname = "D",
	  .label = "Delete",
	  .what = "delete the organization",
	  .command = "org-delete",
	  .scope = ACTION_ORG,
	  .perm = PERM_ORG_DELETE,
	  .write = true,
	  .run = org_edit_delete },
	{ .key = 'L',
	  .keyname = "L",
	  .label = "Leave",
	  .what = "leave the organization",
	  .command = "org-leave",
	  .write = true,
	  .run = org_edit_leave },
	{ .key = 'I',
	  .keyname = "I",
	  .label = "Invitations",
	  .what = "see your invitations",
	  .command = "invitations",
	  .run = invites_me_open },
	{ 0 },
};

const struct pane_ops pane_orgs_ops = {
	.title = "Organizations",
	.actions = pane_orgs_actions,
	.open = pane_orgs_open,
	.draw = pane_orgs_draw,
	.key = pane_orgs_key,
	.click = pane_orgs_click,
	.cancel = pane_orgs_cancel,
	.close = pane_orgs_close,
};
