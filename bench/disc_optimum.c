/* disc_optimum.c - how far ladder's secondary suppression is from the
 * optimum, on one small instance (issue 18): builds the disclosure table of
 * (latest edition, YEAR) of a store exactly as `show` does, protects it the
 * way ladder does (from scratch: a pattern stored by an earlier run, of
 * another build with the same method version, is neither reused nor
 * replaced), then finds the fewest secondary cells with disc_optimum
 * (a MIP with cuts from the attacker's LPs) and audits both patterns with
 * disc_audit. Built by make (build/bench/disc_optimum); bench/disclosure.sh
 * runs it on the instances of the issue.
 *
 *   disc_optimum DB YEAR [NAME] [--nodes N]
 *
 * Prints one line: NAME cells relations confidential ladder_secondary
 * optimum_secondary ratio ladder_cost optimum_cost (cost: sum of value + 1)
 * proven(1/0) seconds; exit 1 when a pattern does not audit clean. */
#include "engine/calc.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Secondary cells and their cost sum(value + 1). */
static int count(const disc_table *t, double *cost)
{
	int n = 0;
	*cost = 0;
	for (int i = 0; i < disc_n_cells(t); i++)
		if (disc_get_state(t, i) == DISC_SECONDARY) {
			n++;
			*cost += disc_value(t, i) + 1;
		}
	return n;
}

static int exposed(disc_table *t, const char *what)
{
	const disc_exposure *x;
	int n = 0;
	lerr e;
	if (disc_audit(t, &x, &n, &e) < 0) {
		fprintf(stderr, "disc_optimum: audit of %s: %s\n", what, e.msg);
		return 1;
	}
	if (n)
		fprintf(stderr, "disc_optimum: %s: %d cells exposed\n", what, n);
	return n != 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: disc_optimum DB YEAR [NAME] [--nodes N]\n");
		return 2;
	}
	const char *name = argc > 3 && strcmp(argv[3], "--nodes") ? argv[3] : argv[1];
	long nodes = 200000;
	for (int i = 3; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--nodes"))
			nodes = atol(argv[i + 1]);
	int year = atoi(argv[2]);
	lerr e;
	store *s = store_open(argv[1], 1, 1, &e);
	model *m = s ? store_load_model(s, &e) : NULL;
	int ed = 0;
	char code[64];
	if (!m || store_latest_edition(s, "figure", year, &ed, code, &e) < 0 || !ed) {
		fprintf(stderr, "disc_optimum: %s: %s\n", argv[1], ed ? e.msg : "no figures that year");
		return 2;
	}
	calc_protect_opts o;
	calc_grid *g = NULL;
	int loaded = calc_protect_opts_load(s, &o, &e);
	/* computed here, never a pattern stored by an earlier run or build */
	o.fresh = 1;
	if (loaded < 0 || !(g = calc_grid_load(s, m, ed, year, &e)) ||
	    calc_grid_protect(g, s, &o, &e) < 0) {
		fprintf(stderr, "disc_optimum: %s\n", e.msg);
		return 2;
	}
	disc_table *t = calc_grid_table(g);
	int bad = exposed(t, "ladder's pattern");
	double lcost, ocost;
	int lsec = count(t, &lcost);
	const disc_stats *st = disc_get_stats(t);
	int cells = st->cells, rels = st->relations, prim = st->primary;
	double t0 = now_s();
	disc_set_cost(t, DISC_COST_CELLS);
	int optimal = 0;
	if (disc_optimum(t, nodes, &optimal, &e) < 0) {
		fprintf(stderr, "disc_optimum: %s\n", e.msg);
		return 2;
	}
	double secs = now_s() - t0;
	bad |= exposed(t, "the optimum");
	int osec = count(t, &ocost);
	printf("%s %d %d %d %d %d %.3f %.0f %.0f %d %.1f\n", name, cells, rels, prim, lsec, osec,
	       osec ? (double)lsec / osec : 1.0, lcost, ocost, optimal, secs);
	calc_grid_free(g);
	model_free(m);
	store_close(s);
	return bad;
}
