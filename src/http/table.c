/* table.c - a table of your own: /table, a GET form that works without
 * JavaScript (its URL is the permalink) above the table it asks for, and
 * /api/v1/table, the same question as JSON, CSV for a spreadsheet, xlsx or
 * JSON-stat. One reading of the parameters (pivot.h) for both; values come
 * from the protected grids, as on every page. */
#include "http.h"
#include "../base/vocab.h"
#include "../render/export.h"
#include "../render/pivot.h"
#include "../render/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(http_req *r, http_resp *out, int html, int status, const char *msg)
{
	if (html)
		return http_html_error(r, out, status, "%s", msg);
	return http_json_error(out, status, "%s", msg);
}

/* The reader's table: the parameters read, the edition checked and every
 * year holding figures; else out holds the error (400 naming the
 * parameter, 404 for an unknown area or form, 404 "no figures" with the
 * nearest years) and it returns <0. */
static int read_spec(http_ctx *c, http_req *r, http_resp *out, int html, pvt_spec *sp)
{
	const char *edition;
	if (http_param_edition(c, r, out, html, &edition) < 0)
		return -1;
	int *avail = NULL, n_avail = 0;
	lerr e;
	if (store_years(c->s, "figure", edition, &avail, &n_avail, &e) < 0)
		return -fail(r, out, html, 500, e.msg);
	url_param *up = arena_alloc(&r->mem, sizeof *up * URL_MAX_PIECES);
	int np = url_query_all(&r->mem, r->raw ? r->raw : "", up, URL_MAX_PIECES);
	pvt_param *pp = arena_alloc(&r->mem, sizeof *pp * (size_t)(np + 1));
	for (int i = 0; i < np; i++)
		pp[i] = (pvt_param){up[i].name, up[i].value};
	int rc = pvt_parse(c->m, pp, np, avail, n_avail, r->english, &r->mem, sp, &e);
	free(avail);
	if (rc < 0)
		return -fail(r, out, html, rc == LERR_NOTFOUND ? 404 : 400, e.msg);
	if (!sp->n_years) { /* no figures at all (in the edition) */
		int year;
		if (http_latest_year(c, r, out, html, &year) < 0 ||
		    http_require_data(c, r, out, html, "figure", year, edition) < 0)
			return -1;
		char *msg = xasprintf(V(r->english, avail_no_figures), year);
		fail(r, out, html, 404, msg);
		free(msg);
		return -1;
	}
	for (int i = 0; i < sp->n_years; i++)
		if (http_require_data(c, r, out, html, "figure", sp->years[i], edition) < 0)
			return -1;
	model_set_map(c->m, pvt_map_year(sp)); /* the figures on the map of geography=, else of the last year */
	return 0;
}

/* ----------------------------------------------------------------- API */

typedef struct xlsx_table_job {
	const rnd_table *t;
	const char *legend;
	int english;
} xlsx_table_job;

static int write_table_xlsx(void *ctx, const char *path, lerr *err)
{
	xlsx_table_job *j = ctx;
	return exp_xlsx_table(j->t, j->legend, j->english, path, err);
}

static int table_download(http_req *r, http_resp *out, const pvt_cube *cube, int xlsx)
{
	rnd_table *t = pvt_table(cube);
	char *legend = rnd_flag_legend(cube->flags, r->english);
	int rc = 0;
	lerr e;
	if (xlsx) {
		xlsx_table_job j = {t, legend, r->english};
		rc = http_through_file(out, "table.xlsx", write_table_xlsx, &j, &e);
		out->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		out->download = "ladder-table.xlsx";
	} else {
		rnd_opts o = {RND_SHEET, r->english, 0};
		rnd_sheet_tables(&out->body, &t, 1, cube->flags, &o);
		out->type = "text/csv; charset=utf-8";
		out->download = "ladder-table.csv";
	}
	free(legend);
	rnd_table_free(t);
	if (rc < 0) {
		buf_reset(&out->body);
		return http_json_error(out, 500, "%s", e.msg);
	}
	return 200;
}

int api_table(http_ctx *c, http_req *r, http_resp *out)
{
	const char *format = url_param_get(&r->url, "format");
	static const char *const formats[] = {"json", "csv", "xlsx", "jsonstat"};
	int f = 0;
	while (format && f < 4 && strcmp(format, formats[f]) != 0)
		f++;
	if (f == 4)
		return http_json_error(out, 400, "%s", V(r->english, api_bad_format_table));
	pvt_spec sp;
	if (read_spec(c, r, out, 0, &sp) < 0)
		return out->status;
	lerr e;
	pvt_cube *cube = pvt_cube_new(c->s, c->m, &sp, &e);
	if (!cube)
		return http_json_error(out, 500, "%s", e.msg);
	int status = 200;
	if (f == 1 || f == 2)
		status = table_download(r, out, cube, f == 2);
	else if (f == 3)
		pvt_jsonstat(&out->body, cube);
	else
		pvt_json(&out->body, cube);
	pvt_cube_free(cube);
	return status;
}

/* ---------------------------------------------------------------- page */

static void option(buf *b, const char *value, const char *label, int selected)
{
	buf_adds(b, "<option value=\"");
	http_html(b, value);
	buf_adds(b, selected ? "\" selected>" : "\">");
	http_html(b, label);
	buf_adds(b, "</option>");
}

static int in_list(const int *list, int n, int v)
{
	for (int i = 0; i < n; i++)
		if (list[i] == v)
			return 1;
	return 0;
}

/* A labelled control: <label for=ID>TEXT</label> before it, so that a
 * screen reader names it and a tap on the text focuses it. */
static void label(buf *b, const char *id, const char *text)
{
	buf_printf(b, "<label for=\"%s\">", id);
	http_html(b, text);
	buf_adds(b, "</label>");
}

static void area_options(buf *b, const model *m, const pvt_spec *sp, int en, int level, int listed_only)
{
	buf_printf(b, "<optgroup label=\"%s\">", model_level_name((enum model_level)level, en));
	for (int a = 0; a < m->n_areas; a++) {
		int year = pvt_map_year(sp);
		if ((int)m->areas[a].level != level || !model_area_valid_in_year(&m->areas[a], year))
			continue;
		int selected = listed_only ? in_list(sp->areas, sp->n_listed, a) : sp->within == a;
		option(b, m->areas[a].code, model_area_name(&m->areas[a], en), selected);
	}
	buf_adds(b, "</optgroup>");
}

static void areas_field(buf *b, const model *m, const pvt_spec *sp, int en)
{
	static const int levels[] = {LEVEL_REGION, LEVEL_PROVINCE, LEVEL_ARRONDISSEMENT, LEVEL_GROUPING, LEVEL_MUNICIPALITY};
	buf_adds(b, "<div class=\"field\">");
	label(b, "t-area", V(en, table_areas));
	buf_adds(b, "<select id=\"t-area\" name=\"area\" multiple size=\"8\" aria-describedby=\"t-help\">");
	for (size_t k = 0; k < sizeof levels / sizeof levels[0]; k++)
		area_options(b, m, sp, en, levels[k], 1);
	buf_adds(b, "</select></div>\n<div class=\"field\">");
	label(b, "t-level", V(en, table_level));
	buf_printf(b, "<select id=\"t-level\" name=\"level\"><option value=\"\">%s</option>", V(en, table_none));
	for (int l = LEVEL_REGION; l <= LEVEL_GROUPING; l++)
		option(b, model_level_name((enum model_level)l, 1), model_level_name((enum model_level)l, en), sp->level == l);
	buf_adds(b, "</select>");
	label(b, "t-within", V(en, table_within));
	buf_printf(b, "<select id=\"t-within\" name=\"within\"><option value=\"\">%s</option>", V(en, table_none));
	for (size_t k = 0; k < 4; k++) /* what has areas under it */
		area_options(b, m, sp, en, levels[k], 0);
	buf_adds(b, "</select></div>\n");
}

static void years_field(buf *b, http_ctx *c, const pvt_spec *sp, int en)
{
	int *years = NULL, n = 0;
	lerr e;
	if (store_years(c->s, "figure", sp->edition, &years, &n, &e) < 0)
		n = 0;
	buf_adds(b, "<div class=\"field\">");
	label(b, "t-year", V(en, table_years));
	buf_adds(b, "<select id=\"t-year\" name=\"year\" multiple size=\"6\" aria-describedby=\"t-help\">");
	for (int i = n - 1; i >= 0; i--) { /* latest first */
		char y[16];
		snprintf(y, sizeof y, "%d", years[i]);
		option(b, y, y, in_list(sp->years, sp->n_years, years[i]));
	}
	free(years);
	buf_adds(b, "</select></div>\n");
}

static void node_option(buf *b, const model *m, const pvt_spec *sp, int x, int en)
{
	option(b, m->nodes[x].code, model_node_name(&m->nodes[x], en), in_list(sp->nodes, sp->n_nodes, x));
}

static void forms_field(buf *b, const model *m, const pvt_spec *sp, int en)
{
	buf_adds(b, "<div class=\"field\">");
	label(b, "t-form", V(en, table_forms));
	buf_printf(b, "<select id=\"t-form\" name=\"form\" multiple size=\"8\" aria-describedby=\"t-help\"><optgroup label=\"%s\">",
		   V(en, table_totals));
	node_option(b, m, sp, m->headline, en);
	static const int rungs[] = {5, 4, 3, 6};
	for (int k = 0; k < 4; k++)
		if (m->rung_node[rungs[k]] >= 0)
			node_option(b, m, sp, m->rung_node[rungs[k]], en);
	for (int x = 0; x < m->n_nodes; x++)
		if (m->nodes[x].kind == KIND_SUBCATEGORY)
			node_option(b, m, sp, x, en);
	buf_adds(b, "</optgroup>");
	for (int k = 0; k < 4; k++) {
		buf_printf(b, "<optgroup label=\"%s %d\">", V(en, page_rung), rungs[k]);
		for (int x = 0; x < m->n_nodes; x++)
			if (m->nodes[x].kind == KIND_FORM && m->nodes[x].rung == rungs[k])
				node_option(b, m, sp, x, en);
		buf_adds(b, "</optgroup>");
	}
	buf_adds(b, "</select></div>\n");
}

static void measures_field(buf *b, const pvt_spec *sp, int en)
{
	buf_printf(b, "<fieldset class=\"field\"><legend>%s</legend>", V(en, table_measures));
	for (int k = 0; k < PVT_N_MEASURES; k++) {
		buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" name=\"measure\" value=\"%s\"%s> ",
			   pvt_measure_code((enum pvt_measure)k), in_list(sp->measures, sp->n_measures, k) ? " checked" : "");
		http_html(b, pvt_measure_name((enum pvt_measure)k, en));
		buf_adds(b, "</label>");
	}
	buf_adds(b, "</fieldset>\n");
}

static void dim_select(buf *b, const char *name, const char *text, enum pvt_dim chosen, int en)
{
	char id[16];
	snprintf(id, sizeof id, "t-%s", name);
	label(b, id, text);
	buf_printf(b, "<select id=\"%s\" name=\"%s\">", id, name);
	for (int d = 0; d < PVT_N_DIMS; d++)
		option(b, pvt_dim_code((enum pvt_dim)d), pvt_dim_name((enum pvt_dim)d, en), (int)chosen == d);
	buf_adds(b, "</select>");
}

static void layout_field(buf *b, http_ctx *c, const pvt_spec *sp, int en)
{
	buf_adds(b, "<div class=\"field\">");
	dim_select(b, "rows", V(en, table_rows), sp->rows, en);
	dim_select(b, "cols", V(en, table_cols), sp->cols, en);
	label(b, "t-edition", V(en, page_edition));
	buf_printf(b, "<select id=\"t-edition\" name=\"edition\"><option value=\"\">%s</option>", V(en, page_latest));
	store_edition_ref *eds;
	int n;
	lerr e;
	if (store_editions(c->s, &eds, &n, &e) == 0) { /* latest first */
		for (int i = 0; i < n; i++)
			option(b, eds[i].code, eds[i].code, sp->edition && strcmp(sp->edition, eds[i].code) == 0);
		free(eds);
	}
	buf_adds(b, "</select></div>\n");
}

static void builder_form(buf *b, http_ctx *c, http_req *r, const pvt_spec *sp)
{
	int en = r->english;
	buf_printf(b, "<form class=\"builder\" method=\"get\" action=\"/table\" aria-label=\"%s\">\n", V(en, table_title));
	areas_field(b, c->m, sp, en);
	years_field(b, c, sp, en);
	forms_field(b, c->m, sp, en);
	measures_field(b, sp, en);
	layout_field(b, c, sp, en);
	if (sp->geography) /* the map chosen stays: the areas offered are its own */
		buf_printf(b, "<input type=\"hidden\" name=\"geography\" value=\"%d\">", sp->geography);
	if (en)
		buf_adds(b, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
	buf_printf(b, "<p id=\"t-help\" class=\"note\">%s</p><button type=\"submit\">%s</button></form>\n", V(en, table_help),
		   V(en, table_show));
}

/* Under the table: the downloads, then the permalink and the API query,
 * as links and spelled out (to copy). */
static void table_links(rpt_doc *d, http_req *r, const char *query)
{
	int en = r->english;
	const char *lang = en ? "&lang=en" : "";
	rpt_block *dl = rpt_add(d, RPT_LINKS);
	dl->n_items = 4;
	dl->items = arena_alloc(&d->mem, sizeof *dl->items * 4);
	dl->subs = arena_alloc(&d->mem, sizeof *dl->subs * 4);
	dl->saves = arena_alloc(&d->mem, 4);
	const char *labels[] = {V(en, download_table_xlsx), V(en, download_table_csv), "JSON-stat", "JSON"};
	const char *formats[] = {"&format=xlsx", "&format=csv", "&format=jsonstat", ""};
	for (int k = 0; k < 4; k++) {
		dl->items[k] = labels[k];
		dl->subs[k] = arena_printf(&d->mem, "/api/v1/table?%s%s%s", query, formats[k], k < 2 ? lang : "");
		dl->saves[k] = k < 3;
	}
	rpt_block *h = rpt_add(d, RPT_HEADING);
	h->level = 1; /* h2: the page's headings go h1, h2 (vnu) */
	h->text = V(en, table_links);
	h->anchor = "links";
	rpt_block *ln = rpt_add(d, RPT_LINKS);
	ln->n_items = 2;
	ln->items = arena_alloc(&d->mem, sizeof *ln->items * 2);
	ln->subs = arena_alloc(&d->mem, sizeof *ln->subs * 2);
	ln->subs[0] = arena_printf(&d->mem, "/table?%s%s", query, lang);
	ln->subs[1] = arena_printf(&d->mem, "/api/v1/table?%s", query);
	ln->items[0] = arena_printf(&d->mem, "%s: %s", V(en, table_permalink), ln->subs[0]);
	ln->items[1] = arena_printf(&d->mem, "%s: %s", V(en, table_api_query), ln->subs[1]);
}

int page_table(http_ctx *c, http_req *r, http_resp *out)
{
	out->type = "text/html; charset=utf-8";
	pvt_spec sp;
	if (read_spec(c, r, out, 1, &sp) < 0)
		return out->status;
	lerr e;
	pvt_cube *cube = pvt_cube_new(c->s, c->m, &sp, &e);
	if (!cube)
		return http_html_error(r, out, 500, "%s", e.msg);
	buf *b = &out->body;
	int en = r->english;
	http_page_begin(b, r, V(en, table_title));
	buf_printf(b, "<h1>%s</h1>\n<p class=\"sub\">%s</p>\n", V(en, table_title), V(en, table_intro));
	builder_form(b, c, r, &sp);
	rpt_doc *d = rpt_doc_new(c->m, en, sp.years[sp.n_years - 1]);
	rpt_block *tb = rpt_add(d, RPT_TABLE);
	tb->table = pvt_table(cube);
	tb->caption = tb->table->title;
	tb->row_headers = 1;
	buf q = BUF_INIT;
	pvt_query_string(&q, c->m, &sp);
	table_links(d, r, buf_cstr(&q));
	buf_release(&q);
	rpt_page_html(b, d);
	http_page_end(b, cube->flags, en, model_map_label_year(c->m));
	rpt_free(d);
	pvt_cube_free(cube);
	return 200;
}
