#!/usr/bin/env bash
# t8590-sheet-large-part: a sheet whose XML inflates to more than 1 MiB is
# inflated on a thread of its own and its rows parsed on another while the
# importer checks and stores them (src/base/sheet.c, "inflating the stream
# ahead"; src/base/sheet_rows.c). What that must not change: the figures
# are those of the same CSV, from an .xlsx and from an .ods (a repeated row
# met on the reader's thread is named as it is in line); an error in the last row, or in the third (the
# reader stops while the inflater waits on a full ring), names its cell and
# writes nothing; bytes broken in the middle of the compressed part make a
# damaged sheet or workbook, named, in Dutch and in English; nothing hangs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/sheets_lib.sh"
require_or_skip sqlite3

"$PY" - "$LADDER_REPO/data/ref/work_forms.csv" <<'PY'
import csv, sys, zipfile
import openpyxl
areas = ["11001", "11002", "11004", "11005", "11008", "11009", "11016", "11018", "11021", "11022"]
# the work forms valid through 2020-2022, from the catalogue
forms = [r["code"] for r in csv.DictReader(open(sys.argv[1]))
         if r["code"] and (not r["valid_from"] or r["valid_from"] <= "2020-01-01")
         and (not r["valid_to"] or r["valid_to"] >= "2022-12-31")][:8]
assert len(forms) == 8, forms
rows = []
for year in range(2020, 2023):
    for a in areas:
        for f in forms:
            for e in (2024, 2025):
                rows.append([year, int(a), f, (year * 7 + int(a) + len(f) * e) % 97 + 1, e])
rows.sort(key=lambda r: (r[4], r[0], r[1], r[2]))

# 480 figures; a long note column pads each row so the part passes 1 MiB
pad = "x" * 2500
with open("large.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["year", "area", "work_form", "persons", "edition", "note"])
    for r in rows:
        w.writerow(r + [pad])
padded = [r + [pad] for r in rows]

def write_padded(name, text_at=None):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Blad1")
    ws.append(["year", "area", "work_form", "persons", "edition", "note"])
    for i, r in enumerate(padded):
        r = list(r)
        if i == text_at:
            r[3] = "veel"
        ws.append(r)
    wb.save(name)

write_padded("large.xlsx")
write_padded("late-error.xlsx", text_at=len(padded) - 1)
write_padded("early-error.xlsx", text_at=1)
with zipfile.ZipFile("large.xlsx") as z:
    info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 1 << 20, info.file_size
    assert info.compress_type == zipfile.ZIP_DEFLATED
# the same as an .ods of our own writing (content.xml past 1 MiB): the
# table's rows as LibreOffice writes them, a run of empty rows repeated
# between them; in dup.ods one data row repeated twice (the second a
# duplicate key, met on the reader's thread)
def ods(name, dup_at=None, gap=False):
    def cell(v):
        if isinstance(v, int):
            return '<table:table-cell office:value-type="float" office:value="%d"><text:p>%d</text:p></table:table-cell>' % (v, v)
        return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % v
    body = ['<table:table-row>' + "".join(cell(h) for h in ["year", "area", "work_form", "persons", "edition", "note"]) + '</table:table-row>']
    for i, r in enumerate(padded):
        rep = ' table:number-rows-repeated="2"' if i == dup_at else ""
        body.append('<table:table-row%s>%s</table:table-row>' % (rep, "".join(cell(v) for v in r)))
        if gap and i == 100:
            body.append('<table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="6"/></table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Blad1">'
               + "".join(body) + '</table:table></office:spreadsheet></office:body></office:document-content>')
    assert len(content) > 1 << 20
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml", content)

ods("large.ods")
ods("dup.ods", dup_at=300, gap=True)
# a byte flipped in the middle of the sheet's compressed data
data = bytearray(open("large.xlsx", "rb").read())
with zipfile.ZipFile("large.xlsx") as z:
    info = z.getinfo("xl/worksheets/sheet1.xml")
name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
start = info.header_offset + 30 + name_len + extra_len
mid = start + info.compress_size // 2
for k in range(64):
    data[mid + k] ^= 0x5A
open("broken.xlsx", "wb").write(bytes(data))
# and near its end, where the rows' XML is whole and zlib or the CRC fails
for k in range(64):
    data[mid + k] ^= 0x5A
end = start + info.compress_size - 12
for k in range(8):
    data[end + k] ^= 0xFF
open("broken-end.xlsx", "wb").write(bytes(data))
PY

init_db csv.db
run import --db csv.db large.csv
expect_rc "large.csv" 0
want=$(figures_dump csv.db)
[[ $(printf '%s\n' "$want" | grep -c '') -eq 480 ]] || die "large.csv did not store 480 figures"
init_db x.db
run import --db x.db large.xlsx
expect_rc "large.xlsx" 0
got=$(figures_dump x.db)
if [[ $got == "$want" ]]; then t_ok; else t_fail "large.xlsx: figures differ from the CSV's" "$(diff <(echo "$want") <(echo "$got") | head)"; fi

init_db o.db
run import --db o.db large.ods
expect_rc "large.ods" 0
got=$(figures_dump o.db)
if [[ $got == "$want" ]]; then t_ok; else t_fail "large.ods: figures differ from the CSV's" "$(diff <(echo "$want") <(echo "$got") | head)"; fi

DB=e.db
init_db "$DB"
db_snapshot
# the repeated row: 300 data rows, the empty run of 5 after the 101st, the header
run import --db "$DB" dup.ods
expect_rc "dup.ods" nonzero
expect_in "dup.ods: the repeated row's cell" "$ERR" "dup.ods:Blad1!D308: "
expect_in "dup.ods: the row it repeats" "$ERR" "dup.ods:Blad1!D307"
expect_unchanged "dup.ods"
for f in late-error.xlsx early-error.xlsx; do
	run import --db "$DB" "$f"
	expect_rc "$f" nonzero
	expect_unchanged "$f"
done
run import --db "$DB" late-error.xlsx
expect_in "late-error.xlsx: the cell of the last row" "$ERR" "late-error.xlsx:Blad1!D481"
run import --db "$DB" early-error.xlsx
expect_in "early-error.xlsx: the cell of the third row" "$ERR" "early-error.xlsx:Blad1!D3"

# where the broken bytes show first (the XML they make, or zlib, or the
# CRC at the end) depends on the bytes: a damaged sheet or workbook, named
run import --db "$DB" broken.xlsx
expect_rc "broken.xlsx" nonzero
expect_error_line "broken.xlsx: damaged, in Dutch" "broken.xlsx"
expect_in "broken.xlsx: damaged, in Dutch" "$ERR" "beschadigd"
run --lang en import --db "$DB" broken.xlsx
expect_in "broken.xlsx: damaged, in English" "$ERR" "damaged"
expect_unchanged "broken.xlsx"
run import --db "$DB" broken-end.xlsx
expect_rc "broken-end.xlsx" nonzero
expect_error_line "broken-end.xlsx: the part, in Dutch" "broken-end.xlsx: beschadigde werkmap: onderdeel xl/worksheets/sheet1.xml"
expect_unchanged "broken-end.xlsx"

t_finish
