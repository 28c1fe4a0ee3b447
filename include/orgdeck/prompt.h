/* SPDX-License-Identifier: MIT */
/*
 * Reading a secret line (a token, a passphrase) from the person at the
 * keyboard without showing it, or from a pipe for scripts.  Only for the
 * command-line commands: the full-screen console has its own dialogs.
 */
#ifndef ORGDECK_PROMPT_H
#define ORGDECK_PROMPT_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Reads one line from @fd into @out (@size bytes, always NUL-terminated,
 * without the line break).  When @fd is a terminal, @question is written to
 * it first and echo is off while typing; an interrupt (Ctrl-C) restores the
 * terminal and fails with ECANCELED.  When @fd is not a terminal, exactly
 * one line is read, so that a second call reads the next one.
 *
 * @out belongs to the caller, who should give locked memory
 * (sodium_malloc) and wipe it after use.  Returns the length, or -1 with
 * errno set: ENODATA at end of input with nothing read, E2BIG when the line
 * does not fit (the rest of it is consumed and @out wiped), ECANCELED.
 */
ssize_t prompt_secret(char *out, size_t size, const char *question, int fd);

/*
 * Opens the controlling terminal for prompting (read and write).  Returns
 * a descriptor the caller closes, or -1 when the process has none.
 */
int prompt_open_tty(void);

#endif
