/* SPDX-License-Identifier: MIT */
/*
 * The commands `orgdeck` runs instead of the console:
 *
 *	orgdeck info      [--profile P] [--server URL] [--credentials-file]
 *	orgdeck login     [--profile P] [--server URL] [--credentials-file]
 *	                  [--name NAME]
 *	orgdeck logout    [--profile P] [--server URL] [--credentials-file]
 *	orgdeck profiles  [--credentials-file]
 *
 * info prints every path orgdeck uses and the credential store it would use
 * and why.  login reads a token, or an invitation code to accept (which
 * makes the account and gives its personal token; --name names the new
 * person), from the terminal without echo or as one line of standard input,
 * checks it against GET /v1/me, stores it, and adds the profile to
 * config.ini when it is new.  logout removes the stored token.  profiles
 * lists the profiles with their server and whether a token is stored.
 *
 * Output goes to standard output, problems to standard error.  Exit codes:
 * 0 done, 1 failed, 2 wrong usage.
 */
#ifndef ORGDECK_COMMANDS_H
#define ORGDECK_COMMANDS_H

/*
 * Runs the command named by @argv[1] when it is one of the above, and sets
 * *@exit_code.  Returns 1 when it ran one, 0 when @argv[1] is none of them
 * (the caller goes on to start the console).  Call it first in main(): it
 * sets up libsodium and libcurl itself and hardens the process
 * (credential_harden()).
 */
int commands_run(int argc, char **argv, int *exit_code);

#endif
