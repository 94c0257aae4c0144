#!/usr/bin/env bash
# t8300-area-off-map-wording: an area off the map of the year asked is
# refused by show and series with the importer's own reason and way out
# (model_area_off_map_reason: what it became, or what its territory was
# before), in Dutch and in English with --lang en; the import says the
# same words. Show once said only "(geldig '2019-01-01' tot '')".
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=geo.db
init_db "$DB"
DEINZE_NL="44083 Deinze bestaat vanaf 2019-01-01; daarvoor was het grondgebied 44011 Deinze en 44049 Nevele"
DEINZE_EN="44083 Deinze exists from 2019-01-01; before, its territory was 44011 Deinze and 44049 Nevele"
NEVELE_NL="44049 Nevele hoort bij 44083 Deinze sinds 2019-01-01"

# show: a municipality made in 2019 asked for 2005
run --db "$DB" show --area 44083 --year 2005
expect_rc "show new Deinze in 2005" nonzero
expect_error_line "show new Deinze in 2005" \
	"ladder: --area: 44083 Deinze staat niet op de kaart van 2005: $DEINZE_NL; kies het gebied van die kaart, of --geography met een jaar waarin het bestaat"
run --db "$DB" --lang en show --area 44083 --year 2005
expect_error_line "show new Deinze in 2005, English" \
	"ladder: --area: 44083 Deinze is not on the map of 2005: $DEINZE_EN; choose the area of that map, or --geography with a year it is on"
expect_not_in "no raw validity period" "$ERR" "tot ''"

# show: a municipality merged away, asked after its merger
run --db "$DB" show --area 44049 --year 2025
expect_rc "show old Nevele in 2025" nonzero
expect_in "show old Nevele in 2025" "$ERR" "staat niet op de kaart van 2025: $NEVELE_NL;"
# Borsbeek into Antwerpen: the same code kept, the successor named
run --db "$DB" --lang en show --area 11007 --year 2025
expect_in "show Borsbeek in 2025, English" "$ERR" "11007 Borsbeek is part of 11002 Antwerpen since 2025-01-01"

# series on a chosen map: the same reason (needs ladder-full)
if [[ -x "$(dirname "$LADDER")/ladder-full" ]]; then
	run --db "$DB" --geography 2017 series --area 44083 --form tat
	expect_rc "series new Deinze on the 2017 map" nonzero
	expect_in "series new Deinze on the 2017 map" "$ERR" "staat niet op de kaart van 2017: $DEINZE_NL;"
fi

# the import words it the same
printf 'year,area,work_form,persons,edition\n2017,44083,tat,7,2018\n' >deinze.csv
run import --db "$DB" deinze.csv
expect_rc "import new Deinze in 2017" nonzero
expect_in "import new Deinze in 2017" "$ERR" "gebied '44083' staat niet op de kaart van 2017: $DEINZE_NL"
run --lang en import --db "$DB" deinze.csv
expect_in "import new Deinze in 2017, English" "$ERR" "area '44083' is not on the map of 2017: $DEINZE_EN"
t_finish
