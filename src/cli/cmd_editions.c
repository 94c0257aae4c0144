/* cmd_editions.c - editions as a workflow: ladder editions set (metadata),
 * editions new (an edition that carries the previous one's figures
 * forward) and editions diff (what changed). `editions list` lives with the
 * other listings in cmd_data.c. */
#include "cli.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The metadata options, as text from the command line. */
typedef struct meta_opts {
	const char *title, *ordinal, *data_year, *published, *notes;
} meta_opts;

#define META_OPTIONS(mo)                                                                                         \
	{"--title", 1, &(mo).title}, {"--ordinal", 1, &(mo).ordinal}, {"--data-year", 1, &(mo).data_year},       \
		{"--published", 1, &(mo).published}, { "--notes", 1, &(mo).notes }

/* The option of an editions file's column (data_year: --data-year). */
static const char *option_of(const char *column)
{
	return strcmp(column, "data_year") == 0 ? "data-year" : column;
}

/* m and *fields from the options given; CLI_USAGE after a message. */
static int meta_of(const meta_opts *mo, int en, store_edition_meta *m, unsigned *fields)
{
	memset(m, 0, sizeof *m);
	*fields = 0;
	if (mo->title) {
		snprintf(m->title, sizeof m->title, "%s", mo->title);
		*fields |= STORE_META_TITLE;
	}
	if (mo->notes) {
		snprintf(m->notes, sizeof m->notes, "%s", mo->notes);
		*fields |= STORE_META_NOTES;
	}
	if (mo->published) {
		snprintf(m->published, sizeof m->published, "%s", mo->published);
		*fields |= STORE_META_PUBLISHED;
	}
	if (mo->ordinal) {
		if (cli_int(en, "ordinal", mo->ordinal, &m->ordinal))
			return CLI_USAGE;
		*fields |= STORE_META_ORDINAL;
	}
	if (mo->data_year) {
		if (cli_int(en, "data-year", mo->data_year, &m->data_year))
			return CLI_USAGE;
		*fields |= STORE_META_DATA_YEAR;
	}
	const char *column;
	lerr why;
	if (store_edition_meta_check(m, *fields, en, &column, &why) < 0)
		return cli_usage("--%s: %s", option_of(column), why.msg);
	return 0;
}

static int edition_arg(cli_ctx *ctx, const char *cmd)
{
	if (ctx->argc != 1)
		return cli_usage(V(ctx->english, edition_usage_one_code), cmd);
	if (!*ctx->argv[0] || !imp_valid_edition_code(ctx->argv[0]))
		return cli_usage(V(ctx->english, edition_usage_bad_code), ctx->argv[0]);
	return 0;
}

int cmd_editions_set(cli_ctx *ctx, int argc, char **argv)
{
	meta_opts mo = {0};
	cli_option opts[] = {META_OPTIONS(mo)};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	if ((rc = edition_arg(ctx, "set")))
		return rc;
	store_edition_meta m;
	unsigned fields;
	if ((rc = meta_of(&mo, ctx->english, &m, &fields)))
		return rc;
	if (!fields)
		return cli_usage("%s", V(ctx->english, edition_usage_nothing_to_set));
	lerr e;
	if (store_begin(ctx->s, &e) < 0)
		return cli_error("%s", e.msg);
	if (store_edition_meta_set(ctx->s, ctx->argv[0], &m, fields, &e) < 0 || store_commit(ctx->s, &e) < 0) {
		store_rollback(ctx->s);
		return cli_error("%s", e.msg);
	}
	return CLI_OK;
}

int cmd_editions_new(cli_ctx *ctx, int argc, char **argv)
{
	meta_opts mo = {0};
	const char *from = NULL;
	cli_option opts[] = {{"--from", 1, &from}, META_OPTIONS(mo)};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 6)))
		return rc < 0 ? 0 : rc;
	if ((rc = edition_arg(ctx, "new")))
		return rc;
	store_edition_meta m;
	unsigned fields;
	if ((rc = meta_of(&mo, ctx->english, &m, &fields)))
		return rc;
	const char *code = ctx->argv[0];
	lerr e;
	long long carried = 0;
	int *years = NULL, n_years = 0;
	if (store_begin(ctx->s, &e) < 0)
		return cli_error("%s", e.msg);
	/* all or nothing: the figures, their coverage, the metadata and the
	 * protected grids of the new pairs in one transaction */
	rc = store_edition_carry(ctx->s, code, from, &carried, &years, &n_years, &e);
	if (rc == 0 && fields)
		rc = store_edition_meta_set(ctx->s, code, &m, fields, &e);
	int id = 0;
	if (rc == 0)
		rc = store_edition(ctx->s, code, 0, &id, &e);
	int(*pairs)[2] = xcalloc((size_t)n_years + 1, sizeof *pairs);
	for (int i = 0; i < n_years; i++) {
		pairs[i][0] = id;
		pairs[i][1] = years[i];
	}
	if (rc == 0)
		rc = calc_grids_refresh(ctx->s, (const int(*)[2])pairs, n_years, NULL, NULL, &e);
	free(pairs);
	if (rc == 0)
		rc = store_commit(ctx->s, &e);
	if (rc < 0) {
		store_rollback(ctx->s);
		free(years);
		return cli_error("%s", e.msg);
	}
	buf list = BUF_INIT, n = BUF_INIT;
	for (int i = 0; i < n_years; i++)
		buf_printf(&list, "%s%d", i ? ", " : "", years[i]);
	rnd_count(&n, (double)carried, ctx->english);
	printf(V(ctx->english, edition_new_done), code, n.ptr, from, list.ptr ? list.ptr : "", code);
	buf_release(&list);
	buf_release(&n);
	free(years);
	return CLI_OK;
}

int cmd_editions_diff(cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc != 2)
		return cli_usage("%s", V(ctx->english, edition_usage_two_codes));
	lerr e;
	ediff *d = ediff_new(ctx->s, ctx->m, ctx->argv[0], ctx->argv[1], &e);
	if (!d)
		return cli_error("%s", e.msg);
	rnd_opts o = {ctx->format, ctx->english, ctx->width};
	rc = cli_emit_table(ctx, rnd_ediff_table(d, &o));
	ediff_free(d);
	return rc;
}
