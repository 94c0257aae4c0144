#!/usr/bin/env bash
# t8540-import-protect-threads: an import protects the years it changed on
# several threads (LADDER_JOBS, default one per core: the tables of
# different years are solved at once), and what it stores does not depend
# on them: the disclosure patterns and the cached grids after imports on
# one, two and three threads are the same, byte for byte, also with
# keep_previous (a later edition's pattern is made from the earlier one's,
# so a year's grids are made in turn), on the years 2017-2020, which span
# two maps. The stored patterns audit clean.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip sqlite3

python3 "$LADDER_REPO/bench/gen_small_counts.py" "$LADDER_REPO" fig.csv grp.csv --municipalities 45 --years 2017-2020 \
	--edition 2025 --seed 11 2>/dev/null || die "generator failed"
# edition 2026 revises 2017 and 2018, a few counts changed by one
python3 - <<'PY'
import csv
rows = list(csv.reader(open("fig.csv")))
out = csv.writer(open("fig2026.csv", "w", newline=""), lineterminator="\n")
out.writerow(rows[0])
for i, r in enumerate(rows[1:]):
    if r[0] in ("2017", "2018"):
        if i % 13 == 0 and r[2] != "trede4":
            r[3] = str(int(r[3]) + 1)
        r[4] = "2026"
        out.writerow(r)
PY

# what protecting stored: every pattern, every cached grid (by key: the
# grid cache's row ids follow the order of writing)
stored() {
	sqlite3 "$1" "SELECT 'pattern', edition, year, fingerprint, hex(states) FROM disclosure_pattern ORDER BY 2, 3;
		SELECT 'grid', edition, year, stamp, opts, hex(grid) FROM grid_cache ORDER BY 2, 3, 5"
}

for j in 1 2 3; do
	init_db "j$j.db"
	"$LADDER" areas import --db "j$j.db" grp.csv >/dev/null || die "groupings into j$j.db failed"
	"$LADDER" --db "j$j.db" settings set disclosure.keep_previous 1 >/dev/null || die "settings set failed"
	LADDER_JOBS=$j run import --db "j$j.db" fig.csv
	expect_rc "import of edition 2025 on $j threads" 0
	LADDER_JOBS=$j run import --db "j$j.db" fig2026.csv
	expect_rc "import of edition 2026 on $j threads" 0
	stored "j$j.db" >"j$j.txt"
	# both editions in one import: 2026's grids of a year wait for 2025's
	init_db "one$j.db"
	"$LADDER" areas import --db "one$j.db" grp.csv >/dev/null || die "groupings into one$j.db failed"
	"$LADDER" --db "one$j.db" settings set disclosure.keep_previous 1 >/dev/null || die "settings set failed"
	LADDER_JOBS=$j run import --db "one$j.db" fig.csv fig2026.csv
	expect_rc "import of both editions at once on $j threads" 0
	stored "one$j.db" >"one$j.txt"
done

patterns=$(grep -c '^pattern|' j1.txt || true)
grids=$(grep -c '^grid|' j1.txt || true)
# 4 years of 2025 and 2 of 2026, each on both maps its years span (before
# and after the mergers of 2019): a year's grids are made in turn, those of
# different years at once
if [[ $patterns -eq 6 && $grids -eq 12 ]]; then t_ok; else t_fail "one thread stored $patterns patterns and $grids grids, expected 6 and 12" "$(cut -c1-80 j1.txt)"; fi
for j in 2 3; do
	if cmp -s j1.txt "j$j.txt"; then
		t_ok
	else
		t_fail "$j threads stored other patterns or grids than one" "$(diff <(cut -c1-120 j1.txt) <(cut -c1-120 "j$j.txt") | head -20)"
	fi
done
for j in 1 2 3; do
	if cmp -s j1.txt "one$j.txt"; then
		t_ok
	else
		t_fail "both editions in one import on $j threads stored other patterns or grids than in two" "$(diff <(cut -c1-120 j1.txt) <(cut -c1-120 "one$j.txt") | head -20)"
	fi
done
run --db j2.db disclosure audit
expect_rc "audit of the patterns two threads stored" 0
# the patterns hide cells, primary and secondary, in all six publications
# (the comparison above is not of empty patterns)
n=$(grep -cE '; [1-9][0-9]* vertrouwelijk, [1-9][0-9]* bijkomend onderdrukt; 0 blootgesteld$' <<<"$OUT" || true)
if [[ $n -eq 6 ]]; then t_ok; else t_fail "audit: $n of 6 publications with hidden cells" "$OUT"; fi

t_finish
