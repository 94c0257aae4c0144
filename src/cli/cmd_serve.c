/* cmd_serve.c - ladder serve: the dashboard and the API. */
#include "cli.h"
#include "../http/http.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_serve(cli_ctx *ctx, int argc, char **argv)
{
	const char *bind = "127.0.0.1", *port = "8080", *threads = "2", *quiet = NULL, *unprotected = NULL;
	cli_option opts[] = {{"--bind", 1, &bind}, {"--port", 1, &port}, {"--threads", 1, &threads}, {"--quiet", 0, &quiet},
			     {"--unprotected", 0, &unprotected}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	if (unprotected)
		return cli_error("serve publishes: --unprotected is refused here (use 'ladder show --unprotected' as an analyst)");
	if (ctx->argc)
		return cli_error("unexpected argument '%s'", ctx->argv[0]);
	char *end;
	long p = strtol(port, &end, 10), t = strtol(threads, &end, 10);
	if (p < 1 || p > 65535)
		return cli_error("--port: expected 1 to 65535, got '%s'", port);
	if (t < 1 || t > 64)
		return cli_error("--threads: expected 1 to 64, got '%s'", threads);
	http_options o = {ctx->db_path, bind, (int)p, (int)t, quiet != NULL};
	lerr e;
	if (http_serve(&o, &e) < 0)
		return cli_error("%s", e.msg);
	return 0;
}
