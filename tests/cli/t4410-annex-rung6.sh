#!/usr/bin/env bash
# t4410-annex-rung6: the Excel annex shows rung 6 as the ladder does (issue
# 11, defect 4). Rung 6 is not a reported figure: it is the wage employees
# (context) minus rung 5, which report, dashboard and API computed and the
# annex did not (it showed "." for West-Vlaanderen, whose rung 6 is
# 374.260 in 2017). Every area and year of the overview and the rung 6
# sheet must equal `ladder show --format json` (its rung6, hidden as x).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v xlsx2csv >/dev/null || die "xlsx2csv not found (scripts/install-deps.sh installs it)"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
run --db "$DB" export xlsx --year 2017 --from 2016 --out annex.xlsx
expect_rc "export xlsx" 0

for sheet in "Overzicht" "Trede 6"; do
	xlsx2csv -n "$sheet" annex.xlsx >"sheet.csv" || die "xlsx2csv -n '$sheet' failed"
	line=$(grep '^30000,.*,trede6,' sheet.csv || true)
	if [[ "$line," == *",374260,"* ]]; then t_ok; else
		t_fail "$sheet: West-Vlaanderen rung 6 in 2017 is 374.260" "row: $line"
	fi
	n=0
	for area in 02000 30000 31000 31005 34002 35000; do
		# a sheet leaves out areas without any figure: their rung 6 is "."
		row=$(grep "^$area,.*,trede6," sheet.csv || echo "$area,,,trede6,,,.,,.")
		IFS=, read -r -a cells <<<"$row"
		for i in 0 1; do
			year=$((2016 + i))
			v=${cells[$((5 + 2 * i))]:-} f=${cells[$((6 + 2 * i))]:-}
			want=$("$LADDER" show --db "$DB" --area "$area" --year "$year" --format json |
				python3 -c 'import json,sys; d=json.load(sys.stdin); v=d["rung6"]; print("" if v is None else int(round(v)))')
			got=${v%.0}
			if [[ $got == "$want" && ( -n $want || $f == x || $f == . ) ]]; then t_ok; else
				t_fail "$sheet: rung 6 of $area in $year: annex '$v' '$f', ladder show '$want'"
			fi
			n=$((n + 1))
		done
	done
	t_check "$sheet: $n cells compared" test "$n" -ge 12
done
t_finish
