# ladder - build, test, sanitize, fuzz, bench.
#   make            build/ladder and build/ladder-full
#   make test       the vocabulary, unit, golden and end-to-end tests (on build/ladder)
#   make asan       the same tests on an ASan/UBSan build (build-asan/)
#   make tsan       the unit and end-to-end tests on a TSan build (build-tsan/)
#   make fuzz       libFuzzer targets, short run (clang)
#   make fuzz-long  the same, 600 s per target
#   make bench      benchmarks under bench/ (prints figures)
#   make install    build/ladder to $(PREFIX)/bin, ladder-full to
#                   $(PREFIX)/libexec/ladder, ladder(1), the bash completion;
#                   PREFIX (default /usr/local) and DESTDIR as usual
#   make deb        the Debian package (scripts/build-deb.sh: dpkg-buildpackage, lintian)

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
SAN     ?=
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Wshadow \
             -Werror=implicit-function-declaration -Isrc/base -I$(BUILD)/gen $(OPT) $(SAN) $(CPPFLAGS) $(CFLAGS)
# where make install puts things; the lean program looks for ladder-full
# beside itself, then in ../libexec/ladder relative to itself, then here
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec/ladder
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# system headers (glib's) must not trip our warnings
CFLAGS_SYS = $(patsubst -I%,-isystem %,$(PKG_CFLAGS))
# cairo, pango and libxlsxwriter for charts, the PDF report and the Excel annex
PKGS       = cairo cairo-pdf cairo-png pangocairo fontconfig xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
# spreadsheets (src/base/sheet*.c): libzip, expat, libfreexl
SHEET_LIBS = -lzip -lexpat -lfreexl
LDLIBS_ALL = -lsqlite3 -lglpk -lnettle -lmicrohttpd $(PKG_LIBS) $(SHEET_LIBS) -lm -pthread $(LDLIBS)
# build/ladder, the lean program: SQLite and GLPK only. Loading the 50-odd
# libraries behind cairo/pango/libmicrohttpd cost a whole-process `show` more
# than its own work; the commands that need them (CMD_FULL in
# src/cli/commands.def) run in build/ladder-full, which links everything.
# Linking the lean program against an archive pulls in only what its
# commands reach, so a lean command that grows a dependency on a heavy
# library fails to link instead of silently slowing down.
LDLIBS_LEAN = -lsqlite3 -lglpk -lnettle -lm -pthread $(LDLIBS)
# build/ladder-sheets: the lean program that reads spreadsheets too; the
# lean one hands it a command naming one. Linking libzip, expat and
# libfreexl into the lean program cost every `show` 3-5 ms (bench/show.sh);
# starting ladder-full instead cost a spreadsheet's import about 20 ms more
# than this program does (its 60 libraries).
LDLIBS_SHEETS = $(LDLIBS_LEAN) $(SHEET_LIBS)

# Only src/store/ knows SQL (issue 10): every other object is compiled with
# SQLite's header guard defined, so <sqlite3.h> brings in nothing there and
# an sqlite3_ call or type fails to compile (t0210 checks the guard works).
NO_SQLITE = -DSQLITE3_H
sql_flags = $(if $(filter src/store/%,$<),,$(NO_SQLITE))

SRC      := $(sort $(wildcard src/base/*.c src/model/*.c src/store/*.c src/engine/*.c src/render/*.c src/http/*.c src/cli/*.c))
LIB_SRC  := $(filter-out src/cli/%,$(SRC))
EMBEDDED := $(sort $(wildcard data/ref/*.csv data/ref/*.map data/demo/*.csv data/web/*)) $(sort $(wildcard src/store/*.sql))
OBJ      := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

.PHONY: print-no-sqlite all test vocab unit cli asan tsan fuzz fuzz-long bench clean install uninstall deb FORCE

all: $(BUILD)/ladder $(BUILD)/ladder-sheets $(BUILD)/ladder-full $(BUILD)/ladder.1 $(BUILD)/ladder.bash $(BUILD)/file-sizes.ok

# no source file over 1000 lines without a reason written near its top
# (issue 10): the build fails first, t0610 says so again
$(BUILD)/file-sizes.ok: tests/lint/file_sizes.sh $(wildcard src/*/*.c src/*/*.h src/*/*.def src/*/*.inc)
	sh tests/lint/file_sizes.sh src
	@mkdir -p $(dir $@)
	@touch $@

$(BUILD)/ladder-full: $(OBJ)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS_ALL)

# the man page and the completion come from the command table; the man
# page in English, as section 1 pages are (help follows --lang or the locale)
$(BUILD)/ladder.1: $(BUILD)/ladder
	$(BUILD)/ladder --lang en --man >$@.tmp && mv $@.tmp $@

$(BUILD)/ladder.bash: $(BUILD)/ladder
	$(BUILD)/ladder --bash-completion >$@.tmp && mv $@.tmp $@

# LIBEXECDIR compiled into the lean program; rewritten only when it changes
$(BUILD)/gen/paths.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define LADDER_LIBEXECDIR "$(LIBEXECDIR)"' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(BUILD)/libladder.a: $(LIB_OBJ) $(filter-out $(BUILD)/src/cli/main.o,$(filter $(BUILD)/src/cli/%,$(OBJ)))
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/lean/main.o: src/cli/main.c $(wildcard src/*/*.h src/*/*.def) $(BUILD)/gen/paths.h $(BUILD)/gen/vocab_gen.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_SYS) $(NO_SQLITE) -DLADDER_LEAN -include $(BUILD)/gen/paths.h -MMD -MP -c -o $@ $<

$(BUILD)/ladder: $(BUILD)/lean/main.o $(BUILD)/libladder.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $^ $(LDLIBS_LEAN)

$(BUILD)/sheets/main.o: src/cli/main.c $(wildcard src/*/*.h src/*/*.def) $(BUILD)/gen/paths.h $(BUILD)/gen/vocab_gen.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_SYS) $(NO_SQLITE) -DLADDER_LEAN -DLADDER_SHEETS -include $(BUILD)/gen/paths.h -MMD -MP -c -o $@ $<

$(BUILD)/ladder-sheets: $(BUILD)/sheets/main.o $(BUILD)/libladder.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $^ $(LDLIBS_SHEETS)

$(BUILD)/%.o: %.c $(wildcard src/*/*.h src/*/*.def src/*/*.inc) $(BUILD)/gen/vocab_gen.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_SYS) $(sql_flags) -MMD -MP -c -o $@ $<

# bench/disclosure.sh: ladder's pattern against the optimum (issue 18);
# `make bench` builds it, bench/disclosure.sh too when it is missing
$(BUILD)/bench/disc_optimum: bench/disc_optimum.c $(BUILD)/libladder.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(CFLAGS_SYS) $(LDFLAGS) -Isrc -o $@ $< $(BUILD)/libladder.a $(LDLIBS_LEAN)

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBEDDED)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(foreach f,$(EMBEDDED),$(patsubst data/%,%,$(patsubst src/%,%,$(f)))=$(f))

# the vocabulary: po/nl.po compiled into string literals (src/base/vocab.h)
$(BUILD)/tools/vocab: tools/vocab.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/vocab_gen.h: $(BUILD)/tools/vocab po/nl.po
	@mkdir -p $(dir $@)
	$(BUILD)/tools/vocab $@ po/nl.po

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/unit_tests: $(UNIT_SRC) tests/unit/harness.h tests/unit/suites.def $(LIB_OBJ) $(BUILD)/gen/vocab_gen.h
	$(CC) $(CFLAGS_ALL) $(CFLAGS_SYS) $(LDFLAGS) -Isrc -o $@ $(UNIT_SRC) $(LIB_OBJ) $(LDLIBS_ALL)

unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests

cli: all
	LADDER=$(abspath $(BUILD)/ladder) bash tests/run-cli.sh

# the catalogue is valid gettext (c-format directives agree between the
# languages); engine and store hold no wording of their own; cli, render
# and http print no new wording outside the catalogue
vocab:
	msgfmt --check --check-format -o /dev/null po/nl.po
	python3 tests/lint/user_strings.py src/model src/engine src/store
	python3 tests/lint/user_strings.py --printed src/cli src/render src/http

test: vocab unit cli

# A quarantine of 32 MB instead of ASan's 256: memory freed is held back
# from reuse for that long (a use after free within the last 32 MB of frees
# is still caught), and new blocks come less often from untouched pages,
# whose faults made the system time as large as the user time of the
# suite's heavy tests (`ladder demo`: 1,0 -> 0,6 s, 232 -> 117 MB)
asan:
	ASAN_OPTIONS=$(or $(ASAN_OPTIONS),quarantine_size_mb=32) \
	LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp) $(MAKE) BUILD=build-asan OPT="-O1 -g" CC=clang \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" test

# ThreadSanitizer: the same tests (not part of CI: the threads are few and
# the suite runs several times slower); reports in fontconfig and glib,
# which are not instrumented, are suppressed (tests/tsan.supp)
tsan:
	TSAN_OPTIONS="halt_on_error=1 suppressions=$(abspath tests/tsan.supp) $(TSAN_OPTIONS)" \
	$(MAKE) BUILD=build-tsan OPT="-O1 -g" CC=clang SAN="-fsanitize=thread -fno-omit-frame-pointer" unit cli

fuzz:
	bash tests/fuzz/run.sh $(or $(FUZZ_SECONDS),20)

fuzz-long:
	bash tests/fuzz/run.sh 600

bench: $(BUILD)/ladder $(BUILD)/ladder-full $(BUILD)/bench/disc_optimum
	bash bench/import.sh
	bash bench/publish.sh
	bash bench/disclosure.sh
	bash bench/show.sh
	bash bench/scale.sh
	bash bench/serve-hostile.sh
	bash bench/sheets.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/ladder $(DESTDIR)$(BINDIR)/ladder
	install -m 755 $(BUILD)/ladder-sheets $(DESTDIR)$(LIBEXECDIR)/ladder-sheets
	install -m 755 $(BUILD)/ladder-full $(DESTDIR)$(LIBEXECDIR)/ladder-full
	install -m 644 $(BUILD)/ladder.1 $(DESTDIR)$(MANDIR)/man1/ladder.1
	install -m 644 $(BUILD)/ladder.bash $(DESTDIR)$(BASHCOMPDIR)/ladder

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ladder $(DESTDIR)$(LIBEXECDIR)/ladder-sheets $(DESTDIR)$(LIBEXECDIR)/ladder-full \
	      $(DESTDIR)$(MANDIR)/man1/ladder.1 $(DESTDIR)$(BASHCOMPDIR)/ladder
	-rmdir $(DESTDIR)$(LIBEXECDIR)

deb:
	bash scripts/build-deb.sh

print-no-sqlite:
	@echo $(NO_SQLITE)

clean:
	rm -rf build build-asan build-fuzz

-include $(OBJ:.o=.d) $(BUILD)/lean/main.d
