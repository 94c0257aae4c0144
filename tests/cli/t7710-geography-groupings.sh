#!/usr/bin/env bash
# t7710-geography-groupings: groupings keep their membership per map
# (issue 14, part 4). Generated figures on the codes of each year's map:
#   - a grouping on 2019 codes whose members merged whole (Tielt 37015 and
#     Meulebeke 37007 into Tielt 37022) is Tielt 37022 on the 2025 map:
#     its 2025 figure is 37022's, its 2018 figure the sum of its members';
#   - a grouping on 2017 codes (Deinze 44011 and Nevele 44049) is Deinze
#     44083 on the maps of 2019 and later, and works in every year;
#   - a grouping on 2025 codes (Tielt 37022) works on the 2018 map, as its
#     predecessors;
#   - a grouping a merger crosses (Tielt 37015 without Meulebeke; Antwerpen
#     11002 of 2024 without Borsbeek) is refused on the later map, naming
#     the merged municipality and which of its parts are in the region, and
#     works on a map before the merger; `areas list` gives the members per map.
# Protection across maps (issue 14, part 5), with a small count in one
# municipality of most mergers (Nevele, Opglabbeek, Meulebeke, Borsbeek,
# Moerbeke, Kortessem, ...):
#   - no merged municipality is published on a later map while exactly one
#     of its predecessors is hidden on the year's own map (the hidden one
#     would be the difference: Nevele = Deinze 44083 - Deinze 44011);
#   - `disclosure audit` proves the pattern over every map (exit 0), and
#     its table holds the other maps' margins.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=grp.db
run init --db "$DB"
expect_rc "init" 0
{
	echo "year,area,work_form,persons,edition"
	for y in 2018 2024 2025; do
		"$LADDER" areas list --db "$DB" --level municipality --year $y --format csv |
			awk -F, -v y=$y 'BEGIN { split("44049 71047 12034 45057 72029 37007 37018 11007 44045 73040 23024 44048 44073 71069 73032 73083", s, " "); for (i in s) small[s[i]] = 1 + i % 3 }
				NR > 1 { printf "%d,%s,tat,%d,2026\n", y, $1, $1 in small ? small[$1] : 100 + ($1 % 89) * 5 + (y - 2016) }'
	done
} >fig.csv
run import --db "$DB" fig.csv
expect_rc "import" 0
cat >grp.csv <<'CSV'
group,name_nl,member
tielt-mb,Tielt en Meulebeke,37015
tielt-mb,Tielt en Meulebeke,37007
oud-deinze,Deinze en Nevele,44011
oud-deinze,Deinze en Nevele,44049
tielt-2025,Tielt van 2025,37022
tielt-half,Alleen Tielt,37015
antw-oud,Antwerpen van 2024 en Wommelgem,11002
antw-oud,Antwerpen van 2024 en Wommelgem,11052
antw-oud,Antwerpen van 2024 en Wommelgem,11056
CSV
run areas import --db "$DB" grp.csv
expect_rc "areas import" 0

fig() { awk -F, -v y=$1 -v c=$2 '$1 == y && $2 == c { print $4 }' fig.csv; }
total() { # GROUP YEAR [MAP]: the total of show, or the error
	"$LADDER" show --db "$DB" --area "$1" --year "$2" ${3:+--geography $3} --unprotected --format csv 2>&1 |
		awk -F, '$4 == "total" { print $7 } /^ladder: --area/ { print }'
}
expect_total() { # WHAT WANT ARGS...
	local what=$1 want=$2 got
	shift 2
	got=$(total "$@")
	if [[ $got == "$want" ]]; then t_ok; else t_fail "$what" "expected: $want" "got:      $got"; fi
}
expect_total "2019 codes merged whole, 2025 on the 2025 map" "$(fig 2025 37022)" tielt-mb 2025
expect_total "2019 codes merged whole, 2024 on the 2025 map" "$(($(fig 2024 37015) + $(fig 2024 37007)))" tielt-mb 2024 2025
expect_total "2019 codes on their own map" "$(($(fig 2018 37015) + $(fig 2018 37007)))" tielt-mb 2018
expect_total "2017 codes on the 2025 map" "$(fig 2025 44083)" oud-deinze 2025
expect_total "2017 codes on their own map" "$(($(fig 2018 44011) + $(fig 2018 44049)))" oud-deinze 2018
expect_total "2025 codes on the 2018 map" "$(($(fig 2018 37015) + $(fig 2018 37007)))" tielt-2025 2018
expect_total "a crossed grouping before the merger" "$(fig 2024 37015)" tielt-half 2024
run show --db "$DB" --area tielt-half --year 2025
expect_rc "a crossed grouping on the 2025 map" nonzero
expect_in "a crossed grouping: which merger, which parts" "$ERR" "37022 Tielt: 37007 Meulebeke niet, 37015 Tielt in de regio"
run show --db "$DB" --area antw-oud --year 2025 --lang en
expect_rc "Antwerpen of 2024 without Borsbeek on the 2025 map" nonzero
expect_in "Borsbeek crosses the region" "$ERR" "11002 Antwerpen: 11002 Antwerpen in the region, 11007 Borsbeek not in it"
expect_in "Zwijndrecht crosses the region" "$ERR" "46030 Beveren-Kruibeke-Zwijndrecht:"
run series --db "$DB" --area tielt-half --form tat
expect_rc "series of a crossed grouping on the latest map" nonzero
expect_total "Antwerpen of 2024 on its own map" "$(($(fig 2024 11002) + $(fig 2024 11052) + $(fig 2024 11056)))" antw-oud 2024
members() { "$LADDER" areas list --db "$DB" --level grouping --year "$1" --format csv | awk -F, -v g="$2" '$1 == g { print $8 }'; }
expect_in "members on the 2025 map" "$(members 2025 tielt-mb)" "37022"
expect_in "members on the 2019 map" "$(members 2019 tielt-mb)" "37007 37015"
expect_in "members of 2017 codes on the 2019 map" "$(members 2019 oud-deinze)" "44083"

# --- protection across maps: what a reader gets from the outputs
"$LADDER" export csv --db "$DB" --year 2018 --work-form tat --out p18-own.csv
"$LADDER" export csv --db "$DB" --year 2018 --geography 2019 --work-form tat --out p18-2019.csv
"$LADDER" export csv --db "$DB" --year 2024 --work-form tat --out p24-own.csv
"$LADDER" export csv --db "$DB" --year 2024 --geography 2025 --work-form tat --out p24-2025.csv
python3 - "$LADDER_REPO" >subtract.check <<'PY'
import csv, sys
succ = [r for r in csv.DictReader(open(sys.argv[1] + "/data/ref/successions.csv")) if r["from"] != r["to"]]
def shown(f):
    return {r["area"]: r["persons"] for r in csv.DictReader(open(f))}
hidden_preds = 0
for year, own, later in ((2018, "p18-own.csv", "p18-2019.csv"), (2024, "p24-own.csv", "p24-2025.csv")):
    o, l = shown(own), shown(later)
    for t in sorted({r["to"] for r in succ if int(r["effective"][:4]) == year + 1}):
        preds = [r["from"] for r in succ if r["to"] == t] + ([t] if t == "11002" else [])
        hid = [p for p in preds if p in o and o[p] == ""]
        hidden_preds += len(hid)
        if l.get(t) and len(hid) == 1:
            print("FAIL %d: %s = %s on the later map, %s hidden alone on its own: it is the difference" % (year, t, l[t], hid[0]))
print("hidden predecessors: %d" % hidden_preds)
PY
if ! grep -q FAIL subtract.check; then t_ok; else t_fail "no hidden count is the difference of two maps" "$(grep FAIL subtract.check)"; fi
n=$(awk '/^hidden predecessors/ { print $3 }' subtract.check)
[[ $n -ge 14 ]] && t_ok || t_fail "the small counts are hidden on their own map" "$(cat subtract.check)"
run disclosure audit --db "$DB" --year 2018
expect_rc "audit over every map" 0
expect_in "audit over every map" "$OUT" "0 blootgesteld"
t_finish
