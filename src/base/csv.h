/* csv.h - streaming CSV reader for what Belgian spreadsheets export.
 *
 * Accepts ',' or ';' as delimiter (decided on the header line; a header with
 * both outside quotes is ambiguous and refused), UTF-8 with or without BOM,
 * Windows-1252, LF/CRLF/CR line ends, RFC 4180 quoting with "" escapes and
 * newlines inside quotes. Fields are handed out as UTF-8 whatever the input.
 *
 * Encoding rule (one pass, no guessing after the fact): a BOM means UTF-8.
 * Otherwise the first non-ASCII byte sequence decides: a valid UTF-8 sequence
 * makes the file UTF-8 (later invalid bytes are errors), anything else makes it
 * Windows-1252 (bytes undefined there are errors).
 *
 * Memory is bounded: a fixed read buffer plus one row (at most CSV_MAX_ROW
 * bytes and CSV_MAX_FIELDS fields), whatever the file size.
 *
 * Ownership: csv_open_* return a reader freed with csv_free(). Rows and field
 * text are borrowed: valid until the next csv_next() call.
 */
#ifndef LADDER_CSV_H
#define LADDER_CSV_H

#include "base.h"

#define CSV_MAX_ROW (1 << 20)
#define CSV_MAX_FIELDS 256

typedef struct csv_reader csv_reader;

typedef struct csv_field {
	const char *s; /* UTF-8, NUL-terminated */
	size_t len;
	int col;       /* 1-based character column where the field starts */
	int quoted;
} csv_field;

typedef struct csv_row {
	csv_field *f;
	int n;
	long line; /* 1-based line where the row starts */
} csv_row;

/* name is used in error messages. Returns NULL and sets err if unreadable. */
csv_reader *csv_open_file(const char *path, lerr *err);
/* Reads from memory (not copied: data must outlive the reader). */
csv_reader *csv_open_mem(const char *name, const char *data, size_t n);
void csv_free(csv_reader *r);

/* 1: a row is in *row; 0: end of input; <0: error (err set, "name:line:col: ...").
 * Blank lines are skipped. */
int csv_next(csv_reader *r, csv_row **row, lerr *err) LADDER_WARN_UNUSED;

const char *csv_name(const csv_reader *r);
char csv_delimiter(const csv_reader *r);
/* "utf-8", "utf-8 (BOM)", "windows-1252" or "ascii" (nothing decided yet) */
const char *csv_encoding(const csv_reader *r);
/* SHA-256 of the whole input (files are hashed by a second thread started
 * by csv_open_file; this waits for it). Returns LERR_IO if the file could not
 * be hashed or changed while it was read (the byte counts differ) - only
 * meaningful once csv_next returned 0. */
int csv_sha256_hex(csv_reader *r, char hex[65]);
long csv_bytes(const csv_reader *r);

#endif
