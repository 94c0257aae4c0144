#!/usr/bin/env bash
# t0610-file-sizes: no source file under src/ has more than 1000 lines
# without a reason written near its top (tests/lint/file_sizes.sh, which
# `make` also runs, so the build fails first): the repository passes, and the
# check itself fails on a file of 1001 lines without a reason, passes with
# one, and names the file.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHECK=$LADDER_REPO/tests/lint/file_sizes.sh
rc=0
sh "$CHECK" "$LADDER_REPO/src" 2>sizes.err || rc=$?
if [[ $rc -eq 0 ]]; then t_ok; else t_fail "src/ has files over 1000 lines without a reason" "$(cat sizes.err)"; fi

mkdir -p fake/engine
seq 1 1001 | sed 's|^|/* line |; s|$| */|' >fake/engine/big.c
seq 1 1000 | sed 's|^|/* line |; s|$| */|' >fake/engine/ok.c
rc=0
sh "$CHECK" fake 2>fake.err || rc=$?
t_check "1001 lines without a reason fail (exit $rc)" test "$rc" -ne 0
expect_in "names the file" "$(cat fake.err)" "fake/engine/big.c: 1001 lines"
expect_not_in "1000 lines are fine" "$(cat fake.err)" "ok.c"
{ echo "/* big.c - over 1000 lines because it is a test */"; cat fake/engine/big.c; } >fake/engine/big2.c
mv fake/engine/big2.c fake/engine/big.c
rc=0
sh "$CHECK" fake 2>fake.err || rc=$?
t_check "with a reason at the top it passes (exit $rc)" test "$rc" -eq 0
# the reason must be near the top, not anywhere
{ cat fake/engine/ok.c; echo "/* over 1000 lines because */"; cat fake/engine/ok.c; } >fake/engine/late.c
rc=0
sh "$CHECK" fake 2>fake.err || rc=$?
t_check "a reason at the bottom does not count (exit $rc)" test "$rc" -ne 0

t_finish
