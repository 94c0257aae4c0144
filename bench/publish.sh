#!/usr/bin/env bash
# bench/publish.sh - the full publication of the demo: for every area with
# figures in 2017 (each municipality, arrondissement, region grouping,
# province and Flanders) the report in HTML and in PDF, plus the Excel annex
# and the open data, from the database.
#
#   bash bench/publish.sh            (also part of: make bench)
#
# 1. one command: `ladder publish --all` (one process, everything);
# 2. the same as separate commands, one per file, two at a time (2 cores):
#    `ladder report` per area and format, `ladder export xlsx` once.
# Prints wall time and peak memory (max RSS) of each; targets: under 30 s
# on 2 cores, peak memory under 200 MB.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER="$ROOT/build/ladder"
YEAR=2017
[[ -x $LADDER ]] || make -C "$ROOT" -s
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "bench: /usr/bin/time not found (package time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-publish.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
"$LADDER" demo --quiet >/dev/null
DB=$work/ladder-demo.db

# 1. one command
$TIME -f '%e %M' -o one.time "$LADDER" --db "$DB" publish --all --year $YEAR --from 2016 --out one >one.log
read -r one_s one_kb <one.time
n_areas=$(ls one/*.pdf | wc -l)
n_pages=0
for f in one/*.pdf; do n_pages=$((n_pages + $(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p' || echo 0))); done

# 2. a command per file, two at a time; peak memory of the largest one
mkdir -p sep
ls one/*.pdf | sed 's#.*/##; s#\.pdf$##' >areas.txt
start=$(date +%s.%N)
{
	while read -r a; do
		echo "report --area $a --year $YEAR --out sep/$a.html"
		echo "report --area $a --year $YEAR --out sep/$a.pdf"
	done <areas.txt
	echo "export xlsx --year $YEAR --from 2016 --out sep/annex.xlsx"
} >cmds.txt
xargs -P 2 -L 1 sh -c "$TIME -f '%M' -a -o \"$work/sep.mem\" \"$LADDER\" --db \"$DB\" \"\$@\"" sh <cmds.txt
end=$(date +%s.%N)
sep_s=$(echo "$end - $start" | bc)
sep_kb=$(sort -n sep.mem | tail -1)

cmp -s one/annex.xlsx sep/annex.xlsx && same=yes || same=no
cat <<EOT
publication of the demo for $YEAR: $n_areas areas (each municipality, arrondissement, region grouping, province, Flanders)
  files: $n_areas reports in HTML + $n_areas in PDF ($n_pages pages), annex.xlsx, data.csv/json/jsonstat
  one command (ladder publish --all):       $(printf '%6.2f' "$one_s") s, peak memory $((one_kb / 1024)) MB
  a command per file, 2 in parallel:        $(printf '%6.2f' "$sep_s") s, peak memory $((sep_kb / 1024)) MB (largest process)
  annex identical both ways: $same
  targets: under 30 s on 2 cores, peak memory under 200 MB
EOT
