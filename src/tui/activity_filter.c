/* SPDX-License-Identifier: MIT */
/* The Activity tab's filters and the form that sets them. */
#include "activity_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

/* Actions that are not permissions but still make events. */
static const char *const activity_extra_actions[] = {
	"invitation.accept",
	"invitation.decline",
	"member.leave",
	"org.create",
};

/* One choice of the actor or project field: its id and label. */
struct activity_choice {
	char id[ACTIVITY_ID_MAX];
	char label[ACTIVITY_NAME_MAX + 16];
};

/* The form's context: what it was opened with and what each choice is. */
struct activity_form {
	struct activity_filter now;
	struct activity_choice actors[ACTIVITY_CHOICES_MAX];
	size_t n_actors;
	struct activity_choice projects[ACTIVITY_CHOICES_MAX];
	size_t n_projects;
	bool org_scope;
	activity_filter_fn done;
	void *ctx;
};

bool activity_filter_active(const struct activity_filter *f)
{
	return f->actor[0] != '\0' || f->action[0] != '\0' ||
	       f->project[0] != '\0';
}

void activity_filter_describe(const struct activity_filter *f, char *out,
			      size_t size)
{
	snprintf(out, size, "Only %s%s%s%s%s (c clears)",
		 f->action[0] ? f->action : "events", f->actor[0] ? " by " : "",
		 f->actor_name, f->project[0] ? " in " : "", f->project_name);
}

const char *activity_filter_check_action(const char *text)
{
	enum perm perm;
	size_t i;

	if (perm_parse(&perm, text) == 0)
		return NULL;
	for (i = 0; i < sizeof(activity_extra_actions) /
				sizeof(*activity_extra_actions);
	     i++)
		if (strcmp(text, activity_extra_actions[i]) == 0)
			return NULL;
	return "is no action, e.g. member.update or key.create";
}

/* Adds a choice unless there is one with @id or no room. */
static void activity_filter_add(struct activity_choice *list, size_t *n,
				const char *id, const char *label)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(list[i].id, id) == 0)
			return;
	if (*n >= ACTIVITY_CHOICES_MAX)
		return;
	snprintf(list[*n].id, sizeof(list[*n].id), "%s", id);
	snprintf(list[*n].label, sizeof(list[*n].label), "%s", label);
	(*n)++;
}

/* Offers the people of @members not offered yet. */
static void activity_filter_members(struct activity_form *af,
				    const struct model_page *members)
{
	size_t i;

	if (members == NULL || members->item_type != MODEL_MEMBER)
		return;
	for (i = 0; i < members->count; i++) {
		const struct model_user *u =
			&((const struct model_member *)members->items[i])->user;

		activity_filter_add(af->actors, &af->n_actors, u->id,
				    u->name[0] ? u->name : u->email);
	}
}

static void activity_filter_collect(struct activity_form *af,
				    const struct model_page *events,
				    const struct model_page *members,
				    const struct model_page *projects)
{
	size_t i;

	activity_filter_add(af->actors, &af->n_actors, "", "anyone");
	if (af->now.actor[0] != '\0')
		activity_filter_add(af->actors, &af->n_actors, af->now.actor,
				    af->now.actor_name);
	for (i = 0; events != NULL && i < events->count; i++) {
		const struct model_event *e = events->items[i];

		activity_filter_add(af->actors, &af->n_actors, e->actor.id,
				    e->actor.name[0] ? e->actor.name
						     : e->actor.id);
	}
	activity_filter_members(af, members);

	activity_filter_add(af->projects, &af->n_projects, "", "any");
	for (i = 0; projects != NULL && i < projects->count; i++) {
		const struct model_project *p = projects->items[i];

		activity_filter_add(af->projects, &af->n_projects, p->id,
				    p->name);
	}
}

/* The index of the choice with @id, 0 when none. */
static size_t activity_filter_index(const struct activity_choice *list,
				    size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].id, id) == 0)
			return i;
	return 0;
}

static void activity_filter_take(char *id, size_t id_size, char *name,
				 size_t name_size,
				 const struct activity_choice *c)
{
	snprintf(id, id_size, "%s", c->id);
	snprintf(name, name_size, "%s", c->id[0] ? c->label : "");
}

static void activity_filter_form_done(struct tui *t, const struct form *f,
				      void *ctx)
{
	struct activity_form *af = ctx;
	struct activity_filter out;
	const struct activity_choice *actor, *project;

	memset(&out, 0, sizeof(out));
	snprintf(out.action, sizeof(out.action), "%s", form_text(f, 0));
	actor = &af->actors[form_choice(f, 1)];
	activity_filter_take(out.actor, sizeof(out.actor), out.actor_name,
			     sizeof(out.actor_name), actor);
	if (af->org_scope) {
		project = &af->projects[form_choice(f, 2)];
		activity_filter_take(out.project, sizeof(out.project),
				     out.project_name, sizeof(out.project_name),
				     project);
	}
	af->done(t, &out, af->ctx);
}

/* Points @labels at the labels of @list. */
static void activity_filter_labels(const char **labels,
				   const struct activity_choice *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		labels[i] = list[i].label;
}

/* Opens the form for @af (taken) with the choices' labels. */
static void activity_filter_form_show(struct tui *t, struct activity_form *af,
				      const char *action)
{
	const char *actors[ACTIVITY_CHOICES_MAX];
	const char *projects[ACTIVITY_CHOICES_MAX];
	struct form_field fields[3] = {
		{ .kind = FORM_TEXT,
		  .label = "Action",
		  .value = action != NULL && *action ? action : af->now.action,
		  .check = activity_filter_check_action,
		  .optional = true },
		{ .kind = FORM_CHOICE, .label = "Actor" },
		{ .kind = FORM_CHOICE, .label = "Project" },
	};

	activity_filter_labels(actors, af->actors, af->n_actors);
	activity_filter_labels(projects, af->projects, af->n_projects);
	fields[1].choices = actors;
	fields[1].n_choices = af->n_actors;
	fields[1].choice =
		activity_filter_index(af->actors, af->n_actors, af->now.actor);
	fields[2].choices = projects;
	fields[2].n_choices = af->n_projects;
	fields[2].choice = activity_filter_index(af->projects, af->n_projects,
						 af->now.project);
	form_open(t, "Filter the activity", fields, af->org_scope ? 3 : 2, NULL,
		  activity_filter_form_done, af, free);
}

void activity_filter_open(struct tui *t, const struct activity_filter *now,
			  const struct model_page *events,
			  const struct model_page *members, bool org_scope,
			  const char *action, activity_filter_fn done,
			  void *ctx)
{
	struct activity_form *af = calloc(1, sizeof(*af));

	if (af == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	af->now = *now;
	af->org_scope = org_scope;
	af->done = done;
	af->ctx = ctx;
	activity_filter_collect(af, events, members, tui_projects(t));
	activity_filter_form_show(t, af, action);
}
