/* store.h - the SQLite store: one file holding reference data, editions,
 * import batches, figures and context figures. Prefix: store_.
 *
 * Opening applies pending migrations (PRAGMA user_version), turns on WAL and
 * foreign keys. Writes happen inside store_begin/store_commit; any error path
 * calls store_rollback so that nothing is half written.
 *
 * Ownership: store_open returns a handle closed with store_close. Statements
 * from store_prepare belong to the caller (sqlite3_finalize). Strings returned
 * through OUT buffers are copied.
 */
#ifndef LADDER_STORE_H
#define LADDER_STORE_H

#include <sqlite3.h>

#include "../base/base.h"
#include "../model/model.h"

#define STORE_SCHEMA_VERSION 4

typedef struct store store;

/* create: make the file when it does not exist. A file that is an SQLite
 * database of something else is refused, never migrated. */
store *store_open(const char *path, int create, lerr *err);
void store_close(store *s);
sqlite3 *store_db(store *s);
const char *store_path(const store *s);

/* 1 when `ladder init` has loaded the reference data. */
int store_has_reference(store *s);

int store_exec(store *s, const char *sql, lerr *err) LADDER_WARN_UNUSED;
int store_prepare(store *s, const char *sql, sqlite3_stmt **st, lerr *err) LADDER_WARN_UNUSED;
int store_begin(store *s, lerr *err) LADDER_WARN_UNUSED;
int store_commit(store *s, lerr *err) LADDER_WARN_UNUSED;
void store_rollback(store *s);
/* Error from the last sqlite call, as LERR_DB with context. */
int store_fail(store *s, lerr *err, const char *what);

/* Builds the in-memory model from the store. NULL with err on failure. */
model *store_load_model(store *s, lerr *err);

/* Edition by code. With create, a missing edition is added (inside the
 * caller's transaction). *id is 0 when absent and !create. */
int store_edition(store *s, const char *code, int create, int *id, lerr *err) LADDER_WARN_UNUSED;
/* The latest edition holding data of `kind` ("figure"/"context") for year;
 * *id = 0 when none. code (may be NULL) receives its code. */
int store_latest_edition(store *s, const char *kind, int year, int *id, char code[64], lerr *err) LADDER_WARN_UNUSED;
/* The code of an edition id ("" if unknown). */
int store_edition_code(store *s, int id, char code[64], lerr *err) LADDER_WARN_UNUSED;
/* The edition holding data of `kind` for year just before `edition` in
 * edition order; *prev = 0 when none. */
int store_previous_edition(store *s, const char *kind, int year, int edition, int *prev, lerr *err) LADDER_WARN_UNUSED;

/* Settings (schema v2): key/value text. get copies the value into out
 * (truncated to size) and sets *found; set with value NULL removes the key.
 * Keys are checked by their readers (calc_protect_setting_check). */
int store_setting_get(store *s, const char *key, char *out, size_t size, int *found, lerr *err) LADDER_WARN_UNUSED;
int store_setting_set(store *s, const char *key, const char *value, lerr *err) LADDER_WARN_UNUSED;

/* Stored suppression patterns (schema v3), n state bytes for (edition,
 * year). get sets *found only when the fingerprint and size match; put does
 * not wait for a busy store (as store_grid_cache_put). */
int store_pattern_get(store *s, int edition, int year, const char *fingerprint, unsigned char *out, size_t n, int *found,
		      lerr *err) LADDER_WARN_UNUSED;
int store_pattern_put(store *s, int edition, int year, const char *fingerprint, const unsigned char *states, size_t n,
		      lerr *err) LADDER_WARN_UNUSED;

/* The store's generation (schema v4): it goes up with every import that
 * changed something (of any kind) and every change of a setting (triggers,
 * see migrate-4.sql), so a cache made at generation g is valid while the
 * generation is g. */
int store_generation(store *s, long long *gen, lerr *err) LADDER_WARN_UNUSED;

/* Cached grids (schema v4), one per (edition, year), owned by the engine
 * (calc.c): get returns the blob only when generation and opts match; the
 * caller frees *grid (xmalloc'd). put replaces the entry without waiting for
 * a busy store: a cache that cannot be written costs a recomputation. */
int store_grid_cache_get(store *s, int edition, int year, long long gen, const char *opts, void **grid, size_t *len,
			 lerr *err) LADDER_WARN_UNUSED;
int store_grid_cache_put(store *s, int edition, int year, long long gen, const char *opts, const void *grid, size_t len,
			 lerr *err) LADDER_WARN_UNUSED;

#endif
