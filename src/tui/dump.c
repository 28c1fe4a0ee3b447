/* SPDX-License-Identifier: MIT */
/* Script-mode screen dumps with attributes, secrets masked. */
#include "dump.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "app.h"

#define DUMP_COLS_MAX 1024
/* Shortest run after "odk_xxx_" that is taken for a token's body. */
#define DUMP_TOKEN_RUN 8

static bool dump_in(struct rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* True when the cell at @y,@x must not be written. */
static bool dump_masked(const struct tui *t, int y, int x)
{
	const struct dialog *d;
	size_t i;

	for (i = 0; i < t->n_secrets; i++)
		if (dump_in(t->secrets[i], y, x))
			return true;
	for (d = t->dialogs; d != NULL; d = d->next)
		if (d->nodump && dump_in(d->area, y, x))
			return true;
	return false;
}

static char dump_letter(attr_t a)
{
	if (a & A_DIM)
		return 'd';
	if (a & A_REVERSE)
		return 'r';
	if (a & A_BOLD)
		return 'b';
	if (a & A_UNDERLINE)
		return 'u';
	return ' ';
}

/* Replaces the body of anything shaped like an orgdeck token with '*'. */
static void dump_scrub(char *text)
{
	char *p = text;

	for (p = strstr(p, "odk_"); p != NULL; p = strstr(p, "odk_")) {
		char *body = p + 4;
		size_t run;

		if (strlen(body) < 4 || body[3] != '_') {
			p += 4;
			continue;
		}
		body += 4;
		for (run = 0; isalnum((unsigned char)body[run]); run++)
			continue;
		if (run >= DUMP_TOKEN_RUN)
			memset(body, '*', run);
		p = body + run;
	}
}

/* Reads the cell at @y,@x of what curses drew; returns its width. */
static int dump_cell(int y, int x, wchar_t *wc, attr_t *attr)
{
	wchar_t text[CCHARW_MAX + 1];
	cchar_t cc;
	short pair;
	int w;

	*wc = L' ';
	*attr = 0;
	if (mvwin_wch(curscr, y, x, &cc) == ERR)
		return 1;
	if (getcchar(&cc, text, attr, &pair, NULL) == ERR || text[0] == 0)
		return 1;
	*wc = text[0];
	w = wcwidth(*wc);
	return w < 1 ? 1 : w;
}

static void dump_row(const struct tui *t, FILE *f, int y, int cols)
{
	char text[DUMP_COLS_MAX * MB_LEN_MAX + 1], attrs[DUMP_COLS_MAX + 1];
	size_t tlen = 0, alen = 0;
	mbstate_t st;
	int x = 0;

	memset(&st, 0, sizeof(st));
	while (x < cols && alen < DUMP_COLS_MAX) {
		wchar_t wc;
		attr_t a;
		int w = dump_cell(y, x, &wc, &a);
		size_t n;

		if (dump_masked(t, y, x) || wc < L' ')
			wc = dump_masked(t, y, x) ? L'*' : L'?';
		n = wcrtomb(text + tlen, wc, &st);
		if (n == (size_t)-1) {
			text[tlen] = '?';
			n = 1;
		}
		tlen += n;
		attrs[alen++] = dump_letter(a);
		x += w;
	}
	text[tlen] = '\0';
	attrs[alen] = '\0';
	dump_scrub(text);
	fprintf(f, "%s\n%s\n", text, attrs);
}

int dump_write(struct tui *t, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int oy, ox, y, cols = COLS < DUMP_COLS_MAX ? COLS : DUMP_COLS_MAX;
	FILE *f;
	int result = 0;

	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		return -1;
	}

	getyx(curscr, oy, ox);
	for (y = 0; y < LINES; y++)
		dump_row(t, f, y, cols);
	wmove(curscr, oy, ox);

	if (fclose(f) != 0)
		result = -1;
	return result;
}
