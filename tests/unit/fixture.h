/* fixture.h - small hand-made stores for the unit suites (test_fixture.c).
 *
 * unit_load imports one CSV text (any kind the importer knows) into s and
 * prints the errors when it is refused; returns imp_run_mem's status.
 * unit_store builds an in-memory store from the reference texts: rungs,
 * the totals between rungs and work forms, areas, catalogue, indicators
 * and, when not NULL, groupings; each must load (a CHECK otherwise). The
 * caller closes the store. unit_demo_store builds the demo database (`ladder
 * demo` without the claims) in memory from the compiled-in files.
 */
#ifndef LADDER_TEST_FIXTURE_H
#define LADDER_TEST_FIXTURE_H

#include "store/import.h"

int unit_load(store *s, const char *name, const char *csv);
store *unit_store(const char *rungs, const char *areas, const char *catalog, const char *indicators, const char *groups);
store *unit_demo_store(void);
/* unit_demo_store with its model loaded into *m; both CHECKed. NULL (and *m
 * NULL) when the store cannot be made; *m NULL when the model cannot be
 * loaded. The caller frees the model and closes the store. */
store *unit_demo_model(model **m);
/* The reference data only (rungs, areas with their successions, catalogue). */
store *unit_ref_store(void);
/* unit_ref_store with its model, as unit_demo_model. */
store *unit_ref_model(model **m);

#endif
