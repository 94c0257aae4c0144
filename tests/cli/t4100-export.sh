#!/usr/bin/env bash
# t4100-export: open data and the Excel annex on the demo. The CSV export
# re-imports to the same figures (stored rows exactly; resolved cells to the
# same export); JSON parses with its metadata; JSON-stat 2.0 passes a check
# written from the specification; the xlsx annex, read back with xlsx2csv,
# equals the database.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db
REGIONS=$LADDER_REPO/data/demo/regions-wvl.csv
# Exports are protected like every output (docs/disclosure.md): small counts
# leave as "confidential" without a value. The round trips below compare the
# formats with the database, so this copy switches the rules off through its
# settings (threshold 0 at every level); the end of the script checks the
# protected export of the demo as published.
cp "$DB" published.db
rules_off() {
	local lv
	for lv in region province arrondissement municipality grouping; do
		"$LADDER" --db "$1" settings set disclosure.threshold.$lv 0 || die "settings set failed"
	done
}
rules_off "$DB"

# ---- CSV of the stored figures: a fresh database reads back the same rows
run --db "$DB" export csv --reported --edition all --out stored.csv
expect_rc "export csv --reported" 0
t_check "CSVW metadata beside the CSV" test -s stored.csv-metadata.json
head1=$(head -1 stored.csv)
expect_in "figures header" "$head1" "year,area,work_form,persons,edition,flag,note"
init_db fresh.db
run --db fresh.db import stored.csv
expect_rc "import the export" 0
want=$(figures_canon "$DB")
got=$(figures_canon fresh.db)
if [[ $want == "$got" ]]; then t_ok; else t_fail "re-imported figures differ" "$(diff <(echo "$want") <(echo "$got") | head -20)"; fi
# the same file into the database it came from changes nothing
run --db "$DB" import stored.csv
expect_rc "re-import into the source" 0
expect_in "nothing changed" "$OUT" "niets gewijzigd"

# ---- CSV of the resolved cells (default): re-import, export again, equal
run --db "$DB" export csv --out all.csv
expect_rc "export csv" 0
init_db resolved.db
rules_off resolved.db
"$LADDER" --db resolved.db areas import "$REGIONS" >/dev/null || die "regions import failed"
run --db resolved.db import all.csv
expect_rc "import resolved export" 0
"$LADDER" --db resolved.db export csv --out all-again.csv
if cmp -s all.csv all-again.csv; then t_ok; else t_fail "resolved export does not round-trip" "$(diff all.csv all-again.csv | head -20)"; fi
# the seed's figures are in it
for row in "2017,30000,totaal,56721,2018,," "2017,30000,trede5,44672,2018,," "2017,30000,trede4,10740,2018,," \
	"2017,30000,trede3,1309,2018,," "2016,30000,totaal,55411,2018,," "2017,02000,totaal,282194,2018,estimated,"; do
	expect_in "csv row" "$(cat all.csv)" "$row"
done
# an arrondissement that only its municipalities report is there, summed
expect_in "rolled-up arrondissement" "$(cat all.csv)" "2017,31000,totaal,11206,2018,synthetic,som van deelgebieden of onderdelen"

# ---- slices
run --db "$DB" export csv --area 31000,West-Vlaanderen --year 2017 --rung 5
expect_rc "slice" 0
n=$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)
t_check "slice rows (2 areas x 3 nodes, got $n)" test "$n" -eq 6
t_check "slice only rung 5" test -z "$(printf '%s\n' "$OUT" | tail -n +2 | grep -v ',trede5')"
run --db "$DB" export csv --within 31000 --work-form tat --year 2017
expect_rc "within" 0
n=$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)
t_check "within Brugge: the arrondissement, its 10 municipalities and Regio Brugge (got $n)" test "$n" -eq 12
expect_in "grouping inside" "$OUT" "2017,wvl-brugge,tat,"
run --db "$DB" export csv --edition 2017
expect_rc "edition 2017" 0
expect_in "edition 2017's 2016" "$OUT" "2016,30000,totaal,55328,2017,,"
run --db "$DB" export csv --edition all --area 30000 --work-form totaal
expect_in "all editions" "$OUT" "2016,30000,totaal,55328,2017"
expect_in "all editions" "$OUT" "2016,30000,totaal,55411,2018"
run --db "$DB" export csv --edition 1999
expect_rc "unknown edition" 2
run --db "$DB" export csv --rung 9
expect_rc "bad rung (a usage error)" 64

# ---- JSON with metadata
run --db "$DB" export json --year 2017 --out all.json
expect_rc "export json" 0
json_check "json" all.json '
m = j["meta"]
for k in ("title", "updated", "editions", "years", "flags", "notes", "unit"):
    expect(k in m, "meta lacks " + k)
expect(m["rows"] == len(j["data"]), "rows count")
row = [r for r in j["data"] if r["area"] == "30000" and r["work_form"] == "totaal"][0]
expect(row["persons"] == 56721 and row["edition"] == "2018" and row["reported"] is True, "headline row: %r" % row)
fl = [r for r in j["data"] if r["area"] == "02000" and r["work_form"] == "totaal"][0]
expect(fl["flag"] == "estimated" and fl["symbol"] == "e", "Flanders estimated: %r" % fl)
'

# ---- JSON-stat 2.0, checked against the specification
run --db "$DB" export jsonstat --out cube.json
expect_rc "export jsonstat" 0
json_check "jsonstat" cube.json '
import functools, operator
expect(j.get("version") == "2.0", "version must be \"2.0\"")
expect(j.get("class") == "dataset", "class must be dataset")
ids, size = j.get("id"), j.get("size")
expect(isinstance(ids, list) and isinstance(size, list) and len(ids) == len(size), "id and size: lists of one length")
expect(all(isinstance(s, int) and s > 0 for s in size), "sizes are positive integers")
dims = j.get("dimension", {})
for d, s in zip(ids, size):
    expect(d in dims, "dimension " + d + " missing")
    cat = dims.get(d, {}).get("category", {})
    idx = cat.get("index")
    expect(isinstance(idx, (dict, list)), d + ": category.index")
    if isinstance(idx, dict):
        expect(sorted(idx.values()) == list(range(s)), d + ": index positions 0..size-1")
        expect(set(cat.get("label", {})) <= set(idx), d + ": labels for known categories")
        for parent, kids in cat.get("child", {}).items():
            expect(parent in idx and all(k in idx for k in kids), d + ": child ids are categories")
    expect(isinstance(dims.get(d, {}).get("label"), str), d + ": label")
role = j.get("role", {})
for r, ds in role.items():
    expect(r in ("time", "geo", "metric") and all(x in ids for x in ds), "role " + r)
n = functools.reduce(operator.mul, size, 1)
vals = j.get("value")
expect(isinstance(vals, list) and len(vals) == n, "value length %s != product of sizes %d" % (len(vals) if isinstance(vals, list) else "?", n))
expect(all(v is None or isinstance(v, (int, float)) for v in vals), "values are numbers or null")
st = j.get("status", {})
expect(all(0 <= int(k) < n and v in ("e", "s", "x", ".") for k, v in st.items()), "status keys and symbols")
def at(**kw):
    pos = 0
    for d, s in zip(ids, size):
        pos = pos * s + dims[d]["category"]["index"][kw[d]]
    return pos
k = at(edition="2018", year="2017", area="30000", work_form="totaal")
expect(vals[k] == 56721 and str(k) not in st, "West-Vlaanderen 2017: %r" % vals[k])
k = at(edition="2018", year="2017", area="02000", work_form="totaal")
expect(vals[k] == 282194 and st.get(str(k)) == "e", "Flanders estimated")
k = at(edition="2018", year="2017", area="31000", work_form="trede3")
expect(vals[k] == 259 and st.get(str(k)) == "s", "Brugge synthetic")
'

# ---- the Excel annex, read back
run --db "$DB" export xlsx --year 2017 --from 2016 --out annex.xlsx
expect_rc "export xlsx" 0
t_check "xlsx written" test -s annex.xlsx
"$LADDER" --db "$DB" export csv --from 2016 --to 2017 --out slice.csv
sheets=$(python3 - annex.xlsx <<'EOF'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
print("\n".join(re.findall(r'<sheet name="([^"]+)"', wb)))
EOF
)
for s in "Overzicht" "Trede 3" "Trede 4" "Trede 5" "Trede 6" "Context" "Bronnen en noten"; do
	expect_in "sheet" "$sheets" "$s"
done
checked=0
for s in "Overzicht" "Trede 3" "Trede 4" "Trede 5"; do
	xlsx2csv -n "$s" annex.xlsx >"sheet.csv" || die "xlsx2csv -n $s failed"
	res=$(python3 - sheet.csv slice.csv <<'EOF'
import csv, sys
sym = {"estimated": "e", "synthetic": "s", "confidential": "x", "missing": ".", "": ""}
want = {}
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    want[(r["year"], r["area"], r["work_form"])] = (r["persons"], sym[r["flag"]])
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head = next(i for i, r in enumerate(rows) if r and r[0] == "Code")
years = [c for c in rows[head][5:] if c.isdigit()]
bad, n = [], 0
for r in rows[head + 1:]:
    if not r or not r[0]:
        continue
    area, node = r[0], r[3]
    if node == "trede6":  # the ladder's rung 6, no figure of the CSV: t4410
        continue
    for i, y in enumerate(years):
        v, f = r[5 + 2 * i], r[6 + 2 * i]
        w = want.get((y, area, node))
        if w is None:
            ok = v == "" and f == "."
        else:
            ok = (v == "" if w[0] == "" else v != "" and float(v) == float(w[0])) and f == w[1]
        n += 1
        if not ok:
            bad.append("%s %s %s: sheet %r %r, database %r" % (y, area, node, v, f, w))
print("CELLS %d" % n)
for b in bad[:10]:
    print("BAD " + b)
EOF
)
	while IFS= read -r line; do
		case $line in
		"CELLS "*) checked=$((checked + ${line#CELLS })) ;;
		"BAD "*) t_fail "xlsx sheet $s" "${line#BAD }" ;;
		esac
	done <<<"$res"
done
t_check "xlsx cells compared ($checked)" test "$checked" -ge 1000
# frozen headers, filters, number formats, column widths
layout=$(python3 - annex.xlsx <<'EOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/worksheets/sheet2.xml").decode()
st = z.read("xl/styles.xml").decode()
print("frozen" if 'state="frozen"' in s else "", "filter" if "<autoFilter" in s else "", "widths" if "<cols>" in s else "",
      "count-format" if 'formatCode="#,##0"' in st else "")
EOF
)
for k in frozen filter widths count-format; do expect_in "xlsx layout" "$layout" "$k"; done
# same data, same bytes
"$LADDER" --db "$DB" export xlsx --year 2017 --from 2016 --out again.xlsx
t_check "xlsx deterministic" cmp -s annex.xlsx again.xlsx

# ---- everything in one command
run --db "$DB" publish --area 30000 --year 2017 --from 2016 --out pub
expect_rc "publish" 0
for f in 30000.html 30000.pdf annex.xlsx data.csv data.csv-metadata.json data.json data.jsonstat.json; do
	t_check "publish wrote $f" test -s "pub/$f"
done
# what it wrote is what the single commands write from the database
"$LADDER" --db "$DB" export csv --from 2016 --to 2017 --out one.csv
"$LADDER" --db "$DB" export json --from 2016 --to 2017 --out one.json
"$LADDER" --db "$DB" report --area 30000 --year 2017 --out one.html
t_check "publish: data.csv is the export of 2016-2017" cmp -s pub/data.csv one.csv
t_check "publish: data.json is the export of 2016-2017" cmp -s pub/data.json one.json
t_check "publish: annex.xlsx is the annex of 2016-2017" cmp -s pub/annex.xlsx annex.xlsx
t_check "publish: 30000.html is the report" cmp -s pub/30000.html one.html
expect_in "publish: the PDF report holds the total" "$(pdftotext pub/30000.pdf - | tr '\n' ' ')" "$(db_count "$DB" 30000 2017 totaal)"

# ---- the export as published: small counts hidden, never their values
run --db published.db export csv --area 31003 --year 2017
expect_rc "protected export" 0
expect_in "starterslabo 1 leaves as confidential" "$OUT" "2017,31003,starterslabo,,2018,confidential"
if awk -F, 'NR > 1 && $4 != "" && $4 >= 1 && $4 <= 4' <<<"$OUT" | grep -c . >/dev/null; then
	t_fail "protected export holds counts of 1 to 4" "$(awk -F, 'NR > 1 && $4 != "" && $4 >= 1 && $4 <= 4' <<<"$OUT")"
else t_ok; fi
run --db published.db disclosure audit --year 2017
expect_rc "the published pattern audits clean" 0

t_finish
