/* SPDX-License-Identifier: MIT */
/* Per-thread SQLite connections and the binding helpers. */
#include "db.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "orgdeck/log.h"

#include "schema.h"

#define DB_BUSY_MS	10000
#define DB_BUSY_STEP_US 500

static char *db_path;
static pthread_key_t db_key;
static pthread_once_t db_once = PTHREAD_ONCE_INIT;

static void db_close_conn(void *conn)
{
	sqlite3_close_v2(conn);
}

static void db_make_key(void)
{
	pthread_key_create(&db_key, db_close_conn);
}

/*
 * Waits for another connection's write to end, in short steps, for about
 * DB_BUSY_MS in all.  SQLite's own timeout sleeps up to 100 ms at a time,
 * far longer than a write here holds the lock, which made the slowest
 * answers wait for nothing under concurrent writes.
 */
static int db_busy(void *arg, int tries)
{
	struct timespec step = { 0, DB_BUSY_STEP_US * 1000L };

	(void)arg;
	if ((long)tries * DB_BUSY_STEP_US >= DB_BUSY_MS * 1000L)
		return 0;
	nanosleep(&step, NULL);
	return 1;
}

/* Sets the per-connection pragmas every connection needs. */
static int db_configure(sqlite3 *db)
{
	static const char pragmas[] = "PRAGMA foreign_keys = ON;"
				      "PRAGMA synchronous = NORMAL;";

	sqlite3_busy_handler(db, db_busy, NULL);
	sqlite3_extended_result_codes(db, 1);
	if (sqlite3_exec(db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		log_error("database setup: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* Opens @path with @flags; NULL (logged) on failure. */
static sqlite3 *db_open(const char *path, int flags)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		log_error("cannot open %s: %s", path,
			  db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close_v2(db);
		return NULL;
	}
	if (db_configure(db) < 0) {
		sqlite3_close_v2(db);
		return NULL;
	}
	return db;
}

int db_setup(const char *path, bool create)
{
	int flags = SQLITE_OPEN_READWRITE;
	sqlite3 *db;

	pthread_once(&db_once, db_make_key);
	free(db_path);
	db_path = strdup(path);
	if (db_path == NULL)
		return -1;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	db = db_open(path, flags);
	if (db == NULL)
		return -1;
	pthread_setspecific(db_key, db);
	return schema_migrate(db);
}

sqlite3 *db_get(void)
{
	sqlite3 *db;

	if (db_path == NULL)
		return NULL;
	db = pthread_getspecific(db_key);
	if (db != NULL)
		return db;

	db = db_open(db_path, SQLITE_OPEN_READWRITE);
	if (db != NULL)
		pthread_setspecific(db_key, db);
	return db;
}

void db_close(void)
{
	sqlite3 *db;

	if (db_path == NULL)
		return;
	db = pthread_getspecific(db_key);
	pthread_setspecific(db_key, NULL);
	sqlite3_close_v2(db);
	free(db_path);
	db_path = NULL;
}

/* Binds one value of type @type from @ap at @index. */
static int db_bind_one(sqlite3_stmt *st, int index, char type, va_list *ap)
{
	const void *blob;
	const char *text;
	size_t len;

	switch (type) {
	case 't':
		text = va_arg(*ap, const char *);
		return sqlite3_bind_text(st, index, text, -1, SQLITE_STATIC);
	case 'i':
		return sqlite3_bind_int64(st, index, va_arg(*ap, int64_t));
	case 'n':
		return sqlite3_bind_int(st, index, va_arg(*ap, int));
	case 'b':
		blob = va_arg(*ap, const void *);
		len = va_arg(*ap, size_t);
		return sqlite3_bind_blob64(st, index, blob, len, SQLITE_STATIC);
	case '-':
		return sqlite3_bind_null(st, index);
	default:
		return SQLITE_MISUSE;
	}
}

/* Prepares @sql and binds the values described by @types from @ap. */
static sqlite3_stmt *db_vstmt(sqlite3 *db, const char *sql, const char *types,
			      va_list *ap)
{
	sqlite3_stmt *st = NULL;
	int i;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		log_error("SQL prepare: %s", sqlite3_errmsg(db));
		return NULL;
	}
	for (i = 0; types != NULL && types[i] != '\0'; i++) {
		if (db_bind_one(st, i + 1, types[i], ap) != SQLITE_OK) {
			log_error("SQL bind %d: %s", i + 1, sqlite3_errmsg(db));
			sqlite3_finalize(st);
			return NULL;
		}
	}
	return st;
}

sqlite3_stmt *db_stmt(sqlite3 *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, types);
	st = db_vstmt(db, sql, types, &ap);
	va_end(ap);
	return st;
}

int db_exec(sqlite3 *db, bool *constraint, const char *sql, const char *types,
	    ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if (constraint != NULL)
		*constraint = false;
	va_start(ap, types);
	st = db_vstmt(db, sql, types, &ap);
	va_end(ap);
	if (st == NULL)
		return -1;

	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return sqlite3_changes(db);

	if ((rc & 0xff) == SQLITE_CONSTRAINT && constraint != NULL)
		*constraint = true;
	else
		log_error("SQL step: %s", sqlite3_errmsg(db));
	return -1;
}

int db_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	log_error("SQL step: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
	return -1;
}

void db_done(sqlite3_stmt **st)
{
	sqlite3_finalize(*st);
	*st = NULL;
}

const char *db_text(sqlite3_stmt *st, int col)
{
	const char *text = (const char *)sqlite3_column_text(st, col);

	return text != NULL ? text : "";
}

bool db_null(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL;
}

int db_int(sqlite3 *db, int64_t *out, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	va_start(ap, types);
	st = db_vstmt(db, sql, types, &ap);
	va_end(ap);
	if (st == NULL)
		return -1;

	rc = db_step(st);
	if (rc == 1)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

int db_begin(sqlite3 *db)
{
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		log_error("BEGIN: %s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int db_commit(sqlite3 *db)
{
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;

	log_error("COMMIT: %s", sqlite3_errmsg(db));
	db_rollback(db);
	return -1;
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}
