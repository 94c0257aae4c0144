#!/usr/bin/env bash
# t7220-editions-outputs: an edition's metadata is shown in the outputs
# (report title page and editions table, JSON and JSON-stat exports, the
# Excel annex, the API), and what changed since the previous edition is the
# report's annex "Wat is er veranderd sinds de vorige editie" (English "What
# changed since the previous edition") and a sheet of the Excel annex, with
# the demo's revision of 2016 (55.328 -> 55.411).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip unzip

DB=ladder-demo.db
"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"

run report --area 30000 --year 2017 --out r.html --db $DB
expect_rc "report" 0
html=$(cat r.html)
expect_in "the annex" "$html" "Wat is er veranderd sinds de vorige editie"
expect_in "compares with the previous edition" "$html" "vergelijkt editie 2018 met de vorige editie, 2017"
expect_in "the revision's old figure" "$html" "55.328"
expect_in "... and its difference" "$html" "+83"
expect_in "a claim whose verdict changed (its sentence, not its id)" "$html" "56.721 is +1.310 op 2016"
expect_in "the title page: ordinal, title, data year, publication date" "$html" "10e editie, Tewerkstelling en participatie van kansengroepen, data 2017, gepubliceerd 2019-02-19"
expect_in "the editions table: the previous edition's metadata" "$html" "9e editie, Mee in het hart van de West-Vlaamse economie"
run report --area 30000 --year 2017 --out r-en.html --db $DB --lang en
expect_rc "report en" 0
html=$(cat r-en.html)
expect_in "the annex in English" "$html" "What changed since the previous edition"
expect_in "10th" "$html" "10th edition"
run report --area 30000 --year 2016 --edition 2017 --out first.html --db $DB
expect_rc "report of the first edition" 0
expect_not_in "no annex without a previous edition" "$(cat first.html)" "Wat is er veranderd"

run export xlsx --year 2017 --from 2016 --out a.xlsx --db $DB
expect_rc "annex" 0
unzip -o -q a.xlsx -d x
expect_in "a sheet Wijzigingen" "$(cat x/xl/workbook.xml)" 'name="Wijzigingen"'
sheets=$(cat x/xl/worksheets/*.xml)
expect_in "the old figure of 2016 as a number (the other sheets show 2018's 55.411)" "$sheets" "<v>55328</v>"
strings=$(cat x/xl/sharedStrings.xml)
expect_in "the sheet's title" "$strings" "Wat is er veranderd sinds de vorige editie"
expect_in "the editions' metadata" "$strings" "10e editie, Tewerkstelling en participatie van kansengroepen"

run export json --year 2017 --db $DB
expect_rc "json" 0
echo "$OUT" >d.json
json_check "json meta" d.json '
info = j["meta"]["edition_info"]
e = [x for x in info if x["code"] == "2018"]
if not e or (e[0]["ordinal"], e[0]["data_year"], e[0]["published"]) != (10, 2017, "2019-02-19"): bad(str(info))
else: ok()
if j["meta"]["editions"] != ["2018"]: bad("editions stays a list of codes")
else: ok()
'
run export jsonstat --year 2017 --db $DB
expect_rc "jsonstat" 0
echo "$OUT" >s.json
json_check "json-stat extension" s.json '
e = j["extension"]["editions"]
if e[0]["code"] != "2018" or e[0]["title"] != "Tewerkstelling en participatie van kansengroepen": bad(str(e))
else: ok()
'

# carried figures are marked in the exports
run editions new 2019 --from 2018 --db $DB
expect_rc "new" 0
printf 'year,area,work_form,persons,edition\n2017,30000,totaal,56.800,2019\n' >p.csv
run import p.csv --db $DB
expect_rc "import" 0
run export json --year 2017 --edition 2019 --area 30000 --db $DB
echo "$OUT" >c.json
json_check "carried rows" c.json '
rows = {r["work_form"]: r for r in j["data"]}
if rows["totaal"].get("carried"): bad("the imported headline is not carried")
else: ok()
if not rows["trede5"].get("carried"): bad("trede5 is carried: " + str(rows["trede5"]))
else: ok()
if j["meta"]["edition_info"][0]["carried_from"] != "2018": bad("carried_from")
else: ok()
'
t_finish
