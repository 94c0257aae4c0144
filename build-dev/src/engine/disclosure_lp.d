build-dev/src/engine/disclosure_lp.o: src/engine/disclosure_lp.c \
 src/engine/disclosure_internal.h src/engine/disclosure.h \
 src/engine/../base/base.h
