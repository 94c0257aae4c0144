/* pango_util.c - pango text on cairo surfaces. See pango_util.h. */
#define _DEFAULT_SOURCE /* gmtime_r, timegm-free date formatting */
#include "pango_util.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


PangoLayout *pu_layout(cairo_t *cr)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	PangoContext *ctx = pango_layout_get_context(l);
	pango_cairo_context_set_font_options(ctx, fo);
	/* unrounded positions: widths then equal the sum of the advances */
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_layout_context_changed(l);
	cairo_font_options_destroy(fo);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	return l;
}

void pu_set(PangoLayout *l, const char *text, double size, int bold, double width)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, "DejaVu Sans");
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_font_features_new("kern 0, liga 0"));
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_text(l, text, -1);
}

double pu_width(PangoLayout *l)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	return (double)r.width / PANGO_SCALE;
}

double pu_height(PangoLayout *l)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

double pu_baseline(PangoLayout *l)
{
	return (double)pango_layout_get_baseline(l) / PANGO_SCALE;
}

void pu_pdf_metadata(cairo_surface_t *pdf, const char *title, const char *data_date)
{
	char date[32] = "2000-01-01T00:00:00";
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		time_t t = (time_t)strtoll(sde, NULL, 10);
		struct tm tm;
		if (gmtime_r(&t, &tm))
			strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	} else if (data_date && *data_date) {
		snprintf(date, sizeof date, "%s", data_date);
	}
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "ladder");
	if (title && *title)
		cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title);
}

void pu_shutdown(void)
{
	/* pango's font map only. Never FcFini: it asserts that no fontconfig
	 * cache is still referenced, and cairo keeps recently used fonts (and
	 * after a failed surface, that surface's) past their last use, so the
	 * assertion aborted runs that had done all their work (exit 134 after
	 * writing the PDF, now and then; t4350 in CI). What fontconfig keeps
	 * stays reachable from its statics: no leak, and tests/lsan.supp covers
	 * the rest. */
	pango_cairo_font_map_set_default(NULL);
}
