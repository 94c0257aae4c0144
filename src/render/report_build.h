/* report_build.h - the report builder's own state and helpers, shared by
 * the files that build its sections (report.c, report_context.c,
 * report_sources.c); not for use outside src/render/report*.c.
 *
 * Everything a helper returns as text lives in the document's arena
 * (b->d->mem) until rpt_free; rb_list's arrays are the builder's until
 * rb_list_emit hands them over. */
#ifndef LADDER_RENDER_REPORT_BUILD_H
#define LADDER_RENDER_REPORT_BUILD_H

#include "report.h"

#include <stdarg.h>

typedef struct rpt_bld {
	rpt_doc *d;
	store *s;
	const model *m;
	int en;
	int area;
	calc_ladder *l;     /* the area */
	calc_ladder *fl;    /* Flanders, same year and edition; NULL when absent */
	calc_grid *g;       /* the year's grid, the report's edition */
	int *years;         /* years the edition holds, ascending */
	int ny;
	calc_grid **yg;     /* one grid per year */
	unsigned used;      /* flags of everything printed */
	int n_charts;
	lerr *err;          /* a store that fails fails the report (failed) */
	int failed;
} rpt_bld;

/* a bulleted list or key figures, gathered before they become one block */
typedef struct rb_list {
	const char **items, **subs;
	int n, cap;
} rb_list;

void rb_heading(rpt_bld *b, int level, const char *text, const char *anchor);
void rb_para(rpt_bld *b, enum rpt_kind k, const char *fmt, ...) LADDER_PRINTF(3, 4);
void rb_list_add(rpt_bld *b, rb_list *l, const char *item, const char *sub);
void rb_list_emit(rpt_bld *b, rb_list *l, enum rpt_kind k);
void rb_add_table(rpt_bld *b, rnd_table *t, const char *caption);
void rb_add_chart(rpt_bld *b, chart *c);
const char *rb_chart_id(rpt_bld *b);     /* the next chart's id, "fig3" */
const char *rb_v(rpt_bld *b, calc_value x, int pct); /* a value for running text; notes its flags */
const char *rb_points(rpt_bld *b, calc_value x);     /* percentage points: "1,6" */
int rb_unknown(calc_value x);                        /* unknown and not hidden: no sentence quotes it */
const char *rb_area_name(rpt_bld *b, int a);
int rb_node(rpt_bld *b, const char *code);
void rb_desc_point(rpt_bld *b, buf *desc, int year, calc_value x, int percent);

/* the sections built outside report.c */
void rb_context_section(rpt_bld *b); /* report_context.c */
void rb_checks_section(rpt_bld *b);  /* report_sources.c */
void rb_sources_section(rpt_bld *b); /* report_sources.c */

#endif
