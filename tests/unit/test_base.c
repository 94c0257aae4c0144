/* test_base.c - suite base: SHA-256 against the FIPS 180-4 examples, strmap,
 * arena, buf, lerr, the blob numbers of varint.h and whole-or-nothing output
 * files (afile.h). */
#include "harness.h"
#include "base.h"
#include "crypt.h"
#include "strmap.h"
#include "varint.h"
#include "afile.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_sha256_vectors(void)
{
	char hex[65];
	crypt_sha256_hex("", 0, hex);
	CHECK_EQ_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	crypt_sha256_hex("abc", 3, hex);
	CHECK_EQ_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	crypt_sha256_hex(m448, strlen(m448), hex);
	CHECK_EQ_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* 896-bit message: padding spills into a second block */
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
			   "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	crypt_sha256_hex(m896, strlen(m896), hex);
	CHECK_EQ_STR(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_sha256_million_a_in_chunks(void)
{
	static char a[1000];
	memset(a, 'a', sizeof a);
	crypt_hash c;
	char hex[65];
	crypt_hash_init(&c);
	/* odd chunk sizes so the block buffer is entered at every fill level */
	static const size_t steps[] = {1, 63, 64, 65, 7, 127, 128, 129, 999, 3, 55, 56, 57};
	size_t done = 0, k = 0;
	while (done < 1000000) {
		size_t n = steps[k++ % (sizeof steps / sizeof steps[0])];
		if (n > 1000000 - done)
			n = 1000000 - done;
		crypt_hash_add(&c, a, n);
		done += n;
	}
	crypt_hash_hex(&c, hex);
	CHECK_EQ_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

	/* every split point of a 200-byte message gives the one-shot digest */
	char msg[200], want[65];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (char)(i * 7 + 3);
	crypt_sha256_hex(msg, sizeof msg, want);
	int bad = 0;
	for (size_t cut = 0; cut <= sizeof msg; cut++) {
		crypt_hash_init(&c);
		crypt_hash_add(&c, msg, cut);
		crypt_hash_add(&c, msg + cut, sizeof msg - cut);
		crypt_hash_hex(&c, hex);
		bad += strcmp(hex, want) != 0;
	}
	CHECK_EQ_INT(bad, 0);
}

static void test_strmap(void)
{
	enum { N = 10000 };
	arena keys;
	arena_init(&keys);
	strmap m;
	strmap_init(&m);
	int v = -1;
	/* lookups on an empty map must not touch the missing table */
	CHECK(!strmap_get(&m, "x", &v));
	const char *k[N];
	for (int i = 0; i < N; i++) {
		k[i] = arena_printf(&keys, "key-%d", i);
		strmap_put(&m, k[i], i);
	}
	CHECK_EQ_INT(m.count, N);
	int missing = 0;
	for (int i = 0; i < N; i++) {
		/* look up through a different pointer: keys compare by content */
		char probe[32];
		snprintf(probe, sizeof probe, "key-%d", i);
		if (!strmap_get(&m, probe, &v) || v != i)
			missing++;
	}
	CHECK_EQ_INT(missing, 0);
	CHECK(!strmap_get(&m, "key-10000", &v));
	CHECK(!strmap_get(&m, "", &v));
	/* replace keeps the count */
	for (int i = 0; i < N; i += 2)
		strmap_put(&m, k[i], -i);
	CHECK_EQ_INT(m.count, N);
	int wrong = 0;
	for (int i = 0; i < N; i++)
		if (!strmap_get(&m, k[i], &v) || v != (i % 2 ? i : -i))
			wrong++;
	CHECK_EQ_INT(wrong, 0);
	/* load stays at most one half (open addressing needs empty slots) */
	CHECK(m.cap >= 2 * m.count);
	CHECK((m.cap & (m.cap - 1)) == 0);
	/* the empty string is a valid key */
	strmap_put(&m, "", 77);
	CHECK(strmap_get(&m, "", &v) && v == 77);
	strmap_release(&m);
	CHECK(!strmap_get(&m, "key-1", &v));
	arena_release(&keys);
}

static void test_arena(void)
{
	arena a;
	arena_init(&a);
	static const size_t sizes[] = {1, 3, 16, 17, 100, 4095, 70000, 5, 65536, 1, 33};
	int misaligned = 0;
	void *first = NULL;
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			unsigned char *p = arena_alloc(&a, sizes[i]);
			if (!first)
				first = p;
			misaligned += ((uintptr_t)p & 15) != 0;
			/* the whole block is writable (ASan builds check this) */
			memset(p, 0xAB, sizes[i]);
		}
	}
	CHECK_EQ_INT(misaligned, 0);
	/* zero bytes still gives a distinct usable pointer */
	void *z = arena_alloc(&a, 0);
	CHECK(z != NULL);

	arena_clear(&a);
	/* the first chunk is kept: the next allocation reuses its start */
	void *again = arena_alloc(&a, 8);
	CHECK(again == first);
	/* and filling past it still works after a clear */
	for (int i = 0; i < 100; i++) {
		unsigned char *p = arena_alloc(&a, 1000);
		misaligned += ((uintptr_t)p & 15) != 0;
		memset(p, i, 1000);
	}
	CHECK_EQ_INT(misaligned, 0);

	char *s = arena_strdup(&a, "Brugge");
	CHECK_EQ_STR(s, "Brugge");
	CHECK_EQ_STR(arena_strndup(&a, "Kortrijk", 4), "Kort");
	CHECK_EQ_STR(arena_printf(&a, "%s-%03d", "nis", 7), "nis-007");
	arena_release(&a);
	/* a released arena is usable again */
	CHECK_EQ_STR(arena_strdup(&a, "Ieper"), "Ieper");
	arena_release(&a);
	/* clearing an arena that never allocated is harmless */
	arena_clear(&a);
}

static void test_buf(void)
{
	buf b = BUF_INIT;
	CHECK_EQ_STR(buf_cstr(&b), "");
	buf_printf(&b, "%d;%s", 42, "Gent");
	buf_addc(&b, ';');
	buf_adds(&b, "13,5");
	CHECK_EQ_STR(buf_cstr(&b), "42;Gent;13,5");
	CHECK_EQ_INT(b.len, 12);
	/* grow across many doublings, printf into a non-empty buffer */
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%04d", i);
	CHECK_EQ_INT(b.len, 12 + 4000);
	CHECK(strncmp(b.ptr + 12, "000000010002", 12) == 0);
	CHECK_EQ_STR(b.ptr + b.len - 4, "0999");
	char *d = buf_detach(&b);
	CHECK(b.ptr == NULL && b.len == 0 && b.cap == 0);
	CHECK_EQ_INT(strlen(d), 4012);
	free(d);
	/* detaching an empty buf gives an owned "" */
	d = buf_detach(&b);
	CHECK_EQ_STR(d, "");
	free(d);
	/* binary bytes keep their length; reset keeps the storage */
	buf_add(&b, "a\0b", 3);
	CHECK_EQ_INT(b.len, 3);
	CHECK(memcmp(b.ptr, "a\0b", 4) == 0);
	buf_reset(&b);
	CHECK_EQ_INT(b.len, 0);
	CHECK_EQ_STR(buf_cstr(&b), "");
	buf_release(&b);
	buf_reset(&b); /* on a released buf */
	buf_release(&b);
}

static void test_lerr_and_strings(void)
{
	lerr e = {0};
	CHECK_EQ_INT(lerr_set(&e, LERR_PARSE, "%s:%d:%d: expected a year", "f.csv", 3, 7), LERR_PARSE);
	CHECK_EQ_INT(e.code, LERR_PARSE);
	CHECK_EQ_STR(e.msg, "f.csv:3:7: expected a year");
	CHECK_EQ_INT(lerr_set(&e, LERR_NOTFOUND, "no area %s", "44021"), LERR_NOTFOUND);
	CHECK_EQ_STR(e.msg, "no area 44021");
	/* a NULL lerr still returns the code (callers that do not want the text) */
	CHECK_EQ_INT(lerr_set(NULL, LERR_IO, "x"), LERR_IO);
	/* long messages are truncated, not overrun */
	char big[3000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	lerr_set(&e, LERR_USAGE, "%s", big);
	CHECK_EQ_INT(strlen(e.msg), sizeof e.msg - 1);
	lerr_clear(&e);
	CHECK_EQ_INT(e.code, 0);
	CHECK_EQ_STR(e.msg, "");

	char *s = xasprintf("%s %d", "Oostende", 35013);
	CHECK_EQ_STR(s, "Oostende 35013");
	free(s);
	s = xstrndup("Roeselare", 4);
	CHECK_EQ_STR(s, "Roes");
	free(s);
	CHECK(str_eq("a", "a"));
	CHECK(!str_eq("a", "A"));
	CHECK(str_ieq_ascii("Gent", "GENT"));
	CHECK(!str_ieq_ascii("Gent", "Genk"));
}

/* Blob numbers: whole numbers small, anything else exact; a reader stops at
 * its end and stays stopped. */
static void test_varint(void)
{
	static const double nums[] = {0, 1, 4, 56721, -1, -300, 4503599627370495.0, 4503599627370496.0, 0.5, -13.25,
				      1e300, HUGE_VAL};
	buf b = {0};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		vint_put_number(&b, nums[i]);
	vint_put(&b, 0);
	vint_put(&b, 18446744073709551615ULL);
	vint_reader r = {(const unsigned char *)b.ptr, (const unsigned char *)b.ptr + b.len, 0};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
		CHECK(vint_get_number(&r) == nums[i]);
	CHECK_EQ_INT(vint_get(&r), 0);
	CHECK(vint_get(&r) == 18446744073709551615ULL);
	CHECK(!r.bad && r.p == r.end);
	CHECK_EQ_INT(vint_get(&r), 0); /* at the end: bad from now on */
	CHECK(r.bad);
	buf_reset(&b);
	vint_put_number(&b, 56721);
	CHECK_EQ_INT(b.len, 3); /* 56721 << 2 takes 3 bytes, not 9 */
	/* a double cut short */
	buf_reset(&b);
	vint_put_number(&b, 0.5);
	r = (vint_reader){(const unsigned char *)b.ptr, (const unsigned char *)b.ptr + b.len - 1, 0};
	CHECK(vint_get_number(&r) == 0 && r.bad);
	buf_release(&b);
}

/* ---- afile */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	buf_adds(&b, "");
	return buf_detach(&b);
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Entries of dir besides "." and "..". */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static void check_text(const char *path, const char *want)
{
	char *got = slurp(path);
	CHECK(got != NULL);
	if (got)
		CHECK_EQ_STR(got, want);
	free(got);
}

static void test_afile(void)
{
	char dir[] = "/tmp/ladder-afile-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *path = xasprintf("%s/out.csv", dir);
	lerr e;
	/* written whole, and nothing else left in the directory */
	afile *f = afile_open(path, 0, &e);
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("a,b\n1,2\n", afile_stream(f));
	CHECK(access(path, F_OK) < 0); /* nothing at the target before the commit */
	CHECK_EQ_INT(afile_commit(f, &e), 0);
	check_text(path, "a,b\n1,2\n");
	CHECK_EQ_INT(entries(dir), 1);
	/* an existing file is refused without AFILE_REPLACE, and stays */
	CHECK_EQ_INT(afile_check(path, 0, &e), LERR_CONFLICT);
	CHECK(afile_open(path, 0, &e) == NULL);
	CHECK_EQ_INT(e.code, LERR_CONFLICT);
	CHECK(strstr(e.msg, "exists") != NULL);
	check_text(path, "a,b\n1,2\n");
	/* a target that appears while the file is written is not clobbered */
	char *other = xasprintf("%s/late.csv", dir);
	f = afile_open(other, 0, &e);
	CHECK(f != NULL);
	fputs("mine", afile_stream(f));
	spit(other, "theirs");
	CHECK_EQ_INT(afile_commit(f, &e), LERR_CONFLICT);
	check_text(other, "theirs");
	CHECK_EQ_INT(entries(dir), 2);
	unlink(other);
	/* abort: no target, no temporary file */
	f = afile_open(other, 0, &e);
	CHECK(f != NULL);
	fputs("half", afile_stream(f));
	afile_abort(f);
	CHECK(access(other, F_OK) < 0);
	CHECK_EQ_INT(entries(dir), 1);
	/* replace keeps the old file's mode */
	CHECK_EQ_INT(chmod(path, 0640), 0);
	f = afile_open(path, AFILE_REPLACE, &e);
	CHECK(f != NULL);
	fputs("new", afile_stream(f));
	CHECK_EQ_INT(afile_commit(f, &e), 0);
	check_text(path, "new");
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640);
	/* the disk fills up (a file size limit: EFBIG where a full disk gives
	 * ENOSPC; tests/cli/t4350 fills a real one): the old file stays, the
	 * temporary file goes, the error names the target */
	struct rlimit old_lim, lim;
	CHECK(getrlimit(RLIMIT_FSIZE, &old_lim) == 0);
	void (*old_sig)(int) = signal(SIGXFSZ, SIG_IGN);
	f = afile_open(path, AFILE_REPLACE, &e);
	CHECK(f != NULL);
	lim = old_lim;
	lim.rlim_cur = 4096;
	CHECK(setrlimit(RLIMIT_FSIZE, &lim) == 0);
	for (int i = 0; i < 10000; i++)
		fputs("0123456789", afile_stream(f));
	int rc = afile_commit(f, &e);
	CHECK(setrlimit(RLIMIT_FSIZE, &old_lim) == 0);
	signal(SIGXFSZ, old_sig);
	CHECK_EQ_INT(rc, LERR_IO);
	CHECK(strstr(e.msg, path) != NULL);
	check_text(path, "new");
	CHECK_EQ_INT(entries(dir), 1);
	/* a directory that cannot take the file: a clear error, nothing left */
	char *nowhere = xasprintf("%s/missing/out.csv", dir);
	CHECK(afile_open(nowhere, 0, &e) == NULL);
	CHECK_EQ_INT(e.code, LERR_IO);
	CHECK(strstr(e.msg, nowhere) != NULL);
	unlink(path);
	rmdir(dir);
	free(nowhere);
	free(other);
	free(path);
}

void suite_base(void)
{
	RUN(test_sha256_vectors);
	RUN(test_sha256_million_a_in_chunks);
	RUN(test_strmap);
	RUN(test_arena);
	RUN(test_buf);
	RUN(test_lerr_and_strings);
	RUN(test_varint);
	RUN(test_afile);
}
