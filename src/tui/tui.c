/* SPDX-License-Identifier: MIT */
/* The services the framework offers panes and dialogs (see tui.h). */
#include "tui.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgdeck/log.h"

#include "action.h"
#include "app.h"
#include "clip.h"

/* How long the status line keeps a message, in seconds. */
#define TUI_STATUS_SECONDS	 5.0
#define TUI_STATUS_ERROR_SECONDS 10.0

enum scope tui_scope(const struct tui *t)
{
	return t->project_id[0] != '\0' ? SCOPE_PROJECT : SCOPE_ORG;
}

void tui_dirty(struct tui *t)
{
	t->dirty = true;
}

void tui_status(struct tui *t, enum status_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);

	t->status_level = level;
	t->status_until =
		app_now() + (level >= STATUS_WARN ? TUI_STATUS_ERROR_SECONDS
						  : TUI_STATUS_SECONDS);
	if (level >= STATUS_WARN)
		log_warn("status: %s", t->status);
	else
		log_info("status: %s", t->status);
	t->dirty = true;
}

enum status_level tui_status_level(const struct tui *t)
{
	return t->status[0] != '\0' ? t->status_level : STATUS_INFO;
}

void tui_dialog_push(struct tui *t, struct dialog *d)
{
	d->next = t->dialogs;
	t->dialogs = d;
	t->dirty = true;
}

static void tui_dialog_free(struct dialog *d)
{
	d->ops->close(d);
	free(d);
}

void tui_dialog_pop(struct tui *t)
{
	struct dialog *d = t->dialogs;

	if (d == NULL)
		return;
	t->dialogs = d->next;
	tui_dialog_free(d);
	t->dirty = true;
}

/* Closes @d wherever it is in the stack (a callback may have pushed
 * another dialog above it). */
void tui_dialog_remove(struct tui *t, struct dialog *d)
{
	struct dialog **p;

	for (p = &t->dialogs; *p != NULL; p = &(*p)->next) {
		if (*p == d) {
			*p = d->next;
			tui_dialog_free(d);
			t->dirty = true;
			return;
		}
	}
}

unsigned long tui_generation(const struct tui *t)
{
	return t->gen;
}

void tui_cursor(struct tui *t, int y, int x)
{
	t->cur_y = y;
	t->cur_x = x;
}

void tui_mark_secret(struct tui *t, int y, int x, int w)
{
	if (t->n_secrets >= APP_SECRET_SPANS)
		return;
	t->secrets[t->n_secrets++] = (struct rect){ y, x, 1, w };
}

enum role tui_role(const struct tui *t, enum scope scope)
{
	const struct model_org *org = tui_org(t);
	const struct model_project *prj = tui_project(t);

	if (scope == SCOPE_PROJECT)
		return prj != NULL ? prj->role : ROLE_NONE;
	return org != NULL ? org->role : ROLE_NONE;
}

bool tui_busy(const struct tui *t)
{
	return t->api != NULL && api_in_flight(t->api) > 0;
}

void tui_quit(struct tui *t)
{
	t->quit = true;
}

struct api *tui_api(struct tui *t)
{
	return t->api;
}

unsigned long tui_track(struct tui *t, unsigned long id)
{
	if (id == 0) {
		tui_status(t, STATUS_ERROR, "could not start the request: %s",
			   strerror(errno));
		return 0;
	}
	t->tracked[t->n_tracked % APP_TRACKED] = id;
	t->n_tracked++;
	t->dirty = true;
	return id;
}

/* Words a failure for the status line, e.g. "Cannot invite people: ...". */
static void tui_error_line(char *out, size_t size, const char *doing,
			   const struct api_result *res)
{
	char why[256];

	api_error_format(&res->error, why, sizeof(why));
	if (res->error.kind == API_ERR_CHANGED)
		snprintf(out, size, "Cannot %s: it changed elsewhere (%s)",
			 doing, why);
	else
		snprintf(out, size, "Cannot %s: %s", doing, why);
}

void tui_api_error(struct tui *t, const char *doing,
		   const struct api_result *res)
{
	char line[384];

	tui_error_line(line, sizeof(line), doing, res);
	if (res->status == 403 || res->status == 404) {
		tui_status(t, STATUS_ERROR, "%s; reloading your access", line);
		tui_refresh_context(t);
		return;
	}
	tui_status(t, STATUS_ERROR, "%s", line);
}

const struct model_me *tui_me(const struct tui *t)
{
	return t->me;
}

const struct model_org *tui_org(const struct tui *t)
{
	return session_org(t);
}

const struct model_project *tui_project(const struct tui *t)
{
	return session_project(t);
}

const struct model_page *tui_projects(const struct tui *t)
{
	return t->projects;
}

bool tui_readonly(const struct tui *t)
{
	return t->opt.readonly;
}

void tui_refresh_context(struct tui *t)
{
	session_refresh(t);
}

void tui_refresh(struct tui *t)
{
	session_refresh(t);
}

void tui_open(struct tui *t, const char *org_id, const char *project_id)
{
	session_open(t, org_id, project_id);
}

bool tui_action_allowed(const struct tui *t, const struct action *a, char *why,
			size_t whylen)
{
	return action_allowed(t, a, why, whylen);
}

void tui_action_run(struct tui *t, const struct action *a, const char *arg)
{
	action_run(t, a, arg);
}

void tui_copy(struct tui *t, const char *what, const char *text)
{
	char why[160];

	if (clip_copy(text, why, sizeof(why)) < 0) {
		tui_status(t, STATUS_ERROR, "Cannot copy the %s: %s", what,
			   why);
		return;
	}
	tui_status(t, STATUS_OK, "The %s: %s", what, why);
}
