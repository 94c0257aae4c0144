#!/usr/bin/env bash
# t0510-install: make install with PREFIX and DESTDIR puts ladder in
# PREFIX/bin, ladder-sheets and ladder-full in PREFIX/libexec/ladder,
# ladder(1) and the bash
# completion under PREFIX/share; the installed lean program finds its helper
# relative to itself (../libexec/ladder), so it works under DESTDIR too,
# from any directory.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build=$(dirname "$LADDER")
[[ -x $build/ladder-full ]] || die "$build/ladder-full missing: run make"
# install from a copy of the build (mtimes kept), so that PREFIX=/usr, which
# is compiled into the lean program, relinks the copy and not the binary
# under test; compiler and sanitizer settings come with make's environment
cp -a "$build" build
root=$PWD/root
make -s -C "$LADDER_REPO" install BUILD="$PWD/build" DESTDIR="$root" PREFIX=/usr >make.out 2>&1 ||
	die "make install failed: $(cat make.out)"
for f in usr/bin/ladder usr/libexec/ladder/ladder-sheets usr/libexec/ladder/ladder-full usr/share/man/man1/ladder.1 \
	usr/share/bash-completion/completions/ladder; do
	if [[ -f $root/$f ]]; then t_ok; else t_fail "make install did not write $f" "$(cd "$root" && find . -type f)"; fi
done
[[ -x $root/usr/bin/ladder && -x $root/usr/libexec/ladder/ladder-sheets && -x $root/usr/libexec/ladder/ladder-full ]] && t_ok || t_fail "programs not executable"
n=$(cd "$root" && find . -type f | wc -l)
if [[ $n -eq 5 ]]; then t_ok; else t_fail "make install wrote $n files, expected 5" "$(cd "$root" && find . -type f)"; fi
# the lean program knows PREFIX's libexec directory as its last resort
if grep -q /usr/libexec/ladder "$root/usr/bin/ladder"; then t_ok; else t_fail "PREFIX=/usr not compiled into ladder"; fi

# run the installed program from elsewhere: lean commands and the helper's
mkdir elsewhere
cd elsewhere
RC=0
"$root/usr/bin/ladder" demo --quiet >out 2>err || RC=$?
expect_rc "installed ladder demo" 0
expect_in "installed ladder demo" "$(cat out)" "56.721"
RC=0
"$root/usr/bin/ladder" --db ladder-demo.db export csv --area 30000 --year 2017 >out 2>err || RC=$?
expect_rc "installed ladder export csv (ladder-full from libexec)" 0
expect_in "export csv through the installed helper" "$(cat out)" "2017,30000,totaal,56721"
RC=0
"$root/usr/bin/ladder" --db ladder-demo.db report --area 30000 --year 2017 --out r.html >out 2>err || RC=$?
expect_rc "installed ladder report" 0
[[ -s r.html ]] && t_ok || t_fail "installed ladder report wrote no r.html" "$(cat err)"
cd ..

# the installed man page and completion work
warn=$(groff -man -ww -z "$root/usr/share/man/man1/ladder.1" 2>&1)
if [[ -z $warn ]]; then t_ok; else t_fail "installed ladder.1 warns" "$warn"; fi
got=$(bash -c 'source "$1"; COMP_WORDS=(ladder exp); COMP_CWORD=1; _ladder; echo "${COMPREPLY[*]}"' x \
	"$root/usr/share/bash-completion/completions/ladder")
if [[ $got == export ]]; then t_ok; else t_fail "installed completion of 'ladder exp': '$got'"; fi

# uninstall removes what install wrote
make -s -C "$LADDER_REPO" uninstall BUILD="$PWD/build" DESTDIR="$root" PREFIX=/usr >make.out 2>&1 || die "make uninstall failed: $(cat make.out)"
n=$(cd "$root" && find . -type f | wc -l)
if [[ $n -eq 0 ]]; then t_ok; else t_fail "make uninstall left $n files"; fi

t_finish
