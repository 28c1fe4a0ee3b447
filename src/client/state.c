/* SPDX-License-Identifier: MIT */
/* state.ini: the console's memory of the last profile and selections. */
#include "orgdeck/state.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "atomic.h"
#include "orgdeck/buf.h"
#include "orgdeck/config.h"

#define STATE_FILE	    "state.ini"
#define STATE_PROFILE	    "profile "
#define STATE_VALUE_MAX	    100
#define STATE_FILE_MAX_SIZE (1 << 20)

void state_init(struct state *state)
{
	memset(state, 0, sizeof(*state));
}

/* Whether @value is an id that state.ini can hold: short, no spaces. */
static bool state_value_valid(const char *value)
{
	size_t i, len = value ? strlen(value) : 0;

	if (len == 0 || len > STATE_VALUE_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (value[i] <= ' ' || value[i] == ';' || value[i] == 0x7f)
			return false;
	return true;
}

static char *state_path(const char *dir)
{
	char *path = NULL;

	if (asprintf(&path, "%s/%s", dir, STATE_FILE) < 0)
		return NULL;
	return path;
}

/* Duplicates @value, or returns NULL for NULL; sets *@failed when out of
 * memory. */
static char *state_dup(const char *value, bool *failed)
{
	char *copy;

	if (value == NULL)
		return NULL;
	copy = strdup(value);
	if (copy == NULL)
		*failed = true;
	return copy;
}

static struct state_selection *state_selection_get(struct state *state,
						   const char *profile)
{
	struct state_selection *sel, *grown;

	sel = (struct state_selection *)state_selection_find(state, profile);
	if (sel != NULL)
		return sel;

	grown = realloc(state->selections,
			(state->nselections + 1) * sizeof(*grown));
	if (grown == NULL)
		return NULL;
	state->selections = grown;

	sel = &grown[state->nselections];
	memset(sel, 0, sizeof(*sel));
	sel->profile = strdup(profile);
	if (sel->profile == NULL)
		return NULL;
	state->nselections++;
	return sel;
}

int state_set_selection(struct state *state, const char *profile,
			const char *org, const char *project)
{
	struct state_selection *sel;
	bool failed = false;
	char *org_copy, *project_copy;

	if (!config_profile_name_valid(profile) ||
	    (org != NULL && !state_value_valid(org)) ||
	    (project != NULL && !state_value_valid(project))) {
		errno = EINVAL;
		return -1;
	}

	org_copy = state_dup(org, &failed);
	project_copy = state_dup(project, &failed);
	sel = failed ? NULL : state_selection_get(state, profile);
	if (sel == NULL) {
		free(org_copy);
		free(project_copy);
		errno = ENOMEM;
		return -1;
	}

	free(sel->org);
	free(sel->project);
	sel->org = org_copy;
	sel->project = project_copy;
	return 0;
}

int state_set_last_profile(struct state *state, const char *profile)
{
	char *copy;

	if (!config_profile_name_valid(profile)) {
		errno = EINVAL;
		return -1;
	}
	copy = strdup(profile);
	if (copy == NULL)
		return -1;
	free(state->last_profile);
	state->last_profile = copy;
	return 0;
}

const struct state_selection *state_selection_find(const struct state *state,
						   const char *profile)
{
	size_t i;

	for (i = 0; profile != NULL && i < state->nselections; i++)
		if (strcmp(state->selections[i].profile, profile) == 0)
			return &state->selections[i];
	return NULL;
}

/* What the inih callback needs while state.ini is read. */
struct state_reader {
	struct state *state;
	bool nomem;
};

/* Applies one line of state.ini.  Returns 0, or -1 with errno set. */
static int state_apply(struct state *state, const char *section,
		       const char *name, const char *value)
{
	size_t plen = strlen(STATE_PROFILE);
	const struct state_selection *sel;
	const char *profile = section + plen;

	if (strcmp(section, "orgdeck") == 0 &&
	    strcmp(name, "last_profile") == 0)
		return state_set_last_profile(state, value);
	if (strncmp(section, STATE_PROFILE, plen) != 0)
		return 0;

	sel = state_selection_find(state, profile);
	if (strcmp(name, "org") == 0)
		return state_set_selection(state, profile, value,
					   sel ? sel->project : NULL);
	if (strcmp(name, "project") == 0)
		return state_set_selection(state, profile,
					   sel ? sel->org : NULL, value);
	return 0;
}

/* Values that make no sense are dropped, not reported: the file is only a
 * memory.  Running out of memory stops the read. */
static int state_handler(void *user, const char *section, const char *name,
			 const char *value)
{
	struct state_reader *reader = user;

	if (state_apply(reader->state, section, name, value) < 0 &&
	    errno == ENOMEM)
		reader->nomem = true;
	return !reader->nomem;
}

int state_load(struct state *state, const char *dir)
{
	struct state_reader reader = { .state = state };
	char *path = state_path(dir);
	FILE *file;

	if (path == NULL) {
		errno = ENOMEM;
		return -1;
	}
	file = fopen(path, "re");
	free(path);
	if (file == NULL)
		return errno == ENOENT ? 0 : -1;

	ini_parse_file(file, state_handler, &reader);
	fclose(file);
	if (reader.nomem) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Writes @state as INI text into @text. */
static int state_format(struct buf *text, const struct state *state)
{
	int rc = 0;
	size_t i;

	if (state->last_profile != NULL)
		rc |= buf_printf(text, "[orgdeck]\nlast_profile = %s\n",
				 state->last_profile);

	for (i = 0; i < state->nselections; i++) {
		const struct state_selection *sel = &state->selections[i];

		rc |= buf_printf(text, "%s[profile %s]\n",
				 text->len > 0 ? "\n" : "", sel->profile);
		if (sel->org != NULL)
			rc |= buf_printf(text, "org = %s\n", sel->org);
		if (sel->project != NULL)
			rc |= buf_printf(text, "project = %s\n", sel->project);
	}
	return rc < 0 ? -1 : 0;
}

int state_save(const struct state *state, const char *dir)
{
	char *path = state_path(dir);
	struct buf text;
	int rc = -1;

	buf_init(&text, STATE_FILE_MAX_SIZE);
	if (path == NULL) {
		errno = ENOMEM;
		goto out;
	}
	if (state_format(&text, state) < 0)
		goto out;

	rc = atomic_write(path, text.data ? text.data : "", text.len, 0600);
out:
	buf_release(&text);
	free(path);
	return rc;
}

void state_release(struct state *state)
{
	size_t i;

	for (i = 0; i < state->nselections; i++) {
		free(state->selections[i].profile);
		free(state->selections[i].org);
		free(state->selections[i].project);
	}
	free(state->selections);
	free(state->last_profile);
	state_init(state);
}
