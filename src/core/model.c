/* SPDX-License-Identifier: MIT */
/*
 * Decoding of the API's JSON objects into the structs of model.h, leniently:
 * a field that is missing or of the wrong type reads as absent, so that a
 * server newer or buggier than the console never crashes it.
 */
#include "orgdeck/model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* Reading fields */

static char *model_strdup(const char *s)
{
	size_t len = strlen(s);
	char *copy = malloc(len + 1);

	if (copy != NULL)
		memcpy(copy, s, len + 1);
	return copy;
}

/* The string value of @key, or NULL when absent, null or not a string. */
static const char *json_text(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* Copies the string @key into *@out, "" when absent.  Returns 0 or -1. */
static int json_str(char **out, const cJSON *obj, const char *key)
{
	const char *text = json_text(obj, key);

	*out = model_strdup(text != NULL ? text : "");
	return *out != NULL ? 0 : -1;
}

/* Copies the string @key into *@out, NULL when absent.  Returns 0 or -1. */
static int json_str_opt(char **out, const cJSON *obj, const char *key)
{
	const char *text = json_text(obj, key);

	*out = NULL;
	if (text == NULL)
		return 0;
	*out = model_strdup(text);
	return *out != NULL ? 0 : -1;
}

/* Copies the string @key into locked memory, NULL when absent. */
static int json_secret(char **out, const cJSON *obj, const char *key)
{
	const char *text = json_text(obj, key);
	size_t len;

	*out = NULL;
	if (text == NULL)
		return 0;
	if (sodium_init() < 0)
		return -1;

	len = strlen(text);
	*out = sodium_malloc(len + 1);
	if (*out == NULL)
		return -1;
	memcpy(*out, text, len + 1);
	return 0;
}

/* Frees a string from json_secret(), wiping it. */
static void model_secret_free(char **secret)
{
	if (*secret != NULL)
		sodium_free(*secret);
	*secret = NULL;
}

/* Prints the JSON value @key compactly, NULL when absent or null. */
static int json_raw(char **out, const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (item == NULL || cJSON_IsNull(item))
		return 0;
	*out = cJSON_PrintUnformatted(item);
	return *out != NULL ? 0 : -1;
}

static time_t json_time(const cJSON *obj, const char *key)
{
	const char *text = json_text(obj, key);
	time_t t = 0;

	if (text != NULL && model_time_parse(&t, text) < 0)
		t = 0;
	return t;
}

static long json_long(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	double v;

	if (!cJSON_IsNumber(item))
		return 0;
	v = item->valuedouble;
	if (v != v || v < -2147483648.0 || v > 2147483647.0)
		return 0;
	return (long)v;
}

static bool json_bool(const cJSON *obj, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, key));
}

static enum role json_role(const cJSON *obj, const char *key)
{
	const char *text = json_text(obj, key);
	enum role role = ROLE_NONE;

	if (text == NULL || role_parse(&role, text, true) < 0)
		return ROLE_NONE;
	return role;
}

/* The "actions" list as a bitset; unknown names are skipped. */
static uint64_t json_actions(const cJSON *obj, const char *key)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, key);
	const cJSON *item;
	uint64_t bits = 0;
	enum perm perm;

	if (!cJSON_IsArray(list))
		return 0;
	cJSON_ArrayForEach(item, list)
	{
		if (!cJSON_IsString(item))
			continue;
		if (perm_parse(&perm, item->valuestring) == 0)
			bits |= (uint64_t)1 << perm;
	}
	return bits;
}

/* Picks the index of @text in the NULL-terminated @names, or @fallback. */
static int json_enum(const cJSON *obj, const char *key,
		     const char *const *names, int fallback)
{
	const char *text = json_text(obj, key);
	int i;

	if (text == NULL)
		return fallback;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], text) == 0)
			return i;
	return fallback;
}

/* True when @json is an object that, if it names its type, names @object. */
static bool model_object_is(const cJSON *json, const char *object)
{
	const char *type = json_text(json, "object");

	if (!cJSON_IsObject(json))
		return false;
	return type == NULL || object == NULL || strcmp(type, object) == 0;
}

/* As model_object_is(), and @json has a string id. */
static bool model_is(const cJSON *json, const char *object)
{
	return model_object_is(json, object) && json_text(json, "id") != NULL;
}

/* Allocates a zeroed object of @size for a decoder. */
static void *model_alloc(size_t size)
{
	return calloc(1, size);
}

/* Names */

static const char *const model_type_names[MODEL__COUNT] = {
	[MODEL_USER] = "user",
	[MODEL_ORG] = "organization",
	[MODEL_PROJECT] = "project",
	[MODEL_MEMBER] = "member",
	[MODEL_PROJECT_MEMBER] = "project_member",
	[MODEL_INVITATION] = "invitation",
	[MODEL_INVITE_RESULTS] = "invitation_results",
	[MODEL_ACCEPTANCE] = "acceptance",
	[MODEL_KEY] = "api_key",
	[MODEL_EVENT] = "event",
	[MODEL_ME] = "me",
	[MODEL_PAGE] = "list",
};

enum model_type model_type_parse(const char *name)
{
	int i;

	if (name == NULL)
		return MODEL_NONE;
	for (i = 1; i < MODEL__COUNT; i++)
		if (model_type_names[i] != NULL &&
		    strcmp(model_type_names[i], name) == 0)
			return (enum model_type)i;

	for (i = 0; i < MODEL_RESOURCE__COUNT; i++)
		if (strcmp(model_resource_kind_name(i), name) == 0)
			return MODEL_RESOURCE;
	return MODEL_NONE;
}

static const char *const resource_names[] = { "connection", "secret", "authkit",
					      NULL };
static const char *const resource_paths[] = { "connections", "secrets",
					      "authkit", NULL };

const char *model_resource_kind_name(enum model_resource_kind kind)
{
	if ((unsigned int)kind >= MODEL_RESOURCE__COUNT)
		return NULL;
	return resource_names[kind];
}

const char *model_resource_kind_path(enum model_resource_kind kind)
{
	if ((unsigned int)kind >= MODEL_RESOURCE__COUNT)
		return NULL;
	return resource_paths[kind];
}

/* Indexed by enum model_invitation_status. */
static const char *const invitation_status_names[] = {
	"unknown", "pending", "accepted", "declined", "expired", "revoked", NULL
};

/* Indexed by enum model_key_status. */
static const char *const key_status_names[] = { "unknown", "active", "expired",
						"revoked", NULL };

const char *model_invitation_status_name(enum model_invitation_status s)
{
	if ((unsigned int)s > MODEL_INVITATION_REVOKED)
		return "unknown";
	return invitation_status_names[s];
}

const char *model_key_status_name(enum model_key_status s)
{
	if ((unsigned int)s > MODEL_KEY_REVOKED)
		return "unknown";
	return key_status_names[s];
}

/* Times */

static bool model_time_valid(const struct tm *tm)
{
	return tm->tm_mon >= 0 && tm->tm_mon < 12 && tm->tm_mday >= 1 &&
	       tm->tm_mday <= 31 && tm->tm_hour >= 0 && tm->tm_hour < 24 &&
	       tm->tm_min >= 0 && tm->tm_min < 60 && tm->tm_sec >= 0 &&
	       tm->tm_sec <= 60;
}

int model_time_parse(time_t *out, const char *text)
{
	struct tm tm = { 0 };
	int used = 0;

	if (text == NULL || strlen(text) != 20)
		return -1;
	if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
		   &used) != 6 ||
	    used != 20)
		return -1;

	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if (!model_time_valid(&tm))
		return -1;

	*out = timegm(&tm);
	return 0;
}

void model_time_format(char out[21], time_t t)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
}

/* Users */

static void user_release(struct model_user *u)
{
	free(u->id);
	free(u->email);
	free(u->name);
	memset(u, 0, sizeof(*u));
}

/* Fills @u from @json, which must be a user; -1 when it is not. */
static int user_fill(struct model_user *u, const cJSON *json)
{
	if (!model_is(json, "user"))
		return -1;

	if (json_str(&u->id, json, "id") < 0 ||
	    json_str(&u->email, json, "email") < 0 ||
	    json_str(&u->name, json, "name") < 0)
		return -1;

	u->created_at = json_time(json, "created_at");
	return 0;
}

/* Fills @u from the user object @key of @json, or as an empty user. */
static int user_fill_opt(struct model_user *u, const cJSON *json,
			 const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(json, key);

	if (model_is(item, "user"))
		return user_fill(u, item);

	u->id = model_strdup("");
	u->email = model_strdup("");
	u->name = model_strdup("");
	return u->id && u->email && u->name ? 0 : -1;
}

struct model_user *model_user_decode(const cJSON *json)
{
	struct model_user *u = model_alloc(sizeof(*u));

	if (u == NULL)
		return NULL;
	if (user_fill(u, json) < 0)
		model_user_free(&u);
	return u;
}

void model_user_free(struct model_user **p)
{
	if (p == NULL || *p == NULL)
		return;
	user_release(*p);
	free(*p);
	*p = NULL;
}

/* Organizations */

static const char *const org_kind_names[] = { "team", "personal", NULL };

static int org_fill(struct model_org *o, const cJSON *json)
{
	if (!model_is(json, "organization"))
		return -1;

	if (json_str(&o->id, json, "id") < 0 ||
	    json_str(&o->name, json, "name") < 0 ||
	    json_str(&o->owner_id, json, "owner_id") < 0 ||
	    json_str(&o->etag, json, "etag") < 0)
		return -1;

	o->kind = json_enum(json, "kind", org_kind_names, MODEL_ORG_TEAM);
	o->created_at = json_time(json, "created_at");
	o->updated_at = json_time(json, "updated_at");
	o->role = json_role(json, "role");
	o->actions = json_actions(json, "actions");
	return 0;
}

static void org_release(struct model_org *o)
{
	free(o->id);
	free(o->name);
	free(o->owner_id);
	free(o->etag);
}

struct model_org *model_org_decode(const cJSON *json)
{
	struct model_org *o = model_alloc(sizeof(*o));

	if (o == NULL)
		return NULL;
	if (org_fill(o, json) < 0)
		model_org_free(&o);
	return o;
}

void model_org_free(struct model_org **p)
{
	if (p == NULL || *p == NULL)
		return;
	org_release(*p);
	free(*p);
	*p = NULL;
}

/* Projects */

static int project_fill(struct model_project *p, const cJSON *json)
{
	if (!model_is(json, "project"))
		return -1;

	if (json_str(&p->id, json, "id") < 0 ||
	    json_str(&p->org_id, json, "org_id") < 0 ||
	    json_str(&p->name, json, "name") < 0 ||
	    json_str(&p->description, json, "description") < 0 ||
	    json_str(&p->etag, json, "etag") < 0)
		return -1;

	p->created_at = json_time(json, "created_at");
	p->updated_at = json_time(json, "updated_at");
	p->role = json_role(json, "role");
	p->actions = json_actions(json, "actions");
	return 0;
}

struct model_project *model_project_decode(const cJSON *json)
{
	struct model_project *p = model_alloc(sizeof(*p));

	if (p == NULL)
		return NULL;
	if (project_fill(p, json) < 0)
		model_project_free(&p);
	return p;
}

void model_project_free(struct model_project **pp)
{
	struct model_project *p;

	if (pp == NULL || *pp == NULL)
		return;
	p = *pp;
	free(p->id);
	free(p->org_id);
	free(p->name);
	free(p->description);
	free(p->etag);
	free(p);
	*pp = NULL;
}

/* Members */

static int member_fill(struct model_member *m, const cJSON *json)
{
	if (!model_is(json, "member"))
		return -1;

	if (json_str(&m->id, json, "id") < 0 ||
	    json_str(&m->etag, json, "etag") < 0 ||
	    user_fill_opt(&m->user, json, "user") < 0)
		return -1;

	m->role = json_role(json, "role");
	m->owner = json_bool(json, "owner");
	m->joined_at = json_time(json, "joined_at");
	return 0;
}

struct model_member *model_member_decode(const cJSON *json)
{
	struct model_member *m = model_alloc(sizeof(*m));

	if (m == NULL)
		return NULL;
	if (member_fill(m, json) < 0)
		model_member_free(&m);
	return m;
}

void model_member_free(struct model_member **p)
{
	if (p == NULL || *p == NULL)
		return;
	free((*p)->id);
	free((*p)->etag);
	user_release(&(*p)->user);
	free(*p);
	*p = NULL;
}

static int project_member_fill(struct model_project_member *m,
			       const cJSON *json)
{
	if (!model_is(json, "project_member"))
		return -1;

	if (json_str(&m->id, json, "id") < 0 ||
	    json_str(&m->etag, json, "etag") < 0 ||
	    user_fill_opt(&m->user, json, "user") < 0)
		return -1;

	m->role = json_role(json, "role");
	m->org_role = json_role(json, "org_role");
	m->added_at = json_time(json, "added_at");
	return 0;
}

struct model_project_member *model_project_member_decode(const cJSON *json)
{
	struct model_project_member *m = model_alloc(sizeof(*m));

	if (m == NULL)
		return NULL;
	if (project_member_fill(m, json) < 0)
		model_project_member_free(&m);
	return m;
}

void model_project_member_free(struct model_project_member **p)
{
	if (p == NULL || *p == NULL)
		return;
	free((*p)->id);
	free((*p)->etag);
	user_release(&(*p)->user);
	free(*p);
	*p = NULL;
}

/* Invitations */

/* Decodes the "projects" list of an invitation; bad entries are skipped. */
static int invitation_projects_fill(struct model_invitation *inv,
				    const cJSON *json)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(json, "projects");
	const cJSON *item;
	int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : 0;

	if (n <= 0)
		return 0;
	inv->projects = calloc((size_t)n, sizeof(*inv->projects));
	if (inv->projects == NULL)
		return -1;

	cJSON_ArrayForEach(item, list)
	{
		struct model_invite_project *p;

		if (json_text(item, "project_id") == NULL)
			continue;
		p = &inv->projects[inv->project_count];
		if (json_str(&p->project_id, item, "project_id") < 0)
			return -1;
		p->role = json_role(item, "role");
		inv->project_count++;
	}
	return 0;
}

static int invitation_strings_fill(struct model_invitation *inv,
				   const cJSON *json)
{
	if (json_str(&inv->id, json, "id") < 0 ||
	    json_str(&inv->org_id, json, "org_id") < 0 ||
	    json_str(&inv->org_name, json, "org_name") < 0 ||
	    json_str(&inv->email, json, "email") < 0 ||
	    json_str(&inv->invited_by, json, "invited_by") < 0 ||
	    json_str(&inv->etag, json, "etag") < 0 ||
	    json_secret(&inv->code, json, "code") < 0)
		return -1;
	return 0;
}

static int invitation_fill(struct model_invitation *inv, const cJSON *json)
{
	if (!model_is(json, "invitation"))
		return -1;

	if (invitation_strings_fill(inv, json) < 0 ||
	    invitation_projects_fill(inv, json) < 0)
		return -1;

	inv->role = json_role(json, "role");
	inv->status = json_enum(json, "status", invitation_status_names,
				MODEL_INVITATION_UNKNOWN);
	inv->created_at = json_time(json, "created_at");
	inv->expires_at = json_time(json, "expires_at");
	inv->sent_count = json_long(json, "sent_count");
	inv->last_sent_at = json_time(json, "last_sent_at");
	return 0;
}

struct model_invitation *model_invitation_decode(const cJSON *json)
{
	struct model_invitation *inv = model_alloc(sizeof(*inv));

	if (inv == NULL)
		return NULL;
	if (invitation_fill(inv, json) < 0)
		model_invitation_free(&inv);
	return inv;
}

void model_invitation_free(struct model_invitation **p)
{
	struct model_invitation *inv;
	size_t i;

	if (p == NULL || *p == NULL)
		return;
	inv = *p;
	for (i = 0; i < inv->project_count; i++)
		free(inv->projects[i].project_id);
	free(inv->projects);
	free(inv->id);
	free(inv->org_id);
	free(inv->org_name);
	free(inv->email);
	free(inv->invited_by);
	free(inv->etag);
	model_secret_free(&inv->code);
	free(inv);
	*p = NULL;
}

/* One entry of "invitation_results": an invitation or an error. */
static int invite_result_fill(struct model_invite_result *r, const cJSON *json)
{
	const cJSON *inv = cJSON_GetObjectItemCaseSensitive(json, "invitation");
	const cJSON *err = cJSON_GetObjectItemCaseSensitive(json, "error");

	if (json_str(&r->email, json, "email") < 0 ||
	    json_str(&r->error_code, err, "code") < 0 ||
	    json_str(&r->error_message, err, "message") < 0)
		return -1;

	if (inv == NULL || cJSON_IsNull(inv))
		return 0;
	r->invitation = model_invitation_decode(inv);
	return r->invitation != NULL ? 0 : -1;
}

/* Decodes every entry of @list; the first that fails stops it. */
static int invite_results_fill(struct model_invite_results *res,
			       const cJSON *list)
{
	const cJSON *item;
	int n = cJSON_GetArraySize(list);

	if (n <= 0)
		return 0;
	res->items = calloc((size_t)n, sizeof(*res->items));
	if (res->items == NULL)
		return -1;

	cJSON_ArrayForEach(item, list)
	{
		if (invite_result_fill(&res->items[res->count++], item) < 0)
			return -1;
	}
	return 0;
}

struct model_invite_results *model_invite_results_decode(const cJSON *json)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(json, "data");
	struct model_invite_results *res;

	if (!model_object_is(json, "invitation_results") ||
	    !cJSON_IsArray(list))
		return NULL;
	res = model_alloc(sizeof(*res));
	if (res != NULL && invite_results_fill(res, list) < 0)
		model_invite_results_free(&res);
	return res;
}

void model_invite_results_free(struct model_invite_results **p)
{
	struct model_invite_result *r;
	size_t i;

	if (p == NULL || *p == NULL)
		return;
	for (i = 0; i < (*p)->count; i++) {
		r = &(*p)->items[i];
		free(r->email);
		free(r->error_code);
		free(r->error_message);
		model_invitation_free(&r->invitation);
	}
	free((*p)->items);
	free(*p);
	*p = NULL;
}

/* Acceptances */

static int acceptance_fill(struct model_acceptance *a, const cJSON *json)
{
	const cJSON *user = cJSON_GetObjectItemCaseSensitive(json, "user");
	const cJSON *org =
		cJSON_GetObjectItemCaseSensitive(json, "organization");

	if (user_fill(&a->user, user) < 0 ||
	    json_secret(&a->token, json, "token") < 0)
		return -1;

	a->org = model_org_decode(org);
	return a->org != NULL ? 0 : -1;
}

struct model_acceptance *model_acceptance_decode(const cJSON *json)
{
	struct model_acceptance *a;

	if (!model_object_is(json, "acceptance"))
		return NULL;
	a = model_alloc(sizeof(*a));
	if (a != NULL && acceptance_fill(a, json) < 0)
		model_acceptance_free(&a);
	return a;
}

void model_acceptance_free(struct model_acceptance **p)
{
	if (p == NULL || *p == NULL)
		return;
	user_release(&(*p)->user);
	model_org_free(&(*p)->org);
	model_secret_free(&(*p)->token);
	free(*p);
	*p = NULL;
}

/* API keys */

static const char *const key_scope_names[] = { "org", "project", NULL };

static int key_strings_fill(struct model_key *k, const cJSON *json)
{
	if (json_str(&k->id, json, "id") < 0 ||
	    json_str(&k->name, json, "name") < 0 ||
	    json_str(&k->org_id, json, "org_id") < 0 ||
	    json_str_opt(&k->project_id, json, "project_id") < 0 ||
	    json_str(&k->redacted, json, "redacted") < 0 ||
	    json_str(&k->etag, json, "etag") < 0 ||
	    json_secret(&k->secret, json, "secret") < 0)
		return -1;
	return 0;
}

static int key_fill(struct model_key *k, const cJSON *json)
{
	if (!model_is(json, "api_key"))
		return -1;

	if (key_strings_fill(k, json) < 0 ||
	    user_fill_opt(&k->created_by, json, "created_by") < 0)
		return -1;

	k->scope = json_enum(json, "scope", key_scope_names,
			     k->project_id != NULL ? SCOPE_PROJECT : SCOPE_ORG);
	k->role = json_role(json, "role");
	k->created_at = json_time(json, "created_at");
	k->expires_at = json_time(json, "expires_at");
	k->last_used_at = json_time(json, "last_used_at");
	k->use_count = json_long(json, "use_count");
	k->status =
		json_enum(json, "status", key_status_names, MODEL_KEY_UNKNOWN);
	return 0;
}

struct model_key *model_key_decode(const cJSON *json)
{
	struct model_key *k = model_alloc(sizeof(*k));

	if (k == NULL)
		return NULL;
	if (key_fill(k, json) < 0)
		model_key_free(&k);
	return k;
}

void model_key_free(struct model_key **p)
{
	struct model_key *k;

	if (p == NULL || *p == NULL)
		return;
	k = *p;
	free(k->id);
	free(k->name);
	free(k->org_id);
	free(k->project_id);
	free(k->redacted);
	free(k->etag);
	user_release(&k->created_by);
	model_secret_free(&k->secret);
	free(k);
	*p = NULL;
}

/* Resources */

/* Copies the strings of the list @key into a NULL-terminated array. */
static int json_strv(char ***out, const cJSON *obj, const char *key)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, key);
	const cJSON *item;
	int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : 0;
	size_t used = 0;

	*out = calloc((size_t)n + 1, sizeof(**out));
	if (*out == NULL)
		return -1;
	if (n == 0)
		return 0;

	cJSON_ArrayForEach(item, list)
	{
		if (!cJSON_IsString(item))
			continue;
		(*out)[used] = model_strdup(item->valuestring);
		if ((*out)[used++] == NULL)
			return -1;
	}
	return 0;
}

static void model_strv_free(char ***v)
{
	size_t i;

	if (*v == NULL)
		return;
	for (i = 0; (*v)[i] != NULL; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
}

/* The kind named by "object", or else by the id's prefix; -1 if neither. */
static int resource_kind_of(const cJSON *json)
{
	static const char *const prefixes[] = { "con_", "sec_", "akc_" };
	const char *type = json_text(json, "object");
	const char *id = json_text(json, "id");
	int i;

	for (i = 0; i < MODEL_RESOURCE__COUNT; i++) {
		if (type != NULL && strcmp(type, resource_names[i]) == 0)
			return i;
		if (type == NULL && id != NULL &&
		    strncmp(id, prefixes[i], 4) == 0)
			return i;
	}
	return -1;
}

static int resource_strings_fill(struct model_resource *r, const cJSON *json)
{
	if (json_str(&r->id, json, "id") < 0 ||
	    json_str(&r->org_id, json, "org_id") < 0 ||
	    json_str_opt(&r->project_id, json, "project_id") < 0 ||
	    json_str(&r->name, json, "name") < 0 ||
	    json_str(&r->created_by, json, "created_by") < 0 ||
	    json_str(&r->etag, json, "etag") < 0 ||
	    json_str(&r->provider, json, "provider") < 0 ||
	    json_str(&r->status, json, "status") < 0)
		return -1;
	return 0;
}

/* The kind's details: config, settings or value. */
static int resource_details_fill(struct model_resource *r, const cJSON *json)
{
	if (json_strv(&r->redirect_uris, json, "redirect_uris") < 0 ||
	    json_strv(&r->providers, json, "providers") < 0)
		return -1;

	switch (r->kind) {
	case MODEL_CONNECTION:
		return json_raw(&r->config, json, "config");
	case MODEL_AUTHKIT:
		return json_raw(&r->config, json, "settings");
	case MODEL_SECRET:
	default:
		return json_secret(&r->value, json, "value");
	}
}

static int resource_fill(struct model_resource *r, const cJSON *json)
{
	int kind = resource_kind_of(json);

	if (kind < 0 || !model_is(json, NULL))
		return -1;

	r->kind = (enum model_resource_kind)kind;
	if (resource_strings_fill(r, json) < 0 ||
	    resource_details_fill(r, json) < 0)
		return -1;

	r->created_at = json_time(json, "created_at");
	r->updated_at = json_time(json, "updated_at");
	return 0;
}

struct model_resource *model_resource_decode(const cJSON *json)
{
	struct model_resource *r = model_alloc(sizeof(*r));

	if (r == NULL)
		return NULL;
	if (resource_fill(r, json) < 0)
		model_resource_free(&r);
	return r;
}

void model_resource_free(struct model_resource **p)
{
	struct model_resource *r;

	if (p == NULL || *p == NULL)
		return;
	r = *p;
	free(r->id);
	free(r->org_id);
	free(r->project_id);
	free(r->name);
	free(r->created_by);
	free(r->etag);
	free(r->provider);
	free(r->status);
	model_strv_free(&r->redirect_uris);
	model_strv_free(&r->providers);
	free(r->config);
	model_secret_free(&r->value);
	free(r);
	*p = NULL;
}

/* Events */

static int ref_fill(struct model_ref *ref, const cJSON *json)
{
	if (json_str(&ref->type, json, "type") < 0 ||
	    json_str(&ref->id, json, "id") < 0 ||
	    json_str(&ref->name, json, "name") < 0)
		return -1;
	return 0;
}

static void ref_release(struct model_ref *ref)
{
	free(ref->type);
	free(ref->id);
	free(ref->name);
}

static int event_fill(struct model_event *e, const cJSON *json)
{
	if (!model_is(json, "event"))
		return -1;

	if (json_str(&e->id, json, "id") < 0 ||
	    json_str(&e->org_id, json, "org_id") < 0 ||
	    json_str_opt(&e->project_id, json, "project_id") < 0 ||
	    json_str(&e->action, json, "action") < 0 ||
	    json_str(&e->request_id, json, "request_id") < 0 ||
	    json_raw(&e->before, json, "before") < 0 ||
	    json_raw(&e->after, json, "after") < 0)
		return -1;

	if (ref_fill(&e->actor,
		     cJSON_GetObjectItemCaseSensitive(json, "actor")) < 0 ||
	    ref_fill(&e->target,
		     cJSON_GetObjectItemCaseSensitive(json, "target")) < 0)
		return -1;

	e->created_at = json_time(json, "created_at");
	return 0;
}

struct model_event *model_event_decode(const cJSON *json)
{
	struct model_event *e = model_alloc(sizeof(*e));

	if (e == NULL)
		return NULL;
	if (event_fill(e, json) < 0)
		model_event_free(&e);
	return e;
}

void model_event_free(struct model_event **p)
{
	struct model_event *e;

	if (p == NULL || *p == NULL)
		return;
	e = *p;
	free(e->id);
	free(e->org_id);
	free(e->project_id);
	ref_release(&e->actor);
	free(e->action);
	ref_release(&e->target);
	free(e->before);
	free(e->after);
	free(e->request_id);
	free(e);
	*p = NULL;
}

/* Me */

/*
 * Decodes every item of the list @key of @json with @decode into a new
 * array at *@out.  An item that does not decode fails the whole list.
 */
static int json_objects(void ***out, size_t *count, const cJSON *json,
			const char *key, enum model_type type)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(json, key);
	const cJSON *item;
	int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : 0;

	*out = NULL;
	*count = 0;
	if (n == 0)
		return 0;
	*out = calloc((size_t)n, sizeof(**out));
	if (*out == NULL)
		return -1;

	cJSON_ArrayForEach(item, list)
	{
		(*out)[*count] = model_decode(type, item);
		if ((*out)[*count] == NULL)
			return -1;
		(*count)++;
	}
	return 0;
}

static void model_objects_free(enum model_type type, void ***items,
			       size_t *count)
{
	size_t i;

	for (i = 0; i < *count; i++)
		model_free(type, (*items)[i]);
	free(*items);
	*items = NULL;
	*count = 0;
}

/* The "auth" object: a personal token, or the key acting. */
static int me_auth_fill(struct model_me *me, const cJSON *json)
{
	const cJSON *auth = cJSON_GetObjectItemCaseSensitive(json, "auth");
	const char *type = json_text(auth, "type");

	if (type == NULL || strcmp(type, "key") != 0)
		return 0;

	me->is_key = true;
	me->key =
		model_key_decode(cJSON_GetObjectItemCaseSensitive(auth, "key"));
	return me->key != NULL ? 0 : -1;
}

struct model_me *model_me_decode(const cJSON *json)
{
	struct model_me *me;

	if (!model_object_is(json, "me"))
		return NULL;
	me = model_alloc(sizeof(*me));
	if (me == NULL)
		return NULL;

	if (user_fill(&me->user,
		      cJSON_GetObjectItemCaseSensitive(json, "user")) < 0 ||
	    me_auth_fill(me, json) < 0 ||
	    json_objects((void ***)&me->orgs, &me->org_count, json,
			 "organizations", MODEL_ORG) < 0 ||
	    json_objects((void ***)&me->invitations, &me->invitation_count,
			 json, "invitations", MODEL_INVITATION) < 0)
		model_me_free(&me);
	return me;
}

void model_me_free(struct model_me **p)
{
	struct model_me *me;

	if (p == NULL || *p == NULL)
		return;
	me = *p;
	user_release(&me->user);
	model_key_free(&me->key);
	model_objects_free(MODEL_ORG, (void ***)&me->orgs, &me->org_count);
	model_objects_free(MODEL_INVITATION, (void ***)&me->invitations,
			   &me->invitation_count);
	free(me);
	*p = NULL;
}

/* Deletions */

struct model_deleted *model_deleted_decode(const cJSON *json)
{
	struct model_deleted *d;

	if (!model_is(json, NULL))
		return NULL;
	d = model_alloc(sizeof(*d));
	if (d == NULL)
		return NULL;

	if (json_str(&d->object, json, "object") < 0 ||
	    json_str(&d->id, json, "id") < 0)
		model_deleted_free(&d);
	else
		d->deleted = json_bool(json, "deleted");
	return d;
}

void model_deleted_free(struct model_deleted **p)
{
	if (p == NULL || *p == NULL)
		return;
	free((*p)->object);
	free((*p)->id);
	free(*p);
	*p = NULL;
}

/* Pages */

struct model_page *model_page_decode(const cJSON *json,
				     enum model_type item_type)
{
	struct model_page *page;

	if (!model_object_is(json, "list") ||
	    !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(json, "data")) ||
	    item_type == MODEL_PAGE)
		return NULL;
	page = model_alloc(sizeof(*page));
	if (page == NULL)
		return NULL;

	page->item_type = item_type;
	page->has_more = json_bool(json, "has_more");
	if (json_objects(&page->items, &page->count, json, "data", item_type) <
		    0 ||
	    json_str_opt(&page->last_id, json, "last_id") < 0)
		model_page_free(&page);
	return page;
}

void model_page_free(struct model_page **p)
{
	if (p == NULL || *p == NULL)
		return;
	model_objects_free((*p)->item_type, &(*p)->items, &(*p)->count);
	free((*p)->last_id);
	free(*p);
	*p = NULL;
}

int model_page_join(struct model_page *into, struct model_page **from)
{
	struct model_page *src = *from;
	void **items;

	if (src->item_type != into->item_type) {
		errno = EINVAL;
		return -1;
	}
	items = realloc(into->items,
			(into->count + src->count + 1) * sizeof(*items));
	if (items == NULL)
		return -1;

	if (src->count > 0)
		memcpy(items + into->count, src->items,
		       src->count * sizeof(*items));
	into->items = items;
	into->count += src->count;
	src->count = 0;

	into->has_more = src->has_more;
	if (src->last_id != NULL) {
		free(into->last_id);
		into->last_id = src->last_id;
		src->last_id = NULL;
	}
	model_page_free(from);
	return 0;
}

/* Any type */

/* Adapters so that one table can hold every typed decoder and free. */
#define MODEL_OPS(name, type)                             \
	static void *name##_decode_any(const cJSON *json) \
	{                                                 \
		return model_##name##_decode(json);       \
	}                                                 \
	static void name##_free_any(void *obj)            \
	{                                                 \
		struct type *p = obj;                     \
		model_##name##_free(&p);                  \
	}

MODEL_OPS(user, model_user)
MODEL_OPS(org, model_org)
MODEL_OPS(project, model_project)
MODEL_OPS(member, model_member)
MODEL_OPS(project_member, model_project_member)
MODEL_OPS(invitation, model_invitation)
MODEL_OPS(invite_results, model_invite_results)
MODEL_OPS(acceptance, model_acceptance)
MODEL_OPS(key, model_key)
MODEL_OPS(resource, model_resource)
MODEL_OPS(event, model_event)
MODEL_OPS(me, model_me)
MODEL_OPS(deleted, model_deleted)

static void page_free_any(void *obj)
{
	struct model_page *p = obj;

	model_page_free(&p);
}

struct model_ops {
	void *(*decode)(const cJSON *json);
	void (*free)(void *obj);
};

static const struct model_ops model_ops[MODEL__COUNT] = {
	[MODEL_USER] = { user_decode_any, user_free_any },
	[MODEL_ORG] = { org_decode_any, org_free_any },
	[MODEL_PROJECT] = { project_decode_any, project_free_any },
	[MODEL_MEMBER] = { member_decode_any, member_free_any },
	[MODEL_PROJECT_MEMBER] = { project_member_decode_any,
				   project_member_free_any },
	[MODEL_INVITATION] = { invitation_decode_any, invitation_free_any },
	[MODEL_INVITE_RESULTS] = { invite_results_decode_any,
				   invite_results_free_any },
	[MODEL_ACCEPTANCE] = { acceptance_decode_any, acceptance_free_any },
	[MODEL_KEY] = { key_decode_any, key_free_any },
	[MODEL_RESOURCE] = { resource_decode_any, resource_free_any },
	[MODEL_EVENT] = { event_decode_any, event_free_any },
	[MODEL_ME] = { me_decode_any, me_free_any },
	[MODEL_DELETED] = { deleted_decode_any, deleted_free_any },
	[MODEL_PAGE] = { NULL, page_free_any },
};

void *model_decode(enum model_type type, const cJSON *json)
{
	if ((unsigned int)type >= MODEL__COUNT ||
	    model_ops[type].decode == NULL) {
		errno = EINVAL;
		return NULL;
	}
	return model_ops[type].decode(json);
}

void model_free(enum model_type type, void *obj)
{
	if (obj == NULL || (unsigned int)type >= MODEL__COUNT ||
	    model_ops[type].free == NULL)
		return;
	model_ops[type].free(obj);
}
