/* pango_util.h - text on cairo surfaces, shared by the cairo backends of
 * charts and of the report. Prefix: pu_.
 *
 * Every layout uses DejaVu Sans with hinting and kerning off: widths then
 * scale linearly and equal the metrics table the charts lay out with (see
 * chart_text_width), and the text stays text in a PDF (fonts embedded as
 * subsets by cairo).
 *
 * Ownership: pu_layout returns a new layout (g_object_unref it). pu_shutdown
 * releases pango's font map at exit, for leak checkers.
 */
#ifndef LADDER_PANGO_UTIL_H
#define LADDER_PANGO_UTIL_H

#include <cairo.h>
#include <pango/pangocairo.h>

PangoLayout *pu_layout(cairo_t *cr);
/* Sets text (plain UTF-8, no markup), size in pt, weight; width > 0 wraps at
 * that many points (word wrap). */
void pu_set(PangoLayout *l, const char *text, double size, int bold, double width);
double pu_width(PangoLayout *l);    /* logical width, pt */
double pu_height(PangoLayout *l);   /* logical height, pt */
double pu_baseline(PangoLayout *l); /* first baseline from the top, pt */
/* Title, creator and a creation date that depends on the data, not the
 * clock: SOURCE_DATE_EPOCH when set, else date (ISO 8601, "2018-03-01T10:00:00",
 * which callers take from the store: the last import), else 2000-01-01.
 * Same data, same bytes. date may be NULL or "". */
void pu_pdf_metadata(cairo_surface_t *pdf, const char *title, const char *date);
void pu_shutdown(void);

#endif
