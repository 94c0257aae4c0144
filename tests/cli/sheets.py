#!/usr/bin/env python3
"""sheets.py good|bad DIR - spreadsheets for t1500/t1510, made at test time.

good: long.csv and the same table written by openpyxl (long.xlsx, and
long1904.xlsx in the 1904 date system), with number, text ("Dutch numbers
stored as text"), date and empty cells, a hidden row and a hidden column;
types.xlsx (booleans, a formula whose cached value LibreOffice will store).
LibreOffice then converts them (the test calls soffice: .ods, .xls, .xlsx).

bad: malformed spreadsheets, one per case, named after what is wrong. Most
come from openpyxl; what no writer makes on purpose (a formula without a
cached value but from raw XML, a zip bomb, a truncated or encrypted file, a
DOCTYPE, a broken shared-string index) is put together here with zipfile,
as a damaged or hostile file would arrive.
"""
import datetime
import io
import os
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HEADER = ["year", "area", "work_form", "persons", "edition", "flag", "note"]


def good(d):
    # (year, area, work_form, persons, edition, flag, note) as cells; the
    # CSV column is what the cell must read as
    rows = [
        (2017, 30000, "totaal", 56721, 2018, None, None),
        (2017, 30000, "trede3", "1.309", 2018, None, datetime.date(2024, 1, 31)),
        (2017, 30000, "tat", 12, 2018, None, "hidden row"),
        (2017, 31000, "tat", None, 2018, "x", None),
        (2017, 31003, "pwa", 0, 2018, None, datetime.datetime(2019, 7, 1, 12, 30)),
        (2016, 31004, "tat", 1234, "2018", None, "tekst; met \"quotes\", é"),
    ]
    csv_cell = {datetime.date(2024, 1, 31): "2024-01-31",
                datetime.datetime(2019, 7, 1, 12, 30): "2019-07-01T12:30:00"}
    with open(os.path.join(d, "long.csv"), "w", encoding="utf-8") as f:
        f.write(",".join(HEADER) + "\n")
        for r in rows:
            cells = []
            for v in r:
                s = "" if v is None else csv_cell.get(v, str(v))
                if any(c in s for c in ',"'):
                    s = '"' + s.replace('"', '""') + '"'
                cells.append(s)
            f.write(",".join(cells) + "\n")
    for name, epoch in (("long.xlsx", None), ("long1904.xlsx", CALENDAR_MAC_1904)):
        wb = openpyxl.Workbook()
        if epoch:
            wb.epoch = epoch
        ws = wb.active
        ws.title = "Blad1"
        ws.append(HEADER)
        for r in rows:
            ws.append(list(r))
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, datetime.datetime):
                    c.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(c.value, datetime.date):
                    c.number_format = "dd/mm/yyyy"
        ws.row_dimensions[4].hidden = True
        ws.column_dimensions["G"].hidden = True
        hidden = wb.create_sheet("Notities")
        hidden.sheet_state = "hidden"
        hidden["A1"] = "not read"
        wb.save(os.path.join(d, name))
    # a formula: openpyxl stores no cached value (LibreOffice computes and
    # stores it when converting); booleans
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Figures"
    ws.append(HEADER)
    ws.append([2017, 30000, "totaal", "=56000+721", 2018, None, "som"])
    ws.append([2017, 30000, "tat", 12, 2018, None, None])
    wb.save(os.path.join(d, "types-formula.xlsx"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append([2017, 30000, "totaal", 5, 2018, None, True])
    ws.append([2017, 30000, "tat", 12, 2018, None, False])
    wb.save(os.path.join(d, "booleans.xlsx"))


def workbook(rows, title="Blad1", **kw):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for k, v in kw.items():
        if k == "merge":
            ws.merge_cells(v)
    return wb


def raw_xlsx(path, sheet_xml, shared=None, workbook_extra=""):
    """A minimal .xlsx around a sheet's XML (what a damaged file holds)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rns}>{workbook_extra}<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            rels += '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            sis = "".join(f"<si><t>{s}</t></si>" for s in shared)
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {ns}>{sis}</sst>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet {ns}>{sheet_xml}</worksheet>' if not sheet_xml.startswith("<?xml") else sheet_xml)


def header_row():
    return '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER[:4])) + "</row>"


def bad(d):
    H = HEADER[:5]
    p = lambda n: os.path.join(d, n)
    workbook([H, [2017, 30000, "tat", "abc", 2018]]).save(p("text-in-number.xlsx"))
    workbook([H, [2017, 30000, "tat", "=10+2", 2018]]).save(p("formula-no-value.xlsx"))
    workbook([H, [2017, 30000, "tat", 5, 2018], [2017, 30000, "tat", 6, 2018]]).save(p("duplicate-key.xlsx"))
    workbook([H, [2017, 30000, "foo", 5, 2018]]).save(p("unknown-label.xlsx"))
    workbook([H, [2017, 99999, "tat", 5, 2018]]).save(p("unknown-area.xlsx"))
    workbook([H, [2017, 30000, "tat", 1.309, 2018]]).save(p("decimal-persons.xlsx"))
    workbook([H, [2017, 30000, "tat", -3, 2018]]).save(p("negative-persons.xlsx"))
    workbook([H, [1989, 30000, "tat", 5, 2018]]).save(p("year-out-of-range.xlsx"))
    workbook([["jaar", "gemeente", "vorm", "aantal"], [2017, 30000, "tat", 5]]).save(p("unknown-header.xlsx"))
    workbook([H + ["extra"], [2017, 30000, "tat", 5, 2018, "x"]]).save(p("unknown-column.xlsx"))
    workbook([H, [2017, 30000, "tat", 5, 2018], [2017, 30000, "pwa", 7, 2018]], merge="C2:C3").save(p("merged-cells.xlsx"))
    workbook([]).save(p("empty-sheet.xlsx"))
    wb = workbook([H, [2017, 30000, "tat", 5, 2018]])
    wb.save(p("good.xlsx"))
    with open(p("good.xlsx"), "rb") as f:
        data = f.read()
    with open(p("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(p("not-a-zip.xlsx"), "w") as f:
        f.write("year,area,work_form,persons\n2017,30000,tat,5\n")
    with open(p("zip-named-xls.xls"), "wb") as f:
        f.write(data)
    with open(p("xlsx-named-ods.ods"), "wb") as f:
        f.write(data)
    # error value, formula without <v>, shared string out of range, DOCTYPE
    row2 = '<row r="2"><c r="A2"><v>2017</v></c><c r="B2"><v>30000</v></c><c r="C2" t="inlineStr"><is><t>tat</t></is></c>{}</row>'
    raw_xlsx(p("error-value.xlsx"), "<sheetData>" + header_row() + row2.format('<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>') + "</sheetData>")
    raw_xlsx(p("formula-raw.xlsx"), "<sheetData>" + header_row() + row2.format('<c r="D2"><f>SUM(X1:X9)</f></c>') + "</sheetData>")
    raw_xlsx(p("control-character.xlsx"), "<sheetData>" + header_row() + row2.format('<c r="D2" t="inlineStr"><is><t>5_x0007_</t></is></c>') + "</sheetData>")
    raw_xlsx(p("shared-string-index.xlsx"), "<sheetData>" + header_row() + row2.format('<c r="D2" t="s"><v>7</v></c>') + "</sheetData>", shared=["a"])
    raw_xlsx(p("doctype.xlsx"), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>')
    raw_xlsx(p("huge-cell.xlsx"), "<sheetData>" + header_row() + row2.format('<c r="D2" t="inlineStr"><is><t>' + "9" * 200000 + "</t></is></c>") + "</sheetData>")
    raw_xlsx(p("column-beyond-limit.xlsx"), "<sheetData>" + header_row() + row2.format('<c r="D2"><v>5</v></c><c r="BZZ2"><v>1</v></c>') + "</sheetData>")
    raw_xlsx(p("not-xml.xlsx"), "<sheetData>" + header_row() + "<row r=\"2\"><c r=\"A2\"><v>2017</v></sheetData>")
    # a zip bomb: 64 MiB of blanks inside one cell deflate to ~64 KiB
    with zipfile.ZipFile(p("zip-bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(p("good.xlsx")) as g:
            for n in g.namelist():
                if n != "xl/worksheets/sheet1.xml":
                    z.writestr(n, g.read(n))
        with z.open("xl/worksheets/sheet1.xml", "w") as w:
            w.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            block = b" " * (1 << 20)
            for _ in range(64):
                w.write(block)
            w.write(b"</sheetData></worksheet>")
    # an encrypted .xlsx as Office saves one: an OLE compound file with the
    # streams EncryptionInfo and EncryptedPackage (no Debian package writes
    # one: msoffcrypto-tool 5.0 only decrypts); header and directory only
    cfb = bytearray(1024)
    cfb[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    for i, n in enumerate(["Root Entry", "EncryptionInfo", "EncryptedPackage"]):
        u = n.encode("utf-16-le")
        cfb[512 + i * 128:512 + i * 128 + len(u)] = u
    with open(p("encrypted.xlsx"), "wb") as f:
        f.write(bytes(cfb))
    # an encrypted .ods: its manifest says so (content.xml is ciphertext)
    with zipfile.ZipFile(p("encrypted.ods"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>')
        z.writestr("content.xml", os.urandom(512))


if __name__ == "__main__":
    {"good": good, "bad": bad}[sys.argv[1]](sys.argv[2])
