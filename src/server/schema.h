/* SPDX-License-Identifier: MIT */
/*
 * The database schema and its migrations, numbered by PRAGMA user_version.
 * A database newer than this program is refused rather than guessed at.
 *
 * Conventions every table follows (resource files rely on them):
 * - `seq INTEGER PRIMARY KEY` orders rows oldest first and is the paging
 *   cursor; `id TEXT UNIQUE` is the prefixed ID the API shows.
 * - Times are INTEGER Unix seconds; absent times are NULL.
 * - `version INTEGER` starts at 1 and grows by one on every change; the
 *   etag is "\"v<version>\"".
 * - Roles are stored as their wire names ("member", "manager", "admin");
 *   the owner is an "admin" whose id is organizations.owner_id.
 * - Tokens are stored only as SHA-256 hashes (BLOB) with a `redacted` text.
 * - Secret values are sealed with the server key (vault.h) in a BLOB.
 */
#ifndef ORGDECKD_SCHEMA_H
#define ORGDECKD_SCHEMA_H

#include <sqlite3.h>

/* The schema version this program writes. */
#define SCHEMA_VERSION 2

/*
 * Brings @db up to SCHEMA_VERSION inside one transaction, and turns on WAL.
 * Returns 0, or -1 after logging why.
 */
int schema_migrate(sqlite3 *db);

#endif
