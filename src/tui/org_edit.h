/* SPDX-License-Identifier: MIT */
/*
 * The organization workflows of the Organizations pane: create, rename,
 * transfer ownership (to another Admin, typing the name), delete (typing
 * the name) and leave.  Each is an action handler (struct action.run).
 */
#ifndef ORGDECK_TUI_ORG_EDIT_H
#define ORGDECK_TUI_ORG_EDIT_H

#include "tui.h"

void org_edit_create(struct tui *t, const char *arg);
void org_edit_rename(struct tui *t, const char *arg);
void org_edit_transfer(struct tui *t, const char *arg);
void org_edit_delete(struct tui *t, const char *arg);
void org_edit_leave(struct tui *t, const char *arg);

#endif
