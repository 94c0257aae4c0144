#!/usr/bin/env bash
# t7200-editions-carry: an edition's metadata (ordinal, title, data year,
# publication date, notes) is stored, set from the command line or imported,
# and listed; `editions new E --from PREV` carries PREV's figures forward,
# marked carried and protected like PREV's, all or nothing; an import into E
# then replaces them figure by figure (without --replace) and keeps the rest
# carried.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=ladder-demo.db
run demo --quiet
expect_rc "demo" 0

# ---- metadata
run editions list --db $DB --format csv
expect_in "the demo's 2018 edition is the 10th, data 2017" "$OUT" "2018,2016 2017,"
expect_in "its metadata" "$OUT" ",10,Tewerkstelling en participatie van kansengroepen,2017,2019-02-19,"
expect_in "the 2017 edition: data 2016" "$OUT" ",9,Mee in het hart van de West-Vlaamse economie,2016,2017-12-20,"
run editions set 2018 --notes "Nagekeken" --db $DB
expect_rc "set notes" 0
run editions list --db $DB --format json
expect_in "notes set, the rest kept" "$OUT" '"notes": "Nagekeken"'
expect_in "ordinal kept" "$OUT" '"ordinal": 10'
run editions set 2018 --published 2019-13-01 --db $DB
expect_rc "a month 13 is refused" 64
expect_in "names the option" "$ERR" "--published"
run editions set 2018 --ordinal 0 --db $DB
expect_rc "ordinal 0 is out of range" 64
run editions set 2018 --db $DB
expect_rc "nothing to set" 64
printf 'edition,title,ordinal\n2018,Nieuwe titel,10\n2030,Toekomst,x\n' >bad.csv
run import bad.csv --db $DB
expect_rc "an editions file with a bad ordinal is refused" 2
expect_in "where" "$ERR" "bad.csv:3:"
run editions list --db $DB --format csv
expect_not_in "all or nothing: the good row was not written" "$OUT" "Nieuwe titel"
expect_not_in "nor the new edition" "$OUT" "Toekomst"

# ---- carried forward
before=$("$LADDER" show --area 31003 --year 2017 --edition 2018 --format csv --db $DB | cut -d, -f4-)
run editions new 2019 --from 2018 --ordinal 11 --data-year 2018 --title "Editie 2019" --db $DB --lang en
expect_rc "editions new" 0
expect_in "says what it carried" "$OUT" "658 figures carried forward from edition 2018"
run editions list --db $DB --format csv
expect_in "every figure carried, from 2018" "$OUT" "2019,2016 2017,,658,11,Editie 2019,2018,,,2018,658"
after=$("$LADDER" show --area 31003 --year 2017 --edition 2019 --format csv --db $DB | cut -d, -f4-)
if [[ $before == "$after" ]]; then t_ok; else t_fail "the carried edition shows what 2018 showed, hidden cells hidden" "$(diff <(echo "$before") <(echo "$after"))"; fi
expect_in "a small count stays hidden" "$after" "work_form_persons,4,starterslabo,,confidential"
run editions new 2019 --from 2018 --db $DB
expect_rc "an edition with figures cannot start again" 2
run editions new 2020 --from 1999 --db $DB
expect_rc "an unknown edition to carry from" 2
run editions list --db $DB --format csv
expect_not_in "all or nothing: no edition 2020 left behind" "$OUT" $'\n'"2020,"

# ---- replaced figure by figure
printf 'year,area,work_form,persons,edition\n2017,30000,totaal,56.800,2019\n2017,31003,tat,16,2019\n' >part.csv
run import part.csv --db $DB --lang en
expect_rc "an import replaces carried figures without --replace" 0
expect_in "both replaced (one with the same value: now the edition's own)" "$OUT" "2 replaced"
run editions list --db $DB --format csv
expect_in "the others stay carried" "$OUT" "2019,2016 2017,,658,11,Editie 2019,2018,,,2018,656"
carried=$(sqlite3 $DB "SELECT group_concat(w.code || '=' || f.carried) FROM figure f JOIN edition e ON e.id = f.edition
	JOIN area a ON a.id = f.area JOIN work_form w ON w.id = f.work_form
	WHERE e.code = '2019' AND f.year = 2017 AND ((a.code = '30000' AND w.code IN ('totaal', 'trede5')) OR (a.code = '31003' AND w.code = 'tat'))
	ORDER BY w.code")
expect_in "imported: not carried" "$carried" "totaal=0"
expect_in "same value imported: not carried" "$carried" "tat=0"
expect_in "not imported: carried" "$carried" "trede5=1"
run show --area 30000 --year 2017 --edition 2019 --format csv --db $DB
expect_in "the new figure" "$OUT" "30000,2017,2019,total,,totaal,56800,"
expect_in "a carried figure beside it" "$OUT" "30000,2017,2019,rung_persons,5,,44672,"
printf 'year,area,work_form,persons,edition\n2017,30000,totaal,56.900,2019\n' >again.csv
run import again.csv --db $DB
expect_rc "a figure of the edition's own is not overwritten without --replace" 2
t_finish
