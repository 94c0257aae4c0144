#!/usr/bin/env bash
# t7600-persons-flows-published: `persons import --flows D1` stores the flows
# of an edition (area, rung on D1, rung on D2, persons) with their
# provenance and persons beside places per rung; published, they are
# protected as a table with its own sums: /api/v1/flows, the report and the
# dashboard page ("Personen tegenover plaatsen", the flow chart and its
# table) show no small count, and `disclosure audit` proves over the flow
# margins that no hidden cell can be worked out (while the naive pattern of
# small cells only is caught). Generated episodes, made deterministic.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run init --db l.db
expect_rc "init" 0
python3 - <<'PY'
import random
random.seed(16)
forms = ['wep_plus', 'arbeidszorg_se', 'maatwerkbedrijf']
areas = ['31005', '31003', '31006', '31022', '34022', '34027']
with open('ep.csv', 'w') as f:
    f.write('person,work_form,area,start,end\n')
    for p in range(500):
        a = random.choice(areas)
        for k in range(random.randint(1, 3)):
            y, m = random.randint(2017, 2020), random.randint(1, 12)
            s = '%d-%02d-01' % (y, m)
            e = '' if random.random() < 0.3 else '%d-%02d-28' % (y + random.randint(0, 2), random.randint(1, 12))
            f.write('SECRET%d,%s,%s,%s,%s\n' % (p, random.choice(forms), a, s, e if e >= s else ''))
PY
sha=$(sha256sum ep.csv | cut -c1-64)

run persons import --date 2020-01-01 --flows 2019-01-01 --edition 2021 ep.csv --db l.db --dry-run
expect_rc "dry run" 0
expect_in "dry run stores no flows" "$(count_rows l.db person_flow)" "0"
run persons import --date 2020-01-01 --flows 2020-06-01 --edition 2021 ep.csv --db l.db
expect_rc "--flows after --date refused" 64
run persons import --date 2020-01-01 --flows 2019-01-01 --edition 2021 ep.csv --db l.db
expect_rc "import with flows" 0
expect_not_in "the import stores for protected publication: no analysts-only warning" "$ERR" "nooit publiceren"
expect_in "provenance stored" "$(sqlite3 l.db "SELECT date_from, date, file, sha256, precedence, batch IS NOT NULL FROM person_import")" \
	"2019-01-01|2020-01-01|ep.csv|$sha|highest|1"
run persons flows --from 2019-01-01 --to 2020-01-01 ep.csv --format csv --db l.db
raw=$OUT
expect_in "flows stored as the analyst output counts them" \
	"$(sqlite3 -csv l.db "SELECT a.code, rung_from, rung_to, persons FROM person_flow f JOIN area a ON a.id = f.area ORDER BY 1, 2, 3" | sort | sha256sum)" \
	"$(tail -n +2 <<<"$raw" | sort | sha256sum)"
expect_in "places beside persons per rung" "$(sqlite3 l.db "SELECT count(*) > 0, sum(places > persons) > 0 FROM person_rung")" "1|1"
if grep -qa SECRET l.db; then t_fail "a person id reached the database"; else t_ok; fi

# the audit covers the flow tables: clean as published, the naive pattern caught
run disclosure audit --edition 2021 --db l.db
expect_rc "audit clean" 0
expect_in "audits the flow table" "$OUT" "stromen 2019-01-01 tot 2020-01-01"
expect_line "flow table: nothing exposed" "$OUT" "editie 2021, stromen" "0 blootgesteld"
run disclosure audit --edition 2021 --db l.db --primary-only --format csv
expect_rc "naive pattern exposed" 1
expect_in "a hidden flow cell recomputed from the margins" "$OUT" "flow_cell"

# the API: protected; every small count of the analyst output is hidden
serve_start l.db
curl -fsS "$BASE/api/v1/flows?area=31005" >api.json
curl -fsS "$BASE/api/v1/flows?area=31005&format=csv" >api.csv
code=$(curl -s -o nf.json -w '%{http_code}' "$BASE/api/v1/flows?area=31005&to=2018-01-01")
expect_in "absent: 404" "$code" "404"
expect_in "absent: geen cijfers, with the nearest" "$(cat nf.json)" '"error": "geen cijfers over stromen tussen treden voor … – 2018-01-01", "flows": [{"edition": "2021", "from": "2019-01-01", "to": "2020-01-01"}]'
python3 - "$raw" >check.out <<'PY' || true
import json, sys
raw = {}
for line in sys.argv[1].splitlines()[1:]:
    a, r1, r2, n = line.split(',')
    if a == '31005':
        raw[(int(r1), int(r2))] = int(n)
d = json.load(open('api.json'))
assert d['protected'] is True and d['from'] == '2019-01-01', d
hidden = shown = 0
for c in d['cells']:
    if c['rung_from'] == 'total' or c['rung_to'] == 'total':
        continue
    v = raw.get((c['rung_from'], c['rung_to']), 0)
    if 1 <= v <= 4:
        assert c['persons'] is None and c['flag'] == 'confidential', c
    if c['persons'] is None:
        hidden += 1
    else:
        assert c['persons'] == v, (c, v)
        shown += 1
assert hidden and shown
rows = {}
for line in open('api.csv').read().splitlines()[1:]:
    r1, r2, n, flag = line.split(',')
    rows[(r1, r2)] = (n, flag)
for c in d['cells']:
    n, flag = rows[(str(c['rung_from']), str(c['rung_to']))]
    assert (n == '' if c['persons'] is None else float(n) == c['persons']), (c, n)
print('ok')
PY
expect_in "API: small counts hidden, the rest as counted, csv alike" "$(cat check.out)" "ok"
page=$(curl -fsS "$BASE/area/31005?year=2020")
page_en=$(curl -fsS "$BASE/area/31005?year=2020&lang=en")
serve_stop
expect_in "page: persons vs places" "$page" "Personen tegenover plaatsen"
expect_in "page: the flow chart" "$page" "Personen van trede naar trede, Brugge, 2019-01-01 tot 2020-01-01"
expect_in "page in English" "$page_en" "Flows between rungs, 2019-01-01 to 2020-01-01"

# the report: the same blocks; hidden cells as x, never their value
run report --area 31005 --year 2020 --out r.html --db l.db
expect_rc "report" 0
html=$(cat r.html)
expect_in "report: persons vs places" "$html" "Plaatsen per persoon"
expect_in "report: chart with its description" "$html" "Een rooster van personen"
hidden=$(grep -o '<title>Trede op 2019-01-01 [^<]*: x</title>' r.html | wc -l)
if ((hidden > 0)); then t_ok; else t_fail "report: no hidden flow cell drawn as x in the chart"; fi
expect_not_in "report: no person id" "$html" "SECRET"

# an edition with persons but no flows: the ratio, no flow chart
run persons import --date 2020-01-01 --edition 2022 ep.csv --db l.db
expect_rc "import without flows" 0
run report --area 31005 --year 2020 --edition 2022 --out r2.html --db l.db
expect_in "no flows: ratio section" "$(cat r2.html)" "Personen tegenover plaatsen"
expect_not_in "no flows: no flow chart" "$(cat r2.html)" "Stromen tussen treden"
run report --area 31005 --year 2019 --out r3.html --db l.db
expect_not_in "no persons in the year: no section" "$(cat r3.html 2>/dev/null || true)" "Personen tegenover plaatsen"

t_finish
