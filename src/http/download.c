/* download.c - the publication as downloads from the area page: the report
 * as PDF or HTML and the Excel annex, the same files as `ladder report` and
 * `ladder export xlsx` write. Protected like every output (the engine
 * protects; nothing here reads around it). */
#include "http.h"
#include "../base/vocab.h"
#include "../render/export.h"
#include "../render/report.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cairo, pango and fontconfig set type on shared font state: one
 * document at a time, whatever the worker */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

/* The writers take a file name: a private directory, read back, removed. */
int http_through_file(http_resp *out, const char *name, int (*write)(void *ctx, const char *path, lerr *err),
		      void *ctx, lerr *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof dir, "%s/ladder-dl.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return lerr_set(err, LERR_IO, "cannot make a temporary directory in %s: %s", tmp && *tmp ? tmp : "/tmp",
				strerror(errno));
	char *path = xasprintf("%s/%s", dir, name);
	pthread_mutex_lock(&render_lock);
	int rc = write(ctx, path, err);
	pthread_mutex_unlock(&render_lock);
	if (rc == 0) {
		FILE *f = fopen(path, "rb");
		if (!f) {
			rc = lerr_set(err, LERR_IO, "%s: %s", path, strerror(errno));
		} else {
			char chunk[65536];
			size_t n;
			while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
				buf_add(&out->body, chunk, n);
			if (ferror(f))
				rc = lerr_set(err, LERR_IO, "%s: read error", path);
			fclose(f);
		}
	}
	unlink(path);
	rmdir(dir);
	free(path);
	return rc;
}

typedef struct pdf_job {
	const rpt_doc *d;
	const char *date;
} pdf_job;

static int write_pdf(void *ctx, const char *path, lerr *err)
{
	pdf_job *j = ctx;
	return rpt_pdf(j->d, path, j->date, err);
}

typedef struct xlsx_job {
	http_ctx *c;
	int from, to, english;
} xlsx_job;

static int write_xlsx(void *ctx, const char *path, lerr *err)
{
	xlsx_job *j = ctx;
	return exp_xlsx(j->c->s, j->c->m, j->from, j->to, j->english, path, err);
}

static int report(http_ctx *c, http_req *r, http_resp *out, int pdf)
{
	int area, year;
	const char *edition;
	if (http_param_area(c, r, out, 1, &area) < 0 || http_param_year(c, r, out, 1, "year", &year) < 0 ||
	    http_param_edition(c, r, out, 1, &edition) < 0)
		return out->status;
	if (!year)
		year = http_latest_year(c);
	if (http_require_data(c, r, out, 1, "figure", year, edition) < 0)
		return out->status;
	lerr e;
	rpt_options o = {area, year, edition, r->english};
	pthread_mutex_lock(&render_lock); /* the report's charts measure text with pango */
	rpt_doc *d = rpt_build(c->s, c->m, &o, &e);
	pthread_mutex_unlock(&render_lock);
	if (!d)
		return http_html_error(r, out, 500, "%s", e.msg);
	const char *code = c->m->areas[area].code;
	int rc = 0;
	if (pdf) {
		char date[32];
		if (store_last_import(c->s, date, &e) < 0)
			*date = '\0';
		pdf_job j = {d, *date ? date : NULL};
		rc = http_through_file(out, "report.pdf", write_pdf, &j, &e);
		out->type = "application/pdf";
		out->download = arena_printf(&r->mem, "ladder-%s-%d.pdf", code, year);
	} else {
		rpt_html(&out->body, d);
		out->type = "text/html; charset=utf-8";
		out->download = arena_printf(&r->mem, "ladder-%s-%d.html", code, year);
	}
	rpt_free(d);
	if (rc < 0) {
		buf_reset(&out->body);
		return http_html_error(r, out, 500, "%s", e.msg);
	}
	return 200;
}

static int annex(http_ctx *c, http_req *r, http_resp *out)
{
	int year, from;
	if (http_param_year(c, r, out, 1, "year", &year) < 0 || http_param_year(c, r, out, 1, "from", &from) < 0)
		return out->status;
	if (!year)
		year = http_latest_year(c);
	if (http_require_data(c, r, out, 1, "figure", year, NULL) < 0)
		return out->status;
	if (from > year)
		return http_html_error(r, out, 400, "%s", V(r->english, download_from_after_year));
	lerr e;
	xlsx_job j = {c, from ? from : year, year, r->english};
	if (http_through_file(out, "annex.xlsx", write_xlsx, &j, &e) < 0) {
		buf_reset(&out->body);
		return http_html_error(r, out, 500, "%s", e.msg);
	}
	out->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	out->download = from && from != year ? arena_printf(&r->mem, "ladder-annex-%d-%d.xlsx", from, year)
					      : arena_printf(&r->mem, "ladder-annex-%d.xlsx", year);
	return 200;
}

int page_download(http_ctx *c, http_req *r, http_resp *out)
{
	const char *p = r->url.path;
	if (strcmp(p, "/download/report.pdf") == 0)
		return report(c, r, out, 1);
	if (strcmp(p, "/download/report.html") == 0)
		return report(c, r, out, 0);
	if (strcmp(p, "/download/annex.xlsx") == 0)
		return annex(c, r, out);
	return http_html_error(r, out, 404, "%s", V(r->english, page_no_such_file));
}
