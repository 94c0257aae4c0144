build-dev/src/http/url.o: src/http/url.c src/http/url.h \
 src/http/../base/base.h
