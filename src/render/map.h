/* map.h - the shapes of the Flemish municipalities of 2019 as a topology
 * (data/ref/municipalities-2019.map, derived and simplified by
 * tools/gen_map.py from a CC0 TopoJSON), and shapes dissolved from them:
 * a merged municipality of 2025, an arrondissement, a province. Prefix:
 * map_.
 *
 * A topology keeps every border once, as an arc shared by the two shapes
 * it separates, so simplifying arcs leaves no gaps between neighbours, and
 * dissolving a set of shapes is dropping the arcs two of them share and
 * chaining the rest into rings. Points are whole units (1/2000 of
 * Flanders' width), y pointing down (north up), so the ends of arcs match
 * exactly.
 *
 * Ownership: map_topo_load returns a topology the caller frees with
 * map_topo_free; map_dissolve allocates the rings (map_rings_free).
 */
#ifndef LADDER_MAP_H
#define LADDER_MAP_H

#include "../base/base.h"

typedef struct map_topo {
	int width, height;     /* the drawing's size in units */
	int n_arcs;
	int *arc_start;        /* n_arcs + 1 offsets into xy (points) */
	int *xy;               /* x0, y0, x1, y1, ... absolute */
	int n_shapes;
	char (*code)[8];       /* NIS code of each shape */
	int *shape_start;      /* n_shapes + 1 offsets into refs */
	int *refs;             /* arc numbers; ~i is arc i reversed; MAP_RING ends a ring */
} map_topo;

#define MAP_RING (-2147483647 - 1)

/* Parses the text format of tools/gen_map.py; name is for messages. */
map_topo *map_topo_parse(const char *text, size_t len, const char *name, lerr *err);
/* The map compiled into the program (ref/municipalities-2019.map). */
map_topo *map_topo_load(lerr *err);
void map_topo_free(map_topo *t);
/* The shape of a NIS code, or -1. */
int map_shape(const map_topo *t, const char *code);

/* Closed rings, the points of ring k from ring_start[k] to
 * ring_start[k + 1] (exclusive), as x, y pairs in units. */
typedef struct map_rings {
	int n_rings;
	int *ring_start; /* n_rings + 1 */
	double *xy;
	double box[4];   /* x0, y0, x1, y1 of all points */
} map_rings;

/* The outline of shapes[0..n) taken together: the borders they share
 * dropped, the others chained into rings. 0, or LERR_PARSE when the arcs
 * do not close (a topology that is not one). */
int map_dissolve(const map_topo *t, const int *shapes, int n, map_rings *out, lerr *err);
void map_rings_free(map_rings *r);

#endif
