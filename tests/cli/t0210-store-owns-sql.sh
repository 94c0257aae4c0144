#!/usr/bin/env bash
# t0210-store-owns-sql: only src/store/ knows SQL (issue 10). A file outside
# it that includes <sqlite3.h>, calls sqlite3_*, prepares or executes SQL
# through the store (store_prepare, store_exec, store_db) fails the build;
# store.h, the store's public header, must not include <sqlite3.h> either
# (store_impl.h is the store's private one).
#
# PENDING lists the files not moved yet, each of which must still hold SQL
# (so the list only shrinks: a file moved behind the store must leave it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SRC=$LADDER_REPO/src
PENDING=(
	src/http/api.c src/http/server.c
	src/store/store.h
)
SQL='sqlite3_|<sqlite3\.h>|store_db\(|store_prepare\(|store_exec\('
pending() { local p; for p in "${PENDING[@]}"; do [[ $p == "$1" ]] && return 0; done; return 1; }

cd "$LADDER_REPO"
found=$(grep -lE "$SQL" src/*/*.c src/*/*.h src/*/*.def 2>/dev/null | grep -v '^src/store/' || true)
if grep -q '<sqlite3\.h>' src/store/store.h; then found+=$'\n'src/store/store.h; fi
for f in $found; do
	if pending "$f"; then
		t_ok
	else
		t_fail "$f uses SQL outside src/store/: add a named store function" "$(grep -nE "$SQL" "$f" | head -5)"
	fi
done
for p in "${PENDING[@]}"; do
	if [[ $found == *"$p"* ]]; then t_ok; else t_fail "$p holds no SQL any more: take it off PENDING in $0"; fi
done

t_finish
