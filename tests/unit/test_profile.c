/* test_profile.c - suite profile: source profiles (src/model/profile.c):
 * the documented example parses to what it says, and bad profiles are
 * refused at the line and column of the fault with what was expected. */
#include "harness.h"
#include "model/profile.h"

#include <stdio.h>
#include <string.h>

static const char example[] =
	"# VDAB, maatwerk per gemeente\n"
	"format        = 1\n"
	"name          = vdab-maatwerk            # the key in the store\n"
	"sheet         = \"Gemeenten\"\n"
	"header        = 4..5\n"
	"end           = blank, label \"Totaal\", prefix \"Bron\"\n"
	"layout        = wide\n"
	"unit          = trajecten\n"
	"missing       = \"-\", \"x\", \"\"\n"
	"column area   = \"Gemeente\"\n"
	"columns       = work_form, year\n"
	"fixed edition = 2025\n"
	"total row     = \"Totaal\"\n"
	"ignore column = \"Opmerking\", F\n"
	"[work_forms]\n"
	"\"Maatwerkbedrijf\" = maatwerkbedrijf\n"
	"\"Lokale diensteneconomie\" = lde\n"
	"[areas]\n"
	"\"Brugge (stad)\" = 31005\n";

static void test_example(void)
{
	arena a;
	arena_init(&a);
	lerr e;
	prof *p = NULL;
	CHECK_EQ_INT(prof_parse(&a, "x.profile", example, strlen(example), 1, &p, &e), 0);
	if (p) {
		CHECK_EQ_STR(p->name, "vdab-maatwerk");
		CHECK_EQ_STR(p->sheet, "Gemeenten");
		CHECK_EQ_INT(p->header_first, 4);
		CHECK_EQ_INT(p->header_last, 5);
		CHECK_EQ_INT((int)p->data, 6);
		CHECK_EQ_INT(p->n_ends, 3);
		CHECK_EQ_INT(p->ends[1].kind, PROF_END_LABEL);
		CHECK_EQ_STR(p->ends[1].text, "Totaal");
		CHECK_EQ_INT(p->layout, PROF_WIDE);
		CHECK_EQ_STR(p->unit, "trajectories");
		CHECK_EQ_INT(p->missing.n, 3);
		CHECK_EQ_STR(p->column[PF_AREA].header, "Gemeente");
		CHECK_EQ_INT(p->n_wide, 2);
		CHECK_EQ_INT(p->wide[0], PF_WORK_FORM);
		CHECK_EQ_STR(p->fixed[PF_EDITION], "2025");
		CHECK_EQ_INT(p->n_ignore, 2);
		CHECK_EQ_INT(p->ignore[1].letter, 6);
		CHECK_EQ_STR(prof_map(p->work_forms, p->n_work_forms, "lokale diensten-economie"), "lde");
		CHECK_EQ_STR(prof_map(p->areas, p->n_areas, "BRUGGE stad"), "31005");
		CHECK(prof_map(p->areas, p->n_areas, "Gent") == NULL);
	}
	arena_release(&a);
}

/* Each bad profile: the line and column of its error, and a word the message must hold. */
static void test_errors(void)
{
	static const struct {
		const char *text;
		int line, column;
		const char *says;
	} cases[] = {
		{"format = 1\nname = x\nlayout = long\ncolour = red\n", 4, 1, "unknown key 'colour'"},
		{"format = 1\nname = X\n", 2, 8, "lower-case"},
		{"format = 2\n", 1, 10, "format version"},
		{"format = 1\nname = x\nheader = 5..4\n", 3, 10, "M >= N"},
		{"format = 1\nname = x\nlayout = diagonal\n", 3, 10, "long or wide"},
		{"format = 1\nname = x\ncolumn persons = \"Aantal\n", 3, 18, "unterminated"},
		{"format = 1\nname = x\ncolumn persons = Aantal\n", 3, 18, "letters"},
		{"format = 1\nname = x\nname = y\n", 3, 1, "twice"},
		{"format = 1\nname = x\nlayout = long\nheader = 1\ncolumn persons = C\ncolumn area = A\ncolumn year = B\n"
		 "fixed work_form = w\ncolumn month = D\n",
		 9, 16, "month = december"},
		{"format = 1\nname = x\nlayout = long\ncolumn persons = C\ncolumn area = A\ncolumn year = B\nfixed year = 2020\n"
		 "fixed work_form = w\n",
		 6, 15, "more than once"},
		{"format = 1\nname = x\n[areas]\n\"Brugge\" = 31005\n\"brugge!\" = 31005\n", 5, 1, "twice"},
		{"format = 1\nname = x\n[regions]\n", 3, 1, "[work_forms] or [areas]"},
		{"format = 1\nname = x\nend = blank, colour \"x\"\n", 3, 14, "end rule"},
		{"format = 1\nname = x\nlayout = wide\nheader = 4..5\ncolumns = year\ncolumn area = A\nfixed work_form = w\n", 5, 1,
		 "one field"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		arena a;
		arena_init(&a);
		lerr e;
		prof *p = NULL;
		int rc = prof_parse(&a, "p.profile", cases[i].text, strlen(cases[i].text), 1, &p, &e);
		CHECK_EQ_INT(rc, LERR_PARSE);
		CHECK_EQ_INT((int)e.line, cases[i].line);
		CHECK_EQ_INT(e.column, cases[i].column);
		CHECK(strstr(e.msg, cases[i].says) != NULL);
		if (!strstr(e.msg, cases[i].says) || (int)e.line != cases[i].line || e.column != cases[i].column)
			fprintf(stderr, "  case %zu: %ld:%d: %s\n", i, e.line, e.column, e.msg);
		arena_release(&a);
	}
}

/* Month headers as suppliers write them, with the year some give with them. */
static void test_months(void)
{
	static const struct {
		const char *label;
		int month, year;
	} cases[] = {
		{"januari", 1, 0}, {"Jan", 1, 0}, {"maa", 3, 0}, {"mrt", 3, 0}, {"MEI", 5, 0}, {"sept", 9, 0},
		{"okt", 10, 0}, {"October", 10, 0}, {"12", 12, 0}, {"jan 2024", 1, 2024}, {"mrt-2024", 3, 2024},
		{"2024 december", 12, 2024}, {"2024-01", 1, 2024}, {"01/2024", 1, 2024}, {"2024M07", 7, 2024},
		{"2024m12", 12, 2024}, {"2024-12-31", 12, 2024}, {"Totaal", 0, 0}, {"13", 0, 0}, {"2024", 0, 0},
		{"jan 24", 0, 0}, {"2024M13", 0, 0}, {"ja", 0, 0}, {"", 0, 0}, {"jan 2024 extra", 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int year = -1, month = prof_month_year(cases[i].label, &year);
		CHECK_EQ_INT(month, cases[i].month);
		CHECK_EQ_INT(month ? year : 0, cases[i].year);
		CHECK_EQ_INT(prof_month(cases[i].label), cases[i].month);
		if (month != cases[i].month)
			fprintf(stderr, "  '%s': month %d\n", cases[i].label, month);
	}
}

void suite_profile(void)
{
	RUN(test_example);
	RUN(test_errors);
	RUN(test_months);
}
