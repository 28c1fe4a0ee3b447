/* SPDX-License-Identifier: MIT */
/* The role picker, the If-Match update and the 412 round trip. */
#include "people_role.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "picker.h"
#include "tab_people.h"

#define PEOPLE_ROLE_ID_MAX   80
#define PEOPLE_ROLE_TEXT_MAX 512

/* The person whose role is changing, as last read. */
struct people_role {
	struct tui *t;
	unsigned long gen;
	enum scope scope;
	char parent[PEOPLE_ROLE_ID_MAX]; /* org or project id */
	char user[PEOPLE_ROLE_ID_MAX];
	char email[PEOPLE_ROLE_TEXT_MAX];
	char name[PEOPLE_ROLE_TEXT_MAX];
	char etag[128];
	enum role current;
	enum role chosen;
};

static void people_role_ask(struct people_role *pr, const char *note);

static struct people_role *people_role_clone(const struct people_role *pr)
{
	struct people_role *copy = malloc(sizeof(*copy));

	if (copy != NULL)
		*copy = *pr;
	return copy;
}

/* Takes the fields of the selected row; false when it is no person. */
static bool people_role_take(struct people_role *pr, struct tui *t)
{
	struct people_row row;

	if (!tab_people_selected(&row) || row.invitation != NULL)
		return false;
	pr->t = t;
	pr->gen = tui_generation(t);
	pr->scope = tui_scope(t);
	snprintf(pr->parent, sizeof(pr->parent), "%s",
		 pr->scope == SCOPE_PROJECT ? tui_project(t)->id
					    : tui_org(t)->id);
	if (row.member != NULL) {
		snprintf(pr->user, sizeof(pr->user), "%s", row.member->id);
		snprintf(pr->email, sizeof(pr->email), "%s",
			 row.member->user.email);
		snprintf(pr->name, sizeof(pr->name), "%s",
			 tab_people_name(&row.member->user));
		snprintf(pr->etag, sizeof(pr->etag), "%s", row.member->etag);
		pr->current =
			perm_org_role(row.member->role, row.member->owner);
	} else {
		snprintf(pr->user, sizeof(pr->user), "%s", row.pmember->id);
		snprintf(pr->email, sizeof(pr->email), "%s",
			 row.pmember->user.email);
		snprintf(pr->name, sizeof(pr->name), "%s",
			 tab_people_name(&row.pmember->user));
		snprintf(pr->etag, sizeof(pr->etag), "%s", row.pmember->etag);
		pr->current = row.pmember->role;
	}
	return true;
}

/* Takes the fields of a member that was just read. */
static void people_role_fresh(struct people_role *pr, enum model_type type,
			      const void *obj)
{
	if (type == MODEL_MEMBER) {
		const struct model_member *m = obj;

		snprintf(pr->etag, sizeof(pr->etag), "%s", m->etag);
		pr->current = perm_org_role(m->role, m->owner);
	} else {
		const struct model_project_member *m = obj;

		snprintf(pr->etag, sizeof(pr->etag), "%s", m->etag);
		pr->current = m->role;
	}
}

/* ---- after a 412: read the person again ---- */

/* The person was read again: show the fresh state and ask again; takes
 * @obj and @pr. */
static void people_role_refreshed(struct people_role *pr, enum model_type type,
				  void *obj)
{
	char note[PEOPLE_ROLE_TEXT_MAX + 160];

	people_role_fresh(pr, type, obj);
	snprintf(note, sizeof(note),
		 "Someone changed %s meanwhile: now %s. Choose again.",
		 pr->name, role_label(pr->current));
	tui_status(pr->t, STATUS_WARN,
		   "%s changed elsewhere; showing the fresh state", pr->name);
	if (pr->gen == tui_generation(pr->t))
		tab_people_replace(type, obj);
	else
		model_free(type, obj);
	people_role_ask(pr, note);
	free(pr);
}

static void people_role_reread_done(struct api_result *res)
{
	struct people_role *pr = res->user;

	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(pr->t, "read the person again", res);
		tab_people_reload(pr->t);
		free(pr);
		return;
	}
	people_role_refreshed(pr, res->type, api_result_take(res));
}

/* A project member has no endpoint of their own: find them by email. */
static void people_role_find_done(struct api_result *res)
{
	struct people_role *pr = res->user;
	struct model_page *page = res->object;
	size_t i;

	for (i = 0; res->error.kind == API_ERR_NONE && i < page->count; i++) {
		struct model_project_member *m = page->items[i];

		if (strcmp(m->id, pr->user) != 0)
			continue;
		page->items[i] = NULL;
		people_role_refreshed(pr, MODEL_PROJECT_MEMBER, m);
		return;
	}
	if (res->error.kind == API_ERR_NONE)
		tui_status(pr->t, STATUS_WARN, "%s is no longer in the project",
			   pr->name);
	else
		tui_api_error(pr->t, "read the person again", res);
	tab_people_reload(pr->t);
	free(pr);
}

static void people_role_reread(struct people_role *pr)
{
	struct api_req req = { .user = pr };
	struct api_query q = { .limit = 100, .q = pr->email };
	unsigned long id;

	if (pr->scope == SCOPE_ORG) {
		req.done = people_role_reread_done;
		id = api_member_get(tui_api(pr->t), &req, pr->parent, pr->user);
	} else {
		req.done = people_role_find_done;
		id = api_project_members_list(tui_api(pr->t), &req, pr->parent,
					      &q);
	}
	if (tui_track(pr->t, id) == 0)
		free(pr);
}

/* ---- sending ---- */

static void people_role_sent(struct api_result *res)
{
	struct people_role *pr = res->user;

	if (res->error.kind == API_ERR_CHANGED) {
		people_role_reread(pr);
		return;
	}
	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(pr->t, "change the role", res);
		free(pr);
		return;
	}
	tui_status(pr->t, STATUS_OK, "%s is now %s", pr->name,
		   role_label(pr->chosen));
	if (pr->gen == tui_generation(pr->t))
		tab_people_replace(res->type, api_result_take(res));
	free(pr);
}

static void people_role_picked(struct tui *t, size_t chosen, void *ctx)
{
	struct people_role *pr = people_role_clone(ctx);
	struct api_req req = { .done = people_role_sent, .user = pr };
	unsigned long id;

	if (pr == NULL)
		return;
	pr->chosen = role_assignable[chosen];
	if (pr->chosen == pr->current) {
		tui_status(t, STATUS_INFO, "%s is already %s", pr->name,
			   role_label(pr->chosen));
		free(pr);
		return;
	}
	if (pr->scope == SCOPE_ORG)
		id = api_member_update(tui_api(t), &req, pr->parent, pr->user,
				       pr->etag, pr->chosen);
	else
		id = api_project_member_update(tui_api(t), &req, pr->parent,
					       pr->user, pr->etag, pr->chosen);
	if (tui_track(t, id) == 0)
		free(pr);
}

/* Opens the picker for @pr (copied) with @note above the roles. */
static void people_role_ask(struct people_role *pr, const char *note)
{
	enum role mine = tui_role(pr->t, pr->scope);
	struct picker_item items[ROLE_ASSIGNABLE];
	char title[PEOPLE_ROLE_TEXT_MAX + 32], why[96];
	struct people_role *copy = people_role_clone(pr);
	size_t i, initial = 0;

	snprintf(why, sizeof(why),
		 "Nobody can be given a role above yours "
		 "(%s)",
		 role_label(mine));
	for (i = 0; i < ROLE_ASSIGNABLE; i++) {
		enum role r = role_assignable[i];

		items[i] = (struct picker_item){
			.label = role_label(r),
			.note = r == pr->current ? "current" : NULL,
			.disabled = r > mine ? why : NULL,
		};
		if (r == pr->current)
			initial = i;
	}
	snprintf(title, sizeof(title), "Role of %s", pr->name);
	picker_open(pr->t,
		    &(struct picker_spec){ .title = title,
					   .message = note,
					   .items = items,
					   .n = ROLE_ASSIGNABLE,
					   .initial = initial },
		    people_role_picked, copy, free);
}

void people_role_open(struct tui *t, const char *arg)
{
	struct people_role pr;
	char note[PEOPLE_ROLE_TEXT_MAX + 64];

	(void)arg;
	memset(&pr, 0, sizeof(pr));
	if (!people_role_take(&pr, t)) {
		tui_status(t, STATUS_WARN, "Select a person to change a role");
		return;
	}
	if (pr.current == ROLE_OWNER) {
		tui_status(t, STATUS_WARN,
			   "The owner's role cannot change: "
			   "transfer ownership instead");
		return;
	}
	snprintf(note, sizeof(note), "%s is now %s.", pr.email,
		 role_label(pr.current));
	people_role_ask(&pr, note);
}
