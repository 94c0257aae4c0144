/* report.h - the publication of one area and year: built once as a small
 * document, rendered by two backends. Prefix: rpt_.
 *
 * rpt_build reads everything from the store through the engine (calc_ladder,
 * calc_grid) and lays down a sequence of blocks: title page, table of
 * contents, key figures, the ladder, a section per rung with its work forms
 * and their evolution, the sub-areas (table and regional ladder), the labour
 * market context, a summary of the data checks, and sources, editions and
 * footnotes. Backends:
 *   rpt_html  one self-contained HTML file: inline SVG charts and CSS, no
 *             network, a print style sheet (A4); rpt_page_html is the same
 *             backend in its page flavour: the blocks without the file's
 *             chrome (head, cover, footer), for the dashboard;
 *   rpt_pdf   A4 PDF through cairo: real text set with pango (fonts
 *             embedded), charts as vectors, page numbers, a table of contents
 *             with page numbers and PDF bookmarks.
 * The dashboard's page of an area (ladder serve) is a document of the same
 * blocks: rpt_page_build lays down the page's sections (key figures, the
 * ladder, comparison, sub-areas, evolution, labour market, checks,
 * downloads) with the links the server gives it (a callback), and
 * rpt_page_html renders them as the body of a page; the server adds only
 * the chrome (header, search, pickers). Report and page share every block's
 * HTML, so a block is fixed once.
 * Values flagged confidential are never printed ("x"); estimated and
 * synthetic values carry "e" and "s" and are explained in the footnotes.
 *
 * Ownership: a document owns its blocks, strings, tables and charts;
 * rpt_free releases everything. It borrows the model.
 */
#ifndef LADDER_REPORT_H
#define LADDER_REPORT_H

#include "chart.h"

enum rpt_kind {
	RPT_HEADING,  /* level 1 (section, new page in print) or 2 */
	RPT_PARA,     /* text */
	RPT_BULLETS,  /* items[] */
	RPT_KEYFIGS,  /* items[] (big figure) and subs[] (what it is) */
	RPT_TABLE,    /* table */
	RPT_CHART,    /* chart; items[] and subs[]: its downloads (labels, addresses) */
	RPT_NOTE,     /* small print */
	RPT_TOC,      /* the table of contents: every level-1 and level-2 heading */
	RPT_LINKS,    /* items[] (labels) and subs[] (addresses); saves[k]: a file to download */
};

typedef struct rpt_block {
	enum rpt_kind kind;
	int level;
	const char *text;
	const char *anchor; /* headings: id for links */
	const char **items, **subs;
	int n_items;
	rnd_table *table;
	const char *caption; /* tables */
	chart *ch;
	/* the page: */
	int row_headers;     /* tables: the first column names the row */
	const char **links;  /* tables: per row, the address the row's name leads to, or NULL */
	double *bars;        /* tables: per row, the shares of rungs 5, 4, 3 as a stacked bar (NAN: hidden) */
	int bar_legend;      /* tables with bars: a legend of the rungs' colours above */
	rnd_cell *values;    /* key figures: per item, the value (with its flags) instead of items[] */
	unsigned char *saves;
	int current;         /* tables (links) and links: 1 + the row or item that is
			      * the page itself (aria-current), 0 none */
} rpt_block;

typedef struct rpt_doc {
	arena mem;
	const model *m;
	int english;
	const char *title, *subtitle, *edition_line, *area_name;
	const char *cover_big, *cover_sub; /* the headline figure on the title page */
	int year;
	rpt_block *blocks;
	int n, cap;
	unsigned flags; /* rpt_page_build: flags of everything shown, for the legend */
} rpt_doc;

/* What the map shades: persons of rungs 3-5 per 1 000 inhabitants, the
 * change on the year before (%), or the share of rung 3, 4 or 5. */
enum rpt_map_measure { RPT_MAP_RATE = 0, RPT_MAP_CHANGE = 1, RPT_MAP_RUNG3 = 3, RPT_MAP_RUNG4 = 4, RPT_MAP_RUNG5 = 5 };
/* Which areas the map shades: the municipalities (the default), or the
 * arrondissements or provinces of a region or province. */
enum rpt_map_level { RPT_MAP_MUNICIPALITIES = 0, RPT_MAP_ARRONDISSEMENTS = 1, RPT_MAP_PROVINCES = 2 };
#define RPT_MAP_N_LEVELS 3

typedef struct rpt_options {
	int area;            /* model index */
	int year;
	const char *edition; /* NULL: the latest edition holding the year */
	int english;
	int map;             /* enum rpt_map_measure */
	/* Only the sections that draw the charts, with the same charts and ids
	 * (the dashboard page, a chart's download, `charts`): no title page
	 * lines, contents, key figures, checks, policy, sources or changes,
	 * which the charts do not need and which cost the most (the changes
	 * compare two editions through the checks). */
	int charts_only;
	/* Without "Personen tegenover plaatsen" (the page lays it down itself). */
	int no_persons;
	int map_level;       /* enum rpt_map_level; one the area does not offer: municipalities */
} rpt_options;

rpt_doc *rpt_build(store *s, const model *m, const rpt_options *o, lerr *err);
void rpt_free(rpt_doc *d);
/* An empty document (for builders); rpt_free releases it. */
rpt_doc *rpt_doc_new(const model *m, int english, int year);
/* Appends a cleared block of kind k; the document owns it. */
rpt_block *rpt_add(rpt_doc *d, enum rpt_kind k);

typedef struct rpt_download {
	const char *label, *href;
	int save; /* a file to save rather than a page to show */
} rpt_download;

typedef struct rpt_page_options {
	int area;            /* model index */
	int year;
	const char *edition; /* NULL: the latest edition holding each year */
	int english;
	const int *years;    /* the evolution table's years, in order */
	int n_years;
	/* the address of an area's page (rung 0) or of one of its rungs, in
	 * year (0: the page's own year); the result must outlive the document */
	const char *(*href)(void *ctx, const char *area_code, int rung, int year);
	void *href_ctx;
	const rpt_download *downloads;
	int n_downloads;
	/* the address of a chart's download (ext: "svg", "png", "csv"); the
	 * result must outlive the document. NULL: no chart downloads */
	const char *(*chart_href)(void *ctx, const char *chart_id, const char *ext);
	int map;             /* enum rpt_map_measure */
	/* the page's map shaded by a measure ("rate", "rung5", ..., "change")
	 * at a level (rpt_map_level_key), the result outliving the document;
	 * NULL: no such links */
	const char *(*map_href)(void *ctx, const char *measure, const char *level);
	int map_level;       /* enum rpt_map_level */
} rpt_page_options;

rpt_doc *rpt_page_build(store *s, const model *m, const rpt_page_options *o, lerr *err);
void rpt_page_html(buf *out, const rpt_doc *d);

void rpt_html(buf *out, const rpt_doc *d);
/* date: the PDF's creation date, ISO 8601 (the last import: same data, same
 * bytes); NULL for the default (see pu_pdf_metadata) */
int rpt_pdf(const rpt_doc *d, const char *path, const char *date, lerr *err);

/* index.html of a publication (ladder publish): the n areas' reports
 * (CODE.html, CODE.pdf), annex.xlsx and the open data (data.csv,
 * data.csv-metadata.json, data.json, data.jsonstat.json) as links, for year
 * (the annex and data from year_from, 0: year only). */
void rpt_publish_index(buf *out, const model *m, const int *areas, int n, int year, int year_from, int english);

/* The chapter "Beleidswijzigingen" (policy changes): what the catalogue
 * says began, ended, was renamed, merged, split or replaced in the years
 * from..to (work-form validity and the lineage, with dates and notes),
 * appended to d as a heading, a paragraph and a table. The report and the
 * dashboard page lay down the same blocks. */
void rpt_policy_chapter(rpt_doc *d, int from, int to);

/* The annex "Wat is er veranderd sinds de vorige editie" (report_changes.c):
 * what changed from the edition before edition (a code) to it, for area
 * (model index) and the areas under it, appended to d as a level-1 section;
 * nothing when edition is the first. Errors of the store are returned. */
int rpt_changes_section(rpt_doc *d, store *s, const char *edition, int area, lerr *err) LADDER_WARN_UNUSED;

/* The section "Personen tegenover plaatsen" (report_persons.c): when the
 * edition (a code) holds persons counted from episodes on a date of the
 * document's year (`persons import`), places per person per rung for area
 * (model index) and the areas under it, and with flows the flow chart
 * between the two dates, its data table with the totals of rows and
 * columns, all protected (engine/pflow.h); nothing otherwise. Errors of the
 * store are returned. */
int rpt_persons_section(rpt_doc *d, store *s, const char *edition, int area, lerr *err) LADDER_WARN_UNUSED;

/* The map of an area's municipalities (report_map.c): a province,
 * arrondissement or region shows its municipalities, a municipality its
 * province, a grouping its members, on the map of year; a region or
 * province may show its arrondissements or provinces instead (level). */
typedef struct rpt_map_in {
	const model *m;
	int area, year, english;
	int measure;                 /* enum rpt_map_measure */
	calc_grid *grid, *prev;      /* the year's protected grid; the year before's, or NULL */
	const calc_value *population; /* per model index (RPT_MAP_RATE) */
	int population_year;
	const char *population_name; /* "inhabitants aged 18-64", in the chart's language */
	int level;                   /* enum rpt_map_level, one of rpt_map_levels */
} rpt_map_in;
/* The levels area's map can be drawn at, municipalities first, into
 * levels[RPT_MAP_N_LEVELS]; returns how many (1: no choice). */
int rpt_map_levels(const model *m, int area, int *levels);
/* level when area offers it, else RPT_MAP_MUNICIPALITIES. */
int rpt_map_level_offered(const model *m, int area, int level);
/* A level as a URL names it ("municipality", "arrondissement",
 * "province": model_level_name's words), and back: 0, or LERR_PARSE. */
const char *rpt_map_level_key(int level);
int rpt_map_level_parse(const char *s, int *level);
/* The population a rate divides by: population_18_64 of the year, else
 * all inhabitants (population) of the year, else of the nearest year
 * holding it. out[m->n_areas]; *year 0 when there is none. */
int rpt_map_population(store *s, const model *m, int year, int edition, int english, calc_value *out, int *pop_year,
		       const char **name, lerr *err) LADDER_WARN_UNUSED;
/* NULL with err set when the shapes compiled in are broken. */
chart *rpt_map_chart(const rpt_map_in *in, const char *id, arena *mem, lerr *err);

/* All charts of a document (for writing them out one by one). */
int rpt_charts(const rpt_doc *d, const chart ***out); /* caller frees *out */

#endif
