/* SPDX-License-Identifier: MIT */
/* Clipped text, boxes and lines on the curses screen. */
#include "draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define DRAW_MAX_CELLS 512

static const struct glyphs draw_unicode = {
	.h = "\u2500",
	.v = "\u2502",
	.tl = "\u250c",
	.tr = "\u2510",
	.bl = "\u2514",
	.br = "\u2518",
	.crumb = " \u25b8 ",
	.check = "[\u2713]",
	.uncheck = "[ ]",
	.more = "\u2026",
	.sep = " \u2502 ",
	.spinner = { "\u280b", "\u2819", "\u2838", "\u2834" },
};

static const struct glyphs draw_ascii = {
	.h = "-",
	.v = "|",
	.tl = "+",
	.tr = "+",
	.bl = "+",
	.br = "+",
	.crumb = " > ",
	.check = "[x]",
	.uncheck = "[ ]",
	.more = "~",
	.sep = " | ",
	.spinner = { "|", "/", "-", "\\" },
};

static const struct glyphs *draw_current = &draw_unicode;

void draw_set_ascii(bool ascii)
{
	draw_current = ascii ? &draw_ascii : &draw_unicode;
}

const struct glyphs *draw_glyphs(void)
{
	return draw_current;
}

/* Decodes the next character of @s (at most @n bytes); control characters
 * and bytes that do not decode come back as '?'.  Returns bytes used. */
static size_t draw_next(wchar_t *wc, const char *s, size_t n)
{
	mbstate_t st;
	size_t used;

	memset(&st, 0, sizeof(st));
	used = mbrtowc(wc, s, n, &st);
	if (used == (size_t)-1 || used == (size_t)-2 || used == 0) {
		*wc = L'?';
		return 1;
	}
	if (wcwidth(*wc) < 0)
		*wc = L'?';
	return used;
}

static int draw_cells(wchar_t wc)
{
	int w = wcwidth(wc);

	return w < 0 ? 1 : w;
}

int draw_width(const char *s)
{
	size_t n = strlen(s);
	int cells = 0;
	wchar_t wc;

	while (n > 0) {
		size_t used = draw_next(&wc, s, n);

		cells += draw_cells(wc);
		s += used;
		n -= used;
	}
	return cells;
}

/* Converts up to @w cells of @s into @out; sets *@cut when some is left. */
static int draw_convert(wchar_t *out, int room, const char *s, size_t n, int w,
			bool *cut)
{
	int cells = 0, len = 0;
	wchar_t wc;

	*cut = false;
	while (n > 0 && len + 1 < room) {
		size_t used = draw_next(&wc, s, n);
		int cw = draw_cells(wc);

		if (cells + cw > w) {
			*cut = true;
			break;
		}
		out[len++] = wc;
		cells += cw;
		s += used;
		n -= used;
	}
	out[len] = L'\0';
	return len;
}

/* Backs off characters until the "more" glyph fits in @w cells. */
static void draw_make_room(wchar_t *text, int *len, int w)
{
	int cells = 0, i;

	for (i = 0; i < *len; i++)
		cells += draw_cells(text[i]);
	while (*len > 0 && cells + 1 > w)
		cells -= draw_cells(text[--*len]);
	text[*len] = L'\0';
}

int draw_textn(int y, int x, int w, const char *s, size_t n, attr_t attr)
{
	wchar_t text[DRAW_MAX_CELLS + 1];
	bool cut;
	int len, cells;

	if (w <= 0 || y < 0 || x < 0 || y >= LINES || x >= COLS)
		return 0;
	if (w > COLS - x)
		w = COLS - x;
	if (w > DRAW_MAX_CELLS)
		w = DRAW_MAX_CELLS;

	len = draw_convert(text, DRAW_MAX_CELLS + 1, s, n, w, &cut);
	if (cut)
		draw_make_room(text, &len, w);

	attrset(attr);
	mvaddnwstr(y, x, text, len);
	cells = wcswidth(text, (size_t)len);
	if (cells < 0)
		cells = len;
	if (cut) {
		addstr(draw_current->more);
		cells++;
	}
	attrset(A_NORMAL);
	return cells;
}

int draw_text(int y, int x, int w, const char *s, attr_t attr)
{
	return draw_textn(y, x, w, s, strlen(s), attr);
}

int draw_printf(int y, int x, int w, attr_t attr, const char *fmt, ...)
{
	char line[DRAW_MAX_CELLS * 4];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return draw_text(y, x, w, line, attr);
}

void draw_fill(struct rect r, attr_t attr)
{
	int row;

	attrset(attr);
	for (row = r.y; row < r.y + r.h && row < LINES; row++) {
		if (row < 0 || r.w <= 0)
			continue;
		mvhline(row, r.x, ' ', r.x + r.w > COLS ? COLS - r.x : r.w);
	}
	attrset(A_NORMAL);
}

void draw_hline(int y, int x, int w, attr_t attr)
{
	int i;

	if (y < 0 || y >= LINES)
		return;

	attrset(attr);
	for (i = 0; i < w && x + i < COLS; i++)
		mvaddstr(y, x + i, draw_current->h);
	attrset(A_NORMAL);
}

/* Draws the four corners and the two upright sides of @r. */
static void draw_sides(struct rect r, attr_t attr)
{
	const struct glyphs *g = draw_current;
	int row;

	attrset(attr);
	mvaddstr(r.y, r.x, g->tl);
	mvaddstr(r.y, r.x + r.w - 1, g->tr);
	mvaddstr(r.y + r.h - 1, r.x, g->bl);
	mvaddstr(r.y + r.h - 1, r.x + r.w - 1, g->br);
	for (row = r.y + 1; row < r.y + r.h - 1; row++) {
		mvaddstr(row, r.x, g->v);
		mvaddstr(row, r.x + r.w - 1, g->v);
	}
	attrset(A_NORMAL);
}

void draw_box(struct rect r, const char *title, attr_t border,
	      attr_t title_attr)
{
	if (r.h < 2 || r.w < 2)
		return;

	draw_hline(r.y, r.x + 1, r.w - 2, border);
	draw_hline(r.y + r.h - 1, r.x + 1, r.w - 2, border);
	draw_sides(r, border);

	if (title != NULL && r.w > 6) {
		draw_text(r.y, r.x + 2, 1, " ", border);
		int n = draw_text(r.y, r.x + 3, r.w - 6, title, title_attr);
		draw_text(r.y, r.x + 3 + n, 1, " ", border);
	}
}

struct rect draw_inner(struct rect r)
{
	struct rect in = { r.y + 1, r.x + 1, r.h - 2, r.w - 2 };

	if (in.h < 0)
		in.h = 0;
	if (in.w < 0)
		in.w = 0;
	return in;
}

struct rect draw_centre(int h, int w)
{
	struct rect r;

	if (h > LINES)
		h = LINES;
	if (w > COLS)
		w = COLS;
	r.h = h;
	r.w = w;
	r.y = (LINES - h) / 2;
	r.x = (COLS - w) / 2;
	return r;
}

/* Length in bytes of the next word of @s (up to a space or new line). */
static size_t draw_word(const char *s)
{
	return strcspn(s, " \n");
}

/* Bytes of @s that fit on one line of @w cells, breaking between words;
 * a word longer than the line is cut. */
static size_t draw_line_fit(const char *s, int w)
{
	size_t end = 0, fit = 0;
	char line[DRAW_MAX_CELLS * 4];

	while (s[end] != '\0' && s[end] != '\n') {
		size_t next = end + strspn(s + end, " ");

		next += draw_word(s + next);
		if (next >= sizeof(line))
			break;
		memcpy(line, s, next);
		line[next] = '\0';
		if (draw_width(line) > w)
			break;
		fit = end = next;
	}
	if (fit == 0 && s[0] != '\n' && s[0] != '\0')
		fit = draw_word(s) ? draw_word(s) : 1;
	return fit;
}

int draw_wrap(int y, int x, int w, int rows, const char *s, attr_t attr,
	      bool dry)
{
	int lines = 0;

	while (*s != '\0' && lines < rows) {
		size_t n = draw_line_fit(s, w);

		if (!dry)
			draw_textn(y + lines, x, w, s, n, attr);
		lines++;
		s += n;
		if (*s == '\n')
			s++;
		else
			s += strspn(s, " ");
	}
	return lines;
}
