#!/usr/bin/env bash
# t0600-deb: the Debian package builds with dpkg-buildpackage from debian/
# and passes lintian without an error or a warning (scripts/build-deb.sh),
# and holds what make install writes, under /usr. Runs where the packaging
# tools are (scripts/install-deps.sh installs them, so CI runs it). It
# builds the package from source, independent of the binary under test, so
# the sanitizer repetitions of the suite (LADDER in build-asan/ or
# build-tsan/, whose make flags the package build would inherit) do not
# build it a second time.
# slow: a minute (dpkg-buildpackage builds the program again, then lintian); run-cli.sh starts it first
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null || ! command -v lintian >/dev/null; then
	echo "t0600-deb: dpkg-buildpackage, debhelper or lintian missing: run scripts/install-deps.sh" >&2
	exit 1
fi
case $LADDER in
*/build-asan/* | */build-tsan/*)
	echo "t0600-deb: skipped under a sanitizer: the package is built from source, already checked by the plain run"
	t_finish
	;;
esac

RC=0
# nocheck: the package build's own unit run repeats the suite's (make test
# ran them on this tree); the packaging, install and lintian are what is new here
DEB_BUILD_OPTIONS=nocheck bash "$LADDER_REPO/scripts/build-deb.sh" "$PWD/deb" >build.out 2>&1 || RC=$?
OUT=$(cat build.out)
ERR=
expect_rc "build-deb.sh (dpkg-buildpackage, lintian --fail-on error,warning)" 0
deb=$(ls deb/ladder_*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || die "no .deb written: $OUT"

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/ladder ./usr/libexec/ladder/ladder-sheets ./usr/libexec/ladder/ladder-full ./usr/share/man/man1/ladder.1.gz \
	./usr/share/bash-completion/completions/ladder ./usr/share/doc/ladder/copyright; do
	expect_in "package holds $f" "$contents" "$f"
done
info=$(dpkg-deb -f "$deb")
expect_in "package depends on the libraries found by shlibs" "$info" "libsqlite3-0"
expect_in "package depends on libglpk" "$info" "libglpk"

# the packaged program runs from an unpacked tree (no root needed): the
# helper is found relative to it, under /usr/libexec/ladder
dpkg-deb -x "$deb" root
mkdir run
cd run
RC=0
../root/usr/bin/ladder demo --quiet >out 2>err || RC=$?
expect_rc "packaged ladder demo" 0
expect_in "packaged ladder demo" "$(cat out)" "56.721"
RC=0
../root/usr/bin/ladder --db ladder-demo.db export csv --area 30000 --year 2017 >out 2>err || RC=$?
expect_rc "packaged ladder export csv (ladder-full)" 0
expect_in "packaged export" "$(cat out)" "2017,30000,totaal,56721"
cd ..
zcat root/usr/share/man/man1/ladder.1.gz >ladder.1
warn=$(groff -man -ww -z ladder.1 2>&1)
if [[ -z $warn ]]; then t_ok; else t_fail "packaged ladder.1 warns" "$warn"; fi

t_finish
