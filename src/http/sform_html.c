/* sform_html.c - the survey's pages: the form, the receipt, the printable
 * copy and the messages. No script: everything works as plain HTML forms;
 * labels, fieldsets per site, an error summary whose items link to their
 * fields. See sform.h. */
#include "sform_internal.h"
#include "../base/num.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <string.h>

const char *sform_time(arena *a, const char *iso)
{
	if (!iso || strlen(iso) < 16 || iso[10] != 'T')
		return iso ? iso : "";
	return arena_printf(a, "%.10s %.5s UTC", iso, iso + 11);
}

static void count(buf *b, long long v, int en)
{
	num_fmt_decimal(b, (double)v, 0, en);
}

/* The head, and a header with the other language's link to the same page. */
static void begin(buf *b, int en, const char *title, const char *path)
{
	buf_printf(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		      "<meta name=\"robots\" content=\"noindex\"><title>",
		   en ? "en" : "nl");
	http_html(b, title);
	buf_adds(b, "</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/style.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/survey.css\"></head><body class=\"survey\">\n");
	buf_printf(b, "<a class=\"skip\" href=\"#main\">%s</a>\n<header><span class=\"brand\">ladder</span>", V(en, page_skip_to_content));
	if (path) {
		buf_adds(b, "<a class=\"noprint\" href=\"");
		http_html(b, path);
		buf_printf(b, "%s\" lang=\"%s\">%s</a>", en ? "" : "?lang=en", en ? "nl" : "en", V(en, sform_other_language));
	}
	buf_adds(b, "</header>\n<main id=\"main\">\n");
}

static void end(buf *b)
{
	buf_adds(b, "</main></body></html>\n");
}

void sform_html_message(buf *b, int en, int status, const char *msg)
{
	char title[16];
	snprintf(title, sizeof title, "%d", status);
	begin(b, en, title, NULL);
	buf_printf(b, "<h1>%d</h1>\n<p>", status);
	http_html(b, msg);
	buf_adds(b, "</p>\n");
	end(b);
}

static const char *page_path(const sform_page *p, const char *tail)
{
	return arena_printf(p->a, "/survey/%s%s", p->token, tail);
}

static const char *lang_q(const sform_page *p)
{
	return p->en ? "?lang=en" : "";
}

/* The page's head and its h1, both the survey's title; path: the page's own
 * path after the token ("" or "/copy"). */
static void page_top(buf *b, const sform_page *p, const char *path)
{
	buf t = BUF_INIT;
	buf_printf(&t, V(p->en, sform_title), p->inv.year, p->inv.provider_name);
	begin(b, p->en, t.ptr, page_path(p, path));
	buf_adds(b, "<h1>");
	http_html(b, t.ptr);
	buf_adds(b, "</h1>\n");
	buf_release(&t);
}

/* What the provider sent so far, above the form. */
static void status_line(buf *b, const sform_page *p)
{
	if (!p->inv.version)
		return;
	buf_adds(b, "<p class=\"status\">");
	if (!strcmp(p->inv.kind, "final"))
		buf_printf(b, V(p->en, sform_status_final), p->inv.version);
	else
		buf_printf(b, V(p->en, sform_status_draft), p->inv.version);
	buf_adds(b, "</p>\n");
}

static void error_summary(buf *b, const sform_page *p)
{
	if (!p->n_errors)
		return;
	buf_adds(b, "<div class=\"errors\" id=\"errors\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"errors-title\">"
		    "<h2 id=\"errors-title\">");
	if (p->n_errors == 1)
		buf_adds(b, V(p->en, sform_errors_title_one));
	else
		buf_printf(b, V(p->en, sform_errors_title), p->n_errors);
	buf_adds(b, "</h2><ul>\n");
	for (int i = 0; i < p->n_errors; i++) {
		const sform_err *e = &p->errors[i];
		if (e->row >= 0)
			buf_printf(b, "<li><a href=\"#%c%d\">", e->target, e->row);
		else
			buf_adds(b, "<li>");
		http_html(b, e->msg);
		buf_adds(b, e->row >= 0 ? "</a></li>\n" : "</li>\n");
	}
	buf_adds(b, "</ul></div>\n");
}

/* One site and work form: the label, last year, the number, the comment. */
/* The value attribute of a number field: what was posted, else what is
 * stored. */
static void value_attr(buf *b, int edited, const char *posted, int has, long long v)
{
	buf_adds(b, " value=\"");
	if (edited) {
		if (posted)
			http_html(b, posted);
	} else if (has) {
		buf_printf(b, "%lld", v);
	}
	buf_adds(b, "\"");
}

/* A field's error attributes when the row's problem is in it. */
static void invalid_attrs(buf *b, const sform_row *r, int i, char which)
{
	if (r->error && r->error_at == which)
		buf_printf(b, " aria-invalid=\"true\" aria-describedby=\"e%d\"", i);
}

/* One site and work form: the label, last year, the number, the persons on
 * the reference date (optional, a text field: the number field is the one
 * of the contract), the comment. */
static void field(buf *b, const sform_page *p, int i)
{
	const sform_row *r = &p->rows[i];
	int en = p->en;
	buf_printf(b, "<div class=\"field%s\">", r->error ? " invalid" : "");
	buf_printf(b, "<label for=\"f%d\">", i);
	http_html(b, r->form_name);
	buf_printf(b, " <span class=\"unit\">%s</span></label>", V(en, sform_persons_during));
	buf_printf(b, "<span class=\"last\" id=\"l%d\">", i);
	if (r->has_last) {
		buf_printf(b, "%s ", V(en, sform_last_year));
		count(b, r->last, en);
	} else {
		buf_adds(b, V(en, sform_last_year_none));
	}
	buf_adds(b, "</span>");
	if (r->error) {
		buf_printf(b, "<span class=\"error\" id=\"e%d\">", i);
		http_html(b, r->error);
		buf_adds(b, "</span>");
	}
	const char *closed = r->site_open ? "" : " disabled";
	buf_printf(b, "<input type=\"number\" id=\"f%d\" name=\"", i);
	http_html(b, r->field);
	buf_adds(b, "\" min=\"0\" step=\"1\" inputmode=\"numeric\"");
	value_attr(b, r->edited, r->posted, r->has_value, r->value);
	if (r->error && r->error_at == 'f')
		buf_printf(b, " aria-invalid=\"true\" aria-describedby=\"l%d e%d\"%s>", i, i, closed);
	else
		buf_printf(b, " aria-describedby=\"l%d\"%s>", i, closed);
	buf_printf(b, "<label class=\"ref\" for=\"r%d\">", i);
	buf_printf(b, V(en, sform_reference_label), p->inv.year);
	buf_printf(b, "</label><input type=\"text\" class=\"ref\" id=\"r%d\" name=\"", i);
	http_html(b, r->ref_field);
	buf_adds(b, "\" inputmode=\"numeric\" autocomplete=\"off\"");
	value_attr(b, r->edited, r->posted_ref, r->has_ref, r->ref);
	invalid_attrs(b, r, i, 'r');
	buf_printf(b, "%s><label class=\"comment\" for=\"c%d\">%s</label><textarea id=\"c%d\" name=\"", closed, i,
		   V(en, sform_comment_label), i);
	http_html(b, r->comment_field);
	buf_adds(b, "\" rows=\"2\"");
	invalid_attrs(b, r, i, 'c');
	buf_adds(b, ">");
	http_html(b, r->comment);
	buf_adds(b, "</textarea></div>\n");
}

void sform_html_form(buf *b, const sform_page *p)
{
	int en = p->en;
	page_top(b, p, "");
	buf_adds(b, "<p class=\"intro\">");
	buf_printf(b, V(en, sform_intro), p->inv.year);
	if (p->inv.closes[0]) {
		buf_adds(b, " ");
		buf_printf(b, V(en, sform_closes), p->inv.closes);
	}
	buf_adds(b, "</p>\n");
	if (p->notice) {
		if (p->saved.version)
			buf_printf(b, "<p class=\"notice\" role=\"status\" data-version=\"%d\">", p->saved.version);
		else
			buf_adds(b, "<p class=\"notice\" role=\"status\">");
		http_html(b, p->notice);
		if (p->saved.newer) {
			buf_adds(b, " ");
			buf_printf(b, V(en, sform_newer), p->saved.version);
		}
		buf_adds(b, "</p>\n");
	}
	if (!p->notice)
		status_line(b, p);
	error_summary(b, p);
	buf_adds(b, "<form method=\"post\" action=\"");
	http_html(b, page_path(p, lang_q(p)));
	buf_adds(b, "\" novalidate>\n<input type=\"hidden\" name=\"csrf\" value=\"");
	buf_adds(b, p->csrf);
	/* the version the values stand on: after a refused POST, the one the
	 * provider's form was opened on, so that a version saved meanwhile is
	 * still noticed */
	buf_printf(b, "\"><input type=\"hidden\" name=\"based_on\" value=\"%d\">\n", p->based_on);
	for (int i = 0; i < p->n; i++) {
		const sform_row *r = &p->rows[i];
		if (i == 0 || strcmp(r->site_code, p->rows[i - 1].site_code) != 0) {
			buf_adds(b, "<fieldset><legend>");
			http_html(b, r->site_name);
			if (r->area_name[0]) {
				buf_adds(b, " <span class=\"area\">(");
				http_html(b, r->area_name);
				buf_adds(b, ")</span>");
			}
			buf_adds(b, "</legend>\n");
			if (!r->site_open) {
				buf_adds(b, "<p class=\"closed\">");
				buf_printf(b, V(en, sform_site_closed), r->site_to[0] ? r->site_to : "-");
				buf_adds(b, "</p>\n");
			}
		}
		field(b, p, i);
		if (i + 1 == p->n || strcmp(r->site_code, p->rows[i + 1].site_code) != 0)
			buf_adds(b, "</fieldset>\n");
	}
	buf_printf(b, "<p class=\"buttons\"><button type=\"submit\" name=\"submit\" value=\"draft\" class=\"secondary\">%s</button> "
		      "<button type=\"submit\" name=\"submit\" value=\"final\">%s</button></p>\n</form>\n",
		   V(en, sform_save_draft), V(en, sform_send));
	if (p->inv.version) {
		buf_adds(b, "<p class=\"noprint\"><a href=\"");
		http_html(b, page_path(p, arena_printf(p->a, "/copy%s", lang_q(p))));
		buf_printf(b, "\">%s</a></p>\n", V(en, sform_copy_link));
	}
	end(b);
}

static long long total(const sform_page *p)
{
	long long sum = 0;
	for (int i = 0; i < p->n; i++)
		if (p->rows[i].has_value)
			sum += p->rows[i].value;
	return sum;
}

void sform_html_receipt(buf *b, const sform_page *p)
{
	int en = p->en;
	begin(b, en, V(en, sform_receipt_title), page_path(p, ""));
	/* data-version: the version acknowledged, for scripts (t7420) */
	buf_printf(b, "<h1>%s</h1>\n<p class=\"receipt\" role=\"status\" data-version=\"%d\">", V(en, sform_receipt_title),
		   p->saved.version);
	buf_printf(b, V(en, sform_receipt_text), p->inv.year, p->saved.version, sform_time(p->a, p->saved.submitted_at));
	buf_adds(b, "</p>\n");
	if (p->saved.newer) {
		buf_adds(b, "<p class=\"notice\">");
		buf_printf(b, V(en, sform_newer), p->saved.version);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<p>");
	buf b2 = BUF_INIT;
	count(&b2, total(p), en);
	buf_printf(b, V(en, sform_receipt_total), b2.ptr);
	buf_release(&b2);
	buf_adds(b, "</p>\n<ul class=\"noprint\"><li><a href=\"");
	http_html(b, page_path(p, arena_printf(p->a, "/copy%s", lang_q(p))));
	buf_printf(b, "\">%s</a></li><li><a href=\"", V(en, sform_copy_link));
	http_html(b, page_path(p, lang_q(p)));
	buf_printf(b, "\">%s</a></li></ul>\n", V(en, sform_correct_link));
	end(b);
}

void sform_html_copy(buf *b, const sform_page *p)
{
	int en = p->en;
	page_top(b, p, "/copy");
	if (!p->inv.version) {
		buf_printf(b, "<p>%s</p>\n", V(en, sform_copy_none));
		end(b);
		return;
	}
	buf_adds(b, "<p>");
	buf_printf(b, V(en, sform_copy_meta), p->inv.version,
		   !strcmp(p->inv.kind, "final") ? V(en, sform_kind_final) : V(en, sform_kind_draft));
	buf_printf(b, "</p>\n<p class=\"noprint\">%s</p>\n", V(en, sform_print_hint));
	buf_printf(b, "<table class=\"copy\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s</th>"
		      "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
		   V(en, sform_col_site), V(en, sform_col_form), V(en, sform_col_last), V(en, sform_col_persons),
		   V(en, sform_col_reference), V(en, sform_col_comment));
	for (int i = 0; i < p->n; i++) {
		const sform_row *r = &p->rows[i];
		buf_adds(b, "<tr><td>");
		http_html(b, r->site_name);
		buf_adds(b, "</td><td>");
		http_html(b, r->form_name);
		buf_adds(b, "</td><td class=\"n\">");
		if (r->has_last)
			count(b, r->last, en);
		buf_adds(b, "</td><td class=\"n\">");
		if (r->has_value)
			count(b, r->value, en);
		buf_adds(b, "</td><td class=\"n\">");
		if (r->has_ref)
			count(b, r->ref, en);
		buf_adds(b, "</td><td>");
		http_html(b, r->comment);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">");
	buf_adds(b, V(en, sform_col_total));
	buf_adds(b, "</th><td class=\"n\">");
	count(b, total(p), en);
	buf_adds(b, "</td><td></td><td></td></tr></tfoot></table>\n");
	end(b);
}
