#!/usr/bin/env bash
# t8570-sheet-errors-dutch: the errors of the spreadsheet readers
# (src/base/sheet*.c) speak the CLI's language: Dutch by default, the same
# English as before with --lang en (po/nl.po, sheet_*). Under a Dutch
# summary no English reader message may appear (issue 11's defect 7 come
# back through the readers of issue 13). Through `ladder import` (with and
# without a profile), `ladder profiles draft` and `ladder survey import`.
# The bad files are those of t1510 (tests/cli/sheets.py bad) under Dutch
# names, so that a file's name holds no English word the check below looks
# for, and a few made here.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip sqlite3

mkdir bad
(cd bad && "$PY" "$LADDER_REPO/tests/cli/sheets.py" bad .)
cp bad/formula-no-value.xlsx formule.xlsx
cp bad/not-a-zip.xlsx geen-zip.xlsx
cp bad/encrypted.xlsx slot.xlsx
cp bad/encrypted.ods slot.ods
cp bad/not-xml.xlsx kapotte-xml.xlsx
cp bad/zip-bomb.xlsx bom.xlsx
cp bad/shared-string-index.xlsx tekstnummer.xlsx
cp bad/error-value.xlsx deling.xlsx
cp bad/good.xlsx goed.xlsx
printf 'dit is geen rekenblad\n' >kapot.xls
# a date cell that holds no date, and a workbook without its sheet's part
"$PY" - <<'PY'
import openpyxl, zipfile
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Blad1"
ws.append(["year", "area", "work_form", "persons", "edition"])
ws.append([2017, "30000", "tat", 1e12, "2018"])
ws["D2"].number_format = "yyyy-mm-dd"
wb.save("datum.xlsx")
with zipfile.ZipFile("goed.xlsx") as zi, zipfile.ZipFile("zonder-blad.xlsx", "w") as zo:
    for i in zi.infolist():
        if i.filename != "xl/worksheets/sheet1.xml":
            zo.writestr(i, zi.read(i))
PY

DB=x.db
init_db "$DB"
db_snapshot
# words of the readers' English messages; none may show under Dutch
# (whole words: the parts' names hold 'sheet1')
ENGLISH='\b(workbook|refused|damaged|formula|encrypted|password|sheets?|cells?|stored value|zip bomb|expected|no date|Excel file|error value|No such file|mismatched tag|not well-formed|Not a zip)\b'
N=0
# both FILE DUTCH-LINE-START ENGLISH-LINE-START: one import in each language
both() {
	local f=$1 nl=$2 en=$3
	N=$((N + 1))
	run import --db "$DB" "$f"
	expect_rc "$f (nl)" nonzero
	expect_error_line "$f (nl)" "$nl"
	expect_in "$f (nl): summary" "$ERR" "ladder: import geweigerd: 1 fout; er is niets weggeschreven"
	if grep -E -i "$ENGLISH" <<<"$ERR" >/dev/null; then
		t_fail "$f (nl): English under Dutch" "$(show_run)"
	else
		t_ok
	fi
	run --lang en import --db "$DB" "$f"
	expect_rc "$f (en)" nonzero
	expect_error_line "$f (en)" "$en"
	expect_in "$f (en): summary" "$ERR" "ladder: import refused: 1 error; nothing was written"
	expect_unchanged "$f"
}

both formule.xlsx \
	"formule.xlsx:Blad1!D2: formule =10+2 heeft geen opgeslagen waarde: open het bestand in Excel of LibreOffice, laat het herberekenen, sla het op en importeer opnieuw" \
	"formule.xlsx:Blad1!D2: formula =10+2 has no stored value: open the file in Excel or LibreOffice, let it calculate, save, and import again"
both geen-zip.xlsx \
	"geen-zip.xlsx: geen zip-archief, dus geen .xlsx- of .ods-werkmap" \
	"geen-zip.xlsx: not a zip archive, so not an .xlsx or .ods workbook (damaged, or another format renamed)"
both slot.xlsx \
	"slot.xlsx: versleutelde werkmap (met wachtwoord): sla ze op zonder wachtwoord en importeer dat bestand" \
	"slot.xlsx: encrypted (password-protected) workbook: save it without a password and import that"
both slot.ods "slot.ods: versleutelde werkmap (met wachtwoord)" "slot.ods: encrypted (password-protected) workbook"
both kapotte-xml.xlsx \
	"kapotte-xml.xlsx: beschadigde werkmap: onderdeel xl/worksheets/sheet1.xml regel 1 positie 361: sluitende tag past niet bij de openende" \
	"kapotte-xml.xlsx: damaged workbook: part xl/worksheets/sheet1.xml line 1 column 361: mismatched tag"
both zonder-blad.xlsx \
	"zonder-blad.xlsx: beschadigde werkmap: onderdeel xl/worksheets/sheet1.xml ontbreekt" \
	"zonder-blad.xlsx: damaged workbook: part xl/worksheets/sheet1.xml is missing"
both bom.xlsx \
	"bom.xlsx: onderdeel xl/worksheets/sheet1.xml pakt uit tot meer dan 200 keer zijn gecomprimeerde grootte: geweigerd (zipbom?)" \
	"bom.xlsx: part xl/worksheets/sheet1.xml inflates more than 200 times its compressed size: refused (zip bomb?)"
both tekstnummer.xlsx "tekstnummer.xlsx:Blad1!D2: beschadigd blad: gedeelde tekst '7' bestaat niet" \
	"tekstnummer.xlsx:Blad1!D2: damaged sheet: shared string '7' does not exist"
both deling.xlsx "deling.xlsx:Blad1!D2: de cel bevat de foutwaarde #DIV/0!" \
	"deling.xlsx:Blad1!D2: the cell holds the error value #DIV/0!"
both datum.xlsx "datum.xlsx:Blad1!D2: een datumcel bevat 1000000000000, wat geen datum is" \
	"datum.xlsx:Blad1!D2: a date cell holds 1000000000000, which is no date"
both ontbreekt.xlsx "ontbreekt.xlsx: kan niet openen: bestand of map bestaat niet" \
	"ontbreekt.xlsx: cannot open: No such file or directory"
both kapot.xls "kapot.xls: beschadigde .xls-werkmap (libfreexl-fout" "kapot.xls: damaged .xls workbook (libfreexl error"

# through a profile: text where a number is expected, and a sheet the
# workbook does not have
(cd bad && "$PY" "$LADDER_REPO/tests/cli/profiles.py" good . && "$PY" "$LADDER_REPO/tests/cli/profiles.py" bad .)
cp bad/bad-text-in-number.xlsx tekst-in-getal.xlsx
cp bad/wide.profile breed.profile
run import --db "$DB" --profile breed.profile tekst-in-getal.xlsx
expect_rc "profile: text in a number (nl)" nonzero
expect_error_line "profile: text in a number (nl)" \
	"tekst-in-getal.xlsx:Gemeenten!C7 (kolom 'Maatwerkbedrijf / 2018'): kolom 'persons': verwacht een geheel getal"
run import --db "$DB" --profile breed.profile formule.xlsx
expect_rc "profile: no such sheet (nl)" nonzero
expect_error_line "profile: no such sheet (nl)" "formule.xlsx: geen blad 'Gemeenten' in de werkmap; haar bladen: 'Blad1'"
run --lang en import --db "$DB" --profile breed.profile formule.xlsx
expect_error_line "profile: no such sheet (en)" "formule.xlsx: no sheet 'Gemeenten' in the workbook; its sheets: 'Blad1'"
expect_unchanged "profiles"

# ladder profiles draft prints the reader's errors in the CLI's language too
draft() { # draft NL-LINE EN-LINE ARGS...
	local nl=$1 en=$2
	shift 2
	N=$((N + 1))
	run profiles draft --db "$DB" "$@"
	expect_rc "draft $* (nl)" nonzero
	expect_error_line "draft $* (nl)" "$nl"
	if grep -E -i "$ENGLISH" <<<"$ERR" >/dev/null; then
		t_fail "draft $* (nl): English under Dutch" "$(show_run)"
	else
		t_ok
	fi
	run --lang en profiles draft --db "$DB" "$@"
	expect_rc "draft $* (en)" nonzero
	expect_error_line "draft $* (en)" "$en"
}
draft "ladder: formule.xlsx:Blad1!D2: formule =10+2 heeft geen opgeslagen waarde" \
	"ladder: formule.xlsx:Blad1!D2: formula =10+2 has no stored value" formule.xlsx
draft "ladder: goed.xlsx: geen blad 'Nope' in de werkmap; haar bladen: 'Blad1'" \
	"ladder: goed.xlsx: no sheet 'Nope' in the workbook; its sheets: 'Blad1'" goed.xlsx --sheet Nope
draft "ladder: goed.xlsx: geen blad #3: de werkmap heeft 1 blad: 'Blad1'" \
	"ladder: goed.xlsx: no sheet #3: the workbook has 1 sheet: 'Blad1'" goed.xlsx --sheet '#3'
draft "ladder: slot.ods: versleutelde werkmap (met wachtwoord)" \
	"ladder: slot.ods: encrypted (password-protected) workbook" slot.ods
# ladder survey import: a provider's filled-in spreadsheet
printf 'provider,name,contact\nazi-gent,AZI Gent,survey@azigent.be\n' >providers.csv
printf 'provider,site,name,area,work_form\nazi-gent,centrum,Centrum,44021,arbeidszorg_welzijn\n' >sites.csv
"$LADDER" providers import --db "$DB" providers.csv sites.csv >/dev/null || die "providers import failed"
"$LADDER" survey open --db "$DB" --year 2016 --edition 2017 --work-forms arbeidszorg_welzijn >/dev/null ||
	die "survey open failed"
cp slot.ods azi-gent.ods
run survey import --db "$DB" azi-gent.ods
expect_rc "survey import (nl)" nonzero
expect_error_line "survey import (nl)" "azi-gent.ods: versleutelde werkmap (met wachtwoord)"
expect_in "survey import (nl): summary" "$ERR" "ladder: import geweigerd: 1 fout"
run --lang en survey import --db "$DB" azi-gent.ods
expect_error_line "survey import (en)" "azi-gent.ods: encrypted (password-protected) workbook"
((N >= 15)) || t_fail "only $N bad spreadsheets"
t_finish
