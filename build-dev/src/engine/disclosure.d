build-dev/src/engine/disclosure.o: src/engine/disclosure.c \
 src/engine/disclosure_internal.h src/engine/disclosure.h \
 src/engine/../base/base.h
