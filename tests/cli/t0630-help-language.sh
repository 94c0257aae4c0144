#!/usr/bin/env bash
# t0630-help-language: the help of the command line lives in the catalogue
# (po/nl.po: cmd_* for the commands of commands.def, opt_* for the options of
# options.def, help_* and man_* around them), Dutch by default, English with
# --lang en (before or after the command) or an English locale (issue 10).
# Every command's and option's text exists in both languages and differs
# between them; no English summary shows in the Dutch help.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
unset LANGUAGE LC_MESSAGES LANG

# the default: Dutch
run help
expect_rc "help" 0
expect_in "help: Dutch by default" "$OUT" "gebruik: ladder"
expect_in "help: Dutch by default" "$OUT" "de participatieladder van een gebied en jaar"
expect_not_in "help: no English by default" "$OUT" "the participation ladder of an area and year"
NL=$OUT
run show --help
expect_in "show --help: Dutch" "$OUT" "verplicht: het jaar van de cijfers (1990 tot 2100)"
expect_in "show --help: Dutch" "$OUT" "opties:"

# English: --lang before or after the command, or the locale
run --lang en help
expect_in "--lang en help" "$OUT" "the participation ladder of an area and year"
EN=$OUT
run help --lang en
expect_in "help --lang en" "$OUT" "the participation ladder of an area and year"
run show --help --lang en
expect_in "show --help --lang en" "$OUT" "required: the year of the figures (1990 to 2100)"
run help show --lang=en
expect_in "help show --lang=en" "$OUT" "usage: ladder show"
RC=0
OUT=$(env -u LC_ALL LANG=en_US.UTF-8 "$LADDER" import --help) || RC=$?
expect_in "LANG=en_US: English" "$OUT" "options:"
OUT=$(env -u LC_ALL LANG=nl_BE.UTF-8 "$LADDER" import --help) || RC=$?
expect_in "LANG=nl_BE: Dutch" "$OUT" "opties:"
OUT=$(env -u LC_ALL LANG=en_US.UTF-8 "$LADDER" --lang nl help) || RC=$?
expect_in "--lang nl beats the locale" "$OUT" "opdrachten:"

# every command's summary differs between the languages (each is translated)
res=$(python3 - <<PY
nl = """$NL""".splitlines()
en = """$EN""".splitlines()
rows = lambda lines: {l[2:20].strip(): l for l in lines if l.startswith("  ")}
n, e = rows(nl), rows(en)
if len(n) < 20 or n.keys() != e.keys():
    print("the commands differ: %d against %d" % (len(n), len(e)))
for k in n:
    if k in e and n[k] == e[k]:
        print("not translated: " + n[k].strip())
PY
)
if [[ -z $res ]]; then t_ok; else t_fail "each command's summary in both languages" "$res"; fi

# every option's text too: the man page lists them all
"$LADDER" --lang nl --man >nl.1
"$LADDER" --lang en --man >en.1
res=$(python3 - nl.1 en.1 <<'PY'
import sys
def items(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    return [(lines[i + 1], lines[i + 2]) for i in range(len(lines) - 2) if lines[i] == ".TP"]
nl, en = items(sys.argv[1]), items(sys.argv[2])
if len(nl) != len(en) or len(nl) < 60:
    print("items: %d against %d" % (len(nl), len(en)))
for (tn, xn), (te, xe) in zip(nl, en):
    if tn != te:
        print("order differs: %s / %s" % (tn, te))
    elif xn == xe:
        print("not translated: %s %s" % (tn, xn))
PY
)
if [[ -z $res ]]; then t_ok; else t_fail "each option's text in both languages" "$res"; fi
if command -v groff >/dev/null; then
	warn=$(groff -man -ww -z -Kutf8 nl.1 2>&1)
	if [[ -z $warn ]]; then t_ok; else t_fail "the Dutch man page warns" "$warn"; fi
fi

t_finish
