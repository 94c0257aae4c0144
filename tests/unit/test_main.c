/* test_main.c - runs the unit suites listed in suites.def.
 *
 * Usage: unit_tests [SUITE]. Prints one line per failed check and ends with
 * "unit: N passed, M failed" counting tests (a test fails if any of its
 * checks does); exits 1 if any failed, 2 on an unknown suite name. */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>

#define SUITE(name) void suite_##name(void);
#include "suites.def"
#undef SUITE

static const struct {
	const char *name;
	void (*fn)(void);
} suites[] = {
#define SUITE(name) {#name, suite_##name},
#include "suites.def"
#undef SUITE
};

static int checks_failed, tests_passed, tests_failed;
static const char *current_suite = "", *current_test = "";

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	printf("FAIL %s:%d: %s/%s: ", file, line, current_suite, current_test);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	/* flush so a later crash does not swallow the failures before it */
	fflush(stdout);
	checks_failed++;
}

void unit_run(const char *name, void (*fn)(void))
{
	int before = checks_failed;
	current_test = name;
	fn();
	if (checks_failed == before)
		tests_passed++;
	else
		tests_failed++;
	current_test = "";
}

int main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;
	int ran = 0;
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
		if (only && strcmp(only, suites[i].name) != 0)
			continue;
		current_suite = suites[i].name;
		suites[i].fn();
		ran++;
	}
	if (only && !ran) {
		fprintf(stderr, "unit_tests: no suite named '%s'\n", only);
		return 2;
	}
	printf("unit: %d passed, %d failed\n", tests_passed, tests_failed);
	return tests_failed > 0;
}
