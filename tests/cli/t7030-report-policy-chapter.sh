#!/usr/bin/env bash
# t7030-report-policy-chapter: the report (HTML and PDF) and the dashboard's
# area page have the chapter "Beleidswijzigingen" (policy changes),
# generated from the catalogue: for the demo's 2017 report (edition 2018:
# 2016-2017) what began, ended, merged, split or was replaced, with dates
# and the lineage's notes, in Dutch and in English; a report whose years
# hold no reform says so.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db
text() { python3 - "$1" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.find('id="beleidswijzigingen"')
print(html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s[i:] if i >= 0 else ""))))
PY
}

run report --db "$DB" --area 30000 --year 2017 --out nl.html
expect_rc "report nl" 0
T=$(text nl.html)
expect_in "chapter" "$T" "Beleidswijzigingen Wat de catalogus van werkvormen vastlegt voor 2016–2017"
expect_in "merged, with note" "$T" "GESCO-opleidingsprojecten opgegaan in Tijdelijke activerende trajecten (voorloper TWE-trajecten VDAB en GESCO-opleidingsprojecten) 2016-01-01"
expect_in "replaced" "$T" "Tewerkstellingspremie 50-plussers vervangen door Doelgroepvermindering oudere werknemers (vanaf 54/55 jaar) 2016-07-01"
expect_in "split" "$T" "Activa (federale activeringsmaatregel) gesplitst in Doelgroepvermindering jongeren 2017-01-01"
expect_in "began" "$T" "Doelgroepvermindering jongeren begint 2016-07-01"
expect_in "note" "$T" "Decreet tijdelijke werkervaring (9 december 2016)"
expect_not_in "outside the years" "$T" "2019-01-01"
if grep -q 'href="#beleidswijzigingen"' nl.html; then t_ok; else t_fail "the table of contents links the chapter"; fi

run report --db "$DB" --area 30000 --year 2017 --out en.html --lang en
T=$(text en.html)
expect_in "English chapter" "$T" "Policy changes What the catalogue of work forms records for 2016–2017"
expect_in "English split" "$T" "Activa (federal activation measure) split into Target-group reduction for young workers"
expect_in "English note" "$T" "Temporary work experience decree (9 December 2016)"

# a catalogue without a reform in the years: said, no table
printf 'year,area,work_form,persons,edition\n2012,30000,duaal_leren,300,2013\n' >y.csv
"$LADDER" import --db "$DB" y.csv >/dev/null
run report --db "$DB" --area 30000 --year 2012 --edition 2013 --out none.html
expect_rc "report 2012" 0
expect_in "no change" "$(text none.html)" "De catalogus van werkvormen legt geen beleidswijziging vast voor 2012."

if command -v pdftotext >/dev/null; then
	run report --db "$DB" --area 30000 --year 2017 --out nl.pdf
	expect_rc "pdf" 0
	P=$(pdftotext nl.pdf - | tr -s ' \n' '  ')
	expect_in "pdf chapter" "$P" "Beleidswijzigingen"
	expect_in "pdf row" "$P" "gesplitst in"
fi

# the dashboard's page of the area: the same blocks
serve_start "$DB"
curl -fsS "$BASE/area/30000?year=2017" >page.html
expect_in "page chapter" "$(text page.html)" "Beleidswijzigingen"
expect_in "page row" "$(text page.html)" "Tewerkstellingspremie 50-plussers vervangen door"
serve_stop
t_finish
