/* test_geo.c - suite geo: the geography through time in the model
 * (model_area_version, model_set_map, successions, model_day_before) on a
 * small hand-made map: province P with arrondissements A and B; a and b
 * (in A) merge into c (in B) on 2019-01-01; d (in B) absorbs e (in B) on
 * 2025-01-01 and keeps its code. */
#include "harness.h"
#include "model/model.h"
#include "fixture.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

static int add(model *m, const char *code, enum model_level lv, const char *parent, const char *from, const char *to)
{
	model_area a = {0};
	a.code = code;
	a.name_nl = code;
	a.level = lv;
	a.parent = parent ? model_area_index(m, parent) : -1;
	a.valid_from = from;
	a.valid_to = to;
	return model_add_area(m, &a);
}

static void succeed(model *m, const char *from, const char *to, const char *date)
{
	model_succession s = {model_area_index(m, from), model_area_index(m, to), date, 1};
	model_add_succession(m, &s);
}

static model *small_map(void)
{
	model *m = model_new();
	model_reserve(m, 0, 9, 0);
	add(m, "R", LEVEL_REGION, NULL, "", "");
	add(m, "P", LEVEL_PROVINCE, "R", "", "");
	add(m, "A", LEVEL_ARRONDISSEMENT, "P", "", "");
	add(m, "B", LEVEL_ARRONDISSEMENT, "P", "", "");
	add(m, "a", LEVEL_MUNICIPALITY, "A", "1977-01-01", "2018-12-31");
	add(m, "b", LEVEL_MUNICIPALITY, "A", "1977-01-01", "2018-12-31");
	add(m, "c", LEVEL_MUNICIPALITY, "B", "2019-01-01", "");
	add(m, "d", LEVEL_MUNICIPALITY, "B", "1977-01-01", "");
	add(m, "e", LEVEL_MUNICIPALITY, "B", "1977-01-01", "2024-12-31");
	/* in date order, as the store loads them */
	succeed(m, "a", "c", "2019-01-01");
	succeed(m, "b", "c", "2019-01-01");
	succeed(m, "d", "d", "2025-01-01");
	succeed(m, "e", "d", "2025-01-01");
	model_link(m);
	return m;
}

static void test_day_before(void)
{
	char d[11];
	model_day_before("2019-01-01", d);
	CHECK_EQ_STR(d, "2018-12-31");
	model_day_before("2024-03-01", d);
	CHECK_EQ_STR(d, "2024-02-29");
	model_day_before("1900-03-01", d);
	CHECK_EQ_STR(d, "1900-02-28");
	model_day_before("2025-07-15", d);
	CHECK_EQ_STR(d, "2025-07-14");
}

static void check_version(const model *m, const char *code, int year, const char *from, const char *to)
{
	model_version v;
	int rc = model_area_version(m, model_area_index(m, code), year, &v);
	CHECK_EQ_INT(rc, 0);
	if (rc == 0) {
		CHECK_EQ_STR(v.valid_from, from);
		CHECK_EQ_STR(v.valid_to, to);
	}
}

static void test_versions(void)
{
	model *m = small_map();
	/* A loses a and b in 2019, B gains c; P keeps its territory */
	check_version(m, "A", 2018, "", "2018-12-31");
	check_version(m, "A", 2019, "2019-01-01", "");
	check_version(m, "B", 2018, "", "2018-12-31");
	check_version(m, "B", 2024, "2019-01-01", "");
	check_version(m, "P", 2025, "", "");
	/* d keeps its code over the merger with e: two versions; c one */
	check_version(m, "d", 2024, "1977-01-01", "2024-12-31");
	check_version(m, "d", 2025, "2025-01-01", "");
	check_version(m, "d", 0, "2025-01-01", "");
	check_version(m, "c", 2030, "2019-01-01", "");
	model_version v;
	CHECK_EQ_INT(model_area_version(m, model_area_index(m, "a"), 2019, &v), -1);
	CHECK_EQ_INT(model_area_version(m, model_area_index(m, "c"), 2018, &v), -1);
	model_free(m);
}

static void test_maps(void)
{
	model *m = small_map();
	int A = model_area_index(m, "A"), B = model_area_index(m, "B");
	CHECK_EQ_INT(m->map_year, 0); /* today's: c and d */
	CHECK_EQ_INT(m->areas[A].n_children, 0);
	CHECK_EQ_INT(m->areas[B].n_children, 2);
	model_set_map(m, 2018);
	CHECK_EQ_INT(m->areas[A].n_children, 2);
	CHECK_EQ_INT(m->areas[B].n_children, 2); /* d and e */
	model_set_map(m, 2019);
	CHECK_EQ_INT(m->areas[A].n_children, 0);
	CHECK_EQ_INT(m->areas[B].n_children, 3); /* c, d, e */
	CHECK_EQ_INT(m->areas[model_area_index(m, "P")].n_children, 2);
	model_free(m);
}

static void test_successions(void)
{
	model *m = small_map();
	const model_succession *s = model_area_successor(m, model_area_index(m, "a"));
	CHECK(s && s->to == model_area_index(m, "c") && !strcmp(s->effective, "2019-01-01"));
	CHECK(model_area_successor(m, model_area_index(m, "d")) == NULL); /* d continues */
	int pred[4];
	CHECK_EQ_INT(model_area_predecessors(m, model_area_index(m, "c"), "2019-01-01", pred, 4), 2);
	CHECK_EQ_INT(model_area_predecessors(m, model_area_index(m, "d"), "2025-01-01", pred, 4), 1);
	CHECK_EQ_INT(pred[0], model_area_index(m, "e"));
	model_free(m);
}

/* model_link's territory index gives model_map_targets what asking every
 * succession gives, on the shipped geography (the mergers of 2019 and
 * 2025, territory moved between arrondissements and provinces): every
 * year since 1977 onto every map, today's too. */
static void test_territory_index(void)
{
	model *m;
	store *s = unit_ref_model(&m);
	if (!m) {
		store_close(s);
		return;
	}
	CHECK(m->terr_bits != NULL);
	CHECK(m->n_terr_days >= 2);
	size_t n = (size_t)m->n_areas + 1;
	int *t1 = xmalloc(n * sizeof *t1), *t2 = xmalloc(n * sizeof *t2), *p1 = xmalloc(n * sizeof *p1),
	    *p2 = xmalloc(n * sizeof *p2);
	unsigned char *r1 = xmalloc(n), *r2 = xmalloc(n);
	static const int maps[] = {1977, 2018, 2019, 2024, 2025, 0};
	int differ = 0, remapped = 0;
	for (size_t k = 0; k < sizeof maps / sizeof maps[0]; k++) {
		model_set_map(m, maps[k]);
		for (int year = 1977; year <= 2030; year++) {
			int a = model_map_targets(m, year, t1, r1, p1);
			unsigned long long *bits = m->terr_bits;
			m->terr_bits = NULL; /* the slow way */
			int b = model_map_targets(m, year, t2, r2, p2);
			m->terr_bits = bits;
			remapped += a;
			size_t na = (size_t)m->n_areas;
			differ += a != b || memcmp(t1, t2, na * sizeof *t1) || memcmp(r1, r2, na) ||
				  memcmp(p1, p2, na * sizeof *p1);
		}
	}
	CHECK_EQ_INT(differ, 0);
	CHECK(remapped > 0); /* the maps do differ */
	free(t1), free(t2), free(p1), free(p2), free(r1), free(r2);
	model_free(m);
	store_close(s);
}

void suite_geo(void)
{
	RUN(test_territory_index);
	RUN(test_day_before);
	RUN(test_versions);
	RUN(test_maps);
	RUN(test_successions);
}
