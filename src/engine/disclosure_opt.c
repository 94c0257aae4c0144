/* disclosure_opt.c - the cheapest safe pattern: a MIP over "hide this
 * cell" (z = 1) with Fischetti-Salazar cuts from the attacker's LPs
 * (GLPK, branch and bound). Used for the optimum the benchmark measures
 * the heuristic against (disc_optimum) and, in protection, to redo small
 * components exactly (disc_protect). See docs/disclosure.md, "The exact
 * pattern"; shares disclosure_internal.h.
 *
 * The attacker of one confidential cell p, over the deviations u = x - a
 * of the cells in scope (cells outside it fixed at their values: a
 * restriction, so what it proves safe is safe):
 *     max +-u_p   s.t.  every relation: total - sum of parts = 0 in u,
 *                       -a_i z_i <= u_i <= B z_i.
 * For any dual solution y of it (reduced costs d = c - M'y), weak duality
 * bounds the optimum for EVERY pattern z by sum_i (d_i+ B + d_i- a_i) z_i.
 * A safe pattern has max u_p + max -u_p >= w, so
 *     sum_i min(w, cu_i + cd_i) z_i >= w          (capping keeps it valid)
 * holds for every safe pattern, and with y optimal at an unsafe z* it cuts
 * z* off. Integer rounding (ladder's rule rounds the interval inward) can
 * leave a pattern unsafe that the LP calls safe; then the cut is "hide one
 * more cell" (every subset of an unsafe pattern is unsafe).
 *
 * Deterministic: the same input gives the same cuts in the same order, and
 * branch and bound is limited by a count of nodes, never by time. */
#include "disclosure_internal.h"

#include <stdlib.h>
#include <string.h>

#define OPT_BIG 1e4        /* B: far above any width, below numerical trouble */
#define OPT_LP_ROUNDS 60   /* separation rounds on the LP relaxation */
/* calls of the primal heuristic per branch and bound (a count: the same
 * search on every machine) */
#define OPT_HEUR_CALLS 100
/* attacker points kept for all cells (see separate) */
#define OPT_RING 256

typedef struct opt {
	disc_table *t;
	int nv;                /* attacker variables: the cells in scope */
	int *vars;             /* cell by variable */
	int *var_of;           /* per cell: variable + 1, 0 out of scope */
	int *mcol;             /* per variable: MIP column (1-based), 0 fixed hidden */
	int *rmark;            /* per relation: a mark, all 0 between uses */
	int *rels, nrels;      /* the relations in scope, as the attacker's rows */
	disc_scratch *ws;      /* var_of, mcol and rmark are its, or NULL */
	int nc;                /* MIP columns */
	int *prot, np;         /* variables of the confidential cells to protect */
	glp_prob *atk, *mip;
	double *z;             /* per variable: the pattern being checked */
	double *du, *dd;       /* reduced costs of the two attacker LPs */
	/* per cell to protect: the points of its last two attacker LPs (up,
	 * down), which prove it again without a solve while they fit */
	double *pts;
	unsigned char *have;
	/* the points of the last OPT_RING attacker LPs, whatever cell each
	 * maximised (ring, a point a row of nv), and per variable the highest
	 * and lowest deviation among those that fit the pattern being checked */
	double *ring, *hi, *lo;
	int ring_n, ring_next, ring_cap; /* ring_cap grows to OPT_RING */
	int *ind;
	double *val;
	long nodes, node_limit;
	long *budget;          /* nodes left to every call sharing it, or NULL */
	int terminated;
	int cuts;
	/* every cut found (valid for every safe pattern): a row added inside
	 * branch and bound belongs to the subtree it was found in, so another
	 * subtree gets it again from here without the attacker's LPs */
	int npool, pool_cap, *pool_start, *pool_col;
	size_t pool_nz, pool_nz_cap;
	double *pool_val, *pool_rhs;
	double *x;             /* per MIP column (1-based): the node's LP point */
	/* the redo of a component: the candidates' states as they came (the
	 * heuristic's pattern, safe), per MIP column, handed to branch and
	 * bound before its first LP; NULL for the optimum */
	double *inc;
	double inc_cost;       /* its cost */
	int int_costs;         /* every candidate's cost is whole */
	/* the relations' sum columns of lonely_rows: column scol0 + k is the
	 * sum of the columns scols[sstart[k] .. sstart[k + 1]) */
	int scol0, ns, *sstart, *scols;
	size_t ns_nz, ns_cap;
	int heur_left;         /* calls of the primal heuristic left */
	double min_cost;       /* the cheapest candidate's cost */
	int failed;            /* a callback's error (LERR_*), kept in err */
	int first_cut;         /* the MIP's first row of a cut (those before: mip_build's) */
	lerr *err;
} opt;

double disc_cost(const disc_table *t, int c)
{
	switch (t->cost) {
	case DISC_COST_CELLS:
		return 1.0; /* integral: branch and bound prunes on whole cells */
	case DISC_COST_PERSONS:
		return t->value[c] + 1.0 / (t->n + 1.0); /* the cells break ties */
	default:
		return t->value[c] + 1.0;
	}
}

static void atk_build(opt *o)
{
	disc_table *t = o->t;
	o->atk = glp_create_prob();
	glp_add_cols(o->atk, o->nv);
	int *rstamp = o->rmark, rcap = 64;
	o->rels = xmalloc((size_t)rcap * sizeof *o->rels);
	size_t cap = 1024, ne = 0;
	int *ia = xmalloc(cap * sizeof *ia), *ja = xmalloc(cap * sizeof *ja);
	double *ar = xmalloc(cap * sizeof *ar);
	int nrows = 0;
	for (int j = 0; j < o->nv; j++)
		for (int k = t->cstart[o->vars[j]]; k < t->cstart[o->vars[j] + 1]; k++) {
			int r = t->crel[k];
			if (rstamp[r])
				continue;
			rstamp[r] = 1;
			if (nrows == rcap) {
				rcap *= 2;
				o->rels = xrealloc(o->rels, (size_t)rcap * sizeof *o->rels);
			}
			o->rels[nrows++] = r;
			for (int m = t->rstart[r]; m < t->rstart[r + 1]; m++) {
				int v = o->var_of[t->rcells[m]];
				if (!v)
					continue; /* fixed at its value: deviation 0 */
				if (ne + 2 > cap) {
					cap *= 2;
					ia = xrealloc(ia, cap * sizeof *ia);
					ja = xrealloc(ja, cap * sizeof *ja);
					ar = xrealloc(ar, cap * sizeof *ar);
				}
				ne++;
				ia[ne] = nrows;
				ja[ne] = v;
				ar[ne] = m == t->rstart[r] ? 1.0 : -1.0;
			}
		}
	if (nrows)
		glp_add_rows(o->atk, nrows);
	for (int i = 1; i <= nrows; i++)
		glp_set_row_bnds(o->atk, i, GLP_FX, 0, 0);
	glp_load_matrix(o->atk, (int)ne, ia, ja, ar);
	glp_set_obj_dir(o->atk, GLP_MAX);
	free(ia);
	free(ja);
	free(ar);
	o->nrels = nrows;
	for (int i = 0; i < nrows; i++)
		rstamp[o->rels[i]] = 0;
}

/* The attacker's bounds for pattern o->z. */
static void atk_bounds(opt *o)
{
	for (int j = 0; j < o->nv; j++) {
		double z = o->z[j], a = o->t->value[o->vars[j]];
		if (z < 1e-9)
			glp_set_col_bnds(o->atk, j + 1, GLP_FX, 0, 0);
		else
			glp_set_col_bnds(o->atk, j + 1, GLP_DB, -a * z, OPT_BIG * z);
	}
}

/* Does the stored point u (deviations per variable) still fit pattern
 * o->z? Then it is feasible: the relations do not depend on z. */
static int point_fits(const opt *o, const double *u)
{
	for (int j = 0; j < o->nv; j++) {
		double z = o->z[j];
		if (u[j] > OPT_BIG * z + 1e-9 || u[j] < -o->t->value[o->vars[j]] * z - 1e-9)
			return 0;
	}
	return 1;
}

/* Widens o->hi and o->lo with point u. */
static void widen(opt *o, const double *u)
{
	for (int j = 0; j < o->nv; j++) {
		if (u[j] > o->hi[j])
			o->hi[j] = u[j];
		if (u[j] < o->lo[j])
			o->lo[j] = u[j];
	}
}

/* Keeps point u (just found: it fits the pattern) in the ring. */
static void ring_keep(opt *o, const double *u)
{
	if (o->ring_n == o->ring_cap && o->ring_cap < OPT_RING) {
		/* most MIPs (the import's: a few nodes) keep a few points */
		o->ring_cap = o->ring_cap ? 2 * o->ring_cap : 8;
		o->ring = xrealloc(o->ring, (size_t)o->ring_cap * (size_t)o->nv * sizeof *o->ring);
	}
	memcpy(o->ring + (size_t)o->ring_next * (size_t)o->nv, u, (size_t)o->nv * sizeof *u);
	o->ring_next = (o->ring_next + 1) % OPT_RING;
	if (o->ring_n < OPT_RING)
		o->ring_n++;
	widen(o, u);
}

/* hi and lo from the ring's points that fit pattern o->z (and the cells'
 * own values, deviation 0, which always do). */
static void ring_seen(opt *o)
{
	memset(o->hi, 0, (size_t)o->nv * sizeof *o->hi);
	memset(o->lo, 0, (size_t)o->nv * sizeof *o->lo);
	for (int k = 0; k < o->ring_n; k++) {
		const double *u = o->ring + (size_t)k * (size_t)o->nv;
		if (point_fits(o, u))
			widen(o, u);
	}
}

/* Is [a - down, a + up] narrower than w (integral: rounded inward, as the
 * audit does)? */
static int too_narrow(double a, double up, double down, double w, int integral)
{
	if (integral)
		return floor(a + up + EPS) - ceil(a - down - EPS) < w - EPS;
	return up + down < w - 1e-6;
}

/* max sgn * u_p; *g the optimum, d the reduced costs, u the point. */
static int atk_solve(opt *o, int p, int sgn, double *g, double *d, double *u, lerr *err)
{
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	glp_set_obj_coef(o->atk, p + 1, sgn);
	int rc = glp_simplex(o->atk, &parm);
	if (rc != 0) {
		glp_std_basis(o->atk);
		rc = glp_simplex(o->atk, &parm);
	}
	glp_set_obj_coef(o->atk, p + 1, 0);
	o->t->stats.lp_solves++;
	if (rc != 0 || glp_get_status(o->atk) != GLP_OPT)
		return lerr_set(err, LERR_SOLVER, "disclosure: the attacker's LP failed (GLPK code %d, status %d)", rc,
				glp_get_status(o->atk));
	*g = glp_get_obj_val(o->atk);
	for (int j = 0; j < o->nv; j++) {
		d[j] = glp_get_col_dual(o->atk, j + 1);
		u[j] = glp_get_col_prim(o->atk, j + 1);
	}
	return 0;
}

/* What the dual bound charges variable j for being hidden. */
static double charge(const opt *o, int j, double d)
{
	if (d > 1e-9)
		return d * OPT_BIG;
	if (d < -1e-9)
		return -d * o->t->value[o->vars[j]];
	return 0;
}

static void row_to_mip(opt *o, int n, const int *ind, const double *val, double lo)
{
	int i = glp_add_rows(o->mip, 1);
	glp_set_row_bnds(o->mip, i, GLP_LO, lo, 0);
	glp_set_mat_row(o->mip, i, n, ind, val);
}

/* A new cut (o->ind, o->val over 1..n) into the pool, and into the MIP
 * unless pool_only (the heuristic's checks: branch and bound takes rows
 * when it asks for them, and then from the pool). */
static void add_row(opt *o, int n, double lo, int pool_only)
{
	if (!pool_only)
		row_to_mip(o, n, o->ind, o->val, lo);
	o->cuts++;
	if (o->npool + 1 >= o->pool_cap) {
		o->pool_cap = o->pool_cap ? 2 * o->pool_cap : 64;
		o->pool_start = xrealloc(o->pool_start, sizeof *o->pool_start * ((size_t)o->pool_cap + 1));
		o->pool_rhs = xrealloc(o->pool_rhs, sizeof *o->pool_rhs * (size_t)o->pool_cap);
	}
	if (o->pool_nz + (size_t)n + 1 >= o->pool_nz_cap) {
		o->pool_nz_cap = 2 * (o->pool_nz + (size_t)n + 1024);
		o->pool_col = xrealloc(o->pool_col, sizeof *o->pool_col * o->pool_nz_cap);
		o->pool_val = xrealloc(o->pool_val, sizeof *o->pool_val * o->pool_nz_cap);
	}
	o->pool_start[o->npool] = (int)o->pool_nz;
	o->pool_rhs[o->npool] = lo;
	/* stored 1-based like GLPK's rows: entry k at pool_start + k */
	for (int k = 1; k <= n; k++) {
		o->pool_col[o->pool_nz + (size_t)k] = o->ind[k];
		o->pool_val[o->pool_nz + (size_t)k] = o->val[k];
	}
	o->pool_nz += (size_t)n + 1;
	o->npool++;
	o->pool_start[o->npool] = (int)o->pool_nz;
}

/* Adds the pooled cuts the point o->x violates; returns how many. */
static int pool_separate(opt *o)
{
	int added = 0;
	for (int c = 0; c < o->npool; c++) {
		int b = o->pool_start[c], n = o->pool_start[c + 1] - b - 1;
		double lhs = 0;
		for (int k = 1; k <= n; k++)
			lhs += o->pool_val[b + k] * o->x[o->pool_col[b + k]];
		if (lhs < o->pool_rhs[c] - 1e-6) {
			row_to_mip(o, n, o->pool_col + b, o->pool_val + b, o->pool_rhs[c]);
			added++;
		}
	}
	return added;
}

/* Hide at least one more cell than pattern z (integer z only). */
static void add_nogood(opt *o)
{
	int n = 0;
	for (int j = 0; j < o->nv; j++)
		if (o->mcol[j] && o->z[j] < 0.5) {
			o->ind[++n] = o->mcol[j];
			o->val[n] = 1;
		}
	if (n)
		add_row(o, n, 1, 0);
}

/* Checks every confidential cell against pattern o->z and adds a cut for
 * each one exposed. integral: z is a pattern (rounding applies). Returns
 * the cuts added, or LERR_*. check (integral z only): whether the pattern
 * is safe (0) or not (1), the first exposed cell's cut into the pool only. */
static int separate(opt *o, int integral, int check, lerr *err)
{
	atk_bounds(o);
	ring_seen(o);
	int added = 0, nogood = 0;
	for (int q = 0; q < o->np; q++) {
		int p = o->prot[q], x = o->vars[p];
		double w = o->t->width[x], gu, gd, a = o->t->value[x];
		double *pu = o->pts + (size_t)q * 2 * (size_t)o->nv, *pd = pu + o->nv;
		/* points that fit are feasible: another cell's LPs often moved
		 * this one far enough already */
		if (!too_narrow(a, o->hi[p], -o->lo[p], w, integral))
			continue;
		if (o->have[q] && point_fits(o, pu) && point_fits(o, pd) &&
		    !too_narrow(a, pu[p], -pd[p], w, integral))
			continue; /* the points that proved it last time still do */
		int rc = atk_solve(o, p, 1, &gu, o->du, pu, err);
		if (rc == 0)
			rc = atk_solve(o, p, -1, &gd, o->dd, pd, err);
		if (rc < 0)
			return rc;
		o->have[q] = 1;
		ring_keep(o, pu);
		ring_keep(o, pd);
		int exposed = too_narrow(a, gu, gd, w, integral);
		if (check && !exposed)
			continue;
		/* at a fractional point the capped cut may cut even when the LP
		 * leaves the cell its width (the big bounds of small z) */
		if (!exposed && integral)
			continue;
		/* the cut: sum min(w, charges) z >= w, the fixed hidden cells on
		 * the right-hand side */
		int n = 0;
		double rhs = w, lhs = 0;
		for (int j = 0; j < o->nv; j++) {
			double c = fmin(w, charge(o, j, o->du[j]) + charge(o, j, o->dd[j]));
			if (c < 1e-9)
				continue;
			if (!o->mcol[j]) {
				rhs -= c;
				continue;
			}
			o->ind[++n] = o->mcol[j];
			o->val[n] = c;
			lhs += c * o->z[j];
		}
		if (check) {
			if (rhs > 1e-6 && n && lhs < rhs - 1e-6)
				add_row(o, n, rhs, 1);
			return 1;
		}
		if (rhs > 1e-6 && n && lhs < rhs - 1e-6) {
			add_row(o, n, rhs, 0);
			added++;
		} else if (integral) {
			nogood = 1;
		}
	}
	if (nogood && !added) {
		add_nogood(o);
		added++;
	}
	return added;
}

/* The lazy safety cuts, at the LP optimum of every node: first the pooled
 * cuts its point violates; then, at an integer point (a pattern), the
 * attacker's LPs of every confidential cell, whose cuts cut the pattern
 * off when it is unsafe. A pattern that passes is safe: branch and bound
 * takes no integer solution without asking here (its own heuristics that
 * could are off). */
static void row_generation(glp_tree *T, opt *o)
{
	int integral = 1;
	for (int j = 0; j < o->nv; j++) {
		int c = o->mcol[j];
		if (!c)
			continue;
		double v = glp_get_col_prim(o->mip, c);
		o->x[c] = v;
		integral &= v < 1e-6 || v > 1 - 1e-6;
	}
	if (pool_separate(o) > 0 || !integral)
		return;
	for (int j = 0; j < o->nv; j++)
		o->z[j] = o->mcol[j] ? (o->x[o->mcol[j]] > 0.5) : 1;
	int rc = separate(o, 1, 0, o->err);
	if (rc < 0) {
		o->failed = rc;
		glp_ios_terminate(T);
	}
}

/* Hands pattern o->z to branch and bound as its incumbent (if cheaper). */
static void give_pattern(glp_tree *T, opt *o)
{
	int ncols = glp_get_num_cols(o->mip);
	double *x = xcalloc((size_t)ncols + 1, sizeof *x);
	for (int j = 0; j < o->nv; j++)
		if (o->mcol[j])
			x[o->mcol[j]] = o->z[j] > 0.5;
	for (int k = 0; k < o->ns; k++)
		for (int m = o->sstart[k]; m < o->sstart[k + 1]; m++)
			x[o->scol0 + k] += x[o->scols[m]];
	glp_ios_heur_sol(T, x);
	free(x);
}

/* A primal heuristic at a fractional node: every candidate the node's LP
 * hides at all, hidden, checked by the attacker (the LP knows only the
 * cuts found so far); if safe, published again one by one, least hidden
 * in the LP first, while the pattern stays safe. Branch and bound's own
 * heuristics stay off (their solutions would skip the attacker); without
 * one, a MIP whose tree reached no integer node within its node limit kept
 * the heuristic's pattern, also where a much cheaper one was near. */
static void heuristic(glp_tree *T, opt *o)
{
	double best = glp_mip_status(o->mip) == GLP_FEAS ? glp_mip_obj_val(o->mip) : HUGE_VAL, c = 0;
	int *order = xmalloc(((size_t)o->nv + 1) * sizeof *order), n = 0;
	for (int j = 0; j < o->nv; j++) {
		if (!o->mcol[j]) {
			o->z[j] = 1;
			continue;
		}
		double v = glp_get_col_prim(o->mip, o->mcol[j]);
		o->x[o->mcol[j]] = v;
		o->z[j] = v > 1e-6;
		if (o->z[j] > 0.5) {
			c += disc_cost(o->t, o->vars[j]);
			/* least hidden first, then the lower column: insertion */
			int k = n++;
			while (k > 0 && o->x[o->mcol[order[k - 1]]] > v + 1e-9)
				order[k] = order[k - 1], k--;
			order[k] = j;
		}
	}
	/* (not where hiding every fraction costs the incumbent already) */
	int rc = c < best - 0.5 * o->min_cost ? separate(o, 1, 1, o->err) : 1;
	for (int k = 0; k < n && rc == 0; k++) {
		int j = order[k];
		o->z[j] = 0;
		rc = separate(o, 1, 1, o->err);
		if (rc == 0)
			c -= disc_cost(o->t, o->vars[j]);
		else if (rc > 0)
			o->z[j] = 1;
		if (rc > 0)
			rc = 0;
	}
	free(order);
	if (rc < 0) {
		o->failed = rc;
		glp_ios_terminate(T);
	} else if (c < best - 0.5 * o->min_cost && rc == 0) {
		give_pattern(T, o);
	}
}

static void mip_callback(glp_tree *T, void *info)
{
	opt *o = info;
	switch (glp_ios_reason(T)) {
	case GLP_ISELECT:
		if (++o->nodes > o->node_limit || (o->budget && --*o->budget < 0)) {
			o->terminated = 1;
			glp_ios_terminate(T);
		} else if (o->nodes == 1 && o->inc) {
			/* the heuristic's pattern before the root's LP: a node whose
			 * bound reaches it is pruned before its attacker's LPs */
			glp_ios_heur_sol(T, o->inc);
		}
		break;
	case GLP_IROWGEN:
		row_generation(T, o);
		break;
	case GLP_IHEUR:
		if (o->heur_left > 0) {
			o->heur_left--;
			heuristic(T, o);
		}
		break;
	default:
		break;
	}
}

/* A candidate hidden alone in a relation is that relation's difference:
 * the attacker reads it exactly, so publishing it instead leaves every
 * interval as it was and costs less. Some cheapest safe pattern therefore
 * has no such cell (publish them one by one), and the rows
 *     sum of the relation's other candidates - z_x >= 0
 * (none where another cell of the relation is hidden for good) keep it
 * while they cut off the patterns that hide a lone partner, one after
 * another: without them a component whose confidential cell has many
 * siblings in the area tree took one MIP round per sibling (152 rounds,
 * 0,4 s, on a component of the 500 000-figure bench store; one with them).
 * A relation of k candidates written so takes k rows of k entries: the
 * municipalities of an arrondissement made MIPs of 14 000 non-zeros, and
 * every LP and cut generator of branch and bound goes over all of them.
 * Above LONELY_DENSE candidates the same rows go through the relation's
 * sum s = sum of its candidates (a continuous column): s - 2 z_x >= 0, the
 * same LP relaxation in 3k entries (method 8: the import of bench/sheets.sh
 * took 40 % less time in the exact step). These rows are part of the
 * problem, valid in every subtree: they need no place in the cut pool. */
#define LONELY_DENSE 8
static void lonely_rows(opt *o)
{
	const disc_table *t = o->t;
	int *rseen = o->rmark; /* every relation here is one of o->rels */
	int *cols = xmalloc(((size_t)o->nv + 1) * sizeof *cols);
	for (int j = 0; j < o->nv; j++) {
		if (!o->mcol[j])
			continue;
		int x = o->vars[j];
		for (int k = t->cstart[x]; k < t->cstart[x + 1]; k++) {
			int r = t->crel[k], n = 0, fixed_hidden = 0;
			if (rseen[r])
				continue;
			rseen[r] = 1;
			for (int m = t->rstart[r]; m < t->rstart[r + 1] && !fixed_hidden; m++) {
				int v = o->var_of[t->rcells[m]];
				if (!v)
					continue; /* out of scope: published for good */
				if (o->mcol[v - 1])
					cols[n++] = o->mcol[v - 1];
				else
					fixed_hidden = 1;
			}
			if (fixed_hidden)
				continue;
			if (n <= LONELY_DENSE) {
				for (int a = 0; a < n; a++) {
					for (int b = 0; b < n; b++) {
						o->ind[b + 1] = cols[b];
						o->val[b + 1] = b == a ? -1 : 1;
					}
					row_to_mip(o, n, o->ind, o->val, 0);
				}
				continue;
			}
			int s = glp_add_cols(o->mip, 1);
			glp_set_col_bnds(o->mip, s, GLP_LO, 0, 0);
			if (!o->ns)
				o->scol0 = s; /* the sum columns are added in a row */
			o->ns++;
			o->sstart = xrealloc(o->sstart, sizeof *o->sstart * ((size_t)o->ns + 1));
			o->sstart[0] = 0;
			if (o->ns_nz + (size_t)n > o->ns_cap) {
				o->ns_cap = 2 * (o->ns_nz + (size_t)n) + 64;
				o->scols = xrealloc(o->scols, sizeof *o->scols * o->ns_cap);
			}
			for (int b = 0; b < n; b++) {
				o->ind[b + 1] = cols[b];
				o->val[b + 1] = 1;
				o->scols[o->ns_nz++] = cols[b];
			}
			o->sstart[o->ns] = (int)o->ns_nz;
			o->ind[n + 1] = s;
			o->val[n + 1] = -1;
			int i = glp_add_rows(o->mip, 1);
			glp_set_row_bnds(o->mip, i, GLP_FX, 0, 0);
			glp_set_mat_row(o->mip, i, n + 1, o->ind, o->val);
			for (int b = 0; b < n; b++) {
				o->ind[1] = s;
				o->val[1] = 1;
				o->ind[2] = cols[b];
				o->val[2] = -2;
				row_to_mip(o, 2, o->ind, o->val, 0);
			}
		}
	}
	for (int i = 0; i < o->nrels; i++)
		rseen[o->rels[i]] = 0;
	free(cols);
}

/* The MIP: one column per candidate, the cost as objective; the start
 * cuts say that a confidential cell is never alone hidden in a relation,
 * and lonely_rows the same of every candidate. */
static void mip_build(opt *o)
{
	disc_table *t = o->t;
	o->mip = glp_create_prob();
	glp_set_obj_dir(o->mip, GLP_MIN);
	glp_add_cols(o->mip, o->nc);
	for (int j = 0; j < o->nv; j++) {
		int c = o->mcol[j];
		if (!c)
			continue;
		glp_set_col_kind(o->mip, c, GLP_BV);
		glp_set_obj_coef(o->mip, c, disc_cost(t, o->vars[j]));
	}
	for (int q = 0; q < o->np; q++) {
		int x = o->vars[o->prot[q]];
		for (int k = t->cstart[x]; k < t->cstart[x + 1]; k++) {
			int r = t->crel[k], n = 0, other_fixed = 0;
			for (int m = t->rstart[r]; m < t->rstart[r + 1]; m++) {
				int y = t->rcells[m], v = o->var_of[y];
				if (y == x)
					continue;
				if (v && o->mcol[v - 1]) {
					o->ind[++n] = o->mcol[v - 1];
					o->val[n] = 1;
				} else if (t->state[y]) {
					other_fixed = 1;
				}
			}
			if (!other_fixed && n)
				row_to_mip(o, n, o->ind, o->val, 1);
		}
	}
	lonely_rows(o);
	o->first_cut = glp_get_num_rows(o->mip) + 1;
}

/* The cuts the LP's optimum leaves slack (basic rows) go from the MIP to
 * the pool before branch and bound: its LPs and GLPK's cut generators work
 * on fewer rows, and row_generation puts back any that a node's point
 * violates. The basis stays valid (only basic rows go). */
static void drop_slack_cuts(opt *o)
{
	int n = glp_get_num_rows(o->mip), k = 0;
	int *del = xmalloc(((size_t)n + 1) * sizeof *del);
	for (int i = o->first_cut; i <= n; i++)
		if (glp_get_row_stat(o->mip, i) == GLP_BS)
			del[++k] = i;
	if (k)
		glp_del_rows(o->mip, k, del);
	free(del);
}

/* Does the LP relaxation's bound already reach the incumbent (the
 * heuristic's pattern)? Then branch and bound would prune its root at
 * once (rounding the bound up as GLPK does for whole costs, a little
 * more strictly), and the pattern stays: what that run would return,
 * without setting it up (a third of the redos of the import of
 * bench/sheets.sh end so). */
static int root_pruned(const opt *o)
{
	if (!o->inc)
		return 0;
	double b = glp_get_obj_val(o->mip);
	if (o->int_costs && b - floor(b) >= 0.0011)
		b = ceil(b);
	return b >= o->inc_cost - 1e-9;
}

/* The result of a branch and bound that ends at its root: one node
 * counted as mip_callback counts it; the incumbent (from_inc), or the
 * pattern in o->z. */
static int root_result(opt *o, int from_inc, int *optimal, lerr *err)
{
	o->nodes = 1;
	int stopped = o->nodes > o->node_limit || (o->budget && --*o->budget < 0);
	o->t->stats.exact_mips++;
	o->t->stats.exact_nodes += o->nodes;
	if (stopped) /* before the root: no pattern, as glp_intopt */
		return lerr_set(err, LERR_CONFLICT, "disclosure: no exact pattern (GLPK code %d, status %d)", GLP_ESTOP,
				GLP_UNDEF);
	*optimal = 1;
	for (int j = 0; from_inc && j < o->nv; j++)
		o->z[j] = o->mcol[j] ? (o->inc[o->mcol[j]] > 0.5) : 1;
	return 0;
}

/* The LP's point into o->z; 1 when it is whole (every candidate 0 or 1),
 * o->z then that pattern exactly. */
static int lp_point(opt *o)
{
	int whole = 1;
	for (int j = 0; j < o->nv; j++) {
		double v = o->mcol[j] ? glp_get_col_prim(o->mip, o->mcol[j]) : 1;
		whole &= v < 1e-6 || v > 1 - 1e-6;
		o->z[j] = v;
	}
	for (int j = 0; whole && j < o->nv; j++)
		o->z[j] = o->z[j] > 0.5;
	return whole;
}

/* Solves the MIP with the cuts to a pattern every checked cell is safe
 * in; o->z gets it. *optimal: branch and bound finished. */
static int opt_run(opt *o, int *optimal, lerr *err)
{
	glp_smcp sp;
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	/* the all-slack basis of this covering LP (rows >= rhs, costs >= 0)
	 * is dual feasible: the dual simplex needs no phase 1 (the import of
	 * bench/sheets.sh: the exact step 30 % less CPU) */
	sp.meth = GLP_DUALP;
	mip_build(o);
	if (o->inc) {
		int ncols = glp_get_num_cols(o->mip);
		double *x = xcalloc((size_t)ncols + 1, sizeof *x);
		for (int j = 0; j < o->nv; j++)
			if (o->mcol[j])
				x[o->mcol[j]] = o->inc[o->mcol[j]];
		for (int k = 0; k < o->ns; k++)
			for (int m = o->sstart[k]; m < o->sstart[k + 1]; m++)
				x[o->scol0 + k] += x[o->scols[m]];
		free(o->inc);
		o->inc = x;
		o->int_costs = 1;
		for (int j = 0; j < o->nv; j++) {
			if (!o->mcol[j])
				continue;
			double c = disc_cost(o->t, o->vars[j]);
			o->int_costs &= c == floor(c);
			if (x[o->mcol[j]] > 0.5)
				o->inc_cost += c;
		}
	}
	int rc = 0;
	/* the LP relaxation first: cuts at fractional points make the tree
	 * small, and they are what MIR cuts tighten (method 11: the redo of a
	 * component too, which did without since it cost more than GLPK's
	 * Gomory cuts at the root; with them and the primal heuristic the
	 * import of bench/sheets.sh took half the nodes, and no MIP reached
	 * its node limit) */
	for (int round = 0; round < OPT_LP_ROUNDS; round++) {
		if (glp_simplex(o->mip, &sp) != 0 || glp_get_status(o->mip) != GLP_OPT)
			return lerr_set(err, LERR_SOLVER, "disclosure: the pattern LP failed");
		if (root_pruned(o)) /* more cuts only raise the bound */
			return root_result(o, 1, optimal, err);
		/* a whole point is checked as a pattern (rounding applies): if
		 * safe, no safe pattern costs less (every cut holds for all of
		 * them), and branch and bound would only find it again (569 of the
		 * 600 redos of the import of bench/sheets.sh that got there) */
		int whole = lp_point(o);
		if ((rc = separate(o, whole, 0, err)) == 0 && whole)
			return root_result(o, 0, optimal, err);
		if (rc <= 0)
			break;
	}
	if (rc < 0)
		return rc;
	/* one branch and bound, the safety cuts added inside it as they are
	 * found (row_generation): restarting it after each round of cuts
	 * solved the same tree again and again */
	*optimal = 1;
	/* the LP is solved already unless the last round added cuts (the
	 * import of bench/sheets.sh: the exact step 3,7 % fewer instructions) */
	if (rc > 0 && (glp_simplex(o->mip, &sp) != 0 || glp_get_status(o->mip) != GLP_OPT))
		return lerr_set(err, LERR_SOLVER, "disclosure: the pattern LP failed");
	if (rc > 0 && root_pruned(o))
		return root_result(o, 1, optimal, err);
	/* (the redo's: the 30 that get here in the import of bench/sheets.sh
	 * are the largest, their node LPs 5 M instructions each; the exact
	 * step 2,86 -> 2,57 G, as many hidden cells) */
	if (o->inc)
		drop_slack_cuts(o);
	glp_iocp ip;
	glp_init_iocp(&ip);
	ip.msg_lev = GLP_MSG_OFF;
	ip.cb_func = mip_callback;
	ip.cb_info = o;
	/* GLPK's own cuts on top of ours: the cut rows are covers
	 * (sum c z >= w), which MIR, cover and Gomory cuts tighten. The redo
	 * of a component does without cover cuts: the same patterns of the
	 * small instances of bench/disclosure.sh, 10 % more CPU with them */
	ip.mir_cuts = GLP_ON;
	ip.cov_cuts = o->inc ? GLP_OFF : GLP_ON;
	ip.gmi_cuts = GLP_ON;
	/* nor GLPK's bound propagation at every node, a tenth of the redos'
	 * work on their small trees: the import of bench/sheets.sh hides as
	 * many cells (6 804), the exact step 4,3 % fewer instructions */
	if (o->inc)
		ip.pp_tech = GLP_PP_NONE;
	/* their integer solutions would skip the row generation (ours,
	 * heuristic(), asks the attacker) */
	ip.sr_heur = GLP_OFF;
	ip.fp_heur = GLP_OFF;
	ip.ps_heur = GLP_OFF;
	o->err = err;
	o->terminated = 0;
	o->nodes = 0;
	int irc = glp_intopt(o->mip, &ip);
	o->t->stats.exact_mips++;
	o->t->stats.exact_nodes += o->nodes;
	if (o->failed)
		return o->failed;
	int st = glp_mip_status(o->mip);
	if ((irc != 0 && irc != GLP_ESTOP) || (st != GLP_OPT && st != GLP_FEAS))
		return lerr_set(err, LERR_CONFLICT, "disclosure: no exact pattern (GLPK code %d, status %d)", irc, st);
	if (o->terminated)
		*optimal = 0;
	for (int j = 0; j < o->nv; j++)
		o->z[j] = o->mcol[j] ? (glp_mip_col_val(o->mip, o->mcol[j]) > 0.5) : 1;
	return 0;
}

/* Sets up the problem: candidates cand[0..ncand) may be hidden or not,
 * the confidential cells prot[0..nprot) must be safe; the scope is both
 * plus every hidden cell in a relation with them (fixed hidden). */
void disc_scratch_init(disc_scratch *ws, const disc_table *t)
{
	ws->cell = xcalloc((size_t)t->n + 1, sizeof *ws->cell);
	ws->var = xcalloc((size_t)t->n + 1, sizeof *ws->var);
	ws->rel = xcalloc((size_t)t->nr + 1, sizeof *ws->rel);
}

void disc_scratch_free(disc_scratch *ws)
{
	free(ws->cell);
	free(ws->var);
	free(ws->rel);
}

static void opt_init(opt *o, disc_table *t, disc_scratch *ws, const int *cand, int ncand, const int *prot, int nprot)
{
	memset(o, 0, sizeof *o);
	o->t = t;
	disc_scratch own;
	if (!ws)
		disc_scratch_init(ws = &own, t); /* freed by opt_free */
	else
		o->ws = ws;
	o->var_of = ws->cell;
	o->mcol = ws->var;
	o->rmark = ws->rel;
	o->vars = xmalloc(((size_t)t->n + 1) * sizeof *o->vars);
	o->prot = xmalloc(((size_t)nprot + 1) * sizeof *o->prot);
	for (int i = 0; i < ncand; i++)
		if (!o->var_of[cand[i]]) {
			o->vars[o->nv] = cand[i];
			o->mcol[o->nv] = ++o->nc;
			o->var_of[cand[i]] = ++o->nv;
		}
	for (int i = 0; i < nprot; i++) {
		if (!o->var_of[prot[i]]) {
			o->vars[o->nv] = prot[i];
			o->var_of[prot[i]] = ++o->nv;
		}
		o->prot[o->np++] = o->var_of[prot[i]] - 1;
	}
	int base = o->nv;
	for (int j = 0; j < base; j++)
		for (int k = t->cstart[o->vars[j]]; k < t->cstart[o->vars[j] + 1]; k++) {
			int r = t->crel[k];
			for (int m = t->rstart[r]; m < t->rstart[r + 1]; m++) {
				int y = t->rcells[m];
				if (t->state[y] && !o->var_of[y]) {
					o->vars[o->nv] = y;
					o->var_of[y] = ++o->nv;
				}
			}
		}
	o->z = xcalloc((size_t)o->nv + 1, sizeof *o->z);
	o->du = xcalloc((size_t)o->nv + 1, sizeof *o->du);
	o->dd = xcalloc((size_t)o->nv + 1, sizeof *o->dd);
	o->pts = xmalloc(((size_t)o->np * 2 * (size_t)o->nv + 1) * sizeof *o->pts);
	o->have = xcalloc((size_t)o->np + 1, 1);
	o->hi = xcalloc((size_t)o->nv + 1, sizeof *o->hi);
	o->lo = xcalloc((size_t)o->nv + 1, sizeof *o->lo);
	o->ind = xmalloc(((size_t)o->nv + 2) * sizeof *o->ind);
	o->val = xmalloc(((size_t)o->nv + 2) * sizeof *o->val);
	o->x = xcalloc((size_t)o->nc + 2, sizeof *o->x);
	atk_build(o);
}

static void opt_free(opt *o)
{
	if (o->atk)
		glp_delete_prob(o->atk);
	if (o->mip)
		glp_delete_prob(o->mip);
	if (o->ws) { /* all 0 again for the next call */
		for (int j = 0; j < o->nv; j++) {
			o->var_of[o->vars[j]] = 0;
			o->mcol[j] = 0;
		}
	} else {
		disc_scratch own = {o->var_of, o->mcol, o->rmark};
		disc_scratch_free(&own);
	}
	free(o->rels);
	free(o->vars);
	free(o->prot);
	free(o->z);
	free(o->du);
	free(o->dd);
	free(o->pts);
	free(o->have);
	free(o->ring);
	free(o->hi);
	free(o->lo);
	free(o->ind);
	free(o->val);
	free(o->x);
	free(o->pool_start);
	free(o->pool_col);
	free(o->pool_val);
	free(o->pool_rhs);
	free(o->inc);
	free(o->sstart);
	free(o->scols);
}

int disc_exact(disc_table *t, disc_scratch *ws, const int *cand, int ncand, const int *prot, int nprot,
	       long node_limit, long *budget, int redo, int *optimal, lerr *err)
{
	*optimal = 1;
	if (!ncand || !nprot)
		return 0; /* nothing to choose, or nothing to protect */
	glp_term_out(GLP_OFF);
	opt o;
	opt_init(&o, t, ws, cand, ncand, prot, nprot);
	o.node_limit = node_limit;
	o.budget = budget;
	o.heur_left = OPT_HEUR_CALLS;
	o.min_cost = HUGE_VAL;
	for (int j = 0; j < o.nv; j++)
		if (o.mcol[j])
			o.min_cost = fmin(o.min_cost, disc_cost(t, o.vars[j]));
	if (redo) {
		o.inc = xcalloc((size_t)o.nc + 1, sizeof *o.inc);
		for (int j = 0; j < o.nv; j++)
			if (o.mcol[j])
				o.inc[o.mcol[j]] = t->state[o.vars[j]] != DISC_PUBLISHED;
	}
	int rc = opt_run(&o, optimal, err);
	if (rc == 0)
		for (int j = 0; j < o.nv; j++)
			if (o.mcol[j])
				t->state[o.vars[j]] = o.z[j] > 0.5 ? DISC_SECONDARY : DISC_PUBLISHED;
	opt_free(&o);
	return rc;
}

int disc_optimum(disc_table *t, long node_limit, int *optimal, lerr *err)
{
	disc_index_cells(t);
	disc_mark_primary(t);
	t->stats.exact_mips = 0;
	t->stats.exact_nodes = 0;
	int *cand = xmalloc(((size_t)t->n + 1) * sizeof *cand), *prot = xmalloc(((size_t)t->n + 1) * sizeof *prot);
	int nc = 0, np = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->state[i] == DISC_PUBLISHED)
			cand[nc++] = i;
		else if (t->state[i] == DISC_PRIMARY && t->width[i] > 0)
			prot[np++] = i;
	}
	int rc = disc_exact(t, NULL, cand, nc, prot, np, node_limit, NULL, 0, optimal, err);
	glp_free_env();
	free(cand);
	free(prot);
	t->n_pts = 0; /* no certificates: the audit proves it from scratch */
	t->n_pv = 0;
	disc_count_states(t);
	return rc;
}
