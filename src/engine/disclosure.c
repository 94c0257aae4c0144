/* disclosure.c - minimum-frequency rule, secondary suppression and the
 * attacker's audit on additive tables. See disclosure.h and
 * docs/disclosure.md for the method and why it is safe.
 *
 * Protection = pattern + proof. The local rules below make a good pattern
 * cheaply, but they look at one relation at a time and cannot see what a
 * combination of relations gives away; the audit (an LP per confidential
 * cell, GLPK's simplex) can, and its answer is the proof. Suppressing more
 * never narrows an interval (the old values stay a feasible assignment of the
 * newly freed cells), so a cell proven safe stays safe while repairs add
 * cells: only exposed cells need to be audited again.
 *
 * This file: the table (cells, relations, their index), the primary cells,
 * the fingerprint and stored patterns. The other parts: see
 * disclosure_internal.h. */
#include "disclosure_internal.h"

#include <stdlib.h>
#include <string.h>

disc_table *disc_table_new(void)
{
	disc_table *t = xcalloc(1, sizeof *t);
	t->rstart = xcalloc(1, sizeof *t->rstart);
	t->indexed_cells = t->indexed_rels = -1;
	t->exact_cells = DISC_EXACT_CELLS;
	return t;
}

void disc_table_free(disc_table *t)
{
	if (!t)
		return;
	free(t->value);
	free(t->threshold);
	free(t->width);
	free(t->block);
	free(t->state);
	free(t->conf);
	free(t->forced);
	free(t->rstart);
	free(t->rcells);
	free(t->cstart);
	free(t->crel);
	free(t->exp);
	free(t->bstart);
	free(t->bind);
	free(t->pstart);
	free(t->pcell);
	free(t->pval);
	free(t);
}

int disc_add_cell(disc_table *t, double value, int threshold, int width)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		size_t c = (size_t)t->cap;
		t->value = xrealloc(t->value, c * sizeof *t->value);
		t->threshold = xrealloc(t->threshold, c * sizeof *t->threshold);
		t->width = xrealloc(t->width, c * sizeof *t->width);
		t->block = xrealloc(t->block, c * sizeof *t->block);
		t->state = xrealloc(t->state, c);
		t->conf = xrealloc(t->conf, c);
		t->forced = xrealloc(t->forced, c);
	}
	int i = t->n++;
	t->value[i] = value < 0 ? 0 : value;
	t->threshold[i] = threshold < 0 ? 0 : threshold;
	t->width[i] = width < 0 ? 0 : width;
	t->block[i] = 0;
	t->state[i] = DISC_PUBLISHED;
	t->conf[i] = 0;
	t->forced[i] = 0;
	return i;
}

void disc_set_confidential(disc_table *t, int cell)
{
	t->conf[cell] = 1;
}

void disc_force(disc_table *t, int cell)
{
	t->forced[cell] = 1;
}

void disc_set_cost(disc_table *t, enum disc_cost cost)
{
	t->cost = cost;
}

void disc_set_exact(disc_table *t, int cells)
{
	t->exact_cells = cells < 0 ? 0 : cells;
}

void disc_set_block(disc_table *t, int cell, int block)
{
	t->block[cell] = block;
}

void disc_add_relation(disc_table *t, int total, const int *parts, int n_parts)
{
	if (n_parts <= 0)
		return;
	if (t->nr + 1 >= t->cap_r) {
		t->cap_r = t->cap_r ? t->cap_r * 2 : 256;
		t->rstart = xrealloc(t->rstart, (size_t)(t->cap_r + 1) * sizeof *t->rstart);
	}
	if (t->nrc + n_parts + 1 > t->cap_rc) {
		while (t->nrc + n_parts + 1 > t->cap_rc)
			t->cap_rc = t->cap_rc ? t->cap_rc * 2 : 1024;
		t->rcells = xrealloc(t->rcells, (size_t)t->cap_rc * sizeof *t->rcells);
	}
	t->rcells[t->nrc++] = total;
	for (int i = 0; i < n_parts; i++)
		t->rcells[t->nrc++] = parts[i];
	t->rstart[++t->nr] = t->nrc;
}

int disc_n_cells(const disc_table *t) { return t->n; }
double disc_value(const disc_table *t, int cell) { return t->value[cell]; }
enum disc_state disc_get_state(const disc_table *t, int cell) { return (enum disc_state)t->state[cell]; }
const disc_stats *disc_get_stats(const disc_table *t) { return &t->stats; }

/* cell -> relations, in relation order */
void disc_index_cells(disc_table *t)
{
	if (t->indexed_cells == t->n && t->indexed_rels == t->nr)
		return;
	free(t->cstart);
	free(t->crel);
	t->cstart = xcalloc((size_t)t->n + 1, sizeof *t->cstart);
	t->crel = xmalloc(((size_t)t->nrc + 1) * sizeof *t->crel);
	for (int k = 0; k < t->nrc; k++)
		t->cstart[t->rcells[k] + 1]++;
	for (int i = 0; i < t->n; i++)
		t->cstart[i + 1] += t->cstart[i];
	int *fill = xmalloc(((size_t)t->n + 1) * sizeof *fill);
	memcpy(fill, t->cstart, ((size_t)t->n + 1) * sizeof *fill);
	for (int r = 0; r < t->nr; r++)
		for (int k = t->rstart[r]; k < t->rstart[r + 1]; k++)
			t->crel[fill[t->rcells[k]]++] = r;
	free(fill);
	t->indexed_cells = t->n;
	t->indexed_rels = t->nr;
}

static int is_primary_value(const disc_table *t, int i)
{
	double v = t->value[i];
	return t->threshold[i] > 0 && v > EPS && v < t->threshold[i] + 0.5;
}

void disc_mark_primary(disc_table *t)
{
	t->stats = (disc_stats){0};
	t->max_width = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->conf[i] || is_primary_value(t, i)) {
			t->state[i] = DISC_PRIMARY;
			if (t->width[i] > t->max_width)
				t->max_width = t->width[i];
		} else if (t->forced[i]) {
			t->state[i] = DISC_SECONDARY;
		} else {
			t->state[i] = DISC_PUBLISHED;
		}
	}
}

void disc_count_states(disc_table *t)
{
	t->stats.cells = t->n;
	t->stats.relations = t->nr;
	t->stats.primary = t->stats.secondary = 0;
	for (int i = 0; i < t->n; i++) {
		if (t->state[i] == DISC_PRIMARY)
			t->stats.primary++;
		else if (t->state[i] == DISC_SECONDARY)
			t->stats.secondary++;
	}
}

/* Bump when the method changes what it suppresses: stored patterns of an
 * older method are then recomputed. */
#define DISC_METHOD "ladder-disclosure-18"

/* A fast 256-bit digest (four multiply-rotate lanes, splitmix finish): it
 * only has to notice that the published table changed between runs on the
 * same store, not resist an adversary, and SHA-256 here cost more than half
 * of a whole `ladder show`. */
typedef struct fp_ctx {
	uint64_t lane[4];
	uint64_t len;
	int next;
} fp_ctx;

static uint64_t fp_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void fp_word(fp_ctx *c, uint64_t w)
{
	uint64_t *l = &c->lane[c->next];
	*l = (*l ^ fp_mix(w + c->len)) * 0x9e3779b97f4a7c15ull;
	*l = (*l << 31) | (*l >> 33);
	c->next = (c->next + 1) & 3;
	c->len++;
}

static void fp_bytes(fp_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		fp_word(c, w);
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	fp_word(c, w ^ ((uint64_t)n << 56));
}

void disc_fingerprint(const disc_table *t, char hex[65])
{
	fp_ctx c = {{1, 2, 3, 4}, 0, 0};
	fp_bytes(&c, DISC_METHOD, sizeof DISC_METHOD);
	int counts[4] = {t->n, t->nr, (int)t->cost, t->exact_cells};
	fp_bytes(&c, counts, sizeof counts);
	for (int i = 0; i < t->n; i++) {
		uint64_t v;
		memcpy(&v, &t->value[i], sizeof v);
		fp_word(&c, v);
		fp_word(&c, (uint64_t)(uint32_t)t->threshold[i] | (uint64_t)(uint32_t)t->width[i] << 32);
		fp_word(&c, (uint64_t)(uint32_t)t->block[i] | (uint64_t)t->conf[i] << 32 | (uint64_t)t->forced[i] << 40);
	}
	fp_bytes(&c, t->rstart, ((size_t)t->nr + 1) * sizeof *t->rstart);
	if (t->nrc) /* rcells is NULL in a table without relations */
		fp_bytes(&c, t->rcells, (size_t)t->nrc * sizeof *t->rcells);
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 4; i++) {
		uint64_t h = fp_mix(c.lane[i] ^ fp_mix(c.len + (uint64_t)i));
		for (int k = 0; k < 16; k++)
			hex[i * 16 + k] = digits[(h >> (60 - 4 * k)) & 15];
	}
	hex[64] = '\0';
}

void disc_get_states(const disc_table *t, unsigned char *out)
{
	memcpy(out, t->state, (size_t)t->n);
}

void disc_set_states(disc_table *t, const unsigned char *states)
{
	disc_mark_primary(t);
	for (int i = 0; i < t->n; i++)
		if (t->state[i] == DISC_PUBLISHED && states[i] == DISC_SECONDARY)
			t->state[i] = DISC_SECONDARY;
	disc_count_states(t);
}

void disc_primary_only(disc_table *t)
{
	disc_mark_primary(t);
	disc_count_states(t);
}

