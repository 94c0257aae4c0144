/* cmd_show.c - ladder show: the participation ladder of an area and year. */
#include "cli.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_show(cli_ctx *ctx, const char *area, const char *year, const char *edition, int unprotected)
{
	lerr e;
	int ai = model_find_area_msg(ctx->m, area, ctx->english, &e);
	if (ai < 0)
		return cli_error("--area: %s", e.msg);
	int y, rc;
	if ((rc = cli_int(ctx->english, "year", year, &y)))
		return rc;
	calc_protect_opts o;
	if (calc_protect_opts_load(ctx->s, &o, &e) < 0)
		return cli_error("%s", e.msg);
	o.unprotected = unprotected;
	if (unprotected)
		fputs(V(ctx->english, cli_unprotected_warning), stderr);
	calc_ladder *l = calc_ladder_new_opts(ctx->s, ctx->m, ai, y, edition, &o, &e);
	if (!l)
		return cli_error("%s", e.msg);
	rnd_opts ro = {ctx->format, ctx->english, ctx->width};
	buf b = BUF_INIT;
	rnd_ladder_render(&b, l, &ro);
	rc = cli_emit(&b);
	buf_release(&b);
	calc_ladder_free(l);
	return rc;
}

int cmd_show(cli_ctx *ctx, int argc, char **argv)
{
	const char *area = NULL, *year = NULL, *edition = NULL, *unprotected = NULL;
	cli_option opts[] = {{"--area", 1, &area}, {"--year", 1, &year}, {"--edition", 1, &edition},
			     {"--unprotected", 0, &unprotected}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 4)))
		return rc < 0 ? 0 : rc;
	if (!area || !year)
		return cli_usage("%s", V(ctx->english, cli_show_needs));
	if (ctx->argc)
		return cli_unexpected(ctx);
	lerr e;
	int ai = model_find_area(ctx->m, area, &e);
	if (ai >= 0 && (rc = cli_area_on_map(ctx, ai)))
		return rc;
	return cli_show(ctx, area, year, edition, unprotected != NULL);
}
