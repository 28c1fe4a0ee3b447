/* SPDX-License-Identifier: MIT */
/* The invitation form and sending a batch of invitations. */
#include "invite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "invite_result.h"
#include "tab_people.h"
#include "text.h"

#define INVITE_EMAILS_MAX   50
#define INVITE_ID_MAX	    80
#define INVITE_PROJECT_ROWS 4

/* Roles one can be invited with, lowest first. */

/* What was typed, kept to open the form again if the server refuses. */
struct invite {
	struct tui *t;
	char org[INVITE_ID_MAX];
	char *emails;
	size_t role, project_role;
	char days[16];
	size_t n_projects;
	char (*project_ids)[INVITE_ID_MAX];
	char **project_names;
	bool *checked;
	size_t n_roles; /* roles not above the inviter's */
};

/* The batch being built from the form. */
struct invite_batch {
	const char *emails[INVITE_EMAILS_MAX];
	char *owned[INVITE_EMAILS_MAX];
	size_t n;
	bool too_many;
};

static void invite_free(void *ptr)
{
	struct invite *iv = ptr;
	size_t i;

	if (iv == NULL)
		return;
	for (i = 0; i < iv->n_projects; i++)
		free(iv->project_names[i]);
	free(iv->project_names);
	free(iv->project_ids);
	free(iv->checked);
	free(iv->emails);
	free(iv);
}

static int invite_take_projects(struct invite *iv, struct tui *t)
{
	const struct model_page *page = tui_projects(t);
	size_t i, n = page != NULL ? page->count : 0;

	if (n == 0)
		return 0;
	iv->project_ids = calloc(n, sizeof(*iv->project_ids));
	iv->project_names = calloc(n, sizeof(char *));
	iv->checked = calloc(n, sizeof(bool));
	if (!iv->project_ids || !iv->project_names || !iv->checked)
		return -1;
	for (i = 0; i < n; i++) {
		const struct model_project *p = page->items[i];

		iv->n_projects = i + 1;
		snprintf(iv->project_ids[i], INVITE_ID_MAX, "%s", p->id);
		iv->project_names[i] = strdup(p->name);
		if (iv->project_names[i] == NULL)
			return -1;
	}
	return 0;
}

static struct invite *invite_new(struct tui *t)
{
	const struct model_org *org = tui_org(t);
	struct invite *iv = calloc(1, sizeof(*iv));

	if (iv == NULL)
		return NULL;
	iv->t = t;
	snprintf(iv->org, sizeof(iv->org), "%s", org->id);
	snprintf(iv->days, sizeof(iv->days), "7");
	iv->n_roles = role_assignable_upto(org->role);
	if (invite_take_projects(iv, t) < 0) {
		invite_free(iv);
		return NULL;
	}
	return iv;
}

static const char *invite_check_days(const char *text)
{
	char *end;
	long days = strtol(text, &end, 10);

	if (*end != '\0' || days < 1 || days > 30)
		return "must be a number of days from 1 to 30";
	return NULL;
}

static void invite_done(struct tui *t, const struct form *f, void *ctx);

/* Opens the form with what @iv holds; the form takes @iv. */
static void invite_form(struct invite *iv, const char *error)
{
	bool projects = iv->n_projects > 0;
	struct form_field fields[5] = {
		{ .kind = FORM_LINES,
		  .label = "Emails",
		  .value = iv->emails,
		  .check = text_check_email,
		  .rows = 4 },
		{ .kind = FORM_CHOICE,
		  .label = "Role",
		  .choices = role_assignable_labels,
		  .n_choices = iv->n_roles,
		  .choice = iv->role },
		{ .kind = FORM_TEXT,
		  .label = "Expires (days)",
		  .value = iv->days,
		  .check = invite_check_days },
		{ .kind = FORM_CHECKS,
		  .label = "Projects",
		  .choices = (const char *const *)iv->project_names,
		  .n_choices = iv->n_projects,
		  .checked = iv->checked,
		  .optional = true,
		  .rows = iv->n_projects < INVITE_PROJECT_ROWS
				  ? (int)iv->n_projects
				  : INVITE_PROJECT_ROWS },
		{ .kind = FORM_CHOICE,
		  .label = "Project role",
		  .choices = role_assignable_labels,
		  .n_choices = ROLE_ASSIGNABLE,
		  .choice = iv->project_role },
	};

	form_open(iv->t, "Invite people", fields, projects ? 5 : 3, error,
		  invite_done, iv, invite_free);
}

static void invite_add_email(const char *item, void *arg)
{
	struct invite_batch *b = arg;
	char *copy;

	if (b->n >= INVITE_EMAILS_MAX) {
		b->too_many = true;
		return;
	}
	copy = strdup(item);
	if (copy == NULL)
		return;
	b->owned[b->n] = copy;
	b->emails[b->n++] = copy;
}

static void invite_batch_release(struct invite_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		free(b->owned[i]);
	b->n = 0;
}

/* Keeps what the form holds in a fresh struct invite. */
static struct invite *invite_keep(const struct invite *old,
				  const struct form *f)
{
	struct invite *iv = invite_new(old->t);
	size_t i;

	if (iv == NULL)
		return NULL;
	iv->emails = strdup(form_text(f, 0));
	iv->role = form_choice(f, 1);
	snprintf(iv->days, sizeof(iv->days), "%s", form_text(f, 2));
	for (i = 0; i < iv->n_projects && i < old->n_projects; i++)
		iv->checked[i] = form_checked(f, 3, i);
	iv->project_role = old->n_projects ? form_choice(f, 4) : 0;
	return iv;
}

static void invite_sent(struct api_result *res)
{
	struct invite *iv = res->user;
	struct model_invite_results *results;
	char why[256];

	if (res->error.kind != API_ERR_NONE && res->status != 403) {
		api_error_format(&res->error, why, sizeof(why));
		invite_form(iv, why);
		return;
	}
	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(iv->t, "invite people", res);
		invite_free(iv);
		return;
	}
	results = api_result_take(res);
	tab_people_reload(iv->t);
	invite_result_open_batch(iv->t, results);
	invite_free(iv);
}

/* Fills the project roles of @inv from the checks of @iv. */
static size_t invite_projects(const struct invite *iv,
			      struct api_invite_project *out)
{
	size_t i, n = 0;

	for (i = 0; i < iv->n_projects; i++) {
		if (!iv->checked[i])
			continue;
		out[n].project_id = iv->project_ids[i];
		out[n].role = role_assignable[iv->project_role];
		n++;
	}
	return n;
}

static void invite_send(struct invite *iv, struct invite_batch *b)
{
	struct api_invite_project *projects =
		calloc(iv->n_projects ? iv->n_projects : 1, sizeof(*projects));
	struct api_invite inv = { .emails = b->emails,
				  .email_count = b->n,
				  .role = role_assignable[iv->role],
				  .expires_in_days = atoi(iv->days) };
	struct api_req req = { .done = invite_sent, .user = iv };

	if (projects == NULL) {
		invite_free(iv);
		return;
	}
	inv.projects = projects;
	inv.project_count = invite_projects(iv, projects);
	if (tui_track(iv->t, api_invitations_create(tui_api(iv->t), &req,
						    iv->org, &inv)) == 0)
		invite_free(iv);
	free(projects);
}

static void invite_done(struct tui *t, const struct form *f, void *ctx)
{
	struct invite *iv = invite_keep(ctx, f);
	struct invite_batch batch = { 0 };

	if (iv == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	form_each_item(f, 0, invite_add_email, &batch);
	if (batch.too_many)
		invite_form(iv, "At most 50 addresses at once");
	else
		invite_send(iv, &batch);
	invite_batch_release(&batch);
}

void invite_open(struct tui *t, const char *arg)
{
	struct invite *iv = invite_new(t);

	if (iv == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	if (arg != NULL && *arg != '\0')
		iv->emails = strdup(arg);
	invite_form(iv, NULL);
}
