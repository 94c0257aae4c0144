#!/usr/bin/env bash
# t0200-lean-build: build/ladder stays lean (no publication or server
# libraries, which cost a whole-process show more than its own work) and
# hands the commands that need them to ladder-full beside it, with the same
# arguments, output and exit status; without ladder-full it says so.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FULL="$(dirname "$LADDER")/ladder-full"
[[ -x $FULL ]] || die "$FULL missing: run make"

libs=$(ldd "$LADDER")
for lib in libcairo libpango libglib libxlsxwriter libmicrohttpd libgnutls libharfbuzz; do
	expect_not_in "ldd ladder" "$libs" "$lib"
done
expect_in "ldd ladder" "$libs" "libsqlite3"
expect_in "ldd ladder-full" "$(ldd "$FULL")" "libcairo"

# the lean program lists every command, heavy or not
run --help
expect_rc "--help" 0
for c in "serve" "report" "charts" "export xlsx" "publish" "show" "disclosure audit"; do
	expect_in "--help lists $c" "$OUT" "  $c "
done

# a heavy command runs in ladder-full: its own help, its own errors
run report --help
expect_rc "report --help" 0
expect_in "report --help" "$OUT" "--out"
run --db nothing-here.db export xlsx --year 2017 --out x.xlsx
expect_rc "export xlsx without a database" 2
expect_in "export xlsx without a database" "$ERR" "nothing-here.db"

# the demo through both: the same figures
run demo --db demo.db
expect_rc "demo" 0
run --db demo.db export csv --area 30000 --year 2017
expect_rc "export csv (ladder-full)" 0
expect_in "export csv (ladder-full)" "$OUT" "2017,30000,"

# without ladder-full beside it: a clear error, not a crash
mkdir alone
cp "$LADDER" alone/ladder
RC=0
./alone/ladder --db demo.db report --area 30000 --year 2017 --out r.html >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
OUT=$(cat "$T_TMP/out")
ERR=$(cat "$T_TMP/err")
expect_rc "report without ladder-full" 2
expect_in "report without ladder-full" "$ERR" "alone/ladder-full"
expect_in "report without ladder-full" "$ERR" "voer make of make install uit"
[[ ! -e r.html ]] && t_ok || t_fail "report without ladder-full wrote r.html"
# lean commands still work alone
RC=0
./alone/ladder --db demo.db show --area 30000 --year 2017 >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
OUT=$(cat "$T_TMP/out")
expect_rc "show without ladder-full" 0
expect_in "show without ladder-full" "$OUT" "56.721"

t_finish
