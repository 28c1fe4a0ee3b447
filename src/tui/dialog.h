/* SPDX-License-Identifier: MIT */
/*
 * What every dialog widget shares: allocating the struct dialog, drawing
 * its frame centred on the screen, and its line of key hints.
 */
#ifndef ORGDECK_TUI_DIALOG_H
#define ORGDECK_TUI_DIALOG_H

#include "tui.h"

/* Callers' context for a dialog's callback, freed with the dialog. */
struct dialog_ctx {
	void *ptr;
	void (*free)(void *ptr); /* NULL when nothing to free */
};

/*
 * A new dialog with @ops and @state (the widget's, which ops->close frees).
 * Returns NULL when out of memory; @state is then not taken.
 */
struct dialog *dialog_new(const struct dialog_ops *ops, void *state);

/*
 * Draws a frame of @h by @w (clipped to the screen) with @title, records it
 * in @d->area and returns the inside.
 */
struct rect dialog_frame(struct dialog *d, int h, int w, const char *title);

/* Draws @hint on the last line of @inner. */
void dialog_hint(struct rect inner, const char *hint);

/* Frees @c's pointer through its free function. */
void dialog_ctx_release(struct dialog_ctx *c);

/* The widest a dialog gets: the screen less a margin, at most @want. */
int dialog_width(int want);

#endif
