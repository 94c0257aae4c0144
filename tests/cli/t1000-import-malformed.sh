#!/usr/bin/env bash
# t1000-import-malformed: malformed input files are refused by
# `ladder import`. For each: (a) a non-zero exit status, (b) the exact error
# text, beginning with file:line:column, on a line of its own, and (c) the
# database byte-for-byte unchanged (checksum of `sqlite3 .dump`) - nothing of
# an all-or-nothing import is written, also when the error is on the last of
# 10,000 rows or in the second of two files.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=x.db
init_db "$DB"
printf 'year,area,work_form,persons,edition\n2017,30000,totaal,56.721,2018\n2017,30000,trede3,1.309,2018\n' >first.csv
run import --db "$DB" first.csv
[[ $RC -eq 0 ]] || die "the first, valid import failed: $(show_run)"
[[ $(count_rows "$DB" figure) -eq 2 ]] || die "first.csv did not store 2 figures"
reset_db() {
	init_db "$DB"
	"$LADDER" import --db "$DB" first.csv >/dev/null
}
db_snapshot
N_CASES=0

# refused FILE CONTENT(printf format) FRAGMENT... : writes FILE, imports it,
# expects failure, every FRAGMENT as the start of an error line, the
# refusal summary and an unchanged database.
refused() {
	local file=$1 content=$2
	shift 2
	printf "$content" >"$file"
	refused_file "$file" "$@"
}
refused_file() {
	local file=$1
	shift
	N_CASES=$((N_CASES + 1))
	run import --db "$DB" "$file"
	expect_rc "$file" nonzero
	local f
	for f; do expect_error_line "$file" "$f"; done
	local errors="$# fouten"
	(($# == 1)) && errors="1 fout"
	expect_in "$file: summary" "$ERR" "ladder: import geweigerd: $errors; er is niets weggeschreven"
	expect_unchanged "$file"
}

H='year,area,work_form,persons'

# ---------------------------------------------------------------- values
refused unknown-area.csv "$H\n2017,30000,tat,5\n2017,99999,tat,5\n" \
	"unknown-area.csv:3:6: kolom 'area': onbekend gebied '99999' (verwacht een NIS-code zoals 30000, of de code van een groepering; zie 'ladder areas list')"
refused unknown-form.csv "$H\n2017,30000,foo,5\n" \
	"unknown-form.csv:2:12: kolom 'work_form': onbekende werkvorm 'foo' (verwacht een code uit 'ladder catalog list', of een totaal zoals totaal, trede4, trede5.collectief)"
refused year-low.csv "$H\n1989,30000,tat,5\n" \
	"year-low.csv:2:1: kolom 'year': verwacht een jaar tussen 1990 en 2100, gekregen '1989'"
refused year-high.csv "$H\n2017,30000,pwa,5\n2101,30000,tat,5\n" \
	"year-high.csv:3:1: kolom 'year': verwacht een jaar tussen 1990 en 2100, gekregen '2101'"
refused year-text.csv "$H\nabc,30000,tat,5\n" \
	"year-text.csv:2:1: kolom 'year': verwacht een jaar tussen 1990 en 2100, gekregen 'abc'"
refused year-grouped.csv "$H\n2.017,30000,tat,5\n" \
	"year-grouped.csv:2:1: kolom 'year': verwacht een jaar tussen 1990 en 2100, gekregen '2.017'"
refused persons-comma.csv "$H\n2017,30000,tat,\"1,309\"\n" \
	"persons-comma.csv:2:16: kolom 'persons': verwacht een geheel getal; ',' is dubbelzinnig in een aantal (decimaalteken of scheidingsteken voor duizendtallen?), gekregen '1,309'"
refused persons-comma-semicolon.csv "year;area;work_form;persons\n2017;30000;tat;1,309\n" \
	"persons-comma-semicolon.csv:2:16: kolom 'persons': verwacht een geheel getal; ',' is dubbelzinnig in een aantal (decimaalteken of scheidingsteken voor duizendtallen?), gekregen '1,309'"
refused persons-decimal.csv "$H\n2017,30000,tat,1.5\n" \
	"persons-decimal.csv:2:16: kolom 'persons': verwacht een geheel getal; '.' groepeert alleen duizendtallen per drie (56.721), gekregen '1.5'"
refused persons-negative.csv "$H\n2017,30000,werkplekleren,-3\n" \
	"persons-negative.csv:2:26: kolom 'persons': een aantal personen kan niet negatief zijn, gekregen '-3'"
refused persons-empty.csv "$H\n2017,30000,duaal_leren,\n" \
	"persons-empty.csv:2:24: kolom 'persons': leeg: geef een getal, of markeer de rij als ontbrekend (.) of vertrouwelijk (x)"
refused persons-blank.csv "$H\n2017,30000,tat,   \n" \
	"persons-blank.csv:2:16: kolom 'persons': leeg: geef een getal, of markeer de rij als ontbrekend (.) of vertrouwelijk (x)"
refused bad-flag.csv "$H,flag\n2017,30000,tat,5,q\n" \
	"bad-flag.csv:2:18: kolom 'flag': verwacht een van ontbrekend (.), nul (-), vertrouwelijk (x), geschat (e), synthetisch (s) of niets, gekregen 'q'"
refused flag-contradicts.csv "$H,flag\n2017,30000,tat,5,.\n2017,30000,pwa,5,-\n" \
	"flag-contradicts.csv:2:16: kolom 'persons': een rij gemarkeerd als ontbrekend laat persons leeg, gekregen '5'" \
	"flag-contradicts.csv:3:16: kolom 'persons': markering nul (-) vraagt persons 0 of niets, gekregen '5'"
refused bad-edition.csv "$H,edition\n2017,30000,tat,5,20/18\n" \
	"bad-edition.csv:2:18: kolom 'edition': verwacht een editiecode van letters, cijfers, '-', '_' of '.', gekregen '20/18'"
refused three-in-a-row.csv "$H\n2017,99999,foo,-1\n" \
	"three-in-a-row.csv:2:6: kolom 'area': onbekend gebied '99999'" \
	"three-in-a-row.csv:2:12: kolom 'work_form': onbekende werkvorm 'foo'" \
	"three-in-a-row.csv:2:16: kolom 'persons': een aantal personen kan niet negatief zijn, gekregen '-1'"

# --------------------------------------------------------------- header
refused header-unknown.csv "$H,colour\n2017,30000,tat,5,red\n" \
	"header-unknown.csv:1:29: kopregel: onbekende kolom 'colour' voor een bestand van soort figures (verwacht year, area, work_form, persons, unit, edition, flag, note)"
refused header-missing.csv "year,area,persons\n2017,30000,5\n" \
	"header-missing.csv:1:1: kopregel: verwacht de kolommen van een gekende soort: figures (year, area, work_form, persons), context (year, area, indicator, value)"
refused header-duplicate.csv "$H,year\n2017,30000,tat,5,2017\n" \
	"header-duplicate.csv:1:29: kopregel: kolom 'year' staat er twee keer"
refused header-no-name.csv "year,area,,work_form,persons\n2017,30000,,tat,5\n" \
	"header-no-name.csv:1:11: kopregel: kolom 3 heeft geen naam"
refused both-delimiters.csv "year;area,work_form,persons\n2017,30000,tat,5\n" \
	"both-delimiters.csv:1:1: de kopregel heeft zowel ',' als ';' buiten aanhalingstekens: het scheidingsteken is dubbelzinnig"

# ------------------------------------------------------------ structure
refused too-few-fields.csv "$H\n2017,30000,tat,5\n2017,30000,pwa\n" \
	"too-few-fields.csv:3:12: verwacht 4 velden zoals in de kopregel, gevonden 3"
refused extra-fields.csv "$H\n2017,30000,tat,5,,7\n" \
	"extra-fields.csv:2:19: verwacht 4 velden zoals in de kopregel, gevonden 6"
refused unterminated-quote.csv "$H,note\n2017,30000,tat,5,ok\n2017,30000,pwa,5,\"open\n2017,30000,tat,6,x\n" \
	"unterminated-quote.csv:3:18: een veld tussen aanhalingstekens wordt nooit gesloten"
refused after-quote.csv "$H,note\n2017,30000,tat,5,\"closed\"x\n" \
	"after-quote.csv:2:26: verwacht een scheidingsteken of het einde van de regel na het sluitende aanhalingsteken"
refused quote-inside.csv "$H,note\n2017,30000,tat,5,ab\"c\n" \
	"quote-inside.csv:2:20: aanhalingsteken in een veld zonder aanhalingstekens (zet het hele veld tussen aanhalingstekens en verdubbel het teken)"

# ------------------------------------------------------------- encoding
refused bad-utf8.csv "$H,note\n2017,30000,tat,5,caf\xc3\xa9\n2017,30000,pwa,5,caf\xe9\n" \
	"bad-utf8.csv:3:21: ongeldige UTF-8 (de codering van dit bestand, bepaald door zijn eerste niet-ASCII-teken); bewaar het overal als UTF-8 of Windows-1252"
refused cp1252-undefined.csv "$H,note\n2017,30000,tat,5,caf\xe9\n2017,30000,pwa,5,a\x81b\n" \
	"cp1252-undefined.csv:3:19: byte die Windows-1252 niet kent (de codering van dit bestand, bepaald door zijn eerste niet-ASCII-teken)"
refused nul-byte.csv "$H\n2017,30000,tat,5\n2017,30000,pw\0a,5\n" \
	"nul-byte.csv:3:14: NUL-byte: dit is geen tekstbestand"

# ------------------------------------------------------------------ keys
refused duplicate-key.csv "$H,edition\n2017,30000,tat,5,2018\n2017,30000,pwa,6,2018\n2017,30000,tat,5,2018\n" \
	"duplicate-key.csv:4:16: kolom 'persons': dezelfde sleutel (jaar, gebied, work_form, editie) staat al op regel 2 van dit bestand"
refused contradicts-stored.csv "$H,edition\n2017,30000,totaal,56.722,2018\n" \
	"contradicts-stored.csv:2:19: kolom 'persons': verschilt van het opgeslagen cijfer voor deze sleutel (56721, uit first.csv regel 2): geef --replace om het te overschrijven, of importeer het onder een nieuwe editie"

# --------------------------------------------------------------- context
refused context-decimal.csv "year,area,indicator,value\n2017,30000,wage_employees,\"418,5\"\n" \
	"context-decimal.csv:2:27: kolom 'value': verwacht een geheel getal; ',' is dubbelzinnig in een aantal (decimaalteken of scheidingsteken voor duizendtallen?), gekregen '418,5'"
refused context-decimal-point.csv "year,area,indicator,value\n2017,30000,wage_employees,418.5\n" \
	"context-decimal-point.csv:2:27: kolom 'value': verwacht een geheel getal; '.' groepeert alleen duizendtallen per drie (56.721), gekregen '418.5'"
refused context-unknown.csv "year,area,indicator,value\n2017,30000,foo,5\n" \
	"context-unknown.csv:2:12: kolom 'indicator': onbekende indicator 'foo' (verwacht een code uit 'ladder indicators list', bv. wage_employees)"

# ------------------------------------------------------------ empty files
# An empty file names itself too (every error names file:line:column).
for f in empty.csv blank-lines.csv bom-only.csv; do
	case $f in
	empty.csv) : >"$f" ;;
	blank-lines.csv) printf '\n\n\n' >"$f" ;;
	bom-only.csv) printf '\xef\xbb\xbf' >"$f" ;;
	esac
	N_CASES=$((N_CASES + 1))
	run import --db "$DB" "$f"
	expect_rc "$f" nonzero
	expect_in "$f" "$ERR" "leeg bestand: verwacht een kopregel"
	if printf '%s\n' "$ERR" | grep -Ec "^$f(:1:1)?: leeg bestand: verwacht een kopregel\$" >/dev/null; then t_ok; else
		t_fail "$f: the error does not name the file ('$f:1:1: leeg bestand: verwacht een kopregel')" "$(show_run)"
	fi
	expect_unchanged "$f"
done

N_CASES=$((N_CASES + 1))
run import --db "$DB" does-not-exist.csv
expect_rc "missing file" nonzero
expect_error_line "missing file" "does-not-exist.csv: kan niet openen: bestand of map bestaat niet"
expect_unchanged "missing file"
# the reader's errors are in the CLI's language: English on request
run --lang en import --db "$DB" does-not-exist.csv unterminated-quote.csv
expect_error_line "missing file (en)" "does-not-exist.csv: cannot open: No such file or directory"
expect_error_line "unclosed quote (en)" "unterminated-quote.csv:3:18: quoted field is never closed"

# ------------------------------------------------- more than one error
{
	echo "$H"
	for i in $(seq 1 25); do echo "2017,9999$((i % 10)),tat,$i"; done
} >many-errors.csv
N_CASES=$((N_CASES + 1))
run import --db "$DB" many-errors.csv
expect_rc "many-errors.csv" nonzero
n=$(printf '%s\n' "$ERR" | grep -c "^many-errors.csv:[0-9]*:6: kolom 'area': onbekend gebied '9999[0-9]'" || true)
if [[ $n -eq 20 ]]; then t_ok; else t_fail "many-errors.csv: expected 20 error lines (one per line, stopping at 20), found $n" "$(show_run)"; fi
for l in 2 11 21; do expect_error_line "many-errors.csv" "many-errors.csv:$l:6: kolom 'area': onbekend gebied"; done
expect_not_in "many-errors.csv: stops at 20" "$ERR" "many-errors.csv:22:"
expect_in "many-errors.csv" "$ERR" "many-errors.csv: gestopt na 20 fouten"
expect_in "many-errors.csv" "$ERR" "ladder: import geweigerd: 20 fouten; er is niets weggeschreven"
expect_unchanged "many-errors.csv"

# -------------------------------- error on the last of 10,000 rows
# the municipalities of 1990 that no merger ended: on the map of every year below
"$LADDER" areas list --db "$DB" --level municipality --year 1990 --format csv | awk -F, 'NR > 1 && $7 == "" { print $1 }' >municipalities.txt
[[ $(wc -l <municipalities.txt) -eq 265 ]] || die "expected 265 municipalities (308 of 1990, less 15 merged in 2019, 27 in 2025 and Antwerpen, whose territory of 1990 ended in 2024)"
awk -v n=9999 'BEGIN { print "year,area,work_form,persons,edition" }
	{ m[NR] = $1 }
	END {
		k = 0
		for (y = 1990; k < n; y++)
			for (i = 1; i <= NR && k < n; i++) { print y "," m[i] ",tat," (k % 997) ",big"; k++ }
		print "2017,30000,tat,many,big"
	}' municipalities.txt >big.csv
[[ $(wc -l <big.csv) -eq 10001 ]] || die "big.csv should have 10,001 lines"
refused_file big.csv \
	"big.csv:10001:16: kolom 'persons': verwacht een geheel getal (cijfers, eventueel gegroepeerd als 56.721), gekregen 'many'"
if [[ $(count_rows "$DB" figure) -eq 2 ]]; then t_ok; else t_fail "big.csv: figures were written"; fi
run editions list --db "$DB"
expect_not_in "big.csv: no edition 'big' left behind" "$OUT" "big"

# --------------------------------------- several files: all or nothing
printf '%s,edition\n2017,30000,tat,1.070,2018\n2017,30000,pwa,1.013,2018\n' "$H" >second-good.csv
printf '%s\n2017,30000,tat,x\n' "$H" >second-bad.csv
N_CASES=$((N_CASES + 1))
run import --db "$DB" second-good.csv second-bad.csv
expect_rc "good + bad files" nonzero
expect_error_line "good + bad files" "second-bad.csv:2:16: kolom 'persons': verwacht een geheel getal"
expect_not_in "good + bad files: no success line for the good file" "$OUT" "second-good.csv: cijfers"
expect_unchanged "good + bad files (the good first file is not written either)"
N_CASES=$((N_CASES + 1))
run import --db "$DB" second-bad.csv second-good.csv
expect_rc "bad + good files" nonzero
expect_unchanged "bad + good files"
# errors in both files are all reported
N_CASES=$((N_CASES + 1))
run import --db "$DB" unknown-form.csv year-text.csv
expect_rc "two bad files" nonzero
expect_error_line "two bad files" "unknown-form.csv:2:12: kolom 'work_form'"
expect_error_line "two bad files" "year-text.csv:2:1: kolom 'year'"
expect_unchanged "two bad files"

# ------------------------------------------------- other entry points
N_CASES=$((N_CASES + 1))
run import --db "$DB" --dry-run unknown-area.csv
expect_rc "--dry-run of a bad file" nonzero
expect_error_line "--dry-run of a bad file" "unknown-area.csv:3:6: kolom 'area': onbekend gebied '99999'"
expect_unchanged "--dry-run of a bad file"
N_CASES=$((N_CASES + 1))
run import --db "$DB" --replace persons-decimal.csv
expect_rc "--replace of a bad file" nonzero
expect_unchanged "--replace of a bad file"
N_CASES=$((N_CASES + 1))
run --lang en import --db "$DB" persons-empty.csv
expect_rc "English summary" nonzero
expect_in "English summary" "$ERR" "ladder: import refused: 1 error; nothing was written"
expect_unchanged "English summary"
N_CASES=$((N_CASES + 1))
run catalog import --db "$DB" unknown-area.csv
expect_rc "catalog import of a figures file" nonzero
expect_error_line "catalog import of a figures file" "unknown-area.csv:1:1: kopregel: dit is een bestand van soort figures; verwacht een bestand van soort catalog/lineage"
expect_unchanged "catalog import of a figures file"

echo "$T_NAME: $N_CASES malformed-input cases"
t_finish
