/* disclosure.h - statistical disclosure control for additive tables of
 * counts: the minimum-frequency rule, secondary suppression, and the audit
 * that plays the attacker. Prefix: disc_. See docs/disclosure.md.
 *
 * A disc_table is abstract: cells holding non-negative counts, tied by
 * additive relations "total = part + part + ...". It knows nothing of areas
 * or work forms; the engine (calc.c) builds one from a resolved grid and the
 * unit tests build small ones by hand. Everything is deterministic: cells and
 * relations are visited in the order they were added, ties go to the lower
 * index, and the LP solver (GLPK) is started from the same basis each run.
 *
 * Rules:
 *   primary     a cell whose value is 1..threshold (its own threshold, 0 =
 *               no rule), or that the source marked confidential;
 *   secondary   published cells suppressed so that no primary cell can be
 *               narrowed down, by the relations, to an interval narrower than
 *               its required width (see disc_audit);
 *   forced      suppressed from the start whatever the rules say (a kept
 *               pattern of a previous edition); counted as secondary.
 *
 * Ownership: disc_table_new returns a table freed with disc_table_free.
 * disc_audit's exposures belong to the table and stay valid until the next
 * disc_audit, disc_protect or disc_table_free on it.
 */
#ifndef LADDER_DISCLOSURE_H
#define LADDER_DISCLOSURE_H

#include "../base/base.h"

enum disc_state {
	DISC_PUBLISHED = 0,
	DISC_PRIMARY = 1,   /* confidential itself */
	DISC_SECONDARY = 2, /* suppressed to protect the primary cells */
};

typedef struct disc_table disc_table;

/* What hiding a cell costs, the quantity protection keeps low (see
 * docs/disclosure.md, "Cost"): every cell alike (fewer persons break ties;
 * the default), the persons hidden (fewer cells break ties), or both as
 * value + 1 (ladder's cost before issue 18). */
enum disc_cost {
	DISC_COST_CELLS = 0,
	DISC_COST_PERSONS = 1,
	DISC_COST_MIXED = 2, /* value + 1 */
};

typedef struct disc_exposure {
	int cell;
	double lo, hi;  /* what the attacker can narrow the cell to (hi may be HUGE_VAL) */
	int required;   /* the width the cell needed */
} disc_exposure;

typedef struct disc_stats {
	int cells, relations;
	int primary, secondary;
	int components;  /* groups of suppressed cells tied by relations */
	int lp_solves;   /* simplex runs of the last audit or protection */
	int block_lps;   /* LPs over one block of a component */
	int full_lps;    /* whole-component LPs built (the blocks did not do) */
	int rounds;      /* protection: audit-and-repair rounds */
	int exposed;     /* last audit */
	int certificates; /* last audit: the protection's feasible points that held */
	int reduced_lps;  /* protection: LPs solved with their ties substituted */
	int exact_mips;   /* branch-and-bound runs of the exact pattern (disc_optimum, the exact redo) */
	long exact_nodes; /* their nodes */
} disc_stats;

disc_table *disc_table_new(void);
void disc_table_free(disc_table *t);

/* Adds a cell; returns its index (0, 1, ...). threshold: counts 1..threshold
 * are confidential (0: never). width: the interval an attacker must be left
 * with for a confidential cell, max - min >= width (in persons). */
int disc_add_cell(disc_table *t, double value, int threshold, int width);
/* The source says the cell is confidential whatever its value. */
void disc_set_confidential(disc_table *t, int cell);
/* Suppress the cell from the start (kept pattern). */
void disc_force(disc_table *t, int cell);
/* A hint for speed, never for safety: cells of one block (a province and
 * everything in it) are mostly tied among themselves. The audit proves a
 * cell safe on its block first, with the other blocks' hidden cells fixed
 * at their values (a restriction, so the proof holds for the whole table),
 * and solves the whole connected problem only when that does not do.
 * Default: one block. */
void disc_set_block(disc_table *t, int cell, int block);
/* The cost function (default DISC_COST_CELLS). */
void disc_set_cost(disc_table *t, enum disc_cost cost);
/* Components of at most `cells` hidden cells are solved exactly after the
 * heuristic (a MIP over the component and the cells next to it, kept when
 * cheaper); 0 switches it off. Default DISC_EXACT_CELLS. */
#define DISC_EXACT_CELLS 300
void disc_set_exact(disc_table *t, int cells);
/* total = parts[0] + ... + parts[n-1]; the caller has checked that the
 * published values satisfy it exactly. */
void disc_add_relation(disc_table *t, int total, const int *parts, int n_parts);

int disc_n_cells(const disc_table *t);
double disc_value(const disc_table *t, int cell);
enum disc_state disc_get_state(const disc_table *t, int cell);
const disc_stats *disc_get_stats(const disc_table *t);

/* A fingerprint of everything a pattern depends on (cells, values, rules,
 * forced cells, relations, the method's version): equal fingerprints give
 * equal patterns, so a stored pattern may be reused. hex: 65 bytes. */
void disc_fingerprint(const disc_table *t, char hex[65]);
/* The pattern as one state byte per cell (n = disc_n_cells), to store it;
 * disc_set_states puts a stored one back (same fingerprint only). */
void disc_get_states(const disc_table *t, unsigned char *out);
void disc_set_states(disc_table *t, const unsigned char *states);

/* The naive pattern: primary (and forced) cells only. For demonstrating the
 * audit; never publish it. */
void disc_primary_only(disc_table *t);

/* The full protection: primary cells, then secondary suppression (local
 * rules to a fixpoint, then the audit's LP repairs until every primary cell
 * is proven safe). Returns 0, or LERR_* when the solver fails or no safe
 * pattern was found (never expected: suppressing everything is safe). */
int disc_protect(disc_table *t, lerr *err) LADDER_WARN_UNUSED;

/* The cheapest safe pattern under the cost function (a MIP with cuts from
 * the attacker's LPs, see disclosure_opt.c), for measuring the heuristic on
 * small tables: minutes beyond a few hundred cells. node_limit bounds each
 * branch and bound (deterministically); *optimal = 1 when none hit it (the
 * pattern is then proven cheapest). Every confidential cell is safe in the
 * result under the LP the MIP checks; disc_audit proves it independently.
 * Returns 0 or LERR_*. */
int disc_optimum(disc_table *t, long node_limit, int *optimal, lerr *err) LADDER_WARN_UNUSED;

/* The attacker: for every primary cell of the current pattern, the interval
 * [lo, hi] of values it can take subject to the relations, the published
 * values and non-negativity (LP relaxation, rounded inward to integers). A
 * cell is exposed when hi - lo < its width. Fills *exp / *n_exp (owned by
 * the table) and the stats. Returns 0 or LERR_*. */
int disc_audit(disc_table *t, const disc_exposure **exp, int *n_exp, lerr *err) LADDER_WARN_UNUSED;

#endif
