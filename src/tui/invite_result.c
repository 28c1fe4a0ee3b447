/* SPDX-License-Identifier: MIT */
/* The dialog of invitation results and their one-time codes. */
#include "invite_result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draw.h"
#include "theme.h"

#define INVITE_RESULT_WIDTH 80
#define INVITE_RESULT_ROWS  8

/* One address: the invitation made, or why there is none. */
struct invite_result_row {
	const char *email;
	const struct model_invitation *inv; /* NULL when refused */
	const char *why;
};

struct invite_result {
	struct model_invite_results *batch; /* one of these two is held */
	struct model_invitation *one;
	struct invite_result_row *rows;
	size_t n, sel, invited;
};

static void invite_result_draw(struct dialog *d, struct tui *t);
static bool invite_result_key(struct dialog *d, struct tui *t, int key);
static void invite_result_close(struct dialog *d);

static const struct dialog_ops invite_result_ops = {
	.draw = invite_result_draw,
	.key = invite_result_key,
	.close = invite_result_close,
};

static void invite_result_free(struct invite_result *r)
{
	if (r == NULL)
		return;
	model_invite_results_free(&r->batch);
	model_invitation_free(&r->one);
	free(r->rows);
	free(r);
}

static void invite_result_close(struct dialog *d)
{
	invite_result_free(d->state);
	d->state = NULL;
}

static void invite_result_push(struct tui *t, struct invite_result *r)
{
	struct dialog *d = dialog_new(&invite_result_ops, r);

	if (d == NULL) {
		invite_result_free(r);
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	tui_dialog_push(t, d);
}

void invite_result_open_batch(struct tui *t,
			      struct model_invite_results *results)
{
	struct invite_result *r = calloc(1, sizeof(*r));
	size_t i, n = results->count;

	if (r != NULL)
		r->rows = calloc(n ? n : 1, sizeof(*r->rows));
	if (r == NULL || r->rows == NULL) {
		free(r);
		model_invite_results_free(&results);
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	r->batch = results;
	for (i = 0; i < n; i++) {
		const struct model_invite_result *it = &results->items[i];

		r->rows[i] =
			(struct invite_result_row){ it->email, it->invitation,
						    it->error_message };
		if (it->invitation != NULL)
			r->invited++;
	}
	r->n = n;
	tui_status(t, r->invited == n ? STATUS_OK : STATUS_WARN,
		   "Invited %zu of %zu", r->invited, n);
	invite_result_push(t, r);
}

void invite_result_open_one(struct tui *t, struct model_invitation *inv)
{
	struct invite_result *r = calloc(1, sizeof(*r));

	if (r != NULL)
		r->rows = calloc(1, sizeof(*r->rows));
	if (r == NULL || r->rows == NULL) {
		free(r);
		model_invitation_free(&inv);
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	r->one = inv;
	r->rows[0] = (struct invite_result_row){ inv->email, inv, NULL };
	r->n = 1;
	r->invited = 1;
	invite_result_push(t, r);
}

/* Draws one address on two lines: its outcome, then the code (marked
 * secret) or why it was refused. */
static void invite_result_row(struct tui *t,
			      const struct invite_result_row *row, bool sel,
			      int y, int x, int w)
{
	attr_t base = theme_attr(sel ? THEME_SELECTED : THEME_NORMAL);
	const char *code = row->inv != NULL ? row->inv->code : NULL;
	int used;

	draw_fill((struct rect){ y, x, 1, w }, base);
	used = draw_text(y, x + 1, w - 2, row->email, base);
	if (row->inv == NULL) {
		draw_printf(y + 1, x + 3, w - 4, theme_attr(THEME_STATUS_ERROR),
			    "not invited: %s", row->why ? row->why : "");
		return;
	}
	draw_printf(y, x + used + 1, w - used - 2, base, " invited as %s",
		    role_label(row->inv->role));
	if (code == NULL) {
		draw_text(y + 1, x + 3, w - 4, "code: (not shown again)",
			  theme_attr(THEME_LABEL));
		return;
	}
	used = draw_text(y + 1, x + 3, w - 4,
			 "code: ", theme_attr(THEME_LABEL));
	/* XXX: curses copies the code into its cells and output buffer,
	 * which cannot be wiped; only our own copy is (locked memory, freed
	 * with the results). */
	tui_mark_secret(t, y + 1, x + 3 + used, draw_width(code));
	draw_text(y + 1, x + 3 + used, w - 4 - used, code,
		  theme_attr(THEME_ACCENT));
}

static void invite_result_draw(struct dialog *d, struct tui *t)
{
	struct invite_result *r = d->state;
	int rows = r->n < INVITE_RESULT_ROWS ? (int)r->n : INVITE_RESULT_ROWS;
	struct rect in =
		dialog_frame(d, 2 * rows + 6, dialog_width(INVITE_RESULT_WIDTH),
			     r->one ? "Invitation resent" : "Invitations");
	size_t top = r->sel >= (size_t)rows ? r->sel - (size_t)rows + 1 : 0;
	int i;

	draw_wrap(in.y, in.x + 1, in.w - 2, 1,
		  "Each code is shown only now. Send it to the person; they "
		  "accept with it.",
		  theme_attr(THEME_LABEL), false);
	for (i = 0; i < rows && top + (size_t)i < r->n; i++)
		invite_result_row(t, &r->rows[top + (size_t)i],
				  top + (size_t)i == r->sel, in.y + 2 + 2 * i,
				  in.x + 1, in.w - 2);
	if (r->n > 0)
		tui_cursor(t, in.y + 2 + 2 * (int)(r->sel - top), in.x + 1);
	dialog_hint(in, "c copy code   j/k move   Enter/Esc close (codes are "
			"not shown again)");
}

static bool invite_result_key(struct dialog *d, struct tui *t, int key)
{
	struct invite_result *r = d->state;
	const struct invite_result_row *row = &r->rows[r->sel];

	tui_dirty(t);
	switch (key) {
	case 'j':
	case TK(KEY_DOWN):
		if (r->sel + 1 < r->n)
			r->sel++;
		return true;
	case 'k':
	case TK(KEY_UP):
		if (r->sel > 0)
			r->sel--;
		return true;
	case 'c':
		if (r->n > 0 && row->inv != NULL && row->inv->code != NULL)
			tui_copy(t, "invitation code", row->inv->code);
		else
			tui_status(t, STATUS_WARN, "No code on this row");
		return true;
	case TK_ESC:
	case TK_ENTER:
	case 'q':
		return false;
	}
	return true;
}
