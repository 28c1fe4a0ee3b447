/* SPDX-License-Identifier: MIT */
/*
 * The console's state from start to end: setting it up, routing each key
 * to the dialog, pane or action it belongs to, and the global actions.
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "action.h"
#include "help.h"
#include "palette.h"
#include "pane.h"
#include "script.h"
#include "theme.h"

double app_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int app_init(struct tui *t, const struct app_options *opt, char *err,
	     size_t errlen)
{
	struct api_options ao = { 0 };

	memset(t, 0, sizeof(*t));
	t->opt = *opt;
	t->focus = FOCUS_MAIN;
	t->cur_y = t->cur_x = -1;
	snprintf(t->server, sizeof(t->server), "%s",
		 opt->server ? opt->server : "");
	snprintf(t->profile, sizeof(t->profile), "%s",
		 opt->profile ? opt->profile : "");

	if (opt->signin)
		return 0; /* signin.c makes the client */
	ao.base_url = opt->server;
	ao.ca_file = opt->ca_file;
	ao.token = opt->token;
	t->api = api_new(&ao);
	if (t->api == NULL) {
		snprintf(err, errlen, "cannot use server \"%s\"", t->server);
		return -1;
	}
	return 0;
}

void app_free(struct tui *t)
{
	while (t->dialogs != NULL)
		tui_dialog_pop(t);
	pane_close_all(t);
	api_free(&t->api);
	model_me_free(&t->me);
	model_page_free(&t->projects);
	script_free(&t->script);
}

const struct pane_ops *app_focused(const struct tui *t)
{
	if (t->focus == FOCUS_ORGS)
		return pane_at(0);
	if (t->focus == FOCUS_PROJECTS)
		return pane_at(1);
	return pane_tab(t->tab);
}

void app_focus(struct tui *t, enum app_focus focus)
{
	t->focus = focus;
	if (focus == FOCUS_MAIN)
		pane_show_tab(t, t->tab);
	tui_dirty(t);
}

void app_tab(struct tui *t, size_t i)
{
	if (i >= pane_tab_count())
		return;
	t->tab = i;
	app_focus(t, FOCUS_MAIN);
}

void app_cancel(struct tui *t)
{
	size_t i, n = t->n_tracked < APP_TRACKED ? t->n_tracked : APP_TRACKED;
	int cancelled = 0;

	for (i = 0; i < n; i++)
		if (api_cancel(t->api, t->tracked[i]) == 0)
			cancelled++;
	t->n_tracked = 0;
	t->me_loading = false;
	t->projects_loading = false;

	/* Said first, so that a pane can say more (where G stopped). */
	tui_status(t, STATUS_INFO, "Cancelled %d request%s", cancelled,
		   cancelled == 1 ? "" : "s");
	pane_cancel_all(t);
}

/* Keys that still work on a terminal too small to draw on. */
static void app_key_tiny(struct tui *t, int key)
{
	if (key == 'q' || key == TK_CTRL('c'))
		tui_quit(t);
}

static void app_key_dialog(struct tui *t, int key)
{
	struct dialog *d = t->dialogs;

	if (!d->ops->key(d, t, key))
		tui_dialog_remove(t, d);
}

void app_key(struct tui *t, int key)
{
	const struct pane_ops *p = app_focused(t);
	const struct action *a;

	tui_dirty(t);
	if (key == TK(KEY_RESIZE))
		return;
	if (t->too_small) {
		app_key_tiny(t, key);
		return;
	}
	if (t->dialogs != NULL) {
		app_key_dialog(t, key);
		return;
	}
	if (p->key != NULL && p->key(t, key))
		return;
	if (key == TK_ESC && tui_busy(t)) {
		app_cancel(t);
		return;
	}

	a = action_by_key(p->actions, key);
	if (a == NULL)
		a = action_by_key(app_actions, key);
	if (a != NULL)
		tui_action_run(t, a, NULL);
}

/* ---- the global actions ---- */

static void app_do_quit(struct tui *t, const char *arg)
{
	(void)arg;
	tui_quit(t);
}

static void app_do_help(struct tui *t, const char *arg)
{
	(void)arg;
	help_open(t);
}

static void app_do_palette(struct tui *t, const char *arg)
{
	palette_open(t, arg);
}

static void app_do_refresh(struct tui *t, const char *arg)
{
	(void)arg;
	tui_status(t, STATUS_INFO, "Refreshing");
	tui_refresh(t);
}

static void app_do_next(struct tui *t, const char *arg)
{
	(void)arg;
	app_focus(t, (enum app_focus)((t->focus + 1) % FOCUS__COUNT));
}

static void app_do_prev(struct tui *t, const char *arg)
{
	(void)arg;
	app_focus(t, (enum app_focus)((t->focus + FOCUS__COUNT - 1) %
				      FOCUS__COUNT));
}

static void app_do_theme(struct tui *t, const char *arg)
{
	char err[256];

	if (arg == NULL || *arg == '\0') {
		tui_status(t, STATUS_INFO, "Theme: %s", theme_name());
		return;
	}
	if (theme_load(arg, err, sizeof(err)) < 0) {
		tui_status(t, STATUS_ERROR, "%s", err);
		return;
	}
	theme_force_mono(getenv("NO_COLOR") != NULL &&
			 *getenv("NO_COLOR") != '\0');
	theme_apply();
	clearok(curscr, TRUE);
	tui_status(t, STATUS_OK, "Theme: %s", theme_name());
}

static void app_do_org(struct tui *t, const char *arg)
{
	pane_orgs_select(t, arg != NULL ? arg : "");
}

static void app_do_project(struct tui *t, const char *arg)
{
	pane_projects_select(t, arg != NULL ? arg : "");
}

static void app_do_profile(struct tui *t, const char *arg)
{
	if (arg == NULL || *arg == '\0') {
		tui_status(t, STATUS_INFO, "Profile: %s",
			   t->profile[0] ? t->profile : "(none)");
		return;
	}
	if (strcmp(arg, t->profile) == 0)
		return;
	t->switch_profile = strdup(arg);
	tui_quit(t);
}

#define APP_TAB_ACTION(n)                                         \
	static void app_do_tab##n(struct tui *t, const char *arg) \
	{                                                         \
		(void)arg;                                        \
		app_tab(t, (n)-1);                                \
	}
APP_TAB_ACTION(1)
APP_TAB_ACTION(2)
APP_TAB_ACTION(3)
APP_TAB_ACTION(4)
APP_TAB_ACTION(5)
APP_TAB_ACTION(6)

const struct action app_actions[] = {
	{ .key = 'q',
	  .keyname = "q",
	  .label = "Quit",
	  .what = "quit",
	  .command = "quit",
	  .run = app_do_quit },
	{ .key = '?',
	  .keyname = "?",
	  .label = "Help",
	  .what = "show help",
	  .command = "help",
	  .run = app_do_help },
	{ .key = ':',
	  .keyname = ":",
	  .label = "Commands",
	  .what = "open the command palette",
	  .run = app_do_palette },
	{ .key = 'R',
	  .keyname = "R",
	  .label = "Refresh",
	  .what = "refresh",
	  .command = "refresh",
	  .run = app_do_refresh },
	{ .key = TK_TAB,
	  .keyname = "Tab",
	  .label = "Next pane",
	  .what = "move to the next pane",
	  .run = app_do_next },
	{ .key = TK(KEY_BTAB),
	  .keyname = "S-Tab",
	  .label = "Previous pane",
	  .what = "move to the previous pane",
	  .run = app_do_prev },
	{ .key = '1',
	  .keyname = "1",
	  .label = "People tab",
	  .what = "show people",
	  .run = app_do_tab1 },
	{ .key = '2',
	  .keyname = "2",
	  .label = "API Keys tab",
	  .what = "show API keys",
	  .run = app_do_tab2 },
	{ .key = '3',
	  .keyname = "3",
	  .label = "Connections tab",
	  .what = "show connections",
	  .run = app_do_tab3 },
	{ .key = '4',
	  .keyname = "4",
	  .label = "Secrets tab",
	  .what = "show secrets",
	  .run = app_do_tab4 },
	{ .key = '5',
	  .keyname = "5",
	  .label = "AuthKit tab",
	  .what = "show AuthKit",
	  .run = app_do_tab5 },
	{ .key = '6',
	  .keyname = "6",
	  .label = "Activity tab",
	  .what = "show activity",
	  .run = app_do_tab6 },
	{ .keyname = ":org NAME",
	  .label = "Open an organization",
	  .what = "open an organization",
	  .command = "org",
	  .arg = ARG_ORG,
	  .run = app_do_org },
	{ .keyname = ":project NAME",
	  .label = "Open a project",
	  .what = "open a project",
	  .command = "project",
	  .arg = ARG_PROJECT,
	  .run = app_do_project },
	{ .keyname = ":profile NAME",
	  .label = "Switch profile",
	  .what = "switch profile",
	  .command = "profile",
	  .arg = ARG_PROFILE,
	  .run = app_do_profile },
	{ .keyname = ":theme NAME",
	  .label = "Change theme",
	  .what = "change theme",
	  .command = "theme",
	  .arg = ARG_THEME,
	  .run = app_do_theme },
	{ 0 },
};
