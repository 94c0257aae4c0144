#!/usr/bin/env bash
# t6010-persons-malformed: a bad episode file is refused with the file, line
# and column, the column's name and what was expected; nothing goes to
# standard output, the exit status is 2, and no person id is ever printed
# (messages name positions, not people). Also far into a file of several
# blocks (the line number counts the blocks the other worker read).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

H=person,work_form,area,start,end,rung
refused() { # refused WHAT FILE EXPECTED-FRAGMENT [ARGS...]
	local what=$1 file=$2 frag=$3
	shift 3
	run persons snapshot --date 2020-01-01 "$file" --format csv "$@"
	expect_rc "$what" 2
	if [[ -z $OUT ]]; then t_ok; else t_fail "$what: output despite the error" "$OUT"; fi
	expect_in "$what" "$ERR" "$frag"
	expect_not_in "$what: no person id" "$ERR" "SECRETID"
}

printf '%s\nSECRETID1,a,31005,2019-13-01,,4\n' "$H" >bad-date.csv
refused "month 13" bad-date.csv "bad-date.csv:2:19: kolom 'start': verwacht een ISO-datum (JJJJ-MM-DD), kreeg '2019-13-01'"
printf '%s\nSECRETID1,a,31005,2019-01-01,,4\nSECRETID2,a,31005,2019-02-29,,4\n' "$H" >bad-leap.csv
refused "29 February 2019" bad-leap.csv "bad-leap.csv:3:19: kolom 'start'"
printf '%s\nSECRETID1,a,31005,2019-01-01,2019/02/01,4\n' "$H" >bad-end.csv
refused "end with slashes" bad-end.csv "bad-end.csv:2:30: kolom 'end': verwacht een ISO-datum (JJJJ-MM-DD) of niets"
printf '%s\nSECRETID1,a,31005,2019-05-01,2019-04-30,4\n' "$H" >before.csv
refused "end before start" before.csv "before.csv:2:30: kolom 'end': 2019-04-30 ligt voor het begin 2019-05-01"
printf '%s\n,a,31005,2019-05-01,,4\n' "$H" >noid.csv
refused "empty person id" noid.csv "noid.csv:2:1: kolom 'person': leeg"
printf '%s\n"  ",a,31005,2019-05-01,,4\n' "$H" >blankid.csv
refused "blank person id" blankid.csv "blankid.csv:2:1: kolom 'person': leeg"
printf '%s\nSECRETID1,a,31005,2019-05-01,,7\n' "$H" >rung.csv
refused "rung 7" rung.csv "rung.csv:2:31: kolom 'rung': verwacht een trede van 1 tot 6, kreeg '7'"
printf '%s\nSECRETID1,a,Brugge,2019-05-01,,4\n' "$H" >area.csv
refused "area by name" area.csv "area.csv:2:13: kolom 'area': verwacht een NIS-code"
printf 'person,work_form,area,start\nSECRETID1,a,31005,2019-05-01\n' >nocol.csv
refused "missing column" nocol.csv "nocol.csv:1:1: kolom 'end' ontbreekt"
printf '%s\nSECRETID1,"a,31005,2019-05-01,,4\n' "$H" >quote.csv
refused "unterminated quote" quote.csv "quote.csv:2:11: aanhalingsteken niet gesloten"
printf 'person,work_form;area,start,end\n' >both.csv
refused "both delimiters" both.csv "both.csv:1:1: de kopregel bevat zowel ',' als ';'"
# Dutch by default (above), English with --lang en
refused "English" before.csv "before.csv:2:30: column 'end': 2019-04-30 is before the start 2019-05-01" --lang en

# ------------------------------------------------ the catalogue: unknown work form
run init --db l.db
printf 'person,work_form,area,start,end\nSECRETID1,wep_plus,31005,2019-05-01,\nSECRETID2,wep_pluss,31005,2019-05-01,\n' >form.csv
refused "unknown work form without a rung column" form.csv "form.csv:3:11: kolom 'work_form': onbekende werkvorm 'wep_pluss'" --db l.db
# with a rung column any label will do
printf '%s\nSECRETID1,wep_pluss,31005,2019-05-01,,4\n' "$H" >label.csv
run persons snapshot --date 2020-01-01 label.csv --format csv
expect_rc "any label with a rung column" 0

# header names: any ASCII case, as the importer's
printf 'Person,WORK_FORM,Area,Start,End,Rung\nSECRETID1,a,31005,2019-05-01,,4\n' >case.csv
run persons snapshot --date 2020-01-01 case.csv --format csv
expect_in "header names in capitals" "$OUT" "rung,31005,4,1"

# ------------------------------------------------ far into a large file
{
	echo "$H"
	awk 'BEGIN { for (i = 0; i < 300000; i++) print "SECRETIDXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX,arbeidszorg_se,31005,2019-01-01,2020-01-01,3" }'
	echo 'SECRETIDY,arbeidszorg_se,31005,2019-01-01,2018-01-01,3'
	awk 'BEGIN { for (i = 0; i < 1000; i++) print "SECRETIDZ,wep_plus,31005,2019-01-01,,4" }'
} >large.csv
refused "error on line 300002, in the fourth block" large.csv "large.csv:300002:43: kolom 'end'"
# and from standard input
run persons flows --from 2019-01-01 --to 2020-01-01 - --format csv <large.csv
expect_rc "stdin error" 2
expect_in "stdin error names stdin and the line" "$ERR" "stdin:300002:43:"

# ------------------------------------------------ usage
run persons snapshot --date 2020-02-30 label.csv
expect_rc "bad --date" 64
run persons flows --from 2020-01-01 --to 2019-01-01 label.csv
expect_rc "--to before --from" 64
run persons snapshot --date 2020-01-01
expect_rc "no file" 64
run persons snapshot --date 2020-01-01 /dev/zero
expect_rc "a device" 2
run persons snapshot --date 2020-01-01 nothere.csv
expect_rc "missing file" 2

t_finish
