/* test_fixture.c - see fixture.h (no suite of its own). */
#include "fixture.h"
#include "harness.h"

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
	store *s = store_open(":memory:", 1, &e);
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
