/* test_lineage.c - the lineage of work forms in the model: the chain a
 * series follows (renamed, merged and replaced predecessors, not split
 * ones), the break years, the links both ways. */
#include "harness.h"
#include "../../src/model/model.h"

#include <stdlib.h>

/* a b c d e f g: a renamed to b (2015-04-01); b and c merged into d
 * (2019-01-01 and 2019-07-01); e split into d and f (2017-01-01); d
 * replaced by g (2023-07-01). */
static model *lineage_model(void)
{
	model *m = model_new();
	model_reserve(m, 7, 0, 0);
	const char *codes[] = {"a", "b", "c", "d", "e", "f", "g"};
	for (int i = 0; i < 7; i++) {
		model_node n = {.id = i + 1, .code = codes[i], .name_nl = codes[i], .name_en = codes[i], .kind = KIND_FORM,
				.rung = 5, .subcategory = "", .parent = -1, .source = "", .counting_rule = "",
				.valid_from = "", .valid_to = "", .successors = "", .note = "", .abbr = ""};
		model_add_node(m, &n);
	}
	const model_lineage links[] = {
		{0, 1, LINEAGE_RENAMED, "2015-04-01", "", ""},
		{4, 3, LINEAGE_SPLIT_INTO, "2017-01-01", "", ""},
		{4, 5, LINEAGE_SPLIT_INTO, "2017-01-01", "", ""},
		{1, 3, LINEAGE_MERGED_INTO, "2019-01-01", "", ""},
		{2, 3, LINEAGE_MERGED_INTO, "2019-07-01", "", ""},
		{3, 6, LINEAGE_REPLACED_BY, "2023-07-01", "", ""},
	};
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		model_add_lineage(m, &links[i]);
	return m;
}

static int has(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

static void test_lineage_chain(void)
{
	model *m = lineage_model();
	int out[16];
	int n = model_lineage_chain(m, 6, out, 16); /* g: d, b, c, a; not e (split) */
	CHECK_EQ_INT(n, 5);
	CHECK_EQ_INT(out[0], 6);
	CHECK(has(out, n, 3) && has(out, n, 1) && has(out, n, 2) && has(out, n, 0));
	CHECK(!has(out, n, 4));
	CHECK_EQ_INT(model_lineage_chain(m, 0, out, 16), 1); /* a has no predecessor */
	CHECK_EQ_INT(model_lineage_chain(m, 6, out, 2), 5);  /* the count beyond cap */
	model_free(m);
}

static void test_lineage_breaks(void)
{
	model *m = lineage_model();
	int y[8];
	int n = model_lineage_breaks(m, 6, y, 8); /* 2015 (a->b), 2019 (twice), 2023; not 2017 (split) */
	CHECK_EQ_INT(n, 3);
	CHECK_EQ_INT(y[0], 2015);
	CHECK_EQ_INT(y[1], 2019);
	CHECK_EQ_INT(y[2], 2023);
	CHECK(model_lineage_breaks_in(m, 6, 2019));
	CHECK(!model_lineage_breaks_in(m, 6, 2017));
	CHECK(!model_lineage_breaks_in(m, 5, 2017)); /* f: a split part carries no chained break */
	CHECK_EQ_INT(model_lineage_breaks(m, 1, y, 8), 1); /* b: only its rename */
	CHECK_EQ_INT(model_lineage_breaks(m, 6, y, 1), 3);
	CHECK_EQ_INT(y[0], 2015);
	model_free(m);
}

static void test_lineage_links(void)
{
	model *m = lineage_model();
	int out[16];
	unsigned char pred[16];
	int n = model_lineage_links(m, 3, out, pred, 16); /* d: a->b, e->d, b->d, c->d before; d->g after */
	CHECK_EQ_INT(n, 5);
	for (int i = 0; i < n; i++) {
		const model_lineage *l = &m->lineage[out[i]];
		CHECK_EQ_INT(pred[i], l->to != 6);
		CHECK(l->to != 5); /* e->f is a sibling's link, not d's lineage */
	}
	CHECK(model_lineage_linked(m, 3, 1) && model_lineage_linked(m, 1, 3) && !model_lineage_linked(m, 0, 3));
	enum model_lineage_kind k;
	CHECK(model_lineage_kind_parse("split_into", &k) == 0 && k == LINEAGE_SPLIT_INTO);
	CHECK(model_lineage_kind_parse("absorbed", &k) < 0);
	CHECK_EQ_STR(model_lineage_kind_name(LINEAGE_REPLACED_BY), "replaced_by");
	model_free(m);
}

void suite_lineage(void)
{
	RUN(test_lineage_chain);
	RUN(test_lineage_breaks);
	RUN(test_lineage_links);
}
