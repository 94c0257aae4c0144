/* test_csv.c - suite csv: the CSV reader on the shapes Belgian spreadsheets
 * export, its error positions, and file input across read-chunk boundaries.
 *
 * Most tests compare a textual dump of every row ("line: col=text ...") so a
 * single string shows delimiter, quoting, column and line bookkeeping at once.
 */
#include "harness.h"
#include "csv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NAME "t.csv"
#define READ_CHUNK (256 * 1024) /* csv.c's read size; the big-file tests straddle it */

/* Dumps every row of r as "LINE: COL=TEXT COL=\"QUOTED\"\n", newlines in text
 * shown as \n; an error ends the dump as "ERR message\n". Also checks the
 * invariants every row must satisfy, whatever the input. */
static char *dump_reader(csv_reader *r, int *rc, lerr *err)
{
	buf b = BUF_INIT;
	csv_row *row;
	long prev_line = 0;
	int k;
	while ((k = csv_next(r, &row, err)) == 1) {
		CHECK(row->line > prev_line);
		CHECK(row->n >= 1 && row->n <= CSV_MAX_FIELDS);
		prev_line = row->line;
		buf_printf(&b, "%ld:", row->line);
		for (int i = 0; i < row->n; i++) {
			const csv_field *f = &row->f[i];
			CHECK_EQ_INT(f->len, strlen(f->s));
			CHECK(f->col >= 1);
			buf_printf(&b, " %d=%s", f->col, f->quoted ? "\"" : "");
			for (size_t j = 0; j < f->len; j++) {
				if (f->s[j] == '\n')
					buf_adds(&b, "\\n");
				else
					buf_addc(&b, f->s[j]);
			}
			if (f->quoted)
				buf_addc(&b, '"');
		}
		buf_addc(&b, '\n');
	}
	*rc = k;
	if (k < 0)
		buf_printf(&b, "ERR %s\n", err->msg);
	return buf_detach(&b);
}

static char *dump_mem(const char *data, size_t n)
{
	lerr err = {0};
	int rc;
	csv_reader *r = csv_open_mem(NAME, data, n);
	char *d = dump_reader(r, &rc, &err);
	csv_free(r);
	return d;
}

/* Compares the dump of a NUL-terminated input; reports at the caller's line. */
#define CHECK_DUMP(input, want) do { \
	char *got_ = dump_mem((input), strlen(input)); \
	CHECK_EQ_STR(got_, (want)); \
	free(got_); \
} while (0)

/* "name:LINE:COL: " with digits for LINE and COL */
static int has_position_prefix(const char *msg, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(msg, name, n) != 0 || msg[n] != ':')
		return 0;
	const char *p = msg + n + 1;
	for (int part = 0; part < 2; part++) {
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p++ != ':')
			return 0;
	}
	return *p == ' ';
}

/* Reads data (n bytes) to the end; the run must fail with LERR_PARSE and a
 * message starting with prefix (e.g. "t.csv:2:3: quote") and shaped
 * "name:line:col: ". */
static void check_error_n(const char *file, int line, const char *data, size_t n,
			  const char *prefix)
{
	lerr err = {0};
	int rc;
	csv_reader *r = csv_open_mem(NAME, data, n);
	char *d = dump_reader(r, &rc, &err);
	if (rc != LERR_PARSE)
		unit_fail(file, line, "expected a parse error, got rc %d; dump:\n%s", rc, d);
	else if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
		unit_fail(file, line, "error message:\n  got:  \"%s\"\n  want: \"%s...\"", err.msg, prefix);
	else if (!has_position_prefix(err.msg, NAME))
		unit_fail(file, line, "error message not shaped name:line:col: \"%s\"", err.msg);
	free(d);
	csv_free(r);
}

#define CHECK_ERROR(input, prefix) check_error_n(__FILE__, __LINE__, (input), strlen(input), (prefix))
#define CHECK_ERROR_N(input, n, prefix) check_error_n(__FILE__, __LINE__, (input), (n), (prefix))

/* Reads everything and returns the encoding the reader settled on. */
static const char *encoding_of(const char *data, char *out, size_t cap)
{
	lerr err = {0};
	int rc;
	csv_reader *r = csv_open_mem(NAME, data, strlen(data));
	char *d = dump_reader(r, &rc, &err);
	snprintf(out, cap, "%s", rc < 0 ? err.msg : csv_encoding(r));
	free(d);
	csv_free(r);
	return out;
}

static char delimiter_of(const char *data)
{
	lerr err = {0};
	csv_row *row;
	csv_reader *r = csv_open_mem(NAME, data, strlen(data));
	char d = csv_next(r, &row, &err) == 1 ? csv_delimiter(r) : '?';
	csv_free(r);
	return d;
}

static void test_comma_and_semicolon(void)
{
	CHECK_DUMP("a,b\n1,2\n", "1: 1=a 3=b\n2: 1=1 3=2\n");
	CHECK_DUMP("a;b;c\n1;;3\n", "1: 1=a 3=b 5=c\n2: 1=1 3= 4=3\n");
	/* once ';' is the delimiter, ',' is data (a Dutch decimal) */
	CHECK_DUMP("naam;waarde\nGent;13,5\n", "1: 1=naam 6=waarde\n2: 1=Gent 6=13,5\n");
	/* in a ',' file ';' is data */
	CHECK_DUMP("a,b\nx;y,z\n", "1: 1=a 3=b\n2: 1=x;y 5=z\n");
	/* a header without any delimiter: one column, ',' by default */
	CHECK_DUMP("naam\nGent\n", "1: 1=naam\n2: 1=Gent\n");
	CHECK_EQ_INT(delimiter_of("a;b\n"), ';');
	CHECK_EQ_INT(delimiter_of("a,b\n"), ',');
	CHECK_EQ_INT(delimiter_of("a\n"), ',');
	/* delimiters inside quotes do not vote */
	CHECK_EQ_INT(delimiter_of("\"a,b\";c\n"), ';');
	CHECK_DUMP("\"a,b\";c\n1;2\n", "1: 1=\"a,b\" 7=c\n2: 1=1 3=2\n");
	/* empty fields at both ends */
	CHECK_DUMP("a,b,c\n,x,\n", "1: 1=a 3=b 5=c\n2: 1= 2=x 4=\n");
	csv_reader *r = csv_open_mem(NAME, "", 0);
	CHECK_EQ_INT(csv_delimiter(r), ','); /* before anything was read */
	CHECK_EQ_STR(csv_name(r), NAME);
	csv_free(r);
}

static void test_ambiguous_header(void)
{
	CHECK_ERROR("a,b;c\n1,2\n", "t.csv:1:1: header has both ',' and ';'");
	CHECK_ERROR("a;b,c", "t.csv:1:1: ");
	/* a BOM does not move the reported position */
	CHECK_ERROR("\xEF\xBB\xBF" "a;b,c\n", "t.csv:1:1: ");
	/* only the header decides: mixed data rows are fine */
	CHECK_DUMP("a;b\n1,5;2\n", "1: 1=a 3=b\n2: 1=1,5 5=2\n");
}

static void test_quoting(void)
{
	CHECK_DUMP("x,y\n\"a \"\"b\"\" c\",d\n", "1: 1=x 3=y\n2: 1=\"a \"b\" c\" 13=d\n");
	CHECK_DUMP("x,y\n\"a,b\",c\n", "1: 1=x 3=y\n2: 1=\"a,b\" 7=c\n");
	CHECK_DUMP("x;y\n\"a;b\";\"\"\n", "1: 1=x 3=y\n2: 1=\"a;b\" 7=\"\"\n");
	CHECK_DUMP("x\n\"\"\"\"\n", "1: 1=x\n2: 1=\"\"\"\n");
	/* embedded newline: the row keeps its first line, the next row is numbered after it */
	CHECK_DUMP("id,txt\n1,\"x\ny\"\n2,z\n", "1: 1=id 4=txt\n2: 1=1 3=\"x\\ny\"\n4: 1=2 3=z\n");
	CHECK_DUMP("id,txt\n1,\"a\n\nb\n\nc\"\n2,z\n",
		   "1: 1=id 4=txt\n2: 1=1 3=\"a\\n\\nb\\n\\nc\"\n7: 1=2 3=z\n");
	/* columns restart after a newline inside quotes */
	CHECK_DUMP("a,b\n\"x\ny\",z\n", "1: 1=a 3=b\n2: 1=\"x\\ny\" 4=z\n");
	/* line ends inside quotes become \n whatever their form */
	CHECK_DUMP("a,b\n\"x\r\ny\",1\n\"p\rq\",2\n3,4\n",
		   "1: 1=a 3=b\n2: 1=\"x\\ny\" 4=1\n4: 1=\"p\\nq\" 4=2\n6: 1=3 3=4\n");
	/* the header itself may hold quoted newlines */
	CHECK_DUMP("\"a\nb\";c\n1;2\n", "1: 1=\"a\\nb\" 4=c\n3: 1=1 3=2\n");
	/* a quoted field that ends the input without a newline */
	CHECK_DUMP("a\n\"x\"", "1: 1=a\n2: 1=\"x\"\n");
}

static void test_line_ends(void)
{
	const char *want = "1: 1=a 3=b\n2: 1=1 3=2\n3: 1=3 3=4\n";
	CHECK_DUMP("a,b\n1,2\n3,4\n", want);
	CHECK_DUMP("a,b\r\n1,2\r\n3,4\r\n", want);
	CHECK_DUMP("a,b\r1,2\r3,4\r", want);
	CHECK_DUMP("a,b\r\n1,2\r3,4\n", want);
	/* the last line without a line end */
	CHECK_DUMP("a,b\n1,2\n3,4", want);
	CHECK_DUMP("a,b\r\n1,2\r\n3,4", want);
	/* "\n\r" is two line ends (LF, then CR), i.e. a blank line between */
	CHECK_DUMP("a,b\n\r1,2\n", "1: 1=a 3=b\n3: 1=1 3=2\n");
	/* trailing empty field before the line end */
	CHECK_DUMP("a,b\r\n1,\r\n", "1: 1=a 3=b\n2: 1=1 3=\n");
}

static void test_blank_lines(void)
{
	CHECK_DUMP("a,b\n\n1,2\n\r\n\n3,4", "1: 1=a 3=b\n3: 1=1 3=2\n6: 1=3 3=4\n");
	CHECK_DUMP("a\n\n\n", "1: 1=a\n");
	/* an empty quoted field is a value, not a blank line */
	CHECK_DUMP("a\n\"\"\n", "1: 1=a\n2: 1=\"\"\n");
	/* a lone delimiter is a row of two empty fields */
	CHECK_DUMP("a,b\n,\n", "1: 1=a 3=b\n2: 1= 2=\n");
	/* blanks are data, not a blank line */
	CHECK_DUMP("a\n \n", "1: 1=a\n2: 1= \n");
	CHECK_DUMP("", "");
	CHECK_DUMP("\n\n", "");
	CHECK_DUMP("\xEF\xBB\xBF", "");
}

static void test_bom_and_utf8(void)
{
	char enc[1100];
	CHECK_DUMP("\xEF\xBB\xBFnaam;n\nGent;1\n", "1: 1=naam 6=n\n2: 1=Gent 6=1\n");
	CHECK_EQ_STR(encoding_of("\xEF\xBB\xBFnaam;n\nGent;1\n", enc, sizeof enc), "utf-8 (BOM)");
	CHECK_EQ_STR(encoding_of("\xEF\xBB\xBF" "Caf\xC3\xA9\n", enc, sizeof enc), "utf-8 (BOM)");
	/* a BOM makes UTF-8 binding: a cp1252 byte after it is an error */
	CHECK_ERROR("\xEF\xBB\xBFnaam\nCaf\xE9\n", "t.csv:2:4: invalid UTF-8");
	/* a BOM is only a BOM at the start */
	CHECK_DUMP("a\n\xEF\xBB\xBFx\n", "1: 1=a\n2: 1=\xEF\xBB\xBFx\n");

	CHECK_DUMP("naam\nCaf\xC3\xA9,x\n", "1: 1=naam\n2: 1=Caf\xC3\xA9 6=x\n");
	CHECK_EQ_STR(encoding_of("naam\nCaf\xC3\xA9,x\n", enc, sizeof enc), "utf-8");
	CHECK_EQ_STR(encoding_of("a,b\n1,2\n", enc, sizeof enc), "ascii");
	/* 2-, 3- and 4-byte characters each count as one column */
	CHECK_DUMP("a,b\n\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80,x\n",
		   "1: 1=a 3=b\n2: 1=\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 5=x\n");
	CHECK_DUMP("a,b\n\"\xC3\xA9\",x\n", "1: 1=a 3=b\n2: 1=\"\xC3\xA9\" 5=x\n");
	CHECK_DUMP("a;b;c\n\xC3\xA9\xC3\xA9;\xE2\x82\xAC;z\n",
		   "1: 1=a 3=b 5=c\n2: 1=\xC3\xA9\xC3\xA9 4=\xE2\x82\xAC 6=z\n");
	/* encoding is reported as "ascii" until something decides it */
	csv_reader *r = csv_open_mem(NAME, "a\n\xC3\xA9\n", 5);
	csv_row *row;
	lerr err = {0};
	CHECK_EQ_INT(csv_next(r, &row, &err), 1);
	CHECK_EQ_STR(csv_encoding(r), "ascii");
	CHECK_EQ_INT(csv_next(r, &row, &err), 1);
	CHECK_EQ_STR(csv_encoding(r), "utf-8");
	CHECK_EQ_INT(csv_next(r, &row, &err), 0);
	csv_free(r);
}

static void test_invalid_utf8(void)
{
	/* UTF-8 decided on line 2; the lone 0xE9 on line 3, column 4 */
	CHECK_ERROR("a,b\n\xC3\xA9t\xC3\xA9,ok\nzz,\xE9t\xE9\n", "t.csv:3:4: invalid UTF-8");
	/* columns before the bad byte count characters, not bytes */
	CHECK_ERROR("a,b\n\xE2\x82\xAC\xC3\xA9,\x80\n", "t.csv:2:4: invalid UTF-8");
	/* truncated sequence at the very end, and inside quotes */
	CHECK_ERROR("a\n\xC3\xA9\n\xC3", "t.csv:3:1: invalid UTF-8");
	CHECK_ERROR("a\n\xC3\xA9\n\"x\n\xE9\"\n", "t.csv:4:1: invalid UTF-8");
	/* overlong, surrogate and out-of-range forms are not UTF-8 */
	CHECK_ERROR("a\n\xC3\xA9\n\xC0\xAF\n", "t.csv:3:1: invalid UTF-8");
	CHECK_ERROR("a\n\xC3\xA9\n\xED\xA0\x80\n", "t.csv:3:1: invalid UTF-8");
	CHECK_ERROR("a\n\xC3\xA9\n\xF4\x90\x80\x80\n", "t.csv:3:1: invalid UTF-8");
	CHECK_ERROR("a\n\xC3\xA9\n\xE0\x80\x80\n", "t.csv:3:1: invalid UTF-8");
}

static void test_cp1252(void)
{
	char enc[1100];
	/* 0xE9 followed by ';' is not UTF-8, so the file is Windows-1252 */
	CHECK_DUMP("naam;prijs\nCaf\xE9;\x80 5\n",
		   "1: 1=naam 6=prijs\n2: 1=Caf\xC3\xA9 6=\xE2\x82\xAC 5\n");
	CHECK_EQ_STR(encoding_of("naam;prijs\nCaf\xE9;\x80 5\n", enc, sizeof enc), "windows-1252");
	/* 0x80 first: € */
	CHECK_DUMP("a\n\x80\n", "1: 1=a\n2: 1=\xE2\x82\xAC\n");
	/* high range: 0x9F Ÿ, 0xA0 no-break space, 0xFF ÿ, 0x8A Š; one column each */
	CHECK_DUMP("a,b\n\x9F\xA0\xFF\x8A,x\n", "1: 1=a 3=b\n2: 1=\xC5\xB8\xC2\xA0\xC3\xBF\xC5\xA0 6=x\n");
	/* inside quotes as well */
	CHECK_DUMP("a,b\n\"\xE9\xE9n\",x\n", "1: 1=a 3=b\n2: 1=\"\xC3\xA9\xC3\xA9n\" 7=x\n");
	/* a valid-looking UTF-8 pair later does not change the decision */
	CHECK_DUMP("a\n\xE9\n\xC3\xA9\n", "1: 1=a\n2: 1=\xC3\xA9\n3: 1=\xC3\x83\xC2\xA9\n");
	/* the five bytes Windows-1252 leaves undefined */
	CHECK_ERROR("a\n\xE9\n\x81x\n", "t.csv:3:1: byte not defined in Windows-1252");
	CHECK_ERROR("a,b\nx,y\x8D\n", "t.csv:2:4: byte not defined in Windows-1252");
	CHECK_ERROR("a,b\n\xE9,\"\x8F\"\n", "t.csv:2:4: byte not defined in Windows-1252");
	CHECK_ERROR("a\n\x90\n", "t.csv:2:1: byte not defined in Windows-1252");
	CHECK_ERROR("a\n\xE9\x9D\n", "t.csv:2:2: byte not defined in Windows-1252");
}

static void test_structural_errors(void)
{
	/* NUL bytes, outside and inside quotes */
	CHECK_ERROR_N("a,b\n1,\0\n", 8, "t.csv:2:3: NUL byte");
	CHECK_ERROR_N("a,b\n\"x\0\"\n", 9, "t.csv:2:3: NUL byte");
	CHECK_ERROR_N("\0", 1, "t.csv:1:1: NUL byte");
	/* the unterminated quote is reported where it opened, not at the end */
	CHECK_ERROR("a,b\n1,\"xy\nzz\n3,4\n", "t.csv:2:3: quoted field is never closed");
	CHECK_ERROR("a,b\n\xC3\xA9,\"xy", "t.csv:2:3: quoted field is never closed");
	CHECK_ERROR("\"a,b\n", "t.csv:1:1: quoted field is never closed");
	/* text after the closing quote */
	CHECK_ERROR("a,b\n\"x\"y,2\n", "t.csv:2:4: expected a delimiter or end of line after the closing quote");
	CHECK_ERROR("a,b\n1,\"x\" \n", "t.csv:2:6: expected a delimiter");
	CHECK_ERROR("a,b\n\"x\"\"\"y\n", "t.csv:2:6: expected a delimiter");
	/* quote inside an unquoted field */
	CHECK_ERROR("a,b\nab\"c,2\n", "t.csv:2:3: quote inside an unquoted field");
	CHECK_ERROR("a,b\n1, \"x\"\n", "t.csv:2:4: quote inside an unquoted field");
	CHECK_ERROR("a,b\n\xC3\xA9\"\n", "t.csv:2:2: quote inside an unquoted field");
	/* errors after a multi-line quoted field use the right line */
	CHECK_ERROR("a,b\n\"1\n2\n3\",x\"y\n", "t.csv:4:5: quote inside an unquoted field");
	/* and after CR-only line ends */
	CHECK_ERROR("a,b\r1,2\r3,x\"\r", "t.csv:3:4: quote inside an unquoted field");
}

static void test_max_fields(void)
{
	buf in = BUF_INIT;
	buf_adds(&in, "h;h\n");
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		buf_adds(&in, i ? ";a" : "a");
	buf_adds(&in, "\n");
	/* exactly CSV_MAX_FIELDS is fine */
	lerr err = {0};
	csv_row *row;
	csv_reader *r = csv_open_mem(NAME, in.ptr, in.len);
	CHECK_EQ_INT(csv_next(r, &row, &err), 1);
	CHECK_EQ_INT(csv_next(r, &row, &err), 1);
	CHECK_EQ_INT(row->n, CSV_MAX_FIELDS);
	CHECK_EQ_INT(row->f[CSV_MAX_FIELDS - 1].col, 2 * CSV_MAX_FIELDS - 1);
	CHECK_EQ_INT(csv_next(r, &row, &err), 0);
	csv_free(r);
	/* one more: the error points at the first field too many */
	in.len--;
	buf_adds(&in, ";a\n");
	char want[64];
	snprintf(want, sizeof want, "t.csv:2:%d: too many fields", 2 * CSV_MAX_FIELDS + 1);
	CHECK_ERROR_N(in.ptr, in.len, want);
	/* also when the extra field is the last, unterminated one */
	in.len--;
	CHECK_ERROR_N(in.ptr, in.len, want);
	buf_release(&in);
}

static void test_max_row(void)
{
	buf in = BUF_INIT;
	buf_adds(&in, "a\n");
	for (int i = 0; i < CSV_MAX_ROW / 2; i++)
		buf_addc(&in, 'x');
	buf_adds(&in, "\n");
	char *d = dump_mem(in.ptr, in.len);
	CHECK(strncmp(d, "1: 1=a\n2: 1=xxx", 15) == 0);
	free(d);
	buf_reset(&in);
	buf_adds(&in, "a\n");
	for (int i = 0; i < CSV_MAX_ROW + 16; i++)
		buf_addc(&in, 'x');
	buf_adds(&in, "\n");
	CHECK_ERROR_N(in.ptr, in.len, "t.csv:2:1: row longer than 1 MiB");
	/* also as the last row, without a line end (fuzz_reader: a file read
	 * refused it at a chunk boundary, the memory read let it through) */
	in.len--;
	CHECK_ERROR_N(in.ptr, in.len, "t.csv:2:1: row longer than 1 MiB");
	buf_release(&in);
}

static void test_sha256_and_bytes(void)
{
	const char *s = "a,b\n1,2\n";
	char hex[65];
	lerr err = {0};
	csv_row *row;
	csv_reader *r = csv_open_mem(NAME, s, strlen(s));
	while (csv_next(r, &row, &err) == 1)
		;
	csv_sha256_hex(r, hex);
	/* sha256sum of the same bytes */
	CHECK_EQ_STR(hex, "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470");
	CHECK_EQ_INT(csv_bytes(r), 8);
	/* asking twice gives the same digest (the context is not consumed) */
	csv_sha256_hex(r, hex);
	CHECK_EQ_STR(hex, "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470");
	csv_free(r);

	/* the digest is of the raw bytes: BOM and CRLF included */
	s = "naam;aantal\r\n\"Gent\";1.309\r\n";
	r = csv_open_mem(NAME, s, strlen(s));
	while (csv_next(r, &row, &err) == 1)
		;
	csv_sha256_hex(r, hex);
	CHECK_EQ_STR(hex, "6b1883128d6403165487aa77b8c63db9d9cefbb80b528aeea84d9894e15939db");
	csv_free(r);
}

/* ---- file input */

static char *write_temp(const char *data, size_t n)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/ladder-unit-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return path;
	FILE *fp = fdopen(fd, "wb");
	CHECK(fp != NULL);
	if (fp) {
		CHECK_EQ_INT(fwrite(data, 1, n, fp), n);
		CHECK_EQ_INT(fclose(fp), 0);
	}
	return path;
}

/* Reads data from a temp file and from memory; both must agree on every row,
 * the outcome, the encoding, the digest and the byte count. */
static void check_file_matches_mem(const char *file, int line, const char *data, size_t n,
				   const char *must_contain)
{
	char *path = write_temp(data, n);
	lerr ferr = {0}, merr = {0};
	int frc = 0, mrc = 0;
	csv_reader *fr = csv_open_file(path, &ferr);
	CHECK(fr != NULL);
	if (!fr) {
		unlink(path);
		free(path);
		return;
	}
	csv_reader *mr = csv_open_mem(path, data, n);
	char *fd = dump_reader(fr, &frc, &ferr);
	char *md = dump_reader(mr, &mrc, &merr);
	if (frc != mrc || strcmp(fd, md) != 0) {
		size_t i = 0;
		while (fd[i] && fd[i] == md[i])
			i++;
		size_t from = i > 80 ? i - 80 : 0;
		unit_fail(file, line, "file and memory reads differ (rc %d vs %d) at dump byte %zu:\n"
			  "  file: %.160s\n  mem:  %.160s", frc, mrc, i, fd + from, md + from);
	}
	if (mrc != 0)
		unit_fail(file, line, "memory read failed: %s", merr.msg);
	if (must_contain && !strstr(md, must_contain))
		unit_fail(file, line, "dump lacks \"%s\"", must_contain);
	char fh[65], mh[65];
	csv_sha256_hex(fr, fh);
	csv_sha256_hex(mr, mh);
	if (strcmp(fh, mh) != 0)
		unit_fail(file, line, "sha256 differs: file %s, mem %s", fh, mh);
	if (csv_bytes(fr) != (long)n)
		unit_fail(file, line, "csv_bytes %ld, file has %zu", csv_bytes(fr), n);
	if (strcmp(csv_encoding(fr), csv_encoding(mr)) != 0)
		unit_fail(file, line, "encoding %s vs %s", csv_encoding(fr), csv_encoding(mr));
	free(fd);
	free(md);
	csv_free(fr);
	csv_free(mr);
	unlink(path);
	free(path);
}

enum filler { FILL_UTF8, FILL_ASCII, FILL_CP1252 };

/* Builds a file of a bit over two read chunks whose byte at offset
 * READ_CHUNK - k starts `special`: filler rows, then a row "N;" + pre +
 * 'a' padding + special + post, then more filler. */
static void build_straddle(buf *b, enum filler fill, int k, const char *pre,
			   const char *special, const char *post)
{
	static const char *rows[] = {
		[FILL_UTF8] = "%d;Caf\xC3\xA9 \xE2\x82\xAC %d;\"q \"\"x\"\"\ny\"\r\n",
		[FILL_ASCII] = "%d;Cafe EUR %d;\"q \"\"x\"\"\ny\"\r\n",
		[FILL_CP1252] = "%d;Caf\xE9 \x80 %d;\"q \"\"x\"\"\ny\"\r\n",
	};
	buf_reset(b);
	buf_adds(b, "id;tekst;noot\r\n");
	int i = 0;
	while (b->len < READ_CHUNK - 400) {
		buf_printf(b, rows[fill], i, i * 7);
		i++;
	}
	buf_printf(b, "%d;%s", i++, pre);
	size_t target = READ_CHUNK - (size_t)k;
	while (b->len < target)
		buf_addc(b, 'a');
	buf_adds(b, special);
	buf_adds(b, post);
	while (b->len < 2 * READ_CHUNK + 1000) {
		buf_printf(b, rows[fill], i, i * 7);
		i++;
	}
	/* end without a line end, so the last row also ends at EOF */
	buf_printf(b, "%d;laatste;x", i);
}

#define CHECK_STRADDLE(fill, k, pre, special, post, expect) do { \
	build_straddle(&in, (fill), (k), (pre), (special), (post)); \
	check_file_matches_mem(__FILE__, __LINE__, in.ptr, in.len, (expect)); \
} while (0)

static void test_file_chunk_boundaries(void)
{
	buf in = BUF_INIT;
	/* multibyte UTF-8 characters cut by the chunk boundary at every offset */
	for (int k = 1; k <= 3; k++)
		CHECK_STRADDLE(FILL_UTF8, k, "", "\xF0\x9F\x98\x80", ";x\r\n", "aa\xF0\x9F\x98\x80 ");
	for (int k = 1; k <= 2; k++)
		CHECK_STRADDLE(FILL_UTF8, k, "", "\xE2\x82\xAC", ";x\r\n", "aa\xE2\x82\xAC ");
	CHECK_STRADDLE(FILL_UTF8, 1, "", "\xC3\xA9", ";x\r\n", "aa\xC3\xA9 ");
	/* CRLF cut between \r and \n, unquoted and quoted; and a lone CR at the end */
	CHECK_STRADDLE(FILL_UTF8, 1, "", "\r\n", "", "aa\n");
	CHECK_STRADDLE(FILL_UTF8, 1, "\"", "\r\n", "z\";x\r\n", "aa\\nz\" ");
	CHECK_STRADDLE(FILL_UTF8, 1, "", "\r", "", "aa\n");
	/* a doubled quote cut in two, and a closing quote right before the cut */
	CHECK_STRADDLE(FILL_UTF8, 1, "\"", "\"\"", "z\";x\r\n", "aa\"z\" ");
	CHECK_STRADDLE(FILL_UTF8, 1, "\"", "\"", ";x\r\n", "aa\" ");
	/* the first non-ASCII character cut by the boundary decides the encoding */
	CHECK_STRADDLE(FILL_ASCII, 1, "", "\xC3\xA9", ";x\r\n", "aa\xC3\xA9 ");
	CHECK_STRADDLE(FILL_ASCII, 2, "", "\xF0\x9F\x98\x80", ";x\r\n", "aa\xF0\x9F\x98\x80 ");
	CHECK_STRADDLE(FILL_ASCII, 1, "", "\xE9", ";x\r\n", "aa\xC3\xA9 ");
	/* Windows-1252 throughout, a byte on each side of the cut */
	CHECK_STRADDLE(FILL_CP1252, 1, "", "\xE9\x80", ";x\r\n", "aa\xC3\xA9\xE2\x82\xAC ");
	buf_release(&in);

	/* confirm the encodings: the straddling first character decides */
	char *path;
	lerr err = {0};
	int rc;
	build_straddle(&in, FILL_ASCII, 1, "", "\xC3\xA9", ";x\r\n");
	path = write_temp(in.ptr, in.len);
	csv_reader *r = csv_open_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		free(dump_reader(r, &rc, &err));
		CHECK_EQ_INT(rc, 0);
		CHECK_EQ_STR(csv_encoding(r), "utf-8");
		csv_free(r);
	}
	unlink(path);
	free(path);
	build_straddle(&in, FILL_ASCII, 1, "", "\xE9", ";x\r\n");
	path = write_temp(in.ptr, in.len);
	r = csv_open_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		free(dump_reader(r, &rc, &err));
		CHECK_EQ_INT(rc, 0);
		CHECK_EQ_STR(csv_encoding(r), "windows-1252");
		csv_free(r);
	}
	unlink(path);
	free(path);
	buf_release(&in);
}

static void test_file_small_and_errors(void)
{
	buf in = BUF_INIT;
	const char *small[] = {"", "a", "a,b\n1,2\n", "\xEF\xBB\xBF", "\xEF\xBB", "a\n\"x\ny\"\n"};
	for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
		check_file_matches_mem(__FILE__, __LINE__, small[i], strlen(small[i]), NULL);

	/* an error position past the first chunk is the same as from memory */
	build_straddle(&in, FILL_UTF8, 1, "", "\xE9", ";x\r\n");
	char *path = write_temp(in.ptr, in.len);
	lerr ferr = {0}, merr = {0};
	int frc = 0, mrc = 0;
	csv_reader *fr = csv_open_file(path, &ferr);
	csv_reader *mr = csv_open_mem(path, in.ptr, in.len);
	CHECK(fr != NULL);
	if (fr) {
		free(dump_reader(fr, &frc, &ferr));
		free(dump_reader(mr, &mrc, &merr));
		CHECK_EQ_INT(frc, LERR_PARSE);
		CHECK_EQ_INT(mrc, LERR_PARSE);
		CHECK_EQ_STR(ferr.msg, merr.msg);
		CHECK(strstr(ferr.msg, "invalid UTF-8") != NULL);
		csv_free(fr);
	}
	csv_free(mr);
	unlink(path);
	free(path);
	buf_release(&in);

	/* a header longer than half a read chunk decides its delimiter on the
	 * same window from a file as from memory (fuzz_reader: ';' past the
	 * window counted from memory only) */
	buf_reset(&in);
	buf_adds(&in, "a");
	while (in.len < READ_CHUNK / 2 + 10)
		buf_addc(&in, 'x');
	buf_adds(&in, ";b\n1;2\n");
	check_file_matches_mem(__FILE__, __LINE__, in.ptr, in.len, "x;b");
	buf_release(&in);

	lerr err = {0};
	CHECK(csv_open_file("/nonexistent/ladder/x.csv", &err) == NULL);
	CHECK_EQ_INT(err.code, LERR_IO);
	CHECK(strncmp(err.msg, "/nonexistent/ladder/x.csv: ", 27) == 0);
}

/* A pipe is read once, its digest is of what came through it, and a
 * writer that stalls or sends too much is stopped by the limits. */
static void test_pipe_input(void)
{
	int fds[2];
	CHECK_EQ_INT(pipe(fds), 0);
	const char *s = "a,b\n1,2\n";
	CHECK_EQ_INT(write(fds[1], s, strlen(s)), (long)strlen(s));
	close(fds[1]);
	char path[64];
	snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
	lerr err = {0};
	int rc;
	csv_reader *r = csv_open_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		char *d = dump_reader(r, &rc, &err);
		CHECK_EQ_INT(rc, 0);
		CHECK_EQ_STR(d, "1: 1=a 3=b\n2: 1=1 3=2\n");
		free(d);
		char hex[65];
		csv_sha256_hex(r, hex);
		CHECK_EQ_STR(hex, "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470");
		CHECK_EQ_INT(csv_bytes(r), 8);
		csv_free(r);
	}
	close(fds[0]);

	/* a writer that never writes: the idle limit ends the wait */
	CHECK_EQ_INT(pipe(fds), 0);
	snprintf(path, sizeof path, "/dev/fd/%d", fds[0]);
	r = csv_open_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		csv_set_limits(r, 0, 50, 0);
		csv_row *row;
		CHECK_EQ_INT(csv_next(r, &row, &err), LERR_IO);
		CHECK(strstr(err.msg, ": no data arrived for 0.05 s") != NULL);
		csv_free(r);
	}
	/* one that trickles: the total limit ends it */
	r = csv_open_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		csv_set_limits(r, 0, 0, 50);
		csv_row *row;
		CHECK_EQ_INT(csv_next(r, &row, &err), LERR_IO);
		CHECK(strstr(err.msg, ": reading took longer than 0.05 s") != NULL);
		csv_free(r);
	}
	/* one that sends too much */
	CHECK_EQ_INT(write(fds[1], "a,b\n1,2\n3,4\n", 12), 12);
	r = csv_open_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		csv_set_limits(r, 10, 0, 0);
		char *d = dump_reader(r, &rc, &err);
		CHECK_EQ_INT(rc, LERR_IO);
		CHECK(strstr(err.msg, ": larger than 10 bytes, the limit for one input") != NULL);
		free(d);
		csv_free(r);
	}
	close(fds[0]);
	close(fds[1]);
}

/* What is neither a regular file nor a pipe is refused before a byte is read. */
static void test_refused_inputs(void)
{
	lerr err = {0};
	CHECK(csv_open_file("/dev/zero", &err) == NULL);
	CHECK_EQ_STR(err.msg, "/dev/zero: is a device, not a CSV file: give a regular file, a pipe, or - for standard input");
	CHECK(csv_open_file("/", &err) == NULL);
	CHECK_EQ_STR(err.msg, "/: is a directory, not a CSV file: give a regular file, a pipe, or - for standard input");
}

static void test_blank_lines_before_header(void)
{
	/* the delimiter is decided on the header, not on a blank first line */
	csv_reader *r = csv_open_mem(NAME, "\r\n\nnaam;aantal\nGent;1.309\n", 26);
	csv_row *row;
	lerr err = {0};
	CHECK_EQ_INT(csv_next(r, &row, &err), 1);
	CHECK_EQ_INT(row->n, 2);
	CHECK_EQ_INT(row->line, 3);
	CHECK_EQ_INT(csv_delimiter(r), ';');
	csv_free(r);
}

void suite_csv(void)
{
	RUN(test_blank_lines_before_header);
	RUN(test_comma_and_semicolon);
	RUN(test_ambiguous_header);
	RUN(test_quoting);
	RUN(test_line_ends);
	RUN(test_blank_lines);
	RUN(test_bom_and_utf8);
	RUN(test_invalid_utf8);
	RUN(test_cp1252);
	RUN(test_structural_errors);
	RUN(test_max_fields);
	RUN(test_max_row);
	RUN(test_sha256_and_bytes);
	RUN(test_file_chunk_boundaries);
	RUN(test_file_small_and_errors);
	RUN(test_pipe_input);
	RUN(test_refused_inputs);
}
