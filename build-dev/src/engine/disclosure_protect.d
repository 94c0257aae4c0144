build-dev/src/engine/disclosure_protect.o: \
 src/engine/disclosure_protect.c src/engine/disclosure_internal.h \
 src/engine/disclosure.h src/engine/../base/base.h
