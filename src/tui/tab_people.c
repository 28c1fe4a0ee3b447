/* SPDX-License-Identifier: MIT */
/*
 * The People tab: members and pending invitations of the organization, or
 * the members of the project, read page by page as the list scrolls.
 */
#include "tab_people.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "invite.h"
#include "list.h"
#include "pane.h"
#include "people_edit.h"
#include "people_role.h"
#include "text.h"
#include "theme.h"

#define PEOPLE_PAGE   50
#define PEOPLE_ID_MAX 80

struct tab_people {
	struct tui *t;
	struct list list;
	bool ready;
	enum scope scope;
	char parent[PEOPLE_ID_MAX]; /* the org or project shown */
	char q[LIST_FILTER_MAX];    /* the server-side filter */
	struct model_page *members; /* member or project_member */
	struct model_page *invites; /* pending invitations */
	bool want_invites;
	bool failed; /* a page could not be read: stop asking */
	unsigned long gen;
};

static struct tab_people people;

const char *tab_people_name(const struct model_user *u)
{
	return u->name[0] != '\0' ? u->name : u->email;
}

static size_t people_members(void)
{
	return people.members != NULL ? people.members->count : 0;
}

static size_t people_invites(void)
{
	return people.invites != NULL ? people.invites->count : 0;
}

/* Whether the server has rows not read yet. */
static bool people_has_more(void)
{
	if (people.failed)
		return false;
	if (people.members == NULL || people.members->has_more)
		return true;
	return people.want_invites &&
	       (people.invites == NULL || people.invites->has_more);
}

static bool people_row(size_t row, struct people_row *out)
{
	memset(out, 0, sizeof(*out));
	if (row < people_members()) {
		if (people.scope == SCOPE_ORG)
			out->member = people.members->items[row];
		else
			out->pmember = people.members->items[row];
		return true;
	}
	row -= people_members();
	if (row >= people_invites())
		return false;
	out->invitation = people.invites->items[row];
	return true;
}

bool tab_people_selected(struct people_row *out)
{
	size_t row;

	if (!people.ready || !list_selected(&people.list, &row))
		return false;
	return people_row(row, out);
}

static void people_sync(void)
{
	list_set_count(&people.list, people_members() + people_invites(),
		       people_has_more());
	tui_dirty(people.t);
}

/* ---- loading ---- */

static bool people_stale(const struct api_result *res)
{
	return (unsigned long)(uintptr_t)res->user != people.gen ||
	       !people.ready;
}

/* Adds a page that arrived to *@into. */
static void people_add_page(struct model_page **into, struct api_result *res)
{
	struct model_page *page = api_result_take(res);

	if (*into == NULL)
		*into = page;
	else if (model_page_join(*into, &page) < 0)
		model_page_free(&page);
}

static void people_page_done(struct api_result *res, struct model_page **into,
			     const char *doing)
{
	if (people_stale(res))
		return;
	people.list.loading = false;
	if (res->error.kind != API_ERR_NONE) {
		people.failed = true;
		tui_api_error(people.t, doing, res);
		people_sync();
		return;
	}
	people_add_page(into, res);
	people_sync();
}

static void people_members_done(struct api_result *res)
{
	people_page_done(res, &people.members, "list the people");
}

static void people_invites_done(struct api_result *res)
{
	people_page_done(res, &people.invites, "list the invitations");
}

static struct api_req people_req(void (*done)(struct api_result *),
				 const char *slot)
{
	return (struct api_req){ .done = done,
				 .user = (void *)(uintptr_t)people.gen,
				 .slot = slot };
}

static void people_load_members(const char *after)
{
	struct api_query q = { .limit = PEOPLE_PAGE,
			       .after = after,
			       .q = people.q[0] ? people.q : NULL };
	struct api_req req = people_req(people_members_done, "people:members");
	struct api *api = tui_api(people.t);
	unsigned long id;

	if (people.scope == SCOPE_ORG)
		id = api_members_list(api, &req, people.parent, &q);
	else
		id = api_project_members_list(api, &req, people.parent, &q);
	people.list.loading = tui_track(people.t, id) != 0;
}

static void people_load_invites(const char *after)
{
	struct api_query q = { .limit = PEOPLE_PAGE,
			       .after = after,
			       .q = people.q[0] ? people.q : NULL,
			       .status = "pending" };
	struct api_req req = people_req(people_invites_done, "people:invites");
	unsigned long id = api_invitations_list(tui_api(people.t), &req,
						people.parent, &q);

	people.list.loading = tui_track(people.t, id) != 0;
}

static void people_more(void *ctx)
{
	(void)ctx;
	if (people.members == NULL)
		people_load_members(NULL);
	else if (people.members->has_more)
		people_load_members(people.members->last_id);
	else if (people.want_invites && people.invites == NULL)
		people_load_invites(NULL);
	else if (people.want_invites && people.invites->has_more)
		people_load_invites(people.invites->last_id);
	else
		people.list.loading = false;
}

/* Drops every row and reads from the first page again. */
static void people_restart(void)
{
	people.gen++;
	people.failed = false;
	model_page_free(&people.members);
	model_page_free(&people.invites);
	list_clear(&people.list);
	people_sync();
	people_load_members(NULL);
}

static void people_query(void *ctx, const char *q)
{
	(void)ctx;
	snprintf(people.q, sizeof(people.q), "%s", q);
	people_restart();
}

/* ---- drawing ---- */

/* The text the local filter matches: name and email. */
static const char *people_text(void *ctx, size_t row)
{
	static char text[1024];
	const struct model_user *u;
	struct people_row r;

	(void)ctx;
	if (!people_row(row, &r))
		return NULL;
	if (r.invitation != NULL)
		return r.invitation->email;
	u = r.member ? &r.member->user : &r.pmember->user;
	snprintf(text, sizeof(text), "%s %s", u->name, u->email);
	return text;
}

static void people_columns(int y, int x, int w, attr_t attr,
			   const char *const cols[3], attr_t second)
{
	int c1 = w * 34 / 100, c2 = w * 40 / 100;

	draw_text(y, x + 1, c1 - 2, cols[0], attr);
	draw_text(y, x + c1, c2 - 1, cols[1], attr | second);
	draw_text(y, x + c1 + c2, w - c1 - c2 - 1, cols[2], attr);
}

static void people_draw_row(void *ctx, size_t row, int y, int x, int w,
			    bool selected, bool focused)
{
	attr_t base = selected ? theme_attr(focused ? THEME_SELECTED
						    : THEME_SELECTED_IDLE)
			       : theme_attr(THEME_NORMAL);
	attr_t label = selected ? 0 : theme_attr(THEME_LABEL);
	char role[64];
	struct people_row r;
	const char *cols[3];

	(void)ctx;
	if (!people_row(row, &r))
		return;
	draw_fill((struct rect){ y, x, 1, w }, base);
	if (r.invitation != NULL) {
		snprintf(role, sizeof(role), "invited as %s",
			 role_label(r.invitation->role));
		cols[0] = r.invitation->email;
		cols[1] = "pending invitation";
		cols[2] = role;
		people_columns(y, x, w, base, cols, label);
		return;
	}
	if (r.member != NULL) {
		snprintf(role, sizeof(role), "%s",
			 role_label(perm_org_role(r.member->role,
						  r.member->owner)));
		cols[0] = tab_people_name(&r.member->user);
		cols[1] = r.member->user.email;
	} else {
		snprintf(role, sizeof(role), "%s (org %s)",
			 role_label(r.pmember->role),
			 role_label(r.pmember->org_role));
		cols[0] = tab_people_name(&r.pmember->user);
		cols[1] = r.pmember->user.email;
	}
	cols[2] = role;
	people_columns(y, x, w, base, cols, label);
}

static const struct list_ops people_list_ops = {
	.text = people_text,
	.draw_row = people_draw_row,
	.more = people_more,
	.query = people_query,
};

static void tab_people_open(struct tui *t)
{
	const struct model_org *org = tui_org(t);
	const struct model_project *prj = tui_project(t);

	people.t = t;
	if (!people.ready) {
		list_init(&people.list, &people_list_ops, NULL,
			  "Nobody matches.");
		people.ready = true;
	}
	people.scope = prj != NULL ? SCOPE_PROJECT : SCOPE_ORG;
	snprintf(people.parent, sizeof(people.parent), "%s",
		 prj != NULL ? prj->id : org->id);
	people.want_invites =
		prj == NULL &&
		model_actions_has(org->actions, PERM_INVITATION_LIST);
	people.q[0] = '\0';
	people.list.filter[0] = '\0';
	people.list.remote = false;
	people.list.editing = false;
	people_restart();
}

void tab_people_reload(struct tui *t)
{
	people.t = t;
	if (people.ready)
		people_restart();
}

static void tab_people_draw(struct tui *t, struct rect area, bool focused)
{
	people.t = t;
	if (!people.ready)
		return;
	list_draw(&people.list, t, area, focused);
}

static void people_line(struct rect r, int *y, const char *label,
			const char *value)
{
	if (*y >= r.y + r.h)
		return;
	draw_text(*y, r.x + 1, 12, label, theme_attr(THEME_LABEL));
	draw_text(*y, r.x + 14, r.w - 15, value, theme_attr(THEME_NORMAL));
	(*y)++;
}

static void people_detail_member(struct rect r, const struct model_user *u,
				 const char *role, time_t since)
{
	char when[32];
	int y = r.y;

	text_time(when, since);
	people_line(r, &y, "Name", u->name);
	people_line(r, &y, "Email", u->email);
	people_line(r, &y, "Role", role);
	people_line(r, &y, "Since", when);
	people_line(r, &y, "User id", u->id);
}

/* The name of project @id if it is loaded, else the id itself. */
static const char *people_project_name(struct tui *t, const char *id)
{
	const struct model_page *page = tui_projects(t);
	size_t i;

	for (i = 0; page != NULL && i < page->count; i++) {
		const struct model_project *p = page->items[i];

		if (strcmp(p->id, id) == 0)
			return p->name;
	}
	return id;
}

/* "Production as Manager, Staging as Member", or "none". */
static void people_invite_projects(struct tui *t,
				   const struct model_invitation *inv,
				   char *out, size_t size)
{
	size_t i, len = 0;

	snprintf(out, size, "%s", inv->project_count ? "" : "none");
	for (i = 0; i < inv->project_count && len < size; i++) {
		const struct model_invite_project *p = &inv->projects[i];

		len += (size_t)snprintf(out + len, size - len, "%s%s as %s",
					i ? ", " : "",
					people_project_name(t, p->project_id),
					role_label(p->role));
	}
}

static void people_detail_invitation(struct tui *t, struct rect r,
				     const struct model_invitation *inv)
{
	char sent[96], expires[32], last[32], projects[512];
	int y = r.y;

	text_time(expires, inv->expires_at);
	text_time(last, inv->last_sent_at);
	snprintf(sent, sizeof(sent), "%ld time%s, last %s", inv->sent_count,
		 inv->sent_count == 1 ? "" : "s", last);
	people_invite_projects(t, inv, projects, sizeof(projects));
	people_line(r, &y, "Invited", inv->email);
	people_line(r, &y, "As", role_label(inv->role));
	people_line(r, &y, "Status", model_invitation_status_name(inv->status));
	people_line(r, &y, "Sent", sent);
	people_line(r, &y, "Expires", expires);
	people_line(r, &y, "Projects", projects);
}

static void tab_people_detail(struct tui *t, struct rect r)
{
	struct people_row row;
	char role[64];

	if (!tab_people_selected(&row))
		return;
	if (row.invitation != NULL) {
		people_detail_invitation(t, r, row.invitation);
		return;
	}
	if (row.member != NULL) {
		snprintf(role, sizeof(role), "%s",
			 role_label(perm_org_role(row.member->role,
						  row.member->owner)));
		people_detail_member(r, &row.member->user, role,
				     row.member->joined_at);
		return;
	}
	snprintf(role, sizeof(role), "%s here, %s in the organization",
		 role_label(row.pmember->role),
		 role_label(row.pmember->org_role));
	people_detail_member(r, &row.pmember->user, role,
			     row.pmember->added_at);
}

static bool tab_people_key(struct tui *t, int key)
{
	return people.ready && list_key(&people.list, t, key);
}

static void tab_people_click(struct tui *t, int y, int x)
{
	(void)x;
	if (people.ready && list_click(&people.list, y))
		tui_dirty(t);
}

/* Finds the row whose object has @id in @page; returns its index or -1. */
static long people_find(const struct model_page *page, const char *id)
{
	size_t i;

	for (i = 0; page != NULL && i < page->count; i++) {
		const struct model_member *m = page->items[i];

		if (strcmp(m->id, id) == 0)
			return (long)i;
	}
	return -1;
}

void tab_people_replace(enum model_type type, void *obj)
{
	const char *id = type == MODEL_MEMBER
				 ? ((struct model_member *)obj)->id
				 : ((struct model_project_member *)obj)->id;
	long i = people_find(people.members, id);

	if (i < 0 || people.members->item_type != type) {
		model_free(type, obj);
		return;
	}
	model_free(type, people.members->items[i]);
	people.members->items[i] = obj;
	tui_dirty(people.t);
}

static void tab_people_cancel(struct tui *t)
{
	(void)t;
	list_cancel(&people.list);
}

static void tab_people_close(struct tui *t)
{
	(void)t;
	model_page_free(&people.members);
	model_page_free(&people.invites);
	list_release(&people.list);
	people.ready = false;
}

static const struct action tab_people_actions[] = {
	{ .key = 'i',
	  .keyname = "i",
	  .label = "Invite",
	  .what = "invite people",
	  .command = "invite",
	  .scope = ACTION_ORG,
	  .perm = PERM_INVITATION_CREATE,
	  .write = true,
	  .run = invite_open },
	{ .key = 'e',
	  .keyname = "e",
	  .label = "Role",
	  .what = "change roles",
	  .command = "role",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_MEMBER_UPDATE,
	  .write = true,
	  .run = people_role_open },
	{ .key = 'x',
	  .keyname = "x",
	  .label = "Remove",
	  .what = "remove people",
	  .command = "remove",
	  .scope = ACTION_CONTEXT,
	  .perm = PERM_MEMBER_REMOVE,
	  .write = true,
	  .run = people_edit_remove },
	{ .key = 's',
	  .keyname = "s",
	  .label = "Resend",
	  .what = "resend invitations",
	  .command = "resend",
	  .scope = ACTION_ORG,
	  .perm = PERM_INVITATION_RESEND,
	  .write = true,
	  .run = people_edit_resend },
	{ .key = 'v',
	  .keyname = "v",
	  .label = "Revoke",
	  .what = "revoke invitations",
	  .command = "revoke",
	  .scope = ACTION_ORG,
	  .perm = PERM_INVITATION_REVOKE,
	  .write = true,
	  .run = people_edit_revoke },
	{ .key = 'a',
	  .keyname = "a",
	  .label = "Add",
	  .what = "add people to a project",
	  .command = "add",
	  .scope = ACTION_PROJECT,
	  .perm = PERM_MEMBER_ADD,
	  .write = true,
	  .run = people_edit_add },
	{ 0 },
};

const struct pane_ops tab_people_ops = {
	.title = "People",
	.actions = tab_people_actions,
	.open = tab_people_open,
	.draw = tab_people_draw,
	.detail = tab_people_detail,
	.key = tab_people_key,
	.click = tab_people_click,
	.cancel = tab_people_cancel,
	.close = tab_people_close,
};
