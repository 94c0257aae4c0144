/* guard.h - the server's open connections and their deadlines. Prefix:
 * guard_.
 *
 * libmicrohttpd's own timeout counts idle time only: a client that sends
 * one byte of its headers every few seconds keeps a connection for ever,
 * and enough of them fill the connection table for everyone. The guard
 * gives every request a total deadline: from the moment a connection starts
 * waiting for a request (opened, or the previous answer finished) until the
 * request is in (a GET's headers; a body, which is read and dropped,
 * counts too) - the client's time, not the handler's. Past it, guard_sweep shuts the socket down
 * (shutdown(2), not close: the fd stays the server library's, which then
 * sees the end of the stream and cleans up). When the table fills up (at
 * least pressure_at connections) the deadline shrinks, so that room stays
 * free for other clients.
 *
 * Thread-safe: one mutex, taken by every function. The caller owns the
 * guard_conn memory; it is linked in from guard_add until guard_remove,
 * which must come before the fd is closed.
 */
#ifndef LADDER_GUARD_H
#define LADDER_GUARD_H

#include <pthread.h>

typedef struct guard_conn {
	int fd;
	double since;   /* monotonic seconds: began waiting for the current request */
	int waiting;    /* the current request is not in yet */
	int cut;        /* shut down by the guard */
	struct guard_conn *prev, *next;
} guard_conn;

typedef struct guard {
	pthread_mutex_t lock;
	guard_conn *head;
	int count;
	double deadline_s;         /* a request's time to arrive and be answered */
	double pressed_deadline_s; /* the same while count >= pressure_at */
	int pressure_at;
} guard;

void guard_init(guard *g, double deadline_s, double pressed_deadline_s, int pressure_at);
void guard_destroy(guard *g); /* after every connection is removed */
/* Monotonic clock in seconds. */
double guard_now(void);

/* A new connection on fd, waiting for its first request from now. Under
 * pressure this also sweeps, so that a flood makes room at once. */
void guard_add(guard *g, guard_conn *c, int fd, double now);
void guard_remove(guard *g, guard_conn *c);
/* The current request is in (or answered): no deadline until the next. */
void guard_request_in(guard *g, guard_conn *c);
/* The answer is sent: the connection waits for its next request from now. */
void guard_wait_next(guard *g, guard_conn *c, double now);
/* Shuts down every connection past its deadline; returns how many. */
int guard_sweep(guard *g, double now);

#endif
