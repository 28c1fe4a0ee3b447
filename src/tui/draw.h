/* SPDX-License-Identifier: MIT */
/*
 * Drawing on the one curses screen: clipped UTF-8 text, boxes and lines
 * in either Unicode line drawing or plain ASCII.
 *
 * Everything draws on stdscr; nothing here allocates or keeps pointers.
 * Text from the network goes through draw_text(), which shows control
 * characters as '?' so that no escape sequence reaches the terminal.
 */
#ifndef ORGDECK_TUI_DRAW_H
#define ORGDECK_TUI_DRAW_H

#include <stdbool.h>

#include <curses.h>

#include "tui.h"

/* The characters used for lines and marks. */
struct glyphs {
	const char *h, *v;	       /* horizontal, vertical lines */
	const char *tl, *tr, *bl, *br; /* corners */
	const char *crumb;	       /* between organization and project */
	const char *check, *uncheck;   /* check list marks */
	const char *more;	       /* text was cut here */
	const char *sep;	       /* between header fields */
	const char *spinner[4];
};

/* Picks the Unicode or the ASCII set. */
void draw_set_ascii(bool ascii);

/* The set in use. */
const struct glyphs *draw_glyphs(void);

/* Cells @s takes on screen (control characters count one). */
int draw_width(const char *s);

/*
 * Draws @s at @y,@x in at most @w cells with @attr; cuts it with the
 * "more" glyph when too long.  Returns the cells used.
 */
int draw_text(int y, int x, int w, const char *s, attr_t attr);

/* As draw_text() for at most @n bytes of @s. */
int draw_textn(int y, int x, int w, const char *s, size_t n, attr_t attr);

/* Formats then draws, as draw_text(). */
int draw_printf(int y, int x, int w, attr_t attr, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Draws @s word-wrapped to @w cells from @y,@x, at most @rows lines ('\n'
 * breaks a line).  Returns the lines it takes; draws nothing when @dry.
 */
int draw_wrap(int y, int x, int w, int rows, const char *s, attr_t attr,
	      bool dry);

/* Fills @r with blanks in @attr. */
void draw_fill(struct rect r, attr_t attr);

/* Draws @w cells of horizontal line at @y,@x. */
void draw_hline(int y, int x, int w, attr_t attr);

/* Draws the border of @r with @title in it, when @title is not NULL. */
void draw_box(struct rect r, const char *title, attr_t border,
	      attr_t title_attr);

/* The inside of a box drawn around @r. */
struct rect draw_inner(struct rect r);

/* A rectangle of @h by @w centred on the screen, clipped to it. */
struct rect draw_centre(int h, int w);

#endif
