#!/usr/bin/env bash
# t3050-disclosure-large: one year of all 300 municipalities with many small
# counts (bench/gen_small_counts.py), where the components of hidden cells
# are whole provinces: the protection solves its large LPs with the ties of
# two hidden cells substituted (reduce in disclosure_lp.c), the audit never
# does, so a mistake in the substitution would show as an exposed cell here:
#   - the protection used substituted LPs (verbose statistics) and the audit
#     checked the protection's feasible points;
#   - the audit is clean (exit 0) and the primary-only pattern is exposed;
#   - two databases built apart give the same pattern.
# slow: forty seconds under ASan (a year of 300 municipalities protected); run-cli.sh starts it first
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GEN=$LADDER_REPO/bench/gen_small_counts.py
python3 "$GEN" "$LADDER_REPO" fig.csv grp.csv --years 2020-2020 --edition 2025 --seed 11 2>/dev/null ||
	die "generator failed"
small_counts_db a.db
small_counts_db b.db

run --db a.db disclosure audit --verbose --jobs 1
expect_rc "audit of the protected year" 0
expect_in "audit" "$OUT" "0 blootgesteld"
reduced=$(printf '%s\n' "$ERR" | sed -n 's/.*, \([0-9]*\) large LPs with their ties substituted.*/\1/p')
if [[ -n $reduced && $reduced -gt 0 ]]; then t_ok; else t_fail "protection used no substituted LP" "$ERR"; fi
checked=$(printf '%s\n' "$ERR" | sed -n 's/.* \([0-9]*\) of the protection.s feasible points checked and used.*/\1/p')
if [[ -n $checked && $checked -gt 0 ]]; then t_ok; else t_fail "the audit used no feasible point of the protection" "$ERR"; fi
PATTERN_A=$(printf '%s\n' "$OUT" | grep '^editie')

run --db b.db disclosure audit --jobs 2
expect_rc "audit, second database, 2 workers" 0
PATTERN_B=$(printf '%s\n' "$OUT" | grep '^editie')
if [[ $PATTERN_A == "$PATTERN_B" ]]; then t_ok; else t_fail "patterns differ" "$PATTERN_A" "$PATTERN_B"; fi
expect_in "audit counts" "$PATTERN_A" "bijkomend onderdrukt"

run --db a.db disclosure audit --primary-only --jobs 1
expect_rc "primary-only is exposed" 1

t_finish
