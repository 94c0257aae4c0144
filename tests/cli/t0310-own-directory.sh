#!/usr/bin/env bash
# t0310-own-directory: every end-to-end script works in a temporary
# directory of its own, so running one by hand from the repository root
# leaves nothing there (t3050 once left fig.csv and grp.csv, which were
# then committed):
#   - a script that sources lib.sh and writes files, started from a
#     directory with a relative LADDER, leaves that directory as it was and
#     still finds the binary;
#   - every tests/cli/t*.sh sources lib.sh (t0100 only reads data/);
#   - no CSV file is tracked at the repository root;
#   - the browser tests, without Chromium and node, fail in CI (CI=true)
#     and are skipped loudly elsewhere (exit 77, a SKIPPED line), never a
#     silent pass.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

caller=$T_TMP/caller
mkdir -p "$caller/bin"
cp "$LADDER" "$caller/bin/ladder"
echo keep >"$caller/mine.txt"
cat >"$T_TMP/probe.sh" <<PROBE
set -euo pipefail
. "$LADDER_REPO/tests/cli/lib.sh"
echo x >fig.csv
echo y >grp.csv
run --version
[[ \$RC -eq 0 ]] || run help
printf '%s\n' "\$PWD"
PROBE
rc=0
probe_out=$(cd "$caller" && LADDER=bin/ladder LADDER_REPO="$LADDER_REPO" bash "$T_TMP/probe.sh" 2>&1) || rc=$?
if [[ $rc -eq 0 ]]; then t_ok; else t_fail "probe script failed (exit $rc)" "$probe_out"; fi
left=$(cd "$caller" && find . -mindepth 1 ! -path './bin' ! -path './bin/ladder' ! -name mine.txt | sort)
if [[ -z $left ]]; then t_ok; else t_fail "a script wrote into the directory it was started from" "$left"; fi
if [[ $probe_out != "$caller" ]]; then t_ok; else t_fail "the script ran in the caller's directory" "$probe_out"; fi

for t in "$LADDER_REPO"/tests/cli/t[0-9]*.sh; do
	case $(basename "$t") in t0100-*) continue ;; esac
	if grep -q '^\. "$(dirname "${BASH_SOURCE\[0\]}")/lib.sh"' "$t"; then t_ok; else t_fail "$(basename "$t") does not source lib.sh"; fi
done

if git -C "$LADDER_REPO" rev-parse --git-dir >/dev/null 2>&1; then
	stray=$(git -C "$LADDER_REPO" ls-files -- '*.csv' | grep -v / || true)
	if [[ -z $stray ]]; then t_ok; else t_fail "CSV files tracked at the repository root" "$stray"; fi
fi

# a PATH with what lib.sh needs, but no chromium, node or npm
nobrowser=$T_TMP/nobrowser
mkdir "$nobrowser"
for tool in bash env dirname basename mktemp cat rm mkdir tail head sed grep awk cut sort; do
	ln -s "$(command -v "$tool")" "$nobrowser/$tool"
done
for t in t4200-browser t5100-serve-browser; do
	for ci in true ""; do
		rc=0
		(mkdir -p "$T_TMP/$t$ci" && cd "$T_TMP/$t$ci" && env PATH="$nobrowser" CI="$ci" CHROMIUM=/nonexistent/chromium \
			bash "$LADDER_REPO/tests/cli/$t.sh" >"$T_TMP/skip.out" 2>"$T_TMP/skip.err") || rc=$?
		if [[ -n $ci ]]; then
			if [[ $rc -ne 0 && $rc -ne 77 ]]; then t_ok; else t_fail "$t without a browser in CI exited $rc (must fail)" "$(cat "$T_TMP/skip.err")"; fi
		else
			if [[ $rc -eq 77 ]]; then t_ok; else t_fail "$t without a browser outside CI exited $rc (want 77, a skip)" "$(cat "$T_TMP/skip.err")"; fi
			expect_in "$t says it did not run" "$(cat "$T_TMP/skip.err")" "SKIPPED, NOT RUN"
		fi
	done
done

t_finish
