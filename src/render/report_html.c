/* report_html.c - the HTML backend of a document, in two flavours: the
 * report, one self-contained file (inline CSS and SVG, no scripts, no
 * network, a print style sheet), and the dashboard's page of an area, the
 * same blocks without the file's chrome (the server adds its own). */
#include "report.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


static const char css[] =
	":root{--ink:#222;--muted:#595959;--accent:#993404;--warm:#fdf3e4;--rule:#d9cbb8}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%}\n"
	"body{font-family:'DejaVu Sans',Verdana,sans-serif;color:var(--ink);background:#fff;max-width:50rem;margin:0 auto;"
	"padding:0 1.25rem 4rem;line-height:1.5;font-size:15px}\n"
	"a{color:var(--accent)}\n"
	".cover{border-top:10px solid var(--accent);padding:3.5rem 0 2.5rem;margin-bottom:1rem}\n"
	".cover .kicker{text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-size:.8rem;margin:0}\n"
	".cover h1{font-size:2.1rem;line-height:1.15;margin:.6rem 0 .4rem;color:var(--accent)}\n"
	".cover .subtitle{font-size:1.35rem;margin:.2rem 0 1.2rem}\n"
	".cover .edition{color:var(--muted);margin:0}\n"
	".cover svg{margin-top:1.5rem}\n"
	".cover .headline{margin-top:2.5rem;font-size:1.05rem;max-width:30rem}\n"
	".cover .headline .big{display:block;font-size:2.4rem;font-weight:bold;color:var(--accent)}\n"
	"nav.toc{background:var(--warm);border-radius:8px;padding:1rem 1.5rem;margin:1.5rem 0 2rem}\n"
	"nav.toc h2{margin:.2rem 0 .5rem;font-size:1.1rem;border:0}\n"
	"nav.toc ol{margin:0;padding-left:1.4rem}nav.toc ol ol{list-style:none;padding-left:1rem;font-size:.92em}\n"
	"nav.toc li{margin:.15rem 0}\n"
	"h2{font-size:1.45rem;color:var(--accent);border-bottom:2px solid var(--rule);padding-bottom:.25rem;margin:2.6rem 0 .9rem}\n"
	"h3{font-size:1.1rem;margin:1.6rem 0 .6rem}\n"
	"p{margin:.5rem 0 .9rem}\n"
	"p.note{font-size:.85rem;color:var(--muted);border-left:3px solid var(--rule);padding-left:.7rem}\n"
	".keys{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.7rem;margin:1rem 0 1.2rem}\n"
	".key{background:var(--warm);border-radius:8px;padding:.8rem .9rem}\n"
	".key .v{font-size:1.7rem;font-weight:bold;color:var(--accent);white-space:nowrap}\n"
	".key .l{font-size:.85rem;line-height:1.35;margin-top:.25rem}\n"
	"ul{padding-left:1.3rem}li{margin:.25rem 0}\n"
	"figure{margin:1.2rem 0 1.6rem}\n"
	"figure.chart svg{display:block;width:100%;max-width:720px;height:auto}\n"
	"svg.chart{font-kerning:none}\n"
	"figcaption,caption{font-weight:bold;font-size:.95rem;margin-bottom:.4rem;text-align:left}\n"
	".findings .sev-fout,.findings .sev-error{color:#9b2226}.findings .sev-waarschuwing,.findings .sev-warning{color:#7a5400}\n"
	".downloads a{margin-right:1rem}\n"
	".ind{padding-left:1.5em;font-weight:normal}\n"
	".scroll{overflow-x:auto}.scroll:focus{outline:3px solid var(--accent);outline-offset:2px}\n"
	"table{border-collapse:collapse;width:100%;font-size:.85rem}\n"
	"th,td{padding:.28rem .5rem;vertical-align:top}\n"
	"thead th{text-align:left;border-bottom:2px solid var(--ink);font-weight:bold}\n"
	"td{border-bottom:1px solid #e6e0d8}\n"
	"th.n,td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"tbody tr:nth-child(even){background:#fbf8f3}\n"
	"footer{margin-top:3rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule);padding-top:.6rem}\n"
	"@page{size:A4;margin:18mm 16mm 20mm;@bottom-center{content:counter(page);font-family:'DejaVu Sans',Verdana,sans-serif;font-size:8pt;color:#595959}}\n"
	"@page:first{@bottom-center{content:none}}\n"
	"@media print{\n"
	" body{max-width:none;padding:0;font-size:9.5pt;line-height:1.4}\n"
	" .cover{min-height:235mm;padding-top:30mm;break-after:page}\n"
	" nav.toc{background:none;padding:0;break-after:page}\n"
	" nav.toc a{color:inherit;text-decoration:none}\n"
	" h2{margin-top:1.4rem}\n"
	" h2,h3,figcaption{break-after:avoid}\n"
	" figure,.key,tr{break-inside:avoid}\n"
	" figure.chart svg{max-width:100%}\n"
	" a{color:inherit;text-decoration:none}\n"
	" .key{border:1px solid var(--rule)}\n"
	" footer{display:none}\n"
	"}\n";

/* A value as both show it: the flag symbol explained on hover; a text made
 * of values ("+1.310 (+2,4 %)") carries their flags too. */
static void cell(buf *out, const rnd_cell *c, int en)
{
	unsigned sym_flags = c->kind == CELL_NULL || (c->flags & CALC_CONFIDENTIAL) ? 0 : c->flags;
	if (c->kind == CELL_TEXT) {
		rnd_xml_escape(out, c->text);
	} else {
		rnd_cell plain = *c;
		plain.flags = c->flags & CALC_CONFIDENTIAL;
		buf t = BUF_INIT;
		rnd_cell_text(&t, &plain, en);
		rnd_xml_escape(out, t.ptr);
		buf_release(&t);
	}
	rnd_flag_abbr(out, sym_flags, en);
}

/* The stacked bar of rungs 5, 4, 3: an SVG, not inline styles (the
 * dashboard's Content-Security-Policy forbids those). */
static void bar(buf *out, const double *share, int en)
{
	if (isnan(share[0]) && isnan(share[1]) && isnan(share[2])) {
		buf_adds(out, ".");
		return;
	}
	buf_adds(out, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"");
	for (int k = 5; k >= 3; k--) {
		buf_printf(out, "%s %d ", V(en, page_rung), k);
		if (isnan(share[5 - k]))
			buf_adds(out, "x");
		else
			rnd_percent(out, share[5 - k], 1, en);
		buf_adds(out, k > 3 ? ", " : "");
	}
	buf_adds(out, "\">");
	double x = 0;
	for (int k = 5; k >= 3; k--)
		if (!isnan(share[5 - k])) {
			buf_printf(out, "<rect class=\"r%d\" x=\"%.3f\" y=\"0\" width=\"%.3f\" height=\"10\"/>", k, x, share[5 - k]);
			x += share[5 - k];
		}
	buf_adds(out, "</svg>");
}

/* The name of a row (row_headers): a link where the block gives one; a
 * label that starts with two blanks is a part of the row above, indented. */
static void row_header(buf *out, const rpt_block *b, int r, const rnd_cell *c)
{
	const char *label = c->kind == CELL_TEXT ? c->text : "";
	int part = strncmp(label, "  ", 2) == 0;
	const char *link = b->links ? b->links[r] : NULL;
	buf_adds(out, part ? "<th scope=\"row\" class=\"ind\">" : "<th scope=\"row\">");
	if (link) {
		buf_adds(out, "<a href=\"");
		rnd_xml_escape(out, link);
		buf_adds(out, b->current == r + 1 ? "\" aria-current=\"page\">" : "\">");
	}
	rnd_xml_escape(out, label + (part ? 2 : 0));
	buf_adds(out, link ? "</a></th>" : "</th>");
}

static void table(buf *out, const rpt_block *b, int en)
{
	const rnd_table *t = b->table;
	if (b->bar_legend)
		buf_printf(out, "<p class=\"legend\" aria-hidden=\"true\"><span class=\"r5\"></span>%s 5<span class=\"r4\"></span>%s 4"
				"<span class=\"r3\"></span>%s 3</p>",
			   V(en, page_rung), V(en, page_rung), V(en, page_rung));
	/* a table wider than the screen scrolls in its box: the box takes the
	 * focus, so that keyboard users can scroll it, named after the caption */
	buf_adds(out, "<div class=\"scroll\" tabindex=\"0\"");
	if (b->caption) {
		buf_adds(out, " role=\"region\" aria-label=\"");
		rnd_xml_escape(out, b->caption);
		buf_adds(out, "\"");
	}
	buf_adds(out, "><table>");
	if (b->caption) {
		buf_adds(out, "<caption>");
		rnd_xml_escape(out, b->caption);
		buf_adds(out, "</caption>");
	}
	buf_adds(out, "\n<thead><tr>");
	for (int c = 0; c < t->n_cols; c++) {
		buf_adds(out, (c || !b->row_headers) && rnd_column_numeric(t, c) ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">");
		rnd_xml_escape(out, en ? t->cols[c].label_en : t->cols[c].label_nl);
		buf_adds(out, "</th>");
	}
	if (b->bars)
		buf_printf(out, "<th scope=\"col\">%s</th>", V(en, page_distribution));
	buf_adds(out, "</tr></thead>\n<tbody>\n");
	for (int r = 0; r < t->n_rows; r++) {
		const rnd_cell *row = &t->cells[(size_t)r * (size_t)t->n_cols];
		buf_adds(out, "<tr>");
		for (int c = 0; c < t->n_cols; c++) {
			if (c == 0 && b->row_headers) {
				row_header(out, b, r, &row[0]);
				continue;
			}
			buf_adds(out, rnd_column_numeric(t, c) ? "<td class=\"n\">" : "<td>");
			cell(out, &row[c], en);
			buf_adds(out, "</td>");
		}
		if (b->bars) {
			buf_adds(out, "<td>");
			bar(out, &b->bars[r * 3], en);
			buf_adds(out, "</td>");
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody></table></div>\n");
}

/* Bullets; one with a sub (a finding's severity) leads with it in bold,
 * which also colours the item. */
static void bullets(buf *out, const rpt_block *b)
{
	int subs = 0;
	for (int k = 0; k < b->n_items; k++)
		subs |= b->subs && b->subs[k];
	buf_adds(out, subs ? "<ul class=\"findings\">\n" : "<ul>\n");
	for (int k = 0; k < b->n_items; k++) {
		if (b->subs && b->subs[k]) {
			buf_printf(out, "<li class=\"sev-%s\"><strong>", b->subs[k]);
			rnd_xml_escape(out, b->subs[k]);
			buf_adds(out, "</strong> ");
		} else {
			buf_adds(out, "<li>");
		}
		rnd_xml_escape(out, b->items[k]);
		buf_adds(out, "</li>\n");
	}
	buf_adds(out, "</ul>\n");
}

/* Key figures: the value (a cell with its flags, or a text) over what it is. */
static void key_figures(buf *out, const rpt_block *b, int en)
{
	buf_adds(out, "<div class=\"keys\">\n");
	for (int k = 0; k < b->n_items; k++) {
		buf_adds(out, "<div class=\"key\"><div class=\"v\">");
		if (b->values)
			cell(out, &b->values[k], en);
		else
			rnd_xml_escape(out, b->items[k]);
		buf_adds(out, "</div><div class=\"l\">");
		rnd_xml_escape(out, b->subs[k] ? b->subs[k] : "");
		buf_adds(out, "</div></div>\n");
	}
	buf_adds(out, "</div>\n");
}

static void links(buf *out, const rpt_block *b)
{
	buf_adds(out, "<p class=\"downloads\">");
	for (int k = 0; k < b->n_items; k++) {
		buf_adds(out, "<a href=\"");
		rnd_xml_escape(out, b->subs[k]);
		buf_adds(out, b->current == k + 1 ? "\" aria-current=\"page\"" : "\"");
		buf_adds(out, b->saves && b->saves[k] ? " download>" : ">");
		rnd_xml_escape(out, b->items[k]);
		buf_adds(out, "</a>");
	}
	buf_adds(out, "</p>\n");
}

/* A chart: the drawing (its text alternative inside), then under it the
 * figures as a table a reader opens, and its downloads (the page's). */
static void figure(buf *out, const rpt_block *b, int en)
{
	buf_adds(out, b->ch->is_map ? "<figure class=\"chart map\" id=\"" : "<figure class=\"chart\" id=\"");
	rnd_xml_escape(out, b->ch->id);
	buf_adds(out, "\">\n");
	chart_svg(out, b->ch, 0);
	if (!b->ch->data && !b->n_items) {
		buf_adds(out, "</figure>\n");
		return;
	}
	buf_adds(out, "<figcaption>");
	if (b->ch->data) {
		/* a map's table is its ranking, open beside it */
		buf_printf(out, "<details%s><summary>%s</summary>\n", b->ch->is_map ? " open" : "", V(en, chart_data_table));
		rpt_block t = {.kind = RPT_TABLE, .table = b->ch->data, .caption = b->ch->title, .row_headers = 1,
			       .links = b->links, .current = b->current};
		table(out, &t, en);
		buf_adds(out, "</details>\n");
	}
	if (b->n_items) {
		buf_printf(out, "<p class=\"downloads\">%s: ", V(en, chart_download));
		for (int k = 0; k < b->n_items; k++) {
			buf_adds(out, "<a download href=\"");
			rnd_xml_escape(out, b->subs[k]);
			buf_adds(out, "\">");
			rnd_xml_escape(out, b->items[k]);
			buf_adds(out, "</a>");
		}
		buf_adds(out, "</p>");
	}
	buf_adds(out, "</figcaption>\n</figure>\n");
}

static void toc(buf *out, const rpt_doc *d)
{
	buf_printf(out, "<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">%s</h2>\n<ol>\n",
		   V(d->english, report_contents));
	int open2 = 0, open1 = 0;
	for (int i = 0; i < d->n; i++) {
		const rpt_block *b = &d->blocks[i];
		if (b->kind != RPT_HEADING)
			continue;
		if (b->level == 1) {
			if (open2)
				buf_adds(out, "</ol>");
			if (open1)
				buf_adds(out, "</li>\n");
			open2 = 0;
			open1 = 1;
			buf_printf(out, "<li><a href=\"#%s\">", b->anchor);
			rnd_xml_escape(out, b->text);
			buf_adds(out, "</a>");
		} else {
			if (!open2)
				buf_adds(out, "<ol>");
			open2 = 1;
			buf_printf(out, "<li><a href=\"#%s\">", b->anchor);
			rnd_xml_escape(out, b->text);
			buf_adds(out, "</a></li>");
		}
	}
	if (open2)
		buf_adds(out, "</ol>");
	if (open1)
		buf_adds(out, "</li>\n");
	buf_adds(out, "</ol></nav>\n");
}

/* The blocks: one rendering for the report's file and the dashboard's page,
 * so a block is fixed once. A level-1 heading opens a section. */
static void blocks(buf *out, const rpt_doc *d)
{
	int en = d->english, in_section = 0;
	for (int i = 0; i < d->n; i++) {
		const rpt_block *b = &d->blocks[i];
		switch (b->kind) {
		case RPT_TOC:
			toc(out, d);
			break;
		case RPT_HEADING:
			if (b->level == 1) {
				if (in_section)
					buf_adds(out, "</section>\n");
				buf_printf(out, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">", b->anchor, b->anchor);
				in_section = 1;
				rnd_xml_escape(out, b->text);
				buf_adds(out, "</h2>\n");
			} else {
				buf_printf(out, "<h3 id=\"%s\">", b->anchor);
				rnd_xml_escape(out, b->text);
				buf_adds(out, "</h3>\n");
			}
			break;
		case RPT_PARA:
		case RPT_NOTE:
			buf_adds(out, b->kind == RPT_NOTE ? "<p class=\"note\">" : "<p>");
			rnd_xml_escape(out, b->text);
			buf_adds(out, "</p>\n");
			break;
		case RPT_BULLETS:
			bullets(out, b);
			break;
		case RPT_KEYFIGS:
			key_figures(out, b, en);
			break;
		case RPT_TABLE:
			table(out, b, en);
			break;
		case RPT_LINKS:
			links(out, b);
			break;
		case RPT_CHART:
			figure(out, b, en);
			break;
		}
	}
	if (in_section)
		buf_adds(out, "</section>\n");
}

/* The page flavour: the blocks alone; the server adds the chrome. */
void rpt_page_html(buf *out, const rpt_doc *d)
{
	blocks(out, d);
}

void rpt_html(buf *out, const rpt_doc *d)
{
	int en = d->english;
	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta name=\"generator\" content=\"ladder\">\n<title>",
		   en ? "en" : "nl");
	rnd_xml_escape(out, d->subtitle);
	buf_adds(out, "</title>\n<style>\n");
	buf_adds(out, css);
	buf_adds(out, "</style>\n</head>\n<body>\n<header class=\"cover\">\n<p class=\"kicker\">");
	rnd_xml_escape(out, V(en, report_inventory_of_employment_and));
	buf_adds(out, "</p>\n<h1>");
	rnd_xml_escape(out, d->title);
	buf_adds(out, "</h1>\n<p class=\"subtitle\">");
	rnd_xml_escape(out, d->subtitle);
	buf_adds(out, "</p>\n<p class=\"edition\">");
	rnd_xml_escape(out, d->edition_line);
	buf_adds(out, "</p>\n");
	if (d->cover_big) {
		buf_adds(out, "<p class=\"headline\"><span class=\"big\">");
		rnd_xml_escape(out, d->cover_big);
		buf_adds(out, "</span> ");
		rnd_xml_escape(out, d->cover_sub);
		buf_adds(out, "</p>\n");
	}
	buf_adds(out, "</header>\n<main>\n");
	blocks(out, d);
	buf_adds(out, "</main>\n<footer>");
	rnd_xml_escape(out, d->subtitle);
	buf_adds(out, " · ");
	rnd_xml_escape(out, d->edition_line);
	buf_adds(out, " · ladder</footer>\n</body>\n</html>\n");
}
