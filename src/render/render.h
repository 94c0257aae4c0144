/* render.h - output formats: aligned text tables, CSV, Markdown and JSON,
 * each a backend behind one interface. Prefix: rnd_.
 *
 * Numbers shown to people follow Belgian Dutch style (56.721 and 78,8 %), or
 * English style with --lang en; csv and json carry plain numbers (56721 and
 * 78.757...) and null for unknown values.
 *
 * A rnd_table is a small document: columns with labels in both languages and
 * rows of typed cells. Ownership: the table owns its cells (an arena);
 * rnd_table_free releases it. Renderers append to a caller's buf.
 */
#ifndef LADDER_RENDER_H
#define LADDER_RENDER_H

#include "../engine/calc.h"
#include "../engine/check.h"
#include "../engine/ediff.h"

/* RND_SHEET: CSV for a spreadsheet, for people (fmt_sheet.c): the
 * dashboard's download; not a format of the command line. */
typedef enum rnd_format { RND_TABLE, RND_CSV, RND_JSON, RND_MD, RND_SHEET } rnd_format;

typedef struct rnd_opts {
	rnd_format format;
	int english;
	/* the table format wraps text at blanks to this many columns (the
	 * terminal's); 0, and every other format, never wraps */
	int width;
} rnd_opts;

int rnd_format_parse(const char *s, rnd_format *out);

/* ---- numbers for people */
void rnd_count(buf *b, double v, int english);              /* 56.721 */
void rnd_decimal(buf *b, double v, int decimals, int english); /* 78,8 */
void rnd_percent(buf *b, double v, int decimals, int english); /* 78,8 % */
void rnd_signed_count(buf *b, double v, int english);       /* +1.310 */
void rnd_signed_percent(buf *b, double v, int english);     /* +2,4 % */
void rnd_change(buf *b, double abs, double pct, int english); /* +1.310 (+2,4 %) */
/* ---- plain numbers for machines: shortest text that reads back exactly */
void rnd_plain(buf *b, double v);
/* ---- JSON string with escapes */
void rnd_json_string(buf *b, const char *s);
/* ---- text in HTML, SVG or XML (text and attribute values); NULL is "" */
void rnd_xml_escape(buf *b, const char *s);
/* ---- CSV field, quoted when needed */
void rnd_csv_field(buf *b, const char *s);
/* May the value be printed? Known and not confidential. Every backend asks
 * this (or goes through rnd_set_num, which turns a confidential value into
 * a null cell): a confidential value is never printed. */
int rnd_value_shown(calc_value v);
/* Publication symbol for flags ("s", "e", "x", ".", "") */
const char *rnd_flag_symbol(unsigned flags);
const char *rnd_flag_word(unsigned flags); /* "synthetic", ... or "": for machines (csv, json) */
const char *rnd_flag_name(unsigned flags, int en); /* the same for people: "vertrouwelijk", ... or "" */
/* The symbol in HTML, explained on hover: "&nbsp;<abbr title=...>s</abbr>"; nothing without one. */
void rnd_flag_abbr(buf *b, unsigned flags, int en);
/* A lineage kind for people: "opgegaan in", "merged into". */
const char *rnd_lineage_kind(enum model_lineage_kind k, int en);
/* An area's name as a row or cover names it: "Arrondissement Brugge" where
 * another area has the same name (the municipality Brugge), or always with
 * its level when qualify is set; else the plain name. Allocated in mem when
 * qualified. */
const char *rnd_area_label(const model *m, int area, int en, int qualify, arena *mem);
unsigned rnd_flag_of_word(const char *word); /* CALC_* of a flag word, 0 for none */

/* ---- generic tables */
enum rnd_kind { CELL_EMPTY, CELL_NULL, CELL_TEXT, CELL_COUNT, CELL_DECIMAL, CELL_PERCENT, CELL_SIGNED_COUNT, CELL_SIGNED_PERCENT };

typedef struct rnd_cell {
	enum rnd_kind kind;
	const char *text;
	double num;
	unsigned flags;
} rnd_cell;

typedef struct rnd_column {
	const char *key, *label_nl, *label_en;
} rnd_column;

typedef struct rnd_table {
	arena mem;
	const char *title; /* for people; may be NULL */
	const rnd_column *cols;
	int n_cols;
	rnd_cell *cells; /* n_rows * n_cols */
	int n_rows, cap_rows;
} rnd_table;

rnd_table *rnd_table_new(const rnd_column *cols, int n_cols);
void rnd_table_free(rnd_table *t);
rnd_cell *rnd_table_row(rnd_table *t); /* a new row of NULL cells */
/* 1 when no cell of column col is text: every backend right-aligns it. */
int rnd_column_numeric(const rnd_table *t, int col);
/* Drops the last column when none of its cells holds a value (all unknown
 * or empty): a column of dots tells a reader nothing. 1 when dropped. */
int rnd_table_drop_unknown_last(rnd_table *t);
void rnd_set_text(rnd_table *t, rnd_cell *row, int col, const char *s);
void rnd_set_num(rnd_cell *row, int col, enum rnd_kind kind, double v, unsigned flags);
/* A value for people: a confidential one becomes the symbol alone, an
 * unknown one a null cell; estimated and synthetic keep their flag. */
void rnd_set_value(rnd_cell *row, int col, enum rnd_kind kind, calc_value v);
/* A cell for people: Belgian (or English) number style plus flag symbol;
 * unknown (CELL_NULL) is ".", a plain zero count "-", CELL_EMPTY (not
 * applicable) is blank. */
void rnd_cell_text(buf *b, const rnd_cell *c, int english);

/* ---- backends */
typedef struct rnd_backend {
	const char *name;
	void (*table)(buf *out, const rnd_table *t, const rnd_opts *o);
	void (*ladder)(buf *out, const calc_ladder *l, const rnd_opts *o);
} rnd_backend;

extern const rnd_backend rnd_text_backend, rnd_csv_backend, rnd_md_backend, rnd_json_backend, rnd_sheet_backend;
const rnd_backend *rnd_backend_for(rnd_format f);

void rnd_table_render(buf *out, const rnd_table *t, const rnd_opts *o);
/* The dashboard's spreadsheet CSV (RND_SHEET) of n tables: the byte order
 * mark, each table (its title first) with a blank line between, and the
 * legend of flags when any are used. */
void rnd_sheet_tables(buf *out, rnd_table *const *t, int n, unsigned flags, const rnd_opts *o);
void rnd_ladder_render(buf *out, const calc_ladder *l, const rnd_opts *o);

/* Shared by the people-facing backends: the ladder as tables (summary,
 * work forms, context) with labels in the chosen language. */
rnd_table *rnd_ladder_summary(const calc_ladder *l, int english);
rnd_table *rnd_ladder_forms(const calc_ladder *l, int english);
char *rnd_ladder_title(const calc_ladder *l, int english);
struct labour_view;
struct labour_series;
/* The series of a work form through its lineage (engine/chain.h), in
 * o->format: table and md with the series breaks footnoted (their links
 * and notes) and the symbols, csv with series_break 0/1, json with
 * "series_break" per year and the breaking links; rnd_chain_jsonstat as a
 * JSON-stat 2.0 dataset (status "b" and a note per break year). */
struct chain_series;
void rnd_chain_render(buf *out, const struct chain_series *c, const rnd_opts *o);
void rnd_chain_jsonstat(buf *out, const struct chain_series *c, int english);
char *rnd_chain_title(const struct chain_series *c, int english); /* caller frees */
/* The labour-market context ("1-2-3") and its series, in o->format. */
void rnd_labour_render(buf *out, const struct labour_view *v, const rnd_opts *o);
void rnd_series_render(buf *out, const struct labour_series *s, const rnd_opts *o);

/* The severity of a finding for people: "fout", "waarschuwing", "info". */
const char *rnd_severity_name(check_severity s, int en);
/* What a work form counts, for people: "personen", "trajecten", "VTE"... */
const char *rnd_form_unit_name(enum model_form_unit u, int en);
/* Appends the sentence of a finding of ladder check (po/nl.po, check_*),
 * with the claims' ids, for the people who keep the data. */
void rnd_check_message(buf *out, const check_finding *f, const model *m, int en);
/* The same for readers of a publication (report, dashboard): no claim ids,
 * no rule codes. */
void rnd_check_message_public(buf *out, const check_finding *f, const model *m, int en);
/* The findings of ladder check, in o->format. */
void rnd_check_render(buf *out, const check_report *r, const model *m, const rnd_opts *o);

/* Appends the sentence of a note of a ladder (po/nl.po, ladder_note_*). */
void rnd_ladder_note(buf *out, const calc_ladder *l, const calc_note *n, int en);

/* ---- editions (fmt_ediff.c) */
/* What a title page says of an edition: "10e editie, TITLE, data 2017,
 * gepubliceerd 2019-02-19" (the fields that are set; nothing when none). */
void rnd_edition_about(buf *out, const store_edition_meta *m, int en);
/* The metadata as JSON members: "ordinal": 10, "title": "...", "data_year":
 * 2017, "published": "2019-02-19", "notes": "...", "carried_from": null
 * (null: not set), without braces. */
void rnd_edition_meta_json(buf *out, const store_edition_meta *e);
/* A verdict for people: "klopt", "klopt niet", "niet na te gaan". */
const char *rnd_verdict_name(ediff_verdict v, int en);
/* What changed from one edition to the next as one table, a row per
 * change (revised figure, new or ended work form, new area, claim); in
 * csv and json the changes and verdicts are codes, for people words. */
rnd_table *rnd_ediff_table(const ediff *d, const rnd_opts *o);

/* Legend of the flags used, or NULL when none are. Caller frees. */
char *rnd_flag_legend(unsigned flags, int english);
/* The same, saying which year's municipal boundaries recomputed figures
 * follow (map_year 0: not said). */
char *rnd_flag_legend_map(unsigned flags, int english, int map_year);

#endif
