/* SPDX-License-Identifier: MIT */
/* Field lists and value checks for request bodies. */
#include "body.h"

#include <ctype.h>
#include <string.h>

#include "auth.h"
#include "reply.h"

#define BODY_NAME_CHARS	 100
#define BODY_EMAIL_CHARS 254

/* A short English name for the JSON type bits in @types. */
static const char *body_type_name(int types)
{
	if (types & cJSON_String)
		return "a string";
	if (types & cJSON_Number)
		return "a number";
	if (types & cJSON_True)
		return "true or false";
	if (types & cJSON_Object)
		return "an object";
	if (types & cJSON_Array)
		return "an array";
	return "null";
}

static const struct body_field *body_find(const struct body_field *fields,
					  const char *name)
{
	for (; fields->name != NULL; fields++)
		if (strcmp(fields->name, name) == 0)
			return fields;
	return NULL;
}

/* Checks that every field present is known and of an allowed type. */
static int body_check_present(struct req *req, const struct body_field *fields)
{
	const struct body_field *field;
	const cJSON *item;

	cJSON_ArrayForEach(item, req->json)
	{
		field = body_find(fields, item->string);
		if (field == NULL)
			return reply_error(req, 400, "unknown_field",
					   item->string,
					   "this endpoint takes no field %s",
					   item->string);
		if ((item->type & 0xff & field->types) == 0)
			return reply_error(req, 400, "invalid_type",
					   item->string, "%s must be %s",
					   item->string,
					   body_type_name(field->types));
	}
	return 0;
}

int body_check(struct req *req, const struct body_field *fields)
{
	if (body_check_present(req, fields) < 0)
		return -1;

	for (; fields->name != NULL; fields++)
		if (fields->required && body_get(req, fields->name) == NULL)
			return reply_error(req, 422, "invalid_value",
					   fields->name, "%s is required",
					   fields->name);
	return 0;
}

const cJSON *body_get(const struct req *req, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(req->json, name);
}

const char *body_str(const struct req *req, const char *name)
{
	const cJSON *item = body_get(req, name);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* Length of the UTF-8 sequence starting with @c, 0 when not a lead byte. */
static size_t body_utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

/* Decodes one UTF-8 character at @s into *@cp; returns its length or 0. */
static size_t body_utf8_next(const unsigned char *s, unsigned int *cp)
{
	size_t len = body_utf8_len(s[0]), i;

	if (len == 0)
		return 0;
	*cp = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && *cp < 0x800) || (len == 4 && *cp < 0x10000) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff) || *cp > 0x10ffff)
		return 0;
	return len;
}

/* Counts characters of @s (@len bytes); -1 when invalid or a control. */
static long body_name_chars(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	unsigned int cp;
	long chars = 0;

	while (p < end) {
		size_t n = body_utf8_next(p, &cp);

		if (n == 0 || p + n > end)
			return -1;
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
		    cp == 0x2029)
			return -1;
		p += n;
		chars++;
	}
	return chars;
}

int body_name(struct req *req, char *out, const char *in, const char *param)
{
	size_t len;
	long chars;

	while (*in == ' ' || *in == '\t')
		in++;
	len = strlen(in);
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;

	chars = body_name_chars(in, len);
	if (chars < 1 || chars > BODY_NAME_CHARS || len >= AUTH_NAME_SIZE)
		return reply_error(req, 422, "invalid_value", param,
				   "%s must be 1-100 printable characters",
				   param);
	memcpy(out, in, len);
	out[len] = '\0';
	return 0;
}

bool body_email_ok(char *out, const char *in)
{
	size_t len = in != NULL ? strlen(in) : 0, i;
	const char *at;

	if (len < 3 || len > BODY_EMAIL_CHARS)
		return false;
	at = strchr(in, '@');
	if (at == NULL || at == in || at[1] == '\0' || strchr(at + 1, '@'))
		return false;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c <= 0x20 || c == 0x7f)
			return false;
		out[i] = (char)tolower(c);
	}
	out[len] = '\0';
	return body_name_chars(out, len) > 0;
}

int body_email(struct req *req, char *out, const char *in, const char *param)
{
	if (body_email_ok(out, in))
		return 0;
	return reply_error(req, 422, "invalid_value", param,
			   "%s is not an email address (local@domain)", param);
}

int body_role(struct req *req, enum role *out, const char *text,
	      const char *param)
{
	if (role_parse(out, text, false) == 0)
		return 0;
	return reply_error(req, 422, "invalid_value", param,
			   "%s must be member, manager or admin", param);
}

int body_role_only(struct req *req, enum role *out)
{
	static const struct body_field fields[] = {
		{ "role", BODY_STRING, true },
		{ NULL, 0, false },
	};

	if (body_check(req, fields) < 0)
		return -1;
	return body_role(req, out, body_str(req, "role"), "role");
}

int body_int(struct req *req, long *out, const char *name, long min, long max)
{
	const cJSON *item = body_get(req, name);
	double v;

	if (item == NULL || !cJSON_IsNumber(item))
		return 0;

	v = item->valuedouble;
	if (!(v >= (double)min && v <= (double)max) || v != (double)(long)v)
		return reply_error(req, 422, "invalid_value", name,
				   "%s must be a whole number from %ld to %ld",
				   name, min, max);
	*out = (long)v;
	return 0;
}
