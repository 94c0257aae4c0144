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
# 2. wrk -t2 -c64 -d10s --latency against the nginx file, the ladder API
#    and the ladder page /area/30000: requests/s, p50 and p99 latency, and
#    the ratio ladder/nginx;
# 3. the server's memory (VmRSS, VmHWM from /proc/PID/status) before and
#    after;
# 4. memory flatness: 1,000,000 requests (wrk, stopped by a Lua counter) over
#    32 API URLs and pages, RSS printed after 100k, 250k, 500k and 1M.
# Prints a summary block, one metric a line; also written to $BENCH_OUT if set.
#
# Targets (the issue's): at 64 connections ladder API >= 0.5 x nginx
# requests/s, p99 < 5 ms, and RSS flat after a million requests.
# Needs wrk and nginx (scripts/install-deps.sh: wrk nginx-light), curl.
# Only loopback addresses are used; every run is bounded in time. About 2-3
# minutes. BENCH_SECS (default 10) sets each wrk run's length, BENCH_MILLION
# the request count of the flatness run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER="$ROOT/build/ladder"
SECS=${BENCH_SECS:-10}
MILLION=${BENCH_MILLION:-1000000}
CONNS=64
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

free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 20000))
		if [[ -z $(ss -Hltn "sport = :$p") ]]; then
			echo "$p"
			return 0
		fi
	done
	die "no free port"
}
wait_up() { # wait_up URL PID
	for _ in $(seq 1 200); do
		kill -0 "$2" 2>/dev/null || return 1
		curl -s -o /dev/null --max-time 1 "$1" && return 0
		sleep 0.05
	done
	return 1
}
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
	}
}
EOF
nginx -t -q -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx/t.err" || die "nginx -t: $(cat "$TMP/nginx/t.err")"
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx/start.err" &
NGINX_PID=$!
NBASE=http://127.0.0.1:$NPORT
wait_up "$NBASE/ladder.json" "$NGINX_PID" || die "nginx did not start: $(cat "$TMP/nginx/start.err" "$TMP/nginx/error.log" 2>/dev/null)"
cmp -s "$TMP/www/ladder.json" <(curl -s "$NBASE/ladder.json") || die "nginx does not serve the same bytes"

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
	WRK_LIMIT=$per WRK_FLAGS=$flags wrk -t"$THREADS" -c"$CONNS" -d300s -s "$TMP/million.lua" "$LBASE/" >"$out" 2>&1 &
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
echo "memory flatness: $MILLION requests over 32 URLs (VmRSS at start $(mb "$RSSM0"))"
steps=(100000 150000 250000 500000)
if [[ $MILLION -ne 1000000 ]]; then steps=($((MILLION / 10)) $((MILLION * 9 / 10))); fi
for s in "${steps[@]}"; do million_part "$s"; done
read -r RSS2 HWM2 <<<"$(mem "$LADDER_PID")"
first_key=$(printf '%s\n' "${!RSS_AT[@]}" | sort -n | head -1)
last_key=$(printf '%s\n' "${!RSS_AT[@]}" | sort -n | tail -1)
R100=${RSS_AT[$first_key]}
R1M=${RSS_AT[$last_key]}

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
ratio ladder API / nginx:  $(ratio "$A_RPS" "$N_RPS")  (target >= 0.50: $(verdict "$(awk -v a="$A_RPS" -v b="$N_RPS" 'BEGIN { print (b > 0 && a / b >= 0.5) }')"))
ratio ladder page / nginx: $(ratio "$P_RPS" "$N_RPS")
p99 ladder API $A_P99 ms, page $P_P99 ms  (target < 5 ms: $(verdict "$(awk -v a="$A_P99" -v b="$P_P99" 'BEGIN { print (a < 5 && b < 5) }')"))
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
