#!/usr/bin/env bash
# t0210-store-owns-sql: only src/store/ knows SQL (issue 10). A file outside
# it that includes <sqlite3.h>, calls sqlite3_*, names an SQLite type or
# constant, or prepares or executes SQL through the store (store_prepare,
# store_exec, store_db, store_handle, the private store_impl.h) fails;
# store.h, the store's public header, must not include <sqlite3.h> or name
# an SQLite type either (store_impl.h is the store's private one).
#
# The build enforces the same: every object outside src/store/ is compiled
# with SQLite's header guard defined (the Makefile's NO_SQLITE), so an
# #include <sqlite3.h> there brings in nothing and any sqlite3_ call or type
# fails to compile. The last check proves that on a scratch file.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SQL='sqlite3_|sqlite3 \*|sqlite3\.h|SQLITE_|store_db\(|store_prepare\(|store_exec\(|store_handle\(|store_cached\(|store_impl\.h'

cd "$LADDER_REPO"
n=0
for f in src/*/*.c src/*/*.h src/*/*.def src/*/*.inc; do
	[[ -e $f && $f != src/store/* ]] || continue
	n=$((n + 1))
	if grep -qE "$SQL" "$f"; then
		t_fail "$f uses SQL outside src/store/: add a named store function" "$(grep -nE "$SQL" "$f" | head -5)"
	fi
done
[[ $n -gt 50 ]] && t_ok || t_fail "only $n files outside src/store/ looked at"

if grep -nE 'sqlite3_|sqlite3\.h|SQLITE_|store_db\(|store_prepare\(|store_exec\(' src/store/store.h; then
	t_fail "src/store/store.h, the store's public header, names SQLite"
else
	t_ok
fi

# the Makefile's guard: a file outside the store that includes <sqlite3.h>
# and calls it does not compile with the flags every such file gets
flags=$(make -s -C "$LADDER_REPO" print-no-sqlite 2>/dev/null) || flags=
if [[ -z $flags ]]; then
	t_fail "the Makefile has no print-no-sqlite target (the flags of files outside src/store/)"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	printf '#include <sqlite3.h>\nint f(void) { return sqlite3_libversion_number(); }\n' >"$tmp/leak.c"
	printf '#include <sqlite3.h>\nint f(void) { return sqlite3_libversion_number(); }\n' >"$tmp/ok.c"
	# shellcheck disable=SC2086
	if ${CC:-cc} -std=c11 -Werror=implicit-function-declaration $flags -c -o "$tmp/leak.o" "$tmp/leak.c" 2>/dev/null; then
		t_fail "a file outside src/store/ that calls sqlite3_ compiles with the Makefile's flags ($flags)"
	else
		t_ok
	fi
	# and the same file compiles without them: the failure is the guard's
	if ${CC:-cc} -std=c11 -c -o "$tmp/ok.o" "$tmp/ok.c" 2>/dev/null; then t_ok; else t_fail "the probe does not compile at all"; fi
fi

t_finish
