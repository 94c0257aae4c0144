#!/usr/bin/env bash
# t1200-geography-db: what `ladder init` puts in a database - the areas
# (today's map: 285 municipalities, 22 arrondissements, 5 provinces, 1
# region; the maps of other years: t1300) and the
# work-form catalogue; init is idempotent; a database that was never
# initialised gives a clear error; --db, then $LADDER_DB, then ./ladder.db.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=geo.db
run init --db "$DB"
expect_rc "init" 0
expect_in "init says what it did" "$OUT" "$DB geïnitialiseerd: 6 treden, werkvormen, de gebieden sinds 1977 (308, 300 en 285 gemeenten)"

# ---------------------------------------------------------------- areas
run areas list --db "$DB" --format csv
expect_rc "areas list" 0
printf '%s\n' "$OUT" >areas.csv
expect_line "areas list csv header" "$OUT" "code,name,level,parent,province,valid_from,valid_to,members"
for lv in "municipality 285" "arrondissement 22" "province 5" "region 1"; do
	set -- $lv
	n=$(awk -F, -v l="$1" 'NR > 1 && $3 == l' areas.csv | wc -l)
	if [[ $n -eq $2 ]]; then t_ok; else t_fail "areas list: $n areas of level $1, expected $2"; fi
done
n=$(tail -n +2 areas.csv | wc -l)
if [[ $n -eq 313 ]]; then t_ok; else t_fail "areas list: $n areas, expected 313 (today's map, no groupings after init)"; fi
# every parent is listed, at the level above
bad=$(awk -F, 'NR > 1 { lv[$1] = $3; par[$1] = $4; code[NR] = $1 }
	END {
		up["municipality"] = "arrondissement"; up["arrondissement"] = "province"; up["province"] = "region"
		for (i in code) { c = code[i]; if (c in lv && lv[c] in up && lv[par[c]] != up[lv[c]]) print c " (" lv[c] ") has parent " par[c] }
	}' areas.csv)
if [[ -z $bad ]]; then t_ok; else t_fail "areas list: wrong parents" "$bad"; fi
for c in "02000,Vlaams Gewest,region," "30000,West-Vlaanderen,province,02000" "31000,Brugge,arrondissement,30000,30000" "31005,Brugge,municipality,31000,30000,1977-01-01," "44021,Gent,municipality,44000,40000" "11002,Antwerpen,municipality,11000,10000,2025-01-01,"; do
	expect_in "areas list has $c" "$OUT" "$c"
done
run areas list --db "$DB" --level province --format json
expect_rc "areas list --level province --format json" 0
printf '%s\n' "$OUT" >provinces.json
json_check "provinces" provinces.json '
expect(sorted(a["code"] for a in j) == ["10000", "20001", "30000", "40000", "70000"], "provinces %r" % [a.get("code") for a in j])
expect(all(a.get("parent") == "02000" and a.get("level") == "province" for a in j), "parents/levels %r" % j)
'
run areas list --db "$DB" --parent 31000 --format csv
n=$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)
if [[ $n -eq 10 ]]; then t_ok; else t_fail "areas list --parent 31000: $n municipalities, expected 10" "$OUT"; fi

# ------------------------------------------------------------ catalogue
"$LADDER" catalog list --db "$DB" --format json >catalog.json || t_fail "catalog list --format json failed"
json_check "catalog json" catalog.json '
expect(isinstance(j, list) and len(j) == 39, "expected a list of the 39 work forms of data/ref/work_forms.csv, got %d" % len(j) if isinstance(j, list) else "not a list")
by = {w.get("code"): w for w in j}
seed = {"tat": 4, "werkplekleren": 4, "starterslabo": 4, "duaal_leren": 4, "pwa": 4,
        "doorstroom_arbeidszorg": 4, "maatwerkbedrijf": 5, "lde": 5}
for code, rung in seed.items():
    w = by.get(code)
    if w is None:
        bad("work form %s missing" % code); continue
    r = w.get("rung")
    expect(str(r) == str(rung), "work form %s: rung %r, expected %d" % (code, r, rung))
for code, sub in (("maatwerkbedrijf", "collectief"), ("lde", "collectief")):
    expect(by.get(code, {}).get("subcategory") == sub, "%s: subcategory %r, expected %s" % (code, by.get(code, {}).get("subcategory"), sub))
expect(by.get("pwa", {}).get("successors") == "wijkwerken", "pwa successors %r" % by.get("pwa", {}).get("successors"))
for w in j:
    expect(w.get("rung") in (3, 4, 5, 6, "3", "4", "5", "6"), "%s: rung %r" % (w.get("code"), w.get("rung")))
    for k in ("code", "name", "abbr", "rung", "subcategory", "valid_from", "valid_to", "successors", "in_headline"):
        expect(k in w, "%s: key %s missing" % (w.get("code"), k))
'
# JSON carries numbers as numbers (as in show --format json, where rung is 4)
json_check "catalog json types" catalog.json '
types = sorted(set(type(w.get("rung")).__name__ for w in j))
expect(types == ["int"], "rung is a JSON %s (e.g. \"rung\": %r), expected a number as in show --format json" % ("/".join(types), j[0].get("rung") if j else None))
'

# ------------------------------------------------------ init is a no-op
before=$(db_state "$DB")
run init --db "$DB"
expect_rc "init again" 0
expect_in "init again says so" "$OUT" "$DB is al geïnitialiseerd"
if [[ $(db_state "$DB") == "$before" ]]; then t_ok; else t_fail "init on an initialised database changed it"; fi
# ... also when it holds figures
printf 'year,area,work_form,persons,edition\n2017,30000,tat,1070,2018\n' >one.csv
"$LADDER" import --db "$DB" one.csv >/dev/null || t_fail "import one.csv"
before=$(db_state "$DB")
run init --db "$DB"
expect_rc "init on a database with figures" 0
if [[ $(db_state "$DB") == "$before" ]]; then t_ok; else t_fail "init on a database with figures changed it"; fi
run editions list --db geo-fresh.db
run init --db geo-fresh.db
run editions list --db geo-fresh.db --format csv
if [[ $(printf '%s\n' "$OUT" | tail -n +2 | grep -c . || true) -eq 0 ]]; then t_ok; else t_fail "editions list after init should list no editions" "$OUT"; fi

# ------------------------------------------------- not initialised
for cmd in "show --area 30000 --year 2017" "catalog list" "areas list" "editions list" "import one.csv"; do
	rm -f never.db never.db-wal never.db-shm
	run $cmd --db never.db
	expect_rc "$cmd on a missing database" nonzero
	expect_in "$cmd on a missing database" "$ERR" "geen ladder-databank op never.db: voer eerst 'ladder init --db never.db' uit"
done
# a read-only command on a mistyped path leaves no database behind
rm -f never.db never.db-wal never.db-shm
run show --db never.db --area 30000 --year 2017
if [[ ! -e never.db ]]; then t_ok; else t_fail "show --db never.db (not initialised) created never.db ($(stat -c %s never.db) bytes)"; fi
# an empty (non-ladder) SQLite file
rm -f other.db
sqlite3 other.db "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
other_before=$(db_state other.db)
run show --db other.db --area 30000 --year 2017
expect_rc "show on a foreign SQLite file" nonzero
expect_in "show on a foreign SQLite file" "$ERR" "other.db is een SQLite-databank van iets anders, geen ladder-databank"
if [[ $(db_state other.db) == "$other_before" ]]; then t_ok; else
	t_fail "show --db other.db (another application's SQLite file) modified it" "tables now: $(sqlite3 other.db .tables | tr -s ' \n' ' ')" "journal mode now: $(sqlite3 other.db 'PRAGMA journal_mode')"
fi
# a file that is not a database at all
echo "not a database" >text.db
run show --db text.db --area 30000 --year 2017
expect_rc "show on a text file" nonzero
expect_in "show on a text file" "$ERR" "text.db"
if [[ $(cat text.db) == "not a database" ]]; then t_ok; else t_fail "show on a text file changed it"; fi

# ------------------------------------------ --db, $LADDER_DB, ./ladder.db
mkdir prec && cd prec
# init: where does the database go?
LADDER_DB=env.db "$LADDER" init --db flag.db >/dev/null
if [[ -f flag.db && ! -e env.db && ! -e ladder.db ]]; then t_ok; else t_fail "--db must win over LADDER_DB (files: $(ls | tr '\n' ' '))"; fi
LADDER_DB=env.db "$LADDER" --db flag2.db init >/dev/null
if [[ -f flag2.db && ! -e env.db ]]; then t_ok; else t_fail "--db before the command must win over LADDER_DB (files: $(ls | tr '\n' ' '))"; fi
LADDER_DB=env.db "$LADDER" init >/dev/null
if [[ -f env.db && ! -e ladder.db ]]; then t_ok; else t_fail "LADDER_DB must be used without --db (files: $(ls | tr '\n' ' '))"; fi
"$LADDER" init >/dev/null
if [[ -f ladder.db ]]; then t_ok; else t_fail "./ladder.db is the default (files: $(ls | tr '\n' ' '))"; fi
rm -f ladder.db ladder.db-wal ladder.db-shm
LADDER_DB= "$LADDER" init >/dev/null
if [[ -f ladder.db ]]; then t_ok; else t_fail "an empty LADDER_DB means ./ladder.db (files: $(ls | tr '\n' ' '))"; fi
# reads: each database holds a different total
for d in flag env ladder; do
	printf 'year,area,work_form,persons,edition\n2017,30000,totaal,%s,2018\n' "$(case $d in flag) echo 111 ;; env) echo 222 ;; ladder) echo 333 ;; esac)" >$d.csv
	"$LADDER" import --db $d.db $d.csv >/dev/null || t_fail "import into $d.db"
done
total() { "$@" show --area 30000 --year 2017 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
got=$(LADDER_DB=env.db total "$LADDER" --db flag.db)
if [[ $got == 111 ]]; then t_ok; else t_fail "show: --db flag.db with LADDER_DB=env.db read total $got, expected 111 (flag.db)"; fi
got=$(LADDER_DB=env.db "$LADDER" show --area 30000 --year 2017 --db flag.db --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
if [[ $got == 111 ]]; then t_ok; else t_fail "show ... --db flag.db (after the command) with LADDER_DB=env.db read total $got, expected 111"; fi
got=$(LADDER_DB=env.db total "$LADDER")
if [[ $got == 222 ]]; then t_ok; else t_fail "show with LADDER_DB=env.db read total $got, expected 222 (env.db)"; fi
got=$(total "$LADDER")
if [[ $got == 333 ]]; then t_ok; else t_fail "show without --db or LADDER_DB read total $got, expected 333 (./ladder.db)"; fi
cd ..

t_finish
