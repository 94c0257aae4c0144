#!/usr/bin/env bash
# t7100-units-overlaps-programmes: counting units, overlapping validity and
# programmes on two rungs (docs/catalogue.md, docs/checks.md).
# - The demo's rung 4 adds 161 trajecten (doorstroom uit arbeidszorg): the
#   published totals stay, and the table, JSON, report and `check`
#   (mixed_units) say so; a figure in another unit than its work form's is
#   refused.
# - The overlap check fires on a catalogue whose predecessor and successor
#   are valid in the same year (the catalogue before the review: tat open,
#   BW/SW beside maatwerkbedrijf without a declared transition) and is quiet
#   on the reviewed catalogue.
# - A figure outside its work form's validity is reported (validity).
# - One programme on two rungs counts each part once in the headline; the
#   same count on both rungs is reported (programme_twice); a programme with
#   two entries on one rung is refused.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ------------------------------------------------------------ units, demo
run demo
expect_rc "ladder demo" 0
run show --db ladder-demo.db --area 30000 --year 2017
expect_line "rung 4 as published" "$OUT" "Trede 4: Tijdelijke activerende trajecten" "10.740"
expect_line "total as published" "$OUT" "Totaal tewerkstelling en participatie (treden 3-5)" "56.721"
expect_in "table note on the unit" "$OUT" "Doorstroom/activering uit arbeidszorg telt trajecten, geen personen: de 161 trajecten zitten mee in trede 4 en in het totaal"
run show --db ladder-demo.db --area 30000 --year 2017 --lang en
expect_in "English note" "$OUT" "counts trajectories, not persons: its 161 trajectories are included in rung 4 and the total"
"$LADDER" show --db ladder-demo.db --area 30000 --year 2017 --format json >wvl.json
json_check "json units" wvl.json '
forms = {f["code"]: f for f in j["work_forms"]}
expect(forms["doorstroom_arbeidszorg"]["unit"] == "trajectories", "doorstroom unit %r" % forms["doorstroom_arbeidszorg"].get("unit"))
expect(forms["tat"]["unit"] == "persons", "tat unit %r" % forms["tat"].get("unit"))
expect(j["total"] == 56721, "total %r" % j["total"])
expect(any("161" in n and "trajecten" in n for n in j["notes"]), "notes %r" % j["notes"])
'
"$LADDER" export json --db ladder-demo.db --area 30000 --year 2017 --out open.json
json_check "export json units" open.json '
u = {r["work_form"]: r["unit"] for r in j["data"]}
expect(u.get("doorstroom_arbeidszorg") == "trajectories" and u.get("trede4") == "persons" and u.get("pwa") == "persons", "units %r" % u)
'
run check --db ladder-demo.db --format csv
expect_in "check mixed_units" "$OUT" 'mixed_units,warning,30000,2017,"West-Vlaanderen: Trede 4: Tijdelijke activerende trajecten bevat 161 trajecten van Doorstroom/activering uit arbeidszorg, geen personen'
expect_not_in "reviewed catalogue: no overlap" "$OUT" "overlap,"
run report --db ladder-demo.db --area 30000 --year 2017 --out wvl.html
expect_rc "report" 0
expect_in "report footnote" "$(cat wvl.html)" "Doorstroom/activering uit arbeidszorg telt trajecten, geen personen: de 161 trajecten zitten mee in trede 4"
expect_in "report sources: unit column" "$(cat wvl.html)" '<th scope="col">Eenheid</th>'
run export xlsx --db ladder-demo.db --year 2017 --out annex.xlsx
expect_rc "annex" 0
expect_in "annex: unit of the catalogue" "$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode())' annex.xlsx)" "<t>trajecten</t>"
run catalog list --db ladder-demo.db --format csv
expect_in "catalog list unit" "$OUT" "doorstroom_arbeidszorg,Doorstroom/activering uit arbeidszorg,,4,,trajectories,"
expect_in "catalog list programme" "$OUT" "meerbanenplan_t3,Meerbanenplan (juli 2006) - trede 3,,3,se,persons,2006-07-01,,,1,meerbanenplan,"

# the API and the dashboard's work-form page show the unit
if command -v curl >/dev/null; then
	serve_start ladder-demo.db
	curl -fsS "$BASE/api/v1/work_forms" >forms.json || t_fail "GET /api/v1/work_forms failed"
	json_check "api work_forms" forms.json '
by = {f["code"]: f for f in j}
expect(by["doorstroom_arbeidszorg"]["unit"] == "trajectories", "doorstroom %r" % by["doorstroom_arbeidszorg"])
expect(by["meerbanenplan_t4"]["programme"] == "meerbanenplan" and by["tat"]["programme"] is None, "programmes")
'
	page=$(curl -fsS "$BASE/workform/doorstroom_arbeidszorg?area=30000&year=2017" || true)
	expect_in "work-form page: unit" "$page" "Eenheid: trajecten."
	serve_stop
fi

# a figure takes its work form's unit; another unit is refused, all or nothing
DB=u.db
reset_db() { init_db "$DB"; }
reset_db
db_snapshot
printf 'year,area,work_form,persons,unit\n2017,30000,pwa,10,persons\n2017,30000,doorstroom_arbeidszorg,5,personen\n' >units-bad.csv
run import --db "$DB" units-bad.csv --edition 2018
expect_rc "figure in another unit" 2
expect_error_line "figure in another unit" "units-bad.csv:3:37: kolom 'unit': 'doorstroom_arbeidszorg' telt trajectories, dit cijfer zegt persons"
expect_unchanged "figure in another unit"
printf 'year,area,work_form,persons,unit\n2017,30000,pwa,10,hours\n' >units-word.csv
run import --db "$DB" units-word.csv --edition 2018
expect_rc "unknown unit" 2
expect_error_line "unknown unit" "units-word.csv:2:19: kolom 'unit': verwacht personen, plaatsen, trajecten of vte"
expect_unchanged "unknown unit"
printf 'year,area,work_form,persons,unit\n2017,30000,pwa,10,\n2017,30000,doorstroom_arbeidszorg,5,trajecten\n2017,30000,trede4,15,persons\n' >units-ok.csv
run import --db "$DB" units-ok.csv --edition 2018
expect_rc "figures in their units" 0
printf 'code,name_nl,rung,unit\nvte_form,In VTE,5,uren\n' >cat-unit.csv
run catalog import --db "$DB" cat-unit.csv
expect_rc "catalogue unit word" 2
expect_error_line "catalogue unit word" "cat-unit.csv:2:19: kolom 'unit': verwacht personen, plaatsen, trajecten of vte"

# ------------------------------------------------------------ overlaps
DB=o.db
init_db "$DB"
run check --db "$DB" --format csv
expect_rc "reviewed catalogue" 0
expect_not_in "reviewed catalogue quiet" "$OUT" "overlap"
# the catalogue before the review
cat >before.csv <<'CSV'
code,name_nl,rung,subcategory,valid_from,valid_to,successors,transition
tat,Tijdelijke activerende trajecten,4,,,,,
beschutte_werkplaats,Beschutte werkplaatsen,5,collectief,,2018-12-31,maatwerkbedrijf,
sociale_werkplaats,Sociale werkplaatsen,5,collectief,,2018-12-31,maatwerkbedrijf,
CSV
run catalog import --db "$DB" before.csv
expect_rc "catalogue before the review" 0
run check --db "$DB" --format csv
expect_rc "overlap fires (warnings)" 1
expect_in "gesco -> tat" "$OUT" 'overlap,warning,,0,"GESCO-opleidingsprojecten (tot 2015-12-31) en opvolger Tijdelijke activerende trajecten (vanaf open) zijn allebei geldig in ...-2015'
expect_in "bw -> mwb" "$OUT" 'overlap,warning,,2015,"Beschutte werkplaatsen (tot 2018-12-31) en opvolger Maatwerkbedrijven (collectief maatwerk) (vanaf 2015-04-01) zijn allebei geldig in 2015-2018'
expect_in "sw -> mwb" "$OUT" 'overlap,warning,,2015,"Sociale werkplaatsen (tot 2018-12-31)'
run check --db "$DB" --format json --year 2016 --lang en
json_check "overlap json" <(printf '%s' "$OUT") '
ov = [f for f in j["findings"] if f["rule"] == "overlap"]
expect(len(ov) == 2, "overlaps in 2016 (BW and SW; GESCO and tat only until 2015): %r" % ov)
for f in ov:
    expect(f["area"] is None and f["severity"] == "warning", "finding %r" % f)
expect(all(f["figures"] == {"from_year": 2015, "to_year": 2018} for f in ov), "years %r" % ov)
'
run check --db "$DB" --format csv --year 2019
expect_not_in "BW and maatwerkbedrijf no longer overlap in 2019" "$OUT" "Beschutte werkplaatsen (tot"
# tat, open again, overlaps twe, which the lineage (tat -> twe) names its successor
expect_in "tat -> twe (lineage)" "$OUT" "Tijdelijke activerende trajecten (tot open) en opvolger Tijdelijke werkervaring (vanaf 2017-01-01) zijn allebei geldig in 2017-..."
# a declared transition is accepted; the transition names a successor only
printf 'code,name_nl,rung,subcategory,successors,transition\nbeschutte_werkplaats,Beschutte werkplaatsen,5,collectief,maatwerkbedrijf,maatwerkbedrijf\n' >declare.csv
run catalog import --db "$DB" declare.csv
expect_rc "declare a transition" 0
run check --db "$DB" --format csv
expect_not_in "declared transition quiet" "$OUT" "Beschutte werkplaatsen (tot"
expect_in "undeclared one still fires" "$OUT" "Sociale werkplaatsen (tot"
printf 'code,name_nl,rung,successors,transition\npwa,PWA,4,wijkwerken,twe\n' >bad-transition.csv
run catalog import --db "$DB" bad-transition.csv
expect_rc "transition with a non-successor" 2
expect_error_line "transition with a non-successor" "bad-transition.csv:2:22: kolom 'transition': 'twe' is geen van de opvolgers ('wijkwerken')"

# ------------------------------------------------------------ validity
DB=v.db
init_db "$DB"
printf 'year,area,work_form,persons\n2019,30000,pwa,100\n2019,30000,wijkwerken,900\n' >late.csv
run import --db "$DB" late.csv --edition 2020
expect_rc "import late pwa" 0
run check --db "$DB" --format csv
expect_in "validity" "$OUT" 'validity,warning,30000,2019,"West-Vlaanderen: cijfer voor Plaatselijke werkgelegenheidsagentschappen (PWA) in 2019, buiten de geldigheid van de werkvorm (... tot 2017-12-31)"'
expect_not_in "wijk-werken valid" "$OUT" "cijfer voor Wijk-werken"

# ------------------------------------------------------------ programmes
DB=p.db
init_db "$DB"
printf 'year,area,work_form,persons\n2019,30000,meerbanenplan_t3,120\n2019,30000,meerbanenplan_t4,80\n2019,30000,arbeidszorg_ggz,300\n2019,30000,wijkwerken,900\n2019,30000,vop,5000\n' >prog.csv
run import --db "$DB" prog.csv --edition 2020
expect_rc "programme figures" 0
run show --db "$DB" --area 30000 --year 2019 --format json
printf '%s' "$OUT" >prog.json
json_check "programme counted once" prog.json '
r = {x["rung"]: x["persons"] for x in j["rungs"]}
expect(r.get(3) == 420 and r.get(4) == 980 and r.get(5) == 5000, "rungs %r" % r)
expect(j["total"] == 6400, "headline %r: each part of the programme once (120 + 80), never the whole twice" % j["total"])
'
run check --db "$DB" --format csv
expect_not_in "split programme: no finding" "$OUT" "programme_twice"
printf 'year,area,work_form,persons\n2019,30000,meerbanenplan_t4,120\n' >prog-copy.csv
run import --db "$DB" prog-copy.csv --edition 2020 --replace
expect_rc "programme copied onto both rungs" 0
run check --db "$DB" --format csv
expect_in "programme_twice" "$OUT" 'programme_twice,warning,30000,2019,West-Vlaanderen: Meerbanenplan (juli 2006) - trede 3 en Meerbanenplan (juli 2006) - trede 4 (programma meerbanenplan) melden allebei 120'
printf 'code,name_nl,rung,programme\nmbp_extra,Meerbanenplan extra,3,meerbanenplan\n' >prog-rung.csv
run catalog import --db "$DB" prog-rung.csv
expect_rc "two entries on one rung" 2
expect_in "two entries on one rung" "$ERR" "programma 'meerbanenplan' heeft meer dan een regel op trede 3"

t_finish
