/* report_pdf.c - the PDF backend of the report: A4 pages through cairo, text
 * set with pango (real, selectable text; DejaVu Sans embedded as subsets),
 * charts drawn as vectors by chart_cairo, page numbers, a table of contents
 * with page numbers, links and PDF bookmarks.
 *
 * The document is laid out twice with the same code: a first pass only
 * measures (where does each heading land?), the second draws, with the page
 * numbers of the first in the table of contents. The contents has a fixed
 * number of lines, so both passes break pages alike. */
#include "report.h"
#include "pango_util.h"
#include "../base/vocab.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_X 56.0
#define TOP 60.0
#define BOTTOM (PAGE_H - 62.0)
#define CW (PAGE_W - 2 * MARGIN_X)
#define BODY 9.5
#define ACCENT 0x993404
#define INK 0x222222
#define MUTED 0x595959
#define WARM 0xFDF3E4
#define RULE 0xD9CBB8

typedef struct pdf {
	const rpt_doc *d;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *lay;
	int draw;        /* 0: measuring pass */
	int page;
	double y;
	int *head_page;  /* per block: the page a heading lands on (from pass 1) */
	int *outline;    /* per block: outline id of level-1 headings */
} pdf;

/* Tagged PDF: the logical structure (Document, H1, H2, P, L/LI, Table with
 * TR/TH/TD, Figure with its Caption, TOC/TOCI with Link) that screen
 * readers follow and reflow uses; the drawing pass only. cairo 1.16 takes
 * no /Alt for a figure, so a chart's text alternative (its figures in
 * words, as the HTML report's <desc>) is printed as its caption. */
static void tag(pdf *p, const char *name)
{
	if (p->draw)
		cairo_tag_begin(p->cr, name, NULL);
}

static void untag(pdf *p, const char *name)
{
	if (p->draw)
		cairo_tag_end(p->cr, name);
}

static void rgb(pdf *p, uint32_t c)
{
	cairo_set_source_rgb(p->cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

/* Sets the layout; returns its height. */
static double set(pdf *p, const char *text, double size, int bold, double width)
{
	pu_set(p->lay, text, size, bold, width);
	pango_layout_set_alignment(p->lay, PANGO_ALIGN_LEFT);
	return pu_height(p->lay);
}

static void show(pdf *p, double x, double y, uint32_t colour)
{
	if (!p->draw)
		return;
	rgb(p, colour);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->lay);
	cairo_new_path(p->cr);
}

static void text_at(pdf *p, double x, double y, const char *s, double size, int bold, double width, uint32_t colour)
{
	set(p, s, size, bold, width);
	show(p, x, y, colour);
}

static void footer(pdf *p)
{
	if (!p->draw || p->page < 2)
		return;
	char num[32];
	snprintf(num, sizeof num, "%d", p->page);
	set(p, num, 8, 0, 0);
	double w = pu_width(p->lay);
	show(p, PAGE_W - MARGIN_X - w, PAGE_H - 38, MUTED);
	text_at(p, MARGIN_X, PAGE_H - 38, p->d->subtitle, 7.5, 0, CW - 40, MUTED);
	if (p->draw) {
		rgb(p, RULE);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, MARGIN_X, PAGE_H - 44);
		cairo_line_to(p->cr, PAGE_W - MARGIN_X, PAGE_H - 44);
		cairo_stroke(p->cr);
	}
}

static void new_page(pdf *p)
{
	if (p->page > 0 && p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = TOP;
	footer(p);
}

static void ensure(pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > TOP + 1)
		new_page(p);
}

static void fill_rect(pdf *p, double x, double y, double w, double h, uint32_t c, double r)
{
	if (!p->draw)
		return;
	rgb(p, c);
	if (r > 0) {
		cairo_new_sub_path(p->cr);
		cairo_arc(p->cr, x + w - r, y + r, r, -G_PI / 2, 0);
		cairo_arc(p->cr, x + w - r, y + h - r, r, 0, G_PI / 2);
		cairo_arc(p->cr, x + r, y + h - r, r, G_PI / 2, G_PI);
		cairo_arc(p->cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
		cairo_close_path(p->cr);
	} else {
		cairo_rectangle(p->cr, x, y, w, h);
	}
	cairo_fill(p->cr);
}

static void hline(pdf *p, double x0, double x1, double y, double w, uint32_t c)
{
	if (!p->draw)
		return;
	rgb(p, c);
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

/* ------------------------------------------------------------- the blocks */

static void cover(pdf *p)
{
	const rpt_doc *d = p->d;
	new_page(p);
	fill_rect(p, 0, 0, PAGE_W, 14, ACCENT, 0);
	tag(p, "P");
	double y = 170;
	text_at(p, MARGIN_X, y, V(d->english, report_inventory_of_employment_and_2),
		8.5, 0, CW, MUTED);
	y += 22;
	double h = set(p, d->title, 26, 1, CW);
	show(p, MARGIN_X, y, ACCENT);
	y += h + 12;
	h = set(p, d->subtitle, 16, 0, CW);
	show(p, MARGIN_X, y, INK);
	y += h + 10;
	h = set(p, d->edition_line, 10, 0, CW);
	show(p, MARGIN_X, y, MUTED);
	y += h + 60;
	if (d->cover_big) {
		fill_rect(p, MARGIN_X, y, CW, 96, WARM, 8);
		h = set(p, d->cover_big, 30, 1, CW - 36);
		show(p, MARGIN_X + 18, y + 14, ACCENT);
		set(p, d->cover_sub, 11, 0, CW - 36);
		show(p, MARGIN_X + 18, y + 20 + h, INK);
	}
	text_at(p, MARGIN_X, PAGE_H - 70, "ladder", 8, 1, CW, MUTED);
	untag(p, "P");
}

static void heading(pdf *p, int bi, const rpt_block *b)
{
	char name[96];
	snprintf(name, sizeof name, "dest='%s'", b->anchor);
	if (b->level == 1) {
		/* a section opens a page only when less than a third of this one
		 * is left: short sections (a rung of one work form) share a page
		 * rather than leave pages mostly empty */
		if (p->y > TOP + 1) {
			if (p->y + (BOTTOM - TOP) / 3 > BOTTOM)
				new_page(p);
			else
				p->y += 26;
		}
		double h = set(p, b->text, 16, 1, CW);
		p->head_page[bi] = p->page;
		if (p->draw) {
			char attr[96];
			snprintf(attr, sizeof attr, "name='%s'", b->anchor);
			tag(p, "H1");
			cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
			show(p, MARGIN_X, p->y, ACCENT);
			cairo_tag_end(p->cr, CAIRO_TAG_DEST);
			untag(p, "H1");
			p->outline[bi] = cairo_pdf_surface_add_outline(p->surface, CAIRO_PDF_OUTLINE_ROOT, b->text, name, 0);
		}
		p->y += h + 4;
		hline(p, MARGIN_X, PAGE_W - MARGIN_X, p->y, 1.2, RULE);
		p->y += 12;
	} else {
		double h = set(p, b->text, 11.5, 1, CW);
		ensure(p, h + 60); /* keep a heading with what follows */
		p->head_page[bi] = p->page;
		if (p->draw) {
			char attr[96];
			snprintf(attr, sizeof attr, "name='%s'", b->anchor);
			tag(p, "H2");
			cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
			show(p, MARGIN_X, p->y + 6, INK);
			cairo_tag_end(p->cr, CAIRO_TAG_DEST);
			untag(p, "H2");
			int parent = CAIRO_PDF_OUTLINE_ROOT;
			for (int k = bi - 1; k >= 0; k--)
				if (p->d->blocks[k].kind == RPT_HEADING && p->d->blocks[k].level == 1) {
					parent = p->outline[k];
					break;
				}
			cairo_pdf_surface_add_outline(p->surface, parent, b->text, name, 0);
		}
		p->y += h + 12;
	}
}

static void paragraph(pdf *p, const char *text, int note)
{
	double size = note ? 8 : BODY, x = MARGIN_X + (note ? 8 : 0);
	double h = set(p, text, size, 0, CW - (note ? 8 : 0));
	pango_layout_set_line_spacing(p->lay, 1.3);
	h = pu_height(p->lay);
	ensure(p, h);
	if (note && p->draw) {
		fill_rect(p, MARGIN_X, p->y, 2.5, h, RULE, 0);
	}
	tag(p, "P");
	show(p, x, p->y, note ? MUTED : INK);
	untag(p, "P");
	p->y += h + (note ? 10 : 8);
}

static void bullets(pdf *p, const rpt_block *b)
{
	tag(p, "L");
	for (int i = 0; i < b->n_items; i++) {
		double h = set(p, b->items[i], BODY, 0, CW - 14);
		pango_layout_set_line_spacing(p->lay, 1.3);
		h = pu_height(p->lay);
		ensure(p, h);
		tag(p, "LI");
		if (p->draw) {
			rgb(p, ACCENT);
			cairo_arc(p->cr, MARGIN_X + 4, p->y + BODY * 0.62, 1.9, 0, 2 * G_PI);
			cairo_fill(p->cr);
		}
		tag(p, "LBody");
		show(p, MARGIN_X + 14, p->y, INK);
		untag(p, "LBody");
		untag(p, "LI");
		p->y += h + 4;
	}
	untag(p, "L");
	p->y += 6;
}

static void keyfigs(pdf *p, const rpt_block *b)
{
	const int per_row = 2;
	const double gap = 10, w = (CW - gap * (per_row - 1)) / per_row, pad = 10;
	for (int i = 0; i < b->n_items; i += per_row) {
		double hmax = 0;
		for (int k = i; k < i + per_row && k < b->n_items; k++) {
			double h = set(p, b->items[k], 20, 1, w - 2 * pad) + 4;
			h += set(p, b->subs[k] ? b->subs[k] : "", 8.5, 0, w - 2 * pad);
			if (h > hmax)
				hmax = h;
		}
		ensure(p, hmax + 2 * pad);
		for (int k = i; k < i + per_row && k < b->n_items; k++) {
			double x = MARGIN_X + (k - i) * (w + gap);
			fill_rect(p, x, p->y, w, hmax + 2 * pad, WARM, 6);
			double h = set(p, b->items[k], 20, 1, w - 2 * pad);
			tag(p, "P"); /* the figure and what it is: one statement */
			show(p, x + pad, p->y + pad, ACCENT);
			set(p, b->subs[k] ? b->subs[k] : "", 8.5, 0, w - 2 * pad);
			show(p, x + pad, p->y + pad + h + 4, INK);
			untag(p, "P");
		}
		p->y += hmax + 2 * pad + gap;
	}
	p->y += 4;
}

/* Column widths: natural widths, text columns shrunk (and wrapped) to fit. */
static void table_widths(pdf *p, const rnd_table *t, int en, double *w, int *num)
{
	buf cb = BUF_INIT;
	double total = 0;
	for (int c = 0; c < t->n_cols; c++) {
		num[c] = rnd_column_numeric(t, c);
		set(p, en ? t->cols[c].label_en : t->cols[c].label_nl, 8, 1, 0);
		w[c] = pu_width(p->lay);
		for (int r = 0; r < t->n_rows; r++) {
			buf_reset(&cb);
			rnd_cell_text(&cb, &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c], en);
			set(p, buf_cstr(&cb), 8, 0, 0);
			double x = pu_width(p->lay);
			if (x > w[c])
				w[c] = x;
		}
		w[c] += 10; /* padding */
		total += w[c];
	}
	buf_release(&cb);
	/* too wide: take the surplus from the text columns, widest first */
	while (total > CW + 0.01) {
		int widest = -1;
		for (int c = 0; c < t->n_cols; c++)
			if (!num[c] && (widest < 0 || w[c] > w[widest]))
				widest = c;
		if (widest < 0 || w[widest] < 60)
			break;
		double second = 60;
		for (int c = 0; c < t->n_cols; c++)
			if (!num[c] && c != widest && w[c] > second)
				second = w[c];
		double cut = fmin(total - CW, fmax(w[widest] - second, 1));
		w[widest] -= cut;
		total -= cut;
	}
	/* narrow: give the room to the first text column so the table spans the page */
	if (total < CW) {
		int first = 0;
		for (int c = 0; c < t->n_cols; c++)
			if (!num[c]) {
				first = c;
				break;
			}
		w[first] += CW - total;
	}
}

/* One row (or the header) over the columns cols[0..nc), with widths w
 * indexed by column. Returns its height; drawn when draw is set. */
static double table_row(pdf *p, const rnd_table *t, int r, const int *cols, int nc, const double *w, const int *num,
			int en, int header, int draw)
{
	buf cb = BUF_INIT;
	double hmax = 0;
	for (int pass = 0; pass < 2; pass++) {
		double x = MARGIN_X;
		if (pass == 1 && draw) {
			if (!header && r % 2 == 1)
				fill_rect(p, MARGIN_X, p->y, CW, hmax + 6, 0xFBF8F3, 0);
			tag(p, "TR");
		}
		for (int i = 0; i < nc; i++) {
			int c = cols[i];
			buf_reset(&cb);
			if (header)
				buf_adds(&cb, en ? t->cols[c].label_en : t->cols[c].label_nl);
			else
				rnd_cell_text(&cb, &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c], en);
			double h = set(p, buf_cstr(&cb), 8, header, w[c] - 10);
			if (pass == 0) {
				if (h > hmax)
					hmax = h;
			} else if (draw) {
				if (num[c]) {
					pango_layout_set_width(p->lay, (int)((w[c] - 10) * PANGO_SCALE));
					pango_layout_set_alignment(p->lay, PANGO_ALIGN_RIGHT);
				}
				/* header cells, and the first column of a row that names it */
				const char *cell = header || (i == 0 && !num[c]) ? "TH" : "TD";
				tag(p, cell);
				show(p, x + 5, p->y + 3, INK);
				untag(p, cell);
			}
			x += w[c];
		}
		if (pass == 1 && draw)
			untag(p, "TR");
	}
	buf_release(&cb);
	return hmax + 6;
}

/* One table over the columns cols[0..nc), its header repeated on every
 * page it runs onto. */
static void table_part(pdf *p, const rnd_table *t, const char *caption, const int *cols, int nc, const double *w,
		       const int *num, int en)
{
	double cap_h = 0;
	if (caption)
		cap_h = set(p, caption, 9, 1, CW) + 4;
	double head_h = table_row(p, t, 0, cols, nc, w, num, en, 1, 0);
	double first_h = t->n_rows ? table_row(p, t, 0, cols, nc, w, num, en, 0, 0) : 0;
	ensure(p, cap_h + head_h + first_h);
	tag(p, "Table");
	if (caption) {
		tag(p, "Caption");
		text_at(p, MARGIN_X, p->y, caption, 9, 1, CW, INK);
		untag(p, "Caption");
		p->y += cap_h;
	}
	p->y += table_row(p, t, 0, cols, nc, w, num, en, 1, 1);
	hline(p, MARGIN_X, MARGIN_X + CW, p->y, 1, INK);
	for (int r = 0; r < t->n_rows; r++) {
		double h = table_row(p, t, r, cols, nc, w, num, en, 0, 0);
		if (p->y + h > BOTTOM) {
			new_page(p);
			p->y += table_row(p, t, 0, cols, nc, w, num, en, 1, 1);
			hline(p, MARGIN_X, MARGIN_X + CW, p->y, 1, INK);
		}
		table_row(p, t, r, cols, nc, w, num, en, 0, 1);
		p->y += h;
		hline(p, MARGIN_X, MARGIN_X + CW, p->y, 0.4, 0xE6E0D8);
	}
	untag(p, "Table");
	p->y += 14;
}

/* The end of a part of a wide table that starts at column c: as many of
 * the columns c.. as fit beside the row labels (keyw), at most max, at
 * least one. */
static int part_end(const double *w, int c, int n_cols, double keyw, int max)
{
	double used = keyw + w[c];
	int end = c + 1;
	while (end < n_cols && end - c < max && used + w[end] <= CW + 0.01)
		used += w[end++];
	return end;
}

#define KEY_MIN_W 120.0 /* a row label split over parts: room for a work form's name */

/* A table wider than the page even with its text columns wrapped (a series
 * of 23 years) is set as several tables one below the other: the leading
 * text columns that name the rows, then as many of the other columns as
 * fit, so that no column runs off the page. */
static void table(pdf *p, const rpt_block *b)
{
	const rnd_table *t = b->table;
	int en = p->d->english;
	double *w = xcalloc((size_t)t->n_cols, sizeof *w);
	int *num = xcalloc((size_t)t->n_cols, sizeof *num);
	int *cols = xcalloc((size_t)t->n_cols, sizeof *cols);
	table_widths(p, t, en, w, num);
	double total = 0;
	for (int c = 0; c < t->n_cols; c++)
		total += w[c];
	int nkey = 0;
	double keyw = 0;
	while (nkey < t->n_cols && !num[nkey])
		keyw += w[nkey++];
	if (total <= CW + 0.01 || nkey == 0 || nkey == t->n_cols) {
		for (int c = 0; c < t->n_cols; c++)
			cols[c] = c;
		table_part(p, t, b->caption, cols, t->n_cols, w, num, en);
	} else {
		/* the row labels wide enough to read, the rest in parts */
		if (keyw < KEY_MIN_W) {
			w[nkey - 1] += KEY_MIN_W - keyw;
			keyw = KEY_MIN_W;
		}
		/* as many parts as the widths need, the columns spread evenly
		 * over them (9 + 9 + 5 years read worse than 8 + 8 + 7) */
		int parts = 0;
		for (int c = nkey; c < t->n_cols; parts++)
			c = part_end(w, c, t->n_cols, keyw, t->n_cols);
		int per = (t->n_cols - nkey + parts - 1) / parts;
		const char *caption = b->caption;
		for (int c = nkey; c < t->n_cols;) {
			int nc = 0, end = part_end(w, c, t->n_cols, keyw, per);
			double used = keyw;
			for (int k = 0; k < nkey; k++)
				cols[nc++] = k;
			for (; c < end; c++) {
				used += w[c];
				cols[nc++] = c;
			}
			/* the part spans the page: its room goes to the row labels */
			double spare = CW - used, key_last = w[nkey - 1];
			if (spare > 0)
				w[nkey - 1] += spare;
			table_part(p, t, caption, cols, nc, w, num, en);
			w[nkey - 1] = key_last;
			caption = NULL;
		}
	}
	free(cols);
	free(w);
	free(num);
}

static void chart_block(pdf *p, const chart *c)
{
	double scale = c->w > CW ? CW / c->w : 1;
	double h = c->h * scale;
	double cap = c->desc && *c->desc ? set(p, c->desc, 7.5, 0, CW) + 4 : 0;
	ensure(p, h + cap);
	tag(p, "Figure");
	if (p->draw) {
		cairo_save(p->cr);
		cairo_translate(p->cr, MARGIN_X + (CW - c->w * scale) / 2, p->y);
		cairo_scale(p->cr, scale, scale);
		chart_cairo(p->cr, c);
		cairo_restore(p->cr);
	}
	p->y += h + 2;
	if (cap > 0) { /* the text alternative */
		tag(p, "Caption");
		text_at(p, MARGIN_X, p->y, c->desc, 7.5, 0, CW, MUTED);
		untag(p, "Caption");
		p->y += cap;
	}
	untag(p, "Figure");
	p->y += 12;
}

/* ---------------------------------------------- a map and its ranking */

#define RANK_SIZE 6.5
#define RANK_GAP 10.0
#define MAP_SHARE 0.64 /* of the text width: the map, the rest its ranking */

/* One row of a map's ranking (header: the column names) at x, width w:
 * rank, area, value, as the page's table. Returns its height; drawn when
 * draw (and p->draw). */
static double rank_row(pdf *p, const rnd_table *t, int r, double x, double w, int header, int draw)
{
	static const int col[3] = {2, 0, 1}; /* rank, area, value */
	const double cw[3] = {24, w - 24 - 48, 48};
	int en = p->d->english;
	buf cb = BUF_INIT;
	double hmax = 0;
	for (int pass = 0; pass < 2; pass++) {
		double cx = x;
		if (pass && draw)
			tag(p, "TR");
		for (int k = 0; k < 3; k++) {
			int c = col[k];
			buf_reset(&cb);
			if (header)
				buf_adds(&cb, en ? t->cols[c].label_en : t->cols[c].label_nl);
			else
				rnd_cell_text(&cb, &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c], en);
			double h = set(p, buf_cstr(&cb), RANK_SIZE, header, cw[k] - 4);
			if (!pass) {
				hmax = fmax(hmax, h);
			} else if (draw) {
				if (k != 1) {
					pango_layout_set_width(p->lay, (int)((cw[k] - 4) * PANGO_SCALE));
					pango_layout_set_alignment(p->lay, PANGO_ALIGN_RIGHT);
				}
				const char *cell = header || k == 1 ? "TH" : "TD";
				tag(p, cell);
				show(p, cx, p->y, INK);
				untag(p, cell);
			}
			cx += cw[k];
		}
		if (pass && draw)
			untag(p, "TR");
	}
	buf_release(&cb);
	return hmax + 1.5;
}

/* Rows from..to-1 of the ranking as a table at x, from p->y down; p->y
 * is left where it started. Returns the height. */
static double rank_table(pdf *p, const rnd_table *t, int from, int to, double x, double w)
{
	double y0 = p->y;
	tag(p, "Table");
	p->y += rank_row(p, t, 0, x, w, 1, 1);
	hline(p, x, x + w, p->y, 0.6, INK);
	p->y += 1;
	for (int r = from; r < to; r++)
		p->y += rank_row(p, t, r, x, w, 0, 1);
	untag(p, "Table");
	double h = p->y - y0;
	p->y = y0;
	return h;
}

/* The ranking from row `from` on under the map, in three columns, over
 * as many pages as it takes (a region's 300 municipalities). */
static void rank_columns(pdf *p, const rnd_table *t, int from)
{
	double w = (CW - 2 * RANK_GAP) / 3, head = rank_row(p, t, 0, 0, w, 1, 0) + 1, row = 0;
	for (int r = from; r < t->n_rows; r++)
		row = fmax(row, rank_row(p, t, r, 0, w, 0, 0));
	for (int r = from; r < t->n_rows;) {
		int per = (int)((BOTTOM - p->y - head) / row);
		if (per < 4) {
			new_page(p);
			continue;
		}
		int left = t->n_rows - r;
		if (per * 3 > left) /* the last piece: columns of equal length */
			per = (left + 2) / 3;
		double used = 0;
		for (int k = 0; k < 3 && r < t->n_rows; k++, r += per) {
			int to = r + per < t->n_rows ? r + per : t->n_rows;
			used = fmax(used, rank_table(p, t, r, to, MARGIN_X + k * (w + RANK_GAP), w));
		}
		p->y += used + 12;
	}
}

/* A map with its ranking beside it, as the page shows it: the map on 64 %
 * of the width, the ranking in the rest as far as the map reaches, the
 * rows after that under it in columns. */
static void map_block(pdf *p, const chart *c)
{
	const rnd_table *t = c->data;
	double mw = CW * MAP_SHARE, rw = CW - mw - RANK_GAP, scale = fmin(mw / c->w, 1);
	double h = c->h * scale, rh = rank_row(p, t, 0, 0, rw, 1, 0) + 1;
	int beside = 0;
	for (double r; beside < t->n_rows && rh + (r = rank_row(p, t, beside, 0, rw, 0, 0)) <= h; beside++)
		rh += r;
	double cap = c->desc && *c->desc ? set(p, c->desc, 7.5, 0, CW) + 4 : 0;
	ensure(p, fmax(h, rh) + cap);
	double top = p->y, below = top + fmax(h, rh) + 2;
	tag(p, "Figure");
	if (p->draw) {
		cairo_save(p->cr);
		cairo_translate(p->cr, MARGIN_X, top);
		cairo_scale(p->cr, scale, scale);
		chart_cairo(p->cr, c);
		cairo_restore(p->cr);
	}
	if (cap > 0) { /* the text alternative, under map and ranking */
		tag(p, "Caption");
		text_at(p, MARGIN_X, below, c->desc, 7.5, 0, CW, MUTED);
		untag(p, "Caption");
	}
	untag(p, "Figure");
	if (beside)
		rank_table(p, t, 0, beside, MARGIN_X + mw + RANK_GAP, rw);
	p->y = below + cap + 6;
	rank_columns(p, t, beside);
	p->y += 6;
}

static void toc(pdf *p)
{
	const rpt_doc *d = p->d;
	new_page(p);
	double h = set(p, V(d->english, report_contents), 16, 1, CW);
	tag(p, "H1");
	show(p, MARGIN_X, p->y, ACCENT);
	untag(p, "H1");
	p->y += h + 16;
	tag(p, "TOC");
	for (int i = 0; i < d->n; i++) {
		const rpt_block *b = &d->blocks[i];
		if (b->kind != RPT_HEADING)
			continue;
		double indent = b->level == 1 ? 0 : 16, size = b->level == 1 ? 10.5 : 9.5;
		char num[16];
		snprintf(num, sizeof num, "%d", p->head_page[i]);
		h = set(p, b->text, size, b->level == 1, CW - indent - 40);
		ensure(p, h);
		if (p->draw) {
			char attr[96];
			snprintf(attr, sizeof attr, "dest='%s'", b->anchor);
			tag(p, "TOCI");
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attr);
		}
		show(p, MARGIN_X + indent, p->y, INK);
		double tw = pu_width(p->lay);
		set(p, num, size, b->level == 1, 0);
		double nw = pu_width(p->lay);
		show(p, PAGE_W - MARGIN_X - nw, p->y, INK);
		if (p->draw) {
			/* dotted leader between the title and its page number */
			rgb(p, 0xAAAAAA);
			static const double dots[] = {0.8, 2.6};
			cairo_set_dash(p->cr, dots, 2, 0);
			cairo_set_line_width(p->cr, 0.8);
			double ly = p->y + size * 0.95;
			cairo_move_to(p->cr, MARGIN_X + indent + fmin(tw, CW - indent - 40) + 4, ly);
			cairo_line_to(p->cr, PAGE_W - MARGIN_X - nw - 4, ly);
			cairo_stroke(p->cr);
			cairo_set_dash(p->cr, NULL, 0, 0);
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
			untag(p, "TOCI");
		}
		p->y += h + (b->level == 1 ? 7 : 4);
	}
	untag(p, "TOC");
	new_page(p); /* the contents has its page to itself */
}

static void layout(pdf *p)
{
	const rpt_doc *d = p->d;
	p->page = 0;
	tag(p, "Document");
	cover(p);
	for (int i = 0; i < d->n; i++) {
		const rpt_block *b = &d->blocks[i];
		switch (b->kind) {
		case RPT_TOC: toc(p); break;
		case RPT_HEADING: heading(p, i, b); break;
		case RPT_PARA: paragraph(p, b->text, 0); break;
		case RPT_NOTE: paragraph(p, b->text, 1); break;
		case RPT_BULLETS: bullets(p, b); break;
		case RPT_KEYFIGS: keyfigs(p, b); break;
		case RPT_TABLE: table(p, b); break;
		case RPT_CHART:
			if (b->ch->is_map && b->ch->data && b->ch->data->n_rows)
				map_block(p, b->ch); /* its ranking beside it */
			else
				chart_block(p, b->ch);
			break;
		case RPT_LINKS: break; /* the page's downloads: nothing to follow on paper */
		}
	}
	untag(p, "Document");
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_add(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static int write_all(const char *path, const buf *b, lerr *err)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return lerr_io(err, errno, path);
	int failed = fwrite(b->ptr, 1, b->len, f) != b->len;
	failed |= fflush(f) != 0;
	int saved = errno;
	if (fclose(f) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	return failed ? lerr_io(err, saved, path) : 0;
}

int rpt_pdf(const rpt_doc *d, const char *path, const char *date, lerr *err)
{
	pdf p = {0};
	p.d = d;
	p.head_page = xcalloc((size_t)d->n + 1, sizeof *p.head_page);
	p.outline = xcalloc((size_t)d->n + 1, sizeof *p.outline);
	/* pass 1: measure on a scratch surface */
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	p.cr = cairo_create(scratch);
	p.lay = pu_layout(p.cr);
	layout(&p);
	g_object_unref(p.lay);
	cairo_destroy(p.cr);
	cairo_surface_destroy(scratch);
	/* pass 2: draw */
	/* into memory, then to the file: cairo 1.16 aborts (an assertion in its
	 * structure tree) when a write fails under a tagged document, so the
	 * disk's errors are met here, where they are reported */
	buf pdfbytes = BUF_INIT;
	p.surface = cairo_pdf_surface_create_for_stream(to_buf, &pdfbytes, PAGE_W, PAGE_H);
	pu_pdf_metadata(p.surface, d->subtitle, date);
	p.cr = cairo_create(p.surface);
	p.lay = pu_layout(p.cr);
	p.draw = 1;
	layout(&p);
	g_object_unref(p.lay);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	cairo_status_t st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	free(p.head_page);
	free(p.outline);
	int rc = st != CAIRO_STATUS_SUCCESS
			 ? lerr_set(err, LERR_IO, "%s: cannot write the PDF: %s", path, cairo_status_to_string(st))
			 : write_all(path, &pdfbytes, err);
	buf_release(&pdfbytes);
	return rc;
}
