/* SPDX-License-Identifier: MIT */
/* The help dialog, built from the action tables and the list keys. */
#include "help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "dialog.h"
#include "draw.h"
#include "list.h"
#include "theme.h"

#define HELP_WIDTH	96
#define HELP_KEY_COLS	14
#define HELP_LABEL_COLS 30

/* One line of help: a section title, an action, or a list key. */
struct help_line {
	const char *section;
	const struct action *action;
	const char *keys, *what;
};

struct help {
	struct help_line *lines;
	size_t n, cap, top;
	bool bad; /* ran out of memory while building */
};

static void help_draw(struct dialog *d, struct tui *t);
static bool help_key(struct dialog *d, struct tui *t, int key);
static void help_close(struct dialog *d);

static const struct dialog_ops help_ops = {
	.draw = help_draw,
	.key = help_key,
	.close = help_close,
};

static void help_add(struct help *h, struct help_line line)
{
	struct help_line *lines;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;

		lines = realloc(h->lines, cap * sizeof(*lines));
		if (lines == NULL) {
			h->bad = true;
			return;
		}
		h->lines = lines;
		h->cap = cap;
	}
	h->lines[h->n++] = line;
}

static void help_table(const char *title, const struct action *table, void *ctx)
{
	struct help *h = ctx;
	const struct action *a;

	help_add(h, (struct help_line){ .section = title });
	for (a = table; a->label != NULL; a++)
		help_add(h, (struct help_line){ .action = a });
}

static void help_list_key(const char *keys, const char *what, void *ctx)
{
	help_add(ctx, (struct help_line){ .keys = keys, .what = what });
}

static void help_close(struct dialog *d)
{
	struct help *h = d->state;

	free(h->lines);
	free(h);
	d->state = NULL;
}

void help_open(struct tui *t)
{
	struct help *h = calloc(1, sizeof(*h));
	struct dialog *d;

	if (h == NULL)
		return;
	action_each_table(t, help_table, h);
	help_add(h, (struct help_line){ .section = "In every list" });
	list_help(help_list_key, h);
	d = dialog_new(&help_ops, h);
	if (h->bad || d == NULL) {
		free(h->lines);
		free(h);
		free(d);
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	tui_dialog_push(t, d);
}

/* "needs Manager" or "needs Admin in a project", from the permission. */
static void help_needs(const struct action *a, enum scope scope, char *out,
		       size_t size)
{
	enum role need;

	out[0] = '\0';
	if (a->scope == ACTION_FREE)
		return;
	need = perm_min_role(scope, a->perm);
	if (need != ROLE_NONE)
		snprintf(out, size, "needs %s", role_label(need));
}

static void help_draw_action(struct tui *t, const struct action *a, int y,
			     int x, int w)
{
	bool ok = tui_action_allowed(t, a, NULL, 0);
	attr_t attr = theme_attr(ok ? THEME_NORMAL : THEME_DISABLED);
	char needs[64];

	help_needs(a, a->scope == ACTION_PROJECT ? SCOPE_PROJECT : tui_scope(t),
		   needs, sizeof(needs));
	draw_text(y, x, HELP_KEY_COLS, a->keyname,
		  ok ? theme_attr(THEME_KEY) : attr);
	draw_text(y, x + HELP_KEY_COLS, HELP_LABEL_COLS, a->label, attr);
	draw_text(y, x + HELP_KEY_COLS + HELP_LABEL_COLS,
		  w - HELP_KEY_COLS - HELP_LABEL_COLS, needs,
		  theme_attr(ok ? THEME_LABEL : THEME_DISABLED));
}

static void help_draw_line(struct tui *t, const struct help_line *l, int y,
			   int x, int w)
{
	if (l->section != NULL)
		draw_text(y, x, w, l->section, theme_attr(THEME_ACCENT));
	else if (l->action != NULL)
		help_draw_action(t, l->action, y, x + 2, w - 2);
	else {
		draw_text(y, x + 2, HELP_KEY_COLS, l->keys,
			  theme_attr(THEME_KEY));
		draw_text(y, x + 2 + HELP_KEY_COLS, w - 2 - HELP_KEY_COLS,
			  l->what, theme_attr(THEME_NORMAL));
	}
}

static int help_rows(void)
{
	return LINES - 4;
}

static void help_draw(struct dialog *d, struct tui *t)
{
	struct help *h = d->state;
	struct rect in =
		dialog_frame(d, help_rows(), dialog_width(HELP_WIDTH), "Help");
	int rows = in.h - 2, i;

	if (h->top + (size_t)rows > h->n)
		h->top = h->n > (size_t)rows ? h->n - (size_t)rows : 0;
	for (i = 0; i < rows && h->top + (size_t)i < h->n; i++)
		help_draw_line(t, &h->lines[h->top + (size_t)i], in.y + i,
			       in.x + 1, in.w - 2);
	dialog_hint(in, "Dimmed: your role here may not.   j/k scroll   "
			"Esc close");
}

static bool help_key(struct dialog *d, struct tui *t, int key)
{
	struct help *h = d->state;
	size_t page = (size_t)(help_rows() - 4);

	tui_dirty(t);
	switch (key) {
	case 'j':
	case TK(KEY_DOWN):
		h->top++;
		break;
	case 'k':
	case TK(KEY_UP):
		h->top = h->top > 0 ? h->top - 1 : 0;
		break;
	case TK(KEY_NPAGE):
	case ' ':
		h->top += page;
		break;
	case TK(KEY_PPAGE):
		h->top = h->top > page ? h->top - page : 0;
		break;
	case 'g':
	case TK(KEY_HOME):
		h->top = 0;
		break;
	case 'G':
	case TK(KEY_END):
		h->top = h->n;
		break;
	case TK_ESC:
	case 'q':
	case '?':
	case TK_ENTER:
		return false;
	}
	return true;
}
