/* SPDX-License-Identifier: MIT */
/* Creating, renaming, handing over, deleting and leaving organizations. */
#include "org_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confirm.h"
#include "form.h"
#include "picker.h"
#include "text.h"

#define ORG_EDIT_ID_MAX	  80
#define ORG_EDIT_NAME_MAX 512
#define ORG_EDIT_ETAG_MAX 128

/* What a request about one organization needs to remember. */
struct org_edit {
	struct tui *t;
	char org[ORG_EDIT_ID_MAX];
	char org_name[ORG_EDIT_NAME_MAX];
	char etag[ORG_EDIT_ETAG_MAX];
	char name[ORG_EDIT_NAME_MAX]; /* typed: the new name */
	char user[ORG_EDIT_ID_MAX];   /* transfer: the new owner */
	char user_name[ORG_EDIT_NAME_MAX];
	/* transfer: the Admins found so far */
	struct picker_item *admins;
	char (*admin_ids)[ORG_EDIT_ID_MAX];
	size_t n_admins;
};

static void org_edit_free(void *ptr)
{
	struct org_edit *e = ptr;
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->n_admins; i++) {
		free((char *)e->admins[i].label);
		free((char *)e->admins[i].note);
	}
	free(e->admins);
	free(e->admin_ids);
	free(e);
}

/* A new context about the open organization (NULL when none is open or
 * memory ran out, after saying so). */
static struct org_edit *org_edit_new(struct tui *t)
{
	const struct model_org *org = tui_org(t);
	struct org_edit *e;

	e = calloc(1, sizeof(*e));
	if (e == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return NULL;
	}
	e->t = t;
	if (org != NULL) {
		snprintf(e->org, sizeof(e->org), "%s", org->id);
		snprintf(e->org_name, sizeof(e->org_name), "%s", org->name);
		snprintf(e->etag, sizeof(e->etag), "%s", org->etag);
	}
	return e;
}

/* A copy of @e without the list of Admins, for a request of its own. */
static struct org_edit *org_edit_clone(const struct org_edit *e)
{
	struct org_edit *copy = malloc(sizeof(*copy));

	if (copy == NULL)
		return NULL;
	*copy = *e;
	copy->admins = NULL;
	copy->admin_ids = NULL;
	copy->n_admins = 0;
	return copy;
}

static struct api_req org_edit_req(void (*done)(struct api_result *),
				   struct org_edit *e)
{
	return (struct api_req){ .done = done, .user = e };
}

/* ---- create ---- */

static void org_edit_create_form(struct tui *t, const char *name,
				 const char *error);

static void org_edit_created(struct api_result *res)
{
	struct org_edit *e = res->user;
	const struct model_org *org = res->object;

	if (res->error.kind != API_ERR_NONE) {
		char why[256];

		api_error_format(&res->error, why, sizeof(why));
		org_edit_create_form(e->t, e->name, why);
	} else {
		tui_status(e->t, STATUS_OK, "Created %s; you own it",
			   org->name);
		tui_open(e->t, org->id, NULL);
	}
	org_edit_free(e);
}

static void org_edit_create_done(struct tui *t, const struct form *f, void *ctx)
{
	struct org_edit *e = org_edit_new(t);
	struct api_req req;

	(void)ctx;
	if (e == NULL)
		return;
	snprintf(e->name, sizeof(e->name), "%s", form_text(f, 0));
	req = org_edit_req(org_edit_created, e);
	if (tui_track(t, api_org_create(tui_api(t), &req, e->name)) == 0)
		org_edit_free(e);
}

static void org_edit_create_form(struct tui *t, const char *name,
				 const char *error)
{
	const struct form_field fields[] = {
		{ .kind = FORM_TEXT,
		  .label = "Name",
		  .value = name,
		  .check = text_check_name },
	};

	form_open(t, "New organization", fields, 1, error, org_edit_create_done,
		  NULL, NULL);
}

void org_edit_create(struct tui *t, const char *arg)
{
	const struct model_me *me = tui_me(t);

	if (me != NULL && me->is_key) {
		tui_status(t, STATUS_WARN,
			   "An API key cannot create "
			   "organizations: sign in as a "
			   "person");
		return;
	}
	org_edit_create_form(t, arg, NULL);
}

/* ---- rename ---- */

static void org_edit_rename_form(struct tui *t, struct org_edit *e,
				 const char *error);

/* The organization as it is now arrived after a 412: ask again. */
static void org_edit_reread(struct api_result *res)
{
	struct org_edit *e = res->user;
	const struct model_org *org = res->object;
	char why[700];

	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(e->t, "read the organization", res);
		org_edit_free(e);
		return;
	}
	snprintf(e->etag, sizeof(e->etag), "%s", org->etag);
	snprintf(why, sizeof(why),
		 "Someone changed it meanwhile; it is now called \"%s\". "
		 "Send your name again?",
		 org->name);
	tui_refresh_context(e->t);
	org_edit_rename_form(e->t, e, why);
}

static void org_edit_renamed(struct api_result *res)
{
	struct org_edit *e = res->user;
	struct api_req req = org_edit_req(org_edit_reread, e);
	char why[256];

	if (res->error.kind == API_ERR_CHANGED) {
		if (tui_track(e->t, api_org_get(tui_api(e->t), &req, e->org)) ==
		    0)
			org_edit_free(e);
		return;
	}
	if (res->error.kind != API_ERR_NONE && res->status != 403) {
		api_error_format(&res->error, why, sizeof(why));
		org_edit_rename_form(e->t, e, why);
		return;
	}
	if (res->error.kind != API_ERR_NONE)
		tui_api_error(e->t, "rename the organization", res);
	else
		tui_status(e->t, STATUS_OK, "Renamed to %s", e->name);
	tui_refresh_context(e->t);
	org_edit_free(e);
}

static void org_edit_rename_done(struct tui *t, const struct form *f, void *ctx)
{
	struct org_edit *e = ctx, *copy = org_edit_clone(e);
	struct api_req req;

	if (copy == NULL)
		return;
	snprintf(copy->name, sizeof(copy->name), "%s", form_text(f, 0));
	req = org_edit_req(org_edit_renamed, copy);
	if (tui_track(t, api_org_update(tui_api(t), &req, copy->org, copy->etag,
					copy->name)) == 0)
		free(copy);
}

/* Opens the rename form; takes @e. */
static void org_edit_rename_form(struct tui *t, struct org_edit *e,
				 const char *error)
{
	const struct form_field fields[] = {
		{ .kind = FORM_TEXT,
		  .label = "Name",
		  .value = e->name[0] ? e->name : e->org_name,
		  .check = text_check_name },
	};

	form_open(t, "Rename organization", fields, 1, error,
		  org_edit_rename_done, e, org_edit_free);
}

void org_edit_rename(struct tui *t, const char *arg)
{
	struct org_edit *e = org_edit_new(t);

	if (e == NULL)
		return;
	if (arg != NULL)
		snprintf(e->name, sizeof(e->name), "%s", arg);
	org_edit_rename_form(t, e, NULL);
}

/* ---- delete ---- */

static void org_edit_deleted(struct api_result *res)
{
	struct org_edit *e = res->user;

	if (res->error.kind != API_ERR_NONE)
		tui_api_error(e->t, "delete the organization", res);
	else {
		tui_status(e->t, STATUS_OK, "Deleted %s", e->org_name);
		tui_open(e->t, "", NULL);
	}
	org_edit_free(e);
}

static void org_edit_delete_done(struct tui *t, void *ctx)
{
	struct org_edit *e = ctx, *copy = org_edit_clone(e);
	struct api_req req;

	if (copy == NULL)
		return;
	req = org_edit_req(org_edit_deleted, copy);
	if (tui_track(t, api_org_delete(tui_api(t), &req, copy->org,
					copy->etag)) == 0)
		free(copy);
}

void org_edit_delete(struct tui *t, const char *arg)
{
	struct org_edit *e = org_edit_new(t);
	char message[ORG_EDIT_NAME_MAX + 200];
	struct confirm_spec spec = { .title = "Delete organization",
				     .message = message,
				     .yes = "Delete",
				     .danger = true };

	(void)arg;
	if (e == NULL)
		return;
	snprintf(message, sizeof(message),
		 "Delete %s with all its projects, keys, connections, secrets, "
		 "AuthKit configurations and invitations? This cannot be "
		 "undone.",
		 e->org_name);
	spec.type_name = e->org_name;
	confirm_open(t, &spec, org_edit_delete_done, e, org_edit_free);
}

/* ---- transfer ---- */

static void org_edit_transferred(struct api_result *res)
{
	struct org_edit *e = res->user;

	if (res->error.kind == API_ERR_CHANGED)
		tui_status(e->t, STATUS_WARN,
			   "%s changed meanwhile; reloaded. Look again and "
			   "transfer again if you still want to",
			   e->org_name);
	else if (res->error.kind != API_ERR_NONE)
		tui_api_error(e->t, "transfer ownership", res);
	else
		tui_status(e->t, STATUS_OK, "%s now owns %s; you stay an Admin",
			   e->user_name, e->org_name);
	tui_refresh_context(e->t);
	org_edit_free(e);
}

static void org_edit_transfer_done(struct tui *t, void *ctx)
{
	struct org_edit *e = ctx, *copy = org_edit_clone(e);
	struct api_req req;

	if (copy == NULL)
		return;
	req = org_edit_req(org_edit_transferred, copy);
	if (tui_track(t, api_org_transfer(tui_api(t), &req, copy->org,
					  copy->etag, copy->user)) == 0)
		free(copy);
}

static void org_edit_transfer_picked(struct tui *t, size_t chosen, void *ctx)
{
	struct org_edit *e = ctx, *next = org_edit_clone(e);
	char message[ORG_EDIT_NAME_MAX * 2 + 200];
	struct confirm_spec spec = { .title = "Transfer ownership",
				     .message = message,
				     .yes = "Transfer",
				     .danger = true };

	if (next == NULL)
		return;
	snprintf(next->user, sizeof(next->user), "%s", e->admin_ids[chosen]);
	snprintf(next->user_name, sizeof(next->user_name), "%s",
		 e->admins[chosen].label);
	snprintf(message, sizeof(message),
		 "Make %s the owner of %s? Only the owner can delete the "
		 "organization or hand it over; you stay an Admin.",
		 next->user_name, next->org_name);
	spec.type_name = next->org_name;
	confirm_open(t, &spec, org_edit_transfer_done, next, org_edit_free);
}

static int org_edit_add_admin(struct org_edit *e, const struct model_member *m)
{
	size_t n = e->n_admins + 1;
	struct picker_item *items = realloc(e->admins, n * sizeof(*items));
	char(*ids)[ORG_EDIT_ID_MAX];

	if (items == NULL)
		return -1;
	e->admins = items;
	ids = realloc(e->admin_ids, n * sizeof(*ids));
	if (ids == NULL)
		return -1;
	e->admin_ids = ids;
	items[n - 1] = (struct picker_item){
		.label = strdup(m->user.name[0] ? m->user.name : m->user.email),
		.note = strdup(m->user.email),
	};
	snprintf(ids[n - 1], ORG_EDIT_ID_MAX, "%s", m->id);
	e->n_admins = n;
	return items[n - 1].label && items[n - 1].note ? 0 : -1;
}

static void org_edit_admins_page(struct api_result *res);

static void org_edit_admins_next(struct org_edit *e, const char *after)
{
	struct api_query q = { .limit = 100, .after = after };
	struct api_req req = org_edit_req(org_edit_admins_page, e);

	if (tui_track(e->t,
		      api_members_list(tui_api(e->t), &req, e->org, &q)) == 0)
		org_edit_free(e);
}

static void org_edit_admins_ready(struct org_edit *e)
{
	struct picker_spec spec = {
		.title = "Transfer ownership to",
		.message = "Ownership goes only to another Admin.",
		.items = e->admins,
		.n = e->n_admins,
	};

	if (e->n_admins == 0) {
		tui_status(e->t, STATUS_WARN,
			   "Nobody to hand %s to: make someone an Admin first",
			   e->org_name);
		org_edit_free(e);
		return;
	}
	picker_open(e->t, &spec, org_edit_transfer_picked, e, org_edit_free);
}

static void org_edit_admins_page(struct api_result *res)
{
	struct org_edit *e = res->user;
	const struct model_page *page = res->object;
	size_t i;

	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(e->t, "list the members", res);
		org_edit_free(e);
		return;
	}
	for (i = 0; i < page->count; i++) {
		const struct model_member *m = page->items[i];

		if (m->role == ROLE_ADMIN && !m->owner &&
		    org_edit_add_admin(e, m) < 0) {
			tui_status(e->t, STATUS_ERROR, "out of memory");
			org_edit_free(e);
			return;
		}
	}
	if (page->has_more)
		org_edit_admins_next(e, page->last_id);
	else
		org_edit_admins_ready(e);
}

void org_edit_transfer(struct tui *t, const char *arg)
{
	struct org_edit *e = org_edit_new(t);

	(void)arg;
	if (e != NULL)
		org_edit_admins_next(e, NULL);
}

/* ---- leave ---- */

static void org_edit_left(struct api_result *res)
{
	struct org_edit *e = res->user;

	if (res->error.kind != API_ERR_NONE)
		tui_api_error(e->t, "leave the organization", res);
	else {
		tui_status(e->t, STATUS_OK, "You left %s", e->org_name);
		tui_open(e->t, "", NULL);
	}
	org_edit_free(e);
}

static void org_edit_leave_done(struct tui *t, void *ctx)
{
	struct org_edit *e = ctx, *copy = org_edit_clone(e);
	struct api_req req;

	if (copy == NULL)
		return;
	req = org_edit_req(org_edit_left, copy);
	if (tui_track(t, api_org_leave(tui_api(t), &req, copy->org)) == 0)
		free(copy);
}

void org_edit_leave(struct tui *t, const char *arg)
{
	const struct model_org *org = tui_org(t);
	char message[ORG_EDIT_NAME_MAX + 200];
	struct confirm_spec spec = { .title = "Leave organization",
				     .message = message,
				     .yes = "Leave",
				     .danger = true };
	struct org_edit *e;

	(void)arg;
	if (org == NULL)
		return;
	if (org->kind == MODEL_ORG_PERSONAL) {
		tui_status(t, STATUS_WARN, "Cannot leave your personal space");
		return;
	}
	if (org->role == ROLE_OWNER) {
		tui_status(t, STATUS_WARN,
			   "The owner cannot leave: transfer "
			   "ownership first (T)");
		return;
	}
	e = org_edit_new(t);
	if (e == NULL)
		return;
	snprintf(message, sizeof(message),
		 "Leave %s? You lose your roles in it and in its projects, and "
		 "the API keys you made stop working.",
		 e->org_name);
	confirm_open(t, &spec, org_edit_leave_done, e, org_edit_free);
}
