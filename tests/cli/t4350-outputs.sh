#!/usr/bin/env bash
# t4350-outputs: export, report, charts and publish write each file whole or
# not at all (a temporary file beside it, renamed when complete) and do not
# replace an existing file without --force:
#   - an existing target is refused with a clear message and left as it
#     was; --force replaces it; charts and publish into a directory check
#     every file first, so a refusal writes nothing there;
#   - a full disk (a 64 KiB tmpfs, when the test may mount one) leaves the
#     old file intact, no temporary file and no 0-byte file, and says so;
#   - a full standard output (/dev/full) is an error, not a silent success.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db
# no temporary files left in DIR (".NAME.tmp-XXXXXX")
no_temp() {
	local left
	left=$(find "$2" -name '.*.tmp-*' 2>/dev/null || true)
	if [[ -z $left ]]; then t_ok; else t_fail "$1: temporary files left" "$left"; fi
}

# ---------------------------------------------------- no silent overwrite
# refused_then_forced FILE CMD... : FILE holds old text; CMD --out FILE is
# refused with the message and leaves it; with --force it replaces it
refused_then_forced() {
	local f=$1
	shift
	echo "old $f" >"$f"
	run --db "$DB" "$@" --out "$f"
	expect_rc "$* over an existing $f" 2
	expect_in "$f: says it exists and what to do" "$ERR" "$f bestaat al; --force vervangt het"
	expect_in "$f: left alone" "$(cat "$f")" "old $f"
	run --db "$DB" "$@" --out "$f" --force
	expect_rc "$* --force" 0
	expect_not_in "$f: replaced" "$(head -c 200 "$f" | tr -d '\0')" "old $f"
}
refused_then_forced old.csv export csv --year 2017
expect_in "the CSV replaced" "$(head -1 old.csv)" "year,area,work_form,persons"
t_check "the CSV's metadata too" test -s old.csv-metadata.json
# a second run finds the metadata file: refused before anything is written
cp old.csv before.csv
run --db "$DB" export csv --year 2016 --out old.csv
expect_rc "export over the CSV and its metadata" 2
t_check "CSV unchanged" cmp -s old.csv before.csv
refused_then_forced annex.xlsx export xlsx --year 2017
t_check "xlsx replaced" test "$(head -c 2 annex.xlsx)" = PK
refused_then_forced r.pdf report --area 30000 --year 2017
refused_then_forced r.html report --area 30000 --year 2017
# a new file keeps the permissions fopen would give it (not mkstemp's 0600)
(umask 022 && "$LADDER" --db "$DB" export csv --year 2017 --work-form totaal --out perm.csv)
t_check "new file is 0644 under umask 022" test "$(stat -c %a perm.csv)" = 644
no_temp "after refusals and replacements" .

# charts and publish into a directory: all checked before the first file
run --db "$DB" charts --area 30000 --year 2017 --out charts
expect_rc "charts into a new directory" 0
echo "my own chart" >charts/fig3.png
rm charts/fig1.svg
run --db "$DB" charts --area 30000 --year 2017 --out charts
expect_rc "charts over an existing chart" 2
expect_in "charts: names the file" "$ERR" "charts/fig1.png bestaat al; --force vervangt het"
t_check "charts: nothing written (fig1.svg still absent)" test ! -e charts/fig1.svg
expect_in "charts: the file is left alone" "$(cat charts/fig3.png)" "my own chart"
run --db "$DB" charts --area 30000 --year 2017 --out charts --force
expect_rc "charts --force" 0
t_check "charts --force wrote fig1.svg" test -s charts/fig1.svg
t_check "charts --force replaced fig3.png" test "$(head -c 4 charts/fig3.png | tail -c 3)" = PNG
mkdir pub
echo "mine" >pub/notes.txt
run --db "$DB" publish --area 31005 --year 2017 --out pub
expect_rc "publish into an existing directory without those files" 0
expect_in "publish leaves other files alone" "$(cat pub/notes.txt)" "mine"
run --db "$DB" publish --area 31000 --year 2017 --out pub
expect_rc "publish over files of an earlier run" 2
expect_in "publish: names the file" "$ERR" "pub/annex.xlsx bestaat al; --force vervangt het"
run --db "$DB" --lang en publish --area 31000 --year 2017 --out pub
expect_in "publish in English" "$ERR" "pub/annex.xlsx exists; --force replaces it"
t_check "publish: nothing written (31000.html absent)" test ! -e pub/31000.html
run --db "$DB" publish --area 31000 --year 2017 --out pub --force
expect_rc "publish --force" 0
t_check "publish --force wrote 31000.pdf" test -s pub/31000.pdf
no_temp "charts and publish" .

# --------------------------------------------------------- full outputs
rc=0
"$LADDER" --db "$DB" export csv --year 2017 >/dev/full 2>full.err || rc=$?
t_check "export to a full standard output fails (exit $rc)" test "$rc" -ne 0
expect_in "and says so, in Dutch" "$(cat full.err)" "geen ruimte meer op het apparaat"
"$LADDER" --lang en --db "$DB" export csv --year 2017 >/dev/full 2>full.err || true
expect_in "and in English on request" "$(cat full.err)" "No space left on device"

# a small file system that fills up (root only; a plain skip elsewhere: the
# unit test base/test_afile fills a file size limit instead)
full=$T_TMP/full
mkdir "$full"
if mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
	trap 'umount "$full" 2>/dev/null || true; rm -rf "$T_TMP"' EXIT
	printf 'year,area,work_form,persons\n2017,30000,totaal,1\n' >"$full/data.csv"
	echo "old pdf" >"$full/r.pdf"
	# fill what is left
	dd if=/dev/zero of="$full/filler" bs=4k 2>/dev/null || true
	rm -f "$full/filler"
	dd if=/dev/zero of="$full/filler" bs=1k count=$(($(df -k --output=avail "$full" | tail -1) - 8)) 2>/dev/null || true
	before_csv=$(cat "$full/data.csv")
	run --db "$DB" export csv --year 2017 --out "$full/data.csv" --force
	expect_rc "export csv onto a full disk" 2
	expect_in "says the disk is full, in Dutch" "$ERR" "geen ruimte meer op het apparaat"
	expect_in "and which file" "$ERR" "$full/data.csv"
	expect_in "and that it was not written, in Dutch" "$ERR" "(niet geschreven)"
	t_check "the old CSV is intact" test "$(cat "$full/data.csv")" = "$before_csv"
	run --db "$DB" report --area 30000 --year 2017 --out "$full/r.pdf" --force
	expect_rc "report pdf onto a full disk" 2
	expect_in "report: names the file" "$ERR" "$full/r.pdf"
	expect_in "the old PDF is intact" "$(cat "$full/r.pdf")" "old pdf"
	for f in new.pdf new.html new.xlsx; do
		if [[ $f == *.xlsx ]]; then
			run --db "$DB" export xlsx --year 2017 --out "$full/$f"
		else
			run --db "$DB" report --area 30000 --year 2017 --out "$full/$f"
		fi
		expect_rc "$f onto a full disk" 2
		t_check "$f: no file, not even an empty one" test ! -e "$full/$f"
	done
	run --db "$DB" charts --area 30000 --year 2017 --out "$full/charts"
	expect_rc "charts onto a full disk" 2
	t_check "charts: no empty file" test -z "$(find "$full/charts" -type f -empty 2>/dev/null)"
	no_temp "full disk" "$full"
	umount "$full"
else
	echo "$T_NAME: note: cannot mount a tmpfs here (not root?): the full-disk checks did not run" >&2
fi

# ------------------------------------------------ no abort at exit (FcFini)
# fontconfig's FcFini asserts that no cache is still referenced, and cairo
# keeps recently used fonts: a run that had written its PDF now and then
# aborted at exit (134). ladder never calls it.
full_bin=$(dirname "$LADDER")/ladder-full
if [[ -x $full_bin ]] && command -v nm >/dev/null; then
	t_check "ladder-full does not call FcFini" bash -c "! nm -D --undefined-only '$full_bin' | grep -qw FcFini"
fi

t_finish
