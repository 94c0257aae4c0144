/* render.c - number formatting, the table document, and the ladder as
 * tables for the people-facing backends. */
#include "render.h"
#include "../base/vocab.h"
#include "../base/num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int rnd_format_parse(const char *s, rnd_format *out)
{
	static const struct { const char *name; rnd_format f; } names[] = {
		{"table", RND_TABLE}, {"csv", RND_CSV}, {"json", RND_JSON}, {"md", RND_MD}, {"markdown", RND_MD},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].f;
			return 0;
		}
	return LERR_USAGE;
}

/* ---------------------------------------------------------------- numbers */

void rnd_count(buf *b, double v, int english)
{
	num_fmt_decimal(b, v, 0, english);
}

void rnd_decimal(buf *b, double v, int decimals, int english)
{
	num_fmt_decimal(b, v, decimals, english);
}

void rnd_percent(buf *b, double v, int decimals, int english)
{
	num_fmt_percent(b, v, decimals, english);
}

void rnd_signed_count(buf *b, double v, int english)
{
	if (llround(v) > 0)
		buf_addc(b, '+');
	rnd_count(b, v, english);
}

void rnd_signed_percent(buf *b, double v, int english)
{
	if (round(v * 10) > 0)
		buf_addc(b, '+');
	rnd_percent(b, v, 1, english);
}

void rnd_change(buf *b, double abs, double pct, int english)
{
	rnd_signed_count(b, abs, english);
	buf_adds(b, " (");
	rnd_signed_percent(b, pct, english);
	buf_addc(b, ')');
}

void rnd_plain(buf *b, double v)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		buf_printf(b, "%.0f", v);
		return;
	}
	char t[64];
	for (int p = 15; p <= 17; p++) {
		snprintf(t, sizeof t, "%.*g", p, v);
		if (strtod(t, NULL) == v)
			break;
	}
	buf_adds(b, t);
}

void rnd_json_string(buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

void rnd_xml_escape(buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_addc(b, *s);
		}
	}
}

void rnd_csv_field(buf *b, const char *s)
{
	if (!strpbrk(s, ",;\"\n\r")) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

const char *rnd_flag_symbol(unsigned f)
{
	if (f & CALC_CONFIDENTIAL)
		return "x";
	if (f & CALC_MISSING)
		return ".";
	if (f & CALC_SYNTHETIC)
		return "s";
	if (f & CALC_ESTIMATED)
		return "e";
	if (f & CALC_RECOMPUTED)
		return "h";
	return "";
}

const char *rnd_flag_word(unsigned f)
{
	if (f & CALC_CONFIDENTIAL)
		return "confidential";
	if (f & CALC_MISSING)
		return "missing";
	if (f & CALC_SYNTHETIC)
		return "synthetic";
	if (f & CALC_ESTIMATED)
		return "estimated";
	if (f & CALC_RECOMPUTED)
		return "recomputed";
	return "";
}

const char *rnd_form_unit_name(enum model_form_unit u, int en)
{
	switch (u) {
	case FORM_PLACES:
		return V(en, form_unit_places);
	case FORM_TRAJECTORIES:
		return V(en, form_unit_trajectories);
	case FORM_FTE:
		return V(en, form_unit_fte);
	case FORM_PERSONS:
		break;
	}
	return V(en, form_unit_persons);
}

/* A count in another unit than persons, added into its rung and the total */
static void unit_note(buf *out, const calc_ladder *l, const calc_note *n, int en)
{
	const model_node *x = &l->m->nodes[n->node];
	const char *name = model_node_name(x, en), *unit = rnd_form_unit_name(x->unit, en);
	if (n->confidential) {
		buf_printf(out, V(en, ladder_note_unit_hidden), name, unit, x->rung);
		return;
	}
	buf num = BUF_INIT;
	num_fmt_decimal(&num, n->reported, 0, en);
	buf_printf(out, V(en, ladder_note_unit), name, unit, num.ptr, x->rung);
	buf_release(&num);
}

void rnd_ladder_note(buf *out, const calc_ladder *l, const calc_note *n, int en)
{
	const char *code = l->m->nodes[n->node].code;
	if (n->unit) {
		unit_note(out, l, n, en);
		return;
	}
	if (n->confidential)
		buf_printf(out, n->by_area ? V(en, ladder_note_sub_areas_hidden) : V(en, ladder_note_parts_hidden), code);
	else
		buf_printf(out, n->by_area ? V(en, ladder_note_sub_areas) : V(en, ladder_note_parts), code, n->reported, n->parts,
			   n->reported - n->parts);
}

const char *rnd_area_label(const model *m, int area, int en, int qualify, arena *mem)
{
	const model_area *a = &m->areas[area];
	const char *name = model_area_name(a, en);
	for (int k = 0; k < m->n_areas && !qualify; k++)
		qualify = k != area && strcmp(model_area_name(&m->areas[k], en), name) == 0;
	if (!qualify)
		return name;
	static const char *const label_nl[] = {VOCAB_area_label_region_nl, VOCAB_area_label_province_nl,
					       VOCAB_area_label_arrondissement_nl, VOCAB_area_label_municipality_nl,
					       VOCAB_area_label_grouping_nl};
	static const char *const label_en[] = {VOCAB_area_label_region_en, VOCAB_area_label_province_en,
					       VOCAB_area_label_arrondissement_en, VOCAB_area_label_municipality_en,
					       VOCAB_area_label_grouping_en};
	/* a name that says its level already: "Regio Brugge" */
	const char *word = model_level_name(a->level, en);
	if (strncasecmp(name, word, strlen(word)) == 0)
		return name;
	return arena_printf(mem, (en ? label_en : label_nl)[a->level], name);
}

const char *rnd_lineage_kind(enum model_lineage_kind k, int en)
{
	switch (k) {
	case LINEAGE_RENAMED: return V(en, lineage_renamed);
	case LINEAGE_MERGED_INTO: return V(en, lineage_merged_into);
	case LINEAGE_SPLIT_INTO: return V(en, lineage_split_into);
	case LINEAGE_REPLACED_BY: return V(en, lineage_replaced_by);
	}
	return "";
}

void rnd_flag_abbr(buf *b, unsigned flags, int en)
{
	const char *sym = rnd_flag_symbol(flags);
	if (*sym)
		buf_printf(b, "&nbsp;<abbr title=\"%s\">%s</abbr>", rnd_flag_name(flags, en), sym);
}

const char *rnd_flag_name(unsigned f, int en)
{
	if (f & CALC_CONFIDENTIAL)
		return V(en, flag_confidential);
	if (f & CALC_MISSING)
		return V(en, flag_missing);
	if (f & CALC_SYNTHETIC)
		return V(en, flag_synthetic);
	if (f & CALC_ESTIMATED)
		return V(en, flag_estimated);
	if (f & CALC_RECOMPUTED)
		return V(en, flag_recomputed);
	return "";
}

unsigned rnd_flag_of_word(const char *word)
{
	static const unsigned bits[] = {CALC_CONFIDENTIAL, CALC_MISSING, CALC_SYNTHETIC, CALC_ESTIMATED, CALC_RECOMPUTED};
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
		if (word && strcmp(word, rnd_flag_word(bits[i])) == 0)
			return bits[i];
	return 0;
}

char *rnd_flag_legend(unsigned f, int english)
{
	return rnd_flag_legend_map(f, english, 0);
}

char *rnd_flag_legend_map(unsigned f, int english, int map_year)
{
	char recomputed[160];
	if (map_year)
		snprintf(recomputed, sizeof recomputed, V(english, flag_recomputed_map), map_year);
	else
		snprintf(recomputed, sizeof recomputed, "%s", rnd_flag_name(CALC_RECOMPUTED, english));
	const struct { unsigned bit; const char *sym, *text; } legend[] = {
		{CALC_SYNTHETIC, "s", V(english, flag_synthetic_demo)},
		{CALC_ESTIMATED, "e", V(english, flag_estimated_shares)},
		{CALC_RECOMPUTED, "h", recomputed},
		{CALC_CONFIDENTIAL, "x", rnd_flag_name(CALC_CONFIDENTIAL, english)},
		{CALC_MISSING, ".", rnd_flag_name(CALC_MISSING, english)},
	};
	buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++)
		if (f & legend[i].bit)
			buf_printf(&b, "%s%s = %s", b.len ? "; " : "", legend[i].sym, legend[i].text);
	if (!b.len)
		return NULL;
	buf_printf(&b, "; - = %s; . = %s", V(english, flag_zero), V(english, flag_unknown));
	return buf_detach(&b);
}

/* ---------------------------------------------------------------- tables */

rnd_table *rnd_table_new(const rnd_column *cols, int n_cols)
{
	rnd_table *t = xcalloc(1, sizeof *t);
	arena_init(&t->mem);
	t->cols = cols;
	t->n_cols = n_cols;
	return t;
}

void rnd_table_free(rnd_table *t)
{
	if (!t)
		return;
	free(t->cells);
	arena_release(&t->mem);
	free(t);
}

rnd_cell *rnd_table_row(rnd_table *t)
{
	if (t->n_rows == t->cap_rows) {
		t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 32;
		t->cells = xrealloc(t->cells, sizeof *t->cells * (size_t)t->cap_rows * (size_t)t->n_cols);
	}
	rnd_cell *row = &t->cells[(size_t)t->n_rows++ * (size_t)t->n_cols];
	memset(row, 0, sizeof *row * (size_t)t->n_cols);
	return row;
}

int rnd_table_drop_unknown_last(rnd_table *t)
{
	int last = t->n_cols - 1;
	if (last < 1 || !t->n_rows)
		return 0;
	for (int r = 0; r < t->n_rows; r++) {
		enum rnd_kind k = t->cells[(size_t)r * (size_t)t->n_cols + (size_t)last].kind;
		if (k != CELL_NULL && k != CELL_EMPTY)
			return 0;
	}
	/* the rows close up in place: row r's first n_cols-1 cells move to
	 * their place in the narrower table */
	for (int r = 1; r < t->n_rows; r++)
		memmove(&t->cells[(size_t)r * (size_t)last], &t->cells[(size_t)r * (size_t)t->n_cols],
			sizeof *t->cells * (size_t)last);
	t->n_cols = last;
	return 1;
}

int rnd_column_numeric(const rnd_table *t, int col)
{
	for (int r = 0; r < t->n_rows; r++)
		if (t->cells[(size_t)r * (size_t)t->n_cols + (size_t)col].kind == CELL_TEXT)
			return 0;
	return 1;
}

void rnd_set_text(rnd_table *t, rnd_cell *row, int col, const char *s)
{
	row[col].kind = CELL_TEXT;
	row[col].text = arena_strdup(&t->mem, s ? s : "");
}

void rnd_set_value(rnd_cell *row, int col, enum rnd_kind kind, calc_value v)
{
	if (v.flags & CALC_CONFIDENTIAL)
		rnd_set_num(row, col, CELL_NULL, 0, CALC_CONFIDENTIAL);
	else if (!v.known)
		rnd_set_num(row, col, CELL_NULL, 0, 0);
	else
		rnd_set_num(row, col, kind, v.v, v.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED));
}

void rnd_set_num(rnd_cell *row, int col, enum rnd_kind kind, double v, unsigned flags)
{
	/* a confidential value never enters a table: no backend can print it */
	if (flags & CALC_CONFIDENTIAL) {
		kind = kind == CELL_EMPTY ? CELL_EMPTY : CELL_NULL;
		v = 0;
	}
	row[col].kind = kind;
	row[col].num = v;
	row[col].flags = flags;
}

int rnd_value_shown(calc_value v)
{
	return v.known && !(v.flags & CALC_CONFIDENTIAL);
}

const rnd_backend *rnd_backend_for(rnd_format f)
{
	switch (f) {
	case RND_CSV: return &rnd_csv_backend;
	case RND_JSON: return &rnd_json_backend;
	case RND_MD: return &rnd_md_backend;
	case RND_SHEET: return &rnd_sheet_backend;
	default: return &rnd_text_backend;
	}
}

void rnd_table_render(buf *out, const rnd_table *t, const rnd_opts *o)
{
	rnd_backend_for(o->format)->table(out, t, o);
}

void rnd_ladder_render(buf *out, const calc_ladder *l, const rnd_opts *o)
{
	rnd_backend_for(o->format)->ladder(out, l, o);
}

/* ---------------------------------------------------- the ladder as tables */

static const rnd_column summary_cols[] = {
	{"indicator", VOCAB_PAIR(page_indicator)},
	{"persons", VOCAB_PAIR(page_persons)},
	{"share", VOCAB_PAIR(page_share)},
};

static void put(rnd_cell *row, int col, enum rnd_kind kind, calc_value v)
{
	if (rnd_value_shown(v))
		rnd_set_num(row, col, kind, v.v, v.flags);
	else
		rnd_set_num(row, col, CELL_NULL, 0, v.flags);
}

static void summary_row(rnd_table *t, const char *label, calc_value count, enum rnd_kind ck, calc_value share,
			enum rnd_kind sk)
{
	rnd_cell *row = rnd_table_row(t);
	rnd_set_text(t, row, 0, label);
	if (ck != CELL_EMPTY)
		put(row, 1, ck, count);
	if (sk != CELL_EMPTY)
		put(row, 2, sk, share);
}

static const calc_value none = {0, 0, 0};

char *rnd_ladder_title(const calc_ladder *l, int english)
{
	const model_area *a = &l->m->areas[l->area];
	const char *level = model_level_name(a->level, english);
	return xasprintf(V(english, rnd_ladder_title), model_area_name(a, english), level, a->code, l->year,
			 *l->edition_code ? l->edition_code : V(english, page_none));
}

rnd_table *rnd_ladder_summary(const calc_ladder *l, int en)
{
	rnd_table *t = rnd_table_new(summary_cols, 3);
	const model *m = l->m;
	for (int r = 5; r >= 3; r--) {
		const model_rung *g = &m->rungs[r];
		char *label = xasprintf("%s %d: %s", V(en, report_rung_2), r, en ? g->name_en : g->name_nl);
		summary_row(t, label, l->rung[r], CELL_COUNT, l->rung_share[r], CELL_PERCENT);
		free(label);
		if (r == 5) {
			summary_row(t, V(en, table_of_which_collective_custom_work),
				    l->collective, CELL_COUNT, l->collective_share, CELL_PERCENT);
			summary_row(t, V(en, table_of_which_individual), l->individual, CELL_COUNT,
				    l->individual_share, CELL_PERCENT);
		}
	}
	calc_value hundred = {100, l->total.known, 0};
	summary_row(t, V(en, table_total_employment_and_participation),
		    l->total, CELL_COUNT, hundred, CELL_PERCENT);
	summary_row(t, V(en, table_wage_employees), l->wage_employees, CELL_COUNT, none, CELL_EMPTY);
	summary_row(t, V(en, table_rung_5_as_a_share_of_wage_employees), none,
		    CELL_EMPTY, l->rung5_share_of_wage, CELL_PERCENT);
	char *r6 = xasprintf("%s 6: %s (%s)", V(en, report_rung_2), en ? m->rungs[6].name_en : m->rungs[6].name_nl,
			     V(en, table_wage_employees_minus_rung_5));
	summary_row(t, r6, l->rung[6], CELL_COUNT, l->rung_share[6], CELL_PERCENT);
	free(r6);
	summary_row(t, V(en, table_total_as_equivalent_of_wage),
		    none, CELL_EMPTY, l->share_of_wage_employment, CELL_PERCENT);
	summary_row(t, V(en, table_share_of_the_flemish_total), none, CELL_EMPTY,
		    l->share_of_flemish_total, CELL_PERCENT);
	for (int r = 5; r >= 3; r--) {
		char *label = xasprintf(V(en, table_rung_share_of_flanders), r);
		summary_row(t, label, none, CELL_EMPTY, l->rung_share_of_flemish[r], CELL_PERCENT);
		free(label);
	}
	char *prev = xasprintf(V(en, table_total_same_edition), l->year - 1);
	summary_row(t, prev, l->prev_total, CELL_COUNT, none, CELL_EMPTY);
	free(prev);
	char *chg = xasprintf(V(en, table_change_on), l->year - 1);
	summary_row(t, chg, l->change_abs, CELL_SIGNED_COUNT, l->change_pct, CELL_SIGNED_PERCENT);
	free(chg);
	return t;
}

static const rnd_column forms_cols[] = {
	{"rung", VOCAB_PAIR(report_rung_2)},
	{"code", VOCAB_PAIR(annex_code)},
	{"work_form", VOCAB_PAIR(annex_work_form)},
	{"persons", VOCAB_PAIR(page_persons)},
};

rnd_table *rnd_ladder_forms(const calc_ladder *l, int en)
{
	rnd_table *t = rnd_table_new(forms_cols, 4);
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *n = &l->m->nodes[f->node];
		rnd_cell *row = rnd_table_row(t);
		char rung[8];
		snprintf(rung, sizeof rung, "%d", n->rung);
		rnd_set_text(t, row, 0, rung);
		if (f->not_specified) {
			rnd_set_text(t, row, 1, n->code);
			rnd_set_text(t, row, 2, V(en, report_not_specified_total_minus_its_known));
		} else {
			rnd_set_text(t, row, 1, n->code);
			const char *name = model_node_name(n, en);
			if (n->kind == KIND_SUBCATEGORY) {
				char *label = xasprintf("%s (%s)", name, V(en, report_subtotal));
				rnd_set_text(t, row, 2, label);
				free(label);
			} else {
				rnd_set_text(t, row, 2, name);
			}
		}
		put(row, 3, CELL_COUNT, f->persons);
	}
	return t;
}

void rnd_cell_text(buf *b, const rnd_cell *c, int english)
{
	if (c->kind != CELL_EMPTY && c->kind != CELL_TEXT && (c->flags & CALC_CONFIDENTIAL)) {
		buf_adds(b, "x");
		return;
	}
	switch (c->kind) {
	case CELL_EMPTY:
		return;
	case CELL_NULL:
		buf_adds(b, c->flags & CALC_CONFIDENTIAL ? "x" : ".");
		return;
	case CELL_TEXT:
		buf_adds(b, c->text);
		return;
	case CELL_COUNT:
		if (c->num == 0 && !c->flags)
			buf_addc(b, '-');
		else
			rnd_count(b, c->num, english);
		break;
	case CELL_DECIMAL:
		rnd_decimal(b, c->num, 1, english);
		break;
	case CELL_PERCENT:
		rnd_percent(b, c->num, 1, english);
		break;
	case CELL_SIGNED_COUNT:
		rnd_signed_count(b, c->num, english);
		break;
	case CELL_SIGNED_PERCENT:
		rnd_signed_percent(b, c->num, english);
		break;
	}
	const char *sym = rnd_flag_symbol(c->flags);
	if (*sym)
		buf_printf(b, " %s", sym);
}
