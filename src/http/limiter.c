/* limiter.c - failed attempts per client address. See limiter.h. */
#include "limiter.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

void lim_init(lim *l, int burst, double refill_s)
{
	memset(l, 0, sizeof *l);
	pthread_mutex_init(&l->lock, NULL);
	l->burst = burst;
	l->refill_s = refill_s > 0 ? refill_s : 1;
}

void lim_destroy(lim *l)
{
	pthread_mutex_destroy(&l->lock);
}

void lim_key(const void *sa, unsigned char key[16])
{
	memset(key, 0, 16);
	if (!sa)
		return;
	const struct sockaddr *s = sa;
	if (s->sa_family == AF_INET) {
		const struct sockaddr_in *in = sa;
		key[10] = key[11] = 0xff; /* ::ffff:a.b.c.d */
		memcpy(key + 12, &in->sin_addr, 4);
	} else if (s->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = sa;
		const unsigned char *b = in6->sin6_addr.s6_addr;
		static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
		memcpy(key, b, memcmp(b, v4mapped, 12) == 0 ? 16 : 8);
	}
}

static unsigned hash_key(const unsigned char key[16])
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (int i = 0; i < 16; i++)
		h = (h ^ key[i]) * 16777619u;
	return h;
}

static void bring_up_to_date(const lim *l, lim_slot *s, double now)
{
	if (now > s->at) {
		s->tokens += (now - s->at) / l->refill_s;
		if (s->tokens > l->burst)
			s->tokens = l->burst;
		s->at = now;
	}
}

/* The key's slot, or NULL; with make, one is made (taking the fullest
 * bucket of the probe window when none is free). Under the lock. */
static lim_slot *find(lim *l, const unsigned char key[16], double now, int make)
{
	unsigned h = hash_key(key);
	lim_slot *room = NULL;
	for (int i = 0; i < LIM_PROBE; i++) {
		lim_slot *s = &l->slots[(h + (unsigned)i) % LIM_SLOTS];
		if (s->used && memcmp(s->addr, key, 16) == 0)
			return s;
		if (!make)
			continue;
		if (s->used)
			bring_up_to_date(l, s, now);
		if (!room || !s->used || (room->used && s->tokens > room->tokens))
			room = s;
	}
	if (!make)
		return NULL;
	memcpy(room->addr, key, 16);
	room->tokens = l->burst;
	room->at = now;
	room->used = 1;
	return room;
}

int lim_blocked(lim *l, const unsigned char key[16], double now)
{
	pthread_mutex_lock(&l->lock);
	lim_slot *s = find(l, key, now, 0);
	int blocked = 0;
	if (s) {
		bring_up_to_date(l, s, now);
		blocked = s->tokens < 1;
	}
	pthread_mutex_unlock(&l->lock);
	return blocked;
}

void lim_failed(lim *l, const unsigned char key[16], double now)
{
	pthread_mutex_lock(&l->lock);
	lim_slot *s = find(l, key, now, 1);
	bring_up_to_date(l, s, now);
	s->tokens = s->tokens >= 1 ? s->tokens - 1 : 0;
	pthread_mutex_unlock(&l->lock);
}
