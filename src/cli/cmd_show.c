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
	if ((rc = cli_int("year", year, &y)))
		return rc;
	calc_protect_opts o;
	if (calc_protect_opts_load(ctx->s, &o, &e) < 0)
		return cli_error("%s", e.msg);
	o.unprotected = unprotected;
	if (unprotected)
		fprintf(stderr, ctx->english ? "ladder: warning: --unprotected: confidential figures are shown; for analysts only, never publish this output\n"
					     : "ladder: waarschuwing: --unprotected: vertrouwelijke cijfers worden getoond; enkel voor analisten, nooit publiceren\n");
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
	const char *area = NULL, *year = NULL, *edition = NULL, *unprotected = NULL, *geography = NULL;
	cli_option opts[] = {{"--area", 1, &area}, {"--year", 1, &year}, {"--edition", 1, &edition},
			     {"--geography", 1, &geography}, {"--unprotected", 0, &unprotected}};
	int rc, map = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	if (!area || !year)
		return cli_usage("show needs --area CODE|NAME and --year YYYY");
	if (ctx->argc)
		return cli_usage("unexpected argument '%s'", ctx->argv[0]);
	if (geography && (rc = cli_int("geography", geography, &map)))
		return rc;
	if (map) /* the year's figures on another year's map */
		model_set_map(ctx->m, map);
	lerr e;
	int ai = model_find_area(ctx->m, area, &e);
	if (ai >= 0 && ctx->m->areas[ai].level != LEVEL_GROUPING && !model_area_valid_in_year(&ctx->m->areas[ai], ctx->m->map_year))
		return cli_error(V(ctx->english, show_area_off_map), ctx->m->areas[ai].code, ctx->m->areas[ai].name_nl,
				 ctx->m->map_year, ctx->m->areas[ai].valid_from, ctx->m->areas[ai].valid_to);
	return cli_show(ctx, area, year, edition, unprotected != NULL);
}
