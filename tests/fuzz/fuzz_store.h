/* fuzz_store.h - for the targets that read the demo store (fuzz_area,
 * fuzz_route): opens $LADDER_FUZZ_DB, which tests/fuzz/run.sh builds once
 * with `ladder demo`, and loads its model; exits 2 with a message when it
 * cannot. The store is a scratch copy, so it skips fsync: the caches the
 * handlers fill need not reach the disk. */
#ifndef LADDER_FUZZ_STORE_H
#define LADDER_FUZZ_STORE_H

#include "../../src/store/store_impl.h" /* store_exec */

#include <stdio.h>
#include <stdlib.h>

static void fuzz_demo_store(const char *who, store **s, model **m)
{
	const char *path = getenv("LADDER_FUZZ_DB");
	lerr e;
	if (!path || !*path) {
		fprintf(stderr, "%s: set LADDER_FUZZ_DB to a demo store (tests/fuzz/run.sh does)\n", who);
		exit(2);
	}
	if (!(*s = store_open(path, 0, 1, &e)) || store_exec(*s, "PRAGMA synchronous = OFF", &e) < 0 ||
	    !(*m = store_load_model(*s, &e))) {
		fprintf(stderr, "%s: %s: %s\n", who, path, e.msg);
		exit(2);
	}
}

#endif
