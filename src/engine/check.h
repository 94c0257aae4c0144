/* check.h - data checks and published claims. Prefix: check_.
 *
 * `ladder check` runs every rule in the table of check.c over the figures
 * (each year in its latest edition, or the edition asked for) and lists
 * findings with a rule id, a severity, the area and year and the figures
 * involved; what a finding states is structured (check_what, the node,
 * editions, claims), and the render layer words it in Dutch or English.
 *
 * Claims are checked two ways. A claim whose figures are all observed is
 * compared with them, with the rounding its wording allows. Figures that are
 * unknown or only estimated are not evidence: claims about them become
 * constraints on unknowns (with the additive structure: headline = rungs,
 * totals >= their parts), and a set of claims that leaves no possible value
 * is reported once, as a conflict, with a minimal set of claims.
 *
 * Synthetic figures are never evidence either: rules skip them.
 *
 * Ownership: check_run returns a report freed with check_report_free.
 */
#ifndef LADDER_CHECK_H
#define LADDER_CHECK_H

#include "calc.h"
#include "../model/claim.h"

typedef enum check_severity { SEV_INFO, SEV_WARNING, SEV_ERROR } check_severity;

typedef struct check_figure {
	char *name;
	double v;
	int known;
} check_figure;

/* What a finding states. The engine says what it found, in figures, areas,
 * years and editions; the render layer words it (rnd_check_message, with
 * the sentences of po/nl.po). */
typedef enum check_what {
	CHECK_SUB_AREAS,       /* parts_total: figures NODE (reported), sum_of_sub_areas */
	CHECK_UNSPECIFIED,     /* parts_total: NODE, sum_of_parts; the parts fall short */
	CHECK_PARTS_EXCEED,    /* parts_total: NODE, sum_of_parts */
	CHECK_MISSING_NOW,     /* missing_now: previous; editions[0] */
	CHECK_JUMP,            /* jump: previous, current, change_pct */
	CHECK_OUT_OF_VALIDITY, /* validity: NODE */
	CHECK_OVER_POPULATION, /* impossible: totaal, population_18_64 */
	CHECK_CONTEXT_SHARE,   /* impossible: INDICATOR, a percentage outside 0-100 */
	CHECK_CONTEXT_COUNT,   /* impossible: INDICATOR, a negative count */
	CHECK_REVISION,        /* revision: edition_A, edition_B; editions[0] = A, [1] = B */
	CHECK_CLAIM,           /* claim: claim:ID, computed, the references; claims, stated, refs */
	CHECK_CLAIMS_CONFLICT, /* claims_conflict: claim:ID...; claims, refs */
	CHECK_REFORM_UNLINKED, /* reform_unlinked: ENDED_FORM (last year), NODE (this year); no lineage link */
	CHECK_MIXED_UNITS,     /* mixed_units: FORM (a count in its own unit, not persons); node the form; its rung's total includes it */
	CHECK_OVERLAP,         /* overlap: from_year, to_year (9999: open); node the form, node2 its successor; area -1 */
	CHECK_PROGRAMME_TWICE, /* programme_twice: FORM, FORM2 (the same count); node and node2 one programme's entries */
	CHECK_SUPPLIER_TOTAL,  /* supplier_total: supplier_total, sum_of_stored, parts; source, label, total_row;
				* editions[0] the parts' edition; refs the parts; area the smallest area holding them
				* (-1 if none), node their common work form (-1 if several), year the latest */
} check_what;

typedef enum check_claim_role {
	CLAIM_SUBJECT,  /* the claim the finding is about (CHECK_CLAIM), or one of a conflicting set */
	CLAIM_HOLDS,    /* a claim about the same quantity that does hold */
	CLAIM_SEE_ALSO, /* a claim linked to a conflicting set through the additive structure */
} check_claim_role;

typedef struct check_claim_ref {
	char *id, *text, *stated; /* as imported */
	check_claim_role role;
} check_claim_ref;

/* A figure a claim names: fig(area, item, year) or ctx(...). */
typedef struct check_ref {
	int is_fig;  /* a figure of the ladder (0: a context value) */
	int area;    /* model index, -1 when the claim names an unknown area */
	char *area_code, *item;
	int year;
} check_ref;

typedef struct check_finding {
	const char *rule;
	check_what what;
	check_severity severity;
	int area; /* model index, -1 for none */
	int year;
	int node; /* model node index of the figure concerned, -1 for none */
	int node2; /* a second work form (a successor, another rung's entry), -1 for none */
	char *editions[2];
	check_figure *figures;
	int n_figures;
	check_claim_ref *claims;
	int n_claims;
	/* CHECK_CLAIM: the figures the claim's expression names;
	 * CHECK_CLAIMS_CONFLICT: the figures the claims leave without a value */
	check_ref *refs;
	int n_refs;
	claim_stated stated; /* CHECK_CLAIM: what the text states */
	/* CHECK_SUPPLIER_TOTAL: the total's cell ("levering.xlsx:Gemeenten!B9"),
	 * the total row's label or the total column's header, and which */
	char *source, *label;
	int total_row;
	/* check_redact: it quotes figures that could give a confidential one
	 * away; figures, claims and unknowns are dropped */
	int withheld;
} check_finding;

typedef struct check_unchecked {
	char *claim; /* the claim's id; it depends on unknown or estimated figures and conflicts with nothing */
	char *text;  /* the claim's sentence, for readers who do not know its id */
} check_unchecked;

typedef struct check_report {
	check_finding *findings;
	int n_findings;
	check_unchecked *unchecked; /* claims that depend on unknown or estimated figures and conflict with nothing */
	int n_unchecked;
	int claims_checked;
} check_report;

typedef struct check_options {
	int area;             /* model index; -1 = everywhere (an area includes its sub-areas) */
	int year;             /* 0 = every year */
	const char *edition;  /* NULL = the latest edition of each year */
	double jump_pct;      /* year-on-year change that is a jump, in % (default 25) */
	double jump_min;      /* ... and at least this many persons (default 50) */
	/* editions diff: every claim against this edition's figures instead of
	 * the edition it names (NULL: its own), and only the claims */
	const char *claims_edition;
	int claims_only;
} check_options;

void check_options_default(check_options *o);
check_report *check_run(store *s, const model *m, const check_options *o, lerr *err);
void check_report_free(check_report *r);
/* For published checks (the server, the report): a finding that names a
 * figure hidden in the protected grid of its year (edition: NULL, the
 * latest of each year), or states one that gives a hidden figure away (a
 * sum of parts or sub-areas of which one is hidden), is withheld: its
 * figures, claims and references are dropped. Findings that name no
 * hidden figure are published whole. See docs/disclosure.md. A grid that
 * cannot be read is an error: the findings must then not be published. */
int check_redact(check_report *r, store *s, const model *m, const char *edition, lerr *err) LADDER_WARN_UNUSED;
/* "info", "warning", "error": for machines (JSON, CSV); for people,
 * rnd_severity_name. */
const char *check_severity_code(check_severity s);
/* 0 without findings (info does not count), 1 with warnings only, 2 with errors. */
int check_exit_status(const check_report *r);

#endif
