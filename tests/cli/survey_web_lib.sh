# tests/cli/survey_web_lib.sh - what the survey form's tests (t7400-t7499)
# share. Source after lib.sh.
#
# survey_db DB : a store with four providers (six sites) and the round of
# 2017 (edition 2018) open for three work forms of rung 3; links.csv in the
# current directory holds their links (provider,name,contact,url).
survey_db() {
	local db=$1
	"$LADDER" init --db "$db" >/dev/null || die "ladder init failed"
	cat >providers.csv <<'CSV'
provider,name,contact
azi-brugge,AZI Brugge vzw,info@azi-brugge.example
azi-kortrijk,AZI Kortrijk,kortrijk@example.be
azi-oostende,De Oever,oever@example.be
azi-ieper,Ieper Werkt,ieper@example.be
CSV
	cat >sites.csv <<'CSV'
provider,site,name,area,work_form
azi-brugge,brugge-centrum,Brugge Centrum,31005,arbeidszorg_ggz
azi-brugge,brugge-centrum,Brugge Centrum,31005,arbeidszorg_vaph
azi-brugge,assebroek,Assebroek,31005,arbeidszorg_se
azi-kortrijk,kortrijk,Kortrijk,34022,arbeidszorg_ggz
azi-oostende,oostende,Oostende,35013,arbeidszorg_ggz
azi-ieper,ieper,Ieper,33011,arbeidszorg_se
CSV
	"$LADDER" providers import --db "$db" providers.csv sites.csv >/dev/null || die "providers import failed"
	"$LADDER" survey open --db "$db" --year 2017 --edition 2018 \
		--work-forms arbeidszorg_ggz,arbeidszorg_vaph,arbeidszorg_se >/dev/null || die "survey open failed"
	"$LADDER" survey links --db "$db" --year 2017 --edition 2018 --format csv >links.csv || die "survey links failed"
}
# link PROVIDER : the path of PROVIDER's link in links.csv
link() { awk -F, -v p="$1" '$1 == p { print $NF }' links.csv; }

# survey_serve DB ARGS... : `ladder serve --db DB ARGS...` on a free
# loopback port; sets SPORT, SBASE (http://127.0.0.1:PORT) and SPID.
survey_serve() {
	local db=$1
	shift
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		SPORT=$((20000 + RANDOM % 20000))
		"$LADDER" serve --db "$db" --port "$SPORT" --quiet "$@" >"$T_TMP/sserve.out" 2>"$T_TMP/sserve.err" &
		SPID=$!
		for _ in $(seq 1 50); do
			if curl -ksS -o /dev/null "${SCHEME:-http}://127.0.0.1:$SPORT/api/v1/" 2>/dev/null; then
				SBASE=${SCHEME:-http}://127.0.0.1:$SPORT
				return 0
			fi
			kill -0 "$SPID" 2>/dev/null || break
			sleep 0.05
		done
		kill -KILL "$SPID" 2>/dev/null || true
		wait "$SPID" 2>/dev/null || true
	done
	die "could not start ladder serve $*: $(cat "$T_TMP/sserve.err")"
}
survey_stop() {
	if [[ -n ${SPID:-} ]]; then
		kill -TERM "$SPID" 2>/dev/null || true
		wait "$SPID" 2>/dev/null || true
		SPID=""
	fi
}

# csrf_of FILE : the csrf field of the form in FILE
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$1" | head -1; }
# versions INVITE_PROVIDER : how many versions the provider's invite holds
versions() {
	sqlite3 "$DB" "SELECT count(*) FROM survey_submission s JOIN survey_invite i ON i.id = s.invite
		JOIN provider p ON p.id = i.provider WHERE p.code = '$1'"
}
