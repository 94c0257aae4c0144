#!/usr/bin/env bash
# bench/serve.sh - `ladder serve` under load, beside nginx serving a static
# file of the same bytes, in the same run.
#
#   bash bench/serve.sh
#
# 1. builds the demo database in a temp dir and starts `ladder serve
#    --threads 2` and nginx (worker_processes 2, access_log off) on free
#    loopback ports; nginx serves a file holding exactly the bytes of
#    /api/v1/ladder?area=30000&year=2017;
# 2. wrk -t2 -c32 -d10s --latency against the nginx file, the ladder API
#    and the ladder page /area/30000: requests/s, p50 and p99 latency, and
#    the ratio ladder/nginx;
# 3. browsing, not one hot URL (issue 11): every area x year of the demo on
#    /api/v1/ladder?area=A&year=Y and on /area/A?year=Y, fetched once from
#    ladder (which warms its cache, as nginx has its files in the page
#    cache) and written as static files that nginx serves under the same
#    URLs; then wrk cycles through each set (a Lua script, each thread from
#    its own offset) against both: requests/s, p50, p99, ratio;
#    before that, each set is fetched once cold (nothing cached): wall
#    time and the server's CPU time (user + system, /proc/PID/stat) per
#    answer;
# 4. the server's memory (VmRSS, VmHWM from /proc/PID/status) before and
#    after;
# 5. memory flatness: 1,000,000 requests (wrk, stopped by a Lua counter)
#    cycling through every browsing URL and 32 others (both languages,
#    errors), RSS printed after 100k, 250k, 500k and 1M;
# 6. the first answers after an import (issue 11: within 50 ms): one area's
#    reported figures of a year one person higher, `import --replace`d
#    while the server runs, then a page and an API answer of that area
#    that were never asked (lang=en), wall and server CPU.
# Prints a summary block, one metric a line; also written to $BENCH_OUT if set.
#
# Targets (issue 11): browsing the API and the pages at >= 0.5 x nginx's
# requests/s, p99 < 10 ms, and RSS flat over a million requests.
# Needs wrk and nginx (scripts/install-deps.sh: wrk nginx-light), curl.
# Only loopback addresses are used; every run is bounded in time. About 2-3
# minutes. BENCH_SECS (default 10) sets each wrk run's length, BENCH_MILLION
# the request count of the flatness run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER="$ROOT/build/ladder"
SECS=${BENCH_SECS:-10}
MILLION=${BENCH_MILLION:-1000000}
# ladder serve takes at most 32 connections from one address (its defence
# against one client holding the table, docs/api.md): more from wrk would
# only count refusals, so both servers get 32.
CONNS=32
THREADS=2

die() { echo "bench: $*" >&2; exit 1; }
for t in wrk nginx curl ss; do
	command -v "$t" >/dev/null || die "$t not found (scripts/install-deps.sh installs wrk, nginx-light, curl)"
done
if [[ ! -x "$LADDER" ]]; then
	echo "building $LADDER"
	make -C "$ROOT" >/dev/null
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-serve.XXXXXX")
chmod 755 "$TMP" # nginx workers may run as another user
LADDER_PID="" NGINX_PID=""
cleanup() {
	[[ -n $LADDER_PID ]] && kill -TERM "$LADDER_PID" 2>/dev/null && wait "$LADDER_PID" 2>/dev/null
	[[ -n $NGINX_PID ]] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
# a private copy: others may rebuild build/ladder meanwhile (ladder-full
# runs the publication and server commands)
cp "$LADDER" "$LADDER-full" "$TMP/"
LADDER="$TMP/ladder"
. "$ROOT/bench/lib.sh"

mem() { # mem PID : "VmRSS VmHWM" in kB
	awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { printf "%s %s", r, h }' "/proc/$1/status"
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

# ------------------------------------------------------------- servers
DB=$TMP/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"

LPORT=$(free_port)
"$LADDER" serve --db "$DB" --port "$LPORT" --threads 2 --quiet >"$TMP/ladder.out" 2>"$TMP/ladder.err" &
LADDER_PID=$!
LBASE=http://127.0.0.1:$LPORT
wait_up "$LBASE/api/v1/editions" "$LADDER_PID" || die "ladder serve did not start: $(cat "$TMP/ladder.err")"
API_PATH="/api/v1/ladder?area=30000&year=2017"
PAGE_PATH="/area/30000"

mkdir -p "$TMP/www" "$TMP/nginx"
curl -s -o "$TMP/www/ladder.json" "$LBASE$API_PATH"
API_BYTES=$(wc -c <"$TMP/www/ladder.json")
curl -s -o "$TMP/page.html" "$LBASE$PAGE_PATH"
PAGE_BYTES=$(wc -c <"$TMP/page.html")
[[ $API_BYTES -gt 100 ]] || die "the API answered $API_BYTES bytes"
chmod -R a+rX "$TMP/www"

NPORT=$(free_port)
while [[ $NPORT == "$LPORT" ]]; do NPORT=$(free_port); done
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user root;" # as root, nginx would drop to nobody
cat >"$TMP/nginx/nginx.conf" <<EOF
$user_line
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $TMP/nginx/body;
	proxy_temp_path $TMP/nginx/proxy;
	fastcgi_temp_path $TMP/nginx/fastcgi;
	uwsgi_temp_path $TMP/nginx/uwsgi;
	scgi_temp_path $TMP/nginx/scgi;
	default_type application/json;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$NPORT;
		root $TMP/www;
		location = /ladder.json { }
		location = /api/v1/ladder { default_type application/json; try_files /browse/api/\${arg_area}-\${arg_year}.json =404; }
		location ~ ^/area/([A-Za-z0-9-]+)\$ { default_type "text/html; charset=utf-8"; try_files /browse/area/\$1-\${arg_year}.html =404; }
	}
}
EOF
nginx -t -q -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx/t.err" || die "nginx -t: $(cat "$TMP/nginx/t.err")"
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx/start.err" &
NGINX_PID=$!
NBASE=http://127.0.0.1:$NPORT
wait_up "$NBASE/ladder.json" "$NGINX_PID" || die "nginx did not start: $(cat "$TMP/nginx/start.err" "$TMP/nginx/error.log" 2>/dev/null)"
cmp -s "$TMP/www/ladder.json" <(curl -s "$NBASE/ladder.json") || die "nginx does not serve the same bytes"

# ------------------------------------------------------- the browsing set
# every area x year with figures: the API answer and the page, from ladder
# (200 only), as files for nginx under the same URLs
mkdir -p "$TMP/www/browse/api" "$TMP/www/browse/area"
sqlite3 "$DB" "SELECT a.code, c.year FROM area a, (SELECT DISTINCT year FROM coverage WHERE kind = 'figure') c ORDER BY c.year, a.code" |
	tr '|' ' ' >"$TMP/browse.keys"
: >"$TMP/browse-api.curl"
: >"$TMP/browse-page.curl"
while read -r area year; do
	printf 'url = "%s/api/v1/ladder?area=%s&year=%s"\noutput = "%s/www/browse/api/%s-%s.json"\n' \
		"$LBASE" "$area" "$year" "$TMP" "$area" "$year" >>"$TMP/browse-api.curl"
	printf 'url = "%s/area/%s?year=%s"\noutput = "%s/www/browse/area/%s-%s.html"\n' \
		"$LBASE" "$area" "$year" "$TMP" "$area" "$year" >>"$TMP/browse-page.curl"
done <"$TMP/browse.keys"
# fill SET : every URL of the set once (cold: nothing of it cached), by two
# clients (one per server thread); sets FILL_S (wall) and FILL_CPU (the
# server's user + system time, which other load on the machine inflates less)
fill() {
	local t0 c0 pid0
	t0=$(date +%s.%N)
	c0=$(cpu_ticks "$LADDER_PID")
	awk 'int((NR - 1) / 2) % 2 == 0' "$TMP/browse-$1.curl" >"$TMP/browse-$1.curl.0"
	awk 'int((NR - 1) / 2) % 2 == 1' "$TMP/browse-$1.curl" >"$TMP/browse-$1.curl.1"
	curl -s -K "$TMP/browse-$1.curl.0" -w '%{http_code} %{url_effective}\n' >"$TMP/browse-$1.codes.0" &
	pid0=$!
	curl -s -K "$TMP/browse-$1.curl.1" -w '%{http_code} %{url_effective}\n' >"$TMP/browse-$1.codes.1" ||
		die "curl over the browsing set failed"
	wait "$pid0" || die "curl over the browsing set failed"
	FILL_S=$(secs_since "$t0")
	FILL_CPU=$(cpu_since "$c0" "$LADDER_PID")
	cat "$TMP/browse-$1.codes.0" "$TMP/browse-$1.codes.1" >>"$TMP/browse.codes"
}
: >"$TMP/browse.codes"
fill api
FILL_API_S=$FILL_S FILL_API_CPU=$FILL_CPU
fill page
FILL_PAGE_S=$FILL_S FILL_PAGE_CPU=$FILL_CPU
# keep what answered 200 (an area without figures of a year answers 404)
awk -v base="$LBASE" '$1 == 200 && index($2, base "/api/") == 1 { print substr($2, length(base) + 1) }' "$TMP/browse.codes" >"$TMP/browse-api.txt"
awk -v base="$LBASE" '$1 == 200 && index($2, base "/area/") == 1 { print substr($2, length(base) + 1) }' "$TMP/browse.codes" >"$TMP/browse-page.txt"
N_API=$(wc -l <"$TMP/browse-api.txt")
N_PAGE=$(wc -l <"$TMP/browse-page.txt")
((N_API > 100 && N_PAGE > 100)) || die "browsing set too small: $N_API API answers, $N_PAGE pages"
chmod -R a+rX "$TMP/www"
for f in api page; do
	u=$(sed -n 7p "$TMP/browse-$f.txt")
	cmp -s <(curl -s "$LBASE$u") <(curl -s "$NBASE$u") || die "nginx does not serve $u as ladder does"
done
cat >"$TMP/browse.lua" <<'EOF'
-- cycles through the URLs of BROWSE_FILE, each thread from its own offset
local paths = {}
for line in io.lines(os.getenv("BROWSE_FILE")) do paths[#paths + 1] = line end
local threads = {}
function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end
function init(args) i = (id * 7919) % #paths; bad = 0 end
function request()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end
function response(status, headers, body)
	if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
	local b = 0
	for _, t in ipairs(threads) do b = b + t:get("bad") end
	io.write(string.format("LUA unexpected %d\n", b))
end
EOF
# browse_run NAME BASE SET : wrk cycling through the set; sets RPS, P50,
# P99, ERRS (with the answers other than 200)
browse_run() {
	local out=$TMP/wrk-browse-$1.txt
	BROWSE_FILE=$TMP/browse-$3.txt wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$TMP/browse.lua" "$2/" >"$out" 2>&1 ||
		die "wrk $1 failed: $(cat "$out")"
	wrk_stats "$out"
	ERRS=$((ERRS + $(awk '/^LUA unexpected/ { print $3 }' "$out")))
}

# ---------------------------------------------------------------- wrk
# wrk_run NAME URL : runs wrk, sets RPS, P50, P99 (ms), ERRS
wrk_run() {
	local out=$TMP/wrk-$1.txt
	wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "$2" >"$out" 2>&1 || die "wrk $1 failed: $(cat "$out")"
	wrk_stats "$out"
}

read -r RSS0 HWM0 <<<"$(mem "$LADDER_PID")"
# warm-up (not measured): every worker thread loads its model and caches the
# two URLs, as nginx has its file in the page cache
wrk -t"$THREADS" -c"$CONNS" -d1s "$LBASE$API_PATH" >/dev/null 2>&1 || true
wrk -t"$THREADS" -c"$CONNS" -d1s "$LBASE$PAGE_PATH" >/dev/null 2>&1 || true
wrk -t"$THREADS" -c"$CONNS" -d1s "$NBASE/ladder.json" >/dev/null 2>&1 || true
echo "ladder serve on $LBASE (pid $LADDER_PID), nginx on $NBASE (pid $NGINX_PID); wrk -t$THREADS -c$CONNS -d${SECS}s --latency"
echo "API response $API_BYTES bytes, page $PAGE_BYTES bytes; load average now: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

wrk_run nginx "$NBASE/ladder.json"
N_RPS=$RPS N_P50=$P50 N_P99=$P99 N_ERR=$ERRS
wrk_run api "$LBASE$API_PATH"
A_RPS=$RPS A_P50=$P50 A_P99=$P99 A_ERR=$ERRS
wrk_run page "$LBASE$PAGE_PATH"
P_RPS=$RPS P_P50=$P50 P_P99=$P99 P_ERR=$ERRS
per_ms() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.1f", n ? 1000 * s / n : 0 }'; } # per_ms SECONDS COUNT
echo "browsing: $N_API API answers and $N_PAGE pages (every area x year with figures), fetched once to fill the cache:"
echo "  cold API answers: ${FILL_API_S}s wall, ${FILL_API_CPU}s server CPU ($(per_ms "$FILL_API_CPU" "$N_API") ms CPU each)"
echo "  cold pages:       ${FILL_PAGE_S}s wall, ${FILL_PAGE_CPU}s server CPU ($(per_ms "$FILL_PAGE_CPU" "$N_PAGE") ms CPU each)"
browse_run nginx-api "$NBASE" api
NB_A_RPS=$RPS NB_A_P50=$P50 NB_A_P99=$P99 NB_A_ERR=$ERRS
browse_run ladder-api "$LBASE" api
B_A_RPS=$RPS B_A_P50=$P50 B_A_P99=$P99 B_A_ERR=$ERRS
browse_run nginx-page "$NBASE" page
NB_P_RPS=$RPS NB_P_P50=$P50 NB_P_P99=$P99 NB_P_ERR=$ERRS
browse_run ladder-page "$LBASE" page
B_P_RPS=$RPS B_P_P50=$P50 B_P_P99=$P99 B_P_ERR=$ERRS
BROWSE_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
read -r RSS1 HWM1 <<<"$(mem "$LADDER_PID")"

# ------------------------------------------------- memory flatness: 1M
# 32 URLs (the API for every arrondissement and more, pages, in both
# languages) in turn; each thread stops itself after its share of requests.
cat >"$TMP/million.lua" <<'EOF'
local paths = {}
local areas = {"30000", "31000", "32000", "33000", "34000", "35000", "36000", "37000", "38000", "31005", "wvl-westhoek"}
for _, a in ipairs(areas) do
	paths[#paths + 1] = "/api/v1/ladder?area=" .. a .. "&year=2017"
	paths[#paths + 1] = "/api/v1/ladder?area=" .. a .. "&year=2017&lang=en"
end
for _, p in ipairs({"/area/30000", "/area/31000?year=2017", "/", "/api/v1/editions", "/api/v1/areas?q=Brugge",
		"/api/v1/series?area=30000", "/static/style.css", "/api/v1/ladder?area=30000&year=2017&format=csv",
		"/api/v1/subareas?area=30000&year=2017", "/nope"}) do
	paths[#paths + 1] = p
end
for _, f in ipairs({"browse-api.txt", "browse-page.txt"}) do
	for line in io.lines(os.getenv("WRK_DIR") .. "/" .. f) do paths[#paths + 1] = line end
end
local limit = tonumber(os.getenv("WRK_LIMIT"))
local threads = {}
function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end
function init(args) n, i, bad = 0, (id * 7) % #paths, 0 end
function request()
	i = i % #paths + 1
	return wrk.format("GET", paths[i])
end
-- wrk's main thread sleeps for -d whatever its threads do: a thread that
-- has made its share leaves a file behind and stops; the script sends wrk
-- SIGINT when every thread has, which ends the sleep and prints the summary.
function response(status, headers, body)
	n = n + 1
	if status ~= 200 and status ~= 404 then bad = bad + 1 end
	if n == limit then
		local f = io.open(os.getenv("WRK_FLAGS") .. "/thread-" .. id, "w")
		if f then f:write(n) f:close() end
		wrk.thread:stop()
	end
end
function done(summary, latency, requests)
	local total, b = 0, 0
	for _, t in ipairs(threads) do total = total + t:get("n"); b = b + t:get("bad") end
	io.write(string.format("LUA requests %d unexpected %d\n", total, b))
end
EOF
declare -A RSS_AT
million_part() { # million_part COUNT : COUNT more requests
	local per=$((($1 + THREADS - 1) / THREADS)) out=$TMP/wrk-million-$1.txt
	local flags=$TMP/flags-$1 wpid t
	rm -rf "$flags"
	mkdir -p "$flags"
	WRK_DIR=$TMP WRK_LIMIT=$per WRK_FLAGS=$flags wrk -t"$THREADS" -c"$CONNS" -d300s -s "$TMP/million.lua" "$LBASE/" >"$out" 2>&1 &
	wpid=$!
	for ((t = 0; t < 3000; t++)); do # at most 300 s
		[[ $(find "$flags" -type f | wc -l) -ge $THREADS ]] && break
		kill -0 "$wpid" 2>/dev/null || break
		sleep 0.1
	done
	kill -INT "$wpid" 2>/dev/null || true
	wait "$wpid" || die "wrk (1M) failed: $(cat "$out")"
	local got bad
	got=$(awk '/^LUA requests/ { print $3 }' "$out")
	bad=$(awk '/^LUA requests/ { print $5 }' "$out")
	DONE=$((DONE + got))
	BAD=$((BAD + bad))
	M_SECS=$(awk -v s="$M_SECS" '/requests in/ { t = $4; sub(/,$/, "", t); if (t ~ /ms$/) { sub(/ms$/, "", t); t /= 1000 } else if (t ~ /m$/) { sub(/m$/, "", t); t *= 60 } else sub(/s$/, "", t); s += t } END { print s }' "$out")
	read -r r _ <<<"$(mem "$LADDER_PID")"
	RSS_AT[$DONE]=$r
	printf '  after %8d requests: VmRSS %s\n' "$DONE" "$(mb "$r")"
}
DONE=0 BAD=0 M_SECS=0
read -r RSSM0 _ <<<"$(mem "$LADDER_PID")"
echo "memory flatness: $MILLION requests over $((32 + N_API + N_PAGE)) URLs (VmRSS at start $(mb "$RSSM0"))"
steps=(100000 150000 250000 500000)
if [[ $MILLION -ne 1000000 ]]; then steps=($((MILLION / 10)) $((MILLION * 9 / 10))); fi
for s in "${steps[@]}"; do million_part "$s"; done
read -r RSS2 HWM2 <<<"$(mem "$LADDER_PID")"
first_key=$(printf '%s\n' "${!RSS_AT[@]}" | sort -n | head -1)
last_key=$(printf '%s\n' "${!RSS_AT[@]}" | sort -n | tail -1)
R100=${RSS_AT[$first_key]}
R1M=${RSS_AT[$last_key]}

# ------------------------------------------- the first answers after an import
# an area's reported figures of the year one person higher, imported with
# --replace (a new store generation: every cached answer is stale); then a
# page and an API answer nobody asked before (lang=en), each timed alone
read -r IMP_AREA IMP_YEAR <<<"$(awk '$1 ~ /^3[0-9][0-9][0-9][1-9]$/ { a = $1; y = $2 } END { print a, y }' "$TMP/browse.keys")"
"$LADDER" export csv --db "$DB" --year "$IMP_YEAR" --area "$IMP_AREA" --reported --out "$TMP/revise.csv" >/dev/null 2>&1 ||
	die "export of $IMP_AREA $IMP_YEAR failed"
awk -F, -v OFS=, 'NR > 1 { $4 = $4 + 1 } { print }' "$TMP/revise.csv" >"$TMP/revised.csv"
t0=$(date +%s.%N)
"$LADDER" import --replace --db "$DB" "$TMP/revised.csv" >"$TMP/import.out" 2>&1 || die "import: $(cat "$TMP/import.out")"
IMPORT_S=$(secs_since "$t0")
first_after() { # first_after PATH : sets FIRST_MS (wall) and FIRST_CPU_MS (server)
	local c0 code
	c0=$(cpu_ticks "$LADDER_PID")
	read -r code FIRST_MS <<<"$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$LBASE$1")"
	[[ $code == 200 ]] || die "$1 after the import answered $code"
	FIRST_MS=$(awk -v t="$FIRST_MS" 'BEGIN { printf "%.1f", 1000 * t }')
	FIRST_CPU_MS=$(awk -v a="$c0" -v b="$(cpu_ticks "$LADDER_PID")" -v hz="$HZ" 'BEGIN { printf "%.0f", 1000 * (b - a) / hz }')
}
first_after "/area/$IMP_AREA?year=$IMP_YEAR&lang=en"
FP_MS=$FIRST_MS FP_CPU=$FIRST_CPU_MS
first_after "/api/v1/ladder?area=$IMP_AREA&year=$IMP_YEAR&lang=en"
FA_MS=$FIRST_MS FA_CPU=$FIRST_CPU_MS

# ------------------------------------------------------------- summary
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
verdict() { awk -v c="$1" 'BEGIN { print (c ? "ok" : "MISSED") }'; }
growth=$(awk -v a="$R100" -v b="$R1M" 'BEGIN { printf "%.1f", (b - a) / 1024 }')
summary=$(cat <<EOF
== ladder serve bench ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the end)
wrk -t$THREADS -c$CONNS -d${SECS}s --latency; ladder serve --threads 2; nginx worker_processes 2
nginx static file ($API_BYTES B):  $(printf '%8s' "$N_RPS") req/s  p50 $(printf '%7s' "$N_P50") ms  p99 $(printf '%7s' "$N_P99") ms  errors $N_ERR
ladder API ($API_BYTES B):         $(printf '%8s' "$A_RPS") req/s  p50 $(printf '%7s' "$A_P50") ms  p99 $(printf '%7s' "$A_P99") ms  errors $A_ERR
ladder page /area/30000 ($PAGE_BYTES B): $(printf '%8s' "$P_RPS") req/s  p50 $(printf '%7s' "$P_P50") ms  p99 $(printf '%7s' "$P_P99") ms  errors $P_ERR
ratio ladder API / nginx (one URL):  $(ratio "$A_RPS" "$N_RPS")
ratio ladder page / nginx (one URL): $(ratio "$P_RPS" "$N_RPS")
cold (nothing cached; server CPU in ticks of 1/$HZ s, less inflated by other load than wall time):
  every API answer once: $(printf '%6s' "$FILL_API_S") s wall, $(printf '%6s' "$FILL_API_CPU") s server CPU ($(per_ms "$FILL_API_CPU" "$N_API") ms CPU each)
  every page once:       $(printf '%6s' "$FILL_PAGE_S") s wall, $(printf '%6s' "$FILL_PAGE_CPU") s server CPU ($(per_ms "$FILL_PAGE_CPU" "$N_PAGE") ms CPU each)
after an import ($IMPORT_S s, --replace of $IMP_AREA $IMP_YEAR): first page $FP_MS ms (server CPU $FP_CPU ms), first API answer $FA_MS ms (CPU $FA_CPU ms)  (target < 50 ms: $(verdict "$(awk -v a="$FP_MS" -v b="$FA_MS" 'BEGIN { print (a < 50 && b < 50) }')"))
browsing every area x year (load average $BROWSE_LOAD during the runs):
  nginx  API   ($N_API files):  $(printf '%8s' "$NB_A_RPS") req/s  p50 $(printf '%7s' "$NB_A_P50") ms  p99 $(printf '%7s' "$NB_A_P99") ms  errors $NB_A_ERR
  ladder API   ($N_API answers):$(printf '%8s' "$B_A_RPS") req/s  p50 $(printf '%7s' "$B_A_P50") ms  p99 $(printf '%7s' "$B_A_P99") ms  errors $B_A_ERR
  nginx  pages ($N_PAGE files):  $(printf '%8s' "$NB_P_RPS") req/s  p50 $(printf '%7s' "$NB_P_P50") ms  p99 $(printf '%7s' "$NB_P_P99") ms  errors $NB_P_ERR
  ladder pages ($N_PAGE pages):  $(printf '%8s' "$B_P_RPS") req/s  p50 $(printf '%7s' "$B_P_P50") ms  p99 $(printf '%7s' "$B_P_P99") ms  errors $B_P_ERR
  ratio API / nginx:   $(ratio "$B_A_RPS" "$NB_A_RPS")  (target >= 0.50: $(verdict "$(awk -v a="$B_A_RPS" -v b="$NB_A_RPS" 'BEGIN { print (b > 0 && a / b >= 0.5) }')"))
  ratio pages / nginx: $(ratio "$B_P_RPS" "$NB_P_RPS")  (target >= 0.50: $(verdict "$(awk -v a="$B_P_RPS" -v b="$NB_P_RPS" 'BEGIN { print (b > 0 && a / b >= 0.5) }')"))
  p99 API $B_A_P99 ms, pages $B_P_P99 ms  (target < 10 ms: $(verdict "$(awk -v a="$B_A_P99" -v b="$B_P_P99" 'BEGIN { print (a < 10 && b < 10) }')"))
ladder memory before: VmRSS $(mb "$RSS0"), VmHWM $(mb "$HWM0")
ladder memory after the wrk runs: VmRSS $(mb "$RSS1"), VmHWM $(mb "$HWM1")
memory flatness: $DONE requests in ${M_SECS}s ($BAD unexpected statuses)
  VmRSS after $first_key requests: $(mb "$R100")
  VmRSS after $last_key requests: $(mb "$R1M")  (growth $growth MB; target flat, < 1 MB: $(verdict "$(awk -v g="$growth" 'BEGIN { print (g < 1) }')"))
  VmHWM at the end: $(mb "$HWM2")
EOF
)
echo
echo "$summary"
if [[ -n ${BENCH_OUT:-} ]]; then echo "$summary" >"$BENCH_OUT"; fi
