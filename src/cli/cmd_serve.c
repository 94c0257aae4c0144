/* cmd_serve.c - ladder serve: the dashboard and the API. */
#include "cli.h"
#include "../http/http.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_serve(cli_ctx *ctx, int argc, char **argv)
{
	const char *bind = "127.0.0.1", *port = "8080", *threads = "2", *quiet = NULL;
	cli_option opts[] = {{"--bind", 1, &bind}, {"--port", 1, &port}, {"--threads", 1, &threads}, {"--quiet", 0, &quiet}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 4)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage("unexpected argument '%s'", ctx->argv[0]);
	int p, t;
	if ((rc = cli_int("port", port, &p)) || (rc = cli_int("threads", threads, &t)))
		return rc;
	http_options o = {ctx->db_path, bind, p, t, quiet != NULL};
	lerr e;
	if (http_serve(&o, &e) < 0)
		return cli_error("%s", e.msg);
	return 0;
}
