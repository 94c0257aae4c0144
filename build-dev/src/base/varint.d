build-dev/src/base/varint.o: src/base/varint.c src/base/varint.h \
 src/base/base.h
