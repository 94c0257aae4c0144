/* fmt_data.c - machine formats: CSV and JSON, plain numbers, null/empty for
 * unknown. The ladder JSON is a contract (see docs/json-contract.md): keys may
 * be added, never renamed or removed. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ CSV */

static void csv_cell(buf *out, const rnd_cell *c)
{
	if (c->kind == CELL_NULL || c->kind == CELL_EMPTY || (c->flags & CALC_CONFIDENTIAL))
		return;
	if (c->kind == CELL_TEXT)
		rnd_csv_field(out, c->text);
	else
		rnd_plain(out, c->num);
}

static int any_flags(const rnd_table *t, int col)
{
	for (int r = 0; r < t->n_rows; r++)
		if (t->cells[(size_t)r * (size_t)t->n_cols + (size_t)col].flags)
			return 1;
	return 0;
}

static void csv_table(buf *out, const rnd_table *t, const rnd_opts *o)
{
	(void)o;
	/* which columns get a flag column, found once: asking per cell made a
	 * table of n rows cost n * n (27 s for 64 600 check findings) */
	unsigned char *flagged = xcalloc(t->n_cols ? (size_t)t->n_cols : 1, 1);
	for (int c = 0; c < t->n_cols; c++) {
		flagged[c] = (unsigned char)any_flags(t, c);
		buf_printf(out, "%s%s", c ? "," : "", t->cols[c].key);
		if (flagged[c])
			buf_printf(out, ",%s_flag", t->cols[c].key);
	}
	buf_addc(out, '\n');
	for (int r = 0; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_cols; c++) {
			const rnd_cell *cell = &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c];
			if (c)
				buf_addc(out, ',');
			csv_cell(out, cell);
			if (flagged[c])
				buf_printf(out, ",%s", rnd_flag_word(cell->flags));
		}
		buf_addc(out, '\n');
	}
	free(flagged);
}

static void csv_metric(buf *out, const char *metric, int rung, const char *code, calc_value v)
{
	buf_printf(out, "%s,", metric);
	if (rung)
		buf_printf(out, "%d", rung);
	buf_addc(out, ',');
	rnd_csv_field(out, code ? code : "");
	buf_addc(out, ',');
	if (rnd_value_shown(v))
		rnd_plain(out, v.v);
	buf_printf(out, ",%s\n", rnd_flag_word(v.flags));
}

static void csv_ladder(buf *out, const calc_ladder *l, const rnd_opts *o)
{
	(void)o;
	const model_area *a = &l->m->areas[l->area];
	buf_adds(out, "area,year,edition,metric,rung,work_form,value,flag\n");
	buf pre = BUF_INIT;
	buf_printf(&pre, "%s,%d,", a->code, l->year);
	rnd_csv_field(&pre, l->edition_code);
	buf_addc(&pre, ',');
#define ROW(metric, rung, code, v)                         \
	do {                                               \
		buf_adds(out, pre.ptr);                    \
		csv_metric(out, metric, rung, code, v);    \
	} while (0)
	ROW("total", 0, "totaal", l->total);
	for (int r = 5; r >= 3; r--) {
		ROW("rung_persons", r, NULL, l->rung[r]);
		ROW("rung_share", r, NULL, l->rung_share[r]);
		ROW("rung_share_of_flemish_total", r, NULL, l->rung_share_of_flemish[r]);
	}
	ROW("collective", 5, "trede5.collectief", l->collective);
	ROW("collective_share", 5, "trede5.collectief", l->collective_share);
	ROW("individual", 5, "trede5.individueel", l->individual);
	ROW("individual_share", 5, "trede5.individueel", l->individual_share);
	ROW("wage_employees", 0, NULL, l->wage_employees);
	ROW("rung5_share_of_wage_employees", 5, NULL, l->rung5_share_of_wage);
	ROW("rung_persons", 6, NULL, l->rung[6]);
	ROW("rung6_share_of_wage_employees", 6, NULL, l->rung_share[6]);
	ROW("share_of_wage_employment", 0, NULL, l->share_of_wage_employment);
	ROW("flemish_total", 0, NULL, l->flanders_total);
	ROW("share_of_flemish_total", 0, NULL, l->share_of_flemish_total);
	ROW("previous_total", 0, NULL, l->prev_total);
	ROW("change_abs", 0, NULL, l->change_abs);
	ROW("change_pct", 0, NULL, l->change_pct);
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *n = &l->m->nodes[f->node];
		ROW(f->not_specified ? "not_specified" : n->kind == KIND_SUBCATEGORY ? "subcategory_persons" : "work_form_persons",
		    n->rung, n->code, f->persons);
	}
#undef ROW
	buf_release(&pre);
}

/* ------------------------------------------------------------------ JSON */

static void json_cell(buf *out, const rnd_cell *c)
{
	if (c->kind == CELL_NULL || c->kind == CELL_EMPTY || (c->flags & CALC_CONFIDENTIAL))
		buf_adds(out, "null");
	else if (c->kind == CELL_TEXT)
		rnd_json_string(out, c->text);
	else
		rnd_plain(out, c->num);
}

static void json_table(buf *out, const rnd_table *t, const rnd_opts *o)
{
	(void)o;
	buf_adds(out, "[");
	for (int r = 0; r < t->n_rows; r++) {
		buf_adds(out, r ? ",\n {" : "\n {");
		for (int c = 0; c < t->n_cols; c++) {
			const rnd_cell *cell = &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c];
			if (c)
				buf_adds(out, ", ");
			rnd_json_string(out, t->cols[c].key);
			buf_adds(out, ": ");
			json_cell(out, cell);
		}
		buf_adds(out, "}");
	}
	buf_adds(out, t->n_rows ? "\n]\n" : "]\n");
}

static void jnum(buf *out, calc_value v)
{
	if (rnd_value_shown(v))
		rnd_plain(out, v.v);
	else
		buf_adds(out, "null");
}

static void jkey(buf *out, const char *key, calc_value v)
{
	buf_printf(out, ",\n  \"%s\": ", key);
	jnum(out, v);
}

static void jflags(buf *out, unsigned f)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{CALC_ESTIMATED, "estimated"}, {CALC_SYNTHETIC, "synthetic"}, {CALC_CONFIDENTIAL, "confidential"},
		{CALC_MISSING, "missing"}, {CALC_ROLLED_UP, "rolled_up"}, {CALC_RECOMPUTED, "recomputed"},
	};
	buf_adds(out, "[");
	int n = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (f & names[i].bit)
			buf_printf(out, "%s\"%s\"", n++ ? ", " : "", names[i].name);
	buf_adds(out, "]");
}

static void json_ladder(buf *out, const calc_ladder *l, const rnd_opts *o)
{
	const model *m = l->m;
	const model_area *a = &m->areas[l->area];
	int en = o->english;
	buf_adds(out, "{\n  \"area\": {\"code\": ");
	rnd_json_string(out, a->code);
	buf_adds(out, ", \"name\": ");
	rnd_json_string(out, model_area_name(a, en));
	buf_printf(out, ", \"level\": \"%s\"}", model_level_name(a->level, 1));
	buf_printf(out, ",\n  \"year\": %d,\n  \"edition\": ", l->year);
	if (l->edition)
		rnd_json_string(out, l->edition_code);
	else
		buf_adds(out, "null");
	jkey(out, "total", l->total);
	buf_adds(out, ",\n  \"total_flags\": ");
	jflags(out, l->total.flags);
	buf_adds(out, ",\n  \"rungs\": [");
	for (int r = 5, first = 1; r >= 3; r--, first = 0) {
		buf_printf(out, "%s\n    {\"rung\": %d, \"name\": ", first ? "" : ",", r);
		rnd_json_string(out, en ? m->rungs[r].name_en : m->rungs[r].name_nl);
		buf_adds(out, ", \"persons\": ");
		jnum(out, l->rung[r]);
		buf_adds(out, ", \"share\": ");
		jnum(out, l->rung_share[r]);
		buf_adds(out, ", \"share_of_flemish_total\": ");
		jnum(out, l->rung_share_of_flemish[r]);
		buf_adds(out, ", \"flags\": ");
		jflags(out, l->rung[r].flags);
		buf_adds(out, "}");
	}
	buf_adds(out, "\n  ],\n  \"work_forms\": [");
	int nf = 0;
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *n = &m->nodes[f->node];
		if (f->not_specified || n->kind != KIND_FORM)
			continue;
		buf_adds(out, nf++ ? ",\n    {\"code\": " : "\n    {\"code\": ");
		rnd_json_string(out, n->code);
		buf_adds(out, ", \"name\": ");
		rnd_json_string(out, model_node_name(n, en));
		buf_printf(out, ", \"rung\": %d, \"subcategory\": ", n->rung);
		if (*n->subcategory)
			rnd_json_string(out, n->subcategory);
		else
			buf_adds(out, "null");
		buf_adds(out, ", \"persons\": ");
		jnum(out, f->persons);
		buf_printf(out, ", \"unit\": \"%s\", \"flags\": ", model_form_unit_code(n->unit));
		jflags(out, f->persons.flags);
		buf_adds(out, "}");
	}
	buf_adds(out, nf ? "\n  ],\n  \"not_specified\": [" : "],\n  \"not_specified\": [");
	int ns = 0;
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		if (!f->not_specified)
			continue;
		const model_node *n = &m->nodes[f->node];
		buf_printf(out, "%s\n    {\"total\": ", ns++ ? "," : "");
		rnd_json_string(out, n->code);
		buf_printf(out, ", \"rung\": %d, \"persons\": ", n->rung);
		jnum(out, f->persons);
		buf_adds(out, ", \"flags\": ");
		jflags(out, f->persons.flags);
		buf_adds(out, "}");
	}
	buf_adds(out, ns ? "\n  ]" : "]");
	jkey(out, "collective", l->collective);
	jkey(out, "collective_share", l->collective_share);
	jkey(out, "individual", l->individual);
	jkey(out, "individual_share", l->individual_share);
	jkey(out, "wage_employees", l->wage_employees);
	jkey(out, "rung5_share_of_wage_employees", l->rung5_share_of_wage);
	jkey(out, "rung6", l->rung[6]);
	jkey(out, "rung6_share", l->rung_share[6]);
	jkey(out, "share_of_wage_employment", l->share_of_wage_employment);
	jkey(out, "flemish_total", l->flanders_total);
	jkey(out, "share_of_flemish_total", l->share_of_flemish_total);
	jkey(out, "previous_total", l->prev_total);
	jkey(out, "change_abs", l->change_abs);
	jkey(out, "change_pct", l->change_pct);
	buf_adds(out, ",\n  \"flags\": ");
	jflags(out, l->flags);
	buf_printf(out, ",\n  \"protected\": %s", l->unprotected ? "false" : "true");
	buf_adds(out, ",\n  \"notes\": [");
	for (int i = 0; i < l->n_notes; i++) {
		buf_adds(out, i ? ",\n    " : "\n    ");
		buf note = BUF_INIT;
		rnd_ladder_note(&note, l, &l->notes[i], en);
		rnd_json_string(out, buf_cstr(&note));
		buf_release(&note);
	}
	buf_adds(out, l->n_notes ? "\n  ]\n}\n" : "]\n}\n");
}

const rnd_backend rnd_csv_backend = {"csv", csv_table, csv_ladder};
const rnd_backend rnd_json_backend = {"json", json_table, json_ladder};
