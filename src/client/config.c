/* SPDX-License-Identifier: MIT */
/*
 * config.ini: defaults, parsing with inih, warnings that name the line, and
 * appending a profile without touching the rest of the user's file.
 */
#include "orgdeck/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "orgdeck/buf.h"
#include "orgdeck/paths.h"

#define CONFIG_PROFILE_PREFIX "profile "
/* inih's line buffer keeps room for "\r\n" and the NUL. */
#define CONFIG_LINE_MAX (INI_MAX_LINE - 3)

/* What the inih callbacks share while one file is read. */
struct config_parser {
	struct config *cfg;
	FILE *file;
	const char *path;
	int line;	   /* the line inih is working on */
	char *warned_name; /* the last unknown section reported */
	int error;	   /* errno of a failure that stops the parse */
};

struct config_main_key {
	const char *name;
	void (*set)(struct config_parser *p, const char *value);
};

struct config_profile_key {
	const char *name;
	size_t offset; /* of a char * in struct config_profile */
};

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->log_level = LOG_LEVEL_INFO;
	cfg->credentials = CONFIG_CREDENTIALS_KEYRING;
}

/* Adds "PATH:LINE: MESSAGE" to the warnings. */
__attribute__((format(printf, 2, 3))) static void
config_warn(struct config_parser *p, const char *fmt, ...)
{
	struct config *cfg = p->cfg;
	struct buf text;
	char **grown;
	va_list ap;

	buf_init(&text, 4096);
	buf_printf(&text, "%s:%d: ", p->path, p->line);
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	if (text.data == NULL)
		goto fail;

	grown = realloc(cfg->warnings,
			(cfg->nwarnings + 1) * sizeof(*cfg->warnings));
	if (grown == NULL)
		goto fail;
	cfg->warnings = grown;
	cfg->warnings[cfg->nwarnings++] = buf_detach(&text);
	return;
fail:
	buf_release(&text);
	p->error = ENOMEM;
}

/* Replaces the string in @slot by a copy of @value. */
static void config_set_string(struct config_parser *p, char **slot,
			      const char *value)
{
	char *copy = strdup(value);

	if (copy == NULL) {
		p->error = ENOMEM;
		return;
	}
	free(*slot);
	*slot = copy;
}

/* Parses the usual spellings of a yes/no setting.  Returns 0, or -1. */
static int config_parse_bool(bool *out, const char *value)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(value, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(value, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static void config_set_theme(struct config_parser *p, const char *value)
{
	config_set_string(p, &p->cfg->theme, value);
}

static void config_set_log_level(struct config_parser *p, const char *value)
{
	if (log_level_parse(&p->cfg->log_level, value) < 0)
		config_warn(p,
			    "log_level \"%s\" is not error, warn, info or "
			    "debug; ignored",
			    value);
}

/* `log` takes a yes/no (the default log file, or none) or a file path. */
static void config_set_log(struct config_parser *p, const char *value)
{
	struct config *cfg = p->cfg;
	bool on;

	if (config_parse_bool(&on, value) == 0) {
		free(cfg->log);
		cfg->log = on ? paths_log_file() : NULL;
		if (on && cfg->log == NULL)
			config_warn(p, "no place for the log: set HOME or "
				       "XDG_STATE_HOME, or give a path");
		return;
	}

	if (value[0] != '/') {
		config_warn(p,
			    "log \"%s\" is neither true, false nor an "
			    "absolute path; ignored",
			    value);
		return;
	}
	config_set_string(p, &cfg->log, value);
}

static void config_set_mouse(struct config_parser *p, const char *value)
{
	if (config_parse_bool(&p->cfg->mouse, value) < 0)
		config_warn(p, "mouse \"%s\" is not true or false; ignored",
			    value);
}

static void config_set_readonly(struct config_parser *p, const char *value)
{
	if (config_parse_bool(&p->cfg->readonly, value) < 0)
		config_warn(p, "readonly \"%s\" is not true or false; ignored",
			    value);
}

static void config_set_credentials(struct config_parser *p, const char *value)
{
	if (strcmp(value, "keyring") == 0)
		p->cfg->credentials = CONFIG_CREDENTIALS_KEYRING;
	else if (strcmp(value, "file") == 0)
		p->cfg->credentials = CONFIG_CREDENTIALS_FILE;
	else
		config_warn(p,
			    "credentials \"%s\" is not keyring or file; "
			    "ignored",
			    value);
}

static const struct config_main_key config_main_keys[] = {
	{ "theme", config_set_theme },
	{ "log_level", config_set_log_level },
	{ "log", config_set_log },
	{ "mouse", config_set_mouse },
	{ "readonly", config_set_readonly },
	{ "credentials", config_set_credentials },
};

static const struct config_profile_key config_profile_keys[] = {
	{ "server", offsetof(struct config_profile, server) },
	{ "ca_file", offsetof(struct config_profile, ca_file) },
	{ "default_org", offsetof(struct config_profile, default_org) },
	{ "default_project", offsetof(struct config_profile, default_project) },
};

static void config_main(struct config_parser *p, const char *name,
			const char *value)
{
	size_t i, n = sizeof(config_main_keys) / sizeof(config_main_keys[0]);

	for (i = 0; i < n; i++) {
		if (strcmp(name, config_main_keys[i].name) == 0) {
			config_main_keys[i].set(p, value);
			return;
		}
	}
	config_warn(p, "unknown key \"%s\" in [orgdeck]; ignored", name);
}

bool config_profile_name_valid(const char *name)
{
	size_t len = name ? strlen(name) : 0;

	if (len == 0 || len > CONFIG_PROFILE_NAME_MAX)
		return false;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == len;
}

const struct config_profile *config_profile_find(const struct config *cfg,
						 const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < cfg->nprofiles; i++)
		if (strcmp(cfg->profiles[i].name, name) == 0)
			return &cfg->profiles[i];
	return NULL;
}

/* The profile called @name, added when new; NULL when out of memory. */
static struct config_profile *config_profile_get(struct config_parser *p,
						 const char *name)
{
	struct config *cfg = p->cfg;
	struct config_profile *grown, *prof;

	prof = (struct config_profile *)config_profile_find(cfg, name);
	if (prof != NULL)
		return prof;

	grown = realloc(cfg->profiles,
			(cfg->nprofiles + 1) * sizeof(*cfg->profiles));
	if (grown == NULL)
		goto fail;
	cfg->profiles = grown;

	prof = &cfg->profiles[cfg->nprofiles];
	memset(prof, 0, sizeof(*prof));
	prof->name = strdup(name);
	if (prof->name == NULL)
		goto fail;
	cfg->nprofiles++;
	return prof;
fail:
	p->error = ENOMEM;
	return NULL;
}

static void config_profile_set(struct config_parser *p, const char *profile,
			       const char *name, const char *value)
{
	size_t i, n = sizeof(config_profile_keys) /
		      sizeof(config_profile_keys[0]);
	struct config_profile *prof;

	if (!config_profile_name_valid(profile)) {
		config_warn(p,
			    "profile name \"%s\" is not 1-%d letters, digits, "
			    "'.', '_' or '-'; ignored",
			    profile, CONFIG_PROFILE_NAME_MAX);
		return;
	}

	for (i = 0; i < n; i++)
		if (strcmp(name, config_profile_keys[i].name) == 0)
			break;
	if (i == n) {
		config_warn(p, "unknown key \"%s\" in [profile %s]; ignored",
			    name, profile);
		return;
	}

	prof = config_profile_get(p, profile);
	if (prof != NULL)
		config_set_string(
			p,
			(char **)((char *)prof + config_profile_keys[i].offset),
			value);
}

/* Reports a section we do not know, once per name. */
static void config_unknown_section(struct config_parser *p, const char *section)
{
	if (p->warned_name != NULL && strcmp(p->warned_name, section) == 0)
		return;

	free(p->warned_name);
	p->warned_name = strdup(section);
	if (*section == '\0')
		config_warn(p, "key outside any section; ignored");
	else
		config_warn(p, "unknown section [%s]; ignored", section);
}

static int config_handler(void *user, const char *section, const char *name,
			  const char *value)
{
	struct config_parser *p = user;
	size_t plen = strlen(CONFIG_PROFILE_PREFIX);

	if (strcmp(section, "orgdeck") == 0)
		config_main(p, name, value);
	else if (strncmp(section, CONFIG_PROFILE_PREFIX, plen) == 0)
		config_profile_set(p, section + plen, name, value);
	else
		config_unknown_section(p, section);

	return p->error == 0;
}

/*
 * fgets() for inih that also counts lines, so that warnings can name them.
 * A line too long for inih's buffer is reported and skipped whole.
 */
static char *config_reader(char *str, int num, void *stream)
{
	struct config_parser *p = stream;
	int c;

	if (fgets(str, num, p->file) == NULL)
		return NULL;
	p->line++;

	if (strchr(str, '\n') != NULL || feof(p->file))
		return str;

	do
		c = fgetc(p->file);
	while (c != '\n' && c != EOF);
	config_warn(p, "line longer than %d characters; ignored", num - 3);
	str[0] = '\0';
	return str;
}

int config_load(struct config *cfg, const char *path)
{
	struct config_parser p = { .cfg = cfg, .path = path };
	int rc = -1, bad;

	p.file = fopen(path, "re");
	if (p.file == NULL)
		return errno == ENOENT ? 0 : -1;

	free(cfg->path);
	cfg->path = strdup(path);
	if (cfg->path == NULL) {
		errno = ENOMEM;
		goto out;
	}

	bad = ini_parse_stream(config_reader, &p, config_handler, &p);
	if (p.error != 0) {
		errno = p.error;
		goto out;
	}
	/* XXX: inih reports only the first malformed line; any later ones
	 * are skipped without a warning. */
	if (bad > 0) {
		p.line = bad;
		config_warn(&p, "not a \"key = value\" line or a [section]; "
				"ignored");
	}
	rc = p.error == 0 ? 0 : -1;
out:
	free(p.warned_name);
	fclose(p.file);
	return rc;
}

/* Whether @value can be written as the value of a line inih reads back. */
static bool config_value_writable(const char *value)
{
	size_t len = strlen(value);

	if (len == 0 || len + 20 > CONFIG_LINE_MAX)
		return false;
	if (isspace((unsigned char)value[0]) ||
	    isspace((unsigned char)value[len - 1]))
		return false;
	return strpbrk(value, "\r\n;") == NULL;
}

/* Writes the section text for @profile into @text. */
static int config_profile_format(struct buf *text,
				 const struct config_profile *profile)
{
	size_t i, n = sizeof(config_profile_keys) /
		      sizeof(config_profile_keys[0]);
	int rc = buf_printf(text, "[profile %s]\n", profile->name);

	for (i = 0; rc == 0 && i < n; i++) {
		const char *value =
			*(char *const *)((const char *)profile +
					 config_profile_keys[i].offset);

		if (value == NULL)
			continue;
		if (!config_value_writable(value)) {
			errno = EINVAL;
			return -1;
		}
		rc = buf_printf(text, "%s = %s\n", config_profile_keys[i].name,
				value);
	}
	return rc;
}

/* The separator that keeps the new section apart from the file's end. */
static const char *config_append_gap(int fd)
{
	off_t end = lseek(fd, 0, SEEK_END);
	char last = '\n';

	if (end <= 0)
		return "";
	if (pread(fd, &last, 1, end - 1) != 1)
		return "\n";
	return last == '\n' ? "\n" : "\n\n";
}

int config_profile_append(const char *path,
			  const struct config_profile *profile)
{
	struct buf text;
	int fd = -1, rc = -1;
	const char *gap;

	buf_init(&text, 4096);
	if (!config_profile_name_valid(profile->name)) {
		errno = EINVAL;
		goto out;
	}
	if (config_profile_format(&text, profile) < 0)
		goto out;

	if (paths_mkdir_parent(path, 0700) < 0)
		goto out;
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;

	gap = config_append_gap(fd);
	if (write(fd, gap, strlen(gap)) < 0 ||
	    write(fd, text.data, text.len) != (ssize_t)text.len)
		goto out;
	rc = fsync(fd);
out:
	if (fd >= 0)
		close(fd);
	buf_release(&text);
	return rc;
}

static void config_profile_release(struct config_profile *prof)
{
	free(prof->name);
	free(prof->server);
	free(prof->ca_file);
	free(prof->default_org);
	free(prof->default_project);
}

void config_release(struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nprofiles; i++)
		config_profile_release(&cfg->profiles[i]);
	for (i = 0; i < cfg->nwarnings; i++)
		free(cfg->warnings[i]);
	free(cfg->profiles);
	free(cfg->warnings);
	free(cfg->path);
	free(cfg->theme);
	free(cfg->log);
	config_init(cfg);
}
