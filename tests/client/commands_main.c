/* SPDX-License-Identifier: MIT */
/*
 * Test helper: a main() that runs only the orgdeck commands, as the
 * console's main() does first, so that they can be tested as a process
 * with its own standard input, output and (no) terminal.
 */
#include <stdio.h>

#include "orgdeck/commands.h"

int main(int argc, char **argv)
{
	int code = 2;

	if (!commands_run(argc, argv, &code)) {
		fprintf(stderr, "orgdeck_commands: not a command\n");
		return 2;
	}
	return code;
}
