/* SPDX-License-Identifier: MIT */
/* orgdeckd's entry point: parses the command line and runs a command. */
#include <stdio.h>
#include <string.h>

#include "orgdeck/version.h"

static void main_usage(FILE *out)
{
	fputs("usage: orgdeckd [--version] [--help]\n"
	      "\n"
	      "The reference server for the orgdeck management API.\n",
	      out);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("orgdeckd %s\n", ORGDECK_VERSION);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		main_usage(stdout);
		return 0;
	}

	main_usage(stderr);
	return 2;
}
