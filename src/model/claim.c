/* claim.c - claim expressions and stated values. See claim.h. */
#include "claim.h"
#include "../base/vocab.h"
#include "../base/num.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the parser */

typedef struct parser {
	const char *s, *p;
	claim_expr *e;
	lerr *err;
	int depth;
	int en; /* messages in English */
} parser;

#define MAX_DEPTH 64
#define MAX_NODES 512

static int col(const parser *P)
{
	return (int)(P->p - P->s) + 1;
}

static int fail(parser *P, const char *what)
{
	return lerr_set_at(P->err, LERR_PARSE, NULL, 0, col(P), "%s", what);
}

static void skip_space(parser *P)
{
	while (*P->p == ' ' || *P->p == '\t')
		P->p++;
}

static int new_node(parser *P, enum claim_op op, int pos)
{
	claim_expr *e = P->e;
	if (e->n_nodes >= MAX_NODES)
		return fail(P, V(P->en, claim_too_long));
	e->nodes = xrealloc(e->nodes, sizeof *e->nodes * (size_t)(e->n_nodes + 1));
	claim_node *n = &e->nodes[e->n_nodes];
	memset(n, 0, sizeof *n);
	n->op = op;
	n->a = n->b = -1;
	n->pos = pos;
	return e->n_nodes++;
}

static int parse_expr(parser *P);

static int parse_word(parser *P, char *out, size_t cap)
{
	skip_space(P);
	size_t n = 0;
	while (isalnum((unsigned char)*P->p) || *P->p == '_' || *P->p == '.' || *P->p == '-') {
		if (n + 1 >= cap)
			return fail(P, V(P->en, claim_code_too_long));
		out[n++] = *P->p++;
	}
	out[n] = '\0';
	return n ? 0 : fail(P, V(P->en, claim_expected_code));
}

static int expect(parser *P, char c, const char *what)
{
	skip_space(P);
	if (*P->p != c)
		return fail(P, what);
	P->p++;
	return 0;
}

static int parse_ref(parser *P, enum claim_op op, int pos)
{
	char area[64], item[64];
	if (expect(P, '(', V(P->en, claim_expected_open_paren)) < 0 || parse_word(P, area, sizeof area) < 0 ||
	    expect(P, ',', V(P->en, claim_expected_comma)) < 0 || parse_word(P, item, sizeof item) < 0)
		return LERR_PARSE;
	int k = new_node(P, op, pos);
	if (k < 0)
		return k;
	claim_node *n = &P->e->nodes[k];
	n->area = arena_strdup(&P->e->mem, area);
	n->item = arena_strdup(&P->e->mem, item);
	skip_space(P);
	if (*P->p == ',') {
		P->p++;
		skip_space(P);
		const char *year_at = P->p;
		int rel = *P->p == '-' || *P->p == '+';
		int sign = *P->p == '-' ? -1 : 1;
		if (rel)
			P->p++;
		if (!isdigit((unsigned char)*P->p))
			return fail(P, V(P->en, claim_expected_year_or_offset));
		long y = 0;
		while (isdigit((unsigned char)*P->p) && y < 100000)
			y = y * 10 + (*P->p++ - '0');
		n = &P->e->nodes[k];
		n->year_given = 1;
		n->year_relative = rel;
		n->year = (int)(sign * y);
		if ((!rel && (y < 1900 || y > 2100)) || (rel && y > 200)) {
			P->p = year_at;
			return fail(P, rel ? V(P->en, claim_offset_too_big) : V(P->en, claim_year_out_of_range));
		}
	}
	if (expect(P, ')', V(P->en, claim_expected_close_ref)) < 0)
		return LERR_PARSE;
	return k;
}

static int parse_factor(parser *P)
{
	skip_space(P);
	int pos = col(P);
	if (++P->depth > MAX_DEPTH)
		return fail(P, V(P->en, claim_nested_too_deeply));
	int k;
	if (*P->p == '(') {
		P->p++;
		k = parse_expr(P);
		if (k >= 0 && expect(P, ')', V(P->en, claim_expected_close_paren)) < 0)
			k = LERR_PARSE;
	} else if (*P->p == '-') {
		P->p++;
		int a = parse_factor(P);
		k = a < 0 ? a : new_node(P, OP_NEG, pos);
		if (k >= 0)
			P->e->nodes[k].a = a;
	} else if (isdigit((unsigned char)*P->p)) {
		/* plain numbers only: digits with an optional decimal point (no
		 * hexadecimal, exponents or infinities, which strtod would take) */
		const char *start = P->p;
		while (isdigit((unsigned char)*P->p))
			P->p++;
		if (*P->p == '.' && isdigit((unsigned char)P->p[1]))
			for (P->p++; isdigit((unsigned char)*P->p);)
				P->p++;
		if (P->p - start > 30)
			return fail(P, V(P->en, claim_number_too_long));
		char digits[32];
		memcpy(digits, start, (size_t)(P->p - start));
		digits[P->p - start] = '\0';
		k = new_node(P, OP_NUM, pos);
		if (k >= 0)
			P->e->nodes[k].num = strtod(digits, NULL);
	} else if (strncmp(P->p, "fig", 3) == 0 || strncmp(P->p, "ctx", 3) == 0) {
		enum claim_op op = P->p[0] == 'f' ? OP_FIG : OP_CTX;
		P->p += 3;
		k = parse_ref(P, op, pos);
	} else {
		k = fail(P, V(P->en, claim_expected_operand));
	}
	P->depth--;
	return k;
}

static int parse_binary(parser *P, int (*operand)(parser *), char op1, enum claim_op k1, char op2, enum claim_op k2)
{
	int left = operand(P);
	for (;;) {
		if (left < 0)
			return left;
		skip_space(P);
		char c = *P->p;
		if (c != op1 && c != op2)
			return left;
		int pos = col(P);
		P->p++;
		int right = operand(P);
		if (right < 0)
			return right;
		int k = new_node(P, c == op1 ? k1 : k2, pos);
		if (k < 0)
			return k;
		P->e->nodes[k].a = left;
		P->e->nodes[k].b = right;
		left = k;
	}
}

static int parse_term(parser *P)
{
	return parse_binary(P, parse_factor, '*', OP_MUL, '/', OP_DIV);
}

static int parse_expr(parser *P)
{
	return parse_binary(P, parse_term, '+', OP_ADD, '-', OP_SUB);
}

claim_expr *claim_expr_parse(const char *text, int en, lerr *err)
{
	claim_expr *e = xcalloc(1, sizeof *e);
	arena_init(&e->mem);
	parser P = {text, text, e, err, 0, en};
	int root = parse_expr(&P);
	if (root >= 0) {
		skip_space(&P);
		if (*P.p)
			root = fail(&P, V(en, claim_expected_operator));
	}
	if (root < 0) {
		claim_expr_free(e);
		return NULL;
	}
	e->root = root;
	return e;
}

void claim_expr_free(claim_expr *e)
{
	if (!e)
		return;
	free(e->nodes);
	arena_release(&e->mem);
	free(e);
}

int claim_ref_year(const claim_node *n, int claim_year)
{
	if (!n->year_given)
		return claim_year;
	return n->year_relative ? claim_year + n->year : n->year;
}

/* ------------------------------------------------------------ evaluation */

static claim_value eval(const claim_expr *e, int k, int year, claim_resolver resolve, void *ctx)
{
	const claim_node *n = &e->nodes[k];
	claim_value r = {0, 1, 0};
	if (n->op == OP_NUM) {
		r.v = n->num;
		return r;
	}
	if (n->op == OP_FIG || n->op == OP_CTX) {
		resolve(ctx, n, claim_ref_year(n, year), &r);
		return r;
	}
	claim_value a = eval(e, n->a, year, resolve, ctx);
	claim_value b = n->b >= 0 ? eval(e, n->b, year, resolve, ctx) : (claim_value){0, 1, 0};
	r.known = a.known && b.known;
	r.flags = a.flags | b.flags;
	switch (n->op) {
	case OP_ADD: r.v = a.v + b.v; break;
	case OP_SUB: r.v = a.v - b.v; break;
	case OP_MUL: r.v = a.v * b.v; break;
	case OP_DIV:
		if (b.v == 0)
			r.known = 0;
		else
			r.v = a.v / b.v;
		break;
	case OP_NEG: r.v = -a.v; break;
	default: break;
	}
	return r;
}

claim_value claim_eval(const claim_expr *e, int claim_year, claim_resolver resolve, void *ctx)
{
	return eval(e, e->root, claim_year, resolve, ctx);
}

/* ---------------------------------------------------------- stated values */

static const char *const number_words[] = {"", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", NULL};

/* Lower-case ASCII, É/é/è -> e, collapse spaces. */
static void normalise(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	int space = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p && n + 1 < cap; p++) {
		unsigned char c = *p;
		if (c == 0xC3 && (p[1] == 0xA9 || p[1] == 0x89 || p[1] == 0xA8 || p[1] == 0x88)) {
			c = 'e';
			p++;
		}
		if (isspace(c)) {
			if (!space)
				out[n++] = ' ';
			space = 1;
			continue;
		}
		out[n++] = (char)tolower(c);
		space = 0;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static int word_number(const char *w)
{
	for (int i = 1; number_words[i]; i++)
		if (strcmp(w, number_words[i]) == 0)
			return i;
	char *end;
	long v = strtol(w, &end, 10);
	return *end || v <= 0 || v > 1000 ? 0 : (int)v;
}

static int parse_phrase(const char *s, int en, claim_stated *out, const char **why)
{
	char t[128];
	normalise(s, t, sizeof t);
	static const struct { const char *word; int mode; } qualifiers[] = {
		{"bijna ", -1}, {"nagenoeg ", -1}, {"ruim ", 1}, {"meer dan ", 2}, {"minder dan ", -2},
		{"ongeveer ", 0}, {"circa ", 0}, {"zowat ", 0},
	};
	const char *p = t;
	int mode = 0;
	for (size_t i = 0; i < sizeof qualifiers / sizeof qualifiers[0]; i++)
		if (strncmp(p, qualifiers[i].word, strlen(qualifiers[i].word)) == 0) {
			mode = qualifiers[i].mode;
			p += strlen(qualifiers[i].word);
			break;
		}
	int a, b;
	if (strcmp(p, "de helft") == 0) {
		a = 1;
		b = 2;
	} else {
		char wa[32], wb[32];
		int used = 0;
		if ((sscanf(p, "%31s op de %31s%n", wa, wb, &used) != 2 && sscanf(p, "%31s op %31s%n", wa, wb, &used) != 2) ||
		    p[used] != '\0') {
			*why = V(en, claim_stated_expected_number_or_phrase);
			return LERR_PARSE;
		}
		a = word_number(wa);
		b = word_number(wb);
		if (!a || !b || a >= b) {
			*why = V(en, claim_stated_proportion_order);
			return LERR_PARSE;
		}
	}
	double t_pct = 100.0 * a / b;
	/* what the plain phrase allows: "één op zeven" is right when 100/p rounds
	 * to 7; "8 op de 10" when p rounds to 80 in steps of 10 */
	double lo = a == 1 ? 100.0 / (b + 0.5) : t_pct - 50.0 / b;
	double hi = a == 1 ? 100.0 / (b - 0.5) : t_pct + 50.0 / b;
	out->kind = STATED_PHRASE;
	out->value = t_pct;
	out->percent = 1;
	out->decimals = 1;
	out->lo_open = out->hi_open = 0;
	switch (mode) {
	case -1: out->lo = lo; out->hi = t_pct; out->hi_open = 1; break;
	case 1: out->lo = t_pct; out->hi = hi; out->lo_open = 1; break;
	case 2: out->lo = t_pct; out->hi = 100; out->lo_open = 1; break;
	case -2: out->lo = 0; out->hi = t_pct; out->hi_open = 1; break;
	default: out->lo = lo; out->hi = hi; out->lo_open = 1; break;
	}
	return 0;
}

int claim_stated_parse(const char *s, double tolerance, int en, claim_stated *out, const char **why)
{
	memset(out, 0, sizeof *out);
	char t[64];
	size_t n = 0;
	for (const char *p = s; *p && n + 1 < sizeof t; p++)
		if (*p != ' ')
			t[n++] = *p;
	t[n] = '\0';
	int percent = n && t[n - 1] == '%';
	if (percent)
		t[--n] = '\0';
	const char *num = t[0] == '+' ? t + 1 : t;
	char low[128];
	normalise(s, low, sizeof low);
	if (!*num || !(isdigit((unsigned char)num[0]) || num[0] == '-') || strstr(low, " op ") || strstr(low, "helft"))
		return parse_phrase(s, en, out, why);
	num_style style = NUM_STYLE_DUTCH;
	double v;
	if (num_parse_decimal(num, &v, &style, why) < 0) {
		*why = V(en, claim_stated_expected_dutch_number);
		return LERR_PARSE;
	}
	const char *comma = strchr(num, ',');
	out->kind = STATED_NUMBER;
	out->value = v;
	out->percent = percent;
	out->decimals = comma ? (int)strlen(comma + 1) : 0;
	double tol = tolerance >= 0 ? tolerance : 0.5 * pow(10, -out->decimals);
	out->lo = v - tol;
	out->hi = v + tol;
	return 0;
}

int claim_stated_holds(const claim_stated *st, double v)
{
	const double eps = 1e-9;
	if (st->lo_open ? v <= st->lo + eps : v < st->lo - eps)
		return 0;
	if (st->hi_open ? v >= st->hi - eps : v > st->hi + eps)
		return 0;
	return 1;
}

void claim_describe_proportion(buf *b, double pct, int en)
{
	/* the words of po/nl.po (proportion_*, number_word_*) */
	static const char *const words_en[] = {"", VOCAB_number_word_1_en, VOCAB_number_word_2_en, VOCAB_number_word_3_en,
					       VOCAB_number_word_4_en, VOCAB_number_word_5_en, VOCAB_number_word_6_en,
					       VOCAB_number_word_7_en, VOCAB_number_word_8_en, VOCAB_number_word_9_en,
					       VOCAB_number_word_10_en};
	static const char *const words_nl[] = {"", VOCAB_number_word_1_nl, VOCAB_number_word_2_nl, VOCAB_number_word_3_nl,
					       VOCAB_number_word_4_nl, VOCAB_number_word_5_nl, VOCAB_number_word_6_nl,
					       VOCAB_number_word_7_nl, VOCAB_number_word_8_nl, VOCAB_number_word_9_nl,
					       VOCAB_number_word_10_nl};
	if (!isfinite(pct) || pct <= 0 || pct >= 100 || pct < 1e-3) {
		/* no proportion to speak of: the percentage itself */
		num_fmt_percent(b, isfinite(pct) ? pct : 0, pct > 0 && pct < 1e-3 ? 6 : 1, en);
		return;
	}
	if (pct > 50) {
		buf_printf(b, V(en, proportion_about_in_10), (int)lround(pct / 10));
		return;
	}
	int k = (int)lround(100.0 / pct);
	double t = 100.0 / k;
	const char *q = fabs(pct - t) < 0.05 ? "" : pct < t ? V(en, proportion_almost) : V(en, proportion_just_over);
	if (k <= 10)
		buf_printf(b, V(en, proportion_one_in_word), q, (en ? words_en : words_nl)[k]);
	else
		buf_printf(b, V(en, proportion_one_in), q, k);
}
