build-dev/src/store/store_query.o: src/store/store_query.c \
 src/store/store_impl.h src/store/store.h src/store/../base/base.h \
 src/store/../model/model.h src/store/../model/../base/base.h \
 src/store/../model/../base/strmap.h
