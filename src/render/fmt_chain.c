/* fmt_chain.c - the series of a work form through its lineage (chain.h) in
 * every format: a table with its series breaks (reeksbreuk) footnoted, CSV
 * and JSON with the break as a field, JSON-stat 2.0 with status "b" (the
 * Eurostat flag for a break in series) and a note per break year; and the
 * line chart with the break drawn as a gap and a marker. */
#include "render.h"
#include "chart.h"
#include "../engine/chain.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const rnd_column chain_cols[] = {
	{"year", "Jaar", "Year"}, {"edition", "Editie", "Edition"}, {"persons", "Personen", "Persons"},
	{"series_break", "Reeksbreuk", "Series break"}, {"work_forms", "Werkvormen", "Work forms"},
};

static const char *form_code(const chain_series *c, int node) { return c->m->nodes[node].code; }

/* "beschutte_werkplaats, sociale_werkplaats" */
static void forms_list(buf *b, const chain_series *c, const chain_point *p, const char *sep)
{
	for (int k = 0; k < p->n_forms; k++)
		buf_printf(b, "%s%s", k ? sep : "", form_code(c, p->forms[k]));
}

/* One sentence per link that breaks the series in year. */
static void break_sentences(buf *b, const chain_series *c, int year, int en)
{
	int links[32];
	int n = chain_break_links(c, year, links, 32);
	for (int i = 0; i < n && i < 32; i++) {
		const model_lineage *l = &c->m->lineage[links[i]];
		const char *note = en && *l->note_en ? l->note_en : l->note_nl;
		buf_printf(b, V(en, chain_break_link), i ? " " : "", model_node_name(&c->m->nodes[l->from], en),
			   rnd_lineage_kind(l->kind, en), model_node_name(&c->m->nodes[l->to], en), l->date);
		if (*note)
			buf_printf(b, " %s", note);
	}
}

char *rnd_chain_title(const chain_series *c, int en)
{
	const model_area *a = &c->m->areas[c->area];
	int y0 = c->n_points ? c->points[0].year : 0, y1 = c->n_points ? c->points[c->n_points - 1].year : 0;
	return xasprintf(c->chained ? V(en, chain_title_chained) : V(en, chain_title_plain),
			 model_node_name(&c->m->nodes[c->node], en), model_area_name(a, en), a->code, y0, y1);
}

static void chain_json(buf *out, const chain_series *c, int en)
{
	const model_area *a = &c->m->areas[c->area];
	buf_adds(out, "{\"area\": {\"code\": ");
	rnd_json_string(out, a->code);
	buf_adds(out, ", \"name\": ");
	rnd_json_string(out, model_area_name(a, en));
	buf_adds(out, "}, \"work_form\": {\"code\": ");
	rnd_json_string(out, form_code(c, c->node));
	buf_adds(out, ", \"name\": ");
	rnd_json_string(out, model_node_name(&c->m->nodes[c->node], en));
	/* geography: the municipal boundaries the whole series is on */
	buf_printf(out, "}, \"geography\": %d, \"chain\": %s, \"members\": [", model_map_label_year(c->m),
		   c->chained ? "true" : "false");
	for (int i = 0; i < c->n_members; i++) {
		buf_adds(out, i ? ", " : "");
		rnd_json_string(out, form_code(c, c->members[i]));
	}
	buf_adds(out, "], \"series\": [");
	for (int i = 0; i < c->n_points; i++) {
		const chain_point *p = &c->points[i];
		int shown = p->value.known && !(p->value.flags & CALC_CONFIDENTIAL);
		buf_printf(out, "%s\n {\"year\": %d, \"edition\": ", i ? "," : "", p->year);
		rnd_json_string(out, p->edition);
		buf_adds(out, ", \"persons\": ");
		if (shown)
			rnd_plain(out, p->value.v);
		else
			buf_adds(out, "null");
		buf_printf(out, ", \"flags\": \"%s\", \"series_break\": %s, \"work_forms\": [",
			   rnd_flag_word(p->value.flags & ~(unsigned)CALC_ROLLED_UP), p->series_break ? "true" : "false");
		for (int k = 0; k < p->n_forms; k++) {
			buf_adds(out, k ? ", " : "");
			rnd_json_string(out, form_code(c, p->forms[k]));
		}
		buf_adds(out, "]}");
	}
	buf_printf(out, "%s], \"breaks\": [", c->n_points ? "\n" : "");
	int nb = 0;
	for (int i = 0; i < c->n_points; i++) {
		int links[32];
		int n = chain_break_links(c, c->points[i].year, links, 32);
		for (int k = 0; k < n && k < 32; k++) {
			const model_lineage *l = &c->m->lineage[links[k]];
			buf_printf(out, "%s\n {\"year\": %d, \"from\": ", nb++ ? "," : "", c->points[i].year);
			rnd_json_string(out, form_code(c, l->from));
			buf_adds(out, ", \"to\": ");
			rnd_json_string(out, form_code(c, l->to));
			buf_printf(out, ", \"kind\": \"%s\", \"date\": ", model_lineage_kind_name(l->kind));
			rnd_json_string(out, l->date);
			buf_adds(out, ", \"note\": ");
			rnd_json_string(out, en && *l->note_en ? l->note_en : l->note_nl);
			buf_adds(out, "}");
		}
	}
	buf_printf(out, "%s]}\n", nb ? "\n" : "");
}

void rnd_chain_render(buf *out, const chain_series *c, const rnd_opts *o)
{
	if (o->format == RND_JSON) {
		chain_json(out, c, o->english);
		return;
	}
	int people = o->format == RND_TABLE || o->format == RND_MD, en = o->english;
	rnd_table *t = rnd_table_new(chain_cols, 5);
	for (int i = 0; i < c->n_points; i++) {
		const chain_point *p = &c->points[i];
		rnd_cell *r = rnd_table_row(t);
		char y[16];
		snprintf(y, sizeof y, "%d", p->year);
		if (people)
			rnd_set_text(t, r, 0, y);
		else
			rnd_set_num(r, 0, CELL_COUNT, p->year, 0);
		rnd_set_text(t, r, 1, p->edition);
		calc_value v = p->value;
		v.flags &= ~(unsigned)CALC_ROLLED_UP;
		if (people)
			rnd_set_value(r, 2, CELL_COUNT, v);
		else if (v.known && !(v.flags & CALC_CONFIDENTIAL))
			rnd_set_num(r, 2, CELL_COUNT, v.v, v.flags);
		else
			rnd_set_num(r, 2, CELL_NULL, 0, v.flags);
		if (people) {
			char mark[64] = "";
			if (p->series_break)
				snprintf(mark, sizeof mark, "%s (%d)", V(en, chain_break_word), p->year);
			rnd_set_text(t, r, 3, mark);
		} else {
			rnd_set_num(r, 3, CELL_COUNT, p->series_break, 0);
		}
		buf forms = BUF_INIT;
		forms_list(&forms, c, p, people ? ", " : " ");
		rnd_set_text(t, r, 4, buf_cstr(&forms));
		buf_release(&forms);
	}
	if (people && c->n_points) {
		char *title = rnd_chain_title(c, en);
		buf_printf(out, o->format == RND_MD ? "## %s\n\n" : "%s\n\n", title);
		free(title);
	}
	rnd_table_render(out, t, o);
	rnd_table_free(t);
	if (!people)
		return;
	/* the footnotes: what breaks the series, then the symbols */
	for (int i = 0, first = 1; i < c->n_points; i++) {
		if (!c->points[i].series_break)
			continue;
		if (first)
			buf_adds(out, "\n");
		first = 0;
		buf b = BUF_INIT;
		break_sentences(&b, c, c->points[i].year, en);
		buf_printf(out, V(en, chain_break_footnote), c->points[i].year, buf_cstr(&b));
		buf_release(&b);
	}
	char *legend = rnd_flag_legend_map(c->flags & ~(unsigned)CALC_ROLLED_UP, en, model_map_label_year(c->m));
	if (legend) {
		buf_printf(out, "\n%s: %s\n", V(en, annex_symbols), legend);
		free(legend);
	}
}

void rnd_chain_jsonstat(buf *out, const chain_series *c, int en)
{
	char *title = rnd_chain_title(c, en);
	buf_adds(out, "{\"version\": \"2.0\", \"class\": \"dataset\", \"label\": ");
	rnd_json_string(out, title);
	free(title);
	buf_adds(out, ", \"id\": [\"year\"], \"size\": [");
	buf_printf(out, "%d], \"role\": {\"time\": [\"year\"]}, \"dimension\": {\"year\": {\"label\": ", c->n_points);
	rnd_json_string(out, V(en, chain_year));
	buf_adds(out, ", \"category\": {\"index\": {");
	for (int i = 0; i < c->n_points; i++)
		buf_printf(out, "%s\"%d\": %d", i ? ", " : "", c->points[i].year, i);
	buf_adds(out, "}, \"note\": {");
	int nb = 0;
	for (int i = 0; i < c->n_points; i++) {
		if (!c->points[i].series_break)
			continue;
		buf b = BUF_INIT;
		break_sentences(&b, c, c->points[i].year, en);
		buf_printf(out, "%s\"%d\": [", nb++ ? ", " : "", c->points[i].year);
		rnd_json_string(out, buf_cstr(&b));
		buf_adds(out, "]");
		buf_release(&b);
	}
	buf_adds(out, "}}}}, \"value\": [");
	for (int i = 0; i < c->n_points; i++) {
		calc_value v = c->points[i].value;
		buf_adds(out, i ? ", " : "");
		if (v.known && !(v.flags & CALC_CONFIDENTIAL))
			rnd_plain(out, v.v);
		else
			buf_adds(out, "null");
	}
	/* status: the flag's symbol, and "b" for a break in series */
	buf_adds(out, "], \"status\": {");
	int ns = 0;
	for (int i = 0; i < c->n_points; i++) {
		const chain_point *p = &c->points[i];
		const char *sym = rnd_flag_symbol(p->value.flags & ~(unsigned)CALC_ROLLED_UP);
		if (!*sym && !p->series_break)
			continue;
		buf_printf(out, "%s\"%d\": \"%s%s%s\"", ns++ ? ", " : "", i, sym, *sym && p->series_break ? " " : "",
			   p->series_break ? "b" : "");
	}
	buf_adds(out, "}, \"note\": [");
	rnd_json_string(out, V(en, chain_jsonstat_note));
	char *legend = rnd_flag_legend_map(c->flags & CALC_RECOMPUTED, en, model_map_label_year(c->m));
	if (legend) { /* what status "h" means, with the year of the boundaries */
		buf_adds(out, ", ");
		rnd_json_string(out, legend);
		free(legend);
	}
	buf_adds(out, "], \"extension\": {\"work_form\": ");
	rnd_json_string(out, form_code(c, c->node));
	buf_adds(out, ", \"area\": ");
	rnd_json_string(out, c->m->areas[c->area].code);
	buf_printf(out, ", \"chain\": %s, \"series_break\": [", c->chained ? "true" : "false");
	nb = 0;
	for (int i = 0; i < c->n_points; i++)
		if (c->points[i].series_break)
			buf_printf(out, "%s%d", nb++ ? ", " : "", c->points[i].year);
	buf_adds(out, "]}}\n");
}

chart *chart_chain(const chain_series *c, int en)
{
	int n = c->n_points;
	int *years = xmalloc(sizeof *years * (size_t)(n ? n : 1));
	calc_value *vals = xmalloc(sizeof *vals * (size_t)(n ? n : 1));
	unsigned char *breaks = xmalloc((size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		years[i] = c->points[i].year;
		vals[i] = c->points[i].value;
		vals[i].flags &= ~(unsigned)CALC_ROLLED_UP;
		breaks[i] = (unsigned char)c->points[i].series_break;
	}
	char *title = rnd_chain_title(c, en);
	buf desc = BUF_INIT;
	buf_adds(&desc, title);
	for (int i = 0; i < n; i++)
		if (breaks[i])
			buf_printf(&desc, "; %s %d", V(en, chain_break_word), years[i]);
	chart_series s = {model_node_name(&c->m->nodes[c->node], en), vals, 0, breaks, model_map_label_year(c->m)};
	chart *ch = chart_lines("chain", title, buf_cstr(&desc), years, n, &s, 1, 0, en);
	buf_release(&desc);
	free(title);
	free(years);
	free(vals);
	free(breaks);
	return ch;
}
