/* main.c - ladder's entry point: shared options, the command table, and the
 * final check that stdout was written. */
#include "cli.h"
#include "../base/embed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LADDER_VERSION "0.1.0"

typedef struct command {
	const char *words;
	int (*run)(cli_ctx *ctx, int argc, char **argv);
	unsigned needs;
	const char *summary;
} command;

static const command commands[] = {
#define CMD(words, fn, needs, summary) {words, fn, needs, summary},
#ifdef LADDER_LEAN
#define CMD_FULL(words, fn, needs, summary) {words, NULL, needs, summary},
#else
#define CMD_FULL CMD
#endif
#include "commands.def"
#undef CMD_FULL
#undef CMD
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

int cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ladder: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 2;
}

int cli_emit(buf *b)
{
	if (b->len && fwrite(b->ptr, 1, b->len, stdout) != b->len)
		return 1;
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "ladder %s - inventory of employment and participation on the participation ladder\n\n"
		   "usage: ladder [--db PATH] [--lang nl|en] [--format table|csv|json|md] COMMAND [ARGS]\n\n"
		   "commands:\n",
		LADDER_VERSION);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-18s %s\n", commands[i].words, commands[i].summary);
	fprintf(f, "\nThe database is --db PATH, else $LADDER_DB, else ./ladder.db.\n"
		   "ladder COMMAND --help shows a command's options.\n");
}

static int shared_option(cli_ctx *ctx, const char *name, const char *value)
{
	if (strcmp(name, "--db") == 0) {
		ctx->db_path = value;
	} else if (strcmp(name, "--lang") == 0) {
		if (strcmp(value, "nl") && strcmp(value, "en"))
			return cli_error("--lang: expected nl or en, got '%s'", value);
		ctx->english = strcmp(value, "en") == 0;
	} else if (strcmp(name, "--format") == 0) {
		if (rnd_format_parse(value, &ctx->format) < 0)
			return cli_error("--format: expected table, csv, json or md, got '%s'", value);
		ctx->format_given = 1;
	} else {
		return -1;
	}
	return 0;
}

int cli_parse(cli_ctx *ctx, int argc, char **argv, const cli_option *opts, int n_opts)
{
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
			printf("ladder %s", ctx->words);
			for (int k = 0; k < n_opts; k++)
				printf(" [%s%s]", opts[k].name, opts[k].takes_value ? " VALUE" : "");
			printf(" [--db PATH] [--lang nl|en] [--format table|csv|json|md]\n");
			for (size_t c = 0; c < N_COMMANDS; c++)
				if (strcmp(commands[c].words, ctx->words) == 0)
					printf("  %s\n", commands[c].summary);
			return -1;
		}
		if (strncmp(arg, "--", 2) != 0 || !arg[2]) {
			ctx->argv[ctx->argc++] = arg;
			continue;
		}
		char name[64];
		const char *eq = strchr(arg, '=');
		snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
		int shared = !strcmp(name, "--db") || !strcmp(name, "--lang") || !strcmp(name, "--format");
		const cli_option *o = NULL;
		for (int k = 0; k < n_opts && !shared; k++)
			if (strcmp(opts[k].name, name) == 0)
				o = &opts[k];
		if (!shared && !o) {
			if (strcmp(name, "--unprotected") == 0)
				return cli_error("--unprotected is for 'ladder show' only: published outputs (reports, exports, the server) are always protected");
			buf known = BUF_INIT;
			for (int k = 0; k < n_opts; k++)
				buf_printf(&known, " %s", opts[k].name);
			int rc = cli_error("unknown option %s (this command takes:%s --db --lang --format)", name,
					   known.len ? known.ptr : "");
			buf_release(&known);
			return rc;
		}
		const char *value = "";
		if (shared || o->takes_value) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return cli_error("%s needs a value", name);
		} else if (eq) {
			return cli_error("%s takes no value", name);
		}
		if (shared) {
			if (shared_option(ctx, name, value))
				return 2;
		} else {
			*o->value = value;
		}
	}
	return cli_open(ctx);
}

int cli_open(cli_ctx *ctx)
{
	unsigned needs = ctx->needs;
	if (!(needs & (NEEDS_DB | NEEDS_MODEL)))
		return 0;
	lerr e;
	ctx->s = store_open(ctx->db_path, !(needs & NEEDS_MODEL), &e);
	if (!ctx->s)
		return cli_error("%s", e.msg);
	if (!(needs & NEEDS_MODEL))
		return 0;
	if (!store_has_reference(ctx->s))
		return cli_error("%s is not initialised: run 'ladder init --db %s' first", ctx->db_path, ctx->db_path);
	ctx->m = store_load_model(ctx->s, &e);
	if (!ctx->m)
		return cli_error("%s", e.msg);
	return 0;
}

/* A CMD_FULL command in the lean build: the whole command line goes to
 * ladder-full beside this executable (same process id, same exit status). */
static int run_full(char **argv)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 32);
	if (n <= 0)
		return cli_error("cannot find this program's path (/proc/self/exe): %s", strerror(errno));
	self[n] = 0;
	char *slash = strrchr(self, '/');
	snprintf(slash + 1, sizeof self - (size_t)(slash + 1 - self), "ladder-full");
	execv(self, argv);
	return cli_error("%s: %s (this command runs in ladder-full, the build with the publication and server "
			 "libraries: run make)",
			 self, strerror(errno));
}

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

int main(int argc, char **argv)
{
	cli_ctx ctx = {0};
	ctx.db_path = getenv("LADDER_DB") && *getenv("LADDER_DB") ? getenv("LADDER_DB") : "ladder.db";
	ctx.format = RND_TABLE;
	int i = 1;
	/* shared options may come before the command */
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("ladder %s (SQLite %s, schema %d)\n", LADDER_VERSION, sqlite3_libversion(), STORE_SCHEMA_VERSION);
			return 0;
		}
		char *eq = strchr(argv[i], '=');
		char name[32];
		snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - argv[i]) : (int)strlen(argv[i]), argv[i]);
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
		if (!value)
			return cli_error("%s needs a value", name);
		int rc = shared_option(&ctx, name, value);
		if (rc < 0) {
			cli_error("unknown option %s", name);
			usage(stderr);
			return 2;
		}
		if (rc)
			return rc;
		i += eq ? 1 : 2;
	}
	if (i >= argc || !strcmp(argv[i], "help")) {
		usage(i >= argc ? stderr : stdout);
		return i >= argc ? 2 : 0;
	}
	int used;
	const command *cmd = lookup(argc - i, argv + i, &used);
	if (!cmd) {
		cli_error("unknown command '%s'", argv[i]);
		usage(stderr);
		return 2;
	}
	ctx.needs = cmd->needs;
	ctx.words = cmd->words;
	if (!cmd->run)
		return run_full(argv);
	int rc = cmd->run(&ctx, argc - i - used, argv + i + used);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("write error on standard output: %s", strerror(errno));
		rc = rc ? rc : 1;
	}
	model_free(ctx.m);
	store_close(ctx.s);
	free(ctx.argv);
	return rc;
}
