/* report.c - building the publication document of one area and year from
 * the store (see report.h). Wording follows the presentation the project
 * started from ("Activering van kansengroepen"). The blocks and the values
 * in text that every section uses (report_build.h), the key figures, rungs,
 * sub-areas and map here; the labour-market context in report_context.c,
 * the checks and the sources in report_sources.c. */
#include "report_build.h"
#include "../base/vocab.h"
#include "../base/num.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the blocks */

rpt_doc *rpt_doc_new(const model *m, int english, int year)
{
	rpt_doc *d = xcalloc(1, sizeof *d);
	arena_init(&d->mem);
	d->m = m;
	d->english = english;
	d->year = year;
	return d;
}

rpt_block *rpt_add(rpt_doc *d, enum rpt_kind k)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->blocks = xrealloc(d->blocks, sizeof *d->blocks * (size_t)d->cap);
	}
	rpt_block *x = &d->blocks[d->n++];
	memset(x, 0, sizeof *x);
	x->kind = k;
	return x;
}

static rpt_block *block(rpt_bld *b, enum rpt_kind k)
{
	return rpt_add(b->d, k);
}

static const char *dup(rpt_bld *b, const char *s)
{
	return arena_strdup(&b->d->mem, s ? s : "");
}

void rb_heading(rpt_bld *b, int level, const char *text, const char *anchor)
{
	rpt_block *x = block(b, RPT_HEADING);
	x->level = level;
	x->text = dup(b, text);
	x->anchor = dup(b, anchor);
}

void rb_para(rpt_bld *b, enum rpt_kind k, const char *fmt, ...) LADDER_PRINTF(3, 4);
void rb_para(rpt_bld *b, enum rpt_kind k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf t = BUF_INIT;
	char tmp[4096];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_adds(&t, tmp);
	rpt_block *x = block(b, k);
	x->text = dup(b, t.ptr);
	buf_release(&t);
}

void rb_list_add(rpt_bld *b, rb_list *l, const char *item, const char *sub)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, sizeof *l->items * (size_t)l->cap);
		l->subs = xrealloc(l->subs, sizeof *l->subs * (size_t)l->cap);
	}
	l->items[l->n] = dup(b, item);
	l->subs[l->n] = sub ? dup(b, sub) : NULL;
	l->n++;
}

void rb_list_emit(rpt_bld *b, rb_list *l, enum rpt_kind k)
{
	rpt_block *x = block(b, k);
	x->n_items = l->n;
	x->items = arena_alloc(&b->d->mem, sizeof *x->items * (size_t)(l->n ? l->n : 1));
	x->subs = arena_alloc(&b->d->mem, sizeof *x->subs * (size_t)(l->n ? l->n : 1));
	for (int i = 0; i < l->n; i++) {
		x->items[i] = l->items[i];
		x->subs[i] = l->subs[i];
	}
	free(l->items);
	free(l->subs);
	memset(l, 0, sizeof *l);
}

void rb_add_table(rpt_bld *b, rnd_table *t, const char *caption)
{
	rpt_block *x = block(b, RPT_TABLE);
	x->table = t;
	x->caption = caption ? dup(b, caption) : NULL;
}

void rb_add_chart(rpt_bld *b, chart *c)
{
	rpt_block *x = block(b, RPT_CHART);
	x->ch = c;
	b->n_charts++;
}

const char *rb_chart_id(rpt_bld *b)
{
	return arena_printf(&b->d->mem, "fig%d", b->n_charts + 1);
}

/* ---------------------------------------------------------- values, text */

static calc_value mk(double v, int known, unsigned flags)
{
	calc_value x = {v, known, flags};
	return x;
}

static calc_value ratio(calc_value a, calc_value c)
{
	calc_value r = {0, 0, a.flags | c.flags};
	if (a.known && c.known && c.v != 0) {
		r.v = a.v / c.v * 100;
		r.known = 1;
	}
	return r;
}

/* A value for running text; remembers the flags for the footnotes. */
const char *rb_v(rpt_bld *b, calc_value x, int pct)
{
	buf t = BUF_INIT;
	chart_fmt(&t, x, pct, b->en);
	b->used |= x.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED | CALC_CONFIDENTIAL);
	const char *s = dup(b, t.ptr);
	buf_release(&t);
	return s;
}

/* A formatted known value with its estimated/synthetic symbol, kept in the
 * document's memory; releases t. */
static const char *with_flag_symbol(rpt_bld *b, calc_value x, buf *t)
{
	const char *sym = rnd_flag_symbol(x.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED));
	if (*sym)
		buf_printf(t, " %s", sym);
	b->used |= x.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED);
	const char *s = dup(b, t->ptr);
	buf_release(t);
	return s;
}

/* A difference of percentages in percentage points: "1,6" (the unit is in
 * the sentence, "nog 1,6 procentpunt", never "1,6 % procentpunt"). */
const char *rb_points(rpt_bld *b, calc_value x)
{
	if (!x.known || (x.flags & CALC_CONFIDENTIAL))
		return rb_v(b, x, 0);
	buf t = BUF_INIT;
	num_fmt_decimal(&t, x.v, 1, b->en);
	return with_flag_symbol(b, x, &t);
}

static const char *signed_pct(rpt_bld *b, calc_value x)
{
	if (!x.known || (x.flags & CALC_CONFIDENTIAL))
		return rb_v(b, x, 1);
	buf t = BUF_INIT;
	rnd_signed_percent(&t, x.v, b->en);
	return with_flag_symbol(b, x, &t);
}

/* A table cell; a confidential value becomes the symbol alone. */
static void cell(rpt_bld *b, rnd_cell *row, int col, enum rnd_kind kind, calc_value x)
{
	b->used |= x.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED | CALC_CONFIDENTIAL);
	rnd_set_value(row, col, kind, x);
}

/* Unknown and not hidden: a figure no sentence may quote (it would print ".") */
int rb_unknown(calc_value x)
{
	return !x.known && !(x.flags & CALC_CONFIDENTIAL);
}

const char *rb_area_name(rpt_bld *b, int a)
{
	return model_area_name(&b->m->areas[a], b->en);
}

static const char *rung_name(rpt_bld *b, int r)
{
	return b->en ? b->m->rungs[r].name_en : b->m->rungs[r].name_nl;
}

int rb_node(rpt_bld *b, const char *code)
{
	return model_node_index(b->m, code);
}

static calc_value at(calc_grid *g, int area, int n)
{
	return n < 0 ? mk(0, 0, 0) : calc_grid_get(g, area, n);
}

/* A year of a series in a chart's text alternative: a year without a
 * figure is left out (a reader hears no "."), a hidden one says "x". */
void rb_desc_point(rpt_bld *b, buf *desc, int year, calc_value x, int percent)
{
	if (x.known || (x.flags & CALC_CONFIDENTIAL))
		buf_printf(desc, " %d %s;", year, rb_v(b, x, percent));
}

/* ------------------------------------------------------------------ years */

static int load_years(rpt_bld *b, lerr *err)
{
	if (store_years(b->s, "figure", b->l->edition_code, &b->years, &b->ny, err) < 0)
		return LERR_DB;
	b->yg = xcalloc((size_t)(b->ny ? b->ny : 1), sizeof *b->yg);
	for (int i = 0; i < b->ny; i++) {
		b->yg[i] = calc_grid_load_protected(b->s, b->m, b->l->edition, b->years[i], err);
		if (!b->yg[i])
			return LERR_DB;
	}
	return 0;
}

/* Years up to the report's year that hold any figure for the area. */
static int series_years(rpt_bld *b, int area, int *out)
{
	int n = 0;
	for (int i = 0; i < b->ny; i++) {
		if (b->years[i] > b->d->year)
			continue;
		calc_value t = at(b->yg[i], area, b->m->headline);
		if (t.known || (t.flags & CALC_CONFIDENTIAL))
			out[n++] = i;
	}
	return n;
}

/* -------------------------------------------------------------- sections */

static void key_figures(rpt_bld *b)
{
	calc_ladder *l = b->l;
	rb_heading(b, 1, V(b->en, report_key_figures), "kerncijfers");
	rb_para(b, RPT_PARA,
	     V(b->en, report_employment_and_participation_of),
	     b->d->area_name, b->d->year);
	if (l->total.known || (l->total.flags & CALC_CONFIDENTIAL)) {
		b->d->cover_big = arena_printf(&b->d->mem, "%s %s", rb_v(b, l->total, 0), V(b->en, report_persons));
		b->d->cover_sub = dup(b, V(b->en, report_from_disadvantaged_groups_in_work_or));
	} else {
		b->d->cover_big = dup(b, V(b->en, report_no_figures));
		b->d->cover_sub = arena_printf(&b->d->mem, V(b->en, report_the_database_has_no_figures_of_rungs),
					       b->d->area_name, b->d->year);
	}
	rb_list k = {0};
	rb_list_add(b, &k, rb_v(b, l->total, 0),
		 V(b->en, report_persons_from_disadvantaged_groups));
	static const char *const card_nl[] = {"", "", "", "personen in arbeidsmatige activiteiten – trede 3",
					      "personen in tijdelijke activerende trajecten – trede 4", "werknemers met ondersteuning – trede 5"};
	static const char *const card_en[] = {"", "", "", "persons in work-like activities – rung 3",
					      "persons in temporary activating trajectories – rung 4", "employees with support – rung 5"};
	/* the presentation's own words for the bullets */
	static const char *const what_nl[] = {"", "", "", "personen in vrijwilligersstatuut", "personen in (tijdelijke) opleiding en stage",
					      "werknemers"};
	static const char *const what_en[] = {"", "", "", "persons with volunteer status", "persons in (temporary) training and work placements",
					      "employees"};
	for (int r = 5; r >= 3; r--) {
		char *sub = xasprintf("%s (%s)", b->en ? card_en[r] : card_nl[r], rb_v(b, l->rung_share[r], 1));
		rb_list_add(b, &k, rb_v(b, l->rung[r], 0), sub);
		free(sub);
	}
	rb_list_emit(b, &k, RPT_KEYFIGS);

	rb_list bl = {0};
	char *s;
	s = xasprintf(V(b->en, report_persons_from_disadvantaged_groups_2), rb_v(b, l->total, 0));
	rb_list_add(b, &bl, s, NULL);
	free(s);
	for (int r = 5; r >= 3; r--) {
		/* "44.672 werknemers (78,8 %) – TREDE 5" */
		s = xasprintf("%s %s (%s) – %s %d", rb_v(b, l->rung[r], 0), b->en ? what_en[r] : what_nl[r], rb_v(b, l->rung_share[r], 1),
			      V(b->en, report_rung), r);
		rb_list_add(b, &bl, s, NULL);
		free(s);
	}
	if (l->change_pct.known || l->change_abs.known) {
		buf t = BUF_INIT;
		buf_printf(&t, V(b->en, report_on), signed_pct(b, l->change_pct), b->d->year - 1);
		if (b->fl && b->fl->change_pct.known && b->fl->area != l->area)
			buf_printf(&t, V(b->en, report_in_flanders), signed_pct(b, b->fl->change_pct));
		rb_list_add(b, &bl, t.ptr, NULL);
		buf_release(&t);
	}
	if (b->fl && b->fl->area != l->area && l->share_of_flemish_total.known) {
		calc_value wage_share = ratio(l->wage_employees, b->fl->wage_employees);
		if (rb_unknown(wage_share))
			s = xasprintf(V(b->en, report_flemish_share_only), rb_v(b, l->share_of_flemish_total, 1));
		else
			s = xasprintf(V(b->en, report_of_the_flemish_total_of_employment),
				      rb_v(b, l->share_of_flemish_total, 1), b->d->area_name, rb_v(b, wage_share, 1));
		rb_list_add(b, &bl, s, NULL);
		free(s);
	}
	if (l->share_of_wage_employment.known) {
		buf t = BUF_INIT;
		buf_printf(&t, V(b->en, report_equivalent_of_of_wage_employment),
			   rb_v(b, l->share_of_wage_employment, 1));
		if (b->fl && b->fl->area != l->area && b->fl->share_of_wage_employment.known)
			buf_printf(&t, V(b->en, report_in_flanders), rb_v(b, b->fl->share_of_wage_employment, 1));
		rb_list_add(b, &bl, t.ptr, NULL);
		buf_release(&t);
	}
	rb_list_emit(b, &bl, RPT_BULLETS);
	if (!l->edition)
		rb_para(b, RPT_NOTE, V(b->en, report_there_are_no_figures_for_in_the),
		     b->d->year);
}

static void ladder_section(rpt_bld *b)
{
	calc_ladder *l = b->l;
	rb_heading(b, 1, V(b->en, report_the_participation_ladder), "ladder");
	rb_para(b, RPT_PARA,
	     V(b->en, report_the_participation_ladder_orders_the));
	chart_ladder_in in = {0};
	in.area_name = b->d->area_name;
	in.year = b->d->year;
	for (int r = 1; r <= 6; r++)
		in.rung_name[r] = rung_name(b, r);
	for (int r = 3; r <= 6; r++) {
		in.count[r] = l->rung[r];
		in.share[r] = l->rung_share[r];
	}
	in.total = l->total;
	in.total_share_of_wage = l->share_of_wage_employment;
	in.rung5_share_of_wage = l->rung5_share_of_wage;
	in.english = b->en;
	chart *c = chart_ladder(rb_chart_id(b), &in);
	for (int r = 3; r <= 6; r++)
		b->used |= (l->rung[r].flags | l->rung_share[r].flags) & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_CONFIDENTIAL);
	rb_add_chart(b, c);
	rnd_table *t = rnd_ladder_summary(l, b->en);
	/* the summary table prints counts itself: blank confidential ones */
	for (int r = 0; r < t->n_rows; r++)
		for (int col = 1; col < t->n_cols; col++) {
			rnd_cell *x = &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)col];
			if (x->flags & CALC_CONFIDENTIAL)
				x->kind = CELL_NULL;
			b->used |= x->flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_CONFIDENTIAL);
		}
	rb_add_table(b, t, V(b->en, report_the_ladder_in_figures));

	/* evolution: the headline and each rung over the years of this edition */
	int *idx = xmalloc(sizeof *idx * (size_t)(b->ny ? b->ny : 1));
	int n = series_years(b, b->area, idx);
	rb_heading(b, 2, V(b->en, report_evolution), "evolutie");
	if (n > 0) {
		int *years = xmalloc(sizeof *years * (size_t)n);
		calc_value *vals = xmalloc(sizeof *vals * (size_t)n * 4);
		chart_series ser[4];
		static const char *const names_nl[] = {"Totaal (treden 3-5)", "Trede 5", "Trede 4", "Trede 3"};
		static const char *const names_en[] = {"Total (rungs 3-5)", "Rung 5", "Rung 4", "Rung 3"};
		const int nodes[] = {b->m->headline, b->m->rung_node[5], b->m->rung_node[4], b->m->rung_node[3]};
		for (int s = 0; s < 4; s++) {
			for (int k = 0; k < n; k++)
				vals[s * n + k] = at(b->yg[idx[k]], b->area, nodes[s]);
			ser[s] = (chart_series){b->en ? names_en[s] : names_nl[s], &vals[s * n], 0, NULL, model_map_label_year(b->m)};
		}
		for (int k = 0; k < n * 4; k++)
			b->used |= vals[k].flags & CALC_RECOMPUTED;
		for (int k = 0; k < n; k++)
			years[k] = b->years[idx[k]];
		char *title = xasprintf(V(b->en, report_employment_and_participation_over),
					b->d->area_name, years[0], years[n - 1]);
		buf desc = BUF_INIT;
		for (int s = 0; s < 4; s++) {
			buf_printf(&desc, "%s:", ser[s].name);
			for (int k = 0; k < n; k++)
				rb_desc_point(b, &desc, years[k], vals[s * n + k], 0);
			buf_addc(&desc, ' ');
		}
		/* a line needs two years: one year is in the table above, and the
		 * note below says why there is no line */
		if (n > 1)
			rb_add_chart(b, chart_lines(rb_chart_id(b), title, desc.ptr, years, n, ser, 4, 0, b->en));
		buf_release(&desc);
		free(title);
		if (n < 3)
			rb_para(b, RPT_NOTE,
			     V(b->en, report_for_this_edition_holds_only_year_s),
			     b->d->area_name, n);
		free(years);
		free(vals);
	} else {
		rb_para(b, RPT_PARA, V(b->en, report_no_figures_over_several_years));
	}
	free(idx);
}

static const char *rung_text(int r, int en)
{
	switch (r) {
	case 6:
		return V(en, report_a_job_without_personal_support_wage);
	case 5:
		return V(en, report_a_paid_job_employment_contract_from);
	case 4:
		return V(en, report_a_temporary_activating_rung_for);
	default:
		return V(en, report_work_like_activities_without_an);
	}
}

static const rnd_column forms_cols[] = {
	{"work_form", VOCAB_PAIR(annex_work_form)},
	{"persons", VOCAB_PAIR(page_persons)},
	{"share", VOCAB_PAIR(col_share_of_the_rung)},
};

static void rung_section(rpt_bld *b, int r)
{
	calc_ladder *l = b->l;
	const model *m = b->m;
	char *h = xasprintf("%s %d – %s", V(b->en, report_rung_2), r, rung_name(b, r));
	char *anchor = xasprintf("trede%d", r);
	rb_heading(b, 1, h, anchor);
	rb_para(b, RPT_PARA, "%s", rung_text(r, b->en));
	/* a sentence never quotes an unknown figure as ".": it says what is
	 * missing instead (a hidden one is "x", as everywhere) */
	if (r == 6 && rb_unknown(l->wage_employees)) {
		rb_para(b, RPT_PARA, V(b->en, report_rung6_no_wage_employees), b->d->area_name);
	} else if (r == 6 && rb_unknown(l->rung[6])) {
		rb_para(b, RPT_PARA, V(b->en, report_rung6_no_rung5), rb_v(b, l->wage_employees, 0), b->d->area_name);
	} else if (r == 6) {
		rb_para(b, RPT_PARA,
		     V(b->en, report_wage_employees_in_rung_6_paid_work),
		     rb_v(b, l->wage_employees, 0), b->d->area_name, rb_v(b, l->rung[6], 0), rb_v(b, l->rung_share[6], 1),
		     rb_v(b, l->rung5_share_of_wage, 1));
	} else if (rb_unknown(l->rung[r])) {
		rb_para(b, RPT_PARA, V(b->en, report_rung_no_figures), r, b->d->area_name);
	} else if (rb_unknown(l->rung_share[r])) {
		rb_para(b, RPT_PARA, V(b->en, report_persons_in), rb_v(b, l->rung[r], 0), b->d->area_name);
	} else {
		buf t = BUF_INIT;
		buf_printf(&t, V(b->en, report_persons_in_of_the_total_of_rungs_3_5),
			   rb_v(b, l->rung[r], 0), b->d->area_name, rb_v(b, l->rung_share[r], 1));
		if (l->rung_share_of_flemish[r].known && b->fl && b->fl->area != l->area)
			buf_printf(&t, V(b->en, report_of_the_flemish_total), rb_v(b, l->rung_share_of_flemish[r], 1));
		if (r == 5 && l->rung5_share_of_wage.known)
			buf_printf(&t, V(b->en, report_of_all_wage_employees), rb_v(b, l->rung5_share_of_wage, 1));
		buf_adds(&t, ").");
		if (r == 5 && l->collective.known && l->individual.known && l->collective_share.v > 0) {
			int one_in = (int)lround(100.0 / l->collective_share.v);
			buf_printf(&t,
				   V(b->en, report_one_in_through_collective_employment),
				   one_in, rb_v(b, l->collective, 0), rb_v(b, l->collective_share, 1), rb_v(b, l->individual_share, 1),
				   rb_v(b, l->individual, 0));
		}
		rb_para(b, RPT_PARA, "%s", t.ptr);
		buf_release(&t);
	}

	/* the work forms of this rung, as the engine resolved them */
	rnd_table *t = rnd_table_new(forms_cols, 3);
	chart_bar_row *rows = NULL;
	int nr = 0;
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *n = &m->nodes[f->node];
		if (n->rung != r)
			continue;
		const char *name = f->not_specified ? V(b->en, report_not_specified_total_minus_its_known)
						    : model_node_name(n, b->en);
		if (n->kind == KIND_SUBCATEGORY && !f->not_specified)
			name = arena_printf(&b->d->mem, "%s (%s)", name, V(b->en, report_subtotal));
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, name);
		cell(b, row, 1, CELL_COUNT, f->persons);
		cell(b, row, 2, CELL_PERCENT, ratio(f->persons, l->rung[r]));
		rows = xrealloc(rows, sizeof *rows * (size_t)(nr + 1));
		rows[nr++] = (chart_bar_row){dup(b, name), f->persons};
	}
	if (nr) {
		rb_add_table(b, t, V(b->en, report_work_forms));
		char *title = xasprintf(V(b->en, report_rung_by_work_form), r, b->d->area_name,
					b->d->year);
		buf desc = BUF_INIT;
		for (int i = 0; i < nr; i++)
			buf_printf(&desc, "%s: %s. ", rows[i].label, rb_v(b, rows[i].value, 0));
		rb_add_chart(b, chart_bars(rb_chart_id(b), title, desc.ptr, rows, nr, l->rung[r], chart_rung_colour[r], b->en));
		buf_release(&desc);
		free(title);
	} else {
		rnd_table_free(t);
		rb_para(b, RPT_PARA, V(b->en, report_no_figures_per_work_form_for_this));
	}
	free(rows);

	/* rung 5: collective against individual over the years */
	int *idx = xmalloc(sizeof *idx * (size_t)(b->ny ? b->ny : 1));
	int n = series_years(b, b->area, idx);
	if (r == 5 && n > 0) {
		int coll = rb_node(b, "trede5.collectief"), ind = rb_node(b, "trede5.individueel");
		int *years = xmalloc(sizeof *years * (size_t)n);
		calc_value *vals = xmalloc(sizeof *vals * (size_t)n * 2);
		for (int k = 0; k < n; k++) {
			years[k] = b->years[idx[k]];
			vals[k] = at(b->yg[idx[k]], b->area, coll);
			vals[n + k] = at(b->yg[idx[k]], b->area, ind);
		}
		chart_series ser[2] = {{V(b->en, report_collective), vals, 0, NULL, model_map_label_year(b->m)}, {V(b->en, report_individual), vals + n, 0, NULL, model_map_label_year(b->m)}};
		char *title = xasprintf(V(b->en, report_rung_5_collective_against_individual),
					b->d->area_name);
		buf desc = BUF_INIT;
		for (int s = 0; s < 2; s++) {
			buf_printf(&desc, "%s:", ser[s].name);
			for (int k = 0; k < n; k++)
				rb_desc_point(b, &desc, years[k], vals[s * n + k], 0);
			buf_addc(&desc, ' ');
		}
		if (n == 1) {
			chart_bar_row two[2] = {{ser[0].name, vals[0]}, {ser[1].name, vals[1]}};
			rb_add_chart(b, chart_bars(rb_chart_id(b), title, desc.ptr, two, 2, l->rung[5], chart_rung_colour[5], b->en));
		} else {
			rb_add_chart(b, chart_lines(rb_chart_id(b), title, desc.ptr, years, n, ser, 2, 0, b->en));
		}
		buf_release(&desc);
		free(title);
		free(years);
		free(vals);
	}
	/* the evolution of the rung's work forms: a table, years as columns */
	if (n > 0 && r != 6) {
		int rn = m->rung_node[r];
		int *nodes = NULL, nn = 0;
		nodes = xrealloc(nodes, sizeof *nodes * (size_t)(nn + 1));
		nodes[nn++] = rn;
		for (int i = 0; i < m->n_nodes; i++) {
			if (m->nodes[i].rung != r || i == rn || m->nodes[i].kind == KIND_RUNG)
				continue;
			int any = 0;
			for (int k = 0; k < n && !any; k++)
				any = at(b->yg[idx[k]], b->area, i).known;
			if (any) {
				nodes = xrealloc(nodes, sizeof *nodes * (size_t)(nn + 1));
				nodes[nn++] = i;
			}
		}
		rnd_column *cols = arena_alloc(&b->d->mem, sizeof *cols * (size_t)(n + 1));
		cols[0] = (rnd_column){"work_form", "Werkvorm", "Work form"};
		for (int k = 0; k < n; k++) {
			const char *y = arena_printf(&b->d->mem, "%d", b->years[idx[k]]);
			cols[k + 1] = (rnd_column){y, y, y};
		}
		rnd_table *e = rnd_table_new(cols, n + 1);
		for (int i = 0; i < nn; i++) {
			rnd_cell *row = rnd_table_row(e);
			const model_node *x = &m->nodes[nodes[i]];
			const char *name = x->kind == KIND_RUNG ? arena_printf(&b->d->mem, "%s %d %s", V(b->en, report_rung_2), r, V(b->en, report_total))
								: model_node_name(x, b->en);
			rnd_set_text(e, row, 0, name);
			for (int k = 0; k < n; k++)
				cell(b, row, k + 1, CELL_COUNT, at(b->yg[idx[k]], b->area, nodes[i]));
		}
		free(nodes);
		rb_add_table(b, e, V(b->en, report_work_forms_over_the_years_same));
	}
	free(idx);
	free(h);
	free(anchor);
}

/* ------------------------------------------------------------- sub-areas */

static const rnd_column sub_cols[] = {
	{"area", VOCAB_PAIR(annex_area)},
	{"rung3", VOCAB_PAIR(page_col_rung3)},
	{"rung4", VOCAB_PAIR(page_col_rung4)},
	{"rung5", VOCAB_PAIR(page_col_rung5)},
	{"total", VOCAB_PAIR(col_total_3_5)},
	{"share", VOCAB_PAIR(page_share)},
};

static void sub_areas(rpt_bld *b)
{
	const model *m = b->m;
	const model_area *a = &m->areas[b->area];
	rb_heading(b, 1, V(b->en, report_sub_areas), "deelgebieden");
	/* rows: the sub-areas, then the region groupings that lie inside the
	 * area; a municipality is compared with the areas above it */
	int *rows = NULL, n = 0;
	int sub = a->level != LEVEL_MUNICIPALITY && a->n_children > 0;
	if (sub) {
		for (int i = 0; i < a->n_children; i++) {
			rows = xrealloc(rows, sizeof *rows * (size_t)(n + 1));
			rows[n++] = a->children[i];
		}
		if (a->level == LEVEL_PROVINCE || a->level == LEVEL_REGION) {
			for (int gi = 0; gi < m->n_areas; gi++) {
				const model_area *g = &m->areas[gi];
				if (g->level != LEVEL_GROUPING || g->n_children == 0)
					continue;
				int inside = 1;
				for (int k = 0; k < g->n_children && inside; k++) {
					int p = g->children[k];
					while (p >= 0 && p != b->area)
						p = m->areas[p].parent;
					inside = p == b->area;
				}
				if (inside) {
					rows = xrealloc(rows, sizeof *rows * (size_t)(n + 1));
					rows[n++] = gi;
				}
			}
		}
		rb_para(b, RPT_PARA,
		     V(b->en, report_rungs_3_to_5_in_the_sub_areas_of_the),
		     b->d->area_name, b->d->area_name);
	} else {
		rows = xrealloc(rows, sizeof *rows);
		rows[n++] = b->area; /* the area first, then the areas above it */
		for (int p = a->parent; p >= 0; p = m->areas[p].parent) {
			rows = xrealloc(rows, sizeof *rows * (size_t)(n + 1));
			rows[n++] = p;
		}
		rb_para(b, RPT_PARA, V(b->en, report_has_no_sub_areas_the_table_sets_it),
		     b->d->area_name);
	}
	calc_value base = at(b->g, b->area, m->headline);
	rnd_table *t = rnd_table_new(sub_cols, 6);
	chart_stack_row *sr = xcalloc((size_t)n + 2, sizeof *sr);
	int ns = 0;
	int with_self = sub ? n : 0;
	(void)with_self;
	for (int i = 0; i < n + (sub ? 1 : 0); i++) {
		int ai = i < n ? rows[i] : b->area;
		rnd_cell *row = rnd_table_row(t);
		/* "Arrondissement Brugge" beside the municipality Brugge */
		const char *nm = rnd_area_label(m, ai, b->en, 0, &b->d->mem);
		if (m->areas[ai].level == LEVEL_GROUPING && nm == model_area_name(&m->areas[ai], b->en))
			nm = arena_printf(&b->d->mem, "%s (%s)", nm, V(b->en, report_region));
		rnd_set_text(t, row, 0, nm);
		calc_value tot = at(b->g, ai, m->headline);
		for (int r = 3; r <= 5; r++)
			cell(b, row, r - 2, CELL_COUNT, at(b->g, ai, m->rung_node[r]));
		cell(b, row, 4, CELL_COUNT, tot);
		cell(b, row, 5, CELL_PERCENT, sub || ai == b->area ? ratio(tot, base) : ratio(base, tot));
		sr[ns].label = nm;
		for (int r = 3; r <= 5; r++)
			sr[ns].part[r - 3] = at(b->g, ai, m->rung_node[r]);
		/* the sub-areas plain, then the area itself and Flanders in bold;
		 * a municipality in bold above the areas it belongs to */
		sr[ns].emphasis = sub ? (ai == b->area || ai == m->flanders) : ai == b->area;
		ns++;
	}
	if (sub && m->flanders >= 0 && b->area != m->flanders) {
		sr[ns].label = rb_area_name(b, m->flanders);
		for (int r = 3; r <= 5; r++)
			sr[ns].part[r - 3] = at(b->g, m->flanders, m->rung_node[r]);
		sr[ns].emphasis = 1;
		ns++;
	}
	rb_add_table(b, t, sub ? V(b->en, report_sub_areas) : V(b->en, report_comparison));
	const char *series[3];
	char *s3 = xasprintf("%s 3", V(b->en, report_rung_2)), *s4 = xasprintf("%s 4", V(b->en, report_rung_2)),
	     *s5 = xasprintf("%s 5", V(b->en, report_rung_2));
	series[0] = s3;
	series[1] = s4;
	series[2] = s5;
	const uint32_t cols[3] = {chart_rung_colour[3], chart_rung_colour[4], chart_rung_colour[5]};
	char *title = xasprintf(V(b->en, report_regional_participation_ladder_rungs),
				b->d->year);
	buf desc = BUF_INIT;
	buf_adds(&desc, V(b->en, report_share_of_rungs_3_4_and_5_in_the));
	for (int i = 0; i < ns; i++) {
		calc_value tot = mk(0, 1, 0);
		for (int k = 0; k < 3; k++) {
			tot.known &= sr[i].part[k].known;
			tot.v += sr[i].part[k].v;
			tot.flags |= sr[i].part[k].flags;
		}
		buf_printf(&desc, "%s: %s %s, %s %s, %s %s. ", sr[i].label, series[0], rb_v(b, ratio(sr[i].part[0], tot), 1), series[1],
			   rb_v(b, ratio(sr[i].part[1], tot), 1), series[2], rb_v(b, ratio(sr[i].part[2], tot), 1));
	}
	rb_add_chart(b, chart_stacked(rb_chart_id(b), title, desc.ptr, series, 3, cols, sr, ns, b->en));
	buf_release(&desc);
	free(title);
	free(s3);
	free(s4);
	free(s5);
	free(sr);
	free(rows);
}

/* -------------------------------------------------------------------- map */

/* The municipalities (or arrondissements, provinces) on a map
 * (report_map.c), shaded by the measure asked for; a rate needs a
 * population, else the share of rung 5. */
static void map_section(rpt_bld *b, int measure, int level)
{
	level = rpt_map_level_offered(b->m, b->area, level);
	rpt_map_in in = {b->m, b->area, b->d->year, b->en, measure, b->g, NULL, NULL, 0, NULL, level};
	calc_value *pop = xcalloc((size_t)b->m->n_areas + 1, sizeof *pop);
	if (measure == RPT_MAP_RATE &&
	    rpt_map_population(b->s, b->m, b->d->year, b->l->edition, b->en, pop, &in.population_year, &in.population_name,
			       b->err) < 0)
		b->failed = 1;
	in.population = pop;
	if (measure == RPT_MAP_RATE && !in.population_year)
		in.measure = RPT_MAP_RUNG5;
	for (int i = 0; i < b->ny; i++)
		if (b->years[i] == b->d->year - 1)
			in.prev = b->yg[i];
	if (in.measure == RPT_MAP_CHANGE && !in.prev)
		in.measure = RPT_MAP_RUNG5;
	lerr e;
	chart *c = b->failed ? NULL : rpt_map_chart(&in, rb_chart_id(b), &b->d->mem, &e);
	if (c) {
		rb_heading(b, 2, V(b->en, map_section), "kaart");
		rb_para(b, RPT_PARA, "%s",
		     level == RPT_MAP_PROVINCES		 ? V(b->en, map_section_text_provinces)
		     : level == RPT_MAP_ARRONDISSEMENTS ? V(b->en, map_section_text_arrondissements)
							: V(b->en, map_section_text));
		rb_add_chart(b, c);
	}
	free(pop);
}

/* The edition's title page line ahead of the edition line: "10e editie,
 * TITLE, data 2017, gepubliceerd 2019-02-19 · Editie 2018 ...". */
static int edition_title_line(rpt_bld *b)
{
	store_edition_meta meta;
	if (store_edition_meta_of(b->s, b->l->edition, &meta, b->err) < 0)
		return LERR_DB;
	buf about = BUF_INIT;
	rnd_edition_about(&about, &meta, b->en);
	if (about.len)
		b->d->edition_line = arena_printf(&b->d->mem, "%s · %s", about.ptr, b->d->edition_line);
	buf_release(&about);
	return 0;
}

/* ------------------------------------------------------------------ build */

rpt_doc *rpt_build(store *s, const model *m, const rpt_options *o, lerr *err)
{
	rpt_bld bb = {0}, *b = &bb;
	b->s = s;
	b->m = m;
	b->en = o->english;
	b->area = o->area;
	b->err = err;
	/* one read transaction for the hundreds of small queries: one lock,
	 * one consistent snapshot */
	int txn = store_read_begin(s, err) == 0;
	b->l = calc_ladder_new(s, m, o->area, o->year, o->edition, err);
	if (!b->l) {
		if (txn)
			store_read_end(s);
		return NULL;
	}
	rpt_doc *d = rpt_doc_new(m, o->english, o->year);
	b->d = d;
	d->area_name = dup(b, rb_area_name(b, o->area));
	if (m->flanders >= 0) {
		b->fl = calc_ladder_new(s, m, m->flanders, o->year, *b->l->edition_code ? b->l->edition_code : NULL, err);
		if (!b->fl)
			goto fail;
	}
	b->g = calc_grid_load_protected(s, m, b->l->edition, o->year, err);
	if (!b->g || load_years(b, err) < 0)
		goto fail;
	d->title = dup(b, V(b->en, report_employment_and_participation_of_2));
	d->subtitle = arena_printf(&d->mem, V(b->en, report_participation_ladder_figures),
				   d->area_name, o->year);
	/* names, not codes: "Editie 2018 (data 2017) · Provincie West-Vlaanderen" */
	d->edition_line = arena_printf(&d->mem, V(b->en, report_edition_data),
				       *b->l->edition_code ? b->l->edition_code : "-", o->year,
				       rnd_area_label(m, o->area, b->en, 1, &d->mem));
	int whole = !o->charts_only;
	if (whole && edition_title_line(b) < 0)
		goto fail;
	if (whole) {
		block(b, RPT_TOC);
		key_figures(b);
	}
	ladder_section(b);
	for (int r = 5; r >= 3; r--)
		rung_section(b, r);
	rung_section(b, 6);
	sub_areas(b);
	map_section(b, o->map, o->map_level);
	rb_context_section(b);
	if (whole)
		rb_checks_section(b);
	if (!o->no_persons && !b->failed && rpt_persons_section(d, s, b->l->edition_code, o->area, err) < 0)
		b->failed = 1;
	if (whole) {
		rpt_policy_chapter(d, b->ny && b->years[0] < o->year ? b->years[0] : o->year, o->year);
		rb_sources_section(b);
	}
	if (whole && !b->failed && rpt_changes_section(d, s, b->l->edition_code, o->area, err) < 0)
		b->failed = 1;
	if (b->failed)
		goto fail;
	goto done;
fail:
	rpt_free(d);
	d = NULL;
done:
	calc_ladder_free(b->l);
	calc_ladder_free(b->fl);
	calc_grid_free(b->g);
	for (int i = 0; i < b->ny; i++)
		calc_grid_free(b->yg[i]);
	free(b->yg);
	free(b->years);
	if (txn)
		store_read_end(s);
	return d;
}

void rpt_free(rpt_doc *d)
{
	if (!d)
		return;
	for (int i = 0; i < d->n; i++) {
		rnd_table_free(d->blocks[i].table);
		chart_free(d->blocks[i].ch);
	}
	free(d->blocks);
	arena_release(&d->mem);
	free(d);
}

int rpt_charts(const rpt_doc *d, const chart ***out)
{
	int n = 0;
	*out = xcalloc((size_t)d->n + 1, sizeof **out);
	for (int i = 0; i < d->n; i++)
		if (d->blocks[i].ch)
			(*out)[n++] = d->blocks[i].ch;
	return n;
}
