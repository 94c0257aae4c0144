#!/usr/bin/env bash
# bench/profile_import.sh - a 1 000 000-cell wide delivery imported through
# a source profile (docs/sources.md), beside xlsx2csv converting the same
# file. Run by bench/sheets.sh (make bench), or alone.
#
# The delivery: one row per municipality and edition, one column per work
# form and year under a two-row merged header (work form over year), as
# layout (a) of docs/sources.md, written by openpyxl: 1 862 rows x 610
# columns (266 municipalities valid 2009-2024 x 7 editions; 38 work forms
# counting persons x 16 years, and the two key columns). Prints wall and CPU
# time (user + system) and peak RSS of the import, of its dry run (reading
# and writing in a transaction rolled back, no protection), of the first
# show after it, and the import's CPU time split as the importer measures it
# (LADDER_IMPORT_TIMES: reading and mapping, storing, protecting), each part
# against xlsx2csv converting the same file.
# Needs: python3-openpyxl, /usr/bin/time; optionally xlsx2csv.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bench/lib.sh"
die() { echo "bench: $*" >&2; exit 1; }
[[ -x "$ROOT/build/ladder-full" ]] || make -C "$ROOT" >/dev/null
PY=""
for p in python3 /usr/bin/python3; do
	command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null && { PY=$p; break; }
done
[[ -n $PY ]] || die "python3-openpyxl not found"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found (package time)"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-profile.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cp "$ROOT/build/ladder" "$ROOT/build/ladder-sheets" "$ROOT/build/ladder-full" "$TMP/"
LADDER="$TMP/ladder"

read -r ROWS COLS < <("$PY" - "$ROOT/data/ref" "$TMP/wide.xlsx" "$TMP/wide.profile" <<'PY'
import csv, sys
import openpyxl
from openpyxl.worksheet.cell_range import CellRange
ref, out, prof = sys.argv[1:4]
areas = [r["code"] for r in csv.DictReader(open(f"{ref}/areas.csv"))
         if r["level"] == "municipality" and not r["valid_to"] and r["valid_from"] <= "2009-01-01"]
forms = [r for r in csv.DictReader(open(f"{ref}/work_forms.csv")) if r["unit"] in ("persons", "")]
years = list(range(2009, 2025))
editions = ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Gemeenten")
top, bottom = ["Gemeente", "Editie"], ["", ""]
for f in forms:
    for y in years:
        top.append(f["name_nl"] if y == years[0] else None)
        bottom.append(y)
ws.append(["Levering per gemeente (benchmark)"])
ws.append(top)
ws.append(bottom)
for i, f in enumerate(forms):  # the work form merged over its years
    c1 = 3 + i * len(years)
    ws.merged_cells.add(CellRange(min_col=c1, min_row=2, max_col=c1 + len(years) - 1, max_row=2))
ws.merged_cells.add(CellRange("A2:A3"))
ws.merged_cells.add(CellRange("B2:B3"))
n = 0
for e in editions:
    for a in areas:
        n += 1
        ws.append([a, e] + [(n * 7 + k) % 500 for k in range(len(forms) * len(years))])
wb.save(out)
with open(prof, "w") as p:
    p.write('format = 1\nname = bench-wide\nsheet = "Gemeenten"\nheader = 2..3\nlayout = wide\n'
            'columns = work_form, year\ncolumn area = "Gemeente"\ncolumn edition = "Editie"\n')
print(len(areas) * len(editions), len(forms) * len(years) + 2)
PY
)
cells=$((ROWS * COLS))
echo "== ladder profile import benchmark ($(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "generated wide.xlsx: $ROWS rows x $COLS columns = $cells cells, $(stat -c %s "$TMP/wide.xlsx") bytes"

timed() {
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" ||
		die "$name failed: $(tail -3 "$TMP/$name.err")"
	read -r SECS USER SYS KB <"$TMP/time"
	USER=$(awk -v u="$USER" -v s="$SYS" 'BEGIN { printf "%.2f", u + s }') # CPU: user + system
	MB=$(awk -v k="$KB" 'BEGIN { printf "%.1f", k / 1024 }')
}
"$LADDER" init --db "$TMP/x.db" >/dev/null
# the dry run reads and checks everything and writes nothing: the import
# without storing and protecting, to tell the two apart
timed dry "$LADDER" import --db "$TMP/x.db" --dry-run --profile "$TMP/wide.profile" "$TMP/wide.xlsx"
DRY_S=$SECS DRY_U=$USER
# the importer's own split of its CPU time: "import cpu seconds: read+map R store S protect P"
LADDER_IMPORT_TIMES=1 timed import "$LADDER" import --db "$TMP/x.db" --profile "$TMP/wide.profile" "$TMP/wide.xlsx"
IMPORT_S=$SECS IMPORT_U=$USER IMPORT_MB=$MB
read -r READ_U STORE_U PROT_U < <(awk '/^import cpu seconds:/ { print $5, $7, $9 }' "$TMP/import.err")
[[ -n ${PROT_U:-} ]] || die "the import did not print its CPU split"
# reading and mapping, plus what the process costs beside the run (start, model, output)
READ_U=$(awk -v r="$READ_U" -v t="$IMPORT_U" -v s="$STORE_U" -v p="$PROT_U" 'BEGIN { x = t - s - p; printf "%.2f", (x > r ? x : r) }')
stored=$(sqlite3 "$TMP/x.db" 'SELECT count(*) FROM figure')
pairs=$(sqlite3 "$TMP/x.db" 'SELECT count(*) FROM (SELECT DISTINCT edition, year FROM figure)')
# the stored patterns hold a state byte per cell (0 published, 1
# confidential, 2 secondary); in hex every byte is "0" and its digit
SECONDARY=$(sqlite3 "$TMP/x.db" "SELECT coalesce(sum((length(hex(states)) - length(replace(hex(states), '02', ''))) / 2), 0) FROM disclosure_pattern")
# the first show after the import (issue 11: within 50 ms): the import
# protected every (edition, year) and cached its grid
AREA=$(sqlite3 "$TMP/x.db" "SELECT code FROM area WHERE level = 'municipality' ORDER BY code LIMIT 1" 2>/dev/null || echo 11001)
timed show "$LADDER" show --db "$TMP/x.db" --area "$AREA" --year 2024
SHOW_S=$SECS SHOW_U=$USER
X_S=unavailable X_U=unavailable
ratio() { awk -v x="$X_U" -v i="$1" 'BEGIN { if (x == "unavailable") print "unknown"; else printf "%.2f", (i > 0 ? x / i : 0) }'; }
if command -v xlsx2csv >/dev/null; then
	timed xlsx2csv xlsx2csv "$TMP/wide.xlsx" "$TMP/x2c.csv"
	X_S=$SECS X_U=$USER
fi
# CPU time: less sensitive to a busy machine than wall time
RATIO=$(ratio "$IMPORT_U")
READ_STORE_U=$(awk -v r="$READ_U" -v s="$STORE_U" 'BEGIN { printf "%.2f", r + s }')
summary=$(cat <<SUM
--- profile import summary
cells: $cells ($ROWS rows x $COLS columns), figures stored: $stored, (edition, year) pairs protected: $pairs, secondary cells in their patterns: $SECONDARY
ladder import --profile (wide, merged two-row header): $IMPORT_S s wall, $IMPORT_U s CPU, peak $IMPORT_MB MB
ladder import --dry-run (read, check and write, rolled back; no protection): $DRY_S s wall, $DRY_U s CPU
the import's CPU split: reading and mapping $READ_U s (with the process's start), storing $STORE_U s, protecting $PROT_U s
first show after the import (--area $AREA --year 2024): $SHOW_S s wall, $SHOW_U s CPU   target: <= 0.05 s: $(met "$SHOW_S" 0.05 max)
xlsx2csv conversion: $X_S s wall, $X_U s CPU
xlsx2csv CPU / reading and mapping CPU: $(ratio "$READ_U")   target: >= 5: $(met "$(ratio "$READ_U")" 5 min)
xlsx2csv CPU / reading, mapping and storing CPU: $(ratio "$READ_STORE_U")   target: >= 5: $(met "$(ratio "$READ_STORE_U")" 5 min)
xlsx2csv CPU / import CPU (all of it, protection too): $RATIO   target: >= 5: $(met "$RATIO" 5 min)
SUM
)
echo "$summary"
[[ -n ${BENCH_OUT:-} ]] && echo "$summary" >>"$BENCH_OUT"
exit 0
