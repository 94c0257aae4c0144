/* import_fields.c - what every import kind uses: errors with their
 * position, the row's values by column, the checks of shared columns and
 * the statements. See import_internal.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ errors */

const char *imp_where(imp *I, long line, int col)
{
	char *out = I->where[I->where_i++ & 1];
	if (I->rows)
		I->rows->where(I, out, sizeof I->where[0], line, col);
	else
		snprintf(out, sizeof I->where[0], "%s:%ld:%d", I->file, line, col);
	return out;
}

/* One message as a line of b. */
static void add_line(buf *b, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	buf_adds(b, msg);
	buf_addc(b, '\n');
}

int imp_error(imp *I, const char *fmt, ...)
{
	I->failed = 1;
	if (I->rep->n_errors >= IMP_MAX_ERRORS) {
		I->stop = 1;
		return LERR_PARSE;
	}
	va_list ap;
	va_start(ap, fmt);
	add_line(&I->rep->errors, fmt, ap);
	va_end(ap);
	if (++I->rep->n_errors >= IMP_MAX_ERRORS) {
		buf_printf(&I->rep->errors, V(I->en, import_stopped_after_errors), I->file, IMP_MAX_ERRORS);
		I->stop = 1;
	}
	return LERR_PARSE;
}

static int vat_error(imp *I, long line, int col, const char *name, const char *fmt, va_list ap)
{
	char msg[768];
	vsnprintf(msg, sizeof msg, fmt, ap);
	return imp_error(I, V(I->en, import_column), imp_where(I, line, col), name, msg);
}

int imp_field_error(imp *I, const csv_row *r, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vat_error(I, r->line, imp_field_col(I, r, name), name, fmt, ap);
	va_end(ap);
	return rc;
}

int imp_at_error(imp *I, long line, int col, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vat_error(I, line, col, name, fmt, ap);
	va_end(ap);
	return rc;
}

void imp_note(imp *I, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(&I->rep->notes, fmt, ap);
	va_end(ap);
}

int imp_db_error(imp *I, const char *what)
{
	I->failed = 1;
	I->stop = 1;
	buf_printf(&I->rep->errors, "%s: %s: %s\n", I->file, what, store_errmsg(I->s));
	I->rep->n_errors++;
	return LERR_DB;
}

/* ------------------------------------------------------------------ values */

int imp_name_index(const imp *I, const char *name)
{
	/* callers pass the same literals the kind tables hold: try pointers first */
	for (int i = 0; i < I->n_names; i++)
		if (I->names[i] == name)
			return i;
	for (int i = 0; i < I->n_names; i++)
		if (strcmp(I->names[i], name) == 0)
			return i;
	return -1;
}

const char *imp_val(const imp *I, const char *name)
{
	int i = imp_name_index(I, name);
	return i >= 0 ? I->v[i] : "";
}

int imp_has_col(const imp *I, const char *name)
{
	int i = imp_name_index(I, name);
	return i >= 0 && I->col[i] >= 0;
}

const csv_field *imp_field(const imp *I, const csv_row *r, const char *name)
{
	int i = imp_name_index(I, name);
	int k = i >= 0 ? I->col[i] : -1;
	return k >= 0 && k < r->n ? &r->f[k] : NULL;
}

int imp_field_col(const imp *I, const csv_row *r, const char *name)
{
	int i = imp_name_index(I, name);
	int k = i >= 0 ? I->col[i] : -1;
	return k >= 0 && k < r->n ? r->f[k].col : 1;
}

/* The stored value of an optional column the file does not have: a file
 * that changes only names must not wipe sources or validity. */
static void keep_stored(imp *I, int i)
{
	const kind_def *k = I->kind;
	imp_stored_text_by(I, k->table, "code", I->v[k->key], k->cols[i].target, I->v[i], k->cols[i].cap);
}

void imp_fill_values(imp *I, const csv_row *r)
{
	const col_spec *c = I->kind->cols;
	for (int i = 0; i < I->n_names; i++) {
		char *out = I->v[i];
		int k = I->col[i];
		out[0] = '\0';
		if (k < 0 || k >= r->n)
			continue;
		const char *s = r->f[k].s;
		size_t n = r->f[k].len;
		while (n && isspace((unsigned char)*s))
			s++, n--;
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (n >= c[i].cap)
			n = c[i].cap - 1;
		memcpy(out, s, n);
		out[n] = '\0';
	}
	for (int i = 0; i < I->n_names; i++)
		if ((c[i].flags & COL_KEEP) && I->col[i] < 0)
			keep_stored(I, i);
}

static const char *control_name(unsigned cp)
{
	static const char *const c0[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF",
					   "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
					   "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"};
	return cp < 32 ? c0[cp] : cp == 0x7F ? "DEL" : "C1 control";
}

/* Names, labels and notes end up on terminals, in pages and in reports: a
 * control character (C0 but tab and line feed, DEL, C1) in them could move
 * the cursor, ring or recolour a terminal, so none is stored. One-line
 * columns take no tab or line break inside the value either (around it they
 * are trimmed, as spaces are). Reports the first such character of field f
 * at its own line and column (column NULL: the header). */
int imp_check_text(imp *I, const csv_field *f, const char *column, int free_text)
{
	const unsigned char *s = (const unsigned char *)f->s;
	size_t n = f->len, lo = 0, hi = n;
	size_t k = 0; /* most values have no byte the rules below look at twice */
	while (k < n && s[k] >= 0x20 && s[k] != 0x7F && s[k] != 0xC2)
		k++;
	if (k == n)
		return 0;
	while (lo < hi && isspace(s[lo]))
		lo++;
	while (hi > lo && isspace(s[hi - 1]))
		hi--;
	long line = f->line;
	int col = f->col + f->quoted;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = s[i];
		int bad;
		if (cp < 0x80)
			bad = (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
			      (!free_text && i >= lo && i < hi && (cp == '\t' || cp == '\n'));
		else if ((bad = cp == 0xC2 && i + 1 < n && s[i + 1] < 0xA0)) /* UTF-8 C2 80..9F */
			cp = s[i + 1];
		if (bad) {
			char where[96];
			if (column)
				snprintf(where, sizeof where, V(I->en, import_where_column), column);
			else
				snprintf(where, sizeof where, "%s", V(I->en, import_where_header));
			if (cp == '\t' || cp == '\n')
				return imp_error(I, V(I->en, import_u_not_allowed_inside_this),
						 imp_where(I, line, col), where, cp == '\t' ? V(I->en, import_tab) : V(I->en, import_line_break), cp);
			return imp_error(I, V(I->en, import_control_character_u_not_allowed),
					 imp_where(I, line, col), where, cp, control_name(cp));
		}
		if (I->rows) {
			continue; /* a spreadsheet's position is the cell */
		} else if (s[i] == '\n') {
			line++;
			col = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			col++; /* columns count characters, not bytes */
		}
	}
	return 0;
}

/* ------------------------------------------------------- shared columns */

int imp_parse_year(imp *I, const csv_row *r, int *year)
{
	const char *t = imp_val(I, "year");
	long long v;
	const char *why;
	if (num_parse_count(t, &v, &why) < 0 || strchr(t, '.') || v < YEAR_MIN || v > YEAR_MAX)
		return imp_field_error(I, r, "year", V(I->en, import_year_between_and), YEAR_MIN, YEAR_MAX, t);
	*year = (int)v;
	return 0;
}

int imp_parse_area(imp *I, const csv_row *r, const char *name, int *idx)
{
	const char *t = imp_val(I, name);
	/* files run area by area: remember the last lookup */
	if (I->last_area >= 0 && strcmp(t, I->last_area_code) == 0) {
		*idx = I->last_area;
		return 0;
	}
	*idx = model_area_index(I->m, t);
	if (*idx >= 0 && strlen(t) < sizeof I->last_area_code) {
		I->last_area = *idx;
		memcpy(I->last_area_code, t, strlen(t) + 1);
	}
	if (*idx < 0)
		return imp_field_error(I, r, name, V(I->en, import_unknown_area_nis_code_such), t);
	return 0;
}

/* A figure's area must exist in its year (on 1 January); the error names
 * what it became, or what it was made of, as the way out. */
int imp_area_in_year(imp *I, const csv_row *r, const char *name, int a, int year)
{
	const model *m = I->m;
	const model_area *x = &m->areas[a];
	if (x->level == LEVEL_GROUPING || model_area_valid_in_year(x, year))
		return 0;
	buf why = BUF_INIT;
	model_area_off_map_reason(m, a, year, I->en, &why);
	int rc = imp_field_error(I, r, name, V(I->en, import_area_not_on_map), x->code, year, buf_cstr(&why));
	buf_release(&why);
	return rc;
}

int imp_valid_edition_code(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
			return 0;
	return 1;
}

int imp_edition_for_row(imp *I, const csv_row *r, int *id)
{
	const char *t = imp_val(I, "edition");
	if (!*t) {
		/* created on first use, so that files without figures add no edition */
		if (!I->default_ed_id && store_edition(I->s, I->default_ed_code, 1, &I->default_ed_id, NULL) < 0)
			return imp_db_error(I, "edition");
		*id = I->default_ed_id;
		return 0;
	}
	if (strcmp(t, I->ed_code) == 0) {
		*id = I->ed_id;
		return 0;
	}
	if (!imp_valid_edition_code(t))
		return imp_field_error(I, r, "edition", V(I->en, import_edition_code_letters_digits_2), t);
	lerr e;
	if (store_edition(I->s, t, 1, id, &e) < 0)
		return imp_db_error(I, "edition");
	snprintf(I->ed_code, sizeof I->ed_code, "%s", t);
	I->ed_id = *id;
	return 0;
}

int imp_valid_code(const char *s)
{
	if (!*s || strlen(s) > 48)
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return 0;
	return 1;
}

int imp_valid_date(const char *s)
{
	if (!*s)
		return 1;
	int y, mo, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3)
		return 0;
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

int imp_parse_bool(const char *t, int *out)
{
	static const char *const yes[] = {"1", "ja", "yes", "true", "y", "j", NULL};
	static const char *const no[] = {"0", "nee", "no", "false", "n", NULL};
	for (int i = 0; yes[i]; i++)
		if (strcasecmp(t, yes[i]) == 0)
			return *out = 1, 0;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(t, no[i]) == 0)
			return *out = 0, 0;
	return LERR_PARSE;
}

int imp_once_per_file(imp *I, const csv_row *r, const char *col, const char *code)
{
	int line;
	if (strmap_get(&I->seen, code, &line))
		return imp_field_error(I, r, col, V(I->en, import_already_appears_on_line_this), code, line);
	strmap_put(&I->seen, arena_strdup(&I->mem, code), (int)r->line);
	return 0;
}

/* ------------------------------------------------------------ statements */

int imp_prepare(imp *I, const char *ins, const char *sel, const char *upd)
{
	lerr e;
	if (store_prepare(I->s, ins, &I->ins, &e) < 0 || (sel && store_prepare(I->s, sel, &I->sel, &e) < 0) ||
	    (upd && store_prepare(I->s, upd, &I->upd, &e) < 0))
		return imp_db_error(I, "prepare");
	return 0;
}

void imp_finalize(imp *I)
{
	sqlite3_finalize(I->ins);
	sqlite3_finalize(I->sel);
	sqlite3_finalize(I->upd);
	sqlite3_finalize(I->ins_many);
	I->ins = I->sel = I->upd = I->ins_many = NULL;
	I->n_chunk = 0;
}

int imp_step_done(imp *I, sqlite3_stmt *st, const char *what, int existed)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return imp_db_error(I, what);
	if (sqlite3_changes(store_handle(I->s)) == 0)
		I->fr->unchanged++;
	else if (existed)
		I->fr->replaced++;
	else
		I->fr->inserted++;
	return 0;
}

int imp_stored_text_by(imp *I, const char *table, const char *keycol, const char *key, const char *col, char *out,
		       size_t cap)
{
	char sql[192];
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s = ?", col, table, keycol);
	if (sqlite3_prepare_v2(store_handle(I->s), sql, -1, &st, NULL) != SQLITE_OK)
		return imp_db_error(I, "lookup"); /* a failure is not "not stored" */
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, cap, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return imp_db_error(I, "lookup");
	return rc == SQLITE_ROW;
}
