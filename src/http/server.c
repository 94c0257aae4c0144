/* server.c - libmicrohttpd glue: limits, per-connection request memory,
 * per-thread store, routing, ETag, the response cache all threads share
 * (rcache.h), clean stop on SIGINT/SIGTERM. */
#include "http.h"
#include "guard.h"
#include "rcache.h"
#include "sform.h"
#include "limiter.h"
#include "../base/num.h"
#include "../base/vocab.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_HEADERS 64
#define MAX_REQUEST_BYTES (64 * 1024)
#define CONNECTION_TIMEOUT_S 10 /* idle: nothing received */
#define MAX_CONNECTIONS 1024
#define MAX_PER_ADDRESS 32
/* A request's whole time to arrive (guard.h), and the
 * same when more than 3/4 of the connection table is taken: a flood of
 * slow clients is then cut within a second or two and the rest of the
 * table stays free for others. */
#define REQUEST_DEADLINE_S 10.0
#define PRESSED_DEADLINE_S 1.0
#define PRESSURE_AT (MAX_CONNECTIONS * 3 / 4)
/* The response cache: every page and API answer of a store the size of the
 * demo (333 areas x 2 years x both languages) is about 20 MB. */
#define CACHE_BYTES ((size_t)64 * 1024 * 1024)
#define CACHE_ENTRIES 32768
#define CACHE_ENTRY_OVERHEAD 512 /* headers and bookkeeping beside the body */
/* After an import commits, an answer of the generation before is served
 * for at most this long while one thread computes the new one (rcache.h),
 * so that the import does not stall every route at once. */
#define STALE_MAX_S 30.0
#define REFRESH_WAIT_S 0.04 /* how long the request that starts a refresh waits for it before it takes the stale answer: within the 50 ms a page may take (issue 12) */
#define REFRESH_QUEUE 256

static const char *db_path;
static guard conn_guard;
static int survey_on, tls_on, behind_proxy;

/* What the server keeps per connection: libmicrohttpd tells us when one
 * opens and closes (MHD_OPTION_NOTIFY_CONNECTION), and the close comes
 * always, also for a request that never reached the access handler (its
 * pool exhausted by headers, say), when the request-completed callback
 * does not: so a request's memory belongs to its connection. */
typedef struct connection {
	guard_conn guard;
	http_req req;
	int live; /* req holds a request */
} connection;

/* ---------------------------------------------------- per-thread state */

typedef struct worker {
	http_ctx ctx;
	long era; /* the reference generation seen with ctx.gen */
} worker;

static rcache *responses;

static pthread_key_t worker_key;
static pthread_once_t worker_once = PTHREAD_ONCE_INIT;

static void worker_free(void *p)
{
	worker *w = p;
	model_free(w->ctx.m);
	store_close(w->ctx.s);
	free(w);
}

static void make_key(void)
{
	pthread_key_create(&worker_key, worker_free);
}

/* The calling thread's connection and model, reloaded after an import;
 * the store speaks the request's language. */
static worker *current_worker(int en, lerr *err)
{
	pthread_once(&worker_once, make_key);
	worker *w = pthread_getspecific(worker_key);
	if (!w) {
		w = xcalloc(1, sizeof *w);
		w->ctx.s = store_open(db_path, 0, en, err);
		if (!w->ctx.s) {
			free(w);
			return NULL;
		}
		w->ctx.gen = -2;
		pthread_setspecific(worker_key, w);
	}
	store_set_english(w->ctx.s, en);
	/* asked on every request (the hot path of every cache hit): the store
	 * keeps the statements prepared */
	long long g, era;
	if (store_generation(w->ctx.s, &g, err) < 0 || store_reference_generation(w->ctx.s, &era, err) < 0)
		return NULL;
	w->era = (long)era;
	if (g != w->ctx.gen) {
		model *m = store_load_model(w->ctx.s, err);
		if (!m)
			return NULL;
		model_free(w->ctx.m);
		w->ctx.m = m;
		w->ctx.gen = g;
		w->ctx.default_map = m->map_year;
	}
	model_set_map(w->ctx.m, w->ctx.default_map); /* a request's year moved it */
	return w;
}

/* ------------------------------------------------------------- helpers */

void http_html(buf *b, const char *s)
{
	rnd_xml_escape(b, s);
}

int http_json_error(http_resp *out, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_reset(&out->body);
	buf_adds(&out->body, "{\"error\": ");
	rnd_json_string(&out->body, msg);
	buf_adds(&out->body, "}\n");
	out->status = status;
	out->type = "application/json; charset=utf-8";
	out->no_store = 1;
	return status;
}

int http_html_error(http_req *r, http_resp *out, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return http_error_page(r, out, status, msg, NULL);
}

int http_error_page(http_req *r, http_resp *out, int status, const char *msg, const char *more)
{
	buf *b = &out->body;
	buf_reset(b);
	char title[16];
	snprintf(title, sizeof title, "%d", status);
	/* the chrome of every page: a reader who mistyped an address searches on */
	http_page_begin(b, r, title);
	buf_printf(b, "<h1>%d</h1><p>", status);
	http_html(b, msg);
	buf_adds(b, "</p>");
	if (more)
		buf_adds(b, more);
	buf_printf(b, "<form class=\"pick\" method=\"get\" action=\"/\" role=\"search\"><label for=\"q\">%s"
		      "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\"></label>",
		   V(r->english, page_area_name_or_nis_code));
	if (r->english)
		buf_adds(b, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
	buf_printf(b, "<button type=\"submit\">%s</button></form>\n<ul id=\"suggest\" aria-live=\"polite\"></ul>\n",
		   V(r->english, page_search));
	buf_printf(b, "<p><a href=\"/%s\">%s</a></p>\n", r->english ? "?lang=en" : "", V(r->english, server_back_to_the_start));
	http_page_end(b, 0, r->english, 0);
	out->status = status;
	out->type = "text/html; charset=utf-8";
	out->no_store = 1;
	return status;
}

static int fail(http_req *r, http_resp *out, int html, int status, const char *msg)
{
	return html ? http_html_error(r, out, status, "%s", msg) : http_json_error(out, status, "%s", msg);
}

int http_param_area(http_ctx *c, http_req *r, http_resp *out, int html, int *area)
{
	const char *v = url_param_get(&r->url, "area");
	if (!v || !*v)
		return -fail(r, out, html, 400, V(r->english, server_missing_parameter_area_a_nis_code_or));
	lerr e;
	*area = model_find_area_msg(c->m, v, r->english, &e);
	if (*area < 0)
		return -fail(r, out, html, e.code == LERR_AMBIGUOUS ? 400 : 404, e.msg);
	return 0;
}

int http_latest_year(http_ctx *c, http_req *r, http_resp *out, int html, int *year)
{
	lerr e;
	if (store_latest_year(c->s, "figure", year, &e) == 0)
		return 0;
	char msg[640];
	snprintf(msg, sizeof msg, V(r->english, server_years_unreadable), e.msg);
	return -fail(r, out, html, 500, msg);
}

/* A parameter's whole number in [lo, hi], or 0 when absent or not one. */
static int param_int(http_req *r, const char *name, int lo, int hi)
{
	const char *v = url_param_get(&r->url, name);
	long long y;
	return v && *v && num_parse_option_int(v, lo, hi, &y) == 0 ? (int)y : 0;
}

/* The map a request's figures are computed on, as the command line does
 * (cli_parse): that of year=, else of to= when earlier than the model's
 * default (a series on the map of its latest year); geography= overrides
 * both. Asked after each year parameter, so the last word is the URL's
 * whole. */
static int choose_map(http_ctx *c, http_req *r, http_resp *out, int html)
{
	const char *g = url_param_get(&r->url, "geography");
	int year = param_int(r, "year", 1990, 2100), to = param_int(r, "to", 1990, 2100);
	int geography = param_int(r, "geography", 1977, 2100);
	if (g && *g && !geography) {
		char msg[128];
		snprintf(msg, sizeof msg, V(r->english, server_expected_a_year_such_as_2017), "geography");
		return -fail(r, out, html, 400, msg);
	}
	if (!year && to && (!c->default_map || to < c->default_map))
		year = to;
	model_set_map(c->m, geography ? geography : year ? year : c->default_map);
	return 0;
}

int http_param_year(http_ctx *c, http_req *r, http_resp *out, int html, const char *name, int *year)
{
	const char *v = url_param_get(&r->url, name);
	if (!v || !*v) {
		*year = 0;
		return choose_map(c, r, out, html);
	}
	long long y;
	if (num_parse_option_int(v, 1990, 2100, &y) < 0) {
		char msg[128];
		snprintf(msg, sizeof msg, V(r->english, server_expected_a_year_such_as_2017), name);
		return -fail(r, out, html, 400, msg);
	}
	*year = (int)y;
	return choose_map(c, r, out, html);
}

int http_param_edition(http_ctx *c, http_req *r, http_resp *out, int html, const char **edition)
{
	const char *v = url_param_get(&r->url, "edition");
	*edition = NULL;
	if (!v || !*v)
		return 0;
	int id = 0;
	lerr e;
	if (store_edition(c->s, v, 0, &id, &e) < 0 || !id)
		return -fail(r, out, html, 404, V(r->english, server_unknown_edition));
	*edition = v;
	return 0;
}

/* ------------------------------------------------------------ requests */

static connection *connection_of(struct MHD_Connection *con)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void request_release(connection *c)
{
	if (c->live) {
		arena_release(&c->req.mem);
		free((char *)c->req.raw);
		buf_release(&c->req.body);
	}
	memset(&c->req, 0, sizeof c->req);
	c->live = 0;
}

static void on_connection(void *cls, struct MHD_Connection *con, void **socket_context, enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		connection *c = xcalloc(1, sizeof *c);
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
		guard_add(&conn_guard, &c->guard, ci ? ci->connect_fd : -1, guard_now());
		*socket_context = c;
	} else if (*socket_context) {
		connection *c = *socket_context;
		guard_remove(&conn_guard, &c->guard);
		request_release(c);
		free(c);
		*socket_context = NULL;
	}
}

/* The request line is in. Only the target is copied here (at most one byte
 * past what is accepted), the arena comes at the first handler call: a
 * thousand slow clients that sent a request line hold little memory. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
	(void)cls;
	connection *c = connection_of(con);
	if (!c)
		return NULL;
	request_release(c); /* a previous request that never completed */
	http_req *r = &c->req;
	arena_init(&r->mem);
	r->raw = xstrndup(uri ? uri : "", URL_MAX_TARGET + 1);
	c->live = 1;
	r->english = url_lang_en(r->raw); /* for refusals before url_parse */
	r->refuse = url_check_size(uri ? uri : "");
	if (r->refuse) {
		/* libmicrohttpd splits the query after this call, a pool record
		 * per piece: cut it here (the line is its writable buffer, and
		 * the '?' it found stays) so that the refusal can still be sent */
		char *q = uri ? strchr(uri, '?') : NULL;
		if (q)
			q[1] = '\0';
	}
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)toe;
	connection *c = connection_of(con);
	if (c && *con_cls == &c->req) {
		request_release(c);
		guard_wait_next(&conn_guard, &c->guard, guard_now());
	}
	*con_cls = NULL;
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	(void)key;
	(void)value;
	(*(int *)cls)++;
	return MHD_YES;
}

/* Is the target under /api/? The read-only API may be read by a script of
 * any site (a notebook elsewhere): it holds nothing private and takes no
 * credentials. Pages are not opened so. */
static int api_target(const char *raw)
{
	return raw && strncmp(raw, "/api/", 5) == 0;
}

/* A response with the headers every answer carries; body as mode says;
 * api: an answer under /api/, readable by other sites (CORS). */
static struct MHD_Response *make_response(int status, const char *type, const char *body, size_t len,
					  enum MHD_ResponseMemoryMode mode, const char *etag, int no_store,
					  const char *download, int close_after, int api)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, mode);
	MHD_add_response_header(resp, "Content-Type", type);
	if (api) {
		MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
		MHD_add_response_header(resp, "Access-Control-Expose-Headers", "ETag");
	}
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'self'");
	if (no_store) {
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	} else {
		/* revalidate every time: the answer changes as soon as an import commits */
		MHD_add_response_header(resp, "Cache-Control", "no-cache");
		if (etag)
			MHD_add_response_header(resp, "ETag", etag);
	}
	if (tls_on)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (status == 405)
		MHD_add_response_header(resp, "Allow", "GET, HEAD, OPTIONS");
	if (status == 429) {
		char secs[16];
		snprintf(secs, sizeof secs, "%d", SFORM_RETRY_AFTER_S);
		MHD_add_response_header(resp, "Retry-After", secs);
	}
	if (close_after)
		MHD_add_response_header(resp, "Connection", "close");
	if (download) {
		char cd[256];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", download);
		MHD_add_response_header(resp, "Content-Disposition", cd);
	}
	return resp;
}

/* Queues resp, whose request is now wholly in (guard.h). */
static enum MHD_Result queue(struct MHD_Connection *con, int status, struct MHD_Response *resp)
{
	connection *c = connection_of(con);
	if (c)
		guard_request_in(&conn_guard, &c->guard);
	return MHD_queue_response(con, (unsigned)status, resp);
}

static enum MHD_Result respond(struct MHD_Connection *con, int status, const char *type, const char *body, size_t len,
			    const char *etag, int no_store, const char *download, int must_copy, int close_after)
{
	connection *c = connection_of(con);
	struct MHD_Response *resp = make_response(status, type, body, len,
						  must_copy ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT, etag,
						  no_store, download, close_after, c && c->live && api_target(c->req.raw));
	enum MHD_Result rc = queue(con, status, resp);
	MHD_destroy_response(resp);
	return rc;
}

/* OPTIONS: what may be asked; under /api/ also the answer to a CORS
 * preflight, kept by the browser for a day. */
static enum MHD_Result answer_options(struct MHD_Connection *con, http_req *r)
{
	int api = api_target(r->raw);
	struct MHD_Response *resp = make_response(204, "text/plain; charset=utf-8", "", 0, MHD_RESPMEM_PERSISTENT, NULL,
						  1, NULL, 0, api);
	MHD_add_response_header(resp, "Allow", "GET, HEAD, OPTIONS");
	if (api) {
		MHD_add_response_header(resp, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
		MHD_add_response_header(resp, "Access-Control-Allow-Headers", "If-None-Match, Accept, Accept-Language");
		MHD_add_response_header(resp, "Access-Control-Max-Age", "86400");
	}
	enum MHD_Result rc = queue(con, 204, resp);
	MHD_destroy_response(resp);
	return rc;
}

static enum MHD_Result answer_error(struct MHD_Connection *con, http_req *r, int status, const char *msg, int close_after)
{
	http_resp out = {0};
	http_error(r, &out, status, msg);
	enum MHD_Result rc = respond(con, status, out.type, out.body.ptr, out.body.len, NULL, 1, NULL, 1, close_after);
	buf_release(&out.body);
	return rc;
}

static enum MHD_Result send_error(struct MHD_Connection *con, http_req *r, int status, const char *msg)
{
	return answer_error(con, r, status, msg, 0);
}

/* ---------------------------------------------- requests refused unread */

typedef struct framing {
	int content_length, transfer_encoding; /* how many of each header */
	int body;                              /* a Content-Length other than 0 */
} framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	framing *f = cls;
	if (strcasecmp(key, "Content-Length") == 0) {
		f->content_length++;
		if (!value || strcmp(value, "0") != 0)
			f->body = 1;
	} else if (strcasecmp(key, "Transfer-Encoding") == 0) {
		f->transfer_encoding++;
	}
	return MHD_YES;
}

/* Why this request is answered before anything of it is read past its
 * headers, or NULL. The status goes to *status. Each answer closes the
 * connection: what follows on it cannot be trusted to be a request. */
static const char *refusal(struct MHD_Connection *con, http_req *r, const char *method, int *status)
{
	int en = r->english;
	if (r->refuse == 414) {
		*status = 414;
		return V(en, server_the_request_target_is_longer_than);
	}
	if (r->refuse) {
		*status = 400;
		return V(en, server_the_query_has_more_than_64_parts);
	}
	framing f = {0};
	MHD_get_connection_values(con, MHD_HEADER_KIND, count_framing, &f);
	*status = 400;
	/* RFC 9112 6.3: both headers is how requests are smuggled past a proxy */
	if (f.content_length && f.transfer_encoding)
		return V(en, server_content_length_and_transfer_encoding);
	if (f.content_length > 1 || f.transfer_encoding > 1)
		return V(en, server_content_length_or_transfer_encoding);
	if ((f.body || f.transfer_encoding) && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0))
		return V(en, server_a_get_or_head_request_has_no_body);
	return NULL;
}

/* A cached answer: a response built once, headers and all, queued on every
 * connection that asks for it (libmicrohttpd counts its users; the cache
 * holds one reference and drops it on eviction). */
typedef struct cached {
	struct MHD_Response *resp;
	int status;
	char type[96]; /* the longest: the Excel annex's, 65 bytes */
	char etag[64];
	size_t bytes; /* what it holds, for the cache's bound */
} cached;

static void cached_free(void *p)
{
	cached *v = p;
	MHD_destroy_response(v->resp);
	free(v);
}

/* How a hit is answered: under the cache's lock, so the response cannot
 * be evicted meanwhile. */
typedef struct hit {
	struct MHD_Connection *con;
	const char *if_none_match;
	enum MHD_Result rc;
} hit;

static void answer_hit(void *value, void *arg)
{
	cached *v = value;
	hit *h = arg;
	if (http_etag_matches(h->if_none_match, v->etag))
		h->rc = respond(h->con, 304, v->type, "", 0, v->etag, 0, NULL, 0, 0);
	else
		h->rc = queue(h->con, v->status, v->resp);
}

/* The answer to r for the worker's generation: a value for the cache, or
 * NULL with an answer never cached (an error, a no-store) in out. */
static cached *compute(worker *w, http_req *r, http_resp *out)
{
	const http_route *rt = http_prepare(r, out);
	if (rt)
		rt->fn(&w->ctx, r, out);
	if (!rt || out->status != 200 || out->no_store) {
		out->no_store = 1;
		return NULL;
	}
	cached *v = xcalloc(1, sizeof *v);
	v->status = out->status;
	v->bytes = out->body.len + CACHE_ENTRY_OVERHEAD;
	snprintf(v->type, sizeof v->type, "%s", out->type);
	snprintf(v->etag, sizeof v->etag, "\"g%ld-%016lx\"", w->ctx.gen, rcache_hash(r->raw));
	size_t len = out->body.len;
	char *body = out->body.ptr ? buf_detach(&out->body) : xstrdup("");
	v->resp = make_response(v->status, v->type, body, len, MHD_RESPMEM_MUST_FREE, v->etag, 0, out->download, 0,
				api_target(r->raw));
	return v;
}

/* ------------------------------------------------------------- refresh */

/* Stale answers are computed again by one thread of their own, in the
 * order asked, so that the threads answering requests stay free. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t more;
	char *key[REFRESH_QUEUE];
	long gen[REFRESH_QUEUE];
	int head, n, stop;
	pthread_t thread;
} refresh = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, {0}, 0, 0, 0, 0};

static void refresh_later(const char *key, long gen)
{
	pthread_mutex_lock(&refresh.lock);
	if (refresh.n < REFRESH_QUEUE && !refresh.stop) {
		int at = (refresh.head + refresh.n++) % REFRESH_QUEUE;
		refresh.key[at] = xstrdup(key);
		refresh.gen[at] = gen;
		pthread_cond_signal(&refresh.more);
		pthread_mutex_unlock(&refresh.lock);
		return;
	}
	pthread_mutex_unlock(&refresh.lock);
	rcache_abandon(responses, key, gen); /* full: a later request asks again */
}

static void refresh_one(const char *key, long gen)
{
	lerr e;
	worker *w = current_worker(url_lang_en(key), &e);
	cached *v = NULL;
	if (w) {
		http_req r = {0};
		http_resp out = {0};
		arena_init(&r.mem);
		r.raw = key;
		r.english = url_lang_en(key);
		v = compute(w, &r, &out);
		if (v)
			rcache_put(responses, key, w->ctx.gen, w->era, v, v->bytes);
		buf_release(&out.body);
		arena_release(&r.mem);
	}
	if (!v || w->ctx.gen != gen)
		rcache_abandon(responses, key, gen);
}

static void *refresh_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&refresh.lock);
	for (;;) {
		while (!refresh.n && !refresh.stop)
			pthread_cond_wait(&refresh.more, &refresh.lock);
		if (!refresh.n)
			break;
		char *key = refresh.key[refresh.head];
		long gen = refresh.gen[refresh.head];
		refresh.head = (refresh.head + 1) % REFRESH_QUEUE;
		refresh.n--;
		int stop = refresh.stop;
		pthread_mutex_unlock(&refresh.lock);
		if (stop)
			rcache_abandon(responses, key, gen);
		else
			refresh_one(key, gen);
		free(key);
		pthread_mutex_lock(&refresh.lock);
	}
	pthread_mutex_unlock(&refresh.lock);
	return NULL;
}

static void refresh_stop(void)
{
	pthread_mutex_lock(&refresh.lock);
	refresh.stop = 1;
	pthread_cond_signal(&refresh.more);
	pthread_mutex_unlock(&refresh.lock);
	pthread_join(refresh.thread, NULL);
}

/* ------------------------------------------------------------- survey */

/* Why a POST to the survey is refused before its body is read, or NULL:
 * a body announced larger than the form could be (413), or not a form. */
static const char *post_refusal(struct MHD_Connection *con, http_req *r, int *status)
{
	const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
	long long n;
	if (cl && (num_parse_option_int(cl, 0, (long long)1 << 40, &n) < 0 || n > SFORM_MAX_BODY)) {
		*status = 413;
		return V(r->english, sform_body_too_large);
	}
	const char *ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
	size_t k = strlen("application/x-www-form-urlencoded");
	if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", k) != 0 || (ct[k] && ct[k] != ';' && ct[k] != ' ')) {
		*status = 415;
		return V(r->english, sform_not_a_form);
	}
	return NULL;
}

/* The client's address for the limiter: the peer's, or behind a proxy on
 * this machine the last address of X-Forwarded-For (the one the proxy saw;
 * earlier ones are whatever the client claimed). */
static void client_key(struct MHD_Connection *con, unsigned char key[16])
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *peer = ci ? ci->client_addr : NULL;
	lim_key(peer, key);
	static const unsigned char loopback4[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
	static const unsigned char loopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	if (!behind_proxy || (memcmp(key, loopback4, 12) != 0 && memcmp(key, loopback6, 8) != 0))
		return;
	const char *xff = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	char text[64];
	snprintf(text, sizeof text, "%s", last);
	text[strcspn(text, " ")] = '\0';
	struct sockaddr_in6 in6 = {0};
	struct sockaddr_in in4 = {0};
	if (inet_pton(AF_INET, text, &in4.sin_addr) == 1) {
		in4.sin_family = AF_INET;
		lim_key(&in4, key);
	} else if (inet_pton(AF_INET6, text, &in6.sin6_addr) == 1) {
		in6.sin6_family = AF_INET6;
		lim_key(&in6, key);
	}
}

static enum MHD_Result answer_survey_resp(struct MHD_Connection *con, http_resp *out_p);

/* A request under /survey/ (--survey). */
static enum MHD_Result answer_survey(struct MHD_Connection *con, http_req *r, const char *method)
{
	int headers = 0;
	MHD_get_connection_values(con, MHD_HEADER_KIND, count_header, &headers);
	if (headers > MAX_HEADERS)
		return send_error(con, r, 431, V(r->english, server_too_many_request_headers));
	sform_in in = {0};
	client_key(con, in.client);
	http_resp out = {0};
	if (sform_blocked(in.client)) {
		/* a client guessing links costs no store work */
		sform_refuse(r, &out);
		return answer_survey_resp(con, &out);
	}
	lerr e;
	worker *w = current_worker(r->english, &e);
	if (!w)
		return send_error(con, r, 503, e.msg);
	in.method = method;
	in.content_type = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
	in.fetch_site = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Sec-Fetch-Site");
	in.body = r->body.ptr ? r->body.ptr : "";
	in.body_len = r->body.len;
	sform_answer(&w->ctx, r, &in, &out);
	return answer_survey_resp(con, &out);
}

/* Sends (and releases) a survey answer: never cached, never framed. */
static enum MHD_Result answer_survey_resp(struct MHD_Connection *con, http_resp *out_p)
{
	http_resp out = *out_p;
	struct MHD_Response *resp = make_response(out.status, out.type, buf_cstr(&out.body), out.body.len,
						  MHD_RESPMEM_MUST_COPY, NULL, 1, NULL, 0, 0);
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Content-Security-Policy", "frame-ancestors 'none'; form-action 'self'");
	enum MHD_Result rc = queue(con, out.status, resp);
	MHD_destroy_response(resp);
	buf_release(&out.body);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)url;
	(void)version;
	http_req *r = *con_cls;
	if (!r)
		return MHD_NO;
	if (!r->called) {
		r->called = 1;
		int status;
		const char *why = refusal(con, r, method, &status);
		if (!why && survey_on && strcmp(method, "POST") == 0 && sform_target(r->raw)) {
			why = post_refusal(con, r, &status);
			r->post = 1;
		}
		if (why)
			return answer_error(con, r, status, why, 1);
		connection *c = connection_of(con);
		if (c && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0))
			guard_request_in(&conn_guard, &c->guard); /* no body: it is all in */
		/* answering in the first call makes libmicrohttpd close the
		 * connection: wait for the second, keep-alive stays possible */
		return MHD_YES;
	}
	if (r->post) {
		if (*upload_size) {
			/* kept in full or not at all; past the limit the rest is
			 * read and dropped (the guard's deadline bounds how long) */
			if (r->body.len + *upload_size > SFORM_MAX_BODY)
				r->body_too_big = 1;
			else
				buf_add(&r->body, upload_data, *upload_size);
			*upload_size = 0;
			return MHD_YES;
		}
		if (r->body_too_big)
			return answer_error(con, r, 413, V(r->english, sform_body_too_large), 1);
		return answer_survey(con, r, method);
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		if (*upload_size) {
			*upload_size = 0; /* drain and ignore a body */
			return MHD_YES;
		}
		if (strcmp(method, "OPTIONS") == 0)
			return answer_options(con, r);
		return send_error(con, r, 405, V(r->english, server_only_get_and_head));
	}
	int headers = 0;
	MHD_get_connection_values(con, MHD_HEADER_KIND, count_header, &headers);
	if (headers > MAX_HEADERS)
		return send_error(con, r, 431, V(r->english, server_too_many_request_headers));
	if (survey_on && sform_target(r->raw))
		return answer_survey(con, r, method);
	lerr e;
	worker *w = current_worker(r->english, &e);
	if (!w)
		return send_error(con, r, 503, e.msg);
	/* the answer depends on the target and the store generation only */
	const char *inm = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match");
	long gen = w->ctx.gen;
	hit h = {con, inm, MHD_NO};
	/* while another computes the answer, the one before is given at once;
	 * the request that starts the refresh waits a little for it */
	enum rcache_found found = rcache_lookup(responses, r->raw, gen, w->era, 0, answer_hit, &h);
	if (found == RCACHE_REFRESH) {
		refresh_later(r->raw, gen);
		found = rcache_lookup(responses, r->raw, gen, w->era, REFRESH_WAIT_S, answer_hit, &h);
	}
	if (found == RCACHE_HIT || found == RCACHE_STALE)
		return h.rc;
	/* a miss: this thread computes the answer, others asking for it wait */
	http_resp out = {0};
	cached *v = compute(w, r, &out);
	enum MHD_Result rc;
	if (!v) {
		rcache_abandon(responses, r->raw, gen);
		rc = respond(con, out.status, out.type, buf_cstr(&out.body), out.body.len, NULL, out.no_store,
			     out.download, 1, 0);
		buf_release(&out.body);
		return rc;
	}
	hit mine = {con, inm, MHD_NO};
	answer_hit(v, &mine);
	rcache_put(responses, r->raw, gen, w->era, v, v->bytes);
	return mine.rc;
}

/* ------------------------------------------------------------- the daemon */

/* The whole of a PEM file (a key or a certificate chain: small). */
static char *read_pem(const char *path, lerr *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		lerr_set(err, LERR_IO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < 1024 * 1024)
		buf_add(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad || !b.len || !strstr(buf_cstr(&b), "-----BEGIN ")) {
		buf_release(&b);
		lerr_set(err, LERR_IO, "%s: not a PEM file", path);
		return NULL;
	}
	return buf_detach(&b);
}

/* libmicrohttpd's own messages: while it starts, a failure is said once,
 * in the user's language, by http_serve ("kan niet luisteren op ..."), not
 * also in its English ("Failed to bind to port"); once listening, to
 * stderr for the operator. */
static atomic_int listening;

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	if (!listening)
		return;
	fputs("ladder serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

int http_serve(const http_options *o, lerr *err)
{
	db_path = o->db_path;
	survey_on = o->survey;
	behind_proxy = o->behind_proxy;
	tls_on = o->tls_cert != NULL;
	/* check the store once, up front, for a clear error */
	store *s = store_open(o->db_path, 0, o->english, err);
	if (!s)
		return LERR_DB;
	int ready;
	int rc = store_has_reference(s, &ready, err);
	store_close(s);
	if (rc < 0)
		return rc;
	if (!ready)
		return lerr_set(err, LERR_DB, V(o->english, server_not_initialised), o->db_path);

	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->bind, &addr.sin_addr) != 1)
		return lerr_set(err, LERR_USAGE, "--bind: expected an IPv4 address such as 127.0.0.1, got '%s'", o->bind);
	char *cert = NULL, *key = NULL;
	unsigned tls_flag = 0;
	if (tls_on) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return lerr_set(err, LERR_USAGE, "--tls-cert: this libmicrohttpd was built without TLS; serve behind a reverse proxy instead (docs/survey.md)");
		if (!(cert = read_pem(o->tls_cert, err)) || !(key = read_pem(o->tls_key, err))) {
			free(cert);
			return LERR_IO;
		}
		tls_flag = MHD_USE_TLS;
	}
	if (survey_on && sform_start(err) < 0) {
		free(cert);
		free(key);
		return LERR_IO;
	}

	/* the workers inherit a mask without SIGINT/SIGTERM: only main takes them */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	guard_init(&conn_guard, REQUEST_DEADLINE_S, PRESSED_DEADLINE_S, PRESSURE_AT);
	responses = rcache_new(CACHE_BYTES, CACHE_ENTRIES, STALE_MAX_S, cached_free);
	pthread_create(&refresh.thread, NULL, refresh_main, NULL);

	listening = 0;
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | tls_flag, (uint16_t)o->port, NULL, NULL,
		on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned)(o->threads > 0 ? o->threads : 2), MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MAX_REQUEST_BYTES,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)MAX_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)MAX_PER_ADDRESS,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		tls_on ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert, MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
	if (!d) {
		int saved = errno;
		guard_destroy(&conn_guard);
		refresh_stop();
		rcache_free(responses);
		if (survey_on)
			sform_stop();
		free(cert);
		free(key);
		if (tls_on)
			return lerr_set(err, LERR_IO, V(o->english, server_cannot_listen_tls), o->bind, o->port, o->tls_cert,
					o->tls_key, lerr_reason(saved, o->english));
		return lerr_set(err, LERR_IO, V(o->english, server_cannot_listen), o->bind, o->port,
				lerr_reason(saved, o->english));
	}
	listening = 1;
	if (!o->quiet) {
		printf(V(o->english, server_listening), tls_on ? "https" : "http", o->bind, o->port, o->db_path,
		       survey_on ? V(o->english, serve_with_survey) : "");
		fflush(stdout);
	}
	/* the main thread waits for the stop signal and meanwhile enforces the
	 * request deadlines, once a second */
	int sig;
	const struct timespec tick = {1, 0};
	while ((sig = sigtimedwait(&stop, NULL, &tick)) < 0)
		guard_sweep(&conn_guard, guard_now());
	MHD_stop_daemon(d);
	guard_destroy(&conn_guard);
	refresh_stop();
	rcache_free(responses);
	if (survey_on)
		sform_stop();
	free(cert);
	free(key);
	if (!o->quiet)
		fprintf(stderr, V(o->english, server_stopped), sig == SIGINT ? "SIGINT" : "SIGTERM");
	return 0;
}
