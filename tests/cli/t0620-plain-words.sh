#!/usr/bin/env bash
# t0620-plain-words: what readers see says things in their words, not the
# program's (issue 11, defect 5). On the demo, in the report (HTML), the
# dashboard pages (ladder serve), the open data (ladder publish) and the
# message of ladder publish, Dutch and English:
#   - the checks show no rule codes ("(parts_total)", "(claim)") and no
#     claim ids;
#   - comparisons never have two rows of the same name: the arrondissement
#     Brugge beside the municipality Brugge is "Arrondissement Brugge";
#   - the report's cover names the area, never "provincie 30000" or
#     "regio wvl-westhoek";
#   - no "seed", "docs/demo.md", indicator codes such as wage_employees, or
#     "Seed: ..." in the notes;
#   - a gap in percentage points is "nog 1,6 procentpunt", not "1,6 %
#     procentpunt"; publish says "1 gebied", never "gebied(en)".
# slow: half a minute (every page and output read for jargon); run-cli.sh starts it first
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db

# the claims' ids and the checks' rule codes: words of the program
"$LADDER" --db "$DB" check --area 30000 --year 2017 --format json >check.json || true
python3 - check.json "$LADDER_REPO/data/demo/claims.csv" "$LADDER_REPO/po/nl.po" >internal.txt <<'PY'
import json, sys
rules = {f["rule"] for f in json.load(open(sys.argv[1], encoding="utf-8"))["findings"]}
ids = [l.split(";")[0] for l in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:] if l]
words = open(sys.argv[3], encoding="utf-8").read()
for r in sorted(rules):
    print("(" + r + ")")
for i in ids:
    # "headline" and "long-term" are words too (the catalogue uses them);
    # "rung5-wage-share" is not
    if "-" in i and i not in words:
        print(i)
PY
[[ -s internal.txt ]] || die "no rule codes or claim ids found in check.json"

# no_jargon WHAT FILE : FILE's text (tags and scripts stripped) holds none
# of the program's words
no_jargon() {
	local res
	res=$(python3 - "$2" internal.txt <<'PY'
import html, re, sys
doc = open(sys.argv[1], encoding="utf-8", errors="replace").read()
doc = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", doc)
text = html.unescape(re.sub(r"<[^>]+>", " ", doc))
bad = [w for w in open(sys.argv[2], encoding="utf-8").read().splitlines() if w in text]
for w in ["seed", "Seed", "docs/demo.md", "wage_employees", "population_18_64", "employment_rate", "% procentpunt",
          "% percentage point", "gebied(en)", "area(s)"]:
    if w in text:
        bad.append(w)
# a level word followed by a code: "provincie 30000", "regio wvl-westhoek"
# (the dashboard's header names the code: "provincie · NIS-code 30000")
for m in re.finditer(r"\b(?i:gewest|provincie|arrondissement|gemeente|regio|region|province|municipality|grouping)"
                     r" ([0-9]{5}|[a-z]+-[a-z-]+)\b", text):
    bad.append(m.group(0))
print("\n".join(sorted(set(bad))))
PY
)
	if [[ -z $res ]]; then t_ok; else t_fail "$1: the program's words in reader's text" "$res"; fi
}

# one_name WHAT FILE : no table of FILE has two rows of the same name
one_name() {
	local res
	res=$(python3 - "$2" <<'PY'
import html, re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
for t in re.findall(r"(?s)<tbody>(.*?)</tbody>", doc):
    names = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"(?s)<tr>\s*<t[hd][^>]*>(.*?)</t[hd]>", t)]
    dup = sorted({n for n in names if n and names.count(n) > 1})
    if dup:
        print("rows named twice: " + ", ".join(dup))
PY
)
	if [[ -z $res ]]; then t_ok; else t_fail "$1" "$res"; fi
}

for lang in nl en; do
	for area in 30000 31005 wvl-brugge; do
		run --db "$DB" report --area "$area" --year 2017 --lang "$lang" --out "r-$area-$lang.html"
		expect_rc "report $area $lang" 0
		no_jargon "report $area ($lang)" "r-$area-$lang.html"
		one_name "report $area ($lang)" "r-$area-$lang.html"
	done
done
# the names the comparisons and the cover use
expect_in "report 31005: the arrondissement by its level" "$(cat r-31005-nl.html)" "Arrondissement Brugge"
expect_in "report 30000: the cover names the province" "$(cat r-30000-nl.html)" "Provincie West-Vlaanderen"
expect_in "report 30000: percentage points" "$(cat r-30000-nl.html)" "nog 1,6 procentpunt"
expect_in "report 30000: percentage points (en)" "$(cat r-30000-en.html)" "1.6 percentage points"
# a target already reached is said so: never "nog -2,2 procentpunt" or a
# negative number of extra people at work (Brugge above the target here)
printf 'year,area,indicator,value,edition\n2017,31005,employment_rate,78.2,2018\n2017,31005,population_18_64,70000,2018\n' >above.csv
run --db "$DB" import above.csv --replace
expect_rc "import of a rate above the target" 0
run --db "$DB" report --area 31005 --year 2017 --out above.html
expect_in "report: target exceeded" "$(cat above.html)" "in 2020, 2,2 procentpunt daarboven (1.540 werkenden meer dan het streefdoel vraagt)"
run --db "$DB" report --area 31005 --year 2017 --lang en --out above-en.html
expect_in "report: target exceeded (en)" "$(cat above-en.html)" "exceeded by 2.2 percentage points (1,540 more people at work than the target needs)"

serve_start "$DB"
for lang in nl en; do
	for area in 30000 31000 31005 wvl-brugge; do
		curl -fsS "$BASE/area/$area?year=2017&lang=$lang" >"p-$area-$lang.html" || die "GET /area/$area failed"
		no_jargon "dashboard $area ($lang)" "p-$area-$lang.html"
		one_name "dashboard $area ($lang)" "p-$area-$lang.html"
	done
done
expect_in "dashboard 31005: the arrondissement by its level" "$(cat p-31005-nl.html)" "Arrondissement Brugge"
expect_in "dashboard 31005: the arrondissement by its level (en)" "$(cat p-31005-en.html)" "Arrondissement of Bruges"
expect_in "dashboard 31005: people beyond the target" "$(cat p-31005-nl.html)" "Werkenden boven het streefdoel"
expect_not_in "dashboard 31005: no negative need" "$(cat p-31005-nl.html)" "-1.540"
serve_stop

# the open data and publish's own words
run --db "$DB" publish --area 30000 --year 2017 --out pub
expect_rc "publish" 0
expect_in "publish: one area" "$OUT" "1 gebied voor 2017"
for f in pub/*.csv pub/*.json; do
	no_jargon "open data $(basename "$f")" "$f"
done

t_finish
