build-dev/src/base/base.o: src/base/base.c src/base/base.h
