/* SPDX-License-Identifier: MIT */
/* The XDG base directories orgdeck reads and writes. */
#include "orgdeck/paths.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * Returns "$VAR/orgdeck/LEAF" or "$HOME/FALLBACK/orgdeck/LEAF" (without
 * "/LEAF" when @leaf is NULL), following the XDG rule that a relative value
 * is ignored.
 */
static char *paths_under(const char *var, const char *fallback,
			 const char *leaf)
{
	const char *base = getenv(var);
	const char *home = getenv("HOME");
	char *out = NULL;
	int rc;

	if (base != NULL && base[0] == '/')
		rc = asprintf(&out, "%s/orgdeck%s%s", base, leaf ? "/" : "",
			      leaf ? leaf : "");
	else if (home != NULL && home[0] == '/')
		rc = asprintf(&out, "%s/%s/orgdeck%s%s", home, fallback,
			      leaf ? "/" : "", leaf ? leaf : "");
	else {
		errno = ENOENT;
		return NULL;
	}

	if (rc < 0) {
		errno = ENOMEM;
		return NULL;
	}
	return out;
}

char *paths_config_file(void)
{
	return paths_under("XDG_CONFIG_HOME", ".config", "config.ini");
}

char *paths_state_dir(void)
{
	return paths_under("XDG_STATE_HOME", ".local/state", NULL);
}

char *paths_log_file(void)
{
	return paths_under("XDG_STATE_HOME", ".local/state", "orgdeck.log");
}

char *paths_data_dir(void)
{
	return paths_under("XDG_DATA_HOME", ".local/share", NULL);
}

char *paths_credentials_file(void)
{
	return paths_under("XDG_DATA_HOME", ".local/share", "credentials");
}

int paths_mkdir(const char *dir, mode_t mode)
{
	char *copy = strdup(dir);
	char *slash;
	int rc = -1;

	if (copy == NULL) {
		errno = ENOMEM;
		return -1;
	}

	/* Each parent in turn; an existing one is fine. */
	for (slash = strchr(copy + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(copy, mode) < 0 && errno != EEXIST)
			goto out;
		*slash = '/';
	}

	if (mkdir(copy, mode) < 0 && errno != EEXIST)
		goto out;
	rc = 0;
out:
	free(copy);
	return rc;
}

int paths_mkdir_parent(const char *file, mode_t mode)
{
	char *copy = strdup(file);
	char *slash;
	int rc;

	if (copy == NULL) {
		errno = ENOMEM;
		return -1;
	}

	slash = strrchr(copy, '/');
	if (slash == NULL || slash == copy) {
		free(copy);
		return 0;
	}
	*slash = '\0';
	rc = paths_mkdir(copy, mode);
	free(copy);
	return rc;
}
