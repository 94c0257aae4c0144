#!/usr/bin/env bash
# run-cli.sh - run every tests/cli/tNNNN-*.sh, each in a fresh empty
# directory, a few at a time, and summarise in order.
#
# Environment for each test script:
#   LADDER       absolute path of the binary under test (default build/ladder)
#   LADDER_REPO  the repository root, to find tests/ and data/ files
# The working directory is a new temp dir, removed afterwards, so tests can
# create databases and files freely without seeing each other's leftovers.
# A test passes when it exits 0; on failure its output is shown. Exit 77 is
# a skip (a tool it needs is missing: SKIP lines and a "NOT RUN" summary),
# except in CI (CI=true), where it counts as a failure. Ends with
# "cli: N passed, M failed" and exits non-zero if any failed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export LADDER_REPO=$repo
LADDER=${LADDER:-$repo/build/ladder}
case $LADDER in /*) ;; *) LADDER=$PWD/$LADDER ;; esac
export LADDER
# one test must not hang the whole run
limit=${LADDER_CLI_TIMEOUT:-300}

passed=0 failed=0 skipped=()
# a test exits 77 when a tool it needs is missing (lib.sh require_or_skip);
# in CI that is a failure
in_ci() { [[ -n ${CI:-} && ${CI:-} != false && ${CI:-} != 0 ]]; }

# Tests run LADDER_CLI_JOBS at a time (default: one per core): each has its
# own directory and picks a free port, and most of a test's time is spent
# waiting on one process, so two cores finish the suite in about half the
# time. LADDER_CLI_JOBS=1 runs them one by one.
jobs=${LADDER_CLI_JOBS:-$(nproc 2>/dev/null || echo 1)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || jobs=1
results=$(mktemp -d "${TMPDIR:-/tmp}/ladder-cli-results.XXXXXX")
trap 'rm -rf "$results"' EXIT

# run_one TEST : runs one test in a fresh directory; its output and exit
# status land in $results/NAME.out and NAME.rc
run_one() {
	local t=$1 name dir rc=0 start=$SECONDS
	name=$(basename "$t" .sh)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/ladder-cli.XXXXXX")
	(cd "$dir" && timeout --kill-after=10 "$limit" bash "$t") >"$results/$name.out" 2>&1 </dev/null || rc=$?
	[[ $rc -eq 124 ]] && echo "(timed out after ${limit}s)" >>"$results/$name.out"
	echo "$((SECONDS - start))" >"$results/$name.secs"
	rm -rf "$dir"
	echo "$rc" >"$results/$name.rc"
}

# report NAME : prints one finished test's line and counts it
report() {
	local name=$1 rc secs
	rc=$(cat "$results/$name.rc")
	secs=$(cat "$results/$name.secs")
	if [[ $rc -eq 0 ]]; then
		printf 'ok   %s (%ss)\n' "$name" "$secs"
		passed=$((passed + 1))
	elif [[ $rc -eq 77 ]] && ! in_ci; then
		printf 'SKIP %s: %s\n' "$name" "$(tail -n 1 "$results/$name.out")"
		skipped+=("$name")
	else
		printf 'FAIL %s (exit %d, %ss)\n' "$name" "$rc" "$secs"
		sed 's/^/    /' "$results/$name.out"
		failed=$((failed + 1))
	fi
}

shopt -s nullglob
tests=("$repo"/tests/cli/t[0-9]*.sh)
# The tests with a "# slow:" line (the minute-long ones) start first, the
# rest after them in order: a slow one started last would run alone on one
# core at the end. Results are still printed in the tests' order.
slow=() rest=()
for t in "${tests[@]}"; do
	if grep -q '^# slow:' "$t"; then slow+=("$t"); else rest+=("$t"); fi
done
next=0 # the first test not yet reported: results are printed in order
for t in "${slow[@]}" "${rest[@]}"; do
	while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
	run_one "$t" &
	while ((next < ${#tests[@]})) && [[ -f $results/$(basename "${tests[next]}" .sh).rc ]]; do
		report "$(basename "${tests[next]}" .sh)"
		next=$((next + 1))
	done
done
wait
while ((next < ${#tests[@]})); do
	report "$(basename "${tests[next]}" .sh)"
	next=$((next + 1))
done

if ((${#skipped[@]})); then
	echo "cli: ${#skipped[@]} NOT RUN (skipped): ${skipped[*]}"
fi
echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
