#!/usr/bin/env bash
# t7320-survey-round: two yearly rounds from opening to figures. Status at
# each step (not opened, answered, overdue; JSON one object per provider),
# templates written per provider and read back (an .xlsx filled in by
# openpyxl, a CSV with the same header), malformed answers refused with
# their cell and nothing saved, the round closed into figures of the edition
# that `show` uses, a provider who did not answer reported and left unknown
# (never zero), and with --carry-last-year last year's answer carried,
# flagged estimated, with its provenance.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"

DB=$PWD/t.db
init_db "$DB"
cat >providers.csv <<'CSV'
provider,name,contact
azi-brugge,AZI Brugge vzw,info@azi-brugge.be
azi-gent,AZI Gent,survey@azigent.be
azi-oost,AZI Oostende,a@oost.be
CSV
cat >sites.csv <<'CSV'
provider,site,name,area,work_form
azi-brugge,hoofd,Hoofdzetel,31005,arbeidszorg_welzijn
azi-brugge,noord,Noord,31005,arbeidszorg_welzijn
azi-gent,centrum,Centrum,44021,arbeidszorg_welzijn
azi-oost,a,Oostende,35013,arbeidszorg_welzijn
CSV
"$LADDER" providers import --db "$DB" providers.csv sites.csv >/dev/null || die "providers import failed"
status_of() { # status_of : provider=status of each object of survey status --format json (one a line)
	"$LADDER" survey status --db "$DB" --format json |
		sed -n 's/.*"provider": "\([^"]*\)".*"status": "\([^"]*\)".*/\1=\2/p' | paste -sd' '
}

# ---- round 1: 2016 for edition 2017, no closing date
run survey open --db "$DB" --year 2016 --edition 2017 --work-forms arbeidszorg_welzijn
expect_rc "open 2016" 0
expect_in "status: nobody opened" "$(status_of)" "azi-brugge=not_opened azi-gent=not_opened azi-oost=not_opened"
run survey templates --db "$DB" --out tpl
expect_rc "templates" 0
for p in azi-brugge azi-gent azi-oost; do
	if [[ -s tpl/$p.xlsx ]]; then t_ok; else t_fail "template of $p not written"; fi
done
xlsx2csv tpl/azi-brugge.xlsx >tpl.csv
expect_in "template: header" "$(head -1 tpl.csv)" "provider,site,work_form,site_name,municipality,work_form_name,last_year,persons,persons_ref,comment"
expect_in "template: a row per site" "$(cat tpl.csv)" "azi-brugge,noord,arbeidszorg_welzijn,Noord,Brugge"
run survey templates --db "$DB" --out tpl
expect_rc "templates again without --force" 2

# Brugge fills in its spreadsheet; Gent sends a CSV of the same columns
"$PY" - tpl/azi-brugge.xlsx brugge.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for row in ws.iter_rows(min_row=2):
    row[7].value = 60 if row[1].value == "hoofd" else 40
    row[8].value = 50
wb.save(sys.argv[2])
PY
printf 'provider,site,work_form,persons,persons_ref,comment\nazi-gent,centrum,arbeidszorg_welzijn,75,70,\n' >gent.csv
# malformed answers: each refused at its cell, nothing saved
printf 'provider,site,work_form,persons\nazi-gent,centrum,arbeidszorg_welzijn,7.5\n' >bad-number.csv
run survey import --db "$DB" bad-number.csv
expect_rc "a decimal" 2
expect_in "a decimal" "$ERR" "bad-number.csv:2:38: kolom 'persons': verwacht een geheel aantal personen"
printf 'provider,site,work_form,persons\nazi-gent,elders,arbeidszorg_welzijn,7\n' >bad-site.csv
run survey import --db "$DB" bad-site.csv --lang en
expect_in "a site not on the form" "$ERR" "bad-site.csv:2:10: column 'site': site 'elders' with work form 'arbeidszorg_welzijn' is not on the form of 'azi-gent'"
printf 'provider,site,work_form\nazi-gent,centrum,arbeidszorg_welzijn\n' >bad-header.csv
run survey import --db "$DB" bad-header.csv --lang en
expect_in "a missing column" "$ERR" "missing column 'persons'"
printf 'provider,site,work_form,persons\nnobody,centrum,arbeidszorg_welzijn,7\n' >bad-provider.csv
run survey import --db "$DB" bad-provider.csv --lang en
expect_in "a provider not asked" "$ERR" "provider 'nobody' is not asked in this round"
# all files or none: a good file beside a bad one saves nothing
run survey import --db "$DB" gent.csv bad-number.csv
expect_rc "good and bad" 2
expect_in "nothing saved" "$(sqlite3 "$DB" 'SELECT count(*) FROM survey_submission')" "0"

run survey import --db "$DB" brugge.xlsx gent.csv
expect_rc "import answers" 0
expect_in "import: versions" "$OUT" "azi-brugge, versie 1 bewaard"
expect_in "status: two answered" "$(status_of)" "azi-brugge=answered azi-gent=answered azi-oost=not_opened"
run survey status --db "$DB"
expect_line "status: Brugge's total" "$OUT" "azi-brugge" "beantwoord" "100"
expect_in "status: totals" "$OUT" "2 beantwoord, 0 ontwerp, 1 niet geopend, 0 te laat; personen tot nu beantwoord: 175"

run survey close --db "$DB"
expect_rc "close 2016" 0
expect_in "close: Oostende reported" "$ERR" "azi-oost antwoordde niet: zijn cijfers zijn onbekend, niet nul"
figs=$(sqlite3 "$DB" "SELECT a.code || ':' || coalesce(f.persons, 'null') || ':' || f.flag FROM figure f JOIN area a ON a.id = f.area
	JOIN work_form w ON w.id = f.work_form JOIN edition e ON e.id = f.edition WHERE e.code = '2017' AND f.year = 2016 ORDER BY a.code")
expect_in "figures of the edition" "$figs" "31005:100:"
expect_in "figures of the edition" "$figs" "44021:75:"
expect_in "no answer is unknown, not zero" "$figs" "35013:null:missing"
run show --db "$DB" --area 31005 --year 2016 --unprotected --format csv
expect_in "show uses the figure" "$OUT" "arbeidszorg_welzijn"
expect_in "show uses the figure" "$OUT" ",100,"
expect_in "provenance" "$(sqlite3 "$DB" "SELECT count(*) FROM survey_provenance WHERE submission IS NOT NULL")" "2"
run survey close --db "$DB" --year 2016 --edition 2017
expect_rc "closing twice" 2
run survey status --db "$DB" --year 2016 --edition 2017 --format json
expect_rc "status of a closed round" 0

# ---- round 2: 2017 for edition 2018, its closing date past
run survey open --db "$DB" --year 2017 --edition 2018 --work-forms arbeidszorg_welzijn --closes 2018-03-31
expect_rc "open 2017" 0
expect_in "status: overdue" "$(status_of)" "azi-brugge=overdue azi-gent=overdue azi-oost=overdue"
run survey status --db "$DB"
expect_line "status: last year beside each" "$OUT" "azi-gent" "te" "laat" "75"
# Brugge answers by spreadsheet (the analyst's channel stays open until the close)
printf 'provider,site,work_form,persons,comment\nazi-brugge,hoofd,arbeidszorg_welzijn,100,twee afdelingen samen\nazi-brugge,noord,arbeidszorg_welzijn,0,\n' >brugge2.csv
run survey import --db "$DB" brugge2.csv --lang en
expect_rc "a big change without comment" 2
expect_in "a big change without comment" "$ERR" "brugge2.csv:3:38: column 'persons': this differs by more than half from last year"
printf 'provider,site,work_form,persons,comment\nazi-brugge,hoofd,arbeidszorg_welzijn,100,twee afdelingen samen\nazi-brugge,noord,arbeidszorg_welzijn,0,gesloten in juni\n' >brugge2.csv
run survey import --db "$DB" brugge2.csv
expect_rc "answers with comments" 0
expect_in "status: answered and overdue" "$(status_of)" "azi-brugge=answered azi-gent=overdue azi-oost=overdue"
run survey close --db "$DB" --carry-last-year
expect_rc "close with --carry-last-year" 0
expect_in "carried: reported" "$ERR" "azi-gent antwoordde niet: de getallen van vorig jaar werden overgenomen"
figs=$(sqlite3 "$DB" "SELECT a.code || ':' || coalesce(f.persons, 'null') || ':' || f.flag FROM figure f JOIN area a ON a.id = f.area
	JOIN edition e ON e.id = f.edition WHERE e.code = '2018' AND f.year = 2017 ORDER BY a.code")
expect_in "answered" "$figs" "31005:100:"
expect_in "carried, estimated" "$figs" "44021:75:estimated"
expect_in "no answer last year either: unknown" "$figs" "35013:null:missing"
expect_in "provenance of the estimate" "$(sqlite3 "$DB" "SELECT count(*) FROM survey_provenance WHERE estimated = 1 AND submission IS NULL")" "1"
# nothing of the survey in what is published
run export csv --db "$DB" --year 2017 --format csv
expect_not_in "no provider in the open data" "$OUT" "azi-"
t_finish
