#!/usr/bin/env bash
# t1100-import-accept: the styles Belgian spreadsheets export are accepted
# and give the same stored figures (';' with Dutch numbers, quoted numbers,
# BOM, Windows-1252, CRLF/CR, shuffled or padded columns, blank lines, flag
# symbols); re-importing unchanged data changes nothing; --dry-run,
# --replace and --edition; catalog and groupings imports.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N_CASES=0
# ------------------------------------------------------------ baseline
# The reference file: plain ASCII, ',' and plain numbers, flags as words.
cat >base.csv <<'EOF'
year,area,work_form,persons,edition,flag,note
2017,30000,totaal,56721,2018,,
2017,30000,trede3,1309,2018,,
2017,30000,tat,1070,2018,,
2017,30000,werkplekleren,7744,2018,,
2017,31000,tat,,2018,confidential,
2017,32000,tat,12,2018,estimated,
2017,33000,tat,7,2018,synthetic,
2017,34000,tat,,2018,missing,
EOF
init_db base.db
run import --db base.db base.csv
[[ $RC -eq 0 ]] || die "base.csv was refused: $(show_run)"
figures_canon base.db >base.canon
[[ $(wc -l <base.canon) -eq 8 ]] || die "base.csv should store 8 figures: $(cat base.canon)"
grep -qx "2018|2017|31000|tat|NULL|confidential|" base.canon || die "confidential figure not stored as NULL: $(cat base.canon)"

# variant FILE WHAT : FILE (already written) must store exactly base.canon in
# a fresh database, and change nothing in base.db.
variant() {
	local f=$1 what=$2
	N_CASES=$((N_CASES + 1))
	init_db "$f.db"
	run import --db "$f.db" "$f"
	expect_rc "$what ($f) into a fresh database" 0
	if ((RC == 0)); then
		if d=$(diff -u base.canon <(figures_canon "$f.db")); then t_ok; else
			t_fail "$what ($f): stored figures differ from base.csv's" "$d"
		fi
	fi
	local before batches
	before=$(db_state base.db)
	batches=$(count_rows base.db batch)
	run import --db base.db "$f"
	expect_rc "$what ($f) over base.csv" 0
	expect_in "$what ($f) over base.csv" "$OUT" "$f: niets gewijzigd: alle 8 rijen staan al in de databank (cijfers)"
	if [[ $(db_state base.db) == "$before" && $(count_rows base.db batch) -eq $batches ]]; then t_ok; else
		t_fail "$what ($f): re-importing the same figures changed base.db" "$(show_run)"
	fi
}

# ';' and Dutch numbers
cat >semicolon-dutch.csv <<'EOF'
year;area;work_form;persons;edition;flag;note
2017;30000;totaal;56.721;2018;;
2017;30000;trede3;1.309;2018;;
2017;30000;tat;1.070;2018;;
2017;30000;werkplekleren;7.744;2018;;
2017;31000;tat;;2018;confidential;
2017;32000;tat;12;2018;estimated;
2017;33000;tat;7;2018;synthetic;
2017;34000;tat;;2018;missing;
EOF
variant semicolon-dutch.csv "';' with Dutch numbers"

# ',' with quoted Dutch numbers
sed -e 's/,56721,/,"56.721",/; s/,1309,/,"1.309",/; s/,1070,/,"1.070",/; s/,7744,/,"7.744",/' base.csv >comma-quoted.csv
grep -q '"56.721"' comma-quoted.csv || die "sed failed"
variant comma-quoted.csv "',' with quoted \"56.721\""

# everything quoted
awk -F, 'BEGIN { OFS = "," } { for (i = 1; i <= NF; i++) $i = "\"" $i "\""; print }' base.csv >all-quoted.csv
variant all-quoted.csv "every field quoted"

{ printf '\xef\xbb\xbf'; cat base.csv; } >bom.csv
variant bom.csv "UTF-8 BOM"

sed 's/$/\r/' base.csv >crlf.csv
variant crlf.csv "CRLF line ends"

tr '\n' '\r' <base.csv >cr.csv
variant cr.csv "CR line ends"

awk -F, 'BEGIN { OFS = "," } { print $7, $6, $4, $5, $3, $2, $1 }' base.csv >shuffled.csv
head -1 shuffled.csv | grep -cx 'note,flag,persons,edition,work_form,area,year' >/dev/null || die "shuffle failed"
variant shuffled.csv "columns in another order"

sed '1s/.*/Year, AREA ,Work_Form,Persons,EDITION,Flag,Note/' base.csv >header-case.csv
variant header-case.csv "header names in other case, with blanks"

# Excel pads rows with empty cells, and writes a row of only delimiters
{ sed -n 1p semicolon-dutch.csv; sed -n '2,5p' semicolon-dutch.csv | sed 's/$/;;;/'; echo ';;;;;;;;;'; sed -n '6,$p' semicolon-dutch.csv | sed 's/$/;;;/'; } >excel-padded-rows.csv
variant excel-padded-rows.csv "rows padded with empty cells ';;;' (Excel)"

# ... and when the sheet's used range is wider than the data, the header line
# is padded as well
sed 's/$/;;;/' semicolon-dutch.csv >excel-padded-header.csv
variant excel-padded-header.csv "header and rows padded with empty cells ';;;' (Excel)"

{ echo; sed -n 1p base.csv; echo; sed -n '2,4p' base.csv; printf '\n\n   \n'; sed -n '5,$p' base.csv; printf '\n\n'; } >blank-lines.csv
variant blank-lines.csv "blank lines"

sed 's/,confidential,/,x,/; s/,estimated,/,e,/; s/,synthetic,/,s,/; s/,missing,/,.,/' base.csv >symbols.csv
grep -q ',x,' symbols.csv || die "sed failed"
variant symbols.csv "flags as publication symbols (x with empty persons, e, s, .)"

sed 's/,confidential,/,Confidential,/; s/,estimated,/,E,/' base.csv >flag-case.csv
variant flag-case.csv "flags in other case"

# ------------------------------------------------- Windows-1252 vs UTF-8
N_CASES=$((N_CASES + 1))
printf 'year;area;work_form;persons;edition;note\n2017;30000;tat;1.070;2018;caf\xe9 cr\xe8me \x80 5\n' >note-cp1252.csv
printf 'year,area,work_form,persons,edition,note\n2017,30000,tat,1070,2018,caf\xc3\xa9 cr\xc3\xa8me \xe2\x82\xac 5\n' >note-utf8.csv
init_db note.db
run import --db note.db note-cp1252.csv
expect_rc "Windows-1252 note" 0
expect_in "Windows-1252 note: encoding reported" "$OUT" "windows-1252"
got=$(sqlite3 note.db "SELECT hex(note) FROM figure")
want=$(printf 'caf\xc3\xa9 cr\xc3\xa8me \xe2\x82\xac 5' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
if [[ $got == "$want" ]]; then t_ok; else t_fail "Windows-1252 note: stored as hex $got, expected UTF-8 $want (café crème € 5)"; fi
before=$(db_state note.db)
run import --db note.db note-utf8.csv
expect_rc "the same note in UTF-8" 0
expect_in "the same note in UTF-8" "$OUT" "note-utf8.csv: niets gewijzigd"
if [[ $(db_state note.db) == "$before" ]]; then t_ok; else t_fail "the same note in UTF-8 changed the database"; fi
{ printf '\xef\xbb\xbf'; cat note-utf8.csv; } >note-utf8-bom.csv
run import --db note.db note-utf8-bom.csv
expect_in "the same note in UTF-8 with BOM" "$OUT" "note-utf8-bom.csv: niets gewijzigd"

# ------------------------------------------------ the same file twice
N_CASES=$((N_CASES + 1))
init_db twice.db
run import --db twice.db base.csv
expect_rc "first import" 0
expect_in "first import" "$OUT" "base.csv: cijfers, 8 rijen: 8 nieuw, 0 ongewijzigd, 0 vervangen"
batches=$(count_rows twice.db batch)
before=$(db_state twice.db)
run import --db twice.db base.csv
expect_rc "second import of the same file" 0
expect_in "second import of the same file" "$OUT" "base.csv: niets gewijzigd: alle 8 rijen staan al in de databank (cijfers)"
run --lang en import --db twice.db base.csv
expect_in "third import, English" "$OUT" "base.csv: nothing changed: all 8 rows are already stored (figures)"
if [[ $(count_rows twice.db batch) -eq $batches ]]; then t_ok; else t_fail "re-import added a batch ($batches -> $(count_rows twice.db batch))"; fi
if [[ $(db_state twice.db) == "$before" ]]; then t_ok; else t_fail "re-import changed the database"; fi

# ------------------------------------------------------------- dry run
N_CASES=$((N_CASES + 1))
init_db dry.db
before=$(db_state dry.db)
run import --db dry.db --dry-run base.csv
expect_rc "--dry-run" 0
expect_in "--dry-run reports counts" "$OUT" "base.csv: cijfers, 8 rijen: 8 nieuw, 0 ongewijzigd, 0 vervangen"
expect_in "--dry-run says so" "$OUT" "proefdraai: alles gecontroleerd, niets weggeschreven"
if [[ $(db_state dry.db) == "$before" ]]; then t_ok; else t_fail "--dry-run wrote to the database" "$(figures_canon dry.db)"; fi
run --lang en import --db dry.db --dry-run semicolon-dutch.csv
expect_in "--dry-run, English" "$OUT" "dry run: everything checked, nothing written"
if [[ $(db_state dry.db) == "$before" ]]; then t_ok; else t_fail "--dry-run (second) wrote to the database"; fi

# ------------------------------------------------------------- replace
N_CASES=$((N_CASES + 1))
cp base.db replace.db
printf 'year,area,work_form,persons,edition\n2017,30000,trede3,1.310,2018\n' >changed.csv
before=$(db_state replace.db)
run import --db replace.db changed.csv
expect_rc "a changed figure without --replace" nonzero
expect_in "a changed figure without --replace" "$ERR" "changed.csv:2:19: kolom 'persons': verschilt van het opgeslagen cijfer voor deze sleutel (1309, uit base.csv regel 3)"
if [[ $(db_state replace.db) == "$before" ]]; then t_ok; else t_fail "refused change was written"; fi
run import --db replace.db --replace changed.csv
expect_rc "--replace" 0
expect_in "--replace reports it" "$OUT" "changed.csv: cijfers, 1 rijen: 0 nieuw, 0 ongewijzigd, 1 vervangen"
v=$(sqlite3 replace.db "SELECT f.persons FROM figure f JOIN work_form w ON w.id = f.work_form JOIN area a ON a.id = f.area WHERE w.code = 'trede3' AND a.code = '30000' AND f.year = 2017")
if [[ $v == 1310 ]]; then t_ok; else t_fail "--replace: trede3 is '$v', expected 1310"; fi
b=$(sqlite3 replace.db "SELECT id || '|' || kind || '|' || rows || '|' || inserted || '|' || unchanged || '|' || replaced FROM batch WHERE file = 'changed.csv'")
bid=${b%%|*}
if [[ $b == *"|figures|1|0|0|1" ]]; then t_ok; else t_fail "--replace: batch table row for changed.csv is '$b', expected <id>|figures|1|0|0|1"; fi
fb=$(sqlite3 replace.db "SELECT f.batch FROM figure f JOIN work_form w ON w.id = f.work_form WHERE w.code = 'trede3' AND f.year = 2017")
if [[ -n $bid && $fb == "$bid" ]]; then t_ok; else t_fail "--replace: the figure points at batch '$fb', expected the changed.csv batch '$bid'"; fi
run batches list --db replace.db --format csv
expect_in "batches list shows the replace" "$OUT" "changed.csv,figures,"
# the other figures are untouched
if diff <(grep -v '|trede3|' base.canon) <(figures_canon replace.db | grep -v '|trede3|') >/dev/null; then t_ok; else t_fail "--replace touched other figures"; fi

# ------------------------------------------------------------ --edition
N_CASES=$((N_CASES + 1))
cp base.db edition.db
printf 'year,area,work_form,persons\n2017,30000,tat,1.071\n2016,30000,tat,1.000\n' >no-edition.csv
printf 'year,area,work_form,persons,edition\n2017,30000,pwa,1.013,\n2017,30000,duaal_leren,361,2018\n' >some-edition.csv
run import --db edition.db --edition 2030 no-edition.csv some-edition.csv
expect_rc "--edition 2030" 0
got=$(figures_canon edition.db | grep -E '^2030\|' || true)
want=$'2030|2016|30000|tat|1000||\n2030|2017|30000|pwa|1013||\n2030|2017|30000|tat|1071||'
if [[ $got == "$want" ]]; then t_ok; else t_fail "--edition 2030: rows without an edition should be in 2030" "got:" "$got" "want:" "$want"; fi
if figures_canon edition.db | grep -cx '2018|2017|30000|duaal_leren|361||' >/dev/null; then t_ok; else t_fail "--edition 2030: a row naming edition 2018 must stay in 2018"; fi
if figures_canon edition.db | grep -cx '2018|2017|30000|tat|1070||' >/dev/null; then t_ok; else t_fail "--edition 2030: edition 2018's tat changed"; fi
run editions list --db edition.db --format csv
expect_in "editions list shows 2030" "$OUT" "2030,2016 2017,,3"

# ------------------------------------------------------------- catalog
N_CASES=$((N_CASES + 1))
init_db cat.db
cat >new-form.csv <<'EOF'
code,name_nl,rung,name_en,abbr,source,counting_rule,valid_from,valid_to,successors,note
nieuw_traject,Nieuw traject,4,New trajectory,NT,VDAB,personen in het jaar,2019-01-01,2020-12-31,twe|wijkwerken,test
EOF
run catalog import --db cat.db new-form.csv
expect_rc "catalog import: a new work form" 0
expect_in "catalog import: a new work form" "$OUT" "new-form.csv: catalogus, 1 rijen: 1 nieuw"
run catalog list --db cat.db --format csv
line=$(printf '%s\n' "$OUT" | grep '^nieuw_traject,' || true)
if [[ $line == "nieuw_traject,Nieuw traject,NT,4,,persons,2019-01-01,2020-12-31,twe wijkwerken,1,,VDAB,personen in het jaar," ]]; then t_ok; else
	t_fail "catalog list: the new work form" "got:  $line" "want: nieuw_traject,Nieuw traject,NT,4,,persons,2019-01-01,2020-12-31,twe wijkwerken,1,,VDAB,personen in het jaar,"
fi
run catalog list --db cat.db
expect_line "catalog list (table) shows the new work form" "$OUT" "nieuw_traject" "Nieuw traject" "NT" "4"
run catalog list --db cat.db --lang en --format csv
expect_in "catalog list --lang en: English name" "$OUT" "nieuw_traject,New trajectory,"
# figures for the new work form are accepted, and count in rung 4
printf 'year,area,work_form,persons,edition\n2019,30000,nieuw_traject,42,2020\n' >new-form-figures.csv
run import --db cat.db new-form-figures.csv
expect_rc "figures for the new work form" 0
"$LADDER" show --db cat.db --area 30000 --year 2019 --format json >newform.json || t_fail "show with the new work form failed"
json_check "show with the new work form" newform.json '
f = [w for w in j.get("work_forms") or [] if w.get("code") == "nieuw_traject"]
expect(len(f) == 1 and f[0].get("persons") == 42 and f[0].get("rung") == 4, "work_forms: %r" % j.get("work_forms"))
r4 = [r for r in j.get("rungs") or [] if r.get("rung") == 4]
expect(r4 and r4[0].get("persons") == 42, "rung 4: %r" % r4)
'

# change a name (a file with only the required columns)
N_CASES=$((N_CASES + 1))
en_before=$("$LADDER" catalog list --db cat.db --lang en --format csv | grep '^tat,')
printf 'code,name_nl,rung\ntat,Tijdelijke activerende trajecten (nieuwe naam),4\n' >rename.csv
run catalog import --db cat.db rename.csv
expect_rc "catalog import: rename" 0
run catalog list --db cat.db --format csv
expect_in "catalog list shows the new name" "$OUT" "tat,Tijdelijke activerende trajecten (nieuwe naam),,4,"
run catalog list --db cat.db
expect_line "catalog list (table) shows the new name" "$OUT" "tat " "Tijdelijke activerende trajecten (nieuwe naam)"
# columns the file does not have keep their stored values
en_after=$("$LADDER" catalog list --db cat.db --lang en --format csv | grep '^tat,')
want_after="tat,Temporary activating trajectories (forerunner of TWE and GESCO training projects),,4,,persons,2016-01-01,2017-12-31,twe,1,,VDAB,personen in het jaar,twe"
if [[ $en_after == "$want_after" ]]; then t_ok; else
	t_fail "catalog import of code,name_nl,rung wiped the columns the file does not have (name_en, source, counting_rule)" \
		"before: $en_before" "after:  $en_after" "want:   $want_after"
fi

# an unknown successor: refused, nothing changed
N_CASES=$((N_CASES + 1))
printf 'code,name_nl,rung,successors\nander_traject,Ander traject,4,twe nope\n' >bad-successor.csv
before=$(db_state cat.db)
run catalog import --db cat.db bad-successor.csv
expect_rc "catalog: unknown successor" nonzero
expect_in "catalog: unknown successor" "$ERR" "werkvorm 'ander_traject' noemt opvolger 'nope', die niet in de catalogus staat"
if printf '%s\n' "$ERR" | grep -c "^bad-successor.csv:2:[0-9]*: .*opvolger 'nope'" >/dev/null; then t_ok; else
	t_fail "catalog: unknown successor: the error should name bad-successor.csv:2:<column> (every error names file:line:column)" "$ERR"
fi
if [[ $(db_state cat.db) == "$before" ]]; then t_ok; else t_fail "catalog: unknown successor changed the database"; fi
run catalog list --db cat.db --format csv
expect_not_in "catalog: refused work form absent" "$OUT" "ander_traject"

# ----------------------------------------------------------- groupings
N_CASES=$((N_CASES + 1))
"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
G=ladder-demo.db
printf 'group,name_nl,member,name_en\ntest-kust,Kust,35000,Coast\ntest-kust,Kust,38000,Coast\ntest-kust,Kust,31043,Coast\n' >kust.csv
run areas import --db "$G" kust.csv
expect_rc "areas import of a grouping" 0
expect_in "areas import of a grouping" "$OUT" "kust.csv: groeperingen, 3 rijen: 3 nieuw"
run areas list --db "$G" --level grouping --format csv
line=$(printf '%s\n' "$OUT" | grep '^test-kust,' || true)
members=$(printf '%s' "${line##*,}" | tr ' ' '\n' | sort | tr '\n' ' ')
if [[ $line == test-kust,Kust,grouping,,* && $members == "31043 35000 38000 " ]]; then t_ok; else t_fail "areas list: test-kust" "got: $line"; fi
for a in test-kust 35000 38000 31043; do
	"$LADDER" show --db "$G" --area $a --year 2017 --format json >"show-$a.json" || t_fail "show --area $a failed"
done
"$LADDER" show --db "$G" --area Kust --year 2017 --format json >show-kust-by-name.json || t_fail "show --area Kust failed"
json_check "grouping rolls up" show-test-kust.json '
parts = [json.load(open("show-%s.json" % a)) for a in ("35000", "38000", "31043")]
expect(j.get("area", {}).get("code") == "test-kust", "area %r" % j.get("area"))
for k in ("total", "collective", "individual"):
    s = sum(p[k] for p in parts)
    expect(j.get(k) == s, "%s %r, members add up to %r" % (k, j.get(k), s))
for r in (3, 4, 5):
    got = [x.get("persons") for x in j.get("rungs") or [] if x.get("rung") == r]
    s = sum(x["persons"] for p in parts for x in p["rungs"] if x["rung"] == r)
    expect(got == [s], "rung %d %r, members add up to %r" % (r, got, s))
expect("rolled_up" in (j.get("total_flags") or []), "total_flags %r lack rolled_up" % j.get("total_flags"))
expect("synthetic" in (j.get("total_flags") or []), "total_flags %r lack synthetic" % j.get("total_flags"))
byname = json.load(open("show-kust-by-name.json"))
expect(byname.get("total") == j.get("total") and byname.get("area", {}).get("code") == "test-kust", "by name: %r" % byname.get("area"))
'
# the same groupings file again: nothing changed
N_CASES=$((N_CASES + 1))
before=$(db_state "$G")
batches=$(count_rows "$G" batch)
run areas import --db "$G" kust.csv
expect_rc "the same groupings file again" 0
expect_in "the same groupings file again" "$OUT" "kust.csv: niets gewijzigd: alle 3 rijen staan al in de databank (groeperingen)"
if [[ $(count_rows "$G" batch) -eq $batches && $(db_state "$G") == "$before" ]]; then t_ok; else
	t_fail "the same groupings file again added a batch or changed the database (batches $batches -> $(count_rows "$G" batch))" "$OUT"
fi

# a municipality twice in one grouping: refused, nothing changed
dup_group() { # FILE CONTENT FRAGMENT
	N_CASES=$((N_CASES + 1))
	printf "$2" >"$1"
	local before
	before=$(db_state "$G")
	run areas import --db "$G" "$1"
	expect_rc "$1" nonzero
	expect_in "$1" "$ERR" "$3"
	if [[ $(db_state "$G") == "$before" ]]; then t_ok; else t_fail "$1: the database changed"; fi
	run areas list --db "$G" --level grouping --format csv
	expect_not_in "$1: no grouping test-dup" "$OUT" "test-dup"
}
dup_group dup-direct.csv 'group,name_nl,member\ntest-dup,Dubbel,31003\ntest-dup,Dubbel,31004\ntest-dup,Dubbel,31003\n' \
	"dup-direct.csv:4:17: kolom 'member': gemeente 31003 (Beernem) valt al onder een eerder lid van groep 'test-dup'"
dup_group dup-via-arrondissement.csv 'group,name_nl,member\ntest-dup,Dubbel,31000\ntest-dup,Dubbel,31003\n' \
	"dup-via-arrondissement.csv:3:17: kolom 'member': gemeente 31003 (Beernem) valt al onder een eerder lid van groep 'test-dup'"
dup_group dup-arrondissement-after.csv 'group,name_nl,member\ntest-dup,Dubbel,31003\ntest-dup,Dubbel,31000\n' \
	"dup-arrondissement-after.csv:3:17: kolom 'member': gemeente 31003 (Beernem) valt al onder een eerder lid van groep 'test-dup'"
dup_group dup-via-province.csv 'group,name_nl,member\ntest-dup,Dubbel,35000\ntest-dup,Dubbel,30000\n' \
	"dup-via-province.csv:3:17: kolom 'member': gemeente 350"
# ... while the same municipality in two different groupings is fine
N_CASES=$((N_CASES + 1))
printf 'group,name_nl,member\ntest-a,A,31003\ntest-b,B,31003\n' >two-groups.csv
run areas import --db "$G" two-groups.csv
expect_rc "one municipality in two groupings" 0

echo "$T_NAME: $N_CASES accepted-input cases"
t_finish
