/* sheet_rows.c - a large sheet's rows parsed on a thread of their own.
 *
 * Importing a sheet of a million cells, one thread parsed the XML and the
 * importer checked and stored each row after it (the inflating has a
 * thread already: sheet.c), so one of two cores sat idle. Here a thread
 * runs the reader (sheet_next_inline) ahead of the caller and packs its
 * rows into a ring of chunks (ring.h); sheet_next unpacks them, in the
 * same order, with the same values, errors and end. The reader thread
 * owns the book's parsing state while it runs; the caller touches only the
 * ring and the chunk it reads from (its rows are borrowed until the next
 * sheet_next, as ever). Whatever reads that state (the merges, the hidden
 * rows) pauses the thread first: it stops between two chunks, the caller
 * drains the ring and reads on in line from where the thread stopped. */
#define _POSIX_C_SOURCE 200809L
#include "sheet_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ROWS_SLOTS 4
#define ROWS_CHUNK (256 * 1024) /* bytes of packed rows a chunk holds before it is handed over */
#define ROWS_CHUNK_ROWS 2048
/* A chunk holds at least one row, and a row may be huge (SHEET_MAX_COLS
 * cells of SHEET_MAX_CELL bytes): past this many bytes waiting in the
 * ring the thread waits for the caller, so a sheet of huge rows holds one
 * or two of them here, not ROWS_SLOTS; a chunk grown past it is freed once
 * read. */
#define ROWS_RING_BYTES (4 * ROWS_CHUNK)

typedef struct rows_chunk {
	buf data;    /* rows: line, field count, then per field its length, typed flag and bytes + NUL */
	int end;     /* after the rows: 1 more, 0 the sheet's end, < 0 an error (err) */
	lerr err;
} rows_chunk;

struct sheet_rows {
	ring ring;
	rows_chunk chunk[ROWS_SLOTS];
	int cur;             /* the chunk being read (ring_take's), or -1: take the next */
	size_t at;           /* read so far of it */
	int taken;           /* its rows were handed out: release it on the next call */
	csv_field fields[SHEET_MAX_COLS];
	csv_row row;
};

static void pack_row(buf *d, const csv_row *r)
{
	int32_t n = r->n;
	int64_t line = r->line;
	buf_add(d, &line, sizeof line);
	buf_add(d, &n, sizeof n);
	for (int i = 0; i < r->n; i++) {
		uint32_t len = (uint32_t)r->f[i].len;
		buf_add(d, &len, sizeof len);
		buf_addc(d, (char)r->f[i].typed);
		buf_add(d, r->f[i].s, len);
		buf_addc(d, '\0');
	}
}

/* The row at *at of chunk c into r's own fields; the text stays in c. */
static void unpack_row(struct sheet_rows *R, const rows_chunk *c)
{
	const char *p = c->data.ptr + R->at;
	int64_t line;
	int32_t n;
	memcpy(&line, p, sizeof line);
	p += sizeof line;
	memcpy(&n, p, sizeof n);
	p += sizeof n;
	for (int i = 0; i < n; i++) {
		uint32_t len;
		memcpy(&len, p, sizeof len);
		p += sizeof len;
		csv_field *f = &R->fields[i];
		f->typed = (unsigned char)*p++;
		f->s = p;
		f->len = len;
		f->col = i + 1;
		f->line = (long)line;
		f->quoted = 0;
		p += len + 1;
	}
	R->row.f = R->fields;
	R->row.n = n;
	R->row.line = (long)line;
	R->at = (size_t)(p - c->data.ptr);
}

static void read_rows(void *arg)
{
	sheet_book *b = arg;
	struct sheet_rows *R = b->rows_ahead;
	for (int more = 1; more;) {
		int k = ring_fill(&R->ring);
		if (k < 0)
			break;
		rows_chunk *c = &R->chunk[k];
		buf_reset(&c->data);
		c->end = 1;
		for (int n = 0; c->end > 0 && n < ROWS_CHUNK_ROWS && c->data.len < ROWS_CHUNK; n++) {
			csv_row *row;
			int rc = sheet_next_inline(b, &row, &c->err);
			if (rc > 0)
				pack_row(&c->data, row);
			else
				c->end = rc;
		}
		more = c->end > 0;
		ring_filled(&R->ring, c->data.len);
	}
}

void sheet_rows_start(sheet_book *b)
{
	struct sheet_rows *R = xcalloc(1, sizeof *R);
	R->cur = -1;
	b->rows_ahead = R;
	if (ring_start(&R->ring, ROWS_SLOTS, ROWS_RING_BYTES, read_rows, b) != 0) {
		b->rows_ahead = NULL; /* read in line */
		free(R);
	}
}

static void rows_free(sheet_book *b)
{
	struct sheet_rows *R = b->rows_ahead;
	ring_free(&R->ring);
	for (int i = 0; i < ROWS_SLOTS; i++)
		buf_release(&R->chunk[i].data);
	free(R);
	b->rows_ahead = NULL;
}

/* Stops the thread between two chunks (the rows it packed stay to be
 * read); the book's parsing state is the caller's again. */
void sheet_rows_pause(sheet_book *b)
{
	if (b->rows_ahead)
		ring_stop(&b->rows_ahead->ring);
}

void sheet_rows_stop(sheet_book *b)
{
	if (!b->rows_ahead)
		return;
	sheet_rows_pause(b);
	rows_free(b);
}

int sheet_rows_next(sheet_book *b, csv_row **row, lerr *err)
{
	struct sheet_rows *R = b->rows_ahead;
	for (;;) {
		if (R->taken) { /* the rows handed out of the tail chunk are no longer borrowed */
			rows_chunk *done = &R->chunk[R->cur];
			size_t len = done->data.len;
			if (done->data.cap > ROWS_RING_BYTES)
				buf_release(&done->data);
			R->taken = 0;
			R->at = 0;
			ring_taken(&R->ring, len);
			R->cur = -1;
		}
		if (R->cur < 0) { /* once a chunk, not once a row: the lock is not free */
			R->cur = ring_take(&R->ring);
			if (R->cur < 0) { /* paused and drained: on in line, where the thread stopped */
				rows_free(b);
				return sheet_next_inline(b, row, err);
			}
		}
		rows_chunk *c = &R->chunk[R->cur];
		if (R->at < c->data.len) {
			unpack_row(R, c);
			R->taken = R->at == c->data.len && c->end > 0;
			*row = &R->row;
			return 1;
		}
		if (c->end > 0) {
			R->taken = 1;
			continue;
		}
		/* the end or an error stays the last chunk: asked again, it says so again */
		if (c->end < 0) {
			*err = c->err;
			b->failed = 1;
			b->err = c->err;
			return err->code ? err->code : LERR_PARSE;
		}
		return 0;
	}
}
