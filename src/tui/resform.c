/* SPDX-License-Identifier: MIT */
/*
 * Creating, editing and deleting connections, secrets and AuthKit
 * configurations through the fields their descriptor lists.  What was
 * typed comes back in the form when the server refuses it, except a
 * secret's value, which is wiped once sent.
 */
#include "resource.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "confirm.h"
#include "text.h"

#define RESFORM_FIELDS_MAX 6
#define RESFORM_TEXT_MAX   1000 /* what a form field holds, less margin */
#define RESFORM_ITEMS_MAX  50
#define RESFORM_ITEM_MAX   1024

/* One act on a resource, copied so that it outlives the form and list. */
struct resform {
	struct resource_tab *rt;
	struct tui *t;
	enum scope scope;
	char parent[RESOURCE_ID_MAX];
	char id[RESOURCE_ID_MAX]; /* "" when creating */
	char etag[128];
	char name[256];
	char *typed[RESFORM_FIELDS_MAX]; /* as typed; never a secret value */
};

/* A NULL-terminated list of strings built from a list field. */
struct resform_list {
	char *items[RESFORM_ITEMS_MAX + 1];
	size_t n;
};

static void resform_free(void *ptr)
{
	struct resform *rf = ptr;
	size_t i;

	if (rf == NULL)
		return;
	for (i = 0; i < RESFORM_FIELDS_MAX; i++)
		free(rf->typed[i]);
	free(rf);
}

static struct resform *resform_new(struct resource_tab *rt, struct tui *t)
{
	struct resform *rf = calloc(1, sizeof(*rf));

	if (rf == NULL) {
		tui_status(t, STATUS_ERROR, "out of memory");
		return NULL;
	}
	rf->rt = rt;
	rf->t = t;
	rf->scope = rt->scope;
	snprintf(rf->parent, sizeof(rf->parent), "%s", rt->parent);
	return rf;
}

/* A copy of @rf with its texts; NULL when out of memory. */
static struct resform *resform_clone(const struct resform *rf)
{
	struct resform *copy = malloc(sizeof(*copy));
	size_t i;

	if (copy == NULL)
		return NULL;
	*copy = *rf;
	for (i = 0; i < RESFORM_FIELDS_MAX; i++)
		copy->typed[i] = rf->typed[i] ? strdup(rf->typed[i]) : NULL;
	return copy;
}

/* ---- checks ---- */

const char *resform_check_provider(const char *text)
{
	size_t n = strlen(text);

	if (n < 1 || n > 50)
		return "must be 1 to 50 characters";
	if (strspn(text, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return "may hold only a-z, 0-9, _ and -";
	return NULL;
}

const char *resform_check_json(const char *text)
{
	cJSON *json = cJSON_Parse(text);
	const char *why = NULL;

	if (json == NULL)
		why = "is not JSON, e.g. {\"key\": \"value\"}";
	else if (!cJSON_IsObject(json))
		why = "must be a JSON object, e.g. {\"key\": \"value\"}";
	cJSON_Delete(json);
	return why;
}

const char *resform_check_uri(const char *text)
{
	if (strncmp(text, "https://", 8) != 0 &&
	    strncmp(text, "http://", 7) != 0)
		return "must start with https:// or http://";
	return strlen(text) > RESFORM_ITEM_MAX ? "is too long" : NULL;
}

/* ---- building the request ---- */

static void resform_list_add(const char *item, void *arg)
{
	struct resform_list *l = arg;

	if (l->n < RESFORM_ITEMS_MAX)
		l->items[l->n++] = strdup(item);
}

static void resform_list_release(struct resform_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i]);
	l->n = 0;
}

/* The text of field @i, NULL when empty: left out, or left unchanged. */
static const char *resform_text(const struct form *f, size_t i)
{
	const char *text = form_text(f, i);

	return text[0] != '\0' ? text : NULL;
}

/* Reads list field @i into @l.  Returns the NULL-terminated items, NULL
 * when the field is empty on a create (left out), or sets *@failed when
 * out of memory. */
static const char *const *resform_items(struct resform_list *l,
					const struct form *f, size_t i,
					bool editing, bool *failed)
{
	size_t j;

	form_each_item(f, i, resform_list_add, l);
	for (j = 0; j < l->n; j++)
		if (l->items[j] == NULL)
			*failed = true;
	if (l->n == 0 && !editing)
		return NULL;
	return (const char *const *)l->items;
}

/* Fills @out from the form; lists go in @lists (two, released by the
 * caller).  Returns 0, or -1 when out of memory. */
static int resform_fields(struct api_resource_fields *out,
			  struct resform_list lists[2],
			  const struct resource_desc *desc,
			  const struct form *f, bool editing)
{
	bool failed = false;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < desc->n_fields; i++) {
		switch (desc->fields[i].slot) {
		case RESOURCE_NAME:
			out->name = resform_text(f, i);
			break;
		case RESOURCE_PROVIDER:
			out->provider = resform_text(f, i);
			break;
		case RESOURCE_CONFIG:
			out->config = resform_text(f, i);
			break;
		case RESOURCE_VALUE:
			out->value = resform_text(f, i);
			break;
		case RESOURCE_REDIRECTS:
			out->redirect_uris = resform_items(&lists[0], f, i,
							   editing, &failed);
			break;
		case RESOURCE_PROVIDERS:
			out->providers = resform_items(&lists[1], f, i, editing,
						       &failed);
			break;
		}
	}
	return failed ? -1 : 0;
}

/* Keeps what was typed (a secret's value excepted) to show it again. */
static void resform_keep(struct resform *rf, const struct form *f)
{
	const struct resource_desc *desc = rf->rt->desc;
	size_t i;

	for (i = 0; i < desc->n_fields && i < RESFORM_FIELDS_MAX; i++) {
		free(rf->typed[i]);
		rf->typed[i] = desc->fields[i].slot == RESOURCE_VALUE
				       ? NULL
				       : strdup(form_text(f, i));
	}
	snprintf(rf->name, sizeof(rf->name), "%s", form_text(f, 0));
}

/* ---- the form ---- */

static void resform_open(struct resform *rf, const char *error);

/* True when the server refused what was typed. */
static bool resform_refused(const struct api_result *res)
{
	return res->error.kind == API_ERR_HTTP &&
	       (res->status == 400 || res->status == 409 || res->status == 422);
}

static void resform_saved(struct api_result *res)
{
	struct resform *rf = res->user;
	bool editing = rf->id[0] != '\0';
	char why[256], doing[64];

	snprintf(doing, sizeof(doing), "%s the %s", editing ? "save" : "create",
		 rf->rt->desc->one);
	if (res->error.kind == API_ERR_NONE) {
		tui_status(rf->t, STATUS_OK, "%s the %s %s",
			   editing ? "Saved" : "Created", rf->rt->desc->one,
			   rf->name);
	} else if (resform_refused(res)) {
		api_error_format(&res->error, why, sizeof(why));
		resform_open(resform_clone(rf), why);
	} else {
		tui_api_error(rf->t, doing, res);
	}
	resource_reload(rf->rt, rf->t);
	resform_free(rf);
}

/* Sends the form: a create, or an update with If-Match. */
static unsigned long resform_send(struct resform *rf, const struct form *f)
{
	const struct resource_desc *desc = rf->rt->desc;
	struct api_req req = { .done = resform_saved, .user = rf };
	struct resform_list lists[2] = { { { NULL }, 0 }, { { NULL }, 0 } };
	struct api_resource_fields fields;
	unsigned long id = 0;
	bool editing = rf->id[0] != '\0';

	if (resform_fields(&fields, lists, desc, f, editing) < 0)
		goto out;
	if (editing)
		id = api_resource_update(tui_api(rf->t), &req, desc->kind,
					 rf->id, rf->etag, &fields);
	else
		id = api_resource_create(tui_api(rf->t), &req, desc->kind,
					 rf->scope, rf->parent, &fields);
out:
	resform_list_release(&lists[0]);
	resform_list_release(&lists[1]);
	return tui_track(rf->t, id);
}

static void resform_done(struct tui *t, const struct form *f, void *ctx)
{
	struct resform *rf = resform_clone(ctx);

	(void)t;
	if (rf == NULL)
		return;
	resform_keep(rf, f);
	if (resform_send(rf, f) == 0)
		resform_free(rf);
}

static enum form_kind resform_kind(const struct resource_field *rf)
{
	if (rf->rows > 1)
		return FORM_LINES;
	return rf->slot == RESOURCE_VALUE ? FORM_HIDDEN : FORM_TEXT;
}

/* Opens the form for @rf (taken; NULL is out of memory). */
static void resform_open(struct resform *rf, const char *error)
{
	struct form_field fields[RESFORM_FIELDS_MAX];
	const struct resource_desc *desc;
	bool editing;
	char title[300];
	size_t i;

	if (rf == NULL)
		return;
	desc = rf->rt->desc;
	editing = rf->id[0] != '\0';
	memset(fields, 0, sizeof(fields));
	for (i = 0; i < desc->n_fields && i < RESFORM_FIELDS_MAX; i++) {
		const struct resource_field *d = &desc->fields[i];

		fields[i].kind = resform_kind(d);
		fields[i].label = d->label;
		fields[i].value = rf->typed[i];
		fields[i].check = i == 0 ? text_check_name : d->check;
		fields[i].optional = i > 0 && (d->optional || editing);
		fields[i].rows = d->rows;
	}
	if (editing)
		snprintf(title, sizeof(title), "Edit %s %s", desc->one,
			 rf->name);
	else
		snprintf(title, sizeof(title), "New %s", desc->one);
	form_open(rf->t, title, fields, i, error, resform_done, rf,
		  resform_free);
}

void resform_create(struct resource_tab *rt, struct tui *t)
{
	resform_open(resform_new(rt, t), NULL);
}

/* Joins a NULL-terminated list with new lines; caller frees. */
static char *resform_join(char *const *items)
{
	size_t len = 1, i;
	char *out;

	for (i = 0; items != NULL && items[i] != NULL; i++)
		len += strlen(items[i]) + 1;
	out = calloc(1, len);
	for (i = 0; out != NULL && items != NULL && items[i] != NULL; i++) {
		strcat(out, items[i]);
		strcat(out, "\n");
	}
	return out;
}

/* What field @f shows at first when editing @res. */
static char *resform_initial(const struct resource_field *f,
			     const struct model_resource *res)
{
	switch (f->slot) {
	case RESOURCE_NAME:
		return strdup(res->name);
	case RESOURCE_PROVIDER:
		return strdup(res->provider);
	case RESOURCE_CONFIG:
		/* XXX: a form field holds about 1000 bytes, so a longer config
		 * or settings object is left out of the edit form (and kept
		 * as it is), and a longer secret value cannot be typed. */
		if (res->config == NULL ||
		    strlen(res->config) > RESFORM_TEXT_MAX)
			return NULL;
		return strdup(res->config);
	case RESOURCE_REDIRECTS:
		return resform_join(res->redirect_uris);
	case RESOURCE_PROVIDERS:
		return resform_join(res->providers);
	case RESOURCE_VALUE:
		break;
	}
	return NULL;
}

void resform_edit_open(struct resource_tab *rt, struct tui *t,
		       const struct model_resource *res)
{
	struct resform *rf = resform_new(rt, t);
	size_t i;

	if (rf == NULL)
		return;
	snprintf(rf->id, sizeof(rf->id), "%s", res->id);
	snprintf(rf->etag, sizeof(rf->etag), "%s", res->etag);
	snprintf(rf->name, sizeof(rf->name), "%s", res->name);
	for (i = 0; i < rt->desc->n_fields && i < RESFORM_FIELDS_MAX; i++)
		rf->typed[i] = resform_initial(&rt->desc->fields[i], res);
	resform_open(rf, NULL);
}

void resform_edit(struct resource_tab *rt, struct tui *t)
{
	const struct model_resource *sel = resource_selected(rt);

	if (sel == NULL) {
		tui_status(t, STATUS_WARN, "Select a %s to edit",
			   rt->desc->one);
		return;
	}
	if (rt->desc->kind == MODEL_SECRET) {
		resform_edit_open(rt, t, sel);
		return;
	}
	resource_fetch_for_edit(rt, t);
}

/* ---- delete ---- */

static void resform_deleted(struct api_result *res)
{
	struct resform *rf = res->user;
	char doing[64];

	snprintf(doing, sizeof(doing), "delete the %s", rf->rt->desc->one);
	if (res->error.kind != API_ERR_NONE)
		tui_api_error(rf->t, doing, res);
	else
		tui_status(rf->t, STATUS_OK, "Deleted the %s %s",
			   rf->rt->desc->one, rf->name);
	resource_reload(rf->rt, rf->t);
	resform_free(rf);
}

static void resform_delete_done(struct tui *t, void *ctx)
{
	struct resform *rf = resform_clone(ctx);
	struct api_req req = { .done = resform_deleted, .user = rf };

	if (rf == NULL)
		return;
	if (tui_track(t,
		      api_resource_delete(tui_api(t), &req, rf->rt->desc->kind,
					  rf->id, rf->etag)) == 0)
		resform_free(rf);
}

void resform_delete(struct resource_tab *rt, struct tui *t)
{
	const struct model_resource *sel = resource_selected(rt);
	struct resform *rf;
	char message[400];

	if (sel == NULL) {
		tui_status(t, STATUS_WARN, "Select a %s to delete",
			   rt->desc->one);
		return;
	}
	rf = resform_new(rt, t);
	if (rf == NULL)
		return;
	snprintf(rf->id, sizeof(rf->id), "%s", sel->id);
	snprintf(rf->etag, sizeof(rf->etag), "%s", sel->etag);
	snprintf(rf->name, sizeof(rf->name), "%s", sel->name);
	snprintf(message, sizeof(message),
		 "Delete the %s %s? Whatever uses it stops working. This "
		 "cannot be undone.",
		 rt->desc->one, sel->name);
	confirm_open(t,
		     &(struct confirm_spec){ .title = "Delete",
					     .message = message,
					     .yes = "Delete",
					     .danger = true },
		     resform_delete_done, rf, resform_free);
}
