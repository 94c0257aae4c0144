/* rcache.h - the server's response cache, shared by every worker thread.
 * Prefix: rcache_.
 *
 * Entries are keyed by the request target and made for one store
 * generation (http.h). An entry of an older generation than the newest
 * seen is stale: for at most max_stale seconds after the generation went
 * up it can still be served (the answer a moment before the commit, a whole
 * consistent snapshot) while the one refresh computes the new one, to
 * whoever does not wait for it (rcache_lookup's wait_s), and only while the
 * caller's era is the entry's (the server's era is the store's reference
 * generation: after a setting or a new catalogue nothing old stands in);
 * after that it is a miss. A lookup with an older generation than the newest seen is never
 * served from nor stored in the cache. The cache is bounded in bytes and
 * entries and drops the least recently used first, so that its memory
 * stays flat however many different targets are asked.
 *
 * Single flight: a miss or a stale hit makes one caller the one that
 * computes that (key, generation); another thread that misses the same key
 * meanwhile waits for it (rcache_put or rcache_abandon) instead of
 * computing it again, then finds it cached.
 *
 * Ownership: the cache owns the values put in it and releases them with
 * the free function given to rcache_new (on eviction, on replacement, at
 * rcache_free); a value is used only inside `use`, under the cache's lock.
 */
#ifndef LADDER_RCACHE_H
#define LADDER_RCACHE_H

#include <stddef.h>

typedef struct rcache rcache;
typedef void (*rcache_free_fn)(void *value);
typedef void (*rcache_use_fn)(void *value, void *arg);

rcache *rcache_new(size_t max_bytes, int max_entries, double max_stale, rcache_free_fn free_value);
void rcache_free(rcache *c);

enum rcache_found {
	RCACHE_MISS,    /* not answered: compute, then rcache_put or rcache_abandon */
	RCACHE_HIT,     /* answered from an entry of this generation */
	RCACHE_STALE,   /* answered from an older one: its refresh took longer than wait_s */
	RCACHE_REFRESH, /* not answered, an older entry is there: the caller
			 * arranges the refresh (ending with rcache_put or
			 * rcache_abandon) and looks up again */
};
/* A hit calls use(value, arg) under the lock. While (key, gen) is being
 * computed by another, waits for it: at most wait_s when an older entry
 * can stand in (then answers from it), else until it lands. */
enum rcache_found rcache_lookup(rcache *c, const char *key, long gen, long era, double wait_s, rcache_use_fn use,
				void *arg);
/* Stores value (bytes: what it holds) for (key, gen), taking ownership and
 * replacing an older entry; frees it at once when gen is older than the
 * newest seen or it exceeds the bound by itself. Ends the flight of (key,
 * gen). */
void rcache_put(rcache *c, const char *key, long gen, long era, void *value, size_t bytes);
/* Ends the flight of (key, gen) without a value, and drops an entry of
 * an older generation for key (it must not stand in for an answer that is
 * not cached, an error say). */
void rcache_abandon(rcache *c, const char *key, long gen);

/* The 64-bit FNV-1a hash of s, as the table uses it (the server's ETags
 * too). */
unsigned long rcache_hash(const char *s);

/* For tests and the bench's curiosity: entries and bytes held now. */
void rcache_usage(rcache *c, int *entries, size_t *bytes);

#endif
