/* test_map.c - suite map: the municipalities' topology (src/render/map.c).
 * A hand-made topology of two squares A and B that share one border with a
 * bend in it, and the map compiled into the program. */
#include "harness.h"
#include "render/map.h"
#include "render/chart.h"

#include <stdlib.h>
#include <string.h>

/* arc 0: the shared border (5,0)-(5,2)-(5,5); arc 1: A's other sides,
 * arc 2: B's. A is arcs 1 0, B is arcs 2 ~0. */
static const char squares[] = "# two squares\n"
			      "S 10 5\n"
			      "A 5 0 0 2 0 3\n"
			      "A 5 5 -5 0 0 -5 5 0\n"
			      "A 5 0 5 0 0 5 -5 0\n"
			      "M 00001 1 0\n"
			      "M 00002 2 -1\n";

static int has_point(const map_rings *r, double x, double y)
{
	for (int i = 0; i < r->ring_start[r->n_rings]; i++)
		if (r->xy[2 * i] == x && r->xy[2 * i + 1] == y)
			return 1;
	return 0;
}

static void test_dissolve_drops_shared_border(void)
{
	lerr e;
	map_topo *t = map_topo_parse(squares, strlen(squares), "squares", &e);
	CHECK(t != NULL);
	if (!t)
		return;
	CHECK_EQ_INT(t->n_shapes, 2);
	map_rings one, both;
	int a = map_shape(t, "00001");
	CHECK_EQ_INT(map_dissolve(t, &a, 1, &one, &e), 0);
	CHECK_EQ_INT(one.n_rings, 1);
	CHECK(has_point(&one, 5, 2)); /* A alone keeps the bend of its border */
	int ab[2] = {0, 1};
	CHECK_EQ_INT(map_dissolve(t, ab, 2, &both, &e), 0);
	CHECK_EQ_INT(both.n_rings, 1);
	CHECK(!has_point(&both, 5, 2)); /* together: the inner border is gone */
	CHECK_EQ_INT(both.ring_start[1], 7); /* six corners, closed */
	CHECK(both.box[0] == 0 && both.box[1] == 0 && both.box[2] == 10 && both.box[3] == 5);
	map_rings_free(&one);
	map_rings_free(&both);
	map_topo_free(t);
}

static void test_parse_errors(void)
{
	lerr e;
	static const char one_point[] = "S 10 5\nA 5 0\n";
	CHECK(map_topo_parse(one_point, strlen(one_point), "bad.map", &e) == NULL);
	CHECK(strstr(e.msg, "bad.map:2:") != NULL);
	static const char bad_arc[] = "S 10 5\nA 5 0 1 1\nM 00001 3\n";
	CHECK(map_topo_parse(bad_arc, strlen(bad_arc), "bad.map", &e) == NULL);
	CHECK(strstr(e.msg, "bad.map:3: expected the number of an arc") != NULL);
}

/* The shipped map: the 300 municipalities of 2019; each border is one arc
 * (used by at most two shapes, so simplifying it moved both sides alike);
 * each shape, a province and all of Flanders close into rings. */
static void test_shipped_map(void)
{
	lerr e;
	map_topo *t = map_topo_load(&e);
	CHECK(t != NULL);
	if (!t)
		return;
	CHECK_EQ_INT(t->n_shapes, 300);
	int *uses = calloc((size_t)t->n_arcs, sizeof *uses), worst = 0;
	for (int k = 0; k < t->shape_start[t->n_shapes]; k++)
		if (t->refs[k] != MAP_RING) {
			int a = t->refs[k] < 0 ? ~t->refs[k] : t->refs[k];
			if (++uses[a] > worst)
				worst = uses[a];
		}
	free(uses);
	CHECK(worst <= 2);
	int all[300], n_wvl = 0, wvl[300];
	for (int i = 0; i < t->n_shapes; i++) {
		all[i] = i;
		map_rings r;
		CHECK_EQ_INT(map_dissolve(t, &i, 1, &r, &e), 0);
		map_rings_free(&r);
		if (t->code[i][0] == '3')
			wvl[n_wvl++] = i;
	}
	map_rings r;
	CHECK_EQ_INT(n_wvl, 64);
	CHECK_EQ_INT(map_dissolve(t, wvl, n_wvl, &r, &e), 0);
	int wvl_rings = r.n_rings;
	map_rings_free(&r);
	CHECK(wvl_rings >= 1 && wvl_rings <= 3);
	/* the mergers of 2025 (data/ref/successions.csv) make one shape each */
	static const char *const merged[][3] = {{"11002", "11007", NULL}, {"23023", "23024", "23032"},
						{"11056", "46003", "46013"}, {"71022", "73040", NULL}};
	for (int g = 0; g < 4; g++) {
		int sh[3], n = 0;
		for (int k = 0; k < 3 && merged[g][k]; k++)
			sh[n++] = map_shape(t, merged[g][k]);
		CHECK(sh[0] >= 0 && sh[1] >= 0);
		CHECK_EQ_INT(map_dissolve(t, sh, n, &r, &e), 0);
		CHECK_EQ_INT(r.n_rings, 1);
		map_rings_free(&r);
	}
	CHECK_EQ_INT(map_dissolve(t, all, t->n_shapes, &r, &e), 0);
	CHECK(r.n_rings < 20); /* Flanders, Baarle-Hertog's enclaves, Voeren, the hole of Brussels */
	map_rings_free(&r);
	map_topo_free(t);
}

/* A hidden value is hatched and never printed: not in the drawing, its
 * tooltips or the ranking; the other square gets a colour. */
static void test_hidden_is_hatched(void)
{
	lerr e;
	map_topo *t = map_topo_parse(squares, strlen(squares), "squares", &e);
	CHECK(t != NULL);
	if (!t)
		return;
	int a = 0, b = 1;
	chart_map_unit u[2] = {{"A", &a, 1, {123.4, 1, CALC_CONFIDENTIAL}, 0, "10001"}, {"B", &b, 1, {56.7, 1, 0}, 1, "10002"}};
	chart_map_in in = {t, u, 2, NULL, 0, "map", "two squares", "per 1.000", "per 1.000", "per 1,000",
			   0, 1, "Vlaams Gewest", {60, 1, 0}, NULL, 0};
	chart *c = chart_map("m", &in, &e);
	CHECK(c != NULL);
	if (!c) {
		map_topo_free(t);
		return;
	}
	int hatched = 0, coloured = 0;
	for (int i = 0; i < c->n; i++) {
		const chart_item *it = &c->items[i];
		if (it->kind == CHART_PATH && it->text) {
			hatched += it->fill == CHART_HATCH;
			coloured += it->fill != CHART_HATCH && it->fill != CHART_NONE;
		}
		CHECK(!it->text || !strstr(it->text, "123"));
	}
	CHECK_EQ_INT(hatched, 1);
	CHECK_EQ_INT(coloured, 1);
	buf svg = BUF_INIT;
	chart_svg(&svg, c, 1);
	CHECK(strstr(svg.ptr, "fill=\"url(#m-hatch)\"") != NULL);
	CHECK(strstr(svg.ptr, "123") == NULL);
	CHECK_EQ_STR(c->data->cells[0].text, "B"); /* the ranking: shown values first */
	CHECK_EQ_STR(c->row_codes[0], "10002");     /* its rows' areas, for the page's links */
	CHECK_EQ_STR(c->row_codes[1], "10001");
	CHECK_EQ_INT(c->current_row, 1);            /* B is the page's own area */
	CHECK(c->data->cells[3 + 1].kind == CELL_NULL && (c->data->cells[3 + 1].flags & CALC_CONFIDENTIAL));
	buf_release(&svg);
	chart_free(c);
	map_topo_free(t);
}

void suite_map(void)
{
	RUN(test_hidden_is_hatched);
	RUN(test_dissolve_drops_shared_border);
	RUN(test_parse_errors);
	RUN(test_shipped_map);
}
