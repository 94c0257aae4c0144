#!/usr/bin/env bash
# t0300-help-usage: the command line as a Debian tool's. `ladder help
# COMMAND` and `COMMAND --help` show the arguments, only the command's own
# options with what each does, and examples, for every command of the table;
# a mistyped command, subcommand or option names the right one in one line;
# exit statuses are 0 ok, 1 findings, 2 failure, 64 usage; every number
# option is read whole and in range (4294969313 is not 2017).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# the help in English, as an English locale asks (LANGUAGE comes first, as
# gettext reads it); the Dutch default: t0630-help-language
export LANGUAGE=en

# ------------------------------------------------ help for every command
run help
expect_rc "help" 0
commands=$(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\?\)  .*/\1/p' | sed 's/ *$//')
n=$(printf '%s\n' "$commands" | grep -c . || true)
if [[ $n -ge 20 ]]; then t_ok; else t_fail "help lists $n commands, expected the whole table" "$OUT"; fi
while IFS= read -r c; do
	read -r -a words <<<"$c"
	run help "${words[@]}"
	expect_rc "help $c" 0
	expect_in "help $c: usage line" "$OUT" "usage: ladder $c"
	expect_in "help $c: options" "$OUT" "options:"
	expect_in "help $c: examples" "$OUT" "examples:
  ladder $c"
	help_out=$OUT
	# the same text from COMMAND --help (heavy commands answer from ladder-full)
	run "${words[@]}" --help
	expect_rc "$c --help" 0
	if [[ $OUT == "$help_out" ]]; then t_ok; else t_fail "$c --help differs from help $c" "$(diff <(echo "$help_out") <(echo "$OUT"))"; fi
done <<<"$commands"

run help import
expect_in "import takes files" "$OUT" "usage: ladder import FILE..."
expect_in "import: --dry-run explained" "$OUT" "--dry-run"
expect_not_in "import: no --area" "$OUT" "--area"
expect_not_in "import: no --format (it prints no table)" "$OUT" "--format"
run help settings set
expect_in "settings set takes KEY VALUE" "$OUT" "usage: ladder settings set KEY [VALUE]"
run help show
expect_in "show: required options without brackets" "$OUT" "ladder show --area CODE|NAME --year YYYY [--edition CODE]"
expect_in "show: the year's range" "$OUT" "(1990 to 2100)"
expect_not_in "show: no --out" "$OUT" "--out"
run help export
expect_rc "help of a group" 0
expect_in "help export lists its commands" "$OUT" "  export xlsx "
expect_in "help export lists its commands" "$OUT" "  export csv "
run help serve
expect_in "serve: --port range" "$OUT" "(1 to 65535)"

# ------------------------------------------- mistakes name the right word
# expect_usage WHAT MESSAGE ARGS... : exit 64, and stderr is exactly MESSAGE
# (one line: no 30-line dump of every command), in English (--lang en);
# expect_usage_nl the same in Dutch, the default
expect_usage() {
	local what=$1 msg=$2
	shift 2
	expect_usage_nl "$what" "$msg" --lang en "$@"
}
expect_usage_nl() {
	local what=$1 msg=$2
	shift 2
	run "$@"
	expect_rc "$what" 64
	if [[ $ERR == "$msg" ]]; then t_ok; else t_fail "$what: stderr" "expected: $msg" "got:      $ERR"; fi
	expect_in "$what: nothing on stdout" "[$OUT]" "[]"
}
expect_usage "subcommand typo" "ladder: unknown subcommand 'xls' of export; did you mean 'xlsx'?" export xls
expect_usage "command typo" "ladder: unknown command 'exprot'; did you mean 'export'?" exprot csv
expect_usage "command prefix" "ladder: unknown command 'sho'; did you mean 'show'?" sho --area 30000
expect_usage "unknown command" "ladder: unknown command 'frobnicate' (ladder help lists the commands)" frobnicate
expect_usage "missing subcommand" "ladder: export needs a subcommand: csv, json, jsonstat or xlsx (see ladder help)" export
expect_usage "option typo" "ladder: unknown option --yeer; did you mean --year?" show --area 30000 --yeer 2017
expect_usage "option typo (transposed)" "ladder: unknown option --aera; did you mean --area?" check --aera 30000
expect_usage "option of another command" "ladder: unknown option --out of show (see ladder help show)" show --area 30000 --year 2017 --out x
expect_usage "leading option typo" "ladder: unknown option --lnag; did you mean --lang?" --lnag en show
expect_usage "help of a typo" "ladder: unknown subcommand 'lst' of catalog; did you mean 'list'?" help catalog lst
expect_usage "required option" "ladder: show needs --year YYYY (see ladder help show)" show --area 30000
expect_usage "no command" "usage: ladder [--db PATH] [--lang nl|en] [--format table|csv|json|md] COMMAND [ARGS]
ladder help lists the commands."
expect_usage "value missing" "ladder: --year needs a value: --year YYYY" show --area 30000 --year
expect_usage "flag with a value" "ladder: --dry-run takes no value" import --dry-run=yes x.csv
expect_usage "bad --format" "ladder: --format: expected table, csv, json or md, got 'xml'" catalog list --format xml
"$LADDER" demo --db demo.db --quiet >/dev/null 2>&1 || die "demo failed"
expect_usage "stray argument" "ladder: unexpected argument 'extra'" --db demo.db check extra
# Dutch by default, also where --lang comes after the command
expect_usage_nl "Dutch: subcommand typo" "ladder: onbekend subcommando 'xls' van export; bedoelde je 'xlsx'?" export xls
expect_usage_nl "Dutch: command typo" "ladder: onbekend commando 'exprot'; bedoelde je 'export'?" exprot csv
expect_usage_nl "Dutch: option typo" "ladder: onbekende optie --yeer; bedoelde je --year?" show --area 30000 --yeer 2017
expect_usage_nl "Dutch: required option" "ladder: show heeft --year YYYY nodig (zie ladder help show)" show --area 30000
expect_usage_nl "Dutch: no command" "gebruik: ladder [--db PAD] [--lang nl|en] [--format table|csv|json|md] COMMANDO [ARGUMENTEN]
ladder help somt de commando's op."
expect_usage_nl "Dutch: a number out of range" "ladder: --year: verwacht een geheel getal van 1990 tot 2100, kreeg '1989'" show --area 30000 --year 1989
expect_usage_nl "English after the command" "ladder: unknown option --yeer; did you mean --year?" show --area 30000 --yeer 2017 --lang en

# ------------------------------------------------ numbers: whole and in range
# refused NAME RANGE VALUE ARGS... : usage error naming the option, its
# range and the refused VALUE
refused() {
	local name=$1 range=$2 value=$3
	shift 3
	run --lang en --db demo.db "$@"
	expect_rc "$* refused" 64
	expect_in "$*: names the option and range" "$ERR" "ladder: $name: expected a whole number from $range, got '$value'"
}
for v in 4294969313 2017abc " 2017" "2017 " +2017 0x7e1 2.017 "" 1e3 -2017 1989 2101 99999999999999999999; do
	refused --year "1990 to 2100" "$v" show --area 30000 --year "$v"
done
refused --year "1990 to 2100" 4294969313 check --year 4294969313
refused --year "1990 to 2100" 4294969313 disclosure audit --year 4294969313
refused --year "1990 to 2100" 2017x context --area 30000 --year 2017x
refused --from "1990 to 2100" 2O15 context --area 30000 --from 2O15 --to 2017
refused --to "1990 to 2100" 4294969313 context --area 30000 --from 2015 --to 4294969313
refused --jobs "1 to 64" 2xyz disclosure audit --jobs 2xyz
refused --jobs "1 to 64" 0 disclosure audit --jobs 0
refused --port "1 to 65535" 18104abc serve --port 18104abc
refused --port "1 to 65535" 65536 serve --port 65536
refused --threads "1 to 64" 2xyz serve --threads 2xyz
refused --year "1990 to 2100" 4294969313 export csv --year 4294969313
refused --from "1990 to 2100" 2016.5 export xlsx --year 2017 --from 2016.5 --out a.xlsx
refused --rung "3 to 6" 9 export csv --rung 4,9
refused --year "1990 to 2100" 2017.0 report --area 30000 --year 2017.0 --out r.html
run --lang en --db demo.db check --jump 12abc
expect_rc "--jump 12abc" 64
expect_in "--jump 12abc" "$ERR" "ladder: --jump: expected a number from 0.001 to 1e+06, got '12abc'"
run --lang en --db demo.db check --jump-min inf
expect_rc "--jump-min inf" 64
expect_in "--jump-min inf" "$ERR" "--jump-min: expected a number from 0 to 1e+09, got 'inf'"
[[ ! -e a.xlsx && ! -e r.html ]] && t_ok || t_fail "a refused command wrote a file"
# what was right stays right
run --db demo.db show --area 30000 --year=2017
expect_rc "show --year=2017" 0
expect_in "show --year=2017" "$OUT" "56.721"
run --db demo.db check --year 2017 --jump 12,5 --jump-min 10
expect_rc "check with Dutch --jump 12,5" 2
run --db demo.db export csv --rung "3, 4" --area 30000 --year 2017
expect_rc "export --rung '3, 4'" 0

# ------------------------------------------------ the exit statuses
run --db demo.db show --area Nergensland --year 2017
expect_rc "unknown area: failure" 2
printf 'year,area,work_form,persons\n2017,30000,nope,5\n' >bad.csv
run --db demo.db import bad.csv
expect_rc "refused import: failure" 2
run --db demo.db check
expect_rc "check with errors" 2
run --db demo.db disclosure audit --primary-only --year 2017
expect_rc "audit finds exposed cells: findings" 1
run --db demo.db catalog list
expect_rc "ok" 0

t_finish
