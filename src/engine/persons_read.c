/* persons_read.c - the episode file: its header, and reading it in blocks
 * of whole lines that two worker threads parse while the next is read. */
#include "persons_internal.h"
#include "../base/crypt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (8 << 20)    /* bytes read per block */
#define MAX_LINE (1 << 20) /* a longer line is refused, as csv.h does */
#define N_SLOTS 4
#define N_WORKERS 2

/* ---- the header: delimiter and the roles of the columns */
typedef struct header {
	char delim;
	int roles[256];
	int n_cols, has_rung;
	size_t skip;  /* bytes up to the first data line */
	long lines;   /* line breaks up to there */
} header;

static int header_error(lerr *err, const char *name, long line, const char *fmt, const char *arg)
{
	char msg[512];
	snprintf(msg, sizeof msg, fmt, arg);
	return lerr_set(err, LERR_PARSE, "%s:%ld:1: %s", name, line, msg);
}

/* Is the header field c[0, n) the column name? ASCII case does not matter,
 * as in the importer's headers. */
static int same_name(const char *name, const char *c, size_t n)
{
	if (strlen(name) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] != (c[i] >= 'A' && c[i] <= 'Z' ? c[i] + 32 : c[i]))
			return 0;
	return 1;
}

/* The header in data[0, n) (n: what is read so far; eof: all of it). */
static int parse_header(const char *name, const char *data, size_t n, int eof, int en, header *h, lerr *err)
{
	static const char *const names[R_N] = {"person", "work_form", "area", "start", "end", "rung"};
	memset(h, 0, sizeof *h);
	size_t p = n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	for (;;) { /* blank lines before the header */
		const char *nl = memchr(data + p, '\n', n - p);
		size_t e = nl ? (size_t)(nl - data) : n;
		size_t le = e > p && data[e - 1] == '\r' ? e - 1 : e;
		if (!nl && !eof)
			return header_error(err, name, h->lines + 1, V(en, prs_header_too_long), "1 MiB");
		if (le > p || !nl) {
			h->skip = nl ? e + 1 : n;
			const char *s = data + p;
			size_t len = le - p;
			if (!len)
				return header_error(err, name, h->lines + 1, "%s", V(en, prs_empty_file));
			int commas = 0, semis = 0, inq = 0;
			for (size_t i = 0; i < len; i++) {
				inq ^= s[i] == '"';
				commas += !inq && s[i] == ',';
				semis += !inq && s[i] == ';';
			}
			if (commas && semis)
				return header_error(err, name, h->lines + 1, "%s", V(en, prs_both_delimiters));
			h->delim = semis ? ';' : ',';
			int found[R_N] = {0};
			size_t i = 0;
			for (h->n_cols = 0;; h->n_cols++) {
				size_t j = i;
				while (j < len && s[j] != h->delim)
					j++;
				if (h->n_cols >= 256)
					return header_error(err, name, h->lines + 1, "%s", V(en, prs_too_many_columns));
				const char *c = s + i;
				size_t cl = j - i;
				while (cl && (*c == ' ' || *c == '\t' || *c == '"'))
					c++, cl--;
				while (cl && (c[cl - 1] == ' ' || c[cl - 1] == '\t' || c[cl - 1] == '"'))
					cl--;
				h->roles[h->n_cols] = -1;
				for (int r = 0; r < R_N; r++)
					if (same_name(names[r], c, cl)) {
						if (found[r])
							return header_error(err, name, h->lines + 1, V(en, prs_column_twice), names[r]);
						found[r] = 1;
						h->roles[h->n_cols] = r;
					}
				if (j >= len) {
					h->n_cols++;
					break;
				}
				i = j + 1;
			}
			for (int r = 0; r < R_RUNG; r++)
				if (!found[r])
					return header_error(err, name, h->lines + 1, V(en, prs_missing_column), names[r]);
			h->has_rung = found[R_RUNG];
			h->lines++;
			return 0;
		}
		h->lines++;
		p = e + 1;
	}
}

/* ---- the workers' error, with its line number */
static int worker_error(prs_worker *ws, int n, const char *name, long header_lines, const long *lines, lerr *err)
{
	prs_worker *first = NULL;
	for (int i = 0; i < n; i++)
		if (ws[i].err_code < 0 && (!first || ws[i].err_seq < first->err_seq ||
					   (ws[i].err_seq == first->err_seq && ws[i].err_line < first->err_line)))
			first = &ws[i];
	if (!first)
		return 0;
	long line = header_lines + first->err_line + 1;
	for (long s = 0; s < first->err_seq; s++)
		line += lines[s];
	return lerr_set(err, first->err_code, "%s:%ld:%d: %s", name, line, first->err_col, first->err_msg);
}

static void setup(prs_shared *g, prs_worker *ws, int n, const header *h, const prs_opts *o)
{
	prs_shared_init(g, o, h->has_rung);
	for (int i = 0; i < n; i++)
		prs_worker_init(&ws[i], g, h->delim, h->roles, h->n_cols);
}

static void teardown(prs_shared *g, prs_worker *ws, int n)
{
	for (int i = 0; i < n; i++)
		prs_worker_free(&ws[i]);
	prs_shared_free(g);
}

int prs_run_mem(const char *name, const char *data, size_t n, const prs_opts *o, prs_result **out, lerr *err)
{
	header h;
	if (parse_header(name, data, n, 1, o->english, &h, err) < 0)
		return err->code;
	prs_shared g;
	prs_worker w;
	setup(&g, &w, 1, &h, o);
	atomic_long stop = LONG_MAX;
	long lines = prs_worker_block(&w, data + h.skip, data + n, 0, &stop);
	int rc = worker_error(&w, 1, name, h.lines, &lines, err);
	if (!rc) {
		*out = prs_result_build(&w, 1, &g);
		if (o->sha256)
			crypt_sha256_hex(data, n, (*out)->sha256);
	}
	teardown(&g, &w, 1);
	return rc;
}

/* ---- files: the calling thread reads, the workers parse */
enum slot_state { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
	char *data;
	size_t off, n; /* lines in [off, n) */
	long seq, lines;
	enum slot_state state;
} slot;

typedef struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	slot slots[N_SLOTS];
	int eof;
	atomic_long stop_seq;
	prs_worker *ws;
} pipeline;

typedef struct worker_arg {
	pipeline *pl;
	prs_worker *w;
} worker_arg;

static void *worker_main(void *arg)
{
	worker_arg *a = arg;
	pipeline *pl = a->pl;
	pthread_mutex_lock(&pl->mu);
	for (;;) {
		slot *take = NULL;
		for (int i = 0; i < N_SLOTS; i++)
			if (pl->slots[i].state == SLOT_READY && (!take || pl->slots[i].seq < take->seq))
				take = &pl->slots[i];
		if (!take) {
			if (pl->eof)
				break;
			pthread_cond_wait(&pl->cv, &pl->mu);
			continue;
		}
		take->state = SLOT_BUSY;
		pthread_mutex_unlock(&pl->mu);
		take->lines = 0;
		if (take->seq < atomic_load(&pl->stop_seq) && a->w->err_code >= 0) {
			take->lines = prs_worker_block(a->w, take->data + take->off, take->data + take->n, take->seq, &pl->stop_seq);
			if (a->w->err_code < 0) {
				long cur = atomic_load(&pl->stop_seq);
				while (take->seq < cur && !atomic_compare_exchange_weak(&pl->stop_seq, &cur, take->seq))
					;
			}
		}
		pthread_mutex_lock(&pl->mu);
		take->state = SLOT_DONE;
		pthread_cond_broadcast(&pl->cv);
	}
	pthread_mutex_unlock(&pl->mu);
	return NULL;
}

static int open_input(const char *path, int en, const char **name, long long *size, lerr *err)
{
	int fd;
	if (!strcmp(path, "-")) {
		fd = 0;
		*name = "stdin";
	} else {
		*name = path;
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return lerr_set(err, LERR_IO, "%s: %s", path, lerr_reason(errno, en));
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)) || isatty(fd)) {
		if (fd)
			close(fd);
		return lerr_set(err, LERR_IO, V(en, prs_not_a_file), *name);
	}
	*size = S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
	return fd;
}

/* Fills s: the carry (a line begun in the block before), then up to BLOCK
 * bytes; keeps what follows the last line break as the next carry.
 * Returns bytes read (0 at end of input) or -1. */
static long fill_slot(int fd, slot *s, char *carry, size_t *carry_n, crypt_hash *sha, int en, lerr *err, const char *name)
{
	memcpy(s->data, carry, *carry_n);
	size_t n = *carry_n, got = 0;
	while (got < BLOCK) {
		ssize_t k = read(fd, s->data + n, BLOCK - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return lerr_set(err, LERR_IO, "%s: %s", name, lerr_reason(errno, en)), -1;
		if (!k)
			break;
		if (sha)
			crypt_hash_add(sha, s->data + n, (size_t)k);
		n += (size_t)k;
		got += (size_t)k;
	}
	size_t end = n;
	if (got) { /* more may follow: keep the unfinished line */
		while (end > 0 && s->data[end - 1] != '\n')
			end--;
		if (n - end > MAX_LINE)
			return lerr_set(err, LERR_PARSE, V(en, prs_line_too_long), name), -1;
	}
	*carry_n = n - end;
	memcpy(carry, s->data + end, *carry_n);
	s->n = end;
	return (long)got;
}

int prs_run_file(const char *path, const prs_opts *o, prs_result **out, lerr *err)
{
	const char *name;
	long long size = 0;
	int fd = open_input(path, o->english, &name, &size, err);
	if (fd < 0)
		return err->code;
	pipeline pl;
	memset(&pl, 0, sizeof pl);
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.cv, NULL);
	atomic_init(&pl.stop_seq, LONG_MAX);
	for (int i = 0; i < N_SLOTS; i++)
		pl.slots[i].data = prs_big_alloc(BLOCK + MAX_LINE);
	char *carry = xmalloc(MAX_LINE + BLOCK);
	size_t carry_n = 0;
	crypt_hash sha;
	crypt_hash_init(&sha);
	long *lines = NULL;
	long n_seq = 0, cap_seq = 0;
	long long done = 0;
	int rc = 0, started = 0;
	prs_shared g;
	prs_worker ws[N_WORKERS];
	pthread_t th[N_WORKERS];
	worker_arg args[N_WORKERS];
	header h;
	for (int at_end = 0; !at_end;) {
		slot *s = NULL;
		pthread_mutex_lock(&pl.mu);
		for (;;) {
			for (int i = 0; i < N_SLOTS && !s; i++)
				if (pl.slots[i].state == SLOT_FREE || pl.slots[i].state == SLOT_DONE)
					s = &pl.slots[i];
			if (s || !started)
				break;
			pthread_cond_wait(&pl.cv, &pl.mu);
		}
		if (s->state == SLOT_DONE)
			lines[s->seq] = s->lines;
		pthread_mutex_unlock(&pl.mu);
		if (atomic_load(&pl.stop_seq) != LONG_MAX)
			break;
		long got = fill_slot(fd, s, carry, &carry_n, o->sha256 ? &sha : NULL, o->english, err, name);
		if (got < 0) {
			rc = err->code;
			break;
		}
		at_end = !got;
		if (at_end && carry_n) { /* the last line, without a line break */
			memcpy(s->data + s->n, carry, carry_n);
			s->n += carry_n;
			carry_n = 0;
		}
		done += got;
		if (o->progress && got)
			o->progress(o->progress_ctx, done, size);
		s->off = 0;
		if (!started) {
			if (parse_header(name, s->data, s->n, at_end, o->english, &h, err) < 0) {
				rc = err->code;
				break;
			}
			s->off = h.skip;
			setup(&g, ws, N_WORKERS, &h, o);
			for (int i = 0; i < N_WORKERS; i++) {
				args[i] = (worker_arg){&pl, &ws[i]};
				pthread_create(&th[i], NULL, worker_main, &args[i]);
			}
			started = 1;
		}
		if (n_seq == cap_seq) {
			cap_seq = cap_seq ? cap_seq * 2 : 256;
			lines = xrealloc(lines, (size_t)cap_seq * sizeof *lines);
		}
		lines[n_seq] = 0;
		pthread_mutex_lock(&pl.mu);
		s->seq = n_seq++;
		s->state = SLOT_READY;
		pthread_cond_broadcast(&pl.cv);
		pthread_mutex_unlock(&pl.mu);
	}
	if (started) {
		pthread_mutex_lock(&pl.mu);
		pl.eof = 1;
		pthread_cond_broadcast(&pl.cv);
		pthread_mutex_unlock(&pl.mu);
		for (int i = 0; i < N_WORKERS; i++)
			pthread_join(th[i], NULL);
		for (int i = 0; i < N_SLOTS; i++)
			if (pl.slots[i].state == SLOT_DONE)
				lines[pl.slots[i].seq] = pl.slots[i].lines;
		if (!rc)
			rc = worker_error(ws, N_WORKERS, name, h.lines, lines, err);
		if (!rc) {
			*out = prs_result_build(ws, N_WORKERS, &g);
			if (o->sha256)
				crypt_hash_hex(&sha, (*out)->sha256);
		}
		teardown(&g, ws, N_WORKERS);
	}
	if (fd)
		close(fd);
	for (int i = 0; i < N_SLOTS; i++)
		prs_big_free(pl.slots[i].data, BLOCK + MAX_LINE);
	free(carry);
	free(lines);
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.cv);
	return rc;
}
