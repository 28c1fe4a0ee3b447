/* SPDX-License-Identifier: MIT */
/*
 * The terminal: taking it over for curses and always giving it back.
 *
 * term_shutdown() is the one way out.  It is idempotent and runs on every
 * exit path: a normal quit, SIGINT, SIGTERM and SIGHUP (the handlers only
 * set a flag the loop reads), and a crash (SIGSEGV, SIGBUS, SIGABRT, SIGFPE,
 * SIGILL), where an async-signal-safe subset restores the terminal before
 * the signal is raised again.
 */
#ifndef ORGDECK_TUI_TERM_H
#define ORGDECK_TUI_TERM_H

#include <stdbool.h>
#include <stddef.h>

/* Signals the loop must act on, as returned by term_signals(). */
#define TERM_SIG_QUIT	0x1 /* SIGINT, SIGTERM or SIGHUP: leave */
#define TERM_SIG_RESIZE 0x2 /* SIGWINCH */

struct term_options {
	bool mouse;
};

/*
 * Takes over the terminal on standard input and output.  Returns 0, or -1
 * with a reason in @err (not a terminal, unknown TERM); nothing is left
 * changed on failure.
 */
int term_init(const struct term_options *opt, char *err, size_t errlen);

/* Gives the terminal back.  Safe to call any number of times. */
void term_shutdown(void);

/* A descriptor that becomes readable when a signal arrived, for poll(). */
int term_signal_fd(void);

/* Returns and clears the TERM_SIG_* bits that arrived. */
int term_signals(void);

/* Reads the terminal's size and tells curses; call on TERM_SIG_RESIZE. */
void term_resize(void);

#endif
