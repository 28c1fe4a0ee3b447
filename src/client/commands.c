/* SPDX-License-Identifier: MIT */
/*
 * orgdeck info, login, logout and profiles: the command-line side of
 * profiles and credentials.
 */
#include "orgdeck/commands.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "orgdeck/api.h"
#include "orgdeck/config.h"
#include "orgdeck/credential.h"
#include "orgdeck/credfile.h"
#include "orgdeck/log.h"
#include "orgdeck/paths.h"
#include "orgdeck/profile.h"
#include "orgdeck/prompt.h"
#include "orgdeck/state.h"
#include "orgdeck/token.h"
#include "orgdeck/version.h"

/* Room for a pasted token with stray spaces around it. */
#define COMMANDS_INPUT_SIZE 256
/* Room for one line of text from the server, made safe to print. */
#define COMMANDS_LINE 512

/* What one command run works with. */
struct commands_ctx {
	const char *command;
	const char *profile_opt;
	const char *server_opt;
	const char *name_opt;
	bool file_opt;
	struct config cfg;
	char *cfg_path;
	char *state_dir;
	struct state state;
	struct profile prof;
	struct credentials *creds;
	struct buf why;
};

struct commands_entry {
	const char *name;
	int (*run)(struct commands_ctx *ctx);
	const char *usage;
};

enum {
	COMMANDS_OPT_PROFILE = 1000,
	COMMANDS_OPT_SERVER,
	COMMANDS_OPT_FILE,
	COMMANDS_OPT_NAME,
	COMMANDS_OPT_HELP,
};

static const struct option commands_longopts[] = {
	{ "profile", required_argument, NULL, COMMANDS_OPT_PROFILE },
	{ "server", required_argument, NULL, COMMANDS_OPT_SERVER },
	{ "credentials-file", no_argument, NULL, COMMANDS_OPT_FILE },
	{ "name", required_argument, NULL, COMMANDS_OPT_NAME },
	{ "help", no_argument, NULL, COMMANDS_OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

/* Prints "orgdeck: " and the message, with @why's text when it has any. */
__attribute__((format(printf, 2, 3))) static void
commands_fail(struct commands_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fputs("orgdeck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (ctx->why.len > 0)
		fprintf(stderr, ": %s", ctx->why.data);
	fputc('\n', stderr);
	buf_reset(&ctx->why);
}

/* Text from the server or the user's files, made safe for a terminal. */
static const char *commands_safe(char *out, size_t size, const char *text)
{
	log_scrub(out, size, text ? text : "");
	return out;
}

/* Takes one option.  Returns 0, -1 for --help, or 2 for a bad option. */
static int commands_option(struct commands_ctx *ctx, int c)
{
	switch (c) {
	case COMMANDS_OPT_PROFILE:
		ctx->profile_opt = optarg;
		return 0;
	case COMMANDS_OPT_SERVER:
		ctx->server_opt = optarg;
		return 0;
	case COMMANDS_OPT_FILE:
		ctx->file_opt = true;
		return 0;
	case COMMANDS_OPT_NAME:
		ctx->name_opt = optarg;
		return 0;
	case COMMANDS_OPT_HELP:
		return -1;
	default:
		return 2;
	}
}

/*
 * Reads the options after the command name.  Returns 0 to go on, -1 when
 * --help printed the usage, or 2 for a usage error.
 */
static int commands_parse(struct commands_ctx *ctx, int argc, char **argv,
			  const char *usage)
{
	int c, rc = 0;

	optind = 1;
	opterr = 0;
	while (rc == 0) {
		c = getopt_long(argc, argv, "", commands_longopts, NULL);
		if (c == -1)
			break;
		rc = commands_option(ctx, c);
	}
	if (rc == 0 && optind < argc)
		rc = 2;

	if (rc != 0)
		fprintf(rc < 0 ? stdout : stderr, "usage: orgdeck %s %s\n",
			ctx->command, usage);
	return rc;
}

/* Reads config.ini and the state, and picks the profile.  Returns 0 or 1. */
static int commands_load(struct commands_ctx *ctx)
{
	size_t i;

	ctx->cfg_path = paths_config_file();
	ctx->state_dir = paths_state_dir();
	if (ctx->cfg_path == NULL || ctx->state_dir == NULL) {
		commands_fail(ctx, "no place for settings: set HOME or the "
				   "XDG_CONFIG_HOME and XDG_STATE_HOME "
				   "variables");
		return 1;
	}

	if (config_load(&ctx->cfg, ctx->cfg_path) < 0)
		fprintf(stderr, "orgdeck: cannot read %s: %s\n", ctx->cfg_path,
			strerror(errno));
	for (i = 0; i < ctx->cfg.nwarnings; i++)
		fprintf(stderr, "orgdeck: %s\n", ctx->cfg.warnings[i]);
	state_load(&ctx->state, ctx->state_dir);

	if (profile_resolve(&ctx->prof, &ctx->cfg, &ctx->state,
			    ctx->profile_opt, ctx->server_opt, &ctx->why) < 0) {
		commands_fail(ctx, "cannot pick a profile");
		return 1;
	}
	return 0;
}

/* Opens the credential stores as config.ini and the options ask. */
static int commands_open_credentials(struct commands_ctx *ctx)
{
	struct credential_opts opts = {
		.use_file = ctx->file_opt ||
			    ctx->cfg.credentials == CONFIG_CREDENTIALS_FILE,
	};

	if (credential_open(&ctx->creds, &opts) == 0)
		return 0;
	commands_fail(ctx, "cannot set up credentials: %s", strerror(errno));
	return 1;
}

static void commands_release(struct commands_ctx *ctx)
{
	credential_close(&ctx->creds);
	profile_release(&ctx->prof);
	state_release(&ctx->state);
	config_release(&ctx->cfg);
	free(ctx->cfg_path);
	free(ctx->state_dir);
	buf_release(&ctx->why);
}

/* The server of the profile, or NULL after saying how to give one. */
static const char *commands_server(struct commands_ctx *ctx)
{
	if (ctx->prof.server != NULL)
		return ctx->prof.server;
	commands_fail(ctx, "profile %s has no server: give --server URL",
		      ctx->prof.name);
	return NULL;
}

/* The log line of `info`. */
static void commands_info_log(const struct commands_ctx *ctx)
{
	char *fallback;

	if (ctx->cfg.log != NULL) {
		printf("log:              %s (on, from config.ini)\n",
		       ctx->cfg.log);
		return;
	}
	fallback = paths_log_file();
	printf("log:              off (--log or \"log = true\" writes %s)\n",
	       fallback ? fallback : "nowhere: HOME is not set");
	free(fallback);
}

/* The encrypted file's line of `info`. */
static void commands_info_credfile(const struct commands_ctx *ctx)
{
	bool opted = ctx->file_opt ||
		     ctx->cfg.credentials == CONFIG_CREDENTIALS_FILE;
	char *path = paths_credentials_file();
	const char *state;

	if (!opted)
		state = "not used; opt in with \"credentials = file\" or "
			"--credentials-file";
	else if (path != NULL && credfile_exists(path))
		state = "in use";
	else
		state = "in use, not created yet";
	printf("credentials file: %s (%s)\n", path ? path : "(no HOME)", state);
	free(path);
}

static int commands_info(struct commands_ctx *ctx)
{
	enum credential_source source;
	char safe[COMMANDS_LINE];
	struct buf store;

	printf("orgdeck %s\n", ORGDECK_VERSION);
	printf("config:           %s (%s)\n", ctx->cfg_path,
	       ctx->cfg.path ? "read" : "not present");
	printf("state:            %s/state.ini\n", ctx->state_dir);
	commands_info_log(ctx);
	commands_info_credfile(ctx);

	printf("profile:          %s (from %s)\n", ctx->prof.name,
	       ctx->prof.name_from);
	if (ctx->prof.server != NULL)
		printf("server:           %s (from %s)\n",
		       commands_safe(safe, sizeof(safe), ctx->prof.server),
		       ctx->prof.server_from);
	else
		printf("server:           none (give --server URL, or add "
		       "\"server = URL\" to [profile %s])\n",
		       ctx->prof.name);

	buf_init(&store, 8192);
	credential_describe(ctx->creds, &source, ctx->prof.name, &store);
	printf("credentials:      %s\n", store.data ? store.data : "");
	buf_release(&store);
	return 0;
}

/* Reads the token or code, hidden at a terminal, without blanks around. */
static int commands_read_input(struct commands_ctx *ctx, char *text,
			       const char *server)
{
	char question[COMMANDS_LINE + 128], safe[COMMANDS_LINE];
	size_t start, len;

	snprintf(question, sizeof(question),
		 "Token or invitation code for %s (profile %s): ",
		 commands_safe(safe, sizeof(safe), server), ctx->prof.name);
	if (prompt_secret(text, COMMANDS_INPUT_SIZE, question, STDIN_FILENO) <
	    0) {
		commands_fail(ctx, "%s",
			      errno == ECANCELED ? "cancelled"
			      : errno == E2BIG	 ? "that line is too long to "
						   "be a token"
						 : "no token given");
		return 1;
	}

	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		text[--len] = '\0';
	for (start = 0; isspace((unsigned char)text[start]); start++)
		;
	memmove(text, text + start, len - start + 1);
	return 0;
}

/* A client for @server; NULL after saying why. */
static struct api *commands_api(struct commands_ctx *ctx, const char *server)
{
	struct api_options opts = { .base_url = server,
				    .ca_file = ctx->prof.ca_file };
	struct api *api = api_new(&opts);

	if (api == NULL)
		commands_fail(ctx, "cannot talk to %s: %s", server,
			      strerror(errno));
	return api;
}

/* Says why request @res failed, starting with @what. */
static void commands_api_fail(struct commands_ctx *ctx, const char *what,
			      const struct api_result *res)
{
	char line[COMMANDS_LINE];

	if (res == NULL) {
		commands_fail(ctx, "%s: the request could not start (%s)", what,
			      strerror(errno));
		return;
	}
	commands_fail(ctx, "%s: %s", what,
		      api_error_format(&res->error, line, sizeof(line)));
}

/*
 * Accepts the invitation @code.  Copies the personal token of the account
 * it made into @token (TOKEN_SIZE bytes, locked).  Returns 0, or 1.
 */
static int commands_accept(struct commands_ctx *ctx, struct api *api,
			   const char *code, char *token)
{
	struct api_result *res;
	struct model_acceptance *acc;
	char org[COMMANDS_LINE], email[COMMANDS_LINE];
	enum token_kind kind;
	int rc = 1;

	res = api_await(api, api_invitation_accept_code(api, NULL, code,
							ctx->name_opt));
	if (res == NULL || res->error.kind != API_ERR_NONE) {
		commands_api_fail(ctx, "the invitation was not accepted", res);
		goto out;
	}

	acc = res->object;
	printf("Accepted the invitation to %s as %s.\n",
	       commands_safe(org, sizeof(org), acc->org->name),
	       commands_safe(email, sizeof(email), acc->user.email));
	if (acc->token == NULL || token_check(&kind, acc->token) < 0) {
		commands_fail(ctx, "your account already existed, so no new "
				   "token was made: run `orgdeck login` again "
				   "with your personal token");
		goto out;
	}
	memcpy(token, acc->token, TOKEN_SIZE);
	rc = 0;
out:
	api_result_free(&res);
	return rc;
}

/*
 * Asks GET /v1/me with @token and writes who it acts as into @who.
 * Returns 0, or 1 after saying why (a refused token first of all).
 */
static int commands_whoami(struct commands_ctx *ctx, struct api *api,
			   const char *token, char who[COMMANDS_LINE])
{
	/* Halves, so that "name <email>" always fits in one line. */
	char name[COMMANDS_LINE / 2 - 8], email[COMMANDS_LINE / 2 - 8];
	struct api_result *res = NULL;
	const struct model_me *me;
	int rc = 1;

	if (api_set_token(api, token) == 0)
		res = api_await(api, api_me(api, NULL));
	if (res == NULL || res->error.kind != API_ERR_NONE) {
		commands_api_fail(ctx,
				  res && res->status == 401
					  ? "the server refused the token"
					  : "could not check the token",
				  res);
		goto out;
	}

	me = res->object;
	if (me->is_key && me->key != NULL)
		snprintf(who, COMMANDS_LINE, "API key \"%s\" (%s)",
			 commands_safe(name, sizeof(name), me->key->name),
			 role_label(me->key->role));
	else
		snprintf(who, COMMANDS_LINE, "%s <%s>",
			 commands_safe(name, sizeof(name), me->user.name),
			 commands_safe(email, sizeof(email), me->user.email));
	rc = 0;
out:
	api_result_free(&res);
	return rc;
}

/*
 * Stores @token.  After accepting an invitation the token exists nowhere
 * else, so if it cannot be stored it is shown, once, rather than lost.
 *
 * XXX: that one showing puts a secret in the terminal's scrollback; it is
 * the lesser harm next to an account nobody can log in to.
 */
static int commands_store(struct commands_ctx *ctx, const char *server,
			  const char *token, bool fresh,
			  enum credential_source *where)
{
	if (credential_save(ctx->creds, where, ctx->prof.name, server, token,
			    &ctx->why) == 0)
		return 0;

	commands_fail(ctx, "the token was not stored");
	if (fresh)
		printf("Your new personal token, shown this once so that it "
		       "is not lost; keep it safe:\n%s\n",
		       token);
	return 1;
}

/* Whether config.ini names a server for the profile other than @server. */
static bool commands_other_server(const struct commands_ctx *ctx,
				  const char *server)
{
	const struct config_profile *p;

	p = config_profile_find(&ctx->cfg, ctx->prof.name);
	return p != NULL && p->server != NULL && strcmp(p->server, server) != 0;
}

/* Adds a new profile to config.ini and remembers it as the last used. */
static void commands_remember(struct commands_ctx *ctx, const char *server)
{
	struct config_profile section = { .name = ctx->prof.name,
					  .server = (char *)server };

	if (!ctx->prof.in_config) {
		if (config_profile_append(ctx->cfg_path, &section) == 0)
			printf("Added [profile %s] to %s.\n", ctx->prof.name,
			       ctx->cfg_path);
		else
			fprintf(stderr,
				"orgdeck: could not add the profile "
				"to %s: %s\n",
				ctx->cfg_path, strerror(errno));
	} else if (commands_other_server(ctx, server)) {
		printf("Note: config.ini gives profile %s another server; "
		       "this token is kept for %s only.\n",
		       ctx->prof.name, server);
	}

	if (state_set_last_profile(&ctx->state, ctx->prof.name) < 0 ||
	    state_save(&ctx->state, ctx->state_dir) < 0)
		fprintf(stderr,
			"orgdeck: could not save the state in %s: "
			"%s\n",
			ctx->state_dir, strerror(errno));
}

/* Warns when the environment will override the token just handled. */
static void commands_env_note(const struct commands_ctx *ctx)
{
	char name[CREDENTIAL_ENV_NAME_SIZE];
	const char *value = NULL;

	if (credential_env_name(name, ctx->prof.name) == 0)
		value = getenv(name);
	if (value == NULL || *value == '\0') {
		strcpy(name, "ORGDECK_TOKEN");
		value = getenv(name);
	}
	if (value != NULL && *value != '\0')
		printf("Note: %s is set; while it is, it wins over the "
		       "stored token.\n",
		       name);
}

/* Turns the text typed into a checked personal token or key in @token. */
static int commands_login_token(struct commands_ctx *ctx, struct api *api,
				const char *input, char *token, bool *fresh)
{
	enum token_kind kind;

	*fresh = false;
	if (token_check(&kind, input) < 0) {
		commands_fail(ctx, "that is not an orgdeck token or invitation "
				   "code (mistyped, or cut short?); nothing "
				   "was sent");
		return 1;
	}
	if (kind != TOKEN_INVITATION) {
		memcpy(token, input, TOKEN_SIZE);
		return 0;
	}
	*fresh = true;
	return commands_accept(ctx, api, input, token);
}

static int commands_login(struct commands_ctx *ctx)
{
	char *input = sodium_malloc(COMMANDS_INPUT_SIZE);
	char *token = sodium_malloc(TOKEN_SIZE);
	const char *server = commands_server(ctx);
	enum credential_source where;
	char who[COMMANDS_LINE] = "";
	struct api *api = NULL;
	int rc = 1;
	bool fresh;

	if (input == NULL || token == NULL || server == NULL)
		goto out;
	if (credential_prepare(ctx->creds, &ctx->why) < 0) {
		commands_fail(ctx, "no place to keep a token");
		goto out;
	}
	if (commands_read_input(ctx, input, server) != 0)
		goto out;

	api = commands_api(ctx, server);
	if (api == NULL ||
	    commands_login_token(ctx, api, input, token, &fresh) != 0)
		goto out;

	/* A fresh token is the server's own: store it before anything can
	 * fail.  Anything typed is checked with the server first. */
	if (fresh && commands_store(ctx, server, token, true, &where) != 0)
		goto out;
	if (commands_whoami(ctx, api, token, who) != 0)
		goto out;
	if (!fresh && commands_store(ctx, server, token, false, &where) != 0)
		goto out;

	printf("Logged in to %s as %s; the token is in the %s.\n", server, who,
	       credential_source_name(where));
	commands_remember(ctx, server);
	commands_env_note(ctx);
	rc = 0;
out:
	api_free(&api);
	sodium_free(input);
	sodium_free(token);
	return rc;
}

static int commands_logout(struct commands_ctx *ctx)
{
	const char *server = commands_server(ctx);
	bool removed;

	if (server == NULL)
		return 1;
	if (credential_forget(ctx->creds, &removed, ctx->prof.name, server,
			      &ctx->why) < 0) {
		commands_fail(ctx, "the token could not be removed");
		return 1;
	}

	if (removed)
		printf("Removed the token of profile %s (%s). The token "
		       "itself is not revoked on the server.\n",
		       ctx->prof.name, server);
	else
		printf("No token was stored for profile %s (%s).\n",
		       ctx->prof.name, server);
	commands_env_note(ctx);
	return 0;
}

/* What `profiles` says about the token of @p. */
static const char *commands_token_state(struct commands_ctx *ctx,
					const struct config_profile *p,
					char out[COMMANDS_LINE])
{
	struct credential cred;
	int found;

	if (p->server == NULL)
		return "no server";
	found = credential_lookup(ctx->creds, &cred, p->name, p->server,
				  &ctx->why);
	buf_reset(&ctx->why);
	if (found > 0 && cred.source == CREDENTIAL_ENV)
		snprintf(out, COMMANDS_LINE, "environment (%s)", cred.origin);
	else if (found > 0)
		snprintf(out, COMMANDS_LINE, "%s",
			 credential_source_name(cred.source));
	else
		snprintf(out, COMMANDS_LINE, "%s", found == 0 ? "none" : "?");
	credential_release(&cred);
	return out;
}

static int commands_profiles(struct commands_ctx *ctx)
{
	const char *last = ctx->state.last_profile;
	char state[COMMANDS_LINE], safe[COMMANDS_LINE];
	int width = (int)strlen("PROFILE"), server_width = 40;
	bool usable;
	size_t i;

	if (ctx->cfg.nprofiles == 0) {
		printf("No profiles yet: run `orgdeck login --profile NAME "
		       "--server URL`.\n");
		return 0;
	}
	usable = credential_prepare(ctx->creds, &ctx->why) == 0;
	if (!usable)
		commands_fail(ctx, "the credential store cannot be read, so "
				   "stored tokens show as \"?\"");

	for (i = 0; i < ctx->cfg.nprofiles; i++)
		if ((int)strlen(ctx->cfg.profiles[i].name) > width)
			width = (int)strlen(ctx->cfg.profiles[i].name);
	printf("  %-*s  %-*s  %s\n", width, "PROFILE", server_width, "SERVER",
	       "TOKEN");
	for (i = 0; i < ctx->cfg.nprofiles; i++) {
		const struct config_profile *p = &ctx->cfg.profiles[i];

		printf("%c %-*s  %-*s  %s\n",
		       last && strcmp(last, p->name) == 0 ? '*' : ' ', width,
		       p->name, server_width,
		       commands_safe(safe, sizeof(safe),
				     p->server ? p->server : "-"),
		       commands_token_state(ctx, p, state));
	}
	return 0;
}

static const struct commands_entry commands_table[] = {
	{ "info", commands_info,
	  "[--profile P] [--server URL] [--credentials-file]" },
	{ "login", commands_login,
	  "[--profile P] [--server URL] [--credentials-file] [--name NAME]" },
	{ "logout", commands_logout,
	  "[--profile P] [--server URL] [--credentials-file]" },
	{ "profiles", commands_profiles, "[--credentials-file]" },
};

static const struct commands_entry *commands_find(const char *name)
{
	size_t i, n = sizeof(commands_table) / sizeof(commands_table[0]);

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(name, commands_table[i].name) == 0)
			return &commands_table[i];
	return NULL;
}

/* Runs @entry once the options are read: libraries, files, the work. */
static int commands_execute(struct commands_ctx *ctx,
			    const struct commands_entry *entry)
{
	int rc;

	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		commands_fail(ctx, "cannot initialise libsodium or libcurl");
		return 1;
	}
	rc = commands_load(ctx);
	if (rc == 0)
		rc = commands_open_credentials(ctx);
	if (rc == 0)
		rc = entry->run(ctx);
	curl_global_cleanup();
	return rc;
}

int commands_run(int argc, char **argv, int *exit_code)
{
	const struct commands_entry *entry;
	struct commands_ctx ctx;

	entry = commands_find(argc > 1 ? argv[1] : NULL);
	if (entry == NULL)
		return 0;

	credential_harden();
	memset(&ctx, 0, sizeof(ctx));
	ctx.command = entry->name;
	config_init(&ctx.cfg);
	state_init(&ctx.state);
	buf_init(&ctx.why, 16384);

	*exit_code = commands_parse(&ctx, argc - 1, argv + 1, entry->usage);
	if (*exit_code == 0)
		*exit_code = commands_execute(&ctx, entry);
	if (*exit_code < 0)
		*exit_code = 0;
	commands_release(&ctx);
	return 1;
}
