/* cli.h - the command table and what commands share. Prefix: cli_.
 *
 * Every subcommand is one entry in src/cli/commands.def: its words, handler,
 * needs (a database, initialised) and a one-line summary; --help is generated
 * from the table. Handlers return a process exit status.
 */
#ifndef LADDER_CLI_H
#define LADDER_CLI_H

#include "../base/afile.h"
#include "../render/render.h"
#include "../store/import.h"

enum cli_needs {
	NEEDS_NOTHING = 0,
	NEEDS_DB = 1,     /* open (and create) the store */
	NEEDS_MODEL = 2,  /* the store must be initialised; load the model */
};

typedef struct cli_ctx {
	const char *db_path;
	int english;
	rnd_format format;
	int format_given;
	store *s;
	model *m;
	unsigned needs; /* from the command table */
	const char *words;
	int argc;     /* the command's own arguments, options removed */
	char **argv;
} cli_ctx;

typedef struct cli_option {
	const char *name;  /* "--area" */
	int takes_value;
	const char **value; /* OUT: set when present ("" for flags) */
} cli_option;

/* Pulls the given options (and the shared --db/--lang/--format) out of argv;
 * leftovers go to ctx->argc/argv. Returns 0; 2 after printing an error; -1
 * after printing the command's help for --help. Then opens what the command
 * needs (cli_open). Handlers: if ((rc = cli_parse(...))) return rc < 0 ? 0 : rc; */
int cli_parse(cli_ctx *ctx, int argc, char **argv, const cli_option *opts, int n_opts);
int cli_error(const char *fmt, ...) LADDER_PRINTF(1, 2); /* prints "ladder: ...", returns 2 */
/* Writes b to stdout and checks for write errors. Returns 0 or 1. */
int cli_emit(buf *b);
/* Prints an import report (summary lines or errors). */
void cli_print_import(const imp_report *r, const imp_options *o, int english);
/* Creates the schema and loads the compiled-in reference data. */
int cli_init_store(store *s, int english, int quiet);
/* Opens the store and loads the model as ctx->needs says; 0 or 2. */
int cli_open(cli_ctx *ctx);
/* The ladder of an area and year (show and demo). unprotected: the
 * analyst's --unprotected (warns on stderr). */
int cli_show(cli_ctx *ctx, const char *area, const char *year, const char *edition, int unprotected);

/* Shared by the publishing commands (cmd_publish.c). Output files are
 * written whole or not at all (afile.h: a temporary file beside the target,
 * renamed over it when complete); an existing target is refused unless
 * force (--force). Each returns 0, or 2 after an error message. */
int cli_check_out(const char *path, int force);  /* before long work */
int cli_write_file(const char *path, const buf *b, int force);
afile *cli_out_open(const char *path, int force); /* NULL after a message */
int cli_out_commit(afile *f);                     /* frees f */
/* A library failed writing afile_path(f): says so for target, removes the
 * temporary file, frees f. */
int cli_out_fail(afile *f, const char *target, const lerr *e);
int cli_parse_year(const char *opt, const char *s, int *out);
/* The PDFs' creation date: the last import, ISO 8601; "" when nothing was
 * imported (then the default date). */
void cli_pdf_date(store *s, char date[32]);
int cli_report(cli_ctx *ctx, int area, int year, const char *edition, const char *const *outs, int n_outs, int force);

#define CMD(words, fn, needs, summary) int fn(cli_ctx *ctx, int argc, char **argv);
#define CMD_FULL CMD
#include "commands.def"
#undef CMD_FULL
#undef CMD

#endif
