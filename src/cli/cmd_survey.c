/* cmd_survey.c - the providers' survey on the command line (issue 17): the
 * register of providers and sites, and the rounds: open, links, status,
 * close, templates and spreadsheet answers. The web form is src/http's;
 * both go through the store_survey_* functions (store.h).
 *
 * Links: only the hash of a token is stored, so a token can be shown only
 * when it is made. `survey open` makes none; `survey links` issues a new
 * token to every provider of the round (or those of --provider) and prints
 * the links once: running it again re-issues them, and the old links stop
 * working (a lost or leaked link is replaced the same way). */
#include "cli.h"
#include "../base/crypt.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int people(const cli_ctx *ctx)
{
	return ctx->format == RND_TABLE || ctx->format == RND_MD;
}

static void set_count(cli_ctx *ctx, rnd_table *t, rnd_cell *row, int c, long long v)
{
	if (people(ctx)) {
		buf n = BUF_INIT;
		rnd_count(&n, (double)v, ctx->english);
		rnd_set_text(t, row, c, buf_cstr(&n));
		buf_release(&n);
	} else
		rnd_set_num(row, c, CELL_COUNT, (double)v, 0);
}

/* YYYY-MM-DD, a real day */
static int valid_date(const char *s)
{
	int y, m, d;
	char tail;
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1900 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= days[m - 1] && s[4] == '-' && s[7] == '-';
}

/* ------------------------------------------------------------ providers */

int cmd_providers_import(cli_ctx *ctx, int argc, char **argv)
{
	/* providers before sites: one run, one transaction, files in order */
	return cli_import_register(ctx, argc, argv, "providers|sites", VOCAB_PAIR(survey_name_files));
}

static const rnd_column provider_cols[] = {
	{"provider", "Aanbieder", "Provider"}, {"name", "Naam", "Name"},
	{"enterprise_number", "Ondernemingsnummer", "Enterprise number"}, {"contact", "Contact", "Contact"},
	{"sites", "Vestigingen", "Sites"},
};

typedef struct list_ctx {
	cli_ctx *ctx;
	rnd_table *t;
	int id;
} list_ctx;

static void provider_row(void *arg, const store_provider *p)
{
	list_ctx *l = arg;
	rnd_cell *row = rnd_table_row(l->t);
	rnd_set_text(l->t, row, 0, p->code);
	rnd_set_text(l->t, row, 1, p->name);
	rnd_set_text(l->t, row, 2, p->enterprise_number);
	rnd_set_text(l->t, row, 3, p->contact);
	set_count(l->ctx, l->t, row, 4, p->sites);
	l->id = p->id;
}

int cmd_providers_list(cli_ctx *ctx, int argc, char **argv)
{
	int rc, n;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage(V(ctx->english, survey_unexpected_arg), ctx->argv[0]);
	list_ctx l = {ctx, rnd_table_new(provider_cols, 5), 0};
	lerr e;
	if (store_providers(ctx->s, NULL, provider_row, &l, &n, &e) < 0) {
		rnd_table_free(l.t);
		return cli_error("%s", e.msg);
	}
	return cli_emit_table(ctx, l.t);
}

static const rnd_column site_cols[] = {
	{"site", "Vestiging", "Site"}, {"name", "Naam", "Name"}, {"area", "Gemeente", "Municipality"},
	{"area_name", "Gemeentenaam", "Municipality name"}, {"work_form", "Werkvorm", "Work form"},
	{"valid_from", "Geldig vanaf", "Valid from"}, {"valid_to", "Geldig tot", "Valid to"},
};

static void site_row(void *arg, const store_site *r)
{
	list_ctx *l = arg;
	rnd_cell *row = rnd_table_row(l->t);
	const char *v[] = {r->code, r->name, r->area_code, r->area_name, r->form_code, r->valid_from, r->valid_to};
	for (int i = 0; i < 7; i++)
		rnd_set_text(l->t, row, i, v[i]);
}

/* The provider (a table of one row) and its sites, one row per site and
 * work form; csv and json: the sites only, with the provider's code. */
int cmd_providers_show(cli_ctx *ctx, int argc, char **argv)
{
	int rc, n;
	if ((rc = cli_parse(ctx, argc, argv, NULL, 0)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc != 1)
		return cli_usage("%s", V(ctx->english, survey_name_provider));
	list_ctx l = {ctx, rnd_table_new(provider_cols, 5), 0};
	lerr e;
	if (store_providers(ctx->s, ctx->argv[0], provider_row, &l, &n, &e) < 0) {
		rnd_table_free(l.t);
		return cli_error("%s", e.msg);
	}
	if (!n) {
		rnd_table_free(l.t);
		return cli_error(V(ctx->english, survey_unknown_provider), ctx->argv[0]);
	}
	int id = l.id;
	if (people(ctx)) {
		if ((rc = cli_emit_table(ctx, l.t)))
			return rc;
		fflush(stdout);
	} else
		rnd_table_free(l.t);
	l.t = rnd_table_new(site_cols, 7);
	if (store_provider_sites(ctx->s, id, site_row, &l, &e) < 0) {
		rnd_table_free(l.t);
		return cli_error("%s", e.msg);
	}
	return cli_emit_table(ctx, l.t);
}

/* ---------------------------------------------------------------- rounds */

/* The store ids of a comma list of work-form codes, each a work form of
 * the catalogue valid in year. The caller frees *ids. */
static int parse_forms(cli_ctx *ctx, const char *list, int year, int **ids, int *n)
{
	*ids = NULL;
	*n = 0;
	char *copy = xstrdup(list), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		int i = model_node_index(ctx->m, tok);
		if (i < 0 || ctx->m->nodes[i].kind != KIND_FORM) {
			cli_usage(V(ctx->english, survey_unknown_form), tok);
			free(copy);
			free(*ids);
			return CLI_USAGE;
		}
		if (!model_node_valid_in_year(&ctx->m->nodes[i], year)) {
			cli_error(V(ctx->english, survey_form_not_in_year), tok, year, ctx->m->nodes[i].valid_from,
				  ctx->m->nodes[i].valid_to);
			free(copy);
			free(*ids);
			return CLI_FAILURE;
		}
		*ids = xrealloc(*ids, (size_t)(*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = ctx->m->nodes[i].id;
	}
	free(copy);
	if (!*n)
		return cli_usage("%s", V(ctx->english, survey_no_forms));
	return 0;
}

int cmd_survey_open(cli_ctx *ctx, int argc, char **argv)
{
	const char *year_text = NULL, *edition = NULL, *forms_text = NULL, *closes = NULL;
	cli_option opts[] = {{"--year", 1, &year_text}, {"--edition", 1, &edition}, {"--work-forms", 1, &forms_text},
			     {"--closes", 1, &closes}};
	int rc, year = 0;
	if ((rc = cli_parse(ctx, argc, argv, opts, 4)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage(V(ctx->english, survey_unexpected_arg), ctx->argv[0]);
	if (cli_int(ctx->english, "year", year_text, &year))
		return CLI_USAGE;
	if (closes && !valid_date(closes))
		return cli_usage(V(ctx->english, survey_bad_date), "--closes", closes);
	if (!*edition || strlen(edition) > 48)
		return cli_usage(V(ctx->english, survey_bad_edition), edition);
	int *forms, n, round, invited;
	if ((rc = parse_forms(ctx, forms_text, year, &forms, &n)))
		return rc;
	lerr e;
	rc = store_survey_open(ctx->s, year, edition, forms, n, closes, &round, &invited, &e);
	free(forms);
	if (rc == LERR_CONFLICT)
		return cli_error(V(ctx->english, survey_round_exists), year, edition);
	if (rc < 0)
		return cli_error("%s", e.msg);
	printf(V(ctx->english, survey_opened), year, edition, invited);
	if (!invited)
		fprintf(stderr, "%s", V(ctx->english, survey_nobody_invited));
	return 0;
}

int cli_survey_round(cli_ctx *ctx, const char *year_text, const char *edition, int *round)
{
	int year = 0, many;
	if (year_text && cli_int(ctx->english, "year", year_text, &year))
		return CLI_USAGE;
	lerr e;
	if (store_survey_round(ctx->s, year, edition, round, &many, &e) < 0)
		return cli_error("%s", e.msg);
	if (many)
		return cli_usage("%s", V(ctx->english, survey_which_round));
	if (!*round)
		return cli_error("%s", V(ctx->english, survey_no_round));
	return 0;
}

typedef struct invite_list {
	int *ids;
	char **codes;
	char **names, **contacts;
	int n;
} invite_list;

static void collect_invite(void *arg, const store_invite_row *r)
{
	invite_list *l = arg;
	l->ids = xrealloc(l->ids, (size_t)(l->n + 1) * sizeof *l->ids);
	l->codes = xrealloc(l->codes, (size_t)(l->n + 1) * sizeof *l->codes);
	l->names = xrealloc(l->names, (size_t)(l->n + 1) * sizeof *l->names);
	l->contacts = xrealloc(l->contacts, (size_t)(l->n + 1) * sizeof *l->contacts);
	l->ids[l->n] = r->invite;
	l->codes[l->n] = xstrdup(r->provider_code);
	l->names[l->n] = xstrdup(r->provider_name);
	l->contacts[l->n] = xstrdup(r->contact);
	l->n++;
}

static void invite_list_free(invite_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->codes[i]);
		free(l->names[i]);
		free(l->contacts[i]);
	}
	free(l->ids);
	free(l->codes);
	free(l->names);
	free(l->contacts);
}

/* Is code among the comma list (NULL: every code)? */
static int in_list(const char *list, const char *code)
{
	if (!list)
		return 1;
	size_t n = strlen(code);
	for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

static const rnd_column link_cols[] = {
	{"provider", "Aanbieder", "Provider"}, {"name", "Naam", "Name"}, {"contact", "Contact", "Contact"},
	{"url", "Link", "Link"},
};

/* New tokens for the invites chosen, in one transaction; the table is
 * printed only after the commit (a link that was not stored is never
 * shown). */
static int issue_links(cli_ctx *ctx, const invite_list *l, const char *only, const char *base, rnd_table *t, int *issued)
{
	lerr e;
	*issued = 0;
	if (store_begin(ctx->s, &e) < 0)
		return cli_error("%s", e.msg);
	for (int i = 0; i < l->n; i++) {
		if (!in_list(only, l->codes[i]))
			continue;
		char token[CRYPT_TOKEN_LEN + 1];
		unsigned char hash[CRYPT_HASH_BYTES];
		if (crypt_token(token, &e) < 0)
			goto fail;
		crypt_sha256(token, CRYPT_TOKEN_LEN, hash);
		if (store_survey_set_token(ctx->s, l->ids[i], hash, &e) < 0)
			goto fail;
		rnd_cell *row = rnd_table_row(t);
		rnd_set_text(t, row, 0, l->codes[i]);
		rnd_set_text(t, row, 1, l->names[i]);
		rnd_set_text(t, row, 2, l->contacts[i]);
		char url[1024];
		size_t bl = base ? strlen(base) : 0;
		while (bl && base[bl - 1] == '/')
			bl--;
		snprintf(url, sizeof url, "%.*s/survey/%s", (int)bl, base ? base : "", token);
		rnd_set_text(t, row, 3, url);
		memset(token, 0, sizeof token);
		(*issued)++;
	}
	if (store_commit(ctx->s, &e) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(ctx->s);
	return cli_error("%s", e.msg);
}

int cmd_survey_links(cli_ctx *ctx, int argc, char **argv)
{
	const char *year_text = NULL, *edition = NULL, *only = NULL, *base = NULL;
	cli_option opts[] = {{"--year", 1, &year_text}, {"--edition", 1, &edition}, {"--provider", 1, &only},
			     {"--base-url", 1, &base}};
	int rc, round;
	if ((rc = cli_parse(ctx, argc, argv, opts, 4)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage(V(ctx->english, survey_unexpected_arg), ctx->argv[0]);
	if (base && strncmp(base, "https://", 8) && strncmp(base, "http://", 7))
		return cli_usage(V(ctx->english, survey_bad_base_url), base);
	if ((rc = cli_survey_round(ctx, year_text, edition, &round)))
		return rc;
	store_round_info ri;
	lerr e;
	if (store_survey_round_info(ctx->s, round, &ri, &e) < 0)
		return cli_error("%s", e.msg);
	if (*ri.closed_at)
		return cli_error(V(ctx->english, survey_round_closed), ri.year, ri.edition, ri.closed_at);
	invite_list l = {0};
	if (store_survey_invites(ctx->s, round, collect_invite, &l, &e) < 0) {
		invite_list_free(&l);
		return cli_error("%s", e.msg);
	}
	if (only) /* every code named must be one of the round's */
		for (const char *p = only; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
			size_t n = strcspn(p, ",");
			int found = 0;
			for (int i = 0; i < l.n && !found; i++)
				found = strlen(l.codes[i]) == n && strncmp(l.codes[i], p, n) == 0;
			if (!found) {
				invite_list_free(&l);
				return cli_error(V(ctx->english, survey_not_invited), (int)n, p, ri.year, ri.edition);
			}
		}
	rnd_table *t = rnd_table_new(link_cols, 4);
	int issued;
	rc = issue_links(ctx, &l, only, base, t, &issued);
	invite_list_free(&l);
	if (rc) {
		rnd_table_free(t);
		return rc;
	}
	return cli_emit_table(ctx, t);
}

/* --------------------------------------------------------------- status */

/* The persons of one answer and of last year, over a provider's rows. */
typedef struct totals {
	long long persons, last;
	int given, has_last, rows;
} totals;

static void add_row(void *arg, const store_survey_row *r)
{
	totals *t = arg;
	t->rows++;
	if (r->site_open && r->has_year)
		t->persons += r->persons_year, t->given++;
	if (r->has_last)
		t->last += r->last, t->has_last++;
}

enum answer_status { ST_ANSWERED, ST_DRAFT, ST_NOT_OPENED, ST_OVERDUE };
static const char *const status_code[] = {"answered", "draft", "not_opened", "overdue"};

static enum answer_status status_of(const store_invite_row *r, const store_round_info *ri, const char *today)
{
	if (r->final_version)
		return ST_ANSWERED;
	if (*ri->closed_at || (*ri->closes && strcmp(today, ri->closes) > 0))
		return ST_OVERDUE;
	return r->version ? ST_DRAFT : ST_NOT_OPENED;
}

static const char *status_word(enum answer_status st, int en)
{
	switch (st) {
	case ST_ANSWERED: return V(en, survey_status_answered);
	case ST_DRAFT: return V(en, survey_status_draft);
	case ST_NOT_OPENED: return V(en, survey_status_not_opened);
	default: return V(en, survey_status_overdue);
	}
}

static const rnd_column status_cols[] = {
	{"provider", "Aanbieder", "Provider"}, {"name", "Naam", "Name"}, {"status", "Status", "Status"},
	{"version", "Versie", "Version"}, {"submitted_at", "Ingediend", "Submitted"}, {"opened", "Geopend", "Opened"},
	{"persons", "Personen", "Persons"}, {"last_year", "Vorig jaar", "Last year"},
};

typedef struct status_ctx {
	cli_ctx *ctx;
	rnd_table *t;
	const store_round_info *ri;
	char today[16];
	int count[4];
	long long persons, last;
	int failed;
	lerr err;
} status_ctx;

static void status_row(void *arg, const store_invite_row *r)
{
	status_ctx *sc = arg;
	cli_ctx *ctx = sc->ctx;
	enum answer_status st = status_of(r, sc->ri, sc->today);
	totals t = {0};
	/* the answer that counts: the latest final one, else the draft */
	int version = r->final_version ? r->final_version : r->version;
	if (store_survey_rows(ctx->s, r->invite, version ? version : -1, add_row, &t, &sc->err) < 0)
		sc->failed = 1;
	sc->count[st]++;
	rnd_cell *row = rnd_table_row(sc->t);
	rnd_set_text(sc->t, row, 0, r->provider_code);
	rnd_set_text(sc->t, row, 1, r->provider_name);
	rnd_set_text(sc->t, row, 2, people(ctx) ? status_word(st, ctx->english) : status_code[st]);
	if (version)
		set_count(ctx, sc->t, row, 3, version);
	rnd_set_text(sc->t, row, 4, r->submitted_at);
	if (people(ctx))
		rnd_set_text(sc->t, row, 5, *r->opened_at ? V(ctx->english, survey_yes) : V(ctx->english, survey_no));
	else
		rnd_set_num(row, 5, CELL_COUNT, *r->opened_at != '\0', 0);
	if (version && t.given) {
		set_count(ctx, sc->t, row, 6, t.persons);
		if (st == ST_ANSWERED)
			sc->persons += t.persons;
	}
	if (t.has_last) {
		set_count(ctx, sc->t, row, 7, t.last);
		sc->last += t.last;
	}
}

static void today_utc(char out[16])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

int cmd_survey_status(cli_ctx *ctx, int argc, char **argv)
{
	const char *year_text = NULL, *edition = NULL;
	cli_option opts[] = {{"--year", 1, &year_text}, {"--edition", 1, &edition}};
	int rc, round;
	if ((rc = cli_parse(ctx, argc, argv, opts, 2)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage(V(ctx->english, survey_unexpected_arg), ctx->argv[0]);
	if ((rc = cli_survey_round(ctx, year_text, edition, &round)))
		return rc;
	store_round_info ri;
	status_ctx sc = {ctx, NULL, &ri, "", {0}, 0, 0, 0, {0}};
	if (store_survey_round_info(ctx->s, round, &ri, &sc.err) < 0)
		return cli_error("%s", sc.err.msg);
	today_utc(sc.today);
	sc.t = rnd_table_new(status_cols, 8);
	if (store_read_begin(ctx->s, &sc.err) < 0) {
		rnd_table_free(sc.t);
		return cli_error("%s", sc.err.msg);
	}
	rc = store_survey_invites(ctx->s, round, status_row, &sc, &sc.err);
	store_read_end(ctx->s);
	if (rc < 0 || sc.failed) {
		rnd_table_free(sc.t);
		return cli_error("%s", sc.err.msg);
	}
	if (people(ctx)) {
		printf(V(ctx->english, survey_status_head), ri.year, ri.edition,
		       *ri.closed_at ? ri.closed_at : *ri.closes ? ri.closes : "-");
		if ((rc = cli_emit_table(ctx, sc.t)))
			return rc;
		buf p = BUF_INIT, l = BUF_INIT;
		rnd_count(&p, (double)sc.persons, ctx->english);
		rnd_count(&l, (double)sc.last, ctx->english);
		printf(V(ctx->english, survey_status_totals), sc.count[ST_ANSWERED], sc.count[ST_DRAFT], sc.count[ST_NOT_OPENED],
		       sc.count[ST_OVERDUE], buf_cstr(&p), buf_cstr(&l));
		buf_release(&p);
		buf_release(&l);
		return 0;
	}
	return cli_emit_table(ctx, sc.t);
}

/* ---------------------------------------------------------------- close */

/* One figure in the making: a work form in a municipality. */
typedef struct cell {
	int area, work_form;
	char area_code[16], form_code[64];
	long long persons;
	int estimated, missing;
} cell;

typedef struct closing {
	cli_ctx *ctx;
	int round;
	int carry;
	cell *cells;
	int n_cells, cap_cells;
	store_provenance *prov;
	int n_prov, cap_prov;
	/* the provider being read */
	int provider, submission, answered;
	int failed;
	lerr err;
} closing;

static cell *cell_of(closing *c, const store_survey_row *r)
{
	for (int i = 0; i < c->n_cells; i++)
		if (c->cells[i].area == r->area && c->cells[i].work_form == r->work_form)
			return &c->cells[i];
	if (c->n_cells == c->cap_cells) {
		c->cap_cells = c->cap_cells ? 2 * c->cap_cells : 64;
		c->cells = xrealloc(c->cells, (size_t)c->cap_cells * sizeof *c->cells);
	}
	cell *x = &c->cells[c->n_cells++];
	memset(x, 0, sizeof *x);
	x->area = r->area;
	x->work_form = r->work_form;
	snprintf(x->area_code, sizeof x->area_code, "%s", r->area_code);
	snprintf(x->form_code, sizeof x->form_code, "%s", r->form_code);
	return x;
}

static void add_provenance(closing *c, const cell *x, int estimated)
{
	for (int i = 0; i < c->n_prov; i++)
		if (c->prov[i].area == x->area && c->prov[i].work_form == x->work_form && c->prov[i].provider == c->provider)
			return;
	if (c->n_prov == c->cap_prov) {
		c->cap_prov = c->cap_prov ? 2 * c->cap_prov : 64;
		c->prov = xrealloc(c->prov, (size_t)c->cap_prov * sizeof *c->prov);
	}
	c->prov[c->n_prov++] = (store_provenance){x->area, x->work_form, c->provider, estimated ? 0 : c->submission, estimated};
}

/* A site closed all year adds nothing. An answer adds its number; a
 * provider who did not answer makes the figure unknown (never zero),
 * unless last year's number is carried, flagged estimated. */
static void close_row(void *arg, const store_survey_row *r)
{
	closing *c = arg;
	if (!r->site_open)
		return;
	cell *x = cell_of(c, r);
	if (c->answered && r->has_year) {
		x->persons += r->persons_year;
		add_provenance(c, x, 0);
	} else if (!c->answered && c->carry && r->has_last) {
		x->persons += r->last;
		x->estimated = 1;
		add_provenance(c, x, 1);
	} else
		x->missing = 1;
}

typedef struct absent {
	char **codes;
	int n;
} absent;

static void close_provider(void *arg, const store_invite_row *r)
{
	closing *c = ((void **)arg)[0];
	absent *a = ((void **)arg)[1];
	if (c->failed)
		return;
	c->provider = r->provider;
	c->submission = r->final_submission;
	c->answered = r->final_version > 0;
	if (!c->answered) {
		a->codes = xrealloc(a->codes, (size_t)(a->n + 1) * sizeof *a->codes);
		a->codes[a->n++] = xstrdup(r->provider_code);
	}
	if (store_survey_rows(c->ctx->s, r->invite, c->answered ? r->final_version : -1, close_row, c, &c->err) < 0)
		c->failed = 1;
}

/* The figures as a figures file for the normal import. */
static void figures_csv(const closing *c, int year, const char *edition, buf *b)
{
	buf_adds(b, "year,area,work_form,persons,edition,flag\n");
	for (int i = 0; i < c->n_cells; i++) {
		const cell *x = &c->cells[i];
		if (x->missing)
			buf_printf(b, "%d,%s,%s,,%s,missing\n", year, x->area_code, x->form_code, edition);
		else
			buf_printf(b, "%d,%s,%s,%lld,%s,%s\n", year, x->area_code, x->form_code, x->persons, edition,
				   x->estimated ? "estimated" : "");
	}
}

/* Inside the import's transaction: the round ends with its provenance,
 * then the protected grids are brought up to date. */
static int close_before_commit(store *s, const int (*pairs)[2], int n, void *arg, lerr *err)
{
	closing *c = arg;
	if (store_survey_mark_closed(s, c->round, c->prov, c->n_prov, err) < 0)
		return LERR_DB;
	return cli_protect_imported(s, pairs, n, &c->ctx->english, err);
}

int cmd_survey_close(cli_ctx *ctx, int argc, char **argv)
{
	const char *year_text = NULL, *edition = NULL, *carry = NULL, *dry = NULL;
	cli_option opts[] = {{"--year", 1, &year_text}, {"--edition", 1, &edition}, {"--carry-last-year", 0, &carry},
			     {"--dry-run", 0, &dry}};
	int rc, round;
	if ((rc = cli_parse(ctx, argc, argv, opts, 4)))
		return rc < 0 ? 0 : rc;
	if (ctx->argc)
		return cli_usage(V(ctx->english, survey_unexpected_arg), ctx->argv[0]);
	if ((rc = cli_survey_round(ctx, year_text, edition, &round)))
		return rc;
	store_round_info ri;
	closing c = {ctx, round, carry != NULL, NULL, 0, 0, NULL, 0, 0, 0, 0, 0, 0, {0}};
	if (store_survey_round_info(ctx->s, round, &ri, &c.err) < 0)
		return cli_error("%s", c.err.msg);
	if (*ri.closed_at)
		return cli_error(V(ctx->english, survey_round_closed), ri.year, ri.edition, ri.closed_at);
	absent a = {0};
	void *both[2] = {&c, &a};
	if (store_read_begin(ctx->s, &c.err) < 0)
		return cli_error("%s", c.err.msg);
	rc = store_survey_invites(ctx->s, round, close_provider, both, &c.err);
	store_read_end(ctx->s);
	if (rc == 0 && !c.failed) {
		buf csv = BUF_INIT;
		figures_csv(&c, ri.year, ri.edition, &csv);
		char name[128];
		snprintf(name, sizeof name, "survey-%d-%s", ri.year, ri.edition);
		imp_options o = {.dry_run = dry != NULL, .edition = ri.edition, .only_kind = "figures", .display_name = name,
				 .before_commit = close_before_commit, .before_commit_arg = &c, .english = ctx->english};
		imp_report r;
		rc = imp_run_mem(ctx->s, name, csv.ptr ? csv.ptr : "", csv.len, &o, &r);
		cli_print_import(&r, &o, ctx->english);
		imp_report_release(&r);
		buf_release(&csv);
		if (rc == 0) {
			int missing = 0, estimated = 0;
			for (int i = 0; i < c.n_cells; i++)
				missing += c.cells[i].missing, estimated += c.cells[i].estimated && !c.cells[i].missing;
			if (dry)
				printf(V(ctx->english, survey_close_dry), ri.year, ri.edition, c.n_cells, estimated, missing);
			else
				printf(V(ctx->english, survey_closed), ri.year, ri.edition, c.n_cells, estimated, missing);
		}
		rc = rc < 0 ? CLI_FAILURE : 0;
	} else
		rc = cli_error("%s", c.err.msg);
	for (int i = 0; i < a.n; i++) {
		if (rc == 0 && carry)
			fprintf(stderr, V(ctx->english, survey_no_answer_carried), a.codes[i]);
		else if (rc == 0)
			fprintf(stderr, V(ctx->english, survey_no_answer), a.codes[i]);
		free(a.codes[i]);
	}
	free(a.codes);
	free(c.cells);
	free(c.prov);
	return rc;
}
