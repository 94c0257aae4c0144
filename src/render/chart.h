/* chart.h - every chart of the publication as one drawing, for web and print.
 * Prefix: chart_.
 *
 * A chart is a display list in points (1 pt = 1 SVG user unit = 1 PDF unit):
 * rectangles, lines, polylines, circles and single-line text with a size,
 * weight and anchor, in labelled groups. The builders below lay a chart out
 * once, measuring text with chart_text_width (a compiled-in metrics table of
 * DejaVu Sans, the only font every backend uses), and move labels apart so
 * that no two overlap. Backends only draw what the list says:
 *   chart_svg     SVG written by hand: real <text>, <title>/<desc>, role="img"
 *                 and aria-labelledby, so charts are searchable and readable
 *                 by screen readers (cairo's SVG surface turns text to paths);
 *   chart_cairo   the same list on a cairo context (PDF, PNG), text set with
 *                 pango so that it stays selectable, fonts embedded.
 * Same data, same bytes: coordinates are printed with two decimals and
 * nothing depends on time, addresses or the locale.
 *
 * Colours: rungs use one warm sequential scale (light to dark), so they stay
 * apart in grey-scale print and for every kind of colour blindness; series
 * of line charts differ by dash and marker too, and are labelled directly.
 *
 * Values are calc_values: a value flagged CALC_CONFIDENTIAL is never drawn or
 * printed (it shows as "x"), unknown shows as "."; estimated and synthetic
 * values carry their symbol ("e", "s").
 *
 * Ownership: a chart owns its items and strings (one arena); chart_free
 * releases it. Builders copy what they are given.
 */
#ifndef LADDER_CHART_H
#define LADDER_CHART_H

#include "render.h"

#define CHART_NONE 0xFFFFFFFFu /* no fill / no stroke */
#define CHART_HATCH 0xFE000000u /* fill: grey hatching on white, what hides a figure (never a colour) */

enum chart_kind { CHART_RECT, CHART_LINE, CHART_POLY, CHART_CIRCLE, CHART_TEXT, CHART_GROUP, CHART_END, CHART_PATH };
enum chart_anchor { CHART_START, CHART_MIDDLE, CHART_END_ANCHOR };

typedef struct chart_item {
	enum chart_kind kind;
	double x, y, w, h;  /* rect: corner, size; line: (x,y)-(w,h); circle: centre, radius w */
	double rx;          /* rect: corner radius */
	double *pts;        /* poly, path: x0,y0,x1,y1,...; path: a NAN pair ends a ring */
	int n_pts;          /* poly, path: points (pairs) */
	uint32_t fill, stroke; /* 0xRRGGBB or CHART_NONE */
	double stroke_w;
	int dash;           /* 0 solid, 1 dashed, 2 dotted */
	const char *text;   /* text; group: its accessible label; rect, path: tooltip */
	double size;        /* text: font size in pt */
	int bold;
	enum chart_anchor anchor;
	int is_label;       /* text that must not overlap others (all but decoration) */
} chart_item;

typedef struct chart {
	arena mem;
	double w, h;
	const char *id;    /* unique within a page: prefix of the SVG ids */
	const char *title; /* accessible title (and drawn heading) */
	const char *desc;  /* accessible description: the figures in words */
	chart_item *items;
	int n, cap;
	int is_map;        /* a map: its data table is a ranking, shown beside it */
	const char **row_codes; /* a map: per data row, the area's code (the page
				 * links it), or NULL; in the chart's memory */
	int current_row;   /* a map: 1 + the data row of the page's own area, 0 none */
	rnd_table *data;   /* the figures drawn, a row each: the page's data table
			    * and the CSV download; owned, NULL for none */
} chart;

/* ---- the drawing model */
chart *chart_new(const char *id, double w, double h, const char *title, const char *desc);
void chart_free(chart *c);
void chart_rect(chart *c, double x, double y, double w, double h, uint32_t fill, uint32_t stroke, double rx,
		const char *tooltip);
void chart_line(chart *c, double x1, double y1, double x2, double y2, uint32_t stroke, double width, int dash);
void chart_poly(chart *c, const double *xy, int n_pts, uint32_t stroke, double width, int dash, uint32_t fill);
void chart_circle(chart *c, double cx, double cy, double r, uint32_t fill, uint32_t stroke);
/* Closed rings filled even-odd (a shape with holes and islands): xy holds
 * n_pts points, a NAN pair between rings. */
void chart_path(chart *c, const double *xy, int n_pts, uint32_t fill, uint32_t stroke, double width,
		const char *tooltip);
/* y is the baseline, as in SVG. Returns the item (to adjust before drawing). */
chart_item *chart_text(chart *c, double x, double y, const char *s, double size, int bold, enum chart_anchor a);
void chart_group(chart *c, const char *label);
void chart_end(chart *c);

/* The chart's data table (c->data), made once with n columns: key, Dutch
 * and English label each (copied into the chart's memory). */
rnd_table *chart_data_new(chart *c, int n, const char *const *keys, const char *const *nl, const char *const *en);
/* A row of the data table: a name, then values (count or percentage). */
rnd_cell *chart_data_row(chart *c, const char *name);

/* ---- layout shared by the builders (chart_kinds.c) */
/* The title's lines at the top; returns the y below them. */
double chart_layout_title(chart *c, const char *t);
/* The symbols used (flags), wrapped under the chart from y; returns the
 * chart's height. */
double chart_layout_footer(chart *c, double y, unsigned used, int en);

/* ---- measuring text: the one measure used by layout and by the overlap test */
double chart_text_width(const char *s, double size, int bold);
#define CHART_ASCENT 0.76  /* ink box above the baseline, in ems (caps, digits) */
#define CHART_DESCENT 0.24 /* below the baseline (descenders) */
/* Box of a text item: x0 <= x1, y0 <= y1. */
void chart_text_box(const chart_item *t, double box[4]);
/* Greedy line breaking of s into lines no wider than width. Returns the number
 * of lines; *lines (arena memory of c) receives them. */
int chart_wrap(chart *c, const char *s, double size, int bold, double width, char ***lines);
/* Spreads n positions (sorted ascending on return, with their order kept in
 * perm when given) so that neighbours are at least gap apart and all lie in
 * [lo, hi] when they fit, moving them as little as possible. */
void chart_spread(double *pos, int n, double gap, double lo, double hi);

/* Pairs of label texts whose boxes overlap, and labels outside the chart. Each
 * problem is described on one line of report (may be NULL). */
int chart_overlaps(const chart *c, buf *report);

/* ---- backends */
/* standalone: 1 writes an XML declaration and namespace for a .svg file; 0
 * writes an <svg> element to inline into HTML. */
void chart_svg(buf *out, const chart *c, int standalone);
typedef struct _cairo cairo_t;
/* Draws c with its top-left corner at the current origin of cr. */
void chart_cairo(cairo_t *cr, const chart *c);
int chart_write_png(const chart *c, double scale, const char *path, lerr *err);
/* date: the PDF's creation date (see pu_pdf_metadata), NULL for the default */
int chart_write_pdf(const chart *c, const char *path, const char *date, lerr *err);
/* Releases pango's font map (for leak checkers); fontconfig's caches stay
 * (see pu_shutdown). */
void chart_shutdown(void);

/* ---- the publication's charts, built from plain data */

/* Formats a value for people: count, or percentage with one decimal, plus the
 * flag symbol; "x" when confidential, "." when unknown. The space before "%"
 * and before a symbol is a no-break space (U+00A0). */
void chart_fmt(buf *b, calc_value v, int percent, int english);

/* The participation ladder: six rungs as a ladder, counts and shares on rungs
 * 3-6, participation and employment places marked, the headline beside. */
typedef struct chart_ladder_in {
	const char *area_name;
	int year;
	const char *rung_name[7];  /* 1..6 */
	calc_value count[7];       /* 3..6 */
	calc_value share[7];       /* 3..5 of the headline; 6 of wage employees */
	calc_value total, total_share_of_wage, rung5_share_of_wage;
	int english;
} chart_ladder_in;
chart *chart_ladder(const char *id, const chart_ladder_in *in);

/* Horizontal bars, one per row (composition of a rung by work form). */
typedef struct chart_bar_row {
	const char *label;
	calc_value value;
} chart_bar_row;
/* total (when known) adds each row's share of it to its label. */
chart *chart_bars(const char *id, const char *title, const char *desc, const chart_bar_row *rows, int n,
		  calc_value total, uint32_t colour, int english);

/* 100 % stacked bars: one row per area, one segment per series (the rungs).
 * Rows with emphasis (the area itself, Flanders) are drawn bold, after a gap. */
typedef struct chart_stack_row {
	const char *label;
	calc_value part[4];
	int emphasis;
} chart_stack_row;
chart *chart_stacked(const char *id, const char *title, const char *desc, const char *const *series, int n_series,
		     const uint32_t *colours, const chart_stack_row *rows, int n_rows, int english);

/* Lines over years. A series may be a target (dashed, no markers). A series
 * break (reeksbreuk: breaks[k] set, a reform changed what is counted from
 * years[k]) cuts the line between years[k-1] and years[k] and draws a
 * marker there: a dashed vertical rule labelled with the word and the
 * year, in a group of that name. */
typedef struct chart_series {
	const char *name;
	const calc_value *values; /* one per year */
	int target;
	const unsigned char *breaks; /* one per year, or NULL */
	int map_year; /* the municipal boundaries recomputed values follow (legend) */
} chart_series;
chart *chart_lines(const char *id, const char *title, const char *desc, const int *years, int n_years,
		   const chart_series *series, int n_series, int percent, int english);

/* The series of a work form through its lineage (engine/chain.h), with its
 * breaks. */
struct chain_series;
chart *chart_chain(const struct chain_series *c, int english);

/* The '1-2-3' labour account: a population split into parts (working, job
 * seekers, inactive), as one 100 % bar with labelled parts. */
chart *chart_account(const char *id, const char *title, const char *desc, const char *const *labels,
		     const calc_value *values, int n, int english);

/* A transition matrix as a heat map: rows (a state on a first date) by
 * columns (on a second date), each cell shaded by its count (the darkest
 * the largest published), its figure written in it; a hidden cell is grey
 * with "x", a cell neither known nor confidential (one that does not
 * exist) is left blank. cells: n_rows * n_cols values, row-major. */
chart *chart_matrix(const char *id, const char *title, const char *desc, const char *row_axis, const char *col_axis,
		    const char *const *row_labels, int n_rows, const char *const *col_labels, int n_cols,
		    const calc_value *cells, int english);

/* A choropleth map (chart_map.c): areas made of shapes of a topology
 * (map.h), shaded by value in up to five classes (quintiles of the values
 * shown); hidden values hatched, unknown grey; a legend with the breaks,
 * the reference value and a note under it; the data table is the ranking. */
struct map_topo;
typedef struct chart_map_unit {
	const char *label;
	const int *shapes; /* the topology's shapes that make up the area */
	int n_shapes;
	calc_value value;
	int emphasis;      /* the page's own area: outlined */
	const char *code;  /* the area's code (the ranking links it), or NULL */
} chart_map_unit;
typedef struct chart_map_in {
	const struct map_topo *topo;
	const chart_map_unit *units;
	int n_units;
	const chart_map_unit *outlines; /* drawn as borders only (provinces, arrondissements) */
	int n_outlines;
	const char *title, *desc;
	const char *measure;               /* what the colour says, in the chart's language */
	const char *measure_nl, *measure_en; /* the same as a column of the data table */
	int percent, decimals;
	const char *reference_name;        /* "Vlaams Gewest", or NULL */
	calc_value reference;
	const char *note;                  /* small print under the legend, or NULL */
	int english;
} chart_map_in;
/* NULL with err set when the topology's arcs do not close. */
chart *chart_map(const char *id, const chart_map_in *in, lerr *err);

/* The scale of the rungs (index 1..6) and a neutral colour. */
extern const uint32_t chart_rung_colour[7];

#endif
