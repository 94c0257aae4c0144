/* help.c - what the command table says about itself: `ladder help`, `ladder
 * help COMMAND` and COMMAND --help, "did you mean" for a mistyped command,
 * subcommand or option, the man page ladder(1) (`ladder --man`) and the bash
 * completion (`ladder --bash-completion`). All of it comes from
 * commands.def and options.def, so none of it can drift from what the
 * parser accepts. */
#include "cli.h"
#include "../base/num.h"
#include "../base/vocab.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

const cli_command cli_commands[] = {
#define CMD(words, fn, needs, args, options, summary, examples) {words, args, options, VOCAB_PAIR(summary), examples, needs},
#define CMD_FULL CMD
#include "commands.def"
#undef CMD_FULL
#undef CMD
};
const int cli_n_commands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

static const cli_opt_doc option_docs[] = {
#define OPT(key, metavar, type, lo, hi, complete, help) {key, metavar, OPT_##type, lo, hi, complete, VOCAB_PAIR(help)},
#include "options.def"
#undef OPT
};
#define N_OPTION_DOCS ((int)(sizeof option_docs / sizeof option_docs[0]))

/* enum cli_exit, for the man page (po/nl.po, man_exit_*) */
static const struct {
	const char *status, *nl, *en;
} exit_statuses[] = {
	{"0", VOCAB_PAIR(man_exit_0)},
	{"1", VOCAB_PAIR(man_exit_1)},
	{"2", VOCAB_PAIR(man_exit_2)},
	{"64", VOCAB_PAIR(man_exit_64)},
};

const char *cli_command_summary(const cli_command *c, int en)
{
	return en ? c->summary_en : c->summary_nl;
}

static const char *option_help(const cli_opt_doc *d, int en)
{
	return en ? d->help_en : d->help_nl;
}

/* ------------------------------------------------------------ lookups */

const cli_command *cli_command_find(const char *words)
{
	for (int i = 0; i < cli_n_commands; i++)
		if (strcmp(cli_commands[i].words, words) == 0)
			return &cli_commands[i];
	return NULL;
}

const cli_opt_doc *cli_option_doc(const char *key)
{
	for (int i = 0; i < N_OPTION_DOCS; i++)
		if (strcmp(option_docs[i].key, key) == 0)
			return &option_docs[i];
	return NULL;
}

/* The option's name: "--" and the key up to a '.'. */
void cli_option_name(const cli_opt_doc *d, char *name, size_t cap)
{
	snprintf(name, cap, "--%.*s", (int)strcspn(d->key, "."), d->key);
}

int cli_command_options(const cli_command *c, cli_opt_ref *out, int max)
{
	int n = 0;
	const char *p = c->options;
	while (*p && n < max) {
		size_t len = strcspn(p, " ");
		char key[64];
		snprintf(key, sizeof key, "%.*s", (int)len, p);
		int required = len && key[len - 1] == '!';
		if (required)
			key[len - 1] = 0;
		const cli_opt_doc *d = cli_option_doc(key);
		if (!d) {
			/* a typo in commands.def: fail loudly in every test */
			fprintf(stderr, "ladder: internal error: option key '%s' of '%s' is not in options.def\n", key, c->words);
			abort();
		}
		out[n].doc = d;
		out[n].required = required;
		cli_option_name(d, out[n].name, sizeof out[n].name);
		n++;
		p += len;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* ------------------------------------------------------- suggestions */

/* Edit distance (Levenshtein, with adjacent transpositions) of short words. */
static int distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > 63 || nb > 63)
		return 99;
	int d[64][64];
	for (size_t i = 0; i <= na; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[na][nb];
}

const char *cli_suggest(const char *word, const char *const *candidates, int n)
{
	const char *best = NULL;
	int best_d = 99;
	size_t len = strlen(word);
	for (int i = 0; i < n; i++) {
		/* a prefix ("exp" for export) is a likely typo too */
		int d = strncmp(candidates[i], word, len) == 0 && len >= 2 ? 1 : distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	/* at most two edits, and fewer than half the word */
	return best && best_d <= 2 && (size_t)best_d * 2 < len + 1 ? best : NULL;
}

/* The distinct words at position `pos` (0 or 1) of the commands whose
 * first word is `first` (any for pos 0). Returns the count. */
int cli_command_words(int pos, const char *first, const char **out, char (*copies)[32], int max)
{
	int n = 0;
	for (int i = 0; i < cli_n_commands && n < max; i++) {
		const char *w = cli_commands[i].words, *sp = strchr(w, ' ');
		char word[32];
		if (pos == 0) {
			snprintf(word, sizeof word, "%.*s", sp ? (int)(sp - w) : (int)strlen(w), w);
		} else {
			if (!sp || (size_t)(sp - w) != strlen(first) || strncmp(w, first, (size_t)(sp - w)))
				continue;
			snprintf(word, sizeof word, "%s", sp + 1);
		}
		int seen = 0;
		for (int k = 0; k < n && !seen; k++)
			seen = !strcmp(out[k], word);
		if (seen)
			continue;
		snprintf(copies[n], sizeof copies[n], "%s", word);
		out[n] = copies[n];
		n++;
	}
	return n;
}

/* ------------------------------------------------------- wrapping */

int cli_terminal_width(void)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	const char *cols = getenv("COLUMNS");
	long long v;
	if (cols && num_parse_option_int(cols, 20, 10000, &v) == 0)
		return (int)v;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* Writes text at column `indent` (the caller has written up to column
 * `col`), breaking at blanks before `width`; 0 = no wrap. */
static void wrap(FILE *f, const char *text, int col, int indent, int width)
{
	const char *p = text;
	while (*p) {
		size_t word = strcspn(p, " ");
		if (width && col > indent && col + 1 + (int)word > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (p != text) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)word, p);
		col += (int)word;
		p += word;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

/* ------------------------------------------------------- help */

static void synopsis(buf *b, const cli_command *c, int all_options)
{
	cli_opt_ref o[48];
	int n = cli_command_options(c, o, 48);
	buf_printf(b, "ladder %s", c->words);
	if (*c->args)
		buf_printf(b, " %s", c->args);
	for (int i = 0; i < n; i++) {
		if (!o[i].required && !all_options)
			continue;
		const char *mv = o[i].doc->metavar;
		buf_printf(b, " %s%s%s%s%s", o[i].required ? "" : "[", o[i].name, mv ? " " : "", mv ? mv : "",
			   o[i].required ? "" : "]");
	}
}

/* "(1990 to 2100)" */
static void range_text(buf *b, const cli_opt_doc *d, int en)
{
	if (d->type == OPT_INT || d->type == OPT_INTS || d->type == OPT_REAL)
		buf_printf(b, V(en, help_range), d->min, d->max);
}

void cli_help_command(FILE *f, const cli_command *c, int en)
{
	int width = cli_terminal_width();
	buf b = BUF_INIT;
	synopsis(&b, c, 1);
	fputs(V(en, help_usage), f);
	wrap(f, buf_cstr(&b), (int)strlen(V(en, help_usage)), (int)strlen(V(en, help_usage)) + 2, width);
	fputc('\n', f);
	wrap(f, cli_command_summary(c, en), 0, 0, width);
	cli_opt_ref o[48];
	int n = cli_command_options(c, o, 48);
	fprintf(f, "\n%s\n", V(en, help_options));
	for (int i = 0; i <= n; i++) {
		buf_reset(&b);
		buf l = BUF_INIT;
		if (i < n) {
			buf_printf(&l, "  %s%s%s", o[i].name, o[i].doc->metavar ? " " : "", o[i].doc->metavar ? o[i].doc->metavar : "");
			buf_printf(&b, "%s%s", o[i].required ? V(en, help_required) : "", option_help(o[i].doc, en));
			range_text(&b, o[i].doc, en);
		} else {
			buf_adds(&l, "  -h, --help");
			buf_adds(&b, V(en, help_show_this_help));
		}
		fputs(buf_cstr(&l), f);
		int col = (int)l.len;
		if (col > 26) {
			fputc('\n', f);
			col = 0;
		}
		fprintf(f, "%*s", 28 - col, "");
		wrap(f, buf_cstr(&b), 28, 28, width);
		buf_release(&l);
	}
	fprintf(f, "\n%s\n", V(en, help_examples));
	for (const char *p = c->examples; *p;) {
		size_t len = strcspn(p, "\n");
		fprintf(f, "  %.*s\n", (int)len, p);
		p += len + (p[len] == '\n');
	}
	buf_release(&b);
}

void cli_help_all(FILE *f, int en)
{
	int width = cli_terminal_width();
	fprintf(f, "ladder %s - %s\n\n%sladder [--db PATH] [--lang nl|en] [--format table|csv|json|md] COMMAND [ARGS]\n\n%s\n",
		LADDER_VERSION, V(en, help_what), V(en, help_usage), V(en, help_commands));
	for (int i = 0; i < cli_n_commands; i++) {
		fprintf(f, "  %-18s ", cli_commands[i].words);
		wrap(f, cli_command_summary(&cli_commands[i], en), 21, 21, width);
	}
	fputs(V(en, help_footer), f);
}

/* --------------------------------------------------------- man page */

/* Text for troff: backslashes and minus signs escaped, no line starting
 * with a control character. */
static void roff(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else if (*s == '\n') {
			fputc('\n', f);
			if (s[1] == '.' || s[1] == '\'')
				fputs("\\&", f);
		} else
			fputc(*s, f);
	}
}

/* "\fB\-\-area\fR \fICODE|NAME\fR" */
static void man_option(FILE *f, const cli_opt_ref *o)
{
	fputs("\\fB", f);
	roff(f, o->name);
	fputs("\\fR", f);
	if (o->doc->metavar) {
		fputs(" \\fI", f);
		roff(f, o->doc->metavar);
		fputs("\\fR", f);
	}
}

static void man_synopsis(FILE *f, const cli_command *c, int en)
{
	cli_opt_ref o[48];
	int n = cli_command_options(c, o, 48);
	fputs(".SS \"", f);
	roff(f, c->words);
	fputs("\"\n.B ladder ", f);
	roff(f, c->words);
	fputc('\n', f);
	if (*c->args) {
		fputs(".I \"", f);
		roff(f, c->args);
		fputs("\"\n", f);
	}
	for (int i = 0; i < n; i++) {
		fputs(o[i].required ? "" : "[", f);
		man_option(f, &o[i]);
		fputs(o[i].required ? "\n" : "]\n", f);
	}
	fputs(".PP\n", f);
	roff(f, cli_command_summary(c, en));
	fputc('\n', f);
	for (int i = 0; i < n; i++) {
		fputs(".TP\n", f);
		man_option(f, &o[i]);
		fputc('\n', f);
		buf h = BUF_INIT;
		buf_printf(&h, "%s%s", o[i].required ? V(en, man_required) : "", option_help(o[i].doc, en));
		range_text(&h, o[i].doc, en);
		roff(f, buf_cstr(&h));
		fputc('\n', f);
		buf_release(&h);
	}
	fprintf(f, ".PP\n%s\n.PP\n.RS\n.nf\n", V(en, man_examples));
	roff(f, c->examples);
	fputs("\n.fi\n.RE\n", f);
}

/* A ".TP" paragraph: the tag in bold or italics, then text for people. */
static void man_item(FILE *f, const char *macro, const char *tag, const char *text)
{
	fprintf(f, ".TP\n%s ", macro);
	roff(f, tag);
	fputc('\n', f);
	roff(f, text);
	fputc('\n', f);
}

void cli_man(FILE *f, int en)
{
	fprintf(f, ".\\\" ladder(1) - generated by ladder --man from src/cli/commands.def; do not edit\n"
		   ".TH LADDER 1 \"\" \"ladder %s\" \"User Commands\"\n"
		   /* ragged right, no hyphens: option names and values stay whole */
		   ".ad l\n.nh\n"
		   ".SH NAME\nladder \\- ",
		LADDER_VERSION);
	roff(f, V(en, help_what));
	fputs("\n.SH SYNOPSIS\n.B ladder\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] [\\fB\\-\\-lang\\fR \\fInl\\fR|\\fIen\\fR] "
	      "[\\fB\\-\\-format\\fR \\fIFORMAT\\fR]\n.I COMMAND\n[\\fIARGS\\fR]\n.br\n.B ladder help\n[\\fICOMMAND\\fR]\n"
	      ".SH DESCRIPTION\n",
	      f);
	roff(f, V(en, man_intro));
	fputs("\n.PP\n", f);
	roff(f, V(en, man_shared_options));
	fputs("\n.SH COMMANDS\n", f);
	for (int i = 0; i < cli_n_commands; i++)
		man_synopsis(f, &cli_commands[i], en);
	fputs(".SH EXIT STATUS\n", f);
	for (size_t i = 0; i < sizeof exit_statuses / sizeof exit_statuses[0]; i++)
		man_item(f, ".B", exit_statuses[i].status, en ? exit_statuses[i].en : exit_statuses[i].nl);
	fputs(".SH ENVIRONMENT\n", f);
	man_item(f, ".B", "LADDER_DB", V(en, man_env_ladder_db));
	man_item(f, ".B", "COLUMNS", V(en, man_env_columns));
	man_item(f, ".B", "LANGUAGE, LC_ALL, LC_MESSAGES, LANG", V(en, man_env_lang));
	fputs(".SH FILES\n", f);
	man_item(f, ".I", "./ladder.db", V(en, man_file_db));
	man_item(f, ".I", "../libexec/ladder/ladder-full", V(en, man_file_full));
	fputs(".SH SEE ALSO\n.BR sqlite3 (1)\n", f);
}

/* ---------------------------------------------------- bash completion */

static void case_words(FILE *f, const char *const *w, int n)
{
	for (int i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? " " : "", w[i]);
}

static void complete_value(FILE *f, const char *how)
{
	if (!strcmp(how, "@file"))
		fputs("compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))", f);
	else if (!strcmp(how, "@dir"))
		fputs("compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))", f);
	else
		fprintf(f, "COMPREPLY=($(compgen -W \"%s\" -- \"$cur\"))", how);
}

void cli_bash_completion(FILE *f)
{
	fputs("# bash completion for ladder(1). Generated by ladder --bash-completion from\n"
	      "# src/cli/commands.def and options.def; do not edit.\n"
	      "_ladder()\n{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= w i\n"
	      "\t((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	      "\tCOMPREPLY=()\n"
	      "\t# the command: the words before the cursor that are not options or their values\n"
	      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "\t\tw=${COMP_WORDS[i]}\n"
	      "\t\tcase $w in\n\t\t",
	      f);
	/* every option name that takes a value: its value is not a word of the command */
	const char *names[64];
	char name_store[64][32];
	int n_names = 0;
	for (int i = 0; i < N_OPTION_DOCS; i++) {
		if (option_docs[i].type == OPT_FLAG)
			continue;
		char name[32];
		cli_option_name(&option_docs[i], name, sizeof name);
		int seen = 0;
		for (int k = 0; k < n_names && !seen; k++)
			seen = !strcmp(names[k], name);
		if (!seen && n_names < 64) {
			snprintf(name_store[n_names], sizeof name_store[n_names], "%s", name);
			names[n_names] = name_store[n_names];
			n_names++;
		}
	}
	for (int i = 0; i < n_names; i++)
		fprintf(f, "%s%s", i ? "|" : "", names[i]);
	fputs(") ((i++)); continue ;;\n\t\t-*) continue ;;\n\t\tesac\n"
	      "\t\tcmd=\"${cmd:+$cmd }$w\"\n"
	      "\t\tcase $cmd in\n\t\t",
	      f);
	for (int i = 0; i < cli_n_commands; i++)
		fprintf(f, "%s\"%s\"", i ? "|" : "", cli_commands[i].words);
	fputs("|help) break ;;\n\t\tesac\n\tdone\n"
	      "\t# the value of an option\n"
	      "\tcase \"$cmd/$prev\" in\n",
	      f);
	fputs("\t\"/--db\") ", f);
	complete_value(f, cli_option_doc("db")->complete);
	fputs("; return ;;\n\t\"/--lang\") ", f);
	complete_value(f, cli_option_doc("lang")->complete);
	fputs("; return ;;\n\t\"/--format\") ", f);
	complete_value(f, cli_option_doc("format")->complete);
	fputs("; return ;;\n", f);
	for (int i = 0; i < cli_n_commands; i++) {
		cli_opt_ref o[48];
		int n = cli_command_options(&cli_commands[i], o, 48);
		for (int k = 0; k < n; k++) {
			if (o[k].doc->type == OPT_FLAG)
				continue;
			fprintf(f, "\t\"%s/%s\") ", cli_commands[i].words, o[k].name);
			if (*o[k].doc->complete)
				complete_value(f, o[k].doc->complete);
			else
				fputs(":", f);
			fputs("; return ;;\n", f);
		}
	}
	fputs("\tesac\n\tcase $cmd in\n", f);
	/* no command yet: the first words (and help); a group: its subcommands */
	const char *words[64];
	char word_store[64][32];
	int n = cli_command_words(0, NULL, words, word_store, 64);
	fputs("\t\"\"|help)\n\t\tif [[ $cur == -* && -z $cmd ]]; then\n"
	      "\t\t\tCOMPREPLY=($(compgen -W \"--db --lang --format --help --version\" -- \"$cur\"))\n"
	      "\t\telse\n\t\t\tCOMPREPLY=($(compgen -W \"",
	      f);
	case_words(f, words, n);
	fputs(" help\" -- \"$cur\"))\n\t\tfi ;;\n", f);
	for (int i = 0; i < n; i++) {
		const char *sub[32];
		char sub_store[32][32];
		int m = cli_command_words(1, words[i], sub, sub_store, 32);
		if (!m)
			continue;
		fprintf(f, "\t%s) COMPREPLY=($(compgen -W \"", words[i]);
		case_words(f, sub, m);
		fputs("\" -- \"$cur\")) ;;\n", f);
	}
	for (int i = 0; i < cli_n_commands; i++) {
		const cli_command *c = &cli_commands[i];
		cli_opt_ref o[48];
		int k = cli_command_options(c, o, 48);
		fprintf(f, "\t\"%s\"*)\n\t\tif [[ $cur == -* ]]; then\n\t\t\tCOMPREPLY=($(compgen -W \"", c->words);
		for (int j = 0; j < k; j++)
			fprintf(f, "%s ", o[j].name);
		fputs("--help\" -- \"$cur\"))\n\t\t", f);
		if (strstr(c->args, "FILE") || strstr(c->args, "DIR")) {
			fputs("else\n\t\t\t", f);
			complete_value(f, strstr(c->args, "FILE") ? "@file" : "@dir");
			fputs("\n\t\t", f);
		}
		fputs("fi ;;\n", f);
	}
	fputs("\tesac\n}\ncomplete -F _ladder ladder\n", f);
}
