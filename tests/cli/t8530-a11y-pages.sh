#!/usr/bin/env bash
# t8530-a11y-pages: every page type ladder makes is valid HTML for the Nu
# HTML checker (vnu.jar of the npm package vnu-jar, run with Debian's Java)
# and has no WCAG 2.1 A/AA violation for axe-core in headless Chromium, at
# desktop width and at 390 px (issue 11). The pages: home, an area page of
# each level (region, province, arrondissement, municipality, a region
# grouping, a municipality merged away; the region's map by province), a
# rung page, in Dutch and English, the home page with search suggestions;
# a work form's page, the table builder with a permalink, the API page, a 404
# and a 400 page; the survey form (serve --survey), with an error summary and
# sent; the HTML report and publish's index.html. One database (`ladder demo
# --full`, with a survey round open), one server, one browser session, one vnu run
# (tests/browser/a11y.test.js). Also `report` and `charts --map-level`: the
# map by arrondissement or province, as the server's level= draws it.
#
# Under ASan (make asan) the server renders every page without the browser
# checks, which judge the same HTML as in the plain run.
#
# When /usr/bin/chromium, node, npm or java is missing: fails in CI
# (CI=true), else skipped (exit 77); scripts/install-deps.sh installs them.
# slow: a minute and more (Chromium and the Nu checker over 24 pages at two widths); run-cli.sh starts it first
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/survey_web_lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
require_or_skip "$CHROMIUM" node npm java
command -v curl >/dev/null || die "curl not found"
trap 'survey_stop; rm -rf "$T_TMP"' EXIT
browser_deps

DB=$PWD/full.db
"$LADDER" demo --full --db "$DB" --quiet >/dev/null 2>&1 || die "ladder demo --full failed"
# a survey round on the same database: one server serves every page
printf 'provider,name,contact\nazi-brugge,AZI Brugge vzw,info@azi-brugge.example\n' >providers.csv
printf 'provider,site,name,area,work_form\n%s\n%s\n' \
	azi-brugge,brugge-centrum,Brugge\ Centrum,31005,arbeidszorg_ggz azi-brugge,assebroek,Assebroek,31005,arbeidszorg_se >sites.csv
"$LADDER" providers import --db "$DB" providers.csv sites.csv >/dev/null || die "providers import failed"
"$LADDER" survey open --db "$DB" --year 2017 --edition 2018 --work-forms arbeidszorg_ggz,arbeidszorg_se >/dev/null ||
	die "survey open failed"
survey=$("$LADDER" survey links --db "$DB" --year 2017 --edition 2018 --format csv | awk -F, '$1 == "azi-brugge" { print $NF }')
[[ $survey == /survey/* ]] || die "no survey link: $survey"

# the HTML report of a province (maps by arrondissement, labour-market
# context), of a municipality in English
"$LADDER" --db "$DB" report --area 30000 --year 2025 --map-level arrondissement --out report.html --force >/dev/null 2>&1 ||
	die "report 30000 --map-level arrondissement failed"
"$LADDER" --db "$DB" report --area 31005 --year 2017 --lang en --out report-en.html --force >/dev/null 2>&1 ||
	die "report 31005 --lang en failed"
# publish's index of what it wrote
"$LADDER" --db "$DB" publish --area 31005 --year 2017 --out pub >/dev/null 2>&1 || die "publish 31005 failed"

survey_serve "$DB" --survey

# --map-level: the report's and the charts' map at the level the server's
# level= offers; the same report as /download/report.html?level=
expect_in "report --map-level arrondissement" "$(cat report.html)" "Kaart van 8 arrondissementen in 2025"
run --db "$DB" report --area 02000 --year 2025 --map-level province --out fl.html
expect_rc "report --map-level province" 0
expect_in "the region by province" "$(cat fl.html)" "Kaart van 5 provincies in 2025"
curl -fsS -o fl-served.html "$SBASE/download/report.html?area=02000&year=2025&level=province" || t_fail "the served report"
t_check "the served report with level=province is the same file" cmp fl.html fl-served.html
run --db "$DB" report --area 02000 --year 2025 --out fl-default.html
expect_in "without it, by municipality" "$(cat fl-default.html)" "Kaart van 285 gemeenten in 2025"
run --db "$DB" --lang en charts --area 30000 --year 2025 --map-level arrondissement --out charts
expect_rc "charts --map-level arrondissement" 0
expect_in "a chart is the map by arrondissement" "$(cat charts/*.svg)" "Map of 8 arrondissements in 2025"
run --db "$DB" report --area 30000 --year 2025 --map-level province --out wvl-province.html
expect_rc "a level the province does not offer" 64
expect_in "what it offers" "$ERR" "--map-level province: de kaart van West-Vlaanderen toont --map-level municipality|arrondissement"
t_check "nothing written" test ! -e wvl-province.html
run --db "$DB" charts --area 31005 --year 2025 --map-level planet --out charts-bad
expect_rc "an unknown level" 64
expect_in "what a municipality offers" "$ERR" "de kaart van Brugge toont --map-level municipality"
t_check "no chart written" test ! -e charts-bad

table='/table?area=31000,31005,44049&year=2017,2018&form=totaal,trede5&measure=persons,share&rows=area&cols=year'
pages=$(
	cat <<JSON
[["home", "/", 200], ["home-en", "/?lang=en", 200],
 ["region", "/area/02000", 200], ["region-map", "/area/02000?year=2017&map=change&level=province", 200],
 ["province", "/area/30000", 200], ["arrondissement", "/area/31000", 200],
 ["municipality", "/area/31005", 200], ["municipality-en", "/area/31005?lang=en&year=2017", 200],
 ["grouping", "/area/wvl-westhoek", 200], ["merged-municipality", "/area/44049", 200],
 ["rung", "/area/31005/rung/5", 200], ["rung-6-en", "/area/30000/rung/6?lang=en", 200],
 ["workform", "/workform/arbeidszorg_ggz?area=31005", 200], ["workform-en", "/workform/arbeidszorg_ggz?lang=en", 200],
 ["table", "$table", 200], ["table-en", "$table&lang=en", 200],
 ["api", "/api/v1/", 200], ["not-found", "/no/such/page", 404], ["not-found-en", "/area/99999?lang=en", 404],
 ["bad-request", "/area/31005?year=abc", 400],
 ["survey", "$survey", 200],
 ["report", "file://$PWD/report.html", 200], ["report-en", "file://$PWD/report-en.html", 200],
 ["publish-index", "file://$PWD/pub/index.html", 200]]
JSON
)
case $LADDER in
*/build-asan/*)
	# under ASan (make asan) the server renders every page, as Chromium
	# would ask for it; axe-core and the Nu checker judge the same HTML as in
	# the plain run, so they are not run again (a minute of CI)
	codes=$(SBASE=$SBASE PAGES=$pages python3 -c '
import json, os, sys, urllib.request, urllib.error
for name, url, want in json.loads(os.environ["PAGES"]):
    if url.startswith("file:"):
        continue
    full = url if "://" in url else os.environ["SBASE"] + url
    try:
        code = urllib.request.urlopen(full, timeout=60).status
    except urllib.error.HTTPError as e:
        code = e.code
    print(name, code, want)
' 2>&1) || t_fail "fetching the pages under ASan" "$codes"
	bad=$(awk '$2 != $3' <<<"$codes")
	if [[ -z $bad && $(wc -l <<<"$codes") -ge 20 ]]; then t_ok; else t_fail "pages under ASan: wrong status" "$bad$codes"; fi
	;;
*)
	mkdir -p pages
	LADDER_URL=$SBASE PAGES=$pages SURVEY=survey SAVE_DIR=$PWD/pages CHROMIUM=$CHROMIUM \
		browser_run 300 a11y.test.js
	;;
esac
kill -0 "$SPID" 2>/dev/null || t_fail "the server died during the browser test" "$(cat "$T_TMP/sserve.err")"
t_finish
