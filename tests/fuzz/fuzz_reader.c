/* fuzz_reader.c - libFuzzer target for the CSV reader's file input
 * (src/base/csv.c): read(2) refills, pipes, the row limit and the size limit.
 *
 * Built with a 64-byte read chunk and a 300-byte row limit (run.sh), so that
 * short inputs cross many refills and hit the row limit. The input is read
 * three ways - from memory, from a regular file, from a pipe - and the file
 * and pipe reads must agree with the memory read on every row (line, column,
 * quoting, text), the outcome and error message, the encoding, the
 * delimiter, the byte count and the SHA-256. Bit 0 of the first byte also
 * puts a size limit one byte short of the input on the pipe read: it must
 * then fail with the size message, or earlier with the memory read's error.
 * Build and run with tests/fuzz/run.sh. */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];
static int file_fd = -1;

static void remove_scratch(void)
{
	unlink(path);
}

static void fail(const char *what, const char *a, const char *b)
{
	fprintf(stderr, "fuzz_reader: invariant broken: %s\n  memory: %s\n  other:  %s\n", what, a, b);
	abort();
}

/* Every row as text; the outcome in *rc and err. */
static char *dump(csv_reader *r, int *rc, lerr *err)
{
	buf b = BUF_INIT;
	csv_row *row;
	while ((*rc = csv_next(r, &row, err)) == 1) {
		buf_printf(&b, "%ld:", row->line);
		for (int i = 0; i < row->n; i++) {
			const csv_field *f = &row->f[i];
			buf_printf(&b, " %ld.%d%s=", f->line, f->col, f->quoted ? "q" : "");
			buf_add(&b, f->s, f->len);
		}
		buf_addc(&b, '\n');
	}
	buf_addc(&b, '\0');
	return b.ptr;
}

/* Reads r to the end and compares it with the memory read. */
static void compare(const char *how, csv_reader *r, const char *mdump, int mrc, const lerr *merr, csv_reader *m,
		    long long limit, size_t size)
{
	int rc;
	lerr err = {0};
	char *d = dump(r, &rc, &err);
	if (limit && (long long)size > limit && rc == LERR_IO) {
		if (!strstr(err.msg, ": larger than ") || strncmp(mdump, d, strlen(d)) != 0)
			fail("the size limit stopped the read badly", mdump, d);
		free(d);
		return;
	}
	if (rc != mrc || strcmp(d, mdump) != 0)
		fail(how, mdump, d);
	if (rc < 0 && strcmp(err.msg, merr->msg) != 0)
		fail(how, merr->msg, err.msg);
	char mh[65], h[65];
	csv_sha256_hex(m, mh);
	csv_sha256_hex(r, h);
	if (rc == 0 && (strcmp(mh, h) != 0 || csv_bytes(r) != (long)size))
		fail("digest or byte count differs", mh, h);
	if (strcmp(csv_encoding(r), csv_encoding(m)) != 0 || csv_delimiter(r) != csv_delimiter(m))
		fail("encoding or delimiter differs", csv_encoding(m), csv_encoding(r));
	free(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/fuzz-reader-XXXXXX", dir && *dir && strlen(dir) < 40 ? dir : "/tmp");
	file_fd = mkstemp(path);
	if (file_fd < 0)
		fail("mkstemp", path, "");
	atexit(remove_scratch);
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	lerr merr = {0};
	int mrc;
	/* every reader gets the same name, so that messages compare */
	csv_reader *m = csv_open_mem(path, (const char *)data, size);
	char *mdump = dump(m, &mrc, &merr);

	/* a regular file */
	if (ftruncate(file_fd, 0) < 0 || (size && pwrite(file_fd, data, size, 0) != (ssize_t)size))
		fail("cannot write the scratch file", path, "");
	lerr err = {0};
	csv_reader *r = csv_open_file(path, &err);
	if (!r)
		fail("a regular file is refused", "", err.msg);
	compare("file and memory reads differ", r, mdump, mrc, &merr, m, 0, size);
	csv_free(r);

	/* a pipe (whole input in its buffer, then end of input) */
	int fds[2];
	if (size < 60000 && pipe(fds) == 0) {
		if (size && write(fds[1], data, size) != (ssize_t)size)
			fail("cannot fill the pipe", "", "");
		close(fds[1]);
		char pname[32];
		snprintf(pname, sizeof pname, "/dev/fd/%d", fds[0]);
		r = csv_open_file(pname, &err);
		if (!r)
			fail("a pipe is refused", "", err.msg);
		/* compare with messages named like the pipe */
		csv_reader *m2 = csv_open_mem(pname, (const char *)data, size);
		lerr merr2 = {0};
		int mrc2;
		char *mdump2 = dump(m2, &mrc2, &merr2);
		long long limit = size && (data[0] & 1) ? (long long)size - 1 : 0;
		csv_set_limits(r, limit, 10000, 60000);
		compare("pipe and memory reads differ", r, mdump2, mrc2, &merr2, m2, limit, size);
		free(mdump2);
		csv_free(m2);
		csv_free(r);
		close(fds[0]);
	}
	free(mdump);
	csv_free(m);
	return 0;
}
