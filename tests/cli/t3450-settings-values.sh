#!/usr/bin/env bash
# t3450-settings-values: `ladder settings set` takes a count as plain digits
# only; blanks, signs, "-0", hex, exponents and more than 1 000 000 are
# refused (strtol once let " 5" and "+5" through) and change nothing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=x.db
reset_db() { init_db "$DB"; }
reset_db
db_snapshot
K=disclosure.threshold.municipality
for v in ' 5' '+5' '5 ' '-0' '0x10' '1e3' '1000001' '' '٣'; do
	run --db "$DB" settings set "$K" "$v"
	expect_rc "value '$v'" nonzero
	expect_error_line "value '$v'" "ladder: $K: verwacht een geheel aantal personen >= 0, niet '$v'"
	expect_unchanged "value '$v'"
done
# the same refusal in English on request
run --db "$DB" --lang en settings set "$K" 5x
expect_error_line "value '5x' in English" "ladder: $K: expected a whole number of persons >= 0, got '5x'"
run --db "$DB" --lang en settings set disclosure.threshold.planet 3
expect_in "unknown key in English" "$ERR" "unknown setting 'disclosure.threshold.planet'"
run --db "$DB" settings set disclosure.keep_previous ' 1'
expect_rc "keep_previous ' 1'" nonzero
expect_unchanged "keep_previous ' 1'"
for v in 0 1000000 007; do
	run --db "$DB" settings set "$K" "$v"
	expect_rc "value '$v'" 0
	expect_in "value '$v' stored" "$(sqlite3 "$DB" "SELECT value FROM setting WHERE key = '$K'")" "$v"
done
t_finish
