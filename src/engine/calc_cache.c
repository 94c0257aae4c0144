/* calc_cache.c - grids kept between runs (the store's grid cache, one per
 * edition, year, protection options and map epoch), refreshed by imports,
 * and the read transaction's memo of grids and context (see calc.h). */
#include "calc_internal.h"
#include "../base/varint.h"
#include "../base/vocab.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ grid cache */

/* A cached grid (store_grid_cache_*) is compact, because show reads two of
 * them on every run: after the magic, the counts of areas, nodes and diffs;
 * per cell a state byte (bit 0 known, bits 1-5 flags, bit 6 suppressed, bit 7
 * gap suppressed) and a reported byte (bit 0 reported, bits 1-5 its flags),
 * then the value when known or reported (a reported cell's resolved value is
 * its reported one); then the diffs. Numbers are varint.h's, so a blob means
 * the same on any machine. */
static const char cache_magic[8] = "ladgrid3";
_Static_assert(CALC_RECOMPUTED < 64, "calc flags must fit in 6 bits of the cache");

/* The protection options a pattern depends on and the map the grid's sums
 * were made on (model_set_map), as the cache's key. */
/* The key of a grid beside its stamp: the protection options and the map it
 * is put on (any year of the same epoch gives the same grid). */
static void opts_key(const calc_protect_opts *o, int map_year, char out[160])
{
	snprintf(out, 160, "t=%d,%d,%d,%d,%d w=%d,%d,%d,%d,%d k=%d m=%d c=%d", o->threshold[0], o->threshold[1],
		 o->threshold[2], o->threshold[3], o->threshold[4], o->width[0], o->width[1], o->width[2], o->width[3],
		 o->width[4], o->keep_previous, map_year, o->cost);
}

/* A resolved and protected grid as one blob (every cell resolved first). */
static void grid_to_cache(calc_grid *g, buf *out)
{
	const calc_diff *d;
	int nd = calc_grid_diffs(g, &d);
	size_t cells = (size_t)g->na * (size_t)g->nn;
	buf_add(out, cache_magic, sizeof cache_magic);
	vint_put(out, (unsigned long long)g->na);
	vint_put(out, (unsigned long long)g->nn);
	vint_put(out, (unsigned long long)nd);
	for (size_t k = 0; k < cells; k++) {
		calc_value v = g->res[k];
		unsigned state = (v.known ? 1u : 0u) | (v.flags & 63u) << 1 | (g->supp[k] ? 128u : 0u);
		unsigned reported = (g->has[k] ? 1u : 0u) | (g->rflags[k] & 63u) << 1 | (g->supp_gap[k] ? 128u : 0u);
		buf_addc(out, (char)state);
		buf_addc(out, (char)reported);
		if (v.known || g->has[k])
			vint_put_number(out, v.v);
	}
	for (int i = 0; i < nd; i++) {
		vint_put(out, (unsigned long long)d[i].area);
		vint_put(out, (unsigned long long)d[i].node);
		vint_put_number(out, d[i].reported);
		vint_put_number(out, d[i].parts);
		vint_put(out, (unsigned long long)d[i].by_area);
		vint_put(out, d[i].flags);
	}
}

/* The grid of a blob; NULL when it does not fit the model (a miss). The
 * whole blob is read through once (its shape checked, where each area's
 * cells begin noted, the diffs decoded); the cells of an area are decoded
 * when first asked for (calc_grid_decode_area): on the 2 million figures
 * store a page asks for a few areas of each of some twenty grids of
 * 1 800 areas. Takes blob (made by malloc), also when it fails. */
static calc_grid *grid_from_cache(const model *m, int edition, int year, void *blob, size_t len)
{
	vint_reader r = {(const unsigned char *)blob, (const unsigned char *)blob + len, 0};
	if (len < sizeof cache_magic || memcmp(blob, cache_magic, sizeof cache_magic) != 0) {
		free(blob);
		return NULL;
	}
	r.p += sizeof cache_magic;
	unsigned long long na = vint_get(&r), nn = vint_get(&r), nd = vint_get(&r);
	if (r.bad || na != (unsigned long long)m->n_areas || nn != (unsigned long long)m->n_nodes || nd > len) {
		free(blob);
		return NULL;
	}
	calc_grid *g = calc_grid_alloc(m, edition, year, 0);
	size_t cells = (size_t)g->na * (size_t)g->nn;
	g->supp = xmalloc(cells + 1);
	g->supp_gap = xmalloc(cells + 1);
	g->row_at = xcalloc((size_t)g->na + 1, sizeof *g->row_at);
	g->row_in = xcalloc((size_t)g->na + 1, 1);
	const unsigned char *start = blob;
	for (size_t k = 0; k < cells && !r.bad; k++) {
		if (k % (size_t)g->nn == 0)
			g->row_at[k / (size_t)g->nn] = (size_t)(r.p - start);
		if (r.end - r.p < 2) {
			r.bad = 1;
			break;
		}
		unsigned state = r.p[0], reported = r.p[1];
		r.p += 2;
		if ((state & 1u) || (reported & 1u))
			(void)vint_get_number(&r);
	}
	g->row_at[g->na] = (size_t)(r.p - start);
	g->diffs = xcalloc((size_t)nd + 1, sizeof *g->diffs);
	for (g->n_diffs = 0; (unsigned long long)g->n_diffs < nd && !r.bad; g->n_diffs++) {
		diff *x = &g->diffs[g->n_diffs];
		unsigned long long a = vint_get(&r), n = vint_get(&r);
		x->reported = vint_get_number(&r);
		x->parts = vint_get_number(&r);
		x->by_area = (int)vint_get(&r);
		x->flags = (unsigned)vint_get(&r);
		r.bad |= a >= na || n >= nn;
		x->area = (int)a;
		x->node = (int)n;
	}
	g->blob = blob;
	if (r.bad || r.p != r.end) {
		calc_grid_free(g);
		return NULL;
	}
	return g;
}

void calc_grid_decode_area(calc_grid *g, int a)
{
	/* the blob was read through by grid_from_cache: it is whole */
	vint_reader r = {g->blob + g->row_at[a], g->blob + g->row_at[a + 1], 0};
	for (int n = 0; n < g->nn; n++) {
		size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
		unsigned state = *r.p++, reported = *r.p++;
		calc_value v = {0, (int)(state & 1u), (state >> 1) & 63u};
		g->has[k] = reported & 1u;
		g->rflags[k] = (reported >> 1) & 63u;
		if (v.known || g->has[k])
			v.v = vint_get_number(&r);
		if (g->has[k])
			g->rep[k] = v.v;
		g->res[k] = v;
		g->state[k] = 2; /* every cell was resolved before it was cached */
		g->below[k] = 0; /* the cells came unzeroed: nothing left unset */
		g->supp[k] = (state & 128u) != 0;
		g->supp_gap[k] = (reported & 128u) != 0;
	}
	g->row_in[a] = 1;
}

/* Decoded grids of one read transaction (store_memo): a page or report
 * opens the same (edition, year) dozens of times (the report's grid of
 * every year, then a ladder per area and year, each with the year before),
 * and reading the stamp and the blob and decoding it costs more than
 * everything else the page does with it. Only grids read from the cache
 * are kept (resolved and protected, no disclosure table: their values never
 * change once read, only their areas are decoded as asked), and shared (calc_grid_free drops a share): a copy of each
 * cost a page of the full demo a tenth of its time. Room for every year
 * of two editions' series. */
void calc_context_all_free(context_all *c)
{
	if (!c)
		return;
	free(c->v);
	free(c->has);
	free(c);
}

static void calc_memo_free(void *p)
{
	calc_memo *cm = p;
	for (int i = 0; i < cm->grids.n; i++)
		calc_grid_free(cm->grids.e[i].g);
	for (int i = 0; i < cm->n_ctx; i++)
		calc_context_all_free(cm->ctx[i]);
	free(cm);
}

/* The transaction's memo, made when create; NULL outside a read
 * transaction. */
calc_memo *calc_memo_of(store *s, int create)
{
	calc_memo *cm = store_memo(s);
	if (!cm && create) {
		cm = xcalloc(1, sizeof *cm);
		if (store_set_memo(s, cm, calc_memo_free) < 0) {
			free(cm); /* not in a read transaction: nothing to share */
			return NULL;
		}
	}
	return cm;
}

static calc_grid *memo_get(store *s, const model *m, int edition, int year, const char *key)
{
	calc_memo *cm = calc_memo_of(s, 0);
	grid_memo *gm = cm ? &cm->grids : NULL;
	for (int i = 0; gm && i < gm->n; i++)
		if (gm->e[i].m == m && gm->e[i].edition == edition && gm->e[i].year == year && strcmp(gm->e[i].key, key) == 0)
			return gm->e[i].g->shares++, gm->e[i].g;
	return NULL;
}

static void memo_put(store *s, const calc_grid *g, const char *key)
{
	calc_memo *cm = calc_memo_of(s, 1);
	if (!cm)
		return;
	grid_memo *gm = &cm->grids;
	int i = gm->n < GRID_MEMO_MAX ? gm->n++ : gm->next++ % GRID_MEMO_MAX;
	if (gm->e[i].g)
		calc_grid_free(gm->e[i].g);
	gm->e[i].m = g->m;
	gm->e[i].edition = g->edition;
	gm->e[i].year = g->year;
	snprintf(gm->e[i].key, sizeof gm->e[i].key, "%s", key);
	gm->e[i].g = (calc_grid *)g;
	gm->e[i].g->shares++;
}

/* calc_grid_open in steps: calc_grids_refresh solves the tables of several
 * grids at once between open_begin and open_end. */
typedef struct open_step {
	buf stamp;
	char key[160];
	int cacheable;
	int pending; /* loaded here, protection begun: open_end finishes it */
	int solve;   /* its table still to solve (calc_grid_protect_solve) */
	int sibling; /* taken protected from another map's grid (calc_grid_sibling) */
} open_step;

/* The grid from the memo or the cache, or loaded with its protection begun
 * (st->pending): taken from the table of from (a grid of the same edition
 * and year whose table covers this map) when it can be; its own table
 * keeps the grids of the other maps for that when keep_maps. NULL on an
 * error. */
static calc_grid *open_begin(store *s, const model *m, int edition, int year, const calc_protect_opts *o, open_step *st,
			     calc_grid *from, int keep_maps, lerr *err)
{
	lerr e;
	st->stamp = (buf)BUF_INIT;
	st->cacheable = st->pending = st->solve = st->sibling = 0;
	int memo = edition && !o->primary_only && !o->unprotected;
	if (memo) {
		opts_key(o, model_map_epoch(m, m->map_year), st->key);
		calc_grid *g = memo_get(s, m, edition, year, st->key);
		if (g)
			return g;
	}
	/* the stamp is read before the figures: a grid cached under it is
	 * never newer than what it was computed from */
	st->cacheable = edition && !o->primary_only && store_grid_stamp(s, edition, year, o->keep_previous, &st->stamp, &e) == 0;
	if (st->cacheable) {
		void *blob;
		size_t len;
		opts_key(o, model_map_epoch(m, m->map_year), st->key);
		if (store_grid_cache_get(s, edition, year, buf_cstr(&st->stamp), st->key, &blob, &len, &e) == 0 && blob) {
			calc_grid *g = grid_from_cache(m, edition, year, blob, len);
			if (g) {
				g->protection = o->unprotected ? PROT_OFF : PROT_ON;
				if (memo)
					memo_put(s, g, st->key);
				buf_release(&st->stamp);
				return g;
			}
		}
	}
	calc_grid *g = from && st->cacheable ? calc_grid_sibling(from, m->map_year) : NULL;
	if (g) {
		st->pending = st->sibling = 1;
		return g;
	}
	/* the protection loads the same figures on the other maps */
	calc_figs *figs = xcalloc(1, sizeof *figs);
	g = calc_grid_load_figs(s, m, edition, year, figs, err);
	if (g) {
		g->figs = figs;
		g->keep_maps = keep_maps;
	} else {
		free(figs->f);
		free(figs);
	}
	if (g && calc_grid_protect_begin(g, s, o, &st->solve, err) < 0) {
		calc_grid_free(g);
		g = NULL;
	}
	if (g)
		calc_grid_free_figs(g);
	st->pending = g != NULL;
	if (!g)
		buf_release(&st->stamp);
	return g;
}

/* Finishes a grid of open_begin, its table solved if it had to be: the
 * protection ends, the grid goes to the cache. */
static void open_end(store *s, const calc_protect_opts *o, calc_grid *g, open_step *st)
{
	lerr e;
	if (st->pending) {
		if (!st->sibling) /* else hidden as the table it came from */
			calc_grid_protect_end(g, s, o, st->solve);
		if (st->cacheable && !o->unprotected) {
			buf b = {0};
			grid_to_cache(g, &b);
			if (store_grid_cache_put(s, g->edition, g->year, buf_cstr(&st->stamp), st->key, b.ptr, b.len, &e) < 0) {
				/* only the next reader's time is lost */
			}
			buf_release(&b);
		}
	}
	st->pending = 0;
	buf_release(&st->stamp);
}

calc_grid *calc_grid_open(store *s, const model *m, int edition, int year, const calc_protect_opts *o, lerr *err)
{
	open_step st;
	calc_grid *g = open_begin(s, m, edition, year, o, &st, NULL, 0, err);
	if (g && st.pending && st.solve && calc_grid_protect_solve(g, err) < 0) {
		buf_release(&st.stamp);
		calc_grid_free(g);
		return NULL;
	}
	if (g)
		open_end(s, o, g, &st);
	return g;
}

/* Is (edition, year) stale after the figures of pairs changed? Itself, or
 * with keep_previous a later edition of a year whose earlier one changed. */
static int refresh_needed(store *s, const int (*pairs)[2], int n, int edition, int year, int keep_previous)
{
	for (int i = 0; i < n; i++) {
		if (pairs[i][1] != year)
			continue;
		if (pairs[i][0] == edition)
			return 1;
		int prev = 0;
		lerr e;
		if (keep_previous && store_previous_edition(s, "figure", year, edition, &prev, &e) == 0 && prev &&
		    refresh_needed(s, pairs, n, prev, year, keep_previous))
			return 1;
	}
	return 0;
}

/* The map epochs of the years with figures, each once. */
static int map_epochs(store *s, const model *m, int **out, int *n, lerr *err)
{
	int *years, ny;
	*out = NULL;
	*n = 0;
	if (store_years(s, "figure", NULL, &years, &ny, err) < 0)
		return LERR_DB;
	*out = xmalloc(sizeof **out * (size_t)(ny + 1));
	for (int i = 0; i < ny; i++) {
		int e = model_map_epoch(m, years[i]), seen = 0;
		for (int j = 0; j < *n; j++)
			seen |= (*out)[j] == e;
		if (!seen)
			(*out)[(*n)++] = e;
	}
	free(years);
	return 0;
}

typedef struct pair_list {
	int (*p)[2], n;
} pair_list;

static void pair_add(void *ctx, int edition, const char *code, int year)
{
	(void)code;
	pair_list *L = ctx;
	L->p = xrealloc(L->p, sizeof *L->p * (size_t)(L->n + 1));
	L->p[L->n][0] = edition;
	L->p[L->n++][1] = year;
}

/* A grid cached on one map is cached on every map of epochs: figures of a
 * year on a new map (the first of 2025) make every page of that year ask
 * for the grids of all the other years there too. With all, every pair
 * with figures is, cached or not. */
static int fill_epochs(store *s, model *m, const calc_protect_opts *o, const int *epochs, int n_epochs, int all_pairs,
		       lerr *err)
{
	pair_list L = {NULL, 0};
	if (store_coverage(s, "figure", 0, 9999, pair_add, &L, err) < 0)
		return LERR_DB;
	int rc = 0;
	unsigned char *has = xcalloc((size_t)n_epochs + 1, 1);
	for (int i = 0; i < L.n && rc == 0; i++) {
		buf stamp = {0};
		int any = 0, all = 1;
		if (store_grid_stamp(s, L.p[i][0], L.p[i][1], o->keep_previous, &stamp, err) < 0)
			rc = LERR_DB;
		for (int j = 0; j < n_epochs && rc == 0; j++) {
			char key[160];
			int h;
			opts_key(o, epochs[j], key);
			rc = store_grid_cache_has(s, L.p[i][0], L.p[i][1], buf_cstr(&stamp), key, &h, err);
			has[j] = (unsigned char)h;
			any |= h;
			all &= h;
		}
		for (int j = 0; j < n_epochs && rc == 0 && (any || all_pairs) && !all; j++) {
			if (has[j])
				continue;
			model_set_map(m, epochs[j]);
			calc_grid *g = calc_grid_open(s, m, L.p[i][0], L.p[i][1], o, err);
			if (!g)
				rc = err->code ? err->code : LERR_DB;
			calc_grid_free(g);
		}
		buf_release(&stamp);
	}
	free(has);
	free(L.p);
	return rc;
}

/* grids_open: the protection settings and the model that refreshing or
 * completing the stored grids needs; *m is the caller's to model_free */
static int grids_open(store *s, calc_protect_opts *o, model **m, lerr *err)
{
	if (calc_protect_opts_load(s, o, err) < 0)
		return err->code;
	if (!(*m = store_load_model(s, err)))
		return LERR_DB;
	return 0;
}

static int refresh_jobs; /* calc_set_refresh_jobs; 0: one per core */

void calc_set_refresh_jobs(int jobs)
{
	refresh_jobs = jobs < 0 ? 0 : jobs;
}

/* One grid calc_grids_refresh makes: a stale pair on one map. */
typedef struct refresh_item {
	int edition, year, map; /* map: the year model_set_map puts it on */
	int todo;               /* its pair's index in the list of stale pairs */
	int after;              /* the item of its year just before it, -1 none */
	/* this thread's: waiting for its year, queued (a worker may be
	 * solving it), solved (to end), ended */
	enum { IT_WAITING, IT_QUEUED, IT_SOLVED, IT_ENDED } state;
	int solved;             /* a queued one solved: the pool's lock guards it */
	calc_grid *g;
	open_step st;
	int rc;
	lerr err;
} refresh_item;

/* The grids between open_begin and open_end. Only the caller's thread
 * touches the store (it begins and ends grids); solving a table reads only
 * that table, so the workers and the caller solve the queued ones. */
typedef struct refresh_pool {
	pthread_mutex_t lock;
	pthread_cond_t solved, queued;
	refresh_item **queue;
	int head, tail, stop;
} refresh_pool;

static void solve_one(refresh_pool *P, refresh_item *it)
{
	/* GLPK keeps an environment per thread (disc_protect frees it) */
	it->rc = calc_grid_protect_solve(it->g, &it->err);
	pthread_mutex_lock(&P->lock);
	it->solved = 1;
	pthread_cond_signal(&P->solved);
	pthread_mutex_unlock(&P->lock);
}

/* The next queued item, or NULL (with wait: once stopped). */
static refresh_item *take_queued(refresh_pool *P, int wait)
{
	pthread_mutex_lock(&P->lock);
	while (wait && P->head == P->tail && !P->stop)
		pthread_cond_wait(&P->queued, &P->lock);
	refresh_item *it = P->head < P->tail ? P->queue[P->head++] : NULL;
	pthread_mutex_unlock(&P->lock);
	return it;
}

static void *solve_worker(void *arg)
{
	refresh_pool *P = arg;
	refresh_item *it;
	while ((it = take_queued(P, 1)))
		solve_one(P, it);
	return NULL;
}

/* Grids between their begin and their end, per thread: enough to keep
 * the threads busy, few enough tables at once (each grid with its table is
 * a few MB; the cache suffers beyond that). */
#define REFRESH_BATCH 4

int calc_grids_refresh(store *s, const int (*pairs)[2], int n, calc_progress_fn progress, void *arg, lerr *err)
{
	calc_protect_opts o;
	model *m = NULL;
	int orc = grids_open(s, &o, &m, err);
	if (orc)
		return orc;
	/* the stale pairs, each year's editions oldest first (a kept pattern
	 * is computed before the edition that keeps it) */
	int (*todo)[2] = NULL, n_todo = 0, rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		int year = pairs[i][1], seen = 0;
		for (int j = 0; j < i; j++)
			seen |= pairs[j][1] == year;
		store_edition_ref *eds;
		int n_eds;
		if (seen)
			continue;
		if ((rc = store_year_editions(s, "figure", year, &eds, &n_eds, err)) < 0)
			break;
		todo = xrealloc(todo, sizeof *todo * (size_t)(n_todo + n_eds + 1));
		for (int k = 0; k < n_eds; k++)
			if (refresh_needed(s, pairs, n, eds[k].id, year, o.keep_previous)) {
				todo[n_todo][0] = eds[k].id;
				todo[n_todo++][1] = year;
			}
		free(eds);
	}
	/* on every map a page may put them on: that of each year with figures
	 * (a page of a year shows the series of every year on its map) */
	int *epochs = NULL, n_epochs = 0;
	if (rc == 0 && n_todo)
		rc = map_epochs(s, m, &epochs, &n_epochs, err);
	/* the grids: per stale pair its own year's map first (the one show
	 * reads), then the other epochs */
	refresh_item *items = xcalloc((size_t)n_todo * (size_t)(n_epochs + 1) + 1, sizeof *items);
	int n_items = 0;
	for (int i = 0; i < n_todo && rc == 0; i++) {
		int own = model_map_epoch(m, todo[i][1]);
		for (int j = -1; j < n_epochs; j++) {
			if (j >= 0 && epochs[j] == own)
				continue;
			refresh_item *it = &items[n_items];
			it->edition = todo[i][0];
			it->year = todo[i][1];
			it->map = j >= 0 ? epochs[j] : todo[i][1];
			it->todo = i;
			it->after = -1;
			for (int k = 0; k < n_items; k++)
				if (items[k].year == it->year)
					it->after = k;
			n_items++;
		}
	}
	/* A year's grids depend on those before them (a pattern kept from the
	 * previous edition, the same table on another map found stored): each
	 * begins once the one before it has ended. Grids of different years do
	 * not: while the workers solve tables, this thread begins the next
	 * grids and ends the solved ones, and solves too when it has nothing
	 * else to do. Each grid meets the store as the one-by-one loop left it
	 * for its year, so the patterns are the same whatever the threads. */
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int jobs = refresh_jobs ? refresh_jobs : cores < 1 ? 1 : cores > 8 ? 8 : (int)cores;
	int *left = xcalloc((size_t)n_todo + 1, sizeof *left), done = 0;
	calc_grid **src = xcalloc((size_t)n_todo + 1, sizeof *src);
	for (int k = 0; k < n_items; k++)
		left[items[k].todo]++;
	refresh_pool P = {.queue = xcalloc((size_t)n_items + 1, sizeof *P.queue)};
	pthread_mutex_init(&P.lock, NULL);
	pthread_cond_init(&P.solved, NULL);
	pthread_cond_init(&P.queued, NULL);
	pthread_t th[8];
	int started = 0;
	for (int i = 1; i < jobs && i < n_items && started < 8; i++)
		if (pthread_create(&th[started], NULL, solve_worker, &P) == 0)
			started++;
	int in_flight = 0, cap = REFRESH_BATCH * jobs, ended = 0, next = 0;
	while (ended < n_items && (rc == 0 || in_flight)) {
		int progressed = 0;
		/* the solved grids to the store */
		for (int k = 0; k < n_items; k++) {
			refresh_item *it = &items[k];
			if (it->state == IT_QUEUED) {
				pthread_mutex_lock(&P.lock);
				if (it->solved)
					it->state = IT_SOLVED;
				pthread_mutex_unlock(&P.lock);
			}
			if (it->state != IT_SOLVED)
				continue;
			if (rc == 0 && it->rc < 0) {
				rc = it->rc;
				*err = it->err;
			}
			if (rc == 0) {
				model_set_map(m, it->map);
				open_end(s, &o, it->g, &it->st);
				done += --left[it->todo] == 0;
			} else {
				buf_release(&it->st.stamp);
			}
			if (rc == 0 && it->g && it->g->keep_maps && left[it->todo]) {
				src[it->todo] = it->g; /* the pair's other maps are taken from it */
			} else {
				calc_grid_free(it->g);
				if (!left[it->todo]) {
					calc_grid_free(src[it->todo]);
					src[it->todo] = NULL;
				}
			}
			it->g = NULL;
			it->state = IT_ENDED;
			ended++;
			in_flight--;
			progressed = 1;
		}
		/* the next grids whose year is ready for them, oldest first */
		while (rc == 0 && in_flight < cap) {
			while (next < n_items && items[next].state != IT_WAITING)
				next++;
			int k = next;
			while (k < n_items && (items[k].state != IT_WAITING ||
					       (items[k].after >= 0 && items[items[k].after].state != IT_ENDED)))
				k++;
			if (k == n_items)
				break;
			refresh_item *it = &items[k];
			if (progress)
				progress(done, n_todo, arg);
			model_set_map(m, it->map);
			/* the pair's first grid builds the table of every map: the
			 * grids of its other maps come from it */
			int first = k == 0 || items[k - 1].todo != it->todo;
			int keep = first && k + 1 < n_items && items[k + 1].todo == it->todo;
			it->g = open_begin(s, m, it->edition, it->year, &o, &it->st, src[it->todo], keep, err);
			in_flight++;
			progressed = 1;
			if (!it->g) {
				rc = err->code ? err->code : LERR_DB;
				it->rc = rc;
				it->err = *err;
				it->state = IT_SOLVED;
			} else if (it->st.pending && it->st.solve) {
				pthread_mutex_lock(&P.lock);
				it->state = IT_QUEUED;
				P.queue[P.tail++] = it;
				pthread_cond_signal(&P.queued);
				pthread_mutex_unlock(&P.lock);
			} else {
				it->state = IT_SOLVED;
			}
		}
		if (progressed)
			continue;
		/* nothing to begin or end: solve one, or wait for one */
		refresh_item *it = take_queued(&P, 0);
		if (it) {
			solve_one(&P, it);
			continue;
		}
		pthread_mutex_lock(&P.lock);
		int any_solved = 0;
		for (int k = 0; k < n_items && !any_solved; k++)
			any_solved = items[k].state == IT_QUEUED && items[k].solved;
		if (!any_solved)
			pthread_cond_wait(&P.solved, &P.lock);
		pthread_mutex_unlock(&P.lock);
	}
	pthread_mutex_lock(&P.lock);
	P.stop = 1;
	pthread_cond_broadcast(&P.queued);
	pthread_mutex_unlock(&P.lock);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&P.lock);
	pthread_cond_destroy(&P.solved);
	pthread_cond_destroy(&P.queued);
	free(P.queue);
	for (int i = 0; i < n_todo; i++)
		calc_grid_free(src[i]);
	free(src);
	free(left);
	free(items);
	if (rc == 0 && n_todo)
		rc = fill_epochs(s, m, &o, epochs, n_epochs, 0, err);
	if (progress && rc == 0)
		progress(n_todo, n_todo, arg);
	free(epochs);
	free(todo);
	model_free(m);
	return rc;
}

int calc_grids_complete(store *s, lerr *err)
{
	calc_protect_opts o;
	model *m = NULL;
	int orc = grids_open(s, &o, &m, err);
	if (orc)
		return orc;
	int *epochs, n_epochs;
	int rc = map_epochs(s, m, &epochs, &n_epochs, err);
	if (rc == 0)
		rc = fill_epochs(s, m, &o, epochs, n_epochs, 1, err);
	free(epochs);
	model_free(m);
	return rc;
}

calc_grid *calc_grid_load_protected(store *s, const model *m, int edition, int year, lerr *err)
{
	calc_protect_opts o;
	if (calc_protect_opts_load(s, &o, err) < 0)
		return NULL;
	return calc_grid_open(s, m, edition, year, &o, err);
}

int calc_grid_audit(calc_grid *g, calc_exposure **out, int *n_out, disc_stats *st, lerr *err)
{
	*out = NULL;
	*n_out = 0;
	if (!g->dt)
		return lerr_set(err, LERR_USAGE, "calc_grid_audit: the grid is not protected");
	const disc_exposure *x;
	int n;
	if (disc_audit(g->dt, &x, &n, err) < 0)
		return err->code;
	if (st)
		*st = *disc_get_stats(g->dt);
	*out = xcalloc((size_t)n + 1, sizeof **out);
	for (int i = 0; i < n; i++) {
		int ref = g->dref[x[i].cell];
		size_t cells = (size_t)g->na * (size_t)g->nn, slot = (size_t)ref / 2 / cells, k = (size_t)ref / 2 % cells;
		(*out)[i] = (calc_exposure){(int)(k / (size_t)g->nn), (int)(k % (size_t)g->nn), ref % 2, x[i].lo, x[i].hi,
					    x[i].required, slot ? g->map_year[slot] : 0};
	}
	*n_out = n;
	return 0;
}

int calc_grid_hides_under(const calc_grid *g, int area)
{
	if (g->protection != PROT_ON || area < 0)
		return 0;
	for (int n = 0; n < g->nn; n++) {
		size_t k = (size_t)area * (size_t)g->nn + (size_t)n;
		if (g->supp[k] || g->supp_gap[k])
			return 1;
	}
	const model_area *x = &g->m->areas[area];
	for (int i = 0; i < x->n_children; i++)
		if (calc_grid_hides_under(g, x->children[i]))
			return 1;
	return 0;
}

const disc_stats *calc_grid_stats(const calc_grid *g)
{
	return g->dt ? disc_get_stats(g->dt) : NULL;
}

disc_table *calc_grid_table(calc_grid *g)
{
	return g->dt;
}

