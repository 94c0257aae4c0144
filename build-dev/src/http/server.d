build-dev/src/http/server.o: src/http/server.c src/http/http.h \
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
 src/http/../base/base.h src/http/routes.def src/http/guard.h \
 src/http/rcache.h src/http/../base/num.h src/http/../base/base.h \
 src/http/../base/sha256.h src/http/../base/vocab.h \
 build-dev/gen/vocab_gen.h
