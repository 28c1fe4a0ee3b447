/* SPDX-License-Identifier: MIT */
/*
 * Who the token is and what is open: /v1/me, the chosen organization, its
 * projects and the chosen project.  Every pane reads these through tui.h.
 */
#include "app.h"

#include <stdio.h>
#include <string.h>

#include "orgdeck/log.h"

#include "pane.h"

#define SESSION_PROJECTS_PAGE 50

static void session_projects_load(struct tui *t, const char *after);

static void session_set_id(char dst[APP_ID_MAX], const char *id)
{
	snprintf(dst, APP_ID_MAX, "%s", id != NULL ? id : "");
}

const struct model_org *session_org(const struct tui *t)
{
	size_t i;

	if (t->me == NULL)
		return NULL;
	for (i = 0; i < t->me->org_count; i++)
		if (strcmp(t->me->orgs[i]->id, t->org_id) == 0)
			return t->me->orgs[i];
	return NULL;
}

static const struct model_project *session_find_project(const struct tui *t,
							const char *id)
{
	size_t i;

	if (t->projects == NULL || id[0] == '\0')
		return NULL;
	for (i = 0; i < t->projects->count; i++) {
		const struct model_project *p = t->projects->items[i];

		if (strcmp(p->id, id) == 0)
			return p;
	}
	return NULL;
}

const struct model_project *session_project(const struct tui *t)
{
	return session_find_project(t, t->project_id);
}

/* The organization to open when none is: the one asked for, else the
 * first team organization, else the personal space. */
static const char *session_pick_org(const struct tui *t)
{
	const struct model_me *me = t->me;
	size_t i;

	for (i = 0; t->opt.default_org != NULL && i < me->org_count; i++)
		if (strcmp(me->orgs[i]->id, t->opt.default_org) == 0)
			return me->orgs[i]->id;
	for (i = 0; i < me->org_count; i++)
		if (me->orgs[i]->kind == MODEL_ORG_TEAM)
			return me->orgs[i]->id;
	return me->org_count > 0 ? me->orgs[0]->id : "";
}

/* Starts over in the organization now in t->org_id. */
static void session_enter_org(struct tui *t)
{
	t->gen++;
	t->projects_q[0] = '\0';
	model_page_free(&t->projects);
	pane_sync_left(t);
	if (t->org_id[0] != '\0')
		session_projects_load(t, NULL);
	pane_context_changed(t, t->tab);
	tui_dirty(t);
}

/* /v1/me answered again: keep what is open if it still is. */
static void session_me_arrived(struct tui *t, bool first)
{
	bool kept = session_org(t) != NULL;

	if (!kept && !first && t->org_id[0] != '\0')
		tui_status(t, STATUS_WARN,
			   "You no longer have access to that organization");
	if (!kept)
		session_set_id(t->org_id, session_pick_org(t));
	if (!kept || first) {
		if (!kept)
			t->project_id[0] = '\0';
		session_enter_org(t);
		return;
	}
	pane_sync_left(t);
	session_projects_load(t, NULL);
	t->gen++;
	pane_context_changed(t, t->tab);
}

static void session_me_done(struct api_result *res)
{
	struct tui *t = res->user;
	bool first = t->me == NULL;

	t->me_loading = false;
	tui_dirty(t);
	if (res->error.kind != API_ERR_NONE) {
		char why[256];

		api_error_format(&res->error, why, sizeof(why));
		tui_status(t, STATUS_ERROR, "Cannot read who you are: %s", why);
		return;
	}

	model_me_free(&t->me);
	t->me = api_result_take(res);
	session_me_arrived(t, first);
}

static void session_me_load(struct tui *t)
{
	struct api_req req = { .done = session_me_done,
			       .user = t,
			       .slot = "session:me" };

	t->me_loading = true;
	tui_track(t, api_me(t->api, &req));
}

void session_start(struct tui *t)
{
	if (t->opt.default_project != NULL)
		session_set_id(t->project_id, t->opt.default_project);
	session_me_load(t);
}

/* The projects arrived; a project that went away is closed. */
static void session_projects_check(struct tui *t)
{
	if (t->project_id[0] == '\0' || session_project(t) != NULL ||
	    t->projects->has_more || t->projects_q[0] != '\0')
		return;
	t->project_id[0] = '\0';
	t->gen++;
	pane_context_changed(t, t->tab);
}

static void session_projects_done(struct api_result *res)
{
	struct tui *t = res->user;
	struct model_page *page;

	t->projects_loading = false;
	tui_dirty(t);
	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(t, "list projects", res);
		return;
	}

	page = api_result_take(res);
	if (t->projects == NULL || t->projects_replace) {
		model_page_free(&t->projects);
		t->projects = page;
	} else if (model_page_join(t->projects, &page) < 0) {
		model_page_free(&page);
	}
	session_projects_check(t);
	pane_sync_left(t);
}

/* Loads the first page (@after NULL, replacing) or the next one. */
static void session_projects_load(struct tui *t, const char *after)
{
	struct api_query q = { .limit = SESSION_PROJECTS_PAGE,
			       .after = after,
			       .q = t->projects_q[0] ? t->projects_q : NULL };
	struct api_req req = { .done = session_projects_done,
			       .user = t,
			       .slot = "session:projects" };

	t->projects_replace = after == NULL;
	t->projects_loading = true;
	tui_track(t, api_projects_list(t->api, &req, t->org_id, &q));
}

void session_more_projects(struct tui *t)
{
	if (t->projects == NULL || !t->projects->has_more ||
	    t->projects_loading)
		return;
	session_projects_load(t, t->projects->last_id);
}

void session_query_projects(struct tui *t, const char *q)
{
	snprintf(t->projects_q, sizeof(t->projects_q), "%s", q);
	session_projects_load(t, NULL);
}

void session_select_org(struct tui *t, const char *id)
{
	if (strcmp(t->org_id, id) == 0)
		return;
	log_debug("open organization %s", id);
	session_set_id(t->org_id, id);
	t->project_id[0] = '\0';
	session_enter_org(t);
}

void session_select_project(struct tui *t, const char *id)
{
	if (strcmp(t->project_id, id) == 0)
		return;
	log_debug("open project %s", id[0] ? id : "(none)");
	session_set_id(t->project_id, id);
	t->gen++;
	pane_context_changed(t, t->tab);
	tui_dirty(t);
}

void session_refresh(struct tui *t)
{
	if (t->me_loading)
		return;
	session_me_load(t);
}

void session_open(struct tui *t, const char *org_id, const char *project_id)
{
	session_set_id(t->org_id, org_id);
	session_set_id(t->project_id, project_id);
	t->me_loading = false;
	session_refresh(t);
}
