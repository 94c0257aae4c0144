/* fuzz_varint.c - libFuzzer target for the blob number reader
 * (src/base/varint.c), which reads the grid cache back from the store.
 *
 * Reads the input as a run of numbers (the first byte says, bit by bit,
 * which are varints and which doubles) and checks the contract: the reader
 * never passes its end, stops for good on the first bad number, and every
 * number it read writes back to bytes that read as the same number. Build
 * with tests/fuzz/run.sh. */
#include "varint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_varint: invariant broken: %s\n", what);
	abort();
}

static void same_number(double v)
{
	buf b = {0};
	vint_put_number(&b, v);
	vint_reader r = {(const unsigned char *)b.ptr, (const unsigned char *)b.ptr + b.len, 0};
	double w = vint_get_number(&r);
	if (r.bad || r.p != r.end || memcmp(&v, &w, sizeof v) != 0)
		if (!(v == 0 && w == 0)) /* -0 is written as 0 */
			fail("a number read does not write back to itself");
	buf_release(&b);
}

static void same_varint(unsigned long long v)
{
	buf b = {0};
	vint_put(&b, v);
	vint_reader r = {(const unsigned char *)b.ptr, (const unsigned char *)b.ptr + b.len, 0};
	if (vint_get(&r) != v || r.bad || r.p != r.end)
		fail("a varint read does not write back to itself");
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size == 0)
		return 0;
	unsigned kinds = data[0];
	vint_reader r = {data + 1, data + size, 0};
	for (int i = 0; r.p < r.end && !r.bad; i++) {
		const unsigned char *before = r.p;
		if (kinds >> (i % 8) & 1) {
			double v = vint_get_number(&r);
			if (!r.bad)
				same_number(v);
		} else {
			unsigned long long v = vint_get(&r);
			if (!r.bad)
				same_varint(v);
		}
		if (r.p > r.end || (r.p == before && !r.bad))
			fail("the reader passed its end or stood still");
	}
	if (r.bad && (vint_get(&r) != 0 || !r.bad))
		fail("a bad reader read on");
	return 0;
}
