/* num.h - reading numbers the way Belgian spreadsheets write them.
 *
 * Counts: digits, optionally grouped by '.' in threes ("56.721" is 56721) or
 * by a space. Anything with ',' or a '.' not followed by exactly three digits
 * is refused: in a count "1,309" or "1.5" could mean two different numbers.
 *
 * Decimals: ',' is the decimal mark in Dutch style ("13,5"), '.' in plain
 * style ("13.5"). A file must not mix the two; the caller keeps a num_style
 * per file and passes it to every call. "1.309" (one '.', three digits after
 * it) could be either, so it is ambiguous until the file has shown its style.
 * Dutch style may group thousands with '.' ("1.234,5").
 *
 * Errors: functions return 0 or LERR_PARSE and point *why at a static English
 * explanation of what was expected (num_why: the same in Dutch).
 */
#ifndef LADDER_NUM_H
#define LADDER_NUM_H

#include "base.h"

typedef enum num_style { NUM_STYLE_UNKNOWN, NUM_STYLE_DUTCH, NUM_STYLE_PLAIN } num_style;

int num_parse_count(const char *s, long long *out, const char **why);
int num_parse_decimal(const char *s, double *out, num_style *style, const char **why);
/* A *why of the functions above in Dutch (en 0) or as it is, English (en 1). */
const char *num_why(const char *why, int en);
/* Numbers on a command line or in a URL (--year, --port, ?year=): the whole
 * string must be the number, within [min, max]: an optional '-' and decimal
 * digits; for reals also one '.' or ',' and digits after it. No blanks, '+',
 * grouping, hexadecimal, exponents, infinities; no silent wrap-around
 * ("4294969313" is out of range, not 2017). Returns 0 or LERR_PARSE and leaves
 * *out alone on failure. */
int num_parse_option_int(const char *s, long long min, long long max, long long *out);
int num_parse_option_real(const char *s, double min, double max, double *out);
/* Numbers for people: Belgian Dutch style (56.721 and 78,8 %) or English
 * (56,721 and 78.8%). */
void num_fmt_decimal(buf *b, double v, int decimals, int english);
void num_fmt_percent(buf *b, double v, int decimals, int english);

/* Trims ASCII spaces and tabs; returns 1 if nothing is left. */
int num_is_blank(const char *s);

#endif
