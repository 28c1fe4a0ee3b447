/* SPDX-License-Identifier: MIT */
/*
 * The dialog of invitations addressed to the signed-in person (from
 * /v1/me): accept one to join that organization, or decline it.
 */
#ifndef ORGDECK_TUI_INVITES_ME_H
#define ORGDECK_TUI_INVITES_ME_H

#include "tui.h"

/* Opens the dialog; an action handler (struct action.run). */
void invites_me_open(struct tui *t, const char *arg);

#endif
