/* fuzz_persons.c - libFuzzer target for the episode reader of ladder
 * persons (src/engine/persons*.c).
 *
 * The input is an episode file, read from memory twice: as a snapshot
 * (with a rung column, or the rungs of a made-up catalogue) and as flows.
 * Checks what the contract promises: an error names "name:line:col: ",
 * persons per rung add up to persons per work form in every area, persons
 * never exceed places, rows come sorted and unique; flows never count a
 * person with nothing on both dates, and their persons at the second date
 * equal the snapshot's of that date. Build and run with tests/fuzz/run.sh. */
#include "../../src/engine/persons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_persons: invariant broken: %s\n", what);
	abort();
}

/* a catalogue: labels starting with a letter a-f are rungs 1-6, others unknown */
static int rung_of(void *ctx, const char *form, lerr *err)
{
	(void)ctx;
	(void)err;
	return form[0] >= 'a' && form[0] <= 'f' ? form[0] - 'a' + 1 : 0;
}

static void check_error(const lerr *e)
{
	if (strncmp(e->msg, "in:", 3))
		fail("message does not start with the name");
	const char *p = e->msg + 3;
	long line = strtol(p, (char **)&p, 10);
	if (line < 1 || *p != ':')
		fail("no line number");
	long col = strtol(p + 1, (char **)&p, 10);
	if (col < 1 || strncmp(p, ": ", 2))
		fail("no column");
}

static long snapshot_total(const prs_result *r, int is_form)
{
	long n = 0;
	for (int i = 0; i < r->n_snap; i++)
		if (r->snap[i].is_form == is_form)
			n += r->snap[i].persons;
	return n;
}

static void check_snapshot(const prs_result *r)
{
	for (int i = 0; i < r->n_snap; i++) {
		const prs_snap_row *s = &r->snap[i];
		if (s->persons > s->places || s->places <= 0)
			fail("persons above places, or a row without places");
		if (i) {
			const prs_snap_row *t = &r->snap[i - 1];
			int c = t->is_form != s->is_form ? (t->is_form ? -1 : 1) : t->area != s->area ? (t->area < s->area ? -1 : 1) : strcmp(t->key, s->key);
			if (c >= 0)
				fail("snapshot rows not sorted and unique");
		}
	}
	if (snapshot_total(r, 0) != snapshot_total(r, 1))
		fail("persons per rung and per work form differ");
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data;
	for (int mode = 0; mode < 2; mode++) {
		prs_opts o = {.dates = {20190701, 20200101}, .n_dates = mode ? 2 : 1, .snapshot = 1, .rung_of = rung_of,
			      .precedence = size & 1 ? PRS_LOWEST : PRS_HIGHEST};
		if (!mode)
			o.dates[0] = 20200101;
		prs_result *r = NULL;
		lerr e;
		if (prs_run_mem("in", s, size, &o, &r, &e) < 0) {
			check_error(&e);
			continue;
		}
		check_snapshot(r);
		if (mode) {
			long at_d2 = 0;
			for (int i = 0; i < r->n_flows; i++) {
				const prs_flow_row *f = &r->flows[i];
				if ((!f->rung1 && !f->rung2) || f->persons <= 0 || f->rung1 > 6 || f->rung2 > 6)
					fail("a flow row out of range");
				if (i && (r->flows[i - 1].area > f->area ||
					  (r->flows[i - 1].area == f->area && r->flows[i - 1].rung1 * 7 + r->flows[i - 1].rung2 >= f->rung1 * 7 + f->rung2)))
					fail("flow rows not sorted and unique");
				if (f->rung2)
					at_d2 += f->persons;
			}
			if (at_d2 != snapshot_total(r, 0))
				fail("flows and the snapshot of the second date disagree");
		}
		prs_result_free(r);
	}
	return 0;
}
