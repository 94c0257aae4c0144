/* cmd_survey_sheet.c - the survey for providers who prefer a spreadsheet
 * (issue 17): `survey templates` writes one filled-in .xlsx per provider
 * (its sites and work forms, last year's numbers, the answer so far), and
 * `survey import` reads them back with the checks of the web form
 * (survey.h), all files or none, each a new final version of the
 * provider's answer. */
#include "cli.h"
#include "../base/sheet.h"
#include "../base/vocab.h"
#include "../model/survey.h"
#include "../render/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The invites of a round: what both commands go through. */
typedef struct invite {
	int id, version;
	char *code, *name;
} invite;
typedef struct invites {
	invite *v;
	int n;
	arena *mem;
} invites;

static void collect(void *arg, const store_invite_row *r)
{
	invites *l = arg;
	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	l->v[l->n++] = (invite){r->invite, r->version, arena_strdup(l->mem, r->provider_code), arena_strdup(l->mem, r->provider_name)};
}

/* One field of a provider's form, copied out of store_survey_rows. */
typedef struct field {
	exp_survey_field x;
	int site, work_form;
	long line; /* where an answers file gave it (0: not yet) */
} field;
typedef struct fields {
	field *v;
	int n;
	arena *mem;
} fields;

static void collect_field(void *arg, const store_survey_row *r)
{
	fields *l = arg;
	arena *a = l->mem;
	l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
	field *f = &l->v[l->n++];
	memset(f, 0, sizeof *f);
	f->x = (exp_survey_field){arena_strdup(a, r->site_code), arena_strdup(a, r->site_name), arena_strdup(a, r->area_code),
				  arena_strdup(a, r->area_name), arena_strdup(a, r->form_code), arena_strdup(a, r->form_name_nl),
				  r->site_open, r->has_last, r->has_year, r->has_ref, r->last, r->persons_year, r->persons_ref,
				  arena_strdup(a, r->comment)};
	f->site = r->site;
	f->work_form = r->work_form;
}

static int round_and_invites(cli_ctx *ctx, const char *year, const char *edition, store_round_info *ri, invites *l)
{
	int rc, round;
	if ((rc = cli_survey_round(ctx, year, edition, &round)))
		return rc;
	lerr e;
	if (store_survey_round_info(ctx->s, round, ri, &e) < 0 || store_survey_invites(ctx->s, round, collect, l, &e) < 0)
		return cli_error("%s", e.msg);
	if (*ri->closed_at)
		return cli_error(V(ctx->english, survey_round_closed), ri->year, ri->edition, ri->closed_at);
	return 0;
}

/* ------------------------------------------------------------ templates */

static int write_template(cli_ctx *ctx, const store_round_info *ri, const invite *iv, const char *dir, int force, arena *mem)
{
	fields fl = {NULL, 0, mem};
	lerr e;
	if (store_survey_rows(ctx->s, iv->id, 0, collect_field, &fl, &e) < 0) {
		free(fl.v);
		return cli_error("%s", e.msg);
	}
	exp_survey_field *xs = xmalloc((size_t)(fl.n + 1) * sizeof *xs);
	for (int i = 0; i < fl.n; i++) {
		xs[i] = fl.v[i].x;
		if (ctx->english) { /* the work form's English name where it has one */
			int k = model_node_index(ctx->m, xs[i].form);
			if (k >= 0)
				xs[i].form_name = model_node_name(&ctx->m->nodes[k], 1);
		}
	}
	exp_survey_form form = {iv->code, iv->name, ri->edition, ri->closes, ri->year, xs, fl.n, ctx->english};
	char *path = xasprintf("%s/%s.xlsx", dir, iv->code);
	int rc;
	afile *f = cli_out_open(ctx->english, path, force);
	if (!f)
		rc = CLI_FAILURE;
	else if (exp_survey_template(afile_path(f), &form, &e) < 0)
		rc = cli_out_fail(ctx->english, f, path, &e);
	else
		rc = cli_out_commit(ctx->english, f);
	free(path);
	free(xs);
	free(fl.v);
	return rc;
}

int cmd_survey_templates(cli_ctx *ctx, int argc, char **argv)
{
	const char *year = NULL, *edition = NULL, *out = NULL, *force = NULL, *only = NULL;
	cli_option opts[] = {{"--year", 1, &year}, {"--edition", 1, &edition}, {"--out", 1, &out}, {"--force", 0, &force},
			     {"--provider", 1, &only}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage(V(ctx->english, survey_unexpected_arg), ctx->argv[0]);
	arena mem;
	arena_init(&mem);
	store_round_info ri;
	invites l = {NULL, 0, &mem};
	if ((rc = round_and_invites(ctx, year, edition, &ri, &l)) == 0 && mkdir(out, 0777) < 0 && errno != EEXIST)
		rc = cli_error("%s: %s", out, lerr_reason(errno, ctx->english));
	int written = 0;
	for (int i = 0; i < l.n && rc == 0; i++) {
		size_t n = strlen(l.v[i].code);
		int wanted = !only;
		for (const char *p = only; p && !wanted; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
			wanted = strncmp(p, l.v[i].code, n) == 0 && (p[n] == ',' || p[n] == '\0');
		if (wanted && (rc = write_template(ctx, &ri, &l.v[i], out, force != NULL, &mem)) == 0)
			written++;
	}
	if (rc == 0)
		printf(V(ctx->english, survey_templates_written), written, out);
	free(l.v);
	arena_release(&mem);
	return rc;
}

/* --------------------------------------------------------------- import */

/* Rows of a CSV file or of a spreadsheet's first sheet. */
typedef struct source {
	const char *path;
	csv_reader *csv;
	sheet_book *book;
} source;

static int source_open(source *s, const char *path, int en, lerr *err)
{
	memset(s, 0, sizeof *s);
	s->path = path;
	if (sheet_is_spreadsheet(path)) {
		s->book = sheet_open(path, NULL, en, err);
		if (s->book && sheet_select(s->book, NULL, err) < 0) { /* the first sheet: the answers */
			sheet_free(s->book);
			s->book = NULL;
		}
	} else
		s->csv = csv_open_file_lang(path, en, err);
	return s->book || s->csv ? 0 : LERR_IO;
}

static int source_next(source *s, csv_row **row, lerr *err)
{
	return s->book ? sheet_next(s->book, row, err) : csv_next(s->csv, row, err);
}

static void source_where(const source *s, const csv_field *f, long line, char *out, size_t cap)
{
	int col = f ? f->col : 1;
	if (s->book)
		sheet_where(s->book, out, cap, col, f ? f->line : line);
	else
		snprintf(out, cap, "%s:%ld:%d", s->path, f ? f->line : line, col);
}

static void source_close(source *s)
{
	if (s->book)
		sheet_free(s->book);
	if (s->csv)
		csv_free(s->csv);
}

/* One answers file, read and checked. */
typedef struct answers {
	const char *path;
	const invite *iv;
	fields fl;
	store_survey_value *values;
	int n_values;
} answers;

typedef struct reading {
	cli_ctx *ctx;
	const invites *inv;
	buf errors;
	int n_errors;
	arena mem;
} reading;

static void problem(reading *rd, const source *s, const csv_field *f, long line, const char *column, const char *what)
{
	if (rd->n_errors++ >= IMP_MAX_ERRORS)
		return;
	char where[640];
	source_where(s, f, line, where, sizeof where);
	buf_printf(&rd->errors, V(rd->ctx->english, survey_import_error), where, column, what);
}

static const char *problem_text(enum survey_problem p, int en)
{
	switch (p) {
	case SURVEY_NOT_WHOLE: return V(en, survey_problem_not_whole);
	case SURVEY_TOO_LARGE: return V(en, survey_problem_too_large);
	case SURVEY_NEEDS_COMMENT: return V(en, survey_problem_needs_comment);
	case SURVEY_SITE_CLOSED: return V(en, survey_problem_site_closed);
	case SURVEY_MISSING: return V(en, survey_problem_missing);
	default: return "";
	}
}

/* The first row naming a provider fixes the file's provider and form. */
static int file_provider(reading *rd, answers *a, const source *s, const survey_answer *ans, long line)
{
	if (a->iv)
		return strcmp(ans->v[SURVEY_COL_PROVIDER], a->iv->code) == 0 ? 0 : LERR_PARSE;
	for (int i = 0; i < rd->inv->n; i++)
		if (strcmp(rd->inv->v[i].code, ans->v[SURVEY_COL_PROVIDER]) == 0)
			a->iv = &rd->inv->v[i];
	if (!a->iv) {
		char msg[256];
		snprintf(msg, sizeof msg, V(rd->ctx->english, survey_import_not_asked), ans->v[SURVEY_COL_PROVIDER]);
		problem(rd, s, ans->at[SURVEY_COL_PROVIDER], line, "provider", msg);
		return LERR_PARSE;
	}
	a->fl.mem = &rd->mem;
	lerr e;
	if (store_survey_rows(rd->ctx->s, a->iv->id, 0, collect_field, &a->fl, &e) < 0) {
		problem(rd, s, NULL, line, "provider", e.msg);
		return LERR_DB;
	}
	return 0;
}

static int read_answers(reading *rd, answers *a, const char *path)
{
	source s;
	lerr e;
	int en = rd->ctx->english;
	a->path = path;
	if (source_open(&s, path, en, &e) < 0) {
		rd->n_errors++;
		buf_printf(&rd->errors, "%s\n", e.msg);
		return LERR_IO;
	}
	csv_row *r;
	survey_sheet sh;
	int rc = source_next(&s, &r, &e), at = 0;
	if (rc <= 0) {
		problem(rd, &s, NULL, 1, "", rc < 0 ? e.msg : V(en, survey_import_empty));
		source_close(&s);
		return LERR_PARSE;
	}
	enum survey_header_problem hp = survey_sheet_header(r, &sh, &at);
	if (hp != SURVEY_HEADER_OK) {
		char msg[256];
		if (hp == SURVEY_HEADER_MISSING)
			snprintf(msg, sizeof msg, V(en, survey_import_missing_col), survey_sheet_col_name(at));
		else if (hp == SURVEY_HEADER_TWICE)
			snprintf(msg, sizeof msg, V(en, survey_import_col_twice), r->f[at].s);
		else
			snprintf(msg, sizeof msg, V(en, survey_import_col_unknown), r->f[at].s);
		problem(rd, &s, hp == SURVEY_HEADER_MISSING ? NULL : &r->f[at], r->line, "header", msg);
		source_close(&s);
		return LERR_PARSE;
	}
	while ((rc = source_next(&s, &r, &e)) > 0) {
		if (survey_row_blank(r))
			continue;
		survey_answer ans;
		survey_sheet_row(&sh, r, &ans);
		if (file_provider(rd, a, &s, &ans, r->line) < 0) {
			if (a->iv) {
				char msg[256];
				snprintf(msg, sizeof msg, V(en, survey_import_two_providers), a->iv->code);
				problem(rd, &s, ans.at[SURVEY_COL_PROVIDER], r->line, "provider", msg);
			}
			break;
		}
		field *f = NULL;
		for (int i = 0; i < a->fl.n && !f; i++)
			if (strcmp(a->fl.v[i].x.site, ans.v[SURVEY_COL_SITE]) == 0 && strcmp(a->fl.v[i].x.form, ans.v[SURVEY_COL_FORM]) == 0)
				f = &a->fl.v[i];
		char msg[512];
		if (!f) {
			snprintf(msg, sizeof msg, V(en, survey_import_not_on_form), ans.v[SURVEY_COL_SITE], ans.v[SURVEY_COL_FORM], a->iv->code);
			problem(rd, &s, ans.at[SURVEY_COL_SITE], r->line, "site", msg);
			continue;
		}
		if (f->line) {
			snprintf(msg, sizeof msg, V(en, survey_import_twice), f->line);
			problem(rd, &s, ans.at[SURVEY_COL_SITE], r->line, "site", msg);
			continue;
		}
		f->line = r->line;
		int given, given_ref;
		long long v, ref;
		enum survey_problem p = survey_parse_persons(ans.v[SURVEY_COL_PERSONS], &given, &v);
		if (p == SURVEY_OK)
			p = survey_check(f->x.site_open, given, v, f->x.has_last, f->x.last, ans.v[SURVEY_COL_COMMENT], 1);
		if (p != SURVEY_OK)
			problem(rd, &s, ans.at[SURVEY_COL_PERSONS], r->line, "persons", problem_text(p, en));
		enum survey_problem pr = survey_parse_persons(ans.v[SURVEY_COL_REF], &given_ref, &ref);
		if (pr == SURVEY_OK && !f->x.site_open && given_ref && ref)
			pr = SURVEY_SITE_CLOSED;
		if (pr != SURVEY_OK)
			problem(rd, &s, ans.at[SURVEY_COL_REF], r->line, "persons_ref", problem_text(pr, en));
		if (p != SURVEY_OK || pr != SURVEY_OK)
			continue;
		a->values = xrealloc(a->values, (size_t)(a->n_values + 1) * sizeof *a->values);
		a->values[a->n_values++] = (store_survey_value){f->site, f->work_form, given, given_ref, v, ref,
								arena_strdup(&rd->mem, ans.v[SURVEY_COL_COMMENT])};
	}
	if (rc < 0)
		problem(rd, &s, NULL, 0, "", e.msg);
	else if (!a->iv)
		problem(rd, &s, NULL, 2, "", V(en, survey_import_empty));
	else /* every open site's number: a spreadsheet is a final answer */
		for (int i = 0; i < a->fl.n; i++)
			if (!a->fl.v[i].line && a->fl.v[i].x.site_open) {
				char msg[512];
				snprintf(msg, sizeof msg, V(en, survey_import_row_missing), a->fl.v[i].x.site, a->fl.v[i].x.form);
				problem(rd, &s, NULL, 1, "site", msg);
			}
	source_close(&s);
	return 0;
}

int cmd_survey_import(cli_ctx *ctx, int argc, char **argv)
{
	const char *year = NULL, *edition = NULL, *dry = NULL;
	cli_option opts[] = {{"--year", 1, &year}, {"--edition", 1, &edition}, {"--dry-run", 0, &dry}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 3)))
		return rc < 0 ? 0 : rc;
	if (!ctx->argc)
		return cli_usage("%s", V(ctx->english, survey_import_name_files));
	reading rd = {ctx, NULL, BUF_INIT, 0, {0}};
	arena_init(&rd.mem);
	store_round_info ri;
	invites l = {NULL, 0, &rd.mem};
	rd.inv = &l;
	answers *as = xcalloc((size_t)ctx->argc, sizeof *as);
	if ((rc = round_and_invites(ctx, year, edition, &ri, &l)) == 0) {
		for (int i = 0; i < ctx->argc; i++) {
			read_answers(&rd, &as[i], ctx->argv[i]);
			for (int j = 0; j < i && as[i].iv; j++)
				if (as[j].iv == as[i].iv) {
					char msg[256];
					snprintf(msg, sizeof msg, V(ctx->english, survey_import_same_provider), as[i].iv->code, as[j].path);
					rd.n_errors++;
					buf_printf(&rd.errors, "%s: %s\n", as[i].path, msg);
				}
		}
		lerr e;
		if (rd.n_errors) {
			fputs(buf_cstr(&rd.errors), stderr);
			fprintf(stderr, rd.n_errors == 1 ? V(ctx->english, import_refused_one) : V(ctx->english, import_refused_many),
				rd.n_errors);
			rc = CLI_FAILURE;
		} else if (!dry && store_begin(ctx->s, &e) < 0)
			rc = cli_error("%s", e.msg);
		else if (!dry) {
			/* all files or none: the saves share one transaction */
			store_survey_saved *sv = xcalloc((size_t)ctx->argc, sizeof *sv);
			for (int i = 0; i < ctx->argc && rc == 0; i++)
				if (store_survey_save(ctx->s, as[i].iv->id, "final", "spreadsheet", as[i].iv->version, "", as[i].values,
						      as[i].n_values, NULL, &sv[i], &e) < 0)
					rc = cli_error("%s: %s", as[i].path, e.msg);
			if (rc == 0 && store_commit(ctx->s, &e) < 0)
				rc = cli_error("%s", e.msg);
			if (rc)
				store_rollback(ctx->s);
			for (int i = 0; i < ctx->argc && rc == 0; i++)
				printf(V(ctx->english, survey_imported), as[i].path, as[i].iv->code, sv[i].version);
			free(sv);
		} else
			printf(V(ctx->english, survey_import_dry), ctx->argc);
	}
	for (int i = 0; i < ctx->argc; i++) {
		free(as[i].values);
		free(as[i].fl.v);
	}
	free(as);
	free(l.v);
	buf_release(&rd.errors);
	arena_release(&rd.mem);
	return rc;
}
