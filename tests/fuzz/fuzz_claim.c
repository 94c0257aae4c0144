/* fuzz_claim.c - libFuzzer target for claims (src/model/claim.c).
 *
 * The input, NUL-terminated, is parsed as a claim expression and as a stated
 * value. Contract checked:
 *   - claim_expr_parse: either a tree whose nodes are well formed (operands
 *     in range and earlier than their parent, positions inside the text,
 *     references with non-empty codes), or NULL with LERR_PARSE and a message
 *     and its column (lerr.column) within the text (1 .. length + 1);
 *   - claim_eval with a resolver of fixed values (some unknown, some zero,
 *     some flagged) never crashes; flags are only the resolver's;
 *   - claim_stated_parse: a failure explains itself; a success gives lo <= hi
 *     and, for a number, an interval that holds the number itself;
 *   - claim_describe_proportion says something, in both languages, for what
 *     the expression evaluates to and for the stated value (as `ladder
 *     check` does when a phrase claim fails).
 * Build with tests/fuzz/run.sh (compiled with src/model/claim.c). */
#include "../../src/model/claim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile double sink;

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_claim: invariant broken: %s (input \"%s\")\n", what, s);
	abort();
}

static unsigned hash(const char *s, unsigned h)
{
	for (; *s; s++)
		h = h * 31u + (unsigned char)*s;
	return h;
}

/* Fixed values: unknown, zero, a count, a share, a large number. */
static void resolver(void *ctx, const claim_node *ref, int year, claim_value *out)
{
	(void)ctx;
	unsigned h = hash(ref->item, hash(ref->area, (unsigned)year * 2654435761u));
	static const double values[] = {0, 0, 44672, 0.5, 1e6, 418932, 13.5};
	out->known = h % 7 != 0;
	out->v = values[h % 7];
	out->flags = (h >> 3) & 7u;
}

static void describe_both(double v)
{
	for (int en = 0; en < 2; en++) {
		buf b = BUF_INIT;
		claim_describe_proportion(&b, v, en);
		if (b.len == 0)
			fail("claim_describe_proportion said nothing", "(a value)");
		buf_release(&b);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	size_t len = strlen(s);

	lerr e;
	memset(&e, 0, sizeof e);
	claim_expr *x = claim_expr_parse(s, 1, &e);
	if (!x) {
		if (e.code != LERR_PARSE)
			fail("a parse failure that is not LERR_PARSE", s);
		if (e.column < 1 || (size_t)e.column > len + 1)
			fail("a parse error without a column inside the text", s);
	} else {
		if (x->n_nodes < 1 || x->root < 0 || x->root >= x->n_nodes)
			fail("root out of range", s);
		for (int i = 0; i < x->n_nodes; i++) {
			const claim_node *n = &x->nodes[i];
			if (n->pos < 1 || (size_t)n->pos > len + 1)
				fail("node position outside the text", s);
			switch (n->op) {
			case OP_NUM:
				break;
			case OP_FIG:
			case OP_CTX:
				if (!n->area || !*n->area || !n->item || !*n->item)
					fail("reference with an empty code", s);
				if (n->year_given && !n->year_relative && (n->year < 1900 || n->year > 2100))
					fail("absolute year out of range", s);
				break;
			case OP_NEG:
				if (n->a < 0 || n->a >= i)
					fail("unary operand out of range", s);
				break;
			case OP_ADD:
			case OP_SUB:
			case OP_MUL:
			case OP_DIV:
				if (n->a < 0 || n->a >= i || n->b < 0 || n->b >= i)
					fail("binary operand out of range", s);
				break;
			default:
				fail("unknown operator", s);
			}
		}
		for (int year = 2016; year <= 2017; year++) {
			claim_value v = claim_eval(x, year, resolver, NULL);
			if (v.flags & ~7u)
				fail("flags the resolver never gave", s);
			if (v.known) {
				sink = v.v;
				describe_both(v.v);
			}
		}
		claim_expr_free(x);
	}

	static const double tolerances[] = {-1, 0, 0.05, 10};
	for (size_t t = 0; t < sizeof tolerances / sizeof tolerances[0]; t++) {
		claim_stated st;
		const char *why = NULL;
		int rc = claim_stated_parse(s, tolerances[t], 1, &st, &why);
		if (rc != 0 && rc != LERR_PARSE)
			fail("claim_stated_parse returned an unexpected code", s);
		if (rc == LERR_PARSE) {
			if (!why || !*why)
				fail("claim_stated_parse failed without a reason", s);
			break; /* the tolerance does not change whether it parses */
		}
		if (!(st.lo <= st.hi))
			fail("stated interval with lo > hi", s);
		if (st.kind == STATED_NUMBER && !claim_stated_holds(&st, st.value))
			fail("a stated number does not hold for itself", s);
		if (st.kind == STATED_PHRASE && (!st.percent || st.value <= 0 || st.value >= 100))
			fail("a phrase that is not a percentage between 0 and 100", s);
		sink = st.lo + st.hi;
		if (t == 0)
			describe_both(st.value);
	}
	free(s);
	return 0;
}
