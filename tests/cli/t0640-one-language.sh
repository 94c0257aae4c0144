#!/usr/bin/env bash
# t0640-one-language: an answer speaks one language (issue 11, defect 7).
# Dutch by default, English with lang=en / --lang en: the API's errors for a
# bad parameter, the API's own page /api/v1/ (which documents the API itself
# and points to no file of the repository), and the command line's errors
# for an unknown area, for a port already taken (one line, not also
# libmicrohttpd's English), and its import summary ("1 fout", not "fout(en)").
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db

serve_start "$DB"
get() { curl -sS "$BASE$1"; }
# api URL DUTCH ENGLISH : the error of URL in Dutch, and with lang=en in English
api() {
	local nl en
	nl=$(get "$1")
	en=$(get "$1&lang=en")
	expect_in "$1: Dutch" "$nl" "$2"
	expect_in "$1&lang=en: English" "$en" "$3"
}
api "/api/v1/areas?level=foo" "verwacht region, province" "expected region, province"
api "/api/v1/ladder?area=30000&year=2017&format=xml" "format: verwacht json, csv of sheet" "format: expected json, csv or sheet"
api "/api/v1/context?area=30000&from=2017&to=2010" "verwacht twee jaren" "expected two years"
api "/api/v1/areas?parent=zzz" "onbekend gebied 'zzz'" "unknown area 'zzz'"
expect_in "lang=xx: the default's language" "$(get "/api/v1/?lang=xx")" "lang: verwacht nl of en"

nl=$(get "/api/v1/")
en=$(get "/api/v1/?lang=en")
expect_in "/api/v1/: Dutch" "$nl" '<html lang="nl">'
expect_in "/api/v1/: Dutch" "$nl" "Fouten zijn"
expect_in "/api/v1/: Dutch routes" "$nl" "de ladder van een gebied"
expect_not_in "/api/v1/: no English route text" "$nl" "the ladder of an area"
expect_in "/api/v1/?lang=en: English" "$en" '<html lang="en">'
expect_in "/api/v1/?lang=en: English routes" "$en" "the ladder of an area"
for page in "$nl" "$en"; do
	expect_not_in "/api/v1/: no file of the repository" "$page" "docs/"
	expect_not_in "/api/v1/: no file of the repository" "$page" "repository"
done
# a second server on the same port: one line, in the language of the rest
# (not also libmicrohttpd's "Failed to bind")
run --db "$DB" serve --port "$PORT"
expect_rc "serve on a taken port" nonzero
expect_in "serve on a taken port: Dutch" "$ERR" "ladder: kan niet luisteren op 127.0.0.1:$PORT: adres is al in gebruik"
expect_not_in "serve on a taken port: no English" "$ERR" "Failed to bind"
run --db "$DB" --lang en serve --port "$PORT"
expect_in "serve on a taken port: English" "$ERR" "ladder: cannot listen on 127.0.0.1:$PORT: Address already in use"
serve_stop

# the command line: an unknown area in the language of the rest
run --db "$DB" show --area zzz --year 2017
expect_rc "show --area zzz" nonzero
expect_in "show --area zzz: Dutch" "$ERR" "onbekend gebied 'zzz'"
run --db "$DB" show --area zzz --year 2017 --lang en
expect_in "show --area zzz --lang en: English" "$ERR" "unknown area 'zzz'"
run --db "$DB" check --area zzz
expect_in "check --area zzz: Dutch" "$ERR" "onbekend gebied 'zzz'"

# the import's summary: one error is "1 fout"
printf 'year,area,work_form,persons\n2017,30000,trede5,abc\n' >bad.csv
run --db "$DB" import bad.csv
expect_rc "import bad.csv" nonzero
expect_in "import: one error" "$ERR" "import geweigerd: 1 fout;"
run --db "$DB" --lang en import bad.csv
expect_in "import --lang en: one error" "$ERR" "import refused: 1 error;"

t_finish
