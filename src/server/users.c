/* SPDX-License-Identifier: MIT */
/* Users, their personal organization and tokens, and `user add`. */
#include "users.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "orgdeck/log.h"

#include "body.h"
#include "cli.h"
#include "db.h"
#include "json.h"
#include "orgs.h"
#include "reply.h"
#include "stamp.h"
#include "vault.h"

int users_token_new(sqlite3 *db, const char *user_id, char token[TOKEN_SIZE])
{
	unsigned char hash[VAULT_HASH_SIZE];
	char redacted[TOKEN_REDACTED_SIZE];

	token_generate(token, TOKEN_PERSONAL);
	vault_hash(hash, token);
	token_redact(redacted, token);
	if (db_exec(db, NULL,
		    "INSERT INTO personal_tokens (user_id, hash, redacted,"
		    " created_at) VALUES (?1, ?2, ?3, ?4)",
		    "tbti", user_id, hash, sizeof(hash), redacted,
		    stamp_now()) < 0) {
		sodium_memzero(token, TOKEN_SIZE);
		return -1;
	}
	return 0;
}

int users_create(struct req *req, char user_id[ID_SIZE], const char *email,
		 const char *name, char token[TOKEN_SIZE])
{
	char org_id[ID_SIZE];
	bool taken = false;

	ids_new(user_id, "usr_");
	if (db_exec(req->db, &taken,
		    "INSERT INTO users (id, email, name, created_at)"
		    " VALUES (?1, ?2, ?3, ?4)",
		    "ttti", user_id, email, name, stamp_now()) < 0)
		return taken ? 1 : -1;

	if (auth_as_user(req, user_id) < 0 ||
	    orgs_insert(req, org_id, "Personal", true) < 0)
		return -1;
	return users_token_new(req->db, user_id, token);
}

cJSON *users_json(sqlite3_stmt *st, int col)
{
	cJSON *user = cJSON_CreateObject();

	if (cJSON_AddStringToObject(user, "object", "user") == NULL ||
	    json_add_col(user, "id", st, col) == NULL ||
	    json_add_col(user, "email", st, col + 1) == NULL ||
	    json_add_col(user, "name", st, col + 2) == NULL ||
	    json_add_col_time(user, "created_at", st, col + 3) == NULL) {
		cJSON_Delete(user);
		return NULL;
	}
	return user;
}

cJSON *users_load(sqlite3 *db, const char *user_id)
{
	sqlite3_stmt *st;
	cJSON *user = NULL;

	st = db_stmt(db,
		     "SELECT " USERS_COLUMNS("u") " FROM users u"
						  " WHERE u.id = ?1",
		     "t", user_id);
	if (st != NULL && db_step(st) == 1)
		user = users_json(st, 0);
	db_done(&st);
	return user;
}

int users_find(sqlite3 *db, char user_id[ID_SIZE], const char *email)
{
	sqlite3_stmt *st;
	int rc;

	st = db_stmt(db, "SELECT id FROM users WHERE email = ?1", "t", email);
	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == 1)
		ids_copy(user_id, db_text(st, 0));
	db_done(&st);
	return rc;
}

/* Adds the user in a transaction and prints the token. */
static int users_add(const char *email, const char *name)
{
	char user_id[ID_SIZE], token[TOKEN_SIZE];
	struct req *req = req_new_local();
	int rc = -1;

	if (req == NULL || db_begin(req->db) < 0)
		goto out;
	rc = users_create(req, user_id, email, name, token);
	if (rc == 0 && db_commit(req->db) == 0) {
		printf("%s\n", token);
		fflush(stdout);
		log_info("made %s (%s)", user_id, email);
	} else if (rc == 1) {
		log_error("a user with the email %s already exists", email);
	}
	if (rc != 0)
		db_rollback(req->db);

out:
	sodium_memzero(token, sizeof(token));
	req_free(&req);
	return rc == 0 ? 0 : 1;
}

/* Checks email and name, defaulting the name to the email's local part. */
static int users_check(char *email, char *name, const char *email_in,
		       const char *name_in)
{
	struct req *req;
	int ret;

	if (!body_email_ok(email, email_in)) {
		fprintf(stderr, "orgdeckd: %s is not an email address\n",
			email_in);
		return -1;
	}
	if (name_in == NULL) {
		snprintf(name, AUTH_NAME_SIZE, "%.*s", (int)strcspn(email, "@"),
			 email);
		return 0;
	}

	req = req_new_local();
	ret = req != NULL ? body_name(req, name, name_in, "--name") : -1;
	if (ret < 0)
		fprintf(stderr, "orgdeckd: the name must be 1-100 printable "
				"characters\n");
	req_free(&req);
	return ret;
}

int users_main(const struct cli *cli, int argc, char **argv)
{
	char email[AUTH_EMAIL_SIZE], name[AUTH_NAME_SIZE];
	const char *name_in = NULL;
	int first = cli_option(argc, argv, "name", &name_in);
	int ret = 1;

	if (first < 0)
		return 2;
	if (argc - first != 2 || strcmp(argv[first], "add") != 0) {
		fprintf(stderr,
			"usage: orgdeckd user add EMAIL [--name NAME]\n");
		return 2;
	}

	if (cli_open(cli, false) == 0 &&
	    users_check(email, name, argv[first + 1], name_in) == 0)
		ret = users_add(email, name);
	cli_close();
	return ret;
}
