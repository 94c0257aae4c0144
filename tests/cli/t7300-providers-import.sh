#!/usr/bin/env bash
# t7300-providers-import: the survey's register (issue 17). Providers and
# sites import, told apart by their headers, listed and shown; a re-import
# changes nothing; a malformed file is refused whole with file:line:column,
# the column and what was expected, and the database is left as it was.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$PWD/t.db
cat >providers.csv <<'CSV'
provider,name,contact,enterprise_number
azi-brugge,AZI Brugge vzw,info@azi-brugge.be,0123.456.749
azi-gent,AZI Gent,survey@azigent.be,
CSV
cat >sites.csv <<'CSV'
provider,site,name,area,work_form,valid_from,valid_to
azi-brugge,hoofd,Hoofdzetel,31005,arbeidszorg_welzijn,,
azi-brugge,hoofd,Hoofdzetel,31005,arbeidszorg_ggz,,
azi-brugge,oost,Afdeling Oost,31022,arbeidszorg_welzijn,,2016-12-31
azi-gent,centrum,Centrum,44021,arbeidszorg_welzijn,2010-01-01,
CSV
reset_db() {
	init_db "$DB"
	"$LADDER" providers import --db "$DB" providers.csv sites.csv >/dev/null || die "providers import failed"
}
reset_db
run providers list --db "$DB" --format csv
expect_rc "list" 0
expect_in "list" "$OUT" "azi-brugge,AZI Brugge vzw,0123.456.749,info@azi-brugge.be,2"
expect_in "list" "$OUT" "azi-gent,AZI Gent,,survey@azigent.be,1"
run providers show azi-brugge --db "$DB" --format csv
expect_in "show: one row per site and work form" "$OUT" "hoofd,Hoofdzetel,31005,Brugge,arbeidszorg_ggz,,"
expect_in "show: a closed site" "$OUT" "oost,Afdeling Oost,31022,Oostkamp,arbeidszorg_welzijn,,2016-12-31"
run providers show nobody --db "$DB"
expect_rc "show unknown" 2
expect_in "show unknown" "$ERR" "nobody"

db_snapshot
run providers import --db "$DB" providers.csv sites.csv
expect_rc "re-import" 0
expect_unchanged "re-import changes nothing"

# a site that stops running a work form: the sites file says it all
grep -v arbeidszorg_ggz sites.csv >sites2.csv
run providers import --db "$DB" sites2.csv
expect_rc "fewer work forms" 0
run providers show azi-brugge --db "$DB" --format csv
expect_not_in "work form dropped" "$OUT" "arbeidszorg_ggz"
reset_db
db_snapshot

refused() { # refused WHAT FILE FRAGMENT...
	local what=$1 file=$2
	shift 2
	run providers import --db "$DB" "$file"
	expect_rc "$what" 2
	local f
	for f; do expect_in "$what" "$ERR" "$f"; done
	expect_unchanged "$what"
}
cat >bad-sites.csv <<'CSV'
provider,site,name,area,work_form
azi-brugge,hoofd,Andere naam,31005,arbeidszorg_welzijn
nobody,x,X,31005,arbeidszorg_welzijn
azi-gent,y,Y,30000,arbeidszorg_welzijn
azi-gent,z,Z,99999,arbeidszorg_welzijn
azi-gent,w,W,44021,nope
azi-gent,Bad Code,V,44021,arbeidszorg_welzijn
CSV
refused "malformed sites" bad-sites.csv \
	"bad-sites.csv:3:1: kolom 'provider': onbekende aanbieder 'nobody'" \
	"bad-sites.csv:4:14: kolom 'area': een vestiging ligt in een gemeente" \
	"bad-sites.csv:5:14: kolom 'area': onbekend gebied '99999'" \
	"bad-sites.csv:6:20: kolom 'work_form': onbekende werkvorm 'nope'" \
	"bad-sites.csv:7:10: kolom 'site': verwacht een code"
printf 'provider,site,name,area,work_form\nazi-gent,a,A,44021,arbeidszorg_welzijn\nazi-gent,a,B,44021,arbeidszorg_ggz\n' >disagree.csv
refused "rows of a site disagree" disagree.csv "disagree.csv:3:12: kolom 'name': vestiging 'a' van 'azi-gent' heeft name 'A' op regel 2"
printf 'provider,site,name,area,work_form,valid_from,valid_to\nazi-gent,a,A,44021,arbeidszorg_welzijn,2017-02-30,\nazi-gent,b,B,44021,arbeidszorg_welzijn,2018-01-01,2017-01-01\n' >dates.csv
refused "bad dates" dates.csv "dates.csv:2:40: kolom 'valid_from': verwacht een datum" "dates.csv:3:51: kolom 'valid_to': een vestiging sluit na ze opent"
# a merged municipality is not on today's map: its successor is named
printf 'provider,site,name,area,work_form\nazi-gent,a,A,44011,arbeidszorg_welzijn\n' >merged.csv
refused "merged municipality" merged.csv "merged.csv:2:14: kolom 'area': gebied '44011' staat niet op de kaart van"
printf 'provider,name,contact,enterprise_number\nx,X,nomail,0123.456.789\n,Y,a@b.be,\nazi-gent,X,a@b.be,\nazi-gent,X,a@b.be,\n' >bad-providers.csv
refused "malformed providers" bad-providers.csv \
	"bad-providers.csv:2:5: kolom 'contact': verwacht een e-mailadres, gekregen 'nomail'" \
	"bad-providers.csv:2:12: kolom 'enterprise_number': verwacht een ondernemingsnummer" \
	"bad-providers.csv:3:1: kolom 'provider': verwacht een code" \
	"bad-providers.csv:5:1: kolom 'provider': 'azi-gent' staat al op regel 4"
# all or nothing over files: a good providers file and a bad sites file
printf 'provider,name,contact\nnew-one,Nieuw,a@b.be\n' >good.csv
run providers import --db "$DB" good.csv bad-sites.csv
expect_rc "good then bad" 2
expect_unchanged "good then bad: nothing written"
printf 'year,area,work_form,persons\n2017,31005,arbeidszorg_welzijn,3\n' >figures.csv
refused "a figures file" figures.csv "figures.csv:1:1: kopregel: dit is een bestand van soort figures; verwacht een bestand van soort providers/sites"
t_finish
