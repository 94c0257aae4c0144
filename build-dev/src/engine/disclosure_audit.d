build-dev/src/engine/disclosure_audit.o: src/engine/disclosure_audit.c \
 src/engine/disclosure_internal.h src/engine/disclosure.h \
 src/engine/../base/base.h
