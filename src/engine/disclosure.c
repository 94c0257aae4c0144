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
	int *threshold, *width;
	unsigned char *state, *conf, *forced;
	int nr, cap_r;
	int *rstart; /* relation r is rcells[rstart[r] .. rstart[r + 1]); first the total */
	int *rcells;
	int nrc, cap_rc;
	int *cstart, *crel; /* cell -> relations, built by index() */
	int indexed_cells, indexed_rels;
	disc_stats stats;
	disc_exposure *exp;
	int n_exp, cap_exp;
	int *bstart, *bind; /* per exposure: relations that bound it (LP duals) */
	int n_bind, cap_bind;
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
		t->state = xrealloc(t->state, c);
		t->conf = xrealloc(t->conf, c);
		t->forced = xrealloc(t->forced, c);
	}
	int i = t->n++;
	t->value[i] = value < 0 ? 0 : value;
	t->threshold[i] = threshold < 0 ? 0 : threshold;
	t->width[i] = width < 0 ? 0 : width;
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
	for (int i = 0; i < t->n; i++) {
		if (t->conf[i] || is_primary_value(t, i))
			t->state[i] = DISC_PRIMARY;
		else if (t->forced[i])
			t->state[i] = DISC_SECONDARY;
		else
			t->state[i] = DISC_PUBLISHED;
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
			if (hidden == 1)
				for (int i = 0; i < k; i++)
					if (i != lone && t->state[c[i]] == DISC_PUBLISHED && cheaper(t, c[i], pick))
						pick = c[i];
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

/* One LP per component of suppressed cells: columns are the suppressed cells
 * (>= 0), rows the relations touching them, fixed at what the published
 * cells leave (total - parts = 0). */
typedef struct comp_lp {
	glp_prob *P;
	glp_smcp parm;
	int nv;
	const int *vars;  /* cells, by column - 1 */
	const int *rows;  /* relations, by row - 1 */
	int nrows;
	double *lo_seen, *hi_seen; /* per column: values seen in feasible solutions */
} comp_lp;

static void seen_update(comp_lp *L)
{
	if (glp_get_prim_stat(L->P) != GLP_FEAS)
		return;
	for (int j = 0; j < L->nv; j++) {
		double v = glp_get_col_prim(L->P, j + 1);
		if (v > L->hi_seen[j])
			L->hi_seen[j] = v;
		if (v < L->lo_seen[j])
			L->lo_seen[j] = v;
	}
}

/* Optimises column col (1-based) in direction dir; *val gets the optimum
 * (HUGE_VAL when unbounded). Binding rows (non-zero duals) are appended to
 * bind. Returns 0 or LERR_IO when the solver fails. */
static int solve(disc_table *t, comp_lp *L, int col, int dir, double *val, int *bind, int *n_bind, lerr *err)
{
	glp_set_obj_dir(L->P, dir);
	glp_set_obj_coef(L->P, col, 1.0);
	int rc = glp_simplex(L->P, &L->parm);
	if (rc != 0) { /* e.g. a singular basis: start again from the standard one */
		glp_std_basis(L->P);
		rc = glp_simplex(L->P, &L->parm);
	}
	t->stats.lp_solves++;
	glp_set_obj_coef(L->P, col, 0.0);
	if (rc != 0)
		return lerr_set(err, LERR_IO, "disclosure audit: the LP solver failed (GLPK code %d)", rc);
	int st = glp_get_status(L->P);
	if (st == GLP_UNBND) {
		*val = dir == GLP_MAX ? HUGE_VAL : 0;
	} else if (st == GLP_OPT) {
		*val = glp_get_col_prim(L->P, col);
		for (int r = 1; r <= L->nrows; r++)
			if (fabs(glp_get_row_dual(L->P, r)) > 1e-9)
				bind[(*n_bind)++] = L->rows[r - 1];
	} else {
		return lerr_set(err, LERR_IO, "disclosure audit: the LP has no solution (status %d): inconsistent relations", st);
	}
	seen_update(L);
	return 0;
}

/* Audits the primary cells with todo[c] set; clears todo for those proven
 * safe and records the others as exposures. */
static int audit_run(disc_table *t, unsigned char *todo, lerr *err)
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

	int *col = xcalloc((size_t)n + 1, sizeof *col);
	int *rstamp = xmalloc(((size_t)t->nr + 1) * sizeof *rstamp);
	for (int r = 0; r < t->nr; r++)
		rstamp[r] = -1;
	int *rows = xmalloc(((size_t)t->nr + 1) * sizeof *rows);
	int *bind = xmalloc(((size_t)t->nr * 2 + 2) * sizeof *bind);
	int *ia = NULL, *ja = NULL;
	double *ar = NULL;
	size_t cap_a = 0;
	int rc = 0;
	glp_term_out(GLP_OFF);

	for (int rt = 0; rt < n && rc == 0; rt++) {
		int cnt = cstart[rt + 1] - cstart[rt];
		if (cnt == 0)
			continue;
		t->stats.components++;
		if (!needed[rt])
			continue;
		const int *vars = members + cstart[rt];
		for (int j = 0; j < cnt; j++)
			col[vars[j]] = j + 1;
		int nrows = 0;
		size_t ne = 0;
		for (int j = 0; j < cnt; j++)
			for (int k = t->cstart[vars[j]]; k < t->cstart[vars[j] + 1]; k++) {
				int r = t->crel[k];
				if (rstamp[r] == rt)
					continue;
				rstamp[r] = rt;
				rows[nrows++] = r;
				ne += (size_t)(t->rstart[r + 1] - t->rstart[r]);
			}
		if (ne + 1 > cap_a) {
			cap_a = ne + 1;
			ia = xrealloc(ia, cap_a * sizeof *ia);
			ja = xrealloc(ja, cap_a * sizeof *ja);
			ar = xrealloc(ar, cap_a * sizeof *ar);
		}
		glp_prob *P = glp_create_prob();
		glp_add_cols(P, cnt);
		for (int j = 1; j <= cnt; j++)
			glp_set_col_bnds(P, j, GLP_LO, 0.0, 0.0);
		glp_add_rows(P, nrows);
		size_t e = 0;
		for (int i = 0; i < nrows; i++) {
			int r = rows[i];
			double rhs = 0;
			for (int k = t->rstart[r]; k < t->rstart[r + 1]; k++) {
				int c = t->rcells[k];
				double coef = k == t->rstart[r] ? 1.0 : -1.0;
				if (t->state[c]) {
					e++;
					ia[e] = i + 1;
					ja[e] = col[c];
					ar[e] = coef;
				} else {
					rhs -= coef * t->value[c];
				}
			}
			glp_set_row_bnds(P, i + 1, GLP_FX, rhs, rhs);
		}
		glp_load_matrix(P, (int)e, ia, ja, ar);
		glp_adv_basis(P, 0);
		comp_lp L = {P, {0}, cnt, vars, rows, nrows, xmalloc((size_t)cnt * sizeof(double)), xmalloc((size_t)cnt * sizeof(double))};
		glp_init_smcp(&L.parm);
		L.parm.msg_lev = GLP_MSG_OFF;
		L.parm.presolve = GLP_OFF;
		for (int j = 0; j < cnt; j++)
			L.lo_seen[j] = L.hi_seen[j] = t->value[vars[j]];
		for (int j = 0; j < cnt && rc == 0; j++) {
			int x = vars[j];
			if (!todo[x])
				continue;
			double need = t->width[x];
			if (need <= 0 || round_hi(L.hi_seen[j]) - round_lo(L.lo_seen[j]) >= need - EPS) {
				todo[x] = 0;
				continue;
			}
			int nb = 0;
			double hi, lo = L.lo_seen[j];
			if ((rc = solve(t, &L, j + 1, GLP_MAX, &hi, bind, &nb, err)) < 0)
				break;
			if (round_hi(hi) - round_lo(L.lo_seen[j]) >= need - EPS) {
				todo[x] = 0;
				continue;
			}
			if ((rc = solve(t, &L, j + 1, GLP_MIN, &lo, bind, &nb, err)) < 0)
				break;
			double rlo = round_lo(lo), rhi = round_hi(hi);
			if (rhi - rlo >= need - EPS) {
				todo[x] = 0;
				continue;
			}
			add_exposure(t, x, rlo, rhi, bind, nb);
			t->stats.exposed++;
		}
		free(L.lo_seen);
		free(L.hi_seen);
		glp_delete_prob(P);
		for (int j = 0; j < cnt; j++)
			col[vars[j]] = 0;
	}
	free(ia);
	free(ja);
	free(ar);
	free(bind);
	free(rows);
	free(rstamp);
	free(col);
	free(needed);
	free(root);
	free(members);
	free(cstart);
	free(parent);
	return rc;
}

int disc_audit(disc_table *t, const disc_exposure **exp, int *n_exp, lerr *err)
{
	unsigned char *todo = xcalloc((size_t)t->n + 1, 1);
	for (int i = 0; i < t->n; i++)
		todo[i] = t->state[i] == DISC_PRIMARY;
	count_states(t);
	t->stats.lp_solves = 0;
	int rc = audit_run(t, todo, err);
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

static int repair(disc_table *t, work *w)
{
	int added = 0;
	for (int e = 0; e < t->n_exp; e++) {
		const disc_exposure *x = &t->exp[e];
		double width = isinf(x->hi) ? HUGE_VAL : x->hi - x->lo;
		double deficit = x->required - width;
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
	unsigned char *todo = xcalloc((size_t)t->n + 1, 1);
	for (int i = 0; i < t->n; i++)
		todo[i] = t->state[i] == DISC_PRIMARY;
	int rc = 0, solves = 0, round;
	for (round = 1;; round++) {
		local_fixpoint(t, &w);
		t->stats.lp_solves = 0;
		if ((rc = audit_run(t, todo, err)) < 0)
			break;
		solves += t->stats.lp_solves;
		if (t->n_exp == 0)
			break;
		if (round >= MAX_ROUNDS || repair(t, &w) == 0) {
			rc = lerr_set(err, LERR_CONFLICT, "disclosure: no safe pattern found after %d rounds (%d cells still exposed)",
				      round, t->n_exp);
			break;
		}
	}
	free(todo);
	free(w.stack);
	free(w.in);
	int components = t->stats.components, exposed = t->stats.exposed;
	count_states(t);
	t->stats.components = components;
	t->stats.exposed = exposed;
	t->stats.lp_solves = solves;
	t->stats.rounds = round;
	return rc;
}
