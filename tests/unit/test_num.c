/* test_num.c - suite num: counts and decimals as Belgian spreadsheets write
 * them, and the per-file decimal style that keeps "1.309" from being read two
 * ways in one file. */
#include "harness.h"
#include "num.h"

#include <stdio.h>

/* Parses a count that must succeed; reports at the caller's line. */
static void count_ok(const char *file, int line, const char *s, long long want)
{
	long long v = -999;
	const char *why = NULL;
	int rc = num_parse_count(s, &v, &why);
	if (rc != 0)
		unit_fail(file, line, "num_parse_count(\"%s\") failed: %s", s, why ? why : "(no why)");
	else if (v != want)
		unit_fail(file, line, "num_parse_count(\"%s\") = %lld, want %lld", s, v, want);
}

static void count_bad(const char *file, int line, const char *s)
{
	long long v = -999;
	const char *why = NULL;
	int rc = num_parse_count(s, &v, &why);
	if (rc != LERR_PARSE)
		unit_fail(file, line, "num_parse_count(\"%s\") = %d (value %lld), want LERR_PARSE", s, rc, v);
	else if (!why || !*why)
		unit_fail(file, line, "num_parse_count(\"%s\") gave no explanation", s);
	else if (v != -999)
		unit_fail(file, line, "num_parse_count(\"%s\") wrote %lld on failure", s, v);
}

#define COUNT_OK(s, want) count_ok(__FILE__, __LINE__, (s), (want))
#define COUNT_BAD(s) count_bad(__FILE__, __LINE__, (s))

static const char *style_name(num_style st)
{
	return st == NUM_STYLE_DUTCH ? "dutch" : st == NUM_STYLE_PLAIN ? "plain" : "unknown";
}

/* Parses a decimal with *style; must succeed with want and leave want_style. */
static void dec_ok(const char *file, int line, const char *s, num_style *style, double want,
		   num_style want_style)
{
	double v = -999;
	const char *why = NULL;
	num_style before = *style;
	int rc = num_parse_decimal(s, &v, style, &why);
	if (rc != 0)
		unit_fail(file, line, "num_parse_decimal(\"%s\", %s) failed: %s", s, style_name(before),
			  why ? why : "(no why)");
	else if (!(v == want || (v - want < 1e-9 * (want < 0 ? -want : want) &&
				 want - v < 1e-9 * (want < 0 ? -want : want))))
		unit_fail(file, line, "num_parse_decimal(\"%s\") = %.17g, want %.17g", s, v, want);
	if (*style != want_style)
		unit_fail(file, line, "num_parse_decimal(\"%s\"): style %s, want %s", s,
			  style_name(*style), style_name(want_style));
}

/* Must fail and explain why. (What a failure does to *style is the subject
 * of test_decimal_failure_keeps_style alone.) */
static void dec_bad(const char *file, int line, const char *s, num_style *style, const char *why_has)
{
	double v = -999;
	const char *why = NULL;
	num_style before = *style;
	int rc = num_parse_decimal(s, &v, style, &why);
	if (rc != LERR_PARSE)
		unit_fail(file, line, "num_parse_decimal(\"%s\", %s) = %d (value %g), want LERR_PARSE", s,
			  style_name(before), rc, v);
	else if (!why || !*why)
		unit_fail(file, line, "num_parse_decimal(\"%s\") gave no explanation", s);
	else if (why_has && !strstr(why, why_has))
		unit_fail(file, line, "num_parse_decimal(\"%s\"): why \"%s\" lacks \"%s\"", s, why, why_has);
}

#define DEC_OK(s, st, want, want_st) dec_ok(__FILE__, __LINE__, (s), (st), (want), (want_st))
#define DEC_BAD(s, st, why_has) dec_bad(__FILE__, __LINE__, (s), (st), (why_has))
/* each input on its own, with no style known yet */
#define DEC_BAD_FRESH(s) do { \
	num_style fresh_ = NUM_STYLE_UNKNOWN; \
	DEC_BAD((s), &fresh_, NULL); \
} while (0)

static void test_count_ok(void)
{
	COUNT_OK("1309", 1309);
	COUNT_OK("1.309", 1309);
	COUNT_OK("56.721", 56721);
	COUNT_OK("1 309", 1309);
	COUNT_OK("  42 ", 42);
	COUNT_OK("\t42\t", 42);
	COUNT_OK("-5", -5);
	COUNT_OK("+7", 7);
	COUNT_OK("0", 0);
	COUNT_OK("1.309.000", 1309000);
	COUNT_OK("12 345 678", 12345678);
	COUNT_OK("999", 999);
	COUNT_OK("123456789012345", 123456789012345LL);
}

static void test_count_bad(void)
{
	COUNT_BAD("1,309");
	COUNT_BAD("1.5");
	COUNT_BAD("12.34.5");
	COUNT_BAD("1.3090");
	COUNT_BAD("");
	COUNT_BAD("   ");
	COUNT_BAD("abc");
	COUNT_BAD("1.309,5");
	COUNT_BAD("1234.567"); /* leading group longer than three */
	COUNT_BAD("0.500");    /* a grouped number never starts with 0 */
	COUNT_BAD("01.309");
	COUNT_BAD(".309");
	COUNT_BAD("1.");
	COUNT_BAD("1..309");
	COUNT_BAD("1.309 000"); /* mixed separators */
	COUNT_BAD("1  309");
	COUNT_BAD("-");
	COUNT_BAD("--5");
	COUNT_BAD("- 5");
	COUNT_BAD("1e3");
	COUNT_BAD("0x10");
	COUNT_BAD("12a");
	COUNT_BAD("1234567890123456"); /* 16 digits: beyond what a count can be */
	COUNT_BAD("9999999999999999999999999999999999999999999999999999999999999999999999");
	/* the explanation names the ',' problem */
	long long v;
	const char *why = NULL;
	CHECK_EQ_INT(num_parse_count("1,309", &v, &why), LERR_PARSE);
	CHECK(why && strstr(why, "','"));
}

static void test_decimal_dutch_then_plain(void)
{
	num_style st = NUM_STYLE_UNKNOWN;
	DEC_OK("13,5", &st, 13.5, NUM_STYLE_DUTCH);
	/* the same file may not switch to '.' as decimal mark */
	DEC_BAD("13.5", &st, "Dutch");
	DEC_OK("2,25", &st, 2.25, NUM_STYLE_DUTCH);
	/* whole numbers fit any style and do not change it */
	DEC_OK("42", &st, 42, NUM_STYLE_DUTCH);
	/* with the Dutch style known, "1.309" is a grouped thousand */
	DEC_OK("1.309", &st, 1309, NUM_STYLE_DUTCH);
	DEC_OK("1.234,5", &st, 1234.5, NUM_STYLE_DUTCH);
}

static void test_decimal_plain(void)
{
	num_style st = NUM_STYLE_UNKNOWN;
	DEC_OK("74.4", &st, 74.4, NUM_STYLE_PLAIN);
	DEC_BAD("13,5", &st, "'.'");
	DEC_OK("1.309", &st, 1.309, NUM_STYLE_PLAIN);
	DEC_OK("0.5", &st, 0.5, NUM_STYLE_PLAIN);
	DEC_OK("1234.567", &st, 1234.567, NUM_STYLE_PLAIN);
	/* several dots can only be Dutch grouping, which this file is not */
	DEC_BAD("418.932.000", &st, NULL);

	st = NUM_STYLE_UNKNOWN;
	/* four digits after '.' or a long integer part cannot be grouping */
	DEC_OK("1.3090", &st, 1.309, NUM_STYLE_PLAIN);
	st = NUM_STYLE_UNKNOWN;
	DEC_OK("1234.567", &st, 1234.567, NUM_STYLE_PLAIN);
}

static void test_decimal_ambiguous(void)
{
	num_style st = NUM_STYLE_UNKNOWN;
	DEC_BAD("1.309", &st, "ambiguous");
	DEC_BAD("56.721", &st, "ambiguous");
	DEC_BAD("-1.309", &st, "ambiguous");
	CHECK_EQ_INT(st, NUM_STYLE_UNKNOWN);
	st = NUM_STYLE_DUTCH;
	DEC_OK("1.309", &st, 1309, NUM_STYLE_DUTCH);
	st = NUM_STYLE_PLAIN;
	DEC_OK("1.309", &st, 1.309, NUM_STYLE_PLAIN);
	/* after a row showed the style, the same text is read that way */
	st = NUM_STYLE_UNKNOWN;
	DEC_OK("2,5", &st, 2.5, NUM_STYLE_DUTCH);
	DEC_OK("56.721", &st, 56721, NUM_STYLE_DUTCH);
}

static void test_decimal_grouping_and_sign(void)
{
	num_style st = NUM_STYLE_UNKNOWN;
	DEC_OK("1.234,5", &st, 1234.5, NUM_STYLE_DUTCH);
	st = NUM_STYLE_UNKNOWN;
	DEC_OK("418.932.000", &st, 418932000, NUM_STYLE_DUTCH);
	st = NUM_STYLE_UNKNOWN;
	DEC_OK("1.234.567,89", &st, 1234567.89, NUM_STYLE_DUTCH);
	st = NUM_STYLE_UNKNOWN;
	DEC_OK("-2,5", &st, -2.5, NUM_STYLE_DUTCH);
	DEC_OK(" 7,25 ", &st, 7.25, NUM_STYLE_DUTCH);
	DEC_OK("+3,0", &st, 3.0, NUM_STYLE_DUTCH);
	DEC_OK("0,001", &st, 0.001, NUM_STYLE_DUTCH);
	st = NUM_STYLE_UNKNOWN;
	DEC_OK("-74.4", &st, -74.4, NUM_STYLE_PLAIN);
	st = NUM_STYLE_UNKNOWN;
	DEC_OK("12", &st, 12, NUM_STYLE_UNKNOWN);
}

static void test_decimal_bad(void)
{
	DEC_BAD_FRESH("");
	DEC_BAD_FRESH("  ");
	DEC_BAD_FRESH("abc");
	DEC_BAD_FRESH("1,2,3");
	DEC_BAD_FRESH("1,234.5"); /* '.' after the decimal comma */
	DEC_BAD_FRESH("12.34,5"); /* irregular grouping before the comma */
	DEC_BAD_FRESH("1.2.3");
	DEC_BAD_FRESH(",5");
	DEC_BAD_FRESH("5,");
	DEC_BAD_FRESH(".5");
	DEC_BAD_FRESH("5.");
	DEC_BAD_FRESH("1e5");
	DEC_BAD_FRESH("inf");
	DEC_BAD_FRESH("nan");
	DEC_BAD_FRESH("-");
	DEC_BAD_FRESH("1 309,5");
	DEC_BAD_FRESH("12,5 %");
}

/* A rejected value must not decide the file's style: the importer reports
 * every bad row and goes on, so a stray "12,5 %" would otherwise make every
 * later "74.4" an error blaming an "earlier row" that was itself refused. */
static void test_decimal_failure_keeps_style(void)
{
	static const char *bad[] = {",5", "5,", "12,5 %", "1,5x", "3.x", ".5", "5.", "1.2a"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		num_style st = NUM_STYLE_UNKNOWN;
		double v;
		const char *why = NULL;
		int rc = num_parse_decimal(bad[i], &v, &st, &why);
		CHECK_EQ_INT(rc, LERR_PARSE);
		if (st != NUM_STYLE_UNKNOWN)
			unit_fail(__FILE__, __LINE__, "num_parse_decimal(\"%s\") failed but set the style to %s",
				  bad[i], style_name(st));
	}
	/* the failing row must not make a following plain row an error */
	num_style st = NUM_STYLE_UNKNOWN;
	DEC_BAD("12,5 %", &st, NULL);
	DEC_OK("74.4", &st, 74.4, NUM_STYLE_PLAIN);
	/* a style mismatch leaves the established style alone */
	st = NUM_STYLE_DUTCH;
	DEC_BAD("13.5", &st, NULL);
	CHECK_EQ_INT(st, NUM_STYLE_DUTCH);
}

static void test_blank(void)
{
	CHECK(num_is_blank(""));
	CHECK(num_is_blank(" \t "));
	CHECK(!num_is_blank(" 0 "));
	CHECK(!num_is_blank("\n"));
}

/* Option numbers: the whole string, in range, or refused without a write. */
static void test_option_numbers(void)
{
	long long v = 0;
	CHECK(num_parse_option_int("2017", 1990, 2100, &v) == 0 && v == 2017);
	CHECK(num_parse_option_int("-3", -5, 5, &v) == 0 && v == -3);
	CHECK(num_parse_option_int("65535", 1, 65535, &v) == 0 && v == 65535);
	static const char *const bad_int[] = {"4294969313", "18104abc", "2xyz", "", " 2017", "2017 ", "+2017",
					      "0x7e1", "2.017", "2,0", "-", "1e3", "99999999999999999999", "65536",
					      "0", "--1", "2017\n"};
	for (size_t i = 0; i < sizeof bad_int / sizeof *bad_int; i++) {
		v = -999;
		if (num_parse_option_int(bad_int[i], i == 13 || i == 14 ? 1 : 1990, i == 13 || i == 14 ? 65535 : 2100, &v) !=
			    LERR_PARSE ||
		    v != -999)
			unit_fail(__FILE__, __LINE__, "num_parse_option_int(\"%s\") accepted (%lld)", bad_int[i], v);
	}
	double d = 0;
	CHECK(num_parse_option_real("12.5", 0, 1e9, &d) == 0 && d == 12.5);
	CHECK(num_parse_option_real("12,5", 0, 1e9, &d) == 0 && d == 12.5);
	CHECK(num_parse_option_real("7", 0, 1e9, &d) == 0 && d == 7);
	static const char *const bad_real[] = {"inf", "nan", "1e3", "0x10", "12.", ".5", "1.2.3", "1,2,3", "12.5%",
					       "-1", "", " 1", "1 "};
	for (size_t i = 0; i < sizeof bad_real / sizeof *bad_real; i++) {
		d = -999;
		if (num_parse_option_real(bad_real[i], 0, 1e9, &d) != LERR_PARSE || d != -999)
			unit_fail(__FILE__, __LINE__, "num_parse_option_real(\"%s\") accepted (%g)", bad_real[i], d);
	}
}

void suite_num(void)
{
	RUN(test_option_numbers);
	RUN(test_count_ok);
	RUN(test_count_bad);
	RUN(test_decimal_dutch_then_plain);
	RUN(test_decimal_plain);
	RUN(test_decimal_ambiguous);
	RUN(test_decimal_grouping_and_sign);
	RUN(test_decimal_bad);
	RUN(test_decimal_failure_keeps_style);
	RUN(test_blank);
}
