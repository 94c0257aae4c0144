/* sheet_xlsx.c - Office Open XML workbooks (.xlsx, .xlsm): the workbook,
 * its relationships, the cell styles (which numbers are dates), the shared
 * strings, and each worksheet streamed row by row. Element and attribute
 * names are matched by local name, so transitional and strict files read
 * alike. See sheet.h. */
#define _POSIX_C_SOURCE 200809L
#include "sheet_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct xlsx {
	/* workbook parsing */
	char **rel_id, **rel_target;
	int *rel_sheet; /* 1 worksheet, 2 chart sheet, 0 other */
	int n_rels;
	char *sst_part, *styles_part;
	/* styles */
	int in_numfmts, in_cellxfs;
	int *fmt_id;     /* custom formats: id and kind */
	unsigned char *fmt_kind;
	int n_fmt;
	/* shared strings */
	int in_si, in_t, rph;
	buf si;
	/* the sheet */
	int col;          /* last column of this row */
	int c_col, c_style, c_f, c_v, in_v, in_f, in_is;
	char c_type[12];
	buf cell, formula;
	sheet_scan scan;  /* the rows without expat (sheet_scan.c) */
} xlsx;

#define X(b) ((xlsx *)(b)->fmt)

static int is_true(const char *v)
{
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
}

/* Office Open XML escapes characters XML cannot hold as _xHHHH_ (a
 * literal "_x" as _x005F_x): decoded in place, as UTF-8. */
static void unescape(buf *b)
{
	if (!b->len || !strstr(b->ptr, "_x"))
		return;
	size_t o = 0;
	for (size_t i = 0; i < b->len;) {
		unsigned cp;
		int n = 0;
		if (b->ptr[i] == '_' && i + 7 <= b->len && b->ptr[i + 1] == 'x' && b->ptr[i + 6] == '_' &&
		    sscanf(b->ptr + i + 2, "%4x%n", &cp, &n) == 1 && n == 4) {
			char u[4];
			int k = cp < 0x80 ? (u[0] = (char)cp, 1)
			      : cp < 0x800 ? (u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), 2)
					   : (u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F)),
					      u[2] = (char)(0x80 | (cp & 0x3F)), 3);
			memcpy(b->ptr + o, u, (size_t)k);
			o += (size_t)k;
			i += 7;
		} else {
			b->ptr[o++] = b->ptr[i++];
		}
	}
	b->len = o;
	b->ptr[o] = '\0';
}

/* ------------------------------------------------------------------ workbook */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	sheet_book *b = ud;
	const char *el = sheet_local(name);
	if (strcmp(el, "workbookPr") == 0) {
		b->date1904 = is_true(sheet_attr(atts, "date1904"));
	} else if (strcmp(el, "sheet") == 0) {
		const char *nm = sheet_attr(atts, "name"), *id = sheet_attr(atts, "id"), *state = sheet_attr(atts, "state");
		if (!nm || !id) {
			sheet_xml_fail(b, 0, 0, V(b->en, sheet_xlsx_sheet_no_name));
			return;
		}
		if (b->n_sheets >= 4096) {
			sheet_xml_fail(b, 0, 0, V(b->en, sheet_xlsx_too_many_sheets));
			return;
		}
		b->sheets = xrealloc(b->sheets, sizeof *b->sheets * (size_t)(b->n_sheets + 1));
		sheet_info *s = &b->sheets[b->n_sheets++];
		s->name = xstrdup(nm);
		s->part = xstrdup(id); /* the relationship id until the rels are read */
		s->hidden = state && strcmp(state, "visible") != 0;
	}
}

static char *resolve_target(const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	return xasprintf("xl/%s", target);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	if (strcmp(sheet_local(name), "Relationship") != 0)
		return;
	const char *id = sheet_attr(atts, "Id"), *target = sheet_attr(atts, "Target"), *type = sheet_attr(atts, "Type");
	if (!id || !target || !type || x->n_rels >= 10000)
		return;
	if (ends_with(type, "/sharedStrings") && !x->sst_part)
		x->sst_part = resolve_target(target);
	else if (ends_with(type, "/styles") && !x->styles_part)
		x->styles_part = resolve_target(target);
	x->rel_id = xrealloc(x->rel_id, sizeof *x->rel_id * (size_t)(x->n_rels + 1));
	x->rel_target = xrealloc(x->rel_target, sizeof *x->rel_target * (size_t)(x->n_rels + 1));
	x->rel_sheet = xrealloc(x->rel_sheet, sizeof *x->rel_sheet * (size_t)(x->n_rels + 1));
	x->rel_id[x->n_rels] = xstrdup(id);
	x->rel_target[x->n_rels] = resolve_target(target);
	x->rel_sheet[x->n_rels] = ends_with(type, "/worksheet") ? 1 : ends_with(type, "/chartsheet") ? 2 : 0;
	x->n_rels++;
}

/* Each sheet's relationship id becomes its part (NULL: not a worksheet). */
static int resolve_sheets(sheet_book *b, lerr *err)
{
	xlsx *x = X(b);
	for (int i = 0; i < b->n_sheets; i++) {
		sheet_info *s = &b->sheets[i];
		int r = 0;
		while (r < x->n_rels && strcmp(x->rel_id[r], s->part) != 0)
			r++;
		if (r == x->n_rels)
			return lerr_set(err, LERR_PARSE, V(b->en, sheet_xlsx_sheet_no_part),
					b->file, s->name, s->part);
		free(s->part);
		s->part = x->rel_sheet[r] == 1 ? xstrdup(x->rel_target[r]) : NULL;
	}
	return 0;
}

/* ------------------------------------------------------------------ styles */

/* Does a number format show a date (1) or a time of day (2)? Quoted text,
 * escapes and [colour]s are not format letters; the first section rules.
 * "General" (LibreOffice writes it as a format of its own, id 164, for
 * every plain cell) and a scientific exponent ("0,00E+00") hold an 'e'
 * that is no era year: read as one, every number became a date. */
static int format_kind(const char *code)
{
	int date = 0, time = 0;
	for (const char *p = code; *p && *p != ';'; p++) {
		if (strncasecmp(p, "general", 7) == 0) {
			p += 6;
		} else if ((*p == 'e' || *p == 'E') && (p[1] == '+' || p[1] == '-')) {
			p++;
		} else if (*p == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (p[1])
				p++;
		} else if (*p == '[') {
			if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 's')
				time = 1;
			while (p[1] && p[1] != ']')
				p++;
		} else {
			char c = (char)(*p | 0x20);
			if (c == 'y' || c == 'd' || c == 'e')
				date = 1;
			else if (c == 'h' || c == 's')
				time = 1;
			else if (c == 'm')
				date |= !time; /* "mm" after "h" is minutes */
		}
	}
	return date ? 1 : time ? 2 : 0;
}

static int builtin_kind(int id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return 1;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return 2;
	return 0;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	const char *el = sheet_local(name);
	if (strcmp(el, "numFmts") == 0) {
		x->in_numfmts = 1;
	} else if (strcmp(el, "cellXfs") == 0) {
		x->in_cellxfs = 1;
	} else if (x->in_numfmts && strcmp(el, "numFmt") == 0 && x->n_fmt < 1000) {
		const char *id = sheet_attr(atts, "numFmtId"), *code = sheet_attr(atts, "formatCode");
		if (!id || !code)
			return;
		x->fmt_id = xrealloc(x->fmt_id, sizeof *x->fmt_id * (size_t)(x->n_fmt + 1));
		x->fmt_kind = xrealloc(x->fmt_kind, (size_t)(x->n_fmt + 1));
		x->fmt_id[x->n_fmt] = atoi(id);
		x->fmt_kind[x->n_fmt++] = (unsigned char)format_kind(code);
	} else if (x->in_cellxfs && strcmp(el, "xf") == 0 && b->n_xf < 65536) {
		const char *id = sheet_attr(atts, "numFmtId");
		int fid = id ? atoi(id) : 0, kind = builtin_kind(fid);
		for (int i = 0; i < x->n_fmt; i++)
			if (x->fmt_id[i] == fid)
				kind = x->fmt_kind[i];
		b->xf_kind = xrealloc(b->xf_kind, (size_t)(b->n_xf + 1));
		b->xf_kind[b->n_xf++] = (unsigned char)kind;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	xlsx *x = X((sheet_book *)ud);
	const char *el = sheet_local(name);
	if (strcmp(el, "numFmts") == 0)
		x->in_numfmts = 0;
	else if (strcmp(el, "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* ------------------------------------------------------------------ shared strings */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	xlsx *x = X((sheet_book *)ud);
	const char *el = sheet_local(name);
	if (strcmp(el, "si") == 0) {
		x->in_si = 1;
		buf_reset(&x->si);
	} else if (strcmp(el, "rPh") == 0) {
		x->rph++; /* phonetic guides are not the text */
	} else if (strcmp(el, "t") == 0 && x->in_si && !x->rph) {
		x->in_t = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	const char *el = sheet_local(name);
	if (strcmp(el, "t") == 0) {
		x->in_t = 0;
	} else if (strcmp(el, "rPh") == 0) {
		x->rph--;
	} else if (strcmp(el, "si") == 0 && x->in_si) {
		x->in_si = 0;
		if (b->sst.len + x->si.len + 1 > SHEET_MAX_STRINGS) {
			sheet_xml_fail(b, 0, 0, V(b->en, sheet_xlsx_strings_too_big), SHEET_MAX_STRINGS >> 20);
			return;
		}
		if (b->n_sst == b->cap_sst) {
			b->cap_sst = b->cap_sst ? b->cap_sst * 2 : 1024;
			b->sst_off = xrealloc(b->sst_off, sizeof *b->sst_off * (size_t)b->cap_sst);
		}
		unescape(&x->si);
		b->sst_off[b->n_sst++] = b->sst.len;
		buf_add(&b->sst, x->si.ptr ? x->si.ptr : "", x->si.len);
		buf_addc(&b->sst, '\0');
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	if (!x->in_t)
		return;
	if (x->si.len + (size_t)len > SHEET_MAX_CELL) {
		sheet_xml_fail(b, 0, 0, V(b->en, sheet_xlsx_string_too_big), SHEET_MAX_CELL);
		return;
	}
	buf_add(&x->si, s, (size_t)len);
}

/* ------------------------------------------------------------------ open */

static int parse_with(sheet_book *b, const char *part, int required, XML_StartElementHandler st,
		      XML_EndElementHandler en, XML_CharacterDataHandler tx, lerr *err)
{
	XML_Parser p = sheet_xml_new(b, 0);
	XML_SetElementHandler(p, st, en);
	if (tx)
		XML_SetCharacterDataHandler(p, tx);
	int rc = sheet_parse_part(b, p, part, required, err);
	XML_ParserFree(p);
	b->xp = NULL;
	return rc;
}

static int xlsx_open(sheet_book *b, lerr *err)
{
	b->fmt = xcalloc(1, sizeof(xlsx));
	if (!sheet_has_part(b, "xl/workbook.xml")) {
		if (sheet_has_part(b, "content.xml"))
			return lerr_set(err, LERR_PARSE, V(b->en, sheet_is_ods), b->file);
		if (sheet_has_part(b, "EncryptedPackage"))
			return lerr_set(err, LERR_PARSE, V(b->en, sheet_xlsx_encrypted), b->file);
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_not_xlsx), b->file);
	}
	int rc = parse_with(b, "xl/workbook.xml", 1, wb_start, NULL, NULL, err);
	if (rc == 0)
		rc = parse_with(b, "xl/_rels/workbook.xml.rels", 1, rels_start, NULL, NULL, err);
	if (rc == 0)
		rc = resolve_sheets(b, err);
	xlsx *x = X(b);
	if (rc == 0)
		rc = parse_with(b, x->styles_part ? x->styles_part : "xl/styles.xml", 0, styles_start, styles_end, NULL, err);
	if (rc == 0)
		rc = parse_with(b, x->sst_part ? x->sst_part : "xl/sharedStrings.xml", 0, sst_start, sst_end, sst_text, err);
	if (rc == 0 && b->n_sheets == 0)
		rc = lerr_set(err, LERR_PARSE, V(b->en, sheet_no_sheets), b->file);
	return rc;
}

static void xlsx_close(sheet_book *b)
{
	xlsx *x = X(b);
	if (!x)
		return;
	for (int i = 0; i < x->n_rels; i++) {
		free(x->rel_id[i]);
		free(x->rel_target[i]);
	}
	free(x->rel_id);
	free(x->rel_target);
	free(x->rel_sheet);
	free(x->sst_part);
	free(x->styles_part);
	free(x->fmt_id);
	free(x->fmt_kind);
	buf_release(&x->si);
	buf_release(&x->cell);
	buf_release(&x->formula);
	sheet_scan_release(&x->scan);
	free(x);
	b->fmt = NULL;
}

/* ------------------------------------------------------------------ the sheet */

/* A cell starts: its attributes r, t and s (NULL when absent). */
static void cell_begin_rts(sheet_book *b, const char *r, const char *t, const char *s)
{
	xlsx *x = X(b);
	int col = x->col + 1;
	long row;
	if (r && (sheet_parse_ref(r, &col, &row) < 0 || (row && row != b->row_num))) {
		sheet_xml_fail(b, x->col + 1, b->row_num, V(b->en, sheet_xlsx_cell_ref), r,
			       b->row_num);
		return;
	}
	x->col = x->c_col = col;
	size_t tn = t ? strlen(t) : 0; /* the type, cut as snprintf would: once per cell */
	if (tn >= sizeof x->c_type)
		tn = sizeof x->c_type - 1;
	memcpy(x->c_type, t ? t : "n", t ? tn : 2);
	x->c_type[t ? tn : 1] = '\0';
	x->c_style = s ? atoi(s) : 0;
	x->c_f = x->c_v = x->in_v = x->in_f = x->in_is = 0;
	buf_reset(&x->cell);
	buf_reset(&x->formula);
}

static void cell_begin(sheet_book *b, const XML_Char **atts)
{
	const char *r = NULL, *t = NULL, *s = NULL;
	for (int i = 0; atts[i]; i += 2) { /* one pass: the first of each, as sheet_attr finds it */
		const char *a = sheet_local(atts[i]);
		if (a[0] && !a[1] && (a[0] == 'r' || a[0] == 't' || a[0] == 's')) {
			const char **to = a[0] == 'r' ? &r : a[0] == 't' ? &t : &s;
			if (!*to)
				*to = atts[i + 1];
		}
	}
	cell_begin_rts(b, r, t, s);
}

static void row_begin(sheet_book *b, const XML_Char **atts)
{
	const char *r = sheet_attr(atts, "r");
	long row = b->row_num + 1;
	if (r) {
		char *end;
		row = strtol(r, &end, 10);
		if (*end || row <= b->row_num || row > SHEET_MAX_ROWS) {
			sheet_xml_fail(b, 0, 0, V(b->en, sheet_xlsx_row_number), r, b->row_num);
			return;
		}
	}
	sheet_row_begin(b, row);
	X(b)->col = 0;
	if (is_true(sheet_attr(atts, "hidden")))
		sheet_note_hidden_row(b, row);
}

static void hidden_cols(sheet_book *b, const XML_Char **atts)
{
	if (!is_true(sheet_attr(atts, "hidden")))
		return;
	const char *mn = sheet_attr(atts, "min"), *mx = sheet_attr(atts, "max");
	int lo = mn ? atoi(mn) : 0, hi = mx ? atoi(mx) : lo;
	for (int c = lo < 1 ? 1 : lo; c <= hi && c <= 16384; c++)
		sheet_note_hidden_col(b, c);
}

static void merge(sheet_book *b, const char *ref)
{
	char a[32], z[32];
	const char *colon = ref ? strchr(ref, ':') : NULL;
	if (!colon || colon - ref >= (long)sizeof a || strlen(colon + 1) >= sizeof z)
		return;
	snprintf(a, sizeof a, "%.*s", (int)(colon - ref), ref);
	snprintf(z, sizeof z, "%s", colon + 1);
	sheet_range m;
	if (sheet_parse_ref(a, &m.col1, &m.row1) == 0 && sheet_parse_ref(z, &m.col2, &m.row2) == 0)
		sheet_note_merge(b, m);
}

static void XMLCALL ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	const char *el = sheet_local(name);
	if (strcmp(el, "c") == 0) {
		cell_begin(b, atts);
	} else if (strcmp(el, "v") == 0) {
		x->c_v = x->in_v = 1;
	} else if (strcmp(el, "f") == 0) {
		x->c_f = x->in_f = 1;
	} else if (strcmp(el, "is") == 0) {
		x->in_is = 1;
	} else if (strcmp(el, "rPh") == 0) {
		x->rph++;
	} else if (strcmp(el, "t") == 0 && x->in_is && !x->rph) {
		x->in_t = 1;
	} else if (strcmp(el, "row") == 0) {
		row_begin(b, atts);
	} else if (strcmp(el, "col") == 0) {
		hidden_cols(b, atts);
	} else if (strcmp(el, "mergeCell") == 0) {
		merge(b, sheet_attr(atts, "ref"));
	}
}


static void cell_end(sheet_book *b)
{
	xlsx *x = X(b);
	const char *v = buf_cstr(&x->cell), *t = x->c_type;
	int col = x->c_col;
	char out[64];
	if (x->c_f && *v == '\0' && strcmp(t, "str") != 0) {
		sheet_xml_fail(b, col, b->row_num,
			       V(b->en, sheet_xlsx_formula_no_value),
			       buf_cstr(&x->formula));
		return;
	}
	if (strcmp(t, "s") == 0) {
		char *end;
		long i = strtol(v, &end, 10);
		if (*v == '\0' || *end || i < 0 || i >= b->n_sst) {
			sheet_xml_fail(b, col, b->row_num, V(b->en, sheet_xlsx_no_string), v);
			return;
		}
		const char *s = b->sst.ptr + b->sst_off[i];
		if (sheet_row_set(b, col, s, strlen(s), 0) < 0)
			XML_StopParser(b->xp, XML_FALSE);
		return;
	}
	if (strcmp(t, "e") == 0) {
		sheet_xml_fail(b, col, b->row_num, V(b->en, sheet_error_value), v);
		return;
	}
	if (strcmp(t, "b") == 0) {
		v = strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ? "FALSE" : NULL;
		if (!v) {
			sheet_xml_fail(b, col, b->row_num, V(b->en, sheet_xlsx_boolean));
			return;
		}
	} else if (strcmp(t, "n") == 0 && *v) {
		int kind = x->c_style >= 0 && x->c_style < b->n_xf ? b->xf_kind[x->c_style] : 0;
		if (!kind && sheet_plain_integer(v)) { /* most cells: the text is what %.15g would write */
			if (sheet_row_set(b, col, v, x->cell.len, 1) < 0)
				XML_StopParser(b->xp, XML_FALSE);
			return;
		}
		char *end;
		double d = strtod(v, &end);
		if (*end || d != d) {
			sheet_xml_fail(b, col, b->row_num, V(b->en, sheet_number_cell), v);
			return;
		}
		if (kind) {
			if (sheet_fmt_serial(out, sizeof out, d, b->date1904, kind) < 0) {
				sheet_xml_fail(b, col, b->row_num, V(b->en, sheet_xlsx_no_date), v);
				return;
			}
		} else {
			sheet_fmt_number(out, sizeof out, d);
		}
		if (sheet_row_set(b, col, out, strlen(out), !kind) < 0)
			XML_StopParser(b->xp, XML_FALSE);
		return;
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		unescape(&x->cell);
		v = buf_cstr(&x->cell);
	} else if (strcmp(t, "d") == 0 && strlen(v) > 10 && strcmp(v + 10, "T00:00:00") == 0) {
		snprintf(out, sizeof out, "%.10s", v);
		v = out;
	}
	if (sheet_row_set(b, col, v, strlen(v), 0) < 0)
		XML_StopParser(b->xp, XML_FALSE);
}

static void XMLCALL ws_end(void *ud, const XML_Char *name)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	const char *el = sheet_local(name);
	if (strcmp(el, "v") == 0) {
		x->in_v = 0;
	} else if (strcmp(el, "f") == 0) {
		x->in_f = 0;
	} else if (strcmp(el, "t") == 0) {
		x->in_t = 0;
	} else if (strcmp(el, "is") == 0) {
		x->in_is = 0;
	} else if (strcmp(el, "rPh") == 0) {
		x->rph--;
	} else if (strcmp(el, "c") == 0) {
		cell_end(b);
	} else if (strcmp(el, "row") == 0) {
		int rc = sheet_row_end(b);
		if (rc < 0)
			XML_StopParser(b->xp, XML_FALSE);
		else if (rc > 0 && !x->scan.fast)
			XML_StopParser(b->xp, XML_TRUE); /* hand the row out */
	}
}

static void XMLCALL ws_text(void *ud, const XML_Char *s, int len)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	if (x->in_f) {
		if (x->formula.len < 200)
			buf_add(&x->formula, s, (size_t)len);
		return;
	}
	if (!x->in_v && !x->in_t)
		return;
	if (x->cell.len + (size_t)len > SHEET_MAX_CELL) {
		sheet_xml_fail(b, x->c_col, b->row_num, V(b->en, sheet_cell_too_big), SHEET_MAX_CELL);
		return;
	}
	buf_add(&x->cell, s, (size_t)len);
}

/* A whole cell from the row scanner (sheet_cell_handler): what ws_start,
 * ws_text and ws_end do with its events, in their order. */
static void ws_cell(void *ud, const char *r, const char *t, const char *s, const char *text, size_t len, int child)
{
	sheet_book *b = ud;
	xlsx *x = X(b);
	cell_begin_rts(b, r, t, s); /* <c> */
	if (b->failed)
		return;
	if (child == 1) {
		x->c_v = x->in_v = 1; /* <v> */
	} else if (child == 2) {
		x->in_is = 1; /* <is><t> */
		if (!x->rph)
			x->in_t = 1;
	}
	if (len) {
		ws_text(b, text, (int)len);
		if (b->failed)
			return;
	}
	if (child == 1)
		x->in_v = 0; /* </v> */
	else if (child == 2)
		x->in_t = x->in_is = 0; /* </t></is> */
	cell_end(b); /* </c> */
}

static int xlsx_select(sheet_book *b, const char *name, int number, lerr *err)
{
	int at = sheet_find(b, name, number, err);
	if (at < 0)
		return at;
	for (int i = 0; i < b->n_sheets; i++)
		if (i != at && b->sheets[i].hidden)
			buf_printf(&b->other_hidden, "%s%s", b->other_hidden.len ? ", " : "", b->sheets[i].name);
	b->cur_name = xstrdup(b->sheets[at].name);
	b->cur_hidden = b->sheets[at].hidden;
	if (!b->sheets[at].part)
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_xlsx_chart), b->file, b->cur_name);
	xlsx *x = X(b);
	x->col = 0;
	x->in_t = x->rph = 0;
	sheet_scan_reset(&x->scan, ws_start, ws_end, ws_text, ws_cell);
	XML_Parser p = sheet_xml_new(b, 0);
	XML_SetElementHandler(p, ws_start, ws_end);
	XML_SetCharacterDataHandler(p, ws_text);
	return sheet_stream_open(b, b->sheets[at].part, err);
}

/* ------------------------------------------------------------------ merges ahead */

/* The merged ranges of an .xlsx sheet come after its rows. Finding them
 * needs no XML parse of the cells: outside comments, CDATA sections and
 * processing instructions every '<' starts a tag, and no '<' can stand in
 * an attribute value, so a scan from '<' to '<' that reads only tag names
 * meets every mergeCell element that expat would. Those tags alone go
 * through expat (inside a made-up root), with the handler of the real
 * pass. The scan gives up (0) on anything it cannot vouch for. */
typedef struct mscan {
	XML_Parser p;
	buf carry;     /* bytes of a construct cut by the chunk's end */
	int state;     /* 0 markup or text, 1 comment, 2 CDATA, 3 processing instruction */
	int bad;
} mscan;

static void XMLCALL mscan_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	if (strcmp(sheet_local(name), "mergeCell") == 0)
		merge(ud, sheet_attr(atts, "ref"));
}

static int is_name_end(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/';
}

/* Scans [p, end): returns where an unfinished construct starts (to carry
 * to the next chunk), end when all was taken. */
static const char *mscan_run(mscan *m, const char *p, const char *end)
{
	static const char *const closer[] = {NULL, "-->", "]]>", "?>"};
	while (p < end && !m->bad) {
		if (m->state) {
			const char *c = closer[m->state];
			size_t k = strlen(c);
			const char *hit = sheet_find_bytes(p, end, c, k);
			if (!hit) /* keep what could begin the closer */
				return end - p > (long)k ? end - (k - 1) : p;
			m->state = 0;
			p = hit + k;
			continue;
		}
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt)
			return end;
		if (end - lt < 12) /* "<![CDATA[", "<!--", "<?": enough to tell */
			return lt;
		if (memcmp(lt, "<!--", 4) == 0) {
			m->state = 1, p = lt + 4;
			continue;
		}
		if (memcmp(lt, "<![CDATA[", 9) == 0) {
			m->state = 2, p = lt + 9;
			continue;
		}
		if (lt[1] == '?') {
			m->state = 3, p = lt + 2;
			continue;
		}
		const char *n = lt + 1, *colon = NULL;
		while (n < end && !is_name_end(*n) && n - lt < 256)
			colon = *n == ':' ? n : colon, n++;
		if (n == end)
			return lt;
		if (n - lt >= 256) {
			m->bad = 1;
			break;
		}
		const char *local = colon ? colon + 1 : lt + 1;
		if (n - local == 9 && memcmp(local, "mergeCell", 9) == 0) {
			const char *e = sheet_tag_end(n, end);
			if (!e)
				return lt;
			/* a start tag made empty: what follows it is not fed */
			int empty = e[-2] == '/';
			if (XML_Parse(m->p, lt, (int)(e - lt - (empty ? 0 : 1)), 0) != XML_STATUS_OK ||
			    (!empty && XML_Parse(m->p, "/>", 2, 0) != XML_STATUS_OK))
				m->bad = 1;
			p = e;
			continue;
		}
		p = n;
	}
	return end;
}

static int mscan_eat(void *ctx, const char *p, size_t n, int final)
{
	mscan *m = ctx;
	if (final) {
		m->bad |= m->state != 0 || XML_Parse(m->p, "</r>", 4, 1) != XML_STATUS_OK;
		return 0;
	}
	if (m->carry.len) { /* a construct cut by the last chunk: join it to this one */
		buf_add(&m->carry, p, n);
		const char *from = m->carry.ptr, *end = from + m->carry.len;
		const char *rest = mscan_run(m, from, end);
		buf tail = BUF_INIT;
		buf_add(&tail, rest, (size_t)(end - rest));
		buf_release(&m->carry);
		m->carry = tail;
	} else {
		const char *rest = mscan_run(m, p, p + n);
		buf_add(&m->carry, rest, (size_t)(p + n - rest));
	}
	if (m->carry.len > SHEET_MAX_CELL + 1024)
		m->bad = 1; /* a tag or name that long: leave it to expat */
	return m->bad ? 1 : 0;
}

static int xlsx_merges_ahead(sheet_book *b, lerr *err)
{
	int at = sheet_find(b, b->cur_name, 0, err);
	if (at < 0 || !b->sheets[at].part)
		return 0;
	mscan m = {0};
	m.p = XML_ParserCreate("UTF-8");
	if (!m.p) {
		fprintf(stderr, "ladder: out of memory\n");
		abort();
	}
	XML_SetUserData(m.p, b);
	XML_SetStartElementHandler(m.p, mscan_start);
	if (XML_Parse(m.p, "<r>", 3, 0) != XML_STATUS_OK)
		m.bad = 1;
	int rc = sheet_part_scan(b, b->sheets[at].part, mscan_eat, &m, err);
	XML_ParserFree(m.p);
	buf_release(&m.carry);
	if (rc < 0)
		return rc;
	if (m.bad) { /* forget what it found: the real pass reads them all */
		b->n_merges = 0;
		b->total_merges = 0;
		return 0;
	}
	return 1;
}

static int xlsx_next(sheet_book *b, lerr *err)
{
	if (b->no_scanner)
		return sheet_stream_row(b, err);
	return sheet_scan_next(b, &X(b)->scan, err);
}

const sheet_ops sheet_xlsx_ops = {"xlsx", xlsx_open, xlsx_select, xlsx_next, xlsx_merges_ahead, xlsx_close};
