/* draft_layout.c - what the columns of a delivery's table give (draft.h):
 * key columns by their values, value columns, long or wide by what the
 * header rows over the value columns hold; then the labels, the texts in
 * figure cells, numbers stored as text, the unit and the fields the title
 * gives. */
#define _POSIX_C_SOURCE 200809L
#include "draft_internal.h"
#include "../model/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a data row that is not a total row */
static int is_part_row(const draft_grid *g, long row)
{
	return draft_row_count(g, row) > 0 && !draft_total_label(g, row);
}

static int is_missing_marker(const char *s)
{
	static const char *const words[] = {"-", ".", "..", "?", "nb", "nvt", "na"};
	char f[16];
	draft_fold(s, f, sizeof f);
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(s, words[i]) || (*f && !strcmp(f, words[i])))
			return 1;
	return 0;
}

static int is_hidden_marker(const char *s)
{
	char f[16];
	draft_fold(s, f, sizeof f);
	return s[0] == '<' || !strcmp(s, "*") || !strcmp(f, "x") || !strcmp(f, "c") || !strcmp(f, "conf") ||
	       !strcmp(f, "vertrouwelijk");
}

typedef struct col_stats {
	int n, figures, markers, years, areas, forms, months;
} col_stats;

/* Area codes are numbers: only numbers of four or five digits may be one. */
static int may_be_code(const char *s)
{
	size_t n = strlen(s);
	return (n == 4 || n == 5) && strspn(s, "0123456789") == n;
}

/* A delivery repeats its labels in every row: each is matched once (keys
 * are the grid's cells, which outlive draft_detect). */
static int memo(strmap *map, const model *m, const char *s, int (*match)(const model *, const char *))
{
	int v;
	if (strmap_get(map, s, &v))
		return v;
	v = match(m, s);
	strmap_put(map, s, v);
	return v;
}

static int any_year_area(const model *m, const char *s)
{
	return draft_match_area(m, s, 0);
}

static col_stats column_stats(const draft_grid *g, const model *m, draft_result *r, int col)
{
	col_stats st = {0};
	for (long row = r->data_first; row <= r->data_last; row++) {
		const char *s = draft_cell(g, row, col);
		if (!*s || !is_part_row(g, row))
			continue;
		st.n++;
		int number = draft_is_number(g, row, col, NULL);
		st.years += draft_year(s) != 0;
		st.figures += number && !draft_year(s);
		st.markers += !number && (is_missing_marker(s) || is_hidden_marker(s));
		if (!number || may_be_code(s))
			st.areas += memo(&r->memo_area, m, s, any_year_area) != -1;
		if (!number) {
			st.forms += memo(&r->memo_form, m, s, draft_match_form) != -1;
			st.months += draft_month(s) != 0;
		}
	}
	return st;
}

/* Half the labels matched is enough: the others are listed as unknown. */
static int most(int k, int n)
{
	return n > 0 && 2 * k >= n;
}

/* What a column gives by its values. */
static enum draft_field key_field(col_stats st)
{
	if (st.n == 0)
		return DRAFT_NONE;
	if (st.years == st.n)
		return DRAFT_YEAR;
	if (most(st.areas, st.n))
		return DRAFT_AREA;
	if (most(st.forms, st.n))
		return DRAFT_WORK_FORM;
	if (most(st.months, st.n))
		return DRAFT_MONTH;
	if (st.figures > 0 && 2 * (st.figures + st.markers) >= st.n)
		return DRAFT_VALUE;
	return DRAFT_IGNORE;
}

/* A column of codes (31005) is the area column before one of names beside it. */
static int codes_column(const draft_grid *g, const draft_result *r, int col)
{
	for (long row = r->data_first; row <= r->data_last; row++)
		if (is_part_row(g, row) && *draft_cell(g, row, col) && !may_be_code(draft_cell(g, row, col)))
			return 0;
	return 1;
}

/* Only one column per key field: the area one of codes first, else the first. */
static void one_column_per_field(const draft_grid *g, draft_result *r)
{
	int seen[DRAFT_IGNORE + 1] = {0};
	for (int pass = 0; pass < 2; pass++)
		for (int c = 1; c <= r->n_cols; c++) {
			enum draft_field f = r->col_field[c];
			if (f == DRAFT_NONE || f >= DRAFT_VALUE)
				continue;
			if (pass == 0 && !(f == DRAFT_AREA && codes_column(g, r, c)))
				continue;
			if (seen[f] && seen[f] != c)
				r->col_field[c] = DRAFT_IGNORE;
			else
				seen[f] = c;
		}
}

const char *draft_header_text(const draft_result *r, const draft_grid *g, int col)
{
	buf b = BUF_INIT;
	const char *last = "";
	for (long h = r->header_first; h <= r->header_last && h > 0; h++) {
		const char *s = draft_cell_merged(g, h, col);
		if (*s && strcmp(s, last))
			buf_printf(&b, "%s%s", b.len ? " / " : "", s);
		last = s;
	}
	const char *out = arena_strdup((arena *)&r->mem, buf_cstr(&b));
	buf_release(&b);
	return out;
}

static int is_value_col(const draft_result *r, int c)
{
	return r->col_field[c] == DRAFT_VALUE;
}

/* What one header cell names. */
static enum draft_field label_field(const model *m, const char *s)
{
	if (draft_year(s))
		return DRAFT_YEAR;
	if (draft_month(s))
		return DRAFT_MONTH;
	if (draft_match_form(m, s) != -1)
		return DRAFT_WORK_FORM;
	if (draft_match_area(m, s, 0) != -1)
		return DRAFT_AREA;
	return DRAFT_NONE;
}

/* The field of a header row over the value columns: what at least half
 * of its cells name. */
static enum draft_field header_row_field(const draft_grid *g, const model *m, const draft_result *r, long h)
{
	int count[DRAFT_IGNORE + 1] = {0}, n = 0;
	for (int c = 1; c <= r->n_cols; c++) {
		const char *s = draft_cell_merged(g, h, c);
		if (!is_value_col(r, c) || !*s)
			continue;
		n++;
		count[label_field(m, s)]++;
	}
	enum draft_field best = DRAFT_NONE;
	for (int f = DRAFT_AREA; f <= DRAFT_MONTH; f++)
		if (count[f] > count[best] || best == DRAFT_NONE)
			best = count[f] ? (enum draft_field)f : best;
	return best != DRAFT_NONE && 2 * count[best] >= n ? best : DRAFT_NONE;
}

static int first_value_col(const draft_result *r)
{
	for (int c = 1; c <= r->n_cols; c++)
		if (is_value_col(r, c))
			return c;
	return 0;
}

/* A value column without a cell in a header row that gives a field: the
 * import would not know its field (merged cells the file does not keep,
 * as in .xls). */
static void header_gaps(const draft_grid *g, draft_result *r, long h)
{
	for (int c = 1; c <= r->n_cols; c++)
		if (is_value_col(r, c) && !*draft_cell_merged(g, h, c))
			draft_issue_add(r, DRAFT_HEADER_EMPTY, h, c, draft_header_text(r, g, c), NULL);
}

/* Do the header rows a..b (of the table's header) give each value column
 * a key of its own? */
static int keys_distinct(const draft_grid *g, const draft_result *r, long a, long b)
{
	strmap seen;
	strmap_init(&seen);
	arena keys;
	arena_init(&keys);
	int distinct = 1;
	for (int c = 1; c <= r->n_cols && distinct; c++) {
		if (!is_value_col(r, c))
			continue;
		buf k = BUF_INIT;
		for (long h = a; h <= b; h++)
			buf_printf(&k, "%s\x1f", draft_cell_merged(g, r->header_first + h, c));
		int v;
		distinct = !strmap_get(&seen, k.ptr, &v);
		strmap_put(&seen, arena_strdup(&keys, k.ptr), 1);
		buf_release(&k);
	}
	strmap_release(&seen);
	arena_release(&keys);
	return distinct;
}

/* The key field that neither a column nor a header row (f[0..n)) gives:
 * what an unlabelled header row most likely names. */
static enum draft_field missing_field(const draft_result *r, const enum draft_field *f, long n)
{
	static const enum draft_field keys[] = {DRAFT_WORK_FORM, DRAFT_AREA, DRAFT_YEAR};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		int given = 0;
		for (int c = 1; c <= r->n_cols; c++)
			given |= r->col_field[c] == keys[k];
		for (long i = 0; i < n; i++)
			given |= f[i] == keys[k];
		if (!given)
			return keys[k];
	}
	return DRAFT_NONE;
}

/* Wide: header rows that give no field are dropped from the ends (a
 * spanning "Aantal personen"), unless the value columns need one to tell
 * them apart (2023 / 2023 over GGZ / Welzijn: the supplier's own work-form
 * labels): that row gives the key field no column or row gives, its labels
 * to be mapped. One between two that do is undecided. */
static void wide_header(const draft_grid *g, const model *m, draft_result *r)
{
	long n = r->header_last - r->header_first + 1;
	enum draft_field *f = arena_alloc(&r->mem, sizeof *f * (size_t)n);
	for (long i = 0; i < n; i++)
		f[i] = header_row_field(g, m, r, r->header_first + i);
	long a = 0, b = n - 1;
	while (f[a] == DRAFT_NONE)
		a++;
	while (f[b] == DRAFT_NONE)
		b--;
	enum draft_field missing = missing_field(r, f, n);
	if (missing != DRAFT_NONE && !keys_distinct(g, r, a, b)) {
		if (b + 1 < n && keys_distinct(g, r, a, b + 1))
			f[++b] = missing;
		else if (a > 0 && keys_distinct(g, r, a - 1, b))
			f[--a] = missing;
	}
	for (long i = a; i <= b; i++)
		if (f[i] == DRAFT_NONE)
			draft_issue_add(r, DRAFT_HEADER_UNCLEAR, r->header_first + i, first_value_col(r),
					draft_cell_merged(g, r->header_first + i, first_value_col(r)), NULL);
	for (long i = a; i <= b; i++)
		header_gaps(g, r, r->header_first + i);
	r->row_field = f + a;
	r->header_first += a;
	r->header_last = r->header_first + (b - a);
	r->wide = 1;
}

static void long_values(const draft_grid *g, draft_result *r)
{
	int first = first_value_col(r);
	for (int c = first + 1; c <= r->n_cols; c++)
		if (is_value_col(r, c)) {
			draft_issue_add(r, DRAFT_MANY_VALUES, r->header_last, c, draft_header_text(r, g, c), NULL);
			r->col_field[c] = DRAFT_IGNORE;
		}
}

static void choose_layout(const draft_grid *g, const model *m, draft_result *r)
{
	int any = 0;
	for (long h = r->header_first; h <= r->header_last; h++)
		any |= header_row_field(g, m, r, h) != DRAFT_NONE;
	if (any)
		wide_header(g, m, r);
	else if (first_value_col(r))
		long_values(g, r);
	else
		draft_issue_add(r, DRAFT_NO_TABLE, r->data_first, 0, "", NULL);
}

static void classify_columns(const draft_grid *g, const model *m, draft_result *r)
{
	for (int c = 1; c <= r->n_cols; c++) {
		r->col_field[c] = key_field(column_stats(g, m, r, c));
		if (r->col_field[c] == DRAFT_VALUE && draft_is_total_label(draft_header_text(r, g, c)))
			r->col_field[c] = DRAFT_TOTAL;
	}
	one_column_per_field(g, r);
}

/* ---- fields and their labels */

static int field_given(const draft_result *r, enum draft_field f)
{
	for (int c = 1; c <= r->n_cols; c++)
		if (r->col_field[c] == f)
			return c;
	for (long i = 0; r->wide && i <= r->header_last - r->header_first; i++)
		if (r->row_field[i] == f)
			return -1;
	return 0;
}

static void note_year(draft_result *r, int y)
{
	if (!y)
		return;
	r->year_min = !r->year_min || y < r->year_min ? y : r->year_min;
	r->year_max = y > r->year_max ? y : r->year_max;
}

/* The cells that hold a field's labels: a column's part rows, or a
 * header row's cells over the value columns. */
typedef void (*label_fn)(const draft_grid *g, const model *m, draft_result *r, long row, int col);

static void each_label(const draft_grid *g, const model *m, draft_result *r, enum draft_field f, label_fn fn)
{
	int c = field_given(r, f);
	if (c > 0)
		for (long row = r->data_first; row <= r->data_last; row++)
			if (is_part_row(g, row) && *draft_cell(g, row, c))
				fn(g, m, r, row, c);
	for (long i = 0; c < 0 && i <= r->header_last - r->header_first; i++)
		for (int col = 1; r->row_field[i] == f && col <= r->n_cols; col++)
			if (is_value_col(r, col) && *draft_cell(g, r->header_first + i, col))
				fn(g, m, r, r->header_first + i, col);
}

static void year_label(const draft_grid *g, const model *m, draft_result *r, long row, int col)
{
	(void)m;
	note_year(r, draft_year(draft_cell(g, row, col)));
}

static int known_label(const draft_label *l, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(l[i].label, s))
			return 1;
	return 0;
}

static void add_label(draft_result *r, draft_label **list, int *n, const char *s, int index, long row, int col)
{
	if (*n % 32 == 0)
		*list = xrealloc(*list, sizeof **list * (size_t)(*n + 32));
	(*list)[(*n)++] = (draft_label){arena_strdup(&r->mem, s), index, row, col};
}

/* An area's name may have meant another area in another year of the
 * figures (Deinze before and after 2019); an old name after its merger
 * is wrong; one before it is fine and said. */
static void check_area_years(const model *m, draft_result *r, int a, const char *s, long row, int col)
{
	const model_area *area = &m->areas[a];
	int end = *area->valid_to ? atoi(area->valid_to) : 0;
	if (r->year_min && r->year_min != r->year_max && draft_match_area(m, s, r->year_min) != a)
		draft_issue_add(r, DRAFT_AREA_AMBIGUOUS, row, col, s, NULL);
	else if (end && r->year_max > end)
		draft_issue_add(r, DRAFT_AREA_AFTER_MERGER, row, col, s, NULL);
	else if (end) {
		const model_succession *next = model_area_successor(m, a);
		draft_issue_add(r, DRAFT_AREA_MERGED, row, col, s, next ? m->areas[next->to].code : "");
	}
}

static void area_label(const draft_grid *g, const model *m, draft_result *r, long row, int col)
{
	const char *s = draft_cell(g, row, col);
	if (known_label(r->areas, r->n_areas, s))
		return;
	int a = draft_match_area(m, s, r->year_max);
	add_label(r, &r->areas, &r->n_areas, s, a, row, col);
	if (a == -1 || a == -2)
		draft_issue_add(r, a == -1 ? DRAFT_AREA_UNKNOWN : DRAFT_AREA_AMBIGUOUS, row, col, s, NULL);
	else
		check_area_years(m, r, a, s, row, col);
}

static void form_label(const draft_grid *g, const model *m, draft_result *r, long row, int col)
{
	const char *s = draft_cell(g, row, col);
	if (known_label(r->forms, r->n_forms, s))
		return;
	int f = draft_match_form(m, s);
	add_label(r, &r->forms, &r->n_forms, s, f, row, col);
	if (f < 0)
		draft_issue_add(r, f == -1 ? DRAFT_FORM_UNKNOWN : DRAFT_FORM_AMBIGUOUS, row, col, s, NULL);
}

/* The rows above the header: title and notes. */
static char *title_text(const draft_grid *g, const draft_result *r)
{
	buf b = BUF_INIT;
	for (long row = 1; row < r->header_first; row++)
		for (int c = 1; c <= g->n_cols; c++)
			if (*draft_cell(g, row, c))
				buf_printf(&b, "%s ", draft_cell(g, row, c));
	return buf_detach(&b);
}

/* The year the header's months name with them ("jan 2024", "2024M01"):
 * the first, and in *second another one; 0 when they name none. */
static int months_year(const draft_grid *g, const draft_result *r, int *second)
{
	int first = 0;
	*second = 0;
	for (long h = r->header_first; h && h <= r->header_last; h++)
		for (int c = 1; c <= r->n_cols; c++) {
			const char *s = draft_cell_merged(g, h, c);
			int y = 0;
			if (!is_value_col(r, c) || !draft_month(s) || !prof_month_year(s, &y) || !y)
				continue;
			if (!first)
				first = y;
			else if (y != first && !*second)
				*second = y;
		}
	return first;
}

static void fixed_fields(const draft_grid *g, const model *m, draft_result *r)
{
	char *title = title_text(g, r);
	if (!field_given(r, DRAFT_YEAR)) {
		int second, msecond = 0;
		int my = field_given(r, DRAFT_MONTH) ? months_year(g, r, &msecond) : 0;
		r->fixed_year = draft_year_in_text(title, &second);
		if (msecond) { /* one profile reads one year */
			char years[32];
			snprintf(years, sizeof years, "%d, %d", my, msecond);
			draft_issue_add(r, DRAFT_MONTHS_TWO_YEARS, 0, 0, years, NULL);
			r->fixed_year = 0;
		} else if (my) { /* the months say their year exactly; a title may name its publication's */
			r->fixed_year = my;
		} else if (second) {
			draft_issue_add(r, DRAFT_TWO_YEARS, 0, 0, title, NULL);
			r->fixed_year = 0;
		} else if (!r->fixed_year) {
			draft_issue_add(r, DRAFT_NO_YEAR, 0, 0, "", NULL);
		}
		note_year(r, r->fixed_year);
	}
	if (!field_given(r, DRAFT_WORK_FORM)) {
		r->fixed_form = draft_form_in_text(m, title);
		if (r->fixed_form < 0)
			draft_issue_add(r, DRAFT_NO_WORK_FORM, 0, 0, title, NULL);
		r->fixed_form = r->fixed_form < 0 ? -1 : r->fixed_form;
	}
	if (!field_given(r, DRAFT_AREA))
		draft_issue_add(r, DRAFT_NO_AREA, 0, 0, "", NULL);
	if (field_given(r, DRAFT_MONTH))
		draft_issue_add(r, DRAFT_MONTH_RULE, 0, 0, "", NULL);
	free(title);
}

/* ---- figure cells: numbers as text, markers */

/* Each text once, at its first cell. */
static int said(const draft_result *r, enum draft_what what, const char *s)
{
	for (int i = 0; i < r->n_issues; i++)
		if (r->issues[i].what == what && !strcmp(r->issues[i].text, s))
			return 1;
	return 0;
}

static void figure_cell(const draft_grid *g, draft_result *r, long row, int col, int *dutch, int *plain)
{
	const char *s = draft_cell(g, row, col);
	num_style st = NUM_STYLE_UNKNOWN;
	if (draft_is_number(g, row, col, &st)) {
		*dutch |= !draft_typed(g, row, col) && st != NUM_STYLE_PLAIN;
		*plain |= st == NUM_STYLE_PLAIN;
	} else if (!*s || is_missing_marker(s))
		draft_add_text(r, &r->missing, &r->n_missing, s);
	else if (is_hidden_marker(s))
		draft_add_text(r, &r->hidden, &r->n_hidden, s);
	else if (!said(r, DRAFT_CELL_TEXT, s))
		draft_issue_add(r, DRAFT_CELL_TEXT, row, col, s, NULL);
}

static void figure_cells(const draft_grid *g, draft_result *r)
{
	int dutch = 0, plain = 0;
	for (int c = 1; c <= r->n_cols; c++)
		for (long row = r->data_first; (is_value_col(r, c) || r->col_field[c] == DRAFT_TOTAL) && row <= r->data_last; row++)
			if (draft_row_count(g, row))
				figure_cell(g, r, row, c, &dutch, &plain);
	if (dutch && plain)
		draft_issue_add(r, DRAFT_NUMBER_STYLE, 0, 0, "", NULL);
	r->numbers = plain ? NUM_STYLE_PLAIN : dutch ? NUM_STYLE_DUTCH : NUM_STYLE_UNKNOWN;
}

/* ---- the unit, from words in the header and the title */

static int unit_word(const char *s, enum model_form_unit *u)
{
	char f[512];
	model_fold(s, f, sizeof f);
	static const struct {
		const char *word;
		enum model_form_unit unit;
	} words[] = {{"plaatsen", FORM_PLACES}, {"trajecten", FORM_TRAJECTORIES}, {"vte", FORM_FTE}, {"fte", FORM_FTE}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i].word);
		for (const char *h = strstr(f, words[i].word); h; h = strstr(h + 1, words[i].word))
			if ((h == f || h[-1] == ' ') && (h[n] == ' ' || !h[n])) {
				*u = words[i].unit;
				return 1;
			}
	}
	return 0;
}

static void find_unit(const draft_grid *g, draft_result *r)
{
	int found = 0;
	for (long row = 1; row <= r->header_last; row++)
		for (int c = 1; c <= g->n_cols; c++) {
			enum model_form_unit u;
			const char *s = draft_cell(g, row, c);
			if (!*s || !unit_word(s, &u))
				continue;
			if (found && u != r->unit)
				draft_issue_add(r, DRAFT_UNIT_MIXED, row, c, s, NULL);
			r->unit = u;
			found = 1;
		}
}

void draft_layout(const draft_grid *g, const model *m, draft_result *r)
{
	strmap_init(&r->memo_area);
	strmap_init(&r->memo_form);
	classify_columns(g, m, r);
	strmap_release(&r->memo_area);
	strmap_release(&r->memo_form);
	find_unit(g, r);
	choose_layout(g, m, r);
	each_label(g, m, r, DRAFT_YEAR, year_label);
	fixed_fields(g, m, r);
	each_label(g, m, r, DRAFT_AREA, area_label);
	each_label(g, m, r, DRAFT_WORK_FORM, form_label);
	figure_cells(g, r);
}
