#!/usr/bin/env python3
"""deliveries.py DIR - deliveries in the suppliers' own layouts (issue 13),
written by openpyxl at test time, for t7550 (ladder profiles draft):

wide.xlsx      wide by municipality: title and note above, a header over two
               rows with merged cells (work forms over years), a Totaal
               column and a Totaal row, footnotes below; names with "(stad)"
               and without hyphens
long.xlsx      long, municipality names (an old one, Nevele, of before the
               2019 merger; upper case; no accents), supplier's work-form
               labels, Dutch numbers stored as text, "-" for missing
years.xlsx     one column per year, NIS codes beside the names, the work
               form named in the title only, footnotes right under the table
unclear.xlsx   what a draft cannot decide: no work form anywhere, an unknown
               area and work-form label, text in a figure cell

Each writes the figures it holds to NAME.want (year|area|work_form|persons,
with |flag after a missing one), what the import must store.
"""
import os
import sys

import openpyxl

WIDE = [("Brugge (stad)", "31005", 120, 130, 45, 50),
        ("Sint Niklaas", "46021", 80, 85, 30, 0),
        ("KORTRIJK", "34022", 60, 66, 12, 14),
        ("Ieper", "33011", 9, 11, 7, 8)]
LONG = [(2018, "Nevele", "44049", "LDE", "lde", "1.234"),
        (2018, "Deinze", "44011", "Maatwerkbedrijven", "maatwerkbedrijf", "56"),
        (2018, "BRUGGE", "31005", "Maatwerkbedrijven", "maatwerkbedrijf", "2.001"),
        (2018, "Kluisbergen", "45060", "Wijk-werken", "wijkwerken", "-"),
        (2018, "Ieper", "33011", "PWA", "pwa", "17")]
YEARS = [(31005, "Brugge", 10, 12, 14), (34022, "Kortrijk", 20, 22, 25), (35013, "Oostende", 5, 6, 7)]


def sheet(title, *rows):
    """A workbook whose one sheet has the rows on top."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    return wb, ws


def save(wb, d, name, want):
    wb.save(os.path.join(d, name + ".xlsx"))
    with open(os.path.join(d, name + ".want"), "w") as f:
        for row in sorted(want):
            f.write("|".join(str(x) for x in row) + "\n")


def wide(d):
    wb, ws = sheet("Gemeenten", ["VDAB - maatwerk en lokale diensteneconomie per gemeente"],
                   ["Aantal personen op 31 december"])
    ws.merge_cells("A1:F1")
    ws["A4"], ws["B4"], ws["D4"], ws["F4"] = "Gemeente", "Maatwerkbedrijf", "Lokale diensteneconomie", "Totaal"
    for r in ("A4:A5", "B4:C4", "D4:E4", "F4:F5"):
        ws.merge_cells(r)
    for col, year in zip("BCDE", (2023, 2024, 2023, 2024)):
        ws[col + "5"] = year
    want = []
    for name, code, *v in WIDE:
        ws.append([name, *v, sum(v)])
        for (form, year), x in zip((("maatwerkbedrijf", 2023), ("maatwerkbedrijf", 2024), ("lde", 2023), ("lde", 2024)), v):
            want.append((year, code, form, x))
    ws.append(["Totaal"] + [sum(r[k] for r in WIDE) for k in range(2, 6)] + [sum(sum(r[2:]) for r in WIDE)])
    ws.append([])
    ws.append(["Bron: VDAB, Departement WSE"])
    ws.append(["* cijfers van 2024 zijn voorlopig"])
    save(wb, d, "wide", want)


def long(d):
    wb, ws = sheet("Blad1", ["Werkvormen per gemeente"], ["Gegevens: Steunpunt Werk"], [],
                   ["Jaar", "Gemeente", "Werkvorm", "Aantal personen"])
    want = []
    for year, name, code, label, form, persons in LONG:
        ws.append([year, name, label, persons])  # persons as text: "1.234"
        want.append((year, code, form, "NULL|missing" if persons == "-" else int(persons.replace(".", ""))))
    save(wb, d, "long", want)


def years(d):
    wb, ws = sheet("LDE", ["Lokale diensteneconomie: werknemers per gemeente"], [],
                   ["NIS-code", "Gemeente", 2021, 2022, 2023])
    want = []
    for code, name, *v in YEARS:
        ws.append([code, name, *v])
        want += [(y, code, "lde", x) for y, x in zip((2021, 2022, 2023), v)]
    ws.append(["Bron: Departement WSE"])
    ws.append(["(1) 2023: voorlopige cijfers"])
    save(wb, d, "years", want)


def unclear(d):
    wb, _ = sheet("Data", ["Cijfers per gemeente"], [], ["Gemeente", "Jobcoaching", "Maatwerkbedrijf"],
                  ["Brugge", 12, 40], ["Atlantis", 3, 9], ["Ieper", "zie noot", 5])
    save(wb, d, "unclear", [])


if __name__ == "__main__":
    out = sys.argv[1]
    for make in (wide, long, years, unclear):
        make(out)
