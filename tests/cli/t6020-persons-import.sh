#!/usr/bin/env bash
# t6020-persons-import: ladder persons import stores the unique persons per
# area and work form on a date as figures of an edition (through the
# importer: a batch, all or nothing), with the provenance in the rows' note
# (episode file, its SHA-256, date, precedence, places beside persons);
# person ids never reach the database.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run init --db l.db
expect_rc "init" 0
{
	echo person,work_form,area,start,end
	for p in A B C D E F; do echo "SECRET$p,wep_plus,31005,2019-06-01,2020-06-01"; done
	echo SECRETA,arbeidszorg_se,31005,2019-01-01,
	echo SECRETB,arbeidszorg_se,31005,2019-01-01,2020-01-01
	for p in G H I J K; do echo "SECRET$p,maatwerkbedrijf,31003,2018-01-01,"; done
	echo SECRETL,wep_plus,31005,2021-01-01,
} >ep.csv
sha=$(sha256sum ep.csv | cut -c1-64)
run persons import --date 2020-01-01 --edition 2021 ep.csv --db l.db --dry-run
expect_rc "dry run" 0
run export csv --year 2020 --db l.db
expect_not_in "dry run wrote nothing" "$OUT" "wep_plus"
run persons import --date 2020-01-01 --edition 2021 ep.csv --db l.db --lang en
expect_rc "import" 0
expect_in "import report" "$OUT" "ep.csv (persons on 2020-01-01)"
run export csv --year 2020 --edition 2021 --reported --db l.db
expect_rc "export" 0
expect_in "six persons on wep_plus in Brugge (two of them in two places: counted once)" "$OUT" "2020,31005,wep_plus,6"
expect_not_in "arbeidszorg_se not counted: wep_plus ranks higher" "$OUT" "arbeidszorg_se"
expect_in "Blankenberge (31003)" "$OUT" "2020,31003,maatwerkbedrijf,5"
expect_in "provenance: the episode file's SHA-256" "$OUT" "$sha"
expect_in "provenance: places per person in the area" "$OUT" "in 31005 6 persons in 8 places (1.33 places per person)"
run batches list --db l.db --format csv
expect_in "a batch" "$OUT" "ep.csv (persons on 2020-01-01)"
run persons import --date 2020-01-01 --edition 2021 ep.csv --db l.db --lang en
expect_in "again: nothing changed" "$OUT" "nothing changed"
if grep -qa SECRET l.db; then t_fail "a person id reached the database"; else t_ok; fi

# the provenance in the user's language: Dutch by default
cp ep.csv ep-nl.csv
run init --db nl.db
run persons import --date 2020-01-01 --edition 2021 ep-nl.csv --db nl.db
expect_rc "import in Dutch" 0
expect_in "the batch in Dutch" "$OUT" "ep-nl.csv (personen op 2020-01-01)"
run export csv --year 2020 --edition 2021 --reported --db nl.db
expect_in "provenance in Dutch, decimal comma" "$OUT" "in 31005 6 personen op 8 plaatsen (1,33 plaatsen per persoon)"

# a label that is not a work form of the catalogue cannot be stored
printf 'person,work_form,area,start,end,rung\nSECRETE,own_label,31005,2019-01-01,,4\n' >label.csv
run persons import --date 2020-01-01 --edition 2022 label.csv --db l.db
expect_rc "unknown label refused" 2
expect_in "says which" "$ERR" "werkvorm 'own_label' staat niet in de catalogus"
run editions list --db l.db --format csv
expect_not_in "nothing of it written" "$OUT" "2022"

t_finish
