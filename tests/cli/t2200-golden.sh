#!/usr/bin/env bash
# t2200-golden: the output of a set of commands on the demo database must
# match tests/golden/<name> byte for byte (a unified diff is shown on a
# mismatch). UPDATE_GOLDEN=1 rewrites the golden files instead; check the
# new ones by eye before committing them (see tests/golden/README).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GOLDEN=$LADDER_REPO/tests/golden
[[ -d $GOLDEN ]] || die "no $GOLDEN"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db

# name | arguments (after --db) [| expected exit status, default 0]
cases=(
	"show-30000-2017.table|show --area 30000 --year 2017"
	"show-30000-2017.csv|show --area 30000 --year 2017 --format csv"
	"show-30000-2017.json|show --area 30000 --year 2017 --format json"
	"show-30000-2017.md|show --area 30000 --year 2017 --format md"
	"show-30000-2017-en.table|show --area 30000 --year 2017 --lang en"
	"show-31000-2017.table|show --area 31000 --year 2017"
	"show-31000-2017.json|show --area 31000 --year 2017 --format json"
	"show-31003-2017.table|show --area 31003 --year 2017"
	"show-31003-2017.csv|show --area 31003 --year 2017 --format csv"
	"show-31003-2017.json|show --area 31003 --year 2017 --format json"
	"show-31003-2017.md|show --area 31003 --year 2017 --format md"
	"disclosure-audit-2017.table|disclosure audit --year 2017"
	"catalog-list.table|catalog list"
	"catalog-list.csv|catalog list --format csv"
	"areas-list-province.table|areas list --level province"
	"areas-list-province.json|areas list --level province --format json"
	"editions-list.table|editions list"
	"context-30000-2017.table|context --area 30000 --year 2017"
	"context-30000-2017.csv|context --area 30000 --year 2017 --format csv"
	"context-30000-2017.json|context --area 30000 --year 2017 --format json"
	"context-30000-2017.md|context --area 30000 --year 2017 --format md"
	"context-30000-2017-en.table|context --area 30000 --year 2017 --lang en"
	"context-30000-2009-2017.table|context --area 30000 --from 2009 --to 2017"
	"context-30000-2009-2017.json|context --area 30000 --from 2009 --to 2017 --format json"
	"check.table|check|2"
	"check.csv|check --format csv|2"
	"check.json|check --format json|2"
	"check.md|check --format md|2"
	"check-en.table|check --lang en|2"
)

for c in "${cases[@]}"; do
	name=${c%%|*}
	rest=${c#*|}
	want_rc=0
	if [[ $rest == *"|"* ]]; then
		want_rc=${rest##*|}
		rest=${rest%|*}
	fi
	read -r -a args <<<"$rest"
	rc=0
	"$LADDER" --db "$DB" "${args[@]}" >"$T_TMP/$name" 2>"$T_TMP/$name.err" || rc=$?
	if ((rc != want_rc)); then
		t_fail "$name: ladder ${args[*]} exited $rc, expected $want_rc" "$(cat "$T_TMP/$name.err")"
		continue
	fi
	if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then
		cp "$T_TMP/$name" "$GOLDEN/$name"
		echo "$T_NAME: wrote $GOLDEN/$name"
		t_ok
		continue
	fi
	if [[ ! -f $GOLDEN/$name ]]; then
		t_fail "$name: no golden file $GOLDEN/$name (run with UPDATE_GOLDEN=1)"
		continue
	fi
	if d=$(diff -u --label "golden/$name" --label "ladder ${args[*]}" "$GOLDEN/$name" "$T_TMP/$name"); then
		t_ok
	else
		t_fail "$name: output differs from the golden file (ladder --db $DB ${args[*]})" "$d"
	fi
done

t_finish
