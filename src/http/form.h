/* form.h - an HTML form's body as the browser posts it
 * (application/x-www-form-urlencoded): "a=1&b=x+y%21". Prefix: form_.
 * Fuzzed by tests/fuzz/fuzz_form.c.
 *
 * Strict, because the body comes from anyone who can reach the server: at
 * most max_fields fields (empty pieces between '&'s count too, so a body
 * of a million '&' is refused early), names of 1 to FORM_MAX_NAME bytes
 * and values of at most FORM_MAX_VALUE bytes once decoded, both valid
 * UTF-8 without NUL or control characters (a value may hold tab, CR and LF:
 * a comment of several lines), every %-escape two hex digits, and no name
 * twice (a field sent twice is not something this project's forms do, and
 * which of the two counts would be a guess).
 *
 * Ownership: names and values point into the caller's arena.
 */
#ifndef LADDER_FORM_H
#define LADDER_FORM_H

#include "../base/base.h"

#define FORM_MAX_NAME 128
#define FORM_MAX_VALUE 4000

typedef struct form_field {
	const char *name, *value;
} form_field;

typedef struct form {
	form_field *fields; /* in the order sent */
	int n;
} form;

/* Parses body[0..len) (need not be NUL-terminated). 0, or LERR_PARSE with
 * err saying what is wrong (its column: the byte offset, 1-based). */
int form_parse(arena *a, const char *body, size_t len, int max_fields, form *out, lerr *err);
/* The value of a field, or NULL. */
const char *form_get(const form *f, const char *name);

#endif
