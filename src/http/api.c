/* api.c - JSON under /api/v1/: the same documents as the CLI's json format. */
#include "http.h"
#include "../engine/labour.h"
#include "../engine/chain.h"
#include "../base/vocab.h"
#include "../render/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>



int api_index(http_ctx *c, http_req *r, http_resp *out)
{
	(void)c;
	buf *b = &out->body;
	out->type = "text/html; charset=utf-8";
	int en = r->english;
	buf_printf(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>ladder API v1</title>"
		      "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main>\n<h1>ladder API v1</h1>\n<p>",
		   en ? "en" : "nl");
	/* the page is the documentation: it points to no file of the repository */
	buf_adds(b, V(en, api_index_intro));
	buf_printf(b, "</p>\n<p><a href=\"/api/v1/?lang=%s\" hreflang=\"%s\">%s</a></p>\n", en ? "nl" : "en", en ? "nl" : "en",
		   V(en, api_index_other_language));
	buf_printf(b, "<table class=\"api\"><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>\n", V(en, api_index_path),
		   V(en, api_index_what));
	for (int i = 0; i < http_n_routes; i++) {
		if (strncmp(http_routes[i].path, "/api/v1/", 8) != 0)
			continue;
		buf_adds(b, "<tr><td><code>");
		http_html(b, http_routes[i].path);
		buf_adds(b, "</code></td><td>");
		http_html(b, en ? http_routes[i].doc_en : http_routes[i].doc_nl);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table>\n</main></body></html>\n");
	return 200;
}

/* One area of /api/v1/areas: code, names, level, parent, lifetime and,
 * for an old name, what became of it. */
static void area_json(buf *b, http_req *r, const model *m, int i)
{
	const model_area *a = &m->areas[i];
	buf_adds(b, "{\"code\": ");
	rnd_json_string(b, a->code);
	buf_adds(b, ", \"name\": ");
	rnd_json_string(b, model_area_name(a, r->english));
	buf_printf(b, ", \"level\": \"%s\", \"level_name\": \"%s\", \"parent\": ", model_level_name(a->level, 1),
		   model_level_name(a->level, r->english));
	if (a->parent >= 0)
		rnd_json_string(b, m->areas[a->parent].code);
	else
		buf_adds(b, "null");
	const char *life[][2] = {{"valid_from", a->valid_from}, {"valid_to", a->valid_to}};
	for (int k = 0; k < 2; k++) {
		buf_printf(b, ", \"%s\": ", life[k][0]);
		if (life[k][1] && *life[k][1])
			rnd_json_string(b, life[k][1]);
		else
			buf_adds(b, "null");
	}
	int succ;
	const char *history = http_area_history(r, m, i, &succ);
	if (history) {
		buf_adds(b, ", \"note\": ");
		rnd_json_string(b, history);
	}
	if (succ >= 0) {
		const model_area *t = &m->areas[succ];
		buf_adds(b, ", \"successor\": {\"code\": ");
		rnd_json_string(b, t->code);
		buf_adds(b, ", \"name\": ");
		rnd_json_string(b, model_area_name(t, r->english));
		buf_printf(b, ", \"level_name\": \"%s\", \"valid_from\": ", model_level_name(t->level, r->english));
		rnd_json_string(b, t->valid_from);
		buf_adds(b, "}");
	}
	buf_adds(b, "}");
}

int api_areas(http_ctx *c, http_req *r, http_resp *out)
{
	const char *q = url_param_get(&r->url, "q"), *level = url_param_get(&r->url, "level"),
		   *parent = url_param_get(&r->url, "parent");
	enum model_level lv = LEVEL_REGION;
	if (level && model_level_parse(level, &lv) < 0)
		return http_json_error(out, 400, "%s", V(r->english, api_bad_level));
	int year; /* the map: year=, geography=, else the latest year's */
	if (http_param_year(c, r, out, 0, "year", &year) < 0)
		return out->status;
	int pi = -1;
	lerr e;
	if (parent && (pi = model_find_area_msg(c->m, parent, r->english, &e)) < 0)
		return http_json_error(out, 404, "parent: %s", e.msg);
	buf *b = &out->body;
	buf_adds(b, "[");
	int n = 0, search = q && *q;
	/* a list: the areas of the map; a search: also the old names, after
	 * the areas of the map, those whose code or name starts with q first */
	for (int pass = 4; pass >= (search ? 1 : 4); pass--)
		for (int i = 0; i < c->m->n_areas; i++) {
			const model_area *a = &c->m->areas[i];
			if ((level && a->level != lv) || (parent && a->parent != pi))
				continue;
			if (http_area_on_map(c->m, i) != (pass % 2 == 0))
				continue;
			if (search && model_area_match(a, q) != (pass + 1) / 2)
				continue;
			buf_adds(b, n++ ? ",\n " : "\n ");
			area_json(b, r, c->m, i);
		}
	buf_adds(b, n ? "\n]\n" : "]\n");
	return 200;
}

int api_work_forms(http_ctx *c, http_req *r, http_resp *out)
{
	buf *b = &out->body;
	buf_adds(b, "[");
	int n = 0;
	for (int i = 0; i < c->m->n_nodes; i++) {
		const model_node *x = &c->m->nodes[i];
		if (x->kind != KIND_FORM)
			continue;
		buf_adds(b, n++ ? ",\n {\"code\": " : "\n {\"code\": ");
		rnd_json_string(b, x->code);
		buf_adds(b, ", \"name\": ");
		rnd_json_string(b, model_node_name(x, r->english));
		buf_adds(b, ", \"abbr\": ");
		rnd_json_string(b, x->abbr);
		buf_printf(b, ", \"rung\": %d, \"subcategory\": ", x->rung);
		if (*x->subcategory)
			rnd_json_string(b, x->subcategory);
		else
			buf_adds(b, "null");
		const char *fields[][2] = {{"valid_from", x->valid_from}, {"valid_to", x->valid_to}};
		for (int k = 0; k < 2; k++) {
			buf_printf(b, ", \"%s\": ", fields[k][0]);
			if (*fields[k][1])
				rnd_json_string(b, fields[k][1]);
			else
				buf_adds(b, "null");
		}
		buf_adds(b, ", \"successors\": [");
		char list[512];
		snprintf(list, sizeof list, "%s", x->successors);
		char *save = NULL;
		int k = 0;
		for (char *tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			if (k++)
				buf_adds(b, ", ");
			rnd_json_string(b, tok);
		}
		buf_printf(b, "], \"in_headline\": %s, \"source\": ", x->in_headline ? "true" : "false");
		rnd_json_string(b, x->source);
		buf_adds(b, ", \"counting_rule\": ");
		rnd_json_string(b, x->counting_rule);
		buf_printf(b, ", \"unit\": \"%s\", \"programme\": ", model_form_unit_code(x->unit));
		if (*x->programme)
			rnd_json_string(b, x->programme);
		else
			buf_adds(b, "null");
		buf_adds(b, "}");
	}
	buf_adds(b, n ? "\n]\n" : "]\n");
	return 200;
}

static void json_years(buf *b, const int *years, int n)
{
	buf_adds(b, "[");
	for (int i = 0; i < n; i++)
		buf_printf(b, "%s%d", i ? "," : "", years[i]);
	buf_adds(b, "]");
}

typedef struct edition_json {
	buf *b;
	int n;
} edition_json;

static void edition_json_row(void *p, const store_edition_info *e)
{
	edition_json *j = p;
	buf_adds(j->b, j->n++ ? ",\n {\"edition\": " : "\n {\"edition\": ");
	rnd_json_string(j->b, e->code);
	buf_adds(j->b, ", \"figure_years\": ");
	json_years(j->b, e->figure_years, e->n_figure_years);
	buf_adds(j->b, ", \"context_years\": ");
	json_years(j->b, e->context_years, e->n_context_years);
	buf_adds(j->b, ", ");
	rnd_edition_meta_json(j->b, e->meta);
	buf_adds(j->b, "}");
}

int api_editions(http_ctx *c, http_req *r, http_resp *out)
{
	(void)r;
	lerr e;
	buf *b = &out->body;
	buf_adds(b, "[");
	edition_json j = {b, 0};
	if (store_edition_list(c->s, 0, edition_json_row, &j, &e) < 0)
		return http_json_error(out, 500, "%s", e.msg);
	buf_adds(b, j.n ? "\n]\n" : "]\n");
	return 200;
}

/* area + year (default: the latest year) + edition, or an error response. */
static int area_year(http_ctx *c, http_req *r, http_resp *out, int *area, int *year, const char **edition)
{
	if (http_param_area(c, r, out, 0, area) < 0 || http_param_year(c, r, out, 0, "year", year) < 0 ||
	    http_param_edition(c, r, out, 0, edition) < 0)
		return -1;
	if (!*year && http_latest_year(c, r, out, 0, year) < 0)
		return -1;
	return http_require_data(c, r, out, 0, "figure", *year, *edition);
}

int api_ladder(http_ctx *c, http_req *r, http_resp *out)
{
	int area, year;
	const char *edition;
	if (area_year(c, r, out, &area, &year, &edition) < 0)
		return out->status;
	const char *format = url_param_get(&r->url, "format");
	rnd_opts o = {RND_JSON, r->english, 0};
	if (format && strcmp(format, "json") != 0) {
		/* sheet: the same as a spreadsheet opens it (Belgian unless lang=en) */
		int sheet = strcmp(format, "sheet") == 0;
		if (strcmp(format, "csv") != 0 && !sheet)
			return http_json_error(out, 400, "%s", V(r->english, api_bad_format_sheet));
		o.format = sheet ? RND_SHEET : RND_CSV;
		out->type = "text/csv; charset=utf-8";
		out->download = arena_printf(&r->mem, "ladder-%s-%d%s.csv", c->m->areas[area].code, year,
					     sheet ? (r->english ? "-sheet" : "-excel") : "");
	}
	lerr e;
	calc_ladder *l = calc_ladder_new(c->s, c->m, area, year, edition, &e);
	if (!l)
		return http_json_error(out, 500, "%s", e.msg);
	rnd_ladder_render(&out->body, l, &o);
	calc_ladder_free(l);
	return 200;
}

static void jv(buf *b, calc_value v)
{
	if (v.known)
		rnd_plain(b, v.v);
	else
		buf_adds(b, "null");
}

/* Years with figures, ascending, within [from, to] (0 = open). */
static int years_with_figures(http_ctx *c, int from, int to, int *years, int cap)
{
	int *all, n_all, n = 0;
	lerr e;
	if (store_years(c->s, "figure", NULL, &all, &n_all, &e) < 0)
		return 0;
	for (int i = 0; i < n_all && n < cap; i++)
		if ((!from || all[i] >= from) && (!to || all[i] <= to))
			years[n++] = all[i];
	free(all);
	return n;
}

/* /api/v1/series?form=CODE[&chain=1][&format=jsonstat]: one work form's
 * series, through its lineage with chain, with its series breaks. */
static int form_series(http_ctx *c, http_req *r, http_resp *out, int area, int from, int to, const char *edition,
		       const char *form)
{
	int node = model_node_index(c->m, form);
	if (node < 0 || c->m->nodes[node].kind != KIND_FORM)
		return http_json_error(out, 404, V(r->english, series_unknown_form), form);
	const char *chain = url_param_get(&r->url, "chain"), *format = url_param_get(&r->url, "format");
	int chained = chain && strcmp(chain, "0") != 0 && strcmp(chain, "false") != 0;
	if (format && strcmp(format, "json") != 0 && strcmp(format, "jsonstat") != 0)
		return http_json_error(out, 400, "%s", V(r->english, api_bad_format_series));
	lerr e;
	chain_series *cs = chain_series_new(c->s, c->m, area, node, from, to, edition, chained, &e);
	if (!cs)
		return http_json_error(out, 500, "%s", e.msg);
	rnd_opts o = {RND_JSON, r->english, 0};
	if (format && strcmp(format, "jsonstat") == 0)
		rnd_chain_jsonstat(&out->body, cs, r->english);
	else
		rnd_chain_render(&out->body, cs, &o);
	chain_series_free(cs);
	return 200;
}

int api_series(http_ctx *c, http_req *r, http_resp *out)
{
	int area, from, to;
	const char *edition;
	if (http_param_area(c, r, out, 0, &area) < 0 || http_param_year(c, r, out, 0, "from", &from) < 0 ||
	    http_param_year(c, r, out, 0, "to", &to) < 0 || http_param_edition(c, r, out, 0, &edition) < 0)
		return out->status;
	const char *form = url_param_get(&r->url, "form");
	if (form)
		return form_series(c, r, out, area, from, to, edition, form);
	int years[128];
	int n = years_with_figures(c, from, to, years, 128);
	buf *b = &out->body;
	buf_adds(b, "{\"area\": {\"code\": ");
	rnd_json_string(b, c->m->areas[area].code);
	buf_adds(b, ", \"name\": ");
	rnd_json_string(b, model_area_name(&c->m->areas[area], r->english));
	buf_printf(b, "}, \"geography\": %d, \"series\": [", model_map_label_year(c->m));
	for (int i = 0; i < n; i++) {
		lerr e;
		calc_ladder *l = calc_ladder_new(c->s, c->m, area, years[i], edition, &e);
		if (!l)
			return http_json_error(out, 500, "%s", e.msg);
		buf_printf(b, "%s\n  {\"year\": %d, \"edition\": ", i ? "," : "", years[i]);
		rnd_json_string(b, l->edition_code);
		buf_adds(b, ", \"total\": ");
		jv(b, l->total);
		for (int k = 5; k >= 3; k--) {
			buf_printf(b, ", \"rung%d\": ", k);
			jv(b, l->rung[k]);
		}
		buf_adds(b, ", \"rung6\": ");
		jv(b, l->rung[6]);
		buf_adds(b, ", \"wage_employees\": ");
		jv(b, l->wage_employees);
		buf_printf(b, ", \"flags\": \"%s\"}", rnd_flag_word(l->flags));
		calc_ladder_free(l);
	}
	buf_adds(b, n ? "\n]}\n" : "]}\n");
	return 200;
}

static void subarea_json(buf *b, const calc_ladder *l, int english, int first)
{
	const model_area *a = &l->m->areas[l->area];
	buf_adds(b, first ? "\n  {\"code\": " : ",\n  {\"code\": ");
	rnd_json_string(b, a->code);
	buf_adds(b, ", \"name\": ");
	rnd_json_string(b, model_area_name(a, english));
	buf_adds(b, ", \"total\": ");
	jv(b, l->total);
	buf_adds(b, ", \"rungs\": [");
	for (int k = 5; k >= 3; k--) {
		buf_printf(b, "%s{\"rung\": %d, \"persons\": ", k == 5 ? "" : ", ", k);
		jv(b, l->rung[k]);
		buf_adds(b, ", \"share\": ");
		jv(b, l->rung_share[k]);
		buf_adds(b, "}");
	}
	buf_printf(b, "], \"flags\": \"%s\"}", rnd_flag_word(l->flags));
}

int api_subareas(http_ctx *c, http_req *r, http_resp *out)
{
	int area, year;
	const char *edition;
	if (area_year(c, r, out, &area, &year, &edition) < 0)
		return out->status;
	const model_area *a = &c->m->areas[area];
	buf *b = &out->body;
	buf_printf(b, "{\"year\": %d, \"areas\": [", year);
	int list[1024], n = 0;
	list[n++] = area;
	for (int i = 0; i < a->n_children && n < 1023; i++)
		list[n++] = a->children[i];
	for (int i = 0; i < n; i++) {
		lerr e;
		calc_ladder *l = calc_ladder_new(c->s, c->m, list[i], year, edition, &e);
		if (!l)
			return http_json_error(out, 500, "%s", e.msg);
		subarea_json(b, l, r->english, i == 0);
		calc_ladder_free(l);
	}
	buf_adds(b, "\n]}\n");
	return 200;
}

int api_context(http_ctx *c, http_req *r, http_resp *out)
{
	int area, year, from, to;
	const char *edition;
	if (http_param_area(c, r, out, 0, &area) < 0 || http_param_year(c, r, out, 0, "year", &year) < 0 ||
	    http_param_year(c, r, out, 0, "from", &from) < 0 || http_param_year(c, r, out, 0, "to", &to) < 0 ||
	    http_param_edition(c, r, out, 0, &edition) < 0)
		return out->status;
	rnd_opts o = {RND_JSON, r->english, 0};
	lerr e;
	if (from || to) {
		if (!from || !to || from > to || to - from > 100)
			return http_json_error(out, 400, "%s", V(r->english, api_bad_range));
		labour_series *s = labour_series_new(c->s, c->m, area, from, to, edition, &e);
		if (!s)
			return http_json_error(out, 500, "%s", e.msg);
		rnd_series_render(&out->body, s, &o);
		labour_series_free(s);
		return 200;
	}
	if (!year && http_latest_year(c, r, out, 0, &year) < 0)
		return out->status;
	if (http_require_data(c, r, out, 0, "context", year, edition) < 0)
		return out->status;
	labour_view *v = labour_view_new(c->s, c->m, area, year, edition, &e);
	if (!v)
		return http_json_error(out, 500, "%s", e.msg);
	rnd_labour_render(&out->body, v, &o);
	labour_view_free(v);
	return 200;
}

int api_checks(http_ctx *c, http_req *r, http_resp *out)
{
	check_options o;
	check_options_default(&o);
	if (url_param_get(&r->url, "area") && http_param_area(c, r, out, 0, &o.area) < 0)
		return out->status;
	if (http_param_year(c, r, out, 0, "year", &o.year) < 0)
		return out->status;
	lerr e;
	check_report *rep = check_run(c->s, c->m, &o, &e);
	if (!rep)
		return http_json_error(out, 500, "%s", e.msg);
	if (check_redact(rep, c->s, c->m, o.edition, &e) < 0) {
		check_report_free(rep);
		return http_json_error(out, 500, "%s", e.msg);
	}
	rnd_opts ro = {RND_JSON, r->english, 0};
	rnd_check_render(&out->body, rep, c->m, &ro);
	check_report_free(rep);
	return 200;
}

/* JSON-stat 2.0: persons by edition, year, area (the area and its
 * sub-areas) and node (the headline, the rungs and every work form of
 * rungs 3 to 5): the dataset `ladder export jsonstat` writes for the same
 * slice, with its roles, hierarchy, units and status. */
int api_jsonstat(http_ctx *c, http_req *r, http_resp *out)
{
	int area, from, to;
	const char *edition;
	if (http_param_area(c, r, out, 0, &area) < 0 || http_param_year(c, r, out, 0, "from", &from) < 0 ||
	    http_param_year(c, r, out, 0, "to", &to) < 0 || http_param_edition(c, r, out, 0, &edition) < 0)
		return out->status;
	const model *m = c->m;
	const model_area *a = &m->areas[area];
	int areas[1024], na = 0;
	areas[na++] = area;
	for (int i = 0; i < a->n_children && na < 1024; i++)
		areas[na++] = a->children[i];
	int nodes[1024], nn = 0;
	nodes[nn++] = m->headline;
	for (int k = 5; k >= 3; k--)
		nodes[nn++] = m->rung_node[k];
	for (int i = 0; i < m->n_nodes && nn < 1024; i++)
		if (m->nodes[i].kind == KIND_FORM && m->nodes[i].rung >= 3 && m->nodes[i].rung <= 5)
			nodes[nn++] = i;
	exp_slice sl = {0};
	sl.areas = areas;
	sl.n_areas = na;
	sl.nodes = nodes;
	sl.n_nodes = nn;
	sl.year_from = from;
	sl.year_to = to;
	sl.editions = edition ? &edition : NULL;
	sl.n_editions = edition ? 1 : 0;
	sl.english = r->english;
	lerr e;
	exp_data *d = exp_collect(c->s, m, &sl, &e);
	if (!d)
		return http_json_error(out, 500, "%s", e.msg);
	exp_jsonstat(&out->body, d);
	exp_free(d);
	out->type = "application/json; charset=utf-8";
	return 200;
}
