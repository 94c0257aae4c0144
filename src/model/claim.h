/* claim.h - what a sentence of a publication claims, as data. Prefix: claim_.
 *
 * A claim pairs an expression over stored figures with the value the text
 * states. The expression language is small:
 *     expr   := term (('+' | '-') term)*
 *     term   := factor (('*' | '/') factor)*
 *     factor := number | '-' factor | '(' expr ')' | ref
 *     ref    := fig(AREA, NODE [, YEAR]) | ctx(AREA, INDICATOR [, YEAR])
 * AREA is an area code, NODE a work form or total code, INDICATOR a context
 * indicator; YEAR is absolute (2016) or relative to the claim's year (-1).
 * Numbers are plain (a '.' decimal point): 100 * fig(30000, trede5) / ctx(30000, wage_employees).
 *
 * The stated value is what the text says: a number with the rounding its
 * digits imply ("20,1 %", "56.721", "+2,4 %"), or a phrase of proportion
 * ("één op zeven", "bijna één op vijf", "ruim één op vijf", "meer dan één op
 * vier", "8 op de 10"), which speaks of a percentage. Both become an interval
 * that the computed value must fall in.
 *
 * Ownership: a claim_expr owns its nodes and strings; claim_expr_free
 * releases it. Parsing never allocates on failure paths the caller must free.
 */
#ifndef LADDER_CLAIM_H
#define LADDER_CLAIM_H

#include "../base/base.h"

enum claim_op { OP_NUM, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG, OP_FIG, OP_CTX };

typedef struct claim_node {
	enum claim_op op;
	double num;        /* OP_NUM */
	int a, b;          /* operand node indexes (-1 when unused) */
	const char *area, *item; /* OP_FIG / OP_CTX codes */
	int year;          /* absolute year, or offset when year_relative */
	int year_given, year_relative;
	int pos;           /* 1-based character where the node starts (for errors) */
} claim_node;

typedef struct claim_expr {
	arena mem;
	claim_node *nodes;
	int n_nodes, root;
} claim_expr;

/* Parses text. NULL on error with err "expected ..." (in English when en,
 * else Dutch) and err->column the 1-based column in text where it went
 * wrong. */
claim_expr *claim_expr_parse(const char *text, int en, lerr *err);
void claim_expr_free(claim_expr *e);
/* The year a reference node means for a claim about claim_year. */
int claim_ref_year(const claim_node *n, int claim_year);

typedef struct claim_value {
	double v;
	int known;
	unsigned flags;
} claim_value;

/* Looks up a reference: fill *out (known = 0 when there is no figure). */
typedef void (*claim_resolver)(void *ctx, const claim_node *ref, int year, claim_value *out);
/* Evaluates e for claim_year; flags are the union of the references' flags.
 * Unknown when any reference is unknown or a division by zero occurs. */
claim_value claim_eval(const claim_expr *e, int claim_year, claim_resolver resolve, void *ctx);

enum claim_stated_kind { STATED_NUMBER, STATED_PHRASE };

typedef struct claim_stated {
	enum claim_stated_kind kind;
	double value;      /* the stated number, or the phrase's proportion in % */
	double lo, hi;     /* the computed value must lie in [lo, hi] */
	int lo_open, hi_open; /* strict bounds (for "bijna", "ruim", "meer dan") */
	int percent;       /* the statement speaks of a percentage */
	int decimals;
} claim_stated;

/* Parses what the text states. tolerance >= 0 overrides the rounding the
 * digits imply (half a unit of the last digit). 0 or LERR_PARSE with *why
 * (static, in English when en, else Dutch). */
int claim_stated_parse(const char *s, double tolerance, int en, claim_stated *out, const char **why);
/* Does v satisfy the statement? */
int claim_stated_holds(const claim_stated *st, double v);
/* Describes a percentage as a phrase of proportion: "ruim één op vier". */
void claim_describe_proportion(buf *b, double pct, int english);

#endif
