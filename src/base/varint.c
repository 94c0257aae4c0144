/* varint.c - see varint.h. */
#include "varint.h"

#include <math.h>
#include <string.h>

void vint_put(buf *b, unsigned long long v)
{
	unsigned char t[10];
	int n = 0;
	do {
		t[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	buf_add(b, t, (size_t)n);
}

void vint_put_number(buf *b, double v)
{
	if (v == floor(v) && fabs(v) < 4503599627370496.0) {
		long long i = (long long)v;
		unsigned long long z = i < 0 ? ((unsigned long long)(-(i + 1)) << 1) | 1 : (unsigned long long)i << 1;
		vint_put(b, z << 1);
		return;
	}
	unsigned long long bits;
	memcpy(&bits, &v, sizeof bits);
	vint_put(b, 1);
	for (int i = 0; i < 8; i++)
		buf_addc(b, (char)(bits >> (8 * i)));
}

unsigned long long vint_get(vint_reader *r)
{
	unsigned long long v = 0;
	if (r->bad)
		return 0;
	for (int shift = 0; shift < 64 && r->p < r->end; shift += 7) {
		unsigned char c = *r->p++;
		v |= (unsigned long long)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

double vint_get_number(vint_reader *r)
{
	unsigned long long z = vint_get(r);
	if (r->bad)
		return 0;
	if (z != 1) {
		if (z & 1) { /* odd values other than 1 are not written */
			r->bad = 1;
			return 0;
		}
		z >>= 1;
		return (z & 1) ? -(double)(long long)(z >> 1) - 1 : (double)(long long)(z >> 1);
	}
	if (r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	unsigned long long bits = 0;
	for (int i = 0; i < 8; i++)
		bits |= (unsigned long long)r->p[i] << (8 * i);
	r->p += 8;
	double v;
	memcpy(&v, &bits, sizeof v);
	return v;
}
