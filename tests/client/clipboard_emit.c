/* SPDX-License-Identifier: MIT */
/*
 * Test helper: writes the OSC 52 sequence for argv[1] to its terminal, as
 * the console would, wrapped for whatever multiplexer it runs in.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "orgdeck/buf.h"
#include "orgdeck/clipboard.h"

int main(int argc, char **argv)
{
	struct buf out;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: clipboard_emit TEXT\n");
		return 2;
	}

	buf_init(&out, 1 << 20);
	if (clipboard_osc52(&out, argv[1], strlen(argv[1]), NULL,
			    clipboard_wrap_detect()) == 0 &&
	    write(STDOUT_FILENO, out.data, out.len) == (ssize_t)out.len)
		rc = 0;
	buf_release(&out);
	return rc;
}
