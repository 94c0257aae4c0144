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
 * Input is read once: a regular file, a pipe or FIFO (also /dev/stdin,
 * <(...)), or standard input named "-". Anything else (a device such as
 * /dev/zero, a directory, a socket, a terminal) is refused when opened. The
 * SHA-256 is of exactly the bytes parsed. One input may hold at most
 * CSV_MAX_BYTES; a pipe that sends nothing for CSV_IDLE_SECONDS, or any
 * input still being read after CSV_MAX_SECONDS, fails with LERR_IO (an
 * import holds the store's write lock meanwhile).
 *
 * Ownership: csv_open_* return a reader freed with csv_free(). Rows and field
 * text are borrowed: valid until the next csv_next() call.
 */
#ifndef LADDER_CSV_H
#define LADDER_CSV_H

#include "base.h"

#ifndef CSV_MAX_ROW /* the fuzz build makes it small; the message says 1 MiB */
#define CSV_MAX_ROW (1 << 20)
#endif
#define CSV_MAX_FIELDS 256
#define CSV_MAX_BYTES (1LL << 30) /* 1 GiB: ~30 million figure rows */
#define CSV_IDLE_SECONDS 60
#define CSV_MAX_SECONDS 900
#define CSV_STDIN_NAME "stdin" /* the name of "-" in messages and batches */

typedef struct csv_reader csv_reader;

typedef struct csv_field {
	const char *s; /* UTF-8, NUL-terminated */
	size_t len;
	int col;       /* 1-based character column where the field starts */
	long line;     /* 1-based line where it starts (after a quoted line break, past the row's) */
	int quoted;
	int typed;     /* a spreadsheet's number cell: '.' decimal, no grouping (sheet.h) */
} csv_field;

typedef struct csv_row {
	csv_field *f;
	int n;
	long line; /* 1-based line where the row starts */
} csv_row;

/* path is used in error messages ("-": standard input, named
 * CSV_STDIN_NAME). Returns NULL and sets err (LERR_IO) if it cannot be
 * opened or is not a regular file or a pipe. */
csv_reader *csv_open_file(const char *path, lerr *err);
/* csv_open_file with its errors, and the reader's, in Dutch (en 0) or
 * English (en 1, csv_open_file's and csv_open_mem's default) */
csv_reader *csv_open_file_lang(const char *path, int en, lerr *err);
void csv_set_english(csv_reader *r, int en);
/* Replaces the limits of a file reader (0 = none): bytes in all, ms without
 * data on a pipe, ms in all from now. Tests and the fuzz targets use it. */
void csv_set_limits(csv_reader *r, long long max_bytes, int idle_ms, int total_ms);
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
/* SHA-256 of the bytes read so far - of the whole input once csv_next
 * returned 0. Returns 0. */
int csv_sha256_hex(const csv_reader *r, char hex[65]);
long csv_bytes(const csv_reader *r);

#endif
