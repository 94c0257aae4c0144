#!/usr/bin/env bash
# t1500-import-spreadsheets: a spreadsheet whose first sheet has the CSV
# header in row 1 imports exactly as the same CSV does - the same figures
# on the same rows - whoever wrote it: openpyxl (.xlsx, 1900 and 1904 date
# systems) and LibreOffice (.ods and legacy .xls converted from them).
# Numbers, "Dutch numbers stored as text", dates, empty cells; hidden rows,
# columns and sheets are read and reported. A formula's cached value is
# imported (LibreOffice stores it); without one the cell is named. The lean
# program stays without libzip/expat/libfreexl and hands spreadsheets to
# ladder-sheets (the lean program with them), which the import then runs in.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip soffice sqlite3

"$PY" "$LADDER_REPO/tests/cli/sheets.py" good .
# LibreOffice: one profile of its own; one run per target format
lo() {
	SAL_USE_VCLPLUGIN=svp soffice -env:UserInstallation="file://$T_TMP/lo" --headless --norestore \
		--convert-to "$1" --outdir lo "${@:2}" >"$T_TMP/lo.out" 2>&1 || die "soffice --convert-to $1 failed: $(cat "$T_TMP/lo.out")"
}
lo ods long.xlsx long1904.xlsx types-formula.xlsx
lo xls long.xlsx
for f in lo/long.ods lo/long1904.ods lo/long.xls lo/types-formula.ods; do
	[[ -s $f ]] || die "LibreOffice did not write $f: $(cat "$T_TMP/lo.out")"
done

init_db csv.db
run import --db csv.db long.csv
expect_rc "long.csv" 0
want=$(figures_dump csv.db)
[[ $(printf '%s\n' "$want" | grep -c '') -eq 6 ]] || die "long.csv did not store 6 figures: $want"

for f in long.xlsx long1904.xlsx lo/long.ods lo/long1904.ods lo/long.xls; do
	init_db x.db
	run --lang en import --db x.db "$f"
	expect_rc "$f" 0
	expect_in "$f: report" "$OUT" "$f: figures, 6 rows: 6 new, 0 unchanged, 0 replaced; ${f##*.}, sheet 'Blad1'"
	got=$(figures_dump x.db)
	if [[ $got == "$want" ]]; then t_ok; else t_fail "$f: figures differ from long.csv's" "$(diff <(echo "$want") <(echo "$got"))"; fi
	# the same bytes' fingerprint as sha256sum says
	sha=$(sha256sum "$f" | cut -c1-64)
	expect_in "$f: batch sha256" "$(sqlite3 x.db 'SELECT sha256 FROM batch WHERE kind = '"'figures'"'')" "$sha"
done

# what the sheet hides is read, and said
run --lang en import --db x.db --dry-run long.xlsx
expect_error_line "hidden sheet" "long.xlsx: hidden sheets, not read: Notities"
expect_error_line "hidden row" "long.xlsx:Blad1: 1 hidden row(s), read: 4"
expect_error_line "hidden column" "long.xlsx:Blad1: 1 hidden column(s), read: G"
run --lang en import --db x.db --dry-run lo/long.ods
expect_error_line "ods hidden row" "lo/long.ods:Blad1: 1 hidden row(s), read: 4"

# a formula's cached value (LibreOffice computed it)
init_db f.db
run --lang en import --db f.db lo/types-formula.ods
expect_rc "types-formula.ods" 0
expect_in "formula value" "$(figures_dump f.db)" "2018|2017|30000|totaal|56721||som|2"
# booleans read as TRUE/FALSE
init_db b.db
run --lang en import --db b.db booleans.xlsx
expect_rc "booleans.xlsx" 0
expect_in "boolean" "$(figures_dump b.db)" "2018|2017|30000|tat|12||FALSE|3"
expect_in "boolean" "$(figures_dump b.db)" "2018|2017|30000|totaal|5||TRUE|2"
# openpyxl stores the formula without a value
run --lang en import --db f.db types-formula.xlsx
expect_rc "types-formula.xlsx" nonzero
expect_error_line "no cached value" "types-formula.xlsx:Figures!D2: formula =56000+721 has no stored value"

# the lean program links none of the spreadsheet libraries; ladder-sheets
# beside it links them and none of the publication libraries
if ldd "$LADDER" | grep -cE 'libzip|libexpat|libfreexl' >/dev/null; then
	t_fail "lean program links spreadsheet libraries" "$(ldd "$LADDER")"
else
	t_ok
fi
SHEETS=$(dirname "$LADDER")/ladder-sheets
expect_in "ladder-sheets links libzip" "$(ldd "$SHEETS")" "libzip"
expect_not_in "ladder-sheets links no cairo" "$(ldd "$SHEETS")" "libcairo"
# a spreadsheet's import runs in ladder-sheets (here without ladder-full
# beside it), else in ladder-full (without ladder-sheets)
for helper in ladder-sheets ladder-full; do
	rm -rf alone && mkdir alone
	cp "$LADDER" "$(dirname "$LADDER")/$helper" alone/
	rm -f a.db*
	"$LADDER" init --db a.db >/dev/null
	RC=0
	OUT=$(alone/ladder import --db a.db long.xlsx 2>&1) || RC=$?
	expect_rc "a spreadsheet with $helper beside ladder" 0
	expect_in "a spreadsheet with $helper beside ladder" "$OUT" "long.xlsx: cijfers"
done
# neither: the error names both programs and changes nothing
rm -rf alone && mkdir alone && cp "$LADDER" alone/
BEFORE=$(sqlite3 a.db "SELECT count(*), coalesce(sum(persons), 0) FROM figure")
RC=0
OUT=$(alone/ladder import --db a.db long.xlsx 2>&1) || RC=$?
expect_rc "a spreadsheet without ladder-sheets or ladder-full" 2
expect_in "a spreadsheet without either: where ladder-sheets was sought" "$OUT" "alone/ladder-sheets: bestand of map bestaat niet"
expect_in "a spreadsheet without either: ladder-full named too" "$OUT" "en ook geen ladder-full op die plaatsen"
expect_in "a spreadsheet without either: the store as it was" "$(sqlite3 a.db "SELECT count(*), coalesce(sum(persons), 0) FROM figure")" "$BEFORE"
t_finish
