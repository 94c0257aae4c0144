/* base.c - allocation, errors, arena and buf. See base.h for ownership rules. */
#define _POSIX_C_SOURCE 200809L
#include "base.h"
#include "vocab.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void out_of_memory(size_t n)
{
	fprintf(stderr, "ladder: out of memory (%zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

/* glibc gives large blocks back to the kernel when they are freed and
 * trims the heap's top, so the next grid of an import page-faults its
 * memory in again (bench/sheets.sh: 13 600 faults, a tenth of the CPU in
 * the kernel). Kept: 10 900 faults, the import 0,59 -> 0,57 s. The peak
 * stays what the run touches at once. */
void xmalloc_batch(void)
{
#ifdef __GLIBC__
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(&b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.ptr, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.ptr;
}

int *xid_index(int n, const int *ids, int *max_out)
{
	int max = 0;
	for (int i = 0; i < n; i++)
		if (ids[i] > max)
			max = ids[i];
	int *map = xmalloc(sizeof(int) * (size_t)(max + 1));
	for (int i = 0; i <= max; i++)
		map[i] = -1;
	for (int i = 0; i < n; i++)
		map[ids[i]] = i;
	*max_out = max;
	return map;
}

/* ---- errors */

int lerr_vset(lerr *e, int code, const char *fmt, va_list ap)
{
	if (e) {
		e->code = code;
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		e->file[0] = '\0';
		e->line = 0;
		e->column = 0;
		e->sys_errno = 0;
	}
	return code;
}

int lerr_io(lerr *e, int errnum, const char *what)
{
	lerr_set(e, LERR_IO, "%s: %s", what, strerror(errnum));
	if (e)
		e->sys_errno = errnum;
	return LERR_IO;
}

const char *lerr_reason(int errnum, int en)
{
	switch (errnum) {
	case ENOENT: return V(en, errno_enoent);
	case EACCES: return V(en, errno_eacces);
	case EPERM: return V(en, errno_eperm);
	case EISDIR: return V(en, errno_eisdir);
	case ENOTDIR: return V(en, errno_enotdir);
	case ENOSPC: return V(en, errno_enospc);
	case EDQUOT: return V(en, errno_edquot);
	case EROFS: return V(en, errno_erofs);
	case EEXIST: return V(en, errno_eexist);
	case ENAMETOOLONG: return V(en, errno_enametoolong);
	case EMFILE:
	case ENFILE: return V(en, errno_emfile);
	case EIO: return V(en, errno_eio);
	case EFBIG: return V(en, errno_efbig);
	case ELOOP: return V(en, errno_eloop);
	case ENOMEM: return V(en, errno_enomem);
	case EBUSY: return V(en, errno_ebusy);
	case EADDRINUSE: return V(en, errno_eaddrinuse);
	case EADDRNOTAVAIL: return V(en, errno_eaddrnotavail);
	default: return strerror(errnum);
	}
}

int lerr_set_at(lerr *e, int code, const char *file, long line, int column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lerr_vset(e, code, fmt, ap);
	va_end(ap);
	if (e) {
		snprintf(e->file, sizeof e->file, "%s", file ? file : "");
		e->line = line;
		e->column = column;
	}
	return code;
}

int lerr_set(lerr *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lerr_vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

void lerr_clear(lerr *e)
{
	e->code = 0;
	e->msg[0] = '\0';
	e->file[0] = '\0';
	e->line = 0;
	e->column = 0;
	e->sys_errno = 0;
}

/* ---- arena */

struct arena_chunk {
	arena_chunk *next;
	size_t cap;
	max_align_t data[];
};

#define ARENA_CHUNK 65536

void arena_init(arena *a)
{
	a->head = NULL;
	a->used = a->cap = 0;
}

void *arena_alloc(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head || a->used + n > a->cap) {
		size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		arena_chunk *c = xmalloc(sizeof *c + cap);
		c->cap = cap;
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->cap = cap;
	}
	void *p = (char *)a->head->data + a->used;
	a->used += n;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_clear(arena *a)
{
	if (!a->head)
		return;
	/* keep the oldest chunk: the common case reuses one chunk per unit of work */
	arena_chunk *c = a->head, *last = NULL;
	while (c) {
		arena_chunk *next = c->next;
		if (next)
			free(c);
		else
			last = c;
		c = next;
	}
	a->head = last;
	a->used = 0;
	a->cap = last->cap;
}

void arena_release(arena *a)
{
	arena_chunk *c = a->head;
	while (c) {
		arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	arena_init(a);
}

/* ---- buf */

void buf_grow(buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->ptr = xrealloc(b->ptr, cap);
	b->cap = cap;
}

void buf_add(buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void buf_adds(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(buf *b, char c)
{
	buf_grow(b, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_reset(buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *buf_detach(buf *b)
{
	char *p = b->ptr ? b->ptr : xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void buf_release(buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

const char *buf_cstr(const buf *b)
{
	return b->ptr ? b->ptr : "";
}

int str_eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

int str_ieq_ascii(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

int str_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
