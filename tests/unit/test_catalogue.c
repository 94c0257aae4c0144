/* test_catalogue.c - suite catalogue: the pure parts of the work-form
 * catalogue's units, lists and validity overlaps (model.h). */
#include "harness.h"
#include "model/model.h"

static model_node form(const char *from, const char *to)
{
	model_node n = {0};
	n.code = "x";
	n.valid_from = from;
	n.valid_to = to;
	return n;
}

static void test_units(void)
{
	enum model_form_unit u;
	CHECK(model_form_unit_parse("trajectories", &u) == 0 && u == FORM_TRAJECTORIES);
	CHECK(model_form_unit_parse("Trajecten", &u) == 0 && u == FORM_TRAJECTORIES);
	CHECK(model_form_unit_parse("VTE", &u) == 0 && u == FORM_FTE);
	CHECK(model_form_unit_parse("plaatsen", &u) == 0 && u == FORM_PLACES);
	CHECK(model_form_unit_parse("personen", &u) == 0 && u == FORM_PERSONS);
	CHECK(model_form_unit_parse("hours", &u) < 0 && u == FORM_PERSONS);
	CHECK(model_form_unit_parse("", &u) < 0);
	for (int i = 0; i < MODEL_FORM_UNITS; i++)
		CHECK(model_form_unit_parse(model_form_unit_code((enum model_form_unit)i), &u) == 0 && (int)u == i);
}

static void test_list_has(void)
{
	CHECK(model_list_has("twe w2_activeringstraject", "twe"));
	CHECK(model_list_has("twe w2_activeringstraject", "w2_activeringstraject"));
	CHECK(model_list_has("a|b,c", "c"));
	CHECK(!model_list_has("twee", "twe"));   /* a word, not a prefix */
	CHECK(!model_list_has("atwe", "twe"));
	CHECK(!model_list_has("", "twe"));
	CHECK(!model_list_has("twe", ""));
}

static void test_overlap(void)
{
	int from = -1, to = -1;
	/* BW (open - 2018-12-31) and maatwerkbedrijf (2015-04-01 - open): 2015-2018 */
	model_node bw = form("", "2018-12-31"), mwb = form("2015-04-01", "");
	CHECK(model_validity_overlap(&bw, &mwb, &from, &to));
	CHECK_EQ_INT(from, 2015);
	CHECK_EQ_INT(to, 2018);
	CHECK(model_validity_overlap(&mwb, &bw, &from, &to) && from == 2015 && to == 2018);
	/* a hand-over on consecutive days is no overlap, even within one year */
	model_node lde = form("2007-01-01", "2023-06-30"), imw = form("2023-07-01", "");
	CHECK(!model_validity_overlap(&lde, &imw, &from, &to));
	/* one shared day is */
	model_node last = form("2023-07-01", "2023-07-01");
	CHECK(model_validity_overlap(&last, &imw, &from, &to) && from == 2023 && to == 2023);
	/* open on both sides: every year (0 and 9999 mark the open ends) */
	model_node open = form("", ""), gesco = form("", "2015-12-31");
	CHECK(model_validity_overlap(&gesco, &open, &from, &to) && from == 0 && to == 2015);
	CHECK(model_validity_overlap(&open, &open, &from, &to) && from == 0 && to == 9999);
	/* the fixed tat starts the day after GESCO ends */
	model_node tat = form("2016-01-01", "2017-12-31");
	CHECK(!model_validity_overlap(&gesco, &tat, &from, &to));
}

void suite_catalogue(void)
{
	RUN(test_units);
	RUN(test_list_has);
	RUN(test_overlap);
}
