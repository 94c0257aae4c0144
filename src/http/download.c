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

int http_map_measure(const http_req *r)
{
	static const struct { const char *name; int measure; } measures[] = {
		{"change", RPT_MAP_CHANGE}, {"rung3", RPT_MAP_RUNG3}, {"rung4", RPT_MAP_RUNG4}, {"rung5", RPT_MAP_RUNG5},
	};
	const char *v = url_param_get(&r->url, "map");
	for (size_t i = 0; v && i < sizeof measures / sizeof measures[0]; i++)
		if (strcmp(v, measures[i].name) == 0)
			return measures[i].measure;
	return RPT_MAP_RATE;
}

int http_map_level(http_ctx *c, http_req *r, http_resp *out, int html, int area, int *level)
{
	const char *v = url_param_get(&r->url, "level");
	*level = RPT_MAP_MUNICIPALITIES;
	if (!v || !*v)
		return 0;
	int levels[RPT_MAP_N_LEVELS], n = rpt_map_levels(c->m, area, levels);
	if (rpt_map_level_parse(v, level) == 0 && rpt_map_level_offered(c->m, area, *level) == *level)
		return 0;
	buf offered = BUF_INIT;
	for (int i = 0; i < n; i++)
		buf_printf(&offered, "%s%s", i ? "|" : "", rpt_map_level_key(levels[i]));
	char *msg = xasprintf(V(r->english, page_bad_map_level), v, model_area_name(&c->m->areas[area], r->english),
			      offered.ptr);
	buf_release(&offered);
	if (html)
		http_html_error(r, out, 400, "%s", msg);
	else
		http_json_error(out, 400, "%s", msg);
	free(msg);
	return -400;
}

/* The report of the request's area, year and edition (NULL: out answered). */
static rpt_doc *report_doc(http_ctx *c, http_req *r, http_resp *out, int charts_only, int *area, int *year)
{
	const char *edition;
	int level;
	if (http_param_area(c, r, out, 1, area) < 0 || http_param_year(c, r, out, 1, "year", year) < 0 ||
	    http_param_edition(c, r, out, 1, &edition) < 0 || http_map_level(c, r, out, 1, *area, &level) < 0)
		return NULL;
	if ((!*year && http_latest_year(c, r, out, 1, year) < 0) ||
	    http_require_data(c, r, out, 1, "figure", *year, edition) < 0)
		return NULL;
	lerr e;
	rpt_options o = {*area, *year, edition, r->english, http_map_measure(r), charts_only, 0, level};
	rpt_doc *d = rpt_build(c->s, c->m, &o, &e);
	if (!d)
		http_html_error(r, out, 500, "%s", e.msg);
	return d;
}

static int report(http_ctx *c, http_req *r, http_resp *out, int pdf)
{
	int area, year;
	lerr e;
	rpt_doc *d = report_doc(c, r, out, 0, &area, &year);
	if (!d)
		return out->status;
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
	if (!year && http_latest_year(c, r, out, 1, &year) < 0)
		return out->status;
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

static int write_png(void *ctx, const char *path, lerr *err)
{
	return chart_write_png(ctx, 2, path, err);
}

/* One chart of the report (the page shows the same): the drawing as SVG
 * or PNG, its figures as CSV for a spreadsheet (Belgian unless lang=en). */
static int one_chart(http_ctx *c, http_req *r, http_resp *out, const char *file)
{
	const char *dot = strrchr(file, '.');
	static const char *const types[][2] = {{"svg", "image/svg+xml"}, {"png", "image/png"},
						{"csv", "text/csv; charset=utf-8"}};
	int kind = -1;
	for (int k = 0; dot && k < 3; k++)
		if (strcmp(dot + 1, types[k][0]) == 0)
			kind = k;
	if (kind < 0)
		return http_html_error(r, out, 404, "%s", V(r->english, page_no_such_file));
	int area, year;
	rpt_doc *d = report_doc(c, r, out, 1, &area, &year);
	if (!d)
		return out->status;
	const chart **all, *ch = NULL;
	int n = rpt_charts(d, &all);
	for (int i = 0; i < n && !ch; i++)
		if (strlen(all[i]->id) == (size_t)(dot - file) && strncmp(all[i]->id, file, (size_t)(dot - file)) == 0)
			ch = all[i];
	free(all);
	int rc = 200;
	lerr e;
	if (!ch || (kind == 2 && !ch->data)) {
		rc = http_html_error(r, out, 404, "%s", V(r->english, page_no_such_file));
	} else if (kind == 0) {
		chart_svg(&out->body, ch, 1);
	} else if (kind == 1 && http_through_file(out, "chart.png", write_png, (void *)ch, &e) < 0) {
		buf_reset(&out->body);
		rc = http_html_error(r, out, 500, "%s", e.msg);
	} else if (kind == 2) {
		rnd_opts o = {RND_SHEET, r->english, 0};
		buf_adds(&out->body, "\xEF\xBB\xBF"); /* the byte order mark: the spreadsheet reads UTF-8 */
		rnd_sheet_backend.table(&out->body, ch->data, &o);
	}
	if (rc == 200) {
		out->type = types[kind][1];
		out->download = arena_printf(&r->mem, "ladder-%s-%d-%s", c->m->areas[area].code, year, file);
	}
	rpt_free(d);
	return rc;
}

int page_download(http_ctx *c, http_req *r, http_resp *out)
{
	const char *p = r->url.path;
	if (strncmp(p, "/download/chart/", 16) == 0)
		return one_chart(c, r, out, p + 16);
	if (strcmp(p, "/download/report.pdf") == 0)
		return report(c, r, out, 1);
	if (strcmp(p, "/download/report.html") == 0)
		return report(c, r, out, 0);
	if (strcmp(p, "/download/annex.xlsx") == 0)
		return annex(c, r, out);
	return http_html_error(r, out, 404, "%s", V(r->english, page_no_such_file));
}
