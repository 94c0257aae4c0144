#!/usr/bin/env bash
# t7210-editions-diff: `ladder editions diff A B` on the demo lists the
# revision of 2016 for West-Vlaanderen (55.328 in the 2017 edition, 55.411
# in 2018) with the other changes (new work forms and areas, claims whose
# verdict changed), as a table in Belgian number style, CSV and JSON with
# plain numbers; hidden figures stay hidden.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=ladder-demo.db
run demo --quiet
expect_rc "demo" 0

run editions diff 2017 2018 --db $DB
expect_rc "diff" 0
expect_in "title" "$OUT" "Wat er veranderde van editie 2017 naar editie 2018"
expect_line "the revision of 2016, Belgian style" "$OUT" "herzien cijfer" 2016 provincie 30000 totaal West-Vlaanderen 55.328 55.411 +83
expect_in "a new work form" "$OUT" "nieuwe werkvorm"
expect_in "a new area" "$OUT" "Vlaams Gewest"
expect_in "a claim whose verdict changed" "$OUT" "56.721 is +1.310 op 2016"

run editions diff 2017 2018 --db $DB --format csv
expect_rc "csv" 0
expect_in "header" "$OUT" "change,year,level,area,item,name,old,new,difference,before,after"
expect_in "the revision, plain numbers" "$OUT" "revised,2016,province,30000,totaal,West-Vlaanderen,55328,55411,83,,"
expect_in "a new work form by code" "$OUT" "new_work_form,,,,tat,"
expect_in "a new area by code" "$OUT" "new_area,,region,02000,,"
expect_in "a claim: unchecked with the 2017 edition's figures, holds with 2018's" "$OUT" "claim,2017,,30000,growth-abs,56.721 is +1.310 op 2016,,,,unchecked,holds"

run editions diff 2017 2018 --db $DB --format json --lang en
expect_rc "json" 0
echo "$OUT" >diff.json
json_check "json" diff.json '
rev = [r for r in j if r["change"] == "revised"]
if len(rev) != 1: bad("one revision, got %d" % len(rev))
else:
    r = rev[0]
    if (r["year"], r["area"], r["item"], r["old"], r["new"], r["difference"]) != (2016, "30000", "totaal", 55328, 55411, 83): bad(str(r))
    else: ok()
if not any(r["change"] == "claim" and r["item"] == "growth-abs" and r["before"] == "unchecked" and r["after"] == "holds" for r in j): bad("claim growth-abs")
else: ok()
if not any(r["change"] == "new_area" and r["area"] == "31003" for r in j): bad("new area 31003")
else: ok()
'

# hidden figures: a revised small count shows neither value nor difference
run editions new 2019 --from 2018 --db $DB
expect_rc "new" 0
printf 'year,area,work_form,persons,edition,flag\n2017,31003,starterslabo,2,2019,synthetic\n2017,31003,tat,40,2019,synthetic\n' >rev.csv
run import rev.csv --db $DB
expect_rc "import" 0
run editions diff 2018 2019 --db $DB --format csv
expect_in "a shown revision (flagged synthetic)" "$OUT" "revised,2017,municipality,31003,tat,Beernem,16,synthetic,40,synthetic,24,synthetic,,"
expect_in "a hidden one: no values" "$OUT" "revised,2017,municipality,31003,starterslabo,Beernem,,confidential,,confidential,,confidential,,"
run editions diff 2018 2019 --db $DB
expect_line "hidden in the table" "$OUT" "herzien cijfer  2017  gemeente  31003   starterslabo" Beernem x x x

run editions diff 2017 1999 --db $DB
expect_rc "an unknown edition" 2
expect_in "named" "$ERR" "1999"
run editions diff 2017 --db $DB
expect_rc "one edition is a usage error" 64
t_finish
