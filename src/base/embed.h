/* embed.h - files compiled into the binary (reference data, demo data, the
 * schema), so that ladder needs nothing beside itself at run time. The table
 * is generated at build time by tools/embed.c from data/ and src/store/. */
#ifndef LADDER_EMBED_H
#define LADDER_EMBED_H

#include <stddef.h>

typedef struct embed_file {
	const char *name; /* e.g. "ref/areas.csv" */
	const char *data; /* NUL-terminated */
	size_t len;
} embed_file;

extern const embed_file embed_files[];
extern const size_t embed_count;

/* NULL if no such file. */
const embed_file *embed_find(const char *name);

#endif
