/* SPDX-License-Identifier: MIT */
/* The form dialog: fields, editing, validation and acceptance. */
#include "form.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dialog.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define FORM_TEXT_SIZE	     1024
#define FORM_LINES_SIZE	     (50 * 260)
#define FORM_LABEL_MAX	     20
#define FORM_ITEM_SEPARATORS "\n,; \t"

struct form_slot {
	enum form_kind kind;
	char *label;
	char **choices;
	size_t n_choices;
	const char *(*check)(const char *text);
	bool optional;
	int rows;
	char *text; /* FORM_TEXT, FORM_HIDDEN, FORM_LINES */
	size_t size;
	size_t cur;    /* byte offset of the text cursor */
	size_t choice; /* FORM_CHOICE: chosen; FORM_CHECKS: cursor */
	bool *checked;
	size_t top; /* first row shown of a FORM_LINES or FORM_CHECKS */
};

struct form {
	char *title;
	char error[256];
	struct form_slot *slots;
	size_t n;
	size_t focus; /* a field, or n for OK and n + 1 for Cancel */
	form_done_fn done;
	void *ctx;
	void (*ctx_free)(void *ctx);
};

static bool form_key(struct dialog *d, struct tui *t, int key);
static void form_draw(struct dialog *d, struct tui *t);
static void form_close(struct dialog *d);

static const struct dialog_ops form_ops = {
	.draw = form_draw,
	.key = form_key,
	.close = form_close,
};

static void form_slot_release(struct form_slot *s)
{
	size_t i;

	if (s->text != NULL)
		sodium_memzero(s->text, s->size);
	free(s->text);
	for (i = 0; i < s->n_choices; i++)
		free(s->choices[i]);
	free(s->choices);
	free(s->checked);
	free(s->label);
}

static void form_free(struct form *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		form_slot_release(&f->slots[i]);
	free(f->slots);
	free(f->title);
	if (f->ctx_free != NULL && f->ctx != NULL)
		f->ctx_free(f->ctx);
	free(f);
}

static void form_close(struct dialog *d)
{
	form_free(d->state);
	d->state = NULL;
}

static int form_copy_choices(struct form_slot *s, const struct form_field *fl)
{
	size_t i;

	if (fl->n_choices == 0)
		return 0;
	s->choices = calloc(fl->n_choices, sizeof(char *));
	s->checked = calloc(fl->n_choices, sizeof(bool));
	if (s->choices == NULL || s->checked == NULL)
		return -1;
	s->n_choices = fl->n_choices;
	for (i = 0; i < fl->n_choices; i++) {
		s->choices[i] = strdup(fl->choices[i]);
		if (s->choices[i] == NULL)
			return -1;
		s->checked[i] = fl->checked != NULL && fl->checked[i];
	}
	return 0;
}

static int form_slot_init(struct form_slot *s, const struct form_field *fl)
{
	s->kind = fl->kind;
	s->check = fl->check;
	s->optional = fl->optional;
	s->rows = fl->rows > 0 ? fl->rows : 1;
	if (s->kind != FORM_LINES && s->kind != FORM_CHECKS)
		s->rows = 1;
	s->choice = fl->choice < fl->n_choices ? fl->choice : 0;
	s->label = strdup(fl->label != NULL ? fl->label : "");
	if (s->label == NULL || form_copy_choices(s, fl) < 0)
		return -1;
	if (s->kind == FORM_CHOICE || s->kind == FORM_CHECKS)
		return 0;

	s->size = s->kind == FORM_LINES ? FORM_LINES_SIZE : FORM_TEXT_SIZE;
	s->text = calloc(1, s->size);
	if (s->text == NULL)
		return -1;
	if (fl->value != NULL)
		snprintf(s->text, s->size, "%s", fl->value);
	s->cur = strlen(s->text);
	return 0;
}

/* Builds the form's state; returns NULL when out of memory. */
static struct form *form_new(const char *title, const struct form_field *fl,
			     size_t n, const char *error)
{
	struct form *f = calloc(1, sizeof(*f));
	struct form *result = NULL;
	size_t i;

	if (f == NULL)
		return NULL;
	f->title = strdup(title);
	f->slots = calloc(n ? n : 1, sizeof(*f->slots));
	if (f->title == NULL || f->slots == NULL)
		goto out;
	for (i = n; i-- > 0;)
		if (fl[i].focus)
			f->focus = i;
	for (i = 0; i < n; i++) {
		f->n = i + 1;
		if (form_slot_init(&f->slots[i], &fl[i]) < 0)
			goto out;
	}
	if (error != NULL)
		snprintf(f->error, sizeof(f->error), "%s", error);
	result = f;
	f = NULL;
out:
	form_free(f);
	return result;
}

int form_open(struct tui *t, const char *title, const struct form_field *fields,
	      size_t n, const char *error, form_done_fn done, void *ctx,
	      void (*ctx_free)(void *ctx))
{
	struct form *f = form_new(title, fields, n, error);
	struct dialog *d = NULL;

	if (f != NULL)
		d = dialog_new(&form_ops, f);
	if (d == NULL) {
		form_free(f);
		if (ctx_free != NULL && ctx != NULL)
			ctx_free(ctx);
		tui_status(t, STATUS_ERROR, "out of memory");
		return -1;
	}

	f->done = done;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
	tui_dialog_push(t, d);
	return 0;
}

const char *form_text(const struct form *f, size_t i)
{
	if (i >= f->n || f->slots[i].text == NULL)
		return "";
	return f->slots[i].text;
}

size_t form_choice(const struct form *f, size_t i)
{
	return i < f->n ? f->slots[i].choice : 0;
}

bool form_checked(const struct form *f, size_t i, size_t j)
{
	if (i >= f->n || j >= f->slots[i].n_choices)
		return false;
	return f->slots[i].checked[j];
}

void form_each_item(const struct form *f, size_t i,
		    void (*fn)(const char *item, void *arg), void *arg)
{
	const char *s = form_text(f, i);

	while (*s != '\0') {
		size_t skip = strspn(s, FORM_ITEM_SEPARATORS);
		size_t len;
		char item[300];

		s += skip;
		len = strcspn(s, FORM_ITEM_SEPARATORS);
		if (len == 0)
			continue;
		if (len < sizeof(item)) {
			memcpy(item, s, len);
			item[len] = '\0';
			fn(item, arg);
		}
		s += len;
	}
}

/* ---- drawing ---- */

static int form_label_width(const struct form *f)
{
	int w = 0;
	size_t i;

	for (i = 0; i < f->n; i++) {
		int lw = draw_width(f->slots[i].label);

		if (lw > w)
			w = lw;
	}
	return w > FORM_LABEL_MAX ? FORM_LABEL_MAX : w;
}

/* The first byte to show so that the cursor fits in @w cells. */
static size_t form_scroll_start(const char *s, size_t cur, int w)
{
	size_t start = 0;

	while (start < cur && draw_width(s + start) > 0) {
		char head[FORM_TEXT_SIZE];
		size_t len = cur - start;

		if (len >= sizeof(head))
			len = sizeof(head) - 1;
		memcpy(head, s + start, len);
		head[len] = '\0';
		if (draw_width(head) < w)
			break;
		start = text_next(s, start);
	}
	return start;
}

/* Draws one line of editable text; puts the cursor in it when focused. */
static void form_draw_line(struct tui *t, const char *s, size_t len, size_t cur,
			   bool hidden, bool focused, int y, int x, int w)
{
	char shown[FORM_TEXT_SIZE];
	size_t start, i;
	int cx;

	if (len >= sizeof(shown))
		len = sizeof(shown) - 1;
	memcpy(shown, s, len);
	shown[len] = '\0';
	if (hidden)
		for (i = 0; i < len; i++)
			shown[i] = '*';
	if (cur > len)
		cur = len;

	start = form_scroll_start(shown, cur, w);
	draw_fill((struct rect){ y, x, 1, w }, theme_attr(THEME_INPUT));
	draw_text(y, x, w, shown + start, theme_attr(THEME_INPUT));
	if (!focused)
		return;
	shown[cur] = '\0';
	cx = draw_width(shown + start);
	tui_cursor(t, y, x + (cx < w ? cx : w - 1));
}

static void form_draw_choice(const struct form_slot *s, bool focused, int y,
			     int x, int w)
{
	attr_t attr = theme_attr(focused ? THEME_SELECTED : THEME_INPUT);
	const char *name = s->n_choices ? s->choices[s->choice] : "";

	draw_printf(y, x, w, attr, "< %s >", name);
}

/* Finds the start of the line the cursor is on and its number. */
static size_t form_line_of(const char *s, size_t cur, size_t *line)
{
	size_t start = 0, i;

	*line = 0;
	for (i = 0; i < cur && s[i] != '\0'; i++) {
		if (s[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	}
	return start;
}

static void form_draw_lines(struct tui *t, struct form_slot *s, bool focused,
			    int y, int x, int w)
{
	size_t line, row = 0;
	const char *p = s->text;

	form_line_of(s->text, s->cur, &line);
	if (line < s->top)
		s->top = line;
	if (line >= s->top + (size_t)s->rows)
		s->top = line - (size_t)s->rows + 1;

	for (; row < s->top + (size_t)s->rows; row++) {
		size_t len = strcspn(p, "\n");
		size_t off = (size_t)(p - s->text);
		bool here = focused && s->cur >= off && s->cur <= off + len;

		if (row >= s->top)
			form_draw_line(t, p, len, here ? s->cur - off : 0,
				       false, here, y + (int)(row - s->top), x,
				       w);
		p += len;
		if (*p == '\n')
			p++;
	}
}

static void form_draw_checks(struct tui *t, struct form_slot *s, bool focused,
			     int y, int x, int w)
{
	const struct glyphs *g = draw_glyphs();
	size_t i;

	if (s->choice < s->top)
		s->top = s->choice;
	if (s->choice >= s->top + (size_t)s->rows)
		s->top = s->choice - (size_t)s->rows + 1;
	if (s->n_choices == 0)
		draw_text(y, x, w, "(none)", theme_attr(THEME_LABEL));

	for (i = s->top; i < s->n_choices && i < s->top + (size_t)s->rows;
	     i++) {
		bool cur = focused && i == s->choice;
		attr_t attr = theme_attr(cur ? THEME_SELECTED : THEME_NORMAL);
		int row = y + (int)(i - s->top);

		draw_printf(row, x, w, attr, "%s %s",
			    s->checked[i] ? g->check : g->uncheck,
			    s->choices[i]);
		if (cur)
			tui_cursor(t, row, x + 1);
	}
}

static void form_draw_slot(struct tui *t, struct form_slot *s, bool focused,
			   int y, int x, int w)
{
	switch (s->kind) {
	case FORM_TEXT:
	case FORM_HIDDEN:
		form_draw_line(t, s->text, strlen(s->text), s->cur,
			       s->kind == FORM_HIDDEN, focused, y, x, w);
		break;
	case FORM_CHOICE:
		form_draw_choice(s, focused, y, x, w);
		break;
	case FORM_LINES:
		form_draw_lines(t, s, focused, y, x, w);
		break;
	case FORM_CHECKS:
		form_draw_checks(t, s, focused, y, x, w);
		break;
	}
}

static int form_height(const struct form *f)
{
	int h = 0;
	size_t i;

	for (i = 0; i < f->n; i++)
		h += f->slots[i].rows;
	return h + 4 + 2; /* blank, error, buttons, hint; the border */
}

static void form_draw_buttons(const struct form *f, int y, int x, int w)
{
	attr_t ok =
		theme_attr(f->focus == f->n ? THEME_SELECTED : THEME_NORMAL);
	attr_t cancel = theme_attr(f->focus == f->n + 1 ? THEME_SELECTED
							: THEME_NORMAL);
	int used = draw_text(y, x, w, "[ OK ]", ok);

	draw_text(y, x + used + 2, w - used - 2, "[ Cancel ]", cancel);
}

static void form_draw(struct dialog *d, struct tui *t)
{
	struct form *f = d->state;
	int lw = form_label_width(f);
	struct rect in =
		dialog_frame(d, form_height(f), dialog_width(72), f->title);
	int y = in.y, bx = in.x + lw + 3, bw = in.w - lw - 4;
	size_t i;

	for (i = 0; i < f->n && y < in.y + in.h; i++) {
		struct form_slot *s = &f->slots[i];
		bool focused = f->focus == i;

		draw_text(
			y, in.x + 1, lw + 1, s->label,
			theme_attr(focused ? THEME_TITLE_FOCUS : THEME_LABEL));
		form_draw_slot(t, s, focused, y, bx, bw);
		y += s->rows;
	}

	draw_text(y + 1, in.x + 1, in.w - 2, f->error,
		  theme_attr(THEME_STATUS_ERROR));
	form_draw_buttons(f, y + 2, in.x + 1, in.w - 2);
	dialog_hint(in, "Enter accept   Tab next field   Esc cancel");
}

/* ---- validation ---- */

struct form_item_check {
	const struct form_slot *slot;
	char *error;
	size_t errlen;
	size_t count;
};

static void form_check_item(const char *item, void *arg)
{
	struct form_item_check *c = arg;
	const char *why;

	c->count++;
	if (c->error[0] != '\0' || c->slot->check == NULL)
		return;
	why = c->slot->check(item);
	if (why != NULL) /* cap the item so that the reason always shows */
		snprintf(c->error, c->errlen, "%.120s %s", item, why);
}

/* Checks field @i; returns false with the reason in f->error. */
static bool form_check_slot(struct form *f, size_t i)
{
	struct form_slot *s = &f->slots[i];
	struct form_item_check c = { s, f->error, sizeof(f->error), 0 };
	const char *why;

	if (s->kind == FORM_LINES) {
		form_each_item(f, i, form_check_item, &c);
		if (c.count == 0 && !s->optional)
			snprintf(f->error, sizeof(f->error),
				 "%s: enter at least one", s->label);
		return f->error[0] == '\0';
	}
	if (s->kind != FORM_TEXT && s->kind != FORM_HIDDEN)
		return true;

	text_trim(s->text);
	s->cur = strlen(s->text);
	if (s->text[0] == '\0')
		why = s->optional ? NULL : "is required";
	else
		why = s->check != NULL ? s->check(s->text) : NULL;
	if (why != NULL)
		snprintf(f->error, sizeof(f->error), "%s %s", s->label, why);
	return why == NULL;
}

/* Checks every field; on the first failure focuses it and returns false. */
static bool form_check(struct form *f)
{
	size_t i;

	f->error[0] = '\0';
	for (i = 0; i < f->n; i++) {
		if (!form_check_slot(f, i)) {
			f->focus = i;
			return false;
		}
	}
	return true;
}

/* ---- keys ---- */

static void form_focus_move(struct form *f, int delta)
{
	size_t stops = f->n + 2;

	f->focus = (f->focus + (size_t)((int)stops + delta)) % stops;
}

static bool form_edit_key(struct form_slot *s, int key)
{
	switch (key) {
	case TK(KEY_LEFT):
		s->cur = text_prev(s->text, s->cur);
		return true;
	case TK(KEY_RIGHT):
		s->cur = text_next(s->text, s->cur);
		return true;
	case TK(KEY_HOME):
	case TK_CTRL('a'):
		s->cur = form_line_of(s->text, s->cur, &(size_t){ 0 });
		return true;
	case TK(KEY_END):
	case TK_CTRL('e'):
		s->cur += strcspn(s->text + s->cur, "\n");
		return true;
	case TK_BACKSPACE:
	case TK(KEY_BACKSPACE):
		s->cur = text_erase(s->text, s->cur);
		return true;
	case TK(KEY_DC):
		if (s->text[s->cur] != '\0')
			s->cur =
				text_erase(s->text, text_next(s->text, s->cur));
		return true;
	case TK_CTRL('u'):
		s->text[0] = '\0';
		s->cur = 0;
		return true;
	}
	if (!text_is_char(key))
		return false;
	s->cur = text_insert(s->text, s->size, s->cur, key);
	return true;
}

/* Moves the cursor of a FORM_LINES field a line up or down; false when
 * there is no line there. */
static bool form_lines_move(struct form_slot *s, int delta)
{
	size_t line, start = form_line_of(s->text, s->cur, &line);
	size_t col = s->cur - start, next;

	if (delta < 0) {
		if (start == 0)
			return false;
		next = form_line_of(s->text, start - 1, &line);
	} else {
		size_t end = start + strcspn(s->text + start, "\n");

		if (s->text[end] == '\0')
			return false;
		next = end + 1;
	}
	s->cur = next;
	while (col-- > 0 && s->text[s->cur] != '\0' && s->text[s->cur] != '\n')
		s->cur = text_next(s->text, s->cur);
	return true;
}

/* Keys of the focused field.  Returns 1 used, 0 not, -1 accept the form. */
static int form_slot_key(struct form_slot *s, int key)
{
	switch (s->kind) {
	case FORM_CHOICE:
		if (key == TK(KEY_LEFT) && s->n_choices)
			s->choice =
				(s->choice + s->n_choices - 1) % s->n_choices;
		else if ((key == TK(KEY_RIGHT) || key == ' ') && s->n_choices)
			s->choice = (s->choice + 1) % s->n_choices;
		else
			return key == TK_ENTER ? -1 : 0;
		return 1;
	case FORM_CHECKS:
		if (key == ' ' && s->n_choices)
			s->checked[s->choice] = !s->checked[s->choice];
		else if (key == TK(KEY_DOWN) && s->choice + 1 < s->n_choices)
			s->choice++;
		else if (key == TK(KEY_UP) && s->choice > 0)
			s->choice--;
		else
			return key == TK_ENTER ? -1 : 0;
		return 1;
	case FORM_LINES:
		if (key == TK_ENTER) {
			s->cur = text_insert(s->text, s->size, s->cur, '\n');
			return 1;
		}
		if (key == TK(KEY_UP) || key == TK(KEY_DOWN))
			return form_lines_move(s, key == TK(KEY_UP) ? -1 : 1);
		return form_edit_key(s, key);
	default:
		if (key == TK_ENTER)
			return -1;
		return form_edit_key(s, key);
	}
}

/* Accepts the form if it passes its checks.  Returns false to close. */
static bool form_accept(struct form *f, struct tui *t)
{
	if (!form_check(f))
		return true;
	f->done(t, f, f->ctx);
	return false;
}

static bool form_key(struct dialog *d, struct tui *t, int key)
{
	struct form *f = d->state;
	int used = 0;

	tui_dirty(t);
	if (key == TK_ESC)
		return false;
	if (f->focus < f->n)
		used = form_slot_key(&f->slots[f->focus], key);
	if (used < 0)
		return form_accept(f, t);
	if (used > 0)
		return true;

	if (key == TK_TAB || key == TK(KEY_DOWN))
		form_focus_move(f, 1);
	else if (key == TK(KEY_BTAB) || key == TK(KEY_UP))
		form_focus_move(f, -1);
	else if (key == TK_ENTER && f->focus == f->n + 1)
		return false;
	else if (key == TK_ENTER)
		return form_accept(f, t);
	return true;
}
