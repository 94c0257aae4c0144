#!/usr/bin/env bash
# t7310-survey-open-links: a round is opened for the providers running its
# work forms in its year; `survey links` issues each a secret link (a url
# column, /survey/<token> or the whole address with --base-url) and stores
# only the token's SHA-256; issuing again replaces the link (the old hash is
# gone); wrong work forms, dates and a second round of the same year and
# edition are refused.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=$PWD/t.db
init_db "$DB"
cat >providers.csv <<'CSV'
provider,name,contact
azi-brugge,AZI Brugge vzw,info@azi-brugge.be
azi-gent,AZI Gent,survey@azigent.be
ggz-kortrijk,GGZ Kortrijk,data@ggzk.be
closed-one,Gesloten,x@y.be
CSV
cat >sites.csv <<'CSV'
provider,site,name,area,work_form,valid_from,valid_to
azi-brugge,hoofd,Hoofdzetel,31005,arbeidszorg_welzijn,,
azi-gent,centrum,Centrum,44021,arbeidszorg_welzijn,,
ggz-kortrijk,k1,Kortrijk,34022,arbeidszorg_ggz,,
closed-one,a,A,31005,arbeidszorg_welzijn,,2016-12-31
CSV
"$LADDER" providers import --db "$DB" providers.csv sites.csv >/dev/null || die "providers import failed"

run survey links --db "$DB"
expect_rc "links before any round" 2
run survey open --db "$DB" --year 2017 --edition 2018 --work-forms arbeidszorg_welzijn,nope
expect_rc "unknown work form" 64
expect_in "unknown work form" "$ERR" "'nope'"
run survey open --db "$DB" --year 2017 --edition 2018 --work-forms arbeidszorg_welzijn --closes 2018-02-30
expect_rc "bad closing date" 64
run survey open --db "$DB" --year 2017 --edition 2018 --work-forms arbeidszorg_welzijn --closes 2018-03-31 --lang en
expect_rc "open" 0
expect_in "open: who is asked" "$OUT" "2 providers asked"
expect_in "open: ggz and the closed site are not" "$(sqlite3 "$DB" "SELECT group_concat(p.code) FROM survey_invite i JOIN provider p ON p.id = i.provider")" "azi-brugge,azi-gent"
run survey open --db "$DB" --year 2017 --edition 2018 --work-forms arbeidszorg_ggz
expect_rc "the same round again" 2
expect_in "no token before links" "$(sqlite3 "$DB" "SELECT count(*) FROM survey_invite WHERE token_hash IS NULL")" "2"

run survey links --db "$DB" --format csv
expect_rc "links" 0
header=$(printf '%s\n' "$OUT" | head -1)
expect_in "links: header" "$header" "provider,name,contact,url"
expect_in "links: a path" "$OUT" "azi-brugge,AZI Brugge vzw,info@azi-brugge.be,/survey/"
tok=$(printf '%s\n' "$OUT" | awk -F, '$1 == "azi-brugge" { sub(".*/survey/", "", $4); print $4 }')
if [[ $tok =~ ^[A-Za-z0-9_-]{43}$ ]]; then t_ok; else t_fail "token shape: '$tok'"; fi
# only the hash is stored: the token itself is nowhere in the database
hash=$(printf '%s' "$tok" | sha256sum | cut -d' ' -f1)
stored=$(sqlite3 "$DB" "SELECT lower(hex(token_hash)) FROM survey_invite i JOIN provider p ON p.id = i.provider WHERE p.code = 'azi-brugge'")
expect_in "the SHA-256 is stored" "$stored" "$hash"
if grep -q -- "$tok" "$DB" "$DB-wal" 2>/dev/null; then t_fail "the token is in the database file"; else t_ok; fi

# again, for one provider, whole links: Brugge's old link stops working
run survey links --db "$DB" --format csv --provider azi-brugge --base-url https://ladder.example.be/
expect_rc "re-issue" 0
expect_in "re-issue: whole address" "$OUT" "azi-brugge,AZI Brugge vzw,info@azi-brugge.be,https://ladder.example.be/survey/"
expect_not_in "re-issue: only Brugge" "$OUT" "azi-gent"
stored2=$(sqlite3 "$DB" "SELECT lower(hex(token_hash)) FROM survey_invite i JOIN provider p ON p.id = i.provider WHERE p.code = 'azi-brugge'")
if [[ -n $stored2 && $stored2 != "$stored" ]]; then t_ok; else t_fail "re-issue: the hash did not change"; fi
run survey links --db "$DB" --provider ggz-kortrijk
expect_rc "a provider not asked" 2
run survey links --db "$DB" --base-url ftp://x
expect_rc "a base url that is no web address" 64
# nothing of the survey in what is published
run editions list --db "$DB" --format csv
expect_not_in "no edition 2018 before the close" "$OUT" "2018"
t_finish
