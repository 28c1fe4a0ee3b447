/* SPDX-License-Identifier: MIT */
/*
 * The API Keys tab: the keys of the open project, or of the organization
 * when no project is open.  The workflows that act on a key (key_edit.c)
 * reach the rows through here.
 *
 * A pointer returned points into the tab's rows and stays valid until the
 * next key, callback or draw.
 */
#ifndef ORGDECK_TUI_TAB_KEYS_H
#define ORGDECK_TUI_TAB_KEYS_H

#include "tui.h"

/* The key under the cursor, or NULL. */
const struct model_key *tab_keys_selected(void);

/* Puts @key in place of the row with its id, taking it. */
void tab_keys_replace(struct model_key *key);

/* Reads the keys again (after a change). */
void tab_keys_reload(struct tui *t);

#endif
