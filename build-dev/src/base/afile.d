build-dev/src/base/afile.o: src/base/afile.c src/base/afile.h \
 src/base/base.h
