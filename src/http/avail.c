/* avail.c - what exists: a year or an edition without figures is answered
 * 404 "no figures" with the nearest ones that have them, on pages and in
 * the API, instead of a page (or a document) of dots and nulls. */
#include "http.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The nearest year below and the nearest above year, of years (ascending). */
static int nearest_years(const int *years, int n, int year, int out[2])
{
	int below = 0, above = 0;
	for (int i = 0; i < n; i++) {
		if (years[i] < year)
			below = years[i];
		else if (years[i] > year && !above)
			above = years[i];
	}
	int k = 0;
	if (below)
		out[k++] = below;
	if (above)
		out[k++] = above;
	return k;
}

/* A link to the same page for another year and edition, language kept. */
static void same_page_link(buf *b, http_req *r, int year, const char *edition)
{
	buf href = BUF_INIT;
	buf_printf(&href, "%s?year=%d", r->url.path, year);
	if (edition)
		buf_printf(&href, "&edition=%s", edition);
	if (r->english)
		buf_adds(&href, "&lang=en");
	buf_adds(b, "<a href=\"");
	http_html(b, href.ptr);
	buf_printf(b, "\">%d", year);
	if (edition) {
		buf_printf(b, " (%s ", V(r->english, page_edition_2));
		http_html(b, edition);
		buf_adds(b, ")");
	}
	buf_adds(b, "</a>");
	buf_release(&href);
}

static void json_answer(http_resp *out, const char *msg, const int *near, int n_near, const store_edition_ref *eds,
			int n_eds)
{
	buf *b = &out->body;
	buf_reset(b);
	buf_adds(b, "{\"error\": ");
	rnd_json_string(b, msg);
	buf_adds(b, ", \"years\": [");
	for (int i = 0; i < n_near; i++)
		buf_printf(b, "%s%d", i ? ", " : "", near[i]);
	buf_adds(b, "], \"editions\": [");
	for (int i = 0; i < n_eds; i++) {
		buf_adds(b, i ? ", " : "");
		rnd_json_string(b, eds[i].code);
	}
	buf_adds(b, "]}\n");
	out->status = 404;
	out->type = "application/json; charset=utf-8";
	out->no_store = 1;
}

static void html_answer(http_req *r, http_resp *out, const char *msg, const int *near, int n_near,
			const char *edition, int year, const store_edition_ref *eds, int n_eds)
{
	buf more = BUF_INIT;
	if (n_near) {
		buf_printf(&more, "<p>%s ", V(r->english, avail_nearest_years));
		for (int i = 0; i < n_near; i++) {
			buf_adds(&more, i ? ", " : "");
			same_page_link(&more, r, near[i], edition);
		}
		buf_adds(&more, "</p>");
	}
	if (n_eds) {
		buf_printf(&more, "<p>");
		buf_printf(&more, V(r->english, avail_editions_holding), year);
		buf_adds(&more, " ");
		for (int i = 0; i < n_eds; i++) {
			buf_adds(&more, i ? ", " : "");
			same_page_link(&more, r, year, eds[i].code);
		}
		buf_adds(&more, "</p>");
	}
	http_error_page(r, out, 404, msg, more.ptr);
	buf_release(&more);
}

int http_require_data(http_ctx *c, http_req *r, http_resp *out, int html, const char *kind, int year,
		      const char *edition)
{
	int *years = NULL, n = 0;
	lerr e;
	if (store_years(c->s, kind, edition, &years, &n, &e) < 0) {
		if (html)
			return -http_html_error(r, out, 500, "%s", e.msg);
		return -http_json_error(out, 500, "%s", e.msg);
	}
	int found = 0;
	for (int i = 0; i < n && !found; i++)
		found = years[i] == year;
	if (found) {
		free(years);
		return 0;
	}
	int near[2], n_near = nearest_years(years, n, year, near);
	free(years);
	store_edition_ref *eds = NULL;
	int n_eds = 0;
	if (edition && store_year_editions(c->s, kind, year, &eds, &n_eds, &e) < 0)
		n_eds = 0;
	char *msg = edition ? xasprintf(V(r->english, avail_no_figures_in_edition), year, edition)
			    : xasprintf(V(r->english, avail_no_figures), year);
	if (html)
		html_answer(r, out, msg, near, n_near, edition, year, eds, n_eds);
	else
		json_answer(out, msg, near, n_near, eds, n_eds);
	free(msg);
	free(eds);
	return -404;
}
