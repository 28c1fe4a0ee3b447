/* SPDX-License-Identifier: MIT */
/*
 * Checking request bodies: a field list per endpoint (unknown fields and
 * wrong JSON types answer 400 naming the field), then value checks for
 * names, emails and roles (422 invalid_value).
 *
 * Nothing here allocates: results go into caller-provided buffers, and
 * body_get() points into the request's parsed body.
 */
#ifndef ORGDECKD_BODY_H
#define ORGDECKD_BODY_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "orgdeck/role.h"

#include "req.h"

/* JSON types a field may have (cJSON's type bits). */
#define BODY_STRING cJSON_String
#define BODY_NUMBER cJSON_Number
#define BODY_BOOL   (cJSON_True | cJSON_False)
#define BODY_OBJECT cJSON_Object
#define BODY_ARRAY  cJSON_Array
#define BODY_NULL   cJSON_NULL

struct body_field {
	const char *name;
	int types;     /* BODY_* bits the value may have */
	bool required; /* missing answers 422 invalid_value */
};

/*
 * Checks req->json against @fields (ending with a { NULL } entry).
 * Returns 0, or -1 after answering 400 unknown_field or invalid_type, or
 * 422 invalid_value for a missing required field.
 */
int body_check(struct req *req, const struct body_field *fields);

/* The field @name of the body, or NULL when absent. */
const cJSON *body_get(const struct req *req, const char *name);

/* The string field @name, or NULL when absent (or not a string). */
const char *body_str(const struct req *req, const char *name);

/*
 * Trims @in and checks it is a name: 1-100 characters of valid UTF-8 with
 * no control characters.  Writes the trimmed name to @out (AUTH_NAME_SIZE
 * bytes).  Returns 0, or -1 after answering 422 for @param.
 */
int body_name(struct req *req, char *out, const char *in, const char *param);

/*
 * Checks an email ("local@domain", at most 254 characters, no spaces or
 * control characters) and writes it in lower case to @out
 * (AUTH_EMAIL_SIZE bytes).  Returns true when valid.  Answers nothing.
 */
bool body_email_ok(char *out, const char *in);

/* As body_email_ok(), but answers 422 for @param and returns -1. */
int body_email(struct req *req, char *out, const char *in, const char *param);

/*
 * Parses the role in field @param ("member", "manager", "admin"; never
 * "owner").  Returns 0, or -1 after answering 422.
 */
int body_role(struct req *req, enum role *out, const char *text,
	      const char *param);

/*
 * Checks a body that holds just {"role"}, as role changes take, and
 * parses it into *@out.  Returns 0, or -1 after answering.
 */
int body_role_only(struct req *req, enum role *out);

/*
 * Reads the integer field @name into *@out when present (else leaves it),
 * checking @min <= value <= @max.  Returns 0, or -1 after answering 422.
 */
int body_int(struct req *req, long *out, const char *name, long min, long max);

#endif
