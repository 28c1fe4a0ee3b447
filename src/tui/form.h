/* SPDX-License-Identifier: MIT */
/*
 * The form dialog: labelled fields checked before the form is accepted.
 *
 *   FORM_TEXT    one line of text
 *   FORM_HIDDEN  one line shown as '*' (wiped when the form closes)
 *   FORM_CHOICE  one of @choices, changed with Left/Right or Space
 *   FORM_LINES   several lines, e.g. one email per line; Enter starts a new
 *                line, and commas, semicolons and spaces also separate
 *   FORM_CHECKS  any number of @choices, toggled with Space
 *
 * Enter accepts the form from any field but FORM_LINES; Tab and S-Tab move
 * between fields; Esc cancels.  A form that fails a check stays open on the
 * field at fault with the reason shown.  To keep what was typed when the
 * server later refuses, open the form again with the values and an error.
 *
 * form_open() copies everything it is given; @ctx is freed by @ctx_free
 * when the form closes, accepted or not.
 */
#ifndef ORGDECK_TUI_FORM_H
#define ORGDECK_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

enum form_kind {
	FORM_TEXT = 0,
	FORM_HIDDEN,
	FORM_CHOICE,
	FORM_LINES,
	FORM_CHECKS,
};

struct form_field {
	enum form_kind kind;
	const char *label;
	const char *value;	    /* initial text, or NULL */
	const char *const *choices; /* FORM_CHOICE, FORM_CHECKS */
	size_t n_choices;
	size_t choice;				/* initial choice */
	const bool *checked;			/* initial checks, or NULL */
	const char *(*check)(const char *text); /* NULL or why not */
	bool optional;				/* may be left empty */
	int rows;   /* FORM_LINES, FORM_CHECKS: height */
	bool focus; /* the form opens here (the first so marked), e.g. on
		     * the field the server refused */
};

struct form;

/* Called once when the form is accepted; the form then closes. */
typedef void (*form_done_fn)(struct tui *t, const struct form *f, void *ctx);

/*
 * Opens a form titled @title over the screen with @n @fields and, when not
 * NULL, @error shown at once.  Returns 0, or -1 when out of memory (then
 * @ctx is freed at once).
 */
int form_open(struct tui *t, const char *title, const struct form_field *fields,
	      size_t n, const char *error, form_done_fn done, void *ctx,
	      void (*ctx_free)(void *ctx));

/* Text of field @i, trimmed (FORM_TEXT, FORM_HIDDEN, FORM_LINES). */
const char *form_text(const struct form *f, size_t i);

/* The choice of a FORM_CHOICE field. */
size_t form_choice(const struct form *f, size_t i);

/* Whether choice @j of a FORM_CHECKS field is checked. */
bool form_checked(const struct form *f, size_t i, size_t j);

/*
 * Splits the text of a FORM_LINES field into items (on new lines, commas,
 * semicolons and spaces) and calls @fn for each non-empty one.
 */
void form_each_item(const struct form *f, size_t i,
		    void (*fn)(const char *item, void *arg), void *arg);

#endif
