/* SPDX-License-Identifier: MIT */
/*
 * Reading the action tables: finding an entry by key or palette name,
 * walking every table (help, palette), and drawing the footer with the
 * actions one's role may not perform dimmed.
 *
 * The tables themselves belong to the panes (struct pane_ops.actions) and
 * to the framework (app_actions); nothing here keeps a copy.
 */
#ifndef ORGDECK_TUI_ACTION_H
#define ORGDECK_TUI_ACTION_H

#include "tui.h"

/* The entry of @table bound to @key, or NULL. */
const struct action *action_by_key(const struct action *table, int key);

/* The entry whose palette command is @name, in any table, or NULL. */
const struct action *action_by_command(const struct tui *t, const char *name);

/*
 * Calls @fn for every table: the global one, the left panes, then the tabs
 * in order, each with its title.
 */
void action_each_table(const struct tui *t,
		       void (*fn)(const char *title, const struct action *table,
				  void *ctx),
		       void *ctx);

/* True when @a may run here; otherwise fills @why (may be NULL).  What
 * tui_action_allowed() answers. */
bool action_allowed(const struct tui *t, const struct action *a, char *why,
		    size_t whylen);

/* Runs @a if allowed, else says why on the status line. */
void action_run(struct tui *t, const struct action *a, const char *arg);

/* Draws the footer for @table into @r: allowed actions normal, others dim. */
void action_draw_footer(const struct tui *t, struct rect r,
			const struct action *table);

#endif
