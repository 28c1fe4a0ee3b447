/* SPDX-License-Identifier: MIT */
/*
 * orgdeck's entry point: reads the command line and the config, takes over
 * the terminal, runs the console and always gives the terminal back.
 */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "orgdeck/commands.h"
#include "orgdeck/config.h"
#include "orgdeck/credential.h"
#include "orgdeck/log.h"
#include "orgdeck/paths.h"
#include "orgdeck/profile.h"
#include "orgdeck/state.h"
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

	for (;;) {
		c = getopt_long(argc, argv, "", main_longopts, NULL);
		if (c == -1)
			break;
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

/* Everything a run of the console needs besides the console itself. */
struct main_run {
	struct app_options opt;
	struct config cfg;
	struct state state;
	char *state_dir;
	struct profile prof;
	struct credentials *creds;
	struct credential cred;
	const char *cli_server; /* --server, or NULL */
	bool from_profile;	/* false with --server: nothing is stored */
	char org[APP_ID_MAX], project[APP_ID_MAX]; /* open at the end */
	struct script *script; /* lives across profile switches */
};

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

static void main_load(struct main_run *r)
{
	char *path = paths_config_file();

	config_init(&r->cfg);
	state_init(&r->state);
	if (path != NULL && config_load(&r->cfg, path) < 0)
		fprintf(stderr, "orgdeck: cannot read %s: %s\n", path,
			strerror(errno));
	free(path);
	r->state_dir = paths_state_dir();
	if (r->state_dir != NULL)
		state_load(&r->state, r->state_dir);
	main_config(&r->opt, &r->cfg);
}

/* Where to start: the profile's defaults, else what was open last. */
static void main_defaults(struct main_run *r)
{
	const struct state_selection *sel =
		state_selection_find(&r->state, r->prof.name);

	r->opt.default_org = r->prof.default_org;
	r->opt.default_project = r->prof.default_project;
	if (r->opt.default_org == NULL && sel != NULL) {
		r->opt.default_org = sel->org;
		r->opt.default_project = sel->project;
	}
}

/* Finds the token of the profile in the credential stores. */
static int main_token(struct main_run *r)
{
	struct credential_opts co = {
		.use_file = r->cfg.credentials == CONFIG_CREDENTIALS_FILE,
	};
	struct buf why;
	int found = -1;

	buf_init(&why, 1024);
	if (credential_open(&r->creds, &co) < 0)
		buf_printf(&why, "cannot open the credential stores: %s",
			   strerror(errno));
	else
		found = credential_lookup(r->creds, &r->cred, r->prof.name,
					  r->prof.server, &why);
	if (found == 0)
		fprintf(stderr,
			"orgdeck: %s\n  Sign in with: orgdeck login "
			"--profile %s\n",
			why.data ? why.data : "no token", r->prof.name);
	else if (found < 0)
		fprintf(stderr, "orgdeck: %s\n", why.data ? why.data : "");
	buf_release(&why);
	if (found != 1)
		return -1;
	r->opt.token = r->cred.token;
	return 0;
}

/* Picks the server and token: --server with ORGDECK_TOKEN, or a profile
 * (@name, or the usual choice when NULL) and its stored token. */
static int main_resolve(struct main_run *r, const char *name)
{
	struct buf why;
	int result;

	if (r->cli_server != NULL && name == NULL) {
		r->opt.server = r->cli_server;
		r->opt.token = getenv("ORGDECK_TOKEN");
		if (r->opt.token != NULL && *r->opt.token != '\0')
			return 0;
		fprintf(stderr, "orgdeck: --server needs the token in "
				"ORGDECK_TOKEN\n");
		return -1;
	}

	buf_init(&why, 1024);
	result =
		profile_resolve(&r->prof, &r->cfg, &r->state, name, NULL, &why);
	if (result < 0)
		fprintf(stderr, "orgdeck: %s\n", why.data ? why.data : "");
	buf_release(&why);
	if (result < 0)
		return -1;
	if (r->prof.server == NULL && !r->prof.in_config) {
		r->opt.signin = true; /* a first run: the sign-in screen */
		r->opt.profile = r->prof.name;
		return 0;
	}
	if (r->prof.server == NULL) {
		fprintf(stderr,
			"orgdeck: profile %s has no server: run "
			"orgdeck login --profile %s --server URL, or "
			"give --server\n",
			r->prof.name, r->prof.name);
		return -1;
	}

	r->from_profile = true;
	r->opt.profile = r->prof.name;
	r->opt.server = r->prof.server;
	r->opt.ca_file = r->prof.ca_file;
	main_defaults(r);
	return main_token(r);
}

/* Forgets the profile and token of the last run. */
static void main_unresolve(struct main_run *r)
{
	credential_release(&r->cred);
	credential_close(&r->creds);
	profile_release(&r->prof);
	r->opt.token = NULL;
	r->opt.server = NULL;
	r->opt.profile = NULL;
}

/* Remembers the profile and what was open, for the next run. */
static void main_save_state(struct main_run *r)
{
	if (!r->from_profile || r->state_dir == NULL)
		return;
	state_set_last_profile(&r->state, r->prof.name);
	state_set_selection(&r->state, r->prof.name, r->org[0] ? r->org : NULL,
			    r->project[0] ? r->project : NULL);
	if (state_save(&r->state, r->state_dir) < 0)
		fprintf(stderr, "orgdeck: cannot save %s/state.ini: %s\n",
			r->state_dir, strerror(errno));
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

/* Runs the console once; returns the exit status.  Sets *@next to the
 * profile :profile asked for (caller frees), or NULL. */
static int main_console(struct main_run *r, char **next)
{
	struct term_options to = { .mouse = r->opt.mouse };
	struct tui t;
	char err[256];
	int status = 0;

	*next = NULL;
	if (app_init(&t, &r->opt, err, sizeof(err)) < 0) {
		fprintf(stderr, "orgdeck: %s\n", err);
		return 1;
	}
	t.script = r->script;
	r->script = NULL;
	if (term_init(&to, err, sizeof(err)) < 0) {
		fprintf(stderr, "orgdeck: %s\n", err);
		r->script = t.script;
		t.script = NULL;
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
	snprintf(r->org, sizeof(r->org), "%s", t.org_id);
	snprintf(r->project, sizeof(r->project), "%s", t.project_id);
	*next = t.switch_profile;
	t.switch_profile = NULL;
	r->script = t.script;
	t.script = NULL;
	app_free(&t);
	return status;
}

/* Runs the console until it quits for good, switching profiles on :profile. */
static int main_runs(struct main_run *r)
{
	char *name = r->opt.profile ? strdup(r->opt.profile) : NULL;
	char *next = NULL;
	int status = 1;

	for (;;) {
		if (main_resolve(r, name) < 0)
			break;
		status = main_console(r, &next);
		main_save_state(r);
		main_unresolve(r);
		free(name);
		name = next;
		r->cli_server = NULL; /* a profile switched to has its own */
		if (name == NULL || status != 0)
			break;
	}
	free(name);
	return status;
}

static void main_release(struct main_run *r)
{
	main_unresolve(r);
	script_free(&r->script);
	state_release(&r->state);
	config_release(&r->cfg);
	free(r->state_dir);
}

int main(int argc, char **argv)
{
	struct main_run r;
	char err[256];
	int status;

	setlocale(LC_ALL, "");
	if (commands_run(argc, argv, &status) == 1)
		return status;
	memset(&r, 0, sizeof(r));
	status = main_parse(&r.opt, argc, argv);
	if (status != 0)
		return status == 1 ? 0 : 2;

	if (credential_harden() < 0)
		fprintf(stderr, "orgdeck: cannot keep secrets out of core "
				"dumps\n");
	atexit(term_shutdown);
	main_load(&r);
	r.cli_server = r.opt.server;
	r.opt.script = getenv("ORGDECK_SCRIPT");
	if (r.opt.script != NULL &&
	    script_load(&r.script, r.opt.script, err, sizeof(err)) < 0) {
		fprintf(stderr, "orgdeck: %s\n", err);
		main_release(&r);
		return 1;
	}
	main_theme(&r.opt);
	main_log(&r.opt, &r.cfg);
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		fprintf(stderr, "orgdeck: cannot initialise libraries\n");
		main_release(&r);
		return 1;
	}

	status = main_runs(&r);
	curl_global_cleanup();
	log_close();
	main_release(&r);
	return status;
}
