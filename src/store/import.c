/* import.c - CSV import: header -> kind, row validation, all-or-nothing
 * writes. See import.h. */
#define _POSIX_C_SOURCE 200809L
#include "import.h"
#include "store_impl.h"
#include "../base/csv.h"
#include "../base/num.h"
#include "../model/claim.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_COLS 20
#define YEAR_MIN 1990
#define YEAR_MAX 2100

/* Shared by figures and context: one observation row. */
typedef struct obs {
	int edition, year, area, item;
	int has_value;
	long long count;
	double value;
	int is_real;
	const char *flag;
	char note[512];
} obs;

/* A row waiting in the write chunk, with where to point an error. */
typedef struct pending_obs {
	obs o;
	long line;
	int col;
} pending_obs;

#define OBS_CHUNK 128

typedef struct imp imp;

/* A reference to check once the whole file is read. */
typedef struct pending_ref {
	const char *code, *target;
	long line;
	int col;
} pending_ref;

typedef struct kind_def {
	const char *name;
	const char *const *required;
	const char *const *optional;
	int (*begin)(imp *I);
	int (*row)(imp *I, const csv_row *r);
	int (*end)(imp *I);
	void (*finish)(imp *I); /* frees statements; always called */
	int changes_model;      /* reload the model after the file */
} kind_def;

struct imp {
	store *s;
	model *m;
	const imp_options *opt;
	imp_report *rep;
	csv_reader *csv;
	const char *file;
	const kind_def *kind;
	int col[MAX_COLS];      /* row field index per known column, -1 if absent */
	const char *names[MAX_COLS];
	int n_names;
	int header_cols;
	imp_file_report *fr;
	int batch;
	num_style style;
	int stop;               /* too many errors: no more rows */
	int failed;             /* any error in this run: no more writes */
	sqlite3_stmt *ins, *sel, *upd;
	sqlite3_stmt *ins_many;  /* observations: OBS_CHUNK rows per INSERT */
	pending_obs chunk[OBS_CHUNK];
	int n_chunk;
	const char *value_col;
	int (*cov)[2];          /* (edition id, year) pairs seen */
	int n_cov, cap_cov;
	char ed_code[64];       /* edition cache: last code -> id */
	int ed_id;
	int default_ed_id;      /* 0 until a row needs it */
	int last_area;          /* lookup cache, -1 when empty */
	char last_area_code[64];
	const char *default_ed_code;
	strmap seen;            /* per-file keys for kinds that upsert by code */
	struct group_def *groups; /* groupings: collected until the end */
	int n_groups;
	pending_ref *pending;   /* catalog: successors to check at the end */
	int n_pending;
	arena mem;
};

/* ------------------------------------------------------------------ errors */

static int add_error(imp *I, const char *fmt, ...) LADDER_PRINTF(2, 3);
static int add_error(imp *I, const char *fmt, ...)
{
	I->failed = 1;
	if (I->rep->n_errors >= IMP_MAX_ERRORS) {
		I->stop = 1;
		return LERR_PARSE;
	}
	va_list ap;
	va_start(ap, fmt);
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_adds(&I->rep->errors, msg);
	buf_addc(&I->rep->errors, '\n');
	if (++I->rep->n_errors >= IMP_MAX_ERRORS) {
		buf_printf(&I->rep->errors, "%s: stopped after %d errors\n", I->file, IMP_MAX_ERRORS);
		I->stop = 1;
	}
	return LERR_PARSE;
}

/* Error about column `name` of row r. */
static int field_error(imp *I, const csv_row *r, const char *name, const char *fmt, ...) LADDER_PRINTF(4, 5);
static int field_error(imp *I, const csv_row *r, const char *name, const char *fmt, ...)
{
	int k = -1;
	for (int i = 0; i < I->n_names; i++)
		if (strcmp(I->names[i], name) == 0)
			k = I->col[i];
	int col = k >= 0 && k < r->n ? r->f[k].col : 1;
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return add_error(I, "%s:%ld:%d: column '%s': %s", I->file, r->line, col, name, msg);
}

static int db_error(imp *I, const char *what)
{
	I->failed = 1;
	I->stop = 1;
	buf_printf(&I->rep->errors, "%s: %s: %s\n", I->file, what, store_errmsg(I->s));
	I->rep->n_errors++;
	return LERR_DB;
}

/* ------------------------------------------------------------------ fields */

/* Trimmed copy of column `name` into out (cap bytes); "" if absent. */
static int name_index(const imp *I, const char *name)
{
	/* callers pass the same literals the kind tables hold: try pointers first */
	for (int i = 0; i < I->n_names; i++)
		if (I->names[i] == name)
			return i;
	for (int i = 0; i < I->n_names; i++)
		if (strcmp(I->names[i], name) == 0)
			return i;
	return -1;
}

static const char *get(imp *I, const csv_row *r, const char *name, char *out, size_t cap)
{
	out[0] = '\0';
	for (int i = name_index(I, name); i >= 0; i = -1) {
		int k = I->col[i];
		if (k < 0 || k >= r->n)
			return out;
		const char *s = r->f[k].s;
		size_t n = r->f[k].len;
		while (n && isspace((unsigned char)*s))
			s++, n--;
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (n >= cap)
			n = cap - 1;
		memcpy(out, s, n);
		out[n] = '\0';
		return out;
	}
	return out;
}

static int has_col(imp *I, const char *name)
{
	int i = name_index(I, name);
	return i >= 0 && I->col[i] >= 0;
}

static int parse_year(imp *I, const csv_row *r, int *year)
{
	char t[64];
	long long v;
	const char *why;
	get(I, r, "year", t, sizeof t);
	if (num_parse_count(t, &v, &why) < 0 || strchr(t, '.') || v < YEAR_MIN || v > YEAR_MAX)
		return field_error(I, r, "year", "expected a year between %d and %d, got '%s'", YEAR_MIN, YEAR_MAX, t);
	*year = (int)v;
	return 0;
}

static int parse_area(imp *I, const csv_row *r, const char *name, int *idx)
{
	char t[128];
	get(I, r, name, t, sizeof t);
	/* files run area by area: remember the last lookup */
	if (I->last_area >= 0 && strcmp(t, I->last_area_code) == 0) {
		*idx = I->last_area;
		return 0;
	}
	*idx = model_area_index(I->m, t);
	if (*idx >= 0 && strlen(t) < sizeof I->last_area_code) {
		I->last_area = *idx;
		memcpy(I->last_area_code, t, strlen(t) + 1);
	}
	if (*idx < 0)
		return field_error(I, r, name, "unknown area '%s' (expected a NIS code such as 30000, or a grouping code; see 'ladder areas list')", t);
	return 0;
}

static const char *const flag_names[] = {"", "missing", "confidential", "estimated", "synthetic", NULL};

/* flag column: words or the publication symbols . x e s; "zero"/"-" asks for
 * persons 0. Returns the stored flag, or NULL with an error recorded. */
static const char *parse_flag(imp *I, const csv_row *r, int *zero)
{
	char t[64];
	get(I, r, "flag", t, sizeof t);
	*zero = 0;
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	static const struct { const char *in, *out; } alias[] = {
		{".", "missing"}, {"x", "confidential"}, {"e", "estimated"}, {"s", "synthetic"},
	};
	if (strcmp(t, "zero") == 0 || strcmp(t, "-") == 0) {
		*zero = 1;
		return "";
	}
	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strcmp(t, alias[i].in) == 0)
			return alias[i].out;
	for (int i = 0; flag_names[i]; i++)
		if (strcmp(t, flag_names[i]) == 0)
			return flag_names[i];
	field_error(I, r, "flag", "expected one of missing (.), zero (-), confidential (x), estimated (e), synthetic (s) or empty, got '%s'", t);
	return NULL;
}

static int edition_for_row(imp *I, const csv_row *r, int *id)
{
	char t[64];
	get(I, r, "edition", t, sizeof t);
	if (!*t) {
		/* created on first use, so that files without figures add no edition */
		if (!I->default_ed_id && store_edition(I->s, I->default_ed_code, 1, &I->default_ed_id, NULL) < 0)
			return db_error(I, "edition");
		*id = I->default_ed_id;
		return 0;
	}
	if (strcmp(t, I->ed_code) == 0) {
		*id = I->ed_id;
		return 0;
	}
	for (const char *p = t; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
			return field_error(I, r, "edition", "expected an edition code of letters, digits, '-', '_' or '.', got '%s'", t);
	lerr e;
	if (store_edition(I->s, t, 1, id, &e) < 0)
		return db_error(I, "edition");
	snprintf(I->ed_code, sizeof I->ed_code, "%s", t);
	I->ed_id = *id;
	return 0;
}

static void note_coverage(imp *I, int edition, int year)
{
	for (int i = I->n_cov - 1; i >= 0; i--)
		if (I->cov[i][0] == edition && I->cov[i][1] == year)
			return;
	if (I->n_cov == I->cap_cov) {
		I->cap_cov = I->cap_cov ? I->cap_cov * 2 : 16;
		I->cov = xrealloc(I->cov, sizeof *I->cov * (size_t)I->cap_cov);
	}
	I->cov[I->n_cov][0] = edition;
	I->cov[I->n_cov][1] = year;
	I->n_cov++;
}

static int write_coverage(imp *I, const char *kind)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s, "INSERT OR IGNORE INTO coverage (edition, year, kind) VALUES (?, ?, ?)", &st, &e) < 0)
		return db_error(I, "coverage");
	for (int i = 0; i < I->n_cov; i++) {
		sqlite3_bind_int(st, 1, I->cov[i][0]);
		sqlite3_bind_int(st, 2, I->cov[i][1]);
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return db_error(I, "coverage");
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	I->n_cov = 0;
	return 0;
}

static void finalize_stmts(imp *I)
{
	sqlite3_finalize(I->ins);
	sqlite3_finalize(I->sel);
	sqlite3_finalize(I->upd);
	sqlite3_finalize(I->ins_many);
	I->ins = I->sel = I->upd = I->ins_many = NULL;
	I->n_chunk = 0;
}

static int prepare3(imp *I, const char *ins, const char *sel, const char *upd)
{
	lerr e;
	if (store_prepare(I->s, ins, &I->ins, &e) < 0 || (sel && store_prepare(I->s, sel, &I->sel, &e) < 0) ||
	    (upd && store_prepare(I->s, upd, &I->upd, &e) < 0))
		return db_error(I, "prepare");
	return 0;
}

/* ------------------------------------------------------------- observations */


/* Binds one row's 9 parameters starting after parameter `at`. */
static void bind_obs(sqlite3_stmt *st, const obs *o, int at, int batch, long line)
{
	sqlite3_bind_int(st, at + 1, o->edition);
	sqlite3_bind_int(st, at + 2, o->year);
	sqlite3_bind_int(st, at + 3, o->area);
	sqlite3_bind_int(st, at + 4, o->item);
	if (!o->has_value)
		sqlite3_bind_null(st, at + 5);
	else if (o->is_real)
		sqlite3_bind_double(st, at + 5, o->value);
	else
		sqlite3_bind_int64(st, at + 5, o->count);
	sqlite3_bind_text(st, at + 6, o->flag, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, at + 7, o->note, -1, SQLITE_STATIC); /* o outlives the step */
	sqlite3_bind_int(st, at + 8, batch);
	sqlite3_bind_int64(st, at + 9, line);
}

/* Error about column `name` at a known position (rows written in chunks
 * are checked after their csv_row is gone). */
static int at_error(imp *I, long line, int col, const char *name, const char *fmt, ...) LADDER_PRINTF(5, 6);
static int at_error(imp *I, long line, int col, const char *name, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return add_error(I, "%s:%ld:%d: column '%s': %s", I->file, line, col, name, msg);
}

/* A row whose key was already stored: unchanged, replaced, a duplicate in
 * this file, or a conflict. Rows this chunk inserted itself count as new. */
static int settle_existing(imp *I, const pending_obs *p)
{
	const obs *o = &p->o;
	for (int i = 1; i <= 4; i++)
		sqlite3_bind_int(I->sel, i, i == 1 ? o->edition : i == 2 ? o->year : i == 3 ? o->area : o->item);
	if (sqlite3_step(I->sel) != SQLITE_ROW) {
		sqlite3_reset(I->sel);
		return db_error(I, "lookup");
	}
	int null_old = sqlite3_column_type(I->sel, 0) == SQLITE_NULL;
	double old = sqlite3_column_double(I->sel, 0);
	char oldflag[32], oldnote[512], oldfile[256];
	snprintf(oldflag, sizeof oldflag, "%s", (const char *)sqlite3_column_text(I->sel, 1));
	snprintf(oldnote, sizeof oldnote, "%s", (const char *)sqlite3_column_text(I->sel, 2));
	int oldbatch = sqlite3_column_int(I->sel, 3);
	long oldline = (long)sqlite3_column_int64(I->sel, 4);
	snprintf(oldfile, sizeof oldfile, "%s", (const char *)sqlite3_column_text(I->sel, 5));
	sqlite3_reset(I->sel);
	double now = o->is_real ? o->value : (double)o->count;
	if (oldbatch == I->batch && oldline == p->line) {
		I->fr->inserted++;
		return 0;
	}
	if (oldbatch == I->batch)
		return at_error(I, p->line, p->col, I->value_col,
				"the same key (year, area, %s, edition) is already on line %ld of this file",
				I->value_col[0] == 'p' ? "work_form" : "indicator", oldline);
	int same = null_old == !o->has_value && (null_old || old == now) && strcmp(oldflag, o->flag) == 0 &&
		   strcmp(oldnote, o->note) == 0;
	if (same) {
		I->fr->unchanged++;
		return 0;
	}
	if (!I->opt->replace) {
		char was[64];
		if (null_old)
			snprintf(was, sizeof was, "empty");
		else
			snprintf(was, sizeof was, "%.15g", old);
		return at_error(I, p->line, p->col, I->value_col,
				"differs from the stored figure for this key (%s%s%s, from %s line %ld): pass --replace to overwrite it, or import it under a new edition",
				was, *oldflag ? ", flag " : "", oldflag, oldfile, oldline);
	}
	bind_obs(I->upd, o, 0, I->batch, p->line);
	int rc = sqlite3_step(I->upd);
	sqlite3_reset(I->upd);
	if (rc != SQLITE_DONE)
		return db_error(I, "replace");
	I->fr->replaced++;
	return 0;
}

/* Writes the pending rows: one multi-row INSERT for a full chunk (the
 * per-statement cost is most of an insert), one by one for the rest. */
static int flush_obs(imp *I)
{
	int n = I->n_chunk;
	I->n_chunk = 0;
	if (I->failed || n == 0)
		return 0;
	sqlite3_stmt *st = n == OBS_CHUNK ? I->ins_many : I->ins;
	int per = n == OBS_CHUNK ? OBS_CHUNK : 1;
	for (int start = 0; start < n; start += per) {
		for (int i = 0; i < per; i++)
			bind_obs(st, &I->chunk[start + i].o, i * 9, I->batch, I->chunk[start + i].line);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_error(I, "insert");
		if (sqlite3_changes(store_handle(I->s)) == per) {
			I->fr->inserted += per;
			continue;
		}
		for (int i = 0; i < per; i++)
			if (settle_existing(I, &I->chunk[start + i]) < 0 && I->stop)
				return LERR_PARSE;
	}
	return 0;
}

/* Queues an observation for writing; conflicts are settled at the flush. */
static int store_obs(imp *I, const csv_row *r, const obs *o, const char *value_col)
{
	if (I->failed)
		return 0; /* keep validating, stop writing */
	int k = name_index(I, value_col);
	pending_obs *p = &I->chunk[I->n_chunk++];
	p->o = *o;
	p->line = r->line;
	p->col = k >= 0 && I->col[k] >= 0 && I->col[k] < r->n ? r->f[I->col[k]].col : 1;
	I->value_col = value_col;
	note_coverage(I, o->edition, o->year);
	return I->n_chunk == OBS_CHUNK ? flush_obs(I) : 0;
}

/* Value + flag rules shared by figures and context. */
static int read_flagged_value(imp *I, const csv_row *r, const char *col, int is_count, obs *o)
{
	char t[64];
	int zero;
	o->flag = has_col(I, "flag") ? parse_flag(I, r, &zero) : (zero = 0, "");
	if (!o->flag)
		return LERR_PARSE;
	get(I, r, col, t, sizeof t);
	o->is_real = !is_count;
	if (!*t) {
		if (zero) {
			o->has_value = 1;
			o->count = 0;
			o->value = 0;
			return 0;
		}
		if (strcmp(o->flag, "missing") == 0 || strcmp(o->flag, "confidential") == 0) {
			o->has_value = 0;
			return 0;
		}
		return field_error(I, r, col, "empty: give a number, or flag the row missing (.) or confidential (x)");
	}
	if (strcmp(o->flag, "missing") == 0)
		return field_error(I, r, col, "a row flagged missing must leave %s empty, got '%s'", col, t);
	const char *why;
	o->has_value = 1;
	if (is_count) {
		if (num_parse_count(t, &o->count, &why) < 0)
			return field_error(I, r, col, "%s, got '%s'", why, t);
		if (o->count < 0)
			return field_error(I, r, col, "a number of persons cannot be negative, got '%s'", t);
		o->value = (double)o->count;
	} else {
		if (num_parse_decimal(t, &o->value, &I->style, &why) < 0)
			return field_error(I, r, col, "%s, got '%s'", why, t);
	}
	if (zero && o->value != 0)
		return field_error(I, r, col, "flag zero (-) needs %s 0 or empty, got '%s'", col, t);
	return 0;
}

static int obs_common(imp *I, const csv_row *r, obs *o)
{
	int bad = 0;
	bad |= parse_year(I, r, &o->year) < 0;
	int ai;
	if (parse_area(I, r, "area", &ai) < 0)
		bad = 1;
	else
		o->area = I->m->areas[ai].id;
	if (edition_for_row(I, r, &o->edition) < 0)
		bad = 1;
	get(I, r, "note", o->note, sizeof o->note);
	return bad ? LERR_PARSE : 0;
}

/* ---------------------------------------------------------------- figures */

static const char *const figure_req[] = {"year", "area", "work_form", "persons", NULL};
static const char *const obs_opt[] = {"edition", "flag", "note", NULL};

/* Statements for an observation table (figure or context): single and
 * chunked insert, lookup of the stored row, replace. */
static int obs_begin(imp *I, const char *table, const char *item, const char *value)
{
	char one[512], sel[512], upd[512];
	snprintf(one, sizeof one, "INSERT INTO %s (edition, year, area, %s, %s, flag, note, batch, line) VALUES ", table, item, value);
	buf many = BUF_INIT;
	buf_adds(&many, one);
	for (int i = 0; i < OBS_CHUNK; i++)
		buf_adds(&many, i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)");
	buf_adds(&many, " ON CONFLICT DO NOTHING");
	size_t n = strlen(one);
	snprintf(one + n, sizeof one - n, "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
	snprintf(sel, sizeof sel,
		 "SELECT t.%s, t.flag, t.note, t.batch, t.line, b.file FROM %s t JOIN batch b ON b.id = t.batch"
		 " WHERE t.edition = ? AND t.year = ? AND t.area = ? AND t.%s = ?",
		 value, table, item);
	snprintf(upd, sizeof upd,
		 "UPDATE %s SET %s = ?5, flag = ?6, note = ?7, batch = ?8, line = ?9"
		 " WHERE edition = ?1 AND year = ?2 AND area = ?3 AND %s = ?4",
		 table, value, item);
	int rc = prepare3(I, one, sel, upd);
	lerr e;
	if (rc == 0 && store_prepare(I->s, many.ptr, &I->ins_many, &e) < 0)
		rc = db_error(I, "prepare");
	buf_release(&many);
	return rc;
}

static int figures_begin(imp *I)
{
	return obs_begin(I, "figure", "work_form", "persons");
}

static int figures_row(imp *I, const csv_row *r)
{
	obs o;
	memset(&o, 0, offsetof(obs, note)); /* the note is written by obs_common */
	int bad = obs_common(I, r, &o) < 0;
	char t[128];
	get(I, r, "work_form", t, sizeof t);
	int ni = model_node_index(I->m, t);
	if (ni < 0)
		bad |= field_error(I, r, "work_form", "unknown work form '%s' (expected a code from 'ladder catalog list', or a total such as totaal, trede4, trede5.collectief)", t) < 0;
	else
		o.item = I->m->nodes[ni].id;
	bad |= read_flagged_value(I, r, "persons", 1, &o) < 0;
	if (bad)
		return LERR_PARSE;
	return store_obs(I, r, &o, "persons");
}

static int figures_end(imp *I)
{
	if (flush_obs(I) < 0)
		return LERR_PARSE;
	return write_coverage(I, "figure");
}

/* ---------------------------------------------------------------- context */

static const char *const context_req[] = {"year", "area", "indicator", "value", NULL};

static int context_begin(imp *I)
{
	return obs_begin(I, "context", "indicator", "value");
}

static int context_row(imp *I, const csv_row *r)
{
	obs o;
	memset(&o, 0, offsetof(obs, note));
	int bad = obs_common(I, r, &o) < 0;
	char t[128];
	get(I, r, "indicator", t, sizeof t);
	int ii = model_indicator_index(I->m, t);
	if (ii < 0) {
		field_error(I, r, "indicator", "unknown indicator '%s' (expected a code from 'ladder indicators list', e.g. wage_employees)", t);
		return LERR_PARSE;
	}
	const model_indicator *ind = &I->m->indicators[ii];
	o.item = ind->id;
	bad |= read_flagged_value(I, r, "value", ind->unit == UNIT_PERSONS, &o) < 0;
	if (bad)
		return LERR_PARSE;
	o.is_real = 1; /* the context table stores REAL */
	if (ind->unit == UNIT_PERCENT && o.has_value && (o.value < 0 || o.value > 100))
		return field_error(I, r, "value", "a percentage must lie between 0 and 100, got %g", o.value);
	return store_obs(I, r, &o, "value");
}

static int context_end(imp *I)
{
	if (flush_obs(I) < 0)
		return LERR_PARSE;
	return write_coverage(I, "context");
}

/* ------------------------------------------------------- reference kinds */

static int valid_code(const char *s)
{
	if (!*s || strlen(s) > 48)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return 0;
	return 1;
}

static int valid_date(const char *s)
{
	if (!*s)
		return 1;
	int y, mo, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3)
		return 0;
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

static int parse_bool(const char *t, int *out)
{
	static const char *const yes[] = {"1", "ja", "yes", "true", "y", "j", NULL};
	static const char *const no[] = {"0", "nee", "no", "false", "n", NULL};
	for (int i = 0; yes[i]; i++)
		if (strcasecmp(t, yes[i]) == 0)
			return *out = 1, 0;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(t, no[i]) == 0)
			return *out = 0, 0;
	return LERR_PARSE;
}

/* A code may appear once per file. */
static int once_per_file(imp *I, const csv_row *r, const char *col, const char *code)
{
	int line;
	if (strmap_get(&I->seen, code, &line))
		return field_error(I, r, col, "'%s' already appears on line %d of this file", code, line);
	strmap_put(&I->seen, arena_strdup(&I->mem, code), (int)r->line);
	return 0;
}

/* Runs an upsert and counts the row as new, changed (replaced) or unchanged. */
static int step_done(imp *I, sqlite3_stmt *st, const char *what, int existed)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(I, what);
	if (sqlite3_changes(store_handle(I->s)) == 0)
		I->fr->unchanged++;
	else if (existed)
		I->fr->replaced++;
	else
		I->fr->inserted++;
	return 0;
}

/* The stored text of column col for the row of table whose keycol is key;
 * 0 when there is no such row. */
static int stored_text_by(imp *I, const char *table, const char *keycol, const char *key, const char *col, char *out,
			  size_t cap)
{
	char sql[192];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s = ?", col, table, keycol);
	if (sqlite3_prepare_v2(store_handle(I->s), sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		snprintf(out, cap, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return found;
}

static int stored_text(imp *I, const char *table, const char *code, const char *col, char *out, size_t cap)
{
	return stored_text_by(I, table, "code", code, col, out, cap);
}

/* An optional column the file does not have keeps its stored value: a file
 * that changes only names must not wipe sources or validity. */
static void keep_stored(imp *I, const char *table, const char *code, const char *col, char *out, size_t cap)
{
	if (!has_col(I, col))
		stored_text(I, table, code, col, out, cap);
}

/* rungs: only at init */
static const char *const rung_req[] = {"rung", "name_nl", "name_en", "place", "in_headline", NULL};
static const char *const none_opt[] = {NULL};

static int rungs_begin(imp *I)
{
	return prepare3(I, "INSERT INTO rung (rung, name_nl, name_en, place, in_headline) VALUES (?, ?, ?, ?, ?)"
			   " ON CONFLICT (rung) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			   " place = excluded.place, in_headline = excluded.in_headline"
			   " WHERE (name_nl, name_en, place, in_headline) IS NOT"
			   " (excluded.name_nl, excluded.name_en, excluded.place, excluded.in_headline)",
			NULL, NULL);
}

static int rungs_row(imp *I, const csv_row *r)
{
	char rung[16], nl[256], en[256], place[32], head[16];
	get(I, r, "rung", rung, sizeof rung);
	get(I, r, "name_nl", nl, sizeof nl);
	get(I, r, "name_en", en, sizeof en);
	get(I, r, "place", place, sizeof place);
	get(I, r, "in_headline", head, sizeof head);
	int n = atoi(rung), h;
	if (strlen(rung) != 1 || n < 1 || n > 6)
		return field_error(I, r, "rung", "expected 1 to 6, got '%s'", rung);
	if (strcmp(place, "none") && strcmp(place, "participation") && strcmp(place, "employment"))
		return field_error(I, r, "place", "expected none, participation or employment, got '%s'", place);
	if (parse_bool(head, &h) < 0)
		return field_error(I, r, "in_headline", "expected 1 or 0, got '%s'", head);
	if (!*nl)
		return field_error(I, r, "name_nl", "a Dutch name is required");
	if (I->failed)
		return 0;
	sqlite3_bind_int(I->ins, 1, n);
	sqlite3_bind_text(I->ins, 2, nl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 3, en, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 4, place, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 5, h);
	return step_done(I, I->ins, "rung", 0);
}

/* catalog: work forms */
static const char *const catalog_req[] = {"code", "name_nl", "rung", NULL};
static const char *const catalog_opt[] = {"name_en", "abbr", "subcategory", "source", "counting_rule", "valid_from",
					  "valid_to", "successors", "in_headline", "note", NULL};

static int catalog_begin(imp *I)
{
	return prepare3(I,
			"INSERT INTO work_form (code, kind, name_nl, name_en, abbr, rung, subcategory, parent, source,"
			" counting_rule, valid_from, valid_to, successors, in_headline, note, seq)"
			" VALUES (?1, 'form', ?2, ?3, ?4, ?5, ?6, (SELECT id FROM work_form WHERE code = ?7), ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			" abbr = excluded.abbr, rung = excluded.rung, subcategory = excluded.subcategory, parent = excluded.parent,"
			" source = excluded.source, counting_rule = excluded.counting_rule, valid_from = excluded.valid_from,"
			" valid_to = excluded.valid_to, successors = excluded.successors, in_headline = excluded.in_headline,"
			" note = excluded.note, seq = excluded.seq"
			" WHERE kind = 'form' AND (name_nl, name_en, abbr, rung, subcategory, parent, source, counting_rule,"
			" valid_from, valid_to, successors, in_headline, note) IS NOT (excluded.name_nl, excluded.name_en,"
			" excluded.abbr, excluded.rung, excluded.subcategory, excluded.parent, excluded.source,"
			" excluded.counting_rule, excluded.valid_from, excluded.valid_to, excluded.successors,"
			" excluded.in_headline, excluded.note)",
			"SELECT kind FROM work_form WHERE code = ?", NULL);
}

static int catalog_row(imp *I, const csv_row *r)
{
	char code[64], nl[256], en[256], abbr[64], rung[16], sub[32], source[512], rule[512], from[32], to[32],
		succ[512], head[16], note[512];
	get(I, r, "code", code, sizeof code);
	get(I, r, "name_nl", nl, sizeof nl);
	get(I, r, "name_en", en, sizeof en);
	get(I, r, "abbr", abbr, sizeof abbr);
	get(I, r, "rung", rung, sizeof rung);
	get(I, r, "subcategory", sub, sizeof sub);
	get(I, r, "source", source, sizeof source);
	get(I, r, "counting_rule", rule, sizeof rule);
	get(I, r, "valid_from", from, sizeof from);
	get(I, r, "valid_to", to, sizeof to);
	get(I, r, "successors", succ, sizeof succ);
	get(I, r, "in_headline", head, sizeof head);
	get(I, r, "note", note, sizeof note);
	char *const keep_bufs[] = {en, abbr, sub, source, rule, from, to, succ, head, note};
	static const char *const keep_cols[] = {"name_en", "abbr", "subcategory", "source", "counting_rule",
						"valid_from", "valid_to", "successors", "in_headline", "note"};
	static const size_t keep_caps[] = {256, 64, 32, 512, 512, 32, 32, 512, 16, 512};
	for (size_t i = 0; i < sizeof keep_cols / sizeof keep_cols[0]; i++)
		keep_stored(I, "work_form", code, keep_cols[i], keep_bufs[i], keep_caps[i]);
	for (char *p = sub; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	int bad = 0;
	if (!valid_code(code))
		bad |= field_error(I, r, "code", "expected a code of lower-case letters, digits, '_', '-' or '.', got '%s'", code) < 0;
	else if (strncmp(code, "trede", 5) == 0 || strcmp(code, "totaal") == 0)
		bad |= field_error(I, r, "code", "'%s' is reserved for the built-in totals", code) < 0;
	else if (once_per_file(I, r, "code", code) < 0)
		bad = 1;
	if (!*nl)
		bad |= field_error(I, r, "name_nl", "a Dutch name is required") < 0;
	int n = atoi(rung);
	if (strlen(rung) != 1 || n < 3 || n > 6)
		bad |= field_error(I, r, "rung", "expected a rung from 3 to 6 (rungs 1 and 2 have no work forms), got '%s'", rung) < 0;
	else if (!model_subcategory_valid(n, sub))
		bad |= field_error(I, r, "subcategory", "'%s' is not a subcategory of rung %d (rung 5: collectief, individueel; rung 3: se, ggz, vaph, welzijn; other rungs: empty)", sub, n) < 0;
	if (!valid_date(from))
		bad |= field_error(I, r, "valid_from", "expected a date YYYY-MM-DD or empty, got '%s'", from) < 0;
	if (!valid_date(to))
		bad |= field_error(I, r, "valid_to", "expected a date YYYY-MM-DD or empty, got '%s'", to) < 0;
	else if (*from && *to && strcmp(from, to) > 0)
		bad |= field_error(I, r, "valid_to", "ends (%s) before it starts (%s)", to, from) < 0;
	int h = n != 6;
	if (*head && parse_bool(head, &h) < 0)
		bad |= field_error(I, r, "in_headline", "expected 1/0, ja/nee or yes/no, got '%s'", head) < 0;
	else if (h && n == 6)
		bad |= field_error(I, r, "in_headline", "rung 6 is never part of the headline total") < 0;
	/* successors: codes separated by spaces or '|'; checked at the end of the file */
	for (char *p = succ; *p; p++)
		if (*p == '|' || *p == ',')
			*p = ' ';
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	sqlite3_bind_text(I->sel, 1, code, -1, SQLITE_TRANSIENT);
	int existed = sqlite3_step(I->sel) == SQLITE_ROW;
	int exists_as_total = existed && strcmp((const char *)sqlite3_column_text(I->sel, 0), "form") != 0;
	sqlite3_reset(I->sel);
	if (exists_as_total)
		return field_error(I, r, "code", "'%s' is a built-in total", code);
	/* successors may name work forms further down the file: check at the end */
	int sk = name_index(I, "successors");
	int scol = sk >= 0 && I->col[sk] >= 0 && I->col[sk] < r->n ? r->f[I->col[sk]].col : 1;
	char list[512];
	snprintf(list, sizeof list, "%s", succ);
	char *save = NULL;
	for (char *tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		I->pending = xrealloc(I->pending, sizeof *I->pending * (size_t)(I->n_pending + 1));
		I->pending[I->n_pending++] = (pending_ref){arena_strdup(&I->mem, code), arena_strdup(&I->mem, tok), r->line, scol};
	}
	arena tmp;
	arena_init(&tmp);
	const char *parent = model_total_code(&tmp, n, sub);
	const char *vals[] = {code, nl, en, abbr, NULL, sub, parent, source, rule, from, to, succ};
	for (int i = 0; i < 12; i++)
		if (i != 4)
			sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 5, n);
	sqlite3_bind_int(I->ins, 13, h);
	sqlite3_bind_text(I->ins, 14, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(I->ins, 15, r->line);
	arena_release(&tmp);
	return step_done(I, I->ins, "work form", existed);
}

/* The successor graph of the whole catalogue (what is stored plus this
 * file), for the cycle check: forms by index, edges as index lists. */
typedef struct succ_graph {
	strmap index; /* code -> form */
	char **code;
	int **next;
	int *n_next;
	int n;
} succ_graph;

static int load_successor_graph(imp *I, succ_graph *g)
{
	sqlite3_stmt *st;
	lerr e;
	memset(g, 0, sizeof *g);
	strmap_init(&g->index);
	if (store_prepare(I->s, "SELECT code, successors FROM work_form WHERE kind = 'form' ORDER BY seq, code", &st, &e) < 0)
		return db_error(I, "successors");
	char **succ = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		g->code = xrealloc(g->code, sizeof *g->code * (size_t)(g->n + 1));
		succ = xrealloc(succ, sizeof *succ * (size_t)(g->n + 1));
		g->code[g->n] = arena_strdup(&I->mem, (const char *)sqlite3_column_text(st, 0));
		const char *t = (const char *)sqlite3_column_text(st, 1);
		succ[g->n] = arena_strdup(&I->mem, t ? t : "");
		strmap_put(&g->index, g->code[g->n], g->n);
		g->n++;
	}
	sqlite3_finalize(st);
	g->next = xcalloc((size_t)g->n + 1, sizeof *g->next);
	g->n_next = xcalloc((size_t)g->n + 1, sizeof *g->n_next);
	for (int i = 0; i < g->n; i++) {
		char *save = NULL;
		for (char *tok = strtok_r(succ[i], " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			int j;
			if (!strmap_get(&g->index, tok, &j))
				continue; /* checked above */
			g->next[i] = xrealloc(g->next[i], sizeof **g->next * (size_t)(g->n_next[i] + 1));
			g->next[i][g->n_next[i]++] = j;
		}
	}
	free(succ);
	return 0;
}

static void free_successor_graph(succ_graph *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->next[i]);
	free(g->next);
	free(g->n_next);
	free(g->code);
	strmap_release(&g->index);
}

/* Depth-first search from v; on a cycle, cycle[0..*len) holds it. */
static int find_cycle(const succ_graph *g, int v, char *state, int *stack, int depth, int *cycle, int *len)
{
	state[v] = 1; /* on the stack */
	stack[depth] = v;
	for (int k = 0; k < g->n_next[v]; k++) {
		int w = g->next[v][k];
		if (state[w] == 1) {
			int from = depth;
			while (stack[from] != w)
				from--;
			*len = depth - from + 1;
			memcpy(cycle, stack + from, sizeof *cycle * (size_t)*len);
			return 1;
		}
		if (state[w] == 0 && find_cycle(g, w, state, stack, depth + 1, cycle, len))
			return 1;
	}
	state[v] = 2; /* done */
	return 0;
}

/* The row of this file that names a step of the cycle (as cycle[*start] ->
 * the next); the first row when none does (cannot happen: what is stored
 * was checked). */
static const pending_ref *cycle_row(const imp *I, const succ_graph *g, const int *cycle, int len, int *start)
{
	for (int q = 0; q < I->n_pending; q++)
		for (int i = 0; i < len; i++)
			if (strcmp(g->code[cycle[i]], I->pending[q].code) == 0 &&
			    strcmp(g->code[cycle[(i + 1) % len]], I->pending[q].target) == 0) {
				*start = i;
				return &I->pending[q];
			}
	*start = 0;
	return &I->pending[0];
}

/* Work forms succeed one another through reforms: a form that is (through
 * others) its own successor would make the lineage endless. Reports the
 * first cycle that an edge of this file closes, named from that edge. */
static int check_successor_cycles(imp *I)
{
	if (!I->n_pending)
		return 0;
	succ_graph g;
	if (load_successor_graph(I, &g) < 0)
		return LERR_DB;
	char *state = xcalloc((size_t)g.n + 1, 1);
	int *stack = xmalloc(sizeof *stack * ((size_t)g.n + 1));
	int *cycle = xmalloc(sizeof *cycle * ((size_t)g.n + 1));
	int len = 0;
	for (int p = 0; p < I->n_pending && !len; p++) {
		int v;
		if (strmap_get(&g.index, I->pending[p].code, &v) && !state[v])
			find_cycle(&g, v, state, stack, 0, cycle, &len);
	}
	if (len) {
		int start;
		const pending_ref *at = cycle_row(I, &g, cycle, len, &start);
		buf path = BUF_INIT;
		for (int i = 0; i <= len; i++)
			buf_printf(&path, "%s%s", i ? " -> " : "", g.code[cycle[(start + i) % len]]);
		add_error(I, "%s:%ld:%d: column 'successors': the successors form a cycle: %s", I->file, at->line, at->col,
			  path.ptr);
		buf_release(&path);
	}
	free(cycle);
	free(stack);
	free(state);
	free_successor_graph(&g);
	return len ? LERR_PARSE : 0;
}

static int catalog_end(imp *I)
{
	if (I->failed)
		return 0;
	/* every successor must name a work form, now that the whole file is in */
	sqlite3_stmt *chk;
	lerr e;
	if (store_prepare(I->s, "SELECT 1 FROM work_form WHERE code = ? AND kind = 'form'", &chk, &e) < 0)
		return db_error(I, "successors");
	for (int i = 0; i < I->n_pending; i++) {
		const pending_ref *p = &I->pending[i];
		sqlite3_bind_text(chk, 1, p->target, -1, SQLITE_STATIC);
		int ok = sqlite3_step(chk) == SQLITE_ROW;
		sqlite3_reset(chk);
		if (!ok)
			add_error(I, "%s:%ld:%d: column 'successors': work form '%s' names successor '%s', which is not in the catalogue",
				  I->file, p->line, p->col, p->code, p->target);
	}
	sqlite3_finalize(chk);
	if (!I->failed)
		check_successor_cycles(I);
	I->n_pending = 0;
	return I->failed ? LERR_PARSE : 0;
}

/* areas: the geography */
static const char *const areas_req[] = {"code", "name_nl", "level", NULL};
static const char *const areas_opt[] = {"name_en", "parent", "valid_from", "valid_to", NULL};

static int areas_begin(imp *I)
{
	return prepare3(I,
			"INSERT INTO area (code, name_nl, name_en, level, parent, valid_from, valid_to)"
			" VALUES (?1, ?2, ?3, ?4, (SELECT id FROM area WHERE code = ?5), ?6, ?7)"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			" level = excluded.level, parent = excluded.parent, valid_from = excluded.valid_from,"
			" valid_to = excluded.valid_to WHERE (name_nl, name_en, level, parent, valid_from, valid_to) IS NOT"
			" (excluded.name_nl, excluded.name_en, excluded.level, excluded.parent, excluded.valid_from, excluded.valid_to)",
			"SELECT level FROM area WHERE code = ?", NULL);
}

static int areas_row(imp *I, const csv_row *r)
{
	char code[64], nl[256], en[256], level[32], parent[64], from[32], to[32];
	get(I, r, "code", code, sizeof code);
	get(I, r, "name_nl", nl, sizeof nl);
	get(I, r, "name_en", en, sizeof en);
	get(I, r, "level", level, sizeof level);
	get(I, r, "parent", parent, sizeof parent);
	get(I, r, "valid_from", from, sizeof from);
	get(I, r, "valid_to", to, sizeof to);
	keep_stored(I, "area", code, "name_en", en, sizeof en);
	keep_stored(I, "area", code, "valid_from", from, sizeof from);
	keep_stored(I, "area", code, "valid_to", to, sizeof to);
	/* the parent is stored as an id: ask for its code */
	keep_stored(I, "area", code, "(SELECT p.code FROM area p WHERE p.id = area.parent)", parent, sizeof parent);
	char tmp[8];
	int existed = stored_text(I, "area", code, "code", tmp, sizeof tmp);
	enum model_level lv;
	int bad = 0;
	if (!valid_code(code))
		bad |= field_error(I, r, "code", "expected a NIS code or a code of lower-case letters and digits, got '%s'", code) < 0;
	else if (once_per_file(I, r, "code", code) < 0)
		bad = 1;
	if (!*nl)
		bad |= field_error(I, r, "name_nl", "a Dutch name is required") < 0;
	if (model_level_parse(level, &lv) < 0 || lv == LEVEL_GROUPING)
		return field_error(I, r, "level", "expected region, province, arrondissement or municipality, got '%s'", level);
	if (!valid_date(from) || !valid_date(to))
		bad |= field_error(I, r, *from && !valid_date(from) ? "valid_from" : "valid_to", "expected a date YYYY-MM-DD or empty") < 0;
	static const enum model_level parent_level[] = {LEVEL_REGION, LEVEL_REGION, LEVEL_PROVINCE, LEVEL_ARRONDISSEMENT};
	if (lv == LEVEL_REGION && *parent)
		bad |= field_error(I, r, "parent", "a region has no parent") < 0;
	if (lv != LEVEL_REGION && !bad) {
		sqlite3_bind_text(I->sel, 1, parent, -1, SQLITE_TRANSIENT);
		int found = sqlite3_step(I->sel) == SQLITE_ROW;
		enum model_level pl = LEVEL_GROUPING;
		if (found)
			model_level_parse((const char *)sqlite3_column_text(I->sel, 0), &pl);
		sqlite3_reset(I->sel);
		if (!found && !I->failed)
			bad |= field_error(I, r, "parent", "unknown parent area '%s' (parents must come first)", parent) < 0;
		else if (found && pl != parent_level[lv])
			bad |= field_error(I, r, "parent", "the parent of a %s must be a %s", model_level_name(lv, 1),
					   model_level_name(parent_level[lv], 1)) < 0;
	}
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	const char *vals[] = {code, nl, en, level, parent, from, to};
	for (int i = 0; i < 7; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 4, model_level_name(lv, 1), -1, SQLITE_STATIC);
	return step_done(I, I->ins, "area", existed);
}

/* groupings: user regions, each defined in full by the file. Rows are
 * collected; the end writes the groups whose name or members changed. */
static const char *const groupings_req[] = {"group", "name_nl", "member", NULL};
static const char *const groupings_opt[] = {"name_en", NULL};

typedef struct group_def {
	const char *code, *name_nl, *name_en;
	int *members; /* area ids, in file order */
	int n_members;
	int *covered; /* municipalities covered so far (by area index) */
} group_def;

static int groupings_begin(imp *I)
{
	return prepare3(I,
			"INSERT INTO area (code, name_nl, name_en, level) VALUES (?1, ?2, ?3, 'grouping')"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en"
			" WHERE level = 'grouping' AND (name_nl, name_en) IS NOT (excluded.name_nl, excluded.name_en)",
			"INSERT INTO area_member (grp, member) SELECT g.id, ?2 FROM area g WHERE g.code = ?1",
			"DELETE FROM area_member WHERE grp = (SELECT id FROM area WHERE code = ?1)");
}

/* Municipalities covered by area index a (itself, or all below it). */
static void cover(const model *m, int a, int *mark, int *clash)
{
	const model_area *x = &m->areas[a];
	if (x->level == LEVEL_MUNICIPALITY) {
		if (mark[a])
			*clash = a;
		mark[a] = 1;
		return;
	}
	for (int i = 0; i < x->n_children; i++)
		cover(m, x->children[i], mark, clash);
}

static int groupings_row(imp *I, const csv_row *r)
{
	char grp[64], nl[256], en[256];
	get(I, r, "group", grp, sizeof grp);
	get(I, r, "name_nl", nl, sizeof nl);
	get(I, r, "name_en", en, sizeof en);
	int bad = 0, mi = -1;
	if (!valid_code(grp) || isdigit((unsigned char)grp[0]))
		bad |= field_error(I, r, "group", "expected a code of lower-case letters, digits, '-' or '_' that does not start with a digit, got '%s'", grp) < 0;
	else {
		int ai = model_area_index(I->m, grp);
		if (ai >= 0 && I->m->areas[ai].level != LEVEL_GROUPING)
			bad |= field_error(I, r, "group", "'%s' is already an area of level %s", grp,
					   model_level_name(I->m->areas[ai].level, 1)) < 0;
	}
	if (!*nl)
		bad |= field_error(I, r, "name_nl", "a Dutch name is required") < 0;
	if (parse_area(I, r, "member", &mi) < 0)
		bad = 1;
	else if (I->m->areas[mi].level == LEVEL_GROUPING || I->m->areas[mi].level == LEVEL_REGION)
		bad |= field_error(I, r, "member", "members are municipalities, arrondissements or provinces, not a %s",
				   model_level_name(I->m->areas[mi].level, 1)) < 0;
	if (bad)
		return LERR_PARSE;
	int gi;
	if (!strmap_get(&I->seen, grp, &gi)) {
		gi = I->n_groups++;
		I->groups = xrealloc(I->groups, sizeof *I->groups * (size_t)I->n_groups);
		group_def *g = &I->groups[gi];
		memset(g, 0, sizeof *g);
		g->code = arena_strdup(&I->mem, grp);
		g->name_nl = arena_strdup(&I->mem, nl);
		g->name_en = arena_strdup(&I->mem, en);
		g->covered = arena_alloc(&I->mem, sizeof(int) * (size_t)I->m->n_areas);
		memset(g->covered, 0, sizeof(int) * (size_t)I->m->n_areas);
		strmap_put(&I->seen, g->code, gi);
	}
	group_def *g = &I->groups[gi];
	/* a member may not be counted twice in one group */
	int clash = -1;
	cover(I->m, mi, g->covered, &clash);
	if (clash >= 0)
		return field_error(I, r, "member", "municipality %s (%s) is already covered by an earlier member of group '%s'",
				   I->m->areas[clash].code, I->m->areas[clash].name_nl, grp);
	int *members = arena_alloc(&I->mem, sizeof(int) * (size_t)(g->n_members + 1));
	if (g->n_members)
		memcpy(members, g->members, sizeof(int) * (size_t)g->n_members);
	members[g->n_members++] = I->m->areas[mi].id;
	g->members = members;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Is the stored membership of group code exactly these (sorted) ids? */
static int same_members(imp *I, const char *code, const int *ids, int n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_handle(I->s),
			       "SELECT am.member FROM area_member am JOIN area g ON g.id = am.grp WHERE g.code = ? ORDER BY am.member",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int i = 0, same = 1;
	while (same && sqlite3_step(st) == SQLITE_ROW)
		same = i < n && sqlite3_column_int(st, 0) == ids[i++];
	sqlite3_finalize(st);
	return same && i == n;
}

static int groupings_end(imp *I)
{
	if (I->failed)
		return 0;
	for (int k = 0; k < I->n_groups; k++) {
		group_def *g = &I->groups[k];
		qsort(g->members, (size_t)g->n_members, sizeof *g->members, cmp_int);
		sqlite3_bind_text(I->ins, 1, g->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(I->ins, 2, g->name_nl, -1, SQLITE_STATIC);
		sqlite3_bind_text(I->ins, 3, g->name_en, -1, SQLITE_STATIC);
		int rc = sqlite3_step(I->ins);
		sqlite3_reset(I->ins);
		if (rc != SQLITE_DONE)
			return db_error(I, "grouping");
		int renamed = sqlite3_changes(store_handle(I->s)) > 0;
		if (same_members(I, g->code, g->members, g->n_members)) {
			if (renamed)
				I->fr->replaced++;
			I->fr->unchanged += g->n_members - renamed;
			continue;
		}
		sqlite3_bind_text(I->upd, 1, g->code, -1, SQLITE_STATIC);
		rc = sqlite3_step(I->upd);
		sqlite3_reset(I->upd);
		if (rc != SQLITE_DONE)
			return db_error(I, "grouping");
		for (int i = 0; i < g->n_members; i++) {
			sqlite3_bind_text(I->sel, 1, g->code, -1, SQLITE_STATIC);
			sqlite3_bind_int(I->sel, 2, g->members[i]);
			if (step_done(I, I->sel, "member", 0) < 0)
				return LERR_DB;
		}
	}
	I->n_groups = 0;
	return 0;
}

/* indicators */
static const char *const indicators_req[] = {"code", "name_nl", "unit", NULL};
static const char *const indicators_opt[] = {"name_en", "definition", "age_band", "source", NULL};

static int indicators_begin(imp *I)
{
	return prepare3(I,
			"INSERT INTO indicator (code, name_nl, name_en, unit, definition, age_band, source) VALUES (?, ?, ?, ?, ?, ?, ?)"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			" unit = excluded.unit, definition = excluded.definition, age_band = excluded.age_band,"
			" source = excluded.source"
			" WHERE (name_nl, name_en, unit, definition, age_band, source) IS NOT"
			" (excluded.name_nl, excluded.name_en, excluded.unit, excluded.definition, excluded.age_band, excluded.source)",
			NULL, NULL);
}

static int indicators_row(imp *I, const csv_row *r)
{
	char code[64], nl[256], en[256], unit[32], def[1024], band[32], source[256];
	get(I, r, "code", code, sizeof code);
	get(I, r, "name_nl", nl, sizeof nl);
	get(I, r, "name_en", en, sizeof en);
	get(I, r, "unit", unit, sizeof unit);
	get(I, r, "definition", def, sizeof def);
	get(I, r, "age_band", band, sizeof band);
	get(I, r, "source", source, sizeof source);
	keep_stored(I, "indicator", code, "name_en", en, sizeof en);
	keep_stored(I, "indicator", code, "definition", def, sizeof def);
	keep_stored(I, "indicator", code, "age_band", band, sizeof band);
	keep_stored(I, "indicator", code, "source", source, sizeof source);
	enum model_unit u;
	int bad = 0;
	if (!valid_code(code))
		bad |= field_error(I, r, "code", "expected a code of lower-case letters, digits or '_', got '%s'", code) < 0;
	else if (once_per_file(I, r, "code", code) < 0)
		bad = 1;
	if (!*nl)
		bad |= field_error(I, r, "name_nl", "a Dutch name is required") < 0;
	if (model_unit_parse(unit, &u) < 0)
		bad |= field_error(I, r, "unit", "expected persons, percent or number, got '%s'", unit) < 0;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	const char *vals[] = {code, nl, en, unit, def, band, source};
	for (int i = 0; i < 7; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	char tmp[8];
	return step_done(I, I->ins, "indicator", stored_text(I, "indicator", code, "code", tmp, sizeof tmp));
}

/* claims: sentences of a publication with what they state (see claim.h) */
static const char *const claims_req[] = {"id", "text", "year", "expr", "stated", NULL};
static const char *const claims_opt[] = {"area", "edition", "tolerance", "source", NULL};

static int claims_begin(imp *I)
{
	return prepare3(I,
			"INSERT INTO claim (id, text, area, year, edition, expr, stated, tolerance, source, batch, line)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
			" ON CONFLICT (id) DO UPDATE SET text = excluded.text, area = excluded.area, year = excluded.year,"
			" edition = excluded.edition, expr = excluded.expr, stated = excluded.stated,"
			" tolerance = excluded.tolerance, source = excluded.source, batch = excluded.batch, line = excluded.line"
			" WHERE (text, area, year, edition, expr, stated, tolerance, source) IS NOT (excluded.text, excluded.area,"
			" excluded.year, excluded.edition, excluded.expr, excluded.stated, excluded.tolerance, excluded.source)",
			"SELECT 1 FROM claim WHERE id = ?", NULL);
}

/* Every reference of a claim must name a known area and code. */
static int check_refs(imp *I, const csv_row *r, const claim_expr *e, int field_col)
{
	int bad = 0;
	for (int i = 0; i < e->n_nodes; i++) {
		const claim_node *n = &e->nodes[i];
		if (n->op != OP_FIG && n->op != OP_CTX)
			continue;
		int col = field_col + n->pos - 1;
		if (model_area_index(I->m, n->area) < 0)
			bad |= add_error(I, "%s:%ld:%d: column 'expr': unknown area '%s'", I->file, r->line, col, n->area) < 0;
		if (n->op == OP_FIG && model_node_index(I->m, n->item) < 0)
			bad |= add_error(I, "%s:%ld:%d: column 'expr': unknown work form or total '%s'", I->file, r->line, col, n->item) < 0;
		if (n->op == OP_CTX && model_indicator_index(I->m, n->item) < 0)
			bad |= add_error(I, "%s:%ld:%d: column 'expr': unknown indicator '%s'", I->file, r->line, col, n->item) < 0;
	}
	return bad ? LERR_PARSE : 0;
}

static int claims_row(imp *I, const csv_row *r)
{
	char id[64], text[1024], area[64], edition[64], expr[1024], stated[128], tol[32], source[256];
	get(I, r, "id", id, sizeof id);
	get(I, r, "text", text, sizeof text);
	get(I, r, "area", area, sizeof area);
	get(I, r, "edition", edition, sizeof edition);
	get(I, r, "expr", expr, sizeof expr);
	get(I, r, "stated", stated, sizeof stated);
	get(I, r, "tolerance", tol, sizeof tol);
	get(I, r, "source", source, sizeof source);
	int bad = 0, year = 0;
	if (!valid_code(id))
		bad |= field_error(I, r, "id", "expected an id of lower-case letters, digits, '_', '-' or '.', got '%s'", id) < 0;
	else if (once_per_file(I, r, "id", id) < 0)
		bad = 1;
	if (!*text)
		bad |= field_error(I, r, "text", "the sentence of the claim is required") < 0;
	bad |= parse_year(I, r, &year) < 0;
	if (*area && model_area_index(I->m, area) < 0)
		bad |= field_error(I, r, "area", "unknown area '%s'", area) < 0;
	for (const char *p = edition; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.') {
			bad |= field_error(I, r, "edition", "expected an edition code of letters, digits, '-', '_' or '.', got '%s'", edition) < 0;
			break;
		}
	lerr e;
	claim_expr *ex = claim_expr_parse(expr, &e);
	int k = name_index(I, "expr");
	int fcol = I->col[k] < r->n ? r->f[I->col[k]].col + r->f[I->col[k]].quoted : 1;
	if (!ex) {
		/* the parser counts columns inside the expression: point into the file */
		int at = 1, off = 0;
		if (sscanf(e.msg, "column %d: %n", &at, &off) < 1)
			off = 0;
		bad |= add_error(I, "%s:%ld:%d: column 'expr': %s", I->file, r->line, fcol + at - 1, e.msg + off) < 0;
	}
	else
		bad |= check_refs(I, r, ex, fcol) < 0;
	claim_expr_free(ex);
	double tolerance = -1;
	if (*tol) {
		num_style st = NUM_STYLE_UNKNOWN;
		const char *why;
		if (num_parse_decimal(tol, &tolerance, &st, &why) < 0 || tolerance < 0)
			bad |= field_error(I, r, "tolerance", "expected a number of at least 0, got '%s'", tol) < 0;
	}
	claim_stated cs;
	const char *why;
	if (claim_stated_parse(stated, tolerance, &cs, &why) < 0)
		bad |= field_error(I, r, "stated", "%s, got '%s'", why, stated) < 0;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	sqlite3_bind_text(I->sel, 1, id, -1, SQLITE_TRANSIENT);
	int existed = sqlite3_step(I->sel) == SQLITE_ROW;
	sqlite3_reset(I->sel);
	const char *vals[] = {id, text, area};
	if (existed && !I->opt->replace) {
		/* like figures: a stored claim changes only on request */
		char old_text[1024] = "", old_expr[1024] = "", old_stated[128] = "";
		stored_text_by(I, "claim", "id", id, "text", old_text, sizeof old_text);
		stored_text_by(I, "claim", "id", id, "expr", old_expr, sizeof old_expr);
		stored_text_by(I, "claim", "id", id, "stated", old_stated, sizeof old_stated);
		if (strcmp(old_text, text) || strcmp(old_expr, expr) || strcmp(old_stated, stated))
			return field_error(I, r, "id", "claim '%s' is already stored with other content: pass --replace to change it", id);
	}
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 4, year);
	sqlite3_bind_text(I->ins, 5, edition, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 6, expr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 7, stated, -1, SQLITE_TRANSIENT);
	if (tolerance >= 0)
		sqlite3_bind_double(I->ins, 8, tolerance);
	else
		sqlite3_bind_null(I->ins, 8);
	sqlite3_bind_text(I->ins, 9, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 10, I->batch);
	sqlite3_bind_int64(I->ins, 11, r->line);
	return step_done(I, I->ins, "claim", existed);
}

static const kind_def kinds[] = {
	{"figures", figure_req, obs_opt, figures_begin, figures_row, figures_end, finalize_stmts, 0},
	{"context", context_req, obs_opt, context_begin, context_row, context_end, finalize_stmts, 0},
	{"catalog", catalog_req, catalog_opt, catalog_begin, catalog_row, catalog_end, finalize_stmts, 1},
	{"areas", areas_req, areas_opt, areas_begin, areas_row, NULL, finalize_stmts, 1},
	{"groupings", groupings_req, groupings_opt, groupings_begin, groupings_row, groupings_end, finalize_stmts, 1},
	{"indicators", indicators_req, indicators_opt, indicators_begin, indicators_row, NULL, finalize_stmts, 1},
	{"rungs", rung_req, none_opt, rungs_begin, rungs_row, NULL, finalize_stmts, 1},
	{"claims", claims_req, claims_opt, claims_begin, claims_row, NULL, finalize_stmts, 0},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

/* ------------------------------------------------------------------ driver */

static int check_text(imp *I, const csv_field *f, const char *column);

static int known_column(const kind_def *k, const char *name)
{
	for (const char *const *p = k->required; *p; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	for (const char *const *p = k->optional; *p; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	return 0;
}

static void lower_copy(char *out, size_t cap, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		out[n++] = (char)tolower((unsigned char)*s);
	while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
}

/* The kind whose required columns are all in the header. */
static const kind_def *detect_kind(const csv_row *h)
{
	for (size_t k = 0; k < N_KINDS; k++) {
		int all = 1;
		for (const char *const *p = kinds[k].required; *p && all; p++) {
			int found = 0;
			for (int i = 0; i < h->n && !found; i++) {
				char name[64];
				lower_copy(name, sizeof name, h->f[i].s);
				found = strcmp(name, *p) == 0;
			}
			all = found;
		}
		if (all)
			return &kinds[k];
	}
	return NULL;
}

/* Is kind one of the '|'-separated names of list? */
static int kind_in_list(const char *list, const char *kind)
{
	size_t n = strlen(kind);
	for (const char *p = list; p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
		if (strncmp(p, kind, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return 1;
	return 0;
}

static int read_header(imp *I, const csv_row *h)
{
	I->kind = detect_kind(h);
	if (!I->kind)
		return add_error(I, "%s:1:1: header: expected the columns of a known kind: figures (year, area, work_form, persons), context (year, area, indicator, value), catalog (code, name_nl, rung), areas (code, name_nl, level), groupings (group, name_nl, member), indicators (code, name_nl, unit) or claims (id, text, year, expr, stated)", I->file);
	if (I->opt->only_kind && !kind_in_list(I->opt->only_kind, I->kind->name)) {
		char want[128];
		snprintf(want, sizeof want, "%s", I->opt->only_kind);
		for (char *p = strchr(want, '|'); p; p = strchr(want, '|'))
			*p = '/';
		return add_error(I, "%s:1:1: header: this is a %s file; expected a %s file", I->file, I->kind->name, want);
	}
	I->n_names = 0;
	for (const char *const *p = I->kind->required; *p; p++)
		I->names[I->n_names++] = *p;
	for (const char *const *p = I->kind->optional; *p; p++)
		I->names[I->n_names++] = *p;
	for (int i = 0; i < I->n_names; i++)
		I->col[i] = -1;
	int bad = 0;
	int width = h->n;
	while (width > 1 && num_is_blank(h->f[width - 1].s))
		width--; /* Excel pads the header with empty cells too */
	for (int c = 0; c < width; c++) {
		char name[64];
		if (check_text(I, &h->f[c], NULL) < 0) {
			bad = 1;
			continue;
		}
		lower_copy(name, sizeof name, h->f[c].s);
		if (!*name) {
			bad |= add_error(I, "%s:1:%d: header: column %d has no name", I->file, h->f[c].col, c + 1) < 0;
			continue;
		}
		if (!known_column(I->kind, name)) {
			buf allowed = BUF_INIT;
			for (int i = 0; i < I->n_names; i++)
				buf_printf(&allowed, "%s%s", i ? ", " : "", I->names[i]);
			bad |= add_error(I, "%s:1:%d: header: unknown column '%s' for a %s file (expected %s)", I->file,
					 h->f[c].col, name, I->kind->name, allowed.ptr) < 0;
			buf_release(&allowed);
			continue;
		}
		for (int i = 0; i < I->n_names; i++) {
			if (strcmp(I->names[i], name) != 0)
				continue;
			if (I->col[i] >= 0)
				bad |= add_error(I, "%s:1:%d: header: column '%s' appears twice", I->file, h->f[c].col, name) < 0;
			I->col[i] = c;
		}
	}
	I->header_cols = width;
	return bad ? LERR_PARSE : 0;
}

/* ------------------------------------------------------ text that is shown */

/* Free text may hold tabs and line breaks; every other column is one line. */
static int is_free_text(const char *column)
{
	static const char *const free_text[] = {"note", "source", "counting_rule", "definition", "text", NULL};
	for (int i = 0; free_text[i]; i++)
		if (strcmp(column, free_text[i]) == 0)
			return 1;
	return 0;
}

static const char *control_name(unsigned cp)
{
	static const char *const c0[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF",
					   "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
					   "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"};
	return cp < 32 ? c0[cp] : cp == 0x7F ? "DEL" : "C1 control";
}

/* Names, labels and notes end up on terminals, in pages and in reports: a
 * control character (C0 but tab and line feed, DEL, C1) in them could move
 * the cursor, ring or recolour a terminal, so none is stored. One-line
 * columns take no tab or line break inside the value either (around it they
 * are trimmed, as spaces are). Reports the first such character of field f
 * at its own line and column; 0 when there is none. */
static int check_text(imp *I, const csv_field *f, const char *column)
{
	char where[96];
	if (column)
		snprintf(where, sizeof where, "column '%s'", column);
	else
		snprintf(where, sizeof where, "header");
	const unsigned char *s = (const unsigned char *)f->s;
	size_t n = f->len, lo = 0, hi = n;
	int one_line = !column || !is_free_text(column);
	while (lo < hi && isspace(s[lo]))
		lo++;
	while (hi > lo && isspace(s[hi - 1]))
		hi--;
	long line = f->line;
	int col = f->col + f->quoted;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = s[i];
		int bad;
		if (cp < 0x80)
			bad = (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
			      (one_line && i >= lo && i < hi && (cp == '\t' || cp == '\n'));
		else if ((bad = cp == 0xC2 && i + 1 < n && s[i + 1] < 0xA0)) /* UTF-8 C2 80..9F */
			cp = s[i + 1];
		if (bad) {
			if (cp == '\t' || cp == '\n')
				return add_error(I, "%s:%ld:%d: %s: a %s (U+%04X) is not allowed inside this value, only in free text (note, source, counting_rule, definition, text)",
						 I->file, line, col, where, cp == '\t' ? "tab" : "line break", cp);
			return add_error(I, "%s:%ld:%d: %s: control character U+%04X (%s) is not allowed: remove it",
					 I->file, line, col, where, cp, control_name(cp));
		}
		if (s[i] == '\n') {
			line++;
			col = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			col++; /* columns count characters, not bytes */
		}
	}
	return 0;
}

/* Every field of the row, before any of it is echoed in another message. */
static int check_row_text(imp *I, const csv_row *r)
{
	for (int i = 0; i < I->n_names; i++) {
		int k = I->col[i];
		if (k >= 0 && k < r->n && check_text(I, &r->f[k], I->names[i]) < 0)
			return LERR_PARSE;
	}
	return 0;
}

static int row_is_blank(const csv_row *r)
{
	for (int i = 0; i < r->n; i++)
		if (!num_is_blank(r->f[i].s))
			return 0;
	return 1;
}

static int check_width(imp *I, const csv_row *r)
{
	if (r->n < I->header_cols)
		return add_error(I, "%s:%ld:%d: expected %d fields as in the header, found %d", I->file, r->line,
				 r->f[r->n - 1].col, I->header_cols, r->n);
	/* spreadsheets pad rows with empty cells: tolerate those, nothing else */
	for (int i = I->header_cols; i < r->n; i++)
		if (!num_is_blank(r->f[i].s))
			return add_error(I, "%s:%ld:%d: expected %d fields as in the header, found %d", I->file,
					 r->line, r->f[i].col, I->header_cols, r->n);
	return 0;
}

static int begin_batch(imp *I)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s,
			  "INSERT INTO batch (file, sha256, kind, rows, inserted, unchanged, replaced, encoding, delimiter, imported_at)"
			  " VALUES (?, '', ?, 0, 0, 0, 0, '', '', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
			  &st, &e) < 0)
		return db_error(I, "batch");
	sqlite3_bind_text(st, 1, I->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, I->kind->name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(I, "batch");
	I->batch = (int)sqlite3_last_insert_rowid(store_handle(I->s));
	return 0;
}

/* Records the batch's totals, or removes it when the file changed nothing. */
static int end_batch(imp *I)
{
	imp_file_report *fr = I->fr;
	sqlite3_stmt *st;
	lerr e;
	int keep = fr->inserted + fr->replaced > 0;
	const char *sql = keep ? "UPDATE batch SET sha256 = ?2, rows = ?3, inserted = ?4, unchanged = ?5, replaced = ?6,"
				 " encoding = ?7, delimiter = ?8 WHERE id = ?1"
			       : "DELETE FROM batch WHERE id = ?1";
	if (store_prepare(I->s, sql, &st, &e) < 0)
		return db_error(I, "batch");
	sqlite3_bind_int(st, 1, I->batch);
	if (keep) {
		char delim[2] = {fr->delimiter, 0};
		sqlite3_bind_text(st, 2, fr->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, fr->rows);
		sqlite3_bind_int64(st, 4, fr->inserted);
		sqlite3_bind_int64(st, 5, fr->unchanged);
		sqlite3_bind_int64(st, 6, fr->replaced);
		sqlite3_bind_text(st, 7, fr->encoding, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, delim, -1, SQLITE_TRANSIENT);
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(I, "batch");
	fr->batch = keep ? I->batch : 0;
	return 0;
}

static int reload_model(imp *I)
{
	lerr e;
	model *m = store_load_model(I->s, &e);
	if (!m) {
		add_error(I, "%s", e.msg);
		return LERR_DB;
	}
	model_free(I->m);
	I->m = m;
	return 0;
}

static int default_edition(imp *I)
{
	lerr e;
	const char *code = I->opt->edition;
	if (!code || !*code) {
		/* no edition given: the latest edition in the store, else "0" */
		char latest[64] = "";
		sqlite3_stmt *st;
		if (store_prepare(I->s, "SELECT code FROM edition ORDER BY CAST(code AS INTEGER) DESC, code DESC LIMIT 1",
				  &st, &e) < 0)
			return db_error(I, "edition");
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(latest, sizeof latest, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		code = *latest ? arena_strdup(&I->mem, latest) : "0";
	}
	I->default_ed_code = code;
	return 0;
}

static int import_one(imp *I, csv_reader *csv, const char *name)
{
	I->csv = csv;
	I->file = name;
	I->last_area = -1; /* the model may have been reloaded */
	I->style = NUM_STYLE_UNKNOWN;
	I->stop = 0;
	strmap_release(&I->seen);
	strmap_init(&I->seen);
	imp_report *rep = I->rep;
	rep->files = xrealloc(rep->files, sizeof *rep->files * (size_t)(rep->n_files + 1));
	I->fr = &rep->files[rep->n_files++];
	memset(I->fr, 0, sizeof *I->fr);
	I->fr->file = xstrdup(name);
	I->fr->kind = "?";

	lerr e;
	csv_row *r;
	int rc = csv_next(csv, &r, &e);
	if (rc <= 0)
		return rc == 0 ? add_error(I, "%s:1:1: empty file: expected a header line", name) : add_error(I, "%s", e.msg);
	if (read_header(I, r) < 0)
		return LERR_PARSE;
	I->fr->kind = I->kind->name;
	if (I->kind->begin(I) < 0 || (!I->failed && begin_batch(I) < 0)) {
		I->kind->finish(I);
		return LERR_DB;
	}
	while (!I->stop && (rc = csv_next(csv, &r, &e)) > 0) {
		if (row_is_blank(r))
			continue;
		I->fr->rows++;
		if (check_width(I, r) < 0 || check_row_text(I, r) < 0)
			continue;
		I->kind->row(I, r);
	}
	if (rc < 0)
		add_error(I, "%s", e.msg);
	if (!I->stop && I->kind->end)
		I->kind->end(I);
	I->kind->finish(I);
	csv_sha256_hex(csv, I->fr->sha256);
	I->fr->encoding = csv_encoding(csv);
	I->fr->delimiter = csv_delimiter(csv);
	if (I->failed)
		return LERR_PARSE;
	if (end_batch(I) < 0)
		return LERR_DB;
	if (I->kind->changes_model && reload_model(I) < 0)
		return LERR_DB;
	return 0;
}

typedef struct source {
	const char *path; /* file, or NULL for memory */
	const char *name;
	const char *data;
	size_t len;
} source;

static int run(store *s, const source *src, int n, const imp_options *opt, imp_report *rep)
{
	memset(rep, 0, sizeof *rep);
	imp I = {0};
	I.s = s;
	I.opt = opt;
	I.rep = rep;
	arena_init(&I.mem);
	strmap_init(&I.seen);
	lerr e;
	/* Every id the import writes comes from the model loaded inside this
	 * write transaction, so foreign keys cannot fail; checking them costs
	 * four index lookups per row. The pragma only acts outside a transaction. */
	sqlite3_exec(store_handle(s), "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	if (store_begin(s, &e) < 0) {
		sqlite3_exec(store_handle(s), "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		buf_printf(&rep->errors, "%s\n", e.msg);
		rep->n_errors++;
		arena_release(&I.mem);
		return LERR_DB;
	}
	if (!(I.m = store_load_model(s, &e))) {
		add_error(&I, "%s", e.msg);
	} else if (default_edition(&I) == 0) {
		for (int i = 0; i < n && !(I.failed && rep->n_errors >= IMP_MAX_ERRORS); i++) {
			csv_reader *csv = src[i].path ? csv_open_file(src[i].path, &e)
						      : csv_open_mem(src[i].name, src[i].data, src[i].len);
			if (!csv) {
				add_error(&I, "%s", e.msg);
				continue;
			}
			import_one(&I, csv, csv_name(csv)); /* "-" reads as "stdin" */
			csv_free(csv);
		}
	}
	int ok = !I.failed;
	if (ok && !opt->dry_run) {
		if (store_commit(s, &e) < 0) {
			buf_printf(&rep->errors, "%s\n", e.msg);
			rep->n_errors++;
			ok = 0;
		}
	}
	store_rollback(s); /* no-op after a commit */
	sqlite3_exec(store_handle(s), "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	model_free(I.m);
	free(I.cov);
	free(I.pending);
	free(I.groups);
	strmap_release(&I.seen);
	arena_release(&I.mem);
	return ok ? 0 : LERR_PARSE;
}

int imp_run(store *s, const char *const *paths, int n, const imp_options *opt, imp_report *report)
{
	source *src = xcalloc((size_t)n + 1, sizeof *src);
	for (int i = 0; i < n; i++)
		src[i].path = src[i].name = paths[i];
	int rc = run(s, src, n, opt, report);
	free(src);
	return rc;
}

int imp_run_mem(store *s, const char *name, const char *data, size_t len, const imp_options *opt,
		imp_report *report)
{
	source src = {NULL, name, data, len};
	return run(s, &src, 1, opt, report);
}

void imp_report_release(imp_report *r)
{
	for (int i = 0; i < r->n_files; i++)
		free(r->files[i].file);
	free(r->files);
	buf_release(&r->errors);
	memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------ total nodes */

int imp_add_total_nodes(store *s, lerr *err)
{
	static const struct {
		const char *code, *kind, *nl, *en, *parent;
		int rung;
		const char *sub;
		int in_headline;
	} totals[] = {
		{"totaal", "headline", "Tewerkstelling en participatie kansengroepen (treden 3-5)",
		 "Employment and participation of disadvantaged groups (rungs 3-5)", NULL, 0, "", 1},
		{"trede5", "rung", "Trede 5", "Rung 5", "totaal", 5, "", 1},
		{"trede5.collectief", "subcategory", "Collectieve inschakeling", "Collective employment", "trede5", 5, "collectief", 1},
		{"trede5.individueel", "subcategory", "Individuele inschakeling", "Individual employment", "trede5", 5, "individueel", 1},
		{"trede4", "rung", "Trede 4", "Rung 4", "totaal", 4, "", 1},
		{"trede3", "rung", "Trede 3", "Rung 3", "totaal", 3, "", 1},
		{"trede3.se", "subcategory", "Arbeidszorg sociale economie", "Sheltered work in the social economy", "trede3", 3, "se", 1},
		{"trede3.ggz", "subcategory", "Arbeidszorg geestelijke gezondheidszorg", "Sheltered work in mental health care", "trede3", 3, "ggz", 1},
		{"trede3.vaph", "subcategory", "Arbeidszorg personen met een handicap (VAPH)", "Sheltered work in disability care (VAPH)", "trede3", 3, "vaph", 1},
		{"trede3.welzijn", "subcategory", "Arbeidszorg welzijn", "Sheltered work in welfare", "trede3", 3, "welzijn", 1},
		{"trede6", "rung", "Trede 6", "Rung 6", NULL, 6, "", 0},
	};
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "INSERT OR IGNORE INTO work_form (code, kind, name_nl, name_en, parent, rung, subcategory, in_headline, seq)"
			  " VALUES (?1, ?2, ?3, ?4, (SELECT id FROM work_form WHERE code = ?5), ?6, ?7, ?8, 0)",
			  &st, err) < 0)
		return LERR_DB;
	for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++) {
		sqlite3_bind_text(st, 1, totals[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, totals[i].kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, totals[i].nl, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, totals[i].en, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, totals[i].parent, -1, SQLITE_STATIC);
		if (totals[i].rung)
			sqlite3_bind_int(st, 6, totals[i].rung);
		else
			sqlite3_bind_null(st, 6);
		sqlite3_bind_text(st, 7, totals[i].sub, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 8, totals[i].in_headline);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			return store_fail(s, err, "add totals");
		}
	}
	sqlite3_finalize(st);
	/* the rung names come from the rung table */
	return store_exec(s, "UPDATE work_form SET name_nl = 'Trede ' || rung || ': ' || (SELECT name_nl FROM rung r WHERE r.rung = work_form.rung),"
			     " name_en = 'Rung ' || rung || ': ' || (SELECT name_en FROM rung r WHERE r.rung = work_form.rung)"
			     " WHERE kind = 'rung'",
			  err);
}
