/* store.h - the SQLite store: one file holding reference data, editions,
 * import batches, figures and context figures. Prefix: store_.
 *
 * Opening applies pending migrations (PRAGMA user_version), turns on WAL and
 * foreign keys. Writes happen inside store_begin/store_commit; any error path
 * calls store_rollback so that nothing is half written.
 *
 * Only the store knows SQL (t0210 and the Makefile's NO_SQLITE enforce it):
 * this header names no SQLite type; the layers above read through the named
 * functions below, whose row sets come as arrays the caller frees, as
 * callbacks whose row lives during the call, or as an iterator
 * (store_figures_*) closed by the caller. The connection and the edition
 * order are private to src/store/ (store_impl.h).
 *
 * Ownership: store_open returns a handle closed with store_close. Strings
 * returned through OUT buffers are copied.
 */
#ifndef LADDER_STORE_H
#define LADDER_STORE_H

#include "../base/base.h"
#include "../model/model.h"

#define STORE_SCHEMA_VERSION 8

typedef struct store store;

/* create: make the file when it does not exist. A file that is an SQLite
 * database of something else is refused, never migrated. */
store *store_open(const char *path, int create, lerr *err);
void store_close(store *s);
/* 1 when the file could only be opened for reading (no write permission, a
 * read-only mount): reads work, caches are not written (computed each time),
 * and any write fails with the database's message. */
int store_readonly(const store *s);
const char *store_path(const store *s);

/* The number of rows of a table of the schema (a name from the code, never
 * from input). */
int store_count(store *s, const char *table, int *n, lerr *err) LADDER_WARN_UNUSED;

/* *has = 1 when `ladder init` has loaded the reference data; a store that
 * cannot be read is an error, not "not initialised". */
int store_has_reference(store *s, int *has, lerr *err) LADDER_WARN_UNUSED;

int store_begin(store *s, lerr *err) LADDER_WARN_UNUSED;
int store_commit(store *s, lerr *err) LADDER_WARN_UNUSED;
void store_rollback(store *s);
/* A read transaction around many small queries: one lock and one
 * consistent snapshot instead of one per statement. Nests (only the
 * outermost begins and ends it); every begin that returned 0 is paired with
 * an end. A cache write inside it upgrades it without waiting. */
int store_read_begin(store *s, lerr *err) LADDER_WARN_UNUSED;
void store_read_end(store *s);

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

/* What a cached grid of (edition, year) was computed from (schema v5, see
 * migrate-5.sql), as text for out: the reference generation (model and
 * settings) and the figure generation of the pair, and with with_previous
 * those of every earlier edition holding figures of the year (whose
 * patterns the protection keeps). A grid is valid while its stamp is. */
/* The reference generation alone (schema v5: the model and the settings,
 * see migrate-5.sql). */
int store_reference_generation(store *s, long long *gen, lerr *err) LADDER_WARN_UNUSED;
int store_grid_stamp(store *s, int edition, int year, int with_previous, buf *out, lerr *err) LADDER_WARN_UNUSED;

/* Cached grids (schema v5), one per (edition, year), owned by the engine
 * (calc.c): get returns the blob only when stamp and opts match; the
 * caller frees *grid (xmalloc'd). put replaces the entry without waiting for
 * a busy store: a cache that cannot be written costs a recomputation. */
int store_grid_cache_get(store *s, int edition, int year, const char *stamp, const char *opts, void **grid, size_t *len,
			 lerr *err) LADDER_WARN_UNUSED;
int store_grid_cache_put(store *s, int edition, int year, const char *stamp, const char *opts, const void *grid,
			 size_t len, lerr *err) LADDER_WARN_UNUSED;

/* Years holding data of kind ("figure"/"context"), ascending; with edition
 * (a code, may be NULL) only the years of that edition. The caller frees
 * *years. */
int store_years(store *s, const char *kind, const char *edition, int **years, int *n, lerr *err) LADDER_WARN_UNUSED;

typedef struct store_edition_ref {
	int id;
	char code[64];
} store_edition_ref;
/* The editions holding data of kind for year, in edition order, oldest
 * first. The caller frees *eds. */
int store_year_editions(store *s, const char *kind, int year, store_edition_ref **eds, int *n, lerr *err) LADDER_WARN_UNUSED;

/* Every edition, latest first. The caller frees *eds. */
int store_editions(store *s, store_edition_ref **eds, int *n, lerr *err) LADDER_WARN_UNUSED;

/* The figures of one edition and year, in (area id, work form id) order,
 * read through an iterator so that several can be merged. areas: when not
 * NULL, only those area ids (n_areas of them; the primary key serves the
 * filter, so a small list reads only its rows). next returns 1 with a row,
 * 0 at the end, a negative LERR_DB on failure; the row's strings stay valid
 * until the next call. */
typedef struct store_figure {
	int area, work_form; /* store ids: model_area.id, model_node.id */
	int known;           /* persons is not NULL */
	double persons;
	const char *flag;    /* "" or missing, confidential, estimated, synthetic */
	const char *note;
} store_figure;
typedef struct store_figures store_figures;
int store_figures_open(store *s, int edition, int year, const int *areas, int n_areas, store_figures **it,
		       lerr *err) LADDER_WARN_UNUSED;
int store_figures_next(store_figures *it, store_figure *f, lerr *err) LADDER_WARN_UNUSED;
void store_figures_close(store_figures *it);

/* The figures of one edition and year that carry a note or were carried
 * forward from another edition (schema v8; store ids). */
typedef void (*store_note_cb)(void *ctx, int area, int work_form, const char *note, int carried);
int store_figure_notes(store *s, int edition, int year, store_note_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* The (edition, year) pairs holding data of kind within [year_from,
 * year_to], by year and, within a year, latest edition first. code lives
 * during the call. */
typedef void (*store_coverage_cb)(void *ctx, int edition, const char *code, int year);
int store_coverage(store *s, const char *kind, int year_from, int year_to, store_coverage_cb cb, void *ctx,
		   lerr *err) LADDER_WARN_UNUSED;

/* When the last import was made, "YYYY-MM-DDTHH:MM:SS"; "" before any. */
int store_last_import(store *s, char out[32], lerr *err) LADDER_WARN_UNUSED;

/* Context figures that cannot be (negative; a percentage over 100), by
 * year, area code and indicator code. The row lives during the call. */
typedef struct store_context_row {
	const char *area;
	int year;
	const char *indicator, *unit;
	double value;
} store_context_row;
typedef void (*store_context_cb)(void *ctx, const store_context_row *v);
int store_context_out_of_range(store *s, store_context_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* The context figures of one year and indicator (store id), one per area:
 * edition's own (store id) where it has one, else the latest edition's.
 * cb gets the area's store id; flag lives during the call. */
typedef void (*store_area_value_cb)(void *ctx, int area, int known, double value, const char *flag);
int store_context_of_year(store *s, int year, int indicator, int edition, store_area_value_cb cb, void *ctx,
			  lerr *err) LADDER_WARN_UNUSED;

/* One stored value: found when there is a row, known when its value is not
 * NULL. */
typedef struct store_value {
	int found, known;
	double value;
	char flag[16]; /* "" or missing, confidential, estimated, synthetic */
} store_value;
/* The context figure of an area, year and indicator (store ids): edition's
 * own (store id) when it has one, else the latest edition's. */
int store_context_value(store *s, int area, int year, int indicator, int edition, store_value *v, lerr *err) LADDER_WARN_UNUSED;
/* A target (an indicator such as employment_target) of an area that applies
 * in year: the nearest target year at or after it, else the latest before
 * it; the latest edition's. *target_year = 0 and !v->found when none. */
int store_context_target(store *s, int area, int year, int indicator, int *target_year, store_value *v,
			 lerr *err) LADDER_WARN_UNUSED;

/* The settings whose key starts with prefix, by key. */
typedef void (*store_setting_cb)(void *ctx, const char *key, const char *value);
int store_settings(store *s, const char *prefix, store_setting_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* The published claims (schema v2) in the order of their import. The row
 * lives during the call; tolerance is -1 when none is stored. */
typedef struct store_claim {
	const char *id, *text, *area, *edition, *expr, *stated;
	int year;
	double tolerance;
} store_claim;
typedef void (*store_claim_cb)(void *ctx, const store_claim *c);
int store_claims(store *s, store_claim_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* ---- listings (store_list.c) */

/* The version of the SQLite library the store runs on (static text). */
const char *store_sqlite_version(void);

/* ---- editions as a workflow (store_edition.c, schema v8) */

/* What a title page says of an edition. 0 and "" mean not set. */
typedef struct store_edition_meta {
	int ordinal;   /* in the series: the 2018 edition is the 10th */
	int data_year; /* the year its figures are of (not its publication year) */
	char title[256];
	char published[32]; /* YYYY-MM-DD or YYYY-MM */
	char notes[1024];
	char carried_from[64]; /* the edition `editions new --from` carried forward, "" */
} store_edition_meta;
enum {
	STORE_META_ORDINAL = 1,
	STORE_META_DATA_YEAR = 2,
	STORE_META_TITLE = 4,
	STORE_META_PUBLISHED = 8,
	STORE_META_NOTES = 16,
};
/* Checks the fields of m: ordinal 0 (none) or 1-999, data year 0 or
 * 1990-2100, published "" or YYYY-MM-DD or YYYY-MM. LERR_PARSE with the
 * column (its name in an editions file) and err when one is wrong. */
int store_edition_meta_check(const store_edition_meta *m, unsigned fields, const char **column, lerr *err);
/* The metadata of the edition code; *found = 0 when there is none. */
int store_edition_meta_get(store *s, const char *code, store_edition_meta *out, int *found, lerr *err) LADDER_WARN_UNUSED;
/* The same by store id (all empty for an unknown id). */
int store_edition_meta_of(store *s, int id, store_edition_meta *out, lerr *err) LADDER_WARN_UNUSED;
/* Sets the fields (STORE_META_*) of edition code from m, adding the edition
 * when it is new; inside the caller's transaction. Raises the store's
 * generation (whatever shows editions is stale). */
int store_edition_meta_set(store *s, const char *code, const store_edition_meta *m, unsigned fields,
			   lerr *err) LADDER_WARN_UNUSED;
/* Starts edition code (new, or without data) as a copy of the figures of
 * edition from, every one marked carried (figure.carried): an import into
 * code replaces them figure by figure. Inside the caller's transaction (all
 * or nothing); counts the figure generations of the new pairs. *carried gets
 * the figures copied, *years (caller frees) the years. LERR_NOTFOUND when
 * from does not exist or holds no figures, LERR_CONFLICT when code already
 * holds data. */
int store_edition_carry(store *s, const char *code, const char *from, long long *carried, int **years, int *n_years,
			lerr *err) LADDER_WARN_UNUSED;
/* The carried figures of an edition (store id), and all its figures. */
int store_carried_counts(store *s, int edition, long long *carried, long long *total, lerr *err) LADDER_WARN_UNUSED;

/* A stored figure that editions a and b both hold with different values
 * (store ids). */
typedef struct store_revision {
	int year, area, work_form;
	int old_known;
	double old;
	int new_known;
	double now;
} store_revision;
typedef void (*store_revision_cb)(void *ctx, const store_revision *r);
/* The revisions from edition a to b (store ids), by year, area, work form. */
int store_figure_revisions(store *s, int a, int b, store_revision_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;
/* The work forms (areas with areas = 1) edition in holds figures of and
 * edition not_in holds none of, by store id. */
typedef void (*store_id_cb)(void *ctx, int id);
int store_edition_only(store *s, int in, int not_in, int areas, store_id_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* Every edition in edition order, oldest first, with the years holding
 * figures and context figures (ascending); with STORE_EDITION_FIGURES in
 * what also the number of its figures, with STORE_EDITION_FILES the files
 * its figures came from (by name). The row lives during the call. */
enum { STORE_EDITION_FIGURES = 1, STORE_EDITION_FILES = 2 };
typedef struct store_edition_info {
	int id;
	const char *code;
	const int *figure_years;
	int n_figure_years;
	const int *context_years;
	int n_context_years;
	long long figures;
	long long carried; /* of figures, with STORE_EDITION_FIGURES */
	const char *const *files;
	int n_files;
	const store_edition_meta *meta;
} store_edition_info;
typedef void (*store_edition_cb)(void *ctx, const store_edition_info *e);
int store_edition_list(store *s, unsigned what, store_edition_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* The (edition, year) pairs holding data of kind, in edition order (oldest
 * first) and by year: year 0 means every year, edition (a code) NULL every
 * edition. code lives during the call. */
int store_coverage_by_edition(store *s, const char *kind, int year, const char *edition, store_coverage_cb cb, void *ctx,
			      lerr *err) LADDER_WARN_UNUSED;
/* The latest year holding data of kind; 0 when none. */
int store_latest_year(store *s, const char *kind, int *year, lerr *err) LADDER_WARN_UNUSED;

/* The import batches in the order they were made. The row lives during the
 * call. */
typedef struct store_batch {
	long long id;
	const char *file, *kind, *sha256;
	long long rows, inserted, replaced;
	const char *imported_at;
} store_batch;
typedef void (*store_batch_cb)(void *ctx, const store_batch *b);
int store_batches(store *s, store_batch_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;
/* The number of batches whose file is not one compiled into the program
 * (demo/, ref/): what a user imported. */
int store_user_batches(store *s, int *n, lerr *err) LADDER_WARN_UNUSED;

/* The figures of one edition and year counted per flag ("" for none), by
 * flag. flag lives during the call. */
typedef void (*store_flag_count_cb)(void *ctx, const char *flag, long long n);
int store_flag_counts(store *s, int edition, int year, store_flag_count_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* The estimated figures (of edition) and context figures of year of two
 * areas (store ids), by area code and work form or indicator code. The row
 * lives during the call. */
typedef struct store_estimate {
	const char *area_code;
	const char *code; /* work form or indicator */
	int known;
	double value;
	const char *note;
} store_estimate;
typedef void (*store_estimate_cb)(void *ctx, const store_estimate *e);
int store_estimates(store *s, int edition, int year, int area1, int area2, store_estimate_cb cb, void *ctx,
		    lerr *err) LADDER_WARN_UNUSED;

/* The years within [year_from, year_to] holding context figures of any
 * edition, ascending. The caller frees *years. */
int store_context_years(store *s, int year_from, int year_to, int **years, int *n, lerr *err) LADDER_WARN_UNUSED;
/* The context figures of an area and indicator (store ids) within [year_from,
 * year_to], one per year (the latest edition's), by year. flag lives during
 * the call. */
typedef void (*store_year_value_cb)(void *ctx, int year, int known, double value, const char *flag);
int store_context_series(store *s, int area, int indicator, int year_from, int year_to, store_year_value_cb cb, void *ctx,
			 lerr *err) LADDER_WARN_UNUSED;

/* The work SQLite does on this connection, in virtual machine instructions,
 * since store_work_count(s, 1): lets a test see how a query scales without
 * timing it. Counting slows every statement; store_work_count(s, 0) stops. */
void store_work_count(store *s, int on);
long long store_work(const store *s);

#endif
