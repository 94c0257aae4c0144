/* fuzz_num.c - libFuzzer target for the number parsers (src/base/num.c).
 *
 * Feeds a NUL-terminated copy of the input to num_parse_count and to
 * num_parse_decimal under each starting style, and checks the contract:
 * failures explain themselves, a style once known never changes, and a valid
 * count reads the same as a Dutch-style decimal. Build with tests/fuzz/run.sh. */
#include "num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile double sink;

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_num: invariant broken: %s (input \"%s\")\n", what, s);
	abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	/* strings longer than any number are refused early; keep runs fast */
	if (size > 128)
		return 0;
	char s[129];
	memcpy(s, data, size);
	s[size] = '\0';

	long long count = 0;
	const char *why = NULL;
	int crc = num_parse_count(s, &count, &why);
	if (crc != 0 && crc != LERR_PARSE)
		fail("num_parse_count returned an unexpected code", s);
	if (crc == LERR_PARSE && (!why || !*why))
		fail("num_parse_count failed without a reason", s);
	if (crc == 0) {
		/* at most 15 digits */
		if (count > 999999999999999LL || count < -999999999999999LL)
			fail("count out of range", s);
		sink = (double)count;
	}

	static const num_style styles[] = {NUM_STYLE_UNKNOWN, NUM_STYLE_DUTCH, NUM_STYLE_PLAIN};
	for (int i = 0; i < 3; i++) {
		num_style st = styles[i];
		double v = 0;
		why = NULL;
		int rc = num_parse_decimal(s, &v, &st, &why);
		if (rc != 0 && rc != LERR_PARSE)
			fail("num_parse_decimal returned an unexpected code", s);
		if (rc == LERR_PARSE && (!why || !*why))
			fail("num_parse_decimal failed without a reason", s);
		if (styles[i] != NUM_STYLE_UNKNOWN && st != styles[i])
			fail("a known style was changed", s);
		if (rc == 0) {
			if (!isfinite(v))
				fail("decimal is not finite", s);
			sink = v;
		}
		/* a count without blanks inside is also a Dutch-style decimal:
		 * "1.309" is 1309 either way */
		if (styles[i] == NUM_STYLE_DUTCH && crc == 0) {
			const char *a = s, *b = s + strlen(s);
			while (*a == ' ' || *a == '\t')
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (!memchr(a, ' ', (size_t)(b - a)) && (rc != 0 || v != (double)count))
				fail("a valid count reads differently as a Dutch decimal", s);
		}
	}
	return 0;
}
