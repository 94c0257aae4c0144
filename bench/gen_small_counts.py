#!/usr/bin/env python3
"""gen_small_counts.py - figures with many small municipalities, for the
disclosure tests (tests/cli/t3000-disclosure.sh) and bench/disclosure.sh.

usage: gen_small_counts.py REPO OUT_FIGURES OUT_GROUPINGS
           [--municipalities N] [--years 2010-2024] [--edition E] [--seed S]
           [--arrondissement CODE]

Reads the municipalities and work forms of REPO/data/ref. Every
municipality gets a size drawn log-uniformly (most are small), every work
form valid in a year a weight; persons are Poisson draws of size x weight,
so counts of 1 to 4 are everywhere. About a third of the municipalities
also report a rung-4 total a little above its work forms (a "not
specified" part). Writes the figures (year,area,work_form,persons,edition)
and a groupings file (group,name_nl,member): regions of 3 to 9
municipalities within a province, across arrondissement borders (like
data/demo/regions-wvl.csv). Deterministic for a seed. --arrondissement
draws everything as without it, then writes only the municipalities of that
arrondissement and the groupings cut to them (those left with 2 members or
more): the small instances of bench/disclosure.sh's optimality check.
"""
import csv
import math
import random
import sys


def poisson(rng, mean):
    if mean > 30:  # normal approximation, enough for a benchmark
        return max(0, int(round(rng.gauss(mean, math.sqrt(mean)))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def valid(form, year):
    lo, hi = "%04d-12-31" % year, "%04d-01-01" % year
    return not (form["valid_from"] and form["valid_from"] > lo) and not (form["valid_to"] and form["valid_to"] < hi)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    repo, out_fig, out_grp = argv[1:4]
    opts = {"--municipalities": "0", "--years": "2010-2024", "--edition": "2025", "--seed": "1",
            "--arrondissement": ""}
    rest = argv[4:]
    while rest:
        if rest[0] not in opts or len(rest) < 2:
            sys.exit("unknown option %s" % rest[0])
        opts[rest[0]] = rest[1]
        rest = rest[2:]
    rng = random.Random(int(opts["--seed"]))
    y0, y1 = (int(x) for x in opts["--years"].split("-"))
    with open(repo + "/data/ref/areas.csv", encoding="utf-8") as f:
        areas = list(csv.DictReader(f))
    parent = {r["code"]: r["parent"] for r in areas}
    level = {r["code"]: r["level"] for r in areas}
    # on the map of every year generated (valid on 1 January of each)
    first, last = "%04d-01-01" % y0, "%04d-01-01" % y1
    munis = [r["code"] for r in areas if r["level"] == "municipality"
             and r["valid_from"] <= first and (not r["valid_to"] or r["valid_to"] >= last)]

    def province(code):
        while code and level.get(code) != "province":
            code = parent.get(code)
        return code
    n = int(opts["--municipalities"])
    if n:
        munis = munis[:n]
    with open(repo + "/data/ref/work_forms.csv", encoding="utf-8") as f:
        forms = [r for r in csv.DictReader(f) if r["code"]]
    size = {m: math.exp(rng.uniform(math.log(0.05), math.log(4.0))) for m in munis}
    weight = {w["code"]: math.exp(rng.uniform(math.log(0.3), math.log(40.0))) for w in forms}
    gap = {m: rng.random() < 0.33 for m in munis}
    arr = opts["--arrondissement"]
    keep = set(m for m in munis if not arr or parent.get(m) == arr)
    rows = 0
    with open(out_fig, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["year", "area", "work_form", "persons", "edition"])
        for year in range(y0, y1 + 1):
            for m in munis:
                growth = 1.0 + 0.03 * (year - y0)
                rung4 = 0
                for w in forms:
                    if not valid(w, year):
                        continue
                    p = poisson(rng, size[m] * weight[w["code"]] * growth)
                    if m in keep:
                        out.writerow([year, m, w["code"], p, opts["--edition"]])
                        rows += 1
                    if w["rung"] == "4":
                        rung4 += p
                if gap[m]:
                    extra = rng.randint(0, 6)
                    if m in keep:
                        out.writerow([year, m, "trede4", rung4 + extra, opts["--edition"]])
                        rows += 1
    with open(out_grp, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["group", "name_nl", "member"])
        g = 0
        for prov in sorted(set(province(m) for m in munis)):
            order = sorted(m for m in munis if province(m) == prov)
            rng.shuffle(order)
            i = 0
            while i < len(order) - 2:
                k = rng.randint(3, 9)
                g += 1
                members = [m for m in sorted(order[i:i + k]) if m in keep]
                for m in members if len(members) >= 2 else []:
                    out.writerow(["gen-%03d" % g, "Regio %d" % g, m])
                i += k
    if arr:
        munis = [m for m in munis if m in keep]
    print("%d figures, %d municipalities, years %d-%d, %d groupings" % (rows, len(munis), y0, y1, g), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
