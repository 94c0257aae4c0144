/* chain.h - the series of one work form in one area over the years,
 * optionally followed through its predecessors (the lineage, model.h):
 * "collectief maatwerk" from the sheltered and social workshops of 2010 to
 * the maatwerkbedrijven of 2024. Prefix: chain_.
 *
 * Each year's value is the sum over the forms of the chain that have a
 * figure that year (calc_grid_get of the protected grid: reported, or
 * summed from sub-areas), from the edition asked for, else from the latest
 * edition holding a figure of the chain for that year. A year in which a
 * reform of the chain takes effect (a lineage link into one of its forms)
 * carries a series break (reeksbreuk): the figures on either side count
 * different things. Breaks are the lineage's, chained or not: a form that
 * absorbed others breaks even when shown alone.
 *
 * The series runs from its first year with a figure to its last.
 *
 * Protection: a sum that includes a hidden cell is hidden (flagged
 * CALC_CONFIDENTIAL): it would give the hidden cell away by subtraction.
 *
 * Ownership: chain_series_new returns a series freed with
 * chain_series_free; it borrows the model, which must outlive it.
 */
#ifndef LADDER_CHAIN_H
#define LADDER_CHAIN_H

#include "calc.h"

#define CHAIN_MAX_FORMS 16

typedef struct chain_point {
	int year;
	char edition[64];   /* the edition the year's figures come from; "" when none */
	calc_value value;   /* the sum over the forms with a figure; unknown when none */
	int series_break;   /* reeksbreuk: a reform of the chain takes effect this year */
	int forms[CHAIN_MAX_FORMS]; /* node indexes of the forms with a figure */
	int n_forms;
} chain_point;

typedef struct chain_series {
	const model *m;
	int area, node;      /* model indexes */
	int chained;         /* 1: through the predecessors */
	int *members;        /* the forms summed: node first, then its chain */
	int n_members;
	chain_point *points; /* ascending years with figures in the range */
	int n_points;
	unsigned flags;      /* union of the points' flags */
} chain_series;

/* The series of node in area for the years from..to (0: open) that hold
 * figures; edition: a code, or NULL for the latest holding the chain's
 * figures per year. Returns NULL with err set on a store failure. */
chain_series *chain_series_new(store *s, const model *m, int area, int node, int from, int to, const char *edition,
			       int chained, lerr *err);
void chain_series_free(chain_series *c);
/* The lineage links (indexes into m->lineage) that break the series in
 * year: links into a member whose date falls in that year. Up to cap;
 * returns how many there are. */
int chain_break_links(const chain_series *c, int year, int *out, int cap);

#endif
