build-dev/src/store/store.o: src/store/store.c src/store/store_impl.h \
 src/store/store.h src/store/../base/base.h src/store/../model/model.h \
 src/store/../model/../base/base.h src/store/../model/../base/strmap.h \
 src/store/../base/embed.h
