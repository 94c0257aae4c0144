/* persons.c - the rows of an episode file: parsing a line, the chosen
 * episode per person and date, the counts, and the result. The input and
 * the threads are in persons_read.c. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include "persons_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- hashing: 8 bytes at a time, then a 64-bit finaliser (murmur3's) */
static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t a = 0, b = 0;
	if (n <= 16) { /* ids and labels are mostly short: first and last 8 bytes */
		if (n >= 8) {
			memcpy(&a, s, 8);
			memcpy(&b, s + n - 8, 8);
		} else {
			memcpy(&a, s, n);
		}
		return mix64((a * 0x9fb21c651e98df25ULL) ^ (b + 0x9e3779b97f4a7c15ULL) ^ n);
	}
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0x100000001b3ULL);
	while (n >= 8) {
		memcpy(&a, s, 8);
		h = (h ^ mix64(a)) * 0x9fb21c651e98df25ULL;
		s += 8;
		n -= 8;
	}
	memcpy(&b, s, n);
	return mix64(h ^ b);
}

/* ---- u64 -> u64 */
static void umap_grow(prs_umap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 256;
	uint64_t *k = xcalloc(cap, sizeof *k), *v = xcalloc(cap, sizeof *v);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->k[i])
			continue;
		size_t j = mix64(m->k[i]) & (cap - 1);
		while (k[j])
			j = (j + 1) & (cap - 1);
		k[j] = m->k[i];
		v[j] = m->v[i];
	}
	free(m->k);
	free(m->v);
	m->k = k;
	m->v = v;
	m->cap = cap;
}

uint64_t *prs_umap_slot(prs_umap *m, uint64_t key)
{
	if ((m->n + 1) * 2 > m->cap)
		umap_grow(m);
	size_t j = mix64(key) & (m->cap - 1);
	while (m->k[j] && m->k[j] != key)
		j = (j + 1) & (m->cap - 1);
	if (!m->k[j]) {
		m->k[j] = key;
		m->n++;
	}
	return &m->v[j];
}

void prs_umap_free(prs_umap *m)
{
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof *m);
}

/* ---- bytes -> id (the caller keeps the bytes alive) */
static int bmap_find(const prs_bmap *m, uint64_t h, const char *s, size_t n)
{
	if (!m->cap)
		return -1;
	for (size_t j = h & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
		const struct prs_bent *e = &m->e[j];
		if (!e->s)
			return -1;
		if (e->h == h && e->len == n && !memcmp(e->s, s, n))
			return e->id;
	}
}

static void bmap_put(prs_bmap *m, uint64_t h, const char *s, size_t n, int id)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct prs_bent *e = xcalloc(cap, sizeof *e);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->e[i].s)
				continue;
			size_t j = m->e[i].h & (cap - 1);
			while (e[j].s)
				j = (j + 1) & (cap - 1);
			e[j] = m->e[i];
		}
		free(m->e);
		m->e = e;
		m->cap = cap;
	}
	size_t j = h & (m->cap - 1);
	while (m->e[j].s)
		j = (j + 1) & (m->cap - 1);
	m->e[j] = (struct prs_bent){h, s, (uint32_t)n, id};
	m->n++;
}

/* ---- large zeroed memory (tables, read blocks) in huge pages where the
 * kernel has them: a page fault per 4 KiB cost the reading as much as the
 * parsing */
void *prs_big_alloc(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return xcalloc(1, n); /* aborts when memory is gone, as xcalloc does */
#ifdef MADV_HUGEPAGE
	madvise(p, n, MADV_HUGEPAGE);
#endif
	return p;
}

void prs_big_free(void *p, size_t n)
{
	if (p)
		munmap(p, n);
}

/* ---- persons: keyed on the id's bytes */
static const char *pent_key(const prs_ptab *t, const prs_pent *e)
{
	if (e->len <= PRS_INLINE_KEY)
		return e->key;
	uint64_t off;
	memcpy(&off, e->key, sizeof off);
	return t->keys + off;
}

static prs_pent *ptab_slot(prs_ptab *t, uint64_t h, const char *s, size_t n)
{
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		prs_pent *e = prs_big_alloc(cap * sizeof *e);
		for (size_t i = 0; i < t->cap; i++) {
			if (!t->e[i].len)
				continue;
			size_t j = t->e[i].h & (cap - 1);
			while (e[j].len)
				j = (j + 1) & (cap - 1);
			e[j] = t->e[i];
		}
		prs_big_free(t->e, t->cap * sizeof *e);
		t->e = e;
		t->cap = cap;
	}
	size_t j = h & (t->cap - 1);
	for (;; j = (j + 1) & (t->cap - 1)) {
		prs_pent *e = &t->e[j];
		if (!e->len)
			break;
		if (e->h == h && e->len == n && !memcmp(pent_key(t, e), s, n))
			return e;
	}
	prs_pent *e = &t->e[j];
	memset(e, 0, sizeof *e);
	e->h = h;
	e->len = (uint32_t)n;
	if (n <= PRS_INLINE_KEY) {
		memcpy(e->key, s, n);
	} else {
		if (t->keys_n + n > t->keys_cap) {
			t->keys_cap = (t->keys_cap + n) * 2;
			t->keys = xrealloc(t->keys, t->keys_cap);
		}
		memcpy(t->keys + t->keys_n, s, n);
		uint64_t off = t->keys_n;
		memcpy(e->key, &off, sizeof off);
		t->keys_n += n;
	}
	t->n++;
	return e;
}

static void ptab_free(prs_ptab *t)
{
	prs_big_free(t->e, t->cap * sizeof *t->e);
	free(t->keys);
	memset(t, 0, sizeof *t);
}

/* ---- labels */
void prs_shared_init(prs_shared *g, const prs_opts *o, int has_rung)
{
	memset(g, 0, sizeof *g);
	pthread_mutex_init(&g->mu, NULL);
	g->o = o;
	g->has_rung = has_rung;
	arena_init(&g->mem);
	/* fixed arrays: an id handed to one worker stays valid while another adds */
	g->forms = xcalloc(PRS_MAX_LABELS, sizeof *g->forms);
	g->form_rung = xcalloc(PRS_MAX_LABELS, 1);
	g->areas = xcalloc(PRS_MAX_LABELS, sizeof *g->areas);
}

void prs_shared_free(prs_shared *g)
{
	pthread_mutex_destroy(&g->mu);
	free(g->forms);
	free(g->form_rung);
	free(g->areas);
	free(g->form_ids.e);
	prs_umap_free(&g->area_ids);
	arena_release(&g->mem);
}

void prs_worker_init(prs_worker *w, prs_shared *g, char delim, const int *roles, int n_cols)
{
	memset(w, 0, sizeof *w);
	w->g = g;
	w->delim = delim;
	w->n_roles = 0;
	for (int i = 0; i < n_cols; i++) {
		w->roles[i] = roles[i];
		if (roles[i] >= 0)
			w->n_roles = i + 1;
	}
	w->area_direct = xcalloc(100000, sizeof *w->area_direct);
	if (g->o->n_dates == 2)
		w->hist = xcalloc((size_t)7 * (PRS_MAX_DAYS + 1), sizeof *w->hist);
	w->err_seq = -1;
}

void prs_worker_free(prs_worker *w)
{
	free(w->form_cache.e);
	free(w->area_direct);
	prs_umap_free(&w->area_cache);
	ptab_free(&w->persons);
	prs_umap_free(&w->places);
	free(w->hist);
	free(w->scratch);
}

/* ---- errors: the message now, the line number when all blocks are counted */
static int row_error(prs_worker *w, const char *line, const char *at, const char *fmt, ...) LADDER_PRINTF(4, 5);
static int row_error(prs_worker *w, const char *line, const char *at, const char *fmt, ...)
{
	int col = 1;
	for (const char *p = line; p < at; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	w->err_col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->err_msg, sizeof w->err_msg, fmt, ap);
	va_end(ap);
	w->err_code = LERR_PARSE;
	return -1;
}

/* A value quoted in a message: at most 40 bytes, control characters as '?'. */
static const char *shown(char out[48], const char *s, size_t n)
{
	if (n > 40)
		n = 40;
	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	out[n] = 0;
	return out;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

int prs_parse_date(const char *s, size_t n, int *out)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	const unsigned char *u = (const unsigned char *)s;
	unsigned v0 = u[0] - 48u, v1 = u[1] - 48u, v2 = u[2] - 48u, v3 = u[3] - 48u, v5 = u[5] - 48u, v6 = u[6] - 48u,
		 v8 = u[8] - 48u, v9 = u[9] - 48u; /* a byte that is not a digit wraps above 9 */
	if ((v0 > 9) | (v1 > 9) | (v2 > 9) | (v3 > 9) | (v5 > 9) | (v6 > 9) | (v8 > 9) | (v9 > 9))
		return -1;
	int y = (int)(v0 * 1000 + v1 * 100 + v2 * 10 + v3), m = (int)(v5 * 10 + v6), d = (int)(v8 * 10 + v9);
	if (y < 1 || m < 1 || m > 12 || d < 1 || (d > 28 && d > days_in_month(y, m)))
		return -1;
	*out = y * 10000 + m * 100 + d;
	return 0;
}

/* days since 1970-01-01 of yyyymmdd (H. Hinnant's days_from_civil) */
static long day_number(int ymd)
{
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* ---- labels: the worker's cache, else the shared table under its lock */
static int form_id(prs_worker *w, const char *line, const char *at, const char *s, size_t n, int *rung)
{
	uint64_t h = hash_bytes(s, n);
	int id = bmap_find(&w->form_cache, h, s, n);
	if (id >= 0) {
		*rung = w->g->form_rung[id];
		return id;
	}
	char sh[48];
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return row_error(w, line, at, V(w->g->o->english, prs_form_control_character), shown(sh, s, n));
	prs_shared *g = w->g;
	pthread_mutex_lock(&g->mu);
	id = bmap_find(&g->form_ids, h, s, n);
	if (id < 0 && g->n_forms >= PRS_MAX_LABELS) {
		pthread_mutex_unlock(&g->mu);
		return row_error(w, line, at, V(w->g->o->english, prs_too_many_forms), PRS_MAX_LABELS);
	}
	if (id < 0) {
		char *copy = arena_strndup(&g->mem, s, n);
		int r = -1;
		if (!g->has_rung) {
			lerr e;
			lerr_clear(&e);
			r = g->o->rung_of ? g->o->rung_of(g->o->rung_ctx, copy, &e) : 0;
			if (r < 0) {
				pthread_mutex_unlock(&g->mu);
				return row_error(w, line, at, "%s", e.msg);
			}
			if (r < 1 || r > 6) {
				pthread_mutex_unlock(&g->mu);
				return row_error(w, line, at, V(g->o->english, prs_unknown_form),
						 shown(sh, s, n));
			}
		}
		id = g->n_forms;
		g->forms[id] = copy;
		g->form_rung[id] = (int8_t)r;
		bmap_put(&g->form_ids, h, copy, n, id);
		g->n_forms++;
	}
	const char *label = g->forms[id];
	pthread_mutex_unlock(&g->mu);
	bmap_put(&w->form_cache, h, label, n, id);
	*rung = w->g->form_rung[id];
	return id;
}

static int area_id(prs_worker *w, const char *line, const char *at, const char *s, size_t n)
{
	unsigned v = 0;
	char sh[48];
	if (!n || n > 9)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v < 100000 && w->area_direct[v])
		return w->area_direct[v] - 1;
	uint64_t *c = v >= 100000 ? prs_umap_slot(&w->area_cache, (uint64_t)v + 1) : NULL;
	if (c && *c)
		return (int)*c - 1;
	prs_shared *g = w->g;
	pthread_mutex_lock(&g->mu);
	uint64_t *s_id = prs_umap_slot(&g->area_ids, (uint64_t)v + 1);
	if (!*s_id) {
		if (g->n_areas >= PRS_MAX_LABELS) {
			pthread_mutex_unlock(&g->mu);
			return row_error(w, line, at, V(g->o->english, prs_too_many_areas), PRS_MAX_LABELS);
		}
		g->areas[g->n_areas] = v;
		*s_id = (uint64_t)++g->n_areas;
	}
	int id = (int)*s_id - 1;
	pthread_mutex_unlock(&g->mu);
	if (c)
		*c = (uint64_t)id + 1;
	else
		w->area_direct[v] = (uint16_t)(id + 1);
	return id;
bad:
	return row_error(w, line, at, V(w->g->o->english, prs_bad_area), shown(sh, s, n));
}

/* Is episode a (rung, form, area) chosen before the current choice b? */
static int better(const prs_shared *g, int ra, int fa, int aa, int rb, int fb, int ab)
{
	if (!rb)
		return 1;
	if (ra != rb)
		return g->o->precedence == PRS_LOWEST ? ra < rb : ra > rb;
	if (fa != fb)
		return strcmp(g->forms[fa], g->forms[fb]) < 0;
	return g->areas[aa] < g->areas[ab];
}

/* places: date bit 40, kind bit 39 (1: work form), area << 16, key */
static uint64_t place_key(int date, int is_form, int area, int key)
{
	return ((uint64_t)date << 40 | (uint64_t)is_form << 39 | (uint64_t)area << 16 | (uint64_t)key) + 1;
}

/* ---- persons' chosen episodes: a batch of slots is prefetched first, so
 * the cache misses of a large table overlap instead of queueing */
static void apply_pending(prs_worker *w, const prs_pending *p)
{
	prs_pent *pe = ptab_slot(&w->persons, p->h, p->id, p->len);
	for (int di = 0; di < 2; di++)
		if (p->mask >> di & 1 && better(w->g, p->rung, p->form, p->area, pe->rung[di], pe->form[di], pe->area[di])) {
			pe->rung[di] = p->rung;
			pe->form[di] = p->form;
			pe->area[di] = p->area;
		}
}

static void flush_pending(prs_worker *w)
{
	prs_ptab *t = &w->persons;
	if (t->cap)
		for (int i = 0; i < w->n_pending; i++)
			__builtin_prefetch(&t->e[w->pending[i].h & (t->cap - 1)]);
	for (int i = 0; i < w->n_pending; i++)
		apply_pending(w, &w->pending[i]);
	w->n_pending = 0;
}

/* ---- a row: its fields, split, trimmed */
typedef struct fields {
	const char *s[R_N];
	size_t n[R_N];
} fields;

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* A line with quotes: fields unquoted into w->scratch. Positions for
 * messages stay those of the line (the field's opening quote). */
static int split_quoted(prs_worker *w, const char *p, const char *e, fields *f, const char **at)
{
	size_t need = (size_t)(e - p) + 1;
	if (need > w->scratch_cap) {
		w->scratch_cap = need * 2;
		w->scratch = xrealloc(w->scratch, w->scratch_cap);
	}
	char *o = w->scratch;
	int k = 0;
	const char *q = p;
	for (;;) {
		const char *start = q;
		char *os = o;
		if (q < e && *q == '"') {
			q++;
			for (;;) {
				if (q >= e)
					return row_error(w, p, start, V(w->g->o->english, prs_unterminated_quote));
				if (*q == '"') {
					if (q + 1 < e && q[1] == '"') {
						*o++ = '"';
						q += 2;
						continue;
					}
					q++;
					break;
				}
				*o++ = *q++;
			}
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			if (q < e && *q != w->delim)
				return row_error(w, p, q, V(w->g->o->english, prs_after_quote), w->delim);
		} else {
			while (q < e && *q != w->delim) {
				if (*q == '"')
					return row_error(w, p, q, V(w->g->o->english, prs_quote_inside));
				*o++ = *q++;
			}
		}
		if (k < w->n_roles && w->roles[k] >= 0) {
			int r = w->roles[k];
			f->s[r] = os;
			f->n[r] = (size_t)(o - os);
			at[r] = start;
		}
		k++;
		if (q >= e)
			break;
		q++;
	}
	return 0;
}

/* The line [p, e) (no line break). 0, or -1 with the worker's error set. */
/* The line [p, e) (no line break), its delimiters found by scan_line.
 * 0, or -1 with the worker's error set. */
static int do_line(prs_worker *w, const char *p, const char *e, const char *const *delims, int nd, int quoted)
{
	fields f;
	const char *at[R_N];
	for (int r = 0; r < R_N; r++) {
		f.s[r] = e;
		f.n[r] = 0;
		at[r] = e;
	}
	if (quoted) {
		if (split_quoted(w, p, e, &f, at) < 0)
			return -1;
		goto parsed;
	}
	for (int k = 0; k < w->n_roles && k <= nd; k++) {
		int r = w->roles[k];
		if (r < 0)
			continue;
		const char *fs = k ? delims[k - 1] + 1 : p, *fe = k < nd ? delims[k] : e;
		if (fe > e) /* the '\r' before the line break */
			fe = e;
		f.s[r] = at[r] = fs;
		f.n[r] = fs < fe ? (size_t)(fe - fs) : 0;
	}
parsed:
	for (int r = 0; r < R_N; r++)
		trim(&f.s[r], &f.n[r]);
	char sh[48];
	w->rows++;
	if (!f.n[R_PERSON])
		return row_error(w, p, at[R_PERSON], V(w->g->o->english, prs_empty_person));
	int start, end = PRS_OPEN_END;
	if (prs_parse_date(f.s[R_START], f.n[R_START], &start) < 0)
		return row_error(w, p, at[R_START], V(w->g->o->english, prs_bad_start), shown(sh, f.s[R_START], f.n[R_START]));
	if (f.n[R_END] && prs_parse_date(f.s[R_END], f.n[R_END], &end) < 0)
		return row_error(w, p, at[R_END], V(w->g->o->english, prs_bad_end),
				 shown(sh, f.s[R_END], f.n[R_END]));
	if (end < start)
		return row_error(w, p, at[R_END], V(w->g->o->english, prs_end_before_start), f.s[R_END], f.s[R_START]);
	if (!f.n[R_FORM])
		return row_error(w, p, at[R_FORM], V(w->g->o->english, prs_empty_form));
	int rung = 0;
	int form = form_id(w, p, at[R_FORM], f.s[R_FORM], f.n[R_FORM], &rung);
	if (form < 0)
		return -1;
	if (w->g->has_rung) {
		if (f.n[R_RUNG] != 1 || f.s[R_RUNG][0] < '1' || f.s[R_RUNG][0] > '6')
			return row_error(w, p, at[R_RUNG], V(w->g->o->english, prs_bad_rung), shown(sh, f.s[R_RUNG], f.n[R_RUNG]));
		rung = f.s[R_RUNG][0] - '0';
	}
	int area = area_id(w, p, at[R_AREA], f.s[R_AREA], f.n[R_AREA]);
	if (area < 0)
		return -1;
	const prs_opts *o = w->g->o;
	if (w->hist && end != PRS_OPEN_END && end >= o->dates[0] && end <= o->dates[1]) {
		long len = day_number(end) - day_number(start) + 1;
		w->hist[(size_t)rung * (PRS_MAX_DAYS + 1) + (size_t)(len > PRS_MAX_DAYS ? PRS_MAX_DAYS : len)]++;
	}
	prs_pending pd = {0, f.s[R_PERSON], (uint32_t)f.n[R_PERSON], (uint8_t)rung, 0, (uint16_t)form, (uint16_t)area};
	for (int di = 0; di < o->n_dates; di++) {
		int day = o->dates[di];
		if (start > day || end < day)
			continue;
		pd.mask |= (uint8_t)(1 << di);
		if (o->snapshot && di == o->n_dates - 1) { /* places: a snapshot's */
			(*prs_umap_slot(&w->places, place_key(di, 0, area, rung)))++;
			(*prs_umap_slot(&w->places, place_key(di, 1, area, form)))++;
		}
	}
	if (!pd.mask)
		return 0;
	pd.h = hash_bytes(pd.id, pd.len);
	if (f.s[R_PERSON] >= p && f.s[R_PERSON] < e) { /* the id lives as long as the block */
		w->pending[w->n_pending++] = pd;
		if (w->n_pending == PRS_BATCH)
			flush_pending(w);
	} else { /* unquoted into scratch, which the next quoted line reuses */
		flush_pending(w);
		apply_pending(w, &pd);
	}
	return 0;
}

/* The end of the line at p (its '\n', or end), the first max delimiters
 * in it, and whether it has a quote: 16 bytes at a time where SSE2 is. */
static const char *scan_line(const char *p, const char *end, char delim, const char **delims, int max, int *nd, int *quoted)
{
	const char *q = p;
#ifdef __SSE2__
	const __m128i vn = _mm_set1_epi8('\n'), vd = _mm_set1_epi8(delim), vq = _mm_set1_epi8('"');
	for (; end - q >= 16; q += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vn), _mm_cmpeq_epi8(x, vd)), _mm_cmpeq_epi8(x, vq)));
		while (m) {
			const char *c = q + __builtin_ctz(m);
			m &= m - 1;
			if (*c == '\n')
				return c;
			if (*c == '"')
				*quoted = 1;
			else if (*nd < max)
				delims[(*nd)++] = c;
		}
	}
#endif
	for (; q < end; q++) {
		if (*q == '\n')
			return q;
		if (*q == '"')
			*quoted = 1;
		else if (*q == delim && *nd < max)
			delims[(*nd)++] = q;
	}
	return end;
}

long prs_worker_block(prs_worker *w, const char *p, const char *end, long seq, const atomic_long *stop_seq)
{
	long lines = 0;
	const char *delims[256];
	int max = w->n_roles; /* the delimiter after the last column wanted ends it */
	while (p < end) {
		int nd = 0, quoted = 0;
		const char *e = scan_line(p, end, w->delim, delims, max, &nd, &quoted);
		const char *le = e > p && e[-1] == '\r' ? e - 1 : e;
		if (le > p && do_line(w, p, le, delims, nd, quoted) < 0) {
			w->n_pending = 0;
			w->err_seq = seq;
			w->err_line = lines;
			return lines;
		}
		if (e == end)
			break;
		lines++;
		p = e + 1;
		if (!(lines & 4095) && atomic_load_explicit(stop_seq, memory_order_relaxed) <= seq)
			break;
	}
	flush_pending(w);
	return lines;
}

/* ---- the result */
static int cmp_snap(const void *a, const void *b)
{
	const prs_snap_row *x = a, *y = b;
	if (x->is_form != y->is_form) /* "form" sorts before "rung" */
		return x->is_form ? -1 : 1;
	if (x->area != y->area)
		return x->area < y->area ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int cmp_flow(const void *a, const void *b)
{
	const prs_flow_row *x = a, *y = b;
	if (x->area != y->area)
		return x->area < y->area ? -1 : 1;
	if (x->rung1 != y->rung1)
		return x->rung1 - y->rung1;
	return x->rung2 - y->rung2;
}

/* Thread 2..n's persons into thread 1's table. */
static void merge_persons(prs_worker *ws, int n, prs_shared *g)
{
	prs_ptab *t = &ws[0].persons;
	for (int i = 1; i < n; i++) {
		prs_ptab *u = &ws[i].persons;
		for (size_t j = 0; j < u->cap; j++) {
			prs_pent *e = &u->e[j];
			if (!e->len)
				continue;
			prs_pent *pe = ptab_slot(t, e->h, pent_key(u, e), e->len);
			for (int di = 0; di < 2; di++)
				if (e->rung[di] && better(g, e->rung[di], e->form[di], e->area[di], pe->rung[di], pe->form[di], pe->area[di])) {
					pe->rung[di] = e->rung[di];
					pe->form[di] = e->form[di];
					pe->area[di] = e->area[di];
				}
		}
		ptab_free(u);
	}
}

static void build_snapshot(prs_result *r, prs_worker *ws, int n, prs_shared *g)
{
	prs_umap persons = {0}, places = {0};
	int si = g->o->n_dates - 1; /* the snapshot's date */
	prs_ptab *t = &ws[0].persons;
	for (size_t j = 0; j < t->cap; j++) {
		prs_pent *e = &t->e[j];
		if (!e->len || !e->rung[si])
			continue;
		(*prs_umap_slot(&persons, place_key(si, 0, e->area[si], e->rung[si])))++;
		(*prs_umap_slot(&persons, place_key(si, 1, e->area[si], e->form[si])))++;
	}
	for (int i = 0; i < n; i++)
		for (size_t j = 0; j < ws[i].places.cap; j++)
			if (ws[i].places.k[j])
				*prs_umap_slot(&places, ws[i].places.k[j]) += ws[i].places.v[j];
	/* every key with persons has places: places holds them all */
	r->snap = arena_alloc(&r->mem, (places.n + 1) * sizeof *r->snap);
	for (size_t j = 0; j < places.cap; j++) {
		if (!places.k[j])
			continue;
		uint64_t k = places.k[j] - 1;
		prs_snap_row *s = &r->snap[r->n_snap++];
		s->is_form = (int)(k >> 39 & 1);
		s->area = g->areas[k >> 16 & 0xffff];
		int key = (int)(k & 0xffff);
		s->rung = s->is_form ? g->has_rung ? 0 : g->form_rung[key] : key;
		s->key = s->is_form ? arena_strdup(&r->mem, g->forms[key]) : arena_printf(&r->mem, "%d", key);
		s->places = (long)places.v[j];
		s->persons = (long)*prs_umap_slot(&persons, places.k[j]);
	}
	qsort(r->snap, (size_t)r->n_snap, sizeof *r->snap, cmp_snap);
	prs_umap_free(&persons);
	prs_umap_free(&places);
}

static int quantile(const uint64_t *h, long n, double q)
{
	long rank = (long)(q * (double)n);
	if ((double)rank < q * (double)n)
		rank++;
	if (rank < 1)
		rank = 1;
	long seen = 0;
	for (int d = 0; d <= PRS_MAX_DAYS; d++) {
		seen += (long)h[d];
		if (seen >= rank)
			return d;
	}
	return PRS_MAX_DAYS;
}

static void build_flows(prs_result *r, prs_worker *ws, int n, prs_shared *g)
{
	prs_umap flows = {0};
	prs_ptab *t = &ws[0].persons;
	for (size_t j = 0; j < t->cap; j++) {
		prs_pent *e = &t->e[j];
		if (!e->len || (!e->rung[0] && !e->rung[1]))
			continue;
		int area = e->rung[1] ? e->area[1] : e->area[0];
		(*prs_umap_slot(&flows, ((uint64_t)area << 8 | (uint64_t)e->rung[0] << 4 | e->rung[1]) + 1))++;
	}
	r->flows = arena_alloc(&r->mem, (flows.n + 1) * sizeof *r->flows);
	for (size_t j = 0; j < flows.cap; j++) {
		if (!flows.k[j])
			continue;
		uint64_t k = flows.k[j] - 1;
		r->flows[r->n_flows++] = (prs_flow_row){g->areas[k >> 8], (int)(k >> 4 & 15), (int)(k & 15), (long)flows.v[j]};
	}
	prs_umap_free(&flows);
	qsort(r->flows, (size_t)r->n_flows, sizeof *r->flows, cmp_flow);
	r->moves = arena_alloc(&r->mem, ((size_t)r->n_flows + 1) * sizeof *r->moves);
	for (int i = 0; i < r->n_flows; i++) {
		const prs_flow_row *f = &r->flows[i];
		if (!r->n_moves || r->moves[r->n_moves - 1].area != f->area)
			r->moves[r->n_moves++] = (prs_area_moves){.area = f->area};
		prs_area_moves *m = &r->moves[r->n_moves - 1];
		long *c = !f->rung1 ? &m->entries : !f->rung2 ? &m->exits : f->rung2 > f->rung1 ? &m->risers : f->rung2 < f->rung1 ? &m->fallers : &m->stayers;
		*c += f->persons;
	}
	uint64_t *h = xcalloc(PRS_MAX_DAYS + 1, sizeof *h);
	for (int rung = 1; rung <= 6; rung++) {
		memset(h, 0, (PRS_MAX_DAYS + 1) * sizeof *h);
		long total = 0;
		for (int i = 0; i < n; i++)
			for (int d = 0; d <= PRS_MAX_DAYS; d++) {
				uint32_t c = ws[i].hist[(size_t)rung * (PRS_MAX_DAYS + 1) + (size_t)d];
				h[d] += c;
				total += c;
			}
		prs_spells *s = &r->spells[rung];
		s->n = total;
		if (total)
			*s = (prs_spells){total, quantile(h, total, 0.25), quantile(h, total, 0.5), quantile(h, total, 0.75)};
	}
	free(h);
}

prs_result *prs_result_build(prs_worker *ws, int n, prs_shared *g)
{
	prs_result *r = xcalloc(1, sizeof *r);
	arena_init(&r->mem);
	for (int i = 0; i < n; i++)
		r->rows += ws[i].rows;
	merge_persons(ws, n, g);
	r->persons_seen = (long)ws[0].persons.n;
	if (g->o->snapshot)
		build_snapshot(r, ws, n, g);
	if (g->o->n_dates == 2)
		build_flows(r, ws, n, g);
	return r;
}

void prs_result_free(prs_result *r)
{
	if (!r)
		return;
	arena_release(&r->mem);
	free(r);
}
