build-dev/src/render/pango_util.o: src/render/pango_util.c \
 src/render/pango_util.h
