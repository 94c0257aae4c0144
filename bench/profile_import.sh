#!/usr/bin/env bash
# bench/profile_import.sh - a 1 000 000-cell wide delivery imported through
# a source profile (docs/sources.md), beside xlsx2csv converting the same
# file. Run by bench/sheets.sh (make bench), or alone.
#
# The delivery: one row per municipality and edition, one column per work
# form and year under a two-row merged header (work form over year), as
# layout (a) of docs/sources.md, written by openpyxl: 1 862 rows x 610
# columns (266 municipalities valid 2009-2024 x 7 editions; 38 work forms
# counting persons x 16 years, and the two key columns). Prints wall time and peak RSS.
# Needs: python3-openpyxl, /usr/bin/time; optionally xlsx2csv.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
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
cp "$ROOT/build/ladder" "$ROOT/build/ladder-full" "$TMP/"
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
	/usr/bin/time -f '%e %U %M' -o "$TMP/time" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" ||
		die "$name failed: $(tail -3 "$TMP/$name.err")"
	read -r SECS USER KB <"$TMP/time"
	MB=$(awk -v k="$KB" 'BEGIN { printf "%.1f", k / 1024 }')
}
"$LADDER" init --db "$TMP/x.db" >/dev/null
timed import "$LADDER" import --db "$TMP/x.db" --profile "$TMP/wide.profile" "$TMP/wide.xlsx"
IMPORT_S=$SECS IMPORT_U=$USER IMPORT_MB=$MB
stored=$(sqlite3 "$TMP/x.db" 'SELECT count(*) FROM figure')
X_S=unavailable X_U=unavailable
if command -v xlsx2csv >/dev/null; then
	timed xlsx2csv xlsx2csv "$TMP/wide.xlsx" "$TMP/x2c.csv"
	X_S=$SECS X_U=$USER
fi
summary=$(cat <<SUM
--- profile import summary
cells: $cells ($ROWS rows x $COLS columns), figures stored: $stored
ladder import --profile (wide, merged two-row header): $IMPORT_S s wall, $IMPORT_U s CPU, peak $IMPORT_MB MB
xlsx2csv conversion: $X_S s wall, $X_U s CPU
SUM
)
echo "$summary"
[[ -n ${BENCH_OUT:-} ]] && echo "$summary" >>"$BENCH_OUT"
exit 0
