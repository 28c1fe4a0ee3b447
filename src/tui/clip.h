/* SPDX-License-Identifier: MIT */
/*
 * The console's way to the clipboard: hands text to the client's clipboard
 * module while curses owns the terminal.
 */
#ifndef ORGDECK_TUI_CLIP_H
#define ORGDECK_TUI_CLIP_H

#include <stddef.h>

/* Copies @text.  Returns 0 with what was done in @why, or -1 with the
 * reason in @why. */
int clip_copy(const char *text, char *why, size_t whylen);

/* Empties the clipboard the same way; returns as clip_copy(). */
int clip_clear(char *why, size_t whylen);

#endif
