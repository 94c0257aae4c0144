#!/usr/bin/env bash
# run.sh [SECONDS] [TARGET...] - build the libFuzzer targets (all, or the
# TARGETs named, e.g. import reader) and run each for SECONDS (default 20) on
# a scratch copy of its seed corpus.
#
# Targets: tests/fuzz/fuzz_NAME.c, seeds in tests/fuzz/corpus/NAME/. The
# project's own sources are compiled into each target so libFuzzer can see
# their coverage (an uninstrumented library would leave it blind): src/base
# always, plus what a target needs beyond it (extra=, below). Targets that
# drive the HTTP layer or the model (etag, route, area) take every layer
# below the CLI, built once into build-fuzz/libladder.a with the compiled-in
# data, and route and area the demo store (`ladder demo`, so build/ladder
# is made first) named by $LADDER_FUZZ_DB. Binaries and crash reproducers
# go to build-fuzz/; the repository's corpus is never written to. Exits
# non-zero if any target crashes or fails to build.
set -euo pipefail

secs=${1:-20}
[[ $secs =~ ^[0-9]+$ && $secs -gt 0 ]] || { echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2; }
shift || true
only=" $* " # TARGET names (e.g. import reader): run only those

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=build-fuzz
mkdir -p "$out/artifacts"

CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (scripts/install-deps.sh installs clang)" >&2; exit 1; }

base_src=(src/base/base.c src/base/crypt.c src/base/csv.c src/base/num.c src/base/strmap.c src/base/varint.c)
# the spreadsheet readers and their libraries: the targets that link them
sheet_src=(src/base/sheet*.c)
sheet_libs=(-lzip -lexpat -lfreexl)
cflags=(-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
	-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O1 -g -Isrc/base -I"$out/gen")

work=$(mktemp -d "${TMPDIR:-/tmp}/ladder-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# UB is a crash here, not a log line; leaks are checked at exit of each input
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# the compiled-in files (reference data) for the targets that need a store,
# and the message catalogue's header, generated as the build does
make -s BUILD="$out" "$out/gen/embedded.c" "$out/gen/vocab_gen.h" >"$work/embed.log" 2>&1 || { cat "$work/embed.log" >&2; exit 1; }

# the whole library (every layer below cli), instrumented, built on first need
pkgs=(cairo cairo-pdf cairo-png pangocairo fontconfig xlsxwriter)
lib_libs=(-lsqlite3 -lglpk -lmicrohttpd $(pkg-config --libs "${pkgs[@]}") -pthread "${sheet_libs[@]}")
whole_library() {
	[[ -f $out/libladder.a ]] && [[ -z $(find src "$out/gen" -newer "$out/libladder.a" -name '*.[ch]' | head -1) ]] &&
		return 0
	mkdir -p "$out/lib"
	rm -f "$out/lib/"*.o
	local f sys
	sys=$(pkg-config --cflags "${pkgs[@]}" | sed 's/-I/-isystem /g')
	# the spreadsheet readers too: the store imports through them, the checks name their cells
	for f in src/{model,store,engine,render,http}/*.c "${sheet_src[@]}" "$out/gen/embedded.c"; do
		# shellcheck disable=SC2086
		"$CC" "${cflags[@]/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,}" $sys -c -o "$out/lib/$(basename "$f" .c).o" "$f" ||
			return 1
	done
	rm -f "$out/libladder.a"
	ar rcs "$out/libladder.a" "$out/lib/"*.o
}
demo_db() {
	[[ -f $work/demo.db ]] && return 0
	make -s build/ladder >&2 && build/ladder demo --db "$work/demo.db" --quiet >/dev/null || return 1
	export LADDER_FUZZ_DB=$work/demo.db
}

# fuzz_one TARGET BIN NAME TIMEOUT : runs one built target on a scratch copy
# of its seed corpus; its report goes to $work/TARGET.result, starting with
# "ok" when it held
fuzz_one() {
	local target=$1 bin=$2 name=$3 timeout=$4 corpus rc=0 execs
	corpus="$work/corpus-$name"
	mkdir -p "$corpus"
	if [[ -d tests/fuzz/corpus/$name ]]; then
		cp -R "tests/fuzz/corpus/$name/." "$corpus/"
	fi
	"$bin" -max_total_time="$secs" -timeout="$timeout" -max_len=4096 -print_final_stats=1 \
		-artifact_prefix="$out/artifacts/$target-" "$corpus" >"$work/$target.log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log" | tail -1)
	if [[ $rc -eq 0 ]]; then
		printf 'ok   %s: %s execs in %ss, corpus %s files\n' "$target" "${execs:-?}" "$secs" \
			"$(find "$corpus" -type f | wc -l)" >"$work/$target.result"
		return
	fi
	{
		echo "FAIL $target: exit $rc after ${execs:-?} execs; report follows"
		grep -v '^#[0-9]' "$work/$target.log" | tail -60
		ls -1 "$out/artifacts/$target-"* 2>/dev/null | sed 's/^/  reproducer: /' || true
		echo "  replay: $bin <reproducer>"
	} >"$work/$target.result"
}

# targets run FUZZ_JOBS at a time (default: one per core) while the next
# ones build
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || jobs=1
ran=()
passed=0 failed=0
for src in tests/fuzz/fuzz_*.c; do
	target=$(basename "$src" .c)
	name=${target#fuzz_}
	[[ $only == "  " || $only == *" $name "* ]] || continue
	extra=() # sources a target needs beyond base_src
	tflags=() # its own -D flags (applied to every source of the target)
	libs=()
	# seconds for one input; route runs `ladder check` (/api/v1/checks),
	# which takes seconds under ASan on a busy machine
	timeout=10
	case $name in
	url) extra=(src/http/url.c) ;;
	form) extra=(src/http/form.c) ;;
	claim) extra=(src/model/claim.c) ;;
	# source profiles (model_fold for labels)
	profile) extra=(src/model/profile.c src/model/model.c src/model/model_epoch.c) ;;
	# the answers sheets of `ladder survey import`
	survey) extra=(src/model/survey.c) ;;
	# the municipalities' shapes (data/ref/municipalities-2019.map)
	map) extra=(src/render/map.c "$out/gen/embedded.c") ;;
	# the importer on an in-memory store with the compiled-in reference data
	import) extra=(src/store/*.c src/model/*.c "$out/gen/embedded.c" "${sheet_src[@]}") libs=(-lsqlite3 -pthread "${sheet_libs[@]}") ;;
	# the spreadsheet readers: a sheet's XML in an in-memory zip; small cells, and small
	# chunks and rows for the .xlsx row scanner, so that rows cross refills and its row limit
	xlsx | ods) extra=("${sheet_src[@]}") tflags=(-DSHEET_MAX_CELL=300 -DSCAN_CHUNK=64 -DSCAN_MAX_ROW=1024 -Itests/fuzz) libs=("${sheet_libs[@]}") ;;
	# small read chunks and rows, so that short inputs cross refills and the row limit
	reader) tflags=(-DCSV_READ_CHUNK=64 -DCSV_MAX_ROW=300) libs=(-pthread) ;;
	# the episode reader of ladder persons (from memory: one thread)
	persons) extra=(src/engine/persons.c src/engine/persons_read.c) libs=(-pthread) ;;
	# settings are checked by the engine and stored in the store
	settings) extra=(src/engine/calc*.c src/engine/disclosure*.c src/store/*.c src/model/*.c "$out/gen/embedded.c" "${sheet_src[@]}")
		libs=(-lsqlite3 -lglpk -pthread "${sheet_libs[@]}") ;;
	# If-None-Match, routes and handlers, the area resolver: the whole library
	etag | route | area | pivot)
		if whole_library >"$work/$target.lib" 2>&1 && { [[ $name == etag ]] || demo_db >>"$work/$target.lib" 2>&1; }; then
			extra=("$out/libladder.a") libs=("${lib_libs[@]}")
		else
			extra=(whole-library-failed) # fails the build below
			cat "$work/$target.lib" >&2
		fi
		[[ $name == route ]] && timeout=60 ;;
	esac
	bin="$out/$target"
	if ! "$CC" "${cflags[@]}" "${tflags[@]}" -o "$bin" "$src" "${base_src[@]}" "${extra[@]}" "${libs[@]}" -lnettle -lm \
		2>"$work/$target.build"; then
		cat "$work/$target.build" >&2
		echo "FAIL $target: build failed"
		failed=$((failed + 1))
		continue
	fi
	while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
	fuzz_one "$target" "$bin" "$name" "$timeout" &
	ran+=("$target")
done
wait
for target in "${ran[@]}"; do
	cat "$work/$target.result"
	if [[ $(head -c 2 "$work/$target.result") == ok ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

echo "fuzz: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
