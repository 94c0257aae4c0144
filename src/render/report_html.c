/* report_html.c - the HTML backend of the report: one self-contained file
 * (inline CSS and SVG, no scripts, no network) with a print style sheet. */
#include "report.h"
#include "../base/vocab.h"

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
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.7rem;margin:1rem 0 1.2rem}\n"
	".card{background:var(--warm);border-radius:8px;padding:.8rem .9rem}\n"
	".card .big{display:block;font-size:1.7rem;font-weight:bold;color:var(--accent);white-space:nowrap}\n"
	".card .what{display:block;font-size:.85rem;line-height:1.35;margin-top:.25rem}\n"
	"ul{padding-left:1.3rem}li{margin:.25rem 0}\n"
	"figure{margin:1.2rem 0 1.6rem}\n"
	"figure.chart svg{display:block;width:100%;max-width:720px;height:auto}\n"
	"figcaption{font-weight:bold;font-size:.95rem;margin-bottom:.4rem}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;font-size:.85rem}\n"
	"th,td{padding:.28rem .5rem;vertical-align:top}\n"
	"thead th{text-align:left;border-bottom:2px solid var(--ink);font-weight:bold}\n"
	"td{border-bottom:1px solid #e6e0d8}\n"
	"th.num,td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"tbody tr:nth-child(even){background:#fbf8f3}\n"
	"footer{margin-top:3rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule);padding-top:.6rem}\n"
	"@page{size:A4;margin:18mm 16mm 20mm;@bottom-center{content:counter(page);font-family:'DejaVu Sans',Verdana,sans-serif;font-size:8pt;color:#595959}}\n"
	"@page:first{@bottom-center{content:none}}\n"
	"@media print{\n"
	" body{max-width:none;padding:0;font-size:9.5pt;line-height:1.4}\n"
	" .cover{min-height:235mm;padding-top:30mm;break-after:page}\n"
	" nav.toc{background:none;padding:0;break-after:page}\n"
	" nav.toc a{color:inherit;text-decoration:none}\n"
	" h2{break-before:page;margin-top:0}\n"
	" h2,h3,figcaption{break-after:avoid}\n"
	" figure,.card,tr{break-inside:avoid}\n"
	" figure.chart svg{max-width:100%}\n"
	" a{color:inherit;text-decoration:none}\n"
	" .card{border:1px solid var(--rule)}\n"
	" footer{display:none}\n"
	"}\n";

static void table(buf *out, const rnd_table *t, const char *caption, int en)
{
	buf_adds(out, "<figure class=\"table\">");
	if (caption) {
		buf_adds(out, "<figcaption>");
		rnd_xml_escape(out, caption);
		buf_adds(out, "</figcaption>");
	}
	buf_adds(out, "<div class=\"scroll\"><table>\n<thead><tr>");
	int *num = xcalloc((size_t)t->n_cols, sizeof *num);
	for (int c = 0; c < t->n_cols; c++) {
		num[c] = rnd_column_numeric(t, c);
		buf_adds(out, num[c] ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
		rnd_xml_escape(out, en ? t->cols[c].label_en : t->cols[c].label_nl);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr></thead>\n<tbody>\n");
	buf cellb = BUF_INIT;
	for (int r = 0; r < t->n_rows; r++) {
		buf_adds(out, "<tr>");
		for (int c = 0; c < t->n_cols; c++) {
			const rnd_cell *x = &t->cells[(size_t)r * (size_t)t->n_cols + (size_t)c];
			buf_reset(&cellb);
			rnd_cell_text(&cellb, x, en);
			buf_adds(out, num[c] ? "<td class=\"num\">" : "<td>");
			rnd_xml_escape(out, buf_cstr(&cellb));
			buf_adds(out, "</td>");
		}
		buf_adds(out, "</tr>\n");
	}
	buf_release(&cellb);
	free(num);
	buf_adds(out, "</tbody></table></div></figure>\n");
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
	int in_section = 0;
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
			buf_adds(out, "<ul>\n");
			for (int k = 0; k < b->n_items; k++) {
				buf_adds(out, "<li>");
				rnd_xml_escape(out, b->items[k]);
				buf_adds(out, "</li>\n");
			}
			buf_adds(out, "</ul>\n");
			break;
		case RPT_KEYFIGS:
			buf_adds(out, "<div class=\"cards\">\n");
			for (int k = 0; k < b->n_items; k++) {
				buf_adds(out, "<div class=\"card\"><span class=\"big\">");
				rnd_xml_escape(out, b->items[k]);
				buf_adds(out, "</span><span class=\"what\">");
				rnd_xml_escape(out, b->subs[k] ? b->subs[k] : "");
				buf_adds(out, "</span></div>\n");
			}
			buf_adds(out, "</div>\n");
			break;
		case RPT_TABLE:
			table(out, b->table, b->caption, en);
			break;
		case RPT_LINKS:
			buf_adds(out, "<p>");
			for (int k = 0; k < b->n_items; k++) {
				buf_adds(out, k ? " · <a href=\"" : "<a href=\"");
				rnd_xml_escape(out, b->subs[k]);
				buf_adds(out, "\">");
				rnd_xml_escape(out, b->items[k]);
				buf_adds(out, "</a>");
			}
			buf_adds(out, "</p>\n");
			break;
		case RPT_CHART:
			buf_adds(out, "<figure class=\"chart\">\n");
			chart_svg(out, b->ch, 0);
			buf_adds(out, "</figure>\n");
			break;
		}
	}
	if (in_section)
		buf_adds(out, "</section>\n");
	buf_adds(out, "</main>\n<footer>");
	rnd_xml_escape(out, d->subtitle);
	buf_adds(out, " · ");
	rnd_xml_escape(out, d->edition_line);
	buf_adds(out, " · ladder</footer>\n</body>\n</html>\n");
}
