/* base.h - memory, strings and errors: the layer every other layer stands on.
 *
 * Depends on libc only. Prefixes: x (allocation), arena_, buf_, lerr_.
 *
 * Ownership: x* allocations are freed with free(). Arena memory lives until
 * arena_clear/arena_release; never keep an arena pointer past that. A buf owns
 * its bytes until buf_detach hands them to the caller (free() them).
 *
 * Errors: a fallible function returns int, 0 on success and a negative LERR_*
 * on failure, after writing a message into the caller's lerr. lerr_set()
 * records and returns the code, so failing is one statement:
 *     return lerr_set(err, LERR_PARSE, "%s:%d:%d: expected a year", f, l, c);
 */
#ifndef LADDER_BASE_H
#define LADDER_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define LADDER_WARN_UNUSED __attribute__((warn_unused_result))
#define LADDER_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* ---- allocation: aborts with a message on exhaustion (a CLI cannot recover) */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) LADDER_PRINTF(1, 2);
/* Maps store row ids to positions: map[id] = i for ids[i], -1 elsewhere;
 * *max_out is the largest id. Caller frees the map. */
int *xid_index(int n, const int *ids, int *max_out);
/* For a run that ends when its job does (an import): memory freed between
 * steps stays with the process for the next step. Not for the server. */
void xmalloc_batch(void);

/* ---- errors */
enum {
	LERR_OK = 0,
	LERR_IO = -1,       /* file or stream could not be read/written */
	LERR_PARSE = -2,    /* input does not have the expected shape */
	LERR_DB = -3,       /* the store failed */
	LERR_NOTFOUND = -4, /* a named thing does not exist */
	LERR_USAGE = -5,    /* the command line is wrong */
	LERR_CONFLICT = -6, /* input contradicts what is stored */
	LERR_AMBIGUOUS = -7, /* input could mean more than one thing */
	LERR_SOLVER = -8     /* the LP solver (GLPK) failed or found no solution */
};

/* Where an error about input is: a parser that knows fills the position
 * with lerr_set_at, so that a caller that reports it within a larger input
 * (a claim's expression inside a CSV field) adds its own offsets instead of
 * reading them back out of the message. lerr_set clears it. */
typedef struct lerr {
	int code;
	char msg[1024];  /* what, without the position */
	char file[256];  /* "" when not known */
	long line;       /* 1-based; 0 when not known */
	int column;      /* 1-based, in characters of the line or text; 0 when not known */
	int sys_errno;   /* the errno behind an LERR_IO, 0 when none: the caller words it (lerr_reason) */
} lerr;

int lerr_set(lerr *e, int code, const char *fmt, ...) LADDER_PRINTF(3, 4);
int lerr_set_at(lerr *e, int code, const char *file, long line, int column, const char *fmt, ...) LADDER_PRINTF(6, 7);
int lerr_vset(lerr *e, int code, const char *fmt, va_list ap);
void lerr_clear(lerr *e);
/* The system's reason for errnum in the user's language (en: English, as
 * strerror words it; else Dutch for the reasons a user meets: a missing
 * file, no permission, a full disk, ...; strerror's English for the rest).
 * A static string. */
const char *lerr_reason(int errnum, int en);
/* LERR_IO "WHAT: <strerror's English>" with errnum kept in sys_errno, for
 * a caller that knows the user's language to word it (lerr_reason). */
int lerr_io(lerr *e, int errnum, const char *what);

/* ---- arena: bump allocation for one unit of work (an import, a request) */
typedef struct arena_chunk arena_chunk;
typedef struct arena {
	arena_chunk *head; /* private */
	size_t used, cap;  /* private */
} arena;

void arena_init(arena *a);
void *arena_alloc(arena *a, size_t n);   /* 16-byte aligned, never NULL */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) LADDER_PRINTF(2, 3);
void arena_clear(arena *a);   /* keeps the first chunk for reuse */
void arena_release(arena *a); /* frees everything */

/* ---- buf: growable byte string, always NUL-terminated */
typedef struct buf {
	char *ptr;
	size_t len, cap;
} buf;

#define BUF_INIT {NULL, 0, 0}
void buf_grow(buf *b, size_t extra);
void buf_add(buf *b, const void *p, size_t n);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) LADDER_PRINTF(2, 3);
void buf_reset(buf *b);
char *buf_detach(buf *b); /* caller frees; b is reset */
void buf_release(buf *b);
const char *buf_cstr(const buf *b); /* "" when empty */

/* ---- small string helpers */
int str_eq(const char *a, const char *b);
int str_ieq_ascii(const char *a, const char *b);
/* the value of a hexadecimal digit (either case), -1 for any other byte */
int str_hex_digit(int c);

#endif
