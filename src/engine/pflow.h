/* pflow.h - flow tables of persons between rungs, as published: protected.
 * Prefix: pflow_.
 *
 * A flow table holds, per area, the persons by rung on a first date (rows,
 * 0 = nothing active) and rung on a second date (columns), with its own
 * sums: the row totals, the column totals and the grand total, for every
 * area of the stored flows and every area above them (arrondissement,
 * province, Flanders: the sum over the areas under it). All of these are
 * cells of one disc_table tied by their relations (row = sum of its cells,
 * column = sum of its cells, grand total both ways, an area = the sum of the
 * areas under it), protected by the disclosure engine with the thresholds
 * of the area levels (disclosure.*), so that no hidden cell can be worked out
 * from what is published; pflow_audit plays the attacker on the same table
 * (docs/disclosure.md). The cell (0, 0) does not exist: persons with nothing
 * active on both dates are not counted.
 *
 * The double counting (places per person) of a rung is a ratio of two
 * counts: pflow_ratio hides it when either count is 1..threshold.
 *
 * Ownership: pflow_new/pflow_load return a table freed with pflow_free; it
 * borrows the model. pflow_audit's exposures are the caller's (free).
 */
#ifndef LADDER_PFLOW_H
#define LADDER_PFLOW_H

#include "calc.h"

#define PFLOW_TOTAL 7 /* the row or column of totals; rungs are 0..6 */

/* A stored flow: area (model index), rung from, rung to, persons. */
typedef struct pflow_in {
	int area;
	int from, to;
	long long persons;
} pflow_in;

typedef struct pflow_table pflow_table;

typedef struct pflow_exposure {
	int area, from, to; /* from/to 0..6 or PFLOW_TOTAL */
	double lo, hi;
	int required;
} pflow_exposure;

/* The table of rows (not yet protected: pflow_protect). */
pflow_table *pflow_new(const model *m, const pflow_in *rows, int n, const calc_protect_opts *o);
/* The table of a stored import's flows (store_person_flows); NULL with err
 * set when the store fails or names an area the model does not know. */
pflow_table *pflow_load(store *s, const model *m, int import, const calc_protect_opts *o, lerr *err);
void pflow_free(pflow_table *t);

/* Protects the table (o->primary_only: the naive pattern, for the audit's
 * demonstration). 0 or LERR_*. */
int pflow_protect(pflow_table *t, lerr *err) LADDER_WARN_UNUSED;
/* The attacker on the current pattern: the exposed cells (none when safe).
 * 0 or LERR_*. */
int pflow_audit(pflow_table *t, pflow_exposure **out, int *n_out, disc_stats *st, lerr *err) LADDER_WARN_UNUSED;

/* 1 when the table has the area (it or an area under it has flows). */
int pflow_has(const pflow_table *t, int area);
/* A cell: known (0 where nothing moved), CALC_CONFIDENTIAL when hidden
 * (and then never to be shown). from/to: 0..6 or PFLOW_TOTAL. */
calc_value pflow_get(const pflow_table *t, int area, int from, int to);

/* Places per person: unknown when persons is 0, confidential when persons
 * or places is 1..threshold. */
calc_value pflow_ratio(long long persons, long long places, int threshold);

/* A stored import (store_person_imports) chosen for a publication. */
typedef struct pflow_pick {
	int id;
	char edition[64];
	char from[16], to[16]; /* YYYY-MM-DD; from "" without flows */
} pflow_pick;
/* The latest import of edition (a code; NULL: the latest edition holding
 * one) whose date is in year (0: any) and, when given, from and to; with
 * flows only when flows is set. *found 0 when there is none; then
 * avail/n_avail (may be NULL; the caller frees) list the imports there are
 * (with flows only when flows is set), the nearest dates first. */
int pflow_choose(store *s, const char *edition, int year, const char *from, const char *to, int flows,
		 pflow_pick *out, int *found, pflow_pick **avail, int *n_avail, lerr *err) LADDER_WARN_UNUSED;

/* Persons and places per rung 1..6 of an import, on area and every area
 * under it. */
int pflow_persons_places(store *s, const model *m, int import, int area, long long persons[7], long long places[7],
			 lerr *err) LADDER_WARN_UNUSED;

#endif
