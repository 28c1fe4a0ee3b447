/* SPDX-License-Identifier: MIT */
/*
 * Which profile a run uses and what it points at.  The name comes from, in
 * order: the command line (--profile), $ORGDECK_PROFILE, the profile used
 * last (state.h), the only profile in config.ini, or "default".  The
 * server comes from the command line (--server) or the profile's section.
 *
 * struct profile owns its strings; profile_release() frees them.
 */
#ifndef ORGDECK_PROFILE_H
#define ORGDECK_PROFILE_H

#include <stdbool.h>

#include "orgdeck/buf.h"
#include "orgdeck/config.h"
#include "orgdeck/state.h"

/* The name used when nothing else names a profile. */
#define PROFILE_DEFAULT "default"

struct profile {
	char *name;
	const char *name_from; /* static: "--profile", "ORGDECK_PROFILE", ... */
	char *server;	       /* NULL when neither source gives one */
	const char *server_from;
	char *ca_file; /* these three from config.ini, or NULL */
	char *default_org;
	char *default_project;
	bool in_config; /* the profile has a section in config.ini */
};

/*
 * Picks the profile for @name (or NULL) and @server (or NULL) as above.
 * Returns 0, or -1 with a sentence in @why (a bad profile name, no
 * memory); a missing server is not an error here.  @out is the caller's
 * to release with profile_release() in every case.
 */
int profile_resolve(struct profile *out, const struct config *cfg,
		    const struct state *state, const char *name,
		    const char *server, struct buf *why);

/* Frees what @p owns and empties it. */
void profile_release(struct profile *p);

#endif
