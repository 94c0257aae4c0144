build-dev/src/cli/cmd_demo.o: src/cli/cmd_demo.c src/cli/cli.h \
 src/cli/../base/afile.h src/cli/../base/base.h \
 src/cli/../render/render.h src/cli/../render/../engine/calc.h \
 src/cli/../render/../engine/../store/store.h \
 src/cli/../render/../engine/../store/../base/base.h \
 src/cli/../render/../engine/../store/../model/model.h \
 src/cli/../render/../engine/../store/../model/../base/base.h \
 src/cli/../render/../engine/../store/../model/../base/strmap.h \
 src/cli/../render/../engine/disclosure.h \
 src/cli/../render/../engine/../base/base.h \
 src/cli/../render/../engine/check.h src/cli/../render/../engine/calc.h \
 src/cli/../render/../engine/../model/claim.h \
 src/cli/../render/../engine/../model/../base/base.h \
 src/cli/../store/import.h src/cli/../store/store.h src/cli/commands.def \
 src/cli/../base/embed.h
