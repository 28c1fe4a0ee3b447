/* SPDX-License-Identifier: MIT */
/*
 * Copying to the clipboard from inside the curses screen: the client's
 * clipboard module decides how (a local tool, or OSC 52), and an OSC 52
 * sequence is written here, after curses has flushed, so that it reaches
 * the terminal in order with what curses drew.
 */
#include "clip.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "orgdeck/clipboard.h"

/* The terminal's own clipboard capability, when terminfo has one. */
static const char *clip_ms(void)
{
	const char *ms = tigetstr("Ms");

	return ms == NULL || ms == (char *)-1 ? NULL : ms;
}

static int clip_write(const struct buf *osc)
{
	size_t done = 0;

	fflush(stdout);
	while (done < osc->len) {
		ssize_t n =
			write(STDOUT_FILENO, osc->data + done, osc->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

int clip_copy(const char *text, char *why, size_t whylen)
{
	struct clipboard_result res;
	int result = -1;

	memset(&res, 0, sizeof(res));
	if (clipboard_copy(&res, text, strlen(text), clip_ms()) < 0) {
		snprintf(why, whylen, "%s", res.message);
		goto out;
	}
	if (res.method == CLIPBOARD_TERMINAL && clip_write(&res.osc) < 0) {
		snprintf(why, whylen, "cannot write to the terminal");
		goto out;
	}
	snprintf(why, whylen, "%s", res.message);
	result = 0;
out:
	clipboard_result_release(&res);
	return result;
}

/* Empties the clipboard, for the shown-once dialog of keyshown.c. */
int clip_clear(char *why, size_t whylen)
{
	struct clipboard_result res;
	int result = -1;

	if (clipboard_clear(&res, clip_ms()) < 0)
		snprintf(why, whylen, "%s", res.message);
	else if (res.method == CLIPBOARD_TERMINAL && clip_write(&res.osc) < 0)
		snprintf(why, whylen, "cannot write to the terminal");
	else
		result = 0;
	if (result == 0)
		snprintf(why, whylen, "%s", res.message);
	clipboard_result_release(&res);
	return result;
}
