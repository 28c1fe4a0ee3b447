/* SPDX-License-Identifier: MIT */
/*
 * Screen dumps for script mode.  The dump is read back from curses' own
 * copy of the terminal (curscr), that is, what was really drawn.
 *
 * The file holds two lines per screen row: the row's text (one character
 * per cell; a wide character stands for its two cells), then as many
 * attribute letters: 'd' dim, 'r' reverse, 'b' bold, 'u' underline, ' '
 * none (when several apply, the first in that order).  Cells a dialog
 * marked secret, and every cell of a dialog with nodump set, are written
 * as '*'; so is anything that looks like a whole orgdeck token.
 */
#ifndef ORGDECK_TUI_DUMP_H
#define ORGDECK_TUI_DUMP_H

#include <stddef.h>

#include "tui.h"

/* Writes the screen to @path (mode 0600).  Returns 0, or -1 with errno. */
int dump_write(struct tui *t, const char *path);

#endif
