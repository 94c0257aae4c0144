build-dev/src/store/import_fields.o: src/store/import_fields.c \
 src/store/import_internal.h src/store/import.h src/store/store.h \
 src/store/../base/base.h src/store/../model/model.h \
 src/store/../model/../base/base.h src/store/../model/../base/strmap.h \
 src/store/store_impl.h src/store/../base/csv.h src/store/../base/base.h \
 src/store/../base/num.h
