/* cmd_disclosure.c - ladder disclosure audit (the attacker's view of what
 * would be published) and ladder settings (the disclosure thresholds). */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const rnd_column exposure_cols[] = {
	{"edition", "Editie", "Edition"},
	{"year", "Jaar", "Year"},
	{"area", "Gebied", "Area"},
	{"area_name", "Naam", "Name"},
	{"work_form", "Werkvorm", "Work form"},
	{"part", "Deel", "Part"},
	{"min", "Min", "Min"},
	{"max", "Max", "Max"},
	{"required_width", "Vereiste breedte", "Required width"},
};

/* One publication: (edition, year). Adds its exposed cells to t; returns
 * the count, or -1 after printing an error. */
static int audit_one(cli_ctx *ctx, int edition, const char *ed_code, int year, const calc_protect_opts *o, rnd_table *t,
		     int quiet, int verbose)
{
	lerr e;
	calc_grid *g = calc_grid_load(ctx->s, ctx->m, edition, year, &e);
	if (!g || calc_grid_protect(g, ctx->s, o, &e) < 0) {
		calc_grid_free(g);
		cli_error("edition %s, year %d: %s", ed_code, year, e.msg);
		return -1;
	}
	const disc_stats *ps = calc_grid_stats(g);
	disc_stats prot = ps ? *ps : (disc_stats){0};
	if (verbose && prot.rounds)
		fprintf(stderr, "protect %s/%d: %d rounds, %d LP solves, %d whole-component LPs\n", ed_code, year, prot.rounds,
			prot.lp_solves, prot.full_lps);
	calc_exposure *x;
	int n;
	disc_stats st;
	if (calc_grid_audit(g, &x, &n, &st, &e) < 0) {
		calc_grid_free(g);
		cli_error("edition %s, year %d: %s", ed_code, year, e.msg);
		return -1;
	}
	if (!quiet)
		printf(ctx->english ? "edition %s, year %d: %d cells, %d relations; %d confidential, %d suppressed besides%s; %d exposed\n"
				    : "editie %s, jaar %d: %d cellen, %d relaties; %d vertrouwelijk, %d bijkomend onderdrukt%s; %d blootgesteld\n",
		       ed_code, year, st.cells, st.relations, st.primary, st.secondary,
		       o->primary_only ? (ctx->english ? " (primary only)" : " (enkel primair)") : "", n);
	if (verbose) {
		fprintf(stderr, "audit %s/%d: %d components of hidden cells, %d LP solves (%d block LPs, %d whole-component LPs)%s\n",
			ed_code, year, st.components, st.lp_solves, st.block_lps, st.full_lps,
			prot.rounds ? "" : "; pattern reused or primary only");
	}
	char ybuf[16];
	snprintf(ybuf, sizeof ybuf, "%d", year);
	for (int i = 0; i < n; i++) {
		const model_area *a = &ctx->m->areas[x[i].area];
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, ed_code);
		rnd_set_text(t, row, 1, ybuf);
		rnd_set_text(t, row, 2, a->code);
		rnd_set_text(t, row, 3, model_area_name(a, ctx->english));
		rnd_set_text(t, row, 4, ctx->m->nodes[x[i].node].code);
		rnd_set_text(t, row, 5, x[i].gap ? "not_specified" : "cell");
		/* numbers for machines; for people plain digits, as 0 is no "-" here */
		double nums[3] = {x[i].lo, x[i].hi, x[i].required};
		for (int c = 0; c < 3; c++) {
			char txt[32];
			if (isinf(nums[c]))
				rnd_set_text(t, row, 6 + c, "inf");
			else if (quiet)
				rnd_set_num(row, 6 + c, CELL_COUNT, nums[c], 0);
			else {
				snprintf(txt, sizeof txt, "%.0f", nums[c] + 0.0); /* no "-0" */
				rnd_set_text(t, row, 6 + c, txt);
			}
		}
	}
	free(x);
	calc_grid_free(g);
	return n;
}

int cmd_disclosure_audit(cli_ctx *ctx, int argc, char **argv)
{
	/* --primary-only audits the naive pattern, to show what the audit
	 * catches; it is a demonstration, so --help does not list it */
	int primary_only = 0, verbose = 0, n_args = 0;
	char **args = xcalloc((size_t)argc + 1, sizeof *args);
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--primary-only") == 0)
			primary_only = 1;
		else if (strcmp(argv[i], "--verbose") == 0) /* solver counts on stderr, for the bench */
			verbose = 1;
		else
			args[n_args++] = argv[i];
	}
	const char *year = NULL, *edition = NULL;
	cli_option opts[] = {{"--year", 1, &year}, {"--edition", 1, &edition}};
	int rc = cli_parse(ctx, n_args, args, opts, 2);
	free(args);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_error("unexpected argument '%s'", ctx->argv[0]);
	long y = 0;
	if (year) {
		char *end;
		y = strtol(year, &end, 10);
		if (*end || y < 1990 || y > 2100)
			return cli_error("--year: expected a year such as 2017, got '%s'", year);
	}
	lerr e;
	calc_protect_opts o;
	if (calc_protect_opts_load(ctx->s, &o, &e) < 0)
		return cli_error("%s", e.msg);
	o.primary_only = primary_only;
	/* everything show can publish: every (edition, year) holding figures */
	sqlite3_stmt *st;
	if (store_prepare(ctx->s,
			  "SELECT e.id, e.code, c.year FROM coverage c JOIN edition e ON e.id = c.edition"
			  " WHERE c.kind = 'figure' AND (?1 = 0 OR c.year = ?1) AND (?2 IS NULL OR e.code = ?2)"
			  " ORDER BY CAST(e.code AS INTEGER), e.code, c.year",
			  &st, &e) < 0)
		return cli_error("%s", e.msg);
	sqlite3_bind_int(st, 1, (int)y);
	if (edition)
		sqlite3_bind_text(st, 2, edition, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	/* the list first: a statement left open would hold a read snapshot,
	 * and storing a pattern after another process wrote would then fail */
	struct pub {
		int edition, year;
		char code[64];
	} *list = NULL;
	int n_list = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		list = xrealloc(list, sizeof *list * (size_t)(n_list + 1));
		list[n_list].edition = sqlite3_column_int(st, 0);
		snprintf(list[n_list].code, sizeof list[n_list].code, "%s", (const char *)sqlite3_column_text(st, 1));
		list[n_list++].year = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	int quiet = ctx->format == RND_CSV || ctx->format == RND_JSON;
	rnd_table *t = rnd_table_new(exposure_cols, 9);
	int pubs = 0, exposed = 0, bad_pubs = 0, failed = 0;
	for (int i = 0; i < n_list; i++) {
		int n = audit_one(ctx, list[i].edition, list[i].code, list[i].year, &o, t, quiet, verbose);
		if (n < 0) {
			failed = 1;
			break;
		}
		pubs++;
		exposed += n;
		bad_pubs += n > 0;
	}
	free(list);
	if (failed) {
		rnd_table_free(t);
		return 2;
	}
	if (!pubs) {
		rnd_table_free(t);
		return cli_error("no figures to audit%s%s%s%s", year ? " for " : "", year ? year : "", edition ? " in edition " : "",
				 edition ? edition : "");
	}
	buf b = BUF_INIT;
	rnd_opts ro = {ctx->format, ctx->english};
	if (!quiet && t->n_rows)
		buf_addc(&b, '\n');
	if (quiet || t->n_rows)
		rnd_table_render(&b, t, &ro);
	rnd_table_free(t);
	rc = cli_emit(&b);
	buf_release(&b);
	FILE *f = quiet ? stderr : stdout;
	if (exposed)
		fprintf(f, ctx->english ? "%sdisclosure audit: EXPOSED: %d confidential cell(s) in %d of %d publication(s) can be narrowed below their protection\n"
					: "%sdisclosure audit: BLOOTGESTELD: %d vertrouwelijke cel(len) in %d van %d publicatie(s) zijn nauwer af te bakenen dan hun bescherming\n",
			quiet ? "" : "\n", exposed, bad_pubs, pubs);
	else
		fprintf(f, ctx->english ? "disclosure audit: clean: no confidential cell exposed in %d publication(s)\n"
					: "disclosure audit: in orde: geen vertrouwelijke cel blootgesteld in %d publicatie(s)\n",
			pubs);
	return rc ? rc : exposed ? 1 : 0;
}

/* ---------------------------------------------------------------- settings */

static const rnd_column setting_cols[] = {
	{"key", "Sleutel", "Key"},
	{"value", "Waarde", "Value"},
	{"source", "Bron", "Source"},
};

int cmd_settings_list(cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_error("unexpected argument '%s'", ctx->argv[0]);
	rnd_table *t = rnd_table_new(setting_cols, 3);
	static const char *const levels[] = {"region", "province", "arrondissement", "municipality", "grouping"};
	calc_protect_opts o;
	lerr e;
	if (calc_protect_opts_load(ctx->s, &o, &e) < 0) {
		rnd_table_free(t);
		return cli_error("%s", e.msg);
	}
	for (int kind = 0; kind < 3; kind++)
		for (int lv = 0; lv < (kind == 2 ? 1 : 5); lv++) {
			char key[64], val[32], stored[32];
			if (kind == 2) {
				snprintf(key, sizeof key, "disclosure.keep_previous");
				snprintf(val, sizeof val, "%d", o.keep_previous);
			} else {
				snprintf(key, sizeof key, "disclosure.%s.%s", kind ? "width" : "threshold", levels[lv]);
				int v = kind ? o.width[lv] : o.threshold[lv];
				if (kind && v < 0)
					snprintf(val, sizeof val, "%d", o.threshold[lv]);
				else
					snprintf(val, sizeof val, "%d", v);
			}
			int found;
			if (store_setting_get(ctx->s, key, stored, sizeof stored, &found, &e) < 0) {
				rnd_table_free(t);
				return cli_error("%s", e.msg);
			}
			rnd_cell *row = rnd_table_row(t);
			rnd_set_text(t, row, 0, key);
			rnd_set_text(t, row, 1, val);
			rnd_set_text(t, row, 2, found ? "set" : kind == 1 ? "default (= threshold)" : "default");
		}
	rnd_opts ro = {ctx->format, ctx->english};
	buf b = BUF_INIT;
	rnd_table_render(&b, t, &ro);
	rnd_table_free(t);
	rc = cli_emit(&b);
	buf_release(&b);
	return rc;
}

int cmd_settings_set(cli_ctx *ctx, int argc, char **argv)
{
	const char *unset = NULL;
	cli_option opts[] = {{"--unset", 0, &unset}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 1)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc != (unset ? 1 : 2))
		return cli_error(unset ? "settings set KEY --unset takes one key" : "settings set needs KEY VALUE");
	const char *key = ctx->argv[0], *value = unset ? NULL : ctx->argv[1];
	lerr e;
	if (calc_protect_setting_check(key, value ? value : "0", &e) < 0)
		return cli_error("%s", e.msg);
	if (store_setting_set(ctx->s, key, value, &e) < 0)
		return cli_error("%s", e.msg);
	return 0;
}
