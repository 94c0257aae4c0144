#!/usr/bin/env bash
# run-cli.sh - run every tests/cli/tNNNN-*.sh in order, each in a fresh empty
# directory, and summarise.
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
shopt -s nullglob
for t in "$repo"/tests/cli/t[0-9]*.sh; do
	name=$(basename "$t" .sh)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/ladder-cli.XXXXXX")
	out=$(mktemp "${TMPDIR:-/tmp}/ladder-cli-out.XXXXXX")
	rc=0
	(cd "$dir" && timeout --kill-after=10 "$limit" bash "$t") >"$out" 2>&1 </dev/null || rc=$?
	if [[ $rc -eq 0 ]]; then
		printf 'ok   %s\n' "$name"
		passed=$((passed + 1))
	elif [[ $rc -eq 77 ]] && ! in_ci; then
		printf 'SKIP %s: %s\n' "$name" "$(tail -n 1 "$out")"
		skipped+=("$name")
	else
		[[ $rc -eq 124 ]] && echo "(timed out after ${limit}s)" >>"$out"
		printf 'FAIL %s (exit %d)\n' "$name" "$rc"
		sed 's/^/    /' "$out"
		failed=$((failed + 1))
	fi
	rm -rf "$dir" "$out"
done

if ((${#skipped[@]})); then
	echo "cli: ${#skipped[@]} NOT RUN (skipped): ${skipped[*]}"
fi
echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
