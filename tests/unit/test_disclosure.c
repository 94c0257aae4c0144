/* test_disclosure.c - suite disclosure: the rules on small hand-made tables
 * whose safe patterns are known, determinism, and the audit catching what a
 * naive (primary-only) pattern gives away. */
#include "harness.h"
#include "engine/disclosure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int supp(const disc_table *t, int c)
{
	return disc_get_state(t, c) != DISC_PUBLISHED;
}

static int audit_exposed(disc_table *t)
{
	const disc_exposure *x;
	int n = -1;
	lerr e;
	CHECK_EQ_INT(disc_audit(t, &x, &n, &e), 0);
	return n;
}

/* total 10 = a 2 + b 8: a is confidential, and with the total published b
 * would give it away, so b goes (cheaper than the total). */
static void test_total_two_parts(void)
{
	disc_table *t = disc_table_new();
	int T = disc_add_cell(t, 10, 4, 4), a = disc_add_cell(t, 2, 4, 4), b = disc_add_cell(t, 8, 4, 4);
	disc_add_relation(t, T, (int[]){a, b}, 2);
	lerr e;
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK_EQ_INT(disc_get_state(t, a), DISC_PRIMARY);
	CHECK_EQ_INT(disc_get_state(t, b), DISC_SECONDARY);
	CHECK_EQ_INT(disc_get_state(t, T), DISC_PUBLISHED);
	CHECK_EQ_INT(audit_exposed(t), 0);
	CHECK_EQ_INT(disc_get_stats(t)->primary, 1);
	CHECK_EQ_INT(disc_get_stats(t)->secondary, 1);
	disc_table_free(t);
}

/* 2x2 table with margins and one small cell: the three other inner cells
 * must go, the margins stay. */
static void test_two_by_two(void)
{
	disc_table *t = disc_table_new();
	int a11 = disc_add_cell(t, 2, 4, 4), a12 = disc_add_cell(t, 10, 4, 4);
	int a21 = disc_add_cell(t, 10, 4, 4), a22 = disc_add_cell(t, 10, 4, 4);
	int r1 = disc_add_cell(t, 12, 4, 4), r2 = disc_add_cell(t, 20, 4, 4);
	int c1 = disc_add_cell(t, 12, 4, 4), c2 = disc_add_cell(t, 20, 4, 4), g = disc_add_cell(t, 32, 4, 4);
	disc_add_relation(t, r1, (int[]){a11, a12}, 2);
	disc_add_relation(t, r2, (int[]){a21, a22}, 2);
	disc_add_relation(t, c1, (int[]){a11, a21}, 2);
	disc_add_relation(t, c2, (int[]){a12, a22}, 2);
	disc_add_relation(t, g, (int[]){r1, r2}, 2);
	disc_add_relation(t, g, (int[]){c1, c2}, 2);

	/* naive: only the small cell; its row gives it away exactly */
	disc_primary_only(t);
	const disc_exposure *x;
	int n;
	lerr e;
	CHECK_EQ_INT(disc_audit(t, &x, &n, &e), 0);
	CHECK_EQ_INT(n, 1);
	if (n == 1) {
		CHECK_EQ_INT(x[0].cell, a11);
		CHECK_NEAR(x[0].lo, 2, 1e-9);
		CHECK_NEAR(x[0].hi, 2, 1e-9);
		CHECK_EQ_INT(x[0].required, 4);
	}

	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK(supp(t, a11) && supp(t, a12) && supp(t, a21) && supp(t, a22));
	CHECK(!supp(t, r1) && !supp(t, r2) && !supp(t, c1) && !supp(t, c2) && !supp(t, g));
	CHECK_EQ_INT(disc_get_stats(t)->secondary, 3);
	CHECK_EQ_INT(audit_exposed(t), 0);
	disc_table_free(t);
}

/* Two small parts of a published total whose sum is at least the width
 * protect each other: 4 = 3 + 1 leaves each anywhere in [0, 4]. With
 * 3 = 2 + 1 the total itself is small and all three are confidential. */
static void test_small_parts_protect_each_other(void)
{
	disc_table *t = disc_table_new();
	int T = disc_add_cell(t, 9, 4, 4), a = disc_add_cell(t, 3, 4, 4), b = disc_add_cell(t, 1, 4, 4),
	    c = disc_add_cell(t, 5, 4, 4);
	disc_add_relation(t, T, (int[]){a, b, c}, 3);
	lerr e;
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK(supp(t, a) && supp(t, b));
	CHECK(!supp(t, c) && !supp(t, T));
	CHECK_EQ_INT(audit_exposed(t), 0);
	disc_table_free(t);

	/* 1 + 2 = 3 under a published 10: [0, 3] is too narrow, a third part goes */
	t = disc_table_new();
	T = disc_add_cell(t, 10, 4, 4);
	a = disc_add_cell(t, 1, 4, 4);
	b = disc_add_cell(t, 2, 4, 4);
	c = disc_add_cell(t, 7, 4, 4);
	disc_add_relation(t, T, (int[]){a, b, c}, 3);
	disc_primary_only(t);
	CHECK_EQ_INT(audit_exposed(t), 2);
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK(supp(t, a) && supp(t, b) && supp(t, c) && !supp(t, T));
	CHECK_EQ_INT(audit_exposed(t), 0);
	disc_table_free(t);
}

/* Zero is not confidential; threshold 0 switches the rule off; a cell the
 * source marks confidential is, whatever its value. */
static void test_primary_rule(void)
{
	disc_table *t = disc_table_new();
	int z = disc_add_cell(t, 0, 4, 4), one = disc_add_cell(t, 1, 4, 4), four = disc_add_cell(t, 4, 4, 4),
	    five = disc_add_cell(t, 5, 4, 4), off = disc_add_cell(t, 2, 0, 0), big = disc_add_cell(t, 300, 4, 4),
	    three = disc_add_cell(t, 3, 2, 2);
	disc_set_confidential(t, big);
	disc_primary_only(t);
	CHECK_EQ_INT(disc_get_state(t, z), DISC_PUBLISHED);
	CHECK_EQ_INT(disc_get_state(t, one), DISC_PRIMARY);
	CHECK_EQ_INT(disc_get_state(t, four), DISC_PRIMARY);
	CHECK_EQ_INT(disc_get_state(t, five), DISC_PUBLISHED);
	CHECK_EQ_INT(disc_get_state(t, off), DISC_PUBLISHED);
	CHECK_EQ_INT(disc_get_state(t, big), DISC_PRIMARY);
	CHECK_EQ_INT(disc_get_state(t, three), DISC_PUBLISHED);
	CHECK_EQ_INT(disc_get_stats(t)->primary, 3);
	disc_table_free(t);
}

/* A small grid: rows r (total of its cells), columns c, grand total.
 * vals is rows x cols; returns the first cell index of the inner cells. */
static int grid(disc_table *t, int rows, int cols, const double *vals, int thr)
{
	int first = disc_n_cells(t);
	for (int i = 0; i < rows * cols; i++)
		disc_add_cell(t, vals[i], thr, thr);
	int *rt = malloc(sizeof(int) * (size_t)rows), *ct = malloc(sizeof(int) * (size_t)cols);
	int *parts = malloc(sizeof(int) * (size_t)(rows + cols));
	double grand = 0;
	for (int i = 0; i < rows; i++) {
		double s = 0;
		for (int j = 0; j < cols; j++) {
			s += vals[i * cols + j];
			parts[j] = first + i * cols + j;
		}
		rt[i] = disc_add_cell(t, s, thr, thr);
		disc_add_relation(t, rt[i], parts, cols);
		grand += s;
	}
	for (int j = 0; j < cols; j++) {
		double s = 0;
		for (int i = 0; i < rows; i++) {
			s += vals[i * cols + j];
			parts[i] = first + i * cols + j;
		}
		ct[j] = disc_add_cell(t, s, thr, thr);
		disc_add_relation(t, ct[j], parts, rows);
	}
	int g = disc_add_cell(t, grand, thr, thr);
	disc_add_relation(t, g, rt, rows);
	disc_add_relation(t, g, ct, cols);
	free(rt);
	free(ct);
	free(parts);
	return first;
}

/* Local rules see one relation at a time: a pattern where every line holds
 * two or more hidden cells can still give a cell away exactly (a "bridge"
 * between two cycles of hidden cells). The audit sees it; protection then
 * repairs it. */
static void test_bridge_needs_the_lp(void)
{
	double v[16];
	for (int i = 0; i < 16; i++)
		v[i] = 10;
	v[1 * 4 + 2] = 1; /* the bridge, row 1 col 2 */
	disc_table *t = disc_table_new();
	int f = grid(t, 4, 4, v, 4);
	static const int cyc[][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}};
	for (size_t i = 0; i < 8; i++)
		disc_force(t, f + cyc[i][0] * 4 + cyc[i][1]);
	disc_primary_only(t);
	const disc_exposure *x;
	int n;
	lerr e;
	CHECK_EQ_INT(disc_audit(t, &x, &n, &e), 0);
	CHECK_EQ_INT(n, 1);
	if (n == 1) {
		CHECK_EQ_INT(x[0].cell, f + 6);
		CHECK_NEAR(x[0].lo, 1, 1e-9);
		CHECK_NEAR(x[0].hi, 1, 1e-9);
	}
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK(disc_get_stats(t)->rounds >= 2);
	for (size_t i = 0; i < 8; i++)
		CHECK(supp(t, f + cyc[i][0] * 4 + cyc[i][1])); /* forced cells stay hidden */
	CHECK_EQ_INT(audit_exposed(t), 0);
	disc_table_free(t);
}

static unsigned rnd_state;
static unsigned rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) & 0x7fff;
}

/* Random tables with many small cells: protection is always audited clean,
 * never hides less than the primary cells, and is the same every run. */
static void test_random_tables_safe_and_deterministic(void)
{
	for (int seed = 1; seed <= 30; seed++) {
		rnd_state = (unsigned)seed;
		int rows = 3 + (int)(rnd() % 6), cols = 3 + (int)(rnd() % 7);
		double *v = malloc(sizeof(double) * (size_t)(rows * cols));
		for (int i = 0; i < rows * cols; i++)
			v[i] = rnd() % 3 == 0 ? (double)(rnd() % 5) : (double)(rnd() % 40);
		unsigned char *pattern = NULL;
		size_t ncells = 0;
		for (int run = 0; run < 2; run++) {
			disc_table *t = disc_table_new();
			grid(t, rows, cols, v, 4);
			lerr e;
			CHECK_EQ_INT(disc_protect(t, &e), 0);
			CHECK_EQ_INT(audit_exposed(t), 0);
			ncells = (size_t)disc_n_cells(t);
			for (int c = 0; c < (int)ncells; c++) {
				double x = disc_value(t, c);
				if (x >= 1 && x <= 4)
					CHECK_EQ_INT(disc_get_state(t, c), DISC_PRIMARY);
			}
			if (run == 0) {
				pattern = malloc(ncells + 1);
				for (int c = 0; c < (int)ncells; c++)
					pattern[c] = (unsigned char)disc_get_state(t, c);
			} else {
				for (int c = 0; c < (int)ncells; c++)
					if (pattern[c] != (unsigned char)disc_get_state(t, c)) {
						unit_fail(__FILE__, __LINE__, "seed %d: cell %d differs between runs", seed, c);
						break;
					}
			}
			disc_table_free(t);
		}
		free(pattern);
		free(v);
	}
}

/* The primary-only pattern of a table with small cells is exposed. */
static void test_audit_catches_primary_only(void)
{
	static const double v[] = {1, 20, 30, 3, 15, 40, 25, 2, 50};
	disc_table *t = disc_table_new();
	grid(t, 3, 3, v, 4);
	disc_primary_only(t);
	CHECK(audit_exposed(t) >= 3);
	lerr e;
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK_EQ_INT(audit_exposed(t), 0);
	disc_table_free(t);
}

/* The audit takes the protection's feasible points only where they hold:
 * publish the secondary cells again and the points that moved them prove
 * nothing, so the audit finds what the primary-only pattern gives away. */
static void test_certificates_are_checked(void)
{
	static const double v[] = {1, 20, 30, 3, 15, 40, 25, 2, 50};
	disc_table *t = disc_table_new();
	grid(t, 3, 3, v, 4);
	lerr e;
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK_EQ_INT(audit_exposed(t), 0);
	CHECK(disc_get_stats(t)->certificates > 0);
	CHECK_EQ_INT(disc_get_stats(t)->lp_solves, 0); /* every cell proven by a point that held */
	int n = disc_n_cells(t);
	unsigned char *st = malloc((size_t)n + 1);
	disc_get_states(t, st);
	for (int c = 0; c < n; c++)
		if (st[c] == DISC_SECONDARY)
			st[c] = DISC_PUBLISHED;
	disc_set_states(t, st);
	CHECK(audit_exposed(t) >= 3);
	CHECK_EQ_INT(disc_get_stats(t)->certificates, 0);
	free(st);
	disc_table_free(t);
}

/* A wider required width asks for more: width 10 around 2 + 8 = 10. */
static void test_width(void)
{
	disc_table *t = disc_table_new();
	int T = disc_add_cell(t, 30, 4, 10), a = disc_add_cell(t, 2, 4, 10), b = disc_add_cell(t, 6, 4, 10),
	    c = disc_add_cell(t, 22, 4, 10);
	disc_add_relation(t, T, (int[]){a, b, c}, 3);
	lerr e;
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	/* b alone leaves a in [0, 8]: not 10 wide; c (22) does it */
	CHECK(supp(t, a) && supp(t, c));
	const disc_exposure *x;
	int n;
	CHECK_EQ_INT(disc_audit(t, &x, &n, &e), 0);
	CHECK_EQ_INT(n, 0);
	disc_table_free(t);
}


/* Secondary cells of the pattern and the persons in them. */
static int secondary(const disc_table *t, double *persons)
{
	int n = 0;
	*persons = 0;
	for (int c = 0; c < disc_n_cells(t); c++)
		if (disc_get_state(t, c) == DISC_SECONDARY) {
			n++;
			*persons += disc_value(t, c);
		}
	return n;
}

/* Issue 18: a 2x3 table (margins, grand total) with one small cell needs
 * exactly three more (the rest of a 2x2 rectangle of inner cells, or a
 * neighbour and two column totals); the optimum proves that no two do, and
 * protection finds three. */
static void test_two_by_three_needs_three(void)
{
	static const double v[] = {2, 10, 12, 15, 11, 9};
	for (int exact = 0; exact < 2; exact++) {
		disc_table *t = disc_table_new();
		int f = grid(t, 2, 3, v, 4);
		lerr e;
		int optimal = 0;
		if (exact) {
			CHECK_EQ_INT(disc_optimum(t, 100000, &optimal, &e), 0);
			CHECK(optimal);
		} else {
			CHECK_EQ_INT(disc_protect(t, &e), 0);
		}
		double persons;
		CHECK_EQ_INT(secondary(t, &persons), 3);
		CHECK_EQ_INT(disc_get_state(t, f), DISC_PRIMARY);
		CHECK_EQ_INT(audit_exposed(t), 0);
		disc_table_free(t);
	}
}

/* A table built from random grids that share margins (a three-way table,
 * where the local rules and repairs hide too much): protection with the
 * small components redone exactly hides fewer cells than without, never
 * fewer than the optimum, and every pattern audits clean. */
static disc_table *stacked(unsigned seed)
{
	rnd_state = seed;
	disc_table *t = disc_table_new();
	int rows = 3, cols = 4;
	double v[12];
	int first[3];
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < rows * cols; i++)
			v[i] = rnd() % 3 == 0 ? (double)(1 + rnd() % 4) : (double)(rnd() % 30);
		first[k] = grid(t, rows, cols, v, 4);
	}
	/* the layers add up to a fourth grid, cell by cell */
	for (int i = 0; i < rows * cols; i++) {
		double s = 0;
		for (int k = 0; k < 3; k++)
			s += disc_value(t, first[k] + i);
		int c = disc_add_cell(t, s, 4, 4);
		disc_add_relation(t, c, (int[]){first[0] + i, first[1] + i, first[2] + i}, 3);
	}
	return t;
}

static void test_exact_components_hide_less(void)
{
	int better = 0;
	for (unsigned seed = 1; seed <= 6; seed++) {
		int n[3];
		for (int how = 0; how < 3; how++) {
			disc_table *t = stacked(seed);
			lerr e;
			int optimal;
			if (how == 0)
				disc_set_exact(t, 0);
			if (how < 2)
				CHECK_EQ_INT(disc_protect(t, &e), 0);
			else
				CHECK_EQ_INT(disc_optimum(t, 100000, &optimal, &e), 0);
			double persons;
			n[how] = secondary(t, &persons);
			CHECK_EQ_INT(audit_exposed(t), 0);
			disc_table_free(t);
		}
		CHECK(n[2] <= n[1] && n[1] <= n[0]);
		better += n[1] < n[0];
	}
	CHECK(better > 0);
}

/* The cost setting: the optimum under "persons" hides no more persons than
 * the optimum under "cells", which hides no more cells. */
static void test_cost_options(void)
{
	int cells[2];
	double persons[2];
	for (int k = 0; k < 2; k++) {
		disc_table *t = stacked(3);
		disc_set_cost(t, k ? DISC_COST_PERSONS : DISC_COST_CELLS);
		lerr e;
		int optimal = 0;
		CHECK_EQ_INT(disc_optimum(t, 100000, &optimal, &e), 0);
		CHECK(optimal);
		cells[k] = secondary(t, &persons[k]);
		CHECK_EQ_INT(audit_exposed(t), 0);
		disc_table_free(t);
	}
	CHECK(cells[0] <= cells[1]);
	CHECK(persons[1] <= persons[0] + 1e-9);
}

/* A small cell in a row of many siblings (a municipality in a large
 * arrondissement): every sibling alone is a cheap partner the attacker's
 * cut rules out one at a time, unless the MIP knows that a hidden cell
 * is never alone in a relation (lonely_rows). Its exact redo takes one
 * or two branch and bounds, not one per sibling, and still hides the
 * three cells a rectangle needs. */
static void test_exact_many_siblings(void)
{
	enum { ROWS = 3, COLS = 40 };
	double v[ROWS * COLS];
	for (int i = 0; i < ROWS * COLS; i++)
		v[i] = 20 + i % 7;
	v[COLS + 5] = 2;
	for (int exact = 0; exact < 2; exact++) {
		disc_table *t = disc_table_new();
		int f = grid(t, ROWS, COLS, v, 4);
		lerr e;
		int optimal = 0;
		if (exact) {
			CHECK_EQ_INT(disc_optimum(t, 100000, &optimal, &e), 0);
			CHECK(optimal);
		} else {
			CHECK_EQ_INT(disc_protect(t, &e), 0);
		}
		double persons;
		CHECK_EQ_INT(secondary(t, &persons), 3);
		CHECK_EQ_INT(disc_get_state(t, f + COLS + 5), DISC_PRIMARY);
		CHECK(disc_get_stats(t)->exact_mips >= 1);
		CHECK(disc_get_stats(t)->exact_nodes <= 2);
		CHECK_EQ_INT(audit_exposed(t), 0);
		disc_table_free(t);
	}
}

/* The exact redo's work per component is bounded (EXACT_CANDIDATES): a
 * small cell in a row of 700 is left to the heuristic's proven pattern
 * rather than to a MIP over every sibling. */
static void test_exact_redo_bounded(void)
{
	enum { ROWS = 3, COLS = 700 };
	double *v = malloc(sizeof *v * ROWS * COLS);
	for (int i = 0; i < ROWS * COLS; i++)
		v[i] = 20 + i % 7;
	v[COLS + 5] = 2;
	disc_table *t = disc_table_new();
	int f = grid(t, ROWS, COLS, v, 4);
	lerr e;
	CHECK_EQ_INT(disc_protect(t, &e), 0);
	CHECK_EQ_INT(disc_get_state(t, f + COLS + 5), DISC_PRIMARY);
	CHECK_EQ_INT(disc_get_stats(t)->exact_mips, 0);
	CHECK_EQ_INT(audit_exposed(t), 0);
	disc_table_free(t);
	free(v);
}

void suite_disclosure(void)
{
	RUN(test_total_two_parts);
	RUN(test_two_by_two);
	RUN(test_small_parts_protect_each_other);
	RUN(test_primary_rule);
	RUN(test_bridge_needs_the_lp);
	RUN(test_random_tables_safe_and_deterministic);
	RUN(test_audit_catches_primary_only);
	RUN(test_width);
	RUN(test_certificates_are_checked);
	RUN(test_two_by_three_needs_three);
	RUN(test_exact_components_hide_less);
	RUN(test_cost_options);
	RUN(test_exact_many_siblings);
	RUN(test_exact_redo_bounded);
}
