/* check_internal.h - what the parts of `ladder check` share; private to
 * src/engine/check*.c (the public API is check.h). Prefix: check_.
 *
 * check.c was one file of 1 520 lines; it is split by rule family so that
 * each can be read alone:
 *   check.c            the findings (adding them, their figures), the
 *                      runner (check_run: which rules, in which order),
 *                      freeing and redaction;
 *   check_year.c       the rules over one year's figures (parts and totals,
 *                      year on year, reforms, validity, units, programmes,
 *                      population) and the rules over the whole catalogue
 *                      (overlap) and the context figures;
 *   check_revisions.c  one year's figure differing between editions;
 *   check_supplier.c   a delivery's Totaal rows and columns against the
 *                      stored figures they add up;
 *   check_claims.c     the claims: interval constraints over stored
 *                      figures, direct checks and the smallest conflicts.
 * Ownership: a finding and what it quotes belong to the checker's report.
 */
#ifndef LADDER_CHECK_INTERNAL_H
#define LADDER_CHECK_INTERNAL_H

#include "check.h"

typedef struct checker {
	store *s;
	const model *m;
	const check_options *o;
	check_report *r;
	lerr *err;
} checker;

typedef struct year_ctx {
	int year, edition;
	char edition_code[64];
	calc_grid *g, *prev;
	calc_value *population; /* population_18_64 by area (calc_context_year) */
} year_ctx;

/* A new finding of C's report, zeroed but for what is given (node, node2:
 * -1); valid until the next finding is added. */
check_finding *check_add_finding(checker *C, const char *rule, check_what what, check_severity sev, int area, int year);
/* Appends a figure (name copied) to f. */
void check_add_figure(check_finding *f, const char *name, double v, int known);
/* Is area a within scope (an area or a grouping; <0: everything)? */
int check_in_scope(const model *m, int a, int scope);

/* The rules over one year's figures (check_year.c), run in this order. */
void check_rule_parts_total(checker *C, year_ctx *y);
void check_rule_year_on_year(checker *C, year_ctx *y);
void check_rule_reform_unlinked(checker *C, year_ctx *y);
void check_rule_validity(checker *C, year_ctx *y);
void check_rule_mixed_units(checker *C, year_ctx *y);
void check_rule_programme_twice(checker *C, year_ctx *y);
void check_rule_population(checker *C, year_ctx *y);
/* Rules over the catalogue and the context figures (check_year.c). */
void check_rule_overlap(checker *C);
int check_rule_context_values(checker *C);
/* Revisions between editions (check_revisions.c). */
int check_rule_revisions(checker *C);
/* Suppliers' totals against the stored figures they add up (check_supplier.c). */
int check_rule_supplier_totals(checker *C);
/* Claims (check_claims.c). The int rules return <0 on a store failure. */
int check_rule_claims(checker *C);

#endif
