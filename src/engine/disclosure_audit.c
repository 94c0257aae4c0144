/* disclosure_audit.c - the attacker: for every confidential cell the
 * interval the published values leave it, by LPs (disclosure_lp.c) per
 * component of hidden cells, cheap proofs first; the certificates the
 * protection leaves and the audit re-checks; disc_audit. Shared by
 * disc_protect (each round) and disc_audit (from scratch).
 * See disclosure_internal.h. */
#include "disclosure_internal.h"

#include <stdlib.h>
#include <string.h>

#define LOCAL_RADIUS 2 /* relations away from the cell */

/* ------------------------------------------------------------------ audit */

int disc_uf_find(int *p, int x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

static void uf_union(int *p, int a, int b)
{
	a = disc_uf_find(p, a);
	b = disc_uf_find(p, b);
	if (a != b) {
		if (a < b)
			p[b] = a;
		else
			p[a] = b;
	}
}


disc_components disc_components_new(const disc_table *t)
{
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
	disc_components c = {xmalloc(((size_t)n + 1) * sizeof(int)), xcalloc((size_t)n + 2, sizeof(int)),
			     xmalloc(((size_t)n + 1) * sizeof(int))};
	for (int i = 0; i < n; i++) {
		c.root[i] = t->state[i] ? disc_uf_find(parent, i) : -1;
		if (c.root[i] >= 0)
			c.start[c.root[i] + 1]++;
	}
	for (int i = 0; i < n; i++)
		c.start[i + 1] += c.start[i];
	/* parent is done with: it counts each component's members in */
	memcpy(parent, c.start, ((size_t)n + 1) * sizeof *parent);
	for (int i = 0; i < n; i++)
		if (c.root[i] >= 0)
			c.members[parent[c.root[i]]++] = i;
	free(parent);
	return c;
}

void disc_components_free(disc_components *c)
{
	free(c->root);
	free(c->start);
	free(c->members);
}

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


static double round_hi(double hi) { return isinf(hi) ? hi : floor(hi + EPS); }
static double round_lo(double lo) { return ceil(lo - EPS); }


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
static void keep_point(disc_table *t, const disc_lp *L)
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
		double v = disc_lp_value(L, j);
		if (v == t->value[L->vars[j]])
			continue;
		t->pcell[t->n_pv] = L->vars[j];
		t->pval[t->n_pv++] = v;
	}
	t->pstart[++t->n_pts] = (int)t->n_pv;
}

/* Widens the seen values with the LP's current solution (a feasible point
 * of the whole table) and keeps it when it widened anything. */
static void see_solution(disc_audit_ctx *a, const disc_lp *L)
{
	int wider = 0;
	for (int j = 0; j < L->nv; j++) {
		double v = disc_lp_value(L, j);
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
 * touching them still balances. mark: scratch per cell, rmark per
 * relation (each summed once, not once per moved cell in it), all -1. */
static int point_holds(const disc_table *t, int p, double *val, int *mark, int *rmark)
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
			if (rmark[r] == p)
				continue;
			rmark[r] = p;
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
	int *rmark = xmalloc(((size_t)t->nr + 1) * sizeof *rmark);
	for (int i = 0; i < t->n; i++)
		mark[i] = -1;
	for (int r = 0; r < t->nr; r++)
		rmark[r] = -1;
	for (int p = 0; p < t->n_pts; p++) {
		if (!point_holds(t, p, val, mark, rmark))
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
	free(rmark);
	return held;
}


/* One simplex run on L's objective, counted; a singular basis starts again
 * from the standard one. 0 or LERR_SOLVER when the solver fails. */
static int simplex(disc_audit_ctx *a, disc_lp *L, lerr *err)
{
	int rc = glp_simplex(L->P, &L->parm);
	if (rc != 0) {
		glp_std_basis(L->P);
		rc = glp_simplex(L->P, &L->parm);
	}
	a->t->stats.lp_solves++;
	if (rc != 0)
		return lerr_set(err, LERR_SOLVER, "disclosure audit: the LP solver failed (GLPK code %d)", rc);
	return 0;
}

/* Optimises variable var (1-based) in direction dir; *val gets the optimum
 * (HUGE_VAL when unbounded). With bind, the binding relations (non-zero
 * duals) go to a->bind (only an exposure recorded needs them: a block's
 * solves skip the tie duals of disc_lp_binding); the solution widens the
 * seen values. 0 or LERR_SOLVER when the solver fails. */
static int lp_solve(disc_audit_ctx *a, disc_lp *L, int var, int dir, int bind, double *val, lerr *err)
{
	glp_set_obj_dir(L->P, dir);
	disc_lp_obj(L, var - 1, 1.0);
	int rc = simplex(a, L, err);
	disc_lp_obj(L, var - 1, 0.0);
	if (rc < 0)
		return rc;
	int st = glp_get_status(L->P);
	if (st == GLP_UNBND) {
		*val = dir == GLP_MAX ? HUGE_VAL : 0;
	} else if (st == GLP_OPT) {
		*val = disc_lp_value(L, var - 1);
		if (bind)
			disc_lp_binding(a, L, var - 1);
	} else {
		return lerr_set(err, LERR_SOLVER, "disclosure audit: the LP has no solution (status %d): inconsistent relations", st);
	}
	/* a feasible point of a restriction, with the fixed cells at their
	 * values, is a feasible point of the whole table; one of a relaxation
	 * may not be */
	if (!L->outer && glp_get_prim_stat(L->P) == GLP_FEAS)
		see_solution(a, L);
	return 0;
}

static int proven(const disc_audit_ctx *a, int x)
{
	return round_hi(a->hi_seen[x]) - round_lo(a->lo_seen[x]) >= a->t->width[x] - EPS;
}

/* The hidden cells within `radius` relations of x (at most LOCAL_MAX). */
static int neighbourhood(disc_audit_ctx *a, int x, int radius)
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
 * safety). The restriction 1 relation away is not tried (until method 10
 * it was: it proved no cell of the benchmark safe, a quarter of the
 * solves); its relaxation is, as its binding relations are the nearest
 * (repairs from the wider one's left arrondissement 43000 of the small
 * instances of bench/disclosure.sh at 55 secondary cells instead of 35). */
static int audit_local(disc_audit_ctx *a, int x, int cnt, int guess, lerr *err)
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
		/* the relaxation unless the same as the last, the restriction at
		 * the widest radius only */
		for (int outer = nv > prev; outer >= (radius < LOCAL_RADIUS); outer--) {
			disc_lp L;
			disc_lp_build(a, &L, a->queue, nv, outer);
			a->n_bind = 0;
			double h, l = 0;
			int rc = lp_solve(a, &L, 1, GLP_MAX, 1, &h, err);
			if (rc == 0 && (outer || !proven(a, x)))
				rc = lp_solve(a, &L, 1, GLP_MIN, 1, &l, err);
			disc_lp_free(&L);
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
		prev = nv;
	}
	if (guess && solved) {
		add_exposure(t, x, round_lo(lo), round_hi(hi), a->bind, a->n_bind);
		t->stats.exposed++;
		return 0;
	}
	return 2;
}

/* The sign of cell c in the objective of joint solve `it`: all +1 first,
 * then a fixed pseudo-random half -1. A sum alone never moves two hidden
 * parts of a published total (one's gain is the other's loss), nor a
 * hidden total against its hidden part; with opposite signs the next
 * solves push them apart. Method 10: on three years of the benchmark 7 %
 * fewer secondary cells (10 939 instead of 11 753; the cells the joint
 * solves leave are guessed exposed and repaired) and fewer solves. */
static double batch_sign(int c, int it)
{
	if (it == 0)
		return 1.0;
	unsigned h = (unsigned)c * 2654435761u ^ (unsigned)it * 40503u;
	h ^= h >> 13;
	h *= 0x5bd1e995u;
	h ^= h >> 15;
	return h & 1 ? 1.0 : -1.0;
}

/* Sets the objective to the signed sum (batch_sign, joint solve it) of
 * the given variables (1-based) and optimises both ways, max first unless
 * min_first: every solution widens the seen values of many cells at once. */
static int lp_batch(disc_audit_ctx *a, disc_lp *L, const int *cols, int n, int min_first, int it, lerr *err)
{
	for (int i = 0; i < 2; i++) {
		int min = min_first ? !i : i;
		for (int j = 0; j < n; j++)
			disc_lp_obj(L, cols[j] - 1, batch_sign(L->vars[cols[j] - 1], it));
		glp_set_obj_dir(L->P, min ? GLP_MIN : GLP_MAX);
		int rc = simplex(a, L, err);
		for (int j = 0; j < n; j++)
			disc_lp_obj(L, cols[j] - 1, 0.0);
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
static int settle(disc_audit_ctx *a, disc_lp *L, unsigned char *todo, int *hard, int nh, int record, int one_by_one, lerr *err)
{
	int rc = 0;
	for (int it = 0; it < 8 && nh > 1; it++) {
		/* max, min, then min, max, ...: each solve starts from the basis
		 * of an objective of the same direction (fewer pivots) */
		if ((rc = lp_batch(a, L, hard, nh, it % 2, it, err)) < 0)
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
		if ((rc = lp_solve(a, L, hard[i], GLP_MAX, record, &hi, err)) < 0)
			return rc;
		if (!proven(a, x) && (rc = lp_solve(a, L, hard[i], GLP_MIN, record, &lo, err)) < 0)
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

/* Cells cells[0..n) of L as its columns (1-based). */
static void to_columns(disc_audit_ctx *a, const disc_lp *L, int *cells, int n)
{
	for (int i = 0; i < L->nv; i++)
		a->col[L->vars[i]] = i + 1;
	for (int i = 0; i < n; i++)
		cells[i] = a->col[cells[i]];
	for (int i = 0; i < L->nv; i++)
		a->col[L->vars[i]] = 0;
}

/* The LP of the whole component vars[0..cnt) for the cells cells[0..n),
 * which become its columns: built (and in protection reduced when large)
 * every round. Until method 14 protection kept the LP of a large
 * component from round to round for the rounds with few cells to do, grown
 * by the cells hidden since (never reduced: a new hidden cell would split
 * a tie's group) and solved on from its last basis; but its cold solves
 * (the first round it served, and again when components merged) cost more
 * than the warm ones saved: the kept LPs of 2017 of bench/disclosure.sh
 * took 3,0 of the year's 13,5 G instructions. Without them 13,21 G (2024:
 * 7,59 -> 7,34 G), and their exact intervals come from other optima:
 * 3 453 secondary cells instead of 3 670 (2024: 3 514, 3 540). */
static disc_lp *whole_lp(disc_audit_ctx *a, disc_lp *own, const int *vars, int cnt, int *cells, int n)
{
	a->warm_next = a->warm != NULL;
	disc_lp_build(a, own, vars, cnt, 0);
	if (a->warm)
		disc_lp_warm(own, a->warm, a->t, 1);
	a->t->stats.full_lps++;
	to_columns(a, own, cells, n);
	return own;
}

/* Audits the cells to do of one component (vars, cnt cells): proofs of
 * safety from each block (large components), then from the whole component
 * with all cells pushed together, then cheap proofs of exposure from
 * relaxations, then (exact) the exact interval cell by cell; without exact
 * (protection rounds) an unsettled cell counts as exposed. */
static int audit_component(disc_audit_ctx *a, unsigned char *todo, const int *vars, int cnt, int exact, lerr *err)
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
			disc_lp L;
			a->warm_next = a->warm != NULL;
			disc_lp_build(a, &L, bvars, nb, 0);
			if (a->warm)
				disc_lp_warm(&L, a->warm, t, 0);
			t->stats.block_lps++;
			/* only proofs here: a block's "exposed" is not the table's.
			 * Cell by cell only when exact: in protection the cells the
			 * joint solves leave go to their neighbourhoods, most of them
			 * exposed or guessed so (method 13: 5 % fewer instructions
			 * for 2017 of the benchmark, 0,8 % more secondary cells) */
			rc = settle(a, &L, todo, bhard, nbh, 0, exact, err);
			if (a->warm && rc >= 0)
				disc_warm_save(a->warm, t, &L, 0);
			disc_lp_free(&L);
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
		disc_lp own, *full = NULL;
		/* all together first; then a relaxation around each cell left
		 * proves the plain exposures cheaply; then one by one, exactly.
		 * Also when few of a large component's cells are left (method
		 * 17; until then not below 1 in 10: since method 16 the joint
		 * solves paid there, 3 % fewer instructions and 2 % fewer
		 * secondary cells on 2010, 2016 and 2024 of the benchmark). Not
		 * the cells a large component's blocks left (method 10: none of
		 * the benchmark's, for a cold solve of the whole). The LP of the
		 * whole is built only when it is solved */
		int joint = single || cnt <= LOCAL_MAX;
		if (joint) {
			full = whole_lp(a, &own, vars, cnt, hard, nh);
			rc = settle(a, full, todo, hard, nh, 1, 0, err);
			if (rc >= 0) {
				nh = rc;
				for (int i = 0; i < nh; i++)
					hard[i] = full->vars[hard[i] - 1];
			}
		}
		if (rc >= 0) {
			int kept = 0;
			for (int i = 0; i < nh && rc >= 0; i++) {
				int x = hard[i];
				/* a cell guessed exposed twice is audited exactly: its
				 * repairs were not enough, a wrong guess costs more */
				int guess = !exact && cnt > LOCAL_MAX && (!a->tries || a->tries[x] < 2);
				rc = audit_local(a, x, cnt, guess, err);
				if (rc == 2)
					hard[kept++] = x;
				else if (rc == 1)
					todo[x] = 0;
			}
			if (rc >= 0 && kept) {
				if (!full)
					full = whole_lp(a, &own, vars, cnt, hard, kept);
				else
					to_columns(a, full, hard, kept);
				rc = settle(a, full, todo, hard, kept, 1, 1, err);
			}
		}
		if (full) {
			if (a->warm && rc >= 0)
				disc_warm_save(a->warm, t, full, 1);
			disc_lp_free(full);
		}
	}
	free(hard);
	return rc < 0 ? rc : 0;
}

disc_seen disc_seen_new(const disc_table *t)
{
	disc_seen v = {xmalloc(((size_t)t->n + 1) * sizeof *v.lo), xmalloc(((size_t)t->n + 1) * sizeof *v.hi)};
	for (int i = 0; i < t->n; i++)
		v.lo[i] = v.hi[i] = t->value[i];
	return v;
}

void disc_seen_free(disc_seen *v)
{
	free(v->lo);
	free(v->hi);
}

/* Audits the primary cells with todo[c] set; clears todo for those proven
 * safe and records the others as exposures. */
int disc_audit_run(disc_table *t, unsigned char *todo, int exact, const unsigned char *tries, disc_seen *sv, int reduce,
		   disc_warm *warm, lerr *err)
{
	disc_index_cells(t);
	t->n_exp = 0;
	t->n_bind = 0;
	t->stats.exposed = 0;
	t->stats.components = 0;
	int n = t->n;
	disc_components comp = disc_components_new(t);
	int *cstart = comp.start, *members = comp.members, *root = comp.root;
	unsigned char *needed = xcalloc((size_t)n + 1, 1);
	for (int i = 0; i < n; i++)
		if (root[i] >= 0 && todo[i])
			needed[root[i]] = 1;

	disc_audit_ctx a = {0};
	a.t = t;
	a.tries = tries;
	a.reduce = reduce;
	a.warm = warm;
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
	disc_components_free(&comp);
	return rc < 0 ? rc : 0;
}

int disc_audit(disc_table *t, const disc_exposure **exp, int *n_exp, lerr *err)
{
	unsigned char *todo = xcalloc((size_t)t->n + 1, 1);
	for (int i = 0; i < t->n; i++)
		todo[i] = t->state[i] == DISC_PRIMARY;
	disc_count_states(t);
	t->stats.lp_solves = t->stats.full_lps = t->stats.block_lps = 0;
	disc_seen sv = disc_seen_new(t);
	t->stats.certificates = check_certificates(t, sv.lo, sv.hi);
	int rc = disc_audit_run(t, todo, 1, NULL, &sv, 0, NULL, err);
	disc_seen_free(&sv);
	free(todo);
	*exp = t->exp;
	*n_exp = rc < 0 ? 0 : t->n_exp;
	return rc;
}

