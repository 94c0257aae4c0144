#!/usr/bin/env bash
# t3200-context-demo: `ladder context` on the demo database. The 1-2-3 view
# of West-Vlaanderen 2017 shows the seed's labour-market figures, each on its
# labelled line (74,4 %; target 76,0 % in 2020; gap 1,6 points and 11.942
# persons, estimated; 555.280 at work, estimated; 30.125 job seekers, 86,2 %
# in a disadvantaged group; 160.939 outside the labour force, 21,6 % of the
# population 18-64, estimated; 41.479 sick or invalid, 25,8 %); JSON has the
# same unrounded. The series --from 2001 --to 2017 has 17 rows with the
# employment rate, synthetic (s) before 2017; job seekers and the sick and
# invalid run 2009-2017 as in data/demo/context.csv.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db
CTX_CSV=$LADDER_REPO/data/demo/context.csv
[[ -f $CTX_CSV ]] || die "no $CTX_CSV"

# ------------------------------------------------------- the 1-2-3 view
run context --db "$DB" --area 30000 --year 2017
expect_rc "context 30000 2017" 0
T=$OUT
expect_line "title" "$T" "Arbeidsmarkt West-Vlaanderen (provincie 30000), 2017"
expect_in "section 1" "$T" "1. Werkenden"
expect_in "section 2" "$T" "2. Niet-werkende werkzoekenden"
expect_in "section 3" "$T" "3. Niet-beroepsactieven"
expect_line "employment rate" "$T" "Werkzaamheidsgraad" "74,4 %"
expect_line "target" "$T" "Streefdoel werkzaamheidsgraad (2020)" "76,0 %"
expect_line "gap in points" "$T" "Afstand tot het streefdoel (procentpunten)" "1,6"
expect_line "gap in persons" "$T" "Afstand tot het streefdoel in personen (extra werkenden nodig)" "11.942 e"
expect_line "employed" "$T" "Werkenden" "555.280 e"
expect_line "job seekers" "$T" "Niet-werkende werkzoekenden (jaargemiddelde)" "30.125"
expect_line "kansengroep share" "$T" "in minstens één kansengroep" "86,2 %"
expect_line "low-skilled unknown" "$T" "laaggeschoold" "."
expect_line "unemployment rate unknown" "$T" "Werkloosheidsgraad" "."
expect_line "outside the labour force" "$T" "Niet-beroepsactieven" "160.939"
expect_line "outside share" "$T" "aandeel in de bevolking van 18-64 jaar" "21,6 % e"
expect_line "sick or invalid" "$T" "Langdurig zieken en invaliden" "41.479"
expect_line "sick share" "$T" "aandeel in de niet-beroepsactieven" "25,8 %"
# observed figures carry no flag
for label in "Werkzaamheidsgraad" "Niet-werkende werkzoekenden (jaargemiddelde)" "Niet-beroepsactieven" "Langdurig zieken en invaliden"; do
	line=$(labelled_line "$T" "$label")
	if [[ $line =~ [0-9]\ [es]$ ]]; then t_fail "'$label' is flagged although observed" "line: $line"; else t_ok; fi
done
expect_in "band note" "$T" "Opmerking: de afstand in personen rekent met de bevolking van 18-64 jaar"
expect_in "legend" "$T" "Tekens: e = geschat"

# ------------------------------------------------------------- English
run --lang en context --db "$DB" --area 30000 --year 2017
expect_rc "context --lang en" 0
E=$OUT
expect_line "en title" "$E" "Labour market West Flanders (province 30000), 2017"
# "Employment rate" also begins the target's label: match the whole line
if printf '%s\n' "$E" | grep -Ec '^Employment rate +74\.4%$' >/dev/null; then t_ok; else t_fail "en employment rate: no line 'Employment rate ... 74.4%'" "$E"; fi
expect_line "en target" "$E" "Employment rate target (2020)" "76.0%"
expect_line "en gap in persons" "$E" "Gap to the target in persons (more people at work needed)" "11,942 e"
expect_line "en employed" "$E" "People at work" "555,280 e"
expect_line "en job seekers" "$E" "Non-working job seekers (annual average)" "30,125"
expect_line "en kansengroep" "$E" "in at least one disadvantaged group" "86.2%"
expect_line "en outside" "$E" "People outside the labour force" "160,939"
expect_line "en sick" "$E" "Long-term sick and invalids" "41,479"
expect_line "en sick share" "$E" "share of the people outside the labour force" "25.8%"
expect_in "en legend" "$E" "Symbols: e = estimated"

# ---------------------------------------------------------------- JSON
run context --db "$DB" --area 30000 --year 2017 --format json
expect_rc "context --format json" 0
printf '%s\n' "$OUT" >view.json
json_check "context json" view.json '
keys = ["area", "year", "employment_rate", "employment_target", "target_year", "target_gap_pp",
        "target_gap_persons", "employed", "job_seekers", "job_seekers_kansengroep_share", "job_seeker_groups",
        "unemployment_rate", "outside_labour_force", "outside_labour_force_share", "sick_or_invalid",
        "sick_or_invalid_share", "flags"]
for k in keys:
    expect(k in j, "missing key %s" % k)
expect(j.get("area") == {"code": "30000", "name": "West-Vlaanderen"}, "area %r" % j.get("area"))
expect(j.get("year") == 2017, "year %r" % j.get("year"))
def near(k, want, eps=1e-9):
    v = j.get(k)
    expect(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v - want) <= eps, "%s = %r, expected %r" % (k, v, want))
near("employment_rate", 74.4)
near("employment_target", 76)
expect(j.get("target_year") == 2020, "target_year %r" % j.get("target_year"))
near("target_gap_pp", 1.6)
near("target_gap_persons", (76 - 74.4) / 100 * 746344, 0.5)
near("employed", 555280)
near("job_seekers", 30125)
near("job_seekers_kansengroep_share", 86.2)
near("outside_labour_force", 160939)
near("outside_labour_force_share", 160939 / 746344 * 100)
near("sick_or_invalid", 41479)
near("sick_or_invalid_share", 41479 / 160939 * 100)
for k in ("job_seekers", "outside_labour_force", "sick_or_invalid", "employed"):
    expect(type(j.get(k)) is int, "%s should be a whole number: %r" % (k, j.get(k)))
expect(j.get("unemployment_rate") is None, "unemployment_rate %r (unknown must be null, never 0)" % j.get("unemployment_rate"))
g = j.get("job_seeker_groups")
expect(isinstance(g, dict) and len(g) == 5 and all(v is None for v in g.values()), "job_seeker_groups %r" % g)
expect(j.get("flags") == ["estimated"], "flags %r" % j.get("flags"))
'
# a year whose figures are synthetic says so
run context --db "$DB" --area 30000 --year 2016 --format json
expect_rc "context 2016 json" 0
printf '%s\n' "$OUT" >view2016.json
json_check "context 2016 json" view2016.json '
expect(j.get("employment_rate") == 73.4, "employment_rate %r" % j.get("employment_rate"))
expect("synthetic" in (j.get("flags") or []), "flags %r lack synthetic" % j.get("flags"))
expect(j.get("outside_labour_force") is None, "outside_labour_force %r" % j.get("outside_labour_force"))
'

# ------------------------------------------------------------- CSV, md
run context --db "$DB" --area 30000 --year 2017 --format csv
expect_rc "context --format csv" 0
expect_in "csv header" "$(head -1 <<<"$OUT")" "area,year,metric,value,flag"
expect_count_line() { # WHAT TEXT LINE : TEXT has LINE as a whole line
	if printf '%s\n' "$2" | grep -Fxc -- "$3" >/dev/null; then t_ok; else t_fail "$1: no line '$3'" "$2"; fi
}
expect_count_line "csv employment rate" "$OUT" "30000,2017,employment_rate,74.4,"
expect_count_line "csv gap persons" "$OUT" "30000,2017,target_gap_persons,11942,estimated"
expect_count_line "csv job seekers" "$OUT" "30000,2017,job_seekers,30125,"
expect_count_line "csv sick" "$OUT" "30000,2017,sick_or_invalid,41479,"
expect_count_line "csv unknown" "$OUT" "30000,2017,unemployment_rate,,"
run context --db "$DB" --area 30000 --year 2017 --format md
expect_rc "context --format md" 0
expect_in "md title" "$OUT" "## Arbeidsmarkt West-Vlaanderen (provincie 30000), 2017"
expect_in "md employment rate" "$OUT" "| Werkzaamheidsgraad "
expect_in "md gap" "$OUT" "|  11.942 e |"

# -------------------------------------------------------------- series
run context --db "$DB" --area 30000 --from 2001 --to 2017
expect_rc "context --from 2001 --to 2017" 0
S=$OUT
rows=$(printf '%s\n' "$S" | grep -Ec '^20[0-9][0-9] ' || true)
if [[ $rows -eq 17 ]]; then t_ok; else t_fail "series: $rows year rows, expected 17" "$S"; fi
# employment rate and its flag per year, from data/demo/context.csv
while IFS=';' read -r year area ind value _ flag _; do
	[[ $area == 30000 && $ind == employment_rate ]] || continue
	want=$value
	[[ $flag == synthetic ]] && want="$value % s" || want="$value %"
	line=$(printf '%s\n' "$S" | awk -v y="$year" '$1 == y')
	# the second column is the employment rate (with its flag)
	got=$(awk '{ r = $2 " " $3; if ($4 == "s" || $4 == "e") r = r " " $4; print r }' <<<"$line")
	if [[ $got == "$want" ]]; then t_ok; else t_fail "series $year: employment rate '$got', expected '$want'" "line: $line"; fi
done <"$CTX_CSV"
n_s=$(printf '%s\n' "$S" | awk '$1 ~ /^20[0-9][0-9]$/ && $1 < 2017 && $4 == "s"' | wc -l)
if [[ $n_s -eq 16 ]]; then t_ok; else t_fail "series: $n_s synthetic employment rates before 2017, expected 16" "$S"; fi
line=$(printf '%s\n' "$S" | awk '$1 == 2017')
expect_in "series 2017" "$line" "74,4 %      76,0 %  555.280 e    30.125               160.939               41.479"
expect_in "series legend" "$S" "Tekens: s = synthetisch"
expect_in "series title" "$S" "Arbeidsmarkt West-Vlaanderen"

run context --db "$DB" --area 30000 --from 2001 --to 2017 --format json
expect_rc "series json" 0
printf '%s\n' "$OUT" >series.json
python3 - "$CTX_CSV" >expected.json <<'EOF'
import csv, json, sys
want = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter=";"):
        if r["area"] != "30000":
            continue
        v = float(r["value"].replace(".", "").replace(",", ".")) if r["indicator"] != "employment_rate" else float(r["value"].replace(",", "."))
        if r["indicator"] in ("employment_rate", "job_seekers", "sick_or_invalid", "employed", "outside_labour_force"):
            want.setdefault(r["year"], {})[r["indicator"]] = [v, r["flag"]]
json.dump(want, sys.stdout)
EOF
json_check "series json" series.json '
want = json.load(open("expected.json"))
s = j.get("series")
expect(j.get("area", {}).get("code") == "30000", "area %r" % j.get("area"))
expect(isinstance(s, list) and len(s) == 17, "expected 17 points, got %r" % (len(s) if isinstance(s, list) else s))
s = s or []
expect([p.get("year") for p in s] == list(range(2001, 2018)), "years %r" % [p.get("year") for p in s])
for p in s:
    y = str(p.get("year"))
    for k in ("employment_rate", "employment_target", "employed", "job_seekers", "outside_labour_force", "sick_or_invalid"):
        expect(k in p, "%s: missing %s" % (y, k))
    for k in ("employment_rate", "job_seekers", "sick_or_invalid", "employed", "outside_labour_force"):
        w = want.get(y, {}).get(k)
        v = p.get(k)
        if w is None:
            expect(v is None, "%s %s = %r, expected null" % (y, k, v))
        else:
            expect(isinstance(v, (int, float)) and abs(v - w[0]) < 1e-9, "%s %s = %r, expected %r" % (y, k, v, w[0]))
    expect(p.get("employment_target") == 76, "%s employment_target %r" % (y, p.get("employment_target")))
# invalids vs job seekers: both known from 2009 to 2017, neither before
both = [p.get("year") for p in s if p.get("job_seekers") is not None and p.get("sick_or_invalid") is not None]
expect(both == list(range(2009, 2018)), "years with job seekers and invalids %r" % both)
# the synthetic years must be recognisable in JSON too, as in the table (s)
# and the 1-2-3 view (flags): a consumer cannot tell them from observations
flags = j.get("flags")
per_value = any(isinstance(v, dict) or k.endswith("_flag") for p in s for k, v in p.items())
expect((isinstance(flags, list) and "synthetic" in flags) or per_value,
       "series JSON marks no figure synthetic (no top-level \"flags\" with \"synthetic\", no per-value flags); the table flags 2001-2016 s")
'

run context --db "$DB" --area 30000 --from 2009 --to 2017 --format csv
expect_rc "series csv" 0
python3 - "$T_TMP/out" "$CTX_CSV" <<'EOF' && t_ok || t_fail "series csv 2009-2017 does not match data/demo/context.csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert [r["year"] for r in rows] == [str(y) for y in range(2009, 2018)], [r["year"] for r in rows]
src = {}
for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"), delimiter=";"):
    if r["area"] == "30000":
        src[(r["year"], r["indicator"])] = (r["value"].replace(".", ""), r["flag"])
for r in rows:
    for k in ("job_seekers", "sick_or_invalid"):
        v, flag = src[(r["year"], k)]
        assert r[k] == v, (r["year"], k, r[k], v)
        assert r[k + "_flag"] == flag, (r["year"], k, r[k + "_flag"], flag)
    assert r["employment_rate_flag"] == ("synthetic" if r["year"] != "2017" else ""), r
EOF

# --------------------------------------------------------------- errors
run context --db "$DB" --area 30000
expect_rc "context without a year" nonzero
expect_in "context without a year" "$ERR" "context heeft --area en --year nodig"
run context --db "$DB" --area 30000 --from 2017 --to 2010
expect_rc "context --from after --to" nonzero
expect_in "context --from after --to" "$ERR" "--from 2017 valt na --to 2010"
run context --db "$DB" --area 99999 --year 2017
expect_rc "context unknown area" nonzero
expect_in "context unknown area" "$ERR" "onbekend gebied '99999'"  # Dutch, as the rest (issue 11, defect 7)
# an area without figures of its own: unknown, never 0; the target is the province's
run context --db "$DB" --area 31000 --year 2017 --format json
expect_rc "context 31000" 0
printf '%s\n' "$OUT" >v31000.json
json_check "context 31000 json" v31000.json '
for k in ("employment_rate", "job_seekers", "outside_labour_force", "sick_or_invalid", "target_gap_persons"):
    expect(j.get(k) is None, "%s = %r, expected null" % (k, j.get(k)))
expect(j.get("employment_target") == 76, "employment_target %r (inherited from the province)" % j.get("employment_target"))
'

t_finish
