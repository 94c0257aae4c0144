/* test_store.c - the store's named reads (src/store/store_list.c) and what
 * their callers make of a store that fails (issue 10: a failure reaches the
 * user as a failure, never as "absent" or an empty list). The tables are
 * dropped on purpose through the store's private store_exec. */
#include "harness.h"
#include "fixture.h"
#include "render/export.h"
#include "render/report.h"
#include "store/store_impl.h" /* store_exec: break a store on purpose */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct seen {
	int rows;
	long long sum;
	char text[256];
} seen;

static void saw_edition(void *p, const store_edition_info *e)
{
	seen *x = p;
	x->rows++;
	x->sum += e->figures;
	snprintf(x->text + strlen(x->text), sizeof x->text - strlen(x->text), "%s:%d-%d:%d ", e->code,
		 e->n_figure_years ? e->figure_years[0] : 0, e->n_figure_years ? e->figure_years[e->n_figure_years - 1] : 0,
		 e->n_files);
}

static void saw_batch(void *p, const store_batch *b)
{
	seen *x = p;
	x->rows++;
	x->sum += b->rows;
}

static void saw_flag(void *p, const char *flag, long long n)
{
	seen *x = p;
	x->rows++;
	x->sum += n;
	(void)flag;
}

static void saw_estimate(void *p, const store_estimate *est)
{
	seen *x = p;
	x->rows++;
	(void)est;
}

static void saw_value(void *p, int year, int known, double value, const char *flag)
{
	seen *x = p;
	x->rows++;
	(void)year, (void)known, (void)value, (void)flag;
}

/* What the demo holds, read through the named functions. */
static void test_listings(void)
{
	model *m;
	store *s = unit_demo_model(&m);
	if (!m) {
		store_close(s);
		return;
	}
	lerr e;
	seen x = {0};
	CHECK_EQ_INT(store_edition_list(s, STORE_EDITION_FIGURES | STORE_EDITION_FILES, saw_edition, &x, &e), 0);
	CHECK_EQ_INT(x.rows, 2);
	CHECK(x.sum > 0);
	CHECK(strstr(x.text, "2017:") == x.text); /* edition order, oldest first */
	memset(&x, 0, sizeof x);
	CHECK_EQ_INT(store_batches(s, saw_batch, &x, &e), 0);
	CHECK(x.rows >= 8);
	int n = -1;
	CHECK_EQ_INT(store_user_batches(s, &n, &e), 0);
	CHECK_EQ_INT(n, 0); /* every file is compiled in */
	int y = 0;
	CHECK_EQ_INT(store_latest_year(s, "figure", &y, &e), 0);
	CHECK(y >= 2017);
	int ed = 0;
	CHECK_EQ_INT(store_edition(s, "2018", 0, &ed, &e), 0);
	memset(&x, 0, sizeof x);
	CHECK_EQ_INT(store_flag_counts(s, ed, 2017, saw_flag, &x, &e), 0);
	CHECK(x.rows >= 1 && x.sum > 0);
	int wvl = model_area_index(m, "30000"), fl = m->flanders;
	CHECK(wvl >= 0 && fl >= 0);
	memset(&x, 0, sizeof x);
	CHECK_EQ_INT(store_estimates(s, ed, 2017, m->areas[wvl].id, m->areas[fl].id, saw_estimate, &x, &e), 0);
	CHECK(x.rows >= 1); /* the demo's estimated Flemish figures */
	int ii = model_indicator_index(m, "wage_employees");
	CHECK(ii >= 0);
	memset(&x, 0, sizeof x);
	CHECK_EQ_INT(store_context_series(s, m->areas[wvl].id, m->indicators[ii].id, 1990, 2100, saw_value, &x, &e), 0);
	CHECK(x.rows >= 1);
	/* the cached statement is reset: asked again, the same answer */
	int first = x.rows;
	memset(&x, 0, sizeof x);
	CHECK_EQ_INT(store_context_series(s, m->areas[wvl].id, m->indicators[ii].id, 1990, 2100, saw_value, &x, &e), 0);
	CHECK_EQ_INT(x.rows, first);
	model_free(m);
	store_close(s);
}

/* Each listing with its table gone fails with the store's message. */
static void test_listings_fail(void)
{
	store *s = unit_demo_store();
	lerr e;
	seen x = {0};
	int n, *years;
	CHECK_EQ_INT(store_exec(s, "DROP TABLE context", &e), 0);
	lerr_clear(&e);
	CHECK_EQ_INT(store_context_series(s, 1, 1, 1990, 2100, saw_value, &x, &e), LERR_DB);
	CHECK(strstr(e.msg, "context") != NULL);
	CHECK_EQ_INT(store_context_years(s, 1990, 2100, &years, &n, &e), LERR_DB);
	CHECK(years == NULL && n == 0);
	CHECK_EQ_INT(store_estimates(s, 1, 2017, 1, 2, saw_estimate, &x, &e), LERR_DB);
	CHECK_EQ_INT(store_exec(s, "DROP TABLE grid_cache; DROP TABLE disclosure_pattern; DROP TABLE figure", &e), 0);
	CHECK_EQ_INT(store_flag_counts(s, 1, 2017, saw_flag, &x, &e), LERR_DB);
	CHECK_EQ_INT(store_edition_list(s, STORE_EDITION_FIGURES, saw_edition, &x, &e), LERR_DB);
	CHECK_EQ_INT(x.rows, 0); /* nothing half listed */
	CHECK_EQ_INT(store_edition_list(s, 0, saw_edition, &x, &e), 0); /* the editions themselves are there */
	CHECK_EQ_INT(store_exec(s, "DROP TABLE batch", &e), 0);
	memset(&x, 0, sizeof x);
	CHECK_EQ_INT(store_batches(s, saw_batch, &x, &e), LERR_DB);
	n = -1;
	CHECK_EQ_INT(store_user_batches(s, &n, &e), LERR_DB);
	CHECK(strstr(e.msg, "batch") != NULL);
	CHECK_EQ_INT(store_exec(s, "DROP TABLE coverage", &e), 0);
	int y = -1;
	CHECK_EQ_INT(store_latest_year(s, "figure", &y, &e), LERR_DB);
	store_close(s);
}

/* The report and the annex fail when a table they read fails, instead of
 * leaving a section out (the report's editions read the batches; the
 * annex's sources sheet lists them). */
static void test_report_and_annex_fail(void)
{
	model *m;
	store *s = unit_demo_model(&m);
	if (!m) {
		store_close(s);
		return;
	}
	lerr e;
	rpt_options o = {model_area_index(m, "30000"), 2017, NULL, 0, RPT_MAP_RATE, 0, 0, RPT_MAP_MUNICIPALITIES};
	rpt_doc *d = rpt_build(s, m, &o, &e);
	CHECK(d != NULL);
	rpt_free(d);
	char path[] = "/tmp/ladder-unit-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ_INT(exp_xlsx(s, m, 2016, 2017, 0, path, &e), 0);
	/* the figures refer to their batch: no foreign keys for the drop */
	CHECK_EQ_INT(store_exec(s, "PRAGMA foreign_keys = OFF; DROP TABLE batch", &e), 0);
	lerr_clear(&e);
	d = rpt_build(s, m, &o, &e);
	CHECK(d == NULL);
	CHECK(e.code == LERR_DB && strstr(e.msg, "batch") != NULL);
	rpt_free(d);
	unlink(path);
	model_free(m);
	store_close(s);

	/* the annex's context sheet on a second store, its batches intact */
	s = unit_demo_model(&m);
	if (!m) {
		store_close(s);
		return;
	}
	CHECK_EQ_INT(store_exec(s, "DROP TABLE context", &e), 0);
	lerr_clear(&e);
	CHECK_EQ_INT(exp_xlsx(s, m, 2016, 2017, 0, path, &e), LERR_DB);
	CHECK(strstr(e.msg, "context") != NULL);
	unlink(path);
	model_free(m);
	store_close(s);
}

void suite_store(void)
{
	RUN(test_listings);
	RUN(test_listings_fail);
	RUN(test_report_and_annex_fail);
}
