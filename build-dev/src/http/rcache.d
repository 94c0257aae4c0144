build-dev/src/http/rcache.o: src/http/rcache.c src/http/rcache.h \
 src/http/../base/base.h
