/* export_survey.c - a provider's survey spreadsheet (libxlsxwriter): the
 * form as rows to fill in, read back by `ladder survey import`. The header
 * row holds the column keys (not words), so the same file reads back in
 * either language; the sheet is protected except for the answer cells. */
#include "export.h"
#include "../base/vocab.h"
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

enum { C_PROVIDER, C_SITE, C_FORM, C_SITE_NAME, C_MUNI, C_FORM_NAME, C_LAST, C_PERSONS, C_REF, C_COMMENT, N_C };
static const char *const keys[N_C] = {"provider", "site", "work_form", "site_name", "municipality", "work_form_name",
				      "last_year", "persons", "persons_ref", "comment"};
static const double widths[N_C] = {16, 12, 24, 28, 18, 44, 11, 11, 12, 40};

typedef struct fmts {
	lxw_format *head, *input, *muted, *title, *wrap;
} fmts;

static void field_row(lxw_worksheet *ws, const fmts *x, const exp_survey_form *f, const exp_survey_field *d, lxw_row_t r)
{
	char name[512];
	snprintf(name, sizeof name, "%s%s", d->site_name, d->site_open ? "" : V(f->english, survey_sheet_closed_suffix));
	const char *text[] = {f->provider, d->site, d->form, name, d->area_name, d->form_name};
	for (int c = 0; c < 6; c++)
		worksheet_write_string(ws, r, (lxw_col_t)c, text[c], d->site_open ? NULL : x->muted);
	if (d->has_last)
		worksheet_write_number(ws, r, C_LAST, (double)d->last, NULL);
	if (d->site_open) {
		if (d->has_year)
			worksheet_write_number(ws, r, C_PERSONS, (double)d->persons_year, x->input);
		else
			worksheet_write_blank(ws, r, C_PERSONS, x->input);
		if (d->has_ref)
			worksheet_write_number(ws, r, C_REF, (double)d->persons_ref, x->input);
		else
			worksheet_write_blank(ws, r, C_REF, x->input);
	}
	worksheet_write_string(ws, r, C_COMMENT, d->comment ? d->comment : "", x->input);
}

static void explanation(lxw_workbook *wb, const fmts *x, const exp_survey_form *f)
{
	int en = f->english;
	lxw_worksheet *ws = workbook_add_worksheet(wb, V(en, survey_sheet_help_name));
	worksheet_set_column(ws, 0, 0, 100, x->wrap);
	char line[512];
	snprintf(line, sizeof line, V(en, survey_sheet_title), f->provider_name, f->year);
	worksheet_write_string(ws, 0, 0, line, x->title);
	if (*f->closes)
		snprintf(line, sizeof line, V(en, survey_sheet_closes), f->closes);
	else
		snprintf(line, sizeof line, "%s", V(en, survey_sheet_no_close));
	worksheet_write_string(ws, 2, 0, line, NULL);
	const char *lines[] = {V(en, survey_sheet_help_persons), V(en, survey_sheet_help_ref), V(en, survey_sheet_help_whole),
			       V(en, survey_sheet_help_comment), V(en, survey_sheet_help_closed), V(en, survey_sheet_help_return)};
	for (int i = 0; i < 6; i++)
		worksheet_write_string(ws, (lxw_row_t)(4 + i), 0, lines[i], NULL);
}

int exp_survey_template(const char *path, const exp_survey_form *f, lerr *err)
{
	lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb)
		return lerr_set(err, LERR_IO, "%s: cannot create the workbook", path);
	/* same form, same bytes: no clock in the file */
	lxw_doc_properties props = {0};
	props.title = V(f->english, survey_sheet_help_name);
	props.author = "ladder";
	props.created = 946684800; /* 2000-01-01 */
	workbook_set_properties(wb, &props);
	fmts x;
	x.head = workbook_add_format(wb);
	format_set_bold(x.head);
	format_set_bottom(x.head, LXW_BORDER_THIN);
	format_set_bg_color(x.head, 0xFDF3E4);
	x.input = workbook_add_format(wb);
	format_set_unlocked(x.input);
	format_set_bg_color(x.input, 0xFFF9C4);
	format_set_border(x.input, LXW_BORDER_THIN);
	x.muted = workbook_add_format(wb);
	format_set_font_color(x.muted, 0x595959);
	x.title = workbook_add_format(wb);
	format_set_bold(x.title);
	format_set_font_size(x.title, 14);
	x.wrap = workbook_add_format(wb);
	format_set_text_wrap(x.wrap);

	lxw_worksheet *ws = workbook_add_worksheet(wb, V(f->english, survey_sheet_name));
	for (int c = 0; c < N_C; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, keys[c], x.head);
	}
	worksheet_freeze_panes(ws, 1, 3);
	for (int i = 0; i < f->n; i++)
		field_row(ws, &x, f, &f->fields[i], (lxw_row_t)(i + 1));
	/* whole numbers from 0 in the answer cells, said before they are typed */
	if (f->n > 0) {
		lxw_data_validation dv = {0};
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
		dv.value_number = 0;
		dv.error_message = (char *)V(f->english, survey_problem_not_whole);
		worksheet_data_validation_range(ws, 1, C_PERSONS, (lxw_row_t)f->n, C_REF, &dv);
	}
	lxw_protection prot = {0};
	prot.format_columns = 1;
	prot.format_rows = 1;
	worksheet_protect(ws, NULL, &prot);
	explanation(wb, &x, f);
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR)
		return lerr_set(err, LERR_IO, "%s: cannot write the workbook: %s", path, lxw_strerror(rc));
	return 0;
}
