#!/usr/bin/env bash
# bench/sheets.sh - importing a spreadsheet of 1 000 000 cells.
#
#   bash bench/sheets.sh            (or: make bench)
#
# 1. generates 200 000 figures rows x 5 columns (bench/gen_figures.c, the
#    keys bench/import.sh uses) and writes them as an .xlsx with openpyxl
#    (numbers as number cells, codes as shared strings), and as an .ods
#    (LibreOffice converts the .xlsx) when soffice is there;
# 2. times `ladder import` of the .xlsx (fresh database, all validation, one
#    transaction: wall time and peak RSS) and xlsx2csv converting the same
#    file to CSV, in turns, SHEETS_RUNS (5) times each, and compares their
#    medians (each turn's own ratio printed too: the VM's speed drifts by a
#    fifth within minutes, and a median of three hid that); the .ods import
#    once;
# 3. times LibreOffice headless converting the .xlsx to CSV (conversion
#    only, no import).
# 4. bench/profile_import.sh: a 1 000 000-cell wide delivery (two-row
#    merged header) through a source profile, beside xlsx2csv.
# Prints a summary block, one metric a line; also written to $BENCH_OUT if set.
#
# Targets (issue 13): the import at least 5x faster than xlsx2csv's
# conversion alone; peak memory under 100 MB whatever the file size.
# Needs: cc, python3-openpyxl, /usr/bin/time; optionally xlsx2csv, soffice.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN="$ROOT/build/bench/gen_figures"
ROWS=200000
die() { echo "bench: $*" >&2; exit 1; }

[[ -x "$ROOT/build/ladder-full" ]] || make -C "$ROOT" >/dev/null
if [[ ! -x "$GEN" || "$ROOT/bench/gen_figures.c" -nt "$GEN" ]]; then
	mkdir -p "$(dirname "$GEN")"
	cc -std=c11 -O2 -Wall -Wextra -Werror -o "$GEN" "$ROOT/bench/gen_figures.c"
fi
PY=""
for p in python3 /usr/bin/python3; do
	command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null && { PY=$p; break; }
done
[[ -n $PY ]] || die "python3-openpyxl not found (scripts/install-deps.sh installs it)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (package time)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-sheets.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cp "$ROOT/build/ladder" "$ROOT/build/ladder-sheets" "$ROOT/build/ladder-full" "$TMP/"
LADDER="$TMP/ladder"

# the municipalities on the map of every year generated (2009-2024): the
# mergers of 2019 make the others unknown in some of these years
. "$ROOT/bench/lib.sh"
areas_through "$ROOT/data/ref/areas.csv" 2009 2024 >"$TMP/areas.csv"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "level") L = i; next }
	 L && $L == "municipality" { print $1 }' "$TMP/areas.csv" >"$TMP/areas.txt"
awk -F, 'NR > 1 && $1 != "" { print $1 }' "$ROOT/data/ref/work_forms.csv" >"$TMP/forms.txt"
"$GEN" "$TMP/areas.txt" "$TMP/forms.txt" "$ROWS" 2009 2024 2025 "$TMP/fig.csv" >/dev/null
"$PY" - "$TMP/fig.csv" "$TMP/fig.xlsx" <<'PY'
import csv, sys
import openpyxl
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Blad1")
with open(sys.argv[1]) as f:
    r = csv.reader(f)
    ws.append(next(r))
    for row in r:
        ws.append([int(row[0]), int(row[1]), row[2], int(row[3]), row[4]])
wb.save(sys.argv[2])
PY
cells=$((ROWS * 5))
echo "== ladder spreadsheet import benchmark ($(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "generated fig.xlsx: $ROWS rows x 5 columns = $cells cells, $(stat -c %s "$TMP/fig.xlsx") bytes"

# timed NAME COMMAND... : wall seconds, peak RSS (MB) and minor page faults
# into $SECS, $MB and $FAULTS
timed() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M %R' -o "$TMP/time" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" ||
		die "$name failed: $(tail -3 "$TMP/$name.err")"
	read -r SECS KB FAULTS <"$TMP/time"
	MB=$(awk -v k="$KB" 'BEGIN { printf "%.1f", k / 1024 }')
}

# the import and xlsx2csv taken in turns, RUNS times each (a run alone
# says little on a machine whose speed drifts): their medians are compared
RUNS=${SHEETS_RUNS:-5}
imports=() convs=() IMPORT_MB=0 IMPORT_FAULTS=n/a PHASES=
have_x2c=0
command -v xlsx2csv >/dev/null && have_x2c=1
for ((run = 1; run <= RUNS; run++)); do
	rm -f "$TMP"/x.db*
	"$LADDER" init --db "$TMP/x.db" >/dev/null
	timed import env LADDER_IMPORT_TIMES=1 "$LADDER" import --db "$TMP/x.db" "$TMP/fig.xlsx"
	imports+=("$SECS")
	IMPORT_MB=$(awk -v a="$IMPORT_MB" -v b="$MB" 'BEGIN { print (b > a ? b : a) }')
	IMPORT_FAULTS=$FAULTS # the heap in huge pages: about 1 500, in 4 KB pages 10 000
	# the importer's own wall split (of the last run): reading and storing, protecting, committing
	PHASES=$(awk '/^import cpu seconds:/ { print "read+store " $13 " s, protect " $15 " s, commit " $17 " s" }' "$TMP/import.err")
	stored=$(sqlite3 "$TMP/x.db" 'SELECT count(*) FROM figure')
	[[ $stored -eq $ROWS ]] || die "imported $stored figures, expected $ROWS"
	if ((have_x2c)); then
		timed xlsx2csv xlsx2csv "$TMP/fig.xlsx" "$TMP/x2c.csv"
		convs+=("$SECS")
	fi
done
IMPORT_S=$(median "${imports[@]}")
# each turn's xlsx2csv / import, and in how many turns the import was 5x
TURNS="n/a"
if ((have_x2c)); then
	TURNS=$(for ((i = 0; i < RUNS; i++)); do echo "${convs[i]} ${imports[i]}"; done |
		awk '{ r = $2 > 0 ? $1 / $2 : 0; printf "%s%.2f", (NR > 1 ? " " : ""), r; met += (r >= 5) }
		     END { printf "; %d of %d turns at least 5x", met, NR }')
fi
XLSX2CSV_S=unavailable
((have_x2c)) && XLSX2CSV_S=$(median "${convs[@]}")
LO_S=unavailable ODS_S=unavailable ODS_MB=unavailable
if command -v soffice >/dev/null; then
	lo=(env SAL_USE_VCLPLUGIN=svp soffice -env:UserInstallation="file://$TMP/lo" --headless --norestore)
	"${lo[@]}" --convert-to ods --outdir "$TMP" "$TMP/fig.xlsx" >/dev/null 2>&1 # also makes the profile
	timed lo-csv "${lo[@]}" --convert-to csv --outdir "$TMP/lo-csv" "$TMP/fig.xlsx"
	LO_S=$SECS
	if [[ -s $TMP/fig.ods ]]; then
		"$LADDER" init --db "$TMP/o.db" >/dev/null
		timed ods "$LADDER" import --db "$TMP/o.db" "$TMP/fig.ods"
		ODS_S=$SECS ODS_MB=$MB
	fi
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
summary=$(cat <<SUM
--- summary (issue 13 targets: import >= 5x faster than xlsx2csv; peak < 100 MB)
cells: $cells ($ROWS rows)
ladder import xlsx: $IMPORT_S s (median of $RUNS: ${imports[*]}), peak $IMPORT_MB MB, $IMPORT_FAULTS page faults (last run)
ladder import xlsx phases (wall): ${PHASES:-n/a}
xlsx2csv conversion: $XLSX2CSV_S s (median of $RUNS: ${convs[*]:-})
LibreOffice conversion to csv: $LO_S s
xlsx2csv / ladder import: $(ratio "$XLSX2CSV_S" "$IMPORT_S")x   target: >= 5x: $(awk -v a="$XLSX2CSV_S" -v b="$IMPORT_S" 'BEGIN { print (a + 0 > 0 && b + 0 > 0 && a / b >= 5) ? "met" : "NOT met" }')
xlsx2csv / ladder import, turn by turn: $TURNS
LibreOffice / ladder import: $(ratio "$LO_S" "$IMPORT_S")x
ladder import ods: $ODS_S s, peak $ODS_MB MB
SUM
)
echo "$summary"
[[ -n ${BENCH_OUT:-} ]] && echo "$summary" >>"$BENCH_OUT"
# the same size as a supplier's wide delivery, through a source profile
bash "$ROOT/bench/profile_import.sh"
