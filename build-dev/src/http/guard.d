build-dev/src/http/guard.o: src/http/guard.c src/http/guard.h
