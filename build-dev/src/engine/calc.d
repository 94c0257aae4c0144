build-dev/src/engine/calc.o: src/engine/calc.c src/engine/calc.h \
 src/engine/../store/store.h src/engine/../store/../base/base.h \
 src/engine/../store/../model/model.h \
 src/engine/../store/../model/../base/base.h \
 src/engine/../store/../model/../base/strmap.h src/engine/disclosure.h \
 src/engine/../base/base.h src/engine/../base/varint.h \
 src/engine/../base/base.h
