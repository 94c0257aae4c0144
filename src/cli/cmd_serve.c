/* cmd_serve.c - ladder serve: the dashboard and the API; with --survey
 * also the providers' form. */
#include "cli.h"
#include "../http/http.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_serve(cli_ctx *ctx, int argc, char **argv)
{
	const char *bind = "127.0.0.1", *port = "8080", *threads = "2", *quiet = NULL, *survey = NULL,
		   *tls_cert = NULL, *tls_key = NULL, *behind_proxy = NULL;
	cli_option opts[] = {{"--bind", 1, &bind},         {"--port", 1, &port},         {"--threads", 1, &threads},
			     {"--quiet", 0, &quiet},       {"--survey", 0, &survey},     {"--tls-cert", 1, &tls_cert},
			     {"--tls-key", 1, &tls_key},   {"--behind-proxy", 0, &behind_proxy}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, (int)(sizeof opts / sizeof opts[0]))))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_unexpected(ctx);
	if (!tls_cert != !tls_key)
		return cli_usage("%s", V(ctx->english, serve_tls_pair));
	int p, t;
	if ((rc = cli_int(ctx->english, "port", port, &p)) || (rc = cli_int(ctx->english, "threads", threads, &t)))
		return rc;
	http_options o = {ctx->db_path, bind, p, t, quiet != NULL, survey != NULL, tls_cert, tls_key, behind_proxy != NULL, ctx->english};
	lerr e;
	if (http_serve(&o, &e) < 0)
		return cli_error("%s", e.msg);
	return 0;
}
