#!/usr/bin/env bash
# t7500-profiles-import: deliveries in three suppliers' layouts (docs/sources.md)
# import through source profiles to the right figures, whoever wrote them:
# openpyxl (.xlsx, made now), libxlsxwriter (a small writer compiled now),
# LibreOffice (.ods and .xls, committed in tests/cli/deliveries) and a CSV
# file. (a) wide by municipality with a two-row merged header and a Totaal
# row, (b) long with municipality names (an old name, accents, hyphens,
# "Brugge (stad)") and Dutch numbers stored as text, (c) one column per
# year with footnotes below. Profiles are stored with their history
# (profiles import/list/show/export); every figure remembers its batch,
# file, sheet and cell; --dry-run prints the long form and writes nothing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip sqlite3 cc

"$PY" "$LADDER_REPO/tests/cli/profiles.py" good .
cc -o lxw "$LADDER_REPO/tests/cli/delivery_lxw.c" -lxlsxwriter || die "cannot build the libxlsxwriter writer"
./lxw years-lxw.xlsx
D=$LADDER_REPO/tests/cli/deliveries
figures() {
	sqlite3 "$1" "SELECT e.code, f.year, a.code, w.code, quote(f.persons), f.flag
		FROM figure f JOIN edition e ON e.id = f.edition JOIN area a ON a.id = f.area
		JOIN work_form w ON w.id = f.work_form ORDER BY 1, 2, 3, 4"
}
only() { grep -E "$1" expected.txt || true; }

# profiles in the store, with their history
DB=x.db
init_db "$DB"
run profiles import --db "$DB" wide.profile long.profile years.profile
expect_rc "profiles import" 0
expect_in "profiles import" "$OUT" "profiel vdab-maatwerk, versie 1 toegevoegd"
run profiles import --db "$DB" wide.profile
expect_in "the same text again" "$OUT" "profiel vdab-maatwerk ongewijzigd (versie 1)"
sed 's/^supplier .*/supplier      = "VDAB Studiedienst"/' wide.profile >wide2.profile
run profiles import --db "$DB" wide2.profile
expect_in "a changed text" "$OUT" "versie 2 toegevoegd"
run --lang en profiles list --db "$DB" --format csv
expect_in "profiles list" "$OUT" "vdab-maatwerk,2,VDAB Studiedienst"
expect_in "profiles list" "$OUT" "wse-lde,1,Departement WSE"
run profiles export --db "$DB" vdab-maatwerk --version 1
expect_rc "export --version 1" 0
expect_in "export --version 1 is the first text" "$(diff <(printf '%s\n' "$OUT") wide.profile && echo same)" same
run profiles show --db "$DB" vdab-maatwerk
expect_in "show gives the latest" "$OUT" "VDAB Studiedienst"
run profiles show --db "$DB" nosuch
expect_rc "show of an unknown profile" 2

# a dry run: the long form, nothing written
db_snapshot
run --lang en import --db "$DB" --profile vdab-maatwerk --dry-run wide.xlsx
expect_rc "dry run" 0
expect_in "dry run: long form" "$OUT" "2017,31005,maatwerkbedrijf,120,persons,2019,  # wide.xlsx:Gemeenten!B6 (column 'Maatwerkbedrijf / 2017')"
expect_in "dry run" "$OUT" "dry run: everything checked, nothing written"
expect_unchanged "dry run"

# (a), (b), (c) by stored name, and the same deliveries from other writers
run import --db "$DB" --profile vdab-maatwerk wide.xlsx
expect_rc "wide.xlsx" 0
run import --db "$DB" --profile wse-lde long.xlsx
expect_rc "long.xlsx" 0
run import --db "$DB" --profile arbeidszorg years.xlsx
expect_rc "years.xlsx" 0
expect_in "all three layouts: the right figures" "$(diff <(figures "$DB") expected.txt && echo same)" same
run import --db "$DB" --profile wse-lde long.csv
expect_in "long.csv: the same figures as long.xlsx" "$OUT" "niets gewijzigd: alle 5 rijen"

# provenance: batch (file, sheet, profile) and cell of a figure
expect_in "provenance" "$(sqlite3 "$DB" "SELECT b.file, b.sheet, b.profile, f.line, f.col FROM figure f
	JOIN batch b ON b.id = f.batch JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form
	WHERE a.code = '35013' AND w.code = 'lde' AND f.year = 2018")" "wide.xlsx|Gemeenten|vdab-maatwerk v2|7|5"

# a sheet by its number: the third of three, a hidden one counted
each() { # each PROFILE FILE PATTERN
	local db=w$RANDOM.db
	init_db "$db"
	run import --db "$db" --profile "$1" "$2"
	expect_rc "$2" 0
	expect_in "$2: the right figures" "$(diff <(figures "$db") <(only "$3") && echo same)" same
}
init_db n3.db
run import --db n3.db --profile wide-third.profile wide-third.xlsx
expect_rc "sheet = #3" 0
expect_in "sheet = #3: the right figures" "$(diff <(figures n3.db) <(only "^2019.*[|](maatwerkbedrijf|lde)[|]") && echo same)" same
expect_in "sheet = #3: the batch names the sheet read" "$(sqlite3 n3.db "SELECT sheet FROM batch")" Gemeenten

# the same tables by LibreOffice (.ods, .xls) and libxlsxwriter
each wide.profile "$D/wide.ods" "^2019.*[|](maatwerkbedrijf|lde)[|]"
each long.profile "$D/long.ods" "^2020[|]"
each years.profile "$D/years.xls" "arbeidszorg"
sed 's/^name .*/name = arbeidszorg\nsheet = "Arbeidszorg"/' years.profile >years-lxw.profile
each years-lxw.profile years-lxw.xlsx "arbeidszorg"

# a Totaal row that differs from its parts is said (and not imported)
"$PY" "$LADDER_REPO/tests/cli/profiles.py" bad .
init_db t.db
run --lang en import --db t.db --profile wide.profile total-mismatch.xlsx
expect_rc "total mismatch: imported" 0
expect_error_line "total mismatch: said" "total-mismatch.xlsx:Gemeenten!B9 (column 'Maatwerkbedrijf / 2017'): warning: the total row 'Totaal' gives 276, the rows above add up to 275"
expect_not_in "Totaal is not imported as a part" "$(figures t.db)" "|276|"
# ... and kept, with its cell, for ladder check to compare with the stored figures
run --lang en check --db t.db
expect_rc "check: a supplier's total that differs" 1
expect_in "check: the total row" "$OUT" "total-mismatch.xlsx:Gemeenten!B9: the delivery's total row 'Totaal' gives 276; the 3 stored figures of edition 2019 it adds up come to 275 (difference 1)"
expect_in "check: one finding of the rule" "$(grep -c supplier_total <<<"$OUT")" 1
run check --db t.db --format csv
expect_in "check: Dutch" "$OUT" "de totaalrij 'Totaal' van de levering geeft 276; de 3 opgeslagen cijfers van editie 2019"
# a delivery whose totals agree adds none; a later revision of a part does
cp wide.xlsx total-mismatch.xlsx
run import --db t.db --profile wide.profile total-mismatch.xlsx
expect_rc "the corrected delivery" 0
run --lang en check --db t.db
expect_not_in "check: the corrected delivery replaced its totals" "$OUT" "supplier_total"
printf 'year,area,work_form,persons,edition\n2017,31005,maatwerkbedrijf,121,2019\n' >revise.csv
run import --db t.db --replace revise.csv
expect_rc "a revision of a part" 0
run --lang en check --db t.db --format csv
expect_in "check: a revised part" "$OUT" "supplier_total,warning,30000,2017,\"total-mismatch.xlsx:Gemeenten!B9: the delivery's total row 'Totaal' gives 275; the 3 stored figures of edition 2019 it adds up come to 276 (difference -1)"
t_finish
