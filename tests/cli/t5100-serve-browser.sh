#!/usr/bin/env bash
# t5100-serve-browser: the dashboard in headless Chromium. Starts `ladder
# serve` on the demo database (free loopback port), installs playwright-core
# in tests/browser (npm install, no browser download: Debian's
# /usr/bin/chromium is driven) and runs tests/browser/dashboard.test.js,
# which searches an area, changes the year, follows the links, downloads the
# CSV and checks the figures on screen against the database. Screenshots go
# to build/screenshots/ (LADDER_SHOTS overrides).
#
# When /usr/bin/chromium, node or npm is missing: fails in CI (CI=true),
# else skipped (exit 77, SKIP in tests/run-cli.sh); scripts/install-deps.sh
# installs them.
# slow: half a minute (the dashboard in Chromium); run-cli.sh starts it first
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
require_or_skip "$CHROMIUM" node npm
command -v curl >/dev/null || die "curl not found"
command -v sqlite3 >/dev/null || die "sqlite3 not found"

SHOTS=${LADDER_SHOTS:-$LADDER_REPO/build/screenshots}

SERVER=""
cleanup() {
	if [[ -n $SERVER ]]; then
		kill -TERM "$SERVER" 2>/dev/null || true
		wait "$SERVER" 2>/dev/null || true
	fi
	rm -rf "$T_TMP"
}
trap cleanup EXIT

# playwright-core only: it never downloads a browser. package.json pins it.
browser_deps

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"

for try in 1 2 3 4 5 6 7 8 9 10; do
	PORT=$((20000 + RANDOM % 20000))
	[[ -n $(ss -Hltn "sport = :$PORT" 2>/dev/null) ]] && continue
	"$LADDER" serve --db "$DB" --port "$PORT" --quiet >serve.out 2>serve.err &
	SERVER=$!
	up=0
	for _ in $(seq 1 100); do
		kill -0 "$SERVER" 2>/dev/null || break
		if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/api/v1/editions" &&
			ss -Hltnp "sport = :$PORT" | grep -c "pid=$SERVER," >/dev/null; then
			up=1
			break
		fi
		sleep 0.05
	done
	((up)) && break
	kill -KILL "$SERVER" 2>/dev/null || true
	wait "$SERVER" 2>/dev/null || true
	SERVER=""
done
[[ -n $SERVER ]] || die "could not start ladder serve: $(cat serve.err)"

mkdir -p "$SHOTS"
LADDER_URL=http://127.0.0.1:$PORT LADDER_DB=$DB LADDER=$LADDER CHROMIUM=$CHROMIUM SHOT_DIR=$SHOTS \
	browser_run 240 dashboard.test.js
if ! kill -0 "$SERVER" 2>/dev/null; then
	t_fail "the server died during the browser test" "$(cat serve.err)"
fi
t_finish
