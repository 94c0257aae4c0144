#!/usr/bin/env bash
# t7550-profiles-draft: `ladder profiles draft` on deliveries in issue 13's
# three layouts, written by openpyxl (tests/cli/deliveries.py): wide by
# municipality with a two-row merged header, a Totaal row and column and
# footnotes; long with municipality names (an old one, of before the 2019
# merger) and Dutch numbers stored as text; one column per year with NIS
# codes, the work form in the title and footnotes right under the table.
# Each draft is complete (exit 0, nothing on stderr but notes), says
# what the delivery's layout is, and imports the delivery's figures as
# they are without an edit.
# A fourth delivery leaves things undecided: exit 1, and stderr names each
# with its cell, in Dutch, or English with --lang en.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip sqlite3

"$PY" "$LADDER_REPO/tests/cli/deliveries.py" .

init_db ref.db
for d in wide long years; do
	run profiles draft --db ref.db "$d.xlsx"
	expect_rc "$d: draft" 0
	printf '%s\n' "$OUT" >"$d.profile"
	expect_not_in "$d: nothing undecided" "$ERR" "onbeslist"
done

# the round trip of issue 13: draft > p.profile && import --profile p.profile
# gives the figures the delivery holds (deliveries.py wrote them to NAME.want)
for d in wide long years; do
	cp ref.db "$d.db"
	run import --db "$d.db" --profile "$d.profile" --edition 2025 "$d.xlsx"
	expect_rc "$d: import --profile of the draft" 0
	got=$(sqlite3 "$d.db" "SELECT f.year || '|' || a.code || '|' || w.code || '|' ||
		CASE WHEN f.persons IS NULL THEN 'NULL|' || f.flag ELSE f.persons END
		FROM figure f JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form" | sort)
	expect_same "$d: the figures of the delivery" "$got" "$(sort "$d.want")"
done

# what the drafts decided, as the profile says it
expect_in "wide: header" "$(cat wide.profile)" "header = 4..5"
expect_in "wide: header rows" "$(cat wide.profile)" "columns = work_form, year"
expect_in "wide: total row" "$(cat wide.profile)" 'total row = "Totaal"'
expect_in "wide: total column" "$(cat wide.profile)" 'total column = "Totaal"'
expect_in "wide: (stad)" "$(cat wide.profile)" '"Brugge (stad)" = 31005'
expect_in "long: layout" "$(cat long.profile)" "layout = long"
expect_in "long: Dutch numbers" "$(cat long.profile)" "numbers = nl"
expect_in "long: old name" "$(cat long.profile)" '"Nevele" = 44049'
expect_in "years: work form from the title" "$(cat years.profile)" "fixed work_form = lde"
run profiles draft --db ref.db long.xlsx
expect_error_line "long: the old name is said" "long.xlsx:Blad1!B5: 'Nevele' is een oude naam"

# undecided: no year, an unknown area and work form, text in a figure cell
run profiles draft --db ref.db unclear.xlsx
expect_rc "unclear: draft" 1
expect_error_line "no year" "unclear.xlsx: onbeslist: geen kolom, kopregel of titel geeft het jaar"
expect_error_line "unknown area" "unclear.xlsx:Data!A5: onbeslist: 'Atlantis' is geen gebied"
expect_error_line "unknown work form" "unclear.xlsx:Data!B3: onbeslist: 'Jobcoaching' is geen werkvorm"
expect_error_line "text in a figure cell" "unclear.xlsx:Data!B6: onbeslist: 'zie noot' in een cel met cijfers"
expect_error_line "summary" "onbesliste punten (hierboven): 4;"
expect_in "unclear: marked in the draft" "$OUT" '# "Atlantis" = ?'
run --lang en profiles draft --db ref.db unclear.xlsx
expect_error_line "english" "unclear.xlsx:Data!A5: undecided: 'Atlantis' is no area"

# a CSV delivery: no sheet; --sheet only for spreadsheets
printf 'Jaar;Gemeente;Werkvorm;Aantal\n2024;Brugge;LDE;"1.204"\n2024;Ieper;PWA;12\n' >lde.csv
run profiles draft --db ref.db lde.csv
expect_rc "csv draft" 0
expect_not_in "csv: no sheet" "$OUT" "sheet ="
run profiles draft --db ref.db lde.csv --sheet Blad1
expect_rc "--sheet on a csv" 64
run profiles draft --db ref.db wide.xlsx --sheet Nergens
expect_rc "unknown sheet" 2
t_finish
