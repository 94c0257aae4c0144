/* num.c - Dutch/plain number parsing. See num.h for the rules. */
#include "num.h"
#include "vocab.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int num_is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* Copies s without surrounding blanks into t (cap bytes); 0 if too long. */
static int trim_copy(const char *s, char *t, size_t cap)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n + 1 > cap)
		return 0;
	memcpy(t, s, n);
	t[n] = '\0';
	return 1;
}

/* Strips digit-group separators from the integer part in t, in place.
 * sep is '.' or ' '. Returns 0 if the grouping is irregular. */
static int ungroup(char *t, size_t intlen, char sep)
{
	size_t w = 0, run = 0;
	int groups = 0;
	for (size_t i = 0; i < intlen; i++) {
		char c = t[i];
		if (c == sep) {
			if ((groups == 0 && (run == 0 || run > 3)) || (groups > 0 && run != 3))
				return 0;
			groups++;
			run = 0;
			continue;
		}
		t[w++] = c;
		run++;
	}
	if (groups && run != 3)
		return 0;
	if (groups && t[0] == '0')
		return 0; /* "0.500" is no grouped number */
	memmove(t + w, t + intlen, strlen(t + intlen) + 1);
	return 1;
}

static int all_digits(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int num_parse_count(const char *s, long long *out, const char **why)
{
	char t[64];
	if (!trim_copy(s, t, sizeof t) || !*t) {
		*why = VOCAB_num_whole_persons_en;
		return LERR_PARSE;
	}
	char *p = t;
	int neg = 0;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	if (strchr(p, ',')) {
		*why = VOCAB_num_comma_in_count_en;
		return LERR_PARSE;
	}
	size_t n = strlen(p);
	char sep = strchr(p, '.') ? '.' : (strchr(p, ' ') ? ' ' : 0);
	if (sep && !ungroup(p, n, sep)) {
		*why = VOCAB_num_dot_groups_count_en;
		return LERR_PARSE;
	}
	if (!all_digits(p, strlen(p)) || strlen(p) > 15) {
		*why = VOCAB_num_whole_number_en;
		return LERR_PARSE;
	}
	long long v = strtoll(p, NULL, 10);
	*out = neg ? -v : v;
	return 0;
}

int num_parse_decimal(const char *s, double *out, num_style *style, const char **why)
{
	char t[64];
	if (!trim_copy(s, t, sizeof t) || !*t) {
		*why = VOCAB_num_number_en;
		return LERR_PARSE;
	}
	char *p = t;
	int neg = 0;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	char *comma = strchr(p, ',');
	char *dot = strchr(p, '.');
	num_style seen;
	if (comma) {
		if (strchr(comma + 1, ',')) {
			*why = VOCAB_num_one_comma_en;
			return LERR_PARSE;
		}
		if (dot && (dot > comma || !ungroup(p, (size_t)(comma - p), '.'))) {
			*why = VOCAB_num_dutch_style_en;
			return LERR_PARSE;
		}
		comma = strchr(p, ',');
		*comma = '.';
		seen = NUM_STYLE_DUTCH;
	} else if (dot) {
		size_t after = strlen(dot + 1);
		int one_dot = strchr(dot + 1, '.') == NULL;
		if (one_dot && after == 3 && dot > p && dot - p <= 3) {
			/* "1.309": a grouped count in Dutch style, a decimal in plain style */
			if (*style == NUM_STYLE_UNKNOWN) {
				*why = VOCAB_num_ambiguous_dot_en;
				return LERR_PARSE;
			}
			if (*style == NUM_STYLE_DUTCH && !ungroup(p, strlen(p), '.')) {
				*why = VOCAB_num_dutch_number_en;
				return LERR_PARSE;
			}
			seen = *style;
		} else if (one_dot) {
			seen = NUM_STYLE_PLAIN;
		} else {
			/* several dots: only Dutch thousands grouping makes sense */
			if (!ungroup(p, strlen(p), '.')) {
				*why = VOCAB_num_dot_groups_en;
				return LERR_PARSE;
			}
			seen = NUM_STYLE_DUTCH;
		}
	} else {
		seen = *style;
	}
	if (*style != NUM_STYLE_UNKNOWN && seen != *style) {
		*why = *style == NUM_STYLE_DUTCH
			       ? VOCAB_num_file_uses_comma_en
			       : VOCAB_num_file_uses_dot_en;
		return LERR_PARSE;
	}
	/* now p holds digits with at most one '.' */
	char *q = strchr(p, '.');
	size_t ilen = q ? (size_t)(q - p) : strlen(p);
	if (!all_digits(p, ilen) || (q && !all_digits(q + 1, strlen(q + 1)))) {
		*why = VOCAB_num_digits_en;
		return LERR_PARSE;
	}
	errno = 0;
	double v = strtod(p, NULL);
	if (errno) {
		*why = VOCAB_num_out_of_range_en;
		return LERR_PARSE;
	}
	/* only a number that parsed tells the file's style */
	*style = seen;
	*out = neg ? -v : v;
	return 0;
}

/* An optional '-', then 1 to 15 digits (within a long long and a double's
 * exact range); *rest points after them. 0 if the shape is wrong. */
static int option_digits(const char *s, int *neg, const char **rest)
{
	*neg = *s == '-';
	const char *p = s + *neg;
	size_t n = strspn(p, "0123456789");
	*rest = p + n;
	return n >= 1 && n <= 15;
}

int num_parse_option_int(const char *s, long long min, long long max, long long *out)
{
	int neg;
	const char *rest;
	if (!s || !option_digits(s, &neg, &rest) || *rest)
		return LERR_PARSE;
	long long v = strtoll(s, NULL, 10); /* 15 digits cannot overflow */
	if (v < min || v > max)
		return LERR_PARSE;
	*out = v;
	return 0;
}

int num_parse_option_real(const char *s, double min, double max, double *out)
{
	int neg;
	const char *rest;
	if (!s || !option_digits(s, &neg, &rest))
		return LERR_PARSE;
	char t[40];
	size_t ilen = (size_t)(rest - s);
	memcpy(t, s, ilen);
	t[ilen] = 0;
	if (*rest == '.' || *rest == ',') {
		size_t f = strspn(rest + 1, "0123456789");
		if (f < 1 || f > 15)
			return LERR_PARSE;
		t[ilen] = '.';
		memcpy(t + ilen + 1, rest + 1, f);
		t[ilen + 1 + f] = 0;
		rest += 1 + f;
	}
	if (*rest)
		return LERR_PARSE;
	double v = strtod(t, NULL);
	if (!(v >= min && v <= max))
		return LERR_PARSE;
	*out = v;
	return 0;
}

/* Digits of |v| rounded to `decimals`, grouped by thousands. */
void num_fmt_decimal(buf *b, double v, int decimals, int english)
{
	char group = english ? ',' : '.', point = english ? '.' : ',';
	char raw[64];
	snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
	if (strtod(raw, NULL) != 0 && v < 0)
		buf_addc(b, '-');
	char *dot = strchr(raw, '.');
	size_t ilen = dot ? (size_t)(dot - raw) : strlen(raw);
	for (size_t i = 0; i < ilen; i++) {
		if (i && (ilen - i) % 3 == 0)
			buf_addc(b, group);
		buf_addc(b, raw[i]);
	}
	if (dot) {
		buf_addc(b, point);
		buf_adds(b, dot + 1);
	}
}

void num_fmt_percent(buf *b, double v, int decimals, int english)
{
	num_fmt_decimal(b, v, decimals, english);
	buf_adds(b, english ? "%" : " %");
}

/* The reasons above in both languages (num_why). */
static const char *const whys[][2] = {
	{VOCAB_PAIR(num_whole_persons)},
	{VOCAB_PAIR(num_comma_in_count)},
	{VOCAB_PAIR(num_dot_groups_count)},
	{VOCAB_PAIR(num_whole_number)},
	{VOCAB_PAIR(num_number)},
	{VOCAB_PAIR(num_one_comma)},
	{VOCAB_PAIR(num_dutch_style)},
	{VOCAB_PAIR(num_ambiguous_dot)},
	{VOCAB_PAIR(num_dutch_number)},
	{VOCAB_PAIR(num_dot_groups)},
	{VOCAB_PAIR(num_file_uses_comma)},
	{VOCAB_PAIR(num_file_uses_dot)},
	{VOCAB_PAIR(num_digits)},
	{VOCAB_PAIR(num_out_of_range)},
};

const char *num_why(const char *why, int en)
{
	for (size_t i = 0; !en && i < sizeof whys / sizeof whys[0]; i++)
		if (strcmp(why, whys[i][1]) == 0)
			return whys[i][0];
	return why;
}
