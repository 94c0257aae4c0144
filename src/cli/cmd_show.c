/* cmd_show.c - ladder show: the participation ladder of an area and year. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_show(cli_ctx *ctx, const char *area, const char *year, const char *edition);

int cli_show(cli_ctx *ctx, const char *area, const char *year, const char *edition)
{
	lerr e;
	int ai = model_find_area(ctx->m, area, &e);
	if (ai < 0)
		return cli_error("--area: %s", e.msg);
	char *end;
	long y = strtol(year, &end, 10);
	if (*end || y < 1990 || y > 2100)
		return cli_error("--year: expected a year such as 2017, got '%s'", year);
	calc_ladder *l = calc_ladder_new(ctx->s, ctx->m, ai, (int)y, edition, &e);
	if (!l)
		return cli_error("%s", e.msg);
	rnd_opts o = {ctx->format, ctx->english};
	buf b = BUF_INIT;
	rnd_ladder_render(&b, l, &o);
	int rc = cli_emit(&b);
	buf_release(&b);
	calc_ladder_free(l);
	return rc;
}

int cmd_show(cli_ctx *ctx, int argc, char **argv)
{
	const char *area = NULL, *year = NULL, *edition = NULL;
	cli_option opts[] = {{"--area", 1, &area}, {"--year", 1, &year}, {"--edition", 1, &edition}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 3)))
		return rc < 0 ? 0 : rc;
	if (!area || !year)
		return cli_error("show needs --area CODE|NAME and --year YYYY");
	if (ctx->argc)
		return cli_error("unexpected argument '%s'", ctx->argv[0]);
	return cli_show(ctx, area, year, edition);
}
