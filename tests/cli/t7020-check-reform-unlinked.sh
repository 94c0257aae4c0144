#!/usr/bin/env bash
# t7020-check-reform-unlinked: `ladder check` reports a jump in a series at
# a reform without a lineage link (rule reform_unlinked): under one total of
# an area a work form stops and another starts the next year. A lineage link
# between them (or one through their chains: wep_plus -> twe -> tat)
# explains it; small forms (under --jump-min on both sides) and synthetic
# figures are no evidence.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=x.db
init_db "$DB"
cat >f.csv <<'CSV'
year,area,work_form,persons,edition,flag
2015,30000,starterslabo,300,2016,
2016,30000,duaal_leren,320,2016,
2015,30000,gesco_opleiding,200,2016,
2016,30000,tat,210,2016,
2015,31000,starterslabo,20,2016,
2016,31000,duaal_leren,30,2016,
2015,32000,starterslabo,300,2016,synthetic
2016,32000,duaal_leren,320,2016,synthetic
CSV
run import --db "$DB" f.csv
expect_rc "import" 0

run check --db "$DB" --format json --lang en
expect_rc "a warning" 1
python3 - "$OUT" <<'PY' && t_ok || t_fail "reform_unlinked fires once, for starterslabo -> duaal_leren in 30000" "$OUT"
import json, sys
f = [x for x in json.loads(sys.argv[1])["findings"] if x["rule"] == "reform_unlinked"]
assert len(f) == 1, f
x = f[0]
assert (x["area"], x["year"], x["severity"]) == ("30000", 2016, "warning"), x
assert x["figures"] == {"starterslabo": 300, "duaal_leren": 320}, x
assert "stops after 2015 (300)" in x["message"] and "starts in 2016 (320)" in x["message"], x
assert "add starterslabo -> duaal_leren to the lineage" in x["message"], x
PY
run check --db "$DB"
expect_in "Dutch" "$OUT" "Activiteitencoöperatie Starterslabo stopt na 2015 (300) en Leren en werken (duaal leren) begint in 2016 (320) onder hetzelfde totaal, maar geen afstammingslink verbindt ze"
# a lower --jump-min makes the small one count too
run check --db "$DB" --jump-min 10 --format csv
n=$(printf '%s\n' "$OUT" | grep -c '^reform_unlinked' || true)
if [[ $n -eq 2 ]]; then t_ok; else t_fail "--jump-min 10: two findings expected, got $n" "$OUT"; fi

# the link explains the break: the finding goes
printf 'from,to,kind,date,note_nl,note_en\nstarterslabo,duaal_leren,replaced_by,2016-01-01,Test,Test\n' >lin.csv
run catalog import --db "$DB" lin.csv
expect_rc "link imported" 0
run check --db "$DB" --format csv
expect_not_in "linked: no finding" "$OUT" "reform_unlinked"
t_finish
