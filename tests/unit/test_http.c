/* test_http.c - suite http: the connection guard's deadlines (guard.h) on
 * socket pairs, with a clock the test sets; the pre-parse look at request
 * targets (url_check_size, url_lang_en). The server itself is exercised
 * over sockets by tests/cli/t5000 and t5200. */
#include "harness.h"
#include "http/guard.h"
#include "http/rcache.h"
#include "http/url.h"
#include "http/form.h"
#include "http/limiter.h"
#include "http/csrf.h"

#include <netinet/in.h>
#include <arpa/inet.h>

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

/* form.h: a survey POST's body */
static void test_form_parse(void)
{
	arena a;
	arena_init(&a);
	form f;
	lerr e;
	const char *ok = "csrf=ab12&persons.S1.AZ=12&comment.S1.AZ=twee+regels%0D%0Ameer&submit=final&x=";
	CHECK_EQ_INT(form_parse(&a, ok, strlen(ok), 10, &f, &e), 0);
	CHECK_EQ_INT(f.n, 5);
	CHECK_EQ_STR(form_get(&f, "persons.S1.AZ"), "12");
	CHECK_EQ_STR(form_get(&f, "comment.S1.AZ"), "twee regels\r\nmeer");
	CHECK_EQ_STR(form_get(&f, "x"), "");
	CHECK(form_get(&f, "y") == NULL);
	CHECK_EQ_INT(form_parse(&a, "", 0, 10, &f, &e), 0);
	CHECK_EQ_INT(f.n, 0);
	/* UTF-8 in, and out when it is not */
	CHECK_EQ_INT(form_parse(&a, "c=%C3%A9t%C3%A9", 15, 10, &f, &e), 0);
	CHECK_EQ_STR(form_get(&f, "c"), "\xc3\xa9t\xc3\xa9");
	static const char *bad[] = {
		"a=1&a=2",     /* twice */
		"a=1&&b=2",    /* empty piece */
		"a=1&",        /* trailing empty piece */
		"a",           /* no '=' */
		"=1",          /* no name */
		"a=%4",        /* cut escape */
		"a=%zz",       /* not hex */
		"a=%00",       /* NUL */
		"a=%01",       /* control */
		"a%0A=1",      /* newline in a name */
		"a=%C3",       /* cut UTF-8 */
		"a=%C0%80",    /* overlong */
		"a=%ED%A0%80", /* surrogate */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = form_parse(&a, bad[i], strlen(bad[i]), 10, &f, &e);
		if (rc != LERR_PARSE)
			unit_fail(__FILE__, __LINE__, "form_parse accepted \"%s\"", bad[i]);
		else
			CHECK(e.column >= 1 && strstr(e.msg, "malformed") != NULL);
	}
	/* too many fields: refused before any is decoded */
	CHECK_EQ_INT(form_parse(&a, "a=1&b=2&c=3", 11, 2, &f, &e), LERR_PARSE);
	CHECK(strstr(e.msg, "more than 2 fields") != NULL);
	/* a value at the limit and one past it */
	buf b = BUF_INIT;
	buf_adds(&b, "v=");
	for (int i = 0; i < FORM_MAX_VALUE; i++)
		buf_adds(&b, "x");
	CHECK_EQ_INT(form_parse(&a, b.ptr, b.len, 10, &f, &e), 0);
	buf_adds(&b, "x");
	CHECK_EQ_INT(form_parse(&a, b.ptr, b.len, 10, &f, &e), LERR_PARSE);
	buf_release(&b);
	arena_release(&a);
}

/* limiter.h: a burst of failures, then refused until the bucket refills */
static void test_limiter(void)
{
	static lim l;
	lim_init(&l, 3, 10.0);
	struct sockaddr_in a = {0}, b = {0};
	a.sin_family = b.sin_family = AF_INET;
	inet_pton(AF_INET, "192.0.2.1", &a.sin_addr);
	inet_pton(AF_INET, "192.0.2.2", &b.sin_addr);
	unsigned char ka[16], kb[16];
	lim_key(&a, ka);
	lim_key(&b, kb);
	CHECK(memcmp(ka, kb, 16) != 0);
	CHECK(!lim_blocked(&l, ka, 100));
	for (int i = 0; i < 3; i++)
		lim_failed(&l, ka, 100);
	CHECK(lim_blocked(&l, ka, 100));
	CHECK(!lim_blocked(&l, kb, 100));  /* another address is not */
	CHECK(lim_blocked(&l, ka, 109));   /* not yet a whole attempt back */
	CHECK(!lim_blocked(&l, ka, 110.5)); /* one back after refill_s */
	lim_failed(&l, ka, 110.5);
	CHECK(lim_blocked(&l, ka, 110.5));
	CHECK(!lim_blocked(&l, ka, 1000)); /* full again, never more than burst */
	/* IPv6: one /64 is one key */
	struct sockaddr_in6 x = {0}, y = {0};
	x.sin6_family = y.sin6_family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8:1:2::1", &x.sin6_addr);
	inet_pton(AF_INET6, "2001:db8:1:2:ffff::9", &y.sin6_addr);
	unsigned char kx[16], ky[16];
	lim_key(&x, kx);
	lim_key(&y, ky);
	CHECK(memcmp(kx, ky, 16) == 0);
	/* a table full of other addresses still counts the attacker */
	for (int i = 0; i < LIM_SLOTS * 2; i++) {
		unsigned char k[16] = {0};
		memcpy(k, &i, sizeof i);
		lim_failed(&l, k, 2000);
	}
	for (int i = 0; i < 3; i++)
		lim_failed(&l, ka, 2000);
	CHECK(lim_blocked(&l, ka, 2000));
	lim_destroy(&l);
}

/* csrf.h: bound to the invite, checked, spent once, expiring */
static void test_csrf(void)
{
	static csrf c;
	unsigned char key[32], nonce[16];
	for (int i = 0; i < 32; i++)
		key[i] = (unsigned char)(i * 7 + 1);
	csrf_init(&c, key, 3600);
	char t[CSRF_LEN + 1], u[CSRF_LEN + 1];
	memset(nonce, 1, sizeof nonce);
	csrf_issue(&c, 42, nonce, 1000, t);
	CHECK_EQ_INT((long long)strlen(t), CSRF_LEN);
	CHECK_EQ_INT(csrf_spend(&c, 42, NULL, 1000), CSRF_MISSING);
	CHECK_EQ_INT(csrf_spend(&c, 42, "", 1000), CSRF_MISSING);
	CHECK_EQ_INT(csrf_spend(&c, 42, "zz", 1000), CSRF_BAD);
	CHECK_EQ_INT(csrf_spend(&c, 43, t, 1000), CSRF_BAD); /* another invite's */
	char forged[CSRF_LEN + 1];
	memcpy(forged, t, sizeof forged);
	forged[CSRF_LEN - 1] = forged[CSRF_LEN - 1] == '0' ? '1' : '0';
	CHECK_EQ_INT(csrf_spend(&c, 42, forged, 1000), CSRF_BAD);
	CHECK_EQ_INT(csrf_spend(&c, 42, t, 1000), CSRF_OK);
	CHECK_EQ_INT(csrf_spend(&c, 42, t, 1001), CSRF_REPLAYED);
	memset(nonce, 2, sizeof nonce);
	csrf_issue(&c, 42, nonce, 1000, u);
	CHECK_EQ_INT(csrf_spend(&c, 42, u, 1000 + 3601), CSRF_EXPIRED);
	/* another key (a restart) does not know the tokens of before */
	static csrf d;
	key[0] ^= 1;
	csrf_init(&d, key, 3600);
	CHECK_EQ_INT(csrf_spend(&d, 42, u, 1000), CSRF_BAD);
	csrf_destroy(&d);
	csrf_destroy(&c);
}

void suite_http(void)
{
	RUN(test_form_parse);
	RUN(test_limiter);
	RUN(test_csrf);
	RUN(test_rcache);
	RUN(test_guard_deadline);
	RUN(test_guard_pressure);
	RUN(test_url_check_size);
}
