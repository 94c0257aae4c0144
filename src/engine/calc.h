/* calc.h - the ladder of an area: resolving reported and rolled-up figures,
 * shares, comparisons with Flanders and the previous year. Prefix: calc_.
 *
 * Resolution of a cell (area, node) for one edition and year:
 *   1. a reported figure wins;
 *   2. else, when the area itself reported figures under the node, the sum
 *      of the node's known children (a province that reported its rungs
 *      has a headline of those rungs);
 *   3. else the sum over the area's sub-areas (or a grouping's members),
 *      only when every one of them is known: unknown is never taken as 0;
 *   4. else the sum of the node's known children in the work-form tree
 *      (work forms not reported that year are simply absent).
 * Where a reported figure and a complete sum of parts both exist, the
 * reported one is used and the difference is recorded. A reported total
 * whose parts fall short keeps its total and shows the gap as "not
 * specified", never spread over the parts.
 *
 * Flags travel upwards: a sum of synthetic parts is synthetic, and so on;
 * "confidential" does not (protecting a sum is the disclosure rules' job).
 *
 * Protection (the one protection step, see docs/disclosure.md): a grid is
 * raw until calc_grid_protect runs the disclosure rules over every cell it
 * can publish; from then on calc_grid_get returns suppressed cells flagged
 * CALC_CONFIDENTIAL (the value stays inside for sums and checks; renderers
 * never print it). calc_ladder_new always protects. Only an analyst's
 * explicit --unprotected (calc_protect_opts.unprotected) shows everything: a
 * server or an open-data export must never set it.
 *
 * Ownership: calc_ladder_new returns a result freed with calc_ladder_free; it
 * borrows the model, which must outlive it.
 */
#ifndef LADDER_CALC_H
#define LADDER_CALC_H

#include "../store/store.h"
#include "disclosure.h"

enum calc_flag {
	CALC_ESTIMATED = 1,
	CALC_SYNTHETIC = 2,
	CALC_CONFIDENTIAL = 4,
	CALC_MISSING = 8,
	CALC_ROLLED_UP = 16, /* summed from parts, not reported */
	CALC_RECOMPUTED = 32, /* the sum of its predecessors' figures: another year's map */
};

typedef struct calc_value {
	double v;
	int known;
	unsigned flags;
} calc_value;

typedef struct calc_form_row {
	int node;        /* model node index */
	calc_value persons;
	int not_specified; /* 1: the gap row of node (a total minus its known parts) */
} calc_form_row;

/* A reported figure of the area that differs from the sum of its sub-areas
 * (by_area) or of its parts; worded by rnd_ladder_note. Not for a total
 * above its parts: that is the "not specified" row. Or (unit) a work form
 * whose count is not persons, which the totals above it include. */
typedef struct calc_note {
	int node;       /* model node index */
	int by_area;
	int confidential; /* some of the figures summed are hidden: no numbers */
	double reported, parts;
	int unit;         /* 1: node is a work form counting another unit than persons (reported: its count), added into its rung and the headline as published */
} calc_note;

typedef struct calc_ladder {
	const model *m;
	int area;                 /* model area index */
	int year;
	int edition;              /* store id, 0 when no data */
	char edition_code[64];
	calc_value total;
	calc_value rung[7];       /* [3..5] from the tree; [6] = wage employees - rung 5 */
	calc_value rung_share[7]; /* % of the headline; [6] % of wage employees */
	calc_value collective, individual, collective_share, individual_share;
	calc_value wage_employees, rung5_share_of_wage, share_of_wage_employment;
	calc_value flanders_total, share_of_flemish_total;
	calc_value rung_share_of_flemish[7];
	calc_value prev_total, change_abs, change_pct;
	calc_form_row *forms;     /* rungs 3..5 then 6, tree order */
	int n_forms;
	calc_note *notes;         /* differences and remarks */
	int n_notes;
	unsigned flags;           /* union of flags of everything shown */
	int unprotected;          /* 1: --unprotected, for analysts only */
} calc_ladder;

/* How cells are protected. Thresholds and widths are per area level
 * (index: enum model_level). */
typedef struct calc_protect_opts {
	int unprotected;   /* show everything: analysts only, never a default */
	int primary_only;  /* the naive pattern (audit demonstrations only) */
	int keep_previous; /* start from the previous edition's pattern for the year */
	int threshold[5];  /* counts 1..threshold are confidential; 0: none */
	int width[5];      /* required interval width; -1: the threshold */
	int cost;          /* enum disc_cost: what a hidden cell costs (disclosure.cost) */
	int fresh;         /* neither reuse nor store a pattern (measurements) */
} calc_protect_opts;

/* Defaults: threshold 4 everywhere, width = threshold, nothing kept. */
void calc_protect_defaults(calc_protect_opts *o);
/* Defaults overridden by the store's disclosure.* settings. */
int calc_protect_opts_load(store *s, calc_protect_opts *o, lerr *err) LADDER_WARN_UNUSED;
/* Checks a disclosure.* setting (key and value); 0 or LERR_USAGE. Keys:
 * disclosure.threshold.LEVEL, disclosure.width.LEVEL (LEVEL: region,
 * province, arrondissement, municipality, grouping; a whole number >= 0),
 * disclosure.keep_previous (0 or 1), disclosure.cost (cells, persons or
 * mixed). */
int calc_protect_setting_check(const char *key, const char *value, int english, lerr *err);
/* disclosure.cost's value for an enum disc_cost ("cells", ...). */
const char *calc_cost_name(int cost);

/* The audit's block of an area (a speed hint, see disc_set_block): its
 * province (the area under a root), a grouping its first member's. */
int calc_area_block(const model *m, int a);

/* Computes the ladder of area (model index) for year. edition_code NULL means
 * the latest edition holding figures for that year. Returns NULL with err set
 * on failure; an area/year without figures gives a result with unknowns. */
calc_ladder *calc_ladder_new(store *s, const model *m, int area, int year, const char *edition_code, lerr *err);
/* The same with explicit protection options (calc_ladder_new loads them from
 * the store's settings). */
calc_ladder *calc_ladder_new_opts(store *s, const model *m, int area, int year, const char *edition_code,
				  const calc_protect_opts *o, lerr *err);
void calc_ladder_free(calc_ladder *l);

/* The edition to read year from: the one named by code (*id = 0 if there is
 * no such edition), or with code NULL/empty the latest holding figures for
 * year (0 when none). A failing store is an error, never "absent". */
int calc_edition_id(store *s, const char *code, int year, int *id, lerr *err) LADDER_WARN_UNUSED;

/* A context figure of area (model index): edition's own if it has one,
 * else the latest edition's; persons add up over sub-areas when the area
 * has none. Unknown (known = 0) when absent; a failing store is an error. */
int calc_context(store *s, const model *m, int area, int year, const char *indicator, int edition, calc_value *out,
		 lerr *err) LADDER_WARN_UNUSED;
/* calc_context of every area (out[model index], m->n_areas of them) for one
 * year, read in one query. */
int calc_context_year(store *s, const model *m, int year, const char *indicator, int edition, calc_value *out,
		      lerr *err) LADDER_WARN_UNUSED;

/* Rung 6 of every area (out[model index]) for the grid g of (edition,
 * year): the wage employees (context) minus rung 5, as calc_ladder has it
 * for one area; hidden when rung 5 is. Declared here, beside the grid. */
typedef struct calc_grid calc_grid;
int calc_rung6_year(store *s, const model *m, calc_grid *g, int year, int edition, calc_value *out,
		    lerr *err) LADDER_WARN_UNUSED;

/* The CALC_* bit of a stored flag ("synthetic", ...; 0 for "" or NULL). */
unsigned calc_flag_bits(const char *flag);

/* Arithmetic of published values, as the ladder does it: flags of both
 * sides travel (a hidden side hides the result); a share is a / b in
 * percent, unknown when b is unknown or 0. */
calc_value calc_ratio(calc_value a, calc_value b);
calc_value calc_minus(calc_value a, calc_value b);

/* Lower-level access, for checks and exports: the resolved grid of one
 * edition and year over all areas and nodes. */
typedef struct calc_grid calc_grid;
calc_grid *calc_grid_load(store *s, const model *m, int edition, int year, lerr *err);
/* The same with the figures of some areas only: within[a] (per model area)
 * says which; NULL reads all. A cell of an area within resolves as in the
 * whole grid when within holds the areas under it too (the sub-areas of a
 * check's scope, say); other areas' cells are unknown, and calc_grid_diffs
 * leaves them out. A page's checks read the figures of its area only, not of
 * every area of the year. */
calc_grid *calc_grid_load_within(store *s, const model *m, int edition, int year, const unsigned char *within,
				 lerr *err);
calc_value calc_grid_get(calc_grid *g, int area, int node);
/* The "not specified" part of a total: its value minus its known counted
 * parts, when positive; unknown otherwise. Flagged like a cell. */
calc_value calc_grid_gap(calc_grid *g, int area, int node);
/* A reported figure as stored (not resolved): 0 when none is reported. */
int calc_grid_reported(const calc_grid *g, int area, int node, calc_value *out);

/* Where a reported figure and the sum of its parts disagree. */
typedef struct calc_diff {
	int area, node;
	double reported, parts;
	int by_area;    /* 1: sum of the sub-areas; 0: sum of the node's parts */
	unsigned flags; /* of both sides */
} calc_diff;
/* Resolves every cell and returns the disagreements found (owned by g). */
int calc_grid_diffs(calc_grid *g, const calc_diff **out);
void calc_grid_free(calc_grid *g);

/* calc_grid_load then calc_grid_protect with options o, through the store's
 * grid cache: a grid computed for the same edition, year, stamp
 * (store_grid_stamp: the model, the settings and the figures it depends on)
 * and options is read back as one blob instead of from every figure of the
 * year (docs/disclosure.md, "Speed"). A cached grid has no disclosure table:
 * calc_grid_audit and calc_grid_stats need calc_grid_protect itself. */
calc_grid *calc_grid_open(store *s, const model *m, int edition, int year, const calc_protect_opts *o, lerr *err);
/* Brings the grid cache up to date after the figures of pairs ((edition id,
 * year), n of them) changed: computes, protects and caches every grid they
 * make stale (with the setting keep_previous also the later editions of
 * their years), inside the caller's transaction. An import calls it before
 * its commit, so that the first page or show after it reads a cached grid.
 * progress (may be NULL) hears how many of how many grids are done. */
typedef void (*calc_progress_fn)(int done, int total, void *arg);
/* The threads calc_grids_refresh solves protection tables on (0, the
 * default: one per core, at most 8). The patterns do not depend on it. */
void calc_set_refresh_jobs(int jobs);
int calc_grids_refresh(store *s, const int (*pairs)[2], int n, calc_progress_fn progress, void *arg,
		       lerr *err) LADDER_WARN_UNUSED;
/* Caches every grid of the store (each pair of edition and year with
 * figures) on every map a page may put it on, that is not cached yet:
 * `ladder demo`, so that its first pages read cached grids. */
int calc_grids_complete(store *s, lerr *err) LADDER_WARN_UNUSED;
/* calc_grid_open with the store's settings: the grid every publishing
 * output (report, export, server) reads. */
calc_grid *calc_grid_load_protected(store *s, const model *m, int edition, int year, lerr *err);

/* Runs the disclosure rules over every publishable cell of the grid: the
 * resolved (area, node) cells and the "not specified" gaps, tied by the
 * area tree, the groupings and the work-form tree (see docs/disclosure.md).
 * With o->keep_previous the previous edition's pattern for the same year is
 * kept (computed the same way). With o->unprotected nothing is hidden. */
int calc_grid_protect(calc_grid *g, store *s, const calc_protect_opts *o, lerr *err) LADDER_WARN_UNUSED;

/* A cell the audit found exposed: area and node indexes, gap = 1 for the
 * "not specified" part of the node; [lo, hi] what an attacker can narrow it
 * to (hi = HUGE_VAL: unbounded) and the width it needed. */
/* The most maps (territorial layouts) one year's protected table covers. */
#define CALC_MAX_MAPS 8

typedef struct calc_exposure {
	int area, node, gap;
	double lo, hi;
	int required;
	int map_year; /* 0: a cell of the year's own map; else the year of the other map it is on */
} calc_exposure;

/* Audits the grid's current pattern (after calc_grid_protect). *out (caller
 * frees) gets the exposed cells; st (may be NULL) the counts. */
int calc_grid_audit(calc_grid *g, calc_exposure **out, int *n_out, disc_stats *st, lerr *err) LADDER_WARN_UNUSED;
/* 1 when the protected grid hides a cell of area or of an area under it
 * (sub-areas, a grouping's members): what a text that quotes figures of
 * that scope (check findings) must then leave out. */
int calc_grid_hides_under(const calc_grid *g, int area);
/* Counts of the last protection (NULL before calc_grid_protect). */
const disc_stats *calc_grid_stats(const calc_grid *g);
/* The disclosure table of the last protection (NULL before it), owned by
 * the grid: for measuring other patterns on the same table (bench). */
disc_table *calc_grid_table(calc_grid *g);

#endif
