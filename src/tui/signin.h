/* SPDX-License-Identifier: MIT */
/*
 * The sign-in screen of a first run, when no profile names a server: the
 * server's URL, then a personal token or an invitation code (both typed
 * hidden) and, for a code, the name of the new person.  A token is checked
 * with GET /v1/me; a code is accepted, which makes the account and gives
 * its personal token.  The token is then stored (credential.h: the
 * keyring, or the encrypted file when config.ini opts in), the profile is
 * added to config.ini and remembered as the last used, and the console
 * opens as if it had been started with that profile.
 *
 * Before accepting a code, which cannot be undone, the store is checked:
 * a code is never spent on a machine that could not keep its token.  A
 * token that cannot be stored still opens the console for this run, and
 * the status line says why it was not kept.  Esc on the form leaves.
 *
 * The sign-in belongs to the framework's start: it sets up the struct tui
 * the loop runs (its API client, server and profile).  Secrets typed live
 * in locked memory and are wiped once used.
 */
#ifndef ORGDECK_TUI_SIGNIN_H
#define ORGDECK_TUI_SIGNIN_H

#include "tui.h"

/*
 * Opens the sign-in form over the empty console, with @profile (NULL:
 * "default") as the profile to create.  Once it succeeds the console has
 * an API client and the session starts.
 */
void signin_open(struct tui *t, const char *profile);

#endif
