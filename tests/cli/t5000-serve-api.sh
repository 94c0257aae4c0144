#!/usr/bin/env bash
# t5000-serve-api: `ladder serve` over HTTP, with curl, against the demo
# database: every route answers 200 with its content type; /api/v1/ladder is
# byte for byte `ladder show --format json` (and CSV, as a download); every
# error is 400/404/405/431/414 with a JSON message under /api/ and an HTML
# page elsewhere; no request reads a file outside what is served; ETag and
# If-None-Match; HEAD without a body; limits on headers, request size and
# idle connections; a `ladder import` in another process while requests run
# fails none of them and its figures show (with new ETags) once it commits;
# loopback only; a clean stop on SIGTERM and SIGINT.
#
# Needs curl and ss (iproute2). Each server gets a free port picked at
# random in 20000-40000; every server is killed on exit.
# slow: half a minute and more (the API against the demo, under ASan too); run-cli.sh starts it first
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v curl >/dev/null || die "curl not found (scripts/install-deps.sh installs it)"
command -v ss >/dev/null || die "ss not found (package iproute2)"

BG=()      # pids of background helpers (request loops, probes)
cleanup() {
	local p
	for p in "${BG[@]}" "${SERVERS[@]}"; do
		kill -KILL "$p" 2>/dev/null || true
	done
	rm -rf "$T_TMP"
}
trap cleanup EXIT

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo --db $DB failed"

# req [CURL ARGS...] URL : one request; sets CODE, TYPE, BODY (file body),
# HDRS (the last response's headers, CR stripped). Builtins only past curl:
# the suite makes hundreds of requests.
req() {
	rm -f body hdrs.raw # curl leaves -o's file alone when no body comes
	CODE=$(curl -s --path-as-is --max-time 20 -D hdrs.raw -o body -w '%{http_code}' "$@" || true)
	: >>body
	: >>hdrs.raw
	HDRS="" TYPE=""
	local line
	while IFS= read -r line || [[ -n $line ]]; do
		line=${line%$'\r'}
		[[ $line == HTTP/* ]] && HDRS="" # keep only the last response
		HDRS+=$line$'\n'
		[[ ${line,,} == content-type:* ]] && TYPE=${line#*: }
	done <hdrs.raw
	return 0
}
header() { # header NAME : the value of a header of the last response
	local line want=${1,,}
	while IFS= read -r line; do
		if [[ ${line,,} == "$want: "* ]]; then
			printf '%s' "${line#*: }"
			return 0
		fi
	done <<<"$HDRS"
	return 0
}

# expect_status WHAT WANT... : CODE is one of WANT
expect_status() {
	local what=$1 w
	shift
	for w; do
		if [[ $CODE == "$w" ]]; then
			t_ok
			return 0
		fi
	done
	t_fail "$what: status $CODE, expected $*" "$(printf '%s\n' "$HDRS" | head -1)" "body: $(head -c 300 body)"
	return 0
}
expect_type() {
	if [[ $TYPE == "$2" ]]; then t_ok; else t_fail "$1: Content-Type '$TYPE', expected '$2'"; fi
}

# JSON bodies to check in one python run at the end (python starts slowly):
# json.N (the body), json.N.what, json.N.py (code using j and expect)
n_json=0
json_later() { # json_later WHAT PYTHON-CODE : checks the current body later
	n_json=$((n_json + 1))
	cp body "json.$n_json"
	printf '%s' "$1" >"json.$n_json.what"
	printf '%s\n' "$2" >"json.$n_json.py"
}

# api_error WHAT URL STATUS [MESSAGE-FRAGMENT] : a JSON error under /api/
api_error() {
	local what=$1 url=$2 want=$3 frag=${4:-}
	req "$BASE$url"
	expect_status "$what ($url)" "$want"
	expect_type "$what ($url)" "application/json; charset=utf-8"
	if grep -q '^{"error": ".\+"}$' body; then t_ok; else t_fail "$what ($url): body is not {\"error\": message}" "$(head -c 300 body)"; fi
	[[ -n $frag ]] && expect_in "$what ($url) message" "$(cat body)" "$frag"
	if [[ $(header Cache-Control) == no-store && -z $(header ETag) ]]; then t_ok; else
		t_fail "$what ($url): an error must be Cache-Control: no-store without an ETag" "$HDRS"
	fi
}
# page_error WHAT URL STATUS [FRAGMENT] : an HTML error page outside /api/
page_error() {
	req "$BASE$2"
	expect_status "$1 ($2)" "$3"
	expect_type "$1 ($2)" "text/html; charset=utf-8"
	expect_in "$1 ($2) page" "$(cat body)" "<h1>$3</h1>"
	[[ -z ${4:-} ]] || expect_in "$1 ($2) message" "$(cat body)" "$4"
}

start_server main
MAIN_PID=$PID
MAIN_PORT=$PORT

# ------------------------------------------- idle connections are closed
# (checked at the end: 10 s of silence, then the server hangs up)
(
	exec 3<>"/dev/tcp/127.0.0.1/$MAIN_PORT" || exit 1
	printf 'GET / HTTP/1.1\r\nHost: x\r\n' >&3 # an unfinished request
	s=$(date +%s)
	timeout 25 cat <&3 >/dev/null 2>&1 || true
	echo $(($(date +%s) - s)) >idle.secs
) &
BG+=($!)
IDLE_PROBE=$!

# ----------------------------------------------------- loopback only
L=$(ss -Hltn "sport = :$MAIN_PORT")
if [[ $(printf '%s\n' "$L" | awk '{ print $4 }') == "127.0.0.1:$MAIN_PORT" ]]; then t_ok; else
	t_fail "the server must listen on 127.0.0.1:$MAIN_PORT only" "$L"
fi
expect_not_in "not on every address" "$L" "0.0.0.0:$MAIN_PORT"
expect_not_in "not on every IPv6 address" "$L" "[::]:$MAIN_PORT"
expect_in "startup line" "$(cat main.out)" "http://127.0.0.1:$MAIN_PORT/"

# ------------------------------------------------------ every route: 200
ok_route() { # ok_route URL TYPE
	req "$BASE$1"
	expect_status "GET $1" 200
	expect_type "GET $1" "$2"
	if [[ -s body ]]; then t_ok; else t_fail "GET $1: empty body"; fi
	if [[ $(header Cache-Control) == no-cache && $(header ETag) =~ ^\"[^\"]+\"$ ]]; then t_ok; else
		t_fail "GET $1: expected Cache-Control: no-cache and a quoted ETag" "$HDRS"
	fi
	expect_in "GET $1 nosniff" "$HDRS" "X-Content-Type-Options: nosniff"
}
HTML="text/html; charset=utf-8"
JSON="application/json; charset=utf-8"
# page_shows WHAT MIN EXPORT-ARGS... : the page just fetched (body) shows,
# as whole numbers in Dutch grouping, every figure that `ladder export csv
# EXPORT-ARGS` reads from the database (at least MIN of them): a page that
# answers 200 with its headings but wrong or missing figures fails.
page_shows() {
	local what=$1 min=$2 res line n=0
	shift 2
	"$LADDER" --db "$DB" export csv "$@" >figures.csv 2>figures.err || {
		t_fail "$what: ladder export csv $* failed" "$(cat figures.err)"
		return 0
	}
	res=$(python3 - body figures.csv <<'PY'
import csv, html, re, sys
text = html.unescape(re.sub(r"<[^>]*>", " ", open(sys.argv[1], encoding="utf-8").read()))
shown = set(re.findall(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*(?![\d,]|\.\d)", text))
n = 0
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    if r["persons"] == "":
        continue
    n += 1
    v = "{:,}".format(int(float(r["persons"]))).replace(",", ".")
    if v not in shown:
        print("MISSING %s %s %s = %s" % (r["year"], r["area"], r["work_form"], v))
print("FIGURES %d" % n)
PY
)
	while IFS= read -r line; do
		case $line in
		"MISSING "*) t_fail "$what: a figure of the database is not on the page" "${line#MISSING }" ;;
		"FIGURES "*) n=${line#FIGURES } ;;
		esac
	done <<<"$res"
	if ((n >= min)); then t_ok; else t_fail "$what: only $n figures to compare (want $min)" "export csv $*"; fi
}
ok_route / "$HTML"
expect_in "home: search form" "$(cat body)" 'name="q"'
expect_in "home: the province" "$(cat body)" 'href="/area/30000'
# the home page shows figures before any choice: the ladder of the year for
# the Flemish Region and the provinces (the seed's West-Vlaanderen 2017)
expect_in "home: the ladder of the year" "$(cat body)" "<h2>De ladder in 2017</h2>"
expect_in "home: West-Vlaanderen's total" "$(tr -d '\n' <body)" 'West-Vlaanderen</a></th><td class="n">56.721</td><td class="n">44.672</td><td class="n">10.740</td><td class="n">1.309</td><td class="n">+1.310 (+2,4 %)</td>'
ok_route "/?q=Brugge" "$HTML"
expect_in "home search: Brugge (arrondissement)" "$(cat body)" 'href="/area/31000'
expect_in "home search: Brugge (municipality)" "$(cat body)" 'href="/area/31005'
ok_route "/?lang=en" "$HTML"
expect_in "home in English" "$(cat body)" '<html lang="en">'
ok_route /area/30000 "$HTML"
expect_in "area page total" "$(cat body)" "56.721"
# the ladder's share column has two denominators (rung 6 of the wage
# employees, 89,3 %; rungs 3-5 of their total): the page says which
expect_in "area page explains its share column" "$(cat body)" "Aandeel: trede 6 van alle loontrekkenden, treden 3 tot 5 van het totaal op treden 3-5."
ok_route "/area/30000?year=2016&edition=2018" "$HTML"
page_shows "area page 2016, edition 2018" 1 --area 30000 --year 2016 --edition 2018 --work-form totaal
ok_route "/area/30000?year=2017&lang=en" "$HTML"
expect_in "area page in English" "$(cat body)" "56,721"
expect_in "share column explained in English" "$(cat body)" "Share: rung 6 of all wage employees, rungs 3 to 5 of the total on rungs 3-5."
ok_route "/area/wvl-westhoek" "$HTML"
page_shows "grouping page" 4 --area wvl-westhoek --year 2017 --work-form totaal,trede5,trede4,trede3
ok_route "/area/31000/rung/6?year=2017" "$HTML"
# rung 3: the total; 4: the total and each work form; 5: the total and its
# two parts
for k in 3:1 4:7 5:3; do
	ok_route "/area/31000/rung/${k%:*}?year=2017" "$HTML"
	page_shows "rung ${k%:*} page" "${k#*:}" --area 31000 --year 2017 --rung "${k%:*}"
done
ok_route "/workform/tat?area=30000" "$HTML"
page_shows "work form page: the province and its arrondissements" 9 --year 2017 --work-form tat \
	--area 30000,31000,32000,33000,34000,35000,36000,37000,38000
ok_route "/workform/werkplekleren" "$HTML"
page_shows "work form page, Flanders" 1 --year 2017 --work-form werkplekleren --area 30000
ok_route /static/style.css "text/css; charset=utf-8"
ok_route /static/app.js "text/javascript; charset=utf-8"
ok_route /api/v1/ "$HTML"
for p in areas work_forms editions ladder series subareas context checks jsonstat; do
	expect_in "API page lists /api/v1/$p" "$(cat body)" "<code>/api/v1/$p</code>"
done

ok_route /api/v1/areas "$JSON"
json_later "areas" '
codes = {a["code"]: a for a in j}
expect("30000" in codes and codes["30000"]["name"] == "West-Vlaanderen", "30000 West-Vlaanderen missing")
expect(all(("%d000" % k) in codes for k in range(31, 39)), "arrondissements 31000..38000 missing")
expect(codes.get("31000", {}).get("parent") == "30000", "31000 should have parent 30000")'
ok_route "/api/v1/areas?q=Brugge" "$JSON"
json_later "areas?q=Brugge" 'expect({"31000", "31005"} <= {a["code"] for a in j} and all("brugge" in a["name"].lower() or a["code"].startswith("Brugge") for a in j), "q=Brugge: %r" % j)'
ok_route "/api/v1/areas?level=arrondissement&parent=30000" "$JSON"
json_later "areas?level&parent" 'expect(sorted(a["code"] for a in j) == ["%d000" % k for k in range(31, 39)], "arrondissements of 30000: %r" % [a["code"] for a in j])'
ok_route /api/v1/work_forms "$JSON"
json_later "work_forms" 'expect(any(w["code"] == "tat" and w["rung"] == 4 for w in j), "tat (rung 4) missing")'
ok_route /api/v1/editions "$JSON"
json_later "editions" 'expect({e["edition"]: e["figure_years"] for e in j}.get("2018") == [2016, 2017], "edition 2018 should hold 2016 and 2017: %r" % j)'
ok_route "/api/v1/ladder?area=30000&year=2017" "$JSON"
json_later "ladder" 'expect(j["total"] == 56721 and j["area"]["code"] == "30000", "total 56721 for 30000")'
ok_route "/api/v1/series?area=30000" "$JSON"
json_later "series" 'expect([s["year"] for s in j["series"]] == [2016, 2017] and j["series"][1]["total"] == 56721, "series: %r" % j)'
ok_route "/api/v1/subareas?area=30000&year=2017" "$JSON"
json_later "subareas" 'expect([a["code"] for a in j["areas"]] == ["30000"] + ["%d000" % k for k in range(31, 39)], "subareas: %r" % [a["code"] for a in j["areas"]])'
ok_route "/api/v1/context?area=30000&year=2017" "$JSON"
json_later "context" 'expect(isinstance(j, dict) and len(j) > 0, "context: empty")'
ok_route "/api/v1/context?area=30000&from=2009&to=2017" "$JSON"
ok_route /api/v1/checks "$JSON"
ok_route "/api/v1/checks?area=30000&year=2017" "$JSON"
ok_route "/api/v1/jsonstat?area=30000" "$JSON"
json_later "jsonstat" '
expect(j.get("version") == "2.0" and j.get("class") == "dataset", "not a JSON-stat 2.0 dataset")
n = 1
for s in j["size"]: n *= s
expect(len(j["value"]) == n, "value has %d cells, size says %d" % (len(j["value"]), n))'

# ------------------------------------- /api/v1/ladder is `ladder show`'s JSON
same_as_show() { # same_as_show QUERY SHOW-ARGS...
	local q=$1
	shift
	req "$BASE/api/v1/ladder?$q"
	"$LADDER" show --db "$DB" "$@" >show.out 2>show.err || true
	if [[ $CODE == 200 ]] && cmp -s body show.out; then t_ok; else
		t_fail "/api/v1/ladder?$q differs from ladder show $*" "status $CODE" "$(diff show.out body | head -20)"
	fi
}
same_as_show "area=30000&year=2017" --area 30000 --year 2017 --format json
same_as_show "area=31000&year=2017" --area 31000 --year 2017 --format json
same_as_show "area=31005&year=2016&edition=2017" --area 31005 --year 2016 --edition 2017 --format json
same_as_show "area=wvl-westhoek&year=2017&lang=en" --area wvl-westhoek --year 2017 --format json --lang en
same_as_show "area=West-Vlaanderen&year=2017" --area West-Vlaanderen --year 2017 --format json
same_as_show "area=30000" --area 30000 --year 2017 --format json # the latest year by default
same_as_show "area=30000&year=2017&format=csv" --area 30000 --year 2017 --format csv

# CSV is a download
req "$BASE/api/v1/ladder?area=30000&year=2017&format=csv"
expect_type "CSV" "text/csv; charset=utf-8"
if [[ $(header Content-Disposition) == 'attachment; filename="ladder-30000-2017.csv"' ]]; then t_ok; else
	t_fail "CSV: Content-Disposition" "$HDRS"
fi
expect_in "CSV header line" "$(head -1 body)" "area,year,edition"

# ----------------------------------------------------------------- errors
api_error "missing area" "/api/v1/ladder" 400 "area"
api_error "empty area" "/api/v1/ladder?area=&year=2017" 400 "area"
api_error "unknown area" "/api/v1/ladder?area=99999&year=2017" 404 "99999"
api_error "ambiguous area name" "/api/v1/ladder?area=Brugge&year=2017" 400 "31005"
api_error "year not a number" "/api/v1/ladder?area=30000&year=abc" 400 "year"
api_error "year out of range" "/api/v1/ladder?area=30000&year=1800" 400 "year"
api_error "year with trailing junk" "/api/v1/ladder?area=30000&year=2017x" 400 "year"
api_error "unknown edition" "/api/v1/ladder?area=30000&year=2017&edition=1999" 404 "editie"
api_error "bad lang" "/api/v1/ladder?area=30000&year=2017&lang=fr" 400 "lang"
api_error "bad format" "/api/v1/ladder?area=30000&year=2017&format=xml" 400 "format"
api_error "English message" "/api/v1/ladder?area=30000&year=abc&lang=en" 400 "expected a year"
api_error "missing area (subareas)" "/api/v1/subareas" 400 "area"
api_error "missing area (series)" "/api/v1/series" 400 "area"
api_error "missing area (context)" "/api/v1/context" 400 "area"
api_error "missing area (jsonstat)" "/api/v1/jsonstat" 400 "area"
api_error "bad from (series)" "/api/v1/series?area=30000&from=x" 400 "from"
api_error "bad to (jsonstat)" "/api/v1/jsonstat?area=30000&to=20177" 400 "to"
api_error "unknown edition (series)" "/api/v1/series?area=30000&edition=zz" 404
api_error "unknown area (subareas)" "/api/v1/subareas?area=99999" 404
api_error "half a range (context)" "/api/v1/context?area=30000&from=2017" 400 "from"
api_error "reversed range (context)" "/api/v1/context?area=30000&from=2017&to=2009" 400 "from"
api_error "unknown area (checks)" "/api/v1/checks?area=99999" 404
api_error "bad year (checks)" "/api/v1/checks?year=x" 400 "year"
api_error "bad level (areas)" "/api/v1/areas?level=planet" 400 "level"
api_error "unknown parent (areas)" "/api/v1/areas?parent=99999" 404 "parent"
api_error "bad parameter name" "/api/v1/ladder?ar%20ea=30000" 400
api_error "bad escape" "/api/v1/ladder?area=%zz" 400
api_error "control character" "/api/v1/areas?q=%0a" 400
api_error "unknown API path" "/api/v1/nope" 404
api_error "unknown API version" "/api/v2/ladder?area=30000" 404
api_error "API path below a route" "/api/v1/ladder/30000" 404
page_error "unknown page" "/nope" 404
page_error "unknown area page" "/area/99999" 404 "onbekend gebied &#39;99999&#39;"
page_error "unknown area page, English" "/area/99999?lang=en" 404 "unknown area &#39;99999&#39;"
page_error "ambiguous area page" "/area/Brugge" 400 "meer dan een gebied heet"
page_error "area without a code" "/area/" 404
page_error "rung 7" "/area/30000/rung/7" 404
page_error "rung 2" "/area/30000/rung/2" 404
page_error "rung 05" "/area/30000/rung/05" 404
page_error "deeper area path" "/area/30000/x/y" 404
page_error "bad year page" "/area/30000?year=abc" 400
page_error "unknown edition page" "/area/30000?edition=zz" 404
page_error "unknown work form" "/workform/nope" 404
page_error "work form, unknown area" "/workform/tat?area=99999" 404
page_error "unknown static file" "/static/nope.css" 404
page_error "static directory" "/static/" 404
page_error "bad lang page" "/?lang=fr" 400
page_error "bad year home" "/?year=x" 400

# ---------------------------------------------------------------- methods
# OPTIONS is answered (CORS preflight, t4430)
for m in POST PUT DELETE PATCH TRACE; do
	for u in /api/v1/ladder?area=30000 /; do
		req -X "$m" --data-binary 'a=1' "$BASE$u"
		expect_status "$m $u" 405
		if [[ $(header Allow) == "GET, HEAD, OPTIONS" ]]; then t_ok; else t_fail "$m $u: Allow: GET, HEAD, OPTIONS" "$HDRS"; fi
	done
done
req -X POST "$BASE/api/v1/ladder?area=30000"
expect_type "405 under /api/ is JSON" "$JSON"
expect_in "405 message" "$(cat body)" '"error"'
# a large body is drained, and the server still answers afterwards
head -c 200000 /dev/zero | tr '\0' a >big.body
req -X POST --data-binary @big.body "$BASE/api/v1/areas"
expect_status "POST with a 200 kB body" 405 413
req "$BASE/api/v1/editions"
expect_status "GET after a large POST" 200

# ------------------------------------------ nothing outside what is served
traversal=(
	"/static/../../etc/passwd"
	"/static/../../../../../../etc/passwd"
	"/static/%2e%2e/%2e%2e/etc/passwd"
	"/static/%2E%2E/%2E%2E/%2E%2E/etc/passwd"
	"/static/..%2f..%2f..%2fetc%2fpasswd"
	"/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd"
	"/static/%252e%252e/%252e%252e/etc/passwd"
	"/static/..%5c..%5c..%5cetc%5cpasswd"
	"/static/..\\..\\..\\etc\\passwd"
	"/static/style.css%00.txt"
	"/static/%00../../etc/passwd"
	"/static//etc/passwd"
	"//etc/passwd"
	"/etc/passwd"
	"/static/./style.css"
	"/static/style.css/../../../etc/passwd"
	"/area/../static/../../etc/passwd"
	"/api/v1/../../../etc/passwd"
	"/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"
	"/proc/self/environ"
	"/static/../../proc/self/environ"
	"/static/../../$DB"
	"/static/$DB"
	"/static/../demo.db"
	"/static/web/style.css"
	"/static/../src/http/server.c"
)
for u in "${traversal[@]}"; do
	req "$BASE$u"
	if [[ $CODE != 200 && $CODE =~ ^4 ]]; then t_ok; else t_fail "GET $u: status $CODE, expected a 4xx" "$(head -c 200 body)"; fi
	if grep -qaE 'root:|SQLite format|LADDER_|PATH=|#include' body; then
		t_fail "GET $u leaks file contents" "$(head -c 200 body)"
	else
		t_ok
	fi
done
# the same through a raw socket (no client-side normalisation at all)
raw() { # raw REQUEST-TEXT : the server's whole answer to one request
	local out=$T_TMP/raw
	: >"$out"
	(
		exec 3<>"/dev/tcp/127.0.0.1/$MAIN_PORT" || exit 1
		printf '%b' "$1" >&3
		timeout 5 cat <&3 >"$out" 2>/dev/null || true
	) || true
	cat "$out"
}
for u in '/static/../../etc/passwd' '/static/..\\..\\etc\\passwd' 'http://127.0.0.1/../../etc/passwd' '../../etc/passwd' \
	'/static/%2e%2e/%2e%2e/etc/passwd' '*'; do
	ans=$(raw "GET $u HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" | tr -d '\0')
	st=${ans%%$'\n'*} # no pipe: head closing early would SIGPIPE printf under pipefail
	if [[ $st == "HTTP/1."[01]" 4"* || -z $ans ]]; then t_ok; else t_fail "raw GET $u: expected a 4xx or a closed connection" "$st"; fi
	expect_not_in "raw GET $u leaks /etc/passwd" "$ans" "root:"
done

# ------------------------------------------------------- headers and size
hdr_args() { # hdr_args N : curl -H options for N extra headers
	local i
	H=()
	for ((i = 1; i <= $1; i++)); do H+=(-H "X-Test-$i: v"); done
}
# curl itself sends Host, User-Agent and Accept: 61 + 3 = 64, 62 + 3 = 65
hdr_args 61
req "${H[@]}" "$BASE/api/v1/editions"
expect_status "64 request headers" 200
hdr_args 62
req "${H[@]}" "$BASE/api/v1/editions"
expect_status "65 request headers" 431
hdr_args 200
req "${H[@]}" "$BASE/api/v1/editions"
expect_status "203 request headers" 431
big=$(head -c 70000 /dev/zero | tr '\0' a)
req -H "X-Big: $big" "$BASE/api/v1/editions"
expect_status "a 70 kB header" 431 413 400
long=$(head -c 3000 /dev/zero | tr '\0' a)
req "$BASE/api/v1/areas?q=$long"
expect_status "a 3 kB URL" 400 414
req "$BASE/api/v1/areas?q=$big"
expect_status "a 70 kB URL" 414 400 431
longpath=$(printf '/a%.0s' $(seq 1 300))
req "$BASE/static$longpath"
expect_status "a 600-byte path" 400 404 414
req "$BASE/api/v1/editions"
expect_status "still serving after the limits" 200

# ------------------------------------------------------- ETag and 304
req "$BASE/api/v1/ladder?area=30000&year=2017"
ETAG_LADDER=$(header ETag)
req -H "If-None-Match: $ETAG_LADDER" "$BASE/api/v1/ladder?area=30000&year=2017"
expect_status "If-None-Match with the ETag" 304
if [[ ! -s body ]]; then t_ok; else t_fail "304 with a body" "$(head -c 200 body)"; fi
if [[ $(header ETag) == "$ETAG_LADDER" ]]; then t_ok; else t_fail "304 repeats the ETag" "$HDRS"; fi
req -H "If-None-Match: $ETAG_LADDER" "$BASE/api/v1/ladder?area=30000&year=2017"
expect_status "If-None-Match again (from the response cache)" 304
req -H 'If-None-Match: "other"' "$BASE/api/v1/ladder?area=30000&year=2017"
expect_status "If-None-Match with another ETag" 200
req "$BASE/api/v1/ladder?area=31000&year=2017"
if [[ $(header ETag) != "$ETAG_LADDER" ]]; then t_ok; else t_fail "two URLs with the same ETag"; fi
req -H "If-None-Match: $ETAG_LADDER" "$BASE/api/v1/ladder?area=31000&year=2017"
expect_status "another URL's ETag does not match" 200
req "$BASE/area/30000"
ETAG_PAGE=$(header ETag)
req -H "If-None-Match: $ETAG_PAGE" "$BASE/area/30000"
expect_status "If-None-Match on a page" 304
# RFC 9110 13.1.2: If-None-Match takes a list, compares weakly, and "*"
req -H "If-None-Match: \"x\", $ETAG_LADDER" "$BASE/api/v1/ladder?area=30000&year=2017"
expect_status "If-None-Match with a list holding the ETag (RFC 9110 13.1.2)" 304
req -H "If-None-Match: W/$ETAG_LADDER" "$BASE/api/v1/ladder?area=30000&year=2017"
expect_status "If-None-Match with the weak form of the ETag (RFC 9110: weak comparison)" 304
req -H "If-None-Match: *" "$BASE/api/v1/ladder?area=30000&year=2017"
expect_status "If-None-Match: * on an existing resource (RFC 9110 13.1.2)" 304

# ------------------------------------------------------------------- HEAD
for u in / /area/30000 /static/style.css /api/v1/ "/api/v1/ladder?area=30000&year=2017" "/api/v1/ladder?area=30000&year=2017&format=csv"; do
	req "$BASE$u"
	get_len=$(wc -c <body)
	get_type=$TYPE
	get_etag=$(header ETag)
	req -I "$BASE$u"
	expect_status "HEAD $u" 200
	if [[ $TYPE == "$get_type" && $(header ETag) == "$get_etag" && $(header Content-Length) == "$get_len" ]]; then t_ok; else
		t_fail "HEAD $u: headers differ from GET (type '$get_type', length $get_len, ETag $get_etag)" "$HDRS"
	fi
	raw "HEAD $u HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" >/dev/null
	# no body on the wire: the answer ends with its one blank line
	tail4=$(tail -c 4 "$T_TMP/raw" | od -An -tx1 | tr -d ' \n')
	blanks=$(grep -c $'^\r$' "$T_TMP/raw" || true)
	if [[ $tail4 == 0d0a0d0a && $blanks -eq 1 ]]; then t_ok; else
		t_fail "HEAD $u: a body was sent ($(wc -c <"$T_TMP/raw") bytes)" "$(head -c 300 "$T_TMP/raw")"
	fi
done
req -I "$BASE/api/v1/ladder?area=99999"
expect_status "HEAD of an error" 404

# -------------------------------------------- keep-alive: many on one connection
codes=$(curl -s --max-time 20 -w '%{http_code} %{num_connects}\n' \
	-o /dev/null "$BASE/api/v1/editions" -o /dev/null "$BASE/api/v1/ladder?area=30000&year=2017" \
	-o /dev/null "$BASE/area/30000" -o /dev/null "$BASE/nope" -o /dev/null "$BASE/api/v1/areas")
if [[ $(awk '{ print $1 }' <<<"$codes" | tr '\n' ' ') == "200 200 200 404 200 " &&
	$(awk '{ s += $2 } END { print s }' <<<"$codes") -eq 1 ]]; then t_ok; else
	t_fail "five requests on one kept-alive connection (status, new connections)" "$codes"
fi

# ---------------------------------------------------- options of serve
# (each bounded: were one to start serving, timeout ends it and RC is 124)
run_t() { RC=0; timeout 3 "$LADDER" "$@" >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?; OUT=$(cat "$T_TMP/out"); ERR=$(cat "$T_TMP/err"); }
refused() { # refused WHAT : RC is an error, not 0 and not a time-out
	if [[ $RC -ne 0 && $RC -ne 124 ]]; then t_ok; else t_fail "$1: exit $RC, expected an error at once" "$(show_run)"; fi
}
run_t serve --db "$DB" --unprotected --port "$MAIN_PORT"
refused "serve --unprotected"
expect_in "serve --unprotected message" "$ERR" "--unprotected"
run_t serve --db "$DB" --port 70000
refused "serve --port 70000"
run_t serve --db "$DB" --threads 0 --port "$MAIN_PORT"
refused "serve --threads 0"
run_t serve --db "$DB" --bind localhost --port "$MAIN_PORT"
refused "serve --bind localhost (not an IPv4 address)"
run_t serve --db "$PWD/missing.db" --port "$MAIN_PORT"
refused "serve without a database"
# a second server on a port in use must refuse, not share it
SECOND=$PWD/second.db
cp "$DB" "$SECOND"
timeout 3 "$LADDER" serve --db "$SECOND" --port "$MAIN_PORT" >second.out 2>second.err && rc=0 || rc=$?
if [[ $rc -ne 0 && $rc -ne 124 ]]; then t_ok; else
	t_fail "a second 'ladder serve' on port $MAIN_PORT (in use) must fail at once, not listen beside the first (SO_REUSEPORT)" \
		"exit $rc (124 = still running after 3 s)" "stdout: $(cat second.out)" "stderr: $(cat second.err)"
fi

# ------------------------------------------------ import while serving
# 2018 figures (edition 2019) from the demo's 2017, the province changed;
# then 2019 and 2020, so that imports keep committing while requests run.
mkfigures() { # mkfigures YEAR EDITION TOTAL RUNG5 > CSV
	echo "year,area,work_form,persons,edition,flag,note"
	sqlite3 -csv "$DB" "SELECT $1, a.code, w.code,
		CASE WHEN a.code = '30000' AND w.code = 'totaal' THEN $3
		     WHEN a.code = '30000' AND w.code = 'trede5' THEN $4 ELSE f.persons END,
		'$2', coalesce(f.flag, ''), ''
		FROM figure f JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form
		WHERE f.year = 2017 AND f.edition = (SELECT id FROM edition WHERE code = '2018')"
}
mkfigures 2018 2019 60000 47000 >f2018.csv
mkfigures 2019 2020 61000 48000 >f2019.csv
mkfigures 2020 2021 62000 49000 >f2020.csv
[[ $(wc -l <f2018.csv) -gt 100 ]] || die "could not make the import file: $(head -3 f2018.csv)"

req "$BASE/api/v1/editions"
ETAG_EDITIONS=$(header ETag)
req "$BASE/api/v1/ladder?area=30000&year=2018"
[[ $CODE == 404 ]] && t_ok || t_fail "2018 before the import: status $CODE, expected 404 (no figures)"
json_later "2018 before the import" 'expect(j["error"].startswith("geen cijfers") and j["years"] == [2017], "2018 should have no figures before the import: %r" % j)'

# request loops: keep-alive batches and single connections, bounded in count
urls=("$BASE/api/v1/ladder?area=30000&year=2017" "$BASE/api/v1/ladder?area=30000&year=2018"
	"$BASE/area/30000?year=2018" "$BASE/api/v1/editions" "$BASE/" "$BASE/api/v1/subareas?area=30000&year=2019")
batch=()
for u in "${urls[@]}"; do batch+=(-o /dev/null "$u"); done
loop() { # loop ID : at least 8 rounds (7 requests each, whatever the
	# machine's speed), then until stop.flag, at most 400 rounds
	local id=$1 i
	for ((i = 0; i < 400; i++)); do
		[[ -e stop.flag && $i -ge 8 ]] && break
		curl -s --max-time 10 -w '%{http_code}\n' "${batch[@]}" >>"codes.$id" 2>/dev/null || echo "curl-exit-$?" >>"codes.$id"
		curl -s --max-time 10 -o /dev/null -w '%{http_code}\n' "${urls[$((i % ${#urls[@]}))]}" >>"codes.$id" 2>/dev/null ||
			echo "curl-exit-$?" >>"codes.$id"
	done
}
rm -f stop.flag
loop a &
BG+=($!)
LA=$!
loop b &
BG+=($!)
LB=$!
sleep 0.5
imp_rc=0
for y in 2018 2019 2020; do
	"$LADDER" import --db "$DB" "f$y.csv" >"import.$y.out" 2>&1 || imp_rc=$?
	sleep 0.3
done
sleep 0.5
touch stop.flag
wait "$LA" "$LB" || true
expect_rc_import=$imp_rc
if [[ $expect_rc_import -eq 0 ]]; then t_ok; else t_fail "ladder import while serving: exit $imp_rc" "$(cat import.*.out)"; fi
n_req=$(cat codes.a codes.b | wc -l)
# 404 is the answer for a year before its import (no figures yet)
bad=$(cat codes.a codes.b | grep -Evc '^(200|404)$' || true)
if [[ $n_req -ge 50 && $bad -eq 0 ]]; then t_ok; else
	t_fail "requests during the imports: $bad of $n_req did not answer 200 (at least 50 expected)" \
		"$(cat codes.a codes.b | sort | uniq -c)"
fi
same_as_show "area=30000&year=2018" --area 30000 --year 2018 --format json
json_later "2018 after the import" 'expect(j["total"] == 60000 and j["edition"] == "2019" and j["rungs"][0]["persons"] == 47000, "2018: total %r edition %r" % (j["total"], j["edition"]))'
same_as_show "area=30000&year=2020" --area 30000 --year 2020 --format json
same_as_show "area=30000" --area 30000 --year 2020 --format json # the latest year is now 2020
req "$BASE/area/30000?year=2018"
expect_in "the area page shows the imported 2018 total" "$(cat body)" "60.000"
req "$BASE/api/v1/editions"
if [[ -n $(header ETag) && $(header ETag) != "$ETAG_EDITIONS" ]]; then t_ok; else
	t_fail "the ETag of /api/v1/editions must change after an import" "before $ETAG_EDITIONS, after $(header ETag)"
fi
json_later "editions after the import" 'expect({e["edition"] for e in j} >= {"2019", "2020", "2021"}, "new editions missing: %r" % j)'
req -H "If-None-Match: $ETAG_LADDER" "$BASE/api/v1/ladder?area=30000&year=2017"
expect_status "an ETag from before the import no longer matches" 200

# ------------------------------------------ the idle connection was closed
wait "$IDLE_PROBE" 2>/dev/null || true
idle=$(cat idle.secs 2>/dev/null || echo "?")
if [[ $idle =~ ^[0-9]+$ && $idle -ge 8 && $idle -le 15 ]]; then t_ok; else
	t_fail "an idle, unfinished request should be closed after about 10 s, took ${idle}s"
fi

# ------------------------------------------------- the JSON checks, at once
res=$(python3 - "$n_json" <<'EOF' 2>&1
import json, sys
for n in range(1, int(sys.argv[1]) + 1):
    path = "json.%d" % n
    what = open(path + ".what", encoding="utf-8").read()
    code = open(path + ".py", encoding="utf-8").read()
    fails, passes = [], [0]
    def expect(cond, msg, fails=fails, passes=passes):
        if cond: passes[0] += 1
        else: fails.append(msg)
    try:
        j = json.load(open(path, encoding="utf-8"))
        passes[0] += 1
        exec(code, {"j": j, "expect": expect})
    except Exception as e:
        fails.append("%s: %r" % (type(e).__name__, e))
    print("PASS %d" % passes[0])
    for m in fails:
        print("FAIL %s: %s" % (what, m))
EOF
) || true
while IFS= read -r line; do
	case $line in
	"PASS "*) T_PASS=$((T_PASS + ${line#PASS })) ;;
	"FAIL "*) t_fail "json ${line#FAIL }" ;;
	*) t_fail "json check: $line" ;;
	esac
done <<<"$res"

# ---------------------------------------------------- SIGTERM and SIGINT
stop_with() { # stop_with SIGNAL PID ERRFILE PORT
	local sig=$1 pid=$2 errf=$3 t0 ms rc=0
	t0=$(date +%s%N)
	kill -"$sig" "$pid"
	for _ in $(seq 1 40); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$pid" 2>/dev/null; then
		t_fail "SIG$sig: still running 2 s later"
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		return
	fi
	wait "$pid" || rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	if [[ $rc -eq 0 ]]; then t_ok; else t_fail "SIG$sig: exit status $rc, expected 0" "$(cat "$errf")"; fi
	expect_in "SIG$sig: message on stderr" "$(cat "$errf")" "ladder serve: gestopt (SIG$sig)"
	if listening "$4"; then t_fail "SIG$sig: port $4 still listening"; else t_ok; fi
	echo "SIG$sig stopped the server in $ms ms"
}
# the main server, with a kept-alive connection open
exec 4<>"/dev/tcp/127.0.0.1/$MAIN_PORT"
printf 'GET /api/v1/editions HTTP/1.1\r\nHost: x\r\n\r\n' >&4
sleep 0.2
stop_with TERM "$MAIN_PID" main.err "$MAIN_PORT"
exec 4>&-
start_server second
curl -s -o /dev/null "$BASE/area/30000"
stop_with INT "$PID" second.err "$PORT"

t_finish
