/* SPDX-License-Identifier: MIT */
/* The first run's sign-in: a server, a token or a code, then the console. */
#include "signin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/buf.h"
#include "orgdeck/config.h"
#include "orgdeck/credential.h"
#include "orgdeck/paths.h"
#include "orgdeck/state.h"
#include "orgdeck/token.h"

#include "app.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "theme.h"
#include "text.h"

#define SIGNIN_URL_MAX	   256
#define SIGNIN_NAME_MAX	   128
#define SIGNIN_WHY_MAX	   600
#define SIGNIN_PROFILE_MAX 60 /* fits the header's room for it */

/* The form's fields, in order. */
enum signin_field {
	SIGNIN_SERVER = 0,
	SIGNIN_SECRET, /* the token or invitation code */
	SIGNIN_NAME,
	SIGNIN_PROFILE,
	SIGNIN_PASSPHRASE,
};

/* What the form shows again after a failed attempt: nothing secret. */
struct signin_fields {
	struct tui *t;
	enum signin_field focus; /* the field at fault, opened on */
	char server[SIGNIN_URL_MAX];
	char profile[CONFIG_PROFILE_NAME_MAX + 1];
	char name[SIGNIN_NAME_MAX]; /* a new person's, "" for the default */
	bool use_file;		    /* config.ini: credentials = file */
	bool accepted;		    /* the form was sent, not cancelled */
};

/* One attempt, from the form's acceptance to the console or a failure. */
struct signin {
	struct signin_fields f;
	char *secret;	  /* the token or code typed, locked memory */
	char *passphrase; /* the credentials file's, locked, or NULL */
	enum token_kind kind;
	struct credentials *creds;
	struct buf store_why; /* why the token cannot be kept, "" if it can */
	struct dialog *wait;  /* "Signing in", which owns the attempt */
};

static void signin_form(const struct signin_fields *f, const char *error);

/* A copy of @text in locked memory; NULL when out of memory. */
static char *signin_lock(const char *text)
{
	char *copy = sodium_malloc(strlen(text) + 1);

	if (copy != NULL)
		memcpy(copy, text, strlen(text) + 1);
	return copy;
}

static void signin_free(struct signin *si)
{
	if (si == NULL)
		return;
	if (si->secret != NULL)
		sodium_free(si->secret);
	if (si->passphrase != NULL)
		sodium_free(si->passphrase);
	credential_close(&si->creds);
	buf_release(&si->store_why);
	free(si);
}

/* Shows the form again on field @at with @why; ends the attempt. */
static void signin_fail(struct signin *si, enum signin_field at,
			const char *why)
{
	si->f.focus = at;
	signin_form(&si->f, why);
	signin_free(si);
}

/*
 * The field to correct after the server answered @err.  Only orgdeckd's
 * own refusal of what was typed (a 4xx with its error body) blames the
 * token, code or name; no answer, a TLS failure, a server error or an
 * answer from something else blames the address.
 */
static enum signin_field signin_at_fault(const struct api_error *err)
{
	if (err->kind != API_ERR_HTTP || err->code == NULL)
		return SIGNIN_SERVER;
	if (err->status < 400 || err->status >= 500 || err->status == 429)
		return SIGNIN_SERVER;
	if (err->param != NULL && strcmp(err->param, "name") == 0)
		return SIGNIN_NAME;
	return SIGNIN_SECRET;
}

/* The server refused, or could not be asked: the form again, with why. */
static void signin_refused(struct signin *si, const struct api_error *err)
{
	char why[SIGNIN_WHY_MAX];

	api_error_format(err, why, sizeof(why));
	signin_fail(si, signin_at_fault(err), why);
}

/* ---- checks ---- */

static const char *signin_check_url(const char *text)
{
	if (strncmp(text, "https://", 8) != 0 &&
	    strncmp(text, "http://", 7) != 0)
		return "must start with https:// (or http:// on this machine)";
	return strlen(text) >= SIGNIN_URL_MAX ? "is too long" : NULL;
}

static const char *signin_check_token(const char *text)
{
	enum token_kind kind;

	if (token_check(&kind, text) < 0)
		return "is not an orgdeck token or invitation code (odk_...)";
	return NULL;
}

static const char *signin_check_profile(const char *text)
{
	if (!config_profile_name_valid(text))
		return "may hold only letters, digits, '.', '_' and '-'";
	return strlen(text) > SIGNIN_PROFILE_MAX ? "is too long" : NULL;
}

/* ---- keeping the token ---- */

/* Adds the profile to config.ini unless it has a section there. */
static int signin_save_profile(const struct signin_fields *f, struct buf *why)
{
	struct config cfg;
	struct config_profile p = { .name = (char *)f->profile,
				    .server = (char *)f->server };
	char *path = paths_config_file();
	int rc = -1;

	config_init(&cfg);
	if (path == NULL) {
		buf_printf(why, "no place for config.ini (no $HOME)");
		goto out;
	}
	config_load(&cfg, path);
	if (config_profile_find(&cfg, f->profile) != NULL ||
	    config_profile_append(path, &p) == 0)
		rc = 0;
	else
		buf_printf(why, "cannot add the profile to %s", path);
out:
	config_release(&cfg);
	free(path);
	return rc;
}

/* Remembers the profile as the one used last. */
static void signin_save_state(const struct signin_fields *f)
{
	struct state state;
	char *dir = paths_state_dir();

	if (dir == NULL)
		return;
	state_init(&state);
	state_load(&state, dir);
	if (state_set_last_profile(&state, f->profile) == 0)
		state_save(&state, dir);
	state_release(&state);
	free(dir);
}

/* Stores @token and the profile.  Returns 0 and sets *@where, or -1 with
 * the reason in @why. */
static int signin_store(struct signin *si, const char *token,
			enum credential_source *where, struct buf *why)
{
	*where = CREDENTIAL_NONE;
	if (si->creds == NULL || si->store_why.len > 0) {
		buf_puts(why, si->store_why.data ? si->store_why.data
						 : "no credential store");
		return -1;
	}
	if (credential_save(si->creds, where, si->f.profile, si->f.server,
			    token, why) < 0)
		return -1;
	if (signin_save_profile(&si->f, why) < 0)
		return -1;
	signin_save_state(&si->f);
	return 0;
}

/*
 * Opens the stores and checks the one a token would go to now.
 * XXX: the keyring is asked synchronously, here and in signin_store(), so
 * a keyring that is slow to answer freezes the screen for up to its
 * timeout (credential.h has no asynchronous calls).
 */
static void signin_prepare(struct signin *si)
{
	struct credential_opts opts = { .use_file = si->f.use_file,
					.passphrase = si->passphrase };

	if (credential_open(&si->creds, &opts) < 0) {
		buf_puts(&si->store_why, "cannot open the credential stores");
		return;
	}
	credential_prepare(si->creds, &si->store_why);
}

/* ---- the dialog shown while the server answers ---- */

static void signin_wait_draw(struct dialog *d, struct tui *t)
{
	const struct signin *si = d->state;
	struct rect in = dialog_frame(d, 6, dialog_width(64), "Signing in");
	char line[SIGNIN_URL_MAX + 64];

	(void)t;
	snprintf(line, sizeof(line), "%s %s\u2026",
		 si->kind == TOKEN_INVITATION ? "Accepting the invitation at"
					      : "Checking your token with",
		 si->f.server);
	draw_wrap(in.y + 1, in.x + 1, in.w - 2, 2, line,
		  theme_attr(THEME_DIALOG), false);
}

/* Keys wait: the answer decides what comes next. */
static bool signin_wait_key(struct dialog *d, struct tui *t, int key)
{
	(void)d;
	(void)key;
	tui_status(t, STATUS_INFO, "Waiting for the server to answer");
	return true;
}

static void signin_wait_close(struct dialog *d)
{
	signin_free(d->state);
	d->state = NULL;
}

static const struct dialog_ops signin_wait_ops = {
	.draw = signin_wait_draw,
	.key = signin_wait_key,
	.close = signin_wait_close,
};

/* Takes the attempt back from its dialog, which closes. */
static struct signin *signin_answered(struct api_result *res)
{
	struct signin *si = res->user;
	struct dialog *d = si->wait;

	d->state = NULL;
	si->wait = NULL;
	tui_dialog_remove(si->f.t, d);
	return si;
}

/* ---- finishing ---- */

/* Signed in with @token as @who: keeps it and opens the console. */
static void signin_finish(struct signin *si, const char *token, const char *who)
{
	struct tui *t = si->f.t;
	enum credential_source where;
	struct buf why;

	buf_init(&why, 4096);
	snprintf(t->server, sizeof(t->server), "%s", si->f.server);
	snprintf(t->profile, sizeof(t->profile), "%.*s",
		 (int)sizeof(t->profile) - 1, si->f.profile);
	if (signin_store(si, token, &where, &why) == 0)
		tui_status(t, STATUS_OK,
			   "Signed in as %s; the token is kept in the %s "
			   "for profile %s",
			   who, credential_source_name(where), si->f.profile);
	else
		tui_status(t, STATUS_WARN,
			   "Signed in as %s for this run only: %s", who,
			   why.data ? why.data : "");
	buf_release(&why);
	session_start(t);
	signin_free(si);
}

static void signin_checked(struct api_result *res)
{
	struct signin *si = signin_answered(res);
	const struct model_me *me = res->object;

	if (res->error.kind != API_ERR_NONE) {
		signin_refused(si, &res->error);
		return;
	}
	signin_finish(si, si->secret,
		      me->user.name[0] ? me->user.name : me->user.email);
}

static void signin_accepted(struct api_result *res)
{
	struct signin *si = signin_answered(res);
	const struct model_acceptance *acc = res->object;
	char why[SIGNIN_WHY_MAX];

	if (res->error.kind != API_ERR_NONE) {
		signin_refused(si, &res->error);
		return;
	}
	if (acc->token == NULL) {
		snprintf(why, sizeof(why),
			 "You joined %s. You have an account already: sign in "
			 "with your personal token.",
			 acc->org->name);
		signin_fail(si, SIGNIN_SECRET, why);
		return;
	}
	api_set_token(tui_api(si->f.t), acc->token);
	signin_finish(si, acc->token,
		      acc->user.name[0] ? acc->user.name : acc->user.email);
}

/* ---- starting ---- */

/* Makes the console's client for the server typed; false on failure. */
static bool signin_client(struct signin *si)
{
	struct tui *t = si->f.t;
	/* XXX: no CA bundle is asked for, so a server whose certificate a
	 * private authority signed needs `orgdeck login` (or ca_file in a
	 * profile of config.ini) instead of this screen. */
	struct api_options ao = {
		.base_url = si->f.server,
		.token = si->kind == TOKEN_INVITATION ? NULL : si->secret,
	};

	api_free(&t->api);
	t->api = api_new(&ao);
	return t->api != NULL;
}

/* Accepts the code, or checks the token, on the server, with the
 * waiting dialog owning the attempt until the answer.  Not tracked: Esc
 * must not cancel it and leave nothing on the screen. */
static void signin_ask(struct signin *si)
{
	struct api_req req = { .user = si };
	struct tui *t = si->f.t;
	unsigned long id;

	si->wait = dialog_new(&signin_wait_ops, si);
	if (si->wait == NULL) {
		signin_fail(si, SIGNIN_SERVER, "out of memory");
		return;
	}
	if (si->kind == TOKEN_INVITATION) {
		req.done = signin_accepted;
		id = api_invitation_accept_code(t->api, &req, si->secret,
						si->f.name[0] ? si->f.name
							      : NULL);
	} else {
		req.done = signin_checked;
		id = api_me(t->api, &req);
	}
	if (id == 0) {
		free(si->wait);
		si->wait = NULL;
		signin_fail(si, SIGNIN_SERVER, "could not send the request");
		return;
	}
	tui_dialog_push(t, si->wait);
}

/* Takes what the form holds into a new attempt; NULL when out of memory. */
static struct signin *signin_take(const struct signin_fields *fields,
				  const struct form *f)
{
	struct signin *si = calloc(1, sizeof(*si));

	if (si == NULL)
		return NULL;
	si->f = *fields;
	buf_init(&si->store_why, 4096);
	snprintf(si->f.server, sizeof(si->f.server), "%s",
		 form_text(f, SIGNIN_SERVER));
	snprintf(si->f.name, sizeof(si->f.name), "%s",
		 form_text(f, SIGNIN_NAME));
	snprintf(si->f.profile, sizeof(si->f.profile), "%s",
		 form_text(f, SIGNIN_PROFILE));
	si->secret = signin_lock(form_text(f, SIGNIN_SECRET));
	if (si->f.use_file)
		si->passphrase = signin_lock(form_text(f, SIGNIN_PASSPHRASE));
	if (si->secret == NULL || (si->f.use_file && si->passphrase == NULL)) {
		signin_free(si);
		return NULL;
	}
	token_check(&si->kind, si->secret); /* the form checked it */
	return si;
}

static void signin_done(struct tui *t, const struct form *f, void *ctx)
{
	struct signin_fields *fields = ctx;
	struct signin *si = signin_take(fields, f);

	fields->accepted = true;
	if (si == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		tui_quit(t);
		return;
	}
	signin_prepare(si);
	if (si->kind == TOKEN_INVITATION && si->store_why.len > 0) {
		signin_fail(si, SIGNIN_SERVER, si->store_why.data);
		return;
	}
	if (!signin_client(si)) {
		signin_fail(si, SIGNIN_SERVER,
			    "cannot use that server address");
		return;
	}
	signin_ask(si);
}

/* The form closed: when it was cancelled there is nothing to do here. */
static void signin_closed(void *ctx)
{
	struct signin_fields *fields = ctx;

	if (!fields->accepted)
		tui_quit(fields->t);
	free(fields);
}

static void signin_form(const struct signin_fields *f, const char *error)
{
	struct form_field fields[] = {
		[SIGNIN_SERVER] = { .kind = FORM_TEXT,
				    .label = "Server",
				    .value = f->server,
				    .check = signin_check_url },
		[SIGNIN_SECRET] = { .kind = FORM_HIDDEN,
				    .label = "Token or code",
				    .check = signin_check_token },
		[SIGNIN_NAME] = { .kind = FORM_TEXT,
				  .label = "Your name (new)",
				  .value = f->name,
				  .check = text_check_name,
				  .optional = true },
		[SIGNIN_PROFILE] = { .kind = FORM_TEXT,
				     .label = "Profile",
				     .value = f->profile,
				     .check = signin_check_profile },
		[SIGNIN_PASSPHRASE] = { .kind = FORM_HIDDEN,
					.label = "File passphrase" },
	};
	struct signin_fields *copy = malloc(sizeof(*copy));

	if (copy == NULL) {
		tui_quit(f->t);
		return;
	}
	fields[f->focus].focus = true;
	*copy = *f;
	copy->accepted = false;
	form_open(f->t, "Sign in to orgdeck", fields,
		  f->use_file ? SIGNIN_PASSPHRASE + 1 : SIGNIN_PASSPHRASE,
		  error, signin_done, copy, signin_closed);
}

/* Whether config.ini asks for the encrypted credentials file. */
static bool signin_use_file(void)
{
	struct config cfg;
	char *path = paths_config_file();
	bool use_file;

	config_init(&cfg);
	if (path != NULL)
		config_load(&cfg, path);
	use_file = cfg.credentials == CONFIG_CREDENTIALS_FILE;
	config_release(&cfg);
	free(path);
	return use_file;
}

void signin_open(struct tui *t, const char *profile)
{
	struct signin_fields f;

	memset(&f, 0, sizeof(f));
	f.t = t;
	snprintf(f.profile, sizeof(f.profile), "%s",
		 profile != NULL ? profile : "default");
	f.use_file = signin_use_file();
	tui_status(t, STATUS_INFO,
		   "Welcome. Give your server's address, then your personal "
		   "token or an invitation code.");
	signin_form(&f, NULL);
}
