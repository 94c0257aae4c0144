/* fuzz_settings.c - libFuzzer target for setting values, as `ladder settings
 * set KEY VALUE` takes them (calc_protect_setting_check in src/engine/calc.c)
 * and as every reader loads them back (calc_protect_opts_load).
 *
 * The input is KEY, a NUL or line feed, then VALUE (a second NUL ends it);
 * the first byte, if below 20, picks a known key instead and the rest is
 * the value. Contract checked:
 *   - a refusal is LERR_USAGE with a message that names the key or says the
 *     setting is unknown;
 *   - an accepted value is a plain decimal number (digits only, no sign,
 *     blank or other text) of at most 1 000 000, and 0 or 1 for
 *     disclosure.keep_previous; for disclosure.cost one of cells, persons,
 *     mixed;
 *   - stored in a store and loaded back, it is exactly the number the value
 *     says, in the option its key names, and nothing else changed.
 * Build with tests/fuzz/run.sh. */
#include "../../src/engine/calc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static store *S;

static void fail(const char *what, const char *key, const char *value, const char *msg)
{
	fprintf(stderr, "fuzz_settings: invariant broken: %s\n  key '%s' value '%s'\n  %s\n", what, key, value, msg);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	lerr e;
	S = store_open(":memory:", 1, 1, &e);
	if (!S)
		fail("store_open", "", "", e.msg);
	return 0;
}

static const char *const levels[] = {"region", "province", "arrondissement", "municipality", "grouping"};

static const char *known_key(unsigned k, char *out, size_t cap)
{
	if (k == 10)
		return "disclosure.keep_previous";
	if (k == 11)
		return "disclosure.cost";
	snprintf(out, cap, "disclosure.%s.%s", k < 5 ? "threshold" : "width", levels[k % 5]);
	return out;
}

/* The value as a strict decimal number; -1 if it is not one. */
static long strict_number(const char *v)
{
	if (!*v || strlen(v) > 9)
		return -1;
	long n = 0;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *in = malloc(size + 1);
	memcpy(in, data, size);
	in[size] = '\0';
	char keybuf[64];
	const char *key, *value;
	if (size && data[0] < 20) {
		key = known_key(data[0] % 12, keybuf, sizeof keybuf);
		value = in + 1;
	} else {
		key = in;
		char *sep = strchr(in, '\n');
		value = sep ? (*sep = '\0', sep + 1) : in + strlen(in);
	}
	lerr e = {0};
	int rc = calc_protect_setting_check(key, value, (int)(size & 1), &e);
	if (rc < 0) {
		if (rc != LERR_USAGE || (!strstr(e.msg, "unknown setting") && !strstr(e.msg, "onbekende instelling") && strncmp(e.msg, key, strlen(key)) != 0))
			fail("a refusal does not explain itself", key, value, e.msg);
		free(in);
		return 0;
	}
	int cost = strcmp(key, "disclosure.cost") == 0;
	long n = strict_number(value);
	if (cost) {
		if (strcmp(value, "cells") && strcmp(value, "persons") && strcmp(value, "mixed"))
			fail("disclosure.cost accepted a value other than cells, persons, mixed", key, value, "");
		n = strcmp(value, "cells") == 0 ? 0 : strcmp(value, "persons") == 0 ? 1 : 2;
	} else if (n < 0 || n > 1000000)
		fail("a value that is not a plain number in range was accepted", key, value, "");
	int keep = strcmp(key, "disclosure.keep_previous") == 0;
	if (keep && n > 1)
		fail("keep_previous accepted a value other than 0 or 1", key, value, "");

	calc_protect_opts want, got;
	calc_protect_defaults(&want);
	if (store_setting_set(S, key, value, &e) < 0)
		fail("store_setting_set", key, value, e.msg);
	if (calc_protect_opts_load(S, &got, &e) < 0)
		fail("calc_protect_opts_load", key, value, e.msg);
	if (store_setting_set(S, key, NULL, &e) < 0)
		fail("store_setting_set (unset)", key, value, e.msg);
	if (cost) {
		want.cost = (int)n;
	} else if (keep) {
		want.keep_previous = (int)n;
	} else {
		enum model_level lv;
		if (model_level_parse(strrchr(key, '.') + 1, &lv) < 0)
			fail("an unknown level was accepted", key, value, "");
		int level = (int)lv;
		(strstr(key, ".width.") ? want.width : want.threshold)[level] = (int)n;
	}
	if (memcmp(&want, &got, sizeof want) != 0)
		fail("the value loaded back is not the value set", key, value, "");
	free(in);
	return 0;
}
