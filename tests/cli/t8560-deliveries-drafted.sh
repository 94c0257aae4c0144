#!/usr/bin/env bash
# t8560-deliveries-drafted: suppliers' tables as they arrive and
# as LibreOffice saves them.
# - An .xlsx saved by LibreOffice gives every plain cell its own format
#   "General" (id 164); its 'e' was read as a date code, so every number
#   became a date (56721 -> 2055-04-...; 60 refused as "no date"). The
#   same table imports as the CSV does.
# - Month headers with their year ("jan 2024" .. "dec 2024", "mrt",
#   Statbel's "2024M01") are drafted as a wide layout by month with the
#   year they name, the rule (december or average) left for the user; the
#   import gives the December value or the yearly average.
# - Months of two years under one fixed year are refused once per column,
#   naming the header cell; nothing is written.
# - A second header row of the supplier's own labels (2023 / 2023 over
#   GGZ / Welzijn) is kept when the value columns need it to tell them
#   apart, as the key field nothing else gives (the work form), its labels
#   listed to map; before, it was dropped and the columns were alike.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip soffice sqlite3

"$PY" - <<'PY'
import csv, openpyxl
rows = [["year", "area", "work_form", "persons", "edition"],
        [2019, "31005", "wijkwerken", 56721, "2020"], [2019, "31006", "wijkwerken", 60, "2020"],
        [2019, "31042", "wijkwerken", 1234, "2020"]]
with open("long.csv", "w", newline="") as f:
    csv.writer(f).writerows(rows)
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Blad1"
for r in rows:
    ws.append(r)
wb.save("long.xlsx")

def monthly(path, title, months, values):
    wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Gemeenten"
    if title:
        ws.append([title]); ws.append(["Bron: VDAB"]); ws.append([])
    ws.append(["Gemeente"] + months)
    for name, vals in values:
        ws.append([name] + vals)
    ws.append([]); ws.append(["* voorlopige cijfers"])
    wb.save(path)

vdab = ["jan 2024", "feb 2024", "mrt 2024", "apr 2024", "mei 2024", "jun 2024", "jul 2024", "aug 2024",
        "sep 2024", "okt 2024", "nov 2024", "dec 2024"]
vals = [("Brugge (stad)", [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210]),
        ("Damme", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13])]
monthly("werkplekleren.xlsx", "Werkplekleren: personen per woonplaats", vdab, vals)
monthly("statbel.xlsx", "Wijk-werken", ["2024M%02d" % m for m in range(1, 13)], vals)
monthly("twee-jaren.xlsx", "Werkplekleren 2024", ["nov 2023", "dec 2023", "jan 2024"],
        [("Brugge", [5, 6, 7])])

wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Arbeidszorg"
ws.append(["Ronde Tafel Arbeidszorg: bevraging"]); ws.append([])
ws.append(["Gemeente", "2023", None, "2024", None])
ws.append([None, "GGZ", "Welzijn", "GGZ", "Welzijn"])
ws.merge_cells("B3:C3"); ws.merge_cells("D3:E3"); ws.merge_cells("A3:A4")
for r in [("Brugge", "12", "7", "14", "8"), ("Sint Niklaas", "5", "1.204", "6", "x"), ("Ieper", "<5", "3", "4", "2")]:
    ws.append(list(r))
ws.append(["Totaal", "17", "1.214", "24", "10"])
wb.save("arbeidszorg.xlsx")
PY

# LibreOffice's own .xlsx of the long table: as the CSV
mkdir lo
SAL_USE_VCLPLUGIN=svp soffice -env:UserInstallation="file://$T_TMP/lo" --headless --norestore \
	--convert-to xlsx --outdir lo long.xlsx werkplekleren.xlsx >"$T_TMP/lo.out" 2>&1 ||
	die "soffice --convert-to xlsx failed: $(cat "$T_TMP/lo.out")"
[[ -s lo/long.xlsx && -s lo/werkplekleren.xlsx ]] || die "LibreOffice wrote no .xlsx: $(cat "$T_TMP/lo.out")"
unzip -p lo/long.xlsx xl/styles.xml | grep -q 'formatCode="General"' ||
	die "LibreOffice's .xlsx has no format 'General' of its own: the case this test is about is gone"
init_db csv.db
run import --db csv.db long.csv
expect_rc "long.csv" 0
init_db x.db
run import --db x.db lo/long.xlsx
expect_rc "LibreOffice's .xlsx" 0
expect_same "LibreOffice's .xlsx: the CSV's figures" "$(figures_dump x.db | cut -d'|' -f1-6)" "$(figures_dump csv.db | cut -d'|' -f1-6)"

# months with their year: drafted, then imported as December values or averages
init_db m.db
for f in werkplekleren.xlsx lo/werkplekleren.xlsx statbel.xlsx; do
	run profiles draft --db m.db "$f"
	expect_rc "draft $f (the month rule is undecided)" 1
	expect_in "draft $f: wide by month" "$OUT" "columns = month"
	expect_in "draft $f: the year the months name" "$OUT" "fixed year = 2024"
	expect_in "draft $f: the rule is the user's" "$ERR" "month = december' is een gok"
	expect_not_in "draft $f: no month taken as a column of figures" "$ERR" "tweede kolom met cijfers"
done
run profiles draft --db m.db werkplekleren.xlsx
expect_in "draft: the work form from the title (its code)" "$OUT" "fixed work_form = werkplekleren"
printf '%s\n' "$OUT" >dec.profile
run import --db m.db --profile dec.profile werkplekleren.xlsx
expect_rc "import, December values" 0
expect_same "December values" "$(sqlite3 m.db "SELECT a.code, f.year, f.persons FROM figure f JOIN area a ON a.id = f.area ORDER BY 1")" \
	"$(printf '31005|2024|210\n31006|2024|13')"
run profiles draft --db m.db statbel.xlsx
sed 's/^month = december/month = average/' <<<"$OUT" >avg.profile
init_db a.db
run import --db a.db --profile avg.profile statbel.xlsx
expect_rc "import, yearly averages (2024M01 .. 2024M12)" 0
# (100 + ... + 210) / 12 = 155; (1 + ... + 11 + 13) / 12 = 6,58 -> 7 (half up)
expect_same "yearly averages" "$(sqlite3 a.db "SELECT a.code, f.year, f.persons FROM figure f JOIN area a ON a.id = f.area ORDER BY 1")" \
	"$(printf '31005|2024|155\n31006|2024|7')"

# months of two years: the draft says so, the import refuses once per column
run profiles draft --db m.db twee-jaren.xlsx
expect_in "draft: months of two years" "$ERR" "de maanden in de kop vallen in meer dan een jaar (2023, 2024)"
sed 's/^# fixed year = ?/fixed year = 2024/; s/^month = december/month = average/' <<<"$OUT" >two.profile
init_db t.db
before=$(sqlite3 t.db 'SELECT count(*) FROM figure')
run import --db t.db --profile two.profile twee-jaren.xlsx
expect_rc "months of 2023 under year 2024" 2
expect_in "the header cell named" "$ERR" "twee-jaren.xlsx:Gemeenten!B4 (kolom 'nov 2023'): de maand 'nov 2023' hoort bij 2023, het cijfer bij 2024"
expect_same "said once per column" "$(grep -c "hoort bij 2023" <<<"$ERR")" 2
expect_same "nothing written" "$(sqlite3 t.db 'SELECT count(*) FROM figure')" "$before"
# a second header row of the supplier's labels
run profiles draft --db m.db arbeidszorg.xlsx
expect_rc "draft: two header rows (labels to map)" 1
expect_in "draft: both header rows" "$OUT" "header = 3..4"
expect_in "draft: year over work form" "$OUT" "columns = year, work_form"
expect_in "draft: the labels to map" "$OUT" '# "GGZ" = ?'
expect_in "draft: the label named" "$ERR" "arbeidszorg.xlsx:Arbeidszorg!B4: onbeslist: 'GGZ' is geen werkvorm"
sed 's/^# "GGZ" = ?/"GGZ" = arbeidszorg_ggz/; s/^# "Welzijn" = ?/"Welzijn" = arbeidszorg_welzijn/' <<<"$OUT" >az.profile
init_db z.db
run import --db z.db --profile az.profile arbeidszorg.xlsx
expect_rc "import with the labels mapped" 0
expect_same "two header rows: the figures" "$(sqlite3 z.db "SELECT f.year, a.code, w.code, quote(f.persons), f.flag FROM figure f
	JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form WHERE a.code = '46021' ORDER BY 1, 3")" \
	"$(printf '2023|46021|arbeidszorg_ggz|5|\n2023|46021|arbeidszorg_welzijn|1204|\n2024|46021|arbeidszorg_ggz|6|\n2024|46021|arbeidszorg_welzijn|NULL|confidential')"
# the same delivery as a legacy .xls: libfreexl gives no merged cells, and
# the error says so and what to do
SAL_USE_VCLPLUGIN=svp soffice -env:UserInstallation="file://$T_TMP/lo" --headless --norestore \
	--convert-to xls --outdir lo arbeidszorg.xlsx >"$T_TMP/lo.out" 2>&1 || die "soffice --convert-to xls failed: $(cat "$T_TMP/lo.out")"
init_db zx.db
run import --db zx.db --profile az.profile lo/arbeidszorg.xls
expect_rc "the .xls of a merged header" 2
expect_in "the .xls's empty header cell, and why" "$ERR" "lo/arbeidszorg.xls:Arbeidszorg!C3 (kolom 'Welzijn'): lege kopcel: verwacht voor deze waardekolom een waarde van veld 'year' (columns = in het profiel); een oud .xls-bestand bewaart geen samengevoegde cellen"
t_finish
