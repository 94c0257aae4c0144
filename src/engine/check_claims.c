/* check_claims.c - the claims: the figures a sentence of a publication
 * states, checked against the stored ones. See check_internal.h. */
#include "check_internal.h"
#include "../base/num.h"
#include "../model/claim.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ claims */

typedef struct iv {
	double lo, hi;
} iv;

enum { C_CONST, C_VAR, C_ADD, C_SUB, C_MUL, C_DIV, C_NEG };

typedef struct cnode {
	int op;
	double c;
	int var;
	int a, b;
} cnode;

typedef struct cons {
	cnode *nodes;
	int n, root;
	iv want;
	int claim; /* index into the claim list, -1 for the additive structure */
} cons;

typedef struct var {
	char *key;   /* "fig|02000|totaal|2017" */
	const char *area, *item; /* as the claim names them */
	int year;
	iv init;
} var;

typedef struct claim_row {
	char *id, *text, *area, *edition, *expr_text, *stated_text;
	int year;
	claim_expr *expr;
	claim_stated stated;
	int n_vars;       /* references that are unknown or estimated */
	int cons;         /* its constraint, -1 when checked directly */
	int in_conflict;
} claim_row;

typedef struct claims {
	checker *C;
	claim_row *rows;
	int n;
	var *vars;
	int n_vars;
	strmap var_index;
	cons *cons;
	int n_cons;
	strmap structure_done;
	arena mem;
	/* grids by (edition, year), loaded on demand */
	struct { int edition, year; calc_grid *g; } *grids;
	int n_grids;
	int rc; /* the first store failure (in C->err) */
} claims;

static const iv IV_ALL = {-INFINITY, INFINITY};

static double lo_fix(double x) { return isnan(x) ? -INFINITY : x; }
static double hi_fix(double x) { return isnan(x) ? INFINITY : x; }

static iv iv_add(iv a, iv b) { return (iv){lo_fix(a.lo + b.lo), hi_fix(a.hi + b.hi)}; }
static iv iv_sub(iv a, iv b) { return (iv){lo_fix(a.lo - b.hi), hi_fix(a.hi - b.lo)}; }
static iv iv_neg(iv a) { return (iv){-a.hi, -a.lo}; }

static double mul0(double x, double y)
{
	return x == 0 || y == 0 ? 0 : x * y;
}

static iv iv_mul(iv a, iv b)
{
	double p[4] = {mul0(a.lo, b.lo), mul0(a.lo, b.hi), mul0(a.hi, b.lo), mul0(a.hi, b.hi)};
	iv r = {p[0], p[0]};
	for (int i = 1; i < 4; i++) {
		if (p[i] < r.lo)
			r.lo = p[i];
		if (p[i] > r.hi)
			r.hi = p[i];
	}
	return r;
}

static iv iv_div(iv a, iv b)
{
	if (b.lo <= 0 && b.hi >= 0)
		return IV_ALL;
	return iv_mul(a, (iv){1 / b.hi, 1 / b.lo});
}

static int iv_meet(iv *x, iv y)
{
	const double eps = 1e-9;
	if (y.lo > x->lo)
		x->lo = y.lo;
	if (y.hi < x->hi)
		x->hi = y.hi;
	return x->lo <= x->hi + eps * (1 + fabs(x->hi));
}

static iv forward(const cons *c, int k, const iv *dom, iv *val)
{
	const cnode *n = &c->nodes[k];
	iv r;
	switch (n->op) {
	case C_CONST: r = (iv){n->c, n->c}; break;
	case C_VAR: r = dom[n->var]; break;
	case C_ADD: r = iv_add(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	case C_SUB: r = iv_sub(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	case C_MUL: r = iv_mul(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	case C_DIV: r = iv_div(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	default: r = iv_neg(forward(c, n->a, dom, val)); break;
	}
	val[k] = r;
	return r;
}

/* Narrows node k to `want`, and from there its operands (HC4 revise).
 * 0 when nothing is left. */
static int backward(const cons *c, int k, iv want, iv *dom, iv *val)
{
	if (!iv_meet(&val[k], want))
		return 0;
	const cnode *n = &c->nodes[k];
	iv N = val[k], A = n->a >= 0 ? val[n->a] : IV_ALL, B = n->b >= 0 ? val[n->b] : IV_ALL;
	switch (n->op) {
	case C_CONST:
		return 1;
	case C_VAR:
		return iv_meet(&dom[n->var], N);
	case C_ADD:
		return backward(c, n->a, iv_sub(N, B), dom, val) && backward(c, n->b, iv_sub(N, val[n->a]), dom, val);
	case C_SUB:
		return backward(c, n->a, iv_add(N, B), dom, val) && backward(c, n->b, iv_sub(val[n->a], N), dom, val);
	case C_MUL:
		if (!(B.lo <= 0 && B.hi >= 0) && !backward(c, n->a, iv_div(N, B), dom, val))
			return 0;
		A = val[n->a];
		return (A.lo <= 0 && A.hi >= 0) || backward(c, n->b, iv_div(N, A), dom, val);
	case C_DIV:
		if (!backward(c, n->a, iv_mul(N, B), dom, val))
			return 0;
		return (N.lo <= 0 && N.hi >= 0) || backward(c, n->b, iv_div(val[n->a], N), dom, val);
	default:
		return backward(c, n->a, iv_neg(N), dom, val);
	}
}

/* Can all active constraints hold at once? Interval propagation to a fixed
 * point: "no" is a proof; "yes" means no contradiction was found. */
static int feasible(claims *K, const int *active)
{
	iv *dom = xmalloc(sizeof *dom * (size_t)(K->n_vars + 1));
	iv *prev = xmalloc(sizeof *prev * (size_t)(K->n_vars + 1));
	for (int i = 0; i < K->n_vars; i++)
		dom[i] = K->vars[i].init;
	int ok = 1;
	for (int round = 0; round < 200 && ok; round++) {
		memcpy(prev, dom, sizeof *dom * (size_t)K->n_vars);
		for (int i = 0; i < K->n_cons && ok; i++) {
			const cons *c = &K->cons[i];
			if (c->claim >= 0 && !active[c->claim])
				continue;
			iv *val = xmalloc(sizeof *val * (size_t)c->n);
			forward(c, c->root, dom, val);
			ok = backward(c, c->root, c->want, dom, val);
			free(val);
		}
		/* stop when a round narrows nothing noticeably */
		double change = 0;
		for (int i = 0; i < K->n_vars && ok; i++) {
			double shrink = (dom[i].lo - prev[i].lo) + (prev[i].hi - dom[i].hi);
			double rel = isfinite(shrink) ? shrink / (1 + fabs(dom[i].hi)) : 1;
			if (rel > change)
				change = rel;
		}
		if (change < 1e-12)
			break;
	}
	free(prev);
	free(dom);
	return ok;
}

static calc_grid *grid_for(claims *K, int edition, int year)
{
	for (int i = 0; i < K->n_grids; i++)
		if (K->grids[i].edition == edition && K->grids[i].year == year)
			return K->grids[i].g;
	calc_grid *g = calc_grid_load(K->C->s, K->C->m, edition, year, K->C->err);
	if (!g) {
		K->rc = LERR_DB;
		return NULL;
	}
	K->grids = xrealloc(K->grids, sizeof *K->grids * (size_t)(K->n_grids + 1));
	K->grids[K->n_grids].edition = edition;
	K->grids[K->n_grids].year = year;
	K->grids[K->n_grids++].g = g;
	return g;
}

/* The value of a reference: observed values are evidence; estimated or
 * unknown ones are not (known = 0 then). */
static calc_value ref_value(claims *K, const char *edition, int is_fig, const char *area, const char *item, int year)
{
	const model *m = K->C->m;
	int ai = model_area_index(m, area), ed;
	calc_value v = {0, 0, 0};
	if (K->rc < 0 || ai < 0)
		return v;
	if (calc_edition_id(K->C->s, edition, year, &ed, K->C->err) < 0) {
		K->rc = LERR_DB;
		return v;
	}
	if (is_fig) {
		calc_grid *g = ed ? grid_for(K, ed, year) : NULL;
		if (g)
			v = calc_grid_get(g, ai, model_node_index(m, item));
	} else if (calc_context(K->C->s, m, ai, year, item, ed, &v, K->C->err) < 0) {
		K->rc = LERR_DB;
	}
	return v;
}

static int is_evidence(calc_value v)
{
	return v.known && !(v.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_CONFIDENTIAL));
}

static int var_of(claims *K, int is_fig, const char *area, const char *item, int year)
{
	char key[192];
	snprintf(key, sizeof key, "%s|%s|%s|%d", is_fig ? "fig" : "ctx", area, item, year);
	int i;
	if (strmap_get(&K->var_index, key, &i))
		return i;
	K->vars = xrealloc(K->vars, sizeof *K->vars * (size_t)(K->n_vars + 1));
	var *v = &K->vars[K->n_vars];
	v->key = arena_strdup(&K->mem, key);
	v->area = arena_strdup(&K->mem, area);
	v->item = arena_strdup(&K->mem, item);
	v->year = year;
	v->init = (iv){0, INFINITY};
	if (!is_fig) {
		int ii = model_indicator_index(K->C->m, item);
		if (ii >= 0 && K->C->m->indicators[ii].unit == UNIT_PERCENT)
			v->init.hi = 100;
	}
	strmap_put(&K->var_index, v->key, K->n_vars);
	return K->n_vars++;
}

static int push_node(cons *c, cnode n)
{
	c->nodes = xrealloc(c->nodes, sizeof *c->nodes * (size_t)(c->n + 1));
	c->nodes[c->n] = n;
	return c->n++;
}

/* A leaf for a figure cell: a constant when observed, else a variable. */
static int cell_leaf(claims *K, cons *c, const char *edition, int is_fig, const char *area, const char *item, int year)
{
	calc_value v = ref_value(K, edition, is_fig, area, item, year);
	if (is_evidence(v))
		return push_node(c, (cnode){C_CONST, v.v, -1, -1, -1});
	return push_node(c, (cnode){C_VAR, 0, var_of(K, is_fig, area, item, year), -1, -1});
}

/* parent - (sum of children) in [lo, hi]: the additive structure. */
static void add_structure(claims *K, const char *edition, const char *area, int parent, int year, int exact)
{
	const model *m = K->C->m;
	char key[160];
	snprintf(key, sizeof key, "%s|%d|%d", area, parent, year);
	int seen;
	if (strmap_get(&K->structure_done, key, &seen))
		return;
	strmap_put(&K->structure_done, arena_strdup(&K->mem, key), 1);
	const model_node *p = &m->nodes[parent];
	cons c = {0};
	c.claim = -1;
	int sum = -1;
	for (int i = 0; i < p->n_children; i++) {
		const model_node *child = &m->nodes[p->children[i]];
		if (!child->in_headline && p->rung != 6)
			continue;
		int leaf = cell_leaf(K, &c, edition, 1, area, child->code, year);
		sum = sum < 0 ? leaf : push_node(&c, (cnode){C_ADD, 0, -1, sum, leaf});
	}
	if (sum < 0) {
		free(c.nodes);
		return;
	}
	int top = cell_leaf(K, &c, edition, 1, area, p->code, year);
	c.root = push_node(&c, (cnode){C_SUB, 0, -1, top, sum});
	c.want = exact ? (iv){0, 0} : (iv){0, INFINITY};
	K->cons = xrealloc(K->cons, sizeof *K->cons * (size_t)(K->n_cons + 1));
	K->cons[K->n_cons++] = c;
}

/* The structure around an unknown figure: the headline is exactly its rungs;
 * a total is at least its known parts. */
static void structure_for(claims *K, const char *edition, const char *area, const char *item, int year)
{
	const model *m = K->C->m;
	int n = model_node_index(m, item);
	if (n < 0)
		return;
	const model_node *x = &m->nodes[n];
	if (x->kind == KIND_HEADLINE)
		add_structure(K, edition, area, n, year, 1);
	else if (x->parent >= 0)
		add_structure(K, edition, area, x->parent, year, m->nodes[x->parent].kind == KIND_HEADLINE);
}

static int build_tree(claims *K, claim_row *row, cons *c, int k)
{
	const claim_node *n = &row->expr->nodes[k];
	switch (n->op) {
	case OP_NUM:
		return push_node(c, (cnode){C_CONST, n->num, -1, -1, -1});
	case OP_FIG:
	case OP_CTX: {
		int year = claim_ref_year(n, row->year);
		calc_value v = ref_value(K, row->edition, n->op == OP_FIG, n->area, n->item, year);
		if (is_evidence(v))
			return push_node(c, (cnode){C_CONST, v.v, -1, -1, -1});
		row->n_vars++;
		if (n->op == OP_FIG)
			structure_for(K, row->edition, n->area, n->item, year);
		return push_node(c, (cnode){C_VAR, 0, var_of(K, n->op == OP_FIG, n->area, n->item, year), -1, -1});
	}
	case OP_NEG: {
		int a = build_tree(K, row, c, n->a);
		return push_node(c, (cnode){C_NEG, 0, -1, a, -1});
	}
	default: {
		int a = build_tree(K, row, c, n->a), b = build_tree(K, row, c, n->b);
		int op = n->op == OP_ADD ? C_ADD : n->op == OP_SUB ? C_SUB : n->op == OP_MUL ? C_MUL : C_DIV;
		return push_node(c, (cnode){op, 0, -1, a, b});
	}
	}
}

static void add_claim(void *ctx, const store_claim *c)
{
	claims *K = ctx;
	checker *C = K->C;
	int ai = *c->area ? model_area_index(C->m, c->area) : -1;
	if ((C->o->year && C->o->year != c->year) || (C->o->area >= 0 && (ai < 0 || !check_in_scope(C->m, ai, C->o->area))))
		return;
	claim_row r = {0};
	r.expr_text = xstrdup(c->expr);
	r.stated_text = xstrdup(c->stated);
	lerr e;
	const char *why;
	r.expr = claim_expr_parse(r.expr_text, 1, &e);
	if (!r.expr || claim_stated_parse(r.stated_text, c->tolerance, 1, &r.stated, &why) < 0) {
		claim_expr_free(r.expr);
		free(r.expr_text);
		free(r.stated_text);
		return; /* import refuses these; a hand-edited store is not our problem here */
	}
	r.id = xstrdup(c->id);
	r.text = xstrdup(c->text);
	r.area = xstrdup(c->area);
	r.edition = xstrdup(C->o->claims_edition ? C->o->claims_edition : c->edition);
	r.year = c->year;
	r.cons = -1;
	K->rows = xrealloc(K->rows, sizeof *K->rows * (size_t)(K->n + 1));
	K->rows[K->n++] = r;
}

static int load_claims(claims *K)
{
	return store_claims(K->C->s, add_claim, K, K->C->err);
}

static void resolve_ref(void *ctx, const claim_node *ref, int year, claim_value *out)
{
	void **pair = ctx;
	claims *K = pair[0];
	claim_row *row = pair[1];
	calc_value v = ref_value(K, row->edition, ref->op == OP_FIG, ref->area, ref->item, year);
	out->v = v.v;
	out->known = v.known;
	out->flags = v.flags;
}

static void quote_claim(check_finding *f, const claim_row *r, check_claim_role role)
{
	f->claims = xrealloc(f->claims, sizeof *f->claims * (size_t)(f->n_claims + 1));
	f->claims[f->n_claims++] = (check_claim_ref){xstrdup(r->id), xstrdup(r->text), xstrdup(r->stated_text), role};
}

static void add_ref(check_finding *f, const model *m, int is_fig, const char *area, const char *item, int year)
{
	for (int i = 0; i < f->n_refs; i++)
		if (strcmp(f->refs[i].area_code, area) == 0 && strcmp(f->refs[i].item, item) == 0 && f->refs[i].year == year)
			return;
	f->refs = xrealloc(f->refs, sizeof *f->refs * (size_t)(f->n_refs + 1));
	f->refs[f->n_refs++] = (check_ref){is_fig, model_area_index(m, area), xstrdup(area), xstrdup(item), year};
}

/* A claim on observed figures only: compare. */
static void check_direct(claims *K, int i)
{
	claim_row *r = &K->rows[i];
	void *pair[2] = {K, r};
	claim_value v = claim_eval(r->expr, r->year, resolve_ref, pair);
	K->C->r->claims_checked++;
	if (v.known && claim_stated_holds(&r->stated, v.v))
		return;
	int ai = *r->area ? model_area_index(K->C->m, r->area) : -1;
	check_finding *f = check_add_finding(K->C, "claim", CHECK_CLAIM, SEV_ERROR, ai, r->year);
	f->stated = r->stated;
	quote_claim(f, r, CLAIM_SUBJECT);
	/* claims about the same quantity that do hold */
	for (int j = 0; j < K->n; j++) {
		claim_row *o = &K->rows[j];
		if (j == i || o->year != r->year || strcmp(o->expr_text, r->expr_text) != 0 || o->n_vars)
			continue;
		void *p2[2] = {K, o};
		claim_value ov = claim_eval(o->expr, o->year, resolve_ref, p2);
		if (claim_stated_holds(&o->stated, ov.v))
			quote_claim(f, o, CLAIM_HOLDS);
	}
	char *name = xasprintf("claim:%s", r->id);
	check_add_figure(f, name, r->stated.value, 1);
	free(name);
	check_add_figure(f, "computed", v.v, v.known);
	for (int k = 0; k < r->expr->n_nodes; k++) {
		const claim_node *n = &r->expr->nodes[k];
		if (n->op != OP_FIG && n->op != OP_CTX)
			continue;
		int year = claim_ref_year(n, r->year);
		calc_value rv = ref_value(K, r->edition, n->op == OP_FIG, n->area, n->item, year);
		char *label = xasprintf("%s(%s, %s, %d)", n->op == OP_FIG ? "fig" : "ctx", n->area, n->item, year);
		check_add_figure(f, label, rv.v, rv.known);
		free(label);
		add_ref(f, K->C->m, n->op == OP_FIG, n->area, n->item, year);
	}
}

static int uses_var(const cons *c, int v)
{
	for (int i = 0; i < c->n; i++)
		if (c->nodes[i].op == C_VAR && c->nodes[i].var == v)
			return 1;
	return 0;
}

/* Marks the variables reachable from the core claims through any
 * constraint (the additive structure included). */
static void reach(const claims *K, const int *core, char *seen)
{
	for (int i = 0; i < K->n; i++)
		if (core[i])
			for (int k = 0; k < K->cons[K->rows[i].cons].n; k++)
				if (K->cons[K->rows[i].cons].nodes[k].op == C_VAR)
					seen[K->cons[K->rows[i].cons].nodes[k].var] = 1;
	for (int grew = 1; grew;) {
		grew = 0;
		for (int c = 0; c < K->n_cons; c++) {
			if (K->cons[c].claim >= 0)
				continue;
			int touches = 0;
			for (int v = 0; v < K->n_vars && !touches; v++)
				touches = seen[v] && uses_var(&K->cons[c], v);
			for (int v = 0; v < K->n_vars && touches; v++)
				if (!seen[v] && uses_var(&K->cons[c], v))
					seen[v] = 1, grew = 1;
		}
	}
}

static int linked(const claims *K, int claim, const char *seen)
{
	for (int v = 0; v < K->n_vars; v++)
		if (seen[v] && uses_var(&K->cons[K->rows[claim].cons], v))
			return 1;
	return 0;
}

/* Reports one minimal set of claims that cannot hold together. */
static void report_conflict(claims *K, const int *core, const int *initial)
{
	int first = -1;
	for (int i = 0; i < K->n && first < 0; i++)
		if (core[i])
			first = i;
	const claim_row *r0 = &K->rows[first];
	int ai = *r0->area ? model_area_index(K->C->m, r0->area) : -1;
	check_finding *f = check_add_finding(K->C, "claims_conflict", CHECK_CLAIMS_CONFLICT, SEV_ERROR, ai, r0->year);
	for (int i = 0; i < K->n; i++) {
		if (!core[i])
			continue;
		const claim_row *r = &K->rows[i];
		quote_claim(f, r, CLAIM_SUBJECT);
		const cons *c = &K->cons[r->cons];
		for (int k = 0; k < c->n; k++)
			if (c->nodes[k].op == C_VAR) {
				const var *v = &K->vars[c->nodes[k].var];
				add_ref(f, K->C->m, strncmp(v->key, "fig|", 4) == 0, v->area, v->item, v->year);
			}
	}
	char *seen = xcalloc((size_t)K->n_vars + 1, 1);
	reach(K, core, seen);
	for (int i = 0; i < K->n; i++) {
		if (core[i] || !initial[i] || K->rows[i].cons < 0 || K->rows[i].in_conflict || !linked(K, i, seen))
			continue;
		quote_claim(f, &K->rows[i], CLAIM_SEE_ALSO);
	}
	free(seen);
	for (int i = 0; i < K->n; i++)
		if (core[i]) {
			char *name = xasprintf("claim:%s", K->rows[i].id);
			check_add_figure(f, name, K->rows[i].stated.value, 1);
			free(name);
			K->rows[i].in_conflict = 1;
		}
}

/* Advances a k-subset of {0..n-1} in lexicographic order; 0 at the end. */
static int next_combination(int *idx, int k, int n)
{
	int i = k - 1;
	while (i >= 0 && idx[i] == n - k + i)
		i--;
	if (i < 0)
		return 0;
	idx[i]++;
	for (int j = i + 1; j < k; j++)
		idx[j] = idx[j - 1] + 1;
	return 1;
}

/* The smallest set of claims that cannot hold together: the simplest
 * explanation to show a reader. Exhaustive for a handful of claims, else a
 * deletion filter (minimal, not always smallest). */
static void smallest_core(claims *K, const int *active, int *core)
{
	int *cand = xmalloc(sizeof *cand * (size_t)(K->n + 1)), nc = 0;
	for (int i = 0; i < K->n; i++)
		if (active[i])
			cand[nc++] = i;
	if (nc <= 16) {
		int *idx = xmalloc(sizeof *idx * (size_t)(nc + 1));
		for (int k = 1; k <= nc; k++) {
			for (int j = 0; j < k; j++)
				idx[j] = j;
			do {
				memset(core, 0, sizeof *core * (size_t)K->n);
				for (int j = 0; j < k; j++)
					core[cand[idx[j]]] = 1;
				if (!feasible(K, core)) {
					free(idx);
					free(cand);
					return;
				}
			} while (next_combination(idx, k, nc));
		}
		free(idx);
	}
	memcpy(core, active, sizeof *core * (size_t)K->n);
	for (int i = 0; i < K->n; i++) {
		if (!core[i])
			continue;
		core[i] = 0;
		if (feasible(K, core))
			core[i] = 1;
	}
	free(cand);
}

static void check_conflicts(claims *K)
{
	int *active = xcalloc((size_t)K->n + 1, sizeof *active);
	int *initial = xcalloc((size_t)K->n + 1, sizeof *initial);
	int *core = xcalloc((size_t)K->n + 1, sizeof *core);
	for (int i = 0; i < K->n; i++)
		active[i] = initial[i] = K->rows[i].cons >= 0;
	while (!feasible(K, active)) {
		smallest_core(K, active, core);
		report_conflict(K, core, initial);
		for (int i = 0; i < K->n; i++)
			if (core[i])
				active[i] = 0;
	}
	free(core);
	free(active);
	free(initial);
}

int check_rule_claims(checker *C)
{
	int rc;
	claims K = {0};
	K.C = C;
	strmap_init(&K.var_index);
	strmap_init(&K.structure_done);
	arena_init(&K.mem);
	if ((rc = load_claims(&K)) == 0) {
		for (int i = 0; i < K.n; i++) {
			claim_row *r = &K.rows[i];
			cons c = {0};
			c.claim = i;
			c.root = build_tree(&K, r, &c, r->expr->root);
			if (!r->n_vars) {
				free(c.nodes);
				continue;
			}
			c.want = (iv){r->stated.lo, r->stated.hi};
			K.cons = xrealloc(K.cons, sizeof *K.cons * (size_t)(K.n_cons + 1));
			r->cons = K.n_cons;
			K.cons[K.n_cons++] = c;
		}
		for (int i = 0; i < K.n; i++)
			if (!K.rows[i].n_vars)
				check_direct(&K, i);
		check_conflicts(&K);
		for (int i = 0; i < K.n; i++) {
			claim_row *r = &K.rows[i];
			if (r->cons < 0 || r->in_conflict)
				continue;
			C->r->unchecked = xrealloc(C->r->unchecked, sizeof *C->r->unchecked * (size_t)(C->r->n_unchecked + 1));
			check_unchecked *u = &C->r->unchecked[C->r->n_unchecked++];
			u->claim = xstrdup(r->id);
			u->text = xstrdup(r->text ? r->text : r->id);
		}
	}
	for (int i = 0; i < K.n; i++) {
		claim_row *r = &K.rows[i];
		claim_expr_free(r->expr);
		free(r->id);
		free(r->text);
		free(r->area);
		free(r->edition);
		free(r->expr_text);
		free(r->stated_text);
	}
	for (int i = 0; i < K.n_cons; i++)
		free(K.cons[i].nodes);
	for (int i = 0; i < K.n_grids; i++)
		calc_grid_free(K.grids[i].g);
	free(K.grids);
	free(K.cons);
	free(K.vars);
	free(K.rows);
	strmap_release(&K.var_index);
	strmap_release(&K.structure_done);
	arena_release(&K.mem);
	return rc < 0 ? rc : K.rc;
}

