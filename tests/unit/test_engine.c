/* test_engine.c - suites model, store and engine on a small hand-made
 * geography: region 1 > province 10 > arrondissements 11, 12 > municipalities
 * 111, 112 (in 11) and 121 (in 12); a grouping g of 112 and 121. */
#include "harness.h"
#include "fixture.h"
#include "engine/calc.h"
#include "engine/check.h"
#include "store/import.h"
#include "store/store_impl.h" /* store_exec: break a store on purpose */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char rungs_csv[] =
	"rung,name_nl,name_en,place,in_headline\n"
	"6,Betaald werk,Paid work,employment,0\n5,Betaald werk met ondersteuning,Paid work with support,employment,1\n"
	"4,Tijdelijke trajecten,Temporary trajectories,participation,1\n3,Arbeidsmatig,Work-like,participation,1\n"
	"2,Sociaal,Social,none,0\n1,Thuis,Home,none,0\n";
static const char areas_csv[] =
	"code,name_nl,level,parent\n"
	"1,Gewest,region,\n10,Provincie,province,1\n11,Brugge,arrondissement,10\n12,Ieper,arrondissement,10\n"
	"111,Brugge,municipality,11\n112,Damme,municipality,11\n121,Ieper,municipality,12\n";
static const char catalog_csv[] =
	"code,name_nl,rung,subcategory,valid_from,valid_to\n"
	"f4a,Vorm A,4,,,\nf4b,Vorm B,4,,2018-01-01,\nc5,Collectief,5,collectief,,2016-12-31\n";
static const char indicators_csv[] = "code,name_nl,unit\nwage_employees,Loontrekkenden,persons\n";
static const char groups_csv[] = "group,name_nl,member\ng,Groep,112\ng,Groep,121\n";

static int load(store *s, const char *name, const char *csv, imp_report *r)
{
	imp_options o = {0};
	int rc = imp_run_mem(s, name, csv, strlen(csv), &o, r);
	return rc;
}

static store *fixture(void)
{
	return unit_store(rungs_csv, areas_csv, catalog_csv, indicators_csv, groups_csv);
}

/* A name that starts with a level word is still a name (found by
 * fuzz_area): "Regio Damme" is a grouping, though "regio" is the grouping
 * level's word; "regio Groep" still narrows by level. */
static void test_model_lookup_level_word_in_name(void)
{
	store *s = unit_store(rungs_csv, areas_csv, catalog_csv, indicators_csv,
			      "group,name_nl,member\ng,Regio Damme,112\nh,Groep,121\n");
	lerr e;
	model *m = store_load_model(s, &e);
	CHECK(m != NULL);
	CHECK_EQ_INT(model_find_area(m, "Regio Damme", &e), model_area_index(m, "g"));
	CHECK_EQ_INT(model_find_area_msg(m, "regio damme", 0, &e), model_area_index(m, "g"));
	CHECK_EQ_INT(model_find_area(m, "regio Groep", &e), model_area_index(m, "h"));
	CHECK_EQ_INT(model_find_area(m, "gemeente Groep", &e), -1);
	CHECK_EQ_INT(e.code, LERR_NOTFOUND);
	CHECK(strstr(e.msg, "'gemeente Groep'") != NULL);
	model_free(m);
	store_close(s);
}

static calc_value cell(store *s, model *m, const char *edition, int year, const char *area, const char *node)
{
	lerr e;
	int ed = 0;
	CHECK_EQ_INT(store_edition(s, edition, 0, &ed, &e), 0);
	calc_grid *g = calc_grid_load(s, m, ed, year, &e);
	calc_value v = calc_grid_get(g, model_area_index(m, area), model_node_index(m, node));
	calc_grid_free(g);
	return v;
}

static void test_model_lookup(void)
{
	store *s = fixture();
	lerr e;
	model *m = store_load_model(s, &e);
	CHECK(m != NULL);
	CHECK_EQ_INT(model_find_area(m, "Brugge", &e), -1);
	CHECK_EQ_INT(e.code, LERR_AMBIGUOUS);
	CHECK(strstr(e.msg, "111") && strstr(e.msg, "11)"));
	CHECK_EQ_INT(model_find_area(m, "gemeente brugge", &e), model_area_index(m, "111"));
	CHECK_EQ_INT(model_find_area(m, "arrondissement Brugge", &e), model_area_index(m, "11"));
	CHECK_EQ_INT(model_find_area(m, "Damme", &e), model_area_index(m, "112"));
	CHECK_EQ_INT(model_find_area(m, "Nergens", &e), -1);
	CHECK_EQ_INT(e.code, LERR_NOTFOUND);
	/* the tree: forms hang under rungs or subcategories, rungs under the headline */
	const model_node *c5 = &m->nodes[model_node_index(m, "c5")];
	CHECK_EQ_STR(m->nodes[c5->parent].code, "trede5.collectief");
	CHECK_EQ_STR(m->nodes[m->nodes[c5->parent].parent].code, "trede5");
	CHECK_EQ_INT(m->nodes[m->rung_node[4]].parent, m->headline);
	CHECK_EQ_INT(m->nodes[m->rung_node[6]].parent, -1);
	/* validity */
	const model_node *f4b = &m->nodes[model_node_index(m, "f4b")];
	CHECK(!model_node_valid_in_year(f4b, 2017));
	CHECK(model_node_valid_in_year(f4b, 2018));
	CHECK(model_node_valid_in_year(c5, 2016));
	CHECK(!model_node_valid_in_year(c5, 2017));
	/* groupings list their members */
	const model_area *g = &m->areas[model_area_index(m, "g")];
	CHECK_EQ_INT(g->level, LEVEL_GROUPING);
	CHECK_EQ_INT(g->n_children, 2);
	model_free(m);
	store_close(s);
}

static void test_rollup_and_gaps(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv",
			     "year,area,work_form,persons,edition,flag\n"
			     "2017,10,trede4,100,2018,\n" /* reported total above its parts */
			     "2017,111,f4a,10,2018,synthetic\n2017,112,f4a,20,2018,\n2017,121,f4a,15,2018,\n"
			     "2017,111,f4b,5,2018,\n2017,112,f4b,5,2018,\n" /* 121 has no f4b: 12 incomplete */
			     "2017,12,trede3,7,2018,\n2017,121,trede3,9,2018,\n" /* reported 7 vs parts 9 */
			     "2016,10,totaal,90,2018,\n2016,10,totaal,80,2017,\n"),
		     0);
	lerr e;
	model *m = store_load_model(s, &e);
	/* area roll-up needs every sub-area: f4a complete, f4b not */
	calc_value a = cell(s, m, "2018", 2017, "10", "f4a");
	CHECK(a.known);
	CHECK_NEAR(a.v, 45, 0);
	CHECK(a.flags & CALC_SYNTHETIC);
	CHECK(a.flags & CALC_ROLLED_UP);
	CHECK(!cell(s, m, "2018", 2017, "10", "f4b").known);
	CHECK(cell(s, m, "2018", 2017, "11", "f4b").known);
	/* the reported total wins over its parts */
	CHECK_NEAR(cell(s, m, "2018", 2017, "10", "trede4").v, 100, 0);
	/* a reported figure wins over its sub-areas */
	CHECK_NEAR(cell(s, m, "2018", 2017, "12", "trede3").v, 7, 0);
	/* a grouping adds up its members */
	calc_value g = cell(s, m, "2018", 2017, "g", "f4a");
	CHECK(g.known);
	CHECK_NEAR(g.v, 35, 0);
	/* unknown is never zero */
	CHECK(!cell(s, m, "2018", 2017, "111", "c5").known);

	int ai = model_area_index(m, "10");
	calc_ladder *l = calc_ladder_new(s, m, ai, 2017, NULL, &e);
	CHECK(l != NULL);
	CHECK_EQ_STR(l->edition_code, "2018");
	CHECK_NEAR(l->rung[4].v, 100, 0);
	int gap = 0;
	for (int i = 0; i < l->n_forms; i++)
		if (l->forms[i].not_specified) {
			gap++;
			CHECK_NEAR(l->forms[i].persons.v, 55, 0); /* 100 - f4a 45 (f4b unknown) */
		}
	CHECK_EQ_INT(gap, 1);
	/* total = rung 3 (rolled up from 12 only? no: 11 unknown) + rung 4 */
	CHECK(l->total.known);
	CHECK_NEAR(l->total.v, 100, 0);
	/* change on the previous year within edition 2018: 90 -> 100 */
	CHECK_NEAR(l->change_abs.v, 10, 1e-9);
	CHECK_NEAR(l->change_pct.v, 100.0 / 9.0, 1e-9);
	CHECK(!l->wage_employees.known);
	CHECK(!l->rung[6].known);
	calc_ladder_free(l);
	/* edition 2017 keeps its own 2016 */
	l = calc_ladder_new(s, m, ai, 2016, "2017", &e);
	CHECK_NEAR(l->total.v, 80, 0);
	calc_ladder_free(l);
	l = calc_ladder_new(s, m, ai, 2016, NULL, &e);
	CHECK_NEAR(l->total.v, 90, 0);
	calc_ladder_free(l);
	CHECK(calc_ladder_new(s, m, ai, 2016, "1999", &e) == NULL);
	CHECK_EQ_INT(e.code, LERR_NOTFOUND);
	/* the arrondissement 12 note: reported 7, sub-areas 9 */
	l = calc_ladder_new(s, m, model_area_index(m, "12"), 2017, NULL, &e);
	CHECK_EQ_INT(l->n_notes, 1);
	CHECK(l->n_notes == 1 && l->notes[0].by_area && !l->notes[0].confidential && l->notes[0].reported == 7 &&
	      l->notes[0].parts == 9);
	calc_ladder_free(l);
	model_free(m);
	store_close(s);
}

static int count(store *s, const char *table)
{
	int n = -1;
	lerr e;
	CHECK_EQ_INT(store_count(s, table, &n, &e), 0);
	return n;
}

static void test_import_all_or_nothing(void)
{
	store *s = fixture();
	int batches = count(s, "batch");
	imp_report r;
	/* good rows, then one bad: nothing stays */
	CHECK(load(s, "bad.csv", "year,area,work_form,persons,edition\n2017,111,f4a,1,2018\n2017,111,f4b,x,2018\n", &r) < 0);
	CHECK_EQ_INT(r.n_errors, 1);
	CHECK(strstr(buf_cstr(&r.errors), "bad.csv:3:14: kolom 'persons'") != NULL);
	imp_report_release(&r);
	CHECK_EQ_INT(count(s, "figure"), 0);
	CHECK_EQ_INT(count(s, "batch"), batches);
	CHECK_EQ_INT(count(s, "edition"), 0);
	/* again: the same content twice changes nothing the second time */
	const char *ok = "year,area,work_form,persons,edition\n2017,111,f4a,1,2018\n";
	CHECK_EQ_INT(load(s, "ok.csv", ok, &r), 0);
	CHECK_EQ_INT(r.files[0].inserted, 1);
	imp_report_release(&r);
	CHECK_EQ_INT(load(s, "ok-again.csv", "area;year;persons;work_form;edition\r\n111;2017;1;f4a;2018\r\n", &r), 0);
	CHECK_EQ_INT(r.files[0].inserted, 0);
	CHECK_EQ_INT(r.files[0].unchanged, 1);
	CHECK_EQ_INT(r.files[0].batch, 0);
	imp_report_release(&r);
	CHECK_EQ_INT(count(s, "batch"), batches + 1);
	/* a contradicting figure is refused unless replace */
	const char *changed = "year,area,work_form,persons,edition\n2017,111,f4a,2,2018\n";
	CHECK(load(s, "changed.csv", changed, &r) < 0);
	CHECK(strstr(buf_cstr(&r.errors), "verschilt van het opgeslagen cijfer") != NULL); /* Dutch by default */
	imp_report_release(&r);
	imp_options o = {0};
	o.replace = 1;
	CHECK_EQ_INT(imp_run_mem(s, "changed.csv", changed, strlen(changed), &o, &r), 0);
	CHECK_EQ_INT(r.files[0].replaced, 1);
	imp_report_release(&r);
	/* a duplicate key inside one file names the first line */
	CHECK(load(s, "dup.csv", "year,area,work_form,persons,edition\n2018,111,f4a,1,2018\n2018,111,f4a,1,2018\n", &r) < 0);
	CHECK(strstr(buf_cstr(&r.errors), "staat al op regel 2") != NULL);
	imp_report_release(&r);
	store_close(s);
}

/* Every cell, gap and difference of two grids, as shown. */
static void check_same_grid(calc_grid *a, calc_grid *b, const model *m)
{
	for (int ai = 0; ai < m->n_areas; ai++)
		for (int n = 0; n < m->n_nodes; n++) {
			calc_value x = calc_grid_get(a, ai, n), y = calc_grid_get(b, ai, n);
			calc_value gx = calc_grid_gap(a, ai, n), gy = calc_grid_gap(b, ai, n);
			calc_value rx = {0, 0, 0}, ry = {0, 0, 0};
			int hx = calc_grid_reported(a, ai, n, &rx), hy = calc_grid_reported(b, ai, n, &ry);
			if (x.known != y.known || x.v != y.v || x.flags != y.flags || gx.known != gy.known || gx.v != gy.v ||
			    gx.flags != gy.flags || hx != hy || rx.v != ry.v || rx.flags != ry.flags)
				unit_fail(__FILE__, __LINE__, "cell %s/%s differs: %g/%d/%u vs %g/%d/%u", m->areas[ai].code,
					  m->nodes[n].code, x.v, x.known, x.flags, y.v, y.known, y.flags);
		}
	const calc_diff *da, *db;
	int na = calc_grid_diffs(a, &da), nb = calc_grid_diffs(b, &db);
	CHECK_EQ_INT(na, nb);
	for (int i = 0; i < na && i < nb; i++)
		CHECK(da[i].area == db[i].area && da[i].node == db[i].node && da[i].reported == db[i].reported &&
		      da[i].parts == db[i].parts && da[i].by_area == db[i].by_area && da[i].flags == db[i].flags);
}

static calc_grid *open_grid(store *s, const model *m, int year, int unprotected)
{
	lerr e;
	calc_protect_opts o;
	CHECK_EQ_INT(calc_protect_opts_load(s, &o, &e), 0);
	o.unprotected = unprotected;
	int ed;
	CHECK_EQ_INT(calc_edition_id(s, NULL, year, &ed, &e), 0);
	calc_grid *g = calc_grid_open(s, m, ed, year, &o, &e);
	CHECK(g != NULL);
	return g;
}

/* The grid cache gives back exactly what it was given, and nothing stale. */
static void test_grid_cache(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv",
			     "year,area,work_form,persons,edition,flag\n"
			     "2017,10,trede4,100,2018,\n2017,111,f4a,10,2018,synthetic\n2017,112,f4a,2,2018,\n"
			     "2017,121,f4a,15,2018,estimated\n2017,111,f4b,5,2018,\n2017,112,f4b,5,2018,\n"
			     "2017,12,trede3,7,2018,\n2017,121,trede3,9,2018,\n2017,111,c5,,2018,missing\n"),
		     0);
	lerr e;
	model *m = store_load_model(s, &e);
	calc_grid *miss = open_grid(s, m, 2017, 0);
	CHECK(calc_grid_stats(miss) != NULL); /* computed: it has its disclosure table */
	CHECK_EQ_INT(count(s, "grid_cache"), 1);
	calc_grid *hit = open_grid(s, m, 2017, 0);
	CHECK(calc_grid_stats(hit) == NULL); /* read back from the cache */
	check_same_grid(miss, hit, m);
	/* the small count 2 is hidden in both */
	calc_value two = calc_grid_get(hit, model_area_index(m, "112"), model_node_index(m, "f4a"));
	CHECK(two.flags & CALC_CONFIDENTIAL);
	calc_grid_free(hit);
	/* --unprotected reads the same cached grid and hides nothing */
	hit = open_grid(s, m, 2017, 1);
	CHECK(calc_grid_stats(hit) == NULL);
	two = calc_grid_get(hit, model_area_index(m, "112"), model_node_index(m, "f4a"));
	CHECK(two.known && two.v == 2 && !(two.flags & CALC_CONFIDENTIAL));
	calc_grid_free(hit);
	/* a damaged entry is a miss, computed again and replaced */
	CHECK_EQ_INT(store_exec(s, "UPDATE grid_cache SET grid = x'6c61646772696432ff'", &e), 0);
	hit = open_grid(s, m, 2017, 0);
	CHECK(calc_grid_stats(hit) != NULL);
	check_same_grid(miss, hit, m);
	calc_grid_free(hit);
	calc_grid_free(miss);
	/* a setting changes the generation: the threshold 0 hides nothing */
	CHECK_EQ_INT(store_setting_set(s, "disclosure.threshold.municipality", "0", &e), 0);
	hit = open_grid(s, m, 2017, 0);
	CHECK(calc_grid_stats(hit) != NULL);
	two = calc_grid_get(hit, model_area_index(m, "112"), model_node_index(m, "f4a"));
	CHECK(!(two.flags & CALC_CONFIDENTIAL));
	calc_grid_free(hit);
	/* so does an import that changes a figure, and not one that changes nothing */
	long long g0, g1, g2;
	CHECK_EQ_INT(store_generation(s, &g0, &e), 0);
	CHECK_EQ_INT(unit_load(s, "same.csv", "year,area,work_form,persons,edition,flag\n2017,121,f4a,15,2018,estimated\n"), 0);
	CHECK_EQ_INT(store_generation(s, &g1, &e), 0);
	CHECK_EQ_INT(g1, g0);
	imp_options o = {0};
	o.replace = 1;
	imp_report r;
	const char *changed = "year,area,work_form,persons,edition,flag\n2017,121,f4a,16,2018,estimated\n";
	CHECK_EQ_INT(imp_run_mem(s, "changed.csv", changed, strlen(changed), &o, &r), 0);
	imp_report_release(&r);
	CHECK_EQ_INT(store_generation(s, &g2, &e), 0);
	CHECK(g2 > g1);
	hit = open_grid(s, m, 2017, 0);
	CHECK_NEAR(calc_grid_get(hit, model_area_index(m, "121"), model_node_index(m, "f4a")).v, 16, 0);
	CHECK_NEAR(calc_grid_get(hit, model_area_index(m, "12"), model_node_index(m, "f4a")).v, 16, 0);
	calc_grid_free(hit);
	/* the stamp of (2018, 2017) follows only what its grid is made of:
	 * figures of another year or a later edition leave it, figures of an
	 * earlier edition of the year (kept pattern) and a setting change it */
	int ed;
	CHECK_EQ_INT(calc_edition_id(s, NULL, 2017, &ed, &e), 0);
	buf st0 = {0}, st1 = {0};
	CHECK_EQ_INT(store_grid_stamp(s, ed, 2017, 1, &st0, &e), 0);
	CHECK_EQ_INT(unit_load(s, "y2016.csv", "year,area,work_form,persons,edition\n2016,121,f4a,3,2018\n"), 0);
	CHECK_EQ_INT(unit_load(s, "e2019.csv", "year,area,work_form,persons,edition\n2017,121,f4a,3,2019\n"), 0);
	CHECK_EQ_INT(store_grid_stamp(s, ed, 2017, 1, &st1, &e), 0);
	CHECK_EQ_STR(buf_cstr(&st1), buf_cstr(&st0));
	CHECK_EQ_INT(unit_load(s, "e2017.csv", "year,area,work_form,persons,edition\n2017,121,f4a,3,2017\n"), 0);
	CHECK_EQ_INT(store_grid_stamp(s, ed, 2017, 1, &st1, &e), 0);
	CHECK(strcmp(buf_cstr(&st1), buf_cstr(&st0)) != 0);
	CHECK_EQ_INT(store_grid_stamp(s, ed, 2017, 0, &st0, &e), 0); /* without the kept pattern: only (2018, 2017) */
	CHECK_EQ_INT(store_setting_set(s, "disclosure.threshold.municipality", "3", &e), 0);
	CHECK_EQ_INT(store_grid_stamp(s, ed, 2017, 0, &st1, &e), 0);
	CHECK(strcmp(buf_cstr(&st1), buf_cstr(&st0)) != 0);
	buf_release(&st0);
	buf_release(&st1);
	model_free(m);
	store_close(s);
}

/* The refresh takes a pair's grids on its other maps from the table its
 * first grid built (calc_grid_sibling): what it caches is what protecting
 * each map on its own gives. 2018 on old codes and 2019 on new ones: each
 * year also on the other's map (Deinze and Nevele, Lievegem and its three
 * predecessors). */
static void test_refresh_sibling_grids(void)
{
	model *m;
	store *s = unit_ref_model(&m);
	static const char figs[] = "year,area,work_form,persons,edition\n"
				   "2018,44011,maatwerkbedrijf,40,2019\n2018,44049,maatwerkbedrijf,2,2019\n"
				   "2018,44036,maatwerkbedrijf,3,2019\n2018,44072,maatwerkbedrijf,25,2019\n"
				   "2018,44080,maatwerkbedrijf,1,2019\n2018,44021,maatwerkbedrijf,300,2019\n"
				   "2018,44013,maatwerkbedrijf,2,2019\n2018,44019,maatwerkbedrijf,3,2019\n"
				   "2019,44083,maatwerkbedrijf,44,2019\n2019,44085,maatwerkbedrijf,2,2019\n"
				   "2019,44021,maatwerkbedrijf,310,2019\n2019,44013,maatwerkbedrijf,30,2019\n"
				   "2019,44019,maatwerkbedrijf,1,2019\n";
	CHECK_EQ_INT(unit_load(s, "f.csv", figs), 0);
	lerr e;
	int ed;
	CHECK_EQ_INT(calc_edition_id(s, NULL, 2018, &ed, &e), 0);
	const int pairs[2][2] = {{ed, 2018}, {ed, 2019}};
	CHECK_EQ_INT(store_begin(s, &e), 0);
	CHECK_EQ_INT(calc_grids_refresh(s, pairs, 2, NULL, NULL, &e), 0);
	CHECK_EQ_INT(store_commit(s, &e), 0);
	CHECK_EQ_INT(count(s, "grid_cache"), 4);
	const int maps[2][2] = {{2018, 2019}, {2019, 2018}}; /* year, the other map */
	for (int i = 0; i < 2; i++) {
		model_set_map(m, maps[i][1]);
		calc_grid *cached = open_grid(s, m, maps[i][0], 0);
		CHECK(calc_grid_stats(cached) == NULL);
		/* each map protected on its own, nothing stored to reuse */
		CHECK_EQ_INT(store_exec(s, "DELETE FROM grid_cache; DELETE FROM disclosure_pattern", &e), 0);
		calc_grid *fresh = open_grid(s, m, maps[i][0], 0);
		CHECK(calc_grid_stats(fresh) != NULL);
		check_same_grid(cached, fresh, m);
		int hidden = 0; /* the comparison is not of grids that hide nothing */
		for (int a = 0; a < m->n_areas; a++)
			for (int n = 0; n < m->n_nodes; n++)
				hidden += (calc_grid_get(fresh, a, n).flags & CALC_CONFIDENTIAL) != 0;
		CHECK(hidden >= 2);
		calc_grid_free(cached);
		calc_grid_free(fresh);
		if (i == 0) { /* the cache again, for the other year */
			CHECK_EQ_INT(store_begin(s, &e), 0);
			CHECK_EQ_INT(calc_grids_refresh(s, pairs, 2, NULL, NULL, &e), 0);
			CHECK_EQ_INT(store_commit(s, &e), 0);
		}
	}
	model_free(m);
	store_close(s);
}

/* Issue 10: a store that fails is an error, never "absent": with the
 * tables gone, the lookups say so instead of answering unknown or 0. */
static void test_store_failure_is_an_error(void)
{
	store *s = fixture();
	lerr e;
	model *m = store_load_model(s, &e);
	CHECK(m != NULL);
	if (!m) {
		store_close(s);
		return;
	}
	int a = model_area_index(m, "111");
	calc_value v;
	CHECK_EQ_INT(calc_context(s, m, a, 2017, "wage_employees", 0, &v, &e), 0); /* absent: unknown, no error */
	CHECK_EQ_INT(v.known, 0);
	CHECK_EQ_INT(store_exec(s, "DROP TABLE context", &e), 0);
	CHECK(calc_context(s, m, a, 2017, "wage_employees", 0, &v, &e) < 0);
	CHECK(strstr(e.msg, "context") != NULL);
	CHECK(calc_ladder_new(s, m, a, 2017, NULL, &e) == NULL);
	int ed = -1;
	CHECK_EQ_INT(calc_edition_id(s, NULL, 2017, &ed, &e), 0);
	CHECK_EQ_INT(ed, 0);
	CHECK_EQ_INT(store_exec(s, "DROP TABLE coverage", &e), 0);
	CHECK(calc_edition_id(s, NULL, 2017, &ed, &e) < 0);
	check_options o;
	check_options_default(&o);
	lerr_clear(&e);
	CHECK(check_run(s, m, &o, &e) == NULL);
	CHECK(e.code == LERR_DB && strstr(e.msg, "coverage") != NULL);
	model_free(m);
	store_close(s);
}

/* A store of n municipalities in a new arrondissement 13 with wage employees
 * (persons) for years 2000 .. 2000 + years - 1 in edition 2026, each
 * municipality's value its number; one year also in edition 2018. */
static store *context_store(int n, int years)
{
	buf areas = BUF_INIT, ctx = BUF_INIT;
	buf_adds(&areas, areas_csv);
	buf_adds(&areas, "13,Kortrijk,arrondissement,10\n");
	for (int i = 0; i < n; i++)
		buf_printf(&areas, "%d,Gemeente %d,municipality,13\n", 5000 + i, i);
	store *s = unit_store(rungs_csv, buf_cstr(&areas), catalog_csv,
			      "code,name_nl,unit\nwage_employees,Loontrekkenden,persons\nrate,Graad,percent\n", groups_csv);
	buf_adds(&ctx, "year,area,indicator,value,edition,flag\n");
	for (int y = 2000; y < 2000 + years; y++)
		for (int i = 0; i < n; i++)
			buf_printf(&ctx, "%d,%d,wage_employees,%d,2026,synthetic\n%d,%d,rate,50,2026,\n", y, 5000 + i, i + 1, y,
				   5000 + i);
	buf_printf(&ctx, "2000,5000,wage_employees,1000,2018,\n");
	CHECK_EQ_INT(unit_load(s, "ctx.csv", buf_cstr(&ctx)), 0);
	buf_release(&areas);
	buf_release(&ctx);
	return s;
}

/* The store work of one year's context of every area, and of the checks'
 * search for impossible context values. */
static void context_work(int years, long long *of_year, long long *range)
{
	store *s = context_store(200, years);
	lerr e;
	model *m = store_load_model(s, &e);
	calc_value *out = xcalloc((size_t)m->n_areas + 1, sizeof *out);
	store_work_count(s, 1);
	CHECK_EQ_INT(calc_context_year(s, m, 2001, "wage_employees", 0, out, &e), 0);
	*of_year = store_work(s);
	CHECK_EQ_INT(out[model_area_index(m, "13")].known, 1);
	CHECK(out[model_area_index(m, "13")].v == 200 * 201 / 2);
	store_work_count(s, 1);
	CHECK_EQ_INT(store_context_out_of_range(s, NULL, NULL, &e), 0);
	*range = store_work(s);
	store_work_count(s, 0);
	free(out);
	model_free(m);
	store_close(s);
}

/* Issue 11: a page of a region added up its municipalities' context with a
 * lookup each, and the map and the checks read a year of an indicator, or
 * looked for impossible values, by scanning the whole context table; on the
 * full demo (118 000 values) that was most of a page's seconds. A year of
 * an indicator now costs what that year holds, however many years the
 * store has, and the sums are those of the lookups. */
static void test_context_reads_what_they_need(void)
{
	long long year2, range2, year40, range40;
	context_work(2, &year2, &range2);
	context_work(40, &year40, &range40);
	CHECK(year2 > 0 && range2 > 0);
	if (year40 > 2 * year2)
		unit_fail(__FILE__, __LINE__, "a year of context costs %lld with 2 years stored, %lld with 40", year2, year40);
	if (range40 > 2 * range2)
		unit_fail(__FILE__, __LINE__, "the impossible values cost %lld with 2 years stored, %lld with 40", range2,
			  range40);

	/* the sums are those of the municipalities' own lookups, the asked
	 * edition's value first (5000 has 1000 in 2018, 1 in 2026), flags
	 * carried; a year without values is unknown */
	store *s = context_store(200, 3);
	lerr e;
	model *m = store_load_model(s, &e);
	int ed2018 = 0;
	CHECK_EQ_INT(store_edition(s, "2018", 0, &ed2018, &e), 0);
	CHECK_EQ_INT(store_read_begin(s, &e), 0);
	for (int y = 2000; y <= 2003; y++)
		for (int ed = 0; ed <= ed2018; ed += ed2018) {
			calc_value arr, region, by_one = {0, 1, CALC_ROLLED_UP};
			CHECK_EQ_INT(calc_context(s, m, model_area_index(m, "13"), y, "wage_employees", ed, &arr, &e), 0);
			CHECK_EQ_INT(calc_context(s, m, model_area_index(m, "1"), y, "wage_employees", ed, &region, &e), 0);
			CHECK_EQ_INT(region.known, 0); /* 111, 112 and 121 have none */
			for (int i = 0; i < 200; i++) {
				char code[16];
				calc_value v;
				snprintf(code, sizeof code, "%d", 5000 + i);
				CHECK_EQ_INT(calc_context(s, m, model_area_index(m, code), y, "wage_employees", ed, &v, &e), 0);
				by_one.v += v.v;
				by_one.known &= v.known;
				by_one.flags |= v.flags;
			}
			CHECK_EQ_INT(arr.known, y < 2003);
			if (y < 2003) {
				CHECK(arr.v == by_one.v);
				CHECK_EQ_INT((int)arr.flags, (int)by_one.flags);
			}
			if (y == 2000)
				CHECK(arr.v == 200 * 201 / 2 + (ed ? 999 : 0));
		}
	store_read_end(s);
	model_free(m);
	store_close(s);
}

void suite_engine(void)
{
	RUN(test_model_lookup);
	RUN(test_model_lookup_level_word_in_name);
	RUN(test_rollup_and_gaps);
	RUN(test_import_all_or_nothing);
	RUN(test_store_failure_is_an_error);
	RUN(test_grid_cache);
	RUN(test_refresh_sibling_grids);
	RUN(test_context_reads_what_they_need);
}
