/* sheet_xls.c - legacy Excel workbooks (.xls, BIFF 2-8) through libfreexl,
 * which reads the whole file (at most 65 536 rows by 256 columns) and gives
 * every cell's value, formulas' cached results included, and dates as ISO
 * text. libfreexl does not say which rows or columns are hidden, nor merged
 * ranges: an .xls reports none. See sheet.h. */
#define _POSIX_C_SOURCE 200809L
#include "sheet_internal.h"

#include <freexl.h>
#include <stdio.h>
#include <string.h>

typedef struct xls {
	const void *h;
	unsigned rows, next;
	unsigned short cols;
} xls;

#define L(b) ((xls *)(b)->fmt)

static const char *freexl_why(int rc, int en)
{
	switch (rc) {
	case FREEXL_FILE_NOT_FOUND:
		return V(en, sheet_xls_cannot_open);
	case FREEXL_INSUFFICIENT_MEMORY:
		return V(en, sheet_xls_out_of_memory);
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return V(en, sheet_xls_no_workbook);
	case FREEXL_INVALID_CFBF_HEADER:
	case FREEXL_CFBF_INVALID_SIGNATURE:
		return V(en, sheet_xls_not_excel);
	default:
		return V(en, sheet_xls_damaged);
	}
}

static int xls_open(sheet_book *b, lerr *err)
{
	b->fmt = xcalloc(1, sizeof(xls));
	xls *x = L(b);
	int rc = freexl_open(b->path, &x->h);
	if (rc != FREEXL_OK) {
		x->h = NULL;
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_xls_freexl), b->file, freexl_why(rc, b->en), rc);
	}
	unsigned info = 0;
	if (freexl_get_info(x->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_encrypted),
				b->file);
	if (freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK || info == 0)
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_no_sheets), b->file);
	unsigned mode = 0;
	if (freexl_get_info(x->h, FREEXL_BIFF_DATEMODE, &mode) == FREEXL_OK)
		b->date1904 = mode == FREEXL_BIFF_DATEMODE_1904;
	b->sheets = xcalloc(info, sizeof *b->sheets);
	for (unsigned i = 0; i < info && i < 65535; i++) {
		const char *name = NULL;
		freexl_get_worksheet_name(x->h, (unsigned short)i, &name);
		b->sheets[b->n_sheets++].name = xstrdup(name ? name : "?");
	}
	return 0;
}

static int xls_select(sheet_book *b, const char *name, int number, lerr *err)
{
	xls *x = L(b);
	int at = sheet_find(b, name, number, err);
	if (at < 0)
		return at;
	b->cur_name = xstrdup(b->sheets[at].name);
	if (freexl_select_active_worksheet(x->h, (unsigned short)at) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->h, &x->rows, &x->cols) != FREEXL_OK)
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_xls_sheet_unreadable), b->file, b->cur_name);
	x->next = 0;
	return 0;
}

/* One cell into the row; 0, or <0 after sheet_fail. */
static int xls_cell(sheet_book *b, unsigned r, unsigned short c)
{
	FreeXL_CellValue v;
	if (freexl_get_cell_value(L(b)->h, r, c, &v) != FREEXL_OK)
		return sheet_fail(b, c + 1, r + 1, V(b->en, sheet_xls_cell_unreadable));
	char out[64];
	const char *s = out;
	int typed = 0;
	switch (v.type) {
	case FREEXL_CELL_INT:
		snprintf(out, sizeof out, "%d", v.value.int_value);
		typed = 1;
		break;
	case FREEXL_CELL_DOUBLE:
		sheet_fmt_number(out, sizeof out, v.value.double_value);
		typed = 1;
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_TIME:
		s = v.value.text_value ? v.value.text_value : "";
		break;
	case FREEXL_CELL_DATETIME: /* "2024-01-31 12:30:00" -> ISO with T */
		snprintf(out, sizeof out, "%s", v.value.text_value ? v.value.text_value : "");
		if (strlen(out) > 10 && out[10] == ' ')
			out[10] = 'T';
		if (strcmp(out + 10, "T00:00:00") == 0)
			out[10] = '\0';
		break;
	default:
		return 0;
	}
	return sheet_row_set(b, c + 1, s, strlen(s), typed);
}

static int xls_next(sheet_book *b, lerr *err)
{
	xls *x = L(b);
	while (x->next < x->rows) {
		unsigned r = x->next++;
		sheet_row_begin(b, (long)r + 1);
		for (unsigned short c = 0; c < x->cols; c++)
			if (xls_cell(b, r, c) < 0) {
				*err = b->err;
				return LERR_PARSE;
			}
		if (sheet_row_end(b) > 0)
			return 1;
	}
	return 0;
}

static void xls_close(sheet_book *b)
{
	xls *x = L(b);
	if (!x)
		return;
	if (x->h)
		freexl_close(x->h);
	free(x);
	b->fmt = NULL;
}

const sheet_ops sheet_xls_ops = {"xls", xls_open, xls_select, xls_next, NULL, xls_close};
