/* SPDX-License-Identifier: MIT */
/*
 * Decoding of the API's JSON objects into the structs of model.h, leniently:
 * a field that is missing or of the wrong type reads as absent, so that a
 * server newer or buggier than the console never crashes it.
 *
 * Each type is written down once, as a table of its fields (JSON key, how
 * to read it, where it goes in the struct).  One decoder and one free
 * function walk those tables; a type adds hand-written steps only for what
 * a table cannot say.
 */
#include "orgdeck/model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

/* Reading fields */

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

	*out = strdup(text != NULL ? text : "");
	return *out != NULL ? 0 : -1;
}

/* Copies the string @key into *@out, NULL when absent.  Returns 0 or -1. */
static int json_str_opt(char **out, const cJSON *obj, const char *key)
{
	const char *text = json_text(obj, key);

	*out = NULL;
	if (text == NULL)
		return 0;
	*out = strdup(text);
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
		(*out)[used] = strdup(item->valuestring);
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

/*
 * Decodes every item of the list @key of @json as @type into a new array
 * at *@out.  An item that does not decode fails the whole list.
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

/* Describing a type */

/* How a field is read, and so how it is freed. */
enum field_kind {
	FIELD_STR,	  /* char *, "" when absent */
	FIELD_STR_OPT,	  /* char *, NULL when absent */
	FIELD_SECRET,	  /* char * in locked memory, NULL when absent */
	FIELD_RAW,	  /* char *, the value as compact JSON; NULL when absent
			     or null */
	FIELD_STRV,	  /* char **, the strings of a list */
	FIELD_TIME,	  /* time_t */
	FIELD_LONG,	  /* long */
	FIELD_BOOL,	  /* bool */
	FIELD_ROLE,	  /* enum role */
	FIELD_ACTIONS,	  /* uint64_t, one bit per enum perm */
	FIELD_ENUM,	  /* an enum, by its wire names */
	FIELD_OBJECT,	  /* a struct held inline, which must be there */
	FIELD_OBJECT_OPT, /* a struct held inline, empty when absent */
};

struct model_desc;

struct model_field {
	const char *key;
	enum field_kind kind;
	size_t offset;
	const char *const *names;      /* FIELD_ENUM: by value, NULL-ended */
	int fallback;		       /* FIELD_ENUM: absent or unknown */
	const struct model_desc *desc; /* FIELD_OBJECT*: what it holds */
};

/* A type of object: which JSON it accepts, and what it holds. */
struct model_desc {
	const char *object; /* the "object" it must name, if it names one;
			       NULL: any */
	bool needs_id;	    /* refused without a string "id" */
	size_t size;
	const struct model_field *fields;
	size_t field_count;
	/* The steps the fields cannot say, run after them; NULL: none. */
	int (*fill)(void *obj, const cJSON *json);
	void (*release)(void *obj);
};

/* A field whose struct member is named as its JSON key, as all are. */
#define FIELD(type, member, how)                        \
	{                                               \
		.key = #member, .kind = FIELD_##how,    \
		.offset = offsetof(struct type, member) \
	}
#define ENUM_FIELD(type, member, names_, fallback_)                         \
	{                                                                   \
		.key = #member, .kind = FIELD_ENUM,                         \
		.offset = offsetof(struct type, member), .names = (names_), \
		.fallback = (fallback_)                                     \
	}
#define OBJECT_FIELD(type, member, how, desc_)                           \
	{                                                                \
		.key = #member, .kind = FIELD_##how,                     \
		.offset = offsetof(struct type, member), .desc = (desc_) \
	}
#define FIELDS(list) \
	.fields = (list), .field_count = sizeof(list) / sizeof(*(list))

/* FIELD_ENUM writes an int: each enum it fills must be as wide as one. */
_Static_assert(sizeof(enum model_org_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(enum model_invitation_status) == sizeof(int),
	       "enum size");
_Static_assert(sizeof(enum model_key_status) == sizeof(int), "enum size");

static int desc_fill(const struct model_desc *desc, void *obj,
		     const cJSON *json);
static void desc_release(const struct model_desc *desc, void *obj);

/* True when @json is an object @desc accepts. */
static bool desc_accepts(const struct model_desc *desc, const cJSON *json)
{
	const char *type = json_text(json, "object");

	if (!cJSON_IsObject(json))
		return false;
	if (type != NULL && desc->object != NULL &&
	    strcmp(type, desc->object) != 0)
		return false;
	return !desc->needs_id || json_text(json, "id") != NULL;
}

/* An inline object: from @key when it is one, else empty or a failure. */
static int field_object_fill(void *at, const struct model_field *f,
			     const cJSON *json)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(json, f->key);

	if (!desc_accepts(f->desc, item)) {
		if (f->kind == FIELD_OBJECT)
			return -1;
		item = NULL;
	}
	return desc_fill(f->desc, at, item);
}

/* Reads a field that holds no memory of its own. */
static void field_value_fill(void *at, const struct model_field *f,
			     const cJSON *json)
{
	switch (f->kind) {
	case FIELD_TIME:
		*(time_t *)at = json_time(json, f->key);
		break;
	case FIELD_LONG:
		*(long *)at = json_long(json, f->key);
		break;
	case FIELD_BOOL:
		*(bool *)at = json_bool(json, f->key);
		break;
	case FIELD_ROLE:
		*(enum role *)at = json_role(json, f->key);
		break;
	case FIELD_ACTIONS:
		*(uint64_t *)at = json_actions(json, f->key);
		break;
	case FIELD_ENUM:
		*(int *)at = json_enum(json, f->key, f->names, f->fallback);
		break;
	default:
		break;
	}
}

/* Reads the field @f of @obj from @json.  Returns 0 or -1. */
static int field_fill(void *obj, const struct model_field *f, const cJSON *json)
{
	void *at = (char *)obj + f->offset;

	switch (f->kind) {
	case FIELD_STR:
		return json_str(at, json, f->key);
	case FIELD_STR_OPT:
		return json_str_opt(at, json, f->key);
	case FIELD_SECRET:
		return json_secret(at, json, f->key);
	case FIELD_RAW:
		return json_raw(at, json, f->key);
	case FIELD_STRV:
		return json_strv(at, json, f->key);
	case FIELD_OBJECT:
	case FIELD_OBJECT_OPT:
		return field_object_fill(at, f, json);
	default:
		field_value_fill(at, f, json);
		return 0;
	}
}

/* Frees what the field @f of @obj holds, wiping a secret. */
static void field_release(void *obj, const struct model_field *f)
{
	void *at = (char *)obj + f->offset;

	switch (f->kind) {
	case FIELD_STR:
	case FIELD_STR_OPT:
	case FIELD_RAW:
		free(*(char **)at);
		break;
	case FIELD_SECRET:
		model_secret_free(at);
		break;
	case FIELD_STRV:
		model_strv_free(at);
		break;
	case FIELD_OBJECT:
	case FIELD_OBJECT_OPT:
		desc_release(f->desc, at);
		break;
	default:
		break;
	}
}

/* Fills the zeroed @obj from @json, which may be NULL.  Returns 0 or -1,
 * leaving what was read for desc_release(). */
static int desc_fill(const struct model_desc *desc, void *obj,
		     const cJSON *json)
{
	size_t i;

	for (i = 0; i < desc->field_count; i++)
		if (field_fill(obj, &desc->fields[i], json) < 0)
			return -1;
	return desc->fill != NULL ? desc->fill(obj, json) : 0;
}

/* Frees everything @obj points to, but not @obj. */
static void desc_release(const struct model_desc *desc, void *obj)
{
	size_t i;

	if (desc->release != NULL)
		desc->release(obj);
	for (i = 0; i < desc->field_count; i++)
		field_release(obj, &desc->fields[i]);
}

/* A new object of @desc from @json, or NULL. */
static void *desc_decode(const struct model_desc *desc, const cJSON *json)
{
	void *obj;

	if (!desc_accepts(desc, json))
		return NULL;
	obj = calloc(1, desc->size);
	if (obj == NULL)
		return NULL;

	if (desc_fill(desc, obj, json) < 0) {
		desc_release(desc, obj);
		free(obj);
		obj = NULL;
	}
	return obj;
}

/* Names */

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

/* Users, organizations, projects and members */

static const struct model_field user_fields[] = {
	FIELD(model_user, id, STR),
	FIELD(model_user, email, STR),
	FIELD(model_user, name, STR),
	FIELD(model_user, created_at, TIME),
};

static const struct model_desc user_desc = {
	.object = "user",
	.needs_id = true,
	.size = sizeof(struct model_user),
	FIELDS(user_fields),
};

static const char *const org_kind_names[] = { "team", "personal", NULL };

static const struct model_field org_fields[] = {
	FIELD(model_org, id, STR),
	FIELD(model_org, name, STR),
	ENUM_FIELD(model_org, kind, org_kind_names, MODEL_ORG_TEAM),
	FIELD(model_org, owner_id, STR),
	FIELD(model_org, created_at, TIME),
	FIELD(model_org, updated_at, TIME),
	FIELD(model_org, etag, STR),
	FIELD(model_org, role, ROLE),
	FIELD(model_org, actions, ACTIONS),
};

static const struct model_desc org_desc = {
	.object = "organization",
	.needs_id = true,
	.size = sizeof(struct model_org),
	FIELDS(org_fields),
};

static const struct model_field project_fields[] = {
	FIELD(model_project, id, STR),
	FIELD(model_project, org_id, STR),
	FIELD(model_project, name, STR),
	FIELD(model_project, description, STR),
	FIELD(model_project, created_at, TIME),
	FIELD(model_project, updated_at, TIME),
	FIELD(model_project, etag, STR),
	FIELD(model_project, role, ROLE),
	FIELD(model_project, actions, ACTIONS),
};

static const struct model_desc project_desc = {
	.object = "project",
	.needs_id = true,
	.size = sizeof(struct model_project),
	FIELDS(project_fields),
};

static const struct model_field member_fields[] = {
	FIELD(model_member, id, STR),
	OBJECT_FIELD(model_member, user, OBJECT_OPT, &user_desc),
	FIELD(model_member, role, ROLE),
	FIELD(model_member, owner, BOOL),
	FIELD(model_member, joined_at, TIME),
	FIELD(model_member, etag, STR),
};

static const struct model_desc member_desc = {
	.object = "member",
	.needs_id = true,
	.size = sizeof(struct model_member),
	FIELDS(member_fields),
};

static const struct model_field project_member_fields[] = {
	FIELD(model_project_member, id, STR),
	OBJECT_FIELD(model_project_member, user, OBJECT_OPT, &user_desc),
	FIELD(model_project_member, role, ROLE),
	FIELD(model_project_member, org_role, ROLE),
	FIELD(model_project_member, added_at, TIME),
	FIELD(model_project_member, etag, STR),
};

static const struct model_desc project_member_desc = {
	.object = "project_member",
	.needs_id = true,
	.size = sizeof(struct model_project_member),
	FIELDS(project_member_fields),
};

/* Invitations */

/* Decodes the "projects" list of an invitation; bad entries are skipped. */
static int invitation_fill(void *obj, const cJSON *json)
{
	struct model_invitation *inv = obj;
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

static void invitation_release(void *obj)
{
	struct model_invitation *inv = obj;
	size_t i;

	for (i = 0; i < inv->project_count; i++)
		free(inv->projects[i].project_id);
	free(inv->projects);
}

static const struct model_field invitation_fields[] = {
	FIELD(model_invitation, id, STR),
	FIELD(model_invitation, org_id, STR),
	FIELD(model_invitation, org_name, STR),
	FIELD(model_invitation, email, STR),
	FIELD(model_invitation, role, ROLE),
	ENUM_FIELD(model_invitation, status, invitation_status_names,
		   MODEL_INVITATION_UNKNOWN),
	FIELD(model_invitation, invited_by, STR),
	FIELD(model_invitation, created_at, TIME),
	FIELD(model_invitation, expires_at, TIME),
	FIELD(model_invitation, sent_count, LONG),
	FIELD(model_invitation, last_sent_at, TIME),
	FIELD(model_invitation, etag, STR),
	FIELD(model_invitation, code, SECRET),
};

static const struct model_desc invitation_desc = {
	.object = "invitation",
	.needs_id = true,
	.size = sizeof(struct model_invitation),
	FIELDS(invitation_fields),
	.fill = invitation_fill,
	.release = invitation_release,
};

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

/* Decodes every entry of "data"; the first that fails stops it. */
static int invite_results_fill(void *obj, const cJSON *json)
{
	struct model_invite_results *res = obj;
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(json, "data");
	const cJSON *item;
	int n;

	if (!cJSON_IsArray(list))
		return -1;
	n = cJSON_GetArraySize(list);
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

static void invite_results_release(void *obj)
{
	struct model_invite_results *res = obj;
	struct model_invite_result *r;
	size_t i;

	for (i = 0; i < res->count; i++) {
		r = &res->items[i];
		free(r->email);
		free(r->error_code);
		free(r->error_message);
		model_invitation_free(&r->invitation);
	}
	free(res->items);
}

static const struct model_desc invite_results_desc = {
	.object = "invitation_results",
	.size = sizeof(struct model_invite_results),
	.fill = invite_results_fill,
	.release = invite_results_release,
};

/* The organization joined by accepting. */
static int acceptance_fill(void *obj, const cJSON *json)
{
	struct model_acceptance *a = obj;

	a->org = model_org_decode(
		cJSON_GetObjectItemCaseSensitive(json, "organization"));
	return a->org != NULL ? 0 : -1;
}

static void acceptance_release(void *obj)
{
	struct model_acceptance *a = obj;

	model_org_free(&a->org);
}

static const struct model_field acceptance_fields[] = {
	OBJECT_FIELD(model_acceptance, user, OBJECT, &user_desc),
	FIELD(model_acceptance, token, SECRET),
};

static const struct model_desc acceptance_desc = {
	.object = "acceptance",
	.size = sizeof(struct model_acceptance),
	FIELDS(acceptance_fields),
	.fill = acceptance_fill,
	.release = acceptance_release,
};

/* API keys */

static const char *const key_scope_names[] = { "org", "project", NULL };

/* The scope, which an older server leaves to be told by the project id. */
static int key_fill(void *obj, const cJSON *json)
{
	struct model_key *k = obj;

	k->scope = json_enum(json, "scope", key_scope_names,
			     k->project_id != NULL ? SCOPE_PROJECT : SCOPE_ORG);
	return 0;
}

static const struct model_field key_fields[] = {
	FIELD(model_key, id, STR),
	FIELD(model_key, name, STR),
	FIELD(model_key, org_id, STR),
	FIELD(model_key, project_id, STR_OPT),
	FIELD(model_key, role, ROLE),
	FIELD(model_key, redacted, STR),
	OBJECT_FIELD(model_key, created_by, OBJECT_OPT, &user_desc),
	FIELD(model_key, created_at, TIME),
	FIELD(model_key, expires_at, TIME),
	FIELD(model_key, last_used_at, TIME),
	FIELD(model_key, use_count, LONG),
	ENUM_FIELD(model_key, status, key_status_names, MODEL_KEY_UNKNOWN),
	FIELD(model_key, etag, STR),
	FIELD(model_key, secret, SECRET),
};

static const struct model_desc key_desc = {
	.object = "api_key",
	.needs_id = true,
	.size = sizeof(struct model_key),
	FIELDS(key_fields),
	.fill = key_fill,
};

/* Resources */

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

/* The kind, and its details: a config, settings or a value. */
static int resource_fill(void *obj, const cJSON *json)
{
	struct model_resource *r = obj;
	int kind = resource_kind_of(json);

	if (kind < 0)
		return -1;

	r->kind = (enum model_resource_kind)kind;
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

static void resource_release(void *obj)
{
	struct model_resource *r = obj;

	free(r->config);
	model_secret_free(&r->value);
}

static const struct model_field resource_fields[] = {
	FIELD(model_resource, id, STR),
	FIELD(model_resource, org_id, STR),
	FIELD(model_resource, project_id, STR_OPT),
	FIELD(model_resource, name, STR),
	FIELD(model_resource, created_by, STR),
	FIELD(model_resource, created_at, TIME),
	FIELD(model_resource, updated_at, TIME),
	FIELD(model_resource, etag, STR),
	FIELD(model_resource, provider, STR),
	FIELD(model_resource, status, STR),
	FIELD(model_resource, redirect_uris, STRV),
	FIELD(model_resource, providers, STRV),
};

static const struct model_desc resource_desc = {
	.needs_id = true,
	.size = sizeof(struct model_resource),
	FIELDS(resource_fields),
	.fill = resource_fill,
	.release = resource_release,
};

/* Events */

static const struct model_field ref_fields[] = {
	FIELD(model_ref, type, STR),
	FIELD(model_ref, id, STR),
	FIELD(model_ref, name, STR),
};

static const struct model_desc ref_desc = {
	.size = sizeof(struct model_ref),
	FIELDS(ref_fields),
};

static const struct model_field event_fields[] = {
	FIELD(model_event, id, STR),
	FIELD(model_event, org_id, STR),
	FIELD(model_event, project_id, STR_OPT),
	OBJECT_FIELD(model_event, actor, OBJECT_OPT, &ref_desc),
	FIELD(model_event, action, STR),
	OBJECT_FIELD(model_event, target, OBJECT_OPT, &ref_desc),
	FIELD(model_event, before, RAW),
	FIELD(model_event, after, RAW),
	FIELD(model_event, request_id, STR),
	FIELD(model_event, created_at, TIME),
};

static const struct model_desc event_desc = {
	.object = "event",
	.needs_id = true,
	.size = sizeof(struct model_event),
	FIELDS(event_fields),
};

/* Me */

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

/* Who the token acts as, and the lists of what it reaches. */
static int me_fill(void *obj, const cJSON *json)
{
	struct model_me *me = obj;

	if (me_auth_fill(me, json) < 0 ||
	    json_objects((void ***)&me->orgs, &me->org_count, json,
			 "organizations", MODEL_ORG) < 0 ||
	    json_objects((void ***)&me->invitations, &me->invitation_count,
			 json, "invitations", MODEL_INVITATION) < 0)
		return -1;
	return 0;
}

static void me_release(void *obj)
{
	struct model_me *me = obj;

	model_key_free(&me->key);
	model_objects_free(MODEL_ORG, (void ***)&me->orgs, &me->org_count);
	model_objects_free(MODEL_INVITATION, (void ***)&me->invitations,
			   &me->invitation_count);
}

static const struct model_field me_fields[] = {
	OBJECT_FIELD(model_me, user, OBJECT, &user_desc),
};

static const struct model_desc me_desc = {
	.object = "me",
	.size = sizeof(struct model_me),
	FIELDS(me_fields),
	.fill = me_fill,
	.release = me_release,
};

/* Deletions and pages */

static const struct model_field deleted_fields[] = {
	FIELD(model_deleted, object, STR),
	FIELD(model_deleted, id, STR),
	FIELD(model_deleted, deleted, BOOL),
};

static const struct model_desc deleted_desc = {
	.needs_id = true,
	.size = sizeof(struct model_deleted),
	FIELDS(deleted_fields),
};

static void page_release(void *obj)
{
	struct model_page *page = obj;

	model_objects_free(page->item_type, &page->items, &page->count);
}

/* The items are read by model_page_decode(), which knows their type. */
static const struct model_field page_fields[] = {
	FIELD(model_page, has_more, BOOL),
	FIELD(model_page, last_id, STR_OPT),
};

static const struct model_desc page_desc = {
	.object = "list",
	.size = sizeof(struct model_page),
	FIELDS(page_fields),
	.release = page_release,
};

struct model_page *model_page_decode(const cJSON *json,
				     enum model_type item_type)
{
	struct model_page *page;

	if (item_type == MODEL_PAGE ||
	    !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(json, "data")))
		return NULL;
	page = desc_decode(&page_desc, json);
	if (page == NULL)
		return NULL;

	page->item_type = item_type;
	if (json_objects(&page->items, &page->count, json, "data", item_type) <
	    0)
		model_page_free(&page);
	return page;
}

void model_page_free(struct model_page **p)
{
	if (p == NULL)
		return;
	model_free(MODEL_PAGE, *p);
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

/* Every type by enum model_type; its "object" name is also its wire name. */
static const struct model_desc *const model_descs[MODEL__COUNT] = {
	[MODEL_USER] = &user_desc,
	[MODEL_ORG] = &org_desc,
	[MODEL_PROJECT] = &project_desc,
	[MODEL_MEMBER] = &member_desc,
	[MODEL_PROJECT_MEMBER] = &project_member_desc,
	[MODEL_INVITATION] = &invitation_desc,
	[MODEL_INVITE_RESULTS] = &invite_results_desc,
	[MODEL_ACCEPTANCE] = &acceptance_desc,
	[MODEL_KEY] = &key_desc,
	[MODEL_RESOURCE] = &resource_desc,
	[MODEL_EVENT] = &event_desc,
	[MODEL_ME] = &me_desc,
	[MODEL_DELETED] = &deleted_desc,
	[MODEL_PAGE] = &page_desc,
};

enum model_type model_type_parse(const char *name)
{
	const struct model_desc *desc;
	int i;

	if (name == NULL)
		return MODEL_NONE;
	for (i = 1; i < MODEL__COUNT; i++) {
		desc = model_descs[i];
		if (desc != NULL && desc->object != NULL &&
		    strcmp(desc->object, name) == 0)
			return (enum model_type)i;
	}

	for (i = 0; i < MODEL_RESOURCE__COUNT; i++)
		if (strcmp(resource_names[i], name) == 0)
			return MODEL_RESOURCE;
	return MODEL_NONE;
}

void *model_decode(enum model_type type, const cJSON *json)
{
	/* A page is decoded only by model_page_decode(): it needs the type
	 * of its items. */
	if ((unsigned int)type >= MODEL__COUNT || model_descs[type] == NULL ||
	    type == MODEL_PAGE) {
		errno = EINVAL;
		return NULL;
	}
	return desc_decode(model_descs[type], json);
}

void model_free(enum model_type type, void *obj)
{
	if (obj == NULL || (unsigned int)type >= MODEL__COUNT ||
	    model_descs[type] == NULL)
		return;
	desc_release(model_descs[type], obj);
	free(obj);
}

/* model_user_decode(), model_user_free() and the others: model_decode()
 * and model_free() for one type. */
#define MODEL_TYPED(name, type)                                       \
	struct model_##name *model_##name##_decode(const cJSON *json) \
	{                                                             \
		return model_decode(type, json);                      \
	}                                                             \
                                                                      \
	void model_##name##_free(struct model_##name **p)             \
	{                                                             \
		if (p == NULL)                                        \
			return;                                       \
		model_free(type, *p);                                 \
		*p = NULL;                                            \
	}

MODEL_TYPED(user, MODEL_USER)
MODEL_TYPED(org, MODEL_ORG)
MODEL_TYPED(project, MODEL_PROJECT)
MODEL_TYPED(member, MODEL_MEMBER)
MODEL_TYPED(project_member, MODEL_PROJECT_MEMBER)
MODEL_TYPED(invitation, MODEL_INVITATION)
MODEL_TYPED(invite_results, MODEL_INVITE_RESULTS)
MODEL_TYPED(acceptance, MODEL_ACCEPTANCE)
MODEL_TYPED(key, MODEL_KEY)
MODEL_TYPED(resource, MODEL_RESOURCE)
MODEL_TYPED(event, MODEL_EVENT)
MODEL_TYPED(me, MODEL_ME)
MODEL_TYPED(deleted, MODEL_DELETED)
