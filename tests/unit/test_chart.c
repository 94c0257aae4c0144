/* test_chart.c - suite chart: text measure (the metrics table against pango),
 * label spreading, no overlapping labels (long Dutch names, and every chart
 * of every report of the demo), deterministic output, and golden SVG files
 * for each chart type on fixed data (tests/golden/charts/; UPDATE_GOLDEN=1
 * rewrites them). Runs last: it releases pango's caches at the end. */
#include "harness.h"
#include "fixture.h"
#include "base/embed.h"
#include "render/chart.h"
#include "render/export.h"
#include "render/pango_util.h"
#include "render/report.h"
#include "store/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GOLDEN_DIR "tests/golden/charts/"

static calc_value val(double v, unsigned flags)
{
	calc_value x = {v, 1, flags};
	return x;
}

static const calc_value unknown = {0, 0, 0};

static void no_overlap(const chart *c)
{
	buf r = BUF_INIT;
	int n = chart_overlaps(c, &r);
	if (n)
		unit_fail(__FILE__, __LINE__, "%s: %d label problem(s):\n%s", c->id, n, buf_cstr(&r));
	buf_release(&r);
}

static void golden(const char *name, const chart *c)
{
	buf b = BUF_INIT;
	chart_svg(&b, c, 1);
	char path[256];
	snprintf(path, sizeof path, GOLDEN_DIR "%s.svg", name);
	const char *upd = getenv("UPDATE_GOLDEN");
	if (upd && !strcmp(upd, "1")) {
		FILE *f = fopen(path, "wb");
		CHECK(f != NULL);
		if (f) {
			fwrite(b.ptr, 1, b.len, f);
			fclose(f);
		}
		buf_release(&b);
		return;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		unit_fail(__FILE__, __LINE__, "no golden file %s (run with UPDATE_GOLDEN=1)", path);
		buf_release(&b);
		return;
	}
	buf want = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&want, chunk, n);
	fclose(f);
	if (want.len != b.len || memcmp(want.ptr, b.ptr, b.len) != 0) {
		/* the first differing line tells what moved */
		size_t i = 0, line = 1, start = 0;
		while (i < want.len && i < b.len && want.ptr[i] == b.ptr[i]) {
			if (b.ptr[i] == '\n') {
				line++;
				start = i + 1;
			}
			i++;
		}
		unit_fail(__FILE__, __LINE__, "%s differs from the golden file at line %zu:\n  got:  %.160s\n  want: %.160s", path,
			  line, b.ptr + start, want.ptr + (start < want.len ? start : want.len));
	}
	buf_release(&want);
	buf_release(&b);
}

/* The SVG is well-formed enough and accessible: role, title, desc, text. */
static void accessible(const chart *c)
{
	buf b = BUF_INIT;
	chart_svg(&b, c, 0);
	CHECK(strstr(b.ptr, "role=\"img\"") != NULL);
	CHECK(strstr(b.ptr, "aria-labelledby=") != NULL);
	CHECK(strstr(b.ptr, "<title id=") != NULL);
	CHECK(strstr(b.ptr, "<desc id=") != NULL);
	CHECK(strstr(b.ptr, "<text ") != NULL);
	CHECK(strstr(b.ptr, "<use") == NULL);
	int open = 0, close = 0;
	for (const char *p = b.ptr; (p = strstr(p, "<g")); p++)
		open++;
	for (const char *p = b.ptr; (p = strstr(p, "</g>")); p++)
		close++;
	CHECK_EQ_INT(open, close);
	buf_release(&b);
}

/* ------------------------------------------------------------- fixtures */

static chart *fixed_ladder(int en)
{
	chart_ladder_in in = {0};
	static const char *const nl[] = {"", "Contacten beperkt tot de huiselijke kring", "Sociale contacten buitenshuis",
					 "Arbeidsmatige activiteiten onder begeleiding", "Tijdelijke activerende trajecten",
					 "Betaald werk met ondersteuning", "Betaald werk"};
	in.area_name = "Langemark-Poelkapelle";
	in.year = 2017;
	for (int r = 1; r <= 6; r++)
		in.rung_name[r] = nl[r];
	in.count[3] = val(1309, 0);
	in.count[4] = val(10740, 0);
	in.count[5] = val(44672, 0);
	in.count[6] = val(374260, CALC_ESTIMATED);
	in.share[3] = val(2.3078, 0);
	in.share[4] = val(18.935, 0);
	in.share[5] = val(78.757, 0);
	in.share[6] = val(89.336, CALC_ESTIMATED);
	in.total = val(56721, 0);
	in.total_share_of_wage = val(13.539, 0);
	in.rung5_share_of_wage = val(10.663, 0);
	in.english = en;
	return chart_ladder("ladder", &in);
}

static chart *fixed_bars(void)
{
	chart_bar_row rows[] = {
		{"Tijdelijke activerende trajecten (voorloper TWE-trajecten VDAB en GESCO-opleidingsprojecten)", val(1070, 0)},
		{"Werkplekinstrumenten – werkplekleren", val(7744, 0)},
		{"Activiteitencoöperatie Starterslabo", val(74, 0)},
		{"Leren en werken (duaal leren)", val(361, CALC_SYNTHETIC)},
		{"Plaatselijke werkgelegenheidsagentschappen (PWA)", val(1013, CALC_CONFIDENTIAL)},
		{"Doorstroom/activering uit arbeidszorg", unknown},
	};
	return chart_bars("bars", "Trede 4 naar werkvorm, Zuid-West-Vlaanderen, 2017", "Werkvormen van trede 4.", rows, 6,
			  val(10740, 0), chart_rung_colour[4], 0);
}

static chart *fixed_stacked(void)
{
	chart_stack_row rows[] = {
		{"Langemark-Poelkapelle", {val(19, CALC_SYNTHETIC), val(156, CALC_SYNTHETIC), val(646, CALC_SYNTHETIC)}, 0},
		{"Spiere-Helkijn", {val(8, 0), val(66, 0), val(277, 0)}, 0},
		{"Heuvelland", {val(3, CALC_CONFIDENTIAL), val(20, 0), val(90, 0)}, 0},
		{"Zuid-West-Vlaanderen (regio)", {val(138, 0), val(1124, 0), val(4675, 0)}, 0},
		{"Mesen", {unknown, val(2, 0), val(5, 0)}, 0},
		{"West-Vlaanderen", {val(1309, 0), val(10740, 0), val(44672, 0)}, 1},
		{"Vlaams Gewest", {val(7566, CALC_ESTIMATED), val(52379, CALC_ESTIMATED), val(222249, CALC_ESTIMATED)}, 1},
	};
	const char *series[] = {"Trede 3", "Trede 4", "Trede 5"};
	const uint32_t cols[] = {chart_rung_colour[3], chart_rung_colour[4], chart_rung_colour[5]};
	return chart_stacked("stacked", "Regionale participatieladder: de treden 3-5 per gebied, 2017", "Aandelen per gebied.",
			     series, 3, cols, rows, 7, 0);
}

static chart *fixed_lines(int target)
{
	static const int years[] = {2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017};
	static calc_value a[8], b[8], c[8], d[8];
	for (int i = 0; i < 8; i++) {
		a[i] = val(50000 + 900 * i, 0);
		b[i] = val(49000 + 880 * i, 0); /* ends close to a: the labels must be spread */
		c[i] = val(9000 + 200 * i, 0);
		d[i] = i == 3 ? unknown : val(1200 + 15 * i, 0); /* a gap breaks the line */
	}
	if (target) {
		static calc_value rate[8], goal[8];
		for (int i = 0; i < 8; i++) {
			rate[i] = val(68.5 + 0.6 * i, 0);
			goal[i] = val(75, 0);
		}
		chart_series s[] = {{"Werkzaamheidsgraad 20-64 jaar", rate, 0, NULL, 0}, {"Streefdoel (Vlaanderen 2020)", goal, 1, NULL, 0}};
		return chart_lines("target", "Werkzaamheidsgraad tegenover het streefdoel, West-Vlaanderen", "Twee reeksen.", years, 8, s, 2, 1, 0);
	}
	chart_series s[] = {{"Totaal (treden 3-5)", a, 0, NULL, 0}, {"Trede 5 Betaald werk met ondersteuning", b, 0, NULL, 0}, {"Trede 4", c, 0, NULL, 0}, {"Trede 3", d, 0, NULL, 0}};
	return chart_lines("lines", "Evolutie van de tewerkstelling en participatie, Langemark-Poelkapelle, 2010-2017", "Vier reeksen.",
			   years, 8, s, 4, 0, 0);
}

static chart *fixed_account(void)
{
	const char *labels[] = {"Werkenden (werkzaamheidsgraad 74,4 %)", "Niet-werkende werkzoekenden",
				"Niet-beroepsactieven: aan de zijlijn van de arbeidsmarkt, een verborgen potentiële arbeidsreserve"};
	calc_value v[] = {val(571000, 0), val(22000, 0), val(174000, CALC_ESTIMATED)};
	return chart_account("account", "De arbeidsmarkt in 1-2-3, West-Vlaanderen, 2017", "Drie delen.", labels, v, 3, 0);
}

/* ------------------------------------------------------------------ tests */

static void test_measure_matches_pango(void)
{
	static const char *const texts[] = {
		"Participatieladder West-Vlaanderen, 2017", "Activiteitencoöperatie Starterslabo", "56.721 personen (78,8 %)",
		"Langemark-Poelkapelle", "Tewerkstellingsplaatsen", "€ 1.309 – “trede” ‘3’ … ‰",
	};
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l = pu_layout(cr);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (int bold = 0; bold < 2; bold++) {
			pu_set(l, texts[i], 8, bold, 0);
			double p = pu_width(l), t = chart_text_width(texts[i], 8, bold);
			/* the table is the font's advances; pango with kerning off
			 * lays out the same advances */
			CHECK_NEAR(t, p, 0.02 * p + 0.1);
		}
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

static void test_wrap_and_spread(void)
{
	chart *c = chart_new("t", 100, 100, "", "");
	char **lines;
	int n = chart_wrap(c, "Arbeidsmatige activiteiten onder begeleiding", 8, 1, 150, &lines);
	CHECK_EQ_INT(n, 2);
	for (int i = 0; i < n; i++)
		CHECK(chart_text_width(lines[i], 8, 1) <= 150);
	n = chart_wrap(c, "", 8, 0, 50, &lines);
	CHECK_EQ_INT(n, 1);
	chart_free(c);
	double pos[] = {50, 51, 52, 10, 90};
	chart_spread(pos, 5, 10, 0, 100);
	for (int i = 1; i < 5; i++)
		CHECK(pos[i] - pos[i - 1] >= 10 - 1e-9);
	CHECK(pos[0] >= 0);
	CHECK(pos[4] <= 100);
	CHECK_NEAR(pos[0], 10, 1e-9); /* a label with room stays where it was */
	double tight[] = {98, 99, 100};
	chart_spread(tight, 3, 10, 0, 100);
	CHECK_NEAR(tight[2], 100, 1e-9);
	CHECK_NEAR(tight[0], 80, 1e-9);
}

static void test_overlap_detects(void)
{
	chart *c = chart_new("t", 200, 50, "", "");
	chart_text(c, 10, 20, "Langemark-Poelkapelle", 8, 0, CHART_START);
	chart_text(c, 40, 22, "Spiere-Helkijn", 8, 0, CHART_START);
	chart_text(c, 195, 40, "buiten", 8, 0, CHART_START);
	CHECK_EQ_INT(chart_overlaps(c, NULL), 2);
	chart_free(c);
}

static void test_fmt_never_confidential(void)
{
	buf b = BUF_INIT;
	chart_fmt(&b, val(1234, CALC_CONFIDENTIAL), 0, 0);
	CHECK_EQ_STR(b.ptr, "x");
	buf_reset(&b);
	chart_fmt(&b, unknown, 1, 0);
	CHECK_EQ_STR(b.ptr, ".");
	buf_reset(&b);
	chart_fmt(&b, val(78.757, CALC_ESTIMATED), 1, 0);
	CHECK_EQ_STR(b.ptr, "78,8\xc2\xa0%\xc2\xa0" "e");
	buf_reset(&b);
	chart_fmt(&b, val(56721, 0), 0, 1);
	CHECK_EQ_STR(b.ptr, "56,721");
	buf_release(&b);
	/* a confidential count appears nowhere in a chart */
	chart *c = fixed_bars();
	buf s = BUF_INIT;
	chart_svg(&s, c, 0);
	CHECK(strstr(s.ptr, "1.013") == NULL);
	CHECK(strstr(s.ptr, ">x<") != NULL || strstr(s.ptr, ">x ") != NULL || strstr(s.ptr, " x<") != NULL);
	buf_release(&s);
	chart_free(c);
}

static void test_golden_and_no_overlap(void)
{
	chart *charts[] = {fixed_ladder(0), fixed_ladder(1), fixed_bars(), fixed_stacked(), fixed_lines(0), fixed_lines(1), fixed_account()};
	const char *names[] = {"ladder", "ladder-en", "bars", "stacked", "lines", "target", "account"};
	for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
		no_overlap(charts[i]);
		accessible(charts[i]);
		golden(names[i], charts[i]);
		const char *dir = getenv("CHART_PNG_DIR"); /* to look at them */
		if (dir) {
			char path[512];
			lerr e;
			snprintf(path, sizeof path, "%s/%s.png", dir, names[i]);
			CHECK_EQ_INT(chart_write_png(charts[i], 2, path, &e), 0);
		}
		chart_free(charts[i]);
	}
}

static void test_deterministic(void)
{
	chart *a = fixed_stacked(), *b = fixed_stacked();
	buf x = BUF_INIT, y = BUF_INIT;
	chart_svg(&x, a, 1);
	chart_svg(&y, b, 1);
	CHECK_EQ_STR(x.ptr, y.ptr);
	buf_release(&x);
	buf_release(&y);
	/* PNG from the same drawing: same bytes twice */
	lerr e;
	char p1[] = "/tmp/ladder-chart-XXXXXX";
	int fd = mkstemp(p1);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ_INT(chart_write_png(a, 1.5, p1, &e), 0);
	FILE *f = fopen(p1, "rb");
	buf one = BUF_INIT, two = BUF_INIT;
	char chunk[4096];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&one, chunk, n);
	if (f)
		fclose(f);
	CHECK_EQ_INT(chart_write_png(b, 1.5, p1, &e), 0);
	f = fopen(p1, "rb");
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&two, chunk, n);
	if (f)
		fclose(f);
	CHECK(one.len > 1000);
	CHECK(one.len == two.len && memcmp(one.ptr, two.ptr, one.len) == 0);
	unlink(p1);
	buf_release(&one);
	buf_release(&two);
	chart_free(a);
	chart_free(b);
}

/* 1 when the file holds the bytes of needle. */
static int file_has(const char *path, const char *needle)
{
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n, k = strlen(needle);
	FILE *f = fopen(path, "rb");
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (f)
		fclose(f);
	int found = 0;
	for (size_t i = 0; !found && b.len >= k && i <= b.len - k; i++)
		found = memcmp(b.ptr + i, needle, k) == 0;
	buf_release(&b);
	return found;
}

/* The PDF creation date is the caller's (the store's last import), per
 * call: a date given to one PDF does not stick to the next (it was a global
 * that the CLI set and render read). */
static void test_pdf_date(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *saved = sde ? xstrdup(sde) : NULL;
	unsetenv("SOURCE_DATE_EPOCH");
	chart *c = fixed_stacked();
	lerr e;
	char p1[] = "/tmp/ladder-chart-XXXXXX";
	int fd = mkstemp(p1);
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ_INT(chart_write_pdf(c, p1, "2018-03-01T10:20:30", &e), 0);
	CHECK(file_has(p1, "(20180301102030"));
	CHECK_EQ_INT(chart_write_pdf(c, p1, NULL, &e), 0);
	CHECK(!file_has(p1, "(2018"));
	CHECK(file_has(p1, "(20000101000000"));
	unlink(p1);
	chart_free(c);
	if (saved)
		setenv("SOURCE_DATE_EPOCH", saved, 1);
	free(saved);
}

static void test_demo_charts_no_overlap(void)
{
	model *m;
	store *s = unit_demo_model(&m);
	if (!s)
		return;
	lerr e;
	int reports = 0, charts_seen = 0;
	for (int a = 0; m && a < m->n_areas; a++) {
		const model_area *x = &m->areas[a];
		/* every area of the demo: West-Vlaanderen and everything in it */
		int in = a == m->flanders;
		for (int p = a; p >= 0 && !in; p = m->areas[p].parent)
			in = !strcmp(m->areas[p].code, "30000");
		if (x->level == LEVEL_GROUPING)
			in = !strncmp(x->code, "wvl-", 4);
		if (!in)
			continue;
		for (int en = 0; en < 2; en++) {
			if (en && x->level == LEVEL_MUNICIPALITY)
				continue; /* English once per level is enough */
			rpt_options o = {a, 2017, NULL, en, RPT_MAP_RATE, 0, 0, RPT_MAP_MUNICIPALITIES};
			rpt_doc *d = rpt_build(s, m, &o, &e);
			CHECK(d != NULL);
			if (!d)
				continue;
			const chart **cs;
			int n = rpt_charts(d, &cs);
			for (int i = 0; i < n; i++) {
				buf r = BUF_INIT;
				int bad = chart_overlaps(cs[i], &r);
				if (bad)
					unit_fail(__FILE__, __LINE__, "%s %s: %d label problem(s):\n%s", x->code, cs[i]->title, bad, r.ptr);
				buf_release(&r);
			}
			charts_seen += n;
			reports++;
			free(cs);
			rpt_free(d);
		}
	}
	CHECK(reports >= 79);
	CHECK(charts_seen >= 79 * 5);
	model_free(m);
	store_close(s);
}

/* The page and a chart's download build only the report's chart sections
 * (charts_only): the same charts with the same ids and drawings as the whole
 * report, whose ids the page's download links name. Also the grids shared
 * in a read transaction (store_memo) give what a fresh read gives. */
static void test_charts_only_same_charts(void)
{
	store *s = unit_demo_store();
	CHECK(s != NULL);
	if (!s)
		return;
	lerr e;
	model *m = store_load_model(s, &e);
	CHECK(m != NULL);
	static const char *const codes[] = {"30000", "31000", "31005", "wvl-westhoek", "02000"};
	for (int i = 0; m && i < (int)(sizeof codes / sizeof codes[0]); i++)
		for (int en = 0; en < 2; en++)
			for (int map = 0; map <= RPT_MAP_RUNG5; map += 4) {
				int a = model_area_index(m, codes[i]);
				CHECK(a >= 0);
				rpt_options whole = {a, 2017, NULL, en, map, 0, 0, RPT_MAP_MUNICIPALITIES},
					    part = {a, 2017, NULL, en, map, 1, 0, RPT_MAP_MUNICIPALITIES};
				CHECK(store_read_begin(s, &e) == 0); /* the part's grids come from the memo */
				rpt_doc *d = rpt_build(s, m, &whole, &e), *c = rpt_build(s, m, &part, &e);
				store_read_end(s);
				CHECK(d && c);
				if (!d || !c) {
					rpt_free(d);
					rpt_free(c);
					continue;
				}
				CHECK(c->n < d->n);
				const chart **dc, **cc;
				int nd = rpt_charts(d, &dc), nc = rpt_charts(c, &cc);
				CHECK(nd >= 5);
				CHECK(nc == nd);
				for (int k = 0; k < nd && k < nc; k++) {
					buf x = BUF_INIT, y = BUF_INIT;
					chart_svg(&x, dc[k], 1);
					chart_svg(&y, cc[k], 1);
					if (strcmp(dc[k]->id, cc[k]->id) != 0 || strcmp(buf_cstr(&x), buf_cstr(&y)) != 0)
						unit_fail(__FILE__, __LINE__, "%s: chart %s differs from the report's %s", codes[i],
							  cc[k]->id, dc[k]->id);
					buf_release(&x);
					buf_release(&y);
				}
				free(dc);
				free(cc);
				rpt_free(d);
				rpt_free(c);
			}
	model_free(m);
	store_close(s);
}

/* A series break cuts the line and adds a marker group; without breaks the
 * line is whole. */
static void test_lines_break(void)
{
	int years[6] = {2014, 2015, 2016, 2017, 2018, 2019};
	calc_value v[6];
	for (int k = 0; k < 6; k++)
		v[k] = (calc_value){1000 + 10 * k, 1, 0};
	unsigned char br[6] = {0, 1, 0, 0, 0, 1};
	for (int with = 0; with < 2; with++) {
		chart_series s = {"Reeks", v, 0, with ? br : NULL, 0};
		chart *c = chart_lines("t", "Reeks", "desc", years, 6, &s, 1, 0, 0);
		int polys = 0, markers = 0, pts = 0;
		for (int i = 0; i < c->n; i++) {
			if (c->items[i].kind == CHART_POLY) {
				polys++;
				pts += c->items[i].n_pts;
			}
			if (c->items[i].kind == CHART_GROUP && c->items[i].text && strncmp(c->items[i].text, "reeksbreuk ", 11) == 0)
				markers++;
		}
		CHECK_EQ_INT(polys, 1); /* with breaks: 2014 and 2019 alone are points, no line */
		CHECK_EQ_INT(pts, with ? 4 : 6);
		CHECK_EQ_INT(markers, with ? 2 : 0);
		CHECK_EQ_INT(chart_overlaps(c, NULL), 0);
		chart_free(c);
	}
}

/* A last column of dots goes; one known value keeps it; the rows close up. */
static void test_table_drop_unknown_last(void)
{
	static const rnd_column cols[] = {{"area", "Gebied", "Area"}, {"n", "Aantal", "Count"}, {"pct", "%", "%"}};
	for (int keep = 0; keep <= 1; keep++) {
		rnd_table *t = rnd_table_new(cols, 3);
		for (int r = 0; r < 40; r++) {
			rnd_cell *row = rnd_table_row(t);
			rnd_set_text(t, row, 0, r % 2 ? "Brugge" : "Ieper");
			rnd_set_num(row, 1, CELL_COUNT, r, 0);
			rnd_set_num(row, 2, keep && r == 39 ? CELL_PERCENT : CELL_NULL, 0.5, 0);
		}
		CHECK_EQ_INT(rnd_table_drop_unknown_last(t), !keep);
		CHECK_EQ_INT(t->n_cols, keep ? 3 : 2);
		for (int r = 0; r < 40; r++) {
			const rnd_cell *row = &t->cells[r * t->n_cols];
			CHECK_EQ_STR(row[0].text, r % 2 ? "Brugge" : "Ieper");
			CHECK_EQ_INT(row[1].kind, CELL_COUNT);
			CHECK_NEAR(row[1].num, r, 0);
		}
		rnd_table_free(t);
	}
}

/* The flow matrix: labels apart, a hidden cell drawn as "x" and its value
 * nowhere in the SVG, the (0, 0) cell left out. */
static void test_matrix(void)
{
	const char *labels[7] = {"geen", "1", "2", "3", "4", "5", "6"};
	calc_value cells[49];
	for (int i = 0; i < 49; i++)
		cells[i] = (calc_value){(double)(i % 7 == i / 7 ? 100 + i : 10), 1, 0};
	cells[0] = unknown;
	cells[3 * 7 + 4] = (calc_value){3, 1, CALC_CONFIDENTIAL};
	chart *c = chart_matrix("flows", "Personen van trede naar trede, Brugge, 2019-01-01 tot 2020-01-01", "Een rooster",
				"Trede op 2019-01-01", "Trede op 2020-01-01", labels, 7, labels, 7, cells, 0);
	no_overlap(c);
	buf b = BUF_INIT;
	chart_svg(&b, c, 0);
	CHECK(strstr(buf_cstr(&b), "Trede op 2019-01-01 3, Trede op 2020-01-01 4: x") != NULL);
	CHECK(strstr(buf_cstr(&b), ": 3<") == NULL);
	CHECK(strstr(buf_cstr(&b), "geen, Trede op 2020-01-01 geen") == NULL);
	buf_release(&b);
	chart_free(c);
}

void suite_chart(void)
{
	RUN(test_matrix);
	RUN(test_table_drop_unknown_last);
	RUN(test_lines_break);
	RUN(test_measure_matches_pango);
	RUN(test_wrap_and_spread);
	RUN(test_overlap_detects);
	RUN(test_fmt_never_confidential);
	RUN(test_golden_and_no_overlap);
	RUN(test_deterministic);
	RUN(test_pdf_date);
	RUN(test_demo_charts_no_overlap);
	RUN(test_charts_only_same_charts);
	chart_shutdown(); /* pango and fontconfig caches: not leaks */
}
