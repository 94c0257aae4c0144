/* fmt_check.c - the findings of `ladder check` in every format: tables for
 * people (table, md), a flat table for machines (csv), and the JSON of the
 * contract {"findings": [{rule, severity, area, year, figures, message}]}. */
#include "render.h"
#include "../base/num.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const rnd_column finding_cols[] = {
	{"rule", VOCAB_PAIR(col_rule)}, {"severity", VOCAB_PAIR(col_severity)}, {"area", VOCAB_PAIR(annex_area)},
	{"year", VOCAB_PAIR(page_year)}, {"message", VOCAB_PAIR(col_finding)},
};

static const rnd_column unchecked_cols[] = {
	{"claim", VOCAB_PAIR(col_claim)}, {"reason", VOCAB_PAIR(col_why_not_tested)},
};

/* The figure of a finding by name; 0 when it has none (withheld). */
static double fig(const check_finding *f, const char *name)
{
	for (int k = 0; k < f->n_figures; k++)
		if (strcmp(f->figures[k].name, name) == 0)
			return f->figures[k].v;
	return 0;
}

/* A count as people read it: "56.721" or "56,721". Up to four at once. */
static const char *count(buf nums[4], int *next, double v, int en)
{
	buf *b = &nums[(*next)++ % 4];
	buf_reset(b);
	num_fmt_decimal(b, v, 0, en);
	return b->ptr;
}

/* ids: name the claims by their ids (for the people who keep the data) */
static void claim_message(buf *out, const check_finding *f, int en, int ids)
{
	const check_claim_ref *c = &f->claims[0];
	const claim_stated *s = &f->stated;
	if (ids)
		buf_printf(out, V(en, check_claim), c->text, c->id, c->stated);
	else
		buf_printf(out, V(en, check_claim_public), c->text, c->stated);
	if (s->kind != STATED_NUMBER) {
		buf lo = BUF_INIT, hi = BUF_INIT;
		num_fmt_decimal(&lo, s->lo, 1, en);
		num_fmt_percent(&hi, s->hi, 1, en);
		buf_printf(out, V(en, check_claim_range), lo.ptr, hi.ptr);
		buf_release(&lo);
		buf_release(&hi);
	}
	buf v = BUF_INIT;
	int known = 0;
	for (int k = 0; k < f->n_figures; k++)
		if (strcmp(f->figures[k].name, "computed") == 0)
			known = f->figures[k].known;
	if (!known) {
		buf_adds(&v, V(en, check_claim_no_value));
	} else if (s->percent) {
		num_fmt_percent(&v, fig(f, "computed"), s->decimals + 1, en);
		if (s->kind == STATED_PHRASE) {
			buf_adds(&v, ": ");
			claim_describe_proportion(&v, fig(f, "computed"), en);
		}
	} else {
		num_fmt_decimal(&v, fig(f, "computed"), s->decimals, en);
	}
	buf_printf(out, V(en, check_claim_gives), v.ptr);
	buf_release(&v);
	for (int k = 1; k < f->n_claims; k++)
		if (f->claims[k].role == CLAIM_HOLDS && ids)
			buf_printf(out, V(en, check_claim_holds), f->claims[k].id, f->claims[k].stated);
		else if (f->claims[k].role == CLAIM_HOLDS)
			buf_printf(out, V(en, check_claim_holds_public), f->claims[k].stated);
}

static void conflict_message(buf *out, const check_finding *f, const model *m, int en, int ids)
{
	buf claims = BUF_INIT, unknowns = BUF_INIT, also = BUF_INIT;
	for (int k = 0; k < f->n_claims; k++) {
		const check_claim_ref *c = &f->claims[k];
		if (c->role == CLAIM_SUBJECT && ids)
			buf_printf(&claims, "%s'%s' (%s: %s)", claims.len ? ", " : "", c->text, c->id, c->stated);
		else if (c->role == CLAIM_SUBJECT)
			buf_printf(&claims, "%s'%s' (%s)", claims.len ? ", " : "", c->text, c->stated);
		else if (ids)
			buf_printf(&also, "%s%s (%s)", also.len ? ", " : "", c->id, c->stated);
	}
	for (int k = 0; k < f->n_refs; k++) {
		const check_ref *u = &f->refs[k];
		buf_printf(&unknowns, "%s%s %s %d", k ? ", " : "", u->area >= 0 ? model_area_name(&m->areas[u->area], en) : u->area_code,
			   u->item, u->year);
	}
	buf_printf(out, V(en, check_conflict), buf_cstr(&claims), buf_cstr(&unknowns));
	if (also.len)
		buf_printf(out, V(en, check_conflict_see_also), also.ptr);
	buf_release(&claims);
	buf_release(&unknowns);
	buf_release(&also);
}

const char *rnd_severity_name(check_severity s, int en)
{
	return s == SEV_ERROR ? V(en, check_error) : s == SEV_WARNING ? V(en, check_warning) : V(en, check_info);
}

/* "2015-2018", "2017", "2016-..." from the finding's years */
static void overlap_message(buf *out, const check_finding *f, const model *m, int en, buf nums[4])
{
	const model_node *a = &m->nodes[f->node], *b = &m->nodes[f->node2];
	int from = (int)fig(f, "from_year"), to = (int)fig(f, "to_year");
	buf *years = &nums[0];
	buf_reset(years);
	if (from == to)
		buf_printf(years, "%d", from);
	else if (!from)
		buf_printf(years, "...-%d", to);
	else if (to == 9999)
		buf_printf(years, "%d-...", from);
	else
		buf_printf(years, "%d-%d", from, to);
	buf_printf(out, V(en, check_overlap), model_node_name(a, en), *a->valid_to ? a->valid_to : V(en, open_end),
		   model_node_name(b, en), *b->valid_from ? b->valid_from : V(en, open_end), years->ptr);
}

static void message(buf *out, const check_finding *f, const model *m, int en, int ids)
{
	const char *area = f->area >= 0 ? model_area_name(&m->areas[f->area], en) : "";
	const model_node *node = f->node >= 0 ? &m->nodes[f->node] : NULL;
	const char *form = node ? model_node_name(node, en) : "";
	const char *code = node ? node->code : "";
	buf nums[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	int k = 0;
	if (f->withheld) {
		buf_printf(out, V(en, check_withheld), area, f->year);
		return;
	}
	switch (f->what) {
	case CHECK_SUB_AREAS:
		buf_printf(out, V(en, check_sub_areas), form, count(nums, &k, fig(f, code), en),
			   count(nums, &k, fig(f, "sum_of_sub_areas"), en));
		break;
	case CHECK_UNSPECIFIED:
		buf_printf(out, V(en, check_unspecified), form, count(nums, &k, fig(f, "sum_of_parts"), en),
			   count(nums, &k, fig(f, code), en), count(nums, &k, fig(f, code) - fig(f, "sum_of_parts"), en));
		break;
	case CHECK_PARTS_EXCEED:
		buf_printf(out, V(en, check_parts_exceed), form, count(nums, &k, fig(f, "sum_of_parts"), en),
			   count(nums, &k, fig(f, code), en));
		break;
	case CHECK_MISSING_NOW:
		buf_printf(out, V(en, check_missing_now), area, form, f->year - 1, count(nums, &k, fig(f, "previous"), en), f->year,
			   f->editions[0]);
		break;
	case CHECK_JUMP: {
		double pct = fig(f, "change_pct");
		buf *p = &nums[2];
		buf_reset(p);
		buf_adds(p, pct > 0 ? "+" : "");
		num_fmt_percent(p, pct, 1, en);
		buf_printf(out, V(en, check_jump), area, form, count(nums, &k, fig(f, "previous"), en),
			   count(nums, &k, fig(f, "current"), en), p->ptr, f->year - 1);
		break;
	}
	case CHECK_REFORM_UNLINKED: {
		int e = model_node_index(m, f->figures[0].name);
		buf_printf(out, V(en, check_reform_unlinked), area, e >= 0 ? model_node_name(&m->nodes[e], en) : "",
			   f->year - 1, count(nums, &k, f->figures[0].v, en), form, f->year, count(nums, &k, f->figures[1].v, en),
			   e >= 0 ? m->nodes[e].code : "", code);
		break;
	}
	case CHECK_OUT_OF_VALIDITY:
		buf_printf(out, V(en, check_out_of_validity), area, form, f->year, *node->valid_from ? node->valid_from : "...",
			   *node->valid_to ? node->valid_to : "...");
		break;
	case CHECK_OVER_POPULATION:
		buf_printf(out, V(en, check_over_population), area, count(nums, &k, fig(f, "totaal"), en),
			   count(nums, &k, fig(f, "population_18_64"), en));
		break;
	case CHECK_CONTEXT_SHARE:
	case CHECK_CONTEXT_COUNT:
		buf_printf(out, f->what == CHECK_CONTEXT_SHARE ? V(en, check_context_share) : V(en, check_context_count), area,
			   f->figures[0].name, f->figures[0].v);
		break;
	case CHECK_REVISION: {
		char *a = xasprintf("edition_%s", f->editions[0]), *b = xasprintf("edition_%s", f->editions[1]);
		buf_printf(out, V(en, check_revision), area, form, f->year, f->editions[0], count(nums, &k, fig(f, a), en),
			   f->editions[1], count(nums, &k, fig(f, b), en), fig(f, b) - fig(f, a));
		free(a);
		free(b);
		break;
	}
	case CHECK_MIXED_UNITS:
		buf_printf(out, V(en, check_mixed_units), area, model_node_name(&m->nodes[m->rung_node[node->rung]], en),
			   count(nums, &k, fig(f, code), en), rnd_form_unit_name(node->unit, en), form);
		break;
	case CHECK_OVERLAP:
		overlap_message(out, f, m, en, nums);
		break;
	case CHECK_PROGRAMME_TWICE:
		buf_printf(out, V(en, check_programme_twice), area, form, model_node_name(&m->nodes[f->node2], en),
			   node->programme, count(nums, &k, fig(f, code), en));
		break;
	case CHECK_SUPPLIER_TOTAL:
		buf_printf(out, f->total_row ? V(en, check_supplier_total_row) : V(en, check_supplier_total_column), f->source,
			   f->label, count(nums, &k, fig(f, "supplier_total"), en), (int)fig(f, "parts"), f->editions[0],
			   count(nums, &k, fig(f, "sum_of_stored"), en), count(nums, &k, fig(f, "supplier_total") - fig(f, "sum_of_stored"), en));
		break;
	case CHECK_CLAIM:
		claim_message(out, f, en, ids);
		break;
	case CHECK_CLAIMS_CONFLICT:
		conflict_message(out, f, m, en, ids);
		break;
	}
	for (int i = 0; i < 4; i++)
		buf_release(&nums[i]);
}

void rnd_check_message(buf *out, const check_finding *f, const model *m, int en)
{
	message(out, f, m, en, 1);
}

void rnd_check_message_public(buf *out, const check_finding *f, const model *m, int en)
{
	message(out, f, m, en, 0);
}

static void json_report(buf *out, const check_report *r, const model *m, int en)
{
	buf_adds(out, "{\n  \"findings\": [");
	for (int i = 0; i < r->n_findings; i++) {
		const check_finding *f = &r->findings[i];
		buf_adds(out, i ? ",\n    {\"rule\": " : "\n    {\"rule\": ");
		rnd_json_string(out, f->rule);
		buf_adds(out, ", \"severity\": ");
		rnd_json_string(out, check_severity_code(f->severity));
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
		buf msg = BUF_INIT;
		rnd_check_message(&msg, f, m, en);
		rnd_json_string(out, buf_cstr(&msg));
		buf_release(&msg);
		buf_adds(out, "}");
	}
	buf_adds(out, r->n_findings ? "\n  ],\n  \"unchecked\": [" : "],\n  \"unchecked\": [");
	for (int i = 0; i < r->n_unchecked; i++) {
		buf_adds(out, i ? ",\n    {\"claim\": " : "\n    {\"claim\": ");
		rnd_json_string(out, r->unchecked[i].claim);
		buf_adds(out, ", \"reason\": ");
		rnd_json_string(out, V(en, check_unchecked_reason));
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
		rnd_set_text(t, row, 1, o->format == RND_CSV ? check_severity_code(f->severity) : rnd_severity_name(f->severity, en));
		rnd_set_text(t, row, 2, f->area >= 0 ? m->areas[f->area].code : "");
		char year[16];
		snprintf(year, sizeof year, "%d", f->year);
		rnd_set_text(t, row, 3, year);
		buf msg = BUF_INIT;
		rnd_check_message(&msg, f, m, en);
		rnd_set_text(t, row, 4, buf_cstr(&msg));
		buf_release(&msg);
	}
	if (o->format != RND_CSV) {
		t->title = V(en, check_findings);
		if (!r->n_findings)
			buf_adds(out, V(en, check_no_findings_n));
		else
			rnd_table_render(out, t, o);
		buf_printf(out, V(en, check_n_claims_tested_against_the_figures),
			   r->claims_checked);
		if (r->n_unchecked) {
			rnd_table *u = rnd_table_new(unchecked_cols, 2);
			u->title = V(en, check_claims_about_unknown_or_estimated);
			for (int i = 0; i < r->n_unchecked; i++) {
				rnd_cell *row = rnd_table_row(u);
				rnd_set_text(u, row, 0, r->unchecked[i].claim);
				rnd_set_text(u, row, 1, V(en, check_unchecked_reason));
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
