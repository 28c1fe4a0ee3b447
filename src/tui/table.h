/* SPDX-License-Identifier: MIT */
/*
 * Rows of columns and label-value lines, for the tabs whose rows have
 * several fields (API keys, connections, secrets, AuthKit, activity) and
 * for their detail panels.  Widths are shares of the room there is, and a
 * narrow screen leaves out the columns marked spare, so a table reads at
 * 80 columns as well as at 200.
 *
 * Nothing here allocates or keeps a pointer.
 */
#ifndef ORGDECK_TUI_TABLE_H
#define ORGDECK_TUI_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <curses.h>

#include "tui.h"

/* Room for table_date()'s text. */
#define TABLE_DATE_SIZE 16

/* Rows narrower than this leave out the spare columns. */
#define TABLE_NARROW 80

/* One column: its heading, its share of the width (in percent of the
 * columns shown), and whether a narrow row leaves it out. */
struct table_col {
	const char *title;
	int share;
	bool spare;
};

/* Draws the headings of @n @cols on line @r.y. */
void table_header(struct rect r, const struct table_col *cols, size_t n);

/*
 * Draws one row of @n @cells in @w cells at @y,@x: the whole row in @base,
 * with the cells from @from on also in @rest (e.g. the label colour).
 */
void table_row(int y, int x, int w, const struct table_col *cols,
	       const char *const *cells, size_t n, attr_t base, attr_t rest,
	       size_t from);

/* The attribute of a list row: selected (focused or not) or normal. */
attr_t table_row_attr(bool selected, bool focused);

/* Draws "label  value" on line *@y of @r and moves *@y down; nothing once
 * *@y is past @r. */
void table_field(struct rect r, int *y, const char *label, const char *value);

/* As table_field() with @value wrapped over up to @rows lines. */
void table_field_wrap(struct rect r, int *y, const char *label,
		      const char *value, int rows);

/*
 * Says in @area why the rows are not shown: "Members cannot see the
 * API keys here: needs Manager." for @perm, which the open scope's actions
 * lack, and @what ("the API keys").
 */
void table_refused(struct tui *t, struct rect area, enum perm perm,
		   const char *what);

/* Writes @when as "2026-12-03", or @none when 0. */
void table_date(char out[TABLE_DATE_SIZE], time_t when, const char *none);

#endif
