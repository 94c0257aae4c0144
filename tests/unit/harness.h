/* harness.h - the in-tree unit test harness (no external framework needed).
 *
 * A test is a `static void test_xxx(void)`; a suite file defines
 * `void suite_NAME(void)` that RUN()s its tests, and suites.def lists the
 * suites for test_main.c. Checks record a failure with file:line and carry on,
 * so one run shows every broken expectation, not only the first.
 */
#ifndef LADDER_TEST_HARNESS_H
#define LADDER_TEST_HARNESS_H

#include <math.h>
#include <string.h>

void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void unit_run(const char *name, void (*fn)(void));

#define RUN(fn) unit_run(#fn, fn)

#define CHECK(c) do { \
	if (!(c)) \
		unit_fail(__FILE__, __LINE__, "CHECK(%s)", #c); \
} while (0)

#define CHECK_EQ_INT(a, b) do { \
	long long chk_a_ = (long long)(a), chk_b_ = (long long)(b); \
	if (chk_a_ != chk_b_) \
		unit_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, chk_a_, chk_b_); \
} while (0)

#define CHECK_EQ_STR(a, b) do { \
	const char *chk_a_ = (a), *chk_b_ = (b); \
	if (!chk_a_ || !chk_b_ || strcmp(chk_a_, chk_b_) != 0) \
		unit_fail(__FILE__, __LINE__, "%s == %s:\n  got:  \"%s\"\n  want: \"%s\"", #a, #b, \
			  chk_a_ ? chk_a_ : "(null)", chk_b_ ? chk_b_ : "(null)"); \
} while (0)

#define CHECK_NEAR(a, b, eps) do { \
	double chk_a_ = (a), chk_b_ = (b); \
	if (!(fabs(chk_a_ - chk_b_) <= (eps))) \
		unit_fail(__FILE__, __LINE__, "%s ~= %s: %.17g != %.17g", #a, #b, chk_a_, chk_b_); \
} while (0)

#endif
