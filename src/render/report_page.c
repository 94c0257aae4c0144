/* report_page.c - the dashboard's page of an area and year as a report
 * document (see report.h): rpt_page_build lays down the page's sections as
 * blocks; rpt_page_html (report_html.c, the report's HTML backend in its
 * page flavour) renders them as the body of a dashboard page. The server
 * only wraps it in the page chrome (header, search, pickers). */
#include "report.h"
#include "../engine/check.h"
#include "../engine/labour.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct page {
	rpt_doc *d;
	store *s;
	const model *m;
	const rpt_page_options *o;
	int en;
	calc_ladder *l;
	rpt_doc *report; /* the report of the same area and year: its charts */
	lerr *err;
} page;

/* ------------------------------------------------------------ the blocks */

static const char *dup(page *p, const char *s)
{
	return arena_strdup(&p->d->mem, s ? s : "");
}

static void section(page *p, const char *text, const char *anchor)
{
	rpt_block *x = rpt_add(p->d, RPT_HEADING);
	x->level = 1; /* each opens a section of the page */
	x->text = dup(p, text);
	x->anchor = dup(p, anchor);
}

static rpt_block *table(page *p, const rnd_column *cols, int n_cols, const char *caption, int rows)
{
	rpt_block *x = rpt_add(p->d, RPT_TABLE);
	x->table = rnd_table_new(cols, n_cols);
	x->caption = caption ? dup(p, caption) : NULL;
	x->row_headers = 1;
	x->links = arena_alloc(&p->d->mem, sizeof *x->links * (size_t)(rows + 1));
	memset(x->links, 0, sizeof *x->links * (size_t)(rows + 1));
	return x;
}

/* A value cell; a confidential value becomes the symbol alone. */
static void cell(page *p, rnd_cell *row, int col, enum rnd_kind kind, calc_value v)
{
	p->d->flags |= v.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED | CALC_CONFIDENTIAL | CALC_MISSING);
	rnd_set_value(row, col, kind, v);
}

/* Unknown and not hidden: a figure no sentence may quote (it would print ".") */
static int unknown(calc_value v)
{
	return !v.known && !(v.flags & CALC_CONFIDENTIAL);
}

/* A value in running text: "56.721", "78,8 %", "x", "." and a flag symbol. */
static void text_value(page *p, buf *b, calc_value v, int pct)
{
	rnd_cell c = {0};
	cell(p, &c, 0, pct ? CELL_PERCENT : CELL_COUNT, v);
	rnd_cell_text(b, &c, p->en);
}

/* ---------------------------------------------------------------- charts */

/* The page shows the report's charts (report.c builds each once): the
 * report of the same area, year and edition, or NULL (no charts). */
static rpt_doc *report_of(page *p)
{
	rpt_options ro = {p->o->area, p->o->year, p->o->edition, p->en, p->o->map, 1, 1, p->o->map_level};
	lerr e;
	return rpt_build(p->s, p->m, &ro, &e);
}

static int listed(const char *const *anchors, const char *a)
{
	for (; *anchors; anchors++)
		if (a && strcmp(*anchors, a) == 0)
			return 1;
	return 0;
}

/* A chart's downloads: the drawing as SVG and PNG, its figures as CSV. */
static void chart_links(page *p, rpt_block *x)
{
	if (!p->o->chart_href)
		return;
	static const char *const ext[] = {"svg", "png", "csv"};
	x->n_items = 3;
	x->items = arena_alloc(&p->d->mem, sizeof *x->items * 3);
	x->subs = arena_alloc(&p->d->mem, sizeof *x->subs * 3);
	x->items[0] = "SVG";
	x->items[1] = "PNG";
	x->items[2] = V(p->en, chart_download_data);
	for (int k = 0; k < 3; k++)
		x->subs[k] = p->o->chart_href(p->o->href_ctx, x->ch->id, ext[k]);
}

static int has_chart(page *p, const char *anchor)
{
	const char *at = NULL;
	for (int i = 0; p->report && i < p->report->n; i++) {
		if (p->report->blocks[i].kind == RPT_HEADING)
			at = p->report->blocks[i].anchor;
		if (p->report->blocks[i].kind == RPT_CHART && at && strcmp(at, anchor) == 0)
			return 1;
	}
	return 0;
}

/* A map's ranking: each area's name a link to its page, the page's own
 * marked current. */
static void ranking_links(page *p, rpt_block *x)
{
	const chart *c = x->ch;
	if (!c->is_map || !c->row_codes || !c->data || !p->o->href)
		return;
	int n = c->data->n_rows;
	x->links = arena_alloc(&p->d->mem, sizeof *x->links * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		x->links[i] = c->row_codes[i] ? p->o->href(p->o->href_ctx, c->row_codes[i], 0, 0) : NULL;
	x->current = c->current_row;
}

/* Moves the report's charts that stand under the headings named (their
 * anchors, NULL-terminated) into the page. */
static void charts(page *p, const char *const *anchors)
{
	if (!p->report)
		return;
	const char *at = NULL;
	for (int i = 0; i < p->report->n; i++) {
		rpt_block *b = &p->report->blocks[i];
		if (b->kind == RPT_HEADING)
			at = b->anchor;
		if (b->kind != RPT_CHART || !b->ch || !listed(anchors, at))
			continue;
		rpt_block *x = rpt_add(p->d, RPT_CHART);
		x->ch = b->ch;
		b->ch = NULL;
		chart_links(p, x);
		ranking_links(p, x);
	}
}

/* ------------------------------------------------------------- sections */

static void key_figures(page *p)
{
	const calc_ladder *l = p->l;
	section(p, V(p->en, report_key_figures), "kf");
	rpt_block *x = rpt_add(p->d, RPT_KEYFIGS);
	x->n_items = 4;
	x->items = arena_alloc(&p->d->mem, sizeof *x->items * 4);
	x->subs = arena_alloc(&p->d->mem, sizeof *x->subs * 4);
	x->values = arena_alloc(&p->d->mem, sizeof *x->values * 4);
	const calc_value vals[3] = {l->total, l->share_of_wage_employment, l->share_of_flemish_total};
	const char *what[3] = {V(p->en, page_kf_persons), V(p->en, page_kf_wage_equivalent), V(p->en, page_kf_flemish_share)};
	for (int i = 0; i < 3; i++) {
		rnd_cell *c = &x->values[i];
		memset(c, 0, sizeof *c);
		cell(p, c, 0, i ? CELL_PERCENT : CELL_COUNT, vals[i]);
		x->items[i] = NULL;
		x->subs[i] = what[i];
	}
	/* the change on the year before: "+1.310 (+2,4 %)" */
	buf t = BUF_INIT;
	if (l->change_abs.known && !(l->change_abs.flags & CALC_CONFIDENTIAL)) {
		rnd_change(&t, l->change_abs.v, l->change_pct.v, p->en);
		cell(p, &x->values[3], 0, CELL_COUNT, l->change_abs); /* its flags, for the mark and the legend */
		x->values[3].kind = CELL_TEXT;
		x->values[3].text = dup(p, t.ptr);
	} else {
		cell(p, &x->values[3], 0, CELL_COUNT, l->change_abs);
	}
	buf_release(&t);
	x->items[3] = NULL;
	x->subs[3] = arena_printf(&p->d->mem, "%s %d", V(p->en, page_on), p->o->year - 1);
}

static const rnd_column ladder_cols[] = {
	{"rung", VOCAB_PAIR(report_rung_2)}, {"persons", VOCAB_PAIR(page_persons)},
	{"share", VOCAB_PAIR(page_share)}, {"place", VOCAB_PAIR(page_places)},
};

static void ladder(page *p)
{
	const calc_ladder *l = p->l;
	const model *m = p->m;
	const char *code = m->areas[p->o->area].code;
	section(p, V(p->en, page_the_ladder), "ld");
	rpt_block *x = table(p, ladder_cols, 4, NULL, 6);
	for (int k = 6; k >= 1; k--) {
		const model_rung *g = &m->rungs[k];
		rnd_cell *row = rnd_table_row(x->table);
		char *label = xasprintf("%s %d: %s", V(p->en, report_rung_2), k, p->en ? g->name_en : g->name_nl);
		rnd_set_text(x->table, row, 0, label);
		free(label);
		if (k >= 3) {
			x->links[x->table->n_rows - 1] = p->o->href(p->o->href_ctx, code, k, 0);
			cell(p, row, 1, CELL_COUNT, l->rung[k]);
			cell(p, row, 2, CELL_PERCENT, l->rung_share[k]);
		} else {
			rnd_set_num(row, 1, CELL_EMPTY, 0, 0);
			rnd_set_num(row, 2, CELL_EMPTY, 0, 0);
		}
		rnd_set_text(x->table, row, 3,
			     g->place == PLACE_EMPLOYMENT ? V(p->en, page_employment_place_with_a_contract)
			     : g->place == PLACE_PARTICIPATION ? V(p->en, page_participation_place_no_contract)
								 : V(p->en, page_not_counted));
	}
	/* "Trede 5: 44.672 collectief (78,8 %), 12.049 individueel (21,2 %). ...";
	 * a sentence whose figure is unknown is left out, never filled with "." */
	buf t = BUF_INIT;
	/* the column mixes two denominators, as the inventory does: say which */
	buf_adds(&t, V(p->en, page_share_column_explained));
	if (!unknown(l->collective) && !unknown(l->individual) && !unknown(l->collective_share)) {
		buf_printf(&t, " %s ", V(p->en, page_rung_5));
		text_value(p, &t, l->collective, 0);
		buf_printf(&t, " %s (", V(p->en, page_collective));
		text_value(p, &t, l->collective_share, 1);
		buf_adds(&t, "), ");
		text_value(p, &t, l->individual, 0);
		buf_printf(&t, " %s (", V(p->en, page_individual));
		text_value(p, &t, l->individual_share, 1);
		buf_adds(&t, ").");
	}
	if (!unknown(l->wage_employees)) {
		buf_printf(&t, "%s%s ", t.len ? " " : "", V(p->en, page_rung_6_wage_employees_minus_rung_5));
		text_value(p, &t, l->wage_employees, 0);
		buf_adds(&t, ".");
	}
	if (t.len) {
		rpt_block *n = rpt_add(p->d, RPT_NOTE);
		n->text = dup(p, t.ptr);
	}
	buf_release(&t);
	charts(p, (const char *const[]){"ladder", NULL});
}

static const rnd_column shares_cols[] = {
	{"area", VOCAB_PAIR(annex_area)}, {"total", VOCAB_PAIR(page_total)}, {"rung5", VOCAB_PAIR(page_col_rung5)},
	{"rung4", VOCAB_PAIR(page_col_rung4)}, {"rung3", VOCAB_PAIR(page_col_rung3)},
	{"share_of_wage_employees", VOCAB_PAIR(page_share_of_wage_employees)},
};

/* One row of a table of shares, with its stacked bar of rungs 5, 4, 3. */
static void shares_row(page *p, rpt_block *x, const calc_ladder *l, int link)
{
	rnd_cell *row = rnd_table_row(x->table);
	int i = x->table->n_rows - 1;
	const model_area *a = &p->m->areas[l->area];
	/* "Arrondissement Brugge" above the municipality Brugge */
	rnd_set_text(x->table, row, 0, rnd_area_label(p->m, l->area, p->en, 0, &p->d->mem));
	if (link)
		x->links[i] = p->o->href(p->o->href_ctx, a->code, 0, 0);
	cell(p, row, 1, CELL_COUNT, l->total);
	for (int k = 5; k >= 3; k--) {
		cell(p, row, 6 - k + 1, CELL_PERCENT, l->rung_share[k]);
		int shown = l->total.known && !(l->total.flags & CALC_CONFIDENTIAL) && l->rung_share[k].known &&
			    !(l->rung_share[k].flags & CALC_CONFIDENTIAL);
		x->bars[i * 3 + (5 - k)] = shown ? l->rung_share[k].v : NAN;
	}
	if (!l->total.known || (l->total.flags & CALC_CONFIDENTIAL))
		x->bars[i * 3] = x->bars[i * 3 + 1] = x->bars[i * 3 + 2] = NAN;
	cell(p, row, 5, CELL_PERCENT, l->share_of_wage_employment);
	p->d->flags |= l->flags;
}

static rpt_block *shares_table(page *p, const char *caption, int rows)
{
	rpt_block *x = table(p, shares_cols, 6, caption, rows);
	x->bars = arena_alloc(&p->d->mem, sizeof *x->bars * (size_t)(rows + 1) * 3);
	return x;
}

static void comparison(page *p)
{
	const model *m = p->m;
	const model_area *a = &m->areas[p->o->area];
	section(p, V(p->en, report_comparison), "cmp");
	int n = 1;
	for (int q = a->parent; q >= 0; q = m->areas[q].parent)
		n++;
	rpt_block *x = shares_table(p, V(p->en, page_share_of_each_rung_in_the_total), n);
	shares_row(p, x, p->l, 0);
	for (int q = a->parent; q >= 0; q = m->areas[q].parent) {
		calc_ladder *pl = calc_ladder_new(p->s, m, q, p->o->year, p->o->edition, p->err);
		if (pl) {
			shares_row(p, x, pl, 1);
			calc_ladder_free(pl);
		}
	}
	rnd_table_drop_unknown_last(x->table);
}

static void sub_areas(page *p)
{
	const model *m = p->m;
	const model_area *a = &m->areas[p->o->area];
	if (!a->n_children)
		return;
	section(p, a->level == LEVEL_GROUPING ? V(p->en, page_municipalities_of_the_region) : V(p->en, page_regional_ladder),
		"sub");
	rpt_block *x = shares_table(p, V(p->en, report_sub_areas), a->n_children);
	x->bar_legend = 1;
	for (int i = 0; i < a->n_children; i++) {
		calc_ladder *sl = calc_ladder_new(p->s, m, a->children[i], p->o->year, p->o->edition, p->err);
		if (sl) {
			shares_row(p, x, sl, 1);
			calc_ladder_free(sl);
		}
	}
	rnd_table_drop_unknown_last(x->table);
}

/* The report's map, with links to shade it by another measure and, for a
 * region or province, to draw it by arrondissement or province. */
static void map_section(page *p)
{
	if (!has_chart(p, "kaart"))
		return;
	section(p, V(p->en, map_section), "map");
	charts(p, (const char *const[]){"kaart", NULL});
	if (!p->o->map_href)
		return;
	static const char *const key[] = {"rate", "rung5", "rung4", "rung3", "change"};
	int level = rpt_map_level_offered(p->m, p->o->area, p->o->map_level);
	const char *level_key = rpt_map_level_key(level);
	rpt_block *x = rpt_add(p->d, RPT_LINKS);
	x->n_items = 5;
	x->items = arena_alloc(&p->d->mem, sizeof *x->items * 5);
	x->subs = arena_alloc(&p->d->mem, sizeof *x->subs * 5);
	const char *label[] = {V(p->en, map_by_rate), V(p->en, map_by_rung5), V(p->en, map_by_rung4), V(p->en, map_by_rung3),
			       V(p->en, map_by_change)};
	static const int measure[] = {RPT_MAP_RATE, RPT_MAP_RUNG5, RPT_MAP_RUNG4, RPT_MAP_RUNG3, RPT_MAP_CHANGE};
	int current = 0;
	for (int i = 0; i < 5; i++) {
		x->items[i] = label[i];
		x->subs[i] = p->o->map_href(p->o->href_ctx, key[i], level_key);
		if (measure[i] == p->o->map)
			x->current = current = i + 1;
	}
	int levels[RPT_MAP_N_LEVELS], n = rpt_map_levels(p->m, p->o->area, levels);
	if (n < 2)
		return;
	const char *per[RPT_MAP_N_LEVELS] = {V(p->en, map_per_municipality), V(p->en, map_per_arrondissement),
					     V(p->en, map_per_province)};
	x = rpt_add(p->d, RPT_LINKS);
	x->n_items = n;
	x->items = arena_alloc(&p->d->mem, sizeof *x->items * (size_t)n);
	x->subs = arena_alloc(&p->d->mem, sizeof *x->subs * (size_t)n);
	for (int i = 0; i < n; i++) {
		x->items[i] = per[levels[i]];
		x->subs[i] = p->o->map_href(p->o->href_ctx, key[current ? current - 1 : 0], rpt_map_level_key(levels[i]));
		if (levels[i] == level)
			x->current = i + 1;
	}
}

static const rnd_column evolution_cols[] = {
	{"year", VOCAB_PAIR(page_year)}, {"total", VOCAB_PAIR(page_total)}, {"rung5", VOCAB_PAIR(page_col_rung5)},
	{"rung4", VOCAB_PAIR(page_col_rung4)}, {"rung3", VOCAB_PAIR(page_col_rung3)}, {"edition", VOCAB_PAIR(page_edition)},
};

static void evolution(page *p)
{
	const model *m = p->m;
	const char *code = m->areas[p->o->area].code;
	section(p, V(p->en, report_evolution), "ev");
	rpt_block *x = table(p, evolution_cols, 6, NULL, p->o->n_years);
	for (int i = 0; i < p->o->n_years; i++) {
		int year = p->o->years[i];
		calc_ladder *yl = calc_ladder_new(p->s, m, p->o->area, year, p->o->edition, p->err);
		if (!yl)
			continue;
		rnd_cell *row = rnd_table_row(x->table);
		char y[16];
		snprintf(y, sizeof y, "%d", year);
		rnd_set_text(x->table, row, 0, y);
		x->links[x->table->n_rows - 1] = p->o->href(p->o->href_ctx, code, 0, year);
		cell(p, row, 1, CELL_COUNT, yl->total);
		for (int k = 5; k >= 3; k--)
			cell(p, row, 6 - k + 1, CELL_COUNT, yl->rung[k]);
		rnd_set_text(x->table, row, 5, yl->edition_code);
		p->d->flags |= yl->flags;
		calc_ladder_free(yl);
	}
	charts(p, (const char *const[]){"evolutie", "trede5", "trede4", "trede3", "trede6", NULL});
}

static const rnd_column labour_cols[] = {
	{"indicator", VOCAB_PAIR(page_indicator)}, {"value", VOCAB_PAIR(page_value)},
};

static void labour(page *p)
{
	labour_view *v = labour_view_new(p->s, p->m, p->o->area, p->o->year, p->o->edition, p->err);
	if (!v)
		return;
	section(p, V(p->en, page_labour_market), "ctx");
	/* a target already reached: the people beyond it, not a negative need */
	calc_value gap = v->target_gap_persons;
	int beyond = gap.known && gap.v < 0;
	if (beyond)
		gap.v = -gap.v;
	/* a label that starts with two blanks is a part of the row above */
	struct { calc_value x; int pct; const char *label; } rows[] = {
		{v->employment_rate, 1, V(p->en, employment_rate)},
		{v->employment_target, 1, V(p->en, report_target)},
		{gap, 0, beyond ? V(p->en, page_people_at_work_beyond_the_target) : V(p->en, page_more_people_at_work_the_target_needs)},
		{v->job_seekers, 0, V(p->en, page_non_working_job_seekers)},
		{v->kansengroep_share, 1, V(p->en, page_in_a_disadvantaged_group)},
		{v->outside_labour_force, 0, V(p->en, page_outside_the_labour_force)},
		{v->sick_or_invalid, 0, V(p->en, page_long_term_sick_or_invalid)},
	};
	int n = (int)(sizeof rows / sizeof rows[0]);
	rpt_block *x = table(p, labour_cols, 2, NULL, n);
	for (int i = 0; i < n; i++) {
		rnd_cell *row = rnd_table_row(x->table);
		rnd_set_text(x->table, row, 0, rows[i].label);
		cell(p, row, 1, rows[i].pct ? CELL_PERCENT : CELL_COUNT, rows[i].x);
	}
	p->d->flags |= v->flags;
	labour_view_free(v);
	charts(p, (const char *const[]){"context-123", "context-werkenden", "context-werkzoekenden", NULL});
}

static void checks(page *p)
{
	check_options co;
	check_options_default(&co);
	co.area = p->o->area;
	co.year = p->o->year;
	lerr e;
	check_report *rep = check_run(p->s, p->m, &co, &e);
	if (!rep)
		return;
	if (check_redact(rep, p->s, p->m, co.edition, &e) < 0) {
		check_report_free(rep); /* unredacted findings must not be published */
		return;
	}
	section(p, V(p->en, page_checks), "chk");
	if (!rep->n_findings) {
		rpt_block *x = rpt_add(p->d, RPT_PARA);
		x->text = V(p->en, page_no_findings);
	} else {
		rpt_block *x = rpt_add(p->d, RPT_BULLETS);
		x->n_items = rep->n_findings;
		x->items = arena_alloc(&p->d->mem, sizeof *x->items * (size_t)rep->n_findings);
		x->subs = arena_alloc(&p->d->mem, sizeof *x->subs * (size_t)rep->n_findings);
		for (int i = 0; i < rep->n_findings; i++) {
			const check_finding *f = &rep->findings[i];
			buf t = BUF_INIT;
			rnd_check_message_public(&t, f, p->m, p->en);
			x->items[i] = dup(p, t.ptr);
			x->subs[i] = rnd_severity_name(f->severity, p->en);
			buf_release(&t);
		}
	}
	check_report_free(rep);
}

static void downloads(page *p)
{
	if (!p->o->n_downloads)
		return;
	section(p, V(p->en, page_downloads), "dl");
	rpt_block *x = rpt_add(p->d, RPT_LINKS);
	x->n_items = p->o->n_downloads;
	x->items = arena_alloc(&p->d->mem, sizeof *x->items * (size_t)x->n_items);
	x->subs = arena_alloc(&p->d->mem, sizeof *x->subs * (size_t)x->n_items);
	x->saves = arena_alloc(&p->d->mem, sizeof *x->saves * (size_t)x->n_items);
	for (int i = 0; i < x->n_items; i++) {
		x->items[i] = dup(p, p->o->downloads[i].label);
		x->subs[i] = dup(p, p->o->downloads[i].href);
		x->saves[i] = p->o->downloads[i].save;
	}
}

rpt_doc *rpt_page_build(store *s, const model *m, const rpt_page_options *o, lerr *err)
{
	page pp = {0}, *p = &pp;
	p->s = s;
	p->m = m;
	p->o = o;
	p->en = o->english;
	p->err = err;
	/* one read transaction: one lock, one consistent snapshot */
	int txn = store_read_begin(s, err) == 0;
	p->l = calc_ladder_new(s, m, o->area, o->year, o->edition, err);
	if (!p->l) {
		if (txn)
			store_read_end(s);
		return NULL;
	}
	rpt_doc *d = rpt_doc_new(m, o->english, o->year);
	p->d = d;
	d->area_name = dup(p, model_area_name(&m->areas[o->area], o->english));
	d->edition_line = dup(p, p->l->edition_code);
	d->flags = p->l->flags;
	p->report = report_of(p);
	key_figures(p);
	ladder(p);
	comparison(p);
	sub_areas(p);
	charts(p, (const char *const[]){"deelgebieden", NULL});
	map_section(p);
	evolution(p);
	labour(p);
	checks(p);
	if (rpt_persons_section(d, s, p->l->edition_code, o->area, err) < 0) {
		calc_ladder_free(p->l);
		rpt_free(d);
		if (txn)
			store_read_end(s);
		return NULL;
	}
	rpt_policy_chapter(d, o->n_years && o->years[0] < o->year ? o->years[0] : o->year, o->year);
	downloads(p);
	rpt_free(p->report);
	calc_ladder_free(p->l);
	if (txn)
		store_read_end(s);
	return d;
}
