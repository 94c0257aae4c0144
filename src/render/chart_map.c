/* chart_map.c - the choropleth map: areas shaded by an indicator in five
 * classes of a sequential scale, a legend with the class breaks in the
 * reader's number style, the reference (Flemish) value and the data table
 * as a ranking. A hidden figure is hatched, never a colour; an unknown one
 * is grey. See chart.h. */
#include "chart.h"
#include "map.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 480.0
#define MAP_H 300.0
#define LABEL_SIZE 8.0
#define SMALL_SIZE 7.0
#define N_CLASSES 5

/* light to dark (ColorBrewer OrRd): in order in grey-scale print too */
static const uint32_t class_colour[N_CLASSES] = {0xFEF0D9, 0xFDCC8A, 0xFC8D59, 0xE34A33, 0xB30000};
#define UNKNOWN_FILL 0xD9D9D9

static int shown(calc_value v)
{
	return v.known && !(v.flags & CALC_CONFIDENTIAL);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Class breaks at the quintiles of the values shown: breaks[0] is the
 * lowest value, breaks[n] the highest. Returns the number of classes
 * (fewer when values repeat). */
static int class_breaks(const chart_map_in *in, double *breaks)
{
	double *v = xmalloc(sizeof *v * (size_t)(in->n_units ? in->n_units : 1));
	int n = 0;
	for (int i = 0; i < in->n_units; i++)
		if (shown(in->units[i].value))
			v[n++] = in->units[i].value.v;
	int k = 0;
	if (n) {
		qsort(v, (size_t)n, sizeof *v, cmp_double);
		breaks[k++] = v[0];
		for (int q = 1; q <= N_CLASSES; q++) {
			double b = v[(size_t)((double)(n - 1) * q / N_CLASSES + 0.5)];
			if (b > breaks[k - 1])
				breaks[k++] = b;
		}
	}
	free(v);
	return k ? (k > 1 ? k - 1 : 1) : 0;
}

static uint32_t fill_of(calc_value v, const double *breaks, int n_classes)
{
	if (v.flags & CALC_CONFIDENTIAL)
		return CHART_HATCH;
	if (!v.known)
		return UNKNOWN_FILL;
	int k = 0;
	while (k < n_classes - 1 && v.v > breaks[k + 1])
		k++;
	/* spread fewer classes over the scale's ends */
	return class_colour[n_classes > 1 ? k * (N_CLASSES - 1) / (n_classes - 1) : N_CLASSES - 1];
}

static const char *value_text(chart *c, calc_value v, const chart_map_in *in)
{
	buf b = BUF_INIT;
	if (shown(v) && !in->percent) {
		rnd_decimal(&b, v.v, in->decimals, in->english);
		const char *sym = rnd_flag_symbol(v.flags & (CALC_ESTIMATED | CALC_SYNTHETIC));
		if (*sym)
			buf_printf(&b, "\u00a0%s", sym);
	} else {
		chart_fmt(&b, v, in->percent, in->english);
	}
	const char *s = arena_strdup(&c->mem, b.ptr);
	buf_release(&b);
	return s;
}

typedef struct frame {
	double x0, y0, scale, dx, dy;
} frame;

/* The units' shapes fitted into the map's box, north up. */
static int fit(const chart_map_in *in, map_rings *rings, frame *f, double top, lerr *err)
{
	double box[4] = {0};
	for (int i = 0; i < in->n_units; i++) {
		if (map_dissolve(in->topo, in->units[i].shapes, in->units[i].n_shapes, &rings[i], err) < 0)
			return LERR_PARSE;
		for (int d = 0; d < 4; d++)
			if (!i || (d < 2 ? rings[i].box[d] < box[d] : rings[i].box[d] > box[d]))
				box[d] = rings[i].box[d];
	}
	double w = fmax(box[2] - box[0], 1), h = fmax(box[3] - box[1], 1);
	f->scale = fmin((W - 8) / w, MAP_H / h);
	f->x0 = box[0];
	f->y0 = box[1];
	f->dx = 4 + ((W - 8) - w * f->scale) / 2;
	f->dy = top;
	return 0;
}

static void draw_rings(chart *c, const map_rings *r, const frame *f, uint32_t fill, uint32_t stroke, double width,
		       const char *tip)
{
	int n = r->ring_start[r->n_rings] + r->n_rings;
	double *xy = xmalloc(sizeof *xy * 2 * (size_t)(n ? n : 1));
	int k = 0;
	for (int ring = 0; ring < r->n_rings; ring++) {
		if (ring) {
			xy[2 * k] = xy[2 * k + 1] = NAN;
			k++;
		}
		for (int p = r->ring_start[ring]; p < r->ring_start[ring + 1]; p++, k++) {
			xy[2 * k] = f->dx + (r->xy[2 * p] - f->x0) * f->scale;
			xy[2 * k + 1] = f->dy + (r->xy[2 * p + 1] - f->y0) * f->scale;
		}
	}
	chart_path(c, xy, k, fill, stroke, width, tip);
	free(xy);
}

/* A legend row: a swatch and its text; returns the next row's baseline. */
static double key_row(chart *c, double y, uint32_t fill, const char *text)
{
	chart_rect(c, 4, y - 8, 14, 10, fill, 0x7F7F7F, 0, NULL);
	chart_text(c, 24, y, text, LABEL_SIZE, 0, CHART_START);
	return y + LABEL_SIZE * 1.6;
}

static double legend(chart *c, const chart_map_in *in, const double *breaks, int n_classes, unsigned used, double y)
{
	chart_text(c, 4, y, in->measure, LABEL_SIZE, 1, CHART_START);
	y += LABEL_SIZE * 1.8;
	for (int k = 0; k < n_classes; k++) {
		calc_value lo = {breaks[k], 1, 0}, hi = {breaks[k + 1], 1, 0};
		char *t = xasprintf("%s – %s", value_text(c, lo, in), value_text(c, hi, in));
		y = key_row(c, y, class_colour[n_classes > 1 ? k * (N_CLASSES - 1) / (n_classes - 1) : N_CLASSES - 1], t);
		free(t);
	}
	if (used & CALC_CONFIDENTIAL)
		y = key_row(c, y, CHART_HATCH, V(in->english, map_hidden));
	if (used & CALC_MISSING)
		y = key_row(c, y, UNKNOWN_FILL, V(in->english, map_unknown));
	if (in->reference_name) {
		char *t = xasprintf("%s: %s", in->reference_name, value_text(c, in->reference, in));
		chart_text(c, 4, y + 2, t, LABEL_SIZE, 1, CHART_START);
		free(t);
		y += LABEL_SIZE * 1.8;
	}
	if (in->note) {
		char **lines;
		int n = chart_wrap(c, in->note, SMALL_SIZE, 0, W - 8, &lines);
		for (int i = 0; i < n; i++, y += SMALL_SIZE * 1.3)
			chart_text(c, 4, y, lines[i], SMALL_SIZE, 0, CHART_START)->fill = 0x595959;
	}
	return y;
}

static int by_value_desc(const void *a, const void *b)
{
	const chart_map_unit *x = *(const chart_map_unit *const *)a, *y = *(const chart_map_unit *const *)b;
	int sx = shown(x->value), sy = shown(y->value);
	if (sx != sy)
		return sy - sx; /* shown first, then hidden and unknown */
	if (sx && x->value.v != y->value.v)
		return x->value.v < y->value.v ? 1 : -1;
	return strcmp(x->label, y->label);
}

/* The data table is the ranking: highest first, hidden and unknown last. */
static void ranking(chart *c, const chart_map_in *in)
{
	const char *keys[] = {"area", "value", "rank"};
	const char *nl[] = {V(0, annex_area), in->measure_nl, V(0, map_rank)};
	const char *en[] = {V(1, annex_area), in->measure_en, V(1, map_rank)};
	chart_data_new(c, 3, keys, nl, en);
	const chart_map_unit **u = xmalloc(sizeof *u * (size_t)(in->n_units ? in->n_units : 1));
	for (int i = 0; i < in->n_units; i++)
		u[i] = &in->units[i];
	qsort(u, (size_t)in->n_units, sizeof *u, by_value_desc);
	c->row_codes = arena_alloc(&c->mem, sizeof *c->row_codes * (size_t)(in->n_units + 1));
	for (int i = 0; i < in->n_units; i++) {
		c->row_codes[i] = u[i]->code ? arena_strdup(&c->mem, u[i]->code) : NULL;
		if (u[i]->emphasis)
			c->current_row = i + 1;
		rnd_cell *row = chart_data_row(c, u[i]->label);
		rnd_set_value(row, 1, in->percent ? CELL_PERCENT : CELL_DECIMAL, u[i]->value);
		calc_value rank = {i + 1, shown(u[i]->value), 0};
		rnd_set_value(row, 2, CELL_COUNT, rank);
	}
	/* the text alternative says the ends of the ranking */
	int last = in->n_units - 1;
	while (last > 0 && !shown(u[last]->value))
		last--;
	if (in->n_units && shown(u[0]->value)) {
		buf d = BUF_INIT;
		buf_printf(&d, "%s ", c->desc);
		buf_printf(&d, V(in->english, map_highest_lowest), u[0]->label, value_text(c, u[0]->value, in), u[last]->label,
			   value_text(c, u[last]->value, in));
		c->desc = arena_strdup(&c->mem, d.ptr);
		buf_release(&d);
	}
	free(u);
}

chart *chart_map(const char *id, const chart_map_in *in, lerr *err)
{
	chart *c = chart_new(id, W, 100, in->title, in->desc);
	c->is_map = 1;
	double breaks[N_CLASSES + 1];
	int n_classes = class_breaks(in, breaks);
	double top = chart_layout_title(c, in->title) + 2;
	map_rings *rings = xcalloc((size_t)in->n_units + 1, sizeof *rings);
	map_rings *outlines = xcalloc((size_t)in->n_outlines + 1, sizeof *outlines);
	frame f;
	int rc = fit(in, rings, &f, top, err);
	for (int i = 0; i < in->n_outlines && rc == 0; i++)
		rc = map_dissolve(in->topo, in->outlines[i].shapes, in->outlines[i].n_shapes, &outlines[i], err);
	unsigned used = 0;
	double bottom = top;
	if (rc == 0) {
		chart_group(c, in->title);
		for (int i = 0; i < in->n_units; i++) {
			const chart_map_unit *u = &in->units[i];
			used |= (u->value.flags & CALC_CONFIDENTIAL) ? CALC_CONFIDENTIAL : u->value.known ? 0 : CALC_MISSING;
			used |= u->value.flags & (CALC_ESTIMATED | CALC_SYNTHETIC);
			char *tip = xasprintf("%s: %s", u->label, value_text(c, u->value, in));
			draw_rings(c, &rings[i], &f, fill_of(u->value, breaks, n_classes), 0xFFFFFF, 0.4, tip);
			free(tip);
			double hgt = (rings[i].box[3] - f.y0) * f.scale + top;
			bottom = fmax(bottom, hgt);
		}
		for (int i = 0; i < in->n_outlines; i++)
			draw_rings(c, &outlines[i], &f, CHART_NONE, 0x3F3F3F, 0.9, NULL);
		for (int i = 0; i < in->n_units; i++)
			if (in->units[i].emphasis)
				draw_rings(c, &rings[i], &f, CHART_NONE, 0x111111, 1.8, NULL);
		chart_end(c);
	}
	for (int i = 0; i < in->n_units; i++)
		map_rings_free(&rings[i]);
	for (int i = 0; i < in->n_outlines; i++)
		map_rings_free(&outlines[i]);
	free(rings);
	free(outlines);
	if (rc < 0) {
		chart_free(c);
		return NULL;
	}
	ranking(c, in);
	if (in->reference_name) /* its symbol is printed beside it in the legend */
		used |= in->reference.flags & (CALC_ESTIMATED | CALC_SYNTHETIC);
	double y = legend(c, in, breaks, n_classes, used, bottom + 16);
	c->h = chart_layout_footer(c, y, used & ~(CALC_CONFIDENTIAL | CALC_MISSING), in->english);
	return c;
}
