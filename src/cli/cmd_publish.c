/* cmd_publish.c - ladder report: the publication of one area and year as
 * HTML or PDF; ladder charts: every chart of it as SVG, PNG or PDF files. */
#include "cli.h"
#include "../base/vocab.h"
#include "../render/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && str_ieq_ascii(s + n - k, suffix);
}

void cli_fonts_done(void)
{
	chart_shutdown();
}


int cli_parse_year(int en, const char *opt, const char *s, int *out)
{
	return cli_int(en, opt + 2, s, out); /* "--from": options.def's "from" */
}

/* The PDF creation date follows the data (the last import), not the clock. */
void cli_pdf_date(store *s, char date[32])
{
	lerr e;
	if (store_last_import(s, date, &e) < 0)
		*date = '\0'; /* the PDF then carries no date; the report's own reads say what failed */
}

/* Builds the report of area/year once and writes it to each of outs (.html
 * or .pdf); its map shades areas of map_level (enum rpt_map_level). */
int cli_report(cli_ctx *ctx, int area, int year, const char *edition, const char *const *outs, int n_outs, int force,
	       int map_level)
{
	lerr e;
	for (int i = 0; i < n_outs; i++)
		if (!ends_with(outs[i], ".html") && !ends_with(outs[i], ".htm") && !ends_with(outs[i], ".pdf"))
			return cli_usage(V(ctx->english, cli_report_out), outs[i]);
	for (int i = 0; i < n_outs; i++)
		if (cli_check_out(ctx->english, outs[i], force))
			return CLI_FAILURE;
	rpt_options o = {area, year, edition, ctx->english, RPT_MAP_RATE, 0, 0, map_level};
	rpt_doc *d = rpt_build(ctx->s, ctx->m, &o, &e);
	if (!d)
		return cli_error("%s", e.msg);
	int rc = 0;
	for (int i = 0; i < n_outs && !rc; i++) {
		if (!ends_with(outs[i], ".pdf")) {
			buf b = BUF_INIT;
			rpt_html(&b, d);
			rc = cli_write_file(ctx->english, outs[i], &b, force);
			buf_release(&b);
		} else {
			char date[32];
			cli_pdf_date(ctx->s, date);
			afile *f = cli_out_open(ctx->english, outs[i], force);
			if (!f)
				rc = CLI_FAILURE;
			else if (rpt_pdf(d, afile_path(f), date, &e) < 0)
				rc = cli_out_fail(ctx->english, f, outs[i], &e);
			else
				rc = cli_out_commit(ctx->english, f);
		}
	}
	rpt_free(d);
	return rc;
}

/* --map-level LEVEL: the areas the map of area shades, one of those it
 * offers (as /download/report.pdf?level= on the server); else a usage
 * error naming them. */
static int parse_map_level(cli_ctx *ctx, const char *v, int area, int *level)
{
	*level = RPT_MAP_MUNICIPALITIES;
	if (!v)
		return 0;
	if (rpt_map_level_parse(v, level) == 0 && rpt_map_level_offered(ctx->m, area, *level) == *level)
		return 0;
	int levels[RPT_MAP_N_LEVELS], n = rpt_map_levels(ctx->m, area, levels);
	buf offered = BUF_INIT;
	for (int i = 0; i < n; i++)
		buf_printf(&offered, "%s%s", i ? "|" : "", rpt_map_level_key(levels[i]));
	int rc = cli_usage(V(ctx->english, cli_bad_map_level), v, model_area_name(&ctx->m->areas[area], ctx->english),
			   offered.ptr);
	buf_release(&offered);
	return rc;
}

/* The options report and charts share: --area, --year and --out required,
 * --edition, --force and --map-level optional. Returns cli_parse's
 * convention: 0, an exit status after an error, or -1 after --help. */
static int parse_area_year_out(cli_ctx *ctx, int argc, char **argv, const char *needs, int *area, int *year,
			       const char **edition, const char **out, int *force, int *map_level)
{
	const char *a = NULL, *y = NULL, *f = NULL, *ml = NULL;
	*edition = *out = NULL;
	cli_option opts[] = {{"--area", 1, &a},	 {"--year", 1, &y},   {"--edition", 1, edition},
			     {"--out", 1, out}, {"--force", 0, &f}, {"--map-level", 1, &ml}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 6)))
		return rc;
	*force = f != NULL;
	if (!a || !y || !*out)
		return cli_error("%s", needs);
	lerr e;
	if ((*area = model_find_area_msg(ctx->m, a, ctx->english, &e)) < 0)
		return cli_error("--area: %s", e.msg);
	if ((rc = cli_area_on_map(ctx, *area)) || (rc = parse_map_level(ctx, ml, *area, map_level)))
		return rc;
	return cli_parse_year(ctx->english, "--year", y, year);
}

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
	const char *edition, *out;
	int ai, y, force, level;
	int rc = parse_area_year_out(ctx, argc, argv, "report needs --area CODE|NAME, --year YYYY and --out FILE.html|FILE.pdf",
				     &ai, &y, &edition, &out, &force, &level);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_unexpected(ctx);
	rc = cli_report(ctx, ai, y, edition, &out, 1, force, level);
	cli_fonts_done();
	return rc;
}

/* ladder charts --area A --year Y --out DIR [--png] : every chart of the
 * report as SVG (and PNG and PDF), for web pages and slides. */
int cmd_charts(cli_ctx *ctx, int argc, char **argv)
{
	const char *edition, *out;
	int ai, y, force, level;
	int rc = parse_area_year_out(ctx, argc, argv, "charts needs --area CODE|NAME, --year YYYY and --out DIR", &ai, &y,
				     &edition, &out, &force, &level);
	if (rc)
		return rc < 0 ? 0 : rc;
	lerr e;
	if (mkdir(out, 0777) < 0 && errno != EEXIST)
		return cli_error("%s: %s", out, lerr_reason(errno, ctx->english));
	rpt_options o = {ai, y, edition, ctx->english, RPT_MAP_RATE, 1, 0, level};
	rpt_doc *d = rpt_build(ctx->s, ctx->m, &o, &e);
	if (!d)
		return cli_error("%s", e.msg);
	char date[32];
	cli_pdf_date(ctx->s, date);
	const chart **charts;
	int n = rpt_charts(d, &charts);
	static const char *const kinds[] = {"svg", "png", "pdf"};
	/* every file checked before the first is written: all or nothing
	 * refused (an existing chart needs --force) */
	for (int i = 0; i < n && !rc; i++)
		for (int k = 0; k < 3 && !rc; k++) {
			char *p = xasprintf("%s/%s.%s", out, charts[i]->id, kinds[k]);
			rc = cli_check_out(ctx->english, p, force);
			free(p);
		}
	for (int i = 0; i < n && !rc; i++) {
		buf b = BUF_INIT;
		chart_svg(&b, charts[i], 1);
		char *p = xasprintf("%s/%s.svg", out, charts[i]->id);
		rc = cli_write_file(ctx->english, p, &b, force);
		free(p);
		buf_release(&b);
		for (int k = 1; k < 3 && !rc; k++) {
			p = xasprintf("%s/%s.%s", out, charts[i]->id, kinds[k]);
			afile *f = cli_out_open(ctx->english, p, force);
			if (!f)
				rc = CLI_FAILURE;
			else if ((k == 1 ? chart_write_png(charts[i], 2, afile_path(f), &e)
					 : chart_write_pdf(charts[i], afile_path(f), date, &e)) < 0)
				rc = cli_out_fail(ctx->english, f, p, &e);
			else
				rc = cli_out_commit(ctx->english, f);
			free(p);
		}
	}
	if (!rc)
		printf(V(ctx->english, cli_charts_written), n, out);
	free(charts);
	rpt_free(d);
	cli_fonts_done();
	return rc;
}
