/* profile.c - the source profile parser (see profile.h, docs/sources.md).
 * Each line is cut into tokens (words, "strings", '=', ','); a key's
 * handler takes the tokens after '='. Errors point at the token. */
#define _POSIX_C_SOURCE 200809L
#include "profile.h"
#include "model.h"
#include "../base/vocab.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 256

enum tok_kind { T_WORD, T_STRING, T_EQ, T_COMMA };

typedef struct tok {
	enum tok_kind kind;
	const char *s; /* word or string, unescaped (arena) */
	int column;
} tok;

typedef struct parser {
	arena *a;
	const char *file;
	int line;
	tok t[MAX_TOKENS];
	int n;
	int section; /* 0 keys, 1 work_forms, 2 areas */
	prof *p;
	int seen_line[32]; /* scalar keys: the line they were given on */
	int has_format;
	int en; /* messages in English */
	lerr *err;
} parser;

static const char *const field_names[PF_N] = {"area", "work_form", "year", "month", "edition", "indicator", "persons"};

const char *prof_field_name(prof_field f)
{
	return f < PF_N ? field_names[f] : "?";
}

static int fail(parser *P, int column, const char *fmt, ...) LADDER_PRINTF(3, 4);
static int fail(parser *P, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lerr_vset(P->err, LERR_PARSE, fmt, ap);
	va_end(ap);
	snprintf(P->err->file, sizeof P->err->file, "%s", P->file);
	P->err->line = P->line;
	P->err->column = column;
	return LERR_PARSE;
}

/* ------------------------------------------------------------- tokens */

static int word_char(char c)
{
	return c && c != ' ' && c != '\t' && c != '=' && c != ',' && c != '"' && c != '#' && c != '\r';
}

static int read_string(parser *P, const char *line, int *i, tok *t)
{
	buf b = BUF_INIT;
	int start = *i;
	for ((*i)++; line[*i] != '"'; (*i)++) {
		char c = line[*i];
		if (!c) {
			buf_release(&b);
			return fail(P, start + 1, V(P->en, prof_unterminated_string));
		}
		if (c == '\\') {
			c = line[++*i];
			if (c != '"' && c != '\\') {
				buf_release(&b);
				return fail(P, *i, V(P->en, prof_unknown_escape));
			}
		}
		buf_addc(&b, c);
	}
	(*i)++;
	t->kind = T_STRING;
	t->s = arena_strdup(P->a, buf_cstr(&b));
	buf_release(&b);
	return 0;
}

/* '#' starts a comment, except "#N" where a value starts (a sheet number) */
static int sheet_number_here(const parser *P, const char *line, int i)
{
	return line[i + 1] >= '0' && line[i + 1] <= '9' && P->n > 0 &&
	       (P->t[P->n - 1].kind == T_EQ || P->t[P->n - 1].kind == T_COMMA);
}

static int tokenize(parser *P, const char *line)
{
	P->n = 0;
	for (int i = 0; line[i];) {
		char c = line[i];
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (c == '#' && !sheet_number_here(P, line, i))
			break;
		if (P->n == MAX_TOKENS)
			return fail(P, i + 1, V(P->en, prof_too_many_values), MAX_TOKENS / 2);
		tok *t = &P->t[P->n];
		t->column = i + 1;
		if (c == '"') {
			if (read_string(P, line, &i, t) < 0)
				return LERR_PARSE;
		} else if (c == '=' || c == ',') {
			t->kind = c == '=' ? T_EQ : T_COMMA;
			t->s = c == '=' ? "=" : ",";
			i++;
		} else {
			int j = i + 1;
			while (word_char(line[j]))
				j++;
			t->kind = T_WORD;
			t->s = arena_strndup(P->a, line + i, (size_t)(j - i));
			i = j;
		}
		P->n++;
	}
	return 0;
}

/* ------------------------------------------------------------- values */

/* A value: the tokens [from, to) are one word or string. */
static int one_value(parser *P, int from, int to, const char *what)
{
	int col = from < P->n ? P->t[from].column : P->t[P->n - 1].column + 1;
	if (to - from != 1 || (P->t[from].kind != T_WORD && P->t[from].kind != T_STRING))
		return fail(P, col, V(P->en, prof_expected), what);
	return 0;
}

static int parse_long(parser *P, const tok *t, long lo, long hi, long *out, const char *what)
{
	char *end;
	long v = strtol(t->s, &end, 10);
	if (t->kind != T_WORD || !*t->s || *end || t->s[0] == '-' || t->s[0] == '+' || v < lo || v > hi)
		return fail(P, t->column, V(P->en, prof_expected_whole), what, lo, hi, t->s);
	*out = v;
	return 0;
}

static int word_in(parser *P, const tok *t, const char *const *words, int n, const char *what)
{
	for (int i = 0; i < n && t->kind == T_WORD; i++)
		if (strcmp(t->s, words[i]) == 0)
			return i;
	buf b = BUF_INIT;
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? (i == n - 1 ? V(P->en, prof_or) : ", ") : "", words[i]);
	fail(P, t->column, V(P->en, prof_expected_one_of), what, b.ptr, t->s);
	buf_release(&b);
	return LERR_PARSE;
}

int prof_column_letters(const char *s)
{
	int v = 0, n = 0;
	for (; *s; s++, n++) {
		if (*s < 'A' || *s > 'Z' || n == 3)
			return 0;
		v = v * 26 + (*s - 'A' + 1);
	}
	return v;
}

static int colref(parser *P, const tok *t, prof_colref *out)
{
	out->at = (prof_pos){P->line, t->column};
	if (t->kind == T_STRING) {
		if (!*t->s)
			return fail(P, t->column, V(P->en, prof_empty_header_text));
		out->header = t->s;
		out->letter = 0;
		return 0;
	}
	out->header = NULL;
	out->letter = t->kind == T_WORD ? prof_column_letters(t->s) : 0;
	if (!out->letter)
		return fail(P, t->column, V(P->en, prof_bad_column), t->s);
	return 0;
}

/* Splits the tokens [from, n) at commas into items; calls each(P, first, count). */
static int each_item(parser *P, int from, int (*each)(parser *, int, int, void *), void *arg)
{
	if (from >= P->n)
		return fail(P, P->t[P->n - 1].column + 1, V(P->en, prof_value_after_eq));
	for (int i = from; i <= P->n;) {
		int j = i;
		while (j < P->n && P->t[j].kind != T_COMMA)
			j++;
		if (j == i)
			return fail(P, j < P->n ? P->t[j].column : P->t[P->n - 1].column + 1, V(P->en, prof_value_before_comma));
		if (each(P, i, j - i, arg) < 0)
			return LERR_PARSE;
		i = j + 1;
		if (j == P->n)
			break;
	}
	return 0;
}

static int add_string(parser *P, int first, int count, void *arg)
{
	prof_list *l = arg;
	if (one_value(P, first, first + count, V(P->en, prof_what_text)) < 0)
		return LERR_PARSE;
	const char **s = arena_alloc(P->a, sizeof *s * (size_t)(l->n + 1));
	if (l->n)
		memcpy(s, l->s, sizeof *s * (size_t)l->n);
	s[l->n++] = P->t[first].s;
	l->s = s;
	return 0;
}

static int add_ignore(parser *P, int first, int count, void *arg)
{
	(void)arg;
	prof *p = P->p;
	if (one_value(P, first, first + count, V(P->en, prof_what_column)) < 0)
		return LERR_PARSE;
	prof_colref *r = arena_alloc(P->a, sizeof *r * (size_t)(p->n_ignore + 1));
	if (p->n_ignore)
		memcpy(r, p->ignore, sizeof *r * (size_t)p->n_ignore);
	p->ignore = r;
	return colref(P, &P->t[first], &p->ignore[p->n_ignore++]);
}

static int add_end(parser *P, int first, int count, void *arg)
{
	(void)arg;
	prof *p = P->p;
	static const char *const kinds[] = {"blank", "label", "prefix", "row"};
	int k = word_in(P, &P->t[first], kinds, 4, V(P->en, prof_what_end_rule));
	if (k < 0)
		return LERR_PARSE;
	prof_end e = {.kind = (enum prof_end_kind)(k + 1)};
	if (k == 0 && count != 1)
		return fail(P, P->t[first + 1].column, V(P->en, prof_after_blank));
	if (k == 1 || k == 2) {
		if (one_value(P, first + 1, first + count, k == 1 ? V(P->en, prof_what_label_after_label)
								 : V(P->en, prof_what_text_after_prefix)) < 0)
			return LERR_PARSE;
		e.text = P->t[first + 1].s;
		if (!*e.text)
			return fail(P, P->t[first + 1].column, V(P->en, prof_nonempty_text));
	}
	if (k == 3) {
		if (one_value(P, first + 1, first + count, V(P->en, prof_what_row_after_row)) < 0 ||
		    parse_long(P, &P->t[first + 1], 1, 1048576, &e.row, V(P->en, prof_what_row_number)) < 0)
			return LERR_PARSE;
	}
	prof_end *ends = arena_alloc(P->a, sizeof *ends * (size_t)(p->n_ends + 1));
	if (p->n_ends)
		memcpy(ends, p->ends, sizeof *ends * (size_t)p->n_ends);
	ends[p->n_ends++] = e;
	p->ends = ends;
	return 0;
}

static int field_of(parser *P, const tok *t, int value_ok)
{
	static const char *const names[] = {"area", "work_form", "year", "month", "edition", "indicator", "persons", "value"};
	int n = value_ok ? 8 : 6;
	int f = word_in(P, t, names, n, V(P->en, prof_what_field));
	return f < 0 ? f : f >= PF_VALUE ? PF_VALUE : f;
}

static int add_wide(parser *P, int first, int count, void *arg)
{
	(void)arg;
	prof *p = P->p;
	if (one_value(P, first, first + count, V(P->en, prof_what_wide_field)) < 0)
		return LERR_PARSE;
	int f = field_of(P, &P->t[first], 0);
	if (f < 0)
		return LERR_PARSE;
	if (p->n_wide == PROF_MAX_HEADER)
		return fail(P, P->t[first].column, V(P->en, prof_too_many_fields), PROF_MAX_HEADER);
	p->wide[p->n_wide++] = (prof_field)f;
	return 0;
}

/* ------------------------------------------------------------- keys */

static int key_once(parser *P, int id, const tok *key)
{
	if (P->seen_line[id])
		return fail(P, key->column, V(P->en, prof_key_twice), key->s,
			    P->seen_line[id]);
	P->seen_line[id] = P->line;
	return 0;
}

static int set_format(parser *P, int v)
{
	long n;
	if (one_value(P, v, P->n, V(P->en, prof_what_format)) < 0 ||
	    parse_long(P, &P->t[v], PROF_FORMAT, PROF_FORMAT, &n, V(P->en, prof_what_format_read)) < 0)
		return LERR_PARSE;
	P->has_format = 1;
	return 0;
}

static int set_name(parser *P, int v)
{
	if (one_value(P, v, P->n, V(P->en, prof_what_name)) < 0)
		return LERR_PARSE;
	const char *s = P->t[v].s;
	size_t n = strlen(s);
	int ok = n >= 1 && n <= 64;
	for (size_t i = 0; i < n && ok; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-';
	if (!ok)
		return fail(P, P->t[v].column, V(P->en, prof_bad_name), s);
	P->p->name = s;
	return 0;
}

static int set_supplier(parser *P, int v)
{
	if (one_value(P, v, P->n, V(P->en, prof_what_supplier)) < 0)
		return LERR_PARSE;
	P->p->supplier = P->t[v].s;
	return 0;
}

static int set_sheet(parser *P, int v)
{
	if (one_value(P, v, P->n, V(P->en, prof_what_sheet)) < 0)
		return LERR_PARSE;
	const tok *t = &P->t[v];
	if (t->kind == T_WORD && t->s[0] == '#') {
		long n;
		tok num = *t;
		num.s = t->s + 1;
		/* the workbook's order, hidden sheets counted (sheet_select_number) */
		if (parse_long(P, &num, 1, PROF_MAX_SHEET, &n, V(P->en, prof_what_sheet_number)) < 0)
			return LERR_PARSE;
		P->p->sheet = NULL;
		P->p->sheet_number = (int)n;
		return 0;
	}
	if (!*t->s)
		return fail(P, t->column, V(P->en, prof_empty_sheet));
	P->p->sheet = t->s;
	return 0;
}

static int set_header(parser *P, int v)
{
	if (one_value(P, v, P->n, V(P->en, prof_what_header)) < 0)
		return LERR_PARSE;
	const tok *t = &P->t[v];
	const char *dots = t->kind == T_WORD ? strstr(t->s, "..") : NULL;
	tok a = *t, b = *t;
	if (dots) {
		a.s = arena_strndup(P->a, t->s, (size_t)(dots - t->s));
		b.s = dots + 2;
	}
	long first, last;
	if (parse_long(P, &a, 1, 1048576, &first, V(P->en, prof_what_header_row)) < 0 ||
	    parse_long(P, &b, 1, 1048576, &last, V(P->en, prof_what_last_header_row)) < 0)
		return LERR_PARSE;
	if (last < first || last - first >= PROF_MAX_HEADER)
		return fail(P, t->column, V(P->en, prof_bad_header_range), PROF_MAX_HEADER, t->s);
	P->p->header_first = (int)first;
	P->p->header_last = (int)last;
	return 0;
}

static int set_data(parser *P, int v)
{
	if (one_value(P, v, P->n, V(P->en, prof_what_data)) < 0 ||
	    parse_long(P, &P->t[v], 1, 1048576, &P->p->data, V(P->en, prof_what_data)) < 0)
		return LERR_PARSE;
	return 0;
}

static int set_end(parser *P, int v)
{
	return each_item(P, v, add_end, NULL);
}

static int set_layout(parser *P, int v)
{
	static const char *const w[] = {"long", "wide"};
	int k;
	if (one_value(P, v, P->n, V(P->en, prof_what_layout_value)) < 0 || (k = word_in(P, &P->t[v], w, 2, V(P->en, prof_what_layout))) < 0)
		return LERR_PARSE;
	P->p->layout = k == 0 ? PROF_LONG : PROF_WIDE;
	return 0;
}

static int set_unit(parser *P, int v)
{
	static const char *const w[] = {"persons", "places", "trajecten", "trajectories", "fte"};
	static const char *const unit[] = {"persons", "places", "trajectories", "trajectories", "fte"};
	int k;
	if (one_value(P, v, P->n, V(P->en, prof_what_unit)) < 0 || (k = word_in(P, &P->t[v], w, 5, V(P->en, prof_what_unit))) < 0)
		return LERR_PARSE;
	P->p->unit = unit[k];
	return 0;
}

static int set_numbers(parser *P, int v)
{
	static const char *const w[] = {"nl", "plain"};
	int k;
	if (one_value(P, v, P->n, V(P->en, prof_what_numbers_value)) < 0 || (k = word_in(P, &P->t[v], w, 2, V(P->en, prof_what_numbers))) < 0)
		return LERR_PARSE;
	P->p->numbers = k == 0 ? PROF_NUMBERS_NL : PROF_NUMBERS_PLAIN;
	return 0;
}

static int set_missing(parser *P, int v)
{
	return each_item(P, v, add_string, &P->p->missing);
}

static int set_hidden(parser *P, int v)
{
	return each_item(P, v, add_string, &P->p->hidden);
}

static int set_columns(parser *P, int v)
{
	return each_item(P, v, add_wide, NULL);
}

static int set_month(parser *P, int v)
{
	static const char *const w[] = {"december", "average"};
	int k;
	if (one_value(P, v, P->n, V(P->en, prof_what_month_value)) < 0 ||
	    (k = word_in(P, &P->t[v], w, 2, V(P->en, prof_what_month))) < 0)
		return LERR_PARSE;
	P->p->months = k == 0 ? PROF_MONTHS_DECEMBER : PROF_MONTHS_AVERAGE;
	return 0;
}

typedef struct key_def {
	const char *key;
	int (*set)(parser *P, int value); /* value: the first token after '=' */
	int repeat;                        /* may be given more than once (lists add up) */
} key_def;

static const key_def keys[] = {
	{"format", set_format, 0}, {"name", set_name, 0},     {"supplier", set_supplier, 0}, {"sheet", set_sheet, 0},
	{"header", set_header, 0}, {"data", set_data, 0},     {"end", set_end, 1},           {"layout", set_layout, 0},
	{"unit", set_unit, 0},     {"numbers", set_numbers, 0}, {"missing", set_missing, 1}, {"hidden", set_hidden, 1},
	{"columns", set_columns, 0}, {"month", set_month, 0},
};
#define N_KEYS ((int)(sizeof keys / sizeof keys[0]))

/* column FIELD = ref | fixed FIELD = value | total row|column = ... | ignore column = ... */
static int two_word_key(parser *P)
{
	const tok *k = &P->t[0], *q = &P->t[1];
	prof *p = P->p;
	if (strcmp(k->s, "column") == 0 || strcmp(k->s, "fixed") == 0) {
		int fixed = k->s[0] == 'f';
		int f = field_of(P, q, !fixed);
		if (f < 0)
			return LERR_PARSE;
		if ((fixed ? p->fixed[f] != NULL : p->has_column[f]))
			return fail(P, q->column, V(P->en, prof_two_word_twice), k->s, q->s);
		if (one_value(P, 3, P->n, fixed ? V(P->en, prof_what_fixed) : V(P->en, prof_what_column)) < 0)
			return LERR_PARSE;
		if (!fixed) {
			p->has_column[f] = 1;
			return colref(P, &P->t[3], &p->column[f]);
		}
		if (!*P->t[3].s)
			return fail(P, P->t[3].column, V(P->en, prof_empty_fixed));
		p->fixed[f] = P->t[3].s;
		p->fixed_at[f] = (prof_pos){P->line, P->t[3].column};
		return 0;
	}
	if (strcmp(k->s, "total") == 0) {
		static const char *const w[] = {"row", "column"};
		int t = word_in(P, q, w, 2, V(P->en, prof_what_total));
		return t < 0 ? t : each_item(P, 3, add_string, t == 0 ? &p->total_rows : &p->total_columns);
	}
	if (strcmp(k->s, "ignore") == 0) {
		static const char *const w[] = {"column"};
		return word_in(P, q, w, 1, V(P->en, prof_what_ignore)) < 0 ? LERR_PARSE : each_item(P, 3, add_ignore, NULL);
	}
	return fail(P, k->column,
		    V(P->en, prof_unknown_two_word_key), k->s, q->s);
}

static int key_line(parser *P)
{
	const tok *k = &P->t[0];
	if (k->kind != T_WORD)
		return fail(P, k->column, V(P->en, prof_expected_key), k->s);
	int eq = 1;
	while (eq < P->n && P->t[eq].kind != T_EQ)
		eq++;
	if (eq == P->n)
		return fail(P, P->t[P->n - 1].column, V(P->en, prof_eq_after_key), k->s);
	if (eq == 2)
		return P->t[1].kind == T_WORD ? two_word_key(P)
					      : fail(P, P->t[1].column, V(P->en, prof_eq_after_key), k->s);
	if (eq != 1)
		return fail(P, P->t[eq].column, V(P->en, prof_key_value));
	for (int i = 0; i < N_KEYS; i++) {
		if (strcmp(keys[i].key, k->s) != 0)
			continue;
		if (!keys[i].repeat && key_once(P, i, k) < 0)
			return LERR_PARSE;
		return keys[i].set(P, 2);
	}
	return fail(P, k->column,
		    V(P->en, prof_unknown_key),
		    k->s);
}

/* A label as labels are compared: folded as model_fold folds (case,
 * accents, punctuation), then without spaces, so that "diensten-economie"
 * is "dienstenEconomie" too. */
void prof_fold(const char *label, char *out, size_t cap)
{
	model_fold(label, out, cap);
	size_t n = 0;
	for (size_t i = 0; out[i]; i++)
		if (out[i] != ' ')
			out[n++] = out[i];
	out[n] = '\0';
}

/* "label" = code in [work_forms] or [areas] */
static int label_line(parser *P)
{
	prof *p = P->p;
	if (P->n != 3 || P->t[1].kind != T_EQ || (P->t[0].kind != T_WORD && P->t[0].kind != T_STRING) ||
	    P->t[2].kind != T_WORD)
		return fail(P, P->t[0].column, V(P->en, prof_label_line), P->section == 1 ? "work_form_code" : "NIS_code");
	char folded[512];
	prof_fold(P->t[0].s, folded, sizeof folded);
	if (!*folded)
		return fail(P, P->t[0].column, V(P->en, prof_empty_label), P->t[0].s);
	prof_label **map = P->section == 1 ? &p->work_forms : &p->areas;
	int *n = P->section == 1 ? &p->n_work_forms : &p->n_areas;
	for (int i = 0; i < *n; i++)
		if (strcmp((*map)[i].folded, folded) == 0)
			return fail(P, P->t[0].column, V(P->en, prof_label_twice),
				    P->t[0].s, (*map)[i].at.line);
	prof_label *m = arena_alloc(P->a, sizeof *m * (size_t)(*n + 1));
	if (*n)
		memcpy(m, *map, sizeof *m * (size_t)*n);
	m[*n] = (prof_label){P->t[0].s, arena_strdup(P->a, folded), P->t[2].s, {P->line, P->t[0].column}};
	*map = m;
	(*n)++;
	return 0;
}

static int section_line(parser *P, const char *line)
{
	const char *s = line + strspn(line, " \t");
	size_t n = strcspn(s, "]");
	if (s[n] == ']' && (n == 11 && strncmp(s + 1, "work_forms", 10) == 0)) {
		P->section = 1;
	} else if (s[n] == ']' && n == 6 && strncmp(s + 1, "areas", 5) == 0) {
		P->section = 2;
	} else {
		return fail(P, (int)(s - line) + 1, V(P->en, prof_bad_section));
	}
	const char *rest = s + n + 1;
	rest += strspn(rest, " \t\r");
	if (*rest && *rest != '#')
		return fail(P, (int)(rest - line) + 1, V(P->en, prof_after_section));
	return 0;
}

static int parse_line(parser *P, const char *line)
{
	for (const unsigned char *c = (const unsigned char *)line; *c; c++)
		if ((*c < 0x20 && *c != '\t' && *c != '\r') || *c == 0x7f)
			return fail(P, (int)(c - (const unsigned char *)line) + 1, V(P->en, prof_control_character),
				    *c);
	const char *s = line + strspn(line, " \t");
	if (*s == '[')
		return section_line(P, line);
	if (tokenize(P, line) < 0)
		return LERR_PARSE;
	if (P->n == 0)
		return 0;
	return P->section ? label_line(P) : key_line(P);
}

/* ------------------------------------------------------------- whole */

static int key_index(const char *key)
{
	for (int i = 0; i < N_KEYS; i++)
		if (strcmp(keys[i].key, key) == 0)
			return i;
	return 0;
}

/* Where a field is given (the first place), for errors about it. */
static void field_pos(parser *P, prof_field f)
{
	const prof *p = P->p;
	prof_pos at = {P->seen_line[key_index("columns")], 1};
	if (p->has_column[f])
		at = p->column[f].at;
	else if (p->fixed[f])
		at = p->fixed_at[f];
	P->line = at.line ? at.line : 1;
	P->err->column = at.column;
}

static int fail_field(parser *P, prof_field f, const char *fmt, const char *arg)
{
	field_pos(P, f);
	int column = P->err->column;
	return fail(P, column, fmt, arg);
}

static int check_fields(parser *P)
{
	prof *p = P->p;
	int given[PF_N] = {0};
	for (int f = 0; f < PF_N; f++)
		given[f] = p->has_column[f] + (p->fixed[f] != NULL);
	for (int i = 0; i < p->n_wide; i++)
		given[p->wide[i]]++;
	for (int f = 0; f < PF_N; f++)
		if (given[f] > 1)
			return fail_field(P, (prof_field)f, V(P->en, prof_field_twice),
					  prof_field_name((prof_field)f));
	int context = p->fixed[PF_INDICATOR] && strcmp(p->fixed[PF_INDICATOR], "persons") != 0;
	if (!given[PF_AREA] || !given[PF_YEAR] || (!context && !given[PF_WORK_FORM]))
		return fail(P, 1, V(P->en, prof_fields_missing),
			    context ? "" : V(P->en, prof_and_work_form));
	if (context && given[PF_WORK_FORM])
		return fail_field(P, PF_WORK_FORM, V(P->en, prof_context_work_form),
				  p->fixed[PF_INDICATOR]);
	if (given[PF_MONTH] && !p->months)
		return fail_field(P, PF_MONTH, "%s",
				  V(P->en, prof_months_rule));
	if (given[PF_INDICATOR] && !p->fixed[PF_INDICATOR])
		return fail_field(P, PF_INDICATOR, "%s", V(P->en, prof_indicator_fixed));
	return 0;
}

static int check_layout(parser *P)
{
	prof *p = P->p;
	if (!p->name)
		return fail(P, 1, V(P->en, prof_need_name));
	if (!P->has_format)
		return fail(P, 1, V(P->en, prof_need_format), PROF_FORMAT);
	if (!p->layout)
		return fail(P, 1, V(P->en, prof_need_layout));
	if (p->layout == PROF_LONG && (!p->has_column[PF_VALUE] || p->n_wide))
		return fail(P, 1, V(P->en, prof_long_layout));
	if (p->layout == PROF_WIDE && (p->has_column[PF_VALUE] || !p->n_wide))
		return fail(P, 1, V(P->en, prof_wide_layout));
	int rows = p->header_first ? p->header_last - p->header_first + 1 : 0;
	if (p->layout == PROF_WIDE && p->n_wide != rows) {
		P->line = P->seen_line[key_index("columns")];
		return fail(P, 1, V(P->en, prof_wide_count), rows,
			    rows == 1 ? V(P->en, prof_word_header_row) : V(P->en, prof_word_header_rows), p->n_wide,
			    p->n_wide == 1 ? V(P->en, prof_word_field) : V(P->en, prof_word_fields));
	}
	if (!p->header_first && p->layout == PROF_LONG)
		for (int f = 0; f < PF_N; f++)
			if (p->has_column[f] && p->column[f].header)
				return fail(P, p->column[f].at.column, V(P->en, prof_header_zero));
	if (p->data && p->header_last && p->data <= p->header_last)
		return fail(P, 1, V(P->en, prof_data_after_header), p->data,
			    p->header_first, p->header_last);
	if (!p->data)
		p->data = p->header_last + 1;
	if (p->fixed[PF_YEAR]) {
		char *end;
		long y = strtol(p->fixed[PF_YEAR], &end, 10);
		if (*end || y < 1990 || y > 2100) {
			P->line = p->fixed_at[PF_YEAR].line;
			return fail(P, p->fixed_at[PF_YEAR].column, V(P->en, prof_bad_fixed_year), p->fixed[PF_YEAR]);
		}
	}
	return check_fields(P);
}

int prof_parse(arena *a, const char *name, const char *text, size_t len, int en, prof **out, lerr *err)
{
	parser P = {.a = a, .file = name ? name : "profile", .en = en, .err = err};
	P.p = arena_alloc(a, sizeof *P.p);
	memset(P.p, 0, sizeof *P.p);
	P.p->sheet_number = 1;
	P.p->header_first = P.p->header_last = 1;
	P.p->unit = "persons";
	if (len > PROF_MAX_TEXT)
		return fail(&P, 1, V(P.en, prof_too_big), len, PROF_MAX_TEXT);
	if (memchr(text, '\0', len)) {
		P.line = 1;
		for (const char *c = text; *c; c++)
			P.line += *c == '\n';
		return fail(&P, 1, V(P.en, prof_nul_byte));
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) /* a byte-order mark */
		text += 3, len -= 3;
	char *line = xmalloc(len + 1);
	int rc = 0;
	for (size_t at = 0; at < len && rc == 0;) {
		size_t n = 0;
		while (at + n < len && text[at + n] != '\n')
			n++;
		memcpy(line, text + at, n);
		line[n] = '\0';
		P.line++;
		rc = parse_line(&P, line);
		at += n + 1;
	}
	free(line);
	if (rc == 0) {
		P.line = P.line ? P.line : 1;
		rc = check_layout(&P);
	}
	if (rc < 0)
		return rc;
	*out = P.p;
	return 0;
}

const char *prof_map(const prof_label *map, int n, const char *label)
{
	char folded[512];
	prof_fold(label, folded, sizeof folded);
	for (int i = 0; i < n; i++)
		if (strcmp(map[i].folded, folded) == 0)
			return map[i].code;
	return NULL;
}

/* A month's name or abbreviation, folded: januari .. december, jan,
 * mrt, sept, English names; 0 when it is none. */
static int month_name(const char *w)
{
	static const char *const nl[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
					 "september", "oktober", "november", "december"};
	static const char *const en[] = {"january", "february", "march", "april", "may", "june", "july", "august",
					 "september", "october", "november", "december"};
	size_t n = strlen(w);
	if (strcmp(w, "mrt") == 0) /* the Dutch abbreviation of maart */
		return 3;
	for (int i = 0; i < 12 && n >= 3; i++)
		if (strncmp(nl[i], w, n) == 0 || strncmp(en[i], w, n) == 0)
			return i + 1;
	return 0;
}

/* A number word: its value, or -1 when the word is not all digits. */
static int number_word(const char *w)
{
	if (!*w || strspn(w, "0123456789") != strlen(w) || strlen(w) > 4)
		return -1;
	return atoi(w);
}

static int is_year(int y)
{
	return y >= 1900 && y <= 2100;
}

int prof_month_year(const char *s, int *year)
{
	char f[64], *w[4], *save = NULL;
	int n = 0;
	*year = 0;
	model_fold(s, f, sizeof f);
	for (char *t = strtok_r(f, " ", &save); t; t = strtok_r(NULL, " ", &save))
		if (n < 4)
			w[n++] = t;
		else
			return 0;
	int a = n > 0 ? number_word(w[0]) : -1, b = n > 1 ? number_word(w[1]) : -1;
	int m = 0, y = 0;
	if (n == 3 && is_year(a) && b >= 1 && b <= 12 && number_word(w[2]) >= 1) {
		m = b, y = a; /* a date cell: 2024-12-31 */
	} else if (n == 1 && a >= 1 && a <= 12) {
		m = a;
	} else if (n == 1 && a < 0) {
		/* a name, or Statbel's 2024m01 */
		int yy, mm;
		char tail;
		if (sscanf(w[0], "%4dm%2d%c", &yy, &mm, &tail) == 2 && is_year(yy) && mm >= 1 && mm <= 12)
			m = mm, y = yy;
		else
			m = month_name(w[0]);
	} else if (n == 2) {
		/* 2024 01, 01 2024, jan 2024, 2024 januari */
		if (is_year(a) && b >= 1 && b <= 12)
			m = b, y = a;
		else if (is_year(b) && a >= 1 && a <= 12)
			m = a, y = b;
		else if (is_year(b) && a < 0)
			m = month_name(w[0]), y = b;
		else if (is_year(a) && b < 0)
			m = month_name(w[1]), y = a;
	}
	if (m)
		*year = y;
	return m;
}

int prof_month(const char *s)
{
	int year;
	return prof_month_year(s, &year);
}
