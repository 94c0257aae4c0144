/* test_pivot.c - a table of your own (render/pivot.h): reading the
 * parameters (lists, repeats, levels, defaults, every refusal naming its
 * parameter), the query string that asks for the same table again, and
 * the pivot of the demo's protected cube (values, hidden cells, shape). */
#include "harness.h"
#include "fixture.h"
#include "render/pivot.h"

#include <stdlib.h>
#include <string.h>

static const int avail[] = {2016, 2017};

static int parse(const model *m, const pvt_param *p, int n, arena *mem, pvt_spec *sp, lerr *e)
{
	return pvt_parse(m, p, n, avail, 2, 0, mem, sp, e);
}

static void test_pivot_defaults(const model *m)
{
	arena mem;
	arena_init(&mem);
	pvt_spec sp;
	lerr e;
	CHECK_EQ_INT(parse(m, NULL, 0, &mem, &sp, &e), 0);
	CHECK_EQ_INT(sp.areas[0], m->flanders);
	CHECK_EQ_INT(sp.n_areas, 1 + m->areas[m->flanders].n_children);
	CHECK_EQ_INT(sp.n_years, 1);
	CHECK_EQ_INT(sp.years[0], 2017); /* the last year holding figures */
	CHECK_EQ_INT(sp.nodes[0], m->headline);
	CHECK_EQ_INT(sp.n_nodes, 5); /* the headline and rungs 5, 4, 3, 6 */
	CHECK_EQ_INT(sp.n_measures, 1);
	CHECK_EQ_INT(sp.measures[0], PVT_PERSONS);
	CHECK_EQ_INT(sp.rows, PVT_AREA);
	CHECK_EQ_INT(sp.cols, PVT_FORM);
	CHECK(sp.edition == NULL);
	arena_release(&mem);
}

static void test_pivot_lists(const model *m)
{
	arena mem;
	arena_init(&mem);
	pvt_spec sp;
	lerr e;
	/* repeated names (a multiple select) and comma lists both add; repeats go */
	pvt_param p[] = {{"area", "30000, 31000"}, {"area", "31000"}, {"year", "2017,2016"}, {"form", "trede3"},
			 {"measure", "share"}, {"measure", "persons,share"}, {"rows", "year"}, {"cols", "area"},
			 {"edition", "2018"}, {"unknown", "kept out"}};
	CHECK_EQ_INT(parse(m, p, 10, &mem, &sp, &e), 0);
	CHECK_EQ_INT(sp.n_areas, 2);
	CHECK_EQ_STR(m->areas[sp.areas[1]].code, "31000");
	CHECK_EQ_INT(sp.n_years, 2);
	CHECK_EQ_INT(sp.years[0], 2016); /* ascending */
	CHECK_EQ_INT(sp.n_measures, 2);
	CHECK_EQ_INT(sp.measures[0], PVT_SHARE);
	CHECK_EQ_INT(sp.rows, PVT_YEAR);
	CHECK_EQ_INT(sp.cols, PVT_AREA);
	CHECK_EQ_STR(sp.edition, "2018");
	/* the query string asks for the same table again */
	buf q = BUF_INIT;
	pvt_query_string(&q, m, &sp);
	CHECK_EQ_STR(buf_cstr(&q), "area=30000,31000&year=2016,2017&form=trede3&measure=share,persons&rows=year&cols=area&edition=2018");
	buf_release(&q);
	/* level and within: the arrondissements of West-Vlaanderen after the named area */
	pvt_param l[] = {{"area", "30000"}, {"level", "arrondissement"}, {"within", "30000"}, {"from", "2016"}, {"to", "2017"}};
	CHECK_EQ_INT(parse(m, l, 5, &mem, &sp, &e), 0);
	CHECK_EQ_INT(sp.n_listed, 1);
	CHECK_EQ_INT(sp.n_areas, 9);
	CHECK_EQ_INT(sp.n_years, 2);
	for (int i = 1; i < sp.n_areas; i++)
		CHECK(m->areas[sp.areas[i]].level == LEVEL_ARRONDISSEMENT && m->areas[sp.areas[i]].parent == sp.areas[0]);
	pvt_query_string(&q, m, &sp);
	CHECK_EQ_STR(buf_cstr(&q), "area=30000&level=arrondissement&within=30000&year=2016,2017&form=totaal,trede5,trede4,trede3,trede6&measure=persons&rows=area&cols=form");
	buf_release(&q);
	/* within alone: the areas right under it */
	pvt_param w[] = {{"within", "31000"}};
	CHECK_EQ_INT(parse(m, w, 1, &mem, &sp, &e), 0);
	CHECK(sp.n_areas > 1);
	for (int i = 0; i < sp.n_areas; i++)
		CHECK_EQ_STR(m->areas[m->areas[sp.areas[i]].parent].code, "31000");
	arena_release(&mem);
}

/* Each refusal names its parameter first, in the reader's language. */
static void refused(const model *m, pvt_param p, int code, const char *starts, int en)
{
	arena mem;
	arena_init(&mem);
	pvt_spec sp;
	lerr e;
	lerr_clear(&e);
	CHECK_EQ_INT(pvt_parse(m, &p, 1, avail, 2, en, &mem, &sp, &e), code);
	if (strncmp(e.msg, starts, strlen(starts)) != 0)
		unit_fail(__FILE__, __LINE__, "%s=%s: '%s' does not start with '%s'", p.name, p.value, e.msg, starts);
	arena_release(&mem);
}

static void test_pivot_refusals(const model *m)
{
	refused(m, (pvt_param){"rows", "colour"}, LERR_USAGE, "rows: 'colour' is geen van area, year, form, measure", 0);
	refused(m, (pvt_param){"cols", "area"}, LERR_USAGE, "rows en cols: kies twee verschillende", 0);
	refused(m, (pvt_param){"measure", "mean"}, LERR_USAGE, "measure: 'mean' is not one of persons, share", 1);
	refused(m, (pvt_param){"year", "2017x"}, LERR_USAGE, "year: verwacht een jaar", 0);
	refused(m, (pvt_param){"from", "2016"}, LERR_USAGE, "to: expected a year", 1);
	refused(m, (pvt_param){"level", "town"}, LERR_USAGE, "level: 'town'", 0);
	refused(m, (pvt_param){"area", "Atlantis"}, LERR_NOTFOUND, "area: ", 0);
	refused(m, (pvt_param){"within", "Atlantis"}, LERR_NOTFOUND, "within: ", 0);
	refused(m, (pvt_param){"form", "trede9"}, LERR_NOTFOUND, "form: geen werkvorm of trede 'trede9'", 0);
	/* every municipality, every work form, persons and shares: too big */
	refused(m, (pvt_param){"level", "municipality"}, 0, "", 0);
	arena mem;
	arena_init(&mem);
	pvt_spec sp;
	lerr e;
	buf forms = BUF_INIT;
	for (int i = 0; i < m->n_nodes; i++)
		buf_printf(&forms, "%s%s", i ? "," : "", m->nodes[i].code);
	pvt_param big[] = {{"level", "municipality"}, {"form", buf_cstr(&forms)}, {"measure", "persons,share"}};
	CHECK_EQ_INT(parse(m, big, 3, &mem, &sp, &e), LERR_USAGE);
	CHECK(strstr(e.msg, "hoogstens 10000") != NULL);
	buf_release(&forms);
	arena_release(&mem);
}

static const rnd_cell *cell(const rnd_table *t, const char *row0, const char *row1, int col)
{
	for (int r = 0; r < t->n_rows; r++) {
		const rnd_cell *c = &t->cells[(size_t)r * (size_t)t->n_cols];
		if (strcmp(c[0].text, row0) == 0 && (!row1 || strcmp(c[1].text, row1) == 0))
			return &c[col];
	}
	return NULL;
}

/* The demo's cube: West-Vlaanderen 2017 as `show` has it (56.721), a hidden
 * count (starterslabo in 31003, 2017) hidden with its share and change and
 * its number gone, and the rows nested when a third dimension has several
 * values. */
static void test_pivot_cube(store *s, const model *m)
{
	arena mem;
	arena_init(&mem);
	pvt_spec sp;
	lerr e;
	pvt_param p[] = {{"area", "30000,31003"}, {"form", "totaal,starterslabo"}, {"year", "2016,2017"},
			 {"measure", "persons,share,change"}, {"rows", "area"}, {"cols", "year"}};
	CHECK_EQ_INT(parse(m, p, 6, &mem, &sp, &e), 0);
	pvt_cube *c = pvt_cube_new(s, m, &sp, &e);
	CHECK(c != NULL);
	if (!c) {
		arena_release(&mem);
		return;
	}
	CHECK_EQ_STR(c->edition[1], "2018");
	calc_value v = pvt_get(c, 0, 1, 0, 0);
	CHECK(v.known);
	CHECK_NEAR(v.v, 56721, 0);
	CHECK_NEAR(pvt_get(c, 2, 1, 0, 0).v, 56721 - pvt_get(c, 0, 0, 0, 0).v, 0); /* change on 2016 */
	CHECK_NEAR(pvt_get(c, 1, 1, 0, 0).v, 100, 1e-9);                          /* the headline is the ladder */
	for (int mi = 0; mi < 3; mi++) {
		calc_value h = pvt_get(c, mi, 1, 1, 1);
		CHECK(h.flags & CALC_CONFIDENTIAL);
		CHECK_NEAR(h.v, 0, 0); /* no hidden number in the cube */
	}
	CHECK(c->flags & CALC_CONFIDENTIAL);
	rnd_table *t = pvt_table(c);
	/* rows: area x form x measure; columns: the three labels, 2016, 2017 */
	CHECK_EQ_INT(t->n_rows, 2 * 2 * 3);
	CHECK_EQ_INT(t->n_cols, 3 + 2);
	CHECK_EQ_STR(t->cols[0].label_nl, "Gebied");
	CHECK_EQ_STR(t->cols[4].label_nl, "2017");
	const rnd_cell *x = cell(t, "West-Vlaanderen", NULL, 4);
	CHECK(x && x->kind == CELL_COUNT && x->num == 56721);
	int hidden = 0;
	for (int r = 0; r < t->n_rows; r++) {
		const rnd_cell *row = &t->cells[(size_t)r * (size_t)t->n_cols];
		if (strstr(row[1].text, "Starterslabo") && strcmp(row[0].text, "West-Vlaanderen") != 0) {
			CHECK(row[4].kind == CELL_NULL && (row[4].flags & CALC_CONFIDENTIAL));
			hidden++;
		}
	}
	CHECK_EQ_INT(hidden, 3);
	CHECK(strstr(t->title, "2018") != NULL);
	buf j = BUF_INIT;
	pvt_jsonstat(&j, c);
	CHECK(strstr(buf_cstr(&j), "\"metric\": [\"measure\"]") != NULL);
	CHECK(strstr(buf_cstr(&j), "\"2017\": \"2018\"") != NULL);
	buf_release(&j);
	rnd_table_free(t);
	pvt_cube_free(c);
	arena_release(&mem);
}

static void test_pivot(void)
{
	model *m;
	store *s = unit_demo_model(&m);
	if (!s)
		return;
	if (m) {
		test_pivot_defaults(m);
		test_pivot_lists(m);
		test_pivot_refusals(m);
		test_pivot_cube(s, m);
		model_free(m);
	}
	store_close(s);
}

void suite_pivot(void)
{
	RUN(test_pivot);
}
