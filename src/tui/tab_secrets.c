/* SPDX-License-Identifier: MIT */
/*
 * The Secrets tab: named values such as DATABASE_URL.  A value is never
 * in the list; it is read only when revealed, by those who hold
 * secret.read, and its cells never reach a script dump.  A Member may
 * create a secret but never read it back.  The pane itself is resource.c.
 */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "pane.h"
#include "resource.h"
#include "theme.h"

static const struct table_col secrets_cols[] = {
	{ "Name", 50, false },
	{ "Value", 22, false },
	{ "Updated", 28, false },
};

static const struct resource_field secrets_fields[] = {
	{ .slot = RESOURCE_NAME, .label = "Name" },
	{ .slot = RESOURCE_VALUE, .label = "Value" },
};

static void secrets_cells(const struct model_resource *r, const char **cells,
			  char (*buf)[RESOURCE_CELL_MAX])
{
	table_date(buf[0], r->updated_at, "");
	cells[0] = r->name;
	cells[1] = "hidden";
	cells[2] = buf[0];
}

/* Draws the first line of a revealed value, its cells marked secret.
 * XXX: as for a shown key (keyshown.c), curses keeps copies of the
 * characters drawn that orgdeck cannot wipe. */
static void secrets_value(struct tui *t, struct rect r, int *y,
			  const char *value)
{
	int x = r.x + 14, w = r.w - 15;
	size_t len = strcspn(value, "\r\n");
	int shown;

	if (*y >= r.y + r.h || w <= 0)
		return;
	draw_text(*y, r.x + 1, 12, "Value", theme_attr(THEME_LABEL));
	shown = draw_textn(*y, x, w, value, len, theme_attr(THEME_ACCENT));
	tui_mark_secret(t, *y, x, shown > 0 ? shown : 1);
	(*y)++;
}

/* Why the value is not shown, or how to show it. */
static const char *secrets_hidden(struct tui *t)
{
	enum scope scope = tui_scope(t);
	const struct model_project *prj = tui_project(t);
	uint64_t actions = prj != NULL ? prj->actions : tui_org(t)->actions;
	static char why[160];

	if (model_actions_has(actions, PERM_SECRET_READ))
		return "hidden (v reveals it)";
	snprintf(why, sizeof(why), "hidden: %ss cannot read secret values",
		 role_label(tui_role(t, scope)));
	return why;
}

static void secrets_lines(struct tui *t, struct rect r, int *y,
			  const struct model_resource *res, bool details)
{
	if (details && res->value != NULL)
		secrets_value(t, r, y, res->value);
	else
		table_field(r, y, "Value", secrets_hidden(t));
}

static const struct resource_desc secrets_desc = {
	.kind = MODEL_SECRET,
	.one = "secret",
	.many = "secrets",
	.list = PERM_SECRET_LIST,
	.read = PERM_SECRET_READ,
	.cols = secrets_cols,
	.n_cols = sizeof(secrets_cols) / sizeof(*secrets_cols),
	.cells = secrets_cells,
	.detail = secrets_lines,
	.fields = secrets_fields,
	.n_fields = sizeof(secrets_fields) / sizeof(*secrets_fields),
};

static struct resource_tab secrets = { .desc = &secrets_desc };

RESOURCE_TAB_FUNCTIONS(secrets, secrets)

static const struct action secrets_actions[] = {
	{ .key = 'n',
	  .keyname = "n",
	  .label = "New",
	  .what = "create secrets",
	  .command = "secret-new",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_SECRET_CREATE,
	  .write = true,
	  .run = secrets_new },
	{ .key = 'v',
	  .keyname = "v",
	  .label = "Reveal",
	  .what = "reveal secret values",
	  .command = "secret-reveal",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_SECRET_READ,
	  .run = secrets_read },
	{ .key = 'e',
	  .keyname = "e",
	  .label = "Edit",
	  .what = "edit secrets",
	  .command = "secret-edit",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_SECRET_UPDATE,
	  .write = true,
	  .run = secrets_edit },
	{ .key = 'x',
	  .keyname = "x",
	  .label = "Delete",
	  .what = "delete secrets",
	  .command = "secret-delete",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_SECRET_DELETE,
	  .write = true,
	  .run = secrets_delete },
	{ 0 },
};

const struct pane_ops tab_secrets_ops = {
	.title = "Secrets",
	.actions = secrets_actions,
	.open = secrets_open,
	.draw = secrets_draw,
	.detail = secrets_detail,
	.key = secrets_key,
	.click = secrets_click,
	.cancel = secrets_cancel,
	.close = secrets_close,
};
