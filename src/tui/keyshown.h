/* SPDX-License-Identifier: MIT */
/*
 * The shown-once dialog: a new or rotated API key in full, the one time it
 * can be seen.  'c' copies it (clip.h: a local tool or OSC 52 through the
 * terminal), and the dialog says what was done.  It closes only when the
 * user types 'y' to say the key is saved; then the secret is wiped, the
 * whole screen is repainted so that no cell still holds it, and when it
 * was copied the user is offered to empty the clipboard.
 *
 * The key's cells are marked secret, so a script-mode dump shows them as
 * '*'.  Nothing here logs.
 */
#ifndef ORGDECK_TUI_KEYSHOWN_H
#define ORGDECK_TUI_KEYSHOWN_H

#include <stdbool.h>

#include "tui.h"

/*
 * Shows @key, which must carry its secret (a create or rotate answer).
 * Takes @key and frees it (wiping the secret) when the dialog closes.
 * @rotated words the dialog for a rotation.
 */
void keyshown_open(struct tui *t, struct model_key *key, bool rotated);

#endif
