/* SPDX-License-Identifier: MIT */
/*
 * The API key workflows: creating a key (name, role, optional expiry),
 * renaming, rotating (with a grace period for the old secret) and revoking
 * after confirmation.  A new secret goes to the shown-once dialog
 * (keyshown.h).  Each function is an action handler (struct action.run)
 * acting on the open scope or on the selected key of the API Keys tab.
 */
#ifndef ORGDECK_TUI_KEY_EDIT_H
#define ORGDECK_TUI_KEY_EDIT_H

#include <time.h>

#include "tui.h"

void key_edit_create(struct tui *t, const char *arg);
void key_edit_rename(struct tui *t, const char *arg);
void key_edit_rotate(struct tui *t, const char *arg);
void key_edit_revoke(struct tui *t, const char *arg);

/*
 * Reads an expiry as typed: "" (never: *@out 0), "N" or "Nd" days from
 * @now (1-3650), or a date "YYYY-MM-DD" (its midnight, UTC).  Returns
 * NULL and sets *@out, or why the text is refused (a static string),
 * e.g. a time that is not in the future.
 */
const char *key_edit_expiry(time_t *out, const char *text, time_t now);

#endif
