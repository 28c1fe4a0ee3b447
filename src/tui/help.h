/* SPDX-License-Identifier: MIT */
/*
 * The help screen, generated from the same action tables that draw the
 * footer: every key, what it does, the role it needs, and whether one may
 * use it here and now.
 */
#ifndef ORGDECK_TUI_HELP_H
#define ORGDECK_TUI_HELP_H

#include "tui.h"

/* Opens the help dialog. */
void help_open(struct tui *t);

#endif
