#!/usr/bin/env bash
# t4460-report-tagged: the report's PDF is tagged (issue 11, defect 11):
# a structure tree (pdfinfo -struct) with the document's headings (H1 per
# section, H2 per subsection, the same texts as the contents), paragraphs,
# lists, tables with header and data cells, a Figure per chart with its
# text alternative as caption, and the contents as TOC items with links.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v pdfinfo >/dev/null || die "pdfinfo not found (poppler-utils)"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
for lang in nl en; do
	run report --db "$DB" --area 30000 --year 2017 --lang "$lang" --out "r-$lang.pdf"
	expect_rc "report ($lang)" 0
	info=$(pdfinfo "r-$lang.pdf")
	expect_in "$lang: the PDF says it is tagged" "$info" "Tagged:          yes"
	tree=$(pdfinfo -struct "r-$lang.pdf" 2>&1 || true)
	count() { grep -Ec "^ *$1( |$)" <<<"$tree" || true; }
	for el in Document H1 H2 P L LI Table TR TH TD Figure Caption TOC TOCI Link; do
		n=$(count "$el")
		if ((n > 0)); then t_ok; else t_fail "$lang: no $el in the structure tree"; fi
	done
	# one Figure per chart of the report
	figures=$(count Figure)
	charts=$("$LADDER" charts --db "$DB" --area 30000 --year 2017 --lang "$lang" --out "charts-$lang" | grep -o '^[0-9]*')
	if [[ $figures == "$charts" ]]; then t_ok; else t_fail "$lang: $figures Figure elements for $charts charts"; fi
	# each figure has its text alternative
	alt=$(pdfinfo -struct-text "r-$lang.pdf" 2>&1 | grep -A2 '^ *Figure' | grep -c '^ *Caption' || true)
	if [[ $alt == "$figures" ]]; then t_ok; else t_fail "$lang: $alt of $figures figures have a caption"; fi
	# the contents' entries are the headings of the tree
	toc=$(count TOCI)
	heads=$(($(count H1) + $(count H2) - 1)) # the contents' own heading is no entry
	if [[ $toc == "$heads" ]]; then t_ok; else t_fail "$lang: $toc contents entries for $heads headings"; fi
	# rows hold cells: no TD outside a TR
	bad=$(awk '/^ *TR( |$)/ { d = index($0, "TR") } /^ *T[DH]( |$)/ { if (index($0, "T") <= d) print }' <<<"$tree" | head -3)
	if [[ -z $bad ]]; then t_ok; else t_fail "$lang: table cells outside a row" "$bad"; fi
done
t_finish
