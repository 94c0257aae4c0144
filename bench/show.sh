#!/usr/bin/env bash
# bench/show.sh - `ladder show` as a whole process (start, open the store,
# load the model, read two cached grids and the context, print), the way a
# person or a script runs it; issue 14's target: under 20 ms.
#
#   bash bench/show.sh            (also part of: make bench)
#   SHOW_RUNS=50 bash bench/show.sh
#   LADDER=/path/to/other/ladder bash bench/show.sh   (another build, to compare)
#
# 1. builds the default demo (`ladder demo`) and the full synthetic one
#    (`ladder demo --full`: every municipality of 2003-2025 on the map of
#    its year, the context of every area), not timed;
# 2. one untimed show per case (the grid cache is then warm, as after an
#    import that computes the grids), then SHOW_RUNS (20) runs of each
#    case: the Flemish Region (its context sums 300 municipalities), a
#    province and municipalities (Kortrijk; on the full demo Deinze, merged
#    in 2019, and the old Deinze), in an old-map and a new-map year;
# 3. prints per case the mean and minimum wall time and the mean CPU time
#    (user + system) in ms, and whether the slowest mean is under 20 ms.
# Wall times on a busy machine (load average printed) say little: the CPU
# time is the steadier figure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER=${LADDER:-$ROOT/build/ladder}
RUNS=${SHOW_RUNS:-20}
[[ -x $LADDER ]] || make -C "$ROOT" -s
work=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-show.XXXXXX")
trap 'rm -rf "$work"' EXIT
# a private copy: others may rebuild build/ladder meanwhile
cp "$LADDER" "$work/ladder"
LADDER="$work/ladder"
cd "$work"
"$LADDER" demo --quiet --db default.db >/dev/null
"$LADDER" demo --full --quiet --db full.db >/dev/null
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

# cpu_ms: sets CPU_MS, the children's user + system time so far in ms
# (bash's times, run in this shell: in a $(...) it would count the subshell's)
cpu_ms() {
	times >"$work/times.txt"
	CPU_MS=$(tail -n 1 "$work/times.txt" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); sub(/,/, ".", p[2]); n += p[1] * 60 + p[2] }; printf "%.0f", n * 1000 }')
}

worst=0
printf "%-8s %-6s %-5s %9s %9s %9s\n" demo area year "mean_ms" "min_ms" "cpu_ms"
for c in "default 02000 2017" "default 30000 2017" "default 34022 2017" \
	"full 02000 2025" "full 02000 2017" "full 30000 2017" "full 30000 2025" "full 44083 2025" "full 44011 2017"; do
	read -r demo area year <<<"$c"
	"$LADDER" --db "$demo.db" show --area "$area" --year "$year" >/dev/null 2>&1 || { echo "bench: show $c failed" >&2; exit 1; }
	sum=0
	min=
	cpu_ms
	c0=$CPU_MS
	for ((i = 0; i < RUNS; i++)); do
		# no $(...) around the run: a subshell's fork would count in both times
		t0=${EPOCHREALTIME/[.,]/}
		"$LADDER" --db "$demo.db" show --area "$area" --year "$year" >/dev/null
		t1=${EPOCHREALTIME/[.,]/}
		t=$((10#$t1 - 10#$t0))
		sum=$((sum + t))
		[[ -z $min || $t -lt $min ]] && min=$t
	done
	cpu_ms
	c1=$CPU_MS
	read -r mean_ms min_ms cpu <<<"$(awk -v s="$sum" -v n="$RUNS" -v m="$min" -v a="$c0" -v b="$c1" \
		'BEGIN { printf "%.1f %.1f %.1f", s / n / 1000, m / 1000, (b - a) / n }')"
	printf "%-8s %-6s %-5s %9s %9s %9s\n" "$demo" "$area" "$year" "$mean_ms" "$min_ms" "$cpu"
	worst=$(awk -v a="$worst" -v b="$mean_ms" 'BEGIN { print (b > a ? b : a) }')
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "== summary"
echo "show_slowest_mean_ms $worst"
awk -v w="$worst" 'BEGIN { printf "target: slowest mean < 20 ms: %s\n", (w + 0 < 20 ? "met" : "NOT met") }'
