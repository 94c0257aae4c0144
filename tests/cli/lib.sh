# tests/cli/lib.sh - helpers shared by the tests/cli/t*.sh scripts.
#
# Source it after `set -euo pipefail`:
#     . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Environment: LADDER (the binary, required), LADDER_REPO (repository root,
# default: two levels above this file). LADDER_DB is unset so that every
# command names its database explicitly. Each script runs in a fresh
# temporary directory of its own ($T_WORK, removed at exit), never in the
# directory it was started from.
#
# Checks do not stop the script: each failure is printed with what was
# expected and what came out, and t_finish exits 1 if anything failed.

: "${LADDER:?set LADDER to the ladder binary (absolute path)}"
LADDER_REPO=${LADDER_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
unset LADDER_DB
export LC_ALL=C

T_NAME=$(basename "$0" .sh)
T_PASS=0
T_FAILS=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ladder-cli.XXXXXX")
SERVE_PID=""
trap 'serve_stop; rm -rf "$T_TMP"' EXIT
# Every script works in a directory of its own, whatever directory it was
# started from: run by hand from the repository root, t3050 once left its
# generated fig.csv and grp.csv there (and they were committed). Paths
# given relative to the caller's directory are made absolute first.
case $LADDER in /*) ;; */*) LADDER=$PWD/$LADDER ;; esac
LADDER_REPO=$(cd "$LADDER_REPO" && pwd)
T_WORK=$T_TMP/work
mkdir "$T_WORK"
cd "$T_WORK"

# serve_start DB [OPTION...] : starts `ladder serve --db DB OPTION...` on a
# free loopback port (20000-40000); sets PORT, BASE and SERVE_PID. The server is stopped on exit,
# or earlier by serve_stop.
serve_start() {
	local db=$1
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		PORT=$((20000 + RANDOM % 20000))
		"$LADDER" serve --db "$db" --port "$PORT" "${@:2}" >"$T_TMP/serve.out" 2>"$T_TMP/serve.err" &
		SERVE_PID=$!
		for _ in $(seq 1 50); do
			if curl -fsS "http://127.0.0.1:$PORT/api/v1/" >/dev/null 2>&1; then
				BASE=http://127.0.0.1:$PORT
				return 0
			fi
			kill -0 "$SERVE_PID" 2>/dev/null || break
			sleep 0.1
		done
		serve_stop
	done
	die "could not start ladder serve: $(cat "$T_TMP/serve.err")"
}
serve_stop() {
	if [[ -n $SERVE_PID ]]; then
		kill -TERM "$SERVE_PID" 2>/dev/null || true
		wait "$SERVE_PID" 2>/dev/null || true
		SERVE_PID=""
	fi
}
# http_get PATH : asks the server of serve_start; sets CODE (the status) and
# BODY. expect_status WHAT STATUS : CODE is STATUS (BODY shown when not).
http_get() {
	CODE=$(curl -s -o "$T_TMP/body" -w '%{http_code}' "$BASE$1")
	BODY=$(cat "$T_TMP/body")
}
expect_status() {
	if [[ $CODE == "$2" ]]; then t_ok; else t_fail "$1: status $CODE, expected $2" "$BODY"; fi
}

# t_ok WHAT / t_fail WHAT DETAIL...
t_ok() { T_PASS=$((T_PASS + 1)); }
t_fail() {
	T_FAILS=$((T_FAILS + 1))
	printf '%s: FAIL: %s\n' "$T_NAME" "$1" >&2
	shift
	local l
	for l in "$@"; do printf '    %s\n' "$l" >&2; done
}
t_check() { # t_check WHAT COMMAND... : passes when the command succeeds
	local what=$1
	shift
	if "$@"; then t_ok; else t_fail "$what" "command: $*"; fi
}
t_finish() {
	if ((T_FAILS)); then
		printf '%s: %d check(s) failed, %d passed\n' "$T_NAME" "$T_FAILS" "$T_PASS" >&2
		exit 1
	fi
	printf '%s: ok (%d checks)\n' "$T_NAME" "$T_PASS"
	exit 0
}
die() { printf '%s: FATAL: %s\n' "$T_NAME" "$*" >&2; exit 1; }

# in_ci : true when running in CI (CI set and not "false", as GitHub, GitLab
# and .ci/run set it).
in_ci() { [[ -n ${CI:-} && ${CI:-} != false && ${CI:-} != 0 ]]; }
# require_or_skip TOOL... : the tools (commands or paths) this test cannot run
# without. In CI a missing one fails the test: a CI machine without Chromium
# must not pass the browser tests by skipping them. Elsewhere the test is
# skipped with exit 77, which tests/run-cli.sh reports as SKIP beside the
# results (not hidden among the passes).
T_SKIP=77
require_or_skip() {
	local missing=() tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
	done
	((${#missing[@]} == 0)) && return 0
	in_ci && die "${missing[*]} not found, and CI must run this test (scripts/install-deps.sh installs them)"
	printf '%s: SKIPPED, NOT RUN: %s not found (scripts/install-deps.sh installs them)\n' "$T_NAME" "${missing[*]}" >&2
	exit "$T_SKIP"
}

# browser_deps : the packages of tests/browser/package.json (playwright-core,
# axe-core, vnu-jar) at their pinned versions (npm install; it never
# downloads a browser: Debian's chromium is driven)
browser_deps() {
	local dir=$LADDER_REPO/tests/browser
	node -e 'const d = process.argv[1], deps = require(d + "/package.json").dependencies;
		for (const n in deps) { let v; try { v = require(d + "/node_modules/" + n + "/package.json").version; } catch {}
			if (v !== deps[n]) process.exit(1); }' "$dir" && return 0
	(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error) >"$T_TMP/npm.log" 2>&1 ||
		die "npm install in tests/browser failed: $(tail -20 "$T_TMP/npm.log")"
}

# browser_run SECONDS TEST.js [ARG...] : runs tests/browser/TEST.js with
# node (the caller's environment: LADDER_URL, CHROMIUM, SHOT_DIR, ...),
# within SECONDS, prints its log and adds its summary ("browser: N passed,
# M failed") to this test's passes; an exit other than 0 or no summary
# fails the test.
browser_run() {
	local secs=$1 js=$2 rc=0 summary
	shift 2
	timeout "$secs" node "$LADDER_REPO/tests/browser/$js" "$@" >"$T_TMP/browser.log" 2>&1 || rc=$?
	cat "$T_TMP/browser.log"
	summary=$(grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' "$T_TMP/browser.log" | tail -1)
	if [[ $rc -eq 0 && -n $summary ]]; then
		T_PASS=$((T_PASS + $(sed -E 's/^browser: ([0-9]+) passed.*/\1/' <<<"$summary")))
	else
		t_fail "tests/browser/$js: exit $rc (${summary:-no summary})" "screenshots: ${SHOTS:-none}"
	fi
}

# run ARGS... : runs ladder, sets RC, OUT (stdout) and ERR (stderr).
run() {
	RC=0
	"$LADDER" "$@" >"$T_TMP/out" 2>"$T_TMP/err" || RC=$?
	OUT=$(cat "$T_TMP/out")
	ERR=$(cat "$T_TMP/err")
}
show_run() { # for failure messages
	printf 'rc=%s\n--- stdout\n%s\n--- stderr\n%s\n' "$RC" "$OUT" "$ERR"
}

# expect_rc WHAT WANT : RC of the last run must be WANT ("nonzero" = not 0).
expect_rc() {
	local what=$1 want=$2
	if [[ $want == nonzero && $RC -ne 0 ]] || [[ $want != nonzero && $RC -eq $want ]]; then
		t_ok
	else
		t_fail "$what: exit status $RC, expected $want" "$(show_run)"
	fi
}

# expect_in WHAT TEXT FRAGMENT : TEXT contains FRAGMENT (fixed string).
expect_in() {
	if [[ $2 == *"$3"* ]]; then t_ok; else t_fail "$1: missing '$3'" "in:" "$2"; fi
}
expect_not_in() {
	if [[ $2 != *"$3"* ]]; then t_ok; else t_fail "$1: unexpected '$3'" "in:" "$2"; fi
}

# expect_same WHAT GOT WANT : GOT equals WANT; on failure the difference.
expect_same() {
	if [[ $2 == "$3" ]]; then t_ok; else t_fail "$1: differs from what was expected" "$(diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | head -20)"; fi
}

# labelled_line TEXT LABEL : prints the lines of TEXT that start (after
# leading blanks) with LABEL.
labelled_line() {
	printf '%s\n' "$1" | awk -v l="$2" '{ s = $0; sub(/^[ \t]+/, "", s); if (index(s, l) == 1) print }'
}

# expect_line WHAT TEXT LABEL FRAGMENT... : exactly one line of TEXT starts
# with LABEL, and each FRAGMENT occurs on it as a whole blank-delimited token
# (or token sequence, e.g. "78,8 %").
expect_line() {
	local what=$1 text=$2 label=$3
	shift 3
	local line n
	line=$(labelled_line "$text" "$label")
	n=$(printf '%s' "$line" | grep -c '' || true)
	if [[ $n -ne 1 ]]; then
		t_fail "$what: expected one line labelled '$label', found $n" "output:" "$text"
		return
	fi
	local s=${line#"${line%%[! ]*}"} frag
	local rest=${s:${#label}}
	for frag; do
		if [[ " $rest " == *" $frag "* ]]; then
			t_ok
		else
			t_fail "$what: line '$label' lacks '$frag'" "line: $line"
		fi
	done
}

# db_state DB : one checksum over the full SQL dump (tables, rows, schema).
db_state() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }
# small_counts_db DB : DB with fig.csv and grp.csv of the current directory
# imported (bench/gen_small_counts.py's figures and region groupings).
small_counts_db() {
	init_db "$1"
	"$LADDER" import --db "$1" fig.csv >/dev/null || die "import into $1 failed"
	"$LADDER" areas import --db "$1" grp.csv >/dev/null || die "groupings into $1 failed"
}

# Refused imports: a script sets DB, defines reset_db (rebuild $DB in its
# known state) and calls db_snapshot once that state is reached.
# db_snapshot : remembers $DB's state (checksum and dump).
db_snapshot() {
	STATE=$(db_state "$DB")
	sqlite3 "$DB" .dump >"$T_TMP/dump.before"
}
# expect_unchanged WHAT : $DB is as db_snapshot saw it; if not, shows the
# difference and starts the next case from the known state again.
expect_unchanged() {
	if [[ $(db_state "$DB") == "$STATE" ]]; then
		t_ok
	else
		sqlite3 "$DB" .dump >"$T_TMP/dump.after"
		t_fail "$1: the database changed although the import was refused" \
			"$(diff -u "$T_TMP/dump.before" "$T_TMP/dump.after" | head -40)"
		reset_db
		db_snapshot
	fi
}
# expect_error_line WHAT FRAGMENT : a line of stderr begins with FRAGMENT.
expect_error_line() {
	if printf '%s\n' "$ERR" | awk -v f="$2" 'index($0, f) == 1 { found = 1 } END { exit !found }'; then
		t_ok
	else
		t_fail "$1: no error line beginning with: $2" "$(show_run)"
	fi
}

# figures_canon DB : the stored figures by codes, ordered (no batch/line ids).
figures_canon() {
	sqlite3 "$1" "SELECT e.code, f.year, a.code, w.code, quote(f.persons), f.flag, f.note
		FROM figure f JOIN edition e ON e.id = f.edition JOIN area a ON a.id = f.area
		JOIN work_form w ON w.id = f.work_form ORDER BY 1, 2, 3, 4"
}
# db_count DB AREA YEAR WORK_FORM [EDITION] : the published count of one cell
# as the database gives it (`ladder export csv`), in Dutch grouping (56.721),
# to look for in what a command wrote; empty when hidden or unknown
db_count() {
	local ed=()
	[[ -n ${5:-} ]] && ed=(--edition "$5")
	"$LADDER" --db "$1" export csv --area "$2" --year "$3" --work-form "$4" "${ed[@]}" |
		awk -F, 'NR == 2 && $4 != "" { n = $4 + 0; s = ""; while (n >= 1000) { s = sprintf(".%03d", n % 1000) s; n = int(n / 1000) } print n s }'
}
count_rows() { sqlite3 "$1" "SELECT count(*) FROM $2"; }

# init_db DB : a fresh initialised database.
init_db() {
	rm -f "$1" "$1-wal" "$1-shm"
	"$LADDER" init --db "$1" >/dev/null || die "ladder init --db $1 failed"
}

# json_check WHAT FILE PYTHON : runs PYTHON with `j` = the parsed JSON of
# FILE; the code calls bad("...") for each failed expectation and ok() for
# each passed one. Failures are reported, the count of passes added.
json_check() {
	local what=$1 file=$2 code=$3 res rc=0
	res=$(python3 - "$file" "$code" 2>&1 <<'EOF'
import json, sys
path, code = sys.argv[1], sys.argv[2]
fails, passes = [], [0]
def bad(msg): fails.append(msg)
def ok(): passes[0] += 1
def expect(cond, msg):
    ok() if cond else bad(msg)
try:
    with open(path, encoding="utf-8") as f:
        j = json.load(f)
except Exception as e:
    print("FAIL json does not parse: %s" % e)
    sys.exit(0)
exec(code, {"j": j, "bad": bad, "ok": ok, "expect": expect, "json": json})
print("PASS %d" % passes[0])
for m in fails:
    print("FAIL " + m)
EOF
) || rc=$?
	if ((rc)); then
		t_fail "$what: python check crashed" "$res"
		return
	fi
	local line
	while IFS= read -r line; do
		case $line in
		"PASS "*) T_PASS=$((T_PASS + ${line#PASS })) ;;
		"FAIL "*) t_fail "$what: ${line#FAIL }" ;;
		esac
	done <<<"$res"
}

# ---- ladder serve (t5000, t5150, t5200)
SERVERS=() # pids of every server started
# listening PORT : true when something listens on 127.0.0.1:PORT or any address
listening() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

# start_server NAME [ARGS...] : starts `ladder serve` on a free port (20000-
# 40000) with the database $DB; sets PORT, PID, BASE, and NAME.out/NAME.err
# in the cwd, and adds PID to SERVERS (the caller kills those on exit).
# Needs curl and ss.
start_server() {
	local name=$1 try
	shift
	for try in 1 2 3 4 5 6 7 8 9 10; do
		PORT=$((20000 + RANDOM % 20000))
		listening "$PORT" && continue
		"$LADDER" serve --db "$DB" --port "$PORT" "$@" >"$name.out" 2>"$name.err" &
		PID=$!
		SERVERS+=("$PID")
		BASE=http://127.0.0.1:$PORT
		local i
		for i in $(seq 1 100); do
			if ! kill -0 "$PID" 2>/dev/null; then
				break # exited: the port was taken after all; try another
			fi
			if curl -s -o /dev/null --max-time 1 "$BASE/api/v1/editions"; then
				# it must be this process that listens there
				if [[ $(ss -Hltnp "sport = :$PORT") == *"pid=$PID,"* ]]; then
					return 0
				fi
				break
			fi
			sleep 0.05
		done
		kill -KILL "$PID" 2>/dev/null || true
		wait "$PID" 2>/dev/null || true
	done
	die "could not start ladder serve ($name) on a free port: $(cat "$name.err" 2>/dev/null)"
}
