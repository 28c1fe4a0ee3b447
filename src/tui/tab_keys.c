/* SPDX-License-Identifier: MIT */
/*
 * The API Keys tab: each key's name, redacted value, role, status, creator,
 * last use and expiry, read page by page as the list scrolls.  A key's
 * secret never appears here: only the shown-once dialog has it.
 */
#include "tab_keys.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "key_edit.h"
#include "pager.h"
#include "pane.h"
#include "table.h"
#include "text.h"
#include "theme.h"

#define KEYS_ID_MAX 80

struct tab_keys {
	struct pager pager;
	enum scope scope;
	char parent[KEYS_ID_MAX]; /* the org or project shown */
	bool allowed;		  /* the caller may list keys here */
};

static struct tab_keys keys;

static const struct table_col keys_cols[] = {
	{ "Name", 19, false },	    { "Key", 20, false },
	{ "Role", 10, false },	    { "Status", 10, false },
	{ "Created by", 15, true }, { "Last used", 13, true },
	{ "Expires", 13, true },
};

#define KEYS_COLS (sizeof(keys_cols) / sizeof(*keys_cols))

const struct model_key *tab_keys_selected(void)
{
	return pager_selected(&keys.pager);
}

void tab_keys_replace(struct model_key *key)
{
	pager_replace(&keys.pager, MODEL_KEY, key);
}

void tab_keys_reload(struct tui *t)
{
	keys.pager.t = t;
	if (keys.allowed)
		pager_restart(&keys.pager);
}

static unsigned long keys_load(struct pager *p, struct api *api,
			       const struct api_req *req,
			       const struct api_query *query)
{
	(void)p;
	return api_keys_list(api, req, keys.scope, keys.parent, query);
}

static const char *keys_id(const void *row)
{
	return ((const struct model_key *)row)->id;
}

/* The name of whoever made @k: the name, else the email. */
static const char *keys_creator(const struct model_key *k)
{
	return k->created_by.name[0] != '\0' ? k->created_by.name
					     : k->created_by.email;
}

static const char *keys_text(void *ctx, size_t row)
{
	const struct model_key *k = pager_item(ctx, row);

	return k != NULL ? k->name : NULL;
}

static void keys_draw_row(void *ctx, size_t row, int y, int x, int w,
			  bool selected, bool focused)
{
	const struct model_key *k = pager_item(ctx, row);
	char used[TABLE_DATE_SIZE], expires[TABLE_DATE_SIZE];
	const char *cells[KEYS_COLS];
	bool live;

	if (k == NULL)
		return;
	live = k->status == MODEL_KEY_ACTIVE;
	table_date(used, k->last_used_at, "never");
	table_date(expires, k->expires_at, "never");
	cells[0] = k->name;
	cells[1] = k->redacted;
	cells[2] = role_label(k->role);
	cells[3] = model_key_status_name(k->status);
	cells[4] = keys_creator(k);
	cells[5] = used;
	cells[6] = expires;
	table_row(y, x, w, keys_cols, cells, KEYS_COLS,
		  table_row_attr(selected, focused),
		  selected ? 0 : theme_attr(THEME_LABEL), live ? 4 : 0);
}

static const struct list_ops keys_list_ops = {
	.text = keys_text,
	.draw_row = keys_draw_row,
	.more = pager_list_more,
	.query = pager_list_query,
};

static void tab_keys_open(struct tui *t)
{
	const struct model_project *prj = tui_project(t);
	uint64_t actions = prj != NULL ? prj->actions : tui_org(t)->actions;
	const struct pager_spec spec = {
		.ops = &keys_list_ops,
		.empty = "No API key here. Press n to make one.",
		.slot = "keys:list",
		.doing = "list the API keys",
		.load = keys_load,
		.id = keys_id,
	};

	pager_init(&keys.pager, t, &spec);
	keys.scope = prj != NULL ? SCOPE_PROJECT : SCOPE_ORG;
	snprintf(keys.parent, sizeof(keys.parent), "%s",
		 prj != NULL ? prj->id : tui_org(t)->id);
	keys.allowed = model_actions_has(actions, PERM_KEY_LIST);
	if (keys.allowed) {
		pager_reset(&keys.pager);
		return;
	}
	model_page_free(&keys.pager.page);
	list_set_count(&keys.pager.list, 0, false);
}

static void tab_keys_draw(struct tui *t, struct rect area, bool focused)
{
	keys.pager.t = t;
	if (!keys.pager.ready || area.h < 2)
		return;
	if (!keys.allowed) {
		table_refused(t, area, PERM_KEY_LIST, "the API keys");
		return;
	}
	table_header(area, keys_cols, KEYS_COLS);
	area.y++;
	area.h--;
	list_draw(&keys.pager.list, t, area, focused);
}

static void keys_detail_scope(const struct tui *t, const struct model_key *k,
			      char *out, size_t size)
{
	const struct model_project *prj = tui_project(t);

	if (k->scope == SCOPE_ORG)
		snprintf(out, size, "the whole organization");
	else if (prj != NULL && strcmp(prj->id, k->project_id) == 0)
		snprintf(out, size, "project %s", prj->name);
	else
		snprintf(out, size, "project %s", k->project_id);
}

static void tab_keys_detail(struct tui *t, struct rect r)
{
	const struct model_key *k = tab_keys_selected();
	char scope[160], made[160], when[32], used[96], expires[32];
	int y = r.y;

	if (k == NULL || !keys.allowed)
		return;
	keys_detail_scope(t, k, scope, sizeof(scope));
	text_time(when, k->created_at);
	snprintf(made, sizeof(made), "%s by %s", when, keys_creator(k));
	text_time(when, k->last_used_at);
	snprintf(used, sizeof(used), "%s (%ld use%s)", when, k->use_count,
		 k->use_count == 1 ? "" : "s");
	text_time(expires, k->expires_at);

	table_field(r, &y, "Name", k->name);
	table_field(r, &y, "Key", k->redacted);
	table_field(r, &y, "Reaches", scope);
	table_field(r, &y, "Role", role_label(k->role));
	table_field(r, &y, "Status", model_key_status_name(k->status));
	table_field(r, &y, "Created", made);
	table_field(r, &y, "Last used", used);
	table_field(r, &y, "Expires", expires);
	table_field(r, &y, "Id", k->id);
}

static bool tab_keys_key(struct tui *t, int key)
{
	return keys.pager.ready && keys.allowed &&
	       list_key(&keys.pager.list, t, key);
}

static void tab_keys_click(struct tui *t, int y, int x)
{
	(void)x;
	keys.pager.t = t;
	if (keys.allowed)
		pager_click(&keys.pager, y);
}

static void tab_keys_cancel(struct tui *t)
{
	(void)t;
	pager_cancel(&keys.pager);
}

static void tab_keys_close(struct tui *t)
{
	(void)t;
	pager_release(&keys.pager);
}

static const struct action tab_keys_actions[] = {
	{ .key = 'n',
	  .keyname = "n",
	  .label = "New key",
	  .what = "create API keys",
	  .command = "key-new",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_KEY_CREATE,
	  .write = true,
	  .run = key_edit_create },
	{ .key = 'e',
	  .keyname = "e",
	  .label = "Rename",
	  .what = "rename API keys",
	  .command = "key-rename",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_KEY_UPDATE,
	  .write = true,
	  .run = key_edit_rename },
	{ .key = 'r',
	  .keyname = "r",
	  .label = "Rotate",
	  .what = "rotate API keys",
	  .command = "key-rotate",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_KEY_ROTATE,
	  .write = true,
	  .run = key_edit_rotate },
	{ .key = 'x',
	  .keyname = "x",
	  .label = "Revoke",
	  .what = "revoke API keys",
	  .command = "key-revoke",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_KEY_REVOKE,
	  .write = true,
	  .run = key_edit_revoke },
	{ 0 },
};

const struct pane_ops tab_keys_ops = {
	.title = "API Keys",
	.short_title = "Keys",
	.actions = tab_keys_actions,
	.open = tab_keys_open,
	.draw = tab_keys_draw,
	.detail = tab_keys_detail,
	.key = tab_keys_key,
	.click = tab_keys_click,
	.cancel = tab_keys_cancel,
	.close = tab_keys_close,
};
