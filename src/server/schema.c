/* SPDX-License-Identifier: MIT */
/*
 * The schema, one migration per version.  A migration is appended, never
 * edited once released: existing databases have already run it.
 */
#include "schema.h"

#include <stdio.h>

#include "orgdeck/log.h"

/* Version 1: the whole API's data. */
static const char schema_v1[] =
	"CREATE TABLE users ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" email TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" created_at INTEGER NOT NULL);"

	/* Personal tokens: each acts as its user. */
	"CREATE TABLE personal_tokens ("
	" seq INTEGER PRIMARY KEY,"
	" user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	" hash BLOB NOT NULL UNIQUE,"
	" redacted TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" last_used_at INTEGER,"
	" revoked_at INTEGER);"

	"CREATE TABLE orgs ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('personal', 'team')),"
	" owner_id TEXT NOT NULL REFERENCES users(id),"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE UNIQUE INDEX orgs_personal ON orgs(owner_id)"
	" WHERE kind = 'personal';"

	"CREATE TABLE members ("
	" seq INTEGER PRIMARY KEY,"
	" org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
	" user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	" role TEXT NOT NULL CHECK (role IN ('member', 'manager', 'admin')),"
	" joined_at INTEGER NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1,"
	" UNIQUE (org_id, user_id));"
	"CREATE INDEX members_user ON members(user_id);"

	"CREATE TABLE projects ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '',"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1,"
	" UNIQUE (org_id, name COLLATE NOCASE));"

	"CREATE TABLE project_members ("
	" seq INTEGER PRIMARY KEY,"
	" project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
	" user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	" role TEXT NOT NULL CHECK (role IN ('member', 'manager', 'admin')),"
	" added_at INTEGER NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1,"
	" UNIQUE (project_id, user_id));"
	"CREATE INDEX project_members_user ON project_members(user_id);"

	/*
	 * status is what happened; a 'pending' row past expires_at reads as
	 * expired.  code_hash is NULL once the invitation is not pending.
	 * period_days is the validity a resend grants again.
	 */
	"CREATE TABLE invitations ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
	" email TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN ('member', 'manager', 'admin')),"
	" status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
	"  ('pending', 'accepted', 'declined', 'revoked')),"
	" invited_by TEXT REFERENCES users(id),"
	" code_hash BLOB UNIQUE,"
	" period_days INTEGER NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" expires_at INTEGER NOT NULL,"
	" sent_count INTEGER NOT NULL DEFAULT 1,"
	" last_sent_at INTEGER NOT NULL,"
	" responded_at INTEGER,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX invitations_org ON invitations(org_id, seq);"
	"CREATE INDEX invitations_email ON invitations(email, status);"

	"CREATE TABLE invitation_projects ("
	" invitation_id TEXT NOT NULL"
	"  REFERENCES invitations(id) ON DELETE CASCADE,"
	" project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,"
	" role TEXT NOT NULL CHECK (role IN ('member', 'manager', 'admin')),"
	" PRIMARY KEY (invitation_id, project_id));"

	/*
	 * API keys.  project_id is NULL for scope 'org'.  prev_hash keeps the
	 * secret a rotation replaced working until prev_expires_at.
	 */
	"CREATE TABLE api_keys ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
	" project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,"
	" scope TEXT NOT NULL CHECK (scope IN ('org', 'project')),"
	" name TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK (role IN ('member', 'manager', 'admin')),"
	" hash BLOB NOT NULL UNIQUE,"
	" redacted TEXT NOT NULL,"
	" prev_hash BLOB UNIQUE,"
	" prev_expires_at INTEGER,"
	" created_by TEXT NOT NULL REFERENCES users(id),"
	" created_at INTEGER NOT NULL,"
	" expires_at INTEGER,"
	" revoked_at INTEGER,"
	" last_used_at INTEGER,"
	" use_count INTEGER NOT NULL DEFAULT 0,"
	" version INTEGER NOT NULL DEFAULT 1,"
	" CHECK ((scope = 'org') = (project_id IS NULL)));"
	"CREATE INDEX api_keys_org ON api_keys(org_id, seq);"
	"CREATE INDEX api_keys_project ON api_keys(project_id, seq);"

	/* Resources: project_id NULL means organization level. */
	"CREATE TABLE connections ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
	" project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" provider TEXT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'active',"
	" config TEXT NOT NULL DEFAULT '{}',"
	" created_by TEXT REFERENCES users(id),"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE UNIQUE INDEX connections_name ON connections"
	" (org_id, ifnull(project_id, ''), name);"

	/* value_sealed is vault_seal() of the value. */
	"CREATE TABLE secrets ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
	" project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" value_sealed BLOB NOT NULL,"
	" created_by TEXT REFERENCES users(id),"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE UNIQUE INDEX secrets_name ON secrets"
	" (org_id, ifnull(project_id, ''), name);"

	/* redirect_uris and providers are JSON arrays, settings an object. */
	"CREATE TABLE authkits ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
	" project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" redirect_uris TEXT NOT NULL DEFAULT '[]',"
	" providers TEXT NOT NULL DEFAULT '[]',"
	" settings TEXT NOT NULL DEFAULT '{}',"
	" created_by TEXT REFERENCES users(id),"
	" created_at INTEGER NOT NULL,"
	" updated_at INTEGER NOT NULL,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE UNIQUE INDEX authkits_name ON authkits"
	" (org_id, ifnull(project_id, ''), name);"

	/*
	 * The audit trail.  No foreign keys: an event outlives what it
	 * names (deleting a project or an organization is itself an event).
	 * before and after are JSON with secrets already redacted.
	 */
	"CREATE TABLE events ("
	" seq INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" org_id TEXT NOT NULL,"
	" project_id TEXT,"
	" actor_type TEXT NOT NULL CHECK (actor_type IN ('user', 'key')),"
	" actor_id TEXT NOT NULL,"
	" actor_name TEXT NOT NULL,"
	" action TEXT NOT NULL,"
	" target_type TEXT NOT NULL,"
	" target_id TEXT NOT NULL,"
	" target_name TEXT,"
	" before TEXT,"
	" after TEXT,"
	" request_id TEXT,"
	" created_at INTEGER NOT NULL);"
	"CREATE INDEX events_org ON events(org_id, seq);"
	"CREATE INDEX events_project ON events(project_id, seq);"

	/*
	 * Idempotency-Key replays, per principal.  body is the answer as
	 * sent, or its redacted form when it carried a token; body_sealed
	 * then holds the full answer, sealed, and is dropped after ten
	 * minutes.  status 0 is a reservation: the first attempt is still
	 * being handled and body is empty.
	 */
	"CREATE TABLE idempotency ("
	" principal TEXT NOT NULL,"
	" key TEXT NOT NULL,"
	" request_hash BLOB NOT NULL,"
	" status INTEGER NOT NULL,"
	" body TEXT NOT NULL,"
	" body_sealed BLOB,"
	" created_at INTEGER NOT NULL,"
	" PRIMARY KEY (principal, key));"
	"CREATE INDEX idempotency_age ON idempotency(created_at);";

/*
 * Version 2: resource lists page by (organization, project, seq); without
 * these a large organization sorted every page in a temporary B-tree.
 */
static const char schema_v2[] =
	"CREATE INDEX connections_place ON connections"
	" (org_id, project_id, seq);"
	"CREATE INDEX secrets_place ON secrets (org_id, project_id, seq);"
	"CREATE INDEX authkits_place ON authkits (org_id, project_id, seq);";

static const char *const schema_steps[] = {
	schema_v1,
	schema_v2,
};

/* Reads PRAGMA user_version; -1 on error. */
static int schema_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int version = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return version;
}

/* Runs the migrations after @from, then sets user_version. */
static int schema_apply(sqlite3 *db, int from)
{
	char pragma[64];
	int v;

	for (v = from; v < SCHEMA_VERSION; v++)
		if (sqlite3_exec(db, schema_steps[v], NULL, NULL, NULL) !=
		    SQLITE_OK)
			return -1;

	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		 SCHEMA_VERSION);
	return sqlite3_exec(db, pragma, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int schema_migrate(sqlite3 *db)
{
	int version, ret = -1;

	if (sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) !=
		    SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto out;

	version = schema_version(db);
	if (version < 0 || version > SCHEMA_VERSION) {
		log_error("the database has schema version %d; this orgdeckd "
			  "knows up to %d",
			  version, SCHEMA_VERSION);
		goto out;
	}
	if (schema_apply(db, version) < 0 ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	ret = 0;

out:
	if (ret < 0) {
		if (sqlite3_errcode(db) != SQLITE_OK)
			log_error("migration: %s", sqlite3_errmsg(db));
		if (!sqlite3_get_autocommit(db))
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	return ret;
}
