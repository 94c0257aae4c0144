/* guard.c - connection deadlines. See guard.h. */
#include "guard.h"

#include <sys/socket.h>
#include <time.h>

void guard_init(guard *g, double deadline_s, double pressed_deadline_s, int pressure_at)
{
	pthread_mutex_init(&g->lock, NULL);
	g->head = NULL;
	g->count = 0;
	g->deadline_s = deadline_s;
	g->pressed_deadline_s = pressed_deadline_s;
	g->pressure_at = pressure_at;
}

void guard_destroy(guard *g)
{
	pthread_mutex_destroy(&g->lock);
}

double guard_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* With the lock held. */
static int sweep_locked(guard *g, double now)
{
	double limit = g->count >= g->pressure_at ? g->pressed_deadline_s : g->deadline_s;
	int n = 0;
	for (guard_conn *c = g->head; c; c = c->next) {
		if (c->waiting && !c->cut && now - c->since >= limit) {
			shutdown(c->fd, SHUT_RDWR);
			c->cut = 1;
			n++;
		}
	}
	return n;
}

void guard_add(guard *g, guard_conn *c, int fd, double now)
{
	pthread_mutex_lock(&g->lock);
	c->fd = fd;
	c->since = now;
	c->waiting = 1;
	c->cut = 0;
	c->prev = NULL;
	c->next = g->head;
	if (g->head)
		g->head->prev = c;
	g->head = c;
	g->count++;
	if (g->count >= g->pressure_at)
		sweep_locked(g, now);
	pthread_mutex_unlock(&g->lock);
}

void guard_remove(guard *g, guard_conn *c)
{
	pthread_mutex_lock(&g->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		g->head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->prev = c->next = NULL;
	g->count--;
	pthread_mutex_unlock(&g->lock);
}

void guard_request_in(guard *g, guard_conn *c)
{
	pthread_mutex_lock(&g->lock);
	c->waiting = 0;
	pthread_mutex_unlock(&g->lock);
}

void guard_wait_next(guard *g, guard_conn *c, double now)
{
	pthread_mutex_lock(&g->lock);
	c->waiting = 1;
	c->since = now;
	pthread_mutex_unlock(&g->lock);
}

int guard_sweep(guard *g, double now)
{
	pthread_mutex_lock(&g->lock);
	int n = sweep_locked(g, now);
	pthread_mutex_unlock(&g->lock);
	return n;
}
