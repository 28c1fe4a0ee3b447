/* SPDX-License-Identifier: MIT */
/*
 * The list widget: selection, scrolling, paging and filtering over rows a
 * pane holds.  It draws only the rows that are visible and asks the pane
 * for the next page when the selection comes near the end of what is
 * loaded.
 *
 * G goes to the end of the whole list, not just of the rows loaded: while
 * the server has more it asks for one page after another (each a normal
 * request, so keys keep working), keeps the last row selected and says on
 * the status line how far it got.  Esc stops it; so does any other
 * movement key.
 *
 * Filtering with '/': while the whole list is loaded the rows are filtered
 * here as the user types; when the server has more, Enter sends the text to
 * the server (ops->query, the API's q=) and the pane reloads.
 *
 * The list owns only its index array; the rows stay the pane's.
 */
#ifndef ORGDECK_TUI_LIST_H
#define ORGDECK_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

#define LIST_FILTER_MAX 128

struct list_ops {
	/* Text the local filter matches (name, email); NULL matches none. */
	const char *(*text)(void *ctx, size_t row);
	/* Draws @row in @w cells at @y,@x. */
	void (*draw_row)(void *ctx, size_t row, int y, int x, int w,
			 bool selected, bool focused);
	/* Loads the next page (the pane calls list_set_count on arrival). */
	void (*more)(void *ctx);
	/* Reloads with a server-side filter; "" clears it.  May be NULL. */
	void (*query)(void *ctx, const char *q);
};

struct list {
	const struct list_ops *ops;
	void *ctx;
	size_t count;  /* rows the pane holds */
	size_t *shown; /* indexes of rows passing the filter */
	size_t n_shown;
	size_t sel;    /* position in shown */
	size_t top;    /* first shown position on screen */
	int height;    /* rows visible at the last draw */
	int top_y;     /* screen row of the first of them */
	bool has_more; /* the server has rows after these */
	bool loading;  /* a page is on its way */
	bool editing;  /* the filter line has the keys */
	bool remote;   /* the filter was sent to the server */
	bool to_end;   /* G: reading pages until the server has no more */
	struct tui *t; /* from the last key, for the status line */
	char filter[LIST_FILTER_MAX];
	const char *empty; /* shown when there is no row */
};

/* Sets up @l; allocates nothing yet. */
void list_init(struct list *l, const struct list_ops *ops, void *ctx,
	       const char *empty);

/* Frees the index array. */
void list_release(struct list *l);

/* Forgets all rows and the selection, and stops G (the filter stays). */
void list_clear(struct list *l);

/*
 * The pane now holds @count rows and the server @has_more: re-applies the
 * filter and keeps the selected row selected.  While G is going to the
 * end, selects the last row and asks for the next page.  Returns 0, or -1
 * when out of memory (the list then shows nothing).
 */
int list_set_count(struct list *l, size_t count, bool has_more);

/* The selected row's index in the pane's rows; false when there is none. */
bool list_selected(const struct list *l, size_t *row);

/* Selects the pane row @row if shown. */
void list_select(struct list *l, size_t row);

/* Draws the visible rows into @area; places the cursor on the selection. */
void list_draw(struct list *l, struct tui *t, struct rect area, bool focused);

/* Selects the row drawn at screen row @y.  Returns true when there was
 * one. */
bool list_click(struct list *l, int y);

/* Requests were cancelled (Esc): nothing is loading, and G stops where it
 * got to. */
void list_cancel(struct list *l);

/* Handles movement and filter keys.  Returns true when @key was used. */
bool list_key(struct list *l, struct tui *t, int key);

/* Calls @fn with the keys and meaning of each list key, for help. */
void list_help(void (*fn)(const char *keys, const char *what, void *ctx),
	       void *ctx);

/* Rows a page key moves by, given the last drawn height. */
size_t list_page(const struct list *l);

#endif
