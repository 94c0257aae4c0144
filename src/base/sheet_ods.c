/* sheet_ods.c - OpenDocument spreadsheets (.ods): content.xml streamed,
 * the selected table row by row. Repeated rows and cells (how LibreOffice
 * writes runs of equal or empty cells) are expanded only where they hold
 * values; trailing empty runs cost nothing. Hidden sheets are those whose
 * table style says table:display="false" (automatic styles come before the
 * body). See sheet.h. */
#define _POSIX_C_SOURCE 200809L
#include "sheet_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ods {
	const char *want;  /* the sheet asked for, NULL: the want_number-th */
	int want_number;
	char *style;       /* the table style being read */
	buf hidden_styles; /* "\1name\1name\1" */
	int in_table, skip, found, ended;
	int in_row;        /* inside a table-row: cells belong to it */
	long next_row;
	long row_rep;
	long col;          /* columns before the next cell */
	long cell_rep;
	int in_cell, in_p, ann, paras;
	char *type, *calc_type, *value, *formula;
	int span_cols, span_rows;
	buf cell;
	int encrypted;
} ods;

#define O(b) ((ods *)(b)->fmt)

/* Is the expanded attribute name "uri|local" (bar at its '|') the local
 * name in the namespace whose URI holds ns (":office:")? */
static int attr_is(const char *name, const char *bar, const char *ns, const char *local)
{
	if (strcmp(bar + 1, local) != 0)
		return 0;
	const char *at = strstr(name, ns);
	return at && at < bar;
}

/* An attribute by namespace prefix ("office", "table", "calcext") and
 * local name: LibreOffice writes office:value-type and calcext:value-type,
 * which differ for error cells. */
static const char *attr_ns(const XML_Char **atts, const char *prefix, const char *local)
{
	/* ":prefix:" built by hand: snprintf here, asked ten times a cell,
	 * was a tenth of reading a big .ods (cells now use cell_attributes) */
	char ns[40];
	size_t pl = strlen(prefix);
	if (pl + 3 > sizeof ns)
		return NULL;
	ns[0] = ':';
	memcpy(ns + 1, prefix, pl);
	ns[pl + 1] = ':';
	ns[pl + 2] = '\0';
	for (int i = 0; atts[i]; i += 2) {
		const char *bar = strrchr(atts[i], '|');
		if (bar && attr_is(atts[i], bar, ns, local))
			return atts[i + 1];
	}
	return NULL;
}

/* A repeat count: 1 when absent, at most 2^24 */
static long clamp_count(const char *v)
{
	long n = v ? strtol(v, NULL, 10) : 1;
	return n < 1 ? 1 : n > 1L << 24 ? 1L << 24 : n;
}

static long count_attr(const XML_Char **atts, const char *local)
{
	return clamp_count(attr_ns(atts, "table", local));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void clear_cell(ods *o)
{
	free(o->type);
	free(o->calc_type);
	free(o->value);
	free(o->formula);
	o->type = o->calc_type = o->value = o->formula = NULL;
	buf_reset(&o->cell);
}

static int style_hidden(ods *o, const char *name)
{
	if (!name || !o->hidden_styles.len)
		return 0;
	char key[300];
	snprintf(key, sizeof key, "\1%s\1", name);
	return strstr(o->hidden_styles.ptr, key) != NULL;
}

static void table_begin(sheet_book *b, const XML_Char **atts)
{
	ods *o = O(b);
	const char *name = attr_ns(atts, "table", "name");
	const char *style = attr_ns(atts, "table", "style-name");
	/* every table seen is listed: a sheet not found names those there are */
	b->sheets = xrealloc(b->sheets, sizeof *b->sheets * (size_t)(b->n_sheets + 1));
	b->sheets[b->n_sheets++] = (sheet_info){xstrdup(name ? name : "?"), NULL, style_hidden(o, style)};
	if (o->found || (o->want ? !name || strcmp(name, o->want) != 0 : b->n_sheets != o->want_number)) {
		o->skip = 1;
		if (!o->found && style_hidden(o, style) && name)
			buf_printf(&b->other_hidden, "%s%s", b->other_hidden.len ? ", " : "", name);
		return;
	}
	o->found = o->in_table = 1;
	b->cur_name = xstrdup(name ? name : "?");
	b->cur_hidden = style_hidden(o, style);
	o->next_row = 1;
	b->event = 1;
	XML_StopParser(b->xp, XML_TRUE); /* sheet_select waits for this */
}

static void row_begin(sheet_book *b, const XML_Char **atts)
{
	ods *o = O(b);
	o->row_rep = count_attr(atts, "number-rows-repeated");
	o->col = 0;
	o->in_row = 1;
	sheet_row_begin(b, o->next_row);
	const char *vis = attr_ns(atts, "table", "visibility");
	if (vis && strcmp(vis, "visible") != 0) {
		for (long i = 0; i < o->row_rep && i < SHEET_MAX_LISTED; i++)
			sheet_note_hidden_row(b, o->next_row + i);
		if (o->row_rep > SHEET_MAX_LISTED)
			b->total_hidden_rows += o->row_rep - SHEET_MAX_LISTED;
	}
}

static void columns(sheet_book *b, const XML_Char **atts)
{
	ods *o = O(b);
	long rep = count_attr(atts, "number-columns-repeated");
	const char *vis = attr_ns(atts, "table", "visibility");
	if (vis && strcmp(vis, "visible") != 0)
		for (long i = 0; i < rep && o->col + i < 16384; i++)
			sheet_note_hidden_col(b, (int)(o->col + i + 1));
	o->col += rep;
}

/* The attributes a cell is read by, found in one pass over its attributes
 * (a cell asked attr_ns for each of them: a fifth of reading a big .ods);
 * each the first of its namespace and local name, as attr_ns gives. */
enum { CA_REPEATED, CA_TYPE, CA_CALC_TYPE, CA_FORMULA, CA_VALUE, CA_DATE, CA_TIME, CA_BOOLEAN, CA_STRING,
       CA_SPAN_COLS, CA_SPAN_ROWS, CA_N };
static const struct {
	const char *ns, *local; /* ns as ":prefix:" */
} cell_atts[CA_N] = {
	{":table:", "number-columns-repeated"}, {":office:", "value-type"},     {":calcext:", "value-type"},
	{":table:", "formula"},                 {":office:", "value"},          {":office:", "date-value"},
	{":office:", "time-value"},             {":office:", "boolean-value"},  {":office:", "string-value"},
	{":table:", "number-columns-spanned"},  {":table:", "number-rows-spanned"},
};

static void cell_attributes(const XML_Char **atts, const char *got[CA_N])
{
	for (int k = 0; k < CA_N; k++)
		got[k] = NULL;
	for (int i = 0; atts[i]; i += 2) {
		const char *bar = strrchr(atts[i], '|');
		if (!bar)
			continue;
		for (int k = 0; k < CA_N; k++)
			if (!got[k] && attr_is(atts[i], bar, cell_atts[k].ns, cell_atts[k].local))
				got[k] = atts[i + 1];
	}
}

static void cell_begin(sheet_book *b, const XML_Char **atts)
{
	ods *o = O(b);
	clear_cell(o);
	o->in_cell = 1;
	o->paras = o->ann = o->in_p = 0;
	const char *a[CA_N];
	cell_attributes(atts, a);
	o->cell_rep = clamp_count(a[CA_REPEATED]);
	o->type = dup_or_null(a[CA_TYPE]);
	o->calc_type = dup_or_null(a[CA_CALC_TYPE]);
	o->formula = dup_or_null(a[CA_FORMULA]);
	const char *v = a[CA_VALUE];
	for (int k = CA_DATE; !v && k <= CA_STRING; k++)
		v = a[k];
	o->value = dup_or_null(v);
	o->span_cols = a[CA_SPAN_COLS] ? atoi(a[CA_SPAN_COLS]) : 1;
	o->span_rows = a[CA_SPAN_ROWS] ? atoi(a[CA_SPAN_ROWS]) : 1;
}

static void XMLCALL ods_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	sheet_book *b = ud;
	ods *o = O(b);
	const char *el = sheet_local(name);
	if (o->skip) {
		o->skip += strcmp(el, "table") == 0;
		return;
	}
	if (!o->in_table) {
		if (strcmp(el, "style") == 0) {
			free(o->style);
			o->style = dup_or_null(attr_ns(atts, "style", "name"));
		} else if (strcmp(el, "table-properties") == 0 && o->style) {
			const char *d = attr_ns(atts, "table", "display");
			if (d && strcmp(d, "false") == 0 && strlen(o->style) < 250)
				buf_printf(&o->hidden_styles, "%s%s\1", o->hidden_styles.len ? "" : "\1", o->style);
		} else if (strcmp(el, "table") == 0) {
			table_begin(b, atts);
		}
		return;
	}
	if (o->in_cell) {
		if (strcmp(el, "annotation") == 0) {
			o->ann++;
		} else if (o->ann) {
			return;
		} else if (strcmp(el, "p") == 0 || strcmp(el, "h") == 0) {
			if (o->paras++)
				buf_addc(&o->cell, '\n');
			o->in_p++;
		} else if (strcmp(el, "s") == 0 && o->in_p) {
			const char *c = attr_ns(atts, "text", "c");
			for (int n = c ? atoi(c) : 1; n > 0 && n <= 1000; n--)
				buf_addc(&o->cell, ' ');
		} else if (strcmp(el, "tab") == 0 && o->in_p) {
			buf_addc(&o->cell, '\t');
		} else if (strcmp(el, "line-break") == 0 && o->in_p) {
			buf_addc(&o->cell, '\n');
		}
		return;
	}
	if (strcmp(el, "table-row") == 0) {
		if (O(b)->in_row)
			sheet_xml_fail(b, 0, b->row_num, V(b->en, sheet_ods_row_in_row));
		else
			row_begin(b, atts);
	} else if (strcmp(el, "table-cell") == 0 || strcmp(el, "covered-table-cell") == 0) {
		if (!O(b)->in_row)
			sheet_xml_fail(b, 0, 0, V(b->en, sheet_ods_cell_outside_row));
		else
			cell_begin(b, atts);
	}
	else if (strcmp(el, "table-column") == 0)
		columns(b, atts);
	else if (strcmp(el, "table") == 0)
		sheet_xml_fail(b, 0, 0, V(b->en, sheet_ods_table_in_table));
}

/* "PT12H30M05S" -> "12:30:05" */
static void fmt_duration(char *out, size_t cap, const char *v)
{
	long h = 0, m = 0;
	double s = 0;
	if (sscanf(v, "PT%ldH%ldM%lfS", &h, &m, &s) == 3)
		snprintf(out, cap, "%02ld:%02ld:%02.0f", h, m, s);
	else
		snprintf(out, cap, "%s", v);
}

/* The cell's value as text; typed set for numbers. NULL after an error. */
static const char *cell_value(sheet_book *b, char *out, size_t cap, int *typed)
{
	ods *o = O(b);
	int col = (int)(o->col + 1 > SHEET_MAX_COLS ? SHEET_MAX_COLS : o->col + 1);
	*typed = 0;
	if (o->calc_type && strcmp(o->calc_type, "error") == 0) {
		sheet_xml_fail(b, col, b->row_num, V(b->en, sheet_error_value), buf_cstr(&o->cell));
		return NULL;
	}
	const char *t = o->type ? o->type : "";
	if (o->formula && !*t) {
		sheet_xml_fail(b, col, b->row_num,
			       V(b->en, sheet_ods_formula_no_value),
			       o->formula);
		return NULL;
	}
	if (strcmp(t, "float") == 0 || strcmp(t, "percentage") == 0 || strcmp(t, "currency") == 0) {
		*typed = 1;
		if (o->value && sheet_plain_integer(o->value))
			return o->value; /* most cells: as sheet_fmt_number would write it */
		char *end;
		double d = o->value ? strtod(o->value, &end) : 0;
		if (!o->value || *end || d != d) {
			sheet_xml_fail(b, col, b->row_num, V(b->en, sheet_number_cell),
				       o->value ? o->value : "");
			return NULL;
		}
		sheet_fmt_number(out, cap, d);
		*typed = 1;
		return out;
	}
	if (strcmp(t, "date") == 0 && o->value) {
		size_t n = strlen(o->value);
		snprintf(out, cap, "%.*s", n > 10 && strcmp(o->value + 10, "T00:00:00") == 0 ? 10 : (int)n, o->value);
		return out;
	}
	if (strcmp(t, "time") == 0 && o->value) {
		fmt_duration(out, cap, o->value);
		return out;
	}
	if (strcmp(t, "boolean") == 0 && o->value)
		return strcmp(o->value, "true") == 0 ? "TRUE" : "FALSE";
	if (strcmp(t, "string") == 0 && o->value)
		return o->value;
	return buf_cstr(&o->cell);
}

static void cell_end(sheet_book *b)
{
	ods *o = O(b);
	char out[64];
	int typed;
	o->in_cell = 0;
	const char *v = cell_value(b, out, sizeof out, &typed);
	if (!v)
		return;
	if (o->span_cols > 1 || o->span_rows > 1) {
		sheet_range m = {b->row_num, b->row_num + o->span_rows - 1, (int)(o->col + 1),
				 (int)(o->col + o->span_cols)};
		sheet_note_merge(b, m);
	}
	size_t n = strlen(v);
	for (long i = 0; n && i < o->cell_rep; i++)
		if (sheet_row_set(b, (int)(o->col + 1 + i > SHEET_MAX_COLS + 1 ? SHEET_MAX_COLS + 1 : o->col + 1 + i), v,
				  n, typed) < 0) {
			XML_StopParser(b->xp, XML_FALSE);
			return;
		}
	o->col += o->cell_rep;
}

static void row_end(sheet_book *b)
{
	ods *o = O(b);
	long rep = o->row_rep;
	o->next_row += rep;
	int rc = sheet_row_end(b);
	if (rc < 0) {
		XML_StopParser(b->xp, XML_FALSE);
		return;
	}
	if (rc == 0)
		return;
	if (b->rows + rep - 1 > SHEET_MAX_ROWS || b->cells + (long long)b->n_fields * (rep - 1) > SHEET_MAX_CELLS) {
		sheet_xml_fail(b, 0, 0, V(b->en, sheet_ods_row_repeated), b->row_num,
			       rep, SHEET_MAX_ROWS, (long long)SHEET_MAX_CELLS);
		return;
	}
	b->rows += rep - 1;
	b->cells += (long long)b->n_fields * (rep - 1);
	b->repeat = rep - 1;
	XML_StopParser(b->xp, XML_TRUE);
}

static void XMLCALL ods_end(void *ud, const XML_Char *name)
{
	sheet_book *b = ud;
	ods *o = O(b);
	const char *el = sheet_local(name);
	if (o->skip) {
		o->skip -= strcmp(el, "table") == 0;
		return;
	}
	if (!o->in_table)
		return;
	if (o->in_cell) {
		if (strcmp(el, "annotation") == 0)
			o->ann--;
		else if (!o->ann && (strcmp(el, "p") == 0 || strcmp(el, "h") == 0))
			o->in_p--;
		else if (strcmp(el, "table-cell") == 0 || strcmp(el, "covered-table-cell") == 0)
			cell_end(b);
		return;
	}
	if (strcmp(el, "table-row") == 0) {
		o->in_row = 0;
		row_end(b);
	} else if (strcmp(el, "table") == 0) {
		o->in_table = 0;
		o->ended = 1;
		b->event = 1;
		XML_StopParser(b->xp, XML_TRUE);
	}
}

static void XMLCALL ods_text(void *ud, const XML_Char *s, int len)
{
	sheet_book *b = ud;
	ods *o = O(b);
	if (o->skip || !o->in_cell || !o->in_p || o->ann)
		return;
	if (o->cell.len + (size_t)len > SHEET_MAX_CELL) {
		sheet_xml_fail(b, (int)(o->col + 1), b->row_num, V(b->en, sheet_cell_too_big), SHEET_MAX_CELL);
		return;
	}
	buf_add(&o->cell, s, (size_t)len);
}

static void XMLCALL manifest_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	sheet_book *b = ud;
	if (strcmp(sheet_local(name), "encryption-data") == 0)
		O(b)->encrypted = 1;
}

static int ods_open(sheet_book *b, lerr *err)
{
	b->fmt = xcalloc(1, sizeof(ods));
	if (!sheet_has_part(b, "content.xml")) {
		if (sheet_has_part(b, "xl/workbook.xml"))
			return lerr_set(err, LERR_PARSE, V(b->en, sheet_is_xlsx), b->file);
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_not_ods), b->file);
	}
	XML_Parser p = sheet_xml_new(b, 1);
	XML_SetStartElementHandler(p, manifest_start);
	int rc = sheet_parse_part(b, p, "META-INF/manifest.xml", 0, err);
	XML_ParserFree(p);
	b->xp = NULL;
	if (rc == 0 && O(b)->encrypted)
		rc = lerr_set(err, LERR_PARSE, V(b->en, sheet_encrypted),
			      b->file);
	return rc;
}

static int ods_select(sheet_book *b, const char *name, int number, lerr *err)
{
	ods *o = O(b);
	for (int i = 0; i < b->n_sheets; i++)
		free(b->sheets[i].name);
	b->n_sheets = 0; /* seen again while streaming */
	free(o->style);
	clear_cell(o);
	buf_release(&o->cell);
	buf_release(&o->hidden_styles);
	memset(o, 0, sizeof *o);
	o->want = name;
	o->want_number = number;
	XML_Parser p = sheet_xml_new(b, 1);
	XML_SetElementHandler(p, ods_start, ods_end);
	XML_SetCharacterDataHandler(p, ods_text);
	int rc = sheet_stream_open(b, "content.xml", err);
	if (rc == 0)
		rc = sheet_stream_row(b, err);
	o->want = NULL;
	if (rc < 0)
		return rc;
	if (!o->found)
		return b->n_sheets ? sheet_not_found(b, name, number, err)
				   : lerr_set(err, LERR_PARSE, V(b->en, sheet_no_sheets), b->file);
	return 0;
}

static int ods_next(sheet_book *b, lerr *err)
{
	if (O(b)->ended)
		return 0;
	int rc = sheet_stream_row(b, err);
	if (rc == 0 && !O(b)->ended)
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_ods_ends_inside), b->file,
				sheet_name(b));
	return rc;
}

static void ods_close(sheet_book *b)
{
	ods *o = O(b);
	if (!o)
		return;
	free(o->style);
	clear_cell(o);
	buf_release(&o->cell);
	buf_release(&o->hidden_styles);
	free(o);
	b->fmt = NULL;
}

const sheet_ops sheet_ods_ops = {"ods", ods_open, ods_select, ods_next, NULL, ods_close};
