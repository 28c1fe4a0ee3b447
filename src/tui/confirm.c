/* SPDX-License-Identifier: MIT */
/* The confirm dialog, with the "type the name" variant. */
#include "confirm.h"

#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define CONFIRM_WIDTH	  64
#define CONFIRM_TYPED_MAX 256

struct confirm {
	char *title, *message, *yes, *type_name;
	bool danger;
	bool on_no; /* the focus is on Cancel */
	char typed[CONFIRM_TYPED_MAX];
	size_t cur;
	char error[128];
	confirm_done_fn done;
	struct dialog_ctx ctx;
};

static void confirm_draw(struct dialog *d, struct tui *t);
static bool confirm_key(struct dialog *d, struct tui *t, int key);
static void confirm_close(struct dialog *d);

static const struct dialog_ops confirm_ops = {
	.draw = confirm_draw,
	.key = confirm_key,
	.close = confirm_close,
};

static void confirm_free(struct confirm *c)
{
	if (c == NULL)
		return;
	dialog_ctx_release(&c->ctx);
	free(c->title);
	free(c->message);
	free(c->yes);
	free(c->type_name);
	free(c);
}

static void confirm_close(struct dialog *d)
{
	confirm_free(d->state);
	d->state = NULL;
}

static char *confirm_dup(const char *s)
{
	return strdup(s != NULL ? s : "");
}

static struct confirm *confirm_new(const struct confirm_spec *spec)
{
	struct confirm *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->title = confirm_dup(spec->title);
	c->message = confirm_dup(spec->message);
	c->yes = confirm_dup(spec->yes);
	if (spec->type_name != NULL)
		c->type_name = strdup(spec->type_name);
	c->danger = spec->danger;
	c->on_no = spec->danger && spec->type_name == NULL;
	if (c->title == NULL || c->message == NULL || c->yes == NULL ||
	    (spec->type_name != NULL && c->type_name == NULL)) {
		confirm_free(c);
		return NULL;
	}
	return c;
}

int confirm_open(struct tui *t, const struct confirm_spec *spec,
		 confirm_done_fn done, void *ctx, void (*ctx_free)(void *ctx))
{
	struct confirm *c = confirm_new(spec);
	struct dialog *d = c != NULL ? dialog_new(&confirm_ops, c) : NULL;

	if (d == NULL) {
		confirm_free(c);
		if (ctx_free != NULL && ctx != NULL)
			ctx_free(ctx);
		tui_status(t, STATUS_ERROR, "out of memory");
		return -1;
	}
	c->done = done;
	c->ctx = (struct dialog_ctx){ ctx, ctx_free };
	tui_dialog_push(t, d);
	return 0;
}

static void confirm_draw_typed(struct confirm *c, struct tui *t, int y, int x,
			       int w)
{
	char prompt[CONFIRM_TYPED_MAX + 32];
	char head[CONFIRM_TYPED_MAX];
	int cx;

	snprintf(prompt, sizeof(prompt),
		 "Type \"%s\" to confirm:", c->type_name);
	draw_text(y, x, w, prompt, theme_attr(THEME_LABEL));
	draw_fill((struct rect){ y + 1, x, 1, w }, theme_attr(THEME_INPUT));
	draw_text(y + 1, x, w, c->typed, theme_attr(THEME_INPUT));
	memcpy(head, c->typed, c->cur);
	head[c->cur] = '\0';
	cx = draw_width(head);
	tui_cursor(t, y + 1, x + (cx < w ? cx : w - 1));
}

static void confirm_draw_buttons(struct confirm *c, int y, int x, int w)
{
	enum theme_el yes_el = c->danger ? THEME_STATUS_ERROR : THEME_NORMAL;
	attr_t yes = theme_attr(c->on_no ? yes_el : THEME_SELECTED);
	attr_t no = theme_attr(c->on_no ? THEME_SELECTED : THEME_NORMAL);
	char label[96];
	int used;

	snprintf(label, sizeof(label), "[ %s ]", c->yes);
	used = draw_text(y, x, w, label, yes);
	draw_text(y, x + used + 2, w - used - 2, "[ Cancel ]", no);
}

static void confirm_draw(struct dialog *d, struct tui *t)
{
	struct confirm *c = d->state;
	int w = dialog_width(CONFIRM_WIDTH);
	int text_rows = draw_wrap(0, 0, w - 4, 12, c->message, 0, true);
	int h = text_rows + (c->type_name ? 3 : 0) + 6;
	struct rect in = dialog_frame(d, h, w, c->title);
	int y = in.y + 1;

	draw_wrap(y, in.x + 1, in.w - 2, text_rows, c->message,
		  theme_attr(THEME_DIALOG), false);
	y += text_rows + 1;
	if (c->type_name != NULL) {
		confirm_draw_typed(c, t, y, in.x + 1, in.w - 2);
		y += 3;
	}
	draw_text(y - 1, in.x + 1, in.w - 2, c->error,
		  theme_attr(THEME_STATUS_ERROR));
	confirm_draw_buttons(c, y, in.x + 1, in.w - 2);
	dialog_hint(in, c->type_name ? "Enter confirm   Esc cancel"
				     : "y/Enter confirm   n/Esc cancel");
}

/* Confirms if allowed.  Returns false when the dialog should close. */
static bool confirm_accept(struct confirm *c, struct tui *t)
{
	if (c->on_no)
		return false;
	if (c->type_name != NULL && strcmp(c->typed, c->type_name) != 0) {
		snprintf(c->error, sizeof(c->error),
			 "The name does not match; type it exactly.");
		return true;
	}
	c->done(t, c->ctx.ptr);
	return false;
}

static bool confirm_typing_key(struct confirm *c, int key)
{
	switch (key) {
	case TK_BACKSPACE:
	case TK(KEY_BACKSPACE):
		c->cur = text_erase(c->typed, c->cur);
		return true;
	case TK(KEY_LEFT):
		c->cur = text_prev(c->typed, c->cur);
		return true;
	case TK(KEY_RIGHT):
		c->cur = text_next(c->typed, c->cur);
		return true;
	case TK_CTRL('u'):
		c->typed[0] = '\0';
		c->cur = 0;
		return true;
	}
	if (!text_is_char(key))
		return false;
	c->cur = text_insert(c->typed, sizeof(c->typed), c->cur, key);
	return true;
}

static bool confirm_key(struct dialog *d, struct tui *t, int key)
{
	struct confirm *c = d->state;

	tui_dirty(t);
	if (key == TK_ESC)
		return false;
	if (key == TK_ENTER)
		return confirm_accept(c, t);
	if (key == TK_TAB || key == TK(KEY_BTAB)) {
		c->on_no = !c->on_no;
		return true;
	}
	if (c->type_name != NULL) {
		c->error[0] = '\0';
		confirm_typing_key(c, key);
		return true;
	}
	if (key == 'y' || key == 'Y') {
		c->on_no = false;
		return confirm_accept(c, t);
	}
	if (key == 'n' || key == 'N')
		return false;
	if (key == TK(KEY_LEFT) || key == TK(KEY_RIGHT) || key == 'h' ||
	    key == 'l')
		c->on_no = !c->on_no;
	return true;
}
