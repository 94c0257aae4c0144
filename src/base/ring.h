/* ring.h - a bounded ring between one producer thread and one consumer.
 * Prefix: ring_.
 *
 * The spreadsheet readers run work ahead on a thread (inflating a part,
 * parsing a sheet's rows) and hand it over in chunks; the ring holds the
 * thread, the lock, the waiting and the stop, the chunks stay the user's:
 * it keeps `slots` of its own, indexed by what ring_fill and ring_take
 * return.
 *
 * Who owns which slot when:
 * - the slot ring_fill returned is the thread's alone until ring_filled;
 * - the slot ring_take returned is the consumer's alone until ring_taken
 *   (ring_take returns the same one until then);
 * - a filled slot not yet taken belongs to neither: the thread does not
 *   touch it again, the consumer reads it once ring_take returns it;
 * - after ring_stop (the thread joined) every slot is the consumer's.
 * Whatever the thread wrote before ring_filled the consumer sees after
 * ring_take (the lock orders them).
 */
#ifndef LADDER_RING_H
#define LADDER_RING_H

#include <pthread.h>
#include <stddef.h>

typedef struct ring {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t changed;
	void (*run)(void *arg); /* the thread: fills until it has nothing more, or is stopped */
	void *arg;
	unsigned slots;
	unsigned head, tail; /* filled at head, taken at tail */
	size_t bytes, max_bytes; /* in the filled slots not yet taken, and the bound on them */
	int stop; /* the consumer wants no more: ring_fill says -1 */
	int done; /* run has returned */
} ring;

/* Starts run(arg) on a thread of its own. The thread waits while every
 * slot is filled, or (one slot at least filled) while more than max_bytes
 * wait in them (SIZE_MAX: no such bound). Returns 0, or -1 when no thread
 * could start: r is then undone, the caller does the work in line. */
int ring_start(ring *r, unsigned slots, size_t max_bytes, void (*run)(void *arg), void *arg);

/* The thread's: the slot to fill next, after waiting for room; -1 once
 * stopped (run should then return). */
int ring_fill(ring *r);
/* The thread's: the slot is filled, holding bytes (counted against max_bytes). */
void ring_filled(ring *r, size_t bytes);

/* The consumer's: the oldest filled slot, after waiting for one; -1 when
 * stopped and none is left. */
int ring_take(ring *r);
/* The consumer's: done with the slot ring_take returned (bytes as filled). */
void ring_taken(ring *r, size_t bytes);

/* The consumer's: stops the thread between two slots and joins it; the
 * filled slots stay to be taken. Once only: later calls do nothing. */
void ring_stop(ring *r);
/* After ring_stop: the lock and the condition freed. */
void ring_free(ring *r);

#endif
