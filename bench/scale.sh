#!/usr/bin/env bash
# bench/scale.sh - ladder on stores of real size (issue 12): how the work
# grows with the figures.
#
#   bash bench/scale.sh                       all sections, 100k, 500k and 2M figures
#   SCALE_SIZES="100000" bash bench/scale.sh  other sizes
#   SCALE_SECTIONS="check" bash bench/scale.sh
#   SCALE_SECTIONS="pages" bash bench/scale.sh  wrk on every route (largest store)
#   SCALE_STORES=DIR bash bench/scale.sh      keep the stores in DIR and use them
#                                             again next time (building 2M takes minutes)
#
# Stores: 15 years (2010-2024) x 3 editions (2023-2025) of the work forms of
# data/ref/work_forms.csv, each within its validity, over as many
# municipalities as the size needs: the 293 of data/ref/areas.csv on the map of every year, then
# synthetic ones (codes 9xxxx) under the arrondissements, imported with
# `ladder areas import`. Figures keep their level from year to year and 1 %
# of them is revised by a later edition (bench/gen_figures.c, REVISED 10),
# so that check reports what a real store gives it, not a flood.
#
# Sections (each prints one table; add a section as a function section_NAME
# and list it in SECTIONS):
#   check   `ladder check` as a whole process (best of 3; wall and CPU
#           seconds), beside sqlite3 reading every figure in key order (what
#           the revision rule reads), and the ratio. Target: check < 2 s at
#           2M and linear in the figures.
#   pages   `ladder serve --threads 2` on the largest store while imports
#           run one after another (a new edition of PAGES_IMPORT figures,
#           default 100000, then its figures changed, with --replace): wrk -t2 -c8 for PAGES_SECS seconds (default
#           5) on every page type and API route, p50/p99/max latency,
#           requests/s and errors per route. Target: p99 < 50 ms for every
#           route during an import.
# A summary block at the end, one metric a line; also to $BENCH_OUT if set.
# Needs: cc, sqlite3, /usr/bin/time (package `time`); pages: wrk, curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER="$ROOT/build/ladder"
GEN="$ROOT/build/bench/gen_figures"
SIZES=${SCALE_SIZES:-"100000 500000 2000000"}
SECTIONS=${SCALE_SECTIONS:-"check pages"}
YEAR_FROM=2010
YEAR_TO=2024
LAST_EDITION=2025
EDITIONS=3
REVISED=10 # per mille
RUNS=3

die() { echo "scale: $*" >&2; exit 1; }

command -v sqlite3 >/dev/null || die "sqlite3 not found (package sqlite3)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (package time)"
if [[ ! -x "$LADDER" ]]; then
	make -C "$ROOT" >/dev/null
fi
if [[ ! -x "$GEN" || "$ROOT/bench/gen_figures.c" -nt "$GEN" ]]; then
	mkdir -p "$(dirname "$GEN")"
	cc -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" "$ROOT/bench/gen_figures.c"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ladder-scale.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# a private copy: others may rebuild build/ladder meanwhile
cp "$LADDER" "$LADDER-full" "$TMP/"
LADDER="$TMP/ladder"
. "$ROOT/bench/lib.sh"

# ------------------------------------------------------------------ stores
# the municipalities on the map of every year generated
areas_through "$ROOT/data/ref/areas.csv" "$YEAR_FROM" "$YEAR_TO" >"$TMP/areas.csv"
AREAS_CSV="$TMP/areas.csv"
FORMS_CSV="$ROOT/data/ref/work_forms.csv"
col_of() { awk -F, -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) print i; exit }' "$2"; }
LEVEL=$(col_of level "$AREAS_CSV")
awk -F, -v L="$LEVEL" 'NR > 1 && $L == "municipality" { print $1 }' "$AREAS_CSV" >"$TMP/munis.txt"
awk -F, -v L="$LEVEL" 'NR > 1 && $L == "arrondissement" { print $1 }' "$AREAS_CSV" >"$TMP/arr.txt"
# work forms with their validity in years (0: open), for gen_figures
FROM=$(col_of valid_from "$FORMS_CSV")
TO=$(col_of valid_to "$FORMS_CSV")
awk -F, -v F="$FROM" -v T="$TO" 'NR > 1 && $1 != "" { printf "%s,%d,%d\n", $1, substr($F, 1, 4) + 0, substr($T, 1, 4) + 0 }' \
	"$FORMS_CSV" >"$TMP/forms.txt"
# (area, work form, year) keys per municipality over the years
PAIRS=$(awk -F, -v y0=$YEAR_FROM -v y1=$YEAR_TO '{ for (y = y0; y <= y1; y++) if ((!$2 || y >= $2) && (!$3 || y <= $3)) n++ } END { print n }' "$TMP/forms.txt")
((PAIRS > 0)) || die "no work form valid in $YEAR_FROM-$YEAR_TO"

# build_store SIZE: $TMP/scale-SIZE.db; sets DB, N_AREAS, IMPORT_S.
# add_context: the labour-market context the pages and /api/v1/context show
# (wage employees and inhabitants 18-64 per municipality and year), so those
# routes are measured answering, not refusing a store without context
add_context() {
	[[ $(sqlite3 "$DB" "SELECT count(*) FROM context") -gt 0 ]] && return 0
	awk -v y0=$YEAR_FROM -v y1=$YEAR_TO -v ed=$LAST_EDITION 'BEGIN { OFS = ","; print "year,area,indicator,value,edition" }
		{ for (y = y0; y <= y1; y++) {
			print y, $1, "wage_employees", 2000 + (NR * 37 + y) % 9000, ed
			print y, $1, "population_18_64", 5000 + (NR * 53 + y) % 30000, ed } }' \
		"$TMP/areas-$size.txt" >"$TMP/context-$size.csv"
	"$LADDER" import --db "$DB" "$TMP/context-$size.csv" >/dev/null
}

build_store() {
	local size=$1 need real synth
	need=$(((size + EDITIONS * PAIRS - 1) / (EDITIONS * PAIRS)))
	real=$(wc -l <"$TMP/munis.txt")
	synth=$((need > real ? need - real : 0))
	DB="$TMP/scale-$size.db"
	N_AREAS=$need
	rm -f "$DB" "$DB-wal" "$DB-shm"
	local kept=${SCALE_STORES:+$SCALE_STORES/scale-$size}
	if [[ -n $kept && -f $kept.db && -f $kept.areas ]]; then
		cp "$kept.db" "$DB"
		cp "$kept.areas" "$TMP/areas-$size.txt"
		"$LADDER" show --db "$DB" --area 30000 --year $YEAR_TO >/dev/null # migrates a store of an older schema
		IMPORT_S="(kept)"
		add_context
		return 0
	fi
	"$LADDER" init --db "$DB" >/dev/null
	head -n "$need" "$TMP/munis.txt" >"$TMP/areas-$size.txt"
	if ((synth > 0)); then
		awk -v n="$synth" 'BEGIN { print "code,name_nl,level,parent" } { a[NR] = $1 }
			END { for (i = 1; i <= n; i++) printf "9%04d,Testgemeente %d,municipality,%s\n", i, i, a[(i - 1) % NR + 1] }' \
			"$TMP/arr.txt" >"$TMP/synth-$size.csv"
		"$LADDER" areas import --db "$DB" "$TMP/synth-$size.csv" >/dev/null
		tail -n +2 "$TMP/synth-$size.csv" | cut -d, -f1 >>"$TMP/areas-$size.txt"
	fi
	"$GEN" "$TMP/areas-$size.txt" "$TMP/forms.txt" "$size" $YEAR_FROM $YEAR_TO $LAST_EDITION "$TMP/fig-$size.csv" $REVISED 2>/dev/null
	local t0 t1
	t0=$(now_us)
	"$LADDER" import --db "$DB" "$TMP/fig-$size.csv" >/dev/null
	t1=$(now_us)
	IMPORT_S=$(secs $((t1 - t0)))
	rm -f "$TMP/fig-$size.csv"
	local stored
	stored=$(sqlite3 "$DB" "SELECT count(*) FROM figure")
	[[ "$stored" == "$size" ]] || die "store of $size holds $stored figures"
	add_context
	if [[ -n $kept ]]; then
		mkdir -p "$SCALE_STORES"
		cp "$DB" "$kept.db"
		cp "$TMP/areas-$size.txt" "$kept.areas"
	fi
}

now_us() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((10#$t))
}
secs() { awk -v us="$1" 'BEGIN { printf "%.3f", us / 1e6 }'; }

# best_of LOG CMD...: runs CMD $RUNS times (exit status 0-2: check's
# findings are not failures); sets BEST_S (wall) and BEST_CPU (user+sys)
# of the fastest run.
best_of() {
	local log=$1 i rc e u s
	shift
	BEST_S=
	BEST_CPU=
	for ((i = 0; i < RUNS; i++)); do
		rc=0
		/usr/bin/time -f "%e %U %S" -o "$TMP/time.out" "$@" >"$log" 2>&1 || rc=$?
		((rc <= 2)) || { tail -n 5 "$log" >&2; die "failed ($rc): $*"; }
		grep -q "^Command" "$TMP/time.out" && sed -i '/^Command/d' "$TMP/time.out"
		read -r e u s <"$TMP/time.out"
		if [[ -z $BEST_S ]] || awk -v a="$e" -v b="$BEST_S" 'BEGIN { exit !(a < b) }'; then
			BEST_S=$e
			BEST_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
		fi
	done
}

SUMMARY="$TMP/summary.txt"
: >"$SUMMARY"
metric() { echo "$1 $2" >>"$SUMMARY"; }

# ---------------------------------------------------------------- sections
section_check() {
	echo
	echo "== ladder check (best of $RUNS, whole process)"
	printf '%-9s %6s %9s %9s %8s %9s %9s %6s\n' figures areas findings "check s" "cpu s" "sqlite3 s" "s/M fig" ratio
	local size
	for size in $SIZES; do
		DB="$TMP/scale-$size.db"
		best_of "$TMP/check-$size.out" "$LADDER" check --db "$DB"
		local check_s=$BEST_S check_cpu=$BEST_CPU findings
		findings=$(grep -cE '^[a-z_]+ +(info|waarschuwing|fout) ' "$TMP/check-$size.out" || true)
		# the revision rule reads every figure once, by (edition, year) in key order
		best_of "$TMP/sqlite-$size.out" sqlite3 "$DB" \
			"SELECT area, work_form, persons, flag FROM figure ORDER BY edition, year, area, work_form"
		local sq_s=$BEST_S per ratio
		per=$(awk -v s="$check_s" -v n="$size" 'BEGIN { printf "%.2f", s / (n / 1e6) }')
		ratio=$(awk -v a="$check_s" -v b="$sq_s" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
		printf '%-9s %6s %9s %9s %8s %9s %9s %6s\n' "$size" "${AREAS[$size]}" "$findings" "$check_s" "$check_cpu" "$sq_s" "$per" "$ratio"
		metric "check_${size}_s" "$check_s"
		metric "check_${size}_cpu_s" "$check_cpu"
		metric "sqlite3_read_${size}_s" "$sq_s"
	done
	echo "target: check < 2 s at 2000000 figures; s/M fig about constant (linear)"
}

section_pages() {
	command -v wrk >/dev/null || die "wrk not found (scripts/install-deps.sh installs it)"
	command -v curl >/dev/null || die "curl not found"
	local size secs=${PAGES_SECS:-5} nimp=${PAGES_IMPORT:-100000} port pid imp_pid y=$YEAR_TO
	for size in $SIZES; do :; done # the largest (last) store
	DB="$TMP/scale-$size.db"
	# a new edition, and the same rows one person higher: imported in turn
	# with --replace, every import writes all its rows
	local k
	"$GEN" "$TMP/areas-$size.txt" "$TMP/forms.txt" "$nimp" $YEAR_FROM $YEAR_TO $((LAST_EDITION + 1)) \
		"$TMP/import-1.csv" $REVISED 2>/dev/null
	awk -F, -v OFS=, 'NR > 1 { $4 = $4 + 1 } { print }' "$TMP/import-1.csv" >"$TMP/import-2.csv"
	port=$((20000 + RANDOM % 20000))
	"$LADDER" serve --db "$DB" --port "$port" --threads 2 --quiet >"$TMP/serve.out" 2>"$TMP/serve.err" &
	pid=$!
	local base=http://127.0.0.1:$port up=0
	for _ in $(seq 1 600); do
		curl -s -o /dev/null --max-time 1 "$base/api/v1/editions" && { up=1; break; }
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	((up)) || { kill "$pid" 2>/dev/null; die "ladder serve did not start: $(cat "$TMP/serve.err")"; }
	local muni arr
	muni=$(head -n 1 "$TMP/areas-$size.txt")
	arr=$(sed -n 2p "$TMP/arr.txt")
	local routes=(
		"home|/"
		"home search|/?q=Brugge"
		"area page|/area/30000?year=$y"
		"municipality page|/area/$muni?year=$y"
		"rung page|/area/$arr/rung/4?year=$y"
		"work form page|/workform/tat?area=30000"
		"static|/static/style.css"
		"api index|/api/v1/"
		"api areas|/api/v1/areas?q=Brugge"
		"api work_forms|/api/v1/work_forms"
		"api editions|/api/v1/editions"
		"api ladder|/api/v1/ladder?area=30000&year=$y"
		"api ladder csv|/api/v1/ladder?area=$muni&year=$y&format=csv"
		"api series|/api/v1/series?area=30000"
		"api subareas|/api/v1/subareas?area=30000&year=$y"
		"api context|/api/v1/context?area=30000&year=$y"
		"api checks|/api/v1/checks?area=$muni&year=$y"
		"api jsonstat|/api/v1/jsonstat?area=$arr&from=$((y - 2))&to=$y"
	)
	# warm-up, not measured: every route once (grids and patterns cached)
	local r
	for r in "${routes[@]}"; do
		curl -s -o /dev/null --max-time 120 "$base${r#*|}" || true
	done
	# imports until the measurements end
	: >"$TMP/imports.done"
	(
		while :; do
			for k in 1 2; do
				"$LADDER" import --replace --db "$DB" "$TMP/import-$k.csv" >>"$TMP/imports.log" 2>&1 ||
					echo "import failed" >>"$TMP/imports.log"
				echo "$k" >>"$TMP/imports.done"
			done
		done
	) &
	imp_pid=$!
	echo
	echo "== ladder serve on the store of $size figures while imports of $nimp figures run (wrk -t2 -c8 -d${secs}s each)"
	printf '%-18s %9s %9s %9s %8s %6s\n' route "p50 ms" "p99 ms" "max ms" "req/s" errors
	local worst=0 worst_route="" name path out p99 code
	for r in "${routes[@]}"; do
		name=${r%%|*}
		path=${r#*|}
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$base$path" || true)
		[[ $code == 200 ]] || echo "  (answered $code: $path)"
		out="$TMP/wrk-pages.txt"
		wrk -t2 -c8 -d"${secs}s" --latency --timeout 10s "$base$path" >"$out" 2>&1 || true
		wrk_stats "$out"
		p99=$P99
		if [[ ${RPS:-0} == 0 ]] || ! grep -q '^ *99%' "$out"; then
			# not one answer within the run: slower than the run itself
			p99=$((secs * 1000))
			P50=">$p99" P99=">$p99" MAX=">$p99"
		fi
		printf '%-18s %9s %9s %9s %8s %6s\n' "$name" "$P50" "$P99" "$MAX" "$RPS" "$ERRS"
		metric "serve_${size}_p99_ms_$(tr ' ' _ <<<"$name")" "$p99"
		if awk -v a="$p99" -v b="$worst" 'BEGIN { exit !(a + 0 > b + 0) }'; then
			worst=$p99
			worst_route=$name
		fi
	done
	local imports
	imports=$(wc -l <"$TMP/imports.done")
	# the import running now is rolled back (all or nothing)
	local kids
	kids=$(pgrep -P "$imp_pid" || true)
	kill "$imp_pid" 2>/dev/null || true
	wait "$imp_pid" 2>/dev/null || true
	[[ -z $kids ]] || kill $kids 2>/dev/null || true
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	grep -q 'import failed' "$TMP/imports.log" && echo "  some imports failed: $(grep -v '^$' "$TMP/imports.log" | tail -3)"
	echo "worst p99: $worst ms ($worst_route); imports completed during the measurements: $imports (the next one ran until the end)"
	echo "target: p99 < 50 ms for every route during an import"
	metric "serve_${size}_worst_p99_ms" "$worst"
	metric "serve_${size}_imports_during" "$imports"
}

# ------------------------------------------------------------------- run
echo "== ladder scale benchmark ($(nproc) cores, sqlite3 $(sqlite3 --version | cut -d' ' -f1)); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stores: $((YEAR_TO - YEAR_FROM + 1)) years x $EDITIONS editions, $REVISED per mille revised"
declare -A AREAS
for size in $SIZES; do
	build_store "$size"
	AREAS[$size]=$N_AREAS
	echo "store of $size figures: $N_AREAS municipalities, import ${IMPORT_S} s, $(awk -v b="$(stat -c %s "$DB")" 'BEGIN { printf "%.1f MB", b / 1048576 }')"
done
for section in $SECTIONS; do
	declare -F "section_$section" >/dev/null || die "unknown section '$section'"
	"section_$section"
done
{
	echo
	echo "== summary"
	cat "$SUMMARY"
	echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$TMP/summary.out"
if [[ -n "${BENCH_OUT:-}" ]]; then
	cp "$TMP/summary.out" "$BENCH_OUT"
fi
