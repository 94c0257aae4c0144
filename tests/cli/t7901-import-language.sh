#!/usr/bin/env bash
# t7901-import-language: the importer's diagnostics come from the catalogue
# (po/nl.po): Dutch by default, English with --lang en (before or after the
# command), the position FILE:LINE:COLUMN first in both; a number refused
# says why in the same language (once: English whatever --lang said, behind
# a Dutch summary).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=x.db
init_db "$DB"
printf 'year,area,work_form,persons\n1989,30000,tat,5\n2017,30000,tat,\"1,5\"\n2017,99999,tat,5\n' >bad.csv

run import --db "$DB" bad.csv
expect_rc "Dutch: refused" nonzero
expect_error_line "Dutch: the year" "bad.csv:2:1: kolom 'year': verwacht een jaar tussen 1990 en 2100, gekregen '1989'"
expect_error_line "Dutch: the number" "bad.csv:3:16: kolom 'persons': verwacht een geheel getal; ',' is dubbelzinnig in een aantal"
expect_error_line "Dutch: the area" "bad.csv:4:6: kolom 'area': onbekend gebied '99999' (verwacht een NIS-code"
expect_not_in "Dutch: no English" "$ERR" "expected"

for lang in "--lang en import" "import --lang en"; do
	# shellcheck disable=SC2086
	run $lang --db "$DB" bad.csv
	expect_rc "$lang: refused" nonzero
	expect_error_line "$lang: the year" "bad.csv:2:1: column 'year': expected a year between 1990 and 2100, got '1989'"
	expect_error_line "$lang: the number" "bad.csv:3:16: column 'persons': expected a whole number; ',' is ambiguous in a count"
	expect_error_line "$lang: the area" "bad.csv:4:6: column 'area': unknown area '99999' (expected a NIS code"
	expect_not_in "$lang: no Dutch" "$ERR" "verwacht"
done

# the header and the refusal of a kind, through another command
printf 'year,area,work_form,persons\n2017,30000,tat,5\n' >figures.csv
run areas import --db "$DB" figures.csv
expect_error_line "Dutch: header" "figures.csv:1:1: kopregel: dit is een bestand van soort figures; verwacht een bestand van soort"
run areas import --lang en --db "$DB" figures.csv
expect_error_line "English: header" "figures.csv:1:1: header: this is a figures file; expected a"

t_finish
