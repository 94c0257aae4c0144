/* sheet_internal.h - what the spreadsheet readers share; private to
 * src/base/sheet*.c. Prefix: sheet_ (as sheet.h).
 *
 * sheet.c: opening, zip parts under the limits, expat plumbing, the row
 * being built, positions. sheet_xlsx.c, sheet_ods.c, sheet_xls.c: one
 * format each, behind the sheet_ops table. sheet_rows.c: a large sheet's
 * rows parsed on a thread ahead of the caller.
 *
 * The XML readers are push parsers fed chunk by chunk from a zip entry;
 * at the end of a row with a value the element handler suspends expat
 * (XML_StopParser(..., XML_TRUE)) so that sheet_next hands out one row at a
 * time. A handler that finds an error records it in b->err and stops the
 * parser for good.
 */
#ifndef LADDER_SHEET_INTERNAL_H
#define LADDER_SHEET_INTERNAL_H

#include "ring.h"
#include "sheet.h"
#include "vocab.h"

#include <expat.h>
#include <pthread.h>
#include <string.h>
#include <zip.h>

typedef struct sheet_ops {
	const char *name;
	int (*open)(sheet_book *b, lerr *err);
	int (*select)(sheet_book *b, const char *name, int number, lerr *err); /* name, or (NULL) the number-th, 1-based */
	int (*next)(sheet_book *b, lerr *err); /* 1 row ready, 0 end, <0 error */
	int (*merges_ahead)(sheet_book *b, lerr *err); /* NULL: merges are known once read (see sheet_merges_ahead) */
	void (*close)(sheet_book *b);
} sheet_ops;

extern const sheet_ops sheet_xlsx_ops, sheet_ods_ops, sheet_xls_ops;

typedef struct sheet_info {
	char *name, *part; /* part: the zip entry of an .xlsx worksheet, NULL for a chart sheet */
	int hidden;
} sheet_info;

/* An open zip part and what it inflated so far, against the limits. */
typedef struct sheet_part {
	zip_file_t *zf;
	const char *name;
	long long inflated, compressed;
	long long size; /* inflated, as the zip directory says (0: not said) */
} sheet_part;

typedef struct sheet_inflater sheet_inflater;

struct sheet_book {
	char *file, *path;
	const sheet_ops *ops;
	int en; /* messages in English (else Dutch): sheet_open's en */
	zip_t *zip;
	const void *mem; /* sheet_open_mem: the bytes */
	size_t mem_len;
	/* the workbook */
	sheet_info *sheets;
	int n_sheets;
	int date1904;
	buf sst;          /* shared strings, NUL-separated */
	size_t *sst_off;
	long n_sst, cap_sst;
	unsigned char *xf_kind; /* per cell style: 0 number, 1 date, 2 time */
	int n_xf;
	/* the selected sheet */
	char *cur_name;
	int cur_hidden;
	buf other_hidden;
	sheet_part stream; /* the selected sheet's part (an .xlsx worksheet, an .ods content.xml) */
	sheet_inflater *ahead; /* inflating the stream on its own thread, or NULL */
	struct sheet_rows *rows_ahead; /* its rows read on their own thread (sheet_rows.c), or NULL */
	int rows_started;              /* that thread was started for this sheet */
	pthread_mutex_t zip_lock; /* libzip calls on zip: the inflater's and this thread's */
	const char *part; /* the stream's entry name, for messages */
	XML_Parser xp;
	int xml_final, xml_suspended, xml_done;
	int event;        /* a handler suspended the parser for something else than a row */
	lerr err;         /* set by a handler */
	int failed;
	/* the row */
	long row_num;     /* of the row being read */
	long rows, repeat;
	long long cells;
	int n_fields, row_has_value;
	buf text;
	size_t off[SHEET_MAX_COLS];
	unsigned char typed[SHEET_MAX_COLS];
	csv_field fields[SHEET_MAX_COLS];
	csv_row row;
	int row_ready;
	/* reports */
	long hidden_rows[SHEET_MAX_LISTED];
	int hidden_cols[SHEET_MAX_LISTED];
	sheet_range merges[SHEET_MAX_LISTED];
	int n_hidden_rows, n_hidden_cols, n_merges;
	int merges_known; /* sheet_merges_ahead read them: the rows do not add them again */
	int no_scanner;   /* sheet_use_scanner(b, 0): an .xlsx sheet all through expat */
	long total_hidden_rows, total_hidden_cols, total_merges;
	void *fmt; /* the format's own state */
};

/* ---- errors: "file:Sheet!C17: ..." (col 0: no cell, "file:Sheet: ...") */
int sheet_fail(sheet_book *b, int col, long row, const char *fmt, ...) LADDER_PRINTF(4, 5);
/* in an expat handler: records the error and stops the parser */
void sheet_xml_fail(sheet_book *b, int col, long row, const char *fmt, ...) LADDER_PRINTF(4, 5);

/* The index of sheet name in b->sheets (NULL: the number-th, 1-based), or
 * LERR_NOTFOUND with the sheets there are named (sheet_not_found). */
int sheet_find(const sheet_book *b, const char *name, int number, lerr *err);
int sheet_not_found(const sheet_book *b, const char *name, int number, lerr *err);

/* ---- zip parts */
int sheet_has_part(sheet_book *b, const char *name);
/* Parses a whole part with handlers already set on p (user data b).
 * Missing part: 0 when !required, else an error. */
int sheet_parse_part(sheet_book *b, XML_Parser p, const char *name, int required, lerr *err);
/* Streaming: opens part for sheet_feed (b->xp set up by the caller). */
int sheet_stream_open(sheet_book *b, const char *name, lerr *err);
/* Feeds b->xp until a row is ready (1), the part ends or a handler set
 * b->event (0), or an error. */
int sheet_stream_row(sheet_book *b, lerr *err);
/* The next bytes of the streamed part, under the limits (0: its end), for
 * a reader that feeds b->xp itself (the .xlsx row scanner). */
long sheet_stream_read(sheet_book *b, void *dst, size_t cap, lerr *err);
/* An XML error of b->xp, or the error a handler recorded. */
int sheet_xml_error(sheet_book *b, lerr *err);
/* An XML error of b->xp (or the handler's error), placed where a plain
 * parse of the whole part meets it: b->xp was given only part of the
 * bytes when the scanner took rows itself. */
int sheet_xml_error_rescan(sheet_book *b, lerr *err);
void sheet_stream_close(sheet_book *b);

/* ---- rows (sheet.c): sheet_next without the thread of sheet_rows.c */
int sheet_next_inline(sheet_book *b, csv_row **row, lerr *err);
/* ---- a large sheet's rows read ahead on a thread (sheet_rows.c) */
void sheet_rows_start(sheet_book *b); /* b->rows_ahead, or NULL when no thread could start */
int sheet_rows_next(sheet_book *b, csv_row **row, lerr *err);
/* Stops the thread between two rows: the book's state is the caller's
 * again (the rows it read are still handed out first). */
void sheet_rows_pause(sheet_book *b);
void sheet_rows_stop(sheet_book *b); /* and frees what is left */
/* Reads part once more beside the stream, under the same limits, handing
 * eat its bytes chunk by chunk (final: n == 0, the end); eat returns 0 to
 * go on, 1 to stop, <0 for an error. */
int sheet_part_scan(sheet_book *b, const char *name, int (*eat)(void *ctx, const char *p, size_t n, int final),
		    void *ctx, lerr *err);
/* An expat parser with b as user data, DOCTYPEs refused; ns: namespace
 * aware (names "uri|local"), else names as written ("prefix:local": an
 * .xlsx has one namespace that matters, and parsing is a fifth faster). */
XML_Parser sheet_xml_new(sheet_book *b, int ns);
/* "uri|local", "prefix:local" -> "local": after the last '|' or ':',
 * looked for from the end (an .ods names every element by its namespace's
 * URI, fifty bytes before a short local name); inline, as it is asked for
 * every element */
static inline const char *sheet_local(const char *name)
{
	const char *p = name + strlen(name);
	while (p > name && p[-1] != '|' && p[-1] != ':')
		p--;
	return p;
}
const char *sheet_attr(const XML_Char **atts, const char *local);

/* ---- the .xlsx row scanner (sheet_scan.c) */
/* A cell the scanner read whole, of the plainest form writers use: <c>
 * with attributes r, t, s only (each NULL when absent), and as its content
 * nothing (child 0), <v>text</v> (1) or <is><t>text</t></is> (2). The
 * handler has the effect of the events expat would give for it. */
typedef void (*sheet_cell_handler)(void *ud, const char *r, const char *t, const char *s, const char *text, size_t len,
				   int child);
typedef struct sheet_scan {
	XML_StartElementHandler start; /* the handlers expat has: a row's events go to them */
	XML_EndElementHandler end;
	XML_CharacterDataHandler text;
	sheet_cell_handler cell; /* NULL: cells as events too */
	int fast;         /* dispatching a row it read: the row's end must not suspend expat */
	int plain;        /* everything left goes to expat */
	int depth;        /* elements open in what expat was given */
	int skipped;      /* rows taken past expat: its positions are not the part's */
	int held_text;    /* text given to expat since its last tag may end in a token it holds back ('&', non-ASCII, CR, ...) */
	int eof;
	buf in;           /* bytes read from the part, from at on not yet taken */
	size_t at;
	size_t need;      /* bytes of a construct the buffer cut: read on until twice as many wait */
	buf scratch;      /* a row's names, attribute values and texts, NUL-terminated */
	struct xev *ev;   /* a row's events */
	int n_ev, cap_ev;
	size_t *atts;     /* attribute name/value offsets into scratch (xev.att) */
	int n_atts, cap_atts;
} sheet_scan;
/* Before streaming a part (after sheet_stream_open, b->xp set up). */
void sheet_scan_reset(sheet_scan *s, XML_StartElementHandler start, XML_EndElementHandler end,
		      XML_CharacterDataHandler text, sheet_cell_handler cell);
void sheet_scan_release(sheet_scan *s);
/* As sheet_stream_row: 1 a row ready, 0 the part ended, <0 an error. */
int sheet_scan_next(sheet_book *b, sheet_scan *s, lerr *err);
/* Where the tag starting at p ends (after its '>'), quotes respected; NULL
 * when it does not end before end. */
const char *sheet_tag_end(const char *p, const char *end);
/* The first k bytes c in [p, end), or NULL. */
const char *sheet_find_bytes(const char *p, const char *end, const char *c, size_t k);

/* ---- the row being built */
void sheet_row_begin(sheet_book *b, long row);
/* Sets column col's value (typed: a number); columns must rise. */
int sheet_row_set(sheet_book *b, int col, const char *s, size_t n, int typed);
/* Ends the row: ready (1) when it has a value. */
int sheet_row_end(sheet_book *b);
void sheet_note_hidden_row(sheet_book *b, long row);
void sheet_note_hidden_col(sheet_book *b, int col);
void sheet_note_merge(sheet_book *b, sheet_range r);

/* ---- values */
/* A number as Excel shows it at most (15 significant digits, '.'). */
void sheet_fmt_number(char *out, size_t cap, double v);
/* "0", "-12", "2017": no sign of its own but '-', no leading zero, at most
 * 15 digits (beyond that Excel rounds): the text is what sheet_fmt_number
 * would write of its value, so a reader may keep it as it is */
static inline int sheet_plain_integer(const char *v)
{
	const char *p = v + (*v == '-');
	size_t n = strspn(p, "0123456789");
	return n > 0 && n <= 15 && p[n] == '\0' && (p[0] != '0' || n == 1) && strcmp(v, "-0") != 0;
}
/* A date serial as ISO text (kind 1 date[+time], 2 time); <0 if out of range. */
int sheet_fmt_serial(char *out, size_t cap, double v, int date1904, int kind);
/* "A1" -> col 1, row 1; 0 or <0 when not a reference. */
int sheet_parse_ref(const char *s, int *col, long *row);

#endif
