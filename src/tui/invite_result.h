/* SPDX-License-Identifier: MIT */
/*
 * What became of each invited address, with each invitation code shown
 * this once: 'c' copies the selected code.  The codes are marked secret on
 * screen (never in a script dump) and wiped when the dialog closes.
 */
#ifndef ORGDECK_TUI_INVITE_RESULT_H
#define ORGDECK_TUI_INVITE_RESULT_H

#include "tui.h"

/* Shows the answer to a batch invitation; takes @results. */
void invite_result_open_batch(struct tui *t,
			      struct model_invite_results *results);

/* Shows one invitation just resent with its new code; takes @inv. */
void invite_result_open_one(struct tui *t, struct model_invitation *inv);

#endif
