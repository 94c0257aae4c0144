build-dev/src/model/model.o: src/model/model.c src/model/model.h \
 src/model/../base/base.h src/model/../base/strmap.h
