/* cmd_publish.c - ladder report: the publication of one area and year as
 * HTML or PDF; ladder charts: every chart of it as SVG, PNG or PDF files. */
#include "cli.h"
#include "../render/report.h"
#include "../render/pango_util.h"

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

int cli_write_file(const char *path, const buf *b)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return cli_error("%s: %s", path, strerror(errno));
	int bad = b->len && fwrite(b->ptr, 1, b->len, f) != b->len;
	bad |= fclose(f) != 0;
	if (bad)
		return cli_error("%s: write failed", path);
	return 0;
}

int cli_parse_year(const char *opt, const char *s, int *out)
{
	return cli_int(opt + 2, s, out); /* "--from": options.def's "from" */
}

/* The PDF creation date follows the data (the last import), not the clock. */
void cli_pdf_date(store *s)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(s, "SELECT max(imported_at) FROM batch", &st, &e) < 0)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		snprintf(pu_date, sizeof pu_date, "%.19s", t);
		for (char *p = pu_date; *p; p++)
			if (*p == ' ')
				*p = 'T';
	}
	sqlite3_finalize(st);
}

/* Builds the report of area/year once and writes it to each of outs (.html
 * or .pdf). */
int cli_report(cli_ctx *ctx, int area, int year, const char *edition, const char *const *outs, int n_outs)
{
	lerr e;
	for (int i = 0; i < n_outs; i++)
		if (!ends_with(outs[i], ".html") && !ends_with(outs[i], ".htm") && !ends_with(outs[i], ".pdf"))
			return cli_usage("--out: the report is written as FILE.html or FILE.pdf, got '%s'", outs[i]);
	rpt_options o = {area, year, edition, ctx->english};
	rpt_doc *d = rpt_build(ctx->s, ctx->m, &o, &e);
	if (!d)
		return cli_error("%s", e.msg);
	int rc = 0;
	for (int i = 0; i < n_outs && !rc; i++) {
		if (!ends_with(outs[i], ".pdf")) {
			buf b = BUF_INIT;
			rpt_html(&b, d);
			rc = cli_write_file(outs[i], &b);
			buf_release(&b);
		} else {
			cli_pdf_date(ctx->s);
			if (rpt_pdf(d, outs[i], &e) < 0)
				rc = cli_error("%s", e.msg);
		}
	}
	rpt_free(d);
	return rc;
}

/* The options report and charts share: --area, --year and --out required,
 * --edition optional. Returns cli_parse's convention: 0, an exit status
 * after an error, or -1 after --help. */
static int parse_area_year_out(cli_ctx *ctx, int argc, char **argv, const char *needs, int *area, int *year,
			       const char **edition, const char **out)
{
	const char *a = NULL, *y = NULL;
	*edition = *out = NULL;
	cli_option opts[] = {{"--area", 1, &a}, {"--year", 1, &y}, {"--edition", 1, edition}, {"--out", 1, out}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 4)))
		return rc;
	if (!a || !y || !*out)
		return cli_error("%s", needs);
	lerr e;
	if ((*area = model_find_area(ctx->m, a, &e)) < 0)
		return cli_error("--area: %s", e.msg);
	return cli_parse_year("--year", y, year);
}

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
	const char *edition, *out;
	int ai, y;
	int rc = parse_area_year_out(ctx, argc, argv, "report needs --area CODE|NAME, --year YYYY and --out FILE.html|FILE.pdf",
				     &ai, &y, &edition, &out);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage("unexpected argument '%s'", ctx->argv[0]);
	rc = cli_report(ctx, ai, y, edition, &out, 1);
	chart_shutdown();
	return rc;
}

/* ladder charts --area A --year Y --out DIR [--png] : every chart of the
 * report as SVG (and PNG and PDF), for web pages and slides. */
int cmd_charts(cli_ctx *ctx, int argc, char **argv)
{
	const char *edition, *out;
	int ai, y;
	int rc = parse_area_year_out(ctx, argc, argv, "charts needs --area CODE|NAME, --year YYYY and --out DIR", &ai, &y,
				     &edition, &out);
	if (rc)
		return rc < 0 ? 0 : rc;
	lerr e;
	if (mkdir(out, 0777) < 0 && errno != EEXIST)
		return cli_error("%s: %s", out, strerror(errno));
	rpt_options o = {ai, y, edition, ctx->english};
	rpt_doc *d = rpt_build(ctx->s, ctx->m, &o, &e);
	if (!d)
		return cli_error("%s", e.msg);
	cli_pdf_date(ctx->s);
	const chart **charts;
	int n = rpt_charts(d, &charts);
	for (int i = 0; i < n && !rc; i++) {
		buf b = BUF_INIT;
		chart_svg(&b, charts[i], 1);
		char *p = xasprintf("%s/%s.svg", out, charts[i]->id);
		rc = cli_write_file(p, &b);
		free(p);
		buf_release(&b);
		p = xasprintf("%s/%s.png", out, charts[i]->id);
		if (!rc && chart_write_png(charts[i], 2, p, &e) < 0)
			rc = cli_error("%s", e.msg);
		free(p);
		p = xasprintf("%s/%s.pdf", out, charts[i]->id);
		if (!rc && chart_write_pdf(charts[i], p, &e) < 0)
			rc = cli_error("%s", e.msg);
		free(p);
	}
	if (!rc)
		printf("%d charts in %s (SVG, PNG, PDF)\n", n, out);
	free(charts);
	rpt_free(d);
	chart_shutdown();
	return rc;
}
