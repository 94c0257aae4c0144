/* pages.c - the dashboard: server-rendered HTML, one URL per view, usable
 * without JavaScript and by keyboard. Numbers in Belgian Dutch style (or
 * English with lang=en); flags as in every output. */
#include "http.h"
#include "../base/embed.h"
#include "../base/num.h"
#include "../base/vocab.h"
#include "../render/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A table wider than a phone scrolls in its box: the box takes the focus
 * (keyboard users scroll it with the arrows) and is named after the caption
 * it holds; followed by the label (%s) and its closing quote. */
#define SCROLL_A11Y "tabindex=\"0\" role=\"region\" aria-label=\"%s"


/* ------------------------------------------------------------ fragments */

static void value(buf *b, calc_value v, int percent, int en)
{
	if (v.flags & CALC_CONFIDENTIAL) {
		buf_adds(b, "x");
		return;
	}
	if (!v.known) {
		buf_adds(b, ".");
		return;
	}
	if (percent)
		rnd_percent(b, v.v, 1, en);
	else if (v.v == 0)
		buf_adds(b, "-");
	else
		rnd_count(b, v.v, en);
	rnd_flag_abbr(b, v.flags, en);
}

/* The map the request chose (geography=, checked by http_param_year), as
 * "&geography=2019" for links that keep it; "" when none. */
static const char *geography(http_req *r)
{
	const char *g = url_param_get(&r->url, "geography");
	long long y;
	if (!g || num_parse_option_int(g, 1977, 2100, &y) < 0)
		return "";
	return arena_printf(&r->mem, "&geography=%lld", y);
}

/* The query string for links that keep year, edition, map (or show
 * map_year's, when not 0) and language. */
static const char *keep_map(http_req *r, int year, const char *edition, int map_year)
{
	buf b = BUF_INIT;
	if (year)
		buf_printf(&b, "year=%d", year);
	if (edition)
		buf_printf(&b, "%sedition=%s", b.len ? "&amp;" : "", edition);
	if (map_year)
		buf_printf(&b, "%sgeography=%d", b.len ? "&amp;" : "", map_year);
	else if (*geography(r))
		buf_printf(&b, "%sgeography=%s", b.len ? "&amp;" : "", geography(r) + strlen("&geography="));
	if (r->english)
		buf_printf(&b, "%slang=en", b.len ? "&amp;" : "");
	char *s = arena_printf(&r->mem, "%s%s", b.len ? "?" : "", buf_cstr(&b));
	buf_release(&b);
	return s;
}

static const char *keep(http_req *r, int year, const char *edition)
{
	return keep_map(r, year, edition, 0);
}

void http_page_begin(buf *b, http_req *r, const char *title)
{
	buf_printf(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
		   r->english ? "en" : "nl");
	http_html(b, title);
	buf_adds(b, " - ladder</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>\n");
	buf_printf(b, "<a class=\"skip\" href=\"#main\">%s</a>\n", V(r->english, page_skip_to_content));
	/* the other language: same path and parameters, lang switched */
	buf other = BUF_INIT;
	buf_adds(&other, r->url.path ? r->url.path : "/"); /* NULL: refused before parsing */
	int n = 0;
	for (int i = 0; i < r->url.n_params; i++) {
		if (strcmp(r->url.params[i].name, "lang") == 0)
			continue;
		buf_printf(&other, "%s%s=", n++ ? "&" : "?", r->url.params[i].name);
		buf_adds(&other, r->url.params[i].value);
	}
	if (!r->english)
		buf_printf(&other, "%slang=en", n ? "&" : "?");
	buf_printf(b, "<header><a class=\"brand\" href=\"/%s\">ladder</a><nav aria-label=\"%s\"><a href=\"/%s\">%s</a>"
		      "<a href=\"/table%s\">%s</a><a href=\"/api/v1/\">API</a></nav><a href=\"",
		   r->english ? "?lang=en" : "", V(r->english, page_main_menu), r->english ? "?lang=en" : "",
		   V(r->english, page_choose_an_area), r->english ? "?lang=en" : "", V(r->english, page_own_table));
	http_html(b, other.ptr);
	buf_printf(b, "\" lang=\"%s\">%s</a></header>\n<main id=\"main\">\n", r->english ? "nl" : "en",
		   r->english ? "Nederlands" : "English");
	buf_release(&other);
}

void http_page_end(buf *b, unsigned flags, int en, int map_year)
{
	char *legend = rnd_flag_legend_map(flags, en, map_year);
	if (legend) {
		buf_printf(b, "<p class=\"note\">%s: ", V(en, annex_symbols));
		http_html(b, legend);
		buf_adds(b, "</p>\n");
		free(legend);
	}
	buf_adds(b, "</main><script src=\"/static/app.js\"></script></body></html>\n");
}

static void area_link(buf *b, http_req *r, const model_area *a, const char *q)
{
	buf_adds(b, "<a href=\"/area/");
	http_html(b, a->code);
	buf_adds(b, q);
	buf_adds(b, "\">");
	http_html(b, model_area_name(a, r->english));
	buf_adds(b, "</a>");
}

/* The years with figures, latest first, in *n. A store that cannot say is
 * a 500 page (as http_latest_year), never a page without years: returns
 * -status then. */
static int years_list(http_ctx *c, http_req *r, http_resp *out, int *years, int cap, int *n)
{
	int *all, n_all;
	lerr e;
	*n = 0;
	if (store_years(c->s, "figure", NULL, &all, &n_all, &e) < 0)
		return -http_html_error(r, out, 500, V(r->english, server_years_unreadable), e.msg);
	for (int i = n_all - 1; i >= 0 && *n < cap; i--) /* latest first */
		years[(*n)++] = all[i];
	free(all);
	return 0;
}

/* Year and edition pickers inside a GET form. They offer only what holds
 * figures: the years of the chosen edition (of any edition when none is
 * chosen), latest first, and the editions holding the chosen year; for an
 * area (else -1) on the maps of their own years, only the years it is on. */
static int pickers(buf *b, http_ctx *c, http_req *r, int area, int year, const char *edition, lerr *e)
{
	int *years = NULL, n = 0;
	if (store_years(c->s, "figure", edition, &years, &n, e) < 0)
		return LERR_DB;
	int own_maps = area >= 0 && !*geography(r);
	buf_printf(b, "<label>%s<select name=\"year\">", V(r->english, page_year));
	for (int i = n - 1; i >= 0; i--)
		if (!own_maps || years[i] == year || model_area_valid_in_year(&c->m->areas[area], years[i]))
			buf_printf(b, "<option%s>%d</option>", years[i] == year ? " selected" : "", years[i]);
	free(years);
	buf_printf(b, "</select></label><label>%s<select name=\"edition\"><option value=\"\">%s</option>", V(r->english, page_edition),
		   V(r->english, page_latest));
	store_edition_ref *eds;
	int n_eds;
	if (store_year_editions(c->s, "figure", year, &eds, &n_eds, e) < 0)
		return LERR_DB;
	for (int i = n_eds - 1; i >= 0; i--) { /* latest first */
		const char *code = eds[i].code;
		/* what its title page says, as the option's tooltip (the picker
		 * stays narrow): "10e editie, TITLE, data 2017, ..." */
		store_edition_meta meta;
		buf about = BUF_INIT;
		if (store_edition_meta_of(c->s, eds[i].id, &meta, e) < 0) {
			free(eds);
			return LERR_DB;
		}
		rnd_edition_about(&about, &meta, r->english);
		buf_printf(b, "<option%s", edition && strcmp(edition, code) == 0 ? " selected" : "");
		if (about.len) {
			buf_adds(b, " title=\"");
			http_html(b, about.ptr);
			buf_addc(b, '"');
		}
		buf_addc(b, '>');
		buf_release(&about);
		http_html(b, code);
		buf_adds(b, "</option>");
	}
	free(eds);
	buf_adds(b, "</select></label>");
	if (*geography(r))
		buf_printf(b, "<input type=\"hidden\" name=\"geography\" value=\"%s\">", geography(r) + strlen("&geography="));
	if (r->english)
		buf_adds(b, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
	return 0;
}

/* ------------------------------------------------------- area history */

int http_area_on_map(const model *m, int area)
{
	const model_area *a = &m->areas[area];
	return a->level == LEVEL_GROUPING || model_area_valid_in_year(a, m->map_year);
}

const char *http_area_history(http_req *r, const model *m, int area, int *successor)
{
	const model_area *a = &m->areas[area];
	const model_succession *s = model_area_successor(m, area);
	*successor = s ? s->to : -1;
	if (s) {
		const model_area *t = &m->areas[s->to];
		/* Deinze 44011 became part of Deinze 44083: the code tells them apart */
		const char *name = strcmp(model_area_name(t, r->english), model_area_name(a, r->english)) == 0
					   ? arena_printf(&r->mem, "%s %s", model_area_name(t, r->english), t->code)
					   : model_area_name(t, r->english);
		return arena_printf(&r->mem, V(r->english, search_part_of_since), name, atoi(s->effective));
	}
	if (!http_area_on_map(m, area) && m->map_year && atoi(a->valid_from) > m->map_year)
		return arena_printf(&r->mem, V(r->english, search_exists_since), atoi(a->valid_from));
	return NULL;
}

/* A search result: the area's link, its level and code, and what became
 * of it with a link to its successor (on the successor's first map when
 * the year's map is older: its figures summed over the merged ones). */
static void found_item(buf *b, http_req *r, const model *m, int area, int year, const char *edition)
{
	const model_area *a = &m->areas[area];
	int succ;
	const char *history = http_area_history(r, m, area, &succ), *kq = keep(r, year, edition);
	int later = !http_area_on_map(m, area) && m->map_year && atoi(a->valid_from) > m->map_year; /* on its first map */
	int ended = !http_area_on_map(m, area) && *a->valid_to && atoi(a->valid_to) < m->map_year; /* its last year */
	buf_adds(b, "<li>");
	area_link(b, r, a, later ? keep_map(r, year, edition, atoi(a->valid_from)) : ended ? keep(r, 0, edition) : kq);
	buf_printf(b, " <span class=\"note\">(%s %s", model_level_name(a->level, r->english), a->code);
	if (history) {
		buf_adds(b, "; ");
		http_html(b, history);
		if (succ >= 0) {
			buf_adds(b, ": ");
			const model_area *t = &m->areas[succ];
			int since = atoi(t->valid_from);
			area_link(b, r, t, model_area_valid_in_year(t, m->map_year) ? kq : keep_map(r, year, edition, since));
		}
	}
	buf_adds(b, ")</span></li>");
}

/* The municipalities of the page's map under their arrondissements, a
 * province a closed list: the map of the chosen year (308 in 2017, 300 in
 * 2019, 285 in 2025), each under its parent of that year. */
static void municipalities(buf *b, http_req *r, const model *m, const model_area *region, const char *kq)
{
	int n = 0;
	for (int i = 0; i < m->n_areas; i++)
		n += m->areas[i].level == LEVEL_MUNICIPALITY && model_area_valid_in_year(&m->areas[i], m->map_year);
	if (!n)
		return;
	buf count = BUF_INIT;
	rnd_count(&count, n, r->english);
	buf_adds(b, "<h2>");
	buf_printf(b, V(r->english, page_municipalities_of), count.ptr, model_map_label_year(m));
	buf_adds(b, "</h2>\n");
	buf_release(&count);
	for (int k = 0; k < region->n_children; k++) {
		const model_area *p = &m->areas[region->children[k]];
		buf_adds(b, "<details><summary>");
		http_html(b, model_area_name(p, r->english));
		buf_adds(b, "</summary><ul class=\"tree\">");
		for (int j = 0; j < p->n_children; j++) {
			const model_area *ar = &m->areas[p->children[j]];
			buf_adds(b, "<li>");
			area_link(b, r, ar, kq);
			buf_adds(b, "<ul>");
			for (int i = 0; i < ar->n_children; i++) {
				buf_adds(b, "<li>");
				area_link(b, r, &m->areas[ar->children[i]], kq);
				buf_adds(b, "</li>");
			}
			buf_adds(b, "</ul></li>");
		}
		buf_adds(b, "</ul></details>\n");
	}
}

/* ---------------------------------------------------------------- home */

/* One row of the home page's figures: the area's ladder of the year, as
 * its page shows it (protected, flagged); the flags it used into *flags. */
static int home_row(buf *b, http_ctx *c, http_req *r, int area, int year, const char *edition, const char *kq,
		    unsigned *flags, int *known, lerr *e)
{
	calc_ladder *l = calc_ladder_new(c->s, c->m, area, year, edition, e);
	if (!l)
		return -1;
	int en = r->english;
	buf_adds(b, "<tr><th scope=\"row\">");
	area_link(b, r, &c->m->areas[area], kq);
	buf_adds(b, "</th>");
	calc_value cells[] = {l->total, l->rung[5], l->rung[4], l->rung[3]};
	*known |= l->total.known;
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		buf_adds(b, "<td class=\"n\">");
		value(b, cells[i], 0, en);
		buf_adds(b, "</td>");
		*flags |= cells[i].flags;
	}
	buf_adds(b, "<td class=\"n\">");
	if (l->change_abs.known && l->change_pct.known && !((l->change_abs.flags | l->change_pct.flags) & CALC_CONFIDENTIAL)) {
		rnd_change(b, l->change_abs.v, l->change_pct.v, en);
		rnd_flag_abbr(b, l->change_abs.flags, en);
		*flags |= l->change_abs.flags;
	} else {
		value(b, l->change_abs, 0, en);
	}
	buf_adds(b, "</td></tr>\n");
	calc_ladder_free(l);
	return 0;
}

/* The home page's figures: the ladder of the Flemish Region and of each
 * province in the chosen year, so that a reader sees numbers before
 * choosing an area. Nothing when the year has no figures. */
static int home_figures(buf *b, http_ctx *c, http_req *r, int year, const char *edition, const char *kq, unsigned *flags,
			lerr *e)
{
	const model *m = c->m;
	int en = r->english;
	for (int i = 0; i < m->n_areas; i++) {
		const model_area *a = &m->areas[i];
		if (a->level != LEVEL_REGION)
			continue;
		buf row = BUF_INIT;
		unsigned f = 0;
		int known = 0;
		int rc = home_row(&row, c, r, i, year, edition, kq, &f, &known, e);
		for (int k = 0; rc == 0 && k < a->n_children; k++)
			rc = home_row(&row, c, r, a->children[k], year, edition, kq, &f, &known, e);
		if (rc == 0 && known) {
			buf_printf(b, "<h2>%s</h2>\n<div class=\"scroll\"><table><thead><tr><th scope=\"col\">%s</th>"
				      "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
				      "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
				      "<th scope=\"col\" class=\"n\">",
				   arena_printf(&r->mem, V(en, page_the_ladder_in), year), V(en, annex_area),
				   V(en, col_total_3_5), V(en, page_col_rung5), V(en, page_col_rung4), V(en, page_col_rung3));
			buf_printf(b, V(en, table_change_on), year - 1);
			buf_adds(b, "</th></tr></thead><tbody>\n");
			buf_add(b, row.ptr, row.len);
			buf_adds(b, "</tbody></table></div>\n");
			*flags |= f;
		}
		buf_release(&row);
		if (rc < 0)
			return -1;
	}
	return 0;
}


int page_home(http_ctx *c, http_req *r, http_resp *out)
{
	out->type = "text/html; charset=utf-8";
	buf *b = &out->body;
	const char *q = url_param_get(&r->url, "q");
	int year;
	const char *edition;
	if (http_param_year(c, r, out, 1, "year", &year) < 0 || http_param_edition(c, r, out, 1, &edition) < 0)
		return out->status;
	if (!year && http_latest_year(c, r, out, 1, &year) < 0)
		return out->status;
	http_page_begin(b, r, V(r->english, page_participation_ladder));
	buf_printf(b, "<h1>%s</h1>\n<p class=\"sub\">%s</p>\n", V(r->english, page_participation_ladder),
		   V(r->english, page_employment_and_participation_of));
	buf_printf(b, "<form class=\"pick\" method=\"get\" action=\"/\" role=\"search\"><label for=\"q\">%s"
		      "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" value=\"",
		   V(r->english, page_area_name_or_nis_code));
	if (q)
		http_html(b, q);
	buf_adds(b, "\" aria-describedby=\"qhelp\"></label>");
	lerr e;
	if (pickers(b, c, r, -1, year, edition, &e) < 0)
		return http_html_error(r, out, 500, "%s", e.msg);
	buf_printf(b, "<button type=\"submit\">%s</button></form>\n<p id=\"qhelp\" class=\"note\">%s</p>\n<ul id=\"suggest\" aria-live=\"polite\"></ul>\n",
		   V(r->english, page_search), V(r->english, page_for_instance_brugge_31005_or));
	const char *kq = keep(r, year, edition);
	if (q && *q) {
		buf_printf(b, "<h2>%s</h2>\n<ul>", V(r->english, page_areas_found));
		int n = 0;
		/* starts with q first, then holds it; the areas of the year's map
		 * before those of other years (old names: what became of them) */
		for (int pass = 4; pass >= 1; pass--)
			for (int i = 0; i < c->m->n_areas && n < 200; i++) {
				if (model_area_match(&c->m->areas[i], q) != (pass + 1) / 2 ||
				    http_area_on_map(c->m, i) != (pass % 2 == 0))
					continue;
				found_item(b, r, c->m, i, year, edition);
				n++;
			}
		if (!n)
			buf_printf(b, "<li>%s</li>", V(r->english, page_no_area_found));
		buf_adds(b, "</ul>\n");
	}
	unsigned flags = 0;
	if (home_figures(b, c, r, year, edition, kq, &flags, &e) < 0)
		return http_html_error(r, out, 500, "%s", e.msg);
	buf_printf(b, "<h2>%s</h2>\n", V(r->english, page_flanders_and_its_provinces));
	for (int i = 0; i < c->m->n_areas; i++) {
		const model_area *a = &c->m->areas[i];
		if (a->level != LEVEL_REGION)
			continue;
		buf_adds(b, "<p>");
		area_link(b, r, a, kq);
		buf_adds(b, "</p><ul class=\"tree\">");
		for (int k = 0; k < a->n_children; k++) {
			const model_area *p = &c->m->areas[a->children[k]];
			buf_adds(b, "<li>");
			area_link(b, r, p, kq);
			buf_adds(b, "<ul>");
			for (int j = 0; j < p->n_children; j++) {
				buf_adds(b, "<li>");
				area_link(b, r, &c->m->areas[p->children[j]], kq);
				buf_adds(b, "</li>");
			}
			buf_adds(b, "</ul></li>");
		}
		buf_adds(b, "</ul>\n");
		municipalities(b, r, c->m, a, kq);
	}
	int groups = 0;
	for (int i = 0; i < c->m->n_areas; i++) {
		const model_area *a = &c->m->areas[i];
		if (a->level != LEVEL_GROUPING)
			continue;
		if (!groups++)
			buf_printf(b, "<h2>%s</h2>\n<ul class=\"tree\">", V(r->english, page_regions));
		buf_adds(b, "<li>");
		area_link(b, r, a, kq);
		buf_adds(b, "</li>");
	}
	if (groups)
		buf_adds(b, "</ul>\n");
	http_page_end(b, flags, r->english, 0);
	return 200;
}

/* ---------------------------------------------------------------- area */

static void rung_page(http_ctx *c, http_req *r, http_resp *out, int area, int rung, int year, const char *edition,
		      calc_ladder *l)
{
	buf *b = &out->body;
	const model *m = c->m;
	const char *q = keep(r, year, edition);
	char *title = xasprintf("%s %d: %s - %s %d", V(r->english, report_rung_2), rung,
				r->english ? m->rungs[rung].name_en : m->rungs[rung].name_nl,
				model_area_name(&m->areas[area], r->english), year);
	http_page_begin(b, r, title);
	buf_adds(b, "<h1>");
	http_html(b, title);
	free(title);
	buf_printf(b, "</h1><p class=\"sub\"><a href=\"/area/%s%s\">%s</a></p>\n", m->areas[area].code, q,
		   V(r->english, page_back_to_the_ladder));
	buf_printf(b, "<div class=\"keys\"><div class=\"key\"><div class=\"v\">");
	value(b, l->rung[rung], 0, r->english);
	buf_printf(b, "</div><div class=\"l\">%s</div></div><div class=\"key\"><div class=\"v\">", V(r->english, report_persons));
	value(b, l->rung_share[rung], 1, r->english);
	buf_printf(b, "</div><div class=\"l\">%s</div></div></div>\n", rung == 6 ? V(r->english, page_of_wage_employees)
										 : V(r->english, page_of_the_total));
	buf_printf(b, "<div class=\"scroll\" " SCROLL_A11Y "\"><table><caption>%s</caption><thead><tr><th>%s</th><th>%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
		   V(r->english, report_work_forms), V(r->english, report_work_forms), V(r->english, annex_code), V(r->english, annex_work_form), V(r->english, page_persons));
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *n = &m->nodes[f->node];
		if (n->rung != rung)
			continue;
		buf_adds(b, "<tr><td>");
		if (f->not_specified) {
			buf_printf(b, "</td><td>%s", V(r->english, page_not_specified));
		} else {
			buf_printf(b, "<a href=\"/workform/%s?area=%s%s%s\">", n->code, m->areas[area].code,
				   r->english ? "&amp;lang=en" : "", edition ? "" : "");
			http_html(b, n->code);
			buf_adds(b, "</a></td><td>");
			http_html(b, model_node_name(n, r->english));
		}
		buf_adds(b, "</td><td class=\"n\">");
		value(b, f->persons, 0, r->english);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	http_page_end(b, l->flags, r->english, model_map_label_year(c->m));
}

/* Links of the area page: year, edition and language kept; a link to
 * another year (the evolution table) drops the edition. */
typedef struct page_links {
	http_req *r;
	int year;
	const char *edition;
	const char *code; /* the page's area */
	const char *map;  /* the map's measure, as the URL names it */
	const char *level; /* the map's level (rpt_map_level_key), NULL: municipalities */
} page_links;

static const char *page_href(void *ctx, const char *code, int rung, int year)
{
	page_links *k = ctx;
	http_req *r = k->r;
	buf b = BUF_INIT;
	buf_printf(&b, "/area/%s", code);
	if (rung)
		buf_printf(&b, "/rung/%d", rung);
	if (year)
		buf_printf(&b, "?year=%d%s%s", year, geography(r), r->english ? "&lang=en" : "");
	else
		buf_printf(&b, "?year=%d%s%s%s%s", k->year, k->edition ? "&edition=" : "", k->edition ? k->edition : "",
			   geography(r), r->english ? "&lang=en" : "");
	const char *s = arena_strdup(&r->mem, b.ptr);
	buf_release(&b);
	return s;
}

/* An old municipality: what it became and since when, with a link there
 * (same year and language). Off the page's map it follows the successions
 * to the area on the map (Zwijndrecht 11056 to 46030), keeping the map; on
 * it (Nevele in 2017) the link leads to its successor on the successor's
 * first map, where the year is the sum of the merged municipalities. */
static void became(buf *b, http_req *r, const model *m, int area, int year)
{
	const model_area *a = &m->areas[area];
	const model_succession *s = model_area_successor(m, area), *first = s;
	if (a->level == LEVEL_GROUPING || !s)
		return;
	const char *q;
	if (model_area_valid_in_year(a, m->map_year)) {
		q = keep_map(r, year, NULL, atoi(m->areas[s->to].valid_from));
	} else {
		for (int hops = 0; s && hops < 8 && !model_area_valid_in_year(&m->areas[s->to], m->map_year); hops++)
			s = model_area_successor(m, s->to);
		if (!s || !model_area_valid_in_year(&m->areas[s->to], m->map_year))
			return;
		q = keep(r, year, NULL);
	}
	const model_area *t = &m->areas[s->to];
	buf old = BUF_INIT, link = BUF_INIT;
	http_html(&old, model_area_name(a, r->english));
	buf_printf(&link, "<a href=\"/area/%s%s\">", t->code, q);
	http_html(&link, model_area_name(t, r->english));
	buf_printf(&link, " (%s)</a>", t->code);
	buf_adds(b, "<p class=\"note\">");
	buf_printf(b, V(r->english, page_became), old.ptr, a->code, link.ptr, first->effective);
	buf_adds(b, "</p>\n");
	buf_release(&old);
	buf_release(&link);
}

/* The latest year with figures whose own map holds area, or 0. */
static int last_year_on_own_map(http_ctx *c, http_req *r, http_resp *out, int area)
{
	int years[128], n;
	if (years_list(c, r, out, years, 128, &n) < 0)
		return -1;
	for (int i = 0; i < n; i++) /* latest first */
		if (model_area_valid_in_year(&c->m->areas[area], years[i]))
			return years[i];
	return 0;
}

/* An area not on the page's map (Nevele in 2020, Deinze 44083 in 2017):
 * asked without year= nor geography=, the page is of the latest year on
 * its own map (*year, the map set); else a 404 saying what became of it
 * or what it was made of, with links to its page on a map it is on.
 * Returns 0 to go on, or -status with out answered. */
static int off_map(http_ctx *c, http_req *r, http_resp *out, int area, int *year)
{
	const model *m = c->m;
	const model_area *a = &m->areas[area];
	const char *asked = url_param_get(&r->url, "year");
	int last = last_year_on_own_map(c, r, out, area);
	if (last < 0)
		return -out->status;
	if ((!asked || !*asked) && !*geography(r) && last) {
		*year = last;
		model_set_map(c->m, last);
		return 0;
	}
	buf why = BUF_INIT, more = BUF_INIT;
	model_area_off_map_reason(m, area, m->map_year, r->english, &why);
	char *msg = xasprintf(V(r->english, page_area_off_map), model_area_name(a, r->english), a->code, m->map_year,
			      why.ptr);
	became(&more, r, m, area, *year);
	int first = *a->valid_from ? atoi(a->valid_from) : 0;
	if (first > *year) /* a later area: the year on its first map */
		buf_printf(&more, "<p><a href=\"/area/%s?year=%d&amp;geography=%d%s\">", a->code, *year, first,
			   r->english ? "&amp;lang=en" : "");
	else if (last)
		buf_printf(&more, "<p><a href=\"/area/%s?year=%d%s\">", a->code, last, r->english ? "&amp;lang=en" : "");
	if (first > *year || last) {
		http_html(&more, model_area_name(a, r->english));
		if (first > *year)
			buf_printf(&more, V(r->english, page_year_on_map_of), *year, first);
		else
			buf_printf(&more, " %d", last);
		buf_adds(&more, "</a></p>\n");
	}
	http_error_page(r, out, 404, msg, more.ptr);
	free(msg);
	buf_release(&why);
	buf_release(&more);
	return -404;
}

/* A chart's download: the report's chart of the page's area and year. */
static const char *chart_href(void *ctx, const char *id, const char *ext)
{
	page_links *k = ctx;
	http_req *r = k->r;
	return arena_printf(&r->mem, "/download/chart/%s.%s?area=%s&year=%d%s%s%s&map=%s%s%s", id, ext, k->code, k->year,
			    k->edition ? "&edition=" : "", k->edition ? k->edition : "", r->english ? "&lang=en" : "", k->map,
			    k->level ? "&level=" : "", k->level ? k->level : "");
}

/* The page's map shaded by another measure or drawn at another level. */
static const char *map_href(void *ctx, const char *measure, const char *level)
{
	page_links *k = ctx;
	http_req *r = k->r;
	int municipalities = strcmp(level, rpt_map_level_key(RPT_MAP_MUNICIPALITIES)) == 0;
	return arena_printf(&r->mem, "/area/%s?year=%d%s%s%s&map=%s%s%s#map", k->code, k->year, k->edition ? "&edition=" : "",
			    k->edition ? k->edition : "", r->english ? "&lang=en" : "", measure,
			    municipalities ? "" : "&level=", municipalities ? "" : level);
}

int page_area(http_ctx *c, http_req *r, http_resp *out)
{
	out->type = "text/html; charset=utf-8";
	const url_target *u = &r->url;
	if (u->n_segments < 2)
		return http_html_error(r, out, 404, "%s", V(r->english, page_give_an_area_area_nis_code));
	const model *m = c->m;
	lerr e;
	int area = model_find_area_msg(m, u->segments[1], r->english, &e);
	if (area < 0)
		return http_html_error(r, out, e.code == LERR_AMBIGUOUS ? 400 : 404, "%s", e.msg);
	int rung = 0;
	if (u->n_segments == 4 && strcmp(u->segments[2], "rung") == 0) {
		/* one digit: /rung/05 is not a second address of the same page */
		long long n = 0;
		rung = strlen(u->segments[3]) != 1 || num_parse_option_int(u->segments[3], 3, 6, &n) < 0 ? 0 : (int)n;
		if (!rung)
			return http_html_error(r, out, 404, "%s", V(r->english, page_rungs_3_to_6_have_a_page));
	} else if (u->n_segments != 2) {
		return http_html_error(r, out, 404, "%s", V(r->english, page_no_such_page));
	}
	int year;
	const char *edition;
	if (http_param_year(c, r, out, 1, "year", &year) < 0 || http_param_edition(c, r, out, 1, &edition) < 0)
		return out->status;
	if (!year && http_latest_year(c, r, out, 1, &year) < 0)
		return out->status;
	if (http_require_data(c, r, out, 1, "figure", year, edition) < 0)
		return out->status;
	if (!model_area_valid_in_year(&m->areas[area], m->map_year) &&
	    (off_map(c, r, out, area, &year) < 0 || http_require_data(c, r, out, 1, "figure", year, edition) < 0))
		return out->status;
	int level;
	if (http_map_level(c, r, out, 1, area, &level) < 0)
		return out->status;
	calc_ladder *l = calc_ladder_new(c->s, m, area, year, edition, &e);
	if (!l)
		return http_html_error(r, out, 500, "%s", e.msg);
	if (rung) {
		rung_page(c, r, out, area, rung, year, edition, l);
		calc_ladder_free(l);
		return 200;
	}
	buf *b = &out->body;
	const model_area *a = &m->areas[area];
	char *title = xasprintf("%s %d", model_area_name(a, r->english), year);
	http_page_begin(b, r, title);
	free(title);
	buf_adds(b, "<h1>");
	http_html(b, model_area_name(a, r->english));
	/* "provincie · NIS-code 30000": the code named, not read as a number */
	buf_printf(b, "</h1><p class=\"sub\">%s &middot; %s %s &middot; %d &middot; %s %s</p>\n",
		   model_level_name(a->level, r->english), V(r->english, page_nis_code), a->code, year, V(r->english, page_edition_2), *l->edition_code ? l->edition_code : V(r->english, page_none));
	calc_ladder_free(l);
	became(b, r, m, area, year);
	buf_printf(b, "<form class=\"pick\" method=\"get\" action=\"/area/%s\" aria-label=\"%s\">", a->code,
		   V(r->english, page_year_and_edition));
	if (pickers(b, c, r, area, year, edition, &e) < 0)
		return http_html_error(r, out, 500, "%s", e.msg);
	buf_printf(b, "<button type=\"submit\">%s</button></form>\n", V(r->english, page_show));

	/* the page's sections: one document, as the report (src/render/report_page.c) */
	int years[128], ny;
	if (years_list(c, r, out, years, 128, &ny) < 0)
		return out->status;
	for (int i = 0; i < ny / 2; i++) { /* oldest first */
		int t = years[i];
		years[i] = years[ny - 1 - i];
		years[ny - 1 - i] = t;
	}
	const char *map = url_param_get(&r->url, "map");
	page_links links = {r, year, edition, a->code, http_map_measure(r) == RPT_MAP_RATE ? "rate" : map,
			    level ? rpt_map_level_key(level) : NULL};
	const char *ed = arena_printf(&r->mem, "%s%s%s", edition ? "&edition=" : "", edition ? edition : "", geography(r));
	const char *lang = r->english ? "&lang=en" : "";
	/* for people first (the report, a spreadsheet, the annex), then for machines */
	rpt_download dl[] = {
		{V(r->english, download_report_pdf),
		 arena_printf(&r->mem, "/download/report.pdf?area=%s&year=%d%s%s", a->code, year, ed, lang), 1},
		{V(r->english, download_report_html),
		 arena_printf(&r->mem, "/download/report.html?area=%s&year=%d%s%s", a->code, year, ed, lang), 1},
		{V(r->english, download_sheet_csv),
		 arena_printf(&r->mem, "/api/v1/ladder?area=%s&year=%d%s&format=sheet%s", a->code, year, ed, lang), 1},
		{V(r->english, download_annex_xlsx), arena_printf(&r->mem, "/download/annex.xlsx?year=%d%s", year, lang), 1},
		{V(r->english, download_area_table),
		 arena_printf(&r->mem, "/table?area=%s&within=%s&year=%d%s%s", a->code, a->code, year, ed, lang), 0},
		{V(r->english, download_open_data_csv),
		 arena_printf(&r->mem, "/api/v1/ladder?area=%s&year=%d%s&format=csv", a->code, year, ed), 1},
		{"JSON", arena_printf(&r->mem, "/api/v1/ladder?area=%s&year=%d%s", a->code, year, ed), 0},
		{"JSON-stat", arena_printf(&r->mem, "/api/v1/jsonstat?area=%s%s", a->code, ed), 0},
	};
	rpt_page_options po = {area, year, edition, r->english, years, ny, page_href, &links, dl, (int)(sizeof dl / sizeof dl[0]),
				chart_href, http_map_measure(r), map_href, level};
	rpt_doc *d = rpt_page_build(c->s, m, &po, &e);
	if (!d) {
		buf_reset(b);
		return http_html_error(r, out, 500, "%s", e.msg);
	}
	rpt_page_html(b, d);
	http_page_end(b, d->flags, r->english, model_map_label_year(c->m));
	rpt_free(d);
	return 200;
}

/* ------------------------------------------------------------ work form */

int page_workform(http_ctx *c, http_req *r, http_resp *out)
{
	out->type = "text/html; charset=utf-8";
	const model *m = c->m;
	if (r->url.n_segments != 2)
		return http_html_error(r, out, 404, "%s", V(r->english, page_give_a_work_form_workform_code));
	int n = model_node_index(m, r->url.segments[1]);
	if (n < 0)
		return http_html_error(r, out, 404, "%s", V(r->english, page_unknown_work_form));
	int area = m->flanders;
	if (url_param_get(&r->url, "area") && http_param_area(c, r, out, 1, &area) < 0)
		return out->status;
	const char *edition;
	if (http_param_edition(c, r, out, 1, &edition) < 0)
		return out->status;
	const model_node *x = &m->nodes[n];
	const model_area *a = &m->areas[area];
	buf *b = &out->body;
	char *title = xasprintf("%s - %s", model_node_name(x, r->english), model_area_name(a, r->english));
	http_page_begin(b, r, title);
	buf_adds(b, "<h1>");
	http_html(b, model_node_name(x, r->english));
	buf_printf(b, "</h1><p class=\"sub\">%s %d%s%s &middot; ", V(r->english, page_rung), x->rung, *x->subcategory ? " &middot; " : "",
		   x->subcategory);
	area_link(b, r, a, keep(r, 0, edition));
	buf_adds(b, "</p>\n<p class=\"note\">");
	if (*x->source) {
		buf_printf(b, "%s: ", V(r->english, annex_source));
		http_html(b, x->source);
		buf_adds(b, ". ");
	}
	if (*x->counting_rule) {
		buf_printf(b, "%s: ", V(r->english, annex_counting_rule));
		http_html(b, x->counting_rule);
		buf_adds(b, ". ");
	}
	if (x->kind == KIND_FORM)
		buf_printf(b, "%s: %s. ", V(r->english, col_unit), rnd_form_unit_name(x->unit, r->english));
	if (*x->programme) {
		buf_printf(b, "%s: ", V(r->english, col_programme));
		http_html(b, x->programme);
		buf_adds(b, ". ");
	}
	if (*x->valid_from || *x->valid_to)
		buf_printf(b, "%s %s %s %s. ", V(r->english, annex_valid_from), *x->valid_from ? x->valid_from : "...",
			   V(r->english, page_to), *x->valid_to ? x->valid_to : "...");
	if (*x->successors) {
		buf_printf(b, "%s: ", V(r->english, page_succeeded_by));
		http_html(b, x->successors);
	}
	buf_adds(b, "</p>\n");
	free(title);
	int years[128], ny;
	if (years_list(c, r, out, years, 128, &ny) < 0)
		return out->status;
	unsigned flags = 0;
	buf_printf(b, "<div class=\"scroll\" " SCROLL_A11Y "\"><table><caption>%s</caption><thead><tr><th>%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
		   V(r->english, report_evolution), V(r->english, report_evolution), V(r->english, page_year), V(r->english, page_persons));
	lerr e;
	for (int i = ny - 1; i >= 0; i--) {
		int ed;
		calc_grid *g = calc_edition_id(c->s, edition, years[i], &ed, &e) < 0 ? NULL
			       : calc_grid_load_protected(c->s, m, ed, years[i], &e);
		if (!g) /* a year left out would read as a year without figures */
			return http_html_error(r, out, 500, "%s", e.msg);
		calc_value v = calc_grid_get(g, area, n);
		buf_printf(b, "<tr><th scope=\"row\">%d</th><td class=\"n\">", years[i]);
		value(b, v, 0, r->english);
		buf_adds(b, "</td></tr>\n");
		flags |= v.flags;
		calc_grid_free(g);
	}
	buf_adds(b, "</tbody></table></div>\n");
	if (a->n_children && ny) {
		int ed;
		calc_grid *g = calc_edition_id(c->s, edition, years[0], &ed, &e) < 0 ? NULL
			       : calc_grid_load_protected(c->s, m, ed, years[0], &e);
		if (!g)
			return http_html_error(r, out, 500, "%s", e.msg);
		buf_printf(b, "<div class=\"scroll\" " SCROLL_A11Y " %d\"><table><caption>%s %d</caption><thead><tr><th>%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
			   V(r->english, report_sub_areas), years[0], V(r->english, report_sub_areas), years[0], V(r->english, annex_area), V(r->english, page_persons));
		for (int i = 0; i < a->n_children; i++) {
			const model_area *s = &m->areas[a->children[i]];
			calc_value v = calc_grid_get(g, a->children[i], n);
			buf_adds(b, "<tr><th scope=\"row\">");
			buf_printf(b, "<a href=\"/workform/%s?area=%s%s\">", x->code, s->code, r->english ? "&amp;lang=en" : "");
			http_html(b, model_area_name(s, r->english));
			buf_adds(b, "</a></th><td class=\"n\">");
			value(b, v, 0, r->english);
			buf_adds(b, "</td></tr>\n");
			flags |= v.flags;
		}
		buf_adds(b, "</tbody></table></div>\n");
		calc_grid_free(g);
	}
	http_page_end(b, flags, r->english, model_map_label_year(c->m));
	return 200;
}

/* ---------------------------------------------------------------- static */

int page_static(http_ctx *c, http_req *r, http_resp *out)
{
	(void)c;
	static const struct { const char *path, *file, *type; } files[] = {
		{"/static/style.css", "web/style.css", "text/css; charset=utf-8"},
		{"/static/app.js", "web/app.js", "text/javascript; charset=utf-8"},
		{"/static/survey.css", "web/survey.css", "text/css; charset=utf-8"},
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (strcmp(r->url.path, files[i].path) != 0)
			continue;
		const embed_file *f = embed_find(files[i].file);
		if (!f)
			break;
		buf_add(&out->body, f->data, f->len);
		out->type = files[i].type;
		return 200;
	}
	return http_html_error(r, out, 404, "%s", V(r->english, page_no_such_file));
}
