#!/usr/bin/env bash
# t1300-geography-history: the municipalities through time (issue 14).
#   - the maps of 2017, 2019 and 2025 list 308, 300 and 285 municipalities
#     (22 arrondissements, 5 provinces each), with the parents of their year;
#   - the named cases: Borsbeek into Antwerpen (same code, two versions),
#     Opglabbeek to Maaseik, Moerbeke to Sint-Niklaas, Kortessem to Hasselt,
#     Zwijndrecht from the province of Antwerpen to Oost-Vlaanderen;
#   - a figure must be on the map of its year: refused with the way out;
#   - successions that are splits or whose dates do not meet are refused;
#   - when ../shared/reference is present (beside the checkout, or beside
#     the main checkout of a git worktree; $LADDER_REFERENCE_DIR overrides): the 2019 map is the reference
#     list, and every merger of 2019 and 2025 in the reference files is what
#     ladder says about the codes (old code refused after, new code before).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# beside the checkout (as t0100), or beside the main checkout of a worktree
REF=${LADDER_REFERENCE_DIR:-$LADDER_REPO/../shared/reference}
if [[ ! -d $REF ]] && common=$(git -C "$LADDER_REPO" rev-parse --path-format=absolute --git-common-dir 2>/dev/null); then
	REF=$(dirname "$common")/../shared/reference
fi
DB=geo.db
run init --db "$DB"
expect_rc "init" 0

# ------------------------------------------------------------ the maps
for y in 2017 2019 2025; do
	"$LADDER" areas list --db "$DB" --year $y --format csv >map-$y.csv || t_fail "areas list --year $y"
done
count() { awk -F, -v l="$2" 'NR > 1 && $3 == l' "$1" | wc -l; }
for spec in "2017 308" "2019 300" "2025 285"; do
	set -- $spec
	n=$(count map-$1.csv municipality)
	if [[ $n -eq $2 ]]; then t_ok; else t_fail "map of $1: $n municipalities, expected $2"; fi
	for lv in "arrondissement 22" "province 5" "region 1"; do
		set -- $1 $lv
		n=$(count map-$1.csv $2)
		if [[ $n -eq $3 ]]; then t_ok; else t_fail "map of $1: $n areas of level $2, expected $3"; fi
	done
done
expect_line "areas list csv header" "$(head -1 map-2019.csv)" "code,name,level,parent,province,valid_from,valid_to,members"
n=$("$LADDER" areas list --db "$DB" --level municipality --format csv | tail -n +2 | wc -l)
if [[ $n -eq 285 ]]; then t_ok; else t_fail "areas list without --year: $n municipalities, expected today's 285"; fi
# every municipality's parent is an arrondissement of the same map, in the province listed
for y in 2017 2019 2025; do
	bad=$(awk -F, 'NR > 1 { lv[$1] = $3; par[$1] = $4; prov[$1] = $5; c[NR] = $1 }
		END { for (i in c) { x = c[i]; if (lv[x] == "municipality" && (lv[par[x]] != "arrondissement" || par[par[x]] != prov[x])) print x } }' map-$y.csv)
	if [[ -z $bad ]]; then t_ok; else t_fail "map of $y: municipalities with a wrong parent or province" "$bad"; fi
done

row() { grep "^$2," "map-$1.csv" | head -1 || true; }
expect_row() { # YEAR CODE EXPECTED-PREFIX
	local got
	got=$(row "$1" "$2")
	if [[ $got == "$3"* ]]; then t_ok; else t_fail "map of $1: $2" "expected: $3..." "got:      $got"; fi
}
# Borsbeek into Antwerpen: one code, two versions
"$LADDER" areas list --db "$DB" --year 2024 --format csv >map-2024.csv
expect_row 2024 11002 "11002,Antwerpen,municipality,11000,10000,1977-01-01,2024-12-31,"
expect_row 2025 11002 "11002,Antwerpen,municipality,11000,10000,2025-01-01,,"
expect_row 2024 11007 "11007,Borsbeek,municipality,11000,10000,1977-01-01,2024-12-31,"
if [[ -z $(row 2025 11007) ]]; then t_ok; else t_fail "Borsbeek 11007 is on the map of 2025"; fi
# Opglabbeek (Hasselt) into Oudsbergen (Maaseik), 2019
expect_row 2017 71047 "71047,Opglabbeek,municipality,71000,70000,1977-01-01,2018-12-31,"
expect_row 2019 72042 "72042,Oudsbergen,municipality,72000,70000,2019-01-01,,"
expect_row 2017 71000 "71000,Hasselt,arrondissement,70000,70000,,2018-12-31,"
expect_row 2019 71000 "71000,Hasselt,arrondissement,70000,70000,2019-01-01,2024-12-31,"
expect_row 2025 71000 "71000,Hasselt,arrondissement,70000,70000,2025-01-01,,"
expect_row 2019 72000 "72000,Maaseik,arrondissement,70000,70000,2019-01-01,,"
# Moerbeke (Gent) into Lokeren (Sint-Niklaas), 2025
expect_row 2019 44045 "44045,Moerbeke,municipality,44000,40000,1977-01-01,2024-12-31,"
expect_row 2025 46029 "46029,Lokeren,municipality,46000,40000,2025-01-01,,"
expect_row 2025 44000 "44000,Gent,arrondissement,40000,40000,2025-01-01,,"
# Kortessem (Tongeren) into Hasselt (Hasselt), 2025
expect_row 2019 73040 "73040,Kortessem,municipality,73000,70000,1977-01-01,2024-12-31,"
expect_row 2025 71072 "71072,Hasselt,municipality,71000,70000,2025-01-01,,"
expect_row 2025 73000 "73000,Tongeren,arrondissement,70000,70000,2025-01-01,,"
# Zwijndrecht: province Antwerpen until 2024, part of Oost-Vlaanderen from 2025
expect_row 2024 11056 "11056,Zwijndrecht,municipality,11000,10000,1977-01-01,2024-12-31,"
expect_row 2025 46030 "46030,Beveren-Kruibeke-Zwijndrecht,municipality,46000,40000,2025-01-01,,"
expect_row 2024 10000 "10000,Antwerpen,province,02000,,,2024-12-31,"
expect_row 2025 10000 "10000,Antwerpen,province,02000,,2025-01-01,,"
expect_row 2025 40000 "40000,Oost-Vlaanderen,province,02000,,2025-01-01,,"
# a province without moved territory keeps one version
expect_row 2025 30000 "30000,West-Vlaanderen,province,02000,,,,"
expect_row 2025 02000 "02000,Vlaams Gewest,region,,,,,"
# province sizes: Antwerpen loses Borsbeek (merged) and Zwijndrecht (moved)
prov_count() { awk -F, -v p="$2" 'NR > 1 && $3 == "municipality" && $5 == p' "map-$1.csv" | wc -l; }
for spec in "2024 10000 69" "2025 10000 67" "2024 40000 60" "2025 40000 55"; do
	set -- $spec
	n=$(prov_count $1 $2)
	if [[ $n -eq $3 ]]; then t_ok; else t_fail "map of $1: province $2 has $n municipalities, expected $3"; fi
done

# ------------------------------------------------ figures on the map of their year
printf 'year,area,work_form,persons,edition\n2017,44049,tat,7,2018\n2017,44011,tat,9,2018\n2024,11002,tat,100,2025\n2025,11002,tat,120,2026\n2019,44083,tat,16,2020\n2025,46030,tat,30,2026\n' >ok.csv
run import --db "$DB" ok.csv
expect_rc "figures on the map of their year" 0
refused() { # FILE CONTENT MESSAGE
	printf "$2" >"$1"
	local before
	before=$(db_state "$DB")
	run import --db "$DB" "$1"
	expect_rc "$1" nonzero
	expect_in "$1" "$ERR" "$3"
	if [[ $(db_state "$DB") == "$before" ]]; then t_ok; else t_fail "$1: the database changed"; fi
}
refused nevele.csv 'year,area,work_form,persons,edition\n2019,44049,tat,7,2020\n' \
	"nevele.csv:2:6: kolom 'area': gebied '44049' staat niet op de kaart van 2019: 44049 Nevele hoort bij 44083 Deinze sinds 2019-01-01"
refused deinze.csv 'year,area,work_form,persons,edition\n2017,44083,tat,7,2018\n' \
	"gebied '44083' staat niet op de kaart van 2017: 44083 Deinze bestaat vanaf 2019-01-01; daarvoor was het grondgebied 44011 Deinze en 44049 Nevele"
refused borsbeek.csv 'year,area,work_form,persons,edition\n2025,11007,tat,7,2026\n' \
	"11007 Borsbeek hoort bij 11002 Antwerpen sinds 2025-01-01"
refused zwijndrecht.csv 'year,area,work_form,persons,edition\n2024,46030,tat,7,2025\n' \
	"46030 Beveren-Kruibeke-Zwijndrecht bestaat vanaf 2025-01-01; daarvoor was het grondgebied 11056 Zwijndrecht, 46003 Beveren en 46013 Kruibeke"
refused context.csv 'year,area,indicator,value,edition\n2025,71047,wage_employees,10,2026\n' \
	"71047 Opglabbeek hoort bij 72042 Oudsbergen sinds 2019-01-01"

# ------------------------------------------------------- successions refused
refused split.csv 'effective,from,to,share\n2025-01-01,11007,11002,0.5\n' \
	"split.csv:2:24: kolom 'share': een splitsing (aandeel 0.5) wordt niet ondersteund"
refused wrongdate.csv 'effective,from,to\n2024-01-01,11007,11002\n' \
	"kolom 'from': gebied '11007' gaat op in '11002' op 2024-01-01, dus moet het eindigen op 2023-12-31"
refused level.csv 'effective,from,to\n2025-01-01,11000,11002\n' \
	"een opvolging verbindt twee gebieden van hetzelfde niveau"
run import --db "$DB" "$LADDER_REPO/data/ref/successions.csv"
expect_rc "successions again" 0
expect_in "successions again" "$OUT" "niets gewijzigd"

# --------------------------------------------- cross-check with the reference
if [[ ! -f $REF/mergers-2019.csv || ! -f $REF/mergers-2025.csv || ! -f $REF/flemish-municipalities-2019.csv ]]; then
	echo "$T_NAME: skip cross-check: no reference files in $REF"
	t_finish
fi
# the 2019 map is the reference list (code, name, arrondissement and province by name)
python3 - "$REF/flemish-municipalities-2019.csv" map-2019.csv <<'PY' || t_fail "map of 2019 differs from the reference"
import csv, sys
ref = {r["nis"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}
ours = {r["code"]: r for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))}
mun = {c: r for c, r in ours.items() if r["level"] == "municipality"}
bad = []
if set(ref) != set(mun):
    bad.append("codes: only in reference %s, only ours %s" % (sorted(set(ref) - set(mun)), sorted(set(mun) - set(ref))))
for c in set(ref) & set(mun):
    r, o = ref[c], mun[c]
    got = (o["name"], ours[o["parent"]]["name"], ours[o["province"]]["name"])
    want = (r["name_nl"], r["arrondissement_nl"], r["province_nl"])
    if got != want:
        bad.append("%s: ours %r, reference %r" % (c, got, want))
print("\n".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
t_ok
# every merger: the maps before and after, and the import's way out both ways
for f in mergers-2019 mergers-2025; do
	tail -n +2 "$REF/$f.csv" | tr -d '\r' >"$f.rows"
done
checked=0
while IFS=, read -r eff new_code new_name old_code old_name; do
	y=${eff%%-*}
	before=$((y - 1))
	[[ -f map-$before.csv ]] || "$LADDER" areas list --db "$DB" --year $before --format csv >map-$before.csv
	[[ -f map-$y.csv ]] || "$LADDER" areas list --db "$DB" --year $y --format csv >map-$y.csv
	if [[ $(row $before "$old_code") == "$old_code,$old_name,municipality,"* ]]; then t_ok; else t_fail "$old_code $old_name not on the map of $before" "$(row $before "$old_code")"; fi
	if [[ $(row $y "$new_code") == "$new_code,$new_name,municipality,"*",$eff,,"* ]]; then t_ok; else t_fail "$new_code $new_name: not a version from $eff on the map of $y" "$(row $y "$new_code")"; fi
	if [[ $old_code == "$new_code" ]]; then
		checked=$((checked + 1))
		continue
	fi
	if [[ -z $(row $y "$old_code") ]]; then t_ok; else t_fail "$old_code $old_name is still on the map of $y"; fi
	printf 'year,area,work_form,persons,edition\n%s,%s,tat,5,x\n' "$y" "$old_code" >m.csv
	run import --db "$DB" --dry-run m.csv
	expect_in "$old_code after $eff" "$ERR" "$old_code $old_name hoort bij $new_code $new_name sinds $eff"
	printf 'year,area,work_form,persons,edition\n%s,%s,tat,5,x\n' "$before" "$new_code" >m.csv
	run import --db "$DB" --dry-run m.csv
	if [[ -n $(row $before "$new_code") ]]; then # the code continues (Antwerpen): its old version
		expect_rc "$new_code in $before (it continues)" 0
	else
		expect_in "$new_code before $eff" "$ERR" "$new_code $new_name bestaat vanaf $eff; daarvoor was het grondgebied"
		expect_in "$new_code before $eff" "$ERR" "$old_code $old_name"
	fi
	checked=$((checked + 1))
done < <(cat mergers-2019.rows mergers-2025.rows)
if [[ $checked -eq 43 ]]; then t_ok; else t_fail "checked $checked merger rows, expected 43 (15 of 2019, 28 of 2025)"; fi
# no merger ladder knows that the reference does not
ours=$(tail -n +2 "$LADDER_REPO/data/ref/successions.csv" | cut -d, -f1-3 | sort)
theirs=$(cat mergers-2019.rows mergers-2025.rows | awk -F, '{ print $1 "," $4 "," $2 }' | sort)
if [[ $ours == "$theirs" ]]; then t_ok; else t_fail "data/ref/successions.csv differs from the reference mergers" "$(diff <(echo "$ours") <(echo "$theirs"))"; fi
t_finish
