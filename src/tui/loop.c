/* SPDX-License-Identifier: MIT */
/*
 * The one event loop: poll() on the keyboard, the signal pipe and the API
 * client's sockets together, with the client's timeout, so that no key
 * ever waits for the network.
 */
#include "app.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#include <curses.h>

#include "orgdeck/log.h"

#include "pane.h"
#include "script.h"
#include "signin.h"
#include "term.h"

#define LOOP_API_FDS 64
#define LOOP_SPIN_MS 120

/* The earliest of the deadlines the loop keeps, in milliseconds. */
static int loop_timeout(struct tui *t, int api_ms)
{
	int ms = api_ms;
	double now = app_now();

	if (t->status[0] != '\0') {
		int left = (int)((t->status_until - now) * 1000) + 1;

		if (left < 0)
			left = 0;
		if (ms < 0 || left < ms)
			ms = left;
	}
	if (tui_busy(t) && (ms < 0 || ms > LOOP_SPIN_MS))
		ms = LOOP_SPIN_MS;
	if (t->script != NULL) {
		int s = script_timeout(t->script);

		if (s >= 0 && (ms < 0 || s < ms))
			ms = s;
	}
	return ms;
}

/* Clears an old status message and turns the spinner. */
static void loop_tick(struct tui *t)
{
	if (t->status[0] != '\0' && app_now() >= t->status_until) {
		t->status[0] = '\0';
		t->dirty = true;
	}
	if (tui_busy(t)) {
		t->spin++;
		t->dirty = true;
	}
}

static int loop_translate(int got, wint_t wc)
{
	if (got == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return TK_ENTER;
		if (wc == KEY_BACKSPACE)
			return TK_BACKSPACE;
		return TK((int)wc);
	}
	if (wc == '\r')
		return TK_ENTER;
	if (wc == 8)
		return TK_BACKSPACE;
	return (int)wc;
}

static bool loop_in(struct rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* The tab whose label is at column @x of the tab bar, or -1. */
static int loop_tab_at(const struct tui *t, int x)
{
	size_t i, n = pane_tab_count();

	if (n > sizeof(t->lay.tab_x) / sizeof(int))
		n = sizeof(t->lay.tab_x) / sizeof(int);
	for (i = n; i-- > 0;)
		if (x >= t->lay.tab_x[i] && x < t->lay.tab_end)
			return (int)i;
	return -1;
}

/* A click: the tab under it is shown, or the pane under it takes the
 * focus and selects the row clicked. */
static void loop_click(struct tui *t, int y, int x)
{
	const struct app_layout *l = &t->lay;
	int tab;

	if (loop_in(l->tabs, y, x)) {
		tab = loop_tab_at(t, x);
		if (tab >= 0)
			app_tab(t, (size_t)tab);
		return;
	}
	if (loop_in(l->orgs, y, x))
		app_focus(t, FOCUS_ORGS);
	else if (loop_in(l->projects, y, x))
		app_focus(t, FOCUS_PROJECTS);
	else if (loop_in(l->main, y, x))
		app_focus(t, FOCUS_MAIN);
	else
		return;
	if (app_focused(t)->click != NULL)
		app_focused(t)->click(t, y, x);
}

/* A mouse event: clicks select, the wheel moves through the list. */
static void loop_mouse(struct tui *t)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || t->dialogs != NULL || t->too_small)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		app_key(t, 'k');
	else if (ev.bstate & BUTTON5_PRESSED)
		app_key(t, 'j');
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		loop_click(t, ev.y, ev.x);
	t->dirty = true;
}

/* Reads every key waiting on the keyboard. */
static void loop_keys(struct tui *t)
{
	for (;;) {
		wint_t wc;
		int got = get_wch(&wc);
		int key;

		if (got == ERR)
			return;
		if (t->script != NULL)
			continue; /* the script is the keyboard */
		key = loop_translate(got, wc);
		if (key == TK(KEY_MOUSE))
			loop_mouse(t);
		else
			app_key(t, key);
		if (t->quit)
			return;
	}
}

static void loop_signals(struct tui *t)
{
	int got = term_signals();

	if (got & TERM_SIG_QUIT) {
		log_info("leaving on a signal");
		tui_quit(t);
	}
	if (got & TERM_SIG_RESIZE) {
		term_resize();
		t->dirty = true;
	}
}

/* Gives the script its turn once the screen is up to date. */
static void loop_script(struct tui *t)
{
	int ran;

	if (t->script == NULL)
		return;
	if (t->dirty) {
		layout_draw(t);
		t->dirty = false;
	}
	ran = script_step(t->script, t);
	if (ran < 0) {
		if (script_error(t->script) != NULL)
			t->exit_code = 3;
		tui_quit(t);
	}
}

/* One turn: wait for something, then handle all of it. */
static int loop_turn(struct tui *t)
{
	struct pollfd fds[2 + LOOP_API_FDS];
	int api_ms = -1, ms;
	size_t n;

	fds[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = term_signal_fd(), .events = POLLIN };
	n = t->api ? api_pollfds(t->api, fds + 2, LOOP_API_FDS, &api_ms) : 0;
	if (n > LOOP_API_FDS)
		n = LOOP_API_FDS;
	ms = loop_timeout(t, api_ms);
	if (t->script != NULL && !tui_busy(t) && script_timeout(t->script) < 0)
		ms = 0;

	if (poll(fds, 2 + n, ms) < 0 && errno != EINTR) {
		log_error("poll: %s", strerror(errno));
		return -1;
	}
	loop_signals(t);
	if (t->api != NULL)
		api_perform(t->api, fds + 2, n);
	if (fds[0].revents != 0)
		loop_keys(t);
	loop_tick(t);
	return 0;
}

int loop_run(struct tui *t)
{
	t->dirty = true;
	if (t->opt.signin)
		signin_open(t, t->opt.profile);
	else
		session_start(t);
	while (!t->quit) {
		if (t->dirty) {
			layout_draw(t);
			t->dirty = false;
		}
		if (loop_turn(t) < 0)
			return -1;
		loop_script(t);
	}
	return 0;
}
