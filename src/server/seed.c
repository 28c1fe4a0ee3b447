/* SPDX-License-Identifier: MIT */
/*
 * `orgdeckd seed-demo`: sample organizations, projects, people and
 * invitations in one transaction, for demos and the console's tests.  The
 * demo owner's personal token goes to standard output; --tokens-file gets
 * every demo person's.
 */
#include "seed.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "orgdeck/log.h"

#include "audit.h"
#include "cli.h"
#include "db.h"
#include "invitations.h"
#include "json.h"
#include "keys.h"
#include "orgs.h"
#include "project_members.h"
#include "projects.h"
#include "resources.h"
#include "users.h"

static const char *const seed_emails[SEED__PEOPLE] = {
	[SEED_OWNER] = "owner@demo.orgdeck.test",
	[SEED_ADMIN] = "admin@demo.orgdeck.test",
	[SEED_MANAGER] = "manager@demo.orgdeck.test",
	[SEED_MEMBER] = "member@demo.orgdeck.test",
	[SEED_OTHER] = "other@demo.orgdeck.test",
};

static const char *const seed_names[SEED__PEOPLE] = {
	[SEED_OWNER] = "Olive Owner",	 [SEED_ADMIN] = "Adam Admin",
	[SEED_MANAGER] = "Mina Manager", [SEED_MEMBER] = "Mel Member",
	[SEED_OTHER] = "Otto Other",
};

int seed_resources(struct req *req, const struct seed_demo *demo)
{
	/*
	 * The keys, connections, secrets and AuthKit part of the demo, each
	 * made by someone whose role allows it, through the API's own
	 * checks.  "keys" rows are API keys; the others name a resource kind.
	 */
	const struct {
		enum seed_person who;
		const char *kind, *org, *project, *body;
	} items[] = {
		{ SEED_OWNER, "keys", demo->acme, NULL,
		  "{\"name\": \"ci-deploy\", \"role\": \"manager\"}" },
		{ SEED_ADMIN, "keys", demo->acme, NULL,
		  "{\"name\": \"billing-export\", \"role\": \"member\"}" },
		{ SEED_OWNER, "connections", demo->acme, NULL,
		  "{\"name\": \"stripe-live\", \"provider\": \"stripe\","
		  " \"config\": {\"account\": \"acct_demo_1\"}}" },
		{ SEED_MANAGER, "connections", demo->acme, NULL,
		  "{\"name\": \"github\", \"provider\": \"github\","
		  " \"config\": {\"org\": \"acme-robotics\"}}" },
		{ SEED_ADMIN, "secrets", demo->acme, NULL,
		  "{\"name\": \"SENTRY_DSN\","
		  " \"value\": \"https://demo@sentry.demo.orgdeck.test/1\"}" },
		{ SEED_MEMBER, "secrets", demo->acme, NULL,
		  "{\"name\": \"METRICS_API_KEY\", \"value\": "
		  "\"demo-metrics\"}" },
		{ SEED_ADMIN, "authkit", demo->acme, NULL,
		  "{\"name\": \"customer-login\", \"redirect_uris\":"
		  " [\"https://app.acme.test/callback\"],"
		  " \"providers\": [\"google\", \"github\"],"
		  " \"settings\": {\"session_minutes\": 60}}" },
		{ SEED_MANAGER, "keys", demo->acme, demo->production,
		  "{\"name\": \"prod-deploy\", \"role\": \"admin\"}" },
		{ SEED_MANAGER, "connections", demo->acme, demo->production,
		  "{\"name\": \"postgres-primary\", \"provider\": \"postgres\","
		  " \"config\": {\"host\": \"db.prod.acme.test\"}}" },
		{ SEED_MANAGER, "secrets", demo->acme, demo->production,
		  "{\"name\": \"DATABASE_URL\","
		  " \"value\": "
		  "\"postgres://app:demo@db.prod.acme.test/app\"}" },
		{ SEED_MANAGER, "authkit", demo->acme, demo->production,
		  "{\"name\": \"staff-sso\", \"providers\": [\"okta\"]}" },
		{ SEED_MEMBER, "keys", demo->acme, demo->staging,
		  "{\"name\": \"staging-ci\", \"role\": \"manager\"}" },
		{ SEED_MEMBER, "connections", demo->acme, demo->staging,
		  "{\"name\": \"slack-alerts\", \"provider\": \"slack\","
		  " \"config\": {\"channel\": \"#staging\"}}" },
		{ SEED_MEMBER, "secrets", demo->acme, demo->staging,
		  "{\"name\": \"STAGING_TOKEN\", \"value\": "
		  "\"demo-staging\"}" },
		{ SEED_OTHER, "connections", demo->globex, NULL,
		  "{\"name\": \"hubspot\", \"provider\": \"hubspot\"}" },
		{ SEED_OTHER, "secrets", demo->globex, demo->research,
		  "{\"name\": \"BUCKET_KEY\", \"value\": \"demo-bucket\"}" },
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (auth_as_user(req, demo->user[items[i].who]) < 0)
			return -1;
		if (strcmp(items[i].kind, "keys") == 0)
			rc = keys_seed(req, items[i].org, items[i].project,
				       items[i].body);
		else
			rc = resources_seed(req, items[i].kind, items[i].org,
					    items[i].project, items[i].body);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Makes a team organization owned by @owner, as the API would. */
static int seed_org(struct req *req, char id[ID_SIZE], const char *name,
		    const char *owner)
{
	if (auth_as_user(req, owner) < 0)
		return -1;
	return orgs_insert(req, id, name, false);
}

/*
 * Makes @user a member of @org as @role, acting as req->who.  The demo
 * skips the invitation itself and records only its acceptance.
 */
static int seed_member(struct req *req, const char *org, const char *user,
		       enum role role)
{
	struct audit ev = { 0 };

	if (orgs_add_member(req, org, user, role) < 0)
		return -1;

	ev.org_id = org;
	ev.action = "invitation.accept";
	ev.target_type = "member";
	ev.target_id = user;
	ev.after = audit_pair("role", role_name(role));
	return audit_write(req, &ev);
}

static int seed_people(struct req *req, struct seed_demo *d)
{
	int i;

	for (i = 0; i < SEED__PEOPLE; i++)
		if (users_create(req, d->user[i], seed_emails[i], seed_names[i],
				 d->token[i]) != 0)
			return -1;
	return 0;
}

/* Acme: owner@'s organization with everyone in it. */
static int seed_acme(struct req *req, struct seed_demo *d)
{
	if (seed_org(req, d->acme, "Acme Robotics", d->user[SEED_OWNER]) < 0 ||
	    seed_member(req, d->acme, d->user[SEED_ADMIN], ROLE_ADMIN) < 0 ||
	    seed_member(req, d->acme, d->user[SEED_MANAGER], ROLE_MANAGER) <
		    0 ||
	    seed_member(req, d->acme, d->user[SEED_MEMBER], ROLE_MEMBER) < 0 ||
	    projects_insert(req, d->production, d->acme, "Production",
			    "Customer-facing services") < 0 ||
	    projects_insert(req, d->staging, d->acme, "Staging",
			    "Release candidates") < 0 ||
	    project_members_add(req, d->production, d->user[SEED_MANAGER],
				ROLE_ADMIN) < 0 ||
	    project_members_add(req, d->staging, d->user[SEED_MEMBER],
				ROLE_MANAGER) < 0)
		return -1;
	return 0;
}

/* Globex: other@'s organization, where owner@ is a Manager. */
static int seed_globex(struct req *req, struct seed_demo *d)
{
	if (seed_org(req, d->globex, "Globex Labs", d->user[SEED_OTHER]) < 0 ||
	    seed_member(req, d->globex, d->user[SEED_OWNER], ROLE_MANAGER) <
		    0 ||
	    projects_insert(req, d->research, d->globex, "Research",
			    "Prototypes and experiments") < 0)
		return -1;
	return 0;
}

/* Pending invitations in Acme, one carrying a project role. */
static int seed_invitations(struct req *req, struct seed_demo *d)
{
	struct invitation_project staging = { .role = ROLE_MEMBER };
	cJSON *inv = NULL;
	int ret;

	ids_copy(staging.project_id, d->staging);
	if (auth_as_user(req, d->user[SEED_OWNER]) < 0)
		return -1;
	ret = invitations_create(req, &inv, d->acme,
				 "newhire@demo.orgdeck.test", ROLE_MEMBER,
				 &staging, 1, 7);
	json_free(&inv);
	if (ret == 0)
		ret = invitations_create(req, &inv, d->acme,
					 "contractor@example.test",
					 ROLE_MANAGER, NULL, 0, 14);
	json_free(&inv);
	return ret;
}

/* Everything, in the caller's transaction. */
static int seed_build(struct req *req, struct seed_demo *d)
{
	int64_t taken = 0;

	if (db_int(req->db, &taken,
		   "SELECT count(*) FROM users WHERE email = ?1", "t",
		   seed_emails[SEED_OWNER]) < 0)
		return -1;
	if (taken > 0) {
		log_error("this database already has the demo");
		return -1;
	}
	if (seed_people(req, d) < 0 || seed_acme(req, d) < 0 ||
	    seed_globex(req, d) < 0 || seed_invitations(req, d) < 0 ||
	    seed_resources(req, d) < 0)
		return -1;
	return 0;
}

/* Writes "EMAIL TOKEN" lines to @path, mode 0600. */
static int seed_tokens_file(const char *path, const struct seed_demo *d)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;
	int i, ret = 0;

	if (fd < 0 || fchmod(fd, 0600) < 0) {
		log_error("cannot write %s", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		return -1;
	}
	for (i = 0; i < SEED__PEOPLE; i++)
		if (fprintf(f, "%s %s\n", seed_emails[i], d->token[i]) < 0)
			ret = -1;
	if (fclose(f) != 0)
		ret = -1;
	return ret;
}

/* Makes the demo and hands out its tokens. */
static int seed_run(const char *tokens_file)
{
	struct seed_demo d;
	struct req *req = req_new_local();
	int ret = -1;

	memset(&d, 0, sizeof(d));
	if (req == NULL || db_begin(req->db) < 0)
		goto out;
	if (seed_build(req, &d) < 0) {
		if (req->answer != NULL)
			log_error("the demo was not made: %s", req->answer);
		db_rollback(req->db);
		goto out;
	}
	if (db_commit(req->db) < 0)
		goto out;

	ret = 0;
	if (tokens_file != NULL)
		ret = seed_tokens_file(tokens_file, &d);
	printf("%s\n", d.token[SEED_OWNER]);
	fflush(stdout);

out:
	sodium_memzero(&d, sizeof(d));
	req_free(&req);
	return ret;
}

int seed_main(const struct cli *cli, int argc, char **argv)
{
	const char *tokens_file = NULL;
	int first = cli_option(argc, argv, "tokens-file", &tokens_file);
	int ret = 1;

	if (first < 0)
		return 2;
	if (first != argc) {
		fprintf(stderr,
			"usage: orgdeckd seed-demo [--tokens-file F]\n");
		return 2;
	}

	if (cli_open(cli, false) == 0 && seed_run(tokens_file) == 0)
		ret = 0;
	cli_close();
	return ret;
}
