#!/usr/bin/env bash
# t7700-geography-one-map: series on one map (issue 14, part 3).
# Generated figures on the codes of each year's map (2017 and 2018 on the
# 308 municipalities, 2019 and 2024 on the 300, 2025 on the 285):
#   - every municipality made by a merger of 2019 or 2025, and Antwerpen
#     11002 (Borsbeek, same code), has its series on the map of its latest
#     year: each earlier year exactly the sum of the municipalities it was
#     made of, flagged recomputed exactly where its territory differs;
#   - arrondissement, province and Flemish totals of 2018 and 2024 on the
#     maps of 2018, 2019, 2024 and 2025 are the sums of the municipalities
#     that lie in them on that map: equal where no territory moved, and
#     different by exactly the moved municipalities (Opglabbeek, Moerbeke,
#     Kortessem, Zwijndrecht between the provinces);
#   - --geography for series, export and report; the footnote says which
#     boundaries (table, JSON-stat, chart, report); an old municipality's
#     series is on the map of its last year; geography= in the API and kept
#     in the dashboard's links.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=geo.db
run init --db "$DB"
expect_rc "init" 0
for y in 2017 2019 2025; do
	"$LADDER" areas list --db "$DB" --level municipality --year $y --format csv >map-$y.csv
done
cp map-2017.csv map-2018.csv
cp map-2019.csv map-2024.csv
# one figure per municipality and year, distinct enough that a wrong sum shows
{
	echo "year,area,work_form,persons,edition"
	for y in 2017 2018 2019 2024 2025; do
		awk -F, -v y=$y 'NR > 1 { printf "%d,%s,tat,%d,2026\n", y, $1, 100 + ($1 % 89) * 5 + (y - 2016) }' map-$y.csv
	done
} >fig.csv
run import --db "$DB" fig.csv
expect_rc "import" 0

# expected.py MAP YEAR... : per area of the map (municipality, arrondissement,
# province, 02000) and year, the sum of that year's figures lying in it on
# the map, and whether the municipality's territory differs (recomputed)
cat >expected.py <<'PY'
import csv, functools, sys
ref = sys.argv[1]
succ = {}
for r in csv.DictReader(open(ref + "/data/ref/successions.csv")):
    if r["from"] != r["to"]:
        succ[r["from"]] = (int(r["effective"][:4]), r["to"])
fig = {}
for r in csv.DictReader(open("fig.csv")):
    fig[(int(r["year"]), r["area"])] = int(r["persons"])
@functools.lru_cache(None)
def onmap(g):
    return {r["code"]: r for r in csv.DictReader(open("map-%d.csv" % g))}
def target(code, g):  # where a code's territory lies on the map of g
    while code in succ and succ[code][0] <= g:
        code = succ[code][1]
    return code
@functools.lru_cache(None)
def totals(g, y):
    mp, out, parts = onmap(g), {}, {}
    for (fy, code), v in fig.items():
        if fy != y:
            continue
        t = target(code, g)
        if t not in mp:
            continue  # a later territory is not split back
        parts.setdefault(t, set()).add(code)
        for a in (t, mp[t]["parent"], mp[t]["province"], "02000"):
            out[a] = out.get(a, 0) + v
    grew = {t for t, p in parts.items() if p != {t} or (t == "11002" and y < 2025 <= g)}
    return out, grew
PY

# --- 1. each merged municipality's series on the map of 2025
targets=$(awk -F, 'NR > 1 { print $3 }' "$LADDER_REPO/data/ref/successions.csv" | sort -u)
[[ $(echo "$targets" | wc -l) -eq 20 ]] && t_ok || t_fail "20 municipalities made by the mergers of 2019 and 2025 (with 11002)" "$targets"
# the whole series of every area in one export (on the latest map), and
# the series command for a few
"$LADDER" export csv --db "$DB" --from 2017 --work-form tat --out all.csv
for t in 44083 72042 11002 46030 71072; do
	"$LADDER" series --db "$DB" --area "$t" --form tat --format csv >series-$t.csv 2>&1 || true
done
python3 - "$LADDER_REPO" $targets >series.check <<'PY'
import csv, os, sys
exec(open("expected.py").read())
rows = list(csv.DictReader(open("all.csv")))
for t in sys.argv[2:]:
    want = []
    for y in (2017, 2018, 2019, 2024, 2025):
        tot, grew = totals(2025, y)
        want.append("%d,%d,%s" % (y, tot[t], "recomputed" if t in grew else ""))
    got = ["%s,%s,%s" % (r["year"], r["persons"], r["flag"]) for r in rows if r["area"] == t]
    print("ok" if got == want else "FAIL export %s: want %s got %s" % (t, want, got))
    if os.path.exists("series-%s.csv" % t):
        got = ["%s,%s,%s" % (r["year"], r["persons"], r.get("persons_flag", "")) for r in csv.DictReader(open("series-%s.csv" % t))]
        print("ok series" if got == want else "FAIL series %s: want %s got %s" % (t, want, got))
PY
if ! grep -q FAIL series.check && [[ $(grep -c '^ok' series.check) -eq 25 ]]; then t_ok; else
	t_fail "series on the 2025 map: exact sums, flagged where the territory differs" "$(grep -v '^ok' series.check)"; fi
# Deinze: 2017 = Deinze 44011 + Nevele 44049, by hand
d17=$(awk -F, '$1 == 2017 && ($2 == "44011" || $2 == "44049") { s += $4 } END { print s }' fig.csv)
expect_in "Deinze 2017 on the 2025 map" "$(cat series-44083.csv)" "2017,2026,$d17,recomputed"
expect_in "Deinze 2017 on the 2025 map (export)" "$(cat all.csv)" "2017,44083,tat,$d17,2026,recomputed"

# --- 2. totals on every map: sums of what lies in them
"$LADDER" export csv --db "$DB" --year 2018 --work-form tat --out e18-own.csv
for g in 2019 2025; do "$LADDER" export csv --db "$DB" --year 2018 --geography $g --work-form tat --out e18-$g.csv; done
"$LADDER" export csv --db "$DB" --year 2024 --work-form tat --out e24-own.csv
"$LADDER" export csv --db "$DB" --year 2024 --geography 2025 --work-form tat --out e24-2025.csv
python3 - "$LADDER_REPO" >totals.check <<'PY'
import csv, sys
exec(open("expected.py").read())
def got(f):
    return {r["area"]: int(r["persons"]) for r in csv.DictReader(open(f)) if r["persons"]}
for f, g, y in (("e18-own", 2018, 2018), ("e18-2019", 2019, 2018), ("e18-2025", 2025, 2018),
                ("e24-own", 2024, 2024), ("e24-2025", 2025, 2024)):
    want, _ = totals(g, y)
    have = got(f + ".csv")
    bad = [a for a in want if len(a) == 5 and a[2:] == "000" and have.get(a) != want[a]]
    print("FAIL %s: %s" % (f, [(a, want[a], have.get(a)) for a in bad]) if bad else "ok " + f)
# the moved municipalities, by name: the difference between two maps
e18, e19, e24, e25 = got("e18-own.csv"), got("e18-2019.csv"), got("e24-own.csv"), got("e24-2025.csv")
v = lambda y, c: fig[(y, c)]
checks = [
    ("Opglabbeek: Hasselt to Maaseik", e18["71000"] - e19["71000"], v(2018, "71047")),
    ("Opglabbeek: into Maaseik", e19["72000"] - e18["72000"], v(2018, "71047")),
    ("Opglabbeek: Limburg unchanged", e19["70000"] - e18["70000"], 0),
    ("Zwijndrecht: out of the province of Antwerpen", e24["10000"] - e25["10000"], v(2024, "11056")),
    ("Zwijndrecht: into Oost-Vlaanderen", e25["40000"] - e24["40000"], v(2024, "11056")),
    ("Moerbeke and Zwijndrecht into Sint-Niklaas", e25["46000"] - e24["46000"], v(2024, "44045") + v(2024, "11056")),
    ("Moerbeke out of Gent", e24["44000"] - e25["44000"], v(2024, "44045")),
    ("Kortessem: Tongeren to Hasselt", e24["73000"] - e25["73000"], v(2024, "73040")),
    ("Kortessem: into Hasselt", e25["71000"] - e24["71000"], v(2024, "73040")),
    ("Borsbeek into Antwerpen 11002", e25["11002"] - e24["11002"], v(2024, "11007")),
    ("Borsbeek stays in the arrondissement of Antwerpen, Zwijndrecht leaves", e24["11000"] - e25["11000"], v(2024, "11056")),
    ("Flanders 2024 unchanged", e25["02000"] - e24["02000"], 0),
    ("Flanders 2018 unchanged", e19["02000"] - e18["02000"], 0),
]
for what, diff, want in checks:
    print("ok " + what if diff == want else "FAIL %s: %d, expected %d" % (what, diff, want))
PY
if ! grep -q FAIL totals.check && [[ $(grep -c '^ok' totals.check) -eq 18 ]]; then t_ok; else
	t_fail "totals on every map: the sums of their members there" "$(grep -v '^ok' totals.check)"; fi

# --- 3. the footnote and the choice of map
run series --db "$DB" --area 44083 --form tat
expect_in "series table: recomputed years marked" "$OUT" "$d17 h"
expect_in "series legend" "$OUT" "h = herberekend naar de gemeentegrenzen van 2025"
run series --db "$DB" --area 44083 --form tat --lang en --jsonstat
expect_in "JSON-stat status" "$OUT" '"status": {"0": "h", "1": "h"}'
expect_in "JSON-stat note" "$OUT" "h = recomputed to the municipal boundaries of 2025"
run series --db "$DB" --area 44083 --form tat --out deinze.svg
expect_in "chart footnote" "$(cat deinze.svg)" "herberekend naar de gemeentegrenzen van 2025"
run series --db "$DB" --area 44011 --form tat --format csv
expect_in "old Deinze: on the map of its last year" "$OUT" "2018,2026,$(awk -F, '$1 == 2018 && $2 == "44011" { print $4 }' fig.csv),0"
expect_not_in "old Deinze: not recomputed" "$OUT" "recomputed"
run series --db "$DB" --area 44083 --form tat --to 2018
expect_rc "new Deinze on the 2018 map" nonzero
expect_in "new Deinze on the 2018 map: the way out" "$ERR" "--geography"
run series --db "$DB" --area 11002 --form tat --geography 2024 --format csv
expect_in "Antwerpen on the 2024 map: the old territory" "$OUT" "2024,2026,$(awk -F, '$1 == 2024 && $2 == "11002" { print $4 }' fig.csv),0"
expect_not_in "Antwerpen on the 2024 map: not recomputed" "$OUT" "recomputed"
run report --db "$DB" --area 44083 --year 2019 --out deinze.html
expect_in "report footnote: the year's own map" "$(cat deinze.html)" "herberekend naar de gemeentegrenzen van 2019"

# --- 4. the API and the dashboard
serve_start "$DB"
point() { # QUERY : year 2024 of /api/v1/series as "persons,flags"
	curl -fsS "$BASE/api/v1/series?$1" | python3 -c 'import json,sys; print(*["%s,%s" % (p["persons"], p["flags"]) for p in json.load(sys.stdin)["series"] if p["year"] == 2024])'
}
expect_in "API series on the latest map" "$(point 'area=11002&form=tat')" "$(awk -F, '$1 == 2024 && ($2 == "11002" || $2 == "11007") { s += $4 } END { print s }' fig.csv),recomputed"
expect_in "API series, geography=2024" "$(point 'area=11002&form=tat&geography=2024')" "$(awk -F, '$1 == 2024 && $2 == "11002" { print $4 }' fig.csv),"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/series?area=11002&geography=soon")
[[ $code == 400 ]] && t_ok || t_fail "geography=soon: 400" "got $code"
p=$(curl -fsS "$BASE/area/44083?year=2019&geography=2025")
expect_in "page: evolution on the 2025 map" "$p" "herberekend naar de gemeentegrenzen van 2025"
expect_in "page: links keep the map" "$p" "geography=2025"
# without a year: Nevele's own last year (2018), saying what it became
p=$(curl -fsS "$BASE/area/44049?lang=en")
expect_in "old Nevele's page: its last year, what it became, since when, a link there" "$p" 'Nevele (44049) is part of <a href="/area/44083?year=2018&amp;geography=2019&amp;lang=en">Deinze (44083)</a> since 2019-01-01'
# a year after the merger: no page of dots but a 404 that says the same
code=$(curl -s -o page.html -w '%{http_code}' "$BASE/area/44049?year=2025&lang=en")
expect_same "old Nevele in 2025: not found" "$code" 404
expect_in "old Nevele in 2025: what it became, a link there" "$(cat page.html)" 'Nevele (44049) is part of <a href="/area/44083?year=2025&amp;lang=en">Deinze (44083)</a> since 2019-01-01'
t_finish
