/* pages.c - the dashboard: server-rendered HTML, one URL per view, usable
 * without JavaScript and by keyboard. Numbers in Belgian Dutch style (or
 * English with lang=en); flags as in every output. */
#include "http.h"
#include "../base/embed.h"
#include "../base/num.h"
#include "../engine/labour.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define T(nl, en) (r->english ? (en) : (nl))

/* ------------------------------------------------------------ fragments */

static const char *flag_word_nl(unsigned f)
{
	static const struct { const char *en, *nl; } words[] = {
		{"confidential", "vertrouwelijk"}, {"missing", "ontbrekend"}, {"synthetic", "synthetisch"}, {"estimated", "geschat"},
	};
	const char *w = rnd_flag_word(f);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i].en) == 0)
			return words[i].nl;
	return w;
}

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
	const char *sym = rnd_flag_symbol(v.flags);
	if (*sym)
		buf_printf(b, "&nbsp;<abbr title=\"%s\">%s</abbr>", en ? rnd_flag_word(v.flags) : flag_word_nl(v.flags), sym);
}

/* The query string for links that keep year, edition and language. */
static const char *keep(http_req *r, int year, const char *edition)
{
	buf b = BUF_INIT;
	if (year)
		buf_printf(&b, "year=%d", year);
	if (edition)
		buf_printf(&b, "%sedition=%s", b.len ? "&amp;" : "", edition);
	if (r->english)
		buf_printf(&b, "%slang=en", b.len ? "&amp;" : "");
	char *s = arena_printf(&r->mem, "%s%s", b.len ? "?" : "", buf_cstr(&b));
	buf_release(&b);
	return s;
}

static void page_begin(buf *b, http_req *r, const char *title)
{
	buf_printf(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
		   r->english ? "en" : "nl");
	http_html(b, title);
	buf_adds(b, " - ladder</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>\n");
	buf_printf(b, "<a class=\"skip\" href=\"#main\">%s</a>\n", T("Naar de inhoud", "Skip to content"));
	/* the other language: same path and parameters, lang switched */
	buf other = BUF_INIT;
	buf_adds(&other, r->url.path);
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
		      "<a href=\"/api/v1/\">API</a></nav><a href=\"",
		   r->english ? "?lang=en" : "", T("Hoofdmenu", "Main menu"), r->english ? "?lang=en" : "",
		   T("Gebied kiezen", "Choose an area"));
	http_html(b, other.ptr);
	buf_printf(b, "\" lang=\"%s\">%s</a></header>\n<main id=\"main\">\n", r->english ? "nl" : "en",
		   r->english ? "Nederlands" : "English");
	buf_release(&other);
}

static void page_end(buf *b, unsigned flags, int en)
{
	char *legend = rnd_flag_legend(flags, en);
	if (legend) {
		buf_printf(b, "<p class=\"note\">%s: ", en ? "Symbols" : "Tekens");
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

static int years_list(http_ctx *c, int *years, int cap)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(store_db(c->s), "SELECT DISTINCT year FROM coverage WHERE kind = 'figure' ORDER BY year DESC",
			       -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW && n < cap)
			years[n++] = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

/* Year and edition pickers inside a GET form. */
static void pickers(buf *b, http_ctx *c, http_req *r, int year, const char *edition)
{
	int years[128], n = years_list(c, years, 128);
	buf_printf(b, "<label>%s<select name=\"year\">", T("Jaar", "Year"));
	for (int i = 0; i < n; i++)
		buf_printf(b, "<option%s>%d</option>", years[i] == year ? " selected" : "", years[i]);
	buf_printf(b, "</select></label><label>%s<select name=\"edition\"><option value=\"\">%s</option>", T("Editie", "Edition"),
		   T("laatste", "latest"));
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_db(c->s), "SELECT code FROM edition ORDER BY CAST(code AS INTEGER) DESC, code DESC", -1,
			       &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *code = (const char *)sqlite3_column_text(st, 0);
			buf_printf(b, "<option%s>", edition && strcmp(edition, code) == 0 ? " selected" : "");
			http_html(b, code);
			buf_adds(b, "</option>");
		}
		sqlite3_finalize(st);
	}
	buf_adds(b, "</select></label>");
	if (r->english)
		buf_adds(b, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
}

/* ---------------------------------------------------------------- home */

int page_home(http_ctx *c, http_req *r, http_resp *out)
{
	out->type = "text/html; charset=utf-8";
	buf *b = &out->body;
	const char *q = url_param_get(&r->url, "q");
	int year;
	const char *edition;
	if (http_param_year(c, r, out, 1, "year", &year) < 0 || http_param_edition(c, r, out, 1, &edition) < 0)
		return out->status;
	if (!year)
		year = http_latest_year(c);
	page_begin(b, r, T("Participatieladder", "Participation ladder"));
	buf_printf(b, "<h1>%s</h1>\n<p class=\"sub\">%s</p>\n", T("Participatieladder", "Participation ladder"),
		   T("Tewerkstelling en participatie van kansengroepen, per gemeente, arrondissement, regio, provincie en Vlaanderen.",
		     "Employment and participation of disadvantaged groups, by municipality, arrondissement, region, province and Flanders."));
	buf_printf(b, "<form class=\"pick\" method=\"get\" action=\"/\" role=\"search\"><label for=\"q\">%s"
		      "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" value=\"",
		   T("Gebied (naam of NIS-code)", "Area (name or NIS code)"));
	if (q)
		http_html(b, q);
	buf_adds(b, "\" aria-describedby=\"qhelp\"></label>");
	pickers(b, c, r, year, edition);
	buf_printf(b, "<button type=\"submit\">%s</button></form>\n<p id=\"qhelp\" class=\"note\">%s</p>\n<ul id=\"suggest\" aria-live=\"polite\"></ul>\n",
		   T("Zoeken", "Search"), T("Bijvoorbeeld Brugge, 31005 of Westhoek.", "For instance Brugge, 31005 or Westhoek."));
	const char *kq = keep(r, year, edition);
	if (q && *q) {
		buf_printf(b, "<h2>%s</h2>\n<ul>", T("Gevonden gebieden", "Areas found"));
		int n = 0;
		for (int i = 0; i < c->m->n_areas && n < 200; i++) {
			const model_area *a = &c->m->areas[i];
			int hit = strncmp(a->code, q, strlen(q)) == 0;
			for (const char *p = a->name_nl; *p && !hit; p++)
				hit = strncasecmp(p, q, strlen(q)) == 0;
			if (!hit)
				continue;
			buf_adds(b, "<li>");
			area_link(b, r, a, kq);
			buf_printf(b, " <span class=\"note\">(%s %s)</span></li>", model_level_name(a->level, r->english), a->code);
			n++;
		}
		if (!n)
			buf_printf(b, "<li>%s</li>", T("Geen gebied gevonden.", "No area found."));
		buf_adds(b, "</ul>\n");
	}
	buf_printf(b, "<h2>%s</h2>\n", T("Vlaanderen en zijn provincies", "Flanders and its provinces"));
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
	}
	int groups = 0;
	for (int i = 0; i < c->m->n_areas; i++) {
		const model_area *a = &c->m->areas[i];
		if (a->level != LEVEL_GROUPING)
			continue;
		if (!groups++)
			buf_printf(b, "<h2>%s</h2>\n<ul class=\"tree\">", T("Regio's", "Regions"));
		buf_adds(b, "<li>");
		area_link(b, r, a, kq);
		buf_adds(b, "</li>");
	}
	if (groups)
		buf_adds(b, "</ul>\n");
	page_end(b, 0, r->english);
	return 200;
}

/* ---------------------------------------------------------------- area */

static void stacked_bar(buf *b, const calc_ladder *l, int en)
{
	if (!l->total.known || (l->total.flags & CALC_CONFIDENTIAL)) {
		buf_adds(b, ".");
		return;
	}
	/* an SVG, not inline styles: the Content-Security-Policy forbids those */
	buf_adds(b, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"");
	for (int k = 5; k >= 3; k--) {
		buf_printf(b, "%s %d ", en ? "rung" : "trede", k);
		if (l->rung_share[k].known && !(l->rung_share[k].flags & CALC_CONFIDENTIAL))
			rnd_percent(b, l->rung_share[k].v, 1, en);
		else
			buf_adds(b, "x");
		buf_adds(b, k > 3 ? ", " : "");
	}
	buf_adds(b, "\">");
	double x = 0;
	for (int k = 5; k >= 3; k--)
		if (l->rung_share[k].known && !(l->rung_share[k].flags & CALC_CONFIDENTIAL)) {
			buf_printf(b, "<rect class=\"r%d\" x=\"%.3f\" y=\"0\" width=\"%.3f\" height=\"10\"/>", k, x,
				   l->rung_share[k].v);
			x += l->rung_share[k].v;
		}
	buf_adds(b, "</svg>");
}

static void shares_row(buf *b, http_req *r, const calc_ladder *l, const char *q, int here)
{
	buf_adds(b, "<tr><th scope=\"row\">");
	if (here)
		http_html(b, model_area_name(&l->m->areas[l->area], r->english));
	else
		area_link(b, r, &l->m->areas[l->area], q);
	buf_adds(b, "</th><td class=\"n\">");
	value(b, l->total, 0, r->english);
	for (int k = 5; k >= 3; k--) {
		buf_adds(b, "</td><td class=\"n\">");
		value(b, l->rung_share[k], 1, r->english);
	}
	buf_adds(b, "</td><td class=\"n\">");
	value(b, l->share_of_wage_employment, 1, r->english);
	buf_adds(b, "</td><td>");
	stacked_bar(b, l, r->english);
	buf_adds(b, "</td></tr>\n");
}

static void shares_head(buf *b, http_req *r, const char *caption)
{
	buf_printf(b, "<div class=\"scroll\"><table><caption>%s</caption><thead><tr><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s 5</th>"
		      "<th class=\"n\">%s 4</th><th class=\"n\">%s 3</th><th class=\"n\">%s</th><th>%s</th></tr></thead><tbody>\n",
		   caption, T("Gebied", "Area"), T("Totaal", "Total"), T("Trede", "Rung"), T("Trede", "Rung"),
		   T("Trede", "Rung"), T("% loontrekkenden", "% of wage employees"), T("Verdeling", "Distribution"));
}

static void rung_page(http_ctx *c, http_req *r, http_resp *out, int area, int rung, int year, const char *edition,
		      calc_ladder *l)
{
	buf *b = &out->body;
	const model *m = c->m;
	const char *q = keep(r, year, edition);
	char *title = xasprintf("%s %d: %s - %s %d", T("Trede", "Rung"), rung,
				r->english ? m->rungs[rung].name_en : m->rungs[rung].name_nl,
				model_area_name(&m->areas[area], r->english), year);
	page_begin(b, r, title);
	buf_adds(b, "<h1>");
	http_html(b, title);
	free(title);
	buf_printf(b, "</h1><p class=\"sub\"><a href=\"/area/%s%s\">%s</a></p>\n", m->areas[area].code, q,
		   T("Terug naar de ladder", "Back to the ladder"));
	buf_printf(b, "<div class=\"keys\"><div class=\"key\"><div class=\"v\">");
	value(b, l->rung[rung], 0, r->english);
	buf_printf(b, "</div><div class=\"l\">%s</div></div><div class=\"key\"><div class=\"v\">", T("personen", "persons"));
	value(b, l->rung_share[rung], 1, r->english);
	buf_printf(b, "</div><div class=\"l\">%s</div></div></div>\n", rung == 6 ? T("van de loontrekkenden", "of wage employees")
										 : T("van het totaal", "of the total"));
	buf_printf(b, "<div class=\"scroll\"><table><caption>%s</caption><thead><tr><th>%s</th><th>%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
		   T("Werkvormen", "Work forms"), T("Code", "Code"), T("Werkvorm", "Work form"), T("Personen", "Persons"));
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *n = &m->nodes[f->node];
		if (n->rung != rung)
			continue;
		buf_adds(b, "<tr><td>");
		if (f->not_specified) {
			buf_printf(b, "</td><td>%s", T("niet gespecificeerd", "not specified"));
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
	page_end(b, l->flags, r->english);
}

int page_area(http_ctx *c, http_req *r, http_resp *out)
{
	out->type = "text/html; charset=utf-8";
	const url_target *u = &r->url;
	if (u->n_segments < 2)
		return http_html_error(r, out, 404, "%s", T("Geef een gebied: /area/NIS-code", "Give an area: /area/NIS-code"));
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
			return http_html_error(r, out, 404, "%s", T("Treden 3 tot 6 hebben een pagina", "Rungs 3 to 6 have a page"));
	} else if (u->n_segments != 2) {
		return http_html_error(r, out, 404, "%s", T("Deze pagina bestaat niet", "No such page"));
	}
	int year;
	const char *edition;
	if (http_param_year(c, r, out, 1, "year", &year) < 0 || http_param_edition(c, r, out, 1, &edition) < 0)
		return out->status;
	if (!year)
		year = http_latest_year(c);
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
	const char *q = keep(r, year, edition);
	char *title = xasprintf("%s %d", model_area_name(a, r->english), year);
	page_begin(b, r, title);
	free(title);
	buf_adds(b, "<h1>");
	http_html(b, model_area_name(a, r->english));
	buf_printf(b, "</h1><p class=\"sub\">%s %s &middot; %d &middot; %s %s</p>\n", model_level_name(a->level, r->english),
		   a->code, year, T("editie", "edition"), *l->edition_code ? l->edition_code : T("geen", "none"));
	buf_printf(b, "<form class=\"pick\" method=\"get\" action=\"/area/%s\" aria-label=\"%s\">", a->code,
		   T("Jaar en editie", "Year and edition"));
	pickers(b, c, r, year, edition);
	buf_printf(b, "<button type=\"submit\">%s</button></form>\n", T("Toon", "Show"));

	/* key figures */
	struct { calc_value v; int pct; const char *nl, *en; } keys[] = {
		{l->total, 0, "personen op treden 3-5", "persons on rungs 3-5"},
		{l->share_of_wage_employment, 1, "equivalent van de loontrekkende tewerkstelling", "equivalent of wage employment"},
		{l->share_of_flemish_total, 1, "van het Vlaamse totaal", "of the Flemish total"},
		{l->change_pct, 1, "", ""},
	};
	buf_adds(b, "<section aria-labelledby=\"kf\"><h2 id=\"kf\">");
	buf_adds(b, T("Kerncijfers", "Key figures"));
	buf_adds(b, "</h2><div class=\"keys\">");
	for (int i = 0; i < 4; i++) {
		buf_adds(b, "<div class=\"key\"><div class=\"v\">");
		if (i == 3) {
			if (l->change_abs.known && !(l->change_abs.flags & CALC_CONFIDENTIAL)) {
				rnd_signed_count(b, l->change_abs.v, r->english);
				buf_adds(b, " (");
				rnd_signed_percent(b, l->change_pct.v, r->english);
				buf_adds(b, ")");
			} else {
				value(b, l->change_abs, 0, r->english);
			}
			buf_printf(b, "</div><div class=\"l\">%s %d</div></div>", T("tegenover", "on"), year - 1);
			continue;
		}
		value(b, keys[i].v, keys[i].pct, r->english);
		buf_printf(b, "</div><div class=\"l\">%s</div></div>", r->english ? keys[i].en : keys[i].nl);
	}
	buf_adds(b, "</div></section>\n");

	/* the ladder */
	buf_printf(b, "<section aria-labelledby=\"ld\"><h2 id=\"ld\">%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th class=\"n\">%s</th>"
		      "<th class=\"n\">%s</th><th>%s</th></tr></thead><tbody>\n",
		   T("De ladder", "The ladder"), T("Trede", "Rung"), T("Personen", "Persons"), T("Aandeel", "Share"),
		   T("Plaatsen", "Places"));
	for (int k = 6; k >= 1; k--) {
		const model_rung *g = &m->rungs[k];
		buf_adds(b, "<tr><th scope=\"row\">");
		if (k >= 3)
			buf_printf(b, "<a href=\"/area/%s/rung/%d%s\">", a->code, k, q);
		buf_printf(b, "%s %d: ", T("Trede", "Rung"), k);
		http_html(b, r->english ? g->name_en : g->name_nl);
		buf_adds(b, k >= 3 ? "</a>" : "");
		buf_adds(b, "</th><td class=\"n\">");
		if (k >= 3)
			value(b, l->rung[k], 0, r->english);
		buf_adds(b, "</td><td class=\"n\">");
		if (k >= 3)
			value(b, l->rung_share[k], 1, r->english);
		buf_printf(b, "</td><td>%s</td></tr>\n",
			   g->place == PLACE_EMPLOYMENT ? T("tewerkstellingsplaats (met arbeidsovereenkomst)", "employment place (with a contract)")
			   : g->place == PLACE_PARTICIPATION ? T("participatieplaats (zonder arbeidsovereenkomst)", "participation place (no contract)")
							       : T("niet geteld", "not counted"));
	}
	buf_printf(b, "</tbody></table></div><p class=\"note\">%s ", T("Trede 5:", "Rung 5:"));
	value(b, l->collective, 0, r->english);
	buf_printf(b, " %s (", T("collectief", "collective"));
	value(b, l->collective_share, 1, r->english);
	buf_adds(b, "), ");
	value(b, l->individual, 0, r->english);
	buf_printf(b, " %s (", T("individueel", "individual"));
	value(b, l->individual_share, 1, r->english);
	buf_printf(b, "). %s ", T("Trede 6 = loontrekkenden min trede 5; loontrekkenden:", "Rung 6 = wage employees minus rung 5; wage employees:"));
	value(b, l->wage_employees, 0, r->english);
	buf_adds(b, ".</p></section>\n");

	/* comparison with the parents and Flanders */
	buf_printf(b, "<section aria-labelledby=\"cmp\"><h2 id=\"cmp\">%s</h2>", T("Vergelijking", "Comparison"));
	shares_head(b, r, T("Aandeel van de treden in het totaal", "Share of each rung in the total"));
	shares_row(b, r, l, q, 1);
	unsigned flags = l->flags;
	for (int p = a->parent; p >= 0; p = m->areas[p].parent) {
		calc_ladder *pl = calc_ladder_new(c->s, m, p, year, edition, &e);
		if (pl) {
			shares_row(b, r, pl, q, 0);
			flags |= pl->flags;
			calc_ladder_free(pl);
		}
	}
	buf_adds(b, "</tbody></table></div></section>\n");

	/* sub-areas: the regional ladder */
	if (a->n_children) {
		buf_printf(b, "<section aria-labelledby=\"sub\"><h2 id=\"sub\">%s</h2><p class=\"legend\" aria-hidden=\"true\">"
			      "<span class=\"r5\"></span>%s 5<span class=\"r4\"></span>%s 4<span class=\"r3\"></span>%s 3</p>",
			   a->level == LEVEL_GROUPING ? T("Gemeenten van de regio", "Municipalities of the region")
						      : T("Regionale ladder", "Regional ladder"),
			   T("trede", "rung"), T("trede", "rung"), T("trede", "rung"));
		shares_head(b, r, T("Deelgebieden", "Sub-areas"));
		for (int i = 0; i < a->n_children; i++) {
			calc_ladder *sl = calc_ladder_new(c->s, m, a->children[i], year, edition, &e);
			if (sl) {
				shares_row(b, r, sl, q, 0);
				flags |= sl->flags;
				calc_ladder_free(sl);
			}
		}
		buf_adds(b, "</tbody></table></div></section>\n");
	}

	/* evolution */
	int years[128], ny = years_list(c, years, 128);
	buf_printf(b, "<section aria-labelledby=\"ev\"><h2 id=\"ev\">%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th class=\"n\">%s</th>"
		      "<th class=\"n\">%s 5</th><th class=\"n\">%s 4</th><th class=\"n\">%s 3</th><th>%s</th></tr></thead><tbody>\n",
		   T("Evolutie", "Evolution"), T("Jaar", "Year"), T("Totaal", "Total"), T("Trede", "Rung"), T("Trede", "Rung"),
		   T("Trede", "Rung"), T("Editie", "Edition"));
	for (int i = ny - 1; i >= 0; i--) {
		calc_ladder *yl = calc_ladder_new(c->s, m, area, years[i], edition, &e);
		if (!yl)
			continue;
		buf_printf(b, "<tr><th scope=\"row\"><a href=\"/area/%s%s%s%s\">%d</a></th><td class=\"n\">", a->code,
			   "?year=", arena_printf(&r->mem, "%d", years[i]), r->english ? "&amp;lang=en" : "", years[i]);
		value(b, yl->total, 0, r->english);
		for (int k = 5; k >= 3; k--) {
			buf_adds(b, "</td><td class=\"n\">");
			value(b, yl->rung[k], 0, r->english);
		}
		buf_printf(b, "</td><td>%s</td></tr>\n", yl->edition_code);
		flags |= yl->flags;
		calc_ladder_free(yl);
	}
	buf_adds(b, "</tbody></table></div></section>\n");

	/* the labour market */
	labour_view *v = labour_view_new(c->s, m, area, year, edition, &e);
	if (v) {
		buf_printf(b, "<section aria-labelledby=\"ctx\"><h2 id=\"ctx\">%s</h2><div class=\"scroll\"><table><tbody>\n", T("Arbeidsmarkt", "Labour market"));
		struct { calc_value x; int pct; const char *nl, *en; } rows[] = {
			{v->employment_rate, 1, "Werkzaamheidsgraad", "Employment rate"},
			{v->employment_target, 1, "Streefdoel", "Target"},
			{v->target_gap_persons, 0, "Extra werkenden nodig voor het streefdoel", "More people at work the target needs"},
			{v->job_seekers, 0, "Niet-werkende werkzoekenden", "Non-working job seekers"},
			{v->kansengroep_share, 1, "  in een kansengroep", "  in a disadvantaged group"},
			{v->outside_labour_force, 0, "Niet-beroepsactieven", "Outside the labour force"},
			{v->sick_or_invalid, 0, "  langdurig ziek of invalide", "  long-term sick or invalid"},
		};
		for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
			const char *label = r->english ? rows[i].en : rows[i].nl;
			int sub = label[0] == ' ';
			/* leading blanks collapse in HTML: indent parts of the row above with CSS */
			buf_adds(b, sub ? "<tr><th scope=\"row\" class=\"ind\">" : "<tr><th scope=\"row\">");
			http_html(b, label + (sub ? 2 : 0));
			buf_adds(b, "</th><td class=\"n\">");
			value(b, rows[i].x, rows[i].pct, r->english);
			buf_adds(b, "</td></tr>\n");
		}
		buf_adds(b, "</tbody></table></div></section>\n");
		flags |= v->flags;
		labour_view_free(v);
	}

	/* the data checks of this area and year */
	check_options co;
	check_options_default(&co);
	co.area = area;
	co.year = year;
	check_report *rep = check_run(c->s, m, &co, &e);
	if (rep && check_redact(rep, c->s, m, co.edition, &e) < 0) {
		check_report_free(rep);
		rep = NULL;
	}
	if (rep) {
		buf_printf(b, "<section aria-labelledby=\"chk\"><h2 id=\"chk\">%s</h2>", T("Controles", "Checks"));
		if (!rep->n_findings)
			buf_printf(b, "<p>%s</p>", T("Geen bevindingen.", "No findings."));
		else
			buf_adds(b, "<ul class=\"findings\">");
		for (int i = 0; i < rep->n_findings; i++) {
			const check_finding *f = &rep->findings[i];
			buf_printf(b, "<li class=\"sev-%s\"><strong>%s</strong> (%s): ", check_severity_name(f->severity, r->english),
				   check_severity_name(f->severity, r->english), f->rule);
			http_html(b, r->english ? f->message_en : f->message_nl);
			buf_adds(b, "</li>");
		}
		buf_adds(b, rep->n_findings ? "</ul></section>\n" : "</section>\n");
		check_report_free(rep);
	}

	/* downloads of what is on screen */
	buf_printf(b, "<section aria-labelledby=\"dl\"><h2 id=\"dl\">%s</h2><p class=\"downloads\">", T("Downloads", "Downloads"));
	const char *ed = edition ? arena_printf(&r->mem, "&amp;edition=%s", edition) : "";
	buf_printf(b, "<a href=\"/api/v1/ladder?area=%s&amp;year=%d%s&amp;format=csv\" download>CSV</a>", a->code, year, ed);
	buf_printf(b, "<a href=\"/api/v1/ladder?area=%s&amp;year=%d%s\">JSON</a>", a->code, year, ed);
	buf_printf(b, "<a href=\"/api/v1/jsonstat?area=%s%s\">JSON-stat</a>", a->code, ed);
	buf_adds(b, "</p></section>\n");
	page_end(b, flags, r->english);
	calc_ladder_free(l);
	return 200;
}

/* ------------------------------------------------------------ work form */

int page_workform(http_ctx *c, http_req *r, http_resp *out)
{
	out->type = "text/html; charset=utf-8";
	const model *m = c->m;
	if (r->url.n_segments != 2)
		return http_html_error(r, out, 404, "%s", T("Geef een werkvorm: /workform/code", "Give a work form: /workform/code"));
	int n = model_node_index(m, r->url.segments[1]);
	if (n < 0)
		return http_html_error(r, out, 404, "%s", T("Onbekende werkvorm", "Unknown work form"));
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
	page_begin(b, r, title);
	buf_adds(b, "<h1>");
	http_html(b, model_node_name(x, r->english));
	buf_printf(b, "</h1><p class=\"sub\">%s %d%s%s &middot; ", T("trede", "rung"), x->rung, *x->subcategory ? " &middot; " : "",
		   x->subcategory);
	area_link(b, r, a, keep(r, 0, edition));
	buf_adds(b, "</p>\n<p class=\"note\">");
	if (*x->source) {
		buf_printf(b, "%s: ", T("Bron", "Source"));
		http_html(b, x->source);
		buf_adds(b, ". ");
	}
	if (*x->counting_rule) {
		buf_printf(b, "%s: ", T("Telregel", "Counting rule"));
		http_html(b, x->counting_rule);
		buf_adds(b, ". ");
	}
	if (*x->valid_from || *x->valid_to)
		buf_printf(b, "%s %s %s %s. ", T("Geldig van", "Valid from"), *x->valid_from ? x->valid_from : "...",
			   T("tot", "to"), *x->valid_to ? x->valid_to : "...");
	if (*x->successors) {
		buf_printf(b, "%s: ", T("Opgevolgd door", "Succeeded by"));
		http_html(b, x->successors);
	}
	buf_adds(b, "</p>\n");
	free(title);
	int years[128], ny = years_list(c, years, 128);
	unsigned flags = 0;
	buf_printf(b, "<div class=\"scroll\"><table><caption>%s</caption><thead><tr><th>%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
		   T("Evolutie", "Evolution"), T("Jaar", "Year"), T("Personen", "Persons"));
	lerr e;
	for (int i = ny - 1; i >= 0; i--) {
		int ed;
		calc_grid *g = calc_edition_id(c->s, edition, years[i], &ed, &e) < 0 ? NULL
			       : calc_grid_load_protected(c->s, m, ed, years[i], &e);
		if (!g)
			continue;
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
		if (g) {
			buf_printf(b, "<div class=\"scroll\"><table><caption>%s %d</caption><thead><tr><th>%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
				   T("Deelgebieden", "Sub-areas"), years[0], T("Gebied", "Area"), T("Personen", "Persons"));
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
	}
	page_end(b, flags, r->english);
	return 200;
}

/* ---------------------------------------------------------------- static */

int page_static(http_ctx *c, http_req *r, http_resp *out)
{
	(void)c;
	static const struct { const char *path, *file, *type; } files[] = {
		{"/static/style.css", "web/style.css", "text/css; charset=utf-8"},
		{"/static/app.js", "web/app.js", "text/javascript; charset=utf-8"},
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
	return http_html_error(r, out, 404, "%s", T("Onbekend bestand", "No such file"));
}
