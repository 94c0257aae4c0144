#!/usr/bin/env bash
# t2100-demo-sums: in the demo database (2017, edition 2018) the figures of
# West-Vlaanderen's sub-areas add up exactly: the 8 arrondissements to the
# province, the municipalities of each arrondissement to it, and the 5
# groupings of regions-wvl to the province - for the total, each rung,
# collective, individual and each rung-4 work form. Sub-area figures come
# from the synthetic split, so their flags must include "synthetic". Within
# each area the parts are consistent too (rungs add up to the total, the
# rung-4 work forms plus "not specified" to rung 4).
#
# The sums are checked on the analyst's view (show --unprotected): the
# published view hides small counts and what would give them away. So it
# checks too that every published (protected) ladder shows no count of 1 to
# 4 persons, that whatever it shows equals the unprotected figure, that the
# hidden ones are flagged "confidential", and that the province figures stay
# visible.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LADDER" demo --quiet >/dev/null || die "ladder demo failed"
[[ -f ladder-demo.db ]] || die "no ladder-demo.db"

res=$(python3 - "$LADDER" ladder-demo.db <<'EOF'
import json, subprocess, sys
L, db = sys.argv[1], sys.argv[2]
passes = 0
def ok():
    global passes
    passes += 1
def bad(msg):
    print("FAIL " + msg)
def expect(cond, msg):
    ok() if cond else bad(msg)

def ladder(*args):
    p = subprocess.run([L, "--db", db] + list(args), capture_output=True, text=True)
    if p.returncode != 0:
        bad("ladder %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.strip()))
        return None
    try:
        return json.loads(p.stdout)
    except ValueError as e:
        bad("ladder %s: output is not JSON: %s" % (" ".join(args), e))
        return None

def show(area):
    return ladder("show", "--area", area, "--year", "2017", "--format", "json", "--unprotected")

def show_protected(area):
    return ladder("show", "--area", area, "--year", "2017", "--format", "json")

hidden_total = [0]
def protected_ok(code, full):
    """The published ladder of code: no count of 1..4, the rest as in full."""
    j = show_protected(code)
    if j is None or full is None:
        return
    expect(j.get("protected") is True and full.get("protected") is False,
           "%s: protected %r / unprotected %r" % (code, j.get("protected"), full.get("protected")))
    def pairs():
        yield "total", j.get("total"), full.get("total"), j.get("total_flags")
        for k in ("collective", "individual"):
            yield k, j.get(k), full.get(k), None
        for a, b in zip(j.get("rungs") or [], full.get("rungs") or []):
            yield "rung %s" % a.get("rung"), a.get("persons"), b.get("persons"), a.get("flags")
        for a, b in zip(j.get("work_forms") or [], full.get("work_forms") or []):
            yield "work form %s" % a.get("code"), a.get("persons"), b.get("persons"), a.get("flags")
        for a, b in zip(j.get("not_specified") or [], full.get("not_specified") or []):
            yield "not specified %s" % a.get("total"), a.get("persons"), b.get("persons"), a.get("flags")
    for name, pub, true, flags in pairs():
        if pub is None:
            if true is not None:
                hidden_total[0] += 1
                if flags is not None:
                    expect("confidential" in flags, "%s: %s hidden but flags %r lack \"confidential\"" % (code, name, flags))
            continue
        expect(not (1 <= pub <= 4), "%s: %s = %r is published: a count of 1 to 4 must be confidential" % (code, name, pub))
        expect(pub == true, "%s: %s published as %r, unprotected %r" % (code, name, pub, true))

def children(parent):
    return [a["code"] for a in ladder("areas", "list", "--parent", parent, "--year", "2017", "--format", "json") or []]

def figures(j):
    """The additive figures of one ladder: name -> persons (None = unknown)."""
    d = {"total": j.get("total"), "collective": j.get("collective"), "individual": j.get("individual")}
    for r in j.get("rungs") or []:
        d["rung %s" % r.get("rung")] = r.get("persons")
    for w in j.get("work_forms") or []:
        if w.get("rung") == 4:
            d["work form %s" % w.get("code")] = w.get("persons")
    return d

def add_up(what, parent_code, parent, parts):
    """parts: list of (code, figures); parent: figures."""
    keys = set(parent)
    for code, f in parts:
        expect(set(f) == keys, "%s: %s lists %s, %s lists %s" % (what, code, sorted(f), parent_code, sorted(keys)))
    for k in sorted(keys):
        vals = [f.get(k) for _, f in parts]
        if parent[k] is None or any(v is None for v in vals):
            bad("%s: %s unknown (%s %r, parts %r)" % (what, k, parent_code, parent[k], vals))
            continue
        s = sum(vals)
        expect(s == parent[k], "%s: %s: parts add up to %r, %s shows %r (parts: %s)"
               % (what, k, s, parent_code, parent[k], ", ".join("%s=%r" % (c, f.get(k)) for c, f in parts)))

def synthetic(code, j):
    expect("synthetic" in (j.get("total_flags") or []), "%s: total_flags %r lack \"synthetic\"" % (code, j.get("total_flags")))
    for r in j.get("rungs") or []:
        expect("synthetic" in (r.get("flags") or []), "%s: rung %s flags %r lack \"synthetic\"" % (code, r.get("rung"), r.get("flags")))
    for w in j.get("work_forms") or []:
        expect("synthetic" in (w.get("flags") or []), "%s: work form %s flags %r lack \"synthetic\"" % (code, w.get("code"), w.get("flags")))
    expect("synthetic" in (j.get("flags") or []), "%s: flags %r lack \"synthetic\"" % (code, j.get("flags")))

def consistent(code, j):
    """Within one area: rungs 3-5 add up to the total, collective +
    individual to rung 5, rung-4 work forms + not specified to rung 4."""
    r = {x.get("rung"): x.get("persons") for x in j.get("rungs") or []}
    if None in (j.get("total"), r.get(3), r.get(4), r.get(5)):
        bad("%s: total or a rung unknown: %r %r" % (code, j.get("total"), r)); return
    expect(r[3] + r[4] + r[5] == j["total"], "%s: rungs 3+4+5 = %d, total %d" % (code, r[3] + r[4] + r[5], j["total"]))
    if None not in (j.get("collective"), j.get("individual")):
        expect(j["collective"] + j["individual"] == r[5], "%s: collective + individual = %d, rung 5 %d"
               % (code, j["collective"] + j["individual"], r[5]))
    forms = sum(w.get("persons") or 0 for w in j.get("work_forms") or [] if w.get("rung") == 4)
    gap = sum(n.get("persons") or 0 for n in j.get("not_specified") or [] if n.get("rung") == 4)
    expect(forms + gap == r[4], "%s: rung 4 shows %d persons, but its work forms add up to %d and 'not specified' to %d"
           " (%d unexplained)" % (code, r[4], forms, gap, r[4] - forms - gap))

prov_j = show("30000")
if prov_j is None:
    print("PASS %d" % passes); sys.exit(0)
prov = figures(prov_j)
protected_ok("30000", prov_j)
pj = show_protected("30000") or {}
expect(pj.get("total") == 56721 and all(w.get("persons") is not None for w in pj.get("work_forms") or []),
       "province figures must stay visible when protected: %r" % pj)
expect(prov.get("total") == 56721, "province total %r" % prov.get("total"))
expect(len([k for k in prov if k.startswith("work form")]) == 6, "province rung-4 work forms: %r" % sorted(prov))
consistent("30000", prov_j)

arrs = children("30000")
expect(arrs == ["31000", "32000", "33000", "34000", "35000", "36000", "37000", "38000"],
       "arrondissements of 30000: %r" % arrs)
arr_figs, n_mun = [], 0
for a in arrs:
    aj = show(a)
    if aj is None:
        continue
    synthetic(a, aj)
    consistent(a, aj)
    protected_ok(a, aj)
    af = figures(aj)
    arr_figs.append((a, af))
    muns = children(a)
    expect(len(muns) > 0, "%s has no municipalities" % a)
    mun_figs = []
    for m in muns:
        mj = show(m)
        if mj is None:
            continue
        n_mun += 1
        synthetic(m, mj)
        consistent(m, mj)
        protected_ok(m, mj)
        mun_figs.append((m, figures(mj)))
    add_up("municipalities of %s" % a, a, af, mun_figs)
add_up("arrondissements of 30000", "30000", prov, arr_figs)
expect(n_mun == 64, "West-Vlaanderen has %d municipalities, expected 64" % n_mun)

# members on the map of the figures' year (groupings follow the map)
groups = ladder("areas", "list", "--level", "grouping", "--year", "2017", "--format", "json") or []
gcodes = sorted(g["code"] for g in groups if g["code"].startswith("wvl-"))
expect(gcodes == ["wvl-brugge", "wvl-midwest", "wvl-oostende", "wvl-westhoek", "wvl-zuidwest"], "groupings: %r" % gcodes)
grp_figs, members_seen = [], []
for g in groups:
    if not g["code"].startswith("wvl-"):
        continue
    gj = show(g["code"])
    if gj is None:
        continue
    synthetic(g["code"], gj)
    protected_ok(g["code"], gj)
    grp_figs.append((g["code"], figures(gj)))
    members = g.get("members", "").split()
    members_seen += members
    add_up("members of %s" % g["code"], g["code"], figures(gj), [(m, figures(show(m) or {})) for m in members])
expect(len(members_seen) == 64 and len(set(members_seen)) == 64, "groupings cover %d municipalities (%d distinct), expected 64"
       % (len(members_seen), len(set(members_seen))))
add_up("groupings of regions-wvl", "30000", prov, grp_figs)
expect(hidden_total[0] > 0, "protection hid nothing in the demo's synthetic municipalities")
print("PASS %d" % passes)
EOF
) || die "python check crashed: $res"

while IFS= read -r line; do
	case $line in
	"PASS "*) T_PASS=$((T_PASS + ${line#PASS })) ;;
	"FAIL "*) t_fail "${line#FAIL }" ;;
	*) t_fail "unexpected output: $line" ;;
	esac
done <<<"$res"

t_finish
