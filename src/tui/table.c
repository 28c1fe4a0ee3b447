/* SPDX-License-Identifier: MIT */
/* Column rows, headings and label-value lines. */
#include "table.h"

#include <stdio.h>

#include "draw.h"
#include "theme.h"

#define TABLE_LABEL_W 13

/* True when column @c is left out of a row @w cells wide. */
static bool table_dropped(const struct table_col *c, int w)
{
	return c->spare && w < TABLE_NARROW;
}

/*
 * The left edge of column @i and its width (0 when it is left out), in
 * @w cells from @x: the columns shown share all of @w.
 */
static int table_span(const struct table_col *cols, size_t n, size_t i, int x,
		      int w, int *width)
{
	int total = 0, left = 0;
	size_t j, last = 0;

	for (j = 0; j < n; j++) {
		if (table_dropped(&cols[j], w))
			continue;
		total += cols[j].share;
		last = j;
		if (j < i)
			left += cols[j].share;
	}
	*width = 0;
	if (total == 0 || table_dropped(&cols[i], w))
		return x;
	left = w * left / total;
	*width = i == last ? w - left : w * cols[i].share / total;
	return x + left;
}

void table_header(struct rect r, const struct table_col *cols, size_t n)
{
	attr_t attr = theme_attr(THEME_LABEL) | A_UNDERLINE;
	size_t i;

	draw_fill((struct rect){ r.y, r.x, 1, r.w }, theme_attr(THEME_NORMAL));
	for (i = 0; i < n; i++) {
		int w, x = table_span(cols, n, i, r.x + 1, r.w - 1, &w);

		if (w > 1)
			draw_text(r.y, x, w - 1, cols[i].title, attr);
	}
}

void table_row(int y, int x, int w, const struct table_col *cols,
	       const char *const *cells, size_t n, attr_t base, attr_t rest,
	       size_t from)
{
	size_t i;

	draw_fill((struct rect){ y, x, 1, w }, base);
	for (i = 0; i < n; i++) {
		int cw, cx = table_span(cols, n, i, x + 1, w - 1, &cw);

		if (cw > 1)
			draw_text(y, cx, cw - 1, cells[i],
				  base | (i >= from ? rest : 0));
	}
}

attr_t table_row_attr(bool selected, bool focused)
{
	if (!selected)
		return theme_attr(THEME_NORMAL);
	return theme_attr(focused ? THEME_SELECTED : THEME_SELECTED_IDLE);
}

void table_field(struct rect r, int *y, const char *label, const char *value)
{
	if (*y >= r.y + r.h)
		return;
	draw_text(*y, r.x + 1, TABLE_LABEL_W - 1, label,
		  theme_attr(THEME_LABEL));
	draw_text(*y, r.x + 1 + TABLE_LABEL_W, r.w - TABLE_LABEL_W - 2, value,
		  theme_attr(THEME_NORMAL));
	(*y)++;
}

void table_field_wrap(struct rect r, int *y, const char *label,
		      const char *value, int rows)
{
	int room = r.y + r.h - *y, used;

	if (room <= 0)
		return;
	draw_text(*y, r.x + 1, TABLE_LABEL_W - 1, label,
		  theme_attr(THEME_LABEL));
	used = draw_wrap(*y, r.x + 1 + TABLE_LABEL_W, r.w - TABLE_LABEL_W - 2,
			 rows < room ? rows : room, value,
			 theme_attr(THEME_NORMAL), false);
	*y += used > 0 ? used : 1;
}

void table_refused(struct tui *t, struct rect area, enum perm perm,
		   const char *what)
{
	enum scope scope = tui_scope(t);
	char line[200];

	snprintf(line, sizeof(line), "%ss cannot see %s %s: needs %s.",
		 role_label(tui_role(t, scope)), what,
		 scope == SCOPE_PROJECT ? "of this project" : "here",
		 role_label(perm_min_role(scope, perm)));
	draw_wrap(area.y + 1, area.x + 1, area.w - 2, area.h - 1, line,
		  theme_attr(THEME_LABEL), false);
}

void table_date(char out[TABLE_DATE_SIZE], time_t when, const char *none)
{
	struct tm tm;

	if (when == 0 || gmtime_r(&when, &tm) == NULL) {
		snprintf(out, TABLE_DATE_SIZE, "%s", none);
		return;
	}
	strftime(out, TABLE_DATE_SIZE, "%Y-%m-%d", &tm);
}
