#!/usr/bin/env bash
# t7950-serve-table: a table of your own (issue 11): /api/v1/table and
# /table on the demo. Tables with areas in the rows and years in the
# columns, and work forms in the rows and areas in the columns, hold what
# `ladder show --format json` holds; a hidden count (starterslabo in 31003,
# 2017) is null and "confidential", with its share; the downloads are what
# they say (xlsx, a Belgian CSV with BOM, ';' and decimal commas,
# JSON-stat 2.0 with roles, units, the edition and the area tree as the
# open data's), the xlsx with the CSV's flag marks (s) beside the values,
# the page's change on the year before with its mark; refusals name the
# parameter (400), a year without figures is 404 with the nearest, a table
# over the bound is refused. Then tests/browser/table.test.js drives the
# page in headless Chromium without JavaScript (labels, keyboard, values
# against the API, 390 px). Chromium, node and npm: missing fails in CI,
# else the test is skipped (as t5100).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
require_or_skip "$CHROMIUM" node npm
command -v curl >/dev/null || die "curl not found"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
serve_start "$DB"

get() { # get PATH FILE : sets CODE and TYPE
	local out
	out=$(curl -s -o "$2" -w '%{http_code} %{content_type}' "$BASE$1" || true)
	CODE=${out%% *} TYPE=${out#* }
}
for a in 30000 31000 31003; do
	for y in 2016 2017; do
		"$LADDER" show --db "$DB" --area $a --year $y --format json >"show-$a-$y.json" 2>/dev/null || die "show $a $y"
	done
done

# areas in the rows, years in the columns: the headline as show has it
get "/api/v1/table?area=30000,31000&year=2016,2017&form=totaal&measure=persons,share,change&rows=area&cols=year" t1.json
[[ $CODE == 200 && $TYPE == application/json* ]] && t_ok || t_fail "rows=area cols=year: $CODE $TYPE"
json_check "rows=area cols=year" t1.json '
import json as J
def show(a, y): return J.load(open("show-%s-%s.json" % (a, y)))
def cell(a, y, m): return [c for c in j["cells"] if c["area"] == a and c["year"] == y and c["measure"] == m][0]
expect(j["rows"] == "area" and j["cols"] == "year", "pivot")
expect(j["editions"] == {"2016": "2018", "2017": "2018"}, "editions %r" % j["editions"])
for a in ("30000", "31000"):
    for y in (2016, 2017):
        s = show(a, y)
        expect(cell(a, y, "persons")["value"] == s["total"], "%s %d total %r vs show %r" % (a, y, cell(a, y, "persons")["value"], s["total"]))
s = show("30000", 2017)
expect(cell("30000", 2017, "change")["value"] == s["change_abs"], "change %r vs show %r" % (cell("30000", 2017, "change")["value"], s["change_abs"]))
expect(cell("30000", 2017, "share")["value"] == 100, "the headline is 100 % of the ladder")
expect(j["query"].startswith("area=30000,31000&year=2016,2017&form=totaal"), "query %s" % j["query"])
'

# work forms in the rows, areas in the columns; the hidden count hidden
get "/api/v1/table?area=30000,31003&year=2017&form=trede3,trede4,trede5,starterslabo&measure=persons,share&rows=form&cols=area" t2.json
[[ $CODE == 200 ]] && t_ok || t_fail "rows=form cols=area: $CODE"
json_check "rows=form cols=area" t2.json '
import json as J
def cell(a, f, m): return [c for c in j["cells"] if c["area"] == a and c["work_form"] == f and c["measure"] == m][0]
for a in ("30000", "31003"):
    s = J.load(open("show-%s-2017.json" % a))
    rungs = {r["rung"]: r for r in s["rungs"]}
    for k in (3, 4, 5):
        expect(cell(a, "trede%d" % k, "persons")["value"] == rungs[k]["persons"], "%s rung %d: %r vs show %r" % (a, k, cell(a, "trede%d" % k, "persons")["value"], rungs[k]["persons"]))
        share = cell(a, "trede%d" % k, "share")["value"]
        expect(abs(share - rungs[k]["share"]) < 1e-9, "%s rung %d share %r vs show %r" % (a, k, share, rungs[k]["share"]))
    w = [x for x in s["work_forms"] if x["code"] == "starterslabo"][0]
    c = cell(a, "starterslabo", "persons")
    if "confidential" in w["flags"]:
        expect(c["value"] is None and c["flag"] == "confidential", "%s starterslabo hidden: %r" % (a, c))
        expect(cell(a, "starterslabo", "share")["value"] is None, "%s: the share of a hidden count is hidden" % a)
    else:
        expect(c["value"] == w["persons"], "%s starterslabo %r vs show %r" % (a, c["value"], w["persons"]))
expect(cell("31003", "starterslabo", "persons")["value"] is None, "31003 starterslabo is hidden in the demo")
'

# the downloads
Q='area=30000&within=30000&year=2017&form=totaal,trede5&measure=persons,share'
get "/api/v1/table?$Q&format=csv" t.csv
[[ $CODE == 200 && $TYPE == text/csv* ]] && t_ok || t_fail "csv: $CODE $TYPE"
t_check "csv starts with the UTF-8 byte order mark" test "$(head -c 3 t.csv | od -An -tx1 | tr -d ' ')" = efbbbf
csv=$(tr -d '\r' <t.csv)
expect_in "csv: ';', whole counts" "$csv" "West-Vlaanderen;Personen;56721;;44672;"
expect_in "csv: Belgian decimals, a flag column" "$csv" "West-Vlaanderen;Aandeel in de ladder (%);100,0;;78,8;"
expect_not_in "csv: no decimal point" "$csv" "78.8"
get "/api/v1/table?$Q&format=xlsx" t.xlsx
[[ $CODE == 200 && $TYPE == application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ]] && t_ok || t_fail "xlsx: $CODE $TYPE"
t_check "xlsx is a zip (Office Open XML)" test "$(head -c 2 t.xlsx)" = PK
# the xlsx has the CSV's flag columns: the same rows, values and marks
res=$(python3 - t.xlsx t.csv <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
rows = []
for r in re.findall(r"<row[^>]*>(.*?)</row>", z.read("xl/worksheets/sheet1.xml").decode(), re.S):
    cells = {}
    for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', r, re.S):
        v = re.search(r"<v>(.*?)</v>", body).group(1)
        cells[ord(ref) - 65] = strings[int(v)] if 't="s"' in attrs else v
    rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
csv = [l.split(";") for l in open(sys.argv[2], encoding="utf-8-sig").read().replace("\r", "").splitlines()]
head = [r for r in csv if r and r[0] == "Gebied"][0]
body = [r for r in csv[csv.index(head) + 1:] if len(r) == len(head)]  # not the legend under it
xhead = [r for r in rows if r and r[0] == "Gebied"][0]
xbody = rows[rows.index(xhead) + 1:]
bad = []
if [h.lower() for h in xhead] != [h.lower() for h in head]:
    bad.append("header %r, csv %r" % (xhead, head))
marks = 0
for x, c in zip(xbody, body):
    for i, h in enumerate(head):
        if h.lower() == "teken":
            xv = x[i] if i < len(x) else ""
            marks += xv == "s"
            if xv != c[i]:
                bad.append("%s %s: mark %r, csv %r" % (c[0], head[i - 1], xv, c[i]))
if len(xbody) != len(body) or marks < 10:
    bad.append("%d rows (csv %d), %d marks" % (len(xbody), len(body), marks))
print("ok" if not bad else "; ".join(bad[:5]))
EOF
)
t_check "xlsx: the CSV's columns and marks (s) beside the values: $res" test "$res" = ok
get "/api/v1/table?$Q&format=jsonstat" t.jsonstat
[[ $CODE == 200 ]] && t_ok || t_fail "jsonstat: $CODE"
json_check "jsonstat" t.jsonstat '
expect(j["version"] == "2.0" and j["class"] == "dataset", "a JSON-stat 2.0 dataset")
expect(j["role"] == {"time": ["year"], "geo": ["area"], "metric": ["measure"]}, "roles %r" % j.get("role"))
u = j["dimension"]["measure"]["category"]["unit"]
expect(u["persons"]["decimals"] == 0 and u["share"]["decimals"] == 1, "units %r" % u)
expect(j["extension"]["editions"] == {"2017": "2018"}, "the edition")
n = 1
for s in j["size"]: n *= s
expect(len(j["value"]) == n, "a dense cube")
'
# the area tree as the open data's JSON-stat has it (ladder export jsonstat)
"$LADDER" export jsonstat --db "$DB" --within 30000 --year 2017 --out open.jsonstat >/dev/null 2>&1 || die "export jsonstat"
json_check "jsonstat: the area hierarchy, as export jsonstat" t.jsonstat '
import json as J
o = J.load(open("open.jsonstat"))
mine = j["dimension"]["area"]["category"].get("child", {})
areas = j["dimension"]["area"]["category"]["index"]
theirs = {p: [c for c in cs if c in areas] for p, cs in o["dimension"]["area"]["category"]["child"].items() if p in areas}
expect(mine.get("30000") and mine == {p: cs for p, cs in theirs.items() if cs}, "child %r, export %r" % (mine, theirs))
expect(j["dimension"]["work_form"]["category"].get("child") == {"totaal": ["trede5"]}, "work forms %r" % j["dimension"]["work_form"]["category"].get("child"))
'

# refusals: the parameter named, in Dutch (English with lang=en)
refused() { # refused PATH STATUS TEXT : the answer's status, and TEXT in its body
	get "$1" e.json
	[[ $CODE == "$2" ]] && t_ok || t_fail "$1: status $CODE, not $2"
	expect_in "$1 says why" "$(cat e.json)" "$3"
}
refused "/api/v1/table?rows=colour" 400 "rows: 'colour' is geen van area, year, form, measure"
refused "/api/v1/table?form=trede9&lang=en" 404 "form: no work form or rung 'trede9'"
refused "/api/v1/table?area=30000&year=1990" 404 '"error": "geen cijfers voor 1990", "years": [2016]'
refused "/api/v1/table?level=municipality&year=2016,2017&measure=persons,share,change,change_pct" 400 "hoogstens 10000"
refused "/api/v1/table?format=pdf" 400 "format: verwacht json, csv, xlsx of jsonstat"

# the page: linked from home and from an area page
get "/" home.html
expect_in "home links the table" "$(cat home.html)" 'href="/table"'
get "/area/31000?year=2017" area.html
expect_in "the area page links its table" "$(cat area.html)" 'href="/table?area=31000&amp;within=31000&amp;year=2017"'
# the change on the year before carries the marks of its figures (Flanders: e)
get "/area/02000?year=2017" flanders.html
expect_in "the change of an estimate is marked e" "$(cat flanders.html)" '(+0,8 %)&nbsp;<abbr title="geschat">e</abbr>'

# in a browser without JavaScript
browser_deps
SHOTS=${LADDER_SHOTS:-$LADDER_REPO/build/screenshots}
mkdir -p "$SHOTS"
LADDER_URL=$BASE CHROMIUM=$CHROMIUM SHOT_DIR=$SHOTS browser_run 120 table.test.js
t_finish
