/* SPDX-License-Identifier: MIT */
/* `orgdeckd seed-demo`: sample data for demos and console tests. */
#include "cli.h"

#include <stdio.h>

int seed_main(const struct cli *cli, int argc, char **argv)
{
	(void)cli;
	(void)argc;
	(void)argv;
	fprintf(stderr, "orgdeckd: seed-demo is not ready yet\n");
	return 1;
}
