/* import_edition.c - the editions kind: an edition's metadata (schema v10),
 * upserted by its code, e.g.
 *   edition,ordinal,title,data_year,published,notes
 *   2018,10,Tewerkstelling en participatie van kansengroepen,2017,2019-02-19,
 * A column the file lacks keeps what is stored. See import_internal.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <stdio.h>
#include <string.h>

enum { ED_CODE, ED_TITLE, ED_ORDINAL, ED_DATA_YEAR, ED_PUBLISHED, ED_NOTES };

static const col_spec editions_cols[] = {
	[ED_CODE] = {"edition", COL_REQUIRED, 64, "code"},
	[ED_TITLE] = {"title", COL_REQUIRED, 256, "title"},
	[ED_ORDINAL] = {"ordinal", COL_KEEP, 16, "ordinal"},
	[ED_DATA_YEAR] = {"data_year", COL_KEEP, 16, "data_year"},
	[ED_PUBLISHED] = {"published", COL_KEEP, 32, "published"},
	[ED_NOTES] = {"notes", COL_KEEP | COL_FREE_TEXT, 1024, "notes"},
	{NULL, 0, 0, NULL},
};

static int editions_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO edition (code, title, ordinal, data_year, published, notes)"
			" VALUES (?1, ?2, nullif(?3, 0), nullif(?4, 0), ?5, ?6)"
			" ON CONFLICT (code) DO UPDATE SET title = excluded.title, ordinal = excluded.ordinal,"
			" data_year = excluded.data_year, published = excluded.published, notes = excluded.notes"
			" WHERE (title, ordinal, data_year, published, notes) IS NOT"
			" (excluded.title, excluded.ordinal, excluded.data_year, excluded.published, excluded.notes)",
			NULL, NULL);
}

/* An optional whole number: "" is 0 (not set). */
static int whole_or_empty(imp *I, const csv_row *r, const char *col, const char *t, int *out)
{
	long long v = 0;
	if (*t && num_parse_option_int(t, 0, 9999, &v) < 0)
		return imp_field_error(I, r, col, V(I->en, import_whole_number_nothing), t);
	*out = (int)v;
	return 0;
}

static int editions_row(imp *I, const csv_row *r)
{
	char *const *v = I->v;
	store_edition_meta m = {0};
	int bad = 0;
	if (!*v[ED_CODE] || !imp_valid_edition_code(v[ED_CODE]))
		bad |= imp_field_error(I, r, "edition", V(I->en, import_edition_code_letters_digits),
				       v[ED_CODE]) < 0;
	else if (imp_once_per_file(I, r, "edition", v[ED_CODE]) < 0)
		bad = 1;
	if (!*v[ED_TITLE])
		bad |= imp_field_error(I, r, "title", V(I->en, import_edition_needs_its_title)) < 0;
	bad |= whole_or_empty(I, r, "ordinal", v[ED_ORDINAL], &m.ordinal) < 0;
	bad |= whole_or_empty(I, r, "data_year", v[ED_DATA_YEAR], &m.data_year) < 0;
	snprintf(m.published, sizeof m.published, "%s", v[ED_PUBLISHED]);
	const char *column;
	lerr why;
	if (!bad && store_edition_meta_check(&m, STORE_META_ORDINAL | STORE_META_DATA_YEAR | STORE_META_PUBLISHED, I->en, &column,
					     &why) < 0)
		bad |= imp_field_error(I, r, column, "%s", why.msg) < 0;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	sqlite3_bind_text(I->ins, 1, v[ED_CODE], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 2, v[ED_TITLE], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 3, m.ordinal);
	sqlite3_bind_int(I->ins, 4, m.data_year);
	sqlite3_bind_text(I->ins, 5, v[ED_PUBLISHED], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 6, v[ED_NOTES], -1, SQLITE_TRANSIENT);
	char tmp[8];
	int existed = imp_stored_text_by(I, "edition", "code", v[ED_CODE], "code", tmp, sizeof tmp);
	if (existed < 0)
		return LERR_DB;
	return imp_step_done(I, I->ins, "edition", existed);
}

const kind_def imp_kind_editions = {
	"editions", editions_cols, "edition", ED_CODE, editions_begin, editions_row, NULL, imp_finalize, 0,
};
