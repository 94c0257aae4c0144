#!/usr/bin/env bash
# t1410-import-text-and-successors: names, labels and notes reach terminals,
# pages and reports, so control characters (C0 but tab and line feed, DEL,
# C1) are refused in every column of every kind, at their own line and
# column; one-line columns take no tab or line break inside the value, free
# text (note, source, counting_rule, definition, text) does. Work-form
# successors must not form a cycle, within a file or with what is stored.
# Refused imports leave the database unchanged.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=x.db
reset_db() {
	init_db "$DB"
	printf 'code,name_nl,rung,successors\nold1,Oud,4,new1\nnew1,Nieuw,4,\n' >base.csv
	"$LADDER" catalog import --db "$DB" base.csv >/dev/null
}
reset_db
db_snapshot

# refused CMD FILE CONTENT(printf format) ERROR : writes FILE, runs
# `ladder CMD FILE`, expects exit 2, ERROR as an error line, and no change.
refused() {
	local cmd=$1 file=$2 content=$3 msg=$4
	printf "$content" >"$file"
	# shellcheck disable=SC2086
	run $cmd --db "$DB" "$file"
	expect_rc "$file" 2 # refused input: failure
	expect_error_line "$file" "$msg"
	expect_unchanged "$file"
	# nothing of the control character is echoed back
	if [[ $ERR == *$'\e'* || $ERR == *$'\a'* ]]; then t_fail "$file: the message echoes a control character"; else t_ok; fi
}
F='year,area,work_form,persons,note'
CTL="stuurteken"
refused "catalog import" esc-name.csv 'code,name_nl,rung\nqq,"Q\033[31mrood",4\n' \
	"esc-name.csv:2:6: kolom 'name_nl': $CTL U+001B (ESC) is niet toegelaten: verwijder het"
refused import bel-note.csv "$F\n2017,30000,tat,5,\"bell\a\"\n" \
	"bel-note.csv:2:23: kolom 'note': $CTL U+0007 (BEL) is niet toegelaten: verwijder het"
refused import c1-note.csv "$F\n2017,30000,tat,5,ok\xc2\x9b\n" \
	"c1-note.csv:2:20: kolom 'note': $CTL U+009B (C1 control) is niet toegelaten: verwijder het"
refused import esc-area.csv "$F\n2017,30000\033,tat,5,\n" \
	"esc-area.csv:2:11: kolom 'area': $CTL U+001B (ESC) is niet toegelaten: verwijder het"
refused import esc-header.csv "year,area,work_form,persons,no\033te\n2017,30000,tat,5,x\n" \
	"esc-header.csv:1:31: kopregel: $CTL U+001B (ESC) is niet toegelaten: verwijder het"
refused "areas import" del-area.csv 'code,name_nl,level,name_en\n99001,Ergens,municipality,Some\177where\n' \
	"del-area.csv:2:31: kolom 'name_en': $CTL U+007F (DEL) is niet toegelaten: verwijder het"
refused "areas import" lf-group.csv 'group,name_nl,member\nkust,"Kust\nstreek",31000\n' \
	"lf-group.csv:2:11: kolom 'name_nl': een regeleinde (U+000A) mag niet in deze waarde staan, alleen in vrije tekst (note, source, counting_rule, definition, text)"
refused import tab-ind.csv 'code,name_nl,unit\nind_x,"Een\tnaam",persons\n' \
	"tab-ind.csv:2:11: kolom 'name_nl': een tab (U+0009) mag niet in deze waarde staan, alleen in vrije tekst (note, source, counting_rule, definition, text)"
refused import esc-claim.csv 'id,text,year,expr,stated\nc1,"Zin\033]0;titel\a",2017,"fig(30000,totaal)",5\n' \
	"esc-claim.csv:2:8: kolom 'text': $CTL U+001B (ESC) is niet toegelaten: verwijder het"
# the position counts characters and follows line breaks inside a quoted note
refused import multi-note.csv "$F\n2017,30000,tat,5,\"\xc3\xa9\xc3\xa9n\ntwee\033\"\n" \
	"multi-note.csv:3:5: kolom 'note': $CTL U+001B (ESC) is niet toegelaten: verwijder het"

# accepted: tabs and line breaks in free text, tabs trimmed around values
printf '%s\n2017,30000,tat,5,"een\tnoot\nover twee regels"\n2017,30000,pwa,\t7\t,\n' "$F" >ok.csv
run import --db "$DB" ok.csv
expect_rc "tab and line break in a note" 0
expect_in "note stored with its tab and line break" "$(sqlite3 "$DB" "SELECT note FROM figure WHERE persons = 5")" $'een\tnoot\nover'
[[ $(sqlite3 "$DB" "SELECT count(*) FROM figure WHERE persons = 7") -eq 1 ]] && t_ok || t_fail "tab-padded count not stored"
reset_db
db_snapshot

# ------------------------------------------------------------ successors
SUCC=successors
refused "catalog import" cycle3.csv 'code,name_nl,rung,successors\naa,A,4,bb\nbb,B,4,cc\ncc,C,4,aa\n' \
	"cycle3.csv:2:8: kolom '$SUCC': de opvolgers vormen een kring: aa -> bb -> cc -> aa"
refused "catalog import" cycle-self.csv 'code,name_nl,rung,successors\nzz,Z,4,yy zz\nyy,Y,4,\n' \
	"cycle-self.csv:2:8: kolom '$SUCC': de opvolgers vormen een kring: zz -> zz"
# closing a cycle with what is stored (old1 -> new1)
refused "catalog import" cycle-stored.csv 'code,name_nl,rung,successors\nnew1,Nieuw,4,old1\n' \
	"cycle-stored.csv:2:14: kolom '$SUCC': de opvolgers vormen een kring: new1 -> old1 -> new1"
# a chain and a fork are fine
printf 'code,name_nl,rung,successors\na1,A,4,a2|a3\na2,B,4,a4\na3,C,4,a4\na4,D,4,\n' >chain.csv
run catalog import --db "$DB" chain.csv
expect_rc "a chain with a fork" 0

t_finish
