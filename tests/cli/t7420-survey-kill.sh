#!/usr/bin/env bash
# t7420-survey-kill: durability of the survey form (issue 17, item 5). 100
# answers of one provider are sent at once (100 connections on 127.0.0.2-5)
# and the server is killed with SIGKILL once a tenth of them are
# acknowledged. Then every acknowledged answer is in the database as the
# version its receipt named, with the values it sent; no version is
# half-written (each holds every field); versions run 1..n without a gap;
# PRAGMA integrity_check is ok; and a server started again serves the form
# with the last version as the current one. tests/cli/survey_http.py does
# the sending and the checks of the rows.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/survey_web_lib.sh"
command -v curl >/dev/null || die "curl not found"
command -v sqlite3 >/dev/null || die "sqlite3 not found"
command -v python3 >/dev/null || die "python3 not found"
trap 'survey_stop; rm -rf "$T_TMP"' EXIT

DB=$PWD/k.db
survey_db "$DB"
A=$(link azi-brugge)
survey_serve "$DB" --survey --threads 4

out=$(timeout 120 python3 "$LADDER_REPO/tests/cli/survey_http.py" storm "$SBASE" "$A" 100 "$SPID" "$DB" 2>&1) && rc=0 || rc=$?
wait "$SPID" 2>/dev/null || true
SPID=""
echo "$out" | sed 's/^/t7420: /'
if [[ $rc -eq 0 ]]; then t_ok; else t_fail "acknowledged answers lost or half-written (exit $rc)" "$out"; fi
acked=$(awk '$1 == "acknowledged" { print $2 }' <<<"$out")
((${acked:-0} >= 10)) && t_ok || t_fail "fewer than 10 answers acknowledged before the kill" "$out"
((${acked:-0} < 100)) && t_ok || t_fail "the kill came after every answer: nothing was in flight" "$out"

integrity=$(sqlite3 "$DB" 'PRAGMA integrity_check')
[[ $integrity == ok ]] && t_ok || t_fail "integrity_check after the kill" "$integrity"
fk=$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | head -5)
[[ -z $fk ]] && t_ok || t_fail "foreign_key_check after the kill" "$fk"

# started again: the form shows the last version as the current one
last=$(sqlite3 "$DB" "SELECT max(version) FROM survey_submission")
survey_serve "$DB" --survey
page=$(curl -s "$SBASE$A")
expect_in "the form after the restart" "$page" "name=\"based_on\" value=\"$last\""
t_finish
