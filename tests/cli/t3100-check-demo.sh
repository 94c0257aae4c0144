#!/usr/bin/env bash
# t3100-check-demo: `ladder check` on the demo database finds exactly the
# seed's inconsistencies (docs/checks.md, "On the demo"): the rung-4 work
# forms 10.423 of 10.740 (parts_total), 10,4 % of wage employees where the
# figures give 10,66 % (claim rung5-wage-share-b), "bijna één op vijf" for
# 25,8 % (claim sick-share), the Flemish shares that cannot hold with
# headline = rungs (claims_conflict), the 161 trajecten in rung 4
# (mixed_units), and the 2016 revision 55.328 -> 55.411 (revision, info) -
# and nothing else. Exit status, --lang en, --year,
# --area, --edition, --jump and every --format; a small store with warnings
# only (exit 1); a claim whose value is tiny must not crash the check.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
DB=ladder-demo.db

# count_lines TEXT PATTERN : lines of TEXT matching the extended regex
count_lines() { printf '%s\n' "$1" | grep -Ec -- "$2" || true; }
# expect_count WHAT TEXT PATTERN N
expect_count() {
	local n
	n=$(count_lines "$2" "$3")
	if [[ $n -eq $4 ]]; then t_ok; else t_fail "$1: $n line(s) matching /$3/, expected $4" "output:" "$2"; fi
}

# ------------------------------------------------------------ table (nl)
run check --db "$DB"
expect_rc "check (errors present)" 2
T=$OUT
expect_in "table heading" "$T" "Bevindingen"
expect_count "findings in the table" "$T" '^(parts_total|missing_now|jump|validity|impossible|revision|claim|claims_conflict) ' 5
expect_count "parts_total rows" "$T" '^parts_total ' 1
expect_count "claim rows" "$T" '^claim ' 2
expect_count "claims_conflict rows" "$T" '^claims_conflict ' 1
expect_count "revision rows" "$T" '^revision ' 1
expect_count "no missing_now/jump/validity/impossible" "$T" '^(missing_now|jump|validity|impossible) ' 0
line=$(labelled_line "$T" "parts_total")
expect_in "parts_total: rung 4 sum" "$line" "de onderdelen tellen op tot 10.423, het totaal is 10.740; 317 niet gespecificeerd"
expect_in "parts_total: severity" "$line" "waarschuwing"
expect_in "parts_total: area and year" "$line" "30000   2017"
line=$(labelled_line "$T" "revision")
expect_in "revision: editions" "$line" "editie 2017 geeft 55.328, editie 2018 geeft 55.411 (+83)"
expect_in "revision: severity info" "$line" " info "
expect_in "revision: year 2016" "$line" " 2016 "
line=$(labelled_line "$T" "claims_conflict")
for id in flemish-share-total flemish-share-rung4 flemish-share-rung5; do
	expect_in "claims_conflict names $id" "$line" "($id: "
done
expect_in "claims_conflict: the unknowns" "$line" "Vlaams Gewest totaal 2017, Vlaams Gewest trede4 2017, Vlaams Gewest trede5 2017"
expect_in "claims_conflict: the linked rung-3 share" "$line" "flemish-share-rung3 (17,3 %)"
expect_count "rung5-wage-share-b once" "$T" '\(rung5-wage-share-b\): de tekst zegt 10,4 %, de cijfers geven 10,66 %' 1
expect_count "sick-share once" "$T" '\(sick-share\): de tekst zegt bijna één op vijf \(18,2 tot 20,0 %\), de cijfers geven 25,77 %: ruim één op vier' 1
expect_in "the claim that holds is named" "$T" "uitspraak rung5-wage-share zegt 10,7 % en klopt"
expect_in "claims checked" "$T" "22 uitspraken getoetst aan de cijfers."
expect_in "unchecked section" "$T" "Uitspraken over onbekende of geschatte cijfers"
expect_count "outside-share unchecked (its population is estimated)" "$T" '^outside-share +hangt af van onbekende of geschatte cijfers' 1

# ------------------------------------------------------------------ JSON
run check --db "$DB" --format json
expect_rc "check --format json" 2
printf '%s\n' "$OUT" >check.json
json_check "check json" check.json '
f = j.get("findings")
expect(isinstance(f, list) and len(f) == 6, "expected 6 findings, got %r" % (len(f) if isinstance(f, list) else f))
f = f or []
for i, x in enumerate(f):
    expect(set(x) == {"rule", "severity", "area", "year", "figures", "message"},
           "finding %d keys %r" % (i, sorted(x)))
rules = sorted(x.get("rule") for x in f)
expect(rules == ["claim", "claim", "claims_conflict", "mixed_units", "parts_total", "revision"], "rules %r" % rules)
by = {}
for x in f:
    by.setdefault(x.get("rule"), []).append(x)
p = (by.get("parts_total") or [{}])[0]
expect(p.get("severity") == "warning", "parts_total severity %r" % p.get("severity"))
expect(p.get("area") == "30000" and p.get("year") == 2017, "parts_total area/year %r %r" % (p.get("area"), p.get("year")))
expect(p.get("figures") == {"trede4": 10740, "sum_of_parts": 10423}, "parts_total figures %r" % p.get("figures"))
r = (by.get("revision") or [{}])[0]
expect(r.get("severity") == "info" and r.get("year") == 2016, "revision %r" % r)
expect(r.get("figures") == {"edition_2017": 55328, "edition_2018": 55411}, "revision figures %r" % r.get("figures"))
claims = by.get("claim") or []
ids = sorted(k for x in claims for k in x.get("figures", {}) if k.startswith("claim:"))
expect(ids == ["claim:rung5-wage-share-b", "claim:sick-share"], "claim ids %r" % ids)
for x in claims:
    expect(x.get("severity") == "error" and x.get("area") == "30000" and x.get("year") == 2017, "claim %r" % x)
    figs = x.get("figures", {})
    if "claim:rung5-wage-share-b" in figs:
        expect("(rung5-wage-share-b)" in x.get("message", ""), "message lacks the id: %r" % x.get("message"))
        expect(figs.get("claim:rung5-wage-share-b") == 10.4, "stated %r" % figs)
        expect(abs(figs.get("computed", 0) - 44672 / 418932 * 100) < 1e-9, "computed %r" % figs.get("computed"))
        expect(figs.get("fig(30000, trede5, 2017)") == 44672, "trede5 %r" % figs)
        expect(figs.get("ctx(30000, wage_employees, 2017)") == 418932, "wage employees %r" % figs)
    if "claim:sick-share" in figs:
        expect("(sick-share)" in x.get("message", ""), "message lacks the id: %r" % x.get("message"))
        expect(abs(figs.get("computed", 0) - 41479 / 160939 * 100) < 1e-9, "computed %r" % figs.get("computed"))
        expect(figs.get("ctx(30000, sick_or_invalid, 2017)") == 41479, "sick %r" % figs)
        expect(figs.get("ctx(30000, outside_labour_force, 2017)") == 160939, "outside %r" % figs)
c = (by.get("claims_conflict") or [{}])[0]
expect(c.get("severity") == "error" and c.get("year") == 2017 and c.get("area") == "30000", "conflict %r" % c)
expect(c.get("figures") == {"claim:flemish-share-total": 20.1, "claim:flemish-share-rung4": 17, "claim:flemish-share-rung5": 20.1},
       "conflict figures %r" % c.get("figures"))
u = j.get("unchecked")
expect(isinstance(u, list), "unchecked is not a list")
uids = [x.get("claim") for x in u or []]
expect(sorted(uids) == sorted(["growth-flanders", "flemish-share-wage", "wage-equivalent-flanders",
       "flemish-share-rung3", "low-skilled", "long-term", "outside-share"]), "unchecked %r" % uids)
for x in u or []:
    expect(set(x) == {"claim", "reason"}, "unchecked keys %r" % sorted(x))
expect(j.get("claims_checked") == 22, "claims_checked %r" % j.get("claims_checked"))
'

# ------------------------------------------------------------ --lang en
run --lang en check --db "$DB"
expect_rc "check --lang en" 2
E=$OUT
expect_in "en heading" "$E" "Findings"
expect_in "en parts_total" "$E" "Rung 4: Temporary activating trajectories: the parts add up to 10,423, the total is 10,740; 317 not specified"
expect_in "en revision" "$E" "edition 2017 gives 55,328, edition 2018 gives 55,411 (+83)"
expect_in "en claim b" "$E" "(rung5-wage-share-b): the text says 10,4 %, the figures give 10.66%; claim rung5-wage-share states 10,7 % and holds"
expect_in "en sick-share" "$E" "(sick-share): the text says bijna één op vijf (18.2 to 20.0%), the figures give 25.77%: just over one in four"
expect_in "en conflict" "$E" "These claims cannot all hold at once:"
expect_in "en claims checked" "$E" "22 claims tested against the figures."
expect_count "en severities" "$E" '^(parts_total +warning|revision +info|claim +error|claims_conflict +error) ' 5
expect_not_in "en: no Dutch severity" "$E" "waarschuwing"
expect_not_in "en: no Dutch message" "$E" "de onderdelen tellen op"

# ----------------------------------------------------- --year and --area
run check --db "$DB" --year 2016
expect_rc "check --year 2016 (info only)" 0
expect_count "--year 2016: only the revision" "$OUT" '^(parts_total|missing_now|jump|validity|impossible|revision|claim|claims_conflict) ' 1
expect_count "--year 2016: the revision" "$OUT" '^revision +info +30000 +2016 ' 1
run check --db "$DB" --year 2016 --format json
expect_rc "check --year 2016 json" 0
printf '%s\n' "$OUT" >y2016.json
json_check "--year 2016 json" y2016.json '
rules = [x.get("rule") for x in j.get("findings") or []]
expect(rules == ["revision"], "rules %r" % rules)
'
run check --db "$DB" --area 31000
expect_rc "check --area 31000" 0
expect_in "--area 31000" "$OUT" "Geen bevindingen."
run check --db "$DB" --area 31000 --format json
expect_rc "check --area 31000 json" 0
printf '%s\n' "$OUT" >a31000.json
json_check "--area 31000 json" a31000.json '
expect(j.get("findings") == [], "findings %r" % j.get("findings"))
'
# an area includes what is under it: the province has all five
run check --db "$DB" --area West-Vlaanderen --format csv
expect_rc "check --area West-Vlaanderen" 2
expect_count "--area West-Vlaanderen" "$OUT" '^(parts_total|revision|claim|claims_conflict),' 5
run check --db "$DB" --area 99999
expect_rc "check --area 99999" nonzero
expect_in "unknown area" "$ERR" "onbekend gebied '99999'"  # Dutch, as the rest (issue 11, defect 7)
run check --db "$DB" --year abc
expect_rc "check --year abc" nonzero

# ------------------------------------------------------- --jump options
run check --db "$DB" --jump 1 --jump-min 1 --format csv
expect_rc "check --jump 1 --jump-min 1" 2
expect_count "--jump 1: the headline's +2,4 % is a jump" "$OUT" '^jump,warning,30000,2017,' 1
# the Dutch message writes the change Dutch style, like everything else
expect_in "--jump: Dutch decimal comma" "$OUT" "van 55.411 naar 56.721 (+2,4 %) tegenover 2016"
run check --db "$DB" --jump 2 --jump-min 1311 --format csv
expect_count "--jump-min 1311: +1.310 is not enough" "$OUT" '^jump,' 0

# ----------------------------------------------------------- --edition
# edition 2017 holds 2016 only: 2017 is not "missing" from it
run check --db "$DB" --edition 2017 --format csv
expect_count "--edition 2017: no missing_now for a year the edition does not cover" "$OUT" '^missing_now,' 0

# -------------------------------------------------------------- formats
run check --db "$DB" --format csv
expect_rc "check --format csv" 2
C=$OUT
expect_in "csv header" "$(head -1 <<<"$C")" "rule,severity,area,year,message"
expect_count "csv rows" "$C" '^(parts_total|revision|claim|claims_conflict),' 5
expect_count "csv parts_total" "$C" '^parts_total,warning,30000,2017,"Trede 4: Tijdelijke activerende trajecten: de onderdelen tellen op tot 10.423, het totaal is 10.740; 317 niet gespecificeerd"$' 1
expect_count "csv revision" "$C" '^revision,info,30000,2016,' 1
python3 - "$T_TMP/out" <<'EOF' && t_ok || t_fail "csv: not 5 well-formed records of 5 fields"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert rows[0] == ["rule", "severity", "area", "year", "message"], rows[0]
body = [r for r in rows[1:] if r]
assert len(body) >= 5 and all(len(r) == 5 for r in body[:5]), body
EOF
run check --db "$DB" --format md
expect_rc "check --format md" 2
M=$OUT
expect_in "md heading" "$M" "### Bevindingen"
expect_count "md rows" "$M" '^\| (parts_total|revision|claim|claims_conflict) +\|' 5
expect_count "md header row" "$M" '^\| Regel +\| Ernst +\| Gebied +\| Jaar +\| Bevinding +\|' 1
run check --db "$DB" --format table
expect_rc "check --format table" 2
if [[ $OUT == "$T" ]]; then t_ok; else t_fail "--format table differs from the default output"; fi
run check --db "$DB" --format xml
expect_rc "check --format xml" nonzero

# ---------------------------------------------- warnings only: exit 1
init_db w.db
printf 'year,area,work_form,persons,edition\n2017,30000,trede4,100,2018\n2017,30000,tat,60,2018\n' >gap.csv
"$LADDER" import --db w.db gap.csv >/dev/null || die "import gap.csv failed"
run check --db w.db
expect_rc "check: warnings only" 1
expect_count "warnings only: one parts_total" "$OUT" '^parts_total +waarschuwing +30000 +2017 ' 1
init_db empty.db
run check --db empty.db
expect_rc "check: empty store" 0
expect_in "empty store" "$OUT" "Geen bevindingen."

# --------------------- a phrase claim on a tiny share must not crash
cp "$DB" tiny.db
printf 'id;text;year;area;expr;stated\ntiny;Bijna één op vijf;2017;30000;100 * fig(30000, trede3) / 3000000000000;bijna één op vijf\n' >tiny.csv
run import --db tiny.db tiny.csv
expect_rc "import tiny.csv" 0
run check --db tiny.db --format json
if [[ $RC -ge 128 || $ERR == *Sanitizer* || $ERR == *"runtime error"* ]]; then
	t_fail "check crashed (exit $RC) describing a tiny share (100 * 1.309 / 3e12 %) as a phrase of proportion (claim_describe_proportion)" "$(show_run)"
else
	expect_rc "check with a tiny phrase claim" 2
	expect_in "tiny claim reported" "$OUT" "(tiny)"
fi

t_finish
