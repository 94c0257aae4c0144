/* cmd_check.c - ladder check: data checks and published claims. */
#include "cli.h"
#include "../base/vocab.h"

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
		return cli_unexpected(ctx);
	check_options o;
	check_options_default(&o);
	lerr e;
	if (area && (o.area = model_find_area_msg(ctx->m, area, ctx->english, &e)) < 0)
		return cli_error("--area: %s", e.msg);
	if ((year && (rc = cli_int(ctx->english, "year.filter", year, &o.year))) || (jump && (rc = cli_real(ctx->english, "jump", jump, &o.jump_pct))) ||
	    (jump_min && (rc = cli_real(ctx->english, "jump-min", jump_min, &o.jump_min))))
		return rc;
	if (edition) {
		int id;
		if (store_edition(ctx->s, edition, 0, &id, &e) < 0 || !id)
			return cli_error(V(ctx->english, cli_unknown_edition), edition);
		o.edition = edition;
	}
	check_report *r = check_run(ctx->s, ctx->m, &o, &e);
	if (!r)
		return cli_error("%s", e.msg);
	rnd_opts ro = {ctx->format, ctx->english, ctx->width};
	buf b = BUF_INIT;
	rnd_check_render(&b, r, ctx->m, &ro);
	rc = cli_emit(&b) ? CLI_FAILURE : check_exit_status(r);
	buf_release(&b);
	check_report_free(r);
	return rc;
}
