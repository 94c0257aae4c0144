#!/usr/bin/env bash
# t5220-serve-refusals-dutch: the server's own refusals (405 for a method
# other than GET, HEAD or OPTIONS, 431 for more than 64 headers) say why in Dutch by
# default and in English with lang=en, like every other error (they were
# English only).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip curl

DB=d.db
"$LADDER" demo --db "$DB" >/dev/null || die "demo failed"
serve_start "$DB"
headers=()
for i in $(seq 1 65); do headers+=(-H "X-Test-$i: v"); done

body() { curl -s -o body -w '%{http_code}' "$@" || true; }
code=$(body "${headers[@]}" "$BASE/api/v1/editions")
t_check "65 headers: 431 (got $code)" test "$code" = 431
expect_in "431 in Dutch" "$(cat body)" "te veel kopregels"
code=$(body "${headers[@]}" "$BASE/api/v1/editions?lang=en")
t_check "65 headers, lang=en: 431 (got $code)" test "$code" = 431
expect_in "431 in English with lang=en" "$(cat body)" "too many request headers"
code=$(body -X DELETE "$BASE/area/30000")
t_check "DELETE: 405 (got $code)" test "$code" = 405
expect_in "405 in Dutch" "$(cat body)" "alleen GET, HEAD en OPTIONS"
code=$(body -X DELETE "$BASE/api/v1/editions?lang=en")
t_check "DELETE, lang=en: 405 (got $code)" test "$code" = 405
expect_in "405 in English with lang=en" "$(cat body)" "only GET, HEAD and OPTIONS"
t_finish
