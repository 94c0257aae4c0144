/* fuzz_profile.c - libFuzzer target for source profiles (src/model/profile.c).
 *
 * The input is parsed as a profile. Contract checked: either a profile
 * whose fields are consistent (a name, a layout, each field placed at most
 * once, header rows in order, the first data row after them, labels with a
 * code), or LERR_PARSE with a message and a line and column inside the text
 * (line 1 .. lines + 1, column >= 1). Build with tests/fuzz/run.sh (compiled
 * with src/model/profile.c and src/model/model.c). */
#include "../../src/model/profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_profile: invariant broken: %s\n", what);
	abort();
}

static void check_labels(const prof_label *m, int n)
{
	for (int i = 0; i < n; i++) {
		if (!m[i].label || !m[i].code || !*m[i].code || !m[i].folded || !*m[i].folded)
			fail("a label without its text or code");
		if (prof_map(m, n, m[i].label) != m[i].code)
			fail("a label does not map to its own code");
	}
}

static void check_profile(const prof *p)
{
	if (!p->name || !*p->name || (p->layout != PROF_LONG && p->layout != PROF_WIDE))
		fail("a profile without a name or layout");
	if (p->header_first > p->header_last || (p->header_last && p->data <= p->header_last))
		fail("header rows out of order, or data inside the header");
	int given[PF_N] = {0};
	for (int f = 0; f < PF_N; f++)
		given[f] = p->has_column[f] + (p->fixed[f] != NULL);
	for (int i = 0; i < p->n_wide; i++)
		given[p->wide[i]]++;
	for (int f = 0; f < PF_N; f++)
		if (given[f] > 1)
			fail("a field placed twice");
	for (int f = 0; f < PF_N; f++)
		if (p->has_column[f] && !p->column[f].header && p->column[f].letter < 1)
			fail("a column that is neither a header nor letters");
	check_labels(p->work_forms, p->n_work_forms);
	check_labels(p->areas, p->n_areas);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	long lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	arena a;
	arena_init(&a);
	lerr e;
	memset(&e, 0, sizeof e);
	prof *p = NULL;
	int rc = prof_parse(&a, "fuzz.profile", (const char *)data, size, 1, &p, &e);
	if (rc == 0) {
		check_profile(p);
	} else {
		if (rc != LERR_PARSE || e.code != LERR_PARSE || !e.msg[0])
			fail("a failure that is not LERR_PARSE with a message");
		if (e.line < 1 || e.line > lines || e.column < 1)
			fail("an error position outside the text");
	}
	arena_release(&a);
	return 0;
}
