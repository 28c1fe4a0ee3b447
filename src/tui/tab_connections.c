/* SPDX-License-Identifier: MIT */
/*
 * The Connections tab: links to outside providers (Stripe, GitHub, a
 * database), each with a provider name and a JSON configuration that only
 * those who may read connections see.  The pane itself is resource.c.
 */
#include <stdio.h>

#include "pane.h"
#include "resource.h"

static const struct table_col connections_cols[] = {
	{ "Name", 36, false },
	{ "Provider", 24, false },
	{ "Status", 16, false },
	{ "Updated", 24, false },
};

static const struct resource_field connections_fields[] = {
	{ .slot = RESOURCE_NAME, .label = "Name" },
	{ .slot = RESOURCE_PROVIDER,
	  .label = "Provider",
	  .check = resform_check_provider },
	{ .slot = RESOURCE_CONFIG,
	  .label = "Config (JSON)",
	  .check = resform_check_json,
	  .optional = true },
};

static void connections_cells(const struct model_resource *r,
			      const char **cells,
			      char (*buf)[RESOURCE_CELL_MAX])
{
	table_date(buf[0], r->updated_at, "");
	cells[0] = r->name;
	cells[1] = r->provider;
	cells[2] = r->status;
	cells[3] = buf[0];
}

static void connections_lines(struct tui *t, struct rect r, int *y,
			      const struct model_resource *res, bool details)
{
	(void)t;
	table_field(r, y, "Provider", res->provider);
	table_field(r, y, "Status", res->status);
	if (details)
		table_field_wrap(r, y, "Config",
				 res->config != NULL ? res->config : "{}", 3);
	else
		table_field(r, y, "Config", "not read (Enter shows it)");
}

static const struct resource_desc connections_desc = {
	.kind = MODEL_CONNECTION,
	.one = "connection",
	.many = "connections",
	.list = PERM_CONNECTION_LIST,
	.read = PERM_CONNECTION_READ,
	.cols = connections_cols,
	.n_cols = sizeof(connections_cols) / sizeof(*connections_cols),
	.cells = connections_cells,
	.detail = connections_lines,
	.fields = connections_fields,
	.n_fields = sizeof(connections_fields) / sizeof(*connections_fields),
};

static struct resource_tab connections = { .desc = &connections_desc };

RESOURCE_TAB_FUNCTIONS(connections, connections)

static const struct action connections_actions[] = {
	{ .key = 'n',
	  .keyname = "n",
	  .label = "New",
	  .what = "create connections",
	  .command = "connection-new",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_CONNECTION_CREATE,
	  .write = true,
	  .run = connections_new },
	{ .key = TK_ENTER,
	  .keyname = "Enter",
	  .label = "Details",
	  .what = "read connections",
	  .command = "connection-read",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_CONNECTION_READ,
	  .run = connections_read },
	{ .key = 'e',
	  .keyname = "e",
	  .label = "Edit",
	  .what = "edit connections",
	  .command = "connection-edit",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_CONNECTION_UPDATE,
	  .write = true,
	  .run = connections_edit },
	{ .key = 'x',
	  .keyname = "x",
	  .label = "Delete",
	  .what = "delete connections",
	  .command = "connection-delete",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_CONNECTION_DELETE,
	  .write = true,
	  .run = connections_delete },
	{ 0 },
};

const struct pane_ops tab_connections_ops = {
	.title = "Connections",
	.short_title = "Conns",
	.actions = connections_actions,
	.open = connections_open,
	.draw = connections_draw,
	.detail = connections_detail,
	.key = connections_key,
	.click = connections_click,
	.cancel = connections_cancel,
	.close = connections_close,
};
