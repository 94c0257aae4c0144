/* cmd_disclosure.c - ladder disclosure audit (the attacker's view of what
 * would be published) and ladder settings (the disclosure thresholds). */
#include "cli.h"
#include "../engine/pflow.h"
#include "../base/vocab.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* One publication: (edition, year), audited by a worker; printed later in
 * list order, so the output does not depend on which worker ran it. */
typedef struct pub {
	int edition, year;
	char code[64];
	/* results */
	int failed;
	char err[1024];
	disc_stats prot, st;
	calc_exposure *x;
	int n;
} pub;

typedef struct audit_job {
	const char *db_path;
	int english;
	const calc_protect_opts *o;
	pub *list;
	int n_list;
	int next; /* under lock */
	pthread_mutex_t lock;
} audit_job;

/* The protection covers every map the year can be shown on (calc.h); the
 * grid itself is on the year's own map, as show reads it. */
static void audit_pub(store *s, model *m, const calc_protect_opts *o, pub *p)
{
	lerr e;
	model_set_map(m, p->year);
	calc_grid *g = calc_grid_load(s, m, p->edition, p->year, &e);
	int rc = !g || calc_grid_protect(g, s, o, &e) < 0;
	if (!rc) {
		/* the audit replaces the protection's counts: keep them */
		const disc_stats *ps = calc_grid_stats(g);
		p->prot = ps ? *ps : (disc_stats){0};
		rc = calc_grid_audit(g, &p->x, &p->n, &p->st, &e) < 0;
	}
	if (rc) {
		p->failed = 1;
		snprintf(p->err, sizeof p->err, "%s", e.msg);
	}
	calc_grid_free(g);
}

/* A worker: its own connection (a handle is never shared between
 * threads) and model (protection moves its map); GLPK keeps one
 * environment per thread. */
static void *audit_worker(void *arg)
{
	audit_job *j = arg;
	lerr e;
	store *s = store_open(j->db_path, 0, j->english, &e);
	model *m = s ? store_load_model(s, &e) : NULL;
	for (;;) {
		pthread_mutex_lock(&j->lock);
		int i = j->next < j->n_list ? j->next++ : -1;
		pthread_mutex_unlock(&j->lock);
		if (i < 0)
			break;
		if (!m) {
			j->list[i].failed = 1;
			snprintf(j->list[i].err, sizeof j->list[i].err, "%s", e.msg);
			continue;
		}
		audit_pub(s, m, j->o, &j->list[i]);
	}
	model_free(m);
	store_close(s);
	return NULL;
}

/* An exposed cell's interval and required width, columns 6-8: numbers
 * for machines; for people plain digits, as 0 is no "-" here. */
static void set_interval(rnd_table *t, rnd_cell *row, const double nums[3], int quiet)
{
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

/* Prints a publication's summary and adds its exposed cells to t; returns
 * the count, or -1 after printing its error. */
static int print_pub(cli_ctx *ctx, const pub *p, const calc_protect_opts *o, rnd_table *t, int quiet, int verbose)
{
	if (p->failed) {
		cli_error(V(ctx->english, cli_audit_pub_failed), p->code, p->year, p->err);
		return -1;
	}
	const disc_stats *st = &p->st, *prot = &p->prot;
	if (verbose && prot->rounds)
		fprintf(stderr, "protect %s/%d: %d rounds, %d LP solves, %d whole-component LPs, %d large LPs with their ties substituted\n",
			p->code, p->year, prot->rounds, prot->lp_solves, prot->full_lps, prot->reduced_lps);
	if (!quiet)
		printf(V(ctx->english, cli_audit_pub_summary),
		       p->code, p->year, st->cells, st->relations, st->primary, st->secondary,
		       o->primary_only ? V(ctx->english, cli_audit_primary_only) : "", p->n);
	if (verbose)
		fprintf(stderr,
			"audit %s/%d: %d components of hidden cells, %d of the protection's feasible points checked and used, "
			"%d LP solves (%d block LPs, %d whole-component LPs)%s\n",
			p->code, p->year, st->components, st->certificates, st->lp_solves, st->block_lps, st->full_lps,
			prot->rounds ? "" : "; pattern reused or primary only");
	char ybuf[16];
	snprintf(ybuf, sizeof ybuf, "%d", p->year);
	for (int i = 0; i < p->n; i++) {
		const calc_exposure *x = &p->x[i];
		const model_area *a = &ctx->m->areas[x->area];
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, p->code);
		rnd_set_text(t, row, 1, ybuf);
		rnd_set_text(t, row, 2, a->code);
		if (x->map_year) { /* a margin of another map (calc.h) */
			char name[256];
			snprintf(name, sizeof name, V(ctx->english, disc_on_map), model_area_name(a, ctx->english), x->map_year);
			rnd_set_text(t, row, 3, name);
		} else {
			rnd_set_text(t, row, 3, model_area_name(a, ctx->english));
		}
		rnd_set_text(t, row, 4, ctx->m->nodes[x->node].code);
		rnd_set_text(t, row, 5, x->gap ? "not_specified" : "cell");
		set_interval(t, row, (double[]){x->lo, x->hi, x->required}, quiet);
	}
	return p->n;
}

/* The publications to audit, collected first: a statement left open would
 * hold a read snapshot, and storing a pattern after another connection
 * wrote would fail. */
typedef struct pub_list {
	pub *list;
	int n;
} pub_list;

static void add_pub(void *p, int edition, const char *code, int year)
{
	pub_list *L = p;
	L->list = xrealloc(L->list, sizeof *L->list * (size_t)(L->n + 1));
	pub *x = &L->list[L->n++];
	memset(x, 0, sizeof *x);
	x->edition = edition;
	x->year = year;
	snprintf(x->code, sizeof x->code, "%s", code);
}

/* ------------------------------------------------------------ flow tables */

typedef struct flow_pub {
	int id;
	char code[64], from[16], to[16];
} flow_pub;

typedef struct flow_list {
	flow_pub *list;
	int n;
	int year; /* 0: any */
} flow_list;

static void add_flow_pub(void *p, const store_person_import *imp)
{
	flow_list *L = p;
	if (!*imp->date_from || (L->year && atoi(imp->date) != L->year))
		return;
	L->list = xrealloc(L->list, sizeof *L->list * (size_t)(L->n + 1));
	flow_pub *f = &L->list[L->n++];
	f->id = imp->id;
	snprintf(f->code, sizeof f->code, "%s", imp->edition_code);
	snprintf(f->from, sizeof f->from, "%s", imp->date_from);
	snprintf(f->to, sizeof f->to, "%s", imp->date);
}

static void flow_key(char *out, size_t n, int k)
{
	if (k == PFLOW_TOTAL)
		snprintf(out, n, "T");
	else
		snprintf(out, n, "%d", k);
}

/* One flow table: protected as every publication protects it, then the
 * attacker; its exposed cells go to t (work_form: "flow FROM>TO", T the
 * total). Returns the count, or -1 after printing the error. */
static int audit_flow_pub(cli_ctx *ctx, const flow_pub *f, const calc_protect_opts *o, rnd_table *t, int quiet)
{
	lerr e;
	pflow_exposure *x = NULL;
	int n = 0;
	disc_stats st;
	pflow_table *ft = pflow_load(ctx->s, ctx->m, f->id, o, &e);
	if (!ft || pflow_protect(ft, &e) < 0 || pflow_audit(ft, &x, &n, &st, &e) < 0) {
		pflow_free(ft);
		cli_error(V(ctx->english, audit_flows_failed), f->code, f->from, f->to, e.msg);
		return -1;
	}
	pflow_free(ft);
	if (!quiet)
		printf(V(ctx->english, audit_flows_summary), f->code, f->from, f->to, st.cells, st.relations, st.primary, st.secondary,
		       o->primary_only ? V(ctx->english, cli_audit_primary_only) : "", n);
	for (int i = 0; i < n; i++) {
		const model_area *a = &ctx->m->areas[x[i].area];
		char k1[4], k2[4], key[32], year[8];
		flow_key(k1, sizeof k1, x[i].from);
		flow_key(k2, sizeof k2, x[i].to);
		snprintf(key, sizeof key, "flow %s>%s", k1, k2);
		snprintf(year, sizeof year, "%.4s", f->to);
		rnd_cell *row = rnd_table_row(t);
		const char *text[6] = {f->code, year, a->code, model_area_name(a, ctx->english), key,
				       x[i].from == PFLOW_TOTAL || x[i].to == PFLOW_TOTAL ? "flow_margin" : "flow_cell"};
		for (int c = 0; c < 6; c++)
			rnd_set_text(t, row, c, text[c]);
		set_interval(t, row, (double[]){x[i].lo, x[i].hi, x[i].required}, quiet);
	}
	free(x);
	return n;
}

/* Every stored flow table of the edition (NULL: all) and year (0: all):
 * adds to the counts; -1 on an error. */
static int audit_flows(cli_ctx *ctx, const char *edition, int year, const calc_protect_opts *o, rnd_table *t, int quiet,
		       int *pubs, int *exposed, int *bad_pubs)
{
	lerr e;
	int ed = 0;
	flow_list L = {NULL, 0, year};
	if ((edition && store_edition(ctx->s, edition, 0, &ed, &e) < 0) ||
	    (!(edition && !ed) && store_person_imports(ctx->s, ed, add_flow_pub, &L, &e) < 0)) {
		free(L.list);
		cli_error("%s", e.msg);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < L.n && rc == 0; i++) {
		int n = audit_flow_pub(ctx, &L.list[i], o, t, quiet);
		if (n < 0)
			rc = -1;
		else
			*pubs += 1, *exposed += n, *bad_pubs += n > 0;
	}
	free(L.list);
	return rc;
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
	const char *year = NULL, *edition = NULL, *jobs_s = NULL;
	cli_option opts[] = {{"--year", 1, &year}, {"--edition", 1, &edition}, {"--jobs", 1, &jobs_s}};
	int rc = cli_parse(ctx, n_args, args, opts, 3);
	free(args);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_unexpected(ctx);
	int y = 0;
	if (year && (rc = cli_int(ctx->english, "year.filter", year, &y)))
		return rc;
	/* publications are independent: one worker per core by default */
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs_s) {
		int j;
		if ((rc = cli_int(ctx->english, "jobs", jobs_s, &j)))
			return rc;
		jobs = j;
	}
	if (jobs < 1)
		jobs = 1;
	if (jobs > 8 && !jobs_s)
		jobs = 8;
	lerr e;
	calc_protect_opts o;
	if (calc_protect_opts_load(ctx->s, &o, &e) < 0)
		return cli_error("%s", e.msg);
	o.primary_only = primary_only;
	/* everything show can publish: every (edition, year) holding figures */
	pub_list L = {NULL, 0};
	if (store_coverage_by_edition(ctx->s, "figure", (int)y, edition, add_pub, &L, &e) < 0) {
		free(L.list);
		return cli_error("%s", e.msg);
	}
	pub *list = L.list;
	int n_list = L.n;
	if (!n_list) {
		free(list);
		return cli_error(V(ctx->english, cli_audit_no_figures), year ? V(ctx->english, cli_audit_for) : "", year ? year : "",
				 edition ? V(ctx->english, cli_audit_in_edition) : "", edition ? edition : "");
	}
	if (jobs > n_list)
		jobs = n_list;
	if (jobs == 1) {
		for (int i = 0; i < n_list; i++)
			audit_pub(ctx->s, ctx->m, &o, &list[i]);
	} else {
		audit_job j = {ctx->db_path, ctx->english, &o, list, n_list, 0, PTHREAD_MUTEX_INITIALIZER};
		pthread_t th[64];
		int started = 0;
		for (long i = 0; i < jobs; i++)
			if (pthread_create(&th[started], NULL, audit_worker, &j) == 0)
				started++;
		if (!started)
			audit_worker(&j);
		for (int i = 0; i < started; i++)
			pthread_join(th[i], NULL);
	}
	int quiet = ctx->format == RND_CSV || ctx->format == RND_JSON;
	rnd_table *t = rnd_table_new(exposure_cols, 9);
	int pubs = 0, exposed = 0, bad_pubs = 0, failed = 0;
	for (int i = 0; i < n_list && !failed; i++) {
		int n = print_pub(ctx, &list[i], &o, t, quiet, verbose);
		if (n < 0) {
			failed = 1;
			break;
		}
		pubs++;
		exposed += n;
		bad_pubs += n > 0;
	}
	if (!failed && audit_flows(ctx, edition, y, &o, t, quiet, &pubs, &exposed, &bad_pubs) < 0)
		failed = 1;
	for (int i = 0; i < n_list; i++)
		free(list[i].x);
	free(list);
	if (failed) {
		rnd_table_free(t);
		return 2;
	}
	buf b = BUF_INIT;
	rnd_opts ro = {ctx->format, ctx->english, ctx->width};
	if (!quiet && t->n_rows)
		buf_addc(&b, '\n');
	if (quiet || t->n_rows)
		rnd_table_render(&b, t, &ro);
	rnd_table_free(t);
	rc = cli_emit(&b);
	buf_release(&b);
	FILE *f = quiet ? stderr : stdout;
	if (exposed)
		fprintf(f, V(ctx->english, cli_audit_exposed),
			quiet ? "" : "\n", exposed, bad_pubs, pubs);
	else
		fprintf(f, V(ctx->english, cli_audit_clean),
			pubs);
	return rc ? rc : exposed ? CLI_FINDINGS : CLI_OK;
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
		return cli_unexpected(ctx);
	rnd_table *t = rnd_table_new(setting_cols, 3);
	static const char *const levels[] = {"region", "province", "arrondissement", "municipality", "grouping"};
	calc_protect_opts o;
	lerr e;
	if (calc_protect_opts_load(ctx->s, &o, &e) < 0) {
		rnd_table_free(t);
		return cli_error("%s", e.msg);
	}
	for (int kind = 0; kind < 4; kind++)
		for (int lv = 0; lv < (kind >= 2 ? 1 : 5); lv++) {
			char key[64], val[32], stored[32];
			if (kind == 3) {
				snprintf(key, sizeof key, "disclosure.cost");
				snprintf(val, sizeof val, "%s", calc_cost_name(o.cost));
			} else if (kind == 2) {
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
	rnd_opts ro = {ctx->format, ctx->english, ctx->width};
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
		return cli_usage("%s", unset ? V(ctx->english, cli_settings_unset_one) : V(ctx->english, cli_settings_set_needs));
	const char *key = ctx->argv[0], *value = unset ? NULL : ctx->argv[1];
	lerr e;
	if (calc_protect_setting_check(key, value ? value : "0", ctx->english, &e) < 0)
		return cli_error("%s", e.msg);
	if (store_setting_set(ctx->s, key, value, &e) < 0)
		return cli_error("%s", e.msg);
	return 0;
}
