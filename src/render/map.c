/* map.c - the municipalities' topology and dissolving shapes (see map.h). */
#include "map.h"
#include "../base/embed.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- parsing */

typedef struct reader {
	const char *p, *end, *name;
	int line;
	lerr *err;
} reader;

static int fail(reader *r, const char *what)
{
	return lerr_set(r->err, LERR_PARSE, "%s:%d: expected %s", r->name, r->line, what);
}

static void skip_blanks(reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\r'))
		r->p++;
}

/* A whole number on the current line; 1 read, 0 at the end of the line. */
static int number(reader *r, long *out)
{
	skip_blanks(r);
	if (r->p >= r->end || *r->p == '\n' || *r->p == '|')
		return 0;
	char digits[24];
	size_t n = 0;
	while (r->p < r->end && n < sizeof digits - 1 && (*r->p == '-' || (*r->p >= '0' && *r->p <= '9')))
		digits[n++] = *r->p++;
	digits[n] = 0;
	char *e;
	errno = 0;
	*out = strtol(digits, &e, 10);
	if (!n || *e || errno || *out > 1000000 || *out < -1000000)
		return fail(r, "a whole number");
	return 1;
}

static void next_line(reader *r)
{
	while (r->p < r->end && *r->p != '\n')
		r->p++;
	if (r->p < r->end)
		r->p++;
	r->line++;
}

typedef struct ivec {
	int *v;
	int n, cap;
} ivec;

static void push(ivec *a, int x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->v = xrealloc(a->v, sizeof *a->v * (size_t)a->cap);
	}
	a->v[a->n++] = x;
}

/* "A x y dx dy ...": an arc, its steps added up */
static int arc_line(reader *r, ivec *starts, ivec *xy)
{
	long x = 0, y = 0, dx, dy;
	int k = 0, rc;
	push(starts, xy->n / 2);
	while ((rc = number(r, &dx)) > 0) {
		if ((rc = number(r, &dy)) <= 0)
			return rc < 0 ? rc : fail(r, "pairs of numbers");
		x = k ? x + dx : dx;
		y = k ? y + dy : dy;
		if (labs(x) > 1000000 || labs(y) > 1000000)
			return fail(r, "points within a million units");
		push(xy, (int)x);
		push(xy, (int)y);
		k++;
	}
	return rc < 0 ? rc : k >= 2 ? 0 : fail(r, "an arc of at least two points");
}

/* "M code a b | c ...": a shape's rings of arc numbers */
static int shape_line(reader *r, map_topo *t, ivec *starts, ivec *refs, int n_arcs)
{
	skip_blanks(r);
	const char *c = r->p;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		r->p++;
	if (r->p - c != 5)
		return fail(r, "a NIS code of five digits");
	t->code = xrealloc(t->code, sizeof *t->code * (size_t)(t->n_shapes + 1));
	memcpy(t->code[t->n_shapes], c, 5);
	t->code[t->n_shapes][5] = '\0';
	t->n_shapes++;
	push(starts, refs->n);
	for (;;) {
		long a;
		int rc, n = 0;
		while ((rc = number(r, &a)) > 0) {
			if (a >= n_arcs || a < -n_arcs)
				return fail(r, "the number of an arc above");
			push(refs, (int)a);
			n++;
		}
		if (rc < 0)
			return rc;
		if (!n)
			return fail(r, "a ring of arcs");
		push(refs, MAP_RING);
		if (r->p < r->end && *r->p == '|')
			r->p++;
		else
			return 0;
	}
}

static int parse_lines(reader *r, map_topo *t, ivec *arcs, ivec *xy, ivec *shapes, ivec *refs)
{
	while (r->p < r->end) {
		char k = *r->p++;
		long w, h;
		int rc = 0;
		if (k == '#' || k == '\n') {
			r->p -= k == '\n';
		} else if (k == 'S') {
			if (number(r, &w) <= 0 || number(r, &h) <= 0 || w <= 0 || h <= 0)
				return fail(r, "S width height");
			t->width = (int)w;
			t->height = (int)h;
		} else if (k == 'A' && !shapes->n) {
			rc = arc_line(r, arcs, xy);
		} else if (k == 'M') {
			rc = shape_line(r, t, shapes, refs, arcs->n);
		} else {
			return fail(r, "a line starting with #, S, A (before any M) or M");
		}
		if (rc < 0)
			return rc;
		next_line(r);
	}
	return t->width ? 0 : fail(r, "a size line (S)");
}

map_topo *map_topo_parse(const char *text, size_t len, const char *name, lerr *err)
{
	reader r = {text, text + len, name, 1, err};
	map_topo *t = xcalloc(1, sizeof *t);
	ivec arcs = {0}, xy = {0}, shapes = {0}, refs = {0};
	int rc = parse_lines(&r, t, &arcs, &xy, &shapes, &refs);
	push(&arcs, xy.n / 2);
	push(&shapes, refs.n);
	t->n_arcs = arcs.n - 1;
	t->arc_start = arcs.v;
	t->xy = xy.v;
	t->shape_start = shapes.v;
	t->refs = refs.v;
	if (rc < 0) {
		map_topo_free(t);
		return NULL;
	}
	return t;
}

map_topo *map_topo_load(lerr *err)
{
	const embed_file *f = embed_find("ref/municipalities-2019.map");
	if (!f) {
		lerr_set(err, LERR_IO, "ref/municipalities-2019.map is not compiled in");
		return NULL;
	}
	return map_topo_parse(f->data, f->len, f->name, err);
}

void map_topo_free(map_topo *t)
{
	if (!t)
		return;
	free(t->arc_start);
	free(t->xy);
	free(t->code);
	free(t->shape_start);
	free(t->refs);
	free(t);
}

int map_shape(const map_topo *t, const char *code)
{
	for (int i = 0; i < t->n_shapes; i++)
		if (strcmp(t->code[i], code) == 0)
			return i;
	return -1;
}

/* -------------------------------------------------------------- dissolving */

typedef struct piece {
	int arc;   /* arc number, ~i reversed */
	int used;
} piece;

static const int *point(const map_topo *t, int arc, int last)
{
	int i = arc < 0 ? ~arc : arc;
	int at = (arc < 0) != last ? t->arc_start[i + 1] - 1 : t->arc_start[i];
	return &t->xy[2 * at];
}

/* The arcs of the shapes, without those two of them share (used once
 * forwards and once backwards: an inner border). */
static piece *outer_arcs(const map_topo *t, const int *shapes, int n, int *n_out)
{
	int *count = xcalloc((size_t)t->n_arcs + 1, sizeof *count);
	for (int s = 0; s < n; s++)
		for (int k = t->shape_start[shapes[s]]; k < t->shape_start[shapes[s] + 1]; k++)
			if (t->refs[k] != MAP_RING)
				count[t->refs[k] < 0 ? ~t->refs[k] : t->refs[k]]++;
	piece *p = NULL;
	int np = 0;
	for (int s = 0; s < n; s++)
		for (int k = t->shape_start[shapes[s]]; k < t->shape_start[shapes[s] + 1]; k++) {
			int a = t->refs[k];
			if (a == MAP_RING || count[a < 0 ? ~a : a] > 1)
				continue;
			p = xrealloc(p, sizeof *p * (size_t)(np + 1));
			p[np++] = (piece){a, 0};
		}
	free(count);
	*n_out = np;
	return p;
}

static void add_arc_points(const map_topo *t, int arc, ivec *xy)
{
	int i = arc < 0 ? ~arc : arc, a = t->arc_start[i], b = t->arc_start[i + 1];
	for (int k = 0; k < b - a; k++) {
		int at = arc < 0 ? b - 1 - k : a + k;
		if (k == 0 && xy->n >= 2)
			continue; /* the joint is the last arc's end */
		push(xy, t->xy[2 * at]);
		push(xy, t->xy[2 * at + 1]);
	}
}

/* Chains unused pieces from p[first] until the ring closes. */
static int chain_ring(const map_topo *t, piece *p, int np, int first, ivec *xy)
{
	const int *start = point(t, p[first].arc, 0);
	int cur = first;
	for (;;) {
		p[cur].used = 1;
		add_arc_points(t, p[cur].arc, xy);
		const int *end = point(t, p[cur].arc, 1);
		if (end[0] == start[0] && end[1] == start[1])
			return 0;
		cur = -1;
		for (int k = 0; k < np && cur < 0; k++) {
			const int *s = point(t, p[k].arc, 0);
			if (!p[k].used && s[0] == end[0] && s[1] == end[1])
				cur = k;
		}
		if (cur < 0)
			return -1;
	}
}

int map_dissolve(const map_topo *t, const int *shapes, int n, map_rings *out, lerr *err)
{
	memset(out, 0, sizeof *out);
	int np;
	piece *p = outer_arcs(t, shapes, n, &np);
	ivec starts = {0}, xy = {0};
	int rc = 0;
	for (int k = 0; k < np && rc == 0; k++) {
		if (p[k].used)
			continue;
		ivec ring = {0};
		if (chain_ring(t, p, np, k, &ring) < 0)
			rc = lerr_set(err, LERR_PARSE, "the arcs of shape %s do not close", t->code[shapes[0]]);
		push(&starts, xy.n / 2);
		for (int i = 0; i < ring.n; i++)
			push(&xy, ring.v[i]);
		free(ring.v);
	}
	free(p);
	push(&starts, xy.n / 2);
	out->n_rings = starts.n - 1;
	out->ring_start = starts.v;
	out->xy = xmalloc(sizeof *out->xy * (size_t)(xy.n ? xy.n : 1));
	for (int i = 0; i < xy.n; i++) {
		out->xy[i] = xy.v[i];
		int d = i % 2;
		if (i < 2 || out->xy[i] < out->box[d])
			out->box[d] = out->xy[i];
		if (i < 2 || out->xy[i] > out->box[d + 2])
			out->box[d + 2] = out->xy[i];
	}
	free(xy.v);
	if (rc < 0)
		map_rings_free(out);
	return rc;
}

void map_rings_free(map_rings *r)
{
	free(r->ring_start);
	free(r->xy);
	memset(r, 0, sizeof *r);
}
