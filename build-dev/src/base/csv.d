build-dev/src/base/csv.o: src/base/csv.c src/base/csv.h src/base/base.h \
 src/base/sha256.h
