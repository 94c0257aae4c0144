/* test_fixture.c - see fixture.h (no suite of its own). */
#include "fixture.h"
#include "harness.h"
#include "base/embed.h"

#include <stdio.h>
#include <string.h>

int unit_load(store *s, const char *name, const char *csv)
{
	imp_report r;
	imp_options o = {0};
	int rc = imp_run_mem(s, name, csv, strlen(csv), &o, &r);
	if (rc < 0)
		fprintf(stderr, "%s refused:\n%s", name, buf_cstr(&r.errors));
	imp_report_release(&r);
	return rc;
}

store *unit_store(const char *rungs, const char *areas, const char *catalog, const char *indicators, const char *groups)
{
	lerr e;
	store *s = store_open(":memory:", 1, 1, &e);
	CHECK(s != NULL);
	CHECK_EQ_INT(unit_load(s, "rungs.csv", rungs), 0);
	CHECK_EQ_INT(store_begin(s, &e), 0);
	CHECK_EQ_INT(imp_add_total_nodes(s, &e), 0);
	CHECK_EQ_INT(store_commit(s, &e), 0);
	CHECK_EQ_INT(unit_load(s, "areas.csv", areas), 0);
	CHECK_EQ_INT(unit_load(s, "catalog.csv", catalog), 0);
	CHECK_EQ_INT(unit_load(s, "ind.csv", indicators), 0);
	if (groups)
		CHECK_EQ_INT(unit_load(s, "groups.csv", groups), 0);
	return s;
}

/* The compiled-in files, in order; the rungs first (then the totals). */
static store *embedded_store(const char *const *files, size_t n)
{
	lerr e;
	store *s = store_open(":memory:", 1, 1, &e);
	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const embed_file *f = embed_find(files[i]);
		CHECK(f != NULL);
		if (!f)
			continue;
		imp_options o = {0};
		imp_report r;
		int rc = imp_run_mem(s, f->name, f->data, f->len, &o, &r);
		if (rc < 0)
			unit_fail(__FILE__, __LINE__, "%s: %s", f->name, buf_cstr(&r.errors));
		imp_report_release(&r);
		if (i == 0) {
			CHECK_EQ_INT(store_begin(s, &e), 0);
			CHECK_EQ_INT(imp_add_total_nodes(s, &e), 0);
			CHECK_EQ_INT(store_commit(s, &e), 0);
		}
	}
	return s;
}

store *unit_demo_store(void)
{
	static const char *const files[] = {
		"ref/rungs.csv", "ref/areas.csv", "ref/indicators.csv", "ref/work_forms.csv", "demo/regions-wvl.csv",
		"demo/figures-edition2017.csv", "demo/figures-edition2018.csv", "demo/flanders-estimated.csv",
		"demo/synthetic-municipalities.csv", "demo/context.csv",
	};
	return embedded_store(files, sizeof files / sizeof files[0]);
}

store *unit_ref_store(void)
{
	static const char *const files[] = {"ref/rungs.csv", "ref/areas.csv", "ref/successions.csv", "ref/work_forms.csv"};
	return embedded_store(files, sizeof files / sizeof files[0]);
}

static store *with_model(store *s, model **m, const char *what)
{
	*m = NULL;
	CHECK(s != NULL);
	if (!s)
		return NULL;
	lerr e;
	*m = store_load_model(s, &e);
	if (!*m)
		unit_fail(__FILE__, __LINE__, "%s's model: %s", what, e.msg);
	return s;
}

store *unit_demo_model(model **m)
{
	return with_model(unit_demo_store(), m, "the demo");
}

store *unit_ref_model(model **m)
{
	return with_model(unit_ref_store(), m, "the reference data");
}
