/* SPDX-License-Identifier: MIT */
/*
 * Putting a secret (a new API key, an invitation code) on the clipboard of
 * the person at the keyboard, who is often on SSH.
 *
 * Locally on a graphical desktop the text goes to wl-copy, xclip or xsel
 * on standard input, never on a command line.  Otherwise the terminal is
 * asked with an OSC 52 sequence, built here but written by the caller (the
 * console writes it with its own output, in order with curses), wrapped
 * for tmux or GNU screen when running inside one.  Whether the terminal
 * obeys cannot be known, and the result says so.
 *
 * No curses here: the caller passes the terminfo "Ms" capability (from
 * tigetstr) when the terminal has one, or NULL.
 */
#ifndef ORGDECK_CLIPBOARD_H
#define ORGDECK_CLIPBOARD_H

#include <stddef.h>

#include "orgdeck/buf.h"

/* Base64 text per DCS string inside GNU screen, which limits their size. */
#define CLIPBOARD_SCREEN_CHUNK 76

enum clipboard_wrap {
	CLIPBOARD_WRAP_NONE = 0, /* straight to the terminal */
	CLIPBOARD_WRAP_TMUX,	 /* inside tmux ($TMUX) */
	CLIPBOARD_WRAP_SCREEN,	 /* inside GNU screen ($STY) */
};

enum clipboard_method {
	CLIPBOARD_FAILED = 0,
	CLIPBOARD_TERMINAL, /* OSC 52 bytes for the caller to write */
	CLIPBOARD_TOOL,	    /* a local clipboard program took it */
};

struct clipboard_result {
	enum clipboard_method method;
	const char *tool; /* "wl-copy", "xclip" or "xsel" for TOOL; static */
	/* For TERMINAL: the bytes to write to the terminal, unchanged.  They
	 * encode the secret: clipboard_result_release() wipes them. */
	struct buf osc;
	char message[128]; /* what was done, in words, for the status line */
};

/* Which multiplexer the process runs in, from $TMUX and $STY. */
enum clipboard_wrap clipboard_wrap_detect(void);

/*
 * Appends to @out the OSC 52 sequence that sets the clipboard to @len bytes
 * of @data, wrapped for @wrap.  @ms, the terminfo Ms string ("ESC ] 52 ;
 * %p1%s ; %p2%s BEL" with the escape already a byte), shapes the sequence
 * when given and it uses only %p1%s, %p2%s and %%; otherwise the standard
 * form is used.  Inside tmux the plain sequence (for tmux's own clipboard,
 * with set-clipboard on) is followed by a passthrough copy (for the outer
 * terminal, with allow-passthrough on).  @len 0 asks to clear the
 * clipboard.  Returns 0, or -1 with errno set.
 */
int clipboard_osc52(struct buf *out, const void *data, size_t len,
		    const char *ms, enum clipboard_wrap wrap);

/*
 * Copies @len bytes of @data: with a local tool when the session is local
 * and graphical ($WAYLAND_DISPLAY or $DISPLAY, and neither $SSH_CONNECTION
 * nor $SSH_TTY) and one is installed, else as OSC 52 bytes in @res->osc.
 * @res is the caller's, to release with clipboard_result_release() in
 * every case.  Returns 0, or -1 with @res->message saying why.
 */
int clipboard_copy(struct clipboard_result *res, const void *data, size_t len,
		   const char *ms);

/* Empties the clipboard the same way.  Returns as clipboard_copy(). */
int clipboard_clear(struct clipboard_result *res, const char *ms);

/* Wipes and frees what @res holds. */
void clipboard_result_release(struct clipboard_result *res);

#endif
