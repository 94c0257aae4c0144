/* csv.c - streaming CSV tokenizer with encoding detection. See csv.h. */
#define _POSIX_C_SOURCE 200809L
#include "csv.h"
#include "vocab.h"
#include "crypt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The fuzz build makes it small, so that short inputs cross many refills. */
#ifndef CSV_READ_CHUNK
#define CSV_READ_CHUNK (256 * 1024)
#endif
#define READ_CHUNK CSV_READ_CHUNK

enum enc { ENC_UNDECIDED, ENC_UTF8, ENC_UTF8_BOM, ENC_CP1252 };

struct csv_reader {
	char *name;
	int en;                /* the language of its errors: 1 English (the default), 0 Dutch */
	int fd;                /* -1 for memory input */
	int own_fd;            /* opened here (not standard input) */
	int poll_first;        /* a pipe: wait for data with a bounded poll */
	const unsigned char *mem;
	size_t mem_len;
	unsigned char *in;     /* read buffer (file input) */
	size_t pos, len;       /* window into in or mem */
	int eof;               /* no more bytes will arrive */
	long bytes;
	long long max_bytes;
	int idle_ms;
	long long deadline_ms; /* monotonic; 0 = none */
	int total_ms;
	crypt_hash sha;        /* of every byte read so far */
	enum enc enc;
	char delim;            /* 0 until the header line decided it */
	long line;
	int col;               /* column of the next character */
	int started;           /* BOM check done */
	buf text;              /* decoded bytes of the current row */
	size_t starts[CSV_MAX_FIELDS];
	int cols[CSV_MAX_FIELDS];
	long lines[CSV_MAX_FIELDS];
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

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static csv_reader *reader_new(const char *name)
{
	csv_reader *r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	r->en = 1;
	r->fd = -1;
	r->line = 1;
	r->col = 1;
	crypt_hash_init(&r->sha);
	return r;
}

/* ------------------------------------------------------------- opening */

/* What a reader accepts: a regular file or a pipe/FIFO. NULL if st is one,
 * else why not. */
static const char *unreadable_kind(const struct stat *st, int en)
{
	if (S_ISREG(st->st_mode) || S_ISFIFO(st->st_mode))
		return NULL;
	if (S_ISDIR(st->st_mode))
		return V(en, csv_is_a_directory);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return V(en, csv_is_a_device);
	if (S_ISSOCK(st->st_mode))
		return V(en, csv_is_a_socket);
	return V(en, csv_is_not_a_regular_file);
}

static int refuse_kind(lerr *err, const char *name, const char *why, int en)
{
	return lerr_set(err, LERR_IO, V(en, csv_not_a_csv_file), name, why);
}

static int too_large(lerr *err, const char *name, long long max, int en)
{
	char lim[32];
	if (max % (1 << 30) == 0)
		snprintf(lim, sizeof lim, "%lld GiB", max >> 30);
	else if (max % (1 << 20) == 0)
		snprintf(lim, sizeof lim, "%lld MiB", max >> 20);
	else
		snprintf(lim, sizeof lim, "%lld bytes", max);
	return lerr_set(err, LERR_IO, V(en, csv_larger_than_the_limit), name, lim);
}

static csv_reader *open_fd(const char *name, int fd, int own, const struct stat *st)
{
	csv_reader *r = reader_new(name);
	r->fd = fd;
	r->own_fd = own;
	r->poll_first = S_ISFIFO(st->st_mode);
	r->in = xmalloc(READ_CHUNK);
	csv_set_limits(r, CSV_MAX_BYTES, CSV_IDLE_SECONDS * 1000, CSV_MAX_SECONDS * 1000);
	return r;
}

csv_reader *csv_open_file(const char *path, lerr *err)
{
	return csv_open_file_lang(path, 1, err);
}

void csv_set_english(csv_reader *r, int en)
{
	r->en = en;
}

csv_reader *csv_open_file_lang(const char *path, int en, lerr *err)
{
	csv_reader *r;
	struct stat st;
	if (strcmp(path, "-") == 0) {
		/* standard input: read as it is (never made non-blocking: the
		 * description is shared with whoever started us) */
		if (fstat(0, &st) < 0) {
			lerr_set(err, LERR_IO, V(en, csv_cannot_read), CSV_STDIN_NAME, lerr_reason(errno, en));
			return NULL;
		}
		if (isatty(0)) {
			lerr_set(err, LERR_IO, V(en, csv_is_a_terminal), CSV_STDIN_NAME);
			return NULL;
		}
		const char *why = unreadable_kind(&st, en);
		if (why) {
			refuse_kind(err, CSV_STDIN_NAME, why, en);
			return NULL;
		}
		if (S_ISREG(st.st_mode) && st.st_size > CSV_MAX_BYTES) {
			too_large(err, CSV_STDIN_NAME, CSV_MAX_BYTES, en);
			return NULL;
		}
		r = open_fd(CSV_STDIN_NAME, 0, 0, &st);
		r->en = en;
		return r;
	}
	/* look before opening: opening a device can have effects, opening a
	 * FIFO waits for a writer, a socket cannot be opened at all */
	if (stat(path, &st) < 0) {
		lerr_set(err, LERR_IO, V(en, csv_cannot_open), path, lerr_reason(errno, en));
		return NULL;
	}
	const char *why = unreadable_kind(&st, en);
	if (why) {
		refuse_kind(err, path, why, en);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && st.st_size > CSV_MAX_BYTES) {
		too_large(err, path, CSV_MAX_BYTES, en);
		return NULL;
	}
	/* O_NONBLOCK: a FIFO opens at once; its reads wait in a bounded poll */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		lerr_set(err, LERR_IO, V(en, csv_cannot_open), path, lerr_reason(errno, en));
		return NULL;
	}
	/* what was opened may not be what was looked at */
	if (fstat(fd, &st) < 0 || (why = unreadable_kind(&st, en)) != NULL) {
		refuse_kind(err, path, why ? why : lerr_reason(errno, en), en);
		close(fd);
		return NULL;
	}
	r = open_fd(path, fd, 1, &st);
	r->en = en;
	return r;
}

void csv_set_limits(csv_reader *r, long long max_bytes, int idle_ms, int total_ms)
{
	r->max_bytes = max_bytes;
	r->idle_ms = idle_ms;
	r->total_ms = total_ms;
	r->deadline_ms = total_ms > 0 ? now_ms() + total_ms : 0;
}

csv_reader *csv_open_mem(const char *name, const char *data, size_t n)
{
	csv_reader *r = reader_new(name);
	r->mem = (const unsigned char *)data;
	r->mem_len = n;
	r->len = n;
	r->eof = 1;
	r->bytes = (long)n;
	crypt_hash_add(&r->sha, data, n);
	return r;
}

void csv_free(csv_reader *r)
{
	if (!r)
		return;
	if (r->own_fd)
		close(r->fd);
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

int csv_sha256_hex(const csv_reader *r, char hex[65])
{
	crypt_hash copy = r->sha;
	crypt_hash_hex(&copy, hex);
	return 0;
}

/* ------------------------------------------------------------- reading */

/* One read(2) into p (at most cap bytes), bounded in time for pipes and in
 * size for everything. >0 bytes, 0 at end of input, <0 with err set. */
static long read_some(csv_reader *r, unsigned char *p, size_t cap, lerr *err)
{
	for (;;) {
		int wait = -1;
		if (r->deadline_ms) {
			long long left = r->deadline_ms - now_ms();
			if (left <= 0)
				return lerr_set(err, LERR_IO, V(r->en, csv_reading_took_longer), r->name, r->total_ms / 1000.0);
			wait = left > INT32_MAX ? INT32_MAX : (int)left;
		}
		if (r->poll_first) {
			int idle = r->idle_ms > 0 && (wait < 0 || r->idle_ms < wait) ? r->idle_ms : wait;
			struct pollfd pf = {r->fd, POLLIN, 0};
			int k = poll(&pf, 1, idle);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				return lerr_set(err, LERR_IO, V(r->en, csv_read_error), r->name, lerr_reason(errno, r->en));
			if (k == 0) {
				if (idle == r->idle_ms)
					return lerr_set(err, LERR_IO, V(r->en, csv_no_data_arrived), r->name, r->idle_ms / 1000.0);
				continue; /* the deadline, reported above */
			}
		}
		ssize_t got = read(r->fd, p, cap);
		if (got < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue; /* a FIFO without a writer yet, or a signal */
		if (got < 0)
			return lerr_set(err, LERR_IO, V(r->en, csv_read_error), r->name, lerr_reason(errno, r->en));
		if (r->max_bytes > 0 && r->bytes + got > r->max_bytes)
			return too_large(err, r->name, r->max_bytes, r->en);
		return (long)got;
	}
}

static const unsigned char *data_ptr(csv_reader *r)
{
	return r->fd >= 0 ? r->in : r->mem;
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
		long got = read_some(r, r->in + r->len, READ_CHUNK - r->len, err);
		if (got <= 0) {
			*ioerr = got < 0;
			r->eof = 1;
			break;
		}
		/* the fingerprint from the bytes parsed: a second read of the
		 * path would see something else for a pipe, and never end for an
		 * endless one */
		crypt_hash_add(&r->sha, r->in + r->len, (size_t)got);
		r->bytes += got;
		r->len += (size_t)got;
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
					    V(r->en, csv_byte_not_in_cp1252));
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
			    V(r->en, csv_invalid_utf8));
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
	/* the same window for memory input as a file buffer gives: a header
	 * longer than that is decided the same way whatever the source */
	if (n > READ_CHUNK / 2)
		n = READ_CHUNK / 2;
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
			    V(r->en, csv_ambiguous_delimiter));
	r->delim = semis ? ';' : ',';
	return 0;
}

static int end_field(csv_reader *r, int *nf, size_t start, long line, int col, int quoted, lerr *err)
{
	if (*nf >= CSV_MAX_FIELDS)
		return fail(r, err, r->line, col, V(r->en, csv_too_many_fields));
	r->starts[*nf] = start;
	r->cols[*nf] = col;
	r->lines[*nf] = line;
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
		long fline = r->line;
		long qline = 0;
		int qcol = 0;

		for (;;) {
			/* before the end-of-input check: a row is refused at the same
			 * point whether it ends a chunk, the input or neither */
			if (r->text.len > CSV_MAX_ROW)
				return fail(r, err, row_line, 1, V(r->en, csv_row_too_long));
			if (r->pos >= r->len && avail(r, 1, err, &ioerr) == 0) {
				if (ioerr)
					return LERR_IO;
				if (inq)
					return fail(r, err, qline, qcol, V(r->en, csv_quote_never_closed));
				if (!any && nf == 0)
					return 0; /* clean end of input */
				if ((rc = end_field(r, &nf, fstart, fline, fcol, quoted, err)) < 0)
					return rc;
				goto row_done;
			}
			unsigned char c = data_ptr(r)[r->pos];
			if (c == 0)
				return fail(r, err, r->line, r->col, V(r->en, csv_nul_byte));
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
				if ((rc = end_field(r, &nf, fstart, fline, fcol, quoted, err)) < 0)
					return rc;
				r->pos++;
				r->col++;
				fstart = r->text.len;
				fcol = r->col;
				fline = r->line;
				quoted = after_quote = 0;
				any = 1;
				continue;
			}
			if (c == '\n' || c == '\r') {
				take_line_end(r, c, err, &ioerr);
				if (ioerr)
					return LERR_IO;
				if ((rc = end_field(r, &nf, fstart, fline, fcol, quoted, err)) < 0)
					return rc;
				r->line++;
				r->col = 1;
				goto row_done;
			}
			if (after_quote)
				return fail(r, err, r->line, r->col,
					    V(r->en, csv_expected_delimiter_after_quote));
			if (c == '"') {
				if (r->text.len != fstart)
					return fail(r, err, r->line, r->col,
						    V(r->en, csv_quote_inside_unquoted));
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
			f->line = r->lines[i];
			f->quoted = r->quoted[i];
			f->typed = 0;
		}
		r->row.f = r->fields;
		r->row.n = nf;
		r->row.line = row_line;
		*out = &r->row;
		return 1;
	}
}
