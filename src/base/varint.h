/* varint.h - compact, byte-order-free numbers for blobs ladder writes and
 * reads back (the grid cache). Prefix: vint_.
 *
 * Unsigned integers are LEB128 varints (7 bits a byte, low first). A double
 * that is a whole number below 2^52 in magnitude is a zigzag varint shifted
 * left by one (so it is even); anything else is the varint 1 followed by
 * the 8 bytes of the double, little endian. A reader never reads past its
 * end: a short or malformed input sets `bad` and yields 0, and so does every
 * read after it.
 */
#ifndef LADDER_VARINT_H
#define LADDER_VARINT_H

#include "base.h"

void vint_put(buf *b, unsigned long long v);
void vint_put_number(buf *b, double v);

typedef struct vint_reader {
	const unsigned char *p, *end;
	int bad; /* set on the first short or malformed number; stays set */
} vint_reader;

unsigned long long vint_get(vint_reader *r);
double vint_get_number(vint_reader *r);

#endif
