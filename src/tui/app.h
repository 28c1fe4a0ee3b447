/* SPDX-License-Identifier: MIT */
/*
 * The framework's own state, shared by the files that run the console:
 * the loop, the layout, the session and the global actions.  Panes and
 * dialogs do not include this; they see the framework through tui.h.
 *
 * struct tui owns the API client, the /v1/me answer, the current
 * organization's projects and the dialog stack; app_free() releases them.
 */
#ifndef ORGDECK_TUI_APP_H
#define ORGDECK_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "orgdeck/api.h"
#include "orgdeck/model.h"

#include "tui.h"

#define APP_SECRET_SPANS 32
#define APP_TRACKED	 64
#define APP_ID_MAX	 80

/* What the command line (and the config) asked for. */
struct app_options {
	const char *profile;
	const char *server;
	const char *ca_file;
	const char *token; /* the caller's; copied into the client */
	const char *theme;
	const char *script;
	const char *default_org;
	const char *default_project;
	bool ascii, mouse, readonly, log;
	bool signin; /* no profile names a server yet: signin.c asks first */
};

enum app_focus {
	FOCUS_ORGS = 0,
	FOCUS_PROJECTS,
	FOCUS_MAIN,
	FOCUS__COUNT
};

/* Where each part of the screen goes this frame. */
struct app_layout {
	struct rect header, orgs, projects, tabs, main, detail, footer, status;
	int tab_x[16]; /* where each tab's label starts on the tab bar */
	int tab_end;   /* where the last one ends */
};

struct script;

struct tui {
	struct app_options opt;
	char profile[64];
	char server[256];
	struct api *api;

	struct model_me *me;	     /* NULL until the first answer */
	struct model_page *projects; /* of the current organization */
	bool me_loading, projects_loading;
	bool projects_replace;	     /* the page on its way is a first page */
	char projects_q[128];	     /* the projects' server-side filter */
	char org_id[APP_ID_MAX];     /* "" before /v1/me answered */
	char project_id[APP_ID_MAX]; /* "": the organization itself */
	unsigned long gen;

	enum app_focus focus;
	size_t tab;
	struct dialog *dialogs;
	bool quit, dirty, too_small;
	struct app_layout lay;

	char status[256];
	enum status_level status_level;
	double status_until; /* app_now() when it clears */
	unsigned int spin;

	int cur_y, cur_x; /* -1: park the cursor */
	struct rect secrets[APP_SECRET_SPANS];
	size_t n_secrets;
	unsigned long tracked[APP_TRACKED];
	size_t n_tracked;

	struct script *script;
	char *switch_profile; /* :profile asked to restart with this one */
	int exit_code;
};

/* Monotonic seconds. */
double app_now(void);

/* Sets @t up with @opt, without touching the terminal.  Returns 0, or -1
 * with a reason in @err. */
int app_init(struct tui *t, const struct app_options *opt, char *err,
	     size_t errlen);

/* Frees all @t owns (not @t). */
void app_free(struct tui *t);

/* Closes @d wherever it is in the dialog stack. */
void tui_dialog_remove(struct tui *t, struct dialog *d);

/* Runs the console until it quits.  Returns 0, or -1 when poll() fails. */
int loop_run(struct tui *t);

/* Sends one key through dialogs, the focused pane and the actions. */
void app_key(struct tui *t, int key);

/* Draws the whole screen (layout.c). */
void layout_draw(struct tui *t);

/* The pane that has the focus. */
const struct pane_ops *app_focused(const struct tui *t);

/* Moves the focus to @focus and tells the pane it is shown. */
void app_focus(struct tui *t, enum app_focus focus);

/* Shows tab @i (0-based) in the main area and focuses it. */
void app_tab(struct tui *t, size_t i);

/* Cancels every request in flight (Esc). */
void app_cancel(struct tui *t);

/* The global actions: quit, help, palette, refresh, tabs, focus. */
extern const struct action app_actions[];

/* ---- session.c: who we are and what is open ---- */

/* Starts loading /v1/me; the panes fill when it answers. */
void session_start(struct tui *t);

/* Opens organization @id ("" for the first) and its projects. */
void session_select_org(struct tui *t, const char *id);

/* Opens project @id in the current organization, "" for none. */
void session_select_project(struct tui *t, const char *id);

/* Loads the next page of projects. */
void session_more_projects(struct tui *t);

/* Reads the projects again with the server-side filter @q ("" for none). */
void session_query_projects(struct tui *t, const char *q);

/* Re-reads /v1/me and the current project: roles may have changed. */
void session_refresh(struct tui *t);

/* Re-reads /v1/me, then opens @org_id ("" for the usual first one) and
 * @project_id (NULL or "" for none). */
void session_open(struct tui *t, const char *org_id, const char *project_id);

/* The current organization and project, or NULL. */
const struct model_org *session_org(const struct tui *t);
const struct model_project *session_project(const struct tui *t);

#endif
