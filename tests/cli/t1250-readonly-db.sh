#!/usr/bin/env bash
# t1250-readonly-db: a store that may not be written (a published copy on a
# share, a read-only mount) is read as it is (issue 12): show, check, export
# and serve answer as on a writable copy, without writing caches; writes
# (import, settings) fail with the database's message and change nothing.
#
# The copy is 0444 in a 0555 directory, so SQLite can create neither the
# -wal nor the -shm file. Root may write anyway, so as root every command
# runs as nobody (setpriv); without setpriv the test fails rather than
# passes unseen. Needs curl and ss for the server part.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVER=
cleanup() {
	if [[ -n $SERVER ]]; then
		kill -KILL "$SERVER" 2>/dev/null || true
		wait "$SERVER" 2>/dev/null || true
	fi
	chmod -R u+w "$T_TMP" 2>/dev/null || true
	rm -rf "$T_TMP"
}
trap cleanup EXIT

READER=()
if (($(id -u) == 0)); then
	command -v setpriv >/dev/null || die "running as root needs setpriv (util-linux) to read as another user"
	READER=(setpriv --reuid 65534 --regid 65534 --clear-groups)
fi
# run_ro ARGS... : ladder as a user who may not write the copy
run_ro() {
	RC=0
	"${READER[@]}" "$RO_LADDER" "$@" >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
	OUT=$(cat "$T_TMP/out")
	ERR=$(cat "$T_TMP/err")
}

RW=$PWD/demo.db
"$LADDER" demo --db "$RW" >/dev/null 2>&1 || die "ladder demo failed"
RO_DIR=$T_TMP/ro
mkdir "$RO_DIR"
RO=$RO_DIR/demo.db
cp "$RW" "$RO"
chmod 755 "$T_TMP"
# nobody runs a copy of both programs: the checkout may sit in a directory
# only root can enter (a clone into mktemp -d), and the lean program execs
# ladder-full from there without the capabilities setpriv started it with
RO_LADDER=$T_TMP/bin/ladder
mkdir "$T_TMP/bin"
cp "$LADDER" "$(dirname "$LADDER")/ladder-full" "$T_TMP/bin/"
chmod 444 "$RO"
chmod 555 "$RO_DIR"
BEFORE=$(sha256sum "$RO" | cut -d' ' -f1)

# ------------------------------------------------------------------ reads
run show --db "$RW" --area 30000 --year 2017
WANT=$OUT
run_ro show --db "$RO" --area 30000 --year 2017
expect_rc "show on a read-only store" 0
expect_not_in "show on a read-only store: no write error" "$ERR" "readonly"
if [[ $OUT == "$WANT" ]]; then t_ok; else t_fail "show reads the same as on a writable copy" "$(show_run)"; fi
run_ro show --db "$RO" --area 31003 --year 2017 --format json
expect_rc "show of a municipality (protected cells) on a read-only store" 0

run check --db "$RW"
WANT=$OUT
WANT_RC=$RC
run_ro check --db "$RO"
expect_rc "check on a read-only store" "$WANT_RC"
if [[ $OUT == "$WANT" ]]; then t_ok; else t_fail "check reads the same as on a writable copy" "$(show_run)"; fi

run_ro export csv --db "$RO" --year 2017 --within 30000
expect_rc "export csv from a read-only store" 0
expect_in "export csv from a read-only store" "$OUT" "30000"

# ----------------------------------------------------------------- writes
run_ro settings set disclosure.threshold.municipality 3 --db "$RO"
expect_rc "settings set on a read-only store" nonzero
expect_in "settings set says why" "$ERR" "readonly"
cp "$LADDER_REPO/data/demo/context.csv" "$T_TMP/bin/" # readable by nobody
run_ro import --db "$RO" "$T_TMP/bin/context.csv"
expect_rc "import into a read-only store" nonzero
expect_in "import says why" "$ERR" "readonly"
AFTER=$(sha256sum "$RO" | cut -d' ' -f1)
if [[ $AFTER == "$BEFORE" ]]; then t_ok; else t_fail "the read-only store is unchanged"; fi
if [[ ! -e $RO-wal && ! -e $RO-shm ]]; then t_ok; else t_fail "nothing written beside the read-only store" "$(ls -la "$RO_DIR")"; fi

# ----------------------------------------------------------------- serve
listening() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }
served=0
for try in 1 2 3 4 5; do
	PORT=$((20000 + RANDOM % 20000))
	listening "$PORT" && continue
	"${READER[@]}" "$RO_LADDER" serve --db "$RO" --port "$PORT" >"$T_TMP/serve.out" 2>"$T_TMP/serve.err" &
	SERVER=$!
	for i in $(seq 1 100); do
		kill -0 "$SERVER" 2>/dev/null || break
		if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/api/v1/editions"; then
			served=1
			break 2
		fi
		sleep 0.05
	done
	kill -KILL "$SERVER" 2>/dev/null || true
	SERVER=
done
((served)) || die "ladder serve on the read-only store did not start: $(cat "$T_TMP/serve.err")"
for path in "/area/30000" "/api/v1/ladder?area=31003&year=2017" "/api/v1/checks"; do
	CODE=$(curl -s -o "$T_TMP/body" -w '%{http_code}' --max-time 20 "http://127.0.0.1:$PORT$path" || true)
	if [[ $CODE == 200 ]]; then t_ok; else t_fail "serve $path from a read-only store: status $CODE" "$(head -c 300 "$T_TMP/body")"; fi
done

t_finish
