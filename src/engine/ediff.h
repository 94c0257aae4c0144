/* ediff.h - what changed from one edition to the next: revised figures,
 * new and ended work forms, new areas, claims whose verdict changed.
 * Prefix: ediff_.
 *
 * Revised figures are the figures both editions hold (the same year, area
 * and work form) with different values, valued as the protected grids of
 * each edition and year publish them: a figure hidden in either edition
 * keeps its row but shows neither value nor difference, and sorts after
 * the ones shown (an order by size would hint at it). They come per area
 * level (region first), largest difference first. New work forms and areas
 * are those the later edition holds figures of and the earlier one holds
 * none of; ended work forms the other way round. A claim's verdict is
 * computed against each edition's figures (check_run with claims_edition),
 * whatever edition the claim itself names.
 *
 * Ownership: ediff_new returns a result freed with ediff_free; it borrows
 * the model, which must outlive it.
 */
#ifndef LADDER_EDIFF_H
#define LADDER_EDIFF_H

#include "calc.h"

typedef struct ediff_revision {
	int year;
	int area, node;       /* model indexes */
	int level;            /* the area's enum model_level */
	calc_value old, now;  /* as published: confidential ones hidden */
	calc_value change;    /* now - old; hidden when either is */
} ediff_revision;

typedef enum ediff_verdict {
	EDIFF_HOLDS,     /* the figures agree with what the claim states */
	EDIFF_FAILS,     /* they do not (alone, or together with other claims) */
	EDIFF_UNCHECKED, /* its figures are unknown or estimated in the edition */
} ediff_verdict;

typedef struct ediff_claim {
	char *id, *text, *area;
	int year;
	ediff_verdict before, after;
} ediff_claim;

typedef struct ediff {
	const model *m;
	char a[64], b[64]; /* edition codes: from a to b */
	store_edition_meta meta_a, meta_b;
	ediff_revision *revisions;
	int n_revisions;
	int *new_forms, n_new_forms;     /* model node indexes (work forms only) */
	int *ended_forms, n_ended_forms;
	int *new_areas, n_new_areas;     /* model area indexes */
	ediff_claim *claims;             /* only those whose verdict changed */
	int n_claims;
} ediff;

/* What changed from edition a to edition b (codes). LERR_NOTFOUND when
 * either does not exist; a failing store is an error. */
ediff *ediff_new(store *s, const model *m, const char *a, const char *b, lerr *err);
void ediff_free(ediff *d);
/* The edition before code in edition order that holds figures (code of
 * prev; "" when there is none). */
int ediff_previous(store *s, const char *code, char prev[64], lerr *err) LADDER_WARN_UNUSED;
/* "holds", "fails", "unchecked": for machines (csv, json). */
const char *ediff_verdict_code(ediff_verdict v);

#endif
