#!/usr/bin/env bash
# t7410-survey-browser: the providers' survey end to end (issue 17): the
# register imported, the round of 2017 opened, links listed, then in
# headless Chromium (tests/browser/survey.test.js, JavaScript off) one
# provider keeps a draft and sends later, one corrects what it sent and
# sends from two tabs, one does not answer; a fourth answers by spreadsheet
# (`survey templates`, filled in by openpyxl, `survey import`); `ladder
# survey status` is checked at each step. Then the round is closed into figures that `show`
# uses, the provider that did not answer reported, and the links refused. Screenshots and a printed copy go to
# build/screenshots/ (LADDER_SHOTS overrides).
#
# When /usr/bin/chromium, node or npm is missing: fails in CI (CI=true),
# else skipped (exit 77); scripts/install-deps.sh installs them.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/survey_web_lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
require_or_skip "$CHROMIUM" node npm
command -v curl >/dev/null || die "curl not found"
trap 'survey_stop; rm -rf "$T_TMP"' EXIT

BROWSER_DIR=$LADDER_REPO/tests/browser
SHOTS=${LADDER_SHOTS:-$LADDER_REPO/build/screenshots}
browser_deps

DB=$PWD/e2e.db
survey_db "$DB"
# last year's figure of Kortrijk's only site with that work form
printf 'year,area,work_form,persons\n2016,34022,arbeidszorg_ggz,12\n' >fig2016.csv
"$LADDER" import --db "$DB" --edition 2017 fig2016.csv >/dev/null || die "import of 2016 failed"
run survey links --db "$DB" --year 2017 --edition 2018 --format csv --base-url https://ladder.example.be
expect_in "links with --base-url" "$OUT" "https://ladder.example.be/survey/"
# those were new links: the old ones stopped working; take the new ones
printf '%s\n' "$OUT" >links.csv
links=$(awk -F, 'NR > 1 { sub("https://ladder.example.be", "", $NF); printf "%s\"%s\": \"%s\"", n++ ? ", " : "{", $1, $NF } END { print "}" }' links.csv)

survey_serve "$DB" --survey
mkdir -p "$SHOTS"
rc=0
LADDER_URL=$SBASE LADDER_DB=$DB LINKS=$links LADDER=$LADDER CHROMIUM=$CHROMIUM SHOT_DIR=$SHOTS \
	timeout 120 node "$BROWSER_DIR/survey.test.js" >browser.log 2>&1 || rc=$?
cat browser.log
kill -0 "$SPID" 2>/dev/null || t_fail "the server died during the browser test" "$(cat "$T_TMP/sserve.err")"
summary=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' browser.log | tail -1)
if [[ $rc -eq 0 && -n $summary ]]; then
	T_PASS=$((T_PASS + $(sed -E 's/^browser: ([0-9]+) passed.*/\1/' <<<"$summary")))
else
	t_fail "tests/browser/survey.test.js: exit $rc (${summary:-no summary})" "screenshots: $SHOTS"
fi

# the fourth provider answers by spreadsheet: its template, filled in,
# read back with the form's checks
status_of() { "$LADDER" survey status --db "$DB" --format json |
	sed -n 's/.*"provider": "\([^"]*\)".*"status": "\([^"]*\)".*/\1=\2/p' | paste -sd' '; }
expect_in "status before the spreadsheet" " $(status_of) " " azi-oostende=not_opened "
run survey templates --db "$DB" --out tpl
expect_rc "survey templates" 0
"$PY" - tpl/azi-oostende.xlsx oostende.xlsx <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2):
    row[head.index("persons")].value = 9
wb.save(sys.argv[2])
PY
run survey import --db "$DB" oostende.xlsx
expect_rc "survey import of a filled-in template" 0
expect_in "status after the spreadsheet" " $(status_of) " " azi-oostende=answered "
expect_in "the browser's answers stand beside it" " $(status_of) " " azi-brugge=answered "

# the round closed: the answers become figures that `show` uses; who did
# not answer is reported, not counted; the links answer 410
run survey close --db "$DB" --year 2017 --edition 2018
expect_rc "survey close" 0
expect_in "who did not answer is reported" "$ERR" "azi-ieper"
run show --db "$DB" --area 31005 --year 2017 --edition 2018 --format json
brugge=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s=%s" % (w["code"], w["persons"]) for w in d["work_forms"] if w["persons"]))' <<<"$OUT")
expect_in "Brugge's figures: the final answer of azi-brugge" " $brugge " " arbeidszorg_ggz=10 "
expect_in "Brugge's figures: the final answer of azi-brugge" " $brugge " " arbeidszorg_vaph=5 "
expect_in "Brugge's figures: the final answer of azi-brugge" " $brugge " " arbeidszorg_se=7 "
run show --db "$DB" --area 34022 --year 2017 --edition 2018 --format json
kortrijk=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s=%s" % (w["code"], w["persons"]) for w in d["work_forms"] if w["persons"]))' <<<"$OUT")
expect_in "Kortrijk's figure: the last version of azi-kortrijk" " $kortrijk " " arbeidszorg_ggz=16 "
run show --db "$DB" --area 35013 --year 2017 --edition 2018 --format json
oostende=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join("%s=%s" % (w["code"], w["persons"]) for w in d["work_forms"] if w["persons"]))' <<<"$OUT")
expect_in "Oostende's figure: the spreadsheet's answer" " $oostende " " arbeidszorg_ggz=9 "
code=$(curl -s -o /dev/null -w '%{http_code}' "$SBASE$(awk -F, '$1 == "azi-brugge" { sub("https://ladder.example.be", "", $NF); print $NF }' links.csv)")
[[ $code == 410 ]] && t_ok || t_fail "a link of the closed round: HTTP $code, expected 410"
t_finish
