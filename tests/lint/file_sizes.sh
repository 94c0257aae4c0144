#!/bin/sh
# file_sizes.sh [DIR...] - fails when a source file (.c, .h, .def,
# .inc) under DIR (default: src) has more than 1000 lines without a line in
# its first 40 saying why, containing "over 1000 lines because". Run by
# `make` (the build fails) and by tests/cli/t0610-file-sizes.sh. Generated
# tables (font_metrics.inc) say why like any other file.
limit=1000
status=0
[ $# -gt 0 ] || set -- src
for dir in "$@"; do
	for f in $(find "$dir" -type f \( -name '*.c' -o -name '*.h' -o -name '*.def' -o -name '*.inc' \) | LC_ALL=C sort); do
		n=$(wc -l <"$f")
		[ "$n" -gt "$limit" ] || continue
		if head -n 40 "$f" | grep -q 'over 1000 lines because'; then
			continue
		fi
		echo "$f: $n lines (over $limit): split it along its parts, or say why in a comment near its top (\"over 1000 lines because ...\")" >&2
		status=1
	done
done
exit $status
