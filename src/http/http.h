/* http.h - ladder serve: the dashboard and the JSON API over
 * libmicrohttpd. Prefix: http_.
 *
 * Read-only but for the survey form (sform.h, only with --survey, the one
 * route that takes POST and writes): every request reads the store in
 * autocommit mode, so a
 * concurrent `ladder import` (WAL) never blocks it and its figures show as
 * soon as they are computed after the commit. Each worker thread (and the
 * thread that refreshes stale answers) owns its own connection and model
 * (SQLite handles are opened NOMUTEX); the model is reloaded when the store's
 * generation (store_generation: an import or a setting) changes. Answers
 * are cached once for all threads per generation (rcache.h, server.c).
 * Protection is never switched off here.
 *
 * Routes are rows of src/http/routes.def; handlers fill an http_resp.
 * Ownership: a request's memory is its arena and its copy of the target,
 * released when it completes or, at the latest, when its connection closes
 * (libmicrohttpd does not report the completion of a request it refused
 * itself).
 */
#ifndef LADDER_HTTP_H
#define LADDER_HTTP_H

#include "../render/render.h"
#include "url.h"

typedef struct http_options {
	const char *db_path;
	const char *bind;   /* default 127.0.0.1 */
	int port;           /* default 8080 */
	int threads;        /* worker threads, default 2 */
	int quiet;
	int survey;         /* serve /survey/ (sform.h): the one route that writes */
	const char *tls_cert, *tls_key; /* PEM files: HTTPS through GnuTLS; both or neither */
	int behind_proxy;   /* a proxy on loopback: the client is X-Forwarded-For's last address */
	int english;        /* the language of the messages before serving (a request has its own) */
} http_options;

/* Serves until SIGINT or SIGTERM. Returns 0 after a clean stop. */
int http_serve(const http_options *o, lerr *err);

/* ---- for the handlers */
typedef struct http_ctx {
	store *s;
	model *m;
	long gen;          /* store generation seen (store_generation) */
	int default_map;   /* the map the model was loaded on; a request with a
			      year moves it to that year's (the model is this
			      thread's own) */
} http_ctx;

typedef struct http_req {
	arena mem;
	url_target url;
	int english;
	const char *raw;   /* the request target as received (xmalloc, at most URL_MAX_TARGET + 1 bytes) */
	int called;        /* the access handler has seen this request before */
	int refuse;        /* url_check_size's status for the target, or 0 */
	int post;          /* a POST to a survey route: its body is kept in body */
	int body_too_big;  /* ... and it was longer than SFORM_MAX_BODY (dropped) */
	buf body;
} http_req;

typedef struct http_resp {
	int status;
	const char *type;  /* Content-Type */
	buf body;
	int no_store;      /* errors: never cached */
	const char *download; /* Content-Disposition filename, or NULL */
} http_resp;

typedef int (*http_handler)(http_ctx *c, http_req *r, http_resp *out);

/* Sets a JSON error {"error": msg} with a status; returns status. */
int http_json_error(http_resp *out, int status, const char *fmt, ...) LADDER_PRINTF(3, 4);
/* Sets an HTML error page; returns status. */
int http_html_error(http_req *r, http_resp *out, int status, const char *fmt, ...) LADDER_PRINTF(4, 5);
/* The same with more (HTML, may be NULL) after the message: the page's
 * chrome, the message, more, a search form. Returns status. */
int http_error_page(http_req *r, http_resp *out, int status, const char *msg, const char *more);
/* An error answer: JSON under /api/, else an HTML page; in r's language
 * as far as msg is. */
void http_error(http_req *r, http_resp *out, int status, const char *msg);
/* Minimal HTML escaping for text and attribute values. */
void http_html(buf *b, const char *s);

/* Shared parameter readers: on a bad value they fill the error and return <0. */
int http_param_area(http_ctx *c, http_req *r, http_resp *out, int html, int *area);
int http_param_year(http_ctx *c, http_req *r, http_resp *out, int html, const char *name, int *year);
int http_param_edition(http_ctx *c, http_req *r, http_resp *out, int html, const char **edition);
/* The latest year with figures, for a request without ?year= (0: none
 * yet). A store that cannot tell is a failure, not "no figures": out then
 * gets a 500 with the store's message and it returns <0. */
int http_latest_year(http_ctx *c, http_req *r, http_resp *out, int html, int *year);
/* Does kind ("figure" or "context") hold data for year in edition (NULL:
 * any edition)? 0 if so; else out gets a 404 "no figures" naming the
 * nearest years (of that edition) and the editions that hold the year (as
 * links to the same page under html, as "years" and "editions" in the
 * JSON), and it returns <0. A menu never leads to a page of dots. */
int http_require_data(http_ctx *c, http_req *r, http_resp *out, int html, const char *kind, int year,
		      const char *edition);

/* For the writers that take a file name (download.c): write(ctx, path)
 * into a private temporary directory, one document at a time (cairo,
 * pango and libxlsxwriter share state), and the file appended to
 * out->body, then removed. 0 or the writer's error. */
int http_through_file(http_resp *out, const char *name, int (*write)(void *ctx, const char *path, lerr *err),
		      void *ctx, lerr *err);

/* What became of an area, for search results and suggestions (pages.c):
 * "sinds 2019 deel van Deinze" for a municipality that merged (its
 * successor's index in *successor), "bestaat sinds 2019" for one that is
 * not yet on the request's map; NULL otherwise (*successor -1). In r's
 * language and memory. */
const char *http_area_history(http_req *r, const model *m, int area, int *successor);
/* Is area on the request's map (groupings always)? Search shows these
 * first, lists show only these. */
int http_area_on_map(const model *m, int area);

/* The dashboard's page chrome (pages.c): head, header with the main menu
 * and the language switch, <main>; and the legend of flags, script and end. */
void http_page_begin(buf *b, http_req *r, const char *title);
/* The legend of the flags shown (recomputed figures follow the municipal
 * boundaries of map_year; 0: not said), then the end of the page. */
void http_page_end(buf *b, unsigned flags, int en, int map_year);

#define ROUTE(path, prefix, fn, doc) int fn(http_ctx *c, http_req *r, http_resp *out);
#include "routes.def"
#undef ROUTE

typedef struct http_route {
	const char *path;
	int prefix; /* match "/area/" and below */
	http_handler fn;
	const char *doc_nl, *doc_en; /* po/nl.po, route_* */
} http_route;
extern const http_route http_routes[];
extern const int http_n_routes;

/* Parses r->raw (in r->mem) and sets r->english; returns the route to
 * call with out set up for a 200 answer, or NULL with an error answer in
 * out (400 bad target or lang, 404 no route). No socket, no store. */
const http_route *http_prepare(http_req *r, http_resp *out);
/* If-None-Match (RFC 9110 13.1.2): does the header's list, or "*", hold
 * etag (compared weakly)? NULL header: no. */
int http_etag_matches(const char *header, const char *etag);

/* The map's measure the request asks for (map=change|rung3|rung4|rung5;
 * else the rate per 1 000 inhabitants): enum rpt_map_measure. */
int http_map_measure(const http_req *r);
/* The level the map of area is drawn at (level=municipality|
 * arrondissement|province, as the area offers: rpt_map_levels; absent:
 * municipalities) into *level (enum rpt_map_level); -status with out
 * answered (400 naming the levels offered). */
int http_map_level(http_ctx *c, http_req *r, http_resp *out, int html, int area, int *level);

#endif
