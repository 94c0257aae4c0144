/* fuzz_pivot.c - libFuzzer target for the table builder's parameters
 * (url_query_all, src/http/url.c, and pvt_parse, src/render/pivot.c): what
 * /table and /api/v1/table make of any query, over the demo store's model
 * ($LADDER_FUZZ_DB, built once by tests/fuzz/run.sh).
 *
 * Checks, beside memory safety: every parameter url_query_all returns has
 * a valid name; a refusal has a message; an accepted spec is within the
 * bounds (cells, years), its lists hold valid indexes without repeats, its
 * years ascend, rows and cols differ, and its query string, read again,
 * gives the same query string (the permalink asks for the same table).
 * Build and run with tests/fuzz/run.sh. */
#include "fuzz_store.h"
#include "../../src/http/url.h"
#include "../../src/render/pivot.h"

#include <string.h>

static model *m;
static const int avail[] = {2016, 2017};

static void fail(const char *what, const char *q)
{
	fprintf(stderr, "fuzz_pivot: invariant broken: %s (query \"%s\")\n", what, q);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	store *s;
	fuzz_demo_store("fuzz_pivot", &s, &m);
	store_close(s);
	return 0;
}

static int parse(arena *a, const char *target, pvt_spec *sp, lerr *e)
{
	url_param up[URL_MAX_PIECES];
	pvt_param pp[URL_MAX_PIECES];
	int n = url_query_all(a, target, up, URL_MAX_PIECES);
	for (int i = 0; i < n; i++) {
		for (const char *c = up[i].name; *c; c++)
			if (!(*c == '_' || *c == '.' || *c == '-' || (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
			      (*c >= 'A' && *c <= 'Z')))
				fail("a parameter name with a character url.h does not allow", target);
		pp[i] = (pvt_param){up[i].name, up[i].value};
	}
	return pvt_parse(m, pp, n, avail, 2, 0, a, sp, e);
}

static int unique(const int *v, int n, int max)
{
	for (int i = 0; i < n; i++) {
		if (v[i] < 0 || v[i] >= max)
			return 0;
		for (int k = 0; k < i; k++)
			if (v[k] == v[i])
				return 0;
	}
	return 1;
}

static void check_spec(const pvt_spec *sp, const char *q)
{
	if ((long long)sp->n_areas * sp->n_years * sp->n_nodes * sp->n_measures > PVT_MAX_CELLS)
		fail("more cells than PVT_MAX_CELLS", q);
	if (sp->n_years > PVT_MAX_YEARS || sp->n_years < 1 || sp->n_areas < 1 || sp->n_nodes < 1 || sp->n_measures < 1)
		fail("a dimension without values, or too many years", q);
	for (int i = 1; i < sp->n_years; i++)
		if (sp->years[i] <= sp->years[i - 1])
			fail("years not ascending", q);
	if (!unique(sp->areas, sp->n_areas, m->n_areas) || !unique(sp->nodes, sp->n_nodes, m->n_nodes) ||
	    !unique(sp->measures, sp->n_measures, PVT_N_MEASURES))
		fail("a list with a repeat or a bad index", q);
	if (sp->rows == sp->cols)
		fail("rows and cols the same", q);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > URL_MAX_TARGET - 8)
		return 0;
	char target[URL_MAX_TARGET];
	memcpy(target, "/table?", 7);
	memcpy(target + 7, data, size);
	target[7 + size] = '\0';
	if (strlen(target) != 7 + size)
		return 0; /* a NUL inside: the server never sees one */
	arena a;
	arena_init(&a);
	pvt_spec sp;
	lerr e;
	lerr_clear(&e);
	if (parse(&a, target, &sp, &e) < 0) {
		if (!*e.msg)
			fail("a refusal without a message", target);
		arena_release(&a);
		return 0;
	}
	check_spec(&sp, target);
	buf q1 = BUF_INIT, q2 = BUF_INIT;
	buf_adds(&q1, "/table?");
	pvt_query_string(&q1, m, &sp);
	pvt_spec again;
	if (parse(&a, buf_cstr(&q1), &again, &e) < 0)
		fail("its own query string is refused", buf_cstr(&q1));
	buf_adds(&q2, "/table?");
	pvt_query_string(&q2, m, &again);
	if (strcmp(buf_cstr(&q1), buf_cstr(&q2)) != 0)
		fail("the query string does not ask for the same table", target);
	buf_release(&q1);
	buf_release(&q2);
	arena_release(&a);
	return 0;
}
