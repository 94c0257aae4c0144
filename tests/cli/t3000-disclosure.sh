#!/usr/bin/env bash
# t3000-disclosure: protection of small counts on generated data with many
# small municipalities (bench/gen_small_counts.py: 45 municipalities of
# Antwerp and Flemish Brabant, 3 years, region groupings across
# arrondissements, "not specified" parts), and on the demo:
#   - `disclosure audit` is clean (exit 0) for every published (edition,
#     year); the naive primary-only pattern of the same data is shown exposed
#     (exit 1) with intervals narrower than the protection;
#   - every output format of show hides the confidential cells (x in table
#     and md, empty value + "confidential" in csv, null + "confidential" in
#     json) and explains x in the legend; no published count is 1 to 4;
#   - --unprotected shows them, warns on stderr, and is never the default;
#   - the pattern is the same on every run (two databases built apart, one
#     and three worker threads);
#   - settings: thresholds per level (0 = no rule), unknown keys refused;
#   - keep_previous: a later edition keeps the earlier edition's pattern.
# slow: a minute under ASan (protection and audits of generated years); run-cli.sh starts it first
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GEN=$LADDER_REPO/bench/gen_small_counts.py
python3 "$GEN" "$LADDER_REPO" fig.csv grp.csv --municipalities 45 --years 2016-2018 --edition 2025 --seed 7 2>/dev/null ||
	die "generator failed"

small_counts_db gen.db

# ------------------------------------------------------------------ audit
run --db gen.db disclosure audit
expect_rc "audit of the protected pattern" 0
expect_in "audit says clean" "$OUT" "disclosure audit: in orde"
n=$(grep -c '^editie 2025, jaar 201[678]:.* 0 blootgesteld$' <<<"$OUT" || true)
if [[ $n -eq 3 ]]; then t_ok; else t_fail "audit should list 3 clean publications, found $n" "$OUT"; fi
conf=$(sed -n 's/^editie 2025, jaar 2017: .* \([0-9]*\) vertrouwelijk.*/\1/p' <<<"$OUT")
if [[ ${conf:-0} -gt 50 ]]; then t_ok; else t_fail "generated data should have many confidential cells, got '$conf'" "$OUT"; fi

run --db gen.db disclosure audit --primary-only
expect_rc "audit of the naive primary-only pattern" 1
expect_in "naive pattern exposed" "$OUT" "BLOOTGESTELD"
run --db gen.db --format csv disclosure audit --primary-only --year 2017
expect_rc "naive audit as csv" 1
rows=$(printf '%s\n' "$OUT" | tail -n +2 | grep -c . || true)
if [[ $rows -gt 10 ]]; then t_ok; else t_fail "naive pattern: expected many exposed cells, got $rows" "$OUT"; fi
# every reported interval is narrower than the required width
bad=$(printf '%s\n' "$OUT" | awk -F, 'NR > 1 && $8 != "inf" && $8 - $7 >= $9' | head -3)
if [[ -z $bad ]]; then t_ok; else t_fail "exposed rows whose interval is not narrower than required" "$bad"; fi
run --db gen.db --lang en disclosure audit --primary-only --year 2017
expect_in "english summary" "$OUT" "disclosure audit: EXPOSED:"

# --help does not advertise the demonstration option
run --db gen.db disclosure audit --help
expect_not_in "help hides --primary-only" "$OUT" "primary-only"
run --db gen.db disclosure audit --year 1800
expect_rc "bad year (a usage error)" 64
run --db gen.db disclosure audit --year 2030
expect_rc "year without figures" 2

# ------------------------------------------- every output format hides
# a municipality with hidden cells (from the unprotected vs protected JSON)
pick=$(python3 - "$LADDER" gen.db <<'EOF'
import json, subprocess, sys
L, db = sys.argv[1], sys.argv[2]
areas = json.loads(subprocess.run([L, "--db", db, "--format", "json", "areas", "list", "--level", "municipality"],
                                  capture_output=True, text=True, check=True).stdout)
for a in areas[:60]:
    j = json.loads(subprocess.run([L, "--db", db, "show", "--area", a["code"], "--year", "2017", "--format", "json"],
                                  capture_output=True, text=True).stdout or "{}")
    if any(w.get("persons") is None and "confidential" in w.get("flags", []) for w in j.get("work_forms", [])):
        print(a["code"]); break
EOF
)
[[ -n $pick ]] || die "no municipality with confidential work forms in the generated data"

run --db gen.db show --area "$pick" --year 2017
expect_rc "show table" 0
T=$OUT
if grep -Eq '^[3-6] +[a-z_0-9.]+ .* x$' <<<"$T"; then t_ok; else t_fail "table: no work form shown as x" "$T"; fi
expect_in "table legend" "$T" "x = vertrouwelijk"
expect_not_in "no warning without --unprotected" "$ERR" "unprotected"
run --db gen.db show --area "$pick" --year 2017 --format md
if grep -Eq '^\| [3-6] .*\| +x \|$' <<<"$OUT"; then t_ok; else t_fail "md: no work form shown as x" "$OUT"; fi
expect_in "md legend" "$OUT" "x = vertrouwelijk"
run --db gen.db show --area "$pick" --year 2017 --format csv --lang en
if grep -Eq '^[0-9]+,2017,2025,work_form_persons,[3-6],[a-z_0-9]+,,confidential$' <<<"$OUT"; then t_ok; else
	t_fail "csv: no confidential work form with an empty value" "$OUT"
fi
"$LADDER" --db gen.db show --area "$pick" --year 2017 --format json >pick.json
"$LADDER" --db gen.db show --area "$pick" --year 2017 --format json --unprotected >pick-u.json 2>pick-u.err
json_check "json of $pick" pick.json '
hidden = [w for w in j["work_forms"] if w["persons"] is None]
expect(len(hidden) > 0, "no hidden work form")
for w in hidden:
    expect("confidential" in w["flags"], "%s hidden without the confidential flag: %r" % (w["code"], w["flags"]))
expect("confidential" in j["flags"], "ladder flags lack confidential: %r" % j["flags"])
expect(j["protected"] is True, "protected %r" % j.get("protected"))
u = json.load(open("pick-u.json"))
expect(u["protected"] is False, "unprotected JSON says protected %r" % u.get("protected"))
expect(all(w["persons"] is not None for w in u["work_forms"]), "unprotected hides something")
expect(not any("confidential" in w["flags"] for w in u["work_forms"]), "unprotected still flags confidential")
uw = {w["code"]: w["persons"] for w in u["work_forms"]}
for w in j["work_forms"]:
    if w["persons"] is not None:
        expect(w["persons"] == uw[w["code"]], "%s published %r, true %r" % (w["code"], w["persons"], uw[w["code"]]))
'
expect_in "unprotected warns on stderr" "$(cat pick-u.err)" "--unprotected"

# no count of 1..4 in any published ladder; shares and changes of hidden
# counts are hidden too
python3 - "$LADDER" gen.db >check.out <<'EOF' || true
import json, subprocess, sys
L, db = sys.argv[1], sys.argv[2]
def js(*a):
    p = subprocess.run([L, "--db", db] + list(a), capture_output=True, text=True)
    return json.loads(p.stdout) if p.returncode == 0 else None
areas = js("--format", "json", "areas", "list")
parent = {a["code"]: a.get("parent") for a in areas}
# the areas with figures: the generated municipalities, their ancestors
# below the region, and the groupings
want = set(l.split(",")[1] for l in open("fig.csv").read().splitlines()[1:])
for m in list(want):
    p = parent.get(m)
    while p and parent.get(p):
        want.add(p)
        p = parent.get(p)
want |= set(l.split(",")[0] for l in open("grp.csv").read().splitlines()[1:])
fails, n = [], 0
for a in areas:
    if a["code"] not in want:
        continue
    j = js("show", "--area", a["code"], "--year", "2018", "--format", "json")
    if j is None or j.get("total") is None and not j.get("work_forms"):
        continue
    n += 1
    vals = [("total", j["total"])] + [("collective", j["collective"]), ("individual", j["individual"])]
    vals += [("rung %d" % r["rung"], r["persons"]) for r in j["rungs"]]
    vals += [(w["code"], w["persons"]) for w in j["work_forms"]]
    vals += [("not specified " + x["total"], x["persons"]) for x in j["not_specified"]]
    for name, v in vals:
        if v is not None and 1 <= v <= 4:
            fails.append("%s %s = %r" % (a["code"], name, v))
    for r in j["rungs"]:
        if r["persons"] is None and r["share"] is not None:
            fails.append("%s rung %d hidden but its share %r shown" % (a["code"], r["rung"], r["share"]))
    if j["total"] is None and (j["change_abs"] is not None or j["change_pct"] is not None):
        fails.append("%s total hidden but its change shown" % a["code"])
    if j["collective"] is None and j["collective_share"] is not None:
        fails.append("%s collective hidden but its share shown" % a["code"])
print("AREAS %d" % n)
for f in fails[:20]:
    print("FAIL " + f)
EOF
areas_seen=$(sed -n 's/^AREAS //p' check.out)
if [[ ${areas_seen:-0} -gt 45 ]]; then t_ok; else t_fail "published ladders checked: ${areas_seen:-0}" "$(cat check.out)"; fi
if grep -q '^FAIL' check.out; then t_fail "published ladders show small counts or derived figures" "$(grep '^FAIL' check.out)"; else t_ok; fi

# published outputs refuse --unprotected
for cmd in "export csv --area $pick --year 2017" "export json --area $pick --year 2017" "report --area $pick --year 2017 --out r.html" "serve --port 0"; do
	read -r -a args <<<"$cmd"
	run --db gen.db "${args[@]}" --unprotected
	expect_rc "$cmd --unprotected refused (a usage error)" 64
	expect_in "$cmd --unprotected: says why" "$ERR" "--unprotected"
done
# the open-data export hides the same cells as show
run --db gen.db export csv --area "$pick" --year 2017
if awk -F, 'NR > 1 && $4 != "" && $4 >= 1 && $4 <= 4' <<<"$OUT" | grep -c . >/dev/null; then
	t_fail "export csv publishes counts of 1 to 4" "$(awk -F, 'NR > 1 && $4 != "" && $4 >= 1 && $4 <= 4' <<<"$OUT")"
else t_ok; fi
expect_in "export csv marks confidential" "$OUT" ",confidential,"

# ------------------------------------------------------------ determinism
small_counts_db gen2.db
for a in "$pick" 10000 gen-002; do
	"$LADDER" --db gen.db show --area "$a" --year 2016 --format json >d1.json
	"$LADDER" --db gen2.db show --area "$a" --year 2016 --format json >d2.json
	if cmp -s d1.json d2.json; then t_ok; else t_fail "area $a: pattern differs between two databases of the same data" "$(diff d1.json d2.json | head -20)"; fi
done
run --db gen2.db disclosure audit --jobs 3
expect_rc "second database audits clean (3 workers)" 0
a3=$OUT
sqlite3 gen2.db "DELETE FROM disclosure_pattern"
run --db gen2.db disclosure audit --jobs 1
if [[ $OUT == "$a3" ]]; then t_ok; else t_fail "1 worker and 3 workers differ" "$(diff <(echo "$OUT") <(echo "$a3"))"; fi

# --------------------------------------------------------------- settings
run --db gen.db settings list
expect_rc "settings list" 0
expect_line "default threshold" "$OUT" "disclosure.threshold.municipality" "4" "default"
run --db gen.db settings set disclosure.threshold.municipality 2
expect_rc "set threshold" 0
run --db gen.db settings list
expect_line "threshold set" "$OUT" "disclosure.threshold.municipality" "2" "set"
expect_line "width follows the threshold" "$OUT" "disclosure.width.municipality" "2"
run --db gen.db disclosure audit --year 2017
expect_rc "audit with threshold 2" 0
conf2=$(sed -n 's/^editie 2025, jaar 2017: .* \([0-9]*\) vertrouwelijk.*/\1/p' <<<"$OUT")
if [[ ${conf2:-0} -lt ${conf:-0} ]]; then t_ok; else t_fail "threshold 2 should make fewer cells confidential ($conf2 vs $conf)"; fi
run --db gen.db settings set disclosure.threshold.municipality --unset
expect_rc "unset" 0
run --db gen.db settings set disclosure.threshold.planet 3
expect_rc "unknown key" 2
expect_in "unknown key message" "$ERR" "onbekende instelling"
run --db gen.db settings set disclosure.threshold.municipality -1
expect_rc "negative threshold" 2
run --db gen.db settings set disclosure.keep_previous 2
expect_rc "keep_previous 2" 2
# threshold 0 everywhere: nothing confidential, nothing hidden
for lv in region province arrondissement municipality grouping; do
	"$LADDER" --db gen2.db settings set disclosure.threshold.$lv 0 || die "settings set failed"
done
run --db gen2.db disclosure audit --year 2017
expect_in "threshold 0: nothing confidential" "$OUT" " 0 vertrouwelijk, 0 bijkomend onderdrukt"

# ---------------------------------------------------------- keep_previous
# edition 2026 revises 2018: the same figures, a few changed by one
python3 - <<'EOF'
import csv
rows = list(csv.reader(open("fig.csv")))
out = csv.writer(open("fig2026.csv", "w", newline=""), lineterminator="\n")
out.writerow(rows[0])
for i, r in enumerate(rows[1:]):
    if r[0] == "2018":
        if i % 17 == 0 and r[2] != "trede4":
            r[3] = str(int(r[3]) + 1)
        r[4] = "2026"
        out.writerow(r)
EOF
"$LADDER" import --db gen.db fig2026.csv >/dev/null 2>&1 || die "import of edition 2026 failed"
# the 2026 figures are no longer exactly additive where a trede4 total was
# reported; that is fine: relations that do not hold are not published
run --db gen.db settings set disclosure.keep_previous 1
expect_rc "keep_previous 1" 0
run --db gen.db disclosure audit --year 2018
expect_rc "audit with kept pattern" 0
python3 - "$LADDER" gen.db "$pick" >keep.out <<'EOF' || true
import json, subprocess, sys
L, db, area = sys.argv[1:4]
def js(*a):
    return json.loads(subprocess.run([L, "--db", db] + list(a), capture_output=True, text=True).stdout)
areas = [a["code"] for a in js("--format", "json", "areas", "list", "--level", "municipality", "--year", "2018")][:45]
lost = kept = 0
for a in areas:
    old = js("show", "--area", a, "--year", "2018", "--edition", "2025", "--format", "json")
    new = js("show", "--area", a, "--year", "2018", "--edition", "2026", "--format", "json")
    nw = {w["code"]: w for w in new["work_forms"]}
    for w in old["work_forms"]:
        if w["persons"] is None and w["code"] in nw:
            if nw[w["code"]]["persons"] is None:
                kept += 1
            else:
                lost += 1
                print("FAIL %s %s hidden in 2025, published in 2026" % (a, w["code"]))
print("KEPT %d" % kept)
EOF
if grep -q '^FAIL' keep.out; then t_fail "keep_previous" "$(head -5 keep.out)"; else t_ok; fi
k=$(sed -n 's/^KEPT //p' keep.out)
if [[ ${k:-0} -gt 10 ]]; then t_ok; else t_fail "keep_previous: few hidden cells compared ($k)" "$(cat keep.out)"; fi

# ------------------------------------------------------------------ demo
"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
run --db ladder-demo.db disclosure audit
expect_rc "demo audits clean" 0
run --db ladder-demo.db disclosure audit --primary-only --year 2017
expect_rc "demo primary-only exposed" 1

# a show while an import holds the store: no wait for the pattern or grid
# cache it would store (a lock of 20 s against a show of well under 1 s)
sqlite3 ladder-demo.db "DELETE FROM grid_cache; DELETE FROM disclosure_pattern"
python3 -c "
import sqlite3, sys, time
c = sqlite3.connect('ladder-demo.db', isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open('locked', 'w').close()
time.sleep(20)
c.execute('ROLLBACK')
" &
LOCKER=$!
for _ in $(seq 100); do [[ -e locked ]] && break; sleep 0.1; done
t0=$(date +%s%N)
run --db ladder-demo.db show --area 30000 --year 2017
t1=$(date +%s%N)
kill "$LOCKER" 2>/dev/null || true
wait "$LOCKER" 2>/dev/null || true
expect_rc "show while the store is locked" 0
expect_in "show while the store is locked" "$OUT" "56.721"
if ((t1 - t0 < 10000000000)); then t_ok; else t_fail "show waited for the locked store: $(((t1 - t0) / 1000000)) ms"; fi

t_finish
