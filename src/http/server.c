/* server.c - libmicrohttpd glue: limits, per-connection request memory,
 * per-thread store, routing, ETag, a small per-thread response cache, clean
 * stop on SIGINT/SIGTERM. */
#include "http.h"
#include "guard.h"
#include "../base/num.h"
#include "../base/sha256.h"
#include "../base/vocab.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
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
#define CACHE_SLOTS 64

static const char *db_path;
static guard conn_guard;

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

typedef struct cached {
	char *key;       /* lang + raw target */
	long gen;
	int status;
	char *type, *etag, *download;
	char *body;
	size_t len;
} cached;

typedef struct worker {
	http_ctx ctx;
	cached cache[CACHE_SLOTS];
	unsigned next;
} worker;

static pthread_key_t worker_key;
static pthread_once_t worker_once = PTHREAD_ONCE_INIT;

static void free_cached(cached *c)
{
	free(c->key);
	free(c->type);
	free(c->etag);
	free(c->download);
	free(c->body);
	memset(c, 0, sizeof *c);
}

static void worker_free(void *p)
{
	worker *w = p;
	for (int i = 0; i < CACHE_SLOTS; i++)
		free_cached(&w->cache[i]);
	model_free(w->ctx.m);
	store_close(w->ctx.s);
	free(w);
}

static void make_key(void)
{
	pthread_key_create(&worker_key, worker_free);
}

/* The calling thread's connection and model, reloaded after an import. */
static worker *current_worker(lerr *err)
{
	pthread_once(&worker_once, make_key);
	worker *w = pthread_getspecific(worker_key);
	if (!w) {
		w = xcalloc(1, sizeof *w);
		w->ctx.s = store_open(db_path, 0, err);
		if (!w->ctx.s) {
			free(w);
			return NULL;
		}
		w->ctx.gen = -2;
		pthread_setspecific(worker_key, w);
	}
	/* asked on every request (the hot path of every cache hit): the store
	 * keeps the statement prepared */
	long long g;
	if (store_generation(w->ctx.s, &g, err) < 0)
		return NULL;
	if (g != w->ctx.gen) {
		model *m = store_load_model(w->ctx.s, err);
		if (!m)
			return NULL;
		model_free(w->ctx.m);
		w->ctx.m = m;
		w->ctx.gen = g;
	}
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
	buf_reset(&out->body);
	buf_printf(&out->body, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%d</title>"
			       "<link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main><h1>%d</h1><p>",
		   r->english ? "en" : "nl", status, status);
	http_html(&out->body, msg);
	buf_printf(&out->body, "</p><p><a href=\"/%s\">%s</a></p></main></body></html>\n", r->english ? "?lang=en" : "",
		   V(r->english, server_back_to_the_start));
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

int http_latest_year(http_ctx *c)
{
	int y;
	lerr e;
	if (store_latest_year(c->s, "figure", &y, &e) < 0)
		return 0; /* the request then finds no figures for the year */
	return y;
}

int http_param_year(http_ctx *c, http_req *r, http_resp *out, int html, const char *name, int *year)
{
	const char *v = url_param_get(&r->url, name);
	if (!v || !*v) {
		*year = 0;
		return 0;
	}
	long long y;
	if (num_parse_option_int(v, 1990, 2100, &y) < 0) {
		char msg[128];
		snprintf(msg, sizeof msg, V(r->english, server_expected_a_year_such_as_2017), name);
		return -fail(r, out, html, 400, msg);
	}
	(void)c;
	*year = (int)y;
	return 0;
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

static enum MHD_Result respond(struct MHD_Connection *con, int status, const char *type, const char *body, size_t len,
			    const char *etag, int no_store, const char *download, int must_copy, int close_after)
{
	connection *c = connection_of(con);
	if (c)
		guard_request_in(&conn_guard, &c->guard);
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body,
								    must_copy ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(resp, "Content-Type", type);
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
	if (status == 405)
		MHD_add_response_header(resp, "Allow", "GET, HEAD");
	if (close_after)
		MHD_add_response_header(resp, "Connection", "close");
	if (download) {
		char cd[256];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", download);
		MHD_add_response_header(resp, "Content-Disposition", cd);
	}
	enum MHD_Result rc = MHD_queue_response(con, (unsigned)status, resp);
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

static unsigned long fnv(const char *s)
{
	unsigned long h = 1469598103934665603ul;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ul;
	return h;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)url;
	(void)version;
	(void)upload_data;
	http_req *r = *con_cls;
	if (!r)
		return MHD_NO;
	if (!r->called) {
		r->called = 1;
		int status;
		const char *why = refusal(con, r, method, &status);
		if (why)
			return answer_error(con, r, status, why, 1);
		connection *c = connection_of(con);
		if (c && (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0))
			guard_request_in(&conn_guard, &c->guard); /* no body: it is all in */
		/* answering in the first call makes libmicrohttpd close the
		 * connection: wait for the second, keep-alive stays possible */
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		if (*upload_size) {
			*upload_size = 0; /* drain and ignore a body */
			return MHD_YES;
		}
		return send_error(con, r, 405, "only GET and HEAD");
	}
	int headers = 0;
	MHD_get_connection_values(con, MHD_HEADER_KIND, count_header, &headers);
	if (headers > MAX_HEADERS)
		return send_error(con, r, 431, "too many request headers");
	http_resp out = {0};
	const http_route *rt = http_prepare(r, &out);
	if (!rt) {
		enum MHD_Result rc = respond(con, out.status, out.type, out.body.ptr, out.body.len, NULL, 1, NULL, 1, 0);
		buf_release(&out.body);
		return rc;
	}
	lerr e;
	worker *w = current_worker(&e);
	if (!w)
		return send_error(con, r, 503, e.msg);
	/* the answer depends on the URL and the store generation only */
	char key_gen[32];
	snprintf(key_gen, sizeof key_gen, "%ld", w->ctx.gen);
	const char *inm = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match");
	for (int i = 0; i < CACHE_SLOTS; i++) {
		cached *c = &w->cache[i];
		if (c->key && c->gen == w->ctx.gen && strcmp(c->key, r->raw) == 0) {
			if (http_etag_matches(inm, c->etag))
				return respond(con, 304, c->type, "", 0, c->etag, 0, NULL, 0, 0);
			return respond(con, c->status, c->type, c->body, c->len, c->etag, 0, c->download, 1, 0);
		}
	}
	rt->fn(&w->ctx, r, &out);
	char etag[64];
	snprintf(etag, sizeof etag, "\"g%ld-%016lx\"", w->ctx.gen, fnv(r->raw));
	enum MHD_Result rc;
	if (out.status == 200 && !out.no_store && http_etag_matches(inm, etag)) {
		rc = respond(con, 304, out.type, "", 0, etag, 0, NULL, 0, 0);
	} else {
		rc = respond(con, out.status, out.type, buf_cstr(&out.body), out.body.len, etag, out.no_store, out.download, 1, 0);
	}
	if (out.status == 200 && !out.no_store) {
		cached *c = &w->cache[w->next++ % CACHE_SLOTS];
		free_cached(c);
		c->key = xstrdup(r->raw);
		c->gen = w->ctx.gen;
		c->status = out.status;
		c->type = xstrdup(out.type);
		c->etag = xstrdup(etag);
		c->download = out.download ? xstrdup(out.download) : NULL;
		c->len = out.body.len;
		c->body = buf_detach(&out.body);
	}
	buf_release(&out.body);
	return rc;
}

/* ------------------------------------------------------------- the daemon */

int http_serve(const http_options *o, lerr *err)
{
	db_path = o->db_path;
	/* check the store once, up front, for a clear error */
	store *s = store_open(o->db_path, 0, err);
	if (!s)
		return LERR_DB;
	int ready;
	int rc = store_has_reference(s, &ready, err);
	store_close(s);
	if (rc < 0)
		return rc;
	if (!ready)
		return lerr_set(err, LERR_DB, "%s is not initialised: run 'ladder init' or 'ladder demo' first", o->db_path);

	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->bind, &addr.sin_addr) != 1)
		return lerr_set(err, LERR_USAGE, "--bind: expected an IPv4 address such as 127.0.0.1, got '%s'", o->bind);

	/* the workers inherit a mask without SIGINT/SIGTERM: only main takes them */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	guard_init(&conn_guard, REQUEST_DEADLINE_S, PRESSED_DEADLINE_S, PRESSURE_AT);

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, (uint16_t)o->port, NULL, NULL,
		on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned)(o->threads > 0 ? o->threads : 2), MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MAX_REQUEST_BYTES,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)MAX_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)MAX_PER_ADDRESS,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		guard_destroy(&conn_guard);
		return lerr_set(err, LERR_IO, "cannot listen on %s:%d: %s", o->bind, o->port, strerror(errno));
	}
	if (!o->quiet) {
		printf("ladder serve: http://%s:%d/ (database %s); Ctrl-C stops\n", o->bind, o->port, o->db_path);
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
	if (!o->quiet)
		fprintf(stderr, "ladder serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	return 0;
}
