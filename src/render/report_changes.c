/* report_changes.c - the annex "Wat is er veranderd sinds de vorige
 * editie": what changed from the previous edition to the report's (ediff),
 * for the report's area and the areas under it, as blocks of any document
 * (rpt_add). See report.h. */
#define _POSIX_C_SOURCE 200809L
#include "report.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <string.h>

/* Is area a (model index) the scope or under it (a grouping: its members)? */
static int within(const model *m, int a, int scope)
{
	const model_area *s = &m->areas[scope];
	if (a == scope)
		return 1;
	if (s->level == LEVEL_GROUPING) {
		for (int i = 0; i < s->n_children; i++)
			if (within(m, a, s->children[i]))
				return 1;
		return 0;
	}
	for (int x = m->areas[a].parent; x >= 0; x = m->areas[x].parent)
		if (x == scope)
			return 1;
	return 0;
}

static rpt_block *add_text(rpt_doc *d, enum rpt_kind k, const char *text)
{
	rpt_block *x = rpt_add(d, k);
	x->text = arena_strdup(&d->mem, text);
	return x;
}

static void add_heading(rpt_doc *d, int level, const char *text, const char *anchor)
{
	rpt_block *x = add_text(d, RPT_HEADING, text);
	x->level = level;
	x->anchor = arena_strdup(&d->mem, anchor);
}

static const rnd_column revision_cols[] = {
	{"year", VOCAB_PAIR(ediff_col_year)},         {"level", VOCAB_PAIR(ediff_col_level)},
	{"area", VOCAB_PAIR(ediff_col_area)},         {"work_form", VOCAB_PAIR(ediff_col_work_form)},
	{"old", VOCAB_PAIR(ediff_col_old)},           {"new", VOCAB_PAIR(ediff_col_new)},
	{"difference", VOCAB_PAIR(ediff_col_difference)},
};

static void revisions(rpt_doc *d, const ediff *x, int area)
{
	const model *m = d->m;
	int en = d->english;
	add_heading(d, 2, V(en, report_changes_revised), "wijzigingen-cijfers");
	rnd_table *t = rnd_table_new(revision_cols, 7);
	for (int i = 0; i < x->n_revisions; i++) {
		const ediff_revision *r = &x->revisions[i];
		if (!within(m, r->area, area))
			continue;
		rnd_cell *row = rnd_table_row(t);
		char year[16];
		snprintf(year, sizeof year, "%d", r->year);
		rnd_set_text(t, row, 0, year);
		rnd_set_text(t, row, 1, model_level_name(m->areas[r->area].level, en));
		rnd_set_text(t, row, 2, model_area_name(&m->areas[r->area], en));
		rnd_set_text(t, row, 3, model_node_name(&m->nodes[r->node], en));
		rnd_set_value(row, 4, CELL_COUNT, r->old);
		rnd_set_value(row, 5, CELL_COUNT, r->now);
		rnd_set_value(row, 6, CELL_SIGNED_COUNT, r->change);
	}
	if (t->n_rows) {
		rpt_block *b = rpt_add(d, RPT_TABLE);
		b->table = t;
		b->caption = arena_printf(&d->mem, V(en, ediff_title), x->a, x->b);
	} else {
		rnd_table_free(t);
		add_text(d, RPT_PARA, V(en, report_changes_no_revisions));
	}
}

/* "A, B, C" of work forms (areas with is_area) into a sentence of key. */
static int names_para(rpt_doc *d, const char *fmt, const int *items, int n, int is_area, int scope)
{
	const model *m = d->m;
	buf b = BUF_INIT;
	int shown = 0;
	for (int i = 0; i < n; i++) {
		if (is_area && !within(m, items[i], scope))
			continue;
		buf_adds(&b, shown++ ? ", " : "");
		buf_adds(&b, is_area ? model_area_name(&m->areas[items[i]], d->english)
				     : model_node_name(&m->nodes[items[i]], d->english));
	}
	if (shown) {
		rpt_block *x = rpt_add(d, RPT_PARA);
		x->text = arena_printf(&d->mem, fmt, b.ptr);
	}
	buf_release(&b);
	return shown;
}

static const rnd_column claim_cols[] = {
	{"claim", VOCAB_PAIR(ediff_col_claim)},
	{"before", VOCAB_PAIR(ediff_col_before)},
	{"after", VOCAB_PAIR(ediff_col_after)},
};

static void claims(rpt_doc *d, const ediff *x, int area)
{
	const model *m = d->m;
	int en = d->english;
	add_heading(d, 2, V(en, report_changes_claims), "wijzigingen-beweringen");
	rnd_table *t = rnd_table_new(claim_cols, 3);
	for (int i = 0; i < x->n_claims; i++) {
		const ediff_claim *c = &x->claims[i];
		int a = *c->area ? model_area_index(m, c->area) : -1;
		if (a >= 0 && !within(m, a, area))
			continue;
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, c->text);
		rnd_set_text(t, row, 1, rnd_verdict_name(c->before, en));
		rnd_set_text(t, row, 2, rnd_verdict_name(c->after, en));
	}
	if (t->n_rows) {
		rpt_block *b = rpt_add(d, RPT_TABLE);
		b->table = t;
	} else {
		rnd_table_free(t);
		add_text(d, RPT_PARA, V(en, report_changes_no_claims));
	}
}

int rpt_changes_section(rpt_doc *d, store *s, const char *edition, int area, lerr *err)
{
	char prev[64];
	if (!edition || !*edition)
		return 0;
	if (ediff_previous(s, edition, prev, err) < 0)
		return LERR_DB;
	if (!*prev)
		return 0; /* the first edition: nothing to compare with */
	ediff *x = ediff_new(s, d->m, prev, edition, err);
	if (!x)
		return err->code ? err->code : LERR_DB;
	int en = d->english;
	add_heading(d, 1, V(en, report_changes), "wijzigingen");
	rpt_block *intro = rpt_add(d, RPT_PARA);
	intro->text = arena_printf(&d->mem, V(en, report_changes_intro), x->b, x->a);
	buf about = BUF_INIT;
	const store_edition_meta *metas[2] = {&x->meta_b, &x->meta_a};
	const char *codes[2] = {x->b, x->a};
	for (int i = 0; i < 2; i++) {
		about.len = 0;
		rnd_edition_about(&about, metas[i], en);
		if (about.len) {
			rpt_block *n = rpt_add(d, RPT_NOTE);
			n->text = arena_printf(&d->mem, V(en, edition_about), codes[i], about.ptr);
		}
	}
	buf_release(&about);
	revisions(d, x, area);
	add_heading(d, 2, V(en, report_changes_forms_areas), "wijzigingen-werkvormen");
	int any = names_para(d, V(en, report_changes_new_forms), x->new_forms, x->n_new_forms, 0, area);
	any += names_para(d, V(en, report_changes_ended_forms), x->ended_forms, x->n_ended_forms, 0, area);
	any += names_para(d, V(en, report_changes_new_areas), x->new_areas, x->n_new_areas, 1, area);
	if (!any)
		add_text(d, RPT_PARA, V(en, report_changes_no_forms_areas));
	claims(d, x, area);
	ediff_free(x);
	return 0;
}
