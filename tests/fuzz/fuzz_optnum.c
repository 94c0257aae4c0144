/* fuzz_optnum.c - libFuzzer target for the option-number parsers
 * (num_parse_option_int, num_parse_option_real in src/base/num.c), which read
 * every number on ladder's command line and in the server's URLs.
 *
 * The first 2 bytes choose a range, the rest is the option's value (NUL-
 * terminated copy). Contract checked against a plain reference: accepted
 * exactly when the whole value is an optional '-' and 1 to 15 digits (reals:
 * then optionally '.' or ',' and 1 to 15 digits) within the range; the value
 * read is the decimal one; a refusal leaves *out alone. Build with
 * tests/fuzz/run.sh. */
#include "num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_optnum: invariant broken: %s (input \"%s\")\n", what, s);
	abort();
}

static size_t digits(const char *s)
{
	return strspn(s, "0123456789");
}

/* The reference shape: -?D{1,15}, and for reals ([.,]D{1,15})? */
static int shaped(const char *s, int real)
{
	const char *p = s + (*s == '-');
	size_t n = digits(p);
	if (n < 1 || n > 15)
		return 0;
	p += n;
	if (real && (*p == '.' || *p == ',')) {
		size_t f = digits(p + 1);
		if (f < 1 || f > 15)
			return 0;
		p += 1 + f;
	}
	return *p == '\0';
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size < 2 || size > 64)
		return 0;
	static const long long ranges[][2] = {{1990, 2100}, {1, 65535}, {1, 64}, {3, 6}, {0, 999999999999999LL},
					      {-999999999999999LL, 999999999999999LL}, {-5, 5}, {0, 0}};
	const long long *r = ranges[data[0] % 8];
	int real = data[1] & 1;
	char s[65];
	memcpy(s, data + 2, size - 2);
	s[size - 2] = '\0';
	if (strlen(s) != size - 2)
		return 0; /* an embedded NUL: argv cannot hold one */
	if (!real) {
		long long v = -4242;
		int rc = num_parse_option_int(s, r[0], r[1], &v);
		long long want = shaped(s, 0) ? strtoll(s, NULL, 10) : 0;
		int ok = shaped(s, 0) && want >= r[0] && want <= r[1];
		if (rc != 0 && rc != LERR_PARSE)
			fail("int: return is neither 0 nor LERR_PARSE", s);
		if (ok != (rc == 0))
			fail(ok ? "int: a valid value was refused" : "int: an invalid value was accepted", s);
		if (rc == 0 && v != want)
			fail("int: the value read is not the decimal one", s);
		if (rc != 0 && v != -4242)
			fail("int: a refusal wrote *out", s);
	} else {
		double v = -4242.5, lo = (double)r[0], hi = (double)r[1];
		int rc = num_parse_option_real(s, lo, hi, &v);
		char t[65];
		snprintf(t, sizeof t, "%s", s);
		char *comma = strchr(t, ',');
		if (comma)
			*comma = '.';
		double want = shaped(s, 1) ? strtod(t, NULL) : 0;
		int ok = shaped(s, 1) && want >= lo && want <= hi;
		if (ok != (rc == 0))
			fail(ok ? "real: a valid value was refused" : "real: an invalid value was accepted", s);
		if (rc == 0 && v != want)
			fail("real: the value read is not the decimal one", s);
		if (rc != 0 && v != -4242.5)
			fail("real: a refusal wrote *out", s);
	}
	return 0;
}
