/* SPDX-License-Identifier: MIT */
/* Choosing the profile of a run, and its server, from the usual places. */
#include "orgdeck/profile.h"

#include <stdlib.h>
#include <string.h>

/* Picks the name; sets p->name_from.  The string stays its source's. */
static const char *profile_pick_name(struct profile *p,
				     const struct config *cfg,
				     const struct state *state,
				     const char *name)
{
	const char *env = getenv("ORGDECK_PROFILE");

	if (name != NULL) {
		p->name_from = "--profile";
		return name;
	}
	if (env != NULL && *env != '\0') {
		p->name_from = "ORGDECK_PROFILE";
		return env;
	}
	if (state != NULL && state->last_profile != NULL &&
	    config_profile_find(cfg, state->last_profile) != NULL) {
		p->name_from = "the profile used last";
		return state->last_profile;
	}
	if (cfg->nprofiles == 1) {
		p->name_from = "the only profile in config.ini";
		return cfg->profiles[0].name;
	}
	p->name_from = "the default";
	return PROFILE_DEFAULT;
}

/* Copies @value into *@slot (NULL stays NULL).  Returns 0, or -1. */
static int profile_copy(char **slot, const char *value)
{
	*slot = value ? strdup(value) : NULL;
	return value != NULL && *slot == NULL ? -1 : 0;
}

int profile_resolve(struct profile *out, const struct config *cfg,
		    const struct state *state, const char *name,
		    const char *server, struct buf *why)
{
	const struct config_profile *section;
	const char *picked;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	picked = profile_pick_name(out, cfg, state, name);
	if (!config_profile_name_valid(picked)) {
		buf_printf(why,
			   "\"%s\" is not a profile name: use 1-%d "
			   "letters, digits, '.', '_' or '-'",
			   picked, CONFIG_PROFILE_NAME_MAX);
		return -1;
	}

	section = config_profile_find(cfg, picked);
	out->in_config = section != NULL;
	if (server == NULL && section != NULL && section->server != NULL) {
		server = section->server;
		out->server_from = "config.ini";
	} else if (server != NULL) {
		out->server_from = "--server";
	}

	rc |= profile_copy(&out->name, picked);
	rc |= profile_copy(&out->server, server);
	if (section != NULL) {
		rc |= profile_copy(&out->ca_file, section->ca_file);
		rc |= profile_copy(&out->default_org, section->default_org);
		rc |= profile_copy(&out->default_project,
				   section->default_project);
	}
	if (rc != 0)
		buf_puts(why, "out of memory");
	return rc;
}

void profile_release(struct profile *p)
{
	free(p->name);
	free(p->server);
	free(p->ca_file);
	free(p->default_org);
	free(p->default_project);
	memset(p, 0, sizeof(*p));
}
