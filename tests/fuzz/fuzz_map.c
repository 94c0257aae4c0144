/* fuzz_map.c - libFuzzer target for the shapes' format (src/render/map.c,
 * written by tools/gen_map.py): any text is parsed; a topology that is
 * accepted is dissolved shape by shape and as a whole. Invariants: every
 * ring that comes back is closed (its last point is its first) and lies in
 * the box reported. Build and run with tests/fuzz/run.sh. */
#include "base.h"
#include "../../src/render/map.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_map: invariant broken: %s\n", what);
	abort();
}

static void check_rings(const map_rings *r)
{
	for (int k = 0; k < r->n_rings; k++) {
		int a = r->ring_start[k], b = r->ring_start[k + 1] - 1;
		if (b < a || r->xy[2 * a] != r->xy[2 * b] || r->xy[2 * a + 1] != r->xy[2 * b + 1])
			fail("a ring that does not close");
		for (int i = a; i <= b; i++)
			if (r->xy[2 * i] < r->box[0] || r->xy[2 * i] > r->box[2] || r->xy[2 * i + 1] < r->box[1] ||
			    r->xy[2 * i + 1] > r->box[3])
				fail("a point outside the box");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lerr e;
	map_topo *t = map_topo_parse((const char *)data, size, "fuzz", &e);
	if (!t)
		return 0;
	int *all = xmalloc(sizeof *all * (size_t)(t->n_shapes + 1));
	for (int i = 0; i < t->n_shapes; i++) {
		all[i] = i;
		map_rings r;
		if (map_dissolve(t, &i, 1, &r, &e) == 0) {
			check_rings(&r);
			map_rings_free(&r);
		}
	}
	map_rings r;
	if (t->n_shapes && map_dissolve(t, all, t->n_shapes, &r, &e) == 0) {
		check_rings(&r);
		map_rings_free(&r);
	}
	free(all);
	map_topo_free(t);
	return 0;
}
