/* chart_kinds.c - the publication's charts: the ladder infographic, bars of
 * work forms, the regional ladder (100 % stacked bars), lines over years and
 * the '1-2-3' labour account. Each builder lays its chart out with
 * chart_text_width and moves labels apart; tests check the result with
 * chart_overlaps. */
#include "chart.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Warm sequential scale (ColorBrewer YlOrBr): lightness falls with the rung,
 * so the rungs stay apart in grey-scale and for colour-blind readers. Rungs 1
 * and 2 are not counted: a pale neutral. */
const uint32_t chart_rung_colour[7] = {0xBDBDBD, 0xEFE6D8, 0xE3DACB, 0xFEC44F, 0xEC7014, 0x993404, 0x4A2106};

/* Dark, colour-blind-safe series colours (Okabe-Ito), with dashes and markers
 * that differ too. */
static const uint32_t series_colour[] = {0x000000, 0xD55E00, 0x0072B2, 0x009E73, 0xCC79A7, 0xE69F00};
#define N_SERIES_STYLES 6

#define W 480.0
#define TITLE_SIZE 10.5
#define LABEL_SIZE 8.0
#define SMALL_SIZE 7.0
#define INK 0x222222
#define GRID 0xD9D9D9
#define MUTED 0x595959

static const char *fmtv(chart *c, calc_value v, int pct, int en, unsigned *used)
{
	buf b = BUF_INIT;
	chart_fmt(&b, v, pct, en);
	if (used)
		*used |= v.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_RECOMPUTED | CALC_CONFIDENTIAL | CALC_MISSING);
	if (used && !v.known && !(v.flags & CALC_CONFIDENTIAL))
		*used |= CALC_MISSING;
	const char *s = arena_strdup(&c->mem, b.ptr);
	buf_release(&b);
	return s;
}

static int drawable(calc_value v)
{
	return v.known && !(v.flags & CALC_CONFIDENTIAL) && v.v >= 0;
}

static double luminance(uint32_t c)
{
	return (0.299 * ((c >> 16) & 0xFF) + 0.587 * ((c >> 8) & 0xFF) + 0.114 * (c & 0xFF)) / 255.0;
}

static uint32_t text_on(uint32_t fill)
{
	return luminance(fill) < 0.55 ? 0xFFFFFF : 0x111111;
}

/* Title lines at the top; returns the y below them. */
double chart_layout_title(chart *c, const char *t)
{
	char **lines;
	int n = chart_wrap(c, t, TITLE_SIZE, 1, c->w - 8, &lines);
	double y = 4 + TITLE_SIZE;
	for (int i = 0; i < n; i++, y += TITLE_SIZE * 1.25)
		chart_text(c, 4, y, lines[i], TITLE_SIZE, 1, CHART_START);
	return y - TITLE_SIZE * 1.25 + 10;
}

/* Symbols used, wrapped under the chart from y; returns the new height. */
static double footer(chart *c, double y, unsigned used, int en, int map_year);

double chart_layout_footer(chart *c, double y, unsigned used, int en)
{
	return footer(c, y, used, en, 0);
}

static double footer(chart *c, double y, unsigned used, int en, int map_year)
{
	/* rnd_flag_legend always ends with "- = zero; . = unknown" */
	char *legend = rnd_flag_legend_map(used & ~CALC_MISSING, en, map_year);
	if (!legend && (used & CALC_MISSING))
		legend = xstrdup(V(en, chart_unknown));
	if (!legend)
		return y;
	char *s = xasprintf("%s: %s", V(en, annex_symbols), legend);
	free(legend);
	char **lines;
	int n = chart_wrap(c, s, SMALL_SIZE, 0, c->w - 8, &lines);
	free(s);
	y += 4;
	for (int i = 0; i < n; i++) {
		y += SMALL_SIZE * 1.3;
		chart_item *t = chart_text(c, 4, y, lines[i], SMALL_SIZE, 0, CHART_START);
		t->fill = MUTED;
	}
	return y + 5;
}

/* Lines of text stacked from baseline y; returns the baseline after them. */
static double lines_at(chart *c, double x, double y, char **lines, int n, double size, int bold,
		       enum chart_anchor a, uint32_t fill)
{
	for (int i = 0; i < n; i++, y += size * 1.22) {
		chart_item *t = chart_text(c, x, y, lines[i], size, bold, a);
		t->fill = fill;
	}
	return y;
}


/* ------------------------------------------------------- the data tables */

/* name | persons | share: the figures of a ladder, bars or an account */
static void data_counts(chart *c, const char *name_key_nl, const char *name_key_en)
{
	const char *keys[] = {"name", "persons", "share"};
	const char *nl[] = {name_key_nl, V(0, page_persons), V(0, page_share)};
	const char *en[] = {name_key_en, V(1, page_persons), V(1, page_share)};
	chart_data_new(c, 3, keys, nl, en);
}

static void data_count_row(chart *c, const char *name, calc_value v, calc_value share)
{
	rnd_cell *row = chart_data_row(c, name);
	rnd_set_value(row, 1, CELL_COUNT, v);
	rnd_set_value(row, 2, CELL_PERCENT, share);
}

/* the share of v in total, as the charts print it */
static calc_value share_of(calc_value v, calc_value total)
{
	calc_value s = {0, 0, (v.flags | total.flags) & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_CONFIDENTIAL)};
	if (drawable(v) && drawable(total) && total.v > 0) {
		s.v = v.v / total.v * 100;
		s.known = 1;
	}
	return s;
}

/* ------------------------------------------------------------- the ladder */

chart *chart_ladder(const char *id, const chart_ladder_in *in)
{
	int en = in->english;
	unsigned used = 0;
	buf t = BUF_INIT, d = BUF_INIT;
	buf_printf(&t, V(en, chart_participation_ladder), in->area_name, in->year);
	/* the description says in words what the picture shows */
	chart *c = chart_new(id, W, 430, t.ptr, NULL);
	buf_printf(&d, V(en, chart_six_rungs_from_contacts_at_home_rung));
	for (int r = 6; r >= 3; r--) {
		buf_printf(&d, V(en, chart_rung_persons), r, in->rung_name[r],
			   fmtv(c, in->count[r], 0, en, NULL));
		if (r < 6)
			buf_printf(&d, " (%s)", fmtv(c, in->share[r], 1, en, NULL));
		buf_adds(&d, ". ");
	}
	buf_printf(&d, V(en, chart_rungs_3_to_5_together_persons),
		   fmtv(c, in->total, 0, en, NULL));
	c->desc = arena_strdup(&c->mem, d.ptr);
	buf_release(&d);
	data_counts(c, V(0, report_rung_2), V(1, report_rung_2));
	for (int r = 6; r >= 3; r--)
		data_count_row(c, arena_printf(&c->mem, "%s %d: %s", V(en, report_rung_2), r, in->rung_name[r]), in->count[r],
			       in->share[r]);
	data_count_row(c, V(en, chart_rungs_3_to_5), in->total, (calc_value){100, in->total.known, in->total.flags});

	double y0 = chart_layout_title(c, t.ptr);
	buf_release(&t);

	/* columns: place brackets | ladder | rung labels | headline brace */
	const double place_x1 = 122, lad_x0 = 136, lad_x1 = 196, lab_x = 210, lab_w = 168, brace_x = 384,
		     brace_tx = 394, brace_w = W - 394 - 4;
	const double top = y0 + 14, step = 56, rung_h = 11;
	double rung_y[7];
	for (int r = 6; r >= 1; r--)
		rung_y[r] = top + (6 - r) * step + 14;
	double bottom = rung_y[1] + 26;

	/* warm background and the rails, reaching past the top and bottom rungs
	 * like a real ladder that stands on the ground */
	chart_rect(c, lad_x0 - 16, top - 8, lad_x1 - lad_x0 + 32, bottom - top + 8, 0xFDF3E4, CHART_NONE, 10, NULL);
	chart_group(c, en ? "ladder" : "ladder");
	chart_rect(c, lad_x0 - 4, top - 4, 7, bottom - top, 0x8C510A, CHART_NONE, 3.5, NULL);
	chart_rect(c, lad_x1 - 3, top - 4, 7, bottom - top, 0x8C510A, CHART_NONE, 3.5, NULL);
	for (int r = 6; r >= 1; r--) {
		uint32_t fill = chart_rung_colour[r];
		char tip[160];
		snprintf(tip, sizeof tip, "%s %d: %s", V(en, report_rung_2), r, in->rung_name[r]);
		chart_rect(c, lad_x0, rung_y[r] - rung_h / 2, lad_x1 - lad_x0, rung_h, fill, 0x8C510A, 4, tip);
		char num[4];
		snprintf(num, sizeof num, "%d", r);
		chart_item *n = chart_text(c, (lad_x0 + lad_x1) / 2, rung_y[r] + 3, num, LABEL_SIZE, 1, CHART_MIDDLE);
		n->fill = text_on(fill);
	}
	chart_end(c);

	/* rung labels: name (bold, wrapped), then the figures */
	for (int r = 6; r >= 1; r--) {
		char *name = xasprintf("%s %d  %s", V(en, report_rung_2), r, in->rung_name[r]);
		char **nl;
		int n = chart_wrap(c, name, LABEL_SIZE + 0.5, 1, lab_w, &nl);
		free(name);
		double y = rung_y[r] - 10 + (r >= 3 ? 0 : 6);
		chart_group(c, NULL);
		y = lines_at(c, lab_x, y, nl, n, LABEL_SIZE + 0.5, 1, CHART_START, INK);
		if (r >= 3 && !in->count[r].known && !(in->count[r].flags & CALC_CONFIDENTIAL)) {
			/* "no figure" reads better than a lone "." */
			chart_item *x = chart_text(c, lab_x, y, r == 6 ? (V(en, chart_no_figure_wage_employees_unknown))
								: (V(en, chart_no_figure)),
						   LABEL_SIZE, 0, CHART_START);
			x->fill = MUTED;
		} else if (r >= 3) {
			buf b = BUF_INIT;
			buf_printf(&b, "%s %s", fmtv(c, in->count[r], 0, en, &used), V(en, report_persons));
			if (r < 6)
				buf_printf(&b, " (%s)", fmtv(c, in->share[r], 1, en, &used));
			chart_text(c, lab_x, y, b.ptr, LABEL_SIZE, 0, CHART_START);
			buf_reset(&b);
			if (r == 6)
				buf_printf(&b, V(en, chart_of_all_wage_employees),
					   fmtv(c, in->share[6], 1, en, &used));
			else if (r == 5 && (in->rung5_share_of_wage.known || (in->rung5_share_of_wage.flags & CALC_CONFIDENTIAL)))
				buf_printf(&b, V(en, chart_of_all_wage_employees),
					   fmtv(c, in->rung5_share_of_wage, 1, en, &used));
			if (b.len) {
				chart_item *x = chart_text(c, lab_x, y + LABEL_SIZE * 1.22, b.ptr, SMALL_SIZE + 0.5, 0,
							   CHART_START);
				x->fill = MUTED;
			}
			buf_release(&b);
		}
		chart_end(c);
	}

	/* participation and employment places: brackets left of the ladder */
	static const struct { int hi, lo; const char *nl, *en, *sub_nl, *sub_en; } places[] = {
		{6, 5, "Tewerkstellingsplaatsen", "Employment places", "(met arbeidsovereenkomst)", "(with an employment contract)"},
		{4, 3, "Participatieplaatsen", "Participation places", "(zonder arbeidsovereenkomst)", "(without an employment contract)"},
	};
	for (int p = 0; p < 2; p++) {
		double ya = rung_y[places[p].hi] - 12, yb = rung_y[places[p].lo] + 12;
		double pts[] = {place_x1 - 4, ya, place_x1, ya, place_x1, yb, place_x1 - 4, yb};
		chart_poly(c, pts, 4, 0x8C510A, 1.2, 0, CHART_NONE);
		char **l1, **l2;
		int n1 = chart_wrap(c, en ? places[p].en : places[p].nl, LABEL_SIZE, 1, place_x1 - 10, &l1);
		int n2 = chart_wrap(c, en ? places[p].sub_en : places[p].sub_nl, SMALL_SIZE, 0, place_x1 - 10, &l2);
		double hgt = n1 * LABEL_SIZE * 1.22 + n2 * SMALL_SIZE * 1.22;
		double y = (ya + yb) / 2 - hgt / 2 + LABEL_SIZE;
		if (p == 0 && (in->count[6].known || in->count[5].known)) {
			/* wage employees: the count that rungs 5 and 6 make up together */
			y -= SMALL_SIZE * 1.3;
		}
		y = lines_at(c, place_x1 - 8, y, l1, n1, LABEL_SIZE, 1, CHART_END_ANCHOR, INK);
		y = lines_at(c, place_x1 - 8, y, l2, n2, SMALL_SIZE, 0, CHART_END_ANCHOR, MUTED);
		if (p == 0 && in->count[6].known && in->count[5].known) {
			calc_value wage = {0, 0, 0};
			if (in->count[6].known && in->count[5].known) {
				wage.v = in->count[6].v + in->count[5].v;
				wage.known = 1;
			}
			wage.flags = in->count[6].flags | in->count[5].flags;
			char *s = xasprintf("%s %s", fmtv(c, wage, 0, en, &used), V(en, chart_wage_employees));
			char **l3;
			int n3 = chart_wrap(c, s, SMALL_SIZE, 1, place_x1 - 10, &l3);
			free(s);
			lines_at(c, place_x1 - 8, y + 1, l3, n3, SMALL_SIZE, 1, CHART_END_ANCHOR, INK);
		}
	}

	/* the headline: rungs 3 to 5, a brace on the right */
	{
		double ya = rung_y[5] - 12, yb = rung_y[3] + 12;
		double pts[] = {brace_x - 4, ya, brace_x, ya, brace_x, yb, brace_x - 4, yb};
		chart_poly(c, pts, 4, 0x993404, 1.5, 0, CHART_NONE);
		double mid = (ya + yb) / 2;
		chart_line(c, brace_x, mid, brace_x + 5, mid, 0x993404, 1.5, 0);
		char *big = xasprintf("%s", fmtv(c, in->total, 0, en, &used));
		char **lb, **lt, **le = NULL;
		int nb = chart_wrap(c, big, 13, 1, brace_w, &lb);
		free(big);
		int nt = chart_wrap(c, V(en, chart_persons_in_employment_and),
				    SMALL_SIZE, 0, brace_w, &lt);
		char *eq = xasprintf(V(en, chart_equivalent_of_of_wage_employment),
				     fmtv(c, in->total_share_of_wage, 1, en, &used));
		int known_eq = in->total_share_of_wage.known || (in->total_share_of_wage.flags & CALC_CONFIDENTIAL);
		int ne = known_eq ? chart_wrap(c, eq, SMALL_SIZE, 1, brace_w, &le) : 0;
		free(eq);
		double hgt = nb * 13 * 1.22 + nt * SMALL_SIZE * 1.22 + 4 + ne * SMALL_SIZE * 1.22;
		double y = mid - hgt / 2 + 12;
		y = lines_at(c, brace_tx, y, lb, nb, 13, 1, CHART_START, 0x993404);
		y = lines_at(c, brace_tx, y - 3, lt, nt, SMALL_SIZE, 0, CHART_START, INK);
		lines_at(c, brace_tx, y + 4, le, ne, SMALL_SIZE, 1, CHART_START, INK);
	}
	c->h = chart_layout_footer(c, bottom + 6, used, en);
	return c;
}

/* --------------------------------------------------------------- the bars */

chart *chart_bars(const char *id, const char *title_s, const char *desc, const chart_bar_row *rows, int n,
		  calc_value total, uint32_t colour, int en)
{
	chart *c = chart_new(id, W, 100, title_s, desc);
	unsigned used = 0;
	double y = chart_layout_title(c, title_s), top = y;
	const double label_w = 190, x0 = 200, value_w = 92;
	double max = 0;
	for (int i = 0; i < n; i++)
		if (drawable(rows[i].value) && rows[i].value.v > max)
			max = rows[i].value.v;
	double span = W - x0 - value_w;
	data_counts(c, V(0, chart_col_category), V(1, chart_col_category));
	for (int i = 0; i < n; i++)
		data_count_row(c, rows[i].label, rows[i].value, share_of(rows[i].value, total));
	chart_group(c, NULL);
	for (int i = 0; i < n; i++) {
		char **ll;
		int nl = chart_wrap(c, rows[i].label, LABEL_SIZE, 0, label_w, &ll);
		if (nl > 3)
			nl = 3; /* very long names: three lines, the rest is in the table */
		double row_h = fmax(16, nl * LABEL_SIZE * 1.22 + 6);
		double mid = y + row_h / 2;
		lines_at(c, x0 - 8, mid - (nl - 1) * LABEL_SIZE * 1.22 / 2 + LABEL_SIZE * 0.36, ll, nl, LABEL_SIZE, 0,
			 CHART_END_ANCHOR, INK);
		calc_value v = rows[i].value;
		double bw = drawable(v) && max > 0 ? v.v / max * span : 0;
		buf lab = BUF_INIT;
		buf_adds(&lab, fmtv(c, v, 0, en, &used));
		if (drawable(v) && drawable(total) && total.v > 0) {
			calc_value sh = {v.v / total.v * 100, 1, (v.flags | total.flags) & (CALC_ESTIMATED | CALC_SYNTHETIC)};
			buf_printf(&lab, " (%s)", fmtv(c, sh, 1, en, NULL));
		}
		char *tip = xasprintf("%s: %s", rows[i].label, lab.ptr);
		chart_rect(c, x0, mid - 5, bw, 10, colour, CHART_NONE, 0, tip);
		free(tip);
		chart_text(c, x0 + bw + 4, mid + LABEL_SIZE * 0.36, lab.ptr, LABEL_SIZE, 0, CHART_START);
		buf_release(&lab);
		y += row_h;
	}
	chart_end(c);
	chart_line(c, x0, top, x0, y, 0x7F7F7F, 0.75, 0);
	c->h = chart_layout_footer(c, y + 4, used, en);
	return c;
}

/* ------------------------------------------------------ the regional ladder */

/* area | a share per series (of the row's sum) */
static void stacked_data(chart *c, const char *const *series, int n_series, const chart_stack_row *rows, int n_rows)
{
	const char *keys[5] = {"area"}, *nl[5] = {V(0, annex_area)}, *en[5] = {V(1, annex_area)};
	for (int s = 0; s < n_series && s < 4; s++)
		keys[s + 1] = nl[s + 1] = en[s + 1] = series[s];
	chart_data_new(c, n_series + 1, keys, nl, en);
	for (int i = 0; i < n_rows; i++) {
		rnd_cell *row = chart_data_row(c, rows[i].label);
		calc_value sum = {0, 1, 0};
		for (int s = 0; s < n_series; s++) {
			sum.known &= drawable(rows[i].part[s]);
			sum.v += rows[i].part[s].v;
			sum.flags |= rows[i].part[s].flags;
		}
		for (int s = 0; s < n_series; s++) {
			calc_value sh = share_of(rows[i].part[s], sum);
			sh.flags |= sum.flags & CALC_CONFIDENTIAL;
			sh.known &= !(sh.flags & CALC_CONFIDENTIAL);
			rnd_set_value(row, s + 1, CELL_PERCENT, sh);
		}
	}
}

chart *chart_stacked(const char *id, const char *title_s, const char *desc, const char *const *series, int n_series,
		     const uint32_t *colours, const chart_stack_row *rows, int n_rows, int en)
{
	chart *c = chart_new(id, W, 100, title_s, desc);
	unsigned used = 0;
	stacked_data(c, series, n_series, rows, n_rows);
	double y = chart_layout_title(c, title_s) + 4;
	/* legend: swatches and names, wrapped onto lines as needed */
	double lx = 4;
	for (int s = 0; s < n_series; s++) {
		double tw = chart_text_width(series[s], SMALL_SIZE + 0.5, 0);
		if (lx + 14 + tw > W - 4) {
			lx = 4;
			y += 13;
		}
		chart_rect(c, lx, y - 7.5, 10, 10, colours[s], 0x7F7F7F, 0, NULL);
		chart_text(c, lx + 14, y + 0.5, series[s], SMALL_SIZE + 0.5, 0, CHART_START);
		lx += 14 + tw + 14;
	}
	y += 12;
	double label_w = 0;
	for (int i = 0; i < n_rows; i++) {
		double w = chart_text_width(rows[i].label, LABEL_SIZE, rows[i].emphasis);
		if (w > label_w)
			label_w = w;
	}
	if (label_w > 170)
		label_w = 170;
	const double x0 = 4 + label_w + 8, span = W - 4 - x0, bar_h = 11, row_h = 15;
	int prev_emph = n_rows ? rows[0].emphasis : 0;
	for (int i = 0; i < n_rows; i++) {
		if (rows[i].emphasis != prev_emph)
			y += 6; /* the area itself and Flanders stand apart from the sub-areas */
		prev_emph = rows[i].emphasis;
		chart_group(c, rows[i].label);
		const char *label = rows[i].label;
		char **ll;
		if (chart_text_width(label, LABEL_SIZE, rows[i].emphasis) > label_w) {
			chart_wrap(c, label, LABEL_SIZE, rows[i].emphasis, label_w, &ll);
			label = arena_printf(&c->mem, "%s…", ll[0]);
		}
		chart_text(c, x0 - 6, y + bar_h - 2.5, label, LABEL_SIZE, rows[i].emphasis, CHART_END_ANCHOR);
		double sum = 0;
		int ok = 1;
		unsigned fl = 0;
		for (int s = 0; s < n_series; s++) {
			calc_value v = rows[i].part[s];
			fl |= v.flags;
			if (!drawable(v))
				ok = 0;
			else
				sum += v.v;
		}
		if (!ok || sum <= 0) {
			/* a 100 % bar would reveal a confidential part or invent an
			 * unknown one: say why there is no bar */
			const char *why = (fl & CALC_CONFIDENTIAL) ? (V(en, chart_x_confidential))
								   : (V(en, chart_unknown_2));
			used |= (fl & CALC_CONFIDENTIAL) ? CALC_CONFIDENTIAL : CALC_MISSING;
			chart_item *t = chart_text(c, x0 + 2, y + bar_h - 2.5, why, SMALL_SIZE + 0.5, 0, CHART_START);
			t->fill = MUTED;
		} else {
			used |= fl & (CALC_ESTIMATED | CALC_SYNTHETIC);
			double x = x0;
			for (int s = 0; s < n_series; s++) {
				double share = rows[i].part[s].v / sum;
				double w = share * span;
				calc_value pv = {share * 100, 1, rows[i].part[s].flags & (CALC_ESTIMATED | CALC_SYNTHETIC)};
				const char *ps = fmtv(c, pv, 1, en, NULL);
				char *tip = xasprintf("%s, %s: %s (%s)", rows[i].label, series[s],
						      fmtv(c, rows[i].part[s], 0, en, NULL), ps);
				chart_rect(c, x, y, w, bar_h, colours[s], 0xFFFFFF, 0, tip);
				free(tip);
				/* the share inside its segment when it fits; else the
				 * legend and the table tell it */
				calc_value pv0 = {share * 100, 1, 0};
				const char *short_s = fmtv(c, pv0, 1, en, NULL);
				if (chart_text_width(short_s, SMALL_SIZE, 0) + 4 <= w) {
					chart_item *t = chart_text(c, x + w / 2, y + bar_h - 3, short_s, SMALL_SIZE, 0,
								   CHART_MIDDLE);
					t->fill = text_on(colours[s]);
				}
				x += w;
			}
		}
		chart_end(c);
		y += row_h;
	}
	c->h = chart_layout_footer(c, y + 2, used, en);
	return c;
}

/* ------------------------------------------------------------------- lines */

static double nice_step(double range, int ticks)
{
	double raw = range / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

static void marker(chart *c, int style, double x, double y, uint32_t col)
{
	switch (style % 4) {
	case 0: chart_circle(c, x, y, 2.6, col, CHART_NONE); break;
	case 1: chart_circle(c, x, y, 2.6, 0xFFFFFF, col); break;
	case 2: chart_rect(c, x - 2.4, y - 2.4, 4.8, 4.8, col, CHART_NONE, 0, NULL); break;
	default: {
		double pts[] = {x, y - 3.2, x + 3.2, y, x, y + 3.2, x - 3.2, y};
		chart_poly(c, pts, 4, col, 0.8, 0, col);
	}
	}
}

/* A series break between two years: a dashed rule over the plot and the
 * word with the year above it, in a group of that name. */
static void break_marker(chart *c, double x, double y1, double y2, int year, int en)
{
	const char *label = arena_printf(&c->mem, "%s %d", V(en, chain_break_word), year);
	chart_group(c, label);
	chart_line(c, x, y1 - 2, x, y2, MUTED, 0.9, 1);
	chart_item *t = chart_text(c, x, y1 - 4, label, SMALL_SIZE - 1, 0, CHART_MIDDLE);
	t->fill = MUTED;
	chart_end(c);
}

static int year_recomputed(const chart_series *series, int n_series, int k)
{
	for (int s = 0; s < n_series; s++)
		if (series[s].values[k].flags & CALC_RECOMPUTED)
			return 1;
	return 0;
}

/* The map the recomputed years of the series follow; 0 when none is. */
static int recomputed_map(const chart_series *series, int n_series, int n_years)
{
	for (int k = 0; k < n_years; k++)
		if (year_recomputed(series, n_series, k))
			for (int s = 0; s < n_series; s++)
				if (series[s].map_year)
					return series[s].map_year;
	return 0;
}

/* year | a column per series */
static void lines_data(chart *c, const int *years, int n_years, const chart_series *series, int n_series, int percent)
{
	const char **keys = arena_alloc(&c->mem, sizeof *keys * (size_t)(n_series + 1));
	keys[0] = "year";
	for (int s = 0; s < n_series; s++)
		keys[s + 1] = series[s].name;
	const char **nl = arena_alloc(&c->mem, sizeof *nl * (size_t)(n_series + 1));
	const char **en = arena_alloc(&c->mem, sizeof *en * (size_t)(n_series + 1));
	memcpy(nl, keys, sizeof *keys * (size_t)(n_series + 1));
	memcpy(en, keys, sizeof *keys * (size_t)(n_series + 1));
	nl[0] = V(0, page_year);
	en[0] = V(1, page_year);
	chart_data_new(c, n_series + 1, keys, nl, en);
	for (int k = 0; k < n_years; k++) {
		rnd_cell *row = chart_data_row(c, arena_printf(&c->mem, "%d", years[k]));
		for (int s = 0; s < n_series; s++)
			rnd_set_value(row, s + 1, percent ? CELL_PERCENT : CELL_COUNT, series[s].values[k]);
	}
}

chart *chart_lines(const char *id, const char *title_s, const char *desc, const int *years, int n_years,
		   const chart_series *series, int n_series, int percent, int en)
{
	chart *c = chart_new(id, W, 260, title_s, desc);
	unsigned used = 0;
	lines_data(c, years, n_years, series, n_series, percent);
	double top = chart_layout_title(c, title_s) + 4;
	for (int s = 0; s < n_series; s++)
		for (int k = 1; k < n_years && series[s].breaks; k++)
			if (series[s].breaks[k]) {
				top += SMALL_SIZE + 4; /* room for the break markers' labels */
				s = n_series;
				break;
			}
	double lo = 0, hi = 0;
	int any = 0;
	for (int s = 0; s < n_series; s++)
		for (int k = 0; k < n_years; k++) {
			calc_value v = series[s].values[k];
			if (!drawable(v))
				continue;
			if (!any || v.v > hi)
				hi = v.v;
			any = 1;
		}
	if (!any)
		hi = 1;
	/* counts start at zero (no exaggerated swings); rates too, unless they
	 * sit high above it */
	if (percent) {
		double mn = hi;
		for (int s = 0; s < n_series; s++)
			for (int k = 0; k < n_years; k++)
				if (drawable(series[s].values[k]) && series[s].values[k].v < mn)
					mn = series[s].values[k].v;
		if (mn > 40)
			lo = floor(mn / 10) * 10 - 10;
	}
	double step = nice_step(hi - lo, 4);
	hi = ceil(hi / step) * step;
	if (hi <= lo)
		hi = lo + step;

	/* end labels: name and last known value, right of the plot */
	const char **lab = xcalloc((size_t)n_series, sizeof *lab);
	double lab_w = 0;
	for (int s = 0; s < n_series; s++) {
		int last = -1;
		for (int k = 0; k < n_years; k++)
			if (series[s].values[k].known || (series[s].values[k].flags & CALC_CONFIDENTIAL))
				last = k;
		lab[s] = last >= 0 ? arena_printf(&c->mem, "%s %s", series[s].name,
						  fmtv(c, series[s].values[last], percent, en, &used))
				   : arena_printf(&c->mem, "%s .", series[s].name);
		double w = chart_text_width(lab[s], SMALL_SIZE + 0.5, 0);
		if (w > lab_w)
			lab_w = w;
	}
	if (lab_w > 190)
		lab_w = 190;
	/* y axis labels */
	double axis_w = 0;
	for (double v = lo; v <= hi + step / 2; v += step) {
		calc_value tv = {v, 1, 0};
		double w = chart_text_width(fmtv(c, tv, percent, en, NULL), SMALL_SIZE, 0);
		if (w > axis_w)
			axis_w = w;
	}
	const double x0 = 8 + axis_w, x1 = W - 10 - lab_w, y1 = top, y2 = 218;
	for (double v = lo; v <= hi + step / 2; v += step) {
		double yy = y2 - (v - lo) / (hi - lo) * (y2 - y1);
		chart_line(c, x0, yy, x1, yy, GRID, 0.6, 0);
		calc_value tv = {v, 1, 0};
		chart_item *t = chart_text(c, x0 - 4, yy + SMALL_SIZE * 0.36, fmtv(c, tv, percent, en, NULL), SMALL_SIZE,
					   0, CHART_END_ANCHOR);
		t->fill = MUTED;
	}
	double *xs = xmalloc(sizeof *xs * (size_t)(n_years ? n_years : 1));
	for (int k = 0; k < n_years; k++)
		xs[k] = n_years == 1 ? (x0 + x1) / 2 : x0 + 10 + (x1 - x0 - 20) * k / (n_years - 1);
	/* year labels: every year when they fit, else every other; a year
	 * recomputed onto another map carries its symbol */
	int map_year = recomputed_map(series, n_series, n_years);
	double yw = chart_text_width(map_year ? "2000\xc2\xa0h" : "2000", SMALL_SIZE, 0) + 6;
	int every = 1;
	while (n_years > 1 && (xs[1] - xs[0]) * every < yw)
		every++;
	for (int k = 0; k < n_years; k++) {
		if ((n_years - 1 - k) % every)
			continue;
		char ys[16];
		snprintf(ys, sizeof ys, "%d%s", years[k], year_recomputed(series, n_series, k) ? "\xc2\xa0h" : "");
		chart_item *t = chart_text(c, xs[k], y2 + 11, ys, SMALL_SIZE, 0, CHART_MIDDLE);
		t->fill = MUTED;
	}
	chart_line(c, x0, y2, x1, y2, 0x7F7F7F, 0.75, 0);
	double *ends = xmalloc(sizeof *ends * (size_t)(n_series ? n_series : 1));
	double *order = xmalloc(sizeof *order * (size_t)(n_series ? n_series : 1));
	for (int s = 0; s < n_series; s++) {
		uint32_t col = series[s].target ? 0x7F7F7F : series_colour[s % N_SERIES_STYLES];
		int dash = series[s].target ? 1 : (s % 3 == 1 ? 1 : s % 3 == 2 ? 2 : 0);
		chart_group(c, series[s].name);
		double *pts = xmalloc(sizeof *pts * 2 * (size_t)(n_years ? n_years : 1));
		int np = 0;
		double last_y = y2;
		for (int k = 0; k <= n_years; k++) {
			int ok = k < n_years && drawable(series[s].values[k]);
			if (ok && np && series[s].breaks && series[s].breaks[k]) {
				/* a series break: the line stops before the reform year */
				if (np > 1)
					chart_poly(c, pts, np, col, series[s].target ? 1.4 : 1.8, dash, CHART_NONE);
				np = 0;
			}
			if (ok) {
				pts[2 * np] = xs[k];
				pts[2 * np + 1] = y2 - (series[s].values[k].v - lo) / (hi - lo) * (y2 - y1);
				last_y = pts[2 * np + 1];
				np++;
				continue;
			}
			if (np > 1)
				chart_poly(c, pts, np, col, series[s].target ? 1.4 : 1.8, dash, CHART_NONE);
			np = 0;
		}
		for (int k = 0; k < n_years && !series[s].target; k++)
			if (drawable(series[s].values[k]))
				marker(c, s, xs[k], y2 - (series[s].values[k].v - lo) / (hi - lo) * (y2 - y1), col);
		free(pts);
		chart_end(c);
		ends[s] = last_y + SMALL_SIZE * 0.36;
		for (int k = 1; k < n_years && series[s].breaks; k++)
			if (series[s].breaks[k])
				break_marker(c, (xs[k - 1] + xs[k]) / 2, y1, y2, years[k], en);
	}
	/* spread the end labels; keep each with its series */
	for (int s = 0; s < n_series; s++)
		order[s] = ends[s] * 64 + s; /* sortable and recoverable: y then index */
	double *pos = xmalloc(sizeof *pos * (size_t)(n_series ? n_series : 1));
	int *idx = xmalloc(sizeof *idx * (size_t)(n_series ? n_series : 1));
	for (int s = 0; s < n_series; s++)
		idx[s] = s;
	/* sort indexes by end y (insertion sort: a handful of series) */
	for (int i = 1; i < n_series; i++)
		for (int j = i; j > 0 && ends[idx[j]] < ends[idx[j - 1]]; j--) {
			int tmp = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = tmp;
		}
	for (int i = 0; i < n_series; i++)
		pos[i] = ends[idx[i]];
	chart_spread(pos, n_series, (SMALL_SIZE + 0.5) * 1.15, y1, y2 + 4);
	for (int i = 0; i < n_series; i++) {
		int s = idx[i];
		uint32_t col = series[s].target ? 0x595959 : series_colour[s % N_SERIES_STYLES];
		const char *text = lab[s];
		char **ll;
		if (chart_text_width(text, SMALL_SIZE + 0.5, 0) > lab_w) {
			chart_wrap(c, text, SMALL_SIZE + 0.5, 0, lab_w, &ll);
			text = arena_printf(&c->mem, "%s…", ll[0]);
		}
		chart_item *t = chart_text(c, x1 + 6, pos[i], text, SMALL_SIZE + 0.5, 0, CHART_START);
		t->fill = col;
	}
	free(pos);
	free(idx);
	free(order);
	free(ends);
	free(xs);
	free(lab);
	c->h = footer(c, y2 + 16, used | (map_year ? CALC_RECOMPUTED : 0), en, map_year);
	return c;
}

/* ------------------------------------------------------ the labour account */

chart *chart_account(const char *id, const char *title_s, const char *desc, const char *const *labels,
		     const calc_value *values, int n, int en)
{
	chart *c = chart_new(id, W, 100, title_s, desc);
	unsigned used = 0;
	double y = chart_layout_title(c, title_s);
	static const uint32_t cols[] = {0x993404, 0xEC7014, 0xFEC44F, 0xFFF7BC};
	double sum = 0;
	int ok = 1;
	for (int i = 0; i < n; i++) {
		if (drawable(values[i]))
			sum += values[i].v;
		else
			ok = 0;
	}
	const double x0 = 4, span = W - 8, bar_h = 22;
	data_counts(c, V(0, chart_col_category), V(1, chart_col_category));
	for (int i = 0; i < n; i++)
		data_count_row(c, labels[i], values[i], share_of(values[i], (calc_value){sum, ok, 0}));
	if (ok && sum > 0) {
		double x = x0;
		for (int i = 0; i < n; i++) {
			double w = values[i].v / sum * span;
			char *tip = xasprintf("%d %s: %s", i + 1, labels[i], fmtv(c, values[i], 0, en, NULL));
			chart_rect(c, x, y, w, bar_h, cols[i % 4], 0xFFFFFF, 0, tip);
			free(tip);
			char num[16];
			snprintf(num, sizeof num, "%d", i + 1);
			if (w > 12) {
				chart_item *t = chart_text(c, x + w / 2, y + bar_h / 2 + 3.5, num, 10, 1, CHART_MIDDLE);
				t->fill = text_on(cols[i % 4]);
			}
			x += w;
		}
		y += bar_h + 14;
	} else {
		chart_item *t = chart_text(c, x0, y + 10, V(en, chart_no_complete_account_one_of_the_parts),
					   LABEL_SIZE, 0, CHART_START);
		t->fill = MUTED;
		y += 24;
	}
	/* a key below: number, name, count and share, one line each */
	for (int i = 0; i < n; i++) {
		chart_rect(c, x0, y - 8, 10, 10, cols[i % 4], 0x7F7F7F, 0, NULL);
		char num[16];
		snprintf(num, sizeof num, "%d", i + 1);
		chart_text(c, x0 + 16, y, num, LABEL_SIZE, 1, CHART_START);
		buf b = BUF_INIT;
		buf_adds(&b, fmtv(c, values[i], 0, en, &used));
		if (ok && sum > 0) {
			calc_value sh = {values[i].v / sum * 100, 1, values[i].flags & (CALC_ESTIMATED | CALC_SYNTHETIC)};
			buf_printf(&b, " (%s)", fmtv(c, sh, 1, en, NULL));
		}
		double vw = chart_text_width(b.ptr, LABEL_SIZE, 0);
		chart_text(c, W - 4, y, b.ptr, LABEL_SIZE, 0, CHART_END_ANCHOR);
		buf_release(&b);
		char **ll;
		int nl = chart_wrap(c, labels[i], LABEL_SIZE, 0, W - 4 - vw - 12 - (x0 + 28), &ll);
		double after = lines_at(c, x0 + 28, y, ll, nl, LABEL_SIZE, 0, CHART_START, INK);
		y = after - LABEL_SIZE * 1.22 + 15;
	}
	c->h = chart_layout_footer(c, y - 4, used, en);
	return c;
}

/* ------------------------------------------------------ the transition matrix */

/* From white to the darkest rung colour by share t (0..1). */
static uint32_t shade(double t)
{
	uint32_t lo = 0xFFF7E6, hi = chart_rung_colour[5], out = 0;
	for (int sh = 0; sh <= 16; sh += 8) {
		double a = (lo >> sh) & 0xFF, b = (hi >> sh) & 0xFF;
		out |= (uint32_t)lround(a + (b - a) * t) << sh;
	}
	return out;
}

chart *chart_matrix(const char *id, const char *title_s, const char *desc, const char *row_axis, const char *col_axis,
		    const char *const *row_labels, int n_rows, const char *const *col_labels, int n_cols,
		    const calc_value *cells, int en)
{
	chart *c = chart_new(id, W, 100, title_s, desc);
	unsigned used = 0;
	double y = chart_layout_title(c, title_s);
	double max = 0;
	for (int i = 0; i < n_rows * n_cols; i++)
		if (drawable(cells[i]) && cells[i].v > max)
			max = cells[i].v;
	const double x0 = 96, cw = fmin(48, (W - x0 - 8) / n_cols), ch = 20;
	chart_text(c, x0 + cw * n_cols / 2, y + LABEL_SIZE, col_axis, LABEL_SIZE, 1, CHART_MIDDLE);
	y += LABEL_SIZE + 6;
	for (int j = 0; j < n_cols; j++)
		chart_text(c, x0 + cw * (j + 0.5), y + LABEL_SIZE, col_labels[j], LABEL_SIZE, 0, CHART_MIDDLE);
	y += LABEL_SIZE + 5;
	chart_text(c, 4, y - 3, row_axis, LABEL_SIZE, 1, CHART_START);
	chart_group(c, NULL);
	for (int i = 0; i < n_rows; i++) {
		double top = y + i * ch;
		chart_text(c, x0 - 6, top + ch / 2 + LABEL_SIZE * 0.36, row_labels[i], LABEL_SIZE, 0, CHART_END_ANCHOR);
		for (int j = 0; j < n_cols; j++) {
			calc_value v = cells[i * n_cols + j];
			if (!v.known && !(v.flags & CALC_CONFIDENTIAL))
				continue;
			int hidden = !drawable(v);
			uint32_t fill = hidden ? 0xE0E0E0 : shade(max > 0 ? v.v / max : 0);
			const char *lab = fmtv(c, v, 0, en, &used);
			char *tip = xasprintf("%s %s, %s %s: %s", row_axis, row_labels[i], col_axis, col_labels[j], lab);
			chart_rect(c, x0 + j * cw, top, cw - 1, ch - 1, fill, CHART_NONE, 0, tip);
			free(tip);
			chart_item *t = chart_text(c, x0 + (j + 0.5) * cw, top + ch / 2 + LABEL_SIZE * 0.36, lab, LABEL_SIZE, 0,
						   CHART_MIDDLE);
			t->fill = text_on(fill);
		}
	}
	chart_end(c);
	c->h = chart_layout_footer(c, y + n_rows * ch + 4, used, en);
	return c;
}
