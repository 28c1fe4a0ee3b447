/* SPDX-License-Identifier: MIT */
/*
 * The smaller People workflows: removing a person (after confirmation),
 * resending or revoking an invitation, and adding someone to the open
 * project.  Each is an action handler (struct action.run).
 */
#ifndef ORGDECK_TUI_PEOPLE_EDIT_H
#define ORGDECK_TUI_PEOPLE_EDIT_H

#include "tui.h"

void people_edit_remove(struct tui *t, const char *arg);
void people_edit_resend(struct tui *t, const char *arg);
void people_edit_revoke(struct tui *t, const char *arg);
void people_edit_add(struct tui *t, const char *arg);

#endif
