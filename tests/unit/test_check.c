/* test_check.c - suite check: every rule of `ladder check` (src/engine/check*.c)
 * on small hand-made stores, one store per test, each rule once where it
 * must fire and once where it must not.
 *
 * Geography: region 1 > provinces 10 and 20; 10 > arrondissements 11 (with
 * municipalities 111, 112) and 12 (with 121). Province 20 never has figures,
 * so the region's figures stay unknown unless reported.
 * Work forms: f3 (rung 3), f4a and f4c (rung 4, always valid), f4b (rung 4,
 * valid from 2018), old4 (rung 4, valid until 2016), c5 and i5 (rung 5,
 * collective and individual). */
#include "harness.h"
#include "fixture.h"
#include "engine/check.h"
#include "render/render.h"
#include "vocab.h"
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
	"1,Gewest,region,\n10,Provincie,province,1\n20,Andere provincie,province,1\n"
	"11,Brugge,arrondissement,10\n12,Ieper,arrondissement,10\n"
	"111,Brugge,municipality,11\n112,Damme,municipality,11\n121,Ieper,municipality,12\n";
static const char catalog_csv[] =
	"code,name_nl,rung,subcategory,valid_from,valid_to\n"
	"f3,Vorm drie,3,,,\n"
	"f4a,Vorm A,4,,,\nf4c,Vorm C,4,,,\nf4b,Vorm B,4,,2018-01-01,\nold4,Oude vorm,4,,,2016-12-31\n"
	"c5,Collectief,5,collectief,,\ni5,Individueel,5,individueel,,\n";
static const char indicators_csv[] =
	"code,name_nl,unit\n"
	"wage_employees,Loontrekkenden,persons\npopulation_18_64,Bevolking 18-64,persons\n"
	"employment_rate,Werkzaamheidsgraad,percent\noutside_labour_force,Niet-beroepsactieven,persons\n"
	"sick_or_invalid,Zieken en invaliden,persons\n";

static store *fixture(void)
{
	return unit_store(rungs_csv, areas_csv, catalog_csv, indicators_csv, NULL);
}

/* One check run: the store, its model and the report. */
typedef struct run {
	store *s;
	model *m;
	check_report *r;
} run;

static run check_with(store *s, const check_options *o)
{
	lerr e;
	run x = {s, store_load_model(s, &e), NULL};
	CHECK(x.m != NULL);
	if (!x.m)
		return x;
	x.r = check_run(s, x.m, o, &e);
	CHECK(x.r != NULL);
	if (!x.r)
		fprintf(stderr, "test_check: check_run failed: %s\n", e.msg);
	return x;
}

static run check_all(store *s)
{
	check_options o;
	check_options_default(&o);
	return check_with(s, &o);
}

static void run_free(run *x)
{
	check_report_free(x->r);
	model_free(x->m);
	store_close(x->s);
}

static int n_rule(const run *x, const char *rule)
{
	int n = 0;
	for (int i = 0; x->r && i < x->r->n_findings; i++)
		n += strcmp(x->r->findings[i].rule, rule) == 0;
	return n;
}

/* The k-th finding of rule (0-based), or NULL. */
static const check_finding *nth(const run *x, const char *rule, int k)
{
	for (int i = 0; x->r && i < x->r->n_findings; i++)
		if (strcmp(x->r->findings[i].rule, rule) == 0 && k-- == 0)
			return &x->r->findings[i];
	return NULL;
}

static const char *area_of(const run *x, const check_finding *f)
{
	return f && f->area >= 0 ? x->m->areas[f->area].code : "(none)";
}

/* The figure called name: its value (NAN when absent or unknown). */
static double fig(const check_finding *f, const char *name)
{
	for (int i = 0; f && i < f->n_figures; i++)
		if (strcmp(f->figures[i].name, name) == 0)
			return f->figures[i].known ? f->figures[i].v : NAN;
	return NAN;
}

static int has_fig(const check_finding *f, const char *name)
{
	for (int i = 0; f && i < f->n_figures; i++)
		if (strcmp(f->figures[i].name, name) == 0)
			return 1;
	return 0;
}

/* The sentence of a finding as people read it (rnd_check_message); valid
 * until eight more calls. */
static const char *say(const model *m, const check_finding *f, int en)
{
	static buf ring[8];
	static int next;
	buf *b = &ring[next++ % 8];
	buf_reset(b);
	rnd_check_message(b, f, m, en);
	return buf_cstr(b);
}

/* Prints all findings of a run (a failed expectation is easier to read). */
static void dump(const run *x)
{
	for (int i = 0; x->r && i < x->r->n_findings; i++) {
		const check_finding *f = &x->r->findings[i];
		printf("    finding %s/%s %s %d: %s\n", f->rule, check_severity_code(f->severity), area_of(x, f), f->year,
		       say(x->m, f, 1));
	}
}

#define EXPECT_RULE_COUNT(x, rule, want) do { \
	int chk_n_ = n_rule(&(x), rule); \
	if (chk_n_ != (want)) { \
		unit_fail(__FILE__, __LINE__, "findings of rule %s: %d, expected %d", rule, chk_n_, want); \
		dump(&(x)); \
	} \
} while (0)

#define EXPECT_NO_FINDINGS(x) do { \
	if ((x).r && (x).r->n_findings != 0) { \
		unit_fail(__FILE__, __LINE__, "expected no findings, got %d", (x).r->n_findings); \
		dump(&(x)); \
	} \
} while (0)

#define FIGS "year,area,work_form,persons,edition,flag\n"
#define CTX "year,area,indicator,value,edition,flag\n"
#define CLAIMS "id;text;year;area;expr;stated;tolerance\n"

/* ------------------------------------------------------------ parts_total */

static void test_parts_total_vs_parts(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     /* 111: total 100, parts 60 + 30: 10 not specified (warning) */
			     "2017,111,trede4,100,2018,\n2017,111,f4a,60,2018,\n2017,111,f4c,30,2018,\n"
			     /* 112: total 50, parts 40 + 20 = 60 exceed it (error) */
			     "2017,112,trede4,50,2018,\n2017,112,f4a,40,2018,\n2017,112,f4c,20,2018,\n"
			     /* 121: total 70 = 50 + 20 (nothing) */
			     "2017,121,trede4,70,2018,\n2017,121,f4a,50,2018,\n2017,121,f4c,20,2018,\n"),
		     0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "parts_total", 2);
	const check_finding *gap = NULL, *over = NULL;
	for (int k = 0; k < 2; k++) {
		const check_finding *f = nth(&x, "parts_total", k);
		if (f && strcmp(area_of(&x, f), "111") == 0)
			gap = f;
		if (f && strcmp(area_of(&x, f), "112") == 0)
			over = f;
	}
	CHECK(gap != NULL);
	CHECK(over != NULL);
	if (gap) {
		CHECK_EQ_INT(gap->severity, SEV_WARNING);
		CHECK_EQ_INT(gap->year, 2017);
		CHECK_NEAR(fig(gap, "trede4"), 100, 0);
		CHECK_NEAR(fig(gap, "sum_of_parts"), 90, 0);
		CHECK(strstr(say(x.m, gap, 0), "90") && strstr(say(x.m, gap, 0), "100") && strstr(say(x.m, gap, 0), "10 niet gespecificeerd"));
		CHECK(strstr(say(x.m, gap, 1), "10 not specified") != NULL);
	}
	if (over) {
		CHECK_EQ_INT(over->severity, SEV_ERROR);
		CHECK_NEAR(fig(over, "trede4"), 50, 0);
		CHECK_NEAR(fig(over, "sum_of_parts"), 60, 0);
		CHECK(strstr(say(x.m, over, 1), "exceed") != NULL);
	}
	/* nothing else: the headlines are sums of their rungs, 11 and 10 roll up */
	CHECK_EQ_INT(x.r->n_findings, 2);
	CHECK_EQ_INT(check_exit_status(x.r), 2);
	run_free(&x);
}

static void test_parts_total_equal_is_silent(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2017,111,trede4,90,2018,\n2017,111,f4a,60,2018,\n2017,111,f4c,30,2018,\n"
			     "2017,111,totaal,95,2018,\n2017,111,trede3,5,2018,\n"),
		     0);
	run x = check_all(s);
	EXPECT_NO_FINDINGS(x);
	CHECK_EQ_INT(check_exit_status(x.r), 0);
	run_free(&x);
}

static void test_parts_total_headline_vs_rungs(void)
{
	store *s = fixture();
	/* a reported headline of 120 over rungs 30 + 70: 20 not specified */
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2017,111,totaal,120,2018,\n2017,111,trede3,30,2018,\n2017,111,trede4,70,2018,\n"), 0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "parts_total", 1);
	const check_finding *f = nth(&x, "parts_total", 0);
	if (f) {
		CHECK_EQ_STR(area_of(&x, f), "111");
		CHECK_EQ_INT(f->severity, SEV_WARNING);
		CHECK_NEAR(fig(f, "totaal"), 120, 0);
		CHECK_NEAR(fig(f, "sum_of_parts"), 100, 0);
	}
	run_free(&x);
}

static void test_parts_total_synthetic_and_estimated_skipped(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     /* synthetic total, plain parts */
			     "2017,111,trede4,100,2018,synthetic\n2017,111,f4a,60,2018,\n"
			     /* plain total, one synthetic part */
			     "2017,112,trede4,10,2018,\n2017,112,f4a,60,2018,synthetic\n"
			     /* estimated total */
			     "2017,121,trede4,500,2018,estimated\n2017,121,f4a,60,2018,\n"),
		     0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "parts_total", 0);
	run_free(&x);
}

static void test_parts_total_area_vs_sub_areas(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     /* 11 reports 40, its municipalities 10 + 20 */
			     "2017,11,trede3,40,2018,\n2017,111,trede3,10,2018,\n2017,112,trede3,20,2018,\n"
			     /* 12 reports 5, its one municipality 9: fewer, still an error */
			     "2017,12,trede4,5,2018,\n2017,121,trede4,9,2018,\n"
			     /* 11 reports 15 for f4a, its municipalities 5 + 10: no finding */
			     "2017,11,f4a,15,2018,\n2017,111,f4a,5,2018,\n2017,112,f4a,10,2018,\n"
			     /* 11 reports 99 for c5, only 111 known: no complete sum, no finding */
			     "2017,11,c5,99,2018,\n2017,111,c5,1,2018,\n"),
		     0);
	run x = check_all(s);
	int by_area = 0;
	for (int k = 0; k < n_rule(&x, "parts_total"); k++) {
		const check_finding *f = nth(&x, "parts_total", k);
		if (!has_fig(f, "sum_of_sub_areas"))
			continue;
		by_area++;
		CHECK_EQ_INT(f->severity, SEV_ERROR);
		if (strcmp(area_of(&x, f), "11") == 0) {
			CHECK_NEAR(fig(f, "trede3"), 40, 0);
			CHECK_NEAR(fig(f, "sum_of_sub_areas"), 30, 0);
			CHECK(strstr(say(x.m, f, 1), "sum of the sub-areas (30)") != NULL);
		} else if (strcmp(area_of(&x, f), "12") == 0) {
			CHECK_NEAR(fig(f, "trede4"), 5, 0);
			CHECK_NEAR(fig(f, "sum_of_sub_areas"), 9, 0);
		} else {
			unit_fail(__FILE__, __LINE__, "unexpected sub-area finding in area %s", area_of(&x, f));
		}
	}
	CHECK_EQ_INT(by_area, 2);
	if (by_area != 2)
		dump(&x);
	run_free(&x);
}

/* ------------------------------------------------- missing_now and jump */

static void test_missing_now(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2016,111,f4a,10,2018,\n2016,111,old4,7,2018,\n2016,111,f4c,3,2018,\n"
			     "2017,111,f4c,3,2018,\n"),
		     0);
	run x = check_all(s);
	/* f4a had a figure in 2016 and none in 2017; old4 ended in 2016 */
	EXPECT_RULE_COUNT(x, "missing_now", 1);
	const check_finding *f = nth(&x, "missing_now", 0);
	if (f) {
		CHECK_EQ_STR(area_of(&x, f), "111");
		CHECK_EQ_INT(f->year, 2017);
		CHECK_EQ_INT(f->severity, SEV_WARNING);
		CHECK_NEAR(fig(f, "previous"), 10, 0);
		CHECK(strstr(say(x.m, f, 0), "Vorm A") != NULL);
		CHECK(strstr(say(x.m, f, 0), "Oude vorm") == NULL);
	}
	CHECK_EQ_INT(check_exit_status(x.r), 1);
	run_free(&x);
}

static void test_missing_now_other_edition_is_not_missing(void)
{
	store *s = fixture();
	/* 2016 only in edition 2017, 2017 only in edition 2018: not the same edition */
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2016,111,f4a,10,2017,\n2017,111,f4c,3,2018,\n"), 0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "missing_now", 0);
	run_free(&x);
}

static void test_jump(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2016,111,f4a,200,2018,\n2017,111,f4a,260,2018,\n" /* +30 %, +60: a jump */
			     "2016,112,f4a,200,2018,\n2017,112,f4a,240,2018,\n" /* +20 %: below 25 % */
			     "2016,121,f4a,100,2018,\n2017,121,f4a,130,2018,\n" /* +30 % but +30 < 50 persons */
			     "2016,111,f4c,400,2018,\n2017,111,f4c,100,2018,\n" /* -75 %, -300: a jump down */
			     "2016,112,f4c,100,2018,synthetic\n2017,112,f4c,900,2018,\n" /* synthetic before */
			     "2016,121,f4c,100,2018,\n2017,121,f4c,900,2018,synthetic\n"), /* synthetic now */
		     0);
	run x = check_all(s);
	int up = 0, down = 0;
	for (int k = 0; k < n_rule(&x, "jump"); k++) {
		const check_finding *f = nth(&x, "jump", k);
		CHECK_EQ_INT(f->severity, SEV_WARNING);
		CHECK_EQ_INT(f->year, 2017);
		CHECK_EQ_STR(area_of(&x, f), "111");
		if (fig(f, "previous") == 200) {
			up++;
			CHECK_NEAR(fig(f, "current"), 260, 0);
			CHECK_NEAR(fig(f, "change_pct"), 30, 1e-9);
		} else if (fig(f, "previous") == 400) {
			down++;
			CHECK_NEAR(fig(f, "change_pct"), -75, 1e-9);
		}
	}
	CHECK_EQ_INT(up, 1);
	CHECK_EQ_INT(down, 1);
	/* only reported figures count, not the sums of 11, 12 and 10 */
	EXPECT_RULE_COUNT(x, "jump", 2);
	EXPECT_RULE_COUNT(x, "missing_now", 0);
	run_free(&x);
}

static void test_jump_thresholds_are_options(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2016,112,f4a,200,2018,\n2017,112,f4a,240,2018,\n"), 0);
	check_options o;
	check_options_default(&o);
	CHECK_NEAR(o.jump_pct, 25, 0);
	CHECK_NEAR(o.jump_min, 50, 0);
	CHECK_EQ_INT(o.area, -1);
	CHECK_EQ_INT(o.year, 0);
	CHECK(o.edition == NULL);
	o.jump_pct = 10; /* +20 % is above 10 % ... */
	run x = check_with(s, &o);
	EXPECT_RULE_COUNT(x, "jump", 0); /* ... but +40 is below 50 persons */
	model_free(x.m);
	check_report_free(x.r);
	o.jump_min = 40; /* at least 40 persons: a jump */
	x = check_with(s, &o);
	EXPECT_RULE_COUNT(x, "jump", 1);
	model_free(x.m);
	check_report_free(x.r);
	o.jump_min = 41;
	x = check_with(s, &o);
	EXPECT_RULE_COUNT(x, "jump", 0);
	run_free(&x);
}

/* --------------------------------------------------------------- validity */

static void test_validity(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2017,111,f4b,5,2018,\n"  /* f4b starts in 2018 */
			     "2018,111,f4b,6,2018,\n"  /* fine */
			     "2016,112,old4,7,2018,\n" /* old4 ends in 2016: fine */
			     "2017,112,old4,8,2018,\n" /* too late */
			     "2017,121,old4,9,2018,synthetic\n"), /* synthetic: skipped */
		     0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "validity", 2);
	int f4b = 0, old4 = 0;
	for (int k = 0; k < n_rule(&x, "validity"); k++) {
		const check_finding *f = nth(&x, "validity", k);
		CHECK_EQ_INT(f->severity, SEV_WARNING);
		CHECK_EQ_INT(f->year, 2017);
		if (has_fig(f, "f4b")) {
			f4b++;
			CHECK_EQ_STR(area_of(&x, f), "111");
			CHECK_NEAR(fig(f, "f4b"), 5, 0);
			CHECK(strstr(say(x.m, f, 0), "2018-01-01") != NULL);
		}
		if (has_fig(f, "old4")) {
			old4++;
			CHECK_EQ_STR(area_of(&x, f), "112");
			CHECK_NEAR(fig(f, "old4"), 8, 0);
			CHECK(strstr(say(x.m, f, 1), "2016-12-31") != NULL);
		}
	}
	CHECK_EQ_INT(f4b, 1);
	CHECK_EQ_INT(old4, 1);
	/* old4 dropped out in 2017 in 112 as expected; 2018 has f4b in 111 */
	EXPECT_RULE_COUNT(x, "missing_now", 0);
	run_free(&x);
}

/* -------------------------------------------------------------- impossible */

static void test_impossible_population(void)
{
	store *s = fixture();
	/* 112 has no figures, so 11 stays unknown and only 111 is over */
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2017,111,trede3,60,2018,\n2017,111,trede4,50,2018,\n" /* 110 > 100 */
			     "2017,121,trede3,600,2018,synthetic\n"), /* synthetic: not evidence */
		     0);
	CHECK_EQ_INT(unit_load(s, "c.csv", CTX "2017,111,population_18_64,100,2018,\n2017,121,population_18_64,100,2018,\n"), 0);
	run x = check_all(s);
	/* docs/checks.md: "Synthetic figures are never evidence: the rules skip
	 * them" - 121 (600 synthetic) and its arrondissement 12 must not count */
	EXPECT_RULE_COUNT(x, "impossible", 1);
	const check_finding *f = NULL;
	for (int k = 0; k < n_rule(&x, "impossible"); k++)
		if (strcmp(area_of(&x, nth(&x, "impossible", k)), "111") == 0)
			f = nth(&x, "impossible", k);
	CHECK(f != NULL);
	if (f) {
		CHECK_EQ_INT(f->year, 2017);
		CHECK_EQ_INT(f->severity, SEV_ERROR);
		CHECK_NEAR(fig(f, "totaal"), 110, 0);
		CHECK_NEAR(fig(f, "population_18_64"), 100, 0);
	}
	run_free(&x);
	/* as many persons as inhabitants is possible */
	s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2017,112,trede3,60,2018,\n2017,112,trede4,40,2018,\n"), 0);
	CHECK_EQ_INT(unit_load(s, "c.csv", CTX "2017,112,population_18_64,100,2018,\n"), 0);
	x = check_all(s);
	EXPECT_NO_FINDINGS(x);
	run_free(&x);
}

static void test_impossible_context_values(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2017,111,trede3,5,2018,\n"), 0);
	CHECK_EQ_INT(unit_load(s, "c.csv", CTX
			     "2017,111,employment_rate,70,2018,\n2017,112,employment_rate,100,2018,\n"
			     "2017,121,wage_employees,10,2018,\n2017,112,wage_employees,0,2018,\n"),
		     0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "impossible", 0); /* 100 % and 0 persons are possible */
	model_free(x.m);
	check_report_free(x.r);
	/* the importer refuses these; a store edited by hand can still hold them */
	lerr e;
	CHECK_EQ_INT(store_exec(s,
				"UPDATE context SET value = 120 WHERE area = (SELECT id FROM area WHERE code = '111')"
				" AND indicator = (SELECT id FROM indicator WHERE code = 'employment_rate');"
				"UPDATE context SET value = -3 WHERE area = (SELECT id FROM area WHERE code = '121')"
				" AND indicator = (SELECT id FROM indicator WHERE code = 'wage_employees');",
				&e),
		     0);
	x = check_all(s);
	EXPECT_RULE_COUNT(x, "impossible", 2);
	int pct = 0, neg = 0;
	for (int k = 0; k < n_rule(&x, "impossible"); k++) {
		const check_finding *f = nth(&x, "impossible", k);
		CHECK_EQ_INT(f->severity, SEV_ERROR);
		CHECK_EQ_INT(f->year, 2017);
		if (has_fig(f, "employment_rate")) {
			pct++;
			CHECK_EQ_STR(area_of(&x, f), "111");
			CHECK_NEAR(fig(f, "employment_rate"), 120, 0);
		}
		if (has_fig(f, "wage_employees")) {
			neg++;
			CHECK_EQ_STR(area_of(&x, f), "121");
			CHECK_NEAR(fig(f, "wage_employees"), -3, 0);
		}
	}
	CHECK_EQ_INT(pct, 1);
	CHECK_EQ_INT(neg, 1);
	run_free(&x);
}

/* ---------------------------------------------------------------- revision */

static void test_revision(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2016,111,f4a,10,2017,\n2016,111,f4a,12,2018,\n" /* revised */
			     "2016,111,f4c,5,2017,\n2016,111,f4c,5,2018,\n"   /* the same in both */
			     "2016,112,f4c,5,2017,\n2016,112,f4c,6,2018,synthetic\n"   /* synthetic: not a revision */
			     "2016,121,f4c,5,2017,synthetic\n2016,121,f4c,6,2018,\n"), /* nor the other way round */
		     0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "revision", 1);
	const check_finding *f = nth(&x, "revision", 0);
	if (f) {
		CHECK_EQ_STR(area_of(&x, f), "111");
		CHECK_EQ_INT(f->year, 2016);
		CHECK_EQ_INT(f->severity, SEV_INFO);
		CHECK_NEAR(fig(f, "edition_2017"), 10, 0);
		CHECK_NEAR(fig(f, "edition_2018"), 12, 0);
		CHECK(strstr(say(x.m, f, 0), "(+2)") != NULL);
	}
	/* info does not count */
	CHECK_EQ_INT(x.r->n_findings, 1);
	CHECK_EQ_INT(check_exit_status(x.r), 0);
	run_free(&x);
}

/* Revisions in the order of year, area code, work-form code and edition
 * (numeric codes by number: 9 before 10), a key missing from the middle
 * edition compared across it, and the area and year options. Area 12 has a
 * smaller store id than 111 but sorts after it by code. */
static void test_revision_order_and_scope(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2016,12,f4a,10,9,\n2016,12,f4a,12,11,\n"                          /* 9 -> 11 across 10 */
			     "2016,111,f4c,1,9,\n2016,111,f4c,2,10,\n2016,111,f4c,3,11,\n"       /* 9 -> 10 -> 11 */
			     "2016,111,f4a,5,10,\n2016,111,f4a,6,11,\n"                         /* f4a before f4c */
			     "2015,121,f4a,5,9,\n2015,121,f4a,7,10,\n"),                        /* 2015 first */
		     0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "revision", 5);
	static const char *const want[][4] = {{"121", "2015", "edition_9", "edition_10"},
					      {"111", "2016", "edition_10", "edition_11"},
					      {"111", "2016", "edition_9", "edition_10"},
					      {"111", "2016", "edition_10", "edition_11"},
					      {"12", "2016", "edition_9", "edition_11"}};
	for (int k = 0; k < 5; k++) {
		const check_finding *f = nth(&x, "revision", k);
		if (!f || f->n_figures != 2)
			continue;
		CHECK_EQ_STR(area_of(&x, f), want[k][0]);
		CHECK_EQ_INT(f->year, atoi(want[k][1]));
		CHECK_EQ_STR(f->figures[0].name, want[k][2]);
		CHECK_EQ_STR(f->figures[1].name, want[k][3]);
	}
	if (nth(&x, "revision", 1))
		CHECK(strstr(say(x.m, nth(&x, "revision", 1), 1), "Vorm A") != NULL);
	model *m = x.m;
	check_report_free(x.r);
	check_options o;
	check_options_default(&o);
	lerr e;
	o.area = model_area_index(m, "11");
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "revision", 3);
	check_report_free(x.r);
	o.area = model_area_index(m, "12");
	o.year = 2016;
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "revision", 1);
	check_report_free(x.r);
	o.year = 2015; /* 121 is under 12 */
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "revision", 1);
	check_report_free(x.r);
	o.area = model_area_index(m, "111");
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "revision", 0);
	run_free(&x);
}

/* The work of check_run (SQLite's virtual machine instructions, not time)
 * for a store of years x 3 areas x 5 work forms in two editions. */
static long long check_work(int years)
{
	static const char *const areas[] = {"111", "112", "121"};
	static const char *const forms[] = {"f3", "f4a", "f4c", "c5", "i5"};
	store *s = fixture();
	buf csv = BUF_INIT;
	buf_adds(&csv, FIGS);
	for (int ed = 2030; ed <= 2031; ed++)
		for (int y = 2000; y < 2000 + years; y++)
			for (int a = 0; a < 3; a++)
				for (int f = 0; f < 5; f++)
					buf_printf(&csv, "%d,%s,%s,%d,%d,\n", y, areas[a], forms[f], 100 + (ed == 2031 && f == 0), ed);
	CHECK_EQ_INT(unit_load(s, "f.csv", buf_cstr(&csv)), 0);
	buf_release(&csv);
	lerr e;
	model *m = store_load_model(s, &e);
	check_options o;
	check_options_default(&o);
	store_work_count(s, 1);
	check_report *r = check_run(s, m, &o, &e);
	long long work = store_work(s);
	store_work_count(s, 0);
	CHECK(r != NULL);
	if (r)
		CHECK_EQ_INT(r->n_findings, 3 * years); /* one revision per year and area */
	check_report_free(r);
	model_free(m);
	store_close(s);
	return work;
}

/* Issue 12: check was quadratic in the figures (a correlated EXISTS over
 * the figure table for every figure). Four times the figures must cost
 * about four times the work, not sixteen. */
static void test_check_work_is_linear(void)
{
	long long small = check_work(10), large = check_work(40);
	CHECK(small > 0);
	if (small > 0 && (double)large / (double)small > 6)
		unit_fail(__FILE__, __LINE__, "check work grows faster than the figures: %lld for 300 figures, %lld for 1200 (x%.1f)",
			  small, large, (double)large / (double)small);
}

/* ------------------------------------------------------------------ claims */

/* The figures of area 10 in 2017 the claims below speak of. */
static store *claims_fixture(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2017,10,trede3,10,2018,\n2017,10,trede4,100,2018,\n2017,10,c5,610,2018,\n2017,10,i5,3857,2018,\n"
			     "2016,10,trede3,10,2018,\n2016,10,trede4,100,2018,\n2016,10,c5,600,2018,\n2016,10,i5,3700,2018,\n"),
		     0);
	CHECK_EQ_INT(unit_load(s, "c.csv", CTX
			     "2017,10,wage_employees,41893,2018,\n2017,10,outside_labour_force,1000,2018,\n"
			     "2017,10,sick_or_invalid,258,2018,\n2017,10,population_18_64,5000,2018,estimated\n"),
		     0);
	return s;
}

static void test_claim_numbers_with_their_rounding(void)
{
	store *s = claims_fixture();
	/* 100 * 4467 / 41893 = 10,663 %; headline 10 + 100 + 4467 = 4577 */
	CHECK_EQ_INT(unit_load(s, "claims.csv", CLAIMS
			     "share-a;10,7 %;2017;10;100 * fig(10, trede5) / ctx(10, wage_employees);10,7 %;\n"
			     "share-b;10,4 %;2017;10;100 * fig(10, trede5) / ctx(10, wage_employees);10,4 %;\n"
			     "share-c;10,66 %;2017;10;100 * fig(10, trede5) / ctx(10, wage_employees);10,66 %;\n"
			     "share-d;10,67 %;2017;10;100 * fig(10, trede5) / ctx(10, wage_employees);10,67 %;\n"
			     "share-e;ruim 11 %;2017;10;100 * fig(10, trede5) / ctx(10, wage_employees);11 %;\n"
			     "headline;4.577;2017;10;fig(10, totaal);4.577;\n"
			     "headline-off;4.578;2017;10;fig(10, totaal);4.578;\n"
			     "headline-tol;4.580 give or take 5;2017;10;fig(10, totaal);4.580;5\n"
			     "growth;+3,8 %;2017;10;100 * (fig(10, totaal) - fig(10, totaal, -1)) / fig(10, totaal, 2016);+3,8 %;\n"
			     "growth-abs;+167;2017;10;fig(10, totaal) - fig(10, totaal, -1);+167;\n"),
		     0);
	run x = check_all(s);
	CHECK_EQ_INT(x.r->claims_checked, 10);
	CHECK_EQ_INT(x.r->n_unchecked, 0);
	/* share-b (10,4), share-d (10,67) and headline-off (4.578) fail */
	EXPECT_RULE_COUNT(x, "claim", 3);
	int b = 0, d = 0, off = 0;
	for (int k = 0; k < n_rule(&x, "claim"); k++) {
		const check_finding *f = nth(&x, "claim", k);
		CHECK_EQ_INT(f->severity, SEV_ERROR);
		CHECK_EQ_INT(f->year, 2017);
		CHECK_EQ_STR(area_of(&x, f), "10");
		if (has_fig(f, "claim:share-b")) {
			b++;
			CHECK_NEAR(fig(f, "claim:share-b"), 10.4, 1e-12);
			CHECK_NEAR(fig(f, "computed"), 100.0 * 4467 / 41893, 1e-9);
			CHECK_NEAR(fig(f, "fig(10, trede5, 2017)"), 4467, 0);
			CHECK_NEAR(fig(f, "ctx(10, wage_employees, 2017)"), 41893, 0);
			CHECK(strstr(say(x.m, f, 0), "share-b") && strstr(say(x.m, f, 0), "10,66 %"));
			/* the claims on the same quantity that hold are named */
			CHECK(strstr(say(x.m, f, 0), "share-a") && strstr(say(x.m, f, 0), "share-c"));
			CHECK(strstr(say(x.m, f, 1), "10.66%") != NULL);
		}
		d += has_fig(f, "claim:share-d");
		if (has_fig(f, "claim:headline-off")) {
			off++;
			CHECK_NEAR(fig(f, "computed"), 4577, 0);
		}
	}
	CHECK_EQ_INT(b, 1);
	CHECK_EQ_INT(d, 1);
	CHECK_EQ_INT(off, 1);
	CHECK_EQ_INT(check_exit_status(x.r), 2);
	run_free(&x);
}

static void test_claim_phrases(void)
{
	store *s = claims_fixture();
	/* 258 of 1000 = 25,8 %; collective 610 of 4467 = 13,66 % */
	CHECK_EQ_INT(unit_load(s, "claims.csv", CLAIMS
			     "sick-bijna;bijna één op vijf;2017;10;100 * ctx(10, sick_or_invalid) / ctx(10, outside_labour_force);bijna één op vijf;\n"
			     "sick-ruim;ruim één op vier;2017;10;100 * ctx(10, sick_or_invalid) / ctx(10, outside_labour_force);ruim één op vier;\n"
			     "sick-meer;meer dan één op vier;2017;10;100 * ctx(10, sick_or_invalid) / ctx(10, outside_labour_force);meer dan één op vier;\n"
			     "sick-minder;minder dan één op vier;2017;10;100 * ctx(10, sick_or_invalid) / ctx(10, outside_labour_force);minder dan één op vier;\n"
			     "sick-vier;één op vier;2017;10;100 * ctx(10, sick_or_invalid) / ctx(10, outside_labour_force);één op vier;\n"
			     "coll-seven;Eén op de ZEVEN;2017;10;100 * fig(10, trede5.collectief) / fig(10, trede5);Eén op de ZEVEN;\n"
			     "coll-almost;bijna één op zeven;2017;10;100 * fig(10, trede5.collectief) / fig(10, trede5);bijna één op zeven;\n"
			     "coll-six;één op zes;2017;10;100 * fig(10, trede5.collectief) / fig(10, trede5);één op zes;\n"),
		     0);
	run x = check_all(s);
	CHECK_EQ_INT(x.r->claims_checked, 8);
	/* sick-bijna, sick-minder and coll-six fail */
	EXPECT_RULE_COUNT(x, "claim", 3);
	int bijna = 0, minder = 0, six = 0;
	for (int k = 0; k < n_rule(&x, "claim"); k++) {
		const check_finding *f = nth(&x, "claim", k);
		if (has_fig(f, "claim:sick-bijna")) {
			bijna++;
			CHECK_NEAR(fig(f, "claim:sick-bijna"), 20, 1e-9);
			CHECK_NEAR(fig(f, "computed"), 25.8, 1e-9);
			CHECK(strstr(say(x.m, f, 0), "25,80 %: ruim één op vier") != NULL);
			CHECK(strstr(say(x.m, f, 1), "25.80%: just over one in four") != NULL);
			CHECK(strstr(say(x.m, f, 0), "18,2 tot 20,0 %") != NULL);
		}
		minder += has_fig(f, "claim:sick-minder");
		six += has_fig(f, "claim:coll-six");
	}
	CHECK_EQ_INT(bijna, 1);
	CHECK_EQ_INT(minder, 1);
	CHECK_EQ_INT(six, 1);
	run_free(&x);
}

static void test_claim_division_by_observed_zero(void)
{
	store *s = claims_fixture();
	CHECK_EQ_INT(unit_load(s, "f0.csv", FIGS "2017,10,f4b,0,2018,\n"), 0); /* validity aside: an observed 0 */
	CHECK_EQ_INT(unit_load(s, "claims.csv", CLAIMS "ratio;10;2017;10;fig(10, trede3) / fig(10, f4b);10;\n"), 0);
	run x = check_all(s);
	/* 10 / 0 has no value (claim_eval: unknown on a division by zero): the
	 * claim must not be reported as if the figures gave 0 */
	const check_finding *f = nth(&x, "claim", 0);
	if (f) {
		CHECK(!(f->n_figures > 1 && has_fig(f, "computed") && !isnan(fig(f, "computed"))));
		CHECK(strstr(say(x.m, f, 1), "the figures give 0") == NULL);
		if (strstr(say(x.m, f, 1), "the figures give 0"))
			dump(&x);
	}
	run_free(&x);
}

/* Three shares of unknown Flemish (region 1) figures that cannot hold with
 * headline = rungs, like the demo's 20,1 % / 17 % / 20,1 %; no two of them
 * conflict on their own. Area 10: headline 4577 (10 + 100 + 4467). */
static const char conflict_claims[] = CLAIMS
	"share-total;21 %;2017;10;100 * fig(10, totaal) / fig(1, totaal);21 %;\n"      /* region total 21.288 .. 22.327 */
	"share-rung5;20 %;2017;10;100 * fig(10, trede5) / fig(1, trede5);20 %;\n"      /* rung 5 21.790 .. 22.908 */
	"share-rung4;0,5 %;2017;10;100 * fig(10, trede4) / fig(1, trede4);0,5 %;\n";   /* rung 4 18.182 .. 22.222 */

static void test_claims_conflict_minimal_set(void)
{
	store *s = claims_fixture();
	CHECK_EQ_INT(unit_load(s, "claims.csv", conflict_claims), 0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "claims_conflict", 1);
	EXPECT_RULE_COUNT(x, "claim", 0);
	const check_finding *f = nth(&x, "claims_conflict", 0);
	if (f) {
		CHECK_EQ_INT(f->severity, SEV_ERROR);
		CHECK_EQ_INT(f->year, 2017);
		CHECK_EQ_STR(area_of(&x, f), "10");
		CHECK_EQ_INT(f->n_figures, 3);
		CHECK_NEAR(fig(f, "claim:share-total"), 21, 1e-12);
		CHECK_NEAR(fig(f, "claim:share-rung5"), 20, 1e-12);
		CHECK_NEAR(fig(f, "claim:share-rung4"), 0.5, 1e-12);
	}
	CHECK_EQ_INT(x.r->n_unchecked, 0);
	CHECK_EQ_INT(x.r->claims_checked, 0);
	run_free(&x);
}

static void test_claims_conflict_pair_among_many(void)
{
	store *s = claims_fixture();
	/* two shares of one unknown total that contradict each other, and a
	 * third claim that is consistent with either: the set is the pair */
	CHECK_EQ_INT(unit_load(s, "claims.csv", CLAIMS
			     "a;20 %;2017;10;100 * fig(10, totaal) / fig(1, totaal);20 %;\n"
			     "other;2 %;2017;10;100 * fig(10, trede3) / fig(1, trede3);2 %;\n"
			     "b;40 %;2017;10;100 * fig(10, totaal) / fig(1, totaal);40 %;\n"
			     "direct;4.577;2017;10;fig(10, totaal);4.577;\n"),
		     0);
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "claims_conflict", 1);
	const check_finding *f = nth(&x, "claims_conflict", 0);
	if (f) {
		CHECK_EQ_INT(f->n_figures, 2);
		CHECK(has_fig(f, "claim:a"));
		CHECK(has_fig(f, "claim:b"));
		CHECK(!has_fig(f, "claim:other"));
		CHECK(strstr(say(x.m, f, 1), "(a: 20 %)") && strstr(say(x.m, f, 1), "(b: 40 %)"));
		/* the other claim on the same unknowns is named as related */
		CHECK(strstr(say(x.m, f, 1), "see also other (2 %)") != NULL);
	}
	/* "other" conflicts with nothing: unchecked; "direct" was checked and holds */
	CHECK_EQ_INT(x.r->n_unchecked, 1);
	if (x.r->n_unchecked == 1)
		CHECK_EQ_STR(x.r->unchecked[0].claim, "other");
	CHECK_EQ_INT(x.r->claims_checked, 1);
	EXPECT_RULE_COUNT(x, "claim", 0);
	run_free(&x);
}

static void test_claims_consistent_set_is_silent(void)
{
	store *s = claims_fixture();
	/* total 21.288 .. 22.327, rung 5 20.776 .. 21.790, rung 4 198 .. 202: fits */
	CHECK_EQ_INT(unit_load(s, "claims.csv", CLAIMS
			     "share-total;21 %;2017;10;100 * fig(10, totaal) / fig(1, totaal);21 %;\n"
			     "share-rung5;21 %;2017;10;100 * fig(10, trede5) / fig(1, trede5);21 %;\n"
			     "share-rung4;50 %;2017;10;100 * fig(10, trede4) / fig(1, trede4);50 %;\n"),
		     0);
	run x = check_all(s);
	EXPECT_NO_FINDINGS(x);
	CHECK_EQ_INT(x.r->n_unchecked, 3);
	CHECK_EQ_INT(x.r->claims_checked, 0);
	CHECK_EQ_INT(check_exit_status(x.r), 0);
	run_free(&x);
}

static void test_claims_on_estimates_are_constraints(void)
{
	store *s = claims_fixture();
	/* population_18_64 is estimated (5000): outside_labour_force 1000 of it
	 * is 20 %, yet a claim of 30 % is not contradicted by an estimate */
	CHECK_EQ_INT(unit_load(s, "claims.csv", CLAIMS
			     "outside;30 %;2017;10;100 * ctx(10, outside_labour_force) / ctx(10, population_18_64);30 %;\n"),
		     0);
	run x = check_all(s);
	EXPECT_NO_FINDINGS(x);
	CHECK_EQ_INT(x.r->claims_checked, 0);
	CHECK_EQ_INT(x.r->n_unchecked, 1);
	if (x.r->n_unchecked == 1) {
		CHECK_EQ_STR(x.r->unchecked[0].claim, "outside");
		CHECK(strstr(V(1, check_unchecked_reason), "unknown or estimated") != NULL);
	}
	run_free(&x);
	/* an unknown percentage is at most 100: 50 points above it cannot hold */
	s = claims_fixture();
	CHECK_EQ_INT(unit_load(s, "claims.csv", CLAIMS "rate;150;2017;10;ctx(10, employment_rate) + 50;150;\n"), 0);
	x = check_all(s);
	EXPECT_RULE_COUNT(x, "claims_conflict", 0);
	model_free(x.m);
	check_report_free(x.r);
	CHECK_EQ_INT(unit_load(s, "claims2.csv", CLAIMS "rate2;151;2017;10;ctx(10, employment_rate) + 50;151;\n"), 0);
	x = check_all(s);
	/* rate2 alone needs a percentage of 100,5 or more */
	EXPECT_RULE_COUNT(x, "claims_conflict", 1);
	const check_finding *f = nth(&x, "claims_conflict", 0);
	if (f) {
		CHECK_EQ_INT(f->n_figures, 1);
		CHECK(has_fig(f, "claim:rate2"));
	}
	run_free(&x);
}

/* ------------------------------------------------------ options and status */

static void test_scope_options(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2017,111,trede4,100,2018,\n2017,111,f4a,60,2018,\n" /* parts_total in 111 */
			     "2016,121,trede4,100,2018,\n2016,121,f4a,60,2018,\n"), /* parts_total in 121, 2016 */
		     0);
	check_options o;
	check_options_default(&o);
	run x = check_with(s, &o);
	EXPECT_RULE_COUNT(x, "parts_total", 2);
	model *m = x.m;
	check_report_free(x.r);
	lerr e;
	/* an area includes its sub-areas */
	o.area = model_area_index(m, "11");
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "parts_total", 1);
	if (nth(&x, "parts_total", 0))
		CHECK_EQ_STR(area_of(&x, nth(&x, "parts_total", 0)), "111");
	check_report_free(x.r);
	o.area = model_area_index(m, "10");
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "parts_total", 2);
	check_report_free(x.r);
	o.area = model_area_index(m, "20");
	x.r = check_run(s, m, &o, &e);
	EXPECT_NO_FINDINGS(x);
	check_report_free(x.r);
	/* a year */
	o.area = -1;
	o.year = 2016;
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "parts_total", 1);
	if (nth(&x, "parts_total", 0))
		CHECK_EQ_INT(nth(&x, "parts_total", 0)->year, 2016);
	run_free(&x);
}

/* A check of one area reads the figures of that area and the areas under
 * it only (calc_grid_load_within): what it finds there, and the cells it
 * reads, are those of the whole grid; other areas' cells are not read. */
static void test_scope_reads_its_areas_only(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     /* 11 reports 40, its municipalities 10 + 20: a finding at 11 */
			     "2017,11,trede3,40,2018,\n2017,111,trede3,10,2018,\n2017,112,trede3,20,2018,\n"
			     /* 10 reports 70 for 11 + 12 (12 from 121: 9) */
			     "2017,10,trede3,70,2018,\n2017,121,trede3,9,2018,\n"),
		     0);
	run x = check_all(s);
	model *m = x.m;
	int whole = n_rule(&x, "parts_total");
	check_report_free(x.r);
	check_options o;
	check_options_default(&o);
	o.area = model_area_index(m, "11");
	lerr e;
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "parts_total", 1);
	if (nth(&x, "parts_total", 0)) {
		CHECK_EQ_STR(area_of(&x, nth(&x, "parts_total", 0)), "11");
		CHECK_NEAR(fig(nth(&x, "parts_total", 0), "sum_of_sub_areas"), 30, 0);
	}
	check_report_free(x.r);
	o.area = model_area_index(m, "10");
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "parts_total", whole);
	check_report_free(x.r);
	x.r = NULL;

	int ed, n3 = model_node_index(m, "trede3");
	CHECK_EQ_INT(calc_edition_id(s, "2018", 2017, &ed, &e), 0);
	unsigned char *within = calloc((size_t)m->n_areas, 1);
	within[model_area_index(m, "11")] = within[model_area_index(m, "111")] = within[model_area_index(m, "112")] = 1;
	calc_grid *all = calc_grid_load(s, m, ed, 2017, &e), *part = calc_grid_load_within(s, m, ed, 2017, within, &e);
	CHECK(all && part);
	if (all && part) {
		static const char *const same[] = {"11", "111", "112"};
		for (int i = 0; i < 3; i++) {
			int a = model_area_index(m, same[i]);
			CHECK_NEAR(calc_grid_get(part, a, n3).v, calc_grid_get(all, a, n3).v, 0);
			CHECK_EQ_INT(calc_grid_get(part, a, n3).known, 1);
		}
		calc_value v;
		CHECK_EQ_INT(calc_grid_reported(all, model_area_index(m, "10"), n3, &v), 1);
		CHECK_EQ_INT(calc_grid_reported(part, model_area_index(m, "10"), n3, &v), 0);
		const calc_diff *d;
		int nd = calc_grid_diffs(part, &d);
		CHECK_EQ_INT(nd, 1);
		if (nd == 1)
			CHECK_EQ_STR(m->areas[d[0].area].code, "11");
	}
	calc_grid_free(all);
	calc_grid_free(part);
	free(within);
	run_free(&x);
}

static void test_edition_option(void)
{
	store *s = fixture();
	/* edition 2017 has a gap in 111's rung 4, edition 2018 does not */
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     "2017,111,trede4,100,2017,\n2017,111,f4a,60,2017,\n"
			     "2017,111,trede4,60,2018,\n2017,111,f4a,60,2018,\n"),
		     0);
	check_options o;
	check_options_default(&o);
	run x = check_with(s, &o);
	EXPECT_RULE_COUNT(x, "parts_total", 0);
	EXPECT_RULE_COUNT(x, "revision", 1);
	model *m = x.m;
	check_report_free(x.r);
	lerr e;
	o.edition = "2017";
	x.r = check_run(s, m, &o, &e);
	EXPECT_RULE_COUNT(x, "parts_total", 1);
	if (nth(&x, "parts_total", 0))
		CHECK_NEAR(fig(nth(&x, "parts_total", 0), "sum_of_parts"), 60, 0);
	run_free(&x);
}

static void test_exit_status(void)
{
	check_report r = {0};
	check_finding f[3];
	memset(f, 0, sizeof f);
	r.findings = f;
	CHECK_EQ_INT(check_exit_status(&r), 0);
	f[0].severity = SEV_INFO;
	r.n_findings = 1;
	CHECK_EQ_INT(check_exit_status(&r), 0);
	f[1].severity = SEV_WARNING;
	r.n_findings = 2;
	CHECK_EQ_INT(check_exit_status(&r), 1);
	f[2].severity = SEV_ERROR;
	r.n_findings = 3;
	CHECK_EQ_INT(check_exit_status(&r), 2);
	f[0].severity = SEV_ERROR;
	f[2].severity = SEV_INFO;
	CHECK_EQ_INT(check_exit_status(&r), 2);
	CHECK_EQ_STR(rnd_severity_name(SEV_WARNING, 0), "waarschuwing");
	CHECK_EQ_STR(rnd_severity_name(SEV_ERROR, 1), "error");
	CHECK_EQ_STR(check_severity_code(SEV_ERROR), "error");
	CHECK_EQ_STR(check_severity_code(SEV_INFO), "info");
}

/* ------------------------------------------------------------ redaction */

/* Does the protected grid hide the cell? */
static int hidden_in(calc_grid *g, int area, int node)
{
	return area >= 0 && node >= 0 && (calc_grid_get(g, area, node).flags & CALC_CONFIDENTIAL);
}

/* check_redact withholds a finding only when it names a hidden figure or
 * states a sum with a hidden part (issue 11, defect 1): a finding about an
 * area whose scope holds hidden cells elsewhere is published whole. */
static void test_redact_names_hidden(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS
			     /* 2017: 3 persons in 121 (hidden); 12 reports 9 for f4a:
			      * a finding that names the hidden figure */
			     "2017,121,f4a,3,2018,\n2017,12,f4a,9,2018,\n"
			     /* 2018: 12 reports 40 for trede3, 121 has 30: a finding that
			      * names no hidden figure, about an area that held a hidden
			      * cell the year before (which the old rule withheld) */
			     "2018,12,trede3,40,2018,\n2018,121,trede3,30,2018,\n"),
		     0);
	run x = check_all(s);
	lerr e;
	int ed;
	CHECK_EQ_INT(calc_edition_id(s, "2018", 2017, &ed, &e), 0);
	calc_grid *g[2] = {calc_grid_load_protected(s, x.m, ed, 2017, &e), calc_grid_load_protected(s, x.m, ed, 2018, &e)};
	CHECK(g[0] && g[1]);
	if (!g[0] || !g[1]) {
		calc_grid_free(g[0]);
		calc_grid_free(g[1]);
		run_free(&x);
		return;
	}
	CHECK(hidden_in(g[0], model_area_index(x.m, "121"), model_node_index(x.m, "f4a")));
	CHECK_EQ_INT(check_redact(x.r, s, x.m, NULL, &e), 0);
	int withheld = 0, published_near_hidden = 0;
	for (int i = 0; i < x.r->n_findings; i++) {
		const check_finding *f = &x.r->findings[i];
		if (f->what != CHECK_SUB_AREAS || f->year < 2017 || f->year > 2018)
			continue;
		calc_grid *y = g[f->year - 2017];
		int named = hidden_in(y, f->area, f->node);
		for (int k = 0; k < x.m->areas[f->area].n_children; k++)
			named |= hidden_in(y, x.m->areas[f->area].children[k], f->node);
		CHECK_EQ_INT(f->withheld, named);
		withheld += f->withheld;
		if (!f->withheld && f->year == 2018 && calc_grid_hides_under(g[0], f->area)) {
			published_near_hidden++;
			CHECK(f->n_figures == 2 && strstr(say(x.m, f, 0), "(40)") != NULL);
		}
	}
	CHECK_EQ_INT(withheld, 1);
	CHECK_EQ_INT(published_near_hidden, 1);
	if (withheld != 1 || published_near_hidden != 1)
		dump(&x);
	calc_grid_free(g[0]);
	calc_grid_free(g[1]);
	run_free(&x);
}

/* A supplier's total as the import of a delivery keeps it (schema v15):
 * its cell, what it says and the figures it adds up ("area/form/year" of
 * edition 2018). */
static void supplier_total(store *s, int id, double value, const char *parts)
{
	lerr e;
	char sql[512];
	snprintf(sql, sizeof sql,
		 "INSERT INTO supplier_total VALUES (%d, 'levering.xlsx', 'Blad 1', 9, %d, 'row', 'Totaal', %g, 'p', '')", id,
		 id + 1, value);
	CHECK_EQ_INT(store_exec(s, sql, &e), 0);
	char area[16], form[16];
	int year, n;
	for (const char *p = parts; sscanf(p, "%15[^/]/%15[^/]/%d%n", area, form, &year, &n) == 3; p += n + (p[n] == ' ')) {
		snprintf(sql, sizeof sql,
			 "INSERT INTO supplier_total_part SELECT %d, e.id, %d, a.id, w.id FROM edition e, area a, work_form w"
			 " WHERE e.code = '2018' AND a.code = '%s' AND w.code = '%s'",
			 id, year, area, form);
		CHECK_EQ_INT(store_exec(s, sql, &e), 0);
	}
}

/* Rule supplier_total: a delivery's total against the stored figures it adds
 * up, silent when they agree or a part has no number. */
static void test_supplier_total(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2017,111,f4a,40,2018,\n2017,112,f4a,30,2018,\n2017,121,f4a,,2018,missing\n"
					   "2017,121,f4c,25,2018,\n"), 0);
	supplier_total(s, 1, 71, "111/f4a/2017 112/f4a/2017");  /* 70 stored: a finding */
	supplier_total(s, 2, 70, "111/f4a/2017 112/f4a/2017");  /* agrees */
	supplier_total(s, 3, 80, "111/f4a/2017 121/f4a/2017");  /* a part without a number */
	supplier_total(s, 4, 66, "121/f4c/2017 112/f4a/2017");  /* two work forms, two arrondissements */
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "supplier_total", 2);
	const check_finding *f = nth(&x, "supplier_total", 0), *g = nth(&x, "supplier_total", 1);
	CHECK_EQ_STR(area_of(&x, f), "11");
	CHECK(f && f->node == model_node_index(x.m, "f4a") && f->year == 2017 && f->n_refs == 2);
	CHECK(fig(f, "supplier_total") == 71 && fig(f, "sum_of_stored") == 70);
	CHECK_EQ_STR(say(x.m, f, 1), "levering.xlsx:'Blad 1'!B9: the delivery's total row 'Totaal' gives 71; the 2 stored "
				     "figures of edition 2018 it adds up come to 70 (difference 1)");
	CHECK_EQ_STR(say(x.m, f, 0), "levering.xlsx:'Blad 1'!B9: de totaalrij 'Totaal' van de levering geeft 71; de 2 "
				     "opgeslagen cijfers van editie 2018 die ze optelt, komen samen op 70 (verschil 1)");
	CHECK_EQ_STR(area_of(&x, g), "10");
	CHECK(g && g->node == -1 && fig(g, "sum_of_stored") == 55);
	run_free(&x);
	/* --area and --year keep the totals their scope holds */
	s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2017,111,f4a,40,2018,\n2017,112,f4a,30,2018,\n"), 0);
	supplier_total(s, 1, 71, "111/f4a/2017 112/f4a/2017");
	check_options o;
	check_options_default(&o);
	lerr e;
	model *m = store_load_model(s, &e);
	o.area = model_area_index(m, "12");
	model_free(m);
	x = check_with(s, &o);
	EXPECT_RULE_COUNT(x, "supplier_total", 0);
	check_report_free(x.r);
	model_free(x.m);
	check_options_default(&o);
	o.year = 2018;
	x = check_with(s, &o);
	EXPECT_RULE_COUNT(x, "supplier_total", 0);
	run_free(&x);
}

/* A published supplier_total finding is withheld when a part is hidden, or
 * when its sum could be taken from a published total to give a hidden cell
 * away (province 10 less 111 and 121 is 112). */
static void test_redact_supplier_total(void)
{
	store *s = fixture();
	CHECK_EQ_INT(unit_load(s, "f.csv", FIGS "2017,111,f4a,40,2018,\n2017,112,f4a,3,2018,\n2017,121,f4a,50,2018,\n"
					   "2017,121,f4c,60,2018,\n"), 0);
	supplier_total(s, 1, 44, "111/f4a/2017 112/f4a/2017");  /* names the hidden 3 */
	supplier_total(s, 2, 91, "111/f4a/2017 121/f4a/2017");  /* 10 - this = the hidden 3 */
	supplier_total(s, 3, 111, "121/f4a/2017 121/f4c/2017"); /* all of 121's rung 4: nothing hidden there */
	run x = check_all(s);
	EXPECT_RULE_COUNT(x, "supplier_total", 3);
	lerr e;
	CHECK_EQ_INT(check_redact(x.r, s, x.m, NULL, &e), 0);
	const check_finding *f[3] = {nth(&x, "supplier_total", 0), nth(&x, "supplier_total", 1), nth(&x, "supplier_total", 2)};
	CHECK(f[0] && f[0]->withheld && f[0]->n_figures == 0 && f[0]->n_refs == 0);
	CHECK(f[1] && f[1]->withheld);
	CHECK(f[2] && !f[2]->withheld && fig(f[2], "sum_of_stored") == 110);
	run_free(&x);
}

static void test_empty_store(void)
{
	run x = check_all(fixture());
	EXPECT_NO_FINDINGS(x);
	CHECK_EQ_INT(x.r->n_unchecked, 0);
	CHECK_EQ_INT(x.r->claims_checked, 0);
	CHECK_EQ_INT(check_exit_status(x.r), 0);
	run_free(&x);
}

void suite_check(void)
{
	RUN(test_parts_total_vs_parts);
	RUN(test_parts_total_equal_is_silent);
	RUN(test_parts_total_headline_vs_rungs);
	RUN(test_parts_total_synthetic_and_estimated_skipped);
	RUN(test_parts_total_area_vs_sub_areas);
	RUN(test_missing_now);
	RUN(test_missing_now_other_edition_is_not_missing);
	RUN(test_jump);
	RUN(test_jump_thresholds_are_options);
	RUN(test_validity);
	RUN(test_impossible_population);
	RUN(test_impossible_context_values);
	RUN(test_revision);
	RUN(test_revision_order_and_scope);
	RUN(test_check_work_is_linear);
	RUN(test_claim_numbers_with_their_rounding);
	RUN(test_claim_phrases);
	RUN(test_claim_division_by_observed_zero);
	RUN(test_claims_conflict_minimal_set);
	RUN(test_claims_conflict_pair_among_many);
	RUN(test_claims_consistent_set_is_silent);
	RUN(test_claims_on_estimates_are_constraints);
	RUN(test_scope_options);
	RUN(test_scope_reads_its_areas_only);
	RUN(test_edition_option);
	RUN(test_exit_status);
	RUN(test_redact_names_hidden);
	RUN(test_supplier_total);
	RUN(test_redact_supplier_total);
	RUN(test_empty_store);
}
