/* ring.c - see ring.h. */
#include "ring.h"

static void *ring_thread(void *arg)
{
	ring *r = arg;
	r->run(r->arg);
	pthread_mutex_lock(&r->mu);
	r->done = 1; /* a consumer waiting after ring_stop wakes to an empty ring */
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

int ring_start(ring *r, unsigned slots, size_t max_bytes, void (*run)(void *arg), void *arg)
{
	*r = (ring){.run = run, .arg = arg, .slots = slots, .max_bytes = max_bytes};
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->changed, NULL);
	if (pthread_create(&r->thread, NULL, ring_thread, r) != 0) {
		ring_free(r);
		return -1;
	}
	return 0;
}

int ring_fill(ring *r)
{
	pthread_mutex_lock(&r->mu);
	while ((r->head - r->tail == r->slots || (r->head != r->tail && r->bytes > r->max_bytes)) && !r->stop)
		pthread_cond_wait(&r->changed, &r->mu);
	int k = r->stop ? -1 : (int)(r->head % r->slots);
	pthread_mutex_unlock(&r->mu);
	return k;
}

void ring_filled(ring *r, size_t bytes)
{
	pthread_mutex_lock(&r->mu);
	r->bytes += bytes;
	r->head++;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->mu);
}

int ring_take(ring *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->head == r->tail && !(r->stop && r->done))
		pthread_cond_wait(&r->changed, &r->mu);
	int k = r->head == r->tail ? -1 : (int)(r->tail % r->slots);
	pthread_mutex_unlock(&r->mu);
	return k;
}

void ring_taken(ring *r, size_t bytes)
{
	pthread_mutex_lock(&r->mu);
	r->bytes -= bytes;
	r->tail++;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->mu);
}

void ring_stop(ring *r)
{
	if (r->stop) /* only this thread sets it: no lock needed to read it */
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
}

void ring_free(ring *r)
{
	pthread_cond_destroy(&r->changed);
	pthread_mutex_destroy(&r->mu);
}
