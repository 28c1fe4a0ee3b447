/* SPDX-License-Identifier: MIT */
/*
 * The resource tests' cast: one organization with a person in every role,
 * built over HTTP against a real orgdeckd.
 */
#include "crew.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "orgdeck/buf.h"

#define CREW_PATH_MAX 1024
#define CREW_BODY_MAX 2048

static void crew_copy_id(char id[CREW_ID_SIZE], const cJSON *json,
			 const char *path)
{
	const char *value = test_json_str(json, path);

	cr_assert_not_null(value, "no %s in the answer", path);
	cr_assert_lt(strlen(value), CREW_ID_SIZE, "ID too long: %s", value);
	strcpy(id, value);
}

static long crew_vcall(struct test_response *res, struct crew *crew,
		       const char *token, const char *method, const char *body,
		       const char *const *headers, const char *fmt, va_list ap)
{
	char path[CREW_PATH_MAX];
	int len = vsnprintf(path, sizeof(path), fmt, ap);

	memset(res, 0, sizeof(*res));
	cr_assert(len > 0 && (size_t)len < sizeof(path), "path too long");
	if (test_http(res, &crew->srv, token, method, path, body, headers) < 0)
		return 0;
	return res->status;
}

long crew_call(struct test_response *res, struct crew *crew, const char *token,
	       const char *method, const char *body, const char *fmt, ...)
{
	va_list ap;
	long status;

	va_start(ap, fmt);
	status = crew_vcall(res, crew, token, method, body, NULL, fmt, ap);
	va_end(ap);
	return status;
}

long crew_call_with(struct test_response *res, struct crew *crew,
		    const char *token, const char *method, const char *body,
		    const char *const *headers, const char *fmt, ...)
{
	va_list ap;
	long status;

	va_start(ap, fmt);
	status = crew_vcall(res, crew, token, method, body, headers, fmt, ap);
	va_end(ap);
	return status;
}

void crew_create(struct crew *crew, const char *token, const char *path,
		 const char *body, char id[CREW_ID_SIZE])
{
	struct test_response res;

	crew_call(&res, crew, token, "POST", body, "%s", path);
	cr_assert_eq(res.status, 201, "POST %s %s: %ld %s", path, body,
		     res.status, res.body.data);
	crew_copy_id(id, res.json, "id");
	test_response_release(&res);
}

/* Creates an invitation as the owner and returns its code (caller frees). */
static char *crew_invite(struct crew *crew, const char *email, const char *role,
			 const char *projects)
{
	struct test_response res;
	char body[CREW_BODY_MAX];
	const char *code;
	char *copy;

	snprintf(body, sizeof(body),
		 "{\"emails\": [\"%s\"], \"role\": \"%s\"%s%s}", email, role,
		 projects != NULL ? ", \"projects\": " : "",
		 projects != NULL ? projects : "");
	crew_call(&res, crew, crew->owner.token, "POST", body,
		  "/v1/orgs/%s/invitations", crew->org);
	cr_assert_eq(res.status, 201, "inviting %s: %ld %s", email, res.status,
		     res.body.data);

	code = test_json_str(res.json, "data.0.invitation.code");
	cr_assert_not_null(code, "no code for %s: %s", email, res.body.data);
	copy = strdup(code);
	test_response_release(&res);
	return copy;
}

void crew_join(struct crew *crew, struct crew_person *person, const char *email,
	       const char *role, const char *projects)
{
	struct test_response res;
	char body[CREW_BODY_MAX];
	char *code = crew_invite(crew, email, role, projects);
	const char *token;

	snprintf(body, sizeof(body), "{\"code\": \"%s\"}", code);
	sodium_memzero(code, strlen(code));
	free(code);
	crew_call(&res, crew, NULL, "POST", body, "/v1/invitations/accept");
	sodium_memzero(body, sizeof(body));
	cr_assert_eq(res.status, 201, "%s accepting: %ld %s", email, res.status,
		     res.body.data);

	token = test_json_str(res.json, "token");
	cr_assert_not_null(token, "no token for %s", email);
	person->token = strdup(token);
	crew_copy_id(person->id, res.json, "user.id");
	test_response_release(&res);
}

/* Adds a user from the command line and learns their ID from /v1/me. */
static void crew_user_add(struct crew *crew, struct crew_person *person,
			  const char *email)
{
	struct test_response res;

	person->token = test_server_user_add(&crew->srv, email);
	cr_assert_not_null(person->token, "user add %s", email);
	crew_call(&res, crew, person->token, "GET", NULL, "/v1/me");
	cr_assert_eq(res.status, 200, "GET /v1/me: %ld", res.status);
	crew_copy_id(person->id, res.json, "user.id");
	test_response_release(&res);
}

/* Gives three org Members a role each in Prod, through their invitation. */
static void crew_join_project(struct crew *crew)
{
	static const char *const roles[] = { "admin", "manager", "member" };
	struct crew_person *people[] = { &crew->p_admin, &crew->p_manager,
					 &crew->p_member };
	char projects[CREW_BODY_MAX], email[64];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(projects, sizeof(projects),
			 "[{\"project_id\": \"%s\", \"role\": \"%s\"}]",
			 crew->project, roles[i]);
		snprintf(email, sizeof(email), "p-%s@example.com", roles[i]);
		crew_join(crew, people[i], email, "member", projects);
	}
}

void crew_start(struct crew *crew)
{
	char projects[CREW_PATH_MAX];

	memset(crew, 0, sizeof(*crew));
	cr_assert_geq(sodium_init(), 0);
	cr_assert_eq(test_server_start(&crew->srv), 0, "server did not start");

	crew_user_add(crew, &crew->owner, "owner@example.com");
	crew_user_add(crew, &crew->outsider, "outsider@example.com");
	crew_create(crew, crew->owner.token, "/v1/orgs", "{\"name\": \"Acme\"}",
		    crew->org);

	crew_join(crew, &crew->admin, "admin@example.com", "admin", NULL);
	crew_join(crew, &crew->manager, "manager@example.com", "manager", NULL);
	crew_join(crew, &crew->member, "member@example.com", "member", NULL);

	snprintf(projects, sizeof(projects), "/v1/orgs/%s/projects", crew->org);
	crew_create(crew, crew->owner.token, projects,
		    "{\"name\": \"Prod\", \"description\": \"live\"}",
		    crew->project);
	crew_create(crew, crew->owner.token, projects,
		    "{\"name\": \"Staging\"}", crew->other);

	crew_join_project(crew);
}

static void crew_forget(struct crew_person *person)
{
	if (person->token == NULL)
		return;

	sodium_memzero(person->token, strlen(person->token));
	free(person->token);
	person->token = NULL;
}

void crew_stop(struct crew *crew)
{
	struct crew_person *people[] = {
		&crew->owner,	 &crew->admin,	  &crew->manager,
		&crew->member,	 &crew->p_admin,  &crew->p_manager,
		&crew->p_member, &crew->outsider,
	};
	size_t i;

	test_server_stop(&crew->srv);
	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++)
		crew_forget(people[i]);
}

bool crew_file_contains(const char *path, const char *needle)
{
	struct buf data;
	char chunk[65536];
	size_t n, nlen = strlen(needle);
	bool found = false;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return false;

	buf_init(&data, (size_t)1 << 30);
	do {
		n = fread(chunk, 1, sizeof(chunk), f);
	} while (n > 0 && buf_append(&data, chunk, n) == 0);
	fclose(f);

	if (nlen > 0 && data.len >= nlen)
		found = memmem(data.data, data.len, needle, nlen) != NULL;
	buf_release(&data);
	return found;
}

void crew_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	int rc;

	do {
		rc = nanosleep(&ts, &ts);
	} while (rc != 0);
}
