/* report_persons.c - the sections on persons counted from person-level
 * episodes (issue 16), for the report and the dashboard page alike:
 * "Personen tegenover plaatsen" (places per person per rung: the double
 * counting) and the flows between rungs from one date to another (a
 * transition matrix drawn as a heat map, its text alternative and its data
 * table), both protected (engine/pflow.h). See report.h. */
#include "report.h"
#include "../engine/pflow.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_heading(rpt_doc *d, int level, const char *text, const char *anchor)
{
	rpt_block *x = rpt_add(d, RPT_HEADING);
	x->level = level;
	x->text = arena_strdup(&d->mem, text);
	x->anchor = anchor;
}

static void add_para(rpt_doc *d, enum rpt_kind k, const char *text)
{
	rpt_add(d, k)->text = arena_strdup(&d->mem, text);
}

static const rnd_column ratio_cols[] = {
	{"rung", VOCAB_PAIR(persons_col_rung)},
	{"places_per_person", VOCAB_PAIR(persons_col_ratio)},
};

/* Places per person per rung, hidden where persons or places are small. */
static void ratio_table(rpt_doc *d, const pflow_pick *p, const long long *persons, const long long *places,
			int threshold)
{
	long long all_persons = 0, all_places = 0;
	int en = d->english;
	rnd_table *t = rnd_table_new(ratio_cols, 2);
	for (int r = 1; r <= 7; r++) {
		if (r <= 6 && !persons[r] && !places[r])
			continue;
		calc_value v = r <= 6 ? pflow_ratio(persons[r], places[r], threshold)
				      : pflow_ratio(all_persons, all_places, threshold);
		rnd_cell *row = rnd_table_row(t);
		char name[16];
		snprintf(name, sizeof name, "%d", r);
		rnd_set_text(t, row, 0, r <= 6 ? name : V(en, persons_all_rungs));
		rnd_set_value(row, 1, CELL_DECIMAL, v);
		d->flags |= v.flags;
		if (r <= 6)
			all_persons += persons[r], all_places += places[r];
	}
	rpt_block *b = rpt_add(d, RPT_TABLE);
	b->table = t;
	b->row_headers = 1;
	b->caption = arena_printf(&d->mem, V(en, persons_ratio_caption), p->to);
}

static const rnd_column flow_cols[] = {
	{"rung_from", VOCAB_PAIR(flows_col_from)}, {"0", VOCAB_PAIR(flows_none_rung)}, {"1", "1", "1"},
	{"2", "2", "2"}, {"3", "3", "3"}, {"4", "4", "4"}, {"5", "5", "5"}, {"6", "6", "6"},
	{"total", VOCAB_PAIR(flows_total)},
};

/* The label of rung k (0 none, PFLOW_TOTAL the total). */
static const char *rung_label(int k, int en)
{
	static const char *const digits[] = {"", "1", "2", "3", "4", "5", "6"};
	return k == 0 ? V(en, flows_none_rung) : k == PFLOW_TOTAL ? V(en, flows_total) : digits[k];
}

/* The chart: the matrix of rungs 0..6 without the totals (they are in the
 * table); its description says what it shows, the table gives each figure. */
static void flow_chart(rpt_doc *d, const pflow_table *t, const pflow_pick *p, int area)
{
	int en = d->english;
	calc_value cells[49];
	const char *labels[7];
	for (int i = 0; i < 7; i++) {
		labels[i] = rung_label(i, en);
		for (int j = 0; j < 7; j++)
			cells[i * 7 + j] = pflow_get(t, area, i, j);
	}
	char *title = arena_printf(&d->mem, V(en, flows_chart_title), d->area_name, p->from, p->to);
	char *desc = arena_printf(&d->mem, V(en, flows_chart_desc), p->from, p->to);
	char *rows = arena_printf(&d->mem, V(en, flows_axis_on), p->from);
	char *cols = arena_printf(&d->mem, V(en, flows_axis_on), p->to);
	rpt_add(d, RPT_CHART)->ch = chart_matrix("flows", title, desc, rows, cols, labels, 7, labels, 7, cells, en);
}

static void flow_table(rpt_doc *d, const pflow_table *t, const pflow_pick *p, int area)
{
	int en = d->english;
	rnd_table *x = rnd_table_new(flow_cols, 9);
	for (int i = 0; i <= PFLOW_TOTAL; i++) {
		rnd_cell *row = rnd_table_row(x);
		rnd_set_text(x, row, 0, rung_label(i, en));
		for (int j = 0; j <= PFLOW_TOTAL; j++) {
			calc_value v = pflow_get(t, area, i, j);
			if (v.known)
				rnd_set_value(row, 1 + j, CELL_COUNT, v);
			else
				row[1 + j].kind = CELL_EMPTY;
			d->flags |= v.flags;
		}
	}
	rpt_block *b = rpt_add(d, RPT_TABLE);
	b->table = x;
	b->row_headers = 1;
	b->caption = arena_printf(&d->mem, V(en, flows_table_caption), p->from, p->to);
}

/* The flows of the edition's import with flows in the year, protected. */
static int flows_section(rpt_doc *d, store *s, const pflow_pick *p, int area, const calc_protect_opts *o, lerr *err)
{
	pflow_table *t = pflow_load(s, d->m, p->id, o, err);
	if (!t || pflow_protect(t, err) < 0) {
		pflow_free(t);
		return err->code;
	}
	if (pflow_has(t, area)) {
		int en = d->english;
		add_heading(d, 2, arena_printf(&d->mem, V(en, flows_heading), p->from, p->to), "stromen");
		add_para(d, RPT_PARA, arena_printf(&d->mem, V(en, flows_intro), p->from, p->to));
		flow_chart(d, t, p, area);
		flow_table(d, t, p, area);
		add_para(d, RPT_NOTE, V(en, flows_protection_note));
	}
	pflow_free(t);
	return 0;
}

int rpt_persons_section(rpt_doc *d, store *s, const char *edition, int area, lerr *err)
{
	pflow_pick p, f;
	int found, found_flows;
	calc_protect_opts o;
	if (calc_protect_opts_load(s, &o, err) < 0 ||
	    pflow_choose(s, edition, d->year, NULL, NULL, 0, &p, &found, NULL, NULL, err) < 0 ||
	    pflow_choose(s, edition, d->year, NULL, NULL, 1, &f, &found_flows, NULL, NULL, err) < 0)
		return err->code;
	long long persons[7], places[7], any = 0;
	if (found && pflow_persons_places(s, d->m, p.id, area, persons, places, err) < 0)
		return err->code;
	for (int r = 1; r <= 6 && found; r++)
		any += persons[r] + places[r];
	if (!any) /* none in the area (a grouping's members are not under it) */
		return 0;
	int en = d->english;
	add_heading(d, 1, V(en, persons_heading), "personen");
	add_para(d, RPT_PARA, arena_printf(&d->mem, V(en, persons_intro), p.edition, p.to));
	ratio_table(d, &p, persons, places, o.threshold[d->m->areas[area].level]);
	return found_flows ? flows_section(d, s, &f, area, &o, err) : 0;
}
