/* SPDX-License-Identifier: MIT */
/*
 * The AuthKit tab: sign-in configurations for one's own users, each with
 * its identity providers, the redirect URIs allowed after sign-in, and a
 * JSON object of settings.  The pane itself is resource.c.
 */
#include <stdio.h>
#include <string.h>

#include "pane.h"
#include "resource.h"

static const struct table_col authkit_cols[] = {
	{ "Name", 30, false },
	{ "Providers", 30, false },
	{ "Redirect URIs", 40, false },
};

static const struct resource_field authkit_fields[] = {
	{ .slot = RESOURCE_NAME, .label = "Name" },
	{ .slot = RESOURCE_REDIRECTS,
	  .label = "Redirect URIs",
	  .check = resform_check_uri,
	  .optional = true,
	  .rows = 3 },
	{ .slot = RESOURCE_PROVIDERS,
	  .label = "Providers",
	  .check = resform_check_provider,
	  .optional = true,
	  .rows = 2 },
	{ .slot = RESOURCE_CONFIG,
	  .label = "Settings (JSON)",
	  .check = resform_check_json,
	  .optional = true },
};

/* Writes @items joined with ", " into @out. */
static void authkit_join(char *out, size_t size, char *const *items)
{
	size_t used = 0, i;

	out[0] = '\0';
	for (i = 0; items[i] != NULL && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 i ? ", " : "", items[i]);
}

static void authkit_cells(const struct model_resource *r, const char **cells,
			  char (*buf)[RESOURCE_CELL_MAX])
{
	authkit_join(buf[0], RESOURCE_CELL_MAX, r->providers);
	authkit_join(buf[1], RESOURCE_CELL_MAX, r->redirect_uris);
	cells[0] = r->name;
	cells[1] = buf[0];
	cells[2] = buf[1];
}

static void authkit_lines(struct tui *t, struct rect r, int *y,
			  const struct model_resource *res, bool details)
{
	char text[1024];

	(void)t;
	authkit_join(text, sizeof(text), res->providers);
	table_field(r, y, "Providers", text[0] ? text : "none");
	authkit_join(text, sizeof(text), res->redirect_uris);
	table_field_wrap(r, y, "Redirects", text[0] ? text : "none", 2);
	if (details)
		table_field_wrap(r, y, "Settings",
				 res->config != NULL ? res->config : "{}", 2);
	else
		table_field(r, y, "Settings", "not read (Enter shows them)");
}

static const struct resource_desc authkit_desc = {
	.kind = MODEL_AUTHKIT,
	.one = "AuthKit configuration",
	.many = "AuthKit configurations",
	.list = PERM_AUTHKIT_LIST,
	.read = PERM_AUTHKIT_READ,
	.cols = authkit_cols,
	.n_cols = sizeof(authkit_cols) / sizeof(*authkit_cols),
	.cells = authkit_cells,
	.detail = authkit_lines,
	.fields = authkit_fields,
	.n_fields = sizeof(authkit_fields) / sizeof(*authkit_fields),
};

static struct resource_tab authkit = { .desc = &authkit_desc };

RESOURCE_TAB_FUNCTIONS(authkit, authkit)

static const struct action authkit_actions[] = {
	{ .key = 'n',
	  .keyname = "n",
	  .label = "New",
	  .what = "create AuthKit configurations",
	  .command = "authkit-new",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_AUTHKIT_CREATE,
	  .write = true,
	  .run = authkit_new },
	{ .key = TK_ENTER,
	  .keyname = "Enter",
	  .label = "Details",
	  .what = "read AuthKit configurations",
	  .command = "authkit-read",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_AUTHKIT_READ,
	  .run = authkit_read },
	{ .key = 'e',
	  .keyname = "e",
	  .label = "Edit",
	  .what = "edit AuthKit configurations",
	  .command = "authkit-edit",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_AUTHKIT_UPDATE,
	  .write = true,
	  .run = authkit_edit },
	{ .key = 'x',
	  .keyname = "x",
	  .label = "Delete",
	  .what = "delete AuthKit configurations",
	  .command = "authkit-delete",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_AUTHKIT_DELETE,
	  .write = true,
	  .run = authkit_delete },
	{ 0 },
};

const struct pane_ops tab_authkit_ops = {
	.title = "AuthKit",
	.actions = authkit_actions,
	.open = authkit_open,
	.draw = authkit_draw,
	.detail = authkit_detail,
	.key = authkit_key,
	.click = authkit_click,
	.cancel = authkit_cancel,
	.close = authkit_close,
};
