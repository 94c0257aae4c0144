/* import_profile.c - a supplier's delivery read through a source profile
 * (src/model/profile.h, docs/sources.md): its table (a sheet, or a CSV
 * file) becomes the rows of a long figures (or context) file, which the
 * figures kind checks and writes as it does any file. Each row this makes
 * is one figure; its fields remember their cells, so every error names
 * the delivery's cell and the column's header.
 *
 * A field's col in the rows made here: the sheet column of the cell it
 * came from, plus HDR_SHIFT times its header row (1-based within the
 * header) when the header gave it; 0 when the profile fixed it. A row's
 * line is the row of its value cell.
 *
 * Streaming: the merged ranges are needed before the header, and an .xlsx
 * stores them after the rows: its part is scanned for them first
 * (sheet_merges_ahead, a tenth of a parse); an .ods sheet is read to its
 * end for them. Then the table, one row at a time; only monthly figures
 * averaged to the year are held until the end.
 *
 * This file is over 1000 lines because the reader's state (prof_reader: the header, the
 * columns, the row, the totals, the months) is shared by every part and
 * private to this file; what needs none of it lives in profile.c
 * (prof_month, prof_fold) and model.c (model_area_by_label,
 * model_form_by_label). */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"
#include "../model/profile.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HDR_SHIFT 4096 /* > SHEET_MAX_COLS */
#define MAX_DATA_MERGES 1000

/* The fields of a row made here, in this order. */
enum { S_YEAR, S_AREA, S_ITEM, S_VALUE, S_UNIT, S_EDITION, S_FLAG, S_N };

enum col_role { ROLE_NONE, ROLE_KEY, ROLE_VALUE, ROLE_TOTAL, ROLE_IGNORED };

typedef struct pcol {
	const char *piece[PROF_MAX_HEADER]; /* the header row by row, merges filled ("" none) */
	const char *joined;                 /* " / "-joined, a repeat said once */
	enum col_role role;
	const char *code[PF_N]; /* a value column: the fields its header gives, resolved */
	int month;
	double sum;   /* parts since the last total row */
	int unsummable;
	tparts parts; /* ... and their keys, when totals are kept */
} pcol;

typedef struct pfig {
	const char *v[S_N];
	int col[S_N];
	int typed;
	int month;
	long line;
} pfig;

typedef struct month_acc {
	pfig f;
	double sum;
	int n, hidden, december;
} month_acc;

typedef struct prof_reader {
	const prof *p;
	const imp_table_ops *ops;
	void *t;
	const char *file;
	int context;
	int ncols;
	pcol *cols;
	int key[PF_N]; /* column index (0-based) of each field a column gives, -1 */
	int label_col; /* the column whose label ends the table and marks totals */
	sheet_range merges[MAX_DATA_MERGES]; /* those reaching into the data */
	const char **merge_value;
	int n_merges;
	pfig *q;
	int nq, iq, capq;
	arena rowmem;
	csv_field outf[S_N];
	csv_row out;
	int header_sent, ended;
	long prev_line;
	strmap reported; /* labels already said to be unknown */
	strmap areas;    /* "year|label" -> area index, -1 unknown */
	char row_label[256];                     /* ... and of the last label asked, by year: */
	signed char row_known[YEAR_MAX - YEAR_MIN + 1]; /* 1 when row_area holds the answer */
	int row_area[YEAR_MAX - YEAR_MIN + 1];
	strmap month_keys;
	const char *fixed_code[PF_N]; /* fixed fields, resolved */
	const char **cells;           /* this row's cells (trimmed, merges filled) */
	unsigned char *typed;
	csv_row *pending;             /* the first row after the header, read with it */
	month_acc *acc;
	int n_acc, cap_acc;
	long empty_cells, previewed;
	int keep_totals;              /* totals of figures without months: stored */
	tparts row_parts;             /* this row's figures (total columns) */
	stotal *totals;
	int n_totals, cap_totals;
} prof_reader;

static const char *const out_names[S_N] = {"year", "area", "work_form", "persons", "unit", "edition", "flag"};

const imp_table_ops *imp_sheet_table;

/* --------------------------------------------------------- CSV tables */

static void *csv_table_open(const char *path, const char *sheet, int number, int en, lerr *err)
{
	(void)sheet, (void)number; /* a CSV file is one table */
	return csv_open_file_lang(path, en, err);
}

static int csv_table_next(void *t, csv_row **row, lerr *err)
{
	return csv_next(t, row, err);
}

static void csv_table_where(void *t, char *out, size_t cap, int col, long row)
{
	char cell[24];
	sheet_cell_name(cell, sizeof cell, col, row);
	snprintf(out, cap, col > 0 ? "%s:%s" : "%s", csv_name(t), cell);
}

static void csv_table_describe(void *t, imp_file_report *fr)
{
	csv_sha256_hex(t, fr->sha256);
	fr->encoding = csv_encoding(t);
	fr->delimiter = csv_delimiter(t);
}

static void csv_table_close(void *t)
{
	csv_free(t);
}

static const imp_table_ops csv_table = {
	csv_table_open, NULL, csv_table_next, NULL, NULL, csv_table_where, csv_table_describe, csv_table_close,
};

/* --------------------------------------------------------- where */

static const char *cell_text(const csv_row *r, int c)
{
	return c < r->n ? r->f[c].s : "";
}

static void rows_where(imp *I, char *out, size_t cap, long line, int col)
{
	prof_reader *R = I->rows_data;
	if (col == 0) {
		R->ops->where(R->t, out, cap, 0, 0);
		size_t n = strlen(out);
		snprintf(out + n, cap - n, "%s", line ? V(I->en, import_profile_where_fixed) : ""); /* a fixed value */
		return;
	}
	int hdr = col / HDR_SHIFT, c = col % HDR_SHIFT;
	long row = hdr ? R->p->header_first + hdr - 1 : line;
	R->ops->where(R->t, out, cap, c, row);
	if (c >= 1 && c <= R->ncols && *R->cols[c - 1].joined) {
		size_t n = strlen(out);
		snprintf(out + n, cap - n, V(I->en, import_profile_where_column), R->cols[c - 1].joined);
	}
}

static int prof_error(imp *I, const prof_pos *at, const char *fmt, ...) LADDER_PRINTF(3, 4);
static int prof_error(imp *I, const prof_pos *at, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return imp_error(I, "%s: %s:%d:%d: %s", imp_where(I, 0, 0), I->opt->profile_label, at->line, at->column, msg);
}

/* --------------------------------------------------------- labels */

static int fold_eq(const char *a, const char *b)
{
	char fa[256], fb[256];
	model_fold(a, fa, sizeof fa);
	model_fold(b, fb, sizeof fb);
	return strcmp(fa, fb) == 0;
}

static int in_list(const prof_list *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->s[i], s) == 0)
			return 1;
	return 0;
}

/* A work form's code for a label: [work_forms], then the catalogue. */
static const char *work_form_code(imp *I, const char *label)
{
	const prof *p = ((prof_reader *)I->rows_data)->p;
	const char *code = prof_map(p->work_forms, p->n_work_forms, label);
	if (code)
		return code;
	int n = model_form_by_label(I->m, label);
	return n < 0 ? NULL : I->m->nodes[n].code;
}

static const char *area_code(imp *I, const char *label, int year, lerr *e)
{
	const prof *p = ((prof_reader *)I->rows_data)->p;
	const char *code = prof_map(p->areas, p->n_areas, label);
	if (code)
		return code;
	int a = model_area_by_label(I->m, label, year, I->en, e);
	return a < 0 ? NULL : I->m->areas[a].code;
}

/* Says once per label that it maps to nothing; the dry run lists them. */
static int unknown_label(imp *I, long line, int col, const char *field, const char *label, const char *expected)
{
	prof_reader *R = I->rows_data;
	char key[300];
	snprintf(key, sizeof key, "%s|%s", field, label);
	int seen;
	if (strmap_get(&R->reported, key, &seen))
		return LERR_PARSE;
	strmap_put(&R->reported, arena_strdup(&I->mem, key), 1);
	if (I->opt->preview_out)
		buf_printf(I->opt->preview_out, "# unmatched %s: '%s' (%s)\n", field, label, imp_where(I, line, col));
	return imp_error(I, V(I->en, import_profile_unknown_label), imp_where(I, line, col), field, label, expected);
}

/* The code of field f for the text of a cell (or a fixed value). */
static const char *field_code(imp *I, prof_field f, const char *text, int year, long line, int col)
{
	lerr e;
	switch (f) {
	case PF_WORK_FORM: {
		const char *c = work_form_code(I, text);
		if (!c)
			unknown_label(I, line, col, V(I->en, import_profile_field_work_form), text,
				      V(I->en, import_profile_expect_work_form));
		return c;
	}
	case PF_AREA: {
		const char *c = area_code(I, text, year, &e);
		if (!c)
			unknown_label(I, line, col, V(I->en, import_profile_field_area), text, e.code == LERR_AMBIGUOUS ? e.msg : V(I->en, import_profile_expect_area));
		return c;
	}
	case PF_YEAR: {
		int y;
		char tail;
		if (sscanf(text, "%d%c", &y, &tail) != 1 || y < YEAR_MIN || y > YEAR_MAX) {
			imp_error(I, V(I->en, import_profile_bad_year), imp_where(I, line, col), YEAR_MIN, YEAR_MAX, text);
			return NULL;
		}
		return text;
	}
	case PF_MONTH:
		if (!prof_month(text)) {
			imp_error(I, V(I->en, import_profile_bad_month), imp_where(I, line, col), text);
			return NULL;
		}
		return text;
	default:
		return text;
	}
}

static const char *area_lookup(imp *I, const char *label, int year, long line, int col);

/* An area's code for a label in a year, cached: a wide table names each
 * area once per row, a long one once per figure. */
static const char *area_cached(imp *I, const char *label, int year, long line, int col)
{
	prof_reader *R = I->rows_data;
	/* a wide row asks for its label once per value cell: no key to build */
	size_t len = strlen(label);
	int cacheable = len < sizeof R->row_label && year >= YEAR_MIN && year <= YEAR_MAX;
	if (cacheable && strcmp(label, R->row_label) != 0) {
		memcpy(R->row_label, label, len + 1);
		memset(R->row_known, 0, sizeof R->row_known);
	}
	if (cacheable && R->row_known[year - YEAR_MIN]) {
		int at = R->row_area[year - YEAR_MIN];
		return at >= 0 ? I->m->areas[at].code : NULL;
	}
	const char *code = area_lookup(I, label, year, line, col);
	if (cacheable) {
		R->row_known[year - YEAR_MIN] = 1;
		R->row_area[year - YEAR_MIN] = code ? model_area_index(I->m, code) : -1;
	}
	return code;
}

/* The same through the map of every label and year asked before. */
static const char *area_lookup(imp *I, const char *label, int year, long line, int col)
{
	prof_reader *R = I->rows_data;
	char key[300];
	snprintf(key, sizeof key, "%d|%s", year, label);
	int a;
	if (strmap_get(&R->areas, key, &a))
		return a >= 0 ? I->m->areas[a].code : NULL;
	const char *code = field_code(I, PF_AREA, label, year, line, col);
	a = code ? model_area_index(I->m, code) : -1;
	strmap_put(&R->areas, arena_strdup(&I->mem, key), a);
	if (code && a < 0) /* a code of [areas] the store does not have */
		imp_error(I, V(I->en, import_profile_area_map_no_area), imp_where(I, line, col), label,
			  code);
	return a >= 0 ? I->m->areas[a].code : NULL;
}

/* --------------------------------------------------------- the header */

/* A sheet's merged ranges: found ahead (.xlsx), or the sheet read to its
 * end for them and then from the top again. */
static int read_merges(imp *I, prof_reader *R, const sheet_range **m, int *n)
{
	*n = 0;
	*m = NULL;
	if (!R->ops->merges)
		return 0;
	csv_row *r;
	lerr e;
	int rc = R->ops->merges_ahead(R->t, &e);
	if (rc < 0)
		return imp_error(I, "%s", e.msg);
	int ahead = rc > 0;
	while (!ahead && (rc = R->ops->next(R->t, &r, &e)) > 0)
		;
	if (rc < 0)
		return imp_error(I, "%s", e.msg);
	const sheet_range *list = R->ops->merges(R->t, n);
	sheet_range *copy = arena_alloc(&I->mem, sizeof *copy * (size_t)(*n ? *n : 1));
	memcpy(copy, list, sizeof *copy * (size_t)*n); /* rewinding forgets them */
	*m = copy;
	if (!ahead && R->ops->rewind(R->t, &e) < 0)
		return imp_error(I, "%s", e.msg);
	return 0;
}

/* The header rows' cells, merges filled: hdr[row - header_first][col - 1]. */
static int read_header(imp *I, prof_reader *R, const char ***hdr, const sheet_range *m, int nm)
{
	const prof *p = R->p;
	int rows = p->header_last - p->header_first + 1;
	csv_row *r;
	lerr e;
	int rc;
	while ((rc = R->ops->next(R->t, &r, &e)) > 0) {
		if (r->line < p->header_first)
			continue;
		if (r->line > p->header_last)
			break;
		const char **h = hdr[r->line - p->header_first];
		for (int c = 0; c < r->n && c < SHEET_MAX_COLS; c++)
			h[c] = arena_strdup(&I->mem, r->f[c].s);
		R->ncols = r->n > R->ncols ? r->n : R->ncols;
	}
	if (rc < 0)
		return imp_error(I, "%s", e.msg);
	if (R->ncols == 0)
		return imp_error(I, V(I->en, import_profile_no_header), imp_where(I, 0, 0),
				 rows > 1 ? V(I->en, import_profile_word_rows) : V(I->en, import_profile_word_row), p->header_first, p->header_last);
	for (int i = 0; i < nm; i++) {
		if (m[i].row2 < p->header_first || m[i].row1 > p->header_last || m[i].row1 < p->header_first)
			continue;
		const char *v = hdr[m[i].row1 - p->header_first][m[i].col1 - 1];
		for (long y = m[i].row1; y <= m[i].row2 && y <= p->header_last; y++)
			for (int c = m[i].col1; c <= m[i].col2 && c <= SHEET_MAX_COLS; c++)
				hdr[y - p->header_first][c - 1] = v;
		if (m[i].col2 > R->ncols)
			R->ncols = m[i].col2 > SHEET_MAX_COLS ? SHEET_MAX_COLS : m[i].col2;
	}
	/* the first data row was read already: start the data with it */
	R->pending = rc > 0 ? r : NULL;
	return 0;
}

static void join_header(imp *I, prof_reader *R, const char ***hdr)
{
	int rows = R->p->header_last - R->p->header_first + 1;
	R->cols = arena_alloc(&I->mem, sizeof *R->cols * (size_t)R->ncols);
	memset(R->cols, 0, sizeof *R->cols * (size_t)R->ncols);
	for (int c = 0; c < R->ncols; c++) {
		pcol *col = &R->cols[c];
		buf j = BUF_INIT;
		const char *last = NULL;
		for (int y = 0; y < rows; y++) {
			const char *v = hdr[y][c] ? hdr[y][c] : "";
			while (*v == ' ')
				v++;
			col->piece[y] = v;
			if (!*v || (last && strcmp(last, v) == 0))
				continue;
			buf_printf(&j, "%s%s", j.len ? " / " : "", v);
			last = v;
		}
		while (j.len && j.ptr[j.len - 1] == ' ')
			j.ptr[--j.len] = '\0';
		col->joined = arena_strdup(&I->mem, buf_cstr(&j));
		buf_release(&j);
	}
}

/* The column a reference names (0-based), or -1 with an error. */
static int find_column(imp *I, prof_reader *R, const prof_colref *ref)
{
	if (!ref->header) {
		if (ref->letter > R->ncols && ref->letter > SHEET_MAX_COLS)
			return prof_error(I, &ref->at, V(I->en, import_profile_column_beyond), ref->letter), -1;
		if (ref->letter > R->ncols) { /* a column without a header: widen */
			R->ncols = ref->letter;
		}
		return ref->letter - 1;
	}
	int found = -1;
	for (int c = 0; c < R->ncols; c++) {
		int hit = fold_eq(R->cols[c].joined, ref->header);
		for (int y = 0; !hit && y < R->p->header_last - R->p->header_first + 1; y++)
			hit = *R->cols[c].piece[y] && fold_eq(R->cols[c].piece[y], ref->header);
		if (!hit)
			continue;
		if (found >= 0) {
			char a[24], b[24];
			sheet_cell_name(a, sizeof a, found + 1, R->p->header_first);
			sheet_cell_name(b, sizeof b, c + 1, R->p->header_first);
			return prof_error(I, &ref->at, V(I->en, import_profile_header_two_columns),
					  ref->header, (int)strcspn(a, "0123456789"), a, (int)strcspn(b, "0123456789"), b), -1;
		}
		found = c;
	}
	if (found >= 0)
		return found;
	buf list = BUF_INIT;
	for (int c = 0; c < R->ncols && c < 12; c++) {
		char a[24];
		sheet_cell_name(a, sizeof a, c + 1, 1);
		buf_printf(&list, "%s%.*s '%s'", c ? ", " : "", (int)strcspn(a, "0123456789"), a, R->cols[c].joined);
	}
	prof_error(I, &ref->at, V(I->en, import_profile_no_such_header), ref->header,
		   R->p->header_first, R->p->header_last, list.ptr, R->ncols > 12 ? ", ..." : "");
	buf_release(&list);
	return -1;
}

static int is_total_column(const prof_reader *R, const pcol *c)
{
	for (int i = 0; i < R->p->total_columns.n; i++) {
		if (fold_eq(c->joined, R->p->total_columns.s[i]))
			return 1;
		for (int y = 0; y < R->p->header_last - R->p->header_first + 1; y++)
			if (*c->piece[y] && fold_eq(c->piece[y], R->p->total_columns.s[i]))
				return 1;
	}
	return 0;
}

/* Key columns, ignored ones; for a wide table the value and total columns. */
static int assign_columns(imp *I, prof_reader *R)
{
	const prof *p = R->p;
	int bad = 0;
	for (int f = 0; f < PF_N; f++) {
		R->key[f] = -1;
		if (!p->has_column[f])
			continue;
		int c = find_column(I, R, &p->column[f]);
		bad |= c < 0;
		if (c >= 0) {
			R->key[f] = c;
			R->cols[c].role = f == PF_VALUE ? ROLE_VALUE : ROLE_KEY;
		}
	}
	for (int i = 0; i < p->n_ignore; i++) {
		int c = find_column(I, R, &p->ignore[i]);
		bad |= c < 0;
		if (c >= 0)
			R->cols[c].role = ROLE_IGNORED;
	}
	R->label_col = R->key[PF_AREA] >= 0 ? R->key[PF_AREA] : 0;
	if (p->layout == PROF_LONG)
		return bad ? LERR_PARSE : 0;
	for (int c = 0; c < R->ncols; c++)
		if (R->cols[c].role == ROLE_NONE && *R->cols[c].joined)
			R->cols[c].role = is_total_column(R, &R->cols[c]) ? ROLE_TOTAL : ROLE_VALUE;
	return bad ? LERR_PARSE : 0;
}

/* Is the header cell (row y of the header, column c) in a merge over more columns? */
static const sheet_range *merged_across(const sheet_range *m, int nm, long row, int c)
{
	for (int i = 0; i < nm; i++)
		if (m[i].row1 <= row && m[i].row2 >= row && m[i].col1 <= c && m[i].col2 >= c && m[i].col2 > m[i].col1)
			return &m[i];
	return NULL;
}

/* A value column's header fields, resolved; two columns that give the same
 * fields would be the same figure twice: an ambiguous header. */
static int resolve_value_headers(imp *I, prof_reader *R, const sheet_range *m, int nm)
{
	const prof *p = R->p;
	int bad = 0;
	strmap seen;
	strmap_init(&seen);
	for (int c = 0; c < R->ncols && !I->stop; c++) {
		pcol *col = &R->cols[c];
		if (col->role != ROLE_VALUE)
			continue;
		buf key = BUF_INIT;
		for (int y = 0; y < p->n_wide; y++) {
			prof_field f = p->wide[y];
			int at = c + 1 + HDR_SHIFT * (y + 1);
			if (!*col->piece[y]) {
				/* libfreexl gives no merged cells: a merged header
				 * reads as empty cells in an .xls */
				size_t fl = I->file ? strlen(I->file) : 0;
				int xls = fl > 4 && strcasecmp(I->file + fl - 4, ".xls") == 0;
				bad |= imp_error(I, xls ? V(I->en, import_profile_empty_header_cell_xls)
							: V(I->en, import_profile_empty_header_cell),
						 imp_where(I, 0, at), prof_field_name(f)) < 0;
				continue;
			}
			col->code[f] = f == PF_AREA ? col->piece[y] : field_code(I, f, col->piece[y], 0, 0, at);
			bad |= !col->code[f];
			if (f == PF_MONTH && col->code[f])
				col->month = prof_month(col->code[f]);
			buf_printf(&key, "%s|", col->piece[y]);
		}
		int other;
		if (key.len && strmap_get(&seen, key.ptr, &other)) {
			long row = p->header_last;
			const sheet_range *mr = merged_across(m, nm, row, c + 1);
			char a[24];
			sheet_cell_name(a, sizeof a, other + 1, row);
			bad |= imp_error(I, V(I->en, import_profile_ambiguous_header),
					 imp_where(I, 0, c + 1 + HDR_SHIFT * p->n_wide), (int)strcspn(a, "0123456789"), a,
					 col->joined, mr ? V(I->en, import_profile_merged_spans) : "", prof_field_name(p->wide[p->n_wide - 1])) < 0;
		} else if (key.len) {
			strmap_put(&seen, arena_strdup(&I->mem, key.ptr), c);
		}
		buf_release(&key);
	}
	strmap_release(&seen);
	return bad ? LERR_PARSE : 0;
}

/* --------------------------------------------------------- the rows */

/* s without the blanks around it: s itself (or a tail of it) unless it
 * ends in one, else a copy in a. Either lives as long as the row. */
static const char *trimmed(arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s), all = n;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == all ? s : arena_strndup(a, s, n);
}

/* The row's cells, merged ranges in the data filled from their first cell. */
static void load_cells(imp *I, prof_reader *R, const csv_row *r)
{
	for (int c = 0; c < R->ncols; c++) {
		R->cells[c] = trimmed(&R->rowmem, cell_text(r, c));
		R->typed[c] = c < r->n && r->f[c].typed;
	}
	for (int i = 0; i < R->n_merges; i++) {
		const sheet_range *m = &R->merges[i];
		if (r->line == m->row1 && m->col1 <= R->ncols)
			R->merge_value[i] = arena_strdup(&I->mem, R->cells[m->col1 - 1]);
		if (r->line < m->row1 || r->line > m->row2 || !R->merge_value[i])
			continue;
		for (int c = m->col1; c <= m->col2 && c <= R->ncols; c++)
			R->cells[c - 1] = R->merge_value[i];
	}
}

static int row_blank(const prof_reader *R)
{
	for (int c = 0; c < R->ncols; c++)
		if (*R->cells[c])
			return 0;
	return 1;
}

static int ends_table(const prof_reader *R, long line)
{
	const prof *p = R->p;
	for (int i = 0; i < p->n_ends; i++) {
		const prof_end *e = &p->ends[i];
		if ((e->kind == PROF_END_BLANK && ((R->prev_line && line > R->prev_line + 1) || row_blank(R))) ||
		    (e->kind == PROF_END_LABEL && fold_eq(R->cells[R->label_col], e->text)) ||
		    (e->kind == PROF_END_PREFIX && strncasecmp(R->cells[0], e->text, strlen(e->text)) == 0) ||
		    (e->kind == PROF_END_ROW && line > e->row))
			return 1;
	}
	return 0;
}

/* A cell's number for the checks of totals; 0 when it is none. */
static int cell_number(const prof_reader *R, int c, double *v)
{
	const char *s = R->cells[c], *why;
	char *end;
	if (R->typed[c] || R->p->numbers == PROF_NUMBERS_PLAIN) {
		*v = strtod(s, &end);
		return *s && !*end && isfinite(*v);
	}
	num_style st = NUM_STYLE_DUTCH;
	return num_parse_decimal(s, v, &st, &why) == 0;
}

static void parts_add(tparts *l, tpart p)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, sizeof *l->v * (size_t)l->cap);
	}
	l->v[l->n++] = p;
}

/* Keeps a supplier's total with its parts (which it takes over) to store. */
static void keep_total(imp *I, prof_reader *R, long line, int c, int is_row, const char *label, double value, tparts *parts)
{
	if (!R->keep_totals || !parts->n) {
		parts->n = 0;
		return;
	}
	if (R->n_totals == R->cap_totals) {
		R->cap_totals = R->cap_totals ? R->cap_totals * 2 : 16;
		R->totals = xrealloc(R->totals, sizeof *R->totals * (size_t)R->cap_totals);
	}
	R->totals[R->n_totals++] = (stotal){line, c + 1, is_row, arena_strdup(&I->mem, label), value, *parts};
	*parts = (tparts){0};
}

/* A total row: each value column against the sum of its parts above. */
static void check_total_row(imp *I, prof_reader *R, long line)
{
	for (int c = 0; c < R->ncols; c++) {
		pcol *col = &R->cols[c];
		if (col->role != ROLE_VALUE)
			continue;
		double total;
		int checkable = !col->unsummable && cell_number(R, c, &total);
		if (checkable && fabs(total - col->sum) > 1e-6)
			imp_note(I, V(I->en, import_profile_total_row),
				 imp_where(I, line, c + 1), R->cells[R->label_col], total, col->sum, total - col->sum);
		if (checkable)
			keep_total(I, R, line, c, 1, R->cells[R->label_col], total, &col->parts);
		col->parts.n = 0;
		col->sum = 0;
		col->unsummable = 0;
	}
}

/* Total columns: against the sum of the row's value columns. */
static void check_total_columns(imp *I, prof_reader *R, long line)
{
	double sum = 0;
	int ok = 1;
	for (int c = 0; c < R->ncols; c++) {
		double v;
		if (R->cols[c].role == ROLE_VALUE && *R->cells[c])
			ok &= cell_number(R, c, &v) ? (sum += v, 1) : 0;
	}
	for (int c = 0; c < R->ncols && ok; c++) {
		double total;
		if (R->cols[c].role != ROLE_TOTAL || !cell_number(R, c, &total))
			continue;
		if (fabs(total - sum) > 1e-6)
			imp_note(I, V(I->en, import_profile_total_column),
				 imp_where(I, line, c + 1), total, sum, total - sum);
		tparts copy = {0}; /* one row may have several total columns */
		for (int k = 0; k < R->row_parts.n; k++)
			parts_add(&copy, R->row_parts.v[k]);
		keep_total(I, R, line, c, 0, R->cols[c].joined, total, &copy);
		free(copy.v);
	}
	R->row_parts.n = 0;
}

/* The figures column c of this row gave (R->q from `from` on), as parts of
 * the totals that add them up. */
static void note_parts(imp *I, prof_reader *R, int c, int from)
{
	for (int k = from; k < R->nq; k++) {
		const pfig *f = &R->q[k];
		tpart p = {arena_strdup(&I->mem, f->v[S_YEAR]), f->v[S_AREA], f->v[S_ITEM],
			   arena_strdup(&I->mem, f->v[S_EDITION])};
		if (R->p->total_rows.n)
			parts_add(&R->cols[c].parts, p);
		if (R->p->total_columns.n)
			parts_add(&R->row_parts, p);
	}
}

static int is_total_row(const prof_reader *R)
{
	for (int i = 0; i < R->p->total_rows.n; i++)
		if (fold_eq(R->cells[R->label_col], R->p->total_rows.s[i]))
			return 1;
	return 0;
}

static pfig *push(prof_reader *R)
{
	if (R->nq == R->capq) {
		R->capq = R->capq ? R->capq * 2 : 64;
		R->q = xrealloc(R->q, sizeof *R->q * (size_t)R->capq);
	}
	pfig *f = &R->q[R->nq++];
	memset(f, 0, sizeof *f);
	return f;
}

/* Where field f of value column c comes from: its text and cell col. */
static const char *field_source(prof_reader *R, prof_field f, int c, int *col)
{
	const prof *p = R->p;
	if (R->key[f] >= 0) {
		*col = R->key[f] + 1;
		return R->cells[R->key[f]];
	}
	for (int y = 0; y < p->n_wide; y++)
		if (p->wide[y] == f) {
			*col = c + 1 + HDR_SHIFT * (y + 1);
			return R->cols[c].code[f];
		}
	*col = 0;
	return R->fixed_code[f];
}

/* The value cell: missing and hidden markers, numbers. 0: a figure; 1: an
 * empty cell (no figure); <0: an error. */
static int take_value(imp *I, prof_reader *R, int c, long line, pfig *f)
{
	const char *s = R->cells[c];
	f->v[S_VALUE] = s;
	f->v[S_FLAG] = "";
	f->col[S_VALUE] = f->col[S_FLAG] = c + 1;
	if (in_list(&R->p->missing, s) || in_list(&R->p->hidden, s)) {
		f->v[S_FLAG] = in_list(&R->p->missing, s) ? "missing" : "confidential";
		f->v[S_VALUE] = "";
		return 0;
	}
	if (!*s)
		return 1;
	f->typed = R->typed[c];
	if (!f->typed && R->p->numbers == PROF_NUMBERS_PLAIN) {
		char *end;
		double v = strtod(s, &end);
		if (*end || !isfinite(v))
			return imp_error(I, "%s: expected a number (numbers = plain: 1234.5), got '%s'", imp_where(I, line, c + 1), s);
		f->typed = 1;
	}
	return 0;
}

/* A monthly figure: December's kept (the others only show that the key
 * has months), or every month added up for the average at the end. */
static void add_month(imp *I, prof_reader *R, const pfig *f)
{
	char key[512];
	snprintf(key, sizeof key, "%s|%s|%s|%s", f->v[S_YEAR], f->v[S_AREA], f->v[S_ITEM], f->v[S_EDITION]);
	int i;
	if (!strmap_get(&R->month_keys, key, &i)) {
		if (R->n_acc == R->cap_acc) {
			R->cap_acc = R->cap_acc ? R->cap_acc * 2 : 64;
			R->acc = xrealloc(R->acc, sizeof *R->acc * (size_t)R->cap_acc);
		}
		i = R->n_acc++;
		memset(&R->acc[i], 0, sizeof R->acc[i]);
		R->acc[i].f = *f;
		for (int k = 0; k < S_N; k++) /* the row's strings go with the row */
			R->acc[i].f.v[k] = arena_strdup(&I->mem, f->v[k] ? f->v[k] : "");
		strmap_put(&R->month_keys, arena_strdup(&I->mem, key), i);
	}
	month_acc *a = &R->acc[i];
	if (R->p->months == PROF_MONTHS_DECEMBER) {
		if (f->month == 12) {
			a->december = 1;
			*push(R) = *f;
		}
		return;
	}
	double v;
	const char *why;
	num_style st = f->typed ? NUM_STYLE_PLAIN : NUM_STYLE_DUTCH;
	if (strcmp(f->v[S_FLAG], "confidential") == 0)
		a->hidden = 1;
	else if (!*f->v[S_FLAG] && num_parse_decimal(f->v[S_VALUE], &v, &st, &why) == 0)
		a->sum += v, a->n++;
	else if (!*f->v[S_FLAG])
		imp_error(I, "%s: %s, got '%s'", imp_where(I, f->line, f->col[S_VALUE]), why, f->v[S_VALUE]);
}

/* After the table: December missing is an error; averages become figures. */
static void finish_months(imp *I, prof_reader *R)
{
	for (int i = 0; i < R->n_acc; i++) {
		month_acc *a = &R->acc[i];
		if (R->p->months == PROF_MONTHS_DECEMBER) {
			if (!a->december)
				imp_error(I, V(I->en, import_profile_no_december),
					  imp_where(I, a->f.line, a->f.col[S_VALUE]), a->f.v[S_YEAR], a->f.v[S_AREA], a->f.v[S_ITEM]);
			continue;
		}
		pfig *f = push(R);
		*f = a->f;
		f->typed = 1;
		f->v[S_FLAG] = a->hidden ? "confidential" : a->n ? "" : "missing";
		f->v[S_VALUE] = a->hidden || !a->n ? "" : arena_printf(&I->mem, "%.0f", floor(a->sum / a->n + 0.5));
	}
}

/* One figure of the row: the value of column c and its fields. */
static void take_figure(imp *I, prof_reader *R, int c, long line)
{
	pfig tmp = {0};
	int rc = take_value(I, R, c, line, &tmp);
	if (rc) {
		R->empty_cells += rc > 0;
		return;
	}
	int col;
	const char *t = field_source(R, PF_YEAR, c, &col);
	/* a year from the header was checked with the header, once */
	const char *year = !t || !*t ? NULL : col > HDR_SHIFT ? t : field_code(I, PF_YEAR, t, 0, line, col);
	tmp.v[S_YEAR] = year ? year : "";
	tmp.col[S_YEAR] = col;
	t = field_source(R, PF_AREA, c, &col);
	const char *area = !year ? NULL : col == 0 ? t : area_cached(I, t, atoi(year), line, col);
	tmp.v[S_AREA] = area ? area : "";
	tmp.col[S_AREA] = col;
	if (R->context) {
		tmp.v[S_ITEM] = R->fixed_code[PF_INDICATOR];
		tmp.col[S_ITEM] = 0;
	} else {
		t = field_source(R, PF_WORK_FORM, c, &col);
		tmp.v[S_ITEM] = col == 0 || col > HDR_SHIFT ? t : field_code(I, PF_WORK_FORM, t, 0, line, col);
		tmp.col[S_ITEM] = col;
	}
	t = field_source(R, PF_EDITION, c, &col);
	tmp.v[S_EDITION] = t ? t : "";
	tmp.col[S_EDITION] = col;
	tmp.v[S_UNIT] = R->p->unit; /* the profile's, said of the value cell */
	tmp.col[S_UNIT] = c + 1;
	if (!year || !area || !tmp.v[S_ITEM] || !*tmp.v[S_YEAR])
		return; /* said where it failed */
	t = field_source(R, PF_MONTH, c, &col);
	int month_year = 0;
	tmp.month = t ? prof_month_year(t, &month_year) : 0;
	if (t && !tmp.month)
		field_code(I, PF_MONTH, t, 0, line, col); /* says so */
	if (tmp.month && month_year && month_year != atoi(tmp.v[S_YEAR])) {
		/* "dec 2023" under a fixed year 2024: never a month of another
		 * year; said once per header and year */
		char key[300];
		int seen;
		snprintf(key, sizeof key, "month|%s|%s", t, tmp.v[S_YEAR]);
		if (!strmap_get(&R->reported, key, &seen)) {
			strmap_put(&R->reported, arena_strdup(&I->mem, key), 1);
			imp_error(I, V(I->en, import_profile_month_of_another_year), imp_where(I, line, col), t, month_year,
				  tmp.v[S_YEAR]);
		} /* else said: the import fails on the first */
		return;
	}
	tmp.line = line;
	if (tmp.month)
		add_month(I, R, &tmp);
	else
		*push(R) = tmp;
}

static void take_row(imp *I, prof_reader *R, const csv_row *r)
{
	const prof *p = R->p;
	if (r->line < p->data)
		return;
	load_cells(I, R, r);
	if (ends_table(R, r->line)) {
		if (is_total_row(R))
			check_total_row(I, R, r->line);
		R->ended = 1;
		return;
	}
	if (row_blank(R))
		return;
	R->prev_line = r->line;
	if (is_total_row(R)) {
		check_total_row(I, R, r->line);
		return;
	}
	for (int c = 0; c < R->ncols; c++) {
		if (R->cols[c].role != ROLE_VALUE)
			continue;
		double v; /* the parts of the next total row, as the table has them */
		if (!p->total_rows.n || !*R->cells[c])
			; /* no total row to check them against */
		else if (cell_number(R, c, &v))
			R->cols[c].sum += v;
		else
			R->cols[c].unsummable = 1;
		int from = R->nq;
		take_figure(I, R, c, r->line);
		if (R->keep_totals)
			note_parts(I, R, c, from);
	}
	if (p->total_columns.n)
		check_total_columns(I, R, r->line);
}

/* --------------------------------------------------------- rows for the importer */

static const char *const context_names[S_N] = {"year", "area", "indicator", "value", NULL, "edition", "flag"};

/* The row made of figure f (or the header when f is NULL). */
static void make_row(prof_reader *R, const pfig *f)
{
	const char *const *names = R->context ? context_names : out_names;
	int n = 0;
	for (int k = 0; k < S_N; k++) {
		if (!names[k])
			continue;
		csv_field *o = &R->outf[n++];
		memset(o, 0, sizeof *o);
		o->s = f ? (f->v[k] ? f->v[k] : "") : names[k];
		o->len = strlen(o->s);
		o->col = f ? f->col[k] : 0;
		o->line = f ? f->line : 0;
		o->typed = f && k == S_VALUE && f->typed;
	}
	R->out.f = R->outf;
	R->out.n = n;
	R->out.line = f ? f->line : 0;
}

static void preview(imp *I, prof_reader *R)
{
	buf *b = I->opt->preview_out;
	if (!b || R->previewed >= I->opt->preview)
		return;
	const char *const *names = R->context ? context_names : out_names;
	for (int k = 0; k < S_N && R->previewed == 0; k++) /* the header of the long form */
		if (names[k])
			buf_printf(b, "%s%s%s", k ? "," : "", names[k], k == S_N - 1 ? "\n" : "");
	for (int k = 0; k < R->out.n; k++)
		buf_printf(b, "%s%s", k ? "," : "", R->out.f[k].s);
	buf_printf(b, "  # %s\n", imp_where(I, R->out.line, R->out.f[3].col));
	R->previewed++;
}

static int rows_next(imp *I, csv_row **row, lerr *err)
{
	prof_reader *R = I->rows_data;
	if (!R->header_sent) {
		R->header_sent = 1;
		make_row(R, NULL);
		*row = &R->out;
		return 1;
	}
	while (R->iq == R->nq) {
		R->iq = R->nq = 0;
		if (R->ended == 2)
			return 0;
		if (R->ended) {
			R->ended = 2;
			finish_months(I, R);
			continue;
		}
		arena_clear(&R->rowmem);
		csv_row *r = R->pending;
		R->pending = NULL;
		int rc = r ? 1 : R->ops->next(R->t, &r, err);
		if (rc < 0)
			return rc;
		if (rc == 0 || I->stop)
			R->ended = 1;
		else
			take_row(I, R, r);
	}
	make_row(R, &R->q[R->iq++]);
	preview(I, R);
	*row = &R->out;
	return 1;
}

static void rows_after(imp *I)
{
	prof_reader *R = I->rows_data;
	if (R->empty_cells)
		imp_note(I, V(I->en, import_profile_empty_cells),
			 imp_where(I, 0, 0), R->empty_cells);
}

static void rows_describe(imp *I, imp_file_report *fr)
{
	prof_reader *R = I->rows_data;
	R->ops->describe(R->t, fr);
}

static const imp_rows profile_rows = {rows_next, rows_where, rows_after, rows_describe, 1};

/* --------------------------------------------------------- the profile against the model */

/* Fixed values and the codes of the label maps, before any row. */
static int resolve_fixed(imp *I, prof_reader *R)
{
	const prof *p = R->p;
	int bad = 0;
	lerr e;
	for (int i = 0; i < p->n_work_forms; i++)
		if (model_node_index(I->m, p->work_forms[i].code) < 0)
			bad |= prof_error(I, &p->work_forms[i].at, V(I->en, import_profile_form_map_none),
					  p->work_forms[i].label, p->work_forms[i].code) < 0;
	for (int i = 0; i < p->n_areas; i++)
		if (model_area_index(I->m, p->areas[i].code) < 0)
			bad |= prof_error(I, &p->areas[i].at, V(I->en, import_profile_area_map_none), p->areas[i].label,
					  p->areas[i].code) < 0;
	R->context = p->fixed[PF_INDICATOR] && strcmp(p->fixed[PF_INDICATOR], "persons") != 0;
	for (int f = 0; f < PF_N; f++) {
		const char *v = p->fixed[f];
		const prof_pos *at = &p->fixed_at[f];
		if (!v || f == PF_INDICATOR)
			continue;
		if (f == PF_WORK_FORM && !(R->fixed_code[f] = work_form_code(I, v)))
			bad |= prof_error(I, at, V(I->en, import_profile_fixed_form), v) < 0;
		else if (f == PF_AREA) {
			int a = model_area_by_label(I->m, v, p->fixed[PF_YEAR] ? atoi(p->fixed[PF_YEAR]) : 0, I->en, &e);
			if (a < 0)
				bad |= prof_error(I, at, V(I->en, import_profile_fixed_area), e.msg) < 0;
			else
				R->fixed_code[f] = I->m->areas[a].code;
		} else if (f == PF_EDITION && !imp_valid_edition_code(v))
			bad |= prof_error(I, at, V(I->en, import_profile_fixed_edition), v) < 0;
		else if (f != PF_WORK_FORM && f != PF_AREA)
			R->fixed_code[f] = v;
	}
	if (R->context && model_indicator_index(I->m, p->fixed[PF_INDICATOR]) < 0)
		bad |= prof_error(I, &p->fixed_at[PF_INDICATOR], V(I->en, import_profile_fixed_indicator),
				  p->fixed[PF_INDICATOR]) < 0;
	R->fixed_code[PF_INDICATOR] = p->fixed[PF_INDICATOR];
	return bad ? LERR_PARSE : 0;
}

/* Merged ranges that reach into the data, kept to fill their cells. */
static void keep_data_merges(imp *I, prof_reader *R, const sheet_range *m, int nm)
{
	R->merge_value = arena_alloc(&I->mem, sizeof *R->merge_value * (size_t)(nm ? nm : 1));
	for (int i = 0; i < nm && R->n_merges < MAX_DATA_MERGES; i++)
		if (m[i].row1 >= R->p->data) {
			R->merge_value[R->n_merges] = NULL;
			R->merges[R->n_merges++] = m[i];
		}
}

static int prepare(imp *I, prof_reader *R)
{
	const sheet_range *m;
	int nm;
	if (resolve_fixed(I, R) < 0 || read_merges(I, R, &m, &nm) < 0)
		return LERR_PARSE;
	int rows = R->p->header_last - R->p->header_first + 1;
	const char ***hdr = arena_alloc(&I->mem, sizeof *hdr * (size_t)rows);
	for (int y = 0; y < rows; y++) {
		hdr[y] = arena_alloc(&I->mem, sizeof **hdr * SHEET_MAX_COLS);
		memset(hdr[y], 0, sizeof **hdr * SHEET_MAX_COLS);
	}
	if (read_header(I, R, hdr, m, nm) < 0)
		return LERR_PARSE;
	join_header(I, R, hdr);
	if (assign_columns(I, R) < 0)
		return LERR_PARSE;
	if (R->ncols > 0) {
		R->cells = arena_alloc(&I->mem, sizeof *R->cells * (size_t)R->ncols);
		R->typed = arena_alloc(&I->mem, sizeof *R->typed * (size_t)R->ncols);
	}
	keep_data_merges(I, R, m, nm);
	if (R->p->layout == PROF_WIDE && resolve_value_headers(I, R, m, nm) < 0)
		return LERR_PARSE;
	return 0;
}

void imp_profile_file(imp *I, const char *path)
{
	prof_reader R;
	memset(&R, 0, sizeof R);
	R.p = I->opt->profile;
	R.ops = sheet_is_spreadsheet(path) ? imp_sheet_table : &csv_table;
	I->file = path;
	if (!R.ops) {
		imp_error(I, V(I->en, import_profile_needs_full),
			  path);
		return;
	}
	lerr e;
	if (!(R.t = R.ops->open(path, R.p->sheet, R.p->sheet_number, I->en, &e))) {
		imp_error(I, "%s", e.msg);
		return;
	}
	arena_init(&R.rowmem);
	strmap_init(&R.reported);
	strmap_init(&R.areas);
	strmap_init(&R.month_keys);
	I->rows_data = &R;
	I->rows = &profile_rows; /* errors name cells from here on */
	int failed_before = I->failed;
	int ok = prepare(I, &R) == 0 && I->failed == failed_before;
	R.keep_totals = !R.context && R.p->months == PROF_MONTHS_NONE && (R.p->total_rows.n || R.p->total_columns.n);
	if (ok && imp_import_rows(I, NULL, &profile_rows, path) == 0 && R.n_totals)
		imp_save_supplier_totals(I, R.totals, R.n_totals);
	I->rows = NULL;
	I->rows_data = NULL;
	R.ops->close(R.t);
	free(R.q);
	free(R.acc);
	for (int c = 0; c < R.ncols && R.cols; c++)
		free(R.cols[c].parts.v);
	for (int i = 0; i < R.n_totals; i++)
		free(R.totals[i].parts.v);
	free(R.totals);
	free(R.row_parts.v);
	strmap_release(&R.reported);
	strmap_release(&R.areas);
	strmap_release(&R.month_keys);
	arena_release(&R.rowmem);
}
