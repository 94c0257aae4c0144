/* fmt_ediff.c - editions for people: what a title page says of an edition,
 * and what changed from one edition to the next as one table (the command
 * line's csv, json and table, the Excel annex's sheet). See render.h. */
#define _POSIX_C_SOURCE 200809L
#include "render.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <string.h>

static const char *ordinal_suffix(int n, int en)
{
	if (!en)
		return "e";
	if (n % 100 >= 11 && n % 100 <= 13)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

void rnd_edition_about(buf *out, const store_edition_meta *m, int en)
{
	size_t start = out->len;
	const char *sep = "";
#define NEXT() (sep = out->len > start ? ", " : "")
	if (m->ordinal) {
		buf_printf(out, V(en, edition_ordinal), m->ordinal, ordinal_suffix(m->ordinal, en));
	}
	if (*m->title) {
		NEXT();
		buf_printf(out, "%s%s", sep, m->title);
	}
	if (m->data_year) {
		NEXT();
		buf_adds(out, sep);
		buf_printf(out, V(en, edition_data_year), m->data_year);
	}
	if (*m->published) {
		NEXT();
		buf_adds(out, sep);
		buf_printf(out, V(en, edition_published), m->published);
	}
#undef NEXT
}

void rnd_edition_meta_json(buf *out, const store_edition_meta *e)
{
	if (e->ordinal)
		buf_printf(out, "\"ordinal\": %d", e->ordinal);
	else
		buf_adds(out, "\"ordinal\": null");
	buf_adds(out, ", \"title\": ");
	rnd_json_string(out, e->title);
	if (e->data_year)
		buf_printf(out, ", \"data_year\": %d", e->data_year);
	else
		buf_adds(out, ", \"data_year\": null");
	buf_adds(out, ", \"published\": ");
	rnd_json_string(out, e->published);
	buf_adds(out, ", \"notes\": ");
	rnd_json_string(out, e->notes);
	buf_adds(out, ", \"carried_from\": ");
	if (*e->carried_from)
		rnd_json_string(out, e->carried_from);
	else
		buf_adds(out, "null");
}

static const rnd_column ediff_cols[] = {
	{"change", VOCAB_PAIR(ediff_col_change)}, {"year", VOCAB_PAIR(ediff_col_year)},
	{"level", VOCAB_PAIR(ediff_col_level)},   {"area", VOCAB_PAIR(ediff_col_area)},
	{"item", VOCAB_PAIR(ediff_col_item)},     {"name", VOCAB_PAIR(ediff_col_name)},
	{"old", VOCAB_PAIR(ediff_col_old)},       {"new", VOCAB_PAIR(ediff_col_new)},
	{"difference", VOCAB_PAIR(ediff_col_difference)}, {"before", VOCAB_PAIR(ediff_col_before)},
	{"after", VOCAB_PAIR(ediff_col_after)},
};
enum { C_CHANGE, C_YEAR, C_LEVEL, C_AREA, C_ITEM, C_NAME, C_OLD, C_NEW, C_DIFF, C_BEFORE, C_AFTER, N_COLS };

const char *rnd_verdict_name(ediff_verdict v, int en)
{
	return v == EDIFF_HOLDS ? V(en, ediff_holds) : v == EDIFF_FAILS ? V(en, ediff_fails) : V(en, ediff_unchecked);
}

/* A row of the change's word (a code for machines, words for people), its
 * other cells not applicable. */
static rnd_cell *change_row(rnd_table *t, const rnd_opts *o, const char *code, const char *word)
{
	rnd_cell *row = rnd_table_row(t);
	for (int c = 0; c < N_COLS; c++)
		rnd_set_num(row, c, CELL_EMPTY, 0, 0);
	rnd_set_text(t, row, C_CHANGE, o->format == RND_CSV || o->format == RND_JSON ? code : word);
	return row;
}

/* A year: a number for machines, without a thousands separator for people. */
static void set_year(rnd_table *t, rnd_cell *row, const rnd_opts *o, int year)
{
	if (o->format == RND_CSV || o->format == RND_JSON) {
		rnd_set_num(row, C_YEAR, CELL_COUNT, year, 0);
	} else {
		char y[16];
		snprintf(y, sizeof y, "%d", year);
		rnd_set_text(t, row, C_YEAR, y);
	}
}

static void set_area(rnd_table *t, rnd_cell *row, const rnd_opts *o, const model *m, int a)
{
	int machine = o->format == RND_CSV || o->format == RND_JSON; /* the English word is the code */
	rnd_set_text(t, row, C_LEVEL, model_level_name(m->areas[a].level, machine || o->english));
	rnd_set_text(t, row, C_AREA, m->areas[a].code);
}

static void form_rows(rnd_table *t, const ediff *d, const rnd_opts *o, const int *forms, int n, const char *code,
		      const char *word)
{
	for (int i = 0; i < n; i++) {
		rnd_cell *row = change_row(t, o, code, word);
		const model_node *f = &d->m->nodes[forms[i]];
		rnd_set_text(t, row, C_ITEM, f->code);
		rnd_set_text(t, row, C_NAME, model_node_name(f, o->english));
	}
}

rnd_table *rnd_ediff_table(const ediff *d, const rnd_opts *o)
{
	int en = o->english;
	const model *m = d->m;
	rnd_table *t = rnd_table_new(ediff_cols, N_COLS);
	t->title = arena_printf(&t->mem, V(en, ediff_title), d->a, d->b);
	for (int i = 0; i < d->n_revisions; i++) {
		const ediff_revision *r = &d->revisions[i];
		rnd_cell *row = change_row(t, o, "revised", V(en, ediff_revised));
		set_year(t, row, o, r->year);
		set_area(t, row, o, m, r->area);
		rnd_set_text(t, row, C_ITEM, m->nodes[r->node].code);
		rnd_set_text(t, row, C_NAME, model_area_name(&m->areas[r->area], en));
		rnd_set_value(row, C_OLD, CELL_COUNT, r->old);
		rnd_set_value(row, C_NEW, CELL_COUNT, r->now);
		rnd_set_value(row, C_DIFF, CELL_SIGNED_COUNT, r->change);
	}
	form_rows(t, d, o, d->new_forms, d->n_new_forms, "new_work_form", V(en, ediff_new_form));
	form_rows(t, d, o, d->ended_forms, d->n_ended_forms, "ended_work_form", V(en, ediff_ended_form));
	for (int i = 0; i < d->n_new_areas; i++) {
		rnd_cell *row = change_row(t, o, "new_area", V(en, ediff_new_area));
		set_area(t, row, o, m, d->new_areas[i]);
		rnd_set_text(t, row, C_NAME, model_area_name(&m->areas[d->new_areas[i]], en));
	}
	for (int i = 0; i < d->n_claims; i++) {
		const ediff_claim *c = &d->claims[i];
		rnd_cell *row = change_row(t, o, "claim", V(en, ediff_claim));
		int machine = o->format == RND_CSV || o->format == RND_JSON;
		set_year(t, row, o, c->year);
		rnd_set_text(t, row, C_AREA, c->area);
		rnd_set_text(t, row, C_ITEM, c->id);
		rnd_set_text(t, row, C_NAME, c->text);
		rnd_set_text(t, row, C_BEFORE, machine ? ediff_verdict_code(c->before) : rnd_verdict_name(c->before, en));
		rnd_set_text(t, row, C_AFTER, machine ? ediff_verdict_code(c->after) : rnd_verdict_name(c->after, en));
	}
	return t;
}
