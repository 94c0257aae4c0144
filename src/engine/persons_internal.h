/* persons_internal.h - what persons.c (rows, per-person state, results) and
 * persons_read.c (input, header, threads) share. Private to src/engine. */
#ifndef LADDER_PERSONS_INTERNAL_H
#define LADDER_PERSONS_INTERNAL_H

#include "persons.h"
#include "../base/vocab.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

enum { R_PERSON, R_FORM, R_AREA, R_START, R_END, R_RUNG, R_N };
#define PRS_MAX_LABELS 65535 /* work forms, areas: ids are 16 bits */
#define PRS_MAX_DAYS 36600    /* spell lengths above 100 years count as 100 years */
#define PRS_OPEN_END 99999999

/* open addressing, u64 key -> u64 value; key 0 is never used (callers add 1) */
typedef struct prs_umap {
	uint64_t *k, *v;
	size_t cap, n;
} prs_umap;
uint64_t *prs_umap_slot(prs_umap *m, uint64_t key); /* inserts with value 0 */
void prs_umap_free(prs_umap *m);

/* bytes -> id */
typedef struct prs_bmap {
	struct prs_bent { uint64_t h; const char *s; uint32_t len; int id; } *e;
	size_t cap, n;
} prs_bmap;

/* a person and its chosen episode per date; len 0: an empty slot. An id of
 * up to 16 bytes is kept in the slot (one cache line to compare), a longer
 * one in the table's key buffer (its offset in key[0..7]). */
#define PRS_INLINE_KEY 16
typedef struct prs_pent {
	uint64_t h;
	uint32_t len;
	uint16_t form[2], area[2];
	uint8_t rung[2];
	char key[PRS_INLINE_KEY];
} prs_pent;

typedef struct prs_ptab {
	prs_pent *e;
	size_t cap, n;
	char *keys;
	size_t keys_n, keys_cap;
} prs_ptab;

/* an active episode waiting for its person's slot (a batch is prefetched) */
typedef struct prs_pending {
	uint64_t h;
	const char *id;
	uint32_t len;
	uint8_t rung, mask; /* mask: the dates it is active on */
	uint16_t form, area;
} prs_pending;
#define PRS_BATCH 16

/* labels shared by the workers (append-only under mu; an id, once handed
 * out, names a label that never moves) */
typedef struct prs_shared {
	pthread_mutex_t mu;
	const prs_opts *o;
	int has_rung;
	arena mem;
	const char **forms;
	int8_t *form_rung; /* catalogue rung, without a rung column */
	int n_forms;
	unsigned *areas;
	int n_areas;
	prs_bmap form_ids;
	prs_umap area_ids;
} prs_shared;

typedef struct prs_worker {
	prs_shared *g;
	char delim;
	int roles[256]; /* header column -> R_*, -1 ignored */
	int n_roles;    /* columns to split */
	prs_bmap form_cache;
	uint16_t *area_direct; /* area number < 100000 -> id + 1 */
	prs_umap area_cache;
	prs_ptab persons;
	prs_pending pending[PRS_BATCH];
	int n_pending;
	prs_umap places; /* see place_key in persons.c */
	uint32_t *hist;  /* [7][PRS_MAX_DAYS + 1], flows only */
	long rows;
	char *scratch; /* a quoted line, unquoted */
	size_t scratch_cap;
	/* the first error: where, and the message without "file:line:" */
	int err_code;
	long err_seq, err_line; /* block, 0-based line in the block */
	int err_col;
	char err_msg[900];
} prs_worker;

/* zeroed, in huge pages where possible; never NULL */
void *prs_big_alloc(size_t n);
void prs_big_free(void *p, size_t n);

void prs_shared_init(prs_shared *g, const prs_opts *o, int has_rung);
void prs_shared_free(prs_shared *g);
void prs_worker_init(prs_worker *w, prs_shared *g, char delim, const int *roles, int n_cols);
void prs_worker_free(prs_worker *w);
/* Parses the whole lines in [p, end) of block seq; returns the number of
 * line breaks passed, and stops at the first error (w->err_code < 0) or
 * when *stop_seq drops to seq or below (another worker failed earlier). */
long prs_worker_block(prs_worker *w, const char *p, const char *end, long seq, const atomic_long *stop_seq);
/* Merges the workers' tables and counts into a result. */
prs_result *prs_result_build(prs_worker *ws, int n, prs_shared *g);

#endif
