/* SPDX-License-Identifier: MIT */
/*
 * The picker dialog: choose one of a short list (a role, a project, a
 * person).  An item can be shown but not chosen, with the reason given
 * when it is picked anyway (a role above one's own).
 *
 * picker_open() copies its strings; @ctx is freed by @ctx_free when the
 * dialog closes, whether something was picked or not.
 */
#ifndef ORGDECK_TUI_PICKER_H
#define ORGDECK_TUI_PICKER_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

struct picker_item {
	const char *label;
	const char *note;     /* shown dimmed after the label, or NULL */
	const char *disabled; /* NULL, or why it cannot be chosen */
};

struct picker_spec {
	const char *title;
	const char *message; /* above the list, or NULL */
	const struct picker_item *items;
	size_t n;
	size_t initial;
};

/* Called once with the index of the chosen item. */
typedef void (*picker_done_fn)(struct tui *t, size_t chosen, void *ctx);

/* Opens the picker.  Returns 0, or -1 when out of memory (@ctx freed). */
int picker_open(struct tui *t, const struct picker_spec *spec,
		picker_done_fn done, void *ctx, void (*ctx_free)(void *ctx));

#endif
