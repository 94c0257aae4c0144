/* sheet.h - streaming readers for spreadsheets: .xlsx/.xlsm (Office Open
 * XML), .ods (OpenDocument) and legacy .xls (BIFF, through libfreexl).
 * Prefix: sheet_.
 *
 * A workbook is opened once; one sheet at a time is selected and read row by
 * row as csv_rows, so the importer takes a sheet as it takes a CSV file:
 * row->line is the sheet's row number, field col its column number (A = 1),
 * fields from column A to the row's last non-empty cell (gaps are ""). Rows
 * without any value are skipped. Every error names file, sheet and cell:
 * "delivery.xlsx:Blad1!C17: ...".
 *
 * Cell values as text: shared and inline strings as they are; numbers as
 * the shortest of Excel's 15 significant digits with '.' ("1234", "12.5"),
 * flagged typed (csv_field.typed) so that nobody reads "1.309" as a Dutch
 * thousands group; booleans TRUE/FALSE; dates (a date number format, either
 * date system, 1900 or 1904) as ISO "2024-01-31" (with "T12:30:00" when
 * there is a time). A formula gives its cached value; a formula without one
 * is an error naming the cell, as is an error value (#DIV/0!).
 *
 * Streaming: the sheet XML goes through expat straight from the zip entry
 * (libzip); expat is suspended at the end of each row, so memory is one row
 * plus the shared strings (at most SHEET_MAX_STRINGS bytes), whatever the
 * sheet's size. An .xlsx sheet's rows are read by a scanner of their own
 * (sheet_xlsx.c) that hands expat's handlers the events expat would, and
 * leaves the rest of the part to expat at anything it does not know. .xls files are read whole by libfreexl (at most 65 536 rows).
 * A part that inflates past 1 MiB is inflated on a thread of its own
 * (sheet.c) and its rows parsed on another (sheet_rows.c), a few hundred
 * KB ahead of the caller, who checks and stores rows meanwhile.
 *
 * Limits (zip bombs, huge cells and sheets): a zip entry may inflate at
 * most SHEET_MAX_RATIO times its compressed size and to at most
 * SHEET_MAX_PART bytes; one cell at most SHEET_MAX_CELL bytes, one row
 * SHEET_MAX_COLS columns, one sheet SHEET_MAX_ROWS rows and SHEET_MAX_CELLS
 * cells. Beyond any of them the file is refused, never cut. Encrypted
 * (password-protected) workbooks and damaged zips are refused with a message
 * that says so.
 *
 * Reported, not refused: hidden sheets, rows and columns and merged cell
 * ranges (sheet_hidden, sheet_hidden_rows/cols, sheet_merges). The merged
 * ranges of an .xlsx sheet are stored after its rows: they are complete once
 * sheet_next returned 0.
 *
 * Ownership: sheet_open returns a book freed with sheet_free. Rows, names and
 * the hidden/merge lists are borrowed from the book: rows until the next
 * sheet_next, the rest until sheet_select or sheet_free.
 */
#ifndef LADDER_SHEET_H
#define LADDER_SHEET_H

#include "base.h"
#include "csv.h"

#ifndef SHEET_MAX_CELL /* the fuzz build makes them small */
#define SHEET_MAX_CELL (128 * 1024)
#endif
#define SHEET_MAX_COLS 1024
#define SHEET_MAX_ROWS 1048576L       /* Excel's own limit */
#define SHEET_MAX_CELLS 50000000LL
#define SHEET_MAX_RATIO 200           /* uncompressed / compressed bytes of one zip entry */
#define SHEET_MAX_PART (2LL << 30)    /* 2 GiB inflated for one XML part */
#define SHEET_MAX_STRINGS (64 << 20)  /* shared strings held in memory */
#define SHEET_MAX_LISTED 1000         /* hidden rows/columns and merges kept for reports */

typedef struct sheet_book sheet_book;

typedef struct sheet_range {
	long row1, row2; /* 1-based, inclusive */
	int col1, col2;
} sheet_range;

/* Is path a spreadsheet by its name (.xlsx, .xlsm, .ods, .xls, any case)? */
int sheet_is_spreadsheet(const char *path);

/* Opens the workbook (format by extension, checked against the content).
 * name: how errors name the file (NULL: path). en: every error of this
 * book in English (1) or Dutch (0), the vocabulary's (po/nl.po, sheet_*)
 * language of the caller. NULL and err set when it cannot be opened, is
 * damaged or encrypted. */
sheet_book *sheet_open(const char *path, const char *name, int en, lerr *err);
/* Opens in-memory bytes (not copied; the fuzz targets). format: "xlsx" or "ods". */
sheet_book *sheet_open_mem(const char *name, const char *format, const void *data, size_t n, int en, lerr *err);
void sheet_free(sheet_book *b);

const char *sheet_format(const sheet_book *b); /* "xlsx", "ods" or "xls" */
const char *sheet_file(const sheet_book *b);

/* Selects a sheet by name, or the first sheet in the workbook's order
 * (NULL). Starts reading it from its first row. */
int sheet_select(sheet_book *b, const char *name, lerr *err) LADDER_WARN_UNUSED;
/* Selects the number-th sheet in the workbook's order (1: the first, hidden
 * sheets counted). A name or number the workbook does not have:
 * LERR_NOTFOUND, err naming the sheets it has; sheet_count and
 * sheet_name_at then list them (an .ods workbook's sheets are known once a
 * select failed or read past them; an .xlsx or .xls's from the start). */
int sheet_select_number(sheet_book *b, int number, lerr *err) LADDER_WARN_UNUSED;
int sheet_count(const sheet_book *b);
const char *sheet_name_at(const sheet_book *b, int i); /* 0-based; NULL beyond */
const char *sheet_name(const sheet_book *b); /* the selected sheet */
int sheet_hidden(const sheet_book *b);       /* 1 when the selected sheet is hidden */
/* The other hidden sheets known so far, ", "-separated ("" when none). */
const char *sheet_other_hidden(const sheet_book *b);

/* 1: a row is in *row; 0: the sheet ended; <0: error (err names the cell). */
int sheet_next(sheet_book *b, csv_row **row, lerr *err) LADDER_WARN_UNUSED;

/* Widens the row just read to n fields (empty cells after its last value;
 * at most SHEET_MAX_COLS): a table's rows as wide as its header. */
void sheet_pad(csv_row *row, int n);

/* What the selected sheet hides and merges (at most SHEET_MAX_LISTED each;
 * *total the real count). */
const long *sheet_hidden_rows(const sheet_book *b, int *n, long *total);
const int *sheet_hidden_cols(const sheet_book *b, int *n, long *total);
const sheet_range *sheet_merges(const sheet_book *b, int *n, long *total);

/* The merged ranges of the selected sheet before its rows are read, where
 * the format allows it cheaply: an .xlsx sheet's part is scanned for its
 * mergeCell elements without parsing its cells (a tenth of reading it).
 * 1: sheet_merges is complete now (the rows are still read from the top
 * and do not add them again); 0: not possible (.ods, .xls, rows read
 * already, or a part the scan cannot vouch for): read the sheet to its end
 * instead; <0: an error (a damaged zip). */
int sheet_merges_ahead(sheet_book *b, lerr *err) LADDER_WARN_UNUSED;

/* 0: read an .xlsx sheet's rows through expat only, not the row scanner of
 * sheet_xlsx.c (the fuzz target compares the two). Before sheet_select. */
void sheet_use_scanner(sheet_book *b, int on);

/* "C17" (col 1-based, row 1-based) into out (at least 24 bytes). */
void sheet_cell_name(char *out, size_t cap, int col, long row);
/* "file:Sheet!C17" (the sheet quoted as 'Blad 1' when it needs quotes);
 * "file:Sheet" when col is 0; "file:C17" without a sheet (NULL or "", a
 * CSV file). Needs no reader (sheet_name.c): the lean program names cells. */
void sheet_place(buf *o, const char *file, const char *sheet, int col, long row);
/* sheet_place of the selected sheet (before one is selected: the file). */
void sheet_where(const sheet_book *b, char *out, size_t cap, int col, long row);
/* SHA-256 of the file's bytes. Returns 0. */
int sheet_sha256_hex(sheet_book *b, char hex[65]);

#endif
