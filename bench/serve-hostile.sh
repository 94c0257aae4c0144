#!/usr/bin/env bash
# bench/serve-hostile.sh - `ladder serve` against hostile clients, at the
# sizes of issue 12: the hostile-client suite (tests/cli/t5200) with 16 000
# pool-exhausting requests instead of 1 600.
#
#   bash bench/serve-hostile.sh            (LADDER=path/to/ladder to compare builds)
#
# Prints the server's VmRSS before and after the 16 000 requests and how
# long a normal client waits for its first answer while 1 100 slow-header
# connections are open (and how many of its requests are answered), then
# the suite's verdict. Targets: VmRSS flat (under 2 MB of growth); a first
# answer within 5 s.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LADDER=${LADDER:-$ROOT/build/ladder}
[[ -x $LADDER ]] || make -C "$ROOT" -s
work=$(mktemp -d "${TMPDIR:-/tmp}/ladder-bench-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
rc=0
HOSTILE_N=${HOSTILE_N:-16000} LADDER=$LADDER LADDER_REPO=$ROOT bash "$ROOT/tests/cli/t5200-serve-hostile.sh" >out 2>&1 || rc=$?
grep -v '^    \|^Not enough memory\|^Error processing request' out || true
exit "$rc"
