/* SPDX-License-Identifier: MIT */
/* cJSON helpers shared by every resource file. */
#include "json.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/token.h"

#include "stamp.h"

cJSON *json_add_time(cJSON *obj, const char *name, int64_t t)
{
	char text[STAMP_SIZE];

	stamp_format(text, t);
	return cJSON_AddStringToObject(obj, name, text);
}

cJSON *json_add_text(cJSON *obj, const char *name, const char *text)
{
	if (text == NULL)
		return cJSON_AddNullToObject(obj, name);
	return cJSON_AddStringToObject(obj, name, text);
}

cJSON *json_add_col(cJSON *obj, const char *name, sqlite3_stmt *st, int col)
{
	return json_add_text(obj, name,
			     (const char *)sqlite3_column_text(st, col));
}

cJSON *json_add_col_time(cJSON *obj, const char *name, sqlite3_stmt *st,
			 int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return cJSON_AddNullToObject(obj, name);
	return json_add_time(obj, name, sqlite3_column_int64(st, col));
}

cJSON *json_add_etag(cJSON *obj, int64_t version)
{
	char etag[32];

	snprintf(etag, sizeof(etag), "\"v%lld\"", (long long)version);
	return cJSON_AddStringToObject(obj, "etag", etag);
}

cJSON *json_from_col(sqlite3_stmt *st, int col)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	cJSON *value = text != NULL ? cJSON_Parse(text) : NULL;

	return value != NULL ? value : cJSON_CreateNull();
}

/* True when @item is a field whose name marks it as carrying a token. */
static bool json_is_token_field(const cJSON *item)
{
	enum token_kind kind;

	if (item->string == NULL || !cJSON_IsString(item))
		return false;
	if (strcmp(item->string, "secret") != 0 &&
	    strcmp(item->string, "code") != 0 &&
	    strcmp(item->string, "token") != 0)
		return false;
	return token_check(&kind, item->valuestring) == 0;
}

bool json_has_secret(const cJSON *obj)
{
	const cJSON *item;

	if (obj == NULL)
		return false;
	if (json_is_token_field(obj))
		return true;

	cJSON_ArrayForEach(item, obj)
	{
		if (json_has_secret(item))
			return true;
	}
	return false;
}

/* Overwrites the string of @item with @text (which must not be longer). */
static void json_overwrite(cJSON *item, const char *text)
{
	size_t old = strlen(item->valuestring);

	sodium_memzero(item->valuestring, old);
	memcpy(item->valuestring, text, strlen(text) + 1);
}

void json_redact_tokens(cJSON *obj)
{
	char redacted[TOKEN_REDACTED_SIZE];
	cJSON *item;

	if (obj == NULL)
		return;
	if (json_is_token_field(obj)) {
		token_redact(redacted, obj->valuestring);
		json_overwrite(obj, redacted);
		return;
	}

	cJSON_ArrayForEach(item, obj)
	{
		json_redact_tokens(item);
	}
}

/* Zeroes the strings of @obj and everything below it. */
static void json_wipe(cJSON *obj)
{
	cJSON *item;

	if (obj->valuestring != NULL)
		sodium_memzero(obj->valuestring, strlen(obj->valuestring));

	for (item = obj->child; item != NULL; item = item->next)
		json_wipe(item);
}

/* True when a field of this name never goes into an audit event as is. */
static bool json_is_secret_name(const char *name)
{
	static const char *const names[] = { "secret", "code", "token",
					     "value" };
	size_t i;

	for (i = 0; name != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

void json_redact_all(cJSON *obj)
{
	cJSON *item, *next;

	if (obj == NULL)
		return;

	for (item = obj->child; item != NULL; item = next) {
		next = item->next;
		if (cJSON_IsObject(obj) && json_is_secret_name(item->string)) {
			json_wipe(item);
			cJSON_ReplaceItemInObjectCaseSensitive(
				obj, item->string,
				cJSON_CreateString("[redacted]"));
			continue;
		}
		json_redact_all(item);
	}
}

void json_free(cJSON **obj)
{
	if (*obj == NULL)
		return;

	json_wipe(*obj);
	cJSON_Delete(*obj);
	*obj = NULL;
}

char *json_print(const cJSON *obj)
{
	return cJSON_PrintUnformatted(obj);
}
