build-dev/src/render/report_index.o: src/render/report_index.c \
 src/render/report.h src/render/chart.h src/render/render.h \
 src/render/../engine/calc.h src/render/../engine/../store/store.h \
 src/render/../engine/../store/../base/base.h \
 src/render/../engine/../store/../model/model.h \
 src/render/../engine/../store/../model/../base/base.h \
 src/render/../engine/../store/../model/../base/strmap.h \
 src/render/../engine/disclosure.h src/render/../engine/../base/base.h \
 src/render/../engine/check.h src/render/../engine/calc.h \
 src/render/../engine/../model/claim.h \
 src/render/../engine/../model/../base/base.h src/render/../base/vocab.h \
 build-dev/gen/vocab_gen.h
