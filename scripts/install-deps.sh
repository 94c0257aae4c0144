#!/usr/bin/env bash
# install-deps.sh - install what ladder needs to build, test, fuzz and bench on
# Debian 12 (bookworm). Idempotent: when every package is already installed it
# does not touch apt at all, so it costs nothing on a prepared machine.
set -euo pipefail

packages=(
	build-essential pkg-config # cc, make
	libsqlite3-dev sqlite3     # the store
	nettle-dev                 # the survey: SHA-256 of tokens, constant-time compare
	libglpk-dev                # LP solver: secondary suppression and the disclosure audit
	libmicrohttpd-dev          # ladder serve
	wrk nginx-light            # make bench: the API against a static file
	curl                       # API tests
	openssl                    # t7400: a certificate for serve --tls-cert
	clang libclang-rt-14-dev   # make asan, make fuzz (libFuzzer runtime)
	valgrind                   # leak checks outside ASan
	python3                    # test helpers
	gettext                    # msgfmt --check of the vocabulary (po/nl.po)
	hyperfine time             # make bench
	ca-certificates            # apt over https mirrors
	libcairo2-dev libpango1.0-dev fonts-dejavu-core # charts and the PDF report
	libxlsxwriter-dev          # the Excel annex
	libzip-dev libexpat1-dev libfreexl-dev # reading spreadsheets (.xlsx/.ods, .xls)
	python3-openpyxl libreoffice-calc-nogui # tests: spreadsheets made by real writers
	xlsx2csv poppler-utils     # tests: read the annex back, pdftotext/pdftoppm
	chromium                   # tests: screenshots of the HTML report
	default-jre-headless       # t8530: the Nu HTML checker (vnu.jar, npm package vnu-jar)
	dpkg-dev debhelper lintian # make deb, t0600: the Debian package and its lintian check
	man-db groff-base          # t0500: the man page renders without warnings
)

installed() {
	# dpkg -s also succeeds for removed packages that left config files behind
	[[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

missing=()
for p in "${packages[@]}"; do
	installed "$p" || missing+=("$p")
done
# tests/browser: npm installs playwright-core, axe-core and vnu-jar there. A machine may already
# have Node.js from elsewhere (nodesource); Debian's own only when none is.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [[ ${#missing[@]} -eq 0 ]]; then
	echo "install-deps: all ${#packages[@]} packages present"
	exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
	command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
	sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"

for p in "${missing[@]}"; do
	installed "$p" || { echo "install-deps: $p still missing after apt-get" >&2; exit 1; }
done
echo "install-deps: done"
