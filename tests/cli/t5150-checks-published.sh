#!/usr/bin/env bash
# t5150-checks-published: a check finding is withheld from the public
# outputs only when a figure it names, or one derivable from what it states,
# is hidden (issue 11, defect 1). On the demo, West-Vlaanderen 2017 has five
# findings (the seed's inconsistencies: a total above its parts, a total
# that adds trajecten to persons, two claims that do not hold, two claims
# that conflict); none names a hidden figure, so
# each is shown whole, as `ladder check` words it, in /api/v1/checks, and so
# without the claims' ids in the dashboard page and the report. (That a finding naming a hidden figure
# stays withheld: tests/unit/test_check.c, redact_names_hidden.)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db

# what ladder check (not a public output: nothing withheld) says
"$LADDER" --db "$DB" check --area 30000 --year 2017 --format json >check.json || true
python3 - check.json >messages.txt <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
for f in j["findings"]:
    if f["area"] == "30000":
        print(f["message"])
PY
n=$(wc -l <messages.txt)
if [[ $n -eq 5 ]]; then t_ok; else t_fail "ladder check: expected the seed's 5 findings on 30000 in 2017, got $n" "$(cat check.json)"; fi

# the same for readers of a publication (report, dashboard): without the
# claims' ids (issue 11, defect 5; tests/cli/t0620-plain-words.sh)
python3 - messages.txt >public.txt <<'PY'
import re, sys
for m in open(sys.argv[1], encoding="utf-8").read().splitlines():
    m = re.sub(r"' \(([a-z0-9]+(?:-[a-z0-9]+)*)\): ", "': ", m)
    m = re.sub(r"' \([a-z0-9]+(?:-[a-z0-9]+)*: ", "' (", m)
    m = re.sub(r"; uitspraak [a-z0-9]+(?:-[a-z0-9]+)* zegt ", "; een andere uitspraak zegt ", m)
    m = re.sub(r"; zie ook .*$", "", m)
    print(m)
PY

# each message must appear whole in a public output; none may be withheld
expect_all() { # expect_all WHAT FILE [MESSAGES]
	local what=$1 file=$2 res
	res=$(python3 - "$file" "${3:-messages.txt}" <<'PY'
import html, re, sys
text = html.unescape(re.sub(r"<[^>]+>", "", open(sys.argv[1], encoding="utf-8").read()))
text = text.replace("\\u2019", "'")
for m in open(sys.argv[2], encoding="utf-8").read().splitlines():
    if m not in text and m not in open(sys.argv[1], encoding="utf-8").read():
        print("missing: " + m)
if "vertrouwelijk zijn (niet gepubliceerd)" in text:
    print("withheld: a finding says 'bevinding over cijfers waarvan sommige vertrouwelijk zijn'")
PY
)
	if [[ -z $res ]]; then t_ok; else t_fail "$what" "$res"; fi
}

run --db "$DB" report --area 30000 --year 2017 --out wvl.html
expect_rc "report" 0
expect_all "report: the seed's findings" wvl.html public.txt

serve_start "$DB"

curl -fsS "$BASE/area/30000?year=2017" >page.html || die "GET /area/30000 failed"
expect_all "dashboard: the seed's findings" page.html public.txt
curl -fsS "$BASE/api/v1/checks?area=30000&year=2017" >api.json || die "GET /api/v1/checks failed"
python3 - api.json >api.txt <<'PY'
import json, sys
for f in json.load(open(sys.argv[1], encoding="utf-8"))["findings"]:
    print(f["message"])
PY
expect_all "/api/v1/checks: the seed's findings" api.txt

serve_stop
t_finish
