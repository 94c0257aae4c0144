/* report_index.c - index.html of a publication (ladder publish): what was
 * written, one self-contained page (no network, no script) that links each
 * area's report (HTML, PDF), the Excel annex and the open data, so that
 * the directory can be put on a web server or a share as it is. */
#include "report.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void link(buf *out, const char *href, const char *text)
{
	buf_adds(out, "<a href=\"");
	rnd_xml_escape(out, href);
	buf_adds(out, "\">");
	rnd_xml_escape(out, text);
	buf_adds(out, "</a>");
}

void rpt_publish_index(buf *out, const model *m, const int *areas, int n, int year, int year_from, int en)
{
	char *title = xasprintf(V(en, index_title), year);
	buf_printf(out, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
		   en ? "en" : "nl");
	rnd_xml_escape(out, title);
	buf_adds(out, "</title><style>body{font:15px/1.5 'DejaVu Sans',sans-serif;color:#222;max-width:60rem;margin:2rem auto;"
		      "padding:0 1rem}h1,h2{color:#993404}table{border-collapse:collapse;width:100%}th,td{text-align:left;"
		      "padding:.25rem .5rem;border-bottom:1px solid #e6e0d8}a{color:#1d4f73}</style></head><body><main>\n<h1>");
	rnd_xml_escape(out, title);
	buf_adds(out, "</h1>\n<p>");
	if (year_from && year_from < year)
		buf_printf(out, V(en, index_intro_range), n, year, year_from, year);
	else
		buf_printf(out, V(en, index_intro), n, year);
	buf_printf(out, "</p>\n<h2>%s</h2>\n<ul>\n<li>", V(en, index_annex_and_open_data));
	static const struct { const char *file; int what; } files[] = {
		{"annex.xlsx", 0}, {"data.csv", 1}, {"data.csv-metadata.json", 2}, {"data.json", 3}, {"data.jsonstat.json", 4},
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		const char *what = files[i].what == 0 ? V(en, index_annex)
				 : files[i].what == 1 ? V(en, index_data_csv)
				 : files[i].what == 2 ? V(en, index_data_csv_metadata)
				 : files[i].what == 3 ? V(en, index_data_json)
						      : V(en, index_data_jsonstat);
		if (i)
			buf_adds(out, "</li>\n<li>");
		link(out, files[i].file, files[i].file);
		buf_adds(out, ": ");
		rnd_xml_escape(out, what);
	}
	buf_printf(out, "</li>\n</ul>\n<h2>%s</h2>\n", V(en, index_reports));
	buf_printf(out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			"<th scope=\"col\">%s</th></tr></thead><tbody>\n",
		   V(en, annex_area), V(en, annex_level), V(en, annex_code), V(en, index_report));
	/* in the order of the hierarchy levels, then by code */
	static const enum model_level order[] = {LEVEL_REGION, LEVEL_PROVINCE, LEVEL_ARRONDISSEMENT, LEVEL_GROUPING,
						 LEVEL_MUNICIPALITY};
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
		for (int i = 0; i < n; i++) {
			const model_area *a = &m->areas[areas[i]];
			if (a->level != order[k])
				continue;
			buf_adds(out, "<tr><th scope=\"row\">");
			rnd_xml_escape(out, model_area_name(a, en));
			buf_printf(out, "</th><td>%s</td><td>", model_level_name(a->level, en));
			rnd_xml_escape(out, a->code);
			buf_adds(out, "</td><td>");
			char *html = xasprintf("%s.html", a->code), *pdf = xasprintf("%s.pdf", a->code);
			link(out, html, "HTML");
			buf_adds(out, " &middot; ");
			link(out, pdf, "PDF");
			free(html);
			free(pdf);
			buf_adds(out, "</td></tr>\n");
		}
	buf_adds(out, "</tbody></table>\n</main></body></html>\n");
	free(title);
}
