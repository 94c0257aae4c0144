/* main.c - ladder's entry point: shared options, the command table, and the
 * final check that stdout was written. */
#include "cli.h"
#include "../base/vocab.h"
#include "../base/embed.h"
#include "../base/num.h"
#include "../base/sheet.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct command {
	const char *words;
	int (*run)(cli_ctx *ctx, int argc, char **argv);
	unsigned needs;
} command;

/* The handlers, in the order of cli_commands (help.c): the same rows. */
static const command commands[] = {
#define CMD(words, fn, needs, args, options, summary, examples) {words, fn, needs},
#ifdef LADDER_LEAN
#define CMD_FULL(words, fn, needs, args, options, summary, examples) {words, NULL, needs},
#else
#define CMD_FULL CMD
#endif
#include "commands.def"
#undef CMD_FULL
#undef CMD
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static int vmessage(int rc, const char *fmt, va_list ap)
{
	fputs("ladder: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return rc;
}

int cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vmessage(CLI_FAILURE, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vmessage(CLI_USAGE, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_emit(buf *b)
{
	if (b->len && fwrite(b->ptr, 1, b->len, stdout) != b->len)
		return CLI_FAILURE;
	return 0;
}

int cli_emit_table(cli_ctx *ctx, rnd_table *t)
{
	rnd_opts o = {ctx->format, ctx->english, ctx->width};
	buf b = BUF_INIT;
	rnd_table_render(&b, t, &o);
	int rc = cli_emit(&b);
	buf_release(&b);
	rnd_table_free(t);
	return rc;
}

/* --lang: 1 en, 0 nl, -1 not among the arguments */
static int lang_arg(int argc, char **argv);

/* The language of the command line's own messages while the arguments are
 * read: --lang where it is given (before or after the command), else what
 * is known so far (Dutch by default). */
static int args_english(const cli_ctx *ctx, int argc, char **argv)
{
	int en = lang_arg(argc, argv);
	return en >= 0 ? en : ctx->english;
}

static int shared_option(cli_ctx *ctx, const char *name, const char *value, int en)
{
	if (strcmp(name, "--db") == 0) {
		ctx->db_path = value;
	} else if (strcmp(name, "--lang") == 0) {
		if (strcmp(value, "nl") && strcmp(value, "en"))
			return cli_usage(V(en, cli_bad_lang), value);
		ctx->english = strcmp(value, "en") == 0;
		ctx->lang_given = 1;
	} else if (strcmp(name, "--format") == 0) {
		if (rnd_format_parse(value, &ctx->format) < 0)
			return cli_usage(V(en, cli_bad_format), value);
		ctx->format_given = 1;
	} else if (strcmp(name, "--geography") == 0) {
		ctx->geography = atoi(value); /* check_value kept it in range */
	} else {
		return -1;
	}
	return 0;
}

static int is_shared(const char *name)
{
	return !strcmp(name, "--db") || !strcmp(name, "--lang") || !strcmp(name, "--format") || !strcmp(name, "--geography");
}

/* The handler's bindings must be the table's options: a mismatch is a bug
 * that every test running the command (t0300 runs all with --help) shows. */
static void check_bindings(const cli_ctx *ctx, const cli_opt_ref *refs, int n_refs, const cli_option *opts, int n_opts)
{
	for (int k = 0; k < n_opts; k++) {
		int found = 0;
		for (int r = 0; r < n_refs && !found; r++)
			found = !strcmp(refs[r].name, opts[k].name) && (refs[r].doc->type != OPT_FLAG) == (opts[k].takes_value != 0);
		if (!found) {
			fprintf(stderr, "ladder: internal error: '%s' binds %s, which its row in commands.def/options.def does not list (as such)\n",
				ctx->words, opts[k].name);
			abort();
		}
	}
	for (int r = 0; r < n_refs; r++) {
		int found = is_shared(refs[r].name);
		for (int k = 0; k < n_opts && !found; k++)
			found = !strcmp(refs[r].name, opts[k].name);
		if (!found) {
			fprintf(stderr, "ladder: internal error: commands.def lists %s for '%s', which its handler does not read\n",
				refs[r].name, ctx->words);
			abort();
		}
	}
}

/* The map figures are computed on: that of --year (a year's figures on the
 * map of that year); else of --to when earlier than the latest year with
 * figures (a series on the map of its latest year); --geography overrides
 * both. */
static void choose_map(cli_ctx *ctx, const cli_opt_ref *refs, const char **values, int n_refs)
{
	int year = 0, to = 0;
	for (int r = 0; r < n_refs; r++) {
		if (values[r] && !strcmp(refs[r].name, "--year"))
			year = atoi(values[r]);
		if (values[r] && !strcmp(refs[r].name, "--to"))
			to = atoi(values[r]);
	}
	if (!year && to && (!ctx->m->map_year || to < ctx->m->map_year))
		year = to;
	if (ctx->geography)
		year = ctx->geography;
	if (year)
		model_set_map(ctx->m, year);
}

static int is_member(const model_area *g, int a)
{
	for (int i = 0; i < g->n_members; i++)
		if (g->members[i] == a)
			return 1;
	return 0;
}

/* "37022 Tielt: 37015 Tielt erin, 37007 Meulebeke niet; ...": the areas of
 * the map a merger made cross grouping g's border, and which of the
 * municipalities merged into each are in the grouping. */
static void crossings(buf *b, const model *m, const model_area *g, int en)
{
	for (int i = 0; i < g->n_crossing; i++) {
		const model_area *t = &m->areas[g->crossing[i]];
		buf_printf(b, "%s%s %s:", i ? "; " : "", t->code, t->name_nl);
		for (int k = 0, n = 0; k < m->n_successions; k++) {
			const model_succession *s = &m->successions[k];
			if (&m->areas[s->to] != t)
				continue;
			const model_area *p = &m->areas[s->from];
			buf_printf(b, "%s %s %s %s", n++ ? "," : "", p->code, p->name_nl,
				   is_member(g, s->from) ? V(en, geo_in_grouping) : V(en, geo_not_in_grouping));
		}
	}
}

int cli_area_on_map(const cli_ctx *ctx, int ai)
{
	const model_area *a = &ctx->m->areas[ai];
	if (a->level == LEVEL_GROUPING && a->n_crossing) {
		buf b = BUF_INIT;
		crossings(&b, ctx->m, a, ctx->english);
		int rc = cli_error(V(ctx->english, geo_grouping_crosses), a->code, a->name_nl, ctx->m->map_year, b.ptr);
		buf_release(&b);
		return rc;
	}
	if (a->level == LEVEL_GROUPING || model_area_valid_in_year(a, ctx->m->map_year))
		return 0;
	/* the importer's wording: what it became, or what it was made of */
	buf why = BUF_INIT;
	model_area_off_map_reason(ctx->m, ai, ctx->m->map_year, ctx->english, &why);
	int rc = cli_error(V(ctx->english, show_area_off_map), a->code, a->name_nl, ctx->m->map_year, buf_cstr(&why));
	buf_release(&why);
	return rc;
}

int cli_unexpected(const cli_ctx *ctx)
{
	return cli_usage(V(ctx->english, cli_unexpected_argument), ctx->argv[0]);
}

static int unknown_option(const cli_ctx *ctx, const char *name, const cli_opt_ref *refs, int n_refs, int en)
{
	if (strcmp(name, "--unprotected") == 0)
		return cli_usage("%s", V(en, cli_unprotected_show_only));
	const char *names[64];
	int n = 0;
	for (int r = 0; r < n_refs && n < 63; r++)
		names[n++] = refs[r].name;
	names[n++] = "--help";
	const char *s = cli_suggest(name, names, n);
	if (s)
		return cli_usage(V(en, cli_unknown_option_did_you_mean), name, s);
	return cli_usage(V(en, cli_unknown_option_of), name, ctx->words, ctx->words);
}

/* The one checked parser behind every number option (options.def gives the
 * type and range): the whole value, in range, or a usage error naming the
 * option and what it expects. */
static int number_error(const cli_opt_doc *d, const char *value, int en)
{
	char name[32];
	cli_option_name(d, name, sizeof name);
	return cli_usage(V(en, cli_bad_number), name, d->type == OPT_REAL ? V(en, cli_a_number) : V(en, cli_a_whole_number),
			 d->min, d->max, value ? value : "");
}

static int check_value(const cli_opt_doc *d, const char *value, int en)
{
	long long v;
	double dv;
	switch (d->type) {
	case OPT_INT:
		return num_parse_option_int(value, (long long)d->min, (long long)d->max, &v) < 0 ? number_error(d, value, en) : 0;
	case OPT_REAL:
		return num_parse_option_real(value, d->min, d->max, &dv) < 0 ? number_error(d, value, en) : 0;
	default: /* OPT_INTS: the handler splits the list and checks each with cli_int */
		return 0;
	}
}

int cli_int(int en, const char *key, const char *value, int *out)
{
	const cli_opt_doc *d = cli_option_doc(key);
	long long v;
	if (!d || (d->type != OPT_INT && d->type != OPT_INTS)) {
		fprintf(stderr, "ladder: internal error: '%s' is not a number option in options.def\n", key);
		abort();
	}
	if (num_parse_option_int(value, (long long)d->min, (long long)d->max, &v) < 0)
		return number_error(d, value, en);
	*out = (int)v;
	return 0;
}

int cli_real(int en, const char *key, const char *value, double *out)
{
	const cli_opt_doc *d = cli_option_doc(key);
	if (!d || d->type != OPT_REAL) {
		fprintf(stderr, "ladder: internal error: '%s' is not a real-number option in options.def\n", key);
		abort();
	}
	return num_parse_option_real(value, d->min, d->max, out) < 0 ? number_error(d, value, en) : 0;
}

int cli_parse(cli_ctx *ctx, int argc, char **argv, const cli_option *opts, int n_opts)
{
	const cli_command *cmd = cli_command_find(ctx->words);
	cli_opt_ref refs[48];
	int n_refs = cmd ? cli_command_options(cmd, refs, 48) : 0;
	const char *values[48] = {0};
	check_bindings(ctx, refs, n_refs, opts, n_opts);
	int en = args_english(ctx, argc, argv);
	ctx->argc = 0;
	ctx->argv = xcalloc((size_t)argc + 1, sizeof *ctx->argv);
	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			while (++i < argc)
				ctx->argv[ctx->argc++] = argv[i];
			break;
		}
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			cli_help_command(stdout, cmd, cli_help_english(ctx, argc, argv));
			return -1;
		}
		if (strncmp(arg, "--", 2) != 0 || !arg[2]) {
			ctx->argv[ctx->argc++] = arg;
			continue;
		}
		char name[64];
		const char *eq = strchr(arg, '=');
		snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
		int r = 0;
		while (r < n_refs && strcmp(refs[r].name, name))
			r++;
		if (r == n_refs)
			return unknown_option(ctx, name, refs, n_refs, en);
		const char *value = "";
		if (refs[r].doc->type != OPT_FLAG) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return cli_usage(V(en, cli_needs_value_metavar), name, name, refs[r].doc->metavar);
		} else if (eq) {
			return cli_usage(V(en, cli_takes_no_value), name);
		}
		values[r] = value;
	}
	/* values after all names: an unknown option is the first thing to say */
	int rc;
	for (int r = 0; r < n_refs; r++) {
		if (!values[r]) {
			if (refs[r].required)
				return cli_usage(V(en, cli_needs_option), ctx->words, refs[r].name,
						 refs[r].doc->metavar ? refs[r].doc->metavar : "", ctx->words);
			continue;
		}
		if ((rc = check_value(refs[r].doc, values[r], en)))
			return rc;
		if (is_shared(refs[r].name)) {
			if (shared_option(ctx, refs[r].name, values[r], en))
				return CLI_USAGE;
			continue;
		}
		for (int k = 0; k < n_opts; k++)
			if (!strcmp(opts[k].name, refs[r].name))
				*opts[k].value = values[r];
	}
	if ((rc = cli_open(ctx)))
		return rc;
	if (ctx->m)
		choose_map(ctx, refs, values, n_refs);
	return 0;
}

int cli_open(cli_ctx *ctx)
{
	unsigned needs = ctx->needs;
	if (!(needs & (NEEDS_DB | NEEDS_MODEL)))
		return 0;
	lerr e;
	ctx->s = store_open(ctx->db_path, !(needs & NEEDS_MODEL), ctx->english, &e);
	if (!ctx->s)
		return cli_error("%s", e.msg);
	if (!(needs & NEEDS_MODEL))
		return 0;
	int ready;
	if (store_has_reference(ctx->s, &ready, &e) < 0)
		return cli_error("%s", e.msg);
	if (!ready)
		return cli_error(V(ctx->english, cli_not_initialised), ctx->db_path, ctx->db_path);
	ctx->m = store_load_model(ctx->s, &e);
	if (!ctx->m)
		return cli_error("%s", e.msg);
	return 0;
}

/* Where the build put ladder-full: PREFIX/libexec/ladder (make install). */
#ifndef LADDER_LIBEXECDIR
#define LADDER_LIBEXECDIR "/usr/local/libexec/ladder"
#endif

/* The whole command line goes to the program name (same process id, same
 * exit status). Where it is: beside this program (the build tree), else
 * ../libexec/ladder/ relative to it (an installed tree, also under DESTDIR
 * or when moved), else the libexec directory of the PREFIX it was built
 * for. Returns only when none of them ran: the errno of the first try,
 * beside and relative the places tried (-1 when this program's own place
 * is unknown). */
static int exec_helper(const char *name, char **argv, char beside[4200], char relative[4200])
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 64);
	if (n <= 0)
		return -1;
	self[n] = 0;
	*strrchr(self, '/') = 0;
	char installed[4200];
	snprintf(beside, 4200, "%s/%s", self, name);
	snprintf(relative, 4200, "%s/../libexec/ladder/%s", self, name);
	snprintf(installed, sizeof installed, "%s/%s", LADDER_LIBEXECDIR, name);
	const char *const tries[] = {beside, relative, installed};
	int first_errno = 0;
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		execv(tries[i], argv);
		if (!first_errno)
			first_errno = errno;
	}
	return first_errno;
}

/* A CMD_FULL command in a lean build: it runs in ladder-full. */
static int run_full(char **argv, int en)
{
	char beside[4200], relative[4200];
	int e = exec_helper("ladder-full", argv, beside, relative);
	if (e < 0)
		return cli_error(V(en, cli_no_self_path), lerr_reason(errno, en));
	return cli_error(V(en, cli_no_full), beside, lerr_reason(e, en), relative, LADDER_LIBEXECDIR);
}

#if defined(LADDER_LEAN) && !defined(LADDER_SHEETS)
/* A spreadsheet's run is a batch job whose memory grows to tens of MB:
 * glibc (2.35 on; older ones ignore it) asks the kernel for transparent
 * huge pages for its heap, which then faults in 2 MB at a time instead of
 * 4 KB (bench/sheets.sh: 9 700 -> 1 400 page faults, the import
 * 0,68 -> 0,63 s beside the plain heap in the same minutes, peak RSS
 * 44 -> 48 MB). The user's own setting of it wins. */
static void batch_tunables(void)
{
#ifdef __GLIBC__
	const char *t = getenv("GLIBC_TUNABLES");
	char v[1024];
	if (t && strstr(t, "glibc.malloc.hugetlb"))
		return;
	int n = snprintf(v, sizeof v, "%s%sglibc.malloc.hugetlb=1", t ? t : "", t && *t ? ":" : "");
	if (n > 0 && (size_t)n < sizeof v) /* else the user's tunables stay whole */
		setenv("GLIBC_TUNABLES", v, 1);
#endif
}

/* A command naming a spreadsheet: it runs in ladder-sheets, else (a tree
 * without it) in ladder-full, which reads them too. */
static int run_sheets(char **argv, int en)
{
	char beside[4200], relative[4200], full_beside[4200], full_relative[4200];
	batch_tunables();
	int e = exec_helper("ladder-sheets", argv, beside, relative);
	if (e < 0 || exec_helper("ladder-full", argv, full_beside, full_relative) < 0)
		return cli_error(V(en, cli_no_self_path), lerr_reason(errno, en));
	/* neither ran: name both programs, where ladder-sheets was sought */
	return cli_error(V(en, cli_no_sheets), beside, lerr_reason(e, en), relative, LADDER_LIBEXECDIR);
}

/* Spreadsheets are read in ladder-sheets: libzip, expat and libfreexl
 * (libzip pulls in libcrypto) cost every run of the lean program 3-6 ms of
 * CPU to load, measured on a whole-process `show`. */
static int names_spreadsheet(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (argv[i][0] != '-' && sheet_is_spreadsheet(argv[i]))
			return 1;
	return 0;
}
#endif

/* Longest command whose words match the start of argv. */
static const command *lookup(int argc, char **argv, int *used)
{
	const command *best = NULL;
	int best_words = 0;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		char words[64];
		snprintf(words, sizeof words, "%s", commands[i].words);
		int n = 0, ok = 1;
		char *save = NULL;
		for (char *w = strtok_r(words, " ", &save); w && ok; w = strtok_r(NULL, " ", &save), n++)
			ok = n < argc && strcmp(argv[n], w) == 0;
		if (ok && n > best_words) {
			best = &commands[i];
			best_words = n;
		}
	}
	*used = best_words;
	return best;
}

/* No command matched: name the right one, briefly. */
static int unknown_command(int argc, char **argv, int en)
{
	const char *words[64];
	char word_store[64][32];
	int n = cli_command_words(0, NULL, words, word_store, 64);
	for (int i = 0; i < n; i++) {
		if (strcmp(argv[0], words[i]))
			continue;
		/* a group such as export: the subcommand is missing or mistyped */
		const char *sub[32];
		char sub_store[32][32];
		int m = cli_command_words(1, words[i], sub, sub_store, 32);
		buf list = BUF_INIT;
		for (int k = 0; k < m; k++)
			buf_printf(&list, "%s%s", k ? (k + 1 == m ? V(en, cli_or) : ", ") : "", sub[k]);
		int rc;
		if (argc < 2 || !strncmp(argv[1], "-", 1))
			rc = cli_usage(V(en, cli_needs_subcommand), argv[0], list.ptr);
		else {
			const char *s = cli_suggest(argv[1], sub, m);
			rc = s ? cli_usage(V(en, cli_unknown_subcommand_did_you_mean), argv[1], argv[0], s)
			       : cli_usage(V(en, cli_unknown_subcommand), argv[1], argv[0], list.ptr);
		}
		buf_release(&list);
		return rc;
	}
	const char *s = cli_suggest(argv[0], words, n);
	if (s)
		return cli_usage(V(en, cli_unknown_command_did_you_mean), argv[0], s);
	return cli_usage(V(en, cli_unknown_command), argv[0]);
}

/* ladder help [COMMAND]: the overview, or one command's help. */
/* --lang among args: 1 en, 0 nl, -1 not there */
static int lang_arg(int argc, char **argv)
{
	int en = -1;
	for (int i = 0; i < argc; i++) {
		const char *v = !strncmp(argv[i], "--lang=", 7) ? argv[i] + 7 : !strcmp(argv[i], "--lang") && i + 1 < argc ? argv[i + 1] : NULL;
		if (v)
			en = !strcmp(v, "en");
	}
	return en;
}

static int locale_english(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	for (int i = 0; i < 4; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return !strncmp(v, "en", 2);
	}
	return 0;
}

int cli_help_english(const cli_ctx *ctx, int argc, char **argv)
{
	int en = lang_arg(argc, argv);
	return en >= 0 ? en : ctx->lang_given ? ctx->english : locale_english();
}

/* ladder help [COMMAND] [--lang nl|en] */
static int help(int argc, char **argv, int en)
{
	/* --lang is not a command word */
	int kept = 0;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			i++;
		else if (strncmp(argv[i], "--lang=", 7))
			argv[kept++] = argv[i];
	}
	argc = kept;
	if (!argc) {
		cli_help_all(stdout, en);
		return 0;
	}
	int used;
	const command *cmd = lookup(argc, argv, &used);
	if (!cmd && argc == 1) {
		/* a group (help export): its commands */
		size_t len = strlen(argv[0]);
		int n = 0;
		for (int i = 0; i < cli_n_commands; i++)
			if (!strncmp(cli_commands[i].words, argv[0], len) && cli_commands[i].words[len] == ' ') {
				printf("  %-18s %s\n", cli_commands[i].words, cli_command_summary(&cli_commands[i], en));
				n++;
			}
		if (n) {
			printf(V(en, help_group_footer), argv[0]);
			return 0;
		}
	}
	if (!cmd)
		return unknown_command(argc, argv, en);
	if (used < argc)
		return cli_usage(V(en, cli_help_one_command), argv[used], cmd->words);
	cli_help_command(stdout, cli_command_find(cmd->words), en);
	return 0;
}

int main(int argc, char **argv)
{
	cli_ctx ctx = {0};
	ctx.db_path = getenv("LADDER_DB") && *getenv("LADDER_DB") ? getenv("LADDER_DB") : "ladder.db";
	ctx.format = RND_TABLE;
	int i = 1;
	/* shared options may come before the command */
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_help_all(stdout, cli_help_english(&ctx, argc, argv));
			return 0;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("ladder %s (SQLite %s, schema %d)\n", LADDER_VERSION, store_sqlite_version(), STORE_SCHEMA_VERSION);
			return 0;
		}
		/* for the build: the man page and the completion from the table */
		if (!strcmp(argv[i], "--man")) {
			cli_man(stdout, cli_help_english(&ctx, argc, argv));
			return fflush(stdout) ? CLI_FAILURE : 0;
		}
		if (!strcmp(argv[i], "--bash-completion")) {
			cli_bash_completion(stdout);
			return fflush(stdout) ? CLI_FAILURE : 0;
		}
		char *eq = strchr(argv[i], '=');
		char name[32];
		snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - argv[i]) : (int)strlen(argv[i]), argv[i]);
		if (!is_shared(name)) {
			static const char *const known[] = {"--db", "--lang", "--format", "--help", "--version"};
			const char *s = cli_suggest(name, known, 5);
			if (s)
				return cli_usage(V(args_english(&ctx, argc, argv), cli_unknown_option_did_you_mean), name, s);
			return cli_usage(V(args_english(&ctx, argc, argv), cli_unknown_option_before), name);
		}
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
		if (!value)
			return cli_usage(V(args_english(&ctx, argc, argv), cli_needs_value), name);
		int rc = shared_option(&ctx, name, value, args_english(&ctx, argc, argv));
		if (rc)
			return rc;
		i += eq ? 1 : 2;
	}
	if (i >= argc) {
		fputs(V(ctx.english, cli_usage_line), stderr);
		return CLI_USAGE;
	}
	if (!strcmp(argv[i], "help"))
		return help(argc - i - 1, argv + i + 1, cli_help_english(&ctx, argc - i - 1, argv + i + 1));
	int used;
	const command *cmd = lookup(argc - i, argv + i, &used);
	if (!cmd)
		return unknown_command(argc - i, argv + i, args_english(&ctx, argc - i, argv + i));
	ctx.needs = cmd->needs;
	ctx.words = cmd->words;
#if defined(LADDER_LEAN) && !defined(LADDER_SHEETS)
	if (cmd->run && names_spreadsheet(argc - i - used, argv + i + used))
		return run_sheets(argv, args_english(&ctx, argc, argv));
#endif
	if (!cmd->run)
		return run_full(argv, args_english(&ctx, argc, argv));
#if !defined(LADDER_LEAN) || defined(LADDER_SHEETS)
	imp_enable_spreadsheets();
#endif
	ctx.width = cli_terminal_width();
	int rc = cmd->run(&ctx, argc - i - used, argv + i + used);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(V(ctx.english, cli_write_error), lerr_reason(errno, ctx.english));
		rc = rc ? rc : CLI_FAILURE;
	}
	model_free(ctx.m);
	store_close(ctx.s);
	free(ctx.argv);
	return rc;
}
