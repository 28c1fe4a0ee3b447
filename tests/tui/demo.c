/* SPDX-License-Identifier: MIT */
/* The seeded server, HTTP helpers and dump checks shared by the screen
 * tests. */
#include "demo.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

struct demo demo;

/* The token of @email from the tokens file seed-demo wrote. */
static char *demo_token(struct demo *d, const char *email)
{
	char path[PATH_MAX], line[512];
	size_t len = strlen(email);
	char *token = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tokens", d->srv.dir);
	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	while (token == NULL && fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, email, len) != 0 || line[len] != ' ')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		token = strdup(line + len + 1);
	}
	fclose(f);
	return token;
}

/* Finds the id of DEMO_ORG in the owner's /v1/me. */
static int demo_find_org(struct demo *d)
{
	struct test_response res;
	char path[32];
	int i, n, result = -1;

	if (demo_get(d, &res, d->owner, "/v1/me") != 200)
		goto out;
	n = test_json_len(res.json, "organizations");
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "organizations.%d.name", i);
		if (strcmp(test_json_str(res.json, path), DEMO_ORG) != 0)
			continue;
		snprintf(path, sizeof(path), "organizations.%d.id", i);
		snprintf(d->acme, sizeof(d->acme), "%s",
			 test_json_str(res.json, path));
		result = 0;
	}
out:
	test_response_release(&res);
	return result;
}

int demo_start(struct demo *d)
{
	memset(d, 0, sizeof(*d));
	if (test_server_init(&d->srv) < 0)
		return -1;
	d->owner = test_server_seed_demo(&d->srv, DEMO_OWNER);
	d->admin = demo_token(d, DEMO_ADMIN);
	d->manager = demo_token(d, DEMO_MANAGER);
	d->member = demo_token(d, DEMO_MEMBER);
	if (!d->owner || !d->admin || !d->manager || !d->member) {
		fprintf(stderr, "demo: seed-demo gave no tokens\n");
		return -1;
	}
	if (test_server_serve(&d->srv, NULL) < 0)
		return -1;
	if (demo_find_org(d) < 0) {
		fprintf(stderr, "demo: no organization %s\n", DEMO_ORG);
		return -1;
	}
	return 0;
}

void demo_stop(struct demo *d)
{
	test_server_stop(&d->srv);
	free(d->owner);
	free(d->admin);
	free(d->manager);
	free(d->member);
	d->owner = d->admin = d->manager = d->member = NULL;
}

void demo_setup(void)
{
	cr_assert_eq(demo_start(&demo), 0, "the demo server did not start");
}

void demo_teardown(void)
{
	demo_stop(&demo);
}

long demo_get(struct demo *d, struct test_response *res, const char *token,
	      const char *path)
{
	if (test_http(res, &d->srv, token, "GET", path, NULL, NULL) < 0)
		return -1;
	return res->status;
}

int demo_member_id(struct demo *d, char *out, const char *email)
{
	struct test_response res;
	char path[256];
	int result = -1;

	snprintf(path, sizeof(path), "/v1/orgs/%s/members?q=%s", d->acme,
		 email);
	if (demo_get(d, &res, d->owner, path) == 200 &&
	    test_json_len(res.json, "data") == 1) {
		snprintf(out, 80, "%s", test_json_str(res.json, "data.0.id"));
		result = 0;
	}
	test_response_release(&res);
	return result;
}

long demo_send(struct demo *d, struct test_response *res, const char *token,
	       const char *method, const char *path, const char *body)
{
	if (test_http(res, &d->srv, token, method, path, body, NULL) < 0)
		return -1;
	return res->status;
}

int demo_create_org(struct demo *d, char *id, const char *token,
		    const char *name)
{
	struct test_response res;
	char body[256];
	int result = -1;

	snprintf(body, sizeof(body), "{\"name\": \"%s\"}", name);
	if (demo_send(d, &res, token, "POST", "/v1/orgs", body) == 201) {
		snprintf(id, 80, "%s", test_json_str(res.json, "id"));
		result = 0;
	}
	test_response_release(&res);
	return result;
}

int demo_invite(struct demo *d, const char *token, const char *org,
		const char *email)
{
	struct test_response res;
	char body[256], path[128];
	long status;

	snprintf(path, sizeof(path), "/v1/orgs/%s/invitations", org);
	snprintf(body, sizeof(body),
		 "{\"emails\": [\"%s\"], \"role\": \"member\"}", email);
	status = demo_send(d, &res, token, "POST", path, body);
	test_response_release(&res);
	return status == 201 ? 0 : -1;
}

struct console_opts demo_opts(struct demo *d, const char *token,
			      const char *script)
{
	struct console_opts o = { .server_url = d->srv.url,
				  .token = token,
				  .script = script,
				  .rows = DEMO_ROWS,
				  .cols = DEMO_COLS };

	return o;
}

int demo_run(struct demo *d, struct console *c, const char *token,
	     const char *script)
{
	struct console_opts o = demo_opts(d, token, script);

	return console_run(c, &o);
}

void demo_pause(struct console *c, const struct console_opts *o,
		const char *name)
{
	cr_assert_eq(console_start(c, o), 0);
	cr_assert_eq(console_wait_file(c, name, 60000), 0);
}

void demo_resume(struct console *c)
{
	cr_assert_eq(console_touch(c, "go"), 0);
	cr_assert_eq(console_wait(c), 0);
}

void demo_load(struct console_dump *d, struct console *c, const char *name)
{
	cr_assert_eq(console_dump_load(d, c, name), 0, "no dump %s", name);
}

void demo_status_is(const struct console_dump *d, const char *text)
{
	if (console_dump_row_of(d, text) != DEMO_STATUS)
		console_dump_print(d);
	cr_assert_eq(console_dump_row_of(d, text), DEMO_STATUS,
		     "expected \"%s\" on the status line", text);
}

bool demo_file_has(const struct console *c, const char *name, const char *text)
{
	char path[PATH_MAX], *data = NULL;
	size_t size = 0;
	FILE *f;
	bool has;

	console_path(c, path, name);
	f = fopen(path, "r");
	cr_assert_not_null(f, "no file %s", name);
	has = getdelim(&data, &size, '\0', f) > 0 && strstr(data, text);
	fclose(f);
	free(data);
	return has;
}

void demo_set_role(struct demo *d, const char *user, const char *role)
{
	struct test_response res;
	char path[256], body[64], if_match[160];
	const char *headers[] = { if_match, NULL };

	snprintf(path, sizeof(path), "/v1/orgs/%s/members/%s", d->acme, user);
	cr_assert_eq(demo_get(d, &res, d->owner, path), 200);
	snprintf(if_match, sizeof(if_match), "If-Match: %s", res.etag);
	test_response_release(&res);

	snprintf(body, sizeof(body), "{\"role\": \"%s\"}", role);
	cr_assert_eq(test_http(&res, &d->srv, d->owner, "PATCH", path, body,
			       headers),
		     0);
	cr_assert_eq(res.status, 200, "PATCH answered %ld", res.status);
	test_response_release(&res);
}
