#!/usr/bin/env python3
"""profiles.py good|bad DIR - deliveries in suppliers' layouts for t7500/t7510,
made by openpyxl at test time, with the profiles that read them.

good: the three layouts of docs/sources.md:
  wide.xlsx   (a) wide by municipality, a title above, a two-row header with
              merged cells (the work form over its years), a Totaal row and
              a source line under the table; wide.profile
  long.xlsx   (b) long with municipality names (an old name before its
              merger, accents, hyphens and case differing, "Brugge (stad)")
              and Dutch numbers stored as text; long.profile; long.csv the
              same table as CSV
  years.xlsx  (c) one column per year, footnotes under the table;
              years.profile
  wide-third.xlsx the table of wide.xlsx as the third of three sheets (a
              notes sheet, a hidden one before it), read with `sheet = #3`
  expected.txt: the figures they must give, as `edition|year|area|form|persons|flag`.

bad: one malformed delivery or profile per case (bad-*.xlsx, bad-*.profile),
named after what is wrong.
"""
import os
import sys

import openpyxl

WIDE_PROFILE = """# (a) VDAB, maatwerk per gemeente
format        = 1
name          = vdab-maatwerk
supplier      = "VDAB"
sheet         = "Gemeenten"
header        = 4..5
end           = blank, prefix "Bron"
layout        = wide
columns       = work_form, year
column area   = "Gemeente"
fixed edition = 2019
total row     = "Totaal"

[work_forms]
"Maatwerkbedrijf"         = maatwerkbedrijf
"Lokale diensteneconomie" = lde
"""

LONG_PROFILE = """# (b) WSE, lokale diensteneconomie, long, names
format           = 1
name             = wse-lde
supplier         = "Departement WSE"
layout           = long
numbers          = nl
hidden           = "<5"
column area      = "Gemeente"
column work_form = "Werkvorm"
column year      = "Jaar"
column persons   = "Aantal"
fixed edition    = 2020
"""

YEARS_PROFILE = """# (c) arbeidszorg, one column per year, footnotes
format           = 1
name             = arbeidszorg
header           = 3
end              = blank
layout           = wide
columns          = year
column area      = A
fixed work_form  = arbeidszorg_welzijn
fixed edition    = 2019
missing          = "-"
"""


def wide_rows():
    return [
        ["Maatwerk per gemeente (VDAB)"],
        ["Toestand op 31 december"],
        [],
        ["Gemeente", "Maatwerkbedrijf", None, "Lokale diensteneconomie", None],
        [None, 2017, 2018, 2017, 2018],
        ["Brugge", 120, 131, 40, 44],
        ["Oostende", 95, 99, 31, 30],
        ["Kortrijk", 60, 58, 12, 15],
        ["Totaal", 275, 288, 83, 89],
        [],
        ["Bron: VDAB, datawarehouse"],
    ]


def wide_book(rows, merges=("B4:C4", "D4:E4", "A4:A5"), title="Gemeenten"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    return wb


LONG_ROWS = [
    ["Gemeente", "Werkvorm", "Jaar", "Aantal"],
    ["Brugge (stad)", "Lokale diensteneconomie", 2018, "1.204"],
    ["Nevele", "Lokale diensteneconomie", 2018, "87"],
    ["SINT NIKLAAS", "Lokale diensten-economie", 2018, "<5"],
    ["sint genésius-RODE", "lde", 2018, "2.001"],
    ["Deinze", "LDE", 2017, "15"],
]


def long_book(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    for r in rows:
        ws.append(r)
    return wb


def years_rows():
    return [
        ["Arbeidszorg in de welzijnssector"],
        [],
        ["Gemeente", 2016, 2017, 2018],
        ["31005", 12, 14, 15],
        ["34022", 8, "-", 9],
        [],
        ["(1) cijfers 2018 voorlopig"],
        ["Bron: arbeidszorgbevraging"],
    ]


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def good(d):
    p = lambda n: os.path.join(d, n)
    wide_book(wide_rows()).save(p("wide.xlsx"))
    write(p("wide.profile"), WIDE_PROFILE)
    wb = wide_book(wide_rows())
    notes = wb.create_sheet("Toelichting", 0)
    notes.append(["Toelichting bij de levering"])
    wb.create_sheet("Provincies", 1).sheet_state = "hidden"
    wb.save(p("wide-third.xlsx"))
    write(p("wide-third.profile"), WIDE_PROFILE.replace('sheet         = "Gemeenten"', "sheet         = #3"))
    long_book(LONG_ROWS).save(p("long.xlsx"))
    with open(p("long.csv"), "w", encoding="utf-8") as f:
        for r in LONG_ROWS:
            f.write(";".join(str(c) for c in r) + "\n")
    write(p("long.profile"), LONG_PROFILE)
    long_book(years_rows()).save(p("years.xlsx"))
    write(p("years.profile"), YEARS_PROFILE)
    expected = []
    forms = {1: "maatwerkbedrijf", 2: "maatwerkbedrijf", 3: "lde", 4: "lde"}
    years = {1: 2017, 2: 2018, 3: 2017, 4: 2018}
    nis = {"Brugge": "31005", "Oostende": "35013", "Kortrijk": "34022"}
    for r in wide_rows()[5:8]:
        for c in range(1, 5):
            expected.append(f"2019|{years[c]}|{nis[r[0]]}|{forms[c]}|{r[c]}|")
    expected += ["2020|2018|31005|lde|1204|", "2020|2018|44049|lde|87|", "2020|2018|46021|lde|NULL|confidential",
                 "2020|2018|23101|lde|2001|", "2020|2017|44011|lde|15|"]
    for r in years_rows()[3:5]:
        for i, y in enumerate((2016, 2017, 2018)):
            v = r[i + 1]
            expected.append(f"2019|{y}|{r[0]}|arbeidszorg_welzijn|" + ("NULL|missing" if v == "-" else f"{v}|"))
    write(p("expected.txt"), "\n".join(sorted(expected)) + "\n")


def bad(d):
    p = lambda n: os.path.join(d, n)
    # deliveries read through wide.profile
    rows = wide_rows()
    rows[6][2] = "veel"
    wide_book(rows).save(p("bad-text-in-number.xlsx"))
    rows = wide_rows()
    rows[5][1] = "=100+20"
    wide_book(rows).save(p("bad-formula.xlsx"))
    rows = wide_rows()
    rows[4][2] = 2017  # two columns Maatwerkbedrijf / 2017
    wide_book(rows).save(p("bad-duplicate-column.xlsx"))
    rows = wide_rows()
    rows[4][1] = None  # C5 merged over B5:C5: both read 2018
    wide_book(rows, merges=("B4:C4", "D4:E4", "A4:A5", "B5:C5")).save(p("bad-ambiguous-merge.xlsx"))
    rows = wide_rows()
    rows[7][0] = "Oostende"
    wide_book(rows).save(p("bad-duplicate-key.xlsx"))
    rows = wide_rows()
    rows[3][3] = "Wijkwerking"
    wide_book(rows).save(p("bad-unknown-form.xlsx"))
    rows = wide_rows()
    rows[6][0] = "Atlantis"
    wide_book(rows).save(p("bad-unknown-area.xlsx"))
    wide_book(wide_rows(), title="Blad1").save(p("bad-missing-sheet.xlsx"))
    rows = wide_rows()
    rows[3][0] = "Gemeentenaam"
    wide_book(rows).save(p("bad-missing-column.xlsx"))
    rows = wide_rows()
    rows[4][1] = None
    wide_book(rows).save(p("bad-empty-header.xlsx"))
    rows = wide_rows()
    rows[5][1] = -4
    wide_book(rows).save(p("bad-negative.xlsx"))
    rows = wide_rows()
    rows[5][1] = 12.5
    wide_book(rows).save(p("bad-fraction.xlsx"))
    rows = wide_rows()
    rows[4][3] = 1985
    wide_book(rows).save(p("bad-year.xlsx"))
    rows = wide_rows()
    rows[8][1] = 276  # the Totaal row differs from its parts: said, not refused
    wide_book(rows).save(p("total-mismatch.xlsx"))
    # long deliveries read through long.profile
    rows = [list(r) for r in LONG_ROWS]
    rows[2][0] = "Nevele"
    rows[2][2] = 2019  # merged into Deinze on 1 January 2019
    long_book(rows).save(p("bad-merged-area.xlsx"))
    rows = [list(r) for r in LONG_ROWS]
    rows[1][3] = "1,204.5"
    long_book(rows).save(p("bad-dutch-number.xlsx"))
    rows = [list(r) for r in LONG_ROWS]
    rows[5][0] = "Brugge"  # Brugge 2018 is also in row 2 (Brugge (stad))
    rows[5][2] = 2018
    long_book(rows).save(p("bad-long-duplicate.xlsx"))
    # profiles that do not fit the model or the delivery
    write(p("bad-months.profile"), LONG_PROFILE.replace("column persons", "column month = \"Maand\"\ncolumn persons"))
    write(p("bad-unit.profile"), YEARS_PROFILE.replace("arbeidszorg_welzijn", "doorstroom_arbeidszorg"))
    write(p("bad-map.profile"), WIDE_PROFILE.replace("= lde", "= lokale_de"))
    write(p("bad-syntax.profile"), WIDE_PROFILE.replace("layout        = wide", "layout        = diagonal"))
    # months: a monthly delivery with the December rule, one key without December
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Gemeente", "januari", "februari", "december"])
    ws.append(["31005", 10, 11, 12])
    ws.append(["34022", 5, 6, None])
    wb.save(p("months.xlsx"))
    write(p("months.profile"), """format = 1
name = maand
layout = wide
columns = month
column area = "Gemeente"
month = december
fixed year = 2018
fixed work_form = lde
fixed edition = 2019
""")


if __name__ == "__main__":
    {"good": good, "bad": bad}[sys.argv[1]](sys.argv[2])
