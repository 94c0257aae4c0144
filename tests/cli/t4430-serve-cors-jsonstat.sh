#!/usr/bin/env bash
# t4430-serve-cors-jsonstat: the read-only API serves other sites (issue 11,
# defect 9): every answer under /api/ carries Access-Control-Allow-Origin:
# * (errors too), a CORS preflight (OPTIONS with Origin and
# Access-Control-Request-Method) is answered 204 with the allowed methods
# and headers; pages are not opened to other origins. /api/v1/jsonstat is
# the JSON-stat of `ladder export jsonstat` (roles, an edition dimension,
# the area and work-form hierarchy, units, status), for the same slice.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
serve_start "$DB"

hdr() { # hdr NAME FILE : the value of a response header
	tr -d '\r' <"$2" | sed -n "s/^$1: //Ip" | tail -1
}
call() { # call FILE CURL-ARGS... : headers to FILE, status in CODE
	local f=$1
	shift
	CODE=$(curl -s -o /dev/null -D "$f" -w '%{http_code}' "$@" || true)
}

call h1 -H "Origin: https://notebook.example" "$BASE/api/v1/ladder?area=30000&year=2017"
[[ $CODE == 200 ]] && t_ok || t_fail "GET ladder: $CODE"
t_check "GET /api/v1/ladder: Access-Control-Allow-Origin *" test "$(hdr Access-Control-Allow-Origin h1)" = "*"
t_check "GET: the ETag can be read by a script" grep -qi '^Access-Control-Expose-Headers: .*ETag' h1
call h2 "$BASE/api/v1/ladder?area=99999"
t_check "an API error carries the header too" test "$(hdr Access-Control-Allow-Origin h2)" = "*"

call h3 -X OPTIONS -H "Origin: https://notebook.example" -H "Access-Control-Request-Method: GET" \
	-H "Access-Control-Request-Headers: if-none-match" "$BASE/api/v1/ladder?area=30000"
[[ $CODE == 204 ]] && t_ok || t_fail "OPTIONS preflight: status $CODE, expected 204"
t_check "preflight: Access-Control-Allow-Origin *" test "$(hdr Access-Control-Allow-Origin h3)" = "*"
expect_in "preflight: GET allowed" "$(hdr Access-Control-Allow-Methods h3)" "GET"
expect_in "preflight: If-None-Match allowed" "$(hdr Access-Control-Allow-Headers h3 | tr A-Z a-z)" "if-none-match"
t_check "preflight: cached by the browser" test -n "$(hdr Access-Control-Max-Age h3)"
call h4 -X OPTIONS "$BASE/api/v1/areas"
[[ $CODE == 204 ]] && t_ok || t_fail "OPTIONS without preflight headers: status $CODE, expected 204"
expect_in "OPTIONS: Allow" "$(hdr Allow h4)" "OPTIONS"
call h5 -X POST "$BASE/api/v1/areas"
[[ $CODE == 405 ]] && t_ok || t_fail "POST: status $CODE, expected 405"
call h6 -H "Origin: https://elsewhere.example" "$BASE/area/30000"
t_check "pages are not opened to other sites" test -z "$(hdr Access-Control-Allow-Origin h6)"

# JSON-stat as rich as the CLI's
curl -s "$BASE/api/v1/jsonstat?area=30000" >api.json
python3 - api.json "$DB" "$LADDER" <<'EOF' >check.out 2>&1 || true
import json, subprocess, sys
j = json.load(open(sys.argv[1]))
bad = []
def expect(c, what):
    if not c: bad.append(what)
expect(j.get("version") == "2.0" and j.get("class") == "dataset", "a JSON-stat 2.0 dataset")
expect(j.get("role", {}).get("time") == ["year"] and j["role"].get("geo") == ["area"] and j["role"].get("metric") == ["work_form"], "roles time, geo, metric: %r" % j.get("role"))
expect("edition" in j.get("id", []), "an edition dimension: %r" % j.get("id"))
dims = j.get("dimension", {})
kids = dims.get("area", {}).get("category", {}).get("child", {})
expect("31000" in kids.get("30000", []), "the area hierarchy: 30000 has 31000: %r" % kids)
units = dims.get("work_form", {}).get("category", {}).get("unit", {})
expect("totaal" in units, "units per work form: %r" % list(units)[:3])
expect("totaal" in dims.get("work_form", {}).get("category", {}).get("child", {}), "the work-form hierarchy")
# the value of West-Vlaanderen's total in 2017 (edition 2018)
ids, size = j["id"], j["size"]
pos = {d: dims[d]["category"]["index"] for d in ids}
def at(**k):
    i = 0
    for d, s in zip(ids, size):
        idx = pos[d]
        p = idx[k[d]] if isinstance(idx, dict) else idx.index(k[d])
        i = i * s + p
    return j["value"][i]
expect(at(edition="2018", year="2017", area="30000", work_form="totaal") == 56721, "30000 totaal 2017 is 56721")
# the same cube as ladder export jsonstat of the same slice
areas = ",".join(pos["area"] if isinstance(pos["area"], list) else sorted(pos["area"], key=pos["area"].get))
forms = ",".join(pos["work_form"] if isinstance(pos["work_form"], list) else sorted(pos["work_form"], key=pos["work_form"].get))
cli = json.loads(subprocess.run([sys.argv[3], "export", "jsonstat", "--db", sys.argv[2], "--area", areas, "--work-form", forms],
                                capture_output=True, text=True, check=True).stdout)
for k in ("id", "size", "role", "dimension", "value", "status"):
    expect(cli.get(k) == j.get(k), "%s equals ladder export jsonstat's" % k)
print("BAD " + "\nBAD ".join(bad) if bad else "OK")
EOF
if grep -qx OK check.out; then t_ok; else t_fail "JSON-stat of the API" "$(cat check.out)"; fi
t_finish
