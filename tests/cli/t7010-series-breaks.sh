#!/usr/bin/env bash
# t7010-series-breaks: `ladder series --chain` follows a work form's series
# through its predecessors (the demo's collectief maatwerk, 2010-2024,
# synthetic: beschutte and sociale werkplaatsen and invoegbedrijven, then
# maatwerkbedrijven) and marks the reform years 2015 and 2019 as series
# breaks (reeksbreuk) in every format: the table footnotes them with the
# lineage's notes, csv and json carry series_break, JSON-stat status "b"
# with a note per year, and the chart (SVG; PNG and PDF through cairo)
# cuts the line and draws a marker. Without --chain the series is the form
# alone, and it still breaks where others merged into it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet --series >/dev/null || die "ladder demo --series failed"
DB=ladder-demo.db
S=(series --db "$DB" --area 30000 --form maatwerkbedrijf)

run "${S[@]}" --chain
expect_rc "table" 0
expect_in "table title" "$OUT" "Maatwerkbedrijven (collectief maatwerk) met voorgangers, West-Vlaanderen (30000), 2010–2024"
expect_line "2010 through the predecessors" "$OUT" "2010" "reeks" "5.220" "s" "invoegbedrijf," "beschutte_werkplaats," "sociale_werkplaats"
expect_line "2015 breaks" "$OUT" "2015" "5.380" "reeksbreuk" "(2015)" "maatwerkbedrijf,"
expect_line "2018 continues" "$OUT" "2018" "5.492"
expect_not_in "2018 does not break" "$(labelled_line "$OUT" 2018)" "reeksbreuk"
expect_line "2019 breaks" "$OUT" "2019" "5.560" "reeksbreuk" "(2019)" "maatwerkbedrijf"
expect_line "2024" "$OUT" "2024" "5.650"
expect_in "footnote 2015" "$OUT" "Reeksbreuk in 2015: Invoegbedrijven opgegaan in Maatwerkbedrijven (collectief maatwerk) op 2015-04-01. Maatwerkdecreet"
expect_in "footnote 2019" "$OUT" "Reeksbreuk in 2019: Beschutte werkplaatsen opgegaan in Maatwerkbedrijven (collectief maatwerk) op 2019-01-01."
expect_in "footnote 2019, SW" "$OUT" "Sociale werkplaatsen opgegaan in"
expect_in "symbols" "$OUT" "s = synthetisch"
run "${S[@]}" --chain --lang en --format md
expect_in "English md footnote" "$OUT" "Series break in 2019: Sheltered workshops merged into Custom-work companies (collective custom work) on 2019-01-01."
expect_in "English md column" "$OUT" "series break (2015)"

run "${S[@]}" --chain --format csv
expect_in "csv header" "$OUT" "year,edition,persons,persons_flag,series_break,work_forms"
expect_in "csv 2014" "$OUT" "2014,reeks,5337,synthetic,0,invoegbedrijf beschutte_werkplaats sociale_werkplaats"
expect_in "csv 2015" "$OUT" "2015,reeks,5380,synthetic,1,maatwerkbedrijf beschutte_werkplaats sociale_werkplaats"
expect_in "csv 2019" "$OUT" "2019,reeks,5560,synthetic,1,maatwerkbedrijf"

run "${S[@]}" --chain --format json --lang en
python3 - "$OUT" <<'PY' && t_ok || t_fail "json" "$OUT"
import json, sys
j = json.loads(sys.argv[1])
assert j["chain"] is True and j["members"][0] == "maatwerkbedrijf", j["members"]
assert set(j["members"]) == {"maatwerkbedrijf", "invoegbedrijf", "beschutte_werkplaats", "sociale_werkplaats"}, j["members"]
years = {p["year"]: p for p in j["series"]}
assert sorted(years) == list(range(2010, 2025)), sorted(years)
assert [y for y, p in years.items() if p["series_break"]] == [2015, 2019]
assert years[2018]["persons"] == 5492 and years[2018]["flags"] == "synthetic"
assert years[2019]["work_forms"] == ["maatwerkbedrijf"]
b = {(x["year"], x["from"]): x for x in j["breaks"]}
assert set(b) == {(2015, "invoegbedrijf"), (2019, "beschutte_werkplaats"), (2019, "sociale_werkplaats")}, set(b)
assert b[(2019, "sociale_werkplaats")]["kind"] == "merged_into" and b[(2019, "sociale_werkplaats")]["date"] == "2019-01-01"
assert b[(2019, "sociale_werkplaats")]["note"].startswith("Custom-work order bis")
PY

run "${S[@]}" --chain --jsonstat
python3 - "$OUT" <<'PY' && t_ok || t_fail "jsonstat" "$OUT"
import json, sys
j = json.loads(sys.argv[1])
assert j["version"] == "2.0" and j["class"] == "dataset" and j["id"] == ["year"] and j["size"] == [15]
idx = j["dimension"]["year"]["category"]["index"]
assert j["value"][idx["2019"]] == 5560 and j["value"][idx["2010"]] == 5220
st = j["status"]
assert st[str(idx["2015"])] == "s b" and st[str(idx["2019"])] == "s b" and st[str(idx["2016"])] == "s", st
notes = j["dimension"]["year"]["category"]["note"]
assert set(notes) == {"2015", "2019"} and "opgegaan in" in notes["2019"][0], notes
assert j["extension"]["series_break"] == [2015, 2019]
assert "Status b: reeksbreuk" in j["note"][0]
PY

# without --chain: the form alone, from its first figure; it still breaks
run "${S[@]}" --format csv
expect_in "plain starts at 2015" "$(printf '%s\n' "$OUT" | sed -n 2p)" "2015,reeks,265,synthetic,1,maatwerkbedrijf"
expect_in "plain 2019" "$OUT" "2019,reeks,5560,synthetic,1,maatwerkbedrijf"
expect_not_in "plain has no predecessors" "$OUT" "beschutte_werkplaats"
# a form without lineage breaks nowhere
run series --db "$DB" --area 30000 --form pwa --chain --format csv
expect_in "pwa 2017" "$OUT" "2017,2018,1013,0,pwa"

# the chart: the line stops before each break, a marker group per break
run "${S[@]}" --chain --out chain.svg
expect_rc "svg" 0
python3 - chain.svg <<'PY' && t_ok || t_fail "svg markers" "$(head -c 3000 chain.svg)"
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for y in (2015, 2019):
    g = re.search(r'<g[^>]*aria-label="reeksbreuk %d"[^>]*>(.*?)</g>' % y, s, re.S)
    assert g, y
    assert "<line" in g.group(1) and "stroke-dasharray" in g.group(1), g.group(1)
    assert ">reeksbreuk %d</text>" % y in g.group(1)
# the series is three pieces of line: 2010-2014, 2015-2018, 2019-2024
line = re.search(r'<g[^>]*aria-label="Maatwerkbedrijven \(collectief maatwerk\)"[^>]*>(.*?)</g>', s, re.S).group(1)
polys = re.findall(r'<polyline[^>]*points="([^"]*)"', line)
assert [len(p.split()) for p in polys] == [5, 4, 6], polys
PY
run "${S[@]}" --chain --out chain.png
expect_rc "png" 0
run "${S[@]}" --chain --out chain.pdf
expect_rc "pdf" 0
if command -v pdftotext >/dev/null; then
	expect_in "pdf marker text" "$(pdftotext chain.pdf - 2>/dev/null)" "reeksbreuk 2019"
fi
run "${S[@]}" --chain --out chain.svg
expect_rc "an existing chart needs --force" 2
run "${S[@]}" --out chain.gif
expect_rc "unknown chart type" 64
run series --db "$DB" --area 30000 --form trede5
expect_rc "a total is not a work form" 2

# the API: the same series and breaks
command -v curl >/dev/null || die "curl not found"
serve_start "$DB"
J=$(curl -fsS "$BASE/api/v1/series?area=30000&form=maatwerkbedrijf&chain=1&lang=en")
python3 - "$J" <<'PY' && t_ok || t_fail "api json" "$J"
import json, sys
j = json.loads(sys.argv[1])
assert [p["year"] for p in j["series"] if p["series_break"]] == [2015, 2019]
assert j["series"][0]["persons"] == 5220 and j["work_form"]["name"].startswith("Custom-work companies")
PY
J=$(curl -fsS "$BASE/api/v1/series?area=30000&form=maatwerkbedrijf&chain=1&format=jsonstat")
python3 - "$J" <<'PY' && t_ok || t_fail "api jsonstat" "$J"
import json, sys
j = json.loads(sys.argv[1])
assert j["extension"]["series_break"] == [2015, 2019] and j["status"]["9"] == "s b"
PY
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/series?area=30000&form=nope")
if [[ $code == 404 ]]; then t_ok; else t_fail "api unknown form: $code"; fi
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/series?area=30000&form=pwa&format=csv")
if [[ $code == 400 ]]; then t_ok; else t_fail "api bad format: $code"; fi
serve_stop

t_finish
