/* SPDX-License-Identifier: MIT */
/* The list widget: visible rows only, paging, and filtering. */
#include "list.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "draw.h"
#include "text.h"
#include "theme.h"

void list_init(struct list *l, const struct list_ops *ops, void *ctx,
	       const char *empty)
{
	memset(l, 0, sizeof(*l));
	l->ops = ops;
	l->ctx = ctx;
	l->empty = empty;
}

void list_release(struct list *l)
{
	free(l->shown);
	l->shown = NULL;
	l->n_shown = 0;
	l->count = 0;
}

void list_clear(struct list *l)
{
	l->count = 0;
	l->n_shown = 0;
	l->sel = 0;
	l->top = 0;
	l->has_more = false;
	l->loading = false;
	l->to_end = false;
}

static bool list_passes(const struct list *l, size_t row)
{
	const char *text;

	if (l->filter[0] == '\0' || l->remote || l->ops->text == NULL)
		return true;
	text = l->ops->text(l->ctx, row);
	return text != NULL && strcasestr(text, l->filter) != NULL;
}

bool list_selected(const struct list *l, size_t *row)
{
	if (l->sel >= l->n_shown)
		return false;
	*row = l->shown[l->sel];
	return true;
}

void list_select(struct list *l, size_t row)
{
	size_t i;

	for (i = 0; i < l->n_shown; i++) {
		if (l->shown[i] == row) {
			l->sel = i;
			return;
		}
	}
}

static void list_move(struct list *l, long delta)
{
	long sel = (long)l->sel + delta;

	if (l->n_shown == 0)
		return;
	if (sel < 0)
		sel = 0;
	if (sel >= (long)l->n_shown)
		sel = (long)l->n_shown - 1;
	l->sel = (size_t)sel;
}

/* ---- G: to the end of the whole list ---- */

/* G stops short of the end, saying where it got to. */
static void list_end_stop(struct list *l)
{
	if (!l->to_end)
		return;
	l->to_end = false;
	if (l->t != NULL)
		tui_status(l->t, STATUS_INFO,
			   "Stopped at %zu rows (G reads on to the end)",
			   l->count);
}

/* G reached the end.  An error the last page left on the status line
 * stays there: it says why the end came early. */
static void list_end_reached(struct list *l)
{
	l->to_end = false;
	if (l->t != NULL && tui_status_level(l->t) < STATUS_WARN)
		tui_status(l->t, STATUS_INFO, "All %zu rows loaded", l->count);
}

/* One step of G once rows arrived: select the last one, then ask for the
 * next page, or finish when the server has no more. */
static void list_end_step(struct list *l)
{
	if (l->n_shown > 0)
		l->sel = l->n_shown - 1;
	if (!l->has_more || l->ops->more == NULL) {
		list_end_reached(l);
		return;
	}

	if (!l->loading) {
		l->loading = true;
		l->ops->more(l->ctx);
	}
	if (!l->loading) {
		list_end_stop(l); /* the page could not be asked for */
		return;
	}

	if (l->t != NULL)
		tui_status(l->t, STATUS_INFO,
			   "Loading to the end\u2026 %zu rows (Esc stops)",
			   l->count);
}

/* G: the last row loaded now, and the rest as it arrives. */
static void list_end_start(struct list *l)
{
	list_move(l, (long)l->n_shown);
	if (!l->has_more || l->ops->more == NULL)
		return;
	l->to_end = true;
	list_end_step(l);
}

int list_set_count(struct list *l, size_t count, bool has_more)
{
	size_t keep = 0, i;
	bool had = list_selected(l, &keep);
	size_t *shown = realloc(l->shown, (count ? count : 1) * sizeof(size_t));

	l->loading = false;
	l->has_more = has_more;
	if (shown == NULL) {
		l->n_shown = 0;
		return -1;
	}
	l->shown = shown;
	l->count = count;

	l->n_shown = 0;
	for (i = 0; i < count; i++)
		if (list_passes(l, i))
			l->shown[l->n_shown++] = i;

	if (had)
		list_select(l, keep);
	if (l->sel >= l->n_shown)
		l->sel = l->n_shown ? l->n_shown - 1 : 0;

	if (l->to_end)
		list_end_step(l);
	return 0;
}

/* Re-applies the filter to the rows already held. */
static void list_refilter(struct list *l)
{
	list_set_count(l, l->count, l->has_more);
}

size_t list_page(const struct list *l)
{
	return l->height > 1 ? (size_t)l->height - 1 : 1;
}

/* Asks for the next page when the visible window reaches the end.  Not
 * while a filter is being typed: a filter that matches little would read
 * the whole list; Enter sends it to the server instead. */
static void list_want_more(struct list *l)
{
	if (!l->has_more || l->loading || l->ops->more == NULL || l->editing)
		return;
	if (l->top + (size_t)l->height + list_page(l) < l->n_shown)
		return;
	l->loading = true;
	l->ops->more(l->ctx);
}

void list_cancel(struct list *l)
{
	l->loading = false;
	list_end_stop(l);
}

/* Moves top so that the selection is on screen. */
static void list_scroll(struct list *l, size_t height)
{
	if (l->sel < l->top)
		l->top = l->sel;
	if (height > 0 && l->sel >= l->top + height)
		l->top = l->sel - height + 1;
	if (l->top + height > l->n_shown)
		l->top = l->n_shown > height ? l->n_shown - height : 0;
}

static void list_draw_filter(struct list *l, struct tui *t, int y, int x, int w)
{
	attr_t attr = theme_attr(THEME_INPUT);
	int used;

	draw_fill((struct rect){ y, x, 1, w }, theme_attr(THEME_NORMAL));
	used = draw_text(y, x, w, "/", theme_attr(THEME_KEY));
	used += draw_text(y, x + used, w - used, l->filter, attr);
	if (l->editing)
		tui_cursor(t, y, x + used);
	else if (l->remote && w - used > 12)
		draw_text(y, x + used + 1, w - used - 1, "(on server)",
			  theme_attr(THEME_LABEL));
}

/* Draws the line shown instead of rows: empty, loading, or no match. */
static void list_draw_empty(struct list *l, struct rect area)
{
	const char *what = l->empty ? l->empty : "Nothing here.";

	if (l->loading)
		what = "Loading\u2026";
	else if (l->count > 0)
		what = "No row matches the filter.";
	draw_text(area.y, area.x + 1, area.w - 1, what,
		  theme_attr(THEME_LABEL));
}

void list_draw(struct list *l, struct tui *t, struct rect area, bool focused)
{
	bool filter_line = l->editing || l->filter[0] != '\0';
	int height = area.h - (filter_line ? 1 : 0);
	size_t i;

	l->height = height > 0 ? height : 0;
	l->top_y = area.y;
	if (filter_line && area.h > 0)
		list_draw_filter(l, t, area.y + area.h - 1, area.x, area.w);
	if (height <= 0)
		return;
	if (l->n_shown == 0) {
		list_draw_empty(l, area);
		list_want_more(l);
		return;
	}

	list_scroll(l, (size_t)height);
	for (i = 0; i < (size_t)height && l->top + i < l->n_shown; i++) {
		size_t pos = l->top + i;
		int y = area.y + (int)i;

		l->ops->draw_row(l->ctx, l->shown[pos], y, area.x, area.w,
				 pos == l->sel, focused);
		if (pos == l->sel && focused && !l->editing)
			tui_cursor(t, y, area.x);
	}
	list_want_more(l);
}

bool list_click(struct list *l, int y)
{
	size_t pos;

	if (l->editing || y < l->top_y || y >= l->top_y + l->height)
		return false;
	pos = l->top + (size_t)(y - l->top_y);
	if (pos >= l->n_shown)
		return false;
	l->sel = pos;
	return true;
}

/* Ends filter editing; sends the text to the server when it has more. */
static void list_filter_done(struct list *l)
{
	l->editing = false;
	if (l->ops->query == NULL || (!l->has_more && !l->remote))
		return;
	l->remote = l->filter[0] != '\0';
	l->loading = true;
	l->ops->query(l->ctx, l->filter);
}

static void list_filter_clear(struct list *l)
{
	bool was_remote = l->remote;

	l->filter[0] = '\0';
	l->editing = false;
	l->remote = false;
	list_refilter(l);
	if (was_remote && l->ops->query != NULL) {
		l->loading = true;
		l->ops->query(l->ctx, "");
	}
}

static bool list_filter_key(struct list *l, int key)
{
	switch (key) {
	case TK_ENTER:
		list_filter_done(l);
		break;
	case TK_ESC:
		list_filter_clear(l);
		break;
	case TK_BACKSPACE:
		text_pop(l->filter);
		break;
	case TK_CTRL('u'):
		l->filter[0] = '\0';
		break;
	default:
		if (!text_is_char(key))
			return true;
		text_push(l->filter, sizeof(l->filter), key);
		break;
	}
	if (!l->remote)
		list_refilter(l);
	return true;
}

enum list_op {
	LIST_DOWN,
	LIST_UP,
	LIST_TOP,
	LIST_BOTTOM,
	LIST_PAGE_DOWN,
	LIST_PAGE_UP,
	LIST_FILTER,
};

struct list_binding {
	int key;
	const char *keys; /* for help; NULL for a second key of one op */
	const char *what;
	enum list_op op;
};

/* The keys every list takes; help.c shows them from here. */
static const struct list_binding list_bindings[] = {
	{ 'j', "j Down", "Next row", LIST_DOWN },
	{ TK(KEY_DOWN), NULL, NULL, LIST_DOWN },
	{ 'k', "k Up", "Previous row", LIST_UP },
	{ TK(KEY_UP), NULL, NULL, LIST_UP },
	{ 'g', "g Home", "First row", LIST_TOP },
	{ TK(KEY_HOME), NULL, NULL, LIST_TOP },
	{ 'G', "G End", "Last row, reading every page (Esc stops)",
	  LIST_BOTTOM },
	{ TK(KEY_END), NULL, NULL, LIST_BOTTOM },
	{ TK(KEY_NPAGE), "PgDn C-f", "Page down", LIST_PAGE_DOWN },
	{ TK_CTRL('f'), NULL, NULL, LIST_PAGE_DOWN },
	{ TK(KEY_PPAGE), "PgUp C-b", "Page up", LIST_PAGE_UP },
	{ TK_CTRL('b'), NULL, NULL, LIST_PAGE_UP },
	{ '/', "/", "Filter the list (Enter asks the server)", LIST_FILTER },
};

#define LIST_BINDINGS (sizeof(list_bindings) / sizeof(*list_bindings))

void list_help(void (*fn)(const char *keys, const char *what, void *ctx),
	       void *ctx)
{
	size_t i;

	for (i = 0; i < LIST_BINDINGS; i++)
		if (list_bindings[i].keys != NULL)
			fn(list_bindings[i].keys, list_bindings[i].what, ctx);
}

static void list_do(struct list *l, enum list_op op)
{
	long page = (long)list_page(l);

	if (op != LIST_BOTTOM)
		list_end_stop(l); /* another move: the user is elsewhere */

	switch (op) {
	case LIST_DOWN:
		list_move(l, 1);
		break;
	case LIST_UP:
		list_move(l, -1);
		break;
	case LIST_TOP:
		list_move(l, -(long)l->n_shown);
		break;
	case LIST_BOTTOM:
		list_end_start(l);
		break;
	case LIST_PAGE_DOWN:
		list_move(l, page);
		break;
	case LIST_PAGE_UP:
		list_move(l, -page);
		break;
	case LIST_FILTER:
		l->editing = true;
		break;
	}
}

static bool list_move_key(struct list *l, int key)
{
	size_t i;

	for (i = 0; i < LIST_BINDINGS; i++) {
		if (list_bindings[i].key == key) {
			list_do(l, list_bindings[i].op);
			return true;
		}
	}
	return false;
}

bool list_key(struct list *l, struct tui *t, int key)
{
	bool used;

	l->t = t;
	if (key == TK_ESC && l->to_end && tui_busy(t))
		return false; /* Esc cancels the page on its way: list_cancel */

	if (l->editing)
		used = list_filter_key(l, key);
	else if (key == TK_ESC && l->to_end) {
		list_end_stop(l);
		used = true;
	} else if (key == TK_ESC && l->filter[0] != '\0') {
		list_filter_clear(l);
		used = true;
	} else
		used = list_move_key(l, key);

	if (used)
		tui_dirty(t);
	return used;
}
