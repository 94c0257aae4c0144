#!/usr/bin/env bash
# build-deb.sh [OUTDIR] - build the Debian package (binary only) from the
# files git tracks (committed or not), in a scratch copy so the tree stays
# clean, then check it with lintian (errors and warnings fail). Writes
# ladder_VERSION_ARCH.deb to OUTDIR (default build/deb).
#
# Needs dpkg-dev, debhelper and lintian, and the Build-Depends of
# debian/control (scripts/install-deps.sh installs them all).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$repo/build/deb}
case $out in /*) ;; *) out=$PWD/$out ;; esac
for tool in dpkg-buildpackage dh lintian; do
	command -v "$tool" >/dev/null || { echo "build-deb: $tool not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ladder-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=$work/ladder
mkdir "$src"
# the source as git sees it, without build output or other untracked files
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
	[[ -e $f ]] && printf '%s\0' "$f"
done | tar --null -T - -cf -) | tar -xf - -C "$src"

jobs=$(nproc 2>/dev/null || echo 2)
(cd "$src" && DEB_BUILD_OPTIONS="parallel=$jobs ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1 || {
	tail -40 "$work/build.log" >&2
	echo "build-deb: dpkg-buildpackage failed (log above)" >&2
	exit 1
}
changes=$(ls "$work"/ladder_*.changes)
echo "build-deb: lintian $(basename "$changes")"
lintian --fail-on error,warning --tag-display-limit 0 "$changes"
mkdir -p "$out"
cp "$work"/ladder_*.deb "$out/"
ls -1 "$out"/ladder_*.deb
