#!/usr/bin/env python3
"""Writes data/demo/synthetic-municipalities.csv: a synthetic split of the
West-Flemish 2017 figures of the demo over its 64 municipalities.

Not an observation: every row is flagged synthetic. The finest parts the
seed gives (rung 3, the six rung-4 work forms, the rung-4 remainder that the
seed leaves unspecified, collective and individual rung 5) are each split with
the same weights by the largest-remainder method, so each part adds up
exactly to the province. Municipal rung-4 totals are the sum of their parts
plus their share of the unspecified remainder; rung 5 and the headline are
left to the engine to add up. Weights are a deterministic function of the NIS
code (larger for the regional centres), not real populations.

Run from the repository root: python3 tools/gen_demo_split.py
"""
import csv
import hashlib

PARTS = [  # (work form or total code, province figure)
    ("trede3", 1309),
    ("tat", 1070), ("werkplekleren", 7744), ("starterslabo", 74),
    ("duaal_leren", 361), ("pwa", 1013), ("doorstroom_arbeidszorg", 161),
    ("trede4.rest", 10740 - 10423),
    ("trede5.collectief", 6095), ("trede5.individueel", 38577),
]
CENTRES = {"31005", "34022", "35013", "36015", "33011", "37015", "38025", "32003"}


def weight(code):
    h = int(hashlib.sha256(code.encode()).hexdigest()[:8], 16)
    return (4 + h % 27) * (5 if code in CENTRES else 1)


def split(total, codes):
    w = [weight(c) for c in codes]
    s = sum(w)
    exact = [total * x / s for x in w]
    base = [int(e) for e in exact]
    left = total - sum(base)
    order = sorted(range(len(codes)), key=lambda i: (-(exact[i] - base[i]), codes[i]))
    for i in order[:left]:
        base[i] += 1
    return dict(zip(codes, base))


def main():
    with open("data/ref/areas.csv", encoding="utf-8") as f:
        areas = list(csv.DictReader(f))
    arr = {a["code"] for a in areas if a["parent"] == "30000"}
    munis = sorted(a["code"] for a in areas if a["level"] == "municipality" and a["parent"] in arr
                   and a["valid_from"] <= "2017-01-01" and (not a["valid_to"] or a["valid_to"] >= "2017-01-01"))
    assert len(munis) == 64, len(munis)
    shares = {code: split(total, munis) for code, total in PARTS}
    rung4_forms = [c for c, _ in PARTS[1:7]]
    with open("data/demo/synthetic-municipalities.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "area", "work_form", "persons", "edition", "flag"])
        for m in munis:
            for code, _ in PARTS:
                if code == "trede4.rest":
                    continue
                w.writerow([2017, m, code, shares[code][m], 2018, "synthetic"])
            t4 = sum(shares[c][m] for c in rung4_forms) + shares["trede4.rest"][m]
            w.writerow([2017, m, "trede4", t4, 2018, "synthetic"])


if __name__ == "__main__":
    main()
