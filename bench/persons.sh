#!/usr/bin/env bash
# bench/persons.sh - ladder persons (issue 16) beside DuckDB and wc -l.
#
#   bash bench/persons.sh                    (sizes 1 M, 5 M, 20 M rows)
#   BENCH_SIZES="1000000" bash bench/persons.sh
#
# For each size: generates realistic episodes (bench/persons_gen.c: persons
# with 1-40 episodes, overlaps, 15 % open ends, the 300 municipalities of
# data/ref/areas.csv weighted by a Zipf law, the work forms of
# data/ref/work_forms.csv with their rungs, rows ordered by start date), then
# times whole processes, best of $BENCH_RUNS (default 3), with peak RSS:
#   - wc -l FILE: the floor (reading the bytes once);
#   - ladder persons flows --from D1 --to D2 --snapshot S FILE: the snapshot
#     of D2 and the flows D1 -> D2 from one reading, from the file and from
#     standard input (< FILE);
#   - ladder persons snapshot + ladder persons flows: two processes;
#   - DuckDB (npm @duckdb/node-api, installed into $BENCH_CACHE, default
#     ~/.cache/ladder-bench): read_csv with 2 threads into a table, the same
#     contract in SQL (bench/persons_duckdb.js); its outputs must be
#     identical to ladder's, byte for byte.
# Prints one table; also written to $BENCH_OUT if set. The machine's load
# (uptime) is printed beside it: the figures are only comparable within one
# run. Targets (issue 16): at 20 M rows ladder >= 5x faster than DuckDB,
# peak memory <= 400 MiB, also from standard input.
# Needs: cc, node + npm (without them DuckDB is left out), /usr/bin/time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER="$ROOT/build/ladder"
SIZES=${BENCH_SIZES:-"1000000 5000000 20000000"}
RUNS=${BENCH_RUNS:-3}
CACHE=${BENCH_CACHE:-$HOME/.cache/ladder-bench}
D1=2019-01-01
D2=2020-01-01
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-persons.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

make -s -C "$ROOT" build/ladder >/dev/null
mkdir -p "$ROOT/build/bench"
cc -O2 -o "$ROOT/build/bench/persons_gen" "$ROOT/bench/persons_gen.c" -lm
GEN="$ROOT/build/bench/persons_gen"
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is needed (package time)" >&2; exit 1; }

# the municipalities, the largest cities first (they get the largest weights)
python3 - "$ROOT/data/ref/areas.csv" >"$WORK/areas.txt" <<'PY'
import csv, sys
big = ['11002', '44021', '31005', '24062', '12025', '41002', '34022', '71016', '35013', '46021', '13040', '23088']
codes = [r['code'] for r in csv.DictReader(open(sys.argv[1])) if r['level'] == 'municipality']
print('\n'.join([c for c in big if c in codes] + [c for c in codes if c not in big]))
PY
python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1])): print(r["code"], r["rung"])' "$ROOT/data/ref/work_forms.csv" >"$WORK/forms.txt"

duck=""
if command -v node >/dev/null && command -v npm >/dev/null; then
	if [[ ! -d $CACHE/duckdb/node_modules/@duckdb/node-api ]]; then
		mkdir -p "$CACHE/duckdb"
		npm install --prefix "$CACHE/duckdb" --no-audit --no-fund @duckdb/node-api >"$WORK/npm.log" 2>&1 ||
			{ echo "bench: npm install @duckdb/node-api failed; DuckDB left out" >&2; cat "$WORK/npm.log" >&2; }
	fi
	[[ -d $CACHE/duckdb/node_modules/@duckdb/node-api ]] && duck=$CACHE/duckdb
else
	echo "bench: node/npm not found; DuckDB left out" >&2
fi

# best RUNS CMD... : runs CMD (a shell string) RUNS times; sets SECS (best
# wall time) and MIB (peak RSS of that run)
best() {
	local runs=$1 cmd=$2 i t m
	SECS="" MIB=""
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f "%e %M" -o "$WORK/time" bash -c "exec $cmd" >/dev/null 2>"$WORK/err" ||
			{ echo "bench: failed: $cmd" >&2; cat "$WORK/err" >&2; exit 1; }
		read -r t m <"$WORK/time"
		if [[ -z $SECS ]] || awk -v a="$t" -v b="$SECS" 'BEGIN { exit !(a < b) }'; then
			SECS=$t
			MIB=$((m / 1024))
		fi
	done
}

out="$WORK/table"
{
	echo "ladder persons vs DuckDB (snapshot of $D2 + flows $D1 -> $D2, whole processes, best of $RUNS)"
	echo "load before: $(uptime | sed 's/.*load average/load average/')"
	printf '%-10s %8s %7s | %8s %8s %8s %7s | %8s %7s | %8s %7s | %s\n' \
		rows MB "wc -l" ladder "stdin" "2 procs" MiB duckdb MiB "duck/ldr" "ldr/wc" identical
} >"$out"
cat "$out"
for n in $SIZES; do
	f="$WORK/episodes-$n.csv"
	"$GEN" "$n" 1 "$WORK/areas.txt" "$WORK/forms.txt" >"$f"
	mb=$(($(stat -c %s "$f") / 1000000))
	best "$RUNS" "wc -l '$f'"
	wc_s=$SECS
	best "$RUNS" "'$LADDER' persons flows --from $D1 --to $D2 --snapshot '$WORK/l-snap.csv' --force '$f' --format csv --lang en >'$WORK/l-flows.csv'"
	l_s=$SECS l_mib=$MIB
	best "$RUNS" "'$LADDER' persons flows --from $D1 --to $D2 --snapshot '$WORK/s-snap.csv' --force - --format csv --lang en <'$f' >'$WORK/s-flows.csv'"
	s_s=$SECS s_mib=$MIB
	cmp -s "$WORK/l-flows.csv" "$WORK/s-flows.csv" && cmp -s "$WORK/l-snap.csv" "$WORK/s-snap.csv" ||
		{ echo "bench: ladder's outputs from stdin differ from the file's" >&2; exit 1; }
	best "$RUNS" "sh -c \"'$LADDER' persons snapshot --date $D2 '$f' --format csv --lang en >'$WORK/p-snap.csv' && '$LADDER' persons flows --from $D1 --to $D2 '$f' --format csv --lang en >'$WORK/p-flows.csv'\""
	p_s=$SECS
	cmp -s "$WORK/p-snap.csv" "$WORK/l-snap.csv" || { echo "bench: snapshot differs from flows --snapshot" >&2; exit 1; }
	[[ $s_mib -gt $l_mib ]] && l_mib=$s_mib
	d_s="-" d_mib="-" ratio="-" same="-"
	if [[ -n $duck ]]; then
		best "$RUNS" "env DUCKDB_DIR='$duck' node '$ROOT/bench/persons_duckdb.js' '$f' $D1 $D2 '$WORK/d-snap.csv' '$WORK/d-flows.csv'"
		d_s=$SECS d_mib=$MIB
		ratio=$(awk -v a="$d_s" -v b="$l_s" 'BEGIN { printf "%.1fx", a / b }')
		if cmp -s "$WORK/d-snap.csv" "$WORK/l-snap.csv" && cmp -s "$WORK/d-flows.csv" "$WORK/l-flows.csv"; then same=yes; else same=NO; fi
	fi
	wr=$(awk -v a="$l_s" -v b="$wc_s" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
	printf '%-10s %8s %7s | %8s %8s %8s %7s | %8s %7s | %8s %7s | %s\n' \
		"$n" "$mb" "$wc_s" "$l_s" "$s_s" "$p_s" "$l_mib" "$d_s" "$d_mib" "$ratio" "$wr" "$same" | tee -a "$out"
	rm -f "$f"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')" | tee -a "$out"
echo "seconds are wall time; MiB is peak RSS (ladder: the larger of file and stdin); duck/ldr: DuckDB's time over ladder's (one process)" | tee -a "$out"
[[ -n ${BENCH_OUT:-} ]] && cp "$out" "$BENCH_OUT"
[[ $same != NO ]]
