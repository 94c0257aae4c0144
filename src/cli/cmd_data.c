/* cmd_data.c - init, import and the reference lists. */
#include "cli.h"
#include "../base/vocab.h"
#include "../base/embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reference files compiled in, in load order. */
static const char *const reference_files[] = {
	"ref/rungs.csv", "ref/areas.csv", "ref/successions.csv", "ref/indicators.csv", "ref/work_forms.csv",
	"ref/lineage.csv",
};

/* What a file held, in the user's words: the importer's kinds are
 * identifiers (the batch table keeps them so). */
static const char *kind_label(const char *kind, int en)
{
	static const struct {
		const char *kind, *label[2]; /* Dutch, English */
	} labels[] = {
		{"figures", {VOCAB_PAIR(import_kind_figures)}},       {"context", {VOCAB_PAIR(import_kind_context)}},
		{"catalog", {VOCAB_PAIR(import_kind_catalog)}},       {"editions", {VOCAB_PAIR(import_kind_editions)}},
		{"lineage", {VOCAB_PAIR(import_kind_lineage)}},       {"rungs", {VOCAB_PAIR(import_kind_rungs)}},
		{"areas", {VOCAB_PAIR(import_kind_areas)}},           {"successions", {VOCAB_PAIR(import_kind_successions)}},
		{"groupings", {VOCAB_PAIR(import_kind_groupings)}},   {"indicators", {VOCAB_PAIR(import_kind_indicators)}},
		{"claims", {VOCAB_PAIR(import_kind_claims)}},         {"providers", {VOCAB_PAIR(import_kind_providers)}},
		{"sites", {VOCAB_PAIR(import_kind_sites)}},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return labels[i].label[en ? 1 : 0];
	return kind;
}

void cli_print_import(const imp_report *r, const imp_options *o, int en)
{
	fputs(buf_cstr(&r->notes), stderr);
	if (r->n_errors) {
		fputs(buf_cstr(&r->errors), stderr);
		fprintf(stderr, r->n_errors == 1 ? V(en, import_refused_one) : V(en, import_refused_many), r->n_errors);
		return;
	}
	for (int i = 0; i < r->n_files; i++) {
		const imp_file_report *f = &r->files[i];
		char batch_label[32] = "";
		if (!o->dry_run)
			snprintf(batch_label, sizeof batch_label, V(en, cli_import_batch), f->batch);
		if (!f->inserted && !f->replaced)
			printf(V(en, cli_import_nothing_changed),
			       f->file, f->rows, kind_label(f->kind, en));
		else if (f->sheet[0])
			printf(V(en, cli_import_summary_sheet),
			       f->file, kind_label(f->kind, en), f->rows, f->inserted, f->unchanged, f->replaced, f->encoding, f->sheet,
			       f->sha256, batch_label);
		else
			printf(V(en, cli_import_summary),
			       f->file, kind_label(f->kind, en), f->rows, f->inserted, f->unchanged, f->replaced, f->encoding, f->delimiter,
			       f->sha256, batch_label);
	}
	if (o->dry_run)
		fputs(V(en, cli_import_dry_run), stdout);
}

int cli_init_store(store *s, int en, int quiet)
{
	lerr e;
	int ready;
	if (store_has_reference(s, &ready, &e) < 0)
		return cli_error("%s", e.msg);
	if (ready) {
		if (!quiet)
			printf(V(en, cli_already_initialised), store_path(s));
		return 0;
	}
	imp_options o = {.english = en};
	for (size_t i = 0; i < sizeof reference_files / sizeof reference_files[0]; i++) {
		const embed_file *f = embed_find(reference_files[i]);
		imp_report r;
		if (!f)
			return cli_error(V(en, cli_reference_file_missing), reference_files[i]);
		int rc = imp_run_mem(s, f->name, f->data, f->len, &o, &r);
		if (rc < 0) {
			cli_print_import(&r, &o, en);
			imp_report_release(&r);
			return CLI_FAILURE;
		}
		imp_report_release(&r);
		if (strcmp(f->name, "ref/rungs.csv") == 0) {
			/* the totals hang between the rungs and the work forms */
			if (store_begin(s, &e) < 0 || imp_add_total_nodes(s, &e) < 0 || store_commit(s, &e) < 0) {
				store_rollback(s);
				return cli_error("%s", e.msg);
			}
		}
	}
	if (!quiet)
		printf(V(en, cli_initialised), store_path(s));
	return 0;
}

int cmd_init(cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage("%s", V(ctx->english, cli_init_no_arguments));
	return cli_init_store(ctx->s, ctx->english, 0);
}

/* "protecting 3/15" on a terminal, overwritten in place. */
static void protect_progress(int done, int total, void *arg)
{
	int en = *(const int *)arg;
	if (!isatty(STDERR_FILENO) || total == 0)
		return;
	fprintf(stderr, "\r%s %d/%d%s", V(en, cli_protecting), done, total,
		done == total ? "\n" : "");
	fflush(stderr);
}

/* Inside the import's transaction: the protected grids its figures made
 * stale are computed now, so the first show or page after the commit is
 * as fast as any (calc_grids_refresh). */
int cli_protect_imported(store *s, const int (*pairs)[2], int n, void *arg, lerr *err)
{
	return calc_grids_refresh(s, pairs, n, protect_progress, arg, err);
}

#define PREVIEW_ROWS 20 /* rows of a dry run through a profile */

static int run_import(cli_ctx *ctx, int argc, char **argv, const char *only_kind)
{
	const char *dry = NULL, *replace = NULL, *edition = NULL, *profile = NULL;
	cli_option opts[] = {
		{"--dry-run", 0, &dry}, {"--replace", 0, &replace}, {"--edition", 1, &edition}, {"--profile", 1, &profile},
	};
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, opts, only_kind ? 1 : 4)))
		return rc < 0 ? 0 : rc;
	if (!ctx->argc)
		return cli_usage("%s", V(ctx->english, cli_import_name_files));
	xmalloc_batch();
	/* LADDER_JOBS: the threads protecting the imported years (default one
	 * per core; the patterns are the same whatever it is) */
	const char *jobs = getenv("LADDER_JOBS");
	if (jobs && *jobs)
		calc_set_refresh_jobs(atoi(jobs));
	imp_options o = {.dry_run = dry != NULL, .replace = replace != NULL, .edition = edition, .only_kind = only_kind,
			 .before_commit = cli_protect_imported, .before_commit_arg = &ctx->english, .english = ctx->english,
			 .timed = getenv("LADDER_IMPORT_TIMES") != NULL};

	arena a;
	arena_init(&a);
	buf preview = BUF_INIT;
	if (profile && (rc = cli_profile_load(ctx, profile, &a, &o.profile, &o.profile_label))) {
		arena_release(&a);
		return rc;
	}
	if (profile && dry) {
		o.preview = PREVIEW_ROWS;
		o.preview_out = &preview;
	}
	imp_report r;
	rc = imp_run(ctx->s, (const char *const *)ctx->argv, ctx->argc, &o, &r);
	if (preview.len) { /* the long form the profile made, before the verdict */
		printf(V(ctx->english, profiles_preview_head), PREVIEW_ROWS);
		fputs(preview.ptr, stdout);
	}
	cli_print_import(&r, &o, ctx->english);
	if (o.timed) /* for bench/profile_import.sh: the split of the CPU time */
		fprintf(stderr, "import cpu seconds: read+map %.3f store %.3f protect %.3f; wall seconds: read+store %.3f protect %.3f commit %.3f\n",
			r.cpu_read, r.cpu_store, r.cpu_protect, r.wall_read, r.wall_protect, r.wall_commit);
	imp_report_release(&r);
	buf_release(&preview);
	arena_release(&a);
	return rc < 0 ? CLI_FAILURE : 0;
}

int cmd_import(cli_ctx *ctx, int argc, char **argv)
{
	return run_import(ctx, argc, argv, NULL);
}

int cmd_catalog_import(cli_ctx *ctx, int argc, char **argv)
{
	return run_import(ctx, argc, argv, "catalog|lineage");
}

int cli_parse_files(cli_ctx *ctx, int argc, char **argv, const char *no_files_nl, const char *no_files_en, int *dry)
{
	const char *given = NULL;
	cli_option opts[] = {{"--dry-run", 0, &given}};
	int rc = cli_parse(ctx, argc, argv, opts, 1);
	*dry = given != NULL;
	if (rc)
		return rc;
	if (!ctx->argc)
		return cli_usage("%s", ctx->english ? no_files_en : no_files_nl);
	return 0;
}

int cli_import_register(cli_ctx *ctx, int argc, char **argv, const char *kinds, const char *no_files_nl,
			const char *no_files_en)
{
	int dry, rc;
	if ((rc = cli_parse_files(ctx, argc, argv, no_files_nl, no_files_en, &dry)))
		return rc < 0 ? 0 : rc;
	/* other kinds belong to other commands; the importer checks the
	 * header (the file is read once: it may be a pipe) */
	imp_options o = {.dry_run = dry, .only_kind = kinds, .english = ctx->english};
	imp_report r;
	rc = imp_run(ctx->s, (const char *const *)ctx->argv, ctx->argc, &o, &r);
	cli_print_import(&r, &o, ctx->english);
	imp_report_release(&r);
	return rc < 0 ? CLI_FAILURE : 0;
}

int cmd_areas_import(cli_ctx *ctx, int argc, char **argv)
{
	/* groupings or areas: both define geography */
	return cli_import_register(ctx, argc, argv, "groupings|areas", VOCAB_PAIR(cli_areas_import_name_files));
}

static int no_args(cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? -1 : rc;
	if (ctx->argc)
		return cli_unexpected(ctx);
	return 0;
}

static const rnd_column catalog_cols[] = {
	{"code", "Code", "Code"}, {"name", "Naam", "Name"}, {"abbr", "Afk.", "Abbr."}, {"rung", "Trede", "Rung"},
	{"subcategory", "Subcategorie", "Sub-category"}, {"unit", VOCAB_PAIR(col_unit)},
	{"valid_from", "Geldig vanaf", "Valid from"},
	{"valid_to", "Geldig tot", "Valid to"}, {"successors", "Opvolgers", "Successors"},
	{"in_headline", "In totaal", "In headline"}, {"programme", VOCAB_PAIR(col_programme)},
	{"source", "Bron", "Source"}, {"counting_rule", "Telregel", "Counting rule"},
	{"transition", VOCAB_PAIR(col_transition)},
};

int cmd_catalog_list(cli_ctx *ctx, int argc, char **argv)
{
	int rc = no_args(ctx, argc, argv);
	if (rc)
		return rc < 0 ? 0 : rc;
	int people = ctx->format == RND_TABLE || ctx->format == RND_MD;
	rnd_table *t = rnd_table_new(catalog_cols, people ? 11 : 14);
	for (int i = 0; i < ctx->m->n_nodes; i++) {
		const model_node *n = &ctx->m->nodes[i];
		if (n->kind != KIND_FORM)
			continue;
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, n->code);
		rnd_set_text(t, row, 1, model_node_name(n, ctx->english));
		rnd_set_text(t, row, 2, n->abbr);
		char rung[4];
		snprintf(rung, sizeof rung, "%d", n->rung);
		if (people)
			rnd_set_text(t, row, 3, rung);
		else
			rnd_set_num(row, 3, CELL_COUNT, n->rung, 0);
		rnd_set_text(t, row, 4, n->subcategory);
		rnd_set_text(t, row, 5, people ? rnd_form_unit_name(n->unit, ctx->english) : model_form_unit_code(n->unit));
		rnd_set_text(t, row, 6, n->valid_from);
		rnd_set_text(t, row, 7, n->valid_to);
		rnd_set_text(t, row, 8, n->successors);
		if (people)
			rnd_set_text(t, row, 9, n->in_headline ? (ctx->english ? "yes" : "ja") : (ctx->english ? "no" : "nee"));
		else
			rnd_set_num(row, 9, CELL_COUNT, n->in_headline, 0);
		rnd_set_text(t, row, 10, n->programme);
		if (!people) {
			rnd_set_text(t, row, 11, n->source);
			rnd_set_text(t, row, 12, n->counting_rule);
			rnd_set_text(t, row, 13, n->transition);
		}
	}
	return cli_emit_table(ctx, t);
}

static const rnd_column lineage_cols[] = {
	{"relation", "Relatie", "Relation"}, {"from", "Van", "From"}, {"from_name", "Naam", "Name"},
	{"kind", "Soort", "Kind"}, {"to", "Naar", "To"}, {"to_name", "Naam", "Name"},
	{"date", "Datum", "Date"}, {"note", "Toelichting", "Note"},
};

/* The lineage of one work form, both ways: its predecessors' links, then
 * its successors', each by date. */
int cmd_catalog_lineage(cli_ctx *ctx, int argc, char **argv)
{
	int rc;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc != 1)
		return cli_usage("%s", V(ctx->english, lineage_usage));
	const model *m = ctx->m;
	int node = model_node_index(m, ctx->argv[0]);
	if (node < 0 || m->nodes[node].kind != KIND_FORM)
		return cli_error(V(ctx->english, lineage_unknown_form), ctx->argv[0]);
	int en = ctx->english, people = ctx->format == RND_TABLE || ctx->format == RND_MD;
	int *links = xmalloc(sizeof *links * (size_t)(m->n_lineage + 1));
	unsigned char *pred = xmalloc((size_t)m->n_lineage + 1);
	int n = model_lineage_links(m, node, links, pred, m->n_lineage + 1);
	rnd_table *t = rnd_table_new(lineage_cols, 8);
	for (int side = 1; side >= 0; side--)
		for (int i = 0; i < n; i++) {
			if (pred[i] != side)
				continue;
			const model_lineage *l = &m->lineage[links[i]];
			rnd_cell *row = rnd_table_row(t);
			rnd_set_text(t, row, 0, people ? (side ? V(en, lineage_predecessor) : V(en, lineage_successor))
						       : (side ? "predecessor" : "successor"));
			rnd_set_text(t, row, 1, m->nodes[l->from].code);
			rnd_set_text(t, row, 2, model_node_name(&m->nodes[l->from], en));
			rnd_set_text(t, row, 3, people ? rnd_lineage_kind(l->kind, en) : model_lineage_kind_name(l->kind));
			rnd_set_text(t, row, 4, m->nodes[l->to].code);
			rnd_set_text(t, row, 5, model_node_name(&m->nodes[l->to], en));
			rnd_set_text(t, row, 6, l->date);
			rnd_set_text(t, row, 7, en && *l->note_en ? l->note_en : l->note_nl);
		}
	free(links);
	free(pred);
	if (!n && people) {
		printf(V(en, lineage_none), m->nodes[node].code);
		rnd_table_free(t);
		return 0;
	}
	return cli_emit_table(ctx, t);
}

static const rnd_column area_cols[] = {
	{"code", "Code", "Code"}, {"name", "Naam", "Name"}, {"level", "Niveau", "Level"},
	{"parent", "Bovenliggend", "Parent"}, {"province", "Provincie", "Province"},
	{"valid_from", "Geldig vanaf", "Valid from"}, {"valid_to", "Geldig tot", "Valid to"},
	{"members", "Leden", "Members"},
};

/* The province an area lies in (itself excluded), or NULL. */
static const model_area *province_of(const model *m, const model_area *a)
{
	for (int p = a->parent; p >= 0; p = m->areas[p].parent)
		if (m->areas[p].level == LEVEL_PROVINCE)
			return &m->areas[p];
	return NULL;
}

static void area_row(cli_ctx *ctx, rnd_table *t, int i, int year)
{
	const model *m = ctx->m;
	const model_area *a = &m->areas[i];
	rnd_cell *row = rnd_table_row(t);
	rnd_set_text(t, row, 0, a->code);
	rnd_set_text(t, row, 1, model_area_name(a, ctx->english));
	rnd_set_text(t, row, 2, model_level_name(a->level, ctx->english || ctx->format == RND_CSV || ctx->format == RND_JSON));
	if (a->parent >= 0)
		rnd_set_text(t, row, 3, m->areas[a->parent].code);
	const model_area *prov = province_of(m, a);
	if (prov)
		rnd_set_text(t, row, 4, prov->code);
	model_version v;
	if (model_area_version(m, i, year, &v) == 0) {
		rnd_set_text(t, row, 5, v.valid_from);
		rnd_set_text(t, row, 6, v.valid_to);
	}
	buf mem = BUF_INIT;
	if (a->level == LEVEL_GROUPING)
		for (int k = 0; k < a->n_children; k++)
			buf_printf(&mem, "%s%s", k ? " " : "", m->areas[a->children[k]].code);
	rnd_set_text(t, row, 7, buf_cstr(&mem));
	buf_release(&mem);
}

/* The areas of one map: valid on 1 January of --year, else today's. */
int cmd_areas_list(cli_ctx *ctx, int argc, char **argv)
{
	const char *level = NULL, *parent = NULL, *year_text = NULL;
	cli_option opts[] = {{"--level", 1, &level}, {"--parent", 1, &parent}, {"--year", 1, &year_text}};
	int rc, year = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, 3)))
		return rc < 0 ? 0 : rc;
	if (year_text && cli_int(ctx->english, "year.map", year_text, &year))
		return CLI_USAGE;
	enum model_level lv = LEVEL_REGION;
	if (level && model_level_parse(level, &lv) < 0)
		return cli_usage("%s", V(ctx->english, cli_bad_level));
	int pi = -1;
	lerr e;
	if (parent && (pi = model_find_area_msg(ctx->m, parent, ctx->english, &e)) < 0)
		return cli_error("--parent: %s", e.msg);
	model_set_map(ctx->m, year);
	rnd_table *t = rnd_table_new(area_cols, 8);
	for (int i = 0; i < ctx->m->n_areas; i++) {
		const model_area *a = &ctx->m->areas[i];
		if ((level && a->level != lv) || (parent && a->parent != pi) ||
		    (a->level != LEVEL_GROUPING && !model_area_valid_in_year(a, year)))
			continue;
		area_row(ctx, t, i, year);
	}
	return cli_emit_table(ctx, t);
}

static const rnd_column indicator_cols[] = {
	{"code", "Code", "Code"}, {"name", "Naam", "Name"}, {"unit", "Eenheid", "Unit"},
	{"definition", "Definitie", "Definition"},
};

int cmd_indicators_list(cli_ctx *ctx, int argc, char **argv)
{
	int rc = no_args(ctx, argc, argv);
	if (rc)
		return rc < 0 ? 0 : rc;
	rnd_table *t = rnd_table_new(indicator_cols, 4);
	for (int i = 0; i < ctx->m->n_indicators; i++) {
		const model_indicator *d = &ctx->m->indicators[i];
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, d->code);
		rnd_set_text(t, row, 1, ctx->english && *d->name_en ? d->name_en : d->name_nl);
		rnd_set_text(t, row, 2, model_unit_name(d->unit));
		rnd_set_text(t, row, 3, d->definition);
	}
	return cli_emit_table(ctx, t);
}

/* Counts are numbers in csv and json, text (without thousands separators)
 * in the tables people read. */
static void set_count(cli_ctx *ctx, rnd_table *t, rnd_cell *row, int c, long long v)
{
	if (ctx->format != RND_TABLE && ctx->format != RND_MD) {
		rnd_set_num(row, c, CELL_COUNT, (double)v, 0);
	} else {
		char n[32];
		snprintf(n, sizeof n, "%lld", v);
		rnd_set_text(t, row, c, n);
	}
}

typedef struct list_rows {
	cli_ctx *ctx;
	rnd_table *t;
} list_rows;

static void set_years(rnd_table *t, rnd_cell *row, int c, const int *years, int n)
{
	buf b = BUF_INIT;
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%d", i ? " " : "", years[i]);
	rnd_set_text(t, row, c, b.ptr ? b.ptr : "");
	buf_release(&b);
}

static void edition_row(void *p, const store_edition_info *e)
{
	list_rows *L = p;
	rnd_cell *row = rnd_table_row(L->t);
	rnd_set_text(L->t, row, 0, e->code);
	set_years(L->t, row, 1, e->figure_years, e->n_figure_years);
	set_years(L->t, row, 2, e->context_years, e->n_context_years);
	set_count(L->ctx, L->t, row, 3, e->figures);
	const store_edition_meta *m = e->meta;
	if (m->ordinal)
		set_count(L->ctx, L->t, row, 4, m->ordinal);
	rnd_set_text(L->t, row, 5, m->title);
	if (m->data_year)
		set_count(L->ctx, L->t, row, 6, m->data_year);
	rnd_set_text(L->t, row, 7, m->published);
	rnd_set_text(L->t, row, 8, m->notes);
	rnd_set_text(L->t, row, 9, m->carried_from);
	set_count(L->ctx, L->t, row, 10, e->carried);
}

/* The metadata (schema v10) after the years: scripts that read the first
 * four columns keep working. */
static const rnd_column edition_cols[] = {
	{"edition", "Editie", "Edition"}, {"figure_years", "Jaren (cijfers)", "Years (figures)"},
	{"context_years", "Jaren (context)", "Years (context)"}, {"figures", "Cijfers", "Figures"},
	{"ordinal", VOCAB_PAIR(edition_col_ordinal)}, {"title", VOCAB_PAIR(edition_col_title)},
	{"data_year", VOCAB_PAIR(edition_col_data_year)}, {"published", VOCAB_PAIR(edition_col_published)},
	{"notes", VOCAB_PAIR(edition_col_notes)}, {"carried_from", VOCAB_PAIR(edition_col_carried_from)},
	{"carried", VOCAB_PAIR(edition_col_carried)},
};

int cmd_editions_list(cli_ctx *ctx, int argc, char **argv)
{
	int rc = no_args(ctx, argc, argv);
	if (rc)
		return rc < 0 ? 0 : rc;
	lerr e;
	list_rows L = {ctx, rnd_table_new(edition_cols, 11)};
	if (store_edition_list(ctx->s, STORE_EDITION_FIGURES, edition_row, &L, &e) < 0) {
		rnd_table_free(L.t);
		return cli_error("%s", e.msg);
	}
	return cli_emit_table(ctx, L.t);
}

static const rnd_column batch_cols[] = {
	{"batch", "Import", "Batch"}, {"file", "Bestand", "File"}, {"kind", "Soort", "Kind"},
	{"sha256", "SHA-256", "SHA-256"}, {"rows", "Rijen", "Rows"}, {"inserted", "Nieuw", "New"},
	{"replaced", "Vervangen", "Replaced"}, {"imported_at", "Tijdstip", "Time"},
};

static void batch_row(void *p, const store_batch *b)
{
	list_rows *L = p;
	rnd_cell *row = rnd_table_row(L->t);
	set_count(L->ctx, L->t, row, 0, b->id);
	rnd_set_text(L->t, row, 1, b->file);
	/* a table for people names the kind in their words; CSV and JSON keep the identifier */
	int people = L->ctx->format == RND_TABLE || L->ctx->format == RND_MD;
	rnd_set_text(L->t, row, 2, people ? kind_label(b->kind, L->ctx->english) : b->kind);
	rnd_set_text(L->t, row, 3, b->sha256);
	set_count(L->ctx, L->t, row, 4, b->rows);
	set_count(L->ctx, L->t, row, 5, b->inserted);
	set_count(L->ctx, L->t, row, 6, b->replaced);
	rnd_set_text(L->t, row, 7, b->imported_at);
}

int cmd_batches_list(cli_ctx *ctx, int argc, char **argv)
{
	int rc = no_args(ctx, argc, argv);
	if (rc)
		return rc < 0 ? 0 : rc;
	lerr e;
	list_rows L = {ctx, rnd_table_new(batch_cols, 8)};
	if (store_batches(ctx->s, batch_row, &L, &e) < 0) {
		rnd_table_free(L.t);
		return cli_error("%s", e.msg);
	}
	return cli_emit_table(ctx, L.t);
}
