#!/usr/bin/env bash
# t4440-report-pages: the report's PDF has no mostly empty pages and no
# one-point line charts (issue 11, defect 10). A section starts a new page
# only when less than a third of the page is left, so every page but the
# cover, the contents and the last is filled at least halfway (the lowest
# line of text, page number aside, below the middle). A series of one year
# is no line: no chart titled "2016-2016", its figures in a sentence.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v pdftotext >/dev/null || die "pdftotext not found (poppler-utils)"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"

# pages_filled PDF : prints "page lowest-y" for every page but the first
# two and the last whose lowest text (above the footer) is above the middle
pages_filled() {
	local pdf=$1 n p low
	n=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	for ((p = 3; p < n; p++)); do
		low=$(pdftotext -f "$p" -l "$p" -bbox "$pdf" - 2>/dev/null | grep -o 'yMax="[0-9.]*"' | tr -dc '0-9.\n' |
			awk '$1 < 780 && $1 > m { m = $1 } END { printf "%d", m }')
		((low >= 421)) || echo "page $p ends at y=$low of 842"
	done
}

for args in "--area 30000 --year 2017" "--area 31000 --year 2017" "--area 31005 --year 2017" \
	"--area 30000 --year 2016 --edition 2017"; do
	name=$(tr -c 'a-z0-9' _ <<<"$args")
	run report --db "$DB" $args --out "$name.pdf"
	expect_rc "report $args" 0
	empty=$(pages_filled "$name.pdf")
	if [[ -z $empty ]]; then t_ok; else t_fail "report $args: pages mostly empty" "$empty"; fi
	text=$(pdftotext "$name.pdf" - 2>/dev/null)
	if grep -Eq '(20[0-9]{2})-\1([^0-9]|$)' <<<"$text"; then
		t_fail "report $args: a one-year range (a line chart of one point)" "$(grep -E '(20[0-9]{2})-\1' <<<"$text" | head -3)"
	else
		t_ok
	fi
done
# edition 2017 holds one year: the evolution says so instead of drawing
text=$(pdftotext __area_30000___year_2016___edition_2017_.pdf - 2>/dev/null || pdftotext "$(ls *2016*2017*.pdf | head -1)" -)
expect_in "one year: the note says why there is no line" "$(tr '\n' ' ' <<<"$text")" "slechts 1 jaar met cijfers"
# a series of 23 years (the full demo) is wider than the page: its table is
# set in parts, none running past the right margin (x = 595 - 56 points);
# before, the years from 2015 on were drawn off the page
mkdir full && (cd full && "$LADDER" demo --full >/dev/null 2>&1) || die "ladder demo --full failed"
for lang in nl en; do
	run report --db full/ladder-demo.db --area 31005 --year 2025 --lang "$lang" --out "full-$lang.pdf"
	expect_rc "report of 23 years ($lang)" 0
	past=$(pdftotext -bbox "full-$lang.pdf" - 2>/dev/null | grep -o 'xMax="[0-9.]*"' | tr -dc '0-9.\n' |
		awk '$1 > 540.5 { n++; if ($1 > m) m = $1 } END { if (n) printf "%d words end past the margin, the farthest at x=%s", n, m }')
	if [[ -z $past ]]; then t_ok; else t_fail "report of 23 years ($lang): text past the right margin" "$past"; fi
	text=$(pdftotext "full-$lang.pdf" - 2>/dev/null)
	for y in 2003 2014 2015 2025; do expect_in "report of 23 years ($lang): year $y in a table" "$text" "$y"; done
done
t_finish
