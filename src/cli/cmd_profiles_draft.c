/* cmd_profiles_draft.c - `ladder profiles draft FILE [--sheet S]`: reads a
 * delivery (a sheet of a spreadsheet, or a CSV file) into a grid, drafts a
 * source profile from it (src/engine/draft.h) to standard output and says
 * on stderr what it could not match or decide, each with its cell. Exit 0
 * when the draft is complete, 1 when something is undecided. A CMD_FULL
 * command: it reads spreadsheets (libzip, expat, libfreexl). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include "../base/sheet.h"
#include "../base/vocab.h"
#include "../engine/draft.h"

#include <stdlib.h>
#include <string.h>

static int read_sheet(const char *path, const char *name, int en, draft_grid *g, char **sheet, lerr *err)
{
	sheet_book *b = sheet_open(path, NULL, en, err);
	if (!b)
		return LERR_IO;
	/* "#3": the third sheet */
	int number = name && name[0] == '#' && name[1] && strspn(name + 1, "0123456789") == strlen(name + 1) ? atoi(name + 1) : 0;
	int rc = number ? sheet_select_number(b, number, err) : sheet_select(b, name, err);
	csv_row *row;
	while (rc == 0 && (rc = sheet_next(b, &row, err)) > 0) {
		draft_grid_add(g, row);
		rc = 0;
	}
	int n;
	long total;
	const sheet_range *m = sheet_merges(b, &n, &total);
	for (int i = 0; rc == 0 && i < n; i++)
		draft_grid_merge(g, m[i]);
	*sheet = xstrdup(sheet_name(b));
	sheet_free(b);
	return rc;
}

static int read_csv(const char *path, int en, draft_grid *g, lerr *err)
{
	csv_reader *r = csv_open_file_lang(path, en, err);
	if (!r)
		return LERR_IO;
	csv_row *row;
	int rc;
	while ((rc = csv_next(r, &row, err)) > 0)
		draft_grid_add(g, row);
	csv_free(r);
	return rc;
}

/* The profile's name from the file's: "VDAB maatwerk 2024.xlsx" gives
 * "vdab-maatwerk-2024" ([a-z0-9-], at most 64). */
static char *profile_name(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strcspn(base, ".");
	n = n > 64 ? 64 : n;
	char *out = xmalloc(n + 8), *w = out;
	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		c = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			*w++ = c;
		else if (w > out && w[-1] != '-')
			*w++ = '-';
	}
	while (w > out && w[-1] == '-')
		w--;
	if (w == out)
		w += sprintf(out, "draft");
	*w = '\0';
	return out;
}

static char *issue_text(int en, const draft_issue *i, int year)
{
	const char *t = i->text;
	switch (i->what) {
	case DRAFT_NO_TABLE: return xstrdup(V(en, draft_no_table));
	case DRAFT_HEADER_UNCLEAR: return xasprintf(V(en, draft_header_unclear), t);
	case DRAFT_HEADER_EMPTY: return xasprintf(V(en, draft_header_empty), t);
	case DRAFT_MANY_VALUES: return xasprintf(V(en, draft_many_values), t);
	case DRAFT_NO_AREA: return xstrdup(V(en, draft_no_area));
	case DRAFT_NO_WORK_FORM: return xstrdup(V(en, draft_no_work_form));
	case DRAFT_NO_YEAR: return xstrdup(V(en, draft_no_year));
	case DRAFT_TWO_YEARS: return xasprintf(V(en, draft_two_years), t);
	case DRAFT_AREA_UNKNOWN: return xasprintf(V(en, draft_area_unknown), t);
	case DRAFT_AREA_AMBIGUOUS: return xasprintf(V(en, draft_area_ambiguous), t);
	case DRAFT_AREA_MERGED: return xasprintf(V(en, draft_area_merged), t, i->other);
	case DRAFT_AREA_AFTER_MERGER: return xasprintf(V(en, draft_area_after_merger), t, year);
	case DRAFT_FORM_UNKNOWN: return xasprintf(V(en, draft_form_unknown), t);
	case DRAFT_FORM_AMBIGUOUS: return xasprintf(V(en, draft_form_ambiguous), t);
	case DRAFT_CELL_TEXT: return xasprintf(V(en, draft_cell_text), t);
	case DRAFT_NUMBER_STYLE: return xstrdup(V(en, draft_number_style));
	case DRAFT_UNIT_MIXED: return xasprintf(V(en, draft_unit_mixed), t);
	case DRAFT_MONTH_RULE: return xstrdup(V(en, draft_month_rule));
	case DRAFT_MONTHS_TWO_YEARS: return xasprintf(V(en, draft_months_two_years), t);
	}
	return xstrdup(t);
}

/* "f.xlsx:Blad1!C17: ..." (a CSV file: "f.csv:17:3: ...") */
static void print_issues(const draft_result *r, const char *file, const char *sheet, int en)
{
	for (int k = 0; k < r->n_issues; k++) {
		const draft_issue *i = &r->issues[k];
		char where[64] = "";
		if (i->row && sheet) {
			where[0] = '!';
			sheet_cell_name(where + 1, sizeof where - 1, i->col ? i->col : 1, i->row);
		} else if (i->row)
			snprintf(where, sizeof where, ":%ld:%d", i->row, i->col ? i->col : 1);
		char *msg = issue_text(en, i, r->year_max);
		fprintf(stderr, "%s%s%s%s: %s%s\n", file, sheet && i->row ? ":" : "", sheet && i->row ? sheet : "", where,
			i->note ? "" : V(en, draft_undecided_mark), msg);
		free(msg);
	}
	int n = draft_undecided(r);
	if (n)
		fprintf(stderr, V(en, draft_summary), n);
}

int cmd_profiles_draft(cli_ctx *ctx, int argc, char **argv)
{
	const char *sheet_opt = NULL;
	cli_option opts[] = {{"--sheet", 1, &sheet_opt}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 1)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc != 1)
		return cli_usage("%s", V(ctx->english, draft_usage));
	const char *path = ctx->argv[0];
	int spreadsheet = sheet_is_spreadsheet(path);
	if (sheet_opt && !spreadsheet)
		return cli_usage(V(ctx->english, draft_sheet_csv), path);
	draft_grid g;
	draft_grid_init(&g);
	char *sheet = NULL;
	lerr err;
	rc = spreadsheet ? read_sheet(path, sheet_opt, ctx->english, &g, &sheet, &err) : read_csv(path, ctx->english, &g, &err);
	if (rc < 0) {
		draft_grid_free(&g);
		free(sheet);
		return cli_error("%s", err.msg);
	}
	draft_result r;
	draft_detect(&g, ctx->m, &r);
	buf out = BUF_INIT;
	char *name = profile_name(path);
	draft_write(&r, &g, ctx->m, name, sheet, &out);
	int bad = cli_emit(&out);
	print_issues(&r, path, sheet, ctx->english);
	int undecided = draft_undecided(&r);
	buf_release(&out);
	free(name);
	free(sheet);
	draft_result_free(&r);
	draft_grid_free(&g);
	return bad ? CLI_FAILURE : undecided ? CLI_FINDINGS : CLI_OK;
}
