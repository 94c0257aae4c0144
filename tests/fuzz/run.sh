#!/usr/bin/env bash
# run.sh [SECONDS] [TARGET...] - build the libFuzzer targets (all, or the
# TARGETs named, e.g. import reader) and run each for SECONDS (default 20) on
# a scratch copy of its seed corpus.
#
# Targets: tests/fuzz/fuzz_NAME.c, seeds in tests/fuzz/corpus/NAME/. The
# project's own sources are instrumented too, so libFuzzer sees their
# coverage (an uninstrumented library would leave it blind): every layer
# below the CLI and the compiled-in data are built once, a file a process on
# every core, into build-fuzz/libladder.a, and each target links what it
# uses from it. The targets that shrink a reader's limits with -D flags
# (xlsx, ods, reader) compile those sources themselves. route, area and
# pivot read the demo store (`ladder demo`, so build/ladder is made first)
# named by $LADDER_FUZZ_DB. Binaries and crash reproducers go to
# build-fuzz/; the repository's corpus is never written to. Exits non-zero
# if any target crashes or fails to build.
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
# the spreadsheet readers (and ring.c, their threads' ring) and their
# libraries: the targets that link them
sheet_src=(src/base/sheet*.c src/base/ring.c)
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

# the whole library (every layer below cli), instrumented, built before the
# targets, a compiler on every core; again only when a source changed
pkgs=(cairo cairo-pdf cairo-png pangocairo fontconfig xlsxwriter)
lib_libs=(-lsqlite3 -lglpk -lmicrohttpd $(pkg-config --libs "${pkgs[@]}") -pthread "${sheet_libs[@]}")
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || jobs=1
library() {
	[[ -f $out/libladder.a ]] && [[ -z $(find src "$out/gen" -newer "$out/libladder.a" -name '*.[ch]' | head -1) ]] &&
		return 0
	mkdir -p "$out/lib"
	rm -f "$out/lib/"*.o "$out/libladder.a"
	local sys
	sys=$(pkg-config --cflags "${pkgs[@]}" | sed 's/-I/-isystem /g')
	# shellcheck disable=SC2086
	printf '%s\n' src/{base,model,store,engine,render,http}/*.c "$out/gen/embedded.c" |
		xargs -P "$jobs" -I{} sh -c 'f=$1; shift; o=$(basename "$f" .c); exec "$@" -c -o "'"$out"'/lib/$o.o" "$f"' sh {} \
			"$CC" "${cflags[@]/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,}" $sys || return 1
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

library >"$work/library.log" 2>&1 || { cat "$work/library.log" >&2; echo "FAIL the instrumented library did not build"; exit 1; }

# targets run FUZZ_JOBS at a time (default: one per core) while the next
# ones link
ran=()
passed=0 failed=0
for src in tests/fuzz/fuzz_*.c; do
	target=$(basename "$src" .c)
	name=${target#fuzz_}
	[[ $only == "  " || $only == *" $name "* ]] || continue
	srcs=("$out/libladder.a") # what it links: the library, or its own build of a reader
	tflags=() # a reader's shrunk limits (applied to every source of the target)
	libs=("${lib_libs[@]}")
	# seconds for one input; route runs `ladder check` (/api/v1/checks),
	# which takes seconds under ASan on a busy machine
	timeout=10
	case $name in
	# the spreadsheet readers: a sheet's XML in an in-memory zip; small cells, and small
	# chunks and rows for the .xlsx row scanner, so that rows cross refills and its row limit
	xlsx | ods) srcs=("${base_src[@]}" "${sheet_src[@]}") tflags=(-DSHEET_MAX_CELL=300 -DSCAN_CHUNK=64 -DSCAN_MAX_ROW=1024 -Itests/fuzz)
		libs=("${sheet_libs[@]}" -pthread) ;;
	# small read chunks and rows, so that short inputs cross refills and the row limit
	reader) srcs=("${base_src[@]}") tflags=(-DCSV_READ_CHUNK=64 -DCSV_MAX_ROW=300) libs=(-pthread) ;;
	# routes and handlers, the area resolver, the table builder: on the demo store
	route | area | pivot)
		demo_db >"$work/$target.demo" 2>&1 || { cat "$work/$target.demo" >&2; srcs+=(demo-store-failed); }
		[[ $name == route ]] && timeout=60 ;;
	esac
	bin="$out/$target"
	if ! "$CC" "${cflags[@]}" "${tflags[@]}" -o "$bin" "$src" "${srcs[@]}" "${libs[@]}" -lnettle -lm \
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
