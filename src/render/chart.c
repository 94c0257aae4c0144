/* chart.c - the drawing model of charts: items, text measure, line breaking,
 * label spreading and the overlap check. See chart.h. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ model */

chart *chart_new(const char *id, double w, double h, const char *title, const char *desc)
{
	chart *c = xcalloc(1, sizeof *c);
	arena_init(&c->mem);
	c->w = w;
	c->h = h;
	c->id = arena_strdup(&c->mem, id ? id : "chart");
	c->title = arena_strdup(&c->mem, title ? title : "");
	c->desc = arena_strdup(&c->mem, desc ? desc : "");
	return c;
}

void chart_free(chart *c)
{
	if (!c)
		return;
	free(c->items);
	rnd_table_free(c->data);
	arena_release(&c->mem);
	free(c);
}

rnd_table *chart_data_new(chart *c, int n, const char *const *keys, const char *const *nl, const char *const *en)
{
	rnd_column *cols = arena_alloc(&c->mem, sizeof *cols * (size_t)n);
	for (int i = 0; i < n; i++)
		cols[i] = (rnd_column){arena_strdup(&c->mem, keys[i]), arena_strdup(&c->mem, nl[i]),
				       arena_strdup(&c->mem, en[i])};
	rnd_table_free(c->data);
	c->data = rnd_table_new(cols, n);
	return c->data;
}

rnd_cell *chart_data_row(chart *c, const char *name)
{
	rnd_cell *row = rnd_table_row(c->data);
	rnd_set_text(c->data, row, 0, name);
	return row;
}

static chart_item *add(chart *c, enum chart_kind k)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->items = xrealloc(c->items, sizeof *c->items * (size_t)c->cap);
	}
	chart_item *it = &c->items[c->n++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->fill = CHART_NONE;
	it->stroke = CHART_NONE;
	return it;
}

void chart_rect(chart *c, double x, double y, double w, double h, uint32_t fill, uint32_t stroke, double rx,
		const char *tooltip)
{
	chart_item *it = add(c, CHART_RECT);
	it->x = x;
	it->y = y;
	it->w = w < 0 ? 0 : w;
	it->h = h < 0 ? 0 : h;
	it->fill = fill;
	it->stroke = stroke;
	it->stroke_w = stroke == CHART_NONE ? 0 : 0.75;
	it->rx = rx;
	it->text = tooltip ? arena_strdup(&c->mem, tooltip) : NULL;
}

void chart_line(chart *c, double x1, double y1, double x2, double y2, uint32_t stroke, double width, int dash)
{
	chart_item *it = add(c, CHART_LINE);
	it->x = x1;
	it->y = y1;
	it->w = x2;
	it->h = y2;
	it->stroke = stroke;
	it->stroke_w = width;
	it->dash = dash;
}

void chart_poly(chart *c, const double *xy, int n_pts, uint32_t stroke, double width, int dash, uint32_t fill)
{
	chart_item *it = add(c, CHART_POLY);
	it->pts = arena_alloc(&c->mem, sizeof(double) * 2 * (size_t)(n_pts ? n_pts : 1));
	memcpy(it->pts, xy, sizeof(double) * 2 * (size_t)n_pts);
	it->n_pts = n_pts;
	it->stroke = stroke;
	it->stroke_w = width;
	it->dash = dash;
	it->fill = fill;
}

void chart_path(chart *c, const double *xy, int n_pts, uint32_t fill, uint32_t stroke, double width,
		const char *tooltip)
{
	chart_item *it = add(c, CHART_PATH);
	it->pts = arena_alloc(&c->mem, sizeof *it->pts * 2 * (size_t)(n_pts ? n_pts : 1));
	memcpy(it->pts, xy, sizeof *it->pts * 2 * (size_t)n_pts);
	it->n_pts = n_pts;
	it->fill = fill;
	it->stroke = stroke;
	it->stroke_w = width;
	it->text = tooltip ? arena_strdup(&c->mem, tooltip) : NULL;
}

void chart_circle(chart *c, double cx, double cy, double r, uint32_t fill, uint32_t stroke)
{
	chart_item *it = add(c, CHART_CIRCLE);
	it->x = cx;
	it->y = cy;
	it->w = r;
	it->fill = fill;
	it->stroke = stroke;
	it->stroke_w = stroke == CHART_NONE ? 0 : 1;
}

chart_item *chart_text(chart *c, double x, double y, const char *s, double size, int bold, enum chart_anchor a)
{
	chart_item *it = add(c, CHART_TEXT);
	it->x = x;
	it->y = y;
	it->text = arena_strdup(&c->mem, s ? s : "");
	it->size = size;
	it->bold = bold;
	it->anchor = a;
	it->fill = 0x222222;
	it->is_label = 1;
	return it;
}

void chart_group(chart *c, const char *label)
{
	chart_item *it = add(c, CHART_GROUP);
	it->text = label ? arena_strdup(&c->mem, label) : NULL;
}

void chart_end(chart *c)
{
	add(c, CHART_END);
}

/* ---------------------------------------------------------------- measure */

typedef struct glyph_w {
	unsigned cp;
	short book, bold;
} glyph_w;

static const glyph_w metrics[] = {
#include "font_metrics.inc"
};

static unsigned next_cp(const char **ps)
{
	const unsigned char *p = (const unsigned char *)*ps;
	unsigned cp = *p++;
	int more = 0;
	if (cp >= 0xF0)
		cp &= 0x07, more = 3;
	else if (cp >= 0xE0)
		cp &= 0x0F, more = 2;
	else if (cp >= 0xC0)
		cp &= 0x1F, more = 1;
	while (more-- && (*p & 0xC0) == 0x80)
		cp = (cp << 6) | (*p++ & 0x3F);
	*ps = (const char *)p;
	return cp;
}

static int advance(unsigned cp, int bold)
{
	size_t lo = 0, hi = sizeof metrics / sizeof metrics[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (metrics[mid].cp == cp)
			return bold ? metrics[mid].bold : metrics[mid].book;
		if (metrics[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return bold ? 780 : 700; /* wider than most: an unknown glyph must not cause overlaps */
}

double chart_text_width(const char *s, double size, int bold)
{
	long units = 0;
	while (s && *s)
		units += advance(next_cp(&s), bold);
	return (double)units * size / 1000.0;
}

void chart_text_box(const chart_item *t, double box[4])
{
	double w = chart_text_width(t->text, t->size, t->bold);
	double x0 = t->x;
	if (t->anchor == CHART_MIDDLE)
		x0 -= w / 2;
	else if (t->anchor == CHART_END_ANCHOR)
		x0 -= w;
	box[0] = x0;
	box[1] = t->y - CHART_ASCENT * t->size;
	box[2] = x0 + w;
	box[3] = t->y + CHART_DESCENT * t->size;
}

int chart_wrap(chart *c, const char *s, double size, int bold, double width, char ***lines)
{
	int n = 0, cap = 4;
	char **out = arena_alloc(&c->mem, sizeof *out * (size_t)cap);
	buf line = BUF_INIT;
	const char *p = s ? s : "";
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w0 = p;
		while (*p && *p != ' ')
			p++;
		if (p == w0)
			break;
		buf cand = BUF_INIT;
		buf_adds(&cand, buf_cstr(&line));
		if (line.len)
			buf_addc(&cand, ' ');
		buf_add(&cand, w0, (size_t)(p - w0));
		if (line.len && chart_text_width(cand.ptr, size, bold) > width) {
			if (n == cap) {
				char **grown = arena_alloc(&c->mem, sizeof *out * (size_t)cap * 2);
				memcpy(grown, out, sizeof *out * (size_t)cap);
				out = grown;
				cap *= 2;
			}
			out[n++] = arena_strdup(&c->mem, line.ptr);
			buf_reset(&line);
			buf_add(&line, w0, (size_t)(p - w0));
		} else {
			buf_reset(&line);
			buf_adds(&line, cand.ptr);
		}
		buf_release(&cand);
	}
	if (line.len || n == 0) {
		if (n == cap) {
			char **grown = arena_alloc(&c->mem, sizeof *out * (size_t)cap * 2);
			memcpy(grown, out, sizeof *out * (size_t)cap);
			out = grown;
		}
		out[n++] = arena_strdup(&c->mem, buf_cstr(&line));
	}
	buf_release(&line);
	*lines = out;
	return n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void chart_spread(double *pos, int n, double gap, double lo, double hi)
{
	if (n <= 0)
		return;
	qsort(pos, (size_t)n, sizeof *pos, cmp_double);
	/* Blocks of labels that touch are moved together to the mean of their
	 * wishes (a 1-D version of the usual label repulsion); repeated until
	 * stable. Then the whole run is pushed inside [lo, hi]. */
	double *want = xmalloc(sizeof *want * (size_t)n);
	memcpy(want, pos, sizeof *want * (size_t)n);
	for (int iter = 0; iter < 4 * n + 4; iter++) {
		int moved = 0;
		int i = 0;
		while (i < n) {
			int j = i;
			while (j + 1 < n && pos[j + 1] - pos[j] < gap - 1e-9)
				j++;
			if (j > i) {
				double mean = 0;
				for (int k = i; k <= j; k++)
					mean += want[k] - (k - i) * gap;
				mean /= (j - i + 1);
				for (int k = i; k <= j; k++) {
					double np = mean + (k - i) * gap;
					if (fabs(np - pos[k]) > 1e-9)
						moved = 1;
					pos[k] = np;
				}
			}
			i = j + 1;
		}
		if (!moved)
			break;
	}
	free(want);
	/* fit into [lo, hi] */
	if (pos[0] < lo) {
		double d = lo - pos[0];
		for (int k = 0; k < n; k++)
			pos[k] += d;
	}
	for (int k = 1; k < n; k++)
		if (pos[k] < pos[k - 1] + gap)
			pos[k] = pos[k - 1] + gap;
	if (pos[n - 1] > hi) {
		pos[n - 1] = hi;
		for (int k = n - 2; k >= 0; k--)
			if (pos[k] > pos[k + 1] - gap)
				pos[k] = pos[k + 1] - gap;
	}
}

int chart_overlaps(const chart *c, buf *report)
{
	int problems = 0;
	const double tol = 0.25; /* touching is fine; a quarter point of ink is not */
	for (int i = 0; i < c->n; i++) {
		const chart_item *a = &c->items[i];
		if (a->kind != CHART_TEXT || !a->is_label || !*a->text)
			continue;
		double ba[4];
		chart_text_box(a, ba);
		if (ba[0] < -tol || ba[1] < -tol || ba[2] > c->w + tol || ba[3] > c->h + tol) {
			problems++;
			if (report)
				buf_printf(report, "%s: '%s' lies outside the chart (%.1f,%.1f)-(%.1f,%.1f) of %.0fx%.0f\n", c->id,
					   a->text, ba[0], ba[1], ba[2], ba[3], c->w, c->h);
		}
		for (int j = i + 1; j < c->n; j++) {
			const chart_item *b = &c->items[j];
			if (b->kind != CHART_TEXT || !b->is_label || !*b->text)
				continue;
			double bb[4];
			chart_text_box(b, bb);
			if (ba[0] < bb[2] - tol && bb[0] < ba[2] - tol && ba[1] < bb[3] - tol && bb[1] < ba[3] - tol) {
				problems++;
				if (report)
					buf_printf(report, "%s: '%s' overlaps '%s'\n", c->id, a->text, b->text);
			}
		}
	}
	return problems;
}

/* ------------------------------------------------------------- formatting */

void chart_fmt(buf *b, calc_value v, int percent, int english)
{
	if (v.flags & CALC_CONFIDENTIAL) {
		buf_addc(b, 'x'); /* never the value itself */
		return;
	}
	if (!v.known) {
		buf_addc(b, '.');
		return;
	}
	/* no-break spaces keep "78,8 %" and "20,1 % e" on one line */
	if (percent) {
		rnd_decimal(b, v.v, 1, english);
		if (!english)
			buf_adds(b, "\xc2\xa0");
		buf_addc(b, '%');
	} else {
		rnd_count(b, v.v, english);
	}
	const char *sym = rnd_flag_symbol(v.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED));
	if (*sym)
		buf_printf(b, "\xc2\xa0%s", sym);
}
