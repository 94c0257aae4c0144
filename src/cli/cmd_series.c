/* cmd_series.c - ladder series: the series of one work form in one area,
 * optionally through its predecessors (--chain), with its series breaks
 * (reeksbreuk) in every format and, with --out, as a chart. */
#include "cli.h"
#include "../engine/chain.h"
#include "../render/chart.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* The chart as FILE.svg, FILE.png or FILE.pdf, whole or not at all. */
static int write_chart(cli_ctx *ctx, const chain_series *c, const char *out, int force)
{
	chart *ch = chart_chain(c, ctx->english);
	int rc;
	lerr e;
	if (ends_with(out, ".svg")) {
		buf b = BUF_INIT;
		chart_svg(&b, ch, 1);
		rc = cli_write_file(ctx->english, out, &b, force);
		buf_release(&b);
	} else {
		char date[32];
		cli_pdf_date(ctx->s, date);
		afile *f = cli_out_open(ctx->english, out, force);
		if (!f)
			rc = CLI_FAILURE;
		else if ((ends_with(out, ".png") ? chart_write_png(ch, 2, afile_path(f), &e)
						 : chart_write_pdf(ch, afile_path(f), date, &e)) < 0)
			rc = cli_out_fail(ctx->english, f, out, &e);
		else
			rc = cli_out_commit(ctx->english, f);
		cli_fonts_done();
	}
	chart_free(ch);
	return rc;
}

/* An area no longer on the map (old Deinze 44011 on the map of 2025): its
 * series ends with its last year, so it is shown on the map of that year. */
static void follow_old_area(model *m, int ai)
{
	const model_area *a = &m->areas[ai];
	if (a->level != LEVEL_GROUPING && a->valid_to && *a->valid_to && !model_area_valid_in_year(a, m->map_year))
		model_set_map(m, atoi(a->valid_to));
}

int cmd_series(cli_ctx *ctx, int argc, char **argv)
{
	const char *area = NULL, *form = NULL, *chain = NULL, *from = NULL, *to = NULL, *edition = NULL,
		   *jsonstat = NULL, *out = NULL, *force = NULL;
	cli_option opts[] = {{"--area", 1, &area}, {"--form", 1, &form}, {"--chain", 0, &chain},
			     {"--from", 1, &from}, {"--to", 1, &to}, {"--edition", 1, &edition},
			     {"--jsonstat", 0, &jsonstat}, {"--out", 1, &out}, {"--force", 0, &force}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 9)))
		return rc < 0 ? 0 : rc;
	int en = ctx->english;
	if (ctx->argc)
		return cli_usage(V(en, series_unexpected), ctx->argv[0]);
	int y1 = 0, y2 = 0;
	if ((from && (rc = cli_int(ctx->english, "from", from, &y1))) || (to && (rc = cli_int(ctx->english, "to", to, &y2))))
		return rc;
	if (out && !ends_with(out, ".svg") && !ends_with(out, ".png") && !ends_with(out, ".pdf"))
		return cli_usage("%s", V(en, series_bad_out));
	lerr e;
	int ai = model_find_area_msg(ctx->m, area, en, &e);
	if (ai < 0)
		return cli_error("--area: %s", e.msg);
	if (!ctx->geography)
		follow_old_area(ctx->m, ai);
	if ((rc = cli_area_on_map(ctx, ai)))
		return rc;
	int node = model_node_index(ctx->m, form);
	if (node < 0 || ctx->m->nodes[node].kind != KIND_FORM)
		return cli_error(V(en, series_unknown_form), form);
	chain_series *c = chain_series_new(ctx->s, ctx->m, ai, node, y1, y2, edition, chain != NULL, &e);
	if (!c)
		return cli_error("%s", e.msg);
	if (out) {
		rc = write_chart(ctx, c, out, force != NULL);
	} else {
		buf b = BUF_INIT;
		rnd_opts o = {ctx->format, en, ctx->width};
		if (jsonstat)
			rnd_chain_jsonstat(&b, c, en);
		else
			rnd_chain_render(&b, c, &o);
		rc = cli_emit(&b);
		buf_release(&b);
	}
	chain_series_free(c);
	return rc;
}
