/* strmap.h - string -> int map (open addressing, FNV-1a). Lookups on the
 * import hot path (area and work-form codes) go through it.
 *
 * Ownership: keys are borrowed; they must outlive the map (keep them in an
 * arena). strmap_release() frees the table only. */
#ifndef LADDER_STRMAP_H
#define LADDER_STRMAP_H

#include <stddef.h>

typedef struct strmap_slot {
	const char *key;
	int value;
} strmap_slot;

typedef struct strmap {
	strmap_slot *slots; /* private */
	size_t cap, count;  /* private */
} strmap;

void strmap_init(strmap *m);
void strmap_put(strmap *m, const char *key, int value); /* replaces */
int strmap_get(const strmap *m, const char *key, int *value); /* 1 if found */
void strmap_release(strmap *m);

#endif
