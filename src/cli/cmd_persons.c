/* cmd_persons.c - ladder persons snapshot|flows: unique persons per rung
 * from person-level episode files (src/engine/persons.h, docs/persons.md).
 * The outputs are unprotected analyst outputs: stderr says so. */
#include "cli.h"
#include "../engine/persons.h"
#include "../base/num.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Without a rung column the catalogue gives the rungs: the store is opened
 * at the first work form (under the engine's lock, once). */
static int catalogue_rung(void *arg, const char *form, lerr *err)
{
	cli_ctx *ctx = arg;
	if (!ctx->m) {
		ctx->needs = NEEDS_MODEL;
		if (cli_open(ctx))
			return lerr_set(err, LERR_NOTFOUND,
					"column 'work_form': the file has no rung column, and the catalogue of %s (the rungs of the work forms) could not be read",
					ctx->db_path);
	}
	int i = model_node_index(ctx->m, form);
	return i < 0 || ctx->m->nodes[i].kind != KIND_FORM ? 0 : ctx->m->nodes[i].rung;
}

static void progress(void *arg, long long done, long long total)
{
	int *last = arg;
	int pct = total > 0 ? (int)(done * 100 / total) : -1;
	if (pct == *last || pct < 0)
		return;
	*last = pct;
	fprintf(stderr, "\r%3d %%%s", pct, pct >= 100 ? "\r     \r" : "");
}

static int parse_date_opt(int en, const char *opt, const char *s, int *out)
{
	if (prs_parse_date(s, strlen(s), out) < 0)
		return cli_usage(V(en, cli_persons_bad_date), opt, s);
	return 0;
}

/* analyst: the caller prints the raw counts (snapshot, flows), so stderr
 * says they are unprotected; the import stores them for protected
 * publication and says nothing of the kind. */
static int run(cli_ctx *ctx, const char *precedence, prs_opts *o, prs_result **r, int analyst)
{
	if (ctx->argc != 1)
		return ctx->argc ? cli_usage(V(ctx->english, cli_persons_one_file), ctx->argc)
				 : cli_usage("%s", V(ctx->english, cli_persons_file_required));
	o->precedence = PRS_HIGHEST;
	if (precedence && !strcmp(precedence, "lowest"))
		o->precedence = PRS_LOWEST;
	else if (precedence && strcmp(precedence, "highest"))
		return cli_usage(V(ctx->english, cli_persons_bad_precedence), precedence);
	o->rung_of = catalogue_rung;
	o->rung_ctx = ctx;
	o->english = ctx->english;
	int last = -1;
	if (isatty(2)) {
		o->progress = progress;
		o->progress_ctx = &last;
	}
	if (analyst)
		fputs(V(ctx->english, cli_persons_analyst_warning), stderr);
	lerr e;
	if (prs_run_file(ctx->argv[0], o, r, &e) < 0)
		return cli_error("%s", e.msg);
	return 0;
}

static const rnd_column snap_cols[] = {
	{"kind", "Soort", "Kind"}, {"area", "Gebied", "Area"}, {"key", "Trede of werkvorm", "Rung or work form"},
	{"persons", "Personen", "Persons"}, {"places", "Plaatsen", "Places"},
};

static void snapshot_csv(buf *b, const prs_result *r)
{
	buf_adds(b, "kind,area,key,persons\n");
	for (int i = 0; i < r->n_snap; i++) {
		const prs_snap_row *s = &r->snap[i];
		if (!s->persons)
			continue;
		buf_printf(b, "%s,%u,", s->is_form ? "form" : "rung", s->area);
		rnd_csv_field(b, s->key);
		buf_printf(b, ",%ld\n", s->persons);
	}
}

int cmd_persons_snapshot(cli_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *precedence = NULL;
	cli_option opts[] = {{"--date", 1, &date}, {"--precedence", 1, &precedence}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 2)))
		return rc < 0 ? 0 : rc;
	prs_opts o = {.n_dates = 1, .snapshot = 1};
	if ((rc = parse_date_opt(ctx->english, "--date", date, &o.dates[0])))
		return rc;
	prs_result *r = NULL;
	if ((rc = run(ctx, precedence, &o, &r, 1)))
		return rc;
	buf b = BUF_INIT;
	if (ctx->format == RND_CSV) {
		snapshot_csv(&b, r);
	} else {
		rnd_table *t = rnd_table_new(snap_cols, 5);
		t->title = arena_printf(&t->mem, V(ctx->english, cli_persons_snapshot_title), date);
		for (int i = 0; i < r->n_snap; i++) {
			const prs_snap_row *s = &r->snap[i];
			rnd_cell *row = rnd_table_row(t);
			rnd_set_text(t, row, 0, ctx->format == RND_JSON ? (s->is_form ? "form" : "rung")
								 : s->is_form ? (ctx->english ? "work form" : "werkvorm") : (ctx->english ? "rung" : "trede"));
			char area[16];
			snprintf(area, sizeof area, "%u", s->area);
			rnd_set_text(t, row, 1, area);
			rnd_set_text(t, row, 2, s->key);
			rnd_set_num(row, 3, CELL_COUNT, (double)s->persons, 0);
			rnd_set_num(row, 4, CELL_COUNT, (double)s->places, 0);
		}
		rnd_opts ro = {ctx->format, ctx->english, ctx->width};
		if (ctx->format == RND_JSON) {
			buf_printf(&b, "{\"date\": \"%s\", \"episodes\": %ld, \"persons_active\": %ld, \"unprotected\": true,\n\"rows\": ", date, r->rows, r->persons_seen);
			rnd_table_render(&b, t, &ro);
			buf_adds(&b, "}\n");
		} else {
			rnd_table_render(&b, t, &ro);
		}
		rnd_table_free(t);
	}
	rc = cli_emit(&b);
	buf_release(&b);
	prs_result_free(r);
	return rc;
}

static const rnd_column flow_cols[] = {
	{"area", "Gebied", "Area"}, {"rung_d1", "Trede op de eerste datum", "Rung on the first date"},
	{"rung_d2", "Trede op de tweede datum", "Rung on the second date"}, {"persons", "Personen", "Persons"},
};
static const rnd_column move_cols[] = {
	{"area", "Gebied", "Area"}, {"risers", "Stijgers", "Risers"}, {"fallers", "Dalers", "Fallers"},
	{"stayers", "Blijvers", "Stayers"}, {"entries", "Instroom", "Entries"}, {"exits", "Uitstroom", "Exits"},
};
static const rnd_column spell_cols[] = {
	{"rung", "Trede", "Rung"}, {"spells", "Afgesloten episodes", "Completed episodes"},
	{"q1_days", "Eerste kwartiel (dagen)", "First quartile (days)"}, {"median_days", "Mediaan (dagen)", "Median (days)"},
	{"q3_days", "Derde kwartiel (dagen)", "Third quartile (days)"},
};

static void num_row(rnd_table *t, const long *v, int n, int area_text)
{
	rnd_cell *row = rnd_table_row(t);
	for (int c = 0; c < n; c++) {
		if (c == 0 && area_text) {
			char s[24];
			snprintf(s, sizeof s, "%ld", v[0]);
			rnd_set_text(t, row, 0, s);
		} else {
			rnd_set_num(row, c, CELL_COUNT, (double)v[c], 0);
		}
	}
}

static void flows_people(buf *b, const prs_result *r, cli_ctx *ctx, const char *from, const char *to)
{
	int en = ctx->english;
	rnd_opts ro = {ctx->format, en, ctx->width};
	rnd_table *t[3] = {rnd_table_new(flow_cols, 4), rnd_table_new(move_cols, 6), rnd_table_new(spell_cols, 5)};
	t[0]->title = arena_printf(&t[0]->mem, V(en, cli_persons_flows_title), from, to);
	t[1]->title = en ? "Moves per area" : "Bewegingen per gebied";
	t[2]->title = en ? "Time on a rung: episodes that ended between the two dates" : "Tijd op een trede: episodes die tussen de twee datums eindigden";
	for (int i = 0; i < r->n_flows; i++) {
		const prs_flow_row *f = &r->flows[i];
		num_row(t[0], (long[]){(long)f->area, f->rung1, f->rung2, f->persons}, 4, 1);
	}
	for (int i = 0; i < r->n_moves; i++) {
		const prs_area_moves *m = &r->moves[i];
		num_row(t[1], (long[]){(long)m->area, m->risers, m->fallers, m->stayers, m->entries, m->exits}, 6, 1);
	}
	for (int rung = 1; rung <= 6; rung++) {
		const prs_spells *s = &r->spells[rung];
		if (s->n)
			num_row(t[2], (long[]){rung, s->n, s->q1, s->median, s->q3}, 5, 0);
	}
	static const char *const keys[3] = {"flows", "areas", "spells"};
	if (ctx->format == RND_JSON)
		buf_printf(b, "{\"from\": \"%s\", \"to\": \"%s\", \"episodes\": %ld, \"unprotected\": true", from, to, r->rows);
	for (int i = 0; i < 3; i++) {
		if (ctx->format == RND_JSON)
			buf_printf(b, ",\n\"%s\": ", keys[i]);
		else if (i)
			buf_addc(b, '\n');
		rnd_table_render(b, t[i], &ro);
		rnd_table_free(t[i]);
	}
	if (ctx->format == RND_JSON)
		buf_adds(b, "}\n");
}

int cmd_persons_flows(cli_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *precedence = NULL, *snapshot = NULL, *force = NULL;
	cli_option opts[] = {{"--from", 1, &from}, {"--to", 1, &to}, {"--precedence", 1, &precedence},
			     {"--snapshot", 1, &snapshot}, {"--force", 0, &force}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	prs_opts o = {.n_dates = 2, .snapshot = snapshot != NULL};
	if (snapshot && (rc = cli_check_out(ctx->english, snapshot, force != NULL)))
		return rc;
	if ((rc = parse_date_opt(ctx->english, "--from", from, &o.dates[0])) || (rc = parse_date_opt(ctx->english, "--to", to, &o.dates[1])))
		return rc;
	if (o.dates[1] < o.dates[0])
		return cli_usage(V(ctx->english, cli_persons_to_before_from), to, from);
	prs_result *r = NULL;
	if ((rc = run(ctx, precedence, &o, &r, 1)))
		return rc;
	buf b = BUF_INIT;
	if (snapshot) { /* the snapshot of --to from the same reading, as csv */
		snapshot_csv(&b, r);
		if ((rc = cli_write_file(ctx->english, snapshot, &b, force != NULL))) {
			buf_release(&b);
			prs_result_free(r);
			return rc;
		}
		buf_reset(&b);
	}
	if (ctx->format == RND_CSV) {
		buf_adds(&b, "area,rung_d1,rung_d2,persons\n");
		for (int i = 0; i < r->n_flows; i++)
			buf_printf(&b, "%u,%d,%d,%ld\n", r->flows[i].area, r->flows[i].rung1, r->flows[i].rung2, r->flows[i].persons);
	} else {
		flows_people(&b, r, ctx, from, to);
	}
	rc = cli_emit(&b);
	buf_release(&b);
	prs_result_free(r);
	return rc;
}

/* Persons and places of an area over its rungs: the rung rows follow the
 * form rows, sorted by area (a binary search). */
static void area_totals(const prs_result *r, unsigned area, long *persons, long *places)
{
	int lo = 0, hi = r->n_snap;
	while (lo < hi) { /* the first rung row of the area, or past it */
		int mid = (lo + hi) / 2;
		const prs_snap_row *m = &r->snap[mid];
		if (m->is_form || m->area < area)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int j = lo; j < r->n_snap && r->snap[j].area == area; j++)
		*persons += r->snap[j].persons, *places += r->snap[j].places;
}

/* The figures file of the import: unique persons per (area, work form),
 * each row's note the provenance. 0, or the CLI status after an error. */
static int figures_csv(cli_ctx *ctx, const prs_result *r, const prs_opts *o, const char *date, const char *edition,
		       const char *file, buf *b)
{
	buf_adds(b, "year,area,work_form,persons,edition,note\n");
	for (int i = 0; i < r->n_snap; i++) {
		const prs_snap_row *s = &r->snap[i];
		if (!s->is_form || !s->persons)
			continue;
		int node = model_node_index(ctx->m, s->key);
		char area[16];
		snprintf(area, sizeof area, "%u", s->area);
		if (node < 0 || ctx->m->nodes[node].kind != KIND_FORM)
			return cli_error(V(ctx->english, cli_persons_form_not_in_catalogue), file, s->key);
		if (model_area_index(ctx->m, area) < 0)
			return cli_error(V(ctx->english, cli_persons_unknown_area), file, area);
		buf_printf(b, "%d,%s,%s,%ld,", o->dates[o->n_dates - 1] / 10000, area, s->key, s->persons);
		rnd_csv_field(b, edition);
		buf_adds(b, ",");
		long persons = 0, places = 0; /* of the area: the double counting */
		area_totals(r, s->area, &persons, &places);
		int en = ctx->english;
		buf n_persons = BUF_INIT, n_places = BUF_INIT, ratio = BUF_INIT;
		num_fmt_decimal(&n_persons, (double)persons, 0, en);
		num_fmt_decimal(&n_places, (double)places, 0, en);
		num_fmt_decimal(&ratio, (double)places / (double)persons, 2, en);
		char *note = xasprintf(V(en, persons_note), date, file, r->sha256,
				       o->precedence == PRS_LOWEST ? V(en, persons_lowest_rung) : V(en, persons_highest_rung), area,
				       buf_cstr(&n_persons), buf_cstr(&n_places), buf_cstr(&ratio));
		rnd_csv_field(b, note);
		free(note);
		buf_release(&n_persons);
		buf_release(&n_places);
		buf_release(&ratio);
		buf_addc(b, '\n');
	}
	return 0;
}

/* What the import stores beside the figures (store_persons_save), inside
 * its transaction: provenance, persons and places per rung, flows. */
typedef struct persons_save {
	cli_ctx *ctx;
	store_person_import p;
	const char *batch_file;
	store_person_rung *rungs;
	int n_rungs;
	store_person_flow *flows;
	int n_flows;
	char *codes; /* the area codes, 16 bytes each: rungs, then flows */
} persons_save;

/* The rungs and flows as store rows; 0, or the CLI status of an unknown
 * area (a flow's area may be one of the first date only). */
static int save_rows(persons_save *ps, const prs_result *r, const char *file)
{
	ps->codes = xcalloc((size_t)(r->n_snap + r->n_flows + 1), 16);
	ps->rungs = xcalloc((size_t)r->n_snap + 1, sizeof *ps->rungs);
	ps->flows = xcalloc((size_t)r->n_flows + 1, sizeof *ps->flows);
	char *code = ps->codes;
	for (int i = 0; i < r->n_snap; i++, code += 16) {
		const prs_snap_row *s = &r->snap[i];
		snprintf(code, 16, "%u", s->area);
		if (!s->is_form)
			ps->rungs[ps->n_rungs++] = (store_person_rung){code, s->rung, s->persons, s->places};
	}
	for (int i = 0; i < r->n_flows; i++, code += 16) {
		const prs_flow_row *f = &r->flows[i];
		snprintf(code, 16, "%u", f->area);
		if (model_area_index(ps->ctx->m, code) < 0)
			return cli_error(V(ps->ctx->english, cli_persons_unknown_area), file, code);
		ps->flows[ps->n_flows++] = (store_person_flow){code, f->rung1, f->rung2, f->persons};
	}
	return 0;
}

static int persons_before_commit(store *s, const int (*pairs)[2], int n, void *arg, lerr *err)
{
	persons_save *ps = arg;
	if (store_persons_save(s, &ps->p, ps->batch_file, ps->rungs, ps->n_rungs, ps->flows, ps->n_flows, err) < 0)
		return LERR_DB;
	return cli_protect_imported(s, pairs, n, &ps->ctx->english, err);
}

static void date_text(int d, char out[16])
{
	snprintf(out, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
}

/* ladder persons import: the unique persons per (area, work form) on a date
 * become figures of an edition for the year of the date, through the
 * importer (all or nothing, a batch, every publication protects them). The
 * batch is the generated figures; its rows' note holds the provenance: the
 * episode file and its SHA-256, the date, the precedence rule, and the
 * places beside the persons (the double counting). In the same transaction
 * the provenance, persons beside places per rung and, with --flows D1, the
 * flows from D1 to the date are stored (store_persons_save): published only
 * through the flow table's protection (engine/pflow.h). */
int cmd_persons_import(cli_ctx *ctx, int argc, char **argv)
{
	const char *date = NULL, *edition = NULL, *precedence = NULL, *dry = NULL, *from = NULL;
	cli_option opts[] = {{"--date", 1, &date}, {"--edition", 1, &edition}, {"--precedence", 1, &precedence},
			     {"--dry-run", 0, &dry}, {"--flows", 1, &from}};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, 5)))
		return rc < 0 ? 0 : rc;
	prs_opts o = {.n_dates = 1, .snapshot = 1, .sha256 = 1};
	if ((rc = parse_date_opt(ctx->english, "--date", date, &o.dates[0])))
		return rc;
	if (from) {
		o.n_dates = 2;
		o.dates[1] = o.dates[0];
		if ((rc = parse_date_opt(ctx->english, "--flows", from, &o.dates[0])))
			return rc;
		if (o.dates[0] >= o.dates[1])
			return cli_usage(V(ctx->english, persons_flows_order), from, date);
	}
	prs_result *r = NULL;
	if ((rc = run(ctx, precedence, &o, &r, 0)))
		return rc;
	const char *file = strcmp(ctx->argv[0], "-") ? ctx->argv[0] : "stdin";
	char *name = xasprintf(V(ctx->english, persons_batch_name), file, date);
	char d2[16], d1[16] = "";
	date_text(o.dates[o.n_dates - 1], d2);
	if (from)
		date_text(o.dates[0], d1);
	persons_save ps = {ctx, {0, 0, edition, d2, d1, file, r->sha256, o.precedence == PRS_LOWEST ? "lowest" : "highest"},
			   name, NULL, 0, NULL, 0, NULL};
	buf b = BUF_INIT;
	int bad = figures_csv(ctx, r, &o, date, edition, file, &b);
	if (!bad)
		bad = save_rows(&ps, r, file);
	if (!bad) {
		imp_options io = {.dry_run = dry != NULL, .edition = edition, .only_kind = "figures", .display_name = name,
				  .before_commit = persons_before_commit, .before_commit_arg = &ps, .before_commit_always = 1,
				  .english = ctx->english};
		imp_report ir;
		rc = imp_run_mem(ctx->s, name, b.ptr, b.len, &io, &ir);
		cli_print_import(&ir, &io, ctx->english);
		imp_report_release(&ir);
		bad = rc < 0 ? CLI_FAILURE : 0;
	}
	free(ps.codes);
	free(ps.rungs);
	free(ps.flows);
	free(name);
	buf_release(&b);
	prs_result_free(r);
	return bad;
}
