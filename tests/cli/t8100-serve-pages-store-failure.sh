#!/usr/bin/env bash
# t8100-serve-pages-store-failure: a work form's page lists the years with
# figures and the edition picker shows each edition's title page as its
# tooltip, both read from the store. When the store cannot answer, the
# reader gets a 500 with the store's message in the page's language, as for
# the latest year (t7900); once the page answered 200 with the evolution
# left empty or the tooltips left out, as if there were nothing to show.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip sqlite3 curl

run demo --db demo.db
expect_rc "demo" 0
serve_start demo.db --threads 1

get() { # get PATH : sets CODE and BODY
	CODE=$(curl -s -o body -w '%{http_code}' "$BASE$1")
	BODY=$(cat body)
}
# whole, the home page of a year has the tooltips (the answers are cached
# per address: the broken store is asked at other addresses below)
get "/?year=2017"
[[ $CODE == 200 ]] && t_ok || t_fail "home of 2017 answered $CODE" "$BODY"
expect_in "an edition's tooltip" "$BODY" '<option title="'

# an edition's metadata cannot be read: the picker fails, not its tooltip
sqlite3 demo.db "ALTER TABLE edition DROP COLUMN title"
get "/?year=2017&lang=nl"
[[ $CODE == 500 ]] && t_ok || t_fail "home of 2017 without the editions' metadata answered $CODE, expected 500" "$BODY"
expect_in "the store's message" "$BODY" "no such column: e.title"
get "/area/30000?year=2017"
[[ $CODE == 500 ]] && t_ok || t_fail "an area's page without the editions' metadata answered $CODE, expected 500" "$BODY"

# the years with figures cannot be read: the work form's page fails
sqlite3 demo.db "PRAGMA foreign_keys = OFF; DROP TABLE coverage"
get "/workform/trede5"
[[ $CODE == 500 ]] && t_ok || t_fail "a work form's page without the years answered $CODE, expected 500" "$BODY"
expect_in "Dutch by default" "$BODY" "de jaren met cijfers zijn niet te lezen"
expect_in "the store's message" "$BODY" "no such table: coverage"
get "/workform/trede5?lang=en"
[[ $CODE == 500 ]] && t_ok || t_fail "a work form's page in English answered $CODE, expected 500" "$BODY"
expect_in "English with lang=en" "$BODY" "the years with figures cannot be read"
serve_stop

t_finish
