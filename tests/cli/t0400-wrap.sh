#!/usr/bin/env bash
# t0400-wrap: text for people wraps to the terminal's width at word
# boundaries ($COLUMNS, else the tty's own width), and nothing else does: not
# when standard output is not a terminal, never csv, json or md.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v script >/dev/null || die "script (util-linux) is needed to run ladder on a terminal"
"$LADDER" demo --db demo.db --quiet >/dev/null 2>&1 || die "demo failed"

# on_tty COLS ARGS... : runs ladder on a pseudo-terminal, output in tty.out
# (carriage returns of the terminal removed)
on_tty() {
	local cols=$1
	shift
	local cmd
	printf -v cmd '%q ' "$LADDER" "$@"
	COLUMNS=$cols script -qec "$cmd" /dev/null </dev/null | tr -d '\r' >tty.out || true
}
# longest FILE : the longest line in characters (UTF-8), not bytes
longest() { python3 -c 'import sys; print(max((len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")), default=0))' "$1"; }

# not a terminal: one finding on one line, however long (the goldens hold it)
"$LADDER" --db demo.db check >pipe.out 2>/dev/null || true
n=$(longest pipe.out)
if [[ $n -gt 300 ]]; then t_ok; else t_fail "check into a pipe: longest line $n, expected the unwrapped finding"; fi

for cols in 80 100 132; do
	on_tty "$cols" --db demo.db check
	n=$(longest tty.out)
	if [[ $n -le $cols ]]; then t_ok; else t_fail "check on a $cols-column terminal: a line of $n characters" "$(grep -n . tty.out | head -0)"; fi
	# the same words, in the same order, only the line breaks differ
	if [[ $(tr -s ' \n' '\n\n' <tty.out | grep -v '^-*$') == "$(tr -s ' \n' '\n\n' <pipe.out | grep -v '^-*$')" ]]; then
		t_ok
	else
		t_fail "check on a $cols-column terminal: words differ from the unwrapped output" \
			"$(diff <(tr -s ' \n' '\n\n' <pipe.out) <(tr -s ' \n' '\n\n' <tty.out) | head -10)"
	fi
done
# continuation lines keep the columns: the finding's text starts at one column
on_tty 80 --db demo.db check
expect_in "continuation under the finding column" "$(cat tty.out)" "2017  Trede 4: Tijdelijke activerende
                                             trajecten: de onderdelen tellen op"

# show's notes and legend wrap too; the table itself fits
on_tty 50 --db demo.db show --area 30000 --year 2017
n=$(longest tty.out)
expect_in "show on a terminal" "$(cat tty.out)" "56.721"
"$LADDER" --db demo.db show --area 30000 --year 2017 >show.pipe
if [[ $(longest show.pipe) -gt 50 && $n -lt $(longest show.pipe) ]]; then t_ok; else t_fail "show on a 50-column terminal: longest $n (pipe: $(longest show.pipe))"; fi

# the machine formats never wrap, on a terminal either
for f in csv json md; do
	on_tty 60 --db demo.db check --format "$f"
	"$LADDER" --db demo.db check --format "$f" >"pipe.$f" 2>/dev/null || true
	if cmp -s tty.out "pipe.$f"; then t_ok; else t_fail "check --format $f on a terminal differs from the pipe" "$(diff "pipe.$f" tty.out | head -5)"; fi
done
# COLUMNS alone does not wrap what goes into a file
COLUMNS=60 "$LADDER" --db demo.db check >cols.out 2>/dev/null || true
if cmp -s cols.out pipe.out; then t_ok; else t_fail "COLUMNS wrapped output that is not a terminal"; fi

t_finish
