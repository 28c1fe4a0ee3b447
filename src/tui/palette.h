/* SPDX-License-Identifier: MIT */
/*
 * The command palette (':'): every action that has a command name, typed
 * with Tab completion of the name and of its argument (organization,
 * project, profile or theme names).  Generated from the action tables.
 */
#ifndef ORGDECK_TUI_PALETTE_H
#define ORGDECK_TUI_PALETTE_H

#include "tui.h"

/* Opens the palette with @initial typed (may be NULL). */
void palette_open(struct tui *t, const char *initial);

#endif
