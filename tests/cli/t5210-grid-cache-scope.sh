#!/usr/bin/env bash
# t5210-grid-cache-scope: an import makes stale only the cached grids of what
# it changed (issue 12: every import used to invalidate every grid, and the
# next page recomputed the protection of each, seconds on a large store).
# Timing-free: the grid_cache row of (edition 2018, year 2017) is watched.
#  - figures of another (edition, year) leave it as it is, and a show after
#    them reads it instead of writing it again;
#  - a file that repeats figures of (2018, 2017) as they are stored beside a
#    changed figure of another pair leaves it as it is too (only the pairs a
#    file inserted or replaced a row of are counted changed and protected);
#  - figures of (2018, 2017) itself are protected by the import, inside its
#    transaction: the row is new right after the commit, and the next show
#    reads it (the first show after an import is not the one that pays);
#  - a setting that changes the protection still makes it stale, and the
#    show then hides what the new setting hides.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=d.db
"$LADDER" demo --db "$DB" >/dev/null || die "demo failed"
row() {
	sqlite3 "$DB" "SELECT g.* FROM grid_cache g JOIN edition e ON e.id = g.edition WHERE e.code = '2018' AND g.year = 2017" |
		sha256sum | cut -d' ' -f1
}
show() { run --db "$DB" show --area 31005 --year 2017; }

show
expect_rc "first show" 0
FIRST=$OUT
R0=$(row)
[[ -n $(sqlite3 "$DB" "SELECT 1 FROM grid_cache g JOIN edition e ON e.id = g.edition WHERE e.code = '2018' AND g.year = 2017") ]] ||
	die "show cached no grid for (2018, 2017)"

# unrelated figures: a new edition of another year, a change of 2016
printf 'year,area,work_form,persons,edition\n2015,31005,totaal,1234,2019\n' >other.csv
run --db "$DB" import other.csv
expect_rc "import of (2019, 2015)" 0
printf 'year,area,work_form,persons,edition\n2016,31005,totaal,999999,2018\n' >y2016.csv
run --db "$DB" import --replace y2016.csv
expect_rc "import of (2018, 2016)" 0
t_check "the grid of (2018, 2017) is untouched by the imports" test "$(row)" = "$R0"
show
expect_rc "show after unrelated imports" 0
t_check "show reads the cached grid of (2018, 2017) instead of computing it again" test "$(row)" = "$R0"

sqlite3 "$DB" "SELECT a.code, w.code, f.persons, f.flag FROM figure f JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form
	JOIN edition e ON e.id = f.edition WHERE e.code = '2018' AND f.year = 2017 AND a.code = '31005' AND f.persons > 100
	AND f.note = '' AND f.carried = 0 LIMIT 1" >pick.txt
IFS='|' read -r AREA FORM PERSONS FLAG <pick.txt
[[ -n ${FORM:-} ]] || die "no figure of 31005 in (2018, 2017)"

# a figure of (2018, 2017) repeated as stored, beside a change of (2019, 2015)
printf 'year,area,work_form,persons,edition,flag\n2017,%s,%s,%d,2018,%s\n2015,31005,totaal,1235,2019,\n' "$AREA" "$FORM" "$PERSONS" "$FLAG" >mixed.csv
run --db "$DB" import --replace mixed.csv
expect_rc "import of (2018, 2017) unchanged and (2019, 2015) changed" 0
expect_in "the import replaced the figure of (2019, 2015) and kept the other" "$OUT" "1 ongewijzigd, 1 vervangen"
t_check "figures repeated as they are stored leave the grid of their (edition, year) as it is" test "$(row)" = "$R0"

# figures of (2018, 2017): the import itself protects and caches them
printf 'year,area,work_form,persons,edition\n2017,%s,%s,%d,2018\n' "$AREA" "$FORM" $((PERSONS + 1)) >same.csv
BEFORE=$(row)
run --db "$DB" import --replace same.csv
expect_rc "import of (2018, 2017)" 0
R1=$(row)
t_check "the import of (2018, 2017) cached its protected grid before its commit" test "$R1" != "$BEFORE"
show
expect_rc "show after the import" 0
t_check "the first show after the import reads the grid the import cached" test "$(row)" = "$R1"
t_check "the show changed with the figure" test "$OUT" != "$FIRST"

# a setting that changes the protection: stale, and the show hides more
run --db "$DB" settings set disclosure.threshold.municipality 1000000
expect_rc "settings set" 0
show
expect_rc "show after the setting" 0
t_check "a setting makes the cached grid stale" test "$(row)" != "$R1"
expect_in "the new threshold hides figures" "$OUT" " x"
t_finish
