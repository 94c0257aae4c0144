#!/usr/bin/env bash
# t8490-serve-map-levels: the dashboard through the mergers, at every level
# (issue 11, "maps"; issue 14, part 6). On generated figures of 2025 (the
# 285 municipalities; one arrondissement's rung 3 small, so hidden):
# - maps by arrondissement and by province (level=): the Flemish Region
#   offers municipalities, arrondissements and provinces, a province
#   municipalities and arrondissements, a municipality nothing else (400
#   naming what it offers); each area's value on the map equals the API's
#   protected figure, hidden ones as hidden (x, hatched), the Flemish value
#   under the legend; the page links the levels, the downloads keep level=;
#   the report's map follows level= too;
# - a province's map of 2025 holds its own municipalities: Zwijndrecht's
#   shape, part of Beveren-Kruibeke-Zwijndrecht (Oost-Vlaanderen) since
#   2025, is not on the province of Antwerpen's map;
# - search finds the old names (Kortessem, Meulebeke, Borsbeek) with their
#   successor; the area lists follow the chosen map (year= or geography=),
#   the table builder's too (geography=), which refuses an area off its
#   map with what became of it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip curl python3

DB=map.db
run init --db "$DB"
expect_rc "init" 0
"$LADDER" areas list --db "$DB" --level municipality --year 2025 --format csv >map-2025.csv
# rung 5 and 4 everywhere; rung 3 large except in Veurne (38xxx: 2 in one
# municipality, 0 in the others), which makes Veurne's rung 3 hidden
awk -F, 'NR == 1 { print "year,area,work_form,persons,edition" }
	NR > 1 {
		printf "2025,%s,maatwerkbedrijf,%d,2026\n", $1, 200 + ($1 % 89) * 3
		printf "2025,%s,twe,%d,2026\n", $1, 50 + $1 % 37
		printf "2025,%s,ama,%d,2026\n", $1, $1 ~ /^38/ ? ($1 == 38025 ? 2 : 0) : 10 + $1 % 13
	}' map-2025.csv >fig.csv
run import --db "$DB" fig.csv
expect_rc "import" 0
serve_start "$DB"

# map_csv AREA QUERY : the map's ranking (English CSV) of AREA's page
map_csv() {
	local id
	id=$(curl -fsS "$BASE/area/$1?year=2025&$2" | sed -n 's/.*<figure class="chart map" id="\(fig[0-9]*\)".*/\1/p' | head -1)
	curl -fsS "$BASE/download/chart/$id.csv?area=$1&year=2025&lang=en&$2"
}
# check.py BASE CSV:AREA,AREA... ... : per map, each area's rung 3 share
# from /api/v1/ladder (x when hidden) against the map's ranking (English
# CSV); prints the differences, then the Flemish share
cat >check.py <<'PY'
import csv, io, json, sys, urllib.request
base = sys.argv[1]
def rung3(code):
    j = json.load(urllib.request.urlopen("%s/api/v1/ladder?area=%s&year=2025&lang=en" % (base, code)))
    r3 = [r for r in j["rungs"] if r["rung"] == 3][0]
    return j["area"]["name"], "x" if r3["persons"] is None else "%.1f" % r3["share"]
bad = []
for arg in sys.argv[2:]:
    ranking, areas = arg.split(":")
    areas = areas.split(",")
    rows = {r[0]: r[1] or r[2] for r in csv.reader(io.open(ranking, encoding="utf-8-sig")) if r and r[0] != "Area"}
    if len(rows) != len(areas):
        bad.append("%s: %d areas on the map, expected %d: %s" % (ranking, len(rows), len(areas), sorted(rows)))
    for code in areas:
        name, want = rung3(code)
        if rows.get(name) != want:
            bad.append("%s: %s %s: map %s, API %s" % (ranking, code, name, rows.get(name), want))
print("\n".join(bad) or "same")
print(rung3("02000")[1])
PY

# ---- a province by arrondissement (Veurne hidden), the Flemish Region by
# province and by arrondissement: the protected figures, hidden as hidden
map_csv 30000 "map=rung3&level=arrondissement" >wvl.csv
map_csv 02000 "map=rung3&level=province" >fl.csv
map_csv 02000 "map=rung3&level=arrondissement" >fla.csv
checked=$(python3 check.py "$BASE" wvl.csv:31000,32000,33000,34000,35000,36000,37000,38000 \
	fl.csv:10000,20001,30000,40000,70000 \
	fla.csv:11000,12000,13000,23000,24000,31000,32000,33000,34000,35000,36000,37000,38000,41000,42000,43000,44000,45000,46000,71000,72000,73000)
expect_same "by arrondissement and by province: the API's figures, hidden as hidden" "$(head -n -1 <<<"$checked")" same
flemish=$(tail -1 <<<"$checked")
expect_in "Veurne is hidden on the map" "$(cat wvl.csv)" "Veurne,,x,"
page=$(curl -fsS "$BASE/area/30000?year=2025&map=rung3&level=arrondissement")
expect_in "the map says arrondissements" "$page" "Kaart van 8 arrondissementen in 2025"
expect_in "hidden is hatched, in the legend" "$page" "verborgen"
expect_in "the page links the map by municipality" "$page" \
	'<a href="/area/30000?year=2025&amp;map=rung3#map">per gemeente</a>'
expect_in "the current level is marked" "$page" \
	'<a href="/area/30000?year=2025&amp;map=rung3&amp;level=arrondissement#map" aria-current="page">per arrondissement</a>'
expect_not_in "a province offers no map by province" "$page" "per provincie"
expect_in "the map's downloads keep level=" "$page" "&amp;map=rung3&amp;level=arrondissement"
page=$(curl -fsS "$BASE/area/02000?year=2025&map=rung3&level=province&lang=en")
expect_in "the Flemish value under the legend" "$page" ">Flemish Region: $flemish%<"
expect_in "in English" "$page" "Map of 5 provinces in 2025"
expect_in "the region offers all three levels" "$page" ">by province</a>"

# ---- levels not offered: a clear refusal
http_get "/area/31005?year=2025&level=arrondissement"
expect_status "a municipality's map by arrondissement" 400
expect_in "what it offers" "$BODY" "level=arrondissement: de kaart van Brugge toont level=municipality"
http_get "/area/30000?year=2025&level=province"
expect_status "a province's map by province" 400
expect_in "what it offers" "$BODY" "toont level=municipality|arrondissement"
http_get "/download/chart/fig1.svg?area=30000&year=2025&level=planet"
expect_status "an unknown level" 400

# ---- the report's map follows level=
curl -fsS -o r.html "$BASE/download/report.html?area=02000&year=2025&level=province"
expect_in "the report by province" "$(cat r.html)" "Kaart van 5 provincies in 2025"

# ---- a province's map of 2025: its own municipalities only
n_ant=$(awk -F, 'NR > 1 && $4 ~ /^1[123]000$/' map-2025.csv | wc -l)
n_ovl=$(awk -F, 'NR > 1 && $4 ~ /^4[1-6]000$/' map-2025.csv | wc -l)
expect_in "the province of Antwerpen: $n_ant municipalities" "$(curl -fsS "$BASE/area/10000?year=2025")" \
	"Kaart van $n_ant gemeenten in 2025"
expect_not_in "without Beveren-Kruibeke-Zwijndrecht" "$(map_csv 10000 "")" "Beveren-Kruibeke-Zwijndrecht"
expect_in "Oost-Vlaanderen: $n_ovl municipalities" "$(curl -fsS "$BASE/area/40000?year=2025")" \
	"Kaart van $n_ovl gemeenten in 2025"

# ---- search finds old names; lists follow the map
area() { grep "^ {\"code\": \"$1\"" || echo none; }
expect_in "Kortessem: part of Hasselt since 2025" "$(curl -fsS "$BASE/api/v1/areas?q=KORTESSEM&year=2025" | area 73040)" \
	'"note": "sinds 2025 deel van Hasselt", "successor": {"code": "71072"'
expect_in "Meulebeke: part of Tielt" "$(curl -fsS "$BASE/api/v1/areas?q=meulebeke&lang=en" | area 37007)" \
	'"note": "part of Tielt since 2025", "successor": {"code": "37022"'
expect_in "Borsbeek: part of Antwerpen, same code" "$(curl -fsS "$BASE/api/v1/areas?q=borsbeek" | area 11007)" \
	'"successor": {"code": "11002"'
for yn in 2017:308 2025:285; do
	y=${yn%:*} n=${yn#*:}
	expect_same "geography=$y: $n municipalities" \
		"$(curl -fsS "$BASE/api/v1/areas?level=municipality&geography=$y" | grep -c '^ {"code"')" "$n"
done
# ---- the table builder on a chosen map: its areas, named areas refused off it
http_get "/api/v1/table?area=37007&year=2025"
expect_status "the table of an area not on the map of its year" 400
expect_in "says what became of it" "$BODY" "37007 Meulebeke hoort bij 37022 Tielt sinds 2025-01-01"
expect_in "the municipalities of Tielt on the 2024 map" \
	"$(curl -fsS "$BASE/api/v1/table?level=municipality&within=37000&year=2025&geography=2024" | grep -o '"area": "3700[27]"' | sort -u)" \
	'"area": "37007"'
page=$(curl -fsS "$BASE/table?year=2025&geography=2024")
expect_same "the table's pickers offer the 300 municipalities of the 2024 map" \
	"$(grep -o '<optgroup label="gemeente">.*</optgroup>' <<<"$page" | head -1 | grep -o '<option' | wc -l)" 300
expect_in "the form keeps the map" "$page" '<input type="hidden" name="geography" value="2024">'
expect_in "the permalink keeps the map" "$page" '&amp;geography=2024'
t_finish
