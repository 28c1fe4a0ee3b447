/* SPDX-License-Identifier: MIT */
/* Greying, running and listing the actions of the one action table. */
#include "action.h"

#include <stdio.h>
#include <string.h>

#include "orgdeck/log.h"

#include "app.h"
#include "draw.h"
#include "pane.h"
#include "theme.h"

const struct action *action_by_key(const struct action *table, int key)
{
	const struct action *a;

	if (table == NULL || key == 0)
		return NULL;
	for (a = table; a->label != NULL; a++)
		if (a->key == key)
			return a;
	return NULL;
}

static const struct action *action_command_in(const struct action *table,
					      const char *name)
{
	const struct action *a;

	for (a = table; table != NULL && a->label != NULL; a++)
		if (a->command != NULL && strcmp(a->command, name) == 0)
			return a;
	return NULL;
}

const struct action *action_by_command(const struct tui *t, const char *name)
{
	const struct action *a = action_command_in(app_actions, name);
	size_t i;

	for (i = 0; a == NULL && i < pane_count(); i++)
		a = action_command_in(pane_at(i)->actions, name);
	(void)t;
	return a;
}

void action_each_table(const struct tui *t,
		       void (*fn)(const char *title, const struct action *table,
				  void *ctx),
		       void *ctx)
{
	size_t i;

	(void)t;
	fn("Everywhere", app_actions, ctx);
	for (i = 0; i < pane_count(); i++)
		if (pane_at(i)->actions != NULL)
			fn(pane_at(i)->title, pane_at(i)->actions, ctx);
}

/* The scope an action's permission is looked up in, or -1 when there is
 * nothing to look it up in (no project selected). */
static int action_scope_of(const struct tui *t, const struct action *a)
{
	switch (a->scope) {
	case ACTION_ORG:
		return SCOPE_ORG;
	case ACTION_PROJECT:
		return tui_project(t) != NULL ? SCOPE_PROJECT : -1;
	case ACTION_CONTEXT:
		return (int)tui_scope(t);
	default:
		return -1;
	}
}

/* Fills @why with the reason @a is not in the actions of @scope. */
static void action_why(const struct tui *t, const struct action *a,
		       enum scope scope, char *why, size_t len)
{
	const struct model_org *org = tui_org(t);
	const struct model_me *me = tui_me(t);
	enum role role = tui_role(t, scope);
	enum role need = perm_min_role(scope, a->perm);

	if (need == ROLE_NONE)
		snprintf(why, len, "Cannot %s here", a->what);
	else if (role >= need && org != NULL && org->kind == MODEL_ORG_PERSONAL)
		snprintf(why, len, "Cannot %s in your personal space", a->what);
	else if (role >= need && me != NULL && me->is_key)
		snprintf(why, len, "An API key cannot %s: sign in as a person",
			 a->what);
	else if (role >= need)
		snprintf(why, len, "Cannot %s here", a->what);
	else
		snprintf(why, len, "%ss cannot %s: needs %s", role_label(role),
			 a->what, role_label(need));
}

bool action_allowed(const struct tui *t, const struct action *a, char *why,
		    size_t whylen)
{
	char spare[160];
	int scope;
	uint64_t actions;

	if (why == NULL) {
		why = spare;
		whylen = sizeof(spare);
	}
	if (a->write && tui_readonly(t)) {
		snprintf(why, whylen, "Read-only mode: cannot %s", a->what);
		return false;
	}
	if (a->scope == ACTION_FREE)
		return true;
	if (tui_org(t) == NULL) {
		snprintf(why, whylen, "Cannot %s: nothing is open yet",
			 a->what);
		return false;
	}

	scope = action_scope_of(t, a);
	if (scope < 0) {
		snprintf(why, whylen, "Select a project to %s", a->what);
		return false;
	}
	actions = scope == SCOPE_PROJECT ? tui_project(t)->actions
					 : tui_org(t)->actions;
	if (model_actions_has(actions, a->perm))
		return true;
	action_why(t, a, (enum scope)scope, why, whylen);
	return false;
}

void action_run(struct tui *t, const struct action *a, const char *arg)
{
	char why[160];

	if (!action_allowed(t, a, why, sizeof(why))) {
		log_info("refused: %s", why);
		tui_status(t, STATUS_WARN, "%s", why);
		return;
	}
	log_info("action: %s", a->what);
	a->run(t, arg);
	tui_dirty(t);
}

/* Draws "key label" at @x; returns the cells used, or 0 if it did not fit. */
static int action_draw_one(const struct tui *t, const struct action *a, int y,
			   int x, int room)
{
	bool ok = action_allowed(t, a, NULL, 0);
	attr_t key = theme_attr(ok ? THEME_KEY : THEME_DISABLED);
	attr_t label = theme_attr(ok ? THEME_FOOTER : THEME_DISABLED);
	int need = draw_width(a->keyname) + 1 + draw_width(a->label);
	int used;

	if (need > room)
		return 0;
	used = draw_text(y, x, room, a->keyname, key);
	used += draw_text(y, x + used, room - used, " ", label);
	used += draw_text(y, x + used, room - used, a->label, label);
	return used;
}

/* Draws the global keys at the right end; returns where they start. */
static int action_draw_globals(const struct tui *t, struct rect r)
{
	static const int keys[] = { '?', ':', 'q' };
	int x = r.x + r.w, i;

	for (i = (int)(sizeof(keys) / sizeof(*keys)) - 1; i >= 0; i--) {
		const struct action *a = action_by_key(app_actions, keys[i]);
		int w = draw_width(a->keyname) + 1 + draw_width(a->label);

		if (x - w - 2 < r.x + r.w / 2)
			break;
		x -= w + 2;
		action_draw_one(t, a, r.y, x, w);
	}
	return x;
}

void action_draw_footer(const struct tui *t, struct rect r,
			const struct action *table)
{
	int end, x = r.x + 1;
	const struct action *a;

	draw_fill(r, theme_attr(THEME_FOOTER));
	end = action_draw_globals(t, r);
	for (a = table; table != NULL && a->label != NULL; a++) {
		int used;

		if (a->key == 0)
			continue;
		used = action_draw_one(t, a, r.y, x, end - x - 2);
		if (used == 0) {
			draw_text(r.y, x, 1, draw_glyphs()->more,
				  theme_attr(THEME_LABEL));
			break;
		}
		x += used + 2;
	}
}
