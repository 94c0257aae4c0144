#!/usr/bin/env bash
# t1400-import-inputs: what `ladder import` reads, and that it reads it once.
# Standard input (-), /dev/stdin, pipes, FIFOs and <(...) are imported with
# the SHA-256 of exactly what came through; devices (/dev/zero once hung the
# import forever holding the write lock), directories, sockets and a terminal are refused
# at once with a clear message, as is a file over the 1 GiB limit, and the
# database stays unchanged. `areas import` reads a pipe too (it once peeked
# at the file first).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=x.db
reset_db() { init_db "$DB"; }
reset_db
db_snapshot

H='year,area,work_form,persons,edition'
# fig ED : a one-figure file for edition ED on stdout
fig() { printf '%s\n2017,30000,totaal,56.721,%s\n' "$H" "$1"; }

# refused_input WHAT PATH MESSAGE : import PATH is refused within 20 s with
# MESSAGE as an error line, and nothing is written.
refused_input() {
	local what=$1 path=$2 msg=$3
	RC=0
	timeout 20 "$LADDER" import --db "$DB" "$path" >"$T_TMP/out" 2>"$T_TMP/err" </dev/null || RC=$?
	OUT=$(cat "$T_TMP/out")
	ERR=$(cat "$T_TMP/err")
	if ((RC == 124)); then
		t_fail "$what: still reading after 20 s"
		return
	fi
	expect_rc "$what" 2 # a refused import is a failure (exit 2; 1 means findings)
	expect_error_line "$what" "$msg"
	expect_unchanged "$what"
}
WHY='geen CSV-bestand: geef een gewoon bestand, een pijp, of - voor de standaardinvoer'
refused_input "/dev/zero" /dev/zero "/dev/zero: is een apparaat, $WHY"
refused_input "/dev/null" /dev/null "/dev/null: is een apparaat, $WHY"
mkdir adir
refused_input "a directory" adir "adir: is een map, $WHY"
python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sock")'
refused_input "a socket" sock "sock: is een socket, $WHY"
truncate -s 1100M big.csv # sparse: nothing is written to disk
refused_input "over 1 GiB" big.csv "big.csv: groter dan 1 GiB, de grens voor een invoer: splits het in meerdere bestanden"
rm -f big.csv
# standard input that is a device is refused the same way
run import --db "$DB" - </dev/null
expect_rc "- from /dev/null" 2
expect_error_line "- from /dev/null" "stdin: is een apparaat, $WHY"
expect_unchanged "- from /dev/null"

# a terminal on standard input is nobody's CSV file
if command -v script >/dev/null; then
	script -qec "$LADDER import --db $DB -" /dev/null >"$T_TMP/tty" 2>&1 </dev/null || true
	expect_in "- from a terminal" "$(cat "$T_TMP/tty")" "stdin: is een terminal: geef een CSV-bestand via een pijp of omleiding"
	expect_unchanged "- from a terminal"
fi

# accepted ED WHAT SHA : the last import succeeded, stored edition ED's
# figure and recorded SHA as its batch's digest.
accepted() {
	local ed=$1 what=$2 sha=$3
	expect_rc "$what" 0
	local got
	got=$(sqlite3 "$DB" "SELECT b.sha256 FROM figure f JOIN edition e ON e.id = f.edition
		JOIN batch b ON b.id = f.batch WHERE e.code = '$ed'")
	if [[ $got == "$sha" ]]; then t_ok; else t_fail "$what: batch digest '$got', expected '$sha'" "$(show_run)"; fi
}
sha_of() { sha256sum | cut -d' ' -f1; }

fig 2001 >f1.csv
RC=0
"$LADDER" import --db "$DB" - <f1.csv >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
ERR=$(cat "$T_TMP/err")
accepted 2001 "- redirected from a file" "$(sha_of <f1.csv)"

RC=0
fig 2002 | "$LADDER" import --db "$DB" - >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
ERR=$(cat "$T_TMP/err")
accepted 2002 "- from a pipe" "$(fig 2002 | sha_of)"
expect_in "- is reported as stdin" "$(cat "$T_TMP/out")" "stdin: cijfers, 1 rijen"

RC=0
fig 2003 | "$LADDER" import --db "$DB" /dev/stdin >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
ERR=$(cat "$T_TMP/err")
accepted 2003 "/dev/stdin from a pipe" "$(fig 2003 | sha_of)"

run import --db "$DB" <(fig 2004)
accepted 2004 "<(...)" "$(fig 2004 | sha_of)"

# a pipe bigger than one read chunk (256 KiB) and than the pipe buffer: the
# digest must still be of every byte, read once
big() { printf '%s\n' "$H"; for y in $(seq 1995 2024); do
	awk -F, -v y="$y" 'NR > 1 && $1 != "" { printf "%s,30000,%s,%d,2005\n", y, $1, NR }' \
		"$LADDER_REPO/data/ref/work_forms.csv"
	done; for i in $(seq 1 6000); do printf '\n'; done; }
RC=0
big | "$LADDER" import --db "$DB" - >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
ERR=$(cat "$T_TMP/err")
accepted_rows=$(sqlite3 "$DB" "SELECT count(*) FROM figure f JOIN edition e ON e.id = f.edition WHERE e.code = '2005'")
expect_rc "a large pipe" 0
[[ $accepted_rows -gt 0 ]] && t_ok || t_fail "a large pipe stored nothing" "$(show_run)"
got=$(sqlite3 "$DB" "SELECT b.sha256 FROM batch b WHERE b.file = 'stdin' ORDER BY id DESC LIMIT 1")
want=$(big | sha_of)
[[ $got == "$want" ]] && t_ok || t_fail "a large pipe: digest $got, expected $want"

mkfifo ff
(fig 2006 >ff) &
run import --db "$DB" ff
wait
accepted 2006 "a FIFO" "$(fig 2006 | sha_of)"

# areas import from a pipe, and its refusal of other kinds without a peek
printf 'group,name_nl,member\nkust,Kust,31000\n' >grp.csv
RC=0
"$LADDER" areas import --db "$DB" - <grp.csv >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
ERR=$(cat "$T_TMP/err")
expect_rc "areas import -" 0
[[ $(sqlite3 "$DB" "SELECT count(*) FROM area WHERE code = 'kust'") -eq 1 ]] && t_ok || t_fail "areas import - stored no group" "$ERR"
db_snapshot
RC=0
fig 2007 | "$LADDER" areas import --db "$DB" - >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
ERR=$(cat "$T_TMP/err")
expect_rc "areas import of figures" 2
expect_error_line "areas import of figures" "stdin:1:1: kopregel: dit is een bestand van soort figures; verwacht een bestand van soort groupings/areas"
expect_unchanged "areas import of figures"

t_finish
