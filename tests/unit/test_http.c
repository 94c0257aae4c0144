/* test_http.c - suite http: the connection guard's deadlines (guard.h) on
 * socket pairs, with a clock the test sets; the pre-parse look at request
 * targets (url_check_size, url_lang_en). The server itself is exercised
 * over sockets by tests/cli/t5000 and t5200. */
#include "harness.h"
#include "http/guard.h"
#include "http/rcache.h"
#include "http/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Has the guard shut down the far end of the pair? (reads see the end) */
static int shut(int peer)
{
	char c;
	return recv(peer, &c, 1, MSG_DONTWAIT) == 0;
}

/* rcache: values are ints counted as they are freed; one thread, so every
 * lookup that does not hit registers the caller's flight. */
static int rcache_freed;
static void free_int(void *v)
{
	rcache_freed++;
	free(v);
}
static void read_int(void *v, void *arg)
{
	*(int *)arg = *(int *)v;
}
static int *int_of(int x)
{
	int *p = xmalloc(sizeof *p);
	*p = x;
	return p;
}

static void test_rcache(void)
{
	rcache_freed = 0;
	rcache *c = rcache_new(3 * 1000, 100, 30.0, free_int);
	int got = 0;
	CHECK_EQ_INT(rcache_lookup(c, "/a", 1, 1, 0, read_int, &got), RCACHE_MISS);
	rcache_put(c, "/a", 1, 1, int_of(10), 100);
	CHECK_EQ_INT(rcache_lookup(c, "/a", 1, 1, 0, read_int, &got), RCACHE_HIT);
	CHECK_EQ_INT(got, 10);
	/* a newer generation: the first asker refreshes, the next one gets
	 * the answer before at once, the refresh replaces it */
	CHECK_EQ_INT(rcache_lookup(c, "/a", 2, 1, 0, read_int, &got), RCACHE_REFRESH);
	got = 0;
	CHECK_EQ_INT(rcache_lookup(c, "/a", 2, 1, 0, read_int, &got), RCACHE_STALE);
	CHECK_EQ_INT(got, 10);
	rcache_put(c, "/a", 2, 1, int_of(20), 100);
	CHECK_EQ_INT(rcache_freed, 1);
	CHECK_EQ_INT(rcache_lookup(c, "/a", 2, 1, 0, read_int, &got), RCACHE_HIT);
	CHECK_EQ_INT(got, 20);
	/* an older generation is never served nor stored */
	CHECK_EQ_INT(rcache_lookup(c, "/a", 1, 1, 0, read_int, &got), RCACHE_MISS);
	rcache_put(c, "/a", 1, 1, int_of(11), 100);
	CHECK_EQ_INT(rcache_freed, 2);
	/* an answer that is not cached (abandoned) drops the stale one */
	CHECK_EQ_INT(rcache_lookup(c, "/a", 3, 1, 0, read_int, &got), RCACHE_REFRESH);
	rcache_abandon(c, "/a", 3);
	CHECK_EQ_INT(rcache_freed, 3);
	CHECK_EQ_INT(rcache_lookup(c, "/a", 3, 1, 0, read_int, &got), RCACHE_MISS);
	rcache_put(c, "/a", 3, 1, int_of(30), 100);
	/* a new era (a setting, the catalogue): nothing older stands in */
	CHECK_EQ_INT(rcache_lookup(c, "/a", 4, 2, 0, read_int, &got), RCACHE_MISS);
	rcache_abandon(c, "/a", 4);
	/* bounded in bytes: the least recently used goes first */
	char key[16];
	for (int i = 0; i < 10; i++) {
		snprintf(key, sizeof key, "/k%d", i);
		CHECK_EQ_INT(rcache_lookup(c, key, 4, 2, 0, read_int, &got), RCACHE_MISS);
		rcache_put(c, key, 4, 2, int_of(i), 900);
		CHECK_EQ_INT(rcache_lookup(c, "/k0", 4, 2, 0, read_int, &got), RCACHE_HIT);
	}
	int n;
	size_t bytes;
	rcache_usage(c, &n, &bytes);
	CHECK(bytes <= 3000);
	CHECK(n <= 3);
	CHECK_EQ_INT(rcache_lookup(c, "/k0", 4, 2, 0, read_int, &got), RCACHE_HIT); /* kept: always used */
	CHECK_EQ_INT(rcache_lookup(c, "/k1", 4, 2, 0, read_int, &got), RCACHE_MISS); /* dropped */
	rcache_abandon(c, "/k1", 4);
	rcache_free(c);
	CHECK_EQ_INT(rcache_freed, 14);
}

static void test_guard_deadline(void)
{
	guard g;
	guard_init(&g, 10.0, 1.0, 3);
	int a[2], b[2];
	CHECK_EQ_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, a), 0);
	CHECK_EQ_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, b), 0);
	guard_conn ca, cb;
	guard_add(&g, &ca, a[0], 100.0);
	guard_add(&g, &cb, b[0], 100.0);
	guard_request_in(&g, &cb);              /* b's request is in: no deadline */
	CHECK_EQ_INT(guard_sweep(&g, 109.9), 0);
	CHECK(!shut(a[1]));
	CHECK_EQ_INT(guard_sweep(&g, 110.0), 1); /* a trickled for 10 s in all */
	CHECK(shut(a[1]) && ca.cut);
	CHECK(!shut(b[1]) && !cb.cut);
	CHECK_EQ_INT(guard_sweep(&g, 200.0), 0); /* cut once */
	guard_wait_next(&g, &cb, 200.0);        /* answered: b waits for its next request */
	CHECK_EQ_INT(guard_sweep(&g, 209.0), 0);
	CHECK_EQ_INT(guard_sweep(&g, 210.5), 1);
	CHECK(shut(b[1]));
	guard_remove(&g, &ca);
	guard_remove(&g, &cb);
	CHECK(g.head == NULL && g.count == 0);
	guard_destroy(&g);
	close(a[0]), close(a[1]), close(b[0]), close(b[1]);
}

static void test_guard_pressure(void)
{
	/* from the third connection on, the deadline is 1 s, and an opening
	 * connection sweeps: room is made at once */
	guard g;
	guard_init(&g, 10.0, 1.0, 3);
	int p[3][2];
	guard_conn c[3];
	for (int i = 0; i < 3; i++)
		CHECK_EQ_INT(socketpair(AF_UNIX, SOCK_STREAM, 0, p[i]), 0);
	guard_add(&g, &c[0], p[0][0], 100.0);
	guard_add(&g, &c[1], p[1][0], 100.5);
	CHECK_EQ_INT(guard_sweep(&g, 105.0), 0); /* two open: 10 s */
	guard_add(&g, &c[2], p[2][0], 101.2);    /* the third: 1 s, sweeps c[0] */
	CHECK(shut(p[0][1]) && !shut(p[1][1]) && !shut(p[2][1]));
	CHECK_EQ_INT(guard_sweep(&g, 101.6), 1); /* c[1] */
	CHECK(shut(p[1][1]) && !shut(p[2][1]));
	for (int i = 0; i < 3; i++) {
		guard_remove(&g, &c[i]);
		close(p[i][0]), close(p[i][1]);
	}
	guard_destroy(&g);
}

static void test_url_check_size(void)
{
	char big[URL_MAX_TARGET + 8];
	memset(big, 'a', sizeof big - 1);
	big[0] = '/';
	big[sizeof big - 1] = '\0';
	CHECK_EQ_INT(url_check_size(big), 414);
	big[URL_MAX_TARGET] = '\0';
	CHECK_EQ_INT(url_check_size(big), 0);
	char q[512] = "/area/30000?";
	for (int i = 1; i < URL_MAX_PIECES; i++)
		strcat(q, "&");
	CHECK_EQ_INT(url_check_size(q), 0); /* 64 pieces */
	strcat(q, "&");
	CHECK_EQ_INT(url_check_size(q), 400);
	strcat(q, "#&&&"); /* the fragment is not the query */
	CHECK_EQ_INT(url_check_size(q), 400);
	CHECK(url_lang_en("/?a=1&lang=en"));
	CHECK(url_lang_en("/?lang=%65n&lang=nl"));
	CHECK(!url_lang_en("/?lang=nl&lang=en"));
	CHECK(!url_lang_en("/lang=en"));
}

void suite_http(void)
{
	RUN(test_rcache);
	RUN(test_guard_deadline);
	RUN(test_guard_pressure);
	RUN(test_url_check_size);
}
