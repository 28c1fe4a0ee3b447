/* SPDX-License-Identifier: MIT */
/* Frames, hints and allocation shared by the dialog widgets. */
#include "dialog.h"

#include <stdlib.h>

#include "draw.h"
#include "theme.h"

struct dialog *dialog_new(const struct dialog_ops *ops, void *state)
{
	struct dialog *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->ops = ops;
	d->state = state;
	return d;
}

struct rect dialog_frame(struct dialog *d, int h, int w, const char *title)
{
	struct rect r = draw_centre(h, w);

	d->area = r;
	draw_fill(r, theme_attr(THEME_DIALOG));
	draw_box(r, title, theme_attr(THEME_BORDER_FOCUS),
		 theme_attr(THEME_TITLE_FOCUS));
	return draw_inner(r);
}

void dialog_hint(struct rect inner, const char *hint)
{
	if (inner.h <= 0)
		return;
	draw_text(inner.y + inner.h - 1, inner.x + 1, inner.w - 2, hint,
		  theme_attr(THEME_LABEL));
}

void dialog_ctx_release(struct dialog_ctx *c)
{
	if (c->free != NULL && c->ptr != NULL)
		c->free(c->ptr);
	c->ptr = NULL;
}

int dialog_width(int want)
{
	int room = COLS - 4;

	return want < room ? want : room;
}
