/* export_xlsx.c - the Excel annex (libxlsxwriter): an overview sheet, a sheet
 * per rung (work form x area x year), the context figures, and sources and
 * notes. Numbers are stored as numbers with display formats (the reader's
 * Dutch locale shows 56.721); each year has a "teken" column beside it with
 * the flag symbol, so flags survive filters and copies; headers are frozen
 * and filtered; column widths follow the content. */
#define _DEFAULT_SOURCE /* timegm */
#include "export.h"
#include "../base/vocab.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

typedef struct xl {
	lxw_workbook *wb;
	lxw_format *title, *bold, *head, *count, *dec, *flag, *text, *muted;
	const model *m;
	const exp_data *d;
	int en;
	double *width; /* per column of the current sheet */
	int n_width;
	lerr *err; /* a store that fails fails the annex (failed) */
	int failed;
} xl;


static size_t u8len(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void fit(xl *x, int col, double chars)
{
	if (col >= x->n_width) {
		x->width = xrealloc(x->width, sizeof *x->width * (size_t)(col + 1));
		for (int i = x->n_width; i <= col; i++)
			x->width[i] = 4;
		x->n_width = col + 1;
	}
	if (chars > x->width[col])
		x->width[col] = chars;
}

static void str(xl *x, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s ? s : "", f);
	if (f != x->title && f != x->muted)
		fit(x, col, (double)u8len(s) * (f == x->head || f == x->bold ? 1.15 : 1.0));
}

static void widths(xl *x, lxw_worksheet *ws)
{
	for (int c = 0; c < x->n_width; c++) {
		double w = x->width[c] + 2;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w > 60 ? 60 : w, NULL);
	}
	free(x->width);
	x->width = NULL;
	x->n_width = 0;
}

static const char *level(xl *x, int a)
{
	return model_level_name(x->m->areas[a].level, x->en);
}

/* Areas in publication order: Flanders, provinces, arrondissements, region
 * groupings, municipalities (each by code); the level column filters. */
static int area_order(const model *m, int *out)
{
	static const enum model_level order[] = {LEVEL_REGION, LEVEL_PROVINCE, LEVEL_ARRONDISSEMENT, LEVEL_GROUPING, LEVEL_MUNICIPALITY};
	int n = 0;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		int start = n;
		for (int i = 0; i < m->n_areas; i++)
			if (m->areas[i].level == order[k])
				out[n++] = i;
		for (int i = start + 1; i < n; i++)
			for (int j = i; j > start && strcmp(m->areas[out[j]].code, m->areas[out[j - 1]].code) < 0; j--) {
				int t = out[j];
				out[j] = out[j - 1];
				out[j - 1] = t;
			}
	}
	return n;
}

static void sheet_head(xl *x, lxw_worksheet *ws, const char *title, int first_cols, const char *const *heads)
{
	const exp_data *d = x->d;
	worksheet_write_string(ws, 0, 0, title, x->title);
	buf b = BUF_INIT;
	buf_adds(&b, V(x->en, annex_edition_per_year));
	/* which edition each year comes from */
	for (int i = 0; i < d->n_years; i++) {
		const char *ed = "";
		for (int r = 0; r < d->n_rows; r++)
			if (d->rows[r].year == d->years[i]) {
				ed = d->edition_codes[d->rows[r].edition];
				break;
			}
		buf_printf(&b, "%s%d: %s", i ? ", " : "", d->years[i], ed);
	}
	buf_adds(&b, V(x->en, annex_symbols_e_estimated_s_synthetic_x));
	worksheet_write_string(ws, 1, 0, b.ptr, x->muted);
	buf_release(&b);
	for (int c = 0; c < first_cols; c++)
		str(x, ws, 3, c, heads[c], x->head);
	for (int i = 0; i < d->n_years; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", d->years[i]);
		str(x, ws, 3, first_cols + 2 * i, y, x->head);
		str(x, ws, 3, first_cols + 2 * i + 1, V(x->en, annex_symbol), x->head);
		fit(x, first_cols + 2 * i, 9);
	}
}

static void value_cells(xl *x, lxw_worksheet *ws, int row, int col, const exp_row *r, lxw_format *numfmt)
{
	if (!r) {
		str(x, ws, row, col + 1, ".", x->flag);
		return;
	}
	if (r->has_value)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, r->v, numfmt);
	const char *sym = rnd_flag_symbol(r->flags);
	if (*sym)
		str(x, ws, row, col + 1, sym, x->flag);
}

/* Rows of exp_data by (area, node, year index), for lookups. */
typedef struct grid_idx {
	int na, nn, ny;
	int *at;
} grid_idx;

static grid_idx index_rows(const exp_data *d)
{
	grid_idx g = {d->m->n_areas, d->m->n_nodes, d->n_years, NULL};
	size_t n = (size_t)g.na * (size_t)g.nn * (size_t)(g.ny ? g.ny : 1);
	g.at = xmalloc(sizeof *g.at * n);
	for (size_t k = 0; k < n; k++)
		g.at[k] = -1;
	for (int i = 0; i < d->n_rows; i++) {
		int yi = 0;
		while (d->years[yi] != d->rows[i].year)
			yi++;
		g.at[((size_t)d->rows[i].area * (size_t)g.nn + (size_t)d->rows[i].node) * (size_t)g.ny + (size_t)yi] = i;
	}
	return g;
}

static const exp_row *find(const exp_data *d, const grid_idx *g, int a, int n, int yi)
{
	int i = g->at[((size_t)a * (size_t)g->nn + (size_t)n) * (size_t)g->ny + (size_t)yi];
	return i < 0 ? NULL : &d->rows[i];
}

static int has_any(const grid_idx *g, int a, int n)
{
	for (int yi = 0; yi < g->ny; yi++)
		if (g->at[((size_t)a * (size_t)g->nn + (size_t)n) * (size_t)g->ny + (size_t)yi] >= 0)
			return 1;
	return 0;
}

/* A sheet of nodes x areas x years. */
static void figures_sheet(xl *x, const char *name, const char *title, const int *nodes, int nn, const grid_idx *g,
			  const int *areas, int na)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	const char *heads[] = {V(x->en, annex_code), V(x->en, annex_area), V(x->en, annex_level), V(x->en, annex_work_form_code),
			       V(x->en, annex_work_form)};
	sheet_head(x, ws, title, 5, heads);
	int row = 4;
	for (int ai = 0; ai < na; ai++) {
		int a = areas[ai], any = 0;
		for (int k = 0; k < nn && !any; k++)
			any = has_any(g, a, nodes[k]);
		if (!any && a != x->m->flanders)
			continue;
		for (int k = 0; k < nn; k++) {
			const model_node *n = &x->m->nodes[nodes[k]];
			str(x, ws, row, 0, x->m->areas[a].code, x->text);
			str(x, ws, row, 1, model_area_name(&x->m->areas[a], x->en), x->text);
			str(x, ws, row, 2, level(x, a), x->text);
			str(x, ws, row, 3, n->code, x->text);
			str(x, ws, row, 4, model_node_name(n, x->en), n->kind == KIND_FORM ? x->text : x->bold);
			for (int yi = 0; yi < g->ny; yi++)
				value_cells(x, ws, row, 5 + 2 * yi, find(x->d, g, a, nodes[k], yi), x->count);
			row++;
		}
	}
	if (row == 4)
		str(x, ws, 4, 0, V(x->en, annex_no_figures), x->text);
	worksheet_freeze_panes(ws, 4, 5);
	worksheet_autofilter(ws, 3, 0, (lxw_row_t)(row > 4 ? row - 1 : 4), (lxw_col_t)(4 + 2 * g->ny));
	widths(x, ws);
}

typedef struct context_rows {
	xl *x;
	lxw_worksheet *ws;
	const int *years;
	int ny;
	int row, area, indicator; /* model indexes */
	int wrote;                /* the row's heading cells */
} context_rows;

static void context_cell(void *p, int y, int known, double value, const char *flag)
{
	context_rows *cr = p;
	xl *x = cr->x;
	const model *m = x->m;
	lxw_worksheet *ws = cr->ws;
	int row = cr->row, a = cr->area, ii = cr->indicator;
	if (!cr->wrote) {
		str(x, ws, row, 0, m->areas[a].code, x->text);
		str(x, ws, row, 1, model_area_name(&m->areas[a], x->en), x->text);
		str(x, ws, row, 2, level(x, a), x->text);
		str(x, ws, row, 3, m->indicators[ii].code, x->text);
		str(x, ws, row, 4, x->en ? m->indicators[ii].name_en : m->indicators[ii].name_nl, x->text);
		str(x, ws, row, 5, model_unit_name(m->indicators[ii].unit), x->text);
		cr->wrote = 1;
	}
	int yi = 0;
	while (yi < cr->ny && cr->years[yi] != y)
		yi++;
	int conf = !strcmp(flag, "confidential");
	if (known && !conf)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(6 + 2 * yi), value,
				       m->indicators[ii].unit == UNIT_PERSONS ? x->count : x->dec);
	unsigned fl = !strcmp(flag, "estimated") ? CALC_ESTIMATED : !strcmp(flag, "synthetic") ? CALC_SYNTHETIC
						  : conf ? CALC_CONFIDENTIAL : !strcmp(flag, "missing") ? CALC_MISSING : 0;
	if (*rnd_flag_symbol(fl))
		str(x, ws, row, 7 + 2 * yi, rnd_flag_symbol(fl), x->flag);
}

static void context_sheet(xl *x, store *s, int year_from, int year_to, const int *areas, int na)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, V(x->en, annex_context));
	const model *m = x->m;
	worksheet_write_string(ws, 0, 0, V(x->en, annex_labour_market_context_figures), x->title);
	worksheet_write_string(ws, 1, 0, V(x->en, annex_per_year_the_latest_edition_holding),
			       x->muted);
	/* the years present */
	int *years, ny;
	if (store_context_years(s, year_from, year_to, &years, &ny, x->err) < 0)
		x->failed = 1;
	const char *heads[] = {V(x->en, annex_code), V(x->en, annex_area), V(x->en, annex_level), V(x->en, annex_indicator_code),
			       V(x->en, annex_indicator), V(x->en, annex_unit)};
	for (int c = 0; c < 6; c++)
		str(x, ws, 3, c, heads[c], x->head);
	for (int i = 0; i < ny; i++) {
		char y[16];
		snprintf(y, sizeof y, "%d", years[i]);
		str(x, ws, 3, 6 + 2 * i, y, x->head);
		str(x, ws, 3, 7 + 2 * i, V(x->en, annex_symbol), x->head);
		fit(x, 6 + 2 * i, 10);
	}
	context_rows cr = {x, ws, years, ny, 4, 0, 0, 0};
	for (int ai = 0; ai < na && !x->failed; ai++) {
		for (int ii = 0; ii < m->n_indicators && !x->failed; ii++) {
			cr.area = areas[ai];
			cr.indicator = ii;
			cr.wrote = 0;
			if (store_context_series(s, m->areas[areas[ai]].id, m->indicators[ii].id, year_from, year_to, context_cell,
						 &cr, x->err) < 0)
				x->failed = 1;
			if (cr.wrote)
				cr.row++;
		}
	}
	free(years);
	int row = cr.row;
	if (row == 4)
		str(x, ws, 4, 0, V(x->en, annex_no_context_figures), x->text);
	worksheet_freeze_panes(ws, 4, 6);
	worksheet_autofilter(ws, 3, 0, (lxw_row_t)(row > 4 ? row - 1 : 4), (lxw_col_t)(5 + 2 * ny));
	widths(x, ws);
}

typedef struct batch_rows {
	xl *x;
	lxw_worksheet *ws;
	int row;
} batch_rows;

static void batch_row(void *p, const store_batch *b)
{
	batch_rows *br = p;
	xl *x = br->x;
	lxw_row_t row = (lxw_row_t)br->row++;
	worksheet_write_string(br->ws, row, 0, b->file, x->text);
	worksheet_write_string(br->ws, row, 1, b->sha256, x->text);
	worksheet_write_string(br->ws, row, 2, b->kind, x->text);
	worksheet_write_number(br->ws, row, 3, (double)b->rows, x->count);
	worksheet_write_string(br->ws, row, 4, b->imported_at, x->text);
}

/* The editions the annex reads, with what their title pages say. */
static void editions_rows(xl *x, store *s, lxw_worksheet *ws, int *row)
{
	worksheet_write_string(ws, (lxw_row_t)(*row)++, 0, V(x->en, report_editions), x->bold);
	for (int i = 0; i < x->d->n_editions; i++) {
		store_edition_meta meta;
		int found;
		if (store_edition_meta_get(s, x->d->edition_codes[i], &meta, &found, x->err) < 0) {
			x->failed = 1;
			return;
		}
		buf about = BUF_INIT;
		rnd_edition_about(&about, &meta, x->en);
		str(x, ws, *row, 0, x->d->edition_codes[i], x->text);
		worksheet_write_string(ws, (lxw_row_t)(*row)++, 1, about.ptr ? about.ptr : "", x->text);
		buf_release(&about);
	}
	(*row)++;
}

static void sources_sheet(xl *x, store *s)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, V(x->en, annex_sources_and_notes));
	const model *m = x->m;
	worksheet_write_string(ws, 0, 0, V(x->en, annex_sources_and_notes), x->title);
	const char *heads[] = {V(x->en, annex_code), V(x->en, annex_work_form), V(x->en, report_rung_2), V(x->en, annex_subcategory),
			       V(x->en, annex_source), V(x->en, annex_counting_rule), V(x->en, annex_valid_from), V(x->en, annex_valid_to),
			       V(x->en, annex_successors), V(x->en, annex_note), V(x->en, col_unit), V(x->en, col_programme),
			       V(x->en, col_transition)};
	for (int c = 0; c < 13; c++)
		str(x, ws, 2, c, heads[c], x->head);
	int row = 3;
	for (int i = 0; i < m->n_nodes; i++) {
		const model_node *n = &m->nodes[i];
		if (n->kind != KIND_FORM)
			continue;
		str(x, ws, row, 0, n->code, x->text);
		str(x, ws, row, 1, model_node_name(n, x->en), x->text);
		worksheet_write_number(ws, (lxw_row_t)row, 2, n->rung, NULL);
		str(x, ws, row, 3, n->subcategory, x->text);
		str(x, ws, row, 4, n->source, x->text);
		str(x, ws, row, 5, n->counting_rule, x->text);
		str(x, ws, row, 6, n->valid_from, x->text);
		str(x, ws, row, 7, n->valid_to, x->text);
		str(x, ws, row, 8, n->successors, x->text);
		str(x, ws, row, 9, n->note, x->text);
		str(x, ws, row, 10, rnd_form_unit_name(n->unit, x->en), x->text);
		str(x, ws, row, 11, n->programme, x->text);
		str(x, ws, row, 12, n->transition, x->text);
		row++;
	}
	worksheet_autofilter(ws, 2, 0, (lxw_row_t)(row - 1), 12);
	worksheet_freeze_panes(ws, 3, 2);
	row += 2;
	worksheet_write_string(ws, (lxw_row_t)row++, 0, V(x->en, annex_symbols), x->bold);
	static const char *const legend[][3] = {
		{"e", "geschat: afgeleid uit gepubliceerde aandelen", "estimated: derived from published shares"},
		{"s", "synthetisch: een verzonnen verdeling, geen waarneming", "synthetic: an invented split, not an observation"},
		{"x", "vertrouwelijk: niet gepubliceerd (de cel blijft leeg)", "confidential: not published (the cell stays empty)"},
		{".", "onbekend (nooit als 0 geteld)", "unknown (never counted as 0)"},
	};
	for (int i = 0; i < 4; i++) {
		str(x, ws, row, 0, legend[i][0], x->text);
		worksheet_write_string(ws, (lxw_row_t)row++, 1, legend[i][x->en ? 2 : 1], x->text);
	}
	row++;
	worksheet_write_string(ws, (lxw_row_t)row++, 0,
			       V(x->en, annex_a_figure_an_area_did_not_report),
			       x->text);
	row++;
	editions_rows(x, s, ws, &row);
	worksheet_write_string(ws, (lxw_row_t)row++, 0, V(x->en, annex_imported_files), x->bold);
	const char *bh[] = {V(x->en, annex_file), "SHA-256", V(x->en, annex_kind), V(x->en, annex_rows), V(x->en, annex_imported_at)};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c, bh[c], x->head);
	row++;
	batch_rows br = {x, ws, row};
	if (store_batches(s, batch_row, &br, x->err) < 0)
		x->failed = 1;
	widths(x, ws);
}

/* The formats every sheet uses. */
static void formats(xl *x)
{
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	x->muted = workbook_add_format(x->wb);
	format_set_font_color(x->muted, 0x595959);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	format_set_bg_color(x->head, 0xFDF3E4);
	x->count = workbook_add_format(x->wb);
	format_set_num_format(x->count, "#,##0");
	x->dec = workbook_add_format(x->wb);
	format_set_num_format(x->dec, "#,##0.0");
	x->flag = workbook_add_format(x->wb);
	format_set_align(x->flag, LXW_ALIGN_CENTER);
	format_set_font_color(x->flag, 0x595959);
	x->text = NULL;
}

/* A cell of a table for people: text as text, counts and percentages as
 * numbers, a hidden value as its symbol. */
static void table_cell(xl *x, lxw_worksheet *ws, int row, int col, const rnd_cell *c)
{
	if (c->kind == CELL_TEXT)
		str(x, ws, row, col, c->text, x->text);
	else if (c->kind == CELL_NULL)
		str(x, ws, row, col, (c->flags & CALC_CONFIDENTIAL) ? "x" : ".", x->flag);
	else if (c->kind != CELL_EMPTY)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, c->num,
				       c->kind == CELL_COUNT || c->kind == CELL_SIGNED_COUNT ? x->count : x->dec);
}

/* A table's header on row 3 and its rows below, filtered and frozen; 0
 * when it has no rows. With marks, each column of numbers has the flag
 * symbols of its values (e, s) in a column of its own beside it, as the
 * CSV for a spreadsheet has them (fmt_sheet.c) and the annex's sheets. */
static int table_rows(xl *x, lxw_worksheet *ws, const rnd_table *t, int marks)
{
	int *at = xmalloc(sizeof *at * (size_t)(t->n_cols + 1)), n = 0;
	for (int c = 0; c < t->n_cols; c++) {
		int numeric = marks && rnd_column_numeric(t, c);
		at[c] = n;
		str(x, ws, 3, n++, x->en ? t->cols[c].label_en : t->cols[c].label_nl, x->head);
		if (numeric)
			str(x, ws, 3, n++, V(x->en, annex_symbol), x->head);
	}
	for (int r = 0; r < t->n_rows; r++)
		for (int c = 0; c < t->n_cols; c++) {
			const rnd_cell *cell = &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c];
			table_cell(x, ws, 4 + r, at[c], cell);
			const char *sym = cell->kind == CELL_NULL ? "" : rnd_flag_symbol(cell->flags);
			if (marks && rnd_column_numeric(t, c) && *sym)
				str(x, ws, 4 + r, at[c] + 1, sym, x->flag);
		}
	free(at);
	worksheet_freeze_panes(ws, 4, 1);
	if (!t->n_rows)
		return 0;
	worksheet_autofilter(ws, 3, 0, (lxw_row_t)(3 + t->n_rows), (lxw_col_t)(n - 1));
	return 1;
}

/* What changed from the previous edition to the latest the annex reads (a
 * sheet only when there is a previous one). */
static void changes_sheet(xl *x, store *s)
{
	store_edition_ref *eds;
	int n;
	if (store_editions(s, &eds, &n, x->err) < 0) { /* latest first */
		x->failed = 1;
		return;
	}
	char latest[64] = "", prev[64] = "";
	for (int i = 0; i < n && !*latest; i++)
		for (int k = 0; k < x->d->n_editions; k++)
			if (strcmp(eds[i].code, x->d->edition_codes[k]) == 0)
				snprintf(latest, sizeof latest, "%s", eds[i].code);
	free(eds);
	if (*latest && ediff_previous(s, latest, prev, x->err) < 0) {
		x->failed = 1;
		return;
	}
	if (!*prev)
		return;
	ediff *d = ediff_new(s, x->m, prev, latest, x->err);
	if (!d) {
		x->failed = 1;
		return;
	}
	rnd_opts o = {RND_TABLE, x->en, 0};
	rnd_table *t = rnd_ediff_table(d, &o);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, V(x->en, annex_changes_sheet));
	worksheet_write_string(ws, 0, 0, V(x->en, report_changes), x->title);
	worksheet_write_string(ws, 1, 0, t->title, x->muted);
	if (!table_rows(x, ws, t, 0))
		worksheet_write_string(ws, 4, 0, V(x->en, ediff_nothing), x->text);
	widths(x, ws);
	rnd_table_free(t);
	ediff_free(d);
}

int exp_xlsx(store *s, const model *m, int year_from, int year_to, int english, const char *path, lerr *err)
{
	exp_slice sl = {0};
	sl.year_from = year_from;
	sl.year_to = year_to;
	sl.english = english;
	exp_data *d = exp_collect(s, m, &sl, err);
	if (!d)
		return LERR_DB;
	if (exp_add_rung6(s, d, err) < 0) {
		exp_free(d);
		return LERR_DB;
	}
	xl xx = {0}, *x = &xx;
	x->m = m;
	x->d = d;
	x->en = english;
	x->err = err;
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	x->wb = workbook_new_opt(path, &wo);
	if (!x->wb) {
		exp_free(d);
		return lerr_set(err, LERR_IO, "%s: cannot create the workbook", path);
	}
	/* same data, same bytes: the creation time is the data's, not the clock's */
	lxw_doc_properties props = {0};
	props.title = V(english, annex_participation_ladder_annex);
	props.author = "ladder";
	if (*d->updated) {
		struct tm tm = {0};
		if (sscanf(d->updated, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			props.created = timegm(&tm);
		}
	}
	if (!props.created)
		props.created = 946684800; /* 2000-01-01 */
	workbook_set_properties(x->wb, &props);
	formats(x);

	int *areas = xmalloc(sizeof *areas * (size_t)(m->n_areas + 1));
	int na = area_order(m, areas);
	grid_idx g = index_rows(d);
	/* overview: the headline and the rung totals */
	{
		int nodes[5], nn = 0;
		nodes[nn++] = m->headline;
		for (int r = 5; r >= 3; r--)
			if (m->rung_node[r] >= 0)
				nodes[nn++] = m->rung_node[r];
		if (m->rung_node[6] >= 0)
			nodes[nn++] = m->rung_node[6];
		figures_sheet(x, V(x->en, annex_overview),
			      V(x->en, annex_employment_and_participation_of),
			      nodes, nn, &g, areas, na);
	}
	for (int r = 3; r <= 6; r++) {
		if (m->rung_node[r] < 0)
			continue;
		int *nodes = xmalloc(sizeof *nodes * (size_t)(m->n_nodes + 1)), nn = 0;
		nodes[nn++] = m->rung_node[r];
		for (int i = 0; i < m->n_nodes; i++) {
			if (m->nodes[i].rung != r || i == m->rung_node[r])
				continue;
			int any = 0;
			for (int a = 0; a < m->n_areas && !any; a++)
				any = has_any(&g, a, i);
			if (any)
				nodes[nn++] = i;
		}
		char name[32], *title = xasprintf(V(x->en, annex_rung_work_forms_by_area_and_year),
						  r, english ? m->rungs[r].name_en : m->rungs[r].name_nl);
		snprintf(name, sizeof name, V(english, annex_rung), r);
		figures_sheet(x, name, title, nodes, nn, &g, areas, na);
		free(title);
		free(nodes);
	}
	context_sheet(x, s, year_from ? year_from : 0, year_to ? year_to : 9999, areas, na);
	changes_sheet(x, s);
	sources_sheet(x, s);
	free(g.at);
	free(areas);
	lxw_error rc = workbook_close(x->wb);
	exp_free(d);
	if (x->failed)
		return LERR_DB;
	if (rc != LXW_NO_ERROR)
		return lerr_set(err, LERR_IO, "%s: cannot write the workbook: %s", path, lxw_strerror(rc));
	return 0;
}

int exp_xlsx_table(const rnd_table *t, const char *legend, int english, const char *path, lerr *err)
{
	xl xx = {0}, *x = &xx;
	x->en = english;
	x->err = err;
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	if (!(x->wb = workbook_new_opt(path, &wo)))
		return lerr_set(err, LERR_IO, "%s: cannot create the workbook", path);
	lxw_doc_properties props = {0};
	char *title = xstrdup(t->title ? t->title : ""); /* the library takes char * */
	props.title = title;
	props.author = "ladder";
	props.created = 946684800; /* same table, same bytes: not the clock's time */
	workbook_set_properties(x->wb, &props);
	formats(x);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, V(english, table_sheet_name));
	worksheet_write_string(ws, 0, 0, t->title ? t->title : "", x->title);
	if (legend)
		worksheet_write_string(ws, 1, 0, legend, x->muted);
	table_rows(x, ws, t, 1);
	widths(x, ws);
	lxw_error rc = workbook_close(x->wb);
	free(title);
	if (rc != LXW_NO_ERROR)
		return lerr_set(err, LERR_IO, "%s: cannot write the workbook: %s", path, lxw_strerror(rc));
	return 0;
}
