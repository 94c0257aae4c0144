build-dev/src/engine/check.o: src/engine/check.c src/engine/check.h \
 src/engine/calc.h src/engine/../store/store.h \
 src/engine/../store/../base/base.h src/engine/../store/../model/model.h \
 src/engine/../store/../model/../base/base.h \
 src/engine/../store/../model/../base/strmap.h src/engine/disclosure.h \
 src/engine/../base/base.h src/engine/../model/claim.h \
 src/engine/../model/../base/base.h src/engine/../base/num.h \
 src/engine/../base/base.h
