/* SPDX-License-Identifier: MIT */
/*
 * `orgdeckd seed-demo`: sample organizations, projects, people and
 * invitations in one transaction, for demos and the console's tests.  The
 * demo owner's personal token goes to standard output; --tokens-file gets
 * every demo person's.
 */
#include "seed.h"

#include <fcntl.h>
#include <getopt.h>
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
#include "resources.h"
#include "stamp.h"
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

/* Makes a team organization owned by @owner, with its event. */
static int seed_org(struct req *req, char id[ID_SIZE], const char *name,
		    const char *owner)
{
	struct audit ev = { 0 };
	int64_t now = stamp_now();

	ids_new(id, "org_");
	if (auth_as_user(req, owner) < 0 ||
	    db_exec(req->db, NULL,
		    "INSERT INTO orgs (id, name, kind, owner_id, created_at,"
		    " updated_at) VALUES (?1, ?2, 'team', ?3, ?4, ?4)",
		    "ttti", id, name, owner, now) < 0 ||
	    db_exec(req->db, NULL,
		    "INSERT INTO members (org_id, user_id, role, joined_at)"
		    " VALUES (?1, ?2, 'admin', ?3)",
		    "tti", id, owner, now) < 0)
		return -1;

	ev.org_id = id;
	ev.action = "org.create";
	ev.target_type = "organization";
	ev.target_id = id;
	ev.target_name = name;
	ev.after = audit_pair("name", name);
	return audit_write(req, &ev);
}

/* Adds @user to @org as @role, acting as req->who. */
static int seed_member(struct req *req, const char *org, const char *user,
		       const char *role)
{
	struct audit ev = { 0 };

	if (db_exec(req->db, NULL,
		    "INSERT INTO members (org_id, user_id, role, joined_at)"
		    " VALUES (?1, ?2, ?3, ?4)",
		    "ttti", org, user, role, stamp_now()) < 0)
		return -1;

	ev.org_id = org;
	ev.action = "invitation.accept";
	ev.target_type = "member";
	ev.target_id = user;
	ev.after = audit_pair("role", role);
	return audit_write(req, &ev);
}

/* Makes a project in @org, acting as req->who. */
static int seed_project(struct req *req, char id[ID_SIZE], const char *org,
			const char *name, const char *description)
{
	struct audit ev = { 0 };

	ids_new(id, "prj_");
	if (db_exec(req->db, NULL,
		    "INSERT INTO projects (id, org_id, name, description,"
		    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
		    "tttti", id, org, name, description, stamp_now()) < 0)
		return -1;

	ev.org_id = org;
	ev.project_id = id;
	ev.action = "project.create";
	ev.target_type = "project";
	ev.target_id = id;
	ev.target_name = name;
	ev.after = audit_pair("name", name);
	return audit_write(req, &ev);
}

/* Gives @user @role in project @prj of @org, acting as req->who. */
static int seed_project_role(struct req *req, const char *org, const char *prj,
			     const char *user, const char *role)
{
	struct audit ev = { 0 };

	if (db_exec(req->db, NULL,
		    "INSERT INTO project_members (project_id, user_id, role,"
		    " added_at) VALUES (?1, ?2, ?3, ?4)",
		    "ttti", prj, user, role, stamp_now()) < 0)
		return -1;

	ev.org_id = org;
	ev.project_id = prj;
	ev.action = "member.add";
	ev.target_type = "project_member";
	ev.target_id = user;
	ev.after = audit_pair("role", role);
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
	    seed_member(req, d->acme, d->user[SEED_ADMIN], "admin") < 0 ||
	    seed_member(req, d->acme, d->user[SEED_MANAGER], "manager") < 0 ||
	    seed_member(req, d->acme, d->user[SEED_MEMBER], "member") < 0 ||
	    seed_project(req, d->production, d->acme, "Production",
			 "Customer-facing services") < 0 ||
	    seed_project(req, d->staging, d->acme, "Staging",
			 "Release candidates") < 0 ||
	    seed_project_role(req, d->acme, d->production,
			      d->user[SEED_MANAGER], "admin") < 0 ||
	    seed_project_role(req, d->acme, d->staging, d->user[SEED_MEMBER],
			      "manager") < 0)
		return -1;
	return 0;
}

/* Globex: other@'s organization, where owner@ is a Manager. */
static int seed_globex(struct req *req, struct seed_demo *d)
{
	if (seed_org(req, d->globex, "Globex Labs", d->user[SEED_OTHER]) < 0 ||
	    seed_member(req, d->globex, d->user[SEED_OWNER], "manager") < 0 ||
	    seed_project(req, d->research, d->globex, "Research",
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
	static const struct option longs[] = {
		{ "tokens-file", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tokens_file = NULL;
	int opt, ret = 1;

	optind = 1;
	for (;;) {
		opt = getopt_long(argc, argv, "", longs, NULL);
		if (opt == -1)
			break;
		if (opt != 't')
			return 2;
		tokens_file = optarg;
	}
	if (optind != argc) {
		fprintf(stderr,
			"usage: orgdeckd seed-demo [--tokens-file F]\n");
		return 2;
	}

	if (cli_open(cli, false) == 0 && seed_run(tokens_file) == 0)
		ret = 0;
	cli_close();
	return ret;
}
