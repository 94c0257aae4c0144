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
 *             network, a print style sheet (A4);
 *   rpt_pdf   A4 PDF through cairo: real text set with pango (fonts
 *             embedded), charts as vectors, page numbers, a table of contents
 *             with page numbers and PDF bookmarks.
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
	RPT_CHART,    /* chart */
	RPT_NOTE,     /* small print */
	RPT_TOC,      /* the table of contents: every level-1 and level-2 heading */
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
} rpt_doc;

typedef struct rpt_options {
	int area;            /* model index */
	int year;
	const char *edition; /* NULL: the latest edition holding the year */
	int english;
} rpt_options;

rpt_doc *rpt_build(store *s, const model *m, const rpt_options *o, lerr *err);
void rpt_free(rpt_doc *d);

void rpt_html(buf *out, const rpt_doc *d);
/* date: the PDF's creation date, ISO 8601 (the last import: same data, same
 * bytes); NULL for the default (see pu_pdf_metadata) */
int rpt_pdf(const rpt_doc *d, const char *path, const char *date, lerr *err);

/* All charts of a document (for writing them out one by one). */
int rpt_charts(const rpt_doc *d, const chart ***out); /* caller frees *out */

#endif
