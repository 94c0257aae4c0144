#!/usr/bin/env bash
# t7900-serve-latest-year-failure: a page asked for without ?year= shows the
# latest year with figures; when the store cannot tell which year that is
# (its coverage table is gone), the reader gets a 500 with the store's
# message in the page's language (once: the page answered 200 with empty
# year and edition pickers, as if the store held no figures). The same
# holds for the pickers of a page with a year.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_or_skip sqlite3 curl

run demo --db demo.db
expect_rc "demo" 0
# one thread: the one worker opens the store and loads the model while the
# store is whole (a worker opened later would fail on the model instead)
serve_start demo.db --threads 1
sqlite3 demo.db "PRAGMA foreign_keys = OFF; DROP TABLE coverage;"

http_get "/"
expect_status "home without a year" 500
expect_in "home: Dutch by default" "$BODY" "de jaren met cijfers zijn niet te lezen"
expect_in "home: the store's message" "$BODY" "no such table: coverage"
http_get "/?lang=en"
expect_status "home in English" 500
expect_in "home: English with lang=en" "$BODY" "the years with figures cannot be read"
http_get "/?year=2017"
expect_status "home with a year (pickers)" 500
expect_in "home with a year: the store's message" "$BODY" "coverage"
http_get "/api/v1/ladder?area=30000"
expect_status "api without a year" 500
expect_in "api: JSON error" "$BODY" '"error"'
serve_stop

t_finish
