#!/usr/bin/env bash
# t4200-browser: the HTML report in the system's Chromium, driven by
# playwright-core (tests/browser/, installed with npm on first use; it
# downloads no browser): real chart text, no overlapping labels as Chromium
# lays them out, no overflow at phone and desktop widths, no network.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BROWSER=$LADDER_REPO/tests/browser
require_or_skip node npm chromium
if [[ ! -d $BROWSER/node_modules/playwright-core ]]; then
	(cd "$BROWSER" && npm ci --no-audit --no-fund --loglevel=error >"$T_TMP/npm.log" 2>&1) ||
		die "npm ci in tests/browser failed: $(tail -5 "$T_TMP/npm.log")"
fi

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
# the province, and the municipality with the longest name
for a in 30000 Langemark-Poelkapelle; do
	min=4
	[[ $a == 30000 ]] && min=9 # the province has the labour-market context too
	"$LADDER" --db ladder-demo.db report --area "$a" --year 2017 --out "r.html" --force || die "report $a failed"
	rc=0
	here=$PWD
	res=$(cd "$BROWSER" && MIN_CHARTS=$min timeout 120 node report.mjs "$here/r.html" "$here/shot.png" 2>&1) || rc=$?
	while IFS= read -r line; do
		case $line in
		"ok "*) t_ok ;;
		"FAIL "*) t_fail "$a: ${line#FAIL }" ;;
		esac
	done <<<"$res"
	((rc == 0)) || t_fail "$a: browser check exited $rc" "$(tail -5 <<<"$res")"
	t_check "$a: screenshot" test -s shot.png
done

t_finish
