#!/usr/bin/env bash
# t4000-report: the publication of West-Vlaanderen 2017 on the demo, in HTML
# and PDF, holds the seed's figures (read back through pdftotext and the
# HTML's text), is self-contained, A4 with embedded fonts, deterministic, and
# renders in headless Chromium and through pdftoppm.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db

run --db "$DB" report --area 30000 --year 2017 --out wvl.html
expect_rc "report html" 0
run --db "$DB" report --area West-Vlaanderen --year 2017 --out wvl.pdf
expect_rc "report pdf" 0
[[ -s wvl.html && -s wvl.pdf ]] || die "no report written"

# the seed's figures (presentation "Editie 2018 (data 2017)"), as printed
seed=(
	"56.721" "44.672" "10.740" "1.309" "418.932" "374.260" "55.411" "+1.310"
	"78,8 %" "18,9 %" "2,3 %" "13,5 %" "10,7 %" "89,3 %" "+2,4 %" "20,1 %" "18,6 %" "12,5 %" "+0,8 %" "17,3 %"
	"6.095" "38.577" "86,4 %" "1.070" "7.744" "361" "1.013" "161" "317"
	"74,4 %" "76,0 %" "30.125" "86,2 %" "160.939" "41.479"
	"Eén op de 7 via collectieve tewerkstelling"
	"44.672 werknemers (78,8 %) – TREDE 5"
	"10.740 personen in (tijdelijke) opleiding en stage (18,9 %) – TREDE 4"
	"1.309 personen in vrijwilligersstatuut (2,3 %) – TREDE 3"
	"+2,4 % t.o.v. 2016 (+0,8 % e in Vlaanderen)"
	"Equivalent van 13,5 % van de loontrekkende tewerkstelling (12,5 % e in Vlaanderen)"
)
# no-break spaces and line breaks are layout, not content
norm() { sed 's/\xc2\xa0/ /g' | tr '\n' ' ' | tr -s ' '; }

pdf_text=$(pdftotext -enc UTF-8 wvl.pdf - | norm)
html_text=$(python3 - wvl.html <<'EOF' | norm
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.out = []; self.skip = 0
    def handle_starttag(self, t, a):
        if t in ("style", "script", "title", "desc"): self.skip += 1
    def handle_endtag(self, t):
        if t in ("style", "script", "title", "desc"): self.skip -= 1
        if t in ("p", "li", "td", "th", "text", "h1", "h2", "h3", "span", "div"): self.out.append(" ")
    def handle_data(self, d):
        if not self.skip: self.out.append(d)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); print("".join(p.out))
EOF
)
for f in "${seed[@]}"; do
	expect_in "PDF text" "$pdf_text" "$f"
	expect_in "HTML text" "$html_text" "$f"
done
# the ladder's rungs, named
for r in "Trede 6" "Trede 5" "Trede 4" "Trede 3" "Trede 2" "Trede 1" "Tewerkstellingsplaatsen" "Participatieplaatsen"; do
	expect_in "ladder chart (HTML)" "$html_text" "$r"
	expect_in "ladder chart (PDF)" "$pdf_text" "$r"
done
# sections and their table of contents
for s in "Inhoud" "Kerncijfers" "De participatieladder" "Trede 5 – Betaald werk met ondersteuning" "Deelgebieden" \
	"De arbeidsmarkt: context" "Controles van de cijfers" "Bronnen, edities en voetnoten" "synthetisch" "geschat"; do
	expect_in "PDF sections" "$pdf_text" "$s"
	expect_in "HTML sections" "$html_text" "$s"
done
# a confidential value is never printed; the synthetic split is flagged
expect_in "sub-areas flagged synthetic" "$pdf_text" "11.206 s"

# PDF: A4, several pages, every font embedded, real text
info=$(pdfinfo wvl.pdf)
expect_in "A4" "$info" "595.28 x 841.89 pts (A4)"
pages=$(sed -n 's/^Pages: *//p' <<<"$info")
t_check "at least 10 pages (got $pages)" test "$pages" -ge 10
fonts=$(pdffonts wvl.pdf | tail -n +3)
t_check "fonts listed" test -n "$fonts"
t_check "every font embedded" test -z "$(awk '$(NF-4) != "yes"' <<<"$fonts")"
expect_in "DejaVu" "$fonts" "DejaVuSans"
# page numbers: page 3 ends with its number
p3=$(pdftotext -f 3 -l 3 -layout wvl.pdf - | sed '/^[[:space:]]*$/d' | tail -1)
expect_in "page number" "$p3" "3"

# HTML: one self-contained file, accessible inline SVG
html=$(cat wvl.html)
expect_not_in "no scripts" "$html" "<script"
t_check "no external references" test -z "$(grep -oE '(src|href)="[^#][^"]*"' wvl.html || true)"
t_check "no URLs but the SVG namespace" test -z "$(grep -oE 'https?://[^"]*' wvl.html | grep -v 'http://www.w3.org/2000/svg' || true)"
expect_in "inline svg" "$html" '<svg xmlns="http://www.w3.org/2000/svg"'
expect_in "role img" "$html" 'role="img"'
expect_in "svg text" "$html" '<text '
expect_in "print style sheet" "$html" "@media print"
expect_in "A4" "$html" "size:A4"
expect_in "lang" "$html" '<html lang="nl">'
n_svg=$(grep -c '<svg ' wvl.html)
n_titles=$(grep -c '<title id=' wvl.html)
t_check "every chart has a title ($n_svg charts)" test "$n_svg" -ge 8 -a "$n_svg" -eq "$n_titles"

# same data, same bytes
"$LADDER" --db "$DB" report --area 30000 --year 2017 --out again.pdf
"$LADDER" --db "$DB" report --area 30000 --year 2017 --out again.html
t_check "PDF deterministic" cmp -s wvl.pdf again.pdf
t_check "HTML deterministic" cmp -s wvl.html again.html

# English on request
run --db "$DB" --lang en report --area 30000 --year 2017 --out en.html
expect_rc "report en" 0
en_text=$(sed 's/<[^>]*>/ /g' en.html | norm)
expect_in "English" "$en_text" "Participation ladder West Flanders"
expect_in "English numbers" "$en_text" "56,721"
expect_in "English share" "$en_text" "78.8%"

# every level: a municipality, an arrondissement, a grouping
for a in 31005 31000 wvl-westhoek; do
	run --db "$DB" report --area "$a" --year 2017 --out "r-$a.pdf"
	expect_rc "report $a" 0
	# its own total, from the database, not only a heading
	want=$(db_count "$DB" "$a" 2017 totaal)
	t_check "$a: a total to look for" test -n "$want"
	expect_in "report $a shows its total" "$(pdftotext -enc UTF-8 "r-$a.pdf" - | norm)" " $want "
done

# charts as files: SVG with text, PNG, PDF
run --db "$DB" charts --area 30000 --year 2017 --out charts
expect_rc "charts" 0
t_check "svg files" test "$(ls charts/*.svg | wc -l)" -ge 8
t_check "png files" test "$(ls charts/*.png | wc -l)" -ge 8
t_check "ladder svg has text" grep -q '<text' charts/fig1.svg
t_check "chart pdf has text" test -n "$(pdftotext charts/fig1.pdf - | grep -F 'Trede 6')"
# the ladder chart carries the rungs' counts from the database
for k in 5 4 3; do
	want=$(db_count "$DB" 30000 2017 trede$k)
	expect_in "ladder chart SVG: rung $k = $want" "$(sed 's/<[^>]*>/ /g' charts/fig1.svg)" "$want"
	expect_in "ladder chart PDF: rung $k = $want" "$(pdftotext -enc UTF-8 charts/fig1.pdf - | norm)" "$want"
done

# errors
run --db "$DB" report --area 30000 --year 2017 --out wvl.doc
expect_rc "unknown output type (a usage error)" 64
expect_in "says why" "$ERR" "BESTAND.html of BESTAND.pdf"
run --db "$DB" report --area Nergensland --year 2017 --out x.pdf
expect_rc "unknown area" 2

# a confidential figure is never printed, nor a sum that would reveal it:
# the audit proves no published figure narrows it down (Brugge's rung 3,
# 259 - 19 + 777 = 1.017, may be shown when enough else is hidden)
cp "$DB" conf.db
printf 'year,area,work_form,persons,edition,flag\n2017,31003,trede3,777,2018,confidential\n' >conf.csv
run --db conf.db import --replace conf.csv
expect_rc "import a confidential figure" 0
for a in 31003 31000; do
	"$LADDER" --db conf.db report --area "$a" --year 2017 --out "conf-$a.pdf"
	"$LADDER" --db conf.db report --area "$a" --year 2017 --out "conf-$a.html"
	for f in "conf-$a.pdf" "conf-$a.html"; do
		if [[ $f == *.pdf ]]; then txt=$(pdftotext -enc UTF-8 "$f" - | norm); else txt=$(sed 's/<[^>]*>/ /g' "$f" | norm); fi
		expect_not_in "$f: the confidential value" "$txt" "777"
		expect_in "$f: shown as x" "$txt" " x"
		expect_in "$f: explained" "$txt" "vertrouwelijk"
	done
done
run --db conf.db disclosure audit --year 2017
expect_rc "no published figure narrows the confidential one down" 0
run --db conf.db export csv --area 31003 --year 2017 --work-form trede3
expect_in "csv: confidential without its value" "$OUT" "2017,31003,trede3,,2018,confidential,"

# what a reader sees: PDF pages as pictures, and the HTML in Chromium
pdftoppm -r 40 -f 1 -l 4 -png wvl.pdf page
t_check "pdftoppm pages" test "$(ls page-*.png | wc -l)" -eq 4
if command -v chromium >/dev/null; then
	prof=$(mktemp -d "$T_TMP/chromium.XXXXXX")
	flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
		--disable-sync --no-first-run --user-data-dir="$prof" --hide-scrollbars)
	timeout 60 chromium "${flags[@]}" --window-size=1000,1400 --screenshot="$PWD/screen.png" "file://$PWD/wvl.html" >/dev/null 2>&1 || true
	t_check "chromium screenshot" test -s screen.png
	timeout 60 chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$PWD/print.pdf" "file://$PWD/wvl.html" >/dev/null 2>&1 || true
	t_check "chromium print" test -s print.pdf
	if [[ -s print.pdf ]]; then
		ptext=$(pdftotext -enc UTF-8 print.pdf - | norm)
		expect_in "printed HTML" "$ptext" "56.721"
		expect_in "printed HTML chart text" "$ptext" "Tewerkstellingsplaatsen"
		ppages=$(pdfinfo print.pdf | sed -n 's/^Pages: *//p')
		t_check "printed HTML is paged ($ppages pages)" test "$ppages" -ge 8
	fi
fi

t_finish
