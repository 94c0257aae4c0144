/* store_impl.h - what the store's own modules (store.c, store_query.c,
 * import.c) share and nothing outside src/store/ may see: the connection and
 * the helpers around SQLite. Prefix: store_. */
#ifndef LADDER_STORE_IMPL_H
#define LADDER_STORE_IMPL_H

#include <sqlite3.h>

#include "store.h"
#include "../base/vocab.h"

/* The edition order, written once: numeric codes by number ("2018" before
 * "2019"), others by text. DIR is ASC (oldest first) or DESC (latest
 * first); the edition table must be named e in the query. */
#define STORE_EDITION_ORDER(DIR) "CAST(e.code AS INTEGER) " #DIR ", e.code " #DIR

/* Statements on a hot path, prepared once per connection (store_cached). */
enum store_stmt {
	STORE_STMT_GENERATION,
	STORE_STMT_REFERENCE_GENERATION,
	STORE_STMT_CONTEXT_SERIES,
	/* asked per year and indicator for every page and report (labour
	 * market): parsing them was a quarter of a cold page's time */
	STORE_STMT_CONTEXT_VALUE,
	STORE_STMT_CONTEXT_TARGET,
	STORE_STMT_N
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *cached[STORE_STMT_N]; /* finalized by store_close */
	char *path;
	long long work; /* VM instructions counted, see store_work */
	int read_depth; /* store_read_begin nesting */
	int readonly;   /* see store_readonly */
	int en;         /* messages in English (store_set_english) */
	void *memo;     /* see store_memo */
	void (*free_memo)(void *memo);
};

sqlite3 *store_handle(store *s);
/* The caller finalizes *st. */
int store_prepare(store *s, const char *sql, sqlite3_stmt **st, lerr *err) LADDER_WARN_UNUSED;
/* Runs SQL text that returns no rows (tests use it to break a store). */
int store_exec(store *s, const char *sql, lerr *err) LADDER_WARN_UNUSED;
/* The statement of slot, prepared from sql at its first use and kept by the
 * store: the caller binds, steps and then sqlite3_reset()s it (a statement
 * left unreset would hold a read snapshot), and never finalizes it. */
int store_cached(store *s, enum store_stmt slot, const char *sql, sqlite3_stmt **st, lerr *err) LADDER_WARN_UNUSED;
/* An error from the last SQLite call as an lerr: LERR_DB with the store's
 * path, what was being done and SQLite's message; a full disk says so. */
int store_fail(store *s, lerr *err, const char *what);
/* SQLite's message for the last error, or that the disk is full when it is. */
const char *store_errmsg(store *s);
/* Column text, "" for NULL. */
const char *store_col_text(sqlite3_stmt *st, int i);
/* Finishes a statement that was stepped to its end: 0 when the last step
 * returned SQLITE_DONE (or SQLITE_ROW with done_ok 0), else store_fail. */
int store_finish(store *s, sqlite3_stmt *st, int rc, lerr *err, const char *what);
/* The same for a statement of store_cached: resets it, keeps it. */
int store_finish_cached(store *s, sqlite3_stmt *st, int rc, lerr *err, const char *what);

#endif
