#!/usr/bin/env bash
# t8200-demo-full: `ladder demo --full` adds a complete synthetic edition
# (2026) made at demo time: every Flemish municipality on the map of each
# year (308 before 2019, 300 for 2019-2024, 285 from 2025) with figures,
# every figure and context value flagged synthetic (in the export: synthetic,
# or confidential where protection hides it), the same bytes on every run;
# each province the exact sum of its municipalities where none is hidden; West-Vlaanderen
# 2017 in the synthetic edition equal to the seed; and the seed's ladder (the
# default demo's output, edition 2018) unchanged; every grid cached, on the
# map of each year, so that no page computes one; the employment target
# marked synthetic where it is.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet --db seed.db >seed.out 2>/dev/null || die "ladder demo failed"
"$LADDER" demo --full --quiet --db full.db >full.out 2>full.err || { cat full.err >&2; die "ladder demo --full failed"; }
"$LADDER" demo --full --quiet --db again.db >/dev/null 2>&1 || die "second ladder demo --full failed"

t_check "the seed's 2017 ladder is printed unchanged" cmp -s seed.out full.out

dump() { sqlite3 "$1" "SELECT e.code, f.year, a.code, w.code, f.persons, f.flag FROM figure f JOIN edition e ON e.id = f.edition JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form ORDER BY 1, 2, 3, 4; SELECT e.code, c.year, a.code, i.code, c.value, c.flag FROM context c JOIN edition e ON e.id = c.edition JOIN area a ON a.id = c.area JOIN indicator i ON i.id = c.indicator ORDER BY 1, 2, 3, 4" | sha256sum; }
t_check "two runs give the same figures and context" [ "$(dump full.db)" = "$(dump again.db)" ]

for pair in 2003:308 2018:308 2019:300 2024:300 2025:285; do
	y=${pair%%:*} want=${pair##*:}
	got=$(sqlite3 full.db "SELECT count(DISTINCT f.area) FROM figure f JOIN edition e ON e.id = f.edition JOIN area a ON a.id = f.area WHERE e.code = '2026' AND f.year = $y AND a.level = 'municipality'")
	map=$("$LADDER" areas list --db full.db --level municipality --year "$y" --format csv | tail -n +2 | wc -l)
	t_check "$y: $want municipalities with figures (got $got), as many as on the map ($map)" [ "$got" = "$want" ] && [ "$map" = "$want" ]
done

notsyn=$(sqlite3 full.db "SELECT (SELECT count(*) FROM figure f JOIN edition e ON e.id = f.edition WHERE e.code = '2026' AND f.flag <> 'synthetic') + (SELECT count(*) FROM context c JOIN edition e ON e.id = c.edition WHERE e.code = '2026' AND c.flag <> 'synthetic')")
t_check "every figure and context value of the edition is flagged synthetic ($notsyn not)" [ "$notsyn" = 0 ]

res=$(python3 - "$LADDER" full.db <<'EOF'
import csv, io, json, subprocess, sys
L, db = sys.argv[1], sys.argv[2]
def run(*a):
    return subprocess.run([L, *a, "--db", db], check=True, capture_output=True, text=True).stdout
bad = []
for year in (2005, 2018, 2025):
    prov = {r["code"]: r["province"] for r in csv.DictReader(io.StringIO(run("areas", "list", "--level", "municipality", "--year", str(year), "--format", "csv")))}
    rows = list(csv.DictReader(io.StringIO(run("export", "csv", "--year", str(year)))))
    sums, shown, hidden = {}, {}, set()
    for r in rows:
        # synthetic, or hidden by protection (a small count, or one that would give it away)
        if r["flag"] not in ("synthetic", "confidential"):
            bad.append(f"{year} {r['area']} {r['work_form']}: flag {r['flag']!r}")
        k = (prov.get(r["area"], r["area"]), r["work_form"])
        if r["persons"] == "":
            hidden.add(k)
        elif r["area"] in prov:
            sums[k] = sums.get(k, 0) + int(r["persons"])
        else:
            shown[k] = int(r["persons"])
    n = 0
    for (p, w), v in sums.items():
        if (p, w) in hidden:
            continue
        if shown.get((p, w)) != v:
            bad.append(f"{year} {p} {w}: province {shown.get((p, w))}, municipalities {v}")
        n += 1
    if n < 100:
        bad.append(f"{year}: only {n} province sums checked")
j = json.loads(run("show", "--area", "30000", "--year", "2017", "--edition", "2026", "--format", "json"))
forms = {f["code"]: f["persons"] for f in j["work_forms"]}
rungs = {r["rung"]: r["persons"] for r in j["rungs"]}
want = {"tat": 1070, "werkplekleren": 7744, "starterslabo": 74, "duaal_leren": 361, "pwa": 1013, "doorstroom_arbeidszorg": 161}
if (j["total"], rungs.get(5), rungs.get(4), rungs.get(3)) != (56721, 44672, 10740, 1309):
    bad.append(f"WVL 2017 in edition 2026: {j['total']} {rungs}")
for c, v in want.items():
    if forms.get(c) != v:
        bad.append(f"WVL 2017 {c}: {forms.get(c)}, seed {v}")
if "synthetic" not in j["total_flags"]:
    bad.append("WVL 2017 total not flagged synthetic")
print("ok" if not bad else "\n".join(bad[:20]))
EOF
)
t_check "provinces are the sums of their municipalities, every exported row synthetic, WVL 2017 = the seed: $res" [ "$res" = ok ]

# issue 11: every grid is protected and cached by the demo, on every map a
# page puts it on (a page of 2024 shows the series of every year on the map
# of 2024): reports of years on three maps compute and write none
cache() { sqlite3 full.db "SELECT edition, year, opts, stamp, length(grid) FROM grid_cache ORDER BY 1, 2, 3" | sha256sum; }
maps=$(sqlite3 full.db "SELECT count(DISTINCT opts) FROM grid_cache")
before=$(cache)
for y in 2010 2024 2025; do
	"$LADDER" report --db full.db --area 30000 --year $y --out "r$y.html" >/dev/null 2>&1 || die "report of $y failed"
done
t_check "the grids are cached on $maps maps, and reports of 2010, 2024 and 2025 write none" [ "$maps" = 3 ] && [ "$(cache)" = "$before" ]

# issue 11: the employment target is synthetic in the synthetic edition and
# says so (s), as the rate beside it does; West-Vlaanderen's is the seed's
ctx=$("$LADDER" context --db full.db --area 31000 --year 2024)
expect_in "the target of 31000 is marked synthetic" "$ctx" "76,0 % s"
ctx=$("$LADDER" context --db full.db --area 30000 --year 2024)
expect_not_in "the seed's target of 30000 is not" "$ctx" "76,0 % s"
t_finish
