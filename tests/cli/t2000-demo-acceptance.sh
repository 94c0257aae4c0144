#!/usr/bin/env bash
# t2000-demo-acceptance: `ladder demo` builds ladder-demo.db, and the
# West-Vlaanderen 2017 ladder shows the published seed figures, each on its
# labelled line (table) and unrounded in JSON; the JSON contract's keys all
# exist; area by name, editions, and unknown context figures (null, never 0).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=ladder-demo.db

# ------------------------------------------------------------------ demo
run demo
expect_rc "ladder demo" 0
[[ -f $DB ]] || die "ladder demo did not write $DB in $(pwd)"
t_ok
# the demo prints the same ladder as show (stdout)
expect_line "demo output" "$OUT" "Totaal tewerkstelling en participatie (treden 3-5)" "56.721"

# ------------------------------------------------------- table (Dutch)
run show --db "$DB" --area 30000 --year 2017
expect_rc "show 30000 2017" 0
T=$OUT
expect_line "title" "$T" "Participatieladder West-Vlaanderen (provincie 30000), 2017, editie 2018"
expect_line "total" "$T" "Totaal tewerkstelling en participatie (treden 3-5)" "56.721" "100,0 %"
expect_line "rung 5" "$T" "Trede 5: Betaald werk met ondersteuning" "44.672" "78,8 %"
expect_line "rung 4" "$T" "Trede 4: Tijdelijke activerende trajecten" "10.740" "18,9 %"
expect_line "rung 3" "$T" "Trede 3: Arbeidsmatige activiteiten onder begeleiding" "1.309" "2,3 %"
expect_line "collective" "$T" "waarvan collectief" "6.095"
expect_line "individual" "$T" "waarvan individueel" "38.577" "86,4 %"
expect_line "wage employees" "$T" "Loontrekkenden" "418.932"
expect_line "rung 5 share of wage employees" "$T" "Trede 5 als aandeel van de loontrekkenden" "10,7 %"
expect_line "rung 6" "$T" "Trede 6: Betaald werk (loontrekkenden min trede 5)" "374.260" "89,3 %"
expect_line "equivalent" "$T" "Totaal als equivalent van de loontrekkende tewerkstelling" "13,5 %"
expect_line "share of Flemish total" "$T" "Aandeel in het Vlaamse totaal" "20,1 %"
expect_line "previous total" "$T" "Totaal 2016 (zelfde editie)" "55.411"
expect_line "change on 2016" "$T" "Evolutie t.o.v. 2016" "+1.310" "+2,4 %"

# work forms: "<rung> <code> <name> <persons>" rows of the second table
form_row() { # form_row RUNG CODE PERSONS [NAME-FRAGMENT]
	local line n
	line=$(printf '%s\n' "$T" | awk -v r="$1" -v c="$2" '$1 == r && $2 == c')
	n=$(printf '%s' "$line" | grep -c '' || true)
	if [[ $n -ne 1 ]]; then
		t_fail "work form $2: expected one row with rung $1, found $n" "$T"
		return
	fi
	if [[ $(awk '{ print $NF }' <<<"$line") == "$3" ]]; then t_ok; else t_fail "work form $2: expected $3 persons in the last column" "line: $line"; fi
	if [[ -n ${4:-} ]]; then expect_in "work form $2 name" "$line" "$4"; fi
}
form_row 4 tat 1.070 "Tijdelijke activerende trajecten"
form_row 4 werkplekleren 7.744 "werkplekleren"
form_row 4 starterslabo 74 "Starterslabo"
form_row 4 duaal_leren 361 "duaal leren"
form_row 4 pwa 1.013 "PWA"
form_row 4 doorstroom_arbeidszorg 161 "arbeidszorg"
form_row 4 trede4 317 "niet gespecificeerd"
form_row 5 trede5.collectief 6.095
form_row 5 trede5.individueel 38.577
n4=$(printf '%s\n' "$T" | awk '$1 == "4" && $2 ~ /^[a-z]/' | wc -l)
if [[ $n4 -eq 7 ]]; then t_ok; else t_fail "rung 4 should list six work forms plus 'not specified', found $n4 rows" "$T"; fi

# every flag symbol used in the table is explained in a legend
if printf '%s\n' "$T" | grep -Ec '[0-9] % e$|[0-9] e( |$)' >/dev/null; then
	if printf '%s\n' "$T" | grep -Ec '^Tekens: .*e = geschat' >/dev/null; then t_ok; else
		t_fail "table marks figures 'e' (estimated: e.g. 'Aandeel in het Vlaamse totaal ... 20,1 % e') but prints no legend line 'Tekens: e = ...'" "$T"
	fi
fi

# ------------------------------------------------------------------ JSON
"$LADDER" show --db "$DB" --area 30000 --year 2017 --format json >wvl.json || t_fail "show --format json failed"
json_check "json 30000 2017" wvl.json '
def has(obj, path, keys):
    for k in keys:
        expect(isinstance(obj, dict) and k in obj, "missing key %s%s" % (path, k))
has(j, "", ["area", "year", "edition", "total", "rungs", "work_forms", "collective", "individual",
            "wage_employees", "rung6", "share_of_wage_employment", "share_of_flemish_total",
            "change_abs", "change_pct"])
has(j.get("area"), "area.", ["code", "name"])
for i, r in enumerate(j.get("rungs") or []):
    has(r, "rungs[%d]." % i, ["rung", "persons", "share"])
for i, w in enumerate(j.get("work_forms") or []):
    has(w, "work_forms[%d]." % i, ["code", "name", "rung", "persons"])
expect(j.get("area", {}).get("code") == "30000", "area.code %r" % j.get("area", {}).get("code"))
expect(j.get("area", {}).get("name") == "West-Vlaanderen", "area.name %r" % j.get("area", {}).get("name"))
expect(j.get("year") == 2017, "year %r" % j.get("year"))
expect(j.get("edition") == "2018", "edition %r (expected \"2018\")" % j.get("edition"))
def num(k, want):
    v = j.get(k)
    expect(type(v) is int and v == want, "%s = %r, expected %d" % (k, v, want))
num("total", 56721); num("collective", 6095); num("individual", 38577)
num("wage_employees", 418932); num("rung6", 374260); num("change_abs", 1310)
rungs = {r.get("rung"): r for r in j.get("rungs") or []}
for rung, persons, share in ((5, 44672, 44672 / 56721 * 100), (4, 10740, 10740 / 56721 * 100), (3, 1309, 1309 / 56721 * 100)):
    r = rungs.get(rung)
    if r is None:
        bad("rung %d missing from rungs" % rung); continue
    expect(r.get("persons") == persons, "rung %d persons %r, expected %d" % (rung, r.get("persons"), persons))
    s = r.get("share")
    expect(isinstance(s, float) and abs(s - share) < 1e-9, "rung %d share %r, expected unrounded %.12f" % (rung, s, share))
expect(abs(rungs.get(5, {}).get("share", 0) - 78.757) < 0.001, "rung 5 share is not 78.757...")
sf = j.get("share_of_flemish_total")
expect(isinstance(sf, (int, float)) and round(sf, 1) == 20.1, "share_of_flemish_total %r does not round to 20.1" % sf)
cp = j.get("change_pct")
expect(isinstance(cp, (int, float)) and round(cp, 1) == 2.4, "change_pct %r does not round to 2.4" % cp)
sw = j.get("share_of_wage_employment")
expect(isinstance(sw, (int, float)) and round(sw, 1) == 13.5, "share_of_wage_employment %r does not round to 13.5" % sw)
forms = {w.get("code"): w for w in j.get("work_forms") or []}
want = {"tat": 1070, "werkplekleren": 7744, "starterslabo": 74, "duaal_leren": 361, "pwa": 1013, "doorstroom_arbeidszorg": 161}
for code, persons in want.items():
    w = forms.get(code)
    if w is None:
        bad("work form %s missing" % code); continue
    expect(w.get("persons") == persons and w.get("rung") == 4, "work form %s: %r" % (code, w))
expect(set(c for c, w in forms.items() if w.get("rung") == 4) == set(want), "rung-4 work forms %r" % sorted(forms))
ns = [(n.get("total"), n.get("rung"), n.get("persons")) for n in j.get("not_specified") or []]
expect(ns == [("trede4", 4, 317)], "not_specified %r, expected trede4 317" % ns)
# docs/json-contract.md: the Flemish figures behind share_of_flemish_total
# are estimated, so the ladder as a whole carries "estimated"
expect("estimated" in (j.get("flags") or []), "flags %r lack \"estimated\" (docs/json-contract.md shows [\"estimated\"] for this ladder: share_of_flemish_total rests on estimated Flemish figures)" % j.get("flags"))
'

# by name: the same area
"$LADDER" show --db "$DB" --area West-Vlaanderen --year 2017 --format json >byname.json || t_fail "show --area West-Vlaanderen failed"
json_check "json by name" byname.json '
expect(j.get("area", {}).get("code") == "30000", "area %r" % j.get("area"))
expect(j.get("total") == 56721, "total %r, expected 56721" % j.get("total"))
'
run show --db "$DB" --area West-Vlaanderen --year 2017
expect_line "table by name" "$OUT" "Totaal tewerkstelling en participatie (treden 3-5)" "56.721"

# ---------------------------------------------------------- editions
run show --db "$DB" --area 30000 --year 2016
expect_rc "show 2016" 0
expect_line "2016 title (latest edition)" "$OUT" "Participatieladder West-Vlaanderen (provincie 30000), 2016, editie 2018"
expect_line "2016 total, latest edition" "$OUT" "Totaal tewerkstelling en participatie (treden 3-5)" "55.411"
"$LADDER" show --db "$DB" --area 30000 --year 2016 --format json >y2016.json || t_fail "show 2016 json failed"
json_check "json 2016" y2016.json '
expect(j.get("edition") == "2018", "edition %r, expected \"2018\" (the latest holding 2016)" % j.get("edition"))
expect(j.get("total") == 55411, "total %r, expected 55411" % j.get("total"))
'
run show --db "$DB" --area 30000 --year 2016 --edition 2017
expect_rc "show 2016 edition 2017" 0
expect_line "2016 title (edition 2017)" "$OUT" "Participatieladder West-Vlaanderen (provincie 30000), 2016, editie 2017"
expect_line "2016 total, edition 2017" "$OUT" "Totaal tewerkstelling en participatie (treden 3-5)" "55.328"
"$LADDER" show --db "$DB" --area 30000 --year 2016 --edition 2017 --format json >e2017.json || t_fail "show 2016 ed 2017 json failed"
json_check "json 2016 edition 2017" e2017.json '
expect(j.get("edition") == "2017", "edition %r" % j.get("edition"))
expect(j.get("total") == 55328, "total %r, expected 55328" % j.get("total"))
'

# ------------------------------------- no wage employees: null, never 0
for a in 31000 31003; do
	"$LADDER" show --db "$DB" --area $a --year 2017 --format json >nowage-$a.json || t_fail "show $a json failed"
	json_check "json $a (no wage employees)" nowage-$a.json '
for k in ("wage_employees", "rung6", "share_of_wage_employment", "rung5_share_of_wage_employees", "rung6_share"):
    expect(k in j and j[k] is None, "%s = %r, expected null (unknown is never 0)" % (k, j.get(k, "<missing>")))
expect(isinstance(j.get("total"), int) and j["total"] > 0, "total %r" % j.get("total"))
'
	run show --db "$DB" --area $a --year 2017
	expect_line "table $a: unknown wage employees shown as '.'" "$OUT" "Loontrekkenden" "."
done
"$LADDER" show --db "$DB" --area 10000 --year 2017 --format json >antwerpen.json || t_fail "show 10000 json failed"
json_check "json 10000 (no figures at all)" antwerpen.json '
for k in ("total", "wage_employees", "rung6", "collective", "individual", "change_abs", "change_pct"):
    expect(k in j and j[k] is None, "%s = %r, expected null" % (k, j.get(k, "<missing>")))
'

t_finish
