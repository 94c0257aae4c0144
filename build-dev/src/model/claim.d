build-dev/src/model/claim.o: src/model/claim.c src/model/claim.h \
 src/model/../base/base.h src/model/../base/num.h \
 src/model/../base/base.h
