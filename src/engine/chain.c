/* chain.c - the series of a work form through its lineage. See chain.h. */
#define _POSIX_C_SOURCE 200809L
#include "chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The (edition, year) pairs holding figures: by year, latest edition first. */
typedef struct cover {
	int edition, year;
	char code[64];
} cover;

typedef struct covers {
	cover *v;
	int n, cap;
	const char *only; /* an edition code, or NULL */
} covers;

static void add_cover(void *ctx, int edition, const char *code, int year)
{
	covers *c = ctx;
	if (c->only && strcmp(c->only, code) != 0)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->v = xrealloc(c->v, sizeof *c->v * (size_t)c->cap);
	}
	cover *x = &c->v[c->n++];
	x->edition = edition;
	x->year = year;
	snprintf(x->code, sizeof x->code, "%s", code);
}

/* The chain's figures of one (edition, year) into p; 1 when any is known. */
static int sum_year(const chain_series *c, calc_grid *g, chain_point *p)
{
	calc_value sum = {0, 0, 0};
	p->n_forms = 0;
	for (int i = 0; i < c->n_members; i++) {
		calc_value v = calc_grid_get(g, c->area, c->members[i]);
		if (!v.known && !(v.flags & CALC_CONFIDENTIAL))
			continue;
		sum.v += v.v;
		sum.known = 1;
		sum.flags |= v.flags & ~CALC_ROLLED_UP;
		if (p->n_forms < CHAIN_MAX_FORMS)
			p->forms[p->n_forms++] = c->members[i];
	}
	p->value = sum;
	return sum.known;
}

static int has_figure(const chain_point *p)
{
	return p->value.known || (p->value.flags & CALC_CONFIDENTIAL);
}

/* The series starts with its first figure and ends with its last: years
 * before a form existed (or after it ended) are not part of it. */
static void trim_unknown(chain_series *c)
{
	int a = 0, b = c->n_points;
	while (a < b && !has_figure(&c->points[a]))
		a++;
	while (b > a && !has_figure(&c->points[b - 1]))
		b--;
	memmove(c->points, c->points + a, sizeof *c->points * (size_t)(b - a));
	c->n_points = b - a;
}

static int is_break(const chain_series *c, int year)
{
	int one;
	return chain_break_links(c, year, &one, 1) > 0;
}

chain_series *chain_series_new(store *s, const model *m, int area, int node, int from, int to, const char *edition,
			       int chained, lerr *err)
{
	covers cv = {NULL, 0, 0, edition && *edition ? edition : NULL};
	if (store_coverage(s, "figure", from, to ? to : 9999, add_cover, &cv, err) < 0) {
		free(cv.v);
		return NULL;
	}
	chain_series *c = xcalloc(1, sizeof *c);
	c->m = m;
	c->area = area;
	c->node = node;
	c->chained = chained;
	c->members = xmalloc(sizeof *c->members * (size_t)(m->n_lineage + 1));
	c->n_members = chained ? model_lineage_chain(m, node, c->members, m->n_lineage + 1) : 1;
	c->members[0] = node;
	c->points = xcalloc((size_t)cv.n + 1, sizeof *c->points);
	for (int i = 0; i < cv.n;) {
		int year = cv.v[i].year, j = i;
		chain_point *p = &c->points[c->n_points++];
		p->year = year;
		/* the latest edition of the year with a figure of the chain */
		for (; j < cv.n && cv.v[j].year == year && !*p->edition; j++) {
			calc_grid *g = calc_grid_load_protected(s, m, cv.v[j].edition, year, err);
			if (!g) {
				free(cv.v);
				chain_series_free(c);
				return NULL;
			}
			if (sum_year(c, g, p))
				snprintf(p->edition, sizeof p->edition, "%s", cv.v[j].code);
			calc_grid_free(g);
		}
		while (j < cv.n && cv.v[j].year == year)
			j++;
		i = j;
		p->series_break = is_break(c, year);
		c->flags |= p->value.flags;
	}
	free(cv.v);
	trim_unknown(c);
	return c;
}

void chain_series_free(chain_series *c)
{
	if (!c)
		return;
	free(c->members);
	free(c->points);
	free(c);
}

int chain_break_links(const chain_series *c, int year, int *out, int cap)
{
	const model *m = c->m;
	int *chain = xmalloc(sizeof *chain * (size_t)(m->n_lineage + 1));
	int nc = model_lineage_chain(m, c->node, chain, m->n_lineage + 1), n = 0;
	for (int i = 0; i < m->n_lineage; i++) {
		const model_lineage *l = &m->lineage[i];
		if (l->kind == LINEAGE_SPLIT_INTO || atoi(l->date) != year)
			continue;
		int into = 0;
		for (int k = 0; k < nc && !into; k++)
			into = chain[k] == l->to;
		if (!into)
			continue;
		if (n < cap)
			out[n] = i;
		n++;
	}
	free(chain);
	return n;
}
