build-dev/src/base/strmap.o: src/base/strmap.c src/base/strmap.h \
 src/base/base.h
