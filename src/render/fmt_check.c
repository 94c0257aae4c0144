/* fmt_check.c - the findings of `ladder check` in every format: tables for
 * people (table, md), a flat table for machines (csv), and the JSON of the
 * contract {"findings": [{rule, severity, area, year, figures, message}]}. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const rnd_column finding_cols[] = {
	{"rule", "Regel", "Rule"}, {"severity", "Ernst", "Severity"}, {"area", "Gebied", "Area"},
	{"year", "Jaar", "Year"}, {"message", "Bevinding", "Finding"},
};

static const rnd_column unchecked_cols[] = {
	{"claim", "Uitspraak", "Claim"}, {"reason", "Waarom niet getoetst", "Why not tested"},
};

static void json_report(buf *out, const check_report *r, const model *m, int en)
{
	buf_adds(out, "{\n  \"findings\": [");
	for (int i = 0; i < r->n_findings; i++) {
		const check_finding *f = &r->findings[i];
		buf_adds(out, i ? ",\n    {\"rule\": " : "\n    {\"rule\": ");
		rnd_json_string(out, f->rule);
		buf_adds(out, ", \"severity\": ");
		rnd_json_string(out, check_severity_name(f->severity, 1));
		buf_adds(out, ", \"area\": ");
		if (f->area >= 0)
			rnd_json_string(out, m->areas[f->area].code);
		else
			buf_adds(out, "null");
		buf_printf(out, ", \"year\": %d, \"figures\": {", f->year);
		for (int k = 0; k < f->n_figures; k++) {
			if (k)
				buf_adds(out, ", ");
			rnd_json_string(out, f->figures[k].name);
			buf_adds(out, ": ");
			if (f->figures[k].known)
				rnd_plain(out, f->figures[k].v);
			else
				buf_adds(out, "null");
		}
		buf_adds(out, "}, \"message\": ");
		rnd_json_string(out, en ? f->message_en : f->message_nl);
		buf_adds(out, "}");
	}
	buf_adds(out, r->n_findings ? "\n  ],\n  \"unchecked\": [" : "],\n  \"unchecked\": [");
	for (int i = 0; i < r->n_unchecked; i++) {
		buf_adds(out, i ? ",\n    {\"claim\": " : "\n    {\"claim\": ");
		rnd_json_string(out, r->unchecked[i].claim);
		buf_adds(out, ", \"reason\": ");
		rnd_json_string(out, en ? r->unchecked[i].reason_en : r->unchecked[i].reason_nl);
		buf_adds(out, "}");
	}
	buf_printf(out, "%s,\n  \"claims_checked\": %d\n}\n", r->n_unchecked ? "\n  ]" : "]", r->claims_checked);
}

void rnd_check_render(buf *out, const check_report *r, const model *m, const rnd_opts *o)
{
	int en = o->english;
	if (o->format == RND_JSON) {
		json_report(out, r, m, en);
		return;
	}
	rnd_table *t = rnd_table_new(finding_cols, 5);
	for (int i = 0; i < r->n_findings; i++) {
		const check_finding *f = &r->findings[i];
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, f->rule);
		rnd_set_text(t, row, 1, check_severity_name(f->severity, en || o->format == RND_CSV));
		rnd_set_text(t, row, 2, f->area >= 0 ? m->areas[f->area].code : "");
		char year[16];
		snprintf(year, sizeof year, "%d", f->year);
		rnd_set_text(t, row, 3, year);
		rnd_set_text(t, row, 4, en ? f->message_en : f->message_nl);
	}
	if (o->format != RND_CSV) {
		t->title = en ? "Findings" : "Bevindingen";
		if (!r->n_findings)
			buf_adds(out, en ? "No findings.\n" : "Geen bevindingen.\n");
		else
			rnd_table_render(out, t, o);
		buf_printf(out, en ? "\n%d claims tested against the figures.\n" : "\n%d uitspraken getoetst aan de cijfers.\n",
			   r->claims_checked);
		if (r->n_unchecked) {
			rnd_table *u = rnd_table_new(unchecked_cols, 2);
			u->title = en ? "Claims about unknown or estimated figures, consistent with the others"
				      : "Uitspraken over onbekende of geschatte cijfers, in overeenstemming met de andere";
			for (int i = 0; i < r->n_unchecked; i++) {
				rnd_cell *row = rnd_table_row(u);
				rnd_set_text(u, row, 0, r->unchecked[i].claim);
				rnd_set_text(u, row, 1, en ? r->unchecked[i].reason_en : r->unchecked[i].reason_nl);
			}
			buf_addc(out, '\n');
			rnd_table_render(out, u, o);
			rnd_table_free(u);
		}
	} else {
		rnd_table_render(out, t, o);
	}
	rnd_table_free(t);
}
