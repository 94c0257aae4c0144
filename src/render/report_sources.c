/* report_sources.c - the report's data checks (the findings of
 * engine/check, withheld where they would reveal a hidden figure) and its
 * sources, editions and footnotes (report_build.h). */
#include "report_build.h"
#include "../engine/check.h"
#include "../base/vocab.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ data checks */

typedef struct flag_tally {
	rpt_bld *b;
	buf words; /* "3 estimated, 1 synthetic" */
	long total;
} flag_tally;

static void tally_flag(void *p, const char *flag, long long n)
{
	flag_tally *ft = p;
	ft->total += (long)n;
	if (*flag) {
		unsigned bit = rnd_flag_of_word(flag);
		const char *word = rnd_flag_name(bit ? bit : CALC_MISSING, ft->b->en);
		buf_printf(&ft->words, "%s%lld %s", ft->words.len ? ", " : "", n, word);
	}
}

void rb_checks_section(rpt_bld *b)
{
	calc_ladder *l = b->l;
	rb_heading(b, 1, V(b->en, report_checks_of_the_figures), "controles");
	check_options o;
	check_options_default(&o);
	o.area = b->area;
	o.year = b->d->year;
	o.edition = *l->edition_code ? l->edition_code : NULL;
	lerr e;
	check_report *r = check_run(b->s, b->m, &o, &e);
	if (r && check_redact(r, b->s, b->m, o.edition, &e) < 0) {
		check_report_free(r);
		r = NULL;
	}
	rb_list bl = {0};
	if (!r) {
		rb_para(b, RPT_NOTE, V(b->en, report_the_checks_could_not_run), e.msg);
	} else {
		int n[3] = {0, 0, 0};
		for (int i = 0; i < r->n_findings; i++)
			n[r->findings[i].severity]++;
		rb_para(b, RPT_PARA,
		     V(b->en, report_ladder_check_over_and_its_sub_areas),
		     b->d->area_name, b->d->year, n[SEV_ERROR], n[SEV_WARNING], n[SEV_INFO], r->claims_checked, r->n_unchecked);
		/* errors first, then warnings, then remarks; at most 30 in print
		 * (check_redact took the figures out of findings near hidden cells) */
		int shown = 0;
		for (int sev = SEV_ERROR; sev >= SEV_INFO && shown < 30; sev--)
			for (int i = 0; i < r->n_findings && shown < 30; i++) {
				const check_finding *f = &r->findings[i];
				if ((int)f->severity != sev)
					continue;
				buf s = BUF_INIT;
				buf_printf(&s, "%s: ", rnd_severity_name(f->severity, b->en));
				rnd_check_message_public(&s, f, b->m, b->en);
				rb_list_add(b, &bl, s.ptr, NULL);
				buf_release(&s);
				shown++;
			}
		if (r->n_findings > shown) {
			char *s = xasprintf(V(b->en, report_and_more_ladder_check_area_year),
					    r->n_findings - shown, b->m->areas[b->area].code, b->d->year);
			rb_list_add(b, &bl, s, NULL);
			free(s);
		}
		for (int i = 0; i < r->n_unchecked && i < 10; i++) {
			char *s = xasprintf(V(b->en, report_cannot_be_checked), r->unchecked[i].text,
					    V(b->en, check_unchecked_reason));
			rb_list_add(b, &bl, s, NULL);
			free(s);
		}
		check_report_free(r);
	}
	/* flagged figures of the edition and year */
	flag_tally ft = {b, BUF_INIT, 0};
	if (store_flag_counts(b->s, l->edition, b->d->year, tally_flag, &ft, b->err) < 0) {
		b->failed = 1;
	} else {
		buf *t = &ft.words;
		char *s = xasprintf(V(b->en, report_edition_d_figures_in_the_database),
				    l->edition_code, b->d->year, ft.total, t->len ? V(b->en, report_of_which) : "", t->len ? t->ptr : "",
				    t->len ? "" : V(b->en, report_none_of_them_flagged));
		rb_list_add(b, &bl, s, NULL);
		free(s);
	}
	buf_release(&ft.words);
	if (bl.n)
		rb_list_emit(b, &bl, RPT_BULLETS);
}

/* ---------------------------------------------- sources, editions, notes */

static const rnd_column src_cols[] = {
	{"work_form", VOCAB_PAIR(annex_work_form)},
	{"source", VOCAB_PAIR(annex_source)},
	{"rule", VOCAB_PAIR(annex_counting_rule)},
	{"unit", VOCAB_PAIR(col_unit)},
};
static const rnd_column ed_cols[] = {
	{"edition", VOCAB_PAIR(page_edition)},
	{"years", VOCAB_PAIR(col_years_with_figures)},
	{"batches", VOCAB_PAIR(col_files)},
};

/* The footnotes name areas and figures as readers know them, not by code. */
static const char *footnote_area(rpt_bld *b, const char *code)
{
	int a = code ? model_area_index(b->m, code) : -1;
	return a >= 0 ? rb_area_name(b, a) : code ? code : "";
}

static const char *footnote_item(rpt_bld *b, const char *code)
{
	int n = code ? rb_node(b, code) : -1;
	if (n >= 0)
		return model_node_name(&b->m->nodes[n], b->en);
	int i = code ? model_indicator_index(b->m, code) : -1;
	if (i >= 0) {
		const model_indicator *x = &b->m->indicators[i];
		return b->en && *x->name_en ? x->name_en : x->name_nl;
	}
	return code ? code : "";
}

typedef struct edition_rows {
	rpt_bld *b;
	rnd_table *t;
} edition_rows;

static void join_years(buf *o, const int *years, int n)
{
	for (int i = 0; i < n; i++)
		buf_printf(o, "%s%d", i ? ", " : "", years[i]);
}

static void edition_row(void *p, const store_edition_info *ed)
{
	edition_rows *er = p;
	rpt_bld *b = er->b;
	rnd_cell *row = rnd_table_row(er->t);
	buf o = BUF_INIT;
	buf_printf(&o, "%s%s", ed->code, !strcmp(ed->code, b->l->edition_code) ? V(b->en, report_this_report) : "");
	size_t plain = o.len;
	buf_adds(&o, " – ");
	rnd_edition_about(&o, ed->meta, b->en); /* the colophon: what its title page says */
	if (*ed->meta->carried_from) {
		buf_adds(&o, o.len > plain + 5 ? "; " : "");
		buf n = BUF_INIT;
		rnd_count(&n, (double)ed->carried, b->en);
		buf_printf(&o, V(b->en, edition_carried_from), ed->meta->carried_from, n.ptr);
		buf_release(&n);
	}
	if (o.len == plain + strlen(" – "))
		o.len = plain;
	o.ptr[o.len] = '\0';
	rnd_set_text(er->t, row, 0, o.ptr);
	o.len = 0;
	join_years(&o, ed->figure_years, ed->n_figure_years);
	rnd_set_text(er->t, row, 1, o.len ? o.ptr : "-");
	o.len = 0;
	for (int i = 0; i < ed->n_files; i++)
		buf_printf(&o, "%s%s", i ? ", " : "", ed->files[i]);
	rnd_set_text(er->t, row, 2, o.len ? o.ptr : "-");
	buf_release(&o);
}

typedef struct estimates_list {
	rpt_bld *b;
	rb_list *bl;
} estimates_list;

/* which estimated figures, and how they were derived */
static void estimate_item(void *p, const store_estimate *x)
{
	estimates_list *el = p;
	buf tb = BUF_INIT;
	buf_printf(&tb, "%s, %s: ", footnote_area(el->b, x->area_code), footnote_item(el->b, x->code));
	chart_fmt(&tb, (calc_value){x->value, x->known, 0}, 0, el->b->en);
	buf_adds(&tb, " e");
	if (*x->note)
		buf_printf(&tb, " – %s", x->note);
	rb_list_add(el->b, el->bl, tb.ptr, NULL);
	buf_release(&tb);
}

void rb_sources_section(rpt_bld *b)
{
	calc_ladder *l = b->l;
	const model *m = b->m;
	rb_heading(b, 1, V(b->en, report_sources_editions_and_footnotes), "bronnen");
	rb_heading(b, 2, V(b->en, report_sources), "bronnen-werkvormen");
	rnd_table *t = rnd_table_new(src_cols, 4);
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *n = &m->nodes[f->node];
		if (f->not_specified || n->kind != KIND_FORM)
			continue;
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, model_node_name(n, b->en));
		rnd_set_text(t, row, 1, *n->source ? n->source : "-");
		rnd_set_text(t, row, 2, *n->counting_rule ? n->counting_rule : "-");
		rnd_set_text(t, row, 3, rnd_form_unit_name(n->unit, b->en));
	}
	if (t->n_rows)
		rb_add_table(b, t, V(b->en, report_work_forms_source_and_counting_rule));
	else
		rnd_table_free(t);
	rb_para(b, RPT_PARA,
	     V(b->en, report_wage_employees_paid_employment_by));

	rb_heading(b, 2, V(b->en, report_editions), "edities");
	rnd_table *e = rnd_table_new(ed_cols, 3);
	edition_rows er = {b, e};
	if (store_edition_list(b->s, STORE_EDITION_FILES | STORE_EDITION_FIGURES, edition_row, &er, b->err) < 0)
		b->failed = 1;
	rb_add_table(b, e, NULL);
	rb_para(b, RPT_PARA,
	     V(b->en, report_every_figure_belongs_to_an_edition),
	     l->edition_code);

	rb_heading(b, 2, V(b->en, report_footnotes_and_symbols), "voetnoten");
	rb_list bl = {0};
	if (b->used & CALC_SYNTHETIC)
		rb_list_add(b, &bl, V(b->en, report_s_synthetic_an_invented_split_for), NULL);
	if (b->used & CALC_ESTIMATED) {
		rb_list_add(b, &bl, V(b->en, report_e_estimated_derived_from_published), NULL);
		/* which figures, and how they were derived */
		estimates_list el = {b, &bl};
		if (store_estimates(b->s, l->edition, b->d->year, m->areas[b->area].id,
				    m->flanders >= 0 ? m->areas[m->flanders].id : -1, estimate_item, &el, b->err) < 0)
			b->failed = 1;
	}
	if (b->used & CALC_CONFIDENTIAL)
		rb_list_add(b, &bl, V(b->en, report_x_confidential_the_figure_is_too), NULL);
	if (b->used & CALC_RECOMPUTED) {
		char *s = xasprintf(V(b->en, report_h_recomputed), model_map_label_year(m));
		rb_list_add(b, &bl, s, NULL);
		free(s);
	}
	/* totals that add a count in another unit than persons, as published */
	for (int i = 0; i < l->n_notes; i++) {
		if (!l->notes[i].unit)
			continue;
		buf nb = BUF_INIT;
		rnd_ladder_note(&nb, l, &l->notes[i], b->en);
		rb_list_add(b, &bl, nb.ptr, NULL);
		buf_release(&nb);
	}
	rb_list_add(b, &bl, V(b->en, report_unknown_never_counted_as_0_zero), NULL);
	rb_list_add(b, &bl, V(b->en, report_shares_of_rungs_3_5_are_shares_of), NULL);
	rb_list_emit(b, &bl, RPT_BULLETS);
}
