/* SPDX-License-Identifier: MIT */
/*
 * orgdeckd's SQLite database: one connection per thread (opened on first
 * use, closed when the thread ends), WAL mode, foreign keys on, a busy
 * timeout, and the schema kept current by migrations (see schema.h).
 *
 * Every statement is prepared with its values bound as parameters; no SQL
 * text is ever built from input.  The db_stmt() and db_exec() helpers bind
 * a list of values described by a type string:
 *
 *	't'  const char *	text (NULL binds NULL)
 *	'i'  int64_t		integer
 *	'n'  int		integer
 *	'b'  const void *, size_t	blob (NULL binds NULL)
 *	'-'  (nothing)		NULL
 *
 * Parameters are bound in order from ?1, so SQL can refer to ?2 twice.
 */
#ifndef ORGDECKD_DB_H
#define ORGDECKD_DB_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

/*
 * Remembers @path, opens it in this thread and brings the schema up to
 * date.  @create allows making a new database.  Returns 0, or -1 after
 * logging why.  Call once, before any other thread uses the database.
 */
int db_setup(const char *path, bool create);

/*
 * This thread's connection, opened on first use; NULL (logged) when it
 * cannot be opened.  The connection stays the thread's: never free it.
 */
sqlite3 *db_get(void);

/*
 * Closes this thread's connection, if any, and forgets the database: call
 * it last, once no other thread uses the database any more.
 */
void db_close(void);

/*
 * Prepares @sql and binds the values described by @types.  Returns the
 * statement, which the caller finalizes (db_done()), or NULL (logged).
 */
sqlite3_stmt *db_stmt(sqlite3 *db, const char *sql, const char *types, ...);

/*
 * Runs a statement that returns no rows.  Returns the number of rows it
 * changed, or -1 (logged; a constraint failure sets *@constraint when
 * @constraint is not NULL, and is not logged).
 */
int db_exec(sqlite3 *db, bool *constraint, const char *sql, const char *types,
	    ...);

/*
 * Steps @st once.  Returns 1 for a row, 0 when done, -1 on error (logged).
 */
int db_step(sqlite3_stmt *st);

/* Finalizes *@st and sets it to NULL; NULL is fine. */
void db_done(sqlite3_stmt **st);

/* Column @col as text, "" when NULL; valid until the next step. */
const char *db_text(sqlite3_stmt *st, int col);

/* True when column @col is NULL. */
bool db_null(sqlite3_stmt *st, int col);

/*
 * Runs a one-row, one-column query and stores its integer in *@out.
 * Returns 1 when a row came, 0 when none, -1 on error.
 */
int db_int(sqlite3 *db, int64_t *out, const char *sql, const char *types, ...);

/*
 * Transactions.  db_begin() takes the write lock at once (BEGIN IMMEDIATE)
 * so that a read-then-write never fails half way; db_commit() returns -1
 * (logged) on failure, after rolling back.  db_rollback() is safe to call
 * when no transaction is open.
 */
int db_begin(sqlite3 *db);
int db_commit(sqlite3 *db);
void db_rollback(sqlite3 *db);

#endif
