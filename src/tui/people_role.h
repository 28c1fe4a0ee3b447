/* SPDX-License-Identifier: MIT */
/*
 * Changing a person's role in the organization or the project: a picker of
 * roles no higher than one's own, sent with If-Match; when someone changed
 * the person meanwhile (412) the fresh state is shown and the question
 * asked again.
 */
#ifndef ORGDECK_TUI_PEOPLE_ROLE_H
#define ORGDECK_TUI_PEOPLE_ROLE_H

#include "tui.h"

/* Opens the role picker for the selected person; an action handler. */
void people_role_open(struct tui *t, const char *arg);

#endif
