/* fmt_sheet.c - CSV for a spreadsheet, for people: what a Belgian
 * spreadsheet opens as columns (UTF-8 byte order mark, ';' between fields,
 * decimal comma) with the labels of the page and sensible rounding (counts
 * whole, percentages to one decimal). English (--lang en): ',' and a
 * decimal point. A figure's flag goes to a column of its own ("teken"), so
 * that the number column holds numbers only. The machine CSV (fmt_data.c)
 * stays what it is: plain numbers, the same in every locale. */
#include "render.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static char sep(const rnd_opts *o)
{
	return o->english ? ',' : ';';
}

static int is_percent(enum rnd_kind k)
{
	return k == CELL_PERCENT || k == CELL_SIGNED_PERCENT;
}

/* every value of the column is a percentage: its label says "(%)" */
static int percent_column(const rnd_table *t, int col)
{
	int any = 0;
	for (int r = 0; r < t->n_rows; r++) {
		enum rnd_kind k = t->cells[(size_t)r * (size_t)t->n_cols + (size_t)col].kind;
		if (k == CELL_COUNT || k == CELL_SIGNED_COUNT || k == CELL_DECIMAL || k == CELL_TEXT)
			return 0;
		any |= is_percent(k);
	}
	return any;
}

static void number(buf *out, const rnd_cell *c, int english)
{
	char s[64];
	if (c->kind == CELL_COUNT || c->kind == CELL_SIGNED_COUNT)
		snprintf(s, sizeof s, "%.0f", round(c->num));
	else
		snprintf(s, sizeof s, "%.1f", c->num);
	if (!strcmp(s, "-0") || !strcmp(s, "-0.0"))
		memmove(s, s + 1, strlen(s));
	if (!english)
		for (char *p = s; *p; p++)
			if (*p == '.')
				*p = ',';
	buf_adds(out, s);
}

static void sheet_table(buf *out, const rnd_table *t, const rnd_opts *o)
{
	char d = sep(o);
	if (t->title) {
		rnd_csv_field(out, t->title); /* quoted when it holds , or ; */
		buf_adds(out, "\r\n");
	}
	for (int c = 0; c < t->n_cols; c++) {
		const char *label = o->english ? t->cols[c].label_en : t->cols[c].label_nl;
		if (c)
			buf_addc(out, d);
		if (percent_column(t, c)) {
			char *l = xasprintf("%s (%%)", label);
			rnd_csv_field(out, l);
			free(l);
		} else {
			rnd_csv_field(out, label);
		}
		if (rnd_column_numeric(t, c))
			buf_printf(out, "%c%s", d, V(o->english, annex_symbol));
	}
	buf_adds(out, "\r\n");
	for (int r = 0; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_cols; c++) {
			const rnd_cell *cell = &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c];
			if (c)
				buf_addc(out, d);
			int shown = cell->kind != CELL_EMPTY && cell->kind != CELL_NULL && !(cell->flags & CALC_CONFIDENTIAL);
			if (cell->kind == CELL_TEXT)
				rnd_csv_field(out, cell->text);
			else if (shown)
				number(out, cell, o->english);
			if (rnd_column_numeric(t, c)) {
				buf_addc(out, d);
				if (cell->kind == CELL_NULL && !(cell->flags & CALC_CONFIDENTIAL))
					buf_addc(out, '.');
				else if (cell->kind != CELL_EMPTY)
					buf_adds(out, rnd_flag_symbol(cell->flags));
			}
		}
		buf_adds(out, "\r\n");
	}
}

void rnd_sheet_tables(buf *out, rnd_table *const *t, int n, unsigned flags, const rnd_opts *o)
{
	buf_adds(out, "\xEF\xBB\xBF"); /* the byte order mark: the spreadsheet reads UTF-8 */
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(out, "\r\n");
		sheet_table(out, t[i], o);
	}
	char *legend = rnd_flag_legend(flags, o->english);
	if (legend) {
		buf_adds(out, "\r\n");
		rnd_csv_field(out, legend);
		buf_adds(out, "\r\n");
		free(legend);
	}
}

static void sheet_ladder(buf *out, const calc_ladder *l, const rnd_opts *o)
{
	rnd_table *t[2] = {rnd_ladder_summary(l, o->english), rnd_ladder_forms(l, o->english)};
	char *title = rnd_ladder_title(l, o->english);
	t[0]->title = title;
	rnd_sheet_tables(out, t, 2, l->flags, o);
	free(title);
	rnd_table_free(t[0]);
	rnd_table_free(t[1]);
}

const rnd_backend rnd_sheet_backend = {"sheet", sheet_table, sheet_ladder};
