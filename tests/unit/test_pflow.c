/* test_pflow.c - suite pflow: flow tables between rungs with their own
 * sums (rows, columns, areas), protected so that no hidden cell can be
 * worked out from the published cells and margins (the audit proves it),
 * on generated flows over the demo's area tree; the double counting ratio. */
#include "harness.h"
#include "fixture.h"
#include "engine/pflow.h"

#include <stdlib.h>

static const char *const codes[] = {"31003", "31005", "31006", "31022", "34022", "34027", "34041"};
#define N_CODES 7

/* Flows as a pseudo-random generator makes them (fixed seed): mostly
 * stayers, some risers, fallers, entries and exits, many small counts. */
static int generate(const model *m, pflow_in *rows, int cap)
{
	unsigned seed = 12345;
	int n = 0;
	for (int a = 0; a < N_CODES; a++) {
		int area = model_area_index(m, codes[a]);
		CHECK(area >= 0);
		for (int i = 0; i <= 6 && area >= 0; i++)
			for (int j = 0; j <= 6 && n < cap; j++) {
				seed = seed * 1103515245u + 12345u;
				unsigned r = (seed >> 16) % 100;
				if ((!i && !j) || i == 1 || j == 2 || r < 40)
					continue;
				long long v = i == j ? 5 + r % 40 : 1 + r % 7;
				rows[n++] = (pflow_in){area, i, j, v};
			}
	}
	return n;
}

/* Every row and column of every area adds up, hidden or not. */
static void check_sums(const pflow_table *t, const model *m)
{
	for (int a = 0; a < m->n_areas; a++) {
		if (!pflow_has(t, a))
			continue;
		for (int i = 0; i <= PFLOW_TOTAL; i++) {
			double row = 0, col = 0;
			for (int k = 0; k < PFLOW_TOTAL; k++)
				row += pflow_get(t, a, i, k).v, col += pflow_get(t, a, k, i).v;
			CHECK_NEAR(pflow_get(t, a, i, PFLOW_TOTAL).v, row, 1e-9);
			CHECK_NEAR(pflow_get(t, a, PFLOW_TOTAL, i).v, col, 1e-9);
		}
	}
}

static int count_hidden(const pflow_table *t, const model *m)
{
	int n = 0;
	for (int a = 0; a < m->n_areas; a++)
		for (int i = 0; i <= PFLOW_TOTAL && pflow_has(t, a); i++)
			for (int j = 0; j <= PFLOW_TOTAL; j++)
				n += (pflow_get(t, a, i, j).flags & CALC_CONFIDENTIAL) != 0;
	return n;
}

/* The naive pattern (small cells only) gives cells away through the
 * margins; the protection leaves none that the attacker can narrow. */
static void test_generated_flows_protected(void)
{
	model *m;
	store *s = unit_demo_model(&m);
	pflow_in rows[N_CODES * 49];
	int n = generate(m, rows, N_CODES * 49);
	calc_protect_opts o;
	calc_protect_defaults(&o);
	lerr e;
	o.primary_only = 1;
	pflow_table *naive = pflow_new(m, rows, n, &o);
	pflow_exposure *x;
	int nx;
	CHECK_EQ_INT(pflow_protect(naive, &e), 0);
	CHECK_EQ_INT(pflow_audit(naive, &x, &nx, NULL, &e), 0);
	CHECK(nx > 0); /* the margins do give small cells away */
	free(x);
	pflow_free(naive);
	o.primary_only = 0;
	pflow_table *t = pflow_new(m, rows, n, &o);
	CHECK_EQ_INT(pflow_protect(t, &e), 0);
	disc_stats st;
	CHECK_EQ_INT(pflow_audit(t, &x, &nx, &st, &e), 0);
	CHECK_EQ_INT(nx, 0);
	CHECK(st.primary > 0 && st.secondary > 0);
	CHECK(count_hidden(t, m) == st.primary + st.secondary);
	check_sums(t, m);
	/* the areas above: the arrondissement, the province and Flanders */
	int arr = m->areas[model_area_index(m, "31005")].parent;
	CHECK(pflow_has(t, arr) && pflow_has(t, m->areas[arr].parent));
	CHECK(!pflow_has(t, model_area_index(m, "11002")));
	CHECK(!pflow_get(t, arr, 0, 0).known); /* nobody with nothing on both dates */
	free(x);
	pflow_free(t);
	model_free(m);
	store_close(s);
}

/* One small cell in a row whose total and other cell are published: the
 * attacker subtracts (12 - 10 = 2). Protected, it is left a wide range. */
static void test_small_cell_not_recomputed(void)
{
	model *m;
	store *s = unit_demo_model(&m);
	int a = model_area_index(m, "31005");
	pflow_in rows[] = {{a, 3, 3, 10}, {a, 3, 4, 2}, {a, 4, 4, 30}, {a, 0, 4, 9}, {a, 4, 0, 8}};
	calc_protect_opts o;
	calc_protect_defaults(&o);
	o.primary_only = 1;
	lerr e;
	pflow_table *t = pflow_new(m, rows, 5, &o);
	pflow_exposure *x;
	int nx, found = 0;
	CHECK_EQ_INT(pflow_protect(t, &e), 0);
	CHECK_EQ_INT(pflow_audit(t, &x, &nx, NULL, &e), 0);
	for (int i = 0; i < nx; i++)
		if (x[i].area == a && x[i].from == 3 && x[i].to == 4) {
			found = 1;
			CHECK_NEAR(x[i].lo, 2, 1e-9);
			CHECK_NEAR(x[i].hi, 2, 1e-9);
		}
	CHECK(found);
	free(x);
	pflow_free(t);
	o.primary_only = 0;
	t = pflow_new(m, rows, 5, &o);
	CHECK_EQ_INT(pflow_protect(t, &e), 0);
	CHECK(pflow_get(t, a, 3, 4).flags & CALC_CONFIDENTIAL);
	CHECK(pflow_get(t, a, 3, 3).flags & CALC_CONFIDENTIAL || pflow_get(t, a, 3, PFLOW_TOTAL).flags & CALC_CONFIDENTIAL);
	CHECK_EQ_INT(pflow_audit(t, &x, &nx, NULL, &e), 0);
	CHECK_EQ_INT(nx, 0);
	free(x);
	pflow_free(t);
	model_free(m);
	store_close(s);
}

static void test_ratio(void)
{
	calc_value v = pflow_ratio(10, 15, 4);
	CHECK(v.known && !v.flags);
	CHECK_NEAR(v.v, 1.5, 1e-12);
	CHECK(pflow_ratio(3, 9, 4).flags & CALC_CONFIDENTIAL);
	CHECK(pflow_ratio(40, 41, 4).flags == 0);
	CHECK(!pflow_ratio(0, 0, 4).known);
}

void suite_pflow(void)
{
	RUN(test_generated_flows_protected);
	RUN(test_small_cell_not_recomputed);
	RUN(test_ratio);
}
