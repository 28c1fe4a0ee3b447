/* SPDX-License-Identifier: MIT */
/*
 * Managing projects from the Projects pane: creating one (name and
 * description) and opening it, renaming the selected one (sent with
 * If-Match), and deleting it once its name is typed back.  Each function
 * is an action handler (struct action.run); people in a project are the
 * People tab's (people_edit.c, people_role.c).
 */
#ifndef ORGDECK_TUI_PROJECT_EDIT_H
#define ORGDECK_TUI_PROJECT_EDIT_H

#include "tui.h"

void project_edit_create(struct tui *t, const char *arg);
void project_edit_rename(struct tui *t, const char *arg);
void project_edit_delete(struct tui *t, const char *arg);

#endif
