/* SPDX-License-Identifier: MIT */
/*
 * The People tab: the members of the open organization and its pending
 * invitations, or the members of the open project.  The workflows that
 * act on a row (people_role.c, invite.c) reach the rows through here.
 *
 * Pointers returned point into the tab's pages and stay valid until the
 * next key, callback or draw.
 */
#ifndef ORGDECK_TUI_TAB_PEOPLE_H
#define ORGDECK_TUI_TAB_PEOPLE_H

#include <stdbool.h>

#include "tui.h"

/* The row under the cursor; exactly one pointer is set. */
struct people_row {
	const struct model_member *member;	    /* organization scope */
	const struct model_project_member *pmember; /* project scope */
	const struct model_invitation *invitation;
};

/* Fills @out with the selected row.  Returns false when there is none. */
bool tab_people_selected(struct people_row *out);

/* Puts @obj (a MODEL_MEMBER or MODEL_PROJECT_MEMBER) in place of the row
 * with its id, taking it; frees it when there is no such row. */
void tab_people_replace(enum model_type type, void *obj);

/* Reads the rows again (after a change). */
void tab_people_reload(struct tui *t);

/* The name to show for a person: the name, else the email. */
const char *tab_people_name(const struct model_user *u);

#endif
