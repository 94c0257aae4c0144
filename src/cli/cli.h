/* cli.h - the command table and what commands share. Prefix: cli_.
 *
 * Every subcommand is one entry in src/cli/commands.def: its words, handler,
 * needs (a database, initialised), arguments, options (named in
 * options.def), summary and examples. Parsing, --help, `ladder help`, the
 * man page and the bash completion all come from those two tables (help.c).
 * Handlers return a process exit status (enum cli_exit).
 */
#ifndef LADDER_CLI_H
#define LADDER_CLI_H

#include "../base/afile.h"
#include "../render/render.h"
#include "../store/import.h"

#include <stdio.h>

#define LADDER_VERSION "0.1.0"

/* Exit statuses, the same for every command (README, ladder(1)). Usage is
 * 64, EX_USAGE of sysexits.h, because 1 and 2 already mean findings and
 * failure here (check: warnings 1, errors 2) and scripts must tell "you
 * called it wrong" from "the data is wrong". */
enum cli_exit {
	CLI_OK = 0,
	CLI_FINDINGS = 1, /* check warnings, disclosure audit exposures */
	CLI_FAILURE = 2,  /* refused input, IO or database error, unknown area/edition, check errors */
	CLI_USAGE = 64,   /* unknown command/option, missing or malformed argument or value */
};

enum cli_needs {
	NEEDS_NOTHING = 0,
	NEEDS_DB = 1,     /* open (and create) the store */
	NEEDS_MODEL = 2,  /* the store must be initialised; load the model */
};

typedef struct cli_ctx {
	const char *db_path;
	int english;
	int lang_given; /* --lang came before the command */
	rnd_format format;
	int format_given;
	int width; /* wrap text for people to this many columns; 0: never */
	int geography; /* --geography: the map figures are shown on; 0: the command's default */
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

/* ---- the tables (help.c) */
typedef enum cli_opt_type { OPT_FLAG, OPT_TEXT, OPT_INT, OPT_REAL, OPT_INTS } cli_opt_type;

typedef struct cli_opt_doc { /* a row of options.def */
	const char *key, *metavar; /* metavar NULL: a flag */
	cli_opt_type type;
	double min, max; /* numbers */
	const char *complete;
	const char *help_nl, *help_en; /* po/nl.po, opt_* */
} cli_opt_doc;

typedef struct cli_command { /* a row of commands.def, without its handler */
	const char *words, *args, *options;
	const char *summary_nl, *summary_en; /* po/nl.po, cmd_* */
	const char *examples;
	unsigned needs;
} cli_command;

typedef struct cli_opt_ref { /* one option of a command */
	const cli_opt_doc *doc;
	int required;
	char name[32]; /* "--out" */
} cli_opt_ref;

extern const cli_command cli_commands[];
extern const int cli_n_commands;
const cli_command *cli_command_find(const char *words); /* NULL if none */
const cli_opt_doc *cli_option_doc(const char *key);     /* NULL if none */
void cli_option_name(const cli_opt_doc *d, char *name, size_t cap);
/* The options of c, in table order; aborts on a key options.def lacks. */
int cli_command_options(const cli_command *c, cli_opt_ref *out, int max);
/* The distinct first words of all commands (pos 0), or the second words of
 * the commands starting with `first` (pos 1), copied into store. */
int cli_command_words(int pos, const char *first, const char **out, char (*copies)[32], int max);
/* The candidate within two edits (or of which word is a prefix), or NULL. */
const char *cli_suggest(const char *word, const char *const *candidates, int n);
/* The language of help text (1: English): --lang among args or before the
 * command, else the locale's: English when the first set of LANGUAGE,
 * LC_ALL, LC_MESSAGES and LANG starts with "en", else Dutch (the default). */
int cli_help_english(const cli_ctx *ctx, int argc, char **argv);
const char *cli_command_summary(const cli_command *c, int en);
void cli_help_all(FILE *f, int en);
void cli_help_command(FILE *f, const cli_command *c, int en);
void cli_man(FILE *f, int en);     /* ladder(1) in troff */
void cli_bash_completion(FILE *f); /* the completion script */
/* Columns to wrap text for people to: $COLUMNS or the terminal's width when
 * stdout is a terminal, else 0 (never wrap). */
int cli_terminal_width(void);

/* Option numbers, range from options.def by key ("year", "port"): 0, or
 * CLI_USAGE after an error naming the option and the expected range. */
int cli_int(int en, const char *key, const char *value, int *out);
/* 0 when area ai is on the map figures are computed on (a grouping always
 * is), else the error that says so and the way out (--geography). */
int cli_area_on_map(const cli_ctx *ctx, int ai);
int cli_real(int en, const char *key, const char *value, double *out);

/* Pulls the command's options (its row in commands.def) out of argv, with
 * the values the handler binds in opts (which must be exactly the table's,
 * apart from --db/--lang/--format: a mismatch aborts, so tests catch a
 * table that drifts); checks numbers and required options; leftovers go to
 * ctx->argc/argv. Returns 0; CLI_USAGE or CLI_FAILURE after printing an
 * error; -1 after printing the command's help for --help. Then opens what
 * the command needs (cli_open). Handlers:
 *     if ((rc = cli_parse(...))) return rc < 0 ? 0 : rc; */
int cli_parse(cli_ctx *ctx, int argc, char **argv, const cli_option *opts, int n_opts);
int cli_error(const char *fmt, ...) LADDER_PRINTF(1, 2); /* prints "ladder: ...", returns CLI_FAILURE */
int cli_usage(const char *fmt, ...) LADDER_PRINTF(1, 2); /* prints "ladder: ...", returns CLI_USAGE */
/* The usage error for ctx->argv[0], an argument the command does not take. */
int cli_unexpected(const cli_ctx *ctx);
/* Writes b to stdout and checks for write errors. Returns 0 or 1. */
int cli_emit(buf *b);
/* Renders t in the context's format, language and width to stdout and
 * frees it. Returns 0 or 1. */
int cli_emit_table(cli_ctx *ctx, rnd_table *t);
/* The source profile arg names: a file (a path with '/' or '.') or a stored
 * profile's latest version (cmd_profiles.c). *out and *label live in a.
 * 0, or an exit status after a message (a parse error at file:line:col). */
struct prof;
int cli_profile_load(cli_ctx *ctx, const char *arg, arena *a, const struct prof **out, const char **label);
/* The arguments of a command that reads files with --dry-run (the import
 * commands): *dry set, the files left in ctx->argc/argv; no file is a usage
 * error saying no_files, in Dutch and English (chosen after --lang is
 * parsed). Returns as cli_parse does. */
int cli_parse_files(cli_ctx *ctx, int argc, char **argv, const char *no_files_nl, const char *no_files_en, int *dry);
/* Prints an import report (summary lines or errors). */
void cli_print_import(const imp_report *r, const imp_options *o, int english);
/* `ladder KIND import [--dry-run] FILE...` of register files that hold no
 * figures (areas and groupings; providers and sites): kinds as
 * imp_options.only_kind; no_files the usage error without a file, in Dutch
 * and English (chosen after --lang is parsed). */
int cli_import_register(cli_ctx *ctx, int argc, char **argv, const char *kinds, const char *no_files_nl,
			const char *no_files_en);
/* An imp_options.before_commit: computes and caches the protected grids
 * an import made stale, inside its transaction (arg: the int english). */
int cli_protect_imported(store *s, const int (*pairs)[2], int n, void *arg, lerr *err);
/* The survey round named by --year/--edition (either may be NULL), else
 * the only one not closed: 0, or an exit status after a message. */
int cli_survey_round(cli_ctx *ctx, const char *year, const char *edition, int *round);
/* Creates the schema and loads the compiled-in reference data. */
int cli_init_store(store *s, int english, int quiet);
/* Opens the store and loads the model as ctx->needs says; 0 or 2. */
int cli_open(cli_ctx *ctx);
/* The ladder of an area and year (show and demo). unprotected: the
 * analyst's --unprotected (warns on stderr). */
int cli_show(cli_ctx *ctx, const char *area, const char *year, const char *edition, int unprotected);
/* `ladder demo --full` (demo_full.c): the synthetic edition DEMO_FULL_EDITION
 * of every Flemish municipality, work form and context indicator for the
 * years DEMO_FULL_FIRST..DEMO_FULL_LAST, generated and imported into s
 * (which holds the demo's seed already), protected at import. 0 or 2. */
#define DEMO_FULL_EDITION "2026"
#define DEMO_FULL_FIRST 2003
#define DEMO_FULL_LAST 2025
int demo_full_import(store *s, int english);

/* Shared by the publishing commands (cmd_publish.c). Output files are
 * written whole or not at all (afile.h: a temporary file beside the target,
 * renamed over it when complete); an existing target is refused unless
 * force (--force). en: messages in English. Each returns 0, or 2 after an
 * error message. */
int cli_check_out(int en, const char *path, int force);  /* before long work */
int cli_write_file(int en, const char *path, const buf *b, int force);
afile *cli_out_open(int en, const char *path, int force); /* NULL after a message */
int cli_out_commit(int en, afile *f);                     /* frees f */
/* A library failed writing afile_path(f): says so for target, removes the
 * temporary file, frees f. */
int cli_out_fail(int en, afile *f, const char *target, const lerr *e);
/* Releases pango's font map at the end of a run that drew (chart_shutdown,
 * for leak checkers), whether it succeeded or not. */
void cli_fonts_done(void);
int cli_parse_year(int en, const char *opt, const char *s, int *out);
/* The PDFs' creation date: the last import, ISO 8601; "" when nothing was
 * imported (then the default date). */
void cli_pdf_date(store *s, char date[32]);
int cli_report(cli_ctx *ctx, int area, int year, const char *edition, const char *const *outs, int n_outs, int force,
	       int map_level);

#define CMD(words, fn, needs, args, options, summary, examples) int fn(cli_ctx *ctx, int argc, char **argv);
#define CMD_FULL CMD
#include "commands.def"
#undef CMD_FULL
#undef CMD

#endif
