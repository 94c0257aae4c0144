/* chart_cairo.c - the cairo backend of charts: the same display list on a
 * cairo context (PDF and PNG surfaces), text set with pango in DejaVu Sans
 * with kerning and hinting off, so that it has the widths the layout measured
 * and stays real, selectable text in a PDF. */
#include "chart.h"
#include "pango_util.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_rgb(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

/* Grey diagonal lines on white, as vectors (a recording surface). */
static void set_hatch(cairo_t *cr)
{
	cairo_rectangle_t tile = {0, 0, 4, 4};
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &tile);
	cairo_t *t = cairo_create(s);
	cairo_set_source_rgb(t, 1, 1, 1);
	cairo_paint(t);
	cairo_set_source_rgb(t, 0x6f / 255.0, 0x6f / 255.0, 0x6f / 255.0);
	cairo_set_line_width(t, 0.8);
	static const double seg[][4] = {{-1, 1, 1, -1}, {0, 4, 4, 0}, {3, 5, 5, 3}};
	for (int i = 0; i < 3; i++) {
		cairo_move_to(t, seg[i][0], seg[i][1]);
		cairo_line_to(t, seg[i][2], seg[i][3]);
	}
	cairo_stroke(t);
	cairo_destroy(t);
	cairo_pattern_t *p = cairo_pattern_create_for_surface(s);
	cairo_pattern_set_extend(p, CAIRO_EXTEND_REPEAT);
	cairo_set_source(cr, p);
	cairo_pattern_destroy(p);
	cairo_surface_destroy(s);
}

static void fill_stroke(cairo_t *cr, const chart_item *it)
{
	if (it->fill != CHART_NONE) {
		if (it->fill == CHART_HATCH)
			set_hatch(cr);
		else
			set_rgb(cr, it->fill);
		if (it->stroke != CHART_NONE)
			cairo_fill_preserve(cr);
		else
			cairo_fill(cr);
	}
	if (it->stroke != CHART_NONE) {
		set_rgb(cr, it->stroke);
		cairo_set_line_width(cr, it->stroke_w);
		static const double dashed[] = {5, 3}, dotted[] = {1.5, 2};
		if (it->dash == 1)
			cairo_set_dash(cr, dashed, 2, 0);
		else if (it->dash == 2)
			cairo_set_dash(cr, dotted, 2, 0);
		else
			cairo_set_dash(cr, NULL, 0, 0);
		cairo_stroke(cr);
	}
	cairo_new_path(cr);
}

static void rounded(cairo_t *cr, double x, double y, double w, double h, double r)
{
	if (r <= 0) {
		cairo_rectangle(cr, x, y, w, h);
		return;
	}
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
	cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
	cairo_close_path(cr);
}

void chart_cairo(cairo_t *cr, const chart *c)
{
	PangoLayout *lay = pu_layout(cr);
	cairo_save(cr);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (int i = 0; i < c->n; i++) {
		const chart_item *it = &c->items[i];
		switch (it->kind) {
		case CHART_GROUP:
		case CHART_END:
			break;
		case CHART_RECT:
			rounded(cr, it->x, it->y, it->w, it->h, it->rx);
			fill_stroke(cr, it);
			break;
		case CHART_LINE:
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->w, it->h);
			fill_stroke(cr, it);
			break;
		case CHART_POLY:
			for (int k = 0; k < it->n_pts; k++)
				(k ? cairo_line_to : cairo_move_to)(cr, it->pts[2 * k], it->pts[2 * k + 1]);
			if (it->fill != CHART_NONE)
				cairo_close_path(cr);
			fill_stroke(cr, it);
			break;
		case CHART_PATH:
			for (int k = 0, start = 1; k < it->n_pts; k++) {
				if (isnan(it->pts[2 * k])) {
					cairo_close_path(cr);
					start = 1;
					continue;
				}
				(start ? cairo_move_to : cairo_line_to)(cr, it->pts[2 * k], it->pts[2 * k + 1]);
				start = 0;
			}
			cairo_close_path(cr);
			cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
			fill_stroke(cr, it);
			cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
			break;
		case CHART_CIRCLE:
			cairo_new_sub_path(cr);
			cairo_arc(cr, it->x, it->y, it->w, 0, 2 * G_PI);
			fill_stroke(cr, it);
			break;
		case CHART_TEXT: {
			pu_set(lay, it->text, it->size, it->bold, 0);
			double w = pu_width(lay), base = pu_baseline(lay);
			double x = it->x;
			if (it->anchor == CHART_MIDDLE)
				x -= w / 2;
			else if (it->anchor == CHART_END_ANCHOR)
				x -= w;
			set_rgb(cr, it->fill);
			cairo_move_to(cr, x, it->y - base);
			pango_cairo_show_layout(cr, lay);
			cairo_new_path(cr);
			break;
		}
		}
	}
	cairo_restore(cr);
	g_object_unref(lay);
}

int chart_write_png(const chart *c, double scale, const char *path, lerr *err)
{
	int w = (int)ceil(c->w * scale), h = (int)ceil(c->h * scale);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	chart_cairo(cr, c);
	cairo_destroy(cr);
	cairo_status_t st = cairo_surface_write_to_png(s, path);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return lerr_set(err, LERR_IO, "%s: cannot write PNG: %s", path, cairo_status_to_string(st));
	return 0;
}

int chart_write_pdf(const chart *c, const char *path, const char *date, lerr *err)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, c->w, c->h);
	pu_pdf_metadata(s, c->title, date);
	cairo_t *cr = cairo_create(s);
	chart_cairo(cr, c);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return lerr_set(err, LERR_IO, "%s: cannot write PDF: %s", path, cairo_status_to_string(st));
	return 0;
}

void chart_shutdown(void)
{
	pu_shutdown();
}
