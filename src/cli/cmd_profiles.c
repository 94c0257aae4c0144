/* cmd_profiles.c - source profiles (docs/sources.md): ladder profiles
 * list | show | import | export, and the profile `import --profile` reads
 * (a stored one by name, or a file). */
#include "cli.h"
#include "../model/profile.h"
#include "../base/vocab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A profile file's text into b (at most PROF_MAX_TEXT bytes); a failure
 * worded in the user's language (en). */
static int read_profile_file(const char *path, int en, buf *b, lerr *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return lerr_set(e, LERR_IO, V(en, profiles_cannot_read), path, lerr_reason(errno, en));
	char chunk[8192];
	size_t n;
	errno = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b->len <= PROF_MAX_TEXT)
		buf_add(b, chunk, n);
	int bad = ferror(f) ? (errno ? errno : EIO) : 0; /* a directory: EISDIR */
	fclose(f);
	if (bad)
		return lerr_set(e, LERR_IO, V(en, profiles_cannot_read), path, lerr_reason(bad, en));
	return 0;
}

static int parse_error(const lerr *e)
{
	fprintf(stderr, "%s:%ld:%d: %s\n", e->file, e->line, e->column, e->msg);
	return CLI_FAILURE;
}

/* Is arg a file (a path) rather than a stored profile's name? */
static int names_a_file(const char *arg)
{
	return strchr(arg, '/') || strchr(arg, '.');
}

int cli_profile_load(cli_ctx *ctx, const char *arg, arena *a, const prof **out, const char **label)
{
	buf text = BUF_INIT;
	lerr e;
	int version = 0;
	int rc = names_a_file(arg) ? read_profile_file(arg, ctx->english, &text, &e) : store_profile_get(ctx->s, arg, 0, &text, &version, &e);
	if (rc < 0) {
		buf_release(&text);
		return cli_error("%s", e.msg);
	}
	*label = version ? arena_printf(a, "%s v%d", arg, version) : arena_strdup(a, arg);
	prof *p;
	rc = prof_parse(a, *label, buf_cstr(&text), text.len, ctx->english, &p, &e);
	buf_release(&text);
	if (rc < 0)
		return parse_error(&e);
	*out = p;
	return 0;
}

static const rnd_column profile_cols[] = {
	{"name", "Naam", "Name"},           {"version", "Versie", "Version"}, {"supplier", "Leverancier", "Supplier"},
	{"imported_at", "Ingelezen", "Imported"}, {"file", "Bestand", "File"},
};

static void list_row(void *arg, const store_profile_row *r)
{
	rnd_table *t = arg;
	rnd_cell *row = rnd_table_row(t);
	rnd_set_text(t, row, 0, r->name);
	rnd_set_num(row, 1, CELL_COUNT, r->versions, 0);
	rnd_set_text(t, row, 2, r->supplier);
	rnd_set_text(t, row, 3, r->imported_at);
	rnd_set_text(t, row, 4, r->file);
}

int cmd_profiles_list(cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage(V(ctx->english, profiles_unexpected), ctx->argv[0]);
	rnd_table *t = rnd_table_new(profile_cols, 5);
	lerr e;
	if (store_profiles(ctx->s, list_row, t, &e) < 0) {
		rnd_table_free(t);
		return cli_error("%s", e.msg);
	}
	return cli_emit_table(ctx, t);
}

/* show and export: the text of a version (the latest unless --version). */
static int print_profile(cli_ctx *ctx, int argc, char **argv, int with_head)
{
	const char *version = NULL;
	cli_option opts[] = {{"--version", 1, &version}};
	int rc, v = 0, got;
	if ((rc = cli_parse(ctx, argc, argv, opts, 1)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc != 1)
		return cli_usage("%s", V(ctx->english, profiles_name_one));
	if (version && cli_int(ctx->english, "version.profile", version, &v))
		return CLI_USAGE;
	buf text = BUF_INIT, out = BUF_INIT;
	lerr e;
	if (store_profile_get(ctx->s, ctx->argv[0], v, &text, &got, &e) < 0) {
		buf_release(&text);
		return cli_error("%s", e.msg);
	}
	if (with_head)
		buf_printf(&out, V(ctx->english, profiles_version_head), ctx->argv[0], got);
	buf_add(&out, text.ptr ? text.ptr : "", text.len);
	buf_release(&text);
	rc = cli_emit(&out);
	buf_release(&out);
	return rc;
}

int cmd_profiles_show(cli_ctx *ctx, int argc, char **argv)
{
	return print_profile(ctx, argc, argv, 1);
}

int cmd_profiles_export(cli_ctx *ctx, int argc, char **argv)
{
	return print_profile(ctx, argc, argv, 0);
}

/* Every file parsed first; then all stored in one transaction. */
int cmd_profiles_import(cli_ctx *ctx, int argc, char **argv)
{
	int dry, rc;
	if ((rc = cli_parse_files(ctx, argc, argv, VOCAB_PAIR(profiles_no_files), &dry)))
		return rc < 0 ? 0 : rc;
	arena a;
	arena_init(&a);
	buf *texts = xcalloc((size_t)ctx->argc, sizeof *texts);
	const prof **ps = xcalloc((size_t)ctx->argc, sizeof *ps);
	lerr e;
	rc = 0;
	for (int i = 0; i < ctx->argc && rc == 0; i++) {
		prof *p;
		if (read_profile_file(ctx->argv[i], ctx->english, &texts[i], &e) < 0)
			rc = cli_error("%s", e.msg);
		else if (prof_parse(&a, ctx->argv[i], buf_cstr(&texts[i]), texts[i].len, ctx->english, &p, &e) < 0)
			rc = parse_error(&e);
		else
			ps[i] = p;
	}
	if (rc == 0 && store_begin(ctx->s, &e) < 0)
		rc = cli_error("%s", e.msg);
	for (int i = 0; i < ctx->argc && rc == 0; i++) {
		store_profile_text t = {ps[i]->name, ps[i]->supplier, ctx->argv[i], buf_cstr(&texts[i]), texts[i].len};
		int version, added;
		if (store_profile_put(ctx->s, &t, &version, &added, &e) < 0)
			rc = cli_error("%s", e.msg);
		else if (added)
			printf(V(ctx->english, profiles_added), ctx->argv[i], ps[i]->name, version);
		else
			printf(V(ctx->english, profiles_unchanged), ctx->argv[i], ps[i]->name, version);
	}
	if (rc == 0 && !dry && store_commit(ctx->s, &e) < 0)
		rc = cli_error("%s", e.msg);
	store_rollback(ctx->s); /* no-op after a commit */
	if (rc == 0 && dry)
		fputs(V(ctx->english, profiles_dry_run), stdout);
	for (int i = 0; i < ctx->argc; i++)
		buf_release(&texts[i]);
	free(texts);
	free(ps);
	arena_release(&a);
	return rc;
}
