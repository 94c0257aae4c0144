/* cmd_demo.c - ladder demo: a database built from the demo data compiled
 * into the binary (see docs/demo.md), then the West-Vlaanderen 2017 ladder. */
#include "cli.h"
#include "../base/vocab.h"
#include "../base/embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const demo_files[] = {
	"demo/regions-wvl.csv", "demo/figures-edition2017.csv", "demo/figures-edition2018.csv",
	"demo/flanders-estimated.csv", "demo/synthetic-municipalities.csv", "demo/context.csv", "demo/population-2019.csv",
	"demo/claims.csv",
	"demo/editions.csv",
};

/* --series: the synthetic series of collectief maatwerk 2010-2024 (edition
 * "reeks"), for `ladder series --chain`. Not in the default demo: its years
 * would make 2024 the demo's latest year, and the dashboard opens on that. */
static const char *const series_file = "demo/series-collectief-maatwerk.csv";

/* A demo database may be rebuilt; anything else is user data. */
static int is_demo_db(const char *path)
{
	lerr e;
	store *s = store_open(path, 0, 0, &e);
	if (!s)
		return 0;
	int foreign = 1; /* a store that cannot say is not rebuilt */
	if (store_user_batches(s, &foreign, &e) < 0)
		foreign = 1;
	store_close(s);
	return foreign == 0;
}

static void remove_db(const char *path)
{
	char side[4096];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

int cmd_demo(cli_ctx *ctx, int argc, char **argv)
{
	const char *quiet = NULL, *series = NULL, *full = NULL;
	cli_option opts[] = {{"--quiet", 0, &quiet}, {"--series", 0, &series}, {"--full", 0, &full}};
	if (!getenv("LADDER_DB") || !*getenv("LADDER_DB"))
		ctx->db_path = "ladder-demo.db";
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 3)))
		return rc < 0 ? 0 : rc;
	if (access(ctx->db_path, F_OK) == 0) {
		if (!is_demo_db(ctx->db_path))
			return cli_error(V(ctx->english, cli_demo_not_demo), ctx->db_path);
		remove_db(ctx->db_path);
	}
	lerr e;
	ctx->s = store_open(ctx->db_path, 1, ctx->english, &e);
	if (!ctx->s)
		return cli_error("%s", e.msg);
	if ((rc = cli_init_store(ctx->s, ctx->english, 1)))
		return rc;
	size_t n_files = sizeof demo_files / sizeof demo_files[0];
	for (size_t i = 0; i < n_files + (series != NULL); i++) {
		const char *name = i < n_files ? demo_files[i] : series_file;
		const embed_file *f = embed_find(name);
		if (!f)
			return cli_error(V(ctx->english, cli_demo_file_missing), name);
		imp_options o = {.english = ctx->english};
		imp_report r;
		rc = imp_run_mem(ctx->s, f->name, f->data, f->len, &o, &r);
		if (rc < 0)
			cli_print_import(&r, &o, ctx->english);
		imp_report_release(&r);
		if (rc < 0)
			return CLI_FAILURE;
	}
	if (full && (rc = demo_full_import(ctx->s, ctx->english)))
		return rc;
	/* every grid protected and cached now, on every map: the seed's
	 * imports do not (each would protect again what the next changes) */
	if (store_begin(ctx->s, &e) < 0 || calc_grids_complete(ctx->s, &e) < 0 || store_commit(ctx->s, &e) < 0) {
		store_rollback(ctx->s);
		return cli_error("%s", e.msg);
	}
	ctx->m = store_load_model(ctx->s, &e);
	if (!ctx->m)
		return cli_error("%s", e.msg);
	if (!quiet)
		fprintf(stderr, V(ctx->english, cli_demo_database), ctx->db_path);
	/* the seed's edition: with --full, 2017 has the synthetic edition too */
	return cli_show(ctx, "30000", "2017", full ? "2018" : NULL, 0);
}
