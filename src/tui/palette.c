/* SPDX-License-Identifier: MIT */
/* The command palette: a typed line with completion, run as an action. */
#include "palette.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "orgdeck/config.h"
#include "orgdeck/paths.h"

#include "action.h"
#include "dialog.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define PALETTE_WIDTH	       70
#define PALETTE_TEXT_MAX       256
#define PALETTE_SHOWN	       8
#define PALETTE_CANDIDATES_MAX 200

struct palette {
	char text[PALETTE_TEXT_MAX];
	size_t cur;
	char *cands[PALETTE_CANDIDATES_MAX];
	size_t n, sel;
	bool cycling; /* Tab was pressed: the next Tab takes the next one */
	size_t stem;  /* bytes of text before the part being completed */
};

static void palette_draw(struct dialog *d, struct tui *t);
static bool palette_key(struct dialog *d, struct tui *t, int key);
static void palette_close(struct dialog *d);

static const struct dialog_ops palette_ops = {
	.draw = palette_draw,
	.key = palette_key,
	.close = palette_close,
};

static void palette_clear(struct palette *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->cands[i]);
	p->n = 0;
	p->sel = 0;
}

static void palette_close(struct dialog *d)
{
	struct palette *p = d->state;

	palette_clear(p);
	free(p);
	d->state = NULL;
}

/* Adds @name when it starts with @prefix (any case) and is new. */
static bool palette_offer(struct palette *p, const char *name,
			  const char *prefix)
{
	size_t i;

	if (strncasecmp(name, prefix, strlen(prefix)) != 0)
		return true;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->cands[i], name) == 0)
			return true;
	if (p->n >= PALETTE_CANDIDATES_MAX)
		return false;
	p->cands[p->n] = strdup(name);
	if (p->cands[p->n] != NULL)
		p->n++;
	return true;
}

struct palette_walk {
	struct palette *p;
	const char *prefix;
};

static void palette_offer_table(const char *title, const struct action *table,
				void *ctx)
{
	struct palette_walk *w = ctx;
	const struct action *a;

	(void)title;
	for (a = table; a->label != NULL; a++)
		if (a->command != NULL)
			palette_offer(w->p, a->command, w->prefix);
}

static bool palette_offer_theme(const char *name, void *ctx)
{
	struct palette_walk *w = ctx;

	return palette_offer(w->p, name, w->prefix);
}

static void palette_offer_orgs(struct palette *p, struct tui *t,
			       const char *prefix)
{
	const struct model_me *me = tui_me(t);
	size_t i;

	for (i = 0; me != NULL && i < me->org_count; i++)
		palette_offer(p, me->orgs[i]->name, prefix);
}

static void palette_offer_projects(struct palette *p, struct tui *t,
				   const char *prefix)
{
	const struct model_page *page = tui_projects(t);
	size_t i;

	for (i = 0; page != NULL && i < page->count; i++) {
		const struct model_project *prj = page->items[i];

		palette_offer(p, prj->name, prefix);
	}
}

static void palette_offer_profiles(struct palette *p, const char *prefix)
{
	struct config cfg;
	char *path = paths_config_file();
	size_t i;

	config_init(&cfg);
	if (path != NULL && config_load(&cfg, path) == 0)
		for (i = 0; i < cfg.nprofiles; i++)
			palette_offer(p, cfg.profiles[i].name, prefix);
	config_release(&cfg);
	free(path);
}

static void palette_offer_args(struct palette *p, struct tui *t,
			       const struct action *a, const char *prefix)
{
	struct palette_walk w = { p, prefix };

	switch (a->arg) {
	case ARG_ORG:
		palette_offer_orgs(p, t, prefix);
		break;
	case ARG_PROJECT:
		palette_offer_projects(p, t, prefix);
		break;
	case ARG_THEME:
		theme_list(palette_offer_theme, &w);
		break;
	case ARG_PROFILE:
		palette_offer_profiles(p, prefix);
		break;
	default:
		break;
	}
}

/* Recomputes the candidates for what is typed. */
static void palette_complete(struct palette *p, struct tui *t)
{
	char word[PALETTE_TEXT_MAX];
	const char *space = strchr(p->text, ' ');
	const struct action *a;

	palette_clear(p);
	if (space == NULL) {
		struct palette_walk w = { p, p->text };

		p->stem = 0;
		action_each_table(t, palette_offer_table, &w);
		return;
	}

	snprintf(word, sizeof(word), "%.*s", (int)(space - p->text), p->text);
	a = action_by_command(t, word);
	p->stem = (size_t)(space - p->text) + 1;
	if (a != NULL)
		palette_offer_args(p, t, a, p->text + p->stem);
}

void palette_open(struct tui *t, const char *initial)
{
	struct palette *p = calloc(1, sizeof(*p));
	struct dialog *d;

	if (p == NULL)
		return;
	snprintf(p->text, sizeof(p->text), "%s", initial ? initial : "");
	p->cur = strlen(p->text);
	d = dialog_new(&palette_ops, p);
	if (d == NULL) {
		free(p);
		return;
	}
	palette_complete(p, t);
	tui_dialog_push(t, d);
}

static void palette_draw(struct dialog *d, struct tui *t)
{
	struct palette *p = d->state;
	int shown = p->n < PALETTE_SHOWN ? (int)p->n : PALETTE_SHOWN;
	struct rect in = dialog_frame(d, shown + 4, dialog_width(PALETTE_WIDTH),
				      "Command");
	size_t first = p->sel >= PALETTE_SHOWN ? p->sel - PALETTE_SHOWN + 1 : 0;
	char head[PALETTE_TEXT_MAX];
	int i;

	draw_text(in.y, in.x + 1, 1, ":", theme_attr(THEME_KEY));
	draw_text(in.y, in.x + 2, in.w - 3, p->text, theme_attr(THEME_INPUT));
	snprintf(head, sizeof(head), "%.*s", (int)p->cur, p->text);
	tui_cursor(t, in.y, in.x + 2 + draw_width(head));

	for (i = 0; i < shown; i++) {
		size_t c = first + (size_t)i;
		bool sel = p->cycling && c == p->sel;

		draw_text(in.y + 1 + i, in.x + 3, in.w - 4, p->cands[c],
			  theme_attr(sel ? THEME_SELECTED : THEME_LABEL));
	}
	dialog_hint(in, "Tab complete   Enter run   Esc close");
}

/* Puts candidate @i in place of the part being completed. */
static void palette_take(struct palette *p, size_t i)
{
	snprintf(p->text + p->stem, sizeof(p->text) - p->stem, "%s",
		 p->cands[i]);
	p->cur = strlen(p->text);
}

static void palette_tab(struct palette *p)
{
	if (p->n == 0)
		return;
	if (p->cycling)
		p->sel = (p->sel + 1) % p->n;
	p->cycling = true;
	palette_take(p, p->sel);
}

/* Runs what is typed.  Always closes the palette. */
static void palette_run(struct palette *p, struct tui *t)
{
	char name[PALETTE_TEXT_MAX];
	const char *arg = "";
	const struct action *a;
	size_t len;

	text_trim(p->text);
	len = strcspn(p->text, " ");
	snprintf(name, sizeof(name), "%.*s", (int)len, p->text);
	if (p->text[len] != '\0')
		arg = p->text + len + 1;
	if (name[0] == '\0')
		return;

	a = action_by_command(t, name);
	if (a == NULL) {
		tui_status(t, STATUS_ERROR, "Unknown command: %s", name);
		return;
	}
	tui_action_run(t, a, arg);
}

static bool palette_edit(struct palette *p, int key)
{
	switch (key) {
	case TK_BACKSPACE:
	case TK(KEY_BACKSPACE):
		p->cur = text_erase(p->text, p->cur);
		return true;
	case TK(KEY_LEFT):
		p->cur = text_prev(p->text, p->cur);
		return true;
	case TK(KEY_RIGHT):
		p->cur = text_next(p->text, p->cur);
		return true;
	case TK_CTRL('u'):
		p->text[0] = '\0';
		p->cur = 0;
		return true;
	}
	if (!text_is_char(key))
		return false;
	p->cur = text_insert(p->text, sizeof(p->text), p->cur, key);
	return true;
}

static bool palette_key(struct dialog *d, struct tui *t, int key)
{
	struct palette *p = d->state;

	tui_dirty(t);
	if (key == TK_ESC)
		return false;
	if (key == TK_ENTER) {
		palette_run(p, t);
		return false;
	}
	if (key == TK_TAB) {
		palette_tab(p);
		return true;
	}
	if (palette_edit(p, key)) {
		p->cycling = false;
		palette_complete(p, t);
	}
	return true;
}
