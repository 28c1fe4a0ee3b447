/* SPDX-License-Identifier: MIT */
/* orgdeckd's entry point: global options, then one command. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <sodium.h>

#include "orgdeck/log.h"
#include "orgdeck/version.h"

#include "cli.h"
#include "db.h"
#include "vault.h"

static void main_usage(FILE *out)
{
	fputs("usage: orgdeckd [--db PATH] init\n"
	      "       orgdeckd [--db PATH] user add EMAIL [--name NAME]\n"
	      "       orgdeckd [--db PATH] serve [--listen HOST:PORT]"
	      " [--ready-file FILE]\n"
	      "                [--threads N] [--tls-cert FILE --tls-key FILE]\n"
	      "                [--rate-limit N] [--max-body BYTES]\n"
	      "       orgdeckd [--db PATH] seed-demo [--tokens-file FILE]\n"
	      "       orgdeckd --version | --help\n"
	      "\n"
	      "The reference server for the orgdeck management API.\n"
	      "--db defaults to $XDG_DATA_HOME/orgdeckd/orgdeckd.db; the\n"
	      "server key orgdeckd.key lives beside it.  See orgdeckd(8).\n",
	      out);
}

/* No core files: the process holds keys, tokens and secret values. */
static void main_harden(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* Makes every missing directory above @path, mode 0700. */
static int main_mkdirs(const char *path)
{
	char dir[PATH_MAX];
	char *p;

	snprintf(dir, sizeof(dir), "%s", path);
	p = strrchr(dir, '/');
	if (p == NULL || p == dir)
		return 0;
	*p = '\0';

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(dir, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

/* `init`: the database with its schema, and the server key. */
static int main_init(const struct cli *cli)
{
	int ret = 1;

	if (main_mkdirs(cli->db) < 0) {
		log_error("cannot make the folder of %s: %s", cli->db,
			  strerror(errno));
		return 1;
	}
	if (vault_create(cli->key) < 0 && errno != EEXIST) {
		log_error("cannot write %s: %s", cli->key, strerror(errno));
		return 1;
	}
	if (cli_open(cli, true) == 0) {
		fprintf(stderr, "orgdeckd: database %s ready, key %s\n",
			cli->db, cli->key);
		ret = 0;
	}
	cli_close();
	return ret;
}

/* Runs the command at argv[0]. */
static int main_command(const struct cli *cli, int argc, char **argv)
{
	if (strcmp(argv[0], "init") == 0 && argc == 1)
		return main_init(cli);
	if (strcmp(argv[0], "user") == 0)
		return users_main(cli, argc, argv);
	if (strcmp(argv[0], "serve") == 0)
		return serve_main(cli, argc, argv);
	if (strcmp(argv[0], "seed-demo") == 0)
		return seed_main(cli, argc, argv);

	main_usage(stderr);
	return 2;
}

int main(int argc, char **argv)
{
	const char *db = NULL;
	struct cli cli;
	int i = 1;

	main_harden();
	log_set_stream(stderr, LOG_LEVEL_INFO);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			printf("orgdeckd %s\n", ORGDECK_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "--help") == 0) {
			main_usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--db=", 5) == 0) {
			db = argv[i] + 5;
			continue;
		}
		break;
	}

	if (i >= argc || argv[i][0] == '-') {
		main_usage(stderr);
		return 2;
	}
	if (sodium_init() < 0 || cli_paths(&cli, db) < 0)
		return 1;
	return main_command(&cli, argc - i, argv + i);
}
