/* SPDX-License-Identifier: MIT */
/* Theme files, their parsing with inih, and colour degradation. */
#include "theme.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "orgdeck/paths.h"

#define THEME_NAME_MAX 64

struct theme_style {
	short fg, bg; /* colour numbers; -1 for the terminal's own */
	attr_t attrs;
};

struct theme {
	char name[THEME_NAME_MAX];
	struct theme_style styles[THEME__COUNT];
};

/* Names used in theme files; indexed by enum theme_el. */
static const char *const theme_keys[THEME__COUNT] = {
	[THEME_NORMAL] = "normal",
	[THEME_HEADER] = "header",
	[THEME_BORDER] = "border",
	[THEME_BORDER_FOCUS] = "border_focus",
	[THEME_TITLE] = "title",
	[THEME_TITLE_FOCUS] = "title_focus",
	[THEME_TAB] = "tab",
	[THEME_TAB_ACTIVE] = "tab_active",
	[THEME_SELECTED] = "selected",
	[THEME_SELECTED_IDLE] = "selected_idle",
	[THEME_DISABLED] = "disabled",
	[THEME_KEY] = "key",
	[THEME_FOOTER] = "footer",
	[THEME_STATUS_INFO] = "status_info",
	[THEME_STATUS_OK] = "status_ok",
	[THEME_STATUS_WARN] = "status_warn",
	[THEME_STATUS_ERROR] = "status_error",
	[THEME_DIALOG] = "dialog",
	[THEME_INPUT] = "input",
	[THEME_LABEL] = "label",
	[THEME_ACCENT] = "accent",
};

/* Attributes each part keeps whatever the theme says: see theme.h. */
static const attr_t theme_forced[THEME__COUNT] = {
	[THEME_SELECTED] = A_REVERSE,	[THEME_SELECTED_IDLE] = A_REVERSE,
	[THEME_DISABLED] = A_DIM,	[THEME_KEY] = A_BOLD,
	[THEME_TAB_ACTIVE] = A_REVERSE, [THEME_INPUT] = A_UNDERLINE,
};

static const char *const theme_colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

struct theme_attr_name {
	const char *name;
	attr_t attr;
};

static const struct theme_attr_name theme_attr_names[] = {
	{ "bold", A_BOLD },	    { "dim", A_DIM },
	{ "reverse", A_REVERSE },   { "underline", A_UNDERLINE },
	{ "standout", A_STANDOUT }, { "italic", A_ITALIC },
};

/* The built-in theme, used until a file is loaded and when none is found. */
static const struct theme theme_builtin = {
	.name = "default",
	.styles = {
		[THEME_NORMAL] = { -1, -1, 0 },
		[THEME_HEADER] = { 15, 4, A_BOLD },
		[THEME_BORDER] = { 8, -1, 0 },
		[THEME_BORDER_FOCUS] = { 6, -1, A_BOLD },
		[THEME_TITLE] = { -1, -1, 0 },
		[THEME_TITLE_FOCUS] = { 6, -1, A_BOLD },
		[THEME_TAB] = { -1, -1, 0 },
		[THEME_TAB_ACTIVE] = { 6, -1, A_BOLD },
		[THEME_SELECTED] = { 6, -1, 0 },
		[THEME_SELECTED_IDLE] = { -1, -1, 0 },
		[THEME_DISABLED] = { 8, -1, 0 },
		[THEME_KEY] = { 3, -1, 0 },
		[THEME_FOOTER] = { -1, -1, 0 },
		[THEME_STATUS_INFO] = { -1, -1, 0 },
		[THEME_STATUS_OK] = { 2, -1, 0 },
		[THEME_STATUS_WARN] = { 3, -1, A_BOLD },
		[THEME_STATUS_ERROR] = { 1, -1, A_BOLD },
		[THEME_DIALOG] = { -1, -1, 0 },
		[THEME_INPUT] = { -1, -1, 0 },
		[THEME_LABEL] = { 8, -1, 0 },
		[THEME_ACCENT] = { 5, -1, A_BOLD },
	},
};

/* The monochrome theme: attributes only. */
static const struct theme theme_mono = {
	.name = "mono",
	.styles = {
		[THEME_HEADER] = { -1, -1, A_BOLD },
		[THEME_BORDER_FOCUS] = { -1, -1, A_BOLD },
		[THEME_TITLE_FOCUS] = { -1, -1, A_BOLD },
		[THEME_TAB_ACTIVE] = { -1, -1, A_BOLD },
		[THEME_STATUS_WARN] = { -1, -1, A_BOLD },
		[THEME_STATUS_ERROR] = { -1, -1, A_BOLD },
		[THEME_ACCENT] = { -1, -1, A_BOLD },
	},
};

static struct theme theme_current = theme_builtin;
static attr_t theme_attrs[THEME__COUNT];
static bool theme_mono_forced;

/* Parses a colour: a name, "bright-NAME", "default" or 0-255. */
static int theme_parse_colour(short *out, const char *word)
{
	char *end;
	long n;
	size_t i;
	int bright = 0;

	if (strcmp(word, "default") == 0) {
		*out = -1;
		return 0;
	}
	if (strncmp(word, "bright-", 7) == 0) {
		bright = 8;
		word += 7;
	}
	for (i = 0; i < 8; i++) {
		if (strcmp(word, theme_colour_names[i]) == 0) {
			*out = (short)(i + (size_t)bright);
			return 0;
		}
	}
	if (bright != 0)
		return -1;

	errno = 0;
	n = strtol(word, &end, 10);
	if (errno != 0 || end == word || *end != '\0' || n < 0 || n > 255)
		return -1;
	*out = (short)n;
	return 0;
}

static int theme_parse_attr(attr_t *out, const char *word)
{
	size_t i;

	for (i = 0; i < sizeof(theme_attr_names) / sizeof(*theme_attr_names);
	     i++) {
		if (strcmp(word, theme_attr_names[i].name) == 0) {
			*out |= theme_attr_names[i].attr;
			return 0;
		}
	}
	return -1;
}

/* Parses "FG [on BG] [ATTR...]", or only attributes. */
static int theme_parse_style(struct theme_style *st, const char *value)
{
	char copy[256], *save = NULL, *word;
	bool want_bg = false, have_fg = false;

	if (strlen(value) >= sizeof(copy))
		return -1;
	strcpy(copy, value);
	*st = (struct theme_style){ -1, -1, 0 };

	for (word = strtok_r(copy, " \t,", &save); word != NULL;
	     word = strtok_r(NULL, " \t,", &save)) {
		if (strcmp(word, "on") == 0) {
			want_bg = true;
			continue;
		}
		if (want_bg) {
			if (theme_parse_colour(&st->bg, word) < 0)
				return -1;
			want_bg = false;
			continue;
		}
		if (!have_fg && theme_parse_colour(&st->fg, word) == 0) {
			have_fg = true;
			continue;
		}
		if (theme_parse_attr(&st->attrs, word) < 0)
			return -1;
	}
	return want_bg ? -1 : 0;
}

static int theme_find_key(const char *key)
{
	int i;

	for (i = 0; i < THEME__COUNT; i++)
		if (strcmp(theme_keys[i], key) == 0)
			return i;
	return -1;
}

struct theme_parse {
	struct theme *theme;
	char *err;
	size_t errlen;
	int bad_line;
};

/* inih's callback: one "key = value" in [theme] or [colors]. */
static int theme_ini_line(void *user, const char *section, const char *key,
			  const char *value)
{
	struct theme_parse *p = user;
	int el;

	if (strcmp(section, "theme") == 0)
		return strcmp(key, "name") == 0 ||
		       strcmp(key, "description") == 0;
	if (strcmp(section, "colors") != 0) {
		snprintf(p->err, p->errlen, "unknown section [%s]", section);
		return 0;
	}

	el = theme_find_key(key);
	if (el < 0) {
		snprintf(p->err, p->errlen, "unknown part \"%s\"", key);
		return 0;
	}
	if (theme_parse_style(&p->theme->styles[el], value) < 0) {
		snprintf(p->err, p->errlen, "bad style \"%s\" for %s", value,
			 key);
		return 0;
	}
	return 1;
}

/* The folders searched for NAME.ini, most personal first. */
static size_t theme_dirs(char dirs[][PATH_MAX], size_t room)
{
	const char *env = getenv("ORGDECK_THEME_DIR");
	char *config = paths_config_file();
	size_t n = 0;

	if (env != NULL && *env != '\0' && n < room)
		snprintf(dirs[n++], PATH_MAX, "%s", env);
	if (config != NULL && n < room)
		snprintf(dirs[n++], PATH_MAX, "%s/themes", dirname(config));
	free(config);
	if (n < room)
		snprintf(dirs[n++], PATH_MAX, "%s", ORGDECK_THEME_DIR);
	if (n < room)
		snprintf(dirs[n++], PATH_MAX, "%s", ORGDECK_SOURCE_THEME_DIR);
	return n;
}

/* Finds the file of theme @name; returns 0 and fills @path, or -1. */
static int theme_find(char *path, size_t size, const char *name)
{
	char dirs[4][PATH_MAX];
	size_t n = theme_dirs(dirs, 4), i;

	if (strchr(name, '/') != NULL) {
		snprintf(path, size, "%s", name);
		return 0;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, size, "%s/%s.ini", dirs[i], name);
		if (access(path, R_OK) == 0)
			return 0;
	}
	return -1;
}

/* Sets @t's name from the file name of @path, without ".ini". */
static void theme_name_from(struct theme *t, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base != NULL ? base + 1 : path;
	len = strcspn(base, ".");
	if (len >= sizeof(t->name))
		len = sizeof(t->name) - 1;
	memcpy(t->name, base, len);
	t->name[len] = '\0';
}

int theme_load(const char *name, char *err, size_t errlen)
{
	struct theme next = theme_builtin;
	struct theme_parse p = { &next, err, errlen, 0 };
	char path[PATH_MAX];
	int line;

	if (name == NULL || strcmp(name, "builtin") == 0) {
		theme_current = theme_builtin;
		return 0;
	}
	if (theme_find(path, sizeof(path), name) < 0) {
		snprintf(err, errlen, "no theme called \"%s\"", name);
		return -1;
	}

	err[0] = '\0';
	line = ini_parse(path, theme_ini_line, &p);
	if (line != 0) {
		if (line < 0)
			snprintf(err, errlen, "cannot read %s", path);
		else
			snprintf(err, errlen, "%s line %d: %s", path, line,
				 err[0] != '\0' ? err : "not understood");
		return -1;
	}

	theme_name_from(&next, path);
	theme_current = next;
	return 0;
}

void theme_force_mono(bool mono)
{
	theme_mono_forced = mono;
}

/* A 256-colour number as the nearest of the first 16. */
static short theme_to_16(short c)
{
	int idx, r, g, b, level;

	if (c < 16)
		return c;
	if (c >= 232) {
		level = c - 232;
		return level < 6 ? 0 : level < 12 ? 8 : level < 18 ? 7 : 15;
	}
	idx = c - 16;
	r = idx / 36;
	g = (idx / 6) % 6;
	b = idx % 6;
	c = (short)((r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0));
	if (r == 5 || g == 5 || b == 5)
		c += 8;
	return c;
}

/* Fits @c into the terminal's colours; bright ones lose brightness to
 * @bold on an 8-colour terminal. */
static short theme_degrade(short c, attr_t *bold)
{
	if (c < 0 || c < COLORS)
		return c;
	if (COLORS < 256)
		c = theme_to_16(c);
	if (c >= 8 && COLORS < 16) {
		c -= 8;
		if (bold != NULL)
			*bold |= A_BOLD;
	}
	return c;
}

/* Decides the attributes of @el without colour. */
static attr_t theme_plain(const struct theme_style *st, enum theme_el el)
{
	return st->attrs | theme_forced[el];
}

void theme_apply(void)
{
	const struct theme *t = &theme_current;
	bool colour = has_colors() && !theme_mono_forced;
	int el;

	if (theme_mono_forced)
		t = &theme_mono;
	if (colour) {
		start_color();
		use_default_colors();
	}

	for (el = 0; el < THEME__COUNT; el++) {
		const struct theme_style *st = &t->styles[el];
		attr_t attrs = theme_plain(st, (enum theme_el)el);
		short fg, bg;

		if (!colour || el + 1 >= COLOR_PAIRS) {
			theme_attrs[el] = attrs;
			continue;
		}
		fg = theme_degrade(st->fg, &attrs);
		bg = theme_degrade(st->bg, NULL);
		init_pair((short)(el + 1), fg, bg);
		theme_attrs[el] = attrs | COLOR_PAIR(el + 1);
	}
}

attr_t theme_attr(enum theme_el el)
{
	if ((unsigned int)el >= THEME__COUNT)
		return A_NORMAL;
	return theme_attrs[el];
}

const char *theme_name(void)
{
	return theme_mono_forced ? theme_mono.name : theme_current.name;
}

/* Calls @fn for each *.ini in @dir; returns false when @fn asked to stop. */
static bool theme_list_dir(const char *dir,
			   bool (*fn)(const char *name, void *ctx), void *ctx)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool more = true;

	if (d == NULL)
		return true;
	for (e = readdir(d); more && e != NULL; e = readdir(d)) {
		char name[THEME_NAME_MAX];
		size_t len = strlen(e->d_name);

		if (len < 5 || len - 4 >= sizeof(name) ||
		    strcmp(e->d_name + len - 4, ".ini") != 0)
			continue;
		memcpy(name, e->d_name, len - 4);
		name[len - 4] = '\0';
		more = fn(name, ctx);
	}
	closedir(d);
	return more;
}

void theme_list(bool (*fn)(const char *name, void *ctx), void *ctx)
{
	char dirs[4][PATH_MAX];
	size_t n = theme_dirs(dirs, 4), i;

	for (i = 0; i < n; i++)
		if (!theme_list_dir(dirs[i], fn, ctx))
			return;
}
