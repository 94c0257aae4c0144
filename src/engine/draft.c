/* draft.c - the grid of a delivery and where its table is: header rows,
 * data rows, what ends them, total rows (draft.h). The columns and labels
 * are read in draft_layout.c. */
#define _POSIX_C_SOURCE 200809L
#include "draft_internal.h"

#include <stdlib.h>
#include <string.h>

void draft_grid_init(draft_grid *g)
{
	memset(g, 0, sizeof *g);
	arena_init(&g->mem);
}

void draft_grid_free(draft_grid *g)
{
	free(g->rows);
	free(g->merges);
	arena_release(&g->mem);
	memset(g, 0, sizeof *g);
}

static void grow_row(draft_grid *g, draft_row *r, int n)
{
	const char **s = arena_alloc(&g->mem, sizeof *s * (size_t)n);
	unsigned char *t = arena_alloc(&g->mem, (size_t)n);
	for (int i = 0; i < n; i++) {
		s[i] = i < r->n ? r->s[i] : "";
		t[i] = i < r->n ? r->typed[i] : 0;
	}
	r->s = s;
	r->typed = t;
	r->n = n;
}

void draft_grid_set(draft_grid *g, long row, int col, const char *s, int typed)
{
	if (row < 1 || col < 1)
		return;
	if (row > g->cap_rows) {
		long cap = g->cap_rows ? g->cap_rows : 64;
		while (cap < row)
			cap *= 2;
		g->rows = xrealloc(g->rows, sizeof *g->rows * (size_t)cap);
		memset(g->rows + g->cap_rows, 0, sizeof *g->rows * (size_t)(cap - g->cap_rows));
		g->cap_rows = cap;
	}
	g->n_rows = row > g->n_rows ? row : g->n_rows;
	draft_row *r = &g->rows[row - 1];
	if (col > r->n)
		grow_row(g, r, col > 2 * r->n ? col : 2 * r->n);
	r->s[col - 1] = arena_strdup(&g->mem, s);
	r->typed[col - 1] = (unsigned char)typed;
	g->n_cols = col > g->n_cols ? col : g->n_cols;
}

void draft_grid_add(draft_grid *g, const csv_row *r)
{
	for (int i = 0; i < r->n; i++)
		if (!num_is_blank(r->f[i].s))
			draft_grid_set(g, r->line, i + 1, r->f[i].s, r->f[i].typed);
}

void draft_grid_merge(draft_grid *g, sheet_range r)
{
	if (g->n_merges == g->cap_merges) {
		g->cap_merges = g->cap_merges ? 2 * g->cap_merges : 16;
		g->merges = xrealloc(g->merges, sizeof *g->merges * (size_t)g->cap_merges);
	}
	g->merges[g->n_merges++] = r;
}

const char *draft_cell(const draft_grid *g, long row, int col)
{
	if (row < 1 || row > g->n_rows || col < 1)
		return "";
	const draft_row *r = &g->rows[row - 1];
	return col <= r->n ? r->s[col - 1] : "";
}

int draft_typed(const draft_grid *g, long row, int col)
{
	if (row < 1 || row > g->n_rows || col < 1)
		return 0;
	const draft_row *r = &g->rows[row - 1];
	return col <= r->n ? r->typed[col - 1] : 0;
}

const char *draft_cell_merged(const draft_grid *g, long row, int col)
{
	const char *s = draft_cell(g, row, col);
	for (int i = 0; i < g->n_merges && !*s; i++) {
		const sheet_range *m = &g->merges[i];
		if (row >= m->row1 && row <= m->row2 && col >= m->col1 && col <= m->col2)
			s = draft_cell(g, m->row1, m->col1);
	}
	return s;
}

/* ---- cells */

int draft_is_number(const draft_grid *g, long row, int col, num_style *style)
{
	const char *s = draft_cell(g, row, col);
	if (!*s)
		return 0;
	if (draft_typed(g, row, col))
		return 1;
	const char *why;
	long long n;
	if (num_parse_count(s, &n, &why) == 0) {
		if (style && strchr(s, '.'))
			*style = NUM_STYLE_DUTCH; /* grouped: 1.234 */
		return 1;
	}
	num_style st = NUM_STYLE_UNKNOWN;
	double d;
	if (num_parse_decimal(s, &d, &st, &why) != 0)
		return 0;
	if (style)
		*style = st;
	return 1;
}

/* a number that is not a year: a figure, not a header's year */
static int is_figure(const draft_grid *g, long row, int col)
{
	return draft_is_number(g, row, col, NULL) && !draft_year(draft_cell(g, row, col));
}

int draft_row_count(const draft_grid *g, long row)
{
	int n = 0;
	for (int c = 1; c <= g->n_cols; c++)
		n += *draft_cell(g, row, c) != '\0';
	return n;
}

int draft_row_first(const draft_grid *g, long row)
{
	for (int c = 1; c <= g->n_cols; c++)
		if (*draft_cell(g, row, c))
			return c;
	return 0;
}

static int is_data_row(const draft_grid *g, long row)
{
	if (draft_row_count(g, row) < 2)
		return 0;
	for (int c = 1; c <= g->n_cols; c++)
		if (is_figure(g, row, c))
			return 1;
	return 0;
}

/* A header row has two values or more; a row of one value under or over
 * the value columns (a spanning label) too, but not a title in column A. */
static int is_header_row(const draft_grid *g, long row)
{
	int n = draft_row_count(g, row);
	return n >= 2 || (n == 1 && draft_row_first(g, row) > 1);
}

int draft_is_total_label(const char *s)
{
	char f[64];
	draft_fold(s, f, sizeof f);
	return !strncmp(f, "totaal", 6) || !strcmp(f, "total") || !strcmp(f, "eindtotaal") || !strcmp(f, "algemeentotaal");
}

/* The row's total label ("Totaal", "Totaal West-Vlaanderen"), or NULL. */
const char *draft_total_label(const draft_grid *g, long row)
{
	for (int c = 1; c <= g->n_cols; c++) {
		const char *s = draft_cell(g, row, c);
		if (*s && !draft_is_number(g, row, c, NULL))
			return draft_is_total_label(s) ? s : NULL;
	}
	return NULL;
}

/* A note's text rather than a label: it starts with a mark ("* ...",
 * "(1) ..."), says "Bron:", or is a sentence. A row of an area whose
 * figures are all empty ("De Panne") is not one. */
static int reads_as_note(const char *s)
{
	static const char *const words[] = {"bron", "bronnen", "noot", "nota", "opmerking", "toelichting", "source", "note"};
	char f[64];
	model_fold(s, f, sizeof f);
	size_t n = strcspn(f, " ");
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && !strncmp(f, words[i], n))
			return 1;
	int spaces = 0;
	for (const char *p = s; *p; p++)
		spaces += *p == ' ';
	unsigned char c = (unsigned char)*s;
	int word = c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
	return !word || strchr(s, ':') || spaces >= 2;
}

/* A footnote: one note in the first columns, no figure ("Bron: VDAB",
 * "* voorlopige cijfers", "(1) ..."). */
static int is_footnote(const draft_grid *g, long row)
{
	int c = draft_row_first(g, row);
	return draft_row_count(g, row) == 1 && c <= 2 && !is_figure(g, row, c) && reads_as_note(draft_cell(g, row, c));
}

/* "Bron" of "Bron: VDAB", "*" of "* voorlopig": a footnote's first word,
 * or its first character when it starts with none. */
static const char *first_word(arena *a, const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = 0;
	while (s[n] && ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z'))
		n++;
	return arena_strndup(a, s, n ? n : 1);
}

/* "Bron: VDAB, Departement WSE" gives "VDAB, Departement WSE". */
static void find_supplier(const draft_grid *g, long from, draft_result *r)
{
	for (long row = from; row <= g->n_rows && !r->supplier; row++) {
		const char *s = draft_cell(g, row, draft_row_first(g, row));
		char f[16];
		draft_fold(s, f, sizeof f);
		if (!strncmp(f, "bron", 4) && strchr(s, ':')) {
			const char *v = strchr(s, ':') + 1;
			while (*v == ' ')
				v++;
			if (*v)
				r->supplier = arena_strndup(&r->mem, v, strcspn(v, ";\n"));
		}
	}
}

/* The end of the data: a blank row, a footnote; total rows stay in. */
static void find_end(const draft_grid *g, draft_result *r)
{
	long row = r->data_first;
	for (; row <= g->n_rows; row++) {
		if (draft_row_count(g, row) == 0) {
			r->end_blank = 1;
			break;
		}
		const char *total = draft_total_label(g, row);
		if (total)
			draft_add_text(r, &r->total_rows, &r->n_total_rows, total);
		if (!total && is_footnote(g, row)) {
			r->end_prefix = first_word(&r->mem, draft_cell(g, row, draft_row_first(g, row)));
			break;
		}
	}
	r->data_last = row - 1;
	for (long f = row; f <= g->n_rows && !r->end_prefix; f++)
		if (is_footnote(g, f))
			r->end_prefix = first_word(&r->mem, draft_cell(g, f, draft_row_first(g, f)));
	find_supplier(g, row, r);
}

void draft_add_text(draft_result *r, const char ***list, int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp((*list)[i], s))
			return;
	if (!*list)
		*list = arena_alloc(&r->mem, sizeof **list * DRAFT_MAX_TEXTS);
	if (*n < DRAFT_MAX_TEXTS)
		(*list)[(*n)++] = arena_strdup(&r->mem, s);
}

void draft_issue_add(draft_result *r, enum draft_what what, long row, int col, const char *text, const char *other)
{
	if (r->n_issues % 16 == 0)
		r->issues = xrealloc(r->issues, sizeof *r->issues * (size_t)(r->n_issues + 16));
	r->issues[r->n_issues++] = (draft_issue){what, row, col, arena_strdup(&r->mem, text ? text : ""),
						 arena_strdup(&r->mem, other ? other : ""), what == DRAFT_AREA_MERGED};
}

/* The first data row, and the header rows right above it. */
static int find_table(const draft_grid *g, draft_result *r)
{
	long d = 1;
	while (d <= g->n_rows && !is_data_row(g, d))
		d++;
	long h = d - 1;
	while (h >= 1 && is_header_row(g, h))
		h--;
	if (d > g->n_rows || h == d - 1) {
		draft_issue_add(r, DRAFT_NO_TABLE, 0, 0, "", NULL);
		return 0;
	}
	r->header_first = h + 1;
	r->header_last = d - 1;
	r->data_first = d;
	find_end(g, r);
	return 1;
}

int draft_undecided(const draft_result *r)
{
	int n = 0;
	for (int i = 0; i < r->n_issues; i++)
		n += !r->issues[i].note;
	return n;
}

void draft_result_free(draft_result *r)
{
	free(r->issues);
	free(r->areas);
	free(r->forms);
	arena_release(&r->mem);
	memset(r, 0, sizeof *r);
}

int draft_detect(const draft_grid *g, const model *m, draft_result *r)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->mem);
	r->fixed_form = -1;
	r->n_cols = g->n_cols;
	r->col_field = arena_alloc(&r->mem, sizeof *r->col_field * (size_t)(g->n_cols + 1));
	memset(r->col_field, 0, sizeof *r->col_field * (size_t)(g->n_cols + 1));
	if (!find_table(g, r))
		return 0;
	draft_layout(g, m, r);
	return 0;
}
