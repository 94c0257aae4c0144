#!/usr/bin/env bash
# t7400-survey-security: the survey form of `ladder serve --survey` against
# what an attacker can send (issue 17, item 4), on 127.0.0.1:
#   - off without --survey (404, POST 405); with it, POST only on /survey/;
#   - wrong, malformed, expired (past --closes) and closed rounds' tokens,
#     another provider's csrf and fields;
#   - missing, wrong and replayed csrf; a POST from another site;
#   - oversized (Content-Length and chunked), malformed, too many fields,
#     not a form;
#   - 10 000 guessed tokens: rate-limited, none accepted, the address
#     blocked even for a right token while another address is served;
#     --behind-proxy counts X-Forwarded-For's client, without it the
#     header is ignored;
#   - the survey's headers (no-store, no framing, no referrer), nothing of
#     it in the dashboard or the API;
#   - TLS through libmicrohttpd (--tls-cert, --tls-key).
# Nothing refused is saved (versions counted in the database).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/survey_web_lib.sh"
command -v curl >/dev/null || die "curl not found"
command -v sqlite3 >/dev/null || die "sqlite3 not found"
command -v python3 >/dev/null || die "python3 not found"
command -v openssl >/dev/null || die "openssl not found (scripts/install-deps.sh installs it)"
trap 'survey_stop; rm -rf "$T_TMP"' EXIT

DB=$PWD/s.db
survey_db "$DB"
# an expired round: 2016, whose form closed on 2017-03-31
"$LADDER" survey open --db "$DB" --year 2016 --edition 2017 --work-forms arbeidszorg_ggz --closes 2017-03-31 >/dev/null ||
	die "survey open 2016 failed"
"$LADDER" survey links --db "$DB" --year 2016 --edition 2017 --format csv >links2016.csv || die "links 2016 failed"
EXPIRED=$(awk -F, '$1 == "azi-kortrijk" { print $NF }' links2016.csv)
A=$(link azi-brugge)
B=$(link azi-kortrijk)
[[ -n $A && -n $B && -n $EXPIRED ]] || die "no links: $(cat links.csv)"

# code URL [CURL ARGS...] : the HTTP status; the body goes to body.html
code() {
	local url=$1
	shift
	curl -s -o body.html -w '%{http_code}' "$@" "$SBASE$url"
}
expect_code() { # WHAT WANT GOT
	if [[ $3 == "$2" ]]; then t_ok; else t_fail "$1: HTTP $3, expected $2" "$(head -c 600 body.html)"; fi
}
expect_versions() { # WHAT PROVIDER N
	local n
	n=$(versions "$2")
	if [[ $n == "$3" ]]; then t_ok; else t_fail "$1: $2 has $n versions, expected $3"; fi
}

# ---- off without --survey
survey_serve "$DB"
expect_code "without --survey, no form" 404 "$(code "$A")"
expect_code "without --survey, no POST" 405 "$(code "$A" -d 'a=1')"
survey_stop

survey_serve "$DB" --survey
# ---- the form, its headers
hdr=$(curl -s -D - -o form-a.html "$SBASE$A")
expect_in "the form is served" "$hdr" "200 OK"
expect_in "no-store" "$hdr" "Cache-Control: no-store"
expect_in "no framing" "$hdr" "frame-ancestors 'none'"
expect_in "no framing (old browsers)" "$hdr" "X-Frame-Options: DENY"
expect_in "no referrer" "$hdr" "Referrer-Policy: no-referrer"
expect_in "the contract: a POST form" "$(cat form-a.html)" '<form method="post"'
expect_in "the contract: a number per site and work form" "$(cat form-a.html)" 'name="persons.brugge-centrum.arbeidszorg_ggz"'
expect_in "the contract: buttons" "$(cat form-a.html)" 'name="submit" value="final"'
expect_not_in "no script on the form" "$(cat form-a.html)" "<script"
CSRF_A=$(csrf_of form-a.html)
[[ ${#CSRF_A} -eq 80 ]] && t_ok || t_fail "the form has a csrf field" "$(head -c 400 form-a.html)"
expect_code "POST elsewhere stays 405" 405 "$(code / -d 'a=1')"
expect_code "POST to the API stays 405" 405 "$(code /api/v1/areas -d 'a=1')"

# ---- tokens
expect_code "a wrong token" 404 "$(code /survey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA)"
expect_code "a malformed token" 404 "$(code "/survey/x'%3Cscript%3E")"
expect_code "a token cut short" 404 "$(code "${A%?}")"
expect_code "below a token" 404 "$(code "$A/nothing")"
expect_code "an expired round's token" 410 "$(code "$EXPIRED")"
expect_in "... says when it closed" "$(cat body.html)" "2017-03-31"
expect_code "an expired round takes no answer" 410 "$(code "$EXPIRED" -d "csrf=$CSRF_A&submit=draft")"
expect_versions "expired round" azi-kortrijk 0

# ---- csrf
fields="persons.brugge-centrum.arbeidszorg_ggz=3&persons.brugge-centrum.arbeidszorg_vaph=4&persons.assebroek.arbeidszorg_se=5"
expect_code "no csrf" 403 "$(code "$A" -d "$fields&submit=draft")"
expect_in "... the values come back" "$(cat body.html)" 'name="persons.assebroek.arbeidszorg_se" min="0" step="1" inputmode="numeric" value="5"'
expect_code "a forged csrf" 403 "$(code "$A" -d "csrf=$(printf '%080d' 7)&$fields&submit=draft")"
curl -s -o form-b.html "$SBASE$B"
CSRF_B=$(csrf_of form-b.html)
expect_code "another provider's csrf" 403 "$(code "$A" -d "csrf=$CSRF_B&$fields&submit=draft")"
expect_code "a csrf on another provider's link" 403 "$(code "$B" -d "csrf=$CSRF_A&persons.kortrijk.arbeidszorg_ggz=1&submit=draft")"
expect_code "another provider's fields" 400 "$(code "$A" -d "csrf=$CSRF_A&persons.kortrijk.arbeidszorg_ggz=1&submit=draft")"
expect_code "from another site" 403 "$(code "$A" -H 'Sec-Fetch-Site: cross-site' -d "csrf=$CSRF_A&$fields&submit=draft")"
expect_versions "nothing saved so far" azi-brugge 0
expect_versions "nothing saved so far" azi-kortrijk 0
expect_code "a draft" 200 "$(code "$A" -d "csrf=$CSRF_A&$fields&submit=draft")"
expect_in "... acknowledged as version 1" "$(cat body.html)" 'data-version="1"'
expect_code "the same POST again" 409 "$(code "$A" -d "csrf=$CSRF_A&$fields&submit=draft")"
expect_code "... and again as final" 409 "$(code "$A" -d "csrf=$CSRF_A&$fields&submit=final")"
expect_versions "one version after the replays" azi-brugge 1

# ---- bodies
curl -s -o form-a.html "$SBASE$A"
CSRF_A=$(csrf_of form-a.html)
head -c 200000 /dev/zero | tr '\0' 'a' >big
expect_code "an oversized body" 413 "$(code "$A" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @big)"
expect_code "an oversized chunked body" 413 "$(code "$A" -H 'Content-Type: application/x-www-form-urlencoded' \
	-H 'Transfer-Encoding: chunked' -H 'Expect:' --data-binary @big)"
expect_code "a malformed body" 400 "$(code "$A" -d "csrf=$CSRF_A&submit=draft&x=%zz")"
expect_code "a field twice" 400 "$(code "$A" -d "csrf=$CSRF_A&submit=draft&submit=final")"
python3 -c 'print("&".join("f%d=1" % i for i in range(3000)), end="")' >many
expect_code "too many fields" 400 "$(code "$A" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @many)"
expect_code "not a form" 415 "$(code "$A" -H 'Content-Type: text/plain' --data-binary "csrf=$CSRF_A&submit=draft")"
expect_code "multipart" 415 "$(code "$A" -F "csrf=$CSRF_A" -F submit=draft)"
expect_code "not a number" 422 "$(code "$A" -d "csrf=$CSRF_A&persons.assebroek.arbeidszorg_se=-3&submit=draft")"
CSRF_A=$(csrf_of body.html) # the refused form's answer carries a fresh one
expect_code "not a number on the reference date" 422 "$(code "$A" -d "csrf=$CSRF_A&reference.assebroek.arbeidszorg_se=1,5&submit=draft")"
expect_versions "nothing saved by bad bodies" azi-brugge 1
expect_code "the server still answers" 200 "$(code "$A")"

# ---- nothing of the survey in the dashboard or the API
pub=$(for u in / /api/v1/ /api/v1/areas /api/v1/work_forms /api/v1/editions "/area/31005?year=2017"; do curl -s "$SBASE$u"; done)
expect_not_in "no provider in the dashboard and API" "$pub" "AZI Brugge"
expect_not_in "no contact in the dashboard and API" "$pub" "azi-brugge.example"
expect_not_in "no token in the dashboard and API" "$pub" "${A#/survey/}"

# ---- guessing: 10 000 tokens, none accepted; the address is then refused
# (curl: one kept-alive connection; token-shaped guesses and some others)
# (the random lines go through a file: a pipe cut short by head would end
# the script by SIGPIPE under pipefail)
head -c 330000 /dev/urandom | base64 -w 43 >guesses.raw
head -10000 guesses.raw | tr '+/' '-_' |
	awk -v b="$SBASE" 'NR % 100 == 0 { $0 = substr($0, 1, NR % 43) } { printf "url = \"%s/survey/%s\"\noutput = \"/dev/null\"\n", b, $0 }' >guesses.cfg
start=$(date +%s.%N)
res=$(curl -s -K guesses.cfg -w '%{http_code}\n' | sort | uniq -c)
secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print int(e - s) + 1 }')
echo "t7400: 10 000 guesses in less than $secs s:" $res
ok=$(awk '$2 == 200 { print $1 }' <<<"$res")
[[ -z $ok ]] && t_ok || t_fail "a guessed token was accepted ($ok times)" "$res"
n404=$(awk '$2 == 404 { print $1 }' <<<"$res")
n429=$(awk '$2 == 429 { print $1 }' <<<"$res")
# 10 allowed at once, then one per 30 s (the wrong tokens of before
# counted too; while refused, every guess counts)
((${n404:-0} <= 10)) && t_ok || t_fail "guesses were not limited: $n404 looked up in $secs s" "$res"
((${n429:-0} >= 9900)) && t_ok || t_fail "guesses were not refused: $n429 429s" "$res"
expect_code "a right token from the blocked address" 429 "$(code "$A")"
expect_in "a refused client is told when to come back" "$(curl -s -D - -o /dev/null "$SBASE$A")" "Retry-After: 30"
expect_code "... X-Forwarded-For is ignored without --behind-proxy" 429 "$(code "$A" -H 'X-Forwarded-For: 203.0.113.7')"
expect_code "a right token from another address" 200 "$(code "$A" --interface 127.0.0.2)"
survey_stop

# ---- behind a proxy: the client is X-Forwarded-For's last address
survey_serve "$DB" --survey --behind-proxy
curl -s -H 'X-Forwarded-For: 198.51.100.1, 203.0.113.9' $(printf "$SBASE/survey/%043d -o /dev/null " $(seq 1 12))
expect_code "behind a proxy: the guessing client is refused" 429 "$(code "$A" -H 'X-Forwarded-For: 203.0.113.9')"
expect_code "behind a proxy: another client is served" 200 "$(code "$A" -H 'X-Forwarded-For: 203.0.113.9, 203.0.113.10')"
CSRF_A=$(csrf_of body.html)
# ---- a closed round: its links open nothing and take nothing
"$LADDER" survey close --db "$DB" --year 2017 --edition 2018 >/dev/null 2>&1 || die "survey close failed"
expect_code "a closed round's token" 410 "$(code "$A" -H 'X-Forwarded-For: 203.0.113.10')"
expect_code "a closed round takes no answer" 410 "$(code "$A" -H 'X-Forwarded-For: 203.0.113.10' -d "csrf=$CSRF_A&$fields&submit=final")"
expect_versions "nothing saved after the close" azi-brugge 1
survey_stop

# ---- TLS through libmicrohttpd
run serve --db "$DB" --survey --tls-cert nothing.pem
expect_rc "--tls-cert without --tls-key" 64
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 2 \
	-subj /CN=127.0.0.1 >/dev/null 2>&1 || die "openssl could not make a certificate"
SCHEME=https survey_serve "$DB" --survey --tls-cert "$PWD/cert.pem" --tls-key "$PWD/key.pem"
hdr=$(curl -sk -D - -o body.html "$SBASE/api/v1/")
expect_in "the API over TLS" "$hdr" "200 OK"
expect_code "a survey link over TLS (the round is closed)" 410 "$(code "$A" -k)"
expect_in "HSTS over TLS" "$hdr" "Strict-Transport-Security: max-age="
plain=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$SPORT/" || true)
[[ $plain != 200 ]] && t_ok || t_fail "plain HTTP answered on the TLS port"
survey_stop
run serve --db "$DB" --survey --tls-cert "$PWD/key.pem" --tls-key "$PWD/cert.pem" --port "$SPORT"
expect_rc "a key and certificate swapped" 2
t_finish
