/* cmd_check.c - ladder check: data checks and published claims. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_check(cli_ctx *ctx, int argc, char **argv)
{
	const char *area = NULL, *year = NULL, *edition = NULL, *jump = NULL, *jump_min = NULL;
	cli_option opts[] = {{"--area", 1, &area}, {"--year", 1, &year}, {"--edition", 1, &edition},
			     {"--jump", 1, &jump}, {"--jump-min", 1, &jump_min}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_error("unexpected argument '%s'", ctx->argv[0]);
	check_options o;
	check_options_default(&o);
	lerr e;
	if (area && (o.area = model_find_area(ctx->m, area, &e)) < 0)
		return cli_error("--area: %s", e.msg);
	char *end;
	if (year && ((o.year = (int)strtol(year, &end, 10)) < 1990 || *end || o.year > 2100))
		return cli_error("--year: expected a year such as 2017, got '%s'", year);
	if (jump && ((o.jump_pct = strtod(jump, &end)) <= 0 || *end))
		return cli_error("--jump: expected a percentage above 0, got '%s'", jump);
	if (jump_min && ((o.jump_min = strtod(jump_min, &end)) < 0 || *end))
		return cli_error("--jump-min: expected a number of persons, got '%s'", jump_min);
	if (edition) {
		int id;
		if (store_edition(ctx->s, edition, 0, &id, &e) < 0 || !id)
			return cli_error("--edition: unknown edition '%s'", edition);
		o.edition = edition;
	}
	check_report *r = check_run(ctx->s, ctx->m, &o, &e);
	if (!r)
		return cli_error("%s", e.msg);
	rnd_opts ro = {ctx->format, ctx->english};
	buf b = BUF_INIT;
	rnd_check_render(&b, r, ctx->m, &ro);
	rc = cli_emit(&b) ? 1 : check_exit_status(r);
	buf_release(&b);
	check_report_free(r);
	return rc;
}
