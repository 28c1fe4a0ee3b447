/* SPDX-License-Identifier: MIT */
/* Invitations to the signed-in person: accept or decline. */
#include "invites_me.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draw.h"
#include "text.h"
#include "theme.h"

#define INVITES_ME_WIDTH 72
#define INVITES_ME_ROWS	 10

struct invites_me_row {
	char id[80];
	char org_id[80];
	char text[300];
	char expires[48];
};

struct invites_me {
	struct invites_me_row *rows;
	size_t n, sel;
};

/* What an accept or decline needs once it answers. */
struct invites_me_req {
	struct tui *t;
	struct invites_me_row row;
};

static void invites_me_draw(struct dialog *d, struct tui *t);
static bool invites_me_key(struct dialog *d, struct tui *t, int key);
static void invites_me_close(struct dialog *d);

static const struct dialog_ops invites_me_ops = {
	.draw = invites_me_draw,
	.key = invites_me_key,
	.close = invites_me_close,
};

static void invites_me_close(struct dialog *d)
{
	struct invites_me *im = d->state;

	free(im->rows);
	free(im);
	d->state = NULL;
}

static void invites_me_fill(struct invites_me_row *row,
			    const struct model_invitation *inv)
{
	char expires[32];

	text_time(expires, inv->expires_at);
	snprintf(row->id, sizeof(row->id), "%s", inv->id);
	snprintf(row->org_id, sizeof(row->org_id), "%s", inv->org_id);
	snprintf(row->text, sizeof(row->text), "%s as %s", inv->org_name,
		 role_label(inv->role));
	snprintf(row->expires, sizeof(row->expires), "expires %s", expires);
}

void invites_me_open(struct tui *t, const char *arg)
{
	const struct model_me *me = tui_me(t);
	struct invites_me *im;
	struct dialog *d;
	size_t i;

	(void)arg;
	if (me == NULL || me->invitation_count == 0) {
		tui_status(t, STATUS_INFO, "No invitation is waiting for you");
		return;
	}
	im = calloc(1, sizeof(*im));
	if (im != NULL)
		im->rows = calloc(me->invitation_count, sizeof(*im->rows));
	d = im != NULL && im->rows != NULL ? dialog_new(&invites_me_ops, im)
					   : NULL;
	if (d == NULL) {
		if (im != NULL)
			free(im->rows);
		free(im);
		tui_status(t, STATUS_ERROR, "out of memory");
		return;
	}
	for (i = 0; i < me->invitation_count; i++)
		invites_me_fill(&im->rows[i], me->invitations[i]);
	im->n = me->invitation_count;
	tui_dialog_push(t, d);
}

static void invites_me_draw(struct dialog *d, struct tui *t)
{
	struct invites_me *im = d->state;
	int rows = im->n < INVITES_ME_ROWS ? (int)im->n : INVITES_ME_ROWS;
	struct rect in =
		dialog_frame(d, rows + 5, dialog_width(INVITES_ME_WIDTH),
			     "Invitations for you");
	size_t top = im->sel >= (size_t)rows ? im->sel - (size_t)rows + 1 : 0;
	int i;

	for (i = 0; i < rows && top + (size_t)i < im->n; i++) {
		size_t r = top + (size_t)i;
		attr_t attr = theme_attr(r == im->sel ? THEME_SELECTED
						      : THEME_NORMAL);

		draw_fill((struct rect){ in.y + 1 + i, in.x + 1, 1, in.w - 2 },
			  attr);
		draw_text(in.y + 1 + i, in.x + 2, in.w / 2, im->rows[r].text,
			  attr);
		draw_text(in.y + 1 + i, in.x + 2 + in.w / 2, in.w / 2 - 4,
			  im->rows[r].expires,
			  attr | (r == im->sel ? 0 : theme_attr(THEME_LABEL)));
		if (r == im->sel)
			tui_cursor(t, in.y + 1 + i, in.x + 1);
	}
	dialog_hint(in, tui_readonly(t) ? "Read-only mode   Esc close"
					: "a accept   d decline   Esc close");
}

static void invites_me_answered(struct api_result *res)
{
	struct invites_me_req *r = res->user;
	bool accepted = res->type == MODEL_ACCEPTANCE;

	if (res->error.kind != API_ERR_NONE)
		tui_api_error(r->t, "answer the invitation", res);
	else if (accepted) {
		tui_status(r->t, STATUS_OK, "Joined: %s", r->row.text);
		tui_open(r->t, r->row.org_id, NULL);
	} else {
		tui_status(r->t, STATUS_OK, "Declined: %s", r->row.text);
		tui_refresh_context(r->t);
	}
	free(r);
}

static void invites_me_answer(struct invites_me *im, struct tui *t, bool accept)
{
	struct invites_me_req *r = calloc(1, sizeof(*r));
	struct api_req req = { .done = invites_me_answered, .user = r };
	unsigned long id;

	if (r == NULL)
		return;
	r->t = t;
	r->row = im->rows[im->sel];
	id = accept ? api_invitation_accept(tui_api(t), &req, r->row.id)
		    : api_invitation_decline(tui_api(t), &req, r->row.id);
	if (tui_track(t, id) == 0)
		free(r);
}

static bool invites_me_key(struct dialog *d, struct tui *t, int key)
{
	struct invites_me *im = d->state;

	tui_dirty(t);
	if (key == TK_ESC || key == 'q')
		return false;
	if ((key == 'j' || key == TK(KEY_DOWN)) && im->sel + 1 < im->n)
		im->sel++;
	if ((key == 'k' || key == TK(KEY_UP)) && im->sel > 0)
		im->sel--;
	if (key != 'a' && key != 'd')
		return true;
	if (tui_readonly(t)) {
		tui_status(t, STATUS_WARN,
			   "Read-only mode: cannot answer invitations");
		return true;
	}
	invites_me_answer(im, t, key == 'a');
	return false;
}
