#!/usr/bin/env bash
# t6000-persons-reference: ladder persons snapshot and flows print, byte for
# byte, what the reference of the contract (tests/persons_ref.py) prints, on
# generated files made of ties (equal rungs, the same work form in several
# areas, open ends, episodes that end on the date, persons active at one
# date only), with ',' and with ';' + CRLF + BOM + quotes, from a file and
# from standard input; a hand-checked file pins the tie-breaks themselves;
# without a rung column the catalogue gives the rungs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip python3

REF="$LADDER_REPO/tests/persons_ref.py"
GEN="$LADDER_REPO/tests/persons_gen.py"

same() { # same WHAT FILE_A FILE_B
	if cmp -s "$2" "$3"; then t_ok; else t_fail "$1" "$(diff "$2" "$3" | head -20)"; fi
}

# ------------------------------------------------ the tie-breaks by hand
cat >ties.csv <<'CSV'
person,work_form,area,start,end,rung,note
a,x,31005,2020-01-01,,4,highest rung ties: w before x (byte order)
a,w,31005,2019-01-01,2020-01-01,4,ends on the date: still active
b,y,31005,2019-01-01,,5,the same form in two areas: 31003 first
b,y,31003,2019-01-01,,5,
c,z,44021,2019-01-01,2019-12-31,6,active on the first date only
d,Z,9,2020-01-02,,3,starts after the date
d,q,9,2018-01-01,2019-12-31,1,
CSV
run persons snapshot --date 2020-01-01 ties.csv --format csv
expect_rc "snapshot ties" 0
want='kind,area,key,persons
form,31003,y,1
form,31005,w,1
rung,31003,5,1
rung,31005,4,1'
if [[ $OUT == "$want" ]]; then t_ok; else t_fail "snapshot tie-breaks" "$OUT"; fi
expect_in "stderr says unprotected" "$ERR" "nooit publiceren"
run persons snapshot --date 2020-01-01 ties.csv --format csv --precedence lowest
expect_in "lowest: the rung 4 person stays on w" "$OUT" "form,31005,w,1"
run persons flows --from 2019-06-01 --to 2020-01-02 ties.csv --format csv
want='area,rung_d1,rung_d2,persons
9,1,3,1
31003,5,5,1
31005,4,4,1
44021,6,0,1'
if [[ $OUT == "$want" ]]; then t_ok; else t_fail "flows by hand (area of D2, else of D1; 0 = nothing)" "$OUT"; fi
run persons flows --from 2019-06-01 --to 2020-01-02 ties.csv --format json --lang en
expect_in "json: areas with risers" "$OUT" '"risers": 1'
expect_in "json: exits" "$OUT" '"exits": 1'
expect_in "english notice" "$ERR" "never publish"

# ------------------------------------------------ generated files against the reference
dates=(2019-01-01 2019-06-30 2019-07-01 2020-01-01 2020-12-31)
for seed in 1 2; do
	python3 "$GEN" "$seed" 500 >"g$seed.csv"
	python3 "$GEN" "$seed" 500 semicolon >"s$seed.csv"
	for f in "g$seed.csv" "s$seed.csv"; do
		mkdir -p "ref-$f"
		python3 "$REF" batch "$f" "ref-$f" "${dates[@]}"
		for d in "${dates[@]}"; do
			for prec in highest lowest; do
				"$LADDER" persons snapshot --date "$d" --precedence "$prec" "$f" --format csv >got.csv 2>/dev/null
				same "snapshot $f $d $prec" "ref-$f/snapshot-$d-$prec.csv" got.csv
			done
		done
		for i in 0 1 2 3; do
			d1=${dates[i]} d2=${dates[i + 1]}
			"$LADDER" persons flows --from "$d1" --to "$d2" --snapshot snap.csv --force "$f" --format csv >got.csv 2>/dev/null
			same "flows $f $d1 $d2" "ref-$f/flows-$d1-$d2.csv" got.csv
			same "flows --snapshot $f $d2" "ref-$f/snapshot-$d2-highest.csv" snap.csv
		done
	done
done
# standard input, and a pipe
"$LADDER" persons flows --from 2019-07-01 --to 2020-01-01 - --format csv <s1.csv >got.csv 2>/dev/null
same "flows from standard input" ref-s1.csv/flows-2019-07-01-2020-01-01.csv got.csv
cat g2.csv | "$LADDER" persons snapshot --date 2020-01-01 - --format csv >got.csv 2>/dev/null
same "snapshot from a pipe" ref-g2.csv/snapshot-2020-01-01-highest.csv got.csv
# more than one block of 8 MiB (line numbers, carried lines, two workers)
python3 "$GEN" 7 60000 >big.csv
"$LADDER" persons snapshot --date 2020-01-01 big.csv --format csv >got.csv 2>/dev/null
python3 "$REF" snapshot 2020-01-01 big.csv >want.csv
same "snapshot of a file of several blocks" want.csv got.csv

# ------------------------------------------------ places beside persons (table)
run persons snapshot --date 2020-01-01 ties.csv
expect_in "table: places column" "$OUT" "Plaatsen"
run persons snapshot --date 2020-01-01 ties.csv --format json
expect_in "json: places" "$OUT" '"places": 2'

# ------------------------------------------------ the catalogue's rungs
run init --db l.db
cat >cat.csv <<'CSV'
area;work_form;person;start;end
31005;wep_plus;p1;2019-01-01;
31005;arbeidszorg_se;p1;2019-01-01;
31003;maatwerkbedrijf;p2;2019-05-01;2021-01-01
CSV
run persons snapshot --date 2020-01-01 cat.csv --format csv --db l.db
expect_rc "catalogue rungs" 0
expect_in "wep_plus is rung 4, above arbeidszorg (3)" "$OUT" "rung,31005,4,1"
run persons snapshot --date 2020-01-01 cat.csv --format csv --db none.db
expect_rc "catalogue missing" 2

t_finish
