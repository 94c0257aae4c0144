#!/usr/bin/env bash
# t4300-report-no-dots: a sentence whose figure is unknown is rewritten or
# left out, never filled with "." (issue 11, defect 2: the Brugge report
# printed ". loontrekkenden in Brugge; trede 6 ... telt . personen"). Tables
# keep "." for unknown, as the legend explains; running text (paragraphs,
# bullets, notes) must not. Checked on the demo's report and dashboard page
# of areas without wage employees (Brugge, arrondissement and municipality)
# and of West-Vlaanderen, in Dutch and English.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db

# no_dots WHAT FILE : prints the sentences of FILE's running text that
# quote "." as a figure
no_dots() {
	local res
	res=$(python3 - "$2" <<'PY'
import html, re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
doc = re.sub(r"(?s)<(table|svg|style|script|select)\b.*?</\1>", " ", doc)
found = []
# the labels of key figures (<div class="l">, report and page alike);
# their values are figures, like a table's cells
for m in re.finditer(r"(?s)<(p|li|figcaption|caption|span|div(?= class=\"l\"))\b[^>]*>(.*?)</\1>", doc):
    text = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
    # "." alone where a figure goes; the legend's ". = unknown" explains it
    if re.search(r"(^|[\s(:])\.(?=[\s,;).]|$)(?!\s*=)", text):
        found.append(text.strip())
print("\n".join(sorted(set(found))))
PY
)
	if [[ -z $res ]]; then t_ok; else t_fail "$1: a sentence prints '.' for an unknown figure" "$res"; fi
}

for area in 31000 31005 30000; do
	for lang in nl en; do
		run --db "$DB" report --area "$area" --year 2017 --lang "$lang" --out "r-$area-$lang.html"
		expect_rc "report $area $lang" 0
		no_dots "report $area ($lang)" "r-$area-$lang.html"
	done
done

serve_start "$DB"
for area in 31000 31005 30000; do
	for lang in nl en; do
		curl -fsS "$BASE/area/$area?year=2017&lang=$lang" >"p-$area-$lang.html" || die "GET /area/$area failed"
		no_dots "dashboard $area ($lang)" "p-$area-$lang.html"
	done
done
serve_stop
t_finish
