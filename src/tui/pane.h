/* SPDX-License-Identifier: MIT */
/*
 * The registry of panes: the two left panes, then the tabs of the main
 * area in the order of their number keys.  It opens a tab lazily, the
 * first time it is shown after the context changed.
 */
#ifndef ORGDECK_TUI_PANE_H
#define ORGDECK_TUI_PANE_H

#include <stddef.h>

#include "tui.h"

/* The panes each file exports. */
extern const struct pane_ops pane_orgs_ops;
extern const struct pane_ops pane_projects_ops;
extern const struct pane_ops tab_people_ops;
extern const struct pane_ops tab_keys_ops;
extern const struct pane_ops tab_connections_ops;
extern const struct pane_ops tab_secrets_ops;
extern const struct pane_ops tab_authkit_ops;
extern const struct pane_ops tab_activity_ops;

/* All panes, left ones first. */
size_t pane_count(void);
const struct pane_ops *pane_at(size_t i);

/* The tabs alone. */
size_t pane_tab_count(void);
const struct pane_ops *pane_tab(size_t i);

/* Opens tab @i if the context changed since it was last opened. */
void pane_show_tab(struct tui *t, size_t i);

/* The context changed: every tab is stale; the shown one reopens now. */
void pane_context_changed(struct tui *t, size_t shown);

/* The left panes re-read what the session holds. */
void pane_sync_left(struct tui *t);

/* Tells every pane its requests were cancelled. */
void pane_cancel_all(struct tui *t);

/* Closes every pane, at exit. */
void pane_close_all(struct tui *t);

/* Things the left panes offer the framework. */
void pane_orgs_select(struct tui *t, const char *id);
void pane_projects_select(struct tui *t, const char *id);

#endif
