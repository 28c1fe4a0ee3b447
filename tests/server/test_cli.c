/* SPDX-License-Identifier: MIT */
/*
 * orgdeckd's commands: init makes a private key and keeps it, user add
 * prints a working token once, seed-demo fills a database and writes a
 * private tokens file, and serve stops cleanly on SIGTERM and SIGINT.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sodium.h>

#include "http.h"
#include "server.h"

#define TEXT_SIZE 512

static struct test_server srv;

static void setup(void)
{
	cr_assert_geq(sodium_init(), 0);
	cr_assert_eq(test_server_init(&srv), 0);
}

static void teardown(void)
{
	test_server_stop(&srv);
}

TestSuite(cli, .init = setup, .fini = teardown, .timeout = 60);

/* Reads the whole (small) file at @path into @out. */
static size_t slurp(unsigned char *out, size_t size, const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	cr_assert_not_null(f, "%s", path);
	n = fread(out, 1, size, f);
	fclose(f);
	return n;
}

Test(cli, init_makes_a_private_key_and_keeps_it)
{
	static const char *const init[] = { "init", NULL };
	unsigned char before[64], after[64];
	char key[TEXT_SIZE];
	struct stat st;
	char *out;

	snprintf(key, sizeof(key), "%s/orgdeckd.key", srv.dir);
	cr_assert_eq(stat(key, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
	cr_assert_eq(slurp(before, sizeof(before), key), 32);

	out = test_server_run(&srv, init);
	cr_assert_not_null(out, "init twice");
	free(out);
	cr_assert_eq(slurp(after, sizeof(after), key), 32);
	cr_assert_eq(memcmp(before, after, 32), 0, "init replaced the key");
}

Test(cli, user_add_prints_a_token_once)
{
	static const char *const dup[] = { "user", "add", "Ada@Example.com",
					   NULL };
	static const char *const bad[] = { "user", "add", "nobody", NULL };
	static const char *const named[] = { "user",	       "add",
					     "cy@example.com", "--name",
					     "Cy Young",       NULL };
	struct test_response res;
	char *token, *out;

	token = test_server_user_add(&srv, "ada@example.com");
	cr_assert_not_null(token);
	cr_assert_eq(strncmp(token, "odk_pat_", 8), 0);
	cr_assert_null(test_server_run(&srv, dup), "the email is taken");
	cr_assert_null(test_server_run(&srv, bad), "not an email");
	out = test_server_run(&srv, named);
	cr_assert_not_null(out);
	free(out);

	cr_assert_eq(test_server_serve(&srv, NULL), 0);
	test_http(&res, &srv, token, "GET", "/v1/me", NULL, NULL);
	cr_assert_eq(res.status, 200, "%s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "user.name"), "ada");
	cr_assert_str_eq(test_json_str(res.json, "organizations.0.name"),
			 "Personal");
	test_response_release(&res);
	free(token);
}

Test(cli, seed_demo_writes_private_tokens)
{
	char path[TEXT_SIZE];
	struct test_response res;
	struct stat st;
	char *owner, *member;

	owner = test_server_seed_demo(&srv, "owner@demo.orgdeck.test");
	cr_assert_not_null(owner, "see %s", srv.log);
	snprintf(path, sizeof(path), "%s/tokens", srv.dir);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
	cr_assert_null(test_server_seed_demo(&srv, "owner@demo.orgdeck.test"),
		       "seeding twice is refused");

	cr_assert_eq(test_server_serve(&srv, NULL), 0);
	test_http(&res, &srv, owner, "GET", "/v1/me", NULL, NULL);
	cr_assert_eq(res.status, 200);
	cr_assert_eq(test_json_len(res.json, "organizations"), 3,
		     "personal, Acme and Globex: %s", res.body.data);
	cr_assert_str_eq(test_json_str(res.json, "organizations.1.role"),
			 "owner");
	cr_assert_str_eq(test_json_str(res.json, "organizations.2.role"),
			 "manager");
	test_response_release(&res);

	/* The tokens file names every demo person. */
	member = NULL;
	{
		FILE *f = fopen(path, "r");
		char line[TEXT_SIZE];
		int lines = 0;

		cr_assert_not_null(f);
		while (fgets(line, sizeof(line), f) != NULL) {
			lines++;
			if (strncmp(line, "member@", 7) == 0)
				member = strdup(strchr(line, ' ') + 1);
		}
		fclose(f);
		cr_assert_eq(lines, 5);
	}
	cr_assert_not_null(member);
	member[strcspn(member, "\n")] = '\0';
	test_http(&res, &srv, member, "GET", "/v1/me", NULL, NULL);
	cr_assert_eq(res.status, 200);
	cr_assert_str_eq(test_json_str(res.json, "user.email"),
			 "member@demo.orgdeck.test");
	test_response_release(&res);
	free(member);
	free(owner);
}

/* Serves, then sends @sig and returns orgdeckd's exit status. */
static int stop_with(int sig)
{
	int status = 0;

	cr_assert_eq(test_server_serve(&srv, NULL), 0);
	cr_assert_eq(kill(srv.pid, sig), 0);
	cr_assert_eq(waitpid(srv.pid, &status, 0), srv.pid);
	srv.pid = 0;
	cr_assert(WIFEXITED(status), "orgdeckd died of signal %d",
		  WTERMSIG(status));
	return WEXITSTATUS(status);
}

Test(cli, sigterm_exits_zero)
{
	cr_assert_eq(stop_with(SIGTERM), 0);
}

Test(cli, sigint_exits_zero)
{
	cr_assert_eq(stop_with(SIGINT), 0);
}

Test(cli, serve_without_init_fails)
{
	struct test_server other;
	char cmd[3 * TEXT_SIZE];

	other = srv;
	snprintf(other.db, sizeof(other.db), "%s/missing/none.db", srv.dir);
	cr_assert_neq(test_server_serve(&other, NULL), 0);
	snprintf(cmd, sizeof(cmd), "'%s' --version >/dev/null", ORGDECKD_PATH);
	cr_assert_eq(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "'%s' >/dev/null 2>&1", ORGDECKD_PATH);
	cr_assert_eq(WEXITSTATUS(system(cmd)), 2,
		     "no command is a usage error");
}
