/* pflow.c - flow tables of persons between rungs, protected (pflow.h). */
#include "pflow.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIDE 8             /* rungs 0..6 and the total */
#define PER (SIDE * SIDE)  /* cells of one area, (0, 0) unused */

struct pflow_table {
	const model *m;
	calc_protect_opts o;
	int *slot;        /* per model area: its slot, or -1 */
	int *area;        /* per slot: the model area */
	unsigned char *own; /* per slot: flows stored on the area itself */
	int n;
	double *val;      /* per slot, PER values */
	int *cell;        /* per slot, PER disc cells (-1: none) */
	int *where;       /* per disc cell: slot * PER + from * SIDE + to */
	disc_table *dt;
};

static int slot_of(pflow_table *t, int a)
{
	if (t->slot[a] < 0) {
		t->area = xrealloc(t->area, sizeof *t->area * (size_t)(t->n + 1));
		t->own = xrealloc(t->own, (size_t)(t->n + 1));
		t->val = xrealloc(t->val, sizeof *t->val * PER * (size_t)(t->n + 1));
		memset(t->val + (size_t)t->n * PER, 0, sizeof *t->val * PER);
		t->area[t->n] = a;
		t->own[t->n] = 0;
		t->slot[a] = t->n++;
	}
	return t->slot[a];
}

/* A flow adds to its cell and the margins, in its area and every one above. */
static void add_flow(pflow_table *t, const pflow_in *f)
{
	int first = 1;
	for (int a = f->area; a >= 0; a = t->m->areas[a].parent, first = 0) {
		int s = slot_of(t, a);
		t->own[s] |= (unsigned char)first;
		double *v = t->val + (size_t)s * PER;
		int rows[2] = {f->from, PFLOW_TOTAL}, cols[2] = {f->to, PFLOW_TOTAL};
		for (int i = 0; i < 2; i++)
			for (int j = 0; j < 2; j++)
				v[rows[i] * SIDE + cols[j]] += (double)f->persons;
	}
}

static void add_cells(pflow_table *t)
{
	t->dt = disc_table_new();
	disc_set_cost(t->dt, (enum disc_cost)t->o.cost);
	/* the exact redo takes minutes on a matrix per area tied up the area
	 * tree (3-way); the heuristic's pattern is proven safe all the same */
	disc_set_exact(t->dt, 0);
	t->cell = xmalloc(sizeof *t->cell * PER * (size_t)(t->n ? t->n : 1));
	t->where = xmalloc(sizeof *t->where * PER * (size_t)(t->n ? t->n : 1));
	for (int s = 0; s < t->n; s++) {
		const model_area *a = &t->m->areas[t->area[s]];
		int thr = t->o.threshold[a->level], width = t->o.width[a->level] < 0 ? thr : t->o.width[a->level];
		int block = calc_area_block(t->m, t->area[s]);
		for (int k = 0; k < PER; k++) {
			int *c = &t->cell[(size_t)s * PER + (size_t)k];
			*c = -1;
			if (k == 0) /* (0, 0): nobody */
				continue;
			*c = disc_add_cell(t->dt, t->val[(size_t)s * PER + (size_t)k], thr, width);
			t->where[*c] = s * PER + k;
			disc_set_block(t->dt, *c, block);
		}
	}
}

/* The sums of one area: each row and each column of the matrix (margins
 * included) is the sum of its cells. */
static void add_margins(pflow_table *t, int s)
{
	const int *c = t->cell + (size_t)s * PER;
	int parts[SIDE], np;
	for (int r = 0; r < SIDE; r++) {
		np = 0;
		for (int k = 0; k < PFLOW_TOTAL; k++)
			if (c[r * SIDE + k] >= 0)
				parts[np++] = c[r * SIDE + k];
		disc_add_relation(t->dt, c[r * SIDE + PFLOW_TOTAL], parts, np);
	}
	for (int col = 0; col < PFLOW_TOTAL; col++) { /* the grand total's column is its row's twin: both */
		np = 0;
		for (int k = 0; k < PFLOW_TOTAL; k++)
			if (c[k * SIDE + col] >= 0)
				parts[np++] = c[k * SIDE + col];
		disc_add_relation(t->dt, c[PFLOW_TOTAL * SIDE + col], parts, np);
	}
	np = 0;
	for (int k = 0; k < PFLOW_TOTAL; k++)
		parts[np++] = c[k * SIDE + PFLOW_TOTAL];
	disc_add_relation(t->dt, c[PFLOW_TOTAL * SIDE + PFLOW_TOTAL], parts, np);
}

/* An area is the sum of the areas under it, cell by cell, when it has no
 * flows of its own (else it is more than their sum: no equation). */
static void add_tree(pflow_table *t, int s)
{
	if (t->own[s])
		return;
	int *kids = xmalloc(sizeof *kids * (size_t)t->n), nk = 0;
	for (int j = 0; j < t->n; j++)
		if (t->m->areas[t->area[j]].parent == t->area[s])
			kids[nk++] = j;
	int *parts = xmalloc(sizeof *parts * (size_t)(nk ? nk : 1));
	for (int k = 1; k < PER && nk; k++) {
		for (int j = 0; j < nk; j++)
			parts[j] = t->cell[(size_t)kids[j] * PER + (size_t)k];
		disc_add_relation(t->dt, t->cell[(size_t)s * PER + (size_t)k], parts, nk);
	}
	free(parts);
	free(kids);
}

/* Slots in model order (areas are ordered as the model lists them), so the
 * table does not depend on the order of the rows. */
static void order_slots(pflow_table *t)
{
	int k = 0;
	for (int a = 0; a < t->m->n_areas; a++)
		if (t->slot[a] >= 0)
			k++;
	double *val = xmalloc(sizeof *val * PER * (size_t)(k ? k : 1));
	int *area = xmalloc(sizeof *area * (size_t)(k ? k : 1));
	unsigned char *own = xmalloc((size_t)(k ? k : 1));
	k = 0;
	for (int a = 0; a < t->m->n_areas; a++) {
		int s = t->slot[a];
		if (s < 0)
			continue;
		memcpy(val + (size_t)k * PER, t->val + (size_t)s * PER, sizeof *val * PER);
		area[k] = a;
		own[k] = t->own[s];
		t->slot[a] = k++;
	}
	free(t->val);
	free(t->area);
	free(t->own);
	t->val = val, t->area = area, t->own = own;
}

pflow_table *pflow_new(const model *m, const pflow_in *rows, int n, const calc_protect_opts *o)
{
	pflow_table *t = xcalloc(1, sizeof *t);
	t->m = m;
	t->o = *o;
	t->slot = xmalloc(sizeof *t->slot * (size_t)(m->n_areas ? m->n_areas : 1));
	for (int a = 0; a < m->n_areas; a++)
		t->slot[a] = -1;
	for (int i = 0; i < n; i++)
		add_flow(t, &rows[i]);
	order_slots(t);
	add_cells(t);
	for (int s = 0; s < t->n; s++)
		add_margins(t, s);
	for (int s = 0; s < t->n; s++)
		add_tree(t, s);
	return t;
}

typedef struct load_ctx {
	const model *m;
	pflow_in *rows;
	int n;
	const char *unknown; /* the first area the model does not know */
	char code[32];
} load_ctx;

static void load_row(void *p, const store_person_flow *f)
{
	load_ctx *c = p;
	int a = model_area_index(c->m, f->area);
	if (a < 0) {
		if (!c->unknown)
			c->unknown = strncpy(c->code, f->area, sizeof c->code - 1);
		return;
	}
	c->rows = xrealloc(c->rows, sizeof *c->rows * (size_t)(c->n + 1));
	c->rows[c->n++] = (pflow_in){a, f->rung_from, f->rung_to, f->persons};
}

pflow_table *pflow_load(store *s, const model *m, int import, const calc_protect_opts *o, lerr *err)
{
	load_ctx c = {m, NULL, 0, NULL, {0}};
	pflow_table *t = NULL;
	if (store_person_flows(s, import, load_row, &c, err) == 0) {
		if (c.unknown)
			lerr_set(err, LERR_NOTFOUND, V(store_english(s), engine_flows_unknown_area), c.unknown);
		else
			t = pflow_new(m, c.rows, c.n, o);
	}
	free(c.rows);
	return t;
}

void pflow_free(pflow_table *t)
{
	if (!t)
		return;
	disc_table_free(t->dt);
	free(t->slot);
	free(t->area);
	free(t->own);
	free(t->val);
	free(t->cell);
	free(t->where);
	free(t);
}

int pflow_protect(pflow_table *t, lerr *err)
{
	if (t->o.unprotected)
		return 0;
	if (t->o.primary_only) {
		disc_primary_only(t->dt);
		return 0;
	}
	return disc_protect(t->dt, err);
}

int pflow_audit(pflow_table *t, pflow_exposure **out, int *n_out, disc_stats *st, lerr *err)
{
	const disc_exposure *x;
	int n;
	*out = NULL;
	*n_out = 0;
	if (disc_audit(t->dt, &x, &n, err) < 0)
		return err->code;
	if (st)
		*st = *disc_get_stats(t->dt);
	*out = xmalloc(sizeof **out * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		int w = t->where[x[i].cell], k = w % PER;
		(*out)[i] = (pflow_exposure){t->area[w / PER], k / SIDE, k % SIDE, x[i].lo, x[i].hi, x[i].required};
	}
	*n_out = n;
	return 0;
}

int pflow_has(const pflow_table *t, int area)
{
	return area >= 0 && area < t->m->n_areas && t->slot[area] >= 0;
}

calc_value pflow_get(const pflow_table *t, int area, int from, int to)
{
	calc_value v = {0, 0, 0};
	if (!pflow_has(t, area) || from < 0 || to < 0 || from > PFLOW_TOTAL || to > PFLOW_TOTAL || (!from && !to))
		return v;
	size_t k = (size_t)t->slot[area] * PER + (size_t)(from * SIDE + to);
	v.v = t->val[k];
	v.known = 1;
	if (!t->o.unprotected && disc_get_state(t->dt, t->cell[k]) != DISC_PUBLISHED)
		v.flags |= CALC_CONFIDENTIAL;
	return v;
}

calc_value pflow_ratio(long long persons, long long places, int threshold)
{
	calc_value v = {0, 0, 0};
	if (persons <= 0)
		return v;
	v.v = (double)places / (double)persons;
	v.known = 1;
	if (persons <= threshold || (places > 0 && places <= threshold))
		v.flags |= CALC_CONFIDENTIAL;
	return v;
}

typedef struct choose_ctx {
	const char *edition, *from, *to;
	int year, flows;
	pflow_pick *all;
	int n;
	int best; /* index into all, -1 none */
} choose_ctx;

static void choose_row(void *p, const store_person_import *imp)
{
	choose_ctx *c = p;
	if (c->flows && !*imp->date_from)
		return;
	c->all = xrealloc(c->all, sizeof *c->all * (size_t)(c->n + 1));
	pflow_pick *k = &c->all[c->n];
	k->id = imp->id;
	snprintf(k->edition, sizeof k->edition, "%s", imp->edition_code);
	snprintf(k->from, sizeof k->from, "%s", imp->date_from);
	snprintf(k->to, sizeof k->to, "%s", imp->date);
	/* imports come by edition then date: the last match is the latest */
	if ((!c->edition || !strcmp(c->edition, k->edition)) && (!c->year || atoi(k->to) == c->year) &&
	    (!c->from || !strcmp(c->from, k->from)) && (!c->to || !strcmp(c->to, k->to)))
		c->best = c->n;
	c->n++;
}

/* Nearest first: by the distance of the year to the one asked for (0:
 * none, the earliest first), then by date and edition. An insertion sort:
 * there are a handful, and qsort would need the target in a global. */
static long distance(const pflow_pick *k, int year)
{
	return labs((long)atoi(k->to) - year);
}

static void sort_nearest(pflow_pick *a, int n, int year)
{
	for (int i = 1; i < n; i++) {
		pflow_pick x = a[i];
		int j = i;
		while (j > 0 && distance(&a[j - 1], year) > distance(&x, year))
			a[j] = a[j - 1], j--;
		a[j] = x;
	}
}

int pflow_choose(store *s, const char *edition, int year, const char *from, const char *to, int flows,
		 pflow_pick *out, int *found, pflow_pick **avail, int *n_avail, lerr *err)
{
	choose_ctx c = {edition, from, to, year, flows, NULL, 0, -1};
	*found = 0;
	if (avail)
		*avail = NULL, *n_avail = 0;
	if (store_person_imports(s, 0, choose_row, &c, err) < 0) {
		free(c.all);
		return LERR_DB;
	}
	if (c.best >= 0) {
		*out = c.all[c.best];
		*found = 1;
	} else if (avail) {
		sort_nearest(c.all, c.n, to ? atoi(to) : year);
		*avail = c.all, *n_avail = c.n;
		return 0;
	}
	free(c.all);
	return 0;
}

typedef struct pp_ctx {
	const model *m;
	int area;
	long long *persons, *places;
} pp_ctx;

static int under(const model *m, int a, int top)
{
	for (; a >= 0; a = m->areas[a].parent)
		if (a == top)
			return 1;
	return 0;
}

static void pp_row(void *p, const store_person_rung *r)
{
	pp_ctx *c = p;
	int a = model_area_index(c->m, r->area);
	if (a < 0 || r->rung < 1 || r->rung > 6 || !under(c->m, a, c->area))
		return;
	c->persons[r->rung] += r->persons;
	c->places[r->rung] += r->places;
}

int pflow_persons_places(store *s, const model *m, int import, int area, long long persons[7], long long places[7],
			 lerr *err)
{
	memset(persons, 0, 7 * sizeof *persons);
	memset(places, 0, 7 * sizeof *places);
	pp_ctx c = {m, area, persons, places};
	return store_person_rungs(s, import, pp_row, &c, err);
}
