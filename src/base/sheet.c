/* sheet.c - the spreadsheet readers' common part: opening a workbook,
 * zip parts read under the limits, the expat plumbing, the row being built
 * and positions. The formats: sheet_xlsx.c, sheet_ods.c, sheet_xls.c. See
 * sheet.h. */
#define _POSIX_C_SOURCE 200809L
#include "sheet_internal.h"
#include "crypt.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHUNK (64 * 1024)
#define RATIO_FROM (16LL << 20) /* below this many bytes any ratio is fine */

/* ------------------------------------------------------------------ names */

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot ? dot + 1 : "";
}

static const sheet_ops *ops_for(const char *ext)
{
	if (strcasecmp(ext, "xlsx") == 0 || strcasecmp(ext, "xlsm") == 0)
		return &sheet_xlsx_ops;
	if (strcasecmp(ext, "ods") == 0)
		return &sheet_ods_ops;
	if (strcasecmp(ext, "xls") == 0)
		return &sheet_xls_ops;
	return NULL;
}

void sheet_where(const sheet_book *b, char *out, size_t cap, int col, long row)
{
	buf o = BUF_INIT;
	sheet_place(&o, b->file, b->cur_name, b->cur_name ? col : 0, row);
	snprintf(out, cap, "%s", o.ptr);
	buf_release(&o);
}

static int vfail(sheet_book *b, int col, long row, const char *fmt, va_list ap)
{
	/* the first error is the one to report: expat still ends an empty
	 * element whose start failed, and that end must not overwrite it */
	if (b->failed)
		return b->err.code;
	char where[512], msg[768];
	sheet_where(b, where, sizeof where, col, row);
	vsnprintf(msg, sizeof msg, fmt, ap);
	b->failed = 1;
	return lerr_set(&b->err, LERR_PARSE, "%s: %s", where, msg);
}

int sheet_fail(sheet_book *b, int col, long row, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vfail(b, col, row, fmt, ap);
	va_end(ap);
	return rc;
}

void sheet_xml_fail(sheet_book *b, int col, long row, const char *fmt, ...)
{
	if (b->failed)
		return; /* the first error is the one to report */
	va_list ap;
	va_start(ap, fmt);
	vfail(b, col, row, fmt, ap);
	va_end(ap);
	XML_StopParser(b->xp, XML_FALSE);
}

/* ------------------------------------------------------------------ opening */

/* The first bytes say what the file really is. */
static int sniff(const char *path, unsigned char *head, size_t cap)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t n = fread(head, 1, cap, f);
	fclose(f);
	return (int)n;
}

static int is_cfb(const unsigned char *h, int n)
{
	static const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	return n >= 8 && memcmp(h, magic, 8) == 0;
}

/* An encrypted .xlsx/.ods from Office is an OLE compound file holding the
 * streams EncryptionInfo and EncryptedPackage (their names in UTF-16). */
static int cfb_is_encrypted_ooxml(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";
	unsigned char *data = xmalloc(1 << 20);
	size_t n = fread(data, 1, 1 << 20, f);
	fclose(f);
	int found = 0;
	for (size_t i = 0; i + sizeof name - 1 <= n && !found; i++)
		found = memcmp(data + i, name, sizeof name - 1) == 0;
	free(data);
	return found;
}

/* libzip's reason in the user's language (English as libzip words it). */
static const char *zip_reason(zip_error_t *ze, int en)
{
	if (en)
		return zip_error_strerror(ze);
	switch (zip_error_code_zip(ze)) {
	case ZIP_ER_NOZIP: return V(en, zip_er_nozip);
	case ZIP_ER_INCONS: return V(en, zip_er_incons);
	case ZIP_ER_CRC: return V(en, zip_er_crc);
	case ZIP_ER_EOF: return V(en, zip_er_eof);
	case ZIP_ER_COMPNOTSUPP: return V(en, zip_er_compnotsupp);
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD: return V(en, zip_er_encr);
	case ZIP_ER_ZLIB: return V(en, zip_er_zlib);
	default:
		if (zip_error_system_type(ze) == ZIP_ET_SYS)
			return lerr_reason(zip_error_code_system(ze), en);
		return zip_error_strerror(ze);
	}
}

/* expat's reason in the user's language (English as expat words it). */
static const char *xml_reason(enum XML_Error code, int en)
{
	if (en)
		return XML_ErrorString(code);
	switch (code) {
	case XML_ERROR_SYNTAX: return V(en, xml_er_syntax);
	case XML_ERROR_NO_ELEMENTS: return V(en, xml_er_no_elements);
	case XML_ERROR_INVALID_TOKEN: return V(en, xml_er_invalid_token);
	case XML_ERROR_UNCLOSED_TOKEN:
	case XML_ERROR_UNCLOSED_CDATA_SECTION: return V(en, xml_er_unclosed_token);
	case XML_ERROR_PARTIAL_CHAR: return V(en, xml_er_partial_char);
	case XML_ERROR_TAG_MISMATCH: return V(en, xml_er_tag_mismatch);
	case XML_ERROR_DUPLICATE_ATTRIBUTE: return V(en, xml_er_duplicate_attribute);
	case XML_ERROR_JUNK_AFTER_DOC_ELEMENT: return V(en, xml_er_junk_after_doc);
	case XML_ERROR_UNDEFINED_ENTITY: return V(en, xml_er_undefined_entity);
	case XML_ERROR_BAD_CHAR_REF: return V(en, xml_er_bad_char_ref);
	case XML_ERROR_UNKNOWN_ENCODING:
	case XML_ERROR_INCORRECT_ENCODING: return V(en, xml_er_encoding);
	default: return XML_ErrorString(code);
	}
}

static int open_zip(sheet_book *b, lerr *err)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = b->path ? zip_source_file_create(b->path, 0, -1, &ze)
				    : zip_source_buffer_create(b->mem, b->mem_len, 0, &ze);
	if (src)
		b->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!b->zip) {
		if (src)
			zip_source_free(src);
		int code = zip_error_code_zip(&ze);
		/* "not a zip archive" needs no reason after it: it is the reason */
		int rc = code == ZIP_ER_NOZIP
				 ? lerr_set(err, LERR_PARSE, "%s: %s", b->file, V(b->en, sheet_not_zip))
				 : lerr_set(err, code == ZIP_ER_OPEN || code == ZIP_ER_READ ? LERR_IO : LERR_PARSE,
					    "%s: %s: %s", b->file,
					    code == ZIP_ER_INCONS || code == ZIP_ER_CRC ? V(b->en, sheet_damaged_zip)
											: V(b->en, sheet_cannot_open_workbook),
					    zip_reason(&ze, b->en));
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	return 0;
}

static sheet_book *book_new(const char *path, const char *name, const sheet_ops *ops, int en)
{
	sheet_book *b = xcalloc(1, sizeof *b);
	b->en = en;
	b->file = xstrdup(name ? name : path);
	b->path = path ? xstrdup(path) : NULL;
	b->ops = ops;
	pthread_mutex_init(&b->zip_lock, NULL);
	return b;
}

static sheet_book *finish_open(sheet_book *b, lerr *err)
{
	if ((b->ops != &sheet_xls_ops && open_zip(b, err) < 0) || b->ops->open(b, err) < 0) {
		sheet_free(b);
		return NULL;
	}
	return b;
}

sheet_book *sheet_open(const char *path, const char *name, int en, lerr *err)
{
	const sheet_ops *ops = ops_for(extension(path));
	const char *shown = name ? name : path;
	if (!ops) {
		lerr_set(err, LERR_PARSE, V(en, sheet_not_spreadsheet), shown);
		return NULL;
	}
	unsigned char head[8];
	int n = sniff(path, head, sizeof head);
	if (n < 0) {
		lerr_set(err, LERR_IO, V(en, sheet_cannot_open), shown, lerr_reason(errno, en));
		return NULL;
	}
	if (n == 0) {
		lerr_set(err, LERR_PARSE, V(en, sheet_empty_file), shown, ops->name);
		return NULL;
	}
	if (ops != &sheet_xls_ops && is_cfb(head, n)) {
		lerr_set(err, LERR_PARSE,
			 cfb_is_encrypted_ooxml(path)
				 ? V(en, sheet_encrypted)
				 : V(en, sheet_is_legacy_xls),
			 shown);
		return NULL;
	}
	if (ops == &sheet_xls_ops && n >= 2 && head[0] == 'P' && head[1] == 'K') {
		lerr_set(err, LERR_PARSE, V(en, sheet_is_zip_not_xls), shown);
		return NULL;
	}
	return finish_open(book_new(path, name, ops, en), err);
}

sheet_book *sheet_open_mem(const char *name, const char *format, const void *data, size_t n, int en, lerr *err)
{
	const sheet_ops *ops = ops_for(format);
	if (!ops || ops == &sheet_xls_ops) {
		lerr_set(err, LERR_USAGE, V(en, sheet_mem_format), name);
		return NULL;
	}
	sheet_book *b = book_new(NULL, name, ops, en);
	b->mem = data;
	b->mem_len = n;
	return finish_open(b, err);
}

static void reset_sheet(sheet_book *b)
{
	sheet_rows_stop(b);
	b->rows_started = 0;
	sheet_stream_close(b);
	free(b->cur_name);
	b->cur_name = NULL;
	b->cur_hidden = 0;
	buf_reset(&b->other_hidden);
	b->row_num = b->rows = b->repeat = 0;
	b->cells = 0;
	b->row_ready = b->failed = 0;
	b->n_hidden_rows = b->n_hidden_cols = b->n_merges = b->merges_known = 0;
	b->total_hidden_rows = b->total_hidden_cols = b->total_merges = 0;
}

void sheet_free(sheet_book *b)
{
	if (!b)
		return;
	reset_sheet(b);
	if (b->ops && b->ops->close)
		b->ops->close(b);
	if (b->zip)
		zip_discard(b->zip);
	for (int i = 0; i < b->n_sheets; i++) {
		free(b->sheets[i].name);
		free(b->sheets[i].part);
	}
	free(b->sheets);
	buf_release(&b->sst);
	free(b->sst_off);
	free(b->xf_kind);
	buf_release(&b->other_hidden);
	buf_release(&b->text);
	free(b->file);
	free(b->path);
	pthread_mutex_destroy(&b->zip_lock);
	free(b);
}

/* What the reader learns as it parses (sheets of an .ods, hidden rows,
 * merges) is read with its thread paused (sheet_rows.c). The book is the
 * caller's, not const: the getters are const for their callers' sake. */
static const sheet_book *settled(const sheet_book *b)
{
	sheet_rows_pause((sheet_book *)b);
	return b;
}

const char *sheet_format(const sheet_book *b) { return b->ops->name; }
const char *sheet_file(const sheet_book *b) { return b->file; }
const char *sheet_name(const sheet_book *b) { return b->cur_name ? b->cur_name : ""; }
int sheet_hidden(const sheet_book *b) { return settled(b)->cur_hidden; }
const char *sheet_other_hidden(const sheet_book *b) { return buf_cstr(&settled(b)->other_hidden); }

int sheet_count(const sheet_book *b) { return settled(b)->n_sheets; }
const char *sheet_name_at(const sheet_book *b, int i) { return i >= 0 && i < settled(b)->n_sheets ? b->sheets[i].name : NULL; }

/* "'Toelichting', 'Gemeenten'": what a refusal names */
static void sheet_list(const sheet_book *b, buf *o)
{
	for (int i = 0; i < b->n_sheets && i < 20; i++)
		buf_printf(o, "%s'%s'", i ? ", " : "", b->sheets[i].name);
	if (b->n_sheets > 20)
		buf_adds(o, ", ...");
}

int sheet_not_found(const sheet_book *b, const char *name, int number, lerr *err)
{
	buf list = BUF_INIT;
	sheet_list(b, &list);
	if (name)
		lerr_set(err, LERR_NOTFOUND, V(b->en, import_no_sheet_named), b->file, name, buf_cstr(&list));
	else
		lerr_set(err, LERR_NOTFOUND,
			 b->n_sheets == 1 ? V(b->en, sheet_no_number_one) : V(b->en, sheet_no_number_many), b->file,
			 number, b->n_sheets, buf_cstr(&list));
	buf_release(&list);
	return LERR_NOTFOUND;
}

int sheet_find(const sheet_book *b, const char *name, int number, lerr *err)
{
	for (int i = 0; i < b->n_sheets; i++)
		if (name ? strcmp(b->sheets[i].name, name) == 0 : i == number - 1)
			return i;
	return sheet_not_found(b, name, number, err);
}

int sheet_select(sheet_book *b, const char *name, lerr *err)
{
	reset_sheet(b);
	lerr_clear(&b->err);
	return b->ops->select(b, name, 1, err);
}

int sheet_select_number(sheet_book *b, int number, lerr *err)
{
	reset_sheet(b);
	lerr_clear(&b->err);
	if (number < 1)
		return lerr_set(err, LERR_USAGE, V(b->en, sheet_number_from_1), b->file, number);
	return b->ops->select(b, NULL, number, err);
}

/* A large sheet (its part inflated on a thread too) is parsed ahead on a
 * thread of its own, the caller checking and storing the rows before. */
int sheet_next(sheet_book *b, csv_row **row, lerr *err)
{
	if (b->ahead && !b->rows_started) {
		b->rows_started = 1;
		sheet_rows_start(b);
	}
	return b->rows_ahead ? sheet_rows_next(b, row, err) : sheet_next_inline(b, row, err);
}

int sheet_next_inline(sheet_book *b, csv_row **row, lerr *err)
{
	if (b->failed) {
		*err = b->err;
		return err->code ? err->code : LERR_PARSE;
	}
	if (b->repeat > 0) { /* an .ods row repeated: the same values one row lower */
		b->repeat--;
		b->row.line++;
		for (int i = 0; i < b->row.n; i++)
			b->fields[i].line = b->row.line;
		*row = &b->row;
		return 1;
	}
	int rc = b->ops->next(b, err);
	if (rc < 0) {
		b->failed = 1;
		b->err = *err;
		return rc;
	}
	if (rc == 0)
		return 0;
	*row = &b->row;
	return 1;
}

const long *sheet_hidden_rows(const sheet_book *b, int *n, long *total)
{
	settled(b);
	*n = b->n_hidden_rows;
	*total = b->total_hidden_rows;
	return b->hidden_rows;
}

const int *sheet_hidden_cols(const sheet_book *b, int *n, long *total)
{
	settled(b);
	*n = b->n_hidden_cols;
	*total = b->total_hidden_cols;
	return b->hidden_cols;
}

const sheet_range *sheet_merges(const sheet_book *b, int *n, long *total)
{
	settled(b);
	*n = b->n_merges;
	*total = b->total_merges;
	return b->merges;
}

int sheet_merges_ahead(sheet_book *b, lerr *err)
{
	if (!b->ops->merges_ahead || !b->cur_name || b->rows_started || b->row_num || b->failed || b->merges_known)
		return b->merges_known;
	int rc = b->ops->merges_ahead(b, err);
	if (rc > 0)
		b->merges_known = 1;
	return rc;
}

int sheet_sha256_hex(sheet_book *b, char hex[65])
{
	crypt_hash c;
	crypt_hash_init(&c);
	if (b->path) {
		FILE *f = fopen(b->path, "rb");
		char *chunk = xmalloc(CHUNK);
		size_t n;
		while (f && (n = fread(chunk, 1, CHUNK, f)) > 0)
			crypt_hash_add(&c, chunk, n);
		if (f)
			fclose(f);
		free(chunk);
	} else {
		crypt_hash_add(&c, b->mem, b->mem_len);
	}
	crypt_hash_hex(&c, hex);
	return 0;
}

/* ------------------------------------------------------------------ zip parts */

int sheet_has_part(sheet_book *b, const char *name)
{
	return b->zip && zip_name_locate(b->zip, name, 0) >= 0;
}

static int part_open(sheet_book *b, const char *name, sheet_part *pt, lerr *err)
{
	zip_stat_t st;
	memset(pt, 0, sizeof *pt);
	pthread_mutex_lock(&b->zip_lock);
	zip_int64_t idx = zip_name_locate(b->zip, name, 0);
	int found = idx >= 0 && zip_stat_index(b->zip, (zip_uint64_t)idx, 0, &st) == 0;
	int encrypted = found && (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
	pt->zf = found && !encrypted ? zip_fopen_index(b->zip, (zip_uint64_t)idx, 0) : NULL;
	int rc = !found	      ? lerr_set(err, LERR_PARSE, V(b->en, sheet_part_missing), b->file, name)
		 : encrypted  ? lerr_set(err, LERR_PARSE, V(b->en, sheet_encrypted_part), b->file, name)
		 : !pt->zf    ? lerr_set(err, LERR_PARSE, V(b->en, sheet_part_unreadable), b->file, name,
				       zip_reason(zip_get_error(b->zip), b->en))
			      : 0;
	pthread_mutex_unlock(&b->zip_lock);
	if (rc == 0) {
		pt->name = name;
		pt->compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? (long long)st.comp_size : 0;
		pt->size = (st.valid & ZIP_STAT_SIZE) ? (long long)st.size : 0;
	}
	return rc;
}

static void part_close(sheet_book *b, sheet_part *pt)
{
	if (!pt->zf)
		return;
	pthread_mutex_lock(&b->zip_lock);
	zip_fclose(pt->zf);
	pthread_mutex_unlock(&b->zip_lock);
	pt->zf = NULL;
}

/* Reads the next chunk of an open part, under the limits. */
static long part_read(sheet_book *b, sheet_part *pt, void *dst, size_t cap, lerr *err)
{
	pthread_mutex_lock(&b->zip_lock);
	zip_int64_t n = zip_fread(pt->zf, dst, cap);
	int rc = n < 0 ? lerr_set(err, LERR_PARSE, V(b->en, sheet_part_damaged), b->file, pt->name,
				  zip_reason(zip_file_get_error(pt->zf), b->en))
		       : 0;
	pthread_mutex_unlock(&b->zip_lock);
	if (rc < 0)
		return rc;
	pt->inflated += n;
	if (pt->inflated > SHEET_MAX_PART)
		return lerr_set(err, LERR_PARSE, V(b->en, sheet_part_too_big),
				b->file, pt->name, (long long)SHEET_MAX_PART);
	if (pt->inflated > RATIO_FROM && pt->inflated > (long long)SHEET_MAX_RATIO * pt->compressed)
		return lerr_set(err, LERR_PARSE,
				V(b->en, sheet_part_ratio),
				b->file, pt->name, SHEET_MAX_RATIO);
	return (long)n;
}

/* ---- inflating the stream ahead: a large sheet's part (40 MB of XML for a
 * million cells) costs zlib as much CPU as reading its rows does, so a
 * thread inflates it while the rows are read: chunks go through a ring of
 * AHEAD_SLOTS (ring.h); the reader meets a chunk's error where it stands. */

#define AHEAD_FROM (1LL << 20) /* parts inflating to less: no thread */
#define AHEAD_SLOTS 4

struct sheet_inflater {
	ring ring;
	char *slot[AHEAD_SLOTS];
	long len[AHEAD_SLOTS]; /* bytes, 0 the end, < 0 an error (in err) */
	lerr err;
	size_t at;             /* read so far of the tail slot */
};

static void inflate_ahead(void *arg)
{
	sheet_book *b = arg;
	sheet_inflater *h = b->ahead;
	for (long n = 1; n > 0;) {
		int k = ring_fill(&h->ring);
		if (k < 0)
			break;
		lerr e;
		n = part_read(b, &b->stream, h->slot[k], CHUNK, &e);
		h->len[k] = n;
		if (n < 0)
			h->err = e;
		ring_filled(&h->ring, 0);
	}
}

static void ahead_free(sheet_inflater *h)
{
	for (int i = 0; i < AHEAD_SLOTS; i++)
		free(h->slot[i]);
	free(h);
}

static void ahead_start(sheet_book *b, long long size)
{
	if (size < AHEAD_FROM)
		return;
	sheet_inflater *h = xcalloc(1, sizeof *h);
	for (int i = 0; i < AHEAD_SLOTS; i++)
		h->slot[i] = xmalloc(CHUNK);
	b->ahead = h;
	if (ring_start(&h->ring, AHEAD_SLOTS, SIZE_MAX, inflate_ahead, b) != 0) {
		b->ahead = NULL; /* read in line, as small parts are */
		ahead_free(h);
	}
}

static void ahead_stop(sheet_book *b)
{
	sheet_inflater *h = b->ahead;
	if (!h)
		return;
	ring_stop(&h->ring);
	ring_free(&h->ring);
	ahead_free(h);
	b->ahead = NULL;
}

/* The stream's next bytes from the ring: up to cap of the oldest chunk. */
static long ahead_read(sheet_book *b, void *dst, size_t cap, lerr *err)
{
	sheet_inflater *h = b->ahead;
	int k = ring_take(&h->ring); /* not stopped while read: never -1 */
	long n = h->len[k];
	if (n < 0) {
		*err = h->err;
		return err->code;
	}
	if (n == 0)
		return 0; /* the end stays the last chunk */
	size_t take = (size_t)n - h->at < cap ? (size_t)n - h->at : cap;
	memcpy(dst, h->slot[k] + h->at, take);
	h->at += take;
	if (h->at == (size_t)n) {
		h->at = 0;
		ring_taken(&h->ring, 0);
	}
	return (long)take;
}

static int xml_error(sheet_book *b, XML_Parser p, const char *name, lerr *err)
{
	if (b->failed) {
		*err = b->err;
		return LERR_PARSE;
	}
	return lerr_set(err, LERR_PARSE, V(b->en, sheet_part_xml), b->file, name,
			(unsigned long)XML_GetCurrentLineNumber(p), (unsigned long)XML_GetCurrentColumnNumber(p) + 1,
			xml_reason(XML_GetErrorCode(p), b->en));
}

int sheet_parse_part(sheet_book *b, XML_Parser p, const char *name, int required, lerr *err)
{
	if (!sheet_has_part(b, name))
		return required ? lerr_set(err, LERR_PARSE, V(b->en, sheet_part_missing), b->file, name) : 0;
	sheet_part pt;
	int rc = part_open(b, name, &pt, err);
	if (rc < 0)
		return rc;
	b->part = name; /* for the handlers' messages */
	for (;;) {
		void *dst = XML_GetBuffer(p, CHUNK);
		long n = part_read(b, &pt, dst, CHUNK, err);
		if (n < 0) {
			rc = (int)n;
			break;
		}
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			rc = xml_error(b, p, name, err);
			break;
		}
		if (n == 0)
			break;
	}
	part_close(b, &pt);
	return rc;
}

int sheet_part_scan(sheet_book *b, const char *name, int (*eat)(void *ctx, const char *p, size_t n, int final),
		    void *ctx, lerr *err)
{
	const char *part = b->part; /* the stream's, back after */
	sheet_part pt;
	int rc = part_open(b, name, &pt, err);
	char *chunk = rc < 0 ? NULL : xmalloc(CHUNK);
	if (rc == 0)
		b->part = name;
	while (rc == 0) {
		long n = part_read(b, &pt, chunk, CHUNK, err);
		if (n < 0) {
			rc = (int)n;
			break;
		}
		rc = eat(ctx, chunk, (size_t)n, n == 0);
		if (n == 0 || rc != 0)
			break;
	}
	part_close(b, &pt);
	free(chunk);
	b->part = part;
	return rc;
}

int sheet_stream_open(sheet_book *b, const char *name, lerr *err)
{
	b->xml_final = b->xml_suspended = b->xml_done = 0;
	int rc = part_open(b, name, &b->stream, err);
	if (rc == 0) {
		b->part = name;
		ahead_start(b, b->stream.size);
	}
	return rc;
}

void sheet_stream_close(sheet_book *b)
{
	ahead_stop(b);
	part_close(b, &b->stream);
	if (b->xp)
		XML_ParserFree(b->xp);
	b->xp = NULL;
}

static int stream_status(sheet_book *b, enum XML_Status st, lerr *err)
{
	if (st == XML_STATUS_ERROR)
		return xml_error(b, b->xp, b->part, err);
	b->xml_suspended = st == XML_STATUS_SUSPENDED;
	if (!b->xml_suspended && b->xml_final)
		b->xml_done = 1;
	return 0;
}

int sheet_stream_row(sheet_book *b, lerr *err)
{
	b->row_ready = 0;
	b->event = 0;
	while (!b->row_ready && !b->event) {
		int rc;
		if (b->xml_suspended) {
			rc = stream_status(b, XML_ResumeParser(b->xp), err);
		} else if (b->xml_done) {
			return 0;
		} else {
			void *dst = XML_GetBuffer(b->xp, CHUNK);
			long n = sheet_stream_read(b, dst, CHUNK, err);
			if (n < 0)
				return (int)n;
			b->xml_final = n == 0;
			rc = stream_status(b, XML_ParseBuffer(b->xp, (int)n, b->xml_final), err);
		}
		if (rc < 0)
			return rc;
	}
	return b->row_ready;
}

long sheet_stream_read(sheet_book *b, void *dst, size_t cap, lerr *err)
{
	return b->ahead ? ahead_read(b, dst, cap, err) : part_read(b, &b->stream, dst, cap, err);
}

int sheet_xml_error(sheet_book *b, lerr *err)
{
	return xml_error(b, b->xp, b->part, err);
}

static int feed_plain(void *ctx, const char *p, size_t n, int final)
{
	return XML_Parse(ctx, p, (int)n, final) == XML_STATUS_OK ? 0 : 1;
}

int sheet_xml_error_rescan(sheet_book *b, lerr *err)
{
	if (b->failed) {
		*err = b->err;
		return LERR_PARSE;
	}
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p) {
		fprintf(stderr, "ladder: out of memory\n");
		abort();
	}
	lerr e;
	int rc = sheet_part_scan(b, b->part, feed_plain, p, &e);
	rc = rc < 0 ? (*err = e, rc) : xml_error(b, rc > 0 ? p : b->xp, b->part, err);
	XML_ParserFree(p);
	return rc;
}

void sheet_use_scanner(sheet_book *b, int on)
{
	b->no_scanner = !on;
}

static void XMLCALL refuse_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
	(void)name, (void)sys, (void)pub, (void)internal;
	sheet_book *b = ud;
	b->failed = 1;
	lerr_set(&b->err, LERR_PARSE, V(b->en, sheet_part_doctype),
		 b->file, b->part ? b->part : "?");
	XML_StopParser(b->xp, XML_FALSE);
}

XML_Parser sheet_xml_new(sheet_book *b, int ns)
{
	XML_Parser p = ns ? XML_ParserCreateNS("UTF-8", '|') : XML_ParserCreate("UTF-8");
	if (!p) {
		fprintf(stderr, "ladder: out of memory\n");
		abort();
	}
	XML_SetUserData(p, b);
	XML_SetStartDoctypeDeclHandler(p, refuse_doctype);
	b->xp = p;
	return p;
}

const char *sheet_attr(const XML_Char **atts, const char *local)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(sheet_local(atts[i]), local) == 0)
			return atts[i + 1];
	return NULL;
}

/* ------------------------------------------------------------------ rows */

void sheet_row_begin(sheet_book *b, long row)
{
	b->row_num = row;
	b->n_fields = 0;
	b->row_has_value = 0;
	buf_reset(&b->text);
	buf_addc(&b->text, '\0'); /* offset 0: the empty value of gaps */
}

int sheet_row_set(sheet_book *b, int col, const char *s, size_t n, int typed)
{
	if (n == 0)
		return 0;
	if (col > SHEET_MAX_COLS)
		return sheet_fail(b, col, b->row_num, V(b->en, sheet_too_many_cols),
				  SHEET_MAX_COLS, SHEET_MAX_COLS);
	if (col <= b->n_fields)
		return sheet_fail(b, col, b->row_num, V(b->en, sheet_cell_order));
	if (++b->cells > SHEET_MAX_CELLS)
		return sheet_fail(b, col, b->row_num, V(b->en, sheet_too_many_cells),
				  (long long)SHEET_MAX_CELLS);
	if (n > SHEET_MAX_CELL)
		return sheet_fail(b, col, b->row_num, V(b->en, sheet_cell_too_big), SHEET_MAX_CELL);
	while (b->n_fields < col - 1) {
		b->off[b->n_fields] = 0;
		b->typed[b->n_fields++] = 0;
	}
	b->off[b->n_fields] = b->text.len;
	b->typed[b->n_fields++] = (unsigned char)typed;
	buf_add(&b->text, s, n);
	buf_addc(&b->text, '\0');
	b->row_has_value = 1;
	return 0;
}

int sheet_row_end(sheet_book *b)
{
	if (!b->row_has_value)
		return 0;
	if (++b->rows > SHEET_MAX_ROWS)
		return sheet_fail(b, 0, 0, V(b->en, sheet_too_many_rows), SHEET_MAX_ROWS);
	for (int i = 0; i < b->n_fields; i++) {
		csv_field *f = &b->fields[i];
		f->s = b->text.ptr + b->off[i];
		f->len = strlen(f->s);
		f->col = i + 1;
		f->line = b->row_num;
		f->quoted = 0;
		f->typed = b->typed[i];
	}
	b->row.f = b->fields;
	b->row.n = b->n_fields;
	b->row.line = b->row_num;
	b->row_ready = 1;
	return 1;
}

void sheet_pad(csv_row *row, int n)
{
	if (n > SHEET_MAX_COLS)
		n = SHEET_MAX_COLS;
	/* the row's fields have room for SHEET_MAX_COLS: the book's, or sheet_rows.c's */
	for (int i = row->n; i < n; i++) {
		csv_field *f = &row->f[i];
		f->s = "";
		f->len = 0;
		f->col = i + 1;
		f->line = row->line;
		f->quoted = f->typed = 0;
	}
	if (row->n < n)
		row->n = n;
}

void sheet_note_hidden_row(sheet_book *b, long row)
{
	if (b->n_hidden_rows < SHEET_MAX_LISTED)
		b->hidden_rows[b->n_hidden_rows++] = row;
	b->total_hidden_rows++;
}

void sheet_note_hidden_col(sheet_book *b, int col)
{
	if (b->n_hidden_cols < SHEET_MAX_LISTED)
		b->hidden_cols[b->n_hidden_cols++] = col;
	b->total_hidden_cols++;
}

void sheet_note_merge(sheet_book *b, sheet_range r)
{
	if (b->merges_known)
		return;
	if (b->n_merges < SHEET_MAX_LISTED)
		b->merges[b->n_merges++] = r;
	b->total_merges++;
}

/* ------------------------------------------------------------------ values */

void sheet_fmt_number(char *out, size_t cap, double v)
{
	if (v == 0)
		v = 0; /* no "-0" */
	snprintf(out, cap, "%.15g", v);
}

/* Days since 1970-01-01 -> civil date (H. Hinnant's algorithm). */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int sheet_fmt_serial(char *out, size_t cap, double v, int date1904, int kind)
{
	if (!(v >= 0 && v < 2958466)) /* Excel's dates end at 9999-12-31 */
		return LERR_PARSE;
	long long days = (long long)floor(v);
	long secs = lround((v - (double)days) * 86400.0);
	if (secs >= 86400)
		days++, secs -= 86400;
	char time[48];
	snprintf(time, sizeof time, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	if (kind == 2 && days == 0) {
		snprintf(out, cap, "%s", time);
		return 0;
	}
	/* the 1900 system counts a 29 February 1900 that never was (Lotus's bug) */
	if (!date1904 && days == 60)
		return LERR_PARSE;
	long long unix_days = date1904 ? days - 24107 : days < 60 ? days - 25568 : days - 25569;
	int y, m, d;
	civil_from_days(unix_days, &y, &m, &d);
	if (secs)
		snprintf(out, cap, "%04d-%02d-%02dT%s", y, m, d, time);
	else
		snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int sheet_parse_ref(const char *s, int *col, long *row)
{
	int c = 0;
	long r = 0;
	const char *p = s;
	if (*p == '$')
		p++;
	for (; *p >= 'A' && *p <= 'Z'; p++)
		if ((c = c * 26 + (*p - 'A' + 1)) > 16384)
			return LERR_PARSE;
	if (*p == '$')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((r = r * 10 + (*p - '0')) > SHEET_MAX_ROWS)
			return LERR_PARSE;
	if (*p || c == 0)
		return LERR_PARSE;
	*col = c;
	*row = r; /* 0 when the reference has no row ("C") */
	return 0;
}
