#!/usr/bin/env bash
# t7000-lineage: the lineage of work forms as data (data/ref/lineage.csv,
# `catalog import` of a lineage file, told by its header) and `ladder
# catalog lineage CODE`, which shows the chain both ways: every kind
# (renamed, merged_into, split_into, replaced_by), Dutch by default and
# English with --lang en, in table, csv and json. Lineage files that break
# the rules (unknown forms, a form into itself, an unknown kind, a bad date,
# kinds mixed on one form, a rename into a merge, a cycle with what is
# stored) are refused whole, with their position, and change nothing.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=x.db
init_db "$DB"

# the demo catalogue holds every reform of the seed and domain.md
n=$(sqlite3 "$DB" "SELECT count(*) FROM work_form_lineage")
if [[ $n -eq $(($(wc -l <"$LADDER_REPO/data/ref/lineage.csv") - 1)) ]]; then t_ok; else t_fail "init stores every row of data/ref/lineage.csv (got $n)"; fi
link() { sqlite3 "$DB" "SELECT f.code || '>' || t.code || ' ' || l.kind || ' ' || l.date FROM work_form_lineage l
	JOIN work_form f ON f.id = l.from_form JOIN work_form t ON t.id = l.to_form WHERE f.code = '$1' AND t.code = '$2'"; }
for want in "beschutte_werkplaats>maatwerkbedrijf merged_into 2019-01-01" \
	"sociale_werkplaats>maatwerkbedrijf merged_into 2019-01-01" \
	"invoegbedrijf>maatwerkbedrijf merged_into 2015-04-01" \
	"pwa>wijkwerken renamed 2018-01-01" \
	"arbeidszorg_wzd>ama replaced_by 2018-07-01" \
	"lde>individueel_maatwerk merged_into 2023-07-01" \
	"tat>twe merged_into 2018-01-01" \
	"gesco_opleiding>tat merged_into 2016-01-01" \
	"activa>doelgroep_jongeren split_into 2017-01-01"; do
	pair=${want%% *}
	got=$(link "${pair%%>*}" "${pair##*>}")
	if [[ $got == "$want" ]]; then t_ok; else t_fail "demo lineage: expected '$want', gekregen '$got'"; fi
done

# both ways: maatwerkbedrijf's predecessors, beschutte_werkplaats's successor
run catalog lineage maatwerkbedrijf --db "$DB"
expect_rc "lineage maatwerkbedrijf" 0
expect_line "predecessor BW" "$OUT" "voorganger  beschutte_werkplaats" "opgegaan" "in" "maatwerkbedrijf" "2019-01-01"
expect_line "predecessor SW" "$OUT" "voorganger  sociale_werkplaats" "2019-01-01"
expect_line "predecessor invoeg" "$OUT" "voorganger  invoegbedrijf" "2015-04-01"
run catalog lineage beschutte_werkplaats --db "$DB" --lang en
expect_line "successor of BW" "$OUT" "successor  beschutte_werkplaats" "merged" "into" "maatwerkbedrijf" "2019-01-01"
# a chain of several steps, both ways: gesco_opleiding -> tat -> twe, seen from tat
run catalog lineage tat --db "$DB" --format csv
expect_in "tat csv predecessor" "$OUT" "predecessor,gesco_opleiding,GESCO-opleidingsprojecten,merged_into,tat,"
expect_in "tat csv successor" "$OUT" "successor,tat,"
run catalog lineage gesco_opleiding --db "$DB" --format csv
expect_in "gesco reaches twe through tat" "$OUT" ",merged_into,twe,Tijdelijke werkervaring,2018-01-01,"
run catalog lineage twe --db "$DB" --format csv
expect_in "twe's predecessors include art60" "$OUT" "predecessor,art60,Tewerkstelling art. 60 §7 OCMW-wet,merged_into,twe,"
expect_in "twe's predecessors include gesco through tat" "$OUT" "predecessor,gesco_opleiding,"
# each kind, in json (English) and in the table (Dutch)
run catalog lineage pwa --db "$DB" --format json --lang en
python3 - "$OUT" <<'PY' && t_ok || t_fail "pwa json" "$OUT"
import json, sys
j = json.loads(sys.argv[1])
assert len(j) == 1, j
r = j[0]
assert (r["relation"], r["from"], r["kind"], r["to"], r["date"]) == ("successor", "pwa", "renamed", "wijkwerken", "2018-01-01"), r
assert r["note"].startswith("PWA becomes neighbourhood work"), r
PY
run catalog lineage pwa --db "$DB"
expect_in "renamed, Dutch" "$OUT" "hernoemd tot"
run catalog lineage activa --db "$DB"
expect_line "split (1)" "$OUT" "opvolger  activa  Activa (federale activeringsmaatregel)  gesplitst in  doelgroep_jongeren" "2017-01-01"
run catalog lineage doelgroep_ouderen --db "$DB"
expect_in "split, seen from a part" "$OUT" "gesplitst in"
expect_in "replaced_by, Dutch" "$OUT" "vervangen door"
run catalog lineage duaal_leren --db "$DB"
expect_rc "no lineage" 0
expect_in "no lineage, said" "$OUT" "duaal_leren heeft geen afstamming"
run catalog lineage nope --db "$DB"
expect_rc "unknown form" 2
expect_in "unknown form, said" "$ERR" "'nope' is geen werkvorm van de catalogus"
run catalog lineage trede5 --db "$DB"
expect_rc "a total is not a work form" 2

# a lineage file through catalog import: new links, then the same again
printf 'code,name_nl,rung\nold_a,Oud A,4\nold_b,Oud B,4\nnew_c,Nieuw C,4\nnew_d,Nieuw D,4\n' >forms.csv
run catalog import --db "$DB" forms.csv
expect_rc "forms for the lineage" 0
L='from,to,kind,date,note_nl,note_en'
printf "$L\nold_a,new_c,merged_into,2020-01-01,Samen,Together\nold_b,new_c,merged_into,2020-01-01,,\n" >lin.csv
run catalog import --db "$DB" lin.csv
expect_rc "lineage import" 0
expect_in "lineage import says its kind" "$OUT" "lin.csv: afstamming, 2 rijen: 2 nieuw"
run catalog import --db "$DB" lin.csv
expect_in "lineage re-import changes nothing" "$OUT" "niets gewijzigd: alle 2 rijen staan al in de databank (afstamming)"
run catalog lineage new_c --db "$DB" --format csv --lang en
expect_in "imported link shows" "$OUT" "predecessor,old_a,Oud A,merged_into,new_c,Nieuw C,2020-01-01,Together"

DB=y.db
reset_db() {
	init_db "$DB"
	"$LADDER" catalog import --db "$DB" forms.csv >/dev/null
	"$LADDER" catalog import --db "$DB" lin.csv >/dev/null
}
reset_db
db_snapshot
refused() {
	printf "$L\n$2\n" >"$1"
	run catalog import --db "$DB" "$1"
	expect_rc "$1" 2
	expect_error_line "$1" "$3"
	expect_unchanged "$1"
}
refused unknown.csv 'old_a,nope,renamed,2020-01-01,,' "unknown.csv:2:7: kolom 'to': 'nope' is geen werkvorm van de catalogus"
refused total.csv 'trede4,new_c,renamed,2020-01-01,,' "total.csv:2:1: kolom 'from': 'trede4' is een ingebouwd totaal"
refused self.csv 'new_d,new_d,renamed,2020-01-01,,' "self.csv:2:7: kolom 'to': een werkvorm kan zichzelf niet opvolgen"
refused kind.csv 'old_a,new_d,absorbed,2020-01-01,,' "kind.csv:2:13: kolom 'kind': verwacht renamed, merged_into, split_into of replaced_by, gekregen 'absorbed'"
refused date.csv 'new_c,new_d,renamed,2020-13-01,,' "date.csv:2:21: kolom 'date': verwacht een datum JJJJ-MM-DD, gekregen '2020-13-01'"
refused nodate.csv 'new_c,new_d,renamed,,,' "nodate.csv:2:21: kolom 'date': verwacht een datum JJJJ-MM-DD"
refused twice.csv 'new_c,new_d,renamed,2021-01-01,,\nnew_c,new_d,renamed,2021-01-01,,' "twice.csv:3:7: kolom 'to': 'new_c>new_d' staat al op regel 2"
refused mixed.csv 'old_a,new_d,split_into,2020-01-01,,' "mixed.csv:2:7: kolom 'kind': werkvorm 'old_a': its links have different kinds"
refused several.csv 'old_a,new_d,merged_into,2020-01-01,,' "several.csv:2:7: kolom 'kind': werkvorm 'old_a': it goes into several work forms, which is split_into"
refused rename.csv 'new_d,new_c,renamed,2020-01-01,,' "rename.csv:2:7: kolom 'kind': werkvorm 'new_d': it is renamed into a work form that has other predecessors, which is merged_into"
refused cycle.csv 'new_c,old_a,replaced_by,2021-01-01,,' "cycle.csv:2:7: kolom 'to': de afstamming vormt een kring: 'new_c' gaat op in 'old_a', dat terugleidt naar 'new_c'"
# a lineage file is a catalogue file: not for `ladder areas import`
printf "$L\nnew_c,new_d,renamed,2021-01-01,,\n" >ok.csv
run areas import --db "$DB" ok.csv
expect_rc "areas import refuses lineage" 2
expect_in "areas import says what it is" "$ERR" "dit is een bestand van soort lineage"

t_finish
