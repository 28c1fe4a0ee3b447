/* SPDX-License-Identifier: MIT */
/* Paths of the database and the key, and opening them for a command. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgdeck/log.h"

#include "db.h"
#include "vault.h"

/* Writes the default database path into @out. */
static int cli_default_db(char *out, size_t size)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;

	if (data != NULL && data[0] == '/')
		n = snprintf(out, size, "%s/orgdeckd/orgdeckd.db", data);
	else if (home != NULL && home[0] != '\0')
		n = snprintf(out, size, "%s/.local/share/orgdeckd/orgdeckd.db",
			     home);
	else
		return -1;
	return n > 0 && (size_t)n < size ? 0 : -1;
}

int cli_paths(struct cli *cli, const char *db_path)
{
	const char *slash;
	int n;

	if (db_path != NULL)
		n = snprintf(cli->db, sizeof(cli->db), "%s", db_path);
	else
		n = cli_default_db(cli->db, sizeof(cli->db)) == 0 ? 1 : -1;
	if (n < 0 || (size_t)n >= sizeof(cli->db)) {
		fprintf(stderr, "orgdeckd: no database path; use --db PATH\n");
		return -1;
	}

	slash = strrchr(cli->db, '/');
	if (slash == NULL)
		n = snprintf(cli->key, sizeof(cli->key), "orgdeckd.key");
	else
		n = snprintf(cli->key, sizeof(cli->key), "%.*s/orgdeckd.key",
			     (int)(slash - cli->db), cli->db);
	if (n < 0 || (size_t)n >= sizeof(cli->key)) {
		fprintf(stderr, "orgdeckd: database path too long\n");
		return -1;
	}
	return 0;
}

int cli_open(const struct cli *cli, bool create)
{
	if (db_setup(cli->db, create) < 0)
		return -1;
	return vault_load(cli->key);
}

void cli_close(void)
{
	db_close();
	vault_unload();
}

int cli_option(int argc, char **argv, const char *name, const char **value)
{
	const struct option longs[] = {
		{ name, required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 1;
	for (;;) {
		opt = getopt_long(argc, argv, "", longs, NULL);
		if (opt == -1)
			return optind;
		if (opt != 'o')
			return -1;
		*value = optarg;
	}
}
