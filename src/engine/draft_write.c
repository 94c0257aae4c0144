/* draft_write.c - a draft as a source profile (docs/sources.md): what was
 * decided as keys, what was not as comments ("# fixed year = ?"), so that
 * the file parses either way and a person sees what to fill in. */
#define _POSIX_C_SOURCE 200809L
#include "draft_internal.h"

#include <string.h>

static void quoted(buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	buf_addc(out, '"');
}

static void letters(buf *out, int col)
{
	char z[24];
	sheet_cell_name(z, sizeof z, col, 1);
	z[strcspn(z, "1")] = '\0';
	buf_adds(out, z);
}

static const char *field_key(enum draft_field f)
{
	switch (f) {
	case DRAFT_AREA: return "area";
	case DRAFT_WORK_FORM: return "work_form";
	case DRAFT_YEAR: return "year";
	case DRAFT_MONTH: return "month";
	default: return "";
	}
}

static const char *unit_key(enum model_form_unit u)
{
	static const char *const keys[MODEL_FORM_UNITS] = {"persons", "places", "trajecten", "fte"};
	return keys[u];
}

static void header_keys(const draft_result *r, const char *name, const char *sheet, buf *out)
{
	buf_printf(out, "format = 1\nname = %s\n", name);
	if (r->supplier) {
		buf_adds(out, "supplier = ");
		quoted(out, r->supplier);
		buf_addc(out, '\n');
	}
	if (sheet) {
		buf_adds(out, "sheet = ");
		quoted(out, sheet);
		buf_addc(out, '\n');
	}
	if (r->header_first == r->header_last)
		buf_printf(out, "header = %ld\n", r->header_first);
	else
		buf_printf(out, "header = %ld..%ld\n", r->header_first, r->header_last);
	if (r->data_first != r->header_last + 1)
		buf_printf(out, "data = %ld\n", r->data_first);
	buf_adds(out, "end = blank");
	if (r->end_prefix) {
		buf_adds(out, ", prefix ");
		quoted(out, r->end_prefix);
	}
	buf_printf(out, "\nlayout = %s\nunit = %s\n", r->wide ? "wide" : "long", unit_key(r->unit));
	if (r->numbers != NUM_STYLE_UNKNOWN)
		buf_printf(out, "numbers = %s\n", r->numbers == NUM_STYLE_PLAIN ? "plain" : "nl");
}

static void list(buf *out, const char *key, const char **items, int n)
{
	if (!n)
		return;
	buf_printf(out, "%s = ", key);
	for (int i = 0; i < n; i++) {
		buf_adds(out, i ? ", " : "");
		quoted(out, items[i]);
	}
	buf_addc(out, '\n');
}

static void columns(const draft_result *r, buf *out)
{
	static const enum draft_field keys[] = {DRAFT_AREA, DRAFT_WORK_FORM, DRAFT_YEAR, DRAFT_MONTH, DRAFT_VALUE};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
		for (int c = 1; c <= r->n_cols; c++)
			if (r->col_field[c] == keys[k] && !(r->wide && keys[k] == DRAFT_VALUE)) {
				buf_printf(out, "column %s = ", keys[k] == DRAFT_VALUE ? "persons" : field_key(keys[k]));
				letters(out, c);
				buf_addc(out, '\n');
			}
	if (!r->wide)
		return;
	buf_adds(out, "columns = ");
	for (long i = 0; i <= r->header_last - r->header_first; i++)
		buf_printf(out, "%s%s", i ? ", " : "", r->row_field[i] ? field_key(r->row_field[i]) : "?");
	buf_addc(out, '\n');
}

static int has_field(const draft_result *r, enum draft_field f)
{
	for (int c = 1; c <= r->n_cols; c++)
		if (r->col_field[c] == f)
			return 1;
	for (long i = 0; r->wide && i <= r->header_last - r->header_first; i++)
		if (r->row_field[i] == f)
			return 1;
	return 0;
}

static void fixed(const draft_result *r, const model *m, buf *out)
{
	if (has_field(r, DRAFT_MONTH))
		buf_adds(out, "month = december\n");
	if (r->fixed_year)
		buf_printf(out, "fixed year = %d\n", r->fixed_year);
	else if (!has_field(r, DRAFT_YEAR))
		buf_adds(out, "# fixed year = ?\n");
	if (r->fixed_form >= 0)
		buf_printf(out, "fixed work_form = %s\n", m->nodes[r->fixed_form].code);
	else if (!has_field(r, DRAFT_WORK_FORM))
		buf_adds(out, "# fixed work_form = ?\n");
}

static void totals(const draft_result *r, const draft_grid *g, buf *out)
{
	list(out, "total row", r->total_rows, r->n_total_rows);
	for (int c = 1; c <= r->n_cols; c++)
		if (r->col_field[c] == DRAFT_TOTAL) {
			buf_adds(out, "total column = ");
			quoted(out, draft_header_text(r, g, c));
			buf_addc(out, '\n');
		}
	int n = 0;
	for (int c = 1; c <= r->n_cols; c++)
		if (r->col_field[c] == DRAFT_IGNORE) {
			buf_adds(out, n++ ? ", " : "ignore column = ");
			letters(out, c);
		}
	if (n)
		buf_addc(out, '\n');
}

typedef struct label_kind {
	const char *section;
	const char *(*code)(const model *, int);
	void (*note)(const model *, int, buf *); /* a comment after the line, or nothing */
} label_kind;

/* A label that is the code itself needs no line. */
static void label_map(buf *out, const label_kind *k, const draft_label *l, int n, const model *m)
{
	int opened = 0;
	for (int i = 0; i < n; i++) {
		if (l[i].index >= 0 && !strcmp(l[i].label, k->code(m, l[i].index)))
			continue;
		if (!opened++)
			buf_printf(out, "\n[%s]\n", k->section);
		buf_adds(out, l[i].index >= 0 ? "" : "# ");
		quoted(out, l[i].label);
		buf_printf(out, " = %s", l[i].index >= 0 ? k->code(m, l[i].index) : "?");
		if (l[i].index >= 0)
			k->note(m, l[i].index, out);
		buf_addc(out, '\n');
	}
}

static const char *area_code(const model *m, int i)
{
	return m->areas[i].code;
}

/* An old name: "# ..2018-12-31 -> 44083", the last day of its code and
 * the code it went into. */
static void area_note(const model *m, int i, buf *out)
{
	const model_area *a = &m->areas[i];
	const model_succession *next = model_area_successor(m, i);
	if (*a->valid_to)
		buf_printf(out, "   # ..%s -> %s", a->valid_to, next ? m->areas[next->to].code : "");
}

static const char *node_code(const model *m, int i)
{
	return m->nodes[i].code;
}

static void no_note(const model *m, int i, buf *out)
{
	(void)m, (void)i, (void)out;
}

void draft_write(const draft_result *r, const draft_grid *g, const model *m, const char *name, const char *sheet,
		 buf *out)
{
	buf_adds(out, "# ladder profiles draft\n");
	if (!r->data_first) {
		buf_adds(out, "# ?\n");
		return;
	}
	header_keys(r, name, sheet, out);
	list(out, "missing", r->missing, r->n_missing);
	list(out, "hidden", r->hidden, r->n_hidden);
	columns(r, out);
	fixed(r, m, out);
	totals(r, g, out);
	static const label_kind forms = {"work_forms", node_code, no_note}, areas = {"areas", area_code, area_note};
	label_map(out, &forms, r->forms, r->n_forms, m);
	label_map(out, &areas, r->areas, r->n_areas, m);
}
