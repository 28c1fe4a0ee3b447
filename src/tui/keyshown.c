/* SPDX-License-Identifier: MIT */
/* The dialog that shows a new API key once, copies it, then forgets it. */
#include "keyshown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "clip.h"
#include "confirm.h"
#include "dialog.h"
#include "draw.h"
#include "theme.h"

#define KEYSHOWN_WIDTH 78
#define KEYSHOWN_NOTE  200

struct keyshown {
	struct model_key *key; /* its secret in locked memory */
	bool rotated;
	bool copied;		  /* the clipboard may hold the key */
	char done[KEYSHOWN_NOTE]; /* what copying did */
	char warn[KEYSHOWN_NOTE]; /* why the dialog did not close */
	enum theme_el done_el;	  /* the colour of @done */
};

static void keyshown_draw(struct dialog *d, struct tui *t);
static bool keyshown_key(struct dialog *d, struct tui *t, int key);
static void keyshown_close(struct dialog *d);

static const struct dialog_ops keyshown_ops = {
	.draw = keyshown_draw,
	.key = keyshown_key,
	.close = keyshown_close,
};

void keyshown_open(struct tui *t, struct model_key *key, bool rotated)
{
	struct keyshown *ks = NULL;
	struct dialog *d = NULL;

	if (key == NULL)
		return;
	if (key->secret == NULL) {
		tui_status(t, STATUS_ERROR,
			   "The server sent the key %s without its secret",
			   key->name);
		goto out;
	}
	ks = calloc(1, sizeof(*ks));
	if (ks != NULL)
		d = dialog_new(&keyshown_ops, ks);
	if (d == NULL) {
		tui_status(t, STATUS_ERROR,
			   "out of memory: the key %s was "
			   "made but cannot be shown; "
			   "rotate it",
			   key->name);
		goto out;
	}
	ks->key = key;
	ks->rotated = rotated;
	key = NULL;
	ks = NULL;
	tui_dialog_push(t, d);
out:
	free(ks);
	model_key_free(&key);
}

static void keyshown_close(struct dialog *d)
{
	struct keyshown *ks = d->state;

	model_key_free(&ks->key);
	free(ks);
	d->state = NULL;
}

/* Draws the key itself, marked so that no dump holds it. */
static void keyshown_draw_key(struct tui *t, const struct keyshown *ks, int y,
			      int x, int w)
{
	const char *secret = ks->key->secret;
	int sw = draw_width(secret);

	if (sw > w)
		sw = w;
	tui_mark_secret(t, y, x, sw);
	draw_text(y, x, w, secret, theme_attr(THEME_ACCENT) | A_BOLD);
}

static void keyshown_draw(struct dialog *d, struct tui *t)
{
	struct keyshown *ks = d->state;
	struct rect in =
		dialog_frame(d, 15, dialog_width(KEYSHOWN_WIDTH),
			     ks->rotated ? "Rotated API key" : "New API key");
	char line[KEYSHOWN_NOTE + 64];
	int y = in.y + 1;

	snprintf(line, sizeof(line),
		 "This is the only time the key %s is shown in full. Save it "
		 "now, in a password manager or your CI's secrets.",
		 ks->key->name);
	y += draw_wrap(y, in.x + 1, in.w - 2, 2, line, theme_attr(THEME_DIALOG),
		       false);
	keyshown_draw_key(t, ks, y + 1, in.x + 2, in.w - 4);
	y += 3;
	draw_text(y, in.x + 1, in.w - 2,
		  ks->done[0] ? ks->done : "Press c to copy it.",
		  theme_attr(ks->done[0] ? ks->done_el : THEME_LABEL));
	y += 2;
	draw_text(y, in.x + 1, in.w - 2, "I have saved this key: press y",
		  theme_attr(THEME_TITLE_FOCUS));
	tui_cursor(t, y, in.x + 31);
	draw_wrap(y + 1, in.x + 1, in.w - 2, 2, ks->warn,
		  theme_attr(THEME_STATUS_WARN), false);
	dialog_hint(in, "c copy   y saved, close (the key is not shown again)");
}

static void keyshown_copy(struct tui *t, struct keyshown *ks)
{
	char why[KEYSHOWN_NOTE - 40];

	if (clip_copy(ks->key->secret, why, sizeof(why)) < 0) {
		snprintf(ks->done, sizeof(ks->done), "Not copied: %s", why);
		ks->done_el = THEME_STATUS_ERROR;
		return;
	}
	ks->copied = true;
	ks->done_el = THEME_STATUS_OK;
	snprintf(ks->done, sizeof(ks->done), "Copied: %s.", why);
	tui_status(t, STATUS_OK, "The API key: %s", why);
}

static void keyshown_clear_done(struct tui *t, void *ctx)
{
	char why[160];

	(void)ctx;
	if (clip_clear(why, sizeof(why)) < 0)
		tui_status(t, STATUS_ERROR, "Cannot empty the clipboard: %s",
			   why);
	else
		tui_status(t, STATUS_OK, "Clipboard: %s", why);
}

/*
 * The key is saved: repaint every cell and offer to empty the clipboard.
 * XXX: curses copied the key's characters into its own cells and output
 * buffer; the repaint overwrites the cells, but nothing can wipe what
 * curses freed or keeps in its buffer.
 */
static void keyshown_saved(struct tui *t, const struct keyshown *ks)
{
	clearok(curscr, TRUE);
	tui_status(t, STATUS_OK, "The key %s is saved; it is not shown again",
		   ks->key->name);
	if (!ks->copied)
		return;
	confirm_open(t,
		     &(struct confirm_spec){
			     .title = "Clipboard",
			     .message = "The key may still be on your "
					"clipboard. Empty the clipboard now?",
			     .yes = "Empty it" },
		     keyshown_clear_done, NULL, NULL);
}

static bool keyshown_key(struct dialog *d, struct tui *t, int key)
{
	struct keyshown *ks = d->state;

	tui_dirty(t);
	ks->warn[0] = '\0';
	switch (key) {
	case 'c':
	case 'C':
		keyshown_copy(t, ks);
		return true;
	case 'y':
	case 'Y':
		keyshown_saved(t, ks);
		return false;
	}
	snprintf(ks->warn, sizeof(ks->warn),
		 "The key cannot be shown again. Copy it (c) or write it "
		 "down, then press y.");
	return true;
}
