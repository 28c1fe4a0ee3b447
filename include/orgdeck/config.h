/* SPDX-License-Identifier: MIT */
/*
 * The user's settings, read from config.ini (paths_config_file()) with
 * inih.  The file is the user's: orgdeck reads it, and only ever appends a
 * new [profile NAME] section to it (after `orgdeck login` with a new
 * profile); anything the program learns on its own goes to the state file
 * (state.h) instead.
 *
 *	[orgdeck]
 *	theme = dark
 *	log_level = info          ; error, warn, info, debug
 *	log = true                ; or false, or a file path
 *	mouse = false
 *	readonly = false
 *	credentials = keyring     ; or file (the encrypted credentials file)
 *
 *	[profile work]
 *	server = https://orgdeck.example.com
 *	ca_file = /etc/ssl/work-ca.pem
 *	default_org = org_...
 *	default_project = prj_...
 *
 * A mistake in the file never stops the program: unknown sections and keys,
 * bad values and malformed lines become warnings of the form
 * "FILE:LINE: what", and the setting keeps its default.
 *
 * struct config owns every string in it; config_release() frees them.
 */
#ifndef ORGDECK_CONFIG_H
#define ORGDECK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "orgdeck/log.h"

/* Longest profile name; names are letters, digits, '.', '_' and '-'. */
#define CONFIG_PROFILE_NAME_MAX 64

enum config_credentials {
	CONFIG_CREDENTIALS_KEYRING = 0, /* the Secret Service (default) */
	CONFIG_CREDENTIALS_FILE,	/* the encrypted credentials file */
};

struct config_profile {
	char *name;
	char *server;	       /* base URL, or NULL */
	char *ca_file;	       /* PEM bundle for TLS, or NULL */
	char *default_org;     /* org_ id to open first, or NULL */
	char *default_project; /* prj_ id to open first, or NULL */
};

struct config {
	char *path; /* the file read; NULL when config_load() had none */
	char *theme;
	enum log_level log_level;
	char *log; /* the log file, or NULL for no log */
	bool mouse;
	bool readonly;
	enum config_credentials credentials;
	struct config_profile *profiles;
	size_t nprofiles;
	char **warnings; /* "FILE:LINE: what" */
	size_t nwarnings;
};

/* Fills @cfg with the defaults.  Allocates nothing. */
void config_init(struct config *cfg);

/*
 * Reads @path over the values already in @cfg (normally config_init()'s).
 * A missing file is not an error: @cfg keeps its values.  Returns 0, or -1
 * with errno set when the file exists but cannot be read or memory runs
 * out.  Problems inside the file only add warnings.
 */
int config_load(struct config *cfg, const char *path);

/* The profile called @name, or NULL.  Points into @cfg. */
const struct config_profile *config_profile_find(const struct config *cfg,
						 const char *name);

/* Whether @name can be a profile name. */
bool config_profile_name_valid(const char *name);

/*
 * Appends a [profile NAME] section with the non-NULL fields of @profile to
 * the end of @path, creating the file (mode 0600) and its directory when
 * missing.  The existing text is never rewritten.  Returns 0, or -1 with
 * errno set (EINVAL for a bad name or a value with a line break).
 */
int config_profile_append(const char *path,
			  const struct config_profile *profile);

/* Frees everything @cfg owns and leaves it as config_init() does. */
void config_release(struct config *cfg);

#endif
