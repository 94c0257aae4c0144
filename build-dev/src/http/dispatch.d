build-dev/src/http/dispatch.o: src/http/dispatch.c src/http/http.h \
 src/http/../render/render.h src/http/../render/../engine/calc.h \
 src/http/../render/../engine/../store/store.h \
 src/http/../render/../engine/../store/../base/base.h \
 src/http/../render/../engine/../store/../model/model.h \
 src/http/../render/../engine/../store/../model/../base/base.h \
 src/http/../render/../engine/../store/../model/../base/strmap.h \
 src/http/../render/../engine/disclosure.h \
 src/http/../render/../engine/../base/base.h \
 src/http/../render/../engine/check.h src/http/../render/../engine/calc.h \
 src/http/../render/../engine/../model/claim.h \
 src/http/../render/../engine/../model/../base/base.h src/http/url.h \
 src/http/../base/base.h src/http/routes.def src/http/../base/vocab.h \
 build-dev/gen/vocab_gen.h
