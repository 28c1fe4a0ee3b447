/* SPDX-License-Identifier: MIT */
/*
 * The console's framework: the state every pane and dialog shares, the
 * table of operations each one exposes, and the one kind of action entry
 * from which keys, footer, help and palette are all generated.
 *
 * How a new screen plugs in
 * -------------------------
 * A *pane* is a part of the layout that can take the focus: the
 * Organizations and Projects panes on the left and the six tabs of the main
 * area (People, API Keys, Connections, Secrets, AuthKit, Activity).  A tab
 * lives in its own file, tab_<name>.c, keeps its state in that file and
 * exports one `const struct pane_ops tab_<name>_ops`.  tab.c lists the tabs
 * in the order of their number keys; adding a tab is one line there.
 *
 *   open()   the context changed (another organization or project was
 *            selected, or :refresh): drop old rows and start loading.
 *            tui_scope() and tui_org()/tui_project() say what to show.
 *   draw()   draws the pane inside @area.  Draw only the visible rows: use
 *            struct list (list.h), which also asks for the next page.
 *   detail() draws the selected item in the detail panel (may be NULL).
 *   key()    keys that are not actions (list movement, filter typing).
 *            Return true when the key was used.
 *   click()  a mouse click at @y,@x inside the pane (--mouse): select
 *            what is there, e.g. with list_click() (may be NULL).
 *   cancel() the user pressed Esc and every request in flight was
 *            cancelled: forget "loading" states (may be NULL).
 *   close()  frees everything; called once at exit.
 *   actions  the pane's entries in the action table (below), ending with
 *            an entry whose label is NULL.  Nothing else binds a key.
 *
 * A *dialog* is a modal drawn above everything.  Dialogs stack; the top one
 * gets every key.  Use the widgets (form.h, confirm.h, picker.h, notice.h)
 * rather than drawing a dialog by hand; each takes a callback that runs
 * when the user completes it.  A dialog that shows a secret sets
 * `nodump`, or marks the cells with tui_mark_secret(), so that script-mode
 * dumps never contain it.
 *
 * API calls are asynchronous.  Start one through tui_track(), return, and
 * let its callback update the pane and call tui_dirty().  Give list loads
 * a slot named after the pane so that a newer load replaces an older one.  A
 * callback can arrive after the context changed: compare tui_generation()
 * captured at the start. Report failures with tui_api_error(), which words 403,
 * 412 and the rest for people and refreshes the organization after a 403.
 *
 * Ownership: struct tui and everything it points to belong to the loop
 * (tui.c).  Panes own their rows.  Dialog widgets copy the strings they are
 * given and free them when they close.
 */
#ifndef ORGDECK_TUI_H
#define ORGDECK_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "orgdeck/api.h"
#include "orgdeck/model.h"
#include "orgdeck/perm.h"
#include "orgdeck/role.h"

/* Keys: Unicode code points as they are, curses key codes above them. */
#define TK_FN_BASE     0x110000
#define TK(curses_key) (TK_FN_BASE + (curses_key))
#define TK_CTRL(c)     ((c)&0x1f)
#define TK_ESC	       27
#define TK_TAB	       '\t'
#define TK_ENTER       '\n'
#define TK_BACKSPACE   0x7f
#define TK_NONE	       (-1)

/* A rectangle of screen cells. */
struct rect {
	int y, x, h, w;
};

struct tui;

/* Where an action's permission is looked up. */
enum action_scope {
	ACTION_FREE = 0, /* needs no permission */
	ACTION_ORG,	 /* in the current organization's actions */
	ACTION_PROJECT,	 /* in the current project's actions */
	ACTION_CONTEXT,	 /* the project when one is selected, else the org */
};

/* What a palette command takes after its name, for completion. */
enum action_arg {
	ARG_NONE = 0,
	ARG_ORG,
	ARG_PROJECT,
	ARG_PROFILE,
	ARG_THEME,
	ARG_TEXT,
};

/*
 * One action: the only place a key, its label, the permission it needs and
 * its handler are written down.  The footer, the help screen, the command
 * palette and greying all read these entries.
 */
struct action {
	int key;	     /* TK_* or a character; 0: palette only */
	const char *keyname; /* as shown: "i", "Enter", "S-Tab" */
	const char *label;   /* footer and help: "Invite" */
	const char *what;    /* in messages: "invite people" */
	const char *command; /* palette name, or NULL */
	enum action_scope scope;
	enum perm perm; /* ignored for ACTION_FREE */
	bool write;	/* changes something: greyed by --readonly */
	enum action_arg arg;
	void (*run)(struct tui *t, const char *arg);
};

/* A pane: see the comment at the top of this file. */
struct pane_ops {
	const char *title;
	const char *short_title; /* for a narrow tab bar; NULL: title */
	const struct action *actions;
	void (*open)(struct tui *t);
	void (*draw)(struct tui *t, struct rect area, bool focused);
	void (*detail)(struct tui *t, struct rect area);
	bool (*key)(struct tui *t, int key);
	void (*click)(struct tui *t, int y, int x);
	void (*cancel)(struct tui *t);
	void (*close)(struct tui *t);
};

struct dialog;

/* A dialog's operations; the widget's open function fills them in. */
struct dialog_ops {
	void (*draw)(struct dialog *d, struct tui *t);
	/* Returns false when the dialog is finished and should close. */
	bool (*key)(struct dialog *d, struct tui *t, int key);
	void (*close)(struct dialog *d);
};

struct dialog {
	const struct dialog_ops *ops;
	void *state;	     /* the widget's, freed by ops->close */
	bool nodump;	     /* mask this dialog in script dumps */
	struct rect area;    /* where it was last drawn */
	struct dialog *next; /* the dialog below */
};

/* Severities of the status line. */
enum status_level {
	STATUS_INFO = 0,
	STATUS_OK,
	STATUS_WARN,
	STATUS_ERROR,
};

/* What the main area shows: the selected project, or the organization. */
enum scope tui_scope(const struct tui *t);

/* Marks the screen for redrawing. */
void tui_dirty(struct tui *t);

/* Shows @fmt on the status line for a few seconds. */
void tui_status(struct tui *t, enum status_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The level of the message on the status line; STATUS_INFO when none. */
enum status_level tui_status_level(const struct tui *t);

/* Pushes @d (allocated by a widget) on the dialog stack; takes it. */
void tui_dialog_push(struct tui *t, struct dialog *d);

/* Closes and frees the top dialog. */
void tui_dialog_pop(struct tui *t);

/* Counts up whenever the context changes; compare in callbacks. */
unsigned long tui_generation(const struct tui *t);

/* Places the terminal cursor (for screen readers and text fields). */
void tui_cursor(struct tui *t, int y, int x);

/* Keeps cells from script dumps: a one-time secret is drawn there. */
void tui_mark_secret(struct tui *t, int y, int x, int w);

/* The role in force where @scope points, ROLE_NONE when nothing is open. */
enum role tui_role(const struct tui *t, enum scope scope);

/* True when @a may run here; otherwise fills @why (may be NULL). */
bool tui_action_allowed(const struct tui *t, const struct action *a, char *why,
			size_t whylen);

/* Runs @a if allowed, else says why on the status line. */
void tui_action_run(struct tui *t, const struct action *a, const char *arg);

/* Asks for the current organization and project again (e.g. after 403). */
void tui_refresh_context(struct tui *t);

/*
 * Re-reads who we are, then opens organization @org_id ("" for the usual
 * first one) and project @project_id (NULL or "" for none): after creating
 * or leaving an organization, for instance.
 */
void tui_open(struct tui *t, const char *org_id, const char *project_id);

/* Starts everything over: same session, all panes reopened. */
void tui_refresh(struct tui *t);

/* True when any request is in flight. */
bool tui_busy(const struct tui *t);

/* Leaves the loop after this turn. */
void tui_quit(struct tui *t);

/* The API client; requests go through tui_track(). */
struct api *tui_api(struct tui *t);

/*
 * Records request @id (what an api_* call returned) so that Esc can cancel
 * it and the spinner turns.  An @id of 0 means the call could not start:
 * the status line says so.  Returns @id.
 */
unsigned long tui_track(struct tui *t, unsigned long id);

/*
 * Says on the status line that @doing ("invite people") failed and why.
 * A 403 also re-reads the organization and project, since the role may
 * have changed elsewhere.
 */
void tui_api_error(struct tui *t, const char *doing,
		   const struct api_result *res);

/* Who the token belongs to; NULL until /v1/me answered. */
const struct model_me *tui_me(const struct tui *t);

/* The open organization, or NULL before /v1/me answered. */
const struct model_org *tui_org(const struct tui *t);

/* The open project, or NULL when the organization itself is shown. */
const struct model_project *tui_project(const struct tui *t);

/* The projects of the open organization loaded so far; NULL if none. */
const struct model_page *tui_projects(const struct tui *t);

/* True with --readonly: every write is greyed. */
bool tui_readonly(const struct tui *t);

/* Puts @text on the clipboard; says on the status line how it went. */
void tui_copy(struct tui *t, const char *what, const char *text);

#endif
