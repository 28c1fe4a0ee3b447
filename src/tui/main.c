/* SPDX-License-Identifier: MIT */
/* orgdeck's entry point: parses the command line and starts the console. */
#include <stdio.h>
#include <string.h>

#include "orgdeck/version.h"

static void main_usage(FILE *out)
{
	fputs("usage: orgdeck [--version] [--help]\n"
	      "\n"
	      "A terminal console for organizations and projects.\n",
	      out);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("orgdeck %s\n", ORGDECK_VERSION);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		main_usage(stdout);
		return 0;
	}

	main_usage(stderr);
	return 2;
}
