/* chart_svg.c - the SVG backend of charts, written by hand so that text stays
 * text: <text> elements, <title>/<desc> and ARIA attributes. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Two decimals, trailing zeros dropped: stable bytes, small files. */
static void num(buf *b, double v)
{
	char t[48];
	if (fabs(v) < 0.005)
		v = 0;
	snprintf(t, sizeof t, "%.2f", v);
	char *dot = strchr(t, '.');
	if (dot) {
		char *e = t + strlen(t) - 1;
		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*e = '\0';
	}
	buf_adds(b, t);
}


/* Grey diagonal lines on white: hidden figures, on screen and in print. */
static void hatch_defs(buf *out, const chart *c)
{
	for (int i = 0; i < c->n; i++)
		if (c->items[i].fill == CHART_HATCH) {
			buf_printf(out, "<defs><pattern id=\"%s-hatch\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\">"
					"<rect width=\"4\" height=\"4\" fill=\"#ffffff\"/><path d=\"M-1 1L1 -1M0 4L4 0M3 5L5 3\" "
					"stroke=\"#6f6f6f\" stroke-width=\"0.8\"/></pattern></defs>\n", c->id);
			return;
		}
}

static void path_data(buf *out, const chart_item *it)
{
	int start = 1;
	for (int k = 0; k < it->n_pts; k++) {
		double x = it->pts[2 * k], y = it->pts[2 * k + 1];
		if (isnan(x)) {
			if (!start)
				buf_addc(out, 'Z');
			start = 1;
			continue;
		}
		buf_addc(out, start ? 'M' : 'L');
		num(out, x);
		buf_addc(out, ' ');
		num(out, y);
		start = 0;
	}
	if (!start)
		buf_addc(out, 'Z');
}

/* ch: the chart, whose id names its hatching */
static void colour(buf *b, const chart *ch, const char *attr, uint32_t c)
{
	if (c == CHART_HATCH)
		buf_printf(b, " %s=\"url(#%s-hatch)\"", attr, ch->id);
	else if (c == CHART_NONE)
		buf_printf(b, " %s=\"none\"", attr);
	else
		buf_printf(b, " %s=\"#%06x\"", attr, (unsigned)c & 0xFFFFFF);
}

static void stroke(buf *b, const chart *ch, const chart_item *it)
{
	if (it->stroke == CHART_NONE)
		return;
	colour(b, ch, "stroke", it->stroke);
	buf_adds(b, " stroke-width=\"");
	num(b, it->stroke_w);
	buf_addc(b, '"');
	if (it->dash == 1)
		buf_adds(b, " stroke-dasharray=\"5 3\"");
	else if (it->dash == 2)
		buf_adds(b, " stroke-dasharray=\"1.5 2\"");
}

void chart_svg(buf *out, const chart *c, int standalone)
{
	if (standalone)
		buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
	num(out, c->w);
	buf_addc(out, ' ');
	num(out, c->h);
	buf_adds(out, "\" width=\"");
	num(out, c->w);
	buf_adds(out, "\" height=\"");
	num(out, c->h);
	/* inline, the page's style sheet turns kerning off (svg.chart): a
	 * Content-Security-Policy without 'unsafe-inline' refuses style="" */
	buf_printf(out, "\" role=\"img\" aria-labelledby=\"%s-title %s-desc\" class=\"chart\""
			" font-family=\"DejaVu Sans, Verdana, sans-serif\"%s>\n",
		   c->id, c->id, standalone ? " style=\"font-kerning:none\"" : "");
	buf_printf(out, "<title id=\"%s-title\">", c->id);
	rnd_xml_escape(out, c->title);
	buf_printf(out, "</title>\n<desc id=\"%s-desc\">", c->id);
	rnd_xml_escape(out, c->desc);
	buf_adds(out, "</desc>\n");
	hatch_defs(out, c);
	for (int i = 0; i < c->n; i++) {
		const chart_item *it = &c->items[i];
		switch (it->kind) {
		case CHART_GROUP:
			buf_adds(out, "<g");
			if (it->text) {
				buf_adds(out, " role=\"group\" aria-label=\"");
				rnd_xml_escape(out, it->text);
				buf_addc(out, '"');
			}
			buf_adds(out, ">\n");
			break;
		case CHART_END:
			buf_adds(out, "</g>\n");
			break;
		case CHART_RECT:
			buf_adds(out, "<rect x=\"");
			num(out, it->x);
			buf_adds(out, "\" y=\"");
			num(out, it->y);
			buf_adds(out, "\" width=\"");
			num(out, it->w);
			buf_adds(out, "\" height=\"");
			num(out, it->h);
			buf_addc(out, '"');
			if (it->rx > 0) {
				buf_adds(out, " rx=\"");
				num(out, it->rx);
				buf_addc(out, '"');
			}
			colour(out, c, "fill", it->fill);
			stroke(out, c, it);
			if (it->text) {
				buf_adds(out, "><title>");
				rnd_xml_escape(out, it->text);
				buf_adds(out, "</title></rect>\n");
			} else {
				buf_adds(out, "/>\n");
			}
			break;
		case CHART_LINE:
			buf_adds(out, "<line x1=\"");
			num(out, it->x);
			buf_adds(out, "\" y1=\"");
			num(out, it->y);
			buf_adds(out, "\" x2=\"");
			num(out, it->w);
			buf_adds(out, "\" y2=\"");
			num(out, it->h);
			buf_addc(out, '"');
			stroke(out, c, it);
			buf_adds(out, "/>\n");
			break;
		case CHART_POLY:
			buf_adds(out, it->fill == CHART_NONE ? "<polyline points=\"" : "<polygon points=\"");
			for (int k = 0; k < it->n_pts; k++) {
				if (k)
					buf_addc(out, ' ');
				num(out, it->pts[2 * k]);
				buf_addc(out, ',');
				num(out, it->pts[2 * k + 1]);
			}
			buf_addc(out, '"');
			colour(out, c, "fill", it->fill);
			stroke(out, c, it);
			buf_adds(out, " stroke-linejoin=\"round\"/>\n");
			break;
		case CHART_PATH:
			buf_adds(out, "<path d=\"");
			path_data(out, it);
			buf_adds(out, "\" fill-rule=\"evenodd\"");
			colour(out, c, "fill", it->fill);
			stroke(out, c, it);
			buf_adds(out, " stroke-linejoin=\"round\"");
			if (it->text) {
				buf_adds(out, "><title>");
				rnd_xml_escape(out, it->text);
				buf_adds(out, "</title></path>\n");
			} else {
				buf_adds(out, "/>\n");
			}
			break;
		case CHART_CIRCLE:
			buf_adds(out, "<circle cx=\"");
			num(out, it->x);
			buf_adds(out, "\" cy=\"");
			num(out, it->y);
			buf_adds(out, "\" r=\"");
			num(out, it->w);
			buf_addc(out, '"');
			colour(out, c, "fill", it->fill);
			stroke(out, c, it);
			buf_adds(out, "/>\n");
			break;
		case CHART_TEXT:
			buf_adds(out, "<text x=\"");
			num(out, it->x);
			buf_adds(out, "\" y=\"");
			num(out, it->y);
			buf_adds(out, "\" font-size=\"");
			num(out, it->size);
			buf_addc(out, '"');
			if (it->anchor == CHART_MIDDLE)
				buf_adds(out, " text-anchor=\"middle\"");
			else if (it->anchor == CHART_END_ANCHOR)
				buf_adds(out, " text-anchor=\"end\"");
			if (it->bold)
				buf_adds(out, " font-weight=\"bold\"");
			if (it->fill != 0x222222)
				colour(out, c, "fill", it->fill);
			buf_addc(out, '>');
			rnd_xml_escape(out, it->text);
			buf_adds(out, "</text>\n");
			break;
		}
	}
	buf_adds(out, "</svg>\n");
}
