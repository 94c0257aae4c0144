/* test_draft.c - suite draft: drafting a source profile (src/engine/draft.h)
 * from grids of cells as deliveries lay them out: titles and notes above
 * the table, headers over two rows with merged cells, total rows and
 * columns, footnotes, names of areas in every spelling and of before a
 * merger, numbers stored as text, units and months in headers. */
#include "fixture.h"
#include "harness.h"
#include "engine/draft.h"
#include "model/profile.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the reference model (areas with their history, the catalogue), once for the suite */
static store *ref_store;
static model *ref;

/* The draft read back by the profile parser (NULL when it refuses it). */
static prof *parsed(arena *a, const buf *out)
{
	prof *p = NULL;
	lerr e;
	if (prof_parse(a, "draft.profile", buf_cstr(out), out->len, 1, &p, &e) < 0)
		return NULL;
	return p;
}

static void done(draft_grid *g, draft_result *r)
{
	draft_result_free(r);
	draft_grid_free(g);
}

/* Rows separated by '\n', cells by '|'; a cell of digits is a number cell
 * (typed), one starting with ' is text ("'1.234", as Excel writes it). */
static void grid_of(draft_grid *g, long first_row, const char *text)
{
	draft_grid_init(g);
	long row = first_row;
	for (const char *line = text; *line; row++) {
		size_t len = strcspn(line, "\n");
		int col = 1;
		for (const char *c = line; c < line + len; col++) {
			size_t n = strcspn(c, "|\n");
			char cell[128];
			snprintf(cell, sizeof cell, "%.*s", (int)n, c);
			int text_cell = cell[0] == '\'';
			int typed = !text_cell && cell[0] && strspn(cell, "0123456789") == strlen(cell);
			if (cell[0])
				draft_grid_set(g, row, col, cell + text_cell, typed);
			c += n + (c[n] == '|');
		}
		line += len + (line[len] == '\n');
	}
}

static void merge(draft_grid *g, long r1, int c1, long r2, int c2)
{
	draft_grid_merge(g, (sheet_range){r1, r2, c1, c2});
}

static int has_issue(const draft_result *r, enum draft_what what, long row, int col)
{
	for (int i = 0; i < r->n_issues; i++)
		if (r->issues[i].what == what && (!row || (r->issues[i].row == row && r->issues[i].col == col)))
			return 1;
	return 0;
}

/* codes of indexes, "?" for none */
static const char *acode(const model *m, int i)
{
	return i >= 0 ? m->areas[i].code : "?";
}

static const char *ncode(const model *m, int i)
{
	return i >= 0 ? m->nodes[i].code : "?";
}

static const char *area_of(const model *m, const draft_result *r, const char *label)
{
	for (int i = 0; i < r->n_areas; i++)
		if (!strcmp(r->areas[i].label, label))
			return acode(m, r->areas[i].index);
	return "(none)";
}

static const char *form_of(const model *m, const draft_result *r, const char *label)
{
	for (int i = 0; i < r->n_forms; i++)
		if (!strcmp(r->forms[i].label, label))
			return ncode(m, r->forms[i].index);
	return "(none)";
}

static void test_draft_match(void)
{
	const model *m = ref;
	CHECK_EQ_STR(acode(m, draft_match_area(m, "sint niklaas", 0)), "46021");
	CHECK_EQ_STR(acode(m, draft_match_area(m, "SINT-NIKLAAS", 0)), "46021");
	CHECK_EQ_STR(acode(m, draft_match_area(m, "Brugge (stad)", 0)), "31005");
	CHECK_EQ_STR(acode(m, draft_match_area(m, "Brugge", 0)), "31005"); /* not the arrondissement */
	CHECK_EQ_STR(acode(m, draft_match_area(m, "2000", 0)), "02000");  /* a code that lost its zero */
	CHECK_EQ_STR(acode(m, draft_match_area(m, "Deinze", 2018)), "44011");
	CHECK_EQ_STR(acode(m, draft_match_area(m, "Deinze", 2019)), "44083");
	CHECK_EQ_STR(acode(m, draft_match_area(m, "Deinze", 0)), "44083");
	CHECK_EQ_STR(acode(m, draft_match_area(m, "Nevele", 2024)), "44049"); /* the old one: said later */
	CHECK_EQ_INT(draft_match_area(m, "Atlantis", 0), -1);
	CHECK_EQ_STR(ncode(m, draft_match_form(m, "Maatwerkbedrijven")), "maatwerkbedrijf");
	CHECK_EQ_STR(ncode(m, draft_match_form(m, "Maatwerkbedrijf")), "maatwerkbedrijf");
	CHECK_EQ_STR(ncode(m, draft_match_form(m, "collectief maatwerk")), "maatwerkbedrijf");
	CHECK_EQ_STR(ncode(m, draft_match_form(m, "MWB")), "maatwerkbedrijf");
	CHECK_EQ_STR(ncode(m, draft_match_form(m, "Lokale diensten-economie")), "lde");
	CHECK_EQ_STR(ncode(m, draft_match_form(m, "art. 60")), "art60");
	CHECK_EQ_INT(draft_match_form(m, "AZ SW"), -2); /* the decree's rung 3 and rung 4 */
	CHECK_EQ_INT(draft_match_form(m, "Jobcoaching"), -1);
	CHECK_EQ_INT(draft_month("December"), 12);
	CHECK_EQ_INT(draft_month("mrt"), 3); /* the Dutch abbreviation, as VDAB writes "mrt 2024" */
	CHECK_EQ_INT(draft_month("jan 2024"), 1);
	CHECK_EQ_INT(draft_month("2024M02"), 2);
	CHECK_EQ_INT(draft_month("3"), 0); /* a bare number is as likely a rung */
	CHECK_EQ_INT(draft_month("maa"), 3);
	CHECK_EQ_INT(draft_year("2024"), 2024);
	CHECK_EQ_INT(draft_year("20245"), 0);
	CHECK_EQ_INT(draft_year("1850"), 0);
	int second;
	CHECK_EQ_INT(draft_year_in_text("Toestand op 31/12/2024", &second), 2024);
	CHECK_EQ_INT(second, 0);
	CHECK_EQ_INT(draft_year_in_text("2023 en 2024", &second), 2023);
	CHECK_EQ_INT(second, 2024);
	CHECK_EQ_STR(ncode(m, draft_form_in_text(m, "Lokale diensteneconomie: werknemers per gemeente")), "lde");
	CHECK_EQ_INT(draft_form_in_text(m, "Cijfers per gemeente"), -1);
}

/* Issue 13's first layout: a title, a header over two rows (work forms
 * merged over their years, Gemeente and Totaal merged down), a Totaal row,
 * a blank row and footnotes. */
static void test_draft_wide_two_row_header(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 1,
		"VDAB - maatwerk per gemeente\n"
		"Aantal personen\n"
		"\n"
		"Gemeente|Maatwerkbedrijf||Lokale diensteneconomie||Totaal\n"
		"|2023|2024|2023|2024\n"
		"Brugge (stad)|120|130|45|50|345\n"
		"Sint Niklaas|80|85|30|'-|195\n"
		"KORTRIJK|60|66|12|14|152\n"
		"Totaal|260|281|87|64|692\n"
		"\n"
		"Bron: VDAB\n"
		"* voorlopig\n");
	merge(&g, 1, 1, 1, 6);
	merge(&g, 4, 1, 5, 1);
	merge(&g, 4, 2, 4, 3);
	merge(&g, 4, 4, 4, 5);
	merge(&g, 4, 6, 5, 6);
	draft_result r;
	CHECK_EQ_INT(draft_detect(&g, m, &r), 0);
	CHECK_EQ_INT(r.header_first, 4);
	CHECK_EQ_INT(r.header_last, 5);
	CHECK_EQ_INT(r.data_first, 6);
	CHECK_EQ_INT(r.data_last, 9);
	CHECK_EQ_INT(r.end_blank, 1);
	CHECK_EQ_STR(r.end_prefix, "Bron");
	CHECK_EQ_STR(r.supplier, "VDAB");
	CHECK_EQ_INT(r.n_total_rows, 1);
	CHECK_EQ_STR(r.total_rows[0], "Totaal");
	CHECK_EQ_INT(r.wide, 1);
	CHECK_EQ_INT(r.row_field[0], DRAFT_WORK_FORM);
	CHECK_EQ_INT(r.row_field[1], DRAFT_YEAR);
	CHECK_EQ_INT(r.col_field[1], DRAFT_AREA);
	CHECK_EQ_INT(r.col_field[6], DRAFT_TOTAL);
	CHECK_EQ_STR(draft_header_text(&r, &g, 6), "Totaal"); /* merged down: said once */
	CHECK_EQ_STR(draft_header_text(&r, &g, 3), "Maatwerkbedrijf / 2024");
	CHECK_EQ_STR(area_of(m, &r, "Brugge (stad)"), "31005");
	CHECK_EQ_STR(area_of(m, &r, "Sint Niklaas"), "46021");
	CHECK_EQ_STR(area_of(m, &r, "KORTRIJK"), "34022");
	CHECK_EQ_STR(area_of(m, &r, "Totaal"), "(none)");
	CHECK_EQ_STR(form_of(m, &r, "Lokale diensteneconomie"), "lde");
	CHECK_EQ_INT(r.n_missing, 1);
	CHECK_EQ_INT(r.unit, FORM_PERSONS);
	CHECK_EQ_INT(draft_undecided(&r), 0);
	buf out = BUF_INIT;
	draft_write(&r, &g, m, "vdab", "Gemeenten", &out);
	const char *p = buf_cstr(&out);
	CHECK(strstr(p, "\nheader = 4..5\n") != NULL);
	CHECK(strstr(p, "\nend = blank, prefix \"Bron\"\n") != NULL);
	CHECK(strstr(p, "\ncolumns = work_form, year\n") != NULL);
	CHECK(strstr(p, "\ncolumn area = A\n") != NULL);
	CHECK(strstr(p, "\ntotal column = \"Totaal\"\n") != NULL);
	CHECK(strstr(p, "\n\"Brugge (stad)\" = 31005\n") != NULL);
	CHECK(strstr(p, "column persons") == NULL); /* wide: the header gives the value columns */
	CHECK(!has_issue(&r, DRAFT_HEADER_EMPTY, 0, 0));
	arena a;
	arena_init(&a);
	prof *pf = parsed(&a, &out);
	CHECK(pf != NULL);
	if (pf) {
		CHECK_EQ_INT(pf->layout, PROF_WIDE);
		CHECK_EQ_INT(pf->header_first, 4);
		CHECK_EQ_INT(pf->header_last, 5);
		CHECK_EQ_INT(pf->n_wide, 2);
		CHECK_EQ_INT(pf->wide[0], PF_WORK_FORM);
		CHECK_EQ_INT(pf->wide[1], PF_YEAR);
		CHECK_EQ_INT(pf->column[PF_AREA].letter, 1);
		CHECK_EQ_INT(pf->total_rows.n, 1);
		CHECK_EQ_INT(pf->total_columns.n, 1);
		CHECK_EQ_STR(prof_map(pf->areas, pf->n_areas, "Brugge (stad)"), "31005");
		CHECK_EQ_STR(prof_map(pf->work_forms, pf->n_work_forms, "Maatwerkbedrijf"), "maatwerkbedrijf");
	}
	arena_release(&a);
	buf_release(&out);
	done(&g, &r);
}

/* Issue 13's second layout: long, names (an old one), labels of the
 * supplier, Dutch numbers stored as text, "-" for missing. */
static void test_draft_long_names_text_numbers(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 1,
		"Werkvormen per gemeente\n"
		"Jaar|Gemeente|Werkvorm|Aantal personen\n"
		"2018|Nevele|LDE|'1.234\n"
		"2018|Deinze|Maatwerkbedrijven|'56\n"
		"2018|BRUGGE|Wijk-werken|'-\n"
		"2018|Ieper|PWA|'<5\n");
	draft_result r;
	draft_detect(&g, m, &r);
	CHECK_EQ_INT(r.header_first, 2);
	CHECK_EQ_INT(r.data_first, 3);
	CHECK_EQ_INT(r.wide, 0);
	CHECK_EQ_INT(r.col_field[1], DRAFT_YEAR);
	CHECK_EQ_INT(r.col_field[2], DRAFT_AREA);
	CHECK_EQ_INT(r.col_field[3], DRAFT_WORK_FORM);
	CHECK_EQ_INT(r.col_field[4], DRAFT_VALUE);
	CHECK_EQ_INT(r.numbers, NUM_STYLE_DUTCH);
	CHECK_EQ_STR(area_of(m, &r, "Nevele"), "44049");
	CHECK_EQ_STR(area_of(m, &r, "Deinze"), "44011"); /* the Deinze of 2018 */
	CHECK(has_issue(&r, DRAFT_AREA_MERGED, 3, 2));
	CHECK_EQ_STR(form_of(m, &r, "Wijk-werken"), "wijkwerken");
	CHECK_EQ_INT(r.n_missing, 1);
	CHECK_EQ_STR(r.missing[0], "-");
	CHECK_EQ_INT(r.n_hidden, 1);
	CHECK_EQ_STR(r.hidden[0], "<5");
	CHECK_EQ_INT(draft_undecided(&r), 0);
	buf out = BUF_INIT;
	draft_write(&r, &g, m, "wse", NULL, &out);
	CHECK(strstr(buf_cstr(&out), "\nlayout = long\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "\ncolumn persons = D\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "\nnumbers = nl\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "\n\"Nevele\" = 44049   # ..2018-12-31 -> 44083\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "sheet") == NULL);
	arena a;
	arena_init(&a);
	prof *pf = parsed(&a, &out);
	CHECK(pf != NULL);
	if (pf) {
		CHECK_EQ_INT(pf->layout, PROF_LONG);
		CHECK_EQ_INT(pf->numbers, PROF_NUMBERS_NL);
		CHECK_EQ_INT(pf->column[PF_VALUE].letter, 4);
		CHECK_EQ_INT(pf->hidden.n, 1);
		CHECK_EQ_STR(prof_map(pf->areas, pf->n_areas, "Nevele"), "44049"); /* the comment after it is one */
	}
	arena_release(&a);
	buf_release(&out);
	done(&g, &r);
}

/* The same header without its merged ranges (an .xls file keeps none):
 * the columns under a gap have no work form. */
static void test_draft_header_gaps(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 1,
		"Gemeente|Maatwerkbedrijf||Lokale diensteneconomie\n"
		"|2023|2024|2023|2024\n"
		"Brugge|120|130|45|50\n");
	draft_result r;
	draft_detect(&g, m, &r);
	CHECK_EQ_INT(r.row_field[0], DRAFT_WORK_FORM);
	CHECK(has_issue(&r, DRAFT_HEADER_EMPTY, 1, 3));
	CHECK(has_issue(&r, DRAFT_HEADER_EMPTY, 1, 5));
	CHECK_EQ_INT(draft_undecided(&r), 2);
	done(&g, &r);
}

/* An old name after its merger, and one name for two areas across the
 * years of the figures, are undecided. */
static void test_draft_merger_years(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 1,
		"Jaar|Gemeente|Werkvorm|Aantal\n"
		"2018|Deinze|lde|12\n"
		"2019|Deinze|lde|14\n"
		"2020|Nevele|lde|15\n");
	draft_result r;
	draft_detect(&g, m, &r);
	CHECK(has_issue(&r, DRAFT_AREA_AMBIGUOUS, 2, 2));
	CHECK(has_issue(&r, DRAFT_AREA_AFTER_MERGER, 4, 2));
	CHECK_EQ_INT(draft_undecided(&r), 2);
	done(&g, &r);
}

/* Issue 13's third layout: one column per year, NIS codes beside the
 * names, the work form in the title only, footnotes right under the
 * table; a spanning header row above the years is left out. */
static void test_draft_years_title_footnotes(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 1,
		"Lokale diensteneconomie: werknemers per gemeente\n"
		"NIS-code|Gemeente|Aantal personen\n"
		"||2021|2022|2023\n"
		"31005|Brugge|10|12|14\n"
		"34022|Kortrijk|20|22|25\n"
		"Bron: Departement WSE\n"
		"(1) 2023 voorlopig\n");
	merge(&g, 2, 3, 2, 5);
	draft_result r;
	draft_detect(&g, m, &r);
	CHECK_EQ_INT(r.header_first, 3); /* "Aantal personen" gives no field */
	CHECK_EQ_INT(r.header_last, 3);
	CHECK_EQ_INT(r.data_last, 5);
	CHECK_EQ_INT(r.end_blank, 0);
	CHECK_EQ_STR(r.end_prefix, "Bron");
	CHECK_EQ_INT(r.col_field[1], DRAFT_AREA); /* the codes, not the names */
	CHECK_EQ_INT(r.col_field[2], DRAFT_IGNORE);
	CHECK_EQ_INT(r.row_field[0], DRAFT_YEAR);
	CHECK_EQ_STR(ncode(m, r.fixed_form), "lde");
	CHECK_EQ_INT(r.fixed_year, 0);
	CHECK_EQ_INT(r.year_min, 2021);
	CHECK_EQ_INT(r.year_max, 2023);
	CHECK_EQ_INT(r.n_areas, 0 + 2);
	CHECK_EQ_INT(draft_undecided(&r), 0);
	buf out = BUF_INIT;
	draft_write(&r, &g, m, "lde", "LDE", &out);
	CHECK(strstr(buf_cstr(&out), "\nfixed work_form = lde\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "\nignore column = B\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "[areas]") == NULL); /* codes need no map */
	arena a;
	arena_init(&a);
	prof *pf = parsed(&a, &out);
	CHECK(pf != NULL);
	if (pf) {
		CHECK_EQ_STR(pf->fixed[PF_WORK_FORM], "lde");
		CHECK_EQ_INT(pf->n_ignore, 1);
		CHECK_EQ_INT(pf->n_ends, 2);
	}
	arena_release(&a);
	buf_release(&out);
	done(&g, &r);
}

/* What stays undecided: no work form, two years in the title, an unknown
 * label, text in a figure cell, numbers in two styles, months. */
static void test_draft_undecided(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 3,
		"Cijfers 2023 en 2024 per gemeente\n"
		"Gemeente|januari|februari|december\n"
		"Brugge|'12.5|'1.234,5|'zie noot\n"
		"Atlantis|3|4|5\n");
	draft_result r;
	draft_detect(&g, m, &r);
	CHECK_EQ_INT(r.header_first, 4);
	CHECK_EQ_INT(r.row_field[0], DRAFT_MONTH);
	CHECK(has_issue(&r, DRAFT_MONTH_RULE, 0, 0));
	CHECK(has_issue(&r, DRAFT_TWO_YEARS, 0, 0));
	CHECK(has_issue(&r, DRAFT_NO_WORK_FORM, 0, 0));
	CHECK(has_issue(&r, DRAFT_AREA_UNKNOWN, 6, 1));
	CHECK(has_issue(&r, DRAFT_CELL_TEXT, 5, 4));
	CHECK(has_issue(&r, DRAFT_NUMBER_STYLE, 0, 0));
	buf out = BUF_INIT;
	draft_write(&r, &g, m, "x", NULL, &out);
	CHECK(strstr(buf_cstr(&out), "\n# fixed year = ?\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "\n# fixed work_form = ?\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "\n# \"Atlantis\" = ?\n") != NULL);
	CHECK(strstr(buf_cstr(&out), "\nmonth = december\n") != NULL);
	arena a;
	arena_init(&a);
	CHECK(parsed(&a, &out) == NULL); /* no year, no work form: the parser refuses it as it stands */
	arena_release(&a);
	buf_release(&out);
	done(&g, &r);
}

/* Units from header words; a sheet without a table. */
static void test_draft_unit_and_no_table(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 1, "Gemeente|Jaar|Werkvorm|Aantal plaatsen\nBrugge|2024|lde|12\n");
	draft_result r;
	draft_detect(&g, m, &r);
	CHECK_EQ_INT(r.unit, FORM_PLACES);
	done(&g, &r);
	grid_of(&g, 1, "Gemeente|Jaar|Werkvorm|VTE|Aantal trajecten\nBrugge|2024|lde|12|13\n");
	draft_detect(&g, m, &r);
	CHECK(has_issue(&r, DRAFT_UNIT_MIXED, 1, 5));
	CHECK(has_issue(&r, DRAFT_MANY_VALUES, 1, 5));
	done(&g, &r);
	grid_of(&g, 1, "Alleen tekst\nnog tekst|en meer\n");
	draft_detect(&g, m, &r);
	CHECK_EQ_INT(r.data_first, 0);
	CHECK(has_issue(&r, DRAFT_NO_TABLE, 0, 0));
	done(&g, &r);
}

/* A row of an area without figures is data, not a footnote; a text in
 * many figure cells is said once. */
static void test_draft_empty_row_is_data(void)
{
	const model *m = ref;
	draft_grid g;
	grid_of(&g, 1,
		"Lokale diensteneconomie\n"
		"Gemeente|2023|2024\n"
		"Brugge|1|5\n"
		"De Panne\n"
		"Ieper|3|'zie noot\n"
		"Kortrijk|4|'x\n"
		"Oostende|5|'zie noot\n"
		"Bron VDAB\n");
	draft_result r;
	draft_detect(&g, m, &r);
	CHECK_EQ_INT(r.header_first, 2);
	CHECK_EQ_INT(r.data_last, 7);
	CHECK_EQ_INT(r.col_field[3], DRAFT_VALUE); /* C: a figure, an "x" and text: still figures */
	CHECK_EQ_STR(area_of(m, &r, "De Panne"), "38008");
	CHECK_EQ_STR(r.end_prefix, "Bron");
	CHECK_EQ_INT(draft_undecided(&r), 1);
	int texts = 0;
	for (int i = 0; i < r.n_issues; i++)
		texts += r.issues[i].what == DRAFT_CELL_TEXT;
	CHECK_EQ_INT(texts, 1);
	done(&g, &r);
}

void suite_draft(void)
{
	lerr e;
	ref_store = unit_ref_store();
	ref = store_load_model(ref_store, &e);
	CHECK(ref != NULL);
	RUN(test_draft_empty_row_is_data);
	RUN(test_draft_match);
	RUN(test_draft_wide_two_row_header);
	RUN(test_draft_long_names_text_numbers);
	RUN(test_draft_merger_years);
	RUN(test_draft_header_gaps);
	RUN(test_draft_years_title_footnotes);
	RUN(test_draft_undecided);
	RUN(test_draft_unit_and_no_table);
	model_free(ref);
	store_close(ref_store);
}
