/* SPDX-License-Identifier: MIT */
/*
 * The confirm dialog: a question and two answers, for acts that are hard
 * to undo.  With @type_name set the user must type that name exactly
 * before the act is accepted (deleting or handing over an organization).
 *
 * confirm_open() copies its strings; @ctx is freed by @ctx_free when the
 * dialog closes, confirmed or not.
 */
#ifndef ORGDECK_TUI_CONFIRM_H
#define ORGDECK_TUI_CONFIRM_H

#include "tui.h"

struct confirm_spec {
	const char *title;
	const char *message;   /* may hold several lines */
	const char *yes;       /* the act, e.g. "Delete" */
	const char *type_name; /* NULL, or what must be typed */
	bool danger;	       /* draw the act in the error colour */
};

/* Called once when the user confirms. */
typedef void (*confirm_done_fn)(struct tui *t, void *ctx);

/* Opens the dialog.  Returns 0, or -1 when out of memory (@ctx freed). */
int confirm_open(struct tui *t, const struct confirm_spec *spec,
		 confirm_done_fn done, void *ctx, void (*ctx_free)(void *ctx));

#endif
