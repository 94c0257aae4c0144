#!/usr/bin/env bash
# t1310-geography-series: one figure, any map (issue 14, part 3).
#   - a year's figures on a later year's map: a merged municipality is the
#     exact sum of its predecessors, flagged recomputed (csv, json, table
#     legend "herberekend naar de gemeentegrenzen van 2019");
#   - the previous year of a merged municipality is recomputed the same way
#     (change on the previous year across the merger);
#   - Antwerpen 11002 in 2024: the old territory on the 2024 map, with
#     Borsbeek on the 2025 map;
#   - province totals follow their members: Antwerpen and Oost-Vlaanderen in
#     2024 differ between the 2024 and 2025 maps by exactly Zwijndrecht;
#   - a later territory is never split back onto an earlier map; an area
#     that is not on the chosen map is refused with the way out;
#   - a predecessor without the figure leaves the merged cell unknown.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=series.db
run init --db "$DB"
expect_rc "init" 0
# one edition with 2018, 2019, 2024 and 2025 on the codes of each year
cat >fig.csv <<'CSV'
year,area,work_form,persons,edition
2018,44011,tat,300,2026
2018,44049,tat,250,2026
2018,44011,pwa,40,2026
2019,44083,tat,600,2026
2019,44083,pwa,45,2026
2018,71047,tat,70,2026
2018,72040,tat,90,2026
2025,11002,tat,1200,2026
2025,46030,tat,1600,2026
CSV
# 2024: every municipality of the 2024 map (100 each, some named)
"$LADDER" areas list --db "$DB" --level municipality --year 2024 --format csv >map-2024.csv
awk -F, 'BEGIN { v["11002"] = 1000; v["11007"] = 70; v["11056"] = 400; v["46003"] = 500; v["46013"] = 600 }
	NR > 1 { print "2024," $1 ",tat," ($1 in v ? v[$1] : 100) ",2026" }' map-2024.csv >>fig.csv
run import --db "$DB" fig.csv
expect_rc "import" 0

value() { # ARGS... : the total of show --format json (None when unknown)
	"$LADDER" show --db "$DB" "$@" --format json | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["total"], ",".join(j["total_flags"]), j.get("previous_total"))'
}
expect_value() { # WHAT EXPECTED ARGS...
	local what=$1 want=$2 got
	shift 2
	got=$(value "$@" 2>&1) || true
	if [[ $got == "$want" ]]; then t_ok; else t_fail "$what: show $*" "expected: $want" "got:      $got"; fi
}
# Deinze 44083 = Deinze 44011 + Nevele 44049, on the map of 2019
expect_value "Deinze 2018 on the 2019 map" "550 rolled_up,recomputed None" --area 44083 --year 2018 --geography 2019
expect_value "Deinze 2019, previous year recomputed" "645 rolled_up 550" --area 44083 --year 2019
# pwa only in 44011: 44049 lacks it, so the merged cell is unknown, not short
"$LADDER" show --db "$DB" --area 44083 --year 2018 --geography 2019 --format csv >deinze.csv
if ! grep -q ',pwa,[0-9]' deinze.csv; then t_ok; else t_fail "pwa of 2018 on the 2019 map: unknown (Nevele lacks it)" "$(grep pwa deinze.csv)"; fi
if grep -q '^44083,2018,2026,work_form_persons,4,tat,550,recomputed' deinze.csv; then t_ok; else t_fail "tat of 2018 on the 2019 map: 550 recomputed" "$(grep tat deinze.csv)"; fi
# on its own map 2018 is the old Deinze
expect_value "Deinze 44011 2018 on its own map" "340 rolled_up None" --area 44011 --year 2018
# the legend says which boundaries
run show --db "$DB" --area 44083 --year 2018 --geography 2019
expect_in "legend" "$OUT" "h = herberekend naar de gemeentegrenzen van 2019"
run show --db "$DB" --area 44083 --year 2018 --geography 2019 --lang en
expect_in "legend en" "$OUT" "h = recomputed to the municipal boundaries of 2019"
# Opglabbeek (arrondissement Hasselt) into Oudsbergen (Maaseik)
expect_value "Oudsbergen 2018 on the 2019 map" "160 rolled_up,recomputed None" --area 72042 --year 2018 --geography 2019
# Antwerpen: one code, two territories
expect_value "Antwerpen 2024 on the 2024 map" "1000 rolled_up None" --area 11002 --year 2024
expect_value "Antwerpen 2024 on the 2025 map" "1070 rolled_up,recomputed None" --area 11002 --year 2024 --geography 2025
expect_value "Antwerpen 2025, previous year on the 2025 map" "1200 rolled_up 1070" --area 11002 --year 2025
# a later territory is not split back
expect_value "Antwerpen 2025 on the 2024 map (the 2024 figure is its previous year)" "None  1000" --area 11002 --year 2025 --geography 2024
# provinces follow their members: Zwijndrecht moves from Antwerpen to Oost-Vlaanderen
prov() { "$LADDER" show --db "$DB" --area "$1" --year 2024 ${2:+--geography $2} --unprotected --format csv 2>/dev/null | awk -F, '$4 == "total" { print $7 }'; }
a24=$(prov 10000) a25=$(prov 10000 2025) o24=$(prov 40000) o25=$(prov 40000 2025)
want=$(awk -F, 'NR == FNR { if (FNR > 1) p[$1] = $5; next } $1 == 2024 { s[p[$2]] += $4 } END { print s["10000"], s["40000"] }' map-2024.csv fig.csv)
if [[ "$a24 $o24" == "$want" ]]; then t_ok; else t_fail "provinces on the 2024 map: Antwerpen and Oost-Vlaanderen the sums of their members" "expected $want" "got $a24 $o24"; fi
if [[ -n $a24 && -n $a25 && $((a24 - a25)) -eq 400 && $((o25 - o24)) -eq 400 ]]; then t_ok; else
	t_fail "2024 on the 2025 map: Zwijndrecht (400) moves from Antwerpen to Oost-Vlaanderen" "Antwerpen $a24 -> $a25, Oost-Vlaanderen $o24 -> $o25"; fi
f24=$(prov 02000) f25=$(prov 02000 2025)
want=$(awk -F, '$1 == 2024 { s += $4 } END { print s }' fig.csv)
if [[ $f24 == "$want" && $f25 == "$want" ]]; then t_ok; else t_fail "Flanders 2024 is the same on both maps ($want)" "got $f24 and $f25"; fi
# an area that is not on the chosen map
run show --db "$DB" --area 44049 --year 2018 --geography 2019
expect_rc "Nevele on the 2019 map" nonzero
expect_in "Nevele on the 2019 map" "$ERR" "44049 Nevele staat niet op de kaart van 2019"
t_finish
