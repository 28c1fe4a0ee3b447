/* SPDX-License-Identifier: MIT */
/*
 * Script mode, for tests: ORGDECK_SCRIPT names a file of commands that
 * stand in for the keyboard, one per line:
 *
 *   key NAME...   presses keys: a character, or Enter, Esc, Tab, S-Tab,
 *                 Space, Backspace, Delete, Up, Down, Left, Right, Home,
 *                 End, PgUp, PgDn, F1-F12, C-x
 *   keynow NAME...  presses keys without waiting for requests in flight
 *                 (to test Esc, which cancels them)
 *   type TEXT     types TEXT, one character at a time
 *   wait          waits until no request is in flight
 *   await PATH    waits until the file PATH exists (another process's go)
 *   dump PATH     writes the screen with attributes (dump.h)
 *   # ...         a comment; blank lines are skipped
 *
 * Every command but keynow waits first until no request is in flight, so a key
 * is never pressed while an answer is on its way.  At the end the console
 * quits.  struct script owns its lines.
 */
#ifndef ORGDECK_TUI_SCRIPT_H
#define ORGDECK_TUI_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

/* How long "await" waits for its file before the script fails. */
#define SCRIPT_AWAIT_SECONDS 60

struct script;

/* Reads @path.  Returns 0, or -1 with a reason in @err. */
int script_load(struct script **out, const char *path, char *err,
		size_t errlen);

/* Frees *@s and sets it to NULL. */
void script_free(struct script **s);

/*
 * Runs the next step when the console is idle: one key, or one other
 * command.  Returns 1 when it ran one, 0 when it is waiting, and -1 when
 * the script is over (ended, or failed: see script_error()).
 */
int script_step(struct script *s, struct tui *t);

/* Milliseconds until script_step() should be tried again (-1: no wish). */
int script_timeout(const struct script *s);

/* Why the script failed, or NULL when it did not. */
const char *script_error(const struct script *s);

/* Parses a key name as in "key NAME".  Returns the key or TK_NONE. */
int script_key_parse(const char *name);

#endif
