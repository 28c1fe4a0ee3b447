/* SPDX-License-Identifier: MIT */
/* Creating, renaming and deleting projects. */
#include "project_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confirm.h"
#include "form.h"
#include "text.h"

#define PROJECT_EDIT_ID_MAX   80
#define PROJECT_EDIT_TEXT_MAX 1024

/* The project acted on, copied so that it outlives the session's list. */
struct project_edit {
	struct tui *t;
	char org[PROJECT_EDIT_ID_MAX];
	char id[PROJECT_EDIT_ID_MAX]; /* "" when creating */
	char etag[128];
	char name[PROJECT_EDIT_TEXT_MAX];
	char description[PROJECT_EDIT_TEXT_MAX];
};

static struct project_edit *project_edit_new(struct tui *t)
{
	struct project_edit *pe = calloc(1, sizeof(*pe));
	const struct model_project *prj = tui_project(t);

	if (pe == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return NULL;
	}
	pe->t = t;
	snprintf(pe->org, sizeof(pe->org), "%s", tui_org(t)->id);
	if (prj == NULL)
		return pe;
	snprintf(pe->id, sizeof(pe->id), "%s", prj->id);
	snprintf(pe->etag, sizeof(pe->etag), "%s", prj->etag);
	snprintf(pe->name, sizeof(pe->name), "%s", prj->name);
	snprintf(pe->description, sizeof(pe->description), "%s",
		 prj->description);
	return pe;
}

static struct project_edit *project_edit_clone(const struct project_edit *pe)
{
	struct project_edit *copy = malloc(sizeof(*copy));

	if (copy != NULL)
		*copy = *pe;
	return copy;
}

static const char *project_edit_check_description(const char *text)
{
	return strlen(text) > 1000 ? "is longer than 1000 characters" : NULL;
}

/* True when the server refused what was typed (a name taken, ...). */
static bool project_edit_refused(const struct api_result *res)
{
	return res->error.kind == API_ERR_HTTP &&
	       (res->status == 400 || res->status == 409 || res->status == 422);
}

/* ---- create and rename: one form ---- */

static void project_edit_form(struct tui *t, const struct project_edit *pe,
			      const char *error);

static void project_edit_saved(struct api_result *res)
{
	struct project_edit *pe = res->user;
	const struct model_project *prj = res->object;
	bool creating = pe->id[0] == '\0';
	char why[256];

	if (res->error.kind == API_ERR_NONE) {
		tui_status(pe->t, STATUS_OK, "%s the project %s",
			   creating ? "Created" : "Saved", prj->name);
		tui_open(pe->t, pe->org, prj->id);
	} else if (project_edit_refused(res)) {
		api_error_format(&res->error, why, sizeof(why));
		project_edit_form(pe->t, pe, why);
	} else {
		tui_api_error(pe->t,
			      creating ? "create projects" : "rename projects",
			      res);
		if (res->error.kind == API_ERR_CHANGED)
			tui_refresh(pe->t);
	}
	free(pe);
}

static void project_edit_form_done(struct tui *t, const struct form *f,
				   void *ctx)
{
	struct project_edit *pe = project_edit_clone(ctx);
	struct api_req req = { .done = project_edit_saved, .user = pe };
	unsigned long id;

	if (pe == NULL)
		return;
	snprintf(pe->name, sizeof(pe->name), "%s", form_text(f, 0));
	snprintf(pe->description, sizeof(pe->description), "%s",
		 form_text(f, 1));
	if (pe->id[0] == '\0')
		id = api_project_create(tui_api(t), &req, pe->org, pe->name,
					pe->description);
	else
		id = api_project_update(tui_api(t), &req, pe->id, pe->etag,
					pe->name, pe->description);
	if (tui_track(t, id) == 0)
		free(pe);
}

static void project_edit_form(struct tui *t, const struct project_edit *pe,
			      const char *error)
{
	const struct form_field fields[] = {
		{ .kind = FORM_TEXT,
		  .label = "Name",
		  .value = pe->name,
		  .check = text_check_name },
		{ .kind = FORM_TEXT,
		  .label = "Description",
		  .value = pe->description,
		  .check = project_edit_check_description,
		  .optional = true },
	};
	struct project_edit *copy = project_edit_clone(pe);

	if (copy == NULL)
		return;
	form_open(t, pe->id[0] ? "Rename project" : "New project", fields, 2,
		  error, project_edit_form_done, copy, free);
}

void project_edit_create(struct tui *t, const char *arg)
{
	struct project_edit *pe = project_edit_new(t);

	if (pe == NULL)
		return;
	memset(pe->id, 0, sizeof(pe->id));
	snprintf(pe->name, sizeof(pe->name), "%s", arg != NULL ? arg : "");
	pe->description[0] = '\0';
	project_edit_form(t, pe, NULL);
	free(pe);
}

void project_edit_rename(struct tui *t, const char *arg)
{
	struct project_edit *pe = project_edit_new(t);

	if (pe == NULL)
		return;
	if (arg != NULL && *arg != '\0')
		snprintf(pe->name, sizeof(pe->name), "%s", arg);
	project_edit_form(t, pe, NULL);
	free(pe);
}

/* ---- delete ---- */

static void project_edit_deleted(struct api_result *res)
{
	struct project_edit *pe = res->user;

	if (res->error.kind != API_ERR_NONE) {
		tui_api_error(pe->t, "delete projects", res);
		tui_refresh(pe->t);
	} else {
		tui_status(pe->t, STATUS_OK, "Deleted the project %s",
			   pe->name);
		tui_open(pe->t, pe->org, "");
	}
	free(pe);
}

static void project_edit_delete_done(struct tui *t, void *ctx)
{
	struct project_edit *pe = project_edit_clone(ctx);
	struct api_req req = { .done = project_edit_deleted, .user = pe };

	if (pe == NULL)
		return;
	if (tui_track(t, api_project_delete(tui_api(t), &req, pe->id,
					    pe->etag)) == 0)
		free(pe);
}

void project_edit_delete(struct tui *t, const char *arg)
{
	struct project_edit *pe = project_edit_new(t);
	char message[PROJECT_EDIT_TEXT_MAX + 200];

	(void)arg;
	if (pe == NULL)
		return;
	snprintf(message, sizeof(message),
		 "Delete the project %s? Its API keys stop working and its "
		 "connections, secrets and AuthKit configurations are "
		 "deleted with it. Type its name to confirm.",
		 pe->name);
	confirm_open(t,
		     &(struct confirm_spec){ .title = "Delete project",
					     .message = message,
					     .yes = "Delete",
					     .type_name = pe->name,
					     .danger = true },
		     project_edit_delete_done, pe, free);
}
