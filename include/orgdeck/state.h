/* SPDX-License-Identifier: MIT */
/*
 * What the console remembers between runs on its own: the profile used
 * last, and per profile the organization and project that were open.  It
 * lives in state.ini under paths_state_dir(), never in the user's
 * config.ini, and every save replaces the file atomically, so a crash
 * leaves the old state or the new one.
 *
 * struct state owns every string in it; state_release() frees them.
 */
#ifndef ORGDECK_STATE_H
#define ORGDECK_STATE_H

#include <stddef.h>

struct state_selection {
	char *profile;
	char *org;     /* org_ id, or NULL */
	char *project; /* prj_ id, or NULL */
};

struct state {
	char *last_profile; /* or NULL */
	struct state_selection *selections;
	size_t nselections;
};

/* Empties @state.  Allocates nothing. */
void state_init(struct state *state);

/*
 * Reads DIR/state.ini into @state (after state_init()).  A missing file
 * leaves @state empty; entries that do not make sense are skipped, since
 * the file is only a memory.  Returns 0, or -1 with errno set when the
 * file exists but cannot be read or memory runs out.
 */
int state_load(struct state *state, const char *dir);

/*
 * Replaces DIR/state.ini with @state (mode 0600), making DIR when missing.
 * Returns 0, or -1 with errno set; the old file is then untouched.
 */
int state_save(const struct state *state, const char *dir);

/* Remembers @profile as the last used.  Returns 0, or -1 (EINVAL, ENOMEM). */
int state_set_last_profile(struct state *state, const char *profile);

/*
 * Remembers @org and @project (either may be NULL) for @profile.
 * Returns 0, or -1 with errno EINVAL (a value that cannot be stored) or
 * ENOMEM; @state is then unchanged.
 */
int state_set_selection(struct state *state, const char *profile,
			const char *org, const char *project);

/* The selection remembered for @profile, or NULL.  Points into @state. */
const struct state_selection *state_selection_find(const struct state *state,
						   const char *profile);

/* Frees everything @state owns and empties it. */
void state_release(struct state *state);

#endif
