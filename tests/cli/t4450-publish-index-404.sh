#!/usr/bin/env bash
# t4450-publish-index-404: `ladder publish` writes index.html listing what
# it wrote, every link resolving to a file it wrote and every file it wrote
# linked (issue 11, defect 10); the dashboard's 404 page has the page's
# viewport, header (main menu, language) and a search.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"

run publish --db "$DB" --all --year 2017 --from 2016 --out pub
expect_rc "publish --all" 0
t_check "publish wrote index.html" test -s pub/index.html
idx=$(cat pub/index.html)
expect_in "index: Dutch" "$idx" '<html lang="nl">'
expect_in "index: a viewport" "$idx" 'name="viewport"'
links=$(grep -o 'href="[^"]*"' pub/index.html | sed 's/^href="//; s/"$//' | sort -u)
files=$(cd pub && ls | grep -vx index.html | sort)
missing=$(comm -13 <(echo "$links") <(echo "$files"))
dangling=$(comm -23 <(echo "$links") <(echo "$files"))
if [[ -z $missing ]]; then t_ok; else t_fail "index.html does not link every file written" "$missing"; fi
if [[ -z $dangling ]]; then t_ok; else t_fail "index.html links files not written" "$dangling"; fi
t_check "index lists more than 100 files" test "$(wc -l <<<"$links")" -gt 100
expect_in "index: West-Vlaanderen's report" "$idx" '<a href="30000.pdf">PDF</a>'
expect_in "index: the years of the annex" "$idx" "2016 tot 2017"
run publish --db "$DB" --area 31005 --year 2017 --out one --lang en
expect_rc "publish --area --lang en" 0
expect_in "index in English" "$(cat one/index.html)" '<html lang="en">'
expect_in "index of one area" "$(cat one/index.html)" '<a href="31005.html">HTML</a>'
run publish --db "$DB" --area 31005 --year 2017 --out one
expect_rc "publish again without --force: refused" 2

# the 404 page
serve_start "$DB"
code=$(curl -s -o p404.html -w '%{http_code}' "$BASE/no/such/page" || true)
[[ $code == 404 ]] && t_ok || t_fail "/no/such/page: status $code"
p=$(cat p404.html)
expect_in "404: a viewport" "$p" 'name="viewport"'
expect_in "404: the header with the main menu" "$p" '<header><a class="brand" href="/">ladder</a><nav'
expect_in "404: the other language" "$p" 'href="/no/such/page?lang=en" lang="en"'
expect_in "404: a search" "$p" '<input id="q" name="q" type="search"'
expect_in "404: the script for suggestions" "$p" 'src="/static/app.js"'
code=$(curl -s -o p404en.html -w '%{http_code}' "$BASE/area/99999?lang=en" || true)
[[ $code == 404 ]] && t_ok || t_fail "/area/99999: status $code"
expect_in "404 in English: a search" "$(cat p404en.html)" '<input type="hidden" name="lang" value="en">'
t_finish
