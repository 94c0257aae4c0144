#!/usr/bin/env bash
# t1510-import-spreadsheets-malformed: malformed spreadsheets are refused by
# `ladder import`: a non-zero exit status, the first error line naming the
# file, and the sheet and cell where there is one (file:Sheet!C17), and the
# database unchanged. Made by openpyxl, or put together with zipfile as a
# damaged or hostile file arrives (tests/cli/sheets.py bad). All or nothing
# also across files: a good spreadsheet beside a bad one writes nothing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip sqlite3

"$PY" "$LADDER_REPO/tests/cli/sheets.py" bad .
DB=x.db
reset_db() {
	init_db "$DB"
	printf 'year,area,work_form,persons,edition\n2016,30000,tat,3,2018\n' >first.csv
	"$LADDER" import --db "$DB" first.csv >/dev/null
}
reset_db
db_snapshot
N=0
refused() { # refused FILE FIRST-ERROR-LINE-START [MORE...]
	local f=$1
	shift
	N=$((N + 1))
	run --lang en import --db "$DB" "$f"
	expect_rc "$f" nonzero
	local l
	for l; do expect_error_line "$f" "$l"; done
	expect_in "$f: summary" "$ERR" "ladder: import refused:"
	expect_unchanged "$f"
}

refused text-in-number.xlsx "text-in-number.xlsx:Blad1!D2: column 'persons': expected a whole number"
refused decimal-persons.xlsx "decimal-persons.xlsx:Blad1!D2: column 'persons': expected a whole number of persons, got 1.309"
refused negative-persons.xlsx "negative-persons.xlsx:Blad1!D2: column 'persons': a number of persons cannot be negative"
refused formula-no-value.xlsx "formula-no-value.xlsx:Blad1!D2: formula =10+2 has no stored value"
refused formula-raw.xlsx "formula-raw.xlsx:Blad1!D2: formula =SUM(X1:X9) has no stored value"
refused error-value.xlsx "error-value.xlsx:Blad1!D2: the cell holds the error value #DIV/0!"
refused duplicate-key.xlsx "duplicate-key.xlsx:Blad1!D3: column 'persons': the same key (year, area, work_form, edition) is already"
refused unknown-label.xlsx "unknown-label.xlsx:Blad1!C2: column 'work_form': unknown work form 'foo'"
refused unknown-area.xlsx "unknown-area.xlsx:Blad1!B2: column 'area': unknown area '99999'"
refused year-out-of-range.xlsx "year-out-of-range.xlsx:Blad1!A2: column 'year': expected a year between 1990 and 2100, got '1989'"
refused unknown-header.xlsx "unknown-header.xlsx:Blad1!A1: header: expected the columns of a known kind"
refused unknown-column.xlsx "unknown-column.xlsx:Blad1!F1: header: unknown column 'extra'"
refused merged-cells.xlsx "merged-cells.xlsx:Blad1!C2:C3: merged cells"
refused control-character.xlsx "control-character.xlsx:Blad1!D2: column 'persons': control character U+0007 (BEL)"
refused empty-sheet.xlsx "empty-sheet.xlsx:Blad1: empty sheet: expected a header in row 1"
refused shared-string-index.xlsx "shared-string-index.xlsx:Blad1!D2: damaged sheet: shared string '7' does not exist"
refused huge-cell.xlsx "huge-cell.xlsx:Blad1!D2: a cell of more than 131072 bytes: refused"
refused column-beyond-limit.xlsx "column-beyond-limit.xlsx:Blad1!BZZ2: a value beyond column 1024"
refused not-xml.xlsx "not-xml.xlsx: damaged workbook: part xl/worksheets/sheet1.xml line 1"
refused doctype.xlsx "doctype.xlsx: damaged workbook: part xl/worksheets/sheet1.xml declares a DOCTYPE"
refused zip-bomb.xlsx "zip-bomb.xlsx: part xl/worksheets/sheet1.xml inflates more than 200 times its compressed size"
refused truncated.xlsx "truncated.xlsx: not a zip archive"
refused not-a-zip.xlsx "not-a-zip.xlsx: not a zip archive"
refused encrypted.xlsx "encrypted.xlsx: encrypted (password-protected) workbook"
refused encrypted.ods "encrypted.ods: encrypted (password-protected) workbook"
refused xlsx-named-ods.ods "xlsx-named-ods.ods: this is an .xlsx workbook: name it .xlsx"
refused zip-named-xls.xls "zip-named-xls.xls: this is a zip (.xlsx or .ods) workbook, not a legacy .xls"
((N >= 20)) || t_fail "only $N malformed spreadsheets"

# all or nothing across files: good.xlsx is fine alone
run --lang en import --db "$DB" good.xlsx encrypted.ods
expect_rc "good.xlsx + encrypted.ods" nonzero
expect_error_line "good + bad" "encrypted.ods: encrypted"
expect_unchanged "good.xlsx + encrypted.ods"
run --lang en import --db "$DB" good.xlsx
expect_rc "good.xlsx alone" 0
t_finish
