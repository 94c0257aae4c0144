#!/usr/bin/env python3
"""gen_map.py - derives data/ref/municipalities-2019.map, the simplified map
of the Flemish municipalities that ladder draws, from the CC0 TopoJSON of the
Belgian municipalities (2019). Run by hand when the source changes, never at
build time; the program needs only the file it writes.

    python3 tools/gen_map.py /work/shared/reference/belgium-municipalities-2019.topojson \
        /work/shared/reference/flemish-municipalities-2019.csv > data/ref/municipalities-2019.map

What it does, and why:
- keeps the 300 Flemish municipalities of the CSV (by NIS code: the
  TopoJSON tags Mesen, 33016, with the Walloon region);
- projects longitude and latitude to a plane (x scaled by cos 51 degrees,
  north up) and quantizes to whole units of 1/2000 of Flanders' width
  (about 110 m);
- simplifies every *arc* of the topology with Douglas-Peucker (tolerance
  TOLERANCE units, the arc's ends kept): a border between two
  municipalities is one arc, so both sides are simplified identically and
  no gaps or overlaps appear; dissolving shapes (arrondissements,
  provinces, the mergers of 2025) drops the arcs used twice;
- writes a small text format (below), which the program parses
  (src/model/topo.c).

Format, one record a line:
  # comment
  S width height           the drawing's size in units
  A x y dx dy dx dy ...    an arc: its first point, then steps
  M nis r1 r2 | r3 ...     a municipality: rings of arc numbers separated by
                           '|'; arc -1-i is arc i reversed (TopoJSON's ~i)
"""
import csv
import json
import math
import sys

TOLERANCE = 1.2
UNITS = 2000


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def perp(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def douglas_peucker(pts, tol):
    if len(pts) < 3:
        return pts
    if pts[0] == pts[-1]:  # a closed arc: split at the point farthest from its start
        far = max(range(len(pts)), key=lambda i: math.hypot(pts[i][0] - pts[0][0], pts[i][1] - pts[0][1]))
        return douglas_peucker(pts[:far + 1], tol)[:-1] + douglas_peucker(pts[far:], tol)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = -1.0, -1
        for k in range(i + 1, j):
            d = perp(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(pts, keep) if k]


def rings_of(geom):
    if geom["type"] == "Polygon":
        return list(geom["arcs"])
    return [ring for poly in geom["arcs"] for ring in poly]


def main():
    topo = json.load(open(sys.argv[1]))
    flemish = {row["nis"] for row in csv.DictReader(open(sys.argv[2]))}
    geoms = [g for g in topo["objects"]["municipalities"]["geometries"] if g["properties"]["nis"] in flemish]
    missing = flemish - {g["properties"]["nis"] for g in geoms}
    if missing:
        sys.exit("no shape for " + ", ".join(sorted(missing)))
    arcs = decode_arcs(topo)
    used = sorted({a if a >= 0 else ~a for g in geoms for ring in rings_of(g) for a in ring})
    k = math.cos(math.radians(51.0))
    proj = {i: [(lon * k, lat) for lon, lat in arcs[i]] for i in used}
    xs = [x for pts in proj.values() for x, _ in pts]
    ys = [y for pts in proj.values() for _, y in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    scale = UNITS / (x1 - x0)
    number = {}
    lines = []
    for i in used:
        q = []
        for x, y in proj[i]:
            p = (round((x - x0) * scale), round((y1 - y) * scale))
            if not q or q[-1] != p:
                q.append(p)
        q = douglas_peucker(q, TOLERANCE)
        number[i] = len(lines)
        steps = [q[0]] + [(b[0] - a[0], b[1] - a[1]) for a, b in zip(q, q[1:])]
        lines.append("A " + " ".join(f"{x} {y}" for x, y in steps))
    print("# The Flemish municipalities of 2019, simplified for drawing (ladder).")
    print("# Derived by tools/gen_map.py from belgium-municipalities-2019.topojson (CC0, public domain),")
    print(f"# arcs quantized to 1/{UNITS} of Flanders' width and simplified (Douglas-Peucker, {TOLERANCE} units).")
    print(f"S {UNITS} {round((y1 - y0) * scale)}")
    print("\n".join(lines))
    for g in sorted(geoms, key=lambda g: g["properties"]["nis"]):
        rings = []
        for ring in rings_of(g):
            rings.append(" ".join(str(number[a]) if a >= 0 else str(-1 - number[~a]) for a in ring))
        print(f"M {g['properties']['nis']} " + " | ".join(rings))


if __name__ == "__main__":
    main()
