/* report_policy.c - the chapter "Beleidswijzigingen" (policy changes) of
 * the report and the dashboard page, generated from the catalogue: what
 * began, ended, was renamed, merged, split or replaced in the years the
 * document covers, with dates and the lineage's notes, Dutch or English.
 * One function lays the blocks down for both documents (report.h). */
#include "report.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row of the chapter: a date, what happened, the note. */
typedef struct change {
	const char *date, *what, *note;
} change;

typedef struct changes {
	change *v;
	int n, cap;
} changes;

static void add(changes *c, const char *date, const char *what, const char *note)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xrealloc(c->v, sizeof *c->v * (size_t)c->cap);
	}
	c->v[c->n++] = (change){date, what, note};
}

static int by_date(const void *a, const void *b)
{
	const change *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : strcmp(x->what, y->what);
}

static int in_years(const char *date, int from, int to)
{
	int y = atoi(date);
	return *date && y >= from && y <= to;
}

/* Does a link dated in from..to say that node began (it is the link's
 * `to`, on its first day) or ended (it is the link's `from`)? Then the
 * link's row tells it. */
static int told_by_link(const model *m, int node, const char *valid_from, int from, int to)
{
	for (int i = 0; i < m->n_lineage; i++) {
		const model_lineage *l = &m->lineage[i];
		if (!in_years(l->date, from, to))
			continue;
		if (valid_from ? l->to == node && strcmp(l->date, valid_from) == 0 : l->from == node)
			return 1;
	}
	return 0;
}

/* The changes of the catalogue dated in from..to, by date. */
static void collect(rpt_doc *d, changes *c, int from, int to)
{
	const model *m = d->m;
	int en = d->english;
	for (int i = 0; i < m->n_lineage; i++) {
		const model_lineage *l = &m->lineage[i];
		if (!in_years(l->date, from, to))
			continue;
		const char *what = arena_printf(&d->mem, "%s %s %s", model_node_name(&m->nodes[l->from], en),
						rnd_lineage_kind(l->kind, en), model_node_name(&m->nodes[l->to], en));
		add(c, l->date, what, en && *l->note_en ? l->note_en : l->note_nl);
	}
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *x = &m->nodes[n];
		if (x->kind != KIND_FORM)
			continue;
		const char *note = en ? "" : x->note; /* the catalogue's notes are Dutch */
		if (in_years(x->valid_from, from, to) && !told_by_link(m, n, x->valid_from, from, to))
			add(c, x->valid_from, arena_printf(&d->mem, V(en, policy_began), model_node_name(x, en)), note);
		if (in_years(x->valid_to, from, to) && !told_by_link(m, n, NULL, from, to))
			add(c, x->valid_to, arena_printf(&d->mem, V(en, policy_ended), model_node_name(x, en)), note);
	}
	if (c->n) /* qsort takes no NULL array, even empty */
		qsort(c->v, (size_t)c->n, sizeof *c->v, by_date);
}

/* The change names the row (a table's rows have distinct names); the rows
 * go by date. */
static const rnd_column policy_cols[] = {
	{"change", "Wijziging", "Change"}, {"date", "Datum", "Date"}, {"note", "Toelichting", "Note"},
};

void rpt_policy_chapter(rpt_doc *d, int from, int to)
{
	int en = d->english;
	rpt_block *h = rpt_add(d, RPT_HEADING);
	h->level = 1;
	h->text = V(en, policy_heading);
	h->anchor = "beleidswijzigingen";
	changes c = {0};
	collect(d, &c, from, to);
	rpt_block *p = rpt_add(d, RPT_PARA);
	p->text = from == to ? arena_printf(&d->mem, c.n ? V(en, policy_intro_year) : V(en, policy_none_year), from)
			     : arena_printf(&d->mem, c.n ? V(en, policy_intro) : V(en, policy_none), from, to);
	if (c.n) {
		rpt_block *t = rpt_add(d, RPT_TABLE);
		t->table = rnd_table_new(policy_cols, 3);
		t->row_headers = 1;
		t->caption = arena_printf(&d->mem, V(en, policy_caption), from, to);
		for (int i = 0; i < c.n; i++) {
			rnd_cell *row = rnd_table_row(t->table);
			rnd_set_text(t->table, row, 0, c.v[i].what);
			rnd_set_text(t->table, row, 1, c.v[i].date);
			rnd_set_text(t->table, row, 2, c.v[i].note);
		}
	}
	free(c.v);
}
