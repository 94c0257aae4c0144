/* disclosure_lp.c - one LP of the audit over a set of hidden cells:
 * building it from the table (a restriction or a relaxation), the doubleton
 * presolve that substitutes the ties, and the duals that name the relations
 * binding an optimum (what the repairs act on). Kept apart from the audit
 * because it is the only part that knows how the solver sees the table.
 * See disclosure_internal.h. */
#include "disclosure_internal.h"

#include <stdlib.h>
#include <string.h>

/* The group variable j is tied to; on the way, j and every variable above
 * it are expressed in that group's variable directly (path compression,
 * composing the ties' signs and offsets). */
static int tie_root(disc_lp *L, int *par, int j)
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
static void reduce(disc_audit_ctx *a, disc_lp *L, const int *rowstart, const double *rhs, int ties)
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
void disc_lp_build(disc_audit_ctx *a, disc_lp *L, const int *vars, int nv, int outer)
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
	/* a warm start sets every status, so the standard basis would be lost
	 * work (about 1 % of a year's instructions) */
	if (!a->warm_next)
		glp_adv_basis(L->P, 0);
	a->warm_next = 0;
	glp_init_smcp(&L->parm);
	L->parm.msg_lev = GLP_MSG_OFF;
	L->parm.presolve = GLP_OFF;
}

void disc_lp_obj(disc_lp *L, int j, double coef)
{
	int c = L->rcol[j];
	/* tied variables share a column: their coefficients add up */
	glp_set_obj_coef(L->P, c, coef == 0 ? 0.0 : glp_get_obj_coef(L->P, c) + coef * L->sgn[j]);
}

void disc_lp_free(disc_lp *L)
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


/* The ties of each group as a tree from the group's own variable: deg/inc
 * the original rows of each variable (deg[v] .. deg[v + 1] in inc), up[v]
 * the tie above v (-1 at the top), order breadth first. Returns the count. */
static int tie_tree(const disc_lp *L, int *deg, int *inc, int *up, int *order)
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
void disc_lp_binding(disc_audit_ctx *a, const disc_lp *L, int var)
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
			if (placed[c] || disc_lp_value(L, j) > 1e-9)
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


/* ------------------------------------------------------------ warm starts */

void disc_warm_init(disc_warm *w, const disc_table *t)
{
	for (int k = 0; k < 3; k++) {
		w->cell[k % 2] = k < 2 ? xcalloc((size_t)t->n + 1, 1) : w->cell[0];
		w->rel[k] = xcalloc((size_t)t->nr + 1, 1);
	}
}

void disc_warm_free(disc_warm *w)
{
	for (int k = 0; k < 3; k++) {
		if (k < 2)
			free(w->cell[k]);
		free(w->rel[k]);
		w->rel[k] = NULL;
	}
	w->cell[0] = w->cell[1] = NULL;
}

/* Where relation r's status in L is kept: a relation between two blocks
 * is a row of both blocks' LPs, once as its first cell's block's and once
 * as the other's. */
static signed char *rel_status(const disc_warm *w, const disc_table *t, const disc_lp *L, int kind, int r)
{
	if (kind == 0 && L->nv && t->block[t->rcells[t->rstart[r]]] != t->block[L->vars[0]])
		kind = 2;
	return &w->rel[kind][r];
}

/* The statuses are kept as for the LP without ties substituted: a tie's
 * row non-basic, and of a group whose column is non-basic the member at 0
 * that bounds it, its other members basic. When a newly hidden cell
 * breaks a tie (its relation now holds three hidden cells and becomes a
 * row), or joins two groups, the last basis read that way is still one of
 * the rebuilt LP (in the substituted problem a group's members and its
 * column change, and the mapped basis was singular in 23 of 30 LPs of
 * 2017 of the benchmark). */
void disc_warm_save(disc_warm *w, const disc_table *t, const disc_lp *L, int kind)
{
	for (int i = 0; i < L->no; i++)
		rel_status(w, t, L, kind, L->orel[i])[0] = (signed char)(L->okind[i] > 0 ? glp_get_row_stat(L->P, L->okind[i])
						      : L->okind[i] == 0 ? GLP_NS : GLP_BS);
	int nc = glp_get_num_cols(L->P);
	unsigned char *placed = xcalloc((size_t)nc + 1, 1);
	for (int j = 0; j < L->nv; j++) {
		int c = L->rcol[j], st = glp_get_col_stat(L->P, c);
		signed char own = GLP_BS;
		if (st != GLP_BS && !placed[c]) {
			/* the member whose 0 is the column's bound at its status */
			double b = st == GLP_NU ? glp_get_col_ub(L->P, c) : glp_get_col_lb(L->P, c);
			int sgn = st == GLP_NU ? -1 : 1;
			if (st == GLP_NS)
				sgn = L->sgn[j];
			if (L->sgn[j] == sgn && fabs(-L->off[j] * sgn - b) < EPS) {
				own = GLP_NL;
				placed[c] = 1;
			}
		}
		w->cell[kind][L->vars[j]] = own;
	}
	free(placed);
}

/* A round hides a few more cells: most rows and group columns of the
 * rebuilt LP were there the round before, with the same meaning. They
 * take their last status (a new row its slack basic, a new column at its
 * bound); the count of basic ones is set right (columns from the last
 * made non-basic, rows from the first made basic); a basis that is
 * singular all the same gives way to the standard start. */
void disc_lp_warm(disc_lp *L, const disc_warm *w, const disc_table *t, int kind)
{
	glp_prob *P = L->P;
	int m = glp_get_num_rows(P), nc = glp_get_num_cols(P), nb = 0, any = 0;
	for (int i = 1; i <= m; i++) {
		int st = *rel_status(w, t, L, kind, L->rows[i - 1]);
		any |= st;
		glp_set_row_stat(P, i, st ? st : GLP_BS);
	}
	/* a column is basic when all its members are; else at the bound of
	 * its first member at 0 (a new cell: non-basic) */
	int *first = xcalloc((size_t)nc + 1, sizeof *first), *nonbasic = xcalloc((size_t)nc + 1, sizeof *nonbasic);
	for (int j = 0; j < L->nv; j++) {
		int c = L->rcol[j], st = w->cell[kind ? 1 : 0][L->vars[j]];
		any |= st;
		if (st != GLP_BS && !first[c])
			first[c] = j + 1;
		nonbasic[c] += st != GLP_BS;
	}
	for (int c = 1; c <= nc; c++) {
		int j = first[c] - 1;
		glp_set_col_stat(P, c, j < 0 ? GLP_BS : L->sgn[j] > 0 ? GLP_NL : GLP_NU);
	}
	free(first);
	if (!any) {
		free(nonbasic); /* nothing known: the standard start */
		glp_adv_basis(P, 0);
		return;
	}
	for (int i = 1; i <= m; i++)
		nb += glp_get_row_stat(P, i) == GLP_BS;
	for (int c = 1; c <= nc; c++)
		nb += glp_get_col_stat(P, c) == GLP_BS;
	/* a group joined from two, each at a bound, had a basic row between
	 * them: its column instead */
	for (int c = 1; c <= nc && nb < m; c++)
		if (nonbasic[c] > 1 && glp_get_col_stat(P, c) != GLP_BS) {
			glp_set_col_stat(P, c, GLP_BS);
			nb++;
		}
	free(nonbasic);
	for (int c = nc; c >= 1 && nb > m; c--)
		if (glp_get_col_stat(P, c) == GLP_BS) {
			glp_set_col_stat(P, c, GLP_NL);
			nb--;
		}
	for (int i = 1; i <= m && nb < m; i++)
		if (glp_get_row_stat(P, i) != GLP_BS) {
			glp_set_row_stat(P, i, GLP_BS);
			nb++;
		}
	if (glp_factorize(P) != 0)
		glp_adv_basis(P, 0);
}
