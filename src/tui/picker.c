/* SPDX-License-Identifier: MIT */
/* The picker dialog: one choice from a short list. */
#include "picker.h"

#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draw.h"
#include "theme.h"

#define PICKER_WIDTH	60
#define PICKER_ROWS_MAX 14

struct picker_row {
	char *label, *note, *disabled;
};

struct picker {
	char *title, *message;
	struct picker_row *rows;
	size_t n, sel, top;
	char error[160];
	picker_done_fn done;
	struct dialog_ctx ctx;
};

static void picker_draw(struct dialog *d, struct tui *t);
static bool picker_key(struct dialog *d, struct tui *t, int key);
static void picker_close(struct dialog *d);

static const struct dialog_ops picker_ops = {
	.draw = picker_draw,
	.key = picker_key,
	.close = picker_close,
};

static void picker_free(struct picker *p)
{
	size_t i;

	if (p == NULL)
		return;
	dialog_ctx_release(&p->ctx);
	for (i = 0; i < p->n; i++) {
		free(p->rows[i].label);
		free(p->rows[i].note);
		free(p->rows[i].disabled);
	}
	free(p->rows);
	free(p->title);
	free(p->message);
	free(p);
}

static void picker_close(struct dialog *d)
{
	picker_free(d->state);
	d->state = NULL;
}

/* strdup() that keeps NULL; sets *@bad when out of memory. */
static char *picker_dup(const char *s, bool *bad)
{
	char *copy;

	if (s == NULL)
		return NULL;
	copy = strdup(s);
	if (copy == NULL)
		*bad = true;
	return copy;
}

static struct picker *picker_new(const struct picker_spec *spec)
{
	struct picker *p = calloc(1, sizeof(*p));
	bool bad = false;
	size_t i;

	if (p == NULL)
		return NULL;
	p->rows = calloc(spec->n ? spec->n : 1, sizeof(*p->rows));
	p->title = picker_dup(spec->title ? spec->title : "", &bad);
	p->message = picker_dup(spec->message, &bad);
	if (p->rows == NULL)
		bad = true;
	for (i = 0; !bad && i < spec->n; i++) {
		const struct picker_item *it = &spec->items[i];

		p->n = i + 1;
		p->rows[i].label = picker_dup(it->label, &bad);
		p->rows[i].note = picker_dup(it->note, &bad);
		p->rows[i].disabled = picker_dup(it->disabled, &bad);
	}
	if (bad) {
		picker_free(p);
		return NULL;
	}
	p->sel = spec->initial < spec->n ? spec->initial : 0;
	return p;
}

int picker_open(struct tui *t, const struct picker_spec *spec,
		picker_done_fn done, void *ctx, void (*ctx_free)(void *ctx))
{
	struct picker *p = picker_new(spec);
	struct dialog *d = p != NULL ? dialog_new(&picker_ops, p) : NULL;

	if (d == NULL) {
		picker_free(p);
		if (ctx_free != NULL && ctx != NULL)
			ctx_free(ctx);
		tui_status(t, STATUS_ERROR, "out of memory");
		return -1;
	}
	p->done = done;
	p->ctx = (struct dialog_ctx){ ctx, ctx_free };
	tui_dialog_push(t, d);
	return 0;
}

static void picker_draw_row(struct picker *p, struct tui *t, size_t i, int y,
			    int x, int w)
{
	struct picker_row *r = &p->rows[i];
	bool sel = i == p->sel;
	enum theme_el el = r->disabled ? THEME_DISABLED : THEME_NORMAL;
	int used;

	if (sel)
		draw_fill((struct rect){ y, x, 1, w },
			  theme_attr(THEME_SELECTED));
	used = draw_text(y, x + 1, w - 1, r->label,
			 theme_attr(el) |
				 (sel ? theme_attr(THEME_SELECTED) : 0));
	if (r->note != NULL && used + 3 < w)
		draw_text(y, x + used + 3, w - used - 3, r->note,
			  theme_attr(THEME_LABEL) |
				  (sel ? theme_attr(THEME_SELECTED) : 0));
	if (sel)
		tui_cursor(t, y, x);
}

static void picker_draw(struct dialog *d, struct tui *t)
{
	struct picker *p = d->state;
	int w = dialog_width(PICKER_WIDTH);
	int msg =
		p->message ? draw_wrap(0, 0, w - 4, 6, p->message, 0, true) : 0;
	int rows = p->n < PICKER_ROWS_MAX ? (int)p->n : PICKER_ROWS_MAX;
	struct rect in = dialog_frame(d, msg + rows + 6, w, p->title);
	int y = in.y + 1;
	size_t i;

	if (msg > 0)
		draw_wrap(y, in.x + 1, in.w - 2, msg, p->message,
			  theme_attr(THEME_DIALOG), false);
	y += msg + (msg > 0);

	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	for (i = p->top; i < p->n && i < p->top + (size_t)rows; i++)
		picker_draw_row(p, t, i, y + (int)(i - p->top), in.x + 1,
				in.w - 2);
	draw_text(in.y + in.h - 2, in.x + 1, in.w - 2, p->error,
		  theme_attr(THEME_STATUS_ERROR));
	dialog_hint(in, "j/k move   Enter choose   Esc cancel");
}

/* Picks the selected row if it can be.  Returns false to close. */
static bool picker_choose(struct picker *p, struct tui *t)
{
	struct picker_row *r;

	if (p->n == 0)
		return false;
	r = &p->rows[p->sel];
	if (r->disabled != NULL) {
		snprintf(p->error, sizeof(p->error), "%s", r->disabled);
		return true;
	}
	p->done(t, p->sel, p->ctx.ptr);
	return false;
}

static bool picker_key(struct dialog *d, struct tui *t, int key)
{
	struct picker *p = d->state;

	tui_dirty(t);
	p->error[0] = '\0';
	switch (key) {
	case TK_ESC:
	case 'q':
		return false;
	case TK_ENTER:
		return picker_choose(p, t);
	case 'j':
	case TK(KEY_DOWN):
		if (p->sel + 1 < p->n)
			p->sel++;
		break;
	case 'k':
	case TK(KEY_UP):
		if (p->sel > 0)
			p->sel--;
		break;
	case 'g':
	case TK(KEY_HOME):
		p->sel = 0;
		break;
	case 'G':
	case TK(KEY_END):
		p->sel = p->n ? p->n - 1 : 0;
		break;
	}
	return true;
}
