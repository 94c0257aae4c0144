#!/usr/bin/env bash
# t0220-store-failure: a store that fails reaches the user as a failure
# (issue 10, part 5), never as "absent", an empty list or a section left
# out. Each case breaks a copy of the demo database with sqlite3 (a table
# dropped) and expects exit status 2, the store's message naming the table,
# and no output file:
#   - report: the editions table of the sources section reads the batches
#     (once written without it, exit 0);
#   - export xlsx: the context sheet (once written empty);
#   - batches list, editions list;
#   - a store whose rungs cannot be read is not "not initialised: run
#     ladder init" (once said so);
#   - serve: a request whose store generation cannot be read is answered
#     503 (once the server reloaded the model and answered 200).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip sqlite3 curl

run demo --db demo.db
expect_rc "demo" 0

# broken COPY TABLE : COPY is demo.db without TABLE (foreign keys off: the
# figures refer to their batch)
broken() {
	cp demo.db "$1"
	sqlite3 "$1" "PRAGMA foreign_keys = OFF; DROP TABLE $2;"
}

run report --db demo.db --area 30000 --year 2017 --out ok.html
expect_rc "report on the whole store" 0

broken nobatch.db batch
run report --db nobatch.db --area 30000 --year 2017 --out bad.html
expect_rc "report without batches" 2
expect_in "report without batches: the store's message" "$ERR" "no such table: batch"
expect_in "report without batches: a database error, in Dutch" "$ERR" "databankfout ("
[[ ! -e bad.html ]] && t_ok || t_fail "report without batches: bad.html written"
run batches list --db nobatch.db
expect_rc "batches list without batches" 2
expect_in "batches list: the store's message" "$ERR" "batch"

broken nocontext.db context
run export xlsx --db nocontext.db --year 2017 --out bad.xlsx
expect_rc "annex without context figures" 2
expect_in "annex without context figures: the store's message" "$ERR" "no such table: context"
[[ ! -e bad.xlsx ]] && t_ok || t_fail "annex without context figures: bad.xlsx written"

broken nofigure.db figure
run editions list --db nofigure.db
expect_rc "editions list without figures" 2
expect_in "editions list: the store's message" "$ERR" "no such table: figure"

broken norung.db rung
run show --db norung.db --area 30000 --year 2017
expect_rc "show without rungs" 2
expect_in "show without rungs: the store's message" "$ERR" "no such table: rung"
expect_not_in "show without rungs: not 'not initialised'" "$ERR" "not initialised"

cp demo.db served.db
serve_start served.db
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/editions")
[[ $code == 200 ]] && t_ok || t_fail "serve: editions before the break answered $code"
sqlite3 served.db "DROP TABLE generation;"
code=$(curl -s -o body -w '%{http_code}' "$BASE/api/v1/editions")
[[ $code == 503 ]] && t_ok || t_fail "serve: a store whose generation cannot be read answered $code, expected 503" "$(cat body)"
expect_in "serve: the store's message" "$(cat body)" "generation"
serve_stop

t_finish
