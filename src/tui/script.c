/* SPDX-License-Identifier: MIT */
/* Script mode: keys and dumps from a file instead of a person. */
#include "script.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "app.h"
#include "dump.h"

#define SCRIPT_LINES_MAX 100000
#define SCRIPT_KEYS_MAX	 1024

struct script {
	char **lines;
	size_t n, next;
	int keys[SCRIPT_KEYS_MAX]; /* keys of the current line */
	size_t nkeys, key_at;
	bool keys_now; /* they came from "keynow" */
	char await[PATH_MAX];
	double await_until;
	char error[PATH_MAX + 64];
};

struct script_name {
	const char *name;
	int key;
};

static const struct script_name script_names[] = {
	{ "Enter", TK_ENTER },
	{ "Return", TK_ENTER },
	{ "Esc", TK_ESC },
	{ "Tab", TK_TAB },
	{ "S-Tab", TK(KEY_BTAB) },
	{ "Space", ' ' },
	{ "Backspace", TK_BACKSPACE },
	{ "Delete", TK(KEY_DC) },
	{ "Up", TK(KEY_UP) },
	{ "Down", TK(KEY_DOWN) },
	{ "Left", TK(KEY_LEFT) },
	{ "Right", TK(KEY_RIGHT) },
	{ "Home", TK(KEY_HOME) },
	{ "End", TK(KEY_END) },
	{ "PgUp", TK(KEY_PPAGE) },
	{ "PgDn", TK(KEY_NPAGE) },
};

static void script_lines_free(struct script *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->lines[i]);
	free(s->lines);
}

void script_free(struct script **s)
{
	if (s == NULL || *s == NULL)
		return;
	script_lines_free(*s);
	free(*s);
	*s = NULL;
}

static int script_add_line(struct script *s, const char *line, size_t len)
{
	char **lines;

	if (s->n >= SCRIPT_LINES_MAX) {
		errno = E2BIG;
		return -1;
	}
	lines = realloc(s->lines, (s->n + 1) * sizeof(char *));
	if (lines == NULL)
		return -1;
	s->lines = lines;
	s->lines[s->n] = strndup(line, len);
	if (s->lines[s->n] == NULL)
		return -1;
	s->n++;
	return 0;
}

static int script_read(struct script *s, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int result = 0;

	for (len = getline(&line, &cap, f); len >= 0;
	     len = getline(&line, &cap, f)) {
		while (len > 0 &&
		       (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (script_add_line(s, line, (size_t)len) < 0) {
			result = -1;
			break;
		}
	}
	free(line);
	return result;
}

int script_load(struct script **out, const char *path, char *err, size_t errlen)
{
	struct script *s = calloc(1, sizeof(*s));
	FILE *f;
	int result = -1;

	*out = NULL;
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "cannot read script %s: %s", path,
			 strerror(errno));
		goto out;
	}
	if (script_read(s, f) < 0) {
		snprintf(err, errlen, "cannot read script %s: %s", path,
			 strerror(errno));
		goto out;
	}
	*out = s;
	s = NULL;
	result = 0;
out:
	if (f != NULL)
		fclose(f);
	script_free(&s);
	return result;
}

int script_key_parse(const char *name)
{
	size_t i;
	wchar_t wc;
	mbstate_t st;
	size_t len = strlen(name);

	for (i = 0; i < sizeof(script_names) / sizeof(*script_names); i++)
		if (strcmp(name, script_names[i].name) == 0)
			return script_names[i].key;
	if (name[0] == 'F' && len > 1 && len <= 3 && atoi(name + 1) >= 1 &&
	    atoi(name + 1) <= 12)
		return TK(KEY_F(atoi(name + 1)));
	if (strncmp(name, "C-", 2) == 0 && len == 3)
		return TK_CTRL(name[2]);

	memset(&st, 0, sizeof(st));
	if (mbrtowc(&wc, name, len, &st) == len && len > 0)
		return (int)wc;
	return TK_NONE;
}

static int script_fail(struct script *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records why the script stops; returns -1. */
static int script_fail(struct script *s, const char *fmt, ...)
{
	size_t len;
	va_list ap;

	snprintf(s->error, sizeof(s->error), "script line %zu: ", s->next);
	len = strlen(s->error);
	va_start(ap, fmt);
	vsnprintf(s->error + len, sizeof(s->error) - len, fmt, ap);
	va_end(ap);
	return -1;
}

static int script_keys(struct script *s, char *args)
{
	char *save = NULL, *name;

	s->nkeys = s->key_at = 0;
	for (name = strtok_r(args, " \t", &save); name != NULL;
	     name = strtok_r(NULL, " \t", &save)) {
		int key = script_key_parse(name);

		if (key == TK_NONE)
			return script_fail(s, "unknown key \"%s\"", name);
		if (s->nkeys < SCRIPT_KEYS_MAX)
			s->keys[s->nkeys++] = key;
	}
	return 1;
}

static int script_type(struct script *s, const char *text)
{
	size_t len = strlen(text);
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	s->nkeys = s->key_at = 0;
	while (len > 0 && s->nkeys < SCRIPT_KEYS_MAX) {
		wchar_t wc;
		size_t used = mbrtowc(&wc, text, len, &st);

		if (used == (size_t)-1 || used == (size_t)-2 || used == 0)
			return script_fail(s, "cannot decode \"%s\"", text);
		s->keys[s->nkeys++] = (int)wc;
		text += used;
		len -= used;
	}
	return 1;
}

static int script_dump(struct script *s, struct tui *t, const char *path)
{
	layout_draw(t);
	t->dirty = false;
	if (dump_write(t, path) < 0)
		return script_fail(s, "cannot write dump %s", path);
	return 1;
}

static int script_await(struct script *s, const char *path)
{
	snprintf(s->await, sizeof(s->await), "%s", path);
	s->await_until = app_now() + SCRIPT_AWAIT_SECONDS;
	return 1;
}

/* Runs one line of the script. */
static int script_line(struct script *s, struct tui *t, char *line)
{
	char *args;

	line += strspn(line, " \t");
	if (*line == '\0' || *line == '#')
		return 1;
	args = line + strcspn(line, " \t");
	if (*args != '\0')
		*args++ = '\0';

	s->keys_now = strcmp(line, "keynow") == 0;
	if (strcmp(line, "key") == 0 || s->keys_now)
		return script_keys(s, args);
	if (strcmp(line, "type") == 0)
		return script_type(s, args);
	if (strcmp(line, "wait") == 0)
		return 1;
	if (strcmp(line, "dump") == 0)
		return script_dump(s, t, args);
	if (strcmp(line, "await") == 0)
		return script_await(s, args);
	return script_fail(s, "unknown command \"%s\"", line);
}

/* Still waiting for the file of an "await"?  Fails after the deadline. */
static int script_awaiting(struct script *s)
{
	if (s->await[0] == '\0')
		return 1;
	if (access(s->await, F_OK) == 0) {
		s->await[0] = '\0';
		return 1;
	}
	if (app_now() > s->await_until)
		return script_fail(s, "%s never appeared", s->await);
	return 0;
}

/* True when the next line is "keynow", which does not wait. */
static bool script_now(const struct script *s)
{
	const char *line;

	if (s->key_at < s->nkeys || s->next >= s->n)
		return s->key_at < s->nkeys && s->keys_now;
	line = s->lines[s->next] + strspn(s->lines[s->next], " \t");
	return strncmp(line, "keynow", 6) == 0 &&
	       (line[6] == ' ' || line[6] == '\t');
}

int script_step(struct script *s, struct tui *t)
{
	int ready;

	if (s->error[0] != '\0')
		return -1;
	if (tui_busy(t) && !script_now(s))
		return 0;
	ready = script_awaiting(s);
	if (ready <= 0)
		return ready;
	if (s->key_at < s->nkeys) {
		app_key(t, s->keys[s->key_at++]);
		return 1;
	}
	if (s->next >= s->n)
		return -1;
	s->next++;
	return script_line(s, t, s->lines[s->next - 1]);
}

int script_timeout(const struct script *s)
{
	return s->await[0] != '\0' ? 20 : -1;
}

const char *script_error(const struct script *s)
{
	return s->error[0] != '\0' ? s->error : NULL;
}
