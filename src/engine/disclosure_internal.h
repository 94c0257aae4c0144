/* disclosure_internal.h - what the parts of the disclosure engine share;
 * private to src/engine/disclosure*.c (the public API is disclosure.h).
 *
 * disclosure.c was one file of 1 641 lines; it is split along its parts so
 * that each can be read alone:
 *   disclosure.c          the table, its index, primary cells, fingerprint
 *                         and stored patterns;
 *   disclosure_protect.c  secondary suppression: the local rules, the
 *                         repairs of exposed cells, disc_protect's rounds;
 *   disclosure_lp.c       one LP over a set of hidden cells: building it,
 *                         the doubleton presolve (reduce), the duals that
 *                         name the binding relations;
 *   disclosure_audit.c    the attacker: certificates (feasible points kept
 *                         by the protection), proofs and exposures per
 *                         component, disc_audit.
 * Ownership as in disclosure.h; every buffer here belongs to the table or to
 * the disc_lp / disc_audit_ctx that holds it.
 */
#ifndef LADDER_DISCLOSURE_INTERNAL_H
#define LADDER_DISCLOSURE_INTERNAL_H

#include "disclosure.h"

#include <glpk.h>
#include <math.h>

#define EPS 1e-6
#define LOCAL_MAX 400  /* columns of a small LP */


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
	enum disc_cost cost;
	int exact_cells;  /* components up to this size solved exactly */
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

/* An LP over a set of suppressed cells, the columns (>= 0); every other
 * cell is fixed at its value: published cells because they are published,
 * suppressed cells outside the set because fixing a cell can only narrow
 * the intervals, so a width proven on a small set holds for the whole table.
 * Rows are the relations touching the set (total - parts = 0, the fixed
 * cells moved to the right-hand side). Only the whole component of the
 * cell gives its exact interval; it is built when the small sets fail. */
typedef struct disc_lp {
	glp_prob *P;
	glp_smcp parm;
	int nv, nrows;
	int outer; /* a relaxation (see disc_lp_build) */
	int *vars; /* cells by variable (0-based) */
	int *rows; /* relations by solver row - 1 */
	/* variable j = sgn[j] * solver column rcol[j] + off[j] (see reduce) */
	int *rcol;
	signed char *sgn;
	double *off;
	int *elim; /* per variable: the relation that tied it to its column, -1 */
	/* the rows before reduce, for the duals of the ties (disc_lp_binding):
	 * original row i has variables ovar[ostart[i] .. ostart[i + 1]) with
	 * coefficients ocoef, relation orel[i], and okind[i] its solver row
	 * (1-based), 0 for a tie, -1 when dropped */
	int no, n_ties;
	int *ostart, *ovar, *orel, *okind;
	signed char *ocoef;
} disc_lp;

/* The last basis of the protection's LPs of blocks ([0]) and of whole
 * components ([1]), by cell (the status of the solver column of the group
 * the cell heads) and by relation (of its row), GLP_BS and so on, 0 where
 * none: a rebuilt LP of the next round starts from it (disc_lp_warm). */
typedef struct disc_warm {
	signed char *cell[2], *rel[3]; /* rel[2]: of a block's LP, the relations of another block */
} disc_warm;

typedef struct disc_audit_ctx {
	disc_table *t;
	int *col;            /* per cell: its column while an LP is built */
	int *rstamp, stamp;  /* per relation: the last build that took it */
	int *cstamp, cmark;  /* per cell: the last search that reached it */
	int *queue, *depth;  /* breadth-first search over hidden cells */
	int *ia;             /* disc_lp_build's rows: variable and coefficient of each entry */
	double *ar;
	size_t cap_a;
	double *lo_seen, *hi_seen; /* per cell: values seen in feasible solutions */
	int *bind, n_bind;   /* relations binding the cell being audited */
	const unsigned char *tries; /* protection: rounds a cell was exposed */
	int reduce;          /* protection: large LPs through reduce (the audit never) */
	disc_warm *warm;     /* protection: the last bases (the audit: NULL) */
	int warm_next;       /* the next disc_lp_build leaves the basis to disc_lp_warm */
} disc_audit_ctx;


/* Values each cell took in feasible points found so far, starting at the
 * cell's own value (which is a feasible point). Protection keeps them from
 * round to round: hiding more cells keeps every earlier point feasible (the
 * newly hidden cells at their values), so a proof once half made is never
 * lost. The audit starts afresh. */
typedef struct disc_seen {
	double *lo, *hi;
} disc_seen;

/* disclosure.c */
/* cell -> relations (cstart/crel), rebuilt when cells or relations were added */
void disc_index_cells(disc_table *t);
/* primary cells (and forced ones as secondary), clears the stats */
void disc_mark_primary(disc_table *t);
void disc_count_states(disc_table *t);

/* disclosure_opt.c */
/* Per-cell and per-relation maps for disc_exact over one table, all 0
 * between calls: clearing them for every small MIP took more than its
 * set-up (the 976 redos of the bench/sheets.sh import). */
typedef struct disc_scratch {
	int *cell, *var, *rel;
} disc_scratch;
void disc_scratch_init(disc_scratch *ws, const disc_table *t);
void disc_scratch_free(disc_scratch *ws);
/* What hiding cell c costs under t->cost. */
double disc_cost(const disc_table *t, int c);
/* The cheapest pattern in which prot[] are safe, cand[] free to change,
 * every other cell as it is; sets the candidates' states. redo: the
 * candidates' states are a safe pattern (the heuristic's), which branch
 * and bound starts from: it ends with that or a cheaper one.
 * node_limit bounds each branch and bound; budget (NULL: none) the nodes
 * of every call that shares it, counted down (when it runs out the call
 * fails as if it hit node_limit without a pattern: the states stay). ws:
 * scratch kept over the calls on t, or NULL. */
int disc_exact(disc_table *t, disc_scratch *ws, const int *cand, int ncand, const int *prot, int nprot,
	       long node_limit, long *budget, int redo, int *optimal, lerr *err);

/* disclosure_lp.c */
/* Builds the LP over the hidden cells vars[0..nv) (see disc_lp); outer: a
 * relaxation instead of a restriction. Free with disc_lp_free. */
void disc_lp_build(disc_audit_ctx *a, disc_lp *L, const int *vars, int nv, int outer);
void disc_lp_free(disc_lp *L);
/* The bases of the protection's LPs: none yet; freed. */
void disc_warm_init(disc_warm *w, const disc_table *t);
void disc_warm_free(disc_warm *w);
/* L (just built) from the last basis of its kind (0 blocks, 1 whole
 * components); disc_warm_save keeps L's for the next. */
void disc_lp_warm(disc_lp *L, const disc_warm *w, const disc_table *t, int kind);
void disc_warm_save(disc_warm *w, const disc_table *t, const disc_lp *L, int kind);
/* Appends to a->bind the relations binding the optimum of variable var. */
void disc_lp_binding(disc_audit_ctx *a, const disc_lp *L, int var);

/* Variable j's value in the solver's current solution (inline: the audit
 * reads it for every variable of every solution). */
static inline double disc_lp_value(const disc_lp *L, int j)
{
	return L->sgn[j] * glp_get_col_prim(L->P, L->rcol[j]) + L->off[j];
}
/* Adds coef times variable j (0-based) to the objective; coef 0 takes it
 * out. */
void disc_lp_obj(disc_lp *L, int j, double coef);

/* disclosure_audit.c */
/* Union-find: the representative of x, halving the path on the way. */
int disc_uf_find(int *p, int x);
/* The components of the hidden cells tied by relations: root[c] the
 * representative of hidden cell c (-1 published); the members of the
 * component of root r, in cell order, are members[start[r] .. start[r + 1]).
 * Built by disc_components_new, freed by disc_components_free. */
typedef struct disc_components {
	int *root, *start, *members;
} disc_components;
disc_components disc_components_new(const disc_table *t);
void disc_components_free(disc_components *c);
disc_seen disc_seen_new(const disc_table *t);
void disc_seen_free(disc_seen *v);
/* Audits the primary cells with todo[c] set (exact: no guesses; tries: the
 * protection's rounds per cell, or NULL; reduce: large LPs presolved). */
int disc_audit_run(disc_table *t, unsigned char *todo, int exact, const unsigned char *tries, disc_seen *sv, int reduce,
		   disc_warm *warm, lerr *err);

#endif
