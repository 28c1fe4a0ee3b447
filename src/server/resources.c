/* SPDX-License-Identifier: MIT */
/*
 * Connections, secrets and AuthKit configurations.  The three kinds share
 * one implementation of list, create, read, update and delete, at
 * organization and project level; a descriptor per kind names its table,
 * its fields (type, limits, whether only the details show it) and the
 * permission each act needs.
 */
#include "resources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/buf.h"
#include "orgdeck/log.h"

#include "audit.h"
#include "authz.h"
#include "body.h"
#include "db.h"
#include "json.h"
#include "page.h"
#include "reply.h"
#include "router.h"
#include "stamp.h"
#include "vault.h"

#define RESOURCE_OBJECT_MAX   16384 /* printed bytes of config or settings */
#define RESOURCE_VALUE_MAX    65536 /* bytes of a secret's value */
#define RESOURCE_PROVIDER_MAX 50
#define RESOURCE_FIELDS_MAX   5
#define RESOURCE_SQL_MAX      2048
#define RESOURCE_REDACTED     "[redacted]"

/* How a field is checked, stored and shown. */
enum resource_type {
	RESOURCE_NAME,	   /* 1-100 printable characters, trimmed, unique */
	RESOURCE_PROVIDER, /* 1-50 characters of [a-z0-9_-] */
	RESOURCE_STATUS,   /* text the server sets; never in a body */
	RESOURCE_OBJECT,   /* a JSON object of at most RESOURCE_OBJECT_MAX */
	RESOURCE_STRINGS,  /* a JSON array of non-empty strings, same limit */
	RESOURCE_SEALED,   /* a string of at most 64 KiB, sealed at rest */
};

struct resource_field {
	const char *name;   /* on the wire */
	const char *column; /* in the kind's table */
	enum resource_type type;
	bool required; /* on create */
	bool detail;   /* shown only when one object is read */
};

struct resource_kind {
	const char *path;   /* "/v1/orgs/{org}/PATH", "/v1/PATH/{id}" */
	const char *object; /* "object" of its JSON, target type of events */
	const char *table;
	const char *prefix; /* of its IDs */
	enum perm list, create, read, update, remove;
	bool create_shows_details; /* false: a creator may not read it back */
	/* Its fields, in the order of their columns; ends with { NULL }. */
	struct resource_field fields[RESOURCE_FIELDS_MAX + 1];
};

/* clang-format off */
static const struct resource_kind resources_kinds[] = {
	{ "connections", "connection", "connections", "con_",
	  PERM_CONNECTION_LIST, PERM_CONNECTION_CREATE, PERM_CONNECTION_READ,
	  PERM_CONNECTION_UPDATE, PERM_CONNECTION_DELETE, true, {
		{ "name", "name", RESOURCE_NAME, true, false },
		{ "provider", "provider", RESOURCE_PROVIDER, true, false },
		/* XXX: always "active"; nothing checks the provider. */
		{ "status", "status", RESOURCE_STATUS, false, false },
		{ "config", "config", RESOURCE_OBJECT, false, true },
		{ NULL, NULL, RESOURCE_NAME, false, false } } },
	{ "secrets", "secret", "secrets", "sec_",
	  PERM_SECRET_LIST, PERM_SECRET_CREATE, PERM_SECRET_READ,
	  PERM_SECRET_UPDATE, PERM_SECRET_DELETE, false, {
		{ "name", "name", RESOURCE_NAME, true, false },
		{ "value", "value_sealed", RESOURCE_SEALED, true, true },
		{ NULL, NULL, RESOURCE_NAME, false, false } } },
	{ "authkit", "authkit", "authkits", "akc_",
	  PERM_AUTHKIT_LIST, PERM_AUTHKIT_CREATE, PERM_AUTHKIT_READ,
	  PERM_AUTHKIT_UPDATE, PERM_AUTHKIT_DELETE, true, {
		{ "name", "name", RESOURCE_NAME, true, false },
		{ "redirect_uris", "redirect_uris", RESOURCE_STRINGS,
		  false, false },
		{ "providers", "providers", RESOURCE_STRINGS, false, false },
		{ "settings", "settings", RESOURCE_OBJECT, false, true },
		{ NULL, NULL, RESOURCE_NAME, false, false } } },
};
/* clang-format on */

#define RESOURCE_KINDS (sizeof(resources_kinds) / sizeof(resources_kinds[0]))

/* The columns every kind has, in the order every query selects them. */
enum {
	RESOURCE_C_ID,
	RESOURCE_C_ORG,
	RESOURCE_C_PROJECT,
	RESOURCE_C_CREATED_BY,
	RESOURCE_C_CREATED_AT,
	RESOURCE_C_UPDATED_AT,
	RESOURCE_C_VERSION,
	RESOURCE_C_FIELDS /* the kind's fields follow, in descriptor order */
};

/* How much of an object resources_json() shows. */
enum resource_view {
	RESOURCE_SUMMARY, /* lists */
	RESOURCE_DETAILS, /* reading one object */
	RESOURCE_AUDIT	  /* the kind's fields only, sealed ones redacted */
};

/* A field's new value from a request body, ready to store. */
struct resource_value {
	bool given;
	char *text;	       /* names and JSON, as stored; owned */
	unsigned char *sealed; /* vault_seal() of a secret value; owned */
	size_t len;	       /* bytes of sealed */
};

/* Where a stored object lives, and its version. */
struct resource_place {
	char org_id[ID_SIZE];
	char project_id[ID_SIZE]; /* "" at organization level */
	int64_t version;
};

/* The kind whose path segment is the first @len bytes of @name. */
static const struct resource_kind *resources_kind_named(const char *name,
							size_t len)
{
	size_t i;

	for (i = 0; i < RESOURCE_KINDS; i++)
		if (strlen(resources_kinds[i].path) == len &&
		    strncmp(name, resources_kinds[i].path, len) == 0)
			return &resources_kinds[i];
	return NULL;
}

/* The kind a request's path names: "/v1/KIND/{id}" or ".../KIND". */
static const struct resource_kind *resources_kind_of(const struct req *req)
{
	const char *head = req->path + strlen("/v1/");
	const char *tail = strrchr(req->path, '/') + 1;
	const struct resource_kind *k;

	k = resources_kind_named(head, strcspn(head, "/"));
	if (k == NULL)
		k = resources_kind_named(tail, strlen(tail));
	return k;
}

/*
 * Writes "SELECT <columns> FROM <table> @rest" into @sql, which the caller
 * releases.  The text holds only names from the descriptor table; values
 * are always bound.  Returns 0, or -1 when it does not fit.
 */
static int resources_select_sql(struct buf *sql, const struct resource_kind *k,
				const char *rest)
{
	size_t i;

	buf_init(sql, RESOURCE_SQL_MAX);
	if (buf_puts(sql, "SELECT id, org_id, project_id, created_by,"
			  " created_at, updated_at, version") < 0)
		return -1;
	for (i = 0; k->fields[i].name != NULL; i++)
		if (buf_printf(sql, ", %s", k->fields[i].column) < 0)
			return -1;
	return buf_printf(sql, " FROM %s %s", k->table, rest);
}

/* Adds a sealed value, opened, to @obj as @name. */
static int resources_json_sealed(cJSON *obj, const char *name, sqlite3_stmt *st,
				 int col)
{
	struct buf plain;
	const void *blob = sqlite3_column_blob(st, col);
	size_t len = (size_t)sqlite3_column_bytes(st, col);
	int ret = -1;

	buf_init(&plain, RESOURCE_VALUE_MAX + 1);
	if (blob == NULL || vault_open(&plain, blob, len) < 0)
		goto out;
	if (cJSON_AddStringToObject(
		    obj, name, plain.data != NULL ? plain.data : "") != NULL)
		ret = 0;

out:
	buf_release(&plain);
	return ret;
}

/* Adds field @f, stored in column @col of @st, to @obj. */
static int resources_json_field(cJSON *obj, const struct resource_field *f,
				sqlite3_stmt *st, int col,
				enum resource_view view)
{
	cJSON *value;

	if (f->type == RESOURCE_SEALED && view == RESOURCE_AUDIT)
		return cJSON_AddStringToObject(obj, f->name, RESOURCE_REDACTED)
			       ? 0
			       : -1;
	if (f->type == RESOURCE_SEALED)
		return resources_json_sealed(obj, f->name, st, col);
	if (f->type != RESOURCE_OBJECT && f->type != RESOURCE_STRINGS)
		return json_add_col(obj, f->name, st, col) ? 0 : -1;

	value = json_from_col(st, col);
	if (value == NULL || !cJSON_AddItemToObject(obj, f->name, value)) {
		cJSON_Delete(value);
		return -1;
	}
	return 0;
}

/* Adds the kind's fields that @view shows, @details choosing which. */
static int resources_json_fields(cJSON *obj, const struct resource_kind *k,
				 sqlite3_stmt *st, enum resource_view view,
				 bool details)
{
	const struct resource_field *f;
	int col = RESOURCE_C_FIELDS;

	for (f = k->fields; f->name != NULL; f++, col++) {
		if (f->detail != details)
			continue;
		if (resources_json_field(obj, f, st, col, view) < 0)
			return -1;
	}
	return 0;
}

/* The columns every object has, before its own fields. */
static int resources_json_head(cJSON *obj, const struct resource_kind *k,
			       sqlite3_stmt *st)
{
	if (cJSON_AddStringToObject(obj, "object", k->object) == NULL ||
	    json_add_col(obj, "id", st, RESOURCE_C_ID) == NULL ||
	    json_add_col(obj, "org_id", st, RESOURCE_C_ORG) == NULL ||
	    json_add_col(obj, "project_id", st, RESOURCE_C_PROJECT) == NULL)
		return -1;
	return 0;
}

/* The columns every object has, after its own fields. */
static int resources_json_tail(cJSON *obj, sqlite3_stmt *st)
{
	if (json_add_col(obj, "created_by", st, RESOURCE_C_CREATED_BY) ==
		    NULL ||
	    json_add_col_time(obj, "created_at", st, RESOURCE_C_CREATED_AT) ==
		    NULL ||
	    json_add_col_time(obj, "updated_at", st, RESOURCE_C_UPDATED_AT) ==
		    NULL ||
	    json_add_etag(obj, sqlite3_column_int64(st, RESOURCE_C_VERSION)) ==
		    NULL)
		return -1;
	return 0;
}

/* The object in the current row of @st, as @view shows it; NULL on error. */
static cJSON *resources_json(const struct resource_kind *k, sqlite3_stmt *st,
			     enum resource_view view)
{
	cJSON *obj = cJSON_CreateObject();
	int rc;

	if (obj == NULL)
		return NULL;

	if (view == RESOURCE_AUDIT)
		rc = resources_json_fields(obj, k, st, view, false) < 0 ||
		     resources_json_fields(obj, k, st, view, true) < 0;
	else
		rc = resources_json_head(obj, k, st) < 0 ||
		     resources_json_fields(obj, k, st, view, false) < 0 ||
		     resources_json_tail(obj, st) < 0 ||
		     (view == RESOURCE_DETAILS &&
		      resources_json_fields(obj, k, st, view, true) < 0);

	if (rc != 0)
		json_free(&obj);
	return obj;
}

/* Reads object @id of @k as @view shows it; NULL when gone or on error. */
static cJSON *resources_load(struct req *req, const struct resource_kind *k,
			     const char *id, enum resource_view view)
{
	sqlite3_stmt *st = NULL;
	cJSON *obj = NULL;
	struct buf sql;

	if (resources_select_sql(&sql, k, "WHERE id = ?1") == 0)
		st = db_stmt(req->db, sql.data, "t", id);
	if (st != NULL && db_step(st) == 1)
		obj = resources_json(k, st, view);
	db_done(&st);
	buf_release(&sql);
	return obj;
}

/*
 * The caller's access in project @project_id, or in organization @org_id
 * when that is NULL, needing @perm there.  Returns 0, or -1 after
 * answering.
 */
static int resources_access(struct req *req, struct access *a,
			    const char *org_id, const char *project_id,
			    enum perm perm)
{
	if (project_id != NULL)
		return authz_project_need(req, a, project_id, perm);
	return authz_org_need(req, a, org_id, perm);
}

/* As resources_access(), where the path points: "{org}" or "{prj}". */
static int resources_reach(struct req *req, struct access *a, enum perm perm)
{
	const char *org = req_param(req, "org");

	return resources_access(
		req, a, org, org == NULL ? req_param(req, "prj") : NULL, perm);
}

/* The project of @a for binding: NULL at organization level. */
static const char *resources_project(const struct access *a)
{
	return a->project_id[0] != '\0' ? a->project_id : NULL;
}

/*
 * Finds object @id of @k and the caller's access where it lives, needing
 * @perm there.  Fills @place.  Returns 0, or -1 after answering (404 for
 * anything missing or out of reach).
 */
static int resources_locate(struct req *req, const struct resource_kind *k,
			    const char *id, struct access *a, enum perm perm,
			    struct resource_place *place)
{
	sqlite3_stmt *st = NULL;
	struct buf sql;
	int rc = -1;

	memset(place, 0, sizeof(*place));
	if (id == NULL || !ids_valid(id, k->prefix))
		return reply_not_found(req);

	buf_init(&sql, RESOURCE_SQL_MAX);
	if (buf_printf(&sql,
		       "SELECT org_id, project_id, version FROM %s"
		       " WHERE id = ?1",
		       k->table) == 0)
		st = db_stmt(req->db, sql.data, "t", id);
	rc = st != NULL ? db_step(st) : -1;
	if (rc == 1) {
		ids_copy(place->org_id, db_text(st, 0));
		ids_copy(place->project_id, db_text(st, 1));
		place->version = sqlite3_column_int64(st, 2);
	}
	db_done(&st);
	buf_release(&sql);

	if (rc < 0)
		return reply_internal(req, "finding a resource");
	if (rc == 0)
		return reply_not_found(req);
	if (place->project_id[0] != '\0')
		return authz_project_need(req, a, place->project_id, perm);
	return authz_org_need(req, a, place->org_id, perm);
}

/* Adds one list row to @items; -1 when out of memory. */
static int resources_list_row(cJSON *items, const struct resource_kind *k,
			      sqlite3_stmt *st)
{
	cJSON *obj = resources_json(k, st, RESOURCE_SUMMARY);

	if (obj == NULL || !cJSON_AddItemToArray(items, obj)) {
		cJSON_Delete(obj);
		return -1;
	}
	return 0;
}

/* Turns ?after= into a position among @a's objects of @k. */
static int resources_list_seek(struct req *req, const struct resource_kind *k,
			       const struct access *a, struct page *pg)
{
	sqlite3_stmt *cursor = NULL;
	struct buf sql;
	int ret;

	buf_init(&sql, RESOURCE_SQL_MAX);
	if (pg->after != NULL &&
	    buf_printf(&sql,
		       "SELECT seq FROM %s WHERE id = ?1"
		       " AND org_id = ?2 AND project_id IS ?3",
		       k->table) == 0)
		cursor = db_stmt(req->db, sql.data, "-tt", a->org_id,
				 resources_project(a));
	ret = page_seek(req, pg, cursor);
	buf_release(&sql);
	return ret;
}

/*
 * Lists @a's objects of @k into @items, a page past pg->after_seq.
 * XXX: SQLite's lower() folds ASCII only, so ?q= ignores case only there.
 */
static int resources_list_rows(struct req *req, const struct resource_kind *k,
			       const struct access *a, const struct page *pg,
			       cJSON *items)
{
	sqlite3_stmt *st = NULL;
	struct buf sql;
	int rc = -1;

	if (resources_select_sql(&sql, k,
				 "WHERE org_id = ?1 AND project_id IS ?2"
				 " AND seq > ?3 AND (?4 IS NULL"
				 " OR instr(lower(name), lower(?4)) > 0)"
				 " ORDER BY seq LIMIT ?5") == 0)
		st = db_stmt(req->db, sql.data, "ttitn", a->org_id,
			     resources_project(a), pg->after_seq, pg->q,
			     pg->limit + 1);
	if (st != NULL)
		rc = db_step(st);
	while (rc == 1) {
		rc = resources_list_row(items, k, st) < 0 ? -1 : db_step(st);
	}
	db_done(&st);
	buf_release(&sql);
	return rc;
}

static int resources_list(struct req *req)
{
	const struct resource_kind *k = resources_kind_of(req);
	struct access a;
	struct page pg;
	cJSON *items;

	if (k == NULL)
		return reply_not_found(req);
	if (resources_reach(req, &a, k->list) < 0 || page_parse(req, &pg) < 0 ||
	    resources_list_seek(req, k, &a, &pg) < 0)
		return -1;

	items = cJSON_CreateArray();
	if (items == NULL || resources_list_rows(req, k, &a, &pg, items) < 0) {
		cJSON_Delete(items);
		return reply_internal(req, "listing resources");
	}
	return page_reply(req, &pg, items);
}

static int resources_body_type(enum resource_type type)
{
	if (type == RESOURCE_OBJECT)
		return BODY_OBJECT;
	if (type == RESOURCE_STRINGS)
		return BODY_ARRAY;
	return BODY_STRING;
}

/* Fills @out with the body fields of @k: required ones only on create. */
static void resources_body_fields(struct body_field *out,
				  const struct resource_kind *k, bool creating)
{
	const struct resource_field *f;
	size_t n = 0;

	for (f = k->fields; f->name != NULL; f++) {
		if (f->type == RESOURCE_STATUS)
			continue;
		out[n].name = f->name;
		out[n].types = resources_body_type(f->type);
		out[n].required = creating && f->required;
		n++;
	}
	memset(&out[n], 0, sizeof(out[n]));
}

static int resources_invalid(struct req *req, const struct resource_field *f,
			     const char *why)
{
	return reply_error(req, 422, "invalid_value", f->name, "%s %s", f->name,
			   why);
}

/* Checks a provider: 1-50 characters of [a-z0-9_-]. */
static int resources_check_provider(struct req *req,
				    const struct resource_field *f,
				    const char *text)
{
	size_t len = strlen(text);

	if (len < 1 || len > RESOURCE_PROVIDER_MAX ||
	    strspn(text, "abcdefghijklmnopqrstuvwxyz0123456789_-") != len)
		return resources_invalid(
			req, f,
			"must be 1-50 characters of a-z, 0-9, _ "
			"and -");
	return 0;
}

/* Checks that an array holds only non-empty strings. */
static int resources_check_strings(struct req *req,
				   const struct resource_field *f,
				   const cJSON *array)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, array)
	{
		if (!cJSON_IsString(item))
			return reply_error(req, 400, "invalid_type", f->name,
					   "%s must hold only strings",
					   f->name);
		if (item->valuestring[0] == '\0')
			return resources_invalid(req, f,
						 "may not hold empty strings");
	}
	return 0;
}

/* Prints a JSON field as stored, checking its size. */
static int resources_read_json(struct req *req, const struct resource_field *f,
			       const cJSON *item, struct resource_value *v)
{
	if (f->type == RESOURCE_STRINGS &&
	    resources_check_strings(req, f, item) < 0)
		return -1;

	v->text = cJSON_PrintUnformatted(item);
	if (v->text == NULL)
		return reply_internal(req, "printing a field");
	if (strlen(v->text) > RESOURCE_OBJECT_MAX)
		return resources_invalid(req, f,
					 "may be at most 16 KiB of JSON");
	return 0;
}

/* Seals a secret value. */
static int resources_read_sealed(struct req *req,
				 const struct resource_field *f,
				 const char *text, struct resource_value *v)
{
	size_t len = strlen(text);

	if (len > RESOURCE_VALUE_MAX)
		return resources_invalid(req, f, "may be at most 64 KiB");
	if (vault_seal(&v->sealed, &v->len, text, len) < 0)
		return reply_internal(req, "sealing a secret");
	return 0;
}

/* Checks the body's value of @f and makes it ready to store in @v. */
static int resources_read_value(struct req *req, const struct resource_field *f,
				const cJSON *item, struct resource_value *v)
{
	char name[AUTH_NAME_SIZE];

	v->given = true;
	if (f->type == RESOURCE_OBJECT || f->type == RESOURCE_STRINGS)
		return resources_read_json(req, f, item, v);
	if (f->type == RESOURCE_SEALED)
		return resources_read_sealed(req, f, item->valuestring, v);
	if (f->type == RESOURCE_PROVIDER &&
	    resources_check_provider(req, f, item->valuestring) < 0)
		return -1;
	if (f->type == RESOURCE_NAME &&
	    body_name(req, name, item->valuestring, f->name) < 0)
		return -1;

	v->text = strdup(f->type == RESOURCE_NAME ? name : item->valuestring);
	return v->text != NULL ? 0 : reply_internal(req, "no memory");
}

/* Reads every field the body gives into @vals (one per field of @k). */
static int resources_read_values(struct req *req, const struct resource_kind *k,
				 struct resource_value *vals)
{
	const struct resource_field *f;
	const cJSON *item;
	size_t i;

	for (i = 0, f = k->fields; f->name != NULL; f++, i++) {
		item = body_get(req, f->name);
		if (item != NULL &&
		    resources_read_value(req, f, item, &vals[i]) < 0)
			return -1;
	}
	return 0;
}

/* Wipes and frees what resources_read_values() made. */
static void resources_release_values(struct resource_value *vals, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (vals[i].text != NULL)
			sodium_memzero(vals[i].text, strlen(vals[i].text));
		free(vals[i].text);
		free(vals[i].sealed);
		memset(&vals[i], 0, sizeof(vals[i]));
	}
}

/* The new name among @vals, or NULL when not given. */
static const char *resources_new_name(const struct resource_kind *k,
				      const struct resource_value *vals)
{
	size_t i;

	for (i = 0; k->fields[i].name != NULL; i++)
		if (k->fields[i].type == RESOURCE_NAME && vals[i].given)
			return vals[i].text;
	return NULL;
}

/*
 * Answers 409 name_taken when another object of @k in the same place is
 * called @name.  Returns 0 when the name is free, -1 after answering.
 */
static int resources_check_name(struct req *req, const struct resource_kind *k,
				const struct access *a, const char *name,
				const char *self)
{
	struct buf sql;
	int64_t taken = 0;
	int rc = -1;

	buf_init(&sql, RESOURCE_SQL_MAX);
	if (buf_printf(&sql,
		       "SELECT count(*) FROM %s WHERE org_id = ?1"
		       " AND project_id IS ?2 AND name = ?3"
		       " AND id IS NOT ?4",
		       k->table) == 0)
		rc = db_int(req->db, &taken, sql.data, "tttt", a->org_id,
			    resources_project(a), name, self);
	buf_release(&sql);

	if (rc < 0)
		return reply_internal(req, "checking a name");
	if (taken > 0)
		return reply_error(req, 409, "name_taken", "name",
				   "there is already a %s called %s here",
				   k->object, name);
	return 0;
}

/* Binds the given values of @vals from parameter @index on. */
static int resources_bind_values(sqlite3_stmt *st,
				 const struct resource_kind *k,
				 const struct resource_value *vals, int index)
{
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; k->fields[i].name != NULL && rc == SQLITE_OK; i++) {
		if (!vals[i].given)
			continue;
		if (vals[i].sealed != NULL)
			rc = sqlite3_bind_blob(st, index++, vals[i].sealed,
					       (int)vals[i].len, SQLITE_STATIC);
		else
			rc = sqlite3_bind_text(st, index++, vals[i].text, -1,
					       SQLITE_STATIC);
	}
	return rc == SQLITE_OK ? 0 : -1;
}

/* Binds the given @vals from parameter @first on, runs and finalizes @st. */
static int resources_run(sqlite3_stmt *st, const struct resource_kind *k,
			 const struct resource_value *vals, int first)
{
	int rc = st != NULL ? resources_bind_values(st, k, vals, first) : -1;

	if (rc == 0)
		rc = db_step(st) < 0 ? -1 : 0;
	db_done(&st);
	return rc;
}

/* Writes @k's event for @perm on @id; takes @before and @after. */
static int resources_audit(struct req *req, const struct resource_kind *k,
			   const struct access *a, enum perm perm,
			   const char *id, const char *name, cJSON *before,
			   cJSON *after)
{
	struct audit ev = { 0 };

	ev.org_id = a->org_id;
	ev.project_id = resources_project(a);
	ev.action = perm_name(perm);
	ev.target_type = k->object;
	ev.target_id = id;
	ev.target_name = name;
	ev.before = before;
	ev.after = after;
	return audit_write(req, &ev);
}

/* Copies the "name" of @obj into @out (AUTH_NAME_SIZE bytes). */
static void resources_name_in(char *out, const cJSON *obj)
{
	const char *name =
		cJSON_GetStringValue(cJSON_GetObjectItem(obj, "name"));

	snprintf(out, AUTH_NAME_SIZE, "%s", name != NULL ? name : "");
}

/* Writes the INSERT of @k with the given @vals into @sql (values ?6..). */
static int resources_insert_sql(struct buf *sql, const struct resource_kind *k,
				const struct resource_value *vals)
{
	struct buf params;
	int n = 5, rc;
	size_t i;

	buf_init(sql, RESOURCE_SQL_MAX);
	buf_init(&params, RESOURCE_SQL_MAX);
	rc = buf_printf(sql,
			"INSERT INTO %s (id, org_id, project_id,"
			" created_by, created_at, updated_at",
			k->table);
	for (i = 0; rc == 0 && k->fields[i].name != NULL; i++) {
		if (!vals[i].given)
			continue;
		rc = buf_printf(sql, ", %s", k->fields[i].column);
		if (rc == 0)
			rc = buf_printf(&params, ", ?%d", ++n);
	}
	if (rc == 0)
		rc = buf_printf(sql, ") VALUES (?1, ?2, ?3, ?4, ?5, ?5%s)",
				params.data != NULL ? params.data : "");
	buf_release(&params);
	return rc;
}

/* Inserts object @id with @vals where @a points, and its event. */
static int resources_insert(struct req *req, const struct resource_kind *k,
			    const struct access *a, const char *id,
			    const struct resource_value *vals)
{
	char name[AUTH_NAME_SIZE];
	sqlite3_stmt *st = NULL;
	struct buf sql;
	cJSON *after;

	if (resources_insert_sql(&sql, k, vals) == 0)
		st = db_stmt(req->db, sql.data, "tttti", id, a->org_id,
			     resources_project(a), req->who.user_id,
			     stamp_now());
	buf_release(&sql);
	if (resources_run(st, k, vals, 6) < 0)
		return reply_internal(req, "storing a resource");

	after = resources_load(req, k, id, RESOURCE_AUDIT);
	if (after == NULL)
		return reply_internal(req, "reading a new resource");
	resources_name_in(name, after);
	if (resources_audit(req, k, a, k->create, id, name, NULL, after) < 0)
		return reply_internal(req, "recording a new resource");
	return 0;
}

/* Creates inside the transaction; -1 after answering. */
static int resources_make(struct req *req, const struct resource_kind *k,
			  const struct access *a, const char *id,
			  const struct resource_value *vals)
{
	if (resources_check_name(req, k, a, resources_new_name(k, vals), NULL) <
	    0)
		return -1;
	return resources_insert(req, k, a, id, vals);
}

static int resources_create(struct req *req)
{
	const struct resource_kind *k = resources_kind_of(req);
	struct body_field fields[RESOURCE_FIELDS_MAX + 1];
	struct resource_value vals[RESOURCE_FIELDS_MAX] = { 0 };
	enum resource_view view;
	struct access a;
	char id[ID_SIZE];
	int ret = -1;

	if (k == NULL)
		return reply_not_found(req);
	resources_body_fields(fields, k, true);
	if (body_check(req, fields) < 0 ||
	    resources_reach(req, &a, k->create) < 0 ||
	    resources_read_values(req, k, vals) < 0)
		goto out;

	ids_new(id, k->prefix);
	if (req_begin(req) < 0 ||
	    req_commit(req, resources_make(req, k, &a, id, vals)) < 0)
		goto out;

	view = k->create_shows_details && authz_allows(&a, k->read)
		       ? RESOURCE_DETAILS
		       : RESOURCE_SUMMARY;
	ret = reply_json(req, 201, resources_load(req, k, id, view));

out:
	resources_release_values(vals, RESOURCE_FIELDS_MAX);
	return ret;
}

static int resources_get(struct req *req)
{
	const struct resource_kind *k = resources_kind_of(req);
	const char *id = req_param(req, "id");
	struct resource_place place;
	struct access a;

	if (k == NULL || resources_locate(req, k, id, &a, k->read, &place) < 0)
		return k == NULL ? reply_not_found(req) : -1;
	return reply_json(req, 200,
			  resources_load(req, k, id, RESOURCE_DETAILS));
}

/* Writes the UPDATE of @k with the given @vals into @sql (values ?3..). */
static int resources_update_sql(struct buf *sql, const struct resource_kind *k,
				const struct resource_value *vals)
{
	int n = 2, rc;
	size_t i;

	buf_init(sql, RESOURCE_SQL_MAX);
	rc = buf_printf(sql,
			"UPDATE %s SET updated_at = ?2,"
			" version = version + 1",
			k->table);
	for (i = 0; rc == 0 && k->fields[i].name != NULL; i++)
		if (vals[i].given)
			rc = buf_printf(sql, ", %s = ?%d", k->fields[i].column,
					++n);
	if (rc == 0)
		rc = buf_puts(sql, " WHERE id = ?1");
	return rc;
}

/* Keeps in @obj only the fields that @vals changes. */
static void resources_pick(cJSON *obj, const struct resource_kind *k,
			   const struct resource_value *vals)
{
	size_t i;

	for (i = 0; k->fields[i].name != NULL; i++)
		if (!vals[i].given)
			cJSON_DeleteItemFromObjectCaseSensitive(
				obj, k->fields[i].name);
}

/* Stores the change of @id to @vals, and its event with before/after. */
static int resources_store_change(struct req *req,
				  const struct resource_kind *k,
				  const struct access *a, const char *id,
				  const struct resource_value *vals)
{
	cJSON *before = resources_load(req, k, id, RESOURCE_AUDIT), *after;
	char name[AUTH_NAME_SIZE];
	sqlite3_stmt *st = NULL;
	struct buf sql;

	if (before == NULL)
		return reply_internal(req, "reading a resource");
	if (resources_update_sql(&sql, k, vals) == 0)
		st = db_stmt(req->db, sql.data, "ti", id, stamp_now());
	buf_release(&sql);
	after = resources_run(st, k, vals, 3) == 0
			? resources_load(req, k, id, RESOURCE_AUDIT)
			: NULL;
	if (after == NULL) {
		cJSON_Delete(before);
		return reply_internal(req, "changing a resource");
	}

	resources_name_in(name, after);
	resources_pick(before, k, vals);
	resources_pick(after, k, vals);
	if (resources_audit(req, k, a, k->update, id, name, before, after) < 0)
		return reply_internal(req, "recording a change");
	return 0;
}

static bool resources_any_given(const struct resource_kind *k,
				const struct resource_value *vals)
{
	size_t i;

	for (i = 0; k->fields[i].name != NULL; i++)
		if (vals[i].given)
			return true;
	return false;
}

/* Changes inside the transaction; -1 after answering. */
static int resources_change(struct req *req, const struct resource_kind *k,
			    const char *id, const struct resource_value *vals,
			    struct access *a)
{
	const char *name = resources_new_name(k, vals);
	struct resource_place place;

	if (resources_locate(req, k, id, a, k->update, &place) < 0 ||
	    req_if_match(req, place.version, false) < 0)
		return -1;
	if (!resources_any_given(k, vals))
		return 0;
	if (name != NULL && resources_check_name(req, k, a, name, id) < 0)
		return -1;
	return resources_store_change(req, k, a, id, vals);
}

static int resources_update(struct req *req)
{
	const struct resource_kind *k = resources_kind_of(req);
	const char *id = req_param(req, "id");
	struct body_field fields[RESOURCE_FIELDS_MAX + 1];
	struct resource_value vals[RESOURCE_FIELDS_MAX] = { 0 };
	enum resource_view view;
	struct access a;
	int ret = -1;

	if (k == NULL)
		return reply_not_found(req);
	resources_body_fields(fields, k, false);
	if (body_check(req, fields) < 0 ||
	    resources_read_values(req, k, vals) < 0)
		goto out;
	if (req_begin(req) < 0 ||
	    req_commit(req, resources_change(req, k, id, vals, &a)) < 0)
		goto out;

	view = authz_allows(&a, k->read) ? RESOURCE_DETAILS : RESOURCE_SUMMARY;
	ret = reply_json(req, 200, resources_load(req, k, id, view));

out:
	resources_release_values(vals, RESOURCE_FIELDS_MAX);
	return ret;
}

/* Deletes inside the transaction; -1 after answering. */
static int resources_remove(struct req *req, const struct resource_kind *k,
			    const char *id, struct access *a)
{
	char name[AUTH_NAME_SIZE];
	struct resource_place place;
	struct buf sql;
	cJSON *before;
	int rc = -1;

	if (resources_locate(req, k, id, a, k->remove, &place) < 0 ||
	    req_if_match(req, place.version, false) < 0)
		return -1;

	before = resources_load(req, k, id, RESOURCE_AUDIT);
	buf_init(&sql, RESOURCE_SQL_MAX);
	if (before != NULL &&
	    buf_printf(&sql, "DELETE FROM %s WHERE id = ?1", k->table) == 0)
		rc = db_exec(req->db, NULL, sql.data, "t", id);
	buf_release(&sql);
	if (rc < 0) {
		cJSON_Delete(before);
		return reply_internal(req, "deleting a resource");
	}

	resources_name_in(name, before);
	if (resources_audit(req, k, a, k->remove, id, name, before, NULL) < 0)
		return reply_internal(req, "recording a deletion");
	return 0;
}

static int resources_delete(struct req *req)
{
	const struct resource_kind *k = resources_kind_of(req);
	const char *id = req_param(req, "id");
	struct access a;

	if (k == NULL)
		return reply_not_found(req);
	if (req_begin(req) < 0 ||
	    req_commit(req, resources_remove(req, k, id, &a)) < 0)
		return -1;
	return reply_deleted(req, k->object, id);
}

int resources_seed(struct req *req, const char *kind, const char *org_id,
		   const char *project_id, const char *body)
{
	const struct resource_kind *k =
		resources_kind_named(kind, strlen(kind));
	struct resource_value vals[RESOURCE_FIELDS_MAX] = { 0 };
	struct body_field fields[RESOURCE_FIELDS_MAX + 1];
	struct access a;
	char id[ID_SIZE];
	int ret = -1;

	json_free(&req->json);
	req->json = cJSON_Parse(body);
	if (k == NULL || !cJSON_IsObject(req->json))
		goto out;

	resources_body_fields(fields, k, true);
	if (body_check(req, fields) < 0 ||
	    resources_access(req, &a, org_id, project_id, k->create) < 0 ||
	    resources_read_values(req, k, vals) < 0)
		goto out;
	ids_new(id, k->prefix);
	ret = resources_make(req, k, &a, id, vals);

out:
	if (ret < 0)
		log_error("seeding %s: %s", kind,
			  req->answer != NULL ? req->answer : "bad body");
	resources_release_values(vals, RESOURCE_FIELDS_MAX);
	json_free(&req->json);
	return ret;
}

/* clang-format off */
#define RESOURCES_ROUTES(kind)                                          \
	{ "GET", "/v1/orgs/{org}/" kind, resources_list, 0 },           \
	{ "POST", "/v1/orgs/{org}/" kind, resources_create, 0 },        \
	{ "GET", "/v1/projects/{prj}/" kind, resources_list, 0 },       \
	{ "POST", "/v1/projects/{prj}/" kind, resources_create, 0 },    \
	{ "GET", "/v1/" kind "/{id}", resources_get, 0 },               \
	{ "PATCH", "/v1/" kind "/{id}", resources_update, 0 },          \
	{ "DELETE", "/v1/" kind "/{id}", resources_delete, 0 }

const struct route resources_routes[] = {
	RESOURCES_ROUTES("connections"),
	RESOURCES_ROUTES("secrets"),
	RESOURCES_ROUTES("authkit"),
	{ NULL, NULL, NULL, 0 },
};
/* clang-format on */
