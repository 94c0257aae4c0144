/* cmd_export.c - open data (ladder export csv|json|jsonstat), the Excel annex
 * (ladder export xlsx) and the whole publication in one command (ladder
 * publish). */
#include "cli.h"
#include "../render/export.h"
#include "../render/report.h"
#include "../base/vocab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Splits a comma-separated list in place. Returns the count. */
static int split(char *s, char **out, int max)
{
	int n = 0;
	for (char *save = NULL, *t = strtok_r(s, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (*t)
			out[n++] = t;
	}
	return n;
}

/* Is area a inside (or equal to) area top? Groupings: all members inside. */
static int inside(const model *m, int a, int top)
{
	if (m->areas[a].level == LEVEL_GROUPING && a != top) {
		if (!m->areas[a].n_children)
			return 0;
		for (int k = 0; k < m->areas[a].n_children; k++)
			if (!inside(m, m->areas[a].children[k], top))
				return 0;
		return 1;
	}
	for (int p = a; p >= 0; p = m->areas[p].parent)
		if (p == top)
			return 1;
	return 0;
}

typedef struct slice_opts {
	const char *area, *within, *year, *from, *to, *rung, *work_form, *edition, *reported, *out, *force;
} slice_opts;

static int build_slice(cli_ctx *ctx, slice_opts *o, exp_slice *sl, int **areas, int **nodes, char ***editions)
{
	const model *m = ctx->m;
	lerr e;
	memset(sl, 0, sizeof *sl);
	sl->english = ctx->english;
	sl->reported_only = o->reported != NULL;
	*areas = xmalloc(sizeof **areas * (size_t)(m->n_areas + 1));
	*nodes = xmalloc(sizeof **nodes * (size_t)(m->n_nodes + 1));
	*editions = xcalloc(64, sizeof **editions);
	char *picked = xcalloc((size_t)m->n_areas + 1, 1);
	int any_area = 0;
	if (o->area) {
		char *copy = xstrdup(o->area), *items[512];
		int n = split(copy, items, 512);
		for (int i = 0; i < n; i++) {
			int ai = model_find_area(m, items[i], &e);
			if (ai < 0) {
				free(copy);
				free(picked);
				return cli_error("--area: %s", e.msg);
			}
			picked[ai] = 1;
		}
		free(copy);
		any_area = 1;
	}
	if (o->within) {
		int top = model_find_area(m, o->within, &e);
		if (top < 0) {
			free(picked);
			return cli_error("--within: %s", e.msg);
		}
		for (int a = 0; a < m->n_areas; a++)
			if (inside(m, a, top))
				picked[a] = 1;
		any_area = 1;
	}
	if (any_area)
		for (int a = 0; a < m->n_areas; a++)
			if (picked[a])
				(*areas)[sl->n_areas++] = a;
	free(picked);
	sl->areas = *areas;
	int rc;
	if (o->year) {
		int y;
		if ((rc = cli_parse_year(ctx->english, "--year", o->year, &y)))
			return rc;
		sl->year_from = sl->year_to = y;
	}
	if ((o->from && (rc = cli_parse_year(ctx->english, "--from", o->from, &sl->year_from))) ||
	    (o->to && (rc = cli_parse_year(ctx->english, "--to", o->to, &sl->year_to))))
		return rc;
	if (o->from && o->year && !o->to)
		sl->year_to = sl->year_to; /* --from Y1 --year Y: Y1..Y */
	char *node_in = xcalloc((size_t)m->n_nodes + 1, 1);
	int any_node = 0;
	if (o->rung) {
		char *copy = xstrdup(o->rung), *items[16];
		int n = split(copy, items, 16);
		for (int i = 0; i < n; i++) {
			int r;
			if ((rc = cli_int(ctx->english, "rung", items[i], &r))) {
				free(copy); /* items point into it */
				free(node_in);
				return rc;
			}
			for (int k = 0; k < m->n_nodes; k++)
				if (m->nodes[k].rung == r)
					node_in[k] = 1;
		}
		free(copy);
		any_node = 1;
	}
	if (o->work_form) {
		char *copy = xstrdup(o->work_form), *items[256];
		int n = split(copy, items, 256);
		for (int i = 0; i < n; i++) {
			int k = model_node_index(m, items[i]);
			if (k < 0) {
				rc = cli_error(V(ctx->english, cli_unknown_work_form), items[i]);
				free(copy);
				free(node_in);
				return rc;
			}
			node_in[k] = 1;
		}
		free(copy);
		any_node = 1;
	}
	if (any_node)
		for (int k = 0; k < m->n_nodes; k++)
			if (node_in[k])
				(*nodes)[sl->n_nodes++] = k;
	free(node_in);
	sl->nodes = *nodes;
	if (o->edition) {
		char *copy = xstrdup(o->edition), *items[64];
		int n = split(copy, items, 64);
		for (int i = 0; i < n; i++)
			(*editions)[i] = xstrdup(items[i]);
		free(copy);
		sl->n_editions = n;
		sl->editions = (const char *const *)*editions;
	}
	return 0;
}

/* The annex through a temporary file (libxlsxwriter writes it by name). */
static int write_xlsx(cli_ctx *ctx, const char *path, int y0, int y, int force)
{
	lerr e;
	afile *f = cli_out_open(ctx->english, path, force);
	if (!f)
		return CLI_FAILURE;
	if (exp_xlsx(ctx->s, ctx->m, y0, y, ctx->english, afile_path(f), &e) < 0)
		return cli_out_fail(ctx->english, f, path, &e);
	return cli_out_commit(ctx->english, f);
}

static int run_export(cli_ctx *ctx, int argc, char **argv, const char *kind)
{
	slice_opts o = {0};
	cli_option opts[] = {
		{"--area", 1, &o.area}, {"--within", 1, &o.within}, {"--year", 1, &o.year}, {"--from", 1, &o.from},
		{"--to", 1, &o.to}, {"--rung", 1, &o.rung}, {"--work-form", 1, &o.work_form}, {"--edition", 1, &o.edition},
		{"--reported", 0, &o.reported}, {"--out", 1, &o.out}, {"--force", 0, &o.force},
	};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 11)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_unexpected(ctx);
	int force = o.force != NULL;
	char *meta = o.out && !strcmp(kind, "csv") ? xasprintf("%s-metadata.json", o.out) : NULL;
	if (o.out && (cli_check_out(ctx->english, o.out, force) || (meta && cli_check_out(ctx->english, meta, force)))) {
		free(meta);
		return CLI_FAILURE;
	}
	exp_slice sl;
	int *areas, *nodes;
	char **eds;
	rc = build_slice(ctx, &o, &sl, &areas, &nodes, &eds);
	exp_data *d = NULL;
	lerr e;
	if (!rc && !(d = exp_collect(ctx->s, ctx->m, &sl, &e)))
		rc = cli_error("%s", e.msg);
	if (!rc) {
		buf b = BUF_INIT;
		if (!strcmp(kind, "csv"))
			exp_csv(&b, d);
		else if (!strcmp(kind, "json"))
			exp_json(&b, d);
		else
			exp_jsonstat(&b, d);
		rc = o.out ? cli_write_file(ctx->english, o.out, &b, force) : cli_emit(&b);
		buf_release(&b);
		if (!rc && meta) {
			/* the CSV's description beside it (CSVW: FILE-metadata.json) */
			const char *base = strrchr(o.out, '/') ? strrchr(o.out, '/') + 1 : o.out;
			exp_csv_metadata(&b, d, base);
			rc = cli_write_file(ctx->english, meta, &b, force);
			buf_release(&b);
		}
	}
	free(meta);
	exp_free(d);
	for (int i = 0; eds[i]; i++)
		free(eds[i]);
	free(eds);
	free(areas);
	free(nodes);
	return rc;
}

int cmd_export_csv(cli_ctx *ctx, int argc, char **argv)
{
	return run_export(ctx, argc, argv, "csv");
}

int cmd_export_json(cli_ctx *ctx, int argc, char **argv)
{
	return run_export(ctx, argc, argv, "json");
}

int cmd_export_jsonstat(cli_ctx *ctx, int argc, char **argv)
{
	return run_export(ctx, argc, argv, "jsonstat");
}

int cmd_export_xlsx(cli_ctx *ctx, int argc, char **argv)
{
	const char *year = NULL, *from = NULL, *out = NULL, *force = NULL;
	cli_option opts[] = {{"--year", 1, &year}, {"--from", 1, &from}, {"--out", 1, &out}, {"--force", 0, &force}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 4)))
		return rc < 0 ? 0 : rc;
	if (!year || !out)
		return cli_usage("%s", V(ctx->english, cli_export_xlsx_needs));
	int y, y0 = 0;
	if ((rc = cli_parse_year(ctx->english, "--year", year, &y)) || (from && (rc = cli_parse_year(ctx->english, "--from", from, &y0))))
		return rc;
	if (!from)
		y0 = y;
	if (y0 > y)
		return cli_usage(V(ctx->english, cli_from_after_year), y0, y);
	return write_xlsx(ctx, out, y0, y, force != NULL);
}

/* ------------------------------------------------------------- publish */

static const char *const export_names[] = {"data.csv", "data.csv-metadata.json", "data.json", "data.jsonstat.json"};

static int write_export(cli_ctx *ctx, const char *dir, int y0, int y, int force)
{
	exp_slice sl = {0};
	sl.year_from = y0;
	sl.year_to = y;
	sl.english = ctx->english;
	lerr e;
	exp_data *d = exp_collect(ctx->s, ctx->m, &sl, &e);
	if (!d)
		return cli_error("%s", e.msg);
	int rc = 0;
	for (int k = 0; k < 4 && !rc; k++) {
		buf b = BUF_INIT;
		if (k == 0)
			exp_csv(&b, d);
		else if (k == 1)
			exp_csv_metadata(&b, d, "data.csv");
		else if (k == 2)
			exp_json(&b, d);
		else
			exp_jsonstat(&b, d);
		char *p = xasprintf("%s/%s", dir, export_names[k]);
		rc = cli_write_file(ctx->english, p, &b, force);
		free(p);
		buf_release(&b);
	}
	exp_free(d);
	return rc;
}

/* Areas with figures for the year: every municipality, arrondissement,
 * grouping, province and region that the engine can give a headline. */
static int areas_with_figures(cli_ctx *ctx, int year, int *out)
{
	lerr e;
	int ed = 0;
	char code[64];
	if (store_latest_edition(ctx->s, "figure", year, &ed, code, &e) < 0 || !ed)
		return 0;
	calc_grid *g = calc_grid_load_protected(ctx->s, ctx->m, ed, year, &e);
	if (!g)
		return 0;
	int n = 0;
	for (int a = 0; a < ctx->m->n_areas; a++)
		if (calc_grid_get(g, a, ctx->m->headline).known)
			out[n++] = a;
	calc_grid_free(g);
	return n;
}

/* 0 when publish may write each of its files into dir (see cli_check_out). */
static int publish_check(cli_ctx *ctx, const char *dir, const int *areas, int n, int force)
{
	int rc = 0;
	char *p = xasprintf("%s/annex.xlsx", dir);
	rc = cli_check_out(ctx->english, p, force);
	free(p);
	for (int k = 0; k < 4 && !rc; k++) {
		p = xasprintf("%s/%s", dir, export_names[k]);
		rc = cli_check_out(ctx->english, p, force);
		free(p);
	}
	for (int i = 0; i < n && !rc; i++)
		for (int k = 0; k < 2 && !rc; k++) {
			p = xasprintf("%s/%s.%s", dir, ctx->m->areas[areas[i]].code, k ? "pdf" : "html");
			rc = cli_check_out(ctx->english, p, force);
			free(p);
		}
	return rc;
}

int cmd_publish(cli_ctx *ctx, int argc, char **argv)
{
	const char *area = NULL, *year = NULL, *from = NULL, *out = NULL, *all = NULL, *edition = NULL, *force_opt = NULL;
	cli_option opts[] = {{"--area", 1, &area}, {"--all", 0, &all}, {"--year", 1, &year},
			     {"--from", 1, &from}, {"--edition", 1, &edition}, {"--out", 1, &out},
			     {"--force", 0, &force_opt}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 7)))
		return rc < 0 ? 0 : rc;
	int force = force_opt != NULL;
	if (!year || !out || (!area && !all) || (area && all))
		return cli_usage("%s", V(ctx->english, cli_publish_needs));
	int y, y0 = 0;
	if ((rc = cli_parse_year(ctx->english, "--year", year, &y)) || (from && (rc = cli_parse_year(ctx->english, "--from", from, &y0))))
		return rc;
	if (mkdir(out, 0777) < 0 && errno != EEXIST)
		return cli_error("%s: %s", out, lerr_reason(errno, ctx->english));
	int *areas = xmalloc(sizeof *areas * (size_t)(ctx->m->n_areas + 1)), n = 0;
	lerr e;
	if (area) {
		int ai = model_find_area_msg(ctx->m, area, ctx->english, &e);
		if (ai < 0 || (rc = cli_area_on_map(ctx, ai))) {
			free(areas);
			return ai < 0 ? cli_error("--area: %s", e.msg) : rc;
		}
		areas[n++] = ai;
	} else {
		n = areas_with_figures(ctx, y, areas);
	}
	/* into an existing directory: every file it would write is checked
	 * first, so a refusal writes nothing; other files there are left alone */
	rc = publish_check(ctx, out, areas, n, force);
	char *index = xasprintf("%s/index.html", out);
	if (!rc)
		rc = cli_check_out(ctx->english, index, force);
	char *xlsx = xasprintf("%s/annex.xlsx", out);
	if (!rc)
		rc = write_xlsx(ctx, xlsx, y0, y, force);
	free(xlsx);
	if (!rc)
		rc = write_export(ctx, out, y0, y, force);
	for (int i = 0; i < n && !rc; i++) {
		const char *code = ctx->m->areas[areas[i]].code;
		char *html = xasprintf("%s/%s.html", out, code), *pdf = xasprintf("%s/%s.pdf", out, code);
		const char *outs[] = {html, pdf};
		rc = cli_report(ctx, areas[i], y, edition, outs, 2, force, RPT_MAP_MUNICIPALITIES);
		free(html);
		free(pdf);
	}
	if (!rc) { /* last: it lists what was written */
		buf b = BUF_INIT;
		rpt_publish_index(&b, ctx->m, areas, n, y, y0, ctx->english);
		rc = cli_write_file(ctx->english, index, &b, force);
		buf_release(&b);
	}
	free(index);
	if (!rc)
		printf(n == 1 ? V(ctx->english, publish_done_one) : V(ctx->english, publish_done_many), n, y, out);
	free(areas);
	cli_fonts_done();
	return rc;
}
