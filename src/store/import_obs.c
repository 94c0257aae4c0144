/* import_obs.c - figures and context figures: observations keyed by
 * (edition, year, area, item), validated per row and written in chunks of
 * OBS_CHUNK rows; rows already stored are settled one by one (unchanged,
 * replaced, or refused). See import_internal.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <ctype.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const flag_names[] = {"", "missing", "confidential", "estimated", "synthetic", NULL};

/* flag column: words or the publication symbols . x e s; "zero"/"-" asks for
 * persons 0. Returns the stored flag, or NULL with an error recorded. */
static const char *parse_flag(imp *I, const csv_row *r, int *zero)
{
	const char *v = imp_val(I, "flag");
	*zero = 0;
	if (!*v)
		return flag_names[0]; /* most rows */
	char t[64]; /* lower-cased here */
	snprintf(t, sizeof t, "%s", v);
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
	imp_field_error(I, r, "flag", V(I->en, import_one_missing_zero_confidential_x), t);
	return NULL;
}

/* Adds (edition, year) to a list of pairs unless it is there already. */
static void note_pair(int (**pairs)[2], int *n, int *cap, int edition, int year)
{
	for (int i = *n - 1; i >= 0; i--)
		if ((*pairs)[i][0] == edition && (*pairs)[i][1] == year)
			return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*pairs = xrealloc(*pairs, sizeof **pairs * (size_t)*cap);
	}
	(*pairs)[*n][0] = edition;
	(*pairs)[*n][1] = year;
	(*n)++;
}

/* The index of (edition, year) in the file's coverage, added if new. */
static int note_coverage(imp *I, int edition, int year)
{
	for (int i = I->n_cov - 1; i >= 0; i--)
		if (I->cov[i][0] == edition && I->cov[i][1] == year)
			return i;
	if (I->n_cov == I->cap_cov) {
		I->cap_cov = I->cap_cov ? I->cap_cov * 2 : 16;
		I->cov = xrealloc(I->cov, sizeof *I->cov * (size_t)I->cap_cov);
	}
	I->cov[I->n_cov][0] = edition;
	I->cov[I->n_cov][1] = year;
	I->cov[I->n_cov][2] = 0;
	return I->n_cov++;
}

/* Counts the figure generation (migrate-5.sql) of every pair a file of
 * figures inserted or replaced a row of: the grids cached for those pairs
 * (and for later editions of their years) are stale from the commit on,
 * and the import protects them again (I->changed). A pair whose rows were
 * all stored already, as they are, keeps its grid: next year's delivery
 * that repeats the years before is protected for its new year only. */
static int bump_figure_generations(imp *I)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s,
			  "INSERT INTO figure_generation (edition, year, value) VALUES (?, ?, 1)"
			  " ON CONFLICT (edition, year) DO UPDATE SET value = value + 1",
			  &st, &e) < 0)
		return imp_db_error(I, "figure_generation");
	for (int i = 0; i < I->n_cov; i++) {
		if (!I->cov[i][2])
			continue;
		sqlite3_bind_int(st, 1, I->cov[i][0]);
		sqlite3_bind_int(st, 2, I->cov[i][1]);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			return imp_db_error(I, "figure_generation");
		}
		note_pair(&I->changed, &I->n_changed, &I->cap_changed, I->cov[i][0], I->cov[i][1]);
	}
	sqlite3_finalize(st);
	return 0;
}

static int write_coverage(imp *I, const char *kind)
{
	sqlite3_stmt *st;
	lerr e;
	if (strcmp(kind, "figure") == 0 && I->fr->inserted + I->fr->replaced > 0 && bump_figure_generations(I) < 0)
		return LERR_DB;
	if (store_prepare(I->s, "INSERT OR IGNORE INTO coverage (edition, year, kind) VALUES (?, ?, ?)", &st, &e) < 0)
		return imp_db_error(I, "coverage");
	for (int i = 0; i < I->n_cov; i++) {
		sqlite3_bind_int(st, 1, I->cov[i][0]);
		sqlite3_bind_int(st, 2, I->cov[i][1]);
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return imp_db_error(I, "coverage");
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	I->n_cov = 0;
	return 0;
}

/* ------------------------------------------------------------- observations */

/* Binds one row's 9 parameters starting after parameter `at`. */
static void bind_obs(sqlite3_stmt *st, const obs *o, int at, int batch, long line, int col)
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
	sqlite3_bind_int(st, at + 10, col);
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
		return imp_db_error(I, "lookup");
	}
	int null_old = sqlite3_column_type(I->sel, 0) == SQLITE_NULL;
	double old = sqlite3_column_double(I->sel, 0);
	char oldflag[32], oldnote[512], oldfile[256];
	snprintf(oldflag, sizeof oldflag, "%s", (const char *)sqlite3_column_text(I->sel, 1));
	snprintf(oldnote, sizeof oldnote, "%s", (const char *)sqlite3_column_text(I->sel, 2));
	int oldbatch = sqlite3_column_int(I->sel, 3);
	long oldline = (long)sqlite3_column_int64(I->sel, 4);
	snprintf(oldfile, sizeof oldfile, "%s", (const char *)sqlite3_column_text(I->sel, 5));
	int carried = sqlite3_column_int(I->sel, 6);
	int oldcol = sqlite3_column_int(I->sel, 7);
	sqlite3_reset(I->sel);
	double now = o->is_real ? o->value : (double)o->count;
	if (oldbatch == I->batch && oldline == p->line && oldcol == p->cell) {
		I->fr->inserted++;
		I->cov[p->pair][2] = 1;
		return 0;
	}
	if (oldbatch == I->batch && p->cell)
		return imp_at_error(I, p->line, p->col, I->value_col,
				V(I->en, import_same_key_in_cell),
				I->value_col[0] == 'p' ? "work_form" : "indicator", imp_where(I, oldline, oldcol));
	if (oldbatch == I->batch)
		return imp_at_error(I, p->line, p->col, I->value_col,
				V(I->en, import_same_key_year_area_edition),
				I->value_col[0] == 'p' ? "work_form" : "indicator", oldline);
	int same = null_old == !o->has_value && (null_old || old == now) && strcmp(oldflag, o->flag) == 0 &&
		   strcmp(oldnote, o->note) == 0;
	if (same && !carried) {
		I->fr->unchanged++;
		return 0;
	}
	/* a figure carried forward into this edition (editions new --from) is
	 * the previous edition's until the edition's own replaces it, even with
	 * the same value */
	if (!I->opt->replace && !carried) {
		char was[64];
		if (null_old)
			snprintf(was, sizeof was, "%s", V(I->en, import_empty));
		else
			snprintf(was, sizeof was, "%.15g", old);
		return imp_at_error(I, p->line, p->col, I->value_col,
				V(I->en, import_differs_from_stored_figure_for),
				was, *oldflag ? V(I->en, import_flag_sep) : "", oldflag, oldfile, oldline);
	}
	bind_obs(I->upd, o, 0, I->batch, p->line, p->cell);
	int rc = sqlite3_step(I->upd);
	sqlite3_reset(I->upd);
	if (rc != SQLITE_DONE)
		return imp_db_error(I, "replace");
	I->fr->replaced++;
	I->cov[p->pair][2] = 1;
	return 0;
}

static int write_chunk(imp *I, int n);

/* Writes the pending rows: one multi-row INSERT for a full chunk (the
 * per-statement cost is most of an insert), one by one for the rest. */
static int flush_obs(imp *I)
{
	int n = I->n_chunk;
	I->n_chunk = 0;
	if (I->failed || n == 0)
		return 0;
	double t0 = imp_cpu_now(I);
	int rc = write_chunk(I, n);
	I->rep->cpu_store += imp_cpu_now(I) - t0;
	return rc;
}

static int write_chunk(imp *I, int n)
{
	sqlite3_stmt *st = n == OBS_CHUNK ? I->ins_many : I->ins;
	int per = n == OBS_CHUNK ? OBS_CHUNK : 1;
	for (int start = 0; start < n; start += per) {
		for (int i = 0; i < per; i++)
			bind_obs(st, &I->chunk[start + i].o, i * 10, I->batch, I->chunk[start + i].line, I->chunk[start + i].cell);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return imp_db_error(I, "insert");
		if (sqlite3_changes(store_handle(I->s)) == per) {
			I->fr->inserted += per;
			for (int i = 0; i < per; i++)
				I->cov[I->chunk[start + i].pair][2] = 1;
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
	int k = imp_name_index(I, value_col);
	pending_obs *p = &I->chunk[I->n_chunk++];
	p->o = *o;
	p->line = r->line;
	p->col = k >= 0 && I->col[k] >= 0 && I->col[k] < r->n ? r->f[I->col[k]].col : 1;
	p->cell = I->rows && I->rows->cells ? p->col : 0; /* a spreadsheet's column; a CSV line is its line */
	I->value_col = value_col;
	p->pair = note_coverage(I, o->edition, o->year);
	return I->n_chunk == OBS_CHUNK ? flush_obs(I) : 0;
}

/* A number cell: "1234", "12.5", "1e+20" as sheet.h writes them. */
static int typed_value(imp *I, const csv_row *r, const char *col, const char *t, int is_count, int zero, obs *o)
{
	char *end;
	double v = strtod(t, &end);
	if (*end || !isfinite(v))
		return imp_field_error(I, r, col, V(I->en, import_number), t);
	if (is_count) {
		if (v != floor(v) || fabs(v) > 1e15)
			return imp_field_error(I, r, col, V(I->en, import_whole_number_persons), t);
		if (v < 0)
			return imp_field_error(I, r, col, V(I->en, import_number_persons_cannot_be_negative), t);
		o->count = (long long)v;
	}
	o->value = v;
	if (zero && v != 0)
		return imp_field_error(I, r, col, V(I->en, import_flag_zero_needs_0_empty), col, t);
	return 0;
}

/* Value + flag rules shared by figures and context. */
static int read_flagged_value(imp *I, const csv_row *r, const char *col, int is_count, obs *o)
{
	int zero;
	o->flag = imp_has_col(I, "flag") ? parse_flag(I, r, &zero) : (zero = 0, "");
	if (!o->flag)
		return LERR_PARSE;
	const char *t = imp_val(I, col);
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
		return imp_field_error(I, r, col, V(I->en, import_empty_give_number_flag_row));
	}
	if (strcmp(o->flag, "missing") == 0)
		return imp_field_error(I, r, col, V(I->en, import_row_flagged_missing_must_leave), col, t);
	const char *why;
	o->has_value = 1;
	const csv_field *f = imp_field(I, r, col);
	if (f && f->typed) /* a spreadsheet's number cell: no Dutch grouping to guess */
		return typed_value(I, r, col, t, is_count, zero, o);
	if (is_count) {
		if (num_parse_count(t, &o->count, &why) < 0)
			return imp_field_error(I, r, col, V(I->en, import_reason_got), num_why(why, I->en), t);
		if (o->count < 0)
			return imp_field_error(I, r, col, V(I->en, import_number_persons_cannot_be_negative), t);
		o->value = (double)o->count;
	} else {
		if (num_parse_decimal(t, &o->value, &I->style, &why) < 0)
			return imp_field_error(I, r, col, V(I->en, import_reason_got), num_why(why, I->en), t);
	}
	if (zero && o->value != 0)
		return imp_field_error(I, r, col, V(I->en, import_flag_zero_needs_0_empty), col, t);
	return 0;
}

static int obs_common(imp *I, const csv_row *r, obs *o)
{
	int bad = 0;
	int bad_year = imp_parse_year(I, r, &o->year) < 0;
	bad |= bad_year;
	int ai;
	if (imp_parse_area(I, r, "area", &ai) < 0 || (!bad_year && imp_area_in_year(I, r, "area", ai, o->year) < 0))
		bad = 1;
	else
		o->area = I->m->areas[ai].id;
	if (imp_edition_for_row(I, r, &o->edition) < 0)
		bad = 1;
	const char *note = imp_val(I, "note"); /* cut to the column's cap, the size of o->note */
	memcpy(o->note, note, strlen(note) + 1);
	return bad ? LERR_PARSE : 0;
}

/* ---------------------------------------------------------------- figures */

/* The columns after the first four, shared with context. */
#define OBS_OPTIONAL \
	{"edition", 0, 64, "edition"}, {"flag", 0, 64, "flag"}, {"note", COL_FREE_TEXT, 512, "note"}, { NULL, 0, 0, NULL }

static const col_spec figure_cols[] = {
	{"year", COL_REQUIRED, 64, "year"},
	{"area", COL_REQUIRED, 128, "area"},
	{"work_form", COL_REQUIRED, 128, "work_form"},
	{"persons", COL_REQUIRED, 64, "persons"},
	{"unit", 0, 32, "unit"},
	OBS_OPTIONAL,
};

/* Statements for an observation table (figure or context): single and
 * chunked insert, lookup of the stored row, replace. carries: the table has
 * the column carried (figures, schema v10), which a replace clears. */
static int obs_begin(imp *I, const char *table, const char *item, const char *value, int carries)
{
	char one[512], sel[512], upd[512];
	snprintf(one, sizeof one, "INSERT INTO %s (edition, year, area, %s, %s, flag, note, batch, line, col) VALUES ", table, item, value);
	buf many = BUF_INIT;
	buf_adds(&many, one);
	for (int i = 0; i < OBS_CHUNK; i++)
		buf_adds(&many, i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	buf_adds(&many, " ON CONFLICT DO NOTHING");
	size_t n = strlen(one);
	snprintf(one + n, sizeof one - n, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
	snprintf(sel, sizeof sel,
		 "SELECT t.%s, t.flag, t.note, t.batch, t.line, b.file, %s, t.col FROM %s t JOIN batch b ON b.id = t.batch"
		 " WHERE t.edition = ? AND t.year = ? AND t.area = ? AND t.%s = ?",
		 value, carries ? "t.carried" : "0", table, item);
	snprintf(upd, sizeof upd,
		 "UPDATE %s SET %s = ?5, flag = ?6, note = ?7, batch = ?8, line = ?9, col = ?10%s"
		 " WHERE edition = ?1 AND year = ?2 AND area = ?3 AND %s = ?4",
		 table, value, carries ? ", carried = 0" : "", item);
	int rc = imp_prepare(I, one, sel, upd);
	lerr e;
	if (rc == 0 && store_prepare(I->s, many.ptr, &I->ins_many, &e) < 0)
		rc = imp_db_error(I, "prepare");
	buf_release(&many);
	return rc;
}

static int figures_begin(imp *I)
{
	return obs_begin(I, "figure", "work_form", "persons", 1);
}

/* A figure counts what its work form counts (totals: persons). A unit
 * column may say so; a figure in another unit than its work form's is
 * refused, never converted or added as if it were the same. */
static int figure_unit(imp *I, const csv_row *r, const model_node *n)
{
	const char *t = imp_has_col(I, "unit") ? imp_val(I, "unit") : "";
	if (!*t)
		return 0;
	enum model_form_unit u;
	if (model_form_unit_parse(t, &u) < 0)
		return imp_field_error(I, r, "unit", V(I->en, import_persons_places_trajectories_fte_personen), t);
	enum model_form_unit want = n->kind == KIND_FORM ? n->unit : FORM_PERSONS;
	if (u != want)
		return imp_field_error(I, r, "unit", V(I->en, import_counts_this_figure_says_import),
				       n->code, model_form_unit_code(want), model_form_unit_code(u));
	return 0;
}

/* A work form's index by its code: a wide delivery gives one work form
 * several figures in a row (one per year), so the last one is kept. */
static int node_cached(imp *I, const char *code)
{
	if (I->last_node >= 0 && strcmp(code, I->last_node_code) == 0)
		return I->last_node;
	int ni = model_node_index(I->m, code);
	size_t n = strlen(code);
	if (ni >= 0 && n < sizeof I->last_node_code) {
		I->last_node = ni;
		memcpy(I->last_node_code, code, n + 1);
	}
	return ni;
}

static int figures_row(imp *I, const csv_row *r)
{
	obs o;
	memset(&o, 0, offsetof(obs, note)); /* the note is written by obs_common */
	int bad = obs_common(I, r, &o) < 0;
	const char *t = imp_val(I, "work_form");
	int ni = node_cached(I, t);
	if (ni < 0)
		bad |= imp_field_error(I, r, "work_form", V(I->en, import_unknown_work_form_code_from), t) < 0;
	else
		o.item = I->m->nodes[ni].id;
	if (ni >= 0)
		bad |= figure_unit(I, r, &I->m->nodes[ni]) < 0;
	bad |= read_flagged_value(I, r, "persons", 1, &o) < 0;
	if (bad)
		return LERR_PARSE;
	return store_obs(I, r, &o, "persons");
}

static int figures_end(imp *I)
{
	if (flush_obs(I) < 0)
		return LERR_PARSE;
	double t0 = imp_cpu_now(I);
	int rc = write_coverage(I, "figure");
	I->rep->cpu_store += imp_cpu_now(I) - t0;
	return rc;
}

/* ---------------------------------------------------------------- context */

static const col_spec context_cols[] = {
	{"year", COL_REQUIRED, 64, "year"},
	{"area", COL_REQUIRED, 128, "area"},
	{"indicator", COL_REQUIRED, 128, "indicator"},
	{"value", COL_REQUIRED, 64, "value"},
	OBS_OPTIONAL,
};

static int context_begin(imp *I)
{
	return obs_begin(I, "context", "indicator", "value", 0);
}

static int context_row(imp *I, const csv_row *r)
{
	obs o;
	memset(&o, 0, offsetof(obs, note));
	int bad = obs_common(I, r, &o) < 0;
	const char *t = imp_val(I, "indicator");
	int ii = model_indicator_index(I->m, t);
	if (ii < 0) {
		imp_field_error(I, r, "indicator", V(I->en, import_unknown_indicator_code_from_ladder), t);
		return LERR_PARSE;
	}
	const model_indicator *ind = &I->m->indicators[ii];
	o.item = ind->id;
	bad |= read_flagged_value(I, r, "value", ind->unit == UNIT_PERSONS, &o) < 0;
	if (bad)
		return LERR_PARSE;
	o.is_real = 1; /* the context table stores REAL */
	if (ind->unit == UNIT_PERCENT && o.has_value && (o.value < 0 || o.value > 100))
		return imp_field_error(I, r, "value", V(I->en, import_percentage_must_lie_between_0), o.value);
	return store_obs(I, r, &o, "value");
}

static int context_end(imp *I)
{
	if (flush_obs(I) < 0)
		return LERR_PARSE;
	double t0 = imp_cpu_now(I);
	int rc = write_coverage(I, "context");
	I->rep->cpu_store += imp_cpu_now(I) - t0;
	return rc;
}

const kind_def imp_kind_figures = {
	"figures", figure_cols, "figure", -1, figures_begin, figures_row, figures_end, imp_finalize, 0,
};

const kind_def imp_kind_context = {
	"context", context_cols, "context", -1, context_begin, context_row, context_end, imp_finalize, 0,
};
