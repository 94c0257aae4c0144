#!/usr/bin/env bash
# t0500-man-completion: ladder(1) and the bash completion come from the
# command table (ladder --lang en --man, ladder --bash-completion; make writes them to
# build/ladder.1 and build/ladder.bash). The man page renders without a
# warning and documents every command, option and exit status; the completion,
# driven in bash, completes commands, subcommands, options, option values and
# file names as the table says.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" --lang en --man >ladder.1 || die "ladder --man failed"
"$LADDER" --bash-completion >ladder.bash || die "ladder --bash-completion failed"
# the build's copies are the program's own output
build=$(dirname "$LADDER")
for f in ladder.1 ladder.bash; do
	if cmp -s "$f" "$build/$f"; then t_ok; else t_fail "$build/$f differs from ladder's own output (stale build?)"; fi
done

# ------------------------------------------------------------ man page
warn=$(groff -man -ww -z ladder.1 2>&1)
if [[ -z $warn ]]; then t_ok; else t_fail "groff -man -ww warns" "$warn"; fi
if command -v man >/dev/null; then
	warn=$(MANWIDTH=80 man --warnings -l ladder.1 2>&1 >/dev/null)
	if [[ -z $warn ]]; then t_ok; else t_fail "man --warnings warns" "$warn"; fi
fi
page=$(MANWIDTH=80 man -l ladder.1 2>/dev/null || groff -man -Tutf8 ladder.1)
for s in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES; do
	expect_in "man: section $s" "$page" "$s"
done
# every command of `ladder help`, with its options
"$LADDER" help | sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\?\)  .*/\1/p' | sed 's/ *$//' >commands.txt
[[ $(wc -l <commands.txt) -ge 20 ]] || die "ladder help lists too few commands"
while IFS= read -r c; do
	expect_in "man documents '$c'" "$page" "ladder $c"
done <commands.txt
expect_in "man: show's synopsis" "$page" "ladder show --area CODE|NAME --year YYYY [--edition CODE]"
expect_in "man: exit 64" "$page" "Usage error"
expect_in "man: the helper's place" "$page" "libexec/ladder/ladder-full"

# ------------------------------------------------------------ completion
# complete WORDS... : the candidates bash offers for the last word
complete_words() {
	bash -c '
		source ./ladder.bash
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		_ladder
		printf "%s\n" "${COMPREPLY[@]}" | sort
	' complete "$@"
}
expect_completion() { # WHAT EXPECTED WORDS...
	local what=$1 want=$2 got
	shift 2
	got=$(complete_words "$@" | tr '\n' ' ' | sed 's/ $//')
	if [[ $got == "$want" ]]; then t_ok; else t_fail "complete '$*': $what" "expected: $want" "got:      $got"; fi
}
expect_completion "a command" "export" ladder exp
expect_completion "the formats of export" "csv json jsonstat xlsx" ladder export ""
expect_completion "a subcommand prefix" "json jsonstat" ladder export js
expect_completion "after shared options" "export" ladder --db x.db --lang en exp
expect_completion "--lang values" "en nl" ladder --lang ""
expect_completion "--format values" "csv json md table" ladder show --area 30000 --format ""
expect_completion "options of show" "--area" ladder show --ar
expect_completion "options of import" "--db --dry-run" ladder import --d
expect_completion "--level values" "arrondissement" ladder areas list --level arr
expect_completion "no value offered for --year" "" ladder show --year ""
mkdir -p sub
touch figures-2019.csv sub/x.csv
expect_completion "files for import FILE..." "figures-2019.csv" ladder import fig
expect_completion "files for a second FILE" "figures-2019.csv" ladder import figures-2019.csv fig
expect_completion "files for --out of report" "figures-2019.csv" ladder report --out fig
expect_completion "directories for --out of charts" "sub" ladder charts --out s
expect_completion "help takes a command" "series serve settings show survey" ladder help s
# subcommand lists of every group come from the table
expect_completion "catalog" "import lineage list" ladder catalog ""
expect_completion "settings" "list set" ladder settings ""

t_finish
