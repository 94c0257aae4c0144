#!/usr/bin/env bash
# t0100-geography: structural checks on data/ref/areas.csv (Flemish Region,
# provinces, arrondissements, the municipalities since 1977 with their
# lifetimes: 308 on the map of 2017, 300 of 2019, 285 of 2025) and, when
# available, a cross-check of the map of 2019 against an independent
# reference list of the 300 Flemish municipalities of 2019.
#
# Reference path: $LADDER_REFERENCE_CSV, default
#   <repo>/../shared/reference/flemish-municipalities-2019.csv
# (columns nis,name_nl,arrondissement_nl,province_nl,...; a UTF-8 BOM and
# CRLF line endings are tolerated).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
areas="$repo_root/data/ref/areas.csv"
reference="${LADDER_REFERENCE_CSV:-$repo_root/../shared/reference/flemish-municipalities-2019.csv}"
name=t0100-geography

fail() { printf '%s: FAIL: %s\n' "$name" "$*" >&2; exit 1; }

[[ -f "$areas" ]] || fail "missing $areas"

export LC_ALL=C

# Minimal RFC 4180 field splitter (no embedded newlines), shared by both
# awk programs below. Fills F[1..n], returns n, or -1 on a malformed line.
csv_awk='
function csvsplit(line,    n, i, c, f, inq, len) {
    n = 0; f = ""; inq = 0; len = length(line)
    for (i = 1; i <= len; i++) {
        c = substr(line, i, 1)
        if (inq) {
            if (c == "\"") {
                if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ }
                else inq = 0
            } else f = f c
        } else if (c == "\"") {
            if (f != "") return -1
            inq = 1
        } else if (c == ",") {
            F[++n] = f; f = ""
        } else f = f c
    }
    if (inq) return -1
    F[++n] = f
    return n
}
'

# ---------------------------------------------------------------- structure
rc=0
errors=$(awk "$csv_awk"'
function err(msg) { print "areas.csv:" NR ": " msg; nerr++ }
BEGIN { want = "code,name_nl,name_en,level,parent,valid_from,valid_to" }
NR == 1 {
    if (substr($0, 1, 3) == "\357\273\277") err("file starts with a UTF-8 BOM")
    if ($0 != want) err("bad header: [" $0 "], want [" want "]")
    next
}
{
    if ($0 ~ /\r$/) { err("CR line ending"); sub(/\r$/, "") }
    if ($0 == "") { err("empty line"); next }
    n = csvsplit($0)
    if (n != 7) { err("expected 7 fields, got " n); next }
    code = F[1]; lvl = F[4]; par = F[5]
    if (code !~ /^[0-9][0-9][0-9][0-9][0-9]$/) err("code [" code "] is not 5 digits")
    if (code in level) err("duplicate code " code)
    if (F[2] == "") err("empty name_nl for " code)
    if (F[2] ~ /^ | $/) err("name_nl for " code " has surrounding blanks")
    if (F[6] != "" && F[6] !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) err("bad valid_from [" F[6] "] for " code)
    if (F[7] != "" && F[7] !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) err("bad valid_to [" F[7] "] for " code)
    if (lvl != "region" && lvl != "province" && lvl != "arrondissement" && lvl != "municipality")
        err("unknown level [" lvl "] for " code)
    level[code] = lvl; parent[code] = par; line[code] = NR
    count[lvl]++
    if (F[6] != "" && F[7] != "" && F[6] > F[7]) err(code " ends before it starts")
    if (lvl == "municipality")
        for (k = 1; k <= 3; k++) {
            y = k == 1 ? 2017 : k == 2 ? 2019 : 2025; d = y "-01-01"
            if ((F[6] == "" || F[6] <= d) && (F[7] == "" || F[7] >= d)) onmap[y]++
        }
    order[++rows] = code
    if (lvl == "municipality") {
        if (prevmun != "" && code <= prevmun) err("municipality " code " not sorted by code (after " prevmun ")")
        prevmun = code
        if (par != substr(code, 1, 2) "000")
            err("municipality " code " has parent " par ", want " substr(code, 1, 2) "000")
    }
    if (lvl == "region" && par != "") err("region " code " has parent [" par "]")
}
END {
    split("region 1 province 5 arrondissement 22 municipality 327", w, " ")
    for (i = 1; i < 8; i += 2)
        if (count[w[i]] + 0 != w[i + 1] + 0)
            { print "areas.csv: " w[i] " count " count[w[i]] + 0 ", want " w[i + 1]; nerr++ }
    split("2017 308 2019 300 2025 285", w, " ")
    for (i = 1; i < 6; i += 2)
        if (onmap[w[i]] + 0 != w[i + 1] + 0)
            { print "areas.csv: " onmap[w[i]] + 0 " municipalities on the map of " w[i] ", want " w[i + 1]; nerr++ }
    want_parent["province"] = "region"
    want_parent["arrondissement"] = "province"
    want_parent["municipality"] = "arrondissement"
    for (r = 1; r <= rows; r++) {
        c = order[r]; lvl = level[c]
        if (!(lvl in want_parent)) continue
        p = parent[c]
        if (p == "") { print "areas.csv:" line[c] ": " lvl " " c " has no parent"; nerr++; continue }
        if (!(p in level)) { print "areas.csv:" line[c] ": parent " p " of " c " does not exist"; nerr++; continue }
        if (level[p] != want_parent[lvl]) {
            print "areas.csv:" line[c] ": parent " p " of " lvl " " c " is a " level[p] ", want " want_parent[lvl]
            nerr++
        }
    }
    exit nerr > 0
}' "$areas") || rc=$?
[[ -z "$errors" && $rc -eq 0 ]] || { printf '%s\n' "$errors" >&2; fail "structural checks on data/ref/areas.csv"; }
echo "$name: structure ok (1 region, 5 provinces, 22 arrondissements, 327 municipalities: 308 in 2017, 300 in 2019, 285 in 2025)"

# ------------------------------------------------------------ cross-check
if [[ ! -f "$reference" ]]; then
    echo "skip cross-check: reference not found"
    echo "$name: ok"
    exit 0
fi

rc=0
diffs=$(awk "$csv_awk"'
function clean(s) { sub(/\r$/, "", s); return s }
# pass 1: our file
FNR == 1 && NR == 1 { next }
NR == FNR {
    csvsplit(clean($0))
    lvl[F[1]] = F[4]; nm[F[1]] = F[2]; par[F[1]] = F[5]
    if (F[4] == "municipality" && (F[6] == "" || F[6] <= "2019-01-01") && (F[7] == "" || F[7] >= "2019-01-01")) ours[F[1]] = 1
    next
}
# pass 2: reference
FNR == 1 {
    h = clean($0)
    if (substr(h, 1, 3) == "\357\273\277") h = substr(h, 4)
    n = csvsplit(h)
    for (i = 1; i <= n; i++) col[F[i]] = i
    if (!("nis" in col) || !("name_nl" in col) || !("arrondissement_nl" in col) || !("province_nl" in col)) {
        print "reference: header lacks nis/name_nl/arrondissement_nl/province_nl: " h; bad = 1; exit 1
    }
    next
}
{
    l = clean($0)
    if (l == "") next
    if (csvsplit(l) < 0) { print "reference:" FNR ": malformed line"; nd++; next }
    c = F[col["nis"]]; rn = F[col["name_nl"]]; ra = F[col["arrondissement_nl"]]; rp = F[col["province_nl"]]
    if (c in seen) { print "reference: duplicate nis " c; nd++; next }
    seen[c] = 1
    if (!(c in ours)) { print "missing in areas.csv: " c " " rn " (" ra ", " rp ")"; nd++; next }
    if (nm[c] != rn) { print "name differs for " c ": ours [" nm[c] "], reference [" rn "]"; nd++ }
    a = par[c]; p = par[a]
    if (nm[a] != ra) { print "arrondissement differs for " c " " rn ": ours " a " [" nm[a] "], reference [" ra "]"; nd++ }
    if (nm[p] != rp) { print "province differs for " c " " rn ": ours " p " [" nm[p] "], reference [" rp "]"; nd++ }
}
END {
    if (bad) exit 1
    for (c in ours) if (!(c in seen)) { print "not in reference: " c " " nm[c]; nd++ }
    exit nd > 0
}' "$areas" "$reference") || rc=$?
if [[ -n "$diffs" || $rc -ne 0 ]]; then
    printf '%s\n' "$diffs" | sort >&2
    fail "cross-check against $reference: $(printf '%s\n' "$diffs" | wc -l) difference(s)"
fi
echo "$name: cross-check ok against $reference"
echo "$name: ok"
