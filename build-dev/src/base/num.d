build-dev/src/base/num.o: src/base/num.c src/base/num.h src/base/base.h
