/* fuzz_area.c - libFuzzer target for the area-name resolver
 * (model_find_area_msg, src/model/model.c): what `--area West-Vlaanderen`,
 * `--area "arrondissement Brugge"`, `?area=` and the /area/ pages turn into
 * an area, over the 328 areas and the groupings of the demo store
 * ($LADDER_FUZZ_DB, built once by tests/fuzz/run.sh).
 *
 * Checks, beside memory safety: a found area is the one with that code, or
 * one whose Dutch or English name is the key (case aside), after a level
 * word ("gemeente ", "arrondissement ", ...) if the key starts with one;
 * the English and Dutch calls find the same area; a failure is "unknown"
 * or "ambiguous" with a message, and ambiguous only when two areas carry
 * the name. Build and run with tests/fuzz/run.sh. */
#include "fuzz_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static model *m;

static void fail(const char *what, const char *key)
{
	fprintf(stderr, "fuzz_area: invariant broken: %s (key \"%s\")\n", what, key);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	store *s;
	fuzz_demo_store("fuzz_area", &s, &m);
	store_close(s);
	return 0;
}

static int name_is(const model_area *a, const char *key)
{
	return strcasecmp(a->name_nl, key) == 0 || (*a->name_en && strcasecmp(a->name_en, key) == 0);
}

/* Does the area carry the key as its name, the key read as a level word
 * and a name, or both ways? Written from the header's contract. */
static int answers_to(const model_area *a, const char *key)
{
	if (name_is(a, key))
		return 1;
	for (int en = 0; en <= 1; en++) {
		const char *word = model_level_name(a->level, en);
		size_t n = strlen(word);
		if (strncasecmp(key, word, n) == 0 && key[n] == ' ' && name_is(a, key + n + 1))
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > 512)
		return 0;
	char *key = malloc(size + 1);
	memcpy(key, data, size);
	key[size] = '\0';

	lerr en, nl;
	memset(&en, 0, sizeof en);
	memset(&nl, 0, sizeof nl);
	int i = model_find_area_msg(m, key, 1, &en);
	int j = model_find_area_msg(m, key, 0, &nl);
	if (i != j)
		fail("the English and the Dutch call find different areas", key);
	if (model_find_area(m, key, &en) != i)
		fail("model_find_area differs from model_find_area_msg", key);
	if (i >= m->n_areas || i < -1)
		fail("an index out of range", key);
	if (i >= 0) {
		const model_area *a = &m->areas[i];
		if (strcmp(a->code, key) != 0 && !answers_to(a, key))
			fail("found an area that has neither the code nor the name", key);
	} else {
		if (en.code != LERR_NOTFOUND && en.code != LERR_AMBIGUOUS)
			fail("a failure that is neither unknown nor ambiguous", key);
		if (!en.msg[0] || !nl.msg[0] || en.code != nl.code)
			fail("a failure without a message, or different in the two languages", key);
		int named = 0;
		for (int k = 0; k < m->n_areas; k++)
			named += answers_to(&m->areas[k], key);
		if (en.code == LERR_NOTFOUND && named)
			fail("unknown, yet an area carries the name", key);
		if (en.code == LERR_AMBIGUOUS && named < 2)
			fail("ambiguous, yet fewer than two areas carry the name", key);
		if (model_area_index(m, key) >= 0)
			fail("not found although an area has that code", key);
	}
	free(key);
	return 0;
}
