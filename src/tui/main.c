/* SPDX-License-Identifier: MIT */
/*
 * orgdeck's entry point: reads the command line and the config, takes over
 * the terminal, runs the console and always gives the terminal back.
 */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "orgdeck/config.h"
#include "orgdeck/credential.h"
#include "orgdeck/log.h"
#include "orgdeck/paths.h"
#include "orgdeck/version.h"

#include "app.h"
#include "draw.h"
#include "script.h"
#include "term.h"
#include "theme.h"

enum {
	OPT_PROFILE = 1000,
	OPT_SERVER,
	OPT_THEME,
	OPT_ASCII,
	OPT_MOUSE,
	OPT_READONLY,
	OPT_LOG,
	OPT_VERSION,
	OPT_HELP,
};

static const struct option main_longopts[] = {
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "server", required_argument, NULL, OPT_SERVER },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "mouse", no_argument, NULL, OPT_MOUSE },
	{ "readonly", no_argument, NULL, OPT_READONLY },
	{ "log", no_argument, NULL, OPT_LOG },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static void main_usage(FILE *out)
{
	fputs("usage: orgdeck [--profile NAME | --server URL] [--theme NAME]\n"
	      "               [--ascii] [--mouse] [--readonly] [--log]\n"
	      "       orgdeck --version | --help\n"
	      "\n"
	      "A terminal console for organizations and projects.\n"
	      "\n"
	      "  --profile NAME  use the server and credentials of profile "
	      "NAME\n"
	      "  --server URL    use the server at URL with the token in\n"
	      "                  ORGDECK_TOKEN; nothing is stored\n"
	      "  --theme NAME    colours: default, light, high-contrast, mono\n"
	      "  --ascii         draw lines with ASCII characters\n"
	      "  --mouse         let the mouse focus panes and scroll\n"
	      "  --readonly      grey out every change\n"
	      "  --log           log to $XDG_STATE_HOME/orgdeck/orgdeck.log\n"
	      "\n"
	      "Inside, press ? for the keys.  See orgdeck(1).\n",
	      out);
}

/* Returns 0 to go on, 1 to exit with success, 2 on a usage error. */
static int main_parse(struct app_options *opt, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "", main_longopts, NULL)) != -1) {
		switch (c) {
		case OPT_PROFILE:
			opt->profile = optarg;
			break;
		case OPT_SERVER:
			opt->server = optarg;
			break;
		case OPT_THEME:
			opt->theme = optarg;
			break;
		case OPT_ASCII:
			opt->ascii = true;
			break;
		case OPT_MOUSE:
			opt->mouse = true;
			break;
		case OPT_READONLY:
			opt->readonly = true;
			break;
		case OPT_LOG:
			opt->log = true;
			break;
		case OPT_VERSION:
			printf("orgdeck %s\n", ORGDECK_VERSION);
			return 1;
		case OPT_HELP:
			main_usage(stdout);
			return 1;
		default:
			main_usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "orgdeck: unexpected argument \"%s\"\n",
			argv[optind]);
		return 2;
	}
	return 0;
}

/* Takes what the config file says where the command line said nothing. */
static void main_config(struct app_options *opt, const struct config *cfg)
{
	size_t i;

	if (opt->theme == NULL)
		opt->theme = cfg->theme;
	opt->mouse = opt->mouse || cfg->mouse;
	opt->readonly = opt->readonly || cfg->readonly;
	opt->log = opt->log || cfg->log != NULL;
	for (i = 0; i < cfg->nwarnings; i++)
		fprintf(stderr, "orgdeck: %s\n", cfg->warnings[i]);
}

/* Fills the server from the profile unless --server gave one. */
static int main_profile(struct app_options *opt, const struct config *cfg)
{
	const struct config_profile *p;

	if (opt->server != NULL)
		return 0;
	if (opt->profile == NULL) {
		fprintf(stderr, "orgdeck: no server: give --server URL (with "
				"ORGDECK_TOKEN) or --profile NAME\n");
		return -1;
	}
	p = config_profile_find(cfg, opt->profile);
	if (p == NULL || p->server == NULL) {
		fprintf(stderr,
			"orgdeck: no profile \"%s\" with a server in "
			"the config\n",
			opt->profile);
		return -1;
	}
	opt->server = p->server;
	opt->ca_file = p->ca_file;
	opt->default_org = p->default_org;
	opt->default_project = p->default_project;
	return 0;
}

static bool main_utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

static void main_theme(const struct app_options *opt)
{
	const char *no_color = getenv("NO_COLOR");
	char err[256];

	if (theme_load(opt->theme ? opt->theme : "default", err, sizeof(err)) <
		    0 &&
	    opt->theme != NULL)
		fprintf(stderr, "orgdeck: %s; using the default theme\n", err);
	theme_force_mono((no_color != NULL && *no_color != '\0') ||
			 (opt->theme && strcmp(opt->theme, "mono") == 0));
	draw_set_ascii(opt->ascii || !main_utf8_locale());
}

static void main_log(const struct app_options *opt, const struct config *cfg)
{
	char *path;

	if (!opt->log)
		return;
	path = cfg->log != NULL && cfg->log[0] == '/' ? strdup(cfg->log)
						      : paths_log_file();
	if (path == NULL || paths_mkdir_parent(path, 0700) < 0 ||
	    log_open(path, cfg->log_level) < 0)
		fprintf(stderr, "orgdeck: cannot open the log\n");
	free(path);
}

/* Runs the console once; returns the exit status. */
static int main_console(struct app_options *opt)
{
	struct term_options to = { .mouse = opt->mouse };
	struct tui t;
	char err[256];
	int status = 0;

	if (app_init(&t, opt, err, sizeof(err)) < 0) {
		fprintf(stderr, "orgdeck: %s\n", err);
		return 1;
	}
	if (opt->script != NULL &&
	    script_load(&t.script, opt->script, err, sizeof(err)) < 0) {
		fprintf(stderr, "orgdeck: %s\n", err);
		app_free(&t);
		return 1;
	}
	if (term_init(&to, err, sizeof(err)) < 0) {
		fprintf(stderr, "orgdeck: %s\n", err);
		app_free(&t);
		return 1;
	}

	theme_apply();
	if (loop_run(&t) < 0)
		status = 1;
	term_shutdown();

	if (t.script != NULL && script_error(t.script) != NULL)
		fprintf(stderr, "orgdeck: %s\n", script_error(t.script));
	if (t.exit_code != 0)
		status = t.exit_code;
	app_free(&t);
	return status;
}

int main(int argc, char **argv)
{
	struct app_options opt = { 0 };
	struct config cfg;
	char *cfg_path;
	int status;

	setlocale(LC_ALL, "");
	status = main_parse(&opt, argc, argv);
	if (status != 0)
		return status == 1 ? 0 : 2;

	if (credential_harden() < 0)
		fprintf(stderr, "orgdeck: cannot keep secrets out of core "
				"dumps\n");
	atexit(term_shutdown);
	config_init(&cfg);
	cfg_path = paths_config_file();
	if (cfg_path != NULL)
		config_load(&cfg, cfg_path);
	free(cfg_path);
	main_config(&opt, &cfg);
	if (main_profile(&opt, &cfg) < 0) {
		config_release(&cfg);
		return 1;
	}

	opt.script = getenv("ORGDECK_SCRIPT");
	main_theme(&opt);
	main_log(&opt, &cfg);
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		fprintf(stderr, "orgdeck: cannot initialise libraries\n");
		config_release(&cfg);
		return 1;
	}

	status = main_console(&opt);
	curl_global_cleanup();
	log_close();
	config_release(&cfg);
	return status;
}
