/* cmd_context.c - ladder context: the labour market around the ladder. */
#include "cli.h"
#include "../base/vocab.h"
#include "../engine/labour.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_context(cli_ctx *ctx, int argc, char **argv)
{
	const char *area = NULL, *year = NULL, *from = NULL, *to = NULL, *edition = NULL;
	cli_option opts[] = {{"--area", 1, &area}, {"--year", 1, &year}, {"--from", 1, &from}, {"--to", 1, &to},
			     {"--edition", 1, &edition}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_unexpected(ctx);
	if (!area || (!year && !(from && to)))
		return cli_usage("%s", V(ctx->english, cli_context_needs));
	lerr e;
	int ai = model_find_area_msg(ctx->m, area, ctx->english, &e);
	if (ai < 0)
		return cli_error("--area: %s", e.msg);
	rnd_opts o = {ctx->format, ctx->english, ctx->width};
	buf b = BUF_INIT;
	if (from && to) {
		int y1 = 0, y2 = 0;
		if ((rc = cli_int(ctx->english, "from", from, &y1)) || (rc = cli_int(ctx->english, "to", to, &y2)))
			return rc;
		labour_series *s = labour_series_new(ctx->s, ctx->m, ai, y1, y2, edition, &e);
		if (!s)
			return cli_error("%s", e.msg);
		rnd_series_render(&b, s, &o);
		labour_series_free(s);
	} else {
		int y = 0;
		if ((rc = cli_int(ctx->english, "year", year, &y)))
			return rc;
		labour_view *v = labour_view_new(ctx->s, ctx->m, ai, y, edition, &e);
		if (!v)
			return cli_error("%s", e.msg);
		rnd_labour_render(&b, v, &o);
		labour_view_free(v);
	}
	rc = cli_emit(&b);
	buf_release(&b);
	return rc;
}
