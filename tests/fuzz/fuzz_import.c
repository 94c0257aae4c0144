/* fuzz_import.c - libFuzzer target for every import kind (src/store/import*.c)
 * through imp_run_mem, on an in-memory store.
 *
 * The store is built once: the reference data (rungs, totals, areas,
 * indicators, catalogue, as `ladder init`) plus the demo's figures, context,
 * groupings and claims, so that inputs meet stored rows. Every input is
 * imported as a dry run, which rolls back, so each starts from the same store.
 *
 * The first byte picks what the rest is: byte % 8 below 7 puts the full
 * header of a kind in front (figures, context, catalog, areas, groupings,
 * claims, indicators), 7 takes the rest as a whole file with its own header
 * (also the kinds without a byte of their own: successions, editions);
 * bit 3 asks for --replace, bit 4 for --edition 2030.
 * Contract checked:
 *   - the status agrees with the report (0 <=> no error), at most
 *     IMP_MAX_ERRORS + 1 lines, each naming the file first;
 *   - no error line holds a control character (the import refuses them
 *     before it echoes a value);
 *   - an accepted file accounts for each row once (rows = inserted +
 *     unchanged + replaced);
 *   - the store is unchanged afterwards (counts of every table).
 * Build with tests/fuzz/run.sh. */
#include "../../src/store/import.h"
#include "../../src/store/store_impl.h" /* store_prepare: count the rows of every table */
#include "embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static store *S;
static long long before[9];
static const char *const tables[] = {"batch", "figure", "context", "work_form", "area", "area_member", "claim", "indicator",
				     "edition"};

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_import: invariant broken: %s\n%s\n", what, detail ? detail : "");
	abort();
}

static void load(const char *name)
{
	const embed_file *f = embed_find(name);
	if (!f)
		fail("embedded file missing", name);
	imp_options o = {0};
	imp_report r;
	if (imp_run_mem(S, f->name, f->data, f->len, &o, &r) < 0)
		fail("the fixture does not load", r.errors.ptr);
	imp_report_release(&r);
	if (strcmp(name, "ref/rungs.csv") == 0) {
		lerr e;
		if (store_begin(S, &e) < 0 || imp_add_total_nodes(S, &e) < 0 || store_commit(S, &e) < 0)
			fail("totals", e.msg);
	}
}

static void counts(long long *out)
{
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[96];
		sqlite3_stmt *st;
		lerr e;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		if (store_prepare(S, sql, &st, &e) < 0 || sqlite3_step(st) != SQLITE_ROW)
			fail("count", tables[i]);
		out[i] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	lerr e;
	S = store_open(":memory:", 1, 1, &e);
	if (!S)
		fail("store_open", e.msg);
	static const char *const files[] = {
		"ref/rungs.csv", "ref/areas.csv", "ref/indicators.csv", "ref/work_forms.csv", "ref/lineage.csv",
		"demo/regions-wvl.csv", "demo/figures-edition2018.csv", "demo/context.csv", "demo/claims.csv",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		load(files[i]);
	counts(before);
	return 0;
}

static const char *const headers[7] = {
	"year,area,work_form,persons,edition,flag,note\n",
	"year,area,indicator,value,edition,flag,note\n",
	"code,name_nl,rung,name_en,abbr,subcategory,source,counting_rule,valid_from,valid_to,successors,in_headline,note\n",
	"code,name_nl,level,name_en,parent,valid_from,valid_to\n",
	"group,name_nl,member,name_en\n",
	"id,text,year,expr,stated,area,edition,tolerance,source\n",
	"code,name_nl,unit,name_en,definition,age_band,source\n",
};

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned mode = data[0];
	buf in = BUF_INIT;
	if (mode % 8 < 7)
		buf_adds(&in, headers[mode % 8]);
	buf_add(&in, data + 1, size - 1);
	imp_options o = {.dry_run = 1, .replace = (mode >> 3) & 1, .edition = (mode >> 4) & 1 ? "2030" : NULL};
	imp_report r;
	int rc = imp_run_mem(S, "fuzz.csv", in.ptr ? in.ptr : "", in.len, &o, &r);

	if ((rc == 0) != (r.n_errors == 0))
		fail("status and error count disagree", r.errors.ptr);
	const char *err = r.errors.ptr ? r.errors.ptr : "";
	int lines = 0;
	for (const char *p = err; *p; lines++) {
		const char *nl = strchr(p, '\n');
		if (!nl)
			fail("error text does not end its line", err);
		if (strncmp(p, "fuzz.csv", 8) != 0)
			fail("error line does not name the file first", err);
		for (const char *q = p; q < nl; q++) {
			unsigned char c = (unsigned char)*q;
			if (c < 0x20 || c == 0x7F || (c == 0xC2 && (unsigned char)q[1] >= 0x80 && (unsigned char)q[1] < 0xA0))
				fail("error line holds a control character", err);
		}
		p = nl + 1;
	}
	if (lines > IMP_MAX_ERRORS + 1)
		fail("more error lines than the limit", err);
	if (rc == 0)
		for (int i = 0; i < r.n_files; i++) {
			const imp_file_report *f = &r.files[i];
			if (f->rows != f->inserted + f->unchanged + f->replaced) {
				char d[256];
				snprintf(d, sizeof d, "%s: rows %ld, inserted %ld, unchanged %ld, replaced %ld", f->kind, f->rows,
					 f->inserted, f->unchanged, f->replaced);
				fail("rows are not accounted for once each", d);
			}
		}
	imp_report_release(&r);
	buf_release(&in);
	long long after[9];
	counts(after);
	if (memcmp(before, after, sizeof before) != 0)
		fail("a dry run changed the store", NULL);
	return 0;
}
