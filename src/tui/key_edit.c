/* SPDX-License-Identifier: MIT */
/* Creating, renaming, rotating and revoking API keys. */
#include "key_edit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confirm.h"
#include "form.h"
#include "keyshown.h"
#include "tab_keys.h"
#include "text.h"

#define KEY_EDIT_ID_MAX	  80
#define KEY_EDIT_TEXT_MAX 256
#define KEY_EDIT_DAYS_MAX 3650
#define KEY_EDIT_DAY	  86400L

static const char *const key_edit_graces[] = {
	"stops working now",
	"works one more hour",
	"works one more day",
	"works seven more days",
};
static const long key_edit_grace_of[] = { 0, 3600, KEY_EDIT_DAY,
					  7 * KEY_EDIT_DAY };

#define KEY_EDIT_GRACES (sizeof(key_edit_graces) / sizeof(*key_edit_graces))

/* What a workflow acts on, copied so that it outlives the list. */
struct key_edit {
	struct tui *t;
	enum scope scope;
	char parent[KEY_EDIT_ID_MAX]; /* org or project id */
	char id[KEY_EDIT_ID_MAX];     /* the key acted on, "" to create */
	char etag[128];
	char name[KEY_EDIT_TEXT_MAX];
	char redacted[32];
	char expiry[32]; /* as typed, to show the form again */
	size_t role;	 /* in role_assignable */
};

static struct key_edit *key_edit_new(struct tui *t)
{
	struct key_edit *ke = calloc(1, sizeof(*ke));
	const struct model_project *prj = tui_project(t);

	if (ke == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return NULL;
	}
	ke->t = t;
	ke->scope = prj != NULL ? SCOPE_PROJECT : SCOPE_ORG;
	snprintf(ke->parent, sizeof(ke->parent), "%s",
		 prj != NULL ? prj->id : tui_org(t)->id);
	return ke;
}

static struct key_edit *key_edit_clone(const struct key_edit *ke)
{
	struct key_edit *copy = malloc(sizeof(*copy));

	if (copy != NULL)
		*copy = *ke;
	return copy;
}

/* Copies the selected key; NULL (and says why) when there is none or it
 * no longer works and @live is asked for. */
static struct key_edit *key_edit_selected(struct tui *t, const char *doing,
					  bool live)
{
	const struct model_key *k = tab_keys_selected();
	struct key_edit *ke;

	if (k == NULL) {
		tui_status(t, STATUS_WARN, "Select a key to %s", doing);
		return NULL;
	}
	if (live && k->status != MODEL_KEY_ACTIVE) {
		tui_status(t, STATUS_WARN, "The key %s is %s already", k->name,
			   model_key_status_name(k->status));
		return NULL;
	}
	ke = key_edit_new(t);
	if (ke == NULL)
		return NULL;
	snprintf(ke->id, sizeof(ke->id), "%s", k->id);
	snprintf(ke->etag, sizeof(ke->etag), "%s", k->etag);
	snprintf(ke->name, sizeof(ke->name), "%s", k->name);
	snprintf(ke->redacted, sizeof(ke->redacted), "%s", k->redacted);
	return ke;
}

/* True when the server refused what was typed, so the form should come
 * back with the reason rather than the status line alone. */
static bool key_edit_refused(const struct api_result *res)
{
	return res->error.kind == API_ERR_HTTP &&
	       (res->status == 400 || res->status == 409 || res->status == 422);
}

/* ---- expiry ---- */

static const char *key_edit_days(time_t *out, const char *text, time_t now)
{
	char *end;
	long days = strtol(text, &end, 10);

	if (*end == 'd')
		end++;
	if (*end != '\0')
		return "is not a number of days or a date (YYYY-MM-DD)";
	if (days < 1 || days > KEY_EDIT_DAYS_MAX)
		return "must be 1 to 3650 days";
	*out = now + days * KEY_EDIT_DAY;
	return NULL;
}

const char *key_edit_expiry(time_t *out, const char *text, time_t now)
{
	struct tm tm;
	const char *end;
	time_t when;

	*out = 0;
	if (text[0] == '\0')
		return NULL;
	if (strlen(text) <= 5 && isdigit((unsigned char)text[0]))
		return key_edit_days(out, text, now);

	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0')
		return "is not a number of days or a date (YYYY-MM-DD)";
	when = timegm(&tm);
	if (when <= now)
		return "is not in the future";
	*out = when;
	return NULL;
}

static const char *key_edit_check_expiry(const char *text)
{
	time_t when;

	return key_edit_expiry(&when, text, time(NULL));
}

/* ---- create ---- */

static void key_edit_create_form(struct tui *t, const struct key_edit *ke,
				 const char *error);

static void key_edit_created(struct api_result *res)
{
	struct key_edit *ke = res->user;
	char why[256];

	if (res->error.kind == API_ERR_NONE) {
		tui_status(ke->t, STATUS_OK, "Made the key %s", ke->name);
		keyshown_open(ke->t, api_result_take(res), false);
	} else if (key_edit_refused(res)) {
		api_error_format(&res->error, why, sizeof(why));
		key_edit_create_form(ke->t, ke, why);
	} else {
		tui_api_error(ke->t, "create API keys", res);
	}
	tab_keys_reload(ke->t);
	free(ke);
}

static void key_edit_create_done(struct tui *t, const struct form *f, void *ctx)
{
	struct key_edit *ke = key_edit_clone(ctx);
	struct api_req req = { .done = key_edit_created, .user = ke };
	time_t expires;

	if (ke == NULL)
		return;
	snprintf(ke->name, sizeof(ke->name), "%s", form_text(f, 0));
	ke->role = form_choice(f, 1);
	snprintf(ke->expiry, sizeof(ke->expiry), "%s", form_text(f, 2));
	key_edit_expiry(&expires, ke->expiry, time(NULL));
	if (tui_track(t, api_key_create(tui_api(t), &req, ke->scope, ke->parent,
					ke->name, role_assignable[ke->role],
					expires)) == 0)
		free(ke);
}

/* How many roles a key made by @t may have: none above one's own. */
static size_t key_edit_role_count(const struct tui *t, enum scope scope)
{
	/* key.create needs Manager, so there is always a choice. */
	return role_assignable_upto(tui_role(t, scope));
}

static void key_edit_create_form(struct tui *t, const struct key_edit *ke,
				 const char *error)
{
	const struct form_field fields[] = {
		{ .kind = FORM_TEXT,
		  .label = "Name",
		  .value = ke->name,
		  .check = text_check_name },
		{ .kind = FORM_CHOICE,
		  .label = "Role",
		  .choices = role_assignable_labels,
		  .n_choices = key_edit_role_count(t, ke->scope),
		  .choice = ke->role },
		{ .kind = FORM_TEXT,
		  .label = "Expires (days/date)",
		  .value = ke->expiry,
		  .check = key_edit_check_expiry,
		  .optional = true },
	};
	struct key_edit *copy = key_edit_clone(ke);

	if (copy == NULL)
		return;
	form_open(t,
		  ke->scope == SCOPE_PROJECT ? "New project API key"
					     : "New organization API key",
		  fields, 3, error, key_edit_create_done, copy, free);
}

void key_edit_create(struct tui *t, const char *arg)
{
	struct key_edit *ke = key_edit_new(t);

	if (ke == NULL)
		return;
	snprintf(ke->name, sizeof(ke->name), "%s", arg != NULL ? arg : "");
	key_edit_create_form(t, ke, NULL);
	free(ke);
}

/* ---- rename ---- */

static void key_edit_rename_form(struct tui *t, const struct key_edit *ke,
				 const char *error);

static void key_edit_renamed(struct api_result *res)
{
	struct key_edit *ke = res->user;
	char why[256];

	if (res->error.kind == API_ERR_NONE) {
		tui_status(ke->t, STATUS_OK, "Renamed the key to %s", ke->name);
		tab_keys_replace(api_result_take(res));
	} else if (key_edit_refused(res)) {
		api_error_format(&res->error, why, sizeof(why));
		key_edit_rename_form(ke->t, ke, why);
	} else {
		tui_api_error(ke->t, "rename API keys", res);
		tab_keys_reload(ke->t);
	}
	free(ke);
}

static void key_edit_rename_done(struct tui *t, const struct form *f, void *ctx)
{
	struct key_edit *ke = key_edit_clone(ctx);
	struct api_req req = { .done = key_edit_renamed, .user = ke };

	if (ke == NULL)
		return;
	snprintf(ke->name, sizeof(ke->name), "%s", form_text(f, 0));
	if (tui_track(t, api_key_update(tui_api(t), &req, ke->id, ke->etag,
					ke->name)) == 0)
		free(ke);
}

static void key_edit_rename_form(struct tui *t, const struct key_edit *ke,
				 const char *error)
{
	const struct form_field field = { .kind = FORM_TEXT,
					  .label = "Name",
					  .value = ke->name,
					  .check = text_check_name };
	struct key_edit *copy = key_edit_clone(ke);

	if (copy == NULL)
		return;
	form_open(t, "Rename API key", &field, 1, error, key_edit_rename_done,
		  copy, free);
}

void key_edit_rename(struct tui *t, const char *arg)
{
	struct key_edit *ke = key_edit_selected(t, "rename", false);

	if (ke == NULL)
		return;
	if (arg != NULL && *arg != '\0')
		snprintf(ke->name, sizeof(ke->name), "%s", arg);
	key_edit_rename_form(t, ke, NULL);
	free(ke);
}

/* ---- rotate ---- */

static void key_edit_rotated(struct api_result *res)
{
	struct key_edit *ke = res->user;

	if (res->error.kind == API_ERR_NONE) {
		tui_status(ke->t, STATUS_OK, "Rotated the key %s", ke->name);
		keyshown_open(ke->t, api_result_take(res), true);
	} else {
		tui_api_error(ke->t, "rotate API keys", res);
	}
	tab_keys_reload(ke->t);
	free(ke);
}

static void key_edit_rotate_done(struct tui *t, const struct form *f, void *ctx)
{
	struct key_edit *ke = key_edit_clone(ctx);
	struct api_req req = { .done = key_edit_rotated, .user = ke };
	size_t grace = form_choice(f, 0);

	if (ke == NULL)
		return;
	if (tui_track(t, api_key_rotate(tui_api(t), &req, ke->id,
					key_edit_grace_of[grace])) == 0)
		free(ke);
}

void key_edit_rotate(struct tui *t, const char *arg)
{
	struct key_edit *ke = key_edit_selected(t, "rotate", true);
	const struct form_field field = { .kind = FORM_CHOICE,
					  .label = "Old secret",
					  .choices = key_edit_graces,
					  .n_choices = KEY_EDIT_GRACES };
	char title[KEY_EDIT_TEXT_MAX + 32];

	(void)arg;
	if (ke == NULL)
		return;
	snprintf(title, sizeof(title), "Rotate %s", ke->name);
	form_open(t, title, &field, 1, NULL, key_edit_rotate_done, ke, free);
}

/* ---- revoke ---- */

static void key_edit_revoked(struct api_result *res)
{
	struct key_edit *ke = res->user;

	if (res->error.kind == API_ERR_NONE) {
		tui_status(ke->t, STATUS_OK, "Revoked the key %s", ke->name);
		tab_keys_replace(api_result_take(res));
	} else {
		tui_api_error(ke->t, "revoke API keys", res);
		tab_keys_reload(ke->t);
	}
	free(ke);
}

static void key_edit_revoke_done(struct tui *t, void *ctx)
{
	struct key_edit *ke = key_edit_clone(ctx);
	struct api_req req = { .done = key_edit_revoked, .user = ke };

	if (ke == NULL)
		return;
	if (tui_track(t, api_key_revoke(tui_api(t), &req, ke->id, ke->etag)) ==
	    0)
		free(ke);
}

void key_edit_revoke(struct tui *t, const char *arg)
{
	struct key_edit *ke = key_edit_selected(t, "revoke", true);
	char message[KEY_EDIT_TEXT_MAX + 160];

	(void)arg;
	if (ke == NULL)
		return;
	snprintf(message, sizeof(message),
		 "Revoke the key %s (%s)? Everything that uses it is refused "
		 "from now on. This cannot be undone.",
		 ke->name, ke->redacted);
	confirm_open(t,
		     &(struct confirm_spec){ .title = "Revoke API key",
					     .message = message,
					     .yes = "Revoke",
					     .danger = true },
		     key_edit_revoke_done, ke, free);
}
