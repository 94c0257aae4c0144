#!/usr/bin/env bash
# t4420-serve-downloads: the area page's downloads (issue 11, defect 8).
# The CSV for people opens as columns in a Belgian spreadsheet (UTF-8 BOM,
# ';', decimal comma, shares to one decimal, counts whole, a flag column),
# English with lang=en; the open-data CSV stays the machine format (',',
# plain numbers, no BOM; byte for byte `ladder show --format csv`). The
# report (PDF, HTML) and the Excel annex are downloads of the page, the same
# documents as `ladder report` and `ladder export xlsx`.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v curl >/dev/null || die "curl not found"
command -v pdftotext >/dev/null || die "pdftotext not found (poppler-utils)"
command -v xlsx2csv >/dev/null || die "xlsx2csv not found"

DB=$PWD/demo.db
"$LADDER" demo --db "$DB" >/dev/null 2>&1 || die "ladder demo failed"
serve_start "$DB"

get() { # get PATH FILE : sets CODE, TYPE and DISP
	local out
	out=$(curl -s -o "$2" -D "$T_TMP/h" -w '%{http_code} %{content_type}' "$BASE$1" || true)
	CODE=${out%% *} TYPE=${out#* }
	DISP=$(tr -d '\r' <"$T_TMP/h" | sed -n 's/^[Cc]ontent-[Dd]isposition: //p')
}

# the page offers them
get "/area/30000?year=2017" page.html
page=$(cat page.html)
for want in '/download/report.pdf?area=30000&amp;year=2017' '/download/report.html?area=30000&amp;year=2017' \
	'/api/v1/ladder?area=30000&amp;year=2017&amp;format=sheet' '/download/annex.xlsx?year=2017' \
	'/api/v1/ladder?area=30000&amp;year=2017&amp;format=csv'; do
	expect_in "the area page links $want" "$page" "href=\"$want\""
done

# CSV for a Belgian spreadsheet
get "/api/v1/ladder?area=30000&year=2017&format=sheet" sheet.csv
[[ $CODE == 200 ]] && t_ok || t_fail "sheet CSV: status $CODE"
t_check "sheet CSV starts with the UTF-8 byte order mark" test "$(head -c 3 sheet.csv | od -An -tx1 | tr -d ' ')" = efbbbf
sheet=$(cat sheet.csv | tr -d '\r')
expect_in "sheet CSV: ';', a whole count, the share to one decimal with a comma" "$sheet" "Trede 5: Betaald werk met ondersteuning;44672;;78,8;"
expect_in "sheet CSV: rung 6" "$sheet" ";374260;;89,3;"
expect_in "sheet CSV: the share column says %" "$sheet" "Aandeel (%)"
expect_not_in "sheet CSV: no unrounded share" "$sheet" "78.757"
expect_not_in "sheet CSV: no unrounded share (comma)" "$sheet" "78,757"
expect_in "sheet CSV: a download" "$DISP" "attachment"
get "/api/v1/ladder?area=30000&year=2017&format=sheet&lang=en" sheet-en.csv
expect_in "sheet CSV in English: ',' and a decimal point" "$(tr -d '\r' <sheet-en.csv)" "Rung 5: Paid work with support,44672,,78.8,"

# the open-data CSV: the machine format, unchanged
get "/api/v1/ladder?area=30000&year=2017&format=csv" open.csv
"$LADDER" show --db "$DB" --area 30000 --year 2017 --format csv >show.csv
t_check "open-data CSV is byte for byte ladder show --format csv" cmp -s open.csv show.csv
t_check "open-data CSV has no byte order mark" test "$(head -c 4 open.csv)" = "area"

# the report as PDF and HTML
get "/download/report.pdf?area=30000&year=2017" r.pdf
[[ $CODE == 200 && $TYPE == application/pdf ]] && t_ok || t_fail "report.pdf: $CODE $TYPE"
t_check "report.pdf is a PDF" test "$(head -c 5 r.pdf)" = "%PDF-"
expect_in "report.pdf: a download named after area and year" "$DISP" 'filename="ladder-30000-2017.pdf"'
expect_in "report.pdf holds the report" "$(pdftotext r.pdf - 2>/dev/null)" "West-Vlaanderen"
"$LADDER" report --db "$DB" --area 30000 --year 2017 --out cli.pdf >/dev/null 2>&1 || die "ladder report failed"
t_check "report.pdf is the report ladder report writes" cmp -s r.pdf cli.pdf
get "/download/report.html?area=30000&year=2017" r.html
[[ $CODE == 200 ]] && t_ok || t_fail "report.html: $CODE"
"$LADDER" report --db "$DB" --area 30000 --year 2017 --out cli.html >/dev/null 2>&1 || die "ladder report failed"
t_check "report.html is the report ladder report writes" cmp -s r.html cli.html
get "/download/report.pdf?area=30000&year=1990" none.pdf
[[ $CODE == 404 ]] && t_ok || t_fail "report.pdf for a year without figures: $CODE, expected 404"

# the Excel annex
get "/download/annex.xlsx?year=2017" a.xlsx
[[ $CODE == 200 && $TYPE == application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ]] && t_ok || t_fail "annex.xlsx: $CODE $TYPE"
"$LADDER" export xlsx --db "$DB" --year 2017 --out cli.xlsx >/dev/null 2>&1 || die "ladder export xlsx failed"
t_check "annex.xlsx is the annex ladder export xlsx writes" cmp -s a.xlsx cli.xlsx
xlsx2csv -n Overzicht a.xlsx >ov.csv 2>/dev/null || true
expect_in "annex.xlsx: West-Vlaanderen in the overview" "$(cat ov.csv)" "30000,West-Vlaanderen"

t_finish
