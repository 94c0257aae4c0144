build-dev/src/base/sha256.o: src/base/sha256.c src/base/sha256.h
