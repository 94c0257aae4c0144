/* fmt_pivot.c - a table of your own as people and machines read it: the
 * pivoted table with its caption (the page, the spreadsheets), JSON in long
 * form and JSON-stat 2.0 (pivot.h). */
#include "pivot.h"
#include "export.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int dim_size(const pvt_spec *sp, enum pvt_dim d)
{
	const int n[PVT_N_DIMS] = {sp->n_areas, sp->n_years, sp->n_nodes, sp->n_measures};
	return n[d];
}

/* The label of value i of dimension d, for people. */
static const char *dim_label(const pvt_cube *c, enum pvt_dim d, int i, arena *mem)
{
	const pvt_spec *sp = c->sp;
	int en = sp->english;
	switch (d) {
	case PVT_AREA:
		return rnd_area_label(c->m, sp->areas[i], en, 0, mem);
	case PVT_YEAR:
		return arena_printf(mem, "%d", sp->years[i]);
	case PVT_FORM:
		return model_node_name(&c->m->nodes[sp->nodes[i]], en);
	default:
		return pvt_measure_name((enum pvt_measure)sp->measures[i], en);
	}
}

static enum rnd_kind measure_kind(int measure)
{
	static const enum rnd_kind kinds[PVT_N_MEASURES] = {CELL_COUNT, CELL_PERCENT, CELL_SIGNED_COUNT, CELL_SIGNED_PERCENT};
	return kinds[measure];
}

/* "editie 2018", or the edition of each year when they differ. */
static void editions_said(buf *b, const pvt_cube *c)
{
	const pvt_spec *sp = c->sp;
	int same = 1;
	for (int i = 1; i < sp->n_years; i++)
		same &= strcmp(c->edition[i], c->edition[0]) == 0;
	buf_printf(b, "%s ", V(sp->english, page_edition_2));
	for (int i = 0; i < sp->n_years && *c->edition[0]; i++) {
		if (same) {
			buf_adds(b, c->edition[0]);
			break;
		}
		buf_printf(b, "%s%d: %s", i ? ", " : "", sp->years[i], *c->edition[i] ? c->edition[i] : "-");
	}
}

/* "gebied" for "Gebied" inside a sentence (the names start in ASCII). */
static char *lower_first(const char *s, arena *mem)
{
	char *t = arena_strdup(mem, s);
	if (*t >= 'A' && *t <= 'Z')
		*t = (char)(*t - 'A' + 'a');
	return t;
}

char *pvt_caption(const pvt_cube *c)
{
	const pvt_spec *sp = c->sp;
	int en = sp->english;
	arena tmp;
	arena_init(&tmp);
	buf b = BUF_INIT;
	buf_adds(&b, sp->n_measures == 1 ? pvt_measure_name((enum pvt_measure)sp->measures[0], en) : V(en, table_figures));
	static const enum pvt_dim order[] = {PVT_AREA, PVT_FORM, PVT_YEAR};
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
		if (dim_size(sp, order[k]) == 1 && order[k] != sp->rows && order[k] != sp->cols)
			buf_printf(&b, ", %s", dim_label(c, order[k], 0, &tmp));
	buf_adds(&b, " (");
	editions_said(&b, c);
	buf_adds(&b, "); ");
	char *rows = lower_first(pvt_dim_name(sp->rows, en), &tmp), *cols = lower_first(pvt_dim_name(sp->cols, en), &tmp);
	buf_printf(&b, V(en, table_by_rows_and_cols), rows, cols);
	arena_release(&tmp);
	char *s = xstrdup(buf_cstr(&b));
	buf_release(&b);
	return s;
}

/* The dimensions down the rows: the chosen one, then every other that has
 * several values and is not in the columns. */
static int row_dims(const pvt_spec *sp, enum pvt_dim *out)
{
	int n = 0;
	out[n++] = sp->rows;
	for (int d = 0; d < PVT_N_DIMS; d++)
		if ((enum pvt_dim)d != sp->rows && (enum pvt_dim)d != sp->cols && dim_size(sp, (enum pvt_dim)d) > 1)
			out[n++] = (enum pvt_dim)d;
	return n;
}

static void table_columns(rnd_table *t, const pvt_cube *c, const enum pvt_dim *rd, int nr)
{
	const pvt_spec *sp = c->sp;
	int nc = dim_size(sp, sp->cols);
	rnd_column *cols = arena_alloc(&t->mem, sizeof *cols * (size_t)(nr + nc));
	for (int k = 0; k < nr; k++) {
		const char *l = pvt_dim_name(rd[k], sp->english);
		cols[k] = (rnd_column){pvt_dim_code(rd[k]), l, l};
	}
	for (int j = 0; j < nc; j++) {
		const char *l = dim_label(c, sp->cols, j, &t->mem);
		cols[nr + j] = (rnd_column){l, l, l};
	}
	t->cols = cols;
	t->n_cols = nr + nc;
}

rnd_table *pvt_table(const pvt_cube *c)
{
	const pvt_spec *sp = c->sp;
	enum pvt_dim rd[PVT_N_DIMS];
	int nr = row_dims(sp, rd), nc = dim_size(sp, sp->cols);
	rnd_table *t = rnd_table_new(NULL, 0);
	table_columns(t, c, rd, nr);
	char *caption = pvt_caption(c);
	t->title = arena_strdup(&t->mem, caption);
	free(caption);
	int n_rows = 1;
	for (int k = 0; k < nr; k++)
		n_rows *= dim_size(sp, rd[k]);
	for (int r = 0; r < n_rows; r++) {
		int at[PVT_N_DIMS] = {0}, rest = r;
		for (int k = nr - 1; k >= 0; k--) { /* the last row dimension varies fastest */
			at[rd[k]] = rest % dim_size(sp, rd[k]);
			rest /= dim_size(sp, rd[k]);
		}
		rnd_cell *row = rnd_table_row(t);
		for (int k = 0; k < nr; k++)
			rnd_set_text(t, row, k, dim_label(c, rd[k], at[rd[k]], &t->mem));
		for (int j = 0; j < nc; j++) {
			at[sp->cols] = j;
			rnd_set_value(row, nr + j, measure_kind(sp->measures[at[PVT_MEASURE]]),
				      pvt_get(c, at[PVT_MEASURE], at[PVT_YEAR], at[PVT_AREA], at[PVT_FORM]));
		}
	}
	return t;
}

/* ------------------------------------------------------------------ JSON */

static void json_value(buf *out, calc_value v)
{
	if (rnd_value_shown(v))
		rnd_plain(out, v.v);
	else
		buf_adds(out, "null");
}

static void json_editions(buf *out, const pvt_cube *c)
{
	buf_adds(out, "{");
	for (int i = 0; i < c->sp->n_years; i++) {
		buf_printf(out, "%s\"%d\": ", i ? ", " : "", c->sp->years[i]);
		if (*c->edition[i])
			rnd_json_string(out, c->edition[i]);
		else
			buf_adds(out, "null");
	}
	buf_adds(out, "}");
}

static void json_cell(buf *out, const pvt_cube *c, int mi, int yi, int ai, int ni)
{
	const pvt_spec *sp = c->sp;
	calc_value v = pvt_get(c, mi, yi, ai, ni);
	buf_adds(out, "{\"area\": ");
	rnd_json_string(out, c->m->areas[sp->areas[ai]].code);
	buf_printf(out, ", \"year\": %d, \"work_form\": ", sp->years[yi]);
	rnd_json_string(out, c->m->nodes[sp->nodes[ni]].code);
	buf_printf(out, ", \"measure\": \"%s\", \"value\": ", pvt_measure_code((enum pvt_measure)sp->measures[mi]));
	json_value(out, v);
	/* an unknown value has no flag to tell, a hidden one says so */
	const char *flag = v.known || (v.flags & CALC_CONFIDENTIAL) ? rnd_flag_word(v.flags) : "";
	buf_adds(out, ", \"flag\": ");
	if (*flag)
		rnd_json_string(out, flag);
	else
		buf_adds(out, "null");
	buf_adds(out, "}");
}

/* The query string and the caption as JSON strings. */
static void json_query(buf *out, const pvt_cube *c)
{
	buf q = BUF_INIT;
	pvt_query_string(&q, c->m, c->sp);
	rnd_json_string(out, buf_cstr(&q));
	buf_release(&q);
}

static void json_caption(buf *out, const pvt_cube *c)
{
	char *caption = pvt_caption(c);
	rnd_json_string(out, caption);
	free(caption);
}

void pvt_json(buf *out, const pvt_cube *c)
{
	const pvt_spec *sp = c->sp;
	buf_adds(out, "{\"query\": ");
	json_query(out, c);
	buf_adds(out, ", \"caption\": ");
	json_caption(out, c);
	buf_printf(out, ", \"rows\": \"%s\", \"cols\": \"%s\", \"editions\": ", pvt_dim_code(sp->rows),
		   pvt_dim_code(sp->cols));
	json_editions(out, c);
	buf_adds(out, ", \"cells\": [");
	int n = 0;
	for (int mi = 0; mi < sp->n_measures; mi++)
		for (int yi = 0; yi < sp->n_years; yi++)
			for (int ai = 0; ai < sp->n_areas; ai++)
				for (int ni = 0; ni < sp->n_nodes; ni++) {
					buf_adds(out, n++ ? ",\n  " : "\n  ");
					json_cell(out, c, mi, yi, ai, ni);
				}
	buf_adds(out, "\n]}\n");
}

/* ------------------------------------------------------------- JSON-stat */

static void jsonstat_dimension(buf *out, const pvt_cube *c, enum pvt_dim d, const char *id, arena *mem)
{
	const pvt_spec *sp = c->sp;
	int n = dim_size(sp, d);
	const char **ids = arena_alloc(mem, sizeof *ids * (size_t)(n + 1)), **labels = arena_alloc(mem, sizeof *labels * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		labels[i] = dim_label(c, d, i, mem);
		ids[i] = d == PVT_AREA	   ? c->m->areas[sp->areas[i]].code
			 : d == PVT_FORM   ? c->m->nodes[sp->nodes[i]].code
			 : d == PVT_MEASURE ? pvt_measure_code((enum pvt_measure)sp->measures[i])
					    : labels[i];
	}
	buf_printf(out, "\"%s\": {\"label\": ", id);
	rnd_json_string(out, pvt_dim_name(d, sp->english));
	buf_adds(out, ", \"category\": ");
	exp_jsonstat_category(out, ids, labels, n);
	if (d == PVT_AREA || d == PVT_FORM) { /* the tree, as the open data's JSON-stat has it */
		int total = d == PVT_AREA ? c->m->n_areas : c->m->n_nodes;
		int *pos = arena_alloc(mem, sizeof *pos * (size_t)(total + 1));
		for (int i = 0; i < total; i++)
			pos[i] = -1;
		for (int i = 0; i < n; i++)
			pos[d == PVT_AREA ? sp->areas[i] : sp->nodes[i]] = i;
		exp_jsonstat_child(out, c->m, d == PVT_AREA, pos);
	}
	if (d == PVT_MEASURE) { /* a metric has a unit per category */
		buf_adds(out, ", \"unit\": {");
		for (int i = 0; i < n; i++) {
			int pct = sp->measures[i] == PVT_SHARE || sp->measures[i] == PVT_CHANGE_PCT;
			buf_printf(out, "%s\"%s\": {\"label\": \"%s\", \"decimals\": %d}", i ? ", " : "", ids[i],
				   pct ? "%" : V(sp->english, report_persons), pct ? 1 : 0);
		}
		buf_adds(out, "}");
	}
	buf_adds(out, "}}");
}

static void jsonstat_values(buf *out, const pvt_cube *c)
{
	const pvt_spec *sp = c->sp;
	size_t total = (size_t)sp->n_measures * (size_t)sp->n_years * (size_t)sp->n_areas * (size_t)sp->n_nodes;
	buf_adds(out, "\"value\": [");
	for (size_t k = 0; k < total; k++) {
		buf_adds(out, k ? (k % 16 ? "," : ",\n") : "\n");
		json_value(out, c->v[k]);
	}
	buf_adds(out, "\n],\n\"status\": {");
	int first = 1;
	for (size_t k = 0; k < total; k++) {
		const char *sym = rnd_flag_symbol(c->v[k].flags);
		if (!*sym)
			continue;
		buf_printf(out, "%s\"%zu\": \"%s\"", first ? "" : ", ", k, sym);
		first = 0;
	}
	buf_adds(out, "}");
}

void pvt_jsonstat(buf *out, const pvt_cube *c)
{
	const pvt_spec *sp = c->sp;
	arena mem;
	arena_init(&mem);
	buf_adds(out, "{\n\"version\": \"2.0\",\n\"class\": \"dataset\",\n\"label\": ");
	json_caption(out, c);
	buf_printf(out, ",\n\"source\": \"ladder\",\n\"id\": [\"measure\", \"year\", \"area\", \"work_form\"],\n"
			"\"size\": [%d, %d, %d, %d],\n",
		   sp->n_measures, sp->n_years, sp->n_areas, sp->n_nodes);
	buf_adds(out, "\"role\": {\"time\": [\"year\"], \"geo\": [\"area\"], \"metric\": [\"measure\"]},\n\"dimension\": {\n");
	jsonstat_dimension(out, c, PVT_MEASURE, "measure", &mem);
	buf_adds(out, ",\n");
	jsonstat_dimension(out, c, PVT_YEAR, "year", &mem);
	buf_adds(out, ",\n");
	jsonstat_dimension(out, c, PVT_AREA, "area", &mem);
	buf_adds(out, ",\n");
	jsonstat_dimension(out, c, PVT_FORM, "work_form", &mem);
	buf_adds(out, "\n},\n");
	jsonstat_values(out, c);
	buf_adds(out, ",\n\"note\": [");
	rnd_json_string(out, V(sp->english, export_persons_null_no_figure_or_a));
	buf_adds(out, "],\n\"extension\": {\"editions\": ");
	json_editions(out, c);
	buf_adds(out, ", \"query\": ");
	json_query(out, c);
	buf_adds(out, "}\n}\n");
	arena_release(&mem);
}
