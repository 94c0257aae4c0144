/* check.h - data checks and published claims. Prefix: check_.
 *
 * `ladder check` runs every rule in the table of check.c over the figures
 * (each year in its latest edition, or the edition asked for) and lists
 * findings with a rule id, a severity, the area and year, the figures
 * involved and a plain message in Dutch and English.
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

typedef enum check_severity { SEV_INFO, SEV_WARNING, SEV_ERROR } check_severity;

typedef struct check_figure {
	char *name;
	double v;
	int known;
} check_figure;

typedef struct check_finding {
	const char *rule;
	check_severity severity;
	int area; /* model index, -1 for none */
	int year;
	check_figure *figures;
	int n_figures;
	char *message_nl, *message_en;
} check_finding;

typedef struct check_unchecked {
	char *claim, *reason_nl, *reason_en;
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
} check_options;

void check_options_default(check_options *o);
check_report *check_run(store *s, const model *m, const check_options *o, lerr *err);
void check_report_free(check_report *r);
/* For published checks (the server, the report): a finding about an area
 * whose scope (the area and the areas under it) holds hidden cells in the
 * finding's year or the year before, in the protected grids of edition
 * (NULL: the latest of each year), quotes figures that could give a
 * confidential one away: its figures are dropped and its message says so.
 * See docs/disclosure.md. A grid that cannot be read is an error (the
 * findings must then not be published). */
int check_redact(check_report *r, store *s, const model *m, const char *edition, lerr *err) LADDER_WARN_UNUSED;
const char *check_severity_name(check_severity s, int english);
/* 0 without findings (info does not count), 1 with warnings only, 2 with errors. */
int check_exit_status(const check_report *r);

#endif
