/* csv.c - streaming CSV tokenizer with encoding detection. See csv.h. */
#define _POSIX_C_SOURCE 200809L
#include "csv.h"
#include "sha256.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_CHUNK (256 * 1024)

enum enc { ENC_UNDECIDED, ENC_UTF8, ENC_UTF8_BOM, ENC_CP1252 };

struct csv_reader {
	char *name;
	FILE *fp;              /* NULL for memory input */
	const unsigned char *mem;
	size_t mem_len;
	unsigned char *in;     /* read buffer (file input) */
	size_t pos, len;       /* window into in or mem */
	int eof;               /* no more bytes will arrive */
	long bytes;
	sha256_ctx sha;        /* memory input: hashed at once */
	pthread_t hasher;      /* file input: hashed by a second thread */
	int hashing;
	char hex[65];
	long hashed_bytes;
	enum enc enc;
	char delim;            /* 0 until the header line decided it */
	long line;
	int col;               /* column of the next character */
	int started;           /* BOM check done */
	buf text;              /* decoded bytes of the current row */
	size_t starts[CSV_MAX_FIELDS];
	int cols[CSV_MAX_FIELDS];
	int quoted[CSV_MAX_FIELDS];
	csv_field fields[CSV_MAX_FIELDS];
	csv_row row;
};

/* Windows-1252 0x80-0x9F; 0 marks the five undefined bytes. */
static const unsigned short cp1252_hi[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
	0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static csv_reader *reader_new(const char *name)
{
	csv_reader *r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	r->line = 1;
	r->col = 1;
	sha256_init(&r->sha);
	return r;
}

/* The fingerprint of a file is computed on the other core while the parser
 * reads it: the same bytes come twice from the page cache, and hashing
 * leaves the import's critical path. */
static void *hash_file(void *arg)
{
	csv_reader *r = arg;
	sha256_ctx c;
	uint8_t d[32];
	sha256_init(&c);
	r->hashed_bytes = -1;
	FILE *fp = fopen(r->name, "rb");
	if (fp) {
		unsigned char *chunk = xmalloc(READ_CHUNK);
		size_t got;
		long total = 0;
		while ((got = fread(chunk, 1, READ_CHUNK, fp)) > 0) {
			sha256_update(&c, chunk, got);
			total += (long)got;
		}
		if (!ferror(fp))
			r->hashed_bytes = total;
		free(chunk);
		fclose(fp);
	}
	sha256_final(&c, d);
	sha256_hex(d, r->hex);
	return NULL;
}

csv_reader *csv_open_file(const char *path, lerr *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		lerr_set(err, LERR_IO, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	csv_reader *r = reader_new(path);
	r->fp = fp;
	r->in = xmalloc(READ_CHUNK);
	r->hashing = pthread_create(&r->hasher, NULL, hash_file, r) == 0;
	if (!r->hashing)
		hash_file(r);
	return r;
}

static void join_hasher(csv_reader *r)
{
	if (r->hashing) {
		pthread_join(r->hasher, NULL);
		r->hashing = 0;
	}
}

csv_reader *csv_open_mem(const char *name, const char *data, size_t n)
{
	csv_reader *r = reader_new(name);
	r->mem = (const unsigned char *)data;
	r->mem_len = n;
	r->len = n;
	r->eof = 1;
	r->bytes = (long)n;
	sha256_update(&r->sha, data, n);
	return r;
}

void csv_free(csv_reader *r)
{
	if (!r)
		return;
	join_hasher(r);
	if (r->fp)
		fclose(r->fp);
	free(r->in);
	free(r->name);
	buf_release(&r->text);
	free(r);
}

const char *csv_name(const csv_reader *r) { return r->name; }
char csv_delimiter(const csv_reader *r) { return r->delim ? r->delim : ','; }
long csv_bytes(const csv_reader *r) { return r->bytes; }

const char *csv_encoding(const csv_reader *r)
{
	switch (r->enc) {
	case ENC_UTF8: return "utf-8";
	case ENC_UTF8_BOM: return "utf-8 (BOM)";
	case ENC_CP1252: return "windows-1252";
	default: return "ascii";
	}
}

int csv_sha256_hex(csv_reader *r, char hex[65])
{
	if (r->fp) {
		join_hasher(r);
		memcpy(hex, r->hex, 65);
		/* the parser and the hasher must have seen the same file */
		return r->hashed_bytes == r->bytes ? 0 : LERR_IO;
	}
	sha256_ctx copy = r->sha;
	uint8_t d[32];
	sha256_final(&copy, d);
	sha256_hex(d, hex);
	return 0;
}

static const unsigned char *data_ptr(csv_reader *r)
{
	return r->fp ? r->in : r->mem;
}

/* Ensure at least `want` unread bytes are buffered, unless input ends first.
 * Returns the number available (may be less than want at end of input). */
static size_t avail(csv_reader *r, size_t want, lerr *err, int *ioerr)
{
	size_t have = r->len - r->pos;
	if (have >= want || r->eof)
		return have;
	memmove(r->in, r->in + r->pos, have);
	r->pos = 0;
	r->len = have;
	while (r->len < want && !r->eof) {
		size_t got = fread(r->in + r->len, 1, READ_CHUNK - r->len, r->fp);
		if (got == 0) {
			if (ferror(r->fp)) {
				lerr_set(err, LERR_IO, "%s: read error: %s", r->name, strerror(errno));
				*ioerr = 1;
			}
			r->eof = 1;
			break;
		}
		r->bytes += (long)got;
		r->len += got;
	}
	return r->len - r->pos;
}

static int fail(csv_reader *r, lerr *err, long line, int col, const char *what)
{
	return lerr_set(err, LERR_PARSE, "%s:%ld:%d: %s", r->name, line, col, what);
}

static void put_utf8(buf *b, unsigned cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | cp >> 6);
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | cp >> 12);
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | cp >> 18);
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, t, n);
}

/* Length of a valid UTF-8 sequence at p (n bytes available), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t n, unsigned *cp)
{
	unsigned c = p[0];
	size_t len;
	unsigned min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		min = 0x80;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		min = 0x800;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Decode the non-ASCII character at the read position into r->text. */
static int decode_high(csv_reader *r, lerr *err, int *ioerr)
{
	size_t n = avail(r, 4, err, ioerr);
	if (*ioerr)
		return LERR_IO;
	const unsigned char *p = data_ptr(r) + r->pos;
	unsigned cp = 0;
	if (r->enc == ENC_UNDECIDED) {
		size_t len = utf8_seq(p, n, &cp);
		r->enc = len ? ENC_UTF8 : ENC_CP1252;
	}
	if (r->enc == ENC_CP1252) {
		unsigned c = p[0];
		if (c < 0xA0) {
			cp = cp1252_hi[c - 0x80];
			if (!cp)
				return fail(r, err, r->line, r->col,
					    "byte not defined in Windows-1252 (this file's encoding, decided by its first non-ASCII character)");
		} else {
			cp = c;
		}
		put_utf8(&r->text, cp);
		r->pos += 1;
		return 0;
	}
	size_t len = utf8_seq(p, n, &cp);
	if (!len)
		return fail(r, err, r->line, r->col,
			    "invalid UTF-8 (this file's encoding, decided by its first non-ASCII character); save it as UTF-8 or Windows-1252 throughout");
	buf_add(&r->text, p, len);
	r->pos += len;
	return 0;
}

static void skip_bom(csv_reader *r, lerr *err, int *ioerr)
{
	r->started = 1;
	size_t n = avail(r, 3, err, ioerr);
	const unsigned char *p = data_ptr(r) + r->pos;
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		r->pos += 3;
		r->enc = ENC_UTF8_BOM;
	}
}

/* Decide the delimiter from the header line: count ',' and ';' outside quotes. */
static int detect_delimiter(csv_reader *r, lerr *err, int *ioerr)
{
	size_t n = avail(r, READ_CHUNK / 2, err, ioerr);
	if (*ioerr)
		return LERR_IO;
	const unsigned char *p = data_ptr(r) + r->pos;
	int inq = 0, commas = 0, semis = 0;
	size_t i = 0;
	while (i < n && (p[i] == '\n' || p[i] == '\r'))
		i++; /* blank lines before the header */
	for (; i < n; i++) {
		unsigned char c = p[i];
		if (c == '"')
			inq = !inq;
		else if (!inq && (c == '\n' || c == '\r'))
			break;
		else if (!inq && c == ',')
			commas++;
		else if (!inq && c == ';')
			semis++;
	}
	if (commas && semis)
		return fail(r, err, 1, 1,
			    "header has both ',' and ';' outside quotes: the delimiter is ambiguous");
	r->delim = semis ? ';' : ',';
	return 0;
}

static int end_field(csv_reader *r, int *nf, size_t start, int col, int quoted, lerr *err)
{
	if (*nf >= CSV_MAX_FIELDS)
		return fail(r, err, r->line, col, "too many fields in this row");
	r->starts[*nf] = start;
	r->cols[*nf] = col;
	r->quoted[*nf] = quoted;
	buf_addc(&r->text, '\0');
	(*nf)++;
	return 0;
}

/* Consumes the line end at the read position: "\n", "\r" or "\r\n". */
static void take_line_end(csv_reader *r, unsigned char c, lerr *err, int *ioerr)
{
	r->pos++;
	if (c == '\r' && avail(r, 1, err, ioerr) && data_ptr(r)[r->pos] == '\n')
		r->pos++;
}

/* Copies one character to the row text (decoding non-ASCII) and advances. */
static int take_char(csv_reader *r, unsigned char c, lerr *err, int *ioerr)
{
	if (c >= 0x80) {
		int rc = decode_high(r, err, ioerr);
		if (rc < 0)
			return rc;
	} else {
		buf_addc(&r->text, (char)c);
		r->pos++;
	}
	r->col++;
	return 0;
}

int csv_next(csv_reader *r, csv_row **out, lerr *err)
{
	int ioerr = 0, rc;
	if (!r->started) {
		skip_bom(r, err, &ioerr);
		if (ioerr)
			return LERR_IO;
	}
	if (!r->delim && (rc = detect_delimiter(r, err, &ioerr)) < 0)
		return rc;

	for (;;) {
		buf_reset(&r->text);
		int nf = 0;
		long row_line = r->line;
		size_t fstart = 0;
		int fcol = r->col, inq = 0, quoted = 0, after_quote = 0, any = 0;
		long qline = 0;
		int qcol = 0;

		for (;;) {
			if (r->pos >= r->len && avail(r, 1, err, &ioerr) == 0) {
				if (ioerr)
					return LERR_IO;
				if (inq)
					return fail(r, err, qline, qcol, "quoted field is never closed");
				if (!any && nf == 0)
					return 0; /* clean end of input */
				if ((rc = end_field(r, &nf, fstart, fcol, quoted, err)) < 0)
					return rc;
				goto row_done;
			}
			unsigned char c = data_ptr(r)[r->pos];
			if (r->text.len > CSV_MAX_ROW)
				return fail(r, err, row_line, 1, "row longer than 1 MiB");
			if (c == 0)
				return fail(r, err, r->line, r->col, "NUL byte: this is not a text file");
			if (inq) {
				if (c == '"') {
					r->pos++;
					r->col++;
					if (avail(r, 1, err, &ioerr) && data_ptr(r)[r->pos] == '"') {
						buf_addc(&r->text, '"');
						r->pos++;
						r->col++;
					} else {
						if (ioerr)
							return LERR_IO;
						inq = 0;
						after_quote = 1;
					}
					continue;
				}
				if (c == '\n' || c == '\r') {
					take_line_end(r, c, err, &ioerr);
					buf_addc(&r->text, '\n');
					r->line++;
					r->col = 1;
					continue;
				}
				if ((rc = take_char(r, c, err, &ioerr)) < 0)
					return rc;
				continue;
			}
			if (c == (unsigned char)r->delim) {
				if ((rc = end_field(r, &nf, fstart, fcol, quoted, err)) < 0)
					return rc;
				r->pos++;
				r->col++;
				fstart = r->text.len;
				fcol = r->col;
				quoted = after_quote = 0;
				any = 1;
				continue;
			}
			if (c == '\n' || c == '\r') {
				take_line_end(r, c, err, &ioerr);
				if (ioerr)
					return LERR_IO;
				if ((rc = end_field(r, &nf, fstart, fcol, quoted, err)) < 0)
					return rc;
				r->line++;
				r->col = 1;
				goto row_done;
			}
			if (after_quote)
				return fail(r, err, r->line, r->col,
					    "expected a delimiter or end of line after the closing quote");
			if (c == '"') {
				if (r->text.len != fstart)
					return fail(r, err, r->line, r->col,
						    "quote inside an unquoted field (quote the whole field and double the quote)");
				inq = quoted = any = 1;
				qline = r->line;
				qcol = r->col;
				r->pos++;
				r->col++;
				continue;
			}
			any = 1;
			if (c < 0x80) {
				/* the common case: a run of plain ASCII up to the next special byte */
				const unsigned char *p = data_ptr(r) + r->pos, *end = data_ptr(r) + r->len;
				const unsigned char *q = p;
				unsigned char d = (unsigned char)r->delim;
				while (q < end && *q < 0x80 && *q != d && *q != '"' && *q != '\n' && *q != '\r' && *q)
					q++;
				buf_add(&r->text, p, (size_t)(q - p));
				r->pos += (size_t)(q - p);
				r->col += (int)(q - p);
				continue;
			}
			if ((rc = take_char(r, c, err, &ioerr)) < 0)
				return rc;
		}
	row_done:
		if (nf == 1 && r->starts[0] == 0 && r->text.len == 1 && !r->quoted[0])
			continue; /* blank line */
		for (int i = 0; i < nf; i++) {
			csv_field *f = &r->fields[i];
			f->s = r->text.ptr + r->starts[i];
			f->len = strlen(f->s);
			f->col = r->cols[i];
			f->quoted = r->quoted[i];
		}
		r->row.f = r->fields;
		r->row.n = nf;
		r->row.line = row_line;
		*out = &r->row;
		return 1;
	}
}
