#!/usr/bin/env bash
# bench/pages.sh - cold dashboard pages of the full synthetic demo, per level.
#
#   bash bench/pages.sh            # build/ladder
#   LADDER_BIN=/path/ladder bash bench/pages.sh   # another build, to compare
#
# 1. `ladder demo --full` in a temp dir (every municipality 2003-2025 with its
#    labour-market context: the pages of larger areas add that up);
# 2. `ladder serve --threads 1`, its model loaded by one API call;
# 3. for a municipality (Brugge 31005), an arrondissement (31000), a province
#    (30000) and the Flemish Region (02000): /area/CODE?year=Y for each year
#    of BENCH_YEARS, each asked once (nothing of it cached): wall time per
#    page (curl) and the server's CPU time (user + system, /proc/PID/stat,
#    in ticks of 1/HZ s, summed over the pages: other load on the machine
#    inflates it less than wall time);
# 4. the first pages after an import: one municipality's reported figures of
#    a year one person higher, `import --replace`d while the server runs,
#    then that municipality's page and its province's, never asked before.
# Prints one line per level and a summary; also written to $BENCH_OUT if set.
# Target (issue 11): a page of any area in tens of milliseconds; the first
# page after an import within 50 ms. Needs curl and ss. About a minute.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER=${LADDER_BIN:-$ROOT/build/ladder}
YEARS=${BENCH_YEARS:-2025 2024 2023 2021 2019 2017 2014 2010 2006 2003}

die() { echo "bench: $*" >&2; exit 1; }
for t in curl ss; do command -v "$t" >/dev/null || die "$t not found"; done
[[ -x $LADDER && -x $LADDER-full ]] || die "$LADDER or $LADDER-full missing (make)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-pages.XXXXXX")
LADDER_PID=""
cleanup() {
	[[ -n $LADDER_PID ]] && kill -TERM "$LADDER_PID" 2>/dev/null && wait "$LADDER_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
cp "$LADDER" "$LADDER-full" "$TMP/" # others may rebuild build/ meanwhile
LADDER=$TMP/ladder
. "$ROOT/bench/lib.sh"

DB=$TMP/full.db
t0=$(date +%s.%N)
"$LADDER" demo --full --db "$DB" >/dev/null 2>&1 || die "ladder demo --full failed"
DEMO_S=$(secs_since "$t0")

PORT=$(free_port)
"$LADDER" serve --db "$DB" --port "$PORT" --threads 1 --quiet >"$TMP/serve.out" 2>"$TMP/serve.err" &
LADDER_PID=$!
BASE=http://127.0.0.1:$PORT
wait_up "$BASE/api/v1/editions" "$LADDER_PID" || die "ladder serve did not start: $(cat "$TMP/serve.err")"

# page PATH : fetches it once; sets WALL_MS and CPU_TICKS (the server's)
page() {
	local c0 code t
	c0=$(cpu_ticks "$LADDER_PID")
	read -r code t <<<"$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$BASE$1")"
	[[ $code == 200 ]] || die "$1 answered $code"
	WALL_MS=$(awk -v t="$t" 'BEGIN { printf "%.1f", 1000 * t }')
	CPU_TICKS=$(($(cpu_ticks "$LADDER_PID") - c0))
}

LEVELS=("municipality 31005" "arrondissement 31000" "province 30000" "region 02000")
declare -a LINES
for lv in "${LEVELS[@]}"; do
	read -r level code <<<"$lv"
	n=0 ticks=0 walls=""
	for y in $YEARS; do
		page "/area/$code?year=$y"
		n=$((n + 1)) ticks=$((ticks + CPU_TICKS)) walls="$walls $WALL_MS"
	done
	LINES+=("$(echo "$walls" | awk -v lv="$level $code" -v n="$n" -v t="$ticks" -v hz="$HZ" '{
		for (i = 1; i <= NF; i++) { s += $i; if ($i > m) m = $i }
		printf "  %-21s %2d pages: wall mean %7.1f ms, max %7.1f ms; server CPU %7.1f ms a page\n", lv, n, s / n, m, 1000 * t / hz / n }')")
	echo "${LINES[-1]}"
done

# the first pages after an import
read -r IMP_AREA IMP_YEAR <<<"31005 2024"
"$LADDER" export csv --db "$DB" --year "$IMP_YEAR" --area "$IMP_AREA" --reported --out "$TMP/revise.csv" >/dev/null 2>&1 ||
	die "export of $IMP_AREA $IMP_YEAR failed"
awk -F, -v OFS=, 'NR > 1 { $4 = $4 + 1 } { print }' "$TMP/revise.csv" >"$TMP/revised.csv"
t0=$(date +%s.%N)
"$LADDER" import --replace --db "$DB" "$TMP/revised.csv" >"$TMP/import.out" 2>&1 || die "import: $(cat "$TMP/import.out")"
IMPORT_S=$(secs_since "$t0")
page "/area/$IMP_AREA?year=$IMP_YEAR&lang=en"
FM_MS=$WALL_MS FM_CPU=$(awk -v t="$CPU_TICKS" -v hz="$HZ" 'BEGIN { printf "%.0f", 1000 * t / hz }')
page "/area/30000?year=$IMP_YEAR&lang=en"
FP_MS=$WALL_MS FP_CPU=$(awk -v t="$CPU_TICKS" -v hz="$HZ" 'BEGIN { printf "%.0f", 1000 * t / hz }')

summary=$(
	cat <<EOF
== ladder pages of the full demo ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg) at the end)
$("$LADDER" --version 2>/dev/null | head -1); ladder demo --full ${DEMO_S}s; serve --threads 1; years: $YEARS
cold pages (each URL once; server CPU in ticks of 1/$HZ s summed over the pages):
$(printf '%s\n' "${LINES[@]}")
after an import (${IMPORT_S}s, --replace of $IMP_AREA $IMP_YEAR): first page of $IMP_AREA $FM_MS ms (CPU $FM_CPU ms), of 30000 $FP_MS ms (CPU $FP_CPU ms)  (target < 50 ms)
EOF
)
echo
echo "$summary"
if [[ -n ${BENCH_OUT:-} ]]; then echo "$summary" >"$BENCH_OUT"; fi
