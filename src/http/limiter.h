/* limiter.h - how many failed attempts a client address may make: a token
 * bucket per address. Prefix: lim_.
 *
 * Guessing a survey link (128 random bits) cannot succeed, but every guess
 * costs a hash and a lookup, and a flood of them is noise in everyone's
 * way; so a client that has failed `burst` times is refused outright
 * (without looking at what it sends) until its bucket refills, one attempt
 * every `refill_s` seconds. An IPv6 client is counted per /64, the
 * smallest network one subscriber gets. The table is bounded: when its
 * probe window is full, the entry that would be given back soonest (the
 * fullest bucket) makes room.
 *
 * Thread-safe: one mutex, taken by every function. The caller owns the
 * lim memory (lim_init / lim_destroy).
 */
#ifndef LADDER_LIMITER_H
#define LADDER_LIMITER_H

#include <pthread.h>

#define LIM_SLOTS 4096
#define LIM_PROBE 16

typedef struct lim_slot {
	unsigned char addr[16]; /* IPv4 mapped into IPv6; IPv6 cut to /64 */
	double tokens;          /* failures still allowed (up to burst) */
	double at;              /* when tokens was last brought up to date */
	int used;
} lim_slot;

typedef struct lim {
	pthread_mutex_t lock;
	double burst, refill_s;
	lim_slot slots[LIM_SLOTS];
} lim;

void lim_init(lim *l, int burst, double refill_s);
void lim_destroy(lim *l);
/* A client address as the limiter keys it, from a sockaddr (AF_INET or
 * AF_INET6; anything else is all zeros, one key for all). */
void lim_key(const void *sockaddr, unsigned char key[16]);
/* Is the key out of attempts at now (monotonic seconds)? */
int lim_blocked(lim *l, const unsigned char key[16], double now);
/* One failed attempt of key at now. */
void lim_failed(lim *l, const unsigned char key[16], double now);

#endif
