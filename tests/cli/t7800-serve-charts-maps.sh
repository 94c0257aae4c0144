#!/usr/bin/env bash
# t7800-serve-charts-maps: the report's charts and the map on the area page
# (issue 11, "the charts on the page" and "maps"). On the demo database:
# - the downloads of a chart answer with the right types: SVG (an <svg> with
#   its title), PNG (the signature), CSV for a Belgian spreadsheet (byte
#   order mark, ';', decimal comma) holding the chart's figures; the map's
#   CSV is its ranking;
# - in headless Chromium (tests/browser/charts.test.js): the ladder chart's
#   table equals `ladder show --format json`, the map's ranking equals the
#   persons of rungs 3-5 per 1 000 inhabitants from the database, every
#   chart has a text alternative, a data table and downloads, Tab reaches a
#   download, and a 390 px screen has no horizontal scroll.
# Without Chromium, node or npm: fails in CI, else skipped (exit 77).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
require_or_skip "$CHROMIUM" node npm curl sqlite3
SHOTS=${LADDER_SHOTS:-$LADDER_REPO/build/screenshots}
browser_deps

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
serve_start "$DB"

# ---- the downloads of the ladder chart (fig1) and of the map
q="area=30000&year=2017"
types=$(for ext in svg png csv; do curl -s -o "fig1.$ext" -w '%{http_code} %{content_type}\n' "$BASE/download/chart/fig1.$ext?$q"; done)
expect_in "SVG download" "$types" "200 image/svg+xml"
expect_in "PNG download" "$types" "200 image/png"
expect_in "CSV download" "$types" "200 text/csv; charset=utf-8"
t_check "the SVG is a drawing with its title" grep -q '<title id="fig1-title">Participatieladder West-Vlaanderen, 2017' fig1.svg
t_check "the PNG is a PNG" test "$(head -c 8 fig1.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a
t_check "the CSV starts with a byte order mark" test "$(head -c 3 fig1.csv | od -An -tx1 | tr -d ' \n')" = efbbbf
expect_in "the CSV: ';' and the figures of the chart" "$(cat fig1.csv)" "Trede 5: Betaald werk met ondersteuning;44672;;78,8;"
map_id=$(curl -s "$BASE/area/30000?year=2017" | sed -n 's/.*<figure class="chart map" id="\(fig[0-9]*\)".*/\1/p' | head -1)
[[ -n $map_id ]] || t_fail "the province page has a map" "no figure.map"
curl -s -o map.csv "$BASE/download/chart/$map_id.csv?$q"
expect_in "the map's CSV is its ranking, decimal comma" "$(cat map.csv)" "Gebied;per 1.000 inwoners;teken;Rang;teken"
expect_in "an unknown chart is a 404" "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/download/chart/fig99.svg?$q")" 404

# ---- what the browser must find: the ladder of `ladder show`, and three
# municipalities' totals over their population in the database
"$LADDER" show --db "$DB" --area 30000 --year 2017 --format json >ladder.json
# (read before `show` runs: a show that stores a pattern writes to the
# database, and the sqlite3 shell gives up at once on a lock: CI saw
# "database is locked" once; it also waits up to 5 s now)
pop() {
	sqlite3 -cmd ".timeout 5000" "$DB" "SELECT value FROM context c JOIN area a ON a.id = c.area JOIN indicator i ON i.id = c.indicator
		WHERE a.code = '$1' AND i.code = 'population' AND c.year = 2019"
}
muni() {
	local p
	p=$(pop "$1")
	[[ -n $p ]] || die "no population of $1 in the database"
	"$LADDER" show --db "$DB" --area "$1" --year 2017 --format json |
		node -e "const j = JSON.parse(require('fs').readFileSync(0)); console.log(JSON.stringify({name: j.area.name, total: j.total, population: $p}))"
}
node -e "
const l = require('./ladder.json');
console.log(JSON.stringify({total: l.total, rungs: l.rungs.map(r => ({rung: r.rung, persons: r.persons, share: r.share})),
  municipalities: [$(muni 31005), $(muni 34022), $(muni 33016)]}))" >expect.json

mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM browser_run 120 charts.test.js "$BASE" expect.json "$SHOTS"
t_finish
