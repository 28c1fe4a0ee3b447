/* SPDX-License-Identifier: MIT */
/*
 * What the commands share: where the database and the server key live, and
 * opening both.  Each command is a function taking the command's own
 * argv (argv[0] is the command's name) and returning an exit status.
 */
#ifndef ORGDECKD_CLI_H
#define ORGDECKD_CLI_H

#include <limits.h>
#include <stdbool.h>

struct cli {
	char db[PATH_MAX];  /* the SQLite database */
	char key[PATH_MAX]; /* orgdeckd.key beside it */
};

/*
 * Fills @cli from --db @db_path, or the default under $XDG_DATA_HOME (or
 * ~/.local/share).  Returns 0, or -1 after printing why.
 */
int cli_paths(struct cli *cli, const char *db_path);

/*
 * Opens the database (creating it when @create) and loads the server key.
 * Returns 0, or -1 after logging why.
 */
int cli_open(const struct cli *cli, bool create);

/* Closes what cli_open() opened. */
void cli_close(void);

/*
 * Reads a command's argv that takes one option, --@name VALUE (which
 * points *@value into @argv; the last one given wins).  Returns the index
 * of the first operand, or -1 on any other option (getopt says which).
 */
int cli_option(int argc, char **argv, const char *name, const char **value);

/* The commands (init lives in main.c, the others in their own files). */
int serve_main(const struct cli *cli, int argc, char **argv);
int users_main(const struct cli *cli, int argc, char **argv);
int seed_main(const struct cli *cli, int argc, char **argv);

#endif
