/* SPDX-License-Identifier: MIT */
/*
 * Inviting people to the open organization: several emails at once, a
 * role, and optionally roles in some of its projects.  What happened to
 * each address is shown afterwards (invite_result.h).
 */
#ifndef ORGDECK_TUI_INVITE_H
#define ORGDECK_TUI_INVITE_H

#include "tui.h"

/* Opens the invitation form; an action handler (struct action.run). */
void invite_open(struct tui *t, const char *arg);

#endif
