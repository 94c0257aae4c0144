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

#define STORE_SCHEMA_VERSION 15

typedef struct store store;

/* create: make the file when it does not exist. A file that is an SQLite
 * database of something else is refused, never migrated. english: the
 * language of the store's messages (Dutch when 0), see store_set_english. */
store *store_open(const char *path, int create, int english, lerr *err);
/* The language of the messages the store writes into an lerr from now on
 * (a server's connection answers requests in either). */
void store_set_english(store *s, int english);
/* That language, for the layers above that word a failure about what
 * they read from this store (an unknown edition, an unknown area). */
int store_english(const store *s);
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
/* A memo of the layers above (the engine's decoded grids), valid for one
 * read transaction: what it keeps was read from that snapshot, so the
 * outermost store_read_end (and store_close) frees it with free_memo.
 * store_memo is NULL outside a read transaction or before one is set;
 * store_set_memo refuses (-1, nothing kept) outside a read transaction. */
void *store_memo(store *s);
int store_set_memo(store *s, void *memo, void (*free_memo)(void *memo));

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

/* Cached grids (schema v5), per (edition, year) and opts (schema v14: the
 * engine's options and map), owned by the engine (calc.c): get returns the
 * blob only when stamp and opts match; the caller frees *grid (xmalloc'd).
 * put replaces the entry, and drops the pair's entries of another stamp,
 * without waiting for a busy store: a cache that cannot be written costs a
 * recomputation. */
int store_grid_cache_get(store *s, int edition, int year, const char *stamp, const char *opts, void **grid, size_t *len,
			 lerr *err) LADDER_WARN_UNUSED;
/* *has = 1 when get would find a grid, without reading it. */
int store_grid_cache_has(store *s, int edition, int year, const char *stamp, const char *opts, int *has,
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
 * forward from another edition (schema v10; store ids). */
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

/* ---- editions as a workflow (store_edition.c, schema v10) */

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
int store_edition_meta_check(const store_edition_meta *m, unsigned fields, int english, const char **column, lerr *err);
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
/* A supplier's total (schema v15: a delivery's Totaal row or column, kept
 * by the import) and one figure it adds up: the key by codes, and the
 * figure stored under that key (present 0: none; known 0: no number).
 * The strings live during the call. */
typedef struct store_supplier_part {
	long long total;
	const char *file, *sheet, *kind, *label, *edition; /* kind: "row" or "column" */
	long line;
	int col;
	double value; /* what the supplier's total says */
	int year;
	const char *area, *work_form;
	int present, known;
	double persons;
	const char *flag;
} store_supplier_part;
typedef void (*store_supplier_part_cb)(void *ctx, const store_supplier_part *p);
/* Every stored supplier's total (of edition code only, unless NULL), part
 * by part: a total's parts one after another, totals in the order they were
 * imported. */
int store_supplier_totals(store *s, const char *edition, store_supplier_part_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;
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
/* Source profiles (schema v11, store_profile.c; docs/sources.md). */
typedef struct store_profile_text {
	const char *name, *supplier, *file;
	const char *text;
	size_t len;
} store_profile_text;
/* Adds a version of the profile when its text differs from the latest
 * (*added 1), else nothing (*added 0); *version: the latest version after.
 * Inside the caller's transaction. */
int store_profile_put(store *s, const store_profile_text *p, int *version, int *added, lerr *err) LADDER_WARN_UNUSED;
/* The text of version (0: the latest) into text; LERR_NOTFOUND when there
 * is none. */
int store_profile_get(store *s, const char *name, int version, buf *text, int *version_out, lerr *err) LADDER_WARN_UNUSED;
typedef struct store_profile_row {
	const char *name;
	int versions; /* the latest version */
	const char *supplier, *imported_at, *file;
} store_profile_row;
typedef void (*store_profile_cb)(void *ctx, const store_profile_row *r);
/* The profiles by name, each with its latest version. */
int store_profiles(store *s, store_profile_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

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

/* ---- the providers' survey (store_survey.c, schema v8, issue 17)
 *
 * A round asks the providers running some work forms for the persons of
 * one year per site and work form; each provider is invited with a secret
 * token of which only the SHA-256 is stored (crypt.h). Answers are
 * versions (1, 2, ... per invite), never overwritten; the latest is the
 * current one. Nothing here is published: dashboard, API and exports read
 * figures only, which `ladder survey close` makes of the final answers.
 *
 * Persons: `persons_year` is the number of persons during the year, what
 * the inventory counts (the catalogue's counting rules say "in het jaar")
 * and what becomes a figure; `persons_ref` those on the reference date
 * (31 December of the year), asked beside it and kept. A value not given
 * has has_* = 0.
 *
 * Dates are "YYYY-MM-DD"; a `today` argument of NULL means the current UTC
 * date (tests pass their own). A round is open for the web form while it
 * is not closed and today is on or before its closes date (if any). */

typedef struct store_invite {
	int invite, round, provider;  /* store ids */
	int year;                     /* the year the figures are of */
	char edition[64];             /* the edition they will be part of */
	char closes[16];              /* last day of the form, "" when none */
	char closed_at[32];           /* when `survey close` ended the round, "" while not */
	int open;                     /* the form accepts answers now */
	char provider_code[64];
	char provider_name[256];
	int version;                  /* the current version, 0 before any */
	char kind[8];                 /* its kind: "draft", "final" or "" */
	char opened_at[32];           /* when the form was first shown, "" never */
} store_invite;

/* The invite whose token hashes to hash. *found = 0 when none matches
 * (also after the link was re-issued); the stored hash is compared with
 * crypt_equal. A found invite may belong to a closed round (open = 0). */
int store_survey_invite(store *s, const unsigned char hash[32], const char *today, store_invite *inv, int *found,
			lerr *err) LADDER_WARN_UNUSED;
/* Notes the first time the form of an invite was shown (status: draft or
 * answered vs not opened); later calls change nothing. */
int store_survey_opened(store *s, int invite, lerr *err) LADDER_WARN_UNUSED;

/* One field of the form: a site of the provider and a work form of the
 * round it runs. Strings live during the call. */
typedef struct store_survey_row {
	int site, work_form;          /* store ids: what store_survey_save takes */
	int area;                     /* the site's municipality (store id) */
	const char *site_code;        /* as in the sites file: persons.<site>.<work form> */
	const char *site_name, *area_code, *area_name;
	const char *form_code, *form_name_nl, *form_name_en;
	const char *site_from, *site_to; /* the site's lifetime ("" open-ended) */
	int site_open;                /* open on some day of the round's year (else it closed: say so, take no number) */
	int has_last;                 /* last year's persons during the year: */
	long long last;
	const char *last_source;      /* "answer" (the final answer of the round of the year before), "figure" (the
					 figure of the year before of the site's municipality, when the site is its only
					 one with that work form), "" none */
	int has_year, has_ref;        /* the values of the version asked for */
	long long persons_year, persons_ref;
	const char *comment;
} store_survey_row;
typedef void (*store_survey_row_cb)(void *ctx, const store_survey_row *r);
/* The fields of an invite's form, by site code and work form code, with
 * the values of version (0: the current one; none before any; -1: none,
 * only last year's). */
int store_survey_rows(store *s, int invite, int version, store_survey_row_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

typedef struct store_survey_value {
	int site, work_form;          /* from store_survey_rows */
	int has_year, has_ref;
	long long persons_year, persons_ref; /* whole, >= 0 */
	const char *comment;          /* "" when none */
} store_survey_value;
typedef struct store_survey_saved {
	int version;                  /* the version saved */
	int newer;                    /* another version was saved after based_on ("two tabs"): say so */
	char submitted_at[32];        /* "YYYY-MM-DDTHH:MM:SSZ" */
} store_survey_saved;
/* Saves the n values as a new version of invite in one transaction,
 * committed (synchronous FULL) before it returns 0: an acknowledged answer
 * survives a crash, a failed one leaves nothing. kind: "draft" or "final";
 * channel: "web" or "spreadsheet"; based_on: the version the form showed
 * (0 none). Values must be of the invite's rows (LERR_PARSE, nothing
 * saved); a pair left out is saved as not given. The web channel is refused
 * (LERR_CONFLICT) once the round is closed or past its closes date; the
 * spreadsheet channel (the analyst's `survey import`) until it is closed. */
int store_survey_save(store *s, int invite, const char *kind, const char *channel, int based_on, const char *comment,
		      const store_survey_value *v, int n, const char *today, store_survey_saved *out, lerr *err) LADDER_WARN_UNUSED;

/* ---- the survey's administration (the command line) */

/* Providers, by code, with their number of sites (row lives during the call). */
typedef struct store_provider {
	int id;
	const char *code, *name, *contact, *enterprise_number;
	int sites;
} store_provider;
typedef void (*store_provider_cb)(void *ctx, const store_provider *p);
/* code: only that provider (NULL every one); *n the number seen. */
int store_providers(store *s, const char *code, store_provider_cb cb, void *ctx, int *n, lerr *err) LADDER_WARN_UNUSED;
/* The sites of a provider (store id) with their work forms, one row per
 * site and work form, by site and work form code. */
typedef struct store_site {
	const char *code, *name, *area_code, *area_name, *form_code, *valid_from, *valid_to;
} store_site;
typedef void (*store_site_cb)(void *ctx, const store_site *r);
int store_provider_sites(store *s, int provider, store_site_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* Opens a round for year and edition (a code; created when new) asking the
 * n work forms (store ids) of every provider with a site running one of
 * them, open during year. Inside one transaction of its own. *round: its
 * id; *invited: the providers asked. LERR_CONFLICT when the round exists. */
int store_survey_open(store *s, int year, const char *edition, const int *forms, int n, const char *closes, int *round,
		      int *invited, lerr *err) LADDER_WARN_UNUSED;
/* The round of year and edition (either may be 0/NULL: then the only round
 * matching, the only round not closed when both are). *round = 0 when none,
 * *many = 1 when several match. */
int store_survey_round(store *s, int year, const char *edition, int *round, int *many, lerr *err) LADDER_WARN_UNUSED;

/* A round as the analyst sees it. */
typedef struct store_round_info {
	int id, year;
	char edition[64], opened_at[32], closes[16], closed_at[32];
} store_round_info;
int store_survey_round_info(store *s, int round, store_round_info *r, lerr *err) LADDER_WARN_UNUSED;

/* The invites of a round, by provider code. Strings live during the call. */
typedef struct store_invite_row {
	int invite, provider;
	const char *provider_code, *provider_name, *contact;
	const char *issued_at, *opened_at;
	int version;                  /* current version, 0 none */
	const char *kind;             /* "draft", "final" or "" */
	const char *submitted_at;     /* of the current version */
	int final_version;            /* the latest final version, 0 none */
	int final_submission;         /* its submission (store id), 0 none */
} store_invite_row;
typedef void (*store_invite_cb)(void *ctx, const store_invite_row *r);
int store_survey_invites(store *s, int round, store_invite_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;
/* Sets an invite's token hash (a new link; the old one stops working).
 * Inside the caller's transaction. */
int store_survey_set_token(store *s, int invite, const unsigned char hash[32], lerr *err) LADDER_WARN_UNUSED;

/* Where a figure made by `survey close` came from: a provider's submission
 * (0 when its value was last year's, carried: estimated). */
typedef struct store_provenance {
	int area, work_form, provider, submission, estimated;
} store_provenance;
/* Ends a round: closed now, with the provenance of its figures and the
 * batch they were imported in (the latest; none when the import changed
 * nothing). Inside the caller's transaction (the import's). */
int store_survey_mark_closed(store *s, int round, const store_provenance *p, int n, lerr *err) LADDER_WARN_UNUSED;

/* ---- persons counted from episode files (schema v12, store_persons.c) */

/* One `persons import` into an edition: its provenance. */
typedef struct store_person_import {
	int id, edition;          /* read back only */
	const char *edition_code; /* read back only */
	const char *date;         /* YYYY-MM-DD: the persons, and the end of the flows */
	const char *date_from;    /* YYYY-MM-DD: the start of the flows, "" without */
	const char *file, *sha256;
	const char *precedence;   /* "highest" or "lowest" */
} store_person_import;
/* Persons beside places per (area code, rung) on the date. */
typedef struct store_person_rung {
	const char *area;
	int rung;
	long long persons, places;
} store_person_rung;
/* Persons per (area code, rung on date_from, rung on date); rung 0: none. */
typedef struct store_person_flow {
	const char *area;
	int rung_from, rung_to;
	long long persons;
} store_person_flow;
/* Stores an import with its rungs and flows, replacing the edition's import
 * of the same date; its batch is the latest named batch_file (none when the
 * figures changed nothing). Inside the caller's transaction (the import's);
 * every area must be known. */
int store_persons_save(store *s, const store_person_import *p, const char *batch_file, const store_person_rung *r,
		       int n_r, const store_person_flow *f, int n_f, lerr *err) LADDER_WARN_UNUSED;
/* The imports of edition (0: every edition), by edition (oldest first) then
 * date. Strings live during the call. */
typedef void (*store_person_import_cb)(void *ctx, const store_person_import *p);
int store_person_imports(store *s, int edition, store_person_import_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;
/* An import's rungs and flows, by area code (as a number), then rungs. */
typedef void (*store_person_rung_cb)(void *ctx, const store_person_rung *r);
int store_person_rungs(store *s, int import, store_person_rung_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;
typedef void (*store_person_flow_cb)(void *ctx, const store_person_flow *f);
int store_person_flows(store *s, int import, store_person_flow_cb cb, void *ctx, lerr *err) LADDER_WARN_UNUSED;

/* The work SQLite does on this connection, in virtual machine instructions,
 * since store_work_count(s, 1): lets a test see how a query scales without
 * timing it. Counting slows every statement; store_work_count(s, 0) stops. */
void store_work_count(store *s, int on);
long long store_work(const store *s);

#endif
