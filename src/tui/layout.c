/* SPDX-License-Identifier: MIT */
/*
 * The screen's layout and the parts of it that belong to no pane: header,
 * tab bar, footer, status line and the message shown when the terminal is
 * too small.
 */
#include "app.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "action.h"
#include "draw.h"
#include "pane.h"
#include "theme.h"

#define LAYOUT_MIN_ROWS 24
#define LAYOUT_MIN_COLS 80

static int layout_left_width(int cols)
{
	int w = cols / 4;

	return w < 22 ? 22 : w > 34 ? 34 : w;
}

static void layout_compute(struct tui *t)
{
	struct app_layout *l = &t->lay;
	int body = LINES - 3, lw = layout_left_width(COLS);
	int orgs_h = body * 2 / 5 < 6 ? 6 : body * 2 / 5;
	int main_h = body - 1, detail_h = main_h / 3 < 7 ? 7 : main_h / 3;

	l->header = (struct rect){ 0, 0, 1, COLS };
	l->orgs = (struct rect){ 1, 0, orgs_h, lw };
	l->projects = (struct rect){ 1 + orgs_h, 0, body - orgs_h, lw };
	l->tabs = (struct rect){ 1, lw, 1, COLS - lw };
	l->main = (struct rect){ 2, lw, main_h - detail_h, COLS - lw };
	l->detail =
		(struct rect){ 2 + main_h - detail_h, lw, detail_h, COLS - lw };
	l->footer = (struct rect){ LINES - 2, 0, 1, COLS };
	l->status = (struct rect){ LINES - 1, 0, 1, COLS };
}

/* "Acme ▸ Prod" and the role held there, for the header. */
static void layout_where(const struct tui *t, char *out, size_t size)
{
	const struct model_org *org = tui_org(t);
	const struct model_project *prj = tui_project(t);
	enum role role = tui_role(t, tui_scope(t));

	if (org == NULL) {
		snprintf(out, size, "%s", t->me_loading ? "Signing in" : "");
		return;
	}
	snprintf(out, size, "%s%s%s%s%s", org->name,
		 prj ? draw_glyphs()->crumb : "", prj ? prj->name : "",
		 draw_glyphs()->sep, role_label(role));
}

static void layout_header(const struct tui *t, struct rect r)
{
	const struct glyphs *g = draw_glyphs();
	attr_t attr = theme_attr(THEME_HEADER);
	char where[300], who[400];
	int x = r.x;

	draw_fill(r, attr);
	x += draw_text(r.y, x, r.w, " orgdeck", attr | A_BOLD);
	snprintf(who, sizeof(who), "%s%s%s%s", g->sep,
		 t->profile[0] ? t->profile : "", t->profile[0] ? "@" : "",
		 t->server);
	x += draw_text(r.y, x, r.w - x, who, attr);
	layout_where(t, where, sizeof(where));
	x += draw_text(r.y, x, r.w - x, g->sep, attr);
	draw_text(r.y, x, r.w - x, where, attr);

	if (t->me != NULL && t->me->invitation_count > 0) {
		char inv[64];
		int w;

		snprintf(inv, sizeof(inv), "%zu invitation%s for you (I) ",
			 t->me->invitation_count,
			 t->me->invitation_count == 1 ? "" : "s");
		w = draw_width(inv);
		if (x + w < r.w)
			draw_text(r.y, r.w - w, w, inv, attr);
	}
}

/* How the tab bar is drawn: titles full or short, padded or tight. */
struct layout_tab_style {
	bool shorter;
	int pad; /* blanks each side of a tab's label */
};

static const char *layout_tab_title(const struct pane_ops *p, bool shorter)
{
	return shorter && p->short_title ? p->short_title : p->title;
}

/* Width of the tab bar in @style: "N title" plus padding and a gap. */
static int layout_tabs_width(struct layout_tab_style style)
{
	size_t i;
	int w = 1;

	for (i = 0; i < pane_tab_count(); i++)
		w += 2 +
		     draw_width(layout_tab_title(pane_tab(i), style.shorter)) +
		     2 * style.pad + 1;
	return w;
}

/* The roomiest style that fits @w cells. */
static struct layout_tab_style layout_tab_fit(int w)
{
	static const struct layout_tab_style styles[] = {
		{ false, 1 },
		{ true, 1 },
		{ true, 0 },
	};
	size_t i;

	for (i = 0; i < 2; i++)
		if (layout_tabs_width(styles[i]) <= w)
			return styles[i];
	return styles[2];
}

static void layout_tabs(struct tui *t, struct rect r)
{
	struct layout_tab_style style = layout_tab_fit(r.w);
	int x = r.x + 1, end = r.x + r.w;
	size_t i;

	draw_fill(r, theme_attr(THEME_NORMAL));
	for (i = 0; i < pane_tab_count() && x < end; i++) {
		const char *title =
			layout_tab_title(pane_tab(i), style.shorter);
		attr_t attr =
			theme_attr(i == t->tab ? THEME_TAB_ACTIVE : THEME_TAB);
		char label[80];

		snprintf(label, sizeof(label), "%*s%zu %s%*s", style.pad, "",
			 i + 1, title, style.pad, "");
		if (i < sizeof(t->lay.tab_x) / sizeof(int))
			t->lay.tab_x[i] = x;
		x += draw_text(r.y, x, end - x, label, attr) + 1;
	}
	t->lay.tab_end = x;
}

/* Draws the box of a pane and the pane inside it. */
static void layout_pane(struct tui *t, const struct pane_ops *p, struct rect r,
			bool focused, const char *title)
{
	enum theme_el border = focused ? THEME_BORDER_FOCUS : THEME_BORDER;
	enum theme_el head = focused ? THEME_TITLE_FOCUS : THEME_TITLE;

	draw_box(r, title, theme_attr(border), theme_attr(head));
	if (p->draw != NULL)
		p->draw(t, draw_inner(r), focused);
}

static void layout_detail(struct tui *t, struct rect r)
{
	const struct pane_ops *p = pane_tab(t->tab);

	draw_box(r, "Details", theme_attr(THEME_BORDER),
		 theme_attr(THEME_TITLE));
	if (p->detail != NULL)
		p->detail(t, draw_inner(r));
}

static void layout_status(struct tui *t, struct rect r)
{
	static const enum theme_el levels[] = {
		[STATUS_INFO] = THEME_STATUS_INFO,
		[STATUS_OK] = THEME_STATUS_OK,
		[STATUS_WARN] = THEME_STATUS_WARN,
		[STATUS_ERROR] = THEME_STATUS_ERROR,
	};
	int right = 0;

	draw_fill(r, theme_attr(THEME_NORMAL));
	if (tui_busy(t)) {
		char busy[64];

		snprintf(busy, sizeof(busy), "%s Loading (Esc cancels) ",
			 draw_glyphs()->spinner[t->spin % 4]);
		right = draw_width(busy);
		draw_text(r.y, r.x + r.w - right, right, busy,
			  theme_attr(THEME_ACCENT));
	}
	if (t->status[0] != '\0')
		draw_text(r.y, r.x + 1, r.w - right - 2, t->status,
			  theme_attr(levels[t->status_level]));
}

static void layout_too_small(struct tui *t)
{
	char line[128];
	int w;

	erase();
	snprintf(line, sizeof(line),
		 "orgdeck needs at least %dx%d; this terminal is %dx%d",
		 LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, COLS, LINES);
	w = draw_wrap(0, 0, COLS - 2, LINES, line, 0, true);
	draw_wrap(LINES / 2 - w / 2, 1, COLS - 2, LINES, line,
		  theme_attr(THEME_STATUS_WARN), false);
	if (LINES / 2 + w < LINES)
		draw_text(LINES / 2 + w, 1, COLS - 2, "Press q to quit.",
			  theme_attr(THEME_LABEL));
	t->cur_y = -1;
}

/* Draws the dialog stack, the bottom one first. */
static void layout_dialogs(struct tui *t, struct dialog *d)
{
	if (d == NULL)
		return;
	layout_dialogs(t, d->next);
	t->cur_y = -1;
	d->ops->draw(d, t);
}

static void layout_place_cursor(const struct tui *t)
{
	if (t->cur_y < 0) {
		curs_set(0);
		return;
	}
	curs_set(1);
	move(t->cur_y, t->cur_x);
}

void layout_draw(struct tui *t)
{
	struct app_layout *l = &t->lay;
	size_t tab = t->tab;

	t->n_secrets = 0;
	t->cur_y = -1;
	t->too_small = LINES < LAYOUT_MIN_ROWS || COLS < LAYOUT_MIN_COLS;
	if (t->too_small) {
		layout_too_small(t);
		refresh();
		return;
	}

	layout_compute(t);
	erase();
	layout_header(t, l->header);
	layout_pane(t, pane_at(0), l->orgs, t->focus == FOCUS_ORGS,
		    "Organizations");
	layout_pane(t, pane_at(1), l->projects, t->focus == FOCUS_PROJECTS,
		    "Projects");
	layout_tabs(t, l->tabs);
	layout_pane(t, pane_tab(tab), l->main, t->focus == FOCUS_MAIN,
		    pane_tab(tab)->title);
	layout_detail(t, l->detail);
	action_draw_footer(t, l->footer, app_focused(t)->actions);
	layout_status(t, l->status);
	layout_dialogs(t, t->dialogs);
	layout_place_cursor(t);
	refresh();
}
