#!/usr/bin/env bash
# t8100-serve-pages-store-failure: a work form's page lists the years with
# figures and the edition picker shows each edition's title page as its
# tooltip, both read from the store. When the store cannot answer, the
# reader gets a 500 with the store's message in the page's language, as for
# the latest year (t7900); once the page answered 200 with the evolution
# left empty or the tooltips left out, as if there were nothing to show, and
# a year whose figures could not be read was left out of the evolution.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip sqlite3 curl

run demo --db demo.db
expect_rc "demo" 0
serve_start demo.db --threads 1

# whole, the home page of a year has the tooltips (the answers are cached
# per address: the broken store is asked at other addresses below)
http_get "/?year=2017"
expect_status "home of 2017" 200
expect_in "an edition's tooltip" "$BODY" '<option title="'

# an edition's metadata cannot be read: the picker fails, not its tooltip
sqlite3 demo.db "ALTER TABLE edition DROP COLUMN title"
http_get "/?year=2017&lang=nl"
expect_status "home of 2017 without the editions' metadata" 500
expect_in "the store's message" "$BODY" "no such column: e.title"
http_get "/area/30000?year=2017"
expect_status "an area's page without the editions' metadata" 500

# a year's figures cannot be read (nothing cached, no figure table): the
# work form's page fails instead of leaving the year out of its evolution
sqlite3 demo.db "DELETE FROM grid_cache; ALTER TABLE figure RENAME TO figure_gone"
http_get "/workform/trede5?area=30000"
expect_status "a work form's page without a year's figures" 500
expect_in "the store's message" "$BODY" "no such table: figure"
sqlite3 demo.db "ALTER TABLE figure_gone RENAME TO figure"

# the years with figures cannot be read: the work form's page fails
sqlite3 demo.db "PRAGMA foreign_keys = OFF; DROP TABLE coverage"
http_get "/workform/trede5"
expect_status "a work form's page without the years" 500
expect_in "Dutch by default" "$BODY" "de jaren met cijfers zijn niet te lezen"
expect_in "the store's message" "$BODY" "no such table: coverage"
http_get "/workform/trede5?lang=en"
expect_status "a work form's page in English" 500
expect_in "English with lang=en" "$BODY" "the years with figures cannot be read"
serve_stop

t_finish
