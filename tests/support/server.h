/* SPDX-License-Identifier: MIT */
/*
 * Test fixture: a real orgdeckd on a free loopback port with a fresh
 * database in a temporary directory.  Every test that talks to the API
 * starts one; nothing is mocked.
 *
 * The path of the orgdeckd binary comes from the ORGDECKD environment
 * variable, or from the ORGDECKD_PATH the build compiles in.
 */
#ifndef ORGDECK_TEST_SERVER_H
#define ORGDECK_TEST_SERVER_H

#include <limits.h>
#include <sys/types.h>

struct test_server {
	char url[128];	    /* "http://127.0.0.1:PORT" once started */
	char dir[256];	    /* temporary directory, removed on stop */
	char db[PATH_MAX];  /* the SQLite database inside it */
	char log[PATH_MAX]; /* the server's standard error */
	pid_t pid;	    /* 0 when not running */
};

/*
 * Makes a directory and a database (`orgdeckd init`), without serving.
 * Returns 0, or -1 after printing why.
 */
int test_server_init(struct test_server *srv);

/*
 * Serves the database made by test_server_init(), passing @extra (a NULL
 * terminated list, or NULL) to `orgdeckd serve`, and waits until it
 * accepts connections.  Returns 0, or -1 after printing why.
 */
int test_server_serve(struct test_server *srv, const char *const *extra);

/* test_server_init() then test_server_serve(srv, NULL). */
int test_server_start(struct test_server *srv);

/*
 * Runs `orgdeckd user add EMAIL` and returns the printed personal token,
 * which the caller frees; NULL on failure.
 */
char *test_server_user_add(struct test_server *srv, const char *email);

/*
 * Runs `orgdeckd seed-demo --tokens-file` and returns the token of the demo
 * person with @email from that file (caller frees), or NULL.
 */
char *test_server_seed_demo(struct test_server *srv, const char *email);

/*
 * Runs `orgdeckd --db DB ARGS...` (NULL-terminated) and returns its
 * standard output (caller frees), or NULL when it fails.
 */
char *test_server_run(struct test_server *srv, const char *const *args);

/* Stops the server with SIGTERM (if running) and removes the directory. */
void test_server_stop(struct test_server *srv);

/* Stops serving but keeps the directory, e.g. to read the database. */
int test_server_halt(struct test_server *srv);

#endif
