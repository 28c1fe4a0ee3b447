/* SPDX-License-Identifier: MIT */
/* Removing people, resending and revoking invitations, adding to a project. */
#include "people_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confirm.h"
#include "form.h"
#include "invite_result.h"
#include "tab_people.h"
#include "text.h"

#define PEOPLE_EDIT_ID_MAX   80
#define PEOPLE_EDIT_TEXT_MAX 512

/* The row acted on, copied so that it outlives the list. */
struct people_edit {
	struct tui *t;
	enum scope scope;
	char parent[PEOPLE_EDIT_ID_MAX]; /* org or project id */
	char id[PEOPLE_EDIT_ID_MAX];	 /* user or invitation id */
	char etag[128];
	char label[PEOPLE_EDIT_TEXT_MAX]; /* name or email, for messages */
	char org_name[PEOPLE_EDIT_TEXT_MAX];
};

static struct people_edit *people_edit_new(struct tui *t)
{
	struct people_edit *pe = calloc(1, sizeof(*pe));
	const struct model_project *prj = tui_project(t);

	if (pe == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return NULL;
	}
	pe->t = t;
	pe->scope = tui_scope(t);
	snprintf(pe->parent, sizeof(pe->parent), "%s",
		 prj != NULL ? prj->id : tui_org(t)->id);
	snprintf(pe->org_name, sizeof(pe->org_name), "%s",
		 prj != NULL ? prj->name : tui_org(t)->name);
	return pe;
}

static struct people_edit *people_edit_clone(const struct people_edit *pe)
{
	struct people_edit *copy = malloc(sizeof(*copy));

	if (copy != NULL)
		*copy = *pe;
	return copy;
}

/* ---- remove ---- */

static void people_edit_removed(struct api_result *res)
{
	struct people_edit *pe = res->user;

	if (res->error.kind != API_ERR_NONE)
		tui_api_error(pe->t, "remove people", res);
	else
		tui_status(pe->t, STATUS_OK, "Removed %s from %s", pe->label,
			   pe->org_name);
	tab_people_reload(pe->t);
	free(pe);
}

static void people_edit_remove_done(struct tui *t, void *ctx)
{
	struct people_edit *pe = people_edit_clone(ctx);
	struct api_req req = { .done = people_edit_removed, .user = pe };
	unsigned long id;

	if (pe == NULL)
		return;
	if (pe->scope == SCOPE_ORG)
		id = api_member_remove(tui_api(t), &req, pe->parent, pe->id,
				       pe->etag);
	else
		id = api_project_member_remove(tui_api(t), &req, pe->parent,
					       pe->id, pe->etag);
	if (tui_track(t, id) == 0)
		free(pe);
}

void people_edit_remove(struct tui *t, const char *arg)
{
	struct people_row row;
	struct people_edit *pe;
	char message[PEOPLE_EDIT_TEXT_MAX * 2 + 200];
	const struct model_user *u;

	(void)arg;
	if (!tab_people_selected(&row) || row.invitation != NULL) {
		tui_status(t, STATUS_WARN,
			   "Select a person to remove; revoke "
			   "an invitation with v");
		return;
	}
	if (row.member != NULL && row.member->owner) {
		tui_status(t, STATUS_WARN,
			   "The owner cannot be removed: "
			   "transfer ownership first");
		return;
	}
	pe = people_edit_new(t);
	if (pe == NULL)
		return;
	u = row.member ? &row.member->user : &row.pmember->user;
	snprintf(pe->id, sizeof(pe->id), "%s", u->id);
	snprintf(pe->etag, sizeof(pe->etag), "%s",
		 row.member ? row.member->etag : row.pmember->etag);
	snprintf(pe->label, sizeof(pe->label), "%s", tab_people_name(u));
	snprintf(message, sizeof(message),
		 pe->scope == SCOPE_ORG
			 ? "Remove %s (%s) from %s? Their project roles go "
			   "too, and the API keys they made stop working."
			 : "Remove %s (%s) from the project %s? They stay in "
			   "the organization.",
		 pe->label, u->email, pe->org_name);
	confirm_open(t,
		     &(struct confirm_spec){ .title = "Remove person",
					     .message = message,
					     .yes = "Remove",
					     .danger = true },
		     people_edit_remove_done, pe, free);
}

/* ---- invitations ---- */

/* Copies the selected invitation; NULL (and says so) when there is none. */
static struct people_edit *people_edit_invitation(struct tui *t,
						  const char *doing)
{
	struct people_row row;
	struct people_edit *pe;

	if (!tab_people_selected(&row) || row.invitation == NULL) {
		tui_status(t, STATUS_WARN, "Select an invitation to %s", doing);
		return NULL;
	}
	pe = people_edit_new(t);
	if (pe == NULL)
		return NULL;
	snprintf(pe->parent, sizeof(pe->parent), "%s", row.invitation->org_id);
	snprintf(pe->id, sizeof(pe->id), "%s", row.invitation->id);
	snprintf(pe->label, sizeof(pe->label), "%s", row.invitation->email);
	return pe;
}

static void people_edit_resent(struct api_result *res)
{
	struct people_edit *pe = res->user;

	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(pe->t, "resend the invitation", res);
	} else {
		tui_status(pe->t, STATUS_OK,
			   "Sent a new code to %s; the old "
			   "one no longer works",
			   pe->label);
		invite_result_open_one(pe->t, api_result_take(res));
	}
	tab_people_reload(pe->t);
	free(pe);
}

void people_edit_resend(struct tui *t, const char *arg)
{
	struct people_edit *pe = people_edit_invitation(t, "resend");
	struct api_req req = { .done = people_edit_resent, .user = pe };

	(void)arg;
	if (pe == NULL)
		return;
	if (tui_track(t, api_invitation_resend(tui_api(t), &req, pe->parent,
					       pe->id)) == 0)
		free(pe);
}

static void people_edit_revoked(struct api_result *res)
{
	struct people_edit *pe = res->user;

	if (res->error.kind != API_ERR_NONE)
		tui_api_error(pe->t, "revoke the invitation", res);
	else
		tui_status(pe->t, STATUS_OK, "Revoked the invitation of %s",
			   pe->label);
	tab_people_reload(pe->t);
	free(pe);
}

static void people_edit_revoke_done(struct tui *t, void *ctx)
{
	struct people_edit *pe = people_edit_clone(ctx);
	struct api_req req = { .done = people_edit_revoked, .user = pe };

	if (pe == NULL)
		return;
	if (tui_track(t, api_invitation_revoke(tui_api(t), &req, pe->parent,
					       pe->id)) == 0)
		free(pe);
}

void people_edit_revoke(struct tui *t, const char *arg)
{
	struct people_edit *pe = people_edit_invitation(t, "revoke");
	char message[PEOPLE_EDIT_TEXT_MAX + 100];

	(void)arg;
	if (pe == NULL)
		return;
	snprintf(message, sizeof(message),
		 "Revoke the invitation of %s? Its code stops working.",
		 pe->label);
	confirm_open(t,
		     &(struct confirm_spec){ .title = "Revoke invitation",
					     .message = message,
					     .yes = "Revoke",
					     .danger = true },
		     people_edit_revoke_done, pe, free);
}

/* ---- add to a project ---- */

static void people_edit_add_form(struct tui *t, const char *email, size_t role,
				 const char *error);

static void people_edit_added(struct api_result *res)
{
	struct people_edit *pe = res->user;
	char why[256];

	if (res->error.kind != API_ERR_NONE && res->status != 403) {
		api_error_format(&res->error, why, sizeof(why));
		people_edit_add_form(pe->t, pe->label, 0, why);
	} else if (res->error.kind != API_ERR_NONE) {
		tui_api_error(pe->t, "add people to the project", res);
	} else if (res->type == MODEL_INVITATION) {
		tui_status(pe->t, STATUS_OK,
			   "%s is not in the organization "
			   "yet: invited",
			   pe->label);
		invite_result_open_one(pe->t, api_result_take(res));
	} else {
		tui_status(pe->t, STATUS_OK, "Added %s to %s", pe->label,
			   pe->org_name);
	}
	tab_people_reload(pe->t);
	free(pe);
}

static void people_edit_add_done(struct tui *t, const struct form *f, void *ctx)
{
	struct people_edit *pe = people_edit_new(t);
	struct api_req req = { .done = people_edit_added, .user = pe };

	(void)ctx;
	if (pe == NULL)
		return;
	snprintf(pe->label, sizeof(pe->label), "%s", form_text(f, 0));
	if (tui_track(t, api_project_member_add(
				 tui_api(t), &req, pe->parent, NULL, pe->label,
				 role_assignable[form_choice(f, 1)])) == 0)
		free(pe);
}

static void people_edit_add_form(struct tui *t, const char *email, size_t role,
				 const char *error)
{
	const struct form_field fields[] = {
		{ .kind = FORM_TEXT,
		  .label = "Email",
		  .value = email,
		  .check = text_check_email },
		{ .kind = FORM_CHOICE,
		  .label = "Role here",
		  .choices = role_assignable_labels,
		  .n_choices = ROLE_ASSIGNABLE,
		  .choice = role },
	};

	form_open(t, "Add to project", fields, 2, error, people_edit_add_done,
		  NULL, NULL);
}

void people_edit_add(struct tui *t, const char *arg)
{
	people_edit_add_form(t, arg, 0, NULL);
}
