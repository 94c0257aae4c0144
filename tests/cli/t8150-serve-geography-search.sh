#!/usr/bin/env bash
# t8150-serve-geography-search: the dashboard and the API through the
# mergers (issue 14, part 6; issue 11, maps). On the demo database:
# - /api/v1/areas finds a municipality by the name it had before a merger
#   (case, accents and hyphens aside) and says what became of it, with its
#   successor; the search page lists it with a link to the successor;
# - /api/v1/areas lists the areas of the chosen map (year= or geography=):
#   308, 300 and 285 municipalities for 2017, 2019 and 2025, each with its
#   parent of that year;
# - in headless Chromium (tests/browser/geography.test.js): the suggestions
#   of old names, the old page, the start page's municipalities per map and
#   the map's links (aria-current);
# - the report's PDF has the map's ranking beside the map, as the page.
# Without Chromium, node or npm: fails in CI, else skipped (exit 77).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
require_or_skip "$CHROMIUM" node npm curl pdftotext
SHOTS=${LADDER_SHOTS:-$LADDER_REPO/build/screenshots}
browser_deps

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
serve_start "$DB"

# area CODE : the line of area CODE in the JSON array on stdin (one area a line)
area() { grep "^ {\"code\": \"$1\"" || echo none; }
count() { grep -c '^ {"code"' || true; }

# ---- old names
for q in nevele N%C3%89VELE "Nev%C3%A9le"; do
	expect_in "q=$q: Nevele 44049, what became of it, its successor" "$(curl -fsS "$BASE/api/v1/areas?q=$q" | area 44049)" \
		'"note": "sinds 2019 deel van Deinze", "successor": {"code": "44083", "name": "Deinze"'
done
a=$(curl -fsS "$BASE/api/v1/areas?q=deinze&geography=2025")
expect_in "q=deinze on the 2025 map: today's Deinze first" "$(head -2 <<<"$a")" '"code": "44083"'
expect_in "the old Deinze is told apart by its successor's code" "$(area 44011 <<<"$a")" '"note": "sinds 2019 deel van Deinze 44083"'
expect_in "in English" "$(curl -fsS "$BASE/api/v1/areas?q=zwijndrecht&lang=en" | area 11056)" \
	'"note": "part of Beveren-Kruibeke-Zwijndrecht since 2025"'
p=$(curl -fsS "$BASE/?q=sint%20amands")
expect_in "search page: the old name, what became of it, a link there" "$p" \
	'Sint-Amands</a> <span class="note">(gemeente 12034; sinds 2019 deel van Puurs-Sint-Amands: <a href="/area/12041?year=2017&amp;geography=2019">'

# ---- the lists follow the map
for yn in 2017:308 2019:300 2025:285; do
	y=${yn%:*} n=${yn#*:}
	expect_in "year=$y: $n municipalities" "=$(curl -fsS "$BASE/api/v1/areas?level=municipality&year=$y" | count)" "=$n"
	expect_in "geography=$y: $n municipalities" "=$(curl -fsS "$BASE/api/v1/areas?level=municipality&geography=$y" | count)" "=$n"
done
expect_in "Opglabbeek in Hasselt on the 2017 map" "$(curl -fsS "$BASE/api/v1/areas?level=municipality&year=2017" | area 71047)" '"parent": "71000"'
expect_in "no Opglabbeek on the 2019 map" "$(curl -fsS "$BASE/api/v1/areas?level=municipality&year=2019" | area 71047)" none
expect_in "Oudsbergen in Maaseik on the 2019 map" "$(curl -fsS "$BASE/api/v1/areas?level=municipality&year=2019" | area 72042)" '"parent": "72000"'
expect_in "Kortessem's successor among Hasselt's of 2025" "$(curl -fsS "$BASE/api/v1/areas?parent=71000&year=2025" | area 71072)" '"parent": "71000"'
expect_in "the start page's municipalities of 2025" "$(curl -fsS "$BASE/?geography=2025")" "<h2>De 285 gemeenten van 2025</h2>"

# ---- the PDF's map: its ranking on the same page
curl -fsS -o wvl.pdf "$BASE/download/report.pdf?area=30000&year=2017"
map_page=$(pdftotext -layout wvl.pdf - | awk 'BEGIN { RS = "\f" } /Kaart: personen per 1\.000/ && !done { print; done = 1 }')
expect_in "the PDF's map page: the ranking's head" "$map_page" "Rang Gebied"
expect_in "the PDF's map page: the highest" "$map_page" "1 Mesen"
expect_in "the PDF's map page: the lowest, 64th" "$map_page" "64 Menen"

mkdir -p "$SHOTS"
CHROMIUM=$CHROMIUM browser_run 120 geography.test.js "$BASE" "$SHOTS"
t_finish
