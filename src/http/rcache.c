/* rcache.c - the shared response cache: a hash table of entries on a
 * least-recently-used list, one mutex, and the keys being computed (see
 * rcache.h). */
#include "rcache.h"
#include "../base/base.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUCKETS 4096 /* a power of two */

typedef struct entry {
	char *key;
	long gen, era;
	void *value;
	size_t bytes;
	unsigned long hash;
	struct entry *hnext;       /* bucket chain */
	struct entry *newer, *older; /* use order */
} entry;

typedef struct flight {
	char *key;
	long gen;
	struct flight *next;
} flight;

struct rcache {
	pthread_mutex_t lock;
	pthread_cond_t landed; /* a flight ended */
	entry *bucket[BUCKETS];
	entry *newest, *oldest;
	flight *flights;
	long gen;           /* the newest seen */
	double stale_since; /* when it was first seen (CLOCK_MONOTONIC s) */
	double max_stale;
	size_t bytes, max_bytes;
	int entries, max_entries;
	rcache_free_fn free_value;
};

unsigned long rcache_hash(const char *s)
{
	unsigned long h = 1469598103934665603ul;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ul;
	return h;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

rcache *rcache_new(size_t max_bytes, int max_entries, double max_stale, rcache_free_fn free_value)
{
	rcache *c = xcalloc(1, sizeof *c);
	c->max_stale = max_stale;
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&c->landed, &ca);
	pthread_condattr_destroy(&ca);
	c->max_bytes = max_bytes;
	c->max_entries = max_entries;
	c->free_value = free_value;
	return c;
}

static void unlink_use(rcache *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(rcache *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

static void drop(rcache *c, entry *e)
{
	entry **p = &c->bucket[e->hash & (BUCKETS - 1)];
	while (*p != e)
		p = &(*p)->hnext;
	*p = e->hnext;
	unlink_use(c, e);
	c->bytes -= e->bytes;
	c->entries--;
	c->free_value(e->value);
	free(e->key);
	free(e);
}

static void drop_all(rcache *c)
{
	while (c->oldest)
		drop(c, c->oldest);
}

/* A newer generation makes every entry stale; they are kept for a while
 * (max_stale) and dropped as they are replaced or the least used. */
static void see_gen(rcache *c, long gen)
{
	if (gen > c->gen) {
		c->gen = gen;
		c->stale_since = now_s();
	}
}

static entry *find(rcache *c, const char *key, unsigned long h)
{
	for (entry *e = c->bucket[h & (BUCKETS - 1)]; e; e = e->hnext)
		if (e->hash == h && strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static flight *find_flight(rcache *c, const char *key, long gen)
{
	for (flight *f = c->flights; f; f = f->next)
		if (f->gen == gen && strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

static void wait_until(rcache *c, double t)
{
	struct timespec ts;
	ts.tv_sec = (time_t)t;
	ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
	pthread_cond_timedwait(&c->landed, &c->lock, &ts);
}

static void add_flight(rcache *c, const char *key, long gen)
{
	flight *f = xcalloc(1, sizeof *f);
	f->key = xstrdup(key);
	f->gen = gen;
	f->next = c->flights;
	c->flights = f;
}

enum rcache_found rcache_lookup(rcache *c, const char *key, long gen, long era, double wait_s, rcache_use_fn use,
				void *arg)
{
	unsigned long h = rcache_hash(key);
	enum rcache_found found = RCACHE_MISS;
	double deadline = now_s() + wait_s;
	pthread_mutex_lock(&c->lock);
	see_gen(c, gen);
	for (;;) {
		if (gen < c->gen)
			break; /* an older snapshot: computed, never stored */
		entry *e = find(c, key, h);
		if (e && e->gen == gen) {
			found = RCACHE_HIT;
			break;
		}
		int stale_ok = e && e->era == era && now_s() - c->stale_since <= c->max_stale;
		if (find_flight(c, key, gen)) {
			if (stale_ok && now_s() >= deadline) {
				found = RCACHE_STALE;
				break;
			}
			if (stale_ok)
				wait_until(c, deadline);
			else
				pthread_cond_wait(&c->landed, &c->lock);
			continue;
		}
		add_flight(c, key, gen);
		found = stale_ok ? RCACHE_REFRESH : RCACHE_MISS;
		break;
	}
	if (found == RCACHE_HIT || found == RCACHE_STALE) {
		entry *e = find(c, key, h);
		unlink_use(c, e);
		push_newest(c, e);
		use(e->value, arg);
	}
	pthread_mutex_unlock(&c->lock);
	return found;
}

/* Ends the flight of (key, gen), if any (under the lock). */
static void land(rcache *c, const char *key, long gen)
{
	for (flight **p = &c->flights; *p; p = &(*p)->next) {
		if ((*p)->gen == gen && strcmp((*p)->key, key) == 0) {
			flight *f = *p;
			*p = f->next;
			free(f->key);
			free(f);
			pthread_cond_broadcast(&c->landed);
			return;
		}
	}
}

void rcache_put(rcache *c, const char *key, long gen, long era, void *value, size_t bytes)
{
	size_t need = bytes + strlen(key) + sizeof(entry);
	pthread_mutex_lock(&c->lock);
	see_gen(c, gen);
	land(c, key, gen);
	unsigned long h = rcache_hash(key);
	entry *old = find(c, key, h);
	if (gen < c->gen || need > c->max_bytes || c->max_entries < 1 || (old && old->gen >= gen)) {
		pthread_mutex_unlock(&c->lock);
		c->free_value(value);
		return;
	}
	if (old)
		drop(c, old);
	while (c->oldest && (c->bytes + need > c->max_bytes || c->entries + 1 > c->max_entries))
		drop(c, c->oldest);
	entry *e = xcalloc(1, sizeof *e);
	e->key = xstrdup(key);
	e->gen = gen;
	e->era = era;
	e->value = value;
	e->bytes = need;
	e->hash = h;
	e->hnext = c->bucket[h & (BUCKETS - 1)];
	c->bucket[h & (BUCKETS - 1)] = e;
	push_newest(c, e);
	c->bytes += need;
	c->entries++;
	pthread_mutex_unlock(&c->lock);
}

void rcache_abandon(rcache *c, const char *key, long gen)
{
	pthread_mutex_lock(&c->lock);
	land(c, key, gen);
	/* the answer of gen is not to be cached: an older one must not stand
	 * in for it either */
	entry *e = find(c, key, rcache_hash(key));
	if (e && e->gen < gen)
		drop(c, e);
	pthread_mutex_unlock(&c->lock);
}

void rcache_usage(rcache *c, int *entries, size_t *bytes)
{
	pthread_mutex_lock(&c->lock);
	*entries = c->entries;
	*bytes = c->bytes;
	pthread_mutex_unlock(&c->lock);
}

void rcache_free(rcache *c)
{
	if (!c)
		return;
	drop_all(c);
	while (c->flights) {
		flight *f = c->flights;
		c->flights = f->next;
		free(f->key);
		free(f);
	}
	pthread_cond_destroy(&c->landed);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
