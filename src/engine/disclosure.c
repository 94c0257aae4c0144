/* disclosure.c - minimum-frequency rule, secondary suppression and the
 * attacker's audit on additive tables. See disclosure.h and
 * docs/disclosure.md for the method and why it is safe.
 *
 * Protection = pattern + proof. The local rules below make a good pattern
 * cheaply, but they look at one relation at a time and cannot see what a
 * combination of relations gives away; the audit (an LP per confidential
 * cell, GLPK's simplex) can, and its answer is the proof. Suppressing more
 * never narrows an interval (the old values stay a feasible assignment of the
 * newly freed cells), so a cell proven safe stays safe while repairs add
 * cells: only exposed cells need to be audited again. */
#include "disclosure.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-6
#define MAX_ROUNDS 500

struct disc_table {
	int n, cap;
	double *value;
	int *threshold, *width, *block;
	unsigned char *state, *conf, *forced;
	int nr, cap_r;
	int *rstart; /* relation r is rcells[rstart[r] .. rstart[r + 1]); first the total */
	int *rcells;
	int nrc, cap_rc;
	int *cstart, *crel; /* cell -> relations, built by index() */
	int indexed_cells, indexed_rels;
	int max_width; /* widest requirement of a primary cell */
	disc_stats stats;
	disc_exposure *exp;
	int n_exp, cap_exp;
	int *bstart, *bind; /* per exposure: relations that bound it (LP duals) */
	int n_bind, cap_bind;
	/* certificates (see "Certificates" below): feasible points found by the
	 * last disc_protect, point p = cells pcell[pstart[p] .. pstart[p + 1])
	 * taking values pval[...], every other cell at its own value */
	int recording;
	int n_pts, cap_pts;
	int *pstart;
	int *pcell;
	double *pval;
	size_t n_pv, cap_pv;
};

disc_table *disc_table_new(void)
{
	disc_table *t = xcalloc(1, sizeof *t);
	t->rstart = xcalloc(1, sizeof *t->rstart);
	t->indexed_cells = t->indexed_rels = -1;
	return t;
}

void disc_table_free(disc_table *t)
{
	if (!t)
		return;
	free(t->value);
	free(t->threshold);
	free(t->width);
	free(t->block);
	free(t->state);
	free(t->conf);
	free(t->forced);
	free(t->rstart);
	free(t->rcells);
	free(t->cstart);
	free(t->crel);
	free(t->exp);
	free(t->bstart);
	free(t->bind);
	free(t->pstart);
	free(t->pcell);
	free(t->pval);
	free(t);
}

int disc_add_cell(disc_table *t, double value, int threshold, int width)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		size_t c = (size_t)t->cap;
		t->value = xrealloc(t->value, c * sizeof *t->value);
		t->threshold = xrealloc(t->threshold, c * sizeof *t->threshold);
		t->width = xrealloc(t->width, c * sizeof *t->width);
		t->block = xrealloc(t->block, c * sizeof *t->block);
		t->state = xrealloc(t->state, c);
		t->conf = xrealloc(t->conf, c);
		t->forced = xrealloc(t->forced, c);
	}
	int i = t->n++;
	t->value[i] = value < 0 ? 0 : value;
	t->threshold[i] = threshold < 0 ? 0 : threshold;
	t->width[i] = width < 0 ? 0 : width;
	t->block[i] = 0;
	t->state[i] = DISC_PUBLISHED;
	t->conf[i] = 0;
	t->forced[i] = 0;
	return i;
}

void disc_set_confidential(disc_table *t, int cell)
{
	t->conf[cell] = 1;
}

void disc_force(disc_table *t, int cell)
{
	t->forced[cell] = 1;
}

void disc_set_block(disc_table *t, int cell, int block)
{
	t->block[cell] = block;
}

void disc_add_relation(disc_table *t, int total, const int *parts, int n_parts)
{
	if (n_parts <= 0)
		return;
	if (t->nr + 1 >= t->cap_r) {
		t->cap_r = t->cap_r ? t->cap_r * 2 : 256;
		t->rstart = xrealloc(t->rstart, (size_t)(t->cap_r + 1) * sizeof *t->rstart);
	}
	if (t->nrc + n_parts + 1 > t->cap_rc) {
		while (t->nrc + n_parts + 1 > t->cap_rc)
			t->cap_rc = t->cap_rc ? t->cap_rc * 2 : 1024;
		t->rcells = xrealloc(t->rcells, (size_t)t->cap_rc * sizeof *t->rcells);
	}
	t->rcells[t->nrc++] = total;
	for (int i = 0; i < n_parts; i++)
		t->rcells[t->nrc++] = parts[i];
	t->rstart[++t->nr] = t->nrc;
}

int disc_n_cells(const disc_table *t) { return t->n; }
double disc_value(const disc_table *t, int cell) { return t->value[cell]; }
enum disc_state disc_get_state(const disc_table *t, int cell) { return (enum disc_state)t->state[cell]; }
const disc_stats *disc_get_stats(const disc_table *t) { return &t->stats; }

/* cell -> relations, in relation order */
static void index_cells(disc_table *t)
{
	if (t->indexed_cells == t->n && t->indexed_rels == t->nr)
		return;
	free(t->cstart);
	free(t->crel);
	t->cstart = xcalloc((size_t)t->n + 1, sizeof *t->cstart);
	t->crel = xmalloc(((size_t)t->nrc + 1) * sizeof *t->crel);
	for (int k = 0; k < t->nrc; k++)
		t->cstart[t->rcells[k] + 1]++;
	for (int i = 0; i < t->n; i++)
		t->cstart[i + 1] += t->cstart[i];
	int *fill = xmalloc(((size_t)t->n + 1) * sizeof *fill);
	memcpy(fill, t->cstart, ((size_t)t->n + 1) * sizeof *fill);
	for (int r = 0; r < t->nr; r++)
		for (int k = t->rstart[r]; k < t->rstart[r + 1]; k++)
			t->crel[fill[t->rcells[k]]++] = r;
	free(fill);
	t->indexed_cells = t->n;
	t->indexed_rels = t->nr;
}

static int is_primary_value(const disc_table *t, int i)
{
	double v = t->value[i];
	return t->threshold[i] > 0 && v > EPS && v < t->threshold[i] + 0.5;
}

static void mark_primary(disc_table *t)
{
	t->stats = (disc_stats){0};
	t->max_width = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->conf[i] || is_primary_value(t, i)) {
			t->state[i] = DISC_PRIMARY;
			if (t->width[i] > t->max_width)
				t->max_width = t->width[i];
		} else if (t->forced[i]) {
			t->state[i] = DISC_SECONDARY;
		} else {
			t->state[i] = DISC_PUBLISHED;
		}
	}
}

static void count_states(disc_table *t)
{
	t->stats.cells = t->n;
	t->stats.relations = t->nr;
	t->stats.primary = t->stats.secondary = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->state[i] == DISC_PRIMARY)
			t->stats.primary++;
		else if (t->state[i] == DISC_SECONDARY)
			t->stats.secondary++;
	}
}

/* Bump when the method changes what it suppresses: stored patterns of an
 * older method are then recomputed. */
#define DISC_METHOD "ladder-disclosure-2"

/* A fast 256-bit digest (four multiply-rotate lanes, splitmix finish): it
 * only has to notice that the published table changed between runs on the
 * same store, not resist an adversary, and SHA-256 here cost more than half
 * of a whole `ladder show`. */
typedef struct fp_ctx {
	uint64_t lane[4];
	uint64_t len;
	int next;
} fp_ctx;

static uint64_t fp_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void fp_word(fp_ctx *c, uint64_t w)
{
	uint64_t *l = &c->lane[c->next];
	*l = (*l ^ fp_mix(w + c->len)) * 0x9e3779b97f4a7c15ull;
	*l = (*l << 31) | (*l >> 33);
	c->next = (c->next + 1) & 3;
	c->len++;
}

static void fp_bytes(fp_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		fp_word(c, w);
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	fp_word(c, w ^ ((uint64_t)n << 56));
}

void disc_fingerprint(const disc_table *t, char hex[65])
{
	fp_ctx c = {{1, 2, 3, 4}, 0, 0};
	fp_bytes(&c, DISC_METHOD, sizeof DISC_METHOD);
	int counts[2] = {t->n, t->nr};
	fp_bytes(&c, counts, sizeof counts);
	for (int i = 0; i < t->n; i++) {
		uint64_t v;
		memcpy(&v, &t->value[i], sizeof v);
		fp_word(&c, v);
		fp_word(&c, (uint64_t)(uint32_t)t->threshold[i] | (uint64_t)(uint32_t)t->width[i] << 32);
		fp_word(&c, (uint64_t)(uint32_t)t->block[i] | (uint64_t)t->conf[i] << 32 | (uint64_t)t->forced[i] << 40);
	}
	fp_bytes(&c, t->rstart, ((size_t)t->nr + 1) * sizeof *t->rstart);
	if (t->nrc) /* rcells is NULL in a table without relations */
		fp_bytes(&c, t->rcells, (size_t)t->nrc * sizeof *t->rcells);
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 4; i++) {
		uint64_t h = fp_mix(c.lane[i] ^ fp_mix(c.len + (uint64_t)i));
		for (int k = 0; k < 16; k++)
			hex[i * 16 + k] = digits[(h >> (60 - 4 * k)) & 15];
	}
	hex[64] = '\0';
}

void disc_get_states(const disc_table *t, unsigned char *out)
{
	memcpy(out, t->state, (size_t)t->n);
}

void disc_set_states(disc_table *t, const unsigned char *states)
{
	mark_primary(t);
	for (int i = 0; i < t->n; i++)
		if (t->state[i] == DISC_PUBLISHED && states[i] == DISC_SECONDARY)
			t->state[i] = DISC_SECONDARY;
	count_states(t);
}

void disc_primary_only(disc_table *t)
{
	mark_primary(t);
	count_states(t);
}

/* ------------------------------------------------------------ local rules */

/* A worklist of relations to look at again (a stack: deterministic). */
typedef struct work {
	int *stack, n;
	unsigned char *in;
} work;

static void work_push(work *w, int r)
{
	if (w->in[r])
		return;
	w->in[r] = 1;
	w->stack[w->n++] = r;
}

static void suppress(disc_table *t, int c, work *w)
{
	if (t->state[c] != DISC_PUBLISHED)
		return;
	t->state[c] = DISC_SECONDARY;
	if (w)
		for (int k = t->cstart[c]; k < t->cstart[c + 1]; k++)
			work_push(w, t->crel[k]);
}

/* Information loss of suppressing a cell: its persons, plus one so that a
 * suppressed zero is not free (a "-" hidden is a loss too). */
static double cost(const disc_table *t, int c)
{
	return t->value[c] + 1.0;
}

/* Is a better than b as a candidate: lower cost, then lower index. */
static int cheaper(const disc_table *t, int a, int b)
{
	if (b < 0)
		return 1;
	double ca = cost(t, a), cb = cost(t, b);
	if (fabs(ca - cb) > EPS)
		return ca < cb;
	return a < b;
}

/* How far cell c[i] can move up and down within this one relation alone,
 * with the current pattern (the other relations can only narrow this). */
static void room(const disc_table *t, const int *c, int k, int i, double *up, double *down)
{
	double v = t->value[c[i]], sum = 0;
	int any = 0;
	for (int j = 1; j < k; j++)
		if (j != i && t->state[c[j]]) {
			any = 1;
			sum += t->value[c[j]];
		}
	if (i == 0) { /* the total: parts may grow without bound, shrink to 0 */
		*up = any ? HUGE_VAL : 0;
		*down = any ? fmin(v, sum) : 0;
		return;
	}
	int total_hidden = t->state[c[0]] != DISC_PUBLISHED;
	*up = total_hidden ? HUGE_VAL : sum;
	*down = (total_hidden || any) ? v : 0;
}

/* The cell to suppress so that c[i] gains `deficit` of room in this
 * relation: the cheapest single cell that is enough; when the only single
 * cell enough is the (dearer) total, the largest part if the parts can make
 * up the deficit together. */
static int pick_for(const disc_table *t, const int *c, int k, int i, double deficit, double down)
{
	if (i == 0) { /* a total alone: any part gives it unbounded room up */
		int best = -1;
		for (int j = 1; j < k; j++)
			if (t->state[c[j]] == DISC_PUBLISHED && cheaper(t, c[j], best))
				best = c[j];
		return best;
	}
	double bonus = down > EPS ? 0 : t->value[c[i]];
	int best = -1, largest = -1;
	double parts_gain = bonus;
	for (int j = 1; j < k; j++) {
		int p = c[j];
		if (j == i || t->state[p] != DISC_PUBLISHED)
			continue;
		parts_gain += t->value[p];
		if (t->value[p] + bonus >= deficit - EPS && cheaper(t, p, best))
			best = p;
		if (largest < 0 || t->value[p] > t->value[largest] + EPS)
			largest = p;
	}
	if (best >= 0)
		return best;
	int total = c[0];
	if (t->state[total] != DISC_PUBLISHED)
		return largest; /* cannot happen: a hidden total gives unbounded room */
	if (largest >= 0 && parts_gain >= deficit - EPS && cost(t, largest) < cost(t, total))
		return largest;
	return total;
}

/* Applies the rules to one relation until it holds; returns 1 if it
 * suppressed anything. */
static int relation_fix(disc_table *t, int r, work *w)
{
	const int *c = t->rcells + t->rstart[r];
	int k = t->rstart[r + 1] - t->rstart[r];
	int changed = 0;
	for (;;) {
		int pick = -1;
		for (int i = 0; i < k && pick < 0; i++) {
			int x = c[i];
			if (t->state[x] != DISC_PRIMARY || t->width[x] <= 0)
				continue;
			double up, down;
			room(t, c, k, i, &up, &down);
			if (isinf(up) || up + down >= t->width[x] - EPS)
				continue;
			pick = pick_for(t, c, k, i, t->width[x] - up - down, down);
		}
		if (pick < 0) {
			/* a suppressed cell alone in a relation is its difference */
			int hidden = 0, lone = -1;
			for (int i = 0; i < k; i++)
				if (t->state[c[i]]) {
					hidden++;
					lone = i;
				}
			if (hidden == 1) {
				/* the partner must be able to carry a confidential cell's
				 * uncertainty on: the cheapest worth the width, else the
				 * largest (a hidden zero only moves one way) */
				double want = t->width[c[lone]] > 0 ? t->width[c[lone]] : t->max_width;
				int largest = -1;
				for (int i = 0; i < k; i++) {
					int y = c[i];
					if (i == lone || t->state[y] != DISC_PUBLISHED)
						continue;
					if (t->value[y] >= want - EPS && cheaper(t, y, pick))
						pick = y;
					if (largest < 0 || t->value[y] > t->value[largest] + EPS)
						largest = y;
				}
				if (pick < 0)
					pick = largest;
			}
		}
		if (pick < 0)
			return changed;
		suppress(t, pick, w);
		changed = 1;
	}
}

static void local_fixpoint(disc_table *t, work *w)
{
	while (w->n) {
		int r = w->stack[--w->n];
		w->in[r] = 0;
		relation_fix(t, r, w);
	}
}

/* ------------------------------------------------------------------ audit */

static int uf_find(int *p, int x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

static void uf_union(int *p, int a, int b)
{
	a = uf_find(p, a);
	b = uf_find(p, b);
	if (a != b) {
		if (a < b)
			p[b] = a;
		else
			p[a] = b;
	}
}

static double round_hi(double hi) { return isinf(hi) ? hi : floor(hi + EPS); }
static double round_lo(double lo) { return ceil(lo - EPS); }

static void add_exposure(disc_table *t, int cell, double lo, double hi, const int *bind, int n_bind)
{
	if (t->n_exp == t->cap_exp) {
		t->cap_exp = t->cap_exp ? t->cap_exp * 2 : 64;
		t->exp = xrealloc(t->exp, (size_t)t->cap_exp * sizeof *t->exp);
		t->bstart = xrealloc(t->bstart, ((size_t)t->cap_exp + 1) * sizeof *t->bstart);
	}
	if (t->n_exp == 0)
		t->bstart[0] = t->n_bind = 0;
	if (t->n_bind + n_bind > t->cap_bind) {
		while (t->n_bind + n_bind > t->cap_bind)
			t->cap_bind = t->cap_bind ? t->cap_bind * 2 : 256;
		t->bind = xrealloc(t->bind, (size_t)t->cap_bind * sizeof *t->bind);
	}
	memcpy(t->bind + t->n_bind, bind, (size_t)n_bind * sizeof *bind);
	t->n_bind += n_bind;
	t->exp[t->n_exp] = (disc_exposure){cell, lo, hi, t->width[cell]};
	t->bstart[++t->n_exp] = t->n_bind;
}

/* An LP over a set of suppressed cells, the columns (>= 0); every other
 * cell is fixed at its value: published cells because they are published,
 * suppressed cells outside the set because fixing a cell can only narrow
 * the intervals, so a width proven on a small set holds for the whole table.
 * Rows are the relations touching the set (total - parts = 0, the fixed
 * cells moved to the right-hand side). Only the whole component of the
 * cell gives its exact interval; it is built when the small sets fail. */
typedef struct lp {
	glp_prob *P;
	glp_smcp parm;
	int nv, nrows;
	int outer; /* a relaxation (see lp_build) */
	int *vars; /* cells by variable (0-based) */
	int *rows; /* relations by solver row - 1 */
	/* variable j = sgn[j] * solver column rcol[j] + off[j] (see reduce) */
	int *rcol;
	signed char *sgn;
	double *off;
	int *elim; /* per variable: the relation that tied it to its column, -1 */
	/* the rows before reduce, for the duals of the ties (add_binding):
	 * original row i has variables ovar[ostart[i] .. ostart[i + 1]) with
	 * coefficients ocoef, relation orel[i], and okind[i] its solver row
	 * (1-based), 0 for a tie, -1 when dropped */
	int no, n_ties;
	int *ostart, *ovar, *orel, *okind;
	signed char *ocoef;
} lp;

typedef struct audit_ctx {
	disc_table *t;
	int *col;            /* per cell: its column while an LP is built */
	int *rstamp, stamp;  /* per relation: the last build that took it */
	int *cstamp, cmark;  /* per cell: the last search that reached it */
	int *queue, *depth;  /* breadth-first search over hidden cells */
	int *ia;             /* lp_build's rows: variable and coefficient of each entry */
	double *ar;
	size_t cap_a;
	double *lo_seen, *hi_seen; /* per cell: values seen in feasible solutions */
	int *bind, n_bind;   /* relations binding the cell being audited */
	const unsigned char *tries; /* protection: rounds a cell was exposed */
	int reduce;          /* protection: large LPs through reduce (the audit never) */
} audit_ctx;

#define LOCAL_MAX 400  /* columns of a small LP */
#define FEW_IN_COMPONENT 10 /* fewer cells to do than 1 in 10: no joint solves */
#define LOCAL_RADIUS 2 /* relations away from the cell */

/* The group variable j is tied to; on the way, j and every variable above
 * it are expressed in that group's variable directly (path compression,
 * composing the ties' signs and offsets). */
static int tie_root(lp *L, int *par, int j)
{
	int p = par[j];
	if (p == j)
		return j;
	int r = tie_root(L, par, p);
	if (p != r) {
		L->off[j] += L->sgn[j] * L->off[p];
		L->sgn[j] = (signed char)(L->sgn[j] * L->sgn[p]);
		par[j] = r;
	}
	return r;
}

/* Half the relations of a component hold exactly two hidden cells (a
 * small cell and the partner the local rules gave it): such a relation ties
 * one variable to the other, x2 = +-x1 + constant. reduce() substitutes
 * every such tie before the solver sees the problem - the classic doubleton
 * presolve, done once per LP so that warm starts stay possible - leaving one
 * solver column per group of tied variables, bounded so that every member
 * stays >= 0, and only the other relations as rows. The feasible values of
 * the variables are exactly those of the full problem, so every interval,
 * every point and every proof is the same; only the solver works on about
 * half the rows and columns. Rows from the entries a->ia (variable) and
 * a->ar (coefficient, +-1) in rowstart order, right-hand sides rhs. */
static void reduce(audit_ctx *a, lp *L, const int *rowstart, const double *rhs, int ties)
{
	int nv = L->nv, nrows = L->nrows;
	int *par = xmalloc(((size_t)nv + 1) * sizeof *par);
	unsigned char *fixed = xcalloc((size_t)nv + 1, 1), *gone = xcalloc((size_t)nrows + 1, 1);
	double *fixval = xcalloc((size_t)nv + 1, sizeof *fixval);
	L->sgn = xmalloc(((size_t)nv + 1) * sizeof *L->sgn);
	L->off = xcalloc((size_t)nv + 1, sizeof *L->off);
	L->elim = xmalloc(((size_t)nv + 1) * sizeof *L->elim);
	L->rcol = xmalloc(((size_t)nv + 1) * sizeof *L->rcol);
	for (int j = 0; j < nv; j++) {
		par[j] = j;
		L->sgn[j] = 1;
		L->elim[j] = -1;
	}
	for (int i = 0; i < nrows; i++)
		L->okind[i] = -1;
	if (ties)
		a->t->stats.reduced_lps++;
	for (int i = 0; i < nrows && ties; i++) {
		if (rowstart[i + 1] - rowstart[i] != 2)
			continue;
		int k = rowstart[i], j1 = a->ia[k], j2 = a->ia[k + 1];
		int r1 = tie_root(L, par, j1), r2 = tie_root(L, par, j2);
		double c1 = a->ar[k] * L->sgn[j1], c2 = a->ar[k + 1] * L->sgn[j2];
		double b = rhs[i] - a->ar[k] * L->off[j1] - a->ar[k + 1] * L->off[j2];
		gone[i] = 1;
		if (r1 == r2) { /* a cycle: the group's value is fixed, or the row says nothing */
			if (c1 + c2 != 0 && !fixed[r1]) {
				fixed[r1] = 1;
				fixval[r1] = b / (c1 + c2);
			}
			continue;
		}
		if (r2 < r1) { /* the lower index stays: deterministic */
			int tr = r1;
			r1 = r2;
			r2 = tr;
			double tc = c1;
			c1 = c2;
			c2 = tc;
		}
		/* c1 r1 + c2 r2 = b, c2 = +-1: r2 = c2 b - c1 c2 r1 */
		par[r2] = r1;
		L->sgn[r2] = (signed char)(-c1 * c2);
		L->off[r2] = c2 * b;
		L->elim[r2] = L->rows[i];
		L->okind[i] = 0;
		L->n_ties++;
		if (fixed[r2] && !fixed[r1]) {
			fixed[r1] = 1;
			fixval[r1] = (fixval[r2] - L->off[r2]) * L->sgn[r2];
		}
	}
	/* one solver column per group, bounded so that every member is >= 0 */
	int nc = 0;
	int *colof = xmalloc(((size_t)nv + 1) * sizeof *colof);
	for (int j = 0; j < nv; j++)
		colof[j] = tie_root(L, par, j) == j ? ++nc : 0;
	double *lo = xcalloc((size_t)nc + 1, sizeof *lo), *hi = xmalloc(((size_t)nc + 1) * sizeof *hi);
	for (int c = 1; c <= nc; c++)
		hi[c] = HUGE_VAL;
	for (int j = 0; j < nv; j++) {
		int c = L->rcol[j] = colof[par[j]];
		if (L->sgn[j] > 0 && -L->off[j] > lo[c])
			lo[c] = -L->off[j];
		if (L->sgn[j] < 0 && L->off[j] < hi[c])
			hi[c] = L->off[j];
	}
	L->P = glp_create_prob();
	glp_add_cols(L->P, nc);
	for (int j = 0; j < nv; j++) {
		if (par[j] != j)
			continue;
		int c = colof[j];
		if (fixed[j])
			lo[c] = hi[c] = fixval[j];
		if (hi[c] < lo[c])
			hi[c] = lo[c]; /* rounding only: the cells' own values are feasible */
		int type = isinf(hi[c]) ? GLP_LO : hi[c] - lo[c] < EPS ? GLP_FX : GLP_DB;
		glp_set_col_bnds(L->P, c, type, lo[c], type == GLP_FX ? lo[c] : hi[c]);
	}
	/* the rows left, over the groups */
	double *acc = xcalloc((size_t)nc + 1, sizeof *acc);
	int *touched = xmalloc(((size_t)nc + 1) * sizeof *touched);
	int *ia = xmalloc(((size_t)rowstart[nrows] + 1) * sizeof *ia), *ja = xmalloc(((size_t)rowstart[nrows] + 1) * sizeof *ja);
	double *ar = xmalloc(((size_t)rowstart[nrows] + 1) * sizeof *ar);
	int ne = 0, kept = 0;
	for (int i = 0; i < nrows; i++) {
		if (gone[i])
			continue;
		int nt = 0;
		double b = rhs[i];
		for (int k = rowstart[i]; k < rowstart[i + 1]; k++) {
			int j = a->ia[k], c = L->rcol[j];
			if (acc[c] == 0)
				touched[nt++] = c;
			acc[c] += a->ar[k] * L->sgn[j];
			b -= a->ar[k] * L->off[j];
		}
		int first = ne;
		for (int q = 0; q < nt; q++) {
			int c = touched[q];
			if (acc[c] != 0) {
				ia[++ne] = kept + 1;
				ja[ne] = c;
				ar[ne] = acc[c];
			}
			acc[c] = 0;
		}
		if (ne == first)
			continue; /* every variable cancelled: the cells' values satisfy it */
		L->rows[kept] = L->rows[i];
		L->okind[i] = kept + 1;
		glp_add_rows(L->P, 1);
		glp_set_row_bnds(L->P, kept + 1, GLP_FX, b, b);
		kept++;
	}
	L->nrows = kept;
	glp_load_matrix(L->P, ne, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	free(acc);
	free(touched);
	free(lo);
	free(hi);
	free(colof);
	free(fixval);
	free(fixed);
	free(gone);
	free(par);
}

/* outer: keep only the relations whose hidden cells are all columns (a
 * relaxation: the interval can only widen, so a width short of the
 * requirement here proves the cell exposed). Otherwise every relation
 * touching the columns, the rest fixed (a restriction: a width found here
 * proves the cell safe). */
static void lp_build(audit_ctx *a, lp *L, const int *vars, int nv, int outer)
{
	disc_table *t = a->t;
	memset(L, 0, sizeof *L);
	L->nv = nv;
	L->outer = outer;
	L->vars = xmalloc(((size_t)nv + 1) * sizeof *L->vars);
	memcpy(L->vars, vars, (size_t)nv * sizeof *vars);
	for (int j = 0; j < nv; j++)
		a->col[vars[j]] = j + 1;
	a->stamp++;
	size_t ne = 0;
	int cap_rows = 64;
	L->rows = xmalloc((size_t)cap_rows * sizeof *L->rows);
	L->nrows = 0;
	for (int j = 0; j < nv; j++)
		for (int k = t->cstart[vars[j]]; k < t->cstart[vars[j] + 1]; k++) {
			int r = t->crel[k];
			if (a->rstamp[r] == a->stamp)
				continue;
			a->rstamp[r] = a->stamp;
			if (outer) {
				int complete = 1;
				for (int m = t->rstart[r]; m < t->rstart[r + 1] && complete; m++)
					complete = !t->state[t->rcells[m]] || a->col[t->rcells[m]];
				if (!complete)
					continue;
			}
			if (L->nrows == cap_rows) {
				cap_rows *= 2;
				L->rows = xrealloc(L->rows, (size_t)cap_rows * sizeof *L->rows);
			}
			L->rows[L->nrows++] = r;
			ne += (size_t)(t->rstart[r + 1] - t->rstart[r]);
		}
	if (ne + 1 > a->cap_a) {
		a->cap_a = ne + 1;
		a->ia = xrealloc(a->ia, a->cap_a * sizeof *a->ia);
		a->ar = xrealloc(a->ar, a->cap_a * sizeof *a->ar);
	}
	/* the relations as rows over the variables, the fixed cells moved to
	 * the right-hand side */
	int *rowstart = xmalloc(((size_t)L->nrows + 1) * sizeof *rowstart);
	double *rhs = xmalloc(((size_t)L->nrows + 1) * sizeof *rhs);
	size_t e = 0;
	for (int i = 0; i < L->nrows; i++) {
		int r = L->rows[i];
		rowstart[i] = (int)e;
		rhs[i] = 0;
		for (int k = t->rstart[r]; k < t->rstart[r + 1]; k++) {
			int c = t->rcells[k];
			double coef = k == t->rstart[r] ? 1.0 : -1.0;
			if (a->col[c]) {
				a->ia[e] = a->col[c] - 1;
				a->ar[e++] = coef;
			} else {
				rhs[i] -= coef * t->value[c];
			}
		}
	}
	rowstart[L->nrows] = (int)e;
	for (int j = 0; j < nv; j++)
		a->col[vars[j]] = 0;
	L->no = L->nrows;
	L->ostart = rowstart;
	L->ovar = xmalloc((e + 1) * sizeof *L->ovar);
	L->ocoef = xmalloc(e + 1);
	for (size_t k = 0; k < e; k++) {
		L->ovar[k] = a->ia[k];
		L->ocoef[k] = (signed char)a->ar[k];
	}
	L->orel = xmalloc(((size_t)L->nrows + 1) * sizeof *L->orel);
	memcpy(L->orel, L->rows, (size_t)L->nrows * sizeof *L->orel);
	L->okind = xmalloc(((size_t)L->nrows + 1) * sizeof *L->okind);
	/* the small LPs stay as they are (their duals choose most repairs),
	 * and so does every LP of the audit: it shares no code path with the
	 * protection that could hide a mistake */
	reduce(a, L, rowstart, rhs, a->reduce && !outer && nv > LOCAL_MAX);
	free(rhs);
	glp_adv_basis(L->P, 0);
	glp_init_smcp(&L->parm);
	L->parm.msg_lev = GLP_MSG_OFF;
	L->parm.presolve = GLP_OFF;
}

static void lp_free(lp *L)
{
	if (L->P)
		glp_delete_prob(L->P);
	free(L->vars);
	free(L->rows);
	free(L->rcol);
	free(L->sgn);
	free(L->off);
	free(L->elim);
	free(L->ostart);
	free(L->ovar);
	free(L->orel);
	free(L->okind);
	free(L->ocoef);
	memset(L, 0, sizeof *L);
}

/* Variable j's value in the solver's current solution. */
static double lp_value(const lp *L, int j)
{
	return L->sgn[j] * glp_get_col_prim(L->P, L->rcol[j]) + L->off[j];
}

/* ----------------------------------------------------------- certificates */

/* Protection proves every confidential cell safe with feasible points (an
 * LP solution: hidden cells at other values, all relations in balance,
 * nothing negative, everything published at its value). Hiding more keeps
 * every such point feasible (the newly hidden cells at their own values), so
 * the points found in any round are feasible for the final pattern. The
 * points that widened some cell's seen values are kept as certificates;
 * disc_audit checks each against the final pattern and the relations before
 * it takes a single value from it, and audits with LPs whatever they do not
 * prove. So the audit trusts no claim of the protection, only arithmetic
 * it redoes. */

#define CERT_MAX_VALUES 4000000 /* about 48 MB; beyond, the audit solves LPs */

/* Keeps the LP's current solution as a point when it widened a seen value. */
static void keep_point(disc_table *t, const lp *L)
{
	if (!t->recording || t->n_pv + (size_t)L->nv > CERT_MAX_VALUES)
		return;
	if (t->n_pts + 1 >= t->cap_pts) {
		t->cap_pts = t->cap_pts ? t->cap_pts * 2 : 256;
		t->pstart = xrealloc(t->pstart, ((size_t)t->cap_pts + 1) * sizeof *t->pstart);
	}
	if (t->n_pv + (size_t)L->nv > t->cap_pv) {
		while (t->n_pv + (size_t)L->nv > t->cap_pv)
			t->cap_pv = t->cap_pv ? t->cap_pv * 2 : 4096;
		t->pcell = xrealloc(t->pcell, t->cap_pv * sizeof *t->pcell);
		t->pval = xrealloc(t->pval, t->cap_pv * sizeof *t->pval);
	}
	if (t->n_pts == 0)
		t->pstart[0] = 0;
	for (int j = 0; j < L->nv; j++) {
		double v = lp_value(L, j);
		if (v == t->value[L->vars[j]])
			continue;
		t->pcell[t->n_pv] = L->vars[j];
		t->pval[t->n_pv++] = v;
	}
	t->pstart[++t->n_pts] = (int)t->n_pv;
}

/* Widens the seen values with the LP's current solution (a feasible point
 * of the whole table) and keeps it when it widened anything. */
static void see_solution(audit_ctx *a, const lp *L)
{
	int wider = 0;
	for (int j = 0; j < L->nv; j++) {
		double v = lp_value(L, j);
		int c = L->vars[j];
		if (v > a->hi_seen[c]) {
			a->hi_seen[c] = v;
			wider = 1;
		}
		if (v < a->lo_seen[c]) {
			a->lo_seen[c] = v;
			wider = 1;
		}
	}
	if (wider)
		keep_point(a->t, L);
}

/* 1 when point p is feasible for the table as it stands: only suppressed
 * cells differ from their values, none is negative, and every relation
 * touching them still balances. mark: scratch per cell, all -1. */
static int point_holds(const disc_table *t, int p, double *val, int *mark)
{
	int ok = 1;
	for (int k = t->pstart[p]; k < t->pstart[p + 1]; k++) {
		int c = t->pcell[k];
		val[c] = t->pval[k];
		mark[c] = p;
		if (t->state[c] == DISC_PUBLISHED || !(t->pval[k] >= -EPS))
			ok = 0;
	}
	for (int k = t->pstart[p]; k < t->pstart[p + 1] && ok; k++) {
		int c = t->pcell[k];
		for (int q = t->cstart[c]; q < t->cstart[c + 1] && ok; q++) {
			int r = t->crel[q];
			double sum = 0, scale = 1;
			for (int m = t->rstart[r]; m < t->rstart[r + 1]; m++) {
				int d = t->rcells[m];
				double v = mark[d] == p ? val[d] : t->value[d];
				sum += m == t->rstart[r] ? v : -v;
				scale += fabs(v);
			}
			ok = fabs(sum) <= 1e-7 * scale;
		}
	}
	return ok;
}

/* The seen values of the certificates that hold. */
static int check_certificates(const disc_table *t, double *lo, double *hi)
{
	if (!t->n_pts)
		return 0;
	double *val = xmalloc(((size_t)t->n + 1) * sizeof *val);
	int *mark = xmalloc(((size_t)t->n + 1) * sizeof *mark), held = 0;
	for (int i = 0; i < t->n; i++)
		mark[i] = -1;
	for (int p = 0; p < t->n_pts; p++) {
		if (!point_holds(t, p, val, mark))
			continue;
		held++;
		for (int k = t->pstart[p]; k < t->pstart[p + 1]; k++) {
			int c = t->pcell[k];
			if (t->pval[k] > hi[c])
				hi[c] = t->pval[k];
			if (t->pval[k] < lo[c])
				lo[c] = t->pval[k];
		}
	}
	free(val);
	free(mark);
	return held;
}

/* The ties of each group as a tree from the group's own variable: deg/inc
 * the original rows of each variable (deg[v] .. deg[v + 1] in inc), up[v]
 * the tie above v (-1 at the top), order breadth first. Returns the count. */
static int tie_tree(const lp *L, int *deg, int *inc, int *up, int *order)
{
	int nv = L->nv;
	int *head = xmalloc(((size_t)nv + 1) * sizeof *head);
	for (int k = 0; k < L->ostart[L->no]; k++)
		deg[L->ovar[k] + 1]++;
	for (int j = 0; j < nv; j++)
		deg[j + 1] += deg[j];
	memcpy(head, deg, (size_t)nv * sizeof *head);
	for (int i = 0; i < L->no; i++)
		for (int k = L->ostart[i]; k < L->ostart[i + 1]; k++)
			inc[head[L->ovar[k]]++] = i;
	free(head);
	int n = 0;
	for (int j = 0; j < nv; j++)
		up[j] = -2;
	for (int j = 0; j < nv; j++) {
		if (L->elim[j] >= 0 || up[j] != -2)
			continue;
		up[j] = -1;
		order[n++] = j;
		for (int q = n - 1; q < n; q++) {
			int v = order[q];
			for (int m = deg[v]; m < deg[v + 1]; m++) {
				int i = inc[m];
				if (L->okind[i] != 0)
					continue;
				for (int k = L->ostart[i]; k < L->ostart[i + 1]; k++) {
					int w = L->ovar[k];
					if (w != v && up[w] == -2) {
						up[w] = i;
						order[n++] = w;
					}
				}
			}
		}
	}
	return n;
}

/* The relations binding the optimum of variable var (0-based): rows with a
 * non-zero dual. A tie has no solver row (reduce), so its dual is rebuilt
 * from the full problem's optimality conditions: every tied variable off
 * its bound has reduced cost 0, and a group's reduced cost belongs to the
 * member whose bound holds the group (the one at 0). The ties of a group
 * form a tree from its column's variable; peeling it from the leaves gives
 * each tie's dual from the variable below it. */
static void add_binding(audit_ctx *a, const lp *L, int var)
{
	double *y = xcalloc((size_t)L->no + 1, sizeof *y);
	for (int i = 0; i < L->no; i++)
		if (L->okind[i] > 0)
			y[i] = glp_get_row_dual(L->P, L->okind[i]);
	if (L->n_ties) {
		int nv = L->nv;
		double *dv = xcalloc((size_t)nv + 1, sizeof *dv);
		int *deg = xcalloc((size_t)nv + 2, sizeof *deg);
		int *inc = xmalloc(((size_t)L->ostart[L->no] + 1) * sizeof *inc);
		int *up = xmalloc(((size_t)nv + 1) * sizeof *up), *order = xmalloc(((size_t)nv + 1) * sizeof *order);
		/* a group's reduced cost goes to its first member at 0 */
		unsigned char *placed = xcalloc((size_t)glp_get_num_cols(L->P) + 1, 1);
		for (int j = 0; j < nv; j++) {
			int c = L->rcol[j];
			if (placed[c] || lp_value(L, j) > 1e-9)
				continue;
			double d = glp_get_col_dual(L->P, c);
			if (fabs(d) > 1e-9)
				dv[j] = L->sgn[j] * d;
			placed[c] = 1;
		}
		int n = tie_tree(L, deg, inc, up, order);
		/* leaves first: the tie above v balances v's condition */
		for (int q = n - 1; q >= 0; q--) {
			int v = order[q], e = up[v];
			if (e < 0)
				continue;
			double rest = (v == var ? 1.0 : 0.0) - dv[v], ce = 0;
			for (int m = deg[v]; m < deg[v + 1]; m++) {
				int i = inc[m];
				for (int k = L->ostart[i]; k < L->ostart[i + 1]; k++)
					if (L->ovar[k] == v) {
						if (i == e)
							ce = L->ocoef[k];
						else
							rest -= L->ocoef[k] * y[i];
					}
			}
			y[e] = ce != 0 ? rest / ce : 0;
		}
		free(dv);
		free(deg);
		free(inc);
		free(up);
		free(order);
		free(placed);
	}
	for (int i = 0; i < L->no; i++)
		if (fabs(y[i]) > 1e-9)
			a->bind[a->n_bind++] = L->orel[i];
	free(y);
}

/* One simplex run on L's objective, counted; a singular basis starts again
 * from the standard one. 0 or LERR_IO when the solver fails. */
static int simplex(audit_ctx *a, lp *L, lerr *err)
{
	int rc = glp_simplex(L->P, &L->parm);
	if (rc != 0) {
		glp_std_basis(L->P);
		rc = glp_simplex(L->P, &L->parm);
	}
	a->t->stats.lp_solves++;
	if (rc != 0)
		return lerr_set(err, LERR_IO, "disclosure audit: the LP solver failed (GLPK code %d)", rc);
	return 0;
}

/* Optimises variable var (1-based) in direction dir; *val gets the optimum
 * (HUGE_VAL when unbounded). Binding relations (non-zero duals) go to a->bind;
 * the solution widens the seen values. 0 or LERR_IO when the solver fails. */
static int lp_solve(audit_ctx *a, lp *L, int var, int dir, double *val, lerr *err)
{
	int col = L->rcol[var - 1];
	glp_set_obj_dir(L->P, dir);
	glp_set_obj_coef(L->P, col, L->sgn[var - 1]);
	int rc = simplex(a, L, err);
	glp_set_obj_coef(L->P, col, 0.0);
	if (rc < 0)
		return rc;
	int st = glp_get_status(L->P);
	if (st == GLP_UNBND) {
		*val = dir == GLP_MAX ? HUGE_VAL : 0;
	} else if (st == GLP_OPT) {
		*val = lp_value(L, var - 1);
		add_binding(a, L, var - 1);
	} else {
		return lerr_set(err, LERR_IO, "disclosure audit: the LP has no solution (status %d): inconsistent relations", st);
	}
	/* a feasible point of a restriction, with the fixed cells at their
	 * values, is a feasible point of the whole table; one of a relaxation
	 * may not be */
	if (!L->outer && glp_get_prim_stat(L->P) == GLP_FEAS)
		see_solution(a, L);
	return 0;
}

static int proven(const audit_ctx *a, int x)
{
	return round_hi(a->hi_seen[x]) - round_lo(a->lo_seen[x]) >= a->t->width[x] - EPS;
}

/* The hidden cells within `radius` relations of x (at most LOCAL_MAX). */
static int neighbourhood(audit_ctx *a, int x, int radius)
{
	disc_table *t = a->t;
	int qh = 0, qt = 0;
	a->cmark++;
	a->queue[qt] = x;
	a->depth[qt++] = 0;
	a->cstamp[x] = a->cmark;
	while (qh < qt && qt < LOCAL_MAX) {
		int c = a->queue[qh], d = a->depth[qh++];
		if (d == radius)
			continue;
		for (int k = t->cstart[c]; k < t->cstart[c + 1] && qt < LOCAL_MAX; k++) {
			int r = t->crel[k];
			for (int m = t->rstart[r]; m < t->rstart[r + 1] && qt < LOCAL_MAX; m++) {
				int y = t->rcells[m];
				if (!t->state[y] || a->cstamp[y] == a->cmark)
					continue;
				a->cstamp[y] = a->cmark;
				a->queue[qt] = y;
				a->depth[qt++] = d + 1;
			}
		}
	}
	return qt;
}

/* Cheap first: small neighbourhoods of x, a relaxation to prove it
 * exposed and a restriction to prove it safe. Returns 1 safe, 0 exposed
 * (then recorded), 2 unsettled, or LERR_*. With guess, an unsettled cell
 * is recorded exposed with the restriction's interval and binding
 * relations (protection: a repair too many costs a suppression, never
 * safety). */
static int audit_local(audit_ctx *a, int x, int cnt, int guess, lerr *err)
{
	disc_table *t = a->t;
	double need = t->width[x];
	if (need <= 0 || proven(a, x))
		return 1;
	int prev = 0, solved = 0;
	double hi = HUGE_VAL, lo = 0;
	for (int radius = 1; radius <= LOCAL_RADIUS; radius++) {
		int nv = neighbourhood(a, x, radius);
		if (nv >= cnt) {
			solved = 0; /* the whole component: its LP answers exactly */
			break;
		}
		if (nv == prev)
			continue;
		prev = nv;
		for (int outer = 1; outer >= 0; outer--) {
			lp L;
			lp_build(a, &L, a->queue, nv, outer);
			a->n_bind = 0;
			double h, l = 0;
			int rc = lp_solve(a, &L, 1, GLP_MAX, &h, err);
			if (rc == 0 && (outer || !proven(a, x)))
				rc = lp_solve(a, &L, 1, GLP_MIN, &l, err);
			lp_free(&L);
			if (rc < 0)
				return rc;
			if (!outer && proven(a, x))
				return 1;
			if (outer && round_hi(h) - round_lo(l) < need - EPS) {
				/* the relaxation's interval holds the true one */
				add_exposure(t, x, round_lo(l), round_hi(h), a->bind, a->n_bind);
				t->stats.exposed++;
				return 0;
			}
			if (!outer) {
				hi = h;
				lo = l;
				solved = 1;
			}
		}
	}
	if (guess && solved) {
		add_exposure(t, x, round_lo(lo), round_hi(hi), a->bind, a->n_bind);
		t->stats.exposed++;
		return 0;
	}
	return 2;
}

/* Sets the objective to the sum of the given variables (1-based) and
 * optimises both ways, max first unless min_first: every solution widens
 * the seen values of many cells at once. */
static int lp_batch(audit_ctx *a, lp *L, const int *cols, int n, int min_first, lerr *err)
{
	for (int i = 0; i < 2; i++) {
		int min = min_first ? !i : i;
		for (int j = 0; j < n; j++) {
			int c = L->rcol[cols[j] - 1];
			glp_set_obj_coef(L->P, c, glp_get_obj_coef(L->P, c) + L->sgn[cols[j] - 1]);
		}
		glp_set_obj_dir(L->P, min ? GLP_MIN : GLP_MAX);
		int rc = simplex(a, L, err);
		for (int j = 0; j < n; j++)
			glp_set_obj_coef(L->P, L->rcol[cols[j] - 1], 0.0);
		if (rc < 0)
			return rc;
		if (glp_get_prim_stat(L->P) == GLP_FEAS)
			see_solution(a, L);
	}
	return 0;
}

/* Proves what it can of the unsettled cells hard[0..nh) (columns of L):
 * all of them pushed up and down together while that proves enough, then
 * (one_by_one) one by one. With record, a cell short of its width is
 * recorded exposed (L is the whole component, so exact); without, it stays
 * in hard. Returns the count left, or LERR_*. */
static int settle(audit_ctx *a, lp *L, unsigned char *todo, int *hard, int nh, int record, int one_by_one, lerr *err)
{
	int rc = 0;
	for (int it = 0; it < 8 && nh > 1; it++) {
		/* max, min, then min, max, ...: each solve starts from the basis
		 * of an objective of the same direction (fewer pivots) */
		if ((rc = lp_batch(a, L, hard, nh, it % 2, err)) < 0)
			return rc;
		int kept = 0;
		for (int i = 0; i < nh; i++)
			if (proven(a, L->vars[hard[i] - 1]))
				todo[L->vars[hard[i] - 1]] = 0;
			else
				hard[kept++] = hard[i];
		int settled = nh - kept;
		nh = kept;
		if (settled * 20 < nh + settled)
			break;
	}
	if (!one_by_one)
		return nh;
	int kept = 0;
	for (int i = 0; i < nh; i++) {
		int x = L->vars[hard[i] - 1];
		double hi, lo = 0;
		a->n_bind = 0;
		if ((rc = lp_solve(a, L, hard[i], GLP_MAX, &hi, err)) < 0)
			return rc;
		if (!proven(a, x) && (rc = lp_solve(a, L, hard[i], GLP_MIN, &lo, err)) < 0)
			return rc;
		if (proven(a, x) || round_hi(hi) - round_lo(lo) >= a->t->width[x] - EPS) {
			todo[x] = 0;
		} else if (record) {
			add_exposure(a->t, x, round_lo(lo), round_hi(hi), a->bind, a->n_bind);
			a->t->stats.exposed++;
		} else {
			hard[kept++] = hard[i];
		}
	}
	return kept;
}

static int cmp_ll(const void *p, const void *q)
{
	long long a = *(const long long *)p, b = *(const long long *)q;
	return (a > b) - (a < b);
}

/* Audits the cells to do of one component (vars, cnt cells): proofs of
 * safety from each block (large components), then from the whole component
 * with all cells pushed together, then cheap proofs of exposure from
 * relaxations, then (exact) the exact interval cell by cell; without exact
 * (protection rounds) an unsettled cell counts as exposed. */
static int audit_component(audit_ctx *a, unsigned char *todo, const int *vars, int cnt, int exact, lerr *err)
{
	disc_table *t = a->t;
	int *hard = xmalloc(((size_t)cnt + 1) * sizeof *hard), nh = 0, rc = 0;
	for (int j = 0; j < cnt; j++)
		if (todo[vars[j]]) {
			if (t->width[vars[j]] <= 0 || proven(a, vars[j]))
				todo[vars[j]] = 0;
			else
				hard[nh++] = vars[j];
		}
	int single = 1;
	for (int j = 1; j < cnt && single; j++)
		single = t->block[vars[j]] == t->block[vars[0]];
	/* a large component of several blocks: each block on its own first */
	if (nh && !single && cnt > LOCAL_MAX) {
		int *bvars = xmalloc(((size_t)cnt + 1) * sizeof *bvars), *bhard = xmalloc(((size_t)nh + 1) * sizeof *bhard);
		/* members sorted by (block, cell): deterministic runs of blocks */
		long long *order = xmalloc(((size_t)cnt + 1) * sizeof *order);
		for (int j = 0; j < cnt; j++)
			order[j] = ((long long)t->block[vars[j]] << 32) | (long long)vars[j];
		qsort(order, (size_t)cnt, sizeof *order, cmp_ll);
		for (int j = 0; j < cnt && rc >= 0;) {
			int nb = 0, nbh = 0;
			long long b = order[j] >> 32;
			for (; j < cnt && (order[j] >> 32) == b; j++)
				bvars[nb++] = (int)(order[j] & 0xffffffffLL);
			for (int i = 0; i < nb; i++)
				a->col[bvars[i]] = i + 1;
			for (int i = 0; i < nh; i++)
				if (a->col[hard[i]])
					bhard[nbh++] = a->col[hard[i]];
			for (int i = 0; i < nb; i++)
				a->col[bvars[i]] = 0;
			if (!nbh)
				continue;
			lp L;
			lp_build(a, &L, bvars, nb, 0);
			t->stats.block_lps++;
			/* only proofs here: a block's "exposed" is not the table's */
			rc = settle(a, &L, todo, bhard, nbh, 0, 1, err);
			lp_free(&L);
		}
		free(bvars);
		free(bhard);
		free(order);
		int kept = 0;
		for (int i = 0; i < nh; i++)
			if (todo[hard[i]])
				hard[kept++] = hard[i];
		nh = kept;
	}
	if (rc >= 0 && nh) {
		lp full;
		lp_build(a, &full, vars, cnt, 0);
		t->stats.full_lps++;
		for (int i = 0; i < cnt; i++)
			a->col[vars[i]] = i + 1;
		for (int i = 0; i < nh; i++)
			hard[i] = a->col[hard[i]];
		for (int i = 0; i < cnt; i++)
			a->col[vars[i]] = 0;
		/* all together first; then a relaxation around each cell left
		 * proves the plain exposures cheaply; then one by one, exactly.
		 * A few cells left in a large component (later rounds: cells the
		 * blocks and the repairs did not settle) are seldom proven by
		 * moving them all at once, and the joint solves cost most there */
		rc = nh * FEW_IN_COMPONENT < cnt ? nh : settle(a, &full, todo, hard, nh, 1, 0, err);
		if (rc >= 0) {
			nh = rc;
			int kept = 0;
			for (int i = 0; i < nh && rc >= 0; i++) {
				int x = vars[hard[i] - 1];
				/* a cell guessed exposed twice is audited exactly: its
				 * repairs were not enough, a wrong guess costs more */
				int guess = !exact && cnt > LOCAL_MAX && (!a->tries || a->tries[x] < 2);
				rc = audit_local(a, x, cnt, guess, err);
				if (rc == 2)
					hard[kept++] = hard[i];
				else if (rc == 1)
					todo[x] = 0;
			}
			if (rc >= 0)
				rc = settle(a, &full, todo, hard, kept, 1, 1, err);
		}
		lp_free(&full);
	}
	free(hard);
	return rc < 0 ? rc : 0;
}

/* Values each cell took in feasible points found so far, starting at the
 * cell's own value (which is a feasible point). Protection keeps them from
 * round to round: hiding more cells keeps every earlier point feasible (the
 * newly hidden cells at their values), so a proof once half made is never
 * lost. The audit starts afresh. */
typedef struct seen_values {
	double *lo, *hi;
} seen_values;

static seen_values seen_new(const disc_table *t)
{
	seen_values v = {xmalloc(((size_t)t->n + 1) * sizeof *v.lo), xmalloc(((size_t)t->n + 1) * sizeof *v.hi)};
	for (int i = 0; i < t->n; i++)
		v.lo[i] = v.hi[i] = t->value[i];
	return v;
}

static void seen_free(seen_values *v)
{
	free(v->lo);
	free(v->hi);
}

/* Audits the primary cells with todo[c] set; clears todo for those proven
 * safe and records the others as exposures. */
static int audit_run(disc_table *t, unsigned char *todo, int exact, const unsigned char *tries, seen_values *sv, int reduce,
		     lerr *err)
{
	index_cells(t);
	t->n_exp = 0;
	t->n_bind = 0;
	t->stats.exposed = 0;
	t->stats.components = 0;
	int n = t->n;
	int *parent = xmalloc(((size_t)n + 1) * sizeof *parent);
	for (int i = 0; i < n; i++)
		parent[i] = i;
	for (int r = 0; r < t->nr; r++) {
		int first = -1;
		for (int k = t->rstart[r]; k < t->rstart[r + 1]; k++) {
			int c = t->rcells[k];
			if (!t->state[c])
				continue;
			if (first < 0)
				first = c;
			else
				uf_union(parent, first, c);
		}
	}
	/* members of each component, in cell order */
	int *cstart = xcalloc((size_t)n + 1, sizeof *cstart), *members = xmalloc(((size_t)n + 1) * sizeof *members);
	int *root = xmalloc(((size_t)n + 1) * sizeof *root);
	unsigned char *needed = xcalloc((size_t)n + 1, 1);
	for (int i = 0; i < n; i++) {
		root[i] = -1;
		if (t->state[i]) {
			root[i] = uf_find(parent, i);
			cstart[root[i] + 1]++;
			if (todo[i])
				needed[root[i]] = 1;
		}
	}
	for (int i = 0; i < n; i++)
		cstart[i + 1] += cstart[i];
	int *fill = xmalloc(((size_t)n + 1) * sizeof *fill);
	memcpy(fill, cstart, ((size_t)n + 1) * sizeof *fill);
	for (int i = 0; i < n; i++)
		if (root[i] >= 0)
			members[fill[root[i]]++] = i;
	free(fill);

	audit_ctx a = {0};
	a.t = t;
	a.tries = tries;
	a.reduce = reduce;
	a.col = xcalloc((size_t)n + 1, sizeof *a.col);
	a.rstamp = xcalloc((size_t)t->nr + 1, sizeof *a.rstamp);
	a.cstamp = xcalloc((size_t)n + 1, sizeof *a.cstamp);
	a.queue = xmalloc(((size_t)n + 1) * sizeof *a.queue);
	a.depth = xmalloc(((size_t)n + 1) * sizeof *a.depth);
	a.lo_seen = sv->lo;
	a.hi_seen = sv->hi;
	a.bind = xmalloc(((size_t)t->nr * 2 + 2) * sizeof *a.bind);
	glp_term_out(GLP_OFF);
	int rc = 0;
	for (int rt = 0; rt < n && rc >= 0; rt++) {
		int cnt = cstart[rt + 1] - cstart[rt];
		if (cnt == 0)
			continue;
		t->stats.components++;
		if (!needed[rt])
			continue;
		rc = audit_component(&a, todo, members + cstart[rt], cnt, exact, err);
	}
	/* GLPK keeps an environment per thread; every problem is deleted by
	 * now, so release it (a server thread that ends would leak it) */
	glp_free_env();
	free(a.col);
	free(a.rstamp);
	free(a.cstamp);
	free(a.queue);
	free(a.depth);
	free(a.bind);
	free(a.ia);
	free(a.ar);
	free(needed);
	free(root);
	free(members);
	free(cstart);
	free(parent);
	return rc < 0 ? rc : 0;
}

int disc_audit(disc_table *t, const disc_exposure **exp, int *n_exp, lerr *err)
{
	unsigned char *todo = xcalloc((size_t)t->n + 1, 1);
	for (int i = 0; i < t->n; i++)
		todo[i] = t->state[i] == DISC_PRIMARY;
	count_states(t);
	t->stats.lp_solves = t->stats.full_lps = t->stats.block_lps = 0;
	seen_values sv = seen_new(t);
	t->stats.certificates = check_certificates(t, sv.lo, sv.hi);
	int rc = audit_run(t, todo, 1, NULL, &sv, 0, err);
	seen_free(&sv);
	free(todo);
	*exp = t->exp;
	*n_exp = rc < 0 ? 0 : t->n_exp;
	return rc;
}

/* ----------------------------------------------------------------- repair */

/* The best published cell of relation r to give a cell `deficit` more room:
 * the cheapest one worth at least the deficit, else the largest. */
static int repair_pick(const disc_table *t, int r, double deficit, int *best, int *largest)
{
	int found = 0;
	for (int k = t->rstart[r]; k < t->rstart[r + 1]; k++) {
		int c = t->rcells[k];
		if (t->state[c] != DISC_PUBLISHED)
			continue;
		found = 1;
		if (t->value[c] >= deficit - EPS && cheaper(t, c, *best))
			*best = c;
		if (*largest < 0 || t->value[c] > t->value[*largest] + EPS)
			*largest = c;
	}
	return found;
}

/* Last resort for an exposed cell whose binding relations are all hidden:
 * the best published cell in any relation of its component. */
static int repair_search(const disc_table *t, int x, double deficit)
{
	unsigned char *seen = xcalloc((size_t)t->n + 1, 1), *rseen = xcalloc((size_t)t->nr + 1, 1);
	int *queue = xmalloc(((size_t)t->n + 1) * sizeof *queue), qh = 0, qt = 0;
	int best = -1, largest = -1;
	queue[qt++] = x;
	seen[x] = 1;
	while (qh < qt) {
		int c = queue[qh++];
		for (int k = t->cstart[c]; k < t->cstart[c + 1]; k++) {
			int r = t->crel[k];
			if (rseen[r])
				continue;
			rseen[r] = 1;
			repair_pick(t, r, deficit, &best, &largest);
			for (int m = t->rstart[r]; m < t->rstart[r + 1]; m++) {
				int d = t->rcells[m];
				if (t->state[d] && !seen[d]) {
					seen[d] = 1;
					queue[qt++] = d;
				}
			}
		}
	}
	free(seen);
	free(rseen);
	free(queue);
	return best >= 0 ? best : largest;
}

/* One cell per exposed cell, from the relations that bound it (the LP's
 * duals); a cell still exposed after four rounds gets one from each. */
static int repair(disc_table *t, work *w, unsigned char *tries)
{
	int added = 0;
	for (int e = 0; e < t->n_exp; e++) {
		const disc_exposure *x = &t->exp[e];
		double width = isinf(x->hi) ? HUGE_VAL : x->hi - x->lo;
		double deficit = x->required - width;
		if (tries[x->cell] < 255)
			tries[x->cell]++;
		if (tries[x->cell] > 4) {
			for (int b = t->bstart[e]; b < t->bstart[e + 1]; b++) {
				int best = -1, largest = -1;
				repair_pick(t, t->bind[b], deficit, &best, &largest);
				int pick = best >= 0 ? best : largest;
				if (pick >= 0 && t->state[pick] == DISC_PUBLISHED) {
					suppress(t, pick, w);
					added++;
				}
			}
		}
		int best = -1, largest = -1;
		for (int b = t->bstart[e]; b < t->bstart[e + 1]; b++)
			repair_pick(t, t->bind[b], deficit, &best, &largest);
		if (best < 0 && largest < 0)
			for (int k = t->cstart[x->cell]; k < t->cstart[x->cell + 1]; k++)
				repair_pick(t, t->crel[k], deficit, &best, &largest);
		int pick = best >= 0 ? best : largest;
		if (pick < 0)
			pick = repair_search(t, x->cell, deficit);
		if (pick >= 0 && t->state[pick] == DISC_PUBLISHED) {
			suppress(t, pick, w);
			added++;
		}
	}
	return added;
}

int disc_protect(disc_table *t, lerr *err)
{
	index_cells(t);
	mark_primary(t);
	work w = {xmalloc(((size_t)t->nr + 1) * sizeof(int)), 0, xcalloc((size_t)t->nr + 1, 1)};
	for (int r = 0; r < t->nr; r++) {
		int any = 0;
		for (int k = t->rstart[r]; k < t->rstart[r + 1] && !any; k++)
			any = t->state[t->rcells[k]] != DISC_PUBLISHED;
		if (any)
			work_push(&w, r);
	}
	/* pushed in relation order, popped last first: reverse so that the
	 * first relations are handled first */
	for (int i = 0, j = w.n - 1; i < j; i++, j--) {
		int tmp = w.stack[i];
		w.stack[i] = w.stack[j];
		w.stack[j] = tmp;
	}
	unsigned char *todo = xcalloc((size_t)t->n + 1, 1), *tries = xcalloc((size_t)t->n + 1, 1);
	for (int i = 0; i < t->n; i++)
		todo[i] = t->state[i] == DISC_PRIMARY;
	int rc = 0, solves = 0, fulls = 0, round, exact = 0;
	t->stats.reduced_lps = 0;
	seen_values sv = seen_new(t);
	t->n_pts = 0;
	t->n_pv = 0;
	t->recording = 1;
	for (round = 1;; round++) {
		local_fixpoint(t, &w);
		t->stats.lp_solves = t->stats.full_lps = t->stats.block_lps = 0;
		if ((rc = audit_run(t, todo, exact, tries, &sv, 1, err)) < 0)
			break;
		solves += t->stats.lp_solves;
		fulls += t->stats.full_lps;
		if (t->n_exp == 0)
			break;
		int added = round < MAX_ROUNDS ? repair(t, &w, tries) : 0;
		if (added == 0 && !exact && round < MAX_ROUNDS) {
			/* guesses from restrictions that nothing near can fix: ask
			 * the exact LPs (they never find a cell exposed that every
			 * cell around hides) */
			exact = 1;
			continue;
		}
		if (added == 0) {
			rc = lerr_set(err, LERR_CONFLICT, "disclosure: no safe pattern found after %d rounds (%d cells still exposed)",
				      round, t->n_exp);
			break;
		}
		exact = 0;
	}
	t->recording = 0;
	seen_free(&sv);
	free(todo);
	free(tries);
	free(w.stack);
	free(w.in);
	int components = t->stats.components, exposed = t->stats.exposed;
	count_states(t);
	t->stats.components = components;
	t->stats.exposed = exposed;
	t->stats.lp_solves = solves;
	t->stats.full_lps = fulls;
	t->stats.rounds = round;
	return rc;
}
