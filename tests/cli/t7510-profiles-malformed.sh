#!/usr/bin/env bash
# t7510-profiles-malformed: deliveries and profiles that do not fit are
# refused through `ladder import --profile`: a non-zero exit status, the
# error naming the file, the sheet and the cell (and the column's header)
# or the profile's line and column, what was expected, and the database
# unchanged. All or nothing across files. The deliveries are the layouts of
# t7500 spoilt one way each (tests/cli/profiles.py bad).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip sqlite3

"$PY" "$LADDER_REPO/tests/cli/profiles.py" good .
"$PY" "$LADDER_REPO/tests/cli/profiles.py" bad .
DB=x.db
init_db "$DB"
run import --db "$DB" --profile years.profile years.xlsx
expect_rc "a first delivery" 0
db_snapshot
N=0
refused() { # refused PROFILE FILE FIRST-ERROR-LINE-START
	N=$((N + 1))
	# shellcheck disable=SC2086 # FILE may be two files
	run --lang en import --db "$DB" --profile "$1" $2
	expect_rc "$2" nonzero
	expect_error_line "$2 ($1)" "$3"
	expect_unchanged "$2 ($1)"
}
W=wide.profile
refused $W bad-text-in-number.xlsx "bad-text-in-number.xlsx:Gemeenten!C7 (column 'Maatwerkbedrijf / 2018'): column 'persons': expected a whole number"
refused $W bad-formula.xlsx "bad-formula.xlsx:Gemeenten!B6: formula =100+20 has no stored value"
refused $W bad-duplicate-column.xlsx "bad-duplicate-column.xlsx:Gemeenten!C5 (column 'Maatwerkbedrijf / 2017'): ambiguous header: this column and column B both read"
refused $W bad-ambiguous-merge.xlsx "bad-ambiguous-merge.xlsx:Gemeenten!B5 (column 'Maatwerkbedrijf'): empty header cell: expected the year"
expect_in "ambiguous merge: the merge said" "$ERR" "(a merged cell spans them)"
refused $W bad-duplicate-key.xlsx "bad-duplicate-key.xlsx:Gemeenten!B8 (column 'Maatwerkbedrijf / 2017'): column 'persons': the same key (year, area, work_form, edition) is already in cell bad-duplicate-key.xlsx:Gemeenten!B7"
refused $W bad-unknown-form.xlsx "bad-unknown-form.xlsx:Gemeenten!D4 (column 'Wijkwerking / 2017'): unknown work form 'Wijkwerking'"
refused $W bad-unknown-area.xlsx "bad-unknown-area.xlsx:Gemeenten!A7 (column 'Gemeente'): unknown area 'Atlantis'"
refused $W bad-missing-sheet.xlsx "bad-missing-sheet.xlsx: no sheet 'Gemeenten' in the workbook"
sed 's/^sheet .*/sheet = #4/' $W >bad-sheet-number.profile
refused bad-sheet-number.profile wide-third.xlsx "wide-third.xlsx: no sheet #4: the workbook has 3: 'Toelichting', 'Provincies', 'Gemeenten'"
cp "$LADDER_REPO/tests/cli/deliveries/wide.ods" .
refused bad-sheet-number.profile wide.ods "wide.ods: no sheet #4: the workbook has 1: 'Gemeenten'"
refused $W bad-missing-column.xlsx "bad-missing-column.xlsx:Gemeenten: wide.profile:10:17: no column has the header 'Gemeente' in rows 4..5"
refused $W bad-empty-header.xlsx "bad-empty-header.xlsx:Gemeenten!B5 (column 'Maatwerkbedrijf'): empty header cell: expected the year"
refused $W bad-negative.xlsx "bad-negative.xlsx:Gemeenten!B6 (column 'Maatwerkbedrijf / 2017'): column 'persons': a number of persons cannot be negative"
refused $W bad-fraction.xlsx "bad-fraction.xlsx:Gemeenten!B6 (column 'Maatwerkbedrijf / 2017'): column 'persons': expected a whole number of persons, got 12.5"
refused $W bad-year.xlsx "bad-year.xlsx:Gemeenten!D5 (column 'Lokale diensteneconomie / 1985'): expected a year (1990 to 2100), got '1985'"
L=long.profile
refused $L bad-merged-area.xlsx "bad-merged-area.xlsx:Blad1!A3 (column 'Gemeente'): column 'area': area '44049' is not on the map of 2019: 44049 Nevele is part of 44083 Deinze since 2019-01-01"
refused $L bad-dutch-number.xlsx "bad-dutch-number.xlsx:Blad1!D2 (column 'Aantal'): column 'persons': expected a whole number"
refused $L bad-long-duplicate.xlsx "bad-long-duplicate.xlsx:Blad1!D6 (column 'Aantal'): column 'persons': the same key"
refused bad-unit.profile years.xlsx "years.xlsx:Blad1!B4 (column '2016'): column 'unit': 'doorstroom_arbeidszorg' counts trajectories, this figure says persons"
refused bad-map.profile wide.xlsx "wide.xlsx:Gemeenten: bad-map.profile:16:1: [work_forms] maps 'Lokale diensteneconomie' to 'lokale_de': no such work form"
refused bad-months.profile long.xlsx "bad-months.profile:11:16: the delivery gives months: expected 'month = december' or 'month = average'"
refused bad-syntax.profile wide.xlsx "bad-syntax.profile:8:17: expected a layout: long or wide, got 'diagonal'"
refused months.profile months.xlsx "months.xlsx:Sheet!B3 (column 'januari'): no December value for year 2018, area 34022, lde"
refused nosuch-profile wide.xlsx "ladder: no profile 'nosuch-profile'"
# Dutch by default: the profile import words its refusals as the importer does
run import --db "$DB" --profile $W bad-unknown-area.xlsx
expect_error_line "Dutch: unknown area" "bad-unknown-area.xlsx:Gemeenten!A7 (kolom 'Gemeente'): onbekend: gebied 'Atlantis'; verwacht een label uit [areas]"
run import --db "$DB" --profile bad-sheet-number.profile wide-third.xlsx
expect_error_line "Dutch: no such sheet" "wide-third.xlsx: geen blad #4: de werkmap heeft er 3: 'Toelichting', 'Provincies', 'Gemeenten'"
run import --db "$DB" --profile $W bad-duplicate-column.xlsx
expect_error_line "Dutch: ambiguous header" "bad-duplicate-column.xlsx:Gemeenten!C5 (kolom 'Maatwerkbedrijf / 2017'): dubbelzinnige kop: deze kolom en kolom B lezen allebei"
run import --db "$DB" --profile bad-syntax.profile wide.xlsx
expect_error_line "Dutch: the profile's syntax" "bad-syntax.profile:8:17: verwacht een schikking: long of wide, kreeg 'diagonal'"
run import --db "$DB" --profile nosuch-profile wide.xlsx
expect_error_line "Dutch: no such profile" "ladder: geen profiel 'nosuch-profile'"
# a fixed area that names nothing: the model's words in Dutch too
sed 's/^column area *= A/fixed area = "Atlantis"/' years.profile >fixed-area.profile
run import --db "$DB" --profile fixed-area.profile years.xlsx
expect_error_line "Dutch: unknown fixed area" "years.xlsx:Blad1: fixed-area.profile:8:14: vast gebied: geen gebied heet 'Atlantis' (verwacht: een NIS-code of een naam uit 'ladder areas list')"
run --lang en import --db "$DB" --profile fixed-area.profile years.xlsx
expect_error_line "English: unknown fixed area" "years.xlsx:Blad1: fixed-area.profile:8:14: fixed area: no area is called 'Atlantis' (expected a NIS code or a name from 'ladder areas list')"
# a profile file that cannot be read, why in the user's language
run import --db "$DB" --profile ./no-such.profile years.xlsx
expect_error_line "Dutch: unreadable profile" "ladder: ./no-such.profile: kan het profiel niet lezen: bestand of map bestaat niet"
mkdir -p a-dir.profile
run --lang en import --db "$DB" --profile a-dir.profile years.xlsx
expect_error_line "English: a directory as profile" "ladder: a-dir.profile: cannot read the profile: Is a directory"
expect_unchanged "Dutch refusals"
# all or nothing across files: a good delivery beside a bad one
refused $W "wide.xlsx bad-formula.xlsx" "bad-formula.xlsx:Gemeenten!B6: formula =100+20 has no stored value"
# a dry run lists every label it cannot match
run --lang en import --db "$DB" --profile $W --dry-run bad-unknown-area.xlsx
expect_rc "dry run, unknown label" nonzero
expect_in "dry run lists the unmatched label" "$OUT" "# unmatched area: 'Atlantis' (bad-unknown-area.xlsx:Gemeenten!A7 (column 'Gemeente'))"
expect_unchanged "dry run"
[[ $N -ge 20 ]] || die "only $N malformed cases"
t_finish
